/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

typedef enum
{
  MSK_SRV_ROLE_CITIZEN   = 1 << 0,
  MSK_SRV_ROLE_MODERATOR = 1 << 1,
  MSK_SRV_ROLE_STAFF     = 1 << 2,
} MskSrvRole;

/* Who sends the request: fills the user members of @ctx from the bearer
 * token; replies 401 and returns FALSE for a token that is not valid. */
gboolean  msk_srv_auth_authenticate     (MskSrvCtx  *ctx);

/* Reply 401 (or 403) and return FALSE unless the request is signed in (and
 * the user has @role). */
gboolean  msk_srv_auth_require_user     (MskSrvCtx  *ctx);
gboolean  msk_srv_auth_require_role     (MskSrvCtx  *ctx,
                                         MskSrvRole  role);

char     *msk_srv_auth_hash_password    (const char *password);
gboolean  msk_srv_auth_check_password   (const char *password,
                                         const char *hash);
char     *msk_srv_auth_new_token        (void);
char     *msk_srv_auth_token_hash       (const char *token);

G_END_DECLS
