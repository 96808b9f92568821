/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the server accepts in a request: the body's size and how deep its
 * JSON arrays and objects nest. */
#define MSK_WIRE_REQUEST_MAX_BODY  (64 * 1024)
#define MSK_WIRE_REQUEST_MAX_DEPTH 32

/* What the client accepts in a reply. */
#define MSK_WIRE_REPLY_MAX_BODY    (8 * 1024 * 1024)
#define MSK_WIRE_REPLY_MAX_DEPTH   64

gboolean msk_wire_json_depth_ok (const char *data,
                                 gsize       length,
                                 guint       max_depth);

G_END_DECLS
