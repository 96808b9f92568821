/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/export: the open data of a topic as JSON and CSV.
 */
#include "msk-srv-feedback.h"
#include "msk-srv-polls.h"
#include "msk-srv-surveys.h"
#include "msk-srv-topics.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- open data ----------------------------------------------------------- */

static JsonNode *
build_export (MskSrvCtx *ctx,
              gint64     id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt;
  gint64 participants;
  gboolean visible;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT kind, title_text_ar, title_text_en, opens_at, closes_at, "
                                "coalesce(results_published_at, 0) FROM topics WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  kind = g_strdup (msk_srv_col_text (stmt, 0));
  status = g_strdup (msk_srv_topic_status (ctx->now, sqlite3_column_int64 (stmt, 3),
                                           sqlite3_column_int64 (stmt, 4),
                                           sqlite3_column_int64 (stmt, 5)));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "topic");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  msk_srv_builder_add_loc_cols (b, "title", stmt, 1);
  msk_srv_builder_add_time (b, "opens_at", sqlite3_column_int64 (stmt, 3));
  msk_srv_builder_add_time (b, "closes_at", sqlite3_column_int64 (stmt, 4));
  json_builder_end_object (b);
  sqlite3_reset (stmt);
  msk_srv_builder_add_time (b, "generated_at", ctx->now);

  /* What was counted in a poll or a survey, even who voted or answered, goes
   * out only where its results show. */
  visible = msk_srv_topic_results_visible (ctx, id);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT count(DISTINCT user_id) FROM ("
                                " SELECT user_id FROM ballots WHERE topic_id = ?1 AND ?2"
                                " UNION SELECT user_id FROM survey_responses WHERE topic_id = ?1"
                                "   AND ?2"
                                " UNION SELECT user_id FROM comments WHERE topic_id = ?1"
                                " UNION SELECT user_id FROM ideas WHERE topic_id = ?1"
                                " UNION SELECT s.user_id FROM idea_supports s JOIN ideas i"
                                "   ON i.id = s.idea_id WHERE i.topic_id = ?1)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, visible);
  sqlite3_step (stmt);
  participants = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  json_builder_set_member_name (b, "participants");
  json_builder_add_int_value (b, participants);

  if (!visible)
    ;
  else if (g_str_equal (kind, "poll"))
    {
      json_builder_set_member_name (b, "poll");
      msk_srv_polls_add_results (ctx, b, id, status);
    }
  else if (g_str_equal (kind, "survey"))
    {
      g_autoptr(GArray) qids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) prompts = g_ptr_array_new_with_free_func (g_free);

      json_builder_set_member_name (b, "survey");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "responses");
      json_builder_add_int_value (b, msk_server_db_query_int (ctx->db,
                                                              "SELECT count(*) FROM "
                                                              "survey_responses WHERE "
                                                              "topic_id = ?", id));
      stmt = msk_server_db_prepare (ctx->db,
                                    "SELECT id, type, prompt_ar, prompt_en FROM survey_questions "
                                    "WHERE topic_id = ? ORDER BY position");
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 qid = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (qids, qid);
          g_ptr_array_add (types, g_strdup (msk_srv_col_text (stmt, 1)));
          g_ptr_array_add (prompts, g_strdup (msk_srv_col_text (stmt, 2)));
          g_ptr_array_add (prompts, g_strdup (msk_srv_col_text (stmt, 3)));
        }
      sqlite3_reset (stmt);

      json_builder_set_member_name (b, "questions");
      json_builder_begin_array (b);
      for (guint i = 0; i < qids->len; i++)
        {
          gint64 qid = g_array_index (qids, gint64, i);
          const char *type = types->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, qid);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, type);
          msk_srv_builder_add_loc (b, "prompt", prompts->pdata[2 * i], prompts->pdata[2 * i + 1]);
          json_builder_set_member_name (b, "answered");
          json_builder_add_int_value (b, msk_server_db_query_int (ctx->db,
                                                                  "SELECT count(DISTINCT "
                                                                  "response_id) FROM "
                                                                  "survey_answers WHERE "
                                                                  "question_id = ?", qid));
          if (g_str_has_suffix (type, "_option"))
            msk_srv_surveys_add_options (ctx, b, qid, TRUE);
          else if (g_str_equal (type, "yes_no"))
            {
              json_builder_set_member_name (b, "yes");
              json_builder_add_int_value (b, msk_server_db_query_int (
                ctx->db, "SELECT count(*) FROM survey_answers WHERE question_id = ? "
                "AND value_int = 1", qid));
              json_builder_set_member_name (b, "no");
              json_builder_add_int_value (b, msk_server_db_query_int (
                ctx->db, "SELECT count(*) FROM survey_answers WHERE question_id = ? "
                "AND value_int = 0", qid));
            }
          else if (g_str_equal (type, "rating"))
            {
              gint64 dist[5] = { 0 };
              gint64 total = 0, sum = 0;

              stmt = msk_server_db_prepare (ctx->db,
                                            "SELECT value_int, count(*) FROM survey_answers "
                                            "WHERE question_id = ? GROUP BY value_int");
              sqlite3_bind_int64 (stmt, 1, qid);
              while (sqlite3_step (stmt) == SQLITE_ROW)
                {
                  gint64 v = sqlite3_column_int64 (stmt, 0);
                  gint64 c = sqlite3_column_int64 (stmt, 1);

                  if (v >= 1 && v <= 5)
                    {
                      dist[v - 1] = c;
                      total += c;
                      sum += v * c;
                    }
                }
              sqlite3_reset (stmt);
              json_builder_set_member_name (b, "average");
              if (total > 0)
                json_builder_add_double_value (b, (double) ((sum * 100 + total / 2) / total)
                                               / 100.0);
              else
                json_builder_add_null_value (b);
              json_builder_set_member_name (b, "distribution");
              json_builder_begin_array (b);
              for (guint k = 0; k < 5; k++)
                json_builder_add_int_value (b, dist[k]);
              json_builder_end_array (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else if (g_str_equal (kind, "ideas"))
    {
      json_builder_set_member_name (b, "ideas");
      json_builder_begin_array (b);
      stmt = msk_server_db_prepare (ctx->db,
                                    "SELECT i.id, i.title, (SELECT count(*) FROM idea_supports s "
                                    "WHERE s.idea_id = i.id) AS n, i.assisted_by IS NOT NULL "
                                    "FROM ideas i WHERE i.topic_id = ? ORDER BY n DESC, i.id");
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, msk_srv_col_text (stmt, 1));
          json_builder_set_member_name (b, "support_count");
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 2));
          /* that it was made in an assisted session, never who helped */
          json_builder_set_member_name (b, "assisted");
          json_builder_add_boolean_value (b, sqlite3_column_int (stmt, 3));
          json_builder_end_object (b);
        }
      sqlite3_reset (stmt);
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "comments");
  json_builder_begin_object (b);
  {
    static const char * const states[] = { "published", "pending", "rejected" };

    for (guint i = 0; i < G_N_ELEMENTS (states); i++)
      {
        stmt = msk_server_db_prepare (ctx->db,
                                      "SELECT count(*) FROM comments WHERE topic_id = ? "
                                      "AND status = ?");
        sqlite3_bind_int64 (stmt, 1, id);
        sqlite3_bind_text (stmt, 2, states[i], -1, SQLITE_STATIC);
        sqlite3_step (stmt);
        json_builder_set_member_name (b, states[i]);
        json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
        sqlite3_reset (stmt);
      }
  }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "feedback");
  msk_srv_feedback_add_summary (ctx, b, id);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
export_json (MskSrvCtx *ctx)
{
  g_autoptr(JsonNode) root = NULL;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  root = build_export (ctx, id);
  if (root == NULL)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  msk_srv_ctx_reply_json (ctx, 200, root);
}

/* Writes one cell. A spreadsheet runs a cell that starts with = + - @ (or a
 * tab or a carriage return, which it skips) as a formula: such a cell gets a
 * leading single quote and stays quoted, so that it reads as text. */
static void
csv_field (GString    *out,
           const char *value)
{
  gboolean formula;

  if (value == NULL)
    return;
  formula = value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
  if (!formula && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* One row; the last column, "assisted", says whether the row is one
 * submission made in an assisted session (never who helped): false for
 * counts. */
static void
csv_row_full (GString    *out,
              const char *section,
              gint64      item_id,
              JsonObject *label,
              const char *metric,
              const char *value,
              gboolean    assisted)
{
  g_autofree char *id = item_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, item_id) : NULL;

  csv_field (out, section);
  g_string_append_c (out, ',');
  csv_field (out, id);
  g_string_append_c (out, ',');
  csv_field (out, label != NULL ? json_object_get_string_member (label, "ar") : NULL);
  g_string_append_c (out, ',');
  csv_field (out, label != NULL ? json_object_get_string_member (label, "en") : NULL);
  g_string_append_c (out, ',');
  csv_field (out, metric);
  g_string_append_c (out, ',');
  csv_field (out, value);
  g_string_append_c (out, ',');
  csv_field (out, assisted ? "true" : "false");
  g_string_append (out, "\r\n");
}

static void
csv_row (GString    *out,
         const char *section,
         gint64      item_id,
         JsonObject *label,
         const char *metric,
         const char *value)
{
  csv_row_full (out, section, item_id, label, metric, value, FALSE);
}

static void
csv_int_full (GString    *out,
              const char *section,
              gint64      item_id,
              JsonObject *label,
              const char *metric,
              gint64      value,
              gboolean    assisted)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  csv_row_full (out, section, item_id, label, metric, v, assisted);
}

static void
csv_int (GString    *out,
         const char *section,
         gint64      item_id,
         JsonObject *label,
         const char *metric,
         gint64      value)
{
  csv_int_full (out, section, item_id, label, metric, value, FALSE);
}

static void
export_csv (MskSrvCtx *ctx)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) out = g_string_new ("section,item_id,label_ar,label_en,metric,value,"
                                         "assisted\r\n");
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *o, *topic, *obj;
  gint64 id;
  gsize len;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  root = build_export (ctx, id);
  if (root == NULL)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  o = json_node_get_object (root);
  topic = json_object_get_object_member (o, "topic");
  csv_row (out, "topic", id, json_object_get_object_member (topic, "title"), "kind",
           json_object_get_string_member (topic, "kind"));
  csv_row (out, "topic", id, NULL, "status", json_object_get_string_member (topic, "status"));
  csv_row (out, "topic", id, NULL, "opens_at", json_object_get_string_member (topic, "opens_at"));
  csv_row (out, "topic", id, NULL, "closes_at",
           json_object_get_string_member (topic, "closes_at"));
  csv_int (out, "topic", id, NULL, "participants",
           json_object_get_int_member (o, "participants"));

  if (json_object_has_member (o, "poll"))
    {
      JsonObject *poll = json_object_get_object_member (o, "poll");
      JsonArray *opts = json_object_get_array_member (poll, "options");

      csv_int (out, "topic", id, NULL, "total_ballots",
               json_object_get_int_member (poll, "total_ballots"));
      for (guint i = 0; i < json_array_get_length (opts); i++)
        {
          JsonObject *opt = json_array_get_object_element (opts, i);
          char pct[G_ASCII_DTOSTR_BUF_SIZE];

          csv_int (out, "poll_option", json_object_get_int_member (opt, "id"),
                   json_object_get_object_member (opt, "label"), "count",
                   json_object_get_int_member (opt, "count"));
          g_ascii_formatd (pct, sizeof pct, "%.1f", json_object_get_double_member (opt, "percent"));
          csv_row (out, "poll_option", json_object_get_int_member (opt, "id"), NULL, "percent",
                   pct);
        }
    }
  if (json_object_has_member (o, "survey"))
    {
      JsonObject *survey = json_object_get_object_member (o, "survey");
      JsonArray *qs = json_object_get_array_member (survey, "questions");

      csv_int (out, "topic", id, NULL, "responses",
               json_object_get_int_member (survey, "responses"));
      for (guint i = 0; i < json_array_get_length (qs); i++)
        {
          JsonObject *q = json_array_get_object_element (qs, i);
          gint64 qid = json_object_get_int_member (q, "id");

          csv_row (out, "survey_question", qid, json_object_get_object_member (q, "prompt"),
                   "type", json_object_get_string_member (q, "type"));
          csv_int (out, "survey_question", qid, NULL, "answered",
                   json_object_get_int_member (q, "answered"));
          if (json_object_has_member (q, "options"))
            {
              JsonArray *opts = json_object_get_array_member (q, "options");

              for (guint k = 0; k < json_array_get_length (opts); k++)
                {
                  JsonObject *opt = json_array_get_object_element (opts, k);

                  csv_int (out, "survey_option", json_object_get_int_member (opt, "id"),
                           json_object_get_object_member (opt, "label"), "count",
                           json_object_get_int_member (opt, "count"));
                }
            }
          if (json_object_has_member (q, "yes"))
            {
              csv_int (out, "survey_question", qid, NULL, "yes",
                       json_object_get_int_member (q, "yes"));
              csv_int (out, "survey_question", qid, NULL, "no",
                       json_object_get_int_member (q, "no"));
            }
          if (json_object_has_member (q, "distribution"))
            {
              JsonArray *dist = json_object_get_array_member (q, "distribution");

              for (guint k = 0; k < 5; k++)
                {
                  g_autofree char *metric = g_strdup_printf ("rating_%u", k + 1);

                  csv_int (out, "survey_question", qid, NULL, metric,
                           json_array_get_int_element (dist, k));
                }
            }
        }
    }
  if (json_object_has_member (o, "ideas"))
    {
      JsonArray *ideas = json_object_get_array_member (o, "ideas");

      for (guint i = 0; i < json_array_get_length (ideas); i++)
        {
          JsonObject *idea = json_array_get_object_element (ideas, i);
          g_autoptr(JsonObject) label = json_object_new ();

          json_object_set_string_member (label, "ar", json_object_get_string_member (idea,
                                                                                    "title"));
          json_object_set_string_member (label, "en", json_object_get_string_member (idea,
                                                                                    "title"));
          csv_int_full (out, "idea", json_object_get_int_member (idea, "id"), label, "supports",
                        json_object_get_int_member (idea, "support_count"),
                        json_object_get_boolean_member (idea, "assisted"));
        }
    }
  obj = json_object_get_object_member (o, "comments");
  csv_int (out, "comments", 0, NULL, "published", json_object_get_int_member (obj, "published"));
  csv_int (out, "comments", 0, NULL, "pending", json_object_get_int_member (obj, "pending"));
  csv_int (out, "comments", 0, NULL, "rejected", json_object_get_int_member (obj, "rejected"));
  obj = json_object_get_object_member (o, "feedback");
  csv_int (out, "feedback", 0, NULL, "useful", json_object_get_int_member (obj, "useful"));
  csv_int (out, "feedback", 0, NULL, "not_useful", json_object_get_int_member (obj, "not_useful"));
  {
    JsonObject *reasons = json_object_get_object_member (obj, "reasons");
    g_autoptr(GList) names = json_object_get_members (reasons);

    for (GList *l = names; l != NULL; l = l->next)
      {
        g_autofree char *metric = g_strconcat ("reason_", (const char *) l->data, NULL);

        csv_int (out, "feedback", 0, NULL, metric,
                 json_object_get_int_member (reasons, l->data));
      }
  }

  len = out->len;
  bytes = g_bytes_new_take (g_string_free (g_steal_pointer (&out), FALSE), len);
  msk_srv_ctx_reply_bytes (ctx, 200, "text/csv; charset=utf-8", bytes);
  {
    g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"topic-%"
                                                    G_GINT64_FORMAT ".csv\"", id);

    msk_srv_ctx_add_header (ctx, "Content-Disposition", disposition);
  }
}

const MskSrvRouteDef msk_srv_export_routes[] = {
  { "GET", "/v1/export/{topic_id}.csv", export_csv },
  { "GET", "/v1/export/{topic_id}.json", export_json },
};
const gsize msk_srv_export_n_routes = G_N_ELEMENTS (msk_srv_export_routes);
