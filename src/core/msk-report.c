/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-report.h"

/**
 * MskReport:
 *
 * A public body's participation report: one #MskReportMonth per calendar
 * month from @from to @to, oldest first. Aggregated figures, no personal
 * data.
 */
struct _MskReport
{
  GObject parent_instance;

  gint64 entity_id;
  char *from;  /* (owned): YYYY-MM */
  char *to;  /* (owned): YYYY-MM */
  GListStore *months;  /* (owned) (element-type MskReportMonth) */
};

G_DEFINE_FINAL_TYPE (MskReport, msk_report, G_TYPE_OBJECT)

static const MskJsonField report_fields[] = {
  { "entity_id", MSK_JSON_FIELD_INT, TRUE, G_STRUCT_OFFSET (MskReport, entity_id) },
  { "from", MSK_JSON_FIELD_STRING, TRUE, G_STRUCT_OFFSET (MskReport, from) },
  { "to", MSK_JSON_FIELD_STRING, TRUE, G_STRUCT_OFFSET (MskReport, to) },
};

static void
msk_report_finalize (GObject *object)
{
  MskReport *self = MSK_REPORT (object);

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_object (&self->months);

  G_OBJECT_CLASS (msk_report_parent_class)->finalize (object);
}

static void
msk_report_class_init (MskReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_report_finalize;
}

static void
msk_report_init (MskReport *self)
{
  self->months = g_list_store_new (MSK_TYPE_REPORT_MONTH);
}

/**
 * msk_report_new_from_json:
 * @node: the JSON of one report
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Returns: (transfer full): the report, or %NULL with an error
 */
MskReport *
msk_report_new_from_json (JsonNode    *node,
                          const char  *language,
                          GError     **error)
{
  g_autoptr(MskReport) self = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  object = msk_json_node_get_object (node, "report", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_REPORT, NULL);
  if (!msk_json_read_fields (object, report_fields, G_N_ELEMENTS (report_fields), language, self,
                             error))
    return NULL;
  if (!msk_json_read_array (object, "months", TRUE, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(MskReportMonth) month = NULL;

      month = msk_report_month_new_from_json (json_array_get_element (array, i), language, error);
      if (month == NULL)
        return NULL;
      g_list_store_append (self->months, month);
    }

  return g_steal_pointer (&self);
}

gint64
msk_report_get_entity_id (MskReport *self)
{
  g_return_val_if_fail (MSK_IS_REPORT (self), 0);
  return self->entity_id;
}

/**
 * msk_report_get_from:
 *
 * Returns: the first month of the report, as YYYY-MM
 */
const char *
msk_report_get_from (MskReport *self)
{
  g_return_val_if_fail (MSK_IS_REPORT (self), NULL);
  return self->from;
}

/**
 * msk_report_get_to:
 *
 * Returns: the last month of the report, as YYYY-MM
 */
const char *
msk_report_get_to (MskReport *self)
{
  g_return_val_if_fail (MSK_IS_REPORT (self), NULL);
  return self->to;
}

/**
 * msk_report_get_months:
 *
 * Returns: (transfer none): a #GListModel of #MskReportMonth, oldest first
 */
GListModel *
msk_report_get_months (MskReport *self)
{
  g_return_val_if_fail (MSK_IS_REPORT (self), NULL);
  return G_LIST_MODEL (self->months);
}
