/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-reader-view.h"
#include "msk-speech-engine.h"

G_BEGIN_DECLS

#define MSK_TYPE_READER_BAR (msk_reader_bar_get_type ())

G_DECLARE_FINAL_TYPE (MskReaderBar, msk_reader_bar, MSK, READER_BAR, AdwBin)

GtkWidget       *msk_reader_bar_new                 (void);
MskSpeechEngine *msk_reader_bar_get_engine          (MskReaderBar    *self);
void             msk_reader_bar_set_engine          (MskReaderBar    *self,
                                                     MskSpeechEngine *engine);
MskReaderView   *msk_reader_bar_get_view            (MskReaderBar    *self);
void             msk_reader_bar_set_view            (MskReaderBar    *self,
                                                     MskReaderView   *view);
void             msk_reader_bar_set_settings        (MskReaderBar    *self,
                                                     GSettings       *settings);
void             msk_reader_bar_play_pause          (MskReaderBar    *self);
void             msk_reader_bar_stop                (MskReaderBar    *self);
void             msk_reader_bar_next_sentence       (MskReaderBar    *self);
void             msk_reader_bar_previous_sentence   (MskReaderBar    *self);
void             msk_reader_bar_read_text           (MskReaderBar    *self,
                                                     const char      *text,
                                                     const char      *speech_text,
                                                     const char      *language);
GActionGroup    *msk_reader_bar_create_action_group (MskReaderBar    *self);

G_END_DECLS
