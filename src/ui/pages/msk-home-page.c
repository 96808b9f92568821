/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-home-page.h"
#include "msk-language.h"
#include "msk-page-layout.h"
#include "msk-sections.h"
#include "msk-topic-text.h"

/**
 * MskHomePage:
 *
 * The first page: a heading, a sentence on what the app is for, and a
 * large tile for each section.
 */
struct _MskHomePage
{
  MskPage        parent_instance;

  /* Template widgets */
  GtkLabel      *portal_label;
  MskReaderView *reader_view;
  GtkFlowBox    *tiles;
  GtkBox        *results_tile_box;

  /* Owned: section name → tile (unowned widget) */
  GHashTable    *tile_by_section;
  GSignalGroup  *portal_signals;
};

G_DEFINE_FINAL_TYPE (MskHomePage, msk_home_page, MSK_TYPE_PAGE)

static GtkWidget *
create_tile (const MskSection *section)
{
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *title;
  GtkWidget *description;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* The picture only repeats the title: hide it from screen readers. */
  image = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", section->icon_name,
                        "pixel-size", 48,
                        "halign", GTK_ALIGN_START,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  gtk_box_append (GTK_BOX (box), image);

  title = gtk_label_new (_(section->title));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (box), title);

  description = gtk_label_new (_(section->description));
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (description), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 30);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_box_append (GTK_BOX (box), description);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "msk-tile");
  gtk_widget_add_css_class (button, "card");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-section");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", section->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  msk_a11y_set_description (button, _(section->description));
  gtk_widget_set_name (button, section->name);

  return button;
}

static void
build_tiles (MskHomePage *self)
{
  const MskSection *sections;
  guint n_sections;

  sections = msk_sections_get (&n_sections);
  for (guint i = 0; i < n_sections; i++)
    {
      const MskSection *section = &sections[i];
      GtkWidget *tile = create_tile (section);

      g_hash_table_insert (self->tile_by_section, (gpointer) section->name, tile);

      /* Results sit below the four main tiles, across the whole width. */
      if (g_str_equal (section->name, "results"))
        {
          gtk_widget_add_css_class (tile, "msk-tile-wide");
          gtk_box_append (self->results_tile_box, tile);
        }
      else
        {
          GtkWidget *child = gtk_flow_box_child_new ();

          gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), tile);
          gtk_widget_set_focusable (child, FALSE);
          /* A screen reader names the cell too: after its tile, not its class. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                          -1);
          gtk_flow_box_append (self->tiles, child);
        }
    }
}

/* The line under the header: the portal the app reads, or what is
 * happening to it. */
static void
update_portal_line (MskHomePage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  MskPortal *portal = context != NULL ? msk_context_get_portal (context) : NULL;
  const char *status = context != NULL ? msk_context_get_status (context) : NULL;
  g_autofree char *text = NULL;

  if (portal != NULL && msk_context_get_offline_since (context) > 0)
    {
      g_autoptr(GDateTime) when =
        g_date_time_new_from_unix_local (msk_context_get_offline_since (context) / G_USEC_PER_SEC);
      g_autofree char *date = msk_topic_text_dup_date (when, TRUE);

      /* Translators: %1$s is the name of a portal, %2$s a date and time */
      text = g_strdup_printf (_("Portal: %1$s. Offline: last updated on %2$s"),
                              msk_portal_get_name (portal), date);
    }
  else if (portal != NULL)
    /* Translators: %s is the name of a participation portal */
    text = g_strdup_printf (_("Portal: %s"), msk_portal_get_name (portal));
  else if (status != NULL)
    text = g_strdup (status);
  else
    text = g_strdup (_("Not connected to a portal"));

  /* Always shown: GTK 4.8 does not tell screen readers about a label that
   * appears later. */
  gtk_label_set_text (self->portal_label, text);
}

/* A portal renamed in Preferences is named so here too. */
static void
portal_changed_cb (MskHomePage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));

  g_signal_group_set_target (self->portal_signals,
                             context != NULL ? msk_context_get_portal (context) : NULL);
  update_portal_line (self);
}

static void
msk_home_page_constructed (GObject *object)
{
  MskHomePage *self = MSK_HOME_PAGE (object);
  MskContext *context = msk_page_get_context (MSK_PAGE (self));

  G_OBJECT_CLASS (msk_home_page_parent_class)->constructed (object);

  if (context != NULL)
    {
      g_signal_connect_object (context, "notify::portal", G_CALLBACK (portal_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::status", G_CALLBACK (update_portal_line), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::offline-since",
                               G_CALLBACK (update_portal_line), self, G_CONNECT_SWAPPED);
    }
  self->portal_signals = g_signal_group_new (MSK_TYPE_PORTAL);
  g_signal_group_connect_swapped (self->portal_signals, "notify::name",
                                  G_CALLBACK (update_portal_line), self);
  portal_changed_cb (self);
}

static void
msk_home_page_finalize (GObject *object)
{
  MskHomePage *self = MSK_HOME_PAGE (object);

  g_clear_pointer (&self->tile_by_section, g_hash_table_unref);
  g_clear_object (&self->portal_signals);

  G_OBJECT_CLASS (msk_home_page_parent_class)->finalize (object);
}

static void
msk_home_page_dispose (GObject *object)
{
  msk_page_dispose_template (MSK_PAGE (object), MSK_TYPE_HOME_PAGE);

  G_OBJECT_CLASS (msk_home_page_parent_class)->dispose (object);
}

static void
msk_home_page_class_init (MskHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = msk_home_page_constructed;
  object_class->dispose = msk_home_page_dispose;
  object_class->finalize = msk_home_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskHomePage, portal_label);
  gtk_widget_class_bind_template_child (widget_class, MskHomePage, reader_view);
  gtk_widget_class_bind_template_child (widget_class, MskHomePage, tiles);
  gtk_widget_class_bind_template_child (widget_class, MskHomePage, results_tile_box);
}

static void
msk_home_page_init (MskHomePage *self)
{
  g_type_ensure (MSK_TYPE_READER_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  self->tile_by_section = g_hash_table_new (g_str_hash, g_str_equal);
  msk_reader_view_set_content (self->reader_view,
                               _("Read what is put to the public, give your opinion, and follow "
                                 "what was decided."),
                               NULL, msk_language_effective ());
  msk_page_set_reader_view (MSK_PAGE (self), self->reader_view);
  build_tiles (self);
}

GtkWidget *
msk_home_page_new (MskContext *context)
{
  return g_object_new (MSK_TYPE_HOME_PAGE, "context", context, NULL);
}

/**
 * msk_home_page_get_tile:
 *
 * Returns: (transfer none) (nullable): the tile that opens @section
 */
GtkWidget *
msk_home_page_get_tile (MskHomePage *self,
                        const char  *section)
{
  g_return_val_if_fail (MSK_IS_HOME_PAGE (self), NULL);

  return g_hash_table_lookup (self->tile_by_section, section);
}
