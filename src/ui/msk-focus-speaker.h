/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-speech-engine.h"

G_BEGIN_DECLS

#define MSK_TYPE_FOCUS_SPEAKER (msk_focus_speaker_get_type ())

G_DECLARE_FINAL_TYPE (MskFocusSpeaker, msk_focus_speaker, MSK, FOCUS_SPEAKER, GObject)

MskFocusSpeaker *msk_focus_speaker_new          (GtkWindow       *window,
                                                 MskSpeechEngine *engine,
                                                 GSettings       *settings);
char            *msk_focus_speaker_describe     (GtkWidget       *widget);

G_END_DECLS
