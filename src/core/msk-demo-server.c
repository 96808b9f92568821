/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "msk-demo-server.h"
#include "msk-error.h"

/**
 * MskDemoServer:
 *
 * The practice portal: the bundled musharaka-server with the demo data, on
 * a free loopback port, its database in a private temporary directory.
 * It stops (and the directory goes) when the object is stopped or
 * finalized, and it never outlives the app, however the app dies: the
 * kernel sends it SIGTERM when the thread that started it ends, and it
 * stops by itself when the pipe whose write end only the app holds reads
 * end of file (when the last descriptor of the app's closes).
 */
struct _MskDemoServer
{
  GObject      parent_instance;

  char        *binary;    /* (owned) */
  char        *data_dir;  /* (owned) (nullable) */
  char        *url;       /* (owned) (nullable) */
  GSubprocess *process;   /* (owned) (nullable) */
  int          parent_fd; /* (owned): the write end of the server's parent pipe, or -1 */
};

G_DEFINE_FINAL_TYPE (MskDemoServer, msk_demo_server, G_TYPE_OBJECT)

/* How long the server may take to say its address. */
#define START_TIMEOUT_S 20
/* How long it may take to stop after SIGTERM before it is killed. */
#define STOP_GRACE_MS 3000

static void
msk_demo_server_finalize (GObject *object)
{
  MskDemoServer *self = MSK_DEMO_SERVER (object);

  msk_demo_server_stop (self);
  g_free (self->binary);

  G_OBJECT_CLASS (msk_demo_server_parent_class)->finalize (object);
}

static void
msk_demo_server_class_init (MskDemoServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_demo_server_finalize;
}

static void
msk_demo_server_init (MskDemoServer *self)
{
  self->parent_fd = -1;
}

/**
 * msk_demo_server_new:
 * @binary: (nullable): the musharaka-server to run; %NULL finds it with
 *   msk_demo_server_find_binary()
 */
MskDemoServer *
msk_demo_server_new (const char *binary)
{
  MskDemoServer *self = g_object_new (MSK_TYPE_DEMO_SERVER, NULL);

  self->binary = binary != NULL ? g_strdup (binary) : msk_demo_server_find_binary ();
  return self;
}

/**
 * msk_demo_server_find_binary:
 *
 * Looks for musharaka-server next to the running program first (the
 * installed layout, both in $bindir), then where the build tree puts it
 * (src/server/ beside src/musharaka), then in $bindir.
 *
 * Returns: (transfer full): the path of the server to run
 */
char *
msk_demo_server_find_binary (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);

  if (self_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);
      const char *candidates[] = { "musharaka-server", "server/musharaka-server" };

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_autofree char *path = g_build_filename (dir, candidates[i], NULL);

          if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) && !g_str_equal (path, self_path))
            return g_steal_pointer (&path);
        }
    }

  return g_build_filename (BINDIR, "musharaka-server", NULL);
}

/* The descriptor the server watches (--parent-fd) in the child. */
#define CHILD_PARENT_FD 3

/* In the child, between fork and exec. */
static void
child_setup (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  /* The kernel stops the server when the app dies, even by SIGKILL. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* The app died before prctl took effect: nobody would send it. */
  if (getppid () != parent)
    _exit (127);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

#define DATA_DIR_PREFIX "musharaka-practice-"
#define OWNER_FILE "owner.pid"

/* A practice portal whose app was killed leaves its directory behind (the
 * server stops, nobody removes its data): the next start removes those
 * whose app is gone. */
static void
remove_orphaned_data (void)
{
  const char *tmp = g_get_tmp_dir ();
  g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *owner_path = NULL;
      g_autofree char *owner = NULL;
      guint64 pid = 0;

      if (!g_str_has_prefix (name, DATA_DIR_PREFIX))
        continue;
      path = g_build_filename (tmp, name, NULL);
      owner_path = g_build_filename (path, OWNER_FILE, NULL);
      if (!g_file_get_contents (owner_path, &owner, NULL, NULL)
          || !g_ascii_string_to_unsigned (g_strstrip (owner), 10, 1, G_MAXINT, &pid, NULL))
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;
      g_debug ("Removing the data of a practice portal left behind: %s", path);
      remove_tree (path);
    }
}

typedef struct
{
  GDataInputStream *out;
  guint             timeout_id;
  gboolean          timed_out;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->out);
  g_free (data);
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  StartData *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  data->timed_out = TRUE;
  /* The pending read fails with the stream closed under it. */
  g_input_stream_close (G_INPUT_STREAM (data->out), NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
read_url_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskDemoServer *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  if (line == NULL || !g_str_has_prefix (line, "http://"))
    {
      msk_demo_server_stop (self);
      if (data->timed_out)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                 "the practice server did not start within %u s",
                                 START_TIMEOUT_S);
      else if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 "the practice server stopped before it started");
      return;
    }

  g_strstrip (line);
  g_free (self->url);
  self->url = g_strdup (line);
  g_task_return_pointer (task, g_steal_pointer (&line), g_free);
}

/**
 * msk_demo_server_start_async:
 *
 * Starts the server with the demo data in a new temporary directory and
 * waits until it says its address.
 */
void
msk_demo_server_start_async (MskDemoServer       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  int pipe_fds[2];
  StartData *data;

  g_return_if_fail (MSK_IS_DEMO_SERVER (self));

  g_task_set_source_tag (task, msk_demo_server_start_async);

  if (self->process != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "the practice server is already running");
      return;
    }

  remove_orphaned_data ();
  self->data_dir = g_dir_make_tmp (DATA_DIR_PREFIX "XXXXXX", &error);
  if (self->data_dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  {
    g_autofree char *owner_path = g_build_filename (self->data_dir, OWNER_FILE, NULL);
    g_autofree char *owner = g_strdup_printf ("%d\n", (int) getpid ());

    if (!g_file_set_contents (owner_path, owner, -1, &error))
      {
        msk_demo_server_stop (self);
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
  }

  /* Both ends close on exec: the server gets the read end as
   * CHILD_PARENT_FD only, and no other program the app starts gets the
   * write end, which would keep the pipe open after the app is gone. */
  if (!g_unix_open_pipe (pipe_fds, FD_CLOEXEC, &error))
    {
      msk_demo_server_stop (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->parent_fd = pipe_fds[1];

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()),
                                         NULL);
  /* The launcher closes our copy of the read end. */
  g_subprocess_launcher_take_fd (launcher, pipe_fds[0], CHILD_PARENT_FD);
  self->process = g_subprocess_launcher_spawn (launcher, &error, self->binary,
                                               "--data", self->data_dir,
                                               "--listen", "127.0.0.1:0",
                                               "--parent-fd", G_STRINGIFY (CHILD_PARENT_FD),
                                               "--demo", NULL);
  g_clear_object (&launcher);
  if (self->process == NULL)
    {
      msk_demo_server_stop (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (StartData, 1);
  data->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);
  data->timeout_id = g_timeout_add_seconds (START_TIMEOUT_S, start_timeout_cb, task);
  g_data_input_stream_read_line_async (data->out, G_PRIORITY_DEFAULT, cancellable,
                                       read_url_cb, g_object_ref (task));
}

/**
 * msk_demo_server_start_finish:
 *
 * Returns: (transfer full): the server's base URL, or %NULL with an error
 */
char *
msk_demo_server_start_finish (MskDemoServer  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * msk_demo_server_get_url:
 *
 * Returns: (nullable): the base URL of the running server
 */
const char *
msk_demo_server_get_url (MskDemoServer *self)
{
  g_return_val_if_fail (MSK_IS_DEMO_SERVER (self), NULL);

  return self->url;
}

/**
 * msk_demo_server_get_data_dir:
 *
 * Returns: (nullable): the directory of the running server's database
 */
const char *
msk_demo_server_get_data_dir (MskDemoServer *self)
{
  g_return_val_if_fail (MSK_IS_DEMO_SERVER (self), NULL);

  return self->data_dir;
}

/**
 * msk_demo_server_stop:
 *
 * Stops the server (SIGTERM, then SIGKILL after a grace period) and
 * removes its data. Blocks for the grace period at most.
 */
void
msk_demo_server_stop (MskDemoServer *self)
{
  g_return_if_fail (MSK_IS_DEMO_SERVER (self));

  if (self->process != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + STOP_GRACE_MS * G_TIME_SPAN_MILLISECOND;

      g_subprocess_send_signal (self->process, SIGTERM);
      /* GSubprocess reaps the child in the GLib worker thread. */
      while (g_subprocess_get_identifier (self->process) != NULL
             && g_get_monotonic_time () < deadline)
        g_usleep (10 * 1000);
      if (g_subprocess_get_identifier (self->process) != NULL)
        {
          g_subprocess_force_exit (self->process);
          g_subprocess_wait (self->process, NULL, NULL);
        }
      g_clear_object (&self->process);
    }
  if (self->parent_fd >= 0)
    {
      g_close (self->parent_fd, NULL);
      self->parent_fd = -1;
    }

  if (self->data_dir != NULL)
    remove_tree (self->data_dir);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->url, g_free);
}
