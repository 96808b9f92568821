/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-open311.h"
#include "msk-page-layout.h"
#include "msk-submission-row.h"
#include "msk-topic-text.h"

/**
 * MskSubmissionRow:
 *
 * One thing the person sent, in My participation: what it is, when it was
 * sent, its state in words (with the reason of a refusal), its due date
 * with "overdue" said in words, and on request its history with dates.
 * A request to a public body that is late or refused can be appealed. A
 * staff account can move a request to its next status, with a note.
 *
 * The same row shows an item still in the outbox: waiting for the
 * connection, sending, waiting for a sign-in, or refused with the reason;
 * a refused item can be tried again or discarded, which asks first.
 */
struct _MskSubmissionRow
{
  GtkListBoxRow  parent_instance;

  MskContext    *context;      /* (owned) */
  MskSubmission *submission;   /* (owned) (nullable) */
  MskOutboxItem *item;         /* (owned) (nullable) */
  GCancellable  *cancellable;  /* (owned) */

  GtkLabel      *status_label;
  GtkLabel      *due_label;
  GtkWidget     *history_button;
  GtkLabel      *history_label;
  GtkWidget     *appeal_button; /* (nullable): for information requests */
  GtkWidget     *staff_slot;    /* (nullable): holds the staff box of the status now */
  GtkWidget     *staff_box;
  char          *staff_for;     /* the status the staff box was built for */
  char          *staff_message; /* what the last change of status said */
  GPtrArray     *staff_choices; /* (element-type GtkCheckButton) */
  GtkEntry      *note_entry;
  GtkLabel      *staff_status;
  GtkWidget     *confirm_box;
  GtkWidget     *confirm_button;
  GtkLabel      *action_status;

  char          *kind_text;
  gint64         feedback_due;  /* from the topic, unix seconds, or 0 */
};

G_DEFINE_FINAL_TYPE (MskSubmissionRow, msk_submission_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
kind_in_words (const char *kind,
               const char *service_code)
{
  if (g_strcmp0 (kind, "ballot") == 0)
    return _("Vote");
  if (g_strcmp0 (kind, "survey-response") == 0)
    return _("Survey answers");
  if (g_strcmp0 (kind, "comment") == 0)
    return _("Comment");
  if (g_strcmp0 (kind, "idea") == 0)
    return _("Idea");
  if (g_strcmp0 (kind, "feedback") == 0)
    return _("Page feedback");
  if (g_strcmp0 (service_code, "information_request") == 0)
    return _("Information request");
  if (g_strcmp0 (service_code, "information_appeal") == 0)
    return _("Appeal");
  return _("Complaint or suggestion");
}

static gboolean
is_open311 (MskSubmissionRow *self)
{
  return self->submission != NULL
         && g_strcmp0 (msk_submission_get_kind (self->submission), "complaint") == 0;
}

static const char *
service_code (MskSubmissionRow *self)
{
  return self->submission != NULL ? msk_submission_get_row (self->submission)->topic_id : NULL;
}

static gboolean
is_final (const char *status)
{
  return g_strcmp0 (status, "PROCESSED") == 0 || g_strcmp0 (status, "REJECTED") == 0
         || g_strcmp0 (status, "closed") == 0 || g_strcmp0 (status, "rejected") == 0;
}

/* The state of a request to a public body in words, as GeoReport names
 * it: the status itself, with the detail the portal gives. */
static const char *
status_in_words (const char *status)
{
  if (g_strcmp0 (status, "PENDING") == 0)
    return _("Waiting to be received");
  if (g_strcmp0 (status, "RECEIVED") == 0)
    return _("Received");
  if (g_strcmp0 (status, "IN_PROCESS") == 0)
    return _("In progress");
  if (g_strcmp0 (status, "PROCESSED") == 0)
    return _("Answered and closed");
  if (g_strcmp0 (status, "REJECTED") == 0)
    return _("Rejected");
  return NULL;
}

static char *
dup_status (MskSubmissionRow *self)
{
  if (self->item != NULL)
    {
      MskOutboxState state = msk_outbox_item_get_state (self->item);
      g_autofree char *message = NULL;

      switch (state)
        {
        case MSK_OUTBOX_STATE_QUEUED:
          return g_strdup (msk_outbox_item_get_attempts (self->item) > 0
                           ? _("Waiting for the connection: it goes by itself when the portal "
                               "can be reached.")
                           : _("Waiting to be sent"));
        case MSK_OUTBOX_STATE_SENDING:
          return g_strdup (_("Sending"));
        case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
          return g_strdup (_("Waiting for you to sign in again"));
        case MSK_OUTBOX_STATE_SENT:
          return g_strdup (_("Sent"));
        case MSK_OUTBOX_STATE_FAILED:
        default:
          message = msk_outbox_item_dup_message (self->item);
          /* Translators: %s is why the portal refused it */
          return g_strdup_printf (_("Failed: %s"), message != NULL ? message : "");
        }
    }
  else
    {
      const char *status = msk_submission_get_status (self->submission);
      const char *text = msk_submission_get_status_text (self->submission);
      const char *words = is_open311 (self) ? status_in_words (status) : NULL;

      if (words == NULL)
        words = msk_submission_get_status_label (self->submission);
      if (text != NULL && text[0] != '\0')
        {
          if (g_strcmp0 (status, "REJECTED") == 0 || g_strcmp0 (status, "rejected") == 0)
            /* Translators: %s is the reason given */
            return g_strdup_printf (_("Rejected: %s"), text);
          /* Translators: %1$s is a status, %2$s the note that came with it */
          return g_strdup_printf (_("%1$s: %2$s"), words, text);
        }
      return g_strdup (words);
    }
}

static char *
dup_due (MskSubmissionRow *self,
         gboolean         *overdue)
{
  gint64 due = self->submission != NULL ? msk_submission_get_due (self->submission) : 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  gboolean feedback = FALSE;

  if (self->submission == NULL
      || (is_final (msk_submission_get_status (self->submission)) && is_open311 (self)))
    return NULL;
  if (due <= 0 && self->feedback_due > 0)
    {
      due = self->feedback_due;
      feedback = TRUE;
    }
  if (due <= 0)
    return NULL;
  when = g_date_time_new_from_unix_local (due);
  date = msk_topic_text_dup_date (when, FALSE);
  *overdue = now > due;
  if (now > due)
    return feedback
           /* Translators: %s is a date in two calendars */
           ? g_strdup_printf (_("Overdue: the public body's feedback was due on %s."), date)
           /* Translators: %s is a date in two calendars */
           : g_strdup_printf (_("Overdue: the answer was due on %s."), date);
  return feedback
         /* Translators: %s is a date in two calendars */
         ? g_strdup_printf (_("The public body's feedback is due by %s."), date)
         /* Translators: %s is a date in two calendars */
         : g_strdup_printf (_("The answer is due by %s."), date);
}

static gboolean
may_appeal (MskSubmissionRow *self)
{
  const char *status;
  gint64 due;

  if (!is_open311 (self) || g_strcmp0 (service_code (self), "information_request") != 0)
    return FALSE;
  status = msk_submission_get_status (self->submission);
  due = msk_submission_get_due (self->submission);
  return g_strcmp0 (status, "REJECTED") == 0
         || (!is_final (status) && due > 0 && g_get_real_time () / G_USEC_PER_SEC > due);
}

/* The parts as sentences: a full stop after each that has none. */
static char *
join_sentences (const char *first,
                ...)
{
  GString *text = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      gunichar last;

      if (part[0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, part);
      last = g_utf8_get_char (g_utf8_prev_char (part + strlen (part)));
      if (last != '.' && last != '?' && last != '!' && last != 0x061F)
        g_string_append_c (text, '.');
    }
  va_end (args);
  return g_string_free (text, FALSE);
}

static void build_staff_box (MskSubmissionRow *self);

static void
update (MskSubmissionRow *self)
{
  g_autofree char *status = dup_status (self);
  gboolean overdue = FALSE;
  g_autofree char *due = dup_due (self, &overdue);
  g_autofree char *title = self->submission != NULL
                           ? g_strdup (msk_submission_get_title (self->submission))
                           : msk_outbox_item_dup_title (self->item);
  g_autofree char *status_line = NULL;
  g_autofree char *name = NULL;

  /* Translators: %s is the state of something sent, in words */
  status_line = g_strdup_printf (_("State: %s"), status);
  gtk_label_set_text (self->status_label, status_line);
  msk_page_layout_show_status (self->due_label, due, FALSE);
  /* in words first; the color only repeats it */
  if (overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");

  /* a sentence each: its title, what it is and when it was sent, its
   * state, its due date */
  name = join_sentences (title != NULL ? title : "", self->kind_text, status_line, due, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  if (self->appeal_button != NULL)
    gtk_widget_set_visible (self->appeal_button, may_appeal (self));
  /* the next statuses a staff member may choose follow the status */
  if (self->staff_slot != NULL
      && g_strcmp0 (self->staff_for, msk_submission_get_status (self->submission)) != 0)
    build_staff_box (self);
}

/* The history */

static void
show_history_text (MskSubmissionRow *self,
                   const char       *text)
{
  gtk_label_set_text (self->history_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->history_label), TRUE);
  gtk_widget_set_visible (self->history_button, FALSE);
  msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->history_label));
}

static void
history_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskSubmissionRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GPtrArray *steps;

  request = msk_open311_get_request_finish (MSK_OPEN311 (source), result, NULL, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (request == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *message = g_strdup_printf (_("The history could not be loaded: %s"),
                                                  error->message);

      show_history_text (self, message);
      gtk_widget_set_visible (self->history_button, TRUE);
      return;
    }

  steps = msk_service_request_get_history (request);
  for (guint i = 0; i < steps->len; i++)
    {
      MskRequestStep *step = g_ptr_array_index (steps, i);
      g_autoptr(GDateTime) local = step->datetime != NULL
                                   ? g_date_time_to_local (step->datetime) : NULL;
      g_autofree char *date = msk_topic_text_dup_date (local, TRUE);
      const char *words = status_in_words (step->status);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (step->notes != NULL && step->notes[0] != '\0')
        /* Translators: a step of a request's history: its date, its status and the note */
        g_string_append_printf (text, _("%1$s: %2$s. %3$s"), date != NULL ? date : "",
                                words != NULL ? words : step->status, step->notes);
      else
        /* Translators: a step of a request's history: its date and its status */
        g_string_append_printf (text, _("%1$s: %2$s."), date != NULL ? date : "",
                                words != NULL ? words : step->status);
    }
  if (text->len == 0)
    g_string_append (text, _("The portal gives no history for this request."));
  show_history_text (self, text->str);
  update (self);
}

/**
 * msk_submission_row_show_history:
 *
 * Shows the item's history with its dates: read from the portal for a
 * request to a public body, from this computer for the rest.
 */
void
msk_submission_row_show_history (MskSubmissionRow *self)
{
  MskClient *client = msk_context_get_client (self->context);
  const MskStoreSubmission *row;

  g_return_if_fail (MSK_IS_SUBMISSION_ROW (self));

  if (self->submission == NULL)
    return;
  row = msk_submission_get_row (self->submission);
  if (is_open311 (self) && client != NULL)
    {
      g_autoptr(MskOpen311) open311 = msk_open311_new (client);
      g_autofree char *jurisdiction = msk_open311_dup_jurisdiction_id_of (row->portal);

      msk_open311_set_jurisdiction_id (open311, jurisdiction);
      gtk_label_set_text (self->history_label, _("Loading the history…"));
      gtk_widget_set_visible (GTK_WIDGET (self->history_label), TRUE);
      msk_open311_get_request_async (open311, row->tracking, self->cancellable, history_read_cb,
                                     g_object_ref (self));
      return;
    }
  {
    g_autoptr(GDateTime) sent = g_date_time_new_from_unix_local (row->created / G_USEC_PER_SEC);
    g_autoptr(GDateTime) changed = g_date_time_new_from_unix_local (row->updated / G_USEC_PER_SEC);
    g_autofree char *sent_date = msk_topic_text_dup_date (sent, TRUE);
    g_autofree char *changed_date = msk_topic_text_dup_date (changed, TRUE);
    g_autofree char *status = dup_status (self);
    /* Translators: %1$s and %3$s are dates, %2$s a state in words */
    g_autofree char *text = g_strdup_printf (_("%1$s: sent.\n%2$s: %3$s."), sent_date,
                                             changed_date, status);

    show_history_text (self, text);
  }
}

static void
history_clicked_cb (MskSubmissionRow *self)
{
  msk_submission_row_show_history (self);
}

/* Appeals */

static void
appeal_clicked_cb (MskSubmissionRow *self)
{
  const MskStoreSubmission *row = msk_submission_get_row (self->submission);
  g_autofree char *jurisdiction = msk_open311_dup_jurisdiction_id_of (row->portal);
  const char *reason = g_strcmp0 (row->status, "REJECTED") == 0 ? "refused" : "late";

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-appeal", "(sss)",
                              jurisdiction != NULL ? jurisdiction : "", row->tracking, reason);
}

/* Staff */

static void
status_set_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MskSubmissionRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskServiceRequest) request = NULL;
  g_autofree char *text = NULL;
  const char *status;

  request = msk_client_set_request_status_finish (MSK_CLIENT (source), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (request == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The status could not be changed: %s"), error->message);
      if (self->staff_status != NULL)
        msk_page_layout_show_status (self->staff_status, text, TRUE);
      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
      return;
    }
  status = msk_service_request_get_detailed_status (request);
  /* Translators: %s is a status in words */
  text = g_strdup_printf (_("The request is now: %s."),
                          status_in_words (status) != NULL ? status_in_words (status) : status);
  g_free (self->staff_message);
  self->staff_message = g_strdup (text);
  if (self->staff_status != NULL)
    msk_page_layout_show_status (self->staff_status, text, FALSE);
  msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
  if (self->note_entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  /* the tracker hears of it as the person who sent it would */
  gtk_widget_activate_action (GTK_WIDGET (self), "participation.refresh", NULL);
}

static void
move_clicked_cb (MskSubmissionRow *self)
{
  MskClient *client = msk_context_get_client (self->context);
  const char *next = NULL;
  g_autofree char *note = NULL;

  for (guint i = 0; i < self->staff_choices->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->staff_choices, i)))
      next = g_object_get_data (G_OBJECT (g_ptr_array_index (self->staff_choices, i)),
                                "msk-status");
  if (client == NULL)
    return;
  if (next == NULL)
    {
      const char *text = _("Choose the next status first.");

      msk_page_layout_show_status (self->staff_status, text, TRUE);
      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
      if (self->staff_choices->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->staff_choices, 0));
      return;
    }
  note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
  g_strstrip (note);
  msk_page_layout_show_status (self->staff_status, _("Changing the status…"), FALSE);
  msk_client_set_request_status_async (client, msk_submission_get_tracking (self->submission),
                                       next, note[0] != '\0' ? note : NULL, self->cancellable,
                                       status_set_cb, g_object_ref (self));
}

static void
build_staff_box (MskSubmissionRow *self)
{
  const char * const *next = msk_service_request_allowed_next (
                               msk_submission_get_status (self->submission));
  GtkWidget *choices;
  GtkWidget *label;
  GtkWidget *button;

  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->staff_slot)) != NULL)
    gtk_box_remove (GTK_BOX (self->staff_slot), child);
  g_ptr_array_set_size (self->staff_choices, 0);
  self->staff_box = NULL;
  self->note_entry = NULL;
  self->staff_status = NULL;
  g_free (self->staff_for);
  self->staff_for = g_strdup (msk_submission_get_status (self->submission));
  if (next == NULL || next[0] == NULL)
    return;
  self->staff_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->staff_box),
                  msk_page_layout_label (_("Staff: move this request on"), "heading"));
  choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_object_set (choices, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choices), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next status"), -1);
  for (guint i = 0; next[i] != NULL; i++)
    {
      const char *words = status_in_words (next[i]);
      GtkWidget *choice = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                        "label", words != NULL ? words : next[i],
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                        NULL);

      if (self->staff_choices->len > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (choice),
                                    g_ptr_array_index (self->staff_choices, 0));
      g_object_set_data (G_OBJECT (choice), "msk-status", (gpointer) next[i]);
      gtk_box_append (GTK_BOX (choices), choice);
      g_ptr_array_add (self->staff_choices, choice);
    }
  gtk_box_append (GTK_BOX (self->staff_box), choices);
  self->note_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (self->note_entry, 2000);
  label = gtk_label_new_with_mnemonic (_("_Note for the person who sent it (optional)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->note_entry));
  gtk_box_append (GTK_BOX (self->staff_box), label);
  gtk_box_append (GTK_BOX (self->staff_box), GTK_WIDGET (self->note_entry));
  button = gtk_button_new_with_label (_("Change the status"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->staff_box), button);
  self->staff_status = GTK_LABEL (msk_page_layout_label (NULL, NULL));
  gtk_label_set_selectable (self->staff_status, TRUE);
  msk_page_layout_show_status (self->staff_status, self->staff_message, FALSE);
  gtk_box_append (GTK_BOX (self->staff_box), GTK_WIDGET (self->staff_status));
  gtk_box_append (GTK_BOX (self->staff_slot), self->staff_box);
}

/* Retrying and discarding what the portal refused */

static void
retry_clicked_cb (MskSubmissionRow *self)
{
  g_autoptr(GError) error = NULL;
  /* the list may drop this row as the item's state changes, before the
   * retry returns: what to say is said through the list then */
  g_autoptr(MskSubmissionRow) alive = g_object_ref (self);
  g_autoptr(GtkWidget) list = gtk_widget_get_parent (GTK_WIDGET (self)) != NULL
                              ? g_object_ref (gtk_widget_get_parent (GTK_WIDGET (self))) : NULL;
  g_autoptr(MskOutboxItem) item = g_object_ref (self->item);

  if (!msk_outbox_retry (msk_context_get_outbox (self->context), item, &error))
    {
      if (self->item != NULL)
        msk_page_layout_show_status (self->action_status, error->message, TRUE);
      return;
    }
  /* still shown: it has not left the outbox yet (disposing clears item) */
  if (self->item != NULL)
    msk_page_layout_show_status (self->action_status, _("Trying again…"), FALSE);
  if (list != NULL && gtk_widget_get_root (list) != NULL)
    msk_a11y_announce (list, _("Trying again…"), MSK_A11Y_PRIORITY_MEDIUM);
}

static void
discard_clicked_cb (MskSubmissionRow *self)
{
  gtk_widget_set_visible (self->confirm_box, TRUE);
  msk_a11y_grab_focus_when_shown (self->confirm_button);
}

static void
discard_confirmed_cb (MskSubmissionRow *self)
{
  g_autoptr(GError) error = NULL;
  /* the list drops this row as the item goes */
  g_autoptr(MskSubmissionRow) alive = g_object_ref (self);
  g_autoptr(GtkWidget) list = gtk_widget_get_parent (GTK_WIDGET (self)) != NULL
                              ? g_object_ref (gtk_widget_get_parent (GTK_WIDGET (self))) : NULL;
  g_autoptr(MskOutboxItem) item = g_object_ref (self->item);

  if (!msk_outbox_remove (msk_context_get_outbox (self->context), item, &error))
    {
      msk_page_layout_show_status (self->action_status, error->message, TRUE);
      return;
    }
  if (list != NULL && gtk_widget_get_root (list) != NULL)
    msk_a11y_announce (list, _("Discarded."), MSK_A11Y_PRIORITY_MEDIUM);
}

static void
keep_clicked_cb (MskSubmissionRow *self)
{
  gtk_widget_set_visible (self->confirm_box, FALSE);
  msk_page_layout_show_status (self->action_status, _("Kept."), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->action_status));
}

static GtkWidget *
button_new (const char *label,
            const char *name,
            GCallback   callback,
            gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  if (name != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      msk_a11y_keep_label (button);
    }
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

static void
build (MskSubmissionRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *title = self->submission != NULL
                           ? g_strdup (msk_submission_get_title (self->submission))
                           : msk_outbox_item_dup_title (self->item);
  g_autofree char *isolated = msk_topic_text_isolate (title != NULL ? title : "");
  gint64 created = self->submission != NULL ? msk_submission_get_created (self->submission)
                                            : msk_outbox_item_get_created (self->item);
  g_autoptr(GDateTime) sent = g_date_time_new_from_unix_local (created / G_USEC_PER_SEC);
  g_autofree char *date = msk_topic_text_dup_date (sent, TRUE);
  const char *kind = self->submission != NULL
                     ? kind_in_words (msk_submission_get_kind (self->submission),
                                      service_code (self))
                     : kind_in_words (msk_outbox_kind_to_string (
                                        msk_outbox_item_get_kind (self->item)),
                                      msk_outbox_item_get_topic_id (self->item));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  /* Text from the portal and the person is shown literally. */
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (title, "heading"));
  if (self->submission != NULL && is_open311 (self))
    /* Translators: %1$s is what was sent, %2$s its tracking number, %3$s a date */
    self->kind_text = g_strdup_printf (_("%1$s, tracking number %2$s, sent on %3$s"), kind,
                                       msk_submission_get_tracking (self->submission), date);
  else if (self->submission != NULL)
    /* Translators: %1$s is what was sent, %2$s a date */
    self->kind_text = g_strdup_printf (_("%1$s, sent on %2$s"), kind, date);
  else
    /* Translators: %1$s is what is being sent, %2$s a date */
    self->kind_text = g_strdup_printf (_("%1$s, written on %2$s"), kind, date);
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (self->kind_text, "dim-label"));
  self->status_label = GTK_LABEL (msk_page_layout_label (NULL, NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));
  self->due_label = GTK_LABEL (msk_page_layout_label (NULL, NULL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->due_label));

  if (self->submission != NULL)
    {
      /* Translators: %s is the title of something sent */
      g_autofree char *history = g_strdup_printf (_("Show the history of %s"), isolated);

      self->history_button = button_new (_("Show the history"), history,
                                         G_CALLBACK (history_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), self->history_button);
      self->history_label = GTK_LABEL (msk_page_layout_label (NULL, NULL));
      gtk_label_set_selectable (self->history_label, TRUE);
      g_signal_connect (self->history_label, "notify::has-focus",
                        G_CALLBACK (msk_page_layout_unselect_on_focus), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->history_label), FALSE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->history_label));
      /* shown once the answer is late or the request refused, which the
       * tracker may learn while the row is on screen */
      if (is_open311 (self) && g_strcmp0 (service_code (self), "information_request") == 0)
        {
          /* Translators: %s is the title of an information request */
          g_autofree char *appeal = g_strdup_printf (_("Appeal on %s"), isolated);

          self->appeal_button = button_new (_("Appeal"), appeal,
                                            G_CALLBACK (appeal_clicked_cb), self);
          gtk_box_append (GTK_BOX (box), self->appeal_button);
        }
      if (is_open311 (self)
          && msk_auth_has_role (msk_context_get_auth (self->context),
                                msk_portal_get_base_url (msk_context_get_portal (self->context)),
                                "staff"))
        {
          self->staff_slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          gtk_box_append (GTK_BOX (box), self->staff_slot);
          build_staff_box (self);
        }
    }
  else if (msk_outbox_item_get_state (self->item) == MSK_OUTBOX_STATE_FAILED)
    {
      /* Translators: %s is the title of something not sent */
      g_autofree char *retry = g_strdup_printf (_("Try sending %s again"), isolated);
      /* Translators: %s is the title of something not sent */
      g_autofree char *discard = g_strdup_printf (_("Discard %s"), isolated);
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      gtk_box_append (GTK_BOX (buttons), button_new (_("Try again"), retry,
                                                     G_CALLBACK (retry_clicked_cb), self));
      gtk_box_append (GTK_BOX (buttons), button_new (_("Discard"), discard,
                                                     G_CALLBACK (discard_clicked_cb), self));
      gtk_box_append (GTK_BOX (box), buttons);
      self->confirm_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_visible (self->confirm_box, FALSE);
      {
        /* Translators: %s is the title of something not sent */
        g_autofree char *question = g_strdup_printf (_("Discard %s for good? It was not sent, "
                                                       "and what you wrote will be lost."),
                                                     isolated);
        GtkWidget *answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
        GtkWidget *yes = button_new (_("Discard for good"), NULL,
                                     G_CALLBACK (discard_confirmed_cb), self);
        GtkWidget *question_label = msk_page_layout_label (question, NULL);

        gtk_widget_add_css_class (yes, "destructive-action");
        self->confirm_button = yes;
        /* the question is heard with the first answer */
        msk_a11y_set_description (yes, question);
        gtk_box_append (GTK_BOX (answers), yes);
        gtk_box_append (GTK_BOX (answers), button_new (_("Keep it"), NULL,
                                                       G_CALLBACK (keep_clicked_cb), self));
        /* read before the answers, as it is heard */
        gtk_box_append (GTK_BOX (self->confirm_box), question_label);
        gtk_box_append (GTK_BOX (self->confirm_box), answers);
      }
      gtk_box_append (GTK_BOX (box), self->confirm_box);
    }
  self->action_status = GTK_LABEL (msk_page_layout_label (NULL, NULL));
  gtk_label_set_selectable (self->action_status, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->action_status), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->action_status));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  update (self);
}

/* The title is the row's heading and part of its buttons' names: all of
 * it is built again when the portal names the request anew (in the
 * language of the interface now). */
static void
title_changed_cb (MskSubmissionRow *self)
{
  self->staff_slot = NULL;
  self->staff_box = NULL;
  self->note_entry = NULL;
  self->staff_status = NULL;
  self->appeal_button = NULL;
  self->confirm_box = NULL;
  self->confirm_button = NULL;
  g_ptr_array_set_size (self->staff_choices, 0);
  g_clear_pointer (&self->staff_for, g_free);
  g_clear_pointer (&self->kind_text, g_free);
  build (self);
}

static void
topic_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MskSubmissionRow) self = user_data;
  g_autoptr(MskTopic) topic = msk_client_get_topic_finish (MSK_CLIENT (source), result, NULL,
                                                           NULL);
  GDateTime *due;

  if (topic == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  due = msk_topic_get_feedback_due (topic);
  if (due == NULL && msk_topic_get_closes_at (topic) != NULL)
    {
      /* the policies' 30 days after a consultation closes */
      g_autoptr(GDateTime) later = g_date_time_add_days (msk_topic_get_closes_at (topic), 30);

      self->feedback_due = g_date_time_to_unix (later);
    }
  else if (due != NULL)
    self->feedback_due = g_date_time_to_unix (due);
  if (msk_topic_get_results_published_at (topic) != NULL)
    self->feedback_due = 0;
  update (self);
}

static void
msk_submission_row_dispose (GObject *object)
{
  MskSubmissionRow *self = MSK_SUBMISSION_ROW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  if (self->submission != NULL)
    g_signal_handlers_disconnect_by_data (self->submission, self);
  g_clear_object (&self->item);
  g_clear_object (&self->submission);
  g_clear_object (&self->context);
  g_clear_pointer (&self->staff_choices, g_ptr_array_unref);

  G_OBJECT_CLASS (msk_submission_row_parent_class)->dispose (object);
}

static void
msk_submission_row_finalize (GObject *object)
{
  MskSubmissionRow *self = MSK_SUBMISSION_ROW (object);

  g_clear_object (&self->cancellable);
  g_free (self->kind_text);
  g_free (self->staff_for);
  g_free (self->staff_message);

  G_OBJECT_CLASS (msk_submission_row_parent_class)->finalize (object);
}

static void
msk_submission_row_class_init (MskSubmissionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_submission_row_dispose;
  object_class->finalize = msk_submission_row_finalize;
}

static void
msk_submission_row_init (MskSubmissionRow *self)
{
  self->cancellable = g_cancellable_new ();
  self->staff_choices = g_ptr_array_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

/**
 * msk_submission_row_new:
 *
 * Returns: (transfer floating): the row of something sent
 */
GtkWidget *
msk_submission_row_new (MskContext    *context,
                        MskSubmission *submission)
{
  MskSubmissionRow *self = g_object_new (MSK_TYPE_SUBMISSION_ROW, NULL);
  const MskStoreSubmission *row = msk_submission_get_row (submission);
  MskClient *client = msk_context_get_client (context);

  self->context = g_object_ref (context);
  self->submission = g_object_ref (submission);
  g_signal_connect_object (submission, "notify::status", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (submission, "notify::title", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  build (self);
  /* the feedback a consultation owes, from its topic */
  if (!is_open311 (self) && row->topic_id != NULL && client != NULL
      && g_ascii_strtoll (row->topic_id, NULL, 10) > 0)
    msk_client_get_topic_async (client, g_ascii_strtoll (row->topic_id, NULL, 10),
                                self->cancellable, topic_read_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

/**
 * msk_submission_row_new_for_item:
 *
 * Returns: (transfer floating): the row of something not sent yet
 */
GtkWidget *
msk_submission_row_new_for_item (MskContext    *context,
                                 MskOutboxItem *item)
{
  MskSubmissionRow *self = g_object_new (MSK_TYPE_SUBMISSION_ROW, NULL);

  self->context = g_object_ref (context);
  self->item = g_object_ref (item);
  build (self);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

MskSubmission *
msk_submission_row_get_submission (MskSubmissionRow *self)
{
  g_return_val_if_fail (MSK_IS_SUBMISSION_ROW (self), NULL);
  return self->submission;
}

MskOutboxItem *
msk_submission_row_get_item (MskSubmissionRow *self)
{
  g_return_val_if_fail (MSK_IS_SUBMISSION_ROW (self), NULL);
  return self->item;
}
