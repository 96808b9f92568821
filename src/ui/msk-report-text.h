/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-outcome.h"
#include "msk-report.h"

G_BEGIN_DECLS

char *msk_report_text_dup_count     (gint64          count);
char *msk_report_text_dup_percent   (double          percent);
char *msk_report_text_dup_month     (MskReportMonth *month);
char *msk_report_text_dup_share     (MskReportMonth *month);
char *msk_report_text_dup_time      (MskReportMonth *month);
char *msk_report_text_dup_row       (MskReportMonth *month);
char *msk_report_text_dup_summary   (MskReport      *report);
char *msk_report_text_dup_progress  (MskOutcome     *outcome);
char *msk_report_text_dup_outcome   (MskOutcome     *outcome);

G_END_DECLS
