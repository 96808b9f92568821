/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_HOME_PAGE (msk_home_page_get_type ())

G_DECLARE_FINAL_TYPE (MskHomePage, msk_home_page, MSK, HOME_PAGE, MskPage)

GtkWidget *msk_home_page_new      (MskContext  *context);
GtkWidget *msk_home_page_get_tile (MskHomePage *self,
                                   const char  *section);

G_END_DECLS
