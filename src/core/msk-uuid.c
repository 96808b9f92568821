/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "msk-uuid.h"

/* Idempotency keys name a submission to the portal: anyone who can guess
 * one can replay or block it, so they come from the operating system's
 * cryptographic generator, never from GLib's pseudo-random one. */

static gboolean
read_urandom (guint8 *buffer,
              gsize   length)
{
  int fd = open ("/dev/urandom", O_RDONLY | O_CLOEXEC);
  gsize done = 0;

  if (fd < 0)
    return FALSE;
  while (done < length)
    {
      ssize_t n = read (fd, buffer + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (fd);
  return done == length;
}

/**
 * msk_random_fill_os:
 *
 * Fills @buffer from the kernel's cryptographic generator: getrandom(2),
 * or /dev/urandom where the call is missing. Without either, the app
 * cannot make safe keys and aborts.
 */
void
msk_random_fill_os (guint8 *buffer,
                    gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      done += (gsize) n;
    }
  if (done < length && !read_urandom (buffer + done, length - done))
    g_error ("No cryptographic random source: neither getrandom(2) nor /dev/urandom works");
}

/**
 * msk_uuid_format_v4:
 * @bytes: 16 random bytes
 *
 * Returns: (transfer full): @bytes as an RFC 9562 version 4 UUID in lower
 *   case, its version and variant bits set (122 random bits remain)
 */
char *
msk_uuid_format_v4 (const guint8 bytes[MSK_UUID_N_BYTES])
{
  guint8 b[MSK_UUID_N_BYTES];

  memcpy (b, bytes, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
                          b[10], b[11], b[12], b[13], b[14], b[15]);
}

/**
 * msk_uuid_new_random:
 *
 * Returns: (transfer full): a new version 4 UUID from the cryptographic source
 */
char *
msk_uuid_new_random (void)
{
  guint8 bytes[MSK_UUID_N_BYTES];

  msk_random_fill_os (bytes, sizeof bytes);
  return msk_uuid_format_v4 (bytes);
}
