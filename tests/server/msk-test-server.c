/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "msk-test-server.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* In the child, between fork and exec: the server must not outlive a test
 * that aborts or is killed. */
static void
child_setup (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  /* The test died before prctl: nobody will send the signal. */
  if (getppid () != parent)
    _exit (127);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@flag is set, for @timeout_s at most. */
static gboolean
wait_flag (gpointer *flag,
           guint     timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, timeout_cb, &timed_out);

  while (*flag == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
log_stderr (MskTestServer *server)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents (server->log_path, &text, NULL, NULL) && text[0] != '\0')
    g_test_message ("musharaka-server's stderr:\n%s", text);
}

/* Reaps the server after @signum; SIGKILL after @grace_s. Returns the
 * wait_check() result, with its error. */
static gboolean
stop_process (MskTestServer  *server,
              int             signum,
              guint           grace_s,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_subprocess_send_signal (server->process, signum);
  g_subprocess_wait_check_async (server->process, NULL, store_result_cb, &result);
  if (!wait_flag ((gpointer *) &result, grace_s))
    {
      g_test_message ("musharaka-server did not stop within %u s: killed", grace_s);
      g_subprocess_force_exit (server->process);
      if (!wait_flag ((gpointer *) &result, 10))
        g_error ("musharaka-server not reaped 10 s after SIGKILL");
    }
  return g_subprocess_wait_check_finish (server->process, result, error);
}

MskTestServer *
msk_test_server_start (const char *data_dir,
                       gboolean    demo,
                       const char *rate_limit)
{
  return msk_test_server_start_with (data_dir, demo, rate_limit, NULL);
}

static MskTestServer *start_server (const char         *data_dir,
                                    gboolean            demo,
                                    const char         *rate_limit,
                                    const char * const *extra_args,
                                    int                 parent_fd);

/* As msk_test_server_start(), with more options for the server. */
MskTestServer *
msk_test_server_start_with (const char         *data_dir,
                            gboolean            demo,
                            const char         *rate_limit,
                            const char * const *extra_args)
{
  return start_server (data_dir, demo, rate_limit, extra_args, -1);
}

/* A server in a new directory that watches @parent_fd (taken: it is closed
 * here) as its descriptor MSK_TEST_PARENT_FD, with --parent-fd. */
MskTestServer *
msk_test_server_start_watching (int parent_fd)
{
  const char *args[] = { "--parent-fd", G_STRINGIFY (MSK_TEST_PARENT_FD), NULL };

  return start_server (NULL, FALSE, NULL, args, parent_fd);
}

static MskTestServer *
start_server (const char         *data_dir,
              gboolean            demo,
              const char         *rate_limit,
              const char * const *extra_args,
              int                 parent_fd)
{
  MskTestServer *server = g_new0 (MskTestServer, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GAsyncResult) read = NULL;
  int log_fd;

  if (data_dir == NULL)
    {
      server->data_dir = g_dir_make_tmp ("msk-server-test-XXXXXX", &error);
      g_assert_no_error (error);
      server->own_dir = TRUE;
    }
  else
    server->data_dir = g_strdup (data_dir);
  /* Beside the data, not in it (remove_tree() removes files only). */
  server->log_path = g_strconcat (server->data_dir, ".log", NULL);

  g_ptr_array_add (argv, (gpointer) MSK_SERVER_BINARY);
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, server->data_dir);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  g_ptr_array_add (argv, (gpointer) "--rate-limit");
  g_ptr_array_add (argv, (gpointer) (rate_limit != NULL ? rate_limit : "0"));
  if (demo)
    g_ptr_array_add (argv, (gpointer) "--demo");
  for (gsize i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  /* stdout: a pipe for the URL; stderr: a log file, never the test
   * runner's pipe (it would wait for a leftover server to close it). */
  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

    log_fd = g_open (server->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    g_assert_cmpint (log_fd, >=, 0);
    g_subprocess_launcher_take_stderr_fd (launcher, log_fd);
    if (parent_fd >= 0)
      g_subprocess_launcher_take_fd (launcher, parent_fd, MSK_TEST_PARENT_FD);
    g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()),
                                           NULL);
    server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                    &error);
  }
  g_assert_no_error (error);

  /* Asynchronously, so that a server that never answers cannot hang the test. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, store_result_cb, &read);
  if (!wait_flag ((gpointer *) &read, 30))
    {
      g_subprocess_force_exit (server->process);
      log_stderr (server);
      g_error ("musharaka-server printed no URL within 30 s");
    }
  line = g_data_input_stream_read_line_finish_utf8 (out, read, NULL, &error);
  if (line == NULL)
    log_stderr (server);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  server->url = g_steal_pointer (&line);

  server->session = soup_session_new_with_options ("timeout", 30, NULL);
  return server;
}

GPid
msk_test_server_pid (MskTestServer *server)
{
  const char *id = g_subprocess_get_identifier (server->process);

  g_assert_nonnull (id);
  return (GPid) g_ascii_strtoll (id, NULL, 10);
}

void
msk_test_server_stop (MskTestServer *server)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (server->process == NULL)
    return;
  ok = stop_process (server, SIGTERM, 10, &error);
  g_clear_object (&server->process);
  if (!ok || g_test_failed ())
    log_stderr (server);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

void
msk_test_server_free (MskTestServer *server)
{
  if (server->process != NULL)
    {
      stop_process (server, SIGKILL, 10, NULL);
      g_clear_object (&server->process);
      if (g_test_failed ())
        log_stderr (server);
    }
  if (server->own_dir)
    remove_tree (server->data_dir);
  g_unlink (server->log_path);
  g_free (server->log_path);
  g_clear_object (&server->session);
  g_free (server->url);
  g_free (server->data_dir);
  g_free (server);
}

void
msk_test_reply_free (MskTestReply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_free (reply->text);
  g_free (reply);
}

/* Fills in the text and, for a JSON reply, the parsed body. */
static void
reply_parse_body (MskTestReply *reply)
{
  g_autoptr(GError) error = NULL;
  const char *ctype;

  reply->text = g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
  ctype = soup_message_headers_get_content_type (reply->headers, NULL);
  if (ctype != NULL && g_str_has_suffix (ctype, "json") && g_bytes_get_size (reply->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, reply->text, -1, &error);
      g_assert_no_error (error);
      reply->json = json_node_ref (json_parser_get_root (parser));
    }
}

static MskTestReply *
send_message (MskTestServer *server,
              SoupMessage   *msg)
{
  MskTestReply *reply = g_new0 (MskTestReply, 1);
  g_autoptr(GError) error = NULL;

  reply->body = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply_parse_body (reply);
  return reply;
}

MskTestReply *
msk_test_request (MskTestServer *server,
                  const char    *method,
                  const char    *path,
                  const char    *token,
                  const char    *content_type,
                  const char    *body,
                  gssize         length,
                  ...)
{
  g_autofree char *uri = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  SoupMessageHeaders *h;
  va_list args;
  const char *name;

  g_assert_nonnull (msg);
  h = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (h, "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  va_start (args, length);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (h, name, va_arg (args, const char *));
  va_end (args);

  return send_message (server, msg);
}

MskTestReply *
msk_test_get (MskTestServer *server,
              const char    *path,
              const char    *token)
{
  return msk_test_request (server, "GET", path, token, NULL, NULL, 0, NULL);
}

MskTestReply *
msk_test_send_json (MskTestServer *server,
                    const char    *method,
                    const char    *path,
                    const char    *token,
                    const char    *json)
{
  return msk_test_request (server, method, path, token, "application/json", json, -1, NULL);
}

MskTestReply *
msk_test_post_form (MskTestServer *server,
                    const char    *path,
                    const char    *form)
{
  return msk_test_request (server, "POST", path, NULL,
                           "application/x-www-form-urlencoded; charset=utf-8", form, -1, NULL);
}

char *
msk_test_login (MskTestServer *server,
                const char    *username,
                const char    *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);
  g_autoptr(MskTestReply) reply = msk_test_send_json (server, "POST", "/v1/session", NULL, body);

  g_assert_cmpuint (reply->status, ==, 201);
  return g_strdup (json_object_get_string_member (msk_test_object (reply), "token"));
}

JsonObject *
msk_test_object (MskTestReply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

JsonArray *
msk_test_array (MskTestReply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply->json));
  return json_node_get_array (reply->json);
}

JsonArray *
msk_test_items (MskTestReply *reply)
{
  JsonObject *page = msk_test_object (reply);

  g_assert_true (json_object_has_member (page, "next_cursor"));
  return json_object_get_array_member (page, "items");
}

const char *
msk_test_header (MskTestReply *reply,
                 const char   *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

void
msk_test_assert_problem (MskTestReply *reply,
                         guint         status,
                         const char   *code)
{
  JsonObject *problem;
  const char *ctype = soup_message_headers_get_content_type (reply->headers, NULL);

  if (reply->status != status)
    g_test_message ("unexpected reply %u: %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (ctype, ==, "application/problem+json");
  problem = msk_test_object (reply);
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (problem, "title"), !=, "");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (problem, "type"),
                                   "urn:musharaka:problem:"));
}

void
msk_test_assert_open311_error (MskTestReply *reply,
                               guint         status)
{
  JsonArray *errors;
  JsonObject *first;

  if (reply->status != status)
    g_test_message ("unexpected reply %u: %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, status);
  errors = msk_test_array (reply);
  g_assert_cmpuint (json_array_get_length (errors), >=, 1);
  first = json_array_get_object_element (errors, 0);
  g_assert_cmpint (json_object_get_int_member (first, "code"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (first, "description"), !=, "");
}

JsonObject *
msk_test_find_error (MskTestReply *reply,
                     const char   *field)
{
  JsonArray *errors = json_object_get_array_member (msk_test_object (reply), "errors");

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);

      if (g_str_equal (json_object_get_string_member (e, "field"), field))
        return e;
    }
  g_test_message ("no error for %s in %s", field, reply->text);
  return NULL;
}

/* Whether @text has a letter of the Arabic block: which language a reply is in. */
gboolean
msk_test_has_arabic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x0600 && g_utf8_get_char (p) <= 0x06ff)
      return TRUE;
  return FALSE;
}

/* ---- raw HTTP ------------------------------------------------------------ */

GSocket *
msk_test_connect (MskTestServer *server)
{
  g_autoptr(GUri) uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketAddress) addr = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket;

  g_assert_nonnull (uri);
  addr = g_inet_socket_address_new_from_string (g_uri_get_host (uri), g_uri_get_port (uri));
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  g_socket_connect (socket, addr, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

/* FALSE when the peer closed or reset the connection. */
gboolean
msk_test_send_all (GSocket    *socket,
                   const char *data,
                   gsize       length)
{
  while (length > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (socket, data, length, NULL, &error);

      if (n < 0)
        {
          g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Reads one response with a Content-Length body; NULL when the connection
 * ends or stays silent for the socket's timeout before it is complete. */
MskTestReply *
msk_test_read_reply (GSocket *socket)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  g_autoptr(MskTestReply) reply = g_new0 (MskTestReply, 1);
  const char *end = NULL;
  gsize head = 0;
  goffset length = 0;

  for (;;)
    {
      char chunk[8192];
      gssize n;

      if (end == NULL && buf->len > 0)
        {
          end = g_strstr_len ((const char *) buf->data, buf->len, "\r\n\r\n");
          if (end != NULL)
            {
              head = end - (const char *) buf->data + 4;
              reply->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
              if (!soup_headers_parse_response ((const char *) buf->data, head, reply->headers,
                                                NULL, &reply->status, NULL))
                return NULL;
              length = soup_message_headers_get_content_length (reply->headers);
            }
        }
      if (end != NULL && buf->len >= head + length)
        break;
      n = g_socket_receive (socket, chunk, sizeof chunk, NULL, NULL);
      if (n <= 0)
        return NULL;
      g_byte_array_append (buf, (const guint8 *) chunk, n);
    }
  reply->body = g_bytes_new (buf->data + head, length);
  reply_parse_body (reply);
  return g_steal_pointer (&reply);
}

/* Sends @request as it is on a new connection and reads the reply. */
MskTestReply *
msk_test_raw_request (MskTestServer *server,
                      const char    *request)
{
  g_autoptr(GSocket) socket = msk_test_connect (server);
  MskTestReply *reply;

  g_assert_true (msk_test_send_all (socket, request, strlen (request)));
  reply = msk_test_read_reply (socket);
  g_assert_nonnull (reply);
  return reply;
}
