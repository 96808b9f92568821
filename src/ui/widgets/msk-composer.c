/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-composer.h"
#include "msk-guidelines.h"
#include "msk-page-layout.h"
#include "msk-report-text.h"
#include "msk-spell.h"
#include "msk-topic-text.h"

/**
 * MskComposer:
 *
 * Where a comment or an idea is written. The participation guidelines are
 * checked as one types: personal data is marked in the text (a double
 * underline and a background, not a color alone), each finding is said in
 * words beside a button that removes it, and Alt+Delete removes the one at
 * the cursor. A text too short or too long, or sent before, is said when
 * the person sends it. Misspelled words, in Arabic or English, get a wavy
 * underline. F7 lists the corrections of the word at the cursor (or of the
 * next one) under the text, as buttons, the first with the focus; the
 * context menu of a word (a right click) offers them too.
 */
struct _MskComposer
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkLabel      *label;
  GtkLabel      *hint_label;
  GtkWidget     *scroller;
  GtkTextView   *text_view;
  GtkLabel      *count_label;
  GtkWidget     *findings_box;
  GtkLabel      *spelling_label;
  GtkWidget     *spell_box;
  GtkLabel      *spell_title;
  GtkWidget     *spell_choices;
  GtkLabel      *error_label;

  /* Owned */
  MskContext    *context;     /* (nullable) */
  char          *topic_key;   /* (nullable): for "already sent" */
  GPtrArray     *findings;    /* (element-type MskGuidelineFinding) */
  GArray        *misspelled;  /* (element-type MskSpellError) */
  GMenu         *spell_menu;  /* the text view's extra menu */
  GHashTable    *suggestions; /* word → GStrv, as the dictionary gave them */
  GtkTextTag    *finding_tag;
  GtkTextTag    *spelling_tag;

  /* State */
  guint          check_id;
  guint          max_chars;
  guint          min_chars;
  gboolean       validated;   /* sent once: the length and repeats are said too */
};

G_DEFINE_FINAL_TYPE (MskComposer, msk_composer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_HINT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_personal (MskGuidelineKind kind)
{
  return kind != MSK_GUIDELINE_REPEATED && kind != MSK_GUIDELINE_TOO_SHORT
         && kind != MSK_GUIDELINE_TOO_LONG;
}

static GtkTextBuffer *
get_buffer (MskComposer *self)
{
  return gtk_text_view_get_buffer (self->text_view);
}

char *
msk_composer_dup_text (MskComposer *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (MSK_IS_COMPOSER (self), NULL);
  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  return gtk_text_buffer_get_text (get_buffer (self), &start, &end, FALSE);
}

static char *
dup_range (MskComposer *self,
           guint        start,
           guint        end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &b, (int) end);
  return gtk_text_buffer_get_text (get_buffer (self), &a, &b, FALSE);
}

static void
apply_tag (MskComposer *self,
           GtkTextTag  *tag,
           guint        start,
           guint        end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &b, (int) end);
  gtk_text_buffer_apply_tag (get_buffer (self), tag, &a, &b);
}

static void
update_count (MskComposer *self)
{
  g_autofree char *text = msk_composer_dup_text (self);
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *count = msk_report_text_dup_count (length);
  g_autofree char *limit = msk_report_text_dup_count (self->max_chars);
  g_autofree char *line = NULL;

  if (self->max_chars == 0)
    return;
  /* Translators: %1$s is how many characters were written, %2$s the most allowed */
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s of %2$s character",
                                       "%1$s of %2$s characters", self->max_chars),
                          count, limit);
  gtk_label_set_text (self->count_label, line);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
}

/* Removes the text of @finding, and one of the spaces around it. */
static gboolean
remove_finding (MskComposer               *self,
                const MskGuidelineFinding *finding)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) finding->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) finding->end);
  if (gtk_text_iter_equal (&start, &end))
    return FALSE;
  if (g_unichar_isspace (gtk_text_iter_get_char (&end)))
    gtk_text_iter_forward_char (&end);
  else if (!gtk_text_iter_is_start (&start))
    {
      GtkTextIter before = start;

      gtk_text_iter_backward_char (&before);
      if (g_unichar_isspace (gtk_text_iter_get_char (&before)))
        start = before;
    }
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &start);
  return TRUE;
}

static void run_check (MskComposer *self);

static void
removed (MskComposer *self,
         const char  *what)
{
  g_autofree char *isolated = msk_topic_text_isolate (what);
  /* Translators: %s is the text removed from a comment */
  g_autofree char *text = g_strdup_printf (_("Removed: %s."), isolated);

  run_check (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
}

static void
remove_clicked_cb (GtkButton   *button,
                   MskComposer *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "msk-finding"));
  MskGuidelineFinding *finding;
  g_autofree char *what = NULL;

  if (index >= self->findings->len)
    return;
  finding = g_ptr_array_index (self->findings, index);
  what = dup_range (self, finding->start, finding->end);
  if (remove_finding (self, finding))
    removed (self, what);
}

/* The personal data at the cursor, or else the first in the text. */
static void
remove_at_cursor_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MskComposer *self = MSK_COMPOSER (widget);
  GtkTextBuffer *buffer = get_buffer (self);
  MskGuidelineFinding *chosen = NULL;
  g_autofree char *what = NULL;
  GtkTextIter cursor;
  guint offset;

  run_check (self);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = (guint) gtk_text_iter_get_offset (&cursor);
  for (guint i = 0; i < self->findings->len; i++)
    {
      MskGuidelineFinding *f = g_ptr_array_index (self->findings, i);

      if (!is_personal (f->kind))
        continue;
      if (chosen == NULL || (f->start <= offset && offset <= f->end))
        chosen = f;
    }
  if (chosen == NULL)
    {
      gtk_widget_error_bell (widget);
      msk_a11y_announce (widget, _("There is no personal data to remove."),
                         MSK_A11Y_PRIORITY_HIGH);
      return;
    }
  what = dup_range (self, chosen->start, chosen->end);
  if (remove_finding (self, chosen))
    removed (self, what);
}

static void
add_finding_line (MskComposer               *self,
                  const MskGuidelineFinding *finding,
                  guint                      index)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = msk_page_layout_label (finding->explanation, NULL);

  gtk_widget_add_css_class (label, "msk-finding");
  gtk_box_append (GTK_BOX (line), label);
  if (is_personal (finding->kind))
    {
      g_autofree char *what = dup_range (self, finding->start, finding->end);
      g_autofree char *isolated = msk_topic_text_isolate (what);
      /* Translators: %s is personal data found in a comment, e.g. a phone number */
      g_autofree char *text = g_strdup_printf (_("Remove %s"), isolated);
      GtkWidget *button = gtk_button_new_with_label (text);

      msk_page_layout_wrap_labels (button);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      msk_a11y_set_description (button, finding->explanation);
      g_object_set_data (G_OBJECT (button), "msk-finding", GUINT_TO_POINTER (index));
      g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
      gtk_box_append (GTK_BOX (line), button);
    }
  gtk_box_append (GTK_BOX (self->findings_box), line);
}

/* What the text view's description says: the hint, then what to change. */
static void
update_description (MskComposer *self)
{
  g_autoptr(GString) text = g_string_new (gtk_label_get_text (self->hint_label));
  guint personal = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      MskGuidelineFinding *f = g_ptr_array_index (self->findings, i);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, f->explanation);
      personal += is_personal (f->kind);
    }
  if (personal > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Press Alt+Delete to remove it."));
    }
  msk_a11y_set_description (GTK_WIDGET (self->text_view), text->len > 0 ? text->str : NULL);
}

static void
update_spelling (MskComposer *self,
                 const char  *text)
{
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *line = NULL;

  g_clear_pointer (&self->misspelled, g_array_unref);
  self->misspelled = self->context != NULL
                     ? msk_spell_check_text (msk_context_get_spell (self->context), text)
                     : g_array_new (FALSE, FALSE, sizeof (MskSpellError));
  for (guint i = 0; i < self->misspelled->len; i++)
    {
      MskSpellError *e = &g_array_index (self->misspelled, MskSpellError, i);
      g_autofree char *word = dup_range (self, e->start, e->end);
      g_autofree char *isolated = msk_topic_text_isolate (word);

      apply_tag (self, self->spelling_tag, e->start, e->end);
      if (i < 5)
        {
          if (words->len > 0)
            /* Translators: between the words of a list, "a, b" */
            g_string_append (words, _(", "));
          g_string_append (words, isolated);
        }
    }
  if (self->misspelled->len > 0)
    /* Translators: %s lists words that may be misspelled */
    line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This word may be misspelled: %s. F7 offers corrections.",
                                         "These words may be misspelled: %s. F7 offers corrections "
                                         "for each in turn.",
                                         self->misspelled->len),
                            words->str);
  gtk_label_set_text (self->spelling_label, line != NULL ? line : "");
  gtk_widget_set_visible (GTK_WIDGET (self->spelling_label), line != NULL);
}

static void update_spell_menu (MskComposer *self);

static void
run_check (MskComposer *self)
{
  g_autofree char *text = msk_composer_dup_text (self);
  g_autofree char *portal = NULL;
  GtkTextIter start, end;
  GtkWidget *child;

  g_clear_handle_id (&self->check_id, g_source_remove);
  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  gtk_text_buffer_remove_tag (get_buffer (self), self->finding_tag, &start, &end);
  gtk_text_buffer_remove_tag (get_buffer (self), self->spelling_tag, &start, &end);

  g_ptr_array_set_size (self->findings, 0);
  if (self->context != NULL)
    {
      MskGuidelines *guidelines = msk_core_get_guidelines (msk_context_get_core (self->context));

      if (msk_context_get_portal (self->context) != NULL)
        portal = g_strdup (msk_portal_get_base_url (msk_context_get_portal (self->context)));
      /* The length and the repeats once sent: not while one starts to write. */
      g_ptr_array_unref (self->findings);
      self->findings = msk_guidelines_check_length (guidelines, text, portal,
                                                    self->validated ? self->topic_key : NULL,
                                                    self->validated ? self->min_chars : 0,
                                                    self->max_chars);
    }

  while ((child = gtk_widget_get_first_child (self->findings_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->findings_box), child);
  for (guint i = 0; i < self->findings->len; i++)
    {
      MskGuidelineFinding *f = g_ptr_array_index (self->findings, i);

      if (f->kind != MSK_GUIDELINE_TOO_SHORT && f->kind != MSK_GUIDELINE_REPEATED)
        apply_tag (self, self->finding_tag, f->start, f->end);
      add_finding_line (self, f, i);
    }
  gtk_widget_set_visible (self->findings_box, self->findings->len > 0);
  update_description (self);
  update_spelling (self, text);
  update_spell_menu (self);
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  MskComposer *self = user_data;

  self->check_id = 0;
  run_check (self);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (MskComposer *self)
{
  update_count (self);
  msk_composer_set_error (self, NULL);
  /* Checked once the typing pauses, not at every key. */
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (300, check_timeout_cb, self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Spelling suggestions: the context menu offers those of the word at the
 * cursor. */

static const MskSpellError *
misspelled_at_cursor (MskComposer *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter cursor;
  guint offset;

  if (self->misspelled == NULL || gtk_text_buffer_get_has_selection (buffer))
    return NULL;
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = (guint) gtk_text_iter_get_offset (&cursor);
  for (guint i = 0; i < self->misspelled->len; i++)
    {
      const MskSpellError *e = &g_array_index (self->misspelled, MskSpellError, i);

      if (e->start <= offset && offset <= e->end)
        return e;
    }
  return NULL;
}

/* The dictionary's suggestions for @word, asked once. */
static GStrv
get_suggestions (MskComposer *self,
                 const char  *word)
{
  GStrv suggestions = g_hash_table_lookup (self->suggestions, word);

  if (suggestions == NULL)
    {
      suggestions = msk_spell_dup_suggestions (msk_context_get_spell (self->context), word, 5);
      g_hash_table_insert (self->suggestions, g_strdup (word), suggestions);
    }
  return suggestions;
}

static void
update_spell_menu (MskComposer *self)
{
  const MskSpellError *e = misspelled_at_cursor (self);
  g_autofree char *word = NULL;
  g_autofree char *isolated = NULL;
  g_autofree char *ignore = NULL;
  g_autoptr(GMenu) section = NULL;
  GStrv suggestions;

  g_menu_remove_all (self->spell_menu);
  if (e == NULL || self->context == NULL)
    return;
  word = dup_range (self, e->start, e->end);
  suggestions = get_suggestions (self, word);

  section = g_menu_new ();
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target_value (item, "composer.replace-word",
                                               g_variant_new ("(uus)", e->start, e->end,
                                                              suggestions[i]));
      g_menu_append_item (section, item);
    }
  if (suggestions[0] == NULL)
    g_menu_append (section, _("No spelling suggestions"), "composer.none");
  isolated = msk_topic_text_isolate (word);
  /* Translators: %s is a word the dictionary does not know */
  ignore = g_strdup_printf (_("Keep %s as written"), isolated);
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (ignore, NULL);

    g_menu_item_set_action_and_target_value (item, "composer.ignore-word",
                                             g_variant_new_string (word));
    g_menu_append_item (section, item);
  }
  g_menu_append_section (self->spell_menu, NULL, G_MENU_MODEL (section));
}

static void
replace_word_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MskComposer *self = MSK_COMPOSER (widget);
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter start, end;
  const char *word;
  guint a, b;

  g_variant_get (param, "(uu&s)", &a, &b, &word);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) a);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) b);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, word, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_widget_set_visible (self->spell_box, FALSE);
  run_check (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
ignore_word_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MskComposer *self = MSK_COMPOSER (widget);

  if (self->context != NULL)
    msk_spell_ignore_word (msk_context_get_spell (self->context),
                           g_variant_get_string (param, NULL));
  gtk_widget_set_visible (self->spell_box, FALSE);
  run_check (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
close_spelling_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MskComposer *self = MSK_COMPOSER (widget);

  gtk_widget_set_visible (self->spell_box, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static GtkWidget *
add_spell_choice (MskComposer *self,
                  const char  *label,
                  const char  *action,
                  GVariant    *target)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_box_append (GTK_BOX (self->spell_choices), button);
  return button;
}

/* F7: the corrections of the misspelled word at the cursor, or of the next
 * one, under the text as buttons: the first has the focus, Escape goes
 * back to the text. */
static void
corrections_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MskComposer *self = MSK_COMPOSER (widget);
  GtkTextBuffer *buffer = get_buffer (self);
  const MskSpellError *e;
  g_autofree char *word = NULL;
  g_autofree char *isolated = NULL;
  g_autofree char *title = NULL;
  g_autofree char *keep = NULL;
  GtkWidget *first = NULL;
  GtkWidget *child;
  GStrv suggestions;

  if (self->context == NULL)
    return;
  run_check (self);
  e = misspelled_at_cursor (self);
  if (e == NULL && self->misspelled->len > 0)
    {
      GtkTextIter cursor;
      guint offset;

      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      offset = (guint) gtk_text_iter_get_offset (&cursor);
      e = &g_array_index (self->misspelled, MskSpellError, 0);
      for (guint i = 0; i < self->misspelled->len; i++)
        if (g_array_index (self->misspelled, MskSpellError, i).start > offset)
          {
            e = &g_array_index (self->misspelled, MskSpellError, i);
            break;
          }
    }
  if (e == NULL)
    {
      gtk_widget_error_bell (widget);
      msk_a11y_announce (widget, _("No word is marked as misspelled."), MSK_A11Y_PRIORITY_HIGH);
      return;
    }
  {
    GtkTextIter start;

    gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) e->end);
    gtk_text_buffer_place_cursor (buffer, &start);
  }

  word = dup_range (self, e->start, e->end);
  isolated = msk_topic_text_isolate (word);
  suggestions = get_suggestions (self, word);
  while ((child = gtk_widget_get_first_child (self->spell_choices)) != NULL)
    gtk_box_remove (GTK_BOX (self->spell_choices), child);
  /* Translators: %s is a word the dictionary does not know */
  title = g_strdup_printf (suggestions[0] != NULL ? _("Corrections for %s")
                                                  : _("No corrections for %s"), isolated);
  gtk_label_set_text (self->spell_title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spell_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      GtkWidget *button = add_spell_choice (self, suggestions[i], "composer.replace-word",
                                            g_variant_new ("(uus)", e->start, e->end,
                                                           suggestions[i]));
      if (first == NULL)
        first = button;
    }
  /* Translators: %s is a word the dictionary does not know */
  keep = g_strdup_printf (_("Keep %s as written"), isolated);
  child = add_spell_choice (self, keep, "composer.ignore-word", g_variant_new_string (word));
  if (first == NULL)
    first = child;
  add_spell_choice (self, _("Back to the text"), "composer.close-spelling", NULL);
  gtk_widget_set_visible (self->spell_box, TRUE);
  gtk_widget_grab_focus (first);
}

/* A right click on a word moves the cursor there first, so that the menu
 * offers that word's corrections. */
static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      MskComposer     *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter iter;
  int bx, by;

  if (gtk_text_buffer_get_has_selection (buffer))
    return;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x,
                                         (int) y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    gtk_text_buffer_place_cursor (buffer, &iter);
  update_spell_menu (self);
}

static void
cursor_moved_cb (MskComposer *self)
{
  if (self->check_id == 0)
    update_spell_menu (self);
}

/**
 * msk_composer_set_context:
 * @topic_key: (nullable): the topic the text is for, to say when the same
 *   text was sent to it before
 */
void
msk_composer_set_context (MskComposer *self,
                          MskContext  *context,
                          const char  *topic_key)
{
  g_return_if_fail (MSK_IS_COMPOSER (self));

  g_set_object (&self->context, context);
  g_free (self->topic_key);
  self->topic_key = g_strdup (topic_key);
  run_check (self);
}

/**
 * msk_composer_set_length:
 * @min_chars: the fewest characters the portal accepts (0: any)
 * @max_chars: the most (0: any); the count beside the text says it
 */
void
msk_composer_set_length (MskComposer *self,
                         guint        min_chars,
                         guint        max_chars)
{
  g_return_if_fail (MSK_IS_COMPOSER (self));

  self->min_chars = min_chars;
  self->max_chars = max_chars;
  update_count (self);
}

void
msk_composer_set_text (MskComposer *self,
                       const char  *text)
{
  g_return_if_fail (MSK_IS_COMPOSER (self));

  gtk_text_buffer_set_text (get_buffer (self), text != NULL ? text : "", -1);
  if (text == NULL || *text == '\0')
    self->validated = FALSE;
  run_check (self);
}

/**
 * msk_composer_set_error:
 * @message: (nullable): what the portal said of the text, or %NULL
 *
 * Says @message under the text, and to the text's field.
 */
void
msk_composer_set_error (MskComposer *self,
                        const char  *message)
{
  g_return_if_fail (MSK_IS_COMPOSER (self));

  if (message == NULL && !gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return;
  msk_page_layout_show_status (self->error_label, message, TRUE);
  if (message != NULL)
    msk_a11y_set_description (GTK_WIDGET (self->text_view), message);
  else
    update_description (self);
}

/**
 * msk_composer_validate:
 *
 * Checks the text as it is about to be sent, its length and repeats too.
 * When something must change, the focus goes to the text and what must
 * change is said.
 *
 * Returns: whether the text may be sent
 */
gboolean
msk_composer_validate (MskComposer *self)
{
  MskGuidelineFinding *first;

  g_return_val_if_fail (MSK_IS_COMPOSER (self), FALSE);

  self->validated = TRUE;
  run_check (self);
  if (self->findings->len == 0)
    return TRUE;

  first = g_ptr_array_index (self->findings, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  if (is_personal (first->kind))
    {
      g_autofree char *text = g_strdup_printf ("%s %s", first->explanation,
                                               _("Press Alt+Delete to remove it."));

      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
    }
  else
    msk_a11y_announce (GTK_WIDGET (self), first->explanation, MSK_A11Y_PRIORITY_HIGH);
  return FALSE;
}

GtkWidget *
msk_composer_get_text_view (MskComposer *self)
{
  g_return_val_if_fail (MSK_IS_COMPOSER (self), NULL);
  return GTK_WIDGET (self->text_view);
}

static gboolean
msk_composer_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (MSK_COMPOSER (widget)->text_view));
}

static void
msk_composer_dispose (GObject *object)
{
  MskComposer *self = MSK_COMPOSER (object);
  GtkWidget *child;

  g_clear_handle_id (&self->check_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_COMPOSER);
  /* the template's children without an id are this widget's to unparent */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (msk_composer_parent_class)->dispose (object);
}

static void
msk_composer_finalize (GObject *object)
{
  MskComposer *self = MSK_COMPOSER (object);

  g_clear_object (&self->context);
  g_clear_object (&self->spell_menu);
  g_free (self->topic_key);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->misspelled, g_array_unref);
  g_clear_pointer (&self->suggestions, g_hash_table_unref);

  G_OBJECT_CLASS (msk_composer_parent_class)->finalize (object);
}

static void
msk_composer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MskComposer *self = MSK_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->label));
      break;
    case PROP_HINT:
      g_value_set_string (value, gtk_label_get_text (self->hint_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_composer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MskComposer *self = MSK_COMPOSER (object);
  const char *text = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_LABEL:
      /* the label names the field (its mnemonic widget): said once */
      gtk_label_set_text_with_mnemonic (self->label, text != NULL ? text : "");
      /* the frame around the text is named by the same words */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->scroller),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (self->label), -1);
      break;
    case PROP_HINT:
      gtk_label_set_text (self->hint_label, text != NULL ? text : "");
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), text != NULL && *text != '\0');
      update_description (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_composer_class_init (MskComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_composer_dispose;
  object_class->finalize = msk_composer_finalize;
  object_class->get_property = msk_composer_get_property;
  object_class->set_property = msk_composer_set_property;
  widget_class->grab_focus = msk_composer_grab_focus;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MskComposer::changed:
   *
   * The text changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/widgets/msk-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, MskComposer, label);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, scroller);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, count_label);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, findings_box);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, spelling_label);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, spell_box);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, spell_title);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, spell_choices);
  gtk_widget_class_bind_template_child (widget_class, MskComposer, error_label);

  gtk_widget_class_install_action (widget_class, "composer.remove-finding", NULL,
                                   remove_at_cursor_action);
  gtk_widget_class_install_action (widget_class, "composer.replace-word", "(uus)",
                                   replace_word_action);
  gtk_widget_class_install_action (widget_class, "composer.ignore-word", "s",
                                   ignore_word_action);
  gtk_widget_class_install_action (widget_class, "composer.corrections", NULL,
                                   corrections_action);
  gtk_widget_class_install_action (widget_class, "composer.close-spelling", NULL,
                                   close_spelling_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_ALT_MASK,
                                       "composer.remove-finding", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, GDK_ALT_MASK,
                                       "composer.remove-finding", NULL);
}

static void
add_shortcut (GtkWidget           *widget,
              guint                keyval,
              const char          *action,
              GtkPropagationPhase  phase)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, phase);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                                          gtk_named_action_new (action)));
  gtk_widget_add_controller (widget, keys);
}

static void
msk_composer_init (MskComposer *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) msk_guideline_finding_free);
  self->suggestions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_strfreev);
  self->spell_menu = g_menu_new ();
  gtk_text_view_set_extra_menu (self->text_view, G_MENU_MODEL (self->spell_menu));

  buffer = get_buffer (self);
  /* Marked by the shape of the line under it, never by a color alone. */
  self->finding_tag = gtk_text_buffer_create_tag (buffer, "msk-finding",
                                                  "underline", PANGO_UNDERLINE_DOUBLE,
                                                  "background", "#fce588",
                                                  "foreground", "#1c1c1c",
                                                  NULL);
  self->spelling_tag = gtk_text_buffer_create_tag (buffer, "msk-misspelled",
                                                   "underline", PANGO_UNDERLINE_ERROR,
                                                   NULL);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  g_signal_connect_swapped (buffer, "notify::cursor-position", G_CALLBACK (cursor_moved_cb),
                            self);

  /* F7 for the corrections, before the text view, which would take it to
   * show or hide its cursor; Escape among them goes back to the text. */
  add_shortcut (GTK_WIDGET (self), GDK_KEY_F7, "composer.corrections", GTK_PHASE_CAPTURE);
  add_shortcut (self->spell_box, GDK_KEY_Escape, "composer.close-spelling", GTK_PHASE_BUBBLE);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));
}
