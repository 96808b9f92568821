/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "msk-error.h"
#include "msk-json.h"
#include "msk-portal-list.h"

/**
 * MskPortalList:
 *
 * The portals the client knows, the demo portal among them, as a
 * #GListModel of #MskPortal, saved in the store.
 */
struct _MskPortalList
{
  GObject     parent_instance;

  MskStore   *store;    /* (owned) */
  MskHttp    *http;     /* (owned) */
  GListStore *portals;  /* (owned) (element-type MskPortal) */
};

static void msk_portal_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (MskPortalList, msk_portal_list, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, msk_portal_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return MSK_TYPE_PORTAL;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (MSK_PORTAL_LIST (model)->portals));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (MSK_PORTAL_LIST (model)->portals), position);
}

static void
msk_portal_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  MskPortalList *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
msk_portal_list_dispose (GObject *object)
{
  MskPortalList *self = MSK_PORTAL_LIST (object);

  if (self->portals != NULL)
    g_signal_handlers_disconnect_by_data (self->portals, self);
  g_clear_object (&self->portals);
  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (msk_portal_list_parent_class)->dispose (object);
}

static void
msk_portal_list_class_init (MskPortalListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = msk_portal_list_dispose;
}

static void
msk_portal_list_init (MskPortalList *self)
{
  self->portals = g_list_store_new (MSK_TYPE_PORTAL);
  g_signal_connect (self->portals, "items-changed", G_CALLBACK (items_changed_cb), self);
}

MskPortalList *
msk_portal_list_new (MskStore *store,
                     MskHttp  *http)
{
  MskPortalList *self = g_object_new (MSK_TYPE_PORTAL_LIST, NULL);

  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  return self;
}

static gboolean
save (MskPortalList  *self,
      GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->portals));

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskPortal) portal = g_list_model_get_item (G_LIST_MODEL (self->portals), i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, msk_portal_get_name (portal));
      json_builder_set_member_name (builder, "base_url");
      json_builder_add_string_value (builder, msk_portal_get_base_url (portal));
      if (msk_portal_get_open311_url (portal) != NULL)
        {
          json_builder_set_member_name (builder, "open311_url");
          json_builder_add_string_value (builder, msk_portal_get_open311_url (portal));
        }
      if (msk_portal_get_api_key (portal) != NULL)
        {
          json_builder_set_member_name (builder, "api_key");
          json_builder_add_string_value (builder, msk_portal_get_api_key (portal));
        }
      json_builder_set_member_name (builder, "demo");
      json_builder_add_boolean_value (builder, msk_portal_get_is_demo (portal));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return msk_store_set_setting (self->store, "portals", text, error);
}

/**
 * msk_portal_list_load:
 *
 * Reads the saved list.
 */
gboolean
msk_portal_list_load (MskPortalList  *self,
                      GError        **error)
{
  g_autofree char *text = msk_store_dup_setting (self->store, "portals");
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *array;

  g_list_store_remove_all (self->portals);
  if (text == NULL)
    return TRUE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || (array = msk_json_node_get_array (json_parser_get_root (parser), "portals", error))
         == NULL)
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_STORE,
                           _("The saved list of portals could not be read."));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = msk_json_node_get_object (json_array_get_element (array, i), "portal",
                                                     NULL);
      const char *name = NULL, *base_url = NULL, *open311_url = NULL, *api_key = NULL;
      gboolean demo = FALSE;
      g_autoptr(MskPortal) portal = NULL;

      if (object == NULL
          || !msk_json_read_string (object, "name", FALSE, &name, NULL)
          || !msk_json_read_string (object, "base_url", TRUE, &base_url, NULL)
          || !msk_json_read_string (object, "open311_url", FALSE, &open311_url, NULL)
          || !msk_json_read_string (object, "api_key", FALSE, &api_key, NULL)
          || !msk_json_read_boolean (object, "demo", FALSE, &demo, NULL))
        continue;
      portal = msk_portal_new (name, base_url, open311_url, api_key, demo);
      g_list_store_append (self->portals, portal);
    }
  return TRUE;
}

/**
 * msk_portal_list_find:
 *
 * Returns: (transfer none) (nullable): the portal at @base_url
 */
MskPortal *
msk_portal_list_find (MskPortalList *self,
                      const char    *base_url)
{
  g_autoptr(MskPortal) probe = msk_portal_new (NULL, base_url, NULL, NULL, FALSE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->portals));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskPortal) portal = g_list_model_get_item (G_LIST_MODEL (self->portals), i);

      if (g_strcmp0 (msk_portal_get_base_url (portal), msk_portal_get_base_url (probe)) == 0)
        return portal;
    }
  return NULL;
}

/**
 * msk_portal_list_add:
 *
 * Adds @portal (or replaces the portal with the same address) and saves the list.
 */
gboolean
msk_portal_list_add (MskPortalList  *self,
                     MskPortal      *portal,
                     GError        **error)
{
  MskPortal *existing = msk_portal_list_find (self, msk_portal_get_base_url (portal));
  guint position;

  if (existing != NULL && g_list_store_find (self->portals, existing, &position))
    g_list_store_splice (self->portals, position, 1, (gpointer *) &portal, 1);
  else
    g_list_store_append (self->portals, portal);
  return save (self, error);
}

/**
 * msk_portal_list_rename:
 * @name: the name the person gives the portal
 *
 * Renames @portal, one of the list, and saves the list.
 */
gboolean
msk_portal_list_rename (MskPortalList  *self,
                        MskPortal      *portal,
                        const char     *name,
                        GError        **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (MSK_IS_PORTAL_LIST (self), FALSE);
  g_return_val_if_fail (MSK_IS_PORTAL (portal), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                           _("A portal needs a name."));
      return FALSE;
    }
  msk_portal_set_name (portal, stripped);
  return save (self, error);
}

gboolean
msk_portal_list_remove (MskPortalList  *self,
                        MskPortal      *portal,
                        GError        **error)
{
  guint position;

  if (g_list_store_find (self->portals, portal, &position))
    g_list_store_remove (self->portals, position);
  return save (self, error);
}

static void
entities_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskPortalList *self = g_task_get_source_object (task);
  MskPortal *portal = g_task_get_task_data (task);
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = msk_http_dup_language (self->http);
  JsonObject *object;
  JsonArray *items = NULL;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* It must answer like a portal: a page of entities. A server that fails
   * (5xx, busy) may be a portal having a bad moment, and says so; any other
   * answer (a page that is not there, a redirect, a web page, other JSON)
   * is not a portal's. */
  if (reply->status >= 500 || reply->status == 429)
    {
      msk_http_reply_check (reply, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply->status != 200
      || (object = msk_json_node_get_object (reply->root, "entities", NULL)) == NULL
      || !msk_json_read_array (object, "items", TRUE, &items, NULL))
    {
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_INVALID_DATA, "%s",
                               _("This address does not answer like a participation portal."));
      return;
    }

  if (json_array_get_length (items) > 0)
    {
      JsonObject *entity = msk_json_node_get_object (json_array_get_element (items, 0),
                                                     "entity", NULL);
      g_autofree char *name = NULL;

      if (entity != NULL && msk_json_read_localized (entity, "name", FALSE, language, &name, NULL)
          && name != NULL)
        msk_portal_set_name (portal, name);
    }

  if (!msk_portal_list_add (self, portal, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_object_ref (portal), g_object_unref);
}

/**
 * msk_portal_list_add_by_url_async:
 * @url: the portal's address
 *
 * Checks that @url answers `GET /v1/entities` like a portal, then adds it,
 * named after its first entity.
 */
void
msk_portal_list_add_by_url_async (MskPortalList       *self,
                                  const char          *url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  MskHttpRequest request = { 0, };
  MskPortal *portal;

  g_task_set_source_tag (task, msk_portal_list_add_by_url_async);
  if (!msk_http_check_uri (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  portal = msk_portal_new (NULL, url, NULL, NULL, FALSE);
  g_task_set_task_data (task, portal, g_object_unref);
  uri = msk_portal_dup_url (portal, "/v1/entities?limit=1");

  request.method = "GET";
  request.uri = uri;
  msk_http_send_async (self->http, &request, cancellable, entities_cb, g_steal_pointer (&task));
}

/**
 * msk_portal_list_add_by_url_finish:
 *
 * Returns: (transfer full): the added portal
 */
MskPortal *
msk_portal_list_add_by_url_finish (MskPortalList  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
