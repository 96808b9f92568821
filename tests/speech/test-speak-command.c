/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

/* Runs the built `musharaka --speak` without a display. */

static const char *musharaka;

static char *
run (const char * const *args,
     int                *exit_status,
     char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  g_auto(GStrv) envp = g_get_environ ();

  /* No display at all: the command must not need one. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_ptr_array_add (argv, (char *) musharaka);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, err,
                &status, &error);
  g_assert_no_error (error);
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  return out;
}

static void
test_speak_to_wav (void)
{
  g_autofree char *dir = g_dir_make_tmp ("msk-speak-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "x.wav", NULL);
  const char *args[] = {
    "--speak", "ذهب الولد إلى المدرسة.",
    "--speech", "ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ.",
    "--lang", "ar", "--output", path, "--words", NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  int status;

  out = run (args, &status, &err);
  g_test_message ("stdout: %s", out);
  g_assert_cmpint (status, ==, 0);

  /* The displayed words with their character offsets, in order. */
  g_assert_true (g_str_has_prefix (out, "0 3 ذهب\n4 9 الولد\n10 13 إلى\n14 21 المدرسة\n"));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 44 + 22050); /* more than half a second */
  g_assert_cmpint (memcmp (contents, "RIFF", 4), ==, 0);
  g_assert_cmpint (memcmp (contents + 8, "WAVEfmt ", 8), ==, 0);
  g_assert_cmpuint (GUINT32_FROM_LE (*(guint32 *) (gpointer) (contents + 40)), ==, length - 44);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_bad_arguments (void)
{
  const char *bad_lang[] = { "--speak", "hello", "--lang", "fr", NULL };
  const char *bad_rate[] = { "--speak", "hello", "--rate", "5", NULL };
  const char *bad_file[] = { "--speak", "hello", "--output", "/nonexistent/dir/x.wav", NULL };
  g_autofree char *out1 = NULL, *out2 = NULL, *out3 = NULL;
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL;
  int status;

  out1 = run (bad_lang, &status, &err1);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err1, "fr"));

  out2 = run (bad_rate, &status, &err2);
  g_assert_cmpint (status, ==, 2);

  out3 = run (bad_file, &status, &err3);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err3, "/nonexistent/dir/x.wav"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s PATH-TO-MUSHARAKA", argv[0]);
  musharaka = argv[1];

  g_test_add_func ("/speech/command/speak-to-wav", test_speak_to_wav);
  g_test_add_func ("/speech/command/bad-arguments", test_bad_arguments);

  return g_test_run ();
}
