/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_COMMENT (msk_comment_get_type ())
G_DECLARE_FINAL_TYPE (MskComment, msk_comment, MSK, COMMENT, GObject)

MskComment *msk_comment_new_from_json     (JsonNode    *node,
                                           const char  *language,
                                           GError     **error);
gint64      msk_comment_get_id            (MskComment  *self);
gint64      msk_comment_get_topic_id      (MskComment  *self);
gint64      msk_comment_get_parent_id     (MskComment  *self);
gint64      msk_comment_get_depth         (MskComment  *self);
const char *msk_comment_get_author        (MskComment  *self);
const char *msk_comment_get_body          (MskComment  *self);
const char *msk_comment_get_status        (MskComment  *self);
const char *msk_comment_get_reject_reason (MskComment  *self);
GDateTime  *msk_comment_get_created_at    (MskComment  *self);
gboolean    msk_comment_get_mine          (MskComment  *self);
const char *msk_comment_get_topic_title   (MskComment  *self);
gboolean    msk_comment_get_assisted      (MskComment  *self);
const char *msk_comment_get_assisted_by   (MskComment  *self);

G_END_DECLS
