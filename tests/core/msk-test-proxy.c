/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "msk-test-proxy.h"
#include "msk-test-util.h"

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
  gboolean              xml_only;
  guint                 n_json_refused;
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
    "a web page", "redirect to another host", "redirect loop", "trickle",
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

typedef struct
{
  GIOStream *stream;
  gint64     end;
} Trickle;

/* One byte of white space at a time, which is valid JSON until the end: a
 * reply that keeps every read short of the I/O timeout, for a long while. */
static gboolean
trickle_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (trickle->stream);
  gboolean last = g_get_monotonic_time () >= trickle->end;
  const char *chunk = last ? "0\r\n\r\n" : "1\r\n \r\n";

  if (!g_output_stream_write_all (out, chunk, strlen (chunk), NULL, NULL, NULL) || last)
    {
      g_io_stream_close (trickle->stream, NULL, NULL);
      g_object_unref (trickle->stream);
      g_free (trickle);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_trickle (SoupServerMessage *msg)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  Trickle *trickle = g_new0 (Trickle, 1);

  trickle->stream = soup_server_message_steal_connection (msg);
  trickle->end = g_get_monotonic_time () + MSK_TEST_TRICKLE_LENGTH_S * G_USEC_PER_SEC;
  if (trickle->stream == NULL
      || !g_output_stream_write_all (g_io_stream_get_output_stream (trickle->stream), head,
                                     strlen (head), NULL, NULL, NULL))
    {
      g_clear_object (&trickle->stream);
      g_free (trickle);
      return;
    }
  g_timeout_add (MSK_TEST_TRICKLE_INTERVAL_MS, trickle_cb, trickle);
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
    case MSK_FAULT_HTML:
      {
        static const char page[] = "<!DOCTYPE html><html><body><h1>Welcome</h1>"
                                   "<p>Sign in to the Wi-Fi first.</p></body></html>";

        soup_server_message_set_status (msg, 200, NULL);
        soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page,
                                          strlen (page));
      }
      break;
    case MSK_FAULT_REDIRECT:
    case MSK_FAULT_REDIRECT_LOOP:
      {
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *here = g_uri_to_string (uri);

        soup_server_message_set_redirect (msg, 302, fault == MSK_FAULT_REDIRECT
                                                    ? "http://portal.example.invalid/v1/topics"
                                                    : here);
      }
      break;
    case MSK_FAULT_TRICKLE:
      soup_server_message_unpause (msg);
      start_trickle (msg);
      return;
    case MSK_FAULT_NONE:
    case MSK_N_FAULTS:
    default:
      g_assert_not_reached ();
    }
  soup_server_message_unpause (msg);
}

/* Removes every <format>application/json</format> from a discovery. */
static GBytes *
strip_json_format (GBytes *body)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  xmlDocPtr doc = xmlReadMemory (data, (int) length, NULL, NULL, XML_PARSE_NONET);
  GPtrArray *nodes = g_ptr_array_new ();
  xmlChar *out = NULL;
  int out_length = 0;
  GBytes *stripped;

  g_assert_nonnull (doc);
  g_ptr_array_add (nodes, xmlDocGetRootElement (doc));
  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (nodes, i);

      for (xmlNodePtr child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          g_ptr_array_add (nodes, child);
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (nodes, i);
      xmlChar *content = xmlNodeGetContent (node);
      g_autofree char *text = g_strstrip (g_strdup ((const char *) content));

      xmlFree (content);
      if (xmlStrEqual (node->name, BAD_CAST "format") && g_str_equal (text, "application/json"))
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
        }
    }
  g_ptr_array_unref (nodes);
  xmlDocDumpMemoryEnc (doc, &out, &out_length, "UTF-8");
  xmlFreeDoc (doc);
  stripped = g_bytes_new (out, out_length);
  xmlFree (out);
  return stripped;
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
  if (proxy->xml_only && soup_message_get_status (data->upstream_msg) == 200
      && g_str_has_suffix (g_uri_get_path (soup_server_message_get_uri (data->msg)),
                           "/discovery.xml"))
    {
      GBytes *stripped = strip_json_format (body);

      g_bytes_unref (body);
      body = stripped;
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
      return (MskFault) g_rand_int_range (proxy->rand, MSK_FAULT_500, MSK_N_RANDOM_FAULTS);
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
  if (proxy->xml_only && g_str_has_suffix (path, ".json"))
    {
      static const char refused[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors><error>"
                                    "<code>404</code><description>This endpoint offers XML only"
                                    "</description></error></errors>\n";

      proxy->n_json_refused++;
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_STATIC,
                                        refused, strlen (refused));
      return;
    }
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

  proxy->server = soup_server_new (NULL, NULL);
  proxy->upstream_session = soup_session_new_with_options ("timeout", 30, NULL);
  soup_session_remove_feature_by_type (proxy->upstream_session, SOUP_TYPE_CONTENT_DECODER);
  proxy->upstream = g_strdup (upstream);
  proxy->paused = g_ptr_array_new_with_free_func (g_object_unref);
  proxy->rand = g_rand_new_with_seed (1);
  proxy->retry_after = 1;
  g_queue_init (&proxy->queued);

  soup_server_add_handler (proxy->server, NULL, handler, proxy, NULL);
  proxy->url = msk_test_listen_local (proxy->server);
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

/* Makes the upstream look like an Open311 endpoint that offers XML only:
 * every path ending in .json answers 404, and a discovery.xml loses its
 * application/json formats. The upstream's XML passes as it is. */
void
msk_test_proxy_set_xml_only (MskTestProxy *proxy,
                             gboolean      xml_only)
{
  proxy->xml_only = xml_only;
}

guint
msk_test_proxy_get_n_json_refused (MskTestProxy *proxy)
{
  return proxy->n_json_refused;
}
