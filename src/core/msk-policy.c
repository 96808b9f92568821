/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "msk-policy.h"

/* The acceptance of one portal is a setting of the store, "policy:" and the
 * portal's key, holding "<version> <seconds since the epoch>". In public-PC
 * mode the store is in memory: each session accepts for itself. */

static char *
setting_name (const char *portal_key)
{
  return g_strconcat ("policy:", portal_key, NULL);
}

/**
 * msk_policy_dup_portal_key:
 *
 * Returns: (transfer full): what acceptances of @portal are kept under:
 *   %MSK_POLICY_PRACTICE_KEY for the practice portal (its address changes
 *   at every start), the portal's address otherwise
 */
char *
msk_policy_dup_portal_key (MskPortal *portal)
{
  g_return_val_if_fail (MSK_IS_PORTAL (portal), NULL);

  if (msk_portal_get_is_demo (portal))
    return g_strdup (MSK_POLICY_PRACTICE_KEY);
  return g_strdup (msk_portal_get_base_url (portal));
}

/**
 * msk_policy_is_accepted:
 * @portal_key: from msk_policy_dup_portal_key()
 * @accepted_at: (out) (optional): when, in seconds since the epoch
 *
 * Returns: whether the texts of %MSK_POLICY_VERSION were accepted for the
 *   portal; an acceptance of another version does not count
 */
gboolean
msk_policy_is_accepted (MskStore   *store,
                        const char *portal_key,
                        gint64     *accepted_at)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (MSK_IS_STORE (store), FALSE);
  g_return_val_if_fail (portal_key != NULL, FALSE);

  name = setting_name (portal_key);
  value = msk_store_dup_setting (store, name);
  if (value == NULL)
    return FALSE;

  parts = g_strsplit (value, " ", 2);
  if (g_strv_length (parts) != 2 || !g_str_equal (parts[0], MSK_POLICY_VERSION))
    return FALSE;
  if (accepted_at != NULL
      && !g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, accepted_at, NULL))
    *accepted_at = 0;
  return TRUE;
}

/**
 * msk_policy_accept:
 * @now: the time of the acceptance, in seconds since the epoch
 *
 * Records that the person accepted the texts of %MSK_POLICY_VERSION for the
 * portal @portal_key.
 */
gboolean
msk_policy_accept (MskStore    *store,
                   const char  *portal_key,
                   gint64       now,
                   GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (MSK_IS_STORE (store), FALSE);
  g_return_val_if_fail (portal_key != NULL && *portal_key != '\0', FALSE);

  name = setting_name (portal_key);
  value = g_strdup_printf ("%s %" G_GINT64_FORMAT, MSK_POLICY_VERSION, now);
  return msk_store_set_setting (store, name, value, error);
}

/**
 * msk_policy_forget:
 *
 * Drops the acceptance for @portal_key (the portal was removed).
 */
gboolean
msk_policy_forget (MskStore    *store,
                   const char  *portal_key,
                   GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MSK_IS_STORE (store), FALSE);
  g_return_val_if_fail (portal_key != NULL, FALSE);

  name = setting_name (portal_key);
  return msk_store_set_setting (store, name, NULL, error);
}
