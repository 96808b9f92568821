/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-policy.h"

/* An acceptance counts for its portal and its version only. */
static void
test_per_portal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new_in_memory (&error);
  g_autoptr(MskPortal) city = msk_portal_new ("City", "https://city.example.sa/", NULL, NULL,
                                              FALSE);
  g_autoptr(MskPortal) practice = msk_portal_new ("Practice", "http://127.0.0.1:4242", NULL,
                                                  NULL, TRUE);
  g_autofree char *city_key = msk_policy_dup_portal_key (city);
  g_autofree char *practice_key = msk_policy_dup_portal_key (practice);
  gint64 when = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (city_key, ==, "https://city.example.sa");
  g_assert_cmpstr (practice_key, ==, MSK_POLICY_PRACTICE_KEY);

  g_assert_false (msk_policy_is_accepted (store, city_key, NULL));
  g_assert_false (msk_policy_is_accepted (store, practice_key, NULL));

  g_assert_true (msk_policy_accept (store, practice_key, 1764626400, &error));
  g_assert_no_error (error);
  g_assert_true (msk_policy_is_accepted (store, practice_key, &when));
  g_assert_cmpint (when, ==, 1764626400);
  g_assert_false (msk_policy_is_accepted (store, city_key, NULL));

  /* The practice portal at another port is the same practice portal. */
  {
    g_autoptr(MskPortal) again = msk_portal_new ("Practice", "http://127.0.0.1:5151", NULL,
                                                 NULL, TRUE);
    g_autofree char *key = msk_policy_dup_portal_key (again);

    g_assert_true (msk_policy_is_accepted (store, key, NULL));
  }

  g_assert_true (msk_policy_forget (store, practice_key, &error));
  g_assert_false (msk_policy_is_accepted (store, practice_key, NULL));
}

/* An acceptance of an older version of the texts, or a damaged one, does
 * not count. */
static void
test_other_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MskStore) store = msk_store_new_in_memory (&error);
  const char *stored[] = { "2025-1 1764626400", MSK_POLICY_VERSION, "", "garbage" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (stored); i++)
    {
      g_assert_true (msk_store_set_setting (store, "policy:https://city.example.sa", stored[i],
                                            &error));
      g_assert_false (msk_policy_is_accepted (store, "https://city.example.sa", NULL));
    }

  g_assert_true (msk_policy_accept (store, "https://city.example.sa", 1, &error));
  g_assert_true (msk_policy_is_accepted (store, "https://city.example.sa", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/policy/per-portal", test_per_portal);
  g_test_add_func ("/core/policy/other-version", test_other_version);

  return g_test_run ();
}
