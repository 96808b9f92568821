/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1: accounts and sessions, comments with pre-moderation and flags, ideas
 * and supports, and the staff route for Open311 requests.
 */
#include "msk-server-private.h"

#include <string.h>

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], value))
      return TRUE;
  return FALSE;
}

static const char *
optional_string (JsonObject *obj,
                 const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

/* ---- accounts ------------------------------------------------------------ */

gint64
msk_server_add_user (MskServerDb *db,
                     const char  *username,
                     const char  *display_name,
                     const char  *password,
                     const char  *roles)
{
  g_autofree char *hash = msk_auth_hash_password (password);
  sqlite3_stmt *stmt = msk_server_db_prepare (db,
                                              "INSERT INTO users (username, display_name, "
                                              "password_hash, roles, created_at) "
                                              "VALUES (?, ?, ?, ?, ?)");
  int rc;

  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, roles, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? msk_server_db_last_insert_id (db) : 0;
}

static void
add_user (MskCtx      *ctx,
          JsonBuilder *b,
          gint64       user_id)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT id, username, display_name, roles "
                                              "FROM users WHERE id = ?");
  g_auto(GStrv) roles = NULL;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_step (stmt);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, msk_col_text (stmt, 1));
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, msk_col_text (stmt, 2));
  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  roles = g_strsplit (msk_col_text (stmt, 3), ",", -1);
  for (guint i = 0; roles[i] != NULL; i++)
    json_builder_add_string_value (b, roles[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  sqlite3_reset (stmt);
}

static void
post_session (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "username", MSK_FIELD_STRING, TRUE, 1, 64 },
    { "password", MSK_FIELD_STRING, TRUE, 1, 256 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 user_id = 0;

  obj = msk_ctx_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;

  stmt = msk_server_db_prepare (ctx->db, "SELECT id, password_hash FROM users WHERE username = ?");
  sqlite3_bind_text (stmt, 1, json_object_get_string_member (obj, "username"), -1,
                     SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user_id = sqlite3_column_int64 (stmt, 0);
      hash = g_strdup (msk_col_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (user_id == 0 ||
      !msk_auth_check_password (json_object_get_string_member (obj, "password"), hash))
    {
      msk_ctx_problem (ctx, "invalid-credentials", NULL);
      return;
    }

  token = msk_auth_new_token ();
  token_hash = msk_auth_token_hash (token);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO tokens (hash, user_id, created_at, expires_at) "
                                "VALUES (?, ?, ?, ?)");
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_bind_int64 (stmt, 4, ctx->now + 30 * 24 * 3600);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "token_type");
  json_builder_add_string_value (b, "Bearer");
  msk_builder_add_time (b, "expires_at", ctx->now + 30 * 24 * 3600);
  json_builder_set_member_name (b, "user");
  add_user (ctx, b, user_id);
  json_builder_end_object (b);
  msk_ctx_reply_builder (ctx, 201, b);
}

static void
delete_session (MskCtx *ctx)
{
  sqlite3_stmt *stmt;

  if (!msk_ctx_require_user (ctx))
    return;
  stmt = msk_server_db_prepare (ctx->db, "DELETE FROM tokens WHERE hash = ?");
  sqlite3_bind_text (stmt, 1, ctx->token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  msk_ctx_reply_bytes (ctx, 204, NULL, NULL);
}

static gboolean
valid_username (const char *s)
{
  gsize len = strlen (s);

  if (len < 3 || len > 32)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_' || *p == '-'))
      return FALSE;
  return TRUE;
}

static void
post_account (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "username", MSK_FIELD_STRING, TRUE, 0, 0 },
    { "password", MSK_FIELD_STRING, TRUE, 8, 256 },
    { "display_name", MSK_FIELD_STRING, FALSE, 1, 80 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *username;
  const char *display_name;
  JsonObject *obj;
  gint64 user_id;

  obj = msk_ctx_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0 &&
      !valid_username (json_object_get_string_member (obj, "username")))
    msk_errors_add (ctx, errors, "/username", 0, "invalid-value", 0);
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;
  username = json_object_get_string_member (obj, "username");
  display_name = optional_string (obj, "display_name");
  {
    sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                                "SELECT count(*) FROM users WHERE username = ?");
    gboolean taken;

    sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
    sqlite3_step (stmt);
    taken = sqlite3_column_int64 (stmt, 0) > 0;
    sqlite3_reset (stmt);
    if (taken)
      {
        msk_ctx_problem (ctx, "username-taken", NULL);
        return;
      }
  }
  user_id = msk_server_add_user (ctx->db, username,
                                 display_name != NULL ? display_name : username,
                                 json_object_get_string_member (obj, "password"), "citizen");
  if (user_id == 0)
    {
      msk_ctx_problem (ctx, "username-taken", NULL);
      return;
    }
  add_user (ctx, b, user_id);
  msk_ctx_reply_builder (ctx, 201, b);
}

static void
get_me (MskCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!msk_ctx_require_user (ctx))
    return;
  add_user (ctx, b, ctx->user_id);
  msk_ctx_reply_builder (ctx, 200, b);
}

/* ---- comments ------------------------------------------------------------ */

#define COMMENT_COLS \
  "c.id, c.topic_id, c.parent_id, c.depth, u.display_name, c.body, c.status, " \
  "c.reject_reason, c.created_at, c.user_id, c.path"

static void
add_comment_fields (MskCtx       *ctx,
                    JsonBuilder  *b,
                    sqlite3_stmt *stmt)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 1));
  json_builder_set_member_name (b, "parent_id");
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 2));
  json_builder_set_member_name (b, "depth");
  json_builder_add_int_value (b, sqlite3_column_int (stmt, 3));
  json_builder_set_member_name (b, "author");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, msk_col_text (stmt, 4));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, msk_col_text (stmt, 5));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, msk_col_text (stmt, 6));
  msk_builder_add_string_or_null (b, "reject_reason", msk_col_text (stmt, 7));
  msk_builder_add_time (b, "created_at", sqlite3_column_int64 (stmt, 8));
  json_builder_set_member_name (b, "mine");
  json_builder_add_boolean_value (b, ctx->user_id != 0 &&
                                  sqlite3_column_int64 (stmt, 9) == ctx->user_id);
}

static void
reply_comment (MskCtx *ctx,
               guint   status,
               gint64  id)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT " COMMENT_COLS " FROM comments c "
                                              "JOIN users u ON u.id = c.user_id "
                                              "WHERE c.id = ?");

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_step (stmt);
  json_builder_begin_object (b);
  add_comment_fields (ctx, b, stmt);
  json_builder_end_object (b);
  sqlite3_reset (stmt);
  msk_ctx_reply_builder (ctx, status, b);
}

static char *
page_comment (MskCtx       *ctx,
              JsonBuilder  *b,
              sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  add_comment_fields (ctx, b, stmt);
  json_builder_end_object (b);
  return g_strdup (msk_col_text (stmt, 10));
}

static void
list_comments (MskCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int limit;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_topic_lookup (ctx, id, NULL, NULL) ||
      !msk_ctx_paging (ctx, "comments", &limit, &cursor))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " COMMENT_COLS " FROM comments c "
                                "JOIN users u ON u.id = c.user_id "
                                "WHERE c.topic_id = ?1 AND (c.status = 'published' "
                                "OR (?2 != 0 AND c.user_id = ?2)) AND c.path > ?3 "
                                "ORDER BY c.path LIMIT ?4");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_text (stmt, 3, cursor != NULL ? cursor : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, limit + 1);
  msk_ctx_reply_page (ctx, "comments", stmt, limit, page_comment);
}

static void
post_comment (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "body", MSK_FIELD_STRING, TRUE, 1, 2000 },
    { "parent_id", MSK_FIELD_INT_OR_NULL, FALSE, 1, 0 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autofree char *status = NULL;
  g_autofree char *parent_path = NULL;
  g_autofree char *path = NULL;
  JsonObject *obj;
  JsonNode *parent_node;
  sqlite3_stmt *stmt;
  gint64 id, parent = 0, comment_id;
  int depth = 0;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_ctx_require_user (ctx) ||
      !msk_topic_lookup (ctx, id, NULL, &status))
    return;
  obj = msk_ctx_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  parent_node = json_object_get_member (obj, "parent_id");
  if (json_array_get_length (errors) == 0 && parent_node != NULL &&
      !JSON_NODE_HOLDS_NULL (parent_node))
    {
      parent = json_node_get_int (parent_node);
      stmt = msk_server_db_prepare (ctx->db,
                                    "SELECT path, depth FROM comments WHERE id = ? "
                                    "AND topic_id = ? AND status = 'published'");
      sqlite3_bind_int64 (stmt, 1, parent);
      sqlite3_bind_int64 (stmt, 2, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          parent_path = g_strdup (msk_col_text (stmt, 0));
          depth = sqlite3_column_int (stmt, 1) + 1;
        }
      else
        msk_errors_add (ctx, errors, "/parent_id", 0, "invalid-value", 0);
      sqlite3_reset (stmt);
    }
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;
  if (!g_str_equal (status, "open"))
    {
      msk_ctx_problem (ctx, "topic-not-open", NULL);
      return;
    }

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO comments (topic_id, parent_id, user_id, body, "
                                "status, depth, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  if (parent != 0)
    sqlite3_bind_int64 (stmt, 2, parent);
  sqlite3_bind_int64 (stmt, 3, ctx->user_id);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member (obj, "body"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, depth);
  sqlite3_bind_int64 (stmt, 6, ctx->now);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  comment_id = msk_server_db_last_insert_id (ctx->db);
  path = parent_path != NULL
    ? g_strdup_printf ("%s/%010" G_GINT64_FORMAT, parent_path, comment_id)
    : g_strdup_printf ("%010" G_GINT64_FORMAT, comment_id);
  stmt = msk_server_db_prepare (ctx->db, "UPDATE comments SET path = ? WHERE id = ?");
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, comment_id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (!msk_server_db_commit (ctx->db))
    {
      msk_ctx_problem (ctx, "internal", NULL);
      return;
    }
  reply_comment (ctx, 201, comment_id);
}

static const char * const flag_reasons[] = {
  "spam", "abuse", "personal_data", "off_topic", "other", NULL
};

static void
post_flag (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "reason", MSK_FIELD_STRING, TRUE, 0, 0 },
    { "note", MSK_FIELD_STRING, FALSE, 0, 500 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_ctx_require_user (ctx))
    return;
  if (msk_server_db_query_int (ctx->db, "SELECT count(*) FROM comments WHERE id = ? "
                               "AND status = 'published'", id) == 0)
    {
      msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  obj = msk_ctx_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0 &&
      !in_list (flag_reasons, json_object_get_string_member (obj, "reason")))
    msk_errors_add (ctx, errors, "/reason", 0, "invalid-value", 0);
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;

  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT OR IGNORE INTO comment_flags (comment_id, user_id, "
                                "reason, note, created_at) VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (obj, "reason"), -1,
                     SQLITE_TRANSIENT);
  if (optional_string (obj, "note") != NULL)
    sqlite3_bind_text (stmt, 4, optional_string (obj, "note"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, ctx->now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE || sqlite3_changes (msk_server_db_get_handle (ctx->db)) == 0)
    {
      msk_ctx_problem (ctx, "already-flagged", NULL);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "comment_id");
  json_builder_add_int_value (b, id);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, json_object_get_string_member (obj, "reason"));
  msk_builder_add_time (b, "created_at", ctx->now);
  json_builder_end_object (b);
  msk_ctx_reply_builder (ctx, 201, b);
}

static void
post_moderation (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "decision", MSK_FIELD_STRING, TRUE, 0, 0 },
    { "reason", MSK_FIELD_STRING, FALSE, 1, 500 },
  };
  static const char * const decisions[] = { "publish", "reject", NULL };
  g_autoptr(JsonArray) errors = json_array_new ();
  const char *decision = NULL;
  const char *reason;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_ctx_require_role (ctx, MSK_ROLE_MODERATOR))
    return;
  if (msk_server_db_query_int (ctx->db, "SELECT count(*) FROM comments WHERE id = ?", id) == 0)
    {
      msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  obj = msk_ctx_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0)
    {
      decision = json_object_get_string_member (obj, "decision");
      if (!in_list (decisions, decision))
        msk_errors_add (ctx, errors, "/decision", 0, "invalid-value", 0);
      else if (g_str_equal (decision, "reject") && optional_string (obj, "reason") == NULL)
        msk_errors_add (ctx, errors, "/reason", 0, "required", 0);
    }
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;
  reason = g_str_equal (decision, "reject") ? optional_string (obj, "reason") : NULL;

  stmt = msk_server_db_prepare (ctx->db,
                                "UPDATE comments SET status = ?, reject_reason = ?, "
                                "moderated_at = ?, moderator_id = ? WHERE id = ?");
  sqlite3_bind_text (stmt, 1, g_str_equal (decision, "publish") ? "published" : "rejected", -1,
                     SQLITE_STATIC);
  if (reason != NULL)
    sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_bind_int64 (stmt, 4, ctx->user_id);
  sqlite3_bind_int64 (stmt, 5, id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  reply_comment (ctx, 200, id);
}

static char *
page_queued_comment (MskCtx       *ctx,
                     JsonBuilder  *b,
                     sqlite3_stmt *stmt)
{
  sqlite3_stmt *flags;

  json_builder_begin_object (b);
  add_comment_fields (ctx, b, stmt);
  msk_builder_add_loc_cols (b, "topic_title", stmt, 11);
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  flags = msk_server_db_prepare (ctx->db,
                                 "SELECT reason, count(*) FROM comment_flags "
                                 "WHERE comment_id = ? GROUP BY reason ORDER BY reason");
  sqlite3_bind_int64 (flags, 1, sqlite3_column_int64 (stmt, 0));
  while (sqlite3_step (flags) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, msk_col_text (flags, 0));
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, sqlite3_column_int64 (flags, 1));
      json_builder_end_object (b);
    }
  sqlite3_reset (flags);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return msk_col_int_string (stmt, 0);
}

static void
list_moderation_queue (MskCtx *ctx)
{
  g_autofree char *cursor = NULL;
  const char *status = msk_ctx_query (ctx, "status");
  gboolean flagged;
  sqlite3_stmt *stmt;
  guint64 after = 0;
  int limit;

  if (!msk_ctx_require_role (ctx, MSK_ROLE_MODERATOR))
    return;
  if (status != NULL && !g_str_equal (status, "pending") && !g_str_equal (status, "flagged"))
    {
      msk_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  flagged = status != NULL && g_str_equal (status, "flagged");
  if (!msk_ctx_paging (ctx, flagged ? "flagged" : "pending", &limit, &cursor))
    return;
  if (cursor != NULL)
    g_ascii_string_to_unsigned (cursor, 10, 0, G_MAXINT64, &after, NULL);

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT " COMMENT_COLS ", t.title_text_ar, t.title_text_en "
                                "FROM comments c JOIN users u ON u.id = c.user_id "
                                "JOIN topics t ON t.id = c.topic_id "
                                "WHERE c.id > ?1 AND ((?2 = 0 AND c.status = 'pending') OR "
                                "(?2 = 1 AND c.status = 'published' AND EXISTS (SELECT 1 FROM "
                                "comment_flags f WHERE f.comment_id = c.id))) "
                                "ORDER BY c.id LIMIT ?3");
  sqlite3_bind_int64 (stmt, 1, (gint64) after);
  sqlite3_bind_int (stmt, 2, flagged);
  sqlite3_bind_int (stmt, 3, limit + 1);
  msk_ctx_reply_page (ctx, flagged ? "flagged" : "pending", stmt, limit, page_queued_comment);
}

/* ---- ideas --------------------------------------------------------------- */

#define IDEA_COLS \
  "i.id, i.topic_id, i.title, i.body, u.display_name, " \
  "(SELECT count(*) FROM idea_supports s WHERE s.idea_id = i.id) AS n, " \
  "(SELECT count(*) FROM idea_supports s WHERE s.idea_id = i.id AND s.user_id = ?9), " \
  "i.created_at"

static void
add_idea (MskCtx       *ctx,
          JsonBuilder  *b,
          sqlite3_stmt *stmt)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (b, "topic_id");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 1));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, msk_col_text (stmt, 2));
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, msk_col_text (stmt, 3));
  json_builder_set_member_name (b, "author");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "display_name");
  json_builder_add_string_value (b, msk_col_text (stmt, 4));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "support_count");
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, 5));
  json_builder_set_member_name (b, "supported_by_me");
  json_builder_add_boolean_value (b, sqlite3_column_int64 (stmt, 6) > 0);
  msk_builder_add_time (b, "created_at", sqlite3_column_int64 (stmt, 7));
  json_builder_end_object (b);
}

static void
reply_idea (MskCtx *ctx,
            guint   status,
            gint64  id)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT " IDEA_COLS " FROM ideas i "
                                              "JOIN users u ON u.id = i.user_id "
                                              "WHERE i.id = ?1");

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 9, ctx->user_id);
  msk_ctx_reply_row (ctx, status, stmt, add_idea);
}

/* Ideas are paged by support count, then id: the cursor is "count,id". */
static char *
page_idea (MskCtx       *ctx,
           JsonBuilder  *b,
           sqlite3_stmt *stmt)
{
  add_idea (ctx, b, stmt);
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                          (gint64) sqlite3_column_int64 (stmt, 5),
                          (gint64) sqlite3_column_int64 (stmt, 0));
}

static void
list_ideas (MskCtx *ctx)
{
  g_autofree char *cursor = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  gint64 after_n = G_MAXINT64, after_id = 0;
  int limit;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_topic_lookup (ctx, id, "ideas", NULL) ||
      !msk_ctx_paging (ctx, "ideas", &limit, &cursor))
    return;
  if (cursor != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (cursor, ",", 2);
      guint64 a = 0, c = 0;

      if (g_strv_length (parts) != 2 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64, &a, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &c, NULL))
        {
          msk_ctx_problem (ctx, "invalid-cursor", NULL);
          return;
        }
      after_n = (gint64) a;
      after_id = (gint64) c;
    }

  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT * FROM (SELECT " IDEA_COLS " FROM ideas i "
                                "JOIN users u ON u.id = i.user_id WHERE i.topic_id = ?1) "
                                "WHERE n < ?2 OR (n = ?2 AND id > ?3) "
                                "ORDER BY n DESC, id LIMIT ?4");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, after_n);
  sqlite3_bind_int64 (stmt, 3, after_id);
  sqlite3_bind_int (stmt, 4, limit + 1);
  sqlite3_bind_int64 (stmt, 9, ctx->user_id);
  msk_ctx_reply_page (ctx, "ideas", stmt, limit, page_idea);
}

static void
post_idea (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "title", MSK_FIELD_STRING, TRUE, 1, 120 },
    { "body", MSK_FIELD_STRING, TRUE, 1, 4000 },
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autofree char *location = NULL;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id, idea;

  obj = msk_topic_participation_body (ctx, "ideas", fields, G_N_ELEMENTS (fields), errors, &id);
  if (obj == NULL)
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO ideas (topic_id, user_id, title, body, created_at) "
                                "VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_text (stmt, 3, json_object_get_string_member (obj, "title"), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, json_object_get_string_member (obj, "body"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, ctx->now);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  idea = msk_server_db_last_insert_id (ctx->db);
  location = g_strdup_printf ("/v1/ideas/%" G_GINT64_FORMAT, idea);
  msk_ctx_add_header (ctx, "Location", location);
  reply_idea (ctx, 201, idea);
}

static void
get_idea (MskCtx *ctx)
{
  gint64 id;

  if (!msk_ctx_param_id (ctx, 0, &id))
    return;
  reply_idea (ctx, 200, id);
}

static void
change_support (MskCtx   *ctx,
                gboolean  support)
{
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt;
  gint64 id, topic;

  if (!msk_ctx_param_id (ctx, 0, &id) || !msk_ctx_require_user (ctx))
    return;
  topic = msk_server_db_query_int (ctx->db, "SELECT topic_id FROM ideas WHERE id = ?", id);
  if (topic == 0 || !msk_topic_lookup (ctx, topic, NULL, &status))
    {
      if (topic == 0)
        msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  if (!g_str_equal (status, "open"))
    {
      msk_ctx_problem (ctx, "topic-not-open", NULL);
      return;
    }
  if (support)
    stmt = msk_server_db_prepare (ctx->db,
                                  "INSERT OR IGNORE INTO idea_supports (idea_id, user_id, "
                                  "created_at) VALUES (?, ?, ?)");
  else
    stmt = msk_server_db_prepare (ctx->db,
                                  "DELETE FROM idea_supports WHERE idea_id = ? AND user_id = ? "
                                  "AND ? IS NOT NULL");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, ctx->user_id);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  reply_idea (ctx, 200, id);
}

static void
put_support (MskCtx *ctx)
{
  change_support (ctx, TRUE);
}

static void
delete_support (MskCtx *ctx)
{
  change_support (ctx, FALSE);
}

/* ---- staff: Open311 request statuses -------------------------------------- */

static gboolean
transition_allowed (const char *from,
                    const char *to)
{
  static const struct { const char *from; const char *to; } moves[] = {
    { "PENDING", "RECEIVED" },
    { "RECEIVED", "IN_PROCESS" },
    { "RECEIVED", "PROCESSED" },
    { "RECEIVED", "REJECTED" },
    { "IN_PROCESS", "PROCESSED" },
    { "IN_PROCESS", "REJECTED" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_str_equal (moves[i].from, from) && g_str_equal (moves[i].to, to))
      return TRUE;
  return FALSE;
}

static void
post_request_status (MskCtx *ctx)
{
  static const MskField fields[] = {
    { "detailed_status", MSK_FIELD_STRING, TRUE, 0, 0 },
    { "status_notes", MSK_FIELD_STRING, FALSE, 0, 2000 },
  };
  static const char * const states[] = {
    "PENDING", "RECEIVED", "IN_PROCESS", "PROCESSED", "REJECTED", NULL
  };
  g_autoptr(JsonArray) errors = json_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *current = NULL;
  const char *next;
  const char *notes;
  gboolean final;
  JsonObject *obj;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_open311_parse_tracking (ctx->params->pdata[0], &id))
    {
      msk_ctx_problem (ctx, "invalid-id", NULL);
      return;
    }
  if (!msk_ctx_require_role (ctx, MSK_ROLE_STAFF))
    return;
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT detailed_status FROM service_requests WHERE id = ?");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    current = g_strdup (msk_col_text (stmt, 0));
  sqlite3_reset (stmt);
  if (current == NULL)
    {
      msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }
  obj = msk_ctx_validate_body (ctx, fields, G_N_ELEMENTS (fields), errors);
  if (obj == NULL)
    return;
  if (json_array_get_length (errors) == 0 &&
      !in_list (states, json_object_get_string_member (obj, "detailed_status")))
    msk_errors_add (ctx, errors, "/detailed_status", 0, "invalid-value", 0);
  if (msk_ctx_problem_if_errors (ctx, errors))
    return;
  next = json_object_get_string_member (obj, "detailed_status");
  notes = optional_string (obj, "status_notes");
  if (!transition_allowed (current, next))
    {
      msk_ctx_problem (ctx, "invalid-transition", NULL);
      return;
    }
  final = g_str_equal (next, "PROCESSED") || g_str_equal (next, "REJECTED");

  msk_server_db_begin (ctx->db);
  stmt = msk_server_db_prepare (ctx->db,
                                "UPDATE service_requests SET detailed_status = ?1, "
                                "status_notes = coalesce(?2, status_notes), updated_at = ?3, "
                                "closed_at = CASE WHEN ?4 THEN ?3 ELSE closed_at END "
                                "WHERE id = ?5");
  sqlite3_bind_text (stmt, 1, next, -1, SQLITE_TRANSIENT);
  if (notes != NULL)
    sqlite3_bind_text (stmt, 2, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, ctx->now);
  sqlite3_bind_int (stmt, 4, final);
  sqlite3_bind_int64 (stmt, 5, id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  stmt = msk_server_db_prepare (ctx->db,
                                "INSERT INTO request_history (request_id, detailed_status, "
                                "status_notes, at, user_id) VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, next, -1, SQLITE_TRANSIENT);
  if (notes != NULL)
    sqlite3_bind_text (stmt, 3, notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, ctx->now);
  sqlite3_bind_int64 (stmt, 5, ctx->user_id);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (!msk_server_db_commit (ctx->db))
    {
      msk_ctx_problem (ctx, "internal", NULL);
      return;
    }

  msk_open311_add_request (ctx, b, id, TRUE);
  msk_ctx_reply_builder (ctx, 200, b);
}

const MskRouteDef msk_v1_social_routes[] = {
  { "POST", "/v1/session", post_session },
  { "DELETE", "/v1/session", delete_session },
  { "POST", "/v1/accounts", post_account },
  { "GET", "/v1/me", get_me },
  { "GET", "/v1/topics/{topic_id}/comments", list_comments },
  { "POST", "/v1/topics/{topic_id}/comments", post_comment },
  { "GET", "/v1/topics/{topic_id}/ideas", list_ideas },
  { "POST", "/v1/topics/{topic_id}/ideas", post_idea },
  { "POST", "/v1/comments/{comment_id}/flags", post_flag },
  { "POST", "/v1/comments/{comment_id}/moderation", post_moderation },
  { "GET", "/v1/moderation/comments", list_moderation_queue },
  { "GET", "/v1/ideas/{idea_id}", get_idea },
  { "PUT", "/v1/ideas/{idea_id}/support", put_support },
  { "DELETE", "/v1/ideas/{idea_id}/support", delete_support },
  { "POST", "/v1/service-requests/{service_request_id}/status", post_request_status },
};
const gsize msk_v1_social_n_routes = G_N_ELEMENTS (msk_v1_social_routes);
