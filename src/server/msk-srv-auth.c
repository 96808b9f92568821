/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Authentication: who sends a request (bearer tokens), what they may do,
 * password hashes and tokens.
 */
#include "msk-srv-auth.h"
#include "msk-srv-router.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

gboolean
msk_srv_auth_authenticate (MskSrvCtx *ctx)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (ctx->msg);
  const char *auth = soup_message_headers_get_one (h, "Authorization");
  sqlite3_stmt *stmt;
  g_autofree char *hash = NULL;

  if (auth == NULL)
    return TRUE;
  if (g_ascii_strncasecmp (auth, "Bearer ", 7) != 0 || auth[7] == '\0')
    goto bad;

  hash = msk_srv_auth_token_hash (auth + 7);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT u.id, u.username, u.display_name, u.roles "
                                "FROM tokens t JOIN users u ON u.id = t.user_id "
                                "WHERE t.hash = ? AND t.expires_at > ?");
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ctx->now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      goto bad;
    }
  ctx->user_id = sqlite3_column_int64 (stmt, 0);
  ctx->username = g_strdup (msk_srv_col_text (stmt, 1));
  ctx->display_name = g_strdup (msk_srv_col_text (stmt, 2));
  {
    g_auto(GStrv) roles = g_strsplit (msk_srv_col_text (stmt, 3), ",", -1);

    for (guint i = 0; roles[i] != NULL; i++)
      {
        if (g_str_equal (roles[i], "citizen"))
          ctx->roles |= MSK_SRV_ROLE_CITIZEN;
        else if (g_str_equal (roles[i], "moderator"))
          ctx->roles |= MSK_SRV_ROLE_MODERATOR;
        else if (g_str_equal (roles[i], "staff"))
          ctx->roles |= MSK_SRV_ROLE_STAFF;
      }
  }
  sqlite3_reset (stmt);
  ctx->token_hash = g_steal_pointer (&hash);
  return TRUE;

bad:
  msk_srv_ctx_add_header (ctx, "WWW-Authenticate",
                          "Bearer realm=\"musharaka\", error=\"invalid_token\"");
  msk_srv_ctx_problem (ctx, "unauthorized", NULL);
  return FALSE;
}

gboolean
msk_srv_auth_require_user (MskSrvCtx *ctx)
{
  if (ctx->user_id == 0)
    {
      msk_srv_ctx_add_header (ctx, "WWW-Authenticate", "Bearer realm=\"musharaka\"");
      msk_srv_ctx_problem (ctx, "unauthorized", NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
msk_srv_auth_require_role (MskSrvCtx  *ctx,
                           MskSrvRole  role)
{
  if (!msk_srv_auth_require_user (ctx))
    return FALSE;
  if ((ctx->roles & role) == 0)
    {
      msk_srv_ctx_problem (ctx, "forbidden", NULL);
      return FALSE;
    }
  return TRUE;
}

char *
msk_srv_auth_hash_password (const char *password)
{
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *hash;

  /* NULL random bytes: libxcrypt reads them from the kernel. */
  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
    g_error ("crypt_gensalt_rn failed for yescrypt");

  hash = crypt_r (password, salt, data);
  if (hash == NULL || hash[0] == '*')
    g_error ("crypt_r failed for yescrypt");
  return g_strdup (hash);
}

gboolean
msk_srv_auth_check_password (const char *password,
                             const char *hash)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *computed;
  gsize len;
  guint8 diff = 0;

  if (hash == NULL || !g_str_has_prefix (hash, "$y$"))
    return FALSE;
  computed = crypt_r (password, hash, data);
  if (computed == NULL || computed[0] == '*')
    return FALSE;
  len = strlen (hash);
  if (strlen (computed) != len)
    return FALSE;
  /* constant time */
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (computed[i] ^ hash[i]);
  return diff == 0;
}

char *
msk_srv_auth_new_token (void)
{
  guint8 bytes[32];
  g_autoptr(GString) s = g_string_new ("msk_");

  if (getentropy (bytes, sizeof bytes) != 0)
    g_error ("getentropy failed: %s", g_strerror (errno));
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
msk_srv_auth_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/* ---- hashing off the main loop ------------------------------------------ */

/* Checking a password costs tens of milliseconds of CPU and megabytes of
 * memory: it runs on a few threads of its own, while the request waits
 * paused and the main loop goes on answering others. */

typedef struct
{
  MskSrvCtx *ctx;
  GMainContext *context;  /* where @done runs */
  char *password;         /* wiped when freed */
  char *hash;             /* in: the stored hash to check; out: the new hash */
  gboolean check;
  gboolean ok;
  MskSrvAuthDoneFunc done;
  gpointer user_data;
} MskSrvAuthJob;

static void
auth_job_free (MskSrvAuthJob *job)
{
  if (job->password != NULL)
    explicit_bzero (job->password, strlen (job->password));
  g_free (job->password);
  g_free (job->hash);
  g_main_context_unref (job->context);
  g_free (job);
}

/* A hash made the same way as every account's, for sign-ins that have no
 * account's hash to check: an unknown user takes as long as a known one. */
static const char *
dummy_hash (void)
{
  static char *hash = NULL;

  if (g_once_init_enter (&hash))
    {
      guint8 bytes[16];
      g_autoptr(GString) password = g_string_new (NULL);

      if (getentropy (bytes, sizeof bytes) != 0)
        g_error ("getentropy failed: %s", g_strerror (errno));
      for (gsize i = 0; i < sizeof bytes; i++)
        g_string_append_printf (password, "%02x", bytes[i]);
      g_once_init_leave (&hash, msk_srv_auth_hash_password (password->str));
    }
  return hash;
}

static gboolean
auth_job_done_cb (gpointer user_data)
{
  MskSrvAuthJob *job = user_data;

  job->done (job->ctx, job->ok, job->hash, job->user_data);
  msk_srv_router_resume (job->ctx);
  auth_job_free (job);
  return G_SOURCE_REMOVE;
}

static void
auth_job_run (gpointer data,
              gpointer pool_data)
{
  MskSrvAuthJob *job = data;
  g_autoptr(GSource) source = g_idle_source_new ();

  if (job->check)
    {
      gboolean usable = job->hash != NULL && g_str_has_prefix (job->hash, "$y$");

      job->ok = msk_srv_auth_check_password (job->password, usable ? job->hash : dummy_hash ()) &&
                usable;
    }
  else
    {
      job->hash = msk_srv_auth_hash_password (job->password);
      job->ok = TRUE;
    }

  /* Back on the main context: never call into it from here. */
  g_source_set_callback (source, auth_job_done_cb, job, NULL);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_attach (source, job->context);
}

static void
auth_job_push (MskSrvCtx          *ctx,
               const char         *password,
               const char         *hash,
               gboolean            check,
               MskSrvAuthDoneFunc  done,
               gpointer            user_data)
{
  static GThreadPool *pool = NULL;
  MskSrvAuthJob *job = g_new0 (MskSrvAuthJob, 1);

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (auth_job_run, NULL,
                                                 MAX (2, (int) g_get_num_processors ()),
                                                 FALSE, NULL));
  job->ctx = ctx;
  job->context = g_main_context_ref_thread_default ();
  job->password = g_strdup (password);
  job->hash = g_strdup (hash);
  job->check = check;
  job->done = done;
  job->user_data = user_data;
  msk_srv_router_pause (ctx);
  g_thread_pool_push (pool, job, NULL);
}

/* Checks @password against @hash (NULL or unusable: against a hash of the
 * same cost, and fails) on a worker thread; @done runs on the main context
 * with the result, then the request is answered with what @done replied. */
void
msk_srv_auth_check_password_async (MskSrvCtx          *ctx,
                                   const char         *password,
                                   const char         *hash,
                                   MskSrvAuthDoneFunc  done,
                                   gpointer            user_data)
{
  auth_job_push (ctx, password, hash, TRUE, done, user_data);
}

/* Hashes @password on a worker thread; @done gets the hash. */
void
msk_srv_auth_hash_password_async (MskSrvCtx          *ctx,
                                  const char         *password,
                                  MskSrvAuthDoneFunc  done,
                                  gpointer            user_data)
{
  auth_job_push (ctx, password, NULL, FALSE, done, user_data);
}

/* ---- sign-in back-off --------------------------------------------------- */

/* Per account (by the username asked for, whether or not it exists, so the
 * back-off tells nothing about which do): after MSK_SRV_SIGN_IN_FREE_FAILURES
 * failures every further one doubles the wait, up to MSK_SRV_SIGN_IN_MAX_WAIT;
 * while waiting, every attempt is refused, the right password too, from
 * any address. A successful sign-in clears the failures. */
#define MSK_SRV_SIGN_IN_FREE_FAILURES 5
#define MSK_SRV_SIGN_IN_MAX_WAIT (G_GINT64_CONSTANT (15 * 60) * G_USEC_PER_SEC)
#define MSK_SRV_SIGN_IN_FORGET (G_GINT64_CONSTANT (60 * 60) * G_USEC_PER_SEC)

typedef struct
{
  guint failures;
  guint pending;          /* attempts being checked */
  gint64 wait_until;      /* monotonic µs */
  gint64 last;            /* monotonic µs of the last failure */
} MskSrvSignInRecord;

struct _MskSrvSignIns
{
  GHashTable *accounts;   /* lower-case username → MskSrvSignInRecord */
};

MskSrvSignIns *
msk_srv_sign_ins_new (void)
{
  MskSrvSignIns *self = g_new0 (MskSrvSignIns, 1);

  self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
msk_srv_sign_ins_free (MskSrvSignIns *self)
{
  g_hash_table_unref (self->accounts);
  g_free (self);
}

static gboolean
sign_in_record_idle (MskSrvSignInRecord *record,
                     gint64              now)
{
  return record->pending == 0 && record->wait_until <= now &&
         now - record->last > MSK_SRV_SIGN_IN_FORGET;
}

/* Whether an attempt for @username may be checked now; if not, how many
 * seconds to wait. An allowed attempt must be ended with msk_srv_sign_ins_end(). */
gboolean
msk_srv_sign_ins_begin (MskSrvSignIns *self,
                        const char    *username,
                        guint         *retry_after)
{
  g_autofree char *key = g_ascii_strdown (username, -1);
  MskSrvSignInRecord *record = g_hash_table_lookup (self->accounts, key);
  gint64 now = g_get_monotonic_time ();
  guint allowed;

  if (record != NULL && sign_in_record_idle (record, now))
    {
      g_hash_table_remove (self->accounts, key);
      record = NULL;
    }
  if (record == NULL)
    {
      if (g_hash_table_size (self->accounts) > 10000)
        {
          GHashTableIter iter;
          MskSrvSignInRecord *r;

          g_hash_table_iter_init (&iter, self->accounts);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &r))
            if (sign_in_record_idle (r, now))
              g_hash_table_iter_remove (&iter);
        }
      record = g_new0 (MskSrvSignInRecord, 1);
      record->last = now;
      g_hash_table_insert (self->accounts, g_steal_pointer (&key), record);
    }

  /* Attempts under way count too, or many sent at once would all pass. */
  allowed = record->failures < MSK_SRV_SIGN_IN_FREE_FAILURES
            ? MSK_SRV_SIGN_IN_FREE_FAILURES - record->failures : 1;
  if (record->wait_until > now || record->pending >= allowed)
    {
      gint64 wait = MAX (record->wait_until - now, G_USEC_PER_SEC);

      *retry_after = (guint) ((wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      return FALSE;
    }
  record->pending++;
  return TRUE;
}

void
msk_srv_sign_ins_end (MskSrvSignIns *self,
                      const char    *username,
                      gboolean       succeeded)
{
  g_autofree char *key = g_ascii_strdown (username, -1);
  MskSrvSignInRecord *record = g_hash_table_lookup (self->accounts, key);
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (record != NULL && record->pending > 0);

  record->pending--;
  if (succeeded)
    {
      record->failures = 0;
      record->wait_until = 0;
      if (record->pending == 0)
        g_hash_table_remove (self->accounts, key);
      return;
    }
  record->failures++;
  record->last = now;
  if (record->failures >= MSK_SRV_SIGN_IN_FREE_FAILURES)
    {
      guint doublings = MIN (record->failures - MSK_SRV_SIGN_IN_FREE_FAILURES, 20);
      gint64 wait = MIN ((gint64) G_USEC_PER_SEC << doublings, MSK_SRV_SIGN_IN_MAX_WAIT);

      record->wait_until = now + wait;
    }
}

/* ---- passwords too easy to guess ---------------------------------------- */

static GHashTable *
common_passwords (void)
{
  static GHashTable *set = NULL;

  if (g_once_init_enter (&set))
    {
      GHashTable *s = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GBytes) bytes =
        g_resources_lookup_data ("/io/github/musharaka/Server/common-passwords.txt",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert (bytes != NULL);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0' && lines[i][0] != '#')
          g_hash_table_add (s, g_utf8_casefold (lines[i], -1));
      g_once_init_leave (&set, s);
    }
  return set;
}

/* The field error code for a password that would be guessed first, or NULL. */
const char *
msk_srv_auth_weak_password (const char *password,
                            const char *username)
{
  g_autofree char *folded = g_utf8_casefold (password, -1);
  g_autofree char *folded_username = g_utf8_casefold (username, -1);

  if (g_str_equal (folded, folded_username))
    return "password-is-username";
  if (g_hash_table_contains (common_passwords (), folded))
    return "common-password";
  return NULL;
}
