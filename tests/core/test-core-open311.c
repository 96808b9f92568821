/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Open311 client against an endpoint that offers XML only (real HTTP on
 * loopback, see msk-test-open311-server.c): discovery, services, a service
 * definition, filing a request through the outbox and following it while
 * staff move it, the endpoint's XML errors, and the offline cache. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "msk-core.h"
#include "msk-error.h"
#include "msk-open311.h"
#include "msk-test-open311-server.h"
#include "msk-test-proxy.h"
#include "msk-test-util.h"

#define API_KEY "xml-city-key"

typedef struct
{
  MskTestOpen311Server *server;
  MskHttp              *http;
  MskStore             *store;
  MskOutbox            *outbox;
  MskAuth              *auth;
  MskPortal            *portal;
  MskClient            *client;
  MskTracker           *tracker;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = msk_test_open311_server_new (API_KEY);
  f->http = msk_http_new ();
  msk_http_set_timeout (f->http, 2);
  msk_http_set_language (f->http, "en");
  f->store = msk_store_new_in_memory (&error);
  g_assert_no_error (error);
  f->outbox = msk_outbox_new (f->store, f->http);
  msk_outbox_set_backoff (f->outbox, 10, 200);
  f->auth = msk_auth_new (f->http, FALSE);
  msk_outbox_set_auth (f->outbox, f->auth);
  f->tracker = msk_tracker_new (f->store, f->outbox);
  f->portal = msk_portal_new ("XML city", msk_test_open311_server_get_url (f->server), NULL,
                              API_KEY, FALSE);
  f->client = msk_client_new (f->http, f->store, f->outbox, f->auth, f->portal);
  g_assert_true (msk_outbox_start (f->outbox, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  msk_outbox_stop (f->outbox);
  g_clear_object (&f->client);
  g_clear_object (&f->portal);
  g_clear_object (&f->tracker);
  g_clear_object (&f->auth);
  g_clear_object (&f->outbox);
  g_clear_object (&f->store);
  g_clear_object (&f->http);
  g_clear_pointer (&f->server, msk_test_open311_server_free);
}

static GListModel *
list_services (MskOpen311   *open311,
               MskFreshness *freshness,
               GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_open311_list_services_async (open311, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_open311_list_services_finish (open311, result, freshness, error);
}

/* Files a request and follows it (the tracker asks in the request's
 * jurisdiction): only the calls a JSON endpoint needs. */
static void
test_file_and_follow (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskSubmission) submission = NULL;
  g_autofree char *tracking = NULL;
  static const char *const moves[] = { "RECEIVED", "IN_PROCESS", "PROCESSED" };
  MskTestChanges changes = { 0, NULL };
  MskOutboxItem *item;

  /* An endpoint of several jurisdictions: each request names one. */
  msk_test_open311_server_set_jurisdiction_id (f->server, "city.test");
  msk_open311_set_jurisdiction_id (open311, "city.test");
  services = list_services (open311, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (services), ==, 3);
  {
    g_autoptr(MskService) first = g_list_model_get_item (services, 0);
    g_autoptr(MskService) third = g_list_model_get_item (services, 2);

    g_assert_cmpstr (msk_service_get_service_code (first), ==, "001");
    g_assert_cmpstr (msk_service_get_service_name (first), ==, "Cans left out 24x7");
    g_assert_true (msk_service_get_metadata (first));
    g_assert_cmpstr (msk_service_get_group (first), ==, "sanitation");
    g_assert_cmpstr (msk_service_get_service_code (third), ==, "003");
    g_assert_cmpstr (msk_service_get_group (third), ==, "street");
  }
  g_test_message ("after the service list: %u .json, %u .xml requests",
                  msk_test_open311_server_get_n_json (f->server),
                  msk_test_open311_server_get_n_xml (f->server));

  g_hash_table_insert (attributes, "WHISHETN", "124");
  item = msk_open311_file_request (open311, "001", "Two bins left on the pavement since Sunday",
                                   "8TH AVE and JUDAH ST", NAN, NAN, attributes, NULL, "Bins",
                                   &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  g_assert_true (g_str_has_suffix (msk_outbox_item_get_uri (item),
                                   "/open311/v2/requests.xml?jurisdiction_id=city.test"));
  g_assert_cmpstr (msk_test_open311_server_get_last_form (f->server, "api_key"), ==, API_KEY);
  g_assert_cmpstr (msk_test_open311_server_get_last_form (f->server, "jurisdiction_id"), ==,
                   "city.test");
  g_assert_cmpstr (msk_test_open311_server_get_last_form (f->server, "attribute[WHISHETN]"), ==,
                   "124");
  tracking = msk_open311_dup_tracking_number (item);
  g_assert_cmpstr (tracking, ==, "638344");

  submission = g_object_ref (msk_tracker_find (f->tracker, "complaint", tracking));
  g_assert_cmpstr (msk_submission_get_status (submission), ==, "PENDING");
  g_signal_connect (f->tracker, "status-changed", G_CALLBACK (msk_test_status_changed_cb), &changes);

  /* Filed and not yet looked at: open. */
  g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 1);
  g_assert_cmpstr (msk_submission_get_status (submission), ==, "open");
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autofree char *notes = g_strdup_printf ("%s by staff", moves[i]);

      msk_test_open311_server_move (f->server, tracking, moves[i], notes);
      g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 1);
      g_assert_cmpuint (changes.changes, ==, i + 2);
      g_assert_cmpstr (changes.last_status, ==, moves[i]);
      g_assert_cmpstr (msk_submission_get_status (submission), ==, moves[i]);
    }
  g_assert_cmpstr (msk_submission_get_status_text (submission), ==, "PROCESSED by staff");
  /* Closed: not asked again. */
  g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 0);

  /* The endpoint was asked for JSON once (its discovery), and never again. */
  g_assert_cmpuint (msk_test_open311_server_get_n_json (f->server), ==, 1);
  g_test_message ("in all: %u .json, %u .xml requests",
                  msk_test_open311_server_get_n_json (f->server),
                  msk_test_open311_server_get_n_xml (f->server));

  g_signal_handlers_disconnect_by_data (f->tracker, &changes);
  g_free (changes.last_status);
}

static void
test_service_definition (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) empty_result = NULL;
  g_autoptr(GListModel) attributes = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(MskServiceAttribute) attribute = NULL;
  g_autoptr(GError) error = NULL;

  msk_open311_get_service_definition_async (open311, "001", NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  attributes = msk_open311_get_service_definition_finish (open311, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_open311_get_format (open311), ==, MSK_OPEN311_FORMAT_XML);
  g_assert_cmpuint (g_list_model_get_n_items (attributes), ==, 1);
  attribute = g_list_model_get_item (attributes, 0);
  g_assert_cmpstr (msk_service_attribute_get_code (attribute), ==, "WHISHETN");
  g_assert_cmpstr (msk_service_attribute_get_datatype (attribute), ==, "singlevaluelist");
  g_assert_true (msk_service_attribute_get_required (attribute));
  g_assert_true (msk_service_attribute_get_variable (attribute));
  g_assert_cmpint (msk_service_attribute_get_order (attribute), ==, 1);
  g_assert_null (msk_service_attribute_get_datatype_description (attribute));
  g_assert_cmpuint (msk_service_attribute_get_n_values (attribute), ==, 2);
  g_assert_cmpstr (msk_service_attribute_get_value_key (attribute, 1), ==, "124");
  g_assert_cmpstr (msk_service_attribute_get_value_name (attribute, 1), ==, "Chrysler");

  /* <attributes/>: a form without fields. */
  msk_open311_get_service_definition_async (open311, "002", NULL, msk_test_result_cb, NULL);
  empty_result = msk_test_wait_result ();
  none = msk_open311_get_service_definition_finish (open311, empty_result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
}

/* The endpoint's <errors> reach the user in words. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MskPortal) portal = msk_portal_new ("XML city",
                                                msk_test_open311_server_get_url (f->server),
                                                NULL, "wrong-key", FALSE);
  g_autoptr(MskClient) client = msk_client_new (f->http, f->store, f->outbox, f->auth, portal);
  g_autoptr(MskOpen311) open311 = msk_open311_new (client);
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *missing = NULL;
  MskOutboxItem *item;

  services = list_services (open311, NULL, &error);
  g_assert_no_error (error);

  item = msk_open311_file_request (open311, "002", "A plate has moved", NULL, NAN, NAN, NULL,
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (msk_test_item_done, item, 30))
    return;
  message = msk_outbox_item_dup_message (item);
  g_test_message ("wrong api_key: state %d: %s", msk_outbox_item_get_state (item), message);
  g_assert_cmpint (msk_outbox_item_get_state (item), !=, MSK_OUTBOX_STATE_SENT);
  g_assert_nonnull (strstr (message, "Invalid api_key received"));

  msk_open311_get_request_async (open311, "1", NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  request = msk_open311_get_request_finish (open311, result, NULL, &error);
  g_assert_null (request);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_NOT_FOUND);
  g_test_message ("unknown request: %s", error->message);
  g_assert_nonnull (strstr (error->message, "service_request_id provided was not found"));
}

/* XML replies are kept in the offline cache like JSON ones. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) online = NULL;
  g_autoptr(GListModel) revalidated = NULL;
  g_autoptr(GListModel) offline = NULL;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };

  {
    g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);

    online = list_services (open311, &freshness, &error);
    g_assert_no_error (error);
    g_assert_false (freshness.from_cache);
    revalidated = list_services (open311, &freshness, &error);
    g_assert_no_error (error);
    g_assert_true (freshness.from_cache && freshness.revalidated);
    g_assert_cmpuint (g_list_model_get_n_items (revalidated), ==, 3);
  }

  g_clear_pointer (&f->server, msk_test_open311_server_free);
  {
    g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);

    offline = list_services (open311, &freshness, &error);
    g_assert_no_error (error);
    g_assert_true (freshness.from_cache && freshness.offline);
    g_assert_cmpuint (g_list_model_get_n_items (offline), ==, 3);
  }
}

/* Without a discovery: JSON is tried first, then XML, which is kept. */
static void
test_no_discovery (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GError) error = NULL;

  msk_test_open311_server_set_discovery (f->server, FALSE);
  services = list_services (open311, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (services), ==, 3);
  g_assert_cmpint (msk_open311_get_format (open311), ==, MSK_OPEN311_FORMAT_XML);
  /* discovery.json, discovery.xml, services.json, services.xml */
  g_assert_cmpuint (msk_test_open311_server_get_n_json (f->server), ==, 2);
  g_assert_cmpuint (msk_test_open311_server_get_n_xml (f->server), ==, 2);

  /* Found once for the endpoint: another client goes to XML directly. */
  {
    g_autoptr(MskOpen311) other = msk_open311_new (f->client);

    again = list_services (other, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (again), ==, 3);
  }
  g_assert_cmpuint (msk_test_open311_server_get_n_json (f->server), ==, 2);
  g_assert_cmpuint (msk_test_open311_server_get_n_xml (f->server), ==, 3);
}

/* The XML-only proxy that stands in front of musharaka-server in
 * test-core-server.c, here in front of an endpoint whose discovery lists
 * JSON too: the client must see XML only. */
static void
test_xml_only_proxy (Fixture       *f,
                     gconstpointer  data)
{
  MskTestProxy *proxy = msk_test_proxy_new (msk_test_open311_server_get_url (f->server));
  g_autoptr(MskPortal) portal = msk_portal_new ("XML city", msk_test_proxy_get_url (proxy), NULL,
                                                API_KEY, FALSE);
  g_autoptr(MskClient) client = msk_client_new (f->http, f->store, f->outbox, f->auth, portal);
  g_autoptr(MskOpen311) open311 = msk_open311_new (client);
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GError) error = NULL;

  msk_test_open311_server_set_lists_json (f->server, TRUE);
  msk_test_proxy_set_xml_only (proxy, TRUE);
  services = list_services (open311, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (services), ==, 3);
  g_assert_cmpint (msk_open311_get_format (open311), ==, MSK_OPEN311_FORMAT_XML);
  /* discovery.json stopped at the proxy; no JSON reached the endpoint */
  g_assert_cmpuint (msk_test_proxy_get_n_json_refused (proxy), ==, 1);
  g_assert_cmpuint (msk_test_open311_server_get_n_json (f->server), ==, 0);

  /* Without the proxy the discovery offers JSON, which the endpoint lacks. */
  {
    g_autoptr(MskOpen311) direct = msk_open311_new (f->client);
    g_autoptr(GListModel) none = list_services (direct, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, MSK_ERROR, MSK_ERROR_NOT_FOUND);
    g_assert_cmpint (msk_open311_get_format (direct), ==, MSK_OPEN311_FORMAT_JSON);
  }
  msk_test_proxy_free (proxy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/open311-xml-only/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("file-and-follow", test_file_and_follow);
  ADD ("service-definition", test_service_definition);
  ADD ("errors", test_errors);
  ADD ("offline", test_offline);
  ADD ("no-discovery", test_no_discovery);
  ADD ("xml-only-proxy", test_xml_only_proxy);
#undef ADD

  return g_test_run ();
}
