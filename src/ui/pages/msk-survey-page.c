/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-core.h"
#include "msk-error.h"
#include "msk-page-layout.h"
#include "msk-report-text.h"
#include "msk-sign-in-page.h"
#include "msk-survey-page.h"
#include "msk-topic-text.h"

/**
 * MskSurveyPage:
 *
 * A survey, to answer: every question with a visible label, "required" or
 * "optional" said in words, its help, and its error next to it. Options
 * are radio buttons or check buttons named by their text; a rating is a
 * row of radio buttons named "3 out of 5"; written answers say how much
 * may be written. The answers are kept as a draft in the store while the
 * person types (in memory in public-PC mode, where the store is), and come
 * back after a restart. Review shows them all before they are sent; the
 * answers go through the outbox, so that offline they are kept and sent
 * once the portal answers; a refusal question by question is shown at the
 * questions, with nothing typed lost.
 */

#define DRAFT_DELAY_MS 300

typedef struct
{
  MskQuestion *question;     /* (owned) */
  guint        number;       /* from 1, as shown */
  GtkWidget   *box;          /* the question's group */
  GtkLabel    *error;        /* said under it */
  GPtrArray   *buttons;      /* (element-type GtkCheckButton): options, ratings, yes and no */
  GArray      *values;       /* (element-type gint64): each button's option id, rating, or 1/0 */
  GtkWidget   *text;         /* (nullable): a GtkEntry or a GtkTextView */
  GtkLabel    *count;        /* (nullable): how much is written, of the most allowed */
  char        *description;  /* "Required." and the help */
} Field;

struct _MskSurveyPage
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
  GtkLabel      *receipt_label;
  GtkWidget     *form_box;
  GtkLabel      *draft_label;
  GtkWidget     *questions_box;
  GtkLabel      *form_error;
  GtkWidget     *review_button;
  GtkWidget     *review_box;
  GtkLabel      *review_label;
  GtkWidget     *review_buttons;
  GtkWidget     *send_button;
  GtkWidget     *change_button;

  /* Owned */
  MskTopic      *topic;      /* (nullable): the survey's topic, as last read */
  MskSurvey     *survey;     /* (nullable): its questions, as last read */
  MskOutboxItem *response;   /* (nullable): the answers on their way */
  GPtrArray     *fields;     /* (element-type Field): a question each, once built */

  /* State */
  guint          draft_id;   /* a draft to keep, soon */
  gboolean       restoring;  /* answers put back from the draft */
};

G_DEFINE_FINAL_TYPE (MskSurveyPage, msk_survey_page, MSK_TYPE_PAGE)

static void
field_free (gpointer data)
{
  Field *field = data;

  g_clear_object (&field->question);
  g_clear_pointer (&field->buttons, g_ptr_array_unref);
  g_clear_pointer (&field->values, g_array_unref);
  g_free (field->description);
  g_free (field);
}

static const char *
field_type (Field *field)
{
  return msk_question_get_question_type (field->question);
}

static gboolean
field_is_multiple (Field *field)
{
  return g_strcmp0 (field_type (field), "multiple_option") == 0;
}

/* The text written, from an entry or a text view. */
static char *
field_dup_written (Field *field)
{
  g_autofree char *text = NULL;

  if (GTK_IS_EDITABLE (field->text))
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->text)));
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->text));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strstrip (g_steal_pointer (&text));
}

/* Returns: (transfer full) (nullable): the answer as the client sends it
 * (an option id, option ids, a rating, yes or no, or text), or %NULL when
 * the question is not answered. */
static GVariant *
field_dup_value (Field *field)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (field->text != NULL)
    {
      g_autofree char *text = field_dup_written (field);

      return text[0] != '\0' ? g_variant_ref_sink (g_variant_new_string (text)) : NULL;
    }

  for (guint i = 0; i < field->buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (field->buttons, i)))
      g_array_append_val (chosen, g_array_index (field->values, gint64, i));
  if (chosen->len == 0)
    return NULL;
  if (field_is_multiple (field))
    return g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, chosen->data,
                                                          chosen->len, sizeof (gint64)));
  if (g_strcmp0 (field_type (field), "yes_no") == 0)
    return g_variant_ref_sink (g_variant_new_boolean (g_array_index (chosen, gint64, 0) != 0));
  return g_variant_ref_sink (g_variant_new_int64 (g_array_index (chosen, gint64, 0)));
}

/* The answer as the review says it ("Website, App", "4 out of 5"). */
static char *
field_dup_answer_text (Field *field)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (field->text != NULL)
    return field_dup_written (field);
  for (guint i = 0; i < field->buttons->len; i++)
    {
      GtkCheckButton *button = g_ptr_array_index (field->buttons, i);
      g_autofree char *name = NULL;

      if (!gtk_check_button_get_active (button))
        continue;
      if (text->len > 0)
        /* Translators: between the options of an answer, "Website، App" */
        g_string_append (text, _(", "));
      name = g_strdup (g_object_get_data (G_OBJECT (button), "msk-answer"));
      g_string_append (text, name != NULL ? name : gtk_check_button_get_label (button));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
field_set_value (Field    *field,
                 GVariant *value)
{
  if (field->text != NULL)
    {
      const char *text;

      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        return FALSE;
      text = g_variant_get_string (value, NULL);
      if (GTK_IS_EDITABLE (field->text))
        gtk_editable_set_text (GTK_EDITABLE (field->text), text);
      else
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->text)), text,
                                  -1);
      return TRUE;
    }

  for (guint i = 0; i < field->buttons->len; i++)
    {
      gint64 mine = g_array_index (field->values, gint64, i);
      gboolean active = FALSE;

      if (field_is_multiple (field) && g_variant_is_of_type (value, G_VARIANT_TYPE ("ax")))
        {
          gsize n = 0;
          const gint64 *ids = g_variant_get_fixed_array (value, &n, sizeof (gint64));

          for (gsize j = 0; j < n; j++)
            active = active || ids[j] == mine;
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        active = (g_variant_get_boolean (value) ? 1 : 0) == mine
                 && g_strcmp0 (field_type (field), "yes_no") == 0;
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) && !field_is_multiple (field))
        active = g_variant_get_int64 (value) == mine;
      else
        return FALSE;
      if (active)
        gtk_check_button_set_active (g_ptr_array_index (field->buttons, i), TRUE);
    }
  return TRUE;
}

/* Where the focus goes to answer it: the option chosen, or the first. */
static GtkWidget *
field_focus_target (Field *field)
{
  if (field->text != NULL)
    return field->text;
  for (guint i = 0; i < field->buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (field->buttons, i)))
      return g_ptr_array_index (field->buttons, i);
  return field->buttons->len > 0 ? g_ptr_array_index (field->buttons, 0) : field->box;
}

/* An error next to its question, and on its controls for a screen reader:
 * marked invalid, the message their description. */
static void
field_set_error (Field      *field,
                 const char *message)
{
  g_autofree char *description = NULL;
  GtkAccessibleInvalidState invalid = message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                                      : GTK_ACCESSIBLE_INVALID_FALSE;

  gtk_label_set_text (field->error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (field->error), message != NULL);
  description = message != NULL ? g_strdup_printf ("%s %s", message, field->description)
                                : g_strdup (field->description);
  if (field->text != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->text), GTK_ACCESSIBLE_STATE_INVALID,
                                   invalid, -1);
      msk_a11y_set_description (field->text, description);
    }
  for (guint i = 0; i < field->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (field->buttons, i);

      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_INVALID,
                                   invalid, -1);
      /* each option says the error; the group says the rest */
      msk_a11y_set_description (button, message);
    }
}

/* What is wrong with the answer, or %NULL. */
static char *
field_dup_problem (Field *field)
{
  g_autoptr(GVariant) value = field_dup_value (field);
  gint64 max_length = msk_question_get_max_length (field->question);

  if (value == NULL)
    return msk_question_get_required (field->question)
           ? g_strdup (_("This question needs an answer.")) : NULL;
  if (field->text != NULL && max_length > 0
      && g_utf8_strlen (g_variant_get_string (value, NULL), -1) > max_length)
    {
      g_autofree char *most = msk_report_text_dup_count (max_length);

      /* Translators: %s is how many characters the answer may have */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Shorten the answer to %s character or fewer.",
                                           "Shorten the answer to %s characters or fewer.",
                                           max_length), most);
    }
  return NULL;
}

static MskStore *
get_store (MskSurveyPage *self)
{
  MskCore *core = msk_context_get_core (msk_page_get_context (MSK_PAGE (self)));

  return core != NULL ? msk_core_get_store (core) : NULL;
}

static char *
dup_draft_key (MskSurveyPage *self)
{
  return g_strdup_printf ("survey:%" G_GINT64_FORMAT, msk_page_get_topic_id (MSK_PAGE (self)));
}

/* The answers given now, as msk_client_answer_survey() takes them. */
static GVariant *
dup_answers (MskSurveyPage *self,
             guint         *n_answered)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{xv}"));
  guint n = 0;

  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autoptr(GVariant) value = field_dup_value (field);

      if (value == NULL)
        continue;
      g_variant_builder_add (builder, "{xv}", msk_question_get_id (field->question), value);
      n++;
    }
  if (n_answered != NULL)
    *n_answered = n;
  return g_variant_ref_sink (g_variant_builder_end (builder));
}

/* Drafts */

static void
keep_draft (MskSurveyPage *self)
{
  MskStore *store = get_store (self);
  g_autofree char *portal = msk_context_dup_portal_key (msk_page_get_context (MSK_PAGE (self)));
  g_autofree char *key = dup_draft_key (self);
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (store == NULL || portal == NULL || self->fields == NULL || self->response != NULL)
    return;
  answers = dup_answers (self, &n);
  if (n == 0)
    msk_store_draft_delete (store, portal, key, &error);
  else
    {
      g_autofree char *text = g_variant_print (answers, TRUE);

      msk_store_draft_save (store, portal, key, text, &error);
    }
  if (error != NULL)
    g_warning ("The survey's draft could not be kept: %s", error->message);
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  MskSurveyPage *self = user_data;

  self->draft_id = 0;
  keep_draft (self);
  return G_SOURCE_REMOVE;
}

/* An answer changed: its error goes, and the draft is kept soon. */
static void
answer_changed_cb (GtkWidget     *widget,
                   MskSurveyPage *self)
{
  Field *field = g_object_get_data (G_OBJECT (widget), "msk-field");

  if (self->restoring)
    return;
  if (field != NULL && gtk_widget_get_visible (GTK_WIDGET (field->error)))
    field_set_error (field, NULL);
  g_clear_handle_id (&self->draft_id, g_source_remove);
  self->draft_id = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}

static void
forget_draft (MskSurveyPage *self)
{
  MskStore *store = get_store (self);
  g_autofree char *portal = msk_context_dup_portal_key (msk_page_get_context (MSK_PAGE (self)));
  g_autofree char *key = dup_draft_key (self);

  g_clear_handle_id (&self->draft_id, g_source_remove);
  if (store != NULL && portal != NULL)
    msk_store_draft_delete (store, portal, key, NULL);
}

/* The draft kept last, put back into the questions it still fits. */
static void
restore_draft (MskSurveyPage *self)
{
  MskStore *store = get_store (self);
  g_autofree char *portal = msk_context_dup_portal_key (msk_page_get_context (MSK_PAGE (self)));
  g_autofree char *key = dup_draft_key (self);
  g_autofree char *text = NULL;
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *message = NULL;
  gint64 updated = 0;
  guint restored = 0;
  GVariantIter iter;
  gint64 question_id;
  GVariant *value;

  if (store == NULL || portal == NULL)
    return;
  text = msk_store_draft_dup (store, portal, key, &updated);
  if (text == NULL)
    return;
  answers = g_variant_parse (G_VARIANT_TYPE ("a{xv}"), text, NULL, NULL, NULL);
  if (answers == NULL)
    return;

  self->restoring = TRUE;
  g_variant_iter_init (&iter, answers);
  while (g_variant_iter_next (&iter, "{xv}", &question_id, &value))
    {
      g_autoptr(GVariant) owned = value;

      for (guint i = 0; i < self->fields->len; i++)
        {
          Field *field = g_ptr_array_index (self->fields, i);

          if (msk_question_get_id (field->question) == question_id
              && field_set_value (field, owned))
            restored++;
        }
    }
  self->restoring = FALSE;
  if (restored == 0)
    return;

  when = g_date_time_new_from_unix_local (updated);
  date = when != NULL ? msk_topic_text_dup_date (when, TRUE) : g_strdup ("");
  /* Translators: %s is a date and time in two calendars */
  message = g_strdup_printf (_("Your answers from %s are back. They are kept on this computer "
                               "until you send them."), date);
  gtk_label_set_text (self->draft_label, message);
}

/* Building the questions */

static void
update_count (Field *field)
{
  g_autofree char *text = field_dup_written (field);
  gint64 max = msk_question_get_max_length (field->question);
  gint64 n = g_utf8_strlen (text, -1);
  g_autofree char *typed = msk_report_text_dup_count (n);
  g_autofree char *most = msk_report_text_dup_count (max);
  g_autofree char *line = NULL;

  /* Translators: characters written of the most allowed, "12 of 100 characters" */
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s of %2$s character",
                                       "%1$s of %2$s characters", max), typed, most);
  gtk_label_set_text (field->count, line);
}

static void
text_buffer_changed_cb (GtkTextBuffer *buffer,
                        GtkWidget     *view)
{
  MskSurveyPage *self = MSK_SURVEY_PAGE (gtk_widget_get_ancestor (view, MSK_TYPE_SURVEY_PAGE));
  Field *field = g_object_get_data (G_OBJECT (view), "msk-field");

  if (field->count != NULL)
    update_count (field);
  if (self != NULL)
    answer_changed_cb (view, self);
}

static void
editable_changed_cb (GtkEditable   *editable,
                     MskSurveyPage *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "msk-field");

  if (field->count != NULL)
    update_count (field);
  answer_changed_cb (GTK_WIDGET (editable), self);
}

static void
add_button (MskSurveyPage *self,
            Field         *field,
            GtkWidget     *parent,
            const char    *label,
            const char    *name,
            gint64         value)
{
  gboolean multiple = field_is_multiple (field);
  /* Text from the portal stays text: no mnemonic, no markup. A choice of
   * one is a radio button, for GTK 4.8 too. */
  GtkWidget *button = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                    "label", label,
                                    "accessible-role", multiple ? GTK_ACCESSIBLE_ROLE_CHECKBOX
                                                                : GTK_ACCESSIBLE_ROLE_RADIO,
                                    NULL);

  if (!multiple && field->buttons->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button),
                                g_ptr_array_index (field->buttons, 0));
  if (name != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_object_set_data_full (G_OBJECT (button), "msk-answer", g_strdup (name), g_free);
    }
  g_object_set_data (G_OBJECT (button), "msk-field", field);
  g_signal_connect (button, "toggled", G_CALLBACK (answer_changed_cb), self);
  msk_page_layout_wrap_labels (button);
  gtk_box_append (GTK_BOX (parent), button);
  g_ptr_array_add (field->buttons, button);
  g_array_append_val (field->values, value);
}

static Field *
build_field (MskSurveyPage *self,
             MskQuestion   *question,
             guint          number)
{
  Field *field = g_new0 (Field, 1);
  const char *type = msk_question_get_question_type (question);
  const char *help = msk_question_get_help (question);
  g_autofree char *heading = NULL;
  g_autofree char *number_text = msk_report_text_dup_count (number);
  GtkWidget *prompt;
  GtkWidget *note;
  GtkWidget *controls;

  field->question = g_object_ref (question);
  field->number = number;
  field->buttons = g_ptr_array_new ();
  field->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  field->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  msk_question_get_prompt (question), -1);
  g_object_set (field->box, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);

  /* Translators: a question's number and its text, "4. Was your request completed on time?" */
  heading = g_strdup_printf (_("%1$s. %2$s"), number_text, msk_question_get_prompt (question));
  prompt = msk_page_layout_label (heading, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (prompt), GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  g_object_set (prompt, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_box_append (GTK_BOX (field->box), prompt);

  /* Required in words, not only by a mark. */
  field->description = msk_question_get_required (question)
                       ? (help != NULL && help[0] != '\0'
                          /* Translators: a required question's help follows */
                          ? g_strdup_printf (_("Required. %s"), help)
                          : g_strdup (_("Required.")))
                       : (help != NULL && help[0] != '\0'
                          /* Translators: an optional question's help follows */
                          ? g_strdup_printf (_("Optional. %s"), help)
                          : g_strdup (_("Optional.")));
  note = msk_page_layout_label (field->description, "dim-label");
  gtk_box_append (GTK_BOX (field->box), note);

  controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (g_strcmp0 (type, "single_option") == 0 || g_strcmp0 (type, "multiple_option") == 0)
    {
      GListModel *options = msk_question_get_options (question);

      for (guint i = 0; i < g_list_model_get_n_items (options); i++)
        {
          g_autoptr(MskPollOption) option = g_list_model_get_item (options, i);

          add_button (self, field, controls, msk_poll_option_get_label (option), NULL,
                      msk_poll_option_get_id (option));
        }
    }
  else if (g_strcmp0 (type, "rating") == 0)
    {
      gint64 min = msk_question_get_min (question);
      gint64 max = msk_question_get_max (question);
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;
      g_autofree char *scale = NULL;
      GtkWidget *row;

      if (min <= 0 || max <= min || max - min > 10)
        min = 1, max = 5;
      low = msk_report_text_dup_count (min);
      high = msk_report_text_dup_count (max);
      /* Translators: the ends of a rating, "1 is the lowest, 5 the highest." */
      scale = g_strdup_printf (_("%1$s is the lowest, %2$s the highest."), low, high);
      gtk_box_append (GTK_BOX (controls), msk_page_layout_label (scale, NULL));
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
      for (gint64 value = min; value <= max; value++)
        {
          g_autofree char *label = msk_report_text_dup_count (value);
          /* Translators: a rating, "3 out of 5" */
          g_autofree char *name = g_strdup_printf (_("%1$s out of %2$s"), label, high);

          add_button (self, field, row, label, name, value);
        }
      gtk_box_append (GTK_BOX (controls), row);
    }
  else if (g_strcmp0 (type, "yes_no") == 0)
    {
      add_button (self, field, controls, _("Yes"), NULL, 1);
      add_button (self, field, controls, _("No"), NULL, 0);
    }
  else
    {
      gint64 max = msk_question_get_max_length (question);

      if (g_strcmp0 (type, "long_answer") == 0)
        {
          gtk_box_append (GTK_BOX (controls), msk_page_layout_text_area (120, &field->text));
          g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->text)), "changed",
                            G_CALLBACK (text_buffer_changed_cb), field->text);
        }
      else
        {
          field->text = gtk_entry_new ();
          if (max > 0)
            gtk_entry_set_max_length (GTK_ENTRY (field->text), (int) MIN (max, G_MAXINT));
          gtk_box_append (GTK_BOX (controls), field->text);
          g_signal_connect (field->text, "changed", G_CALLBACK (editable_changed_cb), self);
        }
      g_object_set_data (G_OBJECT (field->text), "msk-field", field);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->text),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      msk_question_get_prompt (question), -1);
      if (max > 0)
        {
          field->count = GTK_LABEL (msk_page_layout_label (NULL, "dim-label"));
          gtk_box_append (GTK_BOX (controls), GTK_WIDGET (field->count));
          update_count (field);
        }
    }
  gtk_box_append (GTK_BOX (field->box), controls);

  field->error = GTK_LABEL (msk_page_layout_label (NULL, "error"));
  gtk_widget_set_visible (GTK_WIDGET (field->error), FALSE);
  gtk_box_append (GTK_BOX (field->box), GTK_WIDGET (field->error));
  msk_a11y_set_description (field->box, field->description);
  field_set_error (field, NULL);
  return field;
}

static void
build_questions (MskSurveyPage *self)
{
  GListModel *questions = msk_survey_get_questions (self->survey);

  self->fields = g_ptr_array_new_with_free_func (field_free);
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      g_autoptr(MskQuestion) question = g_list_model_get_item (questions, i);
      Field *field = build_field (self, question, i + 1);

      gtk_box_append (GTK_BOX (self->questions_box), field->box);
      g_ptr_array_add (self->fields, field);
    }
  restore_draft (self);
}

/* States */

static void
set_state (MskSurveyPage *self,
           const char    *text,
           gboolean       can_retry)
{
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static void
set_receipt (MskSurveyPage *self,
             const char    *text,
             gboolean       announce)
{
  gtk_label_set_text (self->receipt_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_label), text != NULL);
  if (announce && text != NULL)
    msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
}

static void
set_form_error (MskSurveyPage *self,
                const char    *text)
{
  msk_page_layout_show_status (self->form_error, text, TRUE);
}

static void
show_form (MskSurveyPage *self,
           gboolean       form)
{
  gtk_widget_set_visible (self->form_box, form);
  gtk_widget_set_visible (self->review_box, FALSE);
}

/* The errors, at their questions: the first one gets the focus and is
 * said, with its question's number. */
static void
show_problems (MskSurveyPage *self,
               GHashTable    *from_portal)
{
  Field *first = NULL;
  guint n = 0;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *key = g_strdup_printf ("/answers/%" G_GINT64_FORMAT,
                                              msk_question_get_id (field->question));
      g_autofree char *problem = NULL;

      if (from_portal != NULL)
        problem = g_strdup (g_hash_table_lookup (from_portal, key));
      else
        problem = field_dup_problem (field);
      field_set_error (field, problem);
      if (problem != NULL)
        {
          n++;
          if (first == NULL)
            first = field;
        }
    }

  if (first != NULL)
    {
      g_autofree char *count = msk_report_text_dup_count (n);
      g_autofree char *number = msk_report_text_dup_count (first->number);
      g_autofree char *summary = NULL;
      g_autofree char *said = NULL;

      /* Translators: %s is how many answers are to be fixed */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s answer needs your attention: it is marked "
                                              "under its question.",
                                              "%s answers need your attention: each is marked "
                                              "under its question.", n), count);
      if (from_portal == NULL)
        set_form_error (self, summary);
      gtk_widget_grab_focus (field_focus_target (first));
      /* Translators: a question's number and what is wrong with its answer */
      said = g_strdup_printf (_("Question %1$s: %2$s"), number,
                              gtk_label_get_text (first->error));
      msk_a11y_announce (GTK_WIDGET (self), said, MSK_A11Y_PRIORITY_HIGH);
    }
}

static void
review_clicked_cb (MskSurveyPage *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->fields == NULL)
    return;
  set_form_error (self, NULL);
  for (guint i = 0; i < self->fields->len; i++)
    {
      g_autofree char *problem = field_dup_problem (g_ptr_array_index (self->fields, i));

      if (problem != NULL)
        {
          show_problems (self, NULL);
          return;
        }
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      g_autofree char *answer = field_dup_answer_text (field);
      g_autofree char *number = msk_report_text_dup_count (field->number);

      if (text->len > 0)
        g_string_append (text, "\n\n");
      /* Translators: a question's number and text, then the answer on a line of its own */
      g_string_append_printf (text, _("%1$s. %2$s\n%3$s"), number,
                              msk_question_get_prompt (field->question),
                              answer[0] != '\0' ? answer : _("No answer"));
    }
  gtk_label_set_text (self->review_label, text->str);
  gtk_widget_set_visible (self->form_box, FALSE);
  gtk_widget_set_visible (self->review_box, TRUE);
  /* The answers are read first; Tab goes on to Send. The focus selects
   * the whole text: nothing is to be copied, so nothing stays selected. */
  gtk_widget_grab_focus (GTK_WIDGET (self->review_label));
  gtk_label_select_region (self->review_label, 0, 0);
}

static void
change_clicked_cb (MskSurveyPage *self)
{
  show_form (self, TRUE);
  if (self->fields != NULL && self->fields->len > 0)
    gtk_widget_grab_focus (field_focus_target (g_ptr_array_index (self->fields, 0)));
}

static void
response_state_cb (MskSurveyPage *self)
{
  MskOutboxState state = msk_outbox_item_get_state (self->response);

  switch (state)
    {
    case MSK_OUTBOX_STATE_SENDING:
      set_receipt (self, _("Sending your answers…"), FALSE);
      return;

    case MSK_OUTBOX_STATE_QUEUED:
      if (msk_outbox_item_get_attempts (self->response) > 0)
        set_receipt (self, _("Your answers are saved on this computer. They will be sent when "
                             "the connection returns."), TRUE);
      else
        set_receipt (self, _("Sending your answers…"), FALSE);
      return;

    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      set_receipt (self, _("Your answers are saved on this computer. Sign in again to send "
                           "them."), TRUE);
      return;

    case MSK_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = msk_outbox_item_dup_message (self->response);
        g_autoptr(GHashTable) fields = msk_outbox_item_dup_field_errors (self->response);
        g_autofree char *text = NULL;

        /* Translators: %s is why the portal refused the answers */
        text = g_strdup_printf (_("Your answers were not accepted: %s"),
                                message != NULL ? message : "");
        g_signal_handlers_disconnect_by_data (self->response, self);
        g_clear_object (&self->response);
        set_receipt (self, NULL, FALSE);
        show_form (self, TRUE);
        set_form_error (self, text);
        /* what was typed stays, and the draft keeps it again */
        keep_draft (self);
        if (fields != NULL)
          show_problems (self, fields);
        else
          {
            gtk_widget_grab_focus (self->review_button);
            msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
          }
        return;
      }

    case MSK_OUTBOX_STATE_SENT:
    default:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autofree char *date = msk_topic_text_dup_date (now, TRUE);
        g_autofree char *text = NULL;

        /* Translators: %s is a date and time in two calendars */
        text = g_strdup_printf (_("Your answers were recorded on %s. Thank you for taking "
                                  "part."), date);
        g_signal_handlers_disconnect_by_data (self->response, self);
        g_clear_object (&self->response);
        forget_draft (self);
        set_receipt (self, text, TRUE);
        gtk_widget_set_visible (self->form_box, FALSE);
        gtk_widget_set_visible (self->review_box, FALSE);
        gtk_widget_grab_focus (GTK_WIDGET (self->receipt_label));
        return;
      }
    }
}

static void
send_answers (MskSurveyPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autoptr(GVariant) answers = dup_answers (self, NULL);
  g_autoptr(GError) error = NULL;
  MskOutboxItem *item;

  if (client == NULL || self->survey == NULL)
    return;
  keep_draft (self);
  item = msk_client_answer_survey (client, msk_survey_get_id (self->survey), answers,
                                   msk_topic_get_title_text (self->topic), &error);
  if (item == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your answers could not be saved: %s"),
                                               error->message);

      show_form (self, TRUE);
      set_form_error (self, text);
      gtk_widget_grab_focus (self->review_button);
      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
      return;
    }

  g_set_object (&self->response, item);
  gtk_widget_set_visible (self->review_box, FALSE);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (response_state_cb), self,
                           G_CONNECT_SWAPPED);
  response_state_cb (self);
  if (self->response != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->receipt_label));
}

static void
may_take_part_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MskSurveyPage) self = user_data;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_page_ensure_may_take_part_finish (MSK_PAGE (source), result, NULL))
    {
      /* Not agreed, or not signed in: the choice stays, for another try. */
      gtk_widget_grab_focus (self->send_button);
      return;
    }
  send_answers (self);
}

/* Taking part needs the policy agreed with and an account: asked here, in
 * that order, and the answers go on from where they were. */
static void
send_clicked_cb (MskSurveyPage *self)
{
  if (self->response != NULL)
    return;
  msk_page_ensure_may_take_part_async (MSK_PAGE (self),
                                       msk_page_get_cancellable (MSK_PAGE (self)),
                                       may_take_part_cb, g_object_ref (self));
}

/* Loading */

static void
show_survey (MskSurveyPage *self)
{
  g_autofree char *when = msk_topic_text_dup_when (self->topic);
  const char *status = msk_survey_get_status (self->survey);

  msk_page_set_title (MSK_PAGE (self), msk_topic_get_title_text (self->topic));
  gtk_label_set_text (self->title_label, msk_topic_get_title_text (self->topic));
  gtk_label_set_text (self->when_label, when != NULL ? when : "");
  gtk_label_set_text (self->summary_label, msk_topic_get_summary_text (self->topic));
  gtk_widget_set_visible (self->content_box, TRUE);

  /* Answers on their way, or sent from here: their line stays. */
  if (self->response != NULL || (self->fields != NULL && !gtk_widget_get_visible (self->form_box)
                                 && !gtk_widget_get_visible (self->review_box)))
    return;

  if (msk_survey_get_responded (self->survey))
    {
      set_receipt (self, _("You have answered this survey. Thank you for taking part."), FALSE);
      show_form (self, FALSE);
      return;
    }
  if (g_strcmp0 (status, "open") != 0)
    {
      set_receipt (self, g_strcmp0 (status, "upcoming") == 0
                         ? _("This survey is not open yet: answers are taken once it opens.")
                         : _("This survey is closed: answers are no longer taken."), FALSE);
      show_form (self, FALSE);
      return;
    }

  set_receipt (self, NULL, FALSE);
  /* Built once: a reload keeps what was typed. */
  if (self->fields == NULL)
    {
      build_questions (self);
      show_form (self, TRUE);
    }
}

/* A load that failed, said with a retry (a cancelled one says nothing). */
static void
show_load_error (MskSurveyPage *self,
                 const GError  *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s says what went wrong, in plain words */
  text = g_strdup_printf (_("The survey could not be loaded: %s"), error->message);
  set_state (self, text, TRUE);
}

static void
survey_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MskSurveyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskSurvey *survey;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  survey = msk_client_get_survey_finish (MSK_CLIENT (source), result, NULL, &error);
  if (survey == NULL)
    {
      show_load_error (self, error);
      return;
    }
  /* The questions built stay as they are: the status and whether this
   * person answered come from the survey read now. */
  g_set_object (&self->survey, survey);
  g_object_unref (survey);
  set_state (self, NULL, FALSE);
  show_survey (self);
}

static void
topic_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskSurveyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };
  g_autofree char *offline = NULL;
  MskTopic *topic;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  topic = msk_client_get_topic_finish (MSK_CLIENT (source), result, &freshness, &error);
  if (topic == NULL)
    {
      show_load_error (self, error);
      return;
    }

  g_clear_object (&self->topic);
  self->topic = topic;
  offline = msk_page_report_freshness (MSK_PAGE (self), &freshness);
  gtk_label_set_text (self->offline_label, offline != NULL ? offline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline != NULL);
  if (g_strcmp0 (msk_topic_get_kind (topic), "survey") != 0)
    {
      set_state (self, _("This topic has no survey."), FALSE);
      return;
    }
  msk_client_get_survey_async (MSK_CLIENT (source), msk_page_get_topic_id (MSK_PAGE (self)),
                               msk_page_get_load (MSK_PAGE (self)), survey_loaded_cb,
                               g_object_ref (self));
}

static void
msk_survey_page_reload (MskPage *page)
{
  MskSurveyPage *self = MSK_SURVEY_PAGE (page);
  MskClient *client = msk_page_get_client (page);

  if (client == NULL)
    {
      set_state (self, _("Not connected to a portal"), FALSE);
      return;
    }
  if (self->topic == NULL)
    set_state (self, _("Loading the survey…"), FALSE);
  msk_client_get_topic_async (client, msk_page_get_topic_id (page), msk_page_start_load (page),
                              topic_loaded_cb, g_object_ref (self));
}

static void
msk_survey_page_constructed (GObject *object)
{
  MskSurveyPage *self = MSK_SURVEY_PAGE (object);
  g_autofree char *tag = g_strdup_printf ("survey:%" G_GINT64_FORMAT,
                                          msk_page_get_topic_id (MSK_PAGE (self)));

  G_OBJECT_CLASS (msk_survey_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (self), tag);
  msk_survey_page_reload (MSK_PAGE (self));
}

static void
msk_survey_page_dispose (GObject *object)
{
  MskSurveyPage *self = MSK_SURVEY_PAGE (object);

  /* what was typed last is kept before the page goes */
  if (self->draft_id != 0)
    keep_draft (self);
  if (self->response != NULL)
    g_signal_handlers_disconnect_by_data (self->response, self);
  g_clear_object (&self->response);
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_SURVEY_PAGE);

  G_OBJECT_CLASS (msk_survey_page_parent_class)->dispose (object);
}

static void
msk_survey_page_finalize (GObject *object)
{
  MskSurveyPage *self = MSK_SURVEY_PAGE (object);

  g_clear_object (&self->topic);
  g_clear_object (&self->survey);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (msk_survey_page_parent_class)->finalize (object);
}

static void
msk_survey_page_class_init (MskSurveyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_survey_page_constructed;
  object_class->dispose = msk_survey_page_dispose;
  object_class->finalize = msk_survey_page_finalize;
  page_class->reload = msk_survey_page_reload;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-survey-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, when_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, form_box);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, draft_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, questions_box);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, form_error);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, review_box);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, review_label);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, review_buttons);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MskSurveyPage, change_button);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_clicked_cb);
}

static void
msk_survey_page_init (MskSurveyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  msk_page_layout_name_buttons (self->review_buttons, _("Your answers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->questions_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Questions"), -1);
  /* What says how the answers are doing takes the focus, so that it is heard. */
  gtk_label_set_selectable (self->receipt_label, TRUE);
}

GtkWidget *
msk_survey_page_new (MskContext *context,
                     gint64      topic_id)
{
  return g_object_new (MSK_TYPE_SURVEY_PAGE, "context", context, "topic-id", topic_id, NULL);
}
