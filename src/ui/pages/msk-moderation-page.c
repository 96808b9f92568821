/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-date.h"
#include "msk-moderation-page.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-report-text.h"
#include "msk-topic-text.h"

/**
 * MskModerationPage:
 *
 * The pre-moderation of comments, for moderator accounts: the comments
 * waiting, oldest first, each with its topic, its author and its text
 * (and the reports a published one received). Publish, or reject with a
 * reason its author will read, from the keyboard; each decision goes
 * through the outbox and its row says when it is recorded.
 */
struct _MskModerationPage
{
  MskPage     parent_instance;

  /* Template widgets */
  GtkLabel   *state_label;
  GtkWidget  *retry_button;
  GtkListBox *list;
  GtkWidget  *more_button;

  /* Owned */
  GListModel *queue;  /* (nullable): the MskPagedList shown */
};

G_DEFINE_FINAL_TYPE (MskModerationPage, msk_moderation_page, MSK_TYPE_PAGE)

/* What a row keeps of its comment and of the decision on its way. */
typedef struct
{
  MskModerationPage *page;      /* (unowned) */
  MskComment        *comment;   /* (owned) */
  MskOutboxItem     *decision;  /* (owned) (nullable) */
  GtkWidget         *buttons;
  GtkWidget         *reject_box;
  GtkWidget         *reason;
  GtkLabel          *status;
  gboolean           publish;
} Entry;

static void
entry_free (Entry *entry)
{
  if (entry->decision != NULL)
    g_signal_handlers_disconnect_by_data (entry->decision, entry);
  g_clear_object (&entry->decision);
  g_clear_object (&entry->comment);
  g_free (entry);
}

static void
set_state (MskModerationPage *self,
           const char        *text,
           gboolean           can_retry)
{
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static void
entry_say (Entry      *entry,
           const char *text,
           gboolean    is_error)
{
  msk_page_layout_show_status (entry->status, text, is_error);
  if (text != NULL)
    msk_a11y_announce (GTK_WIDGET (entry->status), text, MSK_A11Y_PRIORITY_HIGH);
}

static void
decision_state_cb (Entry *entry)
{
  MskOutboxState state = msk_outbox_item_get_state (entry->decision);

  switch (state)
    {
    case MSK_OUTBOX_STATE_SENDING:
      return;
    case MSK_OUTBOX_STATE_QUEUED:
      if (msk_outbox_item_get_attempts (entry->decision) > 0)
        entry_say (entry, _("Your decision is saved on this computer. It will be sent when the "
                            "connection returns."), FALSE);
      return;
    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      entry_say (entry, _("Your decision is saved on this computer. Sign in again to send it."),
                 FALSE);
      return;
    case MSK_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = msk_outbox_item_dup_message (entry->decision);
        /* Translators: %s is why the portal refused the decision */
        g_autofree char *text = g_strdup_printf (_("Your decision was not accepted: %s"),
                                                 message != NULL ? message : "");

        g_signal_handlers_disconnect_by_data (entry->decision, entry);
        g_clear_object (&entry->decision);
        gtk_widget_set_sensitive (entry->buttons, TRUE);
        gtk_widget_set_sensitive (entry->reject_box, TRUE);
        entry_say (entry, text, TRUE);
        return;
      }
    case MSK_OUTBOX_STATE_SENT:
    default:
      g_signal_handlers_disconnect_by_data (entry->decision, entry);
      g_clear_object (&entry->decision);
      gtk_widget_set_visible (entry->reject_box, FALSE);
      entry_say (entry, entry->publish ? _("Published: everyone can read it now.")
                                       : _("Rejected: its author can read your reason."), FALSE);
      return;
    }
}

static void
decide (Entry      *entry,
        gboolean    publish,
        const char *reason)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (entry->page));
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  if (client == NULL || entry->decision != NULL)
    return;
  item = msk_client_moderate_comment (client, msk_comment_get_id (entry->comment), publish, reason,
                                      msk_comment_get_topic_title (entry->comment), &error);
  if (item == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your decision could not be saved: %s"),
                                               error->message);

      entry_say (entry, text, TRUE);
      return;
    }
  entry->publish = publish;
  entry->decision = g_object_ref (item);
  gtk_widget_set_sensitive (entry->buttons, FALSE);
  gtk_widget_set_sensitive (entry->reject_box, FALSE);
  g_signal_connect_swapped (item, "notify::state", G_CALLBACK (decision_state_cb), entry);
  /* The focus stays in the row, on what says how the decision is doing. */
  gtk_widget_grab_focus (GTK_WIDGET (entry->status));
  decision_state_cb (entry);
}

static void
publish_clicked_cb (Entry *entry)
{
  decide (entry, TRUE, NULL);
}

static void
reject_clicked_cb (Entry *entry)
{
  gtk_widget_set_visible (entry->reject_box, TRUE);
  gtk_widget_grab_focus (entry->reason);
}

static void
confirm_reject_cb (Entry *entry)
{
  g_autofree char *reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry->reason)));

  g_strstrip (reason);

  if (*reason == '\0')
    {
      entry_say (entry, _("Write the reason first: the author reads it."), TRUE);
      gtk_widget_grab_focus (entry->reason);
      return;
    }
  decide (entry, FALSE, reason);
}

static void
cancel_reject_cb (Entry *entry)
{
  gtk_widget_set_visible (entry->reject_box, FALSE);
  gtk_widget_grab_focus (gtk_widget_get_last_child (entry->buttons));
}

static GtkWidget *
add_button (GtkWidget  *box,
            const char *label,
            const char *name,
            GCallback   callback,
            Entry      *entry)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  msk_page_layout_wrap_labels (button);
  if (name != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      msk_a11y_keep_label (button);
    }
  g_signal_connect_swapped (button, "clicked", callback, entry);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static GtkWidget *
build_row (MskModerationPage *self,
           MskComment        *comment)
{
  Entry *entry = g_new0 (Entry, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *reason_label;
  GtkWidget *confirm_buttons;
  GtkWidget *button;
  const char *author = msk_comment_get_author (comment) != NULL ? msk_comment_get_author (comment)
                                                                : "";
  const char *topic = msk_comment_get_topic_title (comment) != NULL
                      ? msk_comment_get_topic_title (comment) : "";
  g_autofree char *isolated_author = msk_topic_text_isolate (author);
  g_autofree char *isolated_topic = msk_topic_text_isolate (topic);
  g_autofree char *date = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *name = NULL;
  g_autofree char *publish = NULL;
  g_autofree char *reject = NULL;
  g_autofree char *on_topic = NULL;
  g_autofree char *helped = NULL;

  entry->page = self;
  entry->comment = g_object_ref (comment);
  g_object_set_data_full (G_OBJECT (row), "msk-entry", entry, (GDestroyNotify) entry_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Translators: the topic a comment waiting for review was written on */
  on_topic = g_strdup_printf (_("On: %s"), isolated_topic);
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (on_topic, "heading"));
  if (msk_comment_get_created_at (comment) != NULL)
    {
      g_autofree char *both = msk_date_format_both (msk_comment_get_created_at (comment), FALSE,
                                                    NULL);

      date = msk_topic_text_isolate (both);
    }
  /* Translators: who wrote a comment waiting for review, and when */
  byline = g_strdup_printf (_("By %1$s, %2$s"), isolated_author, date != NULL ? date : "");
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (byline, "dim-label"));
  if (msk_comment_get_assisted (comment))
    {
      if (msk_comment_get_assisted_by (comment) != NULL)
        {
          g_autofree char *staff = msk_topic_text_isolate (msk_comment_get_assisted_by (comment));

          /* Translators: %s is the staff member of a service center who
           * helped the author of a comment */
          helped = g_strdup_printf (_("Made with help at the service center, by %s."), staff);
        }
      else
        helped = g_strdup (_("Made with help at the service center."));
      gtk_box_append (GTK_BOX (box), msk_page_layout_label (helped, "dim-label"));
    }
  /* Text from the portal is shown literally: markup stays text. */
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (msk_comment_get_body (comment), NULL));

  entry->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* Translators: %s is the author of the comment */
  publish = g_strdup_printf (_("Publish the comment of %s"), isolated_author);
  button = add_button (entry->buttons, _("Publish"), publish, G_CALLBACK (publish_clicked_cb),
                       entry);
  gtk_widget_add_css_class (button, "suggested-action");
  /* Translators: %s is the author of the comment */
  reject = g_strdup_printf (_("Reject the comment of %s"), isolated_author);
  add_button (entry->buttons, _("Reject…"), reject, G_CALLBACK (reject_clicked_cb), entry);
  gtk_box_append (GTK_BOX (box), entry->buttons);

  entry->reject_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_visible (entry->reject_box, FALSE);
  reason_label = msk_page_layout_label (_("Why it is not published (its author reads this)"),
                                        NULL);
  gtk_box_append (GTK_BOX (entry->reject_box), reason_label);
  entry->reason = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry->reason), 500);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry->reason),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, reason_label, NULL, -1);
  g_signal_connect_swapped (entry->reason, "activate", G_CALLBACK (confirm_reject_cb), entry);
  gtk_box_append (GTK_BOX (entry->reject_box), entry->reason);
  confirm_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  button = add_button (confirm_buttons, _("Reject with this reason"), NULL,
                       G_CALLBACK (confirm_reject_cb), entry);
  gtk_widget_add_css_class (button, "destructive-action");
  add_button (confirm_buttons, _("Cancel"), NULL, G_CALLBACK (cancel_reject_cb), entry);
  gtk_box_append (GTK_BOX (entry->reject_box), confirm_buttons);
  gtk_box_append (GTK_BOX (box), entry->reject_box);

  entry->status = GTK_LABEL (msk_page_layout_label (NULL, "msk-receipt"));
  gtk_label_set_selectable (entry->status, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (entry->status), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entry->status));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Translators: a comment waiting for review, in one sentence: its topic,
   * its author, the date and its text */
  name = g_strdup_printf (_("On %1$s, by %2$s, %3$s: %4$s"), isolated_topic, isolated_author,
                          date != NULL ? date : "", msk_comment_get_body (comment));
  if (helped != NULL)
    {
      g_autofree char *told = g_strconcat (name, " ", helped, NULL);

      g_free (name);
      name = g_steal_pointer (&told);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static void
update_state (MskModerationPage *self)
{
  guint n = self->queue != NULL ? g_list_model_get_n_items (self->queue) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
  if (n == 0)
    set_state (self, _("No comment is waiting for review."), FALSE);
  else
    {
      g_autofree char *count = msk_report_text_dup_count (n);
      /* Translators: %s is a number of comments */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s comment is waiting for review.",
                                                            "%s comments are waiting for review.",
                                                            n), count);

      set_state (self, text, FALSE);
    }
}

static void
queue_changed_cb (GListModel        *model,
                  guint              position,
                  guint              removed,
                  guint              added,
                  MskModerationPage *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MskComment) comment = g_list_model_get_item (model, i);

      gtk_list_box_append (self->list, build_row (self, comment));
    }
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MskModerationPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (msk_page_is_left (MSK_PAGE (self)) || G_LIST_MODEL (source) != self->queue)
    return;
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The comments waiting for review could not be loaded: %s"),
                              error->message);
      set_state (self, text, TRUE);
      return;
    }
  update_state (self);
  gtk_widget_set_visible (self->more_button,
                          msk_paged_list_get_has_more (MSK_PAGED_LIST (source)));
}

static void
load_more (MskModerationPage *self)
{
  if (self->queue == NULL || msk_paged_list_get_loading (MSK_PAGED_LIST (self->queue)))
    return;
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->queue),
                                  msk_page_get_cancellable (MSK_PAGE (self)), page_loaded_cb,
                                  g_object_ref (self));
}

static void
more_clicked_cb (MskModerationPage *self)
{
  load_more (self);
}

static void
msk_moderation_page_reload (MskPage *page)
{
  MskModerationPage *self = MSK_MODERATION_PAGE (page);
  MskClient *client = msk_page_get_client (page);
  GtkWidget *child;

  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  g_clear_object (&self->queue);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  if (client == NULL)
    {
      set_state (self, _("Not connected to a portal"), FALSE);
      return;
    }
  set_state (self, _("Loading the comments waiting for review…"), FALSE);
  self->queue = msk_client_list_moderation_queue (client);
  g_signal_connect (self->queue, "items-changed", G_CALLBACK (queue_changed_cb), self);
  load_more (self);
}

static void
msk_moderation_page_dispose (GObject *object)
{
  MskModerationPage *self = MSK_MODERATION_PAGE (object);

  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  g_clear_object (&self->queue);
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_MODERATION_PAGE);

  G_OBJECT_CLASS (msk_moderation_page_parent_class)->dispose (object);
}

static void
msk_moderation_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (msk_moderation_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (object), "moderation");
  msk_moderation_page_reload (MSK_PAGE (object));
}

static void
msk_moderation_page_class_init (MskModerationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_moderation_page_constructed;
  object_class->dispose = msk_moderation_page_dispose;
  page_class->reload = msk_moderation_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-moderation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskModerationPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskModerationPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskModerationPage, list);
  gtk_widget_class_bind_template_child (widget_class, MskModerationPage, more_button);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
msk_moderation_page_init (MskModerationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));
}

GtkWidget *
msk_moderation_page_new (MskContext *context)
{
  return g_object_new (MSK_TYPE_MODERATION_PAGE, "context", context, NULL);
}
