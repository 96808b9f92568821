/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-context.h"
#include "msk-focus-speaker.h"
#include "msk-page-private.h"
#include "msk-public-bar.h"
#include "msk-reader-bar.h"
#include "msk-window.h"

G_BEGIN_DECLS

struct _MskWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  MskContext           *context;
  GSettings            *settings;
  MskFocusSpeaker      *focus_speaker;
  GPtrArray            *back_stack;   /* (element-type MskBackEntry): the home page first */
  GBindingGroup        *page_bindings;

  /* Template widgets */
  GtkWidget            *content_box;
  GtkWidget            *header_bar;
  GtkWidget            *tools_slot;
  GtkWidget            *tools_box;
  GtkWidget            *text_size_box;
  GtkWidget            *narrow_bar;
  GtkWidget            *narrow_tools_slot;
  GtkLabel             *narrow_title;
  GtkWidget            *back_button;
  GtkWidget            *help_button;
  AdwWindowTitle       *window_title;
  GtkButton            *language_button;
  GtkWidget            *text_smaller_button;
  GtkWidget            *text_larger_button;
  AdwToastOverlay      *toast_overlay;
  GtkToggleButton      *read_aloud_button;
  GtkMenuButton        *menu_button;
  GtkPopover           *menu_popover;
  GtkLabel             *account_label;
  GtkWidget            *sign_in_item;
  GtkWidget            *create_account_item;
  GtkWidget            *sign_out_item;
  GtkWidget            *moderation_item;
  GtkWidget            *assisted_item;
  GtkWidget            *practice_item;
  GtkRevealer          *reader_revealer;
  MskReaderBar         *reader_bar;
  MskPublicBar         *public_bar;
  GtkStack             *stack;

  /* State */
  guint                 page_serial;
  gboolean              narrow;       /* the header on two rows */
  gboolean              laid_out;     /* allocated once: the focus can be placed */
  gboolean              assisted;     /* an assisted session's window */
};

void msk_window_class_add_actions (GtkWidgetClass *widget_class);
void msk_window_update_actions    (MskWindow      *self);
void msk_window_update_account    (MskWindow      *self);

G_END_DECLS
