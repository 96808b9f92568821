/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-poll-option.h"

G_BEGIN_DECLS

#define MSK_TYPE_QUESTION (msk_question_get_type ())
G_DECLARE_FINAL_TYPE (MskQuestion, msk_question, MSK, QUESTION, GObject)

MskQuestion *msk_question_new_from_json     (JsonNode     *node,
                                             const char   *language,
                                             GError      **error);
gint64       msk_question_get_id            (MskQuestion  *self);
gint64       msk_question_get_position      (MskQuestion  *self);
const char  *msk_question_get_question_type (MskQuestion  *self);
gboolean     msk_question_get_required      (MskQuestion  *self);
const char  *msk_question_get_prompt        (MskQuestion  *self);
const char  *msk_question_get_help          (MskQuestion  *self);
gint64       msk_question_get_max_length    (MskQuestion  *self);
gint64       msk_question_get_min           (MskQuestion  *self);
gint64       msk_question_get_max           (MskQuestion  *self);
GListModel  *msk_question_get_options       (MskQuestion  *self);

G_END_DECLS
