/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

char *msk_srv_open311_tracking (gint64 request_id);
gboolean msk_srv_open311_parse_tracking (const char *text,
                                         gint64     *request_id);
const char *msk_srv_open311_form_get (MskSrvCtx  *ctx,
                                      const char *name);
gboolean msk_srv_open311_check_jurisdiction (MskSrvCtx *ctx,
                                             gint64    *entity_id);
const char *msk_srv_open311_pick (MskSrvCtx    *ctx,
                                  sqlite3_stmt *stmt,
                                  int           col_ar);
void msk_srv_open311_add_request (MskSrvCtx   *ctx,
                                  JsonBuilder *b,
                                  gint64       request_id,
                                  gboolean     extensions);
gint64 msk_srv_add_working_days (gint64 from,
                                 int    days);

G_END_DECLS
