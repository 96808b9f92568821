/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-poll.h"

/**
 * MskPoll:
 *
 * A poll: its question, its options, and the user's ballot when signed in.
 */
struct _MskPoll
{
  GObject parent_instance;

  gint64 id;
  char *status;  /* (owned) (nullable) */
  char *question;  /* (owned) (nullable) */
  gboolean multiple;
  gint64 max_choices;
  char *results_visibility;  /* (owned) (nullable) */
  GListStore *options;  /* (owned) */
  GArray *my_ballot;  /* (owned) (nullable) (element-type gint64) */
};

G_DEFINE_TYPE (MskPoll, msk_poll, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_QUESTION,
  PROP_MULTIPLE,
  PROP_MAX_CHOICES,
  PROP_RESULTS_VISIBILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_poll_finalize (GObject *object)
{
  MskPoll *self = MSK_POLL (object);

  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->results_visibility, g_free);
  g_clear_object (&self->options);
  g_clear_pointer (&self->my_ballot, g_array_unref);

  G_OBJECT_CLASS (msk_poll_parent_class)->finalize (object);
}

static void
msk_poll_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MskPoll *self = MSK_POLL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;
    case PROP_MULTIPLE:
      g_value_set_boolean (value, self->multiple);
      break;
    case PROP_MAX_CHOICES:
      g_value_set_int64 (value, self->max_choices);
      break;
    case PROP_RESULTS_VISIBILITY:
      g_value_set_string (value, self->results_visibility);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_poll_class_init (MskPollClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_poll_finalize;
  object_class->get_property = msk_poll_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MULTIPLE] =
    g_param_spec_boolean ("multiple", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_CHOICES] =
    g_param_spec_int64 ("max-choices", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULTS_VISIBILITY] =
    g_param_spec_string ("results-visibility", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_poll_init (MskPoll *self)
{
  self->options = g_list_store_new (MSK_TYPE_POLL_OPTION);
}

/**
 * msk_poll_new_from_json:
 * @node: the JSON of one poll
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the poll, or %NULL with an error
 */
MskPoll *
msk_poll_new_from_json (JsonNode    *node,
                        const char  *language,
                        GError     **error)
{
  g_autoptr(MskPoll) self = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  object = msk_json_node_get_object (node, "poll", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_POLL, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "status", TRUE, &text, error))
      return NULL;
    self->status = g_strdup (text);
  }
  if (!msk_json_read_localized (object, "question", TRUE, language, &self->question, error))
    return NULL;
  if (!msk_json_read_boolean (object, "multiple", TRUE, &self->multiple, error))
    return NULL;
  if (!msk_json_read_int (object, "max_choices", TRUE, &self->max_choices, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "results_visibility", FALSE, &text, error))
      return NULL;
    self->results_visibility = g_strdup (text);
  }
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
  array = NULL;
  if (!msk_json_read_array (object, "my_ballot", FALSE, &array, error))
    return NULL;
  if (array != NULL)
    {
      self->my_ballot = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 value;

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_INT64)
            {
              msk_json_set_invalid (error, "my_ballot: expected integers");
              return NULL;
            }
          value = json_node_get_int (element);
          g_array_append_val (self->my_ballot, value);
        }
    }

  return g_steal_pointer (&self);
}

gint64
msk_poll_get_id (MskPoll *self)
{
  g_return_val_if_fail (MSK_IS_POLL (self), 0);
  return self->id;
}

const char *
msk_poll_get_status (MskPoll *self)
{
  g_return_val_if_fail (MSK_IS_POLL (self), NULL);
  return self->status;
}

const char *
msk_poll_get_question (MskPoll *self)
{
  g_return_val_if_fail (MSK_IS_POLL (self), NULL);
  return self->question;
}

gboolean
msk_poll_get_multiple (MskPoll *self)
{
  g_return_val_if_fail (MSK_IS_POLL (self), FALSE);
  return self->multiple;
}

gint64
msk_poll_get_max_choices (MskPoll *self)
{
  g_return_val_if_fail (MSK_IS_POLL (self), 0);
  return self->max_choices;
}

const char *
msk_poll_get_results_visibility (MskPoll *self)
{
  g_return_val_if_fail (MSK_IS_POLL (self), NULL);
  return self->results_visibility;
}

/**
 * msk_poll_get_options:
 *
 * Returns: (transfer none): a #GListModel of #MskPollOption
 */
GListModel *
msk_poll_get_options (MskPoll *self)
{
  g_return_val_if_fail (MSK_IS_POLL (self), NULL);
  return G_LIST_MODEL (self->options);
}

/**
 * msk_poll_get_my_ballot:
 * @n_ids: (out): the number of ids
 *
 * Returns: (transfer none) (nullable) (array length=n_ids): the ids, or %NULL
 */
const gint64 *
msk_poll_get_my_ballot (MskPoll *self,
                        guint *n_ids)
{
  g_return_val_if_fail (MSK_IS_POLL (self), NULL);

  *n_ids = self->my_ballot != NULL ? self->my_ballot->len : 0;
  return self->my_ballot != NULL ? (const gint64 *) (gpointer) self->my_ballot->data : NULL;
}
