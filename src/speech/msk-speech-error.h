/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MSK_SPEECH_ERROR (msk_speech_error_quark ())

/**
 * MskSpeechError:
 * @MSK_SPEECH_ERROR_NO_AUDIO_DEVICE: no sound device could be opened
 * @MSK_SPEECH_ERROR_SYNTHESIZER: espeak-ng could not start or failed
 * @MSK_SPEECH_ERROR_VOICE: the voice asked for is not installed
 * @MSK_SPEECH_ERROR_AUDIO: writing or playing the audio failed
 * @MSK_SPEECH_ERROR_INVALID: an invalid argument (a command line option)
 *
 * Errors of the read-aloud engine. Messages are translated and can be
 * shown to the user as they are.
 */
typedef enum
{
  MSK_SPEECH_ERROR_NO_AUDIO_DEVICE,
  MSK_SPEECH_ERROR_SYNTHESIZER,
  MSK_SPEECH_ERROR_VOICE,
  MSK_SPEECH_ERROR_AUDIO,
  MSK_SPEECH_ERROR_INVALID,
} MskSpeechError;

GQuark msk_speech_error_quark (void);

G_END_DECLS
