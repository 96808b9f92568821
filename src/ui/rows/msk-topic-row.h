/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-topic.h"

G_BEGIN_DECLS

#define MSK_TYPE_TOPIC_ROW (msk_topic_row_get_type ())

G_DECLARE_FINAL_TYPE (MskTopicRow, msk_topic_row, MSK, TOPIC_ROW, GtkListBoxRow)

GtkWidget *msk_topic_row_new       (MskTopic    *topic,
                                    const char  *entity_name);
MskTopic  *msk_topic_row_get_topic (MskTopicRow *self);

G_END_DECLS
