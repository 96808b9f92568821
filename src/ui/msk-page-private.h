/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

/* For the window's back stack only. */
void msk_page_set_shown (MskPage  *self,
                         gboolean  shown);
void msk_page_leave     (MskPage  *self);

G_END_DECLS
