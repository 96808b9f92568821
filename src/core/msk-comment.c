/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-comment.h"

/**
 * MskComment:
 *
 * A comment. New comments are pending until a moderator publishes or rejects them.
 */
struct _MskComment
{
  GObject parent_instance;

  gint64 id;
  gint64 topic_id;
  gint64 parent_id;
  gint64 depth;
  char *author;  /* (owned) (nullable) */
  char *body;  /* (owned) (nullable) */
  char *status;  /* (owned) (nullable) */
  char *reject_reason;  /* (owned) (nullable) */
  GDateTime *created_at;  /* (owned) (nullable) */
  gboolean mine;
  char *topic_title;  /* (owned) (nullable): in the moderators' queue */
  gboolean assisted;  /* made with help at a service center (moderators see it) */
  char *assisted_by;  /* (owned) (nullable): the staff member who helped */
};

G_DEFINE_TYPE (MskComment, msk_comment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOPIC_ID,
  PROP_PARENT_ID,
  PROP_DEPTH,
  PROP_AUTHOR,
  PROP_BODY,
  PROP_STATUS,
  PROP_REJECT_REASON,
  PROP_CREATED_AT,
  PROP_MINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_comment_finalize (GObject *object)
{
  MskComment *self = MSK_COMMENT (object);

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->reject_reason, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  g_free (self->topic_title);
  g_free (self->assisted_by);

  G_OBJECT_CLASS (msk_comment_parent_class)->finalize (object);
}

static void
msk_comment_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MskComment *self = MSK_COMMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TOPIC_ID:
      g_value_set_int64 (value, self->topic_id);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case PROP_DEPTH:
      g_value_set_int64 (value, self->depth);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_REJECT_REASON:
      g_value_set_string (value, self->reject_reason);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_MINE:
      g_value_set_boolean (value, self->mine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_comment_class_init (MskCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_comment_finalize;
  object_class->get_property = msk_comment_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_ID] =
    g_param_spec_int64 ("topic-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] =
    g_param_spec_int64 ("depth", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECT_REASON] =
    g_param_spec_string ("reject-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINE] =
    g_param_spec_boolean ("mine", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_comment_init (MskComment *self)
{
}

/**
 * msk_comment_new_from_json:
 * @node: the JSON of one comment
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the comment, or %NULL with an error
 */
MskComment *
msk_comment_new_from_json (JsonNode    *node,
                           const char  *language,
                           GError     **error)
{
  g_autoptr(MskComment) self = NULL;
  JsonObject *object;
  JsonObject *sub = NULL;

  object = msk_json_node_get_object (node, "comment", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_COMMENT, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  if (!msk_json_read_int (object, "topic_id", TRUE, &self->topic_id, error))
    return NULL;
  if (!msk_json_read_int (object, "parent_id", FALSE, &self->parent_id, error))
    return NULL;
  if (!msk_json_read_int (object, "depth", FALSE, &self->depth, error))
    return NULL;
  sub = NULL;
  if (!msk_json_read_object (object, "author", FALSE, &sub, error))
    return NULL;
  if (sub != NULL)
    {
      {
        const char *text = NULL;

        if (!msk_json_read_string (sub, "display_name", FALSE, &text, error))
          return NULL;
        self->author = g_strdup (text);
      }
    }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "body", TRUE, &text, error))
      return NULL;
    self->body = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "status", TRUE, &text, error))
      return NULL;
    self->status = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "reject_reason", FALSE, &text, error))
      return NULL;
    self->reject_reason = g_strdup (text);
  }
  if (!msk_json_read_datetime (object, "created_at", TRUE, &self->created_at, error))
    return NULL;
  if (!msk_json_read_boolean (object, "mine", FALSE, &self->mine, error))
    return NULL;
  if (!msk_json_read_localized (object, "topic_title", FALSE, language, &self->topic_title, error))
    return NULL;
  if (!msk_json_read_boolean (object, "assisted", FALSE, &self->assisted, error))
    return NULL;
  {
    JsonObject *staff = NULL;
    const char *text = NULL;

    if (!msk_json_read_object (object, "assisted_by", FALSE, &staff, error)
        || (staff != NULL && !msk_json_read_string (staff, "display_name", FALSE, &text, error)))
      return NULL;
    self->assisted_by = g_strdup (text);
  }

  return g_steal_pointer (&self);
}

gint64
msk_comment_get_id (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), 0);
  return self->id;
}

gint64
msk_comment_get_topic_id (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), 0);
  return self->topic_id;
}

gint64
msk_comment_get_parent_id (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), 0);
  return self->parent_id;
}

gint64
msk_comment_get_depth (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), 0);
  return self->depth;
}

const char *
msk_comment_get_author (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), NULL);
  return self->author;
}

const char *
msk_comment_get_body (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), NULL);
  return self->body;
}

const char *
msk_comment_get_status (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), NULL);
  return self->status;
}

const char *
msk_comment_get_reject_reason (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), NULL);
  return self->reject_reason;
}

GDateTime *
msk_comment_get_created_at (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), NULL);
  return self->created_at;
}

gboolean
msk_comment_get_mine (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), FALSE);
  return self->mine;
}

/**
 * msk_comment_get_topic_title:
 *
 * Returns: (nullable): the title of the comment's topic, which the
 *   moderators' queue gives with each comment
 */
const char *
msk_comment_get_topic_title (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), NULL);
  return self->topic_title;
}

/**
 * msk_comment_get_assisted:
 *
 * Returns: whether the comment was made in an assisted session at a
 *   service center (the moderators' queue says it)
 */
gboolean
msk_comment_get_assisted (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), FALSE);
  return self->assisted;
}

/**
 * msk_comment_get_assisted_by:
 *
 * Returns: (nullable): the name of the staff member who helped
 */
const char *
msk_comment_get_assisted_by (MskComment *self)
{
  g_return_val_if_fail (MSK_IS_COMMENT (self), NULL);
  return self->assisted_by;
}
