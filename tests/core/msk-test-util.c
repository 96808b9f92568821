/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/prctl.h>
#include <signal.h>
#include <string.h>

#include "msk-test-util.h"

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @condition holds; fails after @timeout_s. */
void
msk_test_wait_for (MskTestCondition condition,
                   gpointer         user_data,
                   guint            timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, timeout_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out after %u s", timeout_s);
  g_source_remove (id);
}

static GAsyncResult *last_result;

void
msk_test_result_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_assert_null (last_result);
  last_result = g_object_ref (result);
}

static gboolean
have_result (gpointer user_data)
{
  return last_result != NULL;
}

/* Waits for the callback msk_test_result_cb() and returns its result (transfer full). */
GAsyncResult *
msk_test_wait_result (void)
{
  msk_test_wait_for (have_result, NULL, 60);
  return g_steal_pointer (&last_result);
}

/* Whether nothing in @outbox is queued or being sent. */
gboolean
msk_test_outbox_settled (gpointer outbox)
{
  return msk_outbox_get_n_pending (MSK_OUTBOX (outbox)) == 0;
}

char *
msk_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("msk-core-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
msk_test_rm_rf (const char *path)
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
        msk_test_rm_rf (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static char *server_path;
static char *driver_path;

/* Takes "--server PATH" and "--driver PATH" out of the command line. */
void
msk_test_set_programs (int    *argc,
                       char ***argv)
{
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (g_str_equal ((*argv)[i], "--server") && i + 1 < *argc)
        server_path = g_strdup ((*argv)[++i]);
      else if (g_str_equal ((*argv)[i], "--driver") && i + 1 < *argc)
        driver_path = g_strdup ((*argv)[++i]);
      else
        (*argv)[out++] = (*argv)[i];
    }
  (*argv)[out] = NULL;
  *argc = out;
  if (server_path == NULL)
    server_path = g_strdup (g_getenv ("MSK_SERVER"));
}

const char *
msk_test_get_server_path (void)
{
  return server_path;
}

const char *
msk_test_get_driver_path (void)
{
  return driver_path;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts musharaka-server with the demo portal in @data_dir (created when
 * missing) and no rate limit; waits for the URL it prints. */
MskTestServer *
msk_test_server_start (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  MskTestServer *server = g_new0 (MskTestServer, 1);
  char *line;

  g_assert_nonnull (server_path);
  g_mkdir_with_parents (data_dir, 0700);
  server->data_dir = g_strdup (data_dir);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* The server dies with the test, even when the test aborts. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, server_path,
                                                 "--data", data_dir, "--demo", "--rate-limit",
                                                 "0", "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_strstrip (line);
  if (g_str_has_suffix (line, "/"))
    line[strlen (line) - 1] = '\0';
  server->url = line;
  return server;
}

void
msk_test_server_stop (MskTestServer *server)
{
  if (server == NULL)
    return;
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  g_free (server->data_dir);
  g_free (server->url);
  g_free (server);
}

static char *
token_cb (const char *portal,
          gpointer    user_data)
{
  return msk_auth_dup_token (MSK_AUTH (user_data), portal);
}

/* Sends writes with the tokens @auth holds. */
void
msk_test_outbox_use_auth (MskOutbox *outbox,
                          MskAuth   *auth)
{
  msk_outbox_set_token_func (outbox, token_cb, g_object_ref (auth), g_object_unref);
}
