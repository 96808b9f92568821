/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions: every move between pages is one of them, with a
 * parameter, so that tiles, rows, links and shortcuts share one path. */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-sections.h"
#include "msk-window-private.h"
#include "pages/msk-section-page.h"

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  msk_window_pop_page (MSK_WINDOW (widget));
}

static void
go_home_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MskWindow *self = MSK_WINDOW (widget);

  while (self->back_stack->len > 1)
    msk_window_pop_page (self);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  msk_window_show_section (MSK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_topic_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  msk_window_show_topic (MSK_WINDOW (widget), g_variant_get_int64 (param));
}

static void
show_policy_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  msk_window_show_policy (MSK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_welcome_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  msk_window_show_welcome (MSK_WINDOW (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MskPage *page = msk_window_get_visible_page (MSK_WINDOW (widget));

  if (page != NULL)
    msk_page_reload (page);
}

/* libadwaita 1.2 gives a message's close button no name: a screen reader
 * would say "GtkImage". Every close button the messages show gets one. */
static void
name_close_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Close the message"), -1);
          /* Not labelled by its unnamed icon either. */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY);
        }
      name_close_buttons (child);
    }
}

/* Only the messages: the overlay's children beside the window's content. */
static void
name_message_buttons (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      name_close_buttons (child);
}

static gboolean
name_message_buttons_idle (gpointer data)
{
  g_autoptr(AdwToastOverlay) overlay = data;

  name_message_buttons (overlay);
  return G_SOURCE_REMOVE;
}

/* The next message is shown once this one goes. */
static void
toast_dismissed_cb (AdwToast        *toast,
                    AdwToastOverlay *overlay)
{
  g_idle_add (name_message_buttons_idle, g_object_ref (overlay));
}

static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MskWindow *self = MSK_WINDOW (widget);
  AdwToast *toast = adw_toast_new (g_variant_get_string (param, NULL));

  /* Messages stay until dismissed: nobody has to read against a clock. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb),
                           self->toast_overlay, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  name_message_buttons (self->toast_overlay);
  msk_a11y_announce (widget, g_variant_get_string (param, NULL), MSK_A11Y_PRIORITY_HIGH);
}

/* Only what can be done now is enabled: back on the home page is not. */
void
msk_window_update_actions (MskWindow *self)
{
  gboolean can_pop = self->back_stack->len > 1;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", can_pop);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-home", can_pop);
}

void
msk_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-home", NULL, go_home_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-topic", "x", show_topic_action);
  gtk_widget_class_install_action (widget_class, "win.show-policy", "s", show_policy_action);
  gtk_widget_class_install_action (widget_class, "win.show-welcome", NULL, show_welcome_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);

  /* Escape goes back, as in libadwaita's navigation; Alt+Left (Alt+Right
   * right to left) are the application's accelerators. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);
}
