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
msk_srv_add_user (MskServerDb *db,
                  const char  *username,
                  const char  *display_name,
                  const char  *password,
                  const char  *roles)
{
  g_autofree char *hash = msk_srv_auth_hash_password (password);
  sqlite3_stmt *stmt = msk_server_db_prepare (db,
                                              "INSERT INTO users (username, display_name, "
                                              "password_hash, roles, created_at) "
                                              "VALUES (?, ?, ?, ?, ?)");
  int rc;

  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, roles, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? msk_server_db_last_insert_id (db) : 0;
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

static void
post_session (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "username", MSK_SRV_FIELD_STRING, TRUE, 1, 64 },
    { "password", MSK_SRV_FIELD_STRING, TRUE, 1, 256 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 user_id = 0;

  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;

  stmt = msk_server_db_prepare (ctx->db, "SELECT id, password_hash FROM users WHERE username = ?");
  sqlite3_bind_text (stmt, 1, json_object_get_string_member (obj, "username"), -1,
                     SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user_id = sqlite3_column_int64 (stmt, 0);
      hash = g_strdup (msk_srv_col_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (user_id == 0 ||
      !msk_srv_auth_check_password (json_object_get_string_member (obj, "password"), hash))
    {
      msk_srv_ctx_problem (ctx, "invalid-credentials", NULL);
      return;
    }

  token = msk_srv_auth_new_token ();
  token_hash = msk_srv_auth_token_hash (token);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO tokens (hash, user_id, created_at, expires_at) "
                                "VALUES (?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user_id);
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
  add_user (ctx, b, user_id);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 201, b);
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

static void
post_account (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "username", MSK_SRV_FIELD_STRING, TRUE, 0, 0 },
    { "password", MSK_SRV_FIELD_STRING, TRUE, 8, 256 },
    { "display_name", MSK_SRV_FIELD_STRING, FALSE, 1, 80 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *username;
  const char *display_name;
  JsonObject *obj;
  gint64 user_id;

  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0 &&
      !valid_username (json_object_get_string_member (obj, "username")))
    msk_srv_errors_add (ctx, errors, "/username", 0, "invalid-value", 0);
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;
  username = json_object_get_string_member (obj, "username");
  display_name = msk_srv_optional_string (obj, "display_name");
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
  user_id = msk_srv_add_user (ctx->db, username,
                              display_name != NULL ? display_name : username,
                              json_object_get_string_member (obj, "password"), "citizen");
  if (user_id == 0)
    {
      msk_srv_ctx_problem (ctx, "username-taken", NULL);
      return;
    }
  add_user (ctx, b, user_id);
  msk_srv_ctx_reply_builder (ctx, 201, b);
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
  { "POST", "/v1/session", post_session },
  { "DELETE", "/v1/session", delete_session },
  { "POST", "/v1/accounts", post_account },
  { "GET", "/v1/me", get_me },
};
const gsize msk_srv_session_n_routes = G_N_ELEMENTS (msk_srv_session_routes);
