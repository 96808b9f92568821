/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-context.h"

G_BEGIN_DECLS

#define MSK_TYPE_SUBMISSION_ROW (msk_submission_row_get_type ())

G_DECLARE_FINAL_TYPE (MskSubmissionRow, msk_submission_row, MSK, SUBMISSION_ROW, GtkListBoxRow)

GtkWidget     *msk_submission_row_new          (MskContext    *context,
                                                MskSubmission *submission);
GtkWidget     *msk_submission_row_new_for_item (MskContext    *context,
                                                MskOutboxItem *item);
MskSubmission *msk_submission_row_get_submission (MskSubmissionRow *self);
MskOutboxItem *msk_submission_row_get_item     (MskSubmissionRow *self);
void           msk_submission_row_show_history (MskSubmissionRow *self);

G_END_DECLS
