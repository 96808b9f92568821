/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "msk-spell.h"

/* The words of @text between @error's offsets. */
static char *
dup_range (const char          *text,
           const MskSpellError *error)
{
  const char *start = g_utf8_offset_to_pointer (text, error->start);
  const char *end = g_utf8_offset_to_pointer (text, error->end);

  return g_strndup (start, end - start);
}

static void
test_dictionaries (void)
{
  g_autoptr(MskSpell) spell = msk_spell_new ();

  /* hunspell-ar and hunspell-en-us are part of the set-up */
  g_assert_true (msk_spell_has_dictionary (spell, "ar"));
  g_assert_true (msk_spell_has_dictionary (spell, "en"));
  g_assert_false (msk_spell_has_dictionary (spell, "fr"));
}

static void
test_mixed_text (void)
{
  g_autoptr(MskSpell) spell = msk_spell_new ();
  const char *text = "نحتاج حديقة قرب البلديه، and moar parks ٢٠٢٦ near the river 12b!";
  g_autoptr(GArray) errors = msk_spell_check_text (spell, text);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpuint (errors->len, ==, 2);
  first = dup_range (text, &g_array_index (errors, MskSpellError, 0));
  second = dup_range (text, &g_array_index (errors, MskSpellError, 1));
  g_assert_cmpstr (first, ==, "البلديه");
  g_assert_cmpstr (second, ==, "moar");
  /* offsets count characters: "نحتاج حديقة قرب " is 16 */
  g_assert_cmpuint (g_array_index (errors, MskSpellError, 0).start, ==, 16);
  g_assert_cmpuint (g_array_index (errors, MskSpellError, 0).end, ==, 23);
}

static void
test_suggestions (void)
{
  g_autoptr(MskSpell) spell = msk_spell_new ();
  g_auto(GStrv) arabic = msk_spell_dup_suggestions (spell, "البلديه", 5);
  g_auto(GStrv) english = msk_spell_dup_suggestions (spell, "recieve", 5);
  g_auto(GStrv) none = msk_spell_dup_suggestions (spell, "12b", 5);

  g_assert_cmpuint (g_strv_length (arabic), >=, 1);
  g_assert_cmpuint (g_strv_length (arabic), <=, 5);
  g_assert_cmpstr (arabic[0], ==, "البلدية");
  g_assert_true (g_strv_contains ((const char * const *) english, "receive"));
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

static void
test_ignore (void)
{
  g_autoptr(MskSpell) spell = msk_spell_new ();
  g_autoptr(MskSpell) other = msk_spell_new ();

  g_assert_false (msk_spell_check_word (spell, "Musharakaa"));
  msk_spell_ignore_word (spell, "Musharakaa");
  g_assert_true (msk_spell_check_word (spell, "Musharakaa"));
  /* for this checker only, and nothing kept on disk */
  g_assert_false (msk_spell_check_word (other, "Musharakaa"));
  /* apostrophes inside a word keep it whole */
  g_assert_true (msk_spell_check_word (spell, "don't"));
  {
    g_autoptr(GArray) errors = msk_spell_check_text (spell, "We don't know");

    g_assert_cmpuint (errors->len, ==, 0);
  }
  /* invalid UTF-8 is not read */
  {
    g_autoptr(GArray) errors = msk_spell_check_text (spell, "\xff\xfe moar");

    g_assert_cmpuint (errors->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/spell/dictionaries", test_dictionaries);
  g_test_add_func ("/core/spell/mixed-text", test_mixed_text);
  g_test_add_func ("/core/spell/suggestions", test_suggestions);
  g_test_add_func ("/core/spell/ignore", test_ignore);

  return g_test_run ();
}
