/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-audio-sink.h"

G_BEGIN_DECLS

#define MSK_TYPE_WAV_SINK (msk_wav_sink_get_type ())

G_DECLARE_FINAL_TYPE (MskWavSink, msk_wav_sink, MSK, WAV_SINK, GObject)

MskAudioSink *msk_wav_sink_new              (GFile      *file);
GFile        *msk_wav_sink_get_file         (MskWavSink *self);
guint64       msk_wav_sink_get_frames       (MskWavSink *self);

G_END_DECLS
