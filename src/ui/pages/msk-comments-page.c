/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-comment-row.h"
#include "msk-comments-page.h"
#include "msk-composer.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-report-text.h"
#include "msk-sign-in-page.h"
#include "msk-topic-text.h"

/**
 * MskCommentsPage:
 *
 * A topic's comments, in threads: each reply under what it answers. One
 * writes a comment or a reply under the guidelines check and the spelling
 * check of #MskComposer; it goes through the outbox (offline it is kept
 * and sent once the portal answers), and then shows "under review" until a
 * moderator publishes it, or "not published" with the reason. A published
 * comment of someone else can be reported, with a reason.
 */
struct _MskCommentsPage
{
  MskPage        parent_instance;

  /* Template widgets */
  GtkLabel      *offline_label;
  GtkLabel      *state_label;
  GtkWidget     *retry_button;
  GtkWidget     *content_box;
  GtkLabel      *title_label;
  GtkLabel      *count_label;
  GtkListBox    *list;
  GtkWidget     *more_button;
  GtkWidget     *write_box;
  GtkLabel      *write_heading;
  GtkWidget     *replying_box;
  GtkLabel      *replying_label;
  MskComposer   *composer;
  GtkWidget     *send_button;
  GtkLabel      *receipt_label;
  GtkLabel      *closed_label;

  /* Owned */
  MskTopic      *topic;      /* (nullable): as last read */
  GListModel    *comments;   /* (nullable): the MskPagedList shown */
  GHashTable    *authors;    /* comment id → its author, for "reply to" */
  MskOutboxItem *sending;    /* (nullable): the comment on its way */
  char          *sent_text;  /* (nullable): its text, given back if refused */
  MskOutboxItem *flag;       /* (nullable): the report on its way */
  char          *flag_reason;
  char          *flag_note;

  /* State */
  gint64         reply_to;   /* the comment answered, or 0 */
  gint64         sent_parent;
  gint64         flag_id;    /* the comment reported */
};

G_DEFINE_FINAL_TYPE (MskCommentsPage, msk_comments_page, MSK_TYPE_PAGE)

#define COMMENT_MIN_CHARS 10
#define COMMENT_MAX_CHARS 2000

static gboolean
topic_is_open (MskCommentsPage *self)
{
  return self->topic != NULL && g_strcmp0 (msk_topic_get_status (self->topic), "open") == 0;
}

static void
set_state (MskCommentsPage *self,
           const char      *text,
           gboolean         can_retry)
{
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static void
set_receipt (MskCommentsPage *self,
             const char      *text,
             gboolean         announce)
{
  gtk_label_set_text (self->receipt_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_label), text != NULL);
  if (announce && text != NULL)
    msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
}

static MskCommentRow *
find_row (MskCommentsPage *self,
          gint64           comment_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (MSK_IS_COMMENT_ROW (child)
        && msk_comment_get_id (msk_comment_row_get_comment (MSK_COMMENT_ROW (child))) == comment_id)
      return MSK_COMMENT_ROW (child);
  return NULL;
}

static void
update_count (MskCommentsPage *self)
{
  guint n = self->comments != NULL ? g_list_model_get_n_items (self->comments) : 0;
  g_autofree char *count = msk_report_text_dup_count (n);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (topic_is_open (self) ? _("No comments yet. You can write the first.")
                                          : _("No comments were published on this topic."));
  else
    /* Translators: %s is a number of comments */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s comment", "%s comments", n), count);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
}

static void
comments_changed_cb (GListModel      *model,
                     guint            position,
                     guint            removed,
                     guint            added,
                     MskCommentsPage *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MskComment) comment = g_list_model_get_item (model, i);
      const char *parent = NULL;
      GtkWidget *row;

      gsize parent_id = (gsize) msk_comment_get_parent_id (comment);

      if (parent_id > 0)
        parent = g_hash_table_lookup (self->authors, GSIZE_TO_POINTER (parent_id));
      row = msk_comment_row_new (comment, parent, topic_is_open (self));
      gtk_list_box_append (self->list, row);
      g_hash_table_insert (self->authors, GSIZE_TO_POINTER ((gsize) msk_comment_get_id (comment)),
                           g_strdup (msk_comment_get_author (comment) != NULL
                                     ? msk_comment_get_author (comment) : ""));
    }
  update_count (self);
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MskCommentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };
  g_autofree char *offline = NULL;

  if (msk_page_is_left (MSK_PAGE (self)) || G_LIST_MODEL (source) != self->comments)
    return;
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The comments could not be loaded: %s"), error->message);
      set_state (self, text, TRUE);
      return;
    }
  msk_paged_list_get_freshness (MSK_PAGED_LIST (source), &freshness);
  offline = msk_page_report_freshness (MSK_PAGE (self), &freshness);
  gtk_label_set_text (self->offline_label, offline != NULL ? offline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline != NULL);
  set_state (self, NULL, FALSE);
  gtk_widget_set_visible (self->more_button,
                          msk_paged_list_get_has_more (MSK_PAGED_LIST (source)));
  update_count (self);
}

static void
load_more (MskCommentsPage *self)
{
  if (self->comments == NULL || msk_paged_list_get_loading (MSK_PAGED_LIST (self->comments)))
    return;
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->comments),
                                  msk_page_get_cancellable (MSK_PAGE (self)), page_loaded_cb,
                                  g_object_ref (self));
}

static void
more_clicked_cb (MskCommentsPage *self)
{
  load_more (self);
}

static void
load_comments (MskCommentsPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  GtkWidget *child;

  if (self->comments != NULL)
    g_signal_handlers_disconnect_by_data (self->comments, self);
  g_clear_object (&self->comments);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_hash_table_remove_all (self->authors);
  if (client == NULL)
    return;
  self->comments = msk_client_list_comments (client, msk_page_get_topic_id (MSK_PAGE (self)));
  g_signal_connect (self->comments, "items-changed", G_CALLBACK (comments_changed_cb), self);
  load_more (self);
}

static void
show_topic (MskCommentsPage *self)
{
  g_autofree char *key = NULL;
  MskClient *client = msk_page_get_client (MSK_PAGE (self));

  msk_page_set_title (MSK_PAGE (self), msk_topic_get_title_text (self->topic));
  gtk_label_set_text (self->title_label, msk_topic_get_title_text (self->topic));
  gtk_widget_set_visible (self->write_box, topic_is_open (self));
  gtk_widget_set_visible (GTK_WIDGET (self->closed_label), !topic_is_open (self));
  if (!topic_is_open (self))
    gtk_label_set_text (self->closed_label,
                        g_strcmp0 (msk_topic_get_status (self->topic), "upcoming") == 0
                        ? _("This topic is not open yet: you can comment once it opens.")
                        : _("This topic is closed: comments are no longer taken."));
  if (client != NULL)
    key = msk_client_dup_topic_key (client, msk_page_get_topic_id (MSK_PAGE (self)));
  msk_composer_set_context (self->composer, msk_page_get_context (MSK_PAGE (self)), key);
  gtk_widget_set_visible (self->content_box, TRUE);
}

static void
topic_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskCommentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskTopic *topic;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  topic = msk_client_get_topic_finish (MSK_CLIENT (source), result, NULL, &error);
  if (topic == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The comments could not be loaded: %s"), error->message);
      set_state (self, text, TRUE);
      return;
    }
  g_clear_object (&self->topic);
  self->topic = topic;
  show_topic (self);
  load_comments (self);
}

static void
msk_comments_page_reload (MskPage *page)
{
  MskCommentsPage *self = MSK_COMMENTS_PAGE (page);
  MskClient *client = msk_page_get_client (page);

  if (client == NULL)
    {
      set_state (self, _("Not connected to a portal"), FALSE);
      return;
    }
  if (self->topic == NULL)
    set_state (self, _("Loading the comments…"), FALSE);
  msk_client_get_topic_async (client, msk_page_get_topic_id (page), msk_page_start_load (page),
                              topic_loaded_cb, g_object_ref (self));
}

/* Replying */

static void
set_reply_to (MskCommentsPage *self,
              gint64           comment_id)
{
  const char *author = g_hash_table_lookup (self->authors, GSIZE_TO_POINTER ((gsize) comment_id));

  self->reply_to = author != NULL ? comment_id : 0;
  gtk_widget_set_visible (self->replying_box, self->reply_to != 0);
  if (self->reply_to != 0)
    {
      g_autofree char *isolated = msk_topic_text_isolate (author);
      /* Translators: %s is the author of the comment answered */
      g_autofree char *text = g_strdup_printf (_("Your reply to %s"), isolated);

      gtk_label_set_text (self->replying_label, text);
      g_object_set (self->composer, "label", text, NULL);
      gtk_label_set_text (self->write_heading, _("Write a reply"));
      gtk_button_set_label (GTK_BUTTON (self->send_button), _("Send the reply"));
    }
  else
    {
      g_object_set (self->composer, "label", _("_Your comment"), NULL);
      gtk_label_set_text (self->write_heading, _("Write a comment"));
      gtk_button_set_label (GTK_BUTTON (self->send_button), _("Send the comment"));
    }
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  MskCommentsPage *self = MSK_COMMENTS_PAGE (widget);

  set_reply_to (self, g_variant_get_int64 (param));
  gtk_widget_grab_focus (GTK_WIDGET (self->composer));
}

static void
cancel_reply_clicked_cb (MskCommentsPage *self)
{
  gint64 answered = self->reply_to;
  MskCommentRow *row;

  set_reply_to (self, 0);
  row = find_row (self, answered);
  gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->composer));
}

/* Sending */

static void
comment_state_cb (MskCommentsPage *self)
{
  MskOutboxState state = msk_outbox_item_get_state (self->sending);
  g_autofree char *text = NULL;

  switch (state)
    {
    case MSK_OUTBOX_STATE_SENDING:
      set_receipt (self, _("Sending your comment…"), FALSE);
      return;

    case MSK_OUTBOX_STATE_QUEUED:
      if (msk_outbox_item_get_attempts (self->sending) > 0)
        set_receipt (self, _("Your comment is saved on this computer. It will be sent when the "
                             "connection returns."), TRUE);
      else
        set_receipt (self, _("Sending your comment…"), FALSE);
      return;

    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      set_receipt (self, _("Your comment is saved on this computer. Sign in again to send it."),
                   TRUE);
      return;

    case MSK_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = msk_outbox_item_dup_message (self->sending);

        /* Translators: %s is why the portal refused the comment */
        text = g_strdup_printf (_("Your comment was not accepted: %s"),
                                message != NULL ? message : "");
        g_clear_object (&self->sending);
        set_receipt (self, NULL, FALSE);
        /* nothing written is lost: the text comes back to be changed */
        msk_composer_set_text (self->composer, self->sent_text);
        set_reply_to (self, self->sent_parent);
        msk_composer_set_error (self->composer, text);
        gtk_widget_set_sensitive (self->send_button, TRUE);
        gtk_widget_grab_focus (GTK_WIDGET (self->composer));
        msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
        return;
      }

    case MSK_OUTBOX_STATE_SENT:
    default:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autofree char *date = msk_topic_text_dup_date (now, TRUE);

        /* Translators: %s is a date and time in two calendars */
        text = g_strdup_printf (_("Your comment was received on %s. A moderator reads it before "
                                  "it is published; until then it shows as under review."), date);
        g_clear_object (&self->sending);
        gtk_widget_set_sensitive (self->send_button, TRUE);
        set_receipt (self, text, TRUE);
        /* the comment as the portal has it, under review */
        load_comments (self);
        return;
      }
    }
}

static void
post (MskCommentsPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autofree char *body = msk_composer_dup_text (self->composer);
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  if (client == NULL)
    return;
  g_strstrip (body);
  item = msk_client_post_comment (client, msk_page_get_topic_id (MSK_PAGE (self)), self->reply_to,
                                  body, msk_topic_get_title_text (self->topic), &error);
  if (item == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your comment could not be saved: %s"),
                                               error->message);

      msk_composer_set_error (self->composer, text);
      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
      return;
    }

  g_set_object (&self->sending, item);
  g_free (self->sent_text);
  self->sent_text = g_steal_pointer (&body);
  self->sent_parent = self->reply_to;
  /* It is in the outbox now: the field is free for the next one. */
  msk_composer_set_text (self->composer, NULL);
  set_reply_to (self, 0);
  gtk_widget_set_sensitive (self->send_button, FALSE);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (comment_state_cb), self,
                           G_CONNECT_SWAPPED);
  comment_state_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->receipt_label));
}

static void
may_send_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MskCommentsPage) self = user_data;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_page_ensure_may_take_part_finish (MSK_PAGE (source), result, NULL))
    {
      /* Not agreed, or not signed in: the text stays, for another try. */
      gtk_widget_grab_focus (self->send_button);
      return;
    }
  post (self);
}

static void
send_clicked_cb (MskCommentsPage *self)
{
  if (self->sending != NULL || !msk_composer_validate (self->composer))
    return;
  msk_page_ensure_may_take_part_async (MSK_PAGE (self), msk_page_get_cancellable (MSK_PAGE (self)),
                                       may_send_cb, g_object_ref (self));
}

/* Reporting */

static void
flag_state_cb (MskCommentsPage *self)
{
  MskCommentRow *row = find_row (self, self->flag_id);
  MskOutboxState state = msk_outbox_item_get_state (self->flag);

  if (state == MSK_OUTBOX_STATE_SENDING
      || (state == MSK_OUTBOX_STATE_QUEUED && msk_outbox_item_get_attempts (self->flag) == 0))
    return;
  if (state == MSK_OUTBOX_STATE_FAILED)
    {
      g_autofree char *message = msk_outbox_item_dup_message (self->flag);
      /* Translators: %s is why the portal refused the report */
      g_autofree char *text = g_strdup_printf (_("Your report was not accepted: %s"),
                                               message != NULL ? message : "");

      if (row != NULL)
        msk_comment_row_set_flagged (row, text, FALSE);
    }
  else if (row != NULL)
    msk_comment_row_set_flagged (row, state == MSK_OUTBOX_STATE_SENT
                                      ? _("Thank you: the moderators will look at this comment.")
                                      : _("Your report is saved on this computer. It will be "
                                          "sent when the connection returns."), TRUE);
  g_signal_handlers_disconnect_by_data (self->flag, self);
  g_clear_object (&self->flag);
}

static void
send_flag (MskCommentsPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  if (client == NULL)
    return;
  item = msk_client_flag_comment (client, self->flag_id, self->flag_reason, self->flag_note,
                                  &error);
  if (item == NULL)
    {
      MskCommentRow *row = find_row (self, self->flag_id);
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your report could not be saved: %s"),
                                               error->message);

      if (row != NULL)
        msk_comment_row_set_flagged (row, text, FALSE);
      return;
    }
  g_set_object (&self->flag, item);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (flag_state_cb), self,
                           G_CONNECT_SWAPPED);
  flag_state_cb (self);
}

static void
may_flag_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MskCommentsPage) self = user_data;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (msk_page_ensure_may_take_part_finish (MSK_PAGE (source), result, NULL))
    send_flag (self);
}

static void
flag_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  MskCommentsPage *self = MSK_COMMENTS_PAGE (widget);
  const char *reason, *note;

  if (self->flag != NULL)
    return;
  g_variant_get (param, "(x&s&s)", &self->flag_id, &reason, &note);
  g_free (self->flag_reason);
  self->flag_reason = g_strdup (reason);
  g_free (self->flag_note);
  self->flag_note = g_strdup (note);
  msk_page_ensure_may_take_part_async (MSK_PAGE (self), msk_page_get_cancellable (MSK_PAGE (self)),
                                       may_flag_cb, g_object_ref (self));
}

static void
msk_comments_page_constructed (GObject *object)
{
  MskCommentsPage *self = MSK_COMMENTS_PAGE (object);
  g_autofree char *tag = g_strdup_printf ("comments:%" G_GINT64_FORMAT,
                                          msk_page_get_topic_id (MSK_PAGE (self)));

  G_OBJECT_CLASS (msk_comments_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (self), tag);
  msk_composer_set_length (self->composer, COMMENT_MIN_CHARS, COMMENT_MAX_CHARS);
  msk_comments_page_reload (MSK_PAGE (self));
}

static void
msk_comments_page_dispose (GObject *object)
{
  MskCommentsPage *self = MSK_COMMENTS_PAGE (object);

  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  if (self->flag != NULL)
    g_signal_handlers_disconnect_by_data (self->flag, self);
  if (self->comments != NULL)
    g_signal_handlers_disconnect_by_data (self->comments, self);
  g_clear_object (&self->sending);
  g_clear_object (&self->flag);
  g_clear_object (&self->comments);
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_COMMENTS_PAGE);

  G_OBJECT_CLASS (msk_comments_page_parent_class)->dispose (object);
}

static void
msk_comments_page_finalize (GObject *object)
{
  MskCommentsPage *self = MSK_COMMENTS_PAGE (object);

  g_clear_object (&self->topic);
  g_clear_pointer (&self->authors, g_hash_table_unref);
  g_free (self->sent_text);
  g_free (self->flag_reason);
  g_free (self->flag_note);

  G_OBJECT_CLASS (msk_comments_page_parent_class)->finalize (object);
}

static void
msk_comments_page_class_init (MskCommentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_comments_page_constructed;
  object_class->dispose = msk_comments_page_dispose;
  object_class->finalize = msk_comments_page_finalize;
  page_class->reload = msk_comments_page_reload;


  g_type_ensure (MSK_TYPE_COMPOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-comments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, list);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, write_box);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, write_heading);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, replying_box);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, replying_label);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, composer);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, MskCommentsPage, closed_label);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_reply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);

  gtk_widget_class_install_action (widget_class, "comments.reply", "x", reply_action);
  gtk_widget_class_install_action (widget_class, "comments.flag", "(xss)", flag_action);
}

static void
msk_comments_page_init (MskCommentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  self->authors = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  /* What says how the comment is doing takes the focus, so that it is heard. */
  gtk_label_set_selectable (self->receipt_label, TRUE);
}

GtkWidget *
msk_comments_page_new (MskContext *context,
                       gint64      topic_id)
{
  return g_object_new (MSK_TYPE_COMMENTS_PAGE, "context", context, "topic-id", topic_id, NULL);
}
