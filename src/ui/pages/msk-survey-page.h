/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_SURVEY_PAGE (msk_survey_page_get_type ())

G_DECLARE_FINAL_TYPE (MskSurveyPage, msk_survey_page, MSK, SURVEY_PAGE, MskPage)

GtkWidget *msk_survey_page_new (MskContext *context,
                                gint64      topic_id);

G_END_DECLS
