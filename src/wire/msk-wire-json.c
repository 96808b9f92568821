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
 * Returns: whether the arrays and objects of @data nest no deeper than
 *   @max_depth. Brackets inside strings do not count; a closing bracket
 *   without an opening one never makes room for more depth.
 */
gboolean
msk_wire_json_depth_ok (const char *data,
                        gsize       length,
                        guint       max_depth)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
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
