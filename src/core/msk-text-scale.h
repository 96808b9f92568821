/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MSK_TEXT_SCALE_MIN     1.0
#define MSK_TEXT_SCALE_MAX     3.0
#define MSK_TEXT_SCALE_DEFAULT 1.0

const double *msk_text_scale_get_steps (guint  *n_steps);
double        msk_text_scale_clamp     (double  scale);
double        msk_text_scale_larger    (double  scale);
double        msk_text_scale_smaller   (double  scale);
guint         msk_text_scale_to_percent (double scale);

G_END_DECLS
