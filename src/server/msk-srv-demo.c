/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The demo portal: a municipality, an emirate and a ministry with topics of
 * every kind and status, polls with results, a survey using every question
 * type, comments, ideas, outcomes and Open311 requests. Loaded once into an
 * empty database from demo.json (a GResource); times are relative to now.
 */
#include "msk-srv-demo.h"

#include <json-glib/json-glib.h>

#include "msk-srv-open311.h"
#include "msk-srv-session.h"

#define DAY (24 * 3600)

typedef struct
{
  MskServerDb *db;
  gint64 now;
  GArray *entities;       /* gint64 ids, by index */
  GHashTable *users;      /* username → id (gint64 *) */
  GArray *residents;      /* gint64 ids */
  guint next_resident;
} MskSrvDemo;

static const char *
str (JsonObject *obj,
     const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
num (JsonObject *obj,
     const char *name,
     gint64      fallback)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static const char *
loc (JsonObject *obj,
     const char *name,
     const char *lang)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return str (json_node_get_object (node), lang);
}

static JsonArray *
arr (JsonObject *obj,
     const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object (JsonObject *obj,
        const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
step (MskServerDb   *db,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, MSK_SERVER_ERROR, MSK_SERVER_ERROR_DEMO, "Demo data: %s",
                   sqlite3_errmsg (msk_server_db_get_handle (db)));
      return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gint64
user_id (MskSrvDemo *demo,
         const char *username)
{
  gint64 *id = username != NULL ? g_hash_table_lookup (demo->users, username) : NULL;

  return id != NULL ? *id : 0;
}

static gint64
next_resident (MskSrvDemo *demo)
{
  gint64 id = g_array_index (demo->residents, gint64, demo->next_resident);

  demo->next_resident = (demo->next_resident + 1) % demo->residents->len;
  return id;
}

/* A time inside [from, to) spread by @k, for realistic monthly reports. */
static gint64
spread (gint64 from,
        gint64 to,
        guint  k)
{
  gint64 span = MAX ((gint64) 3600, to - from);

  return from + ((gint64) k * 7919 * 61) % span;
}

static gboolean
load_comments (MskSrvDemo  *demo,
               gint64       topic,
               gint64       parent,
               const char  *parent_path,
               int          depth,
               JsonArray   *comments,
               gint64       opens,
               GError     **error)
{
  for (guint i = 0; comments != NULL && i < json_array_get_length (comments); i++)
    {
      JsonObject *c = json_array_get_object_element (comments, i);
      const char *status = str (c, "status");
      g_autofree char *path = NULL;
      sqlite3_stmt *stmt;
      gint64 id;
      JsonArray *flags = arr (c, "flags");

      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO comments (topic_id, parent_id, user_id, body, "
                                    "status, reject_reason, depth, created_at, moderated_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, topic);
      if (parent != 0)
        sqlite3_bind_int64 (stmt, 2, parent);
      sqlite3_bind_int64 (stmt, 3, user_id (demo, str (c, "user")));
      bind_text (stmt, 4, str (c, "body"));
      bind_text (stmt, 5, status);
      bind_text (stmt, 6, str (c, "reason"));
      sqlite3_bind_int (stmt, 7, depth);
      sqlite3_bind_int64 (stmt, 8, MIN (demo->now - 3600, opens + (i + 1 + depth) * 5 * 3600));
      if (!g_str_equal (status, "pending"))
        sqlite3_bind_int64 (stmt, 9, MIN (demo->now - 600, opens + (i + 2 + depth) * 5 * 3600));
      if (!step (demo->db, stmt, error))
        return FALSE;
      id = msk_server_db_last_insert_id (demo->db);
      path = parent_path != NULL ? g_strdup_printf ("%s/%010" G_GINT64_FORMAT, parent_path, id)
                                 : g_strdup_printf ("%010" G_GINT64_FORMAT, id);
      stmt = msk_server_db_prepare (demo->db, "UPDATE comments SET path = ? WHERE id = ?");
      bind_text (stmt, 1, path);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!step (demo->db, stmt, error))
        return FALSE;

      for (guint k = 0; flags != NULL && k < json_array_get_length (flags); k++)
        {
          JsonObject *f = json_array_get_object_element (flags, k);

          stmt = msk_server_db_prepare (demo->db,
                                        "INSERT INTO comment_flags (comment_id, user_id, "
                                        "reason, created_at) VALUES (?, ?, ?, ?)");
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, user_id (demo, str (f, "user")));
          bind_text (stmt, 3, str (f, "reason"));
          sqlite3_bind_int64 (stmt, 4, demo->now - 1800);
          if (!step (demo->db, stmt, error))
            return FALSE;
        }

      if (!load_comments (demo, topic, id, path, depth + 1, arr (c, "replies"), opens, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_poll (MskSrvDemo  *demo,
           gint64       topic,
           JsonObject  *poll,
           gint64       opens,
           gint64       closes,
           GError     **error)
{
  JsonArray *options = arr (poll, "options");
  JsonArray *votes = arr (poll, "votes");

  for (guint i = 0; i < json_array_get_length (options); i++)
    {
      JsonObject *o = json_array_get_object_element (options, i);
      sqlite3_stmt *stmt = msk_server_db_prepare (demo->db,
                                                  "INSERT INTO poll_options (topic_id, position, "
                                                  "label_ar, label_en) VALUES (?, ?, ?, ?)");
      gint64 option;
      gint64 n = votes != NULL ? json_array_get_int_element (votes, i) : 0;

      sqlite3_bind_int64 (stmt, 1, topic);
      sqlite3_bind_int (stmt, 2, i + 1);
      bind_text (stmt, 3, str (o, "ar"));
      bind_text (stmt, 4, str (o, "en"));
      if (!step (demo->db, stmt, error))
        return FALSE;
      option = msk_server_db_last_insert_id (demo->db);

      for (gint64 k = 0; k < n; k++)
        {
          gint64 at = spread (opens, MIN (closes, demo->now), (guint) (k + i * 131));

          stmt = msk_server_db_prepare (demo->db,
                                        "INSERT INTO ballots (topic_id, user_id, created_at, "
                                        "updated_at) VALUES (?, ?, ?, ?)");
          sqlite3_bind_int64 (stmt, 1, topic);
          sqlite3_bind_int64 (stmt, 2, next_resident (demo));
          sqlite3_bind_int64 (stmt, 3, at);
          sqlite3_bind_int64 (stmt, 4, at);
          if (!step (demo->db, stmt, error))
            return FALSE;
          stmt = msk_server_db_prepare (demo->db,
                                        "INSERT INTO ballot_choices (ballot_id, option_id) "
                                        "VALUES (?, ?)");
          sqlite3_bind_int64 (stmt, 1, msk_server_db_last_insert_id (demo->db));
          sqlite3_bind_int64 (stmt, 2, option);
          if (!step (demo->db, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_survey (MskSrvDemo  *demo,
             gint64       topic,
             JsonObject  *survey,
             gint64       opens,
             gint64       closes,
             GError     **error)
{
  JsonArray *questions = arr (survey, "questions");
  g_autoptr(GArray) qids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) option_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gint64 responses = num (survey, "responses", 0);

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);
      JsonArray *options = arr (q, "options");
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt = msk_server_db_prepare (demo->db,
                                                  "INSERT INTO survey_questions (topic_id, "
                                                  "position, type, required, max_length, "
                                                  "prompt_ar, prompt_en, help_ar, help_en) "
                                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      gint64 qid;
      JsonNode *required = json_object_get_member (q, "required");

      sqlite3_bind_int64 (stmt, 1, topic);
      sqlite3_bind_int (stmt, 2, i + 1);
      bind_text (stmt, 3, str (q, "type"));
      sqlite3_bind_int (stmt, 4, required != NULL && json_node_get_boolean (required));
      sqlite3_bind_int64 (stmt, 5, num (q, "max_length", 0));
      bind_text (stmt, 6, loc (q, "prompt", "ar"));
      bind_text (stmt, 7, loc (q, "prompt", "en"));
      bind_text (stmt, 8, loc (q, "help", "ar"));
      bind_text (stmt, 9, loc (q, "help", "en"));
      if (!step (demo->db, stmt, error))
        {
          g_array_unref (ids);
          return FALSE;
        }
      qid = msk_server_db_last_insert_id (demo->db);
      g_array_append_val (qids, qid);
      g_ptr_array_add (option_ids, ids);

      for (guint k = 0; options != NULL && k < json_array_get_length (options); k++)
        {
          JsonObject *o = json_array_get_object_element (options, k);
          gint64 oid;

          stmt = msk_server_db_prepare (demo->db,
                                        "INSERT INTO survey_options (question_id, position, "
                                        "label_ar, label_en) VALUES (?, ?, ?, ?)");
          sqlite3_bind_int64 (stmt, 1, qid);
          sqlite3_bind_int (stmt, 2, k + 1);
          bind_text (stmt, 3, str (o, "ar"));
          bind_text (stmt, 4, str (o, "en"));
          if (!step (demo->db, stmt, error))
            return FALSE;
          oid = msk_server_db_last_insert_id (demo->db);
          g_array_append_val (ids, oid);
        }
    }

  /* Deterministic answers from residents */
  for (gint64 r = 0; r < responses; r++)
    {
      sqlite3_stmt *stmt = msk_server_db_prepare (demo->db,
                                                  "INSERT INTO survey_responses (topic_id, "
                                                  "user_id, created_at) VALUES (?, ?, ?)");
      gint64 response;

      sqlite3_bind_int64 (stmt, 1, topic);
      sqlite3_bind_int64 (stmt, 2, next_resident (demo));
      sqlite3_bind_int64 (stmt, 3, spread (opens, MIN (closes, demo->now), (guint) r * 17));
      if (!step (demo->db, stmt, error))
        return FALSE;
      response = msk_server_db_last_insert_id (demo->db);

      for (guint i = 0; i < qids->len; i++)
        {
          JsonObject *q = json_array_get_object_element (questions, i);
          const char *type = str (q, "type");
          GArray *opts = option_ids->pdata[i];
          gint64 values[2] = { 0, 0 };
          guint n_values = 1;
          const char *text = NULL;

          if (g_str_equal (type, "single_option"))
            values[0] = g_array_index (opts, gint64, (r * 5 + r / 3) % opts->len);
          else if (g_str_equal (type, "multiple_option"))
            {
              values[0] = g_array_index (opts, gint64, r % opts->len);
              values[1] = g_array_index (opts, gint64, (r + 2) % opts->len);
              n_values = r % 3 == 0 ? 1 : 2;
            }
          else if (g_str_equal (type, "rating"))
            values[0] = 5 - (r * r) % 4 - (r % 7 == 0 ? 1 : 0);
          else if (g_str_equal (type, "yes_no"))
            values[0] = r % 3 != 0;
          else if (r % 4 == 0)
            text = g_str_equal (type, "short_answer") ? "سرعة الإنجاز"
                                                      : "Longer opening hours on weekends.";
          else
            continue;

          for (guint k = 0; k < n_values; k++)
            {
              stmt = msk_server_db_prepare (demo->db,
                                            "INSERT INTO survey_answers (response_id, "
                                            "question_id, value_int, value_text) "
                                            "VALUES (?, ?, ?, ?)");
              sqlite3_bind_int64 (stmt, 1, response);
              sqlite3_bind_int64 (stmt, 2, g_array_index (qids, gint64, i));
              if (text != NULL)
                bind_text (stmt, 4, text);
              else
                sqlite3_bind_int64 (stmt, 3, values[k]);
              if (!step (demo->db, stmt, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
load_topic (MskSrvDemo  *demo,
            JsonObject  *t,
            GError     **error)
{
  static const char * const fields[] = { "title", "summary", "body" };
  gint64 opens = demo->now + num (t, "opens_days", 0) * DAY;
  gint64 closes = demo->now + num (t, "closes_days", 30) * DAY;
  JsonNode *results = json_object_get_member (t, "results_days");
  JsonObject *poll = object (t, "poll");
  JsonObject *survey = object (t, "survey");
  JsonObject *outcome = object (t, "outcome");
  JsonArray *images = arr (t, "images");
  JsonArray *ideas = arr (t, "ideas");
  JsonArray *feedback = arr (t, "feedback");
  g_autoptr(GArray) idea_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 topic;
  int col = 4;

  stmt = msk_server_db_prepare (demo->db,
    "INSERT INTO topics (entity_id, kind, title_ar, title_en, title_text_ar, title_text_en, "
    "summary_ar, summary_en, summary_text_ar, summary_text_en, body_ar, body_en, "
    "body_text_ar, body_text_en, speech_ar, speech_en, opens_at, closes_at, "
    "results_published_at, poll_multiple, poll_max_choices, poll_visibility, updated_at, "
    "search_text) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, "
    "msk_fold(?5 || ' ' || ?6 || ' ' || ?9 || ' ' || ?10 || ' ' || ?13 || ' ' || ?14))");
  sqlite3_bind_int64 (stmt, 1, g_array_index (demo->entities, gint64, num (t, "entity", 0)));
  bind_text (stmt, 2, str (t, "kind"));
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_autofree char *text_ar = msk_server_strip_markup (loc (t, fields[f], "ar"));
      g_autofree char *text_en = msk_server_strip_markup (loc (t, fields[f], "en"));

      col = 3 + f * 4;
      bind_text (stmt, col, loc (t, fields[f], "ar"));
      bind_text (stmt, col + 1, loc (t, fields[f], "en"));
      bind_text (stmt, col + 2, text_ar);
      bind_text (stmt, col + 3, text_en);
    }
  bind_text (stmt, 15, loc (t, "speech", "ar"));
  bind_text (stmt, 16, loc (t, "speech", "en"));
  sqlite3_bind_int64 (stmt, 17, opens);
  sqlite3_bind_int64 (stmt, 18, closes);
  if (results != NULL && JSON_NODE_HOLDS_VALUE (results))
    sqlite3_bind_int64 (stmt, 19, demo->now + json_node_get_int (results) * DAY);
  if (poll != NULL)
    {
      JsonNode *multiple = json_object_get_member (poll, "multiple");

      sqlite3_bind_int (stmt, 20, multiple != NULL && json_node_get_boolean (multiple));
      sqlite3_bind_int64 (stmt, 21, num (poll, "max_choices", 1));
      bind_text (stmt, 22, str (poll, "visibility"));
    }
  else
    {
      sqlite3_bind_int (stmt, 20, 0);
      sqlite3_bind_int (stmt, 21, 1);
      bind_text (stmt, 22, "after_vote");
    }
  sqlite3_bind_int64 (stmt, 23, MIN (demo->now, opens));
  if (!step (demo->db, stmt, error))
    return FALSE;
  topic = msk_server_db_last_insert_id (demo->db);

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonObject *img = json_array_get_object_element (images, i);

      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO topic_images (topic_id, position, url, alt_ar, "
                                    "alt_en, width, height) VALUES (?, ?, ?, ?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, topic);
      sqlite3_bind_int (stmt, 2, i + 1);
      bind_text (stmt, 3, str (img, "url"));
      bind_text (stmt, 4, loc (img, "alt", "ar"));
      bind_text (stmt, 5, loc (img, "alt", "en"));
      sqlite3_bind_int64 (stmt, 6, num (img, "width", 0));
      sqlite3_bind_int64 (stmt, 7, num (img, "height", 0));
      if (!step (demo->db, stmt, error))
        return FALSE;
    }

  if (poll != NULL && !load_poll (demo, topic, poll, opens, closes, error))
    return FALSE;
  if (survey != NULL && !load_survey (demo, topic, survey, opens, closes, error))
    return FALSE;
  if (!load_comments (demo, topic, 0, NULL, 0, arr (t, "comments"), opens, error))
    return FALSE;

  for (guint i = 0; ideas != NULL && i < json_array_get_length (ideas); i++)
    {
      JsonObject *idea = json_array_get_object_element (ideas, i);
      gint64 id, supports = num (idea, "supports", 0);

      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO ideas (topic_id, user_id, title, body, "
                                    "created_at) VALUES (?, ?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, topic);
      sqlite3_bind_int64 (stmt, 2, user_id (demo, str (idea, "user")));
      bind_text (stmt, 3, str (idea, "title"));
      bind_text (stmt, 4, str (idea, "body"));
      sqlite3_bind_int64 (stmt, 5, opens + (i + 1) * DAY / 2);
      if (!step (demo->db, stmt, error))
        return FALSE;
      id = msk_server_db_last_insert_id (demo->db);
      g_array_append_val (idea_ids, id);
      for (gint64 k = 0; k < supports; k++)
        {
          stmt = msk_server_db_prepare (demo->db,
                                        "INSERT OR IGNORE INTO idea_supports (idea_id, user_id, "
                                        "created_at) VALUES (?, ?, ?)");
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, next_resident (demo));
          sqlite3_bind_int64 (stmt, 3, spread (opens, MIN (closes, demo->now), (guint) k * 3));
          if (!step (demo->db, stmt, error))
            return FALSE;
        }
    }

  if (outcome != NULL)
    {
      JsonArray *linked = arr (outcome, "ideas");
      gint64 outcome_id;

      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO outcomes (topic_id, decision_ar, decision_en, "
                                    "progress, published_at) VALUES (?, ?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, topic);
      bind_text (stmt, 2, loc (outcome, "decision", "ar"));
      bind_text (stmt, 3, loc (outcome, "decision", "en"));
      sqlite3_bind_int64 (stmt, 4, num (outcome, "progress", 0));
      sqlite3_bind_int64 (stmt, 5, demo->now + num (outcome, "published_days", 0) * DAY);
      if (!step (demo->db, stmt, error))
        return FALSE;
      outcome_id = msk_server_db_last_insert_id (demo->db);
      for (guint i = 0; linked != NULL && i < json_array_get_length (linked); i++)
        {
          stmt = msk_server_db_prepare (demo->db,
                                        "INSERT INTO outcome_ideas (outcome_id, idea_id) "
                                        "VALUES (?, ?)");
          sqlite3_bind_int64 (stmt, 1, outcome_id);
          sqlite3_bind_int64 (stmt, 2, g_array_index (idea_ids, gint64,
                                                      json_array_get_int_element (linked, i)));
          if (!step (demo->db, stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; feedback != NULL && i < json_array_get_length (feedback); i++)
    {
      JsonObject *f = json_array_get_object_element (feedback, i);
      JsonArray *reasons = arr (f, "reasons");
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint k = 0; reasons != NULL && k < json_array_get_length (reasons); k++)
        g_string_append_printf (joined, "%s%s", k > 0 ? "," : "",
                                json_array_get_string_element (reasons, k));
      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO feedback (topic_id, useful, reasons, created_at) "
                                    "VALUES (?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, topic);
      sqlite3_bind_int (stmt, 2, json_object_get_boolean_member (f, "useful"));
      bind_text (stmt, 3, joined->str);
      sqlite3_bind_int64 (stmt, 4, MIN (demo->now - 60, opens + (i + 1) * DAY));
      if (!step (demo->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_service (MskSrvDemo  *demo,
              JsonObject  *s,
              guint        position,
              GError     **error)
{
  JsonArray *attributes = arr (s, "attributes");
  JsonNode *needs = json_object_get_member (s, "needs_location");
  const char *code = str (s, "code");
  sqlite3_stmt *stmt;

  stmt = msk_server_db_prepare (demo->db,
                                "INSERT INTO services (code, entity_id, position, kind, name_ar, "
                                "name_en, description_ar, description_en, notice_ar, notice_en, "
                                "keywords, grp, needs_location) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_text (stmt, 1, code);
  sqlite3_bind_int64 (stmt, 2, g_array_index (demo->entities, gint64, num (s, "entity", 0)));
  sqlite3_bind_int (stmt, 3, position);
  bind_text (stmt, 4, str (s, "kind"));
  bind_text (stmt, 5, loc (s, "name", "ar"));
  bind_text (stmt, 6, loc (s, "name", "en"));
  bind_text (stmt, 7, loc (s, "description", "ar"));
  bind_text (stmt, 8, loc (s, "description", "en"));
  bind_text (stmt, 9, loc (s, "notice", "ar"));
  bind_text (stmt, 10, loc (s, "notice", "en"));
  bind_text (stmt, 11, str (s, "keywords"));
  bind_text (stmt, 12, str (s, "group"));
  sqlite3_bind_int (stmt, 13, needs == NULL || json_node_get_boolean (needs));
  if (!step (demo->db, stmt, error))
    return FALSE;

  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      JsonObject *a = json_array_get_object_element (attributes, i);
      JsonArray *values = arr (a, "values");

      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO service_attributes (service_code, code, "
                                    "position, datatype, required, variable, description_ar, "
                                    "description_en) VALUES (?, ?, ?, ?, ?, 1, ?, ?)");
      bind_text (stmt, 1, code);
      bind_text (stmt, 2, str (a, "code"));
      sqlite3_bind_int (stmt, 3, i + 1);
      bind_text (stmt, 4, str (a, "datatype"));
      sqlite3_bind_int (stmt, 5, json_object_get_boolean_member (a, "required"));
      bind_text (stmt, 6, loc (a, "description", "ar"));
      bind_text (stmt, 7, loc (a, "description", "en"));
      if (!step (demo->db, stmt, error))
        return FALSE;
      for (guint k = 0; values != NULL && k < json_array_get_length (values); k++)
        {
          JsonObject *v = json_array_get_object_element (values, k);

          stmt = msk_server_db_prepare (demo->db,
                                        "INSERT INTO service_attribute_values (service_code, "
                                        "attribute_code, position, key, name_ar, name_en) "
                                        "VALUES (?, ?, ?, ?, ?, ?)");
          bind_text (stmt, 1, code);
          bind_text (stmt, 2, str (a, "code"));
          sqlite3_bind_int (stmt, 3, k + 1);
          bind_text (stmt, 4, str (v, "key"));
          bind_text (stmt, 5, str (v, "ar"));
          bind_text (stmt, 6, str (v, "en"));
          if (!step (demo->db, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_request (MskSrvDemo  *demo,
              JsonObject  *r,
              GError     **error)
{
  const char *service = str (r, "service");
  const char *description = str (r, "description");
  gboolean arabic = description != NULL && g_utf8_get_char (description) >= 0x0600 &&
                    g_utf8_get_char (description) <= 0x06ff;
  gint64 requested = demo->now - num (r, "days_ago", 1) * DAY;
  JsonObject *attributes = object (r, "attributes");
  JsonArray *steps = arr (r, "steps");
  JsonNode *lat = json_object_get_member (r, "lat");
  JsonNode *lon = json_object_get_member (r, "long");
  g_autoptr(GList) names = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = msk_server_db_prepare (demo->db,
                                "INSERT INTO service_requests (service_code, detailed_status, "
                                "description, lat, long, address, email, requested_at, "
                                "updated_at, expected_at) "
                                "VALUES (?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_text (stmt, 1, service);
  bind_text (stmt, 2, description);
  if (lat != NULL && lon != NULL)
    {
      sqlite3_bind_double (stmt, 3, json_node_get_double (lat));
      sqlite3_bind_double (stmt, 4, json_node_get_double (lon));
    }
  bind_text (stmt, 5, str (r, "address"));
  {
    g_autofree char *email = g_strdup_printf ("resident%u@example.org",
                                              g_str_hash (description) % 1000);

    bind_text (stmt, 6, email);
  }
  sqlite3_bind_int64 (stmt, 7, requested);
  sqlite3_bind_int64 (stmt, 8, requested);
  if (g_str_has_prefix (service, "information_"))
    sqlite3_bind_int64 (stmt, 9, msk_srv_add_working_days (requested, 10));
  if (!step (demo->db, stmt, error))
    return FALSE;
  id = msk_server_db_last_insert_id (demo->db);

  stmt = msk_server_db_prepare (demo->db,
                                "INSERT INTO request_history (request_id, detailed_status, at) "
                                "VALUES (?, 'RECEIVED', ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, requested);
  if (!step (demo->db, stmt, error))
    return FALSE;

  if (attributes != NULL)
    names = json_object_get_members (attributes);
  for (GList *l = names; l != NULL; l = l->next)
    {
      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO request_attributes (request_id, code, value) "
                                    "VALUES (?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, l->data);
      bind_text (stmt, 3, str (attributes, l->data));
      if (!step (demo->db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonObject *s = json_array_get_object_element (steps, i);
      const char *status = str (s, "status");
      const char *notes = loc (s, "notes", arabic ? "ar" : "en");
      gint64 at = MIN (demo->now - 60, requested + num (s, "after_hours", 1) * 3600);
      gboolean final = g_str_equal (status, "PROCESSED") || g_str_equal (status, "REJECTED");

      stmt = msk_server_db_prepare (demo->db,
                                    "UPDATE service_requests SET detailed_status = ?1, "
                                    "status_notes = coalesce(?2, status_notes), updated_at = ?3, "
                                    "closed_at = CASE WHEN ?4 THEN ?3 ELSE closed_at END "
                                    "WHERE id = ?5");
      bind_text (stmt, 1, status);
      bind_text (stmt, 2, notes);
      sqlite3_bind_int64 (stmt, 3, at);
      sqlite3_bind_int (stmt, 4, final);
      sqlite3_bind_int64 (stmt, 5, id);
      if (!step (demo->db, stmt, error))
        return FALSE;
      stmt = msk_server_db_prepare (demo->db,
                                    "INSERT INTO request_history (request_id, detailed_status, "
                                    "status_notes, at) VALUES (?, ?, ?, ?)");
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, status);
      bind_text (stmt, 3, notes);
      sqlite3_bind_int64 (stmt, 4, at);
      if (!step (demo->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_all (MskSrvDemo  *demo,
          JsonObject  *root,
          GError     **error)
{
  JsonArray *a;

  a = arr (root, "api_keys");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *k = json_array_get_object_element (a, i);
      sqlite3_stmt *stmt = msk_server_db_prepare (demo->db,
                                                  "INSERT INTO api_keys (key, label) "
                                                  "VALUES (?, ?)");

      bind_text (stmt, 1, str (k, "key"));
      bind_text (stmt, 2, str (k, "label"));
      if (!step (demo->db, stmt, error))
        return FALSE;
    }

  a = arr (root, "users");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *u = json_array_get_object_element (a, i);
      gint64 *id = g_new (gint64, 1);

      if (str (u, "password") != NULL)
        *id = msk_srv_add_user (demo->db, str (u, "username"), str (u, "display_name"),
                                str (u, "password"), str (u, "roles"));
      else
        {
          /* Demo participants who cannot sign in: "!" is never a valid hash. */
          sqlite3_stmt *stmt = msk_server_db_prepare (demo->db,
                                                      "INSERT INTO users (username, "
                                                      "display_name, password_hash, roles, "
                                                      "created_at) VALUES (?, ?, '!', ?, ?)");

          bind_text (stmt, 1, str (u, "username"));
          bind_text (stmt, 2, str (u, "display_name"));
          bind_text (stmt, 3, str (u, "roles"));
          sqlite3_bind_int64 (stmt, 4, demo->now - 400 * DAY);
          *id = step (demo->db, stmt, NULL) ? msk_server_db_last_insert_id (demo->db) : 0;
        }
      if (*id == 0)
        {
          g_free (id);
          g_set_error (error, MSK_SERVER_ERROR, MSK_SERVER_ERROR_DEMO, "Demo user %s failed",
                       str (u, "username"));
          return FALSE;
        }
      g_hash_table_insert (demo->users, g_strdup (str (u, "username")), id);
    }

  for (gint64 i = 0; i < num (root, "residents", 100); i++)
    {
      g_autofree char *name = g_strdup_printf ("resident-%03" G_GINT64_FORMAT, i + 1);
      sqlite3_stmt *stmt = msk_server_db_prepare (demo->db,
                                                  "INSERT INTO users (username, display_name, "
                                                  "password_hash, roles, created_at) "
                                                  "VALUES (?, ?, '!', 'citizen', ?)");
      gint64 id;

      bind_text (stmt, 1, name);
      bind_text (stmt, 2, name);
      sqlite3_bind_int64 (stmt, 3, demo->now - 400 * DAY);
      if (!step (demo->db, stmt, error))
        return FALSE;
      id = msk_server_db_last_insert_id (demo->db);
      g_array_append_val (demo->residents, id);
    }

  a = arr (root, "entities");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonObject *e = json_array_get_object_element (a, i);
      sqlite3_stmt *stmt = msk_server_db_prepare (demo->db,
                                                  "INSERT INTO entities (kind, name_ar, name_en, "
                                                  "description_ar, description_en, website, "
                                                  "jurisdiction_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
      gint64 id;

      bind_text (stmt, 1, str (e, "kind"));
      bind_text (stmt, 2, loc (e, "name", "ar"));
      bind_text (stmt, 3, loc (e, "name", "en"));
      bind_text (stmt, 4, loc (e, "description", "ar"));
      bind_text (stmt, 5, loc (e, "description", "en"));
      bind_text (stmt, 6, str (e, "website"));
      bind_text (stmt, 7, str (e, "jurisdiction_id"));
      if (!step (demo->db, stmt, error))
        return FALSE;
      id = msk_server_db_last_insert_id (demo->db);
      g_array_append_val (demo->entities, id);
    }

  a = arr (root, "topics");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    if (!load_topic (demo, json_array_get_object_element (a, i), error))
      return FALSE;

  a = arr (root, "services");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    if (!load_service (demo, json_array_get_object_element (a, i), i + 1, error))
      return FALSE;

  a = arr (root, "requests");
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    if (!load_request (demo, json_array_get_object_element (a, i), error))
      return FALSE;

  return TRUE;
}

gboolean
msk_srv_demo_load (MskServerDb  *db,
                   GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GArray) entities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) residents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  MskSrvDemo demo = { db, msk_server_now (), entities, users, residents, 0 };
  JsonNode *root;

  /* Loaded once: a database that has a portal keeps it. */
  if (msk_server_db_query_int (db, "SELECT count(*) FROM entities", 0) > 0)
    return TRUE;

  bytes = g_resources_lookup_data ("/io/github/musharaka/Server/demo.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MSK_SERVER_ERROR, MSK_SERVER_ERROR_DEMO, "demo.json is not an object");
      return FALSE;
    }

  msk_server_db_begin (db);
  if (!load_all (&demo, json_node_get_object (root), error))
    {
      msk_server_db_rollback (db);
      return FALSE;
    }
  if (!msk_server_db_commit (db))
    {
      g_set_error (error, MSK_SERVER_ERROR, MSK_SERVER_ERROR_DEMO, "Cannot store the demo data");
      return FALSE;
    }
  return TRUE;
}
