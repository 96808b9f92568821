/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

void msk_srv_feedback_add_summary (MskSrvCtx   *ctx,
                                   JsonBuilder *b,
                                   gint64       topic);

G_END_DECLS
