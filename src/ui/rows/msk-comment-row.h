/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-comment.h"

G_BEGIN_DECLS

#define MSK_TYPE_COMMENT_ROW (msk_comment_row_get_type ())
G_DECLARE_FINAL_TYPE (MskCommentRow, msk_comment_row, MSK, COMMENT_ROW, GtkListBoxRow)

GtkWidget  *msk_comment_row_new         (MskComment    *comment,
                                         const char    *parent_author,
                                         gboolean       can_reply);
MskComment *msk_comment_row_get_comment (MskCommentRow *self);
void        msk_comment_row_set_flagged (MskCommentRow *self,
                                         const char    *message,
                                         gboolean       done);

G_END_DECLS
