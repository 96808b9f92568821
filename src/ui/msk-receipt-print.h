/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean msk_receipt_print (GtkWindow   *parent,
                            const char  *title,
                            const char  *text,
                            GFile       *pdf,
                            GError     **error);

G_END_DECLS
