/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A musharaka-server process started from the build tree, and helpers to
 * talk HTTP to it with a SoupSession. */
typedef struct
{
  GSubprocess *process;
  char *url;
  char *data_dir;
  char *log_path;     /* the server's stderr */
  gboolean own_dir;
  SoupSession *session;
} MskTestServer;

typedef struct
{
  guint status;
  GBytes *body;
  char *text;
  SoupMessageHeaders *headers;
  JsonNode *json;
} MskTestReply;

/* The descriptor msk_test_server_start_watching() gives the server. */
#define MSK_TEST_PARENT_FD 3

MskTestServer *msk_test_server_start   (const char    *data_dir,
                                        gboolean       demo,
                                        const char    *rate_limit);
MskTestServer *msk_test_server_start_with (const char         *data_dir,
                                           gboolean            demo,
                                           const char         *rate_limit,
                                           const char * const *extra_args);
MskTestServer *msk_test_server_start_watching (int parent_fd);
GPid           msk_test_server_pid     (MskTestServer *server);
void           msk_test_server_stop    (MskTestServer *server);
void           msk_test_server_free    (MskTestServer *server);

MskTestReply  *msk_test_request        (MskTestServer *server,
                                        const char    *method,
                                        const char    *path,
                                        const char    *token,
                                        const char    *content_type,
                                        const char    *body,
                                        gssize         length,
                                        ...) G_GNUC_NULL_TERMINATED;
MskTestReply  *msk_test_get            (MskTestServer *server,
                                        const char    *path,
                                        const char    *token);
MskTestReply  *msk_test_send_json      (MskTestServer *server,
                                        const char    *method,
                                        const char    *path,
                                        const char    *token,
                                        const char    *json);
MskTestReply  *msk_test_post_form      (MskTestServer *server,
                                        const char    *path,
                                        const char    *form);
char          *msk_test_login          (MskTestServer *server,
                                        const char    *username,
                                        const char    *password);
void           msk_test_reply_free     (MskTestReply  *reply);

JsonObject    *msk_test_object         (MskTestReply  *reply);
JsonArray     *msk_test_array          (MskTestReply  *reply);
JsonArray     *msk_test_items          (MskTestReply  *reply);
const char    *msk_test_header         (MskTestReply  *reply,
                                        const char    *name);
void           msk_test_assert_problem (MskTestReply  *reply,
                                        guint          status,
                                        const char    *code);
void           msk_test_assert_open311_error (MskTestReply *reply,
                                              guint         status);
JsonObject    *msk_test_find_error     (MskTestReply  *reply,
                                        const char    *field);
gboolean       msk_test_has_arabic     (const char    *text);

/* Raw HTTP/1.1 over a blocking socket (10 s timeout), for what a
 * SoupSession will not send: a forged Host, a trickled or endless body. */
GSocket       *msk_test_connect        (MskTestServer *server);
gboolean       msk_test_send_all       (GSocket       *socket,
                                        const char    *data,
                                        gsize          length);
MskTestReply  *msk_test_read_reply     (GSocket       *socket);
MskTestReply  *msk_test_raw_request    (MskTestServer *server,
                                        const char    *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskTestReply, msk_test_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskTestServer, msk_test_server_free)

/* Demo accounts (see the README) */
#define CITIZEN_PASSWORD "Citizen-Demo-2026"
#define MODERATOR_PASSWORD "Moderator-Demo-2026"
#define STAFF_PASSWORD "Staff-Demo-2026"
#define DEMO_API_KEY "musharaka-demo-key-2026"

G_END_DECLS
