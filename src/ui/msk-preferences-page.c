/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-language.h"
#include "msk-preferences-page.h"
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
  GtkLabel           *text_size_label;
  GtkSwitch          *high_contrast_switch;
};

G_DEFINE_FINAL_TYPE (MskPreferencesPage, msk_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
msk_preferences_page_new (GSettings *settings)
{
  return g_object_new (MSK_TYPE_PREFERENCES_PAGE, "settings", settings, NULL);
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

static void
settings_changed_cb (MskPreferencesPage *self,
                     const char         *key)
{
  if (g_str_equal (key, "text-scale") || g_str_equal (key, "language"))
    sync_from_settings (self);
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
  msk_a11y_name_containers (GTK_WIDGET (self), _("Preferences"));

  g_settings_bind (self->settings, "high-contrast", self->high_contrast_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
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
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, high_contrast_switch);
}

static void
msk_preferences_page_init (MskPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
