/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "msk-screen-reader.h"

static gboolean
gnome_screen_reader_enabled (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return FALSE;
  schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.applications", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "screen-reader-enabled"))
    return FALSE;

  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_boolean (settings, "screen-reader-enabled");
}

static gboolean
orca_process_running (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  if (proc == NULL)
    return FALSE;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autofree char *comm = NULL;
      GStatBuf st;

      if (!g_ascii_isdigit (name[0]))
        continue;

      /* Only a screen reader of this user speaks to this user. */
      dir = g_build_filename ("/proc", name, NULL);
      if (g_stat (dir, &st) != 0 || st.st_uid != getuid ())
        continue;

      /* Orca is a Python script: its process is named after the script. */
      path = g_build_filename (dir, "comm", NULL);
      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_equal (g_strchomp (comm), "orca"))
        return TRUE;
    }

  return FALSE;
}

/**
 * msk_screen_reader_is_running:
 *
 * Tells whether a screen reader speaks for the user: GNOME's
 * screen-reader setting is on, or an Orca process runs in the session.
 * The app's own "speak the focused item" must then stay silent, or the
 * user would hear everything twice.
 *
 * `MSK_SCREEN_READER=1` or `0` overrides the answer (for tests).
 *
 * Returns: whether a screen reader is running
 */
gboolean
msk_screen_reader_is_running (void)
{
  const char *forced = g_getenv ("MSK_SCREEN_READER");

  if (forced != NULL && *forced != '\0')
    return g_str_equal (forced, "1");

  return gnome_screen_reader_enabled () || orca_process_running ();
}
