/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-image.h"

/**
 * MskImage:
 *
 * An image of a topic, with its text alternative.
 */
struct _MskImage
{
  GObject parent_instance;

  char *url;  /* (owned) (nullable) */
  char *alt;  /* (owned) (nullable) */
  gint64 width;
  gint64 height;
};

G_DEFINE_TYPE (MskImage, msk_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_ALT,
  PROP_WIDTH,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_image_finalize (GObject *object)
{
  MskImage *self = MSK_IMAGE (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->alt, g_free);

  G_OBJECT_CLASS (msk_image_parent_class)->finalize (object);
}

static void
msk_image_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MskImage *self = MSK_IMAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_ALT:
      g_value_set_string (value, self->alt);
      break;
    case PROP_WIDTH:
      g_value_set_int64 (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_int64 (value, self->height);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_image_class_init (MskImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_image_finalize;
  object_class->get_property = msk_image_get_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALT] =
    g_param_spec_string ("alt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_int64 ("width", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_int64 ("height", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_image_init (MskImage *self)
{
}

/**
 * msk_image_new_from_json:
 * @node: the JSON of one image
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the image, or %NULL with an error
 */
MskImage *
msk_image_new_from_json (JsonNode    *node,
                         const char  *language,
                         GError     **error)
{
  g_autoptr(MskImage) self = NULL;
  JsonObject *object;

  object = msk_json_node_get_object (node, "image", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_IMAGE, NULL);

  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "url", TRUE, &text, error))
      return NULL;
    self->url = g_strdup (text);
  }
  if (!msk_json_read_localized (object, "alt", TRUE, language, &self->alt, error))
    return NULL;
  if (!msk_json_read_int (object, "width", FALSE, &self->width, error))
    return NULL;
  if (!msk_json_read_int (object, "height", FALSE, &self->height, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
msk_image_get_url (MskImage *self)
{
  g_return_val_if_fail (MSK_IS_IMAGE (self), NULL);
  return self->url;
}

const char *
msk_image_get_alt (MskImage *self)
{
  g_return_val_if_fail (MSK_IS_IMAGE (self), NULL);
  return self->alt;
}

gint64
msk_image_get_width (MskImage *self)
{
  g_return_val_if_fail (MSK_IS_IMAGE (self), 0);
  return self->width;
}

gint64
msk_image_get_height (MskImage *self)
{
  g_return_val_if_fail (MSK_IS_IMAGE (self), 0);
  return self->height;
}
