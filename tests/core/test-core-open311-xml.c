/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-error.h"
#include "msk-http.h"
#include "msk-json.h"
#include "msk-open311.h"
#include "msk-xml.h"

/* The Open311 specification's own XML replies (tests/core/data/open311),
 * read into the models the JSON replies give; and XML the app refuses. */

static GBytes *
example (const char *name)
{
  g_autofree char *path = g_build_filename (MSK_TEST_OPEN311_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static JsonNode *
read_example (const char *name)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(GBytes) bytes = example (name);
  g_autoptr(GError) error = NULL;
  JsonNode *root = msk_http_parse_xml (http, bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  return root;
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autoptr(GDateTime) want = g_date_time_new_from_iso8601 (expected, NULL);

  g_assert_nonnull (time);
  g_assert_true (g_date_time_equal (time, want));
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, g_date_time_get_utc_offset (want));
}

static void
test_services (void)
{
  g_autoptr(JsonNode) root = read_example ("services.xml");
  static const struct
  {
    const char *code, *name, *group, *description_start;
  } expected[] = {
    { "001", "Cans left out 24x7", "sanitation", "Garbage or recycling cans" },
    { "002", "Construction plate shifted", "street", "Metal construction plate" },
    { "003", "Curb or curb ramp defect", "street", "Sidewalk curb or ramp" },
  };
  JsonArray *array;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MskService) service = NULL;

      service = msk_service_new_from_json (json_array_get_element (array, i), "en", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (msk_service_get_service_code (service), ==, expected[i].code);
      g_assert_cmpstr (msk_service_get_service_name (service), ==, expected[i].name);
      g_assert_true (g_str_has_prefix (msk_service_get_description (service),
                                       expected[i].description_start));
      g_assert_true (msk_service_get_metadata (service));
      g_assert_cmpstr (msk_service_get_service_type (service), ==, "realtime");
      g_assert_cmpstr (msk_service_get_keywords (service), ==, "lorem, ipsum, dolor");
      g_assert_cmpstr (msk_service_get_group (service), ==, expected[i].group);
    }
  {
    g_autoptr(MskService) first = msk_service_new_from_json (json_array_get_element (array, 0),
                                                             "en", NULL);

    g_assert_cmpstr (msk_service_get_description (first), ==,
                     "Garbage or recycling cans that have been left out for more than 24 hours "
                     "after collection. Violators will be cited.");
  }
}

/* The specification allows its own URL as the default namespace. */
static void
test_namespace (void)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  const char *xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                    "<services xmlns=\"http://wiki.open311.org/GeoReport_v2\"><service>"
                    "<service_code>001</service_code><service_name>Cans</service_name>"
                    "<metadata>false</metadata></service></services>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = msk_http_parse_xml (http, bytes, &error);
  g_autoptr(MskService) service = NULL;

  g_assert_no_error (error);
  service = msk_service_new_from_json (json_array_get_element (json_node_get_array (root), 0),
                                       "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (msk_service_get_service_code (service), ==, "001");
  g_assert_false (msk_service_get_metadata (service));
}

static void
test_service_definition (void)
{
  g_autoptr(JsonNode) root = read_example ("service-definition.xml");
  g_autoptr(MskServiceAttribute) attribute = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  JsonObject *object;
  JsonArray *attributes = NULL;

  object = msk_json_node_get_object (root, "service definition", &error);
  g_assert_no_error (error);
  g_assert_true (msk_json_read_id (object, "service_code", TRUE, &code, &error));
  g_assert_cmpstr (code, ==, "DMV66");
  g_assert_true (msk_json_read_array (object, "attributes", TRUE, &attributes, &error));
  g_assert_cmpuint (json_array_get_length (attributes), ==, 1);

  attribute = msk_service_attribute_new_from_json (json_array_get_element (attributes, 0), "en",
                                                   &error);
  g_assert_no_error (error);
  g_assert_true (msk_service_attribute_get_variable (attribute));
  g_assert_cmpstr (msk_service_attribute_get_code (attribute), ==, "WHISHETN");
  g_assert_cmpstr (msk_service_attribute_get_datatype (attribute), ==, "singlevaluelist");
  g_assert_true (msk_service_attribute_get_required (attribute));
  g_assert_null (msk_service_attribute_get_datatype_description (attribute));
  g_assert_cmpint (msk_service_attribute_get_order (attribute), ==, 1);
  g_assert_cmpstr (msk_service_attribute_get_description (attribute), ==,
                   "What is the ticket/tag/DL number?");
  g_assert_cmpuint (msk_service_attribute_get_n_values (attribute), ==, 2);
  g_assert_cmpstr (msk_service_attribute_get_value_key (attribute, 0), ==, "123");
  g_assert_cmpstr (msk_service_attribute_get_value_name (attribute, 0), ==, "Ford");
  g_assert_cmpstr (msk_service_attribute_get_value_key (attribute, 1), ==, "124");
  g_assert_cmpstr (msk_service_attribute_get_value_name (attribute, 1), ==, "Chrysler");
}

static void
test_receipts (void)
{
  g_autoptr(JsonNode) posted = read_example ("post-request.xml");
  g_autoptr(JsonNode) batch = read_example ("request-from-token.xml");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *batch_id = NULL;
  g_autofree char *batch_token = NULL;
  JsonObject *request;

  g_assert_true (msk_open311_read_receipt (posted, &id, &token, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "293944");
  g_assert_null (token);
  /* The notice is trimmed of the indentation around it; <account_id/> is null. */
  request = json_array_get_object_element (json_node_get_array (posted), 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (request, "service_notice"),
                                   "The City will inspect"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (request, "service_notice"),
                                   "Public Works Code"));
  g_assert_true (json_object_has_member (request, "account_id"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (request, "account_id")));

  g_assert_true (msk_open311_read_receipt (batch, &batch_id, &batch_token, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (batch_id, ==, "638344");
  g_assert_cmpstr (batch_token, ==, "12345");
}

static void
assert_request_638344 (MskServiceRequest *request)
{
  g_assert_cmpstr (msk_service_request_get_service_request_id (request), ==, "638344");
  g_assert_cmpstr (msk_service_request_get_status (request), ==, "closed");
  g_assert_cmpstr (msk_service_request_get_status_notes (request), ==, "Duplicate request.");
  g_assert_cmpstr (msk_service_request_get_service_name (request), ==,
                   "Sidewalk and Curb Issues");
  g_assert_cmpstr (msk_service_request_get_service_code (request), ==, "006");
  g_assert_null (msk_service_request_get_description (request));
  assert_time (msk_service_request_get_requested_datetime (request),
               "2010-04-14T06:37:38-08:00");
  assert_time (msk_service_request_get_updated_datetime (request), "2010-04-14T06:37:38-08:00");
  assert_time (msk_service_request_get_expected_datetime (request),
               "2010-04-15T06:37:38-08:00");
  g_assert_cmpstr (msk_service_request_get_address (request), ==, "8TH AVE and JUDAH ST");
  g_assert_null (msk_service_request_get_detailed_status (request));
  /* GeoReport v2 without the CitySDK extension: no history */
  g_assert_cmpuint (msk_service_request_get_history (request)->len, ==, 0);
}

static void
test_requests (void)
{
  g_autoptr(JsonNode) list = read_example ("requests.xml");
  g_autoptr(JsonNode) one = read_example ("request.xml");
  g_autoptr(MskServiceRequest) first = NULL;
  g_autoptr(MskServiceRequest) second = NULL;
  g_autoptr(MskServiceRequest) only = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_node_get_array (list);
  JsonObject *object;

  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  first = msk_service_request_new_from_json (json_array_get_element (array, 0), "en", &error);
  g_assert_no_error (error);
  assert_request_638344 (first);

  second = msk_service_request_new_from_json (json_array_get_element (array, 1), "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (msk_service_request_get_service_request_id (second), ==, "638349");
  g_assert_cmpstr (msk_service_request_get_status (second), ==, "open");
  g_assert_null (msk_service_request_get_status_notes (second));
  assert_time (msk_service_request_get_expected_datetime (second), "2010-04-19T06:37:38-08:00");

  /* The numbers have the types of the JSON form. */
  object = json_array_get_object_element (array, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "lat"), 37.762221815,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, "long"), -122.4651145,
                                  1e-9);
  g_assert_cmpstr (json_object_get_string_member (object, "zipcode"), ==, "94122");
  g_assert_cmpstr (json_object_get_string_member (object, "media_url"), ==,
                   "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg");

  g_assert_cmpuint (json_array_get_length (json_node_get_array (one)), ==, 1);
  only = msk_service_request_new_from_json (json_array_get_element (json_node_get_array (one), 0),
                                            "en", &error);
  g_assert_no_error (error);
  assert_request_638344 (only);
}

static void
test_errors (void)
{
  g_autoptr(JsonNode) root = read_example ("errors.xml");
  JsonArray *array = json_node_get_array (root);
  JsonObject *error;

  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  error = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, 403);
  g_assert_cmpstr (json_object_get_string_member (error, "description"), ==,
                   "Invalid api_key received -- can't proceed with create_request.");
}

static void
test_discovery (void)
{
  g_autoptr(JsonNode) root = read_example ("discovery.xml");
  JsonObject *object = json_node_get_object (root);
  JsonArray *endpoints = json_object_get_array_member (object, "endpoints");
  JsonObject *production, *test;
  JsonArray *formats;

  g_assert_cmpstr (json_object_get_string_member (object, "changeset"), ==, "2011-02-03 14:18");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "key_service"),
                                   "You can request a key here"));
  g_assert_cmpuint (json_array_get_length (endpoints), ==, 3);
  production = json_array_get_object_element (endpoints, 0);
  g_assert_cmpstr (json_object_get_string_member (production, "specification"), ==,
                   "http://wiki.open311.org/GeoReport_v2");
  g_assert_cmpstr (json_object_get_string_member (production, "url"), ==,
                   "http://open311.mycity.gov/v2");
  g_assert_cmpstr (json_object_get_string_member (production, "type"), ==, "production");
  formats = json_object_get_array_member (production, "formats");
  g_assert_cmpuint (json_array_get_length (formats), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (formats, 0), ==, "text/xml");
  test = json_array_get_object_element (endpoints, 1);
  formats = json_object_get_array_member (test, "formats");
  g_assert_cmpuint (json_array_get_length (formats), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (formats, 1), ==, "application/json");
}

/* What the app refuses, and what it says. */

static void
assert_refused (const char *xml,
                gsize       length,
                gint        code,
                const char *message_part)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(GBytes) bytes = g_bytes_new (xml, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 start = g_get_monotonic_time ();

  root = msk_http_parse_xml (http, bytes, &error);
  g_assert_null (root);
  g_assert_error (error, MSK_ERROR, code);
  g_test_message ("%" G_GSIZE_FORMAT " bytes refused in %" G_GINT64_FORMAT " us: %s", length,
                  g_get_monotonic_time () - start, error->message);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_test_fail_printf ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_malformed (void)
{
  static const struct
  {
    const char *xml, *says;
  } cases[] = {
    { "<services><service><service_code>001</service></services>", "XML line 1" },
    { "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services>\n<service>", "XML line" },
    { "", "XML" },
    { "   ", "XML" },
    { "<errors><error><code>403</code></error></errors><errors/>", "XML line 1" },
    { "<services>text<service/></services>", "holds both text and elements" },
    { "<errors><error><code>&unknown;</code></error></errors>", "XML line 1" },
    { "<errors>\xff\xfe</errors>", "XML line 1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (cases[i].xml, strlen (cases[i].xml), MSK_ERROR_INVALID_DATA, cases[i].says);
}

static void
test_wrong_types (void)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  const char *xml = "<services><service><service_code>001</service_code>"
                    "<service_name>Cans</service_name><metadata>sometimes</metadata>"
                    "</service></services>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(JsonNode) root = msk_http_parse_xml (http, bytes, NULL);
  g_autoptr(MskService) service = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (root);
  service = msk_service_new_from_json (json_array_get_element (json_node_get_array (root), 0),
                                       "en", &error);
  g_assert_null (service);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "metadata"));
}

/* CitySDK's extension, as musharaka-server writes it, and a foreign one. */
static void
test_extensions (void)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  const char *xml =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests><request>"
    "<service_request_id>MSK-000009</service_request_id><status>open</status>"
    "<detailed_status>IN_PROCESS</detailed_status>"
    "<extended_attributes><detailed_status>IN_PROCESS</detailed_status><original_request/>"
    "<history>"
    "<entry><detailed_status>RECEIVED</detailed_status><status_notes/>"
    "<datetime>2026-11-02T08:00:00+04:00</datetime></entry>"
    "<entry><detailed_status>IN_PROCESS</detailed_status><status_notes>Crew sent</status_notes>"
    "<datetime>2026-11-03T08:00:00+04:00</datetime></entry>"
    "</history></extended_attributes>"
    "<tags><tag>water</tag><tag>street</tag><tag>urgent</tag></tags>"
    "</request></service_requests>";
  const char *repeated = "<services><service><service_code>A</service_code>"
                         "<service_code>B</service_code></service></services>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GBytes) repeated_bytes = g_bytes_new_static (repeated, strlen (repeated));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = msk_http_parse_xml (http, bytes, &error);
  g_autoptr(JsonNode) repeated_root = NULL;
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(MskService) service = NULL;
  JsonObject *object, *extended;
  JsonArray *history, *tags;

  g_assert_no_error (error);
  request = msk_service_request_new_from_json (json_array_get_element (json_node_get_array (root),
                                                                       0), "en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (msk_service_request_get_detailed_status (request), ==, "IN_PROCESS");
  g_assert_null (msk_service_request_get_original_request (request));
  g_assert_cmpuint (msk_service_request_get_history (request)->len, ==, 2);
  g_assert_cmpstr (((MskRequestStep *) g_ptr_array_index (msk_service_request_get_history (request),
                                                          1))->notes, ==, "Crew sent");

  object = json_array_get_object_element (json_node_get_array (root), 0);
  extended = json_object_get_object_member (object, "extended_attributes");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (extended, "original_request")));
  history = json_object_get_array_member (extended, "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 1),
                                                  "status_notes"), ==, "Crew sent");
  /* An unknown list: its repeated element becomes an array. */
  tags = json_object_get_array_member (json_object_get_object_member (object, "tags"), "tag");
  g_assert_cmpuint (json_array_get_length (tags), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "urgent");

  /* A field given twice is read as a list, which the model refuses. */
  repeated_root = msk_http_parse_xml (http, repeated_bytes, &error);
  g_assert_no_error (error);
  service = msk_service_new_from_json (json_array_get_element (json_node_get_array (repeated_root),
                                                               0), "en", &error);
  g_assert_null (service);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "service_code"));
}

static void
test_oversized (void)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(GBytes) services = example ("services.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* The same limit as JSON: one byte less than the reply is refused. */
  msk_http_set_limits (http, g_bytes_get_size (services) - 1, MSK_HTTP_DEFAULT_MAX_DEPTH);
  root = msk_http_parse_xml (http, services, &error);
  g_assert_null (root);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The portal sent more data than the app accepts.");
  g_clear_error (&error);

  msk_http_set_limits (http, g_bytes_get_size (services), MSK_HTTP_DEFAULT_MAX_DEPTH);
  root = msk_http_parse_xml (http, services, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static char *
nested (guint depth)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>");

  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "<a>");
  g_string_append (xml, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "</a>");
  return g_string_free (xml, FALSE);
}

static void
test_too_deep (void)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autofree char *deep = nested (5000);
  g_autofree char *at_limit = nested (MSK_HTTP_DEFAULT_MAX_DEPTH);
  g_autofree char *over = nested (MSK_HTTP_DEFAULT_MAX_DEPTH + 1);
  g_autoptr(GBytes) bytes = g_bytes_new_static (at_limit, strlen (at_limit));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = msk_http_parse_xml (http, bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (root);
  assert_refused (over, strlen (over), MSK_ERROR_TOO_LARGE,
                  "The portal sent data nested too deeply for the app to read.");
  assert_refused (deep, strlen (deep), MSK_ERROR_TOO_LARGE,
                  "The portal sent data nested too deeply for the app to read.");
}

static const char refused_markup[] =
  "The portal sent XML that declares a document type or entities, which the app does not accept.";

static void
test_entity_bomb (void)
{
  GString *bomb = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE errors [\n"
                                "<!ENTITY lol \"lol\">\n");
  g_autofree char *utf16 = NULL;
  gsize utf16_length = 0;

  /* "billion laughs": nine levels of ten references, 10^9 copies of "lol" */
  for (guint i = 1; i < 10; i++)
    {
      g_autofree char *inner = i == 1 ? g_strdup ("lol") : g_strdup_printf ("lol%u", i - 1);

      g_string_append_printf (bomb, "<!ENTITY lol%u \"", i);
      for (guint j = 0; j < 10; j++)
        g_string_append_printf (bomb, "&%s;", inner);
      g_string_append (bomb, "\">\n");
    }
  g_string_append (bomb, "]>\n<errors><error><code>400</code><description>&lol9;"
                         "</description></error></errors>");
  assert_refused (bomb->str, bomb->len, MSK_ERROR_INVALID_DATA, refused_markup);

  /* The same in UTF-16 (which the specification does not allow): refused
   * as XML that cannot be read, never expanded. */
  utf16 = g_convert (bomb->str, bomb->len, "UTF-16", "UTF-8", NULL, &utf16_length, NULL);
  g_assert_nonnull (utf16);
  assert_refused (utf16, utf16_length, MSK_ERROR_INVALID_DATA, "XML");
  g_string_free (bomb, TRUE);
}

static void
test_doctype (void)
{
  static const char *const documents[] = {
    /* an external entity: the file would be read with entity substitution */
    "<?xml version=\"1.0\"?><!DOCTYPE errors [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    "<errors><error><code>400</code><description>&x;</description></error></errors>",
    /* an external DTD over the network */
    "<?xml version=\"1.0\"?>\n<!-- a comment -->\n<?pi data?>\n"
    "<!DOCTYPE services SYSTEM \"http://198.51.100.1/open311.dtd\"><services/>",
    /* a parameter entity */
    "<!DOCTYPE services [<!ENTITY % p SYSTEM \"http://198.51.100.1/p\"> %p;]><services/>",
    /* a byte order mark first */
    "\xEF\xBB\xBF<!DOCTYPE services><services/>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    assert_refused (documents[i], strlen (documents[i]), MSK_ERROR_INVALID_DATA, refused_markup);
}

static void
test_jurisdiction_of (void)
{
  static const struct
  {
    const char *uri, *jurisdiction_id;
  } cases[] = {
    { "https://city.test/open311/v2/requests.xml?jurisdiction_id=city.test", "city.test" },
    { "https://city.test/open311/v2/requests.json?a=1&jurisdiction_id=sfgov.org&b", "sfgov.org" },
    { "https://city.test/open311/v2/requests.xml?jurisdiction_id=a%26b.test", "a&b.test" },
    { "https://city.test/open311/v2/requests.xml", NULL },
    { "https://city.test/open311/v2/requests.xml?jurisdiction=x", NULL },
    { "not a uri", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *jurisdiction_id = msk_open311_dup_jurisdiction_id_of (cases[i].uri);

      g_assert_cmpstr (jurisdiction_id, ==, cases[i].jurisdiction_id);
    }
}

static void
test_sniff (void)
{
  g_assert_true (msk_xml_sniff ("  \n<?xml?>", 10));
  g_assert_true (msk_xml_sniff ("\xEF\xBB\xBF<services/>", 14));
  g_assert_false (msk_xml_sniff ("[{\"code\": 1}]", 13));
  g_assert_false (msk_xml_sniff ("", 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/open311-xml/services", test_services);
  g_test_add_func ("/core/open311-xml/namespace", test_namespace);
  g_test_add_func ("/core/open311-xml/service-definition", test_service_definition);
  g_test_add_func ("/core/open311-xml/receipts", test_receipts);
  g_test_add_func ("/core/open311-xml/requests", test_requests);
  g_test_add_func ("/core/open311-xml/errors", test_errors);
  g_test_add_func ("/core/open311-xml/discovery", test_discovery);
  g_test_add_func ("/core/open311-xml/malformed", test_malformed);
  g_test_add_func ("/core/open311-xml/wrong-types", test_wrong_types);
  g_test_add_func ("/core/open311-xml/extensions", test_extensions);
  g_test_add_func ("/core/open311-xml/oversized", test_oversized);
  g_test_add_func ("/core/open311-xml/too-deep", test_too_deep);
  g_test_add_func ("/core/open311-xml/entity-bomb", test_entity_bomb);
  g_test_add_func ("/core/open311-xml/doctype", test_doctype);
  g_test_add_func ("/core/open311-xml/sniff", test_sniff);
  g_test_add_func ("/core/open311-xml/jurisdiction-of", test_jurisdiction_of);

  return g_test_run ();
}
