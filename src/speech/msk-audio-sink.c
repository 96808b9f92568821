/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-audio-sink.h"

G_DEFINE_INTERFACE (MskAudioSink, msk_audio_sink, G_TYPE_OBJECT)

static void
msk_audio_sink_default_init (MskAudioSinkInterface *iface)
{
}

gboolean
msk_audio_sink_open (MskAudioSink  *self,
                     guint          rate,
                     GError       **error)
{
  g_return_val_if_fail (MSK_IS_AUDIO_SINK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return MSK_AUDIO_SINK_GET_IFACE (self)->open (self, rate, error);
}

gboolean
msk_audio_sink_write (MskAudioSink  *self,
                      const gint16  *frames,
                      gsize          n_frames,
                      GError       **error)
{
  g_return_val_if_fail (MSK_IS_AUDIO_SINK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_frames == 0)
    return TRUE;

  return MSK_AUDIO_SINK_GET_IFACE (self)->write (self, frames, n_frames, error);
}

guint64
msk_audio_sink_get_played (MskAudioSink *self)
{
  g_return_val_if_fail (MSK_IS_AUDIO_SINK (self), 0);

  return MSK_AUDIO_SINK_GET_IFACE (self)->get_played (self);
}

void
msk_audio_sink_pause (MskAudioSink *self)
{
  MskAudioSinkInterface *iface;

  g_return_if_fail (MSK_IS_AUDIO_SINK (self));

  iface = MSK_AUDIO_SINK_GET_IFACE (self);
  if (iface->pause != NULL)
    iface->pause (self);
}

void
msk_audio_sink_resume (MskAudioSink *self)
{
  MskAudioSinkInterface *iface;

  g_return_if_fail (MSK_IS_AUDIO_SINK (self));

  iface = MSK_AUDIO_SINK_GET_IFACE (self);
  if (iface->resume != NULL)
    iface->resume (self);
}

void
msk_audio_sink_flush (MskAudioSink *self)
{
  MskAudioSinkInterface *iface;

  g_return_if_fail (MSK_IS_AUDIO_SINK (self));

  iface = MSK_AUDIO_SINK_GET_IFACE (self);
  if (iface->flush != NULL)
    iface->flush (self);
}

void
msk_audio_sink_drain (MskAudioSink *self)
{
  MskAudioSinkInterface *iface;

  g_return_if_fail (MSK_IS_AUDIO_SINK (self));

  iface = MSK_AUDIO_SINK_GET_IFACE (self);
  if (iface->drain != NULL)
    iface->drain (self);
}

/**
 * msk_audio_sink_close:
 *
 * Finishes the output. Closing a sink that is not open does nothing.
 *
 * Returns: whether the output was finished without error
 */
gboolean
msk_audio_sink_close (MskAudioSink  *self,
                      GError       **error)
{
  MskAudioSinkInterface *iface;

  g_return_val_if_fail (MSK_IS_AUDIO_SINK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MSK_AUDIO_SINK_GET_IFACE (self);
  return iface->close != NULL ? iface->close (self, error) : TRUE;
}
