/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-question.h"

G_BEGIN_DECLS

#define MSK_TYPE_SURVEY (msk_survey_get_type ())
G_DECLARE_FINAL_TYPE (MskSurvey, msk_survey, MSK, SURVEY, GObject)

MskSurvey  *msk_survey_new_from_json (JsonNode    *node,
                                      const char  *language,
                                      GError     **error);
gint64      msk_survey_get_id        (MskSurvey   *self);
const char *msk_survey_get_status    (MskSurvey   *self);
const char *msk_survey_get_title     (MskSurvey   *self);
GListModel *msk_survey_get_questions (MskSurvey   *self);
gboolean    msk_survey_get_responded (MskSurvey   *self);

G_END_DECLS
