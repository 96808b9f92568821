/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "msk-error.h"
#include "msk-http.h"
#include "msk-json.h"
#include "msk-language.h"
#include "msk-wire-json.h"
#include "msk-xml.h"

#define READ_CHUNK 65536

struct _MskHttp
{
  GObject      parent_instance;

  SoupSession *session;   /* (owned) */
  char        *language;  /* (owned) (nullable): NULL follows the UI */
  gsize        max_body;
  guint        max_depth;
  guint        timeout;   /* seconds, for each read or write; 0: none */
  gboolean     unreachable;  /* the last request found no portal */
  char        *assisted;  /* (owned) (nullable): the assisted session */
};

enum {
  SIGNAL_REACHABLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MskHttp, msk_http, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MskHttpReply, msk_http_reply, msk_http_reply_ref, msk_http_reply_unref)

typedef struct
{
  MskHttpReply reply;
  gatomicrefcount ref_count;
} ReplyPrivate;

static MskHttpReply *
msk_http_reply_new (void)
{
  ReplyPrivate *priv = g_new0 (ReplyPrivate, 1);

  g_atomic_ref_count_init (&priv->ref_count);
  priv->reply.retry_after = -1;
  return &priv->reply;
}

MskHttpReply *
msk_http_reply_ref (MskHttpReply *reply)
{
  ReplyPrivate *priv = (ReplyPrivate *) reply;

  g_atomic_ref_count_inc (&priv->ref_count);
  return reply;
}

void
msk_http_reply_unref (MskHttpReply *reply)
{
  ReplyPrivate *priv = (ReplyPrivate *) reply;

  if (!g_atomic_ref_count_dec (&priv->ref_count))
    return;

  g_free (reply->etag);
  g_free (reply->content_type);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply->problem);
  g_free (reply->problem_title);
  g_free (reply->problem_detail);
  g_free (priv);
}

static void
set_refused (GError       **error,
             MskError       code,
             MskHttpReply  *reply,
             const char    *fallback)
{
  if (reply->problem_title != NULL && reply->problem_detail != NULL)
    g_set_error (error, MSK_ERROR, code, "%s: %s", reply->problem_title, reply->problem_detail);
  else if (reply->problem_title != NULL)
    g_set_error_literal (error, MSK_ERROR, code, reply->problem_title);
  else if (reply->problem_detail != NULL)
    g_set_error_literal (error, MSK_ERROR, code, reply->problem_detail);
  else
    g_set_error_literal (error, MSK_ERROR, code, fallback);
}

/* The fields a problem's `errors` name, with their messages. */
static GHashTable *
dup_field_errors (JsonNode *root)
{
  g_autoptr(GHashTable) fields = NULL;
  JsonObject *problem;
  JsonArray *errors;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  problem = json_node_get_object (root);
  if (!json_object_has_member (problem, "errors")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (problem, "errors")))
    return NULL;

  errors = json_object_get_array_member (problem, "errors");
  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode *element = json_array_get_element (errors, i);
      JsonObject *error;
      JsonNode *field;
      JsonNode *message;
      JsonNode *question;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      error = json_node_get_object (element);
      field = json_object_get_member (error, "field");
      message = json_object_get_member (error, "message");
      question = json_object_get_member (error, "question_id");
      if (message == NULL || json_node_get_value_type (message) != G_TYPE_STRING)
        continue;
      if (question != NULL && json_node_get_value_type (question) == G_TYPE_INT64)
        key = g_strdup_printf ("/answers/%" G_GINT64_FORMAT, json_node_get_int (question));
      else if (field != NULL && json_node_get_value_type (field) == G_TYPE_STRING)
        key = g_strdup (json_node_get_string (field));
      else
        continue;
      /* the first message a field gets is the one said */
      if (g_hash_table_contains (fields, key))
        g_free (key);
      else
        g_hash_table_insert (fields, key, msk_json_plain_text (json_node_get_string (message)));
    }

  return g_hash_table_size (fields) > 0 ? g_steal_pointer (&fields) : NULL;
}

/**
 * msk_http_reply_dup_field_errors:
 * @reply: a reply
 *
 * The fields a refusal names, from its problem's `errors`: each a JSON
 * pointer into what was sent ("/password"), or "/answers/ID" for a
 * survey's question, with the server's message, as plain text.
 *
 * Returns: (transfer full) (nullable): field → message, or %NULL when the
 *   reply names no field
 */
GHashTable *
msk_http_reply_dup_field_errors (MskHttpReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (reply->problem == NULL)
    return NULL;
  return dup_field_errors (reply->root);
}

/**
 * msk_http_problem_dup_field_errors:
 * @problem: (nullable): a problem detail as JSON text, as an outbox item
 *   keeps it
 *
 * Like msk_http_reply_dup_field_errors(), for a problem kept as text.
 *
 * Returns: (transfer full) (nullable): field → message, or %NULL
 */
GHashTable *
msk_http_problem_dup_field_errors (const char *problem)
{
  g_autoptr(JsonParser) parser = NULL;

  if (problem == NULL || !msk_wire_json_depth_ok (problem, strlen (problem), 8))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, problem, -1, NULL))
    return NULL;
  return dup_field_errors (json_parser_get_root (parser));
}

/**
 * msk_http_reply_check:
 * @reply: a reply
 * @error: return location for the failure
 *
 * Returns: %TRUE for 2xx and 304; otherwise sets an #MskError that says
 *   what happened, with the server's problem detail when it sent one.
 */
gboolean
msk_http_reply_check (MskHttpReply  *reply,
                      GError       **error)
{
  guint status = reply->status;

  if ((status >= 200 && status < 300) || status == 304)
    return TRUE;

  if (status == 401 || status == 403)
    set_refused (error, MSK_ERROR_UNAUTHORIZED, reply,
                 _("You need to sign in again to do this."));
  else if (status == 404 || status == 410)
    set_refused (error, MSK_ERROR_NOT_FOUND, reply,
                 _("This item is no longer available on the portal."));
  else if (status == 429 || (status == 400 && reply->retry_after >= 0))
    /* Open311 has no 429: it says "too many requests" with 400 and Retry-After. */
    g_set_error_literal (error, MSK_ERROR, MSK_ERROR_BUSY,
                         _("The portal is busy. The app will try again shortly."));
  else if (status >= 500)
    g_set_error (error, MSK_ERROR, MSK_ERROR_SERVER,
                 /* Translators: %u is an HTTP status code such as 500 */
                 _("The portal had a problem (error %u). The app will try again later."), status);
  else if (status >= 400)
    set_refused (error, MSK_ERROR_REFUSED, reply, _("The portal did not accept the request."));
  else if (status >= 300 && status < 400)
    /* Redirects are not followed: they could lead anywhere, or in a circle. */
    g_set_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA,
                 /* Translators: %u is an HTTP status code such as 302 */
                 _("The portal tried to send the app to another address (status %u). The app "
                   "does not follow it, for your safety."), status);
  else
    g_set_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA,
                 /* Translators: %u is an HTTP status code such as 302 */
                 _("The portal gave an unexpected answer (status %u)."), status);
  return FALSE;
}

static void
msk_http_finalize (GObject *object)
{
  MskHttp *self = MSK_HTTP (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->assisted, g_free);

  G_OBJECT_CLASS (msk_http_parent_class)->finalize (object);
}

static void
msk_http_class_init (MskHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_http_finalize;

  /**
   * MskHttp::reachable:
   * @self: the HTTP layer
   *
   * A portal answered after a request found none (refused, unreachable,
   * timed out). On loopback and behind a captive network the network
   * monitor says nothing then: this is how the outbox learns it may send.
   */
  signals[SIGNAL_REACHABLE] = g_signal_new ("reachable", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
msk_http_init (MskHttp *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Musharaka/%s", PACKAGE_VERSION);

  /* TLS: the session verifies certificates against the system database, and
   * nothing here accepts a certificate that fails verification. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", MSK_HTTP_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 4,
                                                 NULL);
  self->max_body = MSK_HTTP_DEFAULT_MAX_BODY;
  self->max_depth = MSK_HTTP_DEFAULT_MAX_DEPTH;
  self->timeout = MSK_HTTP_DEFAULT_TIMEOUT;
}

/**
 * msk_http_new:
 *
 * Returns: (transfer full): the HTTP layer the whole app shares: one
 *   #SoupSession with a timeout, a user agent and the UI language.
 */
MskHttp *
msk_http_new (void)
{
  return g_object_new (MSK_TYPE_HTTP, NULL);
}

SoupSession *
msk_http_get_session (MskHttp *self)
{
  g_return_val_if_fail (MSK_IS_HTTP (self), NULL);
  return self->session;
}

/**
 * msk_http_set_language:
 * @language: (nullable): "ar", "en", or %NULL to follow msk_language_effective()
 */
void
msk_http_set_language (MskHttp    *self,
                       const char *language)
{
  g_return_if_fail (MSK_IS_HTTP (self));
  g_free (self->language);
  self->language = g_strdup (language);
}

/**
 * msk_http_dup_language:
 *
 * Returns: (transfer full): the language replies are asked for and localized
 *   strings are resolved to.
 */
char *
msk_http_dup_language (MskHttp *self)
{
  g_return_val_if_fail (MSK_IS_HTTP (self), NULL);
  return g_strdup (self->language != NULL ? self->language : msk_language_effective ());
}

void
msk_http_set_timeout (MskHttp *self,
                      guint    seconds)
{
  g_return_if_fail (MSK_IS_HTTP (self));
  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * msk_http_set_limits:
 * @max_body: the largest body accepted, in bytes
 * @max_depth: the deepest nesting of JSON arrays and objects accepted
 */
void
msk_http_set_limits (MskHttp *self,
                     gsize    max_body,
                     guint    max_depth)
{
  g_return_if_fail (MSK_IS_HTTP (self));
  self->max_body = max_body;
  self->max_depth = max_depth;
}

/**
 * msk_http_set_assisted_session:
 * @session_id: (nullable): the id of an assisted session, or %NULL
 *
 * Every request that submits something (any method but GET and HEAD)
 * names @session_id in the Musharaka-Assisted-Session header: the portal
 * records that a staff member of a service center helped.
 */
void
msk_http_set_assisted_session (MskHttp    *self,
                               const char *session_id)
{
  g_return_if_fail (MSK_IS_HTTP (self));
  g_free (self->assisted);
  self->assisted = g_strdup (session_id);
}

const char *
msk_http_get_assisted_session (MskHttp *self)
{
  g_return_val_if_fail (MSK_IS_HTTP (self), NULL);
  return self->assisted;
}

gsize
msk_http_get_max_body (MskHttp *self)
{
  return self->max_body;
}

guint
msk_http_get_max_depth (MskHttp *self)
{
  return self->max_depth;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      gsize len = strlen (bare);

      if (len > 2 && bare[len - 1] == ']')
        {
          bare[len - 1] = '\0';
          memmove (bare, bare + 1, len - 1);
        }
    }
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * msk_http_check_uri:
 * @uri: an absolute URI
 * @error: return location for the refusal
 *
 * Returns: whether the app may talk to @uri: https anywhere, plain http
 *   only to this computer (loopback).
 */
gboolean
msk_http_check_uri (const char  *uri,
                    GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_set_error (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                   /* Translators: %s is a web address */
                   _("“%s” is not a valid portal address."), uri);
      return FALSE;
    }

  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (parsed)))
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error (error, MSK_ERROR, MSK_ERROR_INSECURE,
                 /* Translators: %s is a web address */
                 _("“%s” does not use a secure connection (https), so the app will not use it."),
                 uri);
  else
    g_set_error (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                 _("“%s” is not a valid portal address."), uri);
  return FALSE;
}

static gboolean
parse_origin (const char  *uri,
              char       **scheme,
              char       **host,
              int         *port)
{
  g_autoptr(GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return FALSE;
  *scheme = g_ascii_strdown (g_uri_get_scheme (parsed), -1);
  *host = g_ascii_strdown (g_uri_get_host (parsed), -1);
  *port = g_uri_get_port (parsed);
  if (*port == -1)
    *port = g_str_equal (*scheme, "https") ? 443 : g_str_equal (*scheme, "http") ? 80 : -1;
  return TRUE;
}

/**
 * msk_http_same_origin:
 * @uri: (nullable): an absolute URI
 * @other: (nullable): another
 *
 * Returns: whether @uri and @other have the same scheme, host and port
 *   (an omitted port is the scheme's own). The portal's token goes only
 *   where this holds.
 */
gboolean
msk_http_same_origin (const char *uri,
                      const char *other)
{
  g_autofree char *scheme_a = NULL;
  g_autofree char *scheme_b = NULL;
  g_autofree char *host_a = NULL;
  g_autofree char *host_b = NULL;
  int port_a, port_b;

  if (!parse_origin (uri, &scheme_a, &host_a, &port_a)
      || !parse_origin (other, &scheme_b, &host_b, &port_b))
    return FALSE;
  return g_str_equal (scheme_a, scheme_b) && g_str_equal (host_a, host_b) && port_a == port_b;
}

/**
 * msk_http_parse_json:
 * @bytes: a JSON text
 *
 * Parses @bytes after checking its size and depth against the limits.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
msk_http_parse_json (MskHttp  *self,
                     GBytes   *bytes,
                     GError  **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  data = g_bytes_get_data (bytes, &length);
  if (length > self->max_body)
    {
      msk_error_set_too_large (error);
      return NULL;
    }
  if (!msk_wire_json_depth_ok (data, length, self->max_depth))
    {
      msk_error_set_too_deep (error);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, length > 0 ? data : "", length, &local_error))
    {
      msk_json_set_invalid (error, "%s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      msk_json_set_invalid (error, "empty document");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/**
 * msk_http_parse_xml:
 * @bytes: an Open311 XML text
 *
 * Reads @bytes, within the same size and depth limits as JSON, into the
 * JSON tree of its JSON form (see msk_xml_read_open311()).
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
msk_http_parse_xml (MskHttp  *self,
                    GBytes   *bytes,
                    GError  **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length > self->max_body)
    {
      msk_error_set_too_large (error);
      return NULL;
    }
  return msk_xml_read_open311 (length > 0 ? data : "", length, self->max_depth, error);
}

/**
 * msk_http_parse_body:
 * @bytes: a reply body kept without its media type (the offline cache)
 *
 * Parses @bytes as XML when it starts with `<`, as JSON otherwise.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
msk_http_parse_body (MskHttp  *self,
                     GBytes   *bytes,
                     GError  **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (msk_xml_sniff (data, length))
    return msk_http_parse_xml (self, bytes, error);
  return msk_http_parse_json (self, bytes, error);
}

typedef struct
{
  SoupMessage  *message;      /* (owned) */
  GInputStream *stream;       /* (owned) (nullable) */
  GByteArray   *buffer;       /* (owned) */
  GCancellable *cancellable;  /* (owned): the caller's, or the deadline's */
  GCancellable *caller;       /* (owned) (nullable): the caller's cancellable */
  gulong        caller_id;
  GSource      *deadline;     /* (owned) (nullable) */
  gboolean      timed_out;
} SendData;

static void
send_data_free (SendData *data)
{
  if (data->deadline != NULL)
    g_source_destroy (data->deadline);
  g_clear_pointer (&data->deadline, g_source_unref);
  if (data->caller != NULL)
    g_cancellable_disconnect (data->caller, data->caller_id);
  g_clear_object (&data->caller);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

/* Maps a transport failure to the error domain; cancellation passes through. */
static void
propagate_transport_error (GTask    *task,
                           GError   *error,
                           gboolean  during_body)
{
  SendData *data = g_task_get_task_data (task);
  MskError code = MSK_ERROR_OFFLINE;
  const char *message;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !data->timed_out)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("HTTP transport error: %s", error->message);
  MSK_HTTP (g_task_get_source_object (task))->unreachable = TRUE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) || data->timed_out)
    code = MSK_ERROR_TIMEOUT;
  else if (error->domain == G_TLS_ERROR)
    code = MSK_ERROR_INSECURE;
  else if (during_body || error->domain == SOUP_SESSION_ERROR)
    code = MSK_ERROR_INVALID_DATA;   /* cut short, or not HTTP */
  /* Anything else before an answer began (refused, reset, unreachable,
   * closed without a word): the portal cannot be reached. */

  switch (code)
    {
    case MSK_ERROR_TIMEOUT:
      message = _("The portal did not answer in time. The app will try again later.");
      break;
    case MSK_ERROR_INSECURE:
      message = _("The portal’s security certificate could not be verified, so the app did not "
                  "connect.");
      break;
    case MSK_ERROR_INVALID_DATA:
      message = _("The portal’s reply was cut short or damaged. The app will try again later.");
      break;
    case MSK_ERROR_OFFLINE:
    default:
      message = _("The portal cannot be reached. Check the internet connection.");
      break;
    }

  g_task_return_new_error (task, MSK_ERROR, code, "%s", message);
  g_error_free (error);
}

static gboolean
media_type_is_json (const char *type)
{
  return type != NULL
         && (g_str_equal (type, "application/json") || g_str_has_suffix (type, "+json"));
}

static gboolean
media_type_is_xml (const char *type)
{
  return type != NULL
         && (g_str_equal (type, "text/xml") || g_str_equal (type, "application/xml")
             || g_str_has_suffix (type, "+xml"));
}

static void
parse_problem (MskHttp      *self,
               MskHttpReply *reply)
{
  g_autofree char *language = msk_http_dup_language (self);
  JsonObject *object;
  JsonNode *node;
  const char *text;

  if (reply->root == NULL)
    return;

  reply->problem = json_to_string (reply->root, FALSE);

  /* Open311 errors: [{"code": 403, "description": "…"}], or their XML
   * <errors><error><code/><description/></error></errors> */
  if (JSON_NODE_HOLDS_ARRAY (reply->root))
    {
      JsonArray *array = json_node_get_array (reply->root);

      if (json_array_get_length (array) > 0
          && JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
        {
          object = json_array_get_object_element (array, 0);
          node = json_object_get_member (object, "description");
          text = msk_json_pick_language (node, language);
          reply->problem_detail = msk_json_plain_text (text);
        }
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (reply->root))
    return;

  object = json_node_get_object (reply->root);

  node = json_object_get_member (object, "title");
  text = msk_json_pick_language (node, language);
  reply->problem_title = msk_json_plain_text (text);

  node = json_object_get_member (object, "detail");
  text = msk_json_pick_language (node, language);
  reply->problem_detail = msk_json_plain_text (text);
}

static void
finish_reply (GTask *task)
{
  MskHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(MskHttpReply) reply = msk_http_reply_new ();
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  const char *value;
  g_autoptr(GError) error = NULL;

  /* A body shorter than its Content-Length was cut short. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) != (goffset) data->buffer->len
      && soup_message_get_status (data->message) != 304
      && g_strcmp0 (soup_message_get_method (data->message), "HEAD") != 0)
    {
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_INVALID_DATA, "%s",
                               _("The portal’s reply was cut short or damaged. The app will try "
                                 "again later."));
      return;
    }

  reply->status = soup_message_get_status (data->message);
  reply->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  reply->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  reply->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));

  value = soup_message_headers_get_one (headers, "Retry-After");
  if (value != NULL)
    {
      char *end = NULL;
      guint64 seconds = g_ascii_strtoull (value, &end, 10);

      if (end != value && *end == '\0')
        reply->retry_after = (gint64) MIN (seconds, 24 * 3600);
      else
        {
          g_autoptr(GDateTime) when = NULL;
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          GDateTime *parsed = soup_date_time_new_from_http_string (value);

          when = parsed;
          if (when != NULL)
            reply->retry_after = MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
        }
    }

  if (reply->status != 304 && g_bytes_get_size (reply->body) > 0
      && (media_type_is_json (reply->content_type) || media_type_is_xml (reply->content_type)))
    {
      if (media_type_is_xml (reply->content_type))
        reply->root = msk_http_parse_xml (self, reply->body, &error);
      else
        reply->root = msk_http_parse_json (self, reply->body, &error);
      if (reply->root == NULL)
        {
          /* An error page that is not valid JSON is still a failure status. */
          if (reply->status >= 200 && reply->status < 300)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          g_clear_error (&error);
        }
    }
  else if (reply->status >= 200 && reply->status < 300
           && g_ascii_strcasecmp (reply->content_type != NULL ? reply->content_type : "",
                                  "text/html") == 0)
    {
      /* A captive portal's sign-in page, a web site at the portal's address. */
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_INVALID_DATA, "%s",
                               _("The portal answered with a web page instead of its data. The "
                                 "address may not be a participation portal, or the network "
                                 "asks you to sign in first."));
      return;
    }
  else if (reply->status >= 200 && reply->status < 300 && g_bytes_get_size (reply->body) > 0
           && reply->content_type != NULL && !g_str_has_prefix (reply->content_type, "text/"))
    {
      /* Open data exports are text; anything else is not a reply of this API. */
      msk_json_set_invalid (&error, "unexpected content type %s", reply->content_type);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (reply->status >= 400)
    parse_problem (self, reply);

  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) msk_http_reply_unref);
}

static void read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_next (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->cancellable, read_cb, task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      propagate_transport_error (task, error, TRUE);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      finish_reply (task);
      return;
    }

  if (data->buffer->len + g_bytes_get_size (chunk) > self->max_body)
    {
      msk_error_set_too_large (&error);
      g_task_return_error (task, error);
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next (g_steal_pointer (&task));
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskHttp *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  goffset length;
  GError *error = NULL;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      propagate_transport_error (task, error, FALSE);
      return;
    }

  if (self->unreachable)
    {
      self->unreachable = FALSE;
      g_signal_emit (self, signals[SIGNAL_REACHABLE], 0);
    }

  headers = soup_message_get_response_headers (data->message);
  length = soup_message_headers_get_content_length (headers);
  if (length > 0 && (guint64) length > self->max_body)
    {
      msk_error_set_too_large (&error);
      g_task_return_error (task, error);
      return;
    }

  read_next (g_steal_pointer (&task));
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static gboolean
deadline_cb (gpointer user_data)
{
  SendData *data = user_data;

  g_debug ("HTTP: no whole reply within the deadline: %s",
           g_uri_get_path (soup_message_get_uri (data->message)));
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static char *
accept_language (const char *language)
{
  if (g_strcmp0 (language, "ar") == 0)
    return g_strdup ("ar, en;q=0.5");
  return g_strdup_printf ("%s, ar;q=0.5", language);
}

/**
 * msk_http_send_async:
 * @request: what to send; copied before the call returns
 *
 * Sends @request and reads the whole reply, within the size and depth
 * limits. Redirects are not followed (they could leave https).
 */
void
msk_http_send_async (MskHttp              *self,
                     const MskHttpRequest *request,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = NULL;
  g_autofree char *languages = NULL;
  SoupMessageHeaders *headers;
  SendData *data;

  g_return_if_fail (MSK_IS_HTTP (self));
  g_return_if_fail (request != NULL && request->uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_http_send_async);

  if (!msk_http_check_uri (request->uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SendData, 1);
  data->buffer = g_byte_array_new ();
  data->message = soup_message_new (request->method != NULL ? request->method : "GET",
                                    request->uri);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  if (data->message == NULL)
    {
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                               _("“%s” is not a valid portal address."), request->uri);
      return;
    }

  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->message);
  language = msk_http_dup_language (self);
  languages = accept_language (language);
  soup_message_headers_replace (headers, "Accept-Language", languages);
  soup_message_headers_replace (headers, "Accept",
                                "application/json, application/problem+json;q=0.9, "
                                "text/xml;q=0.5");
  if (request->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", request->if_none_match);
  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
  if (self->assisted != NULL && g_strcmp0 (request->method, "GET") != 0
      && g_strcmp0 (request->method, "HEAD") != 0 && request->method != NULL)
    soup_message_headers_replace (headers, MSK_HTTP_ASSISTED_HEADER, self->assisted);
  if (request->bearer != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", request->bearer);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (data->message,
                                              request->content_type != NULL
                                                ? request->content_type
                                                : "application/json",
                                              request->body);

  /* The session's timeout bounds each read; the deadline bounds the whole
   * exchange, which a reply trickling in byte by byte would not be. */
  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                               data->cancellable, NULL);
    }
  if (self->timeout > 0)
    {
      data->deadline = g_timeout_source_new_seconds (self->timeout * MSK_HTTP_DEADLINE_FACTOR);
      g_source_set_callback (data->deadline, deadline_cb, data, NULL);
      g_source_set_static_name (data->deadline, "[musharaka] reply deadline");
      g_source_attach (data->deadline, g_main_context_get_thread_default ());
    }

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, g_steal_pointer (&task));
}

/**
 * msk_http_send_finish:
 *
 * Returns: (transfer full): the reply, whatever its status; %NULL with an
 *   #MskError when no complete reply arrived (or %G_IO_ERROR_CANCELLED).
 */
MskHttpReply *
msk_http_send_finish (MskHttp       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
