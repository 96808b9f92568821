/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "msk-error.h"
#include "msk-json.h"
#include "msk-open311.h"
#include "msk-wire-json.h"

/**
 * MskOpen311:
 *
 * Complaints and suggestions through Open311 GeoReport v2 (JSON format),
 * with the CitySDK `detailed_status` extension when the endpoint has it.
 * Filing a request goes through the outbox like every other write.
 */
struct _MskOpen311
{
  GObject    parent_instance;

  MskClient *client;    /* (owned) */
  char      *endpoint;  /* (owned): e.g. https://portal/open311/v2 */
};

G_DEFINE_TYPE (MskOpen311, msk_open311, G_TYPE_OBJECT)

static void
msk_open311_finalize (GObject *object)
{
  MskOpen311 *self = MSK_OPEN311 (object);

  g_clear_object (&self->client);
  g_free (self->endpoint);

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
  return self;
}

const char *
msk_open311_get_endpoint (MskOpen311 *self)
{
  return self->endpoint;
}

typedef struct
{
  MskFreshness freshness;
} Open311Data;

static void
services_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Open311Data *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) services = g_list_store_new (MSK_TYPE_SERVICE);
  g_autofree char *language = msk_client_dup_language (MSK_CLIENT (source));
  JsonArray *array;

  root = msk_client_fetch_finish (MSK_CLIENT (source), result, &data->freshness, &error);
  if (root == NULL || (array = msk_json_node_get_array (root, "services", &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(MskService) service = NULL;

      service = msk_service_new_from_json (json_array_get_element (array, i), language, &error);
      if (service == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_list_store_append (services, service);
    }
  g_task_return_pointer (task, g_steal_pointer (&services), g_object_unref);
}

/**
 * msk_open311_list_services_async:
 *
 * Reads the service list (GET services.json), through the offline cache.
 */
void
msk_open311_list_services_async (MskOpen311          *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *uri = g_strconcat (self->endpoint, "/services.json", NULL);

  g_task_set_source_tag (task, msk_open311_list_services_async);
  g_task_set_task_data (task, g_new0 (Open311Data, 1), g_free);
  msk_client_fetch_async (self->client, uri, cancellable, services_cb, g_steal_pointer (&task));
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
  Open311Data *data = g_task_get_task_data (G_TASK (result));

  if (freshness != NULL)
    *freshness = data->freshness;
  return g_task_propagate_pointer (G_TASK (result), error);
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

/**
 * msk_open311_file_request:
 * @description: the complaint or suggestion, in the user's words
 * @address: (nullable): where, in words
 * @lat: the latitude, or NAN
 * @lon: the longitude, or NAN
 * @attributes: (nullable) (element-type utf8 utf8): the service's attributes by code
 * @title: (nullable): a title for the outbox and the tracking list
 *
 * Files a service request (POST requests.json, form-encoded, with the
 * portal's api_key) through the outbox. When it is sent, the tracking
 * number is msk_open311_dup_tracking_number() of the item.
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_open311_file_request (MskOpen311   *self,
                          const char   *service_code,
                          const char   *description,
                          const char   *address,
                          double        lat,
                          double        lon,
                          GHashTable   *attributes,
                          const char   *title,
                          GError      **error)
{
  MskPortal *portal = msk_client_get_portal (self->client);
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(MskOutboxItem) item = NULL;
  g_autofree char *uri = g_strconcat (self->endpoint, "/requests.json", NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  append_form (form, "api_key", msk_portal_get_api_key (portal));
  append_form (form, "service_code", service_code);
  append_form (form, "description", description);
  append_form (form, "address_string", address);
  if (!isnan (lat) && !isnan (lon))
    {
      append_form (form, "lat", g_ascii_dtostr (number, sizeof number, lat));
      append_form (form, "long", g_ascii_dtostr (number, sizeof number, lon));
    }
  if (attributes != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *name = g_strdup_printf ("attribute[%s]", (const char *) key);
          append_form (form, name, value);
        }
    }
  body = g_bytes_new (form->str, form->len);

  item = msk_outbox_item_new (MSK_OUTBOX_KIND_COMPLAINT, msk_portal_get_base_url (portal),
                              "POST", uri, "application/x-www-form-urlencoded", body);
  msk_outbox_item_set_topic (item, service_code, title, description);
  return msk_outbox_enqueue (msk_client_get_outbox (self->client), item, error);
}

/**
 * msk_open311_dup_tracking_number:
 * @item: a sent complaint
 *
 * Returns: (transfer full) (nullable): the service_request_id the endpoint gave it
 */
char *
msk_open311_dup_tracking_number (MskOutboxItem *item)
{
  g_autofree char *response = msk_outbox_item_dup_response (item);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *array;
  JsonObject *object;
  g_autofree char *tracking = NULL;

  if (response == NULL || msk_outbox_item_get_kind (item) != MSK_OUTBOX_KIND_COMPLAINT)
    return NULL;
  if (!msk_wire_json_depth_ok (response, strlen (response), MSK_HTTP_DEFAULT_MAX_DEPTH))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, response, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  if (json_array_get_length (array) < 1
      || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    return NULL;
  object = json_array_get_object_element (array, 0);
  if (!msk_json_read_id (object, "service_request_id", TRUE, &tracking, NULL))
    return NULL;
  return g_steal_pointer (&tracking);
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Open311Data *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = msk_client_dup_language (MSK_CLIENT (source));
  MskServiceRequest *request;
  JsonArray *array;

  root = msk_client_fetch_finish (MSK_CLIENT (source), result, &data->freshness, &error);
  if (root == NULL || (array = msk_json_node_get_array (root, "requests", &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (json_array_get_length (array) < 1)
    {
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_NOT_FOUND, "%s",
                               _("This item is no longer available on the portal."));
      return;
    }

  request = msk_service_request_new_from_json (json_array_get_element (array, 0), language,
                                               &error);
  if (request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, request, g_object_unref);
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
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *escaped = g_uri_escape_string (service_request_id, NULL, FALSE);
  g_autofree char *uri = g_strdup_printf ("%s/requests/%s.json?extensions=true",
                                          self->endpoint, escaped);

  g_task_set_source_tag (task, msk_open311_get_request_async);
  g_task_set_task_data (task, g_new0 (Open311Data, 1), g_free);
  msk_client_fetch_async (self->client, uri, cancellable, request_cb, g_steal_pointer (&task));
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
  Open311Data *data = g_task_get_task_data (G_TASK (result));

  if (freshness != NULL)
    *freshness = data->freshness;
  return g_task_propagate_pointer (G_TASK (result), error);
}
