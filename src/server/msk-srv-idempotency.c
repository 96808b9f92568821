/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Idempotency-Key: a POST repeated with the same key gets the stored
 * reply again; a signed-in user's same key with another body is refused.
 */
#include "msk-srv-idempotency.h"
#include "msk-srv-assisted.h"

#include <string.h>
#include <unistd.h>

/* A test hook: with MSK_SERVER_FAULT=exit-before-idempotency-record in its
 * environment the server exits (status 75) where a crash would leave a
 * handler's writes without the record of its reply. */
static void
fault_point (void)
{
  if (g_strcmp0 (g_getenv ("MSK_SERVER_FAULT"), "exit-before-idempotency-record") == 0)
    _exit (75);
}

/* Whose keys a key is among. A signed-in user's keys are theirs. Anonymous
 * clients cannot be told apart (an address changes when a phone moves from
 * one network to another), so an anonymous key counts together with the
 * request it came with (@hash): a key someone else used first with another
 * body refuses nobody, and a stored reply goes only to whoever sends the
 * very same request with the very same key. */
char *
msk_srv_idempotency_client (MskSrvCtx  *ctx,
                            const char *hash)
{
  return ctx->user_id != 0 ? g_strdup_printf ("user:%" G_GINT64_FORMAT, ctx->user_id)
                           : g_strconcat ("anonymous:", hash, NULL);
}

char *
msk_srv_idempotency_request_hash (MskSrvCtx *ctx)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *assisted =
    soup_message_headers_get_one (soup_server_message_get_request_headers (ctx->msg),
                                  MSK_SRV_ASSISTED_HEADER);

  g_checksum_update (sum, (const guchar *) ctx->method, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) ctx->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  if (ctx->body != NULL)
    g_checksum_update (sum, g_bytes_get_data (ctx->body, NULL), g_bytes_get_size (ctx->body));
  /* one Open311 path answers in XML or in JSON */
  if (ctx->open311_xml)
    g_checksum_update (sum, (const guchar *) "\nxml", -1);
  /* the same submission in another assisted session is another request */
  if (assisted != NULL)
    {
      g_checksum_update (sum, (const guchar *) "\nassisted:", -1);
      g_checksum_update (sum, (const guchar *) assisted, -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
msk_srv_idempotency_valid_key (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > 255)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

/* Returns TRUE when the reply is already decided (replayed or refused). */
gboolean
msk_srv_idempotency_lookup (MskSrvCtx  *ctx,
                            const char *key,
                            const char *client,
                            const char *hash)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "SELECT request_hash, status, content_type, "
                                              "location, body FROM idempotency "
                                              "WHERE key = ? AND client = ?");
  gboolean decided = FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, client, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      decided = TRUE;
      if (g_str_equal (msk_srv_col_text (stmt, 0), hash))
        {
          g_autoptr(GBytes) body = g_bytes_new (sqlite3_column_blob (stmt, 4),
                                                sqlite3_column_bytes (stmt, 4));

          msk_srv_ctx_reply_bytes (ctx, sqlite3_column_int (stmt, 1), msk_srv_col_text (stmt, 2),
                                   body);
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            msk_srv_ctx_add_header (ctx, "Location", msk_srv_col_text (stmt, 3));
          msk_srv_ctx_add_header (ctx, "Idempotent-Replayed", "true");
        }
      else if (ctx->open311)
        {
          sqlite3_reset (stmt);
          msk_srv_ctx_open311_error (ctx, 400, "o311-idempotency");
          return TRUE;
        }
      else
        {
          sqlite3_reset (stmt);
          msk_srv_ctx_problem (ctx, "idempotency-key-reused", NULL);
          return TRUE;
        }
    }
  sqlite3_reset (stmt);
  return decided;
}

void
msk_srv_idempotency_store (MskSrvCtx  *ctx,
                           const char *key,
                           const char *client,
                           const char *hash)
{
  sqlite3_stmt *stmt = msk_server_db_prepare (ctx->db,
                                              "INSERT OR REPLACE INTO idempotency (key, client, "
                                              "request_hash, status, content_type, location, "
                                              "body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const char *location = NULL;
  gsize len = 0;
  gconstpointer data = ctx->resp_body != NULL ? g_bytes_get_data (ctx->resp_body, &len) : "";

  fault_point ();
  for (guint i = 0; i + 1 < ctx->headers->len; i += 2)
    if (g_str_equal (ctx->headers->pdata[i], "Location"))
      location = ctx->headers->pdata[i + 1];

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, client, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, ctx->status);
  sqlite3_bind_text (stmt, 5, ctx->content_type, -1, SQLITE_TRANSIENT);
  if (location != NULL)
    sqlite3_bind_text (stmt, 6, location, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 7, data, len, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, ctx->now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("Cannot store an idempotent response: %s",
               sqlite3_errmsg (msk_server_db_get_handle (ctx->db)));
  sqlite3_reset (stmt);
}
