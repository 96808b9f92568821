/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-entity.h"
#include "msk-error.h"
#include "msk-open311.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-report-text.h"
#include "msk-participation-page.h"
#include "msk-submission-row.h"
#include "msk-topic-text.h"

/**
 * MskParticipationPage:
 *
 * My participation: what the person has not sent yet (waiting for the
 * connection, waiting for a sign-in, or refused, to try again or discard),
 * then everything sent, the newest first, each with its state in words,
 * its dates and its history. "Check for news" asks the portal for the
 * state of what is still under way. A tracking number given elsewhere (at
 * a service center, on the web) can be added and followed like one's own.
 */
struct _MskParticipationPage
{
  MskPage       parent_instance;

  /* Template widgets */
  GtkEntry     *follow_entry;
  GtkWidget    *follow_button;
  GtkLabel     *follow_status;
  GtkWidget    *pending_heading;
  GtkListBox   *pending_list;
  GtkWidget    *refresh_button;
  GtkLabel     *refresh_status;
  GtkWidget    *empty_label;
  GtkListBox   *sent_list;

  /* Owned */
  GPtrArray    *watched;       /* (element-type MskOutboxItem): whose state is followed */
  GListModel   *entities;      /* (nullable): the bodies, to find a number in */
  MskOpen311   *open311;       /* (nullable): for following a number */
  char         *following;     /* (nullable): the number being looked up */
  guint         jurisdiction;  /* the next body to look in */
  gboolean      refreshing;
};

G_DEFINE_FINAL_TYPE (MskParticipationPage, msk_participation_page, MSK_TYPE_PAGE)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void fill_pending (MskParticipationPage *self);

static void
item_state_cb (MskParticipationPage *self)
{
  fill_pending (self);
}

/* What is still in the outbox: every kind a person sends, but for the
 * decisions of moderators. */
static void
fill_pending (MskParticipationPage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  GListModel *items = msk_outbox_get_items (msk_context_get_outbox (context));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL
                       && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->pending_list));
  guint shown = 0;

  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
  clear_list (self->pending_list);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (items, i);
      MskOutboxKind kind = msk_outbox_item_get_kind (item);

      if (kind == MSK_OUTBOX_KIND_MODERATION)
        continue;
      g_signal_connect_object (item, "notify::state", G_CALLBACK (item_state_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->watched, g_object_ref (item));
      if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_SENT)
        continue;
      gtk_list_box_append (self->pending_list, msk_submission_row_new_for_item (context, item));
      shown++;
    }
  gtk_widget_set_visible (self->pending_heading, shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), shown > 0);
  /* a row that had the focus is gone: the list's first row takes it */
  if (had_focus)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->pending_list, 0);

      gtk_widget_grab_focus (first != NULL ? GTK_WIDGET (first) : self->refresh_button);
    }
}

static void
fill_sent (MskParticipationPage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  GListModel *submissions = msk_tracker_get_submissions (msk_context_get_tracker (context));
  guint n = g_list_model_get_n_items (submissions);

  clear_list (self->sent_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskSubmission) submission = g_list_model_get_item (submissions, i);

      gtk_list_box_append (self->sent_list, msk_submission_row_new (context, submission));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sent_list), n > 0);
  gtk_widget_set_visible (self->empty_label, n == 0);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MskParticipationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint changed = 0;

  self->refreshing = FALSE;
  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_tracker_refresh_finish (MSK_TRACKER (source), result, &changed, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The news could not be checked: %s"), error->message);
    }
  else if (changed == 0)
    text = g_strdup (_("Checked: nothing has changed."));
  else
    {
      g_autofree char *count = msk_report_text_dup_count (changed);

      /* Translators: %s is how many items changed state */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checked: %s item changed state.",
                                           "Checked: %s items changed state.", changed),
                              count);
    }
  msk_page_layout_show_status (self->refresh_status, text, error != NULL);
  msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_MEDIUM);
}

static void
refresh (MskParticipationPage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));
  MskClient *client = msk_context_get_client (context);

  if (client == NULL || self->refreshing)
    return;
  self->refreshing = TRUE;
  msk_page_layout_show_status (self->refresh_status, _("Checking for news…"), FALSE);
  msk_tracker_refresh_async (msk_context_get_tracker (context), client,
                             msk_page_get_cancellable (MSK_PAGE (self)), refreshed_cb,
                             g_object_ref (self));
}

static void
refresh_clicked_cb (MskParticipationPage *self)
{
  refresh (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  refresh (MSK_PARTICIPATION_PAGE (widget));
}

/* Following a number given elsewhere: looked up in each public body of
 * the portal in turn, since a number does not say whose it is. */

static void
set_follow_status (MskParticipationPage *self,
                   const char           *text,
                   gboolean              is_error)
{
  msk_page_layout_show_status (self->follow_status, text, is_error);
  if (is_error)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->follow_entry),
                                 GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self->follow_entry), GTK_ACCESSIBLE_STATE_INVALID);
  msk_a11y_set_description (GTK_WIDGET (self->follow_entry), is_error ? text : NULL);
  if (text != NULL)
    msk_a11y_announce (GTK_WIDGET (self), text, MSK_A11Y_PRIORITY_HIGH);
}

static void look_up_next (MskParticipationPage *self);

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MskParticipationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskServiceRequest) request = NULL;
  MskContext *context;
  g_autofree char *query = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *text = NULL;
  g_autofree char *isolated = NULL;
  const char *status;
  MskSubmission *submission;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  request = msk_open311_get_request_finish (MSK_OPEN311 (source), result, NULL, &error);
  if (request == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, MSK_ERROR, MSK_ERROR_NOT_FOUND)
          || g_error_matches (error, MSK_ERROR, MSK_ERROR_REFUSED))
        {
          look_up_next (self);
          return;
        }
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The number could not be looked up: %s"), error->message);
      set_follow_status (self, text, TRUE);
      gtk_widget_set_sensitive (self->follow_button, TRUE);
      return;
    }

  context = msk_page_get_context (MSK_PAGE (self));
  query = g_strdup (msk_open311_get_jurisdiction_id (self->open311));
  endpoint = query != NULL
             ? g_strdup_printf ("%s?jurisdiction_id=%s", msk_open311_get_endpoint (self->open311),
                                query)
             : g_strdup (msk_open311_get_endpoint (self->open311));
  status = msk_service_request_get_detailed_status (request);
  if (status == NULL)
    status = msk_service_request_get_status (request);
  submission = msk_tracker_follow (msk_context_get_tracker (context), endpoint,
                                   msk_service_request_get_service_request_id (request),
                                   msk_service_request_get_service_name (request), status,
                                   request, &error);
  gtk_widget_set_sensitive (self->follow_button, TRUE);
  if (submission == NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The number could not be added: %s"), error->message);
      set_follow_status (self, text, TRUE);
      return;
    }
  isolated = msk_topic_text_isolate (msk_service_request_get_service_name (request));
  /* Translators: %1$s is a tracking number, %2$s the name of a service */
  text = g_strdup_printf (_("%1$s, a request about %2$s, is now followed here."),
                          self->following, isolated);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_entry), "");
  set_follow_status (self, text, FALSE);
  fill_sent (self);
}

static void
look_up_next (MskParticipationPage *self)
{
  guint n = self->entities != NULL ? g_list_model_get_n_items (self->entities) : 0;

  while (self->jurisdiction < n)
    {
      g_autoptr(MskEntity) entity = g_list_model_get_item (self->entities,
                                                           self->jurisdiction++);
      const char *jurisdiction = msk_entity_get_jurisdiction_id (entity);

      if (jurisdiction == NULL || jurisdiction[0] == '\0')
        continue;
      msk_open311_set_jurisdiction_id (self->open311, jurisdiction);
      msk_open311_get_request_async (self->open311, self->following,
                                     msk_page_get_cancellable (MSK_PAGE (self)), found_cb,
                                     g_object_ref (self));
      return;
    }
  if (self->jurisdiction == n && n > 0)
    {
      g_autofree char *isolated = msk_topic_text_isolate (self->following);
      /* Translators: %s is a tracking number */
      g_autofree char *text = g_strdup_printf (_("No request has the tracking number %s on "
                                                 "this portal. Check the number and try "
                                                 "again."), isolated);

      set_follow_status (self, text, TRUE);
      gtk_widget_set_sensitive (self->follow_button, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->follow_entry));
      return;
    }
  /* A portal with no list of bodies: its endpoint alone. */
  self->jurisdiction = n + 1;
  msk_open311_set_jurisdiction_id (self->open311, NULL);
  msk_open311_get_request_async (self->open311, self->following,
                                 msk_page_get_cancellable (MSK_PAGE (self)), found_cb,
                                 g_object_ref (self));
}

static void
entities_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MskParticipationPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  look_up_next (self);
}

static void
follow_clicked_cb (MskParticipationPage *self)
{
  MskClient *client = msk_page_get_client (MSK_PAGE (self));
  g_autofree char *number = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->follow_entry)));

  g_strstrip (number);
  if (number[0] == '\0')
    {
      set_follow_status (self, _("Write the tracking number first, as it was given to you: "
                                 "for example MSK-000123."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->follow_entry));
      return;
    }
  if (client == NULL)
    {
      set_follow_status (self, _("Not connected to a portal"), TRUE);
      return;
    }
  g_free (self->following);
  self->following = g_ascii_strup (number, -1);
  g_clear_object (&self->open311);
  self->open311 = msk_open311_new (client);
  self->jurisdiction = 0;
  gtk_widget_set_sensitive (self->follow_button, FALSE);
  set_follow_status (self, _("Looking the number up…"), FALSE);
  if (self->entities != NULL)
    {
      look_up_next (self);
      return;
    }
  self->entities = msk_client_list_entities (client);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->entities),
                                  msk_page_get_cancellable (MSK_PAGE (self)), entities_cb,
                                  g_object_ref (self));
}

static void
msk_participation_page_reload (MskPage *page)
{
  MskParticipationPage *self = MSK_PARTICIPATION_PAGE (page);

  fill_pending (self);
  fill_sent (self);
  refresh (self);
}

static void
msk_participation_page_constructed (GObject *object)
{
  MskParticipationPage *self = MSK_PARTICIPATION_PAGE (object);
  MskContext *context;

  G_OBJECT_CLASS (msk_participation_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (self), "participation");
  context = msk_page_get_context (MSK_PAGE (self));
  g_signal_connect_object (msk_outbox_get_items (msk_context_get_outbox (context)),
                           "items-changed", G_CALLBACK (fill_pending), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (msk_tracker_get_submissions (msk_context_get_tracker (context)),
                           "items-changed", G_CALLBACK (fill_sent), self, G_CONNECT_SWAPPED);
  msk_participation_page_reload (MSK_PAGE (self));
}

static void
msk_participation_page_dispose (GObject *object)
{
  MskParticipationPage *self = MSK_PARTICIPATION_PAGE (object);

  if (self->watched != NULL)
    {
      for (guint i = 0; i < self->watched->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
      g_clear_pointer (&self->watched, g_ptr_array_unref);
    }
  g_clear_object (&self->entities);
  g_clear_object (&self->open311);
  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_PARTICIPATION_PAGE);

  G_OBJECT_CLASS (msk_participation_page_parent_class)->dispose (object);
}

static void
msk_participation_page_finalize (GObject *object)
{
  MskParticipationPage *self = MSK_PARTICIPATION_PAGE (object);

  g_free (self->following);

  G_OBJECT_CLASS (msk_participation_page_parent_class)->finalize (object);
}

static void
msk_participation_page_class_init (MskParticipationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_participation_page_constructed;
  object_class->dispose = msk_participation_page_dispose;
  object_class->finalize = msk_participation_page_finalize;
  page_class->reload = msk_participation_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-participation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, follow_entry);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, follow_button);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, follow_status);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, pending_heading);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, pending_list);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, refresh_status);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, MskParticipationPage, sent_list);
  gtk_widget_class_bind_template_callback (widget_class, follow_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_clicked_cb);

  /* A row's staff action asks for news once the status moved. */
  gtk_widget_class_install_action (widget_class, "participation.refresh", NULL, refresh_action);
}

static void
msk_participation_page_init (MskParticipationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * msk_participation_page_show:
 * @tracking: the tracking number (or id) of something sent
 *
 * Moves the focus to that item and shows its history.
 */
void
msk_participation_page_show (MskParticipationPage *self,
                             const char           *tracking)
{
  g_return_if_fail (MSK_IS_PARTICIPATION_PAGE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sent_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      MskSubmission *submission;

      if (!MSK_IS_SUBMISSION_ROW (child))
        continue;
      submission = msk_submission_row_get_submission (MSK_SUBMISSION_ROW (child));
      if (submission != NULL && g_strcmp0 (msk_submission_get_tracking (submission), tracking) == 0)
        {
          msk_a11y_grab_focus_when_shown (child);
          msk_submission_row_show_history (MSK_SUBMISSION_ROW (child));
          return;
        }
    }
}

GtkWidget *
msk_participation_page_new (MskContext *context)
{
  return g_object_new (MSK_TYPE_PARTICIPATION_PAGE, "context", context, NULL);
}
