/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-policy.h"
#include "msk-portals-group.h"

/**
 * MskPortalsGroup:
 *
 * The portals of Preferences: the practice portal and the saved ones, the
 * one the app reads chosen among them; a saved portal can be renamed (its
 * name is an entry) and removed, and a portal added by its address, which
 * is checked before it is saved.
 */
struct _MskPortalsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Owned */
  MskContext          *context;
  GCancellable        *check;

  /* Unowned: rows of the group */
  GPtrArray           *rows;
  GPtrArray           *checks;
  AdwEntryRow         *add_row;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (MskPortalsGroup, msk_portals_group, ADW_TYPE_PREFERENCES_GROUP)

static void
set_status (MskPortalsGroup *self,
            const char      *text,
            gboolean         is_error)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  msk_a11y_set_description (GTK_WIDGET (self->add_row), text);
  if (text != NULL && *text != '\0')
    msk_a11y_announce (GTK_WIDGET (self->add_row), text,
                       is_error ? MSK_A11Y_PRIORITY_HIGH : MSK_A11Y_PRIORITY_MEDIUM);
}

static void
use_toggled_cb (GtkCheckButton *check,
                MskPortalsGroup *self)
{
  const char *chosen = g_object_get_data (G_OBJECT (check), "msk-portal");

  if (gtk_check_button_get_active (check))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.use-portal", "s", chosen);
}

/* The row's buttons are named after the portal: again when it is renamed. */
static void
name_row_buttons (GtkWidget  *row,
                  const char *name)
{
  GtkWidget *check = g_object_get_data (G_OBJECT (row), "msk-check");
  GtkWidget *remove = g_object_get_data (G_OBJECT (row), "msk-remove");
  /* Translators: %s is the name of a portal */
  g_autofree char *read_label = g_strdup_printf (_("Read %s"), name);
  /* Translators: %s is the name of a portal */
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  read_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  /* Newer GTK labels a button by its label, which would win over the name
   * and leave a screen reader saying only "Remove". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_widget_set_tooltip_text (remove, remove_label);
}

static void
rename_applied_cb (AdwEntryRow     *row,
                   MskPortalsGroup *self)
{
  MskPortal *portal = g_object_get_data (G_OBJECT (row), "msk-portal");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!msk_portal_list_rename (msk_context_get_portals (self->context), portal,
                               gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      set_status (self, error->message, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), msk_portal_get_name (portal));
      return;
    }
  name_row_buttons (GTK_WIDGET (row), msk_portal_get_name (portal));
  /* Translators: %s is the new name of a portal */
  text = g_strdup_printf (_("Renamed to “%s”."), msk_portal_get_name (portal));
  set_status (self, text, FALSE);
}

static void
remove_clicked_cb (GtkButton       *button,
                   MskPortalsGroup *self)
{
  MskPortal *portal = g_object_get_data (G_OBJECT (button), "msk-portal");
  g_autoptr(MskPortal) keep = g_object_ref (portal);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = msk_policy_dup_portal_key (portal);
  g_autofree char *text = NULL;
  MskCore *core = msk_context_get_core (self->context);

  if (!msk_portal_list_remove (msk_context_get_portals (self->context), portal, &error)
      || !msk_policy_forget (msk_core_get_store (core), key, &error))
    {
      set_status (self, error->message, TRUE);
      return;
    }
  /* Removing the portal read until now is seen by the application, which
   * opens the practice portal in its place. */
  /* Translators: %s is the name of a portal */
  text = g_strdup_printf (_("“%s” was removed."), msk_portal_get_name (keep));
  set_status (self, text, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MskPortalsGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskPortal) portal = NULL;
  g_autofree char *text = NULL;

  portal = msk_portal_list_add_by_url_finish (MSK_PORTAL_LIST (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), TRUE);
  if (portal == NULL)
    {
      /* Translators: %s says why, in plain words */
      text = g_strdup_printf (_("This portal cannot be used: %s"), error->message);
      set_status (self, text, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  /* Translators: %s is the name of a portal */
  text = g_strdup_printf (_("“%s” was added. Choose it above to read it."),
                          msk_portal_get_name (portal));
  set_status (self, text, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

static void
add_applied_cb (MskPortalsGroup *self)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (
                                GTK_EDITABLE (self->add_row))));

  if (*address == '\0')
    {
      set_status (self, _("Type the address of the portal first, for example "
                          "https://portal.example.sa"), TRUE);
      return;
    }

  g_cancellable_cancel (self->check);
  g_clear_object (&self->check);
  self->check = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), FALSE);
  set_status (self, _("Checking the address…"), FALSE);
  msk_portal_list_add_by_url_async (msk_context_get_portals (self->context), address,
                                    self->check, added_cb, g_object_ref (self));
}

static GtkWidget *
make_use_check (MskPortalsGroup *self,
                GtkCheckButton  *group,
                const char      *chosen,
                const char      *key)
{
  GtkWidget *check = gtk_check_button_new ();

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (chosen, key) == 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "msk-portal", g_strdup (key), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (use_toggled_cb), self);
  g_ptr_array_add (self->checks, check);
  return check;
}

/* The rows' icons (the pencil of an entry, the apply button's tick) only
 * repeat what their row and button say: a screen reader would name them
 * after their class. */
static void
hide_decoration (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hide_decoration (child);
}

static void
rebuild (MskPortalsGroup *self)
{
  MskPortalList *portals = msk_context_get_portals (self->context);
  g_autofree char *chosen = g_settings_get_string (msk_context_get_settings (self->context),
                                                   "portal");
  GtkWidget *practice;
  GtkWidget *group_check;
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);
  if (self->add_row != NULL)
    {
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self),
                                    GTK_WIDGET (self->status_label));
    }

  practice = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (practice), _("Practice portal"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (practice),
                               _("Runs on this computer, for trying the app"));
  group_check = make_use_check (self, NULL, chosen, MSK_POLICY_PRACTICE_KEY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (group_check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Read the practice portal"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (practice), group_check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (practice), group_check);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), practice);
  g_ptr_array_add (self->rows, practice);

  n = portals != NULL ? g_list_model_get_n_items (G_LIST_MODEL (portals)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskPortal) portal = g_list_model_get_item (G_LIST_MODEL (portals), i);
      const char *name = msk_portal_get_name (portal);
      const char *url = msk_portal_get_base_url (portal);
      GtkWidget *row;
      GtkWidget *check;
      GtkWidget *remove;
      g_autofree char *title = NULL;

      if (msk_portal_get_is_demo (portal))
        continue;

      /* The name is an entry: edit it and apply to rename. */
      row = adw_entry_row_new ();
      /* Translators: %s is the address of a portal */
      title = g_strdup_printf (_("Name of the portal at %s"), url);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), name);
      g_object_set_data_full (G_OBJECT (row), "msk-portal", g_object_ref (portal),
                              g_object_unref);
      g_signal_connect (row, "apply", G_CALLBACK (rename_applied_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (rename_applied_cb), self);
      check = make_use_check (self, GTK_CHECK_BUTTON (group_check), chosen, url);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), check);

      remove = gtk_button_new_with_label (_("Remove"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      g_object_set_data_full (G_OBJECT (remove), "msk-portal", g_object_ref (portal),
                              g_object_unref);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

      g_object_set_data (G_OBJECT (row), "msk-check", check);
      g_object_set_data (G_OBJECT (row), "msk-remove", remove);
      name_row_buttons (row, name);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                 _("Add a portal by its address (https://…)"));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  gtk_widget_set_direction (GTK_WIDGET (self->add_row), GTK_TEXT_DIR_LTR);
  g_signal_connect_swapped (self->add_row, "apply", G_CALLBACK (add_applied_cb), self);
  g_signal_connect_swapped (self->add_row, "entry-activated", G_CALLBACK (add_applied_cb),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->add_row));

  self->status_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->status_label), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->status_label));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);

  hide_decoration (GTK_WIDGET (self));
}

static void
portals_changed_cb (MskPortalsGroup *self)
{
  rebuild (self);
}

static void
chosen_changed_cb (MskPortalsGroup *self)
{
  g_autofree char *chosen = g_settings_get_string (msk_context_get_settings (self->context),
                                                   "portal");

  /* Follow a choice made elsewhere, without rebuilding under the focus. */
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "msk-portal"), chosen) == 0
          && !gtk_check_button_get_active (check))
        gtk_check_button_set_active (check, TRUE);
    }
}

static void
msk_portals_group_dispose (GObject *object)
{
  MskPortalsGroup *self = MSK_PORTALS_GROUP (object);

  g_cancellable_cancel (self->check);
  g_clear_object (&self->check);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (msk_portals_group_parent_class)->dispose (object);
}

static void
msk_portals_group_class_init (MskPortalsGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = msk_portals_group_dispose;
}

static void
msk_portals_group_init (MskPortalsGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
}

GtkWidget *
msk_portals_group_new (MskContext *context)
{
  MskPortalsGroup *self;

  g_return_val_if_fail (MSK_IS_CONTEXT (context), NULL);

  self = g_object_new (MSK_TYPE_PORTALS_GROUP,
                       "title", _("Portals"),
                       "description", _("The portal the app reads, and the others you saved"),
                       NULL);
  self->context = g_object_ref (context);
  rebuild (self);
  if (msk_context_get_portals (context) != NULL)
    g_signal_connect_object (msk_context_get_portals (context), "items-changed",
                             G_CALLBACK (portals_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (msk_context_get_settings (context), "changed::portal",
                           G_CALLBACK (chosen_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
