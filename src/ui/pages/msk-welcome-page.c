/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-language.h"
#include "msk-page-layout.h"
#include "msk-policy-page.h"
#include "msk-welcome-page.h"
#include "msk-window.h"

/**
 * MskWelcomePage:
 *
 * The first run: choose the practice portal, or a portal by its address,
 * which is checked (it must answer `/v1/entities` as a portal does) before
 * it is saved. Then the texts to agree with before taking part.
 */
struct _MskWelcomePage
{
  MskPage    parent_instance;

  /* Unowned: children of the page */
  GtkWidget *practice_button;
  GtkEntry  *address_entry;
  GtkWidget *open_button;
  GtkLabel  *status_label;

  /* Owned */
  GCancellable *check;
};

G_DEFINE_FINAL_TYPE (MskWelcomePage, msk_welcome_page, MSK_TYPE_PAGE)

static void
msk_welcome_page_dispose (GObject *object)
{
  MskWelcomePage *self = MSK_WELCOME_PAGE (object);

  g_cancellable_cancel (self->check);
  g_clear_object (&self->check);

  G_OBJECT_CLASS (msk_welcome_page_parent_class)->dispose (object);
}

static void
msk_welcome_page_class_init (MskWelcomePageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = msk_welcome_page_dispose;
}

static void
msk_welcome_page_init (MskWelcomePage *self)
{
}

/* The first run ends on the home page, whatever the person chose. */
static void
policy_decided_cb (MskPolicyPage *policy,
                   gboolean       accepted)
{
  gtk_widget_activate_action (GTK_WIDGET (policy), "win.go-home", NULL);
}

static void
chosen (MskWelcomePage *self,
        const char     *portal)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), MSK_TYPE_WINDOW);
  GtkWidget *policy;

  gtk_widget_activate_action (GTK_WIDGET (self), "app.use-portal", "s", portal);
  if (window == NULL)
    return;

  if (msk_context_get_policy_accepted (context))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.go-home", NULL);
      return;
    }
  policy = msk_policy_page_new (context, "accept");
  g_signal_connect (policy, "decided", G_CALLBACK (policy_decided_cb), NULL);
  msk_window_push_page (MSK_WINDOW (window), MSK_PAGE (policy));
}

static void
practice_clicked_cb (MskWelcomePage *self)
{
  chosen (self, "practice");
}

static void
set_status (MskWelcomePage *self,
            const char     *text,
            gboolean        is_error)
{
  msk_page_layout_show_status (self->status_label, text, is_error);
  /* Said where the person is: on the field they typed in. */
  msk_a11y_set_description (GTK_WIDGET (self->address_entry), text);
  if (text != NULL)
    msk_a11y_announce (GTK_WIDGET (self->address_entry), text,
                       is_error ? MSK_A11Y_PRIORITY_HIGH : MSK_A11Y_PRIORITY_MEDIUM);
}

static void
say_refused (MskWelcomePage *self,
             const char     *reason)
{
  /* Translators: %s says why, in plain words */
  g_autofree char *text = g_strdup_printf (_("This portal cannot be used: %s"), reason);

  set_status (self, text, TRUE);
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MskWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPortal) portal = NULL;

  portal = msk_portal_list_add_by_url_finish (MSK_PORTAL_LIST (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->address_entry), TRUE);
  gtk_widget_set_sensitive (self->open_button, TRUE);
  if (portal == NULL)
    {
      say_refused (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
      return;
    }

  set_status (self, NULL, FALSE);
  chosen (self, msk_portal_get_base_url (portal));
}

static void
open_clicked_cb (MskWelcomePage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (
                                GTK_EDITABLE (self->address_entry))));

  if (*address == '\0')
    {
      set_status (self, _("Type the address of the portal first, for example "
                          "https://portal.example.sa"), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
      return;
    }
  if (context == NULL || msk_context_get_portals (context) == NULL)
    return;

  g_cancellable_cancel (self->check);
  g_clear_object (&self->check);
  self->check = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_entry), FALSE);
  gtk_widget_set_sensitive (self->open_button, FALSE);
  set_status (self, _("Checking the address…"), FALSE);
  msk_portal_list_add_by_url_async (msk_context_get_portals (context), address, self->check,
                                    added_cb, g_object_ref (self));
}

/**
 * msk_welcome_page_set_refused:
 * @address: the address that was refused
 * @reason: why, in plain words
 *
 * Says why a portal named elsewhere (with `--portal`) cannot be used,
 * with its address in the field, to correct or to replace.
 */
void
msk_welcome_page_set_refused (MskWelcomePage *self,
                              const char     *address,
                              const char     *reason)
{
  g_return_if_fail (MSK_IS_WELCOME_PAGE (self));
  g_return_if_fail (address != NULL);
  g_return_if_fail (reason != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), address);
  say_refused (self, reason);
}

GtkWidget *
msk_welcome_page_new (MskContext *context)
{
  MskWelcomePage *self;
  GtkWidget *scrolled;
  GtkWidget *box;
  GtkWidget *practice_box;
  GtkWidget *label;
  GtkWidget *address_label;

  self = g_object_new (MSK_TYPE_WELCOME_PAGE,
                       "context", context,
                       "title", _("Choose a portal"),
                       "tag", "welcome",
                       NULL);

  box = msk_page_layout_box ();

  gtk_box_append (GTK_BOX (box), msk_page_layout_heading (_("Welcome to Musharaka"), "title-1", 1));
  gtk_box_append (GTK_BOX (box),
                  msk_page_layout_label (_("Musharaka connects to a participation portal, where public "
                                "bodies put their topics to the public. Choose the portal to "
                                "open. You can add others and change this later in "
                                "Preferences."), NULL));

  /* The practice portal: one large button, saying what it is. */
  practice_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = msk_page_layout_label (_("Practice portal"), "title-3");
  gtk_box_append (GTK_BOX (practice_box), label);
  gtk_box_append (GTK_BOX (practice_box),
                  msk_page_layout_label (_("Runs on this computer, with example topics. Try everything "
                                "here: nothing you send reaches a public body."), NULL));
  self->practice_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->practice_button), practice_box);
  gtk_widget_add_css_class (self->practice_button, "card");
  gtk_widget_add_css_class (self->practice_button, "msk-tile");
  gtk_widget_set_name (self->practice_button, "practice");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->practice_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open the practice portal"),
                                  -1);
  msk_a11y_set_description (self->practice_button,
                            _("Runs on this computer, with example topics. Try everything "
                              "here: nothing you send reaches a public body."));
  g_signal_connect_swapped (self->practice_button, "clicked", G_CALLBACK (practice_clicked_cb),
                            self);
  gtk_box_append (GTK_BOX (box), self->practice_button);

  /* A portal by its address. */
  gtk_box_append (GTK_BOX (box), msk_page_layout_heading (_("Or a portal by its address"), "title-3", 2));
  address_label = gtk_label_new_with_mnemonic (_("Portal _address"));
  gtk_label_set_xalign (GTK_LABEL (address_label), 0);
  gtk_box_append (GTK_BOX (box), address_label);
  self->address_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_input_purpose (self->address_entry, GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (self->address_entry, "https://portal.example.sa");
  gtk_entry_set_activates_default (self->address_entry, FALSE);
  /* Web addresses read left to right, in Arabic too. */
  gtk_widget_set_direction (GTK_WIDGET (self->address_entry), GTK_TEXT_DIR_LTR);
  gtk_widget_set_name (GTK_WIDGET (self->address_entry), "address");
  /* The mnemonic names the field for screen readers too. */
  gtk_label_set_mnemonic_widget (GTK_LABEL (address_label), GTK_WIDGET (self->address_entry));
  g_signal_connect_swapped (self->address_entry, "activate", G_CALLBACK (open_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->address_entry));
  gtk_box_append (GTK_BOX (box),
                  msk_page_layout_label (_("The address must start with https://, so that the "
                                "connection is private."), "dim-label"));

  self->open_button = gtk_button_new_with_label (_("Check and open this portal"));
  gtk_widget_set_halign (self->open_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->open_button, "pill");
  gtk_widget_set_name (self->open_button, "open");
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (open_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->open_button);

  /* Shown when there is something to say; it is said on the field too. */
  self->status_label = GTK_LABEL (msk_page_layout_label (NULL, NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_widget_set_name (GTK_WIDGET (self->status_label), "status");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));

  scrolled = msk_page_layout_scrolled (box, 700, _("Choose a portal"));
  adw_bin_set_child (ADW_BIN (self), scrolled);

  return GTK_WIDGET (self);
}
