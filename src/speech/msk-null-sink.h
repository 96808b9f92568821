/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-audio-sink.h"

G_BEGIN_DECLS

#define MSK_TYPE_NULL_SINK (msk_null_sink_get_type ())

G_DECLARE_FINAL_TYPE (MskNullSink, msk_null_sink, MSK, NULL_SINK, GObject)

MskAudioSink *msk_null_sink_new                (gboolean     realtime);
guint64       msk_null_sink_get_frames_written (MskNullSink *self);
gboolean      msk_null_sink_get_paused         (MskNullSink *self);

G_END_DECLS
