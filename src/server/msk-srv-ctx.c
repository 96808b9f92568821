/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * MskSrvCtx: one request while it is being handled, and what handlers use
 * to answer it: replies and problems, query and path parameters, paging
 * with cursors and the Link header, and formatting of times, localized
 * members and columns.
 */
#include "msk-srv-ctx.h"
#include "msk-srv-open311-format.h"

#include <string.h>

/* ---- replies ----------------------------------------------------------- */

void
msk_srv_ctx_add_header (MskSrvCtx  *ctx,
                        const char *name,
                        const char *value)
{
  g_ptr_array_add (ctx->headers, g_strdup (name));
  g_ptr_array_add (ctx->headers, g_strdup (value));
}

void
msk_srv_ctx_reply_bytes (MskSrvCtx  *ctx,
                         guint       status,
                         const char *content_type,
                         GBytes     *body)
{
  ctx->status = status;
  g_free (ctx->content_type);
  ctx->content_type = g_strdup (content_type);
  g_clear_pointer (&ctx->resp_body, g_bytes_unref);
  ctx->resp_body = body != NULL ? g_bytes_ref (body) : NULL;
}

static void
msk_srv_ctx_reply_json_with_type (MskSrvCtx  *ctx,
                                  guint       status,
                                  const char *content_type,
                                  JsonNode   *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  char *data;

  json_generator_set_root (gen, node);
  data = json_generator_to_data (gen, &len);
  bytes = g_bytes_new_take (data, len);
  msk_srv_ctx_reply_bytes (ctx, status, content_type, bytes);
}

void
msk_srv_ctx_reply_json (MskSrvCtx *ctx,
                        guint      status,
                        JsonNode  *node)
{
  msk_srv_ctx_reply_json_with_type (ctx, status, "application/json; charset=utf-8", node);
}

void
msk_srv_ctx_reply_builder (MskSrvCtx   *ctx,
                           guint        status,
                           JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  msk_srv_ctx_reply_json (ctx, status, root);
}

/* On an Open311 path the problem is an Open311 error unless @as_problem:
 * then it is application/problem+json there too. */
static void
msk_srv_ctx_problem_full (MskSrvCtx  *ctx,
                          const char *code,
                          const char *detail_key,
                          JsonArray  *errors,
                          gboolean    as_problem)
{
  const MskProblemKind *kind = msk_server_problem_lookup (code);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *type = g_strconcat ("urn:musharaka:problem:", code, NULL);

  if (ctx->open311 && !as_problem)
    {
      const char *text = detail_key != NULL ? msk_server_detail (detail_key, ctx->lang)
                                            : msk_server_problem_title (code, ctx->lang);
      g_autofree char *description = NULL;

      /* Open311 clients expect their own errors everywhere under it; the
       * description names the field at fault, if any. */
      if (errors != NULL && json_array_get_length (errors) > 0)
        description = g_strdup_printf ("%s (%s)", text,
                                       json_object_get_string_member (
                                         json_array_get_object_element (errors, 0), "field"));
      msk_srv_ctx_open311_error_text (ctx, kind->status,
                                      description != NULL ? description : text);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, msk_server_problem_title (code, ctx->lang));
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, kind->status);
  if (detail_key != NULL)
    {
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, msk_server_detail (detail_key, ctx->lang));
    }
  json_builder_set_member_name (b, "instance");
  json_builder_add_string_value (b, ctx->path);
  if (errors != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, errors);
      json_builder_set_member_name (b, "errors");
      json_builder_add_value (b, node);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  msk_srv_ctx_reply_json_with_type (ctx, kind->status, "application/problem+json; charset=utf-8",
                                    root);
}

void
msk_srv_ctx_problem (MskSrvCtx  *ctx,
                     const char *code,
                     const char *detail_key)
{
  msk_srv_ctx_problem_full (ctx, code, detail_key, NULL, FALSE);
}

/* Replies the problem @code as application/problem+json on every path, the
 * Open311 ones too: for what only Musharaka's own extensions of Open311
 * refuse, which a Musharaka client reads by its code. */
void
msk_srv_ctx_problem_json (MskSrvCtx  *ctx,
                          const char *code,
                          const char *detail_key)
{
  msk_srv_ctx_problem_full (ctx, code, detail_key, NULL, TRUE);
}

/* Replies the problem @code with @errors, which name the fields at fault. */
void
msk_srv_ctx_problem_with_errors (MskSrvCtx  *ctx,
                                 const char *code,
                                 JsonArray  *errors)
{
  msk_srv_ctx_problem_full (ctx, code, NULL, errors, FALSE);
}

void
msk_srv_ctx_problem_errors (MskSrvCtx *ctx,
                            JsonArray *errors)
{
  msk_srv_ctx_problem_full (ctx, "validation-failed", NULL, errors, FALSE);
}

/* Replies with @errors and returns TRUE when there are any. */
gboolean
msk_srv_ctx_problem_if_errors (MskSrvCtx *ctx,
                               JsonArray *errors)
{
  if (json_array_get_length (errors) == 0)
    return FALSE;
  msk_srv_ctx_problem_errors (ctx, errors);
  return TRUE;
}

/* Replies with @root in the Open311 format the request asked for; in XML
 * its root element is @root_name. */
void
msk_srv_ctx_open311_reply (MskSrvCtx  *ctx,
                           guint       status,
                           JsonNode   *root,
                           const char *root_name)
{
  g_autoptr(GBytes) body = NULL;

  if (ctx->open311_xml)
    {
      body = msk_srv_open311_to_xml (root, root_name);
      msk_srv_ctx_reply_bytes (ctx, status, MSK_SRV_OPEN311_XML_TYPE, body);
    }
  else
    {
      body = msk_srv_open311_to_json (root);
      msk_srv_ctx_reply_bytes (ctx, status, MSK_SRV_OPEN311_JSON_TYPE, body);
    }
}

void
msk_srv_ctx_open311_reply_builder (MskSrvCtx   *ctx,
                                   guint        status,
                                   JsonBuilder *builder,
                                   const char  *root_name)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  msk_srv_ctx_open311_reply (ctx, status, root, root_name);
}

/* An Open311 error, @description saying what went wrong. The status is one
 * the specification allows: 404 for what does not exist, 403 for a wrong or
 * missing api_key, 400 for everything else. */
void
msk_srv_ctx_open311_error_text (MskSrvCtx  *ctx,
                                guint       status,
                                const char *description)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (status != 404 && status != 403)
    status = 400;
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, status);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, description);
  json_builder_end_object (b);
  json_builder_end_array (b);
  msk_srv_ctx_open311_reply_builder (ctx, status, b, "errors");
}

void
msk_srv_ctx_open311_error (MskSrvCtx  *ctx,
                           guint       status,
                           const char *detail_key)
{
  msk_srv_ctx_open311_error_text (ctx, status, msk_server_detail (detail_key, ctx->lang));
}

/* An Open311 error whose text names @field ("{field}") and a number @n
 * ("{n}"). */
void
msk_srv_ctx_open311_error_field (MskSrvCtx  *ctx,
                                 guint       status,
                                 const char *detail_key,
                                 const char *field,
                                 gint64      n)
{
  g_autoptr(GString) text = g_string_new (msk_server_detail (detail_key, ctx->lang));
  g_autofree char *num = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  g_string_replace (text, "{field}", field, 0);
  g_string_replace (text, "{n}", num, 0);
  msk_srv_ctx_open311_error_text (ctx, status, text->str);
}

/* ---- request helpers ----------------------------------------------------- */

const char *
msk_srv_ctx_query (MskSrvCtx  *ctx,
                   const char *name)
{
  const char *value = ctx->query != NULL ? g_hash_table_lookup (ctx->query, name) : NULL;

  /* Open311: an empty parameter is the same as an absent one. */
  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
parse_positive_id (const char *text,
                   gint64     *id)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 15)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

gboolean
msk_srv_ctx_param_id (MskSrvCtx *ctx,
                      guint      index,
                      gint64    *id)
{
  if (index >= ctx->params->len || !parse_positive_id (ctx->params->pdata[index], id))
    {
      msk_srv_ctx_problem (ctx, "invalid-id", NULL);
      return FALSE;
    }
  return TRUE;
}

char *
msk_srv_ctx_make_cursor (const char *kind,
                         const char *value)
{
  g_autofree char *raw = g_strconcat (kind, ":", value, NULL);
  char *b64 = g_base64_encode ((const guchar *) raw, strlen (raw));

  for (char *p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return b64;
}

static char *
decode_cursor (const char *kind,
               const char *cursor)
{
  g_autoptr(GString) s = g_string_new (cursor);
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  gsize klen = strlen (kind);

  if (s->len == 0 || s->len > 400)
    return NULL;
  for (gsize i = 0; i < s->len; i++)
    {
      char c = s->str[i];

      if (c == '-')
        s->str[i] = '+';
      else if (c == '_')
        s->str[i] = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
    }
  while (s->len % 4 != 0)
    g_string_append_c (s, '=');
  raw = g_base64_decode (s->str, &len);
  if (raw == NULL || len <= klen + 1)
    return NULL;
  text = g_strndup ((const char *) raw, len);
  if (strlen (text) != len || !g_utf8_validate (text, -1, NULL))
    return NULL;
  if (strncmp (text, kind, klen) != 0 || text[klen] != ':')
    return NULL;
  return g_strdup (text + klen + 1);
}

gboolean
msk_srv_ctx_paging (MskSrvCtx   *ctx,
                    const char  *cursor_kind,
                    int         *limit,
                    char       **cursor_value)
{
  const char *limit_s = msk_srv_ctx_query (ctx, "limit");
  const char *cursor = msk_srv_ctx_query (ctx, "cursor");
  gint64 n = 20;

  if (limit_s != NULL && (!parse_positive_id (limit_s, &n) || n > 50))
    {
      msk_srv_ctx_problem (ctx, "invalid-parameter", "limit");
      return FALSE;
    }
  *limit = (int) n;
  *cursor_value = NULL;
  if (cursor != NULL)
    {
      *cursor_value = decode_cursor (cursor_kind, cursor);
      if (*cursor_value == NULL)
        {
          msk_srv_ctx_problem (ctx, "invalid-cursor", NULL);
          return FALSE;
        }
    }
  return TRUE;
}

char *
msk_srv_ctx_base_url (MskSrvCtx *ctx)
{
  /* Never the request's Host: whoever sends it would choose where links lead. */
  return g_strdup (msk_server_get_public_url (ctx->server));
}

/* Ends a page: "next_cursor" in the body (the builder is inside the page
 * object) and the Link header. @value NULL means the last page. */
void
msk_srv_ctx_add_next_link (MskSrvCtx   *ctx,
                           const char  *cursor_kind,
                           const char  *value,
                           JsonBuilder *builder)
{
  g_autofree char *cursor = NULL;
  g_autoptr(GHashTable) q = NULL;
  g_autofree char *query = NULL;
  g_autofree char *base = NULL;
  g_autofree char *link = NULL;
  GHashTableIter iter;
  gpointer k, v;

  json_builder_set_member_name (builder, "next_cursor");
  if (value == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  cursor = msk_srv_ctx_make_cursor (cursor_kind, value);
  json_builder_add_string_value (builder, cursor);

  q = g_hash_table_new (g_str_hash, g_str_equal);
  if (ctx->query != NULL)
    {
      g_hash_table_iter_init (&iter, ctx->query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (q, k, v);
    }
  g_hash_table_insert (q, (gpointer) "cursor", cursor);
  query = soup_form_encode_hash (q);
  base = msk_srv_ctx_base_url (ctx);
  link = g_strdup_printf ("<%s%s?%s>; rel=\"next\"", base, ctx->path, query);
  msk_srv_ctx_add_header (ctx, "Link", link);
}

/* Replies 200 with one page of a cursor-paged list: {"items": [...],
 * "next_cursor": ...} and the Link header. @stmt was bound to return up to
 * @limit + 1 rows; @add_item adds the item for each of the first @limit rows
 * and returns the cursor value that points after it. The extra row only tells
 * that there is a next page. @stmt is reset. */
void
msk_srv_ctx_reply_page (MskSrvCtx          *ctx,
                        const char         *cursor_kind,
                        sqlite3_stmt       *stmt,
                        int                 limit,
                        MskSrvPageItemFunc  add_item)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *next = NULL;
  int n = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n++ == limit)
        break;
      g_free (next);
      next = add_item (ctx, b, stmt);
    }
  sqlite3_reset (stmt);
  json_builder_end_array (b);
  if (n <= limit)
    g_clear_pointer (&next, g_free);
  msk_srv_ctx_add_next_link (ctx, cursor_kind, next, b);
  json_builder_end_object (b);
  msk_srv_ctx_reply_builder (ctx, 200, b);
}

/* Steps @stmt, a query for one thing. When there is no row, resets @stmt,
 * replies 404 and returns FALSE; otherwise @stmt stays on the row. */
gboolean
msk_srv_ctx_step_found (MskSrvCtx    *ctx,
                        sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  sqlite3_reset (stmt);
  msk_srv_ctx_problem (ctx, "not-found", NULL);
  return FALSE;
}

/* Replies @status with the one thing @stmt finds, as @add_item adds it, or
 * 404 when it finds nothing. @stmt stays on its row while @add_item runs
 * (other statements may run meanwhile) and is reset afterwards. */
void
msk_srv_ctx_reply_row (MskSrvCtx      *ctx,
                       guint           status,
                       sqlite3_stmt   *stmt,
                       MskSrvItemFunc  add_item)
{
  g_autoptr(JsonBuilder) b = NULL;

  if (!msk_srv_ctx_step_found (ctx, stmt))
    return;
  b = json_builder_new ();
  add_item (ctx, b, stmt);
  sqlite3_reset (stmt);
  msk_srv_ctx_reply_builder (ctx, status, b);
}

gboolean
msk_srv_in_list (const char * const *list,
                 const char         *value)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (list[i], value))
      return TRUE;
  return FALSE;
}

gboolean
msk_srv_ctx_query_id (MskSrvCtx  *ctx,
                      const char *name,
                      gint64     *id)
{
  const char *s = msk_srv_ctx_query (ctx, name);
  guint64 v = 0;

  *id = 0;
  if (s == NULL)
    return TRUE;
  if (strlen (s) > 15 || !g_ascii_string_to_unsigned (s, 10, 1, G_MAXINT64, &v, NULL))
    {
      msk_srv_ctx_problem (ctx, "invalid-parameter", NULL);
      return FALSE;
    }
  *id = (gint64) v;
  return TRUE;
}

gint64
msk_srv_cursor_id (const char *value)
{
  guint64 v = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &v, NULL))
    return 0;
  return (gint64) v;
}

/* ---- formatting ---------------------------------------------------------- */

char *
msk_srv_format_time (gint64 unix_seconds)
{
  static GTimeZone *tz = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (g_once_init_enter (&tz))
    g_once_init_leave (&tz, g_time_zone_new_offset (MSK_SRV_PORTAL_OFFSET_SECONDS));
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

void
msk_srv_builder_add_time (JsonBuilder *builder,
                          const char  *member,
                          gint64       unix_seconds)
{
  g_autofree char *s = msk_srv_format_time (unix_seconds);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, s);
}

void
msk_srv_builder_add_loc (JsonBuilder *builder,
                         const char  *member,
                         const char  *ar,
                         const char  *en)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ar");
  json_builder_add_string_value (builder, ar != NULL ? ar : "");
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, en != NULL ? en : "");
  json_builder_end_object (builder);
}

const char *
msk_srv_col_text (sqlite3_stmt *stmt,
                  int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* The integer in column @col as decimal text, e.g. for a cursor value. */
char *
msk_srv_col_int_string (sqlite3_stmt *stmt,
                        int           col)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, col));
}

void
msk_srv_builder_add_loc_cols (JsonBuilder  *builder,
                              const char   *member,
                              sqlite3_stmt *stmt,
                              int           col_ar)
{
  msk_srv_builder_add_loc (builder, member, msk_srv_col_text (stmt, col_ar),
                           msk_srv_col_text (stmt, col_ar + 1));
}

void
msk_srv_builder_add_string_or_null (JsonBuilder *builder,
                                    const char  *member,
                                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* ---- the request itself ------------------------------------------------- */

void
msk_srv_ctx_free (MskSrvCtx *ctx)
{
  g_clear_pointer (&ctx->query, g_hash_table_unref);
  g_clear_pointer (&ctx->params, g_ptr_array_unref);
  g_clear_pointer (&ctx->body, g_bytes_unref);
  g_clear_pointer (&ctx->json, json_node_unref);
  g_clear_pointer (&ctx->form, g_ptr_array_unref);
  g_clear_pointer (&ctx->username, g_free);
  g_clear_pointer (&ctx->display_name, g_free);
  g_clear_pointer (&ctx->token_hash, g_free);
  g_clear_pointer (&ctx->idempotency_key, g_free);
  g_clear_pointer (&ctx->idempotency_client, g_free);
  g_clear_pointer (&ctx->idempotency_hash, g_free);
  g_clear_pointer (&ctx->content_type, g_free);
  g_clear_pointer (&ctx->resp_body, g_bytes_unref);
  g_clear_pointer (&ctx->headers, g_ptr_array_unref);
  g_free (ctx);
}

