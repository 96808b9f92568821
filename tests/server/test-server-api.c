/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Every /v1 route of the demo server, its success and its errors, over real
 * HTTP on loopback.
 */
#include <string.h>

#include "msk-test-server.h"

static MskTestServer *srv;
static char *citizen;
static char *moderator;
static char *staff;

/* Demo topic ids (data/demo.json order) */
enum
{
  T_PARKS = 1, T_TRANSPORT, T_VOLUNTEERING, T_PARKING, T_LIBRARY_POLL, T_ROADS_POLL,
  T_CENTRES_POLL, T_MARKET_POLL, T_SATISFACTION_SURVEY, T_SENIORS_SURVEY, T_GREENING_IDEAS,
  T_BEACH_IDEAS, T_ACCESSIBILITY, T_SCHOOLS_SURVEY,
};

static const char *
loc_str (JsonObject *o,
         const char *member,
         const char *lang)
{
  return json_object_get_string_member (json_object_get_object_member (o, member), lang);
}

static gint64
int_member (JsonObject *o,
            const char *name)
{
  return json_object_get_int_member (o, name);
}

/* ---- accounts ------------------------------------------------------------- */

static void
test_session (void)
{
  g_autoptr(MskTestReply) ok = msk_test_send_json (srv, "POST", "/v1/session", NULL,
                                                   "{\"username\":\"moderator\",\"password\":\""
                                                   MODERATOR_PASSWORD "\"}");
  g_autoptr(MskTestReply) wrong = NULL;
  g_autoptr(MskTestReply) unknown = NULL;
  g_autoptr(MskTestReply) missing = NULL;
  g_autoptr(MskTestReply) me = NULL;
  g_autoptr(MskTestReply) out = NULL;
  g_autoptr(MskTestReply) after = NULL;
  g_autoptr(MskTestReply) anon_out = NULL;
  JsonObject *session;
  JsonArray *roles;
  const char *token;

  g_assert_cmpuint (ok->status, ==, 201);
  session = msk_test_object (ok);
  token = json_object_get_string_member (session, "token");
  g_assert_cmpstr (json_object_get_string_member (session, "token_type"), ==, "Bearer");
  g_assert_true (json_object_has_member (session, "expires_at"));
  roles = json_object_get_array_member (json_object_get_object_member (session, "user"), "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (roles, 1), ==, "moderator");

  wrong = msk_test_send_json (srv, "POST", "/v1/session", NULL,
                              "{\"username\":\"moderator\",\"password\":\"nope\"}");
  msk_test_assert_problem (wrong, 401, "invalid-credentials");
  unknown = msk_test_send_json (srv, "POST", "/v1/session", NULL,
                                "{\"username\":\"nobody\",\"password\":\"nope\"}");
  msk_test_assert_problem (unknown, 401, "invalid-credentials");
  missing = msk_test_send_json (srv, "POST", "/v1/session", NULL, "{\"username\":\"x\"}");
  msk_test_assert_problem (missing, 422, "validation-failed");
  g_assert_nonnull (msk_test_find_error (missing, "/password"));

  me = msk_test_get (srv, "/v1/me", token);
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (me), "username"), ==,
                   "moderator");

  out = msk_test_request (srv, "DELETE", "/v1/session", token, NULL, NULL, 0, NULL);
  g_assert_cmpuint (out->status, ==, 204);
  after = msk_test_get (srv, "/v1/me", token);
  msk_test_assert_problem (after, 401, "unauthorized");
  g_assert_nonnull (msk_test_header (after, "WWW-Authenticate"));
  anon_out = msk_test_request (srv, "DELETE", "/v1/session", NULL, NULL, NULL, 0, NULL);
  msk_test_assert_problem (anon_out, 401, "unauthorized");
}

static void
test_accounts (void)
{
  g_autoptr(MskTestReply) created = msk_test_send_json (srv, "POST", "/v1/accounts", NULL,
                                                        "{\"username\":\"aisha.k\",\"password\":"
                                                        "\"long-enough-1\",\"display_name\":"
                                                        "\"عائشة\"}");
  g_autoptr(MskTestReply) again = NULL;
  g_autoptr(MskTestReply) bad = NULL;
  g_autoptr(MskTestReply) anon_me = NULL;
  g_autoptr(MskTestReply) bad_token = NULL;
  g_autofree char *token = NULL;
  JsonObject *user;

  g_assert_cmpuint (created->status, ==, 201);
  user = msk_test_object (created);
  g_assert_cmpstr (json_object_get_string_member (user, "display_name"), ==, "عائشة");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (user, "roles"),
                                                  0), ==, "citizen");

  again = msk_test_send_json (srv, "POST", "/v1/accounts", NULL,
                              "{\"username\":\"aisha.k\",\"password\":\"long-enough-2\"}");
  msk_test_assert_problem (again, 409, "username-taken");

  bad = msk_test_send_json (srv, "POST", "/v1/accounts", NULL,
                            "{\"username\":\"Bad Name\",\"password\":\"short\"}");
  msk_test_assert_problem (bad, 422, "validation-failed");
  g_assert_nonnull (msk_test_find_error (bad, "/password"));

  token = msk_test_login (srv, "aisha.k", "long-enough-1");
  g_assert_nonnull (token);

  anon_me = msk_test_get (srv, "/v1/me", NULL);
  msk_test_assert_problem (anon_me, 401, "unauthorized");
  bad_token = msk_test_get (srv, "/v1/me", "msk_not-a-token");
  msk_test_assert_problem (bad_token, 401, "unauthorized");
}

/* ---- entities and reports ----------------------------------------------------- */

static void
test_entities (void)
{
  g_autoptr(MskTestReply) all = msk_test_get (srv, "/v1/entities", NULL);
  g_autoptr(MskTestReply) page1 = msk_test_get (srv, "/v1/entities?limit=2", NULL);
  g_autoptr(MskTestReply) page2 = NULL;
  g_autoptr(MskTestReply) one = msk_test_get (srv, "/v1/entities/2", NULL);
  g_autoptr(MskTestReply) missing = msk_test_get (srv, "/v1/entities/99", NULL);
  g_autoptr(MskTestReply) bad = msk_test_get (srv, "/v1/entities/abc", NULL);
  g_autoptr(MskTestReply) bad_cursor = msk_test_get (srv, "/v1/entities?cursor=%21%21", NULL);
  g_autoptr(MskTestReply) bad_limit = msk_test_get (srv, "/v1/entities?limit=51", NULL);
  g_autoptr(GUri) next = NULL;
  const char *link;
  const char *cursor;
  g_autofree char *path = NULL;
  JsonArray *items;

  g_assert_cmpuint (all->status, ==, 200);
  items = msk_test_items (all);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  {
    static const char * const kinds[] = { "municipality", "emirate", "ministry" };

    for (guint i = 0; i < 3; i++)
      {
        JsonObject *e = json_array_get_object_element (items, i);

        g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, kinds[i]);
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "name"),
                                                        "ar"), !=, "");
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (e, "name"),
                                                        "en"), !=, "");
      }
  }
  g_assert_true (json_node_is_null (json_object_get_member (msk_test_object (all), "next_cursor")));
  g_assert_null (msk_test_header (all, "Link"));

  g_assert_cmpuint (json_array_get_length (msk_test_items (page1)), ==, 2);
  cursor = json_object_get_string_member (msk_test_object (page1), "next_cursor");
  g_assert_nonnull (cursor);
  link = msk_test_header (page1, "Link");
  g_assert_nonnull (link);
  g_assert_true (g_str_has_suffix (link, ">; rel=\"next\""));
  g_assert_nonnull (strstr (link, cursor));
  {
    g_autofree char *target = g_strndup (link + 1, strstr (link, ">") - link - 1);

    next = g_uri_parse (target, G_URI_FLAGS_ENCODED, NULL);
    g_assert_nonnull (next);
    path = g_strconcat (g_uri_get_path (next), "?", g_uri_get_query (next), NULL);
  }
  page2 = msk_test_get (srv, path, NULL);
  g_assert_cmpuint (page2->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (msk_test_items (page2)), ==, 1);
  g_assert_cmpint (int_member (json_array_get_object_element (msk_test_items (page2), 0), "id"),
                   ==, 3);

  g_assert_cmpuint (one->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (one), "jurisdiction_id"), ==,
                   "alsahel.example");
  msk_test_assert_problem (missing, 404, "not-found");
  msk_test_assert_problem (bad, 400, "invalid-id");
  msk_test_assert_problem (bad_cursor, 400, "invalid-cursor");
  msk_test_assert_problem (bad_limit, 400, "invalid-parameter");
}

static void
test_reports (void)
{
  g_autoptr(MskTestReply) report = msk_test_get (srv, "/v1/entities/1/reports", NULL);
  g_autoptr(MskTestReply) range = msk_test_get (srv,
                                                "/v1/entities/1/reports?from=2025-01&to=2025-03",
                                                NULL);
  g_autoptr(MskTestReply) bad = msk_test_get (srv, "/v1/entities/1/reports?from=2025-13", NULL);
  g_autoptr(MskTestReply) reversed = msk_test_get (srv,
                                                   "/v1/entities/1/reports?from=2025-05&to=2025-01",
                                                   NULL);
  g_autoptr(MskTestReply) missing = msk_test_get (srv, "/v1/entities/42/reports", NULL);
  JsonArray *months;
  gint64 ballots = 0, complaints = 0, participants = 0;
  gboolean answered = FALSE;

  g_assert_cmpuint (report->status, ==, 200);
  months = json_object_get_array_member (msk_test_object (report), "months");
  g_assert_cmpuint (json_array_get_length (months), ==, 12);
  for (guint i = 0; i < json_array_get_length (months); i++)
    {
      JsonObject *m = json_array_get_object_element (months, i);
      JsonObject *s = json_object_get_object_member (m, "submissions");

      ballots += int_member (s, "ballots");
      complaints += int_member (s, "complaints");
      participants += int_member (m, "participants");
      if (!json_node_is_null (json_object_get_member (m, "median_hours_to_answer")))
        {
          answered = TRUE;
          g_assert_cmpfloat (json_object_get_double_member (m, "answered_share"), >, 0.0);
        }
    }
  /* the municipality's library poll is open and shows its results after the
   * vote: its 108 demo ballots stay out of a report read anonymously */
  g_assert_cmpint (ballots, ==, 0);
  g_assert_cmpint (complaints, >=, 5);
  g_assert_cmpint (participants, >, 100);
  g_assert_true (answered);

  g_assert_cmpuint (range->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (msk_test_object (range),
                                                                          "months")), ==, 3);
  msk_test_assert_problem (bad, 400, "invalid-parameter");
  msk_test_assert_problem (reversed, 400, "invalid-parameter");
  msk_test_assert_problem (missing, 404, "not-found");
}

/* ---- topics ----------------------------------------------------------------- */

static gboolean
has_tashkeel (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x064b && c <= 0x0652)
        return TRUE;
    }
  return FALSE;
}

static void
test_topics_list (void)
{
  g_autoptr(MskTestReply) all = msk_test_get (srv, "/v1/topics?limit=50", NULL);
  g_autoptr(MskTestReply) polls = msk_test_get (srv, "/v1/topics?kind=poll", NULL);
  g_autoptr(MskTestReply) open = msk_test_get (srv, "/v1/topics?status=open&limit=50", NULL);
  g_autoptr(MskTestReply) entity = msk_test_get (srv, "/v1/topics?entity=3&limit=50", NULL);
  g_autoptr(MskTestReply) search =
    msk_test_get (srv, "/v1/topics?q=%D8%A7%D9%84%D8%AD%D8%AF%D8%A7%D8%A6%D9%82", NULL);
  g_autoptr(MskTestReply) search_en = msk_test_get (srv, "/v1/topics?q=beach", NULL);
  g_autoptr(MskTestReply) bad_kind = msk_test_get (srv, "/v1/topics?kind=referendum", NULL);
  g_autoptr(MskTestReply) bad_entity = msk_test_get (srv, "/v1/topics?entity=x", NULL);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *cursor = NULL;
  g_autofree gint64 *ids = g_new0 (gint64, 64);
  guint n_ids = 0;
  JsonArray *items;

  g_assert_cmpuint (all->status, ==, 200);
  items = msk_test_items (all);
  g_assert_cmpuint (json_array_get_length (items), >=, 12);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *t = json_array_get_object_element (items, i);

      g_hash_table_add (kinds, (gpointer) json_object_get_string_member (t, "kind"));
      g_hash_table_add (statuses, (gpointer) json_object_get_string_member (t, "status"));
      g_assert_false (json_object_has_member (t, "body"));
      g_assert_true (json_object_has_member (t, "feedback_due"));
      g_assert_true (json_object_has_member (t, "title_text"));
    }
  g_assert_cmpuint (g_hash_table_size (kinds), ==, 4);
  g_assert_cmpuint (g_hash_table_size (statuses), ==, 4);

  items = msk_test_items (polls);
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i),
                                                    "kind"), ==, "poll");
  items = msk_test_items (open);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i),
                                                    "status"), ==, "open");
  items = msk_test_items (entity);
  g_assert_cmpuint (json_array_get_length (items), ==, 4);

  items = msk_test_items (search);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (int_member (json_array_get_object_element (items, 0), "id"), ==, T_PARKS);
  items = msk_test_items (search_en);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (int_member (json_array_get_object_element (items, 0), "id"), ==, T_BEACH_IDEAS);

  msk_test_assert_problem (bad_kind, 400, "invalid-parameter");
  msk_test_assert_problem (bad_entity, 400, "invalid-parameter");

  /* walk every page of 5: each topic once, newest first */
  do
    {
      g_autofree char *path = cursor != NULL
        ? g_strdup_printf ("/v1/topics?limit=5&cursor=%s", cursor)
        : g_strdup ("/v1/topics?limit=5");
      g_autoptr(MskTestReply) page = msk_test_get (srv, path, NULL);
      JsonNode *next;

      g_assert_cmpuint (page->status, ==, 200);
      items = msk_test_items (page);
      g_assert_cmpuint (json_array_get_length (items), <=, 5);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          ids[n_ids] = int_member (json_array_get_object_element (items, i), "id");
          g_assert_false (g_hash_table_contains (seen, &ids[n_ids]));
          g_hash_table_add (seen, &ids[n_ids]);
          if (n_ids > 0)
            g_assert_cmpint (ids[n_ids], <, ids[n_ids - 1]);
          n_ids++;
        }
      next = json_object_get_member (msk_test_object (page), "next_cursor");
      g_clear_pointer (&cursor, g_free);
      if (!json_node_is_null (next))
        {
          cursor = g_strdup (json_node_get_string (next));
          g_assert_nonnull (msk_test_header (page, "Link"));
        }
    }
  while (cursor != NULL);
  g_assert_cmpuint (n_ids, ==, json_array_get_length (msk_test_items (all)));
}

static void
test_topic_detail (void)
{
  g_autoptr(MskTestReply) topic = msk_test_get (srv, "/v1/topics/1", NULL);
  g_autoptr(MskTestReply) poll_topic = msk_test_get (srv, "/v1/topics/5", NULL);
  g_autoptr(MskTestReply) missing_ar = msk_test_request (srv, "GET", "/v1/topics/999", NULL, NULL,
                                                         NULL, 0, "Accept-Language", "ar", NULL);
  g_autoptr(MskTestReply) missing_en = msk_test_request (srv, "GET", "/v1/topics/999", NULL, NULL,
                                                         NULL, 0, "Accept-Language",
                                                         "en-US,en;q=0.9", NULL);
  g_autoptr(MskTestReply) bad = msk_test_get (srv, "/v1/topics/-1", NULL);
  g_autoptr(MskTestReply) huge = msk_test_get (srv, "/v1/topics/99999999999999999999", NULL);
  JsonObject *t;
  JsonObject *images;
  g_autoptr(GDateTime) closes = NULL;
  g_autoptr(GDateTime) due = NULL;

  g_assert_cmpuint (topic->status, ==, 200);
  t = msk_test_object (topic);
  g_assert_cmpstr (json_object_get_string_member (t, "status"), ==, "open");
  g_assert_nonnull (strstr (loc_str (t, "body", "en"), "<p>"));
  g_assert_null (strchr (loc_str (t, "body_text", "en"), '<'));
  g_assert_null (strchr (loc_str (t, "body_text", "ar"), '<'));
  g_assert_true (has_tashkeel (loc_str (t, "speech", "ar")));
  images = json_array_get_object_element (json_object_get_array_member (t, "images"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (images, "alt"),
                                                  "en"), !=, "");
  closes = g_date_time_new_from_iso8601 (json_object_get_string_member (t, "closes_at"), NULL);
  due = g_date_time_new_from_iso8601 (json_object_get_string_member (t, "feedback_due"), NULL);
  g_assert_cmpint (g_date_time_difference (due, closes), ==, 30 * G_TIME_SPAN_DAY);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (t, "closes_at"), "+04:00"));
  g_assert_cmpint (int_member (t, "comment_count"), >=, 3);

  g_assert_cmpuint (poll_topic->status, ==, 200);
  g_assert_true (json_object_has_member (msk_test_object (poll_topic), "poll"));

  msk_test_assert_problem (missing_ar, 404, "not-found");
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (missing_ar), "title"), ==,
                   "لم يُعثر على العنصر المطلوب");
  g_assert_cmpstr (msk_test_header (missing_ar, "Content-Language"), ==, "ar");
  msk_test_assert_problem (missing_en, 404, "not-found");
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (missing_en), "title"), ==,
                   "The requested item was not found");
  msk_test_assert_problem (bad, 400, "invalid-id");
  msk_test_assert_problem (huge, 400, "invalid-id");
}

static void
test_etag (void)
{
  g_autoptr(MskTestReply) first = msk_test_get (srv, "/v1/topics", NULL);
  g_autoptr(MskTestReply) second = NULL;
  g_autoptr(MskTestReply) changed = NULL;
  const char *etag = msk_test_header (first, "ETag");

  g_assert_nonnull (etag);
  second = msk_test_request (srv, "GET", "/v1/topics", NULL, NULL, NULL, 0,
                             "If-None-Match", etag, NULL);
  g_assert_cmpuint (second->status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (second->body), ==, 0);
  changed = msk_test_request (srv, "GET", "/v1/topics", NULL, NULL, NULL, 0,
                              "If-None-Match", "\"something-else\"", NULL);
  g_assert_cmpuint (changed->status, ==, 200);
}

/* ---- polls ------------------------------------------------------------------- */

static void
test_polls (void)
{
  g_autofree char *voter = NULL;
  g_autoptr(MskTestReply) poll = msk_test_get (srv, "/v1/polls/5", NULL);
  g_autoptr(MskTestReply) not_poll = msk_test_get (srv, "/v1/polls/1", NULL);
  g_autoptr(MskTestReply) hidden = msk_test_get (srv, "/v1/polls/5/results", NULL);
  g_autoptr(MskTestReply) anon_vote = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", NULL,
                                                          "{\"options\":[1]}");
  g_autoptr(MskTestReply) no_ballot = NULL;
  g_autoptr(MskTestReply) two = NULL;
  g_autoptr(MskTestReply) foreign = NULL;
  g_autoptr(MskTestReply) wrong_type = NULL;
  g_autoptr(MskTestReply) vote = NULL;
  g_autoptr(MskTestReply) ballot = NULL;
  g_autoptr(MskTestReply) visible = NULL;
  g_autoptr(MskTestReply) change = NULL;
  g_autoptr(MskTestReply) visible2 = NULL;
  g_autoptr(MskTestReply) mine = NULL;
  g_autoptr(MskTestReply) closed_vote = NULL;
  g_autoptr(MskTestReply) upcoming_vote = NULL;
  g_autoptr(MskTestReply) closed_results = NULL;
  g_autoptr(MskTestReply) multi_three = NULL;
  g_autoptr(MskTestReply) multi_two = NULL;
  g_autoptr(MskTestReply) after_close = NULL;
  g_autoptr(MskTestReply) anon_ballot = NULL;
  JsonObject *p;
  JsonArray *options;
  double sum = 0;

  g_assert_cmpuint (poll->status, ==, 200);
  p = msk_test_object (poll);
  g_assert_false (json_object_get_boolean_member (p, "multiple"));
  g_assert_cmpstr (json_object_get_string_member (p, "results_visibility"), ==, "after_vote");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "options")), ==, 3);
  g_assert_true (json_node_is_null (json_object_get_member (p, "my_ballot")));
  msk_test_assert_problem (not_poll, 404, "not-found");
  msk_test_assert_problem (hidden, 403, "results-hidden");
  msk_test_assert_problem (anon_vote, 401, "unauthorized");
  anon_ballot = msk_test_get (srv, "/v1/polls/5/ballot", NULL);
  msk_test_assert_problem (anon_ballot, 401, "unauthorized");

  {
    g_autoptr(MskTestReply) r = msk_test_send_json (srv, "POST", "/v1/accounts", NULL,
                                                    "{\"username\":\"poll.voter\",\"password\":"
                                                    "\"poll-voter-1\"}");
    g_assert_cmpuint (r->status, ==, 201);
  }
  voter = msk_test_login (srv, "poll.voter", "poll-voter-1");
  no_ballot = msk_test_get (srv, "/v1/polls/5/ballot", voter);
  msk_test_assert_problem (no_ballot, 404, "not-found");

  two = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", voter, "{\"options\":[1,2]}");
  msk_test_assert_problem (two, 422, "validation-failed");
  g_assert_nonnull (msk_test_find_error (two, "/options"));
  foreign = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", voter, "{\"options\":[4]}");
  msk_test_assert_problem (foreign, 422, "validation-failed");
  g_assert_cmpstr (json_object_get_string_member (msk_test_find_error (foreign, "/options/0"),
                                                  "code"), ==, "invalid-option");
  wrong_type = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", voter, "{\"options\":\"1\"}");
  msk_test_assert_problem (wrong_type, 422, "validation-failed");

  vote = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", voter, "{\"options\":[3]}");
  g_assert_cmpuint (vote->status, ==, 200);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (msk_test_object (vote),
                                                                             "options"), 0), ==, 3);
  ballot = msk_test_get (srv, "/v1/polls/5/ballot", voter);
  g_assert_cmpuint (ballot->status, ==, 200);

  visible = msk_test_get (srv, "/v1/polls/5/results", voter);
  g_assert_cmpuint (visible->status, ==, 200);
  g_assert_cmpint (int_member (msk_test_object (visible), "total_ballots"), ==, 109);
  options = json_object_get_array_member (msk_test_object (visible), "options");
  g_assert_cmpint (int_member (json_array_get_object_element (options, 2), "count"), ==, 20);

  /* one ballot per user: changing it moves the vote */
  change = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", voter, "{\"options\":[1]}");
  g_assert_cmpuint (change->status, ==, 200);
  visible2 = msk_test_get (srv, "/v1/polls/5/results", voter);
  g_assert_cmpint (int_member (msk_test_object (visible2), "total_ballots"), ==, 109);
  options = json_object_get_array_member (msk_test_object (visible2), "options");
  g_assert_cmpint (int_member (json_array_get_object_element (options, 0), "count"), ==, 32);
  g_assert_cmpint (int_member (json_array_get_object_element (options, 2), "count"), ==, 19);
  mine = msk_test_get (srv, "/v1/polls/5", voter);
  options = json_object_get_array_member (msk_test_object (mine), "my_ballot");
  g_assert_cmpint (json_array_get_int_element (options, 0), ==, 1);

  closed_vote = msk_test_send_json (srv, "PUT", "/v1/polls/6/ballot", voter, "{\"options\":[4]}");
  msk_test_assert_problem (closed_vote, 409, "topic-not-open");
  upcoming_vote = msk_test_send_json (srv, "PUT", "/v1/polls/8/ballot", voter,
                                      "{\"options\":[12]}");
  msk_test_assert_problem (upcoming_vote, 409, "topic-not-open");

  closed_results = msk_test_get (srv, "/v1/polls/6/results", NULL);
  g_assert_cmpuint (closed_results->status, ==, 200);
  g_assert_cmpint (int_member (msk_test_object (closed_results), "total_ballots"), ==, 225);
  options = json_object_get_array_member (msk_test_object (closed_results), "options");
  for (guint i = 0; i < json_array_get_length (options); i++)
    sum += json_object_get_double_member (json_array_get_object_element (options, i), "percent");
  g_assert_cmpfloat_with_epsilon (sum, 100.0, 0.25);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                    json_array_get_object_element (options, 1), "percent"),
                                  43.1, 0.01);

  multi_three = msk_test_send_json (srv, "PUT", "/v1/polls/7/ballot", voter,
                                    "{\"options\":[8,9,10]}");
  msk_test_assert_problem (multi_three, 422, "validation-failed");
  g_assert_cmpstr (json_object_get_string_member (msk_test_find_error (multi_three, "/options"),
                                                  "code"), ==, "too-many");
  multi_two = msk_test_send_json (srv, "PUT", "/v1/polls/7/ballot", voter, "{\"options\":[8,10]}");
  g_assert_cmpuint (multi_two->status, ==, 200);
  after_close = msk_test_get (srv, "/v1/polls/7/results", voter);
  msk_test_assert_problem (after_close, 403, "results-hidden");
}

/* ---- surveys ------------------------------------------------------------------ */

static void
test_surveys (void)
{
  g_autoptr(MskTestReply) survey = msk_test_get (srv, "/v1/surveys/9", citizen);
  g_autoptr(MskTestReply) not_survey = msk_test_get (srv, "/v1/surveys/5", NULL);
  g_autoptr(MskTestReply) anon = msk_test_send_json (srv, "POST", "/v1/surveys/9/responses", NULL,
                                                     "{\"answers\":[]}");
  g_autoptr(MskTestReply) invalid = NULL;
  g_autoptr(MskTestReply) ok = NULL;
  g_autoptr(MskTestReply) twice = NULL;
  g_autoptr(MskTestReply) closed = NULL;
  g_autoptr(MskTestReply) upcoming = NULL;
  g_autoptr(MskTestReply) after = NULL;
  g_autoptr(GString) too_long = g_string_new (NULL);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *body = NULL;
  JsonArray *questions;
  JsonObject *err;

  g_assert_cmpuint (survey->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (msk_test_object (survey), "responded"));
  questions = json_object_get_array_member (msk_test_object (survey), "questions");
  g_assert_cmpuint (json_array_get_length (questions), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *q = json_array_get_object_element (questions, i);

      g_hash_table_add (types, (gpointer) json_object_get_string_member (q, "type"));
      g_assert_cmpint (int_member (q, "id"), ==, i + 1);
    }
  g_assert_cmpuint (g_hash_table_size (types), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (questions, 0), "options")), ==, 4);
  g_assert_cmpint (int_member (json_array_get_object_element (questions, 4), "max_length"), ==,
                   100);
  g_assert_cmpint (int_member (json_array_get_object_element (questions, 2), "max"), ==, 5);
  msk_test_assert_problem (not_survey, 404, "not-found");
  msk_test_assert_problem (anon, 401, "unauthorized");

  /* q1 missing (required), q2 a foreign option, q3 out of range, q4 wrong type, q5 too long */
  for (guint i = 0; i < 101; i++)
    g_string_append (too_long, "ب");
  body = g_strdup_printf ("{\"answers\":[{\"question_id\":2,\"value\":[5,9]},"
                          "{\"question_id\":3,\"value\":7},{\"question_id\":4,\"value\":\"yes\"},"
                          "{\"question_id\":5,\"value\":\"%s\"}]}", too_long->str);
  invalid = msk_test_request (srv, "POST", "/v1/surveys/9/responses", citizen, "application/json",
                              body, -1, "Accept-Language", "ar", NULL);
  msk_test_assert_problem (invalid, 422, "validation-failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (msk_test_object (invalid),
                                                                         "errors")), ==, 5);
  err = msk_test_find_error (invalid, "/answers");
  g_assert_cmpint (int_member (err, "question_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, "required");
  g_assert_cmpstr (json_object_get_string_member (err, "message"), ==, "هذا الحقل مطلوب");
  err = msk_test_find_error (invalid, "/answers/0/value");
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, "invalid-option");
  err = msk_test_find_error (invalid, "/answers/1/value");
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, "out-of-range");
  err = msk_test_find_error (invalid, "/answers/2/value");
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, "wrong-type");
  err = msk_test_find_error (invalid, "/answers/3/value");
  g_assert_cmpstr (json_object_get_string_member (err, "code"), ==, "too-long");
  g_assert_cmpstr (json_object_get_string_member (err, "message"), ==,
                   "هذا النص أطول من 100 حرفًا");

  ok = msk_test_send_json (srv, "POST", "/v1/surveys/9/responses", citizen,
                           "{\"answers\":[{\"question_id\":1,\"value\":2},"
                           "{\"question_id\":2,\"value\":[5,7]},{\"question_id\":3,\"value\":4},"
                           "{\"question_id\":4,\"value\":true},"
                           "{\"question_id\":5,\"value\":\"الموظفون متعاونون\"},"
                           "{\"question_id\":6,\"value\":null}]}");
  g_assert_cmpuint (ok->status, ==, 201);
  g_assert_cmpint (int_member (msk_test_object (ok), "survey_id"), ==, 9);
  twice =
    msk_test_send_json (srv, "POST", "/v1/surveys/9/responses", citizen,
                        "{\"answers\":[{\"question_id\":1,\"value\":2},"
                        "{\"question_id\":3,\"value\":4},{\"question_id\":4,\"value\":true}]}");
  msk_test_assert_problem (twice, 409, "already-responded");
  after = msk_test_get (srv, "/v1/surveys/9", citizen);
  g_assert_true (json_object_get_boolean_member (msk_test_object (after), "responded"));

  closed = msk_test_send_json (srv, "POST", "/v1/surveys/10/responses", citizen,
                               "{\"answers\":[]}");
  msk_test_assert_problem (closed, 409, "topic-not-open");
  upcoming = msk_test_send_json (srv, "POST", "/v1/surveys/14/responses", citizen,
                                 "{\"answers\":[]}");
  msk_test_assert_problem (upcoming, 409, "topic-not-open");
}

/* ---- comments and moderation ----------------------------------------------------- */

static gboolean
list_has_comment (MskTestReply *reply,
                  gint64        id)
{
  JsonArray *items = msk_test_items (reply);

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (int_member (json_array_get_object_element (items, i), "id") == id)
      return TRUE;
  return FALSE;
}

static void
test_comments (void)
{
  g_autoptr(MskTestReply) anon = msk_test_get (srv, "/v1/topics/1/comments", NULL);
  g_autoptr(MskTestReply) own = msk_test_get (srv, "/v1/topics/1/comments", citizen);
  g_autoptr(MskTestReply) created = NULL;
  g_autoptr(MskTestReply) anon_after = NULL;
  g_autoptr(MskTestReply) queue = NULL;
  g_autoptr(MskTestReply) citizen_queue = NULL;
  g_autoptr(MskTestReply) anon_queue = NULL;
  g_autoptr(MskTestReply) flagged_queue = NULL;
  g_autoptr(MskTestReply) bad_queue = NULL;
  g_autoptr(MskTestReply) published = NULL;
  g_autoptr(MskTestReply) anon_published = NULL;
  g_autoptr(MskTestReply) reply = NULL;
  g_autoptr(MskTestReply) thread = NULL;
  g_autoptr(MskTestReply) reject_no_reason = NULL;
  g_autoptr(MskTestReply) rejected = NULL;
  g_autoptr(MskTestReply) citizen_moderates = NULL;
  g_autoptr(MskTestReply) closed = NULL;
  g_autoptr(MskTestReply) bad_parent = NULL;
  g_autoptr(MskTestReply) empty = NULL;
  g_autoptr(MskTestReply) anon_post = NULL;
  g_autoptr(MskTestReply) missing_topic = NULL;
  g_autoptr(MskTestReply) missing_comment = NULL;
  g_autoptr(MskTestReply) paged = NULL;
  JsonObject *c;
  JsonArray *items;
  gint64 id, reply_id;
  gboolean found = FALSE;

  g_assert_cmpuint (anon->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (msk_test_items (anon)), ==, 3);
  items = msk_test_items (anon);
  g_assert_cmpint (int_member (json_array_get_object_element (items, 1), "depth"), ==, 1);
  g_assert_cmpint (int_member (json_array_get_object_element (items, 1), "parent_id"), ==,
                   int_member (json_array_get_object_element (items, 0), "id"));
  /* the citizen also sees their own pending comment */
  items = msk_test_items (own);
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      c = json_array_get_object_element (items, i);
      if (g_str_equal (json_object_get_string_member (c, "status"), "pending"))
        {
          g_assert_true (json_object_get_boolean_member (c, "mine"));
          found = TRUE;
        }
    }
  g_assert_true (found);

  created = msk_test_send_json (srv, "POST", "/v1/topics/1/comments", citizen,
                                "{\"body\":\"أؤيد إضافة مسارات للدراجات حول البحيرة.\"}");
  g_assert_cmpuint (created->status, ==, 201);
  c = msk_test_object (created);
  id = int_member (c, "id");
  g_assert_cmpstr (json_object_get_string_member (c, "status"), ==, "pending");
  g_assert_true (json_node_is_null (json_object_get_member (c, "parent_id")));

  anon_after = msk_test_get (srv, "/v1/topics/1/comments", NULL);
  g_assert_false (list_has_comment (anon_after, id));

  queue = msk_test_get (srv, "/v1/moderation/comments", moderator);
  g_assert_cmpuint (queue->status, ==, 200);
  g_assert_true (list_has_comment (queue, id));
  g_assert_true (json_object_has_member (json_array_get_object_element (msk_test_items (queue), 0),
                                         "topic_title"));
  citizen_queue = msk_test_get (srv, "/v1/moderation/comments", citizen);
  msk_test_assert_problem (citizen_queue, 403, "forbidden");
  anon_queue = msk_test_get (srv, "/v1/moderation/comments", NULL);
  msk_test_assert_problem (anon_queue, 401, "unauthorized");
  bad_queue = msk_test_get (srv, "/v1/moderation/comments?status=all", moderator);
  msk_test_assert_problem (bad_queue, 400, "invalid-parameter");
  flagged_queue = msk_test_get (srv, "/v1/moderation/comments?status=flagged", moderator);
  g_assert_cmpuint (json_array_get_length (msk_test_items (flagged_queue)), >=, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (msk_test_items (flagged_queue), 0),
                      "flags")), >=, 1);

  citizen_moderates = msk_test_send_json (srv, "POST", "/v1/comments/1/moderation", citizen,
                                          "{\"decision\":\"publish\"}");
  msk_test_assert_problem (citizen_moderates, 403, "forbidden");
  {
    g_autofree char *path = g_strdup_printf ("/v1/comments/%" G_GINT64_FORMAT "/moderation", id);

    published = msk_test_send_json (srv, "POST", path, moderator, "{\"decision\":\"publish\"}");
  }
  g_assert_cmpuint (published->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (published), "status"), ==,
                   "published");
  anon_published = msk_test_get (srv, "/v1/topics/1/comments", NULL);
  g_assert_true (list_has_comment (anon_published, id));

  {
    g_autofree char *body = g_strdup_printf ("{\"body\":\"Agreed.\",\"parent_id\":%" G_GINT64_FORMAT
                                             "}", id);

    reply = msk_test_send_json (srv, "POST", "/v1/topics/1/comments", citizen, body);
  }
  g_assert_cmpuint (reply->status, ==, 201);
  reply_id = int_member (msk_test_object (reply), "id");
  g_assert_cmpint (int_member (msk_test_object (reply), "depth"), ==, 1);
  thread = msk_test_get (srv, "/v1/topics/1/comments", citizen);
  items = msk_test_items (thread);
  for (guint i = 0; i + 1 < json_array_get_length (items); i++)
    if (int_member (json_array_get_object_element (items, i), "id") == id)
      g_assert_cmpint (int_member (json_array_get_object_element (items, i + 1), "id"), ==,
                       reply_id);

  {
    g_autofree char *path = g_strdup_printf ("/v1/comments/%" G_GINT64_FORMAT "/moderation",
                                             reply_id);

    reject_no_reason = msk_test_send_json (srv, "POST", path, moderator,
                                           "{\"decision\":\"reject\"}");
    msk_test_assert_problem (reject_no_reason, 422, "validation-failed");
    g_assert_nonnull (msk_test_find_error (reject_no_reason, "/reason"));
    rejected = msk_test_send_json (srv, "POST", path, moderator,
                                   "{\"decision\":\"reject\",\"reason\":\"Duplicate\"}");
  }
  g_assert_cmpuint (rejected->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (rejected), "reject_reason"), ==,
                   "Duplicate");
  missing_comment = msk_test_send_json (srv, "POST", "/v1/comments/9999/moderation", moderator,
                                        "{\"decision\":\"publish\"}");
  msk_test_assert_problem (missing_comment, 404, "not-found");

  closed = msk_test_send_json (srv, "POST", "/v1/topics/2/comments", citizen,
                               "{\"body\":\"Late\"}");
  msk_test_assert_problem (closed, 409, "topic-not-open");
  bad_parent = msk_test_send_json (srv, "POST", "/v1/topics/1/comments", citizen,
                                   "{\"body\":\"x\",\"parent_id\":6}");
  msk_test_assert_problem (bad_parent, 422, "validation-failed");
  empty = msk_test_send_json (srv, "POST", "/v1/topics/1/comments", citizen, "{\"body\":\"   \"}");
  msk_test_assert_problem (empty, 422, "validation-failed");
  anon_post = msk_test_send_json (srv, "POST", "/v1/topics/1/comments", NULL, "{\"body\":\"x\"}");
  msk_test_assert_problem (anon_post, 401, "unauthorized");
  missing_topic = msk_test_get (srv, "/v1/topics/777/comments", NULL);
  msk_test_assert_problem (missing_topic, 404, "not-found");

  paged = msk_test_get (srv, "/v1/topics/1/comments?limit=1", NULL);
  g_assert_cmpuint (json_array_get_length (msk_test_items (paged)), ==, 1);
  g_assert_nonnull (msk_test_header (paged, "Link"));
}

static void
test_flags (void)
{
  g_autoptr(MskTestReply) flag = msk_test_send_json (srv, "POST", "/v1/comments/1/flags", citizen,
                                                     "{\"reason\":\"spam\",\"note\":\"advert\"}");
  g_autoptr(MskTestReply) again = msk_test_send_json (srv, "POST", "/v1/comments/1/flags", citizen,
                                                      "{\"reason\":\"abuse\"}");
  g_autoptr(MskTestReply) pending = msk_test_send_json (srv, "POST", "/v1/comments/4/flags", staff,
                                                        "{\"reason\":\"spam\"}");
  g_autoptr(MskTestReply) bad = msk_test_send_json (srv, "POST", "/v1/comments/2/flags", citizen,
                                                    "{\"reason\":\"boring\"}");
  g_autoptr(MskTestReply) anon = msk_test_send_json (srv, "POST", "/v1/comments/2/flags", NULL,
                                                     "{\"reason\":\"spam\"}");

  g_assert_cmpuint (flag->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (flag), "reason"), ==, "spam");
  msk_test_assert_problem (again, 409, "already-flagged");
  msk_test_assert_problem (pending, 404, "not-found");
  msk_test_assert_problem (bad, 422, "validation-failed");
  msk_test_assert_problem (anon, 401, "unauthorized");
}

/* ---- ideas ----------------------------------------------------------------------- */

static void
test_ideas (void)
{
  g_autoptr(MskTestReply) list = msk_test_get (srv, "/v1/topics/11/ideas", citizen);
  g_autoptr(MskTestReply) created = NULL;
  g_autoptr(MskTestReply) one = NULL;
  g_autoptr(MskTestReply) support = NULL;
  g_autoptr(MskTestReply) support_again = NULL;
  g_autoptr(MskTestReply) withdraw = NULL;
  g_autoptr(MskTestReply) not_ideas = msk_test_get (srv, "/v1/topics/1/ideas", NULL);
  g_autoptr(MskTestReply) closed = msk_test_send_json (srv, "POST", "/v1/topics/12/ideas", citizen,
                                                       "{\"title\":\"t\",\"body\":\"b\"}");
  g_autoptr(MskTestReply) closed_support = msk_test_request (srv, "PUT", "/v1/ideas/4/support",
                                                             citizen, NULL, NULL, 0, NULL);
  g_autoptr(MskTestReply) missing = msk_test_get (srv, "/v1/ideas/999", NULL);
  g_autoptr(MskTestReply) anon_support = msk_test_request (srv, "PUT", "/v1/ideas/1/support",
                                                           NULL, NULL, NULL, 0, NULL);
  g_autoptr(MskTestReply) invalid = msk_test_send_json (srv, "POST", "/v1/topics/11/ideas", citizen,
                                                        "{\"title\":\"\",\"body\":42}");
  g_autoptr(MskTestReply) page = msk_test_get (srv, "/v1/topics/11/ideas?limit=2", NULL);
  g_autoptr(MskTestReply) page2 = NULL;
  JsonArray *items;
  gint64 id, count;

  g_assert_cmpuint (list->status, ==, 200);
  items = msk_test_items (list);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i + 1 < json_array_get_length (items); i++)
    g_assert_cmpint (int_member (json_array_get_object_element (items, i), "support_count"), >=,
                     int_member (json_array_get_object_element (items, i + 1), "support_count"));

  created = msk_test_send_json (srv, "POST", "/v1/topics/11/ideas", citizen,
                                "{\"title\":\"حزام أخضر حول المدينة\",\"body\":\"زراعة أشجار محلية "
                                "تتحمل الحرارة على طول الطريق الدائري.\"}");
  g_assert_cmpuint (created->status, ==, 201);
  id = int_member (msk_test_object (created), "id");
  g_assert_nonnull (msk_test_header (created, "Location"));
  g_assert_cmpint (int_member (msk_test_object (created), "support_count"), ==, 0);

  {
    g_autofree char *path = g_strdup_printf ("/v1/ideas/%" G_GINT64_FORMAT, id);
    g_autofree char *support_path = g_strconcat (path, "/support", NULL);

    one = msk_test_get (srv, path, NULL);
    g_assert_cmpuint (one->status, ==, 200);
    support = msk_test_request (srv, "PUT", support_path, citizen, NULL, NULL, 0, NULL);
    support_again = msk_test_request (srv, "PUT", support_path, citizen, NULL, NULL, 0, NULL);
    withdraw = msk_test_request (srv, "DELETE", support_path, citizen, NULL, NULL, 0, NULL);
  }
  g_assert_cmpuint (support->status, ==, 200);
  count = int_member (msk_test_object (support), "support_count");
  g_assert_cmpint (count, ==, 1);
  g_assert_true (json_object_get_boolean_member (msk_test_object (support), "supported_by_me"));
  g_assert_cmpint (int_member (msk_test_object (support_again), "support_count"), ==, 1);
  g_assert_cmpuint (withdraw->status, ==, 200);
  g_assert_cmpint (int_member (msk_test_object (withdraw), "support_count"), ==, 0);

  msk_test_assert_problem (not_ideas, 404, "not-found");
  msk_test_assert_problem (closed, 409, "topic-not-open");
  msk_test_assert_problem (closed_support, 409, "topic-not-open");
  msk_test_assert_problem (missing, 404, "not-found");
  msk_test_assert_problem (anon_support, 401, "unauthorized");
  msk_test_assert_problem (invalid, 422, "validation-failed");
  g_assert_nonnull (msk_test_find_error (invalid, "/title"));
  g_assert_nonnull (msk_test_find_error (invalid, "/body"));

  g_assert_cmpuint (json_array_get_length (msk_test_items (page)), ==, 2);
  {
    g_autofree char *path = g_strdup_printf ("/v1/topics/11/ideas?limit=2&cursor=%s",
                                             json_object_get_string_member (msk_test_object (page),
                                                                            "next_cursor"));
    page2 = msk_test_get (srv, path, NULL);
  }
  g_assert_cmpuint (json_array_get_length (msk_test_items (page2)), ==, 2);
}

/* ---- outcomes, feedback, open data ------------------------------------------------- */

static void
test_outcomes (void)
{
  g_autoptr(MskTestReply) all = msk_test_get (srv, "/v1/outcomes", NULL);
  g_autoptr(MskTestReply) by_topic = msk_test_get (srv, "/v1/outcomes?topic=12", NULL);
  g_autoptr(MskTestReply) by_entity = msk_test_get (srv, "/v1/outcomes?entity=2", NULL);
  g_autoptr(MskTestReply) one = NULL;
  g_autoptr(MskTestReply) missing = msk_test_get (srv, "/v1/outcomes/99", NULL);
  g_autoptr(MskTestReply) bad = msk_test_get (srv, "/v1/outcomes?topic=zero", NULL);
  JsonObject *o;
  g_autofree char *path = NULL;

  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (msk_test_items (all)), ==, 3);
  g_assert_cmpuint (json_array_get_length (msk_test_items (by_topic)), ==, 1);
  o = json_array_get_object_element (msk_test_items (by_topic), 0);
  g_assert_cmpint (int_member (o, "progress"), ==, 80);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "linked_ideas")), ==,
                    2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "decision"),
                                                  "ar"), !=, "");
  g_assert_cmpuint (json_array_get_length (msk_test_items (by_entity)), ==, 1);

  path = g_strdup_printf ("/v1/outcomes/%" G_GINT64_FORMAT, int_member (o, "id"));
  one = msk_test_get (srv, path, NULL);
  g_assert_cmpuint (one->status, ==, 200);
  g_assert_cmpint (int_member (msk_test_object (one), "topic_id"), ==, 12);
  msk_test_assert_problem (missing, 404, "not-found");
  msk_test_assert_problem (bad, 400, "invalid-parameter");
}

static void
test_feedback (void)
{
  g_autoptr(MskTestReply) before = msk_test_get (srv, "/v1/topics/13/feedback", NULL);
  g_autoptr(MskTestReply) sent = msk_test_send_json (srv, "POST", "/v1/feedback", NULL,
                                                     "{\"topic_id\":13,\"useful\":false,"
                                                     "\"reasons\":[\"unclear\",\"hard_to_read\"],"
                                                     "\"comment\":\"Too long\"}");
  g_autoptr(MskTestReply) after = msk_test_get (srv, "/v1/topics/13/feedback", NULL);
  g_autoptr(MskTestReply) no_reasons = msk_test_send_json (srv, "POST", "/v1/feedback", NULL,
                                                           "{\"topic_id\":13,\"useful\":true,"
                                                           "\"reasons\":[]}");
  g_autoptr(MskTestReply) bad_reason = msk_test_send_json (srv, "POST", "/v1/feedback", NULL,
                                                           "{\"topic_id\":13,\"useful\":true,"
                                                           "\"reasons\":[\"pretty\"]}");
  g_autoptr(MskTestReply) dup = msk_test_send_json (srv, "POST", "/v1/feedback", NULL,
                                                    "{\"topic_id\":13,\"useful\":true,"
                                                    "\"reasons\":[\"clear\",\"clear\"]}");
  g_autoptr(MskTestReply) unknown_topic = msk_test_send_json (srv, "POST", "/v1/feedback", NULL,
                                                              "{\"topic_id\":1300,\"useful\":true,"
                                                              "\"reasons\":[\"clear\"]}");
  g_autoptr(MskTestReply) missing = msk_test_get (srv, "/v1/topics/1300/feedback", NULL);
  JsonObject *b, *a;

  g_assert_cmpuint (sent->status, ==, 201);
  b = msk_test_object (before);
  a = msk_test_object (after);
  g_assert_cmpint (int_member (a, "not_useful"), ==, int_member (b, "not_useful") + 1);
  g_assert_cmpint (int_member (a, "useful"), ==, int_member (b, "useful"));
  g_assert_cmpint (int_member (json_object_get_object_member (a, "reasons"), "hard_to_read"), ==,
                   int_member (json_object_get_object_member (b, "reasons"), "hard_to_read") + 1);
  msk_test_assert_problem (no_reasons, 422, "validation-failed");
  msk_test_assert_problem (bad_reason, 422, "validation-failed");
  msk_test_assert_problem (dup, 422, "validation-failed");
  msk_test_assert_problem (unknown_topic, 404, "not-found");
  msk_test_assert_problem (missing, 404, "not-found");
}

static void
test_export (void)
{
  g_autoptr(MskTestReply) json = msk_test_get (srv, "/v1/export/6.json", NULL);
  g_autoptr(MskTestReply) csv = msk_test_get (srv, "/v1/export/6.csv", NULL);
  g_autoptr(MskTestReply) survey = msk_test_get (srv, "/v1/export/10.json", NULL);
  g_autoptr(MskTestReply) ideas_csv = msk_test_get (srv, "/v1/export/11.csv", NULL);
  g_autoptr(MskTestReply) missing = msk_test_get (srv, "/v1/export/404.csv", NULL);
  g_autoptr(MskTestReply) bad = msk_test_get (srv, "/v1/export/x.json", NULL);
  JsonObject *o;
  JsonArray *questions;

  g_assert_cmpuint (json->status, ==, 200);
  o = msk_test_object (json);
  g_assert_cmpint (int_member (json_object_get_object_member (o, "poll"), "total_ballots"), ==,
                   225);
  g_assert_cmpint (int_member (o, "participants"), ==, 225);

  g_assert_cmpuint (csv->status, ==, 200);
  g_assert_true (g_str_has_prefix (msk_test_header (csv, "Content-Type"), "text/csv"));
  g_assert_true (g_str_has_prefix (csv->text,
                                   "section,item_id,label_ar,label_en,metric,value,"
                                   "assisted\r\n"));
  g_assert_nonnull (strstr (csv->text,
                            "poll_option,5,جسر المشاة عند المدارس,Footbridge by the "
                            "schools,count,97,false\r\n"));
  g_assert_nonnull (strstr (csv->text, "topic,6,,,total_ballots,225,false\r\n"));

  questions = json_object_get_array_member (json_object_get_object_member (msk_test_object (survey),
                                                                           "survey"), "questions");
  g_assert_cmpuint (json_array_get_length (questions), ==, 3);
  g_assert_cmpint (int_member (json_array_get_object_element (questions, 0), "answered"), ==, 22);
  g_assert_true (json_object_has_member (json_array_get_object_element (questions, 1),
                                         "distribution"));

  /* aggregated, no personal data */
  g_assert_null (strstr (ideas_csv->text, "resident"));
  g_assert_null (strstr (ideas_csv->text, "@"));
  g_assert_null (strstr (ideas_csv->text, "سالم"));
  g_assert_nonnull (strstr (ideas_csv->text, "idea,"));

  msk_test_assert_problem (missing, 404, "not-found");
  msk_test_assert_problem (bad, 400, "invalid-id");
}

/* ---- staff route and the rest ----------------------------------------------------------- */

static void
test_staff_status (void)
{
  g_autoptr(MskTestReply) citizen_try =
    msk_test_send_json (srv, "POST", "/v1/service-requests/MSK-000001/status", citizen,
                        "{\"detailed_status\":\"IN_PROCESS\"}");
  g_autoptr(MskTestReply) anon_try =
    msk_test_send_json (srv, "POST", "/v1/service-requests/MSK-000001/status", NULL,
                        "{\"detailed_status\":\"IN_PROCESS\"}");
  g_autoptr(MskTestReply) moved =
    msk_test_send_json (srv, "POST", "/v1/service-requests/MSK-000001/status", staff,
                        "{\"detailed_status\":\"IN_PROCESS\"," "\"status_notes\":\"A crew is on "
                                                               "the " "way.\"}");
  g_autoptr(MskTestReply) backwards =
    msk_test_send_json (srv, "POST", "/v1/service-requests/MSK-000001/status", staff,
                        "{\"detailed_status\":\"PENDING\"}");
  g_autoptr(MskTestReply) nonsense = msk_test_send_json (srv, "POST",
                                                         "/v1/service-requests/MSK-000001/status",
                                                         staff, "{\"detailed_status\":\"DONE\"}");
  g_autoptr(MskTestReply) bad_id = msk_test_send_json (srv, "POST",
                                                       "/v1/service-requests/abc/status", staff,
                                                       "{\"detailed_status\":\"PROCESSED\"}");
  g_autoptr(MskTestReply) missing =
    msk_test_send_json (srv, "POST", "/v1/service-requests/MSK-009999/status", staff,
                        "{\"detailed_status\":\"PROCESSED\"}");
  JsonObject *r;
  JsonArray *history;

  msk_test_assert_problem (citizen_try, 403, "forbidden");
  msk_test_assert_problem (anon_try, 401, "unauthorized");
  g_assert_cmpuint (moved->status, ==, 200);
  r = msk_test_object (moved);
  g_assert_cmpstr (json_object_get_string_member (r, "detailed_status"), ==, "IN_PROCESS");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (r, "status_notes"), ==, "A crew is on the way.");
  history = json_object_get_array_member (json_object_get_object_member (r, "extended_attributes"),
                                          "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 2);
  msk_test_assert_problem (backwards, 409, "invalid-transition");
  msk_test_assert_problem (nonsense, 422, "validation-failed");
  msk_test_assert_problem (bad_id, 400, "invalid-id");
  msk_test_assert_problem (missing, 404, "not-found");
}

static void
test_unknown_routes (void)
{
  g_autoptr(MskTestReply) nowhere = msk_test_get (srv, "/v1/nowhere", NULL);
  g_autoptr(MskTestReply) wrong_method = msk_test_request (srv, "DELETE", "/v1/topics", NULL, NULL,
                                                           NULL, 0, NULL);

  msk_test_assert_problem (nowhere, 404, "not-found");
  msk_test_assert_problem (wrong_method, 405, "method-not-allowed");
  g_assert_cmpstr (msk_test_header (wrong_method, "Allow"), ==, "GET");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  srv = msk_test_server_start (NULL, TRUE, NULL);
  citizen = msk_test_login (srv, "citizen", CITIZEN_PASSWORD);
  moderator = msk_test_login (srv, "moderator", MODERATOR_PASSWORD);
  staff = msk_test_login (srv, "staff", STAFF_PASSWORD);

  g_test_add_func ("/server/api/session", test_session);
  g_test_add_func ("/server/api/accounts", test_accounts);
  g_test_add_func ("/server/api/entities", test_entities);
  g_test_add_func ("/server/api/reports", test_reports);
  g_test_add_func ("/server/api/topics/list", test_topics_list);
  g_test_add_func ("/server/api/topics/detail", test_topic_detail);
  g_test_add_func ("/server/api/etag", test_etag);
  g_test_add_func ("/server/api/polls", test_polls);
  g_test_add_func ("/server/api/surveys", test_surveys);
  g_test_add_func ("/server/api/comments", test_comments);
  g_test_add_func ("/server/api/flags", test_flags);
  g_test_add_func ("/server/api/ideas", test_ideas);
  g_test_add_func ("/server/api/outcomes", test_outcomes);
  g_test_add_func ("/server/api/feedback", test_feedback);
  g_test_add_func ("/server/api/export", test_export);
  g_test_add_func ("/server/api/staff-status", test_staff_status);
  g_test_add_func ("/server/api/unknown-routes", test_unknown_routes);

  ret = g_test_run ();

  msk_test_server_stop (srv);
  g_clear_pointer (&srv, msk_test_server_free);
  g_free (citizen);
  g_free (moderator);
  g_free (staff);
  return ret;
}
