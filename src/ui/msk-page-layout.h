/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *msk_page_layout_label    (const char *text,
                                     const char *css_class);
GtkWidget *msk_page_layout_heading  (const char *text,
                                     const char *css_class,
                                     int         level);
GtkWidget *msk_page_layout_box      (void);
void       msk_page_layout_wrap_labels (GtkWidget *root);
GtkWidget *msk_page_layout_scrolled (GtkWidget  *box,
                                     int         maximum_width,
                                     const char *name);

GtkWidget *msk_page_layout_text_area (int         min_height,
                                      GtkWidget **text_view);
void       msk_page_layout_unselect_on_focus (GtkLabel   *label,
                                              GParamSpec *pspec,
                                              gpointer    user_data);
char      *msk_page_layout_dup_ascii_digits (const char *text);
void       msk_page_layout_name_buttons (GtkWidget  *flow_box,
                                         const char *name);
void       msk_page_layout_show_status (GtkLabel   *label,
                                        const char *text,
                                        gboolean    is_error);

G_END_DECLS
