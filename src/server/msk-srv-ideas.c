/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/topics/{topic_id}/ideas and /v1/ideas: ideas and their supports.
 */
#include "msk-srv-topics.h"
#include "msk-srv-assisted.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- ideas --------------------------------------------------------------- */

#define IDEA_COLS \
  "i.id, i.topic_id, i.title, i.body, u.display_name, " \
  "(SELECT count(*) FROM idea_supports s WHERE s.idea_id = i.id) AS n, " \
  "(SELECT count(*) FROM idea_supports s WHERE s.idea_id = i.id AND s.user_id = ?9), " \
  "i.created_at, i.user_id"

static void
add_idea (MskSrvCtx    *ctx,
          JsonBuilder  *b,
          sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 1));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 2));
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 3));
  json_builder_set_member_name (b, "author");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 4));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "support_count");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 5));
  json_builder_set_member_name (b, "supported_by_me");
  json_builder_add_boolean_value (b, sqlite3_column_int64 (stmt, 6) > 0);
  msk_srv_builder_add_time (b, "created_at", sqlite3_column_int64 (stmt, 7));
  json_builder_set_member_name (b, "mine");
  json_builder_add_boolean_value (b, ctx->user_id != 0 && sqlite3_column_int64 (stmt, 8) == ctx->user_id);
  json_builder_end_object (b);
}

static void
reply_idea (MskSrvCtx *ctx,
            guint      status,
            gint64     id)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT " IDEA_COLS " FROM ideas i "
                                              "JOIN users u ON u.id = i.user_id "
                                              "WHERE i.id = ?1");

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 9, ctx->user_id);
  msk_srv_ctx_reply_row (ctx, status, stmt, add_idea);
}

/* Ideas are paged by support count, then id: the cursor is "count,id". */
static char *
page_idea (MskSrvCtx    *ctx,
           JsonBuilder  *b,
           sqlite3_stmt *stmt)
{
  add_idea (ctx, b, stmt);
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                          (gint64) sqlite3_column_int64 (stmt, 5),
                          (gint64) sqlite3_column_int64 (stmt, 0));
}

static void
list_ideas (MskSrvCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  gint64 after_n = G_MAXINT64, after_id = 0;
  int limit;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_topic_lookup (ctx, id, "ideas", NULL) ||
      !msk_srv_ctx_paging (ctx, "ideas", &limit, &cursor))
    return;
  if (cursor != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (cursor, ",", 2);
      guint64 a = 0, c = 0;

      if (g_strv_length (parts) != 2 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &a, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &c, NULL))
        {
          msk_srv_ctx_problem (ctx, "invalid-cursor", NULL);
          return;
        }
      after_n = (gint64) a;
      after_id = (gint64) c;
    }

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT * FROM (SELECT " IDEA_COLS " FROM ideas i "
                                "JOIN users u ON u.id = i.user_id WHERE i.topic_id = ?1) "
                                "WHERE n < ?2 OR (n = ?2 AND id > ?3) "
                                "ORDER BY n DESC, id LIMIT ?4");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, after_n);
  sqlite3_bind_int64 (stmt, 3, after_id);
  sqlite3_bind_int (stmt, 4, limit + 1);
  sqlite3_bind_int64 (stmt, 9, ctx->user_id);
  msk_srv_ctx_reply_page (ctx, "ideas", stmt, limit, page_idea);
}

static void
post_idea (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "title", MSK_SRV_FIELD_STRING, TRUE, 1, 120 },
    { "body", MSK_SRV_FIELD_STRING, TRUE, 1, 4000 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autofree char *location = NULL;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id, idea, assisted_by;

  obj = msk_srv_topic_participation_body (ctx, "ideas", fields, G_N_ELEMENTS (fields), errors, &id);
  if (obj == NULL || !msk_srv_assisted_lookup (ctx, &assisted_by))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO ideas (topic_id, user_id, title, body, created_at, "
                                "assisted_by) VALUES (?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (obj, "title"), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member (obj, "body"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, ctx->now);
  msk_srv_assisted_bind (stmt, 6, assisted_by);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  idea = msk_server_db_last_insert_id (ctx->db);
  location = g_strdup_printf ("/v1/ideas/%" G_GINT64_FORMAT, idea);
  msk_srv_ctx_add_header (ctx, "Location", location);
  reply_idea (ctx, 201, idea);
}

static void
get_idea (MskSrvCtx *ctx)
{
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  reply_idea (ctx, 200, id);
}

static void
change_support (MskSrvCtx *ctx,
                gboolean   support)
{
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt;
  gint64 id, topic, assisted_by = 0;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_auth_require_user (ctx))
    return;
  topic = msk_server_db_query_int (ctx->db, "SELECT topic_id FROM ideas WHERE id = ?", id);
  if (topic == 0 || !msk_srv_topic_lookup (ctx, topic, NULL, &status))
    {
      if (topic == 0)
        msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  if (!g_str_equal (status, "open"))
    {
      msk_srv_ctx_problem (ctx, "topic-not-open", NULL);
      return;
    }
  /* taking a support back is no submission: it names no session */
  if (support && !msk_srv_assisted_lookup (ctx, &assisted_by))
    return;
  if (support)
    {
      stmt = msk_server_db_prepare (ctx->db,
                                    "INSERT OR IGNORE INTO idea_supports (idea_id, user_id, "
                                    "created_at, assisted_by) VALUES (?, ?, ?, ?)");
      msk_srv_assisted_bind (stmt, 4, assisted_by);
    }
  else
    stmt = msk_server_db_prepare (ctx->db,
                                  "DELETE FROM idea_supports WHERE idea_id = ? AND user_id = ? "
                                  "AND ? IS NOT NULL");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  reply_idea (ctx, 200, id);
}

static void
put_support (MskSrvCtx *ctx)
{
  change_support (ctx, TRUE);
}

static void
delete_support (MskSrvCtx *ctx)
{
  change_support (ctx, FALSE);
}

const MskSrvRouteDef msk_srv_ideas_routes[] = {
  { "GET", "/v1/topics/{topic_id}/ideas", list_ideas },
  { "POST", "/v1/topics/{topic_id}/ideas", post_idea },
  { "GET", "/v1/ideas/{idea_id}", get_idea },
  { "PUT", "/v1/ideas/{idea_id}/support", put_support },
  { "DELETE", "/v1/ideas/{idea_id}/support", delete_support },
};
const gsize msk_srv_ideas_n_routes = G_N_ELEMENTS (msk_srv_ideas_routes);
