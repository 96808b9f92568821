/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "msk-date.h"
#include "msk-language.h"

static char *
uchar_to_utf8 (const UChar *text,
               int32_t      length)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t needed = 0;
  char *out;

  u_strToUTF8 (NULL, 0, &needed, text, length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return NULL;
  status = U_ZERO_ERROR;
  out = g_malloc (needed + 1);
  u_strToUTF8 (out, needed + 1, NULL, text, length, &status);
  if (U_FAILURE (status))
    {
      g_free (out);
      return NULL;
    }
  return out;
}

/**
 * msk_date_format:
 * @datetime: a time; it is shown in its own time zone offset
 * @calendar: Hijri (Umm al-Qura) or Gregorian
 * @with_time: whether to add the time of day
 * @language: (nullable): "ar" or "en"; %NULL for the UI language
 *
 * Formats a date through ICU, with the month names and digits of
 * @language (Arabic-Indic digits in Arabic).
 *
 * Returns: (transfer full): the date in words, e.g. "٢ جمادى الآخرة ١٤٤٨ هـ"
 */
char *
msk_date_format (GDateTime   *datetime,
                 MskCalendar  calendar,
                 gboolean     with_time,
                 const char  *language)
{
  g_autofree char *locale = NULL;
  g_autofree char *zone = NULL;
  g_autofree UChar *zone_u = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UDateFormat *format;
  UChar buffer[256];
  int32_t length;
  gint64 offset_min;
  UDate when;

  g_return_val_if_fail (datetime != NULL, NULL);

  if (language == NULL)
    language = msk_language_effective ();

  locale = g_strdup_printf ("%s@calendar=%s",
                            g_str_equal (language, "ar") ? "ar_SA" : "en_GB",
                            calendar == MSK_CALENDAR_HIJRI ? "islamic-umalqura" : "gregorian");

  offset_min = g_date_time_get_utc_offset (datetime) / G_TIME_SPAN_MINUTE;
  zone = g_strdup_printf ("GMT%c%02d:%02d", offset_min < 0 ? '-' : '+',
                          (int) (ABS (offset_min) / 60), (int) (ABS (offset_min) % 60));
  zone_u = g_new0 (UChar, strlen (zone) + 1);
  u_uastrcpy (zone_u, zone);

  format = udat_open (with_time ? UDAT_SHORT : UDAT_NONE, UDAT_LONG, locale, zone_u, -1,
                      NULL, 0, &status);
  if (U_FAILURE (status))
    return g_date_time_format (datetime, "%Y-%m-%d");

  when = (UDate) g_date_time_to_unix (datetime) * 1000.0
         + (UDate) (g_date_time_get_microsecond (datetime) / 1000);
  length = udat_format (format, when, buffer, G_N_ELEMENTS (buffer), NULL, &status);
  udat_close (format);
  if (U_FAILURE (status))
    return g_date_time_format (datetime, "%Y-%m-%d");

  return uchar_to_utf8 (buffer, length);
}

/**
 * msk_date_format_both:
 *
 * Returns: (transfer full): the Hijri date followed by the Gregorian one
 */
char *
msk_date_format_both (GDateTime  *datetime,
                      gboolean    with_time,
                      const char *language)
{
  g_autofree char *hijri = msk_date_format (datetime, MSK_CALENDAR_HIJRI, FALSE, language);
  g_autofree char *gregorian = msk_date_format (datetime, MSK_CALENDAR_GREGORIAN, with_time,
                                                language);

  /* Translators: a date in two calendars: the Hijri date, then the Gregorian
   * date in parentheses, e.g. "2 Jumada II 1448 AH (23 November 2026)". */
  return g_strdup_printf (_("%s (%s)"), hijri, gregorian);
}

/**
 * msk_date_format_month:
 * @year: a year of the Gregorian calendar
 * @month: its month, 1 to 12
 * @language: (nullable): "ar" or "en"; %NULL for the app's language
 *
 * A calendar month as a report names it ("March 2026", "مارس ٢٠٢٦").
 *
 * Returns: (transfer full): the month and its year
 */
char *
msk_date_format_month (int         year,
                       int         month,
                       const char *language)
{
  static const UChar pattern[] = { 'M', 'M', 'M', 'M', ' ', 'y', 0 };
  static const UChar utc[] = { 'U', 'T', 'C', 0 };
  g_autoptr(GDateTime) first = NULL;
  UErrorCode status = U_ZERO_ERROR;
  UDateFormat *format;
  UChar buffer[128];
  int32_t length;

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  if (language == NULL)
    language = msk_language_effective ();

  /* The middle of the month: no zone can move it to another. */
  first = g_date_time_new_utc (year, month, 15, 12, 0, 0);
  if (first == NULL)
    return g_strdup_printf ("%04d-%02d", year, month);

  format = udat_open (UDAT_PATTERN, UDAT_PATTERN,
                      g_str_equal (language, "ar") ? "ar_SA@calendar=gregorian"
                                                   : "en_GB@calendar=gregorian",
                      utc, -1, pattern, -1, &status);
  if (U_FAILURE (status))
    return g_strdup_printf ("%04d-%02d", year, month);
  length = udat_format (format, (UDate) g_date_time_to_unix (first) * 1000.0, buffer,
                        G_N_ELEMENTS (buffer), NULL, &status);
  udat_close (format);
  if (U_FAILURE (status))
    return g_strdup_printf ("%04d-%02d", year, month);

  return uchar_to_utf8 (buffer, length);
}
