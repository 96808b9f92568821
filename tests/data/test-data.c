/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Validates the installed data files with the tools a distribution uses,
 * and checks that the Arabic catalog covers every string of the sources. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    g_error ("%s is not set: run this test through meson", name);
  return value;
}

/* Runs argv, fails the test with the tool's output unless it exits 0. */
static char *
run_tool (const char *const *argv,
          const char        *cwd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("could not run %s: %s", argv[0], error->message);

  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *cmd = g_strjoinv (" ", (char **) argv);
      g_test_message ("%s\n%s%s", cmd, out, err);
      g_test_fail_printf ("%s failed", cmd);
    }

  return g_strconcat (out, err, NULL);
}

static void
test_desktop_file (void)
{
  const char *argv[] = { "desktop-file-validate", env ("MSK_DESKTOP_FILE"), NULL };
  g_autofree char *out = run_tool (argv, NULL);

  /* Hints are not failures, but nothing else may be printed. */
  g_assert_null (strstr (out, "error:"));
}

static void
test_metainfo (void)
{
  const char *argv[] = { "appstreamcli", "validate", "--no-net", "--explain",
                         env ("MSK_METAINFO_FILE"), NULL };
  g_autofree char *out = run_tool (argv, NULL);
  g_autofree char *metainfo = NULL;

  g_test_message ("%s", out);
  /* The merged file carries the Arabic translation. */
  g_assert_true (g_file_get_contents (env ("MSK_METAINFO_FILE"), &metainfo, NULL, NULL));
  g_assert_nonnull (strstr (metainfo, "xml:lang=\"ar\""));
}

static void
test_schema (void)
{
  const char *argv[] = { "glib-compile-schemas", "--strict", "--dry-run",
                         env ("MSK_SCHEMA_DIR"), NULL };
  g_autofree char *out = run_tool (argv, NULL);

  g_test_message ("%s", out);
}

static gboolean
statistics_complete (const char *po_file,
                     char      **stats)
{
  const char *argv[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null", po_file, NULL };
  g_autofree char *out = run_tool (argv, NULL);

  *stats = g_strstrip (g_strdup (out));
  return strstr (out, "untranslated") == NULL && strstr (out, "fuzzy") == NULL;
}

/* Extracts the strings of the current sources and merges them into a copy
 * of the catalog: a new string that nobody translated shows up here, even
 * before anyone updated the template. */
static void
check_catalog_covers_sources (const char *const *xgettext_argv,
                              const char        *po_file,
                              const char        *cwd)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("msk-po-XXXXXX", NULL);
  g_autofree char *pot = g_build_filename (tmpdir, "sources.pot", NULL);
  g_autofree char *merged = g_build_filename (tmpdir, "merged.po", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *stats = NULL;
  const char *merge_argv[] = { "msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                               po_file, pot, NULL };

  g_strv_builder_addv (builder, (const char **) xgettext_argv);
  g_strv_builder_add_many (builder, "-o", pot, NULL);
  argv = g_strv_builder_end (builder);

  g_free (run_tool ((const char *const *) argv, cwd));
  g_free (run_tool (merge_argv, NULL));

  if (!statistics_complete (merged, &stats))
    g_test_fail_printf ("%s does not translate every string of the sources: %s", po_file, stats);
  else
    g_test_message ("%s: %s", po_file, stats);

  g_unlink (pot);
  g_unlink (merged);
  g_rmdir (tmpdir);
}

static void
test_arabic_catalog_complete (void)
{
  g_autofree char *po = g_build_filename (env ("MSK_SOURCE_DIR"), "po", "ar.po", NULL);
  g_autofree char *potfiles = g_build_filename (env ("MSK_SOURCE_DIR"), "po", "POTFILES.in",
                                                NULL);
  g_autofree char *stats = NULL;
  const char *argv[] = {
    "xgettext", "--from-code=UTF-8", "--add-comments=Translators",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3", "--keyword=ngettext:1,2",
    "--files-from", potfiles, NULL
  };

  g_assert_true (statistics_complete (po, &stats));
  g_test_message ("ar.po: %s", stats);
  check_catalog_covers_sources (argv, po, env ("MSK_SOURCE_DIR"));
}

static void
test_help_catalog_complete (void)
{
  g_autofree char *help_dir = g_build_filename (env ("MSK_SOURCE_DIR"), "help", NULL);
  g_autofree char *po = g_build_filename (help_dir, "ar", "ar.po", NULL);
  g_autofree char *pages_dir = g_build_filename (help_dir, "C", NULL);
  g_autoptr(GDir) dir = g_dir_open (pages_dir, 0, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("msk-help-XXXXXX", NULL);
  g_autofree char *pot = g_build_filename (tmpdir, "help.pot", NULL);
  g_autofree char *merged = g_build_filename (tmpdir, "merged.po", NULL);
  g_autofree char *stats = NULL;
  const char *name;
  const char *merge_argv[] = { "msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                               po, pot, NULL };

  g_assert_nonnull (dir);
  g_strv_builder_add_many (builder, "itstool", "-o", pot, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".page"))
      {
        g_autofree char *page = g_build_filename (pages_dir, name, NULL);
        g_strv_builder_add (builder, page);
      }
  argv = g_strv_builder_end (builder);

  g_free (run_tool ((const char *const *) argv, NULL));
  g_free (run_tool (merge_argv, NULL));
  if (!statistics_complete (merged, &stats))
    g_test_fail_printf ("help/ar/ar.po does not translate every string of the pages: %s", stats);
  else
    g_test_message ("help/ar/ar.po: %s", stats);

  g_unlink (pot);
  g_unlink (merged);
  g_rmdir (tmpdir);
}

/* Every source file with a translatable string is listed in POTFILES.in. */
static void
test_potfiles_complete (void)
{
  g_autofree char *potfiles = g_build_filename (env ("MSK_SOURCE_DIR"), "po", "POTFILES.in",
                                                NULL);
  g_autofree char *listed = NULL;
  const char *argv[] = { "git", "ls-files", "--cached", "--others", "--exclude-standard",
                         "src", NULL };
  g_autofree char *files = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_file_get_contents (potfiles, &listed, NULL, NULL));

  /* In a tarball there is no git: list the tree instead. */
  if (!g_spawn_sync (env ("MSK_SOURCE_DIR"), (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                     NULL, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    {
      const char *find_argv[] = { "find", "src", "-type", "f", NULL };
      g_clear_pointer (&out, g_free);
      out = run_tool (find_argv, env ("MSK_SOURCE_DIR"));
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *needle = NULL;

      if (!g_str_has_suffix (lines[i], ".c") && !g_str_has_suffix (lines[i], ".ui"))
        continue;
      path = g_build_filename (env ("MSK_SOURCE_DIR"), lines[i], NULL);
      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      if (strstr (contents, " _(\"") == NULL && strstr (contents, "(_(\"") == NULL
          && strstr (contents, "N_(\"") == NULL && strstr (contents, "C_(\"") == NULL
          && strstr (contents, "translatable=\"yes\"") == NULL)
        continue;
      needle = g_strconcat ("\n", lines[i], "\n", NULL);
      if (strstr (listed, needle) == NULL)
        g_test_fail_printf ("%s has translatable strings but is not in po/POTFILES.in",
                            lines[i]);
    }
}

static gboolean
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && g_file_enumerator_iterate (children, &info, NULL, NULL, NULL)
         && info != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
    }
  return g_file_delete (file, NULL, NULL);
}

/* `meson install` puts every file where GNOME looks for it. */
static void
test_install_layout (void)
{
  g_autofree char *destdir = g_dir_make_tmp ("msk-install-XXXXXX", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (destdir);
  const char *argv[] = { "meson", "install", "-C", env ("MSK_BUILD_DIR"), "--no-rebuild",
                         "--quiet", "--destdir", destdir, NULL };
  const char *prefix = env ("MSK_PREFIX");
  const char *app_id = env ("MSK_APP_ID");
  g_autofree char *desktop = g_strconcat ("share/applications/", app_id, ".desktop", NULL);
  g_autofree char *metainfo = g_strconcat ("share/metainfo/", app_id, ".metainfo.xml", NULL);
  g_autofree char *schema = g_strconcat ("share/glib-2.0/schemas/", app_id, ".gschema.xml",
                                         NULL);
  g_autofree char *icon = g_strconcat ("share/icons/hicolor/scalable/apps/", app_id, ".svg",
                                       NULL);
  g_autofree char *symbolic = g_strconcat ("share/icons/hicolor/symbolic/apps/", app_id,
                                           "-symbolic.svg", NULL);
  const char *expected[] = {
    "bin/musharaka", desktop, metainfo, schema, icon, symbolic,
    "share/locale/ar/LC_MESSAGES/musharaka.mo",
    "share/help/C/musharaka/index.page",
    "share/help/C/musharaka/getting-started.page",
    "share/help/ar/musharaka/index.page",
    "share/help/ar/musharaka/getting-started.page",
  };

  g_free (run_tool (argv, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (destdir, prefix, expected[i], NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_test_fail_printf ("meson install did not put %s/%s in place", prefix, expected[i]);
    }
  remove_tree (dest);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/desktop-file", test_desktop_file);
  g_test_add_func ("/data/metainfo", test_metainfo);
  g_test_add_func ("/data/schema", test_schema);
  g_test_add_func ("/data/po/potfiles", test_potfiles_complete);
  g_test_add_func ("/data/po/arabic-complete", test_arabic_catalog_complete);
  g_test_add_func ("/data/help/arabic-complete", test_help_catalog_complete);
  g_test_add_func ("/data/install-layout", test_install_layout);

  return g_test_run ();
}
