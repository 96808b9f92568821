/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_RESULTS_PAGE (msk_results_page_get_type ())

G_DECLARE_FINAL_TYPE (MskResultsPage, msk_results_page, MSK, RESULTS_PAGE, MskPage)

GtkWidget *msk_results_page_new (MskContext *context);

G_END_DECLS
