/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#include "msk-test-open311-server.h"
#include "msk-test-util.h"

#define ENDPOINT "/open311/v2"
#define SERVICES_ETAG "\"services-1\""

/* The services of the specification's example, and the attribute of its
 * service definition example (for the first one). */
static const struct
{
  const char *code, *name, *description, *group;
} services[] = {
  { "001", "Cans left out 24x7",
    "Garbage or recycling cans that have been left out for more than 24 hours after collection. "
    "Violators will be cited.", "sanitation" },
  { "002", "Construction plate shifted",
    "Metal construction plate covering the street or sidewalk has been moved.", "street" },
  { "003", "Curb or curb ramp defect",
    "Sidewalk curb or ramp has problems such as cracking, missing pieces, holes, and/or chipped "
    "curb.", "street" },
};

typedef struct
{
  char      *id;
  guint      service;
  char      *description;
  char      *address;
  char      *detailed_status;  /* (nullable): CitySDK's, once staff moved it */
  char      *status_notes;     /* (nullable) */
  GDateTime *requested;
  GDateTime *updated;
  GPtrArray *history;          /* (element-type Move): what staff did, in order */
} Request;

typedef struct
{
  char      *detailed_status;
  char      *status_notes;
  GDateTime *at;
} Move;

static void
move_free (Move *move)
{
  g_free (move->detailed_status);
  g_free (move->status_notes);
  g_date_time_unref (move->at);
  g_free (move);
}

struct _MskTestOpen311Server
{
  SoupServer *server;
  char       *url;
  char       *api_key;
  GPtrArray  *requests;   /* (element-type Request) */
  GHashTable *last_form;  /* field → value of the last POST */
  guint       next_id;
  guint       n_json;
  guint       n_xml;
  gboolean    lists_json;
  gboolean    no_discovery;
  char       *jurisdiction_id;  /* (nullable): required when set */
};

static void
request_free (Request *request)
{
  g_free (request->id);
  g_free (request->description);
  g_free (request->address);
  g_free (request->detailed_status);
  g_free (request->status_notes);
  g_date_time_unref (request->requested);
  g_date_time_unref (request->updated);
  g_ptr_array_unref (request->history);
  g_free (request);
}

/* Writing */

typedef struct
{
  xmlBufferPtr     buffer;
  xmlTextWriterPtr writer;
} Doc;

static void
doc_begin (Doc        *doc,
           const char *root)
{
  doc->buffer = xmlBufferCreate ();
  doc->writer = xmlNewTextWriterMemory (doc->buffer, 0);
  xmlTextWriterSetIndent (doc->writer, 1);
  xmlTextWriterSetIndentString (doc->writer, BAD_CAST "    ");
  xmlTextWriterStartDocument (doc->writer, NULL, "utf-8", NULL);
  xmlTextWriterStartElement (doc->writer, BAD_CAST root);
}

static void
element (Doc        *doc,
         const char *name,
         const char *text)
{
  /* An empty element for a null value, as in the specification's examples. */
  xmlTextWriterStartElement (doc->writer, BAD_CAST name);
  if (text != NULL)
    xmlTextWriterWriteString (doc->writer, BAD_CAST text);
  xmlTextWriterEndElement (doc->writer);
}

static void
element_time (Doc        *doc,
              const char *name,
              GDateTime  *time)
{
  g_autofree char *text = time != NULL ? g_date_time_format (time, "%FT%T%:z") : NULL;

  element (doc, name, text);
}

static void
doc_reply (Doc               *doc,
           SoupServerMessage *msg,
           guint              status)
{
  xmlTextWriterEndDocument (doc->writer);
  xmlFreeTextWriter (doc->writer);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_COPY,
                                    (const char *) xmlBufferContent (doc->buffer),
                                    xmlBufferLength (doc->buffer));
  xmlBufferFree (doc->buffer);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *description)
{
  g_autofree char *code = g_strdup_printf ("%u", status);
  Doc doc;

  doc_begin (&doc, "errors");
  xmlTextWriterStartElement (doc.writer, BAD_CAST "error");
  element (&doc, "code", code);
  element (&doc, "description", description);
  xmlTextWriterEndElement (doc.writer);
  doc_reply (&doc, msg, status);
}

static void
reply_discovery (MskTestOpen311Server *self,
                 SoupServerMessage    *msg)
{
  g_autofree char *url = g_strconcat (self->url, ENDPOINT, NULL);
  Doc doc;

  doc_begin (&doc, "discovery");
  element (&doc, "changeset", "2026-11-01 00:00");
  element (&doc, "contact", "You can email or call for assistance api@city.test");
  element (&doc, "key_service", "You can request a key here: https://city.test/api_key");
  xmlTextWriterStartElement (doc.writer, BAD_CAST "endpoints");
  xmlTextWriterStartElement (doc.writer, BAD_CAST "endpoint");
  element (&doc, "specification", "http://wiki.open311.org/GeoReport_v2");
  element (&doc, "url", url);
  element (&doc, "changeset", "2026-11-01 00:00");
  element (&doc, "type", "production");
  xmlTextWriterStartElement (doc.writer, BAD_CAST "formats");
  element (&doc, "format", "text/xml");
  if (self->lists_json)
    element (&doc, "format", "application/json");
  xmlTextWriterEndElement (doc.writer);
  xmlTextWriterEndElement (doc.writer);
  xmlTextWriterEndElement (doc.writer);
  doc_reply (&doc, msg, 200);
}

static void
reply_services (SoupServerMessage *msg)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  Doc doc;

  soup_message_headers_replace (out, "ETag", SERVICES_ETAG);
  if (g_strcmp0 (soup_message_headers_get_one (in, "If-None-Match"), SERVICES_ETAG) == 0)
    {
      soup_server_message_set_status (msg, 304, NULL);
      return;
    }

  doc_begin (&doc, "services");
  for (gsize i = 0; i < G_N_ELEMENTS (services); i++)
    {
      xmlTextWriterStartElement (doc.writer, BAD_CAST "service");
      element (&doc, "service_code", services[i].code);
      element (&doc, "service_name", services[i].name);
      element (&doc, "description", services[i].description);
      element (&doc, "metadata", "true");
      element (&doc, "type", "realtime");
      element (&doc, "keywords", "lorem, ipsum, dolor");
      element (&doc, "group", services[i].group);
      xmlTextWriterEndElement (doc.writer);
    }
  doc_reply (&doc, msg, 200);
}

static gssize
find_service (const char *code)
{
  for (gsize i = 0; code != NULL && i < G_N_ELEMENTS (services); i++)
    if (g_str_equal (services[i].code, code))
      return (gssize) i;
  return -1;
}

static void
reply_definition (SoupServerMessage *msg,
                  const char        *code)
{
  gssize service = find_service (code);
  Doc doc;

  if (service < 0)
    {
      reply_error (msg, 404, "service_code provided was not found");
      return;
    }
  doc_begin (&doc, "service_definition");
  element (&doc, "service_code", code);
  xmlTextWriterStartElement (doc.writer, BAD_CAST "attributes");
  if (service == 0)
    {
      static const char *const values[][2] = { { "123", "Ford" }, { "124", "Chrysler" } };

      xmlTextWriterStartElement (doc.writer, BAD_CAST "attribute");
      element (&doc, "variable", "true");
      element (&doc, "code", "WHISHETN");
      element (&doc, "datatype", "singlevaluelist");
      element (&doc, "required", "true");
      element (&doc, "datatype_description", NULL);
      element (&doc, "order", "1");
      element (&doc, "description", "What is the ticket/tag/DL number?");
      xmlTextWriterStartElement (doc.writer, BAD_CAST "values");
      for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
        {
          xmlTextWriterStartElement (doc.writer, BAD_CAST "value");
          element (&doc, "key", values[i][0]);
          element (&doc, "name", values[i][1]);
          xmlTextWriterEndElement (doc.writer);
        }
      xmlTextWriterEndElement (doc.writer);
      xmlTextWriterEndElement (doc.writer);
    }
  xmlTextWriterEndElement (doc.writer);
  doc_reply (&doc, msg, 200);
}

static void
write_request (Doc      *doc,
               Request  *request,
               gboolean  extensions)
{
  gboolean closed = g_strcmp0 (request->detailed_status, "PROCESSED") == 0;

  xmlTextWriterStartElement (doc->writer, BAD_CAST "request");
  element (doc, "service_request_id", request->id);
  element (doc, "status", closed ? "closed" : "open");
  element (doc, "status_notes", request->status_notes);
  element (doc, "service_name", services[request->service].name);
  element (doc, "service_code", services[request->service].code);
  element (doc, "description", request->description);
  element (doc, "agency_responsible", NULL);
  element (doc, "service_notice", NULL);
  element_time (doc, "requested_datetime", request->requested);
  element_time (doc, "updated_datetime", request->updated);
  element (doc, "expected_datetime", NULL);
  element (doc, "address", request->address);
  element (doc, "address_id", NULL);
  element (doc, "zipcode", NULL);
  element (doc, "lat", NULL);
  element (doc, "long", NULL);
  element (doc, "media_url", NULL);
  if (extensions)
    {
      /* CitySDK's extension, as musharaka-server writes it */
      element (doc, "detailed_status", request->detailed_status);
      xmlTextWriterStartElement (doc->writer, BAD_CAST "extended_attributes");
      element (doc, "detailed_status", request->detailed_status);
      element (doc, "original_request", NULL);
      xmlTextWriterStartElement (doc->writer, BAD_CAST "history");
      for (guint i = 0; i < request->history->len; i++)
        {
          Move *move = g_ptr_array_index (request->history, i);

          xmlTextWriterStartElement (doc->writer, BAD_CAST "entry");
          element (doc, "detailed_status", move->detailed_status);
          element (doc, "status_notes", move->status_notes);
          element_time (doc, "datetime", move->at);
          xmlTextWriterEndElement (doc->writer);
        }
      xmlTextWriterEndElement (doc->writer);
      xmlTextWriterEndElement (doc->writer);
    }
  xmlTextWriterEndElement (doc->writer);
}

static Request *
find_request (MskTestOpen311Server *self,
              const char           *id)
{
  for (guint i = 0; i < self->requests->len; i++)
    {
      Request *request = g_ptr_array_index (self->requests, i);

      if (g_str_equal (request->id, id))
        return request;
    }
  return NULL;
}

static void
reply_request (MskTestOpen311Server *self,
               SoupServerMessage    *msg,
               const char           *id,
               GHashTable           *query)
{
  Request *request = find_request (self, id);
  Doc doc;

  if (request == NULL)
    {
      reply_error (msg, 404, "service_request_id provided was not found");
      return;
    }
  doc_begin (&doc, "service_requests");
  write_request (&doc, request,
                 query != NULL && g_strcmp0 (g_hash_table_lookup (query, "extensions"), "true") == 0);
  doc_reply (&doc, msg, 200);
}

/* As the specification says for an endpoint with several jurisdictions. */
static gboolean
check_jurisdiction (MskTestOpen311Server *self,
                    SoupServerMessage    *msg,
                    const char           *jurisdiction_id)
{
  if (self->jurisdiction_id == NULL)
    return TRUE;
  if (jurisdiction_id == NULL)
    reply_error (msg, 400, "jurisdiction_id was not provided");
  else if (!g_str_equal (jurisdiction_id, self->jurisdiction_id))
    reply_error (msg, 404, "jurisdiction_id provided was not found");
  return g_strcmp0 (jurisdiction_id, self->jurisdiction_id) == 0;
}

static void
post_request (MskTestOpen311Server *self,
              SoupServerMessage    *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  GHashTable *form = soup_form_decode (text);
  const char *description;
  gssize service;
  Request *request;
  Doc doc;

  g_clear_pointer (&self->last_form, g_hash_table_unref);
  self->last_form = form;

  if (!check_jurisdiction (self, msg, g_hash_table_lookup (form, "jurisdiction_id")))
    return;
  if (g_strcmp0 (g_hash_table_lookup (form, "api_key"), self->api_key) != 0)
    {
      reply_error (msg, 403, "Invalid api_key received -- can't proceed with create_request.");
      return;
    }
  service = find_service (g_hash_table_lookup (form, "service_code"));
  if (service < 0)
    {
      reply_error (msg, 404, "service_code was not found");
      return;
    }
  if (service == 0 && g_hash_table_lookup (form, "attribute[WHISHETN]") == NULL)
    {
      reply_error (msg, 400, "attribute[WHISHETN] (What is the ticket/tag/DL number?) is "
                             "required");
      return;
    }
  description = g_hash_table_lookup (form, "description");

  request = g_new0 (Request, 1);
  request->id = g_strdup_printf ("%u", self->next_id++);
  request->service = (guint) service;
  request->description = g_strdup (description);
  request->address = g_strdup (g_hash_table_lookup (form, "address_string"));
  request->requested = g_date_time_new_now_local ();
  request->updated = g_date_time_ref (request->requested);
  request->history = g_ptr_array_new_with_free_func ((GDestroyNotify) move_free);
  g_ptr_array_add (self->requests, request);

  doc_begin (&doc, "service_requests");
  xmlTextWriterStartElement (doc.writer, BAD_CAST "request");
  element (&doc, "service_request_id", request->id);
  element (&doc, "service_notice", "The City will inspect and require the responsible party to "
                                   "correct within 24 hours");
  element (&doc, "account_id", NULL);
  xmlTextWriterEndElement (doc.writer);
  doc_reply (&doc, msg, 201);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  MskTestOpen311Server *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *route;
  g_autofree char *resource = NULL;

  if (!g_str_has_prefix (path, ENDPOINT "/"))
    {
      reply_error (msg, 404, "no such resource");
      return;
    }
  route = path + strlen (ENDPOINT);
  if (g_str_has_suffix (route, ".json"))
    {
      /* This endpoint offers XML only. */
      self->n_json++;
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  if (!g_str_has_suffix (route, ".xml"))
    {
      reply_error (msg, 404, "the format must be given: .xml");
      return;
    }
  self->n_xml++;
  resource = g_strndup (route, strlen (route) - strlen (".xml"));

  if (g_str_equal (method, "GET") && g_str_equal (resource, "/discovery") && !self->no_discovery)
    reply_discovery (self, msg);
  else if (g_str_equal (method, "GET")
           && !check_jurisdiction (self, msg,
                                   query != NULL ? g_hash_table_lookup (query, "jurisdiction_id")
                                                 : NULL))
    return;
  else if (g_str_equal (method, "GET") && g_str_equal (resource, "/services"))
    reply_services (msg);
  else if (g_str_equal (method, "GET") && g_str_has_prefix (resource, "/services/"))
    reply_definition (msg, resource + strlen ("/services/"));
  else if (g_str_equal (method, "POST") && g_str_equal (resource, "/requests"))
    post_request (self, msg);
  else if (g_str_equal (method, "GET") && g_str_has_prefix (resource, "/requests/"))
    reply_request (self, msg, resource + strlen ("/requests/"), query);
  else
    reply_error (msg, 404, "no such resource");
}

MskTestOpen311Server *
msk_test_open311_server_new (const char *api_key)
{
  MskTestOpen311Server *self = g_new0 (MskTestOpen311Server, 1);

  self->api_key = g_strdup (api_key);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->next_id = 638344;
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handler, self, NULL);
  self->url = msk_test_listen_local (self->server);
  return self;
}

void
msk_test_open311_server_free (MskTestOpen311Server *self)
{
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_ptr_array_unref (self->requests);
  g_clear_pointer (&self->last_form, g_hash_table_unref);
  g_free (self->api_key);
  g_free (self->jurisdiction_id);
  g_free (self->url);
  g_free (self);
}

/* The portal's address; the endpoint is at ENDPOINT on it. */
const char *
msk_test_open311_server_get_url (MskTestOpen311Server *self)
{
  return self->url;
}

/* What staff do: a new detailed status (RECEIVED, IN_PROCESS, PROCESSED:
 * then the request is closed) with a note. */
void
msk_test_open311_server_move (MskTestOpen311Server *self,
                              const char           *service_request_id,
                              const char           *detailed_status,
                              const char           *status_notes)
{
  Request *request = find_request (self, service_request_id);

  if (request == NULL)
    g_error ("No request %s to move", service_request_id);
  g_free (request->detailed_status);
  request->detailed_status = g_strdup (detailed_status);
  g_free (request->status_notes);
  request->status_notes = g_strdup (status_notes);
  g_date_time_unref (request->updated);
  request->updated = g_date_time_new_now_local ();
  {
    Move *move = g_new0 (Move, 1);

    move->detailed_status = g_strdup (detailed_status);
    move->status_notes = g_strdup (status_notes);
    move->at = g_date_time_ref (request->updated);
    g_ptr_array_add (request->history, move);
  }
}

guint
msk_test_open311_server_get_n_json (MskTestOpen311Server *self)
{
  return self->n_json;
}

guint
msk_test_open311_server_get_n_xml (MskTestOpen311Server *self)
{
  return self->n_xml;
}

/* A field of the last POST requests.xml, as the endpoint decoded it. */
const char *
msk_test_open311_server_get_last_form (MskTestOpen311Server *self,
                                       const char           *field)
{
  return self->last_form != NULL ? g_hash_table_lookup (self->last_form, field) : NULL;
}

/* Makes the discovery list application/json too, as a server with both
 * formats does; the JSON paths still answer 404 (for the XML-only proxy). */
void
msk_test_open311_server_set_lists_json (MskTestOpen311Server *self,
                                        gboolean              lists_json)
{
  self->lists_json = lists_json;
}

/* Takes the discovery away (many endpoints have none at their address). */
void
msk_test_open311_server_set_discovery (MskTestOpen311Server *self,
                                       gboolean              discovery)
{
  self->no_discovery = !discovery;
}

/* Makes the endpoint serve several jurisdictions: every request but the
 * discovery must then name @jurisdiction_id. */
void
msk_test_open311_server_set_jurisdiction_id (MskTestOpen311Server *self,
                                             const char           *jurisdiction_id)
{
  g_free (self->jurisdiction_id);
  self->jurisdiction_id = g_strdup (jurisdiction_id);
}
