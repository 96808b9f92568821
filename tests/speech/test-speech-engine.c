/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-gst-sink.h"
#include "msk-null-sink.h"
#include "msk-speech-engine.h"
#include "msk-speech-error.h"

/* How long a command may take to be heard, from the issue. */
#define MAX_LATENCY_US (100 * 1000)

typedef struct
{
  MskSpeechEngine *engine;
  MskAudioSink    *sink;
  MskUtterance    *utterance;
  GPtrArray       *words;      /* the displayed words, in order */
  GArray          *sentences;  /* guint: index of each sentence signal */
  MskSpeechState   state;
  guint            n_states;
  guint            n_idle;
  GError          *error;
} Fixture;

static char *
slice (const char *text,
       guint       start,
       guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

static void
word_cb (MskSpeechEngine *engine,
         guint            start,
         guint            end,
         Fixture         *f)
{
  const char *text = msk_utterance_get_text (msk_speech_engine_get_utterance (engine));

  g_assert_cmpuint (start, <, end);
  g_assert_cmpuint (end, <=, g_utf8_strlen (text, -1));
  g_ptr_array_add (f->words, slice (text, start, end));
}

static void
sentence_cb (MskSpeechEngine *engine,
             guint            index,
             guint            start,
             guint            end,
             Fixture         *f)
{
  g_array_append_val (f->sentences, index);
}

static void
state_changed_cb (MskSpeechEngine *engine,
                  MskSpeechState   state,
                  Fixture         *f)
{
  f->state = state;
  f->n_states++;
  if (state == MSK_SPEECH_STATE_IDLE)
    f->n_idle++;
}

static void
error_cb (MskSpeechEngine *engine,
          const GError    *error,
          Fixture         *f)
{
  g_clear_error (&f->error);
  f->error = g_error_copy (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  int mode = GPOINTER_TO_INT (data);

  /* 0: null sink as fast as possible, 1: null sink in real time, 2: the sound device */
  f->sink = mode == 2 ? msk_gst_sink_new () : msk_null_sink_new (mode == 1);
  f->engine = msk_speech_engine_new (f->sink);
  f->words = g_ptr_array_new_with_free_func (g_free);
  f->sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->engine, "word", G_CALLBACK (word_cb), f);
  g_signal_connect (f->engine, "sentence", G_CALLBACK (sentence_cb), f);
  g_signal_connect (f->engine, "state-changed", G_CALLBACK (state_changed_cb), f);
  g_signal_connect (f->engine, "error", G_CALLBACK (error_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->sink);
  g_clear_object (&f->utterance);
  g_clear_pointer (&f->words, g_ptr_array_unref);
  g_clear_pointer (&f->sentences, g_array_unref);
  g_clear_error (&f->error);
}

/* Runs the main context until @state is reached; returns the time it took. */
static gint64
wait_for_state (Fixture        *f,
                MskSpeechState  state,
                gint64          since)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (f->state != state)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  return g_get_monotonic_time () - since;
}

static gint64
wait_for_sentence (Fixture *f,
                   guint    index,
                   gint64   since)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      if (f->sentences->len > 0
          && g_array_index (f->sentences, guint, f->sentences->len - 1) == index)
        return g_get_monotonic_time () - since;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_for_idle_after (Fixture *f,
                     guint    n_idle)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (f->n_idle == n_idle)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static char *
speak_and_join (Fixture    *f,
                const char *text,
                const char *speech,
                const char *language)
{
  guint before;

  g_set_object (&f->utterance, NULL);
  f->utterance = msk_utterance_new (text, speech, language);
  g_ptr_array_set_size (f->words, 0);

  /* SPEAKING and IDLE may come in one main loop iteration. */
  before = f->n_idle;
  msk_speech_engine_speak (f->engine, f->utterance);
  wait_for_idle_after (f, before);
  g_assert_no_error (f->error);

  g_ptr_array_add (f->words, NULL);
  {
    g_autofree char *joined = g_strjoinv ("|", (char **) f->words->pdata);
    g_ptr_array_remove_index (f->words, f->words->len - 1);
    return g_steal_pointer (&joined);
  }
}

static void
test_words_vowelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  /* espeak-ng reads the vowelled text; the displayed words light up. */
  a = speak_and_join (f, "ذهب الولد إلى المدرسة صباحا.",
                      "ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ صَبَاحًا.", "ar");
  g_assert_cmpstr (a, ==, "ذهب|الولد|إلى|المدرسة|صباحا");

  /* The speech text spells the number out: its words map to "2024". */
  b = speak_and_join (f, "عام 2024 كان جيدا.",
                      "عَامُ أَلْفَيْنِ وَأَرْبَعَةٍ وَعِشْرِينَ كَانَ جَيِّدًا.", "ar");
  g_assert_cmpstr (b, ==, "عام|2024|كان|جيدا");

  /* No speech text: the plain text, vowelled already. */
  c = speak_and_join (f, "شُكْرًا لَكُمْ عَلَى المُشَارَكَةِ", NULL, "ar");
  g_assert_cmpstr (c, ==, "شُكْرًا|لَكُمْ|عَلَى|المُشَارَكَةِ");
}

static void
test_words_mixed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  a = speak_and_join (f, "قال المدير: Welcome to Musharaka، شكرا لكم.",
                      "قَالَ المُدِيرُ: Welcome to Musharaka، شُكْرًا لَكُمْ.", "ar");
  g_assert_cmpstr (a, ==, "قال|المدير|Welcome|to|Musharaka|شكرا|لكم");

  b = speak_and_join (f, "The poll (الاستطلاع) closes today. Thank you!", NULL, "en");
  g_assert_cmpstr (b, ==, "The|poll|الاستطلاع|closes|today|Thank|you");
}

static void
test_words_numbers (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* espeak-ng gives several events inside a number: one highlight each. */
  a = speak_and_join (f, "In 2024 we had 1,500 people and 3.5 percent more.", NULL, "en");
  g_assert_cmpstr (a, ==, "In|2024|we|had|1,500|people|and|3.5|percent|more");

  b = speak_and_join (f, "شارك 1500 مواطن في 12 مدينة.", NULL, "ar");
  g_assert_cmpstr (b, ==, "شارك|1500|مواطن|في|12|مدينة");
}

static void
test_sentences_signal (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *words = speak_and_join (f, "One. Two! هل انتهى؟ Yes.", NULL, "en");

  g_assert_cmpstr (words, ==, "One|Two|هل|انتهى|Yes");
  g_assert_cmpuint (f->sentences->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (g_array_index (f->sentences, guint, i), ==, i);
}

static const char *long_text =
  "This is the first sentence of the test, and it is long enough to take a while. "
  "This is the second sentence, which is also rather long to say aloud. "
  "Here comes the third sentence of the text, read at a normal speed. "
  "And this is the fourth and last sentence of the text.";

static guint64
frames_written (Fixture *f)
{
  return MSK_IS_NULL_SINK (f->sink) ? msk_null_sink_get_frames_written (MSK_NULL_SINK (f->sink))
                                    : 0;
}

static void
test_controls_latency (Fixture       *f,
                       gconstpointer  data)
{
  gint64 t0, latency;
  guint64 frames;
  guint words;

  if (GPOINTER_TO_INT (data) == 2 && g_getenv ("MSK_TEST_PLAYBACK") == NULL)
    {
      g_test_skip ("set MSK_TEST_PLAYBACK=1 to measure with the sound device");
      return;
    }

  f->utterance = msk_utterance_new (long_text, NULL, "en");
  msk_speech_engine_speak (f->engine, f->utterance);
  latency = wait_for_state (f, MSK_SPEECH_STATE_SPEAKING, g_get_monotonic_time ());
  g_test_message ("start: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  run_for (400);
  g_assert_cmpuint (f->words->len, >, 0);

  /* Pause: the state says so at once and no audio flows meanwhile. */
  t0 = g_get_monotonic_time ();
  msk_speech_engine_pause (f->engine);
  latency = wait_for_state (f, MSK_SPEECH_STATE_PAUSED, t0);
  g_test_message ("pause: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  if (MSK_IS_NULL_SINK (f->sink))
    g_assert_true (msk_null_sink_get_paused (MSK_NULL_SINK (f->sink)));
  frames = frames_written (f);
  words = f->words->len;
  run_for (300);
  g_assert_cmpuint (frames_written (f), ==, frames);
  g_assert_cmpuint (f->words->len, ==, words);

  /* Resume: audio flows again. */
  t0 = g_get_monotonic_time ();
  msk_speech_engine_resume (f->engine);
  latency = wait_for_state (f, MSK_SPEECH_STATE_SPEAKING, t0);
  g_test_message ("resume: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  run_for (MSK_IS_NULL_SINK (f->sink) ? 200 : 1000);
  g_test_message ("words before the pause: %u, a moment after resuming: %u", words,
                  f->words->len);
  if (MSK_IS_NULL_SINK (f->sink))
    g_assert_cmpuint (frames_written (f), >, frames);
  g_assert_cmpuint (f->words->len, >, words);

  /* Next sentence: the second one starts. */
  g_assert_cmpuint (g_array_index (f->sentences, guint, f->sentences->len - 1), ==, 0);
  t0 = g_get_monotonic_time ();
  msk_speech_engine_next_sentence (f->engine);
  latency = wait_for_sentence (f, 1, t0);
  g_test_message ("next sentence: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  run_for (300);

  t0 = g_get_monotonic_time ();
  msk_speech_engine_next_sentence (f->engine);
  latency = wait_for_sentence (f, 2, t0);
  g_test_message ("next sentence again: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  run_for (300);

  /* Previous sentence: back to the second. */
  t0 = g_get_monotonic_time ();
  msk_speech_engine_previous_sentence (f->engine);
  latency = wait_for_sentence (f, 1, t0);
  g_test_message ("previous sentence: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  run_for (300);

  /* Next while paused goes on reading the next sentence. */
  msk_speech_engine_pause (f->engine);
  wait_for_state (f, MSK_SPEECH_STATE_PAUSED, 0);
  t0 = g_get_monotonic_time ();
  msk_speech_engine_next_sentence (f->engine);
  latency = wait_for_sentence (f, 2, t0);
  g_test_message ("next sentence from pause: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  wait_for_state (f, MSK_SPEECH_STATE_SPEAKING, 0);
  run_for (300);

  /* Stop: idle at once, and not one more word. */
  t0 = g_get_monotonic_time ();
  msk_speech_engine_stop (f->engine);
  words = f->words->len;
  latency = wait_for_state (f, MSK_SPEECH_STATE_IDLE, t0);
  g_test_message ("stop: %.1f ms", latency / 1000.0);
  g_assert_cmpint (latency, <, MAX_LATENCY_US);
  frames = frames_written (f);
  run_for (300);
  g_assert_cmpuint (f->words->len, ==, words);
  g_assert_cmpuint (frames_written (f), ==, frames);
  g_assert_no_error (f->error);
}

static void
test_replace_utterance (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MskUtterance) first = msk_utterance_new (long_text, NULL, "en");
  g_autofree char *words = NULL;

  msk_speech_engine_speak (f->engine, first);
  wait_for_state (f, MSK_SPEECH_STATE_SPEAKING, 0);
  run_for (200);

  /* A new utterance replaces the one being read; only its words come. */
  words = speak_and_join (f, "مرحبا بكم", NULL, "ar");
  g_assert_cmpstr (words, ==, "مرحبا|بكم");
}

static void
test_rate_changes_duration (Fixture       *f,
                            gconstpointer  data)
{
  MskNullSink *sink = MSK_NULL_SINK (f->sink);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint64 slow, fast;

  msk_speech_engine_set_rate (f->engine, 100);
  a = speak_and_join (f, "Reading speed is measured in words per minute.", NULL, "en");
  slow = msk_null_sink_get_frames_written (sink);

  msk_speech_engine_set_rate (f->engine, 400);
  b = speak_and_join (f, "Reading speed is measured in words per minute.", NULL, "en");
  fast = msk_null_sink_get_frames_written (sink) - slow;

  g_test_message ("100 wpm: %" G_GUINT64_FORMAT " frames, 400 wpm: %" G_GUINT64_FORMAT,
                  slow, fast);
  g_assert_cmpuint (fast * 2, <, slow);
  g_assert_cmpstr (a, ==, b);
}

static void
test_no_sound_device (void)
{
  g_autoptr(MskAudioSink) sink = NULL;
  Fixture f = { 0, };
  g_autoptr(MskUtterance) utterance = NULL;
  guint before;

  /* A sound output that cannot be made stands for a missing device. */
  g_setenv ("MSK_AUDIO_SINK", "msk-no-such-audio-sink", TRUE);
  sink = msk_gst_sink_new ();
  f.engine = msk_speech_engine_new (sink);
  f.words = g_ptr_array_new_with_free_func (g_free);
  f.sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f.engine, "word", G_CALLBACK (word_cb), &f);
  g_signal_connect (f.engine, "state-changed", G_CALLBACK (state_changed_cb), &f);
  g_signal_connect (f.engine, "error", G_CALLBACK (error_cb), &f);

  /* With the silent fallback, the words still go by. */
  utterance = msk_utterance_new ("Two words.", NULL, "en");
  before = f.n_idle;
  msk_speech_engine_speak (f.engine, utterance);
  wait_for_idle_after (&f, before);
  g_assert_error (f.error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_NO_AUDIO_DEVICE);
  g_assert_nonnull (strstr (f.error->message, "sound device"));
  g_assert_cmpuint (f.words->len, ==, 2);

  /* Without it, the engine stops and says why. */
  g_clear_error (&f.error);
  g_object_set (f.engine, "silent-fallback", FALSE, NULL);
  f.n_states = 0;
  msk_speech_engine_speak (f.engine, utterance);
  while (f.error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (f.error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_NO_AUDIO_DEVICE);
  run_for (100);
  g_assert_cmpint (msk_speech_engine_get_state (f.engine), ==, MSK_SPEECH_STATE_IDLE);

  g_unsetenv ("MSK_AUDIO_SINK");
  fixture_tear_down (&f, NULL);
}

/* Events from the worker: on the main thread, even when nobody runs the main context at the
 * moment the worker posts them. */

typedef struct
{
  GThread         *main_thread;
  guint            n_events;
  guint            n_off_main;
  guint            n_idle;
  MskSpeechEngine *engine;     /* a reference given up by the event that sees IDLE */
} ThreadRecord;

static void
record_thread (ThreadRecord *r)
{
  r->n_events++;
  if (g_thread_self () != r->main_thread)
    r->n_off_main++;
}

static void
record_word_cb (MskSpeechEngine *engine,
                guint            start,
                guint            end,
                ThreadRecord    *r)
{
  record_thread (r);
}

static void
record_state_cb (MskSpeechEngine *engine,
                 MskSpeechState   state,
                 ThreadRecord    *r)
{
  record_thread (r);
  if (state != MSK_SPEECH_STATE_IDLE)
    return;
  r->n_idle++;
  /* The last reference goes in a handler of an event the worker delivered: dispose must then
   * join the worker from the main thread. */
  g_clear_object (&r->engine);
}

static void
test_events_on_main_thread (void)
{
  g_autoptr(MskAudioSink) sink = msk_null_sink_new (FALSE);
  g_autoptr(MskUtterance) utterance = msk_utterance_new ("One two three. Four five.", NULL, "en");
  ThreadRecord r = { g_thread_self (), 0, };
  gint64 deadline;

  r.engine = msk_speech_engine_new (sink);
  g_object_add_weak_pointer (G_OBJECT (r.engine), (gpointer *) &r.engine);
  g_signal_connect (r.engine, "word", G_CALLBACK (record_word_cb), &r);
  g_signal_connect (r.engine, "state-changed", G_CALLBACK (record_state_cb), &r);
  msk_speech_engine_speak (r.engine, utterance);

  /* The worker reads the whole utterance while the main thread leaves its context alone. */
  g_usleep (500 * 1000);
  g_assert_cmpuint (r.n_events, ==, 0);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (r.n_idle == 0 || r.engine != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_test_message ("%u events, %u of them off the main thread", r.n_events, r.n_off_main);
  g_assert_cmpuint (r.n_events, >=, 5);
  g_assert_cmpuint (r.n_off_main, ==, 0);
  g_assert_null (r.engine);

  /* Events still queued for the finalized engine are dropped. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_voices (void)
{
  g_auto(GStrv) ar = msk_speech_engine_list_voices ("ar");
  g_auto(GStrv) en = msk_speech_engine_list_voices ("en");

  g_assert_true (g_strv_contains ((const char *const *) ar, "ar"));
  g_assert_true (g_strv_contains ((const char *const *) en, "en-us"));
  g_assert_false (g_strv_contains ((const char *const *) en, "ar"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, mode) \
  g_test_add (path, Fixture, GINT_TO_POINTER (mode), fixture_set_up, func, fixture_tear_down)

  ADD ("/speech/engine/words-vowelled", test_words_vowelled, 0);
  ADD ("/speech/engine/words-mixed", test_words_mixed, 0);
  ADD ("/speech/engine/words-numbers", test_words_numbers, 0);
  ADD ("/speech/engine/sentences", test_sentences_signal, 0);
  ADD ("/speech/engine/rate", test_rate_changes_duration, 0);
  ADD ("/speech/engine/controls-latency", test_controls_latency, 1);
  ADD ("/speech/engine/controls-latency-playback", test_controls_latency, 2);
  ADD ("/speech/engine/replace-utterance", test_replace_utterance, 1);
  g_test_add_func ("/speech/engine/no-sound-device", test_no_sound_device);
  g_test_add_func ("/speech/engine/voices", test_voices);
  g_test_add_func ("/speech/engine/events-on-main-thread", test_events_on_main_thread);

  return g_test_run ();
}
