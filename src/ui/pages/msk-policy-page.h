/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_POLICY_PAGE (msk_policy_page_get_type ())

G_DECLARE_FINAL_TYPE (MskPolicyPage, msk_policy_page, MSK, POLICY_PAGE, MskPage)

GtkWidget *msk_policy_page_new                   (MskContext           *context,
                                                  const char           *name);
gboolean   msk_policy_page_get_asks              (MskPolicyPage        *self);

void       msk_page_ensure_policy_accepted_async (MskPage              *page,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean   msk_page_ensure_policy_accepted_finish (MskPage             *page,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
