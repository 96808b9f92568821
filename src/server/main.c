/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * musharaka-server --data DIR [--listen 127.0.0.1:PORT] [--public-url URL] [--demo]
 *                  [--rate-limit N]
 *
 * Hidden: --parent-fd N, the read end of a pipe whose write end only the
 * starting program holds; the server stops when it reads end of file there,
 * that is when that program is gone, however it went. --clock-start=ISO8601
 * shifts the server's clock so that the moment it starts reads as that
 * time (for tests: a request filed "on a Wednesday", seen late after a
 * restart with a later start on the same --data).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "msk-server.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The parent's pipe: nothing is ever written there, so readable means end
 * of file (or an error), and a hang-up means the same. */
static gboolean
parent_gone_cb (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  char byte;
  gssize n;

  if (!(condition & (G_IO_HUP | G_IO_ERR | G_IO_NVAL)))
    {
      do
        n = read (fd, &byte, 1);
      while (n < 0 && errno == EINTR);
      if (n > 0 || (n < 0 && errno == EAGAIN))
        return G_SOURCE_CONTINUE;
    }
  g_printerr ("musharaka-server: the program that started it is gone\n");
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *host = NULL;
  g_autofree char *url = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *clock_start = NULL;
  gboolean demo = FALSE;
  int rate_limit = 600;
  int idle_timeout = MSK_SERVER_IDLE_TIMEOUT;
  int header_timeout = MSK_SERVER_HEADER_TIMEOUT;
  int body_timeout = MSK_SERVER_BODY_TIMEOUT;
  int parent_fd = -1;
  guint64 port = 0;
  const char *colon;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MskServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Directory for the database", "DIR" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      "Address and port to listen on (default 127.0.0.1:0, a free port)", "ADDRESS:PORT" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Load the demo portal into an empty database",
      NULL },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url,
      "The address clients use, in links (default: the address listened on)", "URL" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit,
      "Requests per minute per client (0: no limit; default 600)", "N" },
    /* Connection time limits, in seconds (for tests) */
    { "idle-timeout", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &idle_timeout, NULL, NULL },
    { "header-timeout", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &header_timeout, NULL, NULL },
    { "body-timeout", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &body_timeout, NULL, NULL },
    /* Stop when this descriptor reads end of file (the starting program is gone) */
    { "parent-fd", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &parent_fd, NULL, NULL },
    /* The time the server's clock reads when it starts (for tests) */
    { "clock-start", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &clock_start, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("— the Musharaka participation server");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("musharaka-server: %s\n", error->message);
      return 2;
    }
  if (data_dir == NULL)
    {
      g_printerr ("musharaka-server: --data DIR is required\n");
      return 2;
    }
  if (rate_limit < 0 || idle_timeout < 0 || header_timeout < 0 || body_timeout < 0)
    {
      g_printerr ("musharaka-server: --rate-limit and the time limits must not be negative\n");
      return 2;
    }
  if (parent_fd != -1 && (parent_fd < 0 || fcntl (parent_fd, F_GETFD) < 0))
    {
      g_printerr ("musharaka-server: --parent-fd %d is not an open descriptor\n", parent_fd);
      return 2;
    }

  if (clock_start != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (clock_start, utc);

      if (start == NULL)
        {
          g_printerr ("musharaka-server: --clock-start wants an ISO 8601 time, e.g. "
                      "2026-12-02T09:00:00+04:00\n");
          return 2;
        }
      msk_server_set_clock_offset (g_date_time_to_unix (start) -
                                   g_get_real_time () / G_USEC_PER_SEC);
    }

  if (listen == NULL)
    listen = g_strdup ("127.0.0.1:0");
  colon = strrchr (listen, ':');
  if (colon == NULL ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_printerr ("musharaka-server: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080\n");
      return 2;
    }
  host = g_strndup (listen, colon - listen);
  if (host[0] == '[')
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = inner;
    }

  server = msk_server_new (data_dir, &error);
  if (server == NULL)
    {
      g_printerr ("musharaka-server: %s\n", error->message);
      return 1;
    }
  msk_server_set_rate_limit (server, rate_limit);
  msk_server_set_timeouts (server, idle_timeout, header_timeout, body_timeout);
  if (public_url != NULL && !msk_server_set_public_url (server, public_url, &error))
    {
      g_printerr ("musharaka-server: --public-url: %s\n", error->message);
      return 2;
    }
  if (demo && !msk_server_load_demo (server, &error))
    {
      g_printerr ("musharaka-server: cannot load the demo portal: %s\n", error->message);
      return 1;
    }
  if (!msk_server_listen (server, host, port, &error))
    {
      g_printerr ("musharaka-server: cannot listen on %s: %s\n", listen, error->message);
      return 1;
    }

  /* Handlers first: whoever reads the URL may signal us right away. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  if (parent_fd >= 0)
    g_unix_fd_add (parent_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, parent_gone_cb, loop);

  url = msk_server_dup_url (server);
  g_print ("%s\n", url);
  fflush (stdout);

  g_main_loop_run (loop);

  g_printerr ("musharaka-server: stopped\n");
  return 0;
}
