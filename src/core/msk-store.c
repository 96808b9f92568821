/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "msk-error.h"
#include "msk-store.h"

struct _MskStore
{
  GObject   parent_instance;

  sqlite3  *db;         /* (owned) */
  gboolean  in_memory;
  int       schema_version;
};

G_DEFINE_TYPE (MskStore, msk_store, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Version 1 of both databases; later versions add steps after these
 * (state_steps, cache_steps). */
static const char state_schema_v1[] =
  "CREATE TABLE IF NOT EXISTS main.outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  idem_key TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  portal TEXT NOT NULL,"
  "  method TEXT NOT NULL,"
  "  uri TEXT NOT NULL,"
  "  content_type TEXT,"
  "  body BLOB,"
  "  topic_id TEXT,"
  "  title TEXT,"
  "  text TEXT,"
  "  text_digest TEXT,"
  "  state INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  http_status INTEGER NOT NULL DEFAULT 0,"
  "  message TEXT,"
  "  problem TEXT,"
  "  response TEXT);"
  "CREATE INDEX IF NOT EXISTS main.outbox_topic ON outbox (portal, topic_id, text_digest);"
  "CREATE TABLE IF NOT EXISTS main.submissions ("
  "  portal TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  tracking TEXT NOT NULL,"
  "  topic_id TEXT,"
  "  title TEXT,"
  "  status TEXT,"
  "  status_text TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  PRIMARY KEY (portal, kind, tracking));"
  "CREATE TABLE IF NOT EXISTS main.settings (name TEXT PRIMARY KEY, value TEXT);";

static const char cache_schema_v1[] =
  "CREATE TABLE IF NOT EXISTS cache.http ("
  "  key TEXT PRIMARY KEY,"
  "  etag TEXT,"
  "  body BLOB,"
  "  fetched INTEGER NOT NULL);";

/* Version 2: the reads a user made signed in (their ballot, their pending
 * comments) are theirs: each names its user, and goes when they sign out.
 * Those cached before, under one name for whoever was signed in, go now.
 * The state database is unchanged. */
static const char cache_schema_v2[] =
  "ALTER TABLE cache.http ADD COLUMN user TEXT;"
  "DELETE FROM cache.http WHERE key LIKE '%#signed-in';"
  "CREATE INDEX IF NOT EXISTS cache.http_user ON http (user);";

/* Version 3: a user is their account on the portal, no longer the token
 * they signed in with. Each item of the outbox and each row of the
 * tracking list names the user who wrote it (NULL: written signed out),
 * so that it goes out under their sign-in only and shows to them alone.
 * Items queued before name nobody: they go unsigned, rather than under
 * whoever is signed in when they go. The cached replies named by a token
 * go (they would never be found again, nor forgotten at sign-out). */
static const char state_schema_v3[] =
  "ALTER TABLE main.outbox ADD COLUMN user TEXT;"
  "ALTER TABLE main.submissions ADD COLUMN user TEXT;";

static const char cache_schema_v3[] =
  "DELETE FROM cache.http WHERE user IS NOT NULL;";

/* Version 4: drafts, what a person typed in a form and has not sent yet
 * (a survey's answers), kept as they type so that a closed window or a
 * restart loses nothing. A draft is the form's own text, by portal and by
 * a key the form chooses ("survey:9"). The cache is unchanged. */
static const char state_schema_v4[] =
  "CREATE TABLE IF NOT EXISTS main.drafts ("
  "  portal TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  PRIMARY KEY (portal, key));";

/* Version 5: a row of the tracking list keeps when the portal said it
 * would answer (an Open311 request's expected_datetime), in seconds since
 * the epoch; 0 when it said nothing, as for the rows kept before. The
 * cache is unchanged. */
static const char state_schema_v5[] =
  "ALTER TABLE main.submissions ADD COLUMN due INTEGER NOT NULL DEFAULT 0;";

/* The steps from each version to the next: [i] makes version i + 1. */
static const char *const state_steps[MSK_STORE_SCHEMA_VERSION] = {
  state_schema_v1, NULL, state_schema_v3, state_schema_v4, state_schema_v5,
};

static const char *const cache_steps[MSK_STORE_SCHEMA_VERSION] = {
  cache_schema_v1, cache_schema_v2, cache_schema_v3, NULL, NULL,
};

static gboolean
set_sqlite_error (MskStore    *self,
                  GError     **error)
{
  g_set_error (error, MSK_ERROR, MSK_ERROR_STORE,
               /* Translators: %s is a technical message from the database */
               _("The app could not save its data on this computer (%s)."),
               self->db != NULL ? sqlite3_errmsg (self->db) : "?");
  return FALSE;
}

static gboolean
exec (MskStore    *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);
  return TRUE;
}

static sqlite3_stmt *
prepare (MskStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return stmt;
}

static int
user_version (MskStore   *self,
              const char *schema)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s.user_version", schema);
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0);
  return -1;
}

static gboolean
migrate (MskStore          *self,
         const char        *schema,
         const char *const *steps,
         GError           **error)
{
  int version = user_version (self, schema);
  g_autofree char *bump = NULL;

  if (version > MSK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MSK_ERROR, MSK_ERROR_STORE,
                   _("The app’s data was written by a newer version of the app."));
      return FALSE;
    }
  if (version == MSK_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int i = MAX (version, 0); i < MSK_STORE_SCHEMA_VERSION; i++)
    if (steps[i] != NULL && !exec (self, steps[i], error))
      goto fail;
  bump = g_strdup_printf ("PRAGMA %s.user_version = %d", schema, MSK_STORE_SCHEMA_VERSION);
  if (!exec (self, bump, error) || !exec (self, "COMMIT", error))
    goto fail;
  self->schema_version = MSK_STORE_SCHEMA_VERSION;
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
msk_store_finalize (GObject *object)
{
  MskStore *self = MSK_STORE (object);

  g_clear_pointer (&self->db, sqlite3_close);

  G_OBJECT_CLASS (msk_store_parent_class)->finalize (object);
}

static void
msk_store_class_init (MskStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_store_finalize;
}

static void
msk_store_init (MskStore *self)
{
}

static MskStore *
open_store (const char  *state_path,
            const char  *cache_path,
            gboolean     in_memory,
            GError     **error)
{
  g_autoptr(MskStore) self = g_object_new (MSK_TYPE_STORE, NULL);
  g_autoptr(sqlite3_stmt) attach = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

  self->in_memory = in_memory;
  if (!in_memory)
    {
      g_autofree char *state_dir = g_path_get_dirname (state_path);
      g_autofree char *cache_dir = g_path_get_dirname (cache_path);

      if (g_mkdir_with_parents (state_dir, 0700) != 0
          || g_mkdir_with_parents (cache_dir, 0700) != 0)
        {
          g_set_error (error, MSK_ERROR, MSK_ERROR_STORE,
                       _("The app could not create its data folder."));
          return NULL;
        }
    }

  if (sqlite3_open_v2 (in_memory ? ":memory:" : state_path, &self->db, flags, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);

  attach = prepare (self, "ATTACH DATABASE ?1 AS cache", error);
  if (attach == NULL)
    return NULL;
  sqlite3_bind_text (attach, 1, in_memory ? ":memory:" : cache_path, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (attach) != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  /* The outbox must survive a crash or a power cut once a submission is
   * accepted: full sync for it; the cache can lose its last writes. */
  if (!in_memory
      && (!exec (self, "PRAGMA main.journal_mode = WAL", error)
          || !exec (self, "PRAGMA cache.journal_mode = WAL", error)
          || !exec (self, "PRAGMA main.synchronous = FULL", error)
          || !exec (self, "PRAGMA cache.synchronous = NORMAL", error)))
    return NULL;

  if (!migrate (self, "main", state_steps, error)
      || !migrate (self, "cache", cache_steps, error))
    return NULL;
  self->schema_version = MSK_STORE_SCHEMA_VERSION;

  return g_steal_pointer (&self);
}

/**
 * msk_store_new:
 * @state_path: the database of the outbox, the tracking list and the portals
 * @cache_path: the database of the offline cache
 *
 * Opens (and creates or upgrades) the two databases, in WAL mode.
 *
 * Returns: (transfer full): the store, or %NULL with an error
 */
MskStore *
msk_store_new (const char  *state_path,
               const char  *cache_path,
               GError     **error)
{
  g_return_val_if_fail (state_path != NULL && cache_path != NULL, NULL);
  return open_store (state_path, cache_path, FALSE, error);
}

/**
 * msk_store_new_in_memory:
 *
 * A store that writes no file (public-PC mode, tests).
 *
 * Returns: (transfer full): the store
 */
MskStore *
msk_store_new_in_memory (GError **error)
{
  return open_store (NULL, NULL, TRUE, error);
}

gboolean
msk_store_is_in_memory (MskStore *self)
{
  return self->in_memory;
}

int
msk_store_get_schema_version (MskStore *self)
{
  return self->schema_version;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int           index,
            GBytes       *bytes)
{
  if (bytes != NULL)
    {
      gsize size;
      const void *data = g_bytes_get_data (bytes, &size);

      sqlite3_bind_blob64 (stmt, index, size > 0 ? data : "", size, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

static gboolean
step_done (MskStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return set_sqlite_error (self, error);
  return TRUE;
}

/**
 * msk_store_cache_lookup:
 * @key: the cache key (the request URI)
 * @etag: (out) (optional): the ETag of the stored reply
 * @body: (out) (optional): the stored reply
 * @fetched: (out) (optional): when it was last fetched or revalidated (µs since the epoch)
 *
 * Returns: whether a reply for @key is stored
 */
gboolean
msk_store_cache_lookup (MskStore    *self,
                        const char  *key,
                        char       **etag,
                        GBytes     **body,
                        gint64      *fetched)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "SELECT etag, body, fetched FROM cache.http WHERE key = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  if (etag != NULL)
    *etag = column_dup (stmt, 0);
  if (body != NULL)
    *body = column_bytes (stmt, 1);
  if (fetched != NULL)
    *fetched = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

/**
 * msk_store_cache_put:
 * @user: (nullable): the user the reply is personal to (it was read signed
 *   in), or %NULL for a reply anyone may see; @key must name the user too
 */
gboolean
msk_store_cache_put (MskStore    *self,
                     const char  *key,
                     const char  *user,
                     const char  *etag,
                     GBytes      *body,
                     gint64       fetched,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO cache.http (key, user, etag, body, fetched) "
                  "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, user);
  bind_text (stmt, 3, etag);
  bind_bytes (stmt, 4, body);
  sqlite3_bind_int64 (stmt, 5, fetched);
  return step_done (self, stmt, error);
}

gboolean
msk_store_cache_touch (MskStore    *self,
                       const char  *key,
                       gint64       fetched,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "UPDATE cache.http SET fetched = ?2 WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, fetched);
  return step_done (self, stmt, error);
}

/**
 * msk_store_cache_remove:
 * @key: a key as given to msk_store_cache_put()
 *
 * Deletes one reply, such as one its reader could not read.
 */
gboolean
msk_store_cache_remove (MskStore    *self,
                        const char  *key,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "DELETE FROM cache.http WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  return step_done (self, stmt, error);
}

gboolean
msk_store_cache_clear (MskStore  *self,
                       GError   **error)
{
  return exec (self, "DELETE FROM cache.http", error);
}

/**
 * msk_store_cache_forget_user:
 * @user: a user as given to msk_store_cache_put()
 *
 * Deletes the replies personal to @user (when they sign out).
 */
gboolean
msk_store_cache_forget_user (MskStore    *self,
                             const char  *user,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (user != NULL, FALSE);
  stmt = prepare (self, "DELETE FROM cache.http WHERE user = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, user);
  return step_done (self, stmt, error);
}

/**
 * msk_store_outbox_insert:
 * @item: a new item
 *
 * Commits @item (durably, before anything is sent) and sets its id.
 */
gboolean
msk_store_outbox_insert (MskStore       *self,
                         MskOutboxItem  *item,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *title = msk_outbox_item_dup_title (item);

  stmt = prepare (self,
                  "INSERT INTO main.outbox (idem_key, kind, portal, method, uri, content_type, "
                  "body, topic_id, title, text, text_digest, state, attempts, next_attempt, "
                  "created, updated, user) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                  "?17)",
                  error);
  if (stmt == NULL)
    return FALSE;

  digest = msk_store_text_digest (msk_outbox_item_get_text (item));
  bind_text (stmt, 1, msk_outbox_item_get_key (item));
  bind_text (stmt, 2, msk_outbox_kind_to_string (msk_outbox_item_get_kind (item)));
  bind_text (stmt, 3, msk_outbox_item_get_portal (item));
  bind_text (stmt, 4, msk_outbox_item_get_method (item));
  bind_text (stmt, 5, msk_outbox_item_get_uri (item));
  bind_text (stmt, 6, msk_outbox_item_get_content_type (item));
  bind_bytes (stmt, 7, msk_outbox_item_get_body (item));
  bind_text (stmt, 8, msk_outbox_item_get_topic_id (item));
  bind_text (stmt, 9, title);
  bind_text (stmt, 10, msk_outbox_item_get_text (item));
  bind_text (stmt, 11, digest);
  sqlite3_bind_int (stmt, 12, msk_outbox_item_get_state (item));
  sqlite3_bind_int (stmt, 13, msk_outbox_item_get_attempts (item));
  sqlite3_bind_int64 (stmt, 14, msk_outbox_item_get_next_attempt (item));
  sqlite3_bind_int64 (stmt, 15, msk_outbox_item_get_created (item));
  sqlite3_bind_int64 (stmt, 16, msk_outbox_item_get_updated (item));
  bind_text (stmt, 17, msk_outbox_item_get_user (item));
  if (!step_done (self, stmt, error))
    return FALSE;

  msk_outbox_item_set_id (item, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

gboolean
msk_store_outbox_update (MskStore       *self,
                         MskOutboxItem  *item,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *message = msk_outbox_item_dup_message (item);
  g_autofree char *problem = msk_outbox_item_dup_problem (item);
  g_autofree char *response = msk_outbox_item_dup_response (item);

  stmt = prepare (self,
                  "UPDATE main.outbox SET state = ?2, attempts = ?3, next_attempt = ?4, "
                  "updated = ?5, http_status = ?6, message = ?7, problem = ?8, response = ?9 "
                  "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, msk_outbox_item_get_id (item));
  sqlite3_bind_int (stmt, 2, msk_outbox_item_get_state (item));
  sqlite3_bind_int (stmt, 3, msk_outbox_item_get_attempts (item));
  sqlite3_bind_int64 (stmt, 4, msk_outbox_item_get_next_attempt (item));
  sqlite3_bind_int64 (stmt, 5, msk_outbox_item_get_updated (item));
  sqlite3_bind_int (stmt, 6, msk_outbox_item_get_http_status (item));
  bind_text (stmt, 7, message);
  bind_text (stmt, 8, problem);
  bind_text (stmt, 9, response);
  return step_done (self, stmt, error);
}

gboolean
msk_store_outbox_delete (MskStore       *self,
                         MskOutboxItem  *item,
                         GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "DELETE FROM main.outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, msk_outbox_item_get_id (item));
  return step_done (self, stmt, error);
}

/**
 * msk_store_outbox_clear:
 *
 * Deletes every item (the end of a public-PC session).
 */
gboolean
msk_store_outbox_clear (MskStore  *self,
                        GError   **error)
{
  return exec (self, "DELETE FROM main.outbox", error);
}

/**
 * msk_store_outbox_load:
 *
 * Returns: (transfer full) (element-type MskOutboxItem): every item, oldest first
 */
GPtrArray *
msk_store_outbox_load (MskStore  *self,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = prepare (self,
                  "SELECT id, idem_key, kind, portal, method, uri, content_type, body, topic_id, "
                  "title, text, state, attempts, next_attempt, created, updated, http_status, "
                  "message, problem, response, user FROM main.outbox ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) body = column_bytes (stmt, 7);
      MskOutboxItem *item;

      item = msk_outbox_item_new (msk_outbox_kind_from_string ((const char *)
                                                               sqlite3_column_text (stmt, 2)),
                                  (const char *) sqlite3_column_text (stmt, 3),
                                  (const char *) sqlite3_column_text (stmt, 4),
                                  (const char *) sqlite3_column_text (stmt, 5),
                                  (const char *) sqlite3_column_text (stmt, 6),
                                  body);
      msk_outbox_item_set_id (item, sqlite3_column_int64 (stmt, 0));
      msk_outbox_item_set_key (item, (const char *) sqlite3_column_text (stmt, 1));
      msk_outbox_item_set_topic (item,
                                 (const char *) sqlite3_column_text (stmt, 8),
                                 (const char *) sqlite3_column_text (stmt, 9),
                                 (const char *) sqlite3_column_text (stmt, 10));
      msk_outbox_item_set_state (item, sqlite3_column_int (stmt, 11));
      msk_outbox_item_set_attempts (item, sqlite3_column_int (stmt, 12),
                                    sqlite3_column_int64 (stmt, 13));
      msk_outbox_item_set_times (item, sqlite3_column_int64 (stmt, 14),
                                 sqlite3_column_int64 (stmt, 15));
      msk_outbox_item_set_result (item, sqlite3_column_int (stmt, 16),
                                  (const char *) sqlite3_column_text (stmt, 17),
                                  (const char *) sqlite3_column_text (stmt, 18),
                                  (const char *) sqlite3_column_text (stmt, 19));
      msk_outbox_item_set_user (item, (const char *) sqlite3_column_text (stmt, 20));
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * msk_store_outbox_has_text:
 * @digest: a digest from msk_store_text_digest()
 *
 * Returns: whether the same text was already submitted (and not refused)
 *   to @topic_id on @portal.
 */
gboolean
msk_store_outbox_has_text (MskStore   *self,
                           const char *portal,
                           const char *topic_id,
                           const char *digest)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (digest == NULL)
    return FALSE;
  stmt = prepare (self,
                  "SELECT 1 FROM main.outbox WHERE portal IS ?1 AND topic_id IS ?2 "
                  "AND text_digest = ?3 AND state != ?4 LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, portal);
  bind_text (stmt, 2, topic_id);
  bind_text (stmt, 3, digest);
  sqlite3_bind_int (stmt, 4, MSK_OUTBOX_STATE_FAILED);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

void
msk_store_submission_free (MskStoreSubmission *submission)
{
  if (submission == NULL)
    return;
  g_free (submission->portal);
  g_free (submission->kind);
  g_free (submission->tracking);
  g_free (submission->topic_id);
  g_free (submission->title);
  g_free (submission->status);
  g_free (submission->status_text);
  g_free (submission->user);
  g_free (submission);
}

gboolean
msk_store_submission_save (MskStore            *self,
                           MskStoreSubmission  *submission,
                           GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "INSERT OR REPLACE INTO main.submissions (portal, kind, tracking, topic_id, "
                  "title, status, status_text, created, updated, user, due) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, submission->portal);
  bind_text (stmt, 2, submission->kind);
  bind_text (stmt, 3, submission->tracking);
  bind_text (stmt, 4, submission->topic_id);
  bind_text (stmt, 5, submission->title);
  bind_text (stmt, 6, submission->status);
  bind_text (stmt, 7, submission->status_text);
  sqlite3_bind_int64 (stmt, 8, submission->created);
  sqlite3_bind_int64 (stmt, 9, submission->updated);
  bind_text (stmt, 10, submission->user);
  sqlite3_bind_int64 (stmt, 11, submission->due);
  return step_done (self, stmt, error);
}

/**
 * msk_store_submission_delete:
 * @submission: a row, found by its portal, kind and tracking number
 *
 * Deletes that row of the tracking list; a row that is not there is no
 * error.
 */
gboolean
msk_store_submission_delete (MskStore                  *self,
                             const MskStoreSubmission  *submission,
                             GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "DELETE FROM main.submissions WHERE portal = ?1 AND kind = ?2 "
                  "AND tracking = ?3", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, submission->portal);
  bind_text (stmt, 2, submission->kind);
  bind_text (stmt, 3, submission->tracking);
  return step_done (self, stmt, error);
}

/**
 * msk_store_submission_load:
 *
 * Returns: (transfer full) (element-type MskStoreSubmission): the tracking list, newest first
 */
GPtrArray *
msk_store_submission_load (MskStore  *self,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) msk_store_submission_free);
  stmt = prepare (self,
                  "SELECT portal, kind, tracking, topic_id, title, status, status_text, created, "
                  "updated, user, due FROM main.submissions ORDER BY created DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MskStoreSubmission *row = g_new0 (MskStoreSubmission, 1);

      row->portal = column_dup (stmt, 0);
      row->kind = column_dup (stmt, 1);
      row->tracking = column_dup (stmt, 2);
      row->topic_id = column_dup (stmt, 3);
      row->title = column_dup (stmt, 4);
      row->status = column_dup (stmt, 5);
      row->status_text = column_dup (stmt, 6);
      row->created = sqlite3_column_int64 (stmt, 7);
      row->updated = sqlite3_column_int64 (stmt, 8);
      row->user = column_dup (stmt, 9);
      row->due = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * msk_store_count_rows:
 * @table: "outbox", "submissions", "cache" or "drafts"
 *
 * Returns: how many rows @table holds (what is left of the people who used
 *   the app), or -1 on an error
 */
gint64
msk_store_count_rows (MskStore   *self,
                      const char *table)
{
  static const char *const tables[][2] = {
    { "outbox", "SELECT count(*) FROM main.outbox" },
    { "submissions", "SELECT count(*) FROM main.submissions" },
    { "cache", "SELECT count(*) FROM cache.http" },
    { "drafts", "SELECT count(*) FROM main.drafts" },
  };

  g_return_val_if_fail (MSK_IS_STORE (self), -1);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (table, tables[i][0]) == 0)
      {
        g_autoptr(sqlite3_stmt) stmt = prepare (self, tables[i][1], NULL);

        if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
          return sqlite3_column_int64 (stmt, 0);
        return -1;
      }
  g_return_val_if_reached (-1);
}

/**
 * msk_store_submission_clear:
 *
 * Deletes the whole tracking list (the end of a public-PC session).
 */
gboolean
msk_store_submission_clear (MskStore  *self,
                            GError   **error)
{
  return exec (self, "DELETE FROM main.submissions", error);
}

/**
 * msk_store_draft_save:
 * @portal: the portal the form sends to
 * @key: the form's own name for it ("survey:9")
 * @value: what was typed, as the form's text
 *
 * Keeps a draft, in place of the one kept before under @key.
 */
gboolean
msk_store_draft_save (MskStore    *self,
                      const char  *portal,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MSK_IS_STORE (self), FALSE);
  g_return_val_if_fail (portal != NULL && key != NULL && value != NULL, FALSE);

  stmt = prepare (self, "INSERT OR REPLACE INTO main.drafts (portal, key, value, updated) "
                        "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, portal);
  bind_text (stmt, 2, key);
  bind_text (stmt, 3, value);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  return step_done (self, stmt, error);
}

/**
 * msk_store_draft_dup:
 * @updated: (out) (optional): when it was last kept, in seconds since 1970
 *
 * Returns: (transfer full) (nullable): the draft kept under @key, or %NULL
 */
char *
msk_store_draft_dup (MskStore   *self,
                     const char *portal,
                     const char *key,
                     gint64     *updated)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MSK_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT value, updated FROM main.drafts WHERE portal = ?1 AND key = ?2",
                  NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, portal);
  bind_text (stmt, 2, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (updated != NULL)
    *updated = sqlite3_column_int64 (stmt, 1);
  return column_dup (stmt, 0);
}

/**
 * msk_store_draft_delete:
 *
 * Forgets the draft kept under @key (once sent, or thrown away).
 */
gboolean
msk_store_draft_delete (MskStore    *self,
                        const char  *portal,
                        const char  *key,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MSK_IS_STORE (self), FALSE);

  stmt = prepare (self, "DELETE FROM main.drafts WHERE portal = ?1 AND key = ?2", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, portal);
  bind_text (stmt, 2, key);
  return step_done (self, stmt, error);
}

char *
msk_store_dup_setting (MskStore   *self,
                       const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "SELECT value FROM main.settings WHERE name = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_dup (stmt, 0);
}

gboolean
msk_store_set_setting (MskStore    *self,
                       const char  *name,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "INSERT OR REPLACE INTO main.settings (name, value) VALUES (?1, ?2)",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, value);
  return step_done (self, stmt, error);
}

/**
 * msk_store_text_digest:
 * @text: (nullable): user text
 *
 * Returns: (transfer full) (nullable): a digest of @text that ignores case,
 *   white space and Unicode normalization, to find repeated submissions.
 */
char *
msk_store_text_digest (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  GString *compact;
  char *digest;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (normalized, -1);
  compact = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        g_string_append_unichar (compact, c);
    }
  if (compact->len == 0)
    {
      g_string_free (compact, TRUE);
      return NULL;
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, compact->str, compact->len);
  g_string_free (compact, TRUE);
  return digest;
}

/**
 * msk_store_cache_foreach:
 * @prefix: the beginning of the keys to read
 * @user: (nullable): who is signed in: replies personal to someone else are
 *   left out, and all personal ones when %NULL
 * @func: called with each key, its reply and when it was fetched, the most
 *   recently fetched first
 */
void
msk_store_cache_foreach (MskStore          *self,
                         const char        *prefix,
                         const char        *user,
                         MskStoreCacheFunc  func,
                         gpointer           user_data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "SELECT key, body, fetched FROM cache.http "
                  "WHERE substr(key, 1, length(?1)) = ?1 AND (user IS NULL OR user = ?2) "
                  "AND body IS NOT NULL ORDER BY fetched DESC", NULL);
  if (stmt == NULL)
    return;
  bind_text (stmt, 1, prefix);
  bind_text (stmt, 2, user);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GBytes) body = column_bytes (stmt, 1);

      func ((const char *) sqlite3_column_text (stmt, 0), body, sqlite3_column_int64 (stmt, 2),
            user_data);
    }
}
