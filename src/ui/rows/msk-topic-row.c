/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-language.h"
#include "msk-page-layout.h"
#include "msk-topic-row.h"
#include "msk-topic-text.h"

/**
 * MskTopicRow:
 *
 * A topic in a list: its title, kind, body, status and when it opens or
 * closes, all of it in the row's accessible name as one sentence. Its text
 * is a button that opens the topic (`win.show-topic`); its "Read this"
 * button reads the sentence aloud.
 */
struct _MskTopicRow
{
  GtkListBoxRow  parent_instance;

  MskTopic      *topic;  /* (owned) */
};

G_DEFINE_FINAL_TYPE (MskTopicRow, msk_topic_row, GTK_TYPE_LIST_BOX_ROW)

static void
msk_topic_row_finalize (GObject *object)
{
  MskTopicRow *self = MSK_TOPIC_ROW (object);

  g_clear_object (&self->topic);

  G_OBJECT_CLASS (msk_topic_row_parent_class)->finalize (object);
}

static void
msk_topic_row_class_init (MskTopicRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_topic_row_finalize;
}

static void
msk_topic_row_init (MskTopicRow *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "msk-topic-row");
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/**
 * msk_topic_row_new:
 * @entity_name: (nullable): the name of the body that put it to the public
 */
GtkWidget *
msk_topic_row_new (MskTopic   *topic,
                   const char *entity_name)
{
  MskTopicRow *self;
  GtkWidget *box;
  GtkWidget *labels;
  GtkWidget *open_button;
  GtkWidget *read_button;
  g_autofree char *meta = NULL;
  g_autofree char *when = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *read_name = NULL;
  const char *kind;
  const char *status;

  g_return_val_if_fail (MSK_IS_TOPIC (topic), NULL);

  self = g_object_new (MSK_TYPE_TOPIC_ROW, NULL);
  self->topic = g_object_ref (topic);

  kind = msk_topic_text_kind (msk_topic_get_kind (topic));
  status = msk_topic_text_status (msk_topic_get_status (topic));
  if (entity_name != NULL)
    /* Translators: the second line of a topic's row: kind · body · status */
    meta = g_strdup_printf (_("%1$s · %2$s · %3$s"), kind, entity_name, status);
  else
    /* Translators: the second line of a topic's row: kind · status */
    meta = g_strdup_printf (_("%1$s · %2$s"), kind, status);
  when = msk_topic_text_dup_when (topic);
  sentence = msk_topic_text_dup_sentence (topic, entity_name);

  /* The row's text is a button that opens the topic: a screen reader and
   * the keyboard reach it, and every GTK gives it an action. */
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* Text from the portal stays text: no markup is read in it. */
  add_label (labels, msk_topic_get_title_text (topic), "heading");
  add_label (labels, meta, NULL);
  add_label (labels, when, "dim-label");
  open_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (open_button), labels);
  gtk_widget_add_css_class (open_button, "flat");
  gtk_widget_add_css_class (open_button, "msk-topic-open");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open_button), "win.show-topic");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open_button), "x", msk_topic_get_id (topic));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sentence, -1);
  msk_a11y_set_description (open_button, _("Opens this topic"));
  msk_a11y_keep_label (open_button);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), open_button);

  read_button = gtk_button_new_with_label (_("Read this"));
  msk_page_layout_wrap_labels (read_button);
  gtk_widget_set_halign (read_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (read_button, "flat");
  /* the target first: the action wants one */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (read_button), "(sss)", sentence, "",
                                    msk_language_effective ());
  gtk_actionable_set_action_name (GTK_ACTIONABLE (read_button), "reader.read-content");
  /* Translators: %s is the title of a topic */
  read_name = g_strdup_printf (_("Read aloud: %s"), msk_topic_get_title_text (topic));
  gtk_accessible_update_property (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  read_name, -1);
  msk_a11y_keep_label (read_button);
  gtk_box_append (GTK_BOX (box), read_button);

  gtk_widget_set_margin_start (read_button, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  /* The buttons inside take the focus, not the row. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);

  return GTK_WIDGET (self);
}

MskTopic *
msk_topic_row_get_topic (MskTopicRow *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC_ROW (self), NULL);

  return self->topic;
}
