/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What leaves the server and what it keeps: results only where the
 * visibility rule shows them (results, open data, reports), decoded text that is valid
 * UTF-8 or refused naming the field, CSV cells a spreadsheet cannot run,
 * no sign-in reply kept for replay, and idempotency keys that one anonymous
 * client cannot take from another.
 */
#include <sqlite3.h>
#include <string.h>

#include "msk-test-server.h"

#define ALWAHA "jurisdiction_id=alwaha.example"

static MskTestServer *srv;
static char *citizen;

/* ---- results visibility -------------------------------------------------------- */

static gboolean
results_shown (const char *path,
               const char *token)
{
  g_autoptr(MskTestReply) reply = msk_test_get (srv, path, token);

  if (reply->status == 200)
    return TRUE;
  msk_test_assert_problem (reply, 403, "results-hidden");
  return FALSE;
}

/* Checks that the JSON and CSV exports of @topic carry its @section (the
 * counts) exactly when @shown, and nothing of it otherwise. */
static void
assert_export_matches (gint64      topic,
                       const char *token,
                       const char *section,
                       gboolean    shown)
{
  g_autofree char *json_path = g_strdup_printf ("/v1/export/%" G_GINT64_FORMAT ".json", topic);
  g_autofree char *csv_path = g_strdup_printf ("/v1/export/%" G_GINT64_FORMAT ".csv", topic);
  g_autoptr(MskTestReply) json = msk_test_get (srv, json_path, token);
  g_autoptr(MskTestReply) csv = msk_test_get (srv, csv_path, token);
  JsonObject *o;

  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpuint (csv->status, ==, 200);
  o = msk_test_object (json);
  g_test_message ("export of %" G_GINT64_FORMAT " (%s): %s %s, %u bytes of JSON, "
                  "%u of CSV", topic, token != NULL ? "signed in" : "anonymous", section,
                  json_object_has_member (o, section) ? "present" : "absent",
                  (guint) strlen (json->text), (guint) strlen (csv->text));
  /* the topic itself is always described */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "topic"), "id"),
                   ==, topic);
  g_assert_true (g_str_has_prefix (csv->text,
                                   "section,item_id,label_ar,label_en,metric,value,"
                                   "assisted\r\n"));
  g_assert_cmpint (json_object_has_member (o, section), ==, shown);
  if (g_str_equal (section, "poll"))
    {
      g_assert_cmpint (strstr (json->text, "total_ballots") != NULL, ==, shown);
      g_assert_cmpint (strstr (csv->text, ",total_ballots,") != NULL, ==, shown);
      g_assert_cmpint (strstr (csv->text, "\r\npoll_option,") != NULL, ==, shown);
    }
  else
    {
      g_assert_cmpint (strstr (json->text, "\"responses\"") != NULL, ==, shown);
      g_assert_cmpint (strstr (csv->text, ",responses,") != NULL, ==, shown);
      g_assert_cmpint (strstr (csv->text, "\r\nsurvey_option,") != NULL, ==, shown);
      g_assert_cmpint (strstr (csv->text, "\r\nsurvey_question,") != NULL, ==, shown);
    }
}

static gint64
export_count (gint64      topic,
              const char *token,
              const char *section,
              const char *member)
{
  g_autofree char *path = g_strdup_printf ("/v1/export/%" G_GINT64_FORMAT ".json", topic);
  g_autoptr(MskTestReply) json = msk_test_get (srv, path, token);
  JsonObject *o = msk_test_object (json);

  if (!json_object_has_member (o, section))
    return 0;
  return json_object_get_int_member (json_object_get_object_member (o, section), member);
}

/* The entity's participation report counts the ballots and survey responses
 * of exactly the topics whose counts the export shows to the same reader. */
static void
assert_report_matches (gint64      entity,
                       const char *token)
{
  g_autoptr(MskTestReply) topics = msk_test_get (srv, "/v1/topics?limit=50", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/entities/%" G_GINT64_FORMAT "/reports", entity);
  g_autoptr(MskTestReply) report = msk_test_get (srv, path, token);
  JsonArray *items = msk_test_items (topics);
  JsonArray *months;
  gint64 ballots = 0, responses = 0, shown_ballots = 0, shown_responses = 0;

  g_assert_cmpuint (report->status, ==, 200);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *t = json_array_get_object_element (items, i);
      const char *kind = json_object_get_string_member (t, "kind");
      gint64 id = json_object_get_int_member (t, "id");

      if (json_object_get_int_member (t, "entity_id") != entity)
        continue;
      if (g_str_equal (kind, "poll"))
        shown_ballots += export_count (id, token, "poll", "total_ballots");
      else if (g_str_equal (kind, "survey"))
        shown_responses += export_count (id, token, "survey", "responses");
    }
  months = json_object_get_array_member (msk_test_object (report), "months");
  for (guint i = 0; i < json_array_get_length (months); i++)
    {
      JsonObject *s = json_object_get_object_member (json_array_get_object_element (months, i),
                                                     "submissions");

      ballots += json_object_get_int_member (s, "ballots");
      responses += json_object_get_int_member (s, "survey_responses");
    }
  g_test_message ("report of entity %" G_GINT64_FORMAT " (%s): %" G_GINT64_FORMAT " ballots, %"
                  G_GINT64_FORMAT " survey responses; the exports show %" G_GINT64_FORMAT
                  " and %" G_GINT64_FORMAT, entity, token != NULL ? "signed in" : "anonymous",
                  ballots, responses, shown_ballots, shown_responses);
  g_assert_cmpint (ballots, ==, shown_ballots);
  g_assert_cmpint (responses, ==, shown_responses);
}

static void
test_results_visibility (void)
{
  /* 5: open, after_vote; 6: closed; 7: open, after_close; 8: upcoming */
  static const gint64 polls[] = { 5, 6, 7, 8 };
  /* 9: open; 10: closed; 14: upcoming */
  static const struct { gint64 id; gboolean shown; } surveys[] = {
    { 9, FALSE }, { 10, TRUE }, { 14, FALSE },
  };
  g_autoptr(MskTestReply) vote = NULL;

  for (int round = 0; round < 2; round++)
    {
      /* the second round after the citizen voted on poll 5 */
      for (guint i = 0; i < G_N_ELEMENTS (polls); i++)
        for (int signed_in = 0; signed_in < 2; signed_in++)
          {
            const char *token = signed_in ? citizen : NULL;
            g_autofree char *path = g_strdup_printf ("/v1/polls/%" G_GINT64_FORMAT "/results",
                                                     polls[i]);

            assert_export_matches (polls[i], token, "poll", results_shown (path, token));
          }
      for (gint64 entity = 1; entity <= 3; entity++)
        {
          assert_report_matches (entity, NULL);
          assert_report_matches (entity, citizen);
        }
      if (round == 0)
        {
          vote = msk_test_send_json (srv, "PUT", "/v1/polls/5/ballot", citizen,
                                     "{\"options\":[1]}");
          g_assert_cmpuint (vote->status, ==, 200);
        }
    }
  /* the rule itself, seen through the results route */
  g_assert_false (results_shown ("/v1/polls/5/results", NULL));
  g_assert_true (results_shown ("/v1/polls/5/results", citizen));
  g_assert_true (results_shown ("/v1/polls/6/results", NULL));
  g_assert_false (results_shown ("/v1/polls/7/results", citizen));

  for (guint i = 0; i < G_N_ELEMENTS (surveys); i++)
    {
      assert_export_matches (surveys[i].id, NULL, "survey", surveys[i].shown);
      assert_export_matches (surveys[i].id, citizen, "survey", surveys[i].shown);
    }
}

/* ---- decoded text must be UTF-8 -------------------------------------------------- */

/* The JSON parser this server uses may refuse some lone surrogates by itself
 * (malformed JSON); what it accepts must be refused as invalid UTF-8, naming
 * the member (@field; NULL for a member name, which cannot be quoted as it
 * is). */
static void
assert_refused (const char *path,
                const char *body,
                const char *field)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MskTestReply) reply = msk_test_send_json (srv, "POST", path, citizen, body);
  gboolean parses = json_parser_load_from_data (parser, body, -1, NULL);
  JsonObject *error;

  g_test_message ("%s %s → %u %s", path, body, reply->status, reply->text);
  g_assert_true (g_utf8_validate (reply->text, -1, NULL));
  if (!parses)
    {
      msk_test_assert_problem (reply, 400, "malformed-json");
      return;
    }
  msk_test_assert_problem (reply, 400, "invalid-utf8");
  if (field != NULL)
    error = msk_test_find_error (reply, field);
  else
    {
      /* a member name: named as well as it can be, in valid UTF-8 */
      JsonArray *errors = json_object_get_array_member (msk_test_object (reply), "errors");

      g_assert_cmpuint (json_array_get_length (errors), ==, 1);
      error = json_array_get_object_element (errors, 0);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (error, "field"), "/a"));
    }
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "invalid-utf8");
}

static void
test_utf8 (void)
{
  static const char * const bodies[][2] = {
    { "{\"title\":\"Lone \\ud800 surrogate\",\"body\":\"An idea with a broken title.\"}",
      "/title" },
    { "{\"title\":\"A fine title\",\"body\":\"Low \\udc00 alone\"}", "/body" },
    { "{\"title\":\"A fine title\",\"body\":\"Reversed pair \\ude00\\ud83d\"}", "/body" },
    { "{\"title\":\"A fine title\",\"body\":\"Ends high \\ud83d\"}", "/body" },
  };
  g_autoptr(MskTestReply) pair = NULL;
  g_autoptr(MskTestReply) list = NULL;
  g_autoptr(MskTestReply) query = NULL;
  g_autoptr(MskTestReply) form = NULL;
  const char *description;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_refused ("/v1/topics/11/ideas", bodies[i][0], bodies[i][1]);
  /* deep in the body, and a member name */
  assert_refused ("/v1/surveys/9/responses",
                  "{\"answers\":[{\"question_id\":1,\"value\":1},"
                  "{\"question_id\":5,\"value\":\"bad \\udfff end\"}]}", "/answers/1/value");
  assert_refused ("/v1/topics/11/ideas",
                  "{\"title\":\"A fine title\",\"body\":\"A body\",\"a\\ud800b\":1}", NULL);

  /* a query parameter, and an Open311 form value */
  query = msk_test_get (srv, "/v1/topics?q=%ED%A0%80", NULL);
  g_test_message ("query → %u %s", query->status, query->text);
  msk_test_assert_problem (query, 400, "invalid-utf8");
  g_assert_nonnull (msk_test_find_error (query, "q"));
  form = msk_test_post_form (srv, "/open311/v2/requests.json",
                             "api_key=" DEMO_API_KEY "&" ALWAHA
                             "&service_code=noise&lat=1&long=1"
                             "&description=%ED%A0%80");
  g_test_message ("form → %u %s", form->status, form->text);
  msk_test_assert_open311_error (form, 400);
  description = json_object_get_string_member (json_array_get_object_element (
                                                 msk_test_array (form), 0), "description");
  g_assert_nonnull (strstr (description, "(description)"));

  /* a real pair is fine, and the list stays readable */
  pair = msk_test_send_json (srv, "POST", "/v1/topics/11/ideas", citizen,
                             "{\"title\":\"Smile \\ud83d\\ude00 please\","
                             "\"body\":\"A surrogate pair is one character.\"}");
  g_assert_cmpuint (pair->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (pair), "title"), ==,
                   "Smile \xf0\x9f\x98\x80 please");
  list = msk_test_get (srv, "/v1/topics/11/ideas?limit=50", NULL);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_true (g_utf8_validate (list->text, -1, NULL));
}

/* ---- CSV cells ------------------------------------------------------------------- */

/* RFC 4180 into rows of cells. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (cell, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (cell, *p);
            }
          continue;
        }
      if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (cell, FALSE));
          cell = g_string_new (NULL);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_string_free (cell, FALSE));
          cell = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p++;
        }
      else
        g_string_append_c (cell, *p);
      p++;
    }
  g_assert_cmpuint (cell->len, ==, 0);
  g_assert_cmpuint (row->len, ==, 0);
  g_string_free (cell, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static void
test_csv_cells (void)
{
  static const struct { const char *json; const char *text; } titles[] = {
    { "=HYPERLINK(\\\"http://evil.example/\\\",\\\"Open\\\")",
      "=HYPERLINK(\"http://evil.example/\",\"Open\")" },
    { "+1+cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0" },
    { "-2+3 shade trees", "-2+3 shade trees" },
    { "@SUM(1,2) benches", "@SUM(1,2) benches" },
    { "\\t=1+1 tabbed", "\t=1+1 tabbed" },
    { "\\r=1+1 returned", "\r=1+1 returned" },
  };
  g_autoptr(MskTestReply) plain = NULL;
  g_autoptr(MskTestReply) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint neutralised = 0, dangerous = 0;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"title\":\"%s\",\"body\":\"A spreadsheet "
                                               "formula as a title.\"}", titles[i].json);
      g_autoptr(MskTestReply) reply = msk_test_send_json (srv, "POST", "/v1/topics/11/ideas",
                                                          citizen, body);

      g_assert_cmpuint (reply->status, ==, 201);
    }
  plain = msk_test_send_json (srv, "POST", "/v1/topics/11/ideas", citizen,
                              "{\"title\":\"Shade 2-3 bus stops\",\"body\":\"A plain title.\"}");
  g_assert_cmpuint (plain->status, ==, 201);

  csv = msk_test_get (srv, "/v1/export/11.csv", NULL);
  g_assert_cmpuint (csv->status, ==, 200);
  rows = parse_csv (csv->text);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];

      g_assert_cmpuint (row->len, ==, 7);
      for (guint c = 0; c < row->len; c++)
        if (strchr ("=+-@\t\r", ((char *) row->pdata[c])[0]) != NULL &&
            ((char *) row->pdata[c])[0] != '\0')
          {
            g_test_message ("row %u, cell %u starts a formula: %s", r, c,
                            (char *) row->pdata[c]);
            dangerous++;
          }
    }
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *expected = g_strconcat ("'", titles[i].text, NULL);
      g_autofree char *quoted = NULL;
      gboolean found = FALSE;

      for (guint r = 0; r < rows->len; r++)
        {
          GPtrArray *row = rows->pdata[r];

          if (g_str_equal (row->pdata[0], "idea") && g_str_equal (row->pdata[2], expected) &&
              g_str_equal (row->pdata[3], expected))
            found = TRUE;
        }
      /* kept quoted, so that the quote is part of the text */
      quoted = g_strconcat (",\"'", (const char[]) { titles[i].text[0], '\0' }, NULL);
      if (found && strstr (csv->text, quoted) != NULL)
        neutralised++;
    }
  g_test_message ("%u cells start a formula; %u of %u titles neutralised", dangerous,
                  neutralised, (guint) G_N_ELEMENTS (titles));
  g_assert_cmpuint (dangerous, ==, 0);
  g_assert_cmpuint (neutralised, ==, G_N_ELEMENTS (titles));
  g_assert_nonnull (strstr (csv->text, ",Shade 2-3 bus stops,Shade 2-3 bus stops,supports,"));
}

/* ---- what the idempotency table keeps -------------------------------------------- */

static gint64
db_count (MskTestServer *server,
          const char    *sql,
          const char    *arg)
{
  g_autofree char *path = g_build_filename (server->data_dir, "musharaka-server.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_no_session_replay (void)
{
  g_autoptr(MskTestServer) fresh = msk_test_server_start (NULL, TRUE, NULL);
  static const char login[] = "{\"username\":\"citizen\",\"password\":\"" CITIZEN_PASSWORD "\"}";
  g_autoptr(MskTestReply) a = msk_test_request (fresh, "POST", "/v1/session", NULL,
                                                "application/json", login, -1,
                                                "Idempotency-Key", "session-key-1", NULL);
  g_autoptr(MskTestReply) b = msk_test_request (fresh, "POST", "/v1/session", NULL,
                                                "application/json", login, -1,
                                                "Idempotency-Key", "session-key-1", NULL);
  g_autoptr(MskTestReply) account = NULL;
  g_autoptr(MskTestReply) signed_in = NULL;
  const char *token_a, *token_b;
  gint64 rows, with_a, with_b, with_token;

  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  token_a = json_object_get_string_member (msk_test_object (a), "token");
  token_b = json_object_get_string_member (msk_test_object (b), "token");
  g_assert_null (msk_test_header (b, "Idempotent-Replayed"));
  g_assert_cmpstr (token_a, !=, token_b);

  account = msk_test_request (fresh, "POST", "/v1/accounts", NULL, "application/json",
                              "{\"username\":\"huda.salem\",\"display_name\":\"Huda Salem\","
                              "\"password\":\"Qz7 lantern over the old souq\"}", -1,
                              "Idempotency-Key", "account-key-1", NULL);
  g_assert_cmpuint (account->status, ==, 201);
  /* the token signs in */
  signed_in = msk_test_get (fresh, "/v1/me", token_a);
  g_assert_cmpuint (signed_in->status, ==, 200);

  rows = db_count (fresh, "SELECT count(*) FROM idempotency", NULL);
  with_a = db_count (fresh, "SELECT count(*) FROM idempotency WHERE instr(CAST(body AS TEXT), ?)",
                     token_a);
  with_b = db_count (fresh, "SELECT count(*) FROM idempotency WHERE instr(CAST(body AS TEXT), ?)",
                     token_b);
  with_token = db_count (fresh, "SELECT count(*) FROM idempotency "
                         "WHERE instr(CAST(body AS TEXT), ?)", "\"token\"");
  g_test_message ("idempotency rows after 2 sign-ins and 1 account: %" G_GINT64_FORMAT
                  " (%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " with the tokens, %"
                  G_GINT64_FORMAT " with a token member)", rows, with_a, with_b, with_token);
  g_assert_cmpint (with_a, ==, 0);
  g_assert_cmpint (with_b, ==, 0);
  g_assert_cmpint (with_token, ==, 0);
  g_assert_cmpint (rows, ==, 0);
  msk_test_server_stop (fresh);

  /* a sign-in reply an older server kept is gone after the next start */
  {
    g_autofree char *path = g_build_filename (fresh->data_dir, "musharaka-server.db", NULL);
    g_autofree char *insert = g_strdup_printf ("INSERT INTO idempotency (key, client, "
                                               "request_hash, status, content_type, body, "
                                               "created_at) VALUES ('old-key', 'anonymous', "
                                               "'x', 201, 'application/json', "
                                               "CAST('{\"token\":\"%s\"}' AS BLOB), %"
                                               G_GINT64_FORMAT ")", token_b,
                                               g_get_real_time () / G_USEC_PER_SEC);
    sqlite3 *db = NULL;
    MskTestServer *again;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    g_assert_cmpint (db_count (fresh, "SELECT count(*) FROM idempotency", NULL), ==, 1);
    again = msk_test_server_start (fresh->data_dir, FALSE, NULL);
    rows = db_count (again, "SELECT count(*) FROM idempotency", NULL);
    g_test_message ("an old sign-in reply after a restart: %" G_GINT64_FORMAT " rows", rows);
    g_assert_cmpint (rows, ==, 0);
    msk_test_server_stop (again);
    msk_test_server_free (again);
  }
}

/* ---- anonymous idempotency keys -------------------------------------------------- */

static gint64
feedback_total (gint64 topic)
{
  g_autofree char *path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT "/feedback", topic);
  g_autoptr(MskTestReply) reply = msk_test_get (srv, path, NULL);
  JsonObject *o = msk_test_object (reply);

  return json_object_get_int_member (o, "useful") + json_object_get_int_member (o, "not_useful");
}

static void
test_anonymous_keys (void)
{
  static const char form_a[] = "api_key=" DEMO_API_KEY "&" ALWAHA
                               "&service_code=stray_animals"
                               "&address_string=Old+market+square&description=Dogs+at+night";
  static const char form_b[] = "api_key=" DEMO_API_KEY "&" ALWAHA
                               "&service_code=water_leak"
                               "&lat=24.45&long=54.38&description=A+burst+pipe";
  static const char form_c[] = "api_key=" DEMO_API_KEY "&" ALWAHA
                               "&service_code=water_leak"
                               "&lat=24.46&long=54.37&description=A+dripping+valve";
  g_autoptr(MskTestReply) a = NULL;
  g_autoptr(MskTestReply) b = NULL;
  g_autoptr(MskTestReply) a_again = NULL;
  g_autoptr(MskTestReply) b_again = NULL;
  g_autoptr(MskTestReply) user_c = NULL;
  g_autoptr(MskTestReply) fa = NULL;
  g_autoptr(MskTestReply) fb = NULL;
  g_autoptr(MskTestReply) mine = NULL;
  g_autoptr(MskTestReply) other = NULL;
  gint64 feedback_before = feedback_total (1);

  /* someone uses the key first; the victim's different complaint still goes through */
  a = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                        "application/x-www-form-urlencoded", form_a, -1,
                        "Idempotency-Key", "shared-anon-key", NULL);
  b = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                        "application/x-www-form-urlencoded", form_b, -1,
                        "Idempotency-Key", "shared-anon-key", NULL);
  g_test_message ("first with the key: %u; second, another body: %u %s", a->status, b->status,
                  b->text);
  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  g_assert_cmpstr (a->text, !=, b->text);

  /* each retry gets its own reply back */
  a_again = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                              "application/x-www-form-urlencoded", form_a, -1,
                              "Idempotency-Key", "shared-anon-key", NULL);
  b_again = msk_test_request (srv, "POST", "/open311/v2/requests.json", NULL,
                              "application/x-www-form-urlencoded", form_b, -1,
                              "Idempotency-Key", "shared-anon-key", NULL);
  g_assert_cmpstr (a_again->text, ==, a->text);
  g_assert_cmpstr (b_again->text, ==, b->text);
  g_assert_cmpstr (msk_test_header (a_again, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (msk_test_header (b_again, "Idempotent-Replayed"), ==, "true");

  /* a signed-in user with the same key and body does not get the anonymous reply */
  user_c = msk_test_request (srv, "POST", "/open311/v2/requests.json", citizen,
                             "application/x-www-form-urlencoded", form_a, -1,
                             "Idempotency-Key", "shared-anon-key", NULL);
  g_assert_cmpuint (user_c->status, ==, 201);
  g_assert_null (msk_test_header (user_c, "Idempotent-Replayed"));
  g_assert_cmpstr (user_c->text, !=, a->text);

  /* the same for JSON routes */
  fa = msk_test_request (srv, "POST", "/v1/feedback", NULL, "application/json",
                         "{\"topic_id\":1,\"useful\":true,\"reasons\":[\"clear\"]}", -1,
                         "Idempotency-Key", "shared-feedback-key", NULL);
  fb = msk_test_request (srv, "POST", "/v1/feedback", NULL, "application/json",
                         "{\"topic_id\":1,\"useful\":false,\"reasons\":[\"unclear\"]}", -1,
                         "Idempotency-Key", "shared-feedback-key", NULL);
  g_test_message ("feedback: first %u, second %u", fa->status, fb->status);
  g_assert_cmpuint (fa->status, ==, 201);
  g_assert_cmpuint (fb->status, ==, 201);
  g_assert_cmpint (feedback_total (1), ==, feedback_before + 2);

  /* a signed-in user's key stays theirs: a changed body is still refused */
  mine = msk_test_request (srv, "POST", "/open311/v2/requests.json", citizen,
                           "application/x-www-form-urlencoded", form_c, -1,
                           "Idempotency-Key", "citizen-key", NULL);
  other = msk_test_request (srv, "POST", "/open311/v2/requests.json", citizen,
                            "application/x-www-form-urlencoded", form_b, -1,
                            "Idempotency-Key", "citizen-key", NULL);
  g_assert_cmpuint (mine->status, ==, 201);
  msk_test_assert_open311_error (other, 400);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  srv = msk_test_server_start (NULL, TRUE, NULL);
  citizen = msk_test_login (srv, "citizen", CITIZEN_PASSWORD);

  g_test_add_func ("/server/data/results-visibility", test_results_visibility);
  g_test_add_func ("/server/data/utf8", test_utf8);
  g_test_add_func ("/server/data/csv-cells", test_csv_cells);
  g_test_add_func ("/server/data/no-session-replay", test_no_session_replay);
  g_test_add_func ("/server/data/anonymous-keys", test_anonymous_keys);

  ret = g_test_run ();

  msk_test_server_stop (srv);
  g_clear_pointer (&srv, msk_test_server_free);
  g_free (citizen);
  return ret;
}
