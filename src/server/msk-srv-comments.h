/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

/* The columns of a comment (c), joined with its author (u); the last,
 * MSK_SRV_COMMENT_COL_ASSISTED_BY, only for moderators' eyes. */
#define MSK_SRV_COMMENT_COLS \
  "c.id, c.topic_id, c.parent_id, c.depth, u.display_name, c.body, c.status, " \
  "c.reject_reason, c.created_at, c.user_id, c.path, c.assisted_by"
#define MSK_SRV_COMMENT_COL_ASSISTED_BY 11
#define MSK_SRV_COMMENT_N_COLS 12

void msk_srv_comments_add_fields (MskSrvCtx    *ctx,
                                  JsonBuilder  *b,
                                  sqlite3_stmt *stmt);
void msk_srv_comments_reply (MskSrvCtx *ctx,
                             guint      status,
                             gint64     id);

G_END_DECLS
