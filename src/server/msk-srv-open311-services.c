/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Open311: discovery, the service list and service definitions.
 */
#include "msk-srv-open311.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- discovery and services ---------------------------------------------- */

static void
get_discovery (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *base = msk_srv_ctx_base_url (ctx);
  g_autofree char *url = g_strconcat (base, "/open311/v2", NULL);
  /* when this API version was published: 2026-11-01T00:00:00+04:00 */
  gint64 changeset = 1793476800;

  json_builder_begin_object (b);
  msk_srv_builder_add_time (b, "changeset", changeset);
  json_builder_set_member_name (b, "contact");
  json_builder_add_string_value (b, g_str_equal (ctx->lang, "ar")
                                 ? "بوابة مشاركة التجريبية" : "Musharaka demo portal");
  json_builder_set_member_name (b, "key_service");
  json_builder_add_string_value (b, g_str_equal (ctx->lang, "ar")
                                 ? "يحصل المطوّرون على مفتاح api_key من مشغّل البوابة"
                                 : "Developers get an api_key from the portal operator");
  json_builder_set_member_name (b, "endpoints");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "specification");
  json_builder_add_string_value (b, "http://wiki.open311.org/GeoReport_v2");
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url);
  msk_srv_builder_add_time (b, "changeset", changeset);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "production");
  json_builder_set_member_name (b, "formats");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "application/json");
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

static void
get_services (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  gint64 entity;

  if (!msk_srv_open311_check_jurisdiction (ctx, &entity))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT s.code, s.name_ar, s.name_en, s.description_ar, "
                                "s.description_en, s.keywords, s.grp, "
                                "EXISTS (SELECT 1 FROM service_attributes a "
                                "WHERE a.service_code = s.code) FROM services s "
                                "WHERE ?1 = 0 OR s.entity_id = ?1 ORDER BY s.position");
  sqlite3_bind_int64 (stmt, 1, entity);
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "service_code");
      json_builder_add_string_value (b, msk_srv_col_text (stmt, 0));
      json_builder_set_member_name (b, "service_name");
      json_builder_add_string_value (b, msk_srv_open311_pick (ctx, stmt, 1));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, msk_srv_open311_pick (ctx, stmt, 3));
      json_builder_set_member_name (b, "metadata");
      json_builder_add_boolean_value (b, sqlite3_column_int (stmt, 7));
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "realtime");
      json_builder_set_member_name (b, "keywords");
      json_builder_add_string_value (b, msk_srv_col_text (stmt, 5));
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, msk_srv_col_text (stmt, 6));
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

static void
get_service_definition (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *code = ctx->params->pdata[0];
  sqlite3_stmt *stmt;
  gint64 entity;

  if (!msk_srv_open311_check_jurisdiction (ctx, &entity))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT count(*) FROM services WHERE code = ?1 "
                                "AND (?2 = 0 OR entity_id = ?2)");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity);
  sqlite3_step (stmt);
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_reset (stmt);
      msk_srv_ctx_open311_error (ctx, 404, "o311-service-not-found");
      return;
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "service_code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_array (b);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT code, datatype, required, variable, position, "
                                "description_ar, description_en FROM service_attributes "
                                "WHERE service_code = ? ORDER BY position");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *datatype = msk_srv_col_text (stmt, 1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "variable");
      json_builder_add_boolean_value (b, sqlite3_column_int (stmt, 3));
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, msk_srv_col_text (stmt, 0));
      json_builder_set_member_name (b, "datatype");
      json_builder_add_string_value (b, datatype);
      json_builder_set_member_name (b, "required");
      json_builder_add_boolean_value (b, sqlite3_column_int (stmt, 2));
      json_builder_set_member_name (b, "datatype_description");
      json_builder_add_null_value (b);
      json_builder_set_member_name (b, "order");
      json_builder_add_int_value (b, sqlite3_column_int (stmt, 4));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, msk_srv_open311_pick (ctx, stmt, 5));
      if (g_str_has_suffix (datatype, "valuelist"))
        {
          sqlite3_stmt *values = msk_server_db_prepare (ctx->db,
                                                        "SELECT key, name_ar, name_en FROM "
                                                        "service_attribute_values WHERE "
                                                        "service_code = ? AND attribute_code = ? "
                                                        "ORDER BY position");

          sqlite3_bind_text (values, 1, code, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (values, 2, msk_srv_col_text (stmt, 0), -1, SQLITE_TRANSIENT);
          json_builder_set_member_name (b, "values");
          json_builder_begin_array (b);
          while (sqlite3_step (values) == SQLITE_ROW)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "key");
              json_builder_add_string_value (b, msk_srv_col_text (values, 0));
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, msk_srv_open311_pick (ctx, values, 1));
              json_builder_end_object (b);
            }
          sqlite3_reset (values);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

const MskSrvRouteDef msk_srv_open311_services_routes[] = {
  { "GET", "/open311/v2/discovery.json", get_discovery },
  { "GET", "/open311/v2/services.json", get_services },
  { "GET", "/open311/v2/services", get_services },
  { "GET", "/open311/v2/services/{service_code}.json", get_service_definition },
  { "GET", "/open311/v2/services/{service_code}", get_service_definition },
};
const gsize msk_srv_open311_services_n_routes = G_N_ELEMENTS (msk_srv_open311_services_routes);
