/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "msk-store.h"

G_BEGIN_DECLS

#define MSK_TYPE_SUBMISSION (msk_submission_get_type ())
G_DECLARE_FINAL_TYPE (MskSubmission, msk_submission, MSK, SUBMISSION, GObject)

MskSubmission            *msk_submission_new_from_row     (const MskStoreSubmission *row);
const MskStoreSubmission *msk_submission_get_row          (MskSubmission            *self);
const char               *msk_submission_get_tracking     (MskSubmission            *self);
const char               *msk_submission_get_kind         (MskSubmission            *self);
const char               *msk_submission_get_title        (MskSubmission            *self);
void                      msk_submission_set_title        (MskSubmission            *self,
                                                           const char               *title);
const char               *msk_submission_get_status       (MskSubmission            *self);
const char               *msk_submission_get_status_text  (MskSubmission            *self);
const char               *msk_submission_get_status_label (MskSubmission            *self);
gint64                    msk_submission_get_created      (MskSubmission            *self);
gint64                    msk_submission_get_updated      (MskSubmission            *self);
gint64                    msk_submission_get_due          (MskSubmission            *self);
void                      msk_submission_set_due          (MskSubmission            *self,
                                                           gint64                    due);
void                      msk_submission_set_status       (MskSubmission            *self,
                                                           const char               *status,
                                                           const char               *status_text);

G_END_DECLS
