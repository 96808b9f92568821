/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_PARTICIPATION_PAGE (msk_participation_page_get_type ())

G_DECLARE_FINAL_TYPE (MskParticipationPage, msk_participation_page, MSK, PARTICIPATION_PAGE,
                      MskPage)

GtkWidget *msk_participation_page_new  (MskContext           *context);
void       msk_participation_page_show (MskParticipationPage *self,
                                        const char           *tracking);

G_END_DECLS
