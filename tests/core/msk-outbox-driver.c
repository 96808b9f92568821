/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A client process for the crash test: it opens a store on disk, queues
 * COUNT comments if the outbox is empty, and sends until nothing is left.
 * The test kills it with SIGKILL in the middle and starts it again.
 *
 *   msk-outbox-driver STATE_DB CACHE_DB PORTAL_URL TOKEN TOPIC_ID COUNT PREFIX
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "msk-client.h"

static gboolean
settled (MskOutbox *outbox)
{
  return msk_outbox_get_n_pending (outbox) == 0;
}

/* Whatever happens (the test gone, the proxy dead), the driver ends. */
static gboolean
deadline_cb (gpointer user_data)
{
  fprintf (stderr, "driver: not done after 60 s, giving up\n");
  exit (3);
  return G_SOURCE_REMOVE;
}

static void
drained_cb (MskOutbox *outbox,
            GMainLoop *loop)
{
  if (settled (outbox))
    g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = NULL;
  g_autoptr(MskHttp) http = NULL;
  g_autoptr(MskOutbox) outbox = NULL;
  g_autoptr(MskAuth) auth = NULL;
  g_autoptr(MskPortal) portal = NULL;
  g_autoptr(MskClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  guint count, sent = 0;
  gint64 topic;

  if (argc != 9)
    {
      fprintf (stderr, "usage: %s STATE_DB CACHE_DB PORTAL_URL TOKEN USER TOPIC_ID COUNT PREFIX\n",
               argv[0]);
      return 2;
    }
  topic = g_ascii_strtoll (argv[6], NULL, 10);
  count = (guint) g_ascii_strtoull (argv[7], NULL, 10);

  store = msk_store_new (argv[1], argv[2], &error);
  if (store == NULL)
    {
      fprintf (stderr, "driver: %s\n", error->message);
      return 1;
    }
  http = msk_http_new ();
  msk_http_set_timeout (http, 5);
  outbox = msk_outbox_new (store, http);
  msk_outbox_set_backoff (outbox, 10, 100);
  auth = msk_auth_new (http, FALSE);
  portal = msk_portal_new ("Driver", argv[3], NULL, NULL, FALSE);
  msk_auth_set_sign_in (auth, msk_portal_get_base_url (portal), argv[4], argv[5]);
  msk_outbox_set_auth (outbox, auth);
  client = msk_client_new (http, store, outbox, auth, portal);

  existing = msk_store_outbox_load (store, &error);
  if (existing == NULL)
    return 1;
  if (existing->len == 0)
    for (guint i = 0; i < count; i++)
      {
        g_autofree char *body = g_strdup_printf ("%s%u", argv[8], i);

        if (msk_client_post_comment (client, topic, 0, body, NULL, &error) == NULL)
          {
            fprintf (stderr, "driver: %s\n", error->message);
            return 1;
          }
      }

  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (outbox, "drained", G_CALLBACK (drained_cb), loop);
  if (!msk_outbox_start (outbox, &error))
    {
      fprintf (stderr, "driver: %s\n", error->message);
      return 1;
    }
  printf ("started %u\n", g_list_model_get_n_items (msk_outbox_get_items (outbox)));
  fflush (stdout);
  g_timeout_add_seconds (60, deadline_cb, NULL);
  g_main_loop_run (loop);

  for (guint i = 0; i < g_list_model_get_n_items (msk_outbox_get_items (outbox)); i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (msk_outbox_get_items (outbox), i);

      if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_SENT)
        sent++;
    }
  printf ("done %u\n", sent);
  return 0;
}
