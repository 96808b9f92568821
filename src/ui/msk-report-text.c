/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How results are put in words: the same in the table, under the chart,
 * in an outcome's row and for a screen reader. Figures inside a sentence
 * are isolated, so that they keep their order in Arabic text, and written
 * with the digits of the app's language. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "msk-date.h"
#include "msk-language.h"
#include "msk-report-text.h"
#include "msk-topic-text.h"

/* ASCII digits, point and percent sign as the app's language writes them. */
static char *
localize_figure (const char *ascii)
{
  GString *out;

  if (!g_str_equal (msk_language_effective (), "ar"))
    return g_strdup (ascii);

  out = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_unichar (out, 0x0660 + (*p - '0'));
      else if (*p == '.')
        g_string_append_unichar (out, 0x066B);  /* Arabic decimal separator */
      else if (*p == '%')
        g_string_append_unichar (out, 0x066A);  /* Arabic percent sign */
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * msk_report_text_dup_count:
 *
 * Returns: (transfer full): @count in digits, isolated
 */
char *
msk_report_text_dup_count (gint64 count)
{
  g_autofree char *ascii = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  g_autofree char *figure = localize_figure (ascii);

  return msk_topic_text_isolate (figure);
}

/**
 * msk_report_text_dup_percent:
 * @percent: 0 to 100
 *
 * Returns: (transfer full): the percentage, whole, isolated ("75%")
 */
char *
msk_report_text_dup_percent (double percent)
{
  g_autofree char *ascii = g_strdup_printf ("%d%%", (int) lround (CLAMP (percent, 0, 100)));
  g_autofree char *figure = localize_figure (ascii);

  return msk_topic_text_isolate (figure);
}

/**
 * msk_report_text_dup_month:
 *
 * Returns: (transfer full): the month and year, isolated ("March 2026")
 */
char *
msk_report_text_dup_month (MskReportMonth *month)
{
  g_autofree char *name = msk_date_format_month (msk_report_month_get_year (month),
                                                 msk_report_month_get_month_number (month),
                                                 msk_language_effective ());

  return msk_topic_text_isolate (name);
}

/**
 * msk_report_text_dup_share:
 *
 * Returns: (transfer full): the share of the month's requests answered,
 *   or that there were none to answer
 */
char *
msk_report_text_dup_share (MskReportMonth *month)
{
  double share = msk_report_month_get_answered_share (month);

  if (share < 0)
    return g_strdup (_("No requests"));
  return msk_report_text_dup_percent (share * 100.0);
}

/**
 * msk_report_text_dup_time:
 *
 * Returns: (transfer full): the median time to answer, in hours or days
 */
char *
msk_report_text_dup_time (MskReportMonth *month)
{
  double hours = msk_report_month_get_median_hours (month);
  g_autofree char *figure = NULL;
  gint64 n;

  if (hours < 0)
    return g_strdup (_("None answered"));

  if (hours < 48)
    {
      n = MAX (1, (gint64) lround (hours));
      figure = msk_report_text_dup_count (n);
      /* Translators: a median time to answer; %s is a number */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s hour", "%s hours", n), figure);
    }
  n = (gint64) lround (hours / 24.0);
  figure = msk_report_text_dup_count (n);
  /* Translators: a median time to answer; %s is a number */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", n), figure);
}

/**
 * msk_report_text_dup_row:
 *
 * Returns: (transfer full): a month of the table, in one sentence
 */
char *
msk_report_text_dup_row (MskReportMonth *month)
{
  g_autofree char *name = msk_report_text_dup_month (month);
  g_autofree char *participants = msk_report_text_dup_count (
    msk_report_month_get_participants (month));
  g_autofree char *contributions = msk_report_text_dup_count (
    msk_report_month_get_contributions (month));
  g_autofree char *share = msk_report_text_dup_share (month);
  g_autofree char *time = msk_report_text_dup_time (month);

  /* Translators: a month of a participation report as a screen reader
   * says it: the month, people who took part, what they sent, the share of
   * requests answered ("75%" or "No requests") and the median time to answer
   * ("30 hours" or "None answered") */
  return g_strdup_printf (_("%1$s: participants %2$s, contributions %3$s, requests answered "
                            "%4$s, median time to answer %5$s."),
                          name, participants, contributions, share, time);
}

/**
 * msk_report_text_dup_summary:
 *
 * What the chart shows, in words: the months it covers, the month most
 * and least people took part, and how much was sent in all.
 *
 * Returns: (transfer full): the summary
 */
char *
msk_report_text_dup_summary (MskReport *report)
{
  GListModel *months = msk_report_get_months (report);
  guint n = g_list_model_get_n_items (months);
  g_autoptr(MskReportMonth) first = NULL;
  g_autoptr(MskReportMonth) last = NULL;
  g_autoptr(MskReportMonth) most = NULL;
  g_autoptr(MskReportMonth) least = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *most_month = NULL;
  g_autofree char *most_count = NULL;
  g_autofree char *least_month = NULL;
  g_autofree char *least_count = NULL;
  g_autofree char *total_text = NULL;
  gint64 total = 0;

  if (n == 0)
    return g_strdup (_("The report has no months."));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskReportMonth) month = g_list_model_get_item (months, i);

      total += msk_report_month_get_contributions (month);
      if (most == NULL || msk_report_month_get_participants (month)
                          > msk_report_month_get_participants (most))
        g_set_object (&most, month);
      if (least == NULL || msk_report_month_get_participants (month)
                           < msk_report_month_get_participants (least))
        g_set_object (&least, month);
    }
  first = g_list_model_get_item (months, 0);
  last = g_list_model_get_item (months, n - 1);
  from = msk_report_text_dup_month (first);
  to = msk_report_text_dup_month (last);
  most_month = msk_report_text_dup_month (most);
  most_count = msk_report_text_dup_count (msk_report_month_get_participants (most));
  least_month = msk_report_text_dup_month (least);
  least_count = msk_report_text_dup_count (msk_report_month_get_participants (least));
  total_text = msk_report_text_dup_count (total);

  /* Translators: what a chart of participants and contributions per month
   * shows: the first and last months, the month with most participants and
   * how many, the month with fewest and how many, and all contributions */
  return g_strdup_printf (_("Participants and contributions per month, from %1$s to %2$s. "
                            "Most participants in %3$s: %4$s. Fewest in %5$s: %6$s. "
                            "Contributions in all: %7$s."),
                          from, to, most_month, most_count, least_month, least_count,
                          total_text);
}

/**
 * msk_report_text_dup_progress:
 *
 * Returns: (transfer full): how far an outcome is carried out, in words
 */
char *
msk_report_text_dup_progress (MskOutcome *outcome)
{
  gint64 progress = msk_outcome_get_progress (outcome);
  g_autofree char *percent = msk_report_text_dup_percent (progress);

  if (progress >= 100)
    /* Translators: %s is a percentage */
    return g_strdup_printf (_("Done: %s"), percent);
  if (progress <= 0)
    /* Translators: %s is a percentage */
    return g_strdup_printf (_("Not started: %s"), percent);
  /* Translators: %s is a percentage */
  return g_strdup_printf (_("In progress: %s done"), percent);
}

/* A portal's sentence without its full stop, for a sentence that ends it. */
static char *
dup_without_stop (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize len = strlen (copy);

  while (len > 0 && (copy[len - 1] == '.' || copy[len - 1] == ' '))
    copy[--len] = '\0';
  return copy;
}

/**
 * msk_report_text_dup_outcome:
 *
 * Returns: (transfer full): all an outcome's row shows, in one sentence
 */
char *
msk_report_text_dup_outcome (MskOutcome *outcome)
{
  g_autofree char *progress = msk_report_text_dup_progress (outcome);
  g_autofree char *title = dup_without_stop (msk_outcome_get_topic_title (outcome));
  g_autofree char *decision = dup_without_stop (msk_outcome_get_decision (outcome));
  g_autofree char *date = NULL;

  if (msk_outcome_get_published_at (outcome) != NULL)
    {
      g_autofree char *both = msk_date_format_both (msk_outcome_get_published_at (outcome), FALSE,
                                                    msk_language_effective ());

      date = msk_topic_text_isolate (both);
      /* Translators: an outcome as a screen reader says it: the topic, what
       * was decided, how far it is carried out, and when it was published */
      return g_strdup_printf (_("%1$s. We did: %2$s. %3$s. Published on %4$s."),
                              title, decision, progress, date);
    }
  /* Translators: the same without a publication date */
  return g_strdup_printf (_("%1$s. We did: %2$s. %3$s."), title, decision, progress);
}
