/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_SERVICE_ATTRIBUTE (msk_service_attribute_get_type ())
G_DECLARE_FINAL_TYPE (MskServiceAttribute, msk_service_attribute, MSK, SERVICE_ATTRIBUTE, GObject)

MskServiceAttribute *msk_service_attribute_new_from_json (JsonNode             *node,
                                                          const char           *language,
                                                          GError              **error);
const char *msk_service_attribute_get_code                 (MskServiceAttribute  *self);
const char *msk_service_attribute_get_datatype             (MskServiceAttribute  *self);
const char *msk_service_attribute_get_datatype_description (MskServiceAttribute  *self);
const char *msk_service_attribute_get_description          (MskServiceAttribute  *self);
gboolean    msk_service_attribute_get_variable             (MskServiceAttribute  *self);
gboolean    msk_service_attribute_get_required             (MskServiceAttribute  *self);
gint64      msk_service_attribute_get_order                (MskServiceAttribute  *self);
guint       msk_service_attribute_get_n_values             (MskServiceAttribute  *self);
const char *msk_service_attribute_get_value_key            (MskServiceAttribute  *self,
                                                            guint                 index);
const char *msk_service_attribute_get_value_name           (MskServiceAttribute  *self,
                                                            guint                 index);

G_END_DECLS
