/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What a connection may cost the server: a body is refused once it passes
 * the size limit, however it is sent, and without being held; connections
 * that the client closed are released at once; idle, slow-header and
 * slow-body connections are closed after their time limits; the server keeps
 * answering after 10 000 connections with 256 file descriptors.
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/resource.h>

#include "msk-test-server.h"

static guint
count_descriptors (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* VmRSS in KiB */
static guint64
resident_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  line = strstr (text, "\nVmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* Waits up to @timeout_ms for @socket to be closed by the server, reading
 * (and dropping) whatever it sends. Returns the milliseconds it took, or -1
 * when it stayed open. When @trickle is set, sends it one byte at a time,
 * every 250 ms, meanwhile. */
static gint64
wait_closed (GSocket    *socket,
             const char *trickle,
             gint64      timeout_ms)
{
  gint64 start = g_get_monotonic_time ();
  gsize sent = 0;

  while ((g_get_monotonic_time () - start) / 1000 < timeout_ms)
    {
      g_autoptr(GError) error = NULL;

      if (g_socket_condition_timed_wait (socket, G_IO_IN, 250 * 1000, NULL, &error))
        {
          char buf[4096];
          gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);

          if (n <= 0)
            return (g_get_monotonic_time () - start) / 1000;
          continue;
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
      if (trickle != NULL)
        {
          if (!msk_test_send_all (socket, trickle + sent % strlen (trickle), 1))
            return (g_get_monotonic_time () - start) / 1000;
          sent++;
        }
    }
  return -1;
}

#define UPLOAD_BYTES (50 * 1024 * 1024)
#define CHUNK_BYTES (64 * 1024)

static void
test_chunked_body (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, FALSE, NULL);
  GPid pid = msk_test_server_pid (srv);
  g_autoptr(GSocket) socket = msk_test_connect (srv);
  g_autoptr(MskTestReply) reply = NULL;
  g_autoptr(MskTestReply) after = NULL;
  g_autofree char *data = g_strnfill (CHUNK_BYTES, 'a');
  g_autofree char *chunk = g_strdup_printf ("%x\r\n%s\r\n", CHUNK_BYTES, data);
  static const char head[] = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n";
  guint64 rss_before = resident_kib (pid);
  guint64 rss_after;
  gsize sent = 0;
  gboolean answered_early = FALSE;

  g_assert_true (msk_test_send_all (socket, head, strlen (head)));
  while (sent < UPLOAD_BYTES)
    {
      if (g_socket_condition_check (socket, G_IO_IN) != 0)
        {
          answered_early = TRUE;
          break;
        }
      if (!msk_test_send_all (socket, chunk, strlen (chunk)))
        break;
      sent += CHUNK_BYTES;
    }
  if (sent == UPLOAD_BYTES)
    msk_test_send_all (socket, "0\r\n\r\n", 5);
  reply = msk_test_read_reply (socket);
  rss_after = resident_kib (pid);

  g_test_message ("chunked upload: %" G_GSIZE_FORMAT " of %d bytes sent when the reply came "
                  "(%s the upload's end); status %u; server RSS %" G_GUINT64_FORMAT " -> %"
                  G_GUINT64_FORMAT " KiB (+%" G_GINT64_FORMAT " KiB)",
                  sent, UPLOAD_BYTES, answered_early ? "before" : "after",
                  reply != NULL ? reply->status : 0, rss_before, rss_after,
                  (gint64) rss_after - (gint64) rss_before);
  g_assert_nonnull (reply);
  msk_test_assert_problem (reply, 413, "payload-too-large");
  g_assert_true (answered_early);
  g_assert_cmpuint (sent, <, UPLOAD_BYTES);
  g_assert_cmpuint (rss_after, <, rss_before + 20 * 1024);
  g_assert_cmpstr (msk_test_header (reply, "Connection"), ==, "close");

  /* The same holds for a declared length that the client sends without
   * waiting for "100 Continue". */
  {
    g_autoptr(GSocket) s2 = msk_test_connect (srv);
    g_autofree char *head2 = g_strdup_printf ("POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %d\r\n\r\n", UPLOAD_BYTES);
    g_autoptr(MskTestReply) r2 = NULL;
    gsize sent2 = 0;

    g_assert_true (msk_test_send_all (s2, head2, strlen (head2)));
    while (sent2 < UPLOAD_BYTES && g_socket_condition_check (s2, G_IO_IN) == 0 &&
           msk_test_send_all (s2, data, CHUNK_BYTES))
      sent2 += CHUNK_BYTES;
    r2 = msk_test_read_reply (s2);
    g_test_message ("declared length: %" G_GSIZE_FORMAT " bytes sent when the reply came; "
                    "server RSS %" G_GUINT64_FORMAT " KiB", sent2, resident_kib (pid));
    g_assert_nonnull (r2);
    msk_test_assert_problem (r2, 413, "payload-too-large");
    g_assert_cmpuint (sent2, <, UPLOAD_BYTES);
    g_assert_cmpuint (resident_kib (pid), <, rss_before + 20 * 1024);
  }

  /* A body within the limit, in chunks, is still read. */
  {
    static const char part1[] = "{\"username\":";
    static const char part2[] = "\"citizen\",\"password\":\"wrong\"}";
    g_autofree char *request = g_strdup_printf ("POST /v1/session HTTP/1.1\r\n"
                                                "Host: 127.0.0.1\r\n"
                                                "Content-Type: application/json\r\n"
                                                "Transfer-Encoding: chunked\r\n\r\n"
                                                "%zx\r\n%s\r\n%zx\r\n%s\r\n0\r\n\r\n",
                                                strlen (part1), part1, strlen (part2), part2);

    after = msk_test_raw_request (srv, request);
    msk_test_assert_problem (after, 401, "invalid-credentials");
  }
}

#define N_REQUESTS 10000

static void
test_descriptors (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, FALSE, NULL);
  GPid pid = msk_test_server_pid (srv);
  struct rlimit limit = { 256, 256 };
  static const char request[] = "GET /v1/entities HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  g_autoptr(MskTestReply) last = NULL;
  guint before, after = 0;
  guint64 rss_before;
  gint64 start;

  g_assert_cmpint (prlimit (pid, RLIMIT_NOFILE, &limit, NULL), ==, 0);
  last = msk_test_raw_request (srv, request);
  g_assert_cmpuint (last->status, ==, 200);
  g_usleep (100 * 1000);
  before = count_descriptors (pid);
  rss_before = resident_kib (pid);

  /* Each on its own connection, which the client closes after the reply:
   * the server keeps each alive until then. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_autoptr(GSocket) socket = msk_test_connect (srv);
      g_autoptr(MskTestReply) reply = NULL;

      g_socket_set_timeout (socket, 3);
      g_assert_true (msk_test_send_all (socket, request, strlen (request)));
      reply = msk_test_read_reply (socket);
      if (reply == NULL || reply->status != 200)
        {
          g_test_message ("request %u of %d: %s; the server holds %u descriptors (%u before)",
                          i + 1, N_REQUESTS, reply == NULL ? "no reply" : "not 200",
                          count_descriptors (pid), before);
          g_assert_nonnull (reply);
          g_assert_cmpuint (reply->status, ==, 200);
        }
      g_socket_close (socket, NULL);
    }

  /* The server sees the last close at its own pace. */
  for (guint i = 0; i < 40 && (after = count_descriptors (pid)) > before; i++)
    g_usleep (50 * 1000);
  g_test_message ("%d requests in %" G_GINT64_FORMAT " ms; server descriptors %u -> %u, "
                  "RSS %" G_GUINT64_FORMAT " -> %" G_GUINT64_FORMAT " KiB",
                  N_REQUESTS, (g_get_monotonic_time () - start) / 1000, before, after,
                  rss_before, resident_kib (pid));
  g_assert_cmpuint (after, <=, before + 2);

  g_clear_pointer (&last, msk_test_reply_free);
  last = msk_test_raw_request (srv, request);
  g_assert_cmpuint (last->status, ==, 200);
}

/* More clients at once than descriptors: those that find none are refused
 * or wait, and the server answers again once the others have gone. */
static void
test_descriptors_exhausted (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, FALSE, NULL);
  GPid pid = msk_test_server_pid (srv);
  struct rlimit limit = { 64, 64 };
  static const char request[] = "GET /v1/entities HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  g_autoptr(GPtrArray) crowd = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(MskTestReply) reply = NULL;
  guint peak;

  g_assert_cmpint (prlimit (pid, RLIMIT_NOFILE, &limit, NULL), ==, 0);
  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (crowd, msk_test_connect (srv));
  g_usleep (500 * 1000);
  peak = count_descriptors (pid);
  g_ptr_array_set_size (crowd, 0);
  g_usleep (300 * 1000);

  socket = msk_test_connect (srv);
  g_socket_set_timeout (socket, 5);
  g_assert_true (msk_test_send_all (socket, request, strlen (request)));
  reply = msk_test_read_reply (socket);
  g_test_message ("100 clients at once with 64 descriptors: the server held %u; a request "
                  "after they left: %s", peak, reply != NULL ? "answered" : "no reply in 5 s");
  g_assert_cmpuint (peak, ==, 64);
  g_assert_nonnull (reply);
  g_assert_cmpuint (reply->status, ==, 200);
}

/* Limits of 2 s: idle, headers, body */
static MskTestServer *
start_with_short_limits (void)
{
  static const char * const args[] = { "--idle-timeout", "2", "--header-timeout", "2",
                                       "--body-timeout", "2", NULL };

  return msk_test_server_start_with (NULL, FALSE, NULL, args);
}

static void
test_slow_body (void)
{
  g_autoptr(MskTestServer) srv = start_with_short_limits ();
  g_autoptr(GSocket) socket = msk_test_connect (srv);
  g_autoptr(MskTestReply) reply = NULL;
  static const char head[] = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
  gint64 ms;

  g_assert_true (msk_test_send_all (socket, head, strlen (head)));
  ms = wait_closed (socket, "{\"username\":\"citizen\"", 8000);
  g_test_message ("a body sent one byte every 250 ms: closed after %" G_GINT64_FORMAT " ms "
                  "(limit 2000 ms; -1: still open after 8000 ms)", ms);
  g_assert_cmpint (ms, >=, 1500);
  g_assert_cmpint (ms, <, 5000);

  reply = msk_test_raw_request (srv, "GET /v1/entities HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_slow_headers (void)
{
  g_autoptr(MskTestServer) srv = start_with_short_limits ();
  g_autoptr(GSocket) socket = msk_test_connect (srv);
  g_autoptr(GSocket) silent = msk_test_connect (srv);
  static const char head[] = "GET /v1/entities HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  gint64 ms, silent_ms;

  g_assert_true (msk_test_send_all (socket, head, strlen (head)));
  ms = wait_closed (socket, "abcdefgh", 8000);
  silent_ms = wait_closed (silent, NULL, 8000);
  g_test_message ("headers sent one byte every 250 ms: closed after %" G_GINT64_FORMAT " ms; "
                  "a connection that sent nothing: %" G_GINT64_FORMAT " ms later "
                  "(limit 2000 ms; -1: still open after 8000 ms)", ms, silent_ms);
  g_assert_cmpint (ms, >=, 1500);
  g_assert_cmpint (ms, <, 5000);
  g_assert_cmpint (silent_ms, >=, 0);
  g_assert_cmpint (silent_ms, <, 3000);
}

static void
test_keep_alive (void)
{
  g_autoptr(MskTestServer) srv = start_with_short_limits ();
  GPid pid = msk_test_server_pid (srv);
  g_autoptr(GSocket) socket = msk_test_connect (srv);
  static const char request[] = "GET /v1/entities HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  guint before = 0;
  guint after = 0;
  gint64 ms;

  /* One connection serves several requests, then is closed when idle. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(MskTestReply) reply = NULL;

      g_assert_true (msk_test_send_all (socket, request, strlen (request)));
      reply = msk_test_read_reply (socket);
      g_assert_nonnull (reply);
      g_assert_cmpuint (reply->status, ==, 200);
      if (i == 0)
        before = count_descriptors (pid);
      if (i < 4)
        g_usleep (300 * 1000);
    }
  ms = wait_closed (socket, NULL, 8000);
  for (guint i = 0; i < 40 && (after = count_descriptors (pid)) >= before; i++)
    g_usleep (50 * 1000);
  g_test_message ("an idle keep-alive connection: closed after %" G_GINT64_FORMAT " ms "
                  "(limit 2000 ms; -1: still open after 8000 ms); server descriptors "
                  "%u with it, %u after", ms, before, after);
  g_assert_cmpint (ms, >=, 1500);
  g_assert_cmpint (ms, <, 5000);
  g_assert_cmpuint (after, <, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/limits/chunked-body", test_chunked_body);
  g_test_add_func ("/server/limits/descriptors", test_descriptors);
  g_test_add_func ("/server/limits/descriptors-exhausted", test_descriptors_exhausted);
  g_test_add_func ("/server/limits/slow-body", test_slow_body);
  g_test_add_func ("/server/limits/slow-headers", test_slow_headers);
  g_test_add_func ("/server/limits/keep-alive", test_keep_alive);
  return g_test_run ();
}
