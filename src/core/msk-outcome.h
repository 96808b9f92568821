/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_OUTCOME (msk_outcome_get_type ())
G_DECLARE_FINAL_TYPE (MskOutcome, msk_outcome, MSK, OUTCOME, GObject)

MskOutcome *msk_outcome_new_from_json    (JsonNode    *node,
                                          const char  *language,
                                          GError     **error);
gint64      msk_outcome_get_id           (MskOutcome  *self);
gint64      msk_outcome_get_topic_id     (MskOutcome  *self);
const char *msk_outcome_get_topic_title  (MskOutcome  *self);
const char *msk_outcome_get_decision     (MskOutcome  *self);
gint64      msk_outcome_get_progress     (MskOutcome  *self);
GDateTime  *msk_outcome_get_published_at (MskOutcome  *self);

G_END_DECLS
