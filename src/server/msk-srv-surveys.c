/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/surveys: one survey and its responses.
 */
#include "msk-srv-surveys.h"
#include "msk-srv-topics.h"
#include "msk-srv-assisted.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- surveys ------------------------------------------------------------- */

void
msk_srv_surveys_add_options (MskSrvCtx   *ctx,
                             JsonBuilder *b,
                             gint64       question_id,
                             gboolean     counts)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT o.id, o.label_ar, o.label_en, "
                                              "(SELECT count(*) FROM survey_answers a "
                                              " WHERE a.question_id = o.question_id "
                                              " AND a.value_int = o.id) "
                                              "FROM survey_options o WHERE o.question_id = ? "
                                              "ORDER BY o.position");

  sqlite3_bind_int64 (stmt, 1, question_id);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      msk_srv_builder_add_loc_cols (b, "label", stmt, 1);
      if (counts)
        {
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 3));
        }
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
}

static void
get_survey (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *status = NULL;
  g_autoptr(GArray) qids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_topic_lookup (ctx, id, "survey", &status))
    return;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT title_text_ar, title_text_en FROM topics WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_step (stmt);
  msk_srv_builder_add_loc_cols (b, "title", stmt, 0);
  sqlite3_reset (stmt);

  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, position, type, required, max_length, prompt_ar, "
                                "prompt_en, help_ar, help_en FROM survey_questions "
                                "WHERE topic_id = ? ORDER BY position");
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = msk_srv_col_text (stmt, 2);
      gint64 qid = sqlite3_column_int64 (stmt, 0);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, qid);
      json_builder_set_member_name (b, "position");
      json_builder_add_int_value (b, sqlite3_column_int (stmt, 1));
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, type);
      json_builder_set_member_name (b, "required");
      json_builder_add_boolean_value (b, sqlite3_column_int (stmt, 3));
      msk_srv_builder_add_loc_cols (b, "prompt", stmt, 5);
      if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
        {
          json_builder_set_member_name (b, "help");
          json_builder_add_null_value (b);
        }
      else
        msk_srv_builder_add_loc_cols (b, "help", stmt, 7);
      if (g_str_has_suffix (type, "_answer"))
        {
          json_builder_set_member_name (b, "max_length");
          json_builder_add_int_value (b, sqlite3_column_int (stmt, 4));
        }
      else if (g_str_equal (type, "rating"))
        {
          json_builder_set_member_name (b, "min");
          json_builder_add_int_value (b, 1);
          json_builder_set_member_name (b, "max");
          json_builder_add_int_value (b, 5);
        }
      /* options are added after this statement is done */
      json_builder_end_object (b);
      g_array_append_val (qids, qid);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "responded");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_end_object (b);

  /* Fill in options and "responded" on the built tree. */
  {
    g_autoptr(JsonNode) root = json_builder_get_root (b);
    JsonObject *survey = json_node_get_object (root);
    JsonArray *questions = json_object_get_array_member (survey, "questions");
    gboolean responded = FALSE;

    for (guint i = 0; i < json_array_get_length (questions); i++)
      {
        JsonObject *q = json_array_get_object_element (questions, i);
        const char *type = json_object_get_string_member (q, "type");

        if (g_str_has_suffix (type, "_option"))
          {
            g_autoptr(JsonBuilder) ob = json_builder_new ();
            g_autoptr(JsonNode) onode = NULL;

            json_builder_begin_object (ob);
            msk_srv_surveys_add_options (ctx, ob, g_array_index (qids, gint64, i), FALSE);
            json_builder_end_object (ob);
            onode = json_builder_get_root (ob);
            json_object_set_member (q, "options",
                                    json_node_copy (json_object_get_member (
                                      json_node_get_object (onode), "options")));
          }
      }
    if (ctx->user_id != 0)
      {
        stmt = msk_server_db_prepare (ctx->db,
                                      "SELECT count(*) FROM survey_responses "
                                      "WHERE topic_id = ? AND user_id = ?");
        sqlite3_bind_int64 (stmt, 1, id);
        sqlite3_bind_int64 (stmt, 2, ctx->user_id);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          responded = sqlite3_column_int64 (stmt, 0) > 0;
        sqlite3_reset (stmt);
      }
    json_object_set_boolean_member (survey, "responded", responded);
    msk_srv_ctx_reply_json (ctx, 200, root);
  }
}

static gboolean
node_is_blank_string (JsonNode *node)
{
  g_autofree char *s = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  s = g_strstrip (g_strdup (json_node_get_string (node)));
  return *s == '\0';
}

typedef struct
{
  gint64 id;
  char *type;
  gboolean required;
  int max_length;
} MskSrvQuestion;

static void
msk_srv_question_clear (gpointer data)
{
  MskSrvQuestion *q = data;

  g_free (q->type);
}

static void
post_survey_response (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "answers", MSK_SRV_FIELD_ARRAY, TRUE, 0, 200 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(GArray) questions = g_array_new (FALSE, TRUE, sizeof (MskSrvQuestion));
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *obj;
  JsonArray *arr;
  sqlite3_stmt *stmt;
  gint64 id, response_id, assisted_by;

  g_array_set_clear_func (questions, msk_srv_question_clear);

  obj = msk_srv_topic_participation_body (ctx, "survey", fields, G_N_ELEMENTS (fields), errors,
                                          &id);
  if (obj == NULL)
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT count(*) FROM survey_responses "
                                "WHERE topic_id = ? AND user_id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_step (stmt);
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      sqlite3_reset (stmt);
      msk_srv_ctx_problem (ctx, "already-responded", NULL);
      return;
    }
  sqlite3_reset (stmt);

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, type, required, max_length FROM survey_questions "
                                "WHERE topic_id = ? ORDER BY position");
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MskSrvQuestion q = {
        sqlite3_column_int64 (stmt, 0), g_strdup (msk_srv_col_text (stmt, 1)),
        sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
      };
      g_array_append_val (questions, q);
    }
  sqlite3_reset (stmt);

  /* Shape of each answer */
  arr = json_object_get_array_member (obj, "answers");
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *el = json_array_get_element (arr, i);
      g_autofree char *pointer = g_strdup_printf ("/answers/%u", i);
      JsonObject *a;
      JsonNode *qnode;
      gboolean known = FALSE;
      gint64 qid;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          msk_srv_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          continue;
        }
      a = json_node_get_object (el);
      members = json_object_get_members (a);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "question_id") && !g_str_equal (l->data, "value"))
          {
            g_autofree char *p = g_strdup_printf ("%s/%s", pointer, (const char *) l->data);

            msk_srv_errors_add (ctx, errors, p, 0, "unknown-field", 0);
          }
      qnode = json_object_get_member (a, "question_id");
      if (qnode == NULL || !JSON_NODE_HOLDS_VALUE (qnode) ||
          json_node_get_value_type (qnode) != G_TYPE_INT64)
        {
          g_autofree char *p = g_strconcat (pointer, "/question_id", NULL);

          msk_srv_errors_add (ctx, errors, p, 0, qnode == NULL ? "required" : "wrong-type", 0);
          continue;
        }
      qid = json_node_get_int (qnode);
      for (guint j = 0; j < questions->len; j++)
        if (g_array_index (questions, MskSrvQuestion, j).id == qid)
          known = TRUE;
      if (!known)
        {
          g_autofree char *p = g_strconcat (pointer, "/question_id", NULL);

          msk_srv_errors_add (ctx, errors, p, 0, "invalid-value", 0);
          continue;
        }
      if (g_hash_table_lookup (answers, &qid) != NULL)
        {
          g_autofree char *p = g_strconcat (pointer, "/question_id", NULL);

          msk_srv_errors_add (ctx, errors, p, qid, "duplicate", 0);
          continue;
        }
      {
        gint64 *key = g_new (gint64, 1);

        *key = qid;
        g_hash_table_insert (answers, key, GUINT_TO_POINTER (i + 1));
      }
    }

  /* Each question against its rules */
  for (guint j = 0; j < questions->len; j++)
    {
      MskSrvQuestion *q = &g_array_index (questions, MskSrvQuestion, j);
      gpointer idx = g_hash_table_lookup (answers, &q->id);
      JsonNode *value = NULL;
      g_autofree char *pointer = NULL;
      gboolean empty;

      if (idx != NULL)
        {
          guint i = GPOINTER_TO_UINT (idx) - 1;

          value = json_object_get_member (json_array_get_object_element (arr, i), "value");
          pointer = g_strdup_printf ("/answers/%u/value", i);
        }
      else
        pointer = g_strdup ("/answers");

      empty = value == NULL || JSON_NODE_HOLDS_NULL (value) ||
              node_is_blank_string (value) ||
              (JSON_NODE_HOLDS_ARRAY (value) &&
               json_array_get_length (json_node_get_array (value)) == 0);
      if (empty)
        {
          if (q->required)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "required", 0);
          continue;
        }

      if (g_str_equal (q->type, "single_option"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
          else if (msk_server_db_query_int (ctx->db, "SELECT question_id FROM survey_options "
                                            "WHERE id = ?", json_node_get_int (value)) != q->id)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "invalid-option", 0);
        }
      else if (g_str_equal (q->type, "multiple_option"))
        {
          JsonArray *choices;
          g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);

          if (!JSON_NODE_HOLDS_ARRAY (value))
            {
              msk_srv_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
              continue;
            }
          choices = json_node_get_array (value);
          for (guint k = 0; k < json_array_get_length (choices); k++)
            {
              JsonNode *c = json_array_get_element (choices, k);
              gint64 *opt;

              if (!JSON_NODE_HOLDS_VALUE (c) || json_node_get_value_type (c) != G_TYPE_INT64)
                {
                  msk_srv_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
                  break;
                }
              opt = g_new (gint64, 1);
              *opt = json_node_get_int (c);
              if (msk_server_db_query_int (ctx->db, "SELECT question_id FROM survey_options "
                                           "WHERE id = ?", *opt) != q->id)
                {
                  g_free (opt);
                  msk_srv_errors_add (ctx, errors, pointer, q->id, "invalid-option", 0);
                  break;
                }
              if (!g_hash_table_add (seen, opt))
                {
                  msk_srv_errors_add (ctx, errors, pointer, q->id, "duplicate", 0);
                  break;
                }
            }
        }
      else if (g_str_equal (q->type, "rating"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
          else if (json_node_get_int (value) < 1 || json_node_get_int (value) > 5)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "out-of-range", 0);
        }
      else if (g_str_equal (q->type, "yes_no"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
        }
      else
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
          else if (q->max_length > 0 &&
                   g_utf8_strlen (json_node_get_string (value), -1) > q->max_length)
            msk_srv_errors_add (ctx, errors, pointer, q->id, "too-long", q->max_length);
        }
    }

  if (msk_srv_ctx_problem_if_errors (ctx, errors) ||
      !msk_srv_assisted_lookup (ctx, &assisted_by))
    return;

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO survey_responses (topic_id, user_id, created_at, "
                                "assisted_by) VALUES (?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  msk_srv_assisted_bind (stmt, 4, assisted_by);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  response_id = msk_server_db_last_insert_id (ctx->db);

  for (guint j = 0; j < questions->len; j++)
    {
      MskSrvQuestion *q = &g_array_index (questions, MskSrvQuestion, j);
      gpointer idx = g_hash_table_lookup (answers, &q->id);
      JsonNode *value;

      if (idx == NULL)
        continue;
      value = json_object_get_member (json_array_get_object_element (arr,
                                                                     GPOINTER_TO_UINT (idx) - 1),
                                      "value");
      if (JSON_NODE_HOLDS_NULL (value) || node_is_blank_string (value))
        continue;

      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *choices = json_node_get_array (value);

          for (guint k = 0; k < json_array_get_length (choices); k++)
            {
              stmt = msk_server_db_prepare (ctx->db,
                                            "INSERT INTO survey_answers (response_id, "
                                            "question_id, value_int) VALUES (?, ?, ?)");
              sqlite3_bind_int64 (stmt, 1, response_id);
              sqlite3_bind_int64 (stmt, 2, q->id);
              sqlite3_bind_int64 (stmt, 3, json_array_get_int_element (choices, k));
              sqlite3_step (stmt);
              sqlite3_reset (stmt);
            }
          continue;
        }

      stmt = msk_server_db_prepare (ctx->db,
                                    "INSERT INTO survey_answers (response_id, question_id, "
                                    "value_int, value_text) VALUES (?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, response_id);
      sqlite3_bind_int64 (stmt, 2, q->id);
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        sqlite3_bind_text (stmt, 4, json_node_get_string (value), -1, SQLITE_TRANSIENT);
      else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        sqlite3_bind_int64 (stmt, 3, json_node_get_boolean (value));
      else
        sqlite3_bind_int64 (stmt, 3, json_node_get_int (value));
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (!msk_server_db_commit (ctx->db))
    {
      msk_srv_ctx_problem (ctx, "internal", NULL);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, response_id);
  json_builder_set_member_name (b, "survey_id");
  json_builder_add_int_value (b, id);
  msk_srv_builder_add_time (b, "submitted_at", ctx->now);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 201, b);
}

const MskSrvRouteDef msk_srv_surveys_routes[] = {
  { "GET", "/v1/surveys/{survey_id}", get_survey },
  { "POST", "/v1/surveys/{survey_id}/responses", post_survey_response },
};
const gsize msk_srv_surveys_n_routes = G_N_ELEMENTS (msk_srv_surveys_routes);
