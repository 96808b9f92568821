/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Routing: the route tables of every resource family, matching paths
 * against their templates, and the gate every request passes (rate limit,
 * routing, body checks, authentication, idempotency) before its handler
 * runs, and the same exit (ETag and 304, headers) after it.
 */
#include "msk-srv-router.h"
#include "msk-srv-auth.h"
#include "msk-srv-idempotency.h"
#include "msk-srv-limits.h"
#include "msk-srv-validate.h"

#include <string.h>

/* Every resource family's routes, in the order they are tried. */
#define FAMILY(name) { msk_srv_##name##_routes, &msk_srv_##name##_n_routes }

static const struct
{
  const MskSrvRouteDef *routes;
  const gsize *n_routes;
} families[] = {
  FAMILY (entities), FAMILY (reports), FAMILY (topics), FAMILY (feedback), FAMILY (polls),
  FAMILY (surveys), FAMILY (outcomes), FAMILY (export), FAMILY (session), FAMILY (comments),
  FAMILY (ideas), FAMILY (moderation), FAMILY (service_requests), FAMILY (open311_services),
  FAMILY (open311_requests), FAMILY (assisted),
};

#undef FAMILY

const MskSrvRouteDef * const *
msk_srv_router_get_routes (gsize *n_routes)
{
  static const MskSrvRouteDef **table = NULL;
  static gsize n = 0;

  if (g_once_init_enter (&table))
    {
      GPtrArray *t = g_ptr_array_new ();

      for (gsize f = 0; f < G_N_ELEMENTS (families); f++)
        for (gsize i = 0; i < *families[f].n_routes; i++)
          g_ptr_array_add (t, (gpointer) &families[f].routes[i]);
      n = t->len;
      g_once_init_leave (&table, (const MskSrvRouteDef **) g_ptr_array_free (t, FALSE));
    }
  *n_routes = n;
  return table;
}

/* Matches @path against @template; fills @params with the decoded values. */
static gboolean
match_template (const char *template,
                const char *path,
                GPtrArray  *params)
{
  g_auto(GStrv) t = g_strsplit (template, "/", -1);
  g_auto(GStrv) p = g_strsplit (path, "/", -1);
  guint n = g_strv_length (t);

  if (n != g_strv_length (p))
    return FALSE;
  g_ptr_array_set_size (params, 0);
  for (guint i = 0; i < n; i++)
    {
      if (t[i][0] == '{')
        {
          const char *close = strchr (t[i], '}');
          const char *suffix = close + 1;
          gsize slen = strlen (suffix);
          gsize plen = strlen (p[i]);
          g_autofree char *raw = NULL;
          char *value;

          if (plen <= slen || (slen > 0 && !g_str_has_suffix (p[i], suffix)))
            return FALSE;
          raw = g_strndup (p[i], plen - slen);
          value = g_uri_unescape_string (raw, NULL);
          if (value == NULL)
            value = g_strdup ("");
          g_ptr_array_add (params, value);
        }
      else if (!g_str_equal (t[i], p[i]))
        return FALSE;
    }
  return TRUE;
}

/* After the handler has replied, at once or later. With an Idempotency-Key
 * the handler ran inside a transaction (level 1) that now also records its
 * reply, and commits. */
static void
handler_done (MskSrvCtx *ctx)
{
  guint outer = ctx->idempotency_key != NULL ? 1 : 0;

  if (msk_server_db_get_depth (ctx->db) > outer)
    {
      g_warning ("%s %s left a transaction open", ctx->method, ctx->path);
      while (msk_server_db_get_depth (ctx->db) > outer)
        msk_server_db_rollback (ctx->db);
    }
  if (ctx->idempotency_key == NULL)
    return;
  if (ctx->status >= 200 && ctx->status < 300)
    msk_srv_idempotency_store (ctx, ctx->idempotency_key, ctx->idempotency_client,
                               ctx->idempotency_hash);
  if (!msk_server_db_commit (ctx->db))
    {
      /* nothing was stored: say so rather than what the handler said */
      g_ptr_array_set_size (ctx->headers, 0);
      msk_srv_ctx_problem (ctx, "internal", NULL);
    }
}

void
msk_srv_router_dispatch (MskSrvCtx       *ctx,
                         MskSrvRateLimit *rate_limit)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (ctx->msg);
  const MskSrvRouteDef *route = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);
  const char *key;
  guint retry_after = 0;
  const char *remote = soup_server_message_get_remote_host (ctx->msg);
  const MskSrvRouteDef * const *routes;
  gsize n_routes;

  if (!msk_srv_rate_limit_allows (rate_limit, remote != NULL ? remote : "unknown", &retry_after))
    {
      g_autofree char *secs = g_strdup_printf ("%u", retry_after);

      msk_srv_ctx_add_header (ctx, "Retry-After", secs);
      msk_srv_ctx_problem (ctx, "rate-limited", NULL);
      return;
    }

  if (!g_utf8_validate (ctx->path, -1, NULL))
    {
      msk_srv_ctx_problem (ctx, "invalid-utf8", NULL);
      return;
    }

  routes = msk_srv_router_get_routes (&n_routes);
  for (gsize i = 0; i < n_routes; i++)
    {
      const MskSrvRouteDef *r = routes[i];

      if (!match_template (r->path, ctx->path, ctx->params))
        continue;
      if (g_str_equal (r->method, ctx->method) ||
          (g_str_equal (r->method, "GET") && g_str_equal (ctx->method, "HEAD")))
        {
          route = r;
          break;
        }
      if (strstr (allow->str, r->method) == NULL)
        g_string_append_printf (allow, "%s%s", allow->len > 0 ? ", " : "", r->method);
    }

  if (route == NULL)
    {
      if (allow->len > 0)
        {
          msk_srv_ctx_add_header (ctx, "Allow", allow->str);
          if (ctx->open311)
            msk_srv_ctx_open311_error_field (ctx, 400, "o311-method", ctx->method, 0);
          else
            msk_srv_ctx_problem (ctx, "method-not-allowed", NULL);
        }
      else if (ctx->open311)
        msk_srv_ctx_open311_error (ctx, 404, "o311-not-found");
      else
        msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }

  for (guint i = 0; i < ctx->params->len; i++)
    if (!g_utf8_validate (ctx->params->pdata[i], -1, NULL))
      {
        msk_srv_ctx_problem (ctx, "invalid-utf8", NULL);
        return;
      }

  if (!msk_srv_limits_check_body (ctx) || !msk_srv_validate_decoded_text (ctx) ||
      !msk_srv_auth_authenticate (ctx))
    return;

  key = soup_message_headers_get_one (h, "Idempotency-Key");
  if (key != NULL && g_str_equal (ctx->method, "POST"))
    {
      if (!msk_srv_idempotency_valid_key (key))
        {
          msk_srv_ctx_problem (ctx, "invalid-idempotency-key", NULL);
          return;
        }
      if (!route->no_replay)
        {
          ctx->idempotency_hash = msk_srv_idempotency_request_hash (ctx);
          ctx->idempotency_client = msk_srv_idempotency_client (ctx, ctx->idempotency_hash);
          if (msk_srv_idempotency_lookup (ctx, key, ctx->idempotency_client,
                                          ctx->idempotency_hash))
            return;
          ctx->idempotency_key = g_strdup (key);
        }
    }

  /* The handler's writes and the record of its reply commit together: a
   * retry after a crash finds both or neither. */
  if (ctx->idempotency_key != NULL)
    msk_server_db_begin (ctx->db);
  route->handler (ctx);
  if (!ctx->paused)
    handler_done (ctx);
}

void
msk_srv_router_finish (MskSrvCtx *ctx)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (ctx->msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (ctx->msg);
  gboolean is_read = g_str_equal (ctx->method, "GET") || g_str_equal (ctx->method, "HEAD");

  if (ctx->status == 0)
    msk_srv_ctx_problem (ctx, "internal", NULL);

  for (guint i = 0; i + 1 < ctx->headers->len; i += 2)
    soup_message_headers_append (resp, ctx->headers->pdata[i], ctx->headers->pdata[i + 1]);
  soup_message_headers_replace (resp, "Content-Language", ctx->lang);
  /* Open311 answers XML or JSON by Accept when the path has no extension */
  soup_message_headers_replace (resp, "Vary", ctx->open311
                                ? "Accept, Accept-Language, Authorization"
                                : "Accept-Language, Authorization");
  soup_message_headers_replace (resp, "Cache-Control", "no-cache");

  if (is_read && ctx->status == 200 && ctx->resp_body != NULL)
    {
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, ctx->resp_body);
      g_autofree char *etag = g_strdup_printf ("\"%.32s-%s\"", sum, ctx->lang);
      const char *inm = soup_message_headers_get_one (req, "If-None-Match");

      soup_message_headers_replace (resp, "ETag", etag);
      if (inm != NULL && (strstr (inm, etag) != NULL || g_str_equal (inm, "*")))
        {
          soup_server_message_set_status (ctx->msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  soup_server_message_set_status (ctx->msg, ctx->status, NULL);
  if (ctx->resp_body != NULL)
    {
      gsize len = 0;
      gconstpointer data = g_bytes_get_data (ctx->resp_body, &len);

      soup_server_message_set_response (ctx->msg, ctx->content_type, SOUP_MEMORY_COPY,
                                        data, len);
    }
}

static void
disconnected_cb (SoupServerMessage *msg,
                 gpointer           user_data)
{
  MskSrvCtx *ctx = user_data;

  ctx->gone = TRUE;
}

/* For a handler that answers later: the request waits, the main loop goes
 * on; the handler's reply is sent by msk_srv_router_resume(). */
void
msk_srv_router_pause (MskSrvCtx *ctx)
{
  g_return_if_fail (!ctx->paused);

  /* The transaction of an Idempotency-Key cannot stay open while the main
   * loop goes on (other requests would write in it): a route that answers
   * later is no_replay. */
  if (ctx->idempotency_key != NULL)
    {
      g_warning ("%s %s answers later but keeps its reply for replays", ctx->method, ctx->path);
      msk_server_db_commit (ctx->db);
      g_clear_pointer (&ctx->idempotency_key, g_free);
    }
  ctx->paused = TRUE;
  g_object_ref (ctx->server);
  g_object_ref (ctx->msg);
  ctx->disconnected_id = g_signal_connect (ctx->msg, "disconnected",
                                           G_CALLBACK (disconnected_cb), ctx);
  soup_server_message_pause (ctx->msg);
}

/* Once the paused handler has replied: the same exit as any request's,
 * then @ctx is freed. */
void
msk_srv_router_resume (MskSrvCtx *ctx)
{
  MskServer *server = ctx->server;
  SoupServerMessage *msg = ctx->msg;

  g_return_if_fail (ctx->paused);

  handler_done (ctx);
  g_clear_signal_handler (&ctx->disconnected_id, msg);
  if (!ctx->gone)
    {
      msk_srv_router_finish (ctx);
      soup_server_message_unpause (msg);
    }
  msk_srv_ctx_free (ctx);
  g_object_unref (msg);
  g_object_unref (server);
}
