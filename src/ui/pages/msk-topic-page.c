/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-feedback-box.h"
#include "msk-language.h"
#include "msk-open-data-box.h"
#include "msk-outcome.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-policy-page.h"
#include "msk-report-text.h"
#include "msk-topic-page.h"
#include "msk-topic-text.h"

/**
 * MskTopicPage:
 *
 * One topic in full: its title, the public body, kind and status, its
 * dates (and for a closed topic when feedback is due), the summary and the
 * body in a view the reader bar reads (with the portal's vowelled speech
 * text), its images as their descriptions, the ways to take part it
 * offers, and for a closed topic what was decided ("you said, we did").
 */
struct _MskTopicPage
{
  MskPage            parent_instance;

  /* Template widgets */
  GtkLabel          *offline_label;
  GtkLabel          *state_label;
  GtkWidget         *retry_button;
  GtkWidget         *content_box;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkBox            *dates_box;
  MskReaderView     *reader_view;
  GtkBox            *images_box;
  GtkLabel          *take_part_label;
  GtkFlowBox        *take_part_box;
  GtkWidget         *outcome_box;
  GtkLabel          *outcome_label;
  GtkProgressBar    *outcome_progress;
  GtkLabel          *outcome_date_label;
  MskOpenDataBox    *open_data_box;
  MskFeedbackBox    *feedback_box;

  /* Owned */
  MskTopic          *topic;
  GListModel        *outcomes;

};

G_DEFINE_FINAL_TYPE (MskTopicPage, msk_topic_page, MSK_TYPE_PAGE)

static void
set_state (MskTopicPage *self,
           const char   *text,
           gboolean      can_retry)
{
  gtk_label_set_text (self->state_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), text != NULL);
  gtk_widget_set_visible (self->retry_button, can_retry);
}

static GtkWidget *
add_line (GtkBox     *box,
          const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (box, label);
  return label;
}

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* Feedback is published within 30 days of a consultation closing. */
static GDateTime *
dup_feedback_due (MskTopic *topic)
{
  GDateTime *due = msk_topic_get_feedback_due (topic);
  GDateTime *closes = msk_topic_get_closes_at (topic);

  if (due != NULL)
    return g_date_time_ref (due);
  return closes != NULL ? g_date_time_add_days (closes, 30) : NULL;
}

/* A line of the dates: the date of @datetime formatted into @format. */
#define add_date(self, format, datetime) \
  G_STMT_START { \
    g_autofree char *date_ = msk_topic_text_dup_date ((datetime), FALSE); \
    if (date_ != NULL) \
      { \
        g_autofree char *line_ = g_strdup_printf ((format), date_); \
        add_line ((self)->dates_box, line_); \
      } \
  } G_STMT_END

static void
show_dates (MskTopicPage *self)
{
  const char *status = msk_topic_get_status (self->topic);
  gboolean closed = g_strcmp0 (status, "closed") == 0
                    || g_strcmp0 (status, "results_published") == 0;

  remove_children (GTK_WIDGET (self->dates_box));
  if (closed || g_strcmp0 (status, "open") == 0)
    /* Translators: %s is a date in two calendars */
    add_date (self, _("Opened on %s"), msk_topic_get_opens_at (self->topic));
  else
    /* Translators: %s is a date in two calendars */
    add_date (self, _("Opens on %s"), msk_topic_get_opens_at (self->topic));
  if (closed)
    /* Translators: %s is a date in two calendars */
    add_date (self, _("Closed on %s"), msk_topic_get_closes_at (self->topic));
  else
    /* Translators: %s is a date in two calendars */
    add_date (self, _("Closes on %s"), msk_topic_get_closes_at (self->topic));
  if (closed)
    {
      g_autoptr(GDateTime) due = dup_feedback_due (self->topic);

      if (g_strcmp0 (status, "results_published") == 0
          && msk_topic_get_results_published_at (self->topic) != NULL)
        /* Translators: %s is a date in two calendars */
        add_date (self, _("Results published on %s"),
                  msk_topic_get_results_published_at (self->topic));
      else
        /* Translators: %s is a date in two calendars */
        add_date (self, _("Feedback due by %s"), due);
    }
}

static void
show_images (MskTopicPage *self)
{
  GListModel *images = msk_topic_get_images (self->topic);
  guint n = images != NULL ? g_list_model_get_n_items (images) : 0;

  remove_children (GTK_WIDGET (self->images_box));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskImage) image = g_list_model_get_item (images, i);
      const char *alt = msk_image_get_alt (image);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (alt != NULL && alt[0] != '\0')
        /* Translators: %s is what an image shows, as the portal describes it */
        text = g_strdup_printf (_("Image: %s"), alt);
      else
        text = g_strdup (_("Image: no description"));
      label = add_line (self->images_box, text);
      gtk_widget_add_css_class (label, "msk-image-caption");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->images_box), n > 0);
}

/* Each way to take part has a page of its own, which asks for the policy
 * and the account when something is sent. */
static void
take_part_clicked_cb (GtkButton    *button,
                      MskTopicPage *self)
{
  const char *page = g_object_get_data (G_OBJECT (button), "msk-topic-page");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-topic-page", "(sx)", page,
                              msk_page_get_topic_id (MSK_PAGE (self)));
}

static void
add_take_part (MskTopicPage *self,
               const char   *text,
               gboolean      open,
               const char   *page)
{
  GtkWidget *button = gtk_button_new_with_label (text);

  g_object_set_data (G_OBJECT (button), "msk-topic-page", (gpointer) page);

  msk_page_layout_wrap_labels (button);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "pill");
  if (open)
    gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect (button, "clicked", G_CALLBACK (take_part_clicked_cb), self);
  gtk_flow_box_append (self->take_part_box, button);
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  /* Off on the flow box's child, not only on the button: a flow box moves
   * the focus to its first sensitive child, and one whose button cannot
   * take it would keep Tab from ever leaving. */
  gtk_widget_set_sensitive (gtk_widget_get_parent (button), open);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
show_take_part (MskTopicPage *self)
{
  const char *kind = msk_topic_get_kind (self->topic);
  const char *status = msk_topic_get_status (self->topic);
  gboolean open = g_strcmp0 (status, "open") == 0;

  remove_children (GTK_WIDGET (self->take_part_box));
  if (g_strcmp0 (kind, "poll") == 0)
    /* The poll's page shows its results too, when the poll is closed. */
    add_take_part (self, open ? _("Vote") : _("See the poll and its results"), TRUE, "poll");
  else if (g_strcmp0 (kind, "survey") == 0)
    add_take_part (self, _("Answer the survey"), open, "survey");
  else if (g_strcmp0 (kind, "ideas") == 0)
    add_take_part (self, open ? _("See the ideas, send yours and support others")
                              : _("See the ideas"), TRUE, "ideas");
  else
    /* the comments published stay to read once the topic has closed */
    add_take_part (self, open ? _("Read the comments and write yours") : _("Read the comments"),
                   TRUE, "comments");

  if (open)
    gtk_label_set_text (self->take_part_label, _("This topic is open: you can take part."));
  else if (g_strcmp0 (status, "upcoming") == 0)
    gtk_label_set_text (self->take_part_label,
                        _("This topic is not open yet: you can take part once it opens."));
  else
    gtk_label_set_text (self->take_part_label,
                        _("This topic is closed: taking part is no longer possible."));
}

static void
outcomes_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskTopicPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskOutcome) outcome = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *date = NULL;
  g_autofree char *published = NULL;

  /* finished just before the page was left: its widgets may be gone */
  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Topic page: outcomes: %s", error->message);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (source)) == 0)
    return;

  outcome = g_list_model_get_item (G_LIST_MODEL (source), 0);
  gtk_label_set_text (self->outcome_label, msk_outcome_get_decision (outcome));
  gtk_progress_bar_set_fraction (self->outcome_progress,
                                 CLAMP (msk_outcome_get_progress (outcome), 0, 100) / 100.0);
  progress = msk_report_text_dup_progress (outcome);
  gtk_progress_bar_set_text (self->outcome_progress, progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome_progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, progress, -1);
  date = msk_topic_text_dup_date (msk_outcome_get_published_at (outcome), FALSE);
  if (date != NULL)
    /* Translators: %s is a date in two calendars */
    published = g_strdup_printf (_("Published on %s"), date);
  gtk_label_set_text (self->outcome_date_label, published != NULL ? published : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_date_label), published != NULL);
  gtk_widget_set_visible (self->outcome_box, TRUE);
}

/* Kind, body and status: the body once the portal's list of them is read. */
static void
show_meta (MskTopicPage *self,
           const char   *entity_name)
{
  const char *kind = msk_topic_text_kind (msk_topic_get_kind (self->topic));
  const char *status = msk_topic_text_status (msk_topic_get_status (self->topic));
  g_autofree char *meta = NULL;

  if (entity_name != NULL)
    /* Translators: the second line of a topic's row: kind · body · status */
    meta = g_strdup_printf (_("%1$s · %2$s · %3$s"), kind, entity_name, status);
  else
    /* Translators: the second line of a topic's row: kind · status */
    meta = g_strdup_printf (_("%1$s · %2$s"), kind, status);
  gtk_label_set_text (self->meta_label, meta);
}

static void
entities_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskTopicPage) self = user_data;
  g_autoptr(GListModel) entities = G_LIST_MODEL (g_object_ref (source));
  g_autoptr(GError) error = NULL;

  /* finished just before the page was left: its widgets may be gone */
  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Topic page: entities: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(MskEntity) entity = g_list_model_get_item (entities, i);

      if (msk_entity_get_id (entity) == msk_topic_get_entity_id (self->topic))
        {
          show_meta (self, msk_entity_get_name (entity));
          return;
        }
    }
  if (msk_paged_list_get_has_more (MSK_PAGED_LIST (source)))
    msk_paged_list_load_more_async (MSK_PAGED_LIST (source), msk_page_get_load (MSK_PAGE (self)),
                                    entities_loaded_cb, g_object_ref (self));
}

static void
show_topic (MskTopicPage *self)
{
  MskTopic *topic = self->topic;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *status = msk_topic_get_status (topic);

  msk_page_set_title (MSK_PAGE (self), msk_topic_get_title_text (topic));
  gtk_label_set_text (self->title_label, msk_topic_get_title_text (topic));
  show_meta (self, NULL);
  show_dates (self);

  /* The reader reads what the page says, with the portal's vowelled
   * speech text where it has one. */
  if (msk_topic_get_summary_text (topic) != NULL && *msk_topic_get_summary_text (topic) != '\0')
    g_string_append (text, msk_topic_get_summary_text (topic));
  if (msk_topic_get_body_text (topic) != NULL && *msk_topic_get_body_text (topic) != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n\n" : "",
                            msk_topic_get_body_text (topic));
  msk_reader_view_set_content (self->reader_view, text->str, msk_topic_get_speech (topic),
                               msk_language_effective ());

  show_images (self);
  show_take_part (self);
  msk_open_data_box_set_topic (self->open_data_box, msk_page_get_client (MSK_PAGE (self)), topic);
  msk_feedback_box_set_topic (self->feedback_box, msk_page_get_client (MSK_PAGE (self)), topic);

  {
    MskClient *client = msk_page_get_client (MSK_PAGE (self));
    g_autoptr(GListModel) entities = msk_client_list_entities (client);

    msk_paged_list_set_page_size (MSK_PAGED_LIST (entities), 50);
    msk_paged_list_load_more_async (MSK_PAGED_LIST (entities), msk_page_get_load (MSK_PAGE (self)),
                                    entities_loaded_cb, g_object_ref (self));
  }

  gtk_widget_set_visible (self->outcome_box, FALSE);
  if (g_strcmp0 (status, "closed") == 0 || g_strcmp0 (status, "results_published") == 0)
    {
      g_clear_object (&self->outcomes);
      self->outcomes = msk_client_list_outcomes (msk_page_get_client (MSK_PAGE (self)),
                                                 msk_page_get_topic_id (MSK_PAGE (self)));
      msk_paged_list_load_more_async (MSK_PAGED_LIST (self->outcomes),
                                      msk_page_get_load (MSK_PAGE (self)),
                                      outcomes_loaded_cb, g_object_ref (self));
    }

  gtk_widget_set_visible (self->content_box, TRUE);
}

static void
topic_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MskTopicPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };
  g_autofree char *offline = NULL;
  MskTopic *topic;

  /* finished just before the page was left: its widgets may be gone */
  if (msk_page_is_left (MSK_PAGE (self)))
    return;
  topic = msk_client_get_topic_finish (MSK_CLIENT (source), result, &freshness, &error);
  if (topic == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong, in plain words */
      text = g_strdup_printf (_("The topic could not be loaded: %s"), error->message);
      set_state (self, text, TRUE);
      return;
    }

  g_clear_object (&self->topic);
  self->topic = topic;
  set_state (self, NULL, FALSE);

  offline = msk_page_report_freshness (MSK_PAGE (self), &freshness);
  gtk_label_set_text (self->offline_label, offline != NULL ? offline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), offline != NULL);

  show_topic (self);
}

static void
msk_topic_page_reload (MskPage *page)
{
  MskTopicPage *self = MSK_TOPIC_PAGE (page);
  MskClient *client = msk_page_get_client (page);
  GCancellable *cancellable;

  cancellable = msk_page_start_load (page);

  if (client == NULL)
    {
      set_state (self, _("Not connected to a portal"), FALSE);
      return;
    }

  set_state (self, _("Loading the topic…"), FALSE);
  msk_client_get_topic_async (client, msk_page_get_topic_id (MSK_PAGE (self)), cancellable,
                              topic_loaded_cb, g_object_ref (self));
}

static void
msk_topic_page_constructed (GObject *object)
{
  MskTopicPage *self = MSK_TOPIC_PAGE (object);
  g_autofree char *tag = g_strdup_printf ("topic:%" G_GINT64_FORMAT,
                                          msk_page_get_topic_id (MSK_PAGE (self)));

  G_OBJECT_CLASS (msk_topic_page_parent_class)->constructed (object);

  msk_page_set_tag (MSK_PAGE (self), tag);
  msk_topic_page_reload (MSK_PAGE (self));
}

static void
msk_topic_page_dispose (GObject *object)
{
  MskTopicPage *self = MSK_TOPIC_PAGE (object);

  msk_page_dispose_template (MSK_PAGE (self), MSK_TYPE_TOPIC_PAGE);

  G_OBJECT_CLASS (msk_topic_page_parent_class)->dispose (object);
}

static void
msk_topic_page_finalize (GObject *object)
{
  MskTopicPage *self = MSK_TOPIC_PAGE (object);

  g_clear_object (&self->topic);
  g_clear_object (&self->outcomes);

  G_OBJECT_CLASS (msk_topic_page_parent_class)->finalize (object);
}

static void
msk_topic_page_class_init (MskTopicPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->constructed = msk_topic_page_constructed;
  object_class->dispose = msk_topic_page_dispose;
  object_class->finalize = msk_topic_page_finalize;
  page_class->reload = msk_topic_page_reload;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-topic-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, dates_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, reader_view);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, images_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, take_part_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, take_part_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, outcome_progress);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, outcome_date_label);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, open_data_box);
  gtk_widget_class_bind_template_child (widget_class, MskTopicPage, feedback_box);
}

static void
msk_topic_page_init (MskTopicPage *self)
{
  g_type_ensure (MSK_TYPE_READER_VIEW);
  g_type_ensure (MSK_TYPE_OPEN_DATA_BOX);
  g_type_ensure (MSK_TYPE_FEEDBACK_BOX);
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  msk_page_set_reader_view (MSK_PAGE (self), self->reader_view);
}

GtkWidget *
msk_topic_page_new (MskContext *context,
                    gint64      topic_id)
{
  return g_object_new (MSK_TYPE_TOPIC_PAGE, "context", context, "topic-id", topic_id, NULL);
}

