/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msk-language.h"

/* The LANGUAGE variable the session started with, so that "system" can
 * go back to it after the user picked a language explicitly. */
static char *session_language;
static gboolean session_language_saved;

MskLanguage
msk_language_from_string (const char *str)
{
  if (g_strcmp0 (str, "ar") == 0)
    return MSK_LANGUAGE_ARABIC;
  if (g_strcmp0 (str, "en") == 0)
    return MSK_LANGUAGE_ENGLISH;
  return MSK_LANGUAGE_SYSTEM;
}

const char *
msk_language_to_string (MskLanguage language)
{
  switch (language)
    {
    case MSK_LANGUAGE_ARABIC:
      return "ar";
    case MSK_LANGUAGE_ENGLISH:
      return "en";
    case MSK_LANGUAGE_SYSTEM:
    default:
      return "system";
    }
}

static gboolean
locale_is_c (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX");
}

/* gettext ignores LANGUAGE while LC_MESSAGES is the C locale, so a session
 * without a locale needs a real one to show an explicitly chosen language. */
static void
ensure_messages_locale (MskLanguage language)
{
  static const char *const arabic[] = { "ar_SA.UTF-8", "ar_SA.utf8", "ar_EG.UTF-8", NULL };
  static const char *const english[] = { "en_US.UTF-8", "en_US.utf8", "C.UTF-8", NULL };
  const char *const *candidates = language == MSK_LANGUAGE_ARABIC ? arabic : english;

  if (!locale_is_c (setlocale (LC_MESSAGES, NULL)))
    return;

  for (guint i = 0; candidates[i] != NULL; i++)
    if (setlocale (LC_MESSAGES, candidates[i]) != NULL)
      return;
}

/**
 * msk_language_apply:
 * @language: the language to show
 *
 * Makes gettext (and so every later translated string of the process)
 * use @language. Widgets built before the call keep their strings: the
 * UI rebuilds its windows after calling this.
 */
void
msk_language_apply (MskLanguage language)
{
  if (!session_language_saved)
    {
      session_language = g_strdup (g_getenv ("LANGUAGE"));
      session_language_saved = TRUE;
    }

  switch (language)
    {
    case MSK_LANGUAGE_ARABIC:
    case MSK_LANGUAGE_ENGLISH:
      g_setenv ("LANGUAGE", msk_language_to_string (language), TRUE);
      ensure_messages_locale (language);
      break;

    case MSK_LANGUAGE_SYSTEM:
    default:
      if (session_language != NULL)
        g_setenv ("LANGUAGE", session_language, TRUE);
      else
        g_unsetenv ("LANGUAGE");
      setlocale (LC_MESSAGES, "");
      break;
    }

  /* glibc keeps the translations it found; changing the locale of the
   * messages makes it forget them, setting the same name again does not. */
  {
    g_autofree char *current = g_strdup (setlocale (LC_MESSAGES, NULL));

    setlocale (LC_MESSAGES, "C");
    setlocale (LC_MESSAGES, current);
  }
}

/**
 * msk_language_effective:
 *
 * Returns: "ar" when the interface currently shows Arabic, "en" otherwise.
 */
const char *
msk_language_effective (void)
{
  const char *const *names = g_get_language_names_with_category ("LC_MESSAGES");

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "ar") && (names[i][2] == '\0' || names[i][2] == '_'
                                                 || names[i][2] == '.' || names[i][2] == '@'))
        return "ar";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }

  return "en";
}

/**
 * msk_language_is_rtl:
 * @code: a language code such as "ar" or "en_GB"
 *
 * Returns: whether @code is written right to left.
 */
gboolean
msk_language_is_rtl (const char *code)
{
  static const char *const rtl[] = { "ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", NULL };
  g_autofree char *base = NULL;

  if (code == NULL)
    return FALSE;

  base = g_strndup (code, strcspn (code, "_.@-"));
  return g_strv_contains (rtl, base);
}
