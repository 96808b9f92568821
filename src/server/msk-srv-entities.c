/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/entities: the public bodies that run the portal.
 */
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

/* ---- entities ------------------------------------------------------------ */

static void
add_entity (MskSrvCtx    *ctx,
            JsonBuilder  *b,
            sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 1));
  msk_srv_builder_add_loc_cols (b, "name", stmt, 2);
  msk_srv_builder_add_loc_cols (b, "description", stmt, 4);
  json_builder_set_member_name (b, "website");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 6));
  json_builder_set_member_name (b, "jurisdiction_id");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 7));
  json_builder_end_object (b);
}

static char *
page_entity (MskSrvCtx    *ctx,
             JsonBuilder  *b,
             sqlite3_stmt *stmt)
{
  add_entity (ctx, b, stmt);
  return msk_srv_col_int_string (stmt, 0);
}

static void
list_entities (MskSrvCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  int limit;

  if (!msk_srv_ctx_paging (ctx, "entities", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, kind, name_ar, name_en, description_ar, "
                                "description_en, website, jurisdiction_id FROM entities "
                                "WHERE id > ? ORDER BY id LIMIT ?");
  sqlite3_bind_int64 (stmt, 1, msk_srv_cursor_id (cursor));
  sqlite3_bind_int (stmt, 2, limit + 1);
  msk_srv_ctx_reply_page (ctx, "entities", stmt, limit, page_entity);
}

static void
get_entity (MskSrvCtx *ctx)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, kind, name_ar, name_en, description_ar, "
                                "description_en, website, jurisdiction_id FROM entities "
                                "WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  msk_srv_ctx_reply_row (ctx, 200, stmt, add_entity);
}

const MskSrvRouteDef msk_srv_entities_routes[] = {
  { "GET", "/v1/entities", list_entities },
  { "GET", "/v1/entities/{entity_id}", get_entity },
};
const gsize msk_srv_entities_n_routes = G_N_ELEMENTS (msk_srv_entities_routes);
