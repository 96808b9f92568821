/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-test-proxy.h"

struct _MskTestProxy
{
  SoupServer           *server;
  SoupSession          *upstream_session;
  char                 *upstream;
  char                 *url;
  GQueue                queued;        /* (element-type QueuedFault) */
  GPtrArray            *paused;        /* (element-type SoupServerMessage) */
  GRand                *rand;
  double                rate;
  guint                 max_faults;
  guint                 retry_after;
  char                 *fault_method;  /* (nullable): only this method gets random faults */
  char                 *hold_method;
  MskTestProxyHeldFunc  held_func;
  gpointer              held_data;
  guint                 n_requests;
  guint                 n_faults;
  guint                 n_forwarded;
  guint                 n_authorized;  /* requests that carried an Authorization header */
  guint                 fault_counts[MSK_N_FAULTS];
  GBytes               *huge;
};

typedef struct
{
  MskFault fault;
  gboolean after_forward;
} QueuedFault;

typedef struct
{
  MskTestProxy      *proxy;
  SoupServerMessage *msg;
  SoupMessage       *upstream_msg;
  MskFault           fault;
  gboolean           hold;
} ForwardData;

const char *
msk_test_fault_name (MskFault fault)
{
  static const char *const names[] = {
    "none", "500", "503", "429", "hang", "truncated", "malformed", "huge (20 MB)",
    "huge chunked (20 MB)", "wrong types", "connection reset", "nested too deep",
  };
  return fault < MSK_N_FAULTS ? names[fault] : "?";
}

static GBytes *
huge_body (MskTestProxy *proxy)
{
  if (proxy->huge == NULL)
    {
      gsize size = 20 * 1024 * 1024;
      char *data = g_malloc (size);

      data[0] = '[';
      for (gsize i = 1; i < size - 1; i += 2)
        {
          data[i] = '1';
          data[i + 1] = ',';
        }
      data[size - 2] = '1';
      data[size - 1] = ']';
      proxy->huge = g_bytes_new_take (data, size);
    }
  return proxy->huge;
}

static void
write_raw_and_close (SoupServerMessage *msg,
                     const char        *raw)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  GOutputStream *out;

  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  if (raw != NULL)
    g_output_stream_write_all (out, raw, strlen (raw), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
set_problem (SoupServerMessage *msg,
             guint              status,
             const char        *code)
{
  g_autofree char *body = g_strdup_printf ("{\"type\": \"urn:musharaka:problem:%s\","
                                           " \"code\": \"%s\", \"status\": %u,"
                                           " \"title\": \"Injected fault %s\"}",
                                           code, code, status, code);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

/* Answers @msg with @fault instead of the upstream's reply. The message
 * must be paused; it is unpaused unless the fault is a hang. */
static void
apply_fault (MskTestProxy      *proxy,
             SoupServerMessage *msg,
             MskFault           fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *retry = g_strdup_printf ("%u", proxy->retry_after);

  proxy->n_faults++;
  proxy->fault_counts[fault]++;
  soup_message_headers_clear (headers);

  switch (fault)
    {
    case MSK_FAULT_500:
      set_problem (msg, 500, "internal");
      break;
    case MSK_FAULT_503:
      set_problem (msg, 503, "unavailable");
      soup_message_headers_replace (headers, "Retry-After", retry);
      break;
    case MSK_FAULT_429:
      set_problem (msg, 429, "rate-limited");
      soup_message_headers_replace (headers, "Retry-After", retry);
      break;
    case MSK_FAULT_HANG:
      g_ptr_array_add (proxy->paused, g_object_ref (msg));
      return;
    case MSK_FAULT_TRUNCATED:
      soup_server_message_unpause (msg);
      write_raw_and_close (msg, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                "Content-Length: 1000\r\nConnection: close\r\n\r\n"
                                "{\"items\": [{\"id\": 1, \"ti");
      return;
    case MSK_FAULT_RESET:
      soup_server_message_unpause (msg);
      write_raw_and_close (msg, NULL);
      return;
    case MSK_FAULT_MALFORMED:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"items\": [1, 2,, }", 19);
      break;
    case MSK_FAULT_WRONG_TYPES:
      {
        const char *body = "{\"items\": \"none\", \"next_cursor\": 3, \"id\": \"x\", \"title\": 7,"
                           " \"body\": [], \"status\": false, \"poll_id\": \"1\","
                           " \"comment_id\": null, \"service_request_id\": 4}";

        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                          body, strlen (body));
      }
      break;
    case MSK_FAULT_DEEP:
      {
        GString *deep = g_string_new (NULL);

        for (int i = 0; i < 5000; i++)
          g_string_append (deep, "{\"a\":");
        g_string_append (deep, "1");
        for (int i = 0; i < 5000; i++)
          g_string_append_c (deep, '}');
        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                          deep->str, deep->len);
        g_string_free (deep, FALSE);
      }
      break;
    case MSK_FAULT_HUGE:
      {
        GBytes *huge = huge_body (proxy);

        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg), huge);
      }
      break;
    case MSK_FAULT_HUGE_CHUNKED:
      {
        GBytes *huge = huge_body (proxy);
        SoupMessageBody *body = soup_server_message_get_response_body (msg);
        gsize size = g_bytes_get_size (huge);

        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        for (gsize offset = 0; offset < size; offset += 1024 * 1024)
          {
            g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (huge, offset,
                                                              MIN (1024 * 1024, size - offset));
            soup_message_body_append_bytes (body, chunk);
          }
        soup_message_body_complete (body);
      }
      break;
    case MSK_FAULT_NONE:
    case MSK_N_FAULTS:
    default:
      g_assert_not_reached ();
    }
  soup_server_message_unpause (msg);
}

static void
forward_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ForwardData *data = user_data;
  MskTestProxy *proxy = data->proxy;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *out = soup_server_message_get_response_headers (data->msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      /* The upstream is down: answer like a dead server would, by closing. */
      soup_server_message_unpause (data->msg);
      write_raw_and_close (data->msg, NULL);
      goto out;
    }
  proxy->n_forwarded++;

  if (data->fault != MSK_FAULT_NONE)
    {
      apply_fault (proxy, data->msg, data->fault);
      goto out;
    }

  soup_server_message_set_status (data->msg, soup_message_get_status (data->upstream_msg), NULL);
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (data->upstream_msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Content-Length") == 0
          || g_ascii_strcasecmp (name, "Transfer-Encoding") == 0
          || g_ascii_strcasecmp (name, "Connection") == 0)
        continue;
      soup_message_headers_append (out, name, value);
    }
  if (g_bytes_get_size (body) > 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (data->msg), body);

  if (data->hold)
    {
      g_ptr_array_add (proxy->paused, g_object_ref (data->msg));
      if (proxy->held_func != NULL)
        proxy->held_func (proxy, g_uri_get_path (soup_server_message_get_uri (data->msg)),
                          proxy->held_data);
      goto out;
    }
  soup_server_message_unpause (data->msg);

out:
  g_object_unref (data->msg);
  g_object_unref (data->upstream_msg);
  g_free (data);
}

static MskFault
pick_fault (MskTestProxy      *proxy,
            SoupServerMessage *msg,
            gboolean          *after_forward)
{
  QueuedFault *queued = g_queue_pop_head (&proxy->queued);

  *after_forward = FALSE;
  if (queued != NULL)
    {
      MskFault fault = queued->fault;

      *after_forward = queued->after_forward;
      g_free (queued);
      return fault;
    }

  if (proxy->rate > 0 && proxy->n_faults < proxy->max_faults
      && (proxy->fault_method == NULL
          || g_str_equal (proxy->fault_method, soup_server_message_get_method (msg)))
      && g_rand_double (proxy->rand) < proxy->rate)
    {
      *after_forward = g_rand_boolean (proxy->rand);
      return (MskFault) g_rand_int_range (proxy->rand, MSK_FAULT_500, MSK_N_FAULTS);
    }
  return MSK_FAULT_NONE;
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  MskTestProxy *proxy = user_data;
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_str = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  SoupMessageBody *request_body;
  ForwardData *data;
  gboolean after_forward = FALSE;
  MskFault fault;

  proxy->n_requests++;
  if (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                    "Authorization") != NULL)
    proxy->n_authorized++;
  fault = pick_fault (proxy, msg, &after_forward);
  soup_server_message_pause (msg);

  if (fault != MSK_FAULT_NONE && !after_forward)
    {
      apply_fault (proxy, msg, fault);
      return;
    }

  {
    GUri *uri = soup_server_message_get_uri (msg);
    g_autoptr(GUri) base = g_uri_parse (proxy->upstream, G_URI_FLAGS_NONE, NULL);

    target = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), NULL, g_uri_get_host (base),
                          g_uri_get_port (base), g_uri_get_path (uri), g_uri_get_query (uri),
                          NULL);
    target_str = g_uri_to_string (target);
  }

  data = g_new0 (ForwardData, 1);
  data->proxy = proxy;
  data->msg = g_object_ref (msg);
  data->fault = fault;
  data->hold = proxy->hold_method != NULL
               && g_str_equal (proxy->hold_method, soup_server_message_get_method (msg));
  data->upstream_msg = soup_message_new (soup_server_message_get_method (msg), target_str);
  soup_message_add_flags (data->upstream_msg, SOUP_MESSAGE_NO_REDIRECT);

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Host") == 0 || g_ascii_strcasecmp (name, "Connection") == 0
          || g_ascii_strcasecmp (name, "Content-Length") == 0
          || g_ascii_strcasecmp (name, "Accept-Encoding") == 0)
        continue;
      soup_message_headers_append (soup_message_get_request_headers (data->upstream_msg), name,
                                   value);
    }
  request_body = soup_server_message_get_request_body (msg);
  if (request_body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);

      soup_message_set_request_body_from_bytes (
        data->upstream_msg,
        soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                               NULL),
        bytes);
    }

  soup_session_send_and_read_async (proxy->upstream_session, data->upstream_msg,
                                    G_PRIORITY_DEFAULT, NULL, forward_cb, data);
}

MskTestProxy *
msk_test_proxy_new (const char *upstream)
{
  MskTestProxy *proxy = g_new0 (MskTestProxy, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  proxy->server = soup_server_new (NULL, NULL);
  proxy->upstream_session = soup_session_new_with_options ("timeout", 30, NULL);
  soup_session_remove_feature_by_type (proxy->upstream_session, SOUP_TYPE_CONTENT_DECODER);
  proxy->upstream = g_strdup (upstream);
  proxy->paused = g_ptr_array_new_with_free_func (g_object_unref);
  proxy->rand = g_rand_new_with_seed (1);
  proxy->retry_after = 1;
  g_queue_init (&proxy->queued);

  soup_server_add_handler (proxy->server, NULL, handler, proxy, NULL);
  soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_uri_to_string (uris->data);
  if (g_str_has_suffix (proxy->url, "/"))
    proxy->url[strlen (proxy->url) - 1] = '\0';
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return proxy;
}

void
msk_test_proxy_release_held (MskTestProxy *proxy)
{
  g_autoptr(GPtrArray) paused = g_steal_pointer (&proxy->paused);

  proxy->paused = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (paused, i);

      if (soup_server_message_get_status (msg) == 0)
        set_problem (msg, 503, "released");
      soup_server_message_unpause (msg);
    }
}

void
msk_test_proxy_free (MskTestProxy *proxy)
{
  msk_test_proxy_release_held (proxy);
  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->upstream_session);
  g_queue_clear_full (&proxy->queued, g_free);
  g_clear_pointer (&proxy->paused, g_ptr_array_unref);
  g_clear_pointer (&proxy->huge, g_bytes_unref);
  g_rand_free (proxy->rand);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_free (proxy->fault_method);
  g_free (proxy->hold_method);
  g_free (proxy);
}

const char *
msk_test_proxy_get_url (MskTestProxy *proxy)
{
  return proxy->url;
}

void
msk_test_proxy_set_upstream (MskTestProxy *proxy,
                             const char   *upstream)
{
  g_free (proxy->upstream);
  proxy->upstream = g_strdup (upstream);
}

void
msk_test_proxy_queue_fault (MskTestProxy *proxy,
                            MskFault      fault,
                            gboolean      after_forward)
{
  QueuedFault *queued = g_new0 (QueuedFault, 1);

  queued->fault = fault;
  queued->after_forward = after_forward;
  g_queue_push_tail (&proxy->queued, queued);
}

void
msk_test_proxy_set_random (MskTestProxy *proxy,
                           double        rate,
                           guint         max_faults,
                           guint32       seed)
{
  proxy->rate = rate;
  proxy->max_faults = max_faults;
  g_rand_set_seed (proxy->rand, seed);
}

void
msk_test_proxy_set_retry_after (MskTestProxy *proxy,
                                guint         seconds)
{
  proxy->retry_after = seconds;
}

void
msk_test_proxy_set_fault_filter (MskTestProxy *proxy,
                                 const char   *method)
{
  g_free (proxy->fault_method);
  proxy->fault_method = g_strdup (method);
}

void
msk_test_proxy_hold_after_forward (MskTestProxy         *proxy,
                                   const char           *method,
                                   MskTestProxyHeldFunc  func,
                                   gpointer              user_data)
{
  g_free (proxy->hold_method);
  proxy->hold_method = g_strdup (method);
  proxy->held_func = func;
  proxy->held_data = user_data;
}

guint
msk_test_proxy_get_n_requests (MskTestProxy *proxy)
{
  return proxy->n_requests;
}

guint
msk_test_proxy_get_n_authorized (MskTestProxy *proxy)
{
  return proxy->n_authorized;
}

guint
msk_test_proxy_get_n_faults (MskTestProxy *proxy)
{
  return proxy->n_faults;
}

guint
msk_test_proxy_get_n_forwarded (MskTestProxy *proxy)
{
  return proxy->n_forwarded;
}

guint
msk_test_proxy_get_fault_count (MskTestProxy *proxy,
                                MskFault      fault)
{
  return proxy->fault_counts[fault];
}
