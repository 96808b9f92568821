/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-service-attribute.h"

/**
 * MskServiceAttribute:
 *
 * One field of an Open311 service definition: what the form asks for a
 * service whose metadata is true, and, for the value lists, the choices.
 */
struct _MskServiceAttribute
{
  GObject    parent_instance;

  char      *code;                  /* (owned) */
  char      *datatype;              /* (owned) */
  char      *datatype_description;  /* (owned) (nullable) */
  char      *description;           /* (owned) (nullable) */
  gboolean   variable;
  gboolean   required;
  gint64     order;
  GPtrArray *keys;                  /* (owned) (element-type utf8) */
  GPtrArray *names;                 /* (owned) (element-type utf8) */
};

G_DEFINE_TYPE (MskServiceAttribute, msk_service_attribute, G_TYPE_OBJECT)

static void
msk_service_attribute_finalize (GObject *object)
{
  MskServiceAttribute *self = MSK_SERVICE_ATTRIBUTE (object);

  g_free (self->code);
  g_free (self->datatype);
  g_free (self->datatype_description);
  g_free (self->description);
  g_ptr_array_unref (self->keys);
  g_ptr_array_unref (self->names);

  G_OBJECT_CLASS (msk_service_attribute_parent_class)->finalize (object);
}

static void
msk_service_attribute_class_init (MskServiceAttributeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_service_attribute_finalize;
}

static void
msk_service_attribute_init (MskServiceAttribute *self)
{
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->names = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
read_text (JsonObject  *object,
           const char  *member,
           gboolean     required,
           char       **out,
           GError     **error)
{
  const char *text = NULL;

  if (!msk_json_read_string (object, member, required, &text, error))
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
read_values (MskServiceAttribute  *self,
             JsonObject           *object,
             GError              **error)
{
  JsonArray *values = NULL;

  if (!msk_json_read_array (object, "values", FALSE, &values, error))
    return FALSE;
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonObject *value = msk_json_node_get_object (json_array_get_element (values, i),
                                                    "attribute value", error);
      g_autofree char *key = NULL;
      g_autofree char *name = NULL;

      if (value == NULL || !msk_json_read_id (value, "key", TRUE, &key, error)
          || !read_text (value, "name", TRUE, &name, error))
        return FALSE;
      g_ptr_array_add (self->keys, g_steal_pointer (&key));
      g_ptr_array_add (self->names, g_steal_pointer (&name));
    }
  return TRUE;
}

/**
 * msk_service_attribute_new_from_json:
 * @node: the JSON of one attribute of a service definition
 * @language: unused: Open311 texts are in the language the endpoint was asked for
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Returns: (transfer full): the attribute, or %NULL with an error
 */
MskServiceAttribute *
msk_service_attribute_new_from_json (JsonNode    *node,
                                     const char  *language,
                                     GError     **error)
{
  g_autoptr(MskServiceAttribute) self = g_object_new (MSK_TYPE_SERVICE_ATTRIBUTE, NULL);
  JsonObject *object = msk_json_node_get_object (node, "attribute", error);

  if (object == NULL
      || !read_text (object, "code", TRUE, &self->code, error)
      || !read_text (object, "datatype", TRUE, &self->datatype, error)
      || !read_text (object, "datatype_description", FALSE, &self->datatype_description, error)
      || !read_text (object, "description", FALSE, &self->description, error)
      || !msk_json_read_boolean (object, "variable", FALSE, &self->variable, error)
      || !msk_json_read_boolean (object, "required", FALSE, &self->required, error)
      || !msk_json_read_int (object, "order", FALSE, &self->order, error)
      || !read_values (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
msk_service_attribute_get_code (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), NULL);
  return self->code;
}

const char *
msk_service_attribute_get_datatype (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), NULL);
  return self->datatype;
}

const char *
msk_service_attribute_get_datatype_description (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), NULL);
  return self->datatype_description;
}

const char *
msk_service_attribute_get_description (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), NULL);
  return self->description;
}

gboolean
msk_service_attribute_get_variable (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), FALSE);
  return self->variable;
}

gboolean
msk_service_attribute_get_required (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), FALSE);
  return self->required;
}

gint64
msk_service_attribute_get_order (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), 0);
  return self->order;
}

/**
 * msk_service_attribute_get_n_values:
 *
 * Returns: how many choices a singlevaluelist or multivaluelist offers
 */
guint
msk_service_attribute_get_n_values (MskServiceAttribute *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), 0);
  return self->keys->len;
}

/**
 * msk_service_attribute_get_value_key:
 *
 * Returns: what is sent as `attribute[code]` for the choice @index
 */
const char *
msk_service_attribute_get_value_key (MskServiceAttribute *self,
                                     guint                index)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), NULL);
  g_return_val_if_fail (index < self->keys->len, NULL);
  return g_ptr_array_index (self->keys, index);
}

/**
 * msk_service_attribute_get_value_name:
 *
 * Returns: what the choice @index is called
 */
const char *
msk_service_attribute_get_value_name (MskServiceAttribute *self,
                                      guint                index)
{
  g_return_val_if_fail (MSK_IS_SERVICE_ATTRIBUTE (self), NULL);
  g_return_val_if_fail (index < self->names->len, NULL);
  return g_ptr_array_index (self->names, index);
}
