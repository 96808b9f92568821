/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-error.h"
#include "msk-json.h"
#include "msk-paged-list.h"

/**
 * MskPagedList:
 *
 * A #GListModel over a paged list of the API (`{"items": […],
 * "next_cursor": …}`). It holds the pages loaded so far; the next page
 * loads through the cursor only when asked, with
 * msk_paged_list_load_more_async(): reading an item never starts a load,
 * so a widget bound to the list does not page through the whole portal.
 * Each page is read through the offline cache.
 */
struct _MskPagedList
{
  GObject       parent_instance;

  MskClient    *client;       /* (owned) */
  char         *uri;          /* (owned): the first page, without limit and cursor */
  GType         item_type;
  MskParseFunc  parse;
  GPtrArray    *items;        /* (owned) (element-type GObject) */
  char         *cursor;       /* (owned) (nullable): the next page */
  gboolean      started;
  gboolean      has_more;
  gboolean      loading;
  guint         page_size;
  GError       *error;        /* (owned) (nullable): the last failure */
  MskFreshness  freshness;
  GCancellable *cancellable;  /* (owned) */
};

static void msk_paged_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (MskPagedList, msk_paged_list, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, msk_paged_list_model_init))

enum {
  PROP_0,
  PROP_HAS_MORE,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
msk_paged_list_get_item_type (GListModel *model)
{
  return MSK_PAGED_LIST (model)->item_type;
}

static guint
msk_paged_list_get_n_items (GListModel *model)
{
  return MSK_PAGED_LIST (model)->items->len;
}

static gpointer
msk_paged_list_get_item (GListModel *model,
                         guint       position)
{
  MskPagedList *self = MSK_PAGED_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
msk_paged_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = msk_paged_list_get_item_type;
  iface->get_n_items = msk_paged_list_get_n_items;
  iface->get_item = msk_paged_list_get_item;
}

static void
msk_paged_list_dispose (GObject *object)
{
  MskPagedList *self = MSK_PAGED_LIST (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (msk_paged_list_parent_class)->dispose (object);
}

static void
msk_paged_list_finalize (GObject *object)
{
  MskPagedList *self = MSK_PAGED_LIST (object);

  g_free (self->uri);
  g_free (self->cursor);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (msk_paged_list_parent_class)->finalize (object);
}

static void
msk_paged_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MskPagedList *self = MSK_PAGED_LIST (object);

  switch (prop_id)
    {
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_paged_list_class_init (MskPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_paged_list_dispose;
  object_class->finalize = msk_paged_list_finalize;
  object_class->get_property = msk_paged_list_get_property;

  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_paged_list_init (MskPagedList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->has_more = TRUE;
  self->page_size = MSK_PAGED_LIST_PAGE_SIZE;
  self->cancellable = g_cancellable_new ();
}

/**
 * msk_paged_list_new:
 * @uri: the list's first page
 * @item_type: the type of the items
 * @parse: builds an item from its JSON
 *
 * Returns: (transfer full): an empty list; the first page loads on
 *   msk_paged_list_load_more_async()
 */
MskPagedList *
msk_paged_list_new (MskClient    *client,
                    const char   *uri,
                    GType         item_type,
                    MskParseFunc  parse)
{
  MskPagedList *self = g_object_new (MSK_TYPE_PAGED_LIST, NULL);

  self->client = g_object_ref (client);
  self->uri = g_strdup (uri);
  self->item_type = item_type;
  self->parse = parse;
  return self;
}

void
msk_paged_list_set_page_size (MskPagedList *self,
                              guint         page_size)
{
  self->page_size = CLAMP (page_size, 1, 50);
}

gboolean
msk_paged_list_get_has_more (MskPagedList *self)
{
  return self->has_more;
}

gboolean
msk_paged_list_get_loading (MskPagedList *self)
{
  return self->loading;
}

/**
 * msk_paged_list_get_error:
 *
 * Returns: (nullable): why the last page could not be loaded
 */
const GError *
msk_paged_list_get_error (MskPagedList *self)
{
  return self->error;
}

/**
 * msk_paged_list_get_freshness:
 * @freshness: (out caller-allocates): where the last page came from
 */
void
msk_paged_list_get_freshness (MskPagedList *self,
                              MskFreshness *freshness)
{
  *freshness = self->freshness;
}

/**
 * msk_paged_list_parse_page:
 * @root: the JSON of a page
 * @items: (element-type GObject): where the items are appended
 * @next_cursor: (out) (transfer none) (nullable): the cursor of the next
 *   page, %NULL on the last page; it points into @root
 *
 * Reads one page, checking every node's type.
 */
gboolean
msk_paged_list_parse_page (JsonNode      *root,
                           GType          item_type,
                           MskParseFunc   parse,
                           const char    *language,
                           GPtrArray     *items,
                           const char   **next_cursor,
                           GError       **error)
{
  JsonObject *object;
  JsonArray *array = NULL;

  *next_cursor = NULL;
  object = msk_json_node_get_object (root, "page", error);
  if (object == NULL || !msk_json_read_array (object, "items", TRUE, &array, error)
      || !msk_json_read_string (object, "next_cursor", FALSE, next_cursor, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      GObject *item = parse (json_array_get_element (array, i), language, error);

      if (item == NULL)
        return FALSE;
      if (!G_TYPE_CHECK_INSTANCE_TYPE (item, item_type))
        {
          g_object_unref (item);
          msk_json_set_invalid (error, "unexpected item type");
          return FALSE;
        }
      g_ptr_array_add (items, item);
    }
  return TRUE;
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskPagedList *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *language = msk_client_dup_language (MSK_CLIENT (source));
  const char *next = NULL;
  MskFreshness freshness = { 0, };
  guint position;

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  root = msk_client_fetch_finish (MSK_CLIENT (source), result, &freshness, &error);
  if (root != NULL
      && !msk_paged_list_parse_page (root, self->item_type, self->parse, language, page, &next,
                                     &error))
    msk_client_fetch_forget (MSK_CLIENT (source), result);

  if (error != NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_error (&self->error);
  self->freshness = freshness;
  g_free (self->cursor);
  self->cursor = g_strdup (next);
  self->has_more = next != NULL && *next != '\0';

  position = self->items->len;
  for (guint i = 0; i < page->len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (page, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, page->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
  g_task_return_boolean (task, TRUE);
}

/**
 * msk_paged_list_load_more_async:
 *
 * Loads the next page (the first one on the first call).
 */
void
msk_paged_list_load_more_async (MskPagedList        *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GString) uri = NULL;
  g_autoptr(GCancellable) linked = NULL;

  g_task_set_source_tag (task, msk_paged_list_load_more_async);

  if (self->loading || !self->has_more)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  uri = g_string_new (self->uri);
  g_string_append_printf (uri, "%climit=%u", strchr (self->uri, '?') != NULL ? '&' : '?',
                          self->page_size);
  if (self->cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->cursor, NULL, FALSE);
      g_string_append_printf (uri, "&cursor=%s", escaped);
    }

  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  msk_client_fetch_async (self->client, uri->str,
                          cancellable != NULL ? cancellable : self->cancellable,
                          fetch_cb, g_steal_pointer (&task));
}

gboolean
msk_paged_list_load_more_finish (MskPagedList  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
