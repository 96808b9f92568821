/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What only its author may do, and what its author may not do: a moderator
 * does not publish their own comment, and only the person who made an
 * information request can appeal it.
 */
#include <string.h>

#include "msk-test-server.h"

static MskTestServer *srv;
static char *citizen;
static char *moderator;
static char *staff;

static const char *
comment_status (gint64 id)
{
  static char status[32];
  g_autoptr(MskTestReply) queue = msk_test_get (srv, "/v1/topics/1/comments?limit=50",
                                                moderator);
  JsonArray *items = msk_test_items (queue);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *c = json_array_get_object_element (items, i);

      if (json_object_get_int_member (c, "id") == id)
        {
          g_strlcpy (status, json_object_get_string_member (c, "status"), sizeof status);
          return status;
        }
    }
  return "absent";
}

static gint64
post_comment (const char *token,
              const char *body)
{
  g_autofree char *json = g_strdup_printf ("{\"body\":\"%s\"}", body);
  g_autoptr(MskTestReply) reply = msk_test_send_json (srv, "POST", "/v1/topics/1/comments",
                                                      token, json);

  g_assert_cmpuint (reply->status, ==, 201);
  return json_object_get_int_member (msk_test_object (reply), "id");
}

static MskTestReply *
moderate (gint64      id,
          const char *decision,
          const char *lang)
{
  g_autofree char *path = g_strdup_printf ("/v1/comments/%" G_GINT64_FORMAT "/moderation", id);
  g_autofree char *body = g_strdup_printf ("{\"decision\":\"%s\",\"reason\":\"Off topic\"}",
                                           decision);

  return msk_test_request (srv, "POST", path, moderator, "application/json", body, -1,
                           "Accept-Language", lang, NULL);
}

static void
test_moderator_own_comment (void)
{
  gint64 own = post_comment (moderator, "I support the cycle paths, speaking as a resident.");
  gint64 citizens = post_comment (citizen, "Please add shade along the lake path.");
  g_autoptr(MskTestReply) ar = moderate (own, "publish", "ar");
  g_autoptr(MskTestReply) en = moderate (own, "publish", "en");
  g_autoptr(MskTestReply) other = moderate (citizens, "publish", "en");

  g_test_message ("a moderator publishing their own comment: %u", ar->status);
  msk_test_assert_problem (ar, 403, "own-comment");
  msk_test_assert_problem (en, 403, "own-comment");
  g_assert_true (msk_test_has_arabic (json_object_get_string_member (msk_test_object (ar), "title")));
  g_assert_false (msk_test_has_arabic (json_object_get_string_member (msk_test_object (en), "title")));
  g_assert_cmpstr (comment_status (own), ==, "pending");

  /* other people's comments are moderated as before */
  g_assert_cmpuint (other->status, ==, 200);
  g_assert_cmpstr (comment_status (citizens), ==, "published");
}

/* ---- appeals on information requests ----------------------------------------------- */

static MskTestReply *
post_request (const char *token,
              const char *form,
              const char *lang)
{
  return msk_test_request (srv, "POST", "/open311/v2/requests.json", token,
                           "application/x-www-form-urlencoded; charset=utf-8", form, -1,
                           "Accept-Language", lang, NULL);
}

/* Files an information request and has staff refuse it, so that it may be
 * appealed at once; returns its tracking number. */
static char *
refused_request (const char *token,
                 const char *contact)
{
  g_autofree char *form =
    g_strdup_printf ("api_key=" DEMO_API_KEY "&service_code=information_request"
                     "&attribute%%5Bpreferred_format%%5D=electronic"
                     "&description=Minutes+of+the+parks+committee%s", contact);
  g_autoptr(MskTestReply) created = post_request (token, form, "en");
  g_autoptr(MskTestReply) refused = NULL;
  g_autofree char *path = NULL;
  char *id;

  g_assert_cmpuint (created->status, ==, 201);
  id = g_strdup (json_object_get_string_member (json_array_get_object_element (
                   msk_test_array (created), 0), "service_request_id"));
  path = g_strdup_printf ("/v1/service-requests/%s/status", id);
  refused = msk_test_send_json (srv, "POST", path, staff,
                                "{\"detailed_status\":\"REJECTED\",\"status_notes\":"
                                "\"The minutes are not public.\"}");
  g_assert_cmpuint (refused->status, ==, 200);
  return id;
}

static guint
appeal (const char *token,
        const char *original,
        const char *proof)
{
  g_autofree char *form =
    g_strdup_printf ("api_key=" DEMO_API_KEY "&service_code=information_appeal"
                     "&attribute%%5Breason%%5D=refused"
                     "&attribute%%5Boriginal_request%%5D=%s%s", original, proof);
  g_autoptr(MskTestReply) ar = post_request (token, form, "ar");

  if (ar->status != 201)
    {
      g_autoptr(MskTestReply) en = post_request (token, form, "en");
      const char *ar_text, *en_text;

      /* refused in the requester's language, as an Open311 error */
      msk_test_assert_open311_error (ar, ar->status);
      msk_test_assert_open311_error (en, ar->status);
      ar_text = json_object_get_string_member (json_array_get_object_element (
                                                 msk_test_array (ar), 0), "description");
      en_text = json_object_get_string_member (json_array_get_object_element (
                                                 msk_test_array (en), 0), "description");
      g_assert_true (msk_test_has_arabic (ar_text));
      g_assert_false (msk_test_has_arabic (en_text));
    }
  return ar->status;
}

static void
test_appeal_by_account (void)
{
  g_autofree char *id = refused_request (citizen, "&email=citizen%40example.org");

  g_test_message ("someone else's appeal on %s: anonymous %u, another account %u", id,
                  appeal (NULL, id, ""), appeal (moderator, id, ""));
  g_assert_cmpuint (appeal (NULL, id, ""), ==, 403);
  g_assert_cmpuint (appeal (moderator, id, ""), ==, 403);
  /* an account's request is not theirs to appeal for whoever knows its email */
  g_assert_cmpuint (appeal (NULL, id, "&email=citizen%40example.org"), ==, 403);
  g_assert_cmpuint (appeal (citizen, id, ""), ==, 201);
}

static void
test_appeal_anonymous (void)
{
  g_autofree char *by_device = refused_request (NULL, "&device_id=3f2a9c1e-device");
  g_autofree char *by_email = refused_request (NULL, "&email=Hessa%40example.org");
  g_autofree char *no_contact = refused_request (NULL, "");

  g_test_message ("an appeal on an anonymous request without its proof: %u",
                  appeal (NULL, by_device, ""));
  g_assert_cmpuint (appeal (NULL, by_device, ""), ==, 403);
  g_assert_cmpuint (appeal (NULL, by_device, "&device_id=another-device"), ==, 403);
  g_assert_cmpuint (appeal (citizen, by_device, ""), ==, 403);
  g_assert_cmpuint (appeal (NULL, by_device, "&device_id=3f2a9c1e-device"), ==, 201);

  g_assert_cmpuint (appeal (NULL, by_email, "&email=someone%40example.org"), ==, 403);
  g_assert_cmpuint (appeal (NULL, by_email, "&email=hessa%40example.org"), ==, 201);

  /* nothing shows who asked: nobody can appeal it */
  g_assert_cmpuint (appeal (NULL, no_contact, ""), ==, 403);
  g_assert_cmpuint (appeal (citizen, no_contact, ""), ==, 403);
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

  g_test_add_func ("/server/ownership/moderator-own-comment", test_moderator_own_comment);
  g_test_add_func ("/server/ownership/appeal-by-account", test_appeal_by_account);
  g_test_add_func ("/server/ownership/appeal-anonymous", test_appeal_anonymous);

  ret = g_test_run ();

  msk_test_server_stop (srv);
  g_clear_pointer (&srv, msk_test_server_free);
  g_free (citizen);
  g_free (moderator);
  g_free (staff);
  return ret;
}
