/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_IMAGE (msk_image_get_type ())
G_DECLARE_FINAL_TYPE (MskImage, msk_image, MSK, IMAGE, GObject)

MskImage   *msk_image_new_from_json (JsonNode    *node,
                                     const char  *language,
                                     GError     **error);
const char *msk_image_get_url       (MskImage    *self);
const char *msk_image_get_alt       (MskImage    *self);
gint64      msk_image_get_width     (MskImage    *self);
gint64      msk_image_get_height    (MskImage    *self);

G_END_DECLS
