/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-outcome.h"

G_BEGIN_DECLS

#define MSK_TYPE_OUTCOME_ROW (msk_outcome_row_get_type ())

G_DECLARE_FINAL_TYPE (MskOutcomeRow, msk_outcome_row, MSK, OUTCOME_ROW, GtkListBoxRow)

GtkWidget  *msk_outcome_row_new         (MskOutcome    *outcome);
MskOutcome *msk_outcome_row_get_outcome (MskOutcomeRow *self);

G_END_DECLS
