/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The participation chart, in process, through GTK's test accessibility
 * backend (GTK_A11Y=test): an image described by its figures, that grows
 * with the text and fits a narrow window. Needs a display. */
#include "config.h"

#include "msk-language.h"
#include "msk-report-chart.h"

static const char report_json[] =
  "{\"entity_id\": 2, \"from\": \"2026-01\", \"to\": \"2026-03\", \"months\": ["
  " {\"month\": \"2026-01\", \"participants\": 0, \"submissions\": {\"comments\": 0},"
  "  \"answered_share\": null, \"median_hours_to_answer\": null},"
  " {\"month\": \"2026-02\", \"participants\": 17,"
  "  \"submissions\": {\"ballots\": 9, \"comments\": 5, \"complaints\": 3},"
  "  \"answered_share\": 0.75, \"median_hours_to_answer\": 30.5},"
  " {\"month\": \"2026-03\", \"participants\": 4, \"submissions\": {\"ideas\": 6},"
  "  \"answered_share\": null, \"median_hours_to_answer\": null}]}";

static MskReport *
load_report (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  MskReport *report;

  json_parser_load_from_data (parser, report_json, -1, &error);
  g_assert_no_error (error);
  report = msk_report_new_from_json (json_parser_get_root (parser), "en", &error);
  g_assert_no_error (error);
  return report;
}

static void
test_chart_accessible (void)
{
  g_autoptr(MskReport) report = load_report ();
  GtkWidget *chart = g_object_ref_sink (msk_report_chart_new ());

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Chart: no report");

  msk_report_chart_set_report (MSK_REPORT_CHART (chart), report, "Al Waha Municipality");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Chart of participation: Al Waha Municipality");
  /* The figures in words: the months, the most and fewest people, all
   * that was sent (17 + 0 + 4 people; 0 + 17 + 6 contributions), each
   * figure isolated. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Participants and contributions per month, from "
                                       "\u2068January 2026\u2069 to \u2068March 2026\u2069. "
                                       "Most participants in \u2068February 2026\u2069: "
                                       "\u206817\u2069. Fewest in \u2068January 2026\u2069: "
                                       "\u20680\u2069. Contributions in all: \u206823\u2069.");

  msk_report_chart_set_report (MSK_REPORT_CHART (chart), NULL, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Chart: no report");
  g_assert_finalize_object (chart);
}

/* Scales the text as the app does, and lets the style follow (bounded). */
static void
set_text_scale (double scale)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (96 * 1024 * scale), NULL);
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* A month's name and bars side by side when wide, stacked when narrow: at
 * 300 % text the chart still fits a 360 px window, taller. */
static void
test_chart_sizes (void)
{
  g_autoptr(MskReport) report = load_report ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = msk_report_chart_new ();
  int min_width, wide_height, narrow_height, large_min, large_height;

  msk_report_chart_set_report (MSK_REPORT_CHART (chart), report, "Al Waha Municipality");
  gtk_window_set_child (GTK_WINDOW (window), chart);
  /* Taller than the chart's height at its narrowest, even at 300 % text: a
   * window given less warns that the chart needs more. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1500);
  gtk_window_present (GTK_WINDOW (window));

  set_text_scale (1.0);
  gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 900, &wide_height, NULL, NULL, NULL);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, MAX (min_width, 1), &narrow_height, NULL,
                      NULL, NULL);
  g_test_message ("100 %%: min width %d, height %d at 900 px, %d at %d px", min_width,
                  wide_height, narrow_height, min_width);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (wide_height, >, 0);
  g_assert_cmpint (narrow_height, >, wide_height);

  set_text_scale (3.0);
  gtk_widget_measure (chart, GTK_ORIENTATION_HORIZONTAL, -1, &large_min, NULL, NULL, NULL);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 900, &large_height, NULL, NULL, NULL);
  g_test_message ("300 %%: min width %d, height %d at 900 px", large_min, large_height);
  g_assert_cmpint (large_min, >, min_width);
  g_assert_cmpint (large_min, <=, 360);
  g_assert_cmpint (large_height, >, 2 * wide_height);
  set_text_scale (1.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  msk_language_apply (MSK_LANGUAGE_ENGLISH);

  g_test_add_func ("/report-chart/accessible", test_chart_accessible);
  g_test_add_func ("/report-chart/sizes", test_chart_sizes);

  return g_test_run ();
}
