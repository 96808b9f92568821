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

/* The field error code for a password that would be guessed first
 * ("password-is-username", "common-password"), or NULL. */
const char *msk_srv_auth_weak_password  (const char *password,
                                         const char *username);

/* Password jobs run on worker threads while the request waits paused; @done
 * runs on the main context with whether the password matched (checks) or
 * the new hash (hashing), and replies; then the reply is sent. */
typedef void (*MskSrvAuthDoneFunc) (MskSrvCtx  *ctx,
                                    gboolean    ok,
                                    const char *hash,
                                    gpointer    user_data);

void      msk_srv_auth_check_password_async (MskSrvCtx          *ctx,
                                             const char         *password,
                                             const char         *hash,
                                             MskSrvAuthDoneFunc  done,
                                             gpointer            user_data);
void      msk_srv_auth_hash_password_async  (MskSrvCtx          *ctx,
                                             const char         *password,
                                             MskSrvAuthDoneFunc  done,
                                             gpointer            user_data);

/* Failed sign-ins per username, and the wait they impose. */
typedef struct _MskSrvSignIns MskSrvSignIns;

MskSrvSignIns *msk_srv_sign_ins_new     (void);
void      msk_srv_sign_ins_free         (MskSrvSignIns *self);
gboolean  msk_srv_sign_ins_begin        (MskSrvSignIns *self,
                                         const char    *username,
                                         guint         *retry_after);
void      msk_srv_sign_ins_end          (MskSrvSignIns *self,
                                         const char    *username,
                                         gboolean       succeeded);

G_END_DECLS
