/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What must hold whatever clients send: idempotent POSTs, refused bodies
 * that change nothing, data that survives a restart, exact counts under 50
 * concurrent voters, the rate limit, a clean stop on SIGINT/SIGTERM, and
 * when the program that started the server is gone (--parent-fd).
 */
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "msk-test-server.h"

static gint64
feedback_total (MskTestServer *srv,
                gint64         topic)
{
  g_autofree char *path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT "/feedback", topic);
  g_autoptr(MskTestReply) reply = msk_test_get (srv, path, NULL);
  JsonObject *o = msk_test_object (reply);

  return json_object_get_int_member (o, "useful") + json_object_get_int_member (o, "not_useful");
}

static guint
comment_count (MskTestServer *srv,
               const char    *token)
{
  g_autoptr(MskTestReply) reply = msk_test_get (srv, "/v1/topics/13/comments?limit=50", token);

  return json_array_get_length (msk_test_items (reply));
}

static void
test_idempotency (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, TRUE, NULL);
  g_autofree char *citizen = msk_test_login (srv, "citizen", CITIZEN_PASSWORD);
  static const char body[] = "{\"topic_id\":1,\"useful\":true,\"reasons\":[\"clear\"]}";
  gint64 before = feedback_total (srv, 1);
  guint comments_before = comment_count (srv, citizen);
  /* a signed-in user's key: another request with it is refused */
  g_autoptr(MskTestReply) a = msk_test_request (srv, "POST", "/v1/feedback", citizen,
                                                "application/json", body, -1,
                                                "Idempotency-Key", "key-feedback-1", NULL);
  g_autoptr(MskTestReply) b = msk_test_request (srv, "POST", "/v1/feedback", citizen,
                                                "application/json", body, -1,
                                                "Idempotency-Key", "key-feedback-1", NULL);
  g_autoptr(MskTestReply) other = msk_test_request (srv, "POST", "/v1/feedback", citizen,
                                                    "application/json",
                                                    "{\"topic_id\":1,\"useful\":false,"
                                                    "\"reasons\":[\"unclear\"]}", -1,
                                                    "Idempotency-Key", "key-feedback-1", NULL);
  g_autoptr(MskTestReply) c1 = msk_test_request (srv, "POST", "/v1/topics/13/comments", citizen,
                                                 "application/json", "{\"body\":\"Once only\"}",
                                                 -1, "Idempotency-Key", "comment-key", NULL);
  g_autoptr(MskTestReply) c2 = msk_test_request (srv, "POST", "/v1/topics/13/comments", citizen,
                                                 "application/json", "{\"body\":\"Once only\"}",
                                                 -1, "Idempotency-Key", "comment-key", NULL);
  g_autoptr(MskTestReply) bad_key = NULL;
  g_autofree char *long_key = g_strnfill (300, 'k');

  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_null (msk_test_header (a, "Idempotent-Replayed"));
  g_assert_cmpstr (msk_test_header (b, "Idempotent-Replayed"), ==, "true");
  msk_test_assert_problem (other, 422, "idempotency-key-reused");
  g_assert_cmpint (feedback_total (srv, 1), ==, before + 1);

  g_assert_cmpuint (c1->status, ==, 201);
  g_assert_cmpuint (c2->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (msk_test_object (c1), "id"), ==,
                   json_object_get_int_member (msk_test_object (c2), "id"));
  g_assert_cmpuint (comment_count (srv, citizen), ==, comments_before + 1);

  bad_key = msk_test_request (srv, "POST", "/v1/feedback", NULL, "application/json", body, -1,
                              "Idempotency-Key", long_key, NULL);
  msk_test_assert_problem (bad_key, 400, "invalid-idempotency-key");
  g_assert_cmpint (feedback_total (srv, 1), ==, before + 1);

  msk_test_server_stop (srv);
}

static void
test_refused_bodies (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, TRUE, NULL);
  g_autofree char *citizen = msk_test_login (srv, "citizen", CITIZEN_PASSWORD);
  gint64 feedback_before = feedback_total (srv, 1);
  guint comments_before = comment_count (srv, citizen);
  g_autofree char *huge = NULL;
  g_autofree char *deep = NULL;
  static const char bad_utf8[] = "{\"body\":\"\xff\xfe broken\"}";
  struct
  {
    const char *method;
    const char *path;
    const char *ctype;
    const char *body;
    gssize length;
    guint status;
    const char *code;
  } cases[] = {
    { "POST", "/v1/feedback", "application/json", "{\"topic_id\":1,", -1, 400, "malformed-json" },
    { "POST", "/v1/feedback", "application/json", "[1,2,3]", -1, 400, "bad-request" },
    { "POST", "/v1/feedback", "text/plain", "hello", -1, 415, "unsupported-media-type" },
    { "POST", "/v1/feedback", "application/json", NULL, -1, 400, "malformed-json" },
    { "POST", "/v1/feedback", "application/json",
      "{\"topic_id\":\"1\",\"useful\":\"yes\",\"reasons\":\"clear\"}", -1, 422,
      "validation-failed" },
    { "POST", "/v1/feedback", "application/json",
      "{\"topic_id\":1,\"useful\":true,\"reasons\":[\"clear\"],\"extra\":1}", -1, 422,
      "validation-failed" },
    { "POST", "/v1/feedback", "application/json",
      "{\"topic_id\":1.5,\"useful\":true,\"reasons\":[\"clear\"]}", -1, 422, "validation-failed" },
    { "POST", "/v1/feedback", "application/json",
      "{\"topic_id\":424242,\"useful\":true,\"reasons\":[\"clear\"]}", -1, 404, "not-found" },
    { "POST", "/v1/topics/13/comments", "application/json", bad_utf8, sizeof bad_utf8 - 1, 400,
      "invalid-utf8" },
    { "POST", "/v1/topics/13/comments", "application/json", "{\"body\":42}", -1, 422,
      "validation-failed" },
    { "POST", "/v1/topics/abc/comments", "application/json", "{\"body\":\"x\"}", -1, 400,
      "invalid-id" },
    { "POST", "/v1/topics/0/comments", "application/json", "{\"body\":\"x\"}", -1, 400,
      "invalid-id" },
    { "POST", "/v1/topics/99999/comments", "application/json", "{\"body\":\"x\"}", -1, 404,
      "not-found" },
    { "PUT", "/v1/polls/99999/ballot", "application/json", "{\"options\":[1]}", -1, 404,
      "not-found" },
    { "PUT", "/v1/polls/5/ballot", "application/json", "{\"options\":[1],\"again\":true}", -1,
      422, "validation-failed" },
    { "PUT", "/v1/polls/5/ballot", "application/json", "", -1, 400, "bad-request" },
    { "POST", "/v1/feedback", "application/json", NULL, 0, 413, "payload-too-large" },
  };

  /* 60 KiB of nested arrays: under the size limit, far too deep */
  {
    g_autofree char *open = g_strnfill (30 * 1024, '[');
    g_autofree char *close = g_strnfill (30 * 1024, ']');

    deep = g_strconcat (open, close, NULL);
    cases[3].body = deep;
  }

  /* 70 KiB: over the 64 KiB limit */
  {
    GString *s = g_string_new ("{\"topic_id\":1,\"useful\":true,\"reasons\":[\"clear\"],"
                               "\"comment\":\"");

    while (s->len < 70 * 1024)
      g_string_append (s, "long text ");
    g_string_append (s, "\"}");
    huge = g_string_free (s, FALSE);
    cases[G_N_ELEMENTS (cases) - 1].body = huge;
    cases[G_N_ELEMENTS (cases) - 1].length = -1;
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MskTestReply) reply = msk_test_request (srv, cases[i].method, cases[i].path,
                                                        citizen, cases[i].ctype, cases[i].body,
                                                        cases[i].length,
                                                        "Idempotency-Key", "refused-key",
                                                        NULL);

      g_test_message ("case %u: %s %s", i, cases[i].method, cases[i].path);
      msk_test_assert_problem (reply, cases[i].status, cases[i].code);
    }

  /* nothing was stored, not even the idempotency key */
  g_assert_cmpint (feedback_total (srv, 1), ==, feedback_before);
  g_assert_cmpuint (comment_count (srv, citizen), ==, comments_before);
  {
    g_autoptr(MskTestReply) ballot = msk_test_get (srv, "/v1/polls/5/ballot", citizen);
    g_autoptr(MskTestReply) ok = msk_test_request (srv, "POST", "/v1/feedback", NULL,
                                                   "application/json",
                                                   "{\"topic_id\":1,\"useful\":true,"
                                                   "\"reasons\":[\"clear\"]}", -1,
                                                   "Idempotency-Key", "refused-key", NULL);

    msk_test_assert_problem (ballot, 404, "not-found");
    g_assert_cmpuint (ok->status, ==, 201);
  }
  msk_test_server_stop (srv);
}

/* json-glib reads single-quoted strings (a backslash is no escape in them)
 * and skips comments: a double quote inside one must not hide from the depth
 * check the nesting that follows. Each body is under the size limit. */
static void
test_deep_json_in_quotes (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, TRUE, NULL);
  g_autofree char *open = g_strnfill (30 * 1024, '[');
  g_autofree char *close = g_strnfill (30 * 1024, ']');
  const char *prefixes[] = { "{'topic_id': 1, 'x': '\"', 'y': ", "{'x': '\\', 'y': '\"', 'z': ",
                             "{/* \" */ 'y': " };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *body = g_strconcat (prefixes[i], open, close, "}", NULL);
      g_autoptr(MskTestReply) reply = msk_test_request (srv, "POST", "/v1/feedback", NULL,
                                                        "application/json", body, -1, NULL);
      g_autoptr(MskTestReply) after = msk_test_get (srv, "/v1/topics/1", NULL);

      g_test_message ("%s… (%zu bytes): %u", prefixes[i], strlen (body), reply->status);
      msk_test_assert_problem (reply, 400, "malformed-json");
      g_assert_cmpuint (after->status, ==, 200);
    }
  msk_test_server_stop (srv);
}

static void
test_restart_keeps_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("msk-restart-XXXXXX", &error);
  g_autofree char *token = NULL;
  g_autofree char *request_id = NULL;
  gint64 feedback = 0;

  g_assert_no_error (error);
  {
    g_autoptr(MskTestServer) srv = msk_test_server_start (dir, TRUE, NULL);
    g_autoptr(MskTestReply) account = msk_test_send_json (srv, "POST", "/v1/accounts", NULL,
                                                          "{\"username\":\"returning\","
                                                          "\"password\":\"still-here-1\"}");
    g_autoptr(MskTestReply) vote = NULL;
    g_autoptr(MskTestReply) sent = msk_test_send_json (srv, "POST", "/v1/feedback", NULL,
                                                       "{\"topic_id\":3,\"useful\":true,"
                                                       "\"reasons\":[\"complete\"]}");
    g_autoptr(MskTestReply) request = msk_test_post_form (srv, "/open311/v2/requests.json",
                                                          "api_key=" DEMO_API_KEY
                                                          "&jurisdiction_id=alwaha.example"
                                                          "&service_code=potholes&lat=25&long=55"
                                                          "&attribute%5Bsize%5D=small");

    g_assert_cmpuint (account->status, ==, 201);
    g_assert_cmpuint (sent->status, ==, 201);
    g_assert_cmpuint (request->status, ==, 201);
    request_id = g_strdup (json_object_get_string_member (
                             json_array_get_object_element (msk_test_array (request), 0),
                             "service_request_id"));
    token = msk_test_login (srv, "returning", "still-here-1");
    vote = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", token, "{\"options\":[2]}");
    g_assert_cmpuint (vote->status, ==, 200);
    feedback = feedback_total (srv, 3);
    msk_test_server_stop (srv);
  }
  {
    /* restarted without --demo: the same portal, nothing loaded twice */
    g_autoptr(MskTestServer) srv = msk_test_server_start (dir, FALSE, NULL);
    g_autoptr(MskTestReply) topics = msk_test_get (srv, "/v1/topics?limit=50", NULL);
    g_autoptr(MskTestReply) me = msk_test_get (srv, "/v1/me", token);
    g_autoptr(MskTestReply) ballot = msk_test_get (srv, "/v1/polls/5/ballot", token);
    g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json?"
                                             "jurisdiction_id=alwaha.example", request_id);
    g_autoptr(MskTestReply) request = msk_test_get (srv, path, NULL);
    g_autofree char *again = NULL;

    g_assert_cmpuint (json_array_get_length (msk_test_items (topics)), ==, 14);
    g_assert_cmpuint (me->status, ==, 200);
    g_assert_cmpuint (ballot->status, ==, 200);
    g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (
                       msk_test_object (ballot), "options"), 0), ==, 2);
    g_assert_cmpuint (request->status, ==, 200);
    g_assert_cmpint (feedback_total (srv, 3), ==, feedback);
    again = msk_test_login (srv, "returning", "still-here-1");
    g_assert_nonnull (again);
    msk_test_server_stop (srv);
  }
  {
    /* and once more with --demo: the existing portal is kept as it is */
    g_autoptr(MskTestServer) srv = msk_test_server_start (dir, TRUE, NULL);
    g_autoptr(MskTestReply) entities = msk_test_get (srv, "/v1/entities", NULL);

    g_assert_cmpuint (json_array_get_length (msk_test_items (entities)), ==, 3);
    g_assert_cmpint (feedback_total (srv, 3), ==, feedback);
    msk_test_server_stop (srv);
  }
  {
    g_autoptr(MskTestServer) cleanup = msk_test_server_start (dir, FALSE, NULL);

    cleanup->own_dir = TRUE; /* removes the directory when freed */
    msk_test_server_stop (cleanup);
  }
}

typedef struct
{
  const char *url;
  char *token;
  gint64 option;
  guint status;
} Voter;

static gpointer
vote_thread (gpointer data)
{
  Voter *v = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *uri = g_strconcat (v->url, "/v1/polls/5/ballot", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", uri);
  g_autofree char *auth = g_strconcat ("Bearer ", v->token, NULL);
  g_autofree char *body = g_strdup_printf ("{\"options\":[%" G_GINT64_FORMAT "]}", v->option);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (error != NULL)
    g_test_message ("voter: %s", error->message);
  v->status = error == NULL ? soup_message_get_status (msg) : 0;
  return NULL;
}

static void
test_concurrent_voters (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, TRUE, NULL);
  Voter voters[50];
  GThread *threads[50];
  gint64 expected[3] = { 31, 58, 19 };
  g_autoptr(MskTestReply) results = NULL;
  JsonArray *options;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("voter%02u", i);
      g_autofree char *body =
        g_strdup_printf ("{\"username\":\"%s\",\"password\":\"vote-%02u-pass\"}", name, i);
      g_autofree char *password = g_strdup_printf ("vote-%02u-pass", i);
      g_autoptr(MskTestReply) account = msk_test_send_json (srv, "POST", "/v1/accounts", NULL,
                                                            body);

      g_assert_cmpuint (account->status, ==, 201);
      voters[i].url = srv->url;
      voters[i].token = msk_test_login (srv, name, password);
      voters[i].option = 1 + i % 3;
      voters[i].status = 0;
      expected[i % 3]++;
    }

  for (guint i = 0; i < 50; i++)
    threads[i] = g_thread_new ("voter", vote_thread, &voters[i]);
  for (guint i = 0; i < 50; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (voters[i].status, ==, 200);
    }

  results = msk_test_get (srv, "/v1/polls/5/results", voters[0].token);
  g_assert_cmpuint (results->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (msk_test_object (results), "total_ballots"), ==,
                   108 + 50);
  options = json_object_get_array_member (msk_test_object (results), "options");
  for (guint k = 0; k < 3; k++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (options, k),
                                                 "count"), ==, expected[k]);

  for (guint i = 0; i < 50; i++)
    g_free (voters[i].token);
  msk_test_server_stop (srv);
}

static void
test_rate_limit (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, TRUE, "5");
  guint ok = 0;
  g_autoptr(MskTestReply) limited = NULL;
  g_autoptr(MskTestReply) open311 = NULL;
  guint64 retry = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(MskTestReply) reply = msk_test_get (srv, "/v1/entities", NULL);

      if (reply->status == 200)
        ok++;
    }
  g_assert_cmpuint (ok, ==, 5);
  limited = msk_test_get (srv, "/v1/topics", NULL);
  msk_test_assert_problem (limited, 429, "rate-limited");
  g_assert_nonnull (msk_test_header (limited, "Retry-After"));
  g_assert_true (g_ascii_string_to_unsigned (msk_test_header (limited, "Retry-After"), 10, 1, 60,
                                             &retry, NULL));
  /* Open311 knows 404, 403 and 400; the wait is kept */
  open311 = msk_test_get (srv, "/open311/v2/services.json", NULL);
  msk_test_assert_open311_error (open311, 400);
  g_assert_nonnull (msk_test_header (open311, "Retry-After"));
  msk_test_server_stop (srv);
}

static void
test_sigint (void)
{
  g_autoptr(MskTestServer) srv = msk_test_server_start (NULL, FALSE, NULL);
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (srv->process, SIGINT);
  g_subprocess_wait_check (srv->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&srv->process);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* The write end of the server's --parent-fd pipe closes (its parent is
 * gone, by SIGKILL as well): the server stops by itself, cleanly. */
static void
test_parent_gone (void)
{
  g_autoptr(MskTestServer) srv = NULL;
  g_autoptr(GError) error = NULL;
  int fds[2];
  gboolean done = FALSE, timed_out = FALSE;
  gint64 start;
  guint timeout_id;

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  g_assert_no_error (error);
  srv = msk_test_server_start_watching (fds[0]);

  /* It keeps serving while the pipe is open. */
  {
    g_autoptr(MskTestReply) reply = NULL;

    reply = msk_test_get (srv, "/v1/entities", NULL);
    g_assert_cmpuint (reply->status, ==, 200);
  }

  start = g_get_monotonic_time ();
  g_assert_cmpint (close (fds[1]), ==, 0);
  g_subprocess_wait_async (srv->process, NULL, wait_cb, &done);
  timeout_id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  while (!done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  g_test_message ("the server stopped %" G_GINT64_FORMAT " ms after its parent's pipe closed",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_true (done);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_true (g_subprocess_get_if_exited (srv->process));
  g_assert_cmpint (g_subprocess_get_exit_status (srv->process), ==, 0);
  g_clear_object (&srv->process);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/robustness/idempotency", test_idempotency);
  g_test_add_func ("/server/robustness/refused-bodies", test_refused_bodies);
  g_test_add_func ("/server/robustness/deep-json-in-quotes", test_deep_json_in_quotes);
  g_test_add_func ("/server/robustness/restart", test_restart_keeps_data);
  g_test_add_func ("/server/robustness/concurrent-voters", test_concurrent_voters);
  g_test_add_func ("/server/robustness/rate-limit", test_rate_limit);
  g_test_add_func ("/server/robustness/sigint", test_sigint);
  g_test_add_func ("/server/robustness/parent-gone", test_parent_gone);

  return g_test_run ();
}
