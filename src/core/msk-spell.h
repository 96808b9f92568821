/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MskSpellError:
 * @start: the word's first character (in characters, not bytes)
 * @end: the character after it
 *
 * A word the dictionaries do not know.
 */
typedef struct
{
  guint start;
  guint end;
} MskSpellError;

#define MSK_TYPE_SPELL (msk_spell_get_type ())
G_DECLARE_FINAL_TYPE (MskSpell, msk_spell, MSK, SPELL, GObject)

MskSpell  *msk_spell_new              (void);
gboolean   msk_spell_has_dictionary   (MskSpell   *self,
                                       const char *language);
gboolean   msk_spell_check_word       (MskSpell   *self,
                                       const char *word);
GStrv      msk_spell_dup_suggestions  (MskSpell   *self,
                                       const char *word,
                                       guint       max);
void       msk_spell_ignore_word      (MskSpell   *self,
                                       const char *word);
GArray    *msk_spell_check_text       (MskSpell   *self,
                                       const char *text);

G_END_DECLS
