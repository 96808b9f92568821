/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_TOPICS_PAGE (msk_topics_page_get_type ())

G_DECLARE_FINAL_TYPE (MskTopicsPage, msk_topics_page, MSK, TOPICS_PAGE, MskPage)

GtkWidget *msk_topics_page_new (MskContext *context);

G_END_DECLS
