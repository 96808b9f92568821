/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

/* The request header that names the assisted session a submission is made in. */
#define MSK_SRV_ASSISTED_HEADER "Musharaka-Assisted-Session"

gboolean  msk_srv_assisted_lookup      (MskSrvCtx    *ctx,
                                        gint64       *staff_id);
void      msk_srv_assisted_bind        (sqlite3_stmt *stmt,
                                        int           index,
                                        gint64        staff_id);
gboolean  msk_srv_assisted_may_see     (MskSrvCtx    *ctx);
void      msk_srv_assisted_add_fields  (MskSrvCtx    *ctx,
                                        JsonBuilder  *builder,
                                        sqlite3_stmt *stmt,
                                        int           col);

G_END_DECLS
