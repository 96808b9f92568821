/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-topic.h"

G_BEGIN_DECLS

const char *msk_topic_text_kind         (const char *kind);
const char *msk_topic_text_status       (const char *status);
char       *msk_topic_text_isolate      (const char *text);
char       *msk_topic_text_dup_date     (GDateTime  *datetime,
                                         gboolean    with_time);
char       *msk_topic_text_dup_when     (MskTopic   *topic);
char       *msk_topic_text_dup_sentence (MskTopic   *topic,
                                         const char *entity_name);

G_END_DECLS
