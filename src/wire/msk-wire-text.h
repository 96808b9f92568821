/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *msk_wire_text_fold       (const char         *text);
GStrv      msk_wire_text_fold_words (const char         *query);
gboolean   msk_wire_text_matches    (const char         *folded,
                                     const char * const *words);

G_END_DECLS
