/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-context.h"

G_BEGIN_DECLS

#define MSK_TYPE_PREFERENCES_PAGE (msk_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (MskPreferencesPage, msk_preferences_page, MSK, PREFERENCES_PAGE,
                      AdwPreferencesPage)

GtkWidget *msk_preferences_page_new (GSettings  *settings,
                                     MskContext *context);

void       msk_preferences_page_add_public_computer (MskPreferencesPage *self,
                                                     GSettings          *machine,
                                                     gboolean            forced,
                                                     const char         *note);

G_END_DECLS
