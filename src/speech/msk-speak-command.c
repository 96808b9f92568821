/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "msk-gst-sink.h"
#include "msk-speak-command.h"
#include "msk-speech-engine.h"
#include "msk-speech-error.h"
#include "msk-wav-sink.h"

/* `musharaka --speak TEXT [--lang ar|en] [--output FILE.wav]`: reads TEXT
 * through the same engine as the app, without a display, to check voices
 * and for tests. */

typedef struct
{
  GMainLoop    *loop;
  MskUtterance *utterance;
  gboolean      started;
  gboolean      print_words;
  GError       *error;
} SpeakRun;

/**
 * msk_speak_command_wanted:
 *
 * Returns: whether the command line asks for `--speak`
 */
gboolean
msk_speak_command_wanted (int    argc,
                          char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--speak") || g_str_has_prefix (argv[i], "--speak="))
        return TRUE;
    }
  return FALSE;
}

static void
word_cb (MskSpeechEngine *engine,
         guint            start,
         guint            end,
         SpeakRun        *run)
{
  const char *text = msk_utterance_get_text (run->utterance);
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);
  g_autofree char *word = g_strndup (from, to - from);

  if (run->print_words)
    g_print ("%u %u %s\n", start, end, word);
}

static void
state_changed_cb (MskSpeechEngine *engine,
                  MskSpeechState   state,
                  SpeakRun        *run)
{
  if (state == MSK_SPEECH_STATE_SPEAKING)
    run->started = TRUE;
  else if (state == MSK_SPEECH_STATE_IDLE)
    g_main_loop_quit (run->loop);
}

static void
error_cb (MskSpeechEngine *engine,
          const GError    *error,
          SpeakRun        *run)
{
  if (run->error == NULL)
    run->error = g_error_copy (error);
  g_main_loop_quit (run->loop);
}

/**
 * msk_speak_command_run:
 *
 * Parses `--speak TEXT`, `--speech VOWELLED`, `--lang ar|en`,
 * `--output FILE.wav`, `--rate`, `--pitch`, `--volume`, `--voice` and
 * `--words`, then speaks TEXT to the sound device or to the WAV file.
 *
 * Returns: the exit status: 0 when the text was spoken, 1 on an error,
 *   2 on a wrong command line
 */
int
msk_speak_command_run (int    argc,
                       char **argv)
{
  g_autofree char *text = NULL;
  g_autofree char *speech = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *output = NULL;
  g_autofree char *voice = NULL;
  gboolean words = FALSE;
  int rate = MSK_SPEECH_RATE_DEFAULT;
  int pitch = 50;
  int volume = 100;
  const GOptionEntry entries[] = {
    { "speak", 0, 0, G_OPTION_ARG_STRING, &text,
      N_("Read TEXT aloud and quit"), N_("TEXT") },
    { "speech", 0, 0, G_OPTION_ARG_STRING, &speech,
      N_("Speak this vowelled form of the text instead"), N_("TEXT") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("Language of the text: ar or en"), N_("LANG") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the speech to a WAV file instead of playing it"), N_("FILE") },
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate,
      N_("Speed in words per minute (80 to 450)"), N_("WPM") },
    { "pitch", 0, 0, G_OPTION_ARG_INT, &pitch,
      N_("Pitch (0 to 100)"), N_("N") },
    { "volume", 0, 0, G_OPTION_ARG_INT, &volume,
      N_("Volume (0 to 200)"), N_("N") },
    { "voice", 0, 0, G_OPTION_ARG_STRING, &voice,
      N_("espeak-ng voice for the language of the text"), N_("VOICE") },
    { "words", 0, 0, G_OPTION_ARG_NONE, &words,
      N_("Print each word as it is spoken, with its character offsets"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskAudioSink) sink = NULL;
  g_autoptr(MskSpeechEngine) engine = NULL;
  g_autoptr(MskUtterance) utterance = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) args = NULL;
  SpeakRun run = { 0, };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Read a text aloud with the app’s speech engine."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_printerr ("%s\n", _("Give the text to read after --speak, in UTF-8."));
      return 2;
    }
  if (lang != NULL && !g_str_equal (lang, "ar") && !g_str_equal (lang, "en"))
    {
      /* Translators: %s is what was given after --lang */
      g_printerr (_("Unknown language “%s”: use ar or en."), lang);
      g_printerr ("\n");
      return 2;
    }
  if (rate < MSK_SPEECH_RATE_MIN || rate > MSK_SPEECH_RATE_MAX || pitch < 0 || pitch > 100
      || volume < 0 || volume > 200)
    {
      g_printerr ("%s\n", _("The rate, pitch or volume is out of range."));
      return 2;
    }

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
      sink = msk_wav_sink_new (file);
    }
  else
    sink = msk_gst_sink_new ();

  utterance = msk_utterance_new (text, speech, lang);
  engine = msk_speech_engine_new (sink);
  g_object_set (engine,
                "silent-fallback", FALSE,
                "rate", (guint) rate,
                "pitch", (guint) pitch,
                "volume", (guint) volume,
                NULL);
  if (voice != NULL)
    g_object_set (engine,
                  g_str_equal (msk_utterance_get_language (utterance), "ar")
                  ? "voice-ar" : "voice-en", voice,
                  NULL);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.utterance = utterance;
  run.print_words = words;
  g_signal_connect (engine, "word", G_CALLBACK (word_cb), &run);
  g_signal_connect (engine, "state-changed", G_CALLBACK (state_changed_cb), &run);
  g_signal_connect (engine, "error", G_CALLBACK (error_cb), &run);

  msk_speech_engine_speak (engine, utterance);
  g_main_loop_run (loop);

  if (run.error != NULL)
    {
      g_printerr ("%s\n", run.error->message);
      g_clear_error (&run.error);
      msk_speech_engine_stop (engine);
      return 1;
    }

  g_clear_object (&engine); /* joins the worker before the file is closed */
  if (!msk_audio_sink_close (sink, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (output != NULL)
    {
      guint64 frames = msk_wav_sink_get_frames (MSK_WAV_SINK (sink));
      guint sample_rate = 22050;

      msk_speech_engine_init_synthesizer (&sample_rate, NULL);

      /* Translators: %s is a file name, %.2f a duration */
      g_print (_("Wrote %s (%.2f seconds)"), output, (double) frames / sample_rate);
      g_print ("\n");
    }

  return 0;
}
