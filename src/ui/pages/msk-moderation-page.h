/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_MODERATION_PAGE (msk_moderation_page_get_type ())
G_DECLARE_FINAL_TYPE (MskModerationPage, msk_moderation_page, MSK, MODERATION_PAGE, MskPage)

GtkWidget *msk_moderation_page_new (MskContext *context);

G_END_DECLS
