/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "msk-speech-text.h"

G_BEGIN_DECLS

#define MSK_TYPE_UTTERANCE (msk_utterance_get_type ())

G_DECLARE_FINAL_TYPE (MskUtterance, msk_utterance, MSK, UTTERANCE, GObject)

/**
 * MskSpeechSegment:
 * @sentence: the index of the sentence the segment belongs to
 * @start: the first character of the segment in the speech text
 * @end: the character after the segment in the speech text
 * @language: "ar" or "en"
 *
 * A piece of one sentence in one language: what the engine gives
 * espeak-ng in one call.
 */
typedef struct
{
  guint       sentence;
  guint       start;
  guint       end;
  const char *language;
} MskSpeechSegment;

MskUtterance           *msk_utterance_new               (const char    *text,
                                                         const char    *speech_text,
                                                         const char    *language);
const char             *msk_utterance_get_text          (MskUtterance  *self);
const char             *msk_utterance_get_speech_text   (MskUtterance  *self);
const char             *msk_utterance_get_language      (MskUtterance  *self);
guint                   msk_utterance_get_n_sentences   (MskUtterance  *self);
const MskSpeechSegment *msk_utterance_get_segments      (MskUtterance  *self,
                                                         guint         *n_segments);
char                   *msk_utterance_dup_segment_text  (MskUtterance  *self,
                                                         guint          segment);
gboolean                msk_utterance_get_sentence_span (MskUtterance  *self,
                                                         guint          sentence,
                                                         guint         *start,
                                                         guint         *end);
gboolean                msk_utterance_map_offset        (MskUtterance  *self,
                                                         guint          speech_offset,
                                                         guint         *start,
                                                         guint         *end);
guint                   msk_utterance_find_sentence     (MskUtterance  *self,
                                                         guint          text_offset);

G_END_DECLS
