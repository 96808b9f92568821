/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/assisted-sessions: assisted participation. At a service center a staff
 * member starts a session and helps a citizen take part; every submission
 * made in it names the session in the Musharaka-Assisted-Session header and
 * records the staff member in its assisted_by. Moderators and staff see who
 * helped; the public sees nothing of it, the open data only that a
 * submission was assisted.
 */
#include "msk-srv-assisted.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* ---- the header of a submission ------------------------------------------- */

/**
 * msk_srv_assisted_lookup:
 * @staff_id: (out): the staff member who helps, 0 when the request names no
 *   assisted session
 *
 * Reads the Musharaka-Assisted-Session header of a submission. A session
 * already ended still counts: a submission queued offline arrives later.
 *
 * Returns: %FALSE when the header names no known session: then the problem
 *   "unknown-assisted-session" is replied, as application/problem+json on
 *   Open311 paths too, and nothing may be stored
 */
gboolean
msk_srv_assisted_lookup (MskSrvCtx *ctx,
                         gint64    *staff_id)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (ctx->msg);
  const char *code = soup_message_headers_get_one (h, MSK_SRV_ASSISTED_HEADER);
  sqlite3_stmt *stmt;

  *staff_id = 0;
  if (code == NULL)
    return TRUE;

  stmt = msk_server_db_prepare (ctx->db, "SELECT staff_id FROM assisted_sessions WHERE code = ?");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *staff_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (*staff_id != 0)
    return TRUE;

  msk_srv_ctx_problem_json (ctx, "unknown-assisted-session", NULL);
  return FALSE;
}

/* Binds @staff_id as the assisted_by parameter @index of @stmt; NULL (not
 * assisted) when it is 0. */
void
msk_srv_assisted_bind (sqlite3_stmt *stmt,
                       int           index,
                       gint64        staff_id)
{
  if (staff_id != 0)
    sqlite3_bind_int64 (stmt, index, staff_id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Whether the one who reads may know who helped: moderators and staff. */
gboolean
msk_srv_assisted_may_see (MskSrvCtx *ctx)
{
  return (ctx->roles & (MSK_SRV_ROLE_MODERATOR | MSK_SRV_ROLE_STAFF)) != 0;
}

/* Adds "assisted" and "assisted_by" ({display_name} or null) for the
 * assisted_by column @col of the row @stmt is on. For moderators' and
 * staff's views only (msk_srv_assisted_may_see()). */
void
msk_srv_assisted_add_fields (MskSrvCtx    *ctx,
                             JsonBuilder  *b,
                             sqlite3_stmt *stmt,
                             int           col)
{
  gboolean assisted = sqlite3_column_type (stmt, col) != SQLITE_NULL;

  json_builder_set_member_name (b, "assisted");
  json_builder_add_boolean_value (b, assisted);
  json_builder_set_member_name (b, "assisted_by");
  if (!assisted)
    {
      json_builder_add_null_value (b);
      return;
    }
  {
    sqlite3_stmt *user = msk_server_db_prepare (ctx->db,
                                                "SELECT display_name FROM users WHERE id = ?");

    sqlite3_bind_int64 (user, 1, sqlite3_column_int64 (stmt, col));
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "display_name");
    json_builder_add_string_value (b, sqlite3_step (user) == SQLITE_ROW
                                      ? msk_srv_col_text (user, 0) : "");
    json_builder_end_object (b);
    sqlite3_reset (user);
  }
}

/* ---- the sessions ----------------------------------------------------------- */

/* 128 random bits from the kernel, as the tokens are made, in hex. */
static char *
new_code (void)
{
  guint8 bytes[16];
  g_autoptr(GString) s = g_string_sized_new (2 * sizeof bytes);

  if (getentropy (bytes, sizeof bytes) != 0)
    g_error ("getentropy failed: %s", g_strerror (errno));
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The body is optional: nothing, or an empty object. */
static gboolean
check_empty_body (MskSrvCtx *ctx)
{
  g_autoptr(JsonArray) errors = json_array_new ();

  if (ctx->json == NULL)
    return TRUE;
  if (msk_srv_validate_body (ctx, NULL, 0, errors) == NULL)
    return FALSE;
  return !msk_srv_ctx_problem_if_errors (ctx, errors);
}

/* {id, started_at, ended_at, staff: {display_name}} */
static void
add_session (MskSrvCtx    *ctx,
             JsonBuilder  *b,
             sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 0));
  msk_srv_builder_add_time (b, "started_at", sqlite3_column_int64 (stmt, 1));
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    {
      json_builder_set_member_name (b, "ended_at");
      json_builder_add_null_value (b);
    }
  else
    msk_srv_builder_add_time (b, "ended_at", sqlite3_column_int64 (stmt, 2));
  json_builder_set_member_name (b, "staff");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 3));
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
reply_session (MskSrvCtx  *ctx,
               guint       status,
               const char *code)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT s.code, s.started_at, s.ended_at, "
                                              "u.display_name FROM assisted_sessions s "
                                              "JOIN users u ON u.id = s.staff_id "
                                              "WHERE s.code = ?");

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  msk_srv_ctx_reply_row (ctx, status, stmt, add_session);
}

static void
start_session (MskSrvCtx *ctx)
{
  g_autofree char *code = new_code ();
  sqlite3_stmt *stmt;
  int rc;

  if (!msk_srv_auth_require_role (ctx, MSK_SRV_ROLE_STAFF) || !check_empty_body (ctx))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO assisted_sessions (code, staff_id, started_at) "
                                "VALUES (?, ?, ?)");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      msk_srv_ctx_problem (ctx, "internal", NULL);
      return;
    }
  reply_session (ctx, 201, code);
}

/* Only the staff member who started a session ends it; ending it again
 * keeps the time it first ended. */
static void
end_session (MskSrvCtx *ctx)
{
  const char *code = ctx->params->pdata[0];
  sqlite3_stmt *stmt;
  gint64 staff_id = 0;

  if (!msk_srv_auth_require_role (ctx, MSK_SRV_ROLE_STAFF) || !check_empty_body (ctx))
    return;

  stmt = msk_server_db_prepare (ctx->db, "SELECT staff_id FROM assisted_sessions WHERE code = ?");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    staff_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (staff_id == 0)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  if (staff_id != ctx->user_id)
    {
      msk_srv_ctx_problem (ctx, "forbidden", "assisted-session-not-yours");
      return;
    }

  stmt = msk_server_db_prepare (ctx->db,
                                "UPDATE assisted_sessions SET ended_at = coalesce(ended_at, ?) "
                                "WHERE code = ?");
  sqlite3_bind_int64 (stmt, 1, ctx->now);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      msk_srv_ctx_problem (ctx, "internal", NULL);
      return;
    }
  sqlite3_reset (stmt);
  reply_session (ctx, 200, code);
}

const MskSrvRouteDef msk_srv_assisted_routes[] = {
  { "POST", "/v1/assisted-sessions", start_session },
  { "POST", "/v1/assisted-sessions/{session_id}/end", end_session },
};
const gsize msk_srv_assisted_n_routes = G_N_ELEMENTS (msk_srv_assisted_routes);
