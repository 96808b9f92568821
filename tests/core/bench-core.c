/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Figures for the core: the time to parse and build models for 10 000
 * topics, and what the outbox sent and the portal stored after 200 random
 * faults. Run with `meson test --benchmark --verbose bench-core`.
 *
 *   bench-core [--server PATH] [--topics N] [--faults N] [--seed N]
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "msk-client.h"
#include "msk-paged-list.h"
#include "msk-test-random.h"
#include "msk-test-util.h"

static char *
make_page (guint n)
{
  GString *json = g_string_sized_new (n * 1500);

  g_string_append (json, "{\"items\": [");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_printf (
        json,
        "{\"id\": %u, \"entity_id\": %u, \"kind\": \"%s\", \"status\": \"open\","
        " \"title\": {\"ar\": \"مسودة <strong>لائحة</strong> الحدائق العامة رقم %u\","
        "             \"en\": \"Draft <strong>by-law</strong> on public parks no. %u\"},"
        " \"title_text\": {\"ar\": \"مسودة لائحة الحدائق العامة رقم %u\","
        "                  \"en\": \"Draft by-law on public parks no. %u\"},"
        " \"summary\": {\"ar\": \"<p>نطلب آراءكم في تنظيم استخدام الحدائق وساعات عملها.</p>\","
        "               \"en\": \"<p>We ask for your views on the use of parks and their"
        " hours.</p>\"},"
        " \"summary_text\": {\"ar\": \"نطلب آراءكم في تنظيم استخدام الحدائق وساعات عملها.\","
        "                    \"en\": \"We ask for your views on the use of parks and their"
        " hours.\"},"
        " \"images\": [{\"url\": \"https://portal.example.sa/img/%u.png\","
        "   \"alt\": {\"ar\": \"حديقة عامة فيها أشجار\", \"en\": \"A public park with trees\"},"
        "   \"width\": 1280, \"height\": 720}],"
        " \"opens_at\": \"2026-11-01T08:00:00+04:00\","
        " \"closes_at\": \"2026-12-01T08:00:00+04:00\","
        " \"feedback_due\": \"2026-12-31T08:00:00+04:00\", \"results_published_at\": null,"
        " \"comment_count\": %u, \"updated_at\": \"2026-11-02T09:30:00+04:00\"}",
        i + 1, i % 7 + 1, (const char *[]) { "consultation", "poll", "survey", "ideas" }[i % 4],
        i + 1, i + 1, i + 1, i + 1, i + 1, i % 50);
    }
  g_string_append (json, "], \"next_cursor\": null}");
  return g_string_free (json, FALSE);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
bench_topics (guint n)
{
  g_autofree char *text = make_page (n);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(MskHttp) http = msk_http_new ();
  double parse_ms[7], build_ms[7], total_ms[7];
  const guint runs = G_N_ELEMENTS (parse_ms);

  msk_http_set_limits (http, 64 * 1024 * 1024, MSK_HTTP_DEFAULT_MAX_DEPTH);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      const char *next = NULL;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      root = msk_http_parse_json (http, bytes, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);
      if (!msk_paged_list_parse_page (root, MSK_TYPE_TOPIC, (MskParseFunc) msk_topic_new_from_json,
                                      "ar", items, &next, &error))
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();
      g_assert_cmpuint (items->len, ==, n);

      parse_ms[r] = (t1 - t0) / 1000.0;
      build_ms[r] = (t2 - t1) / 1000.0;
      total_ms[r] = (t2 - t0) / 1000.0;
    }
  qsort (parse_ms, runs, sizeof (double), compare_doubles);
  qsort (build_ms, runs, sizeof (double), compare_doubles);
  qsort (total_ms, runs, sizeof (double), compare_doubles);

  g_print ("topics: %u in a %.1f MB page, median of %u runs:\n", n,
           strlen (text) / 1048576.0, runs);
  g_print ("  parse JSON (size and depth checks included): %.1f ms\n", parse_ms[runs / 2]);
  g_print ("  build MskTopic models (every node type-checked): %.1f ms\n", build_ms[runs / 2]);
  g_print ("  total: %.1f ms (min %.1f, max %.1f)\n", total_ms[runs / 2], total_ms[0],
           total_ms[runs - 1]);
}

static void
bench_faults (guint   n_faults,
              guint32 seed)
{
  g_autofree char *dir = msk_test_make_tmpdir ();
  g_autofree char *server_dir = g_build_filename (dir, "server", NULL);
  MskTestServer *server = msk_test_server_start (server_dir);
  g_autofree char *token = msk_test_sign_in (server->url, "citizen", "Citizen-Demo-2026",
                                             NULL);
  MskRandomFaultsResult r;

  msk_test_run_random_faults (server->url, token, 1, n_faults, seed, &r);
  g_print ("random faults (seed %u): %u faults injected in %u requests, %.1f s\n", seed,
           r.faults, r.requests, r.seconds);
  for (guint f = MSK_FAULT_500; f < MSK_N_FAULTS; f++)
    g_print ("  %-22s %u\n", msk_test_fault_name (f), r.fault_counts[f]);
  g_print ("  items sent: %u, stored by the portal: %u, duplicates: %u, missing: %u, "
           "failed: %u\n", r.items_sent, r.stored, r.duplicates, r.missing, r.items_failed);

  msk_test_server_stop (server);
  msk_test_rm_rf (dir);
  if (r.items_sent != r.stored || r.duplicates != 0 || r.missing != 0)
    {
      g_printerr ("FAIL: sent and stored differ\n");
      exit (1);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint topics = 10000, faults = 200;
  guint32 seed = 2026;

  msk_test_set_programs (&argc, &argv);
  for (int i = 1; i + 1 < argc; i++)
    {
      if (g_str_equal (argv[i], "--topics"))
        topics = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--faults"))
        faults = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (g_str_equal (argv[i], "--seed"))
        seed = (guint32) g_ascii_strtoull (argv[++i], NULL, 10);
    }

  bench_topics (topics);
  if (msk_test_get_server_path () != NULL && faults > 0)
    bench_faults (faults, seed);
  else
    g_print ("random faults: skipped (no --server)\n");
  return 0;
}
