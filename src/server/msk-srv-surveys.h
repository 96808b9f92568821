/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

void msk_srv_surveys_add_options (MskSrvCtx   *ctx,
                                  JsonBuilder *b,
                                  gint64       question_id,
                                  gboolean     counts);

G_END_DECLS
