/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The JSON limits the server and the core share (src/wire). */
#include "config.h"

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
  return g_test_run ();
}
