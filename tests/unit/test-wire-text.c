/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search folding the server and the core share (src/wire). */
#include "config.h"

#include "msk-wire-text.h"

typedef struct
{
  const char *text;
  const char *folded;
} FoldCase;

static const FoldCase fold_cases[] = {
  /* the article, alone and after و ب ف ك ل */
  { "الحدائق", "حدايق" },
  { "حدائق", "حدايق" },
  { "والحدائق", "حدايق" },
  { "بالحدائق", "حدايق" },
  { "فالحدائق", "حدايق" },
  { "كالحدائق", "حدايق" },
  { "للحدائق", "حدايق" },
  /* … only when two letters or more remain; a bare و stays */
  { "الم", "الم" },
  { "والي", "والي" },
  { "ال", "ال" },
  { "وزارة", "وزاره" },
  /* alef forms, hamza carriers, taa marbuta, alef maqsura */
  { "الأحياء", "احياء" },
  { "الاحياء", "احياء" },
  { "إدارة", "اداره" },
  { "آمنة", "امنه" },
  { "مؤتمر", "موتمر" },
  { "لائحة", "لايحه" },
  { "مستشفى", "مستشفي" },
  { "ٱلرَّحْمَٰن", "رحمن" },
  /* diacritics, superscript alef, tatweel, invisible marks */
  { "مُسَوَّدَةُ لائِحَةِ الحَدائِقِ", "مسوده لايحه حدايق" },
  { "نسهّل", "نسهل" },
  { "حـــدائـق", "حدايق" },
  { "\u200fحدائق\u200e", "حدايق" },
  { "ًٌٍَُِّْ", "" },
  /* presentation forms */
  { "\ufefb", "لا" },
  /* punctuation stays, the article goes after it */
  { "«الأحياء»", "«احياء»" },
  { "(الحدائق)،", "(حدايق)،" },
  /* Latin: case and accents */
  { "Public PARKS", "public parks" },
  { "Café Straße", "cafe strasse" },
  { "Draft by-law on public parks: مسودة لائحة الحدائق",
    "draft by-law on public parks: مسوده لايحه حدايق" },
  /* digits */
  { "خطة النقل العام ٢٠٣٠", "خطه نقل عام 2030" },
  { "۱۴۰۵", "1405" },
  { "\uff12\uff10\uff13\uff10", "2030" },
  /* whitespace */
  { "  a \t\n b  ", "a b" },
  { "a\u00a0\u2003b", "a b" },
  { "", "" },
  /* markup characters are text */
  { "<b>حدائق</b> &amp; 100% a_b \\", "<b>حدايق</b> &amp; 100% a_b \\" },
};

typedef struct
{
  const char *query;
  const char *text;
  gboolean matches;
} MatchCase;

static const MatchCase match_cases[] = {
  { "حدائق", "مسودة لائحة الحدائق العامة", TRUE },
  { "الاحياء", "مقترح لخطوط حافلات جديدة وربط الأحياء بمحطات المترو.", TRUE },
  { "الأحياء", "أفكار لتشجير الاحياء", TRUE },
  { "الحَدَائِق", "الحدائق", TRUE },
  { "نسهل", "كيف نسهّل التطوع ونعترف بساعات المتطوعين؟", TRUE },
  { "PARKS", "Draft by-law on public parks", TRUE },
  { "حدائق عامة", "استخدام الحدائق العامة", TRUE },
  { "عامة حدائق", "استخدام الحدائق العامة", TRUE },
  { "حدائق شاطئ", "استخدام الحدائق العامة", FALSE },
  { "parks الحدائق", "Draft by-law on public parks مسودة لائحة الحدائق", TRUE },
  { "parks الشاطئ", "Draft by-law on public parks مسودة لائحة الحدائق", FALSE },
  { "بالحدائق", "حدائق", TRUE },
  { "حديقة", "الحدائق", FALSE },
  { "مستشفى", "المستشفي", TRUE },
  { "٢٠٣٠", "Public transport plan 2030", TRUE },
  { "2030", "خطة ٢٠٣٠", TRUE },
  { "park", "parks", TRUE },
  { "100%", "100% sure", TRUE },
  { "100%", "100 percent", FALSE },
  { "a_b", "axb", FALSE },
  { "<b>", "<b>bold</b>", TRUE },
  { "<b>", "bold", FALSE },
  { "", "anything", TRUE },
  { "  ً  ", "anything", TRUE },
  { "x", "", FALSE },
};

static void
test_fold_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fold_cases); i++)
    {
      g_autofree char *folded = msk_wire_text_fold (fold_cases[i].text);

      g_test_message ("“%s” → “%s”", fold_cases[i].text, folded);
      g_assert_cmpstr (folded, ==, fold_cases[i].folded);
    }
}

static void
test_fold_null_invalid (void)
{
  g_autofree char *null = msk_wire_text_fold (NULL);
  g_autofree char *invalid = msk_wire_text_fold ("ab\xff" "cd");

  g_assert_cmpstr (null, ==, "");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_cmpstr (invalid, ==, "ab\ufffdcd");
}

/* Folding folded text changes nothing: what the server stored and what a
 * client folds again agree. */
static void
test_fold_idempotent (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (fold_cases); i++)
    {
      g_autofree char *once = msk_wire_text_fold (fold_cases[i].text);
      g_autofree char *twice = msk_wire_text_fold (once);

      g_assert_cmpstr (twice, ==, once);
    }
}

static void
test_fold_words (void)
{
  g_auto(GStrv) words = msk_wire_text_fold_words ("  الحَدائق   Public\tPARKS ٢٠٣٠ ");
  g_auto(GStrv) none = msk_wire_text_fold_words (" \u064e ");
  g_auto(GStrv) null = msk_wire_text_fold_words (NULL);

  g_assert_cmpuint (g_strv_length (words), ==, 4);
  g_assert_cmpstr (words[0], ==, "حدايق");
  g_assert_cmpstr (words[1], ==, "public");
  g_assert_cmpstr (words[2], ==, "parks");
  g_assert_cmpstr (words[3], ==, "2030");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (null), ==, 0);
}

static void
test_match_table (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      g_auto(GStrv) words = msk_wire_text_fold_words (match_cases[i].query);
      g_autofree char *folded = msk_wire_text_fold (match_cases[i].text);
      gboolean matches = msk_wire_text_matches (folded, (const char * const *) words);

      g_test_message ("“%s” in “%s”: %s", match_cases[i].query, match_cases[i].text,
                      matches ? "yes" : "no");
      g_assert_cmpint (matches, ==, match_cases[i].matches);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wire/text/fold-table", test_fold_table);
  g_test_add_func ("/wire/text/fold-null-invalid", test_fold_null_invalid);
  g_test_add_func ("/wire/text/fold-idempotent", test_fold_idempotent);
  g_test_add_func ("/wire/text/fold-words", test_fold_words);
  g_test_add_func ("/wire/text/match-table", test_match_table);
  return g_test_run ();
}
