/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1: entities, topics, polls, surveys, outcomes, page feedback, open data
 * and participation reports.
 */
#include "msk-server-private.h"

#include <string.h>

#define STATUS_EXPR \
  "CASE WHEN t.results_published_at IS NOT NULL AND t.results_published_at <= ?7 " \
  "THEN 'results_published' WHEN ?7 < t.opens_at THEN 'upcoming' " \
  "WHEN ?7 < t.closes_at THEN 'open' ELSE 'closed' END"

#define TOPIC_COLS \
  "t.id, t.entity_id, t.kind, t.title_ar, t.title_en, t.title_text_ar, t.title_text_en, " \
  "t.summary_ar, t.summary_en, t.summary_text_ar, t.summary_text_en, t.opens_at, " \
  "t.closes_at, t.results_published_at, t.updated_at, " \
  "(SELECT count(*) FROM comments c WHERE c.topic_id = t.id AND c.status = 'published'), " \
  STATUS_EXPR ", t.body_ar, t.body_en, t.body_text_ar, t.body_text_en, t.speech_ar, " \
  "t.speech_en, t.poll_multiple, t.poll_max_choices, t.poll_visibility"

enum
{
  COL_ID, COL_ENTITY, COL_KIND, COL_TITLE, COL_TITLE_EN, COL_TITLE_TEXT, COL_TITLE_TEXT_EN,
  COL_SUMMARY, COL_SUMMARY_EN, COL_SUMMARY_TEXT, COL_SUMMARY_TEXT_EN, COL_OPENS, COL_CLOSES,
  COL_RESULTS, COL_UPDATED, COL_COMMENTS, COL_STATUS, COL_BODY, COL_BODY_EN, COL_BODY_TEXT,
  COL_BODY_TEXT_EN, COL_SPEECH, COL_SPEECH_EN, COL_MULTIPLE, COL_MAX_CHOICES, COL_VISIBILITY,
};

static const char * const topic_kinds[] = { "consultation", "poll", "survey", "ideas", NULL };
static const char * const topic_statuses[] = {
  "upcoming", "open", "closed", "results_published", NULL
};

const char *
msk_topic_status (gint64 now,
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
msk_topic_lookup (MskCtx      *ctx,
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
      (kind == NULL || g_str_equal (msk_col_text (stmt, 0), kind)))
    {
      found = TRUE;
      if (status != NULL)
        *status = g_strdup (msk_topic_status (ctx->now, sqlite3_column_int64 (stmt, 1),
                                              sqlite3_column_int64 (stmt, 2),
                                              sqlite3_column_int64 (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (!found)
    msk_ctx_problem (ctx, "not-found", NULL);
  return found;
}

/* Starts a request that takes part in topic {id} of @kind: a signed-in user,
 * the topic, a body without errors (they are added to @errors), then an open
 * topic. Returns the body object, or NULL after replying with what failed. */
JsonObject *
msk_topic_participation_body (MskCtx         *ctx,
                              const char     *kind,
                              const MskField *fields,
                              gsize           n_fields,
                              JsonArray      *errors,
                              gint64         *id)
{
  g_autofree char *status = NULL;
  JsonObject *obj;

  if (!msk_ctx_param_id (ctx, 0, id) || !msk_ctx_require_user (ctx) ||
      !msk_topic_lookup (ctx, *id, kind, &status))
    return NULL;
  obj = msk_ctx_validate_body (ctx, fields, n_fields, errors);
  if (obj == NULL)
    return NULL;
  if (msk_ctx_problem_if_errors (ctx, errors))
    return NULL;
  if (!g_str_equal (status, "open"))
    {
      msk_ctx_problem (ctx, "topic-not-open", NULL);
      return NULL;
    }
  return obj;
}

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], value))
      return TRUE;
  return FALSE;
}

static gboolean
query_id (MskCtx     *ctx,
          const char *name,
          gint64     *id)
{
  const char *s = msk_ctx_query (ctx, name);
  guint64 v = 0;

  *id = 0;
  if (s == NULL)
    return TRUE;
  if (strlen (s) > 15 || !g_ascii_string_to_unsigned (s, 10, 1, G_MAXINT64, &v, NULL))
    {
      msk_ctx_problem (ctx, "invalid-parameter", NULL);
      return FALSE;
    }
  *id = (gint64) v;
  return TRUE;
}

static gint64
cursor_id (const char *value)
{
  guint64 v = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &v, NULL))
    return 0;
  return (gint64) v;
}

/* ---- entities ------------------------------------------------------------ */

static void
add_entity (MskCtx       *ctx,
            JsonBuilder  *b,
            sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, msk_col_text (stmt, 1));
  msk_builder_add_loc_cols (b, "name", stmt, 2);
  msk_builder_add_loc_cols (b, "description", stmt, 4);
  json_builder_set_member_name (b, "website");
  json_builder_add_string_value (b, msk_col_text (stmt, 6));
  json_builder_set_member_name (b, "jurisdiction_id");
  json_builder_add_string_value (b, msk_col_text (stmt, 7));
  json_builder_end_object (b);
}

static char *
page_entity (MskCtx       *ctx,
             JsonBuilder  *b,
             sqlite3_stmt *stmt)
{
  add_entity (ctx, b, stmt);
  return msk_col_int_string (stmt, 0);
}

static void
list_entities (MskCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  int limit;

  if (!msk_ctx_paging (ctx, "entities", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, kind, name_ar, name_en, description_ar, "
                                "description_en, website, jurisdiction_id FROM entities "
                                "WHERE id > ? ORDER BY id LIMIT ?");
  sqlite3_bind_int64 (stmt, 1, cursor_id (cursor));
  sqlite3_bind_int (stmt, 2, limit + 1);
  msk_ctx_reply_page (ctx, "entities", stmt, limit, page_entity);
}

static void
get_entity (MskCtx *ctx)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, kind, name_ar, name_en, description_ar, "
                                "description_en, website, jurisdiction_id FROM entities "
                                "WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  msk_ctx_reply_row (ctx, 200, stmt, add_entity);
}

/* ---- topics -------------------------------------------------------------- */

static void
add_images (MskCtx      *ctx,
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
      json_builder_add_string_value (b, msk_col_text (stmt, 0));
      msk_builder_add_loc_cols (b, "alt", stmt, 1);
      json_builder_set_member_name (b, "width");
      json_builder_add_int_value (b, sqlite3_column_int (stmt, 3));
      json_builder_set_member_name (b, "height");
      json_builder_add_int_value (b, sqlite3_column_int (stmt, 4));
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
}

static gint64 user_ballot_id (MskCtx *ctx,
                              gint64  poll_id);

static void
add_poll (MskCtx      *ctx,
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
  msk_builder_add_loc (b, "question", question_ar, question_en);
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
      msk_builder_add_loc_cols (b, "label", stmt, 1);
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

static void
add_topic (MskCtx       *ctx,
           JsonBuilder  *b,
           sqlite3_stmt *stmt,
           gboolean      detail)
{
  gint64 id = sqlite3_column_int64 (stmt, COL_ID);
  gint64 closes = sqlite3_column_int64 (stmt, COL_CLOSES);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "entity_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, COL_ENTITY));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, msk_col_text (stmt, COL_KIND));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, msk_col_text (stmt, COL_STATUS));
  msk_builder_add_loc_cols (b, "title", stmt, COL_TITLE);
  msk_builder_add_loc_cols (b, "title_text", stmt, COL_TITLE_TEXT);
  msk_builder_add_loc_cols (b, "summary", stmt, COL_SUMMARY);
  msk_builder_add_loc_cols (b, "summary_text", stmt, COL_SUMMARY_TEXT);
  add_images (ctx, b, id);
  msk_builder_add_time (b, "opens_at", sqlite3_column_int64 (stmt, COL_OPENS));
  msk_builder_add_time (b, "closes_at", closes);
  msk_builder_add_time (b, "feedback_due", closes + 30 * 24 * 3600);
  if (sqlite3_column_type (stmt, COL_RESULTS) == SQLITE_NULL)
    {
      json_builder_set_member_name (b, "results_published_at");
      json_builder_add_null_value (b);
    }
  else
    msk_builder_add_time (b, "results_published_at", sqlite3_column_int64 (stmt, COL_RESULTS));
  json_builder_set_member_name (b, "comment_count");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, COL_COMMENTS));
  msk_builder_add_time (b, "updated_at", sqlite3_column_int64 (stmt, COL_UPDATED));

  if (detail)
    {
      msk_builder_add_loc_cols (b, "body", stmt, COL_BODY);
      msk_builder_add_loc_cols (b, "body_text", stmt, COL_BODY_TEXT);
      msk_builder_add_loc_cols (b, "speech", stmt, COL_SPEECH);
      if (g_str_equal (msk_col_text (stmt, COL_KIND), "poll"))
        {
          json_builder_set_member_name (b, "poll");
          add_poll (ctx, b, id, msk_col_text (stmt, COL_STATUS),
                    msk_col_text (stmt, COL_TITLE_TEXT), msk_col_text (stmt, COL_TITLE_TEXT_EN),
                    sqlite3_column_int (stmt, COL_MULTIPLE),
                    sqlite3_column_int (stmt, COL_MAX_CHOICES),
                    msk_col_text (stmt, COL_VISIBILITY));
        }
    }
  json_builder_end_object (b);
}

static char *
like_pattern (const char *q)
{
  g_autoptr(GString) s = g_string_new ("%");

  for (const char *p = q; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
page_topic (MskCtx       *ctx,
            JsonBuilder  *b,
            sqlite3_stmt *stmt)
{
  add_topic (ctx, b, stmt, FALSE);
  return msk_col_int_string (stmt, COL_ID);
}

static void
list_topics (MskCtx *ctx)
{
  g_autofree char *cursor = NULL;
  g_autofree char *pattern = NULL;
  const char *kind = msk_ctx_query (ctx, "kind");
  const char *status = msk_ctx_query (ctx, "status");
  const char *q = msk_ctx_query (ctx, "q");
  sqlite3_stmt *stmt;
  gint64 entity;
  int limit;

  if ((kind != NULL && !in_list (topic_kinds, kind)) ||
      (status != NULL && !in_list (topic_statuses, status)) ||
      (q != NULL && g_utf8_strlen (q, -1) > 200))
    {
      msk_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  if (!query_id (ctx, "entity", &entity) || !msk_ctx_paging (ctx, "topics", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " TOPIC_COLS " FROM topics t "
                                "WHERE (?1 IS NULL OR t.kind = ?1) "
                                "AND (?2 IS NULL OR " STATUS_EXPR " = ?2) "
                                "AND (?3 = 0 OR t.entity_id = ?3) "
                                "AND (?4 IS NULL OR t.title_text_ar LIKE ?4 ESCAPE '\\' "
                                "  OR t.title_text_en LIKE ?4 ESCAPE '\\' "
                                "  OR t.summary_text_ar LIKE ?4 ESCAPE '\\' "
                                "  OR t.summary_text_en LIKE ?4 ESCAPE '\\') "
                                "AND (?5 = 0 OR t.id < ?5) "
                                "ORDER BY t.id DESC LIMIT ?6");
  if (kind != NULL)
    sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  if (status != NULL)
    sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, entity);
  if (q != NULL)
    {
      pattern = like_pattern (q);
      sqlite3_bind_text (stmt, 4, pattern, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 5, cursor_id (cursor));
  sqlite3_bind_int (stmt, 6, limit + 1);
  sqlite3_bind_int64 (stmt, 7, ctx->now);
  msk_ctx_reply_page (ctx, "topics", stmt, limit, page_topic);
}

static void
add_full_topic (MskCtx       *ctx,
                JsonBuilder  *b,
                sqlite3_stmt *stmt)
{
  add_topic (ctx, b, stmt, TRUE);
}

static void
get_topic (MskCtx *ctx)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db, "SELECT " TOPIC_COLS " FROM topics t WHERE t.id = ?1 "
                                "AND ?7 IS NOT NULL");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 7, ctx->now);
  msk_ctx_reply_row (ctx, 200, stmt, add_full_topic);
}

/* ---- polls --------------------------------------------------------------- */

static gint64
user_ballot_id (MskCtx *ctx,
                gint64  poll_id)
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
get_poll (MskCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db, "SELECT " TOPIC_COLS " FROM topics t WHERE t.id = ?1 "
                                "AND t.kind = 'poll' AND ?7 IS NOT NULL");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 7, ctx->now);
  if (!msk_ctx_step_found (ctx, stmt))
    return;
  add_poll (ctx, b, id, msk_col_text (stmt, COL_STATUS), msk_col_text (stmt, COL_TITLE_TEXT),
            msk_col_text (stmt, COL_TITLE_TEXT_EN), sqlite3_column_int (stmt, COL_MULTIPLE),
            sqlite3_column_int (stmt, COL_MAX_CHOICES), msk_col_text (stmt, COL_VISIBILITY));
  sqlite3_reset (stmt);
  msk_ctx_reply_builder (ctx, 200, b);
}

static void
reply_ballot (MskCtx *ctx,
              gint64  poll_id,
              gint64  ballot_id)
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
  msk_builder_add_time (b, "updated_at",
                        msk_server_db_query_int (ctx->db,
                                                 "SELECT updated_at FROM ballots WHERE id = ?",
                                                 ballot_id));
  json_builder_end_object (b);
  msk_ctx_reply_builder (ctx, 200, b);
}

static void
get_ballot (MskCtx *ctx)
{
  gint64 id, ballot;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_ctx_require_user (ctx) ||
      !msk_topic_lookup (ctx, id, "poll", NULL))
    return;
  ballot = user_ballot_id (ctx, id);
  if (ballot == 0)
    {
      msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  reply_ballot (ctx, id, ballot);
}

static void
put_ballot (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "options", MSK_FIELD_INT_ARRAY, TRUE, 0, 0 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *obj;
  JsonArray *options;
  sqlite3_stmt *stmt;
  gint64 id, ballot;
  gboolean multiple;
  int max_choices;

  obj = msk_topic_participation_body (ctx, "poll", fields, G_N_ELEMENTS (fields), errors, &id);
  if (obj == NULL)
    return;

  multiple = msk_server_db_query_int (ctx->db, "SELECT poll_multiple FROM topics WHERE id = ?",
                                      id);
  max_choices = multiple ? msk_server_db_query_int (ctx->db,
                                                    "SELECT poll_max_choices FROM topics "
                                                    "WHERE id = ?", id) : 1;
  options = json_object_get_array_member (obj, "options");
  if ((int) json_array_get_length (options) > max_choices)
    msk_errors_add (ctx, errors, "/options", 0, "too-many", max_choices);
  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      gint64 opt = json_array_get_int_element (options, i);
      g_autofree char *pointer = g_strdup_printf ("/options/%u", i);

      if (msk_server_db_query_int (ctx->db,
                                   "SELECT topic_id FROM poll_options WHERE id = ?", opt) != id)
        msk_errors_add (ctx, errors, pointer, 0, "invalid-option", 0);
      else if (g_hash_table_contains (seen, &opt))
        msk_errors_add (ctx, errors, pointer, 0, "duplicate", 0);
      else
        {
          g_array_append_val (chosen, opt);
          g_hash_table_add (seen, &g_array_index (chosen, gint64, chosen->len - 1));
        }
    }
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO ballots (topic_id, user_id, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?3) ON CONFLICT (topic_id, user_id) "
                                "DO UPDATE SET updated_at = excluded.updated_at");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
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
      msk_ctx_problem (ctx, "internal", NULL);
      return;
    }
  reply_ballot (ctx, id, ballot);
}

/* Builds {poll_id, status, total_ballots, options[{id, label, count, percent}]}. */
static void
add_poll_results (MskCtx      *ctx,
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
      msk_builder_add_loc_cols (b, "label", stmt, 1);
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
get_poll_results (MskCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *status = NULL;
  g_autofree char *visibility = NULL;
  gboolean closed;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_topic_lookup (ctx, id, "poll", &status))
    return;
  {
    sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                                "SELECT poll_visibility FROM topics WHERE id = ?");
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_step (stmt);
    visibility = g_strdup (msk_col_text (stmt, 0));
    sqlite3_reset (stmt);
  }
  closed = g_str_equal (status, "closed") || g_str_equal (status, "results_published");
  if (!closed && !(g_str_equal (visibility, "after_vote") && user_ballot_id (ctx, id) != 0))
    {
      msk_ctx_problem (ctx, "results-hidden", NULL);
      return;
    }
  add_poll_results (ctx, b, id, status);
  msk_ctx_reply_builder (ctx, 200, b);
}

/* ---- surveys ------------------------------------------------------------- */

static void
add_survey_options (MskCtx      *ctx,
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
      msk_builder_add_loc_cols (b, "label", stmt, 1);
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
get_survey (MskCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *status = NULL;
  g_autoptr(GArray) qids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_topic_lookup (ctx, id, "survey", &status))
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
  msk_builder_add_loc_cols (b, "title", stmt, 0);
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
      const char *type = msk_col_text (stmt, 2);
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
      msk_builder_add_loc_cols (b, "prompt", stmt, 5);
      if (sqlite3_column_type (stmt, 7) == SQLITE_NULL)
        {
          json_builder_set_member_name (b, "help");
          json_builder_add_null_value (b);
        }
      else
        msk_builder_add_loc_cols (b, "help", stmt, 7);
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
            add_survey_options (ctx, ob, g_array_index (qids, gint64, i), FALSE);
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
    msk_ctx_reply_json (ctx, 200, root);
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
} MskQuestion;

static void
msk_question_clear (gpointer data)
{
  MskQuestion *q = data;

  g_free (q->type);
}

static void
post_survey_response (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "answers", MSK_FIELD_ARRAY, TRUE, 0, 200 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(GArray) questions = g_array_new (FALSE, TRUE, sizeof (MskQuestion));
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *obj;
  JsonArray *arr;
  sqlite3_stmt *stmt;
  gint64 id, response_id;

  g_array_set_clear_func (questions, msk_question_clear);

  obj = msk_topic_participation_body (ctx, "survey", fields, G_N_ELEMENTS (fields), errors, &id);
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
      msk_ctx_problem (ctx, "already-responded", NULL);
      return;
    }
  sqlite3_reset (stmt);

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT id, type, required, max_length FROM survey_questions "
                                "WHERE topic_id = ? ORDER BY position");
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MskQuestion q = {
        sqlite3_column_int64 (stmt, 0), g_strdup (msk_col_text (stmt, 1)),
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
          msk_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          continue;
        }
      a = json_node_get_object (el);
      members = json_object_get_members (a);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "question_id") && !g_str_equal (l->data, "value"))
          {
            g_autofree char *p = g_strdup_printf ("%s/%s", pointer, (const char *) l->data);

            msk_errors_add (ctx, errors, p, 0, "unknown-field", 0);
          }
      qnode = json_object_get_member (a, "question_id");
      if (qnode == NULL || !JSON_NODE_HOLDS_VALUE (qnode) ||
          json_node_get_value_type (qnode) != G_TYPE_INT64)
        {
          g_autofree char *p = g_strconcat (pointer, "/question_id", NULL);

          msk_errors_add (ctx, errors, p, 0, qnode == NULL ? "required" : "wrong-type", 0);
          continue;
        }
      qid = json_node_get_int (qnode);
      for (guint j = 0; j < questions->len; j++)
        if (g_array_index (questions, MskQuestion, j).id == qid)
          known = TRUE;
      if (!known)
        {
          g_autofree char *p = g_strconcat (pointer, "/question_id", NULL);

          msk_errors_add (ctx, errors, p, 0, "invalid-value", 0);
          continue;
        }
      if (g_hash_table_lookup (answers, &qid) != NULL)
        {
          g_autofree char *p = g_strconcat (pointer, "/question_id", NULL);

          msk_errors_add (ctx, errors, p, qid, "duplicate", 0);
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
      MskQuestion *q = &g_array_index (questions, MskQuestion, j);
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
            msk_errors_add (ctx, errors, pointer, q->id, "required", 0);
          continue;
        }

      if (g_str_equal (q->type, "single_option"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
            msk_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
          else if (msk_server_db_query_int (ctx->db, "SELECT question_id FROM survey_options "
                                            "WHERE id = ?", json_node_get_int (value)) != q->id)
            msk_errors_add (ctx, errors, pointer, q->id, "invalid-option", 0);
        }
      else if (g_str_equal (q->type, "multiple_option"))
        {
          JsonArray *choices;
          g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);

          if (!JSON_NODE_HOLDS_ARRAY (value))
            {
              msk_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
              continue;
            }
          choices = json_node_get_array (value);
          for (guint k = 0; k < json_array_get_length (choices); k++)
            {
              JsonNode *c = json_array_get_element (choices, k);
              gint64 *opt;

              if (!JSON_NODE_HOLDS_VALUE (c) || json_node_get_value_type (c) != G_TYPE_INT64)
                {
                  msk_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
                  break;
                }
              opt = g_new (gint64, 1);
              *opt = json_node_get_int (c);
              if (msk_server_db_query_int (ctx->db, "SELECT question_id FROM survey_options "
                                           "WHERE id = ?", *opt) != q->id)
                {
                  g_free (opt);
                  msk_errors_add (ctx, errors, pointer, q->id, "invalid-option", 0);
                  break;
                }
              if (!g_hash_table_add (seen, opt))
                {
                  msk_errors_add (ctx, errors, pointer, q->id, "duplicate", 0);
                  break;
                }
            }
        }
      else if (g_str_equal (q->type, "rating"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
            msk_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
          else if (json_node_get_int (value) < 1 || json_node_get_int (value) > 5)
            msk_errors_add (ctx, errors, pointer, q->id, "out-of-range", 0);
        }
      else if (g_str_equal (q->type, "yes_no"))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
            msk_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
        }
      else
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            msk_errors_add (ctx, errors, pointer, q->id, "wrong-type", 0);
          else if (q->max_length > 0 &&
                   g_utf8_strlen (json_node_get_string (value), -1) > q->max_length)
            msk_errors_add (ctx, errors, pointer, q->id, "too-long", q->max_length);
        }
    }

  if (msk_ctx_problem_if_errors (ctx, errors))
    return;

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO survey_responses (topic_id, user_id, created_at) "
                                "VALUES (?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  response_id = msk_server_db_last_insert_id (ctx->db);

  for (guint j = 0; j < questions->len; j++)
    {
      MskQuestion *q = &g_array_index (questions, MskQuestion, j);
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
      msk_ctx_problem (ctx, "internal", NULL);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, response_id);
  json_builder_set_member_name (b, "survey_id");
  json_builder_add_int_value (b, id);
  msk_builder_add_time (b, "submitted_at", ctx->now);
  json_builder_end_object (b);
  msk_ctx_reply_builder (ctx, 201, b);
}

/* ---- outcomes ------------------------------------------------------------ */

#define OUTCOME_COLS \
  "o.id, o.topic_id, t.title_text_ar, t.title_text_en, o.decision_ar, o.decision_en, " \
  "o.progress, o.published_at"

static void
add_outcome (MskCtx       *ctx,
             JsonBuilder  *b,
             sqlite3_stmt *stmt)
{
  sqlite3_stmt *ideas;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 1));
  msk_builder_add_loc_cols (b, "topic_title", stmt, 2);
  msk_builder_add_loc_cols (b, "decision", stmt, 4);
  json_builder_set_member_name (b, "progress");
  json_builder_add_int_value (b, sqlite3_column_int (stmt, 6));
  json_builder_set_member_name (b, "linked_ideas");
  json_builder_begin_array (b);
  ideas = msk_server_db_prepare (ctx->db,
                                 "SELECT i.id, i.title, (SELECT count(*) FROM idea_supports s "
                                 "WHERE s.idea_id = i.id) FROM outcome_ideas l "
                                 "JOIN ideas i ON i.id = l.idea_id WHERE l.outcome_id = ? "
                                 "ORDER BY i.id");
  sqlite3_bind_int64 (ideas, 1, sqlite3_column_int64 (stmt, 0));
  while (sqlite3_step (ideas) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, sqlite3_column_int64 (ideas, 0));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, msk_col_text (ideas, 1));
      json_builder_set_member_name (b, "support_count");
      json_builder_add_int_value (b, sqlite3_column_int64 (ideas, 2));
      json_builder_end_object (b);
    }
  sqlite3_reset (ideas);
  json_builder_end_array (b);
  msk_builder_add_time (b, "published_at", sqlite3_column_int64 (stmt, 7));
  json_builder_end_object (b);
}

static char *
page_outcome (MskCtx       *ctx,
              JsonBuilder  *b,
              sqlite3_stmt *stmt)
{
  add_outcome (ctx, b, stmt);
  return msk_col_int_string (stmt, 0);
}

static void
list_outcomes (MskCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  gint64 topic, entity;
  int limit;

  if (!query_id (ctx, "topic", &topic) || !query_id (ctx, "entity", &entity) ||
      !msk_ctx_paging (ctx, "outcomes", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " OUTCOME_COLS " FROM outcomes o "
                                "JOIN topics t ON t.id = o.topic_id "
                                "WHERE o.published_at <= ?1 AND (?2 = 0 OR o.topic_id = ?2) "
                                "AND (?3 = 0 OR t.entity_id = ?3) AND (?4 = 0 OR o.id < ?4) "
                                "ORDER BY o.id DESC LIMIT ?5");
  sqlite3_bind_int64 (stmt, 1, ctx->now);
  sqlite3_bind_int64 (stmt, 2, topic);
  sqlite3_bind_int64 (stmt, 3, entity);
  sqlite3_bind_int64 (stmt, 4, cursor_id (cursor));
  sqlite3_bind_int (stmt, 5, limit + 1);
  msk_ctx_reply_page (ctx, "outcomes", stmt, limit, page_outcome);
}

static void
get_outcome (MskCtx *ctx)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " OUTCOME_COLS " FROM outcomes o "
                                "JOIN topics t ON t.id = o.topic_id "
                                "WHERE o.id = ? AND o.published_at <= ?");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->now);
  msk_ctx_reply_row (ctx, 200, stmt, add_outcome);
}

/* ---- page feedback ------------------------------------------------------- */

static const char * const feedback_reasons[] = {
  "clear", "complete", "helpful", "unclear", "incomplete", "outdated", "hard_to_read",
  "not_relevant", "other", NULL
};

static void
post_feedback (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "topic_id", MSK_FIELD_INT, TRUE, 1, 0 },
    { "useful", MSK_FIELD_BOOL, TRUE, 0, 0 },
    { "reasons", MSK_FIELD_STRING_ARRAY, TRUE, 0, 9 },
    { "comment", MSK_FIELD_STRING, FALSE, 0, 500 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GString) reasons = g_string_new (NULL);
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 topic;

  obj = msk_ctx_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
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

          if (!in_list (feedback_reasons, r))
            msk_errors_add (ctx, errors, pointer, 0, "invalid-value", 0);
          else if (strstr (hay, needle) != NULL)
            msk_errors_add (ctx, errors, pointer, 0, "duplicate", 0);
          else
            g_string_append_printf (reasons, "%s%s", reasons->len > 0 ? "," : "", r);
        }
    }
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;
  topic = json_object_get_int_member (obj, "topic_id");
  if (!msk_topic_lookup (ctx, topic, NULL, NULL))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO feedback (topic_id, useful, reasons, comment, "
                                "created_at) VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, topic);
  sqlite3_bind_int (stmt, 2, json_object_get_boolean_member (obj, "useful"));
  sqlite3_bind_text (stmt, 3, reasons->str, -1, SQLITE_TRANSIENT);
  if (json_object_has_member (obj, "comment") &&
      !json_node_is_null (json_object_get_member (obj, "comment")))
    sqlite3_bind_text (stmt, 4, json_object_get_string_member (obj, "comment"), -1,
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, ctx->now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      msk_ctx_problem (ctx, "internal", NULL);
      return;
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, topic);
  msk_builder_add_time (b, "received_at", ctx->now);
  json_builder_end_object (b);
  msk_ctx_reply_builder (ctx, 201, b);
}

static void
add_feedback_summary (MskCtx      *ctx,
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
      g_auto(GStrv) rs = g_strsplit (msk_col_text (stmt, 1), ",", -1);

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
get_topic_feedback (MskCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_topic_lookup (ctx, id, NULL, NULL))
    return;
  add_feedback_summary (ctx, b, id);
  msk_ctx_reply_builder (ctx, 200, b);
}

/* ---- open data ----------------------------------------------------------- */

static JsonNode *
build_export (MskCtx *ctx,
              gint64  id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt;
  gint64 participants;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT kind, title_text_ar, title_text_en, opens_at, closes_at, "
                                "coalesce(results_published_at, 0) FROM topics WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  kind = g_strdup (msk_col_text (stmt, 0));
  status = g_strdup (msk_topic_status (ctx->now, sqlite3_column_int64 (stmt, 3),
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
  msk_builder_add_loc_cols (b, "title", stmt, 1);
  msk_builder_add_time (b, "opens_at", sqlite3_column_int64 (stmt, 3));
  msk_builder_add_time (b, "closes_at", sqlite3_column_int64 (stmt, 4));
  json_builder_end_object (b);
  sqlite3_reset (stmt);
  msk_builder_add_time (b, "generated_at", ctx->now);

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT count(DISTINCT user_id) FROM ("
                                " SELECT user_id FROM ballots WHERE topic_id = ?1"
                                " UNION SELECT user_id FROM survey_responses WHERE topic_id = ?1"
                                " UNION SELECT user_id FROM comments WHERE topic_id = ?1"
                                " UNION SELECT user_id FROM ideas WHERE topic_id = ?1"
                                " UNION SELECT s.user_id FROM idea_supports s JOIN ideas i"
                                "   ON i.id = s.idea_id WHERE i.topic_id = ?1)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_step (stmt);
  participants = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  json_builder_set_member_name (b, "participants");
  json_builder_add_int_value (b, participants);

  if (g_str_equal (kind, "poll"))
    {
      json_builder_set_member_name (b, "poll");
      add_poll_results (ctx, b, id, status);
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
          g_ptr_array_add (types, g_strdup (msk_col_text (stmt, 1)));
          g_ptr_array_add (prompts, g_strdup (msk_col_text (stmt, 2)));
          g_ptr_array_add (prompts, g_strdup (msk_col_text (stmt, 3)));
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
          msk_builder_add_loc (b, "prompt", prompts->pdata[2 * i], prompts->pdata[2 * i + 1]);
          json_builder_set_member_name (b, "answered");
          json_builder_add_int_value (b, msk_server_db_query_int (ctx->db,
                                                                  "SELECT count(DISTINCT "
                                                                  "response_id) FROM "
                                                                  "survey_answers WHERE "
                                                                  "question_id = ?", qid));
          if (g_str_has_suffix (type, "_option"))
            add_survey_options (ctx, b, qid, TRUE);
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
                                    "WHERE s.idea_id = i.id) AS n FROM ideas i "
                                    "WHERE i.topic_id = ? ORDER BY n DESC, i.id");
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, msk_col_text (stmt, 1));
          json_builder_set_member_name (b, "support_count");
          json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 2));
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
  add_feedback_summary (ctx, b, id);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
export_json (MskCtx *ctx)
{
  g_autoptr(JsonNode) root = NULL;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  root = build_export (ctx, id);
  if (root == NULL)
    {
      msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  msk_ctx_reply_json (ctx, 200, root);
}

static void
csv_field (GString    *out,
           const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_row (GString    *out,
         const char *section,
         gint64      item_id,
         JsonObject *label,
         const char *metric,
         const char *value)
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
  g_string_append (out, "\r\n");
}

static void
csv_int (GString    *out,
         const char *section,
         gint64      item_id,
         JsonObject *label,
         const char *metric,
         gint64      value)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  csv_row (out, section, item_id, label, metric, v);
}

static void
export_csv (MskCtx *ctx)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) out = g_string_new ("section,item_id,label_ar,label_en,metric,value\r\n");
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *o, *topic, *obj;
  gint64 id;
  gsize len;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  root = build_export (ctx, id);
  if (root == NULL)
    {
      msk_ctx_problem (ctx, "not-found", NULL);
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
          csv_int (out, "idea", json_object_get_int_member (idea, "id"), label, "supports",
                   json_object_get_int_member (idea, "support_count"));
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
  msk_ctx_reply_bytes (ctx, 200, "text/csv; charset=utf-8", bytes);
  {
    g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"topic-%"
                                                    G_GINT64_FORMAT ".csv\"", id);

    msk_ctx_add_header (ctx, "Content-Disposition", disposition);
  }
}

/* ---- participation reports ----------------------------------------------- */

typedef struct
{
  GHashTable *participants;
  gint64 counts[10];
  gint64 requests;
  gint64 answered;
  GArray *hours; /* double */
} MskMonth;

static const char * const submission_kinds[] = {
  "ballots", "survey_responses", "comments", "ideas", "supports", "feedback",
  "complaints", "suggestions", "information_requests", "appeals",
};

static void
msk_month_free (gpointer data)
{
  MskMonth *m = data;

  g_hash_table_unref (m->participants);
  g_array_unref (m->hours);
  g_free (m);
}

static gboolean
parse_month (const char *s,
             int        *year,
             int        *month)
{
  guint64 y = 0, m = 0;
  char buf[5];

  if (s == NULL || strlen (s) != 7 || s[4] != '-')
    return FALSE;
  memcpy (buf, s, 4);
  buf[4] = '\0';
  if (!g_ascii_string_to_unsigned (buf, 10, 1970, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (s + 5, 10, 1, 12, &m, NULL))
    return FALSE;
  *year = (int) y;
  *month = (int) m;
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
get_entity_report (MskCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        msk_month_free);
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (MSK_PORTAL_OFFSET_SECONDS);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int fy, fm, ty, tm;
  int span;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  if (msk_server_db_query_int (ctx->db, "SELECT count(*) FROM entities WHERE id = ?", id) == 0)
    {
      msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ctx->now);

    now = g_date_time_to_timezone (utc, tz);
  }
  ty = g_date_time_get_year (now);
  tm = g_date_time_get_month (now);
  if (msk_ctx_query (ctx, "to") != NULL && !parse_month (msk_ctx_query (ctx, "to"), &ty, &tm))
    {
      msk_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  fy = ty - (tm <= 11 ? 1 : 0);
  fm = tm <= 11 ? tm + 1 : 1;
  if (msk_ctx_query (ctx, "from") != NULL &&
      !parse_month (msk_ctx_query (ctx, "from"), &fy, &fm))
    {
      msk_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  span = (ty * 12 + tm) - (fy * 12 + fm) + 1;
  if (span < 1 || span > 36)
    {
      msk_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }

  start = g_date_time_new (tz, fy, fm, 1, 0, 0, 0);
  {
    g_autoptr(GDateTime) last = g_date_time_new (tz, ty, tm, 1, 0, 0, 0);

    end = g_date_time_add_months (last, 1);
  }
  for (int i = 0; i < span; i++)
    {
      g_autoptr(GDateTime) d = g_date_time_add_months (start, i);
      MskMonth *m = g_new0 (MskMonth, 1);

      m->participants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      m->hours = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (months, g_date_time_format (d, "%Y-%m"), m);
    }

  stmt = msk_server_db_prepare (ctx->db,
    "SELECT 0, b.created_at, 'u' || b.user_id, NULL FROM ballots b JOIN topics t "
    " ON t.id = b.topic_id WHERE t.entity_id = ?1 AND b.created_at >= ?2 AND b.created_at < ?3 "
    "UNION ALL SELECT 1, r.created_at, 'u' || r.user_id, NULL FROM survey_responses r "
    " JOIN topics t ON t.id = r.topic_id WHERE t.entity_id = ?1 AND r.created_at >= ?2 "
    " AND r.created_at < ?3 "
    "UNION ALL SELECT 2, c.created_at, 'u' || c.user_id, NULL FROM comments c JOIN topics t "
    " ON t.id = c.topic_id WHERE t.entity_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 "
    "UNION ALL SELECT 3, i.created_at, 'u' || i.user_id, NULL FROM ideas i JOIN topics t "
    " ON t.id = i.topic_id WHERE t.entity_id = ?1 AND i.created_at >= ?2 AND i.created_at < ?3 "
    "UNION ALL SELECT 4, s.created_at, 'u' || s.user_id, NULL FROM idea_supports s "
    " JOIN ideas i ON i.id = s.idea_id JOIN topics t ON t.id = i.topic_id "
    " WHERE t.entity_id = ?1 AND s.created_at >= ?2 AND s.created_at < ?3 "
    "UNION ALL SELECT 5, f.created_at, NULL, NULL FROM feedback f JOIN topics t "
    " ON t.id = f.topic_id WHERE t.entity_id = ?1 AND f.created_at >= ?2 AND f.created_at < ?3 "
    "UNION ALL SELECT CASE s.kind WHEN 'complaint' THEN 6 WHEN 'suggestion' THEN 7 "
    " WHEN 'information_request' THEN 8 ELSE 9 END, r.requested_at, "
    " coalesce('u' || r.user_id, 'e' || lower(r.email), 'r' || r.id), "
    " r.closed_at - r.requested_at FROM service_requests r "
    " JOIN services s ON s.code = r.service_code WHERE s.entity_id = ?1 "
    " AND r.requested_at >= ?2 AND r.requested_at < ?3");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (start));
  sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (end));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *key = g_date_time_format (local, "%Y-%m");
      MskMonth *m = g_hash_table_lookup (months, key);

      if (m == NULL)
        continue;
      m->counts[kind]++;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_hash_table_add (m->participants, g_strdup (msk_col_text (stmt, 2)));
      if (kind >= 6)
        {
          m->requests++;
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            {
              double hours = sqlite3_column_int64 (stmt, 3) / 3600.0;

              m->answered++;
              g_array_append_val (m->hours, hours);
            }
        }
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entity_id");
  json_builder_add_int_value (b, id);
  {
    g_autofree char *from = g_date_time_format (start, "%Y-%m");

    json_builder_set_member_name (b, "from");
    json_builder_add_string_value (b, from);
  }
  {
    g_autoptr(GDateTime) last = g_date_time_add_months (end, -1);
    g_autofree char *to = g_date_time_format (last, "%Y-%m");

    json_builder_set_member_name (b, "to");
    json_builder_add_string_value (b, to);
  }
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (int i = 0; i < span; i++)
    {
      g_autoptr(GDateTime) d = g_date_time_add_months (start, i);
      g_autofree char *key = g_date_time_format (d, "%Y-%m");
      MskMonth *m = g_hash_table_lookup (months, key);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "month");
      json_builder_add_string_value (b, key);
      json_builder_set_member_name (b, "participants");
      json_builder_add_int_value (b, g_hash_table_size (m->participants));
      json_builder_set_member_name (b, "submissions");
      json_builder_begin_object (b);
      for (guint k = 0; k < G_N_ELEMENTS (submission_kinds); k++)
        {
          json_builder_set_member_name (b, submission_kinds[k]);
          json_builder_add_int_value (b, m->counts[k]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "answered_share");
      if (m->requests > 0)
        json_builder_add_double_value (b, (double) ((m->answered * 1000 + m->requests / 2)
                                                    / m->requests) / 1000.0);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "median_hours_to_answer");
      if (m->hours->len > 0)
        {
          double median;

          g_array_sort (m->hours, compare_doubles);
          if (m->hours->len % 2 == 1)
            median = g_array_index (m->hours, double, m->hours->len / 2);
          else
            median = (g_array_index (m->hours, double, m->hours->len / 2 - 1) +
                      g_array_index (m->hours, double, m->hours->len / 2)) / 2.0;
          json_builder_add_double_value (b, (double) (gint64) (median * 10.0 + 0.5) / 10.0);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  msk_ctx_reply_builder (ctx, 200, b);
}

const MskRouteDef msk_v1_routes[] = {
  { "GET", "/v1/entities", list_entities },
  { "GET", "/v1/entities/{entity_id}", get_entity },
  { "GET", "/v1/entities/{entity_id}/reports", get_entity_report },
  { "GET", "/v1/topics", list_topics },
  { "GET", "/v1/topics/{topic_id}", get_topic },
  { "GET", "/v1/topics/{topic_id}/feedback", get_topic_feedback },
  { "GET", "/v1/polls/{poll_id}", get_poll },
  { "GET", "/v1/polls/{poll_id}/ballot", get_ballot },
  { "PUT", "/v1/polls/{poll_id}/ballot", put_ballot },
  { "GET", "/v1/polls/{poll_id}/results", get_poll_results },
  { "GET", "/v1/surveys/{survey_id}", get_survey },
  { "POST", "/v1/surveys/{survey_id}/responses", post_survey_response },
  { "GET", "/v1/outcomes", list_outcomes },
  { "GET", "/v1/outcomes/{outcome_id}", get_outcome },
  { "POST", "/v1/feedback", post_feedback },
  { "GET", "/v1/export/{topic_id}.csv", export_csv },
  { "GET", "/v1/export/{topic_id}.json", export_json },
};
const gsize msk_v1_n_routes = G_N_ELEMENTS (msk_v1_routes);
