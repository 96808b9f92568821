/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

void msk_srv_polls_add_poll (MskSrvCtx   *ctx,
                             JsonBuilder *b,
                             gint64       id,
                             const char  *status,
                             const char  *question_ar,
                             const char  *question_en,
                             gboolean     multiple,
                             int          max_choices,
                             const char  *visibility);
void msk_srv_polls_add_results (MskSrvCtx   *ctx,
                                JsonBuilder *b,
                                gint64       id,
                                const char  *status);

G_END_DECLS
