/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/moderation/comments and /v1/comments/{comment_id}/moderation: the
 * moderators' queue and decisions.
 */
#include "msk-srv-comments.h"
#include "msk-srv-assisted.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

static void
post_moderation (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "decision", MSK_SRV_FIELD_STRING, TRUE, 0, 0 },
    { "reason", MSK_SRV_FIELD_STRING, FALSE, 1, 500 },
  };
  static const char * const decisions[] = { "publish", "reject", NULL };
  g_autoptr(JsonArray) errors = json_array_new ();
  const char *decision = NULL;
  const char *reason;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) ||
      !msk_srv_auth_require_role (ctx, MSK_SRV_ROLE_MODERATOR))
    return;
  if (msk_server_db_query_int (ctx->db, "SELECT count(*) FROM comments WHERE id = ?", id) == 0)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0)
    {
      decision = json_object_get_string_member (obj, "decision");
      if (!msk_srv_in_list (decisions, decision))
        msk_srv_errors_add (ctx, errors, "/decision", 0, "invalid-value", 0);
      else if (g_str_equal (decision, "reject") && msk_srv_optional_string (obj, "reason") == NULL)
        msk_srv_errors_add (ctx, errors, "/reason", 0, "required", 0);
    }
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;
  /* pre-moderation means someone else's eyes */
  if (g_str_equal (decision, "publish") &&
      msk_server_db_query_int (ctx->db, "SELECT user_id FROM comments WHERE id = ?", id) ==
      ctx->user_id)
    {
      msk_srv_ctx_problem (ctx, "own-comment", NULL);
      return;
    }
  reason = g_str_equal (decision, "reject") ? msk_srv_optional_string (obj, "reason") : NULL;

  stmt = msk_server_db_prepare (ctx->db,
                                "UPDATE comments SET status = ?, reject_reason = ?, "
                                "moderated_at = ?, moderator_id = ? WHERE id = ?");
  sqlite3_bind_text (stmt, 1, g_str_equal (decision, "publish") ? "published" : "rejected", -1,
                     SQLITE_STATIC);
  if (reason != NULL)
    sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_bind_int64 (stmt, 4, ctx->user_id);
  sqlite3_bind_int64 (stmt, 5, id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  msk_srv_comments_reply (ctx, 200, id);
}

static char *
page_queued_comment (MskSrvCtx    *ctx,
                     JsonBuilder  *b,
                     sqlite3_stmt *stmt)
{
  sqlite3_stmt *flags;

  json_builder_begin_object (b);
  msk_srv_comments_add_fields (ctx, b, stmt);
  /* who helped, when the comment was made in an assisted session */
  msk_srv_assisted_add_fields (ctx, b, stmt, MSK_SRV_COMMENT_COL_ASSISTED_BY);
  msk_srv_builder_add_loc_cols (b, "topic_title", stmt, MSK_SRV_COMMENT_N_COLS);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  flags = msk_server_db_prepare (ctx->db,
                                 "SELECT reason, count(*) FROM comment_flags "
                                 "WHERE comment_id = ? GROUP BY reason ORDER BY reason");
  sqlite3_bind_int64 (flags, 1, sqlite3_column_int64 (stmt, 0));
  while (sqlite3_step (flags) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, msk_srv_col_text (flags, 0));
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, sqlite3_column_int64 (flags, 1));
      json_builder_end_object (b);
    }
  sqlite3_reset (flags);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return msk_srv_col_int_string (stmt, 0);
}

static void
list_moderation_queue (MskSrvCtx *ctx)
{
  g_autofree char *cursor = NULL;
  const char *status = msk_srv_ctx_query (ctx, "status");
  gboolean flagged;
  sqlite3_stmt *stmt;
  guint64 after = 0;
  int limit;

  if (!msk_srv_auth_require_role (ctx, MSK_SRV_ROLE_MODERATOR))
    return;
  if (status != NULL && !g_str_equal (status, "pending") && !g_str_equal (status, "flagged"))
    {
      msk_srv_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  flagged = status != NULL && g_str_equal (status, "flagged");
  if (!msk_srv_ctx_paging (ctx, flagged ? "flagged" : "pending", &limit, &cursor))
    return;
  if (cursor != NULL)
    g_ascii_string_to_unsigned (cursor, 10, 0, G_MAXINT64, &after, NULL);

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " MSK_SRV_COMMENT_COLS ", t.title_text_ar, t.title_text_en "
                                "FROM comments c JOIN users u ON u.id = c.user_id "
                                "JOIN topics t ON t.id = c.topic_id "
                                "WHERE c.id > ?1 AND ((?2 = 0 AND c.status = 'pending') OR "
                                "(?2 = 1 AND c.status = 'published' AND EXISTS (SELECT 1 FROM "
                                "comment_flags f WHERE f.comment_id = c.id))) "
                                "ORDER BY c.id LIMIT ?3");
  sqlite3_bind_int64 (stmt, 1, (gint64) after);
  sqlite3_bind_int (stmt, 2, flagged);
  sqlite3_bind_int (stmt, 3, limit + 1);
  msk_srv_ctx_reply_page (ctx, flagged ? "flagged" : "pending", stmt, limit, page_queued_comment);
}

const MskSrvRouteDef msk_srv_moderation_routes[] = {
  { "POST", "/v1/comments/{comment_id}/moderation", post_moderation },
  { "GET", "/v1/moderation/comments", list_moderation_queue },
};
const gsize msk_srv_moderation_n_routes = G_N_ELEMENTS (msk_srv_moderation_routes);
