/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "msk-error.h"
#include "msk-outbox.h"
#include "msk-store.h"

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("msk-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        rm_rf (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static char *
journal_mode (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *mode = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return mode;
}

static void
test_files_wal_and_schema (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "data", "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
  g_autofree char *mode_state = NULL;
  g_autofree char *mode_cache = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (msk_store_get_schema_version (store), ==, MSK_STORE_SCHEMA_VERSION);
  g_assert_false (msk_store_is_in_memory (store));
  g_clear_object (&store);

  mode_state = journal_mode (state);
  mode_cache = journal_mode (cache);
  g_assert_cmpstr (mode_state, ==, "wal");
  g_assert_cmpstr (mode_cache, ==, "wal");

  /* Reopening an up-to-date store changes nothing. */
  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_store_get_schema_version (store), ==, MSK_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (state, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = msk_store_new (state, cache, &error);
  g_assert_null (store);
  g_assert_error (error, MSK_ERROR, MSK_ERROR_STORE);
  rm_rf (dir);
}

static void
test_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new_in_memory (&error);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"a\":1}", 7);
  g_autoptr(GBytes) got = NULL;
  g_autofree char *etag = NULL;
  gint64 fetched = 0;

  g_assert_no_error (error);
  g_assert_false (msk_store_cache_lookup (store, "k", NULL, NULL, NULL));
  g_assert_true (msk_store_cache_put (store, "k", NULL, "\"v1\"", body, 1000, &error));
  g_assert_true (msk_store_cache_touch (store, "k", 2000, &error));
  g_assert_true (msk_store_cache_lookup (store, "k", &etag, &got, &fetched));
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_assert_true (g_bytes_equal (body, got));
  g_assert_cmpint (fetched, ==, 2000);
}

/* A cache of version 1 kept what anyone read signed in under one name;
 * the upgrade drops those replies and keeps the public ones. */
static void
test_cache_upgrade_and_forget_user (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (cache, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE http (key TEXT PRIMARY KEY, etag TEXT, body BLOB,"
                                 " fetched INTEGER NOT NULL);"
                                 "INSERT INTO http VALUES ('https://p/v1/topics/1#ar', NULL,"
                                 " '{}', 1);"
                                 "INSERT INTO http VALUES ('https://p/v1/topics/1#ar#signed-in',"
                                 " NULL, '{}', 1);"
                                 "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_store_get_schema_version (store), ==, MSK_STORE_SCHEMA_VERSION);
  g_assert_true (msk_store_cache_lookup (store, "https://p/v1/topics/1#ar", NULL, NULL, NULL));
  g_assert_false (msk_store_cache_lookup (store, "https://p/v1/topics/1#ar#signed-in", NULL, NULL,
                                          NULL));

  g_assert_true (msk_store_cache_put (store, "k#user=a", "a", NULL, body, 1, &error));
  g_assert_true (msk_store_cache_put (store, "k#user=b", "b", NULL, body, 1, &error));
  g_assert_true (msk_store_cache_forget_user (store, "a", &error));
  g_assert_no_error (error);
  g_assert_false (msk_store_cache_lookup (store, "k#user=a", NULL, NULL, NULL));
  g_assert_true (msk_store_cache_lookup (store, "k#user=b", NULL, NULL, NULL));
  g_assert_true (msk_store_cache_lookup (store, "https://p/v1/topics/1#ar", NULL, NULL, NULL));
  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_outbox_rows_survive_reopen (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"body\":\"x\"}", 12);
  g_autoptr(MskOutboxItem) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *key = NULL;
  MskOutboxItem *loaded;

  g_assert_no_error (error);
  item = msk_outbox_item_new (MSK_OUTBOX_KIND_COMMENT, "http://127.0.0.1:1", "POST",
                              "http://127.0.0.1:1/v1/topics/1/comments", "application/json", body);
  key = g_strdup (msk_outbox_item_get_key (item));
  g_assert_true (g_uuid_string_is_valid (key));
  g_assert_true (msk_store_outbox_insert (store, item, &error));
  msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_SENDING);
  msk_outbox_item_set_attempts (item, 3, 42);
  g_assert_true (msk_store_outbox_update (store, item, &error));
  g_clear_object (&store);

  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  items = msk_store_outbox_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  loaded = g_ptr_array_index (items, 0);
  g_assert_cmpstr (msk_outbox_item_get_key (loaded), ==, key);
  g_assert_cmpint (msk_outbox_item_get_state (loaded), ==, MSK_OUTBOX_STATE_SENDING);
  g_assert_cmpuint (msk_outbox_item_get_attempts (loaded), ==, 3);
  g_assert_true (g_bytes_equal (msk_outbox_item_get_body (loaded), body));
  g_clear_object (&store);
  rm_rf (dir);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A store of version 2 named no author in the outbox nor in the tracking
 * list, and named users in the cache by their token: after the upgrade its
 * items and rows name nobody, the cached replies named by a token are gone
 * (the public ones stay), and the new columns keep who wrote what. */
static void
test_upgrade_names_users (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(MskOutboxItem) item = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  MskStoreSubmission row = { "https://p", "comment", "7", "1", "t", "pending", NULL, 1, 1,
                             "user-b" };

  g_assert_no_error (error);
  item = msk_outbox_item_new (MSK_OUTBOX_KIND_COMMENT, "https://p", "POST",
                              "https://p/v1/topics/1/comments", "application/json", body);
  g_assert_true (msk_store_outbox_insert (store, item, &error));
  g_clear_object (&store);
  exec_sql (state, "ALTER TABLE outbox DROP COLUMN user;"
                   "ALTER TABLE submissions DROP COLUMN user;"
                   "ALTER TABLE submissions DROP COLUMN due;"
                   "INSERT INTO submissions (portal, kind, tracking, created, updated) "
                   "VALUES ('https://p', 'comment', '6', 1, 1);"
                   "PRAGMA user_version = 2;");
  exec_sql (cache, "INSERT INTO http VALUES ('https://p/v1/topics/1#ar', NULL, '{}', 1, NULL);"
                   "INSERT INTO http VALUES ('https://p/v1/topics/1#ar#user=t0k', NULL, '{}', 1,"
                   " 't0k');"
                   "PRAGMA user_version = 2;");

  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_store_get_schema_version (store), ==, MSK_STORE_SCHEMA_VERSION);
  items = msk_store_outbox_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_null (msk_outbox_item_get_user (g_ptr_array_index (items, 0)));
  g_assert_cmpint (msk_store_count_rows (store, "cache"), ==, 1);
  g_assert_true (msk_store_cache_lookup (store, "https://p/v1/topics/1#ar", NULL, NULL, NULL));

  g_clear_object (&item);
  item = msk_outbox_item_new (MSK_OUTBOX_KIND_COMMENT, "https://p", "POST",
                              "https://p/v1/topics/1/comments", "application/json", body);
  msk_outbox_item_set_user (item, "user-a");
  g_assert_true (msk_store_outbox_insert (store, item, &error));
  g_assert_true (msk_store_submission_save (store, &row, &error));
  g_clear_object (&store);

  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = msk_store_outbox_load (store, &error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (msk_outbox_item_get_user (g_ptr_array_index (items, 1)), ==, "user-a");
  rows = msk_store_submission_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      MskStoreSubmission *loaded = g_ptr_array_index (rows, i);

      g_assert_cmpstr (loaded->user, ==, g_strcmp0 (loaded->tracking, "7") == 0 ? "user-b" : NULL);
    }
  g_assert_cmpint (msk_store_count_rows (store, "outbox"), ==, 2);
  g_assert_cmpint (msk_store_count_rows (store, "submissions"), ==, 2);
  g_clear_object (&store);
  rm_rf (dir);
}

/* A draft is kept across a restart, replaced as the person types, by
 * portal and key; deleting it forgets it. A store of version 3 gains the
 * table, and a store in memory keeps drafts until it goes. */
static void
test_drafts (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
  g_autofree char *value = NULL;
  gint64 updated = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_null (msk_store_draft_dup (store, "https://p", "survey:9", NULL));
  g_assert_true (msk_store_draft_save (store, "https://p", "survey:9", "{1: <1>}", &error));
  g_assert_true (msk_store_draft_save (store, "https://p", "survey:9", "{1: <2>}", &error));
  g_assert_true (msk_store_draft_save (store, "https://q", "survey:9", "{1: <3>}", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  value = msk_store_draft_dup (store, "https://p", "survey:9", &updated);
  g_assert_cmpstr (value, ==, "{1: <2>}");
  g_assert_cmpint (updated, >=, now);
  g_assert_cmpint (updated, <=, now + 5);
  g_assert_cmpint (msk_store_count_rows (store, "drafts"), ==, 2);
  g_assert_true (msk_store_draft_delete (store, "https://p", "survey:9", &error));
  g_assert_no_error (error);
  g_assert_null (msk_store_draft_dup (store, "https://p", "survey:9", NULL));
  g_clear_pointer (&value, g_free);
  value = msk_store_draft_dup (store, "https://q", "survey:9", NULL);
  g_assert_cmpstr (value, ==, "{1: <3>}");
  g_clear_object (&store);

  /* from version 3 */
  exec_sql (state, "DROP TABLE drafts; ALTER TABLE submissions DROP COLUMN due;"
                   "PRAGMA user_version = 3;");
  exec_sql (cache, "PRAGMA user_version = 3;");
  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_store_get_schema_version (store), ==, MSK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (msk_store_count_rows (store, "drafts"), ==, 0);
  g_assert_true (msk_store_draft_save (store, "https://p", "survey:9", "{}", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  rm_rf (dir);

  store = msk_store_new_in_memory (&error);
  g_assert_no_error (error);
  g_assert_true (msk_store_draft_save (store, "https://p", "survey:9", "{}", &error));
  g_assert_cmpint (msk_store_count_rows (store, "drafts"), ==, 1);
}

static MskStoreSubmission *
find_row (GPtrArray  *rows,
          const char *kind,
          const char *tracking)
{
  for (guint i = 0; i < rows->len; i++)
    {
      MskStoreSubmission *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->kind, kind) == 0 && g_strcmp0 (row->tracking, tracking) == 0)
        return row;
    }
  return NULL;
}

/* A row of the tracking list keeps the date it is due by; a store of
 * version 4 keeps its rows, due by no date; deleting a row by its portal,
 * kind and tracking number leaves the others. */
static void
test_submission_due_and_delete (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state.db", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new (state, cache, &error);
  g_autoptr(GPtrArray) rows = NULL;
  MskStoreSubmission old = { "https://p/open311/v2/requests.json", "complaint", "MSK-000001",
                             NULL, "Water leak", "RECEIVED", NULL, 1, 1, NULL, 0 };
  MskStoreSubmission due = { "https://p/open311/v2/requests.json", "complaint", "MSK-000002",
                             NULL, "Budget", "RECEIVED", NULL, 2, 2, "user-a", 1797404400 };
  MskStoreSubmission comment = { "https://p", "comment", "MSK-000002", "1", "t", "pending",
                                 NULL, 3, 3, NULL, 0 };

  g_assert_no_error (error);
  g_assert_true (msk_store_submission_save (store, &old, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* from version 4: the row stays, due by no date */
  exec_sql (state, "ALTER TABLE submissions DROP COLUMN due; PRAGMA user_version = 4;");
  exec_sql (cache, "PRAGMA user_version = 4;");
  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msk_store_get_schema_version (store), ==, MSK_STORE_SCHEMA_VERSION);
  rows = msk_store_submission_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (find_row (rows, "complaint", "MSK-000001")->title, ==, "Water leak");
  g_assert_cmpstr (find_row (rows, "complaint", "MSK-000001")->status, ==, "RECEIVED");
  g_assert_cmpint (find_row (rows, "complaint", "MSK-000001")->due, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* the date is kept across a restart, and replaced in place */
  g_assert_true (msk_store_submission_save (store, &due, &error));
  g_assert_true (msk_store_submission_save (store, &comment, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  rows = msk_store_submission_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (find_row (rows, "complaint", "MSK-000002")->due, ==, 1797404400);
  g_assert_cmpstr (find_row (rows, "complaint", "MSK-000002")->user, ==, "user-a");
  g_assert_cmpint (find_row (rows, "comment", "MSK-000002")->due, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  due.due = 1797490800;
  g_assert_true (msk_store_submission_save (store, &due, &error));
  g_assert_no_error (error);
  g_assert_cmpint (msk_store_count_rows (store, "submissions"), ==, 3);
  rows = msk_store_submission_load (store, &error);
  g_assert_cmpint (find_row (rows, "complaint", "MSK-000002")->due, ==, 1797490800);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* deleting the complaint MSK-000002 leaves the comment of that number;
   * deleting it again is no error */
  g_assert_true (msk_store_submission_delete (store, &due, &error));
  g_assert_no_error (error);
  g_assert_true (msk_store_submission_delete (store, &due, &error));
  g_assert_no_error (error);
  g_assert_cmpint (msk_store_count_rows (store, "submissions"), ==, 2);
  g_clear_object (&store);
  store = msk_store_new (state, cache, &error);
  g_assert_no_error (error);
  rows = msk_store_submission_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_null (find_row (rows, "complaint", "MSK-000002"));
  g_assert_nonnull (find_row (rows, "comment", "MSK-000002"));
  g_assert_nonnull (find_row (rows, "complaint", "MSK-000001"));
  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_backoff (void)
{
  /* Equal jitter: between half and all of base * 2^(n-1), capped. */
  g_assert_cmpint (msk_outbox_compute_delay (1, 100, 10000, -1, 0.0), ==, 50);
  g_assert_cmpint (msk_outbox_compute_delay (1, 100, 10000, -1, 0.999), <=, 100);
  g_assert_cmpint (msk_outbox_compute_delay (3, 100, 10000, -1, 0.0), ==, 200);
  g_assert_cmpint (msk_outbox_compute_delay (3, 100, 10000, -1, 0.999), <=, 400);
  g_assert_cmpint (msk_outbox_compute_delay (30, 100, 10000, -1, 0.999), <=, 10000);
  g_assert_cmpint (msk_outbox_compute_delay (30, 100, 10000, -1, 0.0), ==, 5000);
  /* Retry-After wins when it is longer. */
  g_assert_cmpint (msk_outbox_compute_delay (1, 100, 10000, 3, 0.5), ==, 3000);
  g_assert_cmpint (msk_outbox_compute_delay (30, 100, 10000, 1, 0.0), ==, 5000);

  /* Jitter spreads the delays. */
  {
    gint64 min = G_MAXINT64, max = 0;

    for (int i = 0; i < 200; i++)
      {
        gint64 d = msk_outbox_compute_delay (4, 100, 10000, -1, g_random_double ());
        min = MIN (min, d);
        max = MAX (max, d);
      }
    g_assert_cmpint (min, >=, 400);
    g_assert_cmpint (max, <=, 800);
    g_assert_cmpint (max - min, >, 100);
  }
}

static void
test_digest (void)
{
  g_autofree char *a = msk_store_text_digest ("Hello,   World!");
  g_autofree char *b = msk_store_text_digest ("hello world");
  g_autofree char *c = msk_store_text_digest ("hello there");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_null (msk_store_text_digest ("   "));
  g_assert_null (msk_store_text_digest (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/store/files-wal-schema", test_files_wal_and_schema);
  g_test_add_func ("/core/store/newer-schema", test_newer_schema_refused);
  g_test_add_func ("/core/store/cache", test_cache);
  g_test_add_func ("/core/store/cache-upgrade-forget-user", test_cache_upgrade_and_forget_user);
  g_test_add_func ("/core/store/outbox-reopen", test_outbox_rows_survive_reopen);
  g_test_add_func ("/core/store/upgrade-names-users", test_upgrade_names_users);
  g_test_add_func ("/core/store/drafts", test_drafts);
  g_test_add_func ("/core/store/submission-due-delete", test_submission_due_and_delete);
  g_test_add_func ("/core/store/backoff", test_backoff);
  g_test_add_func ("/core/store/digest", test_digest);

  return g_test_run ();
}
