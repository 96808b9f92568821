/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Signing in and creating accounts, as an attacker would try them: guessing
 * one account's password from many addresses, telling known from unknown
 * usernames by the time a refusal takes, slowing everyone down with
 * sign-ins, and accounts whose names or passwords would mislead.
 */
#include <string.h>

#include "msk-test-server.h"

static MskTestServer *srv;

/* Each test has a server of its own: failures counted by one must not reach another. */
typedef struct
{
  int unused;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  srv = msk_test_server_start (NULL, TRUE, NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  msk_test_server_stop (srv);
  g_clear_pointer (&srv, msk_test_server_free);
}

static MskTestReply *
sign_in (const char *username,
         const char *password,
         const char *lang)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);

  return msk_test_request (srv, "POST", "/v1/session", NULL, "application/json", body, -1,
                           "Accept-Language", lang, NULL);
}

/* The same, from another loopback address. */
static MskTestReply *
sign_in_from (SoupSession *session,
              const char  *username,
              const char  *password,
              const char  *lang)
{
  SoupSession *own = srv->session;
  MskTestReply *reply;

  srv->session = session;
  reply = sign_in (username, password, lang);
  srv->session = own;
  return reply;
}

static guint
retry_after (MskTestReply *reply)
{
  const char *value = msk_test_header (reply, "Retry-After");
  guint64 seconds = 0;

  g_assert_nonnull (value);
  g_assert_true (g_ascii_string_to_unsigned (value, 10, 1, 3600, &seconds, NULL));
  return (guint) seconds;
}

static const char *
title (MskTestReply *reply)
{
  return json_object_get_string_member (msk_test_object (reply), "title");
}

/* Five wrong passwords for one account, then the right one from another
 * address: refused for a while that grows with every further failure. */
static void
test_backoff (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GInetAddress) other = g_inet_address_new_from_string ("127.0.0.2");
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (other, 0);
  g_autoptr(SoupSession) elsewhere = soup_session_new_with_options ("timeout", 30,
                                                                   "local-address", local,
                                                                   NULL);
  g_autoptr(MskTestReply) right = NULL;
  g_autoptr(MskTestReply) right_en = NULL;
  g_autoptr(MskTestReply) other_account = NULL;
  g_autoptr(MskTestReply) later_wrong = NULL;
  g_autoptr(MskTestReply) later_right = NULL;
  g_autoptr(MskTestReply) after = NULL;
  g_autoptr(MskTestReply) after_wrong = NULL;
  guint first_wait, second_wait;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(MskTestReply) wrong = sign_in ("citizen", "not-the-password", "ar");

      msk_test_assert_problem (wrong, 401, "invalid-credentials");
    }

  right = sign_in_from (elsewhere, "citizen", CITIZEN_PASSWORD, "ar");
  g_test_message ("the right password after 5 failures, from 127.0.0.2: %u", right->status);
  msk_test_assert_problem (right, 429, "sign-in-backoff");
  first_wait = retry_after (right);
  g_assert_true (msk_test_has_arabic (title (right)));
  right_en = sign_in_from (elsewhere, "citizen", CITIZEN_PASSWORD, "en");
  msk_test_assert_problem (right_en, 429, "sign-in-backoff");
  g_assert_false (msk_test_has_arabic (title (right_en)));
  g_assert_cmpstr (title (right_en), !=, title (right));

  /* other accounts are not held back */
  other_account = sign_in ("moderator", MODERATOR_PASSWORD, "ar");
  g_assert_cmpuint (other_account->status, ==, 201);

  /* once the wait is over one more try is allowed; failing it waits longer */
  g_assert_cmpuint (first_wait, <=, 5);
  g_usleep (first_wait * G_USEC_PER_SEC + 100000);
  later_wrong = sign_in_from (elsewhere, "citizen", "still-not-it", "ar");
  msk_test_assert_problem (later_wrong, 401, "invalid-credentials");
  later_right = sign_in ("citizen", CITIZEN_PASSWORD, "ar");
  msk_test_assert_problem (later_right, 429, "sign-in-backoff");
  second_wait = retry_after (later_right);
  g_test_message ("waits: %u s, then %u s", first_wait, second_wait);
  g_assert_cmpuint (second_wait, >, first_wait);

  /* the right password after the wait signs in, and clears the failures */
  g_assert_cmpuint (second_wait, <=, 10);
  g_usleep (second_wait * G_USEC_PER_SEC + 100000);
  after = sign_in ("citizen", CITIZEN_PASSWORD, "ar");
  g_assert_cmpuint (after->status, ==, 201);
  after_wrong = sign_in ("citizen", "not-the-password", "ar");
  msk_test_assert_problem (after_wrong, 401, "invalid-credentials");
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (GArray *times)
{
  g_array_sort (times, compare_times);
  return g_array_index (times, gint64, times->len / 2);
}

static void
time_sign_in (GArray     *times,
              const char *username)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(MskTestReply) reply = sign_in (username, "a-wrong-password", "en");
  gint64 took = g_get_monotonic_time () - start;

  msk_test_assert_problem (reply, 401, "invalid-credentials");
  g_array_append_val (times, took);
}

/* A refusal takes as long for a username nobody has, or for an account
 * that cannot sign in, as for a real account with a wrong password. */
static void
test_unknown_user_timing (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const known[] = { "citizen", "moderator", "staff" };
  static const char * const no_password[] = { "salem", "fatima", "omar", "layla" };
  g_autoptr(GArray) known_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) unknown_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) no_password_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 k, u, n;

  /* three tries per account: below the back-off */
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *nobody = g_strdup_printf ("nobody-%u", i);

      time_sign_in (known_us, known[i % G_N_ELEMENTS (known)]);
      time_sign_in (unknown_us, nobody);
      if (i < 8)
        time_sign_in (no_password_us, no_password[i % G_N_ELEMENTS (no_password)]);
    }
  k = median (known_us);
  u = median (unknown_us);
  n = median (no_password_us);
  g_test_message ("median refusal: known %.2f ms, unknown %.2f ms, without password %.2f ms",
                  k / 1000.0, u / 1000.0, n / 1000.0);
  g_assert_cmpint (2 * u, >=, k);
  g_assert_cmpint (2 * n, >=, k);
}

typedef struct
{
  guint order;      /* 1-based: when the reply arrived; 0 while awaited */
  guint status;
} MskArrival;

static guint arrivals;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  MskArrival *arrival = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (session, result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (session, result);

  g_assert_no_error (error);
  arrival->status = soup_message_get_status (msg);
  arrival->order = ++arrivals;
}

static void
send_async (SoupSession *session,
            const char  *method,
            const char  *path,
            const char  *json,
            MskArrival  *arrival)
{
  g_autofree char *uri = g_strconcat (srv->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);

  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, read_cb, arrival);
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Eight sign-ins hashing their passwords do not hold up readers: GETs sent
 * one after another while they are under way are answered meanwhile, many
 * more of them than there are sign-ins (one at a time would let at most one
 * GET through between two sign-ins). */
static void
test_hashing_off_loop (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *username; const char *password; } accounts[] = {
    { "citizen", CITIZEN_PASSWORD }, { "moderator", MODERATOR_PASSWORD },
    { "staff", STAFF_PASSWORD },
  };
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30,
                                                                 "max-conns", 32,
                                                                 "max-conns-per-host", 16,
                                                                 NULL);
  MskArrival sign_ins[8] = { 0 };
  guint answered = 0, gets_meanwhile = 0, last_sign_in = 0;
  gboolean timed_out = FALSE;
  guint timeout_id;

  arrivals = 0;
  for (guint i = 0; i < G_N_ELEMENTS (sign_ins); i++)
    {
      g_autofree char *body =
        g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                         accounts[i % G_N_ELEMENTS (accounts)].username,
                         accounts[i % G_N_ELEMENTS (accounts)].password);

      send_async (session, "POST", "/v1/session", body, &sign_ins[i]);
    }

  timeout_id = g_timeout_add_seconds (30, flag_cb, &timed_out);
  while (answered < G_N_ELEMENTS (sign_ins) && !timed_out)
    {
      MskArrival get = { 0 };

      send_async (session, "GET", "/v1/entities", NULL, &get);
      while (get.order == 0 && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (get.status, ==, 200);
      answered = 0;
      for (guint i = 0; i < G_N_ELEMENTS (sign_ins); i++)
        answered += sign_ins[i].order != 0;
      if (answered < G_N_ELEMENTS (sign_ins))
        gets_meanwhile++;
    }
  g_assert_false (timed_out);
  g_source_remove (timeout_id);

  for (guint i = 0; i < G_N_ELEMENTS (sign_ins); i++)
    {
      g_assert_cmpuint (sign_ins[i].status, ==, 201);
      last_sign_in = MAX (last_sign_in, sign_ins[i].order);
    }
  g_test_message ("GETs answered before the last of 8 sign-ins: %u (the last sign-in's reply "
                  "was %u of %u)", gets_meanwhile, last_sign_in, arrivals);
  g_assert_cmpuint (gets_meanwhile, >=, 2 * G_N_ELEMENTS (sign_ins));
}

/* ---- accounts ------------------------------------------------------------- */

static MskTestReply *
create_account (const char *username,
                const char *password,
                const char *display_name,
                const char *lang)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, username);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, password);
  if (display_name != NULL)
    {
      json_builder_set_member_name (b, "display_name");
      json_builder_add_string_value (b, display_name);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  body = json_generator_to_data (gen, NULL);
  return msk_test_request (srv, "POST", "/v1/accounts", NULL, "application/json", body, -1,
                           "Accept-Language", lang, NULL);
}

/* Asserts 422 naming @field with @code, worded in both languages. */
static void
assert_refused (const char *username,
                const char *password,
                const char *display_name,
                const char *field,
                const char *code)
{
  g_autoptr(MskTestReply) ar = create_account (username, password, display_name, "ar");
  g_autoptr(MskTestReply) en = create_account (username, password, display_name, "en");
  JsonObject *ar_error;
  JsonObject *en_error;

  if (ar->status != 422)
    g_test_message ("%s / %s / %s: %u %s", username, password,
                    display_name != NULL ? display_name : "(none)", ar->status, ar->text);
  msk_test_assert_problem (ar, 422, "validation-failed");
  msk_test_assert_problem (en, 422, "validation-failed");
  ar_error = msk_test_find_error (ar, field);
  en_error = msk_test_find_error (en, field);
  g_assert_nonnull (ar_error);
  g_assert_nonnull (en_error);
  g_assert_cmpstr (json_object_get_string_member (ar_error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (en_error, "code"), ==, code);
  g_assert_true (msk_test_has_arabic (json_object_get_string_member (ar_error, "message")));
  g_assert_false (msk_test_has_arabic (json_object_get_string_member (en_error, "message")));
}

static void
test_display_names (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const blank[] = { "   ", "\t\n", "\u00a0\u3000", "\u2003 \u2002" };
  static const char * const controls[] = {
    "Ali\u202eilA", "\u202bمريم\u202c", "Ali \u2066Hassan\u2069", "\u200fعمر", "Omar\u200e",
    "Sara\a", "Hu\u00adda", "Nour\u2060", "\ufeffLina", "\u061cسالم",
  };
  /* the demo's moderator is moderator / خالد المنصوري, its staff staff / نورة الكعبي */
  static const char * const reserved[] = {
    "خالد المنصوري", "  خالد   المنصوري ", "خالدالمنصوري", "ﺧﺎﻟﺪ ﺍﻟﻤﻨﺼﻮﺭﻱ",
    "نورة الكعبي", "Moderator", "STAFF", "ｓｔａｆｆ", "mod erator",
  };
  g_autoptr(MskTestReply) citizen_name = NULL;
  g_autoptr(MskTestReply) plain = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_autofree char *username = g_strdup_printf ("blank%zu", i);

      assert_refused (username, "a-fine-pass-phrase", blank[i], "/display_name", "blank");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *username = g_strdup_printf ("control%zu", i);

      assert_refused (username, "a-fine-pass-phrase", controls[i], "/display_name",
                      "control-characters");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (reserved); i++)
    {
      g_autofree char *username = g_strdup_printf ("reserved%zu", i);

      assert_refused (username, "a-fine-pass-phrase", reserved[i], "/display_name",
                      "reserved-name");
    }

  /* a citizen's name is not protected, and plain names pass */
  citizen_name = create_account ("maryam.a", "a-fine-pass-phrase", "مريم أحمد", "ar");
  g_assert_cmpuint (citizen_name->status, ==, 201);
  plain = create_account ("hessa", "tamr-wa-qahwa-7", "حصة بنت راشد", "ar");
  g_assert_cmpuint (plain->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (msk_test_object (plain), "display_name"), ==,
                   "حصة بنت راشد");
}

static void
test_passwords (Fixture       *f,
                gconstpointer  data)
{
  static const char * const common[] = {
    "password", "12345678", "123456789", "qwertyuiop", "iloveyou", "Password1", "PASSWORD123",
    "11111111", "abc12345",
  };
  g_autoptr(MskTestReply) fine = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (common); i++)
    {
      g_autofree char *username = g_strdup_printf ("common%zu", i);

      assert_refused (username, common[i], NULL, "/password", "common-password");
    }
  assert_refused ("rashid.alnuaimi", "rashid.alnuaimi", NULL, "/password",
                  "password-is-username");
  assert_refused ("rashid.alnuaimi", "RASHID.ALNUAIMI", NULL, "/password",
                  "password-is-username");

  fine = create_account ("rashid.alnuaimi", "falcon-over-the-dunes", NULL, "en");
  g_assert_cmpuint (fine->status, ==, 201);
}

#define ADD(path, func) \
  g_test_add ("/server/auth/" path, Fixture, NULL, setup, func, teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("backoff", test_backoff);
  ADD ("unknown-user-timing", test_unknown_user_timing);
  ADD ("hashing-off-loop", test_hashing_off_loop);
  ADD ("display-names", test_display_names);
  ADD ("passwords", test_passwords);

  return g_test_run ();
}
