/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-server-db.h"

G_BEGIN_DECLS

gboolean msk_srv_demo_load (MskServerDb  *db,
                            GError      **error);

G_END_DECLS
