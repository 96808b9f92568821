/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-error.h"
#include "msk-language.h"
#include "msk-page-layout.h"
#include "msk-poll-page.h"
#include "msk-reader-view.h"
#include "msk-report-text.h"
#include "msk-sign-in-page.h"
#include "msk-topic-text.h"

/**
 * MskPollPage:
 *
 * A poll: its question, its options as radio buttons (one choice) or check
 * buttons (several), each labelled by its text; a confirmation that says
 * what will be sent; then a receipt. The vote goes through the outbox, so
 * that offline it is kept and sent once the portal answers. The results
 * show as the poll's visibility allows, and that rule is said in words:
 * a bar for each option with its share and count written beside it, the
 * whole result as one text, and a button that reads it aloud.
 */
struct _MskPollPage
{
  MskPage        parent_instance;

  /* Template widgets */
  GtkLabel      *offline_label;
  GtkLabel      *state_label;
  GtkWidget     *retry_button;
  GtkWidget     *content_box;
  GtkLabel      *title_label;
  GtkLabel      *summary_label;
  GtkLabel      *when_label;
  GtkLabel      *question_label;
  GtkLabel      *receipt_label;
  GtkWidget     *choice_box;
  GtkLabel      *choose_label;
  GtkWidget     *options_box;
  GtkLabel      *choice_error;
  GtkWidget     *vote_button;
  GtkWidget     *change_vote_button;
  GtkWidget     *confirm_box;
  GtkLabel      *confirm_label;
  GtkWidget     *confirm_buttons;
  GtkWidget     *send_button;
  GtkWidget     *change_choice_button;
  GtkLabel      *results_note;
  GtkWidget     *results_box;
  GtkWidget     *bars_box;
  MskReaderView *results_text;
  GtkWidget     *read_results_button;

  /* Owned */
  MskTopic      *topic;     /* (nullable): the poll's topic, as last read */
  MskOutboxItem *ballot;    /* (nullable): the vote on its way */
  GPtrArray     *choices;   /* (element-type GtkCheckButton): an option each */
  char          *recorded;  /* (nullable): the receipt of the vote sent from here */
  char          *sending;   /* (nullable): the options of the vote on its way, as one text */

  /* State */
  gboolean       voted;     /* the portal has a ballot of this person */
};

G_DEFINE_FINAL_TYPE (MskPollPage, msk_poll_page, MSK_TYPE_PAGE)

static void load_results (MskPollPage *self);

static MskPoll *
get_poll (MskPollPage *self)
{
  return self->topic != NULL ? msk_topic_get_poll (self->topic) : NULL;
}

static gboolean
poll_is_open (MskPollPage *self)
{
  return self->topic != NULL && g_strcmp0 (msk_topic_get_status (self->topic), "open") == 0;
}

static gboolean
poll_has_closed (MskPollPage *self)
{
  const char *status = self->topic != NULL ? msk_topic_get_status (self->topic) : NULL;

  return g_strcmp0 (status, "closed") == 0 || g_strcmp0 (status, "results_published") == 0;
}

static void
set_state (MskPollPage *self,
           const char  *text,
           gboolean     can_retry)
{
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static void
set_choice_error (MskPollPage *self,
                  const char  *message)
{
  msk_page_layout_show_status (self->choice_error, message, TRUE);
  msk_a11y_set_description (self->options_box, message);
}

/* The receipt line: said when it changes, where the person is. */
static void
set_receipt (MskPollPage *self,
             const char  *text,
             gboolean     announce)
{
  gtk_label_set_text (self->receipt_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_label), text != NULL);
  if (announce && text != NULL)
    msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
}

/* The options chosen now, and their labels as one list ("8 pm, 10 pm"). */
static GArray *
dup_chosen (MskPollPage  *self,
            char        **labels)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *options = msk_poll_get_options (get_poll (self));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->choices->len; i++)
    {
      GtkCheckButton *choice = g_ptr_array_index (self->choices, i);
      g_autoptr(MskPollOption) option = g_list_model_get_item (options, i);
      gint64 id;

      if (option == NULL || !gtk_check_button_get_active (choice))
        continue;
      id = msk_poll_option_get_id (option);
      g_array_append_val (ids, id);
      if (text->len > 0)
        /* Translators: between the options of a vote, "8 pm، 10 pm" */
        g_string_append (text, _(", "));
      g_string_append (text, msk_poll_option_get_label (option));
    }
  if (labels != NULL)
    *labels = g_strdup (text->str);
  return ids;
}

static void
show_confirm (MskPollPage *self,
              gboolean     shown)
{
  gtk_widget_set_visible (self->confirm_box, shown);
  gtk_widget_set_visible (self->choice_box, !shown && poll_is_open (self));
}

static void
update_choice (MskPollPage *self)
{
  MskPoll *poll = get_poll (self);
  gint64 max = poll != NULL ? msk_poll_get_max_choices (poll) : 1;
  g_autofree char *count = msk_report_text_dup_count (max);
  g_autofree char *choose = NULL;

  if (poll == NULL)
    return;
  if (msk_poll_get_multiple (poll))
    /* Translators: %s is how many options one may choose */
    choose = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Choose up to %s option.",
                                           "Choose up to %s options.", max),
                              count);
  else
    choose = g_strdup (_("Choose one option."));
  gtk_label_set_text (self->choose_label, choose);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->options_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  msk_poll_get_question (poll), -1);
  gtk_widget_set_visible (self->vote_button, !self->voted);
  gtk_widget_set_visible (self->change_vote_button, self->voted);
  gtk_widget_set_visible (self->choice_box, poll_is_open (self)
                                            && !gtk_widget_get_visible (self->confirm_box));
}

/* A new choice: what was said of the last one goes. */
static void
choice_toggled_cb (MskPollPage *self)
{
  set_choice_error (self, NULL);
}

static void
build_options (MskPollPage *self)
{
  MskPoll *poll = get_poll (self);
  GListModel *options = msk_poll_get_options (poll);
  GtkCheckButton *group = NULL;
  const gint64 *mine;
  guint n_mine = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->options_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->options_box), child);
  g_ptr_array_set_size (self->choices, 0);

  mine = msk_poll_get_my_ballot (poll, &n_mine);
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(MskPollOption) option = g_list_model_get_item (options, i);
      /* Text from the portal stays text: no mnemonic, no markup. One
       * choice of several is a radio button, for GTK 4.8 too, which
       * calls a check button of a group a check box. */
      GtkWidget *choice = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                        "label", msk_poll_option_get_label (option),
                                        "accessible-role",
                                        msk_poll_get_multiple (poll) ? GTK_ACCESSIBLE_ROLE_CHECKBOX
                                                                     : GTK_ACCESSIBLE_ROLE_RADIO,
                                        NULL);

      if (!msk_poll_get_multiple (poll))
        {
          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (choice), group);
          else
            group = GTK_CHECK_BUTTON (choice);
        }
      for (guint j = 0; j < n_mine; j++)
        if (mine[j] == msk_poll_option_get_id (option))
          gtk_check_button_set_active (GTK_CHECK_BUTTON (choice), TRUE);
      g_signal_connect_swapped (choice, "toggled", G_CALLBACK (choice_toggled_cb), self);
      msk_page_layout_wrap_labels (choice);
      gtk_box_append (GTK_BOX (self->options_box), choice);
      g_ptr_array_add (self->choices, choice);
    }
}

/* What the results visibility allows now, in words. */
static char *
dup_results_rule (MskPollPage *self,
                  gboolean    *visible)
{
  MskPoll *poll = get_poll (self);
  const char *visibility = msk_poll_get_results_visibility (poll);
  g_autofree char *closes = msk_topic_text_dup_date (msk_topic_get_closes_at (self->topic), FALSE);

  *visible = FALSE;
  if (poll_has_closed (self))
    {
      *visible = TRUE;
      return g_strdup (_("The poll has closed: these are its final results."));
    }
  if (g_strcmp0 (visibility, "after_close") == 0)
    return closes != NULL
           /* Translators: %s is a date in two calendars */
           ? g_strdup_printf (_("The results are hidden until the poll closes on %s, so that "
                                "no one is swayed by them."), closes)
           : g_strdup (_("The results are hidden until the poll closes, so that no one is "
                         "swayed by them."));
  if (g_strcmp0 (visibility, "after_vote") == 0 && !self->voted)
    return g_strdup (_("The results are shown once you have voted."));
  *visible = TRUE;
  return g_strdup (_("The results so far; they change until the poll closes."));
}

static void
update_results_note (MskPollPage *self)
{
  gboolean visible;
  g_autofree char *rule = dup_results_rule (self, &visible);

  gtk_label_set_text (self->results_note, rule);
  if (visible)
    load_results (self);
  else
    gtk_widget_set_visible (self->results_box, FALSE);
}

static void
add_bar (MskPollPage   *self,
         MskPollOption *option,
         GString       *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;
  GtkWidget *bar;
  g_autofree char *percent = msk_report_text_dup_percent (msk_poll_option_get_percent (option));
  g_autofree char *count = msk_report_text_dup_count (msk_poll_option_get_count (option));
  g_autofree char *votes = NULL;
  g_autofree char *line = NULL;

  /* Translators: %s is a number of votes */
  votes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s vote", "%s votes",
                                        msk_poll_option_get_count (option)),
                           count);
  /* Translators: an option's result: its text, its share and its votes,
   * e.g. "10 pm: 54% (58 votes)" */
  line = g_strdup_printf (_("%1$s: %2$s (%3$s)"), msk_poll_option_get_label (option), percent,
                          votes);
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);

  /* The figures are written, not only drawn. */
  label = msk_page_layout_label (line, NULL);
  gtk_box_append (GTK_BOX (row), label);
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                 CLAMP (msk_poll_option_get_percent (option), 0, 100) / 100.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, line, -1);
  gtk_widget_add_css_class (bar, "msk-result-bar");
  gtk_box_append (GTK_BOX (row), bar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, line, -1);
  g_object_set (row, "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM, NULL);
  gtk_box_append (GTK_BOX (self->bars_box), row);
}

static void
show_results (MskPollPage    *self,
              MskPollResults *results)
{
  GListModel *options = msk_poll_results_get_options (results);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *total = msk_report_text_dup_count (msk_poll_results_get_total_ballots (results));
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->bars_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->bars_box), child);
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(MskPollOption) option = g_list_model_get_item (options, i);

      add_bar (self, option, lines);
    }

  /* Translators: %s is a number of ballots */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s vote in all.", "%s votes in all.",
                                          msk_poll_results_get_total_ballots (results)),
                             total);
  /* The whole result as one text: what is read aloud, and what a screen
   * reader reads line by line. */
  /* Translators: the results as a text: the question, then an option a
   * line, then the total */
  text = g_strdup_printf (_("Results of the poll «%1$s»:\n%2$s\n%3$s"),
                          msk_poll_get_question (get_poll (self)), lines->str, summary);
  /* read from its first line, line by line with the arrows */
  msk_reader_view_set_content (self->results_text, text, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bars_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Results"), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->read_results_button), "(sss)", text, "",
                                    msk_language_effective ());
  /* named once it has its target: the action wants one */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->read_results_button),
                                  "reader.read-content");
  gtk_widget_set_visible (self->results_box, TRUE);
}

static void
results_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MskPollPage) self = user_data;
  g_autoptr(MskPollResults) results = NULL;
  g_autoptr(GError) error = NULL;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  results = msk_client_get_poll_results_finish (MSK_CLIENT (source), result, NULL, &error);
  if (results == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The results could not be loaded: %s"), error->message);
      gtk_label_set_text (self->results_note, text);
      gtk_widget_set_visible (self->results_box, FALSE);
      return;
    }
  show_results (self, results);
}

static void
load_results (MskPollPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));

  if (client == NULL || get_poll (self) == NULL)
    return;
  msk_client_get_poll_results_async (client, msk_poll_get_id (get_poll (self)),
                                     msk_page_get_cancellable (MSK_PAGE (self)),
                                     results_loaded_cb, g_object_ref (self));
}

static void
show_poll (MskPollPage *self)
{
  MskPoll *poll = get_poll (self);
  g_autofree char *when = msk_topic_text_dup_when (self->topic);
  guint n_mine = 0;

  msk_page_set_title (MSK_PAGE (self), msk_topic_get_title_text (self->topic));
  gtk_label_set_text (self->title_label, msk_topic_get_title_text (self->topic));
  gtk_label_set_text (self->when_label, when != NULL ? when : "");
  gtk_label_set_text (self->summary_label, msk_topic_get_summary_text (self->topic));
  /* A portal may ask the poll's question in its title: said once. */
  gtk_label_set_text (self->question_label, msk_poll_get_question (poll));
  gtk_widget_set_visible (GTK_WIDGET (self->question_label),
                          g_strcmp0 (msk_poll_get_question (poll),
                                     msk_topic_get_title_text (self->topic)) != 0);
  msk_poll_get_my_ballot (poll, &n_mine);
  self->voted = n_mine > 0;

  /* A vote on its way keeps the choice the person made. */
  if (self->ballot == NULL)
    {
      build_options (self);
      if (self->voted)
        {
          g_autofree char *chosen = NULL;
          g_autoptr(GArray) ids = dup_chosen (self, &chosen);
          g_autofree char *isolated = msk_topic_text_isolate (chosen);
          g_autofree char *text = NULL;

          /* Translators: %s is the options the person voted for */
          text = g_strdup_printf (_("You voted for: %s."), isolated);
          /* the receipt of the vote just sent stays, with what it was */
          if (self->recorded != NULL)
            {
              g_autofree char *both = g_strdup_printf ("%s %s", self->recorded, text);

              set_receipt (self, both, FALSE);
            }
          else
            set_receipt (self, text, FALSE);
        }
      else if (!poll_is_open (self))
        set_receipt (self, NULL, FALSE);
    }
  update_choice (self);
  if (!poll_is_open (self))
    gtk_label_set_text (self->choose_label, "");
  update_results_note (self);
  gtk_widget_set_visible (self->content_box, TRUE);
}

static void
topic_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskPollPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };
  g_autofree char *offline = NULL;
  MskTopic *topic;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  topic = msk_client_get_topic_finish (MSK_CLIENT (source), result, &freshness, &error);
  if (topic == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The poll could not be loaded: %s"), error->message);
      set_state (self, text, TRUE);
      return;
    }

  g_clear_object (&self->topic);
  self->topic = topic;
  offline = msk_page_report_freshness (MSK_PAGE (self), &freshness);
  gtk_label_set_text (self->offline_label, offline != NULL ? offline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline != NULL);
  if (get_poll (self) == NULL)
    {
      set_state (self, _("This topic has no poll."), FALSE);
      return;
    }
  set_state (self, NULL, FALSE);
  show_poll (self);
}

static void
msk_poll_page_reload (MskPage *page)
{
  MskPollPage *self = MSK_POLL_PAGE (page);
  MskClient *client = msk_page_get_client (page);

  if (client == NULL)
    {
      set_state (self, _("Not connected to a portal"), FALSE);
      return;
    }
  if (self->topic == NULL)
    set_state (self, _("Loading the poll…"), FALSE);
  msk_client_get_topic_async (client, msk_page_get_topic_id (page), msk_page_start_load (page),
                              topic_loaded_cb, g_object_ref (self));
}

/* Voting */

static void
vote_clicked_cb (MskPollPage *self)
{
  MskPoll *poll = get_poll (self);
  g_autofree char *labels = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *isolated = NULL;
  g_autofree char *text = NULL;

  if (poll == NULL)
    return;
  ids = dup_chosen (self, &labels);
  if (ids->len == 0 || (gint64) ids->len > msk_poll_get_max_choices (poll))
    {
      g_autofree char *count = msk_report_text_dup_count (msk_poll_get_max_choices (poll));
      g_autofree char *message = NULL;

      if (ids->len == 0)
        message = g_strdup (_("Choose an option first."));
      else
        /* Translators: %s is how many options one may choose */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Choose at most %s option.",
                                                "Choose at most %s options.",
                                                msk_poll_get_max_choices (poll)),
                                   count);
      set_choice_error (self, message);
      if (self->choices->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->choices, 0));
      msk_a11y_announce (GTK_WIDGET (self), message, MSK_A11Y_PRIORITY_HIGH);
      return;
    }

  /* Said before anything is sent: what the vote will be. */
  isolated = msk_topic_text_isolate (labels);
  text = g_strdup_printf (self->voted
                          /* Translators: %s is the options chosen */
                          ? _("Your vote will be changed to: %s. Send it?")
                          /* Translators: %s is the options chosen */
                          : _("You are voting for: %s. Send your vote?"),
                          isolated);
  gtk_label_set_text (self->confirm_label, text);
  msk_a11y_set_description (self->send_button, text);
  show_confirm (self, TRUE);
  gtk_widget_grab_focus (self->send_button);
}

static void
change_choice_clicked_cb (MskPollPage *self)
{
  show_confirm (self, FALSE);
  if (self->choices->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->choices, 0));
}

static void
ballot_state_cb (MskPollPage *self)
{
  MskOutboxState state = msk_outbox_item_get_state (self->ballot);
  g_autofree char *text = NULL;

  switch (state)
    {
    case MSK_OUTBOX_STATE_SENDING:
      set_receipt (self, _("Sending your vote…"), FALSE);
      return;

    case MSK_OUTBOX_STATE_QUEUED:
      /* It was tried, and the portal did not answer. */
      if (msk_outbox_item_get_attempts (self->ballot) > 0)
        {
          /* Translators: %s is the options voted for */
          text = g_strdup_printf (_("Your vote for %s is saved on this computer. It will be "
                                    "sent when the connection returns."), self->sending);
          set_receipt (self, text, TRUE);
        }
      else
        set_receipt (self, _("Sending your vote…"), FALSE);
      return;

    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      /* Translators: %s is the options voted for */
      text = g_strdup_printf (_("Your vote for %s is saved on this computer. Sign in again to "
                                "send it."), self->sending);
      set_receipt (self, text, TRUE);
      return;

    case MSK_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = msk_outbox_item_dup_message (self->ballot);

        /* Translators: %s is why the portal refused the vote */
        text = g_strdup_printf (_("Your vote was not accepted: %s"),
                                message != NULL ? message : "");
        g_clear_object (&self->ballot);
        set_receipt (self, NULL, FALSE);
        set_choice_error (self, text);
        show_confirm (self, FALSE);
        update_choice (self);
        if (self->choices->len > 0)
          gtk_widget_grab_focus (g_ptr_array_index (self->choices, 0));
        msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
        return;
      }

    case MSK_OUTBOX_STATE_SENT:
    default:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autofree char *date = msk_topic_text_dup_date (now, TRUE);

        /* Translators: %s is a date and time in two calendars */
        text = g_strdup_printf (_("Your vote was recorded on %s."), date);
        g_free (self->recorded);
        self->recorded = g_strdup (text);
        g_clear_object (&self->ballot);
        set_receipt (self, text, TRUE);
        /* the ballot as the portal has it, and the results it opens */
        msk_page_reload (MSK_PAGE (self));
        return;
      }
    }
}

static void
cast (MskPollPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autofree char *labels = NULL;
  g_autoptr(GArray) ids = dup_chosen (self, &labels);
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  if (client == NULL || ids->len == 0)
    return;
  item = msk_client_cast_ballot (client, msk_poll_get_id (get_poll (self)),
                                 (const gint64 *) ids->data, ids->len,
                                 msk_topic_get_title_text (self->topic), &error);
  if (item == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your vote could not be saved: %s"),
                                               error->message);

      show_confirm (self, FALSE);
      set_choice_error (self, text);
      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
      return;
    }

  g_set_object (&self->ballot, item);
  g_free (self->sending);
  self->sending = g_steal_pointer (&labels);
  show_confirm (self, FALSE);
  gtk_widget_set_visible (self->choice_box, FALSE);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (ballot_state_cb), self,
                           G_CONNECT_SWAPPED);
  ballot_state_cb (self);
  /* The focus goes to what says how the vote is doing. */
  gtk_widget_grab_focus (GTK_WIDGET (self->receipt_label));
}

static void
may_take_part_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MskPollPage) self = user_data;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_page_ensure_may_take_part_finish (MSK_PAGE (source), result, NULL))
    {
      /* Not agreed, or not signed in: the choice stays, for another try. */
      gtk_widget_grab_focus (self->send_button);
      return;
    }
  cast (self);
}

/* Taking part needs the policy agreed with and an account: asked here, in
 * that order, and the vote goes on from where it was. */
static void
send_clicked_cb (MskPollPage *self)
{
  if (self->ballot != NULL)
    return;
  msk_page_ensure_may_take_part_async (MSK_PAGE (self),
                                       msk_page_get_cancellable (MSK_PAGE (self)),
                                       may_take_part_cb, g_object_ref (self));
}

static void
msk_poll_page_constructed (GObject *object)
{
  MskPollPage *self = MSK_POLL_PAGE (object);
  g_autofree char *tag = g_strdup_printf ("poll:%" G_GINT64_FORMAT,
                                          msk_page_get_topic_id (MSK_PAGE (self)));

  G_OBJECT_CLASS (msk_poll_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (self), tag);
  msk_poll_page_reload (MSK_PAGE (self));
}

static void
msk_poll_page_dispose (GObject *object)
{
  MskPollPage *self = MSK_POLL_PAGE (object);

  if (self->ballot != NULL)
    g_signal_handlers_disconnect_by_data (self->ballot, self);
  g_clear_object (&self->ballot);
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_POLL_PAGE);

  G_OBJECT_CLASS (msk_poll_page_parent_class)->dispose (object);
}

static void
msk_poll_page_finalize (GObject *object)
{
  MskPollPage *self = MSK_POLL_PAGE (object);

  g_clear_object (&self->topic);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_free (self->recorded);
  g_free (self->sending);

  G_OBJECT_CLASS (msk_poll_page_parent_class)->finalize (object);
}

static void
msk_poll_page_class_init (MskPollPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_poll_page_constructed;
  object_class->dispose = msk_poll_page_dispose;
  object_class->finalize = msk_poll_page_finalize;
  page_class->reload = msk_poll_page_reload;


  g_type_ensure (MSK_TYPE_READER_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-poll-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, when_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, choice_box);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, choose_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, options_box);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, choice_error);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, vote_button);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, change_vote_button);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, confirm_box);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, confirm_label);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, confirm_buttons);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, change_choice_button);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, results_note);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, bars_box);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, results_text);
  gtk_widget_class_bind_template_child (widget_class, MskPollPage, read_results_button);
  gtk_widget_class_bind_template_callback (widget_class, vote_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_choice_clicked_cb);
}

static void
msk_poll_page_init (MskPollPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  self->choices = g_ptr_array_new ();
  msk_page_layout_name_buttons (self->confirm_buttons, _("Your vote"));
  /* What says how the vote is doing takes the focus, so that it is heard. */
  gtk_label_set_selectable (self->receipt_label, TRUE);
}

GtkWidget *
msk_poll_page_new (MskContext *context,
                   gint64      topic_id)
{
  return g_object_new (MSK_TYPE_POLL_PAGE, "context", context, "topic-id", topic_id, NULL);
}
