/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-service.h"

/**
 * MskService:
 *
 * An Open311 service (a kind of complaint, suggestion or request).
 */
struct _MskService
{
  GObject parent_instance;

  char *service_code;  /* (owned) (nullable) */
  char *service_name;  /* (owned) (nullable) */
  char *description;  /* (owned) (nullable) */
  gboolean metadata;
  char *service_type;  /* (owned) (nullable) */
  char *keywords;  /* (owned) (nullable) */
  char *group;  /* (owned) (nullable) */
};

G_DEFINE_TYPE (MskService, msk_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVICE_CODE,
  PROP_SERVICE_NAME,
  PROP_DESCRIPTION,
  PROP_METADATA,
  PROP_SERVICE_TYPE,
  PROP_KEYWORDS,
  PROP_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_service_finalize (GObject *object)
{
  MskService *self = MSK_SERVICE (object);

  g_clear_pointer (&self->service_code, g_free);
  g_clear_pointer (&self->service_name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->service_type, g_free);
  g_clear_pointer (&self->keywords, g_free);
  g_clear_pointer (&self->group, g_free);

  G_OBJECT_CLASS (msk_service_parent_class)->finalize (object);
}

static void
msk_service_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MskService *self = MSK_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SERVICE_CODE:
      g_value_set_string (value, self->service_code);
      break;
    case PROP_SERVICE_NAME:
      g_value_set_string (value, self->service_name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_METADATA:
      g_value_set_boolean (value, self->metadata);
      break;
    case PROP_SERVICE_TYPE:
      g_value_set_string (value, self->service_type);
      break;
    case PROP_KEYWORDS:
      g_value_set_string (value, self->keywords);
      break;
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_service_class_init (MskServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_service_finalize;
  object_class->get_property = msk_service_get_property;

  properties[PROP_SERVICE_CODE] =
    g_param_spec_string ("service-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_NAME] =
    g_param_spec_string ("service-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_METADATA] =
    g_param_spec_boolean ("metadata", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_TYPE] =
    g_param_spec_string ("service-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYWORDS] =
    g_param_spec_string ("keywords", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_service_init (MskService *self)
{
}

/**
 * msk_service_new_from_json:
 * @node: the JSON of one service
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the service, or %NULL with an error
 */
MskService *
msk_service_new_from_json (JsonNode    *node,
                           const char  *language,
                           GError     **error)
{
  g_autoptr(MskService) self = NULL;
  JsonObject *object;

  object = msk_json_node_get_object (node, "service", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_SERVICE, NULL);

  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "service_code", TRUE, &text, error))
      return NULL;
    self->service_code = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "service_name", TRUE, &text, error))
      return NULL;
    self->service_name = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "description", FALSE, &text, error))
      return NULL;
    self->description = g_strdup (text);
  }
  if (!msk_json_read_boolean (object, "metadata", FALSE, &self->metadata, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "type", FALSE, &text, error))
      return NULL;
    self->service_type = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "keywords", FALSE, &text, error))
      return NULL;
    self->keywords = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "group", FALSE, &text, error))
      return NULL;
    self->group = g_strdup (text);
  }

  return g_steal_pointer (&self);
}

const char *
msk_service_get_service_code (MskService *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE (self), NULL);
  return self->service_code;
}

const char *
msk_service_get_service_name (MskService *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE (self), NULL);
  return self->service_name;
}

const char *
msk_service_get_description (MskService *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE (self), NULL);
  return self->description;
}

gboolean
msk_service_get_metadata (MskService *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE (self), FALSE);
  return self->metadata;
}

const char *
msk_service_get_service_type (MskService *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE (self), NULL);
  return self->service_type;
}

const char *
msk_service_get_keywords (MskService *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE (self), NULL);
  return self->keywords;
}

const char *
msk_service_get_group (MskService *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE (self), NULL);
  return self->group;
}
