/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/topics: listing and searching topics, one topic, and the helpers
 * that every kind of topic shares (its status, looking it up, taking part).
 */
#include "msk-srv-topics.h"
#include "msk-srv-polls.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"
#include "msk-wire-text.h"

#include <string.h>

static const char * const topic_kinds[] = { "consultation", "poll", "survey", "ideas", NULL };
static const char * const topic_statuses[] = {
  "upcoming", "open", "closed", "results_published", NULL
};

const char *
msk_srv_topic_status (gint64 now,
                      gint64 opens_at,
                      gint64 closes_at,
                      gint64 results_published_at)
{
  if (results_published_at != 0 && results_published_at <= now)
    return "results_published";
  if (now < opens_at)
    return "upcoming";
  if (now < closes_at)
    return "open";
  return "closed";
}

/* Looks a topic up; answers 404 when it does not exist or (with @kind) is
 * of another kind. */
gboolean
msk_srv_topic_lookup (MskSrvCtx   *ctx,
                      gint64       id,
                      const char  *kind,
                      char       **status)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT kind, opens_at, closes_at, "
                                              "coalesce(results_published_at, 0) "
                                              "FROM topics WHERE id = ?");
  gboolean found = FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      (kind == NULL || g_str_equal (msk_srv_col_text (stmt, 0), kind)))
    {
      found = TRUE;
      if (status != NULL)
        *status = g_strdup (msk_srv_topic_status (ctx->now, sqlite3_column_int64 (stmt, 1),
                                                  sqlite3_column_int64 (stmt, 2),
                                                  sqlite3_column_int64 (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (!found)
    msk_srv_ctx_problem (ctx, "not-found", NULL);
  return found;
}

/* The one rule for what was counted in a poll or a survey (its ballots,
 * its answers, how many there are), wherever it leaves the server: results,
 * open data, reports. Shown once the topic has closed; for a poll whose
 * results show after the vote, also to a user who voted in it. Other kinds
 * count nothing hidden. */
gboolean
msk_srv_topic_results_visible (MskSrvCtx *ctx,
                               gint64     id)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT kind, opens_at, closes_at, "
                                              "coalesce(results_published_at, 0), "
                                              "poll_visibility = 'after_vote' AND EXISTS ("
                                              " SELECT 1 FROM ballots b WHERE b.topic_id = t.id"
                                              " AND b.user_id = ?2) "
                                              "FROM topics t WHERE t.id = ?1");
  gboolean visible = FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = msk_srv_col_text (stmt, 0);
      const char *status = msk_srv_topic_status (ctx->now, sqlite3_column_int64 (stmt, 1),
                                                 sqlite3_column_int64 (stmt, 2),
                                                 sqlite3_column_int64 (stmt, 3));

      visible = g_str_equal (status, "closed") || g_str_equal (status, "results_published") ||
                (!g_str_equal (kind, "poll") && !g_str_equal (kind, "survey")) ||
                (g_str_equal (kind, "poll") && sqlite3_column_int (stmt, 4));
    }
  sqlite3_reset (stmt);
  return visible;
}

/* Starts a request that takes part in topic {id} of @kind: a signed-in user,
 * the topic, a body without errors (they are added to @errors), then an open
 * topic. Returns the body object, or NULL after replying with what failed. */
JsonObject *
msk_srv_topic_participation_body (MskSrvCtx         *ctx,
                                  const char        *kind,
                                  const MskSrvField *fields,
                                  gsize              n_fields,
                                  JsonArray         *errors,
                                  gint64            *id)
{
  g_autofree char *status = NULL;
  JsonObject *obj;

  if (!msk_srv_ctx_param_id (ctx, 0, id) || !msk_srv_auth_require_user (ctx) ||
      !msk_srv_topic_lookup (ctx, *id, kind, &status))
    return NULL;
  obj = msk_srv_validate_body (ctx, fields, n_fields, errors);
  if (obj == NULL)
    return NULL;
  if (msk_srv_ctx_problem_if_errors (ctx, errors))
    return NULL;
  if (!g_str_equal (status, "open"))
    {
      msk_srv_ctx_problem (ctx, "topic-not-open", NULL);
      return NULL;
    }
  return obj;
}

/* ---- topics -------------------------------------------------------------- */

static void
add_images (MskSrvCtx   *ctx,
            JsonBuilder *b,
            gint64       topic_id)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT url, alt_ar, alt_en, width, height "
                                              "FROM topic_images WHERE topic_id = ? "
                                              "ORDER BY position");

  sqlite3_bind_int64 (stmt, 1, topic_id);
  json_builder_set_member_name (b, "images");
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, msk_srv_col_text (stmt, 0));
      msk_srv_builder_add_loc_cols (b, "alt", stmt, 1);
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, sqlite3_column_int (stmt, 3));
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, sqlite3_column_int (stmt, 4));
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
}

static void
add_topic (MskSrvCtx    *ctx,
           JsonBuilder  *b,
           sqlite3_stmt *stmt,
           gboolean      detail)
{
  gint64 id = sqlite3_column_int64 (stmt, MSK_SRV_TOPIC_COL_ID);
  gint64 closes = sqlite3_column_int64 (stmt, MSK_SRV_TOPIC_COL_CLOSES);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "entity_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, MSK_SRV_TOPIC_COL_ENTITY));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_KIND));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_STATUS));
  msk_srv_builder_add_loc_cols (b, "title", stmt, MSK_SRV_TOPIC_COL_TITLE);
  msk_srv_builder_add_loc_cols (b, "title_text", stmt, MSK_SRV_TOPIC_COL_TITLE_TEXT);
  msk_srv_builder_add_loc_cols (b, "summary", stmt, MSK_SRV_TOPIC_COL_SUMMARY);
  msk_srv_builder_add_loc_cols (b, "summary_text", stmt, MSK_SRV_TOPIC_COL_SUMMARY_TEXT);
  add_images (ctx, b, id);
  msk_srv_builder_add_time (b, "opens_at", sqlite3_column_int64 (stmt, MSK_SRV_TOPIC_COL_OPENS));
  msk_srv_builder_add_time (b, "closes_at", closes);
  msk_srv_builder_add_time (b, "feedback_due", closes + 30 * 24 * 3600);
  if (sqlite3_column_type (stmt, MSK_SRV_TOPIC_COL_RESULTS) == SQLITE_NULL)
    {
      json_builder_set_member_name (b, "results_published_at");
      json_builder_add_null_value (b);
    }
  else
    msk_srv_builder_add_time (b, "results_published_at",
                              sqlite3_column_int64 (stmt, MSK_SRV_TOPIC_COL_RESULTS));
  json_builder_set_member_name (b, "comment_count");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, MSK_SRV_TOPIC_COL_COMMENTS));
  msk_srv_builder_add_time (b, "updated_at",
                            sqlite3_column_int64 (stmt, MSK_SRV_TOPIC_COL_UPDATED));

  if (detail)
    {
      msk_srv_builder_add_loc_cols (b, "body", stmt, MSK_SRV_TOPIC_COL_BODY);
      msk_srv_builder_add_loc_cols (b, "body_text", stmt, MSK_SRV_TOPIC_COL_BODY_TEXT);
      msk_srv_builder_add_loc_cols (b, "speech", stmt, MSK_SRV_TOPIC_COL_SPEECH);
      if (g_str_equal (msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_KIND), "poll"))
        {
          json_builder_set_member_name (b, "poll");
          msk_srv_polls_add_poll (ctx, b, id, msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_STATUS),
                                  msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_TITLE_TEXT),
                                  msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_TITLE_TEXT_EN),
                                  sqlite3_column_int (stmt, MSK_SRV_TOPIC_COL_MULTIPLE),
                                  sqlite3_column_int (stmt, MSK_SRV_TOPIC_COL_MAX_CHOICES),
                                  msk_srv_col_text (stmt, MSK_SRV_TOPIC_COL_VISIBILITY));
        }
    }
  json_builder_end_object (b);
}

/* The LIKE patterns of a search, one per folded word of @q, as a JSON
 * array; NULL when @q has no word. */
static char *
search_patterns (const char *q)
{
  g_auto(GStrv) words = msk_wire_text_fold_words (q);
  g_autoptr(JsonArray) patterns = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  if (words[0] == NULL)
    return NULL;
  for (gsize i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) s = g_string_new ("%");

      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '%');
      json_array_add_string_element (patterns, s->str);
    }
  json_node_set_array (node, patterns);
  return json_to_string (node, FALSE);
}

static char *
page_topic (MskSrvCtx    *ctx,
            JsonBuilder  *b,
            sqlite3_stmt *stmt)
{
  add_topic (ctx, b, stmt, FALSE);
  return msk_srv_col_int_string (stmt, MSK_SRV_TOPIC_COL_ID);
}

static void
list_topics (MskSrvCtx *ctx)
{
  g_autofree char *cursor = NULL;
  g_autofree char *patterns = NULL;
  const char *kind = msk_srv_ctx_query (ctx, "kind");
  const char *status = msk_srv_ctx_query (ctx, "status");
  const char *q = msk_srv_ctx_query (ctx, "q");
  sqlite3_stmt *stmt;
  gint64 entity;
  int limit;

  if ((kind != NULL && !msk_srv_in_list (topic_kinds, kind)) ||
      (status != NULL && !msk_srv_in_list (topic_statuses, status)) ||
      (q != NULL && g_utf8_strlen (q, -1) > 200))
    {
      msk_srv_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  if (!msk_srv_ctx_query_id (ctx, "entity", &entity) ||
      !msk_srv_ctx_paging (ctx, "topics", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " MSK_SRV_TOPIC_COLS " FROM topics t "
                                "WHERE (?1 IS NULL OR t.kind = ?1) "
                                "AND (?2 IS NULL OR " MSK_SRV_TOPIC_STATUS_EXPR " = ?2) "
                                "AND (?3 = 0 OR t.entity_id = ?3) "
                                "AND NOT EXISTS (SELECT 1 FROM json_each(?4) w "
                                "  WHERE t.search_text NOT LIKE w.value ESCAPE '\\') "
                                "AND (?5 = 0 OR t.id < ?5) "
                                "ORDER BY t.id DESC LIMIT ?6");
  if (kind != NULL)
    sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  if (status != NULL)
    sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, entity);
  /* Every word of the query, folded, in the folded text of the topic. */
  patterns = search_patterns (q);
  if (patterns != NULL)
    sqlite3_bind_text (stmt, 4, patterns, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, msk_srv_cursor_id (cursor));
  sqlite3_bind_int (stmt, 6, limit + 1);
  sqlite3_bind_int64 (stmt, 7, ctx->now);
  msk_srv_ctx_reply_page (ctx, "topics", stmt, limit, page_topic);
}

static void
add_full_topic (MskSrvCtx    *ctx,
                JsonBuilder  *b,
                sqlite3_stmt *stmt)
{
  add_topic (ctx, b, stmt, TRUE);
}

static void
get_topic (MskSrvCtx *ctx)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " MSK_SRV_TOPIC_COLS " FROM topics t WHERE t.id = ?1 "
                                "AND ?7 IS NOT NULL");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 7, ctx->now);
  msk_srv_ctx_reply_row (ctx, 200, stmt, add_full_topic);
}

const MskSrvRouteDef msk_srv_topics_routes[] = {
  { "GET", "/v1/topics", list_topics },
  { "GET", "/v1/topics/{topic_id}", get_topic },
};
const gsize msk_srv_topics_n_routes = G_N_ELEMENTS (msk_srv_topics_routes);
