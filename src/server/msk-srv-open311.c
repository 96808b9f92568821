/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Open311 GeoReport v2 (JSON) with the CitySDK detailed_status extension:
 * what its services and requests share (tracking numbers, jurisdictions,
 * form members, the reply language). The errors are an array of
 * {code, description}.
 */
#include "msk-srv-open311.h"
#include "msk-srv-ctx.h"
#include "msk-srv-auth.h"
#include "msk-srv-validate.h"
#include "msk-srv-router.h"

#include <string.h>

char *
msk_srv_open311_tracking (gint64 request_id)
{
  return g_strdup_printf ("MSK-%06" G_GINT64_FORMAT, request_id);
}

gboolean
msk_srv_open311_parse_tracking (const char *text,
                                gint64     *request_id)
{
  guint64 v = 0;

  if (text == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (text, "MSK-", 4) == 0)
    text += 4;
  if (*text == '\0' || strlen (text) > 15)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
    return FALSE;
  *request_id = (gint64) v;
  return TRUE;
}

const char *
msk_srv_open311_form_get (MskSrvCtx  *ctx,
                          const char *name)
{
  const char *value = NULL;

  if (ctx->form == NULL)
    return NULL;
  for (guint i = 0; i + 1 < ctx->form->len; i += 2)
    if (g_str_equal (ctx->form->pdata[i], name))
      value = ctx->form->pdata[i + 1];
  return value != NULL && *value != '\0' ? value : NULL;
}

gboolean
msk_srv_open311_check_jurisdiction (MskSrvCtx *ctx,
                                    gint64    *entity_id)
{
  const char *j = msk_srv_ctx_query (ctx, "jurisdiction_id");
  sqlite3_stmt *stmt;

  *entity_id = 0;
  if (j == NULL && ctx->form != NULL)
    j = msk_srv_open311_form_get (ctx, "jurisdiction_id");
  if (j == NULL)
    return TRUE;
  stmt = msk_server_db_prepare (ctx->db, "SELECT id FROM entities WHERE jurisdiction_id = ?");
  sqlite3_bind_text (stmt, 1, j, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *entity_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (*entity_id == 0)
    {
      msk_srv_ctx_open311_error (ctx, 404, "o311-jurisdiction-not-found");
      return FALSE;
    }
  return TRUE;
}

const char *
msk_srv_open311_pick (MskSrvCtx    *ctx,
                      sqlite3_stmt *stmt,
                      int           col_ar)
{
  return msk_srv_col_text (stmt, g_str_equal (ctx->lang, "ar") ? col_ar : col_ar + 1);
}
