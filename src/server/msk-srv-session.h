/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-server-db.h"

G_BEGIN_DECLS

gint64 msk_srv_add_user_with_hash (MskServerDb *db,
                                   const char  *username,
                                   const char  *display_name,
                                   const char  *hash,
                                   const char  *roles);
gint64 msk_srv_add_user (MskServerDb *db,
                         const char  *username,
                         const char  *display_name,
                         const char  *password,
                         const char  *roles);

G_END_DECLS
