/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The addresses the server gives out (the next page's Link, the Open311
 * discovery URL) are its configured public address, whatever Host header a
 * request carries.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "msk-test-server.h"

static const char topics_request[] = "GET /v1/topics?limit=1 HTTP/1.1\r\n"
                                     "Host: evil.example\r\nConnection: close\r\n\r\n";
static const char discovery_request[] = "GET /open311/v2/discovery.json HTTP/1.1\r\n"
                                        "Host: evil.example\r\nConnection: close\r\n\r\n";

/* Checks that both addresses start with @base. */
static void
assert_addresses (MskTestServer *srv,
                  const char    *base)
{
  g_autoptr(MskTestReply) topics = msk_test_raw_request (srv, topics_request);
  g_autoptr(MskTestReply) discovery = msk_test_raw_request (srv, discovery_request);
  g_autofree char *link_start = g_strconcat ("<", base, "/v1/topics?", NULL);
  g_autofree char *open311 = g_strconcat (base, "/open311/v2", NULL);
  const char *link = msk_test_header (topics, "Link");
  JsonArray *endpoints;
  const char *url;

  g_assert_cmpuint (topics->status, ==, 200);
  g_assert_cmpuint (discovery->status, ==, 200);
  endpoints = json_object_get_array_member (msk_test_object (discovery), "endpoints");
  url = json_object_get_string_member (json_array_get_object_element (endpoints, 0), "url");
  g_test_message ("Host: evil.example; Link: %s; discovery url: %s", link, url);
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (link, link_start));
  g_assert_null (strstr (link, "evil"));
  g_assert_cmpstr (url, ==, open311);
}

static void
test_configured (void)
{
  static const char * const args[] = { "--public-url", "https://portal.example.test/", NULL };
  g_autoptr(MskTestServer) srv = msk_test_server_start_with (NULL, TRUE, NULL, args);

  assert_addresses (srv, "https://portal.example.test");
}

static void
test_default (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, TRUE, NULL);

  /* The address it listens on */
  assert_addresses (srv, srv->url);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_refused (void)
{
  static const char * const bad[] = { "portal.example.test", "ftp://portal.example.test",
                                      "https://portal.example.test/?q=1", "https://" };
  g_autofree char *dir = g_dir_make_tmp ("msk-public-url-XXXXXX", NULL);

  g_assert_nonnull (dir);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) done = NULL;
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                               MSK_SERVER_BINARY, "--data", dir, "--listen", "127.0.0.1:0",
                               "--public-url", bad[i], NULL);
      g_assert_no_error (error);
      /* A server that accepted it would run until killed. */
      g_subprocess_wait_async (proc, NULL, store_result_cb, &done);
      while (done == NULL && g_get_monotonic_time () < deadline)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (10 * 1000);
      g_test_message ("--public-url %s: %s", bad[i],
                      done == NULL ? "accepted (still running after 10 s)" : "refused");
      if (done == NULL)
        g_subprocess_force_exit (proc);
      g_assert_nonnull (done);
      g_assert_true (g_subprocess_wait_finish (proc, done, NULL));
      g_assert_true (g_subprocess_get_if_exited (proc));
      g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/public-url/configured", test_configured);
  g_test_add_func ("/server/public-url/default", test_default);
  g_test_add_func ("/server/public-url/refused", test_refused);
  return g_test_run ();
}
