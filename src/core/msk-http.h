/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "msk-wire-json.h"

G_BEGIN_DECLS

/**
 * MskHttpReply:
 * @status: the HTTP status code
 * @etag: (nullable): the ETag header
 * @content_type: (nullable): the media type, without parameters
 * @body: (nullable): the body as received
 * @root: (nullable): the parsed JSON body, for JSON media types; for XML
 *   ones (Open311), the JSON tree of the same reply in its JSON form
 * @retry_after: seconds the server asked to wait (429, 503, an Open311 400), or -1
 * @problem: (nullable): the problem detail of a failed request, as JSON text
 * @problem_title: (nullable): its title in the current language
 * @problem_detail: (nullable): its detail in the current language
 *
 * What a server answered. Every status is a reply; use
 * msk_http_reply_check() to turn a failure status into a #MskError.
 */
typedef struct
{
  guint     status;
  char     *etag;
  char     *content_type;
  GBytes   *body;
  JsonNode *root;
  gint64    retry_after;
  char     *problem;
  char     *problem_title;
  char     *problem_detail;
} MskHttpReply;

#define MSK_TYPE_HTTP_REPLY (msk_http_reply_get_type ())

GType         msk_http_reply_get_type (void) G_GNUC_CONST;
MskHttpReply *msk_http_reply_ref      (MskHttpReply  *reply);
void          msk_http_reply_unref    (MskHttpReply  *reply);
gboolean      msk_http_reply_check    (MskHttpReply  *reply,
                                       GError       **error);
GHashTable   *msk_http_reply_dup_field_errors (MskHttpReply *reply);
GHashTable   *msk_http_problem_dup_field_errors (const char *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskHttpReply, msk_http_reply_unref)

/**
 * MskHttpRequest:
 * @method: "GET", "POST", "PUT", …
 * @uri: the absolute URI
 * @body: (nullable): the request body
 * @content_type: (nullable): its media type
 * @if_none_match: (nullable): an ETag to revalidate
 * @idempotency_key: (nullable): sent as Idempotency-Key
 * @bearer: (nullable): sent as `Authorization: Bearer …`
 *
 * A request, described by value; the strings are borrowed for the call.
 */
typedef struct
{
  const char *method;
  const char *uri;
  GBytes     *body;
  const char *content_type;
  const char *if_none_match;
  const char *idempotency_key;
  const char *bearer;
} MskHttpRequest;

#define MSK_TYPE_HTTP (msk_http_get_type ())
G_DECLARE_FINAL_TYPE (MskHttp, msk_http, MSK, HTTP, GObject)

#define MSK_HTTP_DEFAULT_TIMEOUT   30
/* A whole exchange (the request, and the reply's every byte) may take this
 * many times the timeout, which bounds each read or write alone. */
#define MSK_HTTP_DEADLINE_FACTOR   4
#define MSK_HTTP_DEFAULT_MAX_BODY  MSK_WIRE_REPLY_MAX_BODY
#define MSK_HTTP_DEFAULT_MAX_DEPTH MSK_WIRE_REPLY_MAX_DEPTH

MskHttp      *msk_http_new            (void);
SoupSession  *msk_http_get_session    (MskHttp              *self);
void          msk_http_set_language   (MskHttp              *self,
                                       const char           *language);
char         *msk_http_dup_language   (MskHttp              *self);
void          msk_http_set_timeout    (MskHttp              *self,
                                       guint                 seconds);
void          msk_http_set_limits     (MskHttp              *self,
                                       gsize                 max_body,
                                       guint                 max_depth);
gsize         msk_http_get_max_body   (MskHttp              *self);
guint         msk_http_get_max_depth  (MskHttp              *self);

/* The header that names an assisted session on each submission. */
#define MSK_HTTP_ASSISTED_HEADER "Musharaka-Assisted-Session"

void          msk_http_set_assisted_session (MskHttp        *self,
                                             const char     *session_id);
const char   *msk_http_get_assisted_session (MskHttp        *self);

gboolean      msk_http_check_uri      (const char           *uri,
                                       GError              **error);
gboolean      msk_http_same_origin    (const char           *uri,
                                       const char           *other);
JsonNode     *msk_http_parse_json     (MskHttp              *self,
                                       GBytes               *bytes,
                                       GError              **error);
JsonNode     *msk_http_parse_xml      (MskHttp              *self,
                                       GBytes               *bytes,
                                       GError              **error);
JsonNode     *msk_http_parse_body     (MskHttp              *self,
                                       GBytes               *bytes,
                                       GError              **error);

void          msk_http_send_async     (MskHttp              *self,
                                       const MskHttpRequest *request,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
MskHttpReply *msk_http_send_finish    (MskHttp              *self,
                                       GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
