/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * MskServer: the participation backend. One SoupServer on the main context;
 * requests go through the router (msk-srv-router.c), one file per resource
 * family holds the handlers.
 */
#include "config.h"

#include "msk-server.h"
#include "msk-srv-auth.h"
#include "msk-srv-conns.h"
#include "msk-srv-ctx.h"
#include "msk-srv-demo.h"
#include "msk-srv-limits.h"
#include "msk-srv-open311-format.h"
#include "msk-srv-router.h"
#include "msk-srv-validate.h"

#include <string.h>

struct _MskServer
{
  GObject parent_instance;

  /* owned */
  MskServerDb *db;
  SoupServer *soup;
  MskSrvConns *conns;
  MskSrvRateLimit *rate_limit;
  MskSrvSignIns *sign_ins;
  char *public_url;         /* without a trailing slash */
};

G_DEFINE_TYPE (MskServer, msk_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (msk-server-error-quark, msk_server_error)

/* Seconds added to the wall clock (--clock-start, for tests). */
static gint64 clock_offset;

/* Shifts the server's clock by @seconds: every time it stores or compares
 * (a request's date, a token's expiry, the demo portal's dates) reads the
 * wall clock plus @seconds. Set it before msk_server_new(). */
void
msk_server_set_clock_offset (gint64 seconds)
{
  clock_offset = seconds;
}

/* The server's time now, in seconds since the epoch. */
gint64
msk_server_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC + clock_offset;
}

static void
msk_server_finalize (GObject *object)
{
  MskServer *self = MSK_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_pointer (&self->conns, msk_srv_conns_free);
  g_clear_object (&self->soup);
  g_free (self->public_url);
  g_clear_object (&self->db);
  g_clear_pointer (&self->rate_limit, msk_srv_rate_limit_free);
  g_clear_pointer (&self->sign_ins, msk_srv_sign_ins_free);

  G_OBJECT_CLASS (msk_server_parent_class)->finalize (object);
}

static void
msk_server_class_init (MskServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_server_finalize;
}

static void
msk_server_init (MskServer *self)
{
  self->rate_limit = msk_srv_rate_limit_new (600);
  self->sign_ins = msk_srv_sign_ins_new ();
}

/* The route table, for the OpenAPI check. */
const MskServerRoute *
msk_server_get_routes (gsize *n_routes)
{
  static MskServerRoute *table = NULL;
  static gsize n = 0;

  if (g_once_init_enter (&table))
    {
      const MskSrvRouteDef * const *routes = msk_srv_router_get_routes (&n);
      MskServerRoute *t = g_new0 (MskServerRoute, n);

      for (gsize i = 0; i < n; i++)
        t[i] = (MskServerRoute) { routes[i]->method, routes[i]->path };
      g_once_init_leave (&table, t);
    }
  *n_routes = n;
  return table;
}

static void
request_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  MskServer *self = MSK_SERVER (user_data);
  g_autoptr(MskSrvCtx) ctx = g_new0 (MskSrvCtx, 1);
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  ctx->server = self;
  ctx->db = self->db;
  ctx->msg = msg;
  ctx->method = soup_server_message_get_method (msg);
  ctx->path = path;
  ctx->open311 = g_str_has_prefix (path, "/open311/");
  ctx->open311_xml = ctx->open311 &&
                     msk_srv_open311_prefers_xml (path, soup_message_headers_get_one (h, "Accept"));
  ctx->lang = msk_server_pick_language (soup_message_headers_get_one (h, "Accept-Language"));
  ctx->now = msk_server_now ();
  ctx->sign_ins = self->sign_ins;
  ctx->params = g_ptr_array_new_with_free_func (g_free);
  ctx->headers = g_ptr_array_new_with_free_func (g_free);
  if (query != NULL)
    ctx->query = g_hash_table_ref (query);
  if (body != NULL && body->length > 0)
    ctx->body = soup_message_body_flatten (body);

  if (ctx->query != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, ctx->query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        if (!g_utf8_validate (k, -1, NULL) || !g_utf8_validate (v, -1, NULL))
          {
            msk_srv_validate_problem_utf8 (ctx, k);
            g_clear_pointer (&ctx->query, g_hash_table_unref);
            msk_srv_router_finish (ctx);
            return;
          }
    }

  msk_srv_router_dispatch (ctx, self->rate_limit);
  if (ctx->paused)
    {
      g_steal_pointer (&ctx);   /* msk_srv_router_resume() answers and frees it */
      return;
    }
  msk_srv_router_finish (ctx);
}

/* Answers 413 and asks to close the connection. */
static void
refuse_body_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  g_autoptr(MskSrvCtx) ctx = g_new0 (MskSrvCtx, 1);

  ctx->server = MSK_SERVER (user_data);
  ctx->msg = msg;
  ctx->method = soup_server_message_get_method (msg);
  ctx->path = g_uri_get_path (soup_server_message_get_uri (msg));
  ctx->open311 = g_str_has_prefix (ctx->path, "/open311/");
  ctx->open311_xml = ctx->open311 &&
                     msk_srv_open311_prefers_xml (ctx->path,
                                                  soup_message_headers_get_one (h, "Accept"));
  ctx->lang = msk_server_pick_language (soup_message_headers_get_one (h, "Accept-Language"));
  ctx->params = g_ptr_array_new_with_free_func (g_free);
  ctx->headers = g_ptr_array_new_with_free_func (g_free);
  msk_srv_ctx_problem (ctx, "payload-too-large", NULL);
  msk_srv_ctx_add_header (ctx, "Connection", "close");
  msk_srv_router_finish (ctx);
}

/* Refuses an oversized body before it is read. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  goffset len = soup_message_headers_get_content_length (h);

  if (soup_message_headers_get_encoding (h) == SOUP_ENCODING_CONTENT_LENGTH &&
      len > MSK_SRV_MAX_BODY)
    refuse_body_cb (msg, user_data);
}

MskServer *
msk_server_new (const char  *data_dir,
                GError     **error)
{
  g_autoptr(MskServer) self = g_object_new (MSK_TYPE_SERVER, NULL);

  self->db = msk_server_db_new (data_dir, error);
  if (self->db == NULL)
    return NULL;

  /* Replays are kept a week, and never sign-in replies (older servers kept
   * them, the token in clear); expired tokens are of no use. */
  {
    gint64 now = msk_server_now ();

    msk_server_db_query_int (self->db, "DELETE FROM idempotency WHERE created_at < ?",
                             now - 7 * 24 * 3600);
    msk_server_db_query_int (self->db, "DELETE FROM idempotency "
                             "WHERE CAST(body AS TEXT) LIKE '{\"token\":%'", 0);
    msk_server_db_query_int (self->db, "DELETE FROM tokens WHERE expires_at < ?", now);
  }

  self->soup = soup_server_new ("server-header", "musharaka-server/" PACKAGE_VERSION " ", NULL);
  self->conns = msk_srv_conns_new (self->soup, MSK_SRV_MAX_BODY, refuse_body_cb, self);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, request_cb, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
msk_server_load_demo (MskServer  *self,
                      GError    **error)
{
  g_return_val_if_fail (MSK_IS_SERVER (self), FALSE);
  return msk_srv_demo_load (self->db, error);
}

void
msk_server_set_rate_limit (MskServer *self,
                           guint      per_minute)
{
  g_return_if_fail (MSK_IS_SERVER (self));
  msk_srv_rate_limit_set_per_minute (self->rate_limit, per_minute);
}

/* Seconds each phase of a connection may take: waiting for a request on a
 * kept-alive connection, receiving the headers, receiving the body (and
 * sending the response); 0: no limit. */
void
msk_server_set_timeouts (MskServer *self,
                         guint      idle_s,
                         guint      header_s,
                         guint      body_s)
{
  g_return_if_fail (MSK_IS_SERVER (self));
  msk_srv_conns_set_timeouts (self->conns, idle_s, header_s, body_s);
}

/* The address clients reach the server at, which the links it gives out
 * carry (http or https, a host, perhaps a port and a path); by default the
 * one it listens on. */
gboolean
msk_server_set_public_url (MskServer   *self,
                           const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = NULL;
  const char *scheme;

  g_return_val_if_fail (MSK_IS_SERVER (self), FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, MSK_SERVER_ERROR, MSK_SERVER_ERROR_PUBLIC_URL,
                   "“%s” is not an http or https address without query or fragment", url);
      return FALSE;
    }
  text = g_uri_to_string (uri);
  while (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';
  g_free (self->public_url);
  self->public_url = g_steal_pointer (&text);
  return TRUE;
}

/* The base of the addresses in links: never taken from a request. */
const char *
msk_server_get_public_url (MskServer *self)
{
  g_return_val_if_fail (MSK_IS_SERVER (self), NULL);
  return self->public_url;
}

gboolean
msk_server_listen (MskServer   *self,
                   const char  *address,
                   guint        port,
                   GError     **error)
{
  g_autoptr(GSocketAddress) addr = NULL;
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (MSK_IS_SERVER (self), FALSE);

  addr = g_inet_socket_address_new_from_string (address, port);
  if (addr == NULL)
    {
      g_set_error (error, MSK_SERVER_ERROR, MSK_SERVER_ERROR_LISTEN,
                   "“%s” is not an IP address", address);
      return FALSE;
    }

  /* Our own socket for a deep accept queue: a burst of clients connecting
   * at once must wait their turn, not be reset (GSocket's default is 10). */
  socket = g_socket_new (g_socket_address_get_family (addr), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, addr, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  msk_srv_conns_listen (self->conns, socket);
  if (self->public_url == NULL)
    self->public_url = msk_server_dup_url (self);
  return TRUE;
}

char *
msk_server_dup_url (MskServer *self)
{
  GSocket *listener;
  g_autoptr(GSocketAddress) addr = NULL;
  GInetSocketAddress *inet;
  g_autofree char *host = NULL;

  g_return_val_if_fail (MSK_IS_SERVER (self), NULL);

  listener = msk_srv_conns_get_listener (self->conns);
  addr = listener != NULL ? g_socket_get_local_address (listener, NULL) : NULL;
  if (!G_IS_INET_SOCKET_ADDRESS (addr))
    return NULL;
  inet = G_INET_SOCKET_ADDRESS (addr);
  host = g_inet_address_to_string (g_inet_socket_address_get_address (inet));
  return g_uri_join (G_URI_FLAGS_NONE, "http", NULL, host, g_inet_socket_address_get_port (inet),
                     "", NULL, NULL);
}
