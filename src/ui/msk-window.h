/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-application.h"
#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_WINDOW (msk_window_get_type ())

G_DECLARE_FINAL_TYPE (MskWindow, msk_window, MSK, WINDOW, AdwApplicationWindow)

MskWindow  *msk_window_new              (MskApplication *application);
MskContext *msk_window_get_context      (MskWindow      *self);
const char *msk_window_get_section      (MskWindow      *self);
void        msk_window_show_section     (MskWindow      *self,
                                         const char     *section);
void        msk_window_show_tag         (MskWindow      *self,
                                         const char     *tag);
void        msk_window_show_topic       (MskWindow      *self,
                                         gint64          topic_id);
void        msk_window_show_topic_page  (MskWindow      *self,
                                         const char     *kind,
                                         gint64          topic_id);
void        msk_window_show_policy      (MskWindow      *self,
                                         const char     *name);
MskPage    *msk_window_show_welcome     (MskWindow      *self);
void        msk_window_show_moderation  (MskWindow      *self);
void        msk_window_show_submission  (MskWindow      *self,
                                         const char     *tracking);
void        msk_window_push_page        (MskWindow      *self,
                                         MskPage        *page);
gboolean    msk_window_pop_page         (MskWindow      *self);
MskPage    *msk_window_get_visible_page (MskWindow      *self);
guint       msk_window_get_n_pages      (MskWindow      *self);
void        msk_window_update_text_size (MskWindow      *self);
void        msk_window_start_public_session (MskWindow *self,
                                             guint      idle_timeout);
void        msk_window_finish_public_session (MskWindow *self);
void        msk_window_show_public_cleared (MskWindow  *self,
                                            const char *message);
void        msk_window_start_assisted_session (MskWindow  *self,
                                               const char *staff_name);

G_END_DECLS
