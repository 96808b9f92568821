/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include <string.h>

#include "msk-date.h"

static void
test_hijri (void)
{
  /* 1 Ramadan 1445 in the Umm al-Qura calendar. */
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 ("2024-03-11T10:00:00+03:00", NULL);
  g_autofree char *en = msk_date_format (dt, MSK_CALENDAR_HIJRI, FALSE, "en");
  g_autofree char *ar = msk_date_format (dt, MSK_CALENDAR_HIJRI, FALSE, "ar");

  g_test_message ("en: %s, ar: %s", en, ar);
  g_assert_nonnull (strstr (en, "Ramadan"));
  g_assert_nonnull (strstr (en, "1445"));
  g_assert_nonnull (g_str_has_prefix (en, "1 ") ? en : NULL);
  g_assert_nonnull (strstr (ar, "رمضان"));
  g_assert_nonnull (strstr (ar, "١٤٤٥"));
}

static void
test_gregorian (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 ("2026-11-23T23:30:00+04:00", NULL);
  g_autofree char *en = msk_date_format (dt, MSK_CALENDAR_GREGORIAN, FALSE, "en");
  g_autofree char *ar = msk_date_format (dt, MSK_CALENDAR_GREGORIAN, FALSE, "ar");
  g_autofree char *en_time = msk_date_format (dt, MSK_CALENDAR_GREGORIAN, TRUE, "en");

  g_test_message ("en: %s, ar: %s, with time: %s", en, ar, en_time);
  /* The date in the time's own zone (+04:00), not in UTC (the 23rd, not the 23rd 19:30 UTC). */
  g_assert_cmpstr (en, ==, "23 November 2026");
  g_assert_nonnull (strstr (ar, "نوفمبر"));
  g_assert_nonnull (strstr (ar, "٢٠٢٦"));
  g_assert_nonnull (strstr (en_time, "23:30"));
}

static void
test_both (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 ("2024-03-11T10:00:00+03:00", NULL);
  g_autofree char *both = msk_date_format_both (dt, FALSE, "en");

  g_test_message ("both: %s", both);
  g_assert_nonnull (strstr (both, "1445"));
  g_assert_nonnull (strstr (both, "2024"));
}

/* A report's months, named in either language. */
static void
test_month (void)
{
  g_autofree char *en = msk_date_format_month (2026, 3, "en");
  g_autofree char *ar = msk_date_format_month (2026, 12, "ar");
  g_autofree char *jan = msk_date_format_month (2027, 1, "en");

  g_assert_cmpstr (en, ==, "March 2026");
  g_assert_cmpstr (jan, ==, "January 2027");
  g_assert_nonnull (strstr (ar, "ديسمبر"));
  g_assert_nonnull (strstr (ar, "٢٠٢٦"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/hijri", test_hijri);
  g_test_add_func ("/core/date/gregorian", test_gregorian);
  g_test_add_func ("/core/date/both", test_both);
  g_test_add_func ("/core/date/month", test_month);

  return g_test_run ();
}
