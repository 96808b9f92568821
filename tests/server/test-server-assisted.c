/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Assisted participation: a staff member at a service center starts a
 * session, and what a citizen submits in it (the Musharaka-Assisted-Session
 * header) records the staff member. Moderators and staff see who helped;
 * the public sees nothing of it; the open data only that a submission was
 * assisted. The server runs on loopback with its real database, which the
 * test reads too.
 */
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <string.h>

#include "msk-test-server.h"
#include "msk-server-db.h"
#include "msk-srv-session.h"

#define HEADER "Musharaka-Assisted-Session"
#define UNKNOWN_CODE "0123456789abcdef0123456789abcdef"
#define ALWAHA "jurisdiction_id=alwaha.example"

static MskTestServer *srv;
static MskServerDb *db;   /* the server's own database, read beside it */
static char *citizen;
static char *moderator;
static char *staff;
static gint64 staff_id;
static char *staff_name;

/* ---- helpers -------------------------------------------------------------- */

/* A request with a JSON body, in the assisted session @code (none when NULL). */
static MskTestReply *
send_json (const char *method,
           const char *path,
           const char *token,
           const char *code,
           const char *body)
{
  if (code == NULL)
    return msk_test_send_json (srv, method, path, token, body);
  return msk_test_request (srv, method, path, token, "application/json", body, -1,
                           HEADER, code, NULL);
}

static MskTestReply *
post_open311 (const char *path,
              const char *code,
              const char *form)
{
  const char *ctype = "application/x-www-form-urlencoded; charset=utf-8";

  if (code == NULL)
    return msk_test_request (srv, "POST", path, NULL, ctype, form, -1, NULL);
  return msk_test_request (srv, "POST", path, NULL, ctype, form, -1, HEADER, code, NULL);
}

static MskTestReply *
start_session (const char *token)
{
  return msk_test_request (srv, "POST", "/v1/assisted-sessions", token, NULL, NULL, 0, NULL);
}

/* Starts a session as the demo staff member; returns its code. */
static char *
new_session (void)
{
  g_autoptr(MskTestReply) reply = start_session (staff);

  g_assert_cmpuint (reply->status, ==, 201);
  return g_strdup (json_object_get_string_member (msk_test_object (reply), "id"));
}

static MskTestReply *
end_session (const char *token,
             const char *code)
{
  g_autofree char *path = g_strdup_printf ("/v1/assisted-sessions/%s/end", code);

  return msk_test_request (srv, "POST", path, token, NULL, NULL, 0, NULL);
}

static gint64
created_id (MskTestReply *reply)
{
  if (reply->status != 201)
    g_test_message ("unexpected reply %u: %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, 201);
  return json_object_get_int_member (msk_test_object (reply), "id");
}

/* The tracking number's request id: MSK-000123 → 123. */
static gint64
created_request (MskTestReply *reply)
{
  const char *tracking;

  if (reply->status != 201)
    g_test_message ("unexpected reply %u: %s", reply->status, reply->text);
  g_assert_cmpuint (reply->status, ==, 201);
  tracking = json_object_get_string_member (json_array_get_object_element (msk_test_array (reply),
                                                                          0),
                                            "service_request_id");
  g_assert_true (g_str_has_prefix (tracking, "MSK-"));
  return g_ascii_strtoll (tracking + 4, NULL, 10);
}

/* assisted_by of one row in the database, 0 for NULL */
static gint64
comment_assisted_by (gint64 id)
{
  return msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM comments "
                                  "WHERE id = ?", id);
}

static gint64
request_assisted_by (gint64 id)
{
  return msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM service_requests "
                                  "WHERE id = ?", id);
}

/* Asserts @reply is the problem "unknown-assisted-session", as problem+json. */
static void
assert_unknown_session (MskTestReply *reply)
{
  msk_test_assert_problem (reply, 422, "unknown-assisted-session");
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (reply), "type"), ==,
                   "urn:musharaka:problem:unknown-assisted-session");
}

/* Finds the item @id in the pages of @path (a list with ?limit=); NULL when
 * it is on none. Fails when a page names the staff member and @public. */
static JsonObject *
find_item (const char *path,
           const char *token,
           gint64      id,
           gboolean    public)
{
  g_autofree char *cursor = NULL;

  for (guint page = 0; page < 100; page++)
    {
      g_autofree char *url = cursor == NULL
        ? g_strdup (path)
        : g_strdup_printf ("%s&cursor=%s", path, cursor);
      g_autoptr(MskTestReply) reply = msk_test_get (srv, url, token);
      JsonArray *items;
      JsonObject *found = NULL;
      JsonNode *next;

      g_assert_cmpuint (reply->status, ==, 200);
      if (public)
        {
          g_assert_null (strstr (reply->text, staff_name));
          g_assert_null (strstr (reply->text, "assisted"));
        }
      items = msk_test_items (reply);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *o = json_array_get_object_element (items, i);

          if (json_object_get_int_member (o, "id") == id)
            found = json_object_ref (o);
        }
      if (found != NULL)
        return found;
      next = json_object_get_member (msk_test_object (reply), "next_cursor");
      if (JSON_NODE_HOLDS_NULL (next))
        return NULL;
      g_free (cursor);
      cursor = g_uri_escape_string (json_node_get_string (next), NULL, TRUE);
    }
  g_assert_not_reached ();
}

static void
assert_assisted (JsonObject *o,
                 gboolean    assisted)
{
  JsonNode *by = json_object_get_member (o, "assisted_by");

  g_assert_true (json_object_has_member (o, "assisted"));
  g_assert_cmpint (json_object_get_boolean_member (o, "assisted"), ==, assisted);
  g_assert_nonnull (by);
  if (!assisted)
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (by));
      return;
    }
  g_assert_true (JSON_NODE_HOLDS_OBJECT (by));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (by), "display_name"),
                   ==, staff_name);
}

static void
assert_not_shown (JsonObject *o)
{
  g_assert_false (json_object_has_member (o, "assisted"));
  g_assert_false (json_object_has_member (o, "assisted_by"));
}

/* A survey response to survey 9 (all its required questions). */
#define SURVEY_ANSWERS \
  "{\"answers\":[{\"question_id\":1,\"value\":2},{\"question_id\":3,\"value\":4}," \
  "{\"question_id\":4,\"value\":true}]}"

#define COMPLAINT_FORM \
  "api_key=" DEMO_API_KEY "&" ALWAHA "&service_code=cleanliness&lat=25.28&long=55.37" \
  "&attribute%5Btype%5D%5B%5D=litter&description=Litter+by+the+service+center"

/* ---- starting and ending a session -------------------------------------------- */

static void
test_start_refused (void)
{
  g_autoptr(MskTestReply) anonymous = start_session (NULL);
  g_autoptr(MskTestReply) as_citizen = start_session (citizen);
  g_autoptr(MskTestReply) as_moderator = start_session (moderator);
  gint64 before = msk_server_db_query_int (db, "SELECT count(*) FROM assisted_sessions", 0);

  msk_test_assert_problem (anonymous, 401, "unauthorized");
  g_assert_nonnull (msk_test_header (anonymous, "WWW-Authenticate"));
  msk_test_assert_problem (as_citizen, 403, "forbidden");
  msk_test_assert_problem (as_moderator, 403, "forbidden");
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM assisted_sessions", 0), ==,
                   before);
}

static void
test_start (void)
{
  g_autoptr(MskTestReply) first = start_session (staff);
  g_autoptr(MskTestReply) second = start_session (staff);
  g_autoptr(MskTestReply) with_body = msk_test_send_json (srv, "POST", "/v1/assisted-sessions",
                                                          staff, "{}");
  g_autoptr(MskTestReply) unknown_member = msk_test_send_json (srv, "POST",
                                                               "/v1/assisted-sessions", staff,
                                                               "{\"citizen\":\"Mariam\"}");
  g_autoptr(GDateTime) started = NULL;
  JsonObject *o;
  const char *id;

  g_assert_cmpuint (first->status, ==, 201);
  o = msk_test_object (first);
  id = json_object_get_string_member (o, "id");
  g_test_message ("a session: %s", first->text);
  /* opaque: 128 random bits in hex, nothing of who or when */
  g_assert_cmpuint (strlen (id), ==, 32);
  for (const char *p = id; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p));
  g_assert_cmpstr (id, !=, json_object_get_string_member (msk_test_object (second), "id"));
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT staff_id FROM assisted_sessions "
                                            "ORDER BY id DESC LIMIT 1", 0), ==, staff_id);

  started = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "started_at"), NULL);
  g_assert_nonnull (started);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "ended_at")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "staff"),
                                                  "display_name"), ==, staff_name);

  g_assert_cmpuint (with_body->status, ==, 201);
  msk_test_assert_problem (unknown_member, 422, "validation-failed");
}

static void
test_start_idempotent (void)
{
  gint64 before = msk_server_db_query_int (db, "SELECT count(*) FROM assisted_sessions", 0);
  g_autoptr(MskTestReply) a = msk_test_request (srv, "POST", "/v1/assisted-sessions", staff,
                                                NULL, NULL, 0,
                                                "Idempotency-Key", "assisted-start-1", NULL);
  g_autoptr(MskTestReply) b = msk_test_request (srv, "POST", "/v1/assisted-sessions", staff,
                                                NULL, NULL, 0,
                                                "Idempotency-Key", "assisted-start-1", NULL);

  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (a), "id"), ==,
                   json_object_get_string_member (msk_test_object (b), "id"));
  g_assert_cmpstr (msk_test_header (b, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM assisted_sessions", 0), ==,
                   before + 1);
}

/* A retried submission is stored once; the same key in another session is
 * another request. */
static void
test_submission_idempotent (void)
{
  g_autofree char *code = new_session ();
  g_autofree char *other = new_session ();
  const char *body = "{\"body\":\"Queued while the network was down.\"}";
  g_autoptr(MskTestReply) a = msk_test_request (srv, "POST", "/v1/topics/1/comments", citizen,
                                                "application/json", body, -1, HEADER, code,
                                                "Idempotency-Key", "assisted-comment-1", NULL);
  g_autoptr(MskTestReply) b = msk_test_request (srv, "POST", "/v1/topics/1/comments", citizen,
                                                "application/json", body, -1, HEADER, code,
                                                "Idempotency-Key", "assisted-comment-1", NULL);
  g_autoptr(MskTestReply) elsewhere = msk_test_request (srv, "POST", "/v1/topics/1/comments",
                                                        citizen, "application/json", body, -1,
                                                        HEADER, other, "Idempotency-Key",
                                                        "assisted-comment-1", NULL);
  gint64 id = created_id (a);

  g_assert_cmpint (created_id (b), ==, id);
  g_assert_cmpstr (msk_test_header (b, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpint (comment_assisted_by (id), ==, staff_id);
  msk_test_assert_problem (elsewhere, 422, "idempotency-key-reused");
}

static void
test_end (void)
{
  g_autofree char *code = new_session ();
  g_autofree char *first_end = NULL;
  g_autofree char *other_staff = NULL;
  g_autoptr(MskTestReply) anonymous = end_session (NULL, code);
  g_autoptr(MskTestReply) as_citizen = end_session (citizen, code);
  g_autoptr(MskTestReply) unknown = end_session (staff, UNKNOWN_CODE);
  g_autoptr(MskTestReply) by_other = NULL;
  g_autoptr(MskTestReply) ended = NULL;
  g_autoptr(MskTestReply) again = NULL;
  g_autoptr(MskTestReply) late = NULL;
  gint64 late_id;
  JsonObject *o;

  msk_test_assert_problem (anonymous, 401, "unauthorized");
  msk_test_assert_problem (as_citizen, 403, "forbidden");
  msk_test_assert_problem (unknown, 404, "not-found");

  /* another staff member cannot end it */
  g_assert_cmpint (msk_srv_add_user (db, "staff-two", "Staff Two", "Second-Staff-2026",
                                     "citizen,staff"), >, 0);
  other_staff = msk_test_login (srv, "staff-two", "Second-Staff-2026");
  by_other = end_session (other_staff, code);
  msk_test_assert_problem (by_other, 403, "forbidden");
  g_assert_true (json_object_has_member (msk_test_object (by_other), "detail"));
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM assisted_sessions "
                                            "WHERE ended_at IS NOT NULL AND staff_id = ?",
                                            staff_id), ==, 0);

  ended = end_session (staff, code);
  g_assert_cmpuint (ended->status, ==, 200);
  o = msk_test_object (ended);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, code);
  g_assert_nonnull (json_object_get_string_member (o, "started_at"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "staff"),
                                                  "display_name"), ==, staff_name);
  first_end = g_strdup (json_object_get_string_member (o, "ended_at"));
  g_assert_nonnull (first_end);

  /* ending twice keeps the first end */
  g_usleep (1100 * 1000);
  again = end_session (staff, code);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (again), "ended_at"), ==,
                   first_end);

  /* a submission queued during the session and sent after it still counts */
  late = send_json ("POST", "/v1/topics/1/comments", citizen, code,
                    "{\"body\":\"Sent from the outbox after the visit.\"}");
  late_id = created_id (late);
  g_assert_cmpint (comment_assisted_by (late_id), ==, staff_id);
}

/* ---- submissions made in a session ----------------------------------------------- */

static void
test_submissions_store_staff (void)
{
  g_autofree char *code = new_session ();
  g_autoptr(MskTestReply) comment = send_json ("POST", "/v1/topics/1/comments", citizen, code,
                                               "{\"body\":\"Helped at the service center.\"}");
  g_autoptr(MskTestReply) plain = send_json ("POST", "/v1/topics/1/comments", citizen, NULL,
                                             "{\"body\":\"Sent from home.\"}");
  g_autoptr(MskTestReply) poll = msk_test_get (srv, "/v1/polls/5", NULL);
  g_autoptr(MskTestReply) ballot = NULL;
  g_autoptr(MskTestReply) survey = send_json ("POST", "/v1/surveys/9/responses", citizen, code,
                                              SURVEY_ANSWERS);
  g_autoptr(MskTestReply) feedback = send_json ("POST", "/v1/feedback", NULL, code,
                                                "{\"topic_id\":1,\"useful\":false,"
                                                "\"reasons\":[\"hard_to_read\"]}");
  g_autoptr(MskTestReply) idea = send_json ("POST", "/v1/topics/11/ideas", citizen, code,
                                            "{\"title\":\"Benches in the shade\","
                                            "\"body\":\"By the clinic.\"}");
  g_autoptr(MskTestReply) support = NULL;
  g_autoptr(MskTestReply) published = NULL;
  g_autoptr(MskTestReply) flag = NULL;
  g_autoptr(MskTestReply) complaint = post_open311 ("/open311/v2/requests.json", code,
                                                    COMPLAINT_FORM);
  g_autofree char *ballot_body = NULL;
  g_autofree char *support_path = NULL;
  g_autofree char *flag_path = NULL;
  gint64 comment_id, plain_id, idea_id, request_id;

  comment_id = created_id (comment);
  plain_id = created_id (plain);
  g_assert_cmpint (comment_assisted_by (comment_id), ==, staff_id);
  g_assert_cmpint (comment_assisted_by (plain_id), ==, 0);
  /* the citizen's own reply says nothing of it */
  assert_not_shown (msk_test_object (comment));
  g_assert_null (strstr (comment->text, staff_name));

  ballot_body = g_strdup_printf ("{\"options\":[%" G_GINT64_FORMAT "]}",
                                 json_object_get_int_member (json_array_get_object_element (
                                   json_object_get_array_member (msk_test_object (poll),
                                                                 "options"), 0), "id"));
  ballot = send_json ("PUT", "/v1/polls/5/ballot", citizen, code, ballot_body);
  g_assert_cmpuint (ballot->status, ==, 200);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM ballots "
                                            "WHERE topic_id = 5 AND user_id = (SELECT id FROM "
                                            "users WHERE username = 'citizen') AND ? = 1", 1),
                   ==, staff_id);

  g_assert_cmpuint (survey->status, ==, 201);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM "
                                            "survey_responses WHERE id = ?",
                                            json_object_get_int_member (msk_test_object (survey),
                                                                        "id")), ==, staff_id);

  /* page feedback is anonymous, and assisted all the same */
  g_assert_cmpuint (feedback->status, ==, 201);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM feedback "
                                            "ORDER BY id DESC LIMIT 1", 0), ==, staff_id);

  idea_id = created_id (idea);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM ideas "
                                            "WHERE id = ?", idea_id), ==, staff_id);
  support_path = g_strdup_printf ("/v1/ideas/%" G_GINT64_FORMAT "/support", idea_id);
  support = send_json ("PUT", support_path, moderator, code, "{}");
  g_assert_cmpuint (support->status, ==, 200);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM "
                                            "idea_supports WHERE idea_id = ?", idea_id), ==,
                   staff_id);

  /* a flag on a published comment */
  published = msk_test_get (srv, "/v1/topics/1/comments?limit=1", NULL);
  flag_path = g_strdup_printf ("/v1/comments/%" G_GINT64_FORMAT "/flags",
                               json_object_get_int_member (json_array_get_object_element (
                                 msk_test_items (published), 0), "id"));
  flag = send_json ("POST", flag_path, staff, code, "{\"reason\":\"personal_data\"}");
  g_assert_cmpuint (flag->status, ==, 201);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT coalesce(assisted_by, 0) FROM "
                                            "comment_flags ORDER BY id DESC LIMIT 1", 0), ==,
                   staff_id);

  /* a complaint over Open311 */
  request_id = created_request (complaint);
  g_assert_cmpint (request_assisted_by (request_id), ==, staff_id);
}

/* What moderators and staff see, and what everyone else does not. */
static void
test_who_sees_it (void)
{
  g_autofree char *code = new_session ();
  g_autoptr(MskTestReply) comment = send_json ("POST", "/v1/topics/13/comments", citizen, code,
                                               "{\"body\":\"Please open on Saturdays.\"}");
  g_autoptr(MskTestReply) plain = send_json ("POST", "/v1/topics/13/comments", citizen, NULL,
                                             "{\"body\":\"Longer opening hours.\"}");
  g_autoptr(MskTestReply) complaint = post_open311 ("/open311/v2/requests.json", code,
                                                    COMPLAINT_FORM);
  g_autoptr(MskTestReply) decision = NULL;
  g_autoptr(JsonObject) queued = NULL;
  g_autoptr(JsonObject) queued_plain = NULL;
  g_autoptr(JsonObject) listed = NULL;
  g_autoptr(JsonObject) listed_own = NULL;
  g_autoptr(JsonObject) listed_moderator = NULL;
  g_autofree char *decision_path = NULL;
  g_autofree char *request_path = NULL;
  g_autofree char *request_xml = NULL;
  gint64 comment_id = created_id (comment);
  gint64 plain_id = created_id (plain);
  gint64 request_id = created_request (complaint);

  /* the moderators' queue */
  queued = find_item ("/v1/moderation/comments?limit=50", moderator, comment_id, FALSE);
  queued_plain = find_item ("/v1/moderation/comments?limit=50", moderator, plain_id, FALSE);
  g_assert_nonnull (queued);
  g_assert_nonnull (queued_plain);
  assert_assisted (queued, TRUE);
  assert_assisted (queued_plain, FALSE);
  /* the author stays the citizen */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (queued,
                                                                                 "author"),
                                                  "display_name"), !=, staff_name);

  /* the citizen's own pending comment, in the public list */
  listed_own = find_item ("/v1/topics/13/comments?limit=50", citizen, comment_id, TRUE);
  g_assert_nonnull (listed_own);
  assert_not_shown (listed_own);

  /* published: the moderator's decision says it, the public list does not */
  decision_path = g_strdup_printf ("/v1/comments/%" G_GINT64_FORMAT "/moderation", comment_id);
  decision = msk_test_send_json (srv, "POST", decision_path, moderator,
                                 "{\"decision\":\"publish\"}");
  g_assert_cmpuint (decision->status, ==, 200);
  assert_assisted (msk_test_object (decision), TRUE);
  listed = find_item ("/v1/topics/13/comments?limit=50", NULL, comment_id, TRUE);
  g_assert_nonnull (listed);
  assert_not_shown (listed);
  g_clear_pointer (&listed, json_object_unref);
  listed = find_item ("/v1/topics/13/comments?limit=50", citizen, comment_id, TRUE);
  g_assert_nonnull (listed);
  assert_not_shown (listed);
  /* the public list is the public's for a moderator too */
  listed_moderator = find_item ("/v1/topics/13/comments?limit=50", moderator, comment_id, FALSE);
  g_assert_nonnull (listed_moderator);
  assert_not_shown (listed_moderator);
  {
    g_autoptr(MskTestReply) topic = msk_test_get (srv, "/v1/topics/13", NULL);

    g_assert_cmpuint (topic->status, ==, 200);
    g_assert_null (strstr (topic->text, staff_name));
    g_assert_null (strstr (topic->text, "assisted"));
  }

  /* the complaint: staff read who helped in its extended attributes */
  request_path = g_strdup_printf ("/open311/v2/requests/MSK-%06" G_GINT64_FORMAT
                                  ".json?extensions=true&" ALWAHA, request_id);
  {
    g_autoptr(MskTestReply) as_staff = msk_test_get (srv, request_path, staff);
    g_autoptr(MskTestReply) anonymous = msk_test_get (srv, request_path, NULL);
    g_autoptr(MskTestReply) as_citizen = msk_test_get (srv, request_path, citizen);
    JsonObject *request;

    g_assert_cmpuint (as_staff->status, ==, 200);
    request = json_array_get_object_element (msk_test_array (as_staff), 0);
    assert_assisted (json_object_get_object_member (request, "extended_attributes"), TRUE);
    g_assert_cmpuint (anonymous->status, ==, 200);
    g_assert_cmpuint (as_citizen->status, ==, 200);
    g_assert_null (strstr (anonymous->text, staff_name));
    g_assert_null (strstr (anonymous->text, "assisted"));
    g_assert_null (strstr (as_citizen->text, staff_name));
    g_assert_null (strstr (as_citizen->text, "assisted"));
  }
  {
    /* staff's status change answers with it too */
    g_autofree char *path = g_strdup_printf ("/v1/service-requests/MSK-%06" G_GINT64_FORMAT
                                             "/status", request_id);
    g_autoptr(MskTestReply) moved = msk_test_send_json (srv, "POST", path, staff,
                                                        "{\"detailed_status\":\"IN_PROCESS\"}");

    g_assert_cmpuint (moved->status, ==, 200);
    assert_assisted (json_object_get_object_member (msk_test_object (moved),
                                                    "extended_attributes"), TRUE);
  }
  {
    /* in XML, still valid GeoReport v2 with the CitySDK extension */
    g_autoptr(MskTestReply) xml = NULL;
    xmlDoc *doc;
    xmlRelaxNGParserCtxt *pctx = xmlRelaxNGNewParserCtxt (MSK_OPEN311_SCHEMAS
                                                          "/service-requests.rng");
    xmlRelaxNG *rng = xmlRelaxNGParse (pctx);
    xmlRelaxNGValidCtxt *vctx = xmlRelaxNGNewValidCtxt (rng);

    request_xml = g_strdup_printf ("/open311/v2/requests/MSK-%06" G_GINT64_FORMAT
                                   ".xml?extensions=true&" ALWAHA, request_id);
    xml = msk_test_get (srv, request_xml, staff);
    g_assert_cmpuint (xml->status, ==, 200);
    g_assert_nonnull (strstr (xml->text, "<assisted>true</assisted>"));
    g_assert_nonnull (strstr (xml->text, staff_name));
    doc = xmlReadMemory (xml->text, strlen (xml->text), "reply.xml", NULL, XML_PARSE_NONET);
    g_assert_nonnull (doc);
    g_assert_cmpint (xmlRelaxNGValidateDoc (vctx, doc), ==, 0);
    xmlFreeDoc (doc);
    xmlRelaxNGFreeValidCtxt (vctx);
    xmlRelaxNGFree (rng);
    xmlRelaxNGFreeParserCtxt (pctx);
  }
}

/* ---- open data ------------------------------------------------------------------ */

/* The CSV line of idea @id, or NULL. */
static char *
idea_line (const char *csv,
           gint64      id)
{
  g_autofree char *prefix = g_strdup_printf ("\r\nidea,%" G_GINT64_FORMAT ",", id);
  const char *start = strstr (csv, prefix);
  const char *end;

  if (start == NULL)
    return NULL;
  start += 2;
  end = strstr (start, "\r\n");
  return g_strndup (start, end - start);
}

static void
test_export (void)
{
  g_autofree char *code = new_session ();
  g_autoptr(MskTestReply) assisted = send_json ("POST", "/v1/topics/11/ideas", citizen, code,
                                                "{\"title\":\"Water fountains\","
                                                "\"body\":\"Along the walk.\"}");
  g_autoptr(MskTestReply) plain = send_json ("POST", "/v1/topics/11/ideas", citizen, NULL,
                                             "{\"title\":\"Trees by the school\","
                                             "\"body\":\"For shade at pick-up time.\"}");
  g_autoptr(MskTestReply) csv = NULL;
  g_autoptr(MskTestReply) json = NULL;
  g_autoptr(MskTestReply) ideas = NULL;
  g_autofree char *assisted_line = NULL;
  g_autofree char *plain_line = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 assisted_id = created_id (assisted);
  gint64 plain_id = created_id (plain);
  guint true_rows = 0;
  JsonArray *items;

  csv = msk_test_get (srv, "/v1/export/11.csv", NULL);
  g_assert_cmpuint (csv->status, ==, 200);
  g_assert_true (g_str_has_prefix (csv->text,
                                   "section,item_id,label_ar,label_en,metric,value,assisted\r\n"));
  assisted_line = idea_line (csv->text, assisted_id);
  plain_line = idea_line (csv->text, plain_id);
  g_test_message ("%s\n%s", assisted_line, plain_line);
  g_assert_nonnull (assisted_line);
  g_assert_nonnull (plain_line);
  g_assert_true (g_str_has_suffix (assisted_line, ",true"));
  g_assert_true (g_str_has_suffix (plain_line, ",false"));
  /* every other row is false, and every row has the column */
  lines = g_strsplit (csv->text, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_assert_true (g_str_has_suffix (lines[i], ",true") ||
                     g_str_has_suffix (lines[i], ",false"));
      if (g_str_has_suffix (lines[i], ",true"))
        true_rows++;
    }
  /* the ideas made assisted by the other tests of this file too */
  g_assert_cmpuint (true_rows, ==, msk_server_db_query_int (db, "SELECT count(*) FROM ideas "
                                                            "WHERE topic_id = ? AND "
                                                            "assisted_by IS NOT NULL", 11));
  g_assert_null (strstr (csv->text, staff_name));

  json = msk_test_get (srv, "/v1/export/11.json", NULL);
  g_assert_cmpuint (json->status, ==, 200);
  g_assert_null (strstr (json->text, staff_name));
  g_assert_null (strstr (json->text, "assisted_by"));
  items = json_object_get_array_member (msk_test_object (json), "ideas");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      gint64 id = json_object_get_int_member (o, "id");

      g_assert_true (json_object_has_member (o, "assisted"));
      if (id == assisted_id)
        g_assert_true (json_object_get_boolean_member (o, "assisted"));
      else if (id == plain_id)
        g_assert_false (json_object_get_boolean_member (o, "assisted"));
    }

  /* the ideas themselves stay silent about it */
  ideas = msk_test_get (srv, "/v1/topics/11/ideas?limit=50", NULL);
  g_assert_cmpuint (ideas->status, ==, 200);
  g_assert_null (strstr (ideas->text, staff_name));
  g_assert_null (strstr (ideas->text, "assisted"));
}

/* ---- an unknown session ----------------------------------------------------------------- */

static void
test_unknown_session (void)
{
  gint64 comments = msk_server_db_query_int (db, "SELECT count(*) FROM comments", 0);
  gint64 feedback = msk_server_db_query_int (db, "SELECT count(*) FROM feedback", 0);
  gint64 ideas = msk_server_db_query_int (db, "SELECT count(*) FROM ideas", 0);
  gint64 requests = msk_server_db_query_int (db, "SELECT count(*) FROM service_requests", 0);
  gint64 ballot_at = msk_server_db_query_int (db, "SELECT coalesce(max(updated_at), 0) FROM "
                                              "ballots WHERE topic_id = ?", 7);
  g_autoptr(MskTestReply) comment = send_json ("POST", "/v1/topics/1/comments", citizen,
                                               UNKNOWN_CODE, "{\"body\":\"Lost session\"}");
  g_autoptr(MskTestReply) feedback_reply = send_json ("POST", "/v1/feedback", NULL, UNKNOWN_CODE,
                                                      "{\"topic_id\":1,\"useful\":true,"
                                                      "\"reasons\":[\"clear\"]}");
  g_autoptr(MskTestReply) idea = send_json ("POST", "/v1/topics/11/ideas", citizen, UNKNOWN_CODE,
                                            "{\"title\":\"Lost\",\"body\":\"Lost session\"}");
  g_autoptr(MskTestReply) poll = msk_test_get (srv, "/v1/polls/7", NULL);
  g_autoptr(MskTestReply) ballot = NULL;
  g_autoptr(MskTestReply) survey = send_json ("POST", "/v1/surveys/9/responses", moderator,
                                              UNKNOWN_CODE, SURVEY_ANSWERS);
  g_autoptr(MskTestReply) o311_json = post_open311 ("/open311/v2/requests.json", UNKNOWN_CODE,
                                                    COMPLAINT_FORM);
  g_autoptr(MskTestReply) o311_xml = post_open311 ("/open311/v2/requests.xml", UNKNOWN_CODE,
                                                   COMPLAINT_FORM);
  g_autoptr(MskTestReply) o311_ar = NULL;
  g_autofree char *ballot_body = NULL;

  ballot_body = g_strdup_printf ("{\"options\":[%" G_GINT64_FORMAT "]}",
                                 json_object_get_int_member (json_array_get_object_element (
                                   json_object_get_array_member (msk_test_object (poll),
                                                                 "options"), 0), "id"));
  ballot = send_json ("PUT", "/v1/polls/7/ballot", citizen, UNKNOWN_CODE, ballot_body);

  g_test_message ("an unknown session: %s", comment->text);
  assert_unknown_session (comment);
  assert_unknown_session (feedback_reply);
  assert_unknown_session (idea);
  assert_unknown_session (ballot);
  assert_unknown_session (survey);
  /* Open311 paths answer it as problem+json, so the client reads the code */
  g_test_message ("on Open311: %s", o311_json->text);
  assert_unknown_session (o311_json);
  assert_unknown_session (o311_xml);
  o311_ar = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                              "application/x-www-form-urlencoded; charset=utf-8", COMPLAINT_FORM,
                              -1, HEADER, UNKNOWN_CODE, "Accept-Language", "ar", NULL);
  assert_unknown_session (o311_ar);
  g_assert_true (msk_test_has_arabic (json_object_get_string_member (msk_test_object (o311_ar),
                                                                     "title")));

  /* nothing stored */
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM comments", 0), ==,
                   comments);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM feedback", 0), ==,
                   feedback);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM ideas", 0), ==, ideas);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM service_requests", 0), ==,
                   requests);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM survey_responses WHERE "
                                            "user_id = (SELECT id FROM users WHERE username = "
                                            "'moderator') AND topic_id = ?", 9), ==, 0);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT coalesce(max(updated_at), 0) FROM "
                                            "ballots WHERE topic_id = ?", 7), ==, ballot_at);
  g_assert_cmpint (msk_server_db_query_int (db, "SELECT count(*) FROM ballots WHERE topic_id = 7 "
                                            "AND user_id = (SELECT id FROM users WHERE "
                                            "username = 'citizen') AND ? = 1", 1), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskTestReply) me = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  srv = msk_test_server_start (NULL, TRUE, NULL);
  db = msk_server_db_new (srv->data_dir, &error);
  g_assert_no_error (error);
  citizen = msk_test_login (srv, "citizen", CITIZEN_PASSWORD);
  moderator = msk_test_login (srv, "moderator", MODERATOR_PASSWORD);
  staff = msk_test_login (srv, "staff", STAFF_PASSWORD);
  me = msk_test_get (srv, "/v1/me", staff);
  g_assert_cmpuint (me->status, ==, 200);
  staff_id = json_object_get_int_member (msk_test_object (me), "id");
  staff_name = g_strdup (json_object_get_string_member (msk_test_object (me), "display_name"));
  g_assert_cmpint (staff_id, ==, msk_server_db_query_int (db, "SELECT id FROM users "
                                                          "WHERE username = 'staff'", 0));

  g_test_add_func ("/server/assisted/start-refused", test_start_refused);
  g_test_add_func ("/server/assisted/start", test_start);
  g_test_add_func ("/server/assisted/start-idempotent", test_start_idempotent);
  g_test_add_func ("/server/assisted/submission-idempotent", test_submission_idempotent);
  g_test_add_func ("/server/assisted/submissions-store-staff", test_submissions_store_staff);
  g_test_add_func ("/server/assisted/who-sees-it", test_who_sees_it);
  g_test_add_func ("/server/assisted/export", test_export);
  g_test_add_func ("/server/assisted/unknown-session", test_unknown_session);
  g_test_add_func ("/server/assisted/end", test_end);

  ret = g_test_run ();

  g_clear_object (&db);
  msk_test_server_stop (srv);
  g_clear_pointer (&srv, msk_test_server_free);
  g_free (citizen);
  g_free (moderator);
  g_free (staff);
  g_free (staff_name);
  return ret;
}
