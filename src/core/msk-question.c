/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-question.h"

/**
 * MskQuestion:
 *
 * A survey question. The type is single_option, multiple_option, rating,
 * yes_no, short_answer or long_answer.
 */
struct _MskQuestion
{
  GObject parent_instance;

  gint64 id;
  gint64 position;
  char *question_type;  /* (owned) (nullable) */
  gboolean required;
  char *prompt;  /* (owned) (nullable) */
  char *help;  /* (owned) (nullable) */
  gint64 max_length;
  gint64 min;
  gint64 max;
  GListStore *options;  /* (owned) */
};

G_DEFINE_TYPE (MskQuestion, msk_question, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_POSITION,
  PROP_QUESTION_TYPE,
  PROP_REQUIRED,
  PROP_PROMPT,
  PROP_HELP,
  PROP_MAX_LENGTH,
  PROP_MIN,
  PROP_MAX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_question_finalize (GObject *object)
{
  MskQuestion *self = MSK_QUESTION (object);

  g_clear_pointer (&self->question_type, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->help, g_free);
  g_clear_object (&self->options);

  G_OBJECT_CLASS (msk_question_parent_class)->finalize (object);
}

static void
msk_question_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MskQuestion *self = MSK_QUESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_POSITION:
      g_value_set_int64 (value, self->position);
      break;
    case PROP_QUESTION_TYPE:
      g_value_set_string (value, self->question_type);
      break;
    case PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;
    case PROP_HELP:
      g_value_set_string (value, self->help);
      break;
    case PROP_MAX_LENGTH:
      g_value_set_int64 (value, self->max_length);
      break;
    case PROP_MIN:
      g_value_set_int64 (value, self->min);
      break;
    case PROP_MAX:
      g_value_set_int64 (value, self->max);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_question_class_init (MskQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_question_finalize;
  object_class->get_property = msk_question_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUESTION_TYPE] =
    g_param_spec_string ("question-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUIRED] =
    g_param_spec_boolean ("required", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HELP] =
    g_param_spec_string ("help", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_LENGTH] =
    g_param_spec_int64 ("max-length", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MIN] =
    g_param_spec_int64 ("min", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX] =
    g_param_spec_int64 ("max", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_question_init (MskQuestion *self)
{
  self->options = g_list_store_new (MSK_TYPE_POLL_OPTION);
}

/**
 * msk_question_new_from_json:
 * @node: the JSON of one question
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the question, or %NULL with an error
 */
MskQuestion *
msk_question_new_from_json (JsonNode    *node,
                            const char  *language,
                            GError     **error)
{
  g_autoptr(MskQuestion) self = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  object = msk_json_node_get_object (node, "question", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_QUESTION, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  if (!msk_json_read_int (object, "position", FALSE, &self->position, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "type", TRUE, &text, error))
      return NULL;
    self->question_type = g_strdup (text);
  }
  if (!msk_json_read_boolean (object, "required", TRUE, &self->required, error))
    return NULL;
  if (!msk_json_read_localized (object, "prompt", TRUE, language, &self->prompt, error))
    return NULL;
  if (!msk_json_read_localized (object, "help", FALSE, language, &self->help, error))
    return NULL;
  if (!msk_json_read_int (object, "max_length", FALSE, &self->max_length, error))
    return NULL;
  if (!msk_json_read_int (object, "min", FALSE, &self->min, error))
    return NULL;
  if (!msk_json_read_int (object, "max", FALSE, &self->max, error))
    return NULL;
  array = NULL;
  if (!msk_json_read_array (object, "options", FALSE, &array, error))
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
msk_question_get_id (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), 0);
  return self->id;
}

gint64
msk_question_get_position (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), 0);
  return self->position;
}

const char *
msk_question_get_question_type (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), NULL);
  return self->question_type;
}

gboolean
msk_question_get_required (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), FALSE);
  return self->required;
}

const char *
msk_question_get_prompt (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), NULL);
  return self->prompt;
}

const char *
msk_question_get_help (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), NULL);
  return self->help;
}

gint64
msk_question_get_max_length (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), 0);
  return self->max_length;
}

gint64
msk_question_get_min (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), 0);
  return self->min;
}

gint64
msk_question_get_max (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), 0);
  return self->max;
}

/**
 * msk_question_get_options:
 *
 * Returns: (transfer none): a #GListModel of #MskPollOption
 */
GListModel *
msk_question_get_options (MskQuestion *self)
{
  g_return_val_if_fail (MSK_IS_QUESTION (self), NULL);
  return G_LIST_MODEL (self->options);
}
