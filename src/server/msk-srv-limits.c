/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Limits every request passes: the rate per client, the size of a body,
 * its encoding and the nesting of JSON, and decoding form bodies.
 */
#include "msk-srv-limits.h"
#include "msk-wire-json.h"

#include <string.h>

struct _MskSrvRateLimit
{
  GHashTable *buckets;      /* client address → MskSrvBucket */
  guint per_minute;         /* 0: no limit */
};

typedef struct
{
  double tokens;
  gint64 last_us;
} MskSrvBucket;

MskSrvRateLimit *
msk_srv_rate_limit_new (guint per_minute)
{
  MskSrvRateLimit *self = g_new0 (MskSrvRateLimit, 1);

  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->per_minute = per_minute;
  return self;
}

void
msk_srv_rate_limit_free (MskSrvRateLimit *self)
{
  g_hash_table_unref (self->buckets);
  g_free (self);
}

void
msk_srv_rate_limit_set_per_minute (MskSrvRateLimit *self,
                                   guint            per_minute)
{
  self->per_minute = per_minute;
}

/* A token bucket per client: @per_minute requests, refilled evenly. */
gboolean
msk_srv_rate_limit_allows (MskSrvRateLimit *self,
                           const char      *client,
                           guint           *retry_after)
{
  MskSrvBucket *bucket;
  gint64 now = g_get_monotonic_time ();
  double rate = self->per_minute / 60.0e6; /* tokens per microsecond */

  if (self->per_minute == 0)
    return TRUE;

  bucket = g_hash_table_lookup (self->buckets, client);
  if (bucket == NULL)
    {
      /* Forget clients that have been quiet long enough to be full again. */
      if (g_hash_table_size (self->buckets) > 10000)
        {
          GHashTableIter iter;
          MskSrvBucket *b;

          g_hash_table_iter_init (&iter, self->buckets);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &b))
            if (now - b->last_us > 60 * G_USEC_PER_SEC)
              g_hash_table_iter_remove (&iter);
        }
      bucket = g_new0 (MskSrvBucket, 1);
      bucket->tokens = self->per_minute;
      bucket->last_us = now;
      g_hash_table_insert (self->buckets, g_strdup (client), bucket);
    }
  bucket->tokens = MIN ((double) self->per_minute,
                        bucket->tokens + (now - bucket->last_us) * rate);
  bucket->last_us = now;
  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }
  *retry_after = (guint) MAX (1.0, (1.0 - bucket->tokens) / rate / 1.0e6 + 0.999);
  return FALSE;
}

/* Splits an application/x-www-form-urlencoded body keeping repeated names;
 * NULL when an escape is broken. Whether the decoded text is UTF-8 is
 * checked with the other decoded text (msk_srv_validate_decoded_text). */
static GPtrArray *
decode_form (const char *text)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text, "&", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq;
      char *name;
      char *value;

      if (parts[i][0] == '\0')
        continue;
      g_strdelimit (parts[i], "+", ' ');
      eq = strchr (parts[i], '=');
      if (eq != NULL)
        *eq = '\0';
      name = g_uri_unescape_string (parts[i], NULL);
      value = g_uri_unescape_string (eq != NULL ? eq + 1 : "", NULL);
      if (name == NULL || value == NULL)
        {
          g_free (name);
          g_free (value);
          return NULL;
        }
      g_ptr_array_add (pairs, name);
      g_ptr_array_add (pairs, value);
    }
  return g_steal_pointer (&pairs);
}

gboolean
msk_srv_limits_check_body (MskSrvCtx *ctx)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (ctx->msg);
  const char *ctype = soup_message_headers_get_content_type (h, NULL);
  gsize len = ctx->body != NULL ? g_bytes_get_size (ctx->body) : 0;
  const char *data = ctx->body != NULL ? g_bytes_get_data (ctx->body, NULL) : NULL;

  if (len > MSK_SRV_MAX_BODY)
    {
      msk_srv_ctx_problem (ctx, "payload-too-large", NULL);
      return FALSE;
    }
  if (len == 0 || (!g_str_equal (ctx->method, "POST") && !g_str_equal (ctx->method, "PUT")))
    return TRUE;

  if (!g_utf8_validate (data, len, NULL))
    {
      msk_srv_ctx_problem (ctx, "invalid-utf8", NULL);
      return FALSE;
    }

  if (ctx->open311)
    {
      g_autofree char *text = NULL;

      if (ctype == NULL || g_ascii_strcasecmp (ctype, "application/x-www-form-urlencoded") != 0)
        {
          msk_srv_ctx_open311_error (ctx, 400, "o311-form");
          return FALSE;
        }
      text = g_strndup (data, len);
      ctx->form = decode_form (text);
      if (ctx->form == NULL)
        {
          msk_srv_ctx_problem (ctx, "invalid-utf8", NULL);
          return FALSE;
        }
      return TRUE;
    }

  if (ctype == NULL || (g_ascii_strcasecmp (ctype, "application/json") != 0 &&
                        !g_str_has_suffix (ctype, "+json")))
    {
      msk_srv_ctx_problem (ctx, "unsupported-media-type", NULL);
      return FALSE;
    }
  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    g_autoptr(GError) error = NULL;

    if (!msk_wire_json_depth_ok (data, len, MSK_SRV_MAX_DEPTH) ||
        !json_parser_load_from_data (parser, data, len, &error) ||
        json_parser_get_root (parser) == NULL)
      {
        msk_srv_ctx_problem (ctx, "malformed-json", NULL);
        return FALSE;
      }
    ctx->json = json_node_ref (json_parser_get_root (parser));
  }
  return TRUE;
}
