/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The server's SQLite database: opened in WAL mode with every commit synced
 * (synchronous = FULL: an answered write survives power loss), upgraded by numbered
 * migrations (PRAGMA user_version), with a cache of prepared statements.
 */
#include "msk-server-db.h"
#include "msk-wire-text.h"

#include <errno.h>
#include <gio/gio.h>

struct _MskServerDb
{
  GObject parent_instance;

  /* owned */
  sqlite3 *handle;
  GHashTable *statements; /* const char *sql (static) → sqlite3_stmt * */
  char *path;
  guint depth;            /* open transaction levels: BEGIN, then savepoints */
};

G_DEFINE_TYPE (MskServerDb, msk_server_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (msk-server-db-error-quark, msk_server_db_error)

/* Each entry upgrades the schema by one version. Never edit a released one:
 * append a new entry instead. */
static const char * const migrations[] = {
  /* 1: the whole first schema */
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL UNIQUE,"
  "  display_name TEXT NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  roles TEXT NOT NULL DEFAULT 'citizen',"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE tokens ("
  "  hash TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL);"
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  name_ar TEXT NOT NULL, name_en TEXT NOT NULL,"
  "  description_ar TEXT NOT NULL, description_en TEXT NOT NULL,"
  "  website TEXT NOT NULL,"
  "  jurisdiction_id TEXT NOT NULL UNIQUE);"
  "CREATE TABLE topics ("
  "  id INTEGER PRIMARY KEY,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id),"
  "  kind TEXT NOT NULL,"
  "  title_ar TEXT NOT NULL, title_en TEXT NOT NULL,"
  "  title_text_ar TEXT NOT NULL, title_text_en TEXT NOT NULL,"
  "  summary_ar TEXT NOT NULL, summary_en TEXT NOT NULL,"
  "  summary_text_ar TEXT NOT NULL, summary_text_en TEXT NOT NULL,"
  "  body_ar TEXT NOT NULL, body_en TEXT NOT NULL,"
  "  body_text_ar TEXT NOT NULL, body_text_en TEXT NOT NULL,"
  "  speech_ar TEXT NOT NULL, speech_en TEXT NOT NULL,"
  "  opens_at INTEGER NOT NULL,"
  "  closes_at INTEGER NOT NULL,"
  "  results_published_at INTEGER,"
  "  poll_multiple INTEGER NOT NULL DEFAULT 0,"
  "  poll_max_choices INTEGER NOT NULL DEFAULT 1,"
  "  poll_visibility TEXT NOT NULL DEFAULT 'after_vote',"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX topics_kind ON topics(kind);"
  "CREATE TABLE topic_images ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  position INTEGER NOT NULL,"
  "  url TEXT NOT NULL, alt_ar TEXT NOT NULL, alt_en TEXT NOT NULL,"
  "  width INTEGER NOT NULL, height INTEGER NOT NULL);"
  "CREATE TABLE poll_options ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  position INTEGER NOT NULL,"
  "  label_ar TEXT NOT NULL, label_en TEXT NOT NULL);"
  "CREATE TABLE ballots ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (topic_id, user_id));"
  "CREATE TABLE ballot_choices ("
  "  ballot_id INTEGER NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,"
  "  option_id INTEGER NOT NULL REFERENCES poll_options(id),"
  "  PRIMARY KEY (ballot_id, option_id));"
  "CREATE TABLE survey_questions ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  position INTEGER NOT NULL,"
  "  type TEXT NOT NULL,"
  "  required INTEGER NOT NULL,"
  "  max_length INTEGER NOT NULL DEFAULT 0,"
  "  prompt_ar TEXT NOT NULL, prompt_en TEXT NOT NULL,"
  "  help_ar TEXT, help_en TEXT);"
  "CREATE TABLE survey_options ("
  "  id INTEGER PRIMARY KEY,"
  "  question_id INTEGER NOT NULL REFERENCES survey_questions(id),"
  "  position INTEGER NOT NULL,"
  "  label_ar TEXT NOT NULL, label_en TEXT NOT NULL);"
  "CREATE TABLE survey_responses ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (topic_id, user_id));"
  "CREATE TABLE survey_answers ("
  "  response_id INTEGER NOT NULL REFERENCES survey_responses(id),"
  "  question_id INTEGER NOT NULL REFERENCES survey_questions(id),"
  "  value_int INTEGER,"
  "  value_text TEXT);"
  "CREATE TABLE comments ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  parent_id INTEGER REFERENCES comments(id),"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  body TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'pending',"
  "  reject_reason TEXT,"
  "  path TEXT NOT NULL DEFAULT '',"
  "  depth INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  moderated_at INTEGER,"
  "  moderator_id INTEGER REFERENCES users(id));"
  "CREATE INDEX comments_topic ON comments(topic_id, path);"
  "CREATE TABLE comment_flags ("
  "  id INTEGER PRIMARY KEY,"
  "  comment_id INTEGER NOT NULL REFERENCES comments(id),"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  reason TEXT NOT NULL,"
  "  note TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (comment_id, user_id));"
  "CREATE TABLE ideas ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE idea_supports ("
  "  idea_id INTEGER NOT NULL REFERENCES ideas(id),"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (idea_id, user_id));"
  "CREATE TABLE outcomes ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL UNIQUE REFERENCES topics(id),"
  "  decision_ar TEXT NOT NULL, decision_en TEXT NOT NULL,"
  "  progress INTEGER NOT NULL,"
  "  published_at INTEGER NOT NULL);"
  "CREATE TABLE outcome_ideas ("
  "  outcome_id INTEGER NOT NULL REFERENCES outcomes(id),"
  "  idea_id INTEGER NOT NULL REFERENCES ideas(id),"
  "  PRIMARY KEY (outcome_id, idea_id));"
  "CREATE TABLE feedback ("
  "  id INTEGER PRIMARY KEY,"
  "  topic_id INTEGER NOT NULL REFERENCES topics(id),"
  "  useful INTEGER NOT NULL,"
  "  reasons TEXT NOT NULL,"
  "  comment TEXT,"
  "  created_at INTEGER NOT NULL);"
  "CREATE TABLE services ("
  "  code TEXT PRIMARY KEY,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id),"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  name_ar TEXT NOT NULL, name_en TEXT NOT NULL,"
  "  description_ar TEXT NOT NULL, description_en TEXT NOT NULL,"
  "  notice_ar TEXT, notice_en TEXT,"
  "  keywords TEXT NOT NULL,"
  "  grp TEXT NOT NULL,"
  "  needs_location INTEGER NOT NULL);"
  "CREATE TABLE service_attributes ("
  "  service_code TEXT NOT NULL REFERENCES services(code),"
  "  code TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  datatype TEXT NOT NULL,"
  "  required INTEGER NOT NULL,"
  "  variable INTEGER NOT NULL DEFAULT 1,"
  "  description_ar TEXT NOT NULL, description_en TEXT NOT NULL,"
  "  PRIMARY KEY (service_code, code));"
  "CREATE TABLE service_attribute_values ("
  "  service_code TEXT NOT NULL,"
  "  attribute_code TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  key TEXT NOT NULL,"
  "  name_ar TEXT NOT NULL, name_en TEXT NOT NULL);"
  "CREATE TABLE service_requests ("
  "  id INTEGER PRIMARY KEY,"
  "  service_code TEXT NOT NULL REFERENCES services(code),"
  "  detailed_status TEXT NOT NULL,"
  "  status_notes TEXT,"
  "  description TEXT,"
  "  lat REAL, long REAL,"
  "  address TEXT, address_id TEXT, zipcode TEXT, media_url TEXT,"
  "  email TEXT, first_name TEXT, last_name TEXT, phone TEXT, device_id TEXT,"
  "  account_ref TEXT,"
  "  user_id INTEGER REFERENCES users(id),"
  "  original_request INTEGER REFERENCES service_requests(id),"
  "  requested_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  expected_at INTEGER,"
  "  closed_at INTEGER);"
  "CREATE INDEX service_requests_time ON service_requests(requested_at);"
  "CREATE TABLE request_attributes ("
  "  request_id INTEGER NOT NULL REFERENCES service_requests(id),"
  "  code TEXT NOT NULL,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE request_history ("
  "  id INTEGER PRIMARY KEY,"
  "  request_id INTEGER NOT NULL REFERENCES service_requests(id),"
  "  detailed_status TEXT NOT NULL,"
  "  status_notes TEXT,"
  "  at INTEGER NOT NULL,"
  "  user_id INTEGER REFERENCES users(id));"
  "CREATE TABLE api_keys ("
  "  key TEXT PRIMARY KEY,"
  "  label TEXT NOT NULL);"
  "CREATE TABLE idempotency ("
  "  key TEXT NOT NULL,"
  "  client TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  content_type TEXT NOT NULL,"
  "  location TEXT,"
  "  body BLOB NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (key, client));",
  /* 2: what a search of topics reads, folded (msk_fold(), msk-wire-text.c):
   * their titles, summaries and bodies in both languages, without markup.
   * Whatever writes a topic's text writes this too. */
  "ALTER TABLE topics ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
  "UPDATE topics SET search_text = msk_fold(title_text_ar || ' ' || title_text_en || ' ' || "
  "  summary_text_ar || ' ' || summary_text_en || ' ' || body_text_ar || ' ' || body_text_en);",
  /* 3: assisted participation. A staff member at a service center opens a
   * session (its code is what the submissions made in it name); what a
   * citizen submits in it records the staff member in assisted_by. Rows
   * from before were not assisted (NULL). */
  "CREATE TABLE assisted_sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT UNIQUE NOT NULL,"
  "  staff_id INTEGER NOT NULL REFERENCES users(id),"
  "  started_at INTEGER NOT NULL,"
  "  ended_at INTEGER);"
  "ALTER TABLE comments ADD COLUMN assisted_by INTEGER REFERENCES users(id);"
  "ALTER TABLE comment_flags ADD COLUMN assisted_by INTEGER REFERENCES users(id);"
  "ALTER TABLE ideas ADD COLUMN assisted_by INTEGER REFERENCES users(id);"
  "ALTER TABLE idea_supports ADD COLUMN assisted_by INTEGER REFERENCES users(id);"
  "ALTER TABLE ballots ADD COLUMN assisted_by INTEGER REFERENCES users(id);"
  "ALTER TABLE survey_responses ADD COLUMN assisted_by INTEGER REFERENCES users(id);"
  "ALTER TABLE feedback ADD COLUMN assisted_by INTEGER REFERENCES users(id);"
  "ALTER TABLE service_requests ADD COLUMN assisted_by INTEGER REFERENCES users(id);",
};

/* msk_fold(text): text folded for search, as the client folds it. */
static void
fold_cb (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  char *folded = msk_wire_text_fold ((const char *) sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, folded, -1, g_free);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
msk_server_db_finalize (GObject *object)
{
  MskServerDb *self = MSK_SERVER_DB (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  self->handle = NULL;
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (msk_server_db_parent_class)->finalize (object);
}

static void
msk_server_db_class_init (MskServerDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_server_db_finalize;
}

static void
msk_server_db_init (MskServerDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
}

gboolean
msk_server_db_exec (MskServerDb  *self,
                    const char   *sql,
                    GError      **error)
{
  char *errmsg = NULL;

  g_return_val_if_fail (MSK_IS_SERVER_DB (self), FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, MSK_SERVER_DB_ERROR, MSK_SERVER_DB_ERROR_SQL,
                   "%s", errmsg != NULL ? errmsg : "unknown error");
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

int
msk_server_db_get_schema_version (MskServerDb *self)
{
  return (int) msk_server_db_query_int (self, "PRAGMA user_version", 0);
}

int
msk_server_db_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static gboolean
msk_server_db_migrate (MskServerDb  *self,
                       GError      **error)
{
  int version = msk_server_db_get_schema_version (self);

  /* The functions the migrations and the statements call. */
  if (sqlite3_create_function_v2 (self->handle, "msk_fold", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                  fold_cb, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, MSK_SERVER_DB_ERROR, MSK_SERVER_DB_ERROR_SQL,
                   "%s", sqlite3_errmsg (self->handle));
      return FALSE;
    }

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, MSK_SERVER_DB_ERROR, MSK_SERVER_DB_ERROR_TOO_NEW,
                   "The database has schema version %d; this server knows up to %u",
                   version, (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  for (; version < (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!msk_server_db_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!msk_server_db_exec (self, migrations[version], error) ||
          !msk_server_db_exec (self, bump, error))
        {
          msk_server_db_exec (self, "ROLLBACK", NULL);
          g_prefix_error (error, "Migration to version %d failed: ", version + 1);
          return FALSE;
        }
      if (!msk_server_db_exec (self, "COMMIT", error))
        return FALSE;
    }
  return TRUE;
}

MskServerDb *
msk_server_db_new (const char  *data_dir,
                   GError     **error)
{
  g_autoptr(MskServerDb) self = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MSK_SERVER_DB_ERROR, MSK_SERVER_DB_ERROR_OPEN,
                   "Cannot create %s: %s", data_dir, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (MSK_TYPE_SERVER_DB, NULL);
  self->path = g_build_filename (data_dir, "musharaka-server.db", NULL);

  if (sqlite3_open_v2 (self->path, &self->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, MSK_SERVER_DB_ERROR, MSK_SERVER_DB_ERROR_OPEN,
                   "Cannot open %s: %s", self->path,
                   self->handle != NULL ? sqlite3_errmsg (self->handle) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->handle, 5000);

  if (!msk_server_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
      /* A write that was answered must survive power loss: sync every commit. */
      !msk_server_db_exec (self, "PRAGMA synchronous = FULL", error) ||
      !msk_server_db_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !msk_server_db_migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

sqlite3 *
msk_server_db_get_handle (MskServerDb *self)
{
  g_return_val_if_fail (MSK_IS_SERVER_DB (self), NULL);
  return self->handle;
}

/* @sql must be a string that lives as long as the database (a literal):
 * the statement is cached under its address. Returns a reset statement with
 * cleared bindings, owned by the cache. */
sqlite3_stmt *
msk_server_db_prepare (MskServerDb *self,
                       const char  *sql)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MSK_IS_SERVER_DB (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->handle));

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Transactions nest: the outermost level is BEGIN IMMEDIATE … COMMIT, the
 * levels inside it are savepoints. So a handler's own transaction can run
 * inside the one that also records its reply for an Idempotency-Key. */
void
msk_server_db_begin (MskServerDb *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                                          : g_strdup_printf ("SAVEPOINT msk_%u", self->depth);

  if (!msk_server_db_exec (self, sql, &error))
    {
      g_warning ("BEGIN failed: %s", error->message);
      return;
    }
  self->depth++;
}

/* Ends the innermost level; the writes are durable once the outermost one
 * has committed. Rolls the level back when that fails. */
gboolean
msk_server_db_commit (MskServerDb *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);

  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE msk_%u", self->depth - 1);
  if (!msk_server_db_exec (self, sql, &error))
    {
      g_warning ("COMMIT failed: %s", error->message);
      msk_server_db_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

/* Undoes the innermost level. */
void
msk_server_db_rollback (MskServerDb *self)
{
  g_autofree char *sql = NULL;

  if (self->depth <= 1)
    {
      if (!sqlite3_get_autocommit (self->handle))
        msk_server_db_exec (self, "ROLLBACK", NULL);
      self->depth = 0;
      return;
    }
  self->depth--;
  sql = g_strdup_printf ("ROLLBACK TO msk_%u; RELEASE msk_%u", self->depth, self->depth);
  msk_server_db_exec (self, sql, NULL);
}

/* How many transaction levels are open. */
guint
msk_server_db_get_depth (MskServerDb *self)
{
  g_return_val_if_fail (MSK_IS_SERVER_DB (self), 0);
  return self->depth;
}

/* Runs @sql (with at most one integer parameter, bound when the statement
 * has one) and returns the first column of the first row, or 0. */
gint64
msk_server_db_query_int (MskServerDb *self,
                         const char  *sql,
                         gint64       arg)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (self, sql);
  gint64 value = 0;

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gint64
msk_server_db_last_insert_id (MskServerDb *self)
{
  return sqlite3_last_insert_rowid (self->handle);
}
