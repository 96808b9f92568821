/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MskCalendar:
 * @MSK_CALENDAR_HIJRI: the Hijri calendar (Umm al-Qura)
 * @MSK_CALENDAR_GREGORIAN: the Gregorian calendar
 */
typedef enum
{
  MSK_CALENDAR_HIJRI,
  MSK_CALENDAR_GREGORIAN,
} MskCalendar;

char *msk_date_format      (GDateTime   *datetime,
                            MskCalendar  calendar,
                            gboolean     with_time,
                            const char  *language);
char *msk_date_format_month (int          year,
                            int          month,
                            const char  *language);
char *msk_date_format_both (GDateTime   *datetime,
                            gboolean     with_time,
                            const char  *language);

G_END_DECLS
