/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "msk-language.h"

static void
test_strings_round_trip (void)
{
  for (MskLanguage l = MSK_LANGUAGE_SYSTEM; l <= MSK_LANGUAGE_ENGLISH; l++)
    g_assert_cmpint (msk_language_from_string (msk_language_to_string (l)), ==, l);

  g_assert_cmpint (msk_language_from_string (NULL), ==, MSK_LANGUAGE_SYSTEM);
  g_assert_cmpint (msk_language_from_string ("fr"), ==, MSK_LANGUAGE_SYSTEM);
}

static void
test_rtl (void)
{
  g_assert_true (msk_language_is_rtl ("ar"));
  g_assert_true (msk_language_is_rtl ("ar_SA.UTF-8"));
  g_assert_true (msk_language_is_rtl ("ar_AE"));
  g_assert_false (msk_language_is_rtl ("en"));
  g_assert_false (msk_language_is_rtl ("en_US.UTF-8"));
  g_assert_false (msk_language_is_rtl ("arn")); /* Mapudungun */
  g_assert_false (msk_language_is_rtl (NULL));
}

static void
test_apply_switches_effective (void)
{
  msk_language_apply (MSK_LANGUAGE_ARABIC);
  g_assert_cmpstr (msk_language_effective (), ==, "ar");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "ar");

  msk_language_apply (MSK_LANGUAGE_ENGLISH);
  g_assert_cmpstr (msk_language_effective (), ==, "en");

  /* Back to the system: the LANGUAGE of the session (set in main). */
  msk_language_apply (MSK_LANGUAGE_SYSTEM);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "ar_SA:en");
  g_assert_cmpstr (msk_language_effective (), ==, "ar");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "ar_SA:en", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/language/strings", test_strings_round_trip);
  g_test_add_func ("/language/rtl", test_rtl);
  g_test_add_func ("/language/apply", test_apply_switches_effective);

  return g_test_run ();
}
