/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MSK_TYPE_AUDIO_SINK (msk_audio_sink_get_type ())

G_DECLARE_INTERFACE (MskAudioSink, msk_audio_sink, MSK, AUDIO_SINK, GObject)

/**
 * MskAudioSinkInterface:
 * @open: prepares for mono signed 16-bit samples at @rate Hz; opening an
 *   open sink with the same rate does nothing
 * @write: queues @n_frames samples; must not block for long (the engine
 *   paces itself with @get_played)
 * @get_played: the number of frames heard since the last @open or @flush
 * @pause: stops the sound at once, keeping what is queued
 * @resume: goes on after @pause
 * @flush: drops what is queued; the count of played frames restarts at 0
 * @drain: no more audio comes before the next @flush: play out what is
 *   queued (a sound device needs to be told to play its last samples)
 * @close: finishes the output (a WAV file gets its final header)
 *
 * Where the engine's audio goes. The engine calls every method from its
 * worker thread, one call at a time.
 */
struct _MskAudioSinkInterface
{
  GTypeInterface parent_iface;

  gboolean (*open)       (MskAudioSink  *self,
                          guint          rate,
                          GError       **error);
  gboolean (*write)      (MskAudioSink  *self,
                          const gint16  *frames,
                          gsize          n_frames,
                          GError       **error);
  guint64  (*get_played) (MskAudioSink  *self);
  void     (*pause)      (MskAudioSink  *self);
  void     (*resume)     (MskAudioSink  *self);
  void     (*flush)      (MskAudioSink  *self);
  void     (*drain)      (MskAudioSink  *self);
  gboolean (*close)      (MskAudioSink  *self,
                          GError       **error);
};

gboolean msk_audio_sink_open       (MskAudioSink  *self,
                                    guint          rate,
                                    GError       **error);
gboolean msk_audio_sink_write      (MskAudioSink  *self,
                                    const gint16  *frames,
                                    gsize          n_frames,
                                    GError       **error);
guint64  msk_audio_sink_get_played (MskAudioSink  *self);
void     msk_audio_sink_pause      (MskAudioSink  *self);
void     msk_audio_sink_resume     (MskAudioSink  *self);
void     msk_audio_sink_flush      (MskAudioSink  *self);
void     msk_audio_sink_drain      (MskAudioSink  *self);
gboolean msk_audio_sink_close      (MskAudioSink  *self,
                                    GError       **error);

G_END_DECLS
