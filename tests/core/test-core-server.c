/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The client against the real musharaka-server on loopback, through a
 * fault-injecting proxy when a test needs faults. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "msk-core.h"
#include "msk-error.h"
#include "msk-open311.h"
#include "msk-outcome.h"
#include "msk-paged-list.h"
#include "msk-test-proxy.h"
#include "msk-test-random.h"
#include "msk-test-util.h"

#define API_KEY "musharaka-demo-key-2026"

static char *home_dir;

typedef struct
{
  char          *dir;
  MskTestServer *server;
  MskTestProxy  *proxy;
  MskHttp       *http;
  MskStore      *store;
  MskOutbox     *outbox;
  MskAuth       *auth;
  MskPortal     *portal;
  MskClient     *client;
  MskTracker    *tracker;
  char          *token;
  char          *user;   /* the account of the token */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server_dir = NULL;

  f->dir = msk_test_make_tmpdir ();
  server_dir = g_build_filename (f->dir, "server", NULL);
  f->server = msk_test_server_start (server_dir);
  f->proxy = msk_test_proxy_new (f->server->url);

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
  f->portal = msk_portal_new ("Demo", msk_test_proxy_get_url (f->proxy), NULL, API_KEY, TRUE);
  f->client = msk_client_new (f->http, f->store, f->outbox, f->auth, f->portal);

  msk_tracker_set_auth (f->tracker, f->auth);
  f->token = msk_test_sign_in (f->server->url, "citizen", "Citizen-Demo-2026", &f->user);
  msk_auth_set_sign_in (f->auth, msk_portal_get_base_url (f->portal), f->token, f->user);
  g_assert_true (msk_outbox_start (f->outbox, &error));
}

/* Creates an account on the demo portal as a person would, with @f's
 * own auth (signed out first); returns the finish's result. */
static gboolean
create_account (Fixture     *f,
                const char  *username,
                const char  *display_name,
                const char  *password,
                GHashTable **field_errors,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_auth_create_account_async (f->auth, msk_portal_get_base_url (f->portal), username,
                                 display_name, password, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_auth_create_account_finish (f->auth, result, field_errors, error);
}

/* POST /v1/accounts: refusals name the field at fault, in the portal's
 * words; a new account is signed in at once. */
static void
test_create_account (Fixture       *f,
                     gconstpointer  data)
{
  const char *base = msk_portal_get_base_url (f->portal);
  g_autofree char *username = g_strdup_printf ("reader%" G_GINT64_FORMAT,
                                               g_get_real_time () % 1000000);
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *token = NULL;

  msk_auth_set_sign_in (f->auth, base, NULL, NULL);

  /* a password too short: said at the password */
  g_assert_false (create_account (f, username, "Salma Reader", "short", &fields, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_REFUSED);
  g_assert_nonnull (fields);
  g_assert_cmpstr (g_hash_table_lookup (fields, "/password"), ==,
                   "This is shorter than 8 characters");
  g_assert_null (g_hash_table_lookup (fields, "/username"));
  g_assert_null (msk_auth_dup_token (f->auth, base));
  g_clear_pointer (&fields, g_hash_table_unref);
  g_clear_error (&error);

  /* a username taken: a conflict that names no field */
  g_assert_false (create_account (f, "citizen", NULL, "Long-enough-2026", &fields, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "This username is already taken"));
  g_assert_null (fields);
  g_clear_error (&error);

  /* made, and signed in with its own name */
  g_assert_true (create_account (f, username, "Salma Reader", "Long-enough-2026", &fields,
                                 &error));
  g_assert_no_error (error);
  g_assert_null (fields);
  name = msk_auth_dup_display_name (f->auth, base);
  g_assert_cmpstr (name, ==, "Salma Reader");
  token = msk_auth_dup_token (f->auth, base);
  g_assert_nonnull (token);
}

/* Lets the closed connections finish, for a second at most. */
static void
drain_main_context (void)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
    ;
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
  msk_test_proxy_free (f->proxy);
  msk_test_server_stop (f->server);
  msk_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->token);
  g_free (f->user);
  drain_main_context ();
}

static MskTopic *
get_topic (MskClient    *client,
           gint64        id,
           MskFreshness *freshness)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MskTopic *topic;

  msk_client_get_topic_async (client, id, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  topic = msk_client_get_topic_finish (client, result, freshness, &error);
  g_assert_no_error (error);
  return topic;
}

static void
load_page (GListModel *list)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  msk_paged_list_load_more_async (MSK_PAGED_LIST (list), NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_paged_list_load_more_finish (MSK_PAGED_LIST (list), result, &error));
  g_assert_no_error (error);
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets whatever would happen on its own happen, for @ms. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Loads the pages that are left, one "Show more" at a time. */
static void
load_all (GListModel *list)
{
  for (guint i = 0; i < 100 && msk_paged_list_get_has_more (MSK_PAGED_LIST (list)); i++)
    load_page (list);
  g_assert_false (msk_paged_list_get_has_more (MSK_PAGED_LIST (list)));
}

static void
test_browse (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) topics = msk_client_list_topics (f->client, NULL, NULL, 0, NULL);
  g_autoptr(GListModel) polls = msk_client_list_topics (f->client, "poll", NULL, 0, NULL);
  g_autoptr(GListModel) entities = msk_client_list_entities (f->client);
  g_autoptr(MskTopic) poll_topic = NULL;
  g_autoptr(MskEntity) entity = NULL;
  GListModel *options;
  guint requests_before;

  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 0);
  msk_paged_list_set_page_size (MSK_PAGED_LIST (topics), 5);
  requests_before = msk_test_proxy_get_n_requests (f->proxy);
  load_page (topics);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 5);
  g_assert_true (msk_paged_list_get_has_more (MSK_PAGED_LIST (topics)));

  /* Reading the items, the last ones too, loads nothing: a list box bound
   * to the list would otherwise page through the whole portal. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
      g_object_unref (g_list_model_get_item (topics, i));
  run_for (300);
  g_assert_false (msk_paged_list_get_loading (MSK_PAGED_LIST (topics)));
  g_assert_cmpuint (msk_test_proxy_get_n_requests (f->proxy) - requests_before, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 5);

  /* Paging on demand, through the cursor. */
  load_all (topics);
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 14);
  g_assert_cmpuint (msk_test_proxy_get_n_requests (f->proxy) - requests_before, ==, 3);
  for (guint i = 0; i < 14; i++)
    {
      g_autoptr(MskTopic) topic = g_list_model_get_item (topics, i);

      g_assert_nonnull (msk_topic_get_title_text (topic));
      g_assert_null (strchr (msk_topic_get_title_text (topic), '<'));
    }

  load_page (polls);
  load_all (polls);
  g_assert_cmpuint (g_list_model_get_n_items (polls), >=, 3);
  for (guint i = 0; i < g_list_model_get_n_items (polls); i++)
    {
      g_autoptr(MskTopic) topic = g_list_model_get_item (polls, i);
      g_assert_cmpstr (msk_topic_get_kind (topic), ==, "poll");
    }

  load_page (entities);
  g_assert_cmpuint (g_list_model_get_n_items (entities), >=, 1);
  entity = g_list_model_get_item (entities, 0);
  g_assert_nonnull (msk_entity_get_name (entity));

  /* The topics of one entity. */
  {
    g_autoptr(GListModel) of_entity = msk_client_list_topics (f->client, NULL, NULL,
                                                              msk_entity_get_id (entity), NULL);
    guint n;

    load_page (of_entity);
    load_all (of_entity);
    n = g_list_model_get_n_items (of_entity);
    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpuint (n, <, 14);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(MskTopic) topic = g_list_model_get_item (of_entity, i);

        g_assert_cmpint (msk_topic_get_entity_id (topic), ==, msk_entity_get_id (entity));
      }
  }

  poll_topic = get_topic (f->client, 5, NULL);
  g_assert_cmpstr (msk_topic_get_kind (poll_topic), ==, "poll");
  g_assert_nonnull (msk_topic_get_poll (poll_topic));
  options = msk_poll_get_options (msk_topic_get_poll (poll_topic));
  g_assert_cmpuint (g_list_model_get_n_items (options), >=, 2);
  g_assert_nonnull (msk_topic_get_speech (poll_topic));
  g_assert_nonnull (msk_topic_get_body_text (poll_topic));
}

static void
test_revalidate_and_offline (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MskTopic) first = NULL;
  g_autoptr(MskTopic) second = NULL;
  g_autoptr(MskTopic) offline = NULL;
  g_autoptr(GListModel) list = NULL;
  MskFreshness freshness;
  gint64 fetched;

  first = get_topic (f->client, 1, &freshness);
  g_assert_false (freshness.from_cache);
  fetched = freshness.fetched_at;

  /* The server answers 304; the content comes from the cache. */
  second = get_topic (f->client, 1, &freshness);
  g_assert_true (freshness.from_cache);
  g_assert_true (freshness.revalidated);
  g_assert_false (freshness.offline);
  g_assert_cmpstr (msk_topic_get_title_text (second), ==, msk_topic_get_title_text (first));

  list = msk_client_list_topics (f->client, NULL, NULL, 0, NULL);
  load_page (list);
  g_clear_object (&list);

  /* The server stops: reads are answered from the cache, with their date. */
  msk_test_server_stop (g_steal_pointer (&f->server));
  offline = get_topic (f->client, 1, &freshness);
  g_assert_true (freshness.from_cache);
  g_assert_true (freshness.offline);
  g_assert_cmpint (freshness.fetched_at, >=, fetched);
  g_assert_cmpstr (msk_topic_get_title_text (offline), ==, msk_topic_get_title_text (first));

  list = msk_client_list_topics (f->client, NULL, NULL, 0, NULL);
  load_page (list);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, MSK_PAGED_LIST_PAGE_SIZE < 14 ? 14 : 14);
  msk_paged_list_get_freshness (MSK_PAGED_LIST (list), &freshness);
  g_assert_true (freshness.offline);

  /* Never read before: a clear error. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(MskTopic) topic = NULL;

    msk_client_get_topic_async (f->client, 2, NULL, msk_test_result_cb, NULL);
    result = msk_test_wait_result ();
    topic = msk_client_get_topic_finish (f->client, result, NULL, &error);
    g_assert_null (topic);
    g_assert_error (error, MSK_ERROR, MSK_ERROR_OFFLINE);
  }
}

/* The ids a search of topics finds, newest first ("14,2"), or what went
 * wrong; @freshness says where they came from. */
static char *
search_ids (MskClient    *client,
            const char   *kind,
            const char   *query,
            MskFreshness *freshness)
{
  g_autoptr(GListModel) list = msk_client_list_topics (client, kind, NULL, 0, query);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  msk_paged_list_load_more_async (MSK_PAGED_LIST (list), NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (list), result, &error))
    g_string_append_printf (ids, "error: %s", error->message);
  else
    {
      load_all (list);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MskTopic) topic = g_list_model_get_item (list, i);

          g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                  msk_topic_get_id (topic));
        }
    }
  msk_paged_list_get_freshness (MSK_PAGED_LIST (list), freshness);
  return g_string_free (ids, FALSE);
}

/* Offline, a search over the topics read before finds what the portal's
 * own search finds, folded the same way. */
static void
test_search_offline (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *kind; const char *query; } searches[] = {
    { NULL, "حدائق" },
    { NULL, "الاحياء" },
    { NULL, "الحَدَائِقُ" },
    { NULL, "نسهل" },
    { NULL, "By-Law PARKS" },
    { NULL, "parks الحدائق" },
    { NULL, "حدائق الشاطئ" },
    { NULL, "للدراجات" },  /* in the body of the parks by-law, read in full below */
    { "consultation", "الأحياء" },
    { "ideas", "الأحياء" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) elsewhere = msk_store_new_in_memory (&error);
  g_autoptr(MskClient) portal_search = NULL;
  g_autoptr(GListModel) all = msk_client_list_topics (f->client, NULL, NULL, 0, NULL);
  g_autoptr(MskTopic) parks = NULL;
  g_autofree char *parks_id = NULL;
  g_auto(GStrv) online = g_new0 (char *, G_N_ELEMENTS (searches) + 1);
  MskFreshness freshness;

  /* What the portal finds, asked by a client with a cache of its own. */
  g_assert_no_error (error);
  portal_search = msk_client_new (f->http, elsewhere, f->outbox, f->auth, f->portal);
  for (gsize i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      online[i] = search_ids (portal_search, searches[i].kind, searches[i].query, &freshness);
      g_assert_false (freshness.from_cache);
    }

  /* This client reads the topics, and the parks by-law in full. */
  load_page (all);
  load_all (all);
  g_assert_cmpuint (g_list_model_get_n_items (all), >=, 12);
  for (guint i = 0; i < g_list_model_get_n_items (all) && parks == NULL; i++)
    {
      g_autoptr(MskTopic) topic = g_list_model_get_item (all, i);

      if (strstr (msk_topic_get_title_text (topic), "by-law on public parks") != NULL)
        parks = get_topic (f->client, msk_topic_get_id (topic), NULL);
    }
  g_assert_nonnull (parks);
  parks_id = g_strdup_printf ("%" G_GINT64_FORMAT, msk_topic_get_id (parks));
  g_assert_cmpstr (online[0], ==, parks_id);

  msk_test_server_stop (g_steal_pointer (&f->server));
  for (gsize i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autofree char *offline = search_ids (f->client, searches[i].kind, searches[i].query,
                                             &freshness);

      g_test_message ("%s %s: the portal found [%s], offline [%s]",
                      searches[i].kind != NULL ? searches[i].kind : "", searches[i].query,
                      online[i], offline);
      g_assert_cmpstr (offline, ==, online[i]);
      g_assert_true (freshness.from_cache);
      g_assert_true (freshness.offline);
      g_assert_cmpint (freshness.fetched_at, >, 0);
    }

  /* Signed out on the same computer, what the user read signed in is not
   * searched: nothing is cached for anyone else, the error is as before. */
  {
    g_autoptr(MskAuth) nobody = msk_auth_new (f->http, FALSE);
    g_autoptr(MskClient) signed_out = msk_client_new (f->http, f->store, f->outbox, nobody,
                                                      f->portal);
    g_autofree char *none = search_ids (signed_out, NULL, "حدائق", &freshness);

    g_test_message ("signed out, offline: %s", none);
    g_assert_true (g_str_has_prefix (none, "error: "));
  }
}

/* The votes the tracker follows on a poll's topic. */
static guint
count_ballots (Fixture *f,
               gint64   topic_id)
{
  GListModel *list = msk_tracker_get_submissions (f->tracker);
  g_autofree char *topic = g_strdup_printf ("%" G_GINT64_FORMAT, topic_id);
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MskSubmission) s = g_list_model_get_item (list, i);

      if (g_strcmp0 (msk_submission_get_kind (s), "ballot") == 0
          && g_strcmp0 (msk_submission_get_row (s)->topic_id, topic) == 0)
        found++;
    }
  return found;
}

static void
test_vote (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(MskTopic) topic = get_topic (f->client, 5, NULL);
  MskPoll *poll = msk_topic_get_poll (topic);
  g_autoptr(MskPollOption) option = g_list_model_get_item (msk_poll_get_options (poll), 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskPollResults) results = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = msk_poll_option_get_id (option);
  MskOutboxItem *item;

  item = msk_client_cast_ballot (f->client, msk_poll_get_id (poll), &id, 1,
                                 msk_topic_get_title_text (topic), &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;

  msk_client_get_poll_results_async (f->client, msk_poll_get_id (poll), NULL, msk_test_result_cb,
                                     NULL);
  result = msk_test_wait_result ();
  results = msk_client_get_poll_results_finish (f->client, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_poll_results_get_total_ballots (results), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (msk_poll_results_get_options (results)); i++)
    {
      GListModel *counts = msk_poll_results_get_options (results);
      g_autoptr(MskPollOption) counted = g_list_model_get_item (counts, i);
      if (msk_poll_option_get_id (counted) == id)
        g_assert_cmpint (msk_poll_option_get_count (counted), >=, 1);
    }

  /* The topic now shows the user's ballot. */
  g_clear_object (&topic);
  topic = get_topic (f->client, 5, NULL);
  {
    guint n;
    const gint64 *mine = msk_poll_get_my_ballot (msk_topic_get_poll (topic), &n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (mine[0], ==, id);
  }

  /* Followed once; a changed vote takes the place of the first. */
  poll = msk_topic_get_poll (topic);
  g_assert_cmpuint (count_ballots (f, msk_poll_get_id (poll)), ==, 1);
  {
    g_autoptr(MskPollOption) other = g_list_model_get_item (msk_poll_get_options (poll), 1);
    gint64 other_id = msk_poll_option_get_id (other);

    item = msk_client_cast_ballot (f->client, msk_poll_get_id (poll), &other_id, 1,
                                   msk_topic_get_title_text (topic), &error);
    g_assert_no_error (error);
    if (!msk_test_wait_sent (item))
      return;
    g_assert_cmpuint (count_ballots (f, msk_poll_get_id (poll)), ==, 1);
  }
}

static void
test_survey (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariantBuilder) answers = g_variant_builder_new (G_VARIANT_TYPE ("a{xv}"));
  GListModel *questions;
  MskOutboxItem *item;

  msk_client_get_survey_async (f->client, 9, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  survey = msk_client_get_survey_finish (f->client, result, NULL, &error);
  g_assert_no_error (error);
  questions = msk_survey_get_questions (survey);
  g_assert_cmpuint (g_list_model_get_n_items (questions), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(MskQuestion) q = g_list_model_get_item (questions, i);
      const char *type = msk_question_get_question_type (q);
      GVariant *value = NULL;

      if (g_str_equal (type, "single_option") || g_str_equal (type, "multiple_option"))
        {
          g_autoptr(MskPollOption) o = g_list_model_get_item (msk_question_get_options (q), 0);
          gint64 oid = msk_poll_option_get_id (o);

          value = g_str_equal (type, "single_option")
                  ? g_variant_new_int64 (oid)
                  : g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &oid, 1, sizeof oid);
        }
      else if (g_str_equal (type, "rating"))
        value = g_variant_new_int64 (4);
      else if (g_str_equal (type, "yes_no"))
        value = g_variant_new_boolean (TRUE);
      else
        value = g_variant_new_string ("الخدمة جيدة");
      g_variant_builder_add (answers, "{xv}", msk_question_get_id (q), value);
    }

  item = msk_client_answer_survey (f->client, 9, g_variant_builder_end (answers),
                                   msk_survey_get_title (survey), &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;

  /* One response per user: answering again is refused, with the server's words. */
  {
    g_autoptr(GVariantBuilder) again = g_variant_builder_new (G_VARIANT_TYPE ("a{xv}"));
    g_autofree char *message = NULL;

    g_variant_builder_add (again, "{xv}", (gint64) 1, g_variant_new_int64 (1));
    item = msk_client_answer_survey (f->client, 9, g_variant_builder_end (again), NULL, &error);
    if (!msk_test_wait_for (msk_test_outbox_settled, f->outbox, 30))
      return;
    g_assert_cmpint (msk_outbox_item_get_state (item), ==, MSK_OUTBOX_STATE_FAILED);
    message = msk_outbox_item_dup_message (item);
    g_test_message ("second response: %u %s", msk_outbox_item_get_http_status (item), message);
    g_assert_cmpuint (msk_outbox_item_get_http_status (item), >=, 400);
    g_assert_cmpuint (msk_outbox_item_get_http_status (item), <, 500);
    g_assert_nonnull (message);
  }
}

/* A survey refused field by field: each question named by the portal, with
 * its words, kept with the outbox item for the form to show. */
static void
test_survey_field_errors (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GVariantBuilder) answers = g_variant_builder_new (G_VARIANT_TYPE ("a{xv}"));
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (101, 'a');
  MskOutboxItem *item;

  /* 1: single option, 3: rating 1 to 5, 4: yes or no (required), 5: 100 characters */
  g_variant_builder_add (answers, "{xv}", (gint64) 1, g_variant_new_int64 (1));
  g_variant_builder_add (answers, "{xv}", (gint64) 3, g_variant_new_int64 (9));
  g_variant_builder_add (answers, "{xv}", (gint64) 5, g_variant_new_string (long_text));
  item = msk_client_answer_survey (f->client, 9, g_variant_builder_end (answers), NULL, &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (msk_test_outbox_settled, f->outbox, 30))
    return;
  g_assert_cmpint (msk_outbox_item_get_state (item), ==, MSK_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (msk_outbox_item_get_http_status (item), ==, 422);
  fields = msk_outbox_item_dup_field_errors (item);
  g_assert_nonnull (fields);
  g_assert_cmpuint (g_hash_table_size (fields), ==, 3);
  g_assert_true (g_hash_table_contains (fields, "/answers/3"));
  g_assert_true (g_hash_table_contains (fields, "/answers/4"));
  g_assert_true (g_hash_table_contains (fields, "/answers/5"));
  g_test_message ("rating: %s; yes or no: %s; short answer: %s",
                  (char *) g_hash_table_lookup (fields, "/answers/3"),
                  (char *) g_hash_table_lookup (fields, "/answers/4"),
                  (char *) g_hash_table_lookup (fields, "/answers/5"));
  g_assert_null (msk_http_problem_dup_field_errors ("{\"errors\": 3}"));
  g_assert_null (msk_http_problem_dup_field_errors ("not json"));
  g_assert_null (msk_http_problem_dup_field_errors (NULL));
}

static void moderate (Fixture    *f,
                      const char *token,
                      gint64      comment_id,
                      const char *decision,
                      const char *reason);

static void
test_comment_pending (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) comment = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GListModel) published = NULL;
  g_autofree char *body = g_strdup_printf ("تعليق للاختبار %" G_GINT64_FORMAT, g_get_real_time ());
  MskOutboxItem *item;

  item = msk_client_post_comment (f->client, 1, 0, body, "Parks", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;

  comment = msk_client_parse_item_result (f->client, item, &error);
  g_assert_no_error (error);
  g_assert_true (MSK_IS_COMMENT (comment));
  g_assert_cmpstr (msk_comment_get_status (MSK_COMMENT (comment)), ==, "pending");
  g_assert_cmpstr (msk_comment_get_body (MSK_COMMENT (comment)), ==, body);

  counts = msk_test_count_comments (f->server->url, f->token, 1, body);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, body)), ==, 1);

  /* The tracking list has it, waiting for review, until a moderator decides. */
  g_assert_cmpuint (g_list_model_get_n_items (msk_tracker_get_submissions (f->tracker)), ==, 1);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           msk_comment_get_id (MSK_COMMENT (comment)));
    MskSubmission *submission = msk_tracker_find (f->tracker, "comment", id);
    g_autofree char *moderator = msk_test_sign_in (f->server->url, "moderator",
                                                   "Moderator-Demo-2026", NULL);
    g_autoptr(GObject) second = NULL;
    MskOutboxItem *other;
    MskSubmission *rejected;

    g_assert_nonnull (submission);
    g_assert_cmpstr (msk_submission_get_status (submission), ==, "pending");
    g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 0);

    moderate (f, moderator, msk_comment_get_id (MSK_COMMENT (comment)), "publish", NULL);
    g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 1);
    g_assert_cmpstr (msk_submission_get_status (submission), ==, "published");

    other = msk_client_post_comment (f->client, 1, 0, "تعليق آخر خارج الموضوع", "Parks", &error);
    g_assert_no_error (error);
    if (!msk_test_wait_sent (other))
      return;
    second = msk_client_parse_item_result (f->client, other, &error);
    g_assert_no_error (error);
    moderate (f, moderator, msk_comment_get_id (MSK_COMMENT (second)), "reject",
              "Off topic");
    g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 1);
    g_clear_pointer (&id, g_free);
    id = g_strdup_printf ("%" G_GINT64_FORMAT, msk_comment_get_id (MSK_COMMENT (second)));
    rejected = msk_tracker_find (f->tracker, "comment", id);
    g_assert_cmpstr (msk_submission_get_status (rejected), ==, "rejected");
    g_assert_cmpstr (msk_submission_get_status_text (rejected), ==, "Off topic");
  }

  /* Flag a published comment, if the topic has one. */
  published = msk_client_list_comments (f->client, 1);
  load_page (published);
  for (guint i = 0; i < g_list_model_get_n_items (published); i++)
    {
      g_autoptr(MskComment) c = g_list_model_get_item (published, i);

      if (g_str_equal (msk_comment_get_status (c), "published") && !msk_comment_get_mine (c))
        {
          item = msk_client_flag_comment (f->client, msk_comment_get_id (c), "off_topic", NULL,
                                          &error);
          g_assert_no_error (error);
          if (!msk_test_wait_sent (item))
            return;
          break;
        }
    }
}

static void
test_ideas (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) idea = NULL;
  MskOutboxItem *item;
  MskOutboxItem *support;

  item = msk_client_submit_idea (f->client, 11, "أشجار في الشوارع",
                                 "زراعة أشجار محلية على جانبي الشوارع", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  idea = msk_client_parse_item_result (f->client, item, &error);
  g_assert_no_error (error);
  g_assert_true (MSK_IS_IDEA (idea));
  g_assert_true (msk_idea_get_mine (MSK_IDEA (idea)));

  support = msk_client_support_idea (f->client, msk_idea_get_id (MSK_IDEA (idea)), NULL, &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (support))
    return;
}

static void
sign_in (MskAuth    *auth,
         const char *base,
         const char *username,
         const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  msk_auth_sign_in_async (auth, base, username, password, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_in_finish (auth, result, &error));
  g_assert_no_error (error);
}

/* A moderator's queue and decisions through the client: the account's
 * roles come with its sign-in, the queue names each comment's topic, and a
 * decision goes through the outbox. */
static void
test_moderation_queue (Fixture       *f,
                       gconstpointer  data)
{
  const char *base = msk_portal_get_base_url (f->portal);
  g_autofree char *body = g_strdup_printf ("تعليق ينتظر المراجعة %" G_GINT64_FORMAT,
                                           g_get_real_time ());
  g_autoptr(GListModel) queue = NULL;
  g_autoptr(GObject) comment = NULL;
  g_autoptr(GObject) decided = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  MskOutboxItem *item;

  sign_in (f->auth, base, "citizen", "Citizen-Demo-2026");
  g_assert_false (msk_auth_has_role (f->auth, base, "moderator"));
  item = msk_client_post_comment (f->client, 1, 0, body, "Parks", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  comment = msk_client_parse_item_result (f->client, item, &error);
  g_assert_no_error (error);

  sign_in (f->auth, base, "moderator", "Moderator-Demo-2026");
  g_assert_true (msk_auth_has_role (f->auth, base, "moderator"));
  g_assert_false (msk_auth_has_role (f->auth, base, "staff"));

  queue = msk_client_list_moderation_queue (f->client);
  msk_paged_list_set_page_size (MSK_PAGED_LIST (queue), 50);
  do
    load_page (queue);
  while (msk_paged_list_get_has_more (MSK_PAGED_LIST (queue)));
  for (guint i = 0; i < g_list_model_get_n_items (queue); i++)
    {
      g_autoptr(MskComment) c = g_list_model_get_item (queue, i);

      g_assert_cmpstr (msk_comment_get_status (c), ==, "pending");
      g_assert_nonnull (msk_comment_get_topic_title (c));
      if (g_str_equal (msk_comment_get_body (c), body))
        id = msk_comment_get_id (c);
    }
  g_assert_cmpint (id, ==, msk_comment_get_id (MSK_COMMENT (comment)));

  item = msk_client_moderate_comment (f->client, id, FALSE, "خارج الموضوع", "Parks", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  decided = msk_client_parse_item_result (f->client, item, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (msk_comment_get_status (MSK_COMMENT (decided)), ==, "rejected");
  g_assert_cmpstr (msk_comment_get_reject_reason (MSK_COMMENT (decided)), ==, "خارج الموضوع");
}

static MskHttpReply *
get_with_token (Fixture    *f,
                const char *uri,
                const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MskHttpRequest request = { "GET", uri, NULL, NULL, NULL, NULL, token };
  MskHttpReply *reply;

  msk_http_send_async (f->http, &request, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  reply = msk_http_send_finish (f->http, result, &error);
  g_assert_no_error (error);
  return reply;
}

static GBytes *
export_topic (Fixture          *f,
              gint64            topic_id,
              MskExportFormat   format,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_client_export_async (f->client, topic_id, format, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_client_export_finish (f->client, result, error);
}

/* Open data: the export as the portal sends it, in both forms; a topic the
 * portal does not have and a portal that is gone are errors, never an old
 * copy. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MskTopic) topic = get_topic (f->client, 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GBytes) offline = NULL;
  g_autoptr(MskHttpReply) direct = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *csv_text = NULL;
  g_autofree char *row = NULL;
  g_autofree char *uri = g_strdup_printf ("%s/v1/export/1.csv", f->server->url);
  JsonObject *exported;

  csv = export_topic (f, 1, MSK_EXPORT_FORMAT_CSV, &error);
  g_assert_no_error (error);
  csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_true (g_str_has_prefix (csv_text, "section,item_id,label_ar,label_en,metric,value"));
  row = g_strdup_printf (",%s,kind,consultation", msk_topic_get_title_text (topic));
  g_assert_nonnull (strstr (csv_text, row));
  direct = get_with_token (f, uri, NULL);
  g_assert_cmpuint (direct->status, ==, 200);
  g_assert_true (g_bytes_equal (csv, direct->body));

  json = export_topic (f, 1, MSK_EXPORT_FORMAT_JSON, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                                             g_bytes_get_size (json), &error));
  g_assert_no_error (error);
  exported = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "topic");
  g_assert_nonnull (exported);
  g_assert_cmpint (json_object_get_int_member (exported, "id"), ==, 1);

  missing = export_topic (f, 9999, MSK_EXPORT_FORMAT_CSV, &error);
  g_assert_null (missing);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_NOT_FOUND);
  g_test_message ("missing topic: %s", error->message);
  g_clear_error (&error);

  msk_test_server_stop (g_steal_pointer (&f->server));
  offline = export_topic (f, 1, MSK_EXPORT_FORMAT_CSV, &error);
  g_assert_null (offline);
  g_assert_nonnull (error);
  g_assert_true (msk_error_is_transient (error));
  g_test_message ("portal gone: %s", error->message);
}

static gboolean item_attempted (gpointer user_data);

/* The page feedback of topic @id, as the portal counts it. */
static JsonObject *
get_feedback (Fixture *f,
              gint64   id)
{
  g_autofree char *uri = g_strdup_printf ("%s/v1/topics/%" G_GINT64_FORMAT "/feedback",
                                          f->server->url, id);
  g_autoptr(MskHttpReply) reply = get_with_token (f, uri, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_nonnull (reply->root);
  return json_object_ref (json_node_get_object (reply->root));
}

static gint64
reason_count (JsonObject *summary,
              const char *reason)
{
  return json_object_get_int_member (json_object_get_object_member (summary, "reasons"), reason);
}

/* "Was this useful?" goes through the outbox: once, with its reasons, also
 * when the portal was away when it was written; it is nothing to track. */
static void
test_feedback (Fixture       *f,
               gconstpointer  data)
{
  const char *no_reasons[] = { NULL };
  const char *not_useful[] = { "incomplete", "outdated", NULL };
  const char *useful[] = { "clear", NULL };
  g_autoptr(JsonObject) before = get_feedback (f, 1);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_dir = g_strdup (f->server->data_dir);
  guint n_tracked = g_list_model_get_n_items (msk_tracker_get_submissions (f->tracker));
  MskOutboxItem *item;

  g_assert_null (msk_client_send_feedback (f->client, 1, FALSE, no_reasons, NULL, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  item = msk_client_send_feedback (f->client, 1, FALSE, not_useful, "parks", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;

  /* Written while the portal is away: it waits, and goes once it is back. */
  msk_test_server_stop (g_steal_pointer (&f->server));
  item = msk_client_send_feedback (f->client, 1, TRUE, useful, "parks", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (item_attempted, item, 30))
    return;
  g_assert_cmpint (msk_outbox_item_get_state (item), ==, MSK_OUTBOX_STATE_QUEUED);
  f->server = msk_test_server_start (server_dir);
  msk_test_proxy_set_upstream (f->proxy, f->server->url);
  msk_outbox_flush (f->outbox);
  if (!msk_test_wait_sent (item))
    return;

  after = get_feedback (f, 1);
  g_test_message ("not useful %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT ", useful %"
                  G_GINT64_FORMAT " -> %" G_GINT64_FORMAT,
                  json_object_get_int_member (before, "not_useful"),
                  json_object_get_int_member (after, "not_useful"),
                  json_object_get_int_member (before, "useful"),
                  json_object_get_int_member (after, "useful"));
  g_assert_cmpint (json_object_get_int_member (after, "not_useful"), ==,
                   json_object_get_int_member (before, "not_useful") + 1);
  g_assert_cmpint (json_object_get_int_member (after, "useful"), ==,
                   json_object_get_int_member (before, "useful") + 1);
  g_assert_cmpint (reason_count (after, "incomplete"), ==, reason_count (before, "incomplete") + 1);
  g_assert_cmpint (reason_count (after, "outdated"), ==, reason_count (before, "outdated") + 1);
  g_assert_cmpint (reason_count (after, "clear"), ==, reason_count (before, "clear") + 1);
  g_assert_cmpint (reason_count (after, "unclear"), ==, reason_count (before, "unclear"));
  g_assert_cmpuint (g_list_model_get_n_items (msk_tracker_get_submissions (f->tracker)), ==,
                    n_tracked);
}

static void
staff_move (Fixture    *f,
            const char *staff_token,
            const char *tracking,
            const char *status)
{
  g_autofree char *uri = g_strdup_printf ("%s/v1/service-requests/%s/status", f->server->url,
                                          tracking);
  g_autofree char *body_text = g_strdup_printf ("{\"detailed_status\": \"%s\","
                                                " \"status_notes\": \"%s by staff\"}",
                                                status, status);
  g_autoptr(GBytes) body = g_bytes_new (body_text, strlen (body_text));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  MskHttpRequest request = { "POST", uri, body, "application/json", NULL, key, staff_token };

  msk_http_send_async (f->http, &request, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  reply = msk_http_send_finish (f->http, result, &error);
  g_assert_no_error (error);
  g_assert_true (msk_http_reply_check (reply, &error));
  g_assert_no_error (error);
}

static void
moderate (Fixture    *f,
          const char *token,
          gint64      comment_id,
          const char *decision,
          const char *reason)
{
  g_autofree char *uri = g_strdup_printf ("%s/v1/comments/%" G_GINT64_FORMAT "/moderation",
                                          f->server->url, comment_id);
  g_autofree char *body_text = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  MskHttpRequest request = { "POST", uri, NULL, "application/json", NULL, key, token };

  if (reason != NULL)
    body_text = g_strdup_printf ("{\"decision\": \"%s\", \"reason\": \"%s\"}", decision, reason);
  else
    body_text = g_strdup_printf ("{\"decision\": \"%s\"}", decision);
  body = g_bytes_new (body_text, strlen (body_text));
  request.body = body;
  msk_http_send_async (f->http, &request, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  reply = msk_http_send_finish (f->http, result, &error);
  g_assert_no_error (error);
  g_assert_true (msk_http_reply_check (reply, &error));
  g_assert_no_error (error);
}

/* Files a complaint and follows it while staff move it; the endpoint is
 * read in @format. */
static void
follow_complaint (Fixture          *f,
                  MskOpen311Format  format)
{
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *staff = NULL;
  g_autoptr(MskSubmission) submission = NULL;
  MskTestChanges changes = { 0, NULL };
  static const char *const moves[] = { "RECEIVED", "IN_PROCESS", "PROCESSED" };
  MskOutboxItem *item;
  guint start;

  /* The demo portal serves three jurisdictions; water_leak is Al Waha's. */
  msk_open311_set_jurisdiction_id (open311, "alwaha.example");
  msk_open311_list_services_async (open311, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  services = msk_open311_list_services_finish (open311, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (services), >=, 1);
  g_assert_cmpint (msk_open311_get_format (open311), ==, format);

  /* A form with fields: potholes asks for the size, from a list. */
  {
    g_autoptr(GAsyncResult) definition_result = NULL;
    g_autoptr(GListModel) attributes = NULL;
    g_autoptr(MskServiceAttribute) size = NULL;

    msk_open311_get_service_definition_async (open311, "potholes", NULL, msk_test_result_cb,
                                              NULL);
    definition_result = msk_test_wait_result ();
    attributes = msk_open311_get_service_definition_finish (open311, definition_result, NULL,
                                                            &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (attributes), >=, 1);
    size = g_list_model_get_item (attributes, 0);
    g_assert_cmpstr (msk_service_attribute_get_code (size), ==, "size");
    g_assert_cmpstr (msk_service_attribute_get_datatype (size), ==, "singlevaluelist");
    g_assert_true (msk_service_attribute_get_required (size));
    g_assert_cmpuint (msk_service_attribute_get_n_values (size), >=, 2);
  }

  item = msk_open311_file_request (open311, "water_leak", "تسرب مياه أمام المنزل منذ يومين",
                                   "شارع الملك فهد، الرياض", NAN, NAN, NULL, NULL,
                                   "Water leak", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  tracking = msk_open311_dup_tracking_number (item);
  g_assert_nonnull (tracking);
  g_test_message ("tracking number %s", tracking);

  submission = g_object_ref (msk_tracker_find (f->tracker, "complaint", tracking));
  g_assert_cmpstr (msk_submission_get_status (submission), ==, "PENDING");
  g_signal_connect (f->tracker, "status-changed", G_CALLBACK (msk_test_status_changed_cb),
                    &changes);

  /* The portal may acknowledge the request by itself (RECEIVED). */
  start = msk_test_refresh (f->tracker, f->client);
  g_assert_cmpuint (start, <=, 1);
  g_assert_cmpuint (changes.changes, ==, start);
  if (start == 1)
    g_assert_cmpstr (msk_submission_get_status (submission), ==, "RECEIVED");

  staff = msk_test_sign_in (f->server->url, "staff", "Staff-Demo-2026", NULL);
  for (guint i = start; i < G_N_ELEMENTS (moves); i++)
    {
      staff_move (f, staff, tracking, moves[i]);
      g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 1);
      g_assert_cmpuint (changes.changes, ==, i + 1);
      g_assert_cmpstr (changes.last_status, ==, moves[i]);
      g_assert_cmpstr (msk_submission_get_status (submission), ==, moves[i]);
    }
  g_assert_cmpstr (msk_submission_get_status_text (submission), ==, "PROCESSED by staff");
  /* Closed: not asked again. */
  g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 0);

  /* The tracking list is kept in the store. */
  {
    g_autoptr(MskTracker) reloaded = msk_tracker_new (f->store, f->outbox);

    g_assert_true (msk_tracker_load (reloaded, &error));
    g_assert_cmpstr (msk_submission_get_status (msk_tracker_find (reloaded, "complaint",
                                                                  tracking)), ==, "PROCESSED");
  }
  g_signal_handlers_disconnect_by_data (f->tracker, &changes);
  g_free (changes.last_status);
}

static void
test_complaint_tracking (Fixture       *f,
                         gconstpointer  data)
{
  follow_complaint (f, MSK_OPEN311_FORMAT_JSON);
}

static guint
proxy_status (Fixture    *f,
              const char *path)
{
  g_autofree char *uri = g_strconcat (msk_test_proxy_get_url (f->proxy), path, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  MskHttpRequest request = { "GET", uri, };

  msk_http_send_async (f->http, &request, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  reply = msk_http_send_finish (f->http, result, &error);
  g_assert_no_error (error);
  return reply->status;
}

/* The same against the server restricted to XML: a proxy that answers
 * every .json with 404 and strips JSON from the discovery. */
static void
test_complaint_tracking_xml (Fixture       *f,
                             gconstpointer  data)
{
  guint status;

  msk_test_proxy_set_xml_only (f->proxy, TRUE);
  g_assert_cmpuint (proxy_status (f, "/open311/v2/discovery.json"), ==, 404);
  status = proxy_status (f, "/open311/v2/discovery.xml");
  if (status != 200)
    {
      g_autofree char *why = g_strdup_printf ("musharaka-server answers %u to discovery.xml: it "
                                              "has no XML yet", status);

      g_test_skip (why);
      return;
    }
  follow_complaint (f, MSK_OPEN311_FORMAT_XML);
  g_test_message ("%u requests for .json refused", msk_test_proxy_get_n_json_refused (f->proxy));
}

static MskServiceRequest *
get_request (MskOpen311 *open311,
             const char *tracking)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MskServiceRequest *request;

  msk_open311_get_request_async (open311, tracking, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  request = msk_open311_get_request_finish (open311, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

/* The row id of a tracking number of musharaka-server (MSK-000042). */
static gint64
request_row_id (const char *tracking)
{
  g_assert_true (g_str_has_prefix (tracking, "MSK-"));
  return g_ascii_strtoll (tracking + 4, NULL, 10);
}

/* The server's own database, to see what it stored and never publishes. */
static sqlite3 *
open_server_db (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->server->data_dir, "musharaka-server.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* Files a complaint with the citizen's contact details and two kinds of
 * problem (a multivaluelist, one attribute[type][] field per key, as the
 * server reads it), then reads it back with its CitySDK history: the one
 * step the server records at creation. */
static void
test_complaint_contact_multivalue (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;
  const MskOpen311Contact contact = { "Salma", "Al Harbi", "salma@example.com", "" };
  MskRequestStep *step;
  MskOutboxItem *item;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  msk_open311_set_jurisdiction_id (open311, "alwaha.example");
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GListModel) definition = NULL;
    g_autoptr(MskServiceAttribute) type = NULL;

    msk_open311_get_service_definition_async (open311, "cleanliness", NULL, msk_test_result_cb,
                                              NULL);
    result = msk_test_wait_result ();
    definition = msk_open311_get_service_definition_finish (open311, result, NULL, &error);
    g_assert_no_error (error);
    type = g_list_model_get_item (definition, 0);
    g_assert_cmpstr (msk_service_attribute_get_code (type), ==, "type");
    g_assert_cmpstr (msk_service_attribute_get_datatype (type), ==, "multivaluelist");
  }

  g_hash_table_insert (attributes, (gpointer) "type", (gpointer) "litter,graffiti");
  item = msk_open311_file_request (open311, "cleanliness", "نفايات وكتابة على جدار المدرسة",
                                   "شارع المدرسة، الواحة", NAN, NAN, attributes, &contact,
                                   "Litter", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  tracking = msk_open311_dup_tracking_number (item);
  g_assert_nonnull (tracking);

  request = get_request (open311, tracking);
  g_assert_cmpstr (msk_service_request_get_detailed_status (request), ==, "RECEIVED");
  g_assert_null (msk_service_request_get_original_request (request));
  g_assert_cmpuint (msk_service_request_get_history (request)->len, ==, 1);
  step = g_ptr_array_index (msk_service_request_get_history (request), 0);
  g_assert_cmpstr (step->status, ==, "RECEIVED");
  g_assert_null (step->notes);
  g_assert_nonnull (step->datetime);
  g_assert_true (g_date_time_equal (step->datetime,
                                    msk_service_request_get_requested_datetime (request)));

  /* What the server stored: the contact (no empty phone) and both keys. */
  db = open_server_db (f);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT first_name, last_name, email, phone "
                                       "FROM service_requests WHERE id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, request_row_id (tracking));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Salma");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Al Harbi");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "salma@example.com");
  g_assert_cmpint (sqlite3_column_type (stmt, 3), ==, SQLITE_NULL);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM request_attributes "
                                       "WHERE request_id = ? AND code = 'type' ORDER BY value",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, request_row_id (tracking));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "graffiti");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "litter");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static MskServiceRequest *
set_status (Fixture     *f,
            const char  *tracking,
            const char  *status,
            const char  *notes,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_client_set_request_status_async (f->client, tracking, status, notes, NULL,
                                       msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_client_set_request_status_finish (f->client, result, error);
}

static char *
start_assisted (Fixture  *f,
                char    **staff_name,
                GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_client_start_assisted_session_async (f->client, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_client_start_assisted_session_finish (f->client, result, staff_name, error);
}

static gboolean
end_assisted (Fixture     *f,
              const char  *id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_client_end_assisted_session_async (f->client, id, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_client_end_assisted_session_finish (f->client, result, error);
}

/* The first column of the first row of @sql on the server's database, or
 * -1 for no row. */
static gint64
server_db_int (Fixture    *f,
               const char *sql)
{
  sqlite3 *db = open_server_db (f);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The staff member who helped with the request @tracking, as the server
 * stored it: 0 for none. */
static gint64
assisted_by (Fixture    *f,
             const char *tracking)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COALESCE(assisted_by, 0) FROM "
                                          "service_requests WHERE id = %" G_GINT64_FORMAT,
                                          request_row_id (tracking));

  return server_db_int (f, sql);
}

static gint64
user_id_of (Fixture    *f,
            const char *username)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM users WHERE username = '%s'", username);

  return server_db_int (f, sql);
}

static char *
file_and_track (Fixture    *f,
                MskOpen311 *open311,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  item = msk_open311_file_request (open311, "water_leak", what, "شارع الملك فهد، الرياض", NAN,
                                   NAN, NULL, NULL, "Water leak", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return NULL;
  return msk_open311_dup_tracking_number (item);
}

/* An assisted session at a service center: only staff start one; what is
 * submitted while the HTTP layer names it records the staff member on the
 * portal, and only then; an id the portal does not know is refused in its
 * words, and nothing is stored; ended, a queued submission still counts. */
static void
test_assisted_session (Fixture       *f,
                       gconstpointer  data)
{
  const char *base = msk_portal_get_base_url (f->portal);
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *helped = NULL;
  g_autofree char *after = NULL;
  g_autofree char *message = NULL;
  MskOutboxItem *item;
  gint64 staff;

  msk_open311_set_jurisdiction_id (open311, "alwaha.example");

  /* a citizen cannot start one */
  g_assert_null (start_assisted (f, NULL, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_UNAUTHORIZED);
  g_test_message ("citizen: %s", error->message);
  g_clear_error (&error);

  sign_in (f->auth, base, "staff", "Staff-Demo-2026");
  staff = user_id_of (f, "staff");
  g_assert_cmpint (staff, >, 0);
  id = start_assisted (f, &name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpuint (strlen (id), >=, 16);
  g_assert_cmpstr (name, !=, "");
  g_test_message ("assisted session %s with %s", id, name);

  /* before: not assisted */
  plain = file_and_track (f, open311, "تسرب مياه قبل الجلسة");
  g_assert_nonnull (plain);
  g_assert_cmpint (assisted_by (f, plain), ==, 0);

  /* in it: the staff member */
  msk_http_set_assisted_session (f->http, id);
  g_assert_cmpstr (msk_http_get_assisted_session (f->http), ==, id);
  helped = file_and_track (f, open311, "تسرب مياه بمساعدة الموظف");
  g_assert_nonnull (helped);
  g_assert_cmpint (assisted_by (f, helped), ==, staff);

  /* ended: still the staff member's */
  g_assert_true (end_assisted (f, id, &error));
  g_assert_no_error (error);
  g_assert_true (end_assisted (f, id, &error));
  g_assert_no_error (error);
  after = file_and_track (f, open311, "تسرب مياه وصل بعد نهاية الجلسة");
  g_assert_nonnull (after);
  g_assert_cmpint (assisted_by (f, after), ==, staff);

  /* moderators see who helped with a comment, and that no one helped with
   * the others */
  {
    g_autofree char *helped_body = g_strdup_printf ("تعليق بمساعدة الموظف %" G_GINT64_FORMAT,
                                                    g_get_real_time ());
    g_autoptr(GListModel) queue = NULL;
    gboolean found = FALSE;
    guint n_plain = 0;

    msk_http_set_assisted_session (f->http, id);
    item = msk_client_post_comment (f->client, 1, 0, helped_body, "Parks", &error);
    g_assert_no_error (error);
    if (!msk_test_wait_sent (item))
      return;
    msk_http_set_assisted_session (f->http, NULL);

    sign_in (f->auth, base, "moderator", "Moderator-Demo-2026");
    queue = msk_client_list_moderation_queue (f->client);
    msk_paged_list_set_page_size (MSK_PAGED_LIST (queue), 50);
    do
      load_page (queue);
    while (msk_paged_list_get_has_more (MSK_PAGED_LIST (queue)));
    for (guint i = 0; i < g_list_model_get_n_items (queue); i++)
      {
        g_autoptr(MskComment) c = g_list_model_get_item (queue, i);

        if (g_str_equal (msk_comment_get_body (c), helped_body))
          {
            found = TRUE;
            g_assert_true (msk_comment_get_assisted (c));
            g_assert_cmpstr (msk_comment_get_assisted_by (c), ==, name);
          }
        else if (!msk_comment_get_assisted (c))
          {
            g_assert_null (msk_comment_get_assisted_by (c));
            n_plain++;
          }
      }
    g_assert_true (found);
    g_test_message ("moderation queue: the assisted comment, and %u without help", n_plain);
    g_assert_cmpuint (n_plain, >, 0);
    sign_in (f->auth, base, "staff", "Staff-Demo-2026");
  }

  /* a session the portal does not know: refused, in its words */
  msk_http_set_assisted_session (f->http, "0123456789abcdef0123456789abcdef");
  item = msk_open311_file_request (open311, "water_leak", "تسرب مياه في جلسة مجهولة",
                                   "شارع الملك فهد، الرياض", NAN, NAN, NULL, NULL, "Water leak",
                                   &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (msk_test_item_done, item, 30))
    return;
  g_assert_cmpint (msk_outbox_item_get_state (item), ==, MSK_OUTBOX_STATE_FAILED);
  message = msk_outbox_item_dup_message (item);
  g_test_message ("unknown session: %s", message);
  g_assert_nonnull (strstr (message, "This assisted session is not known on this portal"));
  g_assert_false (end_assisted (f, "0123456789abcdef0123456789abcdef", &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_NOT_FOUND);
  g_clear_error (&error);
  msk_http_set_assisted_session (f->http, NULL);
}

/* Staff move a request through the client, straight to the portal: a
 * citizen may not; a move the server does not allow is refused, in its
 * words; each allowed move answers the request with its history. */
static void
test_staff_request_status (Fixture       *f,
                           gconstpointer  data)
{
  const char *base = msk_portal_get_base_url (f->portal);
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;
  static const char *const moves[] = { "RECEIVED", "IN_PROCESS" };
  const char *current = "PENDING";
  MskRequestStep *step;
  MskOutboxItem *item;

  msk_open311_set_jurisdiction_id (open311, "alwaha.example");
  item = msk_open311_file_request (open311, "water_leak", "تسرب مياه عند الإشارة",
                                   "شارع الملك فهد، الرياض", NAN, NAN, NULL, NULL, "Water leak",
                                   &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  tracking = msk_open311_dup_tracking_number (item);
  g_assert_nonnull (tracking);

  /* A citizen is not staff. */
  g_assert_false (msk_auth_has_role (f->auth, base, "staff"));
  g_assert_null (set_status (f, tracking, "IN_PROCESS", NULL, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_UNAUTHORIZED);
  g_test_message ("citizen: %s", error->message);
  g_assert_nonnull (strstr (error->message, "permission"));
  g_clear_error (&error);

  /* musharaka-server acknowledges a request as it files it (RECEIVED); a
   * portal that does not would have it PENDING, as it is made here. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE service_requests SET detailed_status = "
                                            "'PENDING' WHERE id = %" G_GINT64_FORMAT ";"
                                            "UPDATE request_history SET detailed_status = "
                                            "'PENDING' WHERE request_id = %" G_GINT64_FORMAT,
                                            request_row_id (tracking),
                                            request_row_id (tracking));
    sqlite3 *db = open_server_db (f);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  sign_in (f->auth, base, "staff", "Staff-Demo-2026");
  g_assert_true (msk_auth_has_role (f->auth, base, "staff"));

  /* PENDING cannot skip RECEIVED. */
  g_assert_false (g_strv_contains (msk_service_request_allowed_next (current), "IN_PROCESS"));
  g_assert_null (set_status (f, tracking, "IN_PROCESS", NULL, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_REFUSED);
  g_test_message ("PENDING to IN_PROCESS: %s", error->message);
  g_assert_nonnull (strstr (error->message, "cannot move"));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      const char *notes = i == 1 ? "فريق الصيانة في الطريق" : NULL;

      g_assert_true (g_strv_contains (msk_service_request_allowed_next (current), moves[i]));
      g_clear_object (&request);
      request = set_status (f, tracking, moves[i], notes, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (msk_service_request_get_service_request_id (request), ==, tracking);
      g_assert_cmpstr (msk_service_request_get_detailed_status (request), ==, moves[i]);
      g_assert_cmpuint (msk_service_request_get_history (request)->len, ==, i + 2);
      step = g_ptr_array_index (msk_service_request_get_history (request), i + 1);
      g_assert_cmpstr (step->status, ==, moves[i]);
      g_assert_cmpstr (step->notes, ==, notes);
      g_assert_nonnull (step->datetime);
      current = msk_service_request_get_detailed_status (request);
    }
  step = g_ptr_array_index (msk_service_request_get_history (request), 0);
  g_assert_cmpstr (step->status, ==, "PENDING");
  g_assert_cmpstr (msk_service_request_get_status_notes (request), ==, "فريق الصيانة في الطريق");

  /* No way back, and no status the server does not know. */
  g_assert_null (set_status (f, tracking, "RECEIVED", NULL, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_null (set_status (f, tracking, "DONE", NULL, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_REFUSED);
  g_clear_error (&error);

  /* Open311 readers see the move. */
  g_clear_object (&request);
  request = get_request (open311, tracking);
  g_assert_cmpstr (msk_service_request_get_detailed_status (request), ==, "IN_PROCESS");
  g_assert_cmpuint (msk_service_request_get_history (request)->len, ==, 3);
}

/* Files an Open311 request straight to the server, as another client
 * would; returns its tracking number. */
static char *
file_elsewhere (Fixture    *f,
                const char *form)
{
  g_autofree char *uri = g_strconcat (f->server->url, "/open311/v2/requests.json", NULL);
  g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  char *tracking = NULL;
  MskHttpRequest request = { "POST", uri, body, "application/x-www-form-urlencoded", };

  msk_http_send_async (f->http, &request, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  reply = msk_http_send_finish (f->http, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_true (msk_open311_read_receipt (reply->root, &tracking, NULL, &error));
  g_assert_no_error (error);
  return tracking;
}

/* A tracking number given elsewhere (an information request filed at a
 * service center): followed once, under the user signed in; a refresh
 * reads its due date and its moves; forgetting it removes it here and in
 * the store. */
static void
test_follow_elsewhere (Fixture       *f,
                       gconstpointer  data)
{
  const char *base = msk_portal_get_base_url (f->portal);
  GListModel *list = msk_tracker_get_submissions (f->tracker);
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *user = msk_auth_dup_user_key (f->auth, base);
  g_autofree char *staff = NULL;
  g_autoptr(MskSubmission) submission = NULL;
  MskTestChanges changes = { 0, NULL };
  guint n = g_list_model_get_n_items (list);
  gint64 due;

  tracking = file_elsewhere (f, "api_key=" API_KEY "&jurisdiction_id=mocd.example"
                                "&service_code=information_request"
                                "&attribute%5Bpreferred_format%5D=paper"
                                "&description=Budget+of+the+public+libraries"
                                "&device_id=service-center-7");
  g_test_message ("filed elsewhere: %s", tracking);

  endpoint = g_strconcat (msk_open311_get_endpoint (open311), "?jurisdiction_id=mocd.example",
                          NULL);
  submission = g_object_ref (msk_tracker_follow (f->tracker, endpoint, tracking,
                                                 "Libraries budget", "RECEIVED", NULL,
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n + 1);
  g_assert_true (msk_tracker_find (f->tracker, "complaint", tracking) == submission);
  g_assert_cmpstr (msk_submission_get_kind (submission), ==, "complaint");
  g_assert_cmpstr (msk_submission_get_title (submission), ==, "Libraries budget");
  g_assert_cmpstr (msk_submission_get_status (submission), ==, "RECEIVED");
  g_assert_cmpint (msk_submission_get_due (submission), ==, 0);
  g_assert_cmpint (msk_submission_get_created (submission), ==,
                   msk_submission_get_updated (submission));
  g_assert_nonnull (user);
  g_assert_cmpstr (msk_submission_get_row (submission)->user, ==, user);

  /* Followed once. */
  g_assert_true (msk_tracker_follow (f->tracker, endpoint, tracking, "Again", "RECEIVED",
                                     NULL, &error) == submission);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n + 1);

  /* A refresh asks about it: the status is the same, the due date is new. */
  msk_open311_set_jurisdiction_id (open311, "mocd.example");
  request = get_request (open311, tracking);
  g_assert_nonnull (msk_service_request_get_expected_datetime (request));
  due = g_date_time_to_unix (msk_service_request_get_expected_datetime (request));
  g_signal_connect (f->tracker, "status-changed", G_CALLBACK (msk_test_status_changed_cb),
                    &changes);
  g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 0);
  g_assert_cmpint (msk_submission_get_due (submission), ==, due);
  /* and it is called after its service, as the portal names it */
  g_assert_nonnull (msk_service_request_get_service_name (request));
  g_assert_cmpstr (msk_submission_get_title (submission), ==,
                   msk_service_request_get_service_name (request));

  staff = msk_test_sign_in (f->server->url, "staff", "Staff-Demo-2026", NULL);
  staff_move (f, staff, tracking, "IN_PROCESS");
  g_assert_cmpuint (msk_test_refresh (f->tracker, f->client), ==, 1);
  g_assert_cmpstr (changes.last_status, ==, "IN_PROCESS");
  g_assert_cmpstr (msk_submission_get_status (submission), ==, "IN_PROCESS");
  g_assert_cmpstr (msk_submission_get_status_text (submission), ==, "IN_PROCESS by staff");

  /* Kept in the store, with its due date. */
  {
    g_autoptr(MskTracker) reloaded = msk_tracker_new (f->store, f->outbox);
    MskSubmission *kept;

    g_assert_true (msk_tracker_load (reloaded, &error));
    kept = msk_tracker_find (reloaded, "complaint", tracking);
    g_assert_nonnull (kept);
    g_assert_cmpstr (msk_submission_get_status (kept), ==, "IN_PROCESS");
    g_assert_cmpint (msk_submission_get_due (kept), ==, due);
    g_assert_cmpstr (msk_submission_get_title (kept), ==,
                     msk_service_request_get_service_name (request));
  }

  /* Forgotten: here and in the store. */
  g_assert_true (msk_tracker_forget (f->tracker, submission, &error));
  g_assert_no_error (error);
  g_assert_null (msk_tracker_find (f->tracker, "complaint", tracking));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  {
    g_autoptr(MskTracker) reloaded = msk_tracker_new (f->store, f->outbox);

    g_assert_true (msk_tracker_load (reloaded, &error));
    g_assert_null (msk_tracker_find (reloaded, "complaint", tracking));
  }
  g_signal_handlers_disconnect_by_data (f->tracker, &changes);
  g_free (changes.last_status);
}

static void
assert_each_once (Fixture    *f,
                  const char *prefix,
                  guint       n)
{
  g_autoptr(GHashTable) counts = msk_test_count_comments (f->server->url, f->token, 1, prefix);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("%s%u", prefix, i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, body)), ==, 1);
    }
  g_assert_cmpuint (g_hash_table_size (counts), ==, n);
}

typedef struct
{
  MskTestProxy *proxy;
  guint         n;
} ProxyRequests;

static gboolean
proxy_saw_requests (gpointer user_data)
{
  ProxyRequests *r = user_data;

  return msk_test_proxy_get_n_requests (r->proxy) >= r->n;
}

static void
test_server_stopped (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server_dir = g_strdup (f->server->data_dir);
  g_autofree char *prefix = g_strdup_printf ("while stopped %" G_GINT64_FORMAT ": ",
                                             g_get_real_time ());
  const guint n = 10;
  ProxyRequests seen = { f->proxy, 2 * n };

  msk_test_server_stop (g_steal_pointer (&f->server));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("%s%u", prefix, i);

      g_assert_nonnull (msk_client_post_comment (f->client, 1, 0, body, NULL, &error));
    }
  if (!msk_test_wait_for (proxy_saw_requests, &seen, 60))
    {
      g_test_message ("%u requests, %u pending", msk_test_proxy_get_n_requests (f->proxy),
                      msk_outbox_get_n_pending (f->outbox));
      return;
    }
  g_assert_cmpuint (msk_outbox_get_n_pending (f->outbox), ==, n);

  f->server = msk_test_server_start (server_dir);
  msk_test_proxy_set_upstream (f->proxy, f->server->url);
  msk_outbox_flush (f->outbox);
  if (!msk_test_wait_for (msk_test_outbox_settled, f->outbox, 60))
    return;
  assert_each_once (f, prefix, n);
}

typedef struct
{
  gboolean held;
} Held;

static void
held_cb (MskTestProxy *proxy,
         const char   *path,
         gpointer      user_data)
{
  ((Held *) user_data)->held = TRUE;
}

static gboolean
is_held (gpointer user_data)
{
  return ((Held *) user_data)->held;
}

static GSubprocess *
spawn_driver (Fixture    *f,
              const char *state,
              const char *cache,
              const char *prefix,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *log_path = g_build_filename (f->dir, "driver.log", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocess *driver;

  launcher = msk_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, log_path);
  driver = g_subprocess_launcher_spawn (launcher, &error, msk_test_get_driver_path (), state,
                                        cache, msk_test_proxy_get_url (f->proxy), f->token, f->user,
                                        "1",
                                        count, prefix, NULL);
  g_assert_no_error (error);
  return driver;
}

static void
test_sigkill (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "driver", "state.db", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "driver", "cache.db", NULL);
  g_autofree char *prefix = g_strdup_printf ("killed %" G_GINT64_FORMAT ": ", g_get_real_time ());
  g_autoptr(GError) error = NULL;
  const guint n = 6;

  if (msk_test_get_driver_path () == NULL)
    {
      g_test_skip ("no driver program");
      return;
    }

  /* Twice: the portal stores the comment, and the client dies before it hears so. */
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GSubprocess) driver = NULL;
      guint forwarded = msk_test_proxy_get_n_forwarded (f->proxy);
      Held held = { FALSE };

      msk_test_proxy_hold_after_forward (f->proxy, "POST", held_cb, &held);
      driver = spawn_driver (f, state, cache, prefix, n);
      if (!msk_test_wait_for (is_held, &held, 30))
        {
          msk_test_process_stop (driver, SIGKILL, 10);
          return;
        }
      g_assert_cmpuint (msk_test_proxy_get_n_forwarded (f->proxy), >, forwarded);
      g_subprocess_send_signal (driver, SIGKILL);
      g_assert_true (g_subprocess_wait (driver, NULL, &error));
      g_assert_true (g_subprocess_get_if_signaled (driver));
      g_assert_cmpint (g_subprocess_get_term_sig (driver), ==, SIGKILL);
      msk_test_proxy_hold_after_forward (f->proxy, NULL, NULL, NULL);
      msk_test_proxy_release_held (f->proxy);
    }

  /* Started again, it sends what is left, and stops when done. */
  {
    g_autoptr(GSubprocess) driver = spawn_driver (f, state, cache, prefix, n);
    g_autofree char *out = NULL;

    g_autoptr(GAsyncResult) result = NULL;

    /* Asynchronously: the proxy lives on this thread's main context. */
    g_subprocess_communicate_utf8_async (driver, NULL, NULL, msk_test_result_cb, NULL);
    result = msk_test_wait_result ();
    g_assert_true (g_subprocess_communicate_utf8_finish (driver, result, &out, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_successful (driver));
    g_test_message ("driver: %s", out);
    g_assert_nonnull (strstr (out, "done 6"));
  }
  assert_each_once (f, prefix, n);
}

static void
test_random_faults (Fixture       *f,
                    gconstpointer  data)
{
  MskRandomFaultsResult r;

  msk_test_run_random_faults (f->server->url, f->token, 1, 200, 2026, &r);
  g_test_message ("200 random faults: %u faults in %u requests, %u items sent, %u stored, "
                  "%u duplicates, %u missing, %u failed, %.1f s",
                  r.faults, r.requests, r.items_sent, r.stored, r.duplicates, r.missing,
                  r.items_failed, r.seconds);
  g_assert_cmpuint (r.faults, >=, 200);
  g_assert_cmpuint (r.items_failed, ==, 0);
  g_assert_cmpuint (r.missing, ==, 0);
  g_assert_cmpuint (r.duplicates, ==, 0);
  g_assert_cmpuint (r.items_sent, ==, r.stored);
}

static guint
count_state (MskOutbox      *outbox,
             MskOutboxState  state)
{
  GListModel *items = msk_outbox_get_items (outbox);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (items, i);

      n += msk_outbox_item_get_state (item) == state;
    }
  return n;
}

typedef struct
{
  MskAuth    *auth;
  const char *portal;
  guint       sent_unloaded;  /* items that went out before the sign-in was loaded */
} SendWatch;

static void
item_state_cb (MskOutboxItem *item,
               GParamSpec    *pspec,
               SendWatch     *watch)
{
  if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_SENDING
      && !msk_auth_is_loaded (watch->auth, watch->portal))
    watch->sent_unloaded++;
}

/* The app as it starts again: new objects on the same store files, with a
 * keyring whose answer is not in yet. */
static MskOutbox *
reopen_outbox (Fixture    *f,
               const char *state,
               const char *cache,
               MskAuth    *auth,
               SendWatch  *watch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
  MskOutbox *outbox;
  GListModel *items;

  g_assert_no_error (error);
  outbox = msk_outbox_new (store, f->http);
  msk_outbox_set_backoff (outbox, 10, 200);
  msk_outbox_set_auth (outbox, auth);
  g_assert_true (msk_outbox_start (outbox, &error));
  items = msk_outbox_get_items (outbox);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (items, i);

      g_signal_connect (item, "notify::state", G_CALLBACK (item_state_cb), watch);
    }
  return outbox;
}

/* Queued with a token, then the app restarts: the outbox sends nothing
 * before the portal's sign-in is loaded, a 401 leaves the items waiting
 * for a sign-in (not refused), and they go once the token is there. */
static void
test_restart_waits_for_sign_in (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "restart", "state.db", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "restart", "cache.db", NULL);
  g_autofree char *prefix = g_strdup_printf ("after restart %" G_GINT64_FORMAT ": ",
                                             g_get_real_time ());
  const char *base = msk_portal_get_base_url (f->portal);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskOutbox) outbox = NULL;
  g_autoptr(MskAuth) auth = NULL;
  SendWatch watch = { NULL, base, 0 };
  const guint n = 3;

  /* Before: queued with the user signed in; the app stops before sending. */
  {
    g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
    g_autoptr(MskOutbox) before = NULL;
    g_autoptr(MskAuth) signed_in = msk_auth_new (f->http, FALSE);
    g_autoptr(MskClient) client = NULL;

    g_assert_no_error (error);
    before = msk_outbox_new (store, f->http);
    msk_auth_set_sign_in (signed_in, base, f->token, f->user);
    msk_outbox_set_auth (before, signed_in);
    client = msk_client_new (f->http, store, before, signed_in, f->portal);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *body = g_strdup_printf ("%s%u", prefix, i);

        g_assert_nonnull (msk_client_post_comment (client, 1, 0, body, NULL, &error));
        g_assert_no_error (error);
      }
  }

  /* After: the keyring is asked for the token (there is none here, so the
   * portal answers 401): nothing went out before that, nothing is refused. */
  auth = msk_auth_new (f->http, TRUE);
  watch.auth = auth;
  outbox = reopen_outbox (f, state, cache, auth, &watch);
  g_assert_cmpuint (count_state (outbox, MSK_OUTBOX_STATE_QUEUED), ==, n);
  g_assert_false (msk_auth_is_loaded (auth, base));
  if (!msk_test_wait_for (msk_test_outbox_settled, outbox, 30))
    return;
  g_test_message ("after the restart: %u waiting for a sign-in, %u refused, %u sent before "
                  "the sign-in was loaded",
                  count_state (outbox, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN),
                  count_state (outbox, MSK_OUTBOX_STATE_FAILED), watch.sent_unloaded);
  g_assert_cmpuint (watch.sent_unloaded, ==, 0);
  g_assert_true (msk_auth_is_loaded (auth, base));
  g_assert_cmpuint (count_state (outbox, MSK_OUTBOX_STATE_FAILED), ==, 0);
  g_assert_cmpuint (count_state (outbox, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN), ==, n);
  g_assert_cmpstr (msk_outbox_state_to_label (MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN), ==,
                   "Waiting for you to sign in");

  /* The token is there: they go, each stored once. */
  msk_auth_set_sign_in (auth, base, f->token, f->user);
  if (!msk_test_wait_for (msk_test_outbox_settled, outbox, 30))
    return;
  g_assert_cmpuint (count_state (outbox, MSK_OUTBOX_STATE_SENT), ==, n);
  g_assert_cmpuint (count_state (outbox, MSK_OUTBOX_STATE_FAILED), ==, 0);
  assert_each_once (f, prefix, n);

  /* A token the portal no longer accepts: the item waits for a sign-in,
   * and goes on when the user signs in again. */
  g_clear_object (&outbox);
  g_clear_object (&auth);
  {
    g_autofree char *revoked = msk_test_sign_in (f->server->url, "citizen", "Citizen-Demo-2026",
                                                 NULL);
    g_autofree char *again = g_strdup_printf ("revoked %" G_GINT64_FORMAT ": ", g_get_real_time ());
    g_autofree char *body = g_strconcat (again, "0", NULL);
    g_autofree char *message = NULL;
    g_autoptr(MskAuth) revoker = msk_auth_new (f->http, FALSE);
    g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
    g_autoptr(MskClient) client = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    MskOutboxItem *item;

    g_assert_no_error (error);
    msk_auth_set_sign_in (revoker, f->server->url, revoked, f->user);
    msk_auth_sign_out_async (revoker, f->server->url, NULL, msk_test_result_cb, NULL);
    result = msk_test_wait_result ();
    g_assert_true (msk_auth_sign_out_finish (revoker, result, &error));
    g_clear_object (&result);

    auth = msk_auth_new (f->http, FALSE);
    msk_auth_set_sign_in (auth, base, revoked, f->user);
    outbox = msk_outbox_new (store, f->http);
    msk_outbox_set_auth (outbox, auth);
    g_assert_true (msk_outbox_start (outbox, &error));
    client = msk_client_new (f->http, store, outbox, auth, f->portal);
    item = msk_client_post_comment (client, 1, 0, body, NULL, &error);
    g_assert_no_error (error);
    if (!msk_test_wait_for (msk_test_outbox_settled, outbox, 30))
      return;
    message = msk_outbox_item_dup_message (item);
    g_test_message ("revoked token: %s (%u) %s",
                    msk_outbox_state_to_label (msk_outbox_item_get_state (item)),
                    msk_outbox_item_get_http_status (item), message);
    g_assert_cmpint (msk_outbox_item_get_state (item), ==, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN);
    g_assert_cmpuint (msk_outbox_item_get_http_status (item), ==, 401);
    /* the sign-in it was sent with has ended here too: nobody is said to be
     * signed in, and the app offers to sign in again */
    g_assert_null (msk_auth_dup_token (auth, base));
    g_assert_null (msk_auth_dup_display_name (auth, base));

    msk_auth_sign_in_async (auth, base, "citizen", "Citizen-Demo-2026", NULL, msk_test_result_cb,
                            NULL);
    result = msk_test_wait_result ();
    g_assert_true (msk_auth_sign_in_finish (auth, result, &error));
    g_assert_no_error (error);
    if (!msk_test_wait_sent (item))
      return;
    assert_each_once (f, again, 1);
  }
}

/* One person using the app on this computer: a core of their own over
 * the same store files as everyone else's. */
typedef struct
{
  MskCore   *core;
  MskClient *client;
  char      *body;   /* the pending comment they sent */
  char      *user;   /* their user key */
} Person;

static gboolean
person_start (Fixture    *f,
              Person     *person,
              const char *state,
              const char *cache,
              const char *username,
              const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *base = msk_portal_get_base_url (f->portal);
  MskAuth *auth;
  MskOutboxItem *item;

  person->core = msk_core_new_for_paths (state, cache, MSK_CORE_NO_KEYRING, &error);
  g_assert_no_error (error);
  msk_http_set_timeout (msk_core_get_http (person->core), 2);
  msk_http_set_language (msk_core_get_http (person->core), "en");
  auth = msk_core_get_auth (person->core);
  msk_auth_sign_in_async (auth, base, username, password, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_in_finish (auth, result, &error));
  g_assert_no_error (error);
  person->user = msk_auth_dup_user_key (auth, base);
  person->client = msk_core_dup_client (person->core, f->portal);
  person->body = g_strdup_printf ("تعليق %s بانتظار المراجعة %" G_GINT64_FORMAT, username,
                                  g_get_real_time ());
  item = msk_client_post_comment (person->client, 1, 0, person->body, NULL, &error);
  g_assert_no_error (error);
  return msk_test_wait_sent (item);
}

static void
person_clear (Person *person)
{
  g_clear_object (&person->client);
  g_clear_object (&person->core);
  g_clear_pointer (&person->body, g_free);
  g_clear_pointer (&person->user, g_free);
}

/* Reads the comments of topic 1 as @person; counts the comments with
 * @body and, among them, those marked as @person's own. */
static void
read_comments (Person       *person,
               const char   *body,
               guint        *seen,
               guint        *mine,
               MskFreshness *freshness)
{
  g_autoptr(GListModel) list = msk_client_list_comments (person->client, 1);
  g_autoptr(GAsyncResult) result = NULL;

  *seen = *mine = 0;
  msk_paged_list_set_page_size (MSK_PAGED_LIST (list), 100);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (list), NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  msk_paged_list_load_more_finish (MSK_PAGED_LIST (list), result, NULL);
  msk_paged_list_get_freshness (MSK_PAGED_LIST (list), freshness);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MskComment) comment = g_list_model_get_item (list, i);

      if (g_strcmp0 (msk_comment_get_body (comment), body) == 0)
        {
          (*seen)++;
          *mine += msk_comment_get_mine (comment);
        }
    }
}

/* How many cached replies are personal to @user. */
static int
count_cached (const char *cache,
              const char *user)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_cmpint (sqlite3_open_v2 (cache, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM http WHERE user = ?1", -1, &stmt, NULL)
      == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, user, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int (stmt, 0);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Two people on one computer (one store), each signed in with a pending
 * comment of their own: offline, each sees their own comment as theirs and
 * not the other's; when one signs out, what they read signed in is gone. */
static void
test_cache_per_user (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "shared", "state.db", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "shared", "cache.db", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Person a = { NULL, }, b = { NULL, };
  MskFreshness freshness;
  guint seen, mine;

  if (!person_start (f, &a, state, cache, "citizen", "Citizen-Demo-2026"))
    goto out;
  read_comments (&a, a.body, &seen, &mine, &freshness);
  g_assert_cmpuint (seen, ==, 1);
  g_assert_cmpuint (mine, ==, 1);
  if (!person_start (f, &b, state, cache, "staff", "Staff-Demo-2026"))
    goto out;
  read_comments (&b, b.body, &seen, &mine, &freshness);
  g_assert_cmpuint (mine, ==, 1);
  g_assert_cmpstr (a.user, !=, b.user);

  msk_test_server_stop (g_steal_pointer (&f->server));
  {
    guint a_own, a_own_mine, a_other, a_other_mine, b_own, b_own_mine, b_other, b_other_mine;

    read_comments (&a, a.body, &a_own, &a_own_mine, &freshness);
    g_assert_true (freshness.offline);
    read_comments (&a, b.body, &a_other, &a_other_mine, &freshness);
    read_comments (&b, b.body, &b_own, &b_own_mine, &freshness);
    g_assert_true (freshness.offline);
    read_comments (&b, a.body, &b_other, &b_other_mine, &freshness);
    g_test_message ("offline: the first sees %u of their own (%u as theirs) and %u of the "
                    "other's (%u as theirs); the second %u (%u) and %u (%u)",
                    a_own, a_own_mine, a_other, a_other_mine, b_own, b_own_mine, b_other,
                    b_other_mine);
    g_assert_cmpuint (a_own_mine, ==, 1);
    g_assert_cmpuint (a_other, ==, 0);
    g_assert_cmpuint (b_own_mine, ==, 1);
    g_assert_cmpuint (b_other, ==, 0);
  }

  /* The first signs out (offline: the portal cannot be told, the token is
   * forgotten all the same): what they read signed in is gone. */
  g_test_message ("cached for the first: %d, for the second: %d", count_cached (cache, a.user),
                  count_cached (cache, b.user));
  g_assert_cmpint (count_cached (cache, a.user), >, 0);
  msk_auth_sign_out_async (msk_core_get_auth (a.core), msk_portal_get_base_url (f->portal), NULL,
                           msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_out_finish (msk_core_get_auth (a.core), result, &error));
  g_test_message ("after the first signed out: %d, %d", count_cached (cache, a.user),
                  count_cached (cache, b.user));
  g_assert_cmpint (count_cached (cache, a.user), ==, 0);
  g_assert_cmpint (count_cached (cache, b.user), >, 0);
  read_comments (&a, a.body, &seen, &mine, &freshness);
  g_assert_cmpuint (seen, ==, 0);

out:
  person_clear (&a);
  person_clear (&b);
}

static void
sign_out (MskAuth    *auth,
          const char *base)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  msk_auth_sign_out_async (auth, base, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_out_finish (auth, result, &error));
  g_assert_no_error (error);
}

/* The token stops working on the portal (it expired, or was revoked
 * elsewhere) while the app still holds it. */
static void
expire_token (Fixture    *f,
              const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autofree char *uri = g_strconcat (f->server->url, "/v1/session", NULL);
  MskHttpRequest request = { "DELETE", uri, NULL, NULL, NULL, NULL, token };

  msk_http_send_async (f->http, &request, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  reply = msk_http_send_finish (f->http, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->status, ==, 204);
}

/* The same person signs in again (their token expired, say) without
 * signing out: what they read signed in stays theirs, under the same name,
 * and shows offline as theirs; another account signing in after them ends
 * their sign-in, and what they read goes. */
static void
test_cache_survives_sign_in_again (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "again", "state.db", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "again", "cache.db", NULL);
  g_autofree char *again = NULL;
  const char *base = msk_portal_get_base_url (f->portal);
  Person a = { NULL, };
  MskFreshness freshness;
  MskAuth *auth;
  guint seen, mine;
  int before, after;

  if (!person_start (f, &a, state, cache, "citizen", "Citizen-Demo-2026"))
    goto out;
  auth = msk_core_get_auth (a.core);
  read_comments (&a, a.body, &seen, &mine, &freshness);
  before = count_cached (cache, a.user);
  sign_in (auth, base, "citizen", "Citizen-Demo-2026");
  again = msk_auth_dup_user_key (auth, base);
  after = count_cached (cache, a.user);
  g_test_message ("cached for the citizen: %d; after they signed in again: %d (%s name)",
                  before, after, g_strcmp0 (again, a.user) == 0 ? "the same" : "another");
  g_assert_cmpint (before, >, 0);
  g_assert_cmpstr (again, ==, a.user);
  g_assert_cmpint (after, ==, before);

  msk_test_proxy_set_upstream (f->proxy, "http://127.0.0.1:9");
  read_comments (&a, a.body, &seen, &mine, &freshness);
  g_test_message ("offline after signing in again: %u seen, %u as theirs", seen, mine);
  g_assert_true (freshness.offline);
  g_assert_cmpuint (mine, ==, 1);
  msk_test_proxy_set_upstream (f->proxy, f->server->url);

  sign_in (auth, base, "staff", "Staff-Demo-2026");
  g_test_message ("after another account signed in: %d cached for the citizen",
                  count_cached (cache, a.user));
  g_assert_cmpint (count_cached (cache, a.user), ==, 0);

out:
  person_clear (&a);
}

/* The end of a public-PC session revokes the token on the portal. */
static void
test_public_pc_revokes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskCore) core = msk_core_new (MSK_CORE_PUBLIC_PC, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskHttpReply) before = NULL;
  g_autoptr(MskHttpReply) after = NULL;
  g_autofree char *token = NULL;
  g_autofree char *forgotten = NULL;
  g_autofree char *me = g_strconcat (f->server->url, "/v1/me", NULL);
  MskAuth *auth;

  g_assert_no_error (error);
  auth = msk_core_get_auth (core);
  msk_auth_sign_in_async (auth, f->server->url, "citizen", "Citizen-Demo-2026", NULL,
                          msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_in_finish (auth, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  token = msk_auth_dup_token (auth, f->server->url);
  before = get_with_token (f, me, token);

  msk_core_end_session_async (core, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_core_end_session_finish (core, result, NULL, &error));
  g_assert_no_error (error);
  forgotten = msk_auth_dup_token (auth, f->server->url);
  after = get_with_token (f, me, token);
  g_test_message ("GET /v1/me with the token: %u before the end of the session, %u after",
                  before->status, after->status);
  g_assert_null (forgotten);
  g_assert_cmpuint (before->status, ==, 200);
  g_assert_cmpuint (after->status, ==, 401);
}

/* Who the portal stored the comment @body under, from its own database:
 * the usernames, comma-separated, or "" when it stored none. */
static char *
server_authors (Fixture    *f,
                const char *body)
{
  g_autofree char *path = g_build_filename (f->server->data_dir, "musharaka-server.db", NULL);
  GString *authors = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT u.username FROM comments c JOIN users u "
                                       "ON u.id = c.user_id WHERE c.body = ?1 ORDER BY c.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (authors, "%s%s", authors->len > 0 ? "," : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (authors, FALSE);
}

static MskOutboxItem *
post (MskClient  *client,
      const char *body)
{
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item = msk_client_post_comment (client, 1, 0, body, NULL, &error);

  g_assert_no_error (error);
  return item;
}

/* The first attempt to send failed (the portal could not be reached). */
static gboolean
item_attempted (gpointer user_data)
{
  return msk_outbox_item_get_attempts (MSK_OUTBOX_ITEM (user_data)) > 0;
}

static gboolean
item_waits (gpointer user_data)
{
  MskOutboxState state = msk_outbox_item_get_state (MSK_OUTBOX_ITEM (user_data));

  return state == MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN || state == MSK_OUTBOX_STATE_SENT;
}

static const char *
state_label (MskOutboxItem *item)
{
  return msk_outbox_state_to_label (msk_outbox_item_get_state (item));
}

/* A portal that was down and answers again: what waited for it goes then,
 * not when its backoff ends (here ten minutes), though the network monitor
 * saw no change. */
static void
test_outbox_portal_back (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "back", "state.db", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "back", "cache.db", NULL);
  g_autofree char *body = g_strdup_printf ("written while the portal was down %" G_GINT64_FORMAT,
                                           g_get_real_time ());
  g_autofree char *authors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskCore) core = msk_core_new_for_paths (state, cache, MSK_CORE_NO_KEYRING, &error);
  g_autoptr(MskClient) client = NULL;
  g_autoptr(MskTopic) topic = NULL;
  const char *base = msk_portal_get_base_url (f->portal);
  MskOutboxItem *item;
  gint64 start;

  g_assert_no_error (error);
  msk_http_set_timeout (msk_core_get_http (core), 2);
  msk_outbox_set_backoff (msk_core_get_outbox (core), 600000, 600000);
  client = msk_core_dup_client (core, f->portal);
  sign_in (msk_core_get_auth (core), base, "citizen", "Citizen-Demo-2026");

  msk_test_proxy_set_upstream (f->proxy, "http://127.0.0.1:9");
  item = post (client, body);
  if (!msk_test_wait_for (item_attempted, item, 30))
    return;
  g_assert_cmpint (msk_outbox_item_get_state (item), ==, MSK_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (msk_outbox_item_get_next_attempt (item) - g_get_real_time (), >,
                   G_USEC_PER_SEC * 60);

  msk_test_proxy_set_upstream (f->proxy, f->server->url);
  start = g_get_monotonic_time ();
  topic = get_topic (client, 1, NULL);
  g_assert_nonnull (topic);
  if (!msk_test_wait_sent (item))
    return;
  g_test_message ("sent %.1f s after the portal answered a reading",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  authors = server_authors (f, body);
  g_assert_cmpstr (authors, ==, "citizen");
}

/* Two people sign in one after the other on one computer (one store). What
 * the first queued goes out under nobody else, whether their sign-in ended
 * (signed out while the portal could not be reached) or their token
 * stopped working; it goes when they sign in again, under their name. */
static void
test_outbox_per_user (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "people", "state.db", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "people", "cache.db", NULL);
  g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  g_autofree char *body_x = g_strconcat ("queued by the citizen, then signed out ", stamp, NULL);
  g_autofree char *body_y = g_strconcat ("sent by the staff member ", stamp, NULL);
  g_autofree char *body_z = g_strconcat ("queued by the staff member, token expired ", stamp,
                                         NULL);
  g_autofree char *authors_x = NULL;
  g_autofree char *authors_z = NULL;
  g_autofree char *token_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskCore) core = msk_core_new_for_paths (state, cache, MSK_CORE_NO_KEYRING, &error);
  g_autoptr(MskClient) client = NULL;
  const char *base = msk_portal_get_base_url (f->portal);
  MskOutbox *outbox;
  MskAuth *auth;
  MskOutboxItem *x, *y, *z;

  g_assert_no_error (error);
  msk_http_set_timeout (msk_core_get_http (core), 2);
  msk_http_set_language (msk_core_get_http (core), "en");
  outbox = msk_core_get_outbox (core);
  msk_outbox_set_backoff (outbox, 10, 200);
  auth = msk_core_get_auth (core);
  client = msk_core_dup_client (core, f->portal);

  /* The citizen writes while the portal cannot be reached, and signs out
   * (the portal cannot be told). */
  sign_in (auth, base, "citizen", "Citizen-Demo-2026");
  msk_test_proxy_set_upstream (f->proxy, "http://127.0.0.1:9");
  x = post (client, body_x);
  if (!msk_test_wait_for (item_attempted, x, 30))
    return;
  sign_out (auth, base);
  msk_test_proxy_set_upstream (f->proxy, f->server->url);

  /* The staff member signs in and writes. */
  sign_in (auth, base, "staff", "Staff-Demo-2026");
  y = post (client, body_y);
  if (!msk_test_wait_sent (y) || !msk_test_wait_for (msk_test_outbox_settled, outbox, 30))
    return;
  authors_x = server_authors (f, body_x);
  g_test_message ("the citizen's item after the staff member signed in: %s (%u), stored "
                  "under \"%s\"", state_label (x), msk_outbox_item_get_http_status (x),
                  authors_x);
  g_assert_cmpstr (authors_x, ==, "");
  g_assert_cmpint (msk_outbox_item_get_state (x), ==, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN);
  g_assert_cmpstr (state_label (x), ==, "Waiting for you to sign in");
  g_clear_pointer (&authors_x, g_free);

  /* The staff member's token stops working; what they write then waits.
   * They walk away, and the citizen signs in. */
  token_b = msk_auth_dup_token (auth, base);
  expire_token (f, token_b);
  z = post (client, body_z);
  if (!msk_test_wait_for (item_waits, z, 30))
    return;
  g_assert_cmpint (msk_outbox_item_get_state (z), ==, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN);
  sign_in (auth, base, "citizen", "Citizen-Demo-2026");
  if (!msk_test_wait_sent (x) || !msk_test_wait_for (msk_test_outbox_settled, outbox, 30))
    return;
  authors_x = server_authors (f, body_x);
  authors_z = server_authors (f, body_z);
  g_test_message ("after the citizen signed in again: theirs stored under \"%s\"; the staff "
                  "member's %s, stored under \"%s\"", authors_x, state_label (z), authors_z);
  g_assert_cmpstr (authors_x, ==, "citizen");
  g_assert_cmpstr (authors_z, ==, "");
  g_assert_cmpint (msk_outbox_item_get_state (z), ==, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN);
  g_clear_pointer (&authors_z, g_free);

  /* The staff member signs in again: theirs goes, under their name. */
  sign_in (auth, base, "staff", "Staff-Demo-2026");
  if (!msk_test_wait_sent (z))
    return;
  authors_z = server_authors (f, body_z);
  g_test_message ("after the staff member signed in again: stored under \"%s\"", authors_z);
  g_assert_cmpstr (authors_z, ==, "staff");
  g_clear_pointer (&authors_x, g_free);
  authors_x = server_authors (f, body_x);
  g_assert_cmpstr (authors_x, ==, "citizen");
}

/* How many submissions @tracker lists; @of_item: how many of them are the
 * one tracked as @item_tracking. */
static guint
count_tracked (MskTracker *tracker,
               guint      *of_item,
               const char *item_tracking)
{
  GListModel *submissions = msk_tracker_get_submissions (tracker);
  guint n = g_list_model_get_n_items (submissions);

  *of_item = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskSubmission) s = g_list_model_get_item (submissions, i);

      *of_item += g_strcmp0 (msk_submission_get_tracking (s), item_tracking) == 0;
    }
  return n;
}

static char *
comment_id (MskOutboxItem *item)
{
  g_autofree char *response = msk_outbox_item_dup_response (item);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MskComment) comment = NULL;

  g_assert_true (json_parser_load_from_data (parser, response, -1, NULL));
  comment = msk_comment_new_from_json (json_parser_get_root (parser), NULL, NULL);
  g_assert_nonnull (comment);
  return g_strdup_printf ("%" G_GINT64_FORMAT, msk_comment_get_id (comment));
}

/* Two people one after the other on one computer: each sees their own
 * tracked submissions only, also after the app starts again. */
static void
test_tracker_per_user (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *state = g_build_filename (f->dir, "tracked", "state.db", NULL);
  g_autofree char *cache = g_build_filename (f->dir, "tracked", "cache.db", NULL);
  g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ());
  g_autofree char *body_a = g_strconcat ("tracked by the citizen ", stamp, NULL);
  g_autofree char *body_b = g_strconcat ("tracked by the staff member ", stamp, NULL);
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskCore) core = msk_core_new_for_paths (state, cache, MSK_CORE_NO_KEYRING, &error);
  g_autoptr(MskClient) client = NULL;
  const char *base = msk_portal_get_base_url (f->portal);
  MskTracker *tracker;
  MskAuth *auth;
  MskOutboxItem *item;
  guint n_a, n_b, a_in_a, b_in_a, a_in_b, b_in_b, a_again, b_again;

  g_assert_no_error (error);
  msk_http_set_timeout (msk_core_get_http (core), 2);
  msk_outbox_set_backoff (msk_core_get_outbox (core), 10, 200);
  auth = msk_core_get_auth (core);
  tracker = msk_core_get_tracker (core);
  client = msk_core_dup_client (core, f->portal);

  sign_in (auth, base, "citizen", "Citizen-Demo-2026");
  item = post (client, body_a);
  if (!msk_test_wait_sent (item))
    return;
  id_a = comment_id (item);
  sign_out (auth, base);

  sign_in (auth, base, "staff", "Staff-Demo-2026");
  item = post (client, body_b);
  if (!msk_test_wait_sent (item))
    return;
  id_b = comment_id (item);
  n_b = count_tracked (tracker, &b_in_b, id_b);
  count_tracked (tracker, &a_in_b, id_a);
  sign_out (auth, base);

  sign_in (auth, base, "citizen", "Citizen-Demo-2026");
  n_a = count_tracked (tracker, &a_in_a, id_a);
  count_tracked (tracker, &b_in_a, id_b);
  g_test_message ("the staff member's list: %u (theirs %u, the citizen's %u); the citizen's "
                  "list: %u (theirs %u, the staff member's %u)", n_b, b_in_b, a_in_b, n_a,
                  a_in_a, b_in_a);
  g_assert_cmpuint (b_in_b, ==, 1);
  g_assert_cmpuint (a_in_b, ==, 0);
  g_assert_cmpuint (a_in_a, ==, 1);
  g_assert_cmpuint (b_in_a, ==, 0);

  /* The app starts again on the same files, nobody signed in yet, then
   * the staff member signs in. */
  g_clear_object (&client);
  g_clear_object (&core);
  core = msk_core_new_for_paths (state, cache, MSK_CORE_NO_KEYRING, &error);
  g_assert_no_error (error);
  tracker = msk_core_get_tracker (core);
  auth = msk_core_get_auth (core);
  count_tracked (tracker, &a_again, id_a);
  count_tracked (tracker, &b_again, id_b);
  g_test_message ("after a restart, signed out: the citizen's %u, the staff member's %u",
                  a_again, b_again);
  g_assert_cmpuint (a_again + b_again, ==, 0);
  sign_in (auth, base, "staff", "Staff-Demo-2026");
  count_tracked (tracker, &a_again, id_a);
  count_tracked (tracker, &b_again, id_b);
  g_test_message ("then the staff member signed in: the citizen's %u, theirs %u", a_again,
                  b_again);
  g_assert_cmpuint (a_again, ==, 0);
  g_assert_cmpuint (b_again, ==, 1);
}

/* The end of a session on a public PC leaves nothing of the person in the
 * store: neither what they sent and follow, nor what they could not send
 * (counted for a warning), nor what they read. */
static void
test_public_pc_leaves_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskCore) core = msk_core_new (MSK_CORE_PUBLIC_PC, &error);
  g_autoptr(MskClient) client = NULL;
  g_autoptr(MskTopic) topic = NULL;
  g_autoptr(GListModel) comments = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *base = msk_portal_get_base_url (f->portal);
  const char *tables[] = { "outbox", "submissions", "cache" };
  gint64 before[G_N_ELEMENTS (tables)], after[G_N_ELEMENTS (tables)];
  MskStore *store;
  g_autofree char *warning = NULL;
  MskOutboxItem *sent, *unsent;
  guint n_unsent = 0;

  g_assert_no_error (error);
  store = msk_core_get_store (core);
  msk_http_set_timeout (msk_core_get_http (core), 2);
  msk_outbox_set_backoff (msk_core_get_outbox (core), 10, 200);
  client = msk_core_dup_client (core, f->portal);

  sign_in (msk_core_get_auth (core), base, "citizen", "Citizen-Demo-2026");
  topic = get_topic (client, 1, NULL);
  comments = msk_client_list_comments (client, 1);
  load_page (comments);
  sent = post (client, "تعليق أرسل من حاسب عام");
  if (!msk_test_wait_sent (sent))
    return;
  msk_test_proxy_set_upstream (f->proxy, "http://127.0.0.1:9");
  unsent = post (client, "تعليق لم يرسل من حاسب عام");
  if (!msk_test_wait_for (item_attempted, unsent, 30))
    return;
  msk_test_proxy_set_upstream (f->proxy, f->server->url);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    before[i] = msk_store_count_rows (store, tables[i]);

  msk_core_end_session_async (core, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_core_end_session_finish (core, result, &n_unsent, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    after[i] = msk_store_count_rows (store, tables[i]);
  g_test_message ("rows before the end of the session: %" G_GINT64_FORMAT " outbox, %"
                  G_GINT64_FORMAT " tracked, %" G_GINT64_FORMAT " cached; after: %"
                  G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "; %u not sent "
                  "reported; %u in the outbox list, %u in the tracking list", before[0],
                  before[1], before[2], after[0], after[1], after[2], n_unsent,
                  g_list_model_get_n_items (msk_outbox_get_items (msk_core_get_outbox (core))),
                  g_list_model_get_n_items (msk_tracker_get_submissions (
                    msk_core_get_tracker (core))));
  g_assert_cmpint (before[0], ==, 2);
  g_assert_cmpint (before[1], ==, 1);
  g_assert_cmpint (before[2], >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (after[i], ==, 0);
  g_assert_cmpuint (n_unsent, ==, 1);
  warning = msk_core_dup_unsent_warning (n_unsent);
  g_test_message ("the warning: %s", warning);
  g_assert_cmpstr (warning, ==, "1 submission was not sent and was deleted from this computer.");
  g_assert_cmpuint (g_list_model_get_n_items (msk_outbox_get_items (msk_core_get_outbox (core))),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (msk_tracker_get_submissions (
                      msk_core_get_tracker (core))), ==, 0);
}

/* A portal whose Open311 endpoint is another listener (another port, so
 * another origin): what goes there never carries the user's token, what
 * goes to the portal does. */
static void
test_open311_elsewhere_no_token (Fixture       *f,
                                 gconstpointer  data)
{
  MskTestProxy *elsewhere = msk_test_proxy_new (f->server->url);
  g_autofree char *endpoint = g_strconcat (msk_test_proxy_get_url (elsewhere), "/open311/v2",
                                           NULL);
  g_autoptr(MskPortal) portal = msk_portal_new ("Demo", msk_test_proxy_get_url (f->proxy),
                                                endpoint, API_KEY, TRUE);
  g_autoptr(MskClient) client = msk_client_new (f->http, f->store, f->outbox, f->auth, portal);
  g_autoptr(MskOpen311) open311 = msk_open311_new (client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) services = NULL;
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;
  MskOutboxItem *item;
  guint portal_authorized;

  g_assert_cmpstr (msk_open311_get_endpoint (open311), ==, endpoint);
  msk_open311_set_jurisdiction_id (open311, "alwaha.example");
  msk_open311_list_services_async (open311, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  services = msk_open311_list_services_finish (open311, result, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  item = msk_open311_file_request (open311, "water_leak", "تسرب مياه في الحديقة العامة",
                                   "حديقة الحي، الرياض", NAN, NAN, NULL, NULL, "Water leak",
                                   &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    goto out;
  tracking = msk_open311_dup_tracking_number (item);
  g_assert_nonnull (tracking);

  msk_open311_get_request_async (open311, tracking, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  request = msk_open311_get_request_finish (open311, result, NULL, &error);
  g_assert_no_error (error);

  /* For contrast: a write to the portal itself is signed. */
  portal_authorized = msk_test_proxy_get_n_authorized (f->proxy);
  item = msk_client_post_comment (client, 1, 0, "تعليق موقع على البوابة نفسها", NULL, &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    goto out;

  g_test_message ("Open311 listener: %u requests, %u with Authorization; portal: %u more signed",
                  msk_test_proxy_get_n_requests (elsewhere),
                  msk_test_proxy_get_n_authorized (elsewhere),
                  msk_test_proxy_get_n_authorized (f->proxy) - portal_authorized);
  /* its discovery, the services, the request filed, the request read */
  g_assert_cmpuint (msk_test_proxy_get_n_requests (elsewhere), ==, 4);
  g_assert_cmpuint (msk_test_proxy_get_n_authorized (elsewhere), ==, 0);
  g_assert_cmpuint (msk_test_proxy_get_n_authorized (f->proxy) - portal_authorized, ==, 1);

out:
  msk_test_proxy_free (elsewhere);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n++;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_entries (child);
    }
  return n;
}

static void
list_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_test_message ("left behind: %s", child);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_entries (child);
    }
}

static void
test_public_pc (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskCore) core = NULL;
  g_autoptr(MskPortal) portal = NULL;
  g_autoptr(MskClient) client = NULL;
  g_autoptr(MskTopic) topic = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskPortal) added = NULL;
  const char *dirs[] = {
    g_get_home_dir (), g_get_user_data_dir (), g_get_user_cache_dir (), g_get_user_config_dir (),
    g_get_user_state_dir (), g_get_user_runtime_dir (),
  };
  guint before = count_entries (home_dir);
  GListModel *submissions;
  MskOutboxItem *item;

  /* The test program moved HOME and the XDG dirs under one empty folder. */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    g_assert_true (g_str_has_prefix (dirs[i], home_dir));

  core = msk_core_new (MSK_CORE_PUBLIC_PC, &error);
  g_assert_no_error (error);
  g_assert_true (msk_core_get_public_pc (core));
  g_assert_true (msk_store_is_in_memory (msk_core_get_store (core)));
  g_assert_false (msk_auth_get_uses_keyring (msk_core_get_auth (core)));
  msk_http_set_timeout (msk_core_get_http (core), 2);

  msk_portal_list_add_by_url_async (msk_core_get_portals (core), f->server->url, NULL,
                                    msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  added = msk_portal_list_add_by_url_finish (msk_core_get_portals (core), result, &error);
  g_assert_no_error (error);
  g_test_message ("portal named %s", msk_portal_get_name (added));
  g_clear_object (&result);

  msk_auth_sign_in_async (msk_core_get_auth (core), msk_portal_get_base_url (added), "citizen",
                          "Citizen-Demo-2026", NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_in_finish (msk_core_get_auth (core), result, &error));
  g_assert_no_error (error);

  client = msk_core_dup_client (core, added);
  topic = get_topic (client, 1, NULL);
  item = msk_client_post_comment (client, 1, 0, "تعليق من حاسب عام", NULL, &error);
  g_assert_no_error (error);
  if (!msk_test_wait_sent (item))
    return;
  submissions = msk_tracker_get_submissions (msk_core_get_tracker (core));
  g_assert_cmpuint (g_list_model_get_n_items (submissions), ==, 1);

  g_clear_object (&client);
  g_clear_object (&core);
  if (count_entries (home_dir) != before)
    list_entries (home_dir);
  g_assert_cmpuint (count_entries (home_dir), ==, before);

  /* For contrast, the usual mode does write its databases there. */
  core = msk_core_new (MSK_CORE_NO_KEYRING, &error);
  g_assert_no_error (error);
  g_clear_object (&core);
  g_assert_cmpuint (count_entries (home_dir), >, before);
}

static void
restore (MskAuth    *auth,
         const char *portal,
         const char *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  msk_auth_restore_async (auth, portal, secret, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_restore_finish (auth, result, &error));
  g_assert_no_error (error);
}

/* What the keyring keeps: the sign-in as a token and its account, read
 * back without asking the portal; the bare token an older version kept is
 * a sign-in once the portal named its account; one the portal no longer
 * takes is none. */
static void
test_restore_sign_in (Fixture       *f,
                      gconstpointer  data)
{
  const char *base = msk_portal_get_base_url (f->portal);
  g_autoptr(MskAuth) legacy = msk_auth_new (f->http, FALSE);
  g_autoptr(MskAuth) current = msk_auth_new (f->http, FALSE);
  g_autoptr(MskAuth) dead = msk_auth_new (f->http, FALSE);
  g_autofree char *secret = msk_auth_dup_secret (f->auth, base);
  g_autofree char *user = NULL;
  g_autofree char *token = NULL;
  g_autofree char *name = NULL;
  g_autofree char *upgraded = NULL;
  g_autofree char *expired = msk_test_sign_in (f->server->url, "citizen", "Citizen-Demo-2026",
                                               NULL);
  guint requests;

  g_test_message ("kept in the keyring: %s", secret);
  g_assert_true (g_str_has_prefix (secret, "{"));

  /* A bare token: the portal says whose it is. */
  requests = msk_test_proxy_get_n_requests (f->proxy);
  restore (legacy, base, f->token);
  user = msk_auth_dup_user (legacy, base);
  token = msk_auth_dup_token (legacy, base);
  name = msk_auth_dup_display_name (legacy, base);
  upgraded = msk_auth_dup_secret (legacy, base);
  g_test_message ("a bare token: account %s (%s), %u request", user, name,
                  msk_test_proxy_get_n_requests (f->proxy) - requests);
  g_assert_cmpstr (user, ==, f->user);
  g_assert_cmpstr (token, ==, f->token);
  g_assert_cmpstr (name, ==, "مريم أحمد");
  g_assert_cmpuint (msk_test_proxy_get_n_requests (f->proxy) - requests, ==, 1);

  /* What the keyring keeps now: no request. */
  requests = msk_test_proxy_get_n_requests (f->proxy);
  restore (current, base, upgraded);
  g_clear_pointer (&user, g_free);
  user = msk_auth_dup_user (current, base);
  g_assert_cmpstr (user, ==, f->user);
  g_assert_cmpuint (msk_test_proxy_get_n_requests (f->proxy) - requests, ==, 0);
  g_assert_true (msk_auth_is_loaded (current, base));

  /* A token that no longer works is no sign-in. */
  expire_token (f, expired);
  restore (dead, base, expired);
  g_clear_pointer (&token, g_free);
  token = msk_auth_dup_token (dead, base);
  g_assert_null (token);
  g_assert_true (msk_auth_is_loaded (dead, base));
}

/* Sign-in with the keyring asked for, where no Secret Service runs: the
 * token is kept in memory, and nothing warns. */
static void
test_sign_in_without_keyring (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MskAuth) auth = msk_auth_new (f->http, TRUE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *name = NULL;

  g_assert_true (msk_auth_get_uses_keyring (auth));
  msk_auth_sign_in_async (auth, f->server->url, "citizen", "Citizen-Demo-2026", NULL,
                          msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_in_finish (auth, result, &error));
  g_assert_no_error (error);
  token = msk_auth_dup_token (auth, f->server->url);
  name = msk_auth_dup_display_name (auth, f->server->url);
  g_assert_nonnull (token);
  g_assert_cmpstr (name, ==, "مريم أحمد");
  g_clear_object (&result);

  msk_auth_load_async (auth, f->server->url, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_load_finish (auth, result, &error));
  g_clear_object (&result);

  /* A wrong password is refused with the portal's words. */
  msk_auth_sign_in_async (auth, f->server->url, "citizen", "wrong", NULL, msk_test_result_cb,
                          NULL);
  result = msk_test_wait_result ();
  g_assert_false (msk_auth_sign_in_finish (auth, result, &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_UNAUTHORIZED);
  g_test_message ("wrong password: %s", error->message);
  g_clear_error (&error);
  g_clear_object (&result);

  msk_auth_sign_out_async (auth, f->server->url, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_out_finish (auth, result, &error));
  g_clear_pointer (&token, g_free);
  token = msk_auth_dup_token (auth, f->server->url);
  g_assert_null (token);
}

/* The portal refuses a URL that does not answer like a portal. */
static void
test_add_portal (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPortalList) portals = msk_portal_list_new (f->store, f->http);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MskPortal) portal = NULL;
  g_autofree char *wrong = g_strdup_printf ("%s/v1/topics/1", f->server->url);
  g_autofree char *nothing = g_strdup_printf ("%s/nothing", f->server->url);

  msk_portal_list_add_by_url_async (portals, wrong, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  portal = msk_portal_list_add_by_url_finish (portals, result, &error);
  g_assert_null (portal);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A 404 under the address is "not a portal", not "no longer available". */
  msk_portal_list_add_by_url_async (portals, nothing, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  portal = msk_portal_list_add_by_url_finish (portals, result, &error);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (portals)), ==, 0);
  g_clear_error (&error);
  g_clear_object (&result);

  msk_portal_list_add_by_url_async (portals, "http://portal.example.sa", NULL,
                                    msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  portal = msk_portal_list_add_by_url_finish (portals, result, &error);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INSECURE);
  g_clear_error (&error);
  g_clear_object (&result);

  msk_portal_list_add_by_url_async (portals, f->server->url, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  portal = msk_portal_list_add_by_url_finish (portals, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (portals)), ==, 1);

  /* Saved in the store. */
  g_clear_object (&portals);
  portals = msk_portal_list_new (f->store, f->http);
  g_assert_true (msk_portal_list_load (portals, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (portals)), ==, 1);

  /* Renamed, and the name is saved; a blank name is refused. */
  g_clear_object (&portal);
  portal = g_list_model_get_item (G_LIST_MODEL (portals), 0);
  g_assert_false (msk_portal_list_rename (portals, portal, "  ", &error));
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (msk_portal_list_rename (portals, portal, " My city ", &error));
  g_assert_no_error (error);
  g_clear_object (&portal);
  g_clear_object (&portals);
  portals = msk_portal_list_new (f->store, f->http);
  g_assert_true (msk_portal_list_load (portals, &error));
  portal = g_list_model_get_item (G_LIST_MODEL (portals), 0);
  g_assert_cmpstr (msk_portal_get_name (portal), ==, "My city");
}

static MskReport *
get_report (MskClient    *client,
            gint64        entity_id,
            MskFreshness *freshness,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_client_get_entity_report_async (client, entity_id, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_client_get_entity_report_finish (client, result, freshness, error);
}

/* The results a portal publishes: outcomes across topics, and each body's
 * report of twelve months; offline, the report read before. */
static void
test_results (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) outcomes = msk_client_list_outcomes (f->client, 0);
  g_autoptr(GListModel) entities = msk_client_list_entities (f->client);
  g_autoptr(GHashTable) topics = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        NULL);
  g_autoptr(MskReport) first = NULL;
  gint64 contributions = 0;
  gint64 first_entity = 0;
  guint n_entities;

  load_page (outcomes);
  load_all (outcomes);
  g_assert_cmpuint (g_list_model_get_n_items (outcomes), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (outcomes); i++)
    {
      g_autoptr(MskOutcome) outcome = g_list_model_get_item (outcomes, i);

      g_assert_nonnull (msk_outcome_get_decision (outcome));
      g_assert_nonnull (msk_outcome_get_topic_title (outcome));
      g_assert_cmpint (msk_outcome_get_progress (outcome), >=, 0);
      g_assert_cmpint (msk_outcome_get_progress (outcome), <=, 100);
      g_hash_table_add (topics, g_memdup2 (&(gint64) { msk_outcome_get_topic_id (outcome) },
                                           sizeof (gint64)));
    }
  /* Across topics, not those of one. */
  g_assert_cmpuint (g_hash_table_size (topics), >=, 2);

  load_page (entities);
  load_all (entities);
  n_entities = g_list_model_get_n_items (entities);
  g_assert_cmpuint (n_entities, >=, 1);
  for (guint i = 0; i < n_entities; i++)
    {
      g_autoptr(MskEntity) entity = g_list_model_get_item (entities, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(MskReport) report = get_report (f->client, msk_entity_get_id (entity), NULL,
                                                &error);
      GListModel *months;

      g_assert_no_error (error);
      g_assert_cmpint (msk_report_get_entity_id (report), ==, msk_entity_get_id (entity));
      months = msk_report_get_months (report);
      g_assert_cmpuint (g_list_model_get_n_items (months), ==, 12);
      for (guint m = 0; m < 12; m++)
        {
          g_autoptr(MskReportMonth) month = g_list_model_get_item (months, m);
          double share = msk_report_month_get_answered_share (month);

          if (m == 0)
            g_assert_cmpstr (msk_report_month_get_month (month), ==, msk_report_get_from (report));
          if (m == 11)
            g_assert_cmpstr (msk_report_month_get_month (month), ==, msk_report_get_to (report));
          g_assert_true (share < 0 || (share >= 0 && share <= 1));
          g_assert_cmpint (msk_report_month_get_requests (month), <=,
                           msk_report_month_get_contributions (month));
          /* No share without requests to answer. */
          if (msk_report_month_get_requests (month) == 0)
            g_assert_cmpfloat (share, <, 0);
          contributions += msk_report_month_get_contributions (month);
        }
      if (i == 0)
        first_entity = msk_entity_get_id (entity);
    }
  /* The practice portal has people taking part. */
  g_assert_cmpint (contributions, >, 0);

  /* A body that does not exist. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MskReport) none = get_report (f->client, 999999, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, MSK_ERROR, MSK_ERROR_NOT_FOUND);
  }

  /* Offline: the report read before, saying so. */
  {
    g_autoptr(GError) error = NULL;
    MskFreshness freshness;

    first = get_report (f->client, first_entity, &freshness, &error);
    g_assert_no_error (error);
    msk_test_server_stop (g_steal_pointer (&f->server));
    g_clear_object (&first);
    first = get_report (f->client, first_entity, &freshness, &error);
    g_assert_no_error (error);
    g_assert_true (freshness.offline);
    g_assert_cmpuint (g_list_model_get_n_items (msk_report_get_months (first)), ==, 12);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *subdirs[] = { "data", "cache", "config", "state", "runtime" };
  int result;

  /* Before anything reads them: HOME and the XDG dirs in one empty folder. */
  home_dir = msk_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (home_dir, subdirs[i], NULL);
      g_mkdir (path, 0700);
    }
  g_setenv ("HOME", home_dir, TRUE);
  /* No Secret Service here, whatever the machine runs. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  {
    static const char *const vars[] = {
      "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
    };

    for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
      {
        g_autofree char *path = g_build_filename (home_dir, subdirs[i], NULL);
        g_setenv (vars[i], path, TRUE);
      }
  }

  msk_test_set_programs (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  if (msk_test_get_server_path () == NULL)
    {
      g_printerr ("usage: %s --server PATH [--driver PATH]\n", argv[0]);
      return 77;
    }

#define ADD(path, func) \
  g_test_add ("/core/server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("browse", test_browse);
  ADD ("results", test_results);
  ADD ("revalidate-offline", test_revalidate_and_offline);
  ADD ("search-offline", test_search_offline);
  ADD ("vote", test_vote);
  ADD ("survey", test_survey);
  ADD ("survey-field-errors", test_survey_field_errors);
  ADD ("comment-pending", test_comment_pending);
  ADD ("ideas", test_ideas);
  ADD ("moderation-queue", test_moderation_queue);
  ADD ("export", test_export);
  ADD ("feedback", test_feedback);
  ADD ("complaint-tracking", test_complaint_tracking);
  ADD ("complaint-tracking-xml", test_complaint_tracking_xml);
  ADD ("complaint-contact-multivalue", test_complaint_contact_multivalue);
  ADD ("staff-request-status", test_staff_request_status);
  ADD ("assisted-session", test_assisted_session);
  ADD ("follow-elsewhere", test_follow_elsewhere);
  ADD ("open311-elsewhere-no-token", test_open311_elsewhere_no_token);
  ADD ("add-portal", test_add_portal);
  ADD ("sign-in-without-keyring", test_sign_in_without_keyring);
  ADD ("create-account", test_create_account);
  ADD ("server-stopped", test_server_stopped);
  ADD ("sigkill", test_sigkill);
  ADD ("restart-waits-for-sign-in", test_restart_waits_for_sign_in);
  ADD ("random-faults", test_random_faults);
  ADD ("public-pc", test_public_pc);
  ADD ("public-pc-revokes", test_public_pc_revokes);
  ADD ("cache-per-user", test_cache_per_user);
  ADD ("cache-survives-sign-in-again", test_cache_survives_sign_in_again);
  ADD ("restore-sign-in", test_restore_sign_in);
  ADD ("outbox-per-user", test_outbox_per_user);
  ADD ("outbox-portal-back", test_outbox_portal_back);
  ADD ("tracker-per-user", test_tracker_per_user);
  ADD ("public-pc-leaves-nothing", test_public_pc_leaves_nothing);
#undef ADD

  result = g_test_run ();
  msk_test_rm_rf (home_dir);
  g_free (home_dir);
  return result;
}
