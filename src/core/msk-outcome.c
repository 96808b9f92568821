/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-outcome.h"

/**
 * MskOutcome:
 *
 * A published outcome ("you said, we did").
 */
struct _MskOutcome
{
  GObject parent_instance;

  gint64 id;
  gint64 topic_id;
  char *topic_title;  /* (owned) (nullable) */
  char *decision;  /* (owned) (nullable) */
  gint64 progress;
  GDateTime *published_at;  /* (owned) (nullable) */
};

G_DEFINE_TYPE (MskOutcome, msk_outcome, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOPIC_ID,
  PROP_TOPIC_TITLE,
  PROP_DECISION,
  PROP_PROGRESS,
  PROP_PUBLISHED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_outcome_finalize (GObject *object)
{
  MskOutcome *self = MSK_OUTCOME (object);

  g_clear_pointer (&self->topic_title, g_free);
  g_clear_pointer (&self->decision, g_free);
  g_clear_pointer (&self->published_at, g_date_time_unref);

  G_OBJECT_CLASS (msk_outcome_parent_class)->finalize (object);
}

static void
msk_outcome_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MskOutcome *self = MSK_OUTCOME (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TOPIC_ID:
      g_value_set_int64 (value, self->topic_id);
      break;
    case PROP_TOPIC_TITLE:
      g_value_set_string (value, self->topic_title);
      break;
    case PROP_DECISION:
      g_value_set_string (value, self->decision);
      break;
    case PROP_PROGRESS:
      g_value_set_int64 (value, self->progress);
      break;
    case PROP_PUBLISHED_AT:
      g_value_set_boxed (value, self->published_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_outcome_class_init (MskOutcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_outcome_finalize;
  object_class->get_property = msk_outcome_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_ID] =
    g_param_spec_int64 ("topic-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_TITLE] =
    g_param_spec_string ("topic-title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DECISION] =
    g_param_spec_string ("decision", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_int64 ("progress", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHED_AT] =
    g_param_spec_boxed ("published-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_outcome_init (MskOutcome *self)
{
}

static const MskJsonField outcome_fields[] = {
  { "id", MSK_JSON_FIELD_INT, TRUE, G_STRUCT_OFFSET (MskOutcome, id) },
  { "topic_id", MSK_JSON_FIELD_INT, TRUE, G_STRUCT_OFFSET (MskOutcome, topic_id) },
  { "topic_title", MSK_JSON_FIELD_LOCALIZED, TRUE, G_STRUCT_OFFSET (MskOutcome, topic_title) },
  { "decision", MSK_JSON_FIELD_LOCALIZED, TRUE, G_STRUCT_OFFSET (MskOutcome, decision) },
  { "progress", MSK_JSON_FIELD_INT, FALSE, G_STRUCT_OFFSET (MskOutcome, progress) },
  { "published_at", MSK_JSON_FIELD_DATETIME, FALSE, G_STRUCT_OFFSET (MskOutcome, published_at) },
};

/**
 * msk_outcome_new_from_json:
 * @node: the JSON of one outcome
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the outcome, or %NULL with an error
 */
MskOutcome *
msk_outcome_new_from_json (JsonNode    *node,
                           const char  *language,
                           GError     **error)
{
  g_autoptr(MskOutcome) self = NULL;
  JsonObject *object;

  object = msk_json_node_get_object (node, "outcome", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_OUTCOME, NULL);
  if (!msk_json_read_fields (object, outcome_fields, G_N_ELEMENTS (outcome_fields), language,
                             self, error))
    return NULL;
  self->progress = CLAMP (self->progress, 0, 100);

  return g_steal_pointer (&self);
}

gint64
msk_outcome_get_id (MskOutcome *self)
{
  g_return_val_if_fail (MSK_IS_OUTCOME (self), 0);
  return self->id;
}

gint64
msk_outcome_get_topic_id (MskOutcome *self)
{
  g_return_val_if_fail (MSK_IS_OUTCOME (self), 0);
  return self->topic_id;
}

const char *
msk_outcome_get_topic_title (MskOutcome *self)
{
  g_return_val_if_fail (MSK_IS_OUTCOME (self), NULL);
  return self->topic_title;
}

const char *
msk_outcome_get_decision (MskOutcome *self)
{
  g_return_val_if_fail (MSK_IS_OUTCOME (self), NULL);
  return self->decision;
}

/**
 * msk_outcome_get_progress:
 *
 * Returns: how far what was decided is carried out, in percent (0 to 100;
 *   a portal's figure outside that range is clamped)
 */
gint64
msk_outcome_get_progress (MskOutcome *self)
{
  g_return_val_if_fail (MSK_IS_OUTCOME (self), 0);
  return self->progress;
}

GDateTime *
msk_outcome_get_published_at (MskOutcome *self)
{
  g_return_val_if_fail (MSK_IS_OUTCOME (self), NULL);
  return self->published_at;
}
