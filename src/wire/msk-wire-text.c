/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Search text as people type it: one folding for the server's index and the
 * client's offline search, so that both find the same topics.
 *
 * Folding drops what a reader does not type (Arabic diacritics, the
 * superscript alef, Quranic marks, tatweel, invisible format characters,
 * Latin accents), gives every letter one form (alef forms, hamza on a
 * carrier, taa marbuta, alef maqsura, Persian yeh and kaf, presentation
 * forms; Latin case), writes every decimal digit in ASCII, collapses
 * whitespace to single spaces and drops the article (with و ب ف ك ل before
 * it) at the start of each word when two letters or more remain, as light
 * stemmers do. Punctuation and markup characters stay as they are.
 *
 * A query matches folded text when each of its folded words occurs in it.
 */
#include "msk-wire-text.h"

#include <string.h>

/* The article and the prefixes glued to it, longest first, folded. */
static const char * const articles[] = {
  "\u0648\u0627\u0644", /* وال */
  "\u0628\u0627\u0644", /* بال */
  "\u0643\u0627\u0644", /* كال */
  "\u0641\u0627\u0644", /* فال */
  "\u0644\u0644",       /* لل */
  "\u0627\u0644",       /* ال */
};

/* What @c becomes: 0 to drop it, ' ' for a word boundary. */
static gunichar
fold_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK ||
      type == G_UNICODE_FORMAT || c == 0x0640 /* tatweel */)
    return 0;
  if (g_unichar_isspace (c))
    return ' ';
  if (g_unichar_isdigit (c) && g_unichar_digit_value (c) >= 0)
    return '0' + g_unichar_digit_value (c);

  switch (c)
    {
    case 0x0671: /* alef wasla */
    case 0x0672: /* alef with wavy hamza above */
    case 0x0673: /* alef with wavy hamza below */
    case 0x0675: /* high hamza alef */
      return 0x0627;
    case 0x0629: /* taa marbuta */
      return 0x0647;
    case 0x0649: /* alef maqsura */
    case 0x06cc: /* Persian yeh */
      return 0x064a;
    case 0x06a9: /* keheh */
      return 0x0643;
    default:
      return c;
    }
}

/* Appends @word (folded, without spaces) to @out, without its article. */
static void
append_word (GString    *out,
             const char *word)
{
  const char *letters = word;
  glong run = 0;

  /* The word's letters begin after any opening punctuation: «الأحياء». */
  while (*letters != '\0' && !g_unichar_isalpha (g_utf8_get_char (letters)))
    letters = g_utf8_next_char (letters);
  for (const char *p = letters; *p != '\0' && g_unichar_isalpha (g_utf8_get_char (p));
       p = g_utf8_next_char (p))
    run++;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  for (gsize i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      if (g_str_has_prefix (letters, articles[i]) &&
          run - g_utf8_strlen (articles[i], -1) >= 2)
        {
          g_string_append_len (out, word, letters - word);
          g_string_append (out, letters + strlen (articles[i]));
          return;
        }
    }
  g_string_append (out, word);
}

/**
 * msk_wire_text_fold:
 * @text: (nullable): UTF-8 text (invalid sequences are replaced)
 *
 * Returns: (transfer full): @text folded for search, its words separated by
 *   single spaces; "" for %NULL
 */
char *
msk_wire_text_fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  /* Compatibility forms first (presentation forms, fullwidth letters), then
   * case; case folding can compose again, so the result is decomposed again
   * and the marks it leaves are dropped one character at a time. */
  g_autofree char *compat = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  g_autofree char *casefolded = g_utf8_casefold (compat, -1);
  g_autofree char *decomposed = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = decomposed;; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? fold_char (g_utf8_get_char (p)) : ' ';

      if (c == ' ')
        {
          if (word->len > 0)
            append_word (out, word->str);
          g_string_truncate (word, 0);
        }
      else if (c != 0)
        g_string_append_unichar (word, c);
      if (*p == '\0')
        break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * msk_wire_text_fold_words:
 * @query: (nullable): what someone typed
 *
 * Returns: (transfer full): the folded words of @query, none for a query of
 *   spaces and marks only
 */
GStrv
msk_wire_text_fold_words (const char *query)
{
  g_autofree char *folded = msk_wire_text_fold (query);

  return g_strsplit (folded, " ", -1);
}

/**
 * msk_wire_text_matches:
 * @folded: text from msk_wire_text_fold()
 * @words: words from msk_wire_text_fold_words()
 *
 * Returns: whether every one of @words occurs in @folded (%TRUE for none)
 */
gboolean
msk_wire_text_matches (const char         *folded,
                       const char * const *words)
{
  for (gsize i = 0; words != NULL && words[i] != NULL; i++)
    if (strstr (folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}
