/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "msk-error.h"
#include "msk-json.h"

void
msk_json_set_invalid (GError     **error,
                      const char  *format,
                      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: %s is a technical detail, such as "title: expected a string" */
  g_set_error (error, MSK_ERROR, MSK_ERROR_INVALID_DATA,
               _("The server sent a reply the app cannot read (%s)."), detail);
}

static const char *
node_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_BOOLEAN:
      return "boolean";
    case G_TYPE_INT64:
      return "integer";
    case G_TYPE_DOUBLE:
      return "number";
    default:
      return "value";
    }
}

JsonObject *
msk_json_node_get_object (JsonNode    *node,
                          const char  *what,
                          GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      msk_json_set_invalid (error, "%s: expected an object, got %s", what, node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
msk_json_node_get_array (JsonNode    *node,
                         const char  *what,
                         GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      msk_json_set_invalid (error, "%s: expected an array, got %s", what, node_type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* Returns the member, NULL when it is absent or null (an error then if required). */
static JsonNode *
lookup (JsonObject  *object,
        const char  *member,
        gboolean     required,
        gboolean    *ok,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          msk_json_set_invalid (error, "%s: missing", member);
          *ok = FALSE;
        }
      return NULL;
    }
  return node;
}

static gboolean
wrong_type (JsonNode    *node,
            const char  *member,
            const char  *expected,
            GError     **error)
{
  msk_json_set_invalid (error, "%s: expected %s, got %s", member, expected,
                        node_type_name (node));
  return FALSE;
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
msk_json_read_string (JsonObject  *object,
                      const char  *member,
                      gboolean     required,
                      const char **out,
                      GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!holds (node, G_TYPE_STRING))
    return wrong_type (node, member, "a string", error);
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
msk_json_read_int (JsonObject  *object,
                   const char  *member,
                   gboolean     required,
                   gint64      *out,
                   GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!holds (node, G_TYPE_INT64))
    return wrong_type (node, member, "an integer", error);
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
msk_json_read_double (JsonObject  *object,
                      const char  *member,
                      gboolean     required,
                      double      *out,
                      GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (holds (node, G_TYPE_INT64))
    *out = (double) json_node_get_int (node);
  else if (holds (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else
    return wrong_type (node, member, "a number", error);
  return TRUE;
}

gboolean
msk_json_read_boolean (JsonObject  *object,
                       const char  *member,
                       gboolean     required,
                       gboolean    *out,
                       GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!holds (node, G_TYPE_BOOLEAN))
    return wrong_type (node, member, "a boolean", error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
msk_json_read_object (JsonObject  *object,
                      const char  *member,
                      gboolean     required,
                      JsonObject **out,
                      GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, member, "an object", error);
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
msk_json_read_array (JsonObject  *object,
                     const char  *member,
                     gboolean     required,
                     JsonArray  **out,
                     GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (node, member, "an array", error);
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
msk_json_read_datetime (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        GDateTime  **out,
                        GError     **error)
{
  const char *text = NULL;
  GDateTime *dt;

  if (!msk_json_read_string (object, member, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      msk_json_set_invalid (error, "%s: not an ISO 8601 time", member);
      return FALSE;
    }
  g_clear_pointer (out, g_date_time_unref);
  *out = dt;
  return TRUE;
}

/**
 * msk_json_read_fields:
 * @fields: (array length=n_fields): the members to read
 * @language: the language localized strings are resolved to
 * @instance: the model's struct, which @fields' offsets point into
 *
 * Reads every member of @fields into @instance, in order, with the
 * reader of its type: a model is parsed from a table of its fields rather
 * than by hand. Strings and times replace (and free) what was there.
 *
 * Returns: whether all were read; %FALSE with %MSK_ERROR_INVALID_DATA
 */
gboolean
msk_json_read_fields (JsonObject         *object,
                      const MskJsonField *fields,
                      gsize               n_fields,
                      const char         *language,
                      gpointer            instance,
                      GError            **error)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const MskJsonField *field = &fields[i];
      gpointer slot = G_STRUCT_MEMBER_P (instance, field->offset);
      gboolean ok = FALSE;

      switch (field->type)
        {
        case MSK_JSON_FIELD_INT:
          ok = msk_json_read_int (object, field->member, field->required, slot, error);
          break;
        case MSK_JSON_FIELD_DOUBLE:
          ok = msk_json_read_double (object, field->member, field->required, slot, error);
          break;
        case MSK_JSON_FIELD_STRING:
          {
            const char *text = NULL;

            ok = msk_json_read_string (object, field->member, field->required, &text, error);
            if (ok && text != NULL)
              {
                g_free (*(char **) slot);
                *(char **) slot = g_strdup (text);
              }
          }
          break;
        case MSK_JSON_FIELD_LOCALIZED:
          ok = msk_json_read_localized (object, field->member, field->required, language, slot,
                                        error);
          break;
        case MSK_JSON_FIELD_DATETIME:
          ok = msk_json_read_datetime (object, field->member, field->required, slot, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * msk_json_pick_language:
 * @node: a string, or an object of strings keyed by language code
 * @language: "ar" or "en"
 *
 * Returns: (nullable): the text in @language, else in English, else in
 *   Arabic, else the first string of the object; NULL when @node holds
 *   neither a string nor an object of strings.
 */
const char *
msk_json_pick_language (JsonNode   *node,
                        const char *language)
{
  static const char *const fallbacks[] = { "en", "ar" };
  JsonObject *object;
  JsonNode *member;

  if (node == NULL)
    return NULL;
  if (holds (node, G_TYPE_STRING))
    return json_node_get_string (node);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (language != NULL)
    {
      member = json_object_get_member (object, language);
      if (member != NULL && holds (member, G_TYPE_STRING))
        return json_node_get_string (member);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    {
      member = json_object_get_member (object, fallbacks[i]);
      if (member != NULL && holds (member, G_TYPE_STRING))
        return json_node_get_string (member);
    }

  {
    JsonObjectIter iter;
    const char *name;

    json_object_iter_init (&iter, object);
    while (json_object_iter_next (&iter, &name, &member))
      if (holds (member, G_TYPE_STRING))
        return json_node_get_string (member);
  }
  return NULL;
}

gboolean
msk_json_read_localized (JsonObject  *object,
                         const char  *member,
                         gboolean     required,
                         const char  *language,
                         char       **out,
                         GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);
  const char *text;

  if (node == NULL)
    return ok;
  text = msk_json_pick_language (node, language);
  if (text == NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0
          && !required)
        return TRUE;
      return wrong_type (node, member, "a localized string", error);
    }
  g_free (*out);
  *out = g_strdup (text);
  return TRUE;
}

/**
 * msk_json_read_id:
 *
 * Reads an identifier that a server may send as a string or an integer.
 */
gboolean
msk_json_read_id (JsonObject  *object,
                  const char  *member,
                  gboolean     required,
                  char       **out,
                  GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, member, required, &ok, error);

  if (node == NULL)
    return ok;
  g_free (*out);
  if (holds (node, G_TYPE_STRING))
    *out = g_strdup (json_node_get_string (node));
  else if (holds (node, G_TYPE_INT64))
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    {
      *out = NULL;
      return wrong_type (node, member, "an identifier", error);
    }
  return TRUE;
}

/**
 * msk_json_plain_text:
 * @markup: (nullable): text that may hold simple HTML markup
 *
 * Returns: (transfer full): @markup without tags, with the common entities
 *   decoded and runs of white space collapsed.
 */
char *
msk_json_plain_text (const char *markup)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " },
  };
  GString *out;
  gboolean in_tag = FALSE;
  gboolean space = FALSE;

  if (markup == NULL)
    return NULL;

  out = g_string_sized_new (strlen (markup));
  for (const char *p = markup; *p != '\0'; p++)
    {
      if (in_tag)
        {
          if (*p == '>')
            {
              in_tag = FALSE;
              space = TRUE;
            }
          continue;
        }
      if (*p == '<')
        {
          in_tag = TRUE;
          continue;
        }
      if (*p == '&')
        {
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
            if (g_str_has_prefix (p, entities[i].entity))
              {
                if (space && out->len > 0)
                  g_string_append_c (out, ' ');
                space = FALSE;
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].entity) - 1;
                found = TRUE;
                break;
              }
          if (found)
            continue;
        }
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}
