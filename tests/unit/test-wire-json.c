/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON limits the server and the core share (src/wire). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "msk-wire-json.h"

/* @depth nested arrays around @inner. */
static char *
nested (guint       depth,
        const char *inner)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static gboolean
depth_ok (const char *text,
          guint       max_depth)
{
  return msk_wire_json_depth_ok (text, strlen (text), max_depth);
}

static void
test_depth_limit (void)
{
  for (guint max = 1; max <= 64; max *= 2)
    {
      g_autofree char *at = nested (max, "1");
      g_autofree char *over = nested (max + 1, "1");

      g_assert_true (depth_ok (at, max));
      g_assert_false (depth_ok (over, max));
    }
  g_assert_true (depth_ok ("{\"a\":{\"b\":[1,{\"c\":2}]}}", 4));
  g_assert_false (depth_ok ("{\"a\":{\"b\":[1,{\"c\":2}]}}", 3));
  g_assert_true (depth_ok ("", 0));
  g_assert_true (depth_ok ("1", 0));
  g_assert_false (depth_ok ("[]", 0));
}

static void
test_depth_siblings (void)
{
  /* Depth is nesting, not the number of arrays. */
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 0; i < 1000; i++)
    g_string_append (s, i == 0 ? "[1]" : ",{\"a\":[2]}");
  g_string_append_c (s, ']');
  g_assert_true (msk_wire_json_depth_ok (s->str, s->len, 3));
  g_assert_false (msk_wire_json_depth_ok (s->str, s->len, 2));
}

static void
test_depth_strings (void)
{
  /* Brackets in strings do not count, escaped quotes do not end them. */
  g_assert_true (depth_ok ("[\"[[[[{{{{\"]", 1));
  g_assert_true (depth_ok ("[\"\\\"[[[[\"]", 1));
  g_assert_true (depth_ok ("{\"a\\\\\":1}", 1));
  g_assert_false (depth_ok ("[\"\\\\\",[[1]]]", 2));
}

static void
test_depth_unbalanced (void)
{
  /* Closing brackets first never make room for deeper nesting. */
  g_autofree char *deep = nested (40, "1");
  g_autofree char *text = g_strconcat ("]]]]]]]]]]]]]]]]]]]]", deep, NULL);

  g_assert_false (depth_ok (text, 32));
}

static void
test_depth_length (void)
{
  /* Only @length bytes are read: the text need not end with a nul. */
  const char text[] = { '[', '[', '1', ']', ']', '[', '[', '[' };

  g_assert_true (msk_wire_json_depth_ok (text, 5, 2));
  g_assert_false (msk_wire_json_depth_ok (text, sizeof text, 2));
}

/* json-glib also reads single-quoted strings, in which a backslash is a
 * character like any other, and skips comments: a double quote in either
 * must not hide the brackets after it from the scan. */
static void
test_depth_single_quotes (void)
{
  g_autofree char *deep = nested (100000, "1");
  const char *prefixes[] = { "['\"', ", "{'a': '\"', 'b': ", "['\\', '\"', ", "[/*\"*/ ",
                             "[/* ' */ '\"', " };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *text = g_strconcat (prefixes[i], deep, "]", NULL);

      g_test_message ("%s…", prefixes[i]);
      g_assert_false (depth_ok (text, MSK_WIRE_REPLY_MAX_DEPTH));
    }

  /* Brackets inside single-quoted strings and comments do not count, and an
   * apostrophe inside a double-quoted string opens nothing. */
  g_assert_true (depth_ok ("{'a': '[[[[{{{{'}", 1));
  g_assert_true (depth_ok ("['\\', '[[[[']", 1));
  g_assert_true (depth_ok ("[1 /* [[[[ \" */, 2]", 1));
  g_assert_true (depth_ok ("[\"it's\", [[1]]]", 3));
  g_assert_false (depth_ok ("[\"it's\", [[1]]]", 2));
}

static guint
node_depth (JsonNode *node)
{
  guint deepest = 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        deepest = MAX (deepest, node_depth (json_array_get_element (array, i)));
      return deepest + 1;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        deepest = MAX (deepest, node_depth (l->data));
      return deepest + 1;
    }
  return 0;
}

/* Where json-glib reads a text, the scan counts the depth it builds. */
static void
test_depth_agrees_with_parser (void)
{
  const char *texts[] = {
    "[[[1]]]", "{\"a\": [{\"b\": 1}]}", "['\"', [[1]]]", "['\\', [1]]",
    "{'a': '\"', 'b': {'c': [1]}}", "[/* \" */ [[1]]]", "[\"\\\"[\", [1]]",
    "[\"'\", [['x']]]", "[/* ' */ [1]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;
      guint depth;

      json_parser_load_from_data (parser, texts[i], -1, &error);
      g_assert_no_error (error);
      depth = node_depth (json_parser_get_root (parser));
      g_test_message ("%s: depth %u", texts[i], depth);
      g_assert_true (depth_ok (texts[i], depth));
      g_assert_false (depth_ok (texts[i], depth - 1));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/wire/json/depth-limit", test_depth_limit);
  g_test_add_func ("/wire/json/depth-siblings", test_depth_siblings);
  g_test_add_func ("/wire/json/depth-strings", test_depth_strings);
  g_test_add_func ("/wire/json/depth-unbalanced", test_depth_unbalanced);
  g_test_add_func ("/wire/json/depth-length", test_depth_length);
  g_test_add_func ("/wire/json/depth-single-quotes", test_depth_single_quotes);
  g_test_add_func ("/wire/json/depth-agrees-with-parser", test_depth_agrees_with_parser);
  return g_test_run ();
}
