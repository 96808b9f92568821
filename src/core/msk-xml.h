/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean  msk_xml_sniff         (const char  *data,
                                 gsize        length);
JsonNode *msk_xml_read_open311  (const char  *data,
                                 gsize        length,
                                 guint        max_depth,
                                 GError     **error);

G_END_DECLS
