/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-client.h"

G_BEGIN_DECLS

#define MSK_TYPE_FEEDBACK_BOX (msk_feedback_box_get_type ())

G_DECLARE_FINAL_TYPE (MskFeedbackBox, msk_feedback_box, MSK, FEEDBACK_BOX, AdwBin)

GtkWidget *msk_feedback_box_new       (void);
void       msk_feedback_box_set_topic (MskFeedbackBox *self,
                                       MskClient      *client,
                                       MskTopic       *topic);

G_END_DECLS
