/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Body validation: decoded text that must be UTF-8, the members of a JSON
 * body against a table of fields, and the list of errors a 422 reply carries.
 */
#include "msk-srv-validate.h"

#include <string.h>

void
msk_srv_errors_add (MskSrvCtx  *ctx,
                    JsonArray  *errors,
                    const char *field,
                    gint64      question_id,
                    const char *code,
                    gint64      n)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *message = msk_server_field_message (code, ctx->lang, n);

  json_object_set_string_member (obj, "field", field);
  if (question_id > 0)
    json_object_set_int_member (obj, "question_id", question_id);
  json_object_set_string_member (obj, "code", code);
  json_object_set_string_member (obj, "message", message);
  json_array_add_object_element (errors, obj);
}

/* Replies 400 invalid-utf8 naming @field (a JSON pointer or a parameter
 * name, itself perhaps not UTF-8). */
void
msk_srv_validate_problem_utf8 (MskSrvCtx  *ctx,
                               const char *field)
{
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autofree char *valid = g_utf8_make_valid (field, -1);

  msk_srv_errors_add (ctx, errors, valid, 0, "invalid-utf8", 0);
  msk_srv_ctx_problem_with_errors (ctx, "invalid-utf8", errors);
}

/* Appends a member name to a JSON pointer (RFC 6901). */
static char *
pointer_append (const char *pointer,
                const char *name)
{
  GString *s = g_string_new (pointer);

  g_string_append_c (s, '/');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (s, "~0");
      else if (*p == '/')
        g_string_append (s, "~1");
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* The pointer to the first string or member name in @node that is not
 * UTF-8, or NULL. */
static char *
find_invalid_utf8 (JsonNode   *node,
                   const char *pointer)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (obj);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = pointer_append (pointer, l->data);
          char *bad;

          if (!g_utf8_validate (l->data, -1, NULL))
            return g_steal_pointer (&child);
          bad = find_invalid_utf8 (json_object_get_member (obj, l->data), child);
          if (bad != NULL)
            return bad;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s/%u", pointer, i);
          char *bad = find_invalid_utf8 (json_array_get_element (arr, i), child);

          if (bad != NULL)
            return bad;
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           !g_utf8_validate (json_node_get_string (node), -1, NULL))
    return g_strdup (pointer);
  return NULL;
}

/* A body in valid UTF-8 can still decode into text that is not: JSON
 * escapes such as a lone \ud800, percent-escapes in a form. Checks every
 * decoded string, member name and form name and value; replies 400 naming
 * the first that is not UTF-8 and returns FALSE. */
gboolean
msk_srv_validate_decoded_text (MskSrvCtx *ctx)
{
  g_autofree char *bad = NULL;

  if (ctx->json != NULL)
    bad = find_invalid_utf8 (ctx->json, "");
  for (guint i = 0; bad == NULL && ctx->form != NULL && i + 1 < ctx->form->len; i += 2)
    if (!g_utf8_validate (ctx->form->pdata[i], -1, NULL) ||
        !g_utf8_validate (ctx->form->pdata[i + 1], -1, NULL))
      bad = g_strdup (ctx->form->pdata[i]);
  if (bad == NULL)
    return TRUE;
  msk_srv_validate_problem_utf8 (ctx, bad);
  return FALSE;
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* Checks the body against @fields. Returns the object (owned by ctx) or
 * NULL after replying 400 when there is no JSON object at all; the caller
 * replies 422 when @errors is not empty. */
JsonObject *
msk_srv_validate_body (MskSrvCtx         *ctx,
                       const MskSrvField *fields,
                       gsize              n_fields,
                       JsonArray         *errors)
{
  JsonObject *obj;
  g_autoptr(GList) members = NULL;

  if (ctx->json == NULL || !JSON_NODE_HOLDS_OBJECT (ctx->json))
    {
      msk_srv_ctx_problem (ctx, "bad-request", "body-not-object");
      return NULL;
    }
  obj = json_node_get_object (ctx->json);

  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].name, l->data))
          known = TRUE;
      if (!known)
        {
          g_autofree char *pointer = g_strconcat ("/", (const char *) l->data, NULL);

          msk_srv_errors_add (ctx, errors, pointer, 0, "unknown-field", 0);
        }
    }

  for (gsize i = 0; i < n_fields; i++)
    {
      const MskSrvField *f = &fields[i];
      JsonNode *node = json_object_get_member (obj, f->name);
      g_autofree char *pointer = g_strconcat ("/", f->name, NULL);

      if (node == NULL || (JSON_NODE_HOLDS_NULL (node) && f->type != MSK_SRV_FIELD_INT_OR_NULL))
        {
          if (f->required)
            msk_srv_errors_add (ctx, errors, pointer, 0, "required", 0);
          continue;
        }

      switch (f->type)
        {
        case MSK_SRV_FIELD_STRING:
          if (!node_is_string (node))
            msk_srv_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else
            {
              const char *s = json_node_get_string (node);
              glong len = g_utf8_strlen (s, -1);
              g_autofree char *stripped = g_strstrip (g_strdup (s));

              if (f->required && *stripped == '\0')
                msk_srv_errors_add (ctx, errors, pointer, 0, "required", 0);
              else if (f->min > 0 && len < f->min)
                msk_srv_errors_add (ctx, errors, pointer, 0, "too-short", f->min);
              else if (f->max > 0 && len > f->max)
                msk_srv_errors_add (ctx, errors, pointer, 0, "too-long", f->max);
            }
          break;

        case MSK_SRV_FIELD_INT:
        case MSK_SRV_FIELD_INT_OR_NULL:
          if (JSON_NODE_HOLDS_NULL (node))
            break;
          if (!node_is_int (node))
            msk_srv_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else
            {
              gint64 v = json_node_get_int (node);

              if (v < f->min || (f->max != 0 && v > f->max))
                msk_srv_errors_add (ctx, errors, pointer, 0, "out-of-range", 0);
            }
          break;

        case MSK_SRV_FIELD_BOOL:
          if (!node_is_bool (node))
            msk_srv_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          break;

        case MSK_SRV_FIELD_INT_ARRAY:
        case MSK_SRV_FIELD_STRING_ARRAY:
          if (!JSON_NODE_HOLDS_ARRAY (node))
            msk_srv_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else
            {
              JsonArray *arr = json_node_get_array (node);
              guint len = json_array_get_length (arr);

              if (len == 0 && f->required)
                msk_srv_errors_add (ctx, errors, pointer, 0, "required", 0);
              else if (f->max > 0 && len > f->max)
                msk_srv_errors_add (ctx, errors, pointer, 0, "too-many", f->max);
              for (guint j = 0; j < len; j++)
                {
                  JsonNode *el = json_array_get_element (arr, j);
                  gboolean ok = f->type == MSK_SRV_FIELD_INT_ARRAY ? node_is_int (el)
                                                               : node_is_string (el);
                  if (!ok)
                    {
                      g_autofree char *p = g_strdup_printf ("/%s/%u", f->name, j);

                      msk_srv_errors_add (ctx, errors, p, 0, "wrong-type", 0);
                    }
                }
            }
          break;

        case MSK_SRV_FIELD_ARRAY:
          if (!JSON_NODE_HOLDS_ARRAY (node))
            msk_srv_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else if (f->max > 0 && json_array_get_length (json_node_get_array (node)) > f->max)
            msk_srv_errors_add (ctx, errors, pointer, 0, "too-many", f->max);
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return obj;
}

const char *
msk_srv_optional_string (JsonObject *obj,
                         const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}
