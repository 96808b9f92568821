/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Authentication: who sends a request (bearer tokens), what they may do,
 * password hashes and tokens.
 */
#include "msk-srv-auth.h"

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
