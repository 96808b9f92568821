/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Searching topics (GET /v1/topics?q=) on the demo portal as people type
 * Arabic: without diacritics, any alef form, with or without the article;
 * every word, in any field, literally. What a search should find is worked
 * out from the topics' own text, read in full from /v1/topics/{id}.
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "msk-test-server.h"

static MskTestServer *srv;

typedef struct
{
  gint64 id;
  char *title_en;
  char *text;   /* title, summary and body in both languages, without markup */
} Topic;

static GPtrArray *topics; /* (element-type Topic) */

static void
topic_free (Topic *t)
{
  g_free (t->title_en);
  g_free (t->text);
  g_free (t);
}

static void
append_loc (GString    *s,
            JsonObject *o,
            const char *member)
{
  JsonObject *loc = json_object_get_object_member (o, member);

  g_string_append_printf (s, "%s\n%s\n", json_object_get_string_member (loc, "ar"),
                          json_object_get_string_member (loc, "en"));
}

static void
read_topics (void)
{
  g_autoptr(MskTestReply) all = msk_test_get (srv, "/v1/topics?limit=50", NULL);
  JsonArray *items = msk_test_items (all);

  topics = g_ptr_array_new_with_free_func ((GDestroyNotify) topic_free);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
      g_autofree char *path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT, id);
      g_autoptr(MskTestReply) detail = msk_test_get (srv, path, NULL);
      JsonObject *o = msk_test_object (detail);
      GString *s = g_string_new (NULL);
      Topic *t = g_new0 (Topic, 1);

      g_assert_cmpuint (detail->status, ==, 200);
      append_loc (s, o, "title_text");
      append_loc (s, o, "summary_text");
      append_loc (s, o, "body_text");
      t->id = id;
      t->title_en = g_strdup (json_object_get_string_member (
                                json_object_get_object_member (o, "title_text"), "en"));
      t->text = g_string_free (s, FALSE);
      g_ptr_array_add (topics, t);
    }
  g_assert_cmpuint (topics->len, >=, 12);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* "1,4,11": the ids in @ids, in order. */
static char *
id_list (GArray *ids)
{
  GString *s = g_string_new (NULL);

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (s, FALSE);
}

/* The topics whose text holds every one of @needles (NULL-terminated) as
 * it is written, or, with @any_case, in any case. */
static char *
holding (gboolean     any_case,
         const char  *first,
         ...)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) needles = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *n = first; n != NULL; n = va_arg (args, const char *))
    g_ptr_array_add (needles, (gpointer) n);
  va_end (args);

  for (guint i = 0; i < topics->len; i++)
    {
      Topic *t = g_ptr_array_index (topics, i);
      g_autofree char *text = any_case ? g_utf8_strdown (t->text, -1) : g_strdup (t->text);
      gboolean all = TRUE;

      for (guint k = 0; k < needles->len && all; k++)
        {
          g_autofree char *needle = any_case ? g_utf8_strdown (needles->pdata[k], -1)
                                             : g_strdup (needles->pdata[k]);
          all = strstr (text, needle) != NULL;
        }
      if (all)
        g_array_append_val (ids, t->id);
    }
  return id_list (ids);
}

static char *
search_on (MskTestServer *server,
           const char    *q)
{
  g_autofree char *escaped = g_uri_escape_string (q, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/topics?limit=50&q=%s", escaped);
  g_autoptr(MskTestReply) reply = msk_test_get (server, path, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *items;
  char *found;

  g_assert_cmpuint (reply->status, ==, 200);
  items = msk_test_items (reply);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
      g_array_append_val (ids, id);
    }
  found = id_list (ids);
  g_test_message ("q=%s: [%s]", q, found);
  return found;
}

static char *
search (const char *q)
{
  return search_on (srv, q);
}

static gint64
parks_id (void)
{
  for (guint i = 0; i < topics->len; i++)
    {
      Topic *t = g_ptr_array_index (topics, i);

      if (strstr (t->title_en, "by-law on public parks") != NULL)
        return t->id;
    }
  g_assert_not_reached ();
}

/* Without the article, with another alef, with a prefix before the article. */
static void
test_article_alef (void)
{
  g_autofree char *parks = g_strdup_printf ("%" G_GINT64_FORMAT, parks_id ());
  g_autofree char *neighbourhoods = holding (FALSE, "الأحياء", NULL);
  g_autofree char *bare = search ("حدائق");
  g_autofree char *plain_alef = search ("الاحياء");
  g_autofree char *hamza_alef = search ("الأحياء");
  g_autofree char *prefixed = search ("بالحدائق");
  g_autofree char *and_prefixed = search ("والحدائق");

  g_assert_cmpuint (strlen (neighbourhoods), >, 2); /* more than one topic */
  g_assert_cmpstr (bare, ==, parks);
  g_assert_cmpstr (plain_alef, ==, neighbourhoods);
  g_assert_cmpstr (hamza_alef, ==, neighbourhoods);
  g_assert_cmpstr (prefixed, ==, parks);
  g_assert_cmpstr (and_prefixed, ==, parks);
}

/* A vowelled query finds unvowelled text, and the other way round. */
static void
test_diacritics (void)
{
  g_autofree char *parks = g_strdup_printf ("%" G_GINT64_FORMAT, parks_id ());
  g_autofree char *shadda = holding (FALSE, "نسهّل", NULL);
  g_autofree char *vowelled = search ("الحَدَائِقِ");
  g_autofree char *kashida = search ("حـــدائق");
  g_autofree char *unvowelled = search ("نسهل");

  g_assert_cmpstr (vowelled, ==, parks);
  g_assert_cmpstr (kashida, ==, parks);
  g_assert_cmpstr (shadda, !=, "");
  g_assert_cmpstr (unvowelled, ==, shadda);
}

/* Every word, in any order and any field; English in any case. */
static void
test_words (void)
{
  g_autofree char *parks = g_strdup_printf ("%" G_GINT64_FORMAT, parks_id ());
  g_autofree char *english = holding (TRUE, "parks", NULL);
  g_autofree char *upper = search ("PARKS");
  g_autofree char *two = search ("By-Law PARKS");
  g_autofree char *mixed = search ("parks الحدائق");
  g_autofree char *two_arabic = search ("العامة حدائق");
  g_autofree char *one_missing = search ("حدائق الشاطئ");
  g_autofree char *body_word = search ("للدراجات");

  g_assert_cmpstr (upper, ==, english);
  g_assert_cmpstr (two, ==, parks);
  g_assert_cmpstr (mixed, ==, parks);
  g_assert_cmpstr (two_arabic, ==, parks);
  g_assert_cmpstr (one_missing, ==, "");
  /* "مسارات آمنة للدراجات" is in the parks by-law's body only */
  g_assert_cmpstr (body_word, ==, parks);
}

/* % and _ are letters of the query, never wildcards; markup is text. */
static void
test_literal (void)
{
  g_autofree char *all = holding (FALSE, "", NULL);
  g_autofree char *holding_percent = holding (FALSE, "%", NULL);
  g_autofree char *percent = search ("%");
  g_autofree char *underscore = search ("_");
  g_autofree char *word_percent = search ("parks %");
  g_autofree char *backslash = search ("parks\\");
  g_autofree char *markup = search ("<p>");
  g_autofree char *empty = search ("");
  g_autofree char *marks = search ("\u064e\u0651 ");

  g_assert_cmpstr (percent, ==, holding_percent);
  g_assert_cmpstr (underscore, ==, "");
  g_assert_cmpstr (word_percent, ==, "");
  g_assert_cmpstr (backslash, ==, "");
  g_assert_cmpstr (markup, ==, "");
  g_assert_cmpstr (empty, ==, all);
  g_assert_cmpstr (marks, ==, all);
}

/* A database from before the search text: the migration fills it. */
static void
test_migration (void)
{
  g_autofree char *dir = g_dir_make_tmp ("msk-search-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "musharaka-server.db", NULL);
  g_autofree char *parks = g_strdup_printf ("%" G_GINT64_FORMAT, parks_id ());
  g_autofree char *neighbourhoods = holding (FALSE, "الأحياء", NULL);
  g_autofree char *found_parks = NULL;
  g_autofree char *found_neighbourhoods = NULL;
  MskTestServer *old;
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  old = msk_test_server_start (dir, TRUE, NULL);
  msk_test_server_stop (old);
  msk_test_server_free (old);

  /* Back to the first schema, as a server of that version left it: without
   * the search text (2) and assisted participation (3). */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "ALTER TABLE topics DROP COLUMN search_text; "
                "DROP TABLE assisted_sessions; "
                "ALTER TABLE comments DROP COLUMN assisted_by; "
                "ALTER TABLE comment_flags DROP COLUMN assisted_by; "
                "ALTER TABLE ideas DROP COLUMN assisted_by; "
                "ALTER TABLE idea_supports DROP COLUMN assisted_by; "
                "ALTER TABLE ballots DROP COLUMN assisted_by; "
                "ALTER TABLE survey_responses DROP COLUMN assisted_by; "
                "ALTER TABLE feedback DROP COLUMN assisted_by; "
                "ALTER TABLE service_requests DROP COLUMN assisted_by; "
                "PRAGMA user_version = 1;",
                NULL, NULL, &errmsg);
  g_assert_cmpstr (errmsg, ==, NULL);
  sqlite3_close (db);

  old = msk_test_server_start (dir, FALSE, NULL);
  found_parks = search_on (old, "حدائق");
  found_neighbourhoods = search_on (old, "الاحياء");
  msk_test_server_stop (old);
  msk_test_server_free (old);
  g_assert_cmpstr (found_parks, ==, parks);
  g_assert_cmpstr (found_neighbourhoods, ==, neighbourhoods);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  srv = msk_test_server_start (NULL, TRUE, NULL);
  read_topics ();

  g_test_add_func ("/server/search/article-alef", test_article_alef);
  g_test_add_func ("/server/search/diacritics", test_diacritics);
  g_test_add_func ("/server/search/words", test_words);
  g_test_add_func ("/server/search/literal", test_literal);
  g_test_add_func ("/server/search/migration", test_migration);

  ret = g_test_run ();
  g_clear_pointer (&topics, g_ptr_array_unref);
  msk_test_server_free (srv);
  return ret;
}
