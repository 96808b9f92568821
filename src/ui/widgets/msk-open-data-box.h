/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-client.h"

G_BEGIN_DECLS

#define MSK_TYPE_OPEN_DATA_BOX (msk_open_data_box_get_type ())

G_DECLARE_FINAL_TYPE (MskOpenDataBox, msk_open_data_box, MSK, OPEN_DATA_BOX, AdwBin)

GtkWidget *msk_open_data_box_new       (void);
void       msk_open_data_box_set_topic (MskOpenDataBox *self,
                                        MskClient      *client,
                                        MskTopic       *topic);

G_END_DECLS
