/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-utterance.h"

/**
 * MskUtterance:
 *
 * Something to read aloud: the plain text shown to the user, optionally
 * the text to give the synthesizer instead (the vowelled `speech` form of
 * Arabic content, which espeak-ng needs to pronounce Arabic well), and
 * the language of the content.
 *
 * An utterance is immutable. On creation it splits the speech text into
 * sentences and each sentence into runs of one script, and aligns the
 * words of the speech text with the words of the plain text, so that a
 * position reported by the synthesizer becomes the displayed word.
 */
struct _MskUtterance
{
  GObject     parent_instance;

  char       *text;
  char       *speech_text;  /* NULL: the plain text is spoken */
  char       *language;

  gunichar   *speech_chars;
  glong       n_speech_chars;

  GArray     *sentences;    /* MskTextSpan in the speech text */
  GArray     *plain_sentences; /* MskTextSpan in the plain text */
  GArray     *segments;     /* MskSpeechSegment */
  GArray     *speech_words; /* MskTextSpan */
  GArray     *plain_words;  /* MskTextSpan; the same array as speech_words without speech_text */
  GArray     *word_map;     /* guint: plain word of each speech word; NULL: identity */
};

G_DEFINE_FINAL_TYPE (MskUtterance, msk_utterance, G_TYPE_OBJECT)

static void
msk_utterance_finalize (GObject *object)
{
  MskUtterance *self = MSK_UTTERANCE (object);

  g_free (self->text);
  g_free (self->speech_text);
  g_free (self->language);
  g_free (self->speech_chars);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_clear_pointer (&self->plain_sentences, g_array_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->speech_words, g_array_unref);
  g_clear_pointer (&self->plain_words, g_array_unref);
  g_clear_pointer (&self->word_map, g_array_unref);

  G_OBJECT_CLASS (msk_utterance_parent_class)->finalize (object);
}

static void
msk_utterance_class_init (MskUtteranceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_utterance_finalize;
}

static void
msk_utterance_init (MskUtterance *self)
{
}

static const char *
guess_language (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *lang = msk_speech_text_char_language (g_utf8_get_char (p));
      if (lang != NULL)
        return lang;
    }
  return "ar";
}

static gboolean
plain_word_span (MskUtterance *self,
                 guint         speech_word,
                 MskTextSpan  *span)
{
  guint plain_word = speech_word;

  if (self->word_map != NULL)
    {
      if (speech_word >= self->word_map->len)
        return FALSE;
      plain_word = g_array_index (self->word_map, guint, speech_word);
    }
  if (plain_word >= self->plain_words->len)
    return FALSE;

  *span = g_array_index (self->plain_words, MskTextSpan, plain_word);
  return TRUE;
}

static void
build_plan (MskUtterance *self)
{
  const char *speech = self->speech_text ? self->speech_text : self->text;
  g_autoptr(GArray) runs = NULL;
  guint r = 0;

  self->speech_chars = g_utf8_to_ucs4_fast (speech, -1, &self->n_speech_chars);
  self->sentences = msk_speech_text_split_sentences (speech);
  self->speech_words = msk_speech_text_split_words (speech);

  if (self->speech_text != NULL)
    {
      self->plain_words = msk_speech_text_split_words (self->text);
      self->word_map = msk_speech_text_align_words (speech, self->speech_words,
                                                    self->text, self->plain_words);
    }
  else
    self->plain_words = g_array_ref (self->speech_words);

  /* Sentences as the user sees them. */
  self->plain_sentences = g_array_sized_new (FALSE, FALSE, sizeof (MskTextSpan),
                                             self->sentences->len);
  for (guint i = 0; i < self->sentences->len; i++)
    {
      MskTextSpan s = g_array_index (self->sentences, MskTextSpan, i);
      MskTextSpan plain = s;

      if (self->speech_text != NULL)
        {
          gint first = msk_speech_text_find_word (self->speech_words, s.start);
          gint after = msk_speech_text_find_word (self->speech_words, s.end);
          gint last = after < 0 ? (gint) self->speech_words->len - 1 : after - 1;
          MskTextSpan a, b;

          if (first >= 0 && last >= first && plain_word_span (self, first, &a)
              && plain_word_span (self, last, &b))
            {
              plain.start = MIN (a.start, b.start);
              plain.end = MAX (a.end, b.end);
            }
          else
            plain.start = plain.end = 0;
        }
      g_array_append_val (self->plain_sentences, plain);
    }

  /* Cut every sentence at the language runs. */
  runs = msk_speech_text_split_runs (speech, self->language);
  self->segments = g_array_new (FALSE, FALSE, sizeof (MskSpeechSegment));
  for (guint i = 0; i < self->sentences->len; i++)
    {
      MskTextSpan s = g_array_index (self->sentences, MskTextSpan, i);

      while (r < runs->len && g_array_index (runs, MskTextRun, r).end <= s.start)
        r++;
      for (guint k = r; k < runs->len; k++)
        {
          MskTextRun run = g_array_index (runs, MskTextRun, k);
          MskSpeechSegment seg;

          if (run.start >= s.end)
            break;
          seg.sentence = i;
          seg.start = MAX (run.start, s.start);
          seg.end = MIN (run.end, s.end);
          seg.language = run.language;
          if (seg.end > seg.start)
            g_array_append_val (self->segments, seg);
        }
    }
}

/**
 * msk_utterance_new:
 * @text: the plain text as shown to the user
 * @speech_text: (nullable): the text to speak instead, for example the
 *   vowelled form of Arabic text; %NULL or "" to speak @text
 * @language: (nullable): "ar" or "en", the language of the content; used
 *   for digits and punctuation that have no letters around them. %NULL
 *   guesses from the first letter.
 *
 * Returns: (transfer full): a new utterance
 */
MskUtterance *
msk_utterance_new (const char *text,
                   const char *speech_text,
                   const char *language)
{
  MskUtterance *self = g_object_new (MSK_TYPE_UTTERANCE, NULL);

  g_return_val_if_fail (text != NULL, self);

  self->text = g_utf8_make_valid (text, -1);
  if (speech_text != NULL && *speech_text != '\0' && g_strcmp0 (speech_text, text) != 0)
    self->speech_text = g_utf8_make_valid (speech_text, -1);
  if (g_strcmp0 (language, "ar") == 0 || g_strcmp0 (language, "en") == 0)
    self->language = g_strdup (language);
  else if (language != NULL && g_str_has_prefix (language, "ar"))
    self->language = g_strdup ("ar");
  else if (language != NULL && *language != '\0')
    self->language = g_strdup ("en");
  else
    self->language = g_strdup (guess_language (self->text));

  build_plan (self);

  return self;
}

const char *
msk_utterance_get_text (MskUtterance *self)
{
  g_return_val_if_fail (MSK_IS_UTTERANCE (self), NULL);
  return self->text;
}

/**
 * msk_utterance_get_speech_text:
 *
 * Returns: the text the synthesizer speaks: the speech text when one was
 *   given, otherwise the plain text
 */
const char *
msk_utterance_get_speech_text (MskUtterance *self)
{
  g_return_val_if_fail (MSK_IS_UTTERANCE (self), NULL);
  return self->speech_text ? self->speech_text : self->text;
}

const char *
msk_utterance_get_language (MskUtterance *self)
{
  g_return_val_if_fail (MSK_IS_UTTERANCE (self), NULL);
  return self->language;
}

guint
msk_utterance_get_n_sentences (MskUtterance *self)
{
  g_return_val_if_fail (MSK_IS_UTTERANCE (self), 0);
  return self->sentences->len;
}

/**
 * msk_utterance_get_segments:
 * @n_segments: (out): the number of segments
 *
 * Returns: (array length=n_segments): the segments, sentence by sentence
 */
const MskSpeechSegment *
msk_utterance_get_segments (MskUtterance *self,
                            guint        *n_segments)
{
  g_return_val_if_fail (MSK_IS_UTTERANCE (self), NULL);
  *n_segments = self->segments->len;
  return (const MskSpeechSegment *) (gpointer) self->segments->data;
}

/**
 * msk_utterance_dup_segment_text:
 * @segment: the index of a segment
 *
 * Returns: (transfer full): the UTF-8 text of the segment
 */
char *
msk_utterance_dup_segment_text (MskUtterance *self,
                                guint         segment)
{
  MskSpeechSegment seg;

  g_return_val_if_fail (MSK_IS_UTTERANCE (self), NULL);
  g_return_val_if_fail (segment < self->segments->len, NULL);

  seg = g_array_index (self->segments, MskSpeechSegment, segment);
  return g_ucs4_to_utf8 (self->speech_chars + seg.start, seg.end - seg.start, NULL, NULL, NULL);
}

/**
 * msk_utterance_get_sentence_span:
 * @sentence: the index of a sentence
 * @start: (out): the first character of the sentence in the plain text
 * @end: (out): the character after it
 *
 * Returns: whether the sentence has a place in the plain text
 */
gboolean
msk_utterance_get_sentence_span (MskUtterance *self,
                                 guint         sentence,
                                 guint        *start,
                                 guint        *end)
{
  MskTextSpan span;

  g_return_val_if_fail (MSK_IS_UTTERANCE (self), FALSE);

  if (sentence >= self->plain_sentences->len)
    return FALSE;

  span = g_array_index (self->plain_sentences, MskTextSpan, sentence);
  *start = span.start;
  *end = span.end;
  return span.end > span.start;
}

/**
 * msk_utterance_map_offset:
 * @speech_offset: a character offset in the speech text, from 0
 * @start: (out): the first character of the displayed word
 * @end: (out): the character after the displayed word
 *
 * Finds the word of the plain text that the synthesizer speaks when it
 * is at @speech_offset: the word there, or the next one when the offset
 * falls between words.
 *
 * Returns: whether a word was found
 */
gboolean
msk_utterance_map_offset (MskUtterance *self,
                          guint         speech_offset,
                          guint        *start,
                          guint        *end)
{
  MskTextSpan span;
  gint word;

  g_return_val_if_fail (MSK_IS_UTTERANCE (self), FALSE);

  word = msk_speech_text_find_word (self->speech_words, speech_offset);
  if (word < 0 || !plain_word_span (self, word, &span))
    return FALSE;

  *start = span.start;
  *end = span.end;
  return TRUE;
}

/**
 * msk_utterance_find_sentence:
 * @text_offset: a character offset in the plain text
 *
 * Returns: the sentence at @text_offset, or the next one; the number of
 *   sentences when there is none after it
 */
guint
msk_utterance_find_sentence (MskUtterance *self,
                             guint         text_offset)
{
  g_return_val_if_fail (MSK_IS_UTTERANCE (self), 0);

  for (guint i = 0; i < self->plain_sentences->len; i++)
    if (g_array_index (self->plain_sentences, MskTextSpan, i).end > text_offset)
      return i;

  return self->plain_sentences->len;
}
