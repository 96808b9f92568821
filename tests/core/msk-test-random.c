/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-client.h"
#include "msk-json.h"
#include "msk-paged-list.h"
#include "msk-test-random.h"
#include "msk-test-util.h"

/* Signs in on the portal directly and returns the bearer token; @user:
 * the id of the account. */
char *
msk_test_sign_in (const char  *server_url,
                  const char  *username,
                  const char  *password,
                  char       **user)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(MskAuth) auth = msk_auth_new (http, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  msk_auth_sign_in_async (auth, server_url, username, password, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  g_assert_true (msk_auth_sign_in_finish (auth, result, &error));
  g_assert_no_error (error);
  if (user != NULL)
    *user = msk_auth_dup_user (auth, server_url);
  return msk_auth_dup_token (auth, server_url);
}

/* Makes @token the sign-in of @portal in @auth, with the account the
 * portal says it belongs to (GET /v1/me). */
void
msk_test_set_sign_in (MskAuth    *auth,
                      const char *portal,
                      const char *token)
{
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autofree char *uri = g_strconcat (portal, "/v1/me", NULL);
  g_autofree char *user = NULL;
  MskHttpRequest request = { "GET", uri, NULL, NULL, NULL, NULL, token };

  msk_http_send_async (http, &request, NULL, msk_test_result_cb, NULL);
  result = msk_test_wait_result ();
  reply = msk_http_send_finish (http, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (msk_json_read_id (json_node_get_object (reply->root), "id", TRUE, &user,
                                   &error));
  msk_auth_set_sign_in (auth, portal, token, user);
}

/* Reads every comment of @topic_id the user can see (their own pending ones
 * too) and counts those whose body starts with @prefix, by body. */
GHashTable *
msk_test_count_comments (const char *server_url,
                         const char *token,
                         gint64      topic_id,
                         const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(MskStore) store = msk_store_new_in_memory (&error);
  g_autoptr(MskOutbox) outbox = msk_outbox_new (store, http);
  g_autoptr(MskAuth) auth = msk_auth_new (http, FALSE);
  g_autoptr(MskPortal) portal = msk_portal_new ("Direct", server_url, NULL, NULL, FALSE);
  g_autoptr(MskClient) client = msk_client_new (http, store, outbox, auth, portal);
  g_autoptr(GListModel) list = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  msk_test_set_sign_in (auth, server_url, token);
  list = msk_client_list_comments (client, topic_id);
  msk_paged_list_set_page_size (MSK_PAGED_LIST (list), 50);
  while (msk_paged_list_get_has_more (MSK_PAGED_LIST (list)))
    {
      g_autoptr(GAsyncResult) result = NULL;

      msk_paged_list_load_more_async (MSK_PAGED_LIST (list), NULL, msk_test_result_cb, NULL);
      result = msk_test_wait_result ();
      g_assert_true (msk_paged_list_load_more_finish (MSK_PAGED_LIST (list), result, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MskComment) comment = g_list_model_get_item (list, i);
      const char *body = msk_comment_get_body (comment);

      if (g_str_has_prefix (body, prefix))
        g_hash_table_replace (counts, g_strdup (body),
                              GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                       body))
                                                + 1));
    }
  return counts;
}

/* Sends comments through a proxy that injects random faults (before and
 * after the portal stores a request) until @n_faults were injected, then
 * compares what the outbox sent with what the portal stored. */
void
msk_test_run_random_faults (const char            *server_url,
                            const char            *token,
                            gint64                 topic_id,
                            guint                  n_faults,
                            guint32                seed,
                            MskRandomFaultsResult *result)
{
  g_autoptr(GError) error = NULL;
  MskTestProxy *proxy = msk_test_proxy_new (server_url);
  g_autoptr(MskHttp) http = msk_http_new ();
  g_autoptr(MskStore) store = msk_store_new_in_memory (&error);
  g_autoptr(MskOutbox) outbox = msk_outbox_new (store, http);
  g_autoptr(MskAuth) auth = msk_auth_new (http, FALSE);
  g_autoptr(MskPortal) portal = NULL;
  g_autoptr(MskClient) client = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autofree char *prefix = g_strdup_printf ("random-faults %u %" G_GINT64_FORMAT ": ", seed,
                                             g_get_real_time ());
  GListModel *items;
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  memset (result, 0, sizeof *result);
  portal = msk_portal_new ("Through the proxy", msk_test_proxy_get_url (proxy), NULL, NULL, FALSE);
  client = msk_client_new (http, store, outbox, auth, portal);
  msk_test_set_sign_in (auth, msk_test_proxy_get_url (proxy), token);
  msk_outbox_set_auth (outbox, auth);
  msk_http_set_timeout (http, 1);
  msk_outbox_set_backoff (outbox, 5, 50);
  msk_test_proxy_set_retry_after (proxy, 0);
  msk_test_proxy_set_random (proxy, 0.5, n_faults, seed);
  g_assert_true (msk_outbox_start (outbox, &error));

  while (msk_test_proxy_get_n_faults (proxy) < n_faults)
    {
      for (guint i = 0; i < 20; i++, n++)
        {
          g_autofree char *body = g_strdup_printf ("%s%u", prefix, n);

          g_assert_nonnull (msk_client_post_comment (client, topic_id, 0, body, NULL, &error));
          g_assert_no_error (error);
        }
      if (!msk_test_wait_for (msk_test_outbox_settled, outbox, 120))
        break;
    }
  msk_test_proxy_set_random (proxy, 0, 0, seed);

  items = msk_outbox_get_items (outbox);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (items, i);

      if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_SENT)
        result->items_sent++;
      else if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_FAILED)
        result->items_failed++;
    }

  counts = msk_test_count_comments (server_url, token, topic_id, prefix);
  result->stored = g_hash_table_size (counts);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("%s%u", prefix, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, body));

      if (count == 0)
        result->missing++;
      else if (count > 1)
        result->duplicates += count - 1;
    }

  result->faults = msk_test_proxy_get_n_faults (proxy);
  result->requests = msk_test_proxy_get_n_requests (proxy);
  for (guint f = 0; f < MSK_N_FAULTS; f++)
    result->fault_counts[f] = msk_test_proxy_get_fault_count (proxy, f);
  result->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  msk_outbox_stop (outbox);
  msk_test_proxy_free (proxy);
}
