/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-attribute-field.h"
#include "msk-page-layout.h"

/**
 * MskAttributeField:
 *
 * One attribute of an Open311 service as a form field, by its datatype: a
 * line of text (string), a number, a date and time, a longer text, one
 * choice among values (radio buttons) or several (check buttons). The
 * attribute's description is the field's visible label and its accessible
 * name; "Required" or "Optional" is said in words, and an error stands
 * under the field and on its controls (invalid, and their description).
 *
 * Values are given as Open311 sends them: the text, the number, the date
 * in ISO 8601, or the keys of the chosen values, joined by ",".
 */
struct _MskAttributeField
{
  GtkBox               parent_instance;

  MskServiceAttribute *attribute;  /* (owned) */
  GtkWidget           *text;       /* (nullable): an entry or a text view */
  GPtrArray           *buttons;    /* (owned) (element-type GtkCheckButton) */
  GtkLabel            *error;
  char                *description;
};

G_DEFINE_FINAL_TYPE (MskAttributeField, msk_attribute_field, GTK_TYPE_BOX)

static const char *
datatype (MskAttributeField *self)
{
  const char *type = msk_service_attribute_get_datatype (self->attribute);

  return type != NULL ? type : "string";
}

static gboolean
is_list (MskAttributeField *self)
{
  return g_str_has_suffix (datatype (self), "valuelist");
}

static gboolean
is_multiple (MskAttributeField *self)
{
  return g_str_equal (datatype (self), "multivaluelist");
}

static char *
dup_written (MskAttributeField *self)
{
  g_autofree char *text = NULL;

  if (self->text == NULL)
    return NULL;
  if (GTK_IS_EDITABLE (self->text))
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text)));
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strstrip (g_steal_pointer (&text));
}

/* A date, or a date and a time, as people write them: 2026-12-03 or
 * 2026-12-03 16:30, in the local time zone. */
static GDateTime *
parse_datetime (const char *written)
{
  g_autofree char *text = msk_page_layout_dup_ascii_digits (written);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int year, month, day, hour = 0, minute = 0;
  char end;
  int n;

  n = sscanf (text, "%4d-%2d-%2d %2d:%2d%c", &year, &month, &day, &hour, &minute, &end);
  if (n != 5 && n != 3)
    {
      /* an ISO 8601 date and time with its zone passes as it is */
      return g_date_time_new_from_iso8601 (text, local);
    }
  if (n == 3 && strlen (text) != 10)
    return NULL;
  if (hour > 23 || minute > 59)
    return NULL;
  return g_date_time_new (local, year, month, day, hour, minute, 0);
}

/**
 * msk_attribute_field_dup_value:
 *
 * Returns: (transfer full) (nullable): the value as Open311 sends it, or
 *   %NULL when the field is left empty
 */
char *
msk_attribute_field_dup_value (MskAttributeField *self)
{
  g_autofree char *written = NULL;

  g_return_val_if_fail (MSK_IS_ATTRIBUTE_FIELD (self), NULL);

  if (is_list (self))
    {
      g_autoptr(GString) keys = g_string_new (NULL);

      for (guint i = 0; i < self->buttons->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
          {
            if (keys->len > 0)
              g_string_append_c (keys, ',');
            g_string_append (keys, msk_service_attribute_get_value_key (self->attribute, i));
          }
      return keys->len > 0 ? g_string_free (g_steal_pointer (&keys), FALSE) : NULL;
    }

  written = dup_written (self);
  if (written == NULL || written[0] == '\0')
    return NULL;
  if (g_str_equal (datatype (self), "number"))
    return msk_page_layout_dup_ascii_digits (written);
  if (g_str_equal (datatype (self), "datetime"))
    {
      g_autoptr(GDateTime) when = parse_datetime (written);

      return when != NULL ? g_date_time_format_iso8601 (when) : g_steal_pointer (&written);
    }
  return g_steal_pointer (&written);
}

/**
 * msk_attribute_field_set_value:
 * @value: (nullable): a value as msk_attribute_field_dup_value() gives it
 *
 * Fills the field in (an appeal, from the request it is about).
 */
void
msk_attribute_field_set_value (MskAttributeField *self,
                               const char        *value)
{
  g_return_if_fail (MSK_IS_ATTRIBUTE_FIELD (self));

  if (is_list (self))
    {
      g_auto(GStrv) keys = g_strsplit (value != NULL ? value : "", ",", -1);

      for (guint i = 0; i < self->buttons->len; i++)
        {
          gboolean chosen = g_strv_contains ((const char * const *) keys,
                                             msk_service_attribute_get_value_key (self->attribute,
                                                                                  i));

          /* a radio button is only ever chosen: its group lets the others go */
          if (chosen || is_multiple (self))
            gtk_check_button_set_active (g_ptr_array_index (self->buttons, i), chosen);
        }
      return;
    }
  if (GTK_IS_EDITABLE (self->text))
    gtk_editable_set_text (GTK_EDITABLE (self->text), value != NULL ? value : "");
  else if (self->text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text)),
                              value != NULL ? value : "", -1);
}

/**
 * msk_attribute_field_dup_shown:
 *
 * Returns: (transfer full) (nullable): the value in words, for a review:
 *   the names of the chosen values, or what was written
 */
char *
msk_attribute_field_dup_shown (MskAttributeField *self)
{
  g_return_val_if_fail (MSK_IS_ATTRIBUTE_FIELD (self), NULL);

  if (is_list (self))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < self->buttons->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
          {
            if (names->len > 0)
              /* Translators: between the chosen values of a list, "Litter, Graffiti" */
              g_string_append (names, _(", "));
            g_string_append (names, msk_service_attribute_get_value_name (self->attribute, i));
          }
      return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
    }
  {
    g_autofree char *written = dup_written (self);

    return written != NULL && written[0] != '\0' ? g_steal_pointer (&written) : NULL;
  }
}

/**
 * msk_attribute_field_dup_problem:
 *
 * Returns: (transfer full) (nullable): what is wrong with the value, in
 *   words, or %NULL
 */
char *
msk_attribute_field_dup_problem (MskAttributeField *self)
{
  g_autofree char *written = NULL;

  g_return_val_if_fail (MSK_IS_ATTRIBUTE_FIELD (self), NULL);

  if (is_list (self))
    {
      g_autofree char *keys = msk_attribute_field_dup_value (self);

      if (keys == NULL && msk_service_attribute_get_required (self->attribute))
        return g_strdup (is_multiple (self) ? _("Choose at least one.") : _("Choose one."));
      return NULL;
    }
  written = dup_written (self);
  if (written == NULL || written[0] == '\0')
    return msk_service_attribute_get_required (self->attribute)
           ? g_strdup (_("This field needs an answer.")) : NULL;
  if (g_str_equal (datatype (self), "number"))
    {
      g_autofree char *ascii = msk_page_layout_dup_ascii_digits (written);
      char *end = NULL;

      g_ascii_strtod (ascii, &end);
      if (end == ascii || *end != '\0')
        return g_strdup (_("Write a number, for example 12."));
    }
  else if (g_str_equal (datatype (self), "datetime"))
    {
      g_autoptr(GDateTime) when = parse_datetime (written);

      if (when == NULL)
        return g_strdup (_("Write a date as year-month-day, and a time if you know it, for "
                           "example 2026-12-03 16:30."));
    }
  return NULL;
}

/**
 * msk_attribute_field_set_error:
 * @message: (nullable): what is wrong, or %NULL when nothing is
 */
void
msk_attribute_field_set_error (MskAttributeField *self,
                               const char        *message)
{
  g_autofree char *description = NULL;
  GtkAccessibleInvalidState invalid;

  g_return_if_fail (MSK_IS_ATTRIBUTE_FIELD (self));

  invalid = message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE;
  msk_page_layout_show_status (self->error, message, TRUE);
  description = message != NULL ? g_strdup_printf ("%s %s", message, self->description)
                                : g_strdup (self->description);
  if (self->text != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_STATE_INVALID,
                                   invalid, -1);
      msk_a11y_set_description (self->text, description);
    }
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);

      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_INVALID,
                                   invalid, -1);
      msk_a11y_set_description (button, message);
    }
}

/**
 * msk_attribute_field_focus:
 *
 * Moves the focus to the field: its text, its chosen value or its first.
 */
void
msk_attribute_field_focus (MskAttributeField *self)
{
  g_return_if_fail (MSK_IS_ATTRIBUTE_FIELD (self));

  if (self->text != NULL)
    {
      msk_a11y_grab_focus_when_shown (self->text);
      return;
    }
  for (guint i = 0; i < self->buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
      {
        msk_a11y_grab_focus_when_shown (g_ptr_array_index (self->buttons, i));
        return;
      }
  if (self->buttons->len > 0)
    msk_a11y_grab_focus_when_shown (g_ptr_array_index (self->buttons, 0));
}

static void
changed_cb (MskAttributeField *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error)))
    msk_attribute_field_set_error (self, NULL);
}

static void
build_controls (MskAttributeField *self)
{
  const char *label = msk_service_attribute_get_description (self->attribute);
  const char *type = datatype (self);

  if (label == NULL || label[0] == '\0')
    label = msk_service_attribute_get_code (self->attribute);

  if (is_list (self))
    {
      gboolean multiple = is_multiple (self);

      for (guint i = 0; i < msk_service_attribute_get_n_values (self->attribute); i++)
        {
          /* Text from the portal stays text: no mnemonic, no markup. */
          GtkWidget *button = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                            "label",
                                            msk_service_attribute_get_value_name (self->attribute,
                                                                                  i),
                                            "accessible-role",
                                            multiple ? GTK_ACCESSIBLE_ROLE_CHECKBOX
                                                     : GTK_ACCESSIBLE_ROLE_RADIO,
                                            NULL);

          if (!multiple && self->buttons->len > 0)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button),
                                        g_ptr_array_index (self->buttons, 0));
          g_signal_connect_swapped (button, "toggled", G_CALLBACK (changed_cb), self);
          msk_page_layout_wrap_labels (button);
          gtk_box_append (GTK_BOX (self), button);
          g_ptr_array_add (self->buttons, button);
        }
      return;
    }

  if (g_str_equal (type, "text"))
    {
      gtk_box_append (GTK_BOX (self), msk_page_layout_text_area (96, &self->text));
      g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text)), "changed",
                                G_CALLBACK (changed_cb), self);
    }
  else
    {
      self->text = gtk_entry_new ();
      if (g_str_equal (type, "number"))
        gtk_entry_set_input_purpose (GTK_ENTRY (self->text), GTK_INPUT_PURPOSE_NUMBER);
      gtk_box_append (GTK_BOX (self), self->text);
      g_signal_connect_swapped (self->text, "changed", G_CALLBACK (changed_cb), self);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

/* "Required" in words, not only by a mark, and what a number or a date
 * should look like. */
static char *
dup_description (MskAttributeField *self)
{
  const char *type = datatype (self);
  const char *required = msk_service_attribute_get_required (self->attribute)
                         ? _("Required.") : _("Optional.");
  const char *shape = NULL;
  const char *help = msk_service_attribute_get_datatype_description (self->attribute);

  if (g_str_equal (type, "number"))
    shape = _("A number.");
  else if (g_str_equal (type, "datetime"))
    shape = _("A date as year-month-day, and a time if you know it: 2026-12-03 16:30.");
  else if (is_multiple (self))
    shape = _("Choose all that apply.");

  GString *text = g_string_new (required);

  if (shape != NULL)
    g_string_append_printf (text, " %s", shape);
  if (help != NULL && help[0] != '\0')
    g_string_append_printf (text, " %s", help);
  return g_string_free (text, FALSE);
}

static void
msk_attribute_field_dispose (GObject *object)
{
  MskAttributeField *self = MSK_ATTRIBUTE_FIELD (object);

  /* Radio buttons going away toggle the others of their group: the field,
   * half gone, hears nothing of it. */
  if (self->buttons != NULL)
    for (guint i = 0; i < self->buttons->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->buttons, i), self);
  if (self->text != NULL)
    {
      if (GTK_IS_TEXT_VIEW (self->text))
        g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text)),
                                              self);
      else
        g_signal_handlers_disconnect_by_data (self->text, self);
      self->text = NULL;
    }
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_object (&self->attribute);

  G_OBJECT_CLASS (msk_attribute_field_parent_class)->dispose (object);
}

static void
msk_attribute_field_finalize (GObject *object)
{
  MskAttributeField *self = MSK_ATTRIBUTE_FIELD (object);

  g_free (self->description);

  G_OBJECT_CLASS (msk_attribute_field_parent_class)->finalize (object);
}

static void
msk_attribute_field_class_init (MskAttributeFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_attribute_field_dispose;
  object_class->finalize = msk_attribute_field_finalize;
}

static void
msk_attribute_field_init (MskAttributeField *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  self->buttons = g_ptr_array_new ();
}

/**
 * msk_attribute_field_new:
 *
 * Returns: (transfer floating): the field of @attribute
 */
GtkWidget *
msk_attribute_field_new (MskServiceAttribute *attribute)
{
  MskAttributeField *self;
  const char *label;
  GtkWidget *heading;
  g_autofree char *description = NULL;

  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (attribute), NULL);

  self = g_object_new (MSK_TYPE_ATTRIBUTE_FIELD,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                       NULL);
  self->attribute = g_object_ref (attribute);
  label = msk_service_attribute_get_description (attribute);
  if (label == NULL || label[0] == '\0')
    label = msk_service_attribute_get_code (attribute);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);

  heading = msk_page_layout_label (label, "heading");
  gtk_box_append (GTK_BOX (self), heading);
  description = dup_description (self);
  self->description = g_strstrip (g_steal_pointer (&description));
  gtk_box_append (GTK_BOX (self), msk_page_layout_label (self->description, "dim-label"));
  build_controls (self);

  self->error = GTK_LABEL (msk_page_layout_label (NULL, "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->error));
  msk_a11y_set_description (GTK_WIDGET (self), self->description);
  msk_attribute_field_set_error (self, NULL);
  return GTK_WIDGET (self);
}

/**
 * msk_attribute_field_get_attribute:
 *
 * Returns: (transfer none): the attribute the field is for
 */
MskServiceAttribute *
msk_attribute_field_get_attribute (MskAttributeField *self)
{
  g_return_val_if_fail (MSK_IS_ATTRIBUTE_FIELD (self), NULL);

  return self->attribute;
}
