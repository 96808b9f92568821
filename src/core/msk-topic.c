/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-topic.h"

/**
 * MskTopic:
 *
 * A consultation topic: a consultation, a poll, a survey or a call for ideas.
 * The summary of a list carries no body, speech or poll; the full topic does.
 */
struct _MskTopic
{
  GObject parent_instance;

  gint64 id;
  gint64 entity_id;
  char *kind;  /* (owned) (nullable) */
  char *status;  /* (owned) (nullable) */
  char *title;  /* (owned) (nullable): may hold simple HTML */
  char *title_text;  /* (owned) (nullable): never holds markup */
  char *summary;  /* (owned) (nullable): may hold simple HTML */
  char *summary_text;  /* (owned) (nullable): never holds markup */
  char *body;  /* (owned) (nullable): may hold simple HTML */
  char *body_text;  /* (owned) (nullable): never holds markup */
  char *speech;  /* (owned) (nullable) */
  GDateTime *opens_at;  /* (owned) (nullable) */
  GDateTime *closes_at;  /* (owned) (nullable) */
  GDateTime *feedback_due;  /* (owned) (nullable) */
  GDateTime *results_published_at;  /* (owned) (nullable) */
  gint64 comment_count;
  GDateTime *updated_at;  /* (owned) (nullable) */
  GListStore *images;  /* (owned) */
  MskPoll *poll;  /* (owned) (nullable) */
};

G_DEFINE_TYPE (MskTopic, msk_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ENTITY_ID,
  PROP_KIND,
  PROP_STATUS,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_BODY,
  PROP_SPEECH,
  PROP_OPENS_AT,
  PROP_CLOSES_AT,
  PROP_FEEDBACK_DUE,
  PROP_RESULTS_PUBLISHED_AT,
  PROP_COMMENT_COUNT,
  PROP_UPDATED_AT,
  PROP_TITLE_TEXT,
  PROP_SUMMARY_TEXT,
  PROP_BODY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_topic_finalize (GObject *object)
{
  MskTopic *self = MSK_TOPIC (object);

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->title_text, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->summary_text, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->body_text, g_free);
  g_clear_pointer (&self->speech, g_free);
  g_clear_pointer (&self->opens_at, g_date_time_unref);
  g_clear_pointer (&self->closes_at, g_date_time_unref);
  g_clear_pointer (&self->feedback_due, g_date_time_unref);
  g_clear_pointer (&self->results_published_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_object (&self->images);
  g_clear_object (&self->poll);

  G_OBJECT_CLASS (msk_topic_parent_class)->finalize (object);
}

static void
msk_topic_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MskTopic *self = MSK_TOPIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ENTITY_ID:
      g_value_set_int64 (value, self->entity_id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TITLE_TEXT:
      g_value_set_string (value, self->title_text);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_SUMMARY_TEXT:
      g_value_set_string (value, self->summary_text);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_BODY_TEXT:
      g_value_set_string (value, self->body_text);
      break;
    case PROP_SPEECH:
      g_value_set_string (value, self->speech);
      break;
    case PROP_OPENS_AT:
      g_value_set_boxed (value, self->opens_at);
      break;
    case PROP_CLOSES_AT:
      g_value_set_boxed (value, self->closes_at);
      break;
    case PROP_FEEDBACK_DUE:
      g_value_set_boxed (value, self->feedback_due);
      break;
    case PROP_RESULTS_PUBLISHED_AT:
      g_value_set_boxed (value, self->results_published_at);
      break;
    case PROP_COMMENT_COUNT:
      g_value_set_int64 (value, self->comment_count);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_topic_class_init (MskTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_topic_finalize;
  object_class->get_property = msk_topic_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY_ID] =
    g_param_spec_int64 ("entity-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE_TEXT] =
    g_param_spec_string ("title-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY_TEXT] =
    g_param_spec_string ("summary-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY_TEXT] =
    g_param_spec_string ("body-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEECH] =
    g_param_spec_string ("speech", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPENS_AT] =
    g_param_spec_boxed ("opens-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSES_AT] =
    g_param_spec_boxed ("closes-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEEDBACK_DUE] =
    g_param_spec_boxed ("feedback-due", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULTS_PUBLISHED_AT] =
    g_param_spec_boxed ("results-published-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMENT_COUNT] =
    g_param_spec_int64 ("comment-count", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_topic_init (MskTopic *self)
{
  self->images = g_list_store_new (MSK_TYPE_IMAGE);
}

/**
 * msk_topic_new_from_json:
 * @node: the JSON of one topic
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the topic, or %NULL with an error
 */
MskTopic *
msk_topic_new_from_json (JsonNode    *node,
                         const char  *language,
                         GError     **error)
{
  g_autoptr(MskTopic) self = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  object = msk_json_node_get_object (node, "topic", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_TOPIC, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  if (!msk_json_read_int (object, "entity_id", TRUE, &self->entity_id, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "kind", TRUE, &text, error))
      return NULL;
    self->kind = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "status", TRUE, &text, error))
      return NULL;
    self->status = g_strdup (text);
  }
  if (!msk_json_read_localized (object, "title", TRUE, language, &self->title, error)
      || !msk_json_read_localized (object, "title_text", FALSE, language, &self->title_text,
                                   error))
    return NULL;
  if (self->title_text == NULL)
    self->title_text = msk_json_plain_text (self->title);
  if (!msk_json_read_localized (object, "summary", TRUE, language, &self->summary, error)
      || !msk_json_read_localized (object, "summary_text", FALSE, language, &self->summary_text,
                                   error))
    return NULL;
  if (self->summary_text == NULL)
    self->summary_text = msk_json_plain_text (self->summary);
  if (!msk_json_read_localized (object, "body", FALSE, language, &self->body, error)
      || !msk_json_read_localized (object, "body_text", FALSE, language, &self->body_text,
                                   error))
    return NULL;
  if (self->body_text == NULL)
    self->body_text = msk_json_plain_text (self->body);
  if (!msk_json_read_localized (object, "speech", FALSE, language, &self->speech, error))
    return NULL;
  if (!msk_json_read_datetime (object, "opens_at", TRUE, &self->opens_at, error))
    return NULL;
  if (!msk_json_read_datetime (object, "closes_at", TRUE, &self->closes_at, error))
    return NULL;
  if (!msk_json_read_datetime (object, "feedback_due", FALSE, &self->feedback_due, error))
    return NULL;
  if (!msk_json_read_datetime (object, "results_published_at", FALSE, &self->results_published_at,
                               error))
    return NULL;
  if (!msk_json_read_int (object, "comment_count", FALSE, &self->comment_count, error))
    return NULL;
  if (!msk_json_read_datetime (object, "updated_at", FALSE, &self->updated_at, error))
    return NULL;
  array = NULL;
  if (!msk_json_read_array (object, "images", FALSE, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(MskImage) item = NULL;

      item = msk_image_new_from_json (json_array_get_element (array, i), language, error);
      if (item == NULL)
        return NULL;
      g_list_store_append (self->images, item);
    }
  {
    JsonNode *member = json_object_get_member (object, "poll");

    if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
      {
        self->poll = msk_poll_new_from_json (member, language, error);
        if (self->poll == NULL)
          return NULL;
      }
  }

  return g_steal_pointer (&self);
}

gint64
msk_topic_get_id (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), 0);
  return self->id;
}

gint64
msk_topic_get_entity_id (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), 0);
  return self->entity_id;
}

const char *
msk_topic_get_kind (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->kind;
}

const char *
msk_topic_get_status (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->status;
}

const char *
msk_topic_get_title (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->title;
}

const char *
msk_topic_get_title_text (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->title_text;
}

const char *
msk_topic_get_summary (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->summary;
}

const char *
msk_topic_get_summary_text (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->summary_text;
}

const char *
msk_topic_get_body (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->body;
}

const char *
msk_topic_get_body_text (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->body_text;
}

const char *
msk_topic_get_speech (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->speech;
}

GDateTime *
msk_topic_get_opens_at (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->opens_at;
}

GDateTime *
msk_topic_get_closes_at (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->closes_at;
}

GDateTime *
msk_topic_get_feedback_due (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->feedback_due;
}

GDateTime *
msk_topic_get_results_published_at (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->results_published_at;
}

gint64
msk_topic_get_comment_count (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), 0);
  return self->comment_count;
}

GDateTime *
msk_topic_get_updated_at (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->updated_at;
}

/**
 * msk_topic_get_images:
 *
 * Returns: (transfer none): a #GListModel of #MskImage
 */
GListModel *
msk_topic_get_images (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return G_LIST_MODEL (self->images);
}

/**
 * msk_topic_get_poll:
 *
 * Returns: (transfer none) (nullable): the poll
 */
MskPoll *
msk_topic_get_poll (MskTopic *self)
{
  g_return_val_if_fail (MSK_IS_TOPIC (self), NULL);
  return self->poll;
}
