/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "msk-speech-error.h"
#include "msk-wav-sink.h"

#define WAV_HEADER_SIZE 44

/**
 * MskWavSink:
 *
 * Writes the audio to a WAV file (PCM, signed 16-bit, mono) as fast as
 * the synthesizer makes it. The header gets its sizes on close.
 */
struct _MskWavSink
{
  GObject            parent_instance;

  GFile             *file;
  GFileOutputStream *stream;
  guint              rate;
  guint64            frames;  /* in the file */
  guint64            played;  /* since the last flush */
};

static void msk_wav_sink_iface_init (MskAudioSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MskWavSink, msk_wav_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MSK_TYPE_AUDIO_SINK,
                                                      msk_wav_sink_iface_init))

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
put_le32 (guint8  *p,
          guint32  v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static void
put_le16 (guint8  *p,
          guint16  v)
{
  v = GUINT16_TO_LE (v);
  memcpy (p, &v, 2);
}

static void
fill_header (guint8  *h,
             guint    rate,
             guint64  frames)
{
  guint32 data_size = (guint32) MIN (frames * 2, G_MAXUINT32 - WAV_HEADER_SIZE);

  memcpy (h, "RIFF", 4);
  put_le32 (h + 4, 36 + data_size);
  memcpy (h + 8, "WAVEfmt ", 8);
  put_le32 (h + 16, 16);        /* fmt chunk size */
  put_le16 (h + 20, 1);         /* PCM */
  put_le16 (h + 22, 1);         /* mono */
  put_le32 (h + 24, rate);
  put_le32 (h + 28, rate * 2);  /* bytes per second */
  put_le16 (h + 32, 2);         /* bytes per frame */
  put_le16 (h + 34, 16);        /* bits per sample */
  memcpy (h + 36, "data", 4);
  put_le32 (h + 40, data_size);
}

static void
set_file_error (MskWavSink  *self,
                GError     **error,
                GError      *cause)
{
  g_autofree char *name = g_file_get_parse_name (self->file);

  g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_AUDIO,
               /* Translators: %s are a file name and the reason */
               _("Could not write the sound file “%s”: %s"), name, cause->message);
}

static gboolean
msk_wav_sink_open (MskAudioSink  *sink,
                   guint          rate,
                   GError       **error)
{
  MskWavSink *self = MSK_WAV_SINK (sink);
  g_autoptr(GError) local_error = NULL;
  guint8 header[WAV_HEADER_SIZE];

  if (self->stream != NULL)
    {
      if (rate == self->rate)
        return TRUE;
      g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_AUDIO,
                   "The sound file is already open at another rate");
      return FALSE;
    }

  self->stream = g_file_replace (self->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                 NULL, &local_error);
  if (self->stream == NULL)
    {
      set_file_error (self, error, local_error);
      return FALSE;
    }

  self->rate = rate;
  self->frames = 0;
  self->played = 0;
  fill_header (header, rate, 0);
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (self->stream), header, sizeof header, NULL,
                                  NULL, &local_error))
    {
      set_file_error (self, error, local_error);
      g_clear_object (&self->stream);
      return FALSE;
    }

  return TRUE;
}

static gboolean
msk_wav_sink_write (MskAudioSink  *sink,
                    const gint16  *frames,
                    gsize          n_frames,
                    GError       **error)
{
  MskWavSink *self = MSK_WAV_SINK (sink);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (self->stream == NULL)
    {
      g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_AUDIO,
                   "The sound file is not open");
      return FALSE;
    }

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  ok = g_output_stream_write_all (G_OUTPUT_STREAM (self->stream), frames, n_frames * 2, NULL,
                                  NULL, &local_error);
#else
  {
    g_autofree gint16 *le = g_new (gint16, n_frames);

    for (gsize i = 0; i < n_frames; i++)
      le[i] = GINT16_TO_LE (frames[i]);
    ok = g_output_stream_write_all (G_OUTPUT_STREAM (self->stream), le, n_frames * 2, NULL,
                                    NULL, &local_error);
  }
#endif
  if (!ok)
    {
      set_file_error (self, error, local_error);
      return FALSE;
    }

  self->frames += n_frames;
  self->played += n_frames;
  return TRUE;
}

static guint64
msk_wav_sink_get_played (MskAudioSink *sink)
{
  return MSK_WAV_SINK (sink)->played;
}

static void
msk_wav_sink_flush (MskAudioSink *sink)
{
  MSK_WAV_SINK (sink)->played = 0;
}

static gboolean
msk_wav_sink_close (MskAudioSink  *sink,
                    GError       **error)
{
  MskWavSink *self = MSK_WAV_SINK (sink);
  g_autoptr(GFileOutputStream) stream = g_steal_pointer (&self->stream);
  g_autoptr(GError) local_error = NULL;
  guint8 header[WAV_HEADER_SIZE];

  if (stream == NULL)
    return TRUE;

  fill_header (header, self->rate, self->frames);
  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, NULL, &local_error)
      || !g_output_stream_write_all (G_OUTPUT_STREAM (stream), header, sizeof header, NULL, NULL,
                                     &local_error)
      || !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      set_file_error (self, error, local_error);
      return FALSE;
    }

  return TRUE;
}

static void
msk_wav_sink_iface_init (MskAudioSinkInterface *iface)
{
  iface->open = msk_wav_sink_open;
  iface->write = msk_wav_sink_write;
  iface->get_played = msk_wav_sink_get_played;
  iface->flush = msk_wav_sink_flush;
  iface->close = msk_wav_sink_close;
}

static void
msk_wav_sink_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MskWavSink *self = MSK_WAV_SINK (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_wav_sink_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MskWavSink *self = MSK_WAV_SINK (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_wav_sink_dispose (GObject *object)
{
  MskWavSink *self = MSK_WAV_SINK (object);

  if (self->stream != NULL)
    msk_wav_sink_close (MSK_AUDIO_SINK (self), NULL);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (msk_wav_sink_parent_class)->dispose (object);
}

static void
msk_wav_sink_class_init (MskWavSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = msk_wav_sink_set_property;
  object_class->get_property = msk_wav_sink_get_property;
  object_class->dispose = msk_wav_sink_dispose;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_wav_sink_init (MskWavSink *self)
{
}

/**
 * msk_wav_sink_new:
 * @file: the WAV file to write; it is replaced
 *
 * Returns: (transfer full): a new sink writing to @file
 */
MskAudioSink *
msk_wav_sink_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (MSK_TYPE_WAV_SINK, "file", file, NULL);
}

GFile *
msk_wav_sink_get_file (MskWavSink *self)
{
  g_return_val_if_fail (MSK_IS_WAV_SINK (self), NULL);
  return self->file;
}

/**
 * msk_wav_sink_get_frames:
 *
 * Returns: the number of frames in the file so far; read it only while
 *   the engine is not speaking
 */
guint64
msk_wav_sink_get_frames (MskWavSink *self)
{
  g_return_val_if_fail (MSK_IS_WAV_SINK (self), 0);
  return self->frames;
}
