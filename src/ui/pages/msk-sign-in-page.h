/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_SIGN_IN_PAGE (msk_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (MskSignInPage, msk_sign_in_page, MSK, SIGN_IN_PAGE, MskPage)

GtkWidget *msk_sign_in_page_new              (MskContext          *context,
                                              gboolean             create);
void       msk_sign_in_page_set_create       (MskSignInPage       *self,
                                              gboolean             create);
gboolean   msk_sign_in_page_get_create       (MskSignInPage       *self);

void       msk_page_ensure_signed_in_async   (MskPage             *page,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean   msk_page_ensure_signed_in_finish  (MskPage             *page,
                                              GAsyncResult        *result,
                                              GError             **error);
void       msk_page_ensure_may_take_part_async (MskPage           *page,
                                                GCancellable      *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer           user_data);
gboolean   msk_page_ensure_may_take_part_finish (MskPage          *page,
                                                 GAsyncResult     *result,
                                                 GError          **error);

G_END_DECLS
