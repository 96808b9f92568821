/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-audio-sink.h"

G_BEGIN_DECLS

#define MSK_TYPE_GST_SINK (msk_gst_sink_get_type ())

G_DECLARE_FINAL_TYPE (MskGstSink, msk_gst_sink, MSK, GST_SINK, GObject)

MskAudioSink *msk_gst_sink_new (void);

G_END_DECLS
