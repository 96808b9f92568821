/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-portal.h"

/**
 * MskPortal:
 *
 * A participation portal: its name, the base URL of its API, and an
 * optional Open311 endpoint with its api_key.
 */
struct _MskPortal
{
  GObject   parent_instance;

  char     *name;         /* (owned) */
  char     *base_url;     /* (owned): without a trailing slash */
  char     *open311_url;  /* (owned) (nullable) */
  char     *api_key;      /* (owned) (nullable) */
  gboolean  is_demo;
};

G_DEFINE_TYPE (MskPortal, msk_portal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_BASE_URL,
  PROP_IS_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_portal_finalize (GObject *object)
{
  MskPortal *self = MSK_PORTAL (object);

  g_free (self->name);
  g_free (self->base_url);
  g_free (self->open311_url);
  g_free (self->api_key);

  G_OBJECT_CLASS (msk_portal_parent_class)->finalize (object);
}

static void
msk_portal_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MskPortal *self = MSK_PORTAL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_portal_class_init (MskPortalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_portal_finalize;
  object_class->get_property = msk_portal_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_portal_init (MskPortal *self)
{
}

static char *
strip_slash (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';
  return copy;
}

/**
 * msk_portal_new:
 * @base_url: the portal's address, e.g. "https://portal.example.sa"
 * @open311_url: (nullable): the Open311 GeoReport v2 endpoint, e.g.
 *   "https://portal.example.sa/open311/v2"
 * @api_key: (nullable): the Open311 api_key
 *
 * Returns: (transfer full): a portal
 */
MskPortal *
msk_portal_new (const char *name,
                const char *base_url,
                const char *open311_url,
                const char *api_key,
                gboolean    is_demo)
{
  MskPortal *self = g_object_new (MSK_TYPE_PORTAL, NULL);

  self->name = g_strdup (name != NULL ? name : base_url);
  self->base_url = strip_slash (base_url);
  self->open311_url = open311_url != NULL ? strip_slash (open311_url) : NULL;
  self->api_key = g_strdup (api_key);
  self->is_demo = is_demo;
  return self;
}

const char *
msk_portal_get_name (MskPortal *self)
{
  g_return_val_if_fail (MSK_IS_PORTAL (self), NULL);
  return self->name;
}

void
msk_portal_set_name (MskPortal  *self,
                     const char *name)
{
  g_return_if_fail (MSK_IS_PORTAL (self));
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
msk_portal_get_base_url (MskPortal *self)
{
  g_return_val_if_fail (MSK_IS_PORTAL (self), NULL);
  return self->base_url;
}

const char *
msk_portal_get_open311_url (MskPortal *self)
{
  g_return_val_if_fail (MSK_IS_PORTAL (self), NULL);
  return self->open311_url;
}

void
msk_portal_set_open311 (MskPortal  *self,
                        const char *open311_url,
                        const char *api_key)
{
  g_return_if_fail (MSK_IS_PORTAL (self));
  g_free (self->open311_url);
  g_free (self->api_key);
  self->open311_url = open311_url != NULL ? strip_slash (open311_url) : NULL;
  self->api_key = g_strdup (api_key);
}

const char *
msk_portal_get_api_key (MskPortal *self)
{
  g_return_val_if_fail (MSK_IS_PORTAL (self), NULL);
  return self->api_key;
}

gboolean
msk_portal_get_is_demo (MskPortal *self)
{
  g_return_val_if_fail (MSK_IS_PORTAL (self), FALSE);
  return self->is_demo;
}

/**
 * msk_portal_dup_url:
 * @path: a path starting with "/", e.g. "/v1/topics"
 *
 * Returns: (transfer full): the absolute URL of @path on this portal
 */
char *
msk_portal_dup_url (MskPortal  *self,
                    const char *path)
{
  g_return_val_if_fail (MSK_IS_PORTAL (self), NULL);
  return g_strconcat (self->base_url, path, NULL);
}
