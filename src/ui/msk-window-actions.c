/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions: every move between pages is one of them, with a
 * parameter, so that tiles, rows, links and shortcuts share one path. */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-sections.h"
#include "msk-topic-text.h"
#include "msk-window-private.h"
#include "pages/msk-request-page.h"
#include "pages/msk-section-page.h"
#include "pages/msk-sign-in-page.h"

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
show_topic_page_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  const char *kind;
  gint64 topic_id;

  g_variant_get (param, "(&sx)", &kind, &topic_id);
  msk_window_show_topic_page (MSK_WINDOW (widget), kind, topic_id);
}

/* An appeal on an information request, filled in from it: its tracking
 * number and why (late or refused). */
static void
show_appeal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MskWindow *self = MSK_WINDOW (widget);
  const char *jurisdiction, *tracking, *reason;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *description = NULL;

  g_variant_get (param, "(&s&s&s)", &jurisdiction, &tracking, &reason);
  /* the page keeps them: copies, not the action's parameter */
  g_hash_table_insert (values, (gpointer) "original_request", g_strdup (tracking));
  g_hash_table_insert (values, (gpointer) "reason", g_strdup (reason));
  description = g_strdup_printf (g_str_equal (reason, "refused")
                                 /* Translators: %s is a tracking number */
                                 ? _("I appeal against the refusal of my information request %s.")
                                 /* Translators: %s is a tracking number */
                                 : _("I appeal because my information request %s was not "
                                     "answered in time."), tracking);
  msk_window_push_page (self, MSK_PAGE (msk_request_page_new_for_service (
                                          self->context, *jurisdiction ? jurisdiction : NULL,
                                          "information_appeal", values, description)));
}

static void
show_moderation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  msk_window_show_moderation (MSK_WINDOW (widget));
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

/* The account: signing in, creating one and signing out of the current
 * portal. */

static void
show_sign_in (MskWindow *self,
              gboolean   create)
{
  MskPage *visible = msk_window_get_visible_page (self);

  if (self->context == NULL || msk_context_get_portal (self->context) == NULL)
    return;
  /* Already open: it switches to what was asked. */
  if (MSK_IS_SIGN_IN_PAGE (visible))
    {
      msk_sign_in_page_set_create (MSK_SIGN_IN_PAGE (visible), create);
      return;
    }
  msk_window_push_page (self, MSK_PAGE (msk_sign_in_page_new (self->context, create)));
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  show_sign_in (MSK_WINDOW (widget), FALSE);
}

static void
create_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  show_sign_in (MSK_WINDOW (widget), TRUE);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MskWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Signed out on this computer whatever the portal said: the token is
   * forgotten here. */
  if (!msk_auth_sign_out_finish (MSK_AUTH (source), result, &error))
    g_debug ("Sign out: %s", error->message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s",
                              _("You are signed out. Reading needs no account."));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MskWindow *self = MSK_WINDOW (widget);
  MskPortal *portal = self->context != NULL ? msk_context_get_portal (self->context) : NULL;

  if (portal == NULL || !msk_context_get_signed_in (self->context))
    return;
  msk_auth_sign_out_async (msk_context_get_auth (self->context), msk_portal_get_base_url (portal),
                           NULL, signed_out_cb, g_object_ref (self));
}

/**
 * msk_window_update_account:
 *
 * The header says who is signed in, and the menu offers what can be done
 * with the account now.
 */
void
msk_window_update_account (MskWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  gboolean has_portal;
  gboolean moderator;
  gboolean staff;
  gboolean practice;

  has_portal = self->context != NULL && msk_context_get_portal (self->context) != NULL;
  name = has_portal ? msk_context_dup_account_name (self->context) : NULL;
  if (name != NULL)
    {
      /* A name in the other script keeps its place in the sentence. */
      g_autofree char *isolated = msk_topic_text_isolate (name);

      /* Translators: %s is the name of the account signed in */
      text = g_strdup_printf (_("Signed in as %s"), isolated);
    }

  adw_window_title_set_subtitle (self->window_title, text != NULL ? text : "");
  gtk_label_set_text (self->account_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), text != NULL);
  gtk_widget_set_visible (self->sign_in_item, has_portal && name == NULL);
  gtk_widget_set_visible (self->create_account_item, has_portal && name == NULL);
  gtk_widget_set_visible (self->sign_out_item, name != NULL);
  /* A moderator reviews the comments from here. */
  moderator = name != NULL
              && msk_auth_has_role (msk_context_get_auth (self->context),
                                    msk_portal_get_base_url (msk_context_get_portal (self->context)),
                                    "moderator");
  gtk_widget_set_visible (self->moderation_item, moderator);
  /* Staff of a service center help a citizen from here, and show or train
   * on the practice portal. */
  staff = name != NULL && !self->assisted
          && msk_auth_has_role (msk_context_get_auth (self->context),
                                msk_portal_get_base_url (msk_context_get_portal (self->context)),
                                "staff");
  gtk_widget_set_visible (self->assisted_item, staff);
  practice = has_portal && msk_portal_get_is_demo (msk_context_get_portal (self->context));
  gtk_widget_set_visible (self->practice_item, !practice);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-moderation", moderator);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in", has_portal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-account", has_portal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", name != NULL);
  /* The menu button says it too: the header's subtitle goes in a narrow
   * window. */
  msk_a11y_set_description (GTK_WIDGET (self->menu_button), text);
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
  gtk_widget_class_install_action (widget_class, "win.show-topic-page", "(sx)",
                                   show_topic_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-policy", "s", show_policy_action);
  gtk_widget_class_install_action (widget_class, "win.show-appeal", "(sss)", show_appeal_action);
  gtk_widget_class_install_action (widget_class, "win.show-moderation", NULL,
                                   show_moderation_action);
  gtk_widget_class_install_action (widget_class, "win.show-welcome", NULL, show_welcome_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.create-account", NULL,
                                   create_account_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);

  /* Escape goes back, as in libadwaita's navigation; Alt+Left (Alt+Right
   * right to left) are the application's accelerators. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);
}
