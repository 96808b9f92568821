/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * In-process checks of libmsk_server: the route table matches
 * data/api/openapi.yaml both ways, migrations, working days, markup
 * stripping, language negotiation and the Open311 writers.
 */
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#include "msk-server.h"
#include "msk-server-db.h"
#include "msk-srv-open311-format.h"
#include "msk-server-strings.h"

/* A line-based reading of our own document: path keys are indented by two
 * spaces under "paths:", their methods by four. */
static GHashTable *
read_openapi_operations (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *ops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = NULL;
  gboolean in_paths = FALSE;

  g_file_get_contents (MSK_OPENAPI_PATH, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] != ' ' && line[0] != '#' && line[0] != '\0')
        {
          in_paths = g_str_equal (line, "paths:");
          continue;
        }
      if (!in_paths)
        continue;
      if (g_str_has_prefix (line, "  /") && g_str_has_suffix (line, ":"))
        {
          g_free (path);
          path = g_strndup (line + 2, strlen (line) - 3);
        }
      else if (path != NULL && strncmp (line, "    ", 4) == 0 && line[4] != ' ')
        {
          static const char * const methods[] = { "get", "put", "post", "delete", "patch" };

          for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
            {
              g_autofree char *key = g_strconcat (methods[m], ":", NULL);

              if (g_str_equal (line + 4, key))
                {
                  g_autofree char *upper = g_ascii_strup (methods[m], -1);

                  g_hash_table_add (ops, g_strdup_printf ("%s %s", upper, path));
                }
            }
        }
    }
  return ops;
}

static void
test_openapi_routes (void)
{
  g_autoptr(GHashTable) documented = read_openapi_operations ();
  g_autoptr(GHashTable) served = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const MskServerRoute *routes;
  gsize n = 0;
  GHashTableIter iter;
  gpointer key;

  routes = msk_server_get_routes (&n);
  g_assert_cmpuint (n, >, 30);
  for (gsize i = 0; i < n; i++)
    g_hash_table_add (served, g_strdup_printf ("%s %s", routes[i].method, routes[i].path));

  g_hash_table_iter_init (&iter, served);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (documented, key))
      {
        g_test_message ("served but not documented: %s", (const char *) key);
        g_test_fail ();
      }
  g_hash_table_iter_init (&iter, documented);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (served, key))
      {
        g_test_message ("documented but not served: %s", (const char *) key);
        g_test_fail ();
      }
  g_assert_cmpuint (g_hash_table_size (served), ==, g_hash_table_size (documented));
}

static void
test_migrations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("msk-db-test-XXXXXX", &error);
  g_autofree char *file = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(MskServerDb) db = msk_server_db_new (dir, &error);

    g_assert_no_error (error);
    g_assert_cmpint (msk_server_db_get_schema_version (db), ==,
                     msk_server_db_get_latest_version ());
    g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM entities", 0), ==, 0);
    g_assert_true (msk_server_db_exec (db, "INSERT INTO api_keys VALUES ('k', 'test')", &error));
  }
  {
    /* reopening keeps the data and does not migrate again */
    g_autoptr(MskServerDb) db = msk_server_db_new (dir, &error);

    g_assert_no_error (error);
    g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM api_keys", 0), ==, 1);
    g_assert_true (msk_server_db_exec (db, "PRAGMA user_version = 999", &error));
  }
  {
    /* a database from a newer server is refused */
    g_autoptr(MskServerDb) db = msk_server_db_new (dir, &error);

    g_assert_error (error, MSK_SERVER_DB_ERROR, MSK_SERVER_DB_ERROR_TOO_NEW);
    g_assert_null (db);
  }

  file = g_build_filename (dir, "musharaka-server.db", NULL);
  {
    g_autofree char *wal = g_strconcat (file, "-wal", NULL);
    g_autofree char *shm = g_strconcat (file, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (file);
  g_rmdir (dir);
}

static void
test_strip_markup (void)
{
  g_autofree char *a = msk_server_strip_markup ("<p>One &amp; "
                                                "two.</p><ul><li>A</li><li>B</li></ul>");
  g_autofree char *b = msk_server_strip_markup ("plain");

  g_assert_cmpstr (a, ==, "One & two.\n• A\n• B");
  g_assert_cmpstr (b, ==, "plain");
}

static void
test_languages (void)
{
  g_assert_cmpstr (msk_server_pick_language (NULL), ==, "ar");
  g_assert_cmpstr (msk_server_pick_language ("en-GB,en;q=0.8"), ==, "en");
  g_assert_cmpstr (msk_server_pick_language ("fr, en;q=0.5, ar;q=0.9"), ==, "ar");
  g_assert_cmpstr (msk_server_pick_language ("de"), ==, "ar");
  g_assert_cmpstr (msk_server_problem_title ("not-found", "en"), ==,
                   "The requested item was not found");
  g_assert_cmpstr (msk_server_problem_title ("not-found", "ar"), ==,
                   "لم يُعثر على العنصر المطلوب");
  {
    g_autofree char *m = msk_server_field_message ("too-long", "en", 100);

    g_assert_cmpstr (m, ==, "This is longer than 100 characters");
  }
}

/* The Open311 JSON writer writes what json-glib writes, but for the numbers
 * with a fraction; the XML writer escapes what XML needs escaped. */
static void
test_open311_writers (void)
{
  g_autoptr(GString) every = g_string_new (NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *theirs = NULL;
  static const struct
  {
    double value;
    const char *text;
  } numbers[] = {
    { 25.2841, "25.2841" }, { 55.371200000000002, "55.3712" }, { -55.00000004, "-55.0" },
    { 1.23456789, "1.2345679" }, { 0, "0.0" }, { -122.4651145, "-122.4651145" },
  };

  /* what every json-glib writes alike */
  g_string_append (every, "\"quoted\" back\\slash\nnew line\ttab\r\b\f/ <&> ");
  g_string_append (every, "مشاركة \u2028 é \U0001F600");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, every->str);
  json_builder_set_member_name (b, every->str);
  json_builder_add_int_value (b, -5);
  json_builder_set_member_name (b, "values");
  json_builder_begin_array (b);
  json_builder_add_boolean_value (b, TRUE);
  json_builder_add_boolean_value (b, FALSE);
  json_builder_add_null_value (b);
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "attributes");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  ours = msk_srv_open311_to_json (root);
  theirs = json_to_string (root, FALSE);
  g_assert_cmpmem (g_bytes_get_data (ours, NULL), g_bytes_get_size (ours),
                   theirs, strlen (theirs));

  /* every control character escaped, U+001F too */
  {
    g_autoptr(GString) controls = g_string_new (NULL);
    g_autoptr(GString) expected = g_string_new ("\"");
    g_autoptr(JsonNode) text = NULL;
    g_autoptr(GBytes) out = NULL;

    for (int c = 1; c < 0x20; c++)
      {
        const char *shorter = strchr ("\bb\tt\nn\ff\rr", c);

        g_string_append_c (controls, c);
        if (shorter != NULL)
          g_string_append_printf (expected, "\\%c", shorter[1]);
        else
          g_string_append_printf (expected, "\\u%04x", c);
      }
    g_string_append (expected, "\"");
    text = json_node_init_string (json_node_alloc (), controls->str);
    out = msk_srv_open311_to_json (text);
    g_assert_cmpmem (g_bytes_get_data (out, NULL), g_bytes_get_size (out), expected->str,
                     expected->len);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(JsonNode) number = json_node_init_double (json_node_alloc (), numbers[i].value);
      g_autoptr(GBytes) text = msk_srv_open311_to_json (number);

      g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), numbers[i].text,
                       strlen (numbers[i].text));
    }

  /* markup and control characters in XML: escaped, replaced */
  {
    g_autoptr(JsonNode) text = json_node_init_string (json_node_alloc (), "<a & \"b\">\x01\t");
    g_autoptr(GBytes) out = msk_srv_open311_to_xml (text, "description");
    g_autofree char *doc = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
    xmlDoc *parsed;
    xmlChar *content;

    g_assert_true (g_str_has_prefix (doc, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                                          "<description>&lt;a &amp; "));
    parsed = xmlReadMemory (doc, strlen (doc), "reply.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull (parsed);
    content = xmlNodeGetContent (xmlDocGetRootElement (parsed));
    g_assert_cmpstr ((const char *) content, ==, "<a & \"b\">\xef\xbf\xbd\t");
    xmlFree (content);
    xmlFreeDoc (parsed);
  }
  /* arrays hold one element per item, nulls are empty */
  xml = msk_srv_open311_to_xml (root, "service");
  {
    g_autofree char *doc = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));

    g_assert_nonnull (strstr (doc, "<values>\n    <value>true</value>\n    <value>false</value>\n"
                                   "    <value/>\n    <value/>\n  </values>\n  <attributes/>\n"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/openapi/routes", test_openapi_routes);
  g_test_add_func ("/server/db/migrations", test_migrations);
  g_test_add_func ("/server/strings/strip-markup", test_strip_markup);
  g_test_add_func ("/server/strings/languages", test_languages);
  g_test_add_func ("/server/open311/writers", test_open311_writers);

  return g_test_run ();
}
