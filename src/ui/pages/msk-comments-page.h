/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_COMMENTS_PAGE (msk_comments_page_get_type ())
G_DECLARE_FINAL_TYPE (MskCommentsPage, msk_comments_page, MSK, COMMENTS_PAGE, MskPage)

GtkWidget *msk_comments_page_new (MskContext *context,
                                  gint64      topic_id);

G_END_DECLS
