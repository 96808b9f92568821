/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-image.h"
#include "msk-poll.h"

G_BEGIN_DECLS

#define MSK_TYPE_TOPIC (msk_topic_get_type ())
G_DECLARE_FINAL_TYPE (MskTopic, msk_topic, MSK, TOPIC, GObject)

MskTopic   *msk_topic_new_from_json            (JsonNode    *node,
                                                const char  *language,
                                                GError     **error);
gint64      msk_topic_get_id                   (MskTopic    *self);
gint64      msk_topic_get_entity_id            (MskTopic    *self);
const char *msk_topic_get_kind                 (MskTopic    *self);
const char *msk_topic_get_status               (MskTopic    *self);
const char *msk_topic_get_title                (MskTopic    *self);
const char *msk_topic_get_title_text           (MskTopic    *self);
const char *msk_topic_get_summary              (MskTopic    *self);
const char *msk_topic_get_summary_text         (MskTopic    *self);
const char *msk_topic_get_body                 (MskTopic    *self);
const char *msk_topic_get_body_text            (MskTopic    *self);
const char *msk_topic_get_speech               (MskTopic    *self);
GDateTime  *msk_topic_get_opens_at             (MskTopic    *self);
GDateTime  *msk_topic_get_closes_at            (MskTopic    *self);
GDateTime  *msk_topic_get_feedback_due         (MskTopic    *self);
GDateTime  *msk_topic_get_results_published_at (MskTopic    *self);
gint64      msk_topic_get_comment_count        (MskTopic    *self);
GDateTime  *msk_topic_get_updated_at           (MskTopic    *self);
GListModel *msk_topic_get_images               (MskTopic    *self);
MskPoll    *msk_topic_get_poll                 (MskTopic    *self);

G_END_DECLS
