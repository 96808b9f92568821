/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-idea.h"

/**
 * MskIdea:
 *
 * An idea on an ideas topic.
 */
struct _MskIdea
{
  GObject parent_instance;

  gint64 id;
  gint64 topic_id;
  char *title;  /* (owned) (nullable) */
  char *body;  /* (owned) (nullable) */
  char *author;  /* (owned) (nullable) */
  gint64 support_count;
  gboolean supported_by_me;
  gboolean mine;
  GDateTime *created_at;  /* (owned) (nullable) */
};

G_DEFINE_TYPE (MskIdea, msk_idea, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOPIC_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_AUTHOR,
  PROP_SUPPORT_COUNT,
  PROP_SUPPORTED_BY_ME,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_idea_finalize (GObject *object)
{
  MskIdea *self = MSK_IDEA (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (msk_idea_parent_class)->finalize (object);
}

static void
msk_idea_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MskIdea *self = MSK_IDEA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TOPIC_ID:
      g_value_set_int64 (value, self->topic_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_SUPPORT_COUNT:
      g_value_set_int64 (value, self->support_count);
      break;
    case PROP_SUPPORTED_BY_ME:
      g_value_set_boolean (value, self->supported_by_me);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_idea_class_init (MskIdeaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_idea_finalize;
  object_class->get_property = msk_idea_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_ID] =
    g_param_spec_int64 ("topic-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUPPORT_COUNT] =
    g_param_spec_int64 ("support-count", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUPPORTED_BY_ME] =
    g_param_spec_boolean ("supported-by-me", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_idea_init (MskIdea *self)
{
}

/**
 * msk_idea_new_from_json:
 * @node: the JSON of one idea
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the idea, or %NULL with an error
 */
MskIdea *
msk_idea_new_from_json (JsonNode    *node,
                        const char  *language,
                        GError     **error)
{
  g_autoptr(MskIdea) self = NULL;
  JsonObject *object;
  JsonObject *sub = NULL;

  object = msk_json_node_get_object (node, "idea", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_IDEA, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  if (!msk_json_read_int (object, "topic_id", TRUE, &self->topic_id, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "title", TRUE, &text, error))
      return NULL;
    self->title = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "body", FALSE, &text, error))
      return NULL;
    self->body = g_strdup (text);
  }
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
  if (!msk_json_read_int (object, "support_count", FALSE, &self->support_count, error))
    return NULL;
  if (!msk_json_read_boolean (object, "supported_by_me", FALSE, &self->supported_by_me, error))
    return NULL;
  if (!msk_json_read_datetime (object, "created_at", FALSE, &self->created_at, error))
    return NULL;
  if (!msk_json_read_boolean (object, "mine", FALSE, &self->mine, error))
    return NULL;

  return g_steal_pointer (&self);
}

gint64
msk_idea_get_id (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), 0);
  return self->id;
}

gint64
msk_idea_get_topic_id (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), 0);
  return self->topic_id;
}

const char *
msk_idea_get_title (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), NULL);
  return self->title;
}

const char *
msk_idea_get_body (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), NULL);
  return self->body;
}

const char *
msk_idea_get_author (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), NULL);
  return self->author;
}

gint64
msk_idea_get_support_count (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), 0);
  return self->support_count;
}

gboolean
msk_idea_get_supported_by_me (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), FALSE);
  return self->supported_by_me;
}

GDateTime *
msk_idea_get_created_at (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), NULL);
  return self->created_at;
}

/**
 * msk_idea_get_mine:
 *
 * Returns: whether the idea was sent by the account signed in
 */
gboolean
msk_idea_get_mine (MskIdea *self)
{
  g_return_val_if_fail (MSK_IS_IDEA (self), FALSE);
  return self->mine;
}
