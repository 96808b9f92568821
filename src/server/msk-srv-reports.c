/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * /v1/entities/{entity_id}/reports: participation reports of a public body.
 */
#include "msk-srv-ctx.h"
#include "msk-srv-topics.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

/* ---- participation reports ----------------------------------------------- */

typedef struct
{
  GHashTable *participants;
  gint64 counts[10];
  gint64 requests;
  gint64 answered;
  GArray *hours; /* double */
} MskSrvMonth;

static const char * const submission_kinds[] = {
  "ballots", "survey_responses", "comments", "ideas", "supports", "feedback",
  "complaints", "suggestions", "information_requests", "appeals",
};

static void
msk_srv_month_free (gpointer data)
{
  MskSrvMonth *m = data;

  g_hash_table_unref (m->participants);
  g_array_unref (m->hours);
  g_free (m);
}

static gboolean
parse_month (const char *s,
             int        *year,
             int        *month)
{
  guint64 y = 0, m = 0;
  char buf[5];

  if (s == NULL || strlen (s) != 7 || s[4] != '-')
    return FALSE;
  memcpy (buf, s, 4);
  buf[4] = '\0';
  if (!g_ascii_string_to_unsigned (buf, 10, 1970, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (s + 5, 10, 1, 12, &m, NULL))
    return FALSE;
  *year = (int) y;
  *month = (int) m;
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Whether the row @stmt is on counts: rows without a topic in column @col
 * always do, those with one only where its results show. @visible caches
 * the rule per topic. */
static gboolean
counted (MskSrvCtx    *ctx,
         GHashTable   *visible,
         sqlite3_stmt *stmt,
         int           col)
{
  gint64 topic;
  gpointer known;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return TRUE;
  topic = sqlite3_column_int64 (stmt, col);
  if (!g_hash_table_lookup_extended (visible, &topic, NULL, &known))
    {
      gint64 *key = g_new (gint64, 1);

      *key = topic;
      known = GINT_TO_POINTER (msk_srv_topic_results_visible (ctx, topic));
      g_hash_table_insert (visible, key, known);
    }
  return GPOINTER_TO_INT (known);
}

static void
get_entity_report (MskSrvCtx *ctx)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        msk_srv_month_free);
  g_autoptr(GHashTable) visible = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (MSK_SRV_PORTAL_OFFSET_SECONDS);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int fy, fm, ty, tm;
  int span;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!msk_srv_ctx_param_id (ctx, 0, &id))
    return;
  if (msk_server_db_query_int (ctx->db, "SELECT count(*) FROM entities WHERE id = ?", id) == 0)
    {
      msk_srv_ctx_problem (ctx, "not-found", NULL);
      return;
    }

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ctx->now);

    now = g_date_time_to_timezone (utc, tz);
  }
  ty = g_date_time_get_year (now);
  tm = g_date_time_get_month (now);
  if (msk_srv_ctx_query (ctx, "to") != NULL &&
      !parse_month (msk_srv_ctx_query (ctx, "to"), &ty, &tm))
    {
      msk_srv_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  fy = ty - (tm <= 11 ? 1 : 0);
  fm = tm <= 11 ? tm + 1 : 1;
  if (msk_srv_ctx_query (ctx, "from") != NULL &&
      !parse_month (msk_srv_ctx_query (ctx, "from"), &fy, &fm))
    {
      msk_srv_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }
  span = (ty * 12 + tm) - (fy * 12 + fm) + 1;
  if (span < 1 || span > 36)
    {
      msk_srv_ctx_problem (ctx, "invalid-parameter", NULL);
      return;
    }

  start = g_date_time_new (tz, fy, fm, 1, 0, 0, 0);
  {
    g_autoptr(GDateTime) last = g_date_time_new (tz, ty, tm, 1, 0, 0, 0);

    end = g_date_time_add_months (last, 1);
  }
  for (int i = 0; i < span; i++)
    {
      g_autoptr(GDateTime) d = g_date_time_add_months (start, i);
      MskSrvMonth *m = g_new0 (MskSrvMonth, 1);

      m->participants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      m->hours = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (months, g_date_time_format (d, "%Y-%m"), m);
    }

  /* Ballots and survey responses count only where their topic's results
   * show (the fifth column names the topic). */
  stmt = msk_server_db_prepare (ctx->db,
    "SELECT 0, b.created_at, 'u' || b.user_id, NULL, t.id FROM ballots b JOIN topics t "
    " ON t.id = b.topic_id WHERE t.entity_id = ?1 AND b.created_at >= ?2 AND b.created_at < ?3 "
    "UNION ALL SELECT 1, r.created_at, 'u' || r.user_id, NULL, t.id FROM survey_responses r "
    " JOIN topics t ON t.id = r.topic_id WHERE t.entity_id = ?1 AND r.created_at >= ?2 "
    " AND r.created_at < ?3 "
    "UNION ALL SELECT 2, c.created_at, 'u' || c.user_id, NULL, NULL FROM comments c "
    " JOIN topics t "
    " ON t.id = c.topic_id WHERE t.entity_id = ?1 AND c.created_at >= ?2 AND c.created_at < ?3 "
    "UNION ALL SELECT 3, i.created_at, 'u' || i.user_id, NULL, NULL FROM ideas i JOIN topics t "
    " ON t.id = i.topic_id WHERE t.entity_id = ?1 AND i.created_at >= ?2 AND i.created_at < ?3 "
    "UNION ALL SELECT 4, s.created_at, 'u' || s.user_id, NULL, NULL FROM idea_supports s "
    " JOIN ideas i ON i.id = s.idea_id JOIN topics t ON t.id = i.topic_id "
    " WHERE t.entity_id = ?1 AND s.created_at >= ?2 AND s.created_at < ?3 "
    "UNION ALL SELECT 5, f.created_at, NULL, NULL, NULL FROM feedback f JOIN topics t "
    " ON t.id = f.topic_id WHERE t.entity_id = ?1 AND f.created_at >= ?2 AND f.created_at < ?3 "
    "UNION ALL SELECT CASE s.kind WHEN 'complaint' THEN 6 WHEN 'suggestion' THEN 7 "
    " WHEN 'information_request' THEN 8 ELSE 9 END, r.requested_at, "
    " coalesce('u' || r.user_id, 'e' || lower(r.email), 'r' || r.id), "
    " r.closed_at - r.requested_at, NULL FROM service_requests r "
    " JOIN services s ON s.code = r.service_code WHERE s.entity_id = ?1 "
    " AND r.requested_at >= ?2 AND r.requested_at < ?3");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (start));
  sqlite3_bind_int64 (stmt, 3, g_date_time_to_unix (end));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *key = g_date_time_format (local, "%Y-%m");
      MskSrvMonth *m = g_hash_table_lookup (months, key);

      if (m == NULL || !counted (ctx, visible, stmt, 4))
        continue;
      m->counts[kind]++;
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_hash_table_add (m->participants, g_strdup (msk_srv_col_text (stmt, 2)));
      if (kind >= 6)
        {
          m->requests++;
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            {
              double hours = sqlite3_column_int64 (stmt, 3) / 3600.0;

              m->answered++;
              g_array_append_val (m->hours, hours);
            }
        }
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entity_id");
  json_builder_add_int_value (b, id);
  {
    g_autofree char *from = g_date_time_format (start, "%Y-%m");

    json_builder_set_member_name (b, "from");
    json_builder_add_string_value (b, from);
  }
  {
    g_autoptr(GDateTime) last = g_date_time_add_months (end, -1);
    g_autofree char *to = g_date_time_format (last, "%Y-%m");

    json_builder_set_member_name (b, "to");
    json_builder_add_string_value (b, to);
  }
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (int i = 0; i < span; i++)
    {
      g_autoptr(GDateTime) d = g_date_time_add_months (start, i);
      g_autofree char *key = g_date_time_format (d, "%Y-%m");
      MskSrvMonth *m = g_hash_table_lookup (months, key);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "month");
      json_builder_add_string_value (b, key);
      json_builder_set_member_name (b, "participants");
      json_builder_add_int_value (b, g_hash_table_size (m->participants));
      json_builder_set_member_name (b, "submissions");
      json_builder_begin_object (b);
      for (guint k = 0; k < G_N_ELEMENTS (submission_kinds); k++)
        {
          json_builder_set_member_name (b, submission_kinds[k]);
          json_builder_add_int_value (b, m->counts[k]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "answered_share");
      if (m->requests > 0)
        json_builder_add_double_value (b, (double) ((m->answered * 1000 + m->requests / 2)
                                                    / m->requests) / 1000.0);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "median_hours_to_answer");
      if (m->hours->len > 0)
        {
          double median;

          g_array_sort (m->hours, compare_doubles);
          if (m->hours->len % 2 == 1)
            median = g_array_index (m->hours, double, m->hours->len / 2);
          else
            median = (g_array_index (m->hours, double, m->hours->len / 2 - 1) +
                      g_array_index (m->hours, double, m->hours->len / 2)) / 2.0;
          json_builder_add_double_value (b, (double) (gint64) (median * 10.0 + 0.5) / 10.0);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

const MskSrvRouteDef msk_srv_reports_routes[] = {
  { "GET", "/v1/entities/{entity_id}/reports", get_entity_report },
};
const gsize msk_srv_reports_n_routes = G_N_ELEMENTS (msk_srv_reports_routes);
