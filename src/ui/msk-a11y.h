/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How urgently a screen reader should say a message; the values match
 * GtkAccessibleAnnouncementPriority (GTK 4.14). */
typedef enum
{
  MSK_A11Y_PRIORITY_LOW,
  MSK_A11Y_PRIORITY_MEDIUM,
  MSK_A11Y_PRIORITY_HIGH,
} MskA11yPriority;

void msk_a11y_announce             (GtkWidget       *widget,
                                    const char      *message,
                                    MskA11yPriority  priority);
void msk_a11y_announce_when_settled (GtkWindow      *window,
                                     const char     *message,
                                     MskA11yPriority priority);
void msk_a11y_set_description      (GtkWidget       *widget,
                                    const char      *description);
void msk_a11y_set_list_item_label  (GtkListItem     *item,
                                    const char      *label);
void msk_a11y_name_containers      (GtkWidget       *root,
                                    const char      *name);
void msk_a11y_keep_label           (GtkWidget       *widget);
void msk_a11y_grab_focus_when_shown (GtkWidget       *widget);

G_END_DECLS
