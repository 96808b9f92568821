/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-json.h"
#include "msk-report-month.h"

/**
 * MskReportMonth:
 *
 * One calendar month of a public body's participation report: how many
 * people took part, what they sent, and how the body answered the
 * requests (complaints, suggestions, information requests, appeals).
 */
struct _MskReportMonth
{
  GObject parent_instance;

  char *month;  /* (owned): YYYY-MM */
  int year;
  int month_number;
  gint64 participants;
  gint64 contributions;
  gint64 requests;
  GHashTable *submissions;  /* (owned): kind → gint64 * */
  double answered_share;
  double median_hours;
};

G_DEFINE_FINAL_TYPE (MskReportMonth, msk_report_month, G_TYPE_OBJECT)

/* What a public body is asked to answer: the Open311 requests. */
static const char * const request_kinds[] = {
  "complaints", "suggestions", "information_requests", "appeals",
};

static const MskJsonField month_fields[] = {
  { "month", MSK_JSON_FIELD_STRING, TRUE, G_STRUCT_OFFSET (MskReportMonth, month) },
  { "participants", MSK_JSON_FIELD_INT, TRUE, G_STRUCT_OFFSET (MskReportMonth, participants) },
  { "answered_share", MSK_JSON_FIELD_DOUBLE, FALSE,
    G_STRUCT_OFFSET (MskReportMonth, answered_share) },
  { "median_hours_to_answer", MSK_JSON_FIELD_DOUBLE, FALSE,
    G_STRUCT_OFFSET (MskReportMonth, median_hours) },
};

static void
msk_report_month_finalize (GObject *object)
{
  MskReportMonth *self = MSK_REPORT_MONTH (object);

  g_clear_pointer (&self->month, g_free);
  g_clear_pointer (&self->submissions, g_hash_table_unref);

  G_OBJECT_CLASS (msk_report_month_parent_class)->finalize (object);
}

static void
msk_report_month_class_init (MskReportMonthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_report_month_finalize;
}

static void
msk_report_month_init (MskReportMonth *self)
{
  self->submissions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->answered_share = -1;
  self->median_hours = -1;
}

static gboolean
parse_month (MskReportMonth  *self,
             GError         **error)
{
  guint64 year = 0;
  guint64 month = 0;
  char digits[5];

  if (strlen (self->month) != 7 || self->month[4] != '-')
    goto invalid;
  memcpy (digits, self->month, 4);
  digits[4] = '\0';
  if (!g_ascii_string_to_unsigned (digits, 10, 1, 9999, &year, NULL)
      || !g_ascii_string_to_unsigned (self->month + 5, 10, 1, 12, &month, NULL))
    goto invalid;
  self->year = (int) year;
  self->month_number = (int) month;
  return TRUE;

invalid:
  msk_json_set_invalid (error, "month: not a YYYY-MM month");
  return FALSE;
}

static gboolean
parse_submissions (MskReportMonth  *self,
                   JsonObject      *object,
                   GError         **error)
{
  JsonObject *submissions = NULL;
  g_autoptr(GList) kinds = NULL;

  if (!msk_json_read_object (object, "submissions", TRUE, &submissions, error))
    return FALSE;

  kinds = json_object_get_members (submissions);
  for (GList *l = kinds; l != NULL; l = l->next)
    {
      gint64 count = 0;

      if (!msk_json_read_int (submissions, l->data, TRUE, &count, error))
        return FALSE;
      if (count < 0)
        {
          msk_json_set_invalid (error, "submissions: a negative count of %s",
                                (const char *) l->data);
          return FALSE;
        }
      g_hash_table_insert (self->submissions, g_strdup (l->data), g_memdup2 (&count,
                                                                              sizeof count));
      self->contributions += count;
      if (g_strv_contains (request_kinds, l->data))
        self->requests += count;
    }
  return TRUE;
}

/**
 * msk_report_month_new_from_json:
 * @node: the JSON of one month of a report
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Returns: (transfer full): the month, or %NULL with an error
 */
MskReportMonth *
msk_report_month_new_from_json (JsonNode    *node,
                                const char  *language,
                                GError     **error)
{
  g_autoptr(MskReportMonth) self = NULL;
  JsonObject *object;

  object = msk_json_node_get_object (node, "report month", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_REPORT_MONTH, NULL);
  if (!msk_json_read_fields (object, month_fields, G_N_ELEMENTS (month_fields), language, self,
                             error))
    return NULL;
  if (!parse_month (self, error) || !parse_submissions (self, object, error))
    return NULL;
  if (self->participants < 0)
    {
      msk_json_set_invalid (error, "participants: a negative count");
      return NULL;
    }
  /* A share outside 0–1 or a negative time is no figure at all. */
  if (self->answered_share > 1.0 || self->answered_share < 0.0)
    self->answered_share = -1;
  if (self->median_hours < 0.0)
    self->median_hours = -1;

  return g_steal_pointer (&self);
}

/**
 * msk_report_month_get_month:
 *
 * Returns: the month, as YYYY-MM
 */
const char *
msk_report_month_get_month (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), NULL);
  return self->month;
}

int
msk_report_month_get_year (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), 0);
  return self->year;
}

/**
 * msk_report_month_get_month_number:
 *
 * Returns: the month of the year, 1 to 12
 */
int
msk_report_month_get_month_number (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), 0);
  return self->month_number;
}

/**
 * msk_report_month_get_participants:
 *
 * Returns: how many distinct people took part that month
 */
gint64
msk_report_month_get_participants (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), 0);
  return self->participants;
}

/**
 * msk_report_month_get_contributions:
 *
 * Returns: everything sent that month: votes, answers, comments, ideas,
 *   supports, feedback and requests
 */
gint64
msk_report_month_get_contributions (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), 0);
  return self->contributions;
}

/**
 * msk_report_month_get_requests:
 *
 * Returns: the complaints, suggestions, information requests and appeals
 *   sent that month, which the body answers
 */
gint64
msk_report_month_get_requests (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), 0);
  return self->requests;
}

/**
 * msk_report_month_get_submissions:
 * @kind: a kind of submission ("ballots", "comments", "complaints", …)
 *
 * Returns: how many of @kind were sent that month; 0 for a kind the
 *   report does not list
 */
gint64
msk_report_month_get_submissions (MskReportMonth *self,
                                  const char     *kind)
{
  const gint64 *count;

  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), 0);

  count = g_hash_table_lookup (self->submissions, kind);
  return count != NULL ? *count : 0;
}

/**
 * msk_report_month_get_answered_share:
 *
 * Returns: the share (0 to 1) of the month's requests that are answered,
 *   or a negative number when there were none
 */
double
msk_report_month_get_answered_share (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), -1);
  return self->answered_share;
}

/**
 * msk_report_month_get_median_hours:
 *
 * Returns: the median time from request to answer, in hours, or a
 *   negative number when none was answered
 */
double
msk_report_month_get_median_hours (MskReportMonth *self)
{
  g_return_val_if_fail (MSK_IS_REPORT_MONTH (self), -1);
  return self->median_hours;
}
