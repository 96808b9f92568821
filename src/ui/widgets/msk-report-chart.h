/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-report.h"

G_BEGIN_DECLS

#define MSK_TYPE_REPORT_CHART (msk_report_chart_get_type ())

G_DECLARE_FINAL_TYPE (MskReportChart, msk_report_chart, MSK, REPORT_CHART, GtkWidget)

GtkWidget *msk_report_chart_new        (void);
MskReport *msk_report_chart_get_report (MskReportChart *self);
void       msk_report_chart_set_report (MskReportChart *self,
                                        MskReport      *report,
                                        const char     *entity_name);

G_END_DECLS
