/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-error.h"
#include "msk-page-layout.h"
#include "msk-policy-page.h"
#include "msk-sign-in-page.h"
#include "msk-topic-text.h"
#include "msk-window.h"

/**
 * MskSignInPage:
 *
 * Signing in to the current portal, or creating an account on it: the
 * fields with visible labels, and whatever the portal refuses said next to
 * the field at fault, which gets the focus, and to a screen reader. Once
 * signed in, the page says so and goes: the person is back where they
 * were. Reading never needs it.
 */
struct _MskSignInPage
{
  MskPage      parent_instance;

  /* Template widgets */
  GtkLabel    *heading;
  GtkLabel    *intro_label;
  GtkWidget   *display_name_box;
  GtkEditable *display_name_entry;
  GtkLabel    *display_name_error;
  GtkEditable *username_entry;
  GtkLabel    *username_error;
  GtkEditable *password_entry;
  GtkLabel    *password_error;
  GtkLabel    *status_label;
  GtkButton   *submit_button;
  GtkButton   *switch_button;

  /* State */
  gboolean     create;   /* creating an account, rather than signing in */
  gboolean     busy;
};

G_DEFINE_FINAL_TYPE (MskSignInPage, msk_sign_in_page, MSK_TYPE_PAGE)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A field, its error label and the JSON pointer the portal names it by. */
typedef struct
{
  GtkEditable *entry;
  GtkLabel    *error;
  const char  *pointer;
} Field;

static guint
get_fields (MskSignInPage *self,
            Field          fields[3])
{
  guint n = 0;

  if (self->create)
    fields[n++] = (Field) { self->display_name_entry, self->display_name_error, "/display_name" };
  fields[n++] = (Field) { self->username_entry, self->username_error, "/username" };
  fields[n++] = (Field) { self->password_entry, self->password_error, "/password" };
  return n;
}

static void
set_field_error (GtkEditable *entry,
                 GtkLabel    *label,
                 const char  *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  /* Said with the field whenever it has the focus, and not by color alone. */
  msk_a11y_set_description (GTK_WIDGET (entry), message);
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
clear_errors (MskSignInPage *self)
{
  Field fields[3];
  guint n = get_fields (self, fields);

  for (guint i = 0; i < n; i++)
    set_field_error (fields[i].entry, fields[i].error, NULL);
  /* the display name's, when it is hidden */
  set_field_error (self->display_name_entry, self->display_name_error, NULL);
  msk_page_layout_show_status (self->status_label, NULL, FALSE);
}

/* The first field at fault gets the focus, and the screen reader hears
 * what is wrong with it. */
static void
focus_error (MskSignInPage *self,
             GtkEditable   *entry,
             const char    *message)
{
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  if (entry == self->password_entry)
    gtk_editable_select_region (entry, 0, -1);
  msk_a11y_announce (GTK_WIDGET (entry), message, MSK_A11Y_PRIORITY_HIGH);
}

static void
update_mode (MskSignInPage *self)
{
  const char *title = self->create ? _("Create an Account") : _("Sign In");

  msk_page_set_title (MSK_PAGE (self), title);
  gtk_label_set_text (self->heading, title);
  gtk_label_set_text (self->intro_label,
                      self->create
                      ? _("An account lets you vote, answer surveys, comment and send ideas. "
                          "Others see the name you choose here, never your username. The "
                          "password needs at least 8 characters. Reading needs no account.")
                      : _("Sign in to vote, answer surveys, comment and send ideas. Reading "
                          "needs no account."));
  gtk_widget_set_visible (self->display_name_box, self->create);
  gtk_button_set_label (self->submit_button,
                        self->create ? _("Create the Account") : _("Sign In"));
  gtk_button_set_label (self->switch_button,
                        self->create ? _("I already have an account: sign in")
                                     : _("No account yet? Create one"));
  msk_page_layout_wrap_labels (GTK_WIDGET (self->submit_button));
  msk_page_layout_wrap_labels (GTK_WIDGET (self->switch_button));
  clear_errors (self);
}

static void
set_busy (MskSignInPage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->switch_button), !busy);
  gtk_editable_set_editable (self->display_name_entry, !busy);
  gtk_editable_set_editable (self->username_entry, !busy);
  gtk_editable_set_editable (self->password_entry, !busy);
}

/* Signed in: said in the window, and the person is back where they were. */
static void
signed_in (MskSignInPage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  g_autofree char *account = context != NULL ? msk_context_dup_account_name (context) : NULL;
  g_autofree char *name = msk_topic_text_isolate (account != NULL ? account : "");
  g_autofree char *text = NULL;
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), MSK_TYPE_WINDOW);

  gtk_editable_set_text (self->password_entry, "");
  /* Translators: %s is the name of the account */
  text = g_strdup_printf (_("You are signed in as %s."), name);
  g_signal_emit (self, signals[SIGNED_IN], 0);
  if (window == NULL)
    return;
  gtk_widget_activate_action (window, "win.show-message", "s", text);
  if (msk_window_get_visible_page (MSK_WINDOW (window)) == MSK_PAGE (self))
    msk_window_pop_page (MSK_WINDOW (window));
}

static void
show_failure (MskSignInPage *self,
              GHashTable    *field_errors,
              const GError  *error)
{
  Field fields[3];
  guint n = get_fields (self, fields);
  GtkEditable *first = NULL;
  const char *first_message = NULL;

  if (field_errors != NULL)
    for (guint i = 0; i < n; i++)
      {
        const char *message = g_hash_table_lookup (field_errors, fields[i].pointer);

        if (message == NULL)
          continue;
        set_field_error (fields[i].entry, fields[i].error, message);
        if (first == NULL)
          {
            first = fields[i].entry;
            first_message = message;
          }
      }
  if (first != NULL)
    {
      focus_error (self, first, first_message);
      return;
    }

  if (g_error_matches (error, MSK_ERROR, MSK_ERROR_UNAUTHORIZED))
    {
      const char *message = _("The username or the password is not right. Check them and try "
                              "again.");

      set_field_error (self->password_entry, self->password_error, message);
      focus_error (self, self->password_entry, message);
    }
  else if (self->create && g_error_matches (error, MSK_ERROR, MSK_ERROR_REFUSED))
    {
      /* A refusal that names no field is about the username (taken). */
      set_field_error (self->username_entry, self->username_error, error->message);
      focus_error (self, self->username_entry, error->message);
    }
  else
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (self->create
                              /* Translators: %s says why, in plain words */
                              ? _("The account could not be created: %s")
                              /* Translators: %s says why, in plain words */
                              : _("You could not be signed in: %s"),
                              error->message);
      msk_page_layout_show_status (self->status_label, text, TRUE);
      msk_a11y_announce (GTK_WIDGET (self->submit_button), text, MSK_A11Y_PRIORITY_HIGH);
    }
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MskSignInPage) self = user_data;
  g_autoptr(GHashTable) field_errors = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_async_result_is_tagged (result, msk_auth_create_account_async))
    done = msk_auth_create_account_finish (MSK_AUTH (source), result, &field_errors, &error);
  else
    done = msk_auth_sign_in_finish (MSK_AUTH (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || msk_page_is_left (MSK_PAGE (self)))
    return;
  set_busy (self, FALSE);
  msk_page_layout_show_status (self->status_label, NULL, FALSE);
  if (done)
    signed_in (self);
  else
    show_failure (self, field_errors, error);
}

static void
submit_clicked_cb (MskSignInPage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  MskPortal *portal = context != NULL ? msk_context_get_portal (context) : NULL;
  MskAuth *auth = context != NULL ? msk_context_get_auth (context) : NULL;
  g_autofree char *username = NULL;
  g_autofree char *display_name = NULL;
  const char *password;
  GCancellable *cancellable;

  if (self->busy)
    return;
  clear_errors (self);
  if (portal == NULL || auth == NULL)
    {
      msk_page_layout_show_status (self->status_label, _("Not connected to a portal"), TRUE);
      return;
    }

  username = g_strstrip (g_strdup (gtk_editable_get_text (self->username_entry)));
  display_name = g_strstrip (g_strdup (gtk_editable_get_text (self->display_name_entry)));
  password = gtk_editable_get_text (self->password_entry);
  if (username[0] == '\0' || password[0] == '\0')
    {
      const char *message = username[0] == '\0' ? _("Type your username.")
                                                : _("Type your password.");
      GtkEditable *entry = username[0] == '\0' ? self->username_entry : self->password_entry;

      set_field_error (entry, username[0] == '\0' ? self->username_error : self->password_error,
                       message);
      focus_error (self, entry, message);
      return;
    }

  set_busy (self, TRUE);
  msk_page_layout_show_status (self->status_label,
                               self->create ? _("Creating the account…") : _("Signing in…"),
                               FALSE);
  cancellable = msk_page_start_load (MSK_PAGE (self));
  if (self->create)
    msk_auth_create_account_async (auth, msk_portal_get_base_url (portal), username,
                                   display_name[0] != '\0' ? display_name : NULL, password,
                                   cancellable, done_cb, g_object_ref (self));
  else
    msk_auth_sign_in_async (auth, msk_portal_get_base_url (portal), username, password,
                            cancellable, done_cb, g_object_ref (self));
}

static void
switch_clicked_cb (MskSignInPage *self)
{
  msk_sign_in_page_set_create (self, !self->create);
  msk_a11y_announce (GTK_WIDGET (self), gtk_label_get_text (self->heading),
                     MSK_A11Y_PRIORITY_MEDIUM);
}

static void
focus_first_field (MskSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->create ? self->display_name_entry
                                                  : self->username_entry));
}

static void
msk_sign_in_page_shown (MskPage *page)
{
  MskSignInPage *self = MSK_SIGN_IN_PAGE (page);

  if (!self->busy)
    focus_first_field (self);
}

static void
msk_sign_in_page_reload (MskPage *page)
{
}

static void
msk_sign_in_page_dispose (GObject *object)
{
  msk_page_dispose_template (MSK_PAGE (object), MSK_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (msk_sign_in_page_parent_class)->dispose (object);
}

static void
msk_sign_in_page_class_init (MskSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->dispose = msk_sign_in_page_dispose;
  page_class->shown = msk_sign_in_page_shown;
  page_class->reload = msk_sign_in_page_reload;

  /**
   * MskSignInPage::signed-in:
   *
   * The person signed in (or created an account and was signed in).
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, heading);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, display_name_box);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, display_name_entry);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, display_name_error);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, username_entry);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, username_error);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, password_error);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, MskSignInPage, switch_button);
  gtk_widget_class_bind_template_callback (widget_class, submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_clicked_cb);
}

static void
msk_sign_in_page_init (MskSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Usernames and passwords are Latin letters and digits: left to right,
   * in an Arabic window too. */
  gtk_widget_set_direction (GTK_WIDGET (self->username_entry), GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (self->password_entry), GTK_TEXT_DIR_LTR);
  /* The eye that shows the password is an image GTK leaves unnamed: a
   * screen reader would say "GtkImage". */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->password_entry));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Show or hide the password"), -1);
  /* Return in any field sends the form. */
  g_signal_connect_swapped (self->display_name_entry, "activate",
                            G_CALLBACK (submit_clicked_cb), self);
  g_signal_connect_swapped (self->username_entry, "activate", G_CALLBACK (submit_clicked_cb), self);
  g_signal_connect_swapped (self->password_entry, "activate", G_CALLBACK (submit_clicked_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your account"), -1);
  update_mode (self);
}

/**
 * msk_sign_in_page_new:
 * @create: whether the page opens on creating an account
 */
GtkWidget *
msk_sign_in_page_new (MskContext *context,
                      gboolean    create)
{
  MskSignInPage *self = g_object_new (MSK_TYPE_SIGN_IN_PAGE, "context", context, NULL);

  msk_sign_in_page_set_create (self, create);
  return GTK_WIDGET (self);
}

void
msk_sign_in_page_set_create (MskSignInPage *self,
                             gboolean       create)
{
  g_return_if_fail (MSK_IS_SIGN_IN_PAGE (self));

  if (self->busy)
    return;
  self->create = !!create;
  update_mode (self);
  if (msk_page_get_is_shown (MSK_PAGE (self)))
    focus_first_field (self);
}

gboolean
msk_sign_in_page_get_create (MskSignInPage *self)
{
  g_return_val_if_fail (MSK_IS_SIGN_IN_PAGE (self), FALSE);

  return self->create;
}

static GtkWidget *
ask_sign_in (MskContext *context)
{
  return msk_sign_in_page_new (context, FALSE);
}

/**
 * msk_page_ensure_signed_in_async:
 * @page: the page someone takes part from
 *
 * Taking part needs an account. When one is signed in to the current
 * portal, this completes at once with %TRUE; otherwise it shows the
 * sign-in page over @page and completes, back on @page, with whether the
 * person signed in (or went back without).
 */
void
msk_page_ensure_signed_in_async (MskPage             *page,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  msk_page_ensure_async (page, msk_context_get_signed_in, ask_sign_in, cancellable, callback,
                         user_data);
}

/**
 * msk_page_ensure_signed_in_finish:
 *
 * Returns: whether an account is signed in now
 */
gboolean
msk_page_ensure_signed_in_finish (MskPage       *page,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return msk_page_ensure_finish (page, result, error);
}

static void
may_take_part_signed_in_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean signed_in = msk_page_ensure_signed_in_finish (MSK_PAGE (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, signed_in);
}

static void
may_take_part_accepted_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!msk_page_ensure_policy_accepted_finish (MSK_PAGE (source), result, &error))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, FALSE);
      return;
    }
  msk_page_ensure_signed_in_async (MSK_PAGE (source), g_task_get_cancellable (task),
                                   may_take_part_signed_in_cb, g_object_ref (task));
}

/**
 * msk_page_ensure_may_take_part_async:
 *
 * What taking part needs, asked in that order when it is missing: the
 * participation policy agreed with, then an account signed in. The
 * person comes back to @page either way, with what they typed.
 */
void
msk_page_ensure_may_take_part_async (MskPage             *page,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MSK_IS_PAGE (page));

  task = g_task_new (page, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_page_ensure_may_take_part_async);
  msk_page_ensure_policy_accepted_async (page, cancellable, may_take_part_accepted_cb,
                                         g_steal_pointer (&task));
}

/**
 * msk_page_ensure_may_take_part_finish:
 *
 * Returns: whether the person agreed and is signed in, and so may send
 */
gboolean
msk_page_ensure_may_take_part_finish (MskPage       *page,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, page), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
