/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include "msk-gst-sink.h"
#include "msk-speech-error.h"

/**
 * MskGstSink:
 *
 * Plays the audio on the sound device through GStreamer:
 * `appsrc ! audioconvert ! audioresample ! autoaudiosink`, so PipeWire,
 * PulseAudio or ALSA is picked the way every GNOME app does. Pausing
 * pauses the pipeline (the sound stops at once); flushing takes the
 * pipeline down to READY, which drops the queued audio but keeps the
 * device open.
 *
 * The environment variable `MSK_AUDIO_SINK` names another GStreamer
 * element to play to (for example `pulsesink`), for testing.
 */
struct _MskGstSink
{
  GObject     parent_instance;

  GstElement *pipeline;
  GstElement *src;
  guint       rate;
  guint64     written;  /* since the last flush: the next buffer's timestamp */
  gboolean    paused;
  guint64     played;   /* frames heard when last asked */
  gboolean    draining; /* end of stream sent */
  gboolean    drained;  /* the end of stream was played */
};

static void msk_gst_sink_iface_init (MskAudioSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MskGstSink, msk_gst_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MSK_TYPE_AUDIO_SINK,
                                                      msk_gst_sink_iface_init))

static void
set_no_device (GError **error)
{
  g_set_error_literal (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_NO_AUDIO_DEVICE,
                       _("No sound device was found, so the text cannot be read aloud. "
                         "Everything else in the app works as usual."));
}

/* A short device buffer: pauses and stops are heard at once, the
 * highlight keeps up with the voice, and the 150 ms the engine keeps
 * queued is enough for the device to start again after a pause. */
static void
set_short_buffer (GstElement *element)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (element);

  if (g_object_class_find_property (klass, "buffer-time") != NULL
      && g_object_class_find_property (klass, "latency-time") != NULL)
    g_object_set (element,
                  "buffer-time", (gint64) 80 * 1000,
                  "latency-time", (gint64) 20 * 1000,
                  NULL);
}

/* autoaudiosink falls back to a fakesink when no device works. */
static gboolean
is_fake_output (GstElement *sink)
{
  g_autoptr(GstIterator) it = NULL;
  GValue item = G_VALUE_INIT;
  gboolean fake = FALSE;

  if (!GST_IS_BIN (sink))
    {
      set_short_buffer (sink);
      return FALSE;
    }

  it = gst_bin_iterate_elements (GST_BIN (sink));
  while (gst_iterator_next (it, &item) == GST_ITERATOR_OK)
    {
      GstElement *child = g_value_get_object (&item);
      GstElementFactory *factory = gst_element_get_factory (child);

      if (factory != NULL && g_str_equal (GST_OBJECT_NAME (factory), "fakesink"))
        fake = TRUE;
      else
        set_short_buffer (child);
      g_value_reset (&item);
    }
  g_value_unset (&item);

  return fake;
}

static gboolean
check_bus (MskGstSink  *self,
           GError     **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (self->pipeline);
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) gst_error = NULL;

  for (;;)
    {
      g_clear_pointer (&message, gst_message_unref);
      message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
      if (message == NULL)
        return TRUE;
      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        break;
      if (self->draining)
        self->drained = TRUE;
    }

  gst_message_parse_error (message, &gst_error, NULL);
  g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_AUDIO,
               /* Translators: %s is the reason given by the sound system */
               _("The sound could not be played: %s"), gst_error->message);
  return FALSE;
}

static gboolean
msk_gst_sink_open (MskAudioSink  *sink,
                   guint          rate,
                   GError       **error)
{
  MskGstSink *self = MSK_GST_SINK (sink);
  g_autoptr(GError) init_error = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstElement *convert, *resample, *output;
  const char *output_name = g_getenv ("MSK_AUDIO_SINK");

  if (self->pipeline != NULL && rate == self->rate)
    return TRUE;
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_clear_object (&self->src);
      g_clear_object (&self->pipeline);
    }

  if (!gst_init_check (NULL, NULL, &init_error))
    {
      g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_AUDIO,
                   _("The sound could not be played: %s"), init_error->message);
      return FALSE;
    }

  if (output_name == NULL || *output_name == '\0')
    output_name = "autoaudiosink";

  self->src = gst_element_factory_make ("appsrc", NULL);
  convert = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  output = gst_element_factory_make (output_name, NULL);
  if (self->src == NULL || convert == NULL || resample == NULL || output == NULL)
    {
      g_clear_object (&self->src);
      g_clear_pointer (&convert, gst_object_unref);
      g_clear_pointer (&resample, gst_object_unref);
      g_clear_pointer (&output, gst_object_unref);
      set_no_device (error);
      return FALSE;
    }
  gst_object_ref_sink (self->src);

  caps = gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, (int) rate,
                              "channels", G_TYPE_INT, 1,
                              NULL);
  g_object_set (self->src,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "is-live", FALSE,
                "max-bytes", (guint64) rate * 2, /* a second; the engine keeps far less queued */
                NULL);

  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("msk-speech"));
  gst_bin_add_many (GST_BIN (self->pipeline), self->src, convert, resample, output, NULL);
  if (!gst_element_link_many (self->src, convert, resample, output, NULL)
      || gst_element_set_state (self->pipeline, GST_STATE_READY) == GST_STATE_CHANGE_FAILURE
      || is_fake_output (output))
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_clear_object (&self->src);
      g_clear_object (&self->pipeline);
      set_no_device (error);
      return FALSE;
    }

  self->rate = rate;
  self->written = 0;
  self->played = 0;
  self->paused = FALSE;
  self->draining = FALSE;
  self->drained = FALSE;
  return TRUE;
}

static gboolean
msk_gst_sink_write (MskAudioSink  *sink,
                    const gint16  *frames,
                    gsize          n_frames,
                    GError       **error)
{
  MskGstSink *self = MSK_GST_SINK (sink);
  GstBuffer *buffer;
  GstState state;

  if (self->pipeline == NULL)
    {
      set_no_device (error);
      return FALSE;
    }
  if (!check_bus (self, error))
    return FALSE;

  gst_element_get_state (self->pipeline, &state, NULL, 0);
  if (state < GST_STATE_PAUSED && !self->paused)
    {
      if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
        {
          set_no_device (error);
          return FALSE;
        }
    }

  buffer = gst_buffer_new_memdup (frames, n_frames * sizeof (gint16));
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (self->written, GST_SECOND, self->rate);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (n_frames, GST_SECOND, self->rate);
  self->written += n_frames;

  if (gst_app_src_push_buffer (GST_APP_SRC (self->src), buffer) != GST_FLOW_OK)
    {
      g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_AUDIO,
                   _("The sound could not be played: %s"), "push");
      return FALSE;
    }

  return TRUE;
}

/* What has been heard is the position of the sink: what it rendered,
 * which lags behind the clock when the device is slow. It only grows
 * until the next flush (right after a pause some sinks answer 0). */
static guint64
msk_gst_sink_get_played (MskAudioSink *sink)
{
  MskGstSink *self = MSK_GST_SINK (sink);
  gint64 position = 0;

  if (self->pipeline == NULL || self->written == 0)
    return 0;

  if (!check_bus (self, NULL) || self->drained)
    return self->written; /* nothing more will be heard */

  if (!self->paused
      && gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position)
      && position > 0)
    {
      guint64 frames = gst_util_uint64_scale ((guint64) position, self->rate, GST_SECOND);

      self->played = CLAMP (frames, self->played, self->written);
    }

  return self->played;
}

static void
msk_gst_sink_pause (MskAudioSink *sink)
{
  MskGstSink *self = MSK_GST_SINK (sink);

  msk_gst_sink_get_played (sink);
  self->paused = TRUE;
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
}

static void
msk_gst_sink_resume (MskAudioSink *sink)
{
  MskGstSink *self = MSK_GST_SINK (sink);

  self->paused = FALSE;
  if (self->pipeline != NULL && self->written > 0)
    gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
}

static void
msk_gst_sink_drain (MskAudioSink *sink)
{
  MskGstSink *self = MSK_GST_SINK (sink);

  if (self->pipeline == NULL || self->draining)
    return;

  self->draining = TRUE;
  if (self->written == 0)
    self->drained = TRUE;
  else
    gst_app_src_end_of_stream (GST_APP_SRC (self->src));
}

static void
msk_gst_sink_flush (MskAudioSink *sink)
{
  MskGstSink *self = MSK_GST_SINK (sink);

  self->written = 0;
  self->played = 0;
  self->paused = FALSE;
  self->draining = FALSE;
  self->drained = FALSE;
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_READY);
}

static gboolean
msk_gst_sink_close (MskAudioSink  *sink,
                    GError       **error)
{
  MskGstSink *self = MSK_GST_SINK (sink);

  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_object (&self->src);
  g_clear_object (&self->pipeline);
  return TRUE;
}

static void
msk_gst_sink_iface_init (MskAudioSinkInterface *iface)
{
  iface->open = msk_gst_sink_open;
  iface->write = msk_gst_sink_write;
  iface->get_played = msk_gst_sink_get_played;
  iface->pause = msk_gst_sink_pause;
  iface->resume = msk_gst_sink_resume;
  iface->flush = msk_gst_sink_flush;
  iface->drain = msk_gst_sink_drain;
  iface->close = msk_gst_sink_close;
}

static void
msk_gst_sink_dispose (GObject *object)
{
  msk_gst_sink_close (MSK_AUDIO_SINK (object), NULL);

  G_OBJECT_CLASS (msk_gst_sink_parent_class)->dispose (object);
}

static void
msk_gst_sink_class_init (MskGstSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_gst_sink_dispose;
}

static void
msk_gst_sink_init (MskGstSink *self)
{
}

/**
 * msk_gst_sink_new:
 *
 * Returns: (transfer full): a sink playing on the sound device; the
 *   device is looked for when the engine opens the sink, and a missing
 *   device gives %MSK_SPEECH_ERROR_NO_AUDIO_DEVICE then
 */
MskAudioSink *
msk_gst_sink_new (void)
{
  return g_object_new (MSK_TYPE_GST_SINK, NULL);
}
