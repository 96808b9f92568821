/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

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
