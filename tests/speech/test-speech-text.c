/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-speech-text.h"
#include "msk-utterance.h"

/* The substring of @text between two character offsets. */
static char *
slice (const char *text,
       guint       start,
       guint       end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

static char *
describe_runs (const char *text,
               GArray     *runs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      MskTextRun run = g_array_index (runs, MskTextRun, i);
      g_autofree char *piece = slice (text, run.start, run.end);

      g_string_append_printf (out, "%s[%s]", run.language, piece);
    }

  return g_string_free (out, FALSE);
}

static char *
describe_spans (const char *text,
                GArray     *spans)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      MskTextSpan span = g_array_index (spans, MskTextSpan, i);
      g_autofree char *piece = slice (text, span.start, span.end);

      g_string_append_printf (out, "%s|", piece);
    }

  return g_string_free (out, FALSE);
}

static void
check_runs (const char *text,
            const char *fallback,
            const char *expected)
{
  g_autoptr(GArray) runs = msk_speech_text_split_runs (text, fallback);
  g_autofree char *got = describe_runs (text, runs);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_runs (void)
{
  check_runs ("", "ar", "");
  check_runs ("مرحبا بكم", "en", "ar[مرحبا بكم]");
  check_runs ("Hello world", "ar", "en[Hello world]");
  check_runs ("2024", "ar", "ar[2024]");
  check_runs ("2024", "en", "en[2024]");
  /* Mixed: spaces and punctuation stay with the text before them. */
  check_runs ("قال المدير: Welcome to Musharaka، شكرا لكم.", "ar",
              "ar[قال المدير: ]en[Welcome to Musharaka، ]ar[شكرا لكم.]");
  /* Digits follow the letters before them; vowel marks their letter. */
  check_runs ("صوَّت 1500 مواطن in 2024 فقط", "ar",
              "ar[صوَّت 1500 مواطن ]en[in 2024 ]ar[فقط]");
  /* Leading neutral characters join the first run. */
  check_runs ("(1) نص", "en", "ar[(1) نص]");
  /* An opening bracket after a space goes with what follows. */
  check_runs ("الموقع (Musharaka) جديد", "ar", "ar[الموقع ]en[(Musharaka) ]ar[جديد]");
}

static void
check_sentences (const char *text,
                 const char *expected)
{
  g_autoptr(GArray) spans = msk_speech_text_split_sentences (text);
  g_autofree char *got = describe_spans (text, spans);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_sentences (void)
{
  check_sentences ("", "");
  check_sentences ("One. Two! Three? Four", "One.|Two!|Three?|Four|");
  check_sentences ("هل شاركت؟ نعم. شكرا", "هل شاركت؟|نعم.|شكرا|");
  check_sentences ("The rate is 3.5 percent. Done.", "The rate is 3.5 percent.|Done.|");
  check_sentences ("Line one\nLine two\n\n", "Line one|Line two|");
  check_sentences ("He said “yes.” Then left…  ...", "He said “yes.”|Then left…|");
  check_sentences ("  صباح الخير.  ", "صباح الخير.|");
}

static void
check_words (const char *text,
             const char *expected)
{
  g_autoptr(GArray) spans = msk_speech_text_split_words (text);
  g_autofree char *got = describe_spans (text, spans);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_words (void)
{
  check_words ("", "");
  check_words ("ذَهَبَ الوَلَدُ، إِلَى المَدْرَسَةِ.", "ذَهَبَ|الوَلَدُ|إِلَى|المَدْرَسَةِ|");
  check_words ("In 2024, 1,500 people (3.5%) didn't e-mail.",
               "In|2024|1,500|people|3.5|didn't|e-mail|");
  check_words ("٢٠٢٤/١١/٢٣ عامًا", "٢٠٢٤/١١/٢٣|عامًا|");
}

static void
test_word_keys (void)
{
  const char *vowelled = "إِلَى المَدْرَسَةِ ٢٠٢٤";
  const char *plain = "الى المدرسة 2024";
  g_autoptr(GArray) vw = msk_speech_text_split_words (vowelled);
  g_autoptr(GArray) pw = msk_speech_text_split_words (plain);

  g_assert_cmpuint (vw->len, ==, 3);
  g_assert_cmpuint (pw->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *a = msk_speech_text_word_key (vowelled, g_array_index (vw, MskTextSpan, i));
      g_autofree char *b = msk_speech_text_word_key (plain, g_array_index (pw, MskTextSpan, i));

      g_assert_cmpstr (a, ==, b);
    }
}

/* Maps every speech word through the utterance and lists the displayed
 * words, as the engine does with espeak-ng's positions. */
static char *
mapped_words (MskUtterance *utterance)
{
  const char *speech = msk_utterance_get_speech_text (utterance);
  const char *text = msk_utterance_get_text (utterance);
  g_autoptr(GArray) words = msk_speech_text_split_words (speech);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      MskTextSpan w = g_array_index (words, MskTextSpan, i);
      guint start, end;
      g_autofree char *piece = NULL;

      /* espeak-ng may report any character inside the word. */
      g_assert_true (msk_utterance_map_offset (utterance, w.start + (w.end - w.start) / 2,
                                               &start, &end));
      piece = slice (text, start, end);
      g_string_append_printf (out, "%s|", piece);
    }

  return g_string_free (out, FALSE);
}

static void
check_mapping (const char *text,
               const char *speech,
               const char *expected)
{
  g_autoptr(MskUtterance) utterance = msk_utterance_new (text, speech, NULL);
  g_autofree char *got = mapped_words (utterance);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_mapping_vowelled (void)
{
  /* Word for word. */
  check_mapping ("ذهب الولد إلى المدرسة.", "ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ.",
                 "ذهب|الولد|إلى|المدرسة|");
  /* Different hamza spelling and an alef maksura written as yaa. */
  check_mapping ("ذهب الولد الي المدرسة", "ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ",
                 "ذهب|الولد|الي|المدرسة|");
  /* The number in digits, spelled out in the speech text. */
  check_mapping ("شارك 1500 مواطن في الاستطلاع.",
                 "شَارَكَ أَلْفٌ وَخَمْسُمِائَةِ مُوَاطِنٍ فِي الاِسْتِطْلَاعِ.",
                 "شارك|1500|1500|مواطن|في|الاستطلاع|");
  /* A word the speech text leaves out, and one it adds. */
  check_mapping ("قرار المجلس (رقم 7) نهائي", "قَرَارُ المَجْلِسِ نِهَائِيٌّ",
                 "قرار|المجلس|نهائي|");
  check_mapping ("قرار نهائي", "قَرَارٌ نِهَائِيٌّ تَمَامًا", "قرار|نهائي|نهائي|");
}

static void
test_mapping_mixed (void)
{
  check_mapping ("قال المدير: Welcome to Musharaka، شكرا لكم.", NULL,
                 "قال|المدير|Welcome|to|Musharaka|شكرا|لكم|");
  check_mapping ("صوَّت 1,500 مواطن في 2024.", "صَوَّتَ 1,500 مُوَاطِنٍ فِي 2024.",
                 "صوَّت|1,500|مواطن|في|2024|");
  check_mapping ("The vote (تصويت) closes on 2024/11/30.", NULL,
                 "The|vote|تصويت|closes|on|2024/11/30|");
}

static void
test_utterance_plan (void)
{
  const char *text = "هل شاركت؟ نعم، in English. شكرا";
  const char *speech = "هَلْ شَارَكْتَ؟ نَعَمْ، in English. شُكْرًا";
  g_autoptr(MskUtterance) u = msk_utterance_new (text, speech, "ar");
  const MskSpeechSegment *segs;
  guint n_segs, start, end;
  GString *desc = g_string_new (NULL);
  g_autofree char *got = NULL;

  g_assert_cmpstr (msk_utterance_get_language (u), ==, "ar");
  g_assert_cmpuint (msk_utterance_get_n_sentences (u), ==, 3);

  segs = msk_utterance_get_segments (u, &n_segs);
  for (guint i = 0; i < n_segs; i++)
    {
      g_autofree char *t = msk_utterance_dup_segment_text (u, i);
      g_string_append_printf (desc, "%u:%s[%s]", segs[i].sentence, segs[i].language, t);
    }
  got = g_string_free (desc, FALSE);
  g_assert_cmpstr (got, ==, "0:ar[هَلْ شَارَكْتَ؟]1:ar[نَعَمْ، ]1:en[in English.]2:ar[شُكْرًا]");

  /* Sentences as the user sees them. */
  g_assert_true (msk_utterance_get_sentence_span (u, 1, &start, &end));
  {
    g_autofree char *s = slice (text, start, end);
    g_assert_cmpstr (s, ==, "نعم، in English");
  }
  g_assert_cmpuint (msk_utterance_find_sentence (u, 0), ==, 0);
  g_assert_cmpuint (msk_utterance_find_sentence (u, 12), ==, 1);
  g_assert_cmpuint (msk_utterance_find_sentence (u, 1000), ==, 3);

  /* The language given wins for text without letters; NULL guesses. */
  {
    g_autoptr(MskUtterance) digits = msk_utterance_new ("2024", NULL, "en");
    g_autoptr(MskUtterance) guessed = msk_utterance_new ("2024 Hello", NULL, NULL);

    segs = msk_utterance_get_segments (digits, &n_segs);
    g_assert_cmpuint (n_segs, ==, 1);
    g_assert_cmpstr (segs[0].language, ==, "en");
    g_assert_cmpstr (msk_utterance_get_language (guessed), ==, "en");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech/text/runs", test_runs);
  g_test_add_func ("/speech/text/sentences", test_sentences);
  g_test_add_func ("/speech/text/words", test_words);
  g_test_add_func ("/speech/text/word-keys", test_word_keys);
  g_test_add_func ("/speech/text/mapping-vowelled", test_mapping_vowelled);
  g_test_add_func ("/speech/text/mapping-mixed", test_mapping_mixed);
  g_test_add_func ("/speech/text/utterance-plan", test_utterance_plan);

  return g_test_run ();
}
