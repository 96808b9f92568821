/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_REPORT_MONTH (msk_report_month_get_type ())
G_DECLARE_FINAL_TYPE (MskReportMonth, msk_report_month, MSK, REPORT_MONTH, GObject)

MskReportMonth *msk_report_month_new_from_json       (JsonNode       *node,
                                                      const char     *language,
                                                      GError        **error);
const char     *msk_report_month_get_month           (MskReportMonth *self);
int             msk_report_month_get_year            (MskReportMonth *self);
int             msk_report_month_get_month_number    (MskReportMonth *self);
gint64          msk_report_month_get_participants    (MskReportMonth *self);
gint64          msk_report_month_get_contributions   (MskReportMonth *self);
gint64          msk_report_month_get_requests        (MskReportMonth *self);
gint64          msk_report_month_get_submissions     (MskReportMonth *self,
                                                      const char     *kind);
double          msk_report_month_get_answered_share  (MskReportMonth *self);
double          msk_report_month_get_median_hours    (MskReportMonth *self);

G_END_DECLS
