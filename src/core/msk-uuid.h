/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MSK_UUID_N_BYTES 16

void   msk_random_fill_os   (guint8        *buffer,
                             gsize          length);
char  *msk_uuid_format_v4   (const guint8   bytes[MSK_UUID_N_BYTES]);
char  *msk_uuid_new_random  (void);

G_END_DECLS
