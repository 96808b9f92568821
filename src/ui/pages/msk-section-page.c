/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-language.h"
#include "msk-section-page.h"

/**
 * MskSectionPage:
 *
 * The page of a section that has no content of its own yet: its picture,
 * its title and a sentence on what will be there.
 */
struct _MskSectionPage
{
  MskPage parent_instance;
};

G_DEFINE_FINAL_TYPE (MskSectionPage, msk_section_page, MSK_TYPE_PAGE)

static void
msk_section_page_class_init (MskSectionPageClass *klass)
{
}

static void
msk_section_page_init (MskSectionPage *self)
{
}

GtkWidget *
msk_section_page_new (MskContext       *context,
                      const MskSection *section)
{
  MskPage *page;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *title;
  GtkWidget *text;

  g_return_val_if_fail (section != NULL, NULL);

  page = g_object_new (MSK_TYPE_SECTION_PAGE,
                       "context", context,
                       "title", _(section->title),
                       "tag", section->name,
                       NULL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  image = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", section->icon_name,
                        "pixel-size", 96,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  gtk_widget_add_css_class (image, "dim-label");
  gtk_box_append (GTK_BOX (box), image);

  title = gtk_label_new (_(section->title));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title, "title-1");
  gtk_box_append (GTK_BOX (box), title);

  /* The page's words, in a view the reader can mark word by word. */
  text = msk_reader_view_new ();
  msk_reader_view_set_content (MSK_READER_VIEW (text), _(section->empty_text), NULL,
                               msk_language_effective ());
  gtk_text_view_set_justification (GTK_TEXT_VIEW (text), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  msk_page_set_reader_view (page, MSK_READER_VIEW (text));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 700);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  /* A group, so that the name below is kept by every GTK version. */
  scrolled = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                           NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  adw_bin_set_child (ADW_BIN (page), scrolled);

  return GTK_WIDGET (page);
}
