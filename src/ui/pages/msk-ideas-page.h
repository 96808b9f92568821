/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_IDEAS_PAGE (msk_ideas_page_get_type ())
G_DECLARE_FINAL_TYPE (MskIdeasPage, msk_ideas_page, MSK, IDEAS_PAGE, MskPage)

GtkWidget *msk_ideas_page_new (MskContext *context,
                               gint64      topic_id);

G_END_DECLS
