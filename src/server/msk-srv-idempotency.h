/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

gboolean  msk_srv_idempotency_valid_key    (const char *key);
char     *msk_srv_idempotency_client       (MskSrvCtx  *ctx,
                                            const char *hash);
char     *msk_srv_idempotency_request_hash (MskSrvCtx  *ctx);
gboolean  msk_srv_idempotency_lookup       (MskSrvCtx  *ctx,
                                            const char *key,
                                            const char *client,
                                            const char *hash);
void      msk_srv_idempotency_store        (MskSrvCtx  *ctx,
                                            const char *key,
                                            const char *client,
                                            const char *hash);

G_END_DECLS
