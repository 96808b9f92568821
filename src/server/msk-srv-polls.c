/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/polls: one poll, the signed-in user's ballot, and the results.
 */
#include "msk-srv-polls.h"
#include "msk-srv-topics.h"
#include "msk-srv-assisted.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

static gint64 user_ballot_id (MskSrvCtx *ctx,
                              gint64     poll_id);

void
msk_srv_polls_add_poll (MskSrvCtx   *ctx,
                        JsonBuilder *b,
                        gint64       id,
                        const char  *status,
                        const char  *question_ar,
                        const char  *question_en,
                        gboolean     multiple,
                        int          max_choices,
                        const char  *visibility)
{
  sqlite3_stmt *stmt;
  gint64 ballot = user_ballot_id (ctx, id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  msk_srv_builder_add_loc (b, "question", question_ar, question_en);
  json_builder_set_member_name (b, "multiple");
  json_builder_add_boolean_value (b, multiple);
  json_builder_set_member_name (b, "max_choices");
  json_builder_add_int_value (b, multiple ? max_choices : 1);
  json_builder_set_member_name (b, "results_visibility");
  json_builder_add_string_value (b, visibility);

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, label_ar, label_en FROM poll_options "
                                "WHERE topic_id = ? ORDER BY position");
  sqlite3_bind_int64 (stmt, 1, id);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      msk_srv_builder_add_loc_cols (b, "label", stmt, 1);
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "my_ballot");
  if (ballot == 0)
    json_builder_add_null_value (b);
  else
    {
      stmt = msk_server_db_prepare (ctx->db,
                                    "SELECT option_id FROM ballot_choices WHERE ballot_id = ? "
                                    "ORDER BY option_id");
      sqlite3_bind_int64 (stmt, 1, ballot);
      json_builder_begin_array (b);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      json_builder_end_array (b);
      sqlite3_reset (stmt);
    }
  json_builder_end_object (b);
}

/* ---- polls --------------------------------------------------------------- */

static gint64
user_ballot_id (MskSrvCtx *ctx,
                gint64     poll_id)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (ctx->user_id == 0)
    return 0;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id FROM ballots WHERE topic_id = ? AND user_id = ?");
  sqlite3_bind_int64 (stmt, 1, poll_id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static void
get_poll (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " MSK_SRV_TOPIC_COLS " FROM topics t WHERE t.id = ?1 "
                                "AND t.kind = 'poll' AND ?7 IS NOT NULL");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 7, ctx->now);
  if (!msk_srv_ctx_step_found (ctx, stmt))
    return;
  msk_srv_polls_add_poll (ctx, b, id, msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_STATUS),
                          msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_TITLE_TEXT),
                          msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_TITLE_TEXT_EN),
                          sqlite3_column_int (stmt, MSK_SRV_TOPIC_COL_MULTIPLE),
                          sqlite3_column_int (stmt, MSK_SRV_TOPIC_COL_MAX_CHOICES),
                          msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_VISIBILITY));
  sqlite3_reset (stmt);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

static void
reply_ballot (MskSrvCtx *ctx,
              gint64     poll_id,
              gint64     ballot_id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "poll_id");
  json_builder_add_int_value (b, poll_id);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT option_id FROM ballot_choices WHERE ballot_id = ? "
                                "ORDER BY option_id");
  sqlite3_bind_int64 (stmt, 1, ballot_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  msk_srv_builder_add_time (b, "updated_at",
                            msk_server_db_query_int (ctx->db,
                                                     "SELECT updated_at FROM ballots WHERE id = ?",
                                                     ballot_id));
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

static void
get_ballot (MskSrvCtx *ctx)
{
  gint64 id, ballot;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_auth_require_user (ctx) ||
      !msk_srv_topic_lookup (ctx, id, "poll", NULL))
    return;
  ballot = user_ballot_id (ctx, id);
  if (ballot == 0)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  reply_ballot (ctx, id, ballot);
}

static void
put_ballot (MskSrvCtx *ctx)
{
  static const MskSrvField fields[] = {
    { "options", MSK_SRV_FIELD_INT_ARRAY, TRUE, 0, 0 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *obj;
  JsonArray *options;
  sqlite3_stmt *stmt;
  gint64 id, ballot, assisted_by;
  gboolean multiple;
  int max_choices;

  obj = msk_srv_topic_participation_body (ctx, "poll", fields, G_N_ELEMENTS (fields), errors, &id);
  if (obj == NULL)
    return;

  multiple = msk_server_db_query_int (ctx->db, "SELECT poll_multiple FROM topics WHERE id = ?",
                                      id);
  max_choices = multiple ? msk_server_db_query_int (ctx->db,
                                                    "SELECT poll_max_choices FROM topics "
                                                    "WHERE id = ?", id) : 1;
  options = json_object_get_array_member (obj, "options");
  if ((int) json_array_get_length (options) > max_choices)
    msk_srv_errors_add (ctx, errors, "/options", 0, "too-many", max_choices);
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      gint64 opt = json_array_get_int_element (options, i);
      g_autofree char *pointer = g_strdup_printf ("/options/%u", i);

      if (msk_server_db_query_int (ctx->db,
                                   "SELECT topic_id FROM poll_options WHERE id = ?", opt) != id)
        msk_srv_errors_add (ctx, errors, pointer, 0, "invalid-option", 0);
      else if (g_hash_table_contains (seen, &opt))
        msk_srv_errors_add (ctx, errors, pointer, 0, "duplicate", 0);
      else
        {
          g_array_append_val (chosen, opt);
          g_hash_table_add (seen, &g_array_index (chosen, gint64, chosen->len - 1));
        }
    }
  if (msk_srv_ctx_problem_if_errors (ctx, errors) ||
      !msk_srv_assisted_lookup (ctx, &assisted_by))
    return;

  /* A changed ballot is assisted as its last change was. */
  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO ballots (topic_id, user_id, created_at, updated_at, "
                                "assisted_by) VALUES (?1, ?2, ?3, ?3, ?4) "
                                "ON CONFLICT (topic_id, user_id) "
                                "DO UPDATE SET updated_at = excluded.updated_at, "
                                "assisted_by = excluded.assisted_by");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  msk_srv_assisted_bind (stmt, 4, assisted_by);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  ballot = user_ballot_id (ctx, id);
  msk_server_db_query_int (ctx->db, "DELETE FROM ballot_choices WHERE ballot_id = ?", ballot);
  for (guint i = 0; i < chosen->len; i++)
    {
      stmt = msk_server_db_prepare (ctx->db,
                                    "INSERT INTO ballot_choices (ballot_id, option_id) "
                                    "VALUES (?, ?)");
      sqlite3_bind_int64 (stmt, 1, ballot);
      sqlite3_bind_int64 (stmt, 2, g_array_index (chosen, gint64, i));
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (!msk_server_db_commit (ctx->db))
    {
      msk_srv_ctx_problem (ctx, "internal", NULL);
      return;
    }
  reply_ballot (ctx, id, ballot);
}

/* Builds {poll_id, status, total_ballots, options[{id, label, count, percent}]}. */
void
msk_srv_polls_add_results (MskSrvCtx   *ctx,
                           JsonBuilder *b,
                           gint64       id,
                           const char  *status)
{
  gint64 total = msk_server_db_query_int (ctx->db,
                                          "SELECT count(*) FROM ballots WHERE topic_id = ?", id);
  sqlite3_stmt *stmt;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "poll_id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, status);
  json_builder_set_member_name (b, "total_ballots");
  json_builder_add_int_value (b, total);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT o.id, o.label_ar, o.label_en, "
                                "(SELECT count(*) FROM ballot_choices c WHERE c.option_id = o.id) "
                                "FROM poll_options o WHERE o.topic_id = ? ORDER BY o.position");
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 count = sqlite3_column_int64 (stmt, 3);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
      msk_srv_builder_add_loc_cols (b, "label", stmt, 1);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, count);
      json_builder_set_member_name (b, "percent");
      json_builder_add_double_value (b, total > 0 ? (double) ((count * 1000 + total / 2) / total)
                                                    / 10.0 : 0.0);
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
get_poll_results (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *status = NULL;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id) || !msk_srv_topic_lookup (ctx, id, "poll", &status))
    return;
  if (!msk_srv_topic_results_visible (ctx, id))
    {
      msk_srv_ctx_problem (ctx, "results-hidden", NULL);
      return;
    }
  msk_srv_polls_add_results (ctx, b, id, status);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

const MskSrvRouteDef msk_srv_polls_routes[] = {
  { "GET", "/v1/polls/{poll_id}", get_poll },
  { "GET", "/v1/polls/{poll_id}/ballot", get_ballot },
  { "PUT", "/v1/polls/{poll_id}/ballot", put_ballot },
  { "GET", "/v1/polls/{poll_id}/results", get_poll_results },
};
const gsize msk_srv_polls_n_routes = G_N_ELEMENTS (msk_srv_polls_routes);
