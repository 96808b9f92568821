/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-context.h"

G_BEGIN_DECLS

#define MSK_TYPE_COMPOSER (msk_composer_get_type ())
G_DECLARE_FINAL_TYPE (MskComposer, msk_composer, MSK, COMPOSER, GtkWidget)

void        msk_composer_set_context   (MskComposer *self,
                                        MskContext  *context,
                                        const char  *topic_key);
void        msk_composer_set_length    (MskComposer *self,
                                        guint        min_chars,
                                        guint        max_chars);
char       *msk_composer_dup_text      (MskComposer *self);
void        msk_composer_set_text      (MskComposer *self,
                                        const char  *text);
gboolean    msk_composer_validate      (MskComposer *self);
void        msk_composer_set_error     (MskComposer *self,
                                        const char  *message);
GtkWidget  *msk_composer_get_text_view (MskComposer *self);

G_END_DECLS
