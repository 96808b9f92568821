/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MskLanguage:
 * @MSK_LANGUAGE_SYSTEM: follow the locale of the session
 * @MSK_LANGUAGE_ARABIC: Arabic, right to left
 * @MSK_LANGUAGE_ENGLISH: English, left to right
 *
 * The language the interface is shown in. Values match the `language`
 * key of the application's settings schema.
 */
typedef enum
{
  MSK_LANGUAGE_SYSTEM,
  MSK_LANGUAGE_ARABIC,
  MSK_LANGUAGE_ENGLISH,
} MskLanguage;

MskLanguage  msk_language_from_string (const char  *str);
const char  *msk_language_to_string   (MskLanguage  language);
void         msk_language_apply       (MskLanguage  language);
const char  *msk_language_effective   (void);
gboolean     msk_language_is_rtl      (const char  *code);

G_END_DECLS
