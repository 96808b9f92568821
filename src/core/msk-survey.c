/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-survey.h"

/**
 * MskSurvey:
 *
 * A survey and its questions.
 */
struct _MskSurvey
{
  GObject parent_instance;

  gint64 id;
  char *status;  /* (owned) (nullable) */
  char *title;  /* (owned) (nullable) */
  GListStore *questions;  /* (owned) */
  gboolean responded;
};

G_DEFINE_TYPE (MskSurvey, msk_survey, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_TITLE,
  PROP_RESPONDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_survey_finalize (GObject *object)
{
  MskSurvey *self = MSK_SURVEY (object);

  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->questions);

  G_OBJECT_CLASS (msk_survey_parent_class)->finalize (object);
}

static void
msk_survey_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MskSurvey *self = MSK_SURVEY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_RESPONDED:
      g_value_set_boolean (value, self->responded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_survey_class_init (MskSurveyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_survey_finalize;
  object_class->get_property = msk_survey_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESPONDED] =
    g_param_spec_boolean ("responded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_survey_init (MskSurvey *self)
{
  self->questions = g_list_store_new (MSK_TYPE_QUESTION);
}

/**
 * msk_survey_new_from_json:
 * @node: the JSON of one survey
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the survey, or %NULL with an error
 */
MskSurvey *
msk_survey_new_from_json (JsonNode    *node,
                          const char  *language,
                          GError     **error)
{
  g_autoptr(MskSurvey) self = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  object = msk_json_node_get_object (node, "survey", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_SURVEY, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "status", TRUE, &text, error))
      return NULL;
    self->status = g_strdup (text);
  }
  if (!msk_json_read_localized (object, "title", TRUE, language, &self->title, error))
    return NULL;
  array = NULL;
  if (!msk_json_read_array (object, "questions", TRUE, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(MskQuestion) item = NULL;

      item = msk_question_new_from_json (json_array_get_element (array, i), language, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (self->questions, item);
    }
  if (!msk_json_read_boolean (object, "responded", FALSE, &self->responded, error))
    return NULL;

  return g_steal_pointer (&self);
}

gint64
msk_survey_get_id (MskSurvey *self)
{
  g_return_val_if_fail (MSK_IS_SURVEY (self), 0);
  return self->id;
}

const char *
msk_survey_get_status (MskSurvey *self)
{
  g_return_val_if_fail (MSK_IS_SURVEY (self), NULL);
  return self->status;
}

const char *
msk_survey_get_title (MskSurvey *self)
{
  g_return_val_if_fail (MSK_IS_SURVEY (self), NULL);
  return self->title;
}

/**
 * msk_survey_get_questions:
 *
 * Returns: (transfer none): a #GListModel of #MskQuestion
 */
GListModel *
msk_survey_get_questions (MskSurvey *self)
{
  g_return_val_if_fail (MSK_IS_SURVEY (self), NULL);
  return G_LIST_MODEL (self->questions);
}

gboolean
msk_survey_get_responded (MskSurvey *self)
{
  g_return_val_if_fail (MSK_IS_SURVEY (self), FALSE);
  return self->responded;
}
