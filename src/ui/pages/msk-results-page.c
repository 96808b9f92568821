/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-date.h"
#include "msk-language.h"
#include "msk-outcome-row.h"
#include "msk-page-layout.h"
#include "msk-paged-list.h"
#include "msk-report-chart.h"
#include "msk-report-text.h"
#include "msk-topic-text.h"
#include "msk-results-page.h"

/* At most this many pages of public bodies are read for their reports. */
#define MAX_ENTITY_PAGES 10

/**
 * MskResultsPage:
 *
 * What was decided and how the public bodies answered: the outcomes
 * across topics ("you said, we did") with their progress, and each body's
 * participation report as a table (the accessible form) and as a chart.
 * Loading, empty and error states are said in words with a retry; offline
 * it shows what was saved, under a banner that says so.
 */
struct _MskResultsPage
{
  MskPage        parent_instance;

  /* Template widgets */
  GtkLabel      *offline_label;
  MskReaderView *reader_view;
  GtkLabel      *outcomes_state;
  GtkWidget     *outcomes_retry;
  GtkListBox    *outcomes_list;
  GtkWidget     *more_button;
  GtkLabel      *reports_state;
  GtkWidget     *reports_retry;
  GtkBox        *reports_box;

  /* Owned */
  GCancellable  *load;          /* the load under way */
  GListModel    *outcomes;      /* (nullable): MskPagedList of MskOutcome */
  GListModel    *entities;      /* (nullable): MskPagedList of MskEntity */
  GPtrArray     *summaries;     /* (element-type utf8): each body's report in words */
  guint          next_entity;   /* the next body whose report is read */
  guint          entity_pages;
  gboolean       loaded;
  gboolean       offline;
  gint64         offline_since; /* the oldest saved content shown, µs */
};

G_DEFINE_FINAL_TYPE (MskResultsPage, msk_results_page, MSK_TYPE_PAGE)

static void load_next_report (MskResultsPage *self);

/* The portal's client, from the app's context; pages never make one. */
static MskClient *
get_client (MskResultsPage *self)
{
  MskContext *context = msk_page_get_context (MSK_PAGE (self));

  return context != NULL ? msk_context_get_client (context) : NULL;
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The page's words, for the reader bar, and at the end of the page for
 * whoever would rather read than look at a table: what the page is, the
 * outcomes, and each report in a few sentences. */
static void
update_reader_text (MskResultsPage *self)
{
  g_autoptr(GString) text = g_string_new (_("See what was decided after each consultation, and "
                                            "how each public body answered the people who took "
                                            "part."));
  guint n = self->outcomes != NULL ? g_list_model_get_n_items (self->outcomes) : 0;

  if (n > 0)
    {
      g_string_append_printf (text, "\n\n%s.", _("You said, we did"));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MskOutcome) outcome = g_list_model_get_item (self->outcomes, i);
          g_autofree char *sentence = msk_report_text_dup_outcome (outcome);

          g_string_append_printf (text, "\n%s", sentence);
        }
    }
  if (self->summaries->len > 0)
    {
      g_string_append_printf (text, "\n\n%s.", _("Participation reports"));
      for (guint i = 0; i < self->summaries->len; i++)
        g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (self->summaries, i));
    }
  msk_reader_view_set_content (self->reader_view, text->str, NULL, msk_language_effective ());
}

static void
note_freshness (MskResultsPage     *self,
                const MskFreshness *freshness)
{
  g_autofree char *text = NULL;

  if (!freshness->offline)
    return;

  if (!self->offline || (freshness->fetched_at > 0 && freshness->fetched_at < self->offline_since))
    self->offline_since = freshness->fetched_at;
  self->offline = TRUE;

  if (self->offline_since > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (self->offline_since
                                                                   / G_USEC_PER_SEC);
      g_autofree char *both = msk_date_format_both (when, TRUE, msk_language_effective ());
      g_autofree char *date = msk_topic_text_isolate (both);

      /* Translators: %s is a date and time in two calendars */
      text = g_strdup_printf (_("Offline — showing what was saved on %s"), date);
    }
  else
    text = g_strdup (_("Offline — showing what was saved earlier"));
  gtk_label_set_text (self->offline_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), TRUE);
}

static void
set_state (GtkLabel   *label,
           GtkWidget  *retry,
           const char *text,
           gboolean    failed)
{
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
  gtk_widget_set_visible (retry, failed);
}

/* ---- outcomes ------------------------------------------------------------ */

static GtkWidget *
create_outcome_row (gpointer item,
                    gpointer user_data)
{
  return msk_outcome_row_new (MSK_OUTCOME (item));
}

static void
outcomes_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskResultsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };
  gboolean has_more;
  guint n;

  msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error);
  if (is_cancelled (error) || G_LIST_MODEL (source) != self->outcomes)
    return;

  msk_paged_list_get_freshness (MSK_PAGED_LIST (source), &freshness);
  note_freshness (self, &freshness);
  n = g_list_model_get_n_items (self->outcomes);
  has_more = msk_paged_list_get_has_more (MSK_PAGED_LIST (source));
  gtk_widget_set_visible (GTK_WIDGET (self->outcomes_list), n > 0);
  gtk_widget_set_visible (self->more_button, error == NULL && has_more);

  if (error != NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("The outcomes could not be loaded: %s"),
                                               error->message);

      set_state (self->outcomes_state, self->outcomes_retry, text, TRUE);
    }
  else if (n == 0)
    set_state (self->outcomes_state, self->outcomes_retry,
               _("No outcomes have been published yet. They are published within 30 days of a "
                 "consultation closing."), FALSE);
  else
    {
      g_autofree char *count = msk_report_text_dup_count (n);
      g_autofree char *text = g_strdup_printf (has_more
                                               /* Translators: %s is how many are shown so far */
                                               ? g_dngettext (GETTEXT_PACKAGE,
                                                              "Showing %s outcome; there are more.",
                                                              "Showing %s outcomes; there are more.",
                                                              n)
                                               : g_dngettext (GETTEXT_PACKAGE,
                                                              "Showing %s outcome.",
                                                              "Showing %s outcomes.", n),
                                               count);

      set_state (self->outcomes_state, self->outcomes_retry, text, FALSE);
    }
  update_reader_text (self);
}

static void
more_clicked_cb (MskResultsPage *self)
{
  if (self->outcomes == NULL || msk_paged_list_get_loading (MSK_PAGED_LIST (self->outcomes)))
    return;

  set_state (self->outcomes_state, self->outcomes_retry, _("Loading more outcomes…"), FALSE);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->outcomes), self->load,
                                  outcomes_loaded_cb, g_object_ref (self));
}

/* ---- reports ------------------------------------------------------------- */

static GtkWidget *
table_label (const char         *text,
             GtkAccessibleRole   role,
             GtkSizeGroup       *group,
             gboolean            start)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD,
                                   "max-width-chars", 14,
                                   "width-chars", 6,
                                   "xalign", start ? 0.0 : 1.0,
                                   "accessible-role", role,
                                   NULL);

  gtk_size_group_add_widget (group, label);
  return label;
}

/* Right to left, a table wider than the page starts scrolled to its
 * start, on the right, where its first column is. */
static void
hadjustment_changed_cb (GtkAdjustment *adjustment,
                        GtkWidget     *scrolled)
{
  double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (gtk_widget_get_direction (scrolled) == GTK_TEXT_DIR_RTL && end > 0
      && gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment))
    gtk_adjustment_set_value (adjustment, end);
}

/* The table: a header row naming the columns, then a row a month, each
 * named by the whole month in one sentence; a cell is named by its column
 * and its figure. Rows take the focus, so that the keyboard walks them. */
static GtkWidget *
create_table (MskReport  *report,
              const char *entity_name)
{
  const char *headers[] = {
    N_("Month"), N_("Participants"), N_("Contributions"), N_("Requests answered"),
    N_("Median time to answer"),
  };
  GtkSizeGroup *groups[G_N_ELEMENTS (headers)];
  GListModel *months = msk_report_get_months (report);
  GtkWidget *list;
  GtkWidget *row;
  GtkWidget *line;
  GtkWidget *scrolled;
  g_autofree char *name = NULL;

  /* Translators: the name of a table; %s is a public body */
  name = g_strdup_printf (_("Participation per month: %s"), entity_name);
  list = g_object_new (GTK_TYPE_LIST_BOX,
                       "selection-mode", GTK_SELECTION_NONE,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_TABLE,
                       NULL);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "msk-report-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_RELATION_ROW_COUNT,
                                  (int) g_list_model_get_n_items (months) + 1,
                                  GTK_ACCESSIBLE_RELATION_COL_COUNT, (int) G_N_ELEMENTS (headers),
                                  -1);

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    groups[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  /* The column headers: a row the keyboard stops on too (a list box
   * moves the focus into its first row), named by the headers in order. */
  {
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
      g_string_append_printf (names, c > 0 ? _(", %s") : "%s", _(headers[c]));
    row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                        "activatable", FALSE,
                        "selectable", FALSE,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_ROW,
                        NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    names->str, -1);
  }
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (line, "msk-report-line");
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *header = table_label (_(headers[c]), GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                                       groups[c], c == 0);

      gtk_widget_add_css_class (header, "heading");
      gtk_box_append (GTK_BOX (line), header);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  for (guint i = 0; i < g_list_model_get_n_items (months); i++)
    {
      g_autoptr(MskReportMonth) month = g_list_model_get_item (months, i);
      g_autofree char *sentence = msk_report_text_dup_row (month);
      char *cells[G_N_ELEMENTS (headers)];

      cells[0] = msk_report_text_dup_month (month);
      cells[1] = msk_report_text_dup_count (msk_report_month_get_participants (month));
      cells[2] = msk_report_text_dup_count (msk_report_month_get_contributions (month));
      cells[3] = msk_report_text_dup_share (month);
      cells[4] = msk_report_text_dup_time (month);

      row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                          "activatable", FALSE,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_ROW,
                          NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sentence, -1);
      line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_add_css_class (line, "msk-report-line");
      for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
        {
          GtkWidget *cell = table_label (cells[c], c == 0 ? GTK_ACCESSIBLE_ROLE_ROW_HEADER
                                                          : GTK_ACCESSIBLE_ROLE_CELL,
                                         groups[c], c == 0);
          /* Translators: a cell of a table as a screen reader says it: the
           * column, then what the cell holds ("Participants: 12") */
          g_autofree char *label = g_strdup_printf (_("%1$s: %2$s"), _(headers[c]), cells[c]);

          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          c == 0 ? cells[c] : label, -1);
          gtk_box_append (GTK_BOX (line), cell);
          g_free (cells[c]);
        }
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* The rows' cells keep their groups alive. */
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    g_object_unref (groups[c]);

  /* Wider than a narrow window at large text: it scrolls sideways, whole.
   * Tab goes through to the months rather than stopping on the frame. */
  scrolled = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "focusable", FALSE,
                           "hscrollbar-policy", GTK_POLICY_AUTOMATIC,
                           "vscrollbar-policy", GTK_POLICY_NEVER,
                           "propagate-natural-height", TRUE,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                           "child", list,
                           NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                           "changed", G_CALLBACK (hadjustment_changed_cb), scrolled, 0);
  return scrolled;
}

static void
add_report (MskResultsPage *self,
            MskEntity      *entity,
            MskReport      *report)
{
  const char *entity_name = msk_entity_get_name (entity);
  GtkWidget *section;
  GtkWidget *title;
  GtkWidget *chart;
  GtkWidget *caption;
  g_autofree char *summary = msk_report_text_dup_summary (report);

  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (section, "msk-report");

  title = g_object_new (GTK_TYPE_LABEL,
                        "label", entity_name,
                        "wrap", TRUE,
                        "xalign", 0.0,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                        NULL);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (section), title);

  gtk_box_append (GTK_BOX (section), create_table (report, entity_name));

  chart = msk_report_chart_new ();
  msk_report_chart_set_report (MSK_REPORT_CHART (chart), report, entity_name);
  gtk_widget_add_css_class (chart, "card");
  gtk_widget_set_margin_top (chart, 6);
  gtk_box_append (GTK_BOX (section), chart);

  /* What the chart shows, in words, for everybody. */
  caption = g_object_new (GTK_TYPE_LABEL,
                          "label", summary,
                          "wrap", TRUE,
                          "xalign", 0.0,
                          NULL);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (section), caption);

  gtk_box_append (self->reports_box, section);
  /* Translators: a public body, then its report in words */
  g_ptr_array_add (self->summaries, g_strdup_printf (_("%1$s: %2$s"), entity_name, summary));
}

static void
report_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MskResultsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskReport) report = NULL;
  g_autoptr(MskEntity) entity = NULL;
  MskFreshness freshness = { 0, };

  report = msk_client_get_entity_report_finish (MSK_CLIENT (source), result, &freshness, &error);
  if (is_cancelled (error) || self->entities == NULL)
    return;

  entity = g_list_model_get_item (self->entities, self->next_entity);
  if (report != NULL)
    {
      note_freshness (self, &freshness);
      add_report (self, entity, report);
    }
  else
    {
      /* Translators: %1$s is a public body, %2$s says what went wrong */
      g_autofree char *text = g_strdup_printf (_("The report of %1$s could not be loaded: %2$s"),
                                               msk_entity_get_name (entity), error->message);

      set_state (self->reports_state, self->reports_retry, text, TRUE);
    }
  self->next_entity++;
  load_next_report (self);
}

static void
load_next_report (MskResultsPage *self)
{
  MskClient *client = get_client (self);
  guint n = g_list_model_get_n_items (self->entities);
  g_autoptr(MskEntity) entity = NULL;

  if (self->next_entity >= n || client == NULL)
    {
      if (n == 0)
        set_state (self->reports_state, self->reports_retry,
                   _("This portal lists no public bodies, so there are no reports."), FALSE);
      else if (!gtk_widget_get_visible (self->reports_retry))
        set_state (self->reports_state, self->reports_retry, NULL, FALSE);
      update_reader_text (self);
      return;
    }

  entity = g_list_model_get_item (self->entities, self->next_entity);
  msk_client_get_entity_report_async (client, msk_entity_get_id (entity), self->load,
                                      report_loaded_cb, g_object_ref (self));
}

static void
entities_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MskResultsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MskFreshness freshness = { 0, };

  msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error);
  if (is_cancelled (error) || G_LIST_MODEL (source) != self->entities)
    return;

  if (error != NULL)
    {
      /* Translators: %s says what went wrong, in plain words */
      g_autofree char *text = g_strdup_printf (_("The reports could not be loaded: %s"),
                                               error->message);

      set_state (self->reports_state, self->reports_retry, text, TRUE);
      return;
    }

  msk_paged_list_get_freshness (MSK_PAGED_LIST (source), &freshness);
  note_freshness (self, &freshness);
  /* Every body has a report: read all of them, a page at a time. */
  if (msk_paged_list_get_has_more (MSK_PAGED_LIST (source))
      && ++self->entity_pages < MAX_ENTITY_PAGES)
    {
      msk_paged_list_load_more_async (MSK_PAGED_LIST (source), self->load, entities_loaded_cb,
                                      g_object_ref (self));
      return;
    }
  self->next_entity = 0;
  load_next_report (self);
}

/* ---- loading ------------------------------------------------------------- */

static void
remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
load (MskResultsPage *self)
{
  MskClient *client = get_client (self);

  g_cancellable_cancel (self->load);
  g_clear_object (&self->load);
  self->load = g_cancellable_new ();
  if (g_cancellable_is_cancelled (msk_page_get_cancellable (MSK_PAGE (self))))
    g_cancellable_cancel (self->load);

  self->loaded = TRUE;
  self->offline = FALSE;
  self->offline_since = 0;
  self->entity_pages = 0;
  self->next_entity = 0;
  g_ptr_array_set_size (self->summaries, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), FALSE);
  gtk_list_box_bind_model (self->outcomes_list, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->outcomes_list), FALSE);
  gtk_widget_set_visible (self->more_button, FALSE);
  remove_children (GTK_WIDGET (self->reports_box));
  g_clear_object (&self->outcomes);
  g_clear_object (&self->entities);

  if (client == NULL)
    {
      set_state (self->outcomes_state, self->outcomes_retry,
                 _("Not connected to a portal. Choose one in Preferences."), TRUE);
      set_state (self->reports_state, self->reports_retry, NULL, FALSE);
      update_reader_text (self);
      return;
    }

  set_state (self->outcomes_state, self->outcomes_retry, _("Loading the outcomes…"), FALSE);
  set_state (self->reports_state, self->reports_retry, _("Loading the reports…"), FALSE);

  self->outcomes = msk_client_list_outcomes (client, 0);
  gtk_list_box_bind_model (self->outcomes_list, self->outcomes, create_outcome_row, NULL, NULL);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->outcomes), self->load,
                                  outcomes_loaded_cb, g_object_ref (self));

  self->entities = msk_client_list_entities (client);
  msk_paged_list_load_more_async (MSK_PAGED_LIST (self->entities), self->load,
                                  entities_loaded_cb, g_object_ref (self));
  update_reader_text (self);
}

static void
msk_results_page_shown (MskPage *page)
{
  MskResultsPage *self = MSK_RESULTS_PAGE (page);

  if (!self->loaded)
    load (self);
}

static void
msk_results_page_reload (MskPage *page)
{
  load (MSK_RESULTS_PAGE (page));
}

static void
msk_results_page_dispose (GObject *object)
{
  MskResultsPage *self = MSK_RESULTS_PAGE (object);

  g_cancellable_cancel (self->load);
  if (self->outcomes_list != NULL)
    gtk_list_box_bind_model (self->outcomes_list, NULL, NULL, NULL, NULL);
  msk_page_dispose_template (MSK_PAGE (object), MSK_TYPE_RESULTS_PAGE);
  g_clear_object (&self->outcomes);
  g_clear_object (&self->entities);

  G_OBJECT_CLASS (msk_results_page_parent_class)->dispose (object);
}

static void
msk_results_page_finalize (GObject *object)
{
  MskResultsPage *self = MSK_RESULTS_PAGE (object);

  g_clear_object (&self->load);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);

  G_OBJECT_CLASS (msk_results_page_parent_class)->finalize (object);
}

static void
msk_results_page_class_init (MskResultsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  object_class->dispose = msk_results_page_dispose;
  object_class->finalize = msk_results_page_finalize;
  page_class->shown = msk_results_page_shown;
  page_class->reload = msk_results_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msk-results-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, reader_view);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, outcomes_state);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, outcomes_retry);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, outcomes_list);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, reports_state);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, reports_retry);
  gtk_widget_class_bind_template_child (widget_class, MskResultsPage, reports_box);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
msk_results_page_init (MskResultsPage *self)
{
  g_type_ensure (MSK_TYPE_READER_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  msk_page_layout_wrap_labels (GTK_WIDGET (self));

  self->summaries = g_ptr_array_new_with_free_func (g_free);
  msk_page_set_reader_view (MSK_PAGE (self), self->reader_view);
  update_reader_text (self);
}

GtkWidget *
msk_results_page_new (MskContext *context)
{
  return g_object_new (MSK_TYPE_RESULTS_PAGE, "context", context, NULL);
}
