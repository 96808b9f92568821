/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The JSON limits of the wire, shared by the server (request bodies) and the
 * core (replies): json-glib's parser recurses once per level of nesting, so
 * the depth is checked on the text before it runs.
 */
#include "msk-wire-json.h"

/**
 * msk_wire_json_depth_ok:
 * @data: a JSON text (not necessarily nul-terminated)
 * @length: its length in bytes
 * @max_depth: the deepest nesting of arrays and objects accepted
 *
 * The scan reads the text as json-glib's scanner does: besides JSON's
 * double-quoted strings (with backslash escapes) it takes single-quoted
 * strings (in which a backslash is a character like any other) and skips
 * C comments. A quote inside any of them hides nothing after it.
 *
 * Returns: whether the arrays and objects of @data nest no deeper than
 *   @max_depth. Brackets inside strings and comments do not count; a
 *   closing bracket without an opening one never makes room for more depth.
 */
gboolean
msk_wire_json_depth_ok (const char *data,
                        gsize       length,
                        guint       max_depth)
{
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      switch (data[i])
        {
        case '"':
          /* to the closing quote; a backslash escapes the next byte */
          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          break;
        case '\'':
          /* to the next single quote: no escapes in these */
          for (i++; i < length && data[i] != '\''; i++)
            ;
          break;
        case '/':
          /* a comment, to its end */
          if (i + 1 < length && data[i + 1] == '*')
            {
              for (i += 2; i + 1 < length && !(data[i] == '*' && data[i + 1] == '/'); i++)
                ;
              i++;
            }
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}
