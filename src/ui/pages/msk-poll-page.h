/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_POLL_PAGE (msk_poll_page_get_type ())

G_DECLARE_FINAL_TYPE (MskPollPage, msk_poll_page, MSK, POLL_PAGE, MskPage)

GtkWidget *msk_poll_page_new (MskContext *context,
                              gint64      topic_id);

G_END_DECLS
