/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-feedback-box.h"
#include "msk-page-layout.h"

/**
 * MskFeedbackBox:
 *
 * "Was this useful?" at the end of a topic's page, as the policies' own
 * pages ask: yes or no, then one or more reasons (check boxes, never a
 * colour), then Send. The answer goes to the portal through the outbox,
 * so it is kept when the portal cannot be reached and sent once it can;
 * its state is said in words.
 */
struct _MskFeedbackBox
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkWidget      *form_box;
  GtkCheckButton *yes_button;
  GtkCheckButton *no_button;
  GtkWidget      *yes_reasons;
  GtkWidget      *no_reasons;
  GtkLabel       *state_label;

  /* Owned */
  MskClient      *client;
  MskTopic       *topic;
  MskOutboxItem  *item;  /* (nullable): the answer sent */

  gulong          state_id;
  gulong          attempts_id;
};

G_DEFINE_FINAL_TYPE (MskFeedbackBox, msk_feedback_box, ADW_TYPE_BIN)

/* The reasons the portal counts (FeedbackReason in the API), for a page
 * that was useful and for one that was not. */
static const struct
{
  const char *id;
  const char *label;
  gboolean    useful;
} reasons[] = {
  { "clear", N_("Clear"), TRUE },
  { "complete", N_("Complete"), TRUE },
  { "helpful", N_("Helpful"), TRUE },
  { "unclear", N_("Unclear"), FALSE },
  { "incomplete", N_("Something is missing"), FALSE },
  { "outdated", N_("Out of date"), FALSE },
  { "hard_to_read", N_("Hard to read"), FALSE },
  { "not_relevant", N_("Not what I was looking for"), FALSE },
  { "other", N_("Another reason"), FALSE },
};

#define REASON_KEY "msk-feedback-reason"

static gboolean
answered (MskFeedbackBox *self,
          gboolean       *useful)
{
  *useful = gtk_check_button_get_active (self->yes_button);
  return *useful || gtk_check_button_get_active (self->no_button);
}

/* The reasons ticked for the answer given. */
static GPtrArray *
dup_reasons (MskFeedbackBox *self,
             gboolean        useful)
{
  GPtrArray *chosen = g_ptr_array_new ();
  GtkWidget *box = useful ? self->yes_reasons : self->no_reasons;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child) && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        g_ptr_array_add (chosen, g_object_get_data (G_OBJECT (child), REASON_KEY));
    }
  g_ptr_array_add (chosen, NULL);
  return chosen;
}

static void
update_form (MskFeedbackBox *self)
{
  g_autoptr(GPtrArray) chosen = NULL;
  gboolean useful = FALSE;
  gboolean any = answered (self, &useful);

  gtk_widget_set_visible (self->yes_reasons, any && useful);
  gtk_widget_set_visible (self->no_reasons, any && !useful);
  chosen = any ? dup_reasons (self, useful) : NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.send",
                                 chosen != NULL && chosen->len > 1 && self->client != NULL
                                 && self->item == NULL);
}

static void
say (MskFeedbackBox *self,
     const char     *text)
{
  if (g_strcmp0 (gtk_label_get_text (self->state_label), text) == 0
      && gtk_widget_get_visible (GTK_WIDGET (self->state_label)))
    return;
  gtk_label_set_text (self->state_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);
  msk_a11y_announce (GTK_WIDGET (self->state_label), text, MSK_A11Y_PRIORITY_MEDIUM);
}

static void forget_item (MskFeedbackBox *self);

/* Says where the answer is: on its way, kept until the portal can be
 * reached, sent, or refused (then the form comes back). */
static void
update_state (MskFeedbackBox *self)
{
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  if (self->item == NULL)
    return;

  switch (msk_outbox_item_get_state (self->item))
    {
    case MSK_OUTBOX_STATE_SENT:
      say (self, _("Thank you — sent"));
      break;
    case MSK_OUTBOX_STATE_FAILED:
      message = msk_outbox_item_dup_message (self->item);
      /* Translators: %s is what the portal said, in plain words */
      text = g_strdup_printf (_("The portal did not accept your answer: %s"),
                              message != NULL ? message : "");
      say (self, text);
      forget_item (self);
      gtk_widget_set_visible (self->form_box, TRUE);
      update_form (self);
      break;
    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      say (self, _("Saved, will be sent when you sign in again"));
      break;
    case MSK_OUTBOX_STATE_QUEUED:
    case MSK_OUTBOX_STATE_SENDING:
    default:
      /* Once the portal could not be reached, the answer stays "saved"
       * until it is sent, through every new try. */
      if (msk_outbox_item_get_attempts (self->item) > 0)
        say (self, _("Saved, will be sent when online"));
      else
        say (self, _("Sending your answer…"));
      break;
    }
}

static void
item_changed_cb (MskFeedbackBox *self)
{
  update_state (self);
}

static void
forget_item (MskFeedbackBox *self)
{
  if (self->item == NULL)
    return;
  g_clear_signal_handler (&self->state_id, self->item);
  g_clear_signal_handler (&self->attempts_id, self->item);
  g_clear_object (&self->item);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MskFeedbackBox *self = MSK_FEEDBACK_BOX (widget);
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GError) error = NULL;
  gboolean useful = FALSE;
  MskOutboxItem *item;

  if (self->client == NULL || self->topic == NULL || self->item != NULL
      || !answered (self, &useful))
    return;

  chosen = dup_reasons (self, useful);
  item = msk_client_send_feedback (self->client, msk_topic_get_id (self->topic), useful,
                                   (const char * const *) chosen->pdata,
                                   msk_topic_get_title_text (self->topic), &error);
  if (item == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("Your answer could not be kept: %s"), error->message);
      say (self, text);
      return;
    }

  self->item = g_object_ref (item);
  self->state_id = g_signal_connect_swapped (item, "notify::state",
                                             G_CALLBACK (item_changed_cb), self);
  self->attempts_id = g_signal_connect_swapped (item, "notify::attempts",
                                                G_CALLBACK (item_changed_cb), self);
  update_form (self);

  /* The form gives way to what became of the answer, and the focus goes
   * there, so that a screen reader reads it. */
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->state_label));
  gtk_widget_set_visible (self->form_box, FALSE);
  update_state (self);
  gtk_label_select_region (self->state_label, 0, 0);
}

static void
add_reason (GtkWidget  *box,
            const char *id,
            const char *label,
            gpointer    self)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  msk_page_layout_wrap_labels (check);
  g_object_set_data (G_OBJECT (check), REASON_KEY, (gpointer) id);
  gtk_widget_set_halign (check, GTK_ALIGN_START);
  g_signal_connect_swapped (check, "notify::active", G_CALLBACK (update_form), self);
  gtk_box_append (GTK_BOX (box), check);
}

static void
msk_feedback_box_dispose (GObject *object)
{
  MskFeedbackBox *self = MSK_FEEDBACK_BOX (object);

  forget_item (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_FEEDBACK_BOX);

  G_OBJECT_CLASS (msk_feedback_box_parent_class)->dispose (object);
}

static void
msk_feedback_box_finalize (GObject *object)
{
  MskFeedbackBox *self = MSK_FEEDBACK_BOX (object);

  g_clear_object (&self->client);
  g_clear_object (&self->topic);

  G_OBJECT_CLASS (msk_feedback_box_parent_class)->finalize (object);
}

static void
msk_feedback_box_class_init (MskFeedbackBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_feedback_box_dispose;
  object_class->finalize = msk_feedback_box_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/widgets/msk-feedback-box.ui");
  gtk_widget_class_bind_template_child (widget_class, MskFeedbackBox, form_box);
  gtk_widget_class_bind_template_child (widget_class, MskFeedbackBox, yes_button);
  gtk_widget_class_bind_template_child (widget_class, MskFeedbackBox, no_button);
  gtk_widget_class_bind_template_child (widget_class, MskFeedbackBox, yes_reasons);
  gtk_widget_class_bind_template_child (widget_class, MskFeedbackBox, no_reasons);
  gtk_widget_class_bind_template_child (widget_class, MskFeedbackBox, state_label);

  gtk_widget_class_install_action (widget_class, "feedback.send", NULL, send_action);
}

static void
msk_feedback_box_init (MskFeedbackBox *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    add_reason (reasons[i].useful ? self->yes_reasons : self->no_reasons, reasons[i].id,
                _(reasons[i].label), self);
  g_signal_connect_swapped (self->yes_button, "notify::active", G_CALLBACK (update_form), self);
  g_signal_connect_swapped (self->no_button, "notify::active", G_CALLBACK (update_form), self);
  update_form (self);
}

GtkWidget *
msk_feedback_box_new (void)
{
  return g_object_new (MSK_TYPE_FEEDBACK_BOX, NULL);
}

/**
 * msk_feedback_box_set_topic:
 * @client: the portal's client, from the page
 * @topic: the topic the page shows
 */
void
msk_feedback_box_set_topic (MskFeedbackBox *self,
                            MskClient      *client,
                            MskTopic       *topic)
{
  g_return_if_fail (MSK_IS_FEEDBACK_BOX (self));

  g_set_object (&self->client, client);
  g_set_object (&self->topic, topic);
  update_form (self);
}
