/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Open311 GeoReport v2 routes answer as an Open311 client expects:
 * JSON format, form-encoded POST with api_key, the 90-day window, errors as
 * [{code, description}], CitySDK detailed_status; access to information
 * requests with ten working days and appeals.
 */
#include <sqlite3.h>
#include <string.h>

#include "msk-test-server.h"

#define ALWAHA "jurisdiction_id=alwaha.example"
#define MOCD "jurisdiction_id=mocd.example"

static MskTestServer *srv;
static char *staff;

static gint64
count_requests (const char *query)
{
  g_autofree char *path = g_strconcat ("/open311/v2/requests.json?" ALWAHA, query, NULL);
  g_autoptr(MskTestReply) reply = msk_test_get (srv, path, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  return json_array_get_length (msk_test_array (reply));
}

static JsonObject *
first (MskTestReply *reply)
{
  return json_array_get_object_element (msk_test_array (reply), 0);
}

static void
test_discovery (void)
{
  g_autoptr(MskTestReply) d = msk_test_get (srv, "/open311/v2/discovery.json", NULL);
  JsonObject *endpoint;

  g_assert_cmpuint (d->status, ==, 200);
  endpoint = json_array_get_object_element (json_object_get_array_member (msk_test_object (d),
                                                                          "endpoints"), 0);
  g_assert_cmpstr (json_object_get_string_member (endpoint, "specification"), ==,
                   "http://wiki.open311.org/GeoReport_v2");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (endpoint, "url"), "/open311/v2"));
}

static void
test_services (void)
{
  g_autoptr(MskTestReply) ar = msk_test_request (srv, "GET", "/open311/v2/services.json?" ALWAHA,
                                                 NULL,
                                                 NULL,
                                                 NULL, 0, "Accept-Language", "ar", NULL);
  g_autoptr(MskTestReply) en = msk_test_request (srv, "GET", "/open311/v2/services?" ALWAHA, NULL,
                                                 NULL, NULL, 0, "Accept-Language", "en", NULL);
  g_autoptr(MskTestReply) jur =
    msk_test_get (srv, "/open311/v2/services.json?jurisdiction_id=mocd.example", NULL);
  g_autoptr(MskTestReply) bad_jur =
    msk_test_get (srv, "/open311/v2/services.json?jurisdiction_id=x.example", NULL);
  g_autoptr(MskTestReply) xml = msk_test_get (srv, "/open311/v2/services.xml?" ALWAHA, NULL);
  JsonArray *services;
  JsonObject *s;

  g_assert_cmpuint (ar->status, ==, 200);
  g_assert_true (g_str_has_prefix (msk_test_header (ar, "Content-Type"), "application/json"));
  services = msk_test_array (ar);
  g_assert_cmpuint (json_array_get_length (services), ==, 7);
  s = json_array_get_object_element (services, 0);
  g_assert_cmpstr (json_object_get_string_member (s, "service_code"), ==, "street_lighting");
  g_assert_cmpstr (json_object_get_string_member (s, "service_name"), ==, "إنارة الشوارع");
  g_assert_true (json_object_get_boolean_member (s, "metadata"));
  g_assert_cmpstr (json_object_get_string_member (s, "type"), ==, "realtime");
  g_assert_true (json_object_has_member (s, "keywords"));
  g_assert_true (json_object_has_member (s, "group"));
  g_assert_true (json_object_has_member (s, "description"));
  g_assert_cmpstr (json_object_get_string_member (first (en), "service_name"), ==,
                   "Street lighting");
  g_assert_cmpuint (json_array_get_length (msk_test_array (jur)), ==, 2);
  msk_test_assert_open311_error (bad_jur, 404);
  g_assert_cmpuint (xml->status, ==, 200);
  g_assert_cmpstr (msk_test_header (xml, "Content-Type"), ==, "text/xml; charset=utf-8");
}

static void
test_service_definition (void)
{
  g_autoptr(MskTestReply) def =
    msk_test_request (srv, "GET", "/open311/v2/services/cleanliness.json?" ALWAHA, NULL, NULL,
                      NULL, 0, "Accept-Language", "en", NULL);
  g_autoptr(MskTestReply) nosuffix = msk_test_get (srv, "/open311/v2/services/potholes?" ALWAHA,
                                                           NULL);
  g_autoptr(MskTestReply) missing = msk_test_get (srv, "/open311/v2/services/unicorns.json?" ALWAHA,
                                                          NULL);
  JsonObject *attr;
  JsonArray *values;

  g_assert_cmpuint (def->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (def), "service_code"), ==,
                   "cleanliness");
  attr = json_array_get_object_element (json_object_get_array_member (msk_test_object (def),
                                                                      "attributes"), 0);
  g_assert_true (json_object_get_boolean_member (attr, "variable"));
  g_assert_cmpstr (json_object_get_string_member (attr, "code"), ==, "type");
  g_assert_cmpstr (json_object_get_string_member (attr, "datatype"), ==, "multivaluelist");
  g_assert_true (json_object_get_boolean_member (attr, "required"));
  g_assert_cmpint (json_object_get_int_member (attr, "order"), ==, 1);
  g_assert_true (json_object_has_member (attr, "datatype_description"));
  values = json_object_get_array_member (attr, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (values, 0), "key"),
                   ==, "litter");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (values, 0),
                                                  "name"),
                   ==, "Litter");
  g_assert_cmpuint (nosuffix->status, ==, 200);
  msk_test_assert_open311_error (missing, 404);
}

static void
test_create_and_get (void)
{
  g_autoptr(MskTestReply) created =
    msk_test_post_form (srv, "/open311/v2/requests.json",
                        "api_key=" DEMO_API_KEY "&" ALWAHA
                        "&service_code=cleanliness&lat=25.28&long=55.37"
                        "&address_string=Al+Khaleej+St%2C+Al+Waha"
                        "&attribute%5Btype%5D%5B%5D=litter"
                        "&attribute%5Btype%5D%5B%5D=graffiti"
                        "&description=Litter+and+graffiti+by+the+park"
                        "&email=citizen%40example.org&first_name=Mariam");
  g_autoptr(MskTestReply) fetched = NULL;
  g_autoptr(MskTestReply) fetched_plain = NULL;
  g_autoptr(MskTestReply) extended = NULL;
  g_autoptr(MskTestReply) moved = NULL;
  g_autoptr(MskTestReply) closed = NULL;
  g_autoptr(MskTestReply) missing =
    msk_test_get (srv, "/open311/v2/requests/MSK-999999.json?" ALWAHA, NULL);
  g_autoptr(MskTestReply) nosuffix = msk_test_post_form (srv, "/open311/v2/requests",
                                                         "api_key=" DEMO_API_KEY "&" ALWAHA
                                                         "&service_code=water_leak"
                                                         "&address_id=A-1234");
  JsonObject *r;
  const char *id;
  static const char * const fields[] = {
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
    "media_url", "detailed_status",
  };

  g_assert_cmpuint (created->status, ==, 201);
  r = first (created);
  id = json_object_get_string_member (r, "service_request_id");
  g_assert_true (g_str_has_prefix (id, "MSK-"));
  g_assert_true (json_object_has_member (r, "service_notice"));
  g_assert_true (json_object_has_member (r, "account_id"));
  g_assert_cmpuint (json_array_get_length (msk_test_array (created)), ==, 1);
  g_assert_cmpuint (nosuffix->status, ==, 201);

  {
    g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?" ALWAHA, id);
    g_autofree char *plain = g_strdup_printf ("/open311/v2/requests/%s?" ALWAHA, id);
    g_autofree char *ext = g_strdup_printf ("/open311/v2/requests/%s.json?extensions=true&" ALWAHA,
                                            id);
    g_autofree char *staff_path = g_strdup_printf ("/v1/service-requests/%s/status", id);

    fetched = msk_test_get (srv, path, NULL);
    fetched_plain = msk_test_get (srv, plain, NULL);
    moved = msk_test_send_json (srv, "POST", staff_path, staff,
                                "{\"detailed_status\":\"PROCESSED\",\"status_notes\":"
                                "\"Cleaned and painted over.\"}");
    g_assert_cmpuint (moved->status, ==, 200);
    closed = msk_test_get (srv, path, NULL);
    extended = msk_test_get (srv, ext, NULL);
  }
  g_assert_cmpuint (fetched->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (msk_test_array (fetched)), ==, 1);
  r = first (fetched);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (r, fields[i]));
  g_assert_false (json_object_has_member (r, "email"));
  g_assert_false (json_object_has_member (r, "extended_attributes"));
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (r, "detailed_status"), ==, "RECEIVED");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "lat"), 25.28, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (r, "address"), ==, "Al Khaleej St, Al Waha");
  g_assert_cmpuint (fetched_plain->status, ==, 200);

  r = first (closed);
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (r, "detailed_status"), ==, "PROCESSED");
  g_assert_cmpstr (json_object_get_string_member (r, "status_notes"), ==,
                   "Cleaned and painted over.");
  g_assert_nonnull (json_object_get_string_member (r, "updated_datetime"));

  r = json_object_get_object_member (first (extended), "extended_attributes");
  g_assert_cmpstr (json_object_get_string_member (r, "detailed_status"), ==, "PROCESSED");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r, "history")), ==, 2);

  msk_test_assert_open311_error (missing, 404);
}

static void
test_create_errors (void)
{
  g_autoptr(MskTestReply) no_key = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                       "service_code=potholes&lat=1&long=1");
  g_autoptr(MskTestReply) bad_key = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                        "api_key=wrong&service_code=potholes"
                                                        "&lat=1&long=1");
  g_autoptr(MskTestReply) no_code = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                        "api_key=" DEMO_API_KEY "&" ALWAHA
                                                        "&lat=1&long=1");
  g_autoptr(MskTestReply) bad_code = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                         "api_key=" DEMO_API_KEY "&" ALWAHA
                                                         "&service_code=dragons&lat=1&long=1");
  g_autoptr(MskTestReply) no_location = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                            "api_key=" DEMO_API_KEY "&" ALWAHA
                                                            "&service_code=potholes"
                                                            "&attribute%5Bsize%5D=large");
  g_autoptr(MskTestReply) bad_lat = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                        "api_key=" DEMO_API_KEY "&" ALWAHA
                                                        "&service_code=potholes&lat=95&long=1"
                                                        "&attribute%5Bsize%5D=large");
  g_autoptr(MskTestReply) no_attr = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                        "api_key=" DEMO_API_KEY "&" ALWAHA
                                                        "&service_code=potholes&lat=25&long=55");
  g_autoptr(MskTestReply) bad_attr = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                         "api_key=" DEMO_API_KEY "&" ALWAHA
                                                         "&service_code=potholes&lat=25&long=55"
                                                         "&attribute%5Bsize%5D=gigantic");
  g_autoptr(MskTestReply) unknown_attr = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                             "api_key=" DEMO_API_KEY "&" ALWAHA
                                                             "&service_code=potholes&lat=25"
                                                             "&long=55&attribute%5Bsize%5D=large"
                                                             "&attribute%5Bcolour%5D=red");
  g_autoptr(MskTestReply) json_body = msk_test_request (srv, "POST", "/open311/v2/requests.json",
                                                        NULL, "application/json",
                                                        "{\"api_key\":\"" DEMO_API_KEY "\"}", -1,
                                                        NULL);
  gint64 before = count_requests ("");
  g_autoptr(MskTestReply) ar = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                                                 "application/x-www-form-urlencoded",
                                                 "service_code=potholes", -1,
                                                 "Accept-Language", "ar", NULL);

  msk_test_assert_open311_error (no_key, 403);
  msk_test_assert_open311_error (bad_key, 403);
  msk_test_assert_open311_error (no_code, 400);
  msk_test_assert_open311_error (bad_code, 404);
  msk_test_assert_open311_error (no_location, 400);
  msk_test_assert_open311_error (bad_lat, 400);
  msk_test_assert_open311_error (no_attr, 400);
  msk_test_assert_open311_error (bad_attr, 400);
  msk_test_assert_open311_error (unknown_attr, 400);
  msk_test_assert_open311_error (json_body, 400);
  msk_test_assert_open311_error (ar, 403);
  g_assert_nonnull (strstr (json_object_get_string_member (first (ar), "description"), "api_key"));
  g_assert_nonnull (strstr (json_object_get_string_member (first (ar), "description"), "مفتاح"));
  g_assert_cmpint (count_requests (""), ==, before);
}

static void
test_query (void)
{
  g_autoptr(MskTestReply) wide =
    msk_test_get (srv,
                  "/open311/v2/requests.json?" ALWAHA "&start_date=2026-01-01T00:00:00Z"
                  "&end_date=2026-06-01T00:00:00Z", NULL);
  g_autoptr(MskTestReply) bad_date =
    msk_test_get (srv, "/open311/v2/requests.json?" ALWAHA "&start_date=yesterday", NULL);
  g_autoptr(MskTestReply) bad_status =
    msk_test_get (srv, "/open311/v2/requests.json?" ALWAHA "&status=solved", NULL);
  g_autoptr(MskTestReply) closed =
    msk_test_get (srv, "/open311/v2/requests.json?" ALWAHA "&status=closed", NULL);
  g_autoptr(MskTestReply) by_code =
    msk_test_get (srv, "/open311/v2/requests.json?" ALWAHA "&service_code=potholes,parks", NULL);
  g_autoptr(MskTestReply) by_id =
    msk_test_get (srv, "/open311/v2/requests.json?" ALWAHA "&service_request_id="
                  "MSK-000002,MSK-000004&status=open", NULL);
  g_autoptr(MskTestReply) old = NULL;
  JsonArray *list;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* The default window is the most recent 90 days: every demo request of the jurisdiction (40
   * days at most) */
  g_assert_cmpint (count_requests (""), >=, 5);
  {
    g_autoptr(MskTestReply) plain = msk_test_get (srv, "/open311/v2/requests?" ALWAHA
                                                  "&status=open", NULL);

    g_assert_cmpuint (plain->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (msk_test_array (plain)), >=, 3);
  }
  msk_test_assert_open311_error (wide, 400);
  msk_test_assert_open311_error (bad_date, 400);
  msk_test_assert_open311_error (bad_status, 400);

  list = msk_test_array (closed);
  g_assert_cmpuint (json_array_get_length (list), >=, 4);
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, i),
                                                    "status"), ==, "closed");
  list = msk_test_array (by_code);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *code = json_object_get_string_member (json_array_get_object_element (list, i),
                                                        "service_code");
      g_assert_true (g_str_equal (code, "potholes") || g_str_equal (code, "parks"));
    }
  /* service_request_id overrides the other filters */
  g_assert_cmpuint (json_array_get_length (msk_test_array (by_id)), ==, 2);

  /* a window that ends 100 days ago holds none of them */
  {
    g_autoptr(GDateTime) end = g_date_time_add_days (now, -100);
    g_autofree char *end_s = g_date_time_format_iso8601 (end);
    g_autofree char *path = g_strdup_printf ("/open311/v2/requests.json?" ALWAHA "&end_date=%s",
                                             end_s);

    old = msk_test_get (srv, path, NULL);
  }
  g_assert_cmpuint (old->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (msk_test_array (old)), ==, 0);
}

static gint64
working_days_ahead (gint64 from,
                    int    days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+04:00");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) d = g_date_time_to_timezone (utc, tz);

  while (days > 0)
    {
      GDateTime *next = g_date_time_add_days (d, 1);
      int dow = g_date_time_get_day_of_week (next);

      g_date_time_unref (d);
      d = next;
      if (dow != 5 /* Friday */ && dow != 6 /* Saturday */)
        days--;
    }
  return g_date_time_to_unix (d);
}

/* The email a request was made with, which its requester gives to appeal
 * it; the server publishes it nowhere, so it is read from the database. */
static char *
request_email (gint64 id)
{
  g_autofree char *path = g_build_filename (srv->data_dir, "musharaka-server.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *email = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT email FROM service_requests WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    email = g_uri_escape_string ((const char *) sqlite3_column_text (stmt, 0), NULL, FALSE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (email);
  return email;
}

static void
test_information_requests (void)
{
  g_autoptr(MskTestReply) created =
    msk_test_post_form (srv, "/open311/v2/requests.json",
                        "api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_request"
                        "&attribute%5Bpreferred_format%5D=paper"
                        "&description=Budget+of+the+parks+department"
                        "&device_id=parks-budget-asker");
  g_autoptr(MskTestReply) early_appeal = NULL;
  g_autoptr(MskTestReply) late_appeal = NULL;
  g_autoptr(MskTestReply) refused_appeal = NULL;
  g_autoptr(MskTestReply) no_ref = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                       "api_key=" DEMO_API_KEY "&" MOCD
                                                       "&service_code=information_appeal"
                                                       "&attribute%5Breason%5D=late");
  g_autoptr(MskTestReply) appeal_of_complaint =
    msk_test_post_form (srv, "/open311/v2/requests.json",
                        "api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
                        "&attribute%5Breason%5D=late"
                        "&attribute%5Boriginal_request%5D=" "MSK-000001");
  g_autoptr(MskTestReply) fetched = NULL;
  g_autoptr(MskTestReply) refused = NULL;
  g_autoptr(GDateTime) requested = NULL;
  g_autoptr(GDateTime) expected = NULL;
  const char *id;
  JsonObject *r;

  g_assert_cmpuint (created->status, ==, 201);
  id = json_object_get_string_member (first (created), "service_request_id");
  {
    g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?" MOCD, id);

    fetched = msk_test_get (srv, path, NULL);
  }
  r = first (fetched);
  requested = g_date_time_new_from_iso8601 (json_object_get_string_member (r, "requested_datetime"),
                                            NULL);
  expected = g_date_time_new_from_iso8601 (json_object_get_string_member (r, "expected_datetime"),
                                           NULL);
  g_assert_nonnull (expected);
  g_assert_cmpint (g_date_time_to_unix (expected), ==,
                   working_days_ahead (g_date_time_to_unix (requested), 10));
  g_assert_cmpint (g_date_time_difference (expected, requested), >=, 12 * G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_difference (expected, requested), <=, 14 * G_TIME_SPAN_DAY);

  /* neither late nor refused: no appeal yet */
  {
    g_autofree char *form =
      g_strdup_printf ("api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
                       "&attribute%%5Breason%%5D=late"
                       "&attribute%%5Boriginal_request%%5D=%s", id);

    early_appeal = msk_test_post_form (srv, "/open311/v2/requests.json", form);
  }
  msk_test_assert_open311_error (early_appeal, 400);
  msk_test_assert_open311_error (no_ref, 400);
  msk_test_assert_open311_error (appeal_of_complaint, 400);

  /* the demo's MSK-000006 was asked 25 days ago and is still unanswered: late */
  {
    g_autofree char *email = request_email (6);
    g_autofree char *form =
      g_strdup_printf ("api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
                       "&attribute%%5Breason%%5D=late"
                       "&attribute%%5Boriginal_request%%5D=MSK-000006"
                       "&description=No+answer+after+ten+working+days&email=%s", email);

    late_appeal = msk_test_post_form (srv, "/open311/v2/requests.json", form);
  }
  g_assert_cmpuint (late_appeal->status, ==, 201);
  {
    g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?extensions=true&" MOCD,
                                             json_object_get_string_member (first (late_appeal),
                                                                            "service_request_id"));
    g_autoptr(MskTestReply) appeal = msk_test_get (srv, path, NULL);

    JsonObject *ext = json_object_get_object_member (first (appeal), "extended_attributes");

    g_assert_cmpstr (json_object_get_string_member (ext, "original_request"), ==, "MSK-000006");
  }

  /* a refused request can be appealed at once */
  {
    g_autofree char *staff_path = g_strdup_printf ("/v1/service-requests/%s/status", id);
    g_autofree char *form =
      g_strdup_printf ("api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
                       "&attribute%%5Breason%%5D=refused"
                       "&attribute%%5Boriginal_request%%5D=%s&device_id=parks-budget-asker", id);

    refused = msk_test_send_json (srv, "POST", staff_path, staff,
                                  "{\"detailed_status\":\"REJECTED\",\"status_notes\":"
                                  "\"The information is classified.\"}");
    g_assert_cmpuint (refused->status, ==, 200);
    refused_appeal = msk_test_post_form (srv, "/open311/v2/requests.json", form);
  }
  g_assert_cmpuint (refused_appeal->status, ==, 201);
}

/* The date of @text in the portal's zone (+04:00), as "YYYY-MM-DD". */
static char *
portal_date (const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+04:00");
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, NULL);
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (parsed);
  local = g_date_time_to_timezone (parsed, tz);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* --clock-start: the server started "on Wednesday 2 December 2026 at 9"
 * files an information request that day, due ten working days later; a
 * server started on the same data "on Thursday 17 December" sees it late
 * and takes its appeal. */
static void
test_clock_start (void)
{
  const char *wednesday[] = { "--clock-start=2026-12-02T09:00:00+04:00", NULL };
  const char *thursday[] = { "--clock-start=2026-12-17T09:00:00+04:00", NULL };
  g_autoptr(MskTestServer) first_srv = msk_test_server_start_with (NULL, TRUE, NULL, wednesday);
  g_autoptr(MskTestServer) later_srv = NULL;
  g_autoptr(MskTestReply) created = NULL;
  g_autoptr(MskTestReply) fetched = NULL;
  g_autoptr(MskTestReply) early_appeal = NULL;
  g_autoptr(MskTestReply) late_appeal = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-12-02T09:00:00+04:00", NULL);
  g_autoptr(GDateTime) requested = NULL;
  g_autofree char *path = NULL;
  g_autofree char *appeal = NULL;
  g_autofree char *requested_day = NULL;
  g_autofree char *expected_day = NULL;
  const char *id;
  JsonObject *r;

  created = msk_test_post_form (first_srv, "/open311/v2/requests.json",
                                "api_key=" DEMO_API_KEY "&" MOCD
                                "&service_code=information_request"
                                "&attribute%5Bpreferred_format%5D=paper"
                                "&description=Budget+of+the+libraries"
                                "&device_id=clock-start-asker");
  g_assert_cmpuint (created->status, ==, 201);
  id = json_object_get_string_member (first (created), "service_request_id");
  path = g_strdup_printf ("/open311/v2/requests/%s.json?" MOCD, id);
  fetched = msk_test_get (first_srv, path, NULL);
  g_assert_cmpuint (fetched->status, ==, 200);
  r = first (fetched);

  /* Filed at the clock's start, give or take the time the test took. */
  requested_day = portal_date (json_object_get_string_member (r, "requested_datetime"));
  g_assert_cmpstr (requested_day, ==, "2026-12-02");
  requested = g_date_time_new_from_iso8601 (json_object_get_string_member (r,
                                                                           "requested_datetime"),
                                            NULL);
  g_assert_cmpint (g_date_time_difference (requested, start), >=, 0);
  g_assert_cmpint (g_date_time_difference (requested, start), <, 60 * G_TIME_SPAN_SECOND);

  /* Ten working days, Friday and Saturday off, counted from Wednesday 2:
   * Thu 3 (1), [Fri 4, Sat 5], Sun 6 (2), Mon 7 (3), Tue 8 (4), Wed 9 (5),
   * Thu 10 (6), [Fri 11, Sat 12], Sun 13 (7), Mon 14 (8), Tue 15 (9),
   * Wed 16 (10): due on Wednesday 16 December. */
  expected_day = portal_date (json_object_get_string_member (r, "expected_datetime"));
  g_assert_cmpstr (expected_day, ==, "2026-12-16");

  /* Not late yet on the day it was filed: no appeal. */
  appeal = g_strdup_printf ("api_key=" DEMO_API_KEY "&" MOCD "&service_code=information_appeal"
                            "&attribute%%5Breason%%5D=late"
                            "&attribute%%5Boriginal_request%%5D=%s&device_id=clock-start-asker",
                            id);
  early_appeal = msk_test_post_form (first_srv, "/open311/v2/requests.json", appeal);
  msk_test_assert_open311_error (early_appeal, 400);
  msk_test_server_stop (first_srv);

  /* The day after it was due: late, and its requester may appeal. */
  later_srv = msk_test_server_start_with (first_srv->data_dir, TRUE, NULL, thursday);
  late_appeal = msk_test_post_form (later_srv, "/open311/v2/requests.json", appeal);
  g_assert_cmpuint (late_appeal->status, ==, 201);
  msk_test_server_stop (later_srv);
}

static void
test_idempotency (void)
{
  static const char form[] = "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=stray_animals"
                             "&address_string=Old+market+square";
  gint64 before = count_requests ("");
  g_autoptr(MskTestReply) a = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                                                "application/x-www-form-urlencoded", form, -1,
                                                "Idempotency-Key", "o311-key-1", NULL);
  g_autoptr(MskTestReply) b = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                                                "application/x-www-form-urlencoded", form, -1,
                                                "Idempotency-Key", "o311-key-1", NULL);
  /* a signed-in user's key: another request with it is refused */
  g_autoptr(MskTestReply) mine = msk_test_request (srv, "POST", "/open311/v2/requests.json",
                                                   staff, "application/x-www-form-urlencoded",
                                                   form, -1, "Idempotency-Key", "o311-key-2",
                                                   NULL);
  g_autoptr(MskTestReply) other = msk_test_request (srv, "POST", "/open311/v2/requests.json",
                                                    staff, "application/x-www-form-urlencoded",
                                                    "api_key=" DEMO_API_KEY "&" ALWAHA
                                                    "&service_code=noise&lat=1&long=1", -1,
                                                    "Idempotency-Key", "o311-key-2", NULL);

  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpstr (msk_test_header (b, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpuint (mine->status, ==, 201);
  msk_test_assert_open311_error (other, 400);
  g_assert_cmpint (count_requests (""), ==, before + 2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  srv = msk_test_server_start (NULL, TRUE, NULL);
  staff = msk_test_login (srv, "staff", STAFF_PASSWORD);

  g_test_add_func ("/server/open311/discovery", test_discovery);
  g_test_add_func ("/server/open311/services", test_services);
  g_test_add_func ("/server/open311/service-definition", test_service_definition);
  g_test_add_func ("/server/open311/create-and-get", test_create_and_get);
  g_test_add_func ("/server/open311/create-errors", test_create_errors);
  g_test_add_func ("/server/open311/query", test_query);
  g_test_add_func ("/server/open311/information-requests", test_information_requests);
  g_test_add_func ("/server/open311/idempotency", test_idempotency);
  g_test_add_func ("/server/open311/clock-start", test_clock_start);

  ret = g_test_run ();

  msk_test_server_stop (srv);
  g_clear_pointer (&srv, msk_test_server_free);
  g_free (staff);
  return ret;
}
