/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-poll-option.h"

/**
 * MskPollOption:
 *
 * An option of a poll or of a survey question; in results, with its count.
 */
struct _MskPollOption
{
  GObject parent_instance;

  gint64 id;
  char *label;  /* (owned) (nullable) */
  gint64 count;
  double percent;
};

G_DEFINE_TYPE (MskPollOption, msk_poll_option, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_COUNT,
  PROP_PERCENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_poll_option_finalize (GObject *object)
{
  MskPollOption *self = MSK_POLL_OPTION (object);

  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (msk_poll_option_parent_class)->finalize (object);
}

static void
msk_poll_option_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MskPollOption *self = MSK_POLL_OPTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;
    case PROP_PERCENT:
      g_value_set_double (value, self->percent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_poll_option_class_init (MskPollOptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_poll_option_finalize;
  object_class->get_property = msk_poll_option_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERCENT] =
    g_param_spec_double ("percent", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_poll_option_init (MskPollOption *self)
{
}

/**
 * msk_poll_option_new_from_json:
 * @node: the JSON of one poll option
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the poll option, or %NULL with an error
 */
MskPollOption *
msk_poll_option_new_from_json (JsonNode    *node,
                               const char  *language,
                               GError     **error)
{
  g_autoptr(MskPollOption) self = NULL;
  JsonObject *object;

  object = msk_json_node_get_object (node, "poll option", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_POLL_OPTION, NULL);

  if (!msk_json_read_int (object, "id", TRUE, &self->id, error))
    return NULL;
  if (!msk_json_read_localized (object, "label", TRUE, language, &self->label, error))
    return NULL;
  if (!msk_json_read_int (object, "count", FALSE, &self->count, error))
    return NULL;
  if (!msk_json_read_double (object, "percent", FALSE, &self->percent, error))
    return NULL;

  return g_steal_pointer (&self);
}

gint64
msk_poll_option_get_id (MskPollOption *self)
{
  g_return_val_if_fail (MSK_IS_POLL_OPTION (self), 0);
  return self->id;
}

const char *
msk_poll_option_get_label (MskPollOption *self)
{
  g_return_val_if_fail (MSK_IS_POLL_OPTION (self), NULL);
  return self->label;
}

gint64
msk_poll_option_get_count (MskPollOption *self)
{
  g_return_val_if_fail (MSK_IS_POLL_OPTION (self), 0);
  return self->count;
}

double
msk_poll_option_get_percent (MskPollOption *self)
{
  g_return_val_if_fail (MSK_IS_POLL_OPTION (self), 0.0);
  return self->percent;
}
