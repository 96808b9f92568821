/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-focus-speaker.h"
#include "msk-language.h"
#include "msk-reader-bar.h"
#include "msk-reader-view.h"
#include "msk-text-scale.h"
#include "msk-window.h"

struct _MskWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  MskFocusSpeaker      *focus_speaker;

  /* Template widgets */
  GtkWidget            *back_button;
  AdwWindowTitle       *window_title;
  GtkButton            *language_button;
  GtkWidget            *text_smaller_button;
  GtkWidget            *text_larger_button;
  AdwToastOverlay      *toast_overlay;
  GtkToggleButton      *read_aloud_button;
  GtkPopover           *menu_popover;
  GtkRevealer          *reader_revealer;
  MskReaderBar         *reader_bar;
  MskReaderView        *home_reader_view;
  GtkStack             *stack;
  GtkFlowBox           *tiles;
  GtkBox               *results_tile_box;

  /* State */
  char                 *last_section;
};

G_DEFINE_FINAL_TYPE (MskWindow, msk_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  const char *name;
  const char *title;
  const char *description;
  const char *icon_name;
} MskSection;

/* The things a citizen comes for, in the order the home screen shows them. */
static const MskSection sections[] = {
  { "topics", N_("Topics"),
    N_("Read the consultations open to the public and give your opinion before they close."),
    "msk-topics-symbolic" },
  { "polls", N_("Polls and surveys"),
    N_("Vote in polls, see how others voted, and answer surveys."),
    "msk-polls-symbolic" },
  { "complaint", N_("Send a complaint or suggestion"),
    N_("Report a problem or suggest an improvement, and get a tracking number."),
    "msk-complaint-symbolic" },
  { "participation", N_("My participation"),
    N_("Follow what you have sent: votes, comments, complaints and their answers."),
    "msk-participation-symbolic" },
  { "results", N_("Results"),
    N_("See what was decided after each consultation, and what changed because of it."),
    "msk-results-symbolic" },
};

/* What each section page says until it has content of its own. */
static const char *section_empty_text[] = {
  N_("No topics to show yet. Topics appear here when a participation portal publishes them."),
  N_("No polls or surveys to show yet. They appear here when a portal publishes them."),
  N_("Complaints and suggestions are sent to the portal you are connected to."),
  N_("You have not sent anything yet. What you send will be listed here with its status."),
  N_("No results have been published yet. Results appear here after a consultation closes."),
};

G_STATIC_ASSERT (G_N_ELEMENTS (sections) == G_N_ELEMENTS (section_empty_text));

static const MskSection *
find_section (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].name, name) == 0)
      return &sections[i];
  return NULL;
}

MskWindow *
msk_window_new (MskApplication *application)
{
  return g_object_new (MSK_TYPE_WINDOW, "application", application, NULL);
}

const char *
msk_window_get_section (MskWindow *self)
{
  g_return_val_if_fail (MSK_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
msk_window_show_section (MskWindow  *self,
                         const char *section)
{
  GtkWidget *page;

  g_return_if_fail (MSK_IS_WINDOW (self));

  if (section == NULL || (page = gtk_stack_get_child_by_name (self->stack, section)) == NULL)
    section = "home";

  gtk_stack_set_visible_child_name (self->stack, section);
  page = gtk_stack_get_visible_child (self->stack);

  if (g_str_equal (section, "home"))
    {
      /* Back on the home screen, focus the tile of the section just left. */
      GtkWidget *tile = NULL;

      if (self->last_section != NULL)
        tile = g_object_get_data (G_OBJECT (self), self->last_section);
      if (tile != NULL)
        gtk_widget_grab_focus (tile);
    }
  else
    {
      g_free (self->last_section);
      self->last_section = g_strdup (section);
      gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
    }
}

void
msk_window_update_text_size (MskWindow *self)
{
  double scale = msk_text_scale_clamp (g_settings_get_double (self->settings, "text-scale"));
  g_autofree char *description = NULL;

  /* Translators: %u is a percentage, the %% is the percent sign */
  description = g_strdup_printf (_("Text size: %u%%"), msk_text_scale_to_percent (scale));
  msk_a11y_set_description (self->text_smaller_button, description);
  msk_a11y_set_description (self->text_larger_button, description);
  gtk_widget_set_sensitive (self->text_smaller_button, scale > MSK_TEXT_SCALE_MIN + 0.001);
  gtk_widget_set_sensitive (self->text_larger_button, scale < MSK_TEXT_SCALE_MAX - 0.001);
}

static void
update_language_button (MskWindow *self)
{
  gboolean arabic = g_str_equal (msk_language_effective (), "ar");

  /* The button names the other language in that language, as people look
   * for the name of their own language. */
  gtk_button_set_label (self->language_button, arabic ? "English" : "عربي");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->language_button), "s",
                                    arabic ? "en" : "ar");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->language_button),
                               arabic ? _("Show the app in English")
                                      : _("Show the app in Arabic"));
  msk_a11y_set_description (GTK_WIDGET (self->language_button),
                            arabic ? _("Show the app in English") : _("Show the app in Arabic"));
}

static GtkWidget *
create_tile (MskWindow        *self,
             const MskSection *section)
{
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *title;
  GtkWidget *description;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  /* The picture only repeats the title: hide it from screen readers. */
  image = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", section->icon_name,
                        "pixel-size", 48,
                        "halign", GTK_ALIGN_START,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  gtk_box_append (GTK_BOX (box), image);

  title = gtk_label_new (_(section->title));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (box), title);

  description = gtk_label_new (_(section->description));
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 30);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_box_append (GTK_BOX (box), description);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "msk-tile");
  gtk_widget_add_css_class (button, "card");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-section");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", section->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  msk_a11y_set_description (button, _(section->description));
  gtk_widget_set_name (button, section->name);
  g_object_set_data (G_OBJECT (self), section->name, button);

  return button;
}

static GtkWidget *
create_section_page (const MskSection *section,
                     const char       *empty_text)
{
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *title;
  GtkWidget *text;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  image = g_object_new (GTK_TYPE_IMAGE,
                        "icon-name", section->icon_name,
                        "pixel-size", 96,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                        NULL);
  gtk_widget_add_css_class (image, "dim-label");
  gtk_box_append (GTK_BOX (box), image);

  title = gtk_label_new (_(section->title));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (title, "title-1");
  gtk_box_append (GTK_BOX (box), title);

  /* The page's words, in a view the reader can mark word by word. */
  text = msk_reader_view_new ();
  msk_reader_view_set_content (MSK_READER_VIEW (text), _(empty_text), NULL,
                               msk_language_effective ());
  gtk_text_view_set_justification (GTK_TEXT_VIEW (text), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 700);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);

  /* A group, so that the name below is kept by every GTK version. */
  scrolled = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                           NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  g_object_set_data (G_OBJECT (scrolled), "msk-reader-view", text);

  return scrolled;
}

static void
build_sections (MskWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const MskSection *section = &sections[i];
      GtkWidget *tile = create_tile (self, section);
      GtkStackPage *page;

      /* Results sit below the four main tiles, across the whole width. */
      if (g_str_equal (section->name, "results"))
        {
          gtk_widget_add_css_class (tile, "msk-tile-wide");
          gtk_box_append (self->results_tile_box, tile);
        }
      else
        {
          GtkWidget *child = gtk_flow_box_child_new ();

          gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), tile);
          gtk_widget_set_focusable (child, FALSE);
          gtk_flow_box_append (self->tiles, child);
        }

      page = gtk_stack_add_named (self->stack,
                                  create_section_page (section, section_empty_text[i]),
                                  section->name);
      gtk_stack_page_set_title (page, _(section->title));
    }
}

static MskReaderView *
page_reader_view (MskWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  MskReaderView *view = page ? g_object_get_data (G_OBJECT (page), "msk-reader-view") : NULL;

  return view != NULL ? view : self->home_reader_view;
}

static void
read_aloud_toggled_cb (MskWindow *self)
{
  gboolean on = gtk_toggle_button_get_active (self->read_aloud_button);

  gtk_revealer_set_reveal_child (self->reader_revealer, on);
  if (on)
    {
      MskApplication *app = MSK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      if (msk_reader_bar_get_engine (self->reader_bar) == NULL && app != NULL)
        msk_reader_bar_set_engine (self->reader_bar, msk_application_get_speech_engine (app));
      msk_reader_bar_set_view (self->reader_bar, page_reader_view (self));
      msk_reader_bar_play_pause (self->reader_bar);
    }
  else
    msk_reader_bar_stop (self->reader_bar);
}

/* Speaking what gets the focus is for people without a screen reader; the
 * speaker is made the first time the setting is on. */
static void
update_focus_speaker (MskWindow *self)
{
  MskApplication *app = MSK_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (self->focus_speaker != NULL || app == NULL
      || !g_settings_get_boolean (self->settings, "speak-focused-item"))
    return;

  self->focus_speaker = msk_focus_speaker_new (GTK_WINDOW (self),
                                               msk_application_get_speech_engine (app),
                                               self->settings);
}

static void
visible_page_changed_cb (MskWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  const MskSection *section = find_section (name);
  gboolean home = section == NULL;

  /* The reader follows the page; what it was reading stops. */
  if (self->reader_bar != NULL)
    {
      if (gtk_revealer_get_reveal_child (self->reader_revealer))
        msk_reader_bar_stop (self->reader_bar);
      msk_reader_bar_set_view (self->reader_bar, page_reader_view (self));
    }

  adw_window_title_set_title (self->window_title, home ? _("Musharaka") : _(section->title));
  gtk_widget_set_visible (self->back_button, !home);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", !home);
}

/* A menu closes once an item is chosen; a popover of buttons has to be told. */
static void
menu_item_clicked_cb (MskWindow *self)
{
  gtk_popover_popdown (self->menu_popover);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  msk_window_show_section (MSK_WINDOW (widget), "home");
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  msk_window_show_section (MSK_WINDOW (widget), g_variant_get_string (param, NULL));
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
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  msk_a11y_announce (widget, g_variant_get_string (param, NULL), MSK_A11Y_PRIORITY_HIGH);
}

static void
restore_window_state (MskWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
msk_window_close_request (GtkWindow *window)
{
  MskWindow *self = MSK_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (msk_window_parent_class)->close_request (window);
}

static void
msk_window_constructed (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (msk_window_parent_class)->constructed (object);

  if (MSK_IS_APPLICATION (app))
    self->settings = g_object_ref (msk_application_get_settings (MSK_APPLICATION (app)));
  else
    self->settings = g_settings_new (APP_ID);

  if (PROFILE[0] != '\0' && g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_window_state (self);

  msk_reader_view_set_content (self->home_reader_view,
                               _("Read what is put to the public, give your opinion, and follow "
                                 "what was decided."),
                               NULL, msk_language_effective ());
  msk_reader_bar_set_settings (self->reader_bar, self->settings);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "reader",
                                  msk_reader_bar_create_action_group (self->reader_bar));
  update_focus_speaker (self);
  g_signal_connect_object (self->settings, "changed::speak-focused-item",
                           G_CALLBACK (update_focus_speaker), self, G_CONNECT_SWAPPED);

  build_sections (self);
  update_language_button (self);
  msk_window_update_text_size (self);
  visible_page_changed_cb (self);
}

static void
msk_window_dispose (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_WINDOW);

  G_OBJECT_CLASS (msk_window_parent_class)->dispose (object);
}

static void
msk_window_finalize (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);

  g_clear_object (&self->focus_speaker);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_section, g_free);

  G_OBJECT_CLASS (msk_window_parent_class)->finalize (object);
}

static void
msk_window_class_init (MskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = msk_window_constructed;
  object_class->dispose = msk_window_dispose;
  object_class->finalize = msk_window_finalize;
  window_class->close_request = msk_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/msk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MskWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, language_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, text_smaller_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, text_larger_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, read_aloud_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, menu_popover);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, reader_revealer);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, reader_bar);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, home_reader_view);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, tiles);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, results_tile_box);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, read_aloud_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, menu_item_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);
}

static void
msk_window_init (MskWindow *self)
{
  g_type_ensure (MSK_TYPE_READER_BAR);
  g_type_ensure (MSK_TYPE_READER_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  msk_a11y_keep_label (self->text_smaller_button);
  msk_a11y_keep_label (self->text_larger_button);
}
