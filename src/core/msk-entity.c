/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-entity.h"

/**
 * MskEntity:
 *
 * A body that a portal hosts (a municipality, an emirate, a ministry).
 */
struct _MskEntity
{
  GObject parent_instance;

  gint64 id;
  char *kind;  /* (owned) (nullable) */
  char *name;  /* (owned) (nullable) */
  char *description;  /* (owned) (nullable) */
  char *website;  /* (owned) (nullable) */
  char *jurisdiction_id;  /* (owned) (nullable) */
};

G_DEFINE_TYPE (MskEntity, msk_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_WEBSITE,
  PROP_JURISDICTION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_entity_finalize (GObject *object)
{
  MskEntity *self = MSK_ENTITY (object);

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->website, g_free);
  g_clear_pointer (&self->jurisdiction_id, g_free);

  G_OBJECT_CLASS (msk_entity_parent_class)->finalize (object);
}

static void
msk_entity_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MskEntity *self = MSK_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_WEBSITE:
      g_value_set_string (value, self->website);
      break;
    case PROP_JURISDICTION_ID:
      g_value_set_string (value, self->jurisdiction_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_entity_class_init (MskEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_entity_finalize;
  object_class->get_property = msk_entity_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_JURISDICTION_ID] =
    g_param_spec_string ("jurisdiction-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_entity_init (MskEntity *self)
{
}

/**
 * msk_entity_new_from_json:
 * @node: the JSON of one entity
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the entity, or %NULL with an error
 */
MskEntity *
msk_entity_new_from_json (JsonNode    *node,
                          const char  *language,
                          GError     **error)
{
  g_autoptr(MskEntity) self = NULL;
  JsonObject *object;

  object = msk_json_node_get_object (node, "entity", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_ENTITY, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "kind", TRUE, &text, error))
      return NULL;
    self->kind = g_strdup (text);
  }
  if (!msk_json_read_localized (object, "name", TRUE, language, &self->name, error))
    return NULL;
  if (!msk_json_read_localized (object, "description", TRUE, language, &self->description, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "website", FALSE, &text, error))
      return NULL;
    self->website = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "jurisdiction_id", FALSE, &text, error))
      return NULL;
    self->jurisdiction_id = g_strdup (text);
  }

  return g_steal_pointer (&self);
}

gint64
msk_entity_get_id (MskEntity *self)
{
  g_return_val_if_fail (MSK_IS_ENTITY (self), 0);
  return self->id;
}

const char *
msk_entity_get_kind (MskEntity *self)
{
  g_return_val_if_fail (MSK_IS_ENTITY (self), NULL);
  return self->kind;
}

const char *
msk_entity_get_name (MskEntity *self)
{
  g_return_val_if_fail (MSK_IS_ENTITY (self), NULL);
  return self->name;
}

const char *
msk_entity_get_description (MskEntity *self)
{
  g_return_val_if_fail (MSK_IS_ENTITY (self), NULL);
  return self->description;
}

const char *
msk_entity_get_website (MskEntity *self)
{
  g_return_val_if_fail (MSK_IS_ENTITY (self), NULL);
  return self->website;
}

const char *
msk_entity_get_jurisdiction_id (MskEntity *self)
{
  g_return_val_if_fail (MSK_IS_ENTITY (self), NULL);
  return self->jurisdiction_id;
}
