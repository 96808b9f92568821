/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-language.h"
#include "msk-preferences-page.h"
#include "msk-text-scale.h"

struct _MskPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  /* Owned */
  GSettings          *settings;

  /* Template widgets */
  AdwComboRow        *language_row;
  AdwComboRow        *text_size_row;
  GtkSwitch          *high_contrast_switch;
};

G_DEFINE_FINAL_TYPE (MskPreferencesPage, msk_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the language row's model. */
static const MskLanguage language_order[] = {
  MSK_LANGUAGE_SYSTEM,
  MSK_LANGUAGE_ARABIC,
  MSK_LANGUAGE_ENGLISH,
};

GtkWidget *
msk_preferences_page_new (GSettings *settings)
{
  return g_object_new (MSK_TYPE_PREFERENCES_PAGE, "settings", settings, NULL);
}

static void
sync_from_settings (MskPreferencesPage *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");
  MskLanguage current = msk_language_from_string (language);
  double scale = g_settings_get_double (self->settings, "text-scale");
  const double *steps;
  guint n_steps;
  guint nearest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (language_order); i++)
    if (language_order[i] == current)
      adw_combo_row_set_selected (self->language_row, i);

  steps = msk_text_scale_get_steps (&n_steps);
  for (guint i = 0; i < n_steps; i++)
    if (ABS (steps[i] - scale) < ABS (steps[nearest] - scale))
      nearest = i;
  adw_combo_row_set_selected (self->text_size_row, nearest);
}

static void
language_selected_cb (MskPreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);
  g_autofree char *current = g_settings_get_string (self->settings, "language");
  const char *wanted;

  if (selected >= G_N_ELEMENTS (language_order))
    return;

  wanted = msk_language_to_string (language_order[selected]);
  if (!g_str_equal (current, wanted))
    g_settings_set_string (self->settings, "language", wanted);
}

static void
text_size_selected_cb (MskPreferencesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->text_size_row);
  guint n_steps;
  const double *steps = msk_text_scale_get_steps (&n_steps);

  if (selected >= n_steps)
    return;

  if (ABS (g_settings_get_double (self->settings, "text-scale") - steps[selected]) > 0.001)
    g_settings_set_double (self->settings, "text-scale", steps[selected]);
}

static void
settings_changed_cb (MskPreferencesPage *self,
                     const char         *key)
{
  if (g_str_equal (key, "text-scale") || g_str_equal (key, "language"))
    sync_from_settings (self);
}

static void
fill_models (MskPreferencesPage *self)
{
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sizes = gtk_string_list_new (NULL);
  const double *steps;
  guint n_steps;

  gtk_string_list_append (languages, _("Same as the system"));
  /* The names of the languages are written in themselves. */
  gtk_string_list_append (languages, "العربية");
  gtk_string_list_append (languages, "English");
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));

  steps = msk_text_scale_get_steps (&n_steps);
  for (guint i = 0; i < n_steps; i++)
    {
      /* Translators: a text size in percent; %u is the number, %% the sign */
      g_autofree char *label = g_strdup_printf (_("%u%%"), msk_text_scale_to_percent (steps[i]));
      gtk_string_list_append (sizes, label);
    }
  adw_combo_row_set_model (self->text_size_row, G_LIST_MODEL (sizes));
}

static void
msk_preferences_page_constructed (GObject *object)
{
  MskPreferencesPage *self = MSK_PREFERENCES_PAGE (object);

  G_OBJECT_CLASS (msk_preferences_page_parent_class)->constructed (object);

  fill_models (self);
  sync_from_settings (self);

  g_settings_bind (self->settings, "high-contrast", self->high_contrast_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (language_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_size_row, "notify::selected",
                           G_CALLBACK (text_size_selected_cb), self, G_CONNECT_SWAPPED);
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
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, text_size_row);
  gtk_widget_class_bind_template_child (widget_class, MskPreferencesPage, high_contrast_switch);
}

static void
msk_preferences_page_init (MskPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
