/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_SRV_OPEN311_XML_TYPE "text/xml; charset=utf-8"
#define MSK_SRV_OPEN311_JSON_TYPE "application/json; charset=utf-8"

gboolean  msk_srv_open311_prefers_xml (const char *path,
                                       const char *accept);
GBytes   *msk_srv_open311_to_xml      (JsonNode   *root,
                                       const char *root_name);
GBytes   *msk_srv_open311_to_json     (JsonNode   *root);

G_END_DECLS
