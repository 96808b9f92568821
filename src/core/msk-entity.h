/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_ENTITY (msk_entity_get_type ())
G_DECLARE_FINAL_TYPE (MskEntity, msk_entity, MSK, ENTITY, GObject)

MskEntity  *msk_entity_new_from_json       (JsonNode    *node,
                                            const char  *language,
                                            GError     **error);
gint64      msk_entity_get_id              (MskEntity   *self);
const char *msk_entity_get_kind            (MskEntity   *self);
const char *msk_entity_get_name            (MskEntity   *self);
const char *msk_entity_get_description     (MskEntity   *self);
const char *msk_entity_get_website         (MskEntity   *self);
const char *msk_entity_get_jurisdiction_id (MskEntity   *self);

G_END_DECLS
