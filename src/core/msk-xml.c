/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <string.h>

#include "msk-error.h"
#include "msk-json.h"
#include "msk-xml.h"

/*
 * Open311 XML.
 *
 * GeoReport v2 and its Service Discovery define XML first; their JSON is the
 * "Spark convention" mapping of that XML. msk_xml_read_open311() reads a
 * reply with libxml2's streaming reader and builds the same JSON tree, so
 * that one set of model readers, with their type checks, serves both
 * formats:
 *
 * - an element listed in list_elements becomes an array of its children
 *   (with CitySDK's history of a request);
 * - an element with child elements becomes an object; a child repeated
 *   where no list is known (a foreign extension) becomes an array member;
 * - an element with text only becomes a string (trimmed), or the boolean or
 *   number typed_leaves says it is; an empty element is null.
 *
 * The reader never touches the network (XML_PARSE_NONET), substitutes no
 * entities and loads no DTD; a document that declares a document type, or
 * refers to an entity other than the five predefined ones, is refused.
 */

static const char *const list_elements[] = {
  "services", "service_requests", "errors", "attributes", "values", "endpoints", "formats",
  "history",
};

typedef enum
{
  LEAF_STRING,
  LEAF_BOOLEAN,
  LEAF_INT,
  LEAF_DOUBLE,
} LeafType;

static const struct
{
  const char *parent;
  const char *name;
  LeafType    type;
} typed_leaves[] = {
  { "service", "metadata", LEAF_BOOLEAN },
  { "attribute", "variable", LEAF_BOOLEAN },
  { "attribute", "required", LEAF_BOOLEAN },
  { "attribute", "order", LEAF_INT },
  { "request", "lat", LEAF_DOUBLE },
  { "request", "long", LEAF_DOUBLE },
  { "error", "code", LEAF_INT },
};

typedef struct
{
  char     *name;
  JsonNode   *node;      /* (owned) (nullable): the array or object, once known */
  GString    *text;
  gboolean    is_list;
  GHashTable *repeated;  /* (owned) (nullable): members made arrays by repetition */
} Frame;

static void
frame_free (Frame *frame)
{
  g_free (frame->name);
  g_clear_pointer (&frame->node, json_node_unref);
  g_string_free (frame->text, TRUE);
  g_clear_pointer (&frame->repeated, g_hash_table_unref);
  g_free (frame);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Frame, frame_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)

static gboolean
is_blank (const GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    if (!g_ascii_isspace (text->str[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_list_element (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (list_elements); i++)
    if (g_str_equal (list_elements[i], name))
      return TRUE;
  return FALSE;
}

static LeafType
leaf_type (const char *parent,
           const char *name)
{
  for (gsize i = 0; parent != NULL && i < G_N_ELEMENTS (typed_leaves); i++)
    if (g_str_equal (typed_leaves[i].parent, parent) && g_str_equal (typed_leaves[i].name, name))
      return typed_leaves[i].type;
  return LEAF_STRING;
}

/* Text that is not of the leaf's type stays a string: the model's reader
 * then says which field has the wrong type. */
static JsonNode *
leaf_value (const char *parent,
            const char *name,
            char       *text)
{
  JsonNode *node = json_node_alloc ();
  gint64 integer;
  double number;
  char *end = NULL;

  g_strstrip (text);
  if (*text == '\0')
    return json_node_init_null (node);

  switch (leaf_type (parent, name))
    {
    case LEAF_BOOLEAN:
      if (g_str_equal (text, "true") || g_str_equal (text, "false"))
        return json_node_init_boolean (node, g_str_equal (text, "true"));
      break;
    case LEAF_INT:
      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &integer, NULL))
        return json_node_init_int (node, integer);
      break;
    case LEAF_DOUBLE:
      number = g_ascii_strtod (text, &end);
      if (end != text && *end == '\0' && isfinite (number))
        return json_node_init_double (node, number);
      break;
    case LEAF_STRING:
    default:
      break;
    }
  return json_node_init_string (node, text);
}

static void
set_refused_markup (GError **error)
{
  g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_DATA,
                       _("The portal sent XML that declares a document type or entities, which "
                         "the app does not accept."));
}

/* A document type can only stand in the prolog, before the root element:
 * look there, so that no DTD ever reaches the parser. */
static gboolean
prolog_has_doctype (const char *data,
                    gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end)
    {
      const char *close;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (end - p >= 2 && memcmp (p, "<?", 2) == 0)
        close = g_strstr_len (p, end - p, "?>");
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        close = g_strstr_len (p, end - p, "-->");
      else
        return end - p >= 2 && memcmp (p, "<!", 2) == 0;
      if (close == NULL)
        return FALSE;
      p = close + 2;
    }
  return FALSE;
}

/**
 * msk_xml_sniff:
 *
 * Returns: whether @data looks like XML rather than JSON (its first
 *   character that is not blank is `<`).
 */
gboolean
msk_xml_sniff (const char *data,
               gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && data[i] == '<';
}

#if LIBXML_VERSION >= 21200
typedef const xmlError *MskXmlErrorPtr;
#else
typedef xmlErrorPtr MskXmlErrorPtr;
#endif

/* Keeps the first error for the message; libxml2 prints nothing. */
static void
structured_error_cb (void           *user_data,
                     MskXmlErrorPtr  xml_error)
{
  char **first = user_data;
  g_autofree char *message = NULL;

  if (*first != NULL || xml_error == NULL || xml_error->level < XML_ERR_ERROR)
    return;
  message = g_strdup (xml_error->message != NULL ? xml_error->message : "?");
  *first = g_strdup_printf ("XML line %d: %s", xml_error->line, g_strchomp (message));
}

typedef struct
{
  GPtrArray *stack;  /* (element-type Frame) */
  JsonNode  *root;   /* (owned) (nullable) */
} Builder;

static gboolean
start_element (Builder     *builder,
               const char  *name,
               GError     **error)
{
  Frame *parent = builder->stack->len > 0
                  ? g_ptr_array_index (builder->stack, builder->stack->len - 1) : NULL;
  Frame *frame;

  if (parent != NULL)
    {
      if (!is_blank (parent->text))
        {
          msk_json_set_invalid (error, "<%s> holds both text and elements", parent->name);
          return FALSE;
        }
      if (parent->node == NULL)
        parent->node = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  else if (builder->root != NULL)
    {
      msk_json_set_invalid (error, "more than one root element");
      return FALSE;
    }

  frame = g_new0 (Frame, 1);
  frame->name = g_strdup (name);
  frame->text = g_string_new (NULL);
  frame->is_list = is_list_element (name);
  if (frame->is_list)
    frame->node = json_node_init_array (json_node_alloc (), json_array_new ());
  g_ptr_array_add (builder->stack, frame);
  return TRUE;
}

/* Sets the member @name of @parent's object to @value, or adds @value to
 * the array @name becomes when it is repeated. */
static void
set_member (Frame      *parent,
            const char *name,
            JsonNode   *value)
{
  JsonObject *object = json_node_get_object (parent->node);
  JsonNode *first;
  JsonArray *array;

  if (!json_object_has_member (object, name))
    {
      json_object_set_member (object, name, value);
      return;
    }
  if (parent->repeated != NULL && g_hash_table_contains (parent->repeated, name))
    {
      json_array_add_element (json_object_get_array_member (object, name), value);
      return;
    }
  first = json_object_dup_member (object, name);
  array = json_array_new ();
  json_array_add_element (array, first);
  json_array_add_element (array, value);
  json_object_set_array_member (object, name, array);
  if (parent->repeated == NULL)
    parent->repeated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (parent->repeated, g_strdup (name));
}

static gboolean
end_element (Builder  *builder,
             GError  **error)
{
  g_autoptr(Frame) frame = g_ptr_array_steal_index (builder->stack, builder->stack->len - 1);
  Frame *parent = builder->stack->len > 0
                  ? g_ptr_array_index (builder->stack, builder->stack->len - 1) : NULL;
  JsonNode *value;

  if (frame->node != NULL && !is_blank (frame->text))
    {
      msk_json_set_invalid (error, "<%s> holds both text and elements", frame->name);
      return FALSE;
    }
  if (frame->node != NULL)
    value = g_steal_pointer (&frame->node);
  else
    value = leaf_value (parent != NULL ? parent->name : NULL, frame->name, frame->text->str);

  if (parent == NULL)
    builder->root = value;
  else if (parent->is_list)
    json_array_add_element (json_node_get_array (parent->node), value);
  else
    set_member (parent, frame->name, value);
  return TRUE;
}

/**
 * msk_xml_read_open311:
 * @data: an Open311 XML reply, UTF-8 as the specification requires
 * @max_depth: the deepest nesting of elements accepted
 * @error: return location for %MSK_ERROR_INVALID_DATA or %MSK_ERROR_TOO_LARGE
 *
 * Reads @data into the JSON tree its JSON form has (see above). The caller
 * checks the size first.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
msk_xml_read_open311 (const char  *data,
                      gsize        length,
                      guint        max_depth,
                      GError     **error)
{
  g_autoptr(xmlTextReader) reader = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func ((GDestroyNotify) frame_free);
  g_autofree char *xml_error = NULL;
  Builder builder = { stack, NULL };
  int ret;

  if (length > G_MAXINT)
    {
      msk_error_set_too_large (error);
      return NULL;
    }
  if (prolog_has_doctype (data, length))
    {
      set_refused_markup (error);
      return NULL;
    }

  xmlInitParser ();
  /* No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID or XINCLUDE: entities stay
   * references (refused below) and nothing outside @data is read. */
  reader = xmlReaderForMemory (data, (int) length, NULL, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS);
  if (reader == NULL)
    {
      msk_json_set_invalid (error, "XML: cannot start the reader");
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (reader, structured_error_cb, &xml_error);

  while ((ret = xmlTextReaderRead (reader)) == 1)
    {
      switch (xmlTextReaderNodeType (reader))
        {
        case XML_READER_TYPE_ELEMENT:
          if ((guint) xmlTextReaderDepth (reader) + 1 > max_depth)
            {
              g_clear_pointer (&builder.root, json_node_unref);
              msk_error_set_too_deep (error);
              return NULL;
            }
          if (!start_element (&builder, (const char *) xmlTextReaderConstLocalName (reader),
                              error))
            goto fail;
          if (xmlTextReaderIsEmptyElement (reader) && !end_element (&builder, error))
            goto fail;
          break;
        case XML_READER_TYPE_END_ELEMENT:
          if (stack->len == 0 || !end_element (&builder, error))
            goto fail;
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          if (stack->len > 0)
            {
              Frame *top = g_ptr_array_index (stack, stack->len - 1);

              g_string_append (top->text, (const char *) xmlTextReaderConstValue (reader));
            }
          break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_ENTITY:
          g_clear_pointer (&builder.root, json_node_unref);
          set_refused_markup (error);
          return NULL;
        default:
          /* comments, processing instructions, ignorable white space */
          break;
        }
    }

  if (ret < 0 || xml_error != NULL)
    {
      msk_json_set_invalid (error, "%s", xml_error != NULL ? xml_error : "XML: not well-formed");
      goto fail;
    }
  if (builder.root == NULL || stack->len > 0)
    {
      msk_json_set_invalid (error, "XML: empty document");
      goto fail;
    }
  return builder.root;

fail:
  g_clear_pointer (&builder.root, json_node_unref);
  return NULL;
}
