/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "msk-test-util.h"

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @condition holds, for @timeout_s at most. */
static gboolean
wait_bounded (MskTestCondition condition,
              gpointer         user_data,
              guint            timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, timeout_cb, &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    return condition (user_data);
  g_source_remove (id);
  return TRUE;
}

/* See msk_test_wait_for(). */
gboolean
msk_test_wait_for_full (MskTestCondition  condition,
                        gpointer          user_data,
                        guint             timeout_s,
                        const char       *what,
                        const char       *where)
{
  if (wait_bounded (condition, user_data, timeout_s))
    return TRUE;
  if (!g_test_initialized ())
    g_printerr ("%s: timed out after %u s waiting for %s\n", where, timeout_s, what);
  g_test_fail_printf ("%s: timed out after %u s waiting for %s", where, timeout_s, what);
  return FALSE;
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

/* See msk_test_wait_result() (transfer full). */
GAsyncResult *
msk_test_wait_result_full (const char *where)
{
  if (!wait_bounded (have_result, NULL, 60))
    g_error ("%s: no result after 60 s", where);
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

/* In the child, between fork and exec: die with the test, even when it
 * aborts or is killed (SIGKILL: nothing to catch or wait for). */
static void
die_with_parent (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  /* The test died before prctl: nobody will send the signal. */
  if (getppid () != parent)
    _exit (127);
}

/* A launcher for the test's helper processes: they die with the test, and
 * their stderr goes to @stderr_path (appended), or /dev/null when %NULL,
 * never to the test's own stderr (a pipe of the test runner, which would
 * wait for it to close). */
GSubprocessLauncher *
msk_test_launcher_new (GSubprocessFlags  flags,
                       const char       *stderr_path)
{
  GSubprocessLauncher *launcher;

  if (stderr_path == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_SILENCE;
  launcher = g_subprocess_launcher_new (flags);
  if (stderr_path != NULL)
    {
      int fd = g_open (stderr_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

      g_assert_cmpint (fd, >=, 0);
      g_subprocess_launcher_take_stderr_fd (launcher, fd);
    }
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent,
                                         GINT_TO_POINTER (getpid ()), NULL);
  return launcher;
}

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
is_set (gpointer user_data)
{
  return *(gpointer *) user_data != NULL;
}

static void
log_server_stderr (const char *log_path)
{
  g_autofree char *text = NULL;

  if (log_path != NULL && g_file_get_contents (log_path, &text, NULL, NULL) && text[0] != '\0')
    g_test_message ("musharaka-server's stderr:\n%s", text);
}

/* Starts musharaka-server with the demo portal in @data_dir (created when
 * missing) and no rate limit; waits (30 s at most) for the URL it prints.
 * Its stderr goes to @data_dir.log. */
MskTestServer *
msk_test_server_start (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  MskTestServer *server = g_new0 (MskTestServer, 1);
  char *line;

  g_assert_nonnull (server_path);
  g_mkdir_with_parents (data_dir, 0700);
  server->data_dir = g_strdup (data_dir);
  server->log_path = g_strconcat (data_dir, ".log", NULL);
  launcher = msk_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, server->log_path);
  server->process = g_subprocess_launcher_spawn (launcher, &error, server_path,
                                                 "--data", data_dir, "--demo", "--rate-limit",
                                                 "0", "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  /* Asynchronously, so that a server that never answers cannot hang the test. */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  if (!wait_bounded (is_set, &read, 30))
    {
      g_subprocess_force_exit (server->process);
      log_server_stderr (server->log_path);
      g_error ("musharaka-server printed no URL within 30 s");
    }
  line = g_data_input_stream_read_line_finish_utf8 (lines, read, NULL, &error);
  if (line == NULL)
    {
      log_server_stderr (server->log_path);
      g_error ("musharaka-server printed no URL: %s",
               error != NULL ? error->message : "end of output");
    }
  g_strstrip (line);
  if (g_str_has_suffix (line, "/"))
    line[strlen (line) - 1] = '\0';
  server->url = line;
  return server;
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  if (*done)
    g_free (done);  /* given up on, see below */
  else
    *done = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *) user_data;
}

/* Sends @signum to @process and reaps it; SIGKILL after @grace_s. */
void
msk_test_process_stop (GSubprocess *process,
                       int          signum,
                       guint        grace_s)
{
  gboolean *done;

  if (process == NULL)
    return;
  done = g_new0 (gboolean, 1);
  g_subprocess_send_signal (process, signum);
  g_subprocess_wait_async (process, NULL, waited_cb, done);
  if (!wait_bounded (is_true, done, grace_s))
    {
      g_test_message ("process %s did not stop within %u s: killed",
                      g_subprocess_get_identifier (process), grace_s);
      g_subprocess_force_exit (process);
      if (!wait_bounded (is_true, done, 10))
        {
          /* The callback frees the flag if it ever runs. */
          g_test_fail_printf ("process %s not reaped 10 s after SIGKILL",
                              g_subprocess_get_identifier (process));
          *done = TRUE;
          return;
        }
    }
  g_free (done);
}

/* Stops the server (SIGTERM, SIGKILL after 10 s) and reaps it; its stderr
 * goes to the test log when the test failed. */
void
msk_test_server_stop (MskTestServer *server)
{
  if (server == NULL)
    return;
  msk_test_process_stop (server->process, SIGTERM, 10);
  if (g_test_failed ())
    log_server_stderr (server->log_path);
  g_clear_object (&server->process);
  g_free (server->data_dir);
  g_free (server->log_path);
  g_free (server->url);
  g_free (server);
}
