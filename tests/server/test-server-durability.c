/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What an acknowledged write survives: a crash between the handler's write
 * and its idempotency record (a retry after the restart stores it once and
 * answers 201), and power loss (the database syncs every commit).
 */
#include <string.h>

#include "msk-server-db.h"
#include "msk-test-server.h"

/* The server's test hook: exit right after a handler answered 2xx to a POST
 * with an Idempotency-Key, before its idempotency record is written. */
#define FAULT_VARIABLE "MSK_SERVER_FAULT"
#define FAULT_VALUE "exit-before-idempotency-record"
#define FAULT_EXIT_STATUS 75

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Sends a POST that may get no answer at all; returns its status, or 0 when
 * the connection was lost. */
static guint
post_may_fail (MskTestServer *server,
               const char    *path,
               const char    *token,
               const char    *body,
               const char    *key)
{
  g_autofree char *uri = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

  soup_message_headers_replace (h, "Authorization", auth);
  soup_message_headers_replace (h, "Idempotency-Key", key);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  reply = soup_session_send_and_read (server->session, msg, NULL, &error);
  if (error != NULL)
    {
      g_test_message ("POST %s: no answer (%s)", path, error->message);
      return 0;
    }
  g_test_message ("POST %s: %u %.*s", path, soup_message_get_status (msg),
                  (int) g_bytes_get_size (reply), (const char *) g_bytes_get_data (reply, NULL));
  return soup_message_get_status (msg);
}

/* Waits (10 s at most) for the server to exit by itself; returns its exit
 * status, or -1 when it is still running (then it is killed). */
static int
wait_exit (MskTestServer *server)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);
  int status = -1;

  g_subprocess_wait_async (server->process, NULL, waited_cb, &result);
  while (result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  if (result != NULL && g_subprocess_wait_finish (server->process, result, NULL) &&
      g_subprocess_get_if_exited (server->process))
    status = g_subprocess_get_exit_status (server->process);
  if (result == NULL)
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_object (&server->process);
  return status;
}

/* Starts the server on @data_dir with the fault, sends the POST and checks
 * that the server died before answering it. */
static void
post_through_crash (const char *data_dir,
                    const char *path,
                    const char *token,
                    const char *body,
                    const char *key)
{
  MskTestServer *server;
  guint status;
  int exit_status;

  g_setenv (FAULT_VARIABLE, FAULT_VALUE, TRUE);
  server = msk_test_server_start (data_dir, FALSE, NULL);
  g_unsetenv (FAULT_VARIABLE);
  status = post_may_fail (server, path, token, body, key);
  exit_status = wait_exit (server);
  g_test_message ("%s with the fault: status %u, server exit status %d", path, status,
                  exit_status);
  g_assert_cmpuint (status, ==, 0);
  g_assert_cmpint (exit_status, ==, FAULT_EXIT_STATUS);
  msk_test_server_free (server);
}

static guint
count_own_comments (MskTestServer *server,
                    const char    *token,
                    const char    *body)
{
  g_autoptr(MskTestReply) reply = msk_test_get (server, "/v1/topics/13/comments?limit=50", token);
  JsonArray *items = msk_test_items (reply);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i),
                                                    "body"), body))
      n++;
  return n;
}

static void
test_crash_before_record (void)
{
  static const char comment[] = "{\"body\":\"Stored once, whatever happens\"}";
  static const char answers[] = "{\"answers\":[{\"question_id\":1,\"value\":1},"
                                "{\"question_id\":3,\"value\":4},"
                                "{\"question_id\":4,\"value\":true}]}";
  /* the demo portal, and a sign-in that outlives the server; its directory
   * serves the servers below and goes with it */
  g_autoptr(MskTestServer) first = msk_test_server_start (NULL, TRUE, NULL);
  g_autofree char *token = msk_test_login (first, "citizen", CITIZEN_PASSWORD);
  MskTestServer *server;

  msk_test_server_stop (first);

  /* a comment: the server dies after the handler stored it, before its record */
  post_through_crash (first->data_dir, "/v1/topics/13/comments", token, comment,
                      "crash-comment-key");
  server = msk_test_server_start (first->data_dir, FALSE, NULL);
  {
    g_autoptr(MskTestReply) retry = msk_test_request (server, "POST", "/v1/topics/13/comments",
                                                      token, "application/json", comment, -1,
                                                      "Idempotency-Key", "crash-comment-key",
                                                      NULL);
    g_autoptr(MskTestReply) again = msk_test_request (server, "POST", "/v1/topics/13/comments",
                                                      token, "application/json", comment, -1,
                                                      "Idempotency-Key", "crash-comment-key",
                                                      NULL);
    guint stored = count_own_comments (server, token, "Stored once, whatever happens");

    g_test_message ("retry after the restart: %u; then %u; comments stored: %u", retry->status,
                    again->status, stored);
    g_assert_cmpuint (retry->status, ==, 201);
    g_assert_cmpuint (again->status, ==, 201);
    g_assert_cmpstr (msk_test_header (again, "Idempotent-Replayed"), ==, "true");
    g_assert_cmpstr (again->text, ==, retry->text);
    g_assert_cmpuint (stored, ==, 1);
  }
  msk_test_server_stop (server);
  msk_test_server_free (server);

  /* a survey response: the retry must not be refused as a second response */
  post_through_crash (first->data_dir, "/v1/surveys/9/responses", token, answers,
                      "crash-survey-key");
  server = msk_test_server_start (first->data_dir, FALSE, NULL);
  {
    g_autoptr(MskTestReply) retry = msk_test_request (server, "POST", "/v1/surveys/9/responses",
                                                      token, "application/json", answers, -1,
                                                      "Idempotency-Key", "crash-survey-key",
                                                      NULL);
    g_autoptr(MskTestReply) survey = msk_test_get (server, "/v1/surveys/9", token);

    g_test_message ("survey retry after the restart: %u %s", retry->status, retry->text);
    g_assert_cmpuint (retry->status, ==, 201);
    g_assert_true (json_object_get_boolean_member (msk_test_object (survey), "responded"));
  }
  msk_test_server_stop (server);
  msk_test_server_free (server);
}

/* Power loss: every commit reaches the disk (synchronous = FULL). The
 * database is opened in the directory of a server that ran and stopped. */
static void
test_synchronous_full (void)
{
  g_autoptr(MskTestServer) owner = msk_test_server_start (NULL, FALSE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MskServerDb) db = NULL;
  gint64 level;

  msk_test_server_stop (owner);
  db = msk_server_db_new (owner->data_dir, &error);
  g_assert_no_error (error);
  level = msk_server_db_query_int (db, "PRAGMA synchronous", 0);
  g_test_message ("PRAGMA synchronous = %" G_GINT64_FORMAT " (1 NORMAL, 2 FULL, 3 EXTRA)",
                  level);
  g_assert_cmpint (level, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/durability/crash-before-record", test_crash_before_record);
  g_test_add_func ("/server/durability/synchronous-full", test_synchronous_full);

  return g_test_run ();
}
