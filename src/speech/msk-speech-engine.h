/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-audio-sink.h"
#include "msk-utterance.h"

G_BEGIN_DECLS

/**
 * MskSpeechState:
 * @MSK_SPEECH_STATE_IDLE: nothing is being read
 * @MSK_SPEECH_STATE_SPEAKING: reading aloud
 * @MSK_SPEECH_STATE_PAUSED: paused in the middle of an utterance
 */
typedef enum
{
  MSK_SPEECH_STATE_IDLE,
  MSK_SPEECH_STATE_SPEAKING,
  MSK_SPEECH_STATE_PAUSED,
} MskSpeechState;

#define MSK_TYPE_SPEECH_STATE (msk_speech_state_get_type ())
GType msk_speech_state_get_type (void);

#define MSK_TYPE_SPEECH_ENGINE (msk_speech_engine_get_type ())

G_DECLARE_FINAL_TYPE (MskSpeechEngine, msk_speech_engine, MSK, SPEECH_ENGINE, GObject)

#define MSK_SPEECH_RATE_MIN      80
#define MSK_SPEECH_RATE_MAX      450
#define MSK_SPEECH_RATE_DEFAULT  150

MskSpeechEngine *msk_speech_engine_new               (MskAudioSink     *sink);
MskAudioSink    *msk_speech_engine_get_sink          (MskSpeechEngine  *self);
void             msk_speech_engine_speak             (MskSpeechEngine  *self,
                                                      MskUtterance     *utterance);
void             msk_speech_engine_speak_from        (MskSpeechEngine  *self,
                                                      MskUtterance     *utterance,
                                                      guint             sentence);
void             msk_speech_engine_pause             (MskSpeechEngine  *self);
void             msk_speech_engine_resume            (MskSpeechEngine  *self);
void             msk_speech_engine_stop              (MskSpeechEngine  *self);
void             msk_speech_engine_next_sentence     (MskSpeechEngine  *self);
void             msk_speech_engine_previous_sentence (MskSpeechEngine  *self);
MskSpeechState   msk_speech_engine_get_state         (MskSpeechEngine  *self);
MskUtterance    *msk_speech_engine_get_utterance     (MskSpeechEngine  *self);
guint            msk_speech_engine_get_rate          (MskSpeechEngine  *self);
void             msk_speech_engine_set_rate          (MskSpeechEngine  *self,
                                                      guint             rate);
guint            msk_speech_engine_get_pitch         (MskSpeechEngine  *self);
void             msk_speech_engine_set_pitch         (MskSpeechEngine  *self,
                                                      guint             pitch);
guint            msk_speech_engine_get_volume        (MskSpeechEngine  *self);
void             msk_speech_engine_set_volume        (MskSpeechEngine  *self,
                                                      guint             volume);
void             msk_speech_engine_bind_settings     (MskSpeechEngine  *self,
                                                      GSettings        *settings);

gboolean         msk_speech_engine_init_synthesizer  (guint            *sample_rate,
                                                      GError          **error);
void             msk_speech_engine_lock_synthesizer   (void);
void             msk_speech_engine_unlock_synthesizer (void);
char           **msk_speech_engine_list_voices       (const char       *language);

G_END_DECLS
