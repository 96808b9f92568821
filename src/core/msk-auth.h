/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-http.h"

G_BEGIN_DECLS

#define MSK_TYPE_AUTH (msk_auth_get_type ())
G_DECLARE_FINAL_TYPE (MskAuth, msk_auth, MSK, AUTH, GObject)

MskAuth  *msk_auth_new              (MskHttp              *http,
                                     gboolean              use_keyring);
gboolean  msk_auth_get_uses_keyring (MskAuth              *self);
char     *msk_auth_dup_token        (MskAuth              *self,
                                     const char           *portal);
gboolean  msk_auth_is_loaded        (MskAuth              *self,
                                     const char           *portal);
void      msk_auth_ensure_loaded    (MskAuth              *self,
                                     const char           *portal);
char     *msk_auth_dup_user         (MskAuth              *self,
                                     const char           *portal);
char     *msk_auth_dup_user_key     (MskAuth              *self,
                                     const char           *portal);
gboolean  msk_auth_is_signed_in_as  (MskAuth              *self,
                                     const char           *key);
char     *msk_auth_dup_display_name (MskAuth              *self,
                                     const char           *portal);
void      msk_auth_token_refused    (MskAuth              *self,
                                     const char           *portal,
                                     const char           *token);
gboolean  msk_auth_has_role         (MskAuth              *self,
                                     const char           *portal,
                                     const char           *role);
void      msk_auth_set_sign_in      (MskAuth              *self,
                                     const char           *portal,
                                     const char           *token,
                                     const char           *user);
void      msk_auth_sign_in_async    (MskAuth              *self,
                                     const char           *portal,
                                     const char           *username,
                                     const char           *password,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  msk_auth_sign_in_finish   (MskAuth              *self,
                                     GAsyncResult         *result,
                                     GError              **error);
void      msk_auth_create_account_async  (MskAuth         *self,
                                          const char      *portal,
                                          const char      *username,
                                          const char      *display_name,
                                          const char      *password,
                                          GCancellable    *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer         user_data);
gboolean  msk_auth_create_account_finish (MskAuth         *self,
                                          GAsyncResult    *result,
                                          GHashTable     **field_errors,
                                          GError         **error);
void      msk_auth_load_async       (MskAuth              *self,
                                     const char           *portal,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  msk_auth_load_finish      (MskAuth              *self,
                                     GAsyncResult         *result,
                                     GError              **error);
void      msk_auth_restore_async    (MskAuth              *self,
                                     const char           *portal,
                                     const char           *secret,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  msk_auth_restore_finish   (MskAuth              *self,
                                     GAsyncResult         *result,
                                     GError              **error);
char     *msk_auth_dup_secret       (MskAuth              *self,
                                     const char           *portal);
void      msk_auth_sign_out_async   (MskAuth              *self,
                                     const char           *portal,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  msk_auth_sign_out_finish  (MskAuth              *self,
                                     GAsyncResult         *result,
                                     GError              **error);
void      msk_auth_sign_out_all_async  (MskAuth           *self,
                                        GCancellable      *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer           user_data);
gboolean  msk_auth_sign_out_all_finish (MskAuth           *self,
                                        GAsyncResult      *result,
                                        GError           **error);

G_END_DECLS
