/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/session, /v1/accounts and /v1/me: signing in and out, accounts.
 */
#include "msk-srv-session.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- accounts ------------------------------------------------------------ */

gint64
msk_srv_add_user_with_hash (MskServerDb *db,
                            const char  *username,
                            const char  *display_name,
                            const char  *hash,
                            const char  *roles)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (db,
                                              "INSERT INTO users (username, display_name, "
                                              "password_hash, roles, created_at) "
                                              "VALUES (?, ?, ?, ?, ?)");
  int rc;

  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, roles, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, msk_server_now ());
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? msk_server_db_last_insert_id (db) : 0;
}

gint64
msk_srv_add_user (MskServerDb *db,
                  const char  *username,
                  const char  *display_name,
                  const char  *password,
                  const char  *roles)
{
  g_autofree char *hash = msk_srv_auth_hash_password (password);

  return msk_srv_add_user_with_hash (db, username, display_name, hash, roles);
}

static void
add_user (MskSrvCtx   *ctx,
          JsonBuilder *b,
          gint64       user_id)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT id, username, display_name, roles "
                                              "FROM users WHERE id = ?");
  g_auto(GStrv) roles = NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_step (stmt);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 1));
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 2));
  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  roles = g_strsplit (msk_srv_col_text (stmt, 3), ",", -1);
  for (guint i = 0; roles[i] != NULL; i++)
    json_builder_add_string_value (b, roles[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  sqlite3_reset (stmt);
}

/* What a sign-in or a new account needs once its password is hashed. */
typedef struct
{
  char *username;
  char *display_name;   /* new accounts */
  gint64 user_id;       /* sign-ins: 0 for an unknown user */
} MskSrvAccountJob;

static void
account_job_free (MskSrvAccountJob *job)
{
  g_free (job->username);
  g_free (job->display_name);
  g_free (job);
}

static void
password_checked_cb (MskSrvCtx  *ctx,
                     gboolean    ok,
                     const char *hash,
                     gpointer    user_data)
{
  MskSrvAccountJob *sign_in = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  sqlite3_stmt *stmt;

  ok = ok && sign_in->user_id != 0;
  msk_srv_sign_ins_end (ctx->sign_ins, sign_in->username, ok);
  if (!ok)
    {
      msk_srv_ctx_problem (ctx, "invalid-credentials", NULL);
      account_job_free (sign_in);
      return;
    }

  token = msk_srv_auth_new_token ();
  token_hash = msk_srv_auth_token_hash (token);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO tokens (hash, user_id, created_at, expires_at) "
                                "VALUES (?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, sign_in->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_bind_int64 (stmt, 4, ctx->now + 30 * 24 * 3600);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "token_type");
  json_builder_add_string_value (b, "Bearer");
  msk_srv_builder_add_time (b, "expires_at", ctx->now + 30 * 24 * 3600);
  json_builder_set_member_name (b, "user");
  add_user (ctx, b, sign_in->user_id);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 201, b);
  account_job_free (sign_in);
}

static void
post_session (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "username", MSK_SRV_FIELD_STRING, TRUE, 1, 64 },
    { "password", MSK_SRV_FIELD_STRING, TRUE, 1, 256 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autofree char *hash = NULL;
  MskSrvAccountJob *sign_in;
  const char *username;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  guint retry_after = 0;

  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;

  username = json_object_get_string_member (obj, "username");
  if (!msk_srv_sign_ins_begin (ctx->sign_ins, username, &retry_after))
    {
      g_autofree char *secs = g_strdup_printf ("%u", retry_after);

      msk_srv_ctx_add_header (ctx, "Retry-After", secs);
      msk_srv_ctx_problem (ctx, "sign-in-backoff", NULL);
      return;
    }

  sign_in = g_new0 (MskSrvAccountJob, 1);
  sign_in->username = g_strdup (username);
  stmt = msk_server_db_prepare (ctx->db, "SELECT id, password_hash FROM users WHERE username = ?");
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sign_in->user_id = sqlite3_column_int64 (stmt, 0);
      hash = g_strdup (msk_srv_col_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  /* An unknown user is checked against a hash all the same: as slow. */
  msk_srv_auth_check_password_async (ctx, json_object_get_string_member (obj, "password"),
                                     hash, password_checked_cb, sign_in);
}

static void
delete_session (MskSrvCtx *ctx)
{
  sqlite3_stmt *stmt;

  if (!msk_srv_auth_require_user (ctx))
    return;
  stmt = msk_server_db_prepare (ctx->db, "DELETE FROM tokens WHERE hash = ?");
  sqlite3_bind_text (stmt, 1, ctx->token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  msk_srv_ctx_reply_bytes (ctx, 204, NULL, NULL);
}

static gboolean
valid_username (const char *s)
{
  gsize len = strlen (s);

  if (len < 3 || len > 32)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

/* A name as it reads: compatibility forms and case folded, without spaces,
 * combining marks, invisible formatting or tatweel, so that names a reader
 * cannot tell apart compare equal. */
static char *
fold_name (const char *name)
{
  g_autofree char *nfkc = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (nfkc, -1);
  g_autofree char *again = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = again; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_isspace (c) || c == 0x0640 /* tatweel */ ||
          type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_FORMAT)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Whether @name reads as a moderator's or staff member's name or username. */
static gboolean
name_is_reserved (MskSrvCtx  *ctx,
                  const char *name)
{
  g_autofree char *folded = fold_name (name);
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT username, display_name FROM users "
                                              "WHERE ',' || roles || ',' LIKE '%,moderator,%' "
                                              "OR ',' || roles || ',' LIKE '%,staff,%'");
  gboolean reserved = FALSE;

  while (!reserved && sqlite3_step (stmt) == SQLITE_ROW)
    for (int col = 0; col < 2 && !reserved; col++)
      {
        g_autofree char *other = fold_name (msk_srv_col_text (stmt, col));

        reserved = g_str_equal (folded, other);
      }
  sqlite3_reset (stmt);
  return reserved;
}

/* The field error code for a display name that would mislead, or NULL. */
static const char *
display_name_problem (MskSrvCtx  *ctx,
                      const char *name)
{
  gboolean blank = TRUE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      blank = FALSE;
  if (blank)
    return "blank";

  /* Direction overrides, isolates and marks, invisible formatting and
   * controls: they make a name read as another one. */
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    switch (g_unichar_type (g_utf8_get_char (p)))
      {
      case G_UNICODE_CONTROL:
      case G_UNICODE_FORMAT:
      case G_UNICODE_UNASSIGNED:
      case G_UNICODE_PRIVATE_USE:
      case G_UNICODE_SURROGATE:
      case G_UNICODE_LINE_SEPARATOR:
      case G_UNICODE_PARAGRAPH_SEPARATOR:
        return "control-characters";
      default:
        break;
      }

  if (name_is_reserved (ctx, name))
    return "reserved-name";
  return NULL;
}

static void
password_hashed_cb (MskSrvCtx  *ctx,
                    gboolean    ok,
                    const char *hash,
                    gpointer    user_data)
{
  MskSrvAccountJob *account = user_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 user_id;

  /* the same username may have been taken meanwhile */
  user_id = msk_srv_add_user_with_hash (ctx->db, account->username, account->display_name,
                                        hash, "citizen");
  if (user_id == 0)
    msk_srv_ctx_problem (ctx, "username-taken", NULL);
  else
    {
      add_user (ctx, b, user_id);
      msk_srv_ctx_reply_builder (ctx, 201, b);
    }
  account_job_free (account);
}

static void
post_account (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "username", MSK_SRV_FIELD_STRING, TRUE, 0, 0 },
    { "password", MSK_SRV_FIELD_STRING, TRUE, 8, 256 },
    { "display_name", MSK_SRV_FIELD_STRING, FALSE, 1, 80 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  MskSrvAccountJob *account;
  const char *username = NULL;
  const char *display_name = NULL;
  const char *password = NULL;
  JsonObject *obj;

  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0)
    {
      const char *problem;

      username = json_object_get_string_member (obj, "username");
      password = json_object_get_string_member (obj, "password");
      display_name = msk_srv_optional_string (obj, "display_name");
      if (!valid_username (username))
        msk_srv_errors_add (ctx, errors, "/username", 0, "invalid-value", 0);
      problem = display_name_problem (ctx, display_name != NULL ? display_name : username);
      if (problem != NULL)
        msk_srv_errors_add (ctx, errors, display_name != NULL ? "/display_name" : "/username",
                            0, problem, 0);
      problem = msk_srv_auth_weak_password (password, username);
      if (problem != NULL)
        msk_srv_errors_add (ctx, errors, "/password", 0, problem, 0);
    }
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;
  {
    sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                                "SELECT count(*) FROM users WHERE username = ?");
    gboolean taken;

    sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
    sqlite3_step (stmt);
    taken = sqlite3_column_int64 (stmt, 0) > 0;
    sqlite3_reset (stmt);
    if (taken)
      {
        msk_srv_ctx_problem (ctx, "username-taken", NULL);
        return;
      }
  }

  account = g_new0 (MskSrvAccountJob, 1);
  account->username = g_strdup (username);
  account->display_name = g_strdup (display_name != NULL ? display_name : username);
  msk_srv_auth_hash_password_async (ctx, password, password_hashed_cb, account);
}

static void
get_me (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!msk_srv_auth_require_user (ctx))
    return;
  add_user (ctx, b, ctx->user_id);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

const MskSrvRouteDef msk_srv_session_routes[] = {
  /* their replies hold a token or an account: never kept for a replay */
  { "POST", "/v1/session", post_session, TRUE },
  { "DELETE", "/v1/session", delete_session },
  { "POST", "/v1/accounts", post_account, TRUE },
  { "GET", "/v1/me", get_me },
};
const gsize msk_srv_session_n_routes = G_N_ELEMENTS (msk_srv_session_routes);
