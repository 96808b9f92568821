/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <string.h>

#include "msk-speech-engine.h"

/* Time to first audio and synthesis speed of MskSpeechEngine beside raw
 * espeak-ng (espeak_Synth, synchronous) on the same text. The engine
 * writes to a sink that counts frames and never waits, so both sides
 * measure synthesis, not playback. */

#define ROUNDS 7

static const char *arabic =
  "يُرَحِّبُ المَجْلِسُ البَلَدِيُّ بِمُشَارَكَتِكُمْ فِي هَذِهِ الاِسْتِشَارَةِ العَامَّةِ. "
  "نَوَدُّ أَنْ نَعْرِفَ رَأْيَكُمْ فِي تَحْسِينِ الحَدَائِقِ وَالطُّرُقِ فِي الحَيِّ. "
  "سَتُنْشَرُ النَّتَائِجُ خِلَالَ ثَلَاثِينَ يَوْمًا مِنْ إِغْلَاقِ الاِسْتِشَارَةِ. "
  "شُكْرًا لَكُمْ عَلَى وَقْتِكُمْ وَاهْتِمَامِكُمْ.";

static const char *english =
  "The municipal council welcomes your participation in this public consultation. "
  "We would like to know your opinion on improving the parks and roads in the district. "
  "The results will be published within thirty days of the consultation closing. "
  "Thank you for your time and interest.";

/* A sink that takes everything at once and notes when audio came. */

#define BENCH_TYPE_SINK (bench_sink_get_type ())
G_DECLARE_FINAL_TYPE (BenchSink, bench_sink, BENCH, SINK, GObject)

struct _BenchSink
{
  GObject parent_instance;
  gint64  first_write;
  gint64  last_write;
  guint64 frames;
  guint64 played;
};

static void bench_sink_iface_init (MskAudioSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchSink, bench_sink, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MSK_TYPE_AUDIO_SINK, bench_sink_iface_init))

static gboolean
bench_sink_open (MskAudioSink  *sink,
                 guint          rate,
                 GError       **error)
{
  return TRUE;
}

static gboolean
bench_sink_write (MskAudioSink  *sink,
                  const gint16  *frames,
                  gsize          n_frames,
                  GError       **error)
{
  BenchSink *self = BENCH_SINK (sink);

  self->last_write = g_get_monotonic_time ();
  if (self->first_write == 0)
    self->first_write = self->last_write;
  self->frames += n_frames;
  self->played += n_frames;
  return TRUE;
}

static guint64
bench_sink_get_played (MskAudioSink *sink)
{
  return BENCH_SINK (sink)->played;
}

static void
bench_sink_flush (MskAudioSink *sink)
{
  BENCH_SINK (sink)->played = 0;
}

static void
bench_sink_iface_init (MskAudioSinkInterface *iface)
{
  iface->open = bench_sink_open;
  iface->write = bench_sink_write;
  iface->get_played = bench_sink_get_played;
  iface->flush = bench_sink_flush;
}

static void
bench_sink_class_init (BenchSinkClass *klass)
{
}

static void
bench_sink_init (BenchSink *self)
{
}

typedef struct
{
  double first_audio_ms;
  double total_ms;
  double audio_s;
} Figures;

/* Raw espeak-ng */

static gint64 raw_first;
static guint64 raw_frames;

static int
raw_cb (short        *wav,
        int           n_samples,
        espeak_EVENT *events)
{
  if (n_samples > 0 && raw_first == 0)
    raw_first = g_get_monotonic_time ();
  if (n_samples > 0)
    raw_frames += n_samples;
  return 0;
}

static Figures
run_raw (const char *text,
         const char *voice,
         guint       rate)
{
  Figures f;
  gint64 t0, t1;

  msk_speech_engine_lock_synthesizer ();
  espeak_SetSynthCallback (raw_cb);
  espeak_SetVoiceByName (voice);
  espeak_SetParameter (espeakRATE, 150, 0);
  raw_first = 0;
  raw_frames = 0;
  t0 = g_get_monotonic_time ();
  espeak_Synth (text, strlen (text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, NULL);
  t1 = g_get_monotonic_time ();
  msk_speech_engine_unlock_synthesizer ();

  f.first_audio_ms = (raw_first - t0) / 1000.0;
  f.total_ms = (t1 - t0) / 1000.0;
  f.audio_s = (double) raw_frames / rate;
  return f;
}

/* MskSpeechEngine */

static void
state_changed_cb (MskSpeechEngine *engine,
                  MskSpeechState   state,
                  gboolean        *done)
{
  if (state == MSK_SPEECH_STATE_IDLE)
    *done = TRUE;
}

static Figures
run_ours (MskSpeechEngine *engine,
          BenchSink       *sink,
          const char      *text,
          const char      *language,
          guint            rate)
{
  g_autoptr(MskUtterance) utterance = NULL;
  gboolean done = FALSE;
  gulong handler;
  Figures f;
  gint64 t0;

  sink->first_write = sink->last_write = 0;
  sink->frames = 0;
  handler = g_signal_connect (engine, "state-changed", G_CALLBACK (state_changed_cb), &done);

  /* The utterance is made inside the timing: it is part of our cost. */
  t0 = g_get_monotonic_time ();
  utterance = msk_utterance_new (text, NULL, language);
  msk_speech_engine_speak (engine, utterance);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (engine, handler);

  f.first_audio_ms = (sink->first_write - t0) / 1000.0;
  f.total_ms = (sink->last_write - t0) / 1000.0;
  f.audio_s = (double) sink->frames / rate;
  return f;
}

/* A new engine: starting its thread and loading the voice count too. */
static Figures
run_ours_cold (const char *text,
               const char *language,
               guint       rate)
{
  g_autoptr(BenchSink) sink = g_object_new (BENCH_TYPE_SINK, NULL);
  g_autoptr(MskSpeechEngine) engine = msk_speech_engine_new (MSK_AUDIO_SINK (sink));

  return run_ours (engine, sink, text, language, rate);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, ROUNDS, sizeof (double), compare_double);
  return values[ROUNDS / 2];
}

static void
report (const char *name,
        Figures    *rounds)
{
  double first[ROUNDS], total[ROUNDS], speed[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      first[i] = rounds[i].first_audio_ms;
      total[i] = rounds[i].total_ms;
      speed[i] = rounds[i].audio_s / (rounds[i].total_ms / 1000.0);
    }

  g_print ("  %-22s first audio %7.3f ms   synthesis %8.2f ms for %6.2f s of audio   "
           "%7.0f× real time\n",
           name, median (first), median (total), rounds[0].audio_s, median (speed));
}

static void
bench (const char *title,
       const char *text,
       const char *language,
       guint       rate)
{
  g_autoptr(BenchSink) sink = g_object_new (BENCH_TYPE_SINK, NULL);
  g_autoptr(MskSpeechEngine) engine = msk_speech_engine_new (MSK_AUDIO_SINK (sink));
  Figures raw[ROUNDS], ours[ROUNDS], cold[ROUNDS];

  /* Warm up: voice files and caches. */
  run_raw (text, language, rate);
  run_ours (engine, sink, text, language, rate);

  for (guint i = 0; i < ROUNDS; i++)
    {
      raw[i] = run_raw (text, language, rate);
      /* The raw run changed espeak-ng's voice; the engine keeps its voice
       * loaded between utterances in the app, so measure it that way. */
      run_ours (engine, sink, "x", language, rate);
      ours[i] = run_ours (engine, sink, text, language, rate);
      cold[i] = run_ours_cold (text, language, rate);
    }

  g_print ("%s (%u characters, median of %u runs)\n", title, (guint) g_utf8_strlen (text, -1),
           ROUNDS);
  report ("raw espeak-ng", raw);
  report ("MskSpeechEngine", ours);
  report ("MskSpeechEngine, new", cold);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_arabic = g_string_new (NULL);
  g_autoptr(GString) long_english = g_string_new (NULL);
  guint rate = 0;

  if (!msk_speech_engine_init_synthesizer (&rate, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < 10; i++)
    {
      g_string_append_printf (long_arabic, "%s ", arabic);
      g_string_append_printf (long_english, "%s ", english);
    }

  g_print ("Read aloud benchmark: espeak-ng %s, %u Hz, 150 words per minute\n\n",
           espeak_Info (NULL), rate);
  bench ("Arabic, vowelled, 4 sentences", arabic, "ar", rate);
  bench ("English, 4 sentences", english, "en", rate);
  bench ("Arabic, vowelled, 40 sentences", long_arabic->str, "ar", rate);
  bench ("English, 40 sentences", long_english->str, "en", rate);
  g_print ("\nFirst audio: raw espeak-ng's first callback with samples; ours, the first block\n"
           "handed to the sink after msk_speech_engine_speak() (utterance planning included);\n"
           "\"new\" is a fresh engine (thread start and voice loading included).\n"
           "Real time factor: seconds of audio per second of synthesis.\n");

  return 0;
}
