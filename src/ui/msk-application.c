/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-application.h"
#include "msk-demo-server.h"
#include "msk-error.h"
#include "msk-policy.h"
#include "msk-language.h"
#include "msk-preferences-page.h"
#include "msk-sections.h"
#include "msk-text-scale.h"
#include "msk-topic-text.h"
#include "msk-window.h"
#include "pages/msk-welcome-page.h"

struct _MskApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *machine_settings;  /* this computer's, kept */
  GSettings      *settings;          /* the session's: in memory on a public computer */
  GtkCssProvider *contrast_provider;
  MskContext     *context;
  MskDemoServer  *demo_server;
  MskPortal      *practice_portal;
  GCancellable   *cancellable;

  /* From the command line */
  gboolean        demo;
  gboolean        separate;  /* beside another Musharaka, keeping nothing */
  gboolean        public_option;  /* --public */
  int             idle_option;    /* seconds; 0: the setting's */
  char           *portal_url;
  char           *section;        /* the section to open on, once a portal is read */
  int             timeout;        /* seconds for the portal to answer; 0: the core's */

  guint           news_id;        /* asks the portal for news of what was sent */
  guint           news_soon_id;   /* asks once, soon after a request left the outbox */

  /* The portal chosen: "practice", or a saved portal's address */
  char           *chosen;

  /* A public computer's session: nothing of it is kept */
  gboolean        public_pc;
  guint           clear_id;       /* clears the session on idle */

  /* An assisted session at a service center: a citizen's session, kept
   * in memory, above the staff member's own, which comes back at its end */
  char           *assisted_id;    /* the portal's id of it; NULL: none */
  char           *assisted_staff; /* the name of who helps */
  MskContext     *staff_context;
  GSettings      *staff_settings;
  gboolean        staff_public_pc;

  /* The text resolution the system asked for, which the text size multiplies */
  int             system_dpi;
  int             applied_dpi;

  /* Unowned */
  GtkWidget      *preferences;
};

G_DEFINE_FINAL_TYPE (MskApplication, msk_application, ADW_TYPE_APPLICATION)

/* libadwaita's own high-contrast stylesheet; a smaller one of ours is used
 * where a libadwaita version does not ship it under this name. */
#define ADW_HIGH_CONTRAST_CSS "/org/gnome/Adwaita/styles/base-hc.css"

MskApplication *
msk_application_new (void)
{
  return g_object_new (MSK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
msk_application_get_settings (MskApplication *self)
{
  g_return_val_if_fail (MSK_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * msk_application_get_context:
 *
 * What the windows and pages share: the core, the settings, the read-aloud
 * engine and the current portal. It is made at startup.
 *
 * Returns: (transfer none): the context
 */
MskContext *
msk_application_get_context (MskApplication *self)
{
  g_return_val_if_fail (MSK_IS_APPLICATION (self), NULL);

  return self->context;
}

static MskCore *
open_core (gboolean in_memory)
{
  g_autoptr(GError) error = NULL;
  /* A separate session shares nothing with the one already open, and a
   * public computer keeps nothing: what they keep, they keep in memory. */
  MskCore *core = msk_core_new (in_memory ? MSK_CORE_PUBLIC_PC : MSK_CORE_NONE, &error);

  if (core != NULL)
    return core;

  /* Reading still works with nothing kept on disk. */
  g_warning ("Cannot open the store, keeping everything in memory: %s", error->message);
  g_clear_error (&error);
  core = msk_core_new (MSK_CORE_PUBLIC_PC, &error);
  if (core == NULL)
    g_warning ("Cannot open the store in memory: %s", error->message);
  return core;
}

static MskWindow *
get_main_window (MskApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (MSK_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The text size multiplies the resolution GTK renders text at: the
 * system's own text scaling stays in it, every text grows (headings are
 * sized in points), and the ratios between them stay. */
static void
set_action_enabled (MskApplication *self,
                    const char     *name,
                    gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
apply_text_size (MskApplication *self)
{
  double scale = msk_text_scale_clamp (g_settings_get_double (self->settings, "text-scale"));
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  int dpi;

  if (self->system_dpi <= 0)
    {
      g_object_get (gtk_settings, "gtk-xft-dpi", &self->system_dpi, NULL);
      if (self->system_dpi <= 0)
        self->system_dpi = 96 * 1024;
    }

  dpi = (int) (self->system_dpi * scale + 0.5);
  if (dpi != self->applied_dpi)
    {
      self->applied_dpi = dpi;
      g_object_set (gtk_settings, "gtk-xft-dpi", dpi, NULL);
    }

  /* At the smallest or the largest size, the step past it is off: its
   * buttons and keys with it, from the first window on. */
  set_action_enabled (self, "text-smaller", scale > MSK_TEXT_SCALE_MIN + 0.001);
  set_action_enabled (self, "text-larger", scale < MSK_TEXT_SCALE_MAX - 0.001);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (MSK_IS_WINDOW (l->data))
      msk_window_update_text_size (l->data);
}

static void
apply_contrast (MskApplication *self)
{
  GdkDisplay *display = gdk_display_get_default ();
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  gboolean wanted = g_settings_get_boolean (self->settings, "high-contrast")
                    && !adw_style_manager_get_high_contrast (style_manager);

  if (wanted && self->contrast_provider == NULL)
    {
      self->contrast_provider = gtk_css_provider_new ();
      if (g_resources_get_info (ADW_HIGH_CONTRAST_CSS, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                NULL, NULL, NULL))
        gtk_css_provider_load_from_resource (self->contrast_provider, ADW_HIGH_CONTRAST_CSS);
      else
        gtk_css_provider_load_from_resource (self->contrast_provider,
                                             RESOURCE_BASE "/high-contrast.css");
      /* Above the theme, below the application's own style. */
      gtk_style_context_add_provider_for_display (display,
                                                  GTK_STYLE_PROVIDER (self->contrast_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_THEME + 1);
    }
  else if (!wanted && self->contrast_provider != NULL)
    {
      gtk_style_context_remove_provider_for_display (display,
                                                     GTK_STYLE_PROVIDER (self->contrast_provider));
      g_clear_object (&self->contrast_provider);
    }
}

static void
apply_direction_and_accels (MskApplication *self)
{
  gboolean rtl = msk_language_is_rtl (msk_language_effective ());
  /* "Back" points to the start of the line: right in Arabic, left in English. */
  const char *back[] = { rtl ? "<Alt>Right" : "<Alt>Left", "Back", NULL };

  gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.go-back", back);
}

static void
apply_language (MskApplication *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");

  msk_language_apply (msk_language_from_string (language));
  apply_direction_and_accels (self);
  /* The portal's content follows too. */
  if (self->context != NULL)
    msk_context_update_language (self->context);
}

static void present_preferences (MskApplication *self,
                                 GtkWindow      *parent);
static MskWindow *new_window (MskApplication *self);

/* A public session: asked for on the command line or set for the computer. */
static gboolean
wants_public (MskApplication *self)
{
  return self->public_option || g_settings_get_boolean (self->machine_settings, "public-computer");
}

static void
close_preferences (MskApplication *self)
{
  if (self->preferences != NULL)
    {
#if ADW_CHECK_VERSION(1, 5, 0)
      adw_dialog_force_close (ADW_DIALOG (self->preferences));
#else
      gtk_window_destroy (GTK_WINDOW (self->preferences));
#endif
    }
}

/* Strings of a built widget do not follow a new language: build the
 * windows again, in the same place, with the same page shown. */
static void
rebuild_windows (MskApplication *self)
{
  MskWindow *old = get_main_window (self);
  gboolean had_preferences = self->preferences != NULL;
  MskWindow *window;

  if (old == NULL)
    return;

  close_preferences (self);

  window = new_window (self);
  msk_window_show_tag (window, msk_window_get_section (old));
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (old));

  if (had_preferences)
    present_preferences (self, GTK_WINDOW (window));
}

static void
settings_changed_cb (MskApplication *self,
                     const char     *key,
                     GSettings      *settings)
{
  if (g_str_equal (key, "language"))
    {
      apply_language (self);
      rebuild_windows (self);
    }
  else if (g_str_equal (key, "text-scale"))
    apply_text_size (self);
  else if (g_str_equal (key, "high-contrast"))
    apply_contrast (self);
}

static void
system_contrast_changed_cb (MskApplication *self)
{
  apply_contrast (self);
}

static void
change_text_size (MskApplication *self,
                  double (*step) (double))
{
  double scale = g_settings_get_double (self->settings, "text-scale");

  g_settings_set_double (self->settings, "text-scale", step (scale));
}

static double
reset_scale (double scale)
{
  return MSK_TEXT_SCALE_DEFAULT;
}

static void
text_larger_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  change_text_size (user_data, msk_text_scale_larger);
}

static void
text_smaller_cb (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  change_text_size (user_data, msk_text_scale_smaller);
}

static void
text_reset_cb (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  change_text_size (user_data, reset_scale);
}

static void
preferences_destroyed_cb (gpointer  data,
                          GObject  *where_the_object_was)
{
  MskApplication *self = data;

  self->preferences = NULL;
}

static void
present_preferences (MskApplication *self,
                     GtkWindow      *parent)
{
  GtkWidget *page;

  if (self->preferences != NULL)
    {
#if ADW_CHECK_VERSION(1, 5, 0)
      adw_dialog_present (ADW_DIALOG (self->preferences), GTK_WIDGET (parent));
#else
      gtk_window_present (GTK_WINDOW (self->preferences));
#endif
      return;
    }

  page = msk_preferences_page_new (self->settings, self->context);
  {
    g_autofree char *note = msk_application_dup_public_note (self);

    msk_preferences_page_add_public_computer (MSK_PREFERENCES_PAGE (page),
                                              self->machine_settings, self->public_option,
                                              note);
  }

#if ADW_CHECK_VERSION(1, 5, 0)
  self->preferences = GTK_WIDGET (adw_preferences_dialog_new ());
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (self->preferences),
                              ADW_PREFERENCES_PAGE (page));
  /* One short page: a search field would only be one more stop. */
  adw_preferences_dialog_set_search_enabled (ADW_PREFERENCES_DIALOG (self->preferences), FALSE);
  /* libadwaita's own title is not translated into every language we show. */
  adw_dialog_set_title (ADW_DIALOG (self->preferences), _("Preferences"));
  msk_a11y_name_containers (self->preferences, _("Preferences"));
  g_object_weak_ref (G_OBJECT (self->preferences), preferences_destroyed_cb, self);
  adw_dialog_present (ADW_DIALOG (self->preferences), GTK_WIDGET (parent));
#else
  self->preferences = adw_preferences_window_new ();
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self->preferences),
                              ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self->preferences), FALSE);
  msk_a11y_name_containers (self->preferences, _("Preferences"));
  gtk_window_set_title (GTK_WINDOW (self->preferences), _("Preferences"));
  gtk_window_set_transient_for (GTK_WINDOW (self->preferences), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self->preferences), TRUE);
  gtk_window_set_modal (GTK_WINDOW (self->preferences), TRUE);
  g_object_weak_ref (G_OBJECT (self->preferences), preferences_destroyed_cb, self);
  gtk_window_present (GTK_WINDOW (self->preferences));
#endif
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  MskApplication *self = user_data;

  present_preferences (self, GTK_WINDOW (get_main_window (self)));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  MskApplication *self = user_data;
  GtkWindow *parent = GTK_WINDOW (get_main_window (self));
  static const char *developers[] = { "The Musharaka developers", NULL };
  GtkWidget *about;

#if ADW_CHECK_VERSION(1, 5, 0)
  about = GTK_WIDGET (adw_about_dialog_new ());
#define SET_ABOUT(what, ...) adw_about_dialog_set_##what (ADW_ABOUT_DIALOG (about), __VA_ARGS__)
#else
  about = adw_about_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
#define SET_ABOUT(what, ...) adw_about_window_set_##what (ADW_ABOUT_WINDOW (about), __VA_ARGS__)
#endif
  SET_ABOUT (application_name, _("Musharaka"));
  /* The installed icon is named after the application ID; the resources
   * carry the icon under the base ID for uninstalled runs. */
  SET_ABOUT (application_icon, gtk_icon_theme_has_icon (
               gtk_icon_theme_get_for_display (gdk_display_get_default ()), APP_ID)
               ? APP_ID : "io.github.musharaka.Musharaka");
  SET_ABOUT (version, PACKAGE_VERSION);
  SET_ABOUT (developer_name, _("The Musharaka developers"));
  SET_ABOUT (developers, developers);
  SET_ABOUT (comments, _("Take part in public consultations, polls and surveys, and send "
                         "suggestions and complaints that you can follow."));
  SET_ABOUT (website, "https://github.com/musharaka/musharaka");
  SET_ABOUT (issue_url, "https://github.com/musharaka/musharaka/issues");
  SET_ABOUT (license_type, GTK_LICENSE_GPL_3_0);
  /* Translators: your name, shown in the About window */
  SET_ABOUT (translator_credits, _("translator-credits"));
#undef SET_ABOUT

#if ADW_CHECK_VERSION(1, 5, 0)
  adw_dialog_present (ADW_DIALOG (about), GTK_WIDGET (parent));
#else
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static void
help_launched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MskApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      MskWindow *window = get_main_window (self);
      g_autofree char *message = NULL;

      g_message ("Could not open the help: %s", error->message);
      if (window == NULL)
        return;
      message = g_strdup_printf (_("The help could not be opened: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-message", "s", message);
    }
}

static void
help_cb (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  MskApplication *self = user_data;
  MskWindow *window = get_main_window (self);
  g_autoptr(GAppLaunchContext) context = NULL;

  if (window != NULL)
    context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
        gtk_widget_get_display (GTK_WIDGET (window))));

  g_app_info_launch_default_for_uri_async ("help:" PACKAGE_NAME, context, NULL,
                                           help_launched_cb, g_object_ref (self));
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *param,
         gpointer       user_data)
{
  MskApplication *self = user_data;
  MskWindow *window = get_main_window (self);

  if (window != NULL)
    gtk_window_close (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (self));
}

static void use_portal_cb (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data);
static void start_assisted_session_cb (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data);
static void clear_session_cb (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data);

/* News of what was sent: the tracker asks the portal now and then while the
 * app runs; each change of state is a desktop notification that opens the
 * item in My participation. */

#define NEWS_INTERVAL_SECONDS (5 * 60)

static void
show_submission_cb (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  MskApplication *self = user_data;
  MskWindow *window = get_main_window (self);

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
  msk_window_show_submission (window, g_variant_get_string (param, NULL));
}

static void
status_changed_cb (MskTracker     *tracker,
                   MskSubmission  *submission,
                   const char     *old_status,
                   MskApplication *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  const char *text = msk_submission_get_status_text (submission);

  /* learning that a request just sent was received is no news */
  if (g_strcmp0 (old_status, "PENDING") == 0
      && g_strcmp0 (msk_submission_get_status (submission), "RECEIVED") == 0)
    return;
  notification = g_notification_new (msk_submission_get_title (submission));
  if (text != NULL && text[0] != '\0')
    /* Translators: %1$s is a state in words, %2$s the note that came with it */
    body = g_strdup_printf (_("Now: %1$s. %2$s"), msk_submission_get_status_label (submission),
                            text);
  else
    /* Translators: %s is a state in words */
    body = g_strdup_printf (_("Now: %s."), msk_submission_get_status_label (submission));
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-submission", "s",
                                                msk_submission_get_tracking (submission));
  id = g_strconcat ("submission-", msk_submission_get_kind (submission), "-",
                    msk_submission_get_tracking (submission), NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
news_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!msk_tracker_refresh_finish (MSK_TRACKER (source), result, NULL, &error))
    g_debug ("News of what was sent: %s", error->message);
}

static gboolean
news_cb (gpointer user_data)
{
  MskApplication *self = user_data;
  MskClient *client = msk_context_get_client (self->context);

  if (client != NULL && msk_context_get_tracker (self->context) != NULL)
    msk_tracker_refresh_async (msk_context_get_tracker (self->context), client,
                               self->cancellable, news_checked_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static gboolean
news_soon_cb (gpointer user_data)
{
  MskApplication *self = user_data;

  self->news_soon_id = 0;
  news_cb (self);
  return G_SOURCE_REMOVE;
}

/* A request the outbox sent in the background has a tracking number but
 * no state yet: the portal is asked for it at once, not at the next round. */
static void
item_sent_cb (MskApplication *self,
              MskOutboxItem  *item)
{
  if (msk_outbox_item_get_kind (item) == MSK_OUTBOX_KIND_COMPLAINT && self->news_soon_id == 0)
    self->news_soon_id = g_timeout_add_seconds (1, news_soon_cb, self);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_cb },
  { "about", about_cb },
  { "help", help_cb },
  { "quit", quit_cb },
  { "text-larger", text_larger_cb },
  { "text-smaller", text_smaller_cb },
  { "text-reset", text_reset_cb },
  { "use-portal", use_portal_cb, "s" },
  { "show-submission", show_submission_cb, "s" },
  { "clear-session", clear_session_cb },
  { "start-assisted-session", start_assisted_session_cb },
};

static void
demo_started_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(MskPortal) portal = NULL;

  url = msk_demo_server_start_finish (MSK_DEMO_SERVER (source), result, &error);
  if (url == NULL)
    {
      g_autofree char *status = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot start the practice portal: %s", error->message);
      /* Translators: %s says why, in the words of the system */
      status = g_strdup_printf (_("The practice portal could not be started: %s"),
                                error->message);
      msk_context_set_status (self->context, status);
      return;
    }

  g_debug ("Practice portal at %s", url);
  portal = msk_portal_new (_("Practice portal"), url, NULL, NULL, TRUE);
  g_set_object (&self->practice_portal, portal);
  msk_context_set_status (self->context, NULL);
  /* Unless another portal was chosen while it started. */
  if (self->demo || g_strcmp0 (self->chosen, MSK_POLICY_PRACTICE_KEY) == 0)
    msk_context_set_portal (self->context, portal);
}

/* The practice portal runs while the app runs, from the first time it is
 * chosen. */
static void
use_practice_portal (MskApplication *self)
{
  if (self->practice_portal != NULL)
    {
      msk_context_set_portal (self->context, self->practice_portal);
      return;
    }
  if (self->demo_server != NULL)
    return;

  self->demo_server = msk_demo_server_new (NULL);
  msk_context_set_portal (self->context, NULL);
  msk_context_set_status (self->context, _("Starting the practice portal…"));
  msk_demo_server_start_async (self->demo_server, self->cancellable, demo_started_cb,
                               g_object_ref (self));
}

/**
 * use_portal:
 * @chosen: "practice", or the address of a saved portal
 *
 * Makes @chosen the portal the app reads, now and at the next start.
 * Returns: whether it is known
 */
static gboolean
use_portal (MskApplication *self,
            const char     *chosen)
{
  MskPortalList *portals = msk_context_get_portals (self->context);
  MskPortal *portal;

  if (portals == NULL)
    return FALSE;

  if (g_strcmp0 (chosen, MSK_POLICY_PRACTICE_KEY) == 0)
    {
      g_free (self->chosen);
      self->chosen = g_strdup (chosen);
      g_settings_set_string (self->settings, "portal", chosen);
      use_practice_portal (self);
      return TRUE;
    }

  portal = msk_portal_list_find (portals, chosen);
  if (portal == NULL)
    return FALSE;
  g_free (self->chosen);
  self->chosen = g_strdup (msk_portal_get_base_url (portal));
  g_settings_set_string (self->settings, "portal", self->chosen);
  msk_context_set_status (self->context, NULL);
  msk_context_set_portal (self->context, portal);
  return TRUE;
}

static void
use_portal_cb (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  MskApplication *self = user_data;

  if (!use_portal (self, g_variant_get_string (param, NULL)))
    g_warning ("No portal %s to use", g_variant_get_string (param, NULL));
}

/* The portal read until now was removed from the list (in Preferences):
 * the practice portal takes its place. */
static void
portals_changed_cb (MskApplication *self)
{
  MskPortalList *portals = msk_context_get_portals (self->context);

  if (self->chosen != NULL && g_strcmp0 (self->chosen, MSK_POLICY_PRACTICE_KEY) != 0
      && msk_portal_list_find (portals, self->chosen) == NULL)
    use_portal (self, MSK_POLICY_PRACTICE_KEY);
}

/* musharaka --portal URL: checked as an address typed on the first run is,
 * saved, then opened. */
static void
portal_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MskApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPortal) portal = NULL;
  g_autofree char *status = NULL;
  MskWindow *window;

  portal = msk_portal_list_add_by_url_finish (MSK_PORTAL_LIST (source), result, &error);
  if (portal != NULL)
    {
      use_portal (self, msk_portal_get_base_url (portal));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Unreachable now: a portal saved earlier is read from the cache; one the
   * person named but that never answered is opened for this run only, not
   * saved: its pages say it cannot be reached, with a retry. */
  if (msk_portal_list_find (MSK_PORTAL_LIST (source), self->portal_url) != NULL
      && msk_error_is_transient (error))
    {
      use_portal (self, self->portal_url);
      return;
    }
  if (g_error_matches (error, MSK_ERROR, MSK_ERROR_OFFLINE)
      || g_error_matches (error, MSK_ERROR, MSK_ERROR_TIMEOUT))
    {
      g_autoptr(MskPortal) unchecked = NULL;

      g_message ("The portal %s cannot be reached yet: %s", self->portal_url, error->message);
      unchecked = msk_portal_new (NULL, self->portal_url, NULL, NULL, FALSE);
      msk_context_set_portal (self->context, unchecked);
      return;
    }

  g_message ("Cannot open the portal %s: %s", self->portal_url, error->message);
  /* Translators: %1$s is a web address, %2$s says why in plain words */
  status = g_strdup_printf (_("The portal at %1$s cannot be used: %2$s"), self->portal_url,
                            error->message);
  msk_context_set_status (self->context, status);
  /* Said on the page that offers the choice, with the address to correct. */
  window = get_main_window (self);
  if (window != NULL)
    msk_welcome_page_set_refused (MSK_WELCOME_PAGE (msk_window_show_welcome (window)),
                                  self->portal_url, error->message);
}

/* The portal the app opens on: the practice portal with --demo, the one
 * given with --portal. */
static void
open_portal (MskApplication *self)
{
  if (msk_context_get_core (self->context) == NULL)
    return;

  if (self->demo)
    use_practice_portal (self);
  else if (self->portal_url != NULL)
    {
      /* Translators: %s is a web address */
      g_autofree char *status = g_strdup_printf (_("Checking the portal at %s…"),
                                                 self->portal_url);

      msk_context_set_status (self->context, status);
      msk_portal_list_add_by_url_async (msk_context_get_portals (self->context),
                                        self->portal_url, self->cancellable,
                                        portal_checked_cb, g_object_ref (self));
    }
  else
    {
      g_autofree char *chosen = g_settings_get_string (self->settings, "portal");

      if (*chosen != '\0' && !use_portal (self, chosen))
        g_settings_reset (self->settings, "portal");
    }
}

/* Nothing chosen yet: the first run asks. */
static gboolean
needs_choice (MskApplication *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "portal");

  return !self->demo && self->portal_url == NULL && *chosen == '\0'
         && msk_context_get_portals (self->context) != NULL;
}

/* Stopped from outside (a session ending, a terminal's Ctrl+C): quit as
 * with Ctrl+Q, so that the practice portal stops and its data goes. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

/* On a public computer the libraries under the app keep no cache in the
 * home folder either: Mesa none of its shaders; GStreamer its list of
 * plugins (which says nothing of a person) in the runtime folder, in
 * memory and gone at the end of the login, rather than under ~/.cache.
 * Set before GTK and GStreamer start. */
static void
keep_no_caches (void)
{
  /* Not g_get_user_runtime_dir (): without one, it names the cache. */
  const char *runtime = g_getenv ("XDG_RUNTIME_DIR");

  g_autofree char *dir = NULL;

  g_setenv ("MESA_SHADER_CACHE_DISABLE", "true", TRUE);
  g_setenv ("MESA_GLSL_CACHE_DISABLE", "true", TRUE);
  if (runtime == NULL || !g_path_is_absolute (runtime)
      || !g_file_test (runtime, G_FILE_TEST_IS_DIR))
    return;
  dir = g_build_filename (runtime, PACKAGE_NAME, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;

  if (g_getenv ("GST_REGISTRY") == NULL)
    {
      g_autofree char *registry = g_build_filename (dir, "gstreamer-registry.bin", NULL);

      g_setenv ("GST_REGISTRY", registry, TRUE);
    }

  /* Enchant makes a personal word list per language in its folder. */
  if (g_getenv ("ENCHANT_CONFIG_DIR") == NULL)
    {
      g_autofree char *enchant = g_build_filename (dir, "enchant", NULL);

      g_setenv ("ENCHANT_CONFIG_DIR", enchant, TRUE);
    }

  /* Fontconfig writes a folder's list of fonts when the one it has is out
   * of date (fonts added without fc-cache): in the user's cache, or the
   * system's when it may. Its first cache folder is the one it writes to:
   * the runtime folder comes first; the system's configuration follows. */
  if (g_getenv ("FONTCONFIG_FILE") == NULL || g_path_is_absolute (g_getenv ("FONTCONFIG_FILE")))
    {
      const char *system = g_getenv ("FONTCONFIG_FILE");
      g_autofree char *fonts_cache = g_build_filename (dir, "fontconfig", NULL);
      g_autofree char *conf_path = g_build_filename (dir, "fonts.conf", NULL);
      g_autofree char *conf = NULL;

      conf = g_markup_printf_escaped ("<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
                                      "<fontconfig>\n"
                                      "  <cachedir>%s</cachedir>\n"
                                      "  <include ignore_missing=\"yes\">%s</include>\n"
                                      "</fontconfig>\n",
                                      fonts_cache,
                                      system != NULL ? system : "/etc/fonts/fonts.conf");
      if (g_file_set_contents_full (conf_path, conf, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                    0600, NULL))
        g_setenv ("FONTCONFIG_FILE", conf_path, TRUE);
    }
}

static int
msk_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  MskApplication *self = MSK_APPLICATION (app);
  const char *url = NULL;
  const char *section = NULL;

  self->demo = g_variant_dict_contains (options, "demo");
  /* Its own process, with its own sign-in: a moderator beside a citizen at
   * a service center. Asked before the app registers, so it is not handed
   * to the one already running. */
  self->separate = g_variant_dict_contains (options, "separate");
  if (self->separate)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  self->public_option = g_variant_dict_contains (options, "public");
  if (wants_public (self))
    keep_no_caches ();
  if (g_variant_dict_lookup (options, "idle-timeout", "i", &self->idle_option)
      && self->idle_option < 4)
    {
      g_printerr ("musharaka: --idle-timeout wants a number of seconds, 4 or more\n");
      return 2;
    }
  if (g_variant_dict_lookup (options, "timeout", "i", &self->timeout) && self->timeout <= 0)
    {
      g_printerr ("musharaka: --timeout wants a number of seconds\n");
      return 2;
    }
  if (g_variant_dict_lookup (options, "portal", "&s", &url))
    {
      g_autoptr(GError) error = NULL;

      if (!msk_http_check_uri (url, &error))
        {
          g_printerr ("musharaka: --portal %s: %s\n", url, error->message);
          return 2;
        }
      g_free (self->portal_url);
      self->portal_url = g_strdup (url);
    }
  if (g_variant_dict_lookup (options, "show", "&s", &section))
    {
      if (msk_sections_find (section) == NULL)
        {
          /* Translators: %s is what was asked for; the section names are
           * the program's own and stay as they are */
          g_printerr (_("musharaka: --show %s: there is no such section; the sections are "
                        "topics, polls, complaint, participation and results\n"), section);
          return 2;
        }
      g_free (self->section);
      self->section = g_strdup (section);
    }

  return G_APPLICATION_CLASS (msk_application_parent_class)->handle_local_options (app, options);
}

static void
msk_application_shutdown (GApplication *app)
{
  MskApplication *self = MSK_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->demo_server != NULL)
    msk_demo_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);

  G_APPLICATION_CLASS (msk_application_parent_class)->shutdown (app);
}

/* The session: its settings, its core and what the windows share. On a
 * public computer, all of it lives in memory, and "Finish and Clear" (or
 * the idle time) starts a new one with nothing of the last. */

static guint
idle_timeout (MskApplication *self)
{
  if (self->idle_option > 0)
    return (guint) self->idle_option;
  return g_settings_get_uint (self->machine_settings, "public-idle-timeout");
}

/* This computer's settings, copied into memory: what a person changes in
 * a public session lasts as long as the session. */
static GSettings *
new_session_settings (GSettings *machine)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  GSettings *session = g_settings_new_with_backend (APP_ID, backend);

  g_object_get (machine, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (machine, keys[i]);
      g_autoptr(GVariant) now = g_settings_get_value (session, keys[i]);

      if (!g_variant_equal (value, now))
        g_settings_set_value (session, keys[i], value);
    }
  return session;
}

static MskWindow *
new_window (MskApplication *self)
{
  MskWindow *window = msk_window_new (self);

  if (self->assisted_id != NULL)
    msk_window_start_assisted_session (window, self->assisted_staff);
  else if (self->public_pc)
    msk_window_start_public_session (window, idle_timeout (self));
  return window;
}

/**
 * msk_application_dup_public_note:
 *
 * Returns: (transfer full): what the Preferences row of the public
 *   computer says under its title
 */
char *
msk_application_dup_public_note (MskApplication *self)
{
  g_return_val_if_fail (MSK_IS_APPLICATION (self), NULL);

  if (self->public_option)
    return g_strdup (_("On for this session: the app was started as on a public computer."));
  if (!g_settings_is_writable (self->machine_settings, "public-computer"))
    return g_strdup (_("Set by the administrator of this computer."));
  return g_strdup (_("For a computer many people use, in a library or at a service center: "
                     "nothing of a session is kept once it is finished."));
}

static void
disconnect_session (MskApplication *self)
{
  if (self->context == NULL)
    return;
  if (msk_context_get_portals (self->context) != NULL)
    g_signal_handlers_disconnect_by_data (msk_context_get_portals (self->context), self);
  if (msk_context_get_tracker (self->context) != NULL)
    g_signal_handlers_disconnect_by_data (msk_context_get_tracker (self->context), self);
  if (msk_context_get_outbox (self->context) != NULL)
    g_signal_handlers_disconnect_by_data (msk_context_get_outbox (self->context), self);
  g_signal_handlers_disconnect_by_data (self->context, self);
  /* Only this: the session's settings may be this computer's. */
  g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);
}

/* The session's signals, and what its settings say applied. */
static void
connect_session (MskApplication *self)
{
  g_autoptr(GAction) language_action = NULL;

  /* The files a file chooser lists as recent are not written either. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", !self->public_pc, NULL);
  if (msk_context_get_portals (self->context) != NULL)
    g_signal_connect_object (msk_context_get_portals (self->context), "items-changed",
                             G_CALLBACK (portals_changed_cb), self, G_CONNECT_SWAPPED);
  if (msk_context_get_tracker (self->context) != NULL)
    {
      g_signal_connect_object (msk_context_get_tracker (self->context), "status-changed",
                               G_CALLBACK (status_changed_cb), self, 0);
      if (self->news_id == 0)
        self->news_id = g_timeout_add_seconds (NEWS_INTERVAL_SECONDS, news_cb, self);
      g_signal_connect_object (msk_context_get_outbox (self->context), "item-sent",
                               G_CALLBACK (item_sent_cb), self, G_CONNECT_SWAPPED);
    }

  g_action_map_remove_action (G_ACTION_MAP (self), "language");
  language_action = g_settings_create_action (self->settings, "language");
  g_action_map_add_action (G_ACTION_MAP (self), language_action);

  /* gtk_init() sets the default direction from GTK's own translation: set
   * ours after it. */
  apply_language (self);
  apply_text_size (self);
  apply_contrast (self);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* A new session: its settings (in memory on a public computer, copied
 * from @from), its core, and its portal (@portal, or the one chosen). */
static void
start_session_full (MskApplication *self,
                    gboolean        public_pc,
                    GSettings      *from,
                    MskPortal      *portal)
{
  disconnect_session (self);
  self->public_pc = public_pc;
  g_clear_object (&self->settings);
  self->settings = public_pc ? new_session_settings (from) : g_object_ref (from);

  {
    g_autoptr(MskCore) core = open_core (self->separate || public_pc);

    if (core != NULL && self->timeout > 0)
      msk_http_set_timeout (msk_core_get_http (core), (guint) self->timeout);
    g_clear_object (&self->context);
    self->context = msk_context_new (core, self->settings);
  }
  connect_session (self);
  if (portal != NULL && msk_context_get_core (self->context) != NULL)
    msk_context_set_portal (self->context, portal);
  else
    open_portal (self);
}

static void
start_session (MskApplication *self,
               gboolean        public_pc)
{
  start_session_full (self, public_pc, self->machine_settings, NULL);
}

static void
session_ended_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint n_unsent = 0;

  if (!msk_core_end_session_finish (MSK_CORE (source), result, &n_unsent, &error))
    g_warning ("The session could not be ended on the portal: %s", error->message);
  else
    g_message ("%s: the session is cleared (%u not sent)",
               GPOINTER_TO_INT (user_data) ? "Assisted session" : "Public computer", n_unsent);
  g_object_unref (source);
}

/* What the app put on the clipboard goes with the session. */
static void
clear_clipboards (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GdkClipboard *clipboards[2];

  if (display == NULL)
    return;
  clipboards[0] = gdk_display_get_clipboard (display);
  clipboards[1] = gdk_display_get_primary_clipboard (display);
  for (guint i = 0; i < G_N_ELEMENTS (clipboards); i++)
    if (gdk_clipboard_is_local (clipboards[i]))
      gdk_clipboard_set_content (clipboards[i], NULL);
}

/* The window of the session now, in place of those before. */
static MskWindow *
replace_windows (MskApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  MskWindow *window = new_window (self);

  if (needs_choice (self))
    msk_window_show_welcome (window);
  gtk_window_present (GTK_WINDOW (window));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  return window;
}

/* A new session in place of the last: on a public computer the last is
 * ended (signed out on the portal, its memory cleared) and nothing of it
 * is shown; the window opens on the start. */
static void
restart_session (MskApplication *self,
                 gboolean        public_pc)
{
  MskCore *old_core = msk_context_get_core (self->context);
  MskWindow *window;

  if (old_core != NULL && self->public_pc)
    msk_core_end_session_async (g_object_ref (old_core), NULL, session_ended_cb, NULL);
  if (self->public_pc)
    clear_clipboards ();
  close_preferences (self);

  start_session (self, public_pc);

  window = replace_windows (self);
  if (public_pc)
    msk_window_show_public_cleared (window, _("The session is cleared: nothing of it is kept. "
                                              "The app is ready for the next person."));
  else
    msk_a11y_announce_when_settled (GTK_WINDOW (window),
                                    _("This computer is no longer used as a public computer."),
                                    MSK_A11Y_PRIORITY_HIGH);
}

static void
assisted_ended_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!msk_client_end_assisted_session_finish (MSK_CLIENT (source), result, &error))
    g_warning ("The assisted session could not be ended on the portal: %s", error->message);
  else
    g_message ("Assisted session: ended on the portal");
}

/* The assisted session ends: the citizen signed out on the portal and
 * their memory cleared; the portal told, as the staff member; the staff
 * member's own session back, still signed in. */
static void
end_assisted_session (MskApplication *self)
{
  MskCore *citizen = msk_context_get_core (self->context);
  MskClient *staff_client = msk_context_get_client (self->staff_context);
  g_autofree char *said = NULL;
  g_autofree char *isolated = NULL;

  if (citizen != NULL)
    msk_core_end_session_async (g_object_ref (citizen), NULL, session_ended_cb,
                                GINT_TO_POINTER (TRUE));
  if (staff_client != NULL)
    msk_client_end_assisted_session_async (staff_client, self->assisted_id, NULL,
                                           assisted_ended_cb, NULL);
  clear_clipboards ();
  close_preferences (self);

  disconnect_session (self);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  self->context = g_steal_pointer (&self->staff_context);
  self->settings = g_steal_pointer (&self->staff_settings);
  self->public_pc = self->staff_public_pc;
  connect_session (self);

  isolated = msk_topic_text_isolate (self->assisted_staff);
  g_clear_pointer (&self->assisted_id, g_free);
  g_clear_pointer (&self->assisted_staff, g_free);

  /* Translators: %s is the name of the staff member, signed in again */
  said = g_strdup_printf (_("The assisted session is ended: what the citizen did here is "
                            "cleared. %s is still signed in."), isolated);
  msk_a11y_announce_when_settled (GTK_WINDOW (replace_windows (self)), said,
                                  MSK_A11Y_PRIORITY_HIGH);
}

static gboolean
clear_session_idle_cb (gpointer user_data)
{
  MskApplication *self = user_data;

  self->clear_id = 0;
  if (self->assisted_id != NULL)
    end_assisted_session (self);
  else
    restart_session (self, wants_public (self));
  return G_SOURCE_REMOVE;
}

/* The portal has the session: the citizen's session starts, in memory,
 * on the staff member's portal, and every submission made in it names the
 * assisted session. */
static void
assisted_started_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MskApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *staff_name = NULL;
  g_autofree char *id = NULL;
  MskPortal *portal;
  MskWindow *window;

  id = msk_client_start_assisted_session_finish (MSK_CLIENT (source), result, &staff_name,
                                                 &error);
  window = get_main_window (self);
  if (id == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("The assisted session could not be started: %s"),
                                               error->message);

      g_warning ("%s", text);
      if (window != NULL)
        msk_a11y_announce (GTK_WIDGET (window), text, MSK_A11Y_PRIORITY_HIGH);
      msk_context_set_status (self->context, text);
      return;
    }
  if (self->assisted_id != NULL || self->context == NULL
      || msk_context_get_portal (self->context) == NULL)
    return;

  portal = g_object_ref (msk_context_get_portal (self->context));
  close_preferences (self);
  disconnect_session (self);
  self->staff_context = g_steal_pointer (&self->context);
  self->staff_settings = g_steal_pointer (&self->settings);
  self->staff_public_pc = self->public_pc;
  self->assisted_id = g_steal_pointer (&id);
  self->assisted_staff = g_steal_pointer (&staff_name);

  start_session_full (self, TRUE, self->staff_settings, portal);
  g_object_unref (portal);
  if (msk_context_get_core (self->context) != NULL)
    msk_http_set_assisted_session (msk_core_get_http (msk_context_get_core (self->context)),
                                   self->assisted_id);
  g_message ("Assisted session: started with %s", self->assisted_staff);

  msk_a11y_announce_when_settled (GTK_WINDOW (replace_windows (self)),
                                  _("The assisted session is started. The citizen may sign in, "
                                    "or take part without an account and give contact details "
                                    "for the receipt."),
                                  MSK_A11Y_PRIORITY_HIGH);
}

static void
start_assisted_session_cb (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  MskApplication *self = user_data;
  MskClient *client = self->context != NULL ? msk_context_get_client (self->context) : NULL;

  if (client == NULL || self->assisted_id != NULL)
    return;
  msk_client_start_assisted_session_async (client, self->cancellable, assisted_started_cb,
                                           g_object_ref (self));
}

/* Asked from inside a signal of the outbox or a page (the last item gone,
 * the idle time over): the session is cleared once that has returned. */
static void
clear_session_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  MskApplication *self = user_data;

  if (self->clear_id == 0)
    self->clear_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, clear_session_idle_cb,
                                      g_object_ref (self), g_object_unref);
}

/* Turned on (here or by an administrator): a public session starts now.
 * Turned off in a public session: it is finished as with "Finish and
 * Clear", asking first about what is not sent. */
static void
public_computer_changed_cb (MskApplication *self)
{
  gboolean wanted = wants_public (self);
  MskWindow *window = get_main_window (self);

  /* an assisted session ends first: the staff member's session follows */
  if (wanted == self->public_pc || self->assisted_id != NULL)
    return;
  if (wanted || window == NULL)
    {
      restart_session (self, wanted);
      return;
    }
  close_preferences (self);
  msk_window_finish_public_session (window);
}

static void
msk_application_startup (GApplication *app)
{
  MskApplication *self = MSK_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.text-larger", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "app.text-smaller", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "app.text-reset", { "<Control>0", "<Control>KP_0", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.reload", { "F5", "<Control>r", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (msk_application_parent_class)->startup (app);
  /* The labels that take the focus say how something went, so that it is
   * heard: they are not shown all selected, as if to be replaced. */
  g_object_set (gtk_settings_get_default (), "gtk-label-select-on-focus", FALSE, NULL);

  g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  g_unix_signal_add (SIGINT, quit_signal_cb, self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  start_session (self, wants_public (self));
  g_signal_connect_object (self->machine_settings, "changed::public-computer",
                           G_CALLBACK (public_computer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (system_contrast_changed_cb), self, G_CONNECT_SWAPPED);
}

/* musharaka --show SECTION: the section opens once the portal's client is
 * there, so that its page reads the portal from the start. */
static void
open_section_cb (MskApplication *self)
{
  MskWindow *window = get_main_window (self);

  if (msk_context_get_client (self->context) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->context, open_section_cb, self);
  if (window != NULL && self->section != NULL)
    msk_window_show_section (window, self->section);
  g_clear_pointer (&self->section, g_free);
}

static void
msk_application_activate (GApplication *app)
{
  MskApplication *self = MSK_APPLICATION (app);
  MskWindow *window = get_main_window (self);

  if (window == NULL)
    {
      window = new_window (self);
      if (needs_choice (self))
        msk_window_show_welcome (window);
      else if (self->section != NULL)
        {
          g_signal_connect_object (self->context, "notify::client",
                                   G_CALLBACK (open_section_cb), self, G_CONNECT_SWAPPED);
          open_section_cb (self);
        }
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
msk_application_dispose (GObject *object)
{
  MskApplication *self = MSK_APPLICATION (object);

  if (self->preferences != NULL)
    g_object_weak_unref (G_OBJECT (self->preferences), preferences_destroyed_cb, self);
  self->preferences = NULL;
  g_clear_object (&self->contrast_provider);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->practice_portal);
  g_clear_object (&self->context);
  g_clear_object (&self->staff_context);
  g_clear_object (&self->staff_settings);
  g_clear_pointer (&self->assisted_id, g_free);
  g_clear_pointer (&self->assisted_staff, g_free);
  g_clear_handle_id (&self->news_id, g_source_remove);
  g_clear_handle_id (&self->news_soon_id, g_source_remove);
  g_clear_handle_id (&self->clear_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->portal_url, g_free);
  g_clear_pointer (&self->section, g_free);
  g_clear_pointer (&self->chosen, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->machine_settings);

  G_OBJECT_CLASS (msk_application_parent_class)->dispose (object);
}

static void
msk_application_class_init (MskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = msk_application_dispose;

  app_class->handle_local_options = msk_application_handle_local_options;
  app_class->startup = msk_application_startup;
  app_class->shutdown = msk_application_shutdown;
  app_class->activate = msk_application_activate;
}

static void
msk_application_init (MskApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the practice portal, which runs on this computer"), NULL },
    { "portal", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open the portal at this address"), N_("URL") },
    { "public", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run as on a public computer: keep nothing of the session, and clear it when it is "
         "finished or left idle"), NULL },
    /* Seconds of idle time before a public session is cleared (for tests) */
    { "idle-timeout", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL, NULL, NULL },
    { "separate", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run beside a Musharaka already open, with a sign-in of its own, keeping nothing on "
         "this computer"), NULL },
    { "show", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Open on a section: topics, polls, complaint, participation or results"),
      N_("SECTION") },
    /* How long the portal may take to answer, in seconds (for tests) */
    { "timeout", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->cancellable = g_cancellable_new ();
  self->machine_settings = g_settings_new (APP_ID);
  self->settings = g_object_ref (self->machine_settings);
}
