/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_TOPIC_PAGE (msk_topic_page_get_type ())

G_DECLARE_FINAL_TYPE (MskTopicPage, msk_topic_page, MSK, TOPIC_PAGE, MskPage)

GtkWidget *msk_topic_page_new          (MskContext   *context,
                                        gint64        topic_id);

G_END_DECLS
