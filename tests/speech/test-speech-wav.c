/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "msk-speech-engine.h"
#include "msk-wav-sink.h"

/* Speech must be louder than this RMS amplitude (full scale is 1.0). */
#define MIN_RMS 0.02

typedef struct
{
  double duration;
  double rms;
  int    rate;
  int    channels;
} SoxFacts;

static gboolean
have_sox (void)
{
  g_autofree char *path = g_find_program_in_path ("sox");
  return path != NULL;
}

static double
stat_value (const char *stat_output,
            const char *label)
{
  const char *line = strstr (stat_output, label);

  g_assert_nonnull (line);
  line = strchr (line, ':');
  g_assert_nonnull (line);
  return g_ascii_strtod (line + 1, NULL);
}

/* Asks sox about @path: `sox --i` for the format, `sox FILE -n stat` for
 * the signal. */
static SoxFacts
sox_facts (const char *path)
{
  const char *info_argv[] = { "sox", "--i", (char *) path, NULL };
  const char *stat_argv[] = { "sox", (char *) path, "-n", "stat", NULL };
  g_autofree char *info = NULL;
  g_autofree char *stat_out = NULL;
  g_autofree char *stat_err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  SoxFacts facts = { 0, };

  g_spawn_sync (NULL, (char **) info_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  facts.rate = (int) stat_value (info, "Sample Rate");
  facts.channels = (int) stat_value (info, "Channels");

  /* sox prints its statistics on stderr. */
  g_spawn_sync (NULL, (char **) stat_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &stat_out,
                &stat_err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  facts.duration = stat_value (stat_err, "Length (seconds)");
  facts.rms = stat_value (stat_err, "RMS     amplitude");

  g_test_message ("%s: %.2f s, RMS amplitude %.4f, %d Hz, %d channel(s)", path, facts.duration,
                  facts.rms, facts.rate, facts.channels);
  return facts;
}

static void
state_changed_cb (MskSpeechEngine *engine,
                  MskSpeechState   state,
                  gboolean        *done)
{
  if (state == MSK_SPEECH_STATE_IDLE)
    *done = TRUE;
}

static void
error_cb (MskSpeechEngine *engine,
          const GError    *error,
          gpointer         data)
{
  g_error ("%s", error->message);
}

static char *
synthesize (const char *name,
            const char *text,
            const char *speech,
            const char *language,
            guint       rate)
{
  g_autofree char *dir = g_dir_make_tmp ("msk-speech-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MskAudioSink) sink = msk_wav_sink_new (file);
  g_autoptr(MskSpeechEngine) engine = msk_speech_engine_new (sink);
  g_autoptr(MskUtterance) utterance = msk_utterance_new (text, speech, language);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  msk_speech_engine_set_rate (engine, rate);
  g_signal_connect (engine, "state-changed", G_CALLBACK (state_changed_cb), &done);
  g_signal_connect (engine, "error", G_CALLBACK (error_cb), NULL);
  msk_speech_engine_speak (engine, utterance);

  /* SPEAKING, then IDLE. */
  while (msk_speech_engine_get_state (engine) != MSK_SPEECH_STATE_SPEAKING && !done)
    g_main_context_iteration (NULL, TRUE);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&engine);
  g_assert_true (msk_audio_sink_close (sink, &error));
  g_assert_no_error (error);

  return path;
}

static void
remove_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
check_wav (const char *name,
           const char *text,
           const char *speech,
           const char *language,
           double      min_seconds,
           double      max_seconds)
{
  g_autofree char *path = NULL;
  SoxFacts facts;

  if (!have_sox ())
    {
      g_test_skip ("sox is not installed");
      return;
    }

  path = synthesize (name, text, speech, language, 150);
  facts = sox_facts (path);

  g_assert_cmpint (facts.rate, ==, 22050);
  g_assert_cmpint (facts.channels, ==, 1);
  g_assert_cmpfloat (facts.rms, >, MIN_RMS);
  g_assert_cmpfloat (facts.duration, >=, min_seconds);
  g_assert_cmpfloat (facts.duration, <=, max_seconds);

  remove_file (path);
}

static void
test_arabic_vowelled (void)
{
  /* Nine words at 150 words a minute: about four seconds and a pause. */
  check_wav ("arabic.wav", "ذهب الولد إلى المدرسة صباحا. ثم عاد إلى البيت.",
             "ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ صَبَاحًا. ثُمَّ عَادَ إِلَى البَيْتِ.", "ar",
             3.0, 8.0);
}

static void
test_english (void)
{
  /* Twelve words. */
  check_wav ("english.wav",
             "Thank you for taking part in this consultation. Your voice matters.", NULL, "en",
             3.0, 8.0);
}

static void
test_mixed (void)
{
  check_wav ("mixed.wav", "قال المدير: Welcome to Musharaka، شكرا لكم.",
             "قَالَ المُدِيرُ: Welcome to Musharaka، شُكْرًا لَكُمْ.", "ar", 2.0, 7.0);
}

static void
test_rate_shortens (void)
{
  const char *text = "Thank you for taking part in this consultation.";
  g_autofree char *slow_path = NULL;
  g_autofree char *fast_path = NULL;
  SoxFacts slow, fast;

  if (!have_sox ())
    {
      g_test_skip ("sox is not installed");
      return;
    }

  slow_path = synthesize ("slow.wav", text, NULL, "en", 100);
  fast_path = synthesize ("fast.wav", text, NULL, "en", 300);
  slow = sox_facts (slow_path);
  fast = sox_facts (fast_path);
  g_assert_cmpfloat (fast.duration * 2.0, <, slow.duration);
  g_assert_cmpfloat (fast.rms, >, MIN_RMS);

  remove_file (slow_path);
  remove_file (fast_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech/wav/arabic-vowelled", test_arabic_vowelled);
  g_test_add_func ("/speech/wav/english", test_english);
  g_test_add_func ("/speech/wav/mixed", test_mixed);
  g_test_add_func ("/speech/wav/rate", test_rate_shortens);

  return g_test_run ();
}
