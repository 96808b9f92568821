/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The client against the real musharaka-server on loopback, through a
 * fault-injecting proxy when a test needs faults. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
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
  msk_test_outbox_use_auth (f->outbox, f->auth);
  f->tracker = msk_tracker_new (f->store, f->outbox);
  f->portal = msk_portal_new ("Demo", msk_test_proxy_get_url (f->proxy), NULL, API_KEY, TRUE);
  f->client = msk_client_new (f->http, f->store, f->outbox, f->auth, f->portal);

  f->token = msk_test_sign_in (f->server->url, "citizen", "Citizen-Demo-2026");
  msk_auth_set_token (f->auth, msk_portal_get_base_url (f->portal), f->token);
  g_assert_true (msk_outbox_start (f->outbox, &error));
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

static gboolean
item_done (gpointer user_data)
{
  MskOutboxState state = msk_outbox_item_get_state (MSK_OUTBOX_ITEM (user_data));

  return state != MSK_OUTBOX_STATE_QUEUED && state != MSK_OUTBOX_STATE_SENDING;
}

/* Whether @item was sent within 60 s; otherwise the test failed. */
static gboolean
wait_sent (MskOutboxItem *item)
{
  g_autofree char *message = NULL;

  if (!msk_test_wait_for (item_done, item, 60))
    return FALSE;
  if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_SENT)
    return TRUE;
  message = msk_outbox_item_dup_message (item);
  g_test_fail_printf ("Item not sent: %s", message);
  return FALSE;
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
  if (!wait_sent (item))
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
  if (!wait_sent (item))
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

static void moderate (Fixture    *f,
                      const char *token,
                      gint64      comment_id,
                      const char *decision,
                      const char *reason);
static guint refresh (Fixture *f);

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
  if (!wait_sent (item))
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
                                                   "Moderator-Demo-2026");
    g_autoptr(GObject) second = NULL;
    MskOutboxItem *other;
    MskSubmission *rejected;

    g_assert_nonnull (submission);
    g_assert_cmpstr (msk_submission_get_status (submission), ==, "pending");
    g_assert_cmpuint (refresh (f), ==, 0);

    moderate (f, moderator, msk_comment_get_id (MSK_COMMENT (comment)), "publish", NULL);
    g_assert_cmpuint (refresh (f), ==, 1);
    g_assert_cmpstr (msk_submission_get_status (submission), ==, "published");

    other = msk_client_post_comment (f->client, 1, 0, "تعليق آخر خارج الموضوع", "Parks", &error);
    g_assert_no_error (error);
    if (!wait_sent (other))
      return;
    second = msk_client_parse_item_result (f->client, other, &error);
    g_assert_no_error (error);
    moderate (f, moderator, msk_comment_get_id (MSK_COMMENT (second)), "reject",
              "Off topic");
    g_assert_cmpuint (refresh (f), ==, 1);
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
          if (!wait_sent (item))
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
  if (!wait_sent (item))
    return;
  idea = msk_client_parse_item_result (f->client, item, &error);
  g_assert_no_error (error);
  g_assert_true (MSK_IS_IDEA (idea));

  support = msk_client_support_idea (f->client, msk_idea_get_id (MSK_IDEA (idea)), NULL, &error);
  g_assert_no_error (error);
  if (!wait_sent (support))
    return;
}

typedef struct
{
  guint  changes;
  char  *last_status;
} Changes;

static void
status_changed_cb (MskTracker    *tracker,
                   MskSubmission *submission,
                   const char    *old_status,
                   Changes       *changes)
{
  changes->changes++;
  g_free (changes->last_status);
  changes->last_status = g_strdup (msk_submission_get_status (submission));
  g_test_message ("status %s → %s (%s)", old_status, changes->last_status,
                  msk_submission_get_status_label (submission));
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

static guint
refresh (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  msk_tracker_refresh_async (f->tracker, f->client, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_tracker_refresh_finish (f->tracker, result, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_complaint_tracking (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *staff = NULL;
  g_autoptr(MskSubmission) submission = NULL;
  Changes changes = { 0, NULL };
  static const char *const moves[] = { "RECEIVED", "IN_PROCESS", "PROCESSED" };
  MskOutboxItem *item;
  guint start;

  msk_open311_list_services_async (open311, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  services = msk_open311_list_services_finish (open311, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (services), >=, 5);

  item = msk_open311_file_request (open311, "water_leak", "تسرب مياه أمام المنزل منذ يومين",
                                   "شارع الملك فهد، الرياض", NAN, NAN, NULL, "Water leak",
                                   &error);
  g_assert_no_error (error);
  if (!wait_sent (item))
    return;
  tracking = msk_open311_dup_tracking_number (item);
  g_assert_nonnull (tracking);
  g_test_message ("tracking number %s", tracking);

  submission = g_object_ref (msk_tracker_find (f->tracker, "complaint", tracking));
  g_assert_cmpstr (msk_submission_get_status (submission), ==, "PENDING");
  g_signal_connect (f->tracker, "status-changed", G_CALLBACK (status_changed_cb), &changes);

  /* The portal may acknowledge the request by itself (RECEIVED). */
  start = refresh (f);
  g_assert_cmpuint (start, <=, 1);
  g_assert_cmpuint (changes.changes, ==, start);
  if (start == 1)
    g_assert_cmpstr (msk_submission_get_status (submission), ==, "RECEIVED");

  staff = msk_test_sign_in (f->server->url, "staff", "Staff-Demo-2026");
  for (guint i = start; i < G_N_ELEMENTS (moves); i++)
    {
      staff_move (f, staff, tracking, moves[i]);
      g_assert_cmpuint (refresh (f), ==, 1);
      g_assert_cmpuint (changes.changes, ==, i + 1);
      g_assert_cmpstr (changes.last_status, ==, moves[i]);
      g_assert_cmpstr (msk_submission_get_status (submission), ==, moves[i]);
    }
  g_assert_cmpstr (msk_submission_get_status_text (submission), ==, "PROCESSED by staff");
  /* Closed: not asked again. */
  g_assert_cmpuint (refresh (f), ==, 0);

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
                                        cache, msk_test_proxy_get_url (f->proxy), f->token, "1",
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
  if (!wait_sent (item))
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

  msk_portal_list_add_by_url_async (portals, wrong, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  portal = msk_portal_list_add_by_url_finish (portals, result, &error);
  g_assert_null (portal);
  g_assert_nonnull (error);
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
  ADD ("vote", test_vote);
  ADD ("survey", test_survey);
  ADD ("comment-pending", test_comment_pending);
  ADD ("ideas", test_ideas);
  ADD ("complaint-tracking", test_complaint_tracking);
  ADD ("add-portal", test_add_portal);
  ADD ("sign-in-without-keyring", test_sign_in_without_keyring);
  ADD ("server-stopped", test_server_stopped);
  ADD ("sigkill", test_sigkill);
  ADD ("random-faults", test_random_faults);
  ADD ("public-pc", test_public_pc);
#undef ADD

  result = g_test_run ();
  msk_test_rm_rf (home_dir);
  g_free (home_dir);
  return result;
}
