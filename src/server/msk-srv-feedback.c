/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/feedback and /v1/topics/{topic_id}/feedback: whether a page was useful.
 */
#include "msk-srv-feedback.h"
#include "msk-srv-topics.h"
#include "msk-srv-assisted.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- page feedback ------------------------------------------------------- */

static const char * const feedback_reasons[] = {
  "clear", "complete", "helpful", "unclear", "incomplete", "outdated", "hard_to_read",
  "not_relevant", "other", NULL
};

static void
post_feedback (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "topic_id", MSK_SRV_FIELD_INT, TRUE, 1, 0 },
    { "useful", MSK_SRV_FIELD_BOOL, TRUE, 0, 0 },
    { "reasons", MSK_SRV_FIELD_STRING_ARRAY, TRUE, 0, 9 },
    { "comment", MSK_SRV_FIELD_STRING, FALSE, 0, 500 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GString) reasons = g_string_new (NULL);
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 topic, assisted_by;

  obj = msk_srv_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0)
    {
      JsonArray *arr = json_object_get_array_member (obj, "reasons");

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          const char *r = json_array_get_string_element (arr, i);
          g_autofree char *pointer = g_strdup_printf ("/reasons/%u", i);
          g_autofree char *needle = g_strconcat (",", r, ",", NULL);
          g_autofree char *hay = g_strconcat (",", reasons->str, ",", NULL);

          if (!msk_srv_in_list (feedback_reasons, r))
            msk_srv_errors_add (ctx, errors, pointer, 0, "invalid-value", 0);
          else if (strstr (hay, needle) != NULL)
            msk_srv_errors_add (ctx, errors, pointer, 0, "duplicate", 0);
          else
            g_string_append_printf (reasons, "%s%s", reasons->len > 0 ? "," : "", r);
        }
    }
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return;
  topic = json_object_get_int_member (obj, "topic_id");
  if (!msk_srv_topic_lookup (ctx, topic, NULL, NULL) ||
      !msk_srv_assisted_lookup (ctx, &assisted_by))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO feedback (topic_id, useful, reasons, comment, "
                                "created_at, assisted_by) VALUES (?, ?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, topic);
  sqlite3_bind_int (stmt, 2, json_object_get_boolean_member (obj, "useful"));
  sqlite3_bind_text (stmt, 3, reasons->str, -1, SQLITE_TRANSIENT);
  if (json_object_has_member (obj, "comment") &&
      !json_node_is_null (json_object_get_member (obj, "comment")))
    sqlite3_bind_text (stmt, 4, json_object_get_string_member (obj, "comment"), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, ctx->now);
  msk_srv_assisted_bind (stmt, 6, assisted_by);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      msk_srv_ctx_problem (ctx, "internal", NULL);
      return;
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, topic);
  msk_srv_builder_add_time (b, "received_at", ctx->now);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 201, b);
}

void
msk_srv_feedback_add_summary (MskSrvCtx   *ctx,
                              JsonBuilder *b,
                              gint64       topic)
{
  sqlite3_stmt *stmt;
  gint64 useful = 0, not_useful = 0;
  gint64 counts[G_N_ELEMENTS (feedback_reasons)] = { 0 };

  stmt = msk_server_db_prepare (ctx->db, "SELECT useful, reasons FROM feedback "
                                "WHERE topic_id = ?");
  sqlite3_bind_int64 (stmt, 1, topic);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_auto(GStrv) rs = g_strsplit (msk_srv_col_text (stmt, 1), ",", -1);

      if (sqlite3_column_int (stmt, 0))
        useful++;
      else
        not_useful++;
      for (guint i = 0; rs[i] != NULL; i++)
        for (guint k = 0; feedback_reasons[k] != NULL; k++)
          if (g_str_equal (rs[i], feedback_reasons[k]))
            counts[k]++;
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, topic);
  json_builder_set_member_name (b, "useful");
  json_builder_add_int_value (b, useful);
  json_builder_set_member_name (b, "not_useful");
  json_builder_add_int_value (b, not_useful);
  json_builder_set_member_name (b, "reasons");
  json_builder_begin_object (b);
  for (guint k = 0; feedback_reasons[k] != NULL; k++)
    {
      json_builder_set_member_name (b, feedback_reasons[k]);
      json_builder_add_int_value (b, counts[k]);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

static void
get_topic_feedback (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_topic_lookup (ctx, id, NULL, NULL))
    return;
  msk_srv_feedback_add_summary (ctx, b, id);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

const MskSrvRouteDef msk_srv_feedback_routes[] = {
  { "GET", "/v1/topics/{topic_id}/feedback", get_topic_feedback },
  { "POST", "/v1/feedback", post_feedback },
};
const gsize msk_srv_feedback_n_routes = G_N_ELEMENTS (msk_srv_feedback_routes);
