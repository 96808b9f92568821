/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-language.h"
#include "msk-portals-group.h"
#include "msk-preferences-page.h"
#include "msk-speech-engine.h"
#include "msk-text-scale.h"

struct _MskPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  /* Owned */
  GSettings          *settings;

  /* Template widgets */
  AdwPreferencesGroup *language_group;
  AdwPreferencesGroup *reading_group;
  GtkCheckButton     *language_system_check;
  GtkCheckButton     *language_arabic_check;
  GtkCheckButton     *language_english_check;
  GtkWidget          *smaller_button;
  GtkWidget          *larger_button;
  GtkLabel           *text_size_label;
  GtkSwitch          *high_contrast_switch;
  GtkAdjustment      *rate_adjustment;
  GtkAdjustment      *pitch_adjustment;
  GtkAdjustment      *volume_adjustment;
  GtkButton          *voice_ar_button;
  GtkButton          *voice_en_button;
  GtkSwitch          *highlight_switch;
  GtkSwitch          *speak_focused_switch;
};

G_DEFINE_FINAL_TYPE (MskPreferencesPage, msk_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * msk_preferences_page_new:
 * @context: (nullable): the app's context, for its portals
 */
GtkWidget *
msk_preferences_page_new (GSettings  *settings,
                          MskContext *context)
{
  GtkWidget *self = g_object_new (MSK_TYPE_PREFERENCES_PAGE, "settings", settings, NULL);

  /* The portals last: the settings people change most come first. */
  if (context != NULL && msk_context_get_portals (context) != NULL)
    {
      GtkWidget *portals = msk_portals_group_new (context);

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (portals));
    }
  return self;
}

/**
 * msk_preferences_page_add_public_computer:
 * @machine: this computer's settings (not a public session's copy)
 * @forced: on for this run whatever the setting says (musharaka --public)
 * @note: what the row says under its title: what the mode does, or who set it
 *
 * The switch of the public-computer mode. It follows the setting, and
 * cannot be changed when an administrator locked it or when @forced.
 */
void
msk_preferences_page_add_public_computer (MskPreferencesPage *self,
                                          GSettings          *machine,
                                          gboolean            forced,
                                          const char         *note)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("This computer"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Public computer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  if (forced)
    {
      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
      gtk_widget_set_sensitive (toggle, FALSE);
    }
  else
    /* Not changeable when locked: the binding follows the key's writability. */
    g_settings_bind (machine, "public-computer", toggle, "active", G_SETTINGS_BIND_DEFAULT);
  /* Named by the row's title, as the row makes it the activatable widget. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  note, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
}

static GtkCheckButton *
check_for_language (MskPreferencesPage *self,
                    MskLanguage         language)
{
  switch (language)
    {
    case MSK_LANGUAGE_ARABIC:
      return self->language_arabic_check;
    case MSK_LANGUAGE_ENGLISH:
      return self->language_english_check;
    case MSK_LANGUAGE_SYSTEM:
    default:
      return self->language_system_check;
    }
}

static void
sync_from_settings (MskPreferencesPage *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");
  double scale = g_settings_get_double (self->settings, "text-scale");
  g_autofree char *percent = NULL;

  gtk_check_button_set_active (check_for_language (self, msk_language_from_string (language)),
                               TRUE);

  /* Translators: a text size in percent; %u is the number, %% the sign */
  percent = g_strdup_printf (_("%u%%"), msk_text_scale_to_percent (scale));
  gtk_label_set_label (self->text_size_label, percent);
}

static void
language_toggled_cb (MskPreferencesPage *self,
                     GtkCheckButton     *check)
{
  g_autofree char *current = NULL;
  const char *wanted;

  if (!gtk_check_button_get_active (check))
    return;

  if (check == self->language_arabic_check)
    wanted = msk_language_to_string (MSK_LANGUAGE_ARABIC);
  else if (check == self->language_english_check)
    wanted = msk_language_to_string (MSK_LANGUAGE_ENGLISH);
  else
    wanted = msk_language_to_string (MSK_LANGUAGE_SYSTEM);

  current = g_settings_get_string (self->settings, "language");
  if (!g_str_equal (current, wanted))
    g_settings_set_string (self->settings, "language", wanted);
}

static const char *
voice_key (MskPreferencesPage *self,
           GtkButton          *button)
{
  return button == self->voice_ar_button ? "voice-ar" : "voice-en";
}

static void
sync_voice (MskPreferencesPage *self,
            GtkButton          *button)
{
  g_autofree char *voice = g_settings_get_string (self->settings, voice_key (self, button));
  g_autofree char *description = NULL;

  gtk_button_set_label (button, voice);
  /* Translators: %s is the name of an espeak-ng voice, such as "ar" */
  description = g_strdup_printf (_("Voice %s; press to use the next one"), voice);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The voices of a language, one press each: no list to open and search. */
static void
next_voice_cb (MskPreferencesPage *self,
               GtkButton          *button)
{
  const char *key = voice_key (self, button);
  g_auto(GStrv) voices = msk_speech_engine_list_voices (button == self->voice_ar_button ? "ar"
                                                                                         : "en");
  g_autofree char *current = g_settings_get_string (self->settings, key);
  guint n = voices != NULL ? g_strv_length (voices) : 0;
  guint next = 0;

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    if (g_str_equal (voices[i], current))
      next = (i + 1) % n;

  g_settings_set_string (self->settings, key, voices[next]);
}

static void
settings_changed_cb (MskPreferencesPage *self,
                     const char         *key)
{
  if (g_str_equal (key, "text-scale") || g_str_equal (key, "language"))
    sync_from_settings (self);
  else if (g_str_equal (key, "voice-ar"))
    sync_voice (self, self->voice_ar_button);
  else if (g_str_equal (key, "voice-en"))
    sync_voice (self, self->voice_en_button);
}

static gboolean
uint_to_double (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant));
  return TRUE;
}

static GVariant *
double_to_uint (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) (MAX (g_value_get_double (value), 0.0) + 0.5));
}

static void
bind_uint (MskPreferencesPage *self,
           const char         *key,
           GtkAdjustment      *adjustment)
{
  g_settings_bind_with_mapping (self->settings, key, adjustment, "value",
                                G_SETTINGS_BIND_DEFAULT, uint_to_double, double_to_uint,
                                NULL, NULL);
}

static void
msk_preferences_page_constructed (GObject *object)
{
  MskPreferencesPage *self = MSK_PREFERENCES_PAGE (object);
  GtkCheckButton *checks[] = {
    self->language_system_check, self->language_arabic_check, self->language_english_check,
  };

  G_OBJECT_CLASS (msk_preferences_page_parent_class)->constructed (object);

  sync_from_settings (self);

  g_settings_bind (self->settings, "high-contrast", self->high_contrast_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "highlight-spoken-word", self->highlight_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "speak-focused-item", self->speak_focused_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  bind_uint (self, "speech-rate", self->rate_adjustment);
  bind_uint (self, "speech-pitch", self->pitch_adjustment);
  bind_uint (self, "speech-volume", self->volume_adjustment);
  sync_voice (self, self->voice_ar_button);
  sync_voice (self, self->voice_en_button);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_signal_connect_object (checks[i], "toggled", G_CALLBACK (language_toggled_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
msk_preferences_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MskPreferencesPage *self = MSK_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_preferences_page_dispose (GObject *object)
{
  MskPreferencesPage *self = MSK_PREFERENCES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_PREFERENCES_PAGE);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (msk_preferences_page_parent_class)->dispose (object);
}

static void
msk_preferences_page_class_init (MskPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = msk_preferences_page_constructed;
  object_class->set_property = msk_preferences_page_set_property;
  object_class->dispose = msk_preferences_page_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/msk-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, language_group);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, reading_group);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, language_system_check);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, language_arabic_check);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, language_english_check);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, text_size_label);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, smaller_button);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, larger_button);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, high_contrast_switch);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, rate_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, pitch_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, volume_adjustment);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, voice_ar_button);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, voice_en_button);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, highlight_switch);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, speak_focused_switch);
  gtk_widget_class_bind_template_callback (widget_class, next_voice_cb);
}

static void
msk_preferences_page_init (MskPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  msk_a11y_keep_label (self->smaller_button);
  msk_a11y_keep_label (self->larger_button);
}
