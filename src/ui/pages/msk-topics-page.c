/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-language.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-report-text.h"
#include "msk-topic-row.h"
#include "msk-topic-text.h"
#include "msk-topics-page.h"

/**
 * MskTopicsPage:
 *
 * What the portal puts to the public: a search as one types (the portal's
 * `q=`), filters by kind, status and public body, and a list that loads
 * more on demand ("Show more", or when its end is scrolled into view).
 * Loading, nothing found, a failure (with a retry) and being offline are
 * said in words.
 */
struct _MskTopicsPage
{
  MskPage            parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scrolled;
  GtkLabel          *offline_label;
  MskReaderView     *reader_view;
  GtkSearchEntry    *search_entry;
  GtkExpander       *filters_expander;
  GtkFlowBox        *kind_box;
  GtkFlowBox        *status_box;
  GtkFlowBox        *entity_box;
  GtkLabel          *state_label;
  GtkWidget         *retry_button;
  GtkListBox        *list;
  GtkWidget         *more_button;

  /* Owned */
  GListModel        *topics;        /* (nullable): the list shown */
  GHashTable        *entity_names;  /* gint64 id → name */
  char              *kind;
  char              *status;
  char              *query;         /* (nullable): the search the list shows */

  /* State */
  gint64             entity_id;
  GtkToggleButton   *all_entities;  /* (unowned) */
  gboolean           entities_loaded;
  gboolean           started;
  guint              reconnect_id;  /* while offline: the next look at the portal */
  gboolean           focus_more;    /* "Show more" had the focus when it was pressed */
  guint              more_from;     /* the first row that page brings */
  GListModel        *probe;         /* (owned) (nullable): that look */
  GListModel        *entities;      /* (owned) (nullable): the bodies' names on their way;
                                     * the topics wait for them */
};

/* Offline, the page looks at the portal again this often, and shows its
 * content again once it answers. */
#define RECONNECT_INTERVAL_S 5

G_DEFINE_FINAL_TYPE (MskTopicsPage, msk_topics_page, MSK_TYPE_PAGE)

static void load_topics    (MskTopicsPage *self);
static void update_offline (MskTopicsPage *self);

static void
set_state (MskTopicsPage *self,
           const char    *text,
           gboolean       can_retry)
{
  gtk_label_set_text (self->state_label, text);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  MskTopicsPage *self = user_data;
  gint64 entity_id = msk_topic_get_entity_id (MSK_TOPIC (item));

  return msk_topic_row_new (MSK_TOPIC (item),
                            g_hash_table_lookup (self->entity_names, &entity_id));
}

static void
probe_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskTopicsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };

  /* finished just before the page was left: its widgets may be gone */
  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || G_LIST_MODEL (source) != self->probe)
    return;

  msk_paged_list_get_freshness (MSK_PAGED_LIST (source), &freshness);
  g_clear_object (&self->probe);
  if (error == NULL && !freshness.offline)
    load_topics (self);
  else
    update_offline (self);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  MskTopicsPage *self = user_data;
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autofree char *query = NULL;

  self->reconnect_id = 0;
  if (client == NULL || !msk_page_get_is_shown (MSK_PAGE (self))
      || msk_page_is_left (MSK_PAGE (self)))
    return G_SOURCE_REMOVE;

  /* A look of its own: the rows shown, and the focus in them, stay until
   * the portal answers. */
  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_clear_object (&self->probe);
  self->probe = msk_client_list_topics (client, self->kind, self->status, self->entity_id,
                                        query[0] != '\0' ? query : NULL);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->probe),
                                  msk_page_get_load (MSK_PAGE (self)), probe_loaded_cb,
                                  g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
update_offline (MskTopicsPage *self)
{
  MskFreshness freshness = { 0, };
  g_autofree char *offline = NULL;

  if (self->topics != NULL)
    msk_paged_list_get_freshness (MSK_PAGED_LIST (self->topics), &freshness);

  offline = msk_page_report_freshness (MSK_PAGE (self), &freshness);
  gtk_label_set_text (self->offline_label, offline != NULL ? offline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline != NULL);

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (offline != NULL)
    self->reconnect_id = g_timeout_add_seconds (RECONNECT_INTERVAL_S, reconnect_cb, self);
}

static void
update_after_load (MskTopicsPage *self,
                   const GError  *error)
{
  guint n = self->topics != NULL ? g_list_model_get_n_items (self->topics) : 0;
  gboolean has_more = self->topics != NULL
                      && msk_paged_list_get_has_more (MSK_PAGED_LIST (self->topics));
  g_autofree char *text = NULL;

  update_offline (self);
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
  gtk_widget_set_visible (self->more_button, error == NULL && has_more);

  if (error != NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The topics could not be loaded: %s"), error->message);
      set_state (self, text, TRUE);
    }
  else if (n == 0)
    {
      gboolean filtered = self->kind != NULL || self->status != NULL || self->entity_id > 0
                          || gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';

      set_state (self, filtered ? _("No topics match your search and filters.")
                                : _("This portal has not published any topics yet."),
                 FALSE);
    }
  else
    {
      g_autofree char *count = msk_report_text_dup_count (n);

      text = g_strdup_printf (has_more
                              /* Translators: %s is how many topics are shown so far */
                              ? g_dngettext (GETTEXT_PACKAGE, "Showing %s topic; there are more.",
                                             "Showing %s topics; there are more.", n)
                              : g_dngettext (GETTEXT_PACKAGE, "Showing %s topic.",
                                             "Showing %s topics.", n),
                              count);
      set_state (self, text, FALSE);
    }
}

static void
topics_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MskTopicsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* finished just before the page was left: its widgets may be gone */
  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || G_LIST_MODEL (source) != self->topics)
    return;

  update_after_load (self, error);

  /* The focus was on "Show more": it goes to the first new row (or to Try
   * again), not to nowhere when the button goes. */
  if (self->focus_more)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) self->more_from);

      self->focus_more = FALSE;
      if (error != NULL)
        gtk_widget_grab_focus (self->retry_button);
      else if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
load_more (MskTopicsPage *self)
{
  MskPagedList *topics = MSK_PAGED_LIST (self->topics);

  if (topics == NULL || !msk_paged_list_get_has_more (topics) || msk_paged_list_get_loading (topics))
    return;

  /* The button stays while the page loads, so that the focus on it stays
   * somewhere; pressing it again does nothing until the page is in. */
  set_state (self, _("Loading more topics…"), FALSE);
  self->focus_more = gtk_widget_has_focus (self->more_button);
  self->more_from = g_list_model_get_n_items (self->topics);
  gtk_widget_set_visible (self->more_button, FALSE);
  msk_paged_list_load_more_async (topics, msk_page_get_load (MSK_PAGE (self)), topics_loaded_cb,
                                  g_object_ref (self));
}

static void
load_topics (MskTopicsPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autofree char *query = NULL;
  GCancellable *cancellable;

  /* The bodies' names come first, and their load ends in this one: a new
   * load now would cancel it, and leave the rows without a body. */
  if (client == NULL || self->entities != NULL)
    return;

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_free (self->query);
  self->query = g_strdup (query);
  cancellable = msk_page_start_load (MSK_PAGE (self));
  g_clear_object (&self->topics);
  self->topics = msk_client_list_topics (client, self->kind, self->status, self->entity_id,
                                         query[0] != '\0' ? query : NULL);
  /* Rows are made as pages arrive; reading them loads nothing. */
  gtk_list_box_bind_model (self->list, self->topics, create_row_cb, self, NULL);
  self->focus_more = FALSE;
  gtk_widget_set_visible (self->more_button, FALSE);
  set_state (self, _("Loading the topics…"), FALSE);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->topics), cancellable, topics_loaded_cb,
                                  g_object_ref (self));
}

/* Filters: a group of toggle buttons each, one of them pressed. */
static GtkToggleButton *
add_filter (MskTopicsPage   *self,
            GtkFlowBox      *box,
            GtkToggleButton *group,
            const char      *text,
            GCallback        toggled)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *child;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_button_set_child (GTK_BUTTON (button), label);
  /* GTK 4.8 names a toggle button with a child after its class. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  gtk_flow_box_append (box, button);
  child = gtk_widget_get_parent (button);
  gtk_widget_set_focusable (child, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_signal_connect_object (button, "toggled", toggled, self, G_CONNECT_SWAPPED);
  return GTK_TOGGLE_BUTTON (button);
}

static void
update_filters_label (MskTopicsPage *self)
{
  g_autofree char *label = NULL;
  const char *entity = self->entity_id > 0
                       ? g_hash_table_lookup (self->entity_names, &self->entity_id) : NULL;

  /* Translators: the filters and what they are set to: a kind, a status
   * and a public body, e.g. "Filters: all kinds, open, all public bodies" */
  label = g_strdup_printf (_("Filters: %1$s, %2$s, %3$s"),
                           self->kind != NULL ? msk_topic_text_kind (self->kind)
                                              : _("all kinds"),
                           self->status != NULL ? msk_topic_text_status (self->status)
                                                : _("any status"),
                           entity != NULL ? entity : _("all public bodies"));
  gtk_expander_set_label (self->filters_expander, label);
  msk_page_layout_wrap_labels (gtk_expander_get_label_widget (self->filters_expander));
  /* GTK 4.8 names the expander after its class otherwise. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filters_expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
filter_changed (MskTopicsPage  *self,
                char          **field,
                const char     *value)
{
  g_free (*field);
  *field = g_strdup (value);
  update_filters_label (self);
  load_topics (self);
}

static void
kind_toggled_cb (MskTopicsPage   *self,
                 GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    filter_changed (self, &self->kind, g_object_get_data (G_OBJECT (button), "msk-value"));
}

static void
status_toggled_cb (MskTopicsPage   *self,
                   GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    filter_changed (self, &self->status, g_object_get_data (G_OBJECT (button), "msk-value"));
}

static void
entity_toggled_cb (MskTopicsPage   *self,
                   GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->entity_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "msk-entity"));
  update_filters_label (self);
  load_topics (self);
}

static void
build_value_filters (MskTopicsPage *self)
{
  static const char *kinds[] = { "consultation", "poll", "survey", "ideas" };
  static const char *statuses[] = { "upcoming", "open", "closed", "results_published" };
  GtkToggleButton *group;

  group = add_filter (self, self->kind_box, NULL, _("All kinds"), G_CALLBACK (kind_toggled_cb));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_object_set_data (G_OBJECT (add_filter (self, self->kind_box, group,
                                             msk_topic_text_kind (kinds[i]),
                                             G_CALLBACK (kind_toggled_cb))),
                       "msk-value", (gpointer) kinds[i]);

  group = add_filter (self, self->status_box, NULL, _("Any status"),
                      G_CALLBACK (status_toggled_cb));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_object_set_data (G_OBJECT (add_filter (self, self->status_box, group,
                                             msk_topic_text_status (statuses[i]),
                                             G_CALLBACK (status_toggled_cb))),
                       "msk-value", (gpointer) statuses[i]);

  self->all_entities = add_filter (self, self->entity_box, NULL, _("All public bodies"),
                                   G_CALLBACK (entity_toggled_cb));
}

static void
build_entity_filters (MskTopicsPage *self,
                      GListModel    *entities)
{
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(MskEntity) entity = g_list_model_get_item (entities, i);
      gint64 *id = g_new (gint64, 1);
      GtkToggleButton *button;

      *id = msk_entity_get_id (entity);
      g_hash_table_insert (self->entity_names, id, g_strdup (msk_entity_get_name (entity)));
      button = add_filter (self, self->entity_box, self->all_entities,
                           msk_entity_get_name (entity), G_CALLBACK (entity_toggled_cb));
      g_object_set_data (G_OBJECT (button), "msk-entity", GSIZE_TO_POINTER ((gsize) *id));
    }
}

static void
entities_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskTopicsPage) self = user_data;
  GListModel *entities = G_LIST_MODEL (source);
  g_autoptr(GError) error = NULL;

  /* finished just before the page was left: its widgets may be gone */
  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  /* a load another one replaced (a reload, another portal) */
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entities != self->entities)
    return;
  if (error != NULL)
    {
      /* The topics are still worth showing, with no body's name. */
      g_debug ("Topics page: entities: %s", error->message);
    }
  else if (msk_paged_list_get_has_more (MSK_PAGED_LIST (source)))
    {
      msk_paged_list_load_more_async (MSK_PAGED_LIST (source), msk_page_get_load (MSK_PAGE (self)),
                                      entities_loaded_cb,
                                      g_object_ref (self));
      return;
    }
  else
    {
      build_entity_filters (self, entities);
      self->entities_loaded = TRUE;
    }

  g_clear_object (&self->entities);
  load_topics (self);
}

static void
load_entities (MskTopicsPage *self)
{
  set_state (self, _("Loading the topics…"), FALSE);
  g_clear_object (&self->entities);
  self->entities = msk_client_list_entities (msk_page_get_client (MSK_PAGE (self)));
  msk_paged_list_set_page_size (MSK_PAGED_LIST (self->entities), 50);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->entities),
                                  msk_page_start_load (MSK_PAGE (self)),
                                  entities_loaded_cb, g_object_ref (self));
}

static void
msk_topics_page_reload (MskPage *page)
{
  MskTopicsPage *self = MSK_TOPICS_PAGE (page);
  MskContext *context = msk_page_get_context (page);

  self->started = TRUE;
  if (msk_page_get_client (MSK_PAGE (self)) == NULL)
    {
      const char *status = context != NULL ? msk_context_get_status (context) : NULL;

      set_state (self, status != NULL ? status : _("Not connected to a portal"), FALSE);
      return;
    }

  if (!self->entities_loaded)
    load_entities (self);
  else
    load_topics (self);
}

static void
msk_topics_page_shown (MskPage *page)
{
  MskTopicsPage *self = MSK_TOPICS_PAGE (page);

  if (!self->started)
    msk_topics_page_reload (page);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->offline_label)) && self->reconnect_id == 0)
    self->reconnect_id = g_timeout_add_seconds (RECONNECT_INTERVAL_S, reconnect_cb, self);
}

/* Another portal: other bodies, other topics. */
static void
client_changed_cb (MskTopicsPage *self)
{
  GtkWidget *child;

  self->entities_loaded = FALSE;
  g_clear_object (&self->entities);
  self->entity_id = 0;
  g_hash_table_remove_all (self->entity_names);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entity_box))) != NULL)
    gtk_flow_box_remove (self->entity_box, child);
  self->all_entities = add_filter (self, self->entity_box, NULL, _("All public bodies"),
                                   G_CALLBACK (entity_toggled_cb));
  update_filters_label (self);
  if (self->started)
    msk_topics_page_reload (MSK_PAGE (self));
}

static void
search_changed_cb (MskTopicsPage *self)
{
  g_autofree char *query = NULL;

  if (!self->started)
    return;
  /* The entry says "changed" a while after the page was opened, or after
   * spaces alone were typed: the list already shows that search. */
  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (self->topics != NULL && g_strcmp0 (query, self->query) == 0)
    return;
  load_topics (self);
}

/* Escape clears the search first, then goes back. */
static void
stop_search_cb (MskTopicsPage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-back", NULL);
}

static void
more_clicked_cb (MskTopicsPage *self)
{
  load_more (self);
}

/* The last rows scrolled into view load the next page. */
static void
scrolled_cb (MskTopicsPage *self,
             GtkAdjustment *adjustment)
{
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (gtk_widget_get_visible (self->more_button) && gtk_adjustment_get_value (adjustment) >= end - 48)
    load_more (self);
}

static void
msk_topics_page_constructed (GObject *object)
{
  MskTopicsPage *self = MSK_TOPICS_PAGE (object);
  MskContext *context = msk_page_get_context (MSK_PAGE (self));

  G_OBJECT_CLASS (msk_topics_page_parent_class)->constructed (object);

  if (context != NULL)
    g_signal_connect_object (context, "notify::client", G_CALLBACK (client_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
msk_topics_page_dispose (GObject *object)
{
  MskTopicsPage *self = MSK_TOPICS_PAGE (object);

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_TOPICS_PAGE);

  G_OBJECT_CLASS (msk_topics_page_parent_class)->dispose (object);
}

static void
msk_topics_page_finalize (GObject *object)
{
  MskTopicsPage *self = MSK_TOPICS_PAGE (object);

  g_clear_object (&self->topics);
  g_clear_object (&self->probe);
  g_clear_object (&self->entities);
  g_clear_pointer (&self->entity_names, g_hash_table_unref);
  g_free (self->kind);
  g_free (self->status);
  g_free (self->query);

  G_OBJECT_CLASS (msk_topics_page_parent_class)->finalize (object);
}

static void
msk_topics_page_class_init (MskTopicsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_topics_page_constructed;
  object_class->dispose = msk_topics_page_dispose;
  object_class->finalize = msk_topics_page_finalize;
  page_class->shown = msk_topics_page_shown;
  page_class->reload = msk_topics_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-topics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, reader_view);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, filters_expander);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, kind_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, entity_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, list);
  gtk_widget_class_bind_template_child (widget_class, MskTopicsPage, more_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
msk_topics_page_init (MskTopicsPage *self)
{
  g_type_ensure (MSK_TYPE_READER_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  self->entity_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_search_entry_set_search_delay (self->search_entry, 400);
  msk_reader_view_set_content (self->reader_view,
                               _("Consultations, polls, surveys and calls for ideas that public "
                                 "bodies put to the public. Search them, or choose a kind, a "
                                 "status or a public body under Filters."),
                               NULL, msk_language_effective ());
  msk_page_set_reader_view (MSK_PAGE (self), self->reader_view);
  build_value_filters (self);
  update_filters_label (self);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "value-changed",
                           G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
msk_topics_page_new (MskContext *context)
{
  return g_object_new (MSK_TYPE_TOPICS_PAGE, "context", context, NULL);
}
