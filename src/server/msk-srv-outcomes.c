/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/outcomes: what became of past consultations.
 */
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- outcomes ------------------------------------------------------------ */

#define OUTCOME_COLS \
  "o.id, o.topic_id, t.title_text_ar, t.title_text_en, o.decision_ar, o.decision_en, " \
  "o.progress, o.published_at"

static void
add_outcome (MskSrvCtx    *ctx,
             JsonBuilder  *b,
             sqlite3_stmt *stmt)
{
  sqlite3_stmt *ideas;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 1));
  msk_srv_builder_add_loc_cols (b, "topic_title", stmt, 2);
  msk_srv_builder_add_loc_cols (b, "decision", stmt, 4);
  json_builder_set_member_name (b, "progress");
  json_builder_add_int_value (b, sqlite3_column_int (stmt, 6));
  json_builder_set_member_name (b, "linked_ideas");
  json_builder_begin_array (b);
  ideas = msk_server_db_prepare (ctx->db,
                                 "SELECT i.id, i.title, (SELECT count(*) FROM idea_supports s "
                                 "WHERE s.idea_id = i.id) FROM outcome_ideas l "
                                 "JOIN ideas i ON i.id = l.idea_id WHERE l.outcome_id = ? "
                                 "ORDER BY i.id");
  sqlite3_bind_int64 (ideas, 1, sqlite3_column_int64 (stmt, 0));
  while (sqlite3_step (ideas) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (ideas, 0));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, msk_srv_col_text (ideas, 1));
      json_builder_set_member_name (b, "support_count");
      json_builder_add_int_value (b, sqlite3_column_int64 (ideas, 2));
      json_builder_end_object (b);
    }
  sqlite3_reset (ideas);
  json_builder_end_array (b);
  msk_srv_builder_add_time (b, "published_at", sqlite3_column_int64 (stmt, 7));
  json_builder_end_object (b);
}

static char *
page_outcome (MskSrvCtx    *ctx,
              JsonBuilder  *b,
              sqlite3_stmt *stmt)
{
  add_outcome (ctx, b, stmt);
  return msk_srv_col_int_string (stmt, 0);
}

static void
list_outcomes (MskSrvCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  gint64 topic, entity;
  int limit;

  if (!msk_srv_ctx_query_id (ctx, "topic", &topic) ||
      !msk_srv_ctx_query_id (ctx, "entity", &entity) ||
      !msk_srv_ctx_paging (ctx, "outcomes", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " OUTCOME_COLS " FROM outcomes o "
                                "JOIN topics t ON t.id = o.topic_id "
                                "WHERE o.published_at <= ?1 AND (?2 = 0 OR o.topic_id = ?2) "
                                "AND (?3 = 0 OR t.entity_id = ?3) AND (?4 = 0 OR o.id < ?4) "
                                "ORDER BY o.id DESC LIMIT ?5");
  sqlite3_bind_int64 (stmt, 1, ctx->now);
  sqlite3_bind_int64 (stmt, 2, topic);
  sqlite3_bind_int64 (stmt, 3, entity);
  sqlite3_bind_int64 (stmt, 4, msk_srv_cursor_id (cursor));
  sqlite3_bind_int (stmt, 5, limit + 1);
  msk_srv_ctx_reply_page (ctx, "outcomes", stmt, limit, page_outcome);
}

static void
get_outcome (MskSrvCtx *ctx)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " OUTCOME_COLS " FROM outcomes o "
                                "JOIN topics t ON t.id = o.topic_id "
                                "WHERE o.id = ? AND o.published_at <= ?");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->now);
  msk_srv_ctx_reply_row (ctx, 200, stmt, add_outcome);
}

const MskSrvRouteDef msk_srv_outcomes_routes[] = {
  { "GET", "/v1/outcomes", list_outcomes },
  { "GET", "/v1/outcomes/{outcome_id}", get_outcome },
};
const gsize msk_srv_outcomes_n_routes = G_N_ELEMENTS (msk_srv_outcomes_routes);
