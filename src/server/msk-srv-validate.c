/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Body validation: the members of a JSON body against a table of fields,
 * and the list of errors a 422 reply carries.
 */
#include "msk-srv-validate.h"

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
