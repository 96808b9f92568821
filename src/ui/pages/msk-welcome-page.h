/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_WELCOME_PAGE (msk_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (MskWelcomePage, msk_welcome_page, MSK, WELCOME_PAGE, MskPage)

GtkWidget *msk_welcome_page_new         (MskContext     *context);
void       msk_welcome_page_set_refused (MskWelcomePage *self,
                                         const char     *address,
                                         const char     *reason);

G_END_DECLS
