/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-poll-results.h"

/**
 * MskPollResults:
 *
 * The counts of a poll.
 */
struct _MskPollResults
{
  GObject parent_instance;

  gint64 poll_id;
  char *status;  /* (owned) (nullable) */
  gint64 total_ballots;
  GListStore *options;  /* (owned) */
};

G_DEFINE_TYPE (MskPollResults, msk_poll_results, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POLL_ID,
  PROP_STATUS,
  PROP_TOTAL_BALLOTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_poll_results_finalize (GObject *object)
{
  MskPollResults *self = MSK_POLL_RESULTS (object);

  g_clear_pointer (&self->status, g_free);
  g_clear_object (&self->options);

  G_OBJECT_CLASS (msk_poll_results_parent_class)->finalize (object);
}

static void
msk_poll_results_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MskPollResults *self = MSK_POLL_RESULTS (object);

  switch (prop_id)
    {
    case PROP_POLL_ID:
      g_value_set_int64 (value, self->poll_id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_TOTAL_BALLOTS:
      g_value_set_int64 (value, self->total_ballots);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_poll_results_class_init (MskPollResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_poll_results_finalize;
  object_class->get_property = msk_poll_results_get_property;

  properties[PROP_POLL_ID] =
    g_param_spec_int64 ("poll-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_BALLOTS] =
    g_param_spec_int64 ("total-ballots", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_poll_results_init (MskPollResults *self)
{
  self->options = g_list_store_new (MSK_TYPE_POLL_OPTION);
}

/**
 * msk_poll_results_new_from_json:
 * @node: the JSON of one poll results
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the poll results, or %NULL with an error
 */
MskPollResults *
msk_poll_results_new_from_json (JsonNode    *node,
                                const char  *language,
                                GError     **error)
{
  g_autoptr(MskPollResults) self = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  object = msk_json_node_get_object (node, "poll results", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_POLL_RESULTS, NULL);

  if (!msk_json_read_int (object, "poll_id", TRUE, &self->poll_id, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "status", TRUE, &text, error))
      return NULL;
    self->status = g_strdup (text);
  }
  if (!msk_json_read_int (object, "total_ballots", TRUE, &self->total_ballots, error))
    return NULL;
  array = NULL;
  if (!msk_json_read_array (object, "options", TRUE, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(MskPollOption) item = NULL;

      item = msk_poll_option_new_from_json (json_array_get_element (array, i), language, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (self->options, item);
    }

  return g_steal_pointer (&self);
}

gint64
msk_poll_results_get_poll_id (MskPollResults *self)
{
  g_return_val_if_fail (MSK_IS_POLL_RESULTS (self), 0);
  return self->poll_id;
}

const char *
msk_poll_results_get_status (MskPollResults *self)
{
  g_return_val_if_fail (MSK_IS_POLL_RESULTS (self), NULL);
  return self->status;
}

gint64
msk_poll_results_get_total_ballots (MskPollResults *self)
{
  g_return_val_if_fail (MSK_IS_POLL_RESULTS (self), 0);
  return self->total_ballots;
}

/**
 * msk_poll_results_get_options:
 *
 * Returns: (transfer none): a #GListModel of #MskPollOption
 */
GListModel *
msk_poll_results_get_options (MskPollResults *self)
{
  g_return_val_if_fail (MSK_IS_POLL_RESULTS (self), NULL);
  return G_LIST_MODEL (self->options);
}
