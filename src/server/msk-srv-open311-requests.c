/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Open311: one request, querying requests (90-day default window) and
 * creating them (form-encoded, api_key), in XML or JSON. Errors name the
 * field that is wrong.
 */
#include "msk-srv-open311.h"
#include "msk-srv-assisted.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

#define DAY (24 * 3600)

/* ---- one request ----------------------------------------------------------- */

static void
add_nullable_text (JsonBuilder  *b,
                   const char   *member,
                   sqlite3_stmt *stmt,
                   int           col)
{
  msk_srv_builder_add_string_or_null (b, member, msk_srv_col_text (stmt, col));
}

static void
add_nullable_time (JsonBuilder  *b,
                   const char   *member,
                   sqlite3_stmt *stmt,
                   int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    {
      json_builder_set_member_name (b, member);
      json_builder_add_null_value (b);
    }
  else
    msk_srv_builder_add_time (b, member, sqlite3_column_int64 (stmt, col));
}

static void
add_nullable_double (JsonBuilder  *b,
                     const char   *member,
                     sqlite3_stmt *stmt,
                     int           col)
{
  json_builder_set_member_name (b, member);
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, sqlite3_column_double (stmt, col));
}

void
msk_srv_open311_add_request (MskSrvCtx   *ctx,
                             JsonBuilder *b,
                             gint64       request_id,
                             gboolean     extensions)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
    "SELECT r.id, r.detailed_status, r.status_notes, s.name_ar, s.name_en, r.service_code, "
    "r.description, e.name_ar, e.name_en, s.notice_ar, s.notice_en, r.requested_at, "
    "r.updated_at, r.expected_at, r.address, r.address_id, r.zipcode, r.lat, r.long, "
    "r.media_url, r.original_request, r.assisted_by FROM service_requests r "
    "JOIN services s ON s.code = r.service_code JOIN entities e ON e.id = s.entity_id "
    "WHERE r.id = ?");
  const char *detailed;
  gint64 original = 0;

  sqlite3_bind_int64 (stmt, 1, request_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      json_builder_begin_object (b);
      json_builder_end_object (b);
      return;
    }
  detailed = msk_srv_col_text (stmt, 1);

  json_builder_begin_object (b);
  {
    g_autofree char *tracking = msk_srv_open311_tracking (request_id);

    json_builder_set_member_name (b, "service_request_id");
    json_builder_add_string_value (b, tracking);
  }
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, g_str_equal (detailed, "PROCESSED") ||
                                    g_str_equal (detailed, "REJECTED") ? "closed" : "open");
  add_nullable_text (b, "status_notes", stmt, 2);
  json_builder_set_member_name (b, "service_name");
  json_builder_add_string_value (b, msk_srv_open311_pick (ctx, stmt, 3));
  json_builder_set_member_name (b, "service_code");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, 5));
  add_nullable_text (b, "description", stmt, 6);
  json_builder_set_member_name (b, "agency_responsible");
  json_builder_add_string_value (b, msk_srv_open311_pick (ctx, stmt, 7));
  msk_srv_builder_add_string_or_null (b, "service_notice", msk_srv_open311_pick (ctx, stmt, 9));
  msk_srv_builder_add_time (b, "requested_datetime", sqlite3_column_int64 (stmt, 11));
  msk_srv_builder_add_time (b, "updated_datetime", sqlite3_column_int64 (stmt, 12));
  add_nullable_time (b, "expected_datetime", stmt, 13);
  add_nullable_text (b, "address", stmt, 14);
  add_nullable_text (b, "address_id", stmt, 15);
  add_nullable_text (b, "zipcode", stmt, 16);
  add_nullable_double (b, "lat", stmt, 17);
  add_nullable_double (b, "long", stmt, 18);
  add_nullable_text (b, "media_url", stmt, 19);
  json_builder_set_member_name (b, "detailed_status");
  json_builder_add_string_value (b, detailed);
  if (sqlite3_column_type (stmt, 20) != SQLITE_NULL)
    original = sqlite3_column_int64 (stmt, 20);

  if (extensions)
    {
      sqlite3_stmt *history;

      json_builder_set_member_name (b, "extended_attributes");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "detailed_status");
      json_builder_add_string_value (b, detailed);
      json_builder_set_member_name (b, "original_request");
      if (original != 0)
        {
          g_autofree char *tracking = msk_srv_open311_tracking (original);

          json_builder_add_string_value (b, tracking);
        }
      else
        json_builder_add_null_value (b);
      /* who helped file it, for staff's and moderators' eyes only */
      if (msk_srv_assisted_may_see (ctx))
        msk_srv_assisted_add_fields (ctx, b, stmt, 21);
      sqlite3_reset (stmt);

      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      history = msk_server_db_prepare (ctx->db,
                                       "SELECT detailed_status, status_notes, at FROM "
                                       "request_history WHERE request_id = ? ORDER BY id");
      sqlite3_bind_int64 (history, 1, request_id);
      while (sqlite3_step (history) == SQLITE_ROW)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "detailed_status");
          json_builder_add_string_value (b, msk_srv_col_text (history, 0));
          add_nullable_text (b, "status_notes", history, 1);
          msk_srv_builder_add_time (b, "datetime", sqlite3_column_int64 (history, 2));
          json_builder_end_object (b);
        }
      sqlite3_reset (history);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_object (b);
}

static gboolean
query_bool (MskSrvCtx  *ctx,
            const char *name)
{
  const char *v = msk_srv_ctx_query (ctx, name);

  return v != NULL && (g_str_equal (v, "true") || g_str_equal (v, "1"));
}

/* Whether request @id is one of @entity's (of any entity's when 0). */
static gboolean
request_in (MskSrvCtx *ctx,
            gint64     id,
            gint64     entity)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT count(*) FROM service_requests r "
                                              "JOIN services s ON s.code = r.service_code "
                                              "WHERE r.id = ?1 AND (?2 = 0 OR s.entity_id = ?2)");
  gboolean found;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, entity);
  sqlite3_step (stmt);
  found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return found;
}

static void
get_request (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 entity, id;

  if (!msk_srv_open311_check_jurisdiction (ctx, &entity))
    return;
  if (!msk_srv_open311_parse_tracking (ctx->params->pdata[0], &id) ||
      !request_in (ctx, id, entity))
    {
      msk_srv_ctx_open311_error (ctx, 404, "o311-request-not-found");
      return;
    }
  json_builder_begin_array (b);
  msk_srv_open311_add_request (ctx, b, id, query_bool (ctx, "extensions"));
  json_builder_end_array (b);
  msk_srv_ctx_open311_reply_builder (ctx, 200, b, "service_requests");
}

/* ---- query requests ---------------------------------------------------------- */

static gboolean
parse_w3_datetime (const char *text,
                   gint64     *unix_seconds)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *unix_seconds = g_date_time_to_unix (dt);
  return TRUE;
}

static void
get_requests (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *list = msk_srv_ctx_query (ctx, "service_request_id");
  gboolean extensions = query_bool (ctx, "extensions");
  sqlite3_stmt *stmt;
  gint64 entity;

  if (!msk_srv_open311_check_jurisdiction (ctx, &entity))
    return;

  g_string_append (sql, "SELECT r.id FROM service_requests r JOIN services s "
                   "ON s.code = r.service_code WHERE (?1 = 0 OR s.entity_id = ?1)");
  if (list != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (list, ",", -1);

      g_string_append (sql, " AND r.id IN (0");
      for (guint i = 0; parts[i] != NULL; i++)
        {
          gint64 id;

          if (!msk_srv_open311_parse_tracking (g_strstrip (parts[i]), &id))
            {
              msk_srv_ctx_open311_error (ctx, 400, "o311-bad-id");
              return;
            }
          g_string_append_printf (sql, ", %" G_GINT64_FORMAT, id);
        }
      g_string_append (sql, ")");
    }
  else
    {
      const char *codes = msk_srv_ctx_query (ctx, "service_code");
      const char *status = msk_srv_ctx_query (ctx, "status");
      const char *start_s = msk_srv_ctx_query (ctx, "start_date");
      const char *end_s = msk_srv_ctx_query (ctx, "end_date");
      gint64 start = 0, end = 0;

      if ((start_s != NULL && !parse_w3_datetime (start_s, &start)) ||
          (end_s != NULL && !parse_w3_datetime (end_s, &end)))
        {
          msk_srv_ctx_open311_error (ctx, 400, "o311-bad-date");
          return;
        }
      if (start_s == NULL && end_s == NULL)
        {
          end = ctx->now;
          start = end - 90 * DAY;
        }
      else if (start_s == NULL)
        start = end - 90 * DAY;
      else if (end_s == NULL)
        end = start + 90 * DAY;
      if (end < start || end - start > 90 * DAY)
        {
          msk_srv_ctx_open311_error (ctx, 400, "o311-range-too-long");
          return;
        }
      g_string_append_printf (sql, " AND r.requested_at >= %" G_GINT64_FORMAT
                              " AND r.requested_at <= %" G_GINT64_FORMAT, start, end);

      if (codes != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (codes, ",", -1);

          g_string_append (sql, " AND r.service_code IN (''");
          for (guint i = 0; parts[i] != NULL; i++)
            {
              g_string_append_printf (sql, ", ?%u", args->len + 2);
              g_ptr_array_add (args, g_strdup (g_strstrip (parts[i])));
            }
          g_string_append (sql, ")");
        }
      if (status != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (status, ",", -1);
          gboolean open = FALSE, closed = FALSE;

          for (guint i = 0; parts[i] != NULL; i++)
            {
              g_strstrip (parts[i]);
              if (g_str_equal (parts[i], "open"))
                open = TRUE;
              else if (g_str_equal (parts[i], "closed"))
                closed = TRUE;
              else
                {
                  msk_srv_ctx_open311_error (ctx, 400, "o311-bad-status");
                  return;
                }
            }
          if (open && !closed)
            g_string_append (sql, " AND r.detailed_status NOT IN ('PROCESSED', 'REJECTED')");
          else if (closed && !open)
            g_string_append (sql, " AND r.detailed_status IN ('PROCESSED', 'REJECTED')");
        }
    }
  g_string_append (sql, " ORDER BY r.requested_at DESC, r.id DESC LIMIT 1000");

  /* A dynamic statement: not cached. */
  if (sqlite3_prepare_v2 (msk_server_db_get_handle (ctx->db), sql->str, -1, &stmt, NULL)
      != SQLITE_OK)
    {
      msk_srv_ctx_open311_error (ctx, 400, "o311-not-found");
      return;
    }
  sqlite3_bind_int64 (stmt, 1, entity);
  for (guint i = 0; i < args->len; i++)
    sqlite3_bind_text (stmt, i + 2, args->pdata[i], -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    msk_srv_open311_add_request (ctx, b, g_array_index (ids, gint64, i), extensions);
  json_builder_end_array (b);
  msk_srv_ctx_open311_reply_builder (ctx, 200, b, "service_requests");
}

/* ---- create a request --------------------------------------------------------- */

/* Ten working days after @from in the portal's zone; Friday and Saturday
 * are the weekend. */
gint64
msk_srv_add_working_days (gint64 from,
                          int    days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (MSK_SRV_PORTAL_OFFSET_SECONDS);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) day = g_date_time_to_timezone (utc, tz);

  while (days > 0)
    {
      GDateTime *next = g_date_time_add_days (day, 1);
      int dow;

      g_date_time_unref (day);
      day = next;
      dow = g_date_time_get_day_of_week (day);
      if (dow != 5 && dow != 6)
        days--;
    }
  return g_date_time_to_unix (day);
}

static gboolean
parse_double (const char *text,
              double      min,
              double      max,
              double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *value >= min && *value <= max;
}

typedef struct
{
  const char *name;
  gsize max;
} MskSrvFormLimit;

/* Whether the one who appeals is the one who asked: the account that made
 * the request; for a request made without one, whoever gives the email or
 * device_id it was made with (never published). The row of @stmt has the
 * original's user_id, email and device_id from @col on. */
static gboolean
appeal_by_requester (MskSrvCtx    *ctx,
                     sqlite3_stmt *stmt,
                     int           col)
{
  const char *email = msk_srv_open311_form_get (ctx, "email");
  const char *device_id = msk_srv_open311_form_get (ctx, "device_id");

  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    return ctx->user_id == sqlite3_column_int64 (stmt, col);
  if (email != NULL && *email != '\0' && sqlite3_column_type (stmt, col + 1) != SQLITE_NULL)
    {
      g_autofree char *given = g_utf8_casefold (email, -1);
      g_autofree char *asked = g_utf8_casefold (msk_srv_col_text (stmt, col + 1), -1);

      if (g_str_equal (given, asked))
        return TRUE;
    }
  return device_id != NULL && *device_id != '\0' &&
         sqlite3_column_type (stmt, col + 2) != SQLITE_NULL &&
         g_str_equal (device_id, msk_srv_col_text (stmt, col + 2));
}

static void
post_request (MskSrvCtx *ctx)
{
  static const MskSrvFormLimit limits[] = {
    { "address_string", 500 }, { "address_id", 100 }, { "email", 254 }, { "device_id", 100 },
    { "account_id", 100 }, { "first_name", 100 }, { "last_name", 100 }, { "phone", 40 },
    { "description", 4000 }, { "media_url", 2000 }, { "zipcode", 20 },
  };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) attrs = g_ptr_array_new_with_free_func (g_free); /* code, value */
  g_autofree char *kind = NULL;
  g_autofree char *tracking = NULL;
  const char *api_key = msk_srv_open311_form_get (ctx, "api_key");
  const char *code = msk_srv_open311_form_get (ctx, "service_code");
  const char *lat_s = msk_srv_open311_form_get (ctx, "lat");
  const char *long_s = msk_srv_open311_form_get (ctx, "long");
  const char *address = msk_srv_open311_form_get (ctx, "address_string");
  const char *address_id = msk_srv_open311_form_get (ctx, "address_id");
  gboolean needs_location = FALSE;
  double lat = 0, lon = 0;
  gint64 entity, id, original = 0, expected = 0, assisted_by;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (ctx->form == NULL)
    ctx->form = g_ptr_array_new_with_free_func (g_free);

  if (api_key == NULL)
    {
      msk_srv_ctx_open311_error (ctx, 403, "o311-api-key-missing");
      return;
    }
  stmt = msk_server_db_prepare (ctx->db, "SELECT count(*) FROM api_keys WHERE key = ?");
  sqlite3_bind_text (stmt, 1, api_key, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  found = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (!found)
    {
      msk_srv_ctx_open311_error (ctx, 403, "o311-api-key-invalid");
      return;
    }
  if (!msk_srv_open311_check_jurisdiction (ctx, &entity))
    return;
  if (code == NULL)
    {
      msk_srv_ctx_open311_error (ctx, 400, "o311-service-code-missing");
      return;
    }
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT kind, needs_location FROM services WHERE code = ?1 "
                                "AND (?2 = 0 OR entity_id = ?2)");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      kind = g_strdup (msk_srv_col_text (stmt, 0));
      needs_location = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (kind == NULL)
    {
      msk_srv_ctx_open311_error (ctx, 404, "o311-service-not-found");
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      const char *v = msk_srv_open311_form_get (ctx, limits[i].name);

      if (v != NULL && (gsize) g_utf8_strlen (v, -1) > limits[i].max)
        {
          msk_srv_ctx_open311_error_field (ctx, 400, "o311-too-long", limits[i].name,
                                           limits[i].max);
          return;
        }
    }

  if ((lat_s != NULL) != (long_s != NULL) ||
      (lat_s != NULL && (!parse_double (lat_s, -90, 90, &lat) ||
                         !parse_double (long_s, -180, 180, &lon))))
    {
      msk_srv_ctx_open311_error (ctx, 400, "o311-bad-latlong");
      return;
    }
  if (needs_location && lat_s == NULL && address == NULL && address_id == NULL)
    {
      msk_srv_ctx_open311_error (ctx, 400, "o311-location-missing");
      return;
    }

  /* attribute[code]=value and attribute[code][]=value */
  for (guint i = 0; i + 1 < ctx->form->len; i += 2)
    {
      const char *name = ctx->form->pdata[i];
      const char *value = ctx->form->pdata[i + 1];
      const char *close;
      g_autofree char *acode = NULL;
      g_autofree char *datatype = NULL;

      if (!g_str_has_prefix (name, "attribute["))
        continue;
      close = strchr (name, ']');
      if (close == NULL || close == name + 10 ||
          !(close[1] == '\0' || g_str_equal (close + 1, "[]")))
        {
          msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-unknown", name, 0);
          return;
        }
      acode = g_strndup (name + 10, close - (name + 10));
      stmt = msk_server_db_prepare (ctx->db,
                                    "SELECT datatype FROM service_attributes "
                                    "WHERE service_code = ? AND code = ?");
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, acode, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        datatype = g_strdup (msk_srv_col_text (stmt, 0));
      sqlite3_reset (stmt);
      if (datatype == NULL)
        {
          msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-unknown", name, 0);
          return;
        }
      if (*value == '\0')
        continue;
      if (g_str_has_suffix (datatype, "valuelist"))
        {
          gboolean ok;

          stmt = msk_server_db_prepare (ctx->db,
                                        "SELECT count(*) FROM service_attribute_values "
                                        "WHERE service_code = ? AND attribute_code = ? "
                                        "AND key = ?");
          sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, acode, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
          sqlite3_step (stmt);
          ok = sqlite3_column_int (stmt, 0) > 0;
          sqlite3_reset (stmt);
          if (!ok || (g_str_equal (datatype, "singlevaluelist") && close[1] != '\0'))
            {
              msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-invalid", name, 0);
              return;
            }
        }
      else if (g_str_equal (datatype, "number"))
        {
          double d;

          if (!parse_double (value, -G_MAXDOUBLE, G_MAXDOUBLE, &d))
            {
              msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-invalid", name, 0);
              return;
            }
        }
      else if (g_str_equal (datatype, "datetime"))
        {
          gint64 t;

          if (!parse_w3_datetime (value, &t))
            {
              msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-invalid", name, 0);
              return;
            }
        }
      else if (g_utf8_strlen (value, -1) > 4000 ||
               (g_str_equal (datatype, "string") && strchr (value, '\n') != NULL))
        {
          msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-invalid", name, 0);
          return;
        }
      g_ptr_array_add (attrs, g_strdup (acode));
      g_ptr_array_add (attrs, g_strdup (value));
    }

  /* required attributes */
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT code FROM service_attributes WHERE service_code = ? "
                                "AND required = 1 AND variable = 1 ORDER BY position");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean have = FALSE;

      for (guint i = 0; i + 1 < attrs->len; i += 2)
        if (g_str_equal (attrs->pdata[i], msk_srv_col_text (stmt, 0)))
          have = TRUE;
      if (!have)
        {
          g_autofree char *field = g_strdup_printf ("attribute[%s]", msk_srv_col_text (stmt, 0));

          sqlite3_reset (stmt);
          msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-required", field, 0);
          return;
        }
    }
  sqlite3_reset (stmt);

  if (g_str_equal (kind, "information_appeal"))
    {
      const char *ref = NULL;
      gboolean allowed = FALSE;
      gboolean requester = FALSE;

      for (guint i = 0; i + 1 < attrs->len; i += 2)
        if (g_str_equal (attrs->pdata[i], "original_request"))
          ref = attrs->pdata[i + 1];
      if (ref == NULL)
        {
          msk_srv_ctx_open311_error_field (ctx, 400, "o311-attribute-required",
                                           "attribute[original_request]", 0);
          return;
        }
      if (!msk_srv_open311_parse_tracking (ref, &original))
        {
          msk_srv_ctx_open311_error (ctx, 400, "o311-appeal-original-invalid");
          return;
        }
      stmt = msk_server_db_prepare (ctx->db,
                                    "SELECT r.detailed_status, r.expected_at, r.closed_at, "
                                    "r.user_id, r.email, r.device_id "
                                    "FROM service_requests r JOIN services s "
                                    "ON s.code = r.service_code WHERE r.id = ? "
                                    "AND s.kind = 'information_request'");
      sqlite3_bind_int64 (stmt, 1, original);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *st = msk_srv_col_text (stmt, 0);
          gboolean late = sqlite3_column_type (stmt, 2) == SQLITE_NULL &&
                          sqlite3_column_type (stmt, 1) != SQLITE_NULL &&
                          sqlite3_column_int64 (stmt, 1) < ctx->now;

          requester = appeal_by_requester (ctx, stmt, 3);
          allowed = late || g_str_equal (st, "REJECTED");
        }
      sqlite3_reset (stmt);
      if (!allowed)
        {
          msk_srv_ctx_open311_error (ctx, 400, "o311-appeal-not-allowed");
          return;
        }
      if (!requester)
        {
          /* GeoReport v2 keeps 403 for the api_key: any other refusal is a 400 */
          msk_srv_ctx_open311_error (ctx, 400, "o311-appeal-not-requester");
          return;
        }
    }
  if (g_str_has_prefix (kind, "information_"))
    expected = msk_srv_add_working_days (ctx->now, 10);
  /* refused as problem+json: the Musharaka client reads it by its code */
  if (!msk_srv_assisted_lookup (ctx, &assisted_by))
    return;

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
    "INSERT INTO service_requests (service_code, detailed_status, description, lat, long, "
    "address, address_id, zipcode, media_url, email, first_name, last_name, phone, device_id, "
    "account_ref, user_id, original_request, requested_at, updated_at, expected_at, "
    "assisted_by) "
    "VALUES (?1, 'RECEIVED', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?17, ?18, ?19)");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  {
    static const char * const text_cols[] = {
      "description", NULL, NULL, "address_string", "address_id", "zipcode", "media_url",
      "email", "first_name", "last_name", "phone", "device_id", "account_id",
    };

    for (guint i = 0; i < G_N_ELEMENTS (text_cols); i++)
      if (text_cols[i] != NULL && msk_srv_open311_form_get (ctx, text_cols[i]) != NULL)
        sqlite3_bind_text (stmt, i + 2, msk_srv_open311_form_get (ctx, text_cols[i]), -1,
                           SQLITE_TRANSIENT);
  }
  if (lat_s != NULL)
    {
      sqlite3_bind_double (stmt, 3, lat);
      sqlite3_bind_double (stmt, 4, lon);
    }
  if (ctx->user_id != 0)
    sqlite3_bind_int64 (stmt, 15, ctx->user_id);
  if (original != 0)
    sqlite3_bind_int64 (stmt, 16, original);
  sqlite3_bind_int64 (stmt, 17, ctx->now);
  if (expected != 0)
    sqlite3_bind_int64 (stmt, 18, expected);
  msk_srv_assisted_bind (stmt, 19, assisted_by);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_warning ("Cannot store a service request: %s",
                 sqlite3_errmsg (msk_server_db_get_handle (ctx->db)));
      sqlite3_reset (stmt);
      msk_server_db_rollback (ctx->db);
      msk_srv_ctx_open311_error (ctx, 400, "o311-not-found");
      return;
    }
  sqlite3_reset (stmt);
  id = msk_server_db_last_insert_id (ctx->db);

  for (guint i = 0; i + 1 < attrs->len; i += 2)
    {
      stmt = msk_server_db_prepare (ctx->db,
                                    "INSERT INTO request_attributes (request_id, code, value) "
                                    "VALUES (?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, attrs->pdata[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, attrs->pdata[i + 1], -1, SQLITE_TRANSIENT);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO request_history (request_id, detailed_status, at) "
                                "VALUES (?, 'RECEIVED', ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->now);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (!msk_server_db_commit (ctx->db))
    {
      msk_srv_ctx_open311_error (ctx, 400, "o311-not-found");
      return;
    }

  tracking = msk_srv_open311_tracking (id);
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "service_request_id");
  json_builder_add_string_value (b, tracking);
  stmt = msk_server_db_prepare (ctx->db, "SELECT notice_ar, notice_en FROM services "
                                "WHERE code = ?");
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  msk_srv_builder_add_string_or_null (b, "service_notice", msk_srv_open311_pick (ctx, stmt, 0));
  sqlite3_reset (stmt);
  json_builder_set_member_name (b, "account_id");
  if (msk_srv_open311_form_get (ctx, "account_id") != NULL)
    json_builder_add_string_value (b, msk_srv_open311_form_get (ctx, "account_id"));
  else if (ctx->user_id != 0)
    {
      g_autofree char *account = g_strdup_printf ("%" G_GINT64_FORMAT, ctx->user_id);

      json_builder_add_string_value (b, account);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  {
    g_autofree char *location = g_strdup_printf ("/open311/v2/requests/%s.%s", tracking,
                                                 ctx->open311_xml ? "xml" : "json");

    msk_srv_ctx_add_header (ctx, "Location", location);
  }
  msk_srv_ctx_open311_reply_builder (ctx, 201, b, "service_requests");
}

/* Each resource with .json, .xml and no extension (Accept decides); the
 * extensions before the bare parameter, which would take them in. */
const MskSrvRouteDef msk_srv_open311_requests_routes[] = {
  { "GET", "/open311/v2/requests.json", get_requests },
  { "POST", "/open311/v2/requests.json", post_request },
  { "GET", "/open311/v2/requests.xml", get_requests },
  { "POST", "/open311/v2/requests.xml", post_request },
  { "GET", "/open311/v2/requests", get_requests },
  { "POST", "/open311/v2/requests", post_request },
  { "GET", "/open311/v2/requests/{service_request_id}.json", get_request },
  { "GET", "/open311/v2/requests/{service_request_id}.xml", get_request },
  { "GET", "/open311/v2/requests/{service_request_id}", get_request },
};
const gsize msk_srv_open311_requests_n_routes = G_N_ELEMENTS (msk_srv_open311_requests_routes);
