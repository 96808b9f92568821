/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msk-screen-reader.h"

static void
test_override (void)
{
  g_setenv ("MSK_SCREEN_READER", "1", TRUE);
  g_assert_true (msk_screen_reader_is_running ());
  g_setenv ("MSK_SCREEN_READER", "0", TRUE);
  g_assert_false (msk_screen_reader_is_running ());
  g_unsetenv ("MSK_SCREEN_READER");
}

/* A process called "orca" (as Orca's launcher script is) counts. */
static void
test_orca_process (void)
{
  g_autofree char *dir = g_dir_make_tmp ("msk-orca-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "orca", NULL);
  const char *argv[] = { script, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;
  int stdin_fd = -1;

  g_unsetenv ("MSK_SCREEN_READER");
  if (msk_screen_reader_is_running ())
    {
      g_test_skip ("a screen reader is running already");
      return;
    }

  /* It waits for its input to close. */
  g_assert_true (g_file_set_contents (script, "#!/bin/sh\nread line\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, &stdin_fd, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (msk_screen_reader_is_running ());

  close (stdin_fd);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  g_assert_false (msk_screen_reader_is_running ());

  g_unlink (script);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech/screen-reader/override", test_override);
  g_test_add_func ("/speech/screen-reader/orca-process", test_orca_process);

  return g_test_run ();
}
