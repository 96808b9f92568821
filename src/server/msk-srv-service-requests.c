/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/service-requests/{service_request_id}/status: staff change the
 * status of an Open311 request.
 */
#include "msk-srv-open311.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- staff: Open311 request statuses -------------------------------------- */

static gboolean
transition_allowed (const char *from,
                    const char *to)
{
  static const struct { const char *from; const char *to; } moves[] = {
    { "PENDING", "RECEIVED" },
    { "RECEIVED", "IN_PROCESS" },
    { "RECEIVED", "PROCESSED" },
    { "RECEIVED", "REJECTED" },
    { "IN_PROCESS", "PROCESSED" },
    { "IN_PROCESS", "REJECTED" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_str_equal (moves[i].from, from) && g_str_equal (moves[i].to, to))
      return TRUE;
  return FALSE;
}

static void
post_request_status (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "detailed_status", MSK_SRV_FIELD_STRING, TRUE, 0, 0 },
    { "status_notes", MSK_SRV_FIELD_STRING, FALSE, 0, 2000 },
  };
  static const char * const states[] = {
    "PENDING", "RECEIVED", "IN_PROCESS", "PROCESSED", "REJECTED", NULL
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *current = NULL;
  const char *next;
  const char *notes;
  gboolean final;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_open311_parse_tracking (ctx->params->pdata[0], &id))
    {
      msk_srv_ctx_problem (ctx, "invalid-id", NULL);
      return;
    }
  if (!msk_srv_auth_require_role (ctx, MSK_SRV_ROLE_STAFF))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT detailed_status FROM service_requests WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    current = g_strdup (msk_srv_col_text (stmt, 0));
  sqlite3_reset (stmt);
  if (current == NULL)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0 &&
      !msk_srv_in_list (states, json_object_get_string_member (obj, "detailed_status")))
    msk_srv_errors_add (ctx, errors, "/detailed_status", 0, "invalid-value", 0);
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;
  next = json_object_get_string_member (obj, "detailed_status");
  notes = msk_srv_optional_string (obj, "status_notes");
  if (!transition_allowed (current, next))
    {
      msk_srv_ctx_problem (ctx, "invalid-transition", NULL);
      return;
    }
  final = g_str_equal (next, "PROCESSED") || g_str_equal (next, "REJECTED");

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "UPDATE service_requests SET detailed_status = ?1, "
                                "status_notes = coalesce(?2, status_notes), updated_at = ?3, "
                                "closed_at = CASE WHEN ?4 THEN ?3 ELSE closed_at END "
                                "WHERE id = ?5");
  sqlite3_bind_text (stmt, 1, next, -1, SQLITE_TRANSIENT);
  if (notes != NULL)
    sqlite3_bind_text (stmt, 2, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_bind_int (stmt, 4, final);
  sqlite3_bind_int64 (stmt, 5, id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO request_history (request_id, detailed_status, "
                                "status_notes, at, user_id) VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, next, -1, SQLITE_TRANSIENT);
  if (notes != NULL)
    sqlite3_bind_text (stmt, 3, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, ctx->now);
  sqlite3_bind_int64 (stmt, 5, ctx->user_id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (!msk_server_db_commit (ctx->db))
    {
      msk_srv_ctx_problem (ctx, "internal", NULL);
      return;
    }

  msk_srv_open311_add_request (ctx, b, id, TRUE);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

const MskSrvRouteDef msk_srv_service_requests_routes[] = {
  { "POST", "/v1/service-requests/{service_request_id}/status", post_request_status },
};
const gsize msk_srv_service_requests_n_routes = G_N_ELEMENTS (msk_srv_service_requests_routes);
