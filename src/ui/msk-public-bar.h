/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-context.h"

G_BEGIN_DECLS

#define MSK_TYPE_PUBLIC_BAR (msk_public_bar_get_type ())

G_DECLARE_FINAL_TYPE (MskPublicBar, msk_public_bar, MSK, PUBLIC_BAR, GtkBox)

/* The last part of the idle time, in seconds, in which the bar warns. */
#define MSK_PUBLIC_BAR_WARNING_SECONDS 60

GtkWidget  *msk_public_bar_new              (void);
void        msk_public_bar_set_context      (MskPublicBar *self,
                                             MskContext   *context);
void        msk_public_bar_set_idle_timeout (MskPublicBar *self,
                                             guint         seconds);
void        msk_public_bar_set_assisted     (MskPublicBar *self,
                                             const char   *staff_name);
void        msk_public_bar_show_cleared     (MskPublicBar *self,
                                             const char   *message);
void        msk_public_bar_activity         (MskPublicBar *self);
void        msk_public_bar_finish           (MskPublicBar *self);
char       *msk_public_bar_dup_time_left    (guint         seconds);

G_END_DECLS
