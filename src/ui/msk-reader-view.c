/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "msk-reader-view.h"

/**
 * MskReaderView:
 *
 * Shows a piece of content (plain text) to be read aloud, and marks the
 * word being spoken: a yellow background with dark text and a thick
 * underline, so it is not told by color alone, and kept in view. The
 * sentence being read gets a light underline.
 *
 * The view keeps the content's vowelled speech text and language next to
 * the plain text, so an #MskReaderBar can read it as it should be said
 * while the highlight follows the displayed words.
 *
 * The text cannot be edited but can be selected, and the keyboard caret
 * can move through it: reading starts at the sentence of the caret when
 * the caret was moved.
 */
struct _MskReaderView
{
  GtkTextView   parent_instance;

  char         *speech_text;
  char         *language;
  MskUtterance *utterance;  /* made on demand */

  GtkTextTag   *word_tag;
  GtkTextTag   *sentence_tag;
  GtkTextMark  *word_mark;
  gboolean      highlight;
  guint         relayout_id;
};

G_DEFINE_FINAL_TYPE (MskReaderView, msk_reader_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_reader_view_dispose (GObject *object)
{
  MskReaderView *self = MSK_READER_VIEW (object);

  g_clear_object (&self->utterance);
  g_clear_handle_id (&self->relayout_id, g_source_remove);

  G_OBJECT_CLASS (msk_reader_view_parent_class)->dispose (object);
}

static void
msk_reader_view_finalize (GObject *object)
{
  MskReaderView *self = MSK_READER_VIEW (object);

  g_free (self->speech_text);
  g_free (self->language);

  G_OBJECT_CLASS (msk_reader_view_parent_class)->finalize (object);
}

static void
msk_reader_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MskReaderView *self = MSK_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHT:
      g_value_set_boolean (value, self->highlight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_reader_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MskReaderView *self = MSK_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHT:
      msk_reader_view_set_highlight (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_reader_view_class_init (MskReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_reader_view_dispose;
  object_class->finalize = msk_reader_view_finalize;
  object_class->get_property = msk_reader_view_get_property;
  object_class->set_property = msk_reader_view_set_property;

  /**
   * MskReaderView:highlight:
   *
   * Whether the word being spoken is marked (the `highlight-spoken-word`
   * setting).
   */
  properties[PROP_HIGHLIGHT] =
    g_param_spec_boolean ("highlight", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

}

static void
buffer_changed_cb (MskReaderView *self)
{
  g_clear_object (&self->utterance);
}

static MskUtterance *
ensure_utterance (MskReaderView *self)
{
  if (self->utterance == NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      self->utterance = msk_utterance_new (text, self->speech_text, self->language);
    }

  return self->utterance;
}

static void
update_word_background (MskReaderView *self)
{
  /* Pale yellow under dark text, deep blue under light text. */
  GdkRGBA light = { 0.973, 0.894, 0.361, 1.0 };
  GdkRGBA dark = { 0.082, 0.325, 0.620, 1.0 };
  gboolean is_dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  g_object_set (self->word_tag, "background-rgba", is_dark ? &dark : &light, NULL);
}

/* GTK 4.8 keeps the wrapped lines' old heights when the text resolution
 * changes (the app's text size): the view would keep its old height and cut
 * off its last lines. A change of the default style lays every line out
 * again. */
static void
relayout (MskReaderView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  int pixels = gtk_text_view_get_pixels_inside_wrap (view);

  gtk_text_view_set_pixels_inside_wrap (view, pixels + 1);
  gtk_text_view_set_pixels_inside_wrap (view, pixels);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static gboolean
relayout_cb (gpointer data)
{
  MskReaderView *self = data;

  self->relayout_id = 0;
  relayout (self);

  return G_SOURCE_REMOVE;
}

static void
text_resolution_changed_cb (MskReaderView *self)
{
  /* Once GTK has taken the new resolution in, which takes a frame or two:
   * soon, and again a little later. A view not on screen does it when it
   * is shown (see map). */
  relayout (self);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  self->relayout_id = g_timeout_add (250, relayout_cb, self);
}

static void
msk_reader_view_init (MskReaderView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start;

  self->highlight = TRUE;

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_inside_wrap (view, 4);
  gtk_text_view_set_pixels_below_lines (view, 6);
  gtk_text_view_set_left_margin (view, 12);
  gtk_text_view_set_right_margin (view, 12);
  gtk_text_view_set_top_margin (view, 12);
  gtk_text_view_set_bottom_margin (view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "msk-reader-view");

  /* Not color alone: a double underline and bold go with the background.
   * No foreground color: GTK 4.8 reads the write-only "foreground" property
   * of a tag when a screen reader asks for text attributes, and crashes.
   * The background follows the style instead, so the text keeps its
   * contrast in light and dark. */
  self->word_tag = gtk_text_buffer_create_tag (buffer, "spoken-word",
                                               "underline", PANGO_UNDERLINE_DOUBLE,
                                               "weight", PANGO_WEIGHT_BOLD,
                                               NULL);
  update_word_background (self);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                           G_CALLBACK (text_resolution_changed_cb), self, G_CONNECT_SWAPPED);
  /* A view made while the text is large lays out its first lines at an
   * estimated height: once shown, it lays them out again, soon and again a
   * little later. */
  g_signal_connect (self, "map", G_CALLBACK (text_resolution_changed_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_word_background), self, G_CONNECT_SWAPPED);
  self->sentence_tag = gtk_text_buffer_create_tag (buffer, "spoken-sentence",
                                                   "underline", PANGO_UNDERLINE_SINGLE,
                                                   NULL);
  /* The word wins over the sentence. */
  gtk_text_tag_set_priority (self->word_tag, gtk_text_tag_table_get_size (
                               gtk_text_buffer_get_tag_table (buffer)) - 1);

  gtk_text_buffer_get_start_iter (buffer, &start);
  self->word_mark = gtk_text_buffer_create_mark (buffer, "spoken-word", &start, TRUE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text to read aloud"),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, TRUE,
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
}

/**
 * msk_reader_view_new:
 *
 * Returns: a new, empty reader view
 */
GtkWidget *
msk_reader_view_new (void)
{
  return g_object_new (MSK_TYPE_READER_VIEW, NULL);
}

/**
 * msk_reader_view_set_content:
 * @text: the plain text to show (no markup)
 * @speech_text: (nullable): the text to speak instead, such as the
 *   content's vowelled `speech` field; %NULL speaks @text
 * @language: (nullable): "ar" or "en", the language of the content
 *
 * Shows @text and keeps the rest for reading it aloud.
 */
void
msk_reader_view_set_content (MskReaderView *self,
                             const char    *text,
                             const char    *speech_text,
                             const char    *language)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;

  g_return_if_fail (MSK_IS_READER_VIEW (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);

  g_free (self->speech_text);
  self->speech_text = g_strdup (speech_text);
  g_free (self->language);
  self->language = g_strdup (language);
  g_clear_object (&self->utterance);

  /* The paragraph direction follows the language of the content. */
  if (g_strcmp0 (language, "ar") == 0)
    gtk_widget_set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_RTL);
  else if (g_strcmp0 (language, "en") == 0)
    gtk_widget_set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_LTR);
  else
    gtk_widget_set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_NONE);
}

/**
 * msk_reader_view_get_text:
 *
 * Returns: (transfer none): the plain text shown
 */
const char *
msk_reader_view_get_text (MskReaderView *self)
{
  g_return_val_if_fail (MSK_IS_READER_VIEW (self), NULL);

  return msk_utterance_get_text (ensure_utterance (self));
}

/**
 * msk_reader_view_dup_utterance:
 *
 * Returns: (transfer full): the content as an utterance to speak
 */
MskUtterance *
msk_reader_view_dup_utterance (MskReaderView *self)
{
  g_return_val_if_fail (MSK_IS_READER_VIEW (self), NULL);

  return g_object_ref (ensure_utterance (self));
}

/**
 * msk_reader_view_get_start_sentence:
 *
 * Returns: the sentence to start reading at: the one with the caret, or
 *   the first when the caret is at the start
 */
guint
msk_reader_view_get_start_sentence (MskReaderView *self)
{
  MskUtterance *utterance;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint sentence;

  g_return_val_if_fail (MSK_IS_READER_VIEW (self), 0);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  utterance = ensure_utterance (self);
  sentence = msk_utterance_find_sentence (utterance, gtk_text_iter_get_offset (&iter));

  return sentence < msk_utterance_get_n_sentences (utterance) ? sentence : 0;
}

static void
remove_tag (MskReaderView *self,
            GtkTextTag    *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
}

static void
apply_tag (MskReaderView *self,
           GtkTextTag    *tag,
           guint          start,
           guint          end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter from, to;

  remove_tag (self, tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  gtk_text_buffer_apply_tag (buffer, tag, &from, &to);
}

/**
 * msk_reader_view_highlight_word:
 * @start: the first character of the word (as given by #MskSpeechEngine::word)
 * @end: the character after it
 *
 * Marks the word being spoken and scrolls it into view. Does nothing
 * when #MskReaderView:highlight is off.
 */
void
msk_reader_view_highlight_word (MskReaderView *self,
                                guint          start,
                                guint          end)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (MSK_IS_READER_VIEW (self));

  if (!self->highlight)
    return;

  apply_tag (self, self->word_tag, start, end);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  gtk_text_buffer_move_mark (buffer, self->word_mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), self->word_mark, 0.2, FALSE, 0, 0);
}

/**
 * msk_reader_view_highlight_sentence:
 *
 * Underlines the sentence being read.
 */
void
msk_reader_view_highlight_sentence (MskReaderView *self,
                                    guint          start,
                                    guint          end)
{
  g_return_if_fail (MSK_IS_READER_VIEW (self));

  if (!self->highlight)
    return;

  apply_tag (self, self->sentence_tag, start, end);
}

/**
 * msk_reader_view_clear_highlight:
 *
 * Removes the marks of the word and the sentence.
 */
void
msk_reader_view_clear_highlight (MskReaderView *self)
{
  g_return_if_fail (MSK_IS_READER_VIEW (self));

  remove_tag (self, self->word_tag);
  remove_tag (self, self->sentence_tag);
}

gboolean
msk_reader_view_get_highlight (MskReaderView *self)
{
  g_return_val_if_fail (MSK_IS_READER_VIEW (self), FALSE);
  return self->highlight;
}

void
msk_reader_view_set_highlight (MskReaderView *self,
                               gboolean       highlight)
{
  g_return_if_fail (MSK_IS_READER_VIEW (self));

  highlight = !!highlight;
  if (self->highlight == highlight)
    return;

  self->highlight = highlight;
  if (!highlight)
    msk_reader_view_clear_highlight (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}
