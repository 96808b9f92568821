/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The two formats of Open311 GeoReport v2. A reply is built once as a JSON
 * tree and written either as JSON or, following the Spark convention the
 * specification maps its JSON with, as XML through libxml2's writer: an
 * object is an element per member, an array an element holding one element
 * per item (services/service, attributes/attribute, …), a null an empty
 * element. Numbers with a fraction (the coordinates) carry seven decimals at
 * most in both.
 */
#include "msk-srv-open311-format.h"

#include <libxml/xmlwriter.h>
#include <string.h>

/* ---- which format ------------------------------------------------------------ */

/* The quality @accept gives @type: from the most specific range that
 * matches it, 0 when none does. */
static double
accept_quality (char       **ranges,
                const char  *type)
{
  const char *slash = strchr (type, '/');
  int best = -1;
  double q = 0;

  for (guint i = 0; ranges[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (ranges[i], ";", -1);
      const char *range = g_strstrip (parts[0]);
      double range_q = 1;
      int specificity;

      if (g_ascii_strcasecmp (range, type) == 0)
        specificity = 2;
      else if (g_str_has_suffix (range, "/*") &&
               g_ascii_strncasecmp (range, type, slash - type + 1) == 0 &&
               strlen (range) == (gsize) (slash - type + 2))
        specificity = 1;
      else if (g_str_equal (range, "*/*"))
        specificity = 0;
      else
        continue;

      for (guint p = 1; parts[p] != NULL; p++)
        {
          const char *param = g_strstrip (parts[p]);

          if ((param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
            range_q = CLAMP (g_ascii_strtod (param + 2, NULL), 0, 1);
        }
      if (specificity > best)
        {
          best = specificity;
          q = range_q;
        }
    }
  return q;
}

/**
 * msk_srv_open311_prefers_xml:
 * @path: the request's path
 * @accept: (nullable): its Accept header
 *
 * An extension decides; without one, XML when the client prefers text/xml or
 * application/xml to application/json, and JSON otherwise (the first format
 * this server offered).
 */
gboolean
msk_srv_open311_prefers_xml (const char *path,
                             const char *accept)
{
  g_auto(GStrv) ranges = NULL;

  if (g_str_has_suffix (path, ".xml"))
    return TRUE;
  if (g_str_has_suffix (path, ".json") || accept == NULL)
    return FALSE;
  ranges = g_strsplit (accept, ",", -1);
  return MAX (accept_quality (ranges, "text/xml"), accept_quality (ranges, "application/xml"))
         > accept_quality (ranges, "application/json");
}

/* ---- writing ------------------------------------------------------------------ */

/* Seven decimals at most, trailing zeros dropped, one kept: 25.2841, -55.0. */
static void
format_decimal (char   *buf,
                gsize   size,
                double  value)
{
  gsize len;

  g_ascii_formatd (buf, size, "%.7f", value);
  len = strlen (buf);
  while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
    buf[--len] = '\0';
}

/* The element of an item of the array element @name (Spark convention). */
static const char *
item_name (const char *name)
{
  static const struct
  {
    const char *list;
    const char *item;
  } items[] = {
    { "services", "service" }, { "service_requests", "request" }, { "errors", "error" },
    { "endpoints", "endpoint" }, { "formats", "format" }, { "attributes", "attribute" },
    { "values", "value" }, { "history", "entry" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_str_equal (items[i].list, name))
      return items[i].item;
  g_return_val_if_reached ("item");
}

static gboolean
xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* @text with what XML 1.0 cannot carry (most control characters) replaced
 * by U+FFFD; %NULL when it can carry all of it. */
static char *
xml_safe_text (const char *text)
{
  GString *out = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (out == NULL && !xml_char (c))
        out = g_string_new_len (text, p - text);
      if (out != NULL)
        g_string_append_unichar (out, xml_char (c) ? c : 0xFFFD);
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

static void
write_element (xmlTextWriter *writer,
               const char    *name,
               JsonNode      *node)
{
  xmlTextWriterStartElement (writer, (const xmlChar *) name);
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &member, &value))
          write_element (writer, member, value);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        const char *item = item_name (name);

        for (guint i = 0; i < json_array_get_length (array); i++)
          write_element (writer, item, json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_VALUE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        const char *text = buf;
        g_autofree char *safe = NULL;

        switch (json_node_get_value_type (node))
          {
          case G_TYPE_DOUBLE:
            format_decimal (buf, sizeof buf, json_node_get_double (node));
            break;
          case G_TYPE_INT64:
            g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int (node));
            break;
          case G_TYPE_BOOLEAN:
            text = json_node_get_boolean (node) ? "true" : "false";
            break;
          default:
            text = json_node_get_string (node);
            break;
          }
        safe = xml_safe_text (text);
        xmlTextWriterWriteString (writer, (const xmlChar *) (safe != NULL ? safe : text));
      }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
  xmlTextWriterEndElement (writer);
}

/**
 * msk_srv_open311_to_xml:
 * @root: the reply as JSON
 * @root_name: its element: "services", "service_definition", …
 *
 * Returns: (transfer full): the XML document, with its declaration
 */
GBytes *
msk_srv_open311_to_xml (JsonNode   *root,
                        const char *root_name)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  xmlTextWriter *writer = xmlNewTextWriterMemory (buffer, 0);
  GBytes *bytes;

  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, (const xmlChar *) "  ");
  /* The declaration as the specification's examples have it: the writer's
   * own (xmlTextWriterStartDocument) names the encoding "UTF-8". */
  xmlTextWriterWriteRaw (writer, (const xmlChar *) "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  write_element (writer, root_name, root);
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  bytes = g_bytes_new (xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

/* As json-glib 1.6 writes a string, but for U+001F, which it leaves as it
 * is (not valid JSON). */
static void
append_json_string (GString    *out,
                    const char *text)
{
  static const char escaped[] = "\"\\\b\f\n\r\t";
  static const char letters[] = "\"\\bfnrt";

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *e = strchr (escaped, *p);

      if (e != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, letters[e - escaped]);
        }
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_json (GString  *out,
             JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &member, &value))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_json_string (out, member);
            g_string_append_c (out, ':');
            append_json (out, value);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_DOUBLE:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            format_decimal (buf, sizeof buf, json_node_get_double (node));
            g_string_append (out, buf);
          }
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          append_json_string (out, json_node_get_string (node));
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * msk_srv_open311_to_json:
 * @root: the reply
 *
 * What json-glib writes, but for numbers with a fraction, which keep seven
 * decimals at most (json-glib writes 17 significant digits: 25.2841 comes
 * out as 25.284099999999999).
 *
 * Returns: (transfer full): the JSON text
 */
GBytes *
msk_srv_open311_to_json (JsonNode *root)
{
  GString *out = g_string_new (NULL);

  append_json (out, root);
  return g_string_free_to_bytes (out);
}
