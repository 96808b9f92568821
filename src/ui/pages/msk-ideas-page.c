/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-composer.h"
#include "msk-guidelines.h"
#include "msk-ideas-page.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-report-text.h"
#include "msk-sign-in-page.h"
#include "msk-topic-text.h"

/**
 * MskIdeasPage:
 *
 * A topic's ideas, the most supported first, each with how many support it
 * (in words), who sent it, and the person's own marked "your idea". An
 * idea is supported once: after that its row says so. A new idea has a
 * title and a text, checked like a comment; both the idea and the support
 * go through the outbox.
 */
struct _MskIdeasPage
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
  GtkEntry      *idea_title;
  GtkLabel      *idea_title_error;
  MskComposer   *composer;
  GtkWidget     *send_button;
  GtkLabel      *receipt_label;
  GtkLabel      *closed_label;

  /* Owned */
  MskTopic      *topic;       /* (nullable): as last read */
  GListModel    *ideas;       /* (nullable): the MskPagedList shown */
  MskOutboxItem *sending;     /* (nullable): the idea on its way */
  char          *sent_title;  /* (nullable): given back if refused */
  char          *sent_body;
  MskOutboxItem *support;     /* (nullable): the support on its way */
  char          *support_title;

  /* State */
  gint64         support_id;
};

G_DEFINE_FINAL_TYPE (MskIdeasPage, msk_ideas_page, MSK_TYPE_PAGE)

#define IDEA_MIN_CHARS 20
#define IDEA_MAX_CHARS 4000
#define TITLE_MIN_CHARS 5

static gboolean
topic_is_open (MskIdeasPage *self)
{
  return self->topic != NULL && g_strcmp0 (msk_topic_get_status (self->topic), "open") == 0;
}

static void
set_state (MskIdeasPage *self,
           const char   *text,
           gboolean      can_retry)
{
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static void
set_receipt (MskIdeasPage *self,
             const char   *text,
             gboolean      announce)
{
  gtk_label_set_text (self->receipt_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_label), text != NULL);
  if (announce && text != NULL)
    msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
}

static char *
dup_supporters (gint64 n)
{
  g_autofree char *count = msk_report_text_dup_count (n);

  if (n == 0)
    return g_strdup (_("No supporters yet"));
  /* Translators: %s is how many people support an idea */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s supporter", "%s supporters", n),
                          count);
}

static void
support_clicked_cb (GtkButton    *button,
                    MskIdeasPage *self);

static GtkWidget *
build_row (MskIdeasPage *self,
           MskIdea      *idea)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *author = msk_idea_get_author (idea) != NULL ? msk_idea_get_author (idea) : "";
  g_autofree char *isolated_author = msk_topic_text_isolate (author);
  g_autofree char *isolated_title = msk_topic_text_isolate (msk_idea_get_title (idea));
  g_autofree char *supporters = dup_supporters (msk_idea_get_support_count (idea));
  g_autofree char *byline = NULL;
  g_autofree char *name = NULL;
  const char *mine = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "msk-idea", g_object_ref (idea), g_object_unref);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Text from the portal is shown literally: markup stays text. */
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (msk_idea_get_title (idea), "heading"));
  if (msk_idea_get_mine (idea))
    byline = g_strdup (_("Your idea"));
  else
    /* Translators: %s is who sent an idea */
    byline = g_strdup_printf (_("Sent by %s"), isolated_author);
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (byline, "dim-label"));
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (msk_idea_get_body (idea), NULL));
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (supporters, "heading"));

  if (msk_idea_get_supported_by_me (idea))
    mine = _("You support this idea.");
  else if (topic_is_open (self))
    {
      /* Translators: %s is the title of an idea */
      g_autofree char *support = g_strdup_printf (_("Support the idea %s"), isolated_title);
      GtkWidget *button = gtk_button_new_with_label (_("Support"));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      support, -1);
      msk_a11y_keep_label (button);
      g_signal_connect (button, "clicked", G_CALLBACK (support_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (mine != NULL)
    gtk_box_append (GTK_BOX (box), msk_page_layout_label (mine, "msk-receipt"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: an idea in one sentence: its title, who sent it, its
   * supporters, its text */
  name = g_strdup_printf (_("%1$s. %2$s. %3$s. %4$s"), msk_idea_get_title (idea), byline,
                          supporters, msk_idea_get_body (idea));
  if (mine != NULL)
    {
      g_autofree char *with_mine = g_strdup_printf ("%s %s", name, mine);

      g_free (name);
      name = g_steal_pointer (&with_mine);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static void
update_count (MskIdeasPage *self)
{
  guint n = self->ideas != NULL ? g_list_model_get_n_items (self->ideas) : 0;
  g_autofree char *count = msk_report_text_dup_count (n);
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (topic_is_open (self) ? _("No ideas yet. You can send the first.")
                                          : _("No ideas were sent on this topic."));
  else
    /* Translators: %s is a number of ideas */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s idea", "%s ideas", n), count);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
}

static void
ideas_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  MskIdeasPage *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MskIdea) idea = g_list_model_get_item (model, i);

      gtk_list_box_append (self->list, build_row (self, idea));
    }
  update_count (self);
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MskIdeasPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };
  g_autofree char *offline = NULL;

  if (msk_page_is_left (MSK_PAGE (self)) || G_LIST_MODEL (source) != self->ideas)
    return;
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The ideas could not be loaded: %s"), error->message);
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
load_more (MskIdeasPage *self)
{
  if (self->ideas == NULL || msk_paged_list_get_loading (MSK_PAGED_LIST (self->ideas)))
    return;
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->ideas),
                                  msk_page_get_cancellable (MSK_PAGE (self)), page_loaded_cb,
                                  g_object_ref (self));
}

static void
more_clicked_cb (MskIdeasPage *self)
{
  load_more (self);
}

static void
load_ideas (MskIdeasPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  GtkWidget *child;

  if (self->ideas != NULL)
    g_signal_handlers_disconnect_by_data (self->ideas, self);
  g_clear_object (&self->ideas);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (client == NULL)
    return;
  self->ideas = msk_client_list_ideas (client, msk_page_get_topic_id (MSK_PAGE (self)));
  g_signal_connect (self->ideas, "items-changed", G_CALLBACK (ideas_changed_cb), self);
  load_more (self);
}

static void
topic_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskIdeasPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
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
      text = g_strdup_printf (_("The ideas could not be loaded: %s"), error->message);
      set_state (self, text, TRUE);
      return;
    }
  g_clear_object (&self->topic);
  self->topic = topic;

  msk_page_set_title (MSK_PAGE (self), msk_topic_get_title_text (topic));
  gtk_label_set_text (self->title_label, msk_topic_get_title_text (topic));
  gtk_widget_set_visible (self->write_box, topic_is_open (self));
  gtk_widget_set_visible (GTK_WIDGET (self->closed_label), !topic_is_open (self));
  if (!topic_is_open (self))
    gtk_label_set_text (self->closed_label,
                        g_strcmp0 (msk_topic_get_status (topic), "upcoming") == 0
                        ? _("This topic is not open yet: you can send ideas once it opens.")
                        : _("This topic is closed: ideas are no longer taken."));
  key = msk_client_dup_topic_key (MSK_CLIENT (source), msk_page_get_topic_id (MSK_PAGE (self)));
  msk_composer_set_context (self->composer, msk_page_get_context (MSK_PAGE (self)), key);
  gtk_widget_set_visible (self->content_box, TRUE);
  load_ideas (self);
}

static void
msk_ideas_page_reload (MskPage *page)
{
  MskIdeasPage *self = MSK_IDEAS_PAGE (page);
  MskClient *client = msk_page_get_client (page);

  if (client == NULL)
    {
      set_state (self, _("Not connected to a portal"), FALSE);
      return;
    }
  if (self->topic == NULL)
    set_state (self, _("Loading the ideas…"), FALSE);
  msk_client_get_topic_async (client, msk_page_get_topic_id (page), msk_page_start_load (page),
                              topic_loaded_cb, g_object_ref (self));
}

/* Supporting */

static void
support_state_cb (MskIdeasPage *self)
{
  MskOutboxState state = msk_outbox_item_get_state (self->support);
  g_autofree char *isolated = msk_topic_text_isolate (self->support_title);
  g_autofree char *text = NULL;

  switch (state)
    {
    case MSK_OUTBOX_STATE_SENDING:
      return;
    case MSK_OUTBOX_STATE_QUEUED:
      if (msk_outbox_item_get_attempts (self->support) == 0)
        return;
      /* Translators: %s is the title of an idea */
      text = g_strdup_printf (_("Your support of %s is saved on this computer. It will be sent "
                                "when the connection returns."), isolated);
      break;
    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      /* Translators: %s is the title of an idea */
      text = g_strdup_printf (_("Your support of %s is saved on this computer. Sign in again to "
                                "send it."), isolated);
      break;
    case MSK_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = msk_outbox_item_dup_message (self->support);

        /* Translators: %1$s is the title of an idea, %2$s why the portal refused */
        text = g_strdup_printf (_("Your support of %1$s was not accepted: %2$s"), isolated,
                                message != NULL ? message : "");
        break;
      }
    case MSK_OUTBOX_STATE_SENT:
    default:
      /* Translators: %s is the title of an idea */
      text = g_strdup_printf (_("You support %s. Thank you."), isolated);
      break;
    }
  g_signal_handlers_disconnect_by_data (self->support, self);
  g_clear_object (&self->support);
  set_receipt (self, text, TRUE);
  /* the count as the portal has it now */
  if (state == MSK_OUTBOX_STATE_SENT)
    load_ideas (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->receipt_label));
}

static void
send_support (MskIdeasPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  if (client == NULL)
    return;
  item = msk_client_support_idea (client, self->support_id, self->support_title, &error);
  if (item == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your support could not be saved: %s"),
                                               error->message);

      set_receipt (self, text, TRUE);
      return;
    }
  g_set_object (&self->support, item);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (support_state_cb), self,
                           G_CONNECT_SWAPPED);
  support_state_cb (self);
}

static void
may_support_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MskIdeasPage) self = user_data;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (msk_page_ensure_may_take_part_finish (MSK_PAGE (source), result, NULL))
    send_support (self);
}

static void
support_clicked_cb (GtkButton    *button,
                    MskIdeasPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  MskIdea *idea = row != NULL ? g_object_get_data (G_OBJECT (row), "msk-idea") : NULL;

  if (idea == NULL || self->support != NULL)
    return;
  self->support_id = msk_idea_get_id (idea);
  g_free (self->support_title);
  self->support_title = g_strdup (msk_idea_get_title (idea));
  msk_page_ensure_may_take_part_async (MSK_PAGE (self), msk_page_get_cancellable (MSK_PAGE (self)),
                                       may_support_cb, g_object_ref (self));
}

/* Sending an idea */

static void
set_title_error (MskIdeasPage *self,
                 const char   *message)
{
  msk_page_layout_show_status (self->idea_title_error, message, TRUE);
  msk_a11y_set_description (GTK_WIDGET (self->idea_title), message);
  if (message != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->idea_title), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self->idea_title), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
idea_title_changed_cb (MskIdeasPage *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->idea_title_error)))
    set_title_error (self, NULL);
}

/* The title, checked as the text is: said at the title, with the focus. */
static gboolean
check_title (MskIdeasPage *self)
{
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->idea_title)));
  g_autoptr(GPtrArray) findings = NULL;
  const char *message = NULL;
  g_autofree char *too_short = NULL;
  MskCore *core;

  g_strstrip (title);
  core = msk_context_get_core (msk_page_get_context (MSK_PAGE (self)));
  findings = msk_guidelines_check (msk_core_get_guidelines (core), title, NULL, NULL);
  if (findings->len > 0)
    message = ((MskGuidelineFinding *) g_ptr_array_index (findings, 0))->explanation;
  else if (g_utf8_strlen (title, -1) < TITLE_MIN_CHARS)
    {
      /* Translators: %u is a number of characters */
      too_short = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Give your idea a title of at least %u "
                                                "character.",
                                                "Give your idea a title of at least %u "
                                                "characters.", TITLE_MIN_CHARS),
                                   TITLE_MIN_CHARS);
      message = too_short;
    }
  if (message == NULL)
    return TRUE;
  set_title_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->idea_title));
  msk_a11y_announce (GTK_WIDGET (self), message, MSK_A11Y_PRIORITY_HIGH);
  return FALSE;
}

static void
idea_state_cb (MskIdeasPage *self)
{
  MskOutboxState state = msk_outbox_item_get_state (self->sending);
  g_autofree char *text = NULL;

  switch (state)
    {
    case MSK_OUTBOX_STATE_SENDING:
      set_receipt (self, _("Sending your idea…"), FALSE);
      return;
    case MSK_OUTBOX_STATE_QUEUED:
      if (msk_outbox_item_get_attempts (self->sending) > 0)
        set_receipt (self, _("Your idea is saved on this computer. It will be sent when the "
                             "connection returns."), TRUE);
      else
        set_receipt (self, _("Sending your idea…"), FALSE);
      return;
    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      set_receipt (self, _("Your idea is saved on this computer. Sign in again to send it."),
                   TRUE);
      return;
    case MSK_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = msk_outbox_item_dup_message (self->sending);

        /* Translators: %s is why the portal refused the idea */
        text = g_strdup_printf (_("Your idea was not accepted: %s"),
                                message != NULL ? message : "");
        g_clear_object (&self->sending);
        set_receipt (self, NULL, FALSE);
        /* nothing written is lost */
        gtk_editable_set_text (GTK_EDITABLE (self->idea_title), self->sent_title);
        msk_composer_set_text (self->composer, self->sent_body);
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
        text = g_strdup_printf (_("Your idea was received on %s. It is listed with the others, "
                                  "marked as yours."), date);
        g_clear_object (&self->sending);
        gtk_widget_set_sensitive (self->send_button, TRUE);
        set_receipt (self, text, TRUE);
        load_ideas (self);
        return;
      }
    }
}

static void
submit (MskIdeasPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->idea_title)));
  g_autofree char *body = msk_composer_dup_text (self->composer);
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  if (client == NULL)
    return;
  g_strstrip (title);
  g_strstrip (body);
  item = msk_client_submit_idea (client, msk_page_get_topic_id (MSK_PAGE (self)), title, body,
                                 &error);
  if (item == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your idea could not be saved: %s"),
                                               error->message);

      msk_composer_set_error (self->composer, text);
      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
      return;
    }
  g_set_object (&self->sending, item);
  g_free (self->sent_title);
  self->sent_title = g_steal_pointer (&title);
  g_free (self->sent_body);
  self->sent_body = g_steal_pointer (&body);
  gtk_editable_set_text (GTK_EDITABLE (self->idea_title), "");
  msk_composer_set_text (self->composer, NULL);
  gtk_widget_set_sensitive (self->send_button, FALSE);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (idea_state_cb), self,
                           G_CONNECT_SWAPPED);
  idea_state_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->receipt_label));
}

static void
may_send_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MskIdeasPage) self = user_data;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_page_ensure_may_take_part_finish (MSK_PAGE (source), result, NULL))
    {
      gtk_widget_grab_focus (self->send_button);
      return;
    }
  submit (self);
}

static void
send_clicked_cb (MskIdeasPage *self)
{
  if (self->sending != NULL || !check_title (self) || !msk_composer_validate (self->composer))
    return;
  msk_page_ensure_may_take_part_async (MSK_PAGE (self), msk_page_get_cancellable (MSK_PAGE (self)),
                                       may_send_cb, g_object_ref (self));
}

static void
msk_ideas_page_constructed (GObject *object)
{
  MskIdeasPage *self = MSK_IDEAS_PAGE (object);
  g_autofree char *tag = g_strdup_printf ("ideas:%" G_GINT64_FORMAT,
                                          msk_page_get_topic_id (MSK_PAGE (self)));

  G_OBJECT_CLASS (msk_ideas_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (self), tag);
  msk_composer_set_length (self->composer, IDEA_MIN_CHARS, IDEA_MAX_CHARS);
  msk_ideas_page_reload (MSK_PAGE (self));
}

static void
msk_ideas_page_dispose (GObject *object)
{
  MskIdeasPage *self = MSK_IDEAS_PAGE (object);

  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  if (self->support != NULL)
    g_signal_handlers_disconnect_by_data (self->support, self);
  if (self->ideas != NULL)
    g_signal_handlers_disconnect_by_data (self->ideas, self);
  g_clear_object (&self->sending);
  g_clear_object (&self->support);
  g_clear_object (&self->ideas);
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_IDEAS_PAGE);

  G_OBJECT_CLASS (msk_ideas_page_parent_class)->dispose (object);
}

static void
msk_ideas_page_finalize (GObject *object)
{
  MskIdeasPage *self = MSK_IDEAS_PAGE (object);

  g_clear_object (&self->topic);
  g_free (self->sent_title);
  g_free (self->sent_body);
  g_free (self->support_title);

  G_OBJECT_CLASS (msk_ideas_page_parent_class)->finalize (object);
}

static void
msk_ideas_page_class_init (MskIdeasPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_ideas_page_constructed;
  object_class->dispose = msk_ideas_page_dispose;
  object_class->finalize = msk_ideas_page_finalize;
  page_class->reload = msk_ideas_page_reload;


  g_type_ensure (MSK_TYPE_COMPOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-ideas-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, list);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, write_box);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, idea_title);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, idea_title_error);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, composer);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, MskIdeasPage, closed_label);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, idea_title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
}

static void
msk_ideas_page_init (MskIdeasPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  /* What says how the idea is doing takes the focus, so that it is heard. */
  gtk_label_set_selectable (self->receipt_label, TRUE);
}

GtkWidget *
msk_ideas_page_new (MskContext *context,
                    gint64      topic_id)
{
  return g_object_new (MSK_TYPE_IDEAS_PAGE, "context", context, "topic-id", topic_id, NULL);
}
