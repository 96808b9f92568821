/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-attribute-field.h"
#include "msk-composer.h"
#include "msk-entity.h"
#include "msk-open311.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-policy-page.h"
#include "msk-receipt-print.h"
#include "msk-request-page.h"
#include "msk-topic-text.h"

/**
 * MskRequestPage:
 *
 * A complaint, a suggestion or an information request, through the
 * portal's Open311 endpoint (any GeoReport v2 endpoint would do): the
 * public body it is for, then the service, found in its group or by
 * searching; the service's own questions (its attributes, by datatype), a
 * description, the place and contact details, which are not published; a
 * review of all of it; then sending through the outbox. The receipt shows
 * the tracking number, which can be copied, read aloud digit by digit,
 * saved as PDF or printed, the date, what happens next and, when the
 * endpoint gives one, the date the answer is due.
 */
struct _MskRequestPage
{
  MskPage        parent_instance;

  /* Template widgets */
  GtkLabel      *offline_label;
  GtkLabel      *state_label;
  GtkWidget     *retry_button;
  GtkStack      *stack;
  GtkWidget     *entity_heading;
  GtkWidget     *entity_box;
  GtkSearchEntry *search_entry;
  GtkLabel      *services_state;
  GtkListBox    *services_list;
  GtkLabel      *service_title;
  GtkLabel      *service_description;
  GtkWidget     *other_service_button;
  GtkWidget     *attributes_box;
  MskComposer   *composer;
  GtkEntry      *address_entry;
  GtkEntry      *landmark_entry;
  GtkEntry      *lat_entry;
  GtkEntry      *lon_entry;
  GtkLabel      *place_error;
  GtkEntry      *first_name_entry;
  GtkEntry      *last_name_entry;
  GtkEntry      *email_entry;
  GtkEntry      *phone_entry;
  GtkLabel      *contact_error;
  GtkLabel      *form_error;
  GtkWidget     *review_button;
  GtkLabel      *review_label;
  GtkWidget     *send_button;
  GtkWidget     *change_button;
  GtkWidget     *review_buttons;
  GtkLabel      *receipt_heading;
  GtkLabel      *receipt_label;
  GtkLabel      *tracking_label;
  GtkWidget     *receipt_buttons;
  GtkWidget     *copy_button;
  GtkWidget     *speak_button;
  GtkWidget     *pdf_button;
  GtkWidget     *print_button;
  GtkLabel      *next_label;
  GtkWidget     *another_button;
  GtkWidget     *after_buttons;

  /* Owned */
  GListModel    *entities;       /* (nullable): the MskPagedList of MskEntity */
  GPtrArray     *jurisdictions;  /* (element-type utf8): of the bodies offered */
  GPtrArray     *entity_names;   /* (element-type utf8): their names */
  GPtrArray     *entity_buttons; /* (element-type GtkCheckButton): a radio button each */
  MskOpen311    *open311;        /* (nullable) */
  GListModel    *services;       /* (nullable): of MskService, of the body chosen */
  MskService    *service;        /* (nullable): the one chosen */
  GPtrArray     *fields;         /* (element-type MskAttributeField): its questions */
  MskOutboxItem *sending;        /* (nullable): the request on its way */
  char          *tracking;       /* (nullable): its tracking number, once received */
  GDateTime     *received;       /* (nullable): when */
  char          *notice;         /* (nullable): what happens next, from the endpoint */
  GDateTime     *due;            /* (nullable): when the answer is due */
  char          *want_jurisdiction;  /* (nullable): to open at once (an appeal) */
  char          *want_service;
  GHashTable    *want_values;
  char          *want_description;

  GCancellable  *services_load;  /* (nullable): the list of the body chosen last */
};

G_DEFINE_FINAL_TYPE (MskRequestPage, msk_request_page, MSK_TYPE_PAGE)

#define DESCRIPTION_MIN_CHARS 10
#define DESCRIPTION_MAX_CHARS 4000

/* The groups the demo portal and common GeoReport endpoints use, in
 * words; any other group is shown as the endpoint names it. */
static const char *
group_name (const char *group)
{
  static const struct { const char *code; const char *name; } groups[] = {
    { "roads", N_("Roads and lighting") },
    { "sanitation", N_("Cleanliness and waste") },
    { "parks", N_("Parks and playgrounds") },
    { "utilities", N_("Water and utilities") },
    { "environment", N_("Environment and noise") },
    { "transport", N_("Public transport") },
    { "access_to_information", N_("Access to information") },
  };

  if (group == NULL || group[0] == '\0')
    return _("Other services");
  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].code, group))
      return _(groups[i].name);
  return group;
}

static void
set_state (MskRequestPage *self,
           const char     *text,
           gboolean        can_retry)
{
  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static void
show_step (MskRequestPage *self,
           const char     *step,
           GtkWidget      *focus)
{
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_set_visible_child_name (self->stack, step);
  if (focus != NULL)
    msk_a11y_grab_focus_when_shown (focus);
}

/* Choosing the service */

static GtkWidget *
build_service_row (MskService *service)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  const char *description = msk_service_get_description (service);
  g_autofree char *name = NULL;

  g_object_set_data_full (G_OBJECT (row), "msk-service", g_object_ref (service), g_object_unref);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  /* Text from the endpoint is shown literally: markup stays text. */
  gtk_box_append (GTK_BOX (box), msk_page_layout_label (msk_service_get_service_name (service),
                                                        "heading"));
  if (description != NULL && description[0] != '\0')
    gtk_box_append (GTK_BOX (box), msk_page_layout_label (description, "dim-label"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Translators: a service in a list: its name, its description (with its
   * own full stop) and its group, "Potholes. A pothole or a dip in the
   * road. Roads and lighting." */
  name = g_strdup_printf (_("%1$s. %2$s %3$s."), msk_service_get_service_name (service),
                          description != NULL ? description : "",
                          group_name (msk_service_get_group (service)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static MskService *
row_service (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "msk-service") : NULL;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *group = msk_service_get_group (row_service (row));
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (msk_service_get_group (row_service (before)), group) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = msk_page_layout_label (group_name (group), "heading");
  g_object_set (header, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_list_box_row_set_header (row, header);
}

static gboolean
service_matches (MskService *service,
                 const char *folded)
{
  const char *parts[] = {
    msk_service_get_service_name (service), msk_service_get_description (service),
    msk_service_get_keywords (service), group_name (msk_service_get_group (service)),
  };

  if (folded == NULL || folded[0] == '\0')
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = parts[i] != NULL ? g_utf8_casefold (parts[i], -1) : NULL;

      if (part != NULL && strstr (part, folded) != NULL)
        return TRUE;
    }
  return FALSE;
}

static char *
dup_search (MskRequestPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  return g_utf8_casefold (g_strstrip (text), -1);
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  MskRequestPage *self = user_data;
  g_autofree char *folded = dup_search (self);

  return service_matches (row_service (row), folded);
}

static void
update_services_state (MskRequestPage *self)
{
  g_autofree char *folded = dup_search (self);
  guint n = self->services != NULL ? g_list_model_get_n_items (self->services) : 0;
  guint shown = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskService) service = g_list_model_get_item (self->services, i);

      if (service_matches (service, folded))
        shown++;
    }
  if (n == 0)
    text = g_strdup (_("This public body takes no requests through the portal."));
  else if (shown == 0)
    {
      g_autofree char *written = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      g_autofree char *isolated = msk_topic_text_isolate (g_strstrip (written));

      /* Translators: %s is what the person searched for */
      text = g_strdup_printf (_("No service matches %s. Try other words, or clear the search to "
                                "see them all."), isolated);
    }
  msk_page_layout_show_status (self->services_state, text, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->services_list), shown > 0);
}

static void
search_changed_cb (MskRequestPage *self)
{
  gtk_list_box_invalidate_filter (self->services_list);
  gtk_list_box_invalidate_headers (self->services_list);
  update_services_state (self);
}

static void choose_service (MskRequestPage *self,
                            MskService     *service);

static void
services_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskRequestPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) services = NULL;
  MskFreshness freshness = { 0, };
  g_autofree char *offline = NULL;
  GtkWidget *child;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  services = msk_open311_list_services_finish (MSK_OPEN311 (source), result, &freshness, &error);
  if (services == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The services could not be loaded: %s"), error->message);
      set_state (self, text, TRUE);
      return;
    }
  offline = msk_page_report_freshness (MSK_PAGE (self), &freshness);
  gtk_label_set_text (self->offline_label, offline != NULL ? offline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline != NULL);
  set_state (self, NULL, FALSE);

  g_set_object (&self->services, services);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->services_list))) != NULL)
    gtk_list_box_remove (self->services_list, child);
  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(MskService) service = g_list_model_get_item (services, i);

      gtk_list_box_append (self->services_list, build_service_row (service));
    }
  update_services_state (self);
  if (gtk_stack_get_visible_child_name (self->stack) == NULL
      || !gtk_widget_get_visible (GTK_WIDGET (self->stack)))
    show_step (self, "choose", NULL);

  /* An appeal opens its service at once. */
  if (self->want_service != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (services); i++)
        {
          g_autoptr(MskService) service = g_list_model_get_item (services, i);

          if (g_strcmp0 (msk_service_get_service_code (service), self->want_service) == 0)
            {
              choose_service (self, service);
              return;
            }
        }
      g_clear_pointer (&self->want_service, g_free);
    }
}

/* The body chosen, or G_MAXUINT when none is offered. */
static guint
selected_entity (MskRequestPage *self)
{
  for (guint i = 0; i < self->entity_buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->entity_buttons, i)))
      return i;
  return G_MAXUINT;
}

static void
load_services (MskRequestPage *self)
{
  guint selected = selected_entity (self);
  const char *jurisdiction = NULL;

  if (self->open311 == NULL)
    return;
  if (selected < self->jurisdictions->len)
    jurisdiction = g_ptr_array_index (self->jurisdictions, selected);
  msk_open311_set_jurisdiction_id (self->open311, jurisdiction);
  /* a reply for a body no longer chosen is dropped */
  if (self->services_load != NULL)
    g_cancellable_cancel (self->services_load);
  g_clear_object (&self->services_load);
  self->services_load = g_cancellable_new ();
  set_state (self, _("Loading the services…"), FALSE);
  msk_open311_list_services_async (self->open311, self->services_load, services_loaded_cb,
                                   g_object_ref (self));
}

static void
entity_toggled_cb (GtkCheckButton *button,
                   MskRequestPage *self)
{
  if (gtk_check_button_get_active (button))
    load_services (self);
}

static void
entities_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskRequestPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint chosen = 0;

  if (msk_page_is_left (MSK_PAGE (self)) || G_LIST_MODEL (source) != self->entities)
    return;
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Without the list of bodies, the endpoint's own services. */
      g_debug ("Request page: entities: %s", error->message);
    }

  g_ptr_array_set_size (self->jurisdictions, 0);
  g_ptr_array_set_size (self->entity_names, 0);
  g_ptr_array_set_size (self->entity_buttons, 0);
  while ((child = gtk_widget_get_first_child (self->entity_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->entity_box), child);
  for (guint i = 0; i < g_list_model_get_n_items (self->entities); i++)
    {
      g_autoptr(MskEntity) entity = g_list_model_get_item (self->entities, i);
      const char *jurisdiction = msk_entity_get_jurisdiction_id (entity);
      GtkWidget *button;

      if (jurisdiction == NULL || jurisdiction[0] == '\0')
        continue;
      if (g_strcmp0 (jurisdiction, self->want_jurisdiction) == 0)
        chosen = self->jurisdictions->len;
      /* Text from the portal stays text. */
      button = g_object_new (GTK_TYPE_CHECK_BUTTON,
                             "label", msk_entity_get_name (entity),
                             "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                             NULL);
      if (self->entity_buttons->len > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button),
                                    g_ptr_array_index (self->entity_buttons, 0));
      msk_page_layout_wrap_labels (button);
      gtk_box_append (GTK_BOX (self->entity_box), button);
      g_ptr_array_add (self->entity_buttons, button);
      g_ptr_array_add (self->jurisdictions, g_strdup (jurisdiction));
      g_ptr_array_add (self->entity_names, g_strdup (msk_entity_get_name (entity)));
    }
  if (self->entity_buttons->len > 0)
    gtk_check_button_set_active (g_ptr_array_index (self->entity_buttons, chosen), TRUE);
  for (guint i = 0; i < self->entity_buttons->len; i++)
    g_signal_connect (g_ptr_array_index (self->entity_buttons, i), "toggled",
                      G_CALLBACK (entity_toggled_cb), self);
  gtk_widget_set_visible (self->entity_box, self->entity_buttons->len > 0);
  gtk_widget_set_visible (self->entity_heading, self->entity_buttons->len > 0);
  load_services (self);
}

static void
msk_request_page_reload (MskPage *page)
{
  MskRequestPage *self = MSK_REQUEST_PAGE (page);
  MskClient *client = msk_page_get_client (page);

  if (client == NULL)
    {
      set_state (self, _("Not connected to a portal"), FALSE);
      return;
    }
  if (self->open311 == NULL)
    self->open311 = msk_open311_new (client);
  if (self->entities != NULL && self->jurisdictions->len > 0)
    {
      load_services (self);
      return;
    }
  set_state (self, _("Loading the services…"), FALSE);
  g_clear_object (&self->entities);
  self->entities = msk_client_list_entities (client);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->entities), msk_page_start_load (page),
                                  entities_loaded_cb, g_object_ref (self));
}

/* The form */

static void
clear_fields (MskRequestPage *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->fields, 0);
  while ((child = gtk_widget_get_first_child (self->attributes_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->attributes_box), child);
  gtk_widget_set_visible (self->attributes_box, FALSE);
}

static gint
compare_order (gconstpointer a,
               gconstpointer b)
{
  MskServiceAttribute *x = *(MskServiceAttribute **) a;
  MskServiceAttribute *y = *(MskServiceAttribute **) b;
  gint64 ox = msk_service_attribute_get_order (x);
  gint64 oy = msk_service_attribute_get_order (y);

  return ox < oy ? -1 : ox > oy;
}

static void
put_back_wanted (MskRequestPage *self)
{
  if (self->want_values != NULL)
    for (guint i = 0; i < self->fields->len; i++)
      {
        MskAttributeField *field = g_ptr_array_index (self->fields, i);
        const char *code = msk_service_attribute_get_code (msk_attribute_field_get_attribute (field));
        const char *value = g_hash_table_lookup (self->want_values, code);

        if (value != NULL)
          msk_attribute_field_set_value (field, value);
      }
  if (self->want_description != NULL)
    msk_composer_set_text (self->composer, self->want_description);
  g_clear_pointer (&self->want_service, g_free);
  g_clear_pointer (&self->want_values, g_hash_table_unref);
  g_clear_pointer (&self->want_description, g_free);
}

static void
show_form (MskRequestPage *self)
{
  set_state (self, NULL, FALSE);
  put_back_wanted (self);
  show_step (self, "form", NULL);
  if (self->fields->len > 0)
    msk_attribute_field_focus (g_ptr_array_index (self->fields, 0));
  else
    msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->composer));
}

static void
definition_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MskRequestPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) attributes = NULL;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  attributes = msk_open311_get_service_definition_finish (MSK_OPEN311 (source), result, NULL,
                                                          &error);
  if (attributes == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The questions of this service could not be loaded: %s"),
                              error->message);
      set_state (self, text, FALSE);
      msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
      show_step (self, "choose", GTK_WIDGET (self->search_entry));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (attributes); i++)
    {
      MskServiceAttribute *attribute = g_list_model_get_item (attributes, i);

      /* Attributes that are not variable are information, not questions. */
      if (!msk_service_attribute_get_variable (attribute))
        {
          g_object_unref (attribute);
          continue;
        }
      g_ptr_array_add (sorted, attribute);
    }
  g_ptr_array_sort (sorted, compare_order);
  for (guint i = 0; i < sorted->len; i++)
    {
      GtkWidget *field = msk_attribute_field_new (g_ptr_array_index (sorted, i));

      gtk_box_append (GTK_BOX (self->attributes_box), field);
      g_ptr_array_add (self->fields, field);
    }
  gtk_widget_set_visible (self->attributes_box, sorted->len > 0);
  show_form (self);
}

static void
choose_service (MskRequestPage *self,
                MskService     *service)
{
  const char *description = msk_service_get_description (service);
  g_autofree char *key = NULL;

  g_set_object (&self->service, service);
  clear_fields (self);
  gtk_label_set_text (self->service_title, msk_service_get_service_name (service));
  gtk_widget_set_visible (GTK_WIDGET (self->service_title), TRUE);
  gtk_label_set_text (self->service_description, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->service_description),
                          description != NULL && description[0] != '\0');
  msk_page_layout_show_status (self->form_error, NULL, TRUE);
  /* earlier texts to the same service count as repeats */
  key = g_strconcat ("open311:", msk_service_get_service_code (service), NULL);
  msk_composer_set_context (self->composer, msk_page_get_context (MSK_PAGE (self)), key);

  if (!msk_service_get_metadata (service))
    {
      show_form (self);
      return;
    }
  set_state (self, _("Loading the questions of this service…"), FALSE);
  msk_open311_get_service_definition_async (self->open311, msk_service_get_service_code (service),
                                            msk_page_get_cancellable (MSK_PAGE (self)),
                                            definition_loaded_cb, g_object_ref (self));
}

static void
service_activated_cb (MskRequestPage *self,
                      GtkListBoxRow  *row)
{
  MskService *service = row_service (row);

  if (service != NULL)
    choose_service (self, service);
}

static void
other_service_clicked_cb (MskRequestPage *self)
{
  show_step (self, "choose", GTK_WIDGET (self->search_entry));
}

static void set_entry_invalid (GtkEntry   *entry,
                               const char *message);

static void
field_changed_cb (MskRequestPage *self)
{
  msk_page_layout_show_status (self->place_error, NULL, TRUE);
  msk_page_layout_show_status (self->contact_error, NULL, TRUE);
  set_entry_invalid (self->address_entry, NULL);
}

static char *
dup_entry (GtkEntry *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* A coordinate as written, Arabic digits too; NAN when empty or wrong. */
static double
entry_number (GtkEntry *entry,
              gboolean *wrong)
{
  g_autofree char *text = dup_entry (entry);
  g_autofree char *number = NULL;
  char *end = NULL;
  double value;

  if (text == NULL)
    return NAN;
  /* Arabic digits and a comma for the decimal point are taken too */
  number = g_strdelimit (msk_page_layout_dup_ascii_digits (text), ",", '.');
  value = g_ascii_strtod (number, &end);
  if (end == number || *end != '\0')
    {
      *wrong = TRUE;
      return NAN;
    }
  return value;
}

static void
set_entry_invalid (GtkEntry   *entry,
                   const char *message)
{
  if (message != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
  msk_a11y_set_description (GTK_WIDGET (entry), message);
}

/* What is wrong with the place, and the entry to fix it in. */
static const char *
place_problem (MskRequestPage *self,
               GtkEntry      **entry)
{
  gboolean lat_wrong = FALSE, lon_wrong = FALSE;
  double lat = entry_number (self->lat_entry, &lat_wrong);
  double lon = entry_number (self->lon_entry, &lon_wrong);

  if (lat_wrong || (!isnan (lat) && (lat < -90 || lat > 90)))
    {
      *entry = self->lat_entry;
      return _("Write the latitude as a number from -90 to 90, for example 25.2841.");
    }
  if (lon_wrong || (!isnan (lon) && (lon < -180 || lon > 180)))
    {
      *entry = self->lon_entry;
      return _("Write the longitude as a number from -180 to 180, for example 55.3712.");
    }
  if (isnan (lat) != isnan (lon))
    {
      *entry = isnan (lat) ? self->lat_entry : self->lon_entry;
      return _("Give both the latitude and the longitude, or neither.");
    }
  return NULL;
}

static const char *
contact_problem (MskRequestPage *self,
                 GtkEntry      **entry)
{
  g_autofree char *email = dup_entry (self->email_entry);
  g_autofree char *phone = dup_entry (self->phone_entry);

  if (email != NULL)
    {
      const char *at = strchr (email, '@');

      if (at == NULL || at == email || strchr (at, '.') == NULL || strchr (email, ' ') != NULL
          || g_str_has_suffix (email, "."))
        {
          *entry = self->email_entry;
          return _("Write the email address as name@example.com, or leave it empty.");
        }
    }
  if (phone != NULL)
    {
      guint digits = 0;

      for (const char *p = phone; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isdigit (c))
            digits++;
          else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')')
            {
              digits = 0;
              break;
            }
        }
      if (digits < 7)
        {
          *entry = self->phone_entry;
          return _("Write the phone number with its digits only, for example 0501234567, or "
                   "leave it empty.");
        }
    }
  return NULL;
}

static void
add_line (GString    *text,
          const char *name,
          const char *value)
{
  /* Translators: a line of a review or a receipt, "Address: Corniche Road" */
  g_string_append_printf (text, _("%1$s: %2$s"), name, value);
  g_string_append_c (text, '\n');
}

static char *
dup_place (MskRequestPage *self)
{
  g_autofree char *address = dup_entry (self->address_entry);
  g_autofree char *landmark = dup_entry (self->landmark_entry);

  if (landmark == NULL)
    return g_steal_pointer (&address);
  if (address == NULL)
    /* Translators: a place given only by what is near it */
    return g_strdup_printf (_("Near %s"), landmark);
  /* Translators: an address and a landmark near it */
  return g_strdup_printf (_("%1$s, near %2$s"), address, landmark);
}

static char *
dup_contact (MskRequestPage *self)
{
  g_autofree char *first = dup_entry (self->first_name_entry);
  g_autofree char *last = dup_entry (self->last_name_entry);
  g_autofree char *email = dup_entry (self->email_entry);
  g_autofree char *phone = dup_entry (self->phone_entry);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (first != NULL && last != NULL)
    g_ptr_array_add (parts, g_strjoin (" ", first, last, NULL));
  else if (first != NULL || last != NULL)
    g_ptr_array_add (parts, g_strdup (first != NULL ? first : last));
  if (email != NULL)
    g_ptr_array_add (parts, g_strdup (email));
  if (phone != NULL)
    g_ptr_array_add (parts, g_strdup (phone));
  g_ptr_array_set_free_func (parts, g_free);
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of the contact details */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static char *
dup_review (MskRequestPage *self)
{
  GString *text = g_string_new (NULL);
  g_autofree char *description = msk_composer_dup_text (self->composer);
  g_autofree char *place = dup_place (self);
  g_autofree char *contact = dup_contact (self);
  g_autofree char *lat = dup_entry (self->lat_entry);
  g_autofree char *lon = dup_entry (self->lon_entry);
  guint entity = selected_entity (self);

  add_line (text, _("Service"), msk_service_get_service_name (self->service));
  if (entity < self->entity_names->len)
    add_line (text, _("For"), g_ptr_array_index (self->entity_names, entity));
  for (guint i = 0; i < self->fields->len; i++)
    {
      MskAttributeField *field = g_ptr_array_index (self->fields, i);
      MskServiceAttribute *attribute = msk_attribute_field_get_attribute (field);
      g_autofree char *shown = msk_attribute_field_dup_shown (field);

      add_line (text, msk_service_attribute_get_description (attribute),
                shown != NULL ? shown : _("Not given"));
    }
  add_line (text, _("Description"), g_strstrip (description));
  add_line (text, _("Place"), place != NULL ? place : _("Not given"));
  if (lat != NULL && lon != NULL)
    {
      /* Translators: a latitude and a longitude */
      g_autofree char *where = g_strdup_printf (_("%1$s, %2$s"), lat, lon);

      add_line (text, _("Coordinates"), where);
    }
  add_line (text, _("Contact details, not published"),
            contact != NULL ? contact : _("None: you follow the request with its tracking "
                                          "number."));
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static void
review_clicked_cb (MskRequestPage *self)
{
  GtkWidget *first = NULL;
  const char *first_message = NULL;
  const char *place;
  const char *contact;
  GtkEntry *entry = NULL;
  g_autofree char *review = NULL;

  if (self->service == NULL)
    return;
  msk_page_layout_show_status (self->form_error, NULL, TRUE);
  for (guint i = 0; i < self->fields->len; i++)
    {
      MskAttributeField *field = g_ptr_array_index (self->fields, i);
      g_autofree char *problem = msk_attribute_field_dup_problem (field);

      msk_attribute_field_set_error (field, problem);
      if (problem != NULL && first == NULL)
        {
          first = GTK_WIDGET (field);
          first_message = g_intern_string (problem);
        }
    }
  if (first != NULL)
    {
      msk_attribute_field_focus (MSK_ATTRIBUTE_FIELD (first));
      msk_a11y_announce (GTK_WIDGET (self), first_message, MSK_A11Y_PRIORITY_HIGH);
      return;
    }
  if (!msk_composer_validate (self->composer))
    return;

  place = place_problem (self, &entry);
  msk_page_layout_show_status (self->place_error, place, TRUE);
  set_entry_invalid (self->lat_entry, entry == self->lat_entry ? place : NULL);
  set_entry_invalid (self->lon_entry, entry == self->lon_entry ? place : NULL);
  if (place != NULL)
    {
      msk_a11y_grab_focus_when_shown (GTK_WIDGET (entry));
      msk_a11y_announce (GTK_WIDGET (self), place, MSK_A11Y_PRIORITY_HIGH);
      return;
    }
  entry = NULL;
  contact = contact_problem (self, &entry);
  msk_page_layout_show_status (self->contact_error, contact, TRUE);
  set_entry_invalid (self->email_entry, entry == self->email_entry ? contact : NULL);
  set_entry_invalid (self->phone_entry, entry == self->phone_entry ? contact : NULL);
  if (contact != NULL)
    {
      msk_a11y_grab_focus_when_shown (GTK_WIDGET (entry));
      msk_a11y_announce (GTK_WIDGET (self), contact, MSK_A11Y_PRIORITY_HIGH);
      return;
    }

  review = dup_review (self);
  gtk_label_set_text (self->review_label, review);
  gtk_widget_set_visible (GTK_WIDGET (self->review_label), TRUE);
  show_step (self, "review", GTK_WIDGET (self->review_label));
}

static void
change_clicked_cb (MskRequestPage *self)
{
  show_step (self, "form", self->review_button);
}

/* The receipt */

static char *
dup_kind_sentence (MskRequestPage *self)
{
  g_autofree char *date = msk_topic_text_dup_date (self->received, TRUE);
  g_autofree char *isolated = msk_topic_text_isolate (msk_service_get_service_name (self->service));

  /* Translators: %1$s is the name of a service, %2$s a date and time */
  return g_strdup_printf (_("Your request about %1$s was received on %2$s."), isolated, date);
}

/* Whether the request is made in an assisted session at a service center:
 * every submission of its session names it. */
static gboolean
is_assisted (MskRequestPage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  MskCore *core = context != NULL ? msk_context_get_core (context) : NULL;

  return core != NULL && msk_http_get_assisted_session (msk_core_get_http (core)) != NULL;
}

static char *
dup_receipt_text (MskRequestPage *self)
{
  GString *text = g_string_new (NULL);
  g_autofree char *sentence = dup_kind_sentence (self);
  g_autofree char *review = NULL;

  g_string_append_printf (text, "%s\n", sentence);
  if (is_assisted (self))
    g_string_append_printf (text, "%s\n", _("Made with help at the service center."));
  add_line (text, _("Tracking number"), self->tracking);
  if (self->due != NULL)
    {
      g_autofree char *due = msk_topic_text_dup_date (self->due, FALSE);

      add_line (text, _("Answer due by"), due);
    }
  if (self->notice != NULL)
    add_line (text, _("What happens next"), self->notice);
  g_string_append_c (text, '\n');
  review = dup_review (self);
  g_string_append (text, review);
  return g_string_free (text, FALSE);
}

static void
update_next (MskRequestPage *self)
{
  GString *text = g_string_new (NULL);

  if (is_assisted (self))
    g_string_append_printf (text, "%s\n", _("Made with help at the service center."));
  if (self->notice != NULL)
    /* Translators: %s is what the public body says happens next */
    g_string_append_printf (text, _("What happens next: %s"), self->notice);
  if (self->due != NULL)
    {
      g_autofree char *due = msk_topic_text_dup_date (self->due, FALSE);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s is a date in two calendars */
      g_string_append_printf (text, _("The answer is due by %s."), due);
    }
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, _("You can follow it in My participation."));
  gtk_label_set_text (self->next_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), TRUE);
  g_string_free (text, TRUE);
}

static void
request_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskRequestPage) self = user_data;
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  GDateTime *due;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  request = msk_open311_get_request_finish (MSK_OPEN311 (source), result, NULL, &error);
  if (request == NULL)
    {
      /* the receipt stands without it */
      g_debug ("Request page: %s", error->message);
      return;
    }
  due = msk_service_request_get_expected_datetime (request);
  g_clear_pointer (&self->due, g_date_time_unref);
  if (due != NULL)
    self->due = g_date_time_to_local (due);
  update_next (self);
}

static void
show_received (MskRequestPage *self)
{
  g_autofree char *sentence = NULL;
  g_autofree char *tracking_name = NULL;
  g_autofree char *response = msk_outbox_item_dup_response (self->sending);

  g_clear_pointer (&self->received, g_date_time_unref);
  self->received = g_date_time_new_now_local ();
  g_free (self->tracking);
  self->tracking = msk_open311_dup_tracking_number (self->sending);
  if (self->tracking == NULL)
    {
      gtk_label_set_text (self->receipt_heading, _("Received, without a tracking number"));
      msk_page_layout_show_status (self->receipt_label,
                                   _("The portal took your request but gave no tracking number, "
                                     "so it cannot be followed from here. Ask the public body "
                                     "about it, with the date and the service."), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->tracking_label), FALSE);
      gtk_widget_set_visible (self->receipt_buttons, FALSE);
      msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->receipt_label));
      msk_a11y_announce (GTK_WIDGET (self), gtk_label_get_text (self->receipt_label),
                         MSK_A11Y_PRIORITY_HIGH);
      return;
    }

  sentence = dup_kind_sentence (self);
  gtk_label_set_text (self->receipt_heading, _("Received"));
  msk_page_layout_show_status (self->receipt_label, sentence, FALSE);
  gtk_label_set_text (self->tracking_label, self->tracking);
  /* Translators: %s is a tracking number */
  tracking_name = g_strdup_printf (_("Tracking number %s"), self->tracking);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tracking_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tracking_name, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->tracking_label), TRUE);
  gtk_widget_set_visible (self->receipt_buttons, TRUE);

  /* What happens next, from the reply; the due date from the request. */
  g_clear_pointer (&self->notice, g_free);
  if (response != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (json_parser_load_from_data (parser, response, -1, NULL)
          && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        {
          JsonArray *array = json_node_get_array (json_parser_get_root (parser));
          JsonNode *first = json_array_get_length (array) > 0
                            ? json_array_get_element (array, 0) : NULL;

          if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
            {
              JsonNode *notice = json_object_get_member (json_node_get_object (first),
                                                         "service_notice");

              if (notice != NULL && JSON_NODE_HOLDS_VALUE (notice)
                  && json_node_get_value_type (notice) == G_TYPE_STRING)
                self->notice = g_strdup (json_node_get_string (notice));
            }
        }
    }
  update_next (self);
  msk_open311_get_request_async (self->open311, self->tracking,
                                 msk_page_get_cancellable (MSK_PAGE (self)), request_read_cb,
                                 g_object_ref (self));
  {
    /* Translators: %1$s says the request was received, %2$s is its tracking number */
    g_autofree char *said = g_strdup_printf (_("%1$s Tracking number %2$s."), sentence,
                                             self->tracking);

    msk_a11y_announce (GTK_WIDGET (self), said, MSK_A11Y_PRIORITY_HIGH);
  }
  msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->receipt_label));
}

/* Whether a refusal is about the place: GeoReport endpoints name the
 * fields (lat, long, address_string), in English or in the words of the
 * person's language (the demo portal says خط العرض and العنوان). */
static gboolean
names_place (const char *message)
{
  static const char * const words[] = {
    "address_string", "address_id", "lat and long", "latitude", "location",
    "خط العرض", "العنوان", "الموقع",
  };

  if (message == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (message, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The portal's refusal, said where it points when it names a field (an
 * attribute, or the place), otherwise at the top of the form. */
static void
show_refusal (MskRequestPage *self,
              const char     *message)
{
  GtkWidget *focus = NULL;

  for (guint i = 0; i < self->fields->len && message != NULL; i++)
    {
      MskAttributeField *field = g_ptr_array_index (self->fields, i);
      const char *code = msk_service_attribute_get_code (msk_attribute_field_get_attribute (field));
      g_autofree char *named = g_strdup_printf ("attribute[%s]", code);

      if (strstr (message, named) != NULL)
        {
          msk_attribute_field_set_error (field, message);
          if (focus == NULL)
            focus = GTK_WIDGET (field);
        }
    }
  show_step (self, "form", NULL);
  if (focus != NULL)
    msk_attribute_field_focus (MSK_ATTRIBUTE_FIELD (focus));
  else if (names_place (message))
    {
      msk_page_layout_show_status (self->place_error, message, TRUE);
      set_entry_invalid (self->address_entry, message);
      msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->address_entry));
    }
  else
    {
      /* said at the top of the form, and heard with the first field */
      msk_page_layout_show_status (self->form_error, message, TRUE);
      if (self->fields->len > 0)
        {
          GtkWidget *first = g_ptr_array_index (self->fields, 0);

          msk_a11y_set_description (first, message);
          msk_attribute_field_focus (MSK_ATTRIBUTE_FIELD (first));
        }
      else
        msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->composer));
    }
  msk_a11y_announce (GTK_WIDGET (self), message, MSK_A11Y_PRIORITY_HIGH);
}

static void
request_state_cb (MskRequestPage *self)
{
  MskOutboxState state = msk_outbox_item_get_state (self->sending);

  gtk_widget_set_visible (GTK_WIDGET (self->receipt_heading), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->tracking_label), FALSE);
  gtk_widget_set_visible (self->receipt_buttons, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
  switch (state)
    {
    case MSK_OUTBOX_STATE_SENDING:
      gtk_label_set_text (self->receipt_heading, _("Sending"));
      msk_page_layout_show_status (self->receipt_label, _("Sending your request…"), FALSE);
      return;
    case MSK_OUTBOX_STATE_QUEUED:
      gtk_label_set_text (self->receipt_heading, _("Sending"));
      if (msk_outbox_item_get_attempts (self->sending) > 0)
        {
          const char *text = _("Your request is saved on this computer. It will be sent when "
                               "the connection returns; its tracking number will then be "
                               "shown here and in My participation.");

          gtk_label_set_text (self->receipt_heading, _("Waiting for the connection"));
          msk_page_layout_show_status (self->receipt_label, text, FALSE);
          msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
        }
      else
        msk_page_layout_show_status (self->receipt_label, _("Sending your request…"), FALSE);
      return;
    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      {
        const char *text = _("Your request is saved on this computer. Sign in again to send "
                             "it.");

        gtk_label_set_text (self->receipt_heading, _("Waiting for you to sign in"));
        msk_page_layout_show_status (self->receipt_label, text, FALSE);
        msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
        return;
      }
    case MSK_OUTBOX_STATE_FAILED:
      {
        g_autofree char *message = msk_outbox_item_dup_message (self->sending);
        /* Translators: %s is why the portal refused the request */
        g_autofree char *text = g_strdup_printf (_("Your request was not accepted: %s"),
                                                 message != NULL ? message : "");

        g_signal_handlers_disconnect_by_data (self->sending, self);
        g_clear_object (&self->sending);
        /* what was written is all still in the form */
        show_refusal (self, text);
        return;
      }
    case MSK_OUTBOX_STATE_SENT:
    default:
      show_received (self);
      g_signal_handlers_disconnect_by_data (self->sending, self);
      g_clear_object (&self->sending);
      return;
    }
}

static void
file_request (MskRequestPage *self)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            g_free);
  g_autofree char *description = msk_composer_dup_text (self->composer);
  g_autofree char *place = dup_place (self);
  g_autofree char *first = dup_entry (self->first_name_entry);
  g_autofree char *last = dup_entry (self->last_name_entry);
  g_autofree char *email = dup_entry (self->email_entry);
  g_autofree char *phone = dup_entry (self->phone_entry);
  MskOpen311Contact contact = { first, last, email, phone };
  g_autoptr(GError) error = NULL;
  gboolean wrong = FALSE;
  double lat = entry_number (self->lat_entry, &wrong);
  double lon = entry_number (self->lon_entry, &wrong);
  MskOutboxItem *item;

  for (guint i = 0; i < self->fields->len; i++)
    {
      MskAttributeField *field = g_ptr_array_index (self->fields, i);
      char *value = msk_attribute_field_dup_value (field);

      if (value != NULL)
        g_hash_table_insert (attributes,
                             (gpointer) msk_service_attribute_get_code (
                               msk_attribute_field_get_attribute (field)),
                             value);
    }
  item = msk_open311_file_request (self->open311, msk_service_get_service_code (self->service),
                                   g_strstrip (description), place, lat, lon, attributes,
                                   &contact, msk_service_get_service_name (self->service),
                                   &error);
  if (item == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your request could not be saved: %s"),
                                               error->message);

      show_refusal (self, text);
      return;
    }
  g_set_object (&self->sending, item);
  g_signal_connect_object (item, "notify::state", G_CALLBACK (request_state_cb), self,
                           G_CONNECT_SWAPPED);
  show_step (self, "receipt", NULL);
  request_state_cb (self);
  if (self->sending != NULL)
    msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->receipt_label));
}

static void
policy_accepted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskRequestPage) self = user_data;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_page_ensure_policy_accepted_finish (MSK_PAGE (source), result, NULL))
    {
      msk_a11y_grab_focus_when_shown (self->send_button);
      return;
    }
  file_request (self);
}

static void
send_clicked_cb (MskRequestPage *self)
{
  if (self->sending != NULL || self->service == NULL)
    return;
  /* A request needs no account: the policy agreed with is enough. */
  msk_page_ensure_policy_accepted_async (MSK_PAGE (self),
                                         msk_page_get_cancellable (MSK_PAGE (self)),
                                         policy_accepted_cb, g_object_ref (self));
}

static void
copy_clicked_cb (MskRequestPage *self)
{
  const char *text = _("The tracking number is copied.");

  if (self->tracking == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->tracking);
  msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_MEDIUM);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", text);
}

/* The tracking number one character at a time, "M S K 0 0 0 1 2 3", so
 * that it is heard as digits to write down, not as a number. */
static char *
dup_spelled (const char *tracking)
{
  GString *spelled = g_string_new (NULL);

  for (const char *p = tracking; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c))
        continue;
      if (spelled->len > 0)
        g_string_append (spelled, ", ");
      g_string_append_unichar (spelled, c);
    }
  return g_string_free (spelled, FALSE);
}

static void
speak_clicked_cb (MskRequestPage *self)
{
  g_autofree char *spelled = NULL;
  g_autofree char *text = NULL;

  if (self->tracking == NULL)
    return;
  spelled = dup_spelled (self->tracking);
  /* Translators: %s is a tracking number, spelled one character at a time */
  text = g_strdup_printf (_("Tracking number: %s."), spelled);
  /* through the reader bar, which shows what is read and can stop it */
  gtk_widget_activate_action (GTK_WIDGET (self), "reader.read-text", "s", text);
}

static char *
dup_receipt_title (MskRequestPage *self)
{
  /* Translators: %s is a tracking number */
  return g_strdup_printf (_("Receipt %s"), self->tracking);
}

static void
report_print_error (MskRequestPage *self,
                    GError         *error)
{
  /* Translators: %s says what went wrong, in plain words */
  g_autofree char *text = g_strdup_printf (_("The receipt could not be saved or printed: %s"),
                                           error->message);

  msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", text);
}

static void
save_pdf (MskRequestPage *self,
          GFile          *file)
{
  g_autofree char *title = dup_receipt_title (self);
  g_autofree char *text = dup_receipt_text (self);
  g_autoptr(GError) error = NULL;

  if (!msk_receipt_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title, text,
                          file, &error))
    {
      if (error != NULL)
        report_print_error (self, error);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: %s is the name of a file */
    g_autofree char *said = g_strdup_printf (_("The receipt is saved as %s."), name);

    msk_a11y_announce (GTK_WIDGET (self), said, MSK_A11Y_PRIORITY_MEDIUM);
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-message", "s", said);
  }
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
pdf_chosen_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MskRequestPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);

  if (file == NULL || msk_page_is_left (MSK_PAGE (self)))
    return;
  save_pdf (self, file);
}
#else
static void
pdf_response_cb (GtkNativeDialog *dialog,
                 int              response,
                 MskRequestPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT && !msk_page_is_left (MSK_PAGE (self)))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        save_pdf (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}
#endif

static void
pdf_clicked_cb (MskRequestPage *self)
{
  g_autofree char *name = NULL;
  const char *folder_path = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->tracking == NULL)
    return;
  if (folder_path == NULL || !g_file_test (folder_path, G_FILE_TEST_IS_DIR))
    folder_path = g_get_home_dir ();
  folder = g_file_new_for_path (folder_path);
  /* Translators: the file name of a saved receipt; %s is its tracking number */
  name = g_strdup_printf (_("Receipt %s.pdf"), self->tracking);
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Save the receipt as PDF"));
    gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_save (dialog, window, msk_page_get_cancellable (MSK_PAGE (self)),
                          pdf_chosen_cb, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Save the receipt as PDF"),
                                                                window,
                                                                GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                _("_Save"), _("_Cancel"));

    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    g_signal_connect (dialog, "response", G_CALLBACK (pdf_response_cb), g_object_ref (self));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  }
#endif
}

static void
print_clicked_cb (MskRequestPage *self)
{
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (self->tracking == NULL)
    return;
  title = dup_receipt_title (self);
  text = dup_receipt_text (self);
  if (!msk_receipt_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), title, text,
                          NULL, &error) && error != NULL)
    report_print_error (self, error);
}

static void
clear_form (MskRequestPage *self)
{
  GtkEntry *entries[] = {
    self->address_entry, self->landmark_entry, self->lat_entry, self->lon_entry,
    self->first_name_entry, self->last_name_entry, self->email_entry, self->phone_entry,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
  msk_composer_set_text (self->composer, NULL);
  clear_fields (self);
  g_clear_object (&self->service);
  g_clear_pointer (&self->tracking, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->due, g_date_time_unref);
}

static void
another_clicked_cb (MskRequestPage *self)
{
  clear_form (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_step (self, "choose", GTK_WIDGET (self->search_entry));
}

static void
msk_request_page_constructed (GObject *object)
{
  MskRequestPage *self = MSK_REQUEST_PAGE (object);

  G_OBJECT_CLASS (msk_request_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (self), "complaint");
  msk_composer_set_length (self->composer, DESCRIPTION_MIN_CHARS, DESCRIPTION_MAX_CHARS);
  msk_request_page_reload (MSK_PAGE (self));
}

static void
msk_request_page_dispose (GObject *object)
{
  MskRequestPage *self = MSK_REQUEST_PAGE (object);

  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  if (self->services_load != NULL)
    g_cancellable_cancel (self->services_load);
  g_clear_object (&self->services_load);
  g_clear_object (&self->sending);
  g_clear_object (&self->entities);
  g_clear_object (&self->services);
  g_clear_object (&self->service);
  g_clear_object (&self->open311);
  if (self->fields != NULL)
    g_ptr_array_set_size (self->fields, 0);
  /* nor do the bodies' radio buttons, which toggle as they go */
  if (self->entity_buttons != NULL)
    for (guint i = 0; i < self->entity_buttons->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->entity_buttons, i), self);
  /* the list's functions read the page, which goes first */
  if (self->services_list != NULL)
    {
      gtk_list_box_set_filter_func (self->services_list, NULL, NULL, NULL);
      gtk_list_box_set_header_func (self->services_list, NULL, NULL, NULL);
    }
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_REQUEST_PAGE);

  G_OBJECT_CLASS (msk_request_page_parent_class)->dispose (object);
}

static void
msk_request_page_finalize (GObject *object)
{
  MskRequestPage *self = MSK_REQUEST_PAGE (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->jurisdictions, g_ptr_array_unref);
  g_clear_pointer (&self->entity_names, g_ptr_array_unref);
  g_clear_pointer (&self->entity_buttons, g_ptr_array_unref);
  g_free (self->tracking);
  g_free (self->notice);
  g_clear_pointer (&self->received, g_date_time_unref);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_free (self->want_jurisdiction);
  g_free (self->want_service);
  g_clear_pointer (&self->want_values, g_hash_table_unref);
  g_free (self->want_description);

  G_OBJECT_CLASS (msk_request_page_parent_class)->finalize (object);
}

static void
msk_request_page_class_init (MskRequestPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_request_page_constructed;
  object_class->dispose = msk_request_page_dispose;
  object_class->finalize = msk_request_page_finalize;
  page_class->reload = msk_request_page_reload;

  g_type_ensure (MSK_TYPE_COMPOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-request-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, entity_heading);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, entity_box);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, services_state);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, services_list);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, service_title);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, service_description);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, other_service_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, attributes_box);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, composer);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, address_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, landmark_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, lat_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, lon_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, place_error);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, first_name_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, last_name_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, contact_error);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, form_error);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, review_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, review_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, send_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, change_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, receipt_heading);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, receipt_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, tracking_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, receipt_buttons);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, speak_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, another_button);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, review_buttons);
  gtk_widget_class_bind_template_child (widget_class, MskRequestPage, after_buttons);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, service_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, other_service_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, speak_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, another_clicked_cb);
}

static void
msk_request_page_init (MskRequestPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  self->jurisdictions = g_ptr_array_new_with_free_func (g_free);
  self->entity_names = g_ptr_array_new_with_free_func (g_free);
  self->entity_buttons = g_ptr_array_new ();
  self->fields = g_ptr_array_new ();
  msk_page_layout_name_buttons (self->review_buttons, _("Your request"));
  msk_page_layout_name_buttons (self->receipt_buttons, _("The tracking number"));
  msk_page_layout_name_buttons (self->after_buttons, _("What next"));
  gtk_list_box_set_header_func (self->services_list, header_func, self, NULL);
  gtk_list_box_set_filter_func (self->services_list, filter_func, self, NULL);
  /* What says how the request is doing takes the focus, so that it is heard. */
  gtk_label_set_selectable (self->receipt_label, TRUE);
  gtk_label_set_selectable (self->form_error, TRUE);
  g_signal_connect (self->receipt_label, "notify::has-focus", G_CALLBACK (msk_page_layout_unselect_on_focus), NULL);
  g_signal_connect (self->review_label, "notify::has-focus", G_CALLBACK (msk_page_layout_unselect_on_focus), NULL);
  g_signal_connect (self->form_error, "notify::has-focus", G_CALLBACK (msk_page_layout_unselect_on_focus), NULL);
}

GtkWidget *
msk_request_page_new (MskContext *context)
{
  return g_object_new (MSK_TYPE_REQUEST_PAGE, "context", context, NULL);
}

/**
 * msk_request_page_new_for_service:
 * @jurisdiction_id: (nullable): the public body's jurisdiction
 * @service_code: the service to open at once
 * @values: (nullable) (element-type utf8 utf8): answers to fill in, by
 *   attribute code
 * @description: (nullable): the description to fill in
 *
 * A request already begun: an appeal, filled in from the request it is
 * about. The person reviews it, completes it and sends it.
 */
GtkWidget *
msk_request_page_new_for_service (MskContext *context,
                                  const char *jurisdiction_id,
                                  const char *service_code,
                                  GHashTable *values,
                                  const char *description)
{
  MskRequestPage *self;
  g_autofree char *tag = NULL;

  g_return_val_if_fail (service_code != NULL, NULL);

  /* What to open is read when the lists arrive, after construction. */
  self = g_object_new (MSK_TYPE_REQUEST_PAGE, "context", context, NULL);
  self->want_jurisdiction = g_strdup (jurisdiction_id);
  self->want_service = g_strdup (service_code);
  self->want_values = values != NULL ? g_hash_table_ref (values) : NULL;
  self->want_description = g_strdup (description);
  tag = g_strconcat ("complaint:", service_code, NULL);
  msk_page_set_tag (MSK_PAGE (self), tag);
  return GTK_WIDGET (self);
}
