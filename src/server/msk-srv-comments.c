/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/topics/{topic_id}/comments and flags: comments with pre-moderation.
 */
#include "msk-srv-comments.h"
#include "msk-srv-assisted.h"
#include "msk-srv-topics.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- comments ------------------------------------------------------------ */

void
msk_srv_comments_add_fields (MskSrvCtx    *ctx,
                             JsonBuilder  *b,
                             sqlite3_stmt *stmt)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 1));
  json_builder_set_member_name (b, "parent_id");
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 2));
  json_builder_set_member_name (b, "depth");
  json_builder_add_int_value (b, sqlite3_column_int (stmt, 3));
  json_builder_set_member_name (b, "author");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 4));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 5));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 6));
  msk_srv_builder_add_string_or_null (b, "reject_reason", msk_srv_col_text (stmt, 7));
  msk_srv_builder_add_time (b, "created_at", sqlite3_column_int64 (stmt, 8));
  json_builder_set_member_name (b, "mine");
  json_builder_add_boolean_value (b, ctx->user_id != 0 &&
                                  sqlite3_column_int64 (stmt, 9) == ctx->user_id);
}

void
msk_srv_comments_reply (MskSrvCtx *ctx,
                        guint      status,
                        gint64     id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT " MSK_SRV_COMMENT_COLS " FROM comments c "
                                              "JOIN users u ON u.id = c.user_id "
                                              "WHERE c.id = ?");

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_step (stmt);
  json_builder_begin_object (b);
  msk_srv_comments_add_fields (ctx, b, stmt);
  if (msk_srv_assisted_may_see (ctx))
    msk_srv_assisted_add_fields (ctx, b, stmt, MSK_SRV_COMMENT_COL_ASSISTED_BY);
  json_builder_end_object (b);
  sqlite3_reset (stmt);
  msk_srv_ctx_reply_builder (ctx, status, b);
}

static char *
page_comment (MskSrvCtx    *ctx,
              JsonBuilder  *b,
              sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  msk_srv_comments_add_fields (ctx, b, stmt);
  json_builder_end_object (b);
  return g_strdup (msk_srv_col_text (stmt, 10));
}

static void
list_comments (MskSrvCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int limit;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_topic_lookup (ctx, id, NULL, NULL) ||
      !msk_srv_ctx_paging (ctx, "comments", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " MSK_SRV_COMMENT_COLS " FROM comments c "
                                "JOIN users u ON u.id = c.user_id "
                                "WHERE c.topic_id = ?1 AND (c.status = 'published' "
                                "OR (?2 != 0 AND c.user_id = ?2)) AND c.path > ?3 "
                                "ORDER BY c.path LIMIT ?4");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_text (stmt, 3, cursor != NULL ? cursor : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, limit + 1);
  msk_srv_ctx_reply_page (ctx, "comments", stmt, limit, page_comment);
}

static void
post_comment (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "body", MSK_SRV_FIELD_STRING, TRUE, 1, 2000 },
    { "parent_id", MSK_SRV_FIELD_INT_OR_NULL, FALSE, 1, 0 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autofree char *status = NULL;
  g_autofree char *parent_path = NULL;
  g_autofree char *path = NULL;
  JsonObject *obj;
  JsonNode *parent_node;
  sqlite3_stmt *stmt;
  gint64 id, parent = 0, comment_id, assisted_by;
  int depth = 0;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_auth_require_user (ctx) ||
      !msk_srv_topic_lookup (ctx, id, NULL, &status))
    return;
  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  parent_node = json_object_get_member (obj, "parent_id");
  if (json_array_get_length (errors) == 0 && parent_node != NULL &&
      !JSON_NODE_HOLDS_NULL (parent_node))
    {
      parent = json_node_get_int (parent_node);
      stmt = msk_server_db_prepare (ctx->db,
                                    "SELECT path, depth FROM comments WHERE id = ? "
                                    "AND topic_id = ? AND status = 'published'");
      sqlite3_bind_int64 (stmt, 1, parent);
      sqlite3_bind_int64 (stmt, 2, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          parent_path = g_strdup (msk_srv_col_text (stmt, 0));
          depth = sqlite3_column_int (stmt, 1) + 1;
        }
      else
        msk_srv_errors_add (ctx, errors, "/parent_id", 0, "invalid-value", 0);
      sqlite3_reset (stmt);
    }
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;
  if (!g_str_equal (status, "open"))
    {
      msk_srv_ctx_problem (ctx, "topic-not-open", NULL);
      return;
    }
  if (!msk_srv_assisted_lookup (ctx, &assisted_by))
    return;

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO comments (topic_id, parent_id, user_id, body, "
                                "status, depth, created_at, assisted_by) "
                                "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  if (parent != 0)
    sqlite3_bind_int64 (stmt, 2, parent);
  sqlite3_bind_int64 (stmt, 3, ctx->user_id);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member (obj, "body"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, depth);
  sqlite3_bind_int64 (stmt, 6, ctx->now);
  msk_srv_assisted_bind (stmt, 7, assisted_by);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  comment_id = msk_server_db_last_insert_id (ctx->db);
  path = parent_path != NULL
    ? g_strdup_printf ("%s/%010" G_GINT64_FORMAT, parent_path, comment_id)
    : g_strdup_printf ("%010" G_GINT64_FORMAT, comment_id);
  stmt = msk_server_db_prepare (ctx->db, "UPDATE comments SET path = ? WHERE id = ?");
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, comment_id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (!msk_server_db_commit (ctx->db))
    {
      msk_srv_ctx_problem (ctx, "internal", NULL);
      return;
    }
  msk_srv_comments_reply (ctx, 201, comment_id);
}

static const char * const flag_reasons[] = {
  "spam", "abuse", "personal_data", "off_topic", "other", NULL
};

static void
post_flag (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "reason", MSK_SRV_FIELD_STRING, TRUE, 0, 0 },
    { "note", MSK_SRV_FIELD_STRING, FALSE, 0, 500 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id, assisted_by;
  int rc;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_auth_require_user (ctx))
    return;
  if (msk_server_db_query_int (ctx->db, "SELECT count(*) FROM comments WHERE id = ? "
                               "AND status = 'published'", id) == 0)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0 &&
      !msk_srv_in_list (flag_reasons, json_object_get_string_member (obj, "reason")))
    msk_srv_errors_add (ctx, errors, "/reason", 0, "invalid-value", 0);
  if (msk_srv_ctx_problem_if_errors (ctx, errors) ||
      !msk_srv_assisted_lookup (ctx, &assisted_by))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT OR IGNORE INTO comment_flags (comment_id, user_id, "
                                "reason, note, created_at, assisted_by) VALUES (?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (obj, "reason"), -1,
                     SQLITE_TRANSIENT);
  if (msk_srv_optional_string (obj, "note") != NULL)
    sqlite3_bind_text (stmt, 4, msk_srv_optional_string (obj, "note"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, ctx->now);
  msk_srv_assisted_bind (stmt, 6, assisted_by);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE || sqlite3_changes (msk_server_db_get_handle (ctx->db)) == 0)
    {
      msk_srv_ctx_problem (ctx, "already-flagged", NULL);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "comment_id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, json_object_get_string_member (obj, "reason"));
  msk_srv_builder_add_time (b, "created_at", ctx->now);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 201, b);
}

const MskSrvRouteDef msk_srv_comments_routes[] = {
  { "GET", "/v1/topics/{topic_id}/comments", list_comments },
  { "POST", "/v1/topics/{topic_id}/comments", post_comment },
  { "POST", "/v1/comments/{comment_id}/flags", post_flag },
};
const gsize msk_srv_comments_n_routes = G_N_ELEMENTS (msk_srv_comments_routes);
