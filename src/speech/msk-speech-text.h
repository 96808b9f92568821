/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MskTextSpan:
 * @start: the offset of the first character, counted in characters (code points) from 0
 * @end: the offset just after the last character
 *
 * A range of a text, in characters like #GtkTextBuffer offsets, not bytes.
 */
typedef struct
{
  guint start;
  guint end;
} MskTextSpan;

/**
 * MskTextRun:
 * @start: the first character of the run
 * @end: the character just after the run
 * @language: "ar" or "en" (a static string)
 *
 * A run of text to be spoken with one voice.
 */
typedef struct
{
  guint       start;
  guint       end;
  const char *language;
} MskTextRun;

const char *msk_speech_text_char_language  (gunichar     c);
GArray     *msk_speech_text_split_runs     (const char  *text,
                                            const char  *fallback_language);
GArray     *msk_speech_text_split_sentences (const char *text);
GArray     *msk_speech_text_split_words    (const char  *text);
char       *msk_speech_text_word_key       (const char  *text,
                                            MskTextSpan  span);
GArray     *msk_speech_text_align_words    (const char  *speech,
                                            GArray      *speech_words,
                                            const char  *plain,
                                            GArray      *plain_words);
gint        msk_speech_text_find_word      (GArray      *words,
                                            guint        offset);

G_END_DECLS
