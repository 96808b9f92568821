/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_IDEA (msk_idea_get_type ())
G_DECLARE_FINAL_TYPE (MskIdea, msk_idea, MSK, IDEA, GObject)

MskIdea    *msk_idea_new_from_json       (JsonNode    *node,
                                          const char  *language,
                                          GError     **error);
gint64      msk_idea_get_id              (MskIdea     *self);
gint64      msk_idea_get_topic_id        (MskIdea     *self);
const char *msk_idea_get_title           (MskIdea     *self);
const char *msk_idea_get_body            (MskIdea     *self);
const char *msk_idea_get_author          (MskIdea     *self);
gint64      msk_idea_get_support_count   (MskIdea     *self);
gboolean    msk_idea_get_supported_by_me (MskIdea     *self);
gboolean    msk_idea_get_mine            (MskIdea     *self);
GDateTime  *msk_idea_get_created_at      (MskIdea     *self);

G_END_DECLS
