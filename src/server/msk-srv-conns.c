/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * MskSrvConns: what a connection may cost the server.
 *
 * Every request is watched from the moment its connection can carry it:
 * the headers must arrive within the header limit, the body within the body
 * limit, and a kept-alive connection may wait for its next request only for
 * the idle limit. A request body is counted as it arrives; past the limit
 * the request is answered 413 at once and its connection closed.
 *
 * Connections are accepted here and handed to libsoup, because libsoup 3.2
 * stops accepting for good after one failure (running out of descriptors,
 * say) and keeps every accepted socket's object.
 *
 * Keep-alive is ours too: libsoup 3.2 never releases a kept-alive connection
 * that the client closes while it waits for the next request (the descriptor
 * stays in CLOSE-WAIT for good). So once a response is written on a
 * connection that stays open, the connection is taken from libsoup and handed
 * back to it as a new one, whose first request libsoup does follow to the
 * end, whether the client sends one or closes.
 */
#include "config.h"

#include "msk-srv-conns.h"

#include <gio/gnetworking.h>

/* Requests one connection may carry before it is closed */
#define MAX_REQUESTS 100
/* How long a refused request's connection is drained before it is closed, so
 * that the refusal reaches a client that is still sending. */
#define LINGER_MS 2000
#define LINGER_MAX_BYTES (64 * 1024 * 1024)

/* After a failure to accept (out of descriptors) */
#define ACCEPT_RETRY_MS 100

#define GUARD_KEY "msk-srv-conns-guard"

/* One TCP connection, over all the requests it carries */
typedef struct
{
  grefcount ref;
  GSocket *socket;          /* owned */
  guint requests;           /* answered so far */
} MskSrvLink;

typedef enum
{
  PHASE_IDLE,               /* waiting for the next request */
  PHASE_HEADERS,
  PHASE_BODY,
  PHASE_SENDING,
  PHASE_DONE,
} MskSrvPhase;

/* One request: the data of its SoupServerMessage */
typedef struct
{
  MskSrvConns *conns;
  SoupServerMessage *msg;   /* unowned: it owns this */
  MskSrvLink *link;         /* owned */
  MskSrvPhase phase;
  GSource *timer;           /* owned: the current phase's limit */
  GSource *watch;           /* owned: the first byte after an idle wait */
  guint64 body_bytes;
} MskSrvGuard;

/* A connection on its way back to libsoup */
typedef struct
{
  MskSrvConns *conns;
  MskSrvLink *link;         /* owned */
  GIOStream *stream;        /* owned */
  GSocketAddress *local;    /* owned */
  GSocketAddress *remote;   /* owned */
  guint source_id;
} MskSrvHandover;

struct _MskSrvConns
{
  SoupServer *soup;         /* unowned: it outlives us */
  GSocket *listener;        /* owned */
  GSource *accepting;       /* owned */
  guint resume_id;          /* accepting again after a failure */
  gulong started_id;
  gsize max_body;
  MskSrvRefuseFunc refuse;
  gpointer refuse_data;
  guint idle_s;
  guint header_s;
  guint body_s;
  MskSrvLink *handing_over; /* owned, only during soup_server_accept_iostream() */
  GList *handovers;         /* owned: MskSrvHandover */
};

static MskSrvLink *
link_new (GSocket *socket)
{
  MskSrvLink *link = g_new0 (MskSrvLink, 1);

  g_ref_count_init (&link->ref);
  link->socket = socket != NULL ? g_object_ref (socket) : NULL;
  return link;
}

static MskSrvLink *
link_ref (MskSrvLink *link)
{
  g_ref_count_inc (&link->ref);
  return link;
}

static void
link_unref (MskSrvLink *link)
{
  if (!g_ref_count_dec (&link->ref))
    return;
  g_clear_object (&link->socket);
  g_free (link);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskSrvLink, link_unref)

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
guard_free (gpointer data)
{
  MskSrvGuard *guard = data;

  destroy_source (&guard->timer);
  destroy_source (&guard->watch);
  link_unref (guard->link);
  g_free (guard);
}

/* ---- closing --------------------------------------------------------------- */

/* Takes @msg's connection from libsoup and closes it. */
static void
close_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = NULL;

  g_object_ref (msg);
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
  g_object_unref (msg);
}

static gboolean timer_cb (gpointer user_data);

static void
arm (MskSrvGuard *guard,
     MskSrvPhase  phase,
     guint        seconds)
{
  guard->phase = phase;
  destroy_source (&guard->timer);
  if (phase == PHASE_DONE || seconds == 0)
    return;
  guard->timer = g_timeout_source_new (seconds * 1000);
  g_source_set_name (guard->timer, "[musharaka-server] connection limit");
  g_source_set_callback (guard->timer, timer_cb, guard, NULL);
  g_source_attach (guard->timer, NULL);
}

static gboolean
timer_cb (gpointer user_data)
{
  MskSrvGuard *guard = user_data;
  static const char * const phases[] = { "idle", "headers", "body", "sending", "done" };

  g_clear_pointer (&guard->timer, g_source_unref);
  g_debug ("closing a connection: %s limit reached", phases[guard->phase]);
  close_connection (guard->msg);   /* frees @guard */
  return G_SOURCE_REMOVE;
}

/* ---- refusing a body --------------------------------------------------------- */

typedef struct
{
  GIOStream *stream;        /* owned */
  GSocket *socket;          /* owned, nullable */
  GBytes *reply;            /* owned */
  GCancellable *cancellable;
  guint timeout_id;
  gsize drained;
  guint8 buf[16 * 1024];
} MskSrvLinger;

static void
linger_finish (MskSrvLinger *linger)
{
  g_clear_handle_id (&linger->timeout_id, g_source_remove);
  g_io_stream_close (linger->stream, NULL, NULL);
  g_object_unref (linger->stream);
  g_clear_object (&linger->socket);
  g_bytes_unref (linger->reply);
  g_object_unref (linger->cancellable);
  g_free (linger);
}

static gboolean
linger_timeout_cb (gpointer user_data)
{
  MskSrvLinger *linger = user_data;

  linger->timeout_id = 0;
  g_cancellable_cancel (linger->cancellable);
  return G_SOURCE_REMOVE;
}

static void
drained_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  MskSrvLinger *linger = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (linger->drained += n) > LINGER_MAX_BYTES)
    {
      linger_finish (linger);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), linger->buf, sizeof linger->buf,
                             G_PRIORITY_LOW, linger->cancellable, drained_cb, linger);
}

static void
refusal_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MskSrvLinger *linger = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      linger_finish (linger);
      return;
    }
  /* The end of the reply; then read what the client still sends, until it
   * stops or the time is up. */
  if (linger->socket != NULL)
    g_socket_shutdown (linger->socket, FALSE, TRUE, NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (linger->stream), linger->buf,
                             sizeof linger->buf, G_PRIORITY_LOW, linger->cancellable,
                             drained_cb, linger);
}

/* @msg's response as it goes on the wire, with "Connection: close" */
static GBytes *
serialize_response (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  guint status = soup_server_message_get_status (msg);
  GString *s = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_remove (h, "Content-Length");
  if (!soup_message_headers_header_contains (h, "Connection", "close"))
    soup_message_headers_append (h, "Connection", "close");
  g_string_append_printf (s, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, h);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (s, "%s: %s\r\n", name, value);
  g_string_append_printf (s, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          g_bytes_get_size (body));
  g_string_append_len (s, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return g_string_free_to_bytes (s);
}

/* Answers @guard's request with the refusal of its body, now, and closes
 * the connection. Frees @guard. */
static void
refuse_body (MskSrvGuard *guard)
{
  SoupServerMessage *msg = g_object_ref (guard->msg);
  MskSrvConns *self = guard->conns;
  MskSrvLinger *linger;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GSocket) socket = guard->link->socket != NULL ? g_object_ref (guard->link->socket)
                                                          : NULL;

  if (soup_server_message_get_status (msg) == 0)
    self->refuse (msg, self->refuse_data);
  reply = serialize_response (msg);
  stream = soup_server_message_steal_connection (msg);   /* frees @guard */
  g_object_unref (msg);
  if (stream == NULL)
    return;

  linger = g_new0 (MskSrvLinger, 1);
  linger->stream = g_steal_pointer (&stream);
  linger->socket = g_steal_pointer (&socket);
  linger->reply = g_steal_pointer (&reply);
  linger->cancellable = g_cancellable_new ();
  linger->timeout_id = g_timeout_add (LINGER_MS, linger_timeout_cb, linger);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (linger->stream),
                                   g_bytes_get_data (linger->reply, NULL),
                                   g_bytes_get_size (linger->reply), G_PRIORITY_DEFAULT,
                                   linger->cancellable, refusal_written_cb, linger);
}

/* ---- keep-alive ------------------------------------------------------------ */

static void
handover_free (MskSrvHandover *handover)
{
  g_clear_handle_id (&handover->source_id, g_source_remove);
  link_unref (handover->link);
  g_clear_object (&handover->stream);
  g_clear_object (&handover->local);
  g_clear_object (&handover->remote);
  g_free (handover);
}

/* Gives libsoup a connection, as a new one. */
static void
hand_to_soup (MskSrvConns    *self,
              MskSrvLink     *link,
              GIOStream      *stream,
              GSocketAddress *local,
              GSocketAddress *remote)
{
  /* request_started_cb() takes the link, at once. */
  self->handing_over = link_ref (link);
  soup_server_accept_iostream (self->soup, stream, local, remote, NULL);
  g_clear_pointer (&self->handing_over, link_unref);
}

static gboolean
handover_cb (gpointer user_data)
{
  MskSrvHandover *handover = user_data;
  MskSrvConns *self = handover->conns;

  handover->source_id = 0;
  self->handovers = g_list_remove (self->handovers, handover);
  hand_to_soup (self, handover->link, handover->stream, handover->local, handover->remote);
  handover_free (handover);
  return G_SOURCE_REMOVE;
}

static gboolean
keeps_alive (SoupServerMessage *msg)
{
  return soup_server_message_get_http_version (msg) == SOUP_HTTP_1_1 &&
         !soup_message_headers_header_contains (soup_server_message_get_request_headers (msg),
                                                "Connection", "close") &&
         !soup_message_headers_header_contains (soup_server_message_get_response_headers (msg),
                                                "Connection", "close");
}

/* The connection under libsoup's stream, unless that stream already holds
 * bytes of the next request. */
static GIOStream *
unwrap (GIOStream *stream)
{
  GInputStream *in = g_io_stream_get_input_stream (stream);
  GIOStream *base = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (stream), "base-iostream") == NULL ||
      (G_IS_POLLABLE_INPUT_STREAM (in) &&
       g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (in))))
    return g_object_ref (stream);
  g_object_get (stream, "base-iostream", &base, NULL);
  return base != NULL ? base : g_object_ref (stream);
}

/* ---- following a request ------------------------------------------------------ */

/* The next request begins: from now on, the header limit. */
static gboolean
socket_readable_cb (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  MskSrvGuard *guard = user_data;

  g_clear_pointer (&guard->watch, g_source_unref);
  if (guard->phase == PHASE_IDLE)
    arm (guard, PHASE_HEADERS, guard->conns->header_s);
  return G_SOURCE_REMOVE;
}

static void
got_headers_cb (SoupServerMessage *msg,
                MskSrvGuard       *guard)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);

  destroy_source (&guard->watch);
  arm (guard, PHASE_BODY, guard->conns->body_s);
  /* A declared length past the limit: refused before the body is read
   * (with "Expect: 100-continue", libsoup never reads it). */
  if (soup_message_headers_get_encoding (h) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (h) > (goffset) guard->conns->max_body &&
      (soup_message_headers_get_expectations (h) & SOUP_EXPECTATION_CONTINUE) == 0)
    refuse_body (guard);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              MskSrvGuard       *guard)
{
  guard->body_bytes += g_bytes_get_size (chunk);
  if (guard->body_bytes > guard->conns->max_body)
    refuse_body (guard);
}

static void
got_body_cb (SoupServerMessage *msg,
             MskSrvGuard       *guard)
{
  /* The handler has answered by now: libsoup's own got-body handler runs
   * first. */
  arm (guard, PHASE_SENDING, guard->conns->body_s);
  if (guard->link->requests + 1 >= MAX_REQUESTS)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
}

static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              length,
                    MskSrvGuard       *guard)
{
  /* A client that reads slowly but steadily may take its time. */
  arm (guard, PHASE_SENDING, guard->conns->body_s);
}

static void
wrote_body_cb (SoupServerMessage *msg,
               MskSrvGuard       *guard)
{
  MskSrvConns *self = guard->conns;
  g_autoptr(MskSrvLink) link = link_ref (guard->link);
  MskSrvHandover *handover;
  g_autoptr(GIOStream) stream = NULL;
  GSocketAddress *local, *remote;

  arm (guard, PHASE_DONE, 0);
  link->requests++;
  if (!keeps_alive (msg))
    return;   /* libsoup closes it */

  local = soup_server_message_get_local_address (msg);
  remote = soup_server_message_get_remote_address (msg);
  if (local == NULL || remote == NULL)
    {
      close_connection (msg);
      return;
    }
  handover = g_new0 (MskSrvHandover, 1);
  handover->conns = self;
  handover->link = g_steal_pointer (&link);
  handover->local = g_object_ref (local);
  handover->remote = g_object_ref (remote);
  stream = soup_server_message_steal_connection (msg);   /* frees @guard */
  if (stream == NULL)
    {
      handover_free (handover);
      return;
    }
  handover->stream = unwrap (stream);
  handover->source_id = g_idle_add (handover_cb, handover);
  self->handovers = g_list_prepend (self->handovers, handover);
}

static void
done_cb (SoupServerMessage *msg,
         MskSrvGuard       *guard)
{
  destroy_source (&guard->watch);
  arm (guard, PHASE_DONE, 0);
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  MskSrvConns *self = user_data;
  MskSrvGuard *guard = g_new0 (MskSrvGuard, 1);

  guard->conns = self;
  guard->msg = msg;
  guard->link = g_steal_pointer (&self->handing_over);
  if (guard->link == NULL)   /* a connection accepted elsewhere */
    guard->link = link_new (soup_server_message_get_socket (msg));
  g_object_set_data_full (G_OBJECT (msg), GUARD_KEY, guard, guard_free);

  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), guard);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), guard);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), guard);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), guard);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body_cb), guard);
  g_signal_connect (msg, "finished", G_CALLBACK (done_cb), guard);
  g_signal_connect (msg, "disconnected", G_CALLBACK (done_cb), guard);

  if (guard->link->requests == 0 || guard->link->socket == NULL)
    {
      arm (guard, PHASE_HEADERS, self->header_s);
      return;
    }
  /* A kept-alive connection: idle until the next request begins. Before
   * libsoup reads it, so that the header limit starts with its first byte. */
  arm (guard, PHASE_IDLE, self->idle_s);
  guard->watch = g_socket_create_source (guard->link->socket, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                         NULL);
  g_source_set_name (guard->watch, "[musharaka-server] next request");
  g_source_set_priority (guard->watch, G_PRIORITY_HIGH);
  g_source_set_callback (guard->watch, G_SOURCE_FUNC (socket_readable_cb), guard, NULL);
  g_source_attach (guard->watch, NULL);
}

/* ---- accepting ------------------------------------------------------------ */

static void start_accepting (MskSrvConns *self);

static gboolean
resume_cb (gpointer user_data)
{
  MskSrvConns *self = user_data;

  self->resume_id = 0;
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

static void
take_connection (MskSrvConns *self,
                 GSocket     *socket)
{
  g_autoptr(GSocketConnection) conn = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(MskSrvLink) link = NULL;

  if (local == NULL || remote == NULL)
    return;   /* gone already; closed with @conn */
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  link = link_new (socket);
  hand_to_soup (self, link, G_IO_STREAM (conn), local, remote);
}

static gboolean
accept_cb (GSocket      *listener,
           GIOCondition  condition,
           gpointer      user_data)
{
  MskSrvConns *self = user_data;

  for (guint i = 0; i < 32; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          take_connection (self, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;
      /* Out of descriptors, most likely: try again in a moment, when
       * connections have ended. */
      g_debug ("cannot accept a connection: %s", error->message);
      g_clear_pointer (&self->accepting, g_source_unref);
      self->resume_id = g_timeout_add (ACCEPT_RETRY_MS, resume_cb, self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_accepting (MskSrvConns *self)
{
  self->accepting = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_name (self->accepting, "[musharaka-server] accept");
  g_source_set_callback (self->accepting, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accepting, NULL);
}

/* Accepts the connections that arrive at @listener, a listening socket. */
void
msk_srv_conns_listen (MskSrvConns *self,
                      GSocket     *listener)
{
  g_return_if_fail (self->listener == NULL);

  self->listener = g_object_ref (listener);
  g_socket_set_blocking (listener, FALSE);
  start_accepting (self);
}

GSocket *
msk_srv_conns_get_listener (MskSrvConns *self)
{
  return self->listener;
}

MskSrvConns *
msk_srv_conns_new (SoupServer       *soup,
                   gsize             max_body,
                   MskSrvRefuseFunc  refuse,
                   gpointer          user_data)
{
  MskSrvConns *self = g_new0 (MskSrvConns, 1);

  self->soup = soup;
  self->max_body = max_body;
  self->refuse = refuse;
  self->refuse_data = user_data;
  self->idle_s = MSK_SERVER_IDLE_TIMEOUT;
  self->header_s = MSK_SERVER_HEADER_TIMEOUT;
  self->body_s = MSK_SERVER_BODY_TIMEOUT;
  self->started_id = g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb),
                                       self);
  return self;
}

/* Seconds; 0: no limit */
void
msk_srv_conns_set_timeouts (MskSrvConns *self,
                            guint        idle_s,
                            guint        header_s,
                            guint        body_s)
{
  self->idle_s = idle_s;
  self->header_s = header_s;
  self->body_s = body_s;
}

void
msk_srv_conns_free (MskSrvConns *self)
{
  g_clear_signal_handler (&self->started_id, self->soup);
  g_list_free_full (self->handovers, (GDestroyNotify) handover_free);
  g_clear_handle_id (&self->resume_id, g_source_remove);
  destroy_source (&self->accepting);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_free (self);
}
