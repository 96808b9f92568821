/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-context.h"

G_BEGIN_DECLS

#define MSK_TYPE_PORTALS_GROUP (msk_portals_group_get_type ())

G_DECLARE_FINAL_TYPE (MskPortalsGroup, msk_portals_group, MSK, PORTALS_GROUP,
                      AdwPreferencesGroup)

GtkWidget *msk_portals_group_new (MskContext *context);

G_END_DECLS
