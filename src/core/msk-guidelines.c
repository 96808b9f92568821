/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "msk-guidelines.h"

/**
 * MskGuidelines:
 *
 * Checks user text against the portal's guidelines before it is sent: no
 * personal data (phone numbers, e-mail addresses, national ID and Iqama
 * numbers, IBANs, street addresses, in Western or Arabic-Indic digits),
 * one submission only (the same text already sent to the same topic), and
 * a length the portal accepts.
 */
struct _MskGuidelines
{
  GObject   parent_instance;

  MskStore *store;  /* (owned) (nullable) */
  GRegex   *email;  /* (owned) */
  GRegex   *iban;   /* (owned) */
  GRegex   *number; /* (owned) */
  GRegex   *address; /* (owned) */
};

G_DEFINE_TYPE (MskGuidelines, msk_guidelines, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MskGuidelineFinding, msk_guideline_finding,
                     msk_guideline_finding_copy, msk_guideline_finding_free)

MskGuidelineFinding *
msk_guideline_finding_copy (const MskGuidelineFinding *finding)
{
  MskGuidelineFinding *copy = g_new (MskGuidelineFinding, 1);

  *copy = *finding;
  copy->explanation = g_strdup (finding->explanation);
  return copy;
}

void
msk_guideline_finding_free (MskGuidelineFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->explanation);
  g_free (finding);
}

static void
msk_guidelines_finalize (GObject *object)
{
  MskGuidelines *self = MSK_GUIDELINES (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->email, g_regex_unref);
  g_clear_pointer (&self->iban, g_regex_unref);
  g_clear_pointer (&self->number, g_regex_unref);
  g_clear_pointer (&self->address, g_regex_unref);

  G_OBJECT_CLASS (msk_guidelines_parent_class)->finalize (object);
}

static void
msk_guidelines_class_init (MskGuidelinesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_guidelines_finalize;
}

static void
msk_guidelines_init (MskGuidelines *self)
{
  /* The patterns run on a copy of the text whose digits are all ASCII and
   * whose letters keep their place, so character offsets carry over. */
  self->email = g_regex_new ("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
                             G_REGEX_OPTIMIZE, 0, NULL);
  self->iban = g_regex_new ("(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]){10,30}"
                            "(?![A-Za-z0-9])",
                            G_REGEX_OPTIMIZE, 0, NULL);
  self->number = g_regex_new ("(?<![0-9+])\\+?\\(?[0-9]+\\)?(?:[ .-]?[0-9]+)*(?![0-9])",
                              G_REGEX_OPTIMIZE, 0, NULL);
  /* Where someone lives or gets mail: a house, building, villa or flat
   * with its number, a street with a house number, a post-office box or
   * postal code, a national address short code (four letters, four
   * digits). A numbered public road ("road 15") is not an address. */
  self->address = g_regex_new ("(?:(?<!\\S)[وب]?عنوان(?:ي|نا)(?:\\s+\\S+){0,6}?\\s+(?:رقم\\s*)?[0-9]+"
                               "|(?<!\\S)[وب]?(?:ال)?شارع(?:\\s+\\S+){1,4}?\\s+(?:رقم|مبنى|منزل)\\s*[0-9]+"
                               "|(?<!\\S)[وب]?(?:ال)?(?:مبنى|منزل|فيلا|فيلّا|شقة|عمارة|بيت)\\s+(?:رقم\\s*)?[0-9]+"
                               "|(?<!\\S)[وب]?(?:ص\\.\\s?ب\\.?|صندوق\\s+البريد|صندوق\\s+بريد|الرمز\\s+البريدي)"
                               "\\s*(?:رقم\\s*)?[0-9]+"
                               "|(?<![A-Za-z0-9])[0-9]+[A-Za-z]?,?\\s+(?:[A-Z][A-Za-z'-]+\\s+){1,3}"
                               "(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd)\\b\\.?"
                               "|(?i:\\b(?:my\\s+address\\s+is|I\\s+live\\s+at|building|villa|flat|"
                               "apartment|house|P\\.?\\s?O\\.?\\s?Box)\\s*(?:no\\.?\\s*|number\\s*|#\\s*)?"
                               "[0-9]+)"
                               "|(?<![A-Za-z0-9])[A-Z]{4}[0-9]{4}(?![A-Za-z0-9]))",
                               G_REGEX_OPTIMIZE, 0, NULL);
}

/**
 * msk_guidelines_new:
 * @store: (nullable): the store that knows what was already sent
 *
 * Returns: (transfer full): a checker
 */
MskGuidelines *
msk_guidelines_new (MskStore *store)
{
  MskGuidelines *self = g_object_new (MSK_TYPE_GUIDELINES, NULL);

  self->store = store != NULL ? g_object_ref (store) : NULL;
  return self;
}

/* Arabic-Indic and Extended Arabic-Indic digits become ASCII digits, the
 * Arabic comma and full-width characters their ASCII twins; one character
 * stays one character. */
static char *
normalize (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0660 && c <= 0x0669)
        c = '0' + (c - 0x0660);
      else if (c >= 0x06F0 && c <= 0x06F9)
        c = '0' + (c - 0x06F0);
      else if (c >= 0xFF10 && c <= 0xFF19)
        c = '0' + (c - 0xFF10);
      else if (c == 0xFF0B)
        c = '+';
      else if (c == 0x066B || c == 0x066C || c == 0x060C)
        c = ',';
      else if (c == 0x00A0 || c == 0x202F || c == 0x2009)
        c = ' ';
      else if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013)
        c = '-';
      else if (c >= 0xFF21 && c <= 0xFF3A)
        c = 'A' + (c - 0xFF21);
      else if (c == 0x200F || c == 0x200E || c == 0x2066 || c == 0x2067 || c == 0x2068
               || c == 0x2069)
        c = ' ';   /* direction marks users paste with numbers */
      else if (c == 0xFF20)
        c = '@';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
digits_only (const char *text,
             gssize      length)
{
  GString *out = g_string_new (NULL);

  for (gssize i = 0; i < length; i++)
    if (g_ascii_isdigit (text[i]))
      g_string_append_c (out, text[i]);
  return g_string_free (out, FALSE);
}

static gboolean
iban_valid (const char *match)
{
  static const struct { const char *country; guint length; } lengths[] = {
    { "SA", 24 }, { "AE", 23 }, { "KW", 30 }, { "QA", 29 }, { "BH", 22 }, { "OM", 23 },
    { "EG", 29 }, { "JO", 30 }, { "LB", 28 }, { "IQ", 23 }, { "GB", 22 }, { "DE", 22 },
    { "FR", 27 },
  };
  char compact[40];
  guint n = 0;
  guint remainder = 0;
  gboolean known = FALSE;

  for (const char *p = match; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-')
        continue;
      if (n >= sizeof compact - 1)
        return FALSE;
      compact[n++] = g_ascii_toupper (*p);
    }
  compact[n] = '\0';
  if (n < 15 || n > 34)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    if (strncmp (compact, lengths[i].country, 2) == 0)
      {
        if (n != lengths[i].length)
          return FALSE;
        known = TRUE;
      }
  if (!known && !g_ascii_isupper (compact[0]))
    return FALSE;

  /* ISO 13616: move the first four characters to the end, letters count
   * as 10–35, and the number must be 1 modulo 97. */
  for (guint k = 0; k < n; k++)
    {
      char c = compact[(k + 4) % n];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else if (g_ascii_isupper (c))
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
      else
        return FALSE;
    }
  return remainder == 1;
}

typedef enum
{
  NUMBER_NONE,
  NUMBER_PHONE,
  NUMBER_NATIONAL_ID,
  NUMBER_IQAMA,
} NumberKind;

static gboolean
all_digits_from (const char *digits,
                 guint       offset,
                 guint       count)
{
  return strlen (digits) == offset + count;
}

/* @digits holds only digits; @plus whether the number was written with "+". */
static NumberKind
classify_number (const char *digits,
                 gboolean    plus)
{
  gsize len = strlen (digits);
  const char *d = digits;

  if (g_str_has_prefix (d, "00"))
    {
      d += 2;
      len -= 2;
      plus = TRUE;
    }

  /* Saudi Arabia, +966: mobiles 5XXXXXXXX, land lines 1X XXXXXXX, 800 numbers. */
  if (g_str_has_prefix (d, "966"))
    {
      const char *n = d + 3;

      if (n[0] == '0')
        n++;
      if (strlen (n) == 9 && (n[0] == '5' || n[0] == '1'))
        return NUMBER_PHONE;
    }
  /* N is a digit. United Arab Emirates, +971: mobiles 5N NNN NNNN, land lines N NNN NNNN. */
  if (g_str_has_prefix (d, "971") && (all_digits_from (d, 3, 9) || all_digits_from (d, 3, 8)))
    return NUMBER_PHONE;
  /* Kuwait +965, Qatar +974, Bahrain +973, Oman +968: eight digits. */
  if ((g_str_has_prefix (d, "965") || g_str_has_prefix (d, "974") || g_str_has_prefix (d, "973")
       || g_str_has_prefix (d, "968"))
      && all_digits_from (d, 3, 8))
    return NUMBER_PHONE;

  if (!plus)
    {
      /* National forms: 05N NNN NNNN (Saudi and Emirati mobiles),
       * 01N NNN NNNN (Saudi land lines), 0N NNN NNNN (Emirati land lines). */
      if (len == 10 && d[0] == '0' && (d[1] == '5' || d[1] == '1'))
        return NUMBER_PHONE;
      if (len == 9 && d[0] == '0' && strchr ("234679", d[1]) != NULL)
        return NUMBER_PHONE;
      /* 5XXXXXXXX without the leading zero. */
      if (len == 9 && d[0] == '5')
        return NUMBER_PHONE;
      /* Saudi national ID (1…) and Iqama (2…): ten digits. */
      if (len == 10 && d[0] == '1')
        return NUMBER_NATIONAL_ID;
      if (len == 10 && d[0] == '2')
        return NUMBER_IQAMA;
    }
  return NUMBER_NONE;
}

static gboolean
overlaps (GPtrArray *findings,
          guint      start,
          guint      end)
{
  for (guint i = 0; i < findings->len; i++)
    {
      MskGuidelineFinding *f = g_ptr_array_index (findings, i);

      if (start < f->end && f->start < end)
        return TRUE;
    }
  return FALSE;
}

static const char *
explain (MskGuidelineKind kind)
{
  switch (kind)
    {
    case MSK_GUIDELINE_PHONE:
      return _("This looks like a phone number. Personal data is not allowed: please remove it.");
    case MSK_GUIDELINE_EMAIL:
      return _("This looks like an e-mail address. Personal data is not allowed: please remove "
               "it.");
    case MSK_GUIDELINE_NATIONAL_ID:
      return _("This looks like a national ID number. Personal data is not allowed: please remove "
               "it.");
    case MSK_GUIDELINE_IQAMA:
      return _("This looks like an Iqama (residence permit) number. Personal data is not allowed: "
               "please remove it.");
    case MSK_GUIDELINE_IBAN:
      return _("This looks like a bank account number (IBAN). Personal data is not allowed: please "
               "remove it.");
    case MSK_GUIDELINE_ADDRESS:
      return _("This looks like an address. Personal data is not allowed: please remove it.");
    case MSK_GUIDELINE_TOO_SHORT:
    case MSK_GUIDELINE_TOO_LONG:
    case MSK_GUIDELINE_REPEATED:
    default:
      return _("You already sent this text on this topic. The guidelines allow one submission "
               "only.");
    }
}

static void
append_finding (GPtrArray        *findings,
                MskGuidelineKind  kind,
                guint             start,
                guint             end,
                char             *explanation)
{
  MskGuidelineFinding *f = g_new0 (MskGuidelineFinding, 1);

  f->kind = kind;
  f->start = start;
  f->end = end;
  f->explanation = explanation;
  g_ptr_array_add (findings, f);
}

static void
add_finding (GPtrArray        *findings,
             MskGuidelineKind  kind,
             const char       *text,
             gint              start_byte,
             gint              end_byte)
{
  guint start = (guint) g_utf8_pointer_to_offset (text, text + start_byte);
  guint end = (guint) g_utf8_pointer_to_offset (text, text + end_byte);

  if (!overlaps (findings, start, end))
    append_finding (findings, kind, start, end, g_strdup (explain (kind)));
}

static gint
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const MskGuidelineFinding *fa = *(MskGuidelineFinding * const *) a;
  const MskGuidelineFinding *fb = *(MskGuidelineFinding * const *) b;

  if (fa->start != fb->start)
    return fa->start < fb->start ? -1 : 1;
  return (gint) fa->kind - (gint) fb->kind;
}

/* A text too short to be understood, or longer than the portal keeps: the
 * finding covers the whole text, or what goes past the limit. */
static void
add_length_finding (GPtrArray  *findings,
                    const char *text,
                    guint       min_chars,
                    guint       max_chars)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint length = (guint) g_utf8_strlen (text, -1);
  guint kept = (guint) g_utf8_strlen (stripped, -1);

  if (min_chars > 0 && kept < min_chars)
    append_finding (findings, MSK_GUIDELINE_TOO_SHORT, 0, length,
                    /* Translators: %u is a number of characters */
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "This text is too short to be understood: write at least "
                                      "%u character.",
                                      "This text is too short to be understood: write at least "
                                      "%u characters.", min_chars),
                         min_chars));
  else if (max_chars > 0 && length > max_chars)
    append_finding (findings, MSK_GUIDELINE_TOO_LONG, max_chars, length,
                    /* Translators: %1$u is how many characters are too many, %2$u the limit */
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "This text is %1$u character too long: the limit is %2$u. "
                                      "The part past the limit is marked.",
                                      "This text is %1$u characters too long: the limit is %2$u. "
                                      "The part past the limit is marked.", length - max_chars),
                         length - max_chars, max_chars));
}

/**
 * msk_guidelines_check:
 * @text: the text the user wants to send
 * @portal: (nullable): the portal's base URL, for the repeated-text check
 * @topic_id: (nullable): the topic, for the repeated-text check
 *
 * Returns: (transfer full) (element-type MskGuidelineFinding): the findings,
 *   in the order they appear; empty when the text follows the guidelines.
 */
GPtrArray *
msk_guidelines_check (MskGuidelines *self,
                      const char    *text,
                      const char    *portal,
                      const char    *topic_id)
{
  return msk_guidelines_check_length (self, text, portal, topic_id, 0, 0);
}

/**
 * msk_guidelines_check_length:
 * @text: the text the user wants to send
 * @portal: (nullable): the portal's base URL, for the repeated-text check
 * @topic_id: (nullable): the topic, for the repeated-text check
 * @min_chars: the fewest characters the portal accepts, 0 for no limit
 * @max_chars: the most characters the portal accepts, 0 for no limit
 *
 * msk_guidelines_check(), and a text too short or too long said too.
 *
 * Returns: (transfer full) (element-type MskGuidelineFinding): the findings,
 *   in the order they appear; empty when the text follows the guidelines.
 */
GPtrArray *
msk_guidelines_check_length (MskGuidelines *self,
                             const char    *text,
                             const char    *portal,
                             const char    *topic_id,
                             guint          min_chars,
                             guint          max_chars)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *norm = NULL;

  g_return_val_if_fail (MSK_IS_GUIDELINES (self), NULL);

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) msk_guideline_finding_free);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&findings);

  norm = normalize (text);

  g_regex_match (self->email, norm, 0, &info);
  while (g_match_info_matches (info))
    {
      gint start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      add_finding (findings, MSK_GUIDELINE_EMAIL, norm, start, end);
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (self->iban, norm, 0, &info);
  while (g_match_info_matches (info))
    {
      g_autofree char *match = g_match_info_fetch (info, 0);
      gint start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      /* "SA03 8000 … 7519 NOW": drop trailing groups until the check digits agree. */
      while (!iban_valid (match))
        {
          char *cut = strrchr (match, ' ');
          char *dash = strrchr (match, '-');

          if (dash > cut)
            cut = dash;
          if (cut == NULL)
            break;
          *cut = '\0';
          end = start + (gint) (cut - match);
        }
      if (iban_valid (match))
        add_finding (findings, MSK_GUIDELINE_IBAN, norm, start, end);
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (self->address, norm, 0, &info);
  while (g_match_info_matches (info))
    {
      gint start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      add_finding (findings, MSK_GUIDELINE_ADDRESS, norm, start, end);
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (self->number, norm, 0, &info);
  while (g_match_info_matches (info))
    {
      gint start, end;
      g_autofree char *digits = NULL;
      NumberKind kind;

      g_match_info_fetch_pos (info, 0, &start, &end);
      digits = digits_only (norm + start, end - start);
      kind = classify_number (digits, norm[start] == '+');

      if (kind == NUMBER_NONE)
        {
          /* "Call 0501234567 or 0551234567" with the words gone: check
           * each group of digits on its own too. */
          const char *p = norm + start;
          const char *limit = norm + end;

          while (p < limit)
            {
              const char *q;
              g_autofree char *group = NULL;
              NumberKind group_kind;

              while (p < limit && !g_ascii_isdigit (*p))
                p++;
              q = p;
              while (q < limit && g_ascii_isdigit (*q))
                q++;
              if (q == p)
                break;
              group = g_strndup (p, q - p);
              group_kind = classify_number (group, p > norm && p[-1] == '+');
              if (group_kind != NUMBER_NONE)
                add_finding (findings,
                             group_kind == NUMBER_PHONE ? MSK_GUIDELINE_PHONE
                             : group_kind == NUMBER_IQAMA ? MSK_GUIDELINE_IQAMA
                             : MSK_GUIDELINE_NATIONAL_ID,
                             norm, (gint) (p - norm), (gint) (q - norm));
              p = q;
            }
        }
      else
        add_finding (findings,
                     kind == NUMBER_PHONE ? MSK_GUIDELINE_PHONE
                     : kind == NUMBER_IQAMA ? MSK_GUIDELINE_IQAMA
                     : MSK_GUIDELINE_NATIONAL_ID,
                     norm, start, end);
      g_match_info_next (info, NULL);
    }
  g_clear_pointer (&info, g_match_info_free);

  if (self->store != NULL && topic_id != NULL)
    {
      g_autofree char *digest = msk_store_text_digest (text);

      if (digest != NULL && msk_store_outbox_has_text (self->store, portal, topic_id, digest))
        append_finding (findings, MSK_GUIDELINE_REPEATED, 0, (guint) g_utf8_strlen (text, -1),
                        g_strdup (explain (MSK_GUIDELINE_REPEATED)));
    }

  add_length_finding (findings, text, min_chars, max_chars);

  g_ptr_array_sort (findings, compare_findings);
  return g_steal_pointer (&findings);
}
