/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <enchant.h>
#include <string.h>

#include "msk-spell.h"

/**
 * MskSpell:
 *
 * Spelling in Arabic and English, with enchant-2 and the system's hunspell
 * dictionaries: each word is checked in the language of its script, so a
 * text may mix both. A word in a script no dictionary covers, or with a
 * digit in it, is taken as written.
 */
struct _MskSpell
{
  GObject        parent_instance;

  EnchantBroker *broker;  /* (owned) */
  EnchantDict   *arabic;  /* (owned by broker) (nullable) */
  EnchantDict   *english; /* (owned by broker) (nullable) */
};

G_DEFINE_FINAL_TYPE (MskSpell, msk_spell, G_TYPE_OBJECT)

static void
msk_spell_finalize (GObject *object)
{
  MskSpell *self = MSK_SPELL (object);

  if (self->arabic != NULL)
    enchant_broker_free_dict (self->broker, self->arabic);
  if (self->english != NULL)
    enchant_broker_free_dict (self->broker, self->english);
  g_clear_pointer (&self->broker, enchant_broker_free);

  G_OBJECT_CLASS (msk_spell_parent_class)->finalize (object);
}

static void
msk_spell_class_init (MskSpellClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_spell_finalize;
}

static EnchantDict *
request (EnchantBroker      *broker,
         const char * const *tags)
{
  for (guint i = 0; tags[i] != NULL; i++)
    if (enchant_broker_dict_exists (broker, tags[i]))
      return enchant_broker_request_dict (broker, tags[i]);
  return NULL;
}

static void
msk_spell_init (MskSpell *self)
{
  static const char * const arabic[] = { "ar", "ar_SA", "ar_AE", NULL };
  static const char * const english[] = { "en_US", "en_GB", "en", NULL };

  self->broker = enchant_broker_init ();
  self->arabic = request (self->broker, arabic);
  self->english = request (self->broker, english);
}

/**
 * msk_spell_new:
 *
 * Returns: (transfer full): a checker with the dictionaries the system has
 */
MskSpell *
msk_spell_new (void)
{
  return g_object_new (MSK_TYPE_SPELL, NULL);
}

/**
 * msk_spell_has_dictionary:
 * @language: "ar" or "en"
 *
 * Returns: whether words of @language are checked
 */
gboolean
msk_spell_has_dictionary (MskSpell   *self,
                          const char *language)
{
  g_return_val_if_fail (MSK_IS_SPELL (self), FALSE);
  if (g_strcmp0 (language, "ar") == 0)
    return self->arabic != NULL;
  if (g_strcmp0 (language, "en") == 0)
    return self->english != NULL;
  return FALSE;
}

static gboolean
is_arabic (gunichar c)
{
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F)
         || (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF)
         || (c >= 0xFE70 && c <= 0xFEFF);
}

/* The dictionary of @word's script, or %NULL to take it as written. */
static EnchantDict *
dict_for (MskSpell   *self,
          const char *word)
{
  gboolean arabic = FALSE, latin = FALSE;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        return NULL;
      if (is_arabic (c))
        arabic = TRUE;
      else if (c < 0x250 && g_unichar_isalpha (c))
        latin = TRUE;
    }
  if (arabic && !latin)
    return self->arabic;
  if (latin && !arabic)
    return self->english;
  return NULL;
}

/**
 * msk_spell_check_word:
 *
 * Returns: whether @word is spelled right, or cannot be checked
 */
gboolean
msk_spell_check_word (MskSpell   *self,
                      const char *word)
{
  EnchantDict *dict;

  g_return_val_if_fail (MSK_IS_SPELL (self), TRUE);
  if (word == NULL || g_utf8_strlen (word, -1) < 2 || !g_utf8_validate (word, -1, NULL))
    return TRUE;
  dict = dict_for (self, word);
  return dict == NULL || enchant_dict_check (dict, word, -1) == 0;
}

/**
 * msk_spell_dup_suggestions:
 * @max: the most suggestions wanted
 *
 * Returns: (transfer full): words @word may have been meant to be, the
 *   likeliest first; empty when there are none
 */
GStrv
msk_spell_dup_suggestions (MskSpell   *self,
                           const char *word,
                           guint       max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  EnchantDict *dict;
  char **suggestions;
  size_t n = 0;

  g_return_val_if_fail (MSK_IS_SPELL (self), NULL);
  dict = word != NULL && g_utf8_validate (word, -1, NULL) ? dict_for (self, word) : NULL;
  if (dict == NULL)
    return g_strv_builder_end (builder);
  suggestions = enchant_dict_suggest (dict, word, -1, &n);
  for (size_t i = 0; i < n && i < max; i++)
    /* a suggestion of two words ("الحدا يق") is not what was meant */
    if (g_utf8_validate (suggestions[i], -1, NULL) && strchr (suggestions[i], ' ') == NULL)
      g_strv_builder_add (builder, suggestions[i]);
  if (suggestions != NULL)
    enchant_dict_free_string_list (dict, suggestions);
  return g_strv_builder_end (builder);
}

/**
 * msk_spell_ignore_word:
 *
 * Takes @word as spelled right until the checker is gone (nothing is kept
 * on disk: on a shared computer the next person starts afresh).
 */
void
msk_spell_ignore_word (MskSpell   *self,
                       const char *word)
{
  EnchantDict *dict;

  g_return_if_fail (MSK_IS_SPELL (self));
  dict = word != NULL && g_utf8_validate (word, -1, NULL) ? dict_for (self, word) : NULL;
  if (dict != NULL)
    enchant_dict_add_to_session (dict, word, -1);
}

static gboolean
is_word_char (gunichar c)
{
  /* letters, the marks over and under them, and the tatweel */
  return g_unichar_isalpha (c) || g_unichar_ismark (c) || c == 0x0640 || g_unichar_isdigit (c);
}

/**
 * msk_spell_check_text:
 *
 * Returns: (transfer full) (element-type MskSpellError): the words of
 *   @text the dictionaries do not know, in order
 */
GArray *
msk_spell_check_text (MskSpell   *self,
                      const char *text)
{
  GArray *errors = g_array_new (FALSE, FALSE, sizeof (MskSpellError));
  const char *p;
  guint offset = 0;

  g_return_val_if_fail (MSK_IS_SPELL (self), errors);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return errors;

  p = text;
  while (*p != '\0')
    {
      const char *start;
      guint start_offset;
      g_autofree char *word = NULL;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      start = p;
      start_offset = offset;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          /* "don't": an apostrophe between two letters is in the word */
          if (!is_word_char (c)
              && !((c == '\'' || c == 0x2019) && p > start && *next != '\0'
                   && g_unichar_isalpha (g_utf8_get_char (next))))
            break;
          p = next;
          offset++;
        }
      if (p == start)
        break;
      word = g_strndup (start, p - start);
      if (!msk_spell_check_word (self, word))
        {
          MskSpellError error = { start_offset, offset };

          g_array_append_val (errors, error);
        }
    }
  return errors;
}
