/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-date.h"
#include "msk-outcome-row.h"
#include "msk-report-text.h"
#include "msk-topic-text.h"

/**
 * MskOutcomeRow:
 *
 * An outcome ("you said, we did") in a list: the topic, what was decided,
 * how far it is carried out in words and as a level bar, and when it was
 * published. Its accessible label says all of it in one sentence.
 */
struct _MskOutcomeRow
{
  GtkListBoxRow  parent_instance;

  MskOutcome    *outcome;  /* (owned) */
};

G_DEFINE_FINAL_TYPE (MskOutcomeRow, msk_outcome_row, GTK_TYPE_LIST_BOX_ROW)

static void
msk_outcome_row_dispose (GObject *object)
{
  MskOutcomeRow *self = MSK_OUTCOME_ROW (object);

  g_clear_object (&self->outcome);

  G_OBJECT_CLASS (msk_outcome_row_parent_class)->dispose (object);
}

static void
msk_outcome_row_class_init (MskOutcomeRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = msk_outcome_row_dispose;
}

static void
msk_outcome_row_init (MskOutcomeRow *self)
{
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

GtkWidget *
msk_outcome_row_new (MskOutcome *outcome)
{
  MskOutcomeRow *self;
  GtkWidget *box;
  GtkWidget *bar;
  g_autofree char *sentence = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *decision = NULL;

  g_return_val_if_fail (MSK_IS_OUTCOME (outcome), NULL);

  self = g_object_new (MSK_TYPE_OUTCOME_ROW, "activatable", FALSE, NULL);
  self->outcome = g_object_ref (outcome);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Text from the portal is shown literally: markup stays text. */
  add_label (box, msk_outcome_get_topic_title (outcome), "heading");
  /* Translators: %s is what a public body decided after a consultation */
  decision = g_strdup_printf (_("We did: %s"), msk_outcome_get_decision (outcome));
  add_label (box, decision, NULL);

  progress = msk_report_text_dup_progress (outcome);
  add_label (box, progress, NULL);

  /* The bar repeats the words above it: hidden from screen readers. */
  bar = g_object_new (GTK_TYPE_LEVEL_BAR,
                      "min-value", 0.0,
                      "max-value", 100.0,
                      "value", (double) msk_outcome_get_progress (outcome),
                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                      NULL);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_add_css_class (bar, "msk-progress");
  gtk_box_append (GTK_BOX (box), bar);

  if (msk_outcome_get_published_at (outcome) != NULL)
    {
      g_autofree char *both = msk_date_format_both (msk_outcome_get_published_at (outcome), FALSE,
                                                    NULL);
      g_autofree char *date = msk_topic_text_isolate (both);
      /* Translators: %s is a date in two calendars */
      g_autofree char *published = g_strdup_printf (_("Published on %s"), date);

      gtk_widget_add_css_class (add_label (box, published, NULL), "dim-label");
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  sentence = msk_report_text_dup_outcome (outcome);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);

  return GTK_WIDGET (self);
}

/**
 * msk_outcome_row_get_outcome:
 *
 * Returns: (transfer none): the outcome shown
 */
MskOutcome *
msk_outcome_row_get_outcome (MskOutcomeRow *self)
{
  g_return_val_if_fail (MSK_IS_OUTCOME_ROW (self), NULL);

  return self->outcome;
}
