/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_SERVICE (msk_service_get_type ())
G_DECLARE_FINAL_TYPE (MskService, msk_service, MSK, SERVICE, GObject)

MskService *msk_service_new_from_json    (JsonNode    *node,
                                          const char  *language,
                                          GError     **error);
const char *msk_service_get_service_code (MskService  *self);
const char *msk_service_get_service_name (MskService  *self);
const char *msk_service_get_description  (MskService  *self);
gboolean    msk_service_get_metadata     (MskService  *self);
const char *msk_service_get_service_type (MskService  *self);
const char *msk_service_get_keywords     (MskService  *self);
const char *msk_service_get_group        (MskService  *self);

G_END_DECLS
