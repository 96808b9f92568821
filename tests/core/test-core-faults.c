/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Faults on the wire, against an in-process portal behind a fault-injecting
 * proxy: real HTTP on loopback both ways. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "msk-client.h"
#include "msk-error.h"
#include "msk-open311.h"
#include "msk-test-proxy.h"
#include "msk-test-util.h"

static const char topic_json[] =
  "{\"id\": 1, \"entity_id\": 1, \"kind\": \"consultation\", \"status\": \"open\","
  " \"title\": {\"ar\": \"موضوع\", \"en\": \"Topic\"},"
  " \"title_text\": {\"ar\": \"موضوع\", \"en\": \"Topic\"},"
  " \"summary\": {\"ar\": \"ملخص\", \"en\": \"Summary\"},"
  " \"summary_text\": {\"ar\": \"ملخص\", \"en\": \"Summary\"}, \"images\": [],"
  " \"opens_at\": \"2026-11-01T08:00:00+04:00\", \"closes_at\": \"2026-12-01T08:00:00+04:00\","
  " \"feedback_due\": \"2026-12-31T08:00:00+04:00\", \"results_published_at\": null,"
  " \"comment_count\": 0, \"updated_at\": \"2026-11-01T08:00:00+04:00\","
  " \"body\": {\"ar\": \"نص\", \"en\": \"Body\"},"
  " \"body_text\": {\"ar\": \"نص\", \"en\": \"Body\"},"
  " \"speech\": {\"ar\": \"مَوْضُوع\", \"en\": \"Topic\"}}";

typedef struct
{
  SoupServer   *upstream;
  char         *upstream_url;
  MskTestProxy *proxy;
  GHashTable   *replies;     /* Idempotency-Key → stored reply */
  GHashTable   *bodies;      /* comment body → times stored */
  guint         next_id;
  guint         n_posts;
  gint64        post_times[8];
  guint         n_open311_busy;  /* Open311 posts to answer "too many requests" */
  guint         n_open311_posts;
  char         *accept_language;
  char         *user_agent;
  MskHttp      *http;
  MskStore     *store;
  MskOutbox    *outbox;
  MskAuth      *auth;
  MskPortal    *portal;
  MskClient    *client;
} Fixture;

/* The upstream portal: a topic with an ETag, and comments stored once per
 * Idempotency-Key (like the real server). */
static void
upstream_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/topics/1"))
    {
      g_free (f->accept_language);
      g_free (f->user_agent);
      f->accept_language = g_strdup (soup_message_headers_get_one (in, "Accept-Language"));
      f->user_agent = g_strdup (soup_message_headers_get_one (in, "User-Agent"));
      if (g_strcmp0 (soup_message_headers_get_one (in, "If-None-Match"), "\"t1\"") == 0)
        {
          soup_server_message_set_status (msg, 304, NULL);
          soup_message_headers_replace (out, "ETag", "\"t1\"");
          return;
        }
      soup_message_headers_replace (out, "ETag", "\"t1\"");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        topic_json, strlen (topic_json));
      return;
    }

  if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/topics/1/comments"))
    {
      const char *key = soup_message_headers_get_one (in, "Idempotency-Key");
      const char *reply = key != NULL ? g_hash_table_lookup (f->replies, key) : NULL;
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      if (f->n_posts < G_N_ELEMENTS (f->post_times))
        f->post_times[f->n_posts] = g_get_monotonic_time ();
      f->n_posts++;

      if (reply == NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
          const char *text;
          char *stored;

          g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                     g_bytes_get_size (bytes), NULL));
          JsonObject *object = json_node_get_object (json_parser_get_root (parser));

          text = json_object_get_string_member (object, "body");
          g_hash_table_replace (f->bodies, g_strdup (text),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (f->bodies,
                                                                                         text))
                                                  + 1));
          stored = g_strdup_printf ("{\"id\": %u, \"topic_id\": 1, \"parent_id\": null,"
                                    " \"depth\": 0, \"author\": {\"display_name\": \"Test\"},"
                                    " \"body\": \"%s\", \"status\": \"pending\","
                                    " \"reject_reason\": null,"
                                    " \"created_at\": \"2026-11-01T08:00:00+04:00\","
                                    " \"mine\": true}", ++f->next_id, text);
          if (key != NULL)
            g_hash_table_replace (f->replies, g_strdup (key), stored);
          reply = stored;
        }
      soup_server_message_set_status (msg, 201, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, reply,
                                        strlen (reply));
      return;
    }

  if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/topics/2/comments"))
    {
      const char *problem = "{\"type\": \"urn:musharaka:problem:topic-not-open\","
                            " \"code\": \"topic-not-open\", \"status\": 409,"
                            " \"title\": \"This topic is closed\","
                            " \"detail\": \"Comments closed on 1 November.\"}";

      f->n_posts++;
      soup_server_message_set_status (msg, 409, NULL);
      soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_STATIC,
                                        problem, strlen (problem));
      return;
    }

  /* Open311 knows no 429: too many requests is a 400 with Retry-After. */
  if (g_str_equal (method, "GET") && g_str_equal (path, "/open311/v2/services.json"))
    {
      static const char services[] = "[{\"service_code\":\"potholes\",\"service_name\":"
                                     "\"Potholes\",\"description\":\"\",\"metadata\":true,"
                                     "\"type\":\"realtime\",\"keywords\":\"\","
                                     "\"group\":\"roads\"}]";
      static const char busy[] = "[{\"code\":400,\"description\":\"Too many requests\"}]";
      gboolean limited = f->n_open311_busy > 0;

      if (limited)
        {
          f->n_open311_busy--;
          soup_message_headers_replace (out, "Retry-After", "1");
        }
      soup_server_message_set_status (msg, limited ? 400 : 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        limited ? busy : services,
                                        strlen (limited ? busy : services));
      return;
    }
  if (g_str_equal (method, "POST") && g_str_equal (path, "/open311/v2/requests.json"))
    {
      static const char busy[] = "[{\"code\":400,\"description\":"
                                 "\"Too many requests; please try again shortly\"}]";
      static const char refused[] = "[{\"code\":400,\"description\":"
                                    "\"attribute[size] is required\"}]";
      static const char created[] = "[{\"service_request_id\":\"MSK-000042\","
                                    "\"service_notice\":null,\"account_id\":null}]";
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *form = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      const char *reply = created;

      f->n_open311_posts++;
      if (f->n_open311_busy > 0)
        {
          f->n_open311_busy--;
          soup_message_headers_replace (out, "Retry-After", "1");
          reply = busy;
        }
      else if (strstr (form, "attribute") == NULL)
        reply = refused;
      soup_server_message_set_status (msg, reply == created ? 201 : 400, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, reply,
                                        strlen (reply));
      return;
    }

  soup_server_message_set_status (msg, 404, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->upstream = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->upstream, NULL, upstream_handler, f, NULL);
  f->upstream_url = msk_test_listen_local (f->upstream);
  f->proxy = msk_test_proxy_new (f->upstream_url);

  f->http = msk_http_new ();
  msk_http_set_timeout (f->http, 1);
  msk_http_set_language (f->http, "en");
  f->store = msk_store_new_in_memory (&error);
  g_assert_no_error (error);
  f->outbox = msk_outbox_new (f->store, f->http);
  msk_outbox_set_backoff (f->outbox, 10, 100);
  f->auth = msk_auth_new (f->http, FALSE);
  f->portal = msk_portal_new ("Test", msk_test_proxy_get_url (f->proxy), NULL, NULL, FALSE);
  f->client = msk_client_new (f->http, f->store, f->outbox, f->auth, f->portal);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  msk_outbox_stop (f->outbox);
  g_clear_object (&f->client);
  g_clear_object (&f->portal);
  g_clear_object (&f->auth);
  g_clear_object (&f->outbox);
  g_clear_object (&f->store);
  g_clear_object (&f->http);
  msk_test_proxy_free (f->proxy);
  soup_server_disconnect (f->upstream);
  g_clear_object (&f->upstream);
  g_free (f->upstream_url);
  g_hash_table_unref (f->replies);
  g_hash_table_unref (f->bodies);
  g_free (f->accept_language);
  g_free (f->user_agent);
  /* Let the closed connections finish, for a second at most. */
  {
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
      ;
  }
}

static MskTopic *
get_topic (Fixture       *f,
           MskFreshness  *freshness,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  msk_client_get_topic_async (f->client, 1, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  return msk_client_get_topic_finish (f->client, result, freshness, error);
}

typedef struct
{
  MskFault fault;
  int      codes[2];   /* accepted MskError codes */
} ReadCase;

static const ReadCase read_cases[] = {
  { MSK_FAULT_500, { MSK_ERROR_SERVER, MSK_ERROR_SERVER } },
  { MSK_FAULT_503, { MSK_ERROR_SERVER, MSK_ERROR_SERVER } },
  { MSK_FAULT_429, { MSK_ERROR_BUSY, MSK_ERROR_BUSY } },
  { MSK_FAULT_HANG, { MSK_ERROR_TIMEOUT, MSK_ERROR_TIMEOUT } },
  { MSK_FAULT_TRUNCATED, { MSK_ERROR_INVALID_DATA, MSK_ERROR_OFFLINE } },
  { MSK_FAULT_MALFORMED, { MSK_ERROR_INVALID_DATA, MSK_ERROR_INVALID_DATA } },
  { MSK_FAULT_HUGE, { MSK_ERROR_TOO_LARGE, MSK_ERROR_TOO_LARGE } },
  { MSK_FAULT_HUGE_CHUNKED, { MSK_ERROR_TOO_LARGE, MSK_ERROR_TOO_LARGE } },
  { MSK_FAULT_WRONG_TYPES, { MSK_ERROR_INVALID_DATA, MSK_ERROR_INVALID_DATA } },
  { MSK_FAULT_RESET, { MSK_ERROR_OFFLINE, MSK_ERROR_INVALID_DATA } },
  { MSK_FAULT_DEEP, { MSK_ERROR_TOO_LARGE, MSK_ERROR_TOO_LARGE } },
};

/* Without a cache every fault is a clear error. */
static void
test_read_faults (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MskTopic) topic = NULL;

      g_assert_true (msk_store_cache_clear (f->store, NULL));
      msk_test_proxy_queue_fault (f->proxy, read_cases[i].fault, FALSE);
      topic = get_topic (f, NULL, &error);
      g_test_message ("%s: %s", msk_test_fault_name (read_cases[i].fault),
                      error != NULL ? error->message : "no error");
      /* libsoup sends a GET again by itself when a kept-alive connection
       * closes without an answer. */
      if (read_cases[i].fault == MSK_FAULT_RESET && topic != NULL)
        continue;
      g_assert_null (topic);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MSK_ERROR);
      g_assert_true (error->code == read_cases[i].codes[0]
                     || error->code == read_cases[i].codes[1]);
      g_assert_cmpstr (error->message, !=, "");
      msk_test_proxy_release_held (f->proxy);
    }

  /* And the client still works after all of them. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MskTopic) topic = get_topic (f, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (msk_topic_get_title_text (topic), ==, "Topic");
  }

  /* The session names the app and asks for the UI language. */
  g_assert_cmpstr (f->accept_language, ==, "en, ar;q=0.5");
  g_assert_true (g_str_has_prefix (f->user_agent, "Musharaka/"));
  msk_http_set_language (f->http, "ar");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MskTopic) topic = get_topic (f, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (f->accept_language, ==, "ar, en;q=0.5");
    g_assert_cmpstr (msk_topic_get_title_text (topic), ==, "موضوع");
  }
}

/* With a cache, revalidation answers 304 and the content comes from the
 * cache; when the portal fails, the cache answers with its date. */
static void
test_cache_revalidate_and_offline (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskTopic) topic = NULL;
  MskFreshness freshness;
  gint64 first_fetch;

  topic = get_topic (f, &freshness, &error);
  g_assert_no_error (error);
  g_assert_false (freshness.from_cache);
  first_fetch = freshness.fetched_at;
  g_assert_cmpint (first_fetch, >, 0);
  g_clear_object (&topic);

  topic = get_topic (f, &freshness, &error);
  g_assert_no_error (error);
  g_assert_true (freshness.from_cache);
  g_assert_true (freshness.revalidated);
  g_assert_false (freshness.offline);
  g_assert_cmpstr (msk_topic_get_title_text (topic), ==, "Topic");
  g_clear_object (&topic);

  for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
    {
      MskFault fault = read_cases[i].fault;

      msk_test_proxy_queue_fault (f->proxy, fault, FALSE);
      topic = get_topic (f, &freshness, &error);
      g_test_message ("cached, %s: %s", msk_test_fault_name (fault),
                      error != NULL ? error->message : "from the cache");
      if (fault == MSK_FAULT_WRONG_TYPES || fault == MSK_FAULT_MALFORMED
          || fault == MSK_FAULT_HUGE || fault == MSK_FAULT_HUGE_CHUNKED || fault == MSK_FAULT_DEEP)
        {
          /* A 200 the app cannot read: the cache still answers, it is only offline-ish. */
          if (topic == NULL)
            {
              g_assert_error (error, MSK_ERROR, read_cases[i].codes[0]);
              g_clear_error (&error);
              continue;
            }
        }
      g_assert_no_error (error);
      g_assert_nonnull (topic);
      if (fault == MSK_FAULT_RESET)
        {
          /* libsoup may have sent it again by itself on a new connection. */
          g_clear_object (&topic);
          continue;
        }
      g_assert_true (freshness.from_cache);
      g_assert_true (freshness.offline);
      g_assert_cmpint (freshness.fetched_at, >=, first_fetch);
      g_assert_cmpstr (msk_topic_get_title_text (topic), ==, "Topic");
      g_clear_object (&topic);
      msk_test_proxy_release_held (f->proxy);
    }

  /* The portal is gone altogether. */
  msk_test_proxy_set_upstream (f->proxy, "http://127.0.0.1:9");
  topic = get_topic (f, &freshness, &error);
  g_assert_no_error (error);
  g_assert_true (freshness.offline);
}

static gboolean
all_sent (gpointer user_data)
{
  Fixture *f = user_data;
  GListModel *items = msk_outbox_get_items (f->outbox);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (items, i);

      if (msk_outbox_item_get_state (item) != MSK_OUTBOX_STATE_SENT)
        return FALSE;
    }
  return TRUE;
}

static void
assert_each_stored_once (Fixture *f,
                         guint    n)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (f->bodies), ==, n);
  g_hash_table_iter_init (&iter, f->bodies);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
}

/* Every kind of fault, before and after the request reaches the portal:
 * each comment is stored exactly once, none is lost. */
static void
test_outbox_faults (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const guint n = 12;

  msk_test_proxy_set_retry_after (f->proxy, 0);
  for (MskFault fault = MSK_FAULT_500; fault < MSK_N_FAULTS; fault++)
    {
      msk_test_proxy_queue_fault (f->proxy, fault, FALSE);
      msk_test_proxy_queue_fault (f->proxy, fault, TRUE);
    }

  g_assert_true (msk_outbox_start (f->outbox, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("comment %u", i);

      g_assert_nonnull (msk_client_post_comment (f->client, 1, 0, body, "Topic", &error));
      g_assert_no_error (error);
    }

  if (!msk_test_wait_for (all_sent, f, 120))
    return;
  g_test_message ("%u requests, %u faults, %u posts reached the portal",
                  msk_test_proxy_get_n_requests (f->proxy), msk_test_proxy_get_n_faults (f->proxy),
                  f->n_posts);
  g_assert_cmpuint (msk_test_proxy_get_n_faults (f->proxy), ==, 2 * (MSK_N_FAULTS - 1));
  assert_each_stored_once (f, n);

  /* The reply of each item is the stored comment, pending. */
  {
    g_autoptr(MskOutboxItem) item = g_list_model_get_item (msk_outbox_get_items (f->outbox), 0);
    g_autoptr(GObject) comment = msk_client_parse_item_result (f->client, item, &error);

    g_assert_no_error (error);
    g_assert_true (MSK_IS_COMMENT (comment));
    g_assert_cmpstr (msk_comment_get_status (MSK_COMMENT (comment)), ==, "pending");
  }
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *problem = NULL;
  MskOutboxItem *item;

  g_assert_true (msk_outbox_start (f->outbox, &error));
  item = msk_client_post_comment (f->client, 2, 0, "too late", "Closed topic", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (msk_test_outbox_settled, f->outbox, 30))
    return;

  g_assert_cmpint (msk_outbox_item_get_state (item), ==, MSK_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (msk_outbox_item_get_http_status (item), ==, 409);
  message = msk_outbox_item_dup_message (item);
  problem = msk_outbox_item_dup_problem (item);
  g_assert_cmpstr (message, ==, "This topic is closed: Comments closed on 1 November.");
  g_assert_nonnull (strstr (problem, "topic-not-open"));
  /* A refusal is final: sent once. */
  g_assert_cmpuint (f->n_posts, ==, 1);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  msk_test_proxy_set_retry_after (f->proxy, 1);
  msk_test_proxy_queue_fault (f->proxy, MSK_FAULT_429, FALSE);
  msk_test_proxy_queue_fault (f->proxy, MSK_FAULT_503, FALSE);
  g_assert_true (msk_outbox_start (f->outbox, &error));
  start = g_get_monotonic_time ();
  msk_client_post_comment (f->client, 1, 0, "patience", NULL, &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (all_sent, f, 30))
    return;

  /* Two refusals asking for one second each, with a 10 ms backoff base. */
  g_assert_cmpuint (f->n_posts, ==, 1);
  g_assert_cmpint (f->post_times[0] - start, >=, 2 * G_USEC_PER_SEC - 50000);
  assert_each_stored_once (f, 1);
}

static gboolean
item_settled (gpointer user_data)
{
  MskOutboxItem *item = user_data;

  return msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_SENT ||
         msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_FAILED;
}

/* An Open311 endpoint that is rate-limited answers 400 with Retry-After:
 * the complaint waits and goes again; a 400 without it is a refusal. */
static void
test_open311_busy (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MskOpen311) open311 = msk_open311_new (f->client);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  MskOutboxItem *waited, *refused;
  gint64 start;

  g_assert_true (msk_outbox_start (f->outbox, &error));
  f->n_open311_busy = 1;
  g_hash_table_insert (attributes, (gpointer) "size", (gpointer) "small");
  start = g_get_monotonic_time ();
  waited = msk_open311_file_request (open311, "potholes", "A pothole", "Main St",
                                     NAN, NAN, attributes, NULL, "Pothole", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (item_settled, waited, 30))
    return;
  g_test_message ("after %u posts in %" G_GINT64_FORMAT " ms: state %d, status %u",
                  f->n_open311_posts, (g_get_monotonic_time () - start) / 1000,
                  msk_outbox_item_get_state (waited), msk_outbox_item_get_http_status (waited));
  g_assert_cmpint (msk_outbox_item_get_state (waited), ==, MSK_OUTBOX_STATE_SENT);
  g_assert_cmpuint (f->n_open311_posts, ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC - 50000);

  refused = msk_open311_file_request (open311, "potholes", "Another pothole", "Main St", NAN,
                                      NAN, NULL, NULL, "Pothole", &error);
  g_assert_no_error (error);
  if (!msk_test_wait_for (item_settled, refused, 30))
    return;
  g_assert_cmpint (msk_outbox_item_get_state (refused), ==, MSK_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (msk_outbox_item_get_http_status (refused), ==, 400);
  g_assert_cmpuint (f->n_open311_posts, ==, 3);

  /* a read while it is busy shows what was read before */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GListModel) services = NULL;
      MskFreshness freshness = { 0 };

      f->n_open311_busy = i;
      msk_open311_list_services_async (open311, NULL, msk_test_result_cb, NULL);
      result = msk_test_wait_result ();
      services = msk_open311_list_services_finish (open311, result, &freshness, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (services), ==, 1);
      g_assert_cmpint (freshness.from_cache, ==, i == 1);
    }
}

static gboolean
ten_requests (gpointer user_data)
{
  return msk_test_proxy_get_n_requests (user_data) >= 10;
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = msk_test_make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
  g_autoptr(MskOutbox) outbox = msk_outbox_new (store, f->http);
  g_autoptr(MskClient) client = msk_client_new (f->http, store, outbox, f->auth, f->portal);

  /* The portal is down while the user sends five comments. */
  msk_test_proxy_set_upstream (f->proxy, "http://127.0.0.1:9");
  msk_outbox_set_backoff (outbox, 10, 50);
  g_assert_true (msk_outbox_start (outbox, &error));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("offline %u", i);
      g_assert_nonnull (msk_client_post_comment (client, 1, 0, body, NULL, &error));
    }
  if (!msk_test_wait_for (ten_requests, f->proxy, 60))
    return;
  g_assert_cmpuint (msk_outbox_get_n_pending (outbox), ==, 5);

  /* The app quits, the portal comes back, the app starts again. */
  msk_outbox_stop (outbox);
  g_clear_object (&client);
  g_clear_object (&outbox);
  g_clear_object (&store);
  msk_test_proxy_set_upstream (f->proxy, f->upstream_url);

  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  outbox = msk_outbox_new (store, f->http);
  msk_outbox_set_backoff (outbox, 10, 50);
  g_assert_true (msk_outbox_start (outbox, &error));
  g_assert_cmpuint (g_list_model_get_n_items (msk_outbox_get_items (outbox)), ==, 5);
  if (!msk_test_wait_for (msk_test_outbox_settled, outbox, 30))
    return;
  assert_each_stored_once (f, 5);

  msk_outbox_stop (outbox);
  g_clear_object (&outbox);
  g_clear_object (&store);
  msk_test_rm_rf (dir);
}

static void
test_insecure (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MskPortal) portal = msk_portal_new ("Bad", "http://portal.example.invalid", NULL,
                                                NULL, FALSE);
  g_autoptr(MskClient) client = msk_client_new (f->http, f->store, f->outbox, f->auth, portal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskTopic) topic = NULL;

  msk_client_get_topic_async (client, 1, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  topic = msk_client_get_topic_finish (client, result, NULL, &error);
  g_assert_null (topic);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INSECURE);
}

typedef struct
{
  MskFault    fault;      /* MSK_FAULT_NONE: a port nobody listens on */
  int         code;       /* an MskError */
  const char *english;    /* what the message says happened */
} BadReply;

static const BadReply bad_replies[] = {
  { MSK_FAULT_HTML, MSK_ERROR_INVALID_DATA, "web page" },
  { MSK_FAULT_REDIRECT, MSK_ERROR_INVALID_DATA, "another address" },
  { MSK_FAULT_REDIRECT_LOOP, MSK_ERROR_INVALID_DATA, "another address" },
  { MSK_FAULT_TRICKLE, MSK_ERROR_TIMEOUT, "in time" },
  { MSK_FAULT_500, MSK_ERROR_SERVER, "problem (error 500)" },
  { MSK_FAULT_NONE, MSK_ERROR_OFFLINE, "cannot be reached" },
};

static char *
closed_port_url (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  /* Closed when the socket goes: nobody listens there. */
  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static GError *
bad_reply_error (Fixture        *f,
                 const BadReply *bad)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskTopic) topic = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (msk_store_cache_clear (f->store, NULL));
  if (bad->fault == MSK_FAULT_NONE)
    {
      g_autofree char *url = closed_port_url ();
      g_autoptr(MskPortal) portal = msk_portal_new ("Closed", url, NULL, NULL, FALSE);
      g_autoptr(MskClient) client = msk_client_new (f->http, f->store, f->outbox, f->auth,
                                                    portal);
      g_autoptr(GAsyncResult) result = NULL;

      msk_client_get_topic_async (client, 1, NULL, msk_test_result_cb, NULL);
      result = msk_test_wait_result ();
      topic = msk_client_get_topic_finish (client, result, NULL, &error);
    }
  else
    {
      msk_test_proxy_queue_fault (f->proxy, bad->fault, FALSE);
      topic = get_topic (f, NULL, &error);
    }
  g_test_message ("%s: %s (%" G_GINT64_FORMAT " ms)",
                  bad->fault == MSK_FAULT_NONE ? "refused" : msk_test_fault_name (bad->fault),
                  error != NULL ? error->message : "no error",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_null (topic);
  g_assert_nonnull (error);
  return g_steal_pointer (&error);
}

static gboolean
has_arabic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_ARABIC)
      return TRUE;
  return FALSE;
}

/* A web page, a redirect (away or to itself), a reply that trickles in
 * under the I/O timeout, a 500 and a closed port: each is its own error,
 * whose message says what happened, in the person's language. The
 * trickle ends with the whole exchange's deadline, not when it stops. */
static void
test_bad_replies (Fixture       *f,
                  gconstpointer  data)
{
  const char *localedir = g_getenv ("MSK_LOCALEDIR");
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad_replies); i++)
    {
      g_autoptr(GError) error = bad_reply_error (f, &bad_replies[i]);

      g_assert_error (error, MSK_ERROR, bad_replies[i].code);
      g_assert_nonnull (strstr (error->message, bad_replies[i].english));
    }

  if (localedir == NULL || setlocale (LC_ALL, "ar_SA.UTF-8") == NULL)
    {
      g_test_skip ("no Arabic locale or no MSK_LOCALEDIR");
      setlocale (LC_ALL, old_locale);
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (bad_replies); i++)
    {
      g_autoptr(GError) error = bad_reply_error (f, &bad_replies[i]);

      g_assert_error (error, MSK_ERROR, bad_replies[i].code);
      g_assert_true (has_arabic (error->message));
      g_assert_null (strstr (error->message, bad_replies[i].english));
    }
  setlocale (LC_ALL, old_locale);
}

/* Valid JSON of the wrong shape is no copy of the portal's content: it
 * must not answer, offline, for the portal later (it did, and every
 * failure after it read as "cannot read"). */
static void
test_wrong_shape_not_cached (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) later = NULL;
  g_autoptr(MskTopic) topic = NULL;
  MskFreshness freshness = { 0, };

  msk_test_proxy_queue_fault (f->proxy, MSK_FAULT_WRONG_TYPES, FALSE);
  topic = get_topic (f, NULL, &error);
  g_assert_null (topic);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA);

  msk_test_proxy_queue_fault (f->proxy, MSK_FAULT_500, FALSE);
  topic = get_topic (f, &freshness, &later);
  g_test_message ("after the wrong shape, a 500 reads: %s",
                  later != NULL ? later->message : "no error");
  g_assert_null (topic);
  g_assert_error (later, MSK_ERROR, MSK_ERROR_SERVER);

  /* And once the portal answers, its topic is read. */
  topic = get_topic (f, NULL, NULL);
  g_assert_nonnull (topic);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("reads", test_read_faults);
  ADD ("cache-revalidate-offline", test_cache_revalidate_and_offline);
  ADD ("outbox", test_outbox_faults);
  ADD ("refused", test_refused);
  ADD ("retry-after", test_retry_after);
  ADD ("open311-busy", test_open311_busy);
  ADD ("restart", test_restart);
  ADD ("insecure", test_insecure);
  ADD ("bad-replies", test_bad_replies);
  ADD ("wrong-shape-not-cached", test_wrong_shape_not_cached);
#undef ADD

  return g_test_run ();
}
