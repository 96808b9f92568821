/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Passwords are hashed with yescrypt through libxcrypt; bearer tokens are
 * 256 random bits, stored only as their SHA-256.
 */
#include "msk-server-private.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

char *
msk_auth_hash_password (const char *password)
{
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *hash;

  /* NULL random bytes: libxcrypt reads them from the kernel. */
  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
    g_error ("crypt_gensalt_rn failed for yescrypt");

  hash = crypt_r (password, salt, data);
  if (hash == NULL || hash[0] == '*')
    g_error ("crypt_r failed for yescrypt");
  return g_strdup (hash);
}

gboolean
msk_auth_check_password (const char *password,
                         const char *hash)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *computed;
  gsize len;
  guint8 diff = 0;

  if (hash == NULL || !g_str_has_prefix (hash, "$y$"))
    return FALSE;
  computed = crypt_r (password, hash, data);
  if (computed == NULL || computed[0] == '*')
    return FALSE;
  len = strlen (hash);
  if (strlen (computed) != len)
    return FALSE;
  /* constant time */
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (computed[i] ^ hash[i]);
  return diff == 0;
}

char *
msk_auth_new_token (void)
{
  guint8 bytes[32];
  g_autoptr(GString) s = g_string_new ("msk_");

  if (getentropy (bytes, sizeof bytes) != 0)
    g_error ("getentropy failed: %s", g_strerror (errno));
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

char *
msk_auth_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
