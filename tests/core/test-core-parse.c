/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-client.h"
#include "msk-error.h"
#include "msk-http.h"
#include "msk-json.h"
#include "msk-outcome.h"
#include "msk-paged-list.h"
#include "msk-report.h"
#include "msk-service-request.h"

static const char topic_json[] =
  "{\"id\": 12, \"entity_id\": 1, \"kind\": \"poll\", \"status\": \"open\","
  " \"title\": {\"ar\": \"<strong>حدائق</strong> الحي\", \"en\": \"Neighbourhood <em>parks</em>\"},"
  " \"title_text\": {\"ar\": \"حدائق الحي\", \"en\": \"Neighbourhood parks\"},"
  " \"summary\": {\"ar\": \"<p>ملخص</p>\", \"en\": \"<p>Summary &amp; more</p>\"},"
  " \"summary_text\": {\"ar\": \"ملخص\", \"en\": \"Summary & more\"},"
  " \"body\": {\"ar\": \"<p>نص</p>\", \"en\": \"<p>Body</p>\"},"
  " \"speech\": {\"ar\": \"حَدَائِقُ الحَيِّ\", \"en\": \"Neighbourhood parks\"},"
  " \"images\": [{\"url\": \"https://x/p.png\", \"alt\": {\"ar\": \"صورة\", \"en\": \"A park\"},"
  "   \"width\": 640, \"height\": 480}],"
  " \"opens_at\": \"2026-11-01T08:00:00+04:00\", \"closes_at\": \"2026-12-01T08:00:00+04:00\","
  " \"feedback_due\": \"2026-12-31T08:00:00+04:00\", \"results_published_at\": null,"
  " \"comment_count\": 3, \"updated_at\": \"2026-11-02T08:00:00+04:00\","
  " \"poll\": {\"id\": 12, \"status\": \"open\", \"question\": {\"ar\": \"س\", \"en\": \"Q\"},"
  "   \"multiple\": false, \"max_choices\": 1, \"results_visibility\": \"after_vote\","
  "   \"options\": [{\"id\": 1, \"label\": {\"ar\": \"نعم\", \"en\": \"Yes\"}},"
  "                {\"id\": 2, \"label\": {\"ar\": \"لا\", \"en\": \"No\"}}],"
  "   \"my_ballot\": [2]}}";

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_topic (void)
{
  g_autoptr(JsonNode) node = parse (topic_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskTopic) en = msk_topic_new_from_json (node, "en", &error);
  g_autoptr(MskTopic) ar = NULL;
  g_autoptr(MskPollOption) option = NULL;
  g_autoptr(MskImage) image = NULL;
  g_autofree char *title_prop = NULL;
  const gint64 *ballot;
  guint n;
  MskPoll *poll;

  g_assert_no_error (error);
  g_assert_cmpint (msk_topic_get_id (en), ==, 12);
  g_assert_cmpstr (msk_topic_get_title (en), ==, "Neighbourhood <em>parks</em>");
  g_assert_cmpstr (msk_topic_get_title_text (en), ==, "Neighbourhood parks");
  g_assert_cmpstr (msk_topic_get_summary_text (en), ==, "Summary & more");
  g_assert_cmpstr (msk_topic_get_body_text (en), ==, "Body");
  g_assert_cmpint (g_date_time_get_utc_offset (msk_topic_get_opens_at (en)) / G_TIME_SPAN_HOUR,
                   ==, 4);
  g_assert_null (msk_topic_get_results_published_at (en));
  g_object_get (en, "title-text", &title_prop, NULL);
  g_assert_cmpstr (title_prop, ==, "Neighbourhood parks");

  image = g_list_model_get_item (msk_topic_get_images (en), 0);
  g_assert_cmpstr (msk_image_get_alt (image), ==, "A park");

  poll = msk_topic_get_poll (en);
  g_assert_nonnull (poll);
  g_assert_cmpuint (g_list_model_get_n_items (msk_poll_get_options (poll)), ==, 2);
  option = g_list_model_get_item (msk_poll_get_options (poll), 1);
  g_assert_cmpstr (msk_poll_option_get_label (option), ==, "No");
  ballot = msk_poll_get_my_ballot (poll, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (ballot[0], ==, 2);

  ar = msk_topic_new_from_json (node, "ar", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (msk_topic_get_title_text (ar), ==, "حدائق الحي");
  g_assert_cmpstr (msk_topic_get_speech (ar), ==, "حَدَائِقُ الحَيِّ");
}

/* Every member replaced by a value of the wrong type gives an error, never
 * a crash or a warning (warnings are fatal in the tests). */
static void
test_wrong_types (void)
{
  static const char *const members[] = {
    "id", "entity_id", "kind", "status", "title", "summary", "opens_at", "closes_at",
    "comment_count", "poll", "images", "speech", "body", "feedback_due",
  };
  static const char *const wrong_values[] = {
    "\"x\"", "1", "1.5", "true", "[]", "{}", "[1,2]", "{\"ar\": 3}",
  };
  guint errors = 0, total = 0;

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    for (guint v = 0; v < G_N_ELEMENTS (wrong_values); v++)
      {
        g_autoptr(JsonNode) node = parse (topic_json);
        g_autoptr(JsonParser) vp = json_parser_new ();
        g_autoptr(GError) error = NULL;
        g_autoptr(MskTopic) topic = NULL;

        json_parser_load_from_data (vp, wrong_values[v], -1, NULL);
        json_object_set_member (json_node_get_object (node), members[m],
                                json_node_copy (json_parser_get_root (vp)));
        topic = msk_topic_new_from_json (node, "en", &error);
        total++;
        if (topic == NULL)
          {
            g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
            errors++;
          }
      }
  /* Only a few replacements are acceptable (an empty localized object for an
   * optional text, the same type as before). */
  g_test_message ("%u of %u replacements refused", errors, total);
  g_assert_cmpuint (errors, >, total * 3 / 4);

  /* Not an object at all */
  {
    g_autoptr(JsonNode) node = parse ("[1, 2, 3]");
    g_autoptr(GError) error = NULL;
    g_autoptr(MskTopic) topic = msk_topic_new_from_json (node, "en", &error);

    g_assert_null (topic);
    g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
  }
  /* A ballot with strings */
  {
    g_autoptr(JsonNode) node = parse (topic_json);
    g_autoptr(JsonNode) bad = parse ("[\"1\"]");
    g_autoptr(GError) error = NULL;
    g_autoptr(MskTopic) topic = NULL;
    JsonObject *poll = json_object_get_object_member (json_node_get_object (node), "poll");

    json_object_set_member (poll, "my_ballot", json_node_ref (bad));
    topic = msk_topic_new_from_json (node, "en", &error);
    g_assert_null (topic);
    g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
  }
}

static void
test_page (void)
{
  g_autofree char *page = g_strdup_printf ("{\"items\": [%s, %s], \"next_cursor\": \"abc\"}",
                                           topic_json, topic_json);
  g_autoptr(JsonNode) node = parse (page);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *next = NULL;

  g_assert_true (msk_paged_list_parse_page (node, MSK_TYPE_TOPIC,
                                            (MskParseFunc) msk_topic_new_from_json, "en", items,
                                            &next, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (next, ==, "abc");

  /* items is not an array */
  {
    g_autoptr(JsonNode) bad = parse ("{\"items\": {}, \"next_cursor\": null}");

    g_assert_false (msk_paged_list_parse_page (bad, MSK_TYPE_TOPIC,
                                               (MskParseFunc) msk_topic_new_from_json, "en",
                                               items, &next, &error));
    g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }
  /* next_cursor is a number */
  {
    g_autoptr(JsonNode) bad = parse ("{\"items\": [], \"next_cursor\": 5}");

    g_assert_false (msk_paged_list_parse_page (bad, MSK_TYPE_TOPIC,
                                               (MskParseFunc) msk_topic_new_from_json, "en",
                                               items, &next, &error));
    g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
  }
}

static void
assert_too_deep (MskHttp *http,
                 GString *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = msk_http_parse_json (http, bytes, &error);

  g_assert_null (node);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_TOO_LARGE);
}

static void
test_limits (void)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  assert_too_deep (http, deep);

  /* Nor behind a single-quoted string, which json-glib reads too: a double
   * quote in one must not hide the nesting after it. */
  g_string_prepend (deep, "['\"', ");
  g_string_append_c (deep, ']');
  assert_too_deep (http, deep);

  /* Brackets inside strings do not count. */
  {
    const char *text = "{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}";
    bytes = g_bytes_new_static (text, strlen (text));
  }
  msk_http_set_limits (http, 1024, 4);
  node = msk_http_parse_json (http, bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&bytes, g_bytes_unref);

  {
    const char *text = "[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]";
    bytes = g_bytes_new_static (text, strlen (text));
  }
  msk_http_set_limits (http, 16, 4);
  node = msk_http_parse_json (http, bytes, &error);
  g_assert_null (node);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  msk_http_set_limits (http, 1024, 4);
  bytes = g_bytes_new_static ("{\"a\": tru", 9);
  node = msk_http_parse_json (http, bytes, &error);
  g_assert_null (node);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
}

static void
test_uris (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (msk_http_check_uri ("https://portal.example.sa/v1/topics", NULL));
  g_assert_true (msk_http_check_uri ("http://127.0.0.1:8080/v1/topics", NULL));
  g_assert_true (msk_http_check_uri ("http://localhost:8080/", NULL));
  g_assert_true (msk_http_check_uri ("http://[::1]:8080/", NULL));
  g_assert_false (msk_http_check_uri ("http://portal.example.sa/v1/topics", &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (msk_http_check_uri ("http://10.0.0.1/", &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (msk_http_check_uri ("ftp://example.sa/", &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (msk_http_check_uri ("not a url", &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT);
}

/* Where the portal's token may go: its own scheme, host and port only. */
static void
test_same_origin (void)
{
  const char *portal = "https://portal.example.sa/base";

  g_assert_true (msk_http_same_origin ("https://portal.example.sa/open311/v2/x", portal));
  g_assert_true (msk_http_same_origin ("HTTPS://Portal.Example.SA:443/v1", portal));
  g_assert_true (msk_http_same_origin ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080"));
  g_assert_false (msk_http_same_origin ("http://127.0.0.1:8081/v1", "http://127.0.0.1:8080"));
  g_assert_false (msk_http_same_origin ("http://127.0.0.1:80801/v1", "http://127.0.0.1:8080"));
  g_assert_false (msk_http_same_origin ("http://portal.example.sa/v1", portal));
  g_assert_false (msk_http_same_origin ("https://portal.example.sa:8443/v1", portal));
  g_assert_false (msk_http_same_origin ("https://portal.example.sa.example.net/v1", portal));
  g_assert_false (msk_http_same_origin ("https://portal.example.sa@example.net/v1", portal));
  g_assert_false (msk_http_same_origin ("https://city.example.sa/open311/v2", portal));
  g_assert_false (msk_http_same_origin ("not a url", portal));
  g_assert_false (msk_http_same_origin (NULL, portal));
}

static void
test_open311_request (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"service_request_id\": \"MSK-000017\", \"status\": \"open\", \"status_notes\": null,"
    " \"service_name\": \"Roads\", \"service_code\": \"roads\", \"description\": \"Hole\","
    " \"requested_datetime\": \"2026-11-01T08:00:00+04:00\","
    " \"updated_datetime\": \"2026-11-01T08:00:00+04:00\", \"expected_datetime\": null,"
    " \"detailed_status\": \"RECEIVED\", \"lat\": 24.1, \"long\": 55.2}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MskServiceRequest) request = msk_service_request_new_from_json (node, "en", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (msk_service_request_get_service_request_id (request), ==, "MSK-000017");
  g_assert_cmpstr (msk_service_request_get_detailed_status (request), ==, "RECEIVED");
  /* without the CitySDK extension: no history */
  g_assert_cmpuint (msk_service_request_get_history (request)->len, ==, 0);
  g_assert_null (msk_service_request_get_original_request (request));
}

/* The CitySDK history: oldest first; an entry that cannot be read (no
 * status, no time, a time that is not one, a member of the wrong type, not
 * an object) is left out, and the request is still read. */
static void
test_open311_request_history (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"service_request_id\": \"MSK-000018\", \"status\": \"open\","
    " \"detailed_status\": \"IN_PROCESS\","
    " \"expected_datetime\": \"2026-11-16T08:00:00+04:00\","
    " \"extended_attributes\": {\"detailed_status\": \"IN_PROCESS\","
    "  \"original_request\": \"MSK-000006\", \"history\": ["
    "   {\"detailed_status\": \"IN_PROCESS\", \"status_notes\": \"Crew sent\","
    "    \"datetime\": \"2026-11-03T08:00:00+04:00\"},"
    "   {\"detailed_status\": \"RECEIVED\", \"status_notes\": null,"
    "    \"datetime\": \"2026-11-02T08:00:00+04:00\"},"
    "   {\"detailed_status\": \"RECEIVED\"},"
    "   {\"status_notes\": \"no status\", \"datetime\": \"2026-11-02T09:00:00+04:00\"},"
    "   {\"detailed_status\": \"RECEIVED\", \"datetime\": \"yesterday\"},"
    "   {\"detailed_status\": 7, \"datetime\": \"2026-11-02T09:00:00+04:00\"},"
    "   {\"detailed_status\": \"RECEIVED\", \"status_notes\": [],"
    "    \"datetime\": \"2026-11-02T09:00:00+04:00\"},"
    "   \"RECEIVED\", null]}}");
  g_autoptr(JsonNode) bad_list = parse (
    "{\"service_request_id\": \"MSK-000019\", \"status\": \"open\","
    " \"extended_attributes\": {\"history\": {\"detailed_status\": \"RECEIVED\"}}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MskServiceRequest) request = msk_service_request_new_from_json (node, "en", &error);
  g_autoptr(MskServiceRequest) other = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 ("2026-11-16T08:00:00+04:00", NULL);
  GPtrArray *history;
  MskRequestStep *step;

  g_assert_no_error (error);
  g_assert_cmpstr (msk_service_request_get_original_request (request), ==, "MSK-000006");
  g_assert_true (g_date_time_equal (msk_service_request_get_expected_datetime (request), expected));
  history = msk_service_request_get_history (request);
  g_assert_cmpuint (history->len, ==, 2);
  step = g_ptr_array_index (history, 0);
  g_assert_cmpstr (step->status, ==, "RECEIVED");
  g_assert_null (step->notes);
  g_assert_cmpint (g_date_time_get_day_of_month (step->datetime), ==, 2);
  step = g_ptr_array_index (history, 1);
  g_assert_cmpstr (step->status, ==, "IN_PROCESS");
  g_assert_cmpstr (step->notes, ==, "Crew sent");
  g_assert_cmpint (g_date_time_get_day_of_month (step->datetime), ==, 3);

  other = msk_service_request_new_from_json (bad_list, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (msk_service_request_get_history (other)->len, ==, 0);
}

/* The statuses staff may move a request to, as the server allows. */
static void
test_open311_allowed_next (void)
{
  const char * const *next;

  next = msk_service_request_allowed_next ("PENDING");
  g_assert_cmpuint (g_strv_length ((char **) next), ==, 1);
  g_assert_cmpstr (next[0], ==, "RECEIVED");
  next = msk_service_request_allowed_next ("RECEIVED");
  g_assert_cmpuint (g_strv_length ((char **) next), ==, 3);
  g_assert_true (g_strv_contains (next, "IN_PROCESS"));
  g_assert_true (g_strv_contains (next, "PROCESSED"));
  g_assert_true (g_strv_contains (next, "REJECTED"));
  next = msk_service_request_allowed_next ("IN_PROCESS");
  g_assert_cmpuint (g_strv_length ((char **) next), ==, 2);
  g_assert_true (g_strv_contains (next, "PROCESSED"));
  g_assert_true (g_strv_contains (next, "REJECTED"));
  g_assert_null (msk_service_request_allowed_next ("PROCESSED")[0]);
  g_assert_null (msk_service_request_allowed_next ("REJECTED")[0]);
  g_assert_null (msk_service_request_allowed_next ("open")[0]);
  g_assert_null (msk_service_request_allowed_next (NULL)[0]);
}

static const char outcome_json[] =
  "{\"id\": 4, \"topic_id\": 9,"
  " \"topic_title\": {\"ar\": \"حدائق الحي\", \"en\": \"Neighbourhood parks\"},"
  " \"decision\": {\"ar\": \"نزرع ٢٠٠ شجرة\", \"en\": \"We plant 200 trees\"},"
  " \"progress\": 60, \"linked_ideas\": [],"
  " \"published_at\": \"2026-10-05T09:00:00+04:00\"}";

/* An outcome read from its field table; progress stays a percentage. */
static void
test_outcome (void)
{
  g_autoptr(JsonNode) node = parse (outcome_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskOutcome) en = msk_outcome_new_from_json (node, "en", &error);
  g_autoptr(MskOutcome) ar = NULL;
  g_autoptr(MskOutcome) over = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (msk_outcome_get_id (en), ==, 4);
  g_assert_cmpint (msk_outcome_get_topic_id (en), ==, 9);
  g_assert_cmpstr (msk_outcome_get_topic_title (en), ==, "Neighbourhood parks");
  g_assert_cmpstr (msk_outcome_get_decision (en), ==, "We plant 200 trees");
  g_assert_cmpint (msk_outcome_get_progress (en), ==, 60);
  g_assert_cmpint (g_date_time_get_day_of_month (msk_outcome_get_published_at (en)), ==, 5);

  ar = msk_outcome_new_from_json (node, "ar", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (msk_outcome_get_decision (ar), ==, "نزرع ٢٠٠ شجرة");

  /* A portal's 250 % is shown as done, not as a bar two and a half times full. */
  json_object_set_int_member (json_node_get_object (node), "progress", 250);
  over = msk_outcome_new_from_json (node, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_outcome_get_progress (over), ==, 100);
  g_clear_object (&over);
  json_object_set_int_member (json_node_get_object (node), "progress", -5);
  over = msk_outcome_new_from_json (node, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_outcome_get_progress (over), ==, 0);

  /* A missing decision is refused */
  json_object_remove_member (json_node_get_object (node), "decision");
  g_clear_object (&over);
  over = msk_outcome_new_from_json (node, "en", &error);
  g_assert_null (over);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
}

static const char report_json[] =
  "{\"entity_id\": 2, \"from\": \"2025-12\", \"to\": \"2026-01\", \"months\": ["
  " {\"month\": \"2025-12\", \"participants\": 0,"
  "  \"submissions\": {\"ballots\": 0, \"survey_responses\": 0, \"comments\": 0, \"ideas\": 0,"
  "   \"supports\": 0, \"feedback\": 0, \"complaints\": 0, \"suggestions\": 0,"
  "   \"information_requests\": 0, \"appeals\": 0},"
  "  \"answered_share\": null, \"median_hours_to_answer\": null},"
  " {\"month\": \"2026-01\", \"participants\": 17,"
  "  \"submissions\": {\"ballots\": 9, \"survey_responses\": 2, \"comments\": 5, \"ideas\": 1,"
  "   \"supports\": 3, \"feedback\": 4, \"complaints\": 3, \"suggestions\": 1,"
  "   \"information_requests\": 0, \"appeals\": 0},"
  "  \"answered_share\": 0.75, \"median_hours_to_answer\": 30.5}]}";

static void
test_report (void)
{
  g_autoptr(JsonNode) node = parse (report_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskReport) report = msk_report_new_from_json (node, "en", &error);
  g_autoptr(MskReportMonth) empty = NULL;
  g_autoptr(MskReportMonth) month = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (msk_report_get_entity_id (report), ==, 2);
  g_assert_cmpstr (msk_report_get_from (report), ==, "2025-12");
  g_assert_cmpstr (msk_report_get_to (report), ==, "2026-01");
  g_assert_cmpuint (g_list_model_get_n_items (msk_report_get_months (report)), ==, 2);

  /* A month without requests has no share and no time: not 0 %, not 0 h. */
  empty = g_list_model_get_item (msk_report_get_months (report), 0);
  g_assert_cmpint (msk_report_month_get_year (empty), ==, 2025);
  g_assert_cmpint (msk_report_month_get_month_number (empty), ==, 12);
  g_assert_cmpint (msk_report_month_get_contributions (empty), ==, 0);
  g_assert_cmpfloat (msk_report_month_get_answered_share (empty), <, 0);
  g_assert_cmpfloat (msk_report_month_get_median_hours (empty), <, 0);

  month = g_list_model_get_item (msk_report_get_months (report), 1);
  g_assert_cmpstr (msk_report_month_get_month (month), ==, "2026-01");
  g_assert_cmpint (msk_report_month_get_participants (month), ==, 17);
  g_assert_cmpint (msk_report_month_get_contributions (month), ==, 28);
  g_assert_cmpint (msk_report_month_get_requests (month), ==, 4);
  g_assert_cmpint (msk_report_month_get_submissions (month, "comments"), ==, 5);
  g_assert_cmpint (msk_report_month_get_submissions (month, "unknown"), ==, 0);
  g_assert_cmpfloat_with_epsilon (msk_report_month_get_answered_share (month), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (msk_report_month_get_median_hours (month), 30.5, 1e-9);
}

/* Every member of a month replaced by a value of the wrong type, a month
 * that is no month, a negative count: an error, never a crash. */
static void
test_report_invalid (void)
{
  static const char *const members[] = {
    "month", "participants", "submissions", "answered_share", "median_hours_to_answer",
  };
  static const char *const wrong_values[] = {
    "\"x\"", "true", "[]", "{\"ar\": \"3\"}", "\"2026-13\"", "\"26-01\"", "-3",
    "{\"ballots\": \"2\"}", "{\"ballots\": -2}",
  };
  guint errors = 0, total = 0;

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    for (guint v = 0; v < G_N_ELEMENTS (wrong_values); v++)
      {
        g_autoptr(JsonNode) node = parse (report_json);
        g_autoptr(JsonNode) value = parse (wrong_values[v]);
        g_autoptr(GError) error = NULL;
        g_autoptr(MskReport) report = NULL;
        JsonArray *months = json_object_get_array_member (json_node_get_object (node), "months");

        json_object_set_member (json_array_get_object_element (months, 1), members[m],
                                json_node_ref (value));
        report = msk_report_new_from_json (node, "en", &error);
        total++;
        if (report == NULL)
          {
            g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
            errors++;
          }
        else if (g_str_equal (members[m], "answered_share")
                 || g_str_equal (members[m], "median_hours_to_answer"))
          {
            /* Only a negative figure is accepted, and read as none. */
            g_autoptr(MskReportMonth) month = g_list_model_get_item (msk_report_get_months (report),
                                                                     1);

            g_assert_cmpstr (wrong_values[v], ==, "-3");
            g_assert_cmpfloat (msk_report_month_get_answered_share (month) < 0
                               || msk_report_month_get_median_hours (month) < 0, ==, TRUE);
          }
        else
          g_error ("%s = %s was accepted", members[m], wrong_values[v]);
      }
  g_test_message ("%u of %u replacements refused", errors, total);
  g_assert_cmpuint (errors, ==, total - 2);

  /* A share above one is no share */
  {
    g_autoptr(JsonNode) node = parse (report_json);
    g_autoptr(GError) error = NULL;
    g_autoptr(MskReport) report = NULL;
    g_autoptr(MskReportMonth) month = NULL;
    JsonArray *months = json_object_get_array_member (json_node_get_object (node), "months");

    json_object_set_double_member (json_array_get_object_element (months, 1), "answered_share",
                                   1.5);
    report = msk_report_new_from_json (node, "en", &error);
    g_assert_no_error (error);
    month = g_list_model_get_item (msk_report_get_months (report), 1);
    g_assert_cmpfloat (msk_report_month_get_answered_share (month), <, 0);
  }
}

/* The name suggested for a topic's open data: its number and the words of
 * its title, in any script, without vowel marks or what a file system
 * could refuse. */
static void
test_export_file_name (void)
{
  static const struct
  {
    MskExportFormat format;
    gint64 id;
    const char *title;
    const char *name;
  } cases[] = {
    { MSK_EXPORT_FORMAT_CSV, 1, "Draft by-law on public parks", "1-draft-by-law-on-public-parks.csv" },
    { MSK_EXPORT_FORMAT_JSON, 1, "مسودة لائحة الحدائق العامة", "1-مسودة-لائحة-الحدائق-العامة.json" },
    { MSK_EXPORT_FORMAT_CSV, 7, "مُسَوَّدَةُ «اللائحة»: ١٤٤٨/٢٠٢٦", "7-مسودة-اللائحة-١٤٤٨-٢٠٢٦.csv" },
    { MSK_EXPORT_FORMAT_CSV, 3, "../../etc/passwd\\ <b>x</b>", "3-etc-passwd-b-x-b.csv" },
    { MSK_EXPORT_FORMAT_JSON, 12, "", "12.json" },
    { MSK_EXPORT_FORMAT_JSON, 12, NULL, "12.json" },
    { MSK_EXPORT_FORMAT_CSV, 2, "a\xff", "2.csv" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = msk_export_format_dup_file_name (cases[i].format, cases[i].id,
                                                               cases[i].title);

      g_assert_cmpstr (name, ==, cases[i].name);
    }

  {
    g_autofree char *name = msk_export_format_dup_file_name (
      MSK_EXPORT_FORMAT_CSV, 4, "word word word word word word word word word word word word");

    g_assert_cmpuint (g_utf8_strlen (name, -1), <=, strlen ("4") + 48 + strlen (".csv"));
    g_assert_false (g_str_has_suffix (name, "-.csv"));
    g_assert_true (g_str_has_suffix (name, ".csv"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/parse/topic", test_topic);
  g_test_add_func ("/core/parse/wrong-types", test_wrong_types);
  g_test_add_func ("/core/parse/page", test_page);
  g_test_add_func ("/core/parse/limits", test_limits);
  g_test_add_func ("/core/parse/uris", test_uris);
  g_test_add_func ("/core/parse/same-origin", test_same_origin);
  g_test_add_func ("/core/parse/open311-request", test_open311_request);
  g_test_add_func ("/core/parse/open311-request-history", test_open311_request_history);
  g_test_add_func ("/core/parse/open311-allowed-next", test_open311_allowed_next);
  g_test_add_func ("/core/parse/outcome", test_outcome);
  g_test_add_func ("/core/parse/report", test_report);
  g_test_add_func ("/core/parse/report-invalid", test_report_invalid);
  g_test_add_func ("/core/parse/export-file-name", test_export_file_name);

  return g_test_run ();
}
