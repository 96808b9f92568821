/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-null-sink.h"

/**
 * MskNullSink:
 *
 * A sink that throws the audio away. In real time it "plays" at the
 * speed of a sound card, so the engine's pacing, word events, pause and
 * stop behave as with real playback (for tests and for following the
 * highlighted words without sound); otherwise every frame counts as
 * played at once.
 *
 * The counters may be read from any thread.
 */
struct _MskNullSink
{
  GObject   parent_instance;

  GMutex    lock;
  gboolean  realtime;
  guint     rate;
  gboolean  paused;
  guint64   written;       /* since the last flush */
  guint64   total_written; /* since creation */
  gint64    clock_start;   /* monotonic time of frame 0; 0 when not started */
  gint64    pause_time;
};

static void msk_null_sink_iface_init (MskAudioSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MskNullSink, msk_null_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MSK_TYPE_AUDIO_SINK,
                                                      msk_null_sink_iface_init))

enum {
  PROP_0,
  PROP_REALTIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint64
played_locked (MskNullSink *self,
               gint64       now)
{
  gint64 elapsed;
  guint64 frames;

  if (!self->realtime)
    return self->written;
  if (self->clock_start == 0)
    return 0;

  elapsed = (self->paused ? self->pause_time : now) - self->clock_start;
  frames = elapsed <= 0 ? 0 : (guint64) elapsed * self->rate / G_USEC_PER_SEC;
  return MIN (frames, self->written);
}

static gboolean
msk_null_sink_open (MskAudioSink  *sink,
                    guint          rate,
                    GError       **error)
{
  MskNullSink *self = MSK_NULL_SINK (sink);

  g_mutex_lock (&self->lock);
  self->rate = rate;
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static gboolean
msk_null_sink_write (MskAudioSink  *sink,
                     const gint16  *frames,
                     gsize          n_frames,
                     GError       **error)
{
  MskNullSink *self = MSK_NULL_SINK (sink);
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->lock);
  /* After an underrun the sound goes on from now, like a sound card's. */
  if (self->realtime && self->rate > 0
      && (self->clock_start == 0 || played_locked (self, now) >= self->written))
    self->clock_start = now - (gint64) (self->written * G_USEC_PER_SEC / self->rate);
  self->written += n_frames;
  self->total_written += n_frames;
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static guint64
msk_null_sink_get_played (MskAudioSink *sink)
{
  MskNullSink *self = MSK_NULL_SINK (sink);
  guint64 played;

  g_mutex_lock (&self->lock);
  played = played_locked (self, g_get_monotonic_time ());
  g_mutex_unlock (&self->lock);

  return played;
}

static void
msk_null_sink_pause (MskAudioSink *sink)
{
  MskNullSink *self = MSK_NULL_SINK (sink);

  g_mutex_lock (&self->lock);
  if (!self->paused)
    {
      self->paused = TRUE;
      self->pause_time = g_get_monotonic_time ();
    }
  g_mutex_unlock (&self->lock);
}

static void
msk_null_sink_resume (MskAudioSink *sink)
{
  MskNullSink *self = MSK_NULL_SINK (sink);

  g_mutex_lock (&self->lock);
  if (self->paused)
    {
      self->paused = FALSE;
      if (self->clock_start != 0)
        self->clock_start += g_get_monotonic_time () - self->pause_time;
    }
  g_mutex_unlock (&self->lock);
}

static void
msk_null_sink_flush (MskAudioSink *sink)
{
  MskNullSink *self = MSK_NULL_SINK (sink);

  g_mutex_lock (&self->lock);
  self->written = 0;
  self->clock_start = 0;
  self->paused = FALSE;
  g_mutex_unlock (&self->lock);
}

static void
msk_null_sink_iface_init (MskAudioSinkInterface *iface)
{
  iface->open = msk_null_sink_open;
  iface->write = msk_null_sink_write;
  iface->get_played = msk_null_sink_get_played;
  iface->pause = msk_null_sink_pause;
  iface->resume = msk_null_sink_resume;
  iface->flush = msk_null_sink_flush;
}

static void
msk_null_sink_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MskNullSink *self = MSK_NULL_SINK (object);

  switch (prop_id)
    {
    case PROP_REALTIME:
      self->realtime = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_null_sink_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MskNullSink *self = MSK_NULL_SINK (object);

  switch (prop_id)
    {
    case PROP_REALTIME:
      g_value_set_boolean (value, self->realtime);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_null_sink_finalize (GObject *object)
{
  MskNullSink *self = MSK_NULL_SINK (object);

  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (msk_null_sink_parent_class)->finalize (object);
}

static void
msk_null_sink_class_init (MskNullSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = msk_null_sink_set_property;
  object_class->get_property = msk_null_sink_get_property;
  object_class->finalize = msk_null_sink_finalize;

  properties[PROP_REALTIME] =
    g_param_spec_boolean ("realtime", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_null_sink_init (MskNullSink *self)
{
  g_mutex_init (&self->lock);
  self->realtime = TRUE;
  self->rate = 22050;
}

/**
 * msk_null_sink_new:
 * @realtime: whether frames take as long to play as on a sound card
 *
 * Returns: (transfer full): a new sink that discards the audio
 */
MskAudioSink *
msk_null_sink_new (gboolean realtime)
{
  return g_object_new (MSK_TYPE_NULL_SINK, "realtime", realtime, NULL);
}

/**
 * msk_null_sink_get_frames_written:
 *
 * Returns: the number of frames written since the sink was made
 */
guint64
msk_null_sink_get_frames_written (MskNullSink *self)
{
  guint64 total;

  g_return_val_if_fail (MSK_IS_NULL_SINK (self), 0);

  g_mutex_lock (&self->lock);
  total = self->total_written;
  g_mutex_unlock (&self->lock);

  return total;
}

gboolean
msk_null_sink_get_paused (MskNullSink *self)
{
  gboolean paused;

  g_return_val_if_fail (MSK_IS_NULL_SINK (self), FALSE);

  g_mutex_lock (&self->lock);
  paused = self->paused;
  g_mutex_unlock (&self->lock);

  return paused;
}
