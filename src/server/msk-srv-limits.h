/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"
#include "msk-wire-json.h"

G_BEGIN_DECLS

/* The largest request body, and the deepest JSON in one. */
#define MSK_SRV_MAX_BODY  MSK_WIRE_REQUEST_MAX_BODY
#define MSK_SRV_MAX_DEPTH MSK_WIRE_REQUEST_MAX_DEPTH

typedef struct _MskSrvRateLimit MskSrvRateLimit;

MskSrvRateLimit *msk_srv_rate_limit_new            (guint            per_minute);
void             msk_srv_rate_limit_free           (MskSrvRateLimit *self);
void             msk_srv_rate_limit_set_per_minute (MskSrvRateLimit *self,
                                                    guint            per_minute);
gboolean         msk_srv_rate_limit_allows         (MskSrvRateLimit *self,
                                                    const char      *client,
                                                    guint           *retry_after);

/* Checks the size, encoding and type of the body of @ctx and parses it
 * (ctx->json or ctx->form); replies and returns FALSE when it is refused. */
gboolean         msk_srv_limits_check_body         (MskSrvCtx       *ctx);

G_END_DECLS
