/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-speech-text.h"

/* How far the word aligner looks ahead for a word the two texts share. */
#define ALIGN_LOOKAHEAD 8

/**
 * msk_speech_text_char_language:
 * @c: a character
 *
 * Returns: "ar" for Arabic script, "en" for Latin script, %NULL for
 *   characters that take the language around them (digits, spaces,
 *   punctuation, combining marks).
 */
const char *
msk_speech_text_char_language (gunichar c)
{
  switch ((int) g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_ARABIC:
      /* Arabic-Indic digits are read in the language around them. */
      return g_unichar_isdigit (c) ? NULL : "ar";
    case G_UNICODE_SCRIPT_LATIN:
      return "en";
    default:
      return NULL;
    }
}

static gunichar *
to_chars (const char *text,
          glong      *n_chars)
{
  if (text == NULL)
    text = "";
  return g_utf8_to_ucs4_fast (text, -1, n_chars);
}

/**
 * msk_speech_text_split_runs:
 * @text: UTF-8 text
 * @fallback_language: the language of text without any letter ("ar" or "en")
 *
 * Splits @text into runs of one script: Arabic letters go to the Arabic
 * voice, Latin letters to the English voice. Digits, spaces and
 * punctuation stay with the letters before them; an opening bracket or
 * quote after a space goes with the letters after it. The runs cover the
 * whole text without gaps.
 *
 * Returns: (transfer full): an array of #MskTextRun
 */
GArray *
msk_speech_text_split_runs (const char *text,
                            const char *fallback_language)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (MskTextRun));
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  const char *current = NULL;
  guint run_start = 0;
  glong gap_break = -1; /* just after the last space since the last letter */

  chars = to_chars (text, &n);
  if (n == 0)
    return runs;

  for (glong i = 0; i < n; i++)
    {
      const char *lang = msk_speech_text_char_language (chars[i]);

      if (lang == NULL)
        {
          if (current != NULL && g_unichar_isspace (chars[i]))
            gap_break = i + 1;
          continue;
        }

      if (current == NULL)
        current = lang;
      else if (!g_str_equal (lang, current))
        {
          guint boundary = gap_break >= 0 ? (guint) gap_break : (guint) i;
          MskTextRun run = { run_start, boundary, current };

          g_array_append_val (runs, run);
          run_start = boundary;
          current = lang;
        }
      gap_break = -1;
    }

  {
    MskTextRun run = { run_start, (guint) n, current ? current : fallback_language };
    if (run.language == NULL)
      run.language = "en";
    g_array_append_val (runs, run);
  }

  return runs;
}

static gboolean
is_sentence_end (gunichar c)
{
  switch (c)
    {
    case '.':
    case '!':
    case '?':
    case 0x061F: /* ARABIC QUESTION MARK */
    case 0x06D4: /* ARABIC FULL STOP */
    case 0x2026: /* HORIZONTAL ELLIPSIS */
    case 0x3002:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_closing (gunichar c)
{
  return c == ')' || c == ']' || c == '"' || c == '\'' || c == 0x201D || c == 0x2019
         || c == 0x00BB || c == 0x00AB;
}

static void
append_trimmed (GArray         *spans,
                const gunichar *chars,
                guint           start,
                guint           end)
{
  gboolean has_word = FALSE;
  MskTextSpan span;

  while (start < end && g_unichar_isspace (chars[start]))
    start++;
  while (end > start && g_unichar_isspace (chars[end - 1]))
    end--;

  for (guint i = start; i < end && !has_word; i++)
    has_word = g_unichar_isalnum (chars[i]);
  if (!has_word)
    return;

  span.start = start;
  span.end = end;
  g_array_append_val (spans, span);
}

/**
 * msk_speech_text_split_sentences:
 * @text: UTF-8 text
 *
 * Splits @text into sentences: a sentence ends at a full stop, question
 * or exclamation mark (Arabic ones too) followed by a space, or at a line
 * break. "3.5" does not end a sentence. Spans leave out the spaces around
 * sentences; pieces without any letter or digit are dropped.
 *
 * Returns: (transfer full): an array of #MskTextSpan
 */
GArray *
msk_speech_text_split_sentences (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (MskTextSpan));
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  guint start = 0;

  chars = to_chars (text, &n);

  for (glong i = 0; i < n; i++)
    {
      if (chars[i] == '\n' || chars[i] == 0x2029)
        {
          append_trimmed (spans, chars, start, i);
          start = i + 1;
        }
      else if (is_sentence_end (chars[i]))
        {
          glong end = i + 1;

          while (end < n && (is_sentence_end (chars[end]) || is_closing (chars[end])))
            end++;
          if (end < n && !g_unichar_isspace (chars[end]))
            continue;

          append_trimmed (spans, chars, start, end);
          start = end;
          i = end - 1;
        }
    }
  append_trimmed (spans, chars, start, n);

  return spans;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c)
         || c == 0x0640  /* ARABIC TATWEEL */
         || c == 0x200C || c == 0x200D;
}

static gboolean
is_word_joiner (gunichar c)
{
  switch (c)
    {
    case '\'':
    case 0x2019:
    case '-':
    case '.':
    case ',':
    case '/':
    case ':':
    case '_':
    case 0x066B: /* ARABIC DECIMAL SEPARATOR */
    case 0x066C: /* ARABIC THOUSANDS SEPARATOR */
      return TRUE;
    default:
      return FALSE;
    }
}

static GArray *
split_words_chars (const gunichar *chars,
                   glong           n)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (MskTextSpan));
  glong i = 0;

  while (i < n)
    {
      MskTextSpan span;

      /* A word starts with a letter or digit, never with a mark alone. */
      if (!g_unichar_isalnum (chars[i]))
        {
          i++;
          continue;
        }

      span.start = i;
      while (i < n)
        {
          if (is_word_char (chars[i]))
            i++;
          else if (is_word_joiner (chars[i]) && i + 1 < n && g_unichar_isalnum (chars[i + 1]))
            i++;
          else
            break;
        }
      span.end = i;
      g_array_append_val (spans, span);
    }

  return spans;
}

/**
 * msk_speech_text_split_words:
 * @text: UTF-8 text
 *
 * Splits @text into words as a reader sees them: letters with their
 * vowel marks, numbers with their separators ("1,500", "3.5",
 * "2024/11/23"), words joined by an apostrophe or a hyphen.
 *
 * Returns: (transfer full): an array of #MskTextSpan
 */
GArray *
msk_speech_text_split_words (const char *text)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;

  chars = to_chars (text, &n);
  return split_words_chars (chars, n);
}

static gunichar
normalize_char (gunichar c)
{
  int digit;

  switch (c)
    {
    case 0x0622: /* ALEF WITH MADDA ABOVE */
    case 0x0623: /* ALEF WITH HAMZA ABOVE */
    case 0x0625: /* ALEF WITH HAMZA BELOW */
    case 0x0671: /* ALEF WASLA */
      return 0x0627;
    case 0x0649: /* ALEF MAKSURA */
      return 0x064A;
    default:
      break;
    }

  digit = g_unichar_digit_value (c);
  if (digit >= 0)
    return '0' + digit;

  return g_unichar_tolower (c);
}

static char *
word_key_chars (const gunichar *chars,
                MskTextSpan     span)
{
  GString *key = g_string_new (NULL);

  for (guint i = span.start; i < span.end; i++)
    {
      gunichar c = chars[i];

      if (g_unichar_ismark (c) || c == 0x0640 || c == 0x200C || c == 0x200D)
        continue;
      g_string_append_unichar (key, normalize_char (c));
    }

  return g_string_free (key, FALSE);
}

/**
 * msk_speech_text_word_key:
 * @text: UTF-8 text
 * @span: a word of @text
 *
 * The form of a word used to match the vowelled speech text with the
 * displayed text: without vowel marks or tatweel, with one form of alef,
 * ASCII digits and lower case.
 *
 * Returns: (transfer full): the key
 */
char *
msk_speech_text_word_key (const char  *text,
                          MskTextSpan  span)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;

  chars = to_chars (text, &n);
  span.end = MIN (span.end, (guint) n);
  span.start = MIN (span.start, span.end);
  return word_key_chars (chars, span);
}

static char **
keys_for (const char *text,
          GArray     *words)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  char **keys = g_new0 (char *, words->len + 1);

  chars = to_chars (text, &n);
  for (guint i = 0; i < words->len; i++)
    {
      MskTextSpan span = g_array_index (words, MskTextSpan, i);

      span.end = MIN (span.end, (guint) n);
      span.start = MIN (span.start, span.end);
      keys[i] = word_key_chars (chars, span);
    }

  return keys;
}

/**
 * msk_speech_text_align_words:
 * @speech: the text given to the synthesizer (for example vowelled)
 * @speech_words: the words of @speech (from msk_speech_text_split_words())
 * @plain: the text shown to the user
 * @plain_words: the words of @plain
 *
 * Finds, for every word of @speech, the word of @plain it stands for.
 * Words match when their keys (msk_speech_text_word_key()) are equal;
 * between matches, the words of one side are spread evenly over the
 * words of the other, so a number written in digits in @plain and in
 * words in @speech maps all those words to the number.
 *
 * Returns: (transfer full): an array of #guint, one plain word index per
 *   speech word; empty when @plain has no words
 */
GArray *
msk_speech_text_align_words (const char *speech,
                             GArray     *speech_words,
                             const char *plain,
                             GArray     *plain_words)
{
  GArray *map = g_array_sized_new (FALSE, FALSE, sizeof (guint), speech_words->len);
  g_auto(GStrv) skeys = NULL;
  g_auto(GStrv) pkeys = NULL;
  guint ns = speech_words->len;
  guint np = plain_words->len;
  guint i = 0;
  guint j = 0;

  if (np == 0)
    return map;

  skeys = keys_for (speech, speech_words);
  pkeys = keys_for (plain, plain_words);

  while (i < ns && j < np)
    {
      guint best_a = 0;
      guint best_b = 0;
      gboolean found = FALSE;

      if (g_str_equal (skeys[i], pkeys[j]))
        {
          g_array_append_val (map, j);
          i++;
          j++;
          continue;
        }

      /* The nearest pair of words further on that match again. */
      for (guint sum = 1; sum <= 2 * ALIGN_LOOKAHEAD && !found; sum++)
        for (guint a = 0; a <= MIN (sum, ALIGN_LOOKAHEAD) && !found; a++)
          {
            guint b = sum - a;

            if (b > ALIGN_LOOKAHEAD || i + a >= ns || j + b >= np)
              continue;
            if (g_str_equal (skeys[i + a], pkeys[j + b]))
              {
                best_a = a;
                best_b = b;
                found = TRUE;
              }
          }

      if (!found)
        {
          /* Nothing matches nearby: the texts differ here word for word. */
          g_array_append_val (map, j);
          i++;
          j++;
          continue;
        }

      /* Spread speech words i .. i+a-1 over plain words j .. j+b-1. */
      for (guint k = 0; k < best_a; k++)
        {
          guint target = best_b > 0 ? j + (k * best_b) / best_a : (j > 0 ? j - 1 : 0);
          g_array_append_val (map, target);
        }
      i += best_a;
      j += best_b;
    }

  /* Speech words left over belong to the last plain word. */
  while (i < ns)
    {
      guint last = np - 1;
      g_array_append_val (map, last);
      i++;
    }

  return map;
}

/**
 * msk_speech_text_find_word:
 * @words: an array of #MskTextSpan in text order
 * @offset: a character offset
 *
 * Returns: the index of the word containing @offset, or else of the first
 *   word after it; -1 when no word is at or after @offset
 */
gint
msk_speech_text_find_word (GArray *words,
                           guint   offset)
{
  guint lo = 0;
  guint hi = words->len;

  /* The first word whose end is after offset. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (words, MskTextSpan, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < words->len ? (gint) lo : -1;
}
