/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Idempotency keys: version 4 UUIDs whose bytes come from the kernel's
 * cryptographic generator. This program defines getrandom(2) itself, so
 * the library's calls land here: the tests see what the generator asks the
 * kernel for, and can answer with known bytes or with a failure. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "msk-outbox-item.h"
#include "msk-uuid.h"

typedef enum
{
  SOURCE_KERNEL,    /* pass the call on to the kernel */
  SOURCE_PATTERN,   /* answer with PATTERN, to see where the bytes go */
  SOURCE_MISSING,   /* fail with ENOSYS, as an old kernel would */
} SourceMode;

static SourceMode mode = SOURCE_KERNEL;
static guint n_calls;
static gsize n_bytes;

static const guint8 PATTERN[MSK_UUID_N_BYTES] = {
  0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
};

ssize_t
getrandom (void         *buffer,
           size_t        length,
           unsigned int  flags)
{
  n_calls++;
  n_bytes += length;
  switch (mode)
    {
    case SOURCE_PATTERN:
      for (size_t i = 0; i < length; i++)
        ((guint8 *) buffer)[i] = PATTERN[i % sizeof PATTERN];
      return (ssize_t) length;
    case SOURCE_MISSING:
      errno = ENOSYS;
      return -1;
    case SOURCE_KERNEL:
    default:
      return syscall (SYS_getrandom, buffer, length, flags);
    }
}

static void
set_mode (SourceMode new_mode)
{
  mode = new_mode;
  n_calls = 0;
  n_bytes = 0;
}

static void
test_format (void)
{
  static const guint8 zeros[MSK_UUID_N_BYTES] = { 0, };
  guint8 ones[MSK_UUID_N_BYTES];
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  memset (ones, 0xff, sizeof ones);
  a = msk_uuid_format_v4 (zeros);
  b = msk_uuid_format_v4 (ones);
  c = msk_uuid_format_v4 (PATTERN);
  /* Version 4 in the 13th digit, variant 10xx in the 17th; the rest is the bytes. */
  g_assert_cmpstr (a, ==, "00000000-0000-4000-8000-000000000000");
  g_assert_cmpstr (b, ==, "ffffffff-ffff-4fff-bfff-ffffffffffff");
  g_assert_cmpstr (c, ==, "01234567-89ab-4def-bedc-ba9876543210");
}

static gboolean
is_uuid_v4 (const char *s)
{
  return g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                               "[0-9a-f]{12}$", s, 0, 0);
}

/* 122 bits of each key are random: over many keys each of them is seen
 * both set and clear, and no key repeats. */
static void
test_random_keys (void)
{
  const guint n = 20000;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint8 set[MSK_UUID_N_BYTES] = { 0, };
  guint8 clear[MSK_UUID_N_BYTES] = { 0, };
  guint varying = 0;

  set_mode (SOURCE_KERNEL);
  for (guint i = 0; i < n; i++)
    {
      char *key = msk_uuid_new_random ();
      guint8 bytes[MSK_UUID_N_BYTES];
      guint k = 0;

      g_assert_true (is_uuid_v4 (key));
      for (const char *p = key; *p != '\0' && k < 2 * MSK_UUID_N_BYTES; p++)
        if (*p != '-')
          {
            guint8 nibble = (guint8) g_ascii_xdigit_value (*p);

            bytes[k / 2] = (k % 2 == 0) ? (guint8) (nibble << 4) : (bytes[k / 2] | nibble);
            k++;
          }
      for (guint j = 0; j < MSK_UUID_N_BYTES; j++)
        {
          set[j] |= bytes[j];
          clear[j] |= (guint8) ~bytes[j];
        }
      g_assert_true (g_hash_table_add (seen, key));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  for (guint j = 0; j < MSK_UUID_N_BYTES; j++)
    varying += (guint) __builtin_popcount (set[j] & clear[j]);
  g_test_message ("%u keys, %u distinct, %u bits vary", n, g_hash_table_size (seen), varying);
  g_assert_cmpuint (varying, ==, 122);
  /* One call of 16 bytes per key. */
  g_assert_cmpuint (n_calls, ==, n);
  g_assert_cmpuint (n_bytes, ==, n * MSK_UUID_N_BYTES);
}

/* The key of a new outbox item is made of what getrandom(2) gave, and of
 * nothing else. */
static void
test_item_key_from_kernel (void)
{
  g_autoptr(MskOutboxItem) item = NULL;
  g_autofree char *expected = msk_uuid_format_v4 (PATTERN);

  set_mode (SOURCE_PATTERN);
  item = msk_outbox_item_new (MSK_OUTBOX_KIND_COMMENT, "https://portal.example", "POST",
                              "https://portal.example/v1/topics/1/comments", NULL, NULL);
  set_mode (SOURCE_KERNEL);
  g_test_message ("key %s", msk_outbox_item_get_key (item));
  g_assert_cmpstr (msk_outbox_item_get_key (item), ==, expected);
}

/* Where getrandom(2) is missing, the bytes come from /dev/urandom. */
static void
test_urandom_fallback (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *pattern = msk_uuid_format_v4 (PATTERN);

  set_mode (SOURCE_MISSING);
  a = msk_uuid_new_random ();
  b = msk_uuid_new_random ();
  g_assert_cmpuint (n_calls, ==, 2);
  set_mode (SOURCE_KERNEL);
  g_assert_true (is_uuid_v4 (a));
  g_assert_true (is_uuid_v4 (b));
  g_assert_cmpstr (a, !=, b);
  g_assert_cmpstr (a, !=, pattern);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/uuid/format", test_format);
  g_test_add_func ("/core/uuid/random-keys", test_random_keys);
  g_test_add_func ("/core/uuid/item-key-from-kernel", test_item_key_from_kernel);
  g_test_add_func ("/core/uuid/urandom-fallback", test_urandom_fallback);

  return g_test_run ();
}
