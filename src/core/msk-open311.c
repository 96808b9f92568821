/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "msk-error.h"
#include "msk-json.h"
#include "msk-open311.h"
#include "msk-wire-json.h"
#include "msk-xml.h"

/**
 * MskOpen311:
 *
 * Complaints and suggestions through Open311 GeoReport v2, with the
 * CitySDK `detailed_status` extension when the endpoint has it. The
 * endpoint's Service Discovery (discovery.json, else discovery.xml) says
 * whether it offers JSON; an endpoint that offers XML only is read in XML
 * (into the same models), and one without a discovery is tried in JSON,
 * then in XML. Filing a request goes through the outbox like every other
 * write.
 */
struct _MskOpen311
{
  GObject           parent_instance;

  MskClient        *client;    /* (owned) */
  char             *endpoint;  /* (owned): e.g. https://portal/open311/v2 */
  char             *jurisdiction_id;  /* (owned) (nullable) */
  MskOpen311Format  format;
};

G_DEFINE_TYPE (MskOpen311, msk_open311, G_TYPE_OBJECT)

/* The formats found, by endpoint, kept on the portal's client for as long
 * as it lives: the tracker makes a new Open311 client for each refresh and
 * need not read the discovery each time. */
#define FORMATS_KEY "msk-open311-formats"

static MskOpen311Format
known_format (MskOpen311 *self)
{
  GHashTable *formats = g_object_get_data (G_OBJECT (self->client), FORMATS_KEY);

  if (formats == NULL)
    return MSK_OPEN311_FORMAT_UNKNOWN;
  return GPOINTER_TO_INT (g_hash_table_lookup (formats, self->endpoint));
}

static void
set_format (MskOpen311       *self,
            MskOpen311Format  format)
{
  GHashTable *formats = g_object_get_data (G_OBJECT (self->client), FORMATS_KEY);

  self->format = format;
  if (format == MSK_OPEN311_FORMAT_UNKNOWN)
    return;
  if (formats == NULL)
    {
      formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (self->client), FORMATS_KEY, formats,
                              (GDestroyNotify) g_hash_table_unref);
    }
  g_hash_table_replace (formats, g_strdup (self->endpoint), GINT_TO_POINTER (format));
}

static void
msk_open311_finalize (GObject *object)
{
  MskOpen311 *self = MSK_OPEN311 (object);

  g_clear_object (&self->client);
  g_free (self->endpoint);
  g_free (self->jurisdiction_id);

  G_OBJECT_CLASS (msk_open311_parent_class)->finalize (object);
}

static void
msk_open311_class_init (MskOpen311Class *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_open311_finalize;
}

static void
msk_open311_init (MskOpen311 *self)
{
}

/**
 * msk_open311_new:
 * @client: the client of the portal; its Open311 endpoint is used, or
 *   `/open311/v2` on the portal when it names none
 *
 * Returns: (transfer full): an Open311 client
 */
MskOpen311 *
msk_open311_new (MskClient *client)
{
  MskOpen311 *self = g_object_new (MSK_TYPE_OPEN311, NULL);
  MskPortal *portal = msk_client_get_portal (client);

  self->client = g_object_ref (client);
  if (msk_portal_get_open311_url (portal) != NULL)
    self->endpoint = g_strdup (msk_portal_get_open311_url (portal));
  else
    self->endpoint = msk_portal_dup_url (portal, "/open311/v2");
  self->format = known_format (self);
  return self;
}

const char *
msk_open311_get_endpoint (MskOpen311 *self)
{
  return self->endpoint;
}

/**
 * msk_open311_set_jurisdiction_id:
 * @jurisdiction_id: (nullable): the jurisdiction (an entity's
 *   msk_entity_get_jurisdiction_id()) of an endpoint that serves several
 *
 * Sends @jurisdiction_id with every read and with the requests filed from
 * now on; an endpoint that serves several jurisdictions requires it.
 */
void
msk_open311_set_jurisdiction_id (MskOpen311 *self,
                                 const char *jurisdiction_id)
{
  g_return_if_fail (MSK_IS_OPEN311 (self));
  g_free (self->jurisdiction_id);
  self->jurisdiction_id = g_strdup (jurisdiction_id);
}

const char *
msk_open311_get_jurisdiction_id (MskOpen311 *self)
{
  g_return_val_if_fail (MSK_IS_OPEN311 (self), NULL);
  return self->jurisdiction_id;
}

/**
 * msk_open311_dup_jurisdiction_id_of:
 * @uri: where a request was filed (msk_outbox_item_get_uri())
 *
 * Returns: (transfer full) (nullable): the jurisdiction it was filed in
 */
char *
msk_open311_dup_jurisdiction_id_of (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_auto(GStrv) params = NULL;

  if (parsed == NULL || g_uri_get_query (parsed) == NULL)
    return NULL;
  params = g_strsplit (g_uri_get_query (parsed), "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    if (g_str_has_prefix (params[i], "jurisdiction_id="))
      return g_uri_unescape_string (params[i] + strlen ("jurisdiction_id="), NULL);
  return NULL;
}

/* @query with the jurisdiction before it. */
static char *
with_jurisdiction (MskOpen311 *self,
                   const char *query)
{
  g_autofree char *escaped = NULL;

  if (self->jurisdiction_id == NULL)
    return g_strdup (query);
  escaped = g_uri_escape_string (self->jurisdiction_id, NULL, FALSE);
  return g_strconcat ("jurisdiction_id=", escaped, query != NULL ? "&" : NULL, query, NULL);
}

/* Reads */

static const char *
format_extension (MskOpen311Format format)
{
  return format == MSK_OPEN311_FORMAT_XML ? "xml" : "json";
}

/* The formats the discovery lists for this endpoint (or, when it does not
 * name it, for the first GeoReport v2 endpoint): JSON when offered, XML
 * otherwise (XML is the format every endpoint must offer). */
static MskOpen311Format
discovery_format (MskOpen311 *self,
                  JsonNode   *root)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *endpoints = NULL;
  JsonObject *chosen = NULL;
  JsonArray *formats = NULL;

  if (object == NULL || !msk_json_read_array (object, "endpoints", TRUE, &endpoints, NULL))
    return MSK_OPEN311_FORMAT_UNKNOWN;
  for (guint i = 0; i < json_array_get_length (endpoints); i++)
    {
      JsonNode *node = json_array_get_element (endpoints, i);
      JsonObject *endpoint = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *specification = NULL, *url = NULL;

      if (endpoint == NULL
          || !msk_json_read_string (endpoint, "specification", FALSE, &specification, NULL)
          || !msk_json_read_string (endpoint, "url", FALSE, &url, NULL)
          || specification == NULL || !g_str_has_suffix (specification, "/GeoReport_v2"))
        continue;
      if (chosen == NULL || g_strcmp0 (url, self->endpoint) == 0)
        chosen = endpoint;
    }
  if (chosen == NULL || !msk_json_read_array (chosen, "formats", FALSE, &formats, NULL)
      || formats == NULL)
    return MSK_OPEN311_FORMAT_UNKNOWN;
  for (guint i = 0; i < json_array_get_length (formats); i++)
    {
      JsonNode *node = json_array_get_element (formats, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (node), "application/json"))
        return MSK_OPEN311_FORMAT_JSON;
    }
  return MSK_OPEN311_FORMAT_XML;
}

typedef struct
{
  char             *path;       /* e.g. "/services"; the extension is added */
  char             *query;      /* (nullable): e.g. "extensions=true" */
  MskFreshness      freshness;
  MskOpen311Format  discovery;  /* the discovery being read, or UNKNOWN */
  MskOpen311Format  trying;     /* the format of the read under way */
  gboolean          guessing;   /* no discovery: JSON first, then XML */
  GError           *first;      /* (owned) (nullable): why JSON failed, when guessing */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->path);
  g_free (data->query);
  g_clear_error (&data->first);
  g_free (data);
}

static void read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
read_in (GTask            *task,
         MskOpen311Format  format)
{
  MskOpen311 *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);
  g_autofree char *uri = NULL;

  data->trying = format;
  uri = g_strdup_printf ("%s%s.%s%s%s", self->endpoint, data->path, format_extension (format),
                         data->query != NULL ? "?" : "", data->query != NULL ? data->query : "");
  msk_client_fetch_async (self->client, uri, g_task_get_cancellable (task), read_cb, task);
}

static void
discover (GTask            *task,
          MskOpen311Format  format)
{
  MskOpen311 *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);
  g_autofree char *uri = g_strdup_printf ("%s/discovery.%s", self->endpoint,
                                          format_extension (format));

  data->discovery = format;
  msk_client_fetch_async (self->client, uri, g_task_get_cancellable (task), read_cb, task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskOpen311 *self = g_task_get_source_object (task);
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = msk_client_fetch_finish (MSK_CLIENT (source), result, &data->freshness, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->discovery != MSK_OPEN311_FORMAT_UNKNOWN)
    {
      MskOpen311Format tried = data->discovery;

      data->discovery = MSK_OPEN311_FORMAT_UNKNOWN;
      if (root != NULL)
        set_format (self, discovery_format (self, root));
      if (self->format != MSK_OPEN311_FORMAT_UNKNOWN)
        read_in (g_steal_pointer (&task), self->format);
      else if (tried == MSK_OPEN311_FORMAT_JSON)
        discover (g_steal_pointer (&task), MSK_OPEN311_FORMAT_XML);
      else
        {
          /* No discovery: try JSON, then XML. */
          g_debug ("Open311: %s has no discovery; guessing its format", self->endpoint);
          data->guessing = TRUE;
          read_in (g_steal_pointer (&task), MSK_OPEN311_FORMAT_JSON);
        }
      return;
    }

  if (root == NULL && data->guessing && data->trying == MSK_OPEN311_FORMAT_JSON)
    {
      data->first = g_steal_pointer (&error);
      read_in (g_steal_pointer (&task), MSK_OPEN311_FORMAT_XML);
      return;
    }
  if (root == NULL)
    {
      /* An endpoint without JSON answers 404 or something else than JSON:
       * then what XML says is the better explanation. */
      if (data->first != NULL && !g_error_matches (data->first, MSK_ERROR, MSK_ERROR_NOT_FOUND)
          && !g_error_matches (data->first, MSK_ERROR, MSK_ERROR_INVALID_DATA))
        g_task_return_error (task, g_steal_pointer (&data->first));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->guessing)
    set_format (self, data->trying);
  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

/* Reads @path of the endpoint in the format the endpoint offers: the
 * discovery says which (JSON, else XML) the first time. */
static void
read_async (MskOpen311          *self,
            const char          *path,
            const char          *query,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_task_set_source_tag (task, read_async);
  data->path = g_strdup (path);
  data->query = with_jurisdiction (self, query);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  if (self->format == MSK_OPEN311_FORMAT_UNKNOWN)
    discover (g_steal_pointer (&task), MSK_OPEN311_FORMAT_JSON);
  else
    read_in (g_steal_pointer (&task), self->format);
}

static JsonNode *
read_finish (MskOpen311    *self,
             GAsyncResult  *result,
             MskFreshness  *freshness,
             GError       **error)
{
  ReadData *data = g_task_get_task_data (G_TASK (result));

  if (freshness != NULL)
    *freshness = data->freshness;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * msk_open311_get_format:
 *
 * Returns: the format the endpoint is read in, once a read has found it
 */
MskOpen311Format
msk_open311_get_format (MskOpen311 *self)
{
  g_return_val_if_fail (MSK_IS_OPEN311 (self), MSK_OPEN311_FORMAT_UNKNOWN);
  return self->format;
}

/* Models */

typedef gpointer (*ReplyParseFunc) (JsonNode    *root,
                                    const char  *language,
                                    GError     **error);

/* What is learnt from a model read, kept on the Open311 client. */
typedef void (*ReplyLearnFunc) (MskOpen311 *self,
                                gpointer    model,
                                const char *id);

typedef struct
{
  ReplyParseFunc  parse;
  ReplyLearnFunc  learn;  /* (nullable) */
  char           *id;     /* (nullable) */
  MskFreshness    freshness;
} ModelData;

static void
model_data_free (ModelData *data)
{
  g_free (data->id);
  g_free (data);
}

static void
model_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskOpen311 *self = MSK_OPEN311 (source);
  ModelData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = msk_client_dup_language (self->client);
  gpointer model = NULL;

  root = read_finish (self, result, &data->freshness, &error);
  if (root == NULL || (model = data->parse (root, language, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->learn != NULL)
    data->learn (self, model, data->id);
  g_task_return_pointer (task, model, g_object_unref);
}

/* Reads /@collection[/@id] in the endpoint's format and @parse's the reply. */
static void
read_model_async (MskOpen311          *self,
                  gpointer             source_tag,
                  const char          *collection,
                  const char          *id,
                  const char          *query,
                  ReplyParseFunc       parse,
                  ReplyLearnFunc       learn,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *escaped = id != NULL ? g_uri_escape_string (id, NULL, FALSE) : NULL;
  g_autofree char *path = g_strconcat ("/", collection, escaped != NULL ? "/" : NULL, escaped,
                                       NULL);
  ModelData *data = g_new0 (ModelData, 1);

  g_task_set_source_tag (task, source_tag);
  data->parse = parse;
  data->learn = learn;
  data->id = g_strdup (id);
  g_task_set_task_data (task, data, (GDestroyNotify) model_data_free);
  read_async (self, path, query, cancellable, model_cb, g_steal_pointer (&task));
}

static gpointer
read_model_finish (GAsyncResult  *result,
                   MskFreshness  *freshness,
                   GError       **error)
{
  ModelData *data = g_task_get_task_data (G_TASK (result));

  if (freshness != NULL)
    *freshness = data->freshness;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reads the array of @what in @root with @parse into a list of @type. */
static GListStore *
parse_list (JsonNode      *root,
            const char    *what,
            GType          type,
            MskParseFunc   parse,
            const char    *language,
            GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);
  JsonArray *array = msk_json_node_get_array (root, what, error);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GObject) item = parse (json_array_get_element (array, i), language, error);

      if (item == NULL)
        return NULL;
      g_list_store_append (store, item);
    }
  return g_steal_pointer (&store);
}

static gpointer
parse_services (JsonNode    *root,
                const char  *language,
                GError     **error)
{
  return parse_list (root, "services", MSK_TYPE_SERVICE,
                     (MskParseFunc) msk_service_new_from_json, language, error);
}

/**
 * msk_open311_list_services_async:
 *
 * Reads the service list (GET services.json or services.xml), through the
 * offline cache.
 */
void
msk_open311_list_services_async (MskOpen311          *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  read_model_async (self, msk_open311_list_services_async, "services", NULL, NULL,
                    parse_services, NULL, cancellable, callback, user_data);
}

/**
 * msk_open311_list_services_finish:
 * @freshness: (out caller-allocates) (optional): where the list came from
 *
 * Returns: (transfer full): a #GListModel of #MskService
 */
GListModel *
msk_open311_list_services_finish (MskOpen311    *self,
                                  GAsyncResult  *result,
                                  MskFreshness  *freshness,
                                  GError       **error)
{
  return read_model_finish (result, freshness, error);
}

static gpointer
parse_definition (JsonNode    *root,
                  const char  *language,
                  GError     **error)
{
  g_autofree char *code = NULL;
  JsonObject *object;
  JsonNode *attributes;

  if ((object = msk_json_node_get_object (root, "service definition", error)) == NULL
      || !msk_json_read_id (object, "service_code", TRUE, &code, error))
    return NULL;
  /* A service without fields may send null, or no attributes at all. */
  attributes = json_object_get_member (object, "attributes");
  if (attributes == NULL || JSON_NODE_HOLDS_NULL (attributes))
    return g_list_store_new (MSK_TYPE_SERVICE_ATTRIBUTE);
  return parse_list (attributes, "attributes", MSK_TYPE_SERVICE_ATTRIBUTE,
                     (MskParseFunc) msk_service_attribute_new_from_json, language, error);
}

/* The attributes of each service that take several values, by endpoint
 * and service, kept on the portal's client as the formats are: filing a
 * request sends each of their values as a field of its own. */
#define MULTIVALUE_KEY "msk-open311-multivalue"

static char *
multivalue_key (MskOpen311 *self,
                const char *service_code)
{
  return g_strconcat (self->endpoint, "\n", service_code, NULL);
}

static void
learn_definition (MskOpen311 *self,
                  gpointer    model,
                  const char *service_code)
{
  GHashTable *known = g_object_get_data (G_OBJECT (self->client), MULTIVALUE_KEY);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskServiceAttribute) attribute = g_list_model_get_item (model, i);

      if (g_strcmp0 (msk_service_attribute_get_datatype (attribute), "multivaluelist") == 0)
        g_strv_builder_add (codes, msk_service_attribute_get_code (attribute));
    }
  if (known == NULL)
    {
      known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
      g_object_set_data_full (G_OBJECT (self->client), MULTIVALUE_KEY, known,
                              (GDestroyNotify) g_hash_table_unref);
    }
  g_hash_table_replace (known, multivalue_key (self, service_code), g_strv_builder_end (codes));
}

/* Whether attribute @code of @service_code takes several values, as its
 * definition said when it was read. */
static gboolean
is_multivalue (MskOpen311 *self,
               const char *service_code,
               const char *code)
{
  GHashTable *known = g_object_get_data (G_OBJECT (self->client), MULTIVALUE_KEY);
  g_autofree char *key = NULL;
  char **codes;

  if (known == NULL || service_code == NULL)
    return FALSE;
  key = multivalue_key (self, service_code);
  codes = g_hash_table_lookup (known, key);
  return codes != NULL && g_strv_contains ((const char * const *) codes, code);
}

/**
 * msk_open311_get_service_definition_async:
 * @service_code: a service whose metadata is true
 *
 * Reads the service's definition (GET services/{code}.json or .xml): the
 * fields its form asks for.
 */
void
msk_open311_get_service_definition_async (MskOpen311          *self,
                                          const char          *service_code,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  read_model_async (self, msk_open311_get_service_definition_async, "services", service_code,
                    NULL, parse_definition, learn_definition, cancellable, callback, user_data);
}

/**
 * msk_open311_get_service_definition_finish:
 * @freshness: (out caller-allocates) (optional): where the definition came from
 *
 * Returns: (transfer full): a #GListModel of #MskServiceAttribute, in the
 *   endpoint's order
 */
GListModel *
msk_open311_get_service_definition_finish (MskOpen311    *self,
                                           GAsyncResult  *result,
                                           MskFreshness  *freshness,
                                           GError       **error)
{
  return read_model_finish (result, freshness, error);
}

static void
append_form (GString    *form,
             const char *name,
             const char *value)
{
  g_autofree char *n = NULL;
  g_autofree char *v = NULL;

  if (value == NULL)
    return;
  n = g_uri_escape_string (name, NULL, FALSE);
  v = g_uri_escape_string (value, NULL, FALSE);
  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append_printf (form, "%s=%s", n, v);
}

/* A field given and not empty. */
static void
append_form_set (GString    *form,
                 const char *name,
                 const char *value)
{
  if (value != NULL && *value != '\0')
    append_form (form, name, value);
}

/**
 * msk_open311_file_request:
 * @description: the complaint or suggestion, in the user's words
 * @address: (nullable): where, in words
 * @lat: the latitude, or NAN
 * @lon: the longitude, or NAN
 * @attributes: (nullable) (element-type utf8 utf8): the service's attributes by code;
 *   the value of a multivaluelist attribute is its chosen keys joined with
 *   "," ("glass,paper")
 * @contact: (nullable): who files it, for the portal to answer them
 * @title: (nullable): a title for the outbox and the tracking list
 *
 * Files a service request (POST requests.json, or requests.xml when the
 * endpoint offers only XML — a read such as the service list finds out;
 * form-encoded, with the portal's api_key and the jurisdiction, which is
 * also kept in the item's address for following the request later)
 * through the outbox. When it is sent, the tracking number is
 * msk_open311_dup_tracking_number() of the item.
 *
 * The contact's fields that are set and not empty go as GeoReport v2's
 * first_name, last_name, email and phone. An attribute goes as
 * `attribute[code]=value`; one that the service's definition (read with
 * msk_open311_get_service_definition_async() through the same portal
 * client) says is a multivaluelist goes as one `attribute[code][]=key`
 * per key.
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_open311_file_request (MskOpen311              *self,
                          const char              *service_code,
                          const char              *description,
                          const char              *address,
                          double                   lat,
                          double                   lon,
                          GHashTable              *attributes,
                          const MskOpen311Contact *contact,
                          const char              *title,
                          GError                 **error)
{
  MskPortal *portal = msk_client_get_portal (self->client);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(MskOutboxItem) item = NULL;
  g_autofree char *query = with_jurisdiction (self, NULL);
  g_autofree char *uri = g_strconcat (self->endpoint, "/requests.",
                                      format_extension (self->format), query != NULL ? "?" : NULL,
                                      query, NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* A key the portal gave for this app, or the one the app is known by. */
  append_form (form, "api_key", msk_portal_get_api_key (portal) != NULL
                                ? msk_portal_get_api_key (portal) : MSK_OPEN311_APP_KEY);
  append_form (form, "jurisdiction_id", self->jurisdiction_id);
  append_form (form, "service_code", service_code);
  append_form (form, "description", description);
  append_form (form, "address_string", address);
  if (!isnan (lat) && !isnan (lon))
    {
      append_form (form, "lat", g_ascii_dtostr (number, sizeof number, lat));
      append_form (form, "long", g_ascii_dtostr (number, sizeof number, lon));
    }
  if (contact != NULL)
    {
      append_form_set (form, "first_name", contact->first_name);
      append_form_set (form, "last_name", contact->last_name);
      append_form_set (form, "email", contact->email);
      append_form_set (form, "phone", contact->phone);
    }
  if (attributes != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (value != NULL && is_multivalue (self, service_code, key))
            {
              g_autofree char *name = g_strdup_printf ("attribute[%s][]", (const char *) key);
              g_auto(GStrv) keys = g_strsplit (value, ",", -1);

              for (guint i = 0; keys[i] != NULL; i++)
                append_form_set (form, name, g_strstrip (keys[i]));
            }
          else
            {
              g_autofree char *name = g_strdup_printf ("attribute[%s]", (const char *) key);

              append_form (form, name, value);
            }
        }
    }
  body = g_bytes_new (form->str, form->len);

  item = msk_outbox_item_new (MSK_OUTBOX_KIND_COMPLAINT, msk_portal_get_base_url (portal),
                              "POST", uri, "application/x-www-form-urlencoded", body);
  msk_outbox_item_set_topic (item, service_code, title, description);
  return msk_outbox_enqueue (msk_client_get_outbox (self->client), item, error);
}

/**
 * msk_open311_read_receipt:
 * @root: the reply to POST requests, in its JSON form
 * @service_request_id: (out) (optional) (nullable): the tracking number
 * @token: (out) (optional) (nullable): the token a batch endpoint gives
 *   instead, to ask for the tracking number later
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Returns: whether @root is a receipt with a tracking number or a token
 */
gboolean
msk_open311_read_receipt (JsonNode  *root,
                          char     **service_request_id,
                          char     **token,
                          GError   **error)
{
  g_autofree char *id = NULL;
  g_autofree char *batch = NULL;
  JsonArray *array;
  JsonObject *object;

  array = msk_json_node_get_array (root, "service requests", error);
  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) < 1)
    {
      msk_json_set_invalid (error, "service requests: empty");
      return FALSE;
    }
  object = msk_json_node_get_object (json_array_get_element (array, 0), "service request",
                                     error);
  if (object == NULL || !msk_json_read_id (object, "service_request_id", FALSE, &id, error)
      || !msk_json_read_id (object, "token", FALSE, &batch, error))
    return FALSE;
  if (id == NULL && batch == NULL)
    {
      msk_json_set_invalid (error, "service request: no service_request_id and no token");
      return FALSE;
    }
  if (service_request_id != NULL)
    *service_request_id = g_steal_pointer (&id);
  if (token != NULL)
    *token = g_steal_pointer (&batch);
  return TRUE;
}

/**
 * msk_open311_dup_tracking_number:
 * @item: a sent complaint
 *
 * Returns: (transfer full) (nullable): the service_request_id the endpoint
 *   gave it, from its reply in JSON or XML
 */
char *
msk_open311_dup_tracking_number (MskOutboxItem *item)
{
  g_autofree char *response = msk_outbox_item_dup_response (item);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *tracking = NULL;
  gsize length;

  if (response == NULL || msk_outbox_item_get_kind (item) != MSK_OUTBOX_KIND_COMPLAINT)
    return NULL;
  length = strlen (response);
  if (msk_xml_sniff (response, length))
    root = msk_xml_read_open311 (response, length, MSK_HTTP_DEFAULT_MAX_DEPTH, NULL);
  else if (msk_wire_json_depth_ok (response, length, MSK_HTTP_DEFAULT_MAX_DEPTH))
    {
      parser = json_parser_new_immutable ();
      if (json_parser_load_from_data (parser, response, -1, NULL))
        root = json_parser_steal_root (parser);
    }
  if (root == NULL || !msk_open311_read_receipt (root, &tracking, NULL, NULL))
    return NULL;
  return g_steal_pointer (&tracking);
}

static gpointer
parse_request (JsonNode    *root,
               const char  *language,
               GError     **error)
{
  JsonArray *array = msk_json_node_get_array (root, "requests", error);

  if (array == NULL)
    return NULL;
  if (json_array_get_length (array) < 1)
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_NOT_FOUND,
                           _("This item is no longer available on the portal."));
      return NULL;
    }
  return msk_service_request_new_from_json (json_array_get_element (array, 0), language, error);
}

/**
 * msk_open311_get_request_async:
 * @service_request_id: a tracking number
 *
 * Reads the request's current status (with the CitySDK extensions).
 */
void
msk_open311_get_request_async (MskOpen311          *self,
                               const char          *service_request_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  read_model_async (self, msk_open311_get_request_async, "requests", service_request_id,
                    "extensions=true", parse_request, NULL, cancellable, callback, user_data);
}

/**
 * msk_open311_get_request_finish:
 *
 * Returns: (transfer full): the request and its status
 */
MskServiceRequest *
msk_open311_get_request_finish (MskOpen311    *self,
                                GAsyncResult  *result,
                                MskFreshness  *freshness,
                                GError       **error)
{
  return read_model_finish (result, freshness, error);
}
