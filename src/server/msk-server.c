/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * MskServer: the participation backend. One SoupServer on the main context;
 * every request passes the same gate (rate limit, routing, body checks,
 * authentication, idempotency) before its handler runs, and the same exit
 * (ETag and 304, headers) after it.
 */
#include "config.h"

#include "msk-server-private.h"

#include <string.h>

struct _MskServer
{
  GObject parent_instance;

  /* owned */
  MskServerDb *db;
  SoupServer *soup;
  GHashTable *buckets;      /* client address → MskBucket */
  GPtrArray *routes;        /* const MskRouteDef * (static) */

  guint rate_per_minute;    /* 0: no limit */
};

typedef struct
{
  double tokens;
  gint64 last_us;
} MskBucket;

G_DEFINE_TYPE (MskServer, msk_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (msk-server-error-quark, msk_server_error)

static void
msk_server_finalize (GObject *object)
{
  MskServer *self = MSK_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->db);
  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_pointer (&self->routes, g_ptr_array_unref);

  G_OBJECT_CLASS (msk_server_parent_class)->finalize (object);
}

static void
msk_server_class_init (MskServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_server_finalize;
}

static void
msk_server_init (MskServer *self)
{
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->routes = g_ptr_array_new ();
  self->rate_per_minute = 600;

  for (gsize i = 0; i < msk_v1_n_routes; i++)
    g_ptr_array_add (self->routes, (gpointer) &msk_v1_routes[i]);
  for (gsize i = 0; i < msk_v1_social_n_routes; i++)
    g_ptr_array_add (self->routes, (gpointer) &msk_v1_social_routes[i]);
  for (gsize i = 0; i < msk_open311_n_routes; i++)
    g_ptr_array_add (self->routes, (gpointer) &msk_open311_routes[i]);
}

/* The route table, for the OpenAPI check. */
const MskServerRoute *
msk_server_get_routes (gsize *n_routes)
{
  static MskServerRoute *table = NULL;
  static gsize n = 0;

  if (g_once_init_enter (&table))
    {
      gsize total = msk_v1_n_routes + msk_v1_social_n_routes + msk_open311_n_routes;
      MskServerRoute *t = g_new0 (MskServerRoute, total);
      gsize k = 0;

      for (gsize i = 0; i < msk_v1_n_routes; i++, k++)
        t[k] = (MskServerRoute) { msk_v1_routes[i].method, msk_v1_routes[i].path };
      for (gsize i = 0; i < msk_v1_social_n_routes; i++, k++)
        t[k] = (MskServerRoute) { msk_v1_social_routes[i].method, msk_v1_social_routes[i].path };
      for (gsize i = 0; i < msk_open311_n_routes; i++, k++)
        t[k] = (MskServerRoute) { msk_open311_routes[i].method, msk_open311_routes[i].path };
      n = total;
      g_once_init_leave (&table, t);
    }
  *n_routes = n;
  return table;
}

/* ---- replies ----------------------------------------------------------- */

void
msk_ctx_add_header (MskCtx     *ctx,
                    const char *name,
                    const char *value)
{
  g_ptr_array_add (ctx->headers, g_strdup (name));
  g_ptr_array_add (ctx->headers, g_strdup (value));
}

void
msk_ctx_reply_bytes (MskCtx     *ctx,
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
msk_ctx_reply_json_with_type (MskCtx     *ctx,
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
  msk_ctx_reply_bytes (ctx, status, content_type, bytes);
}

void
msk_ctx_reply_json (MskCtx   *ctx,
                    guint     status,
                    JsonNode *node)
{
  msk_ctx_reply_json_with_type (ctx, status, "application/json; charset=utf-8", node);
}

void
msk_ctx_reply_builder (MskCtx      *ctx,
                       guint        status,
                       JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  msk_ctx_reply_json (ctx, status, root);
}

static void
msk_ctx_problem_full (MskCtx     *ctx,
                      const char *code,
                      const char *detail_key,
                      JsonArray  *errors)
{
  const MskProblemKind *kind = msk_server_problem_lookup (code);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *type = g_strconcat ("urn:musharaka:problem:", code, NULL);

  if (ctx->open311)
    {
      /* Open311 clients expect their own error format everywhere under it. */
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_int_value (b, kind->status);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, detail_key != NULL
                                     ? msk_server_detail (detail_key, ctx->lang)
                                     : msk_server_problem_title (code, ctx->lang));
      json_builder_end_object (b);
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      msk_ctx_reply_json (ctx, kind->status, root);
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
  msk_ctx_reply_json_with_type (ctx, kind->status, "application/problem+json; charset=utf-8",
                                root);
}

void
msk_ctx_problem (MskCtx     *ctx,
                 const char *code,
                 const char *detail_key)
{
  msk_ctx_problem_full (ctx, code, detail_key, NULL);
}

void
msk_ctx_problem_errors (MskCtx    *ctx,
                        JsonArray *errors)
{
  msk_ctx_problem_full (ctx, "validation-failed", NULL, errors);
}

/* Replies with @errors and returns TRUE when there are any. */
gboolean
msk_ctx_problem_if_errors (MskCtx    *ctx,
                           JsonArray *errors)
{
  if (json_array_get_length (errors) == 0)
    return FALSE;
  msk_ctx_problem_errors (ctx, errors);
  return TRUE;
}

void
msk_ctx_open311_error (MskCtx     *ctx,
                       guint       status,
                       const char *detail_key)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_int_value (b, status);
  json_builder_set_member_name (b, "description");
  json_builder_add_string_value (b, msk_server_detail (detail_key, ctx->lang));
  json_builder_end_object (b);
  json_builder_end_array (b);
  msk_ctx_reply_builder (ctx, status, b);
}

/* ---- request helpers ----------------------------------------------------- */

const char *
msk_ctx_query (MskCtx     *ctx,
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
msk_ctx_param_id (MskCtx *ctx,
                  guint   index,
                  gint64 *id)
{
  if (index >= ctx->params->len || !parse_positive_id (ctx->params->pdata[index], id))
    {
      msk_ctx_problem (ctx, "invalid-id", NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
msk_ctx_require_user (MskCtx *ctx)
{
  if (ctx->user_id == 0)
    {
      msk_ctx_add_header (ctx, "WWW-Authenticate", "Bearer realm=\"musharaka\"");
      msk_ctx_problem (ctx, "unauthorized", NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
msk_ctx_require_role (MskCtx  *ctx,
                      MskRole  role)
{
  if (!msk_ctx_require_user (ctx))
    return FALSE;
  if ((ctx->roles & role) == 0)
    {
      msk_ctx_problem (ctx, "forbidden", NULL);
      return FALSE;
    }
  return TRUE;
}

char *
msk_ctx_make_cursor (const char *kind,
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
msk_ctx_paging (MskCtx      *ctx,
                const char  *cursor_kind,
                int         *limit,
                char       **cursor_value)
{
  const char *limit_s = msk_ctx_query (ctx, "limit");
  const char *cursor = msk_ctx_query (ctx, "cursor");
  gint64 n = 20;

  if (limit_s != NULL && (!parse_positive_id (limit_s, &n) || n > 50))
    {
      msk_ctx_problem (ctx, "invalid-parameter", "limit");
      return FALSE;
    }
  *limit = (int) n;
  *cursor_value = NULL;
  if (cursor != NULL)
    {
      *cursor_value = decode_cursor (cursor_kind, cursor);
      if (*cursor_value == NULL)
        {
          msk_ctx_problem (ctx, "invalid-cursor", NULL);
          return FALSE;
        }
    }
  return TRUE;
}

char *
msk_ctx_base_url (MskCtx *ctx)
{
  GUri *uri = soup_server_message_get_uri (ctx->msg);

  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

/* Ends a page: "next_cursor" in the body (the builder is inside the page
 * object) and the Link header. @value NULL means the last page. */
void
msk_ctx_add_next_link (MskCtx      *ctx,
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
  cursor = msk_ctx_make_cursor (cursor_kind, value);
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
  base = msk_ctx_base_url (ctx);
  link = g_strdup_printf ("<%s%s?%s>; rel=\"next\"", base, ctx->path, query);
  msk_ctx_add_header (ctx, "Link", link);
}

/* Replies 200 with one page of a cursor-paged list: {"items": [...],
 * "next_cursor": ...} and the Link header. @stmt was bound to return up to
 * @limit + 1 rows; @add_item adds the item for each of the first @limit rows
 * and returns the cursor value that points after it. The extra row only tells
 * that there is a next page. @stmt is reset. */
void
msk_ctx_reply_page (MskCtx          *ctx,
                    const char      *cursor_kind,
                    sqlite3_stmt    *stmt,
                    int              limit,
                    MskPageItemFunc  add_item)
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
  msk_ctx_add_next_link (ctx, cursor_kind, next, b);
  json_builder_end_object (b);
  msk_ctx_reply_builder (ctx, 200, b);
}

/* Steps @stmt, a query for one thing. When there is no row, resets @stmt,
 * replies 404 and returns FALSE; otherwise @stmt stays on the row. */
gboolean
msk_ctx_step_found (MskCtx       *ctx,
                    sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  sqlite3_reset (stmt);
  msk_ctx_problem (ctx, "not-found", NULL);
  return FALSE;
}

/* Replies @status with the one thing @stmt finds, as @add_item adds it, or
 * 404 when it finds nothing. @stmt stays on its row while @add_item runs
 * (other statements may run meanwhile) and is reset afterwards. */
void
msk_ctx_reply_row (MskCtx       *ctx,
                   guint         status,
                   sqlite3_stmt *stmt,
                   MskItemFunc   add_item)
{
  g_autoptr(JsonBuilder) b = NULL;

  if (!msk_ctx_step_found (ctx, stmt))
    return;
  b = json_builder_new ();
  add_item (ctx, b, stmt);
  sqlite3_reset (stmt);
  msk_ctx_reply_builder (ctx, status, b);
}

/* ---- body validation ----------------------------------------------------- */

void
msk_errors_add (MskCtx     *ctx,
                JsonArray  *errors,
                const char *field,
                gint64      question_id,
                const char *code,
                gint64      n)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *message = msk_server_field_message (code, ctx->lang, n);

  json_object_set_string_member (obj, "field", field);
  if (question_id > 0)
    json_object_set_int_member (obj, "question_id", question_id);
  json_object_set_string_member (obj, "code", code);
  json_object_set_string_member (obj, "message", message);
  json_array_add_object_element (errors, obj);
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* Checks the body against @fields. Returns the object (owned by ctx) or
 * NULL after replying 400 when there is no JSON object at all; the caller
 * replies 422 when @errors is not empty. */
JsonObject *
msk_ctx_validate_body (MskCtx         *ctx,
                       const MskField *fields,
                       gsize           n_fields,
                       JsonArray      *errors)
{
  JsonObject *obj;
  g_autoptr(GList) members = NULL;

  if (ctx->json == NULL || !JSON_NODE_HOLDS_OBJECT (ctx->json))
    {
      msk_ctx_problem (ctx, "bad-request", "body-not-object");
      return NULL;
    }
  obj = json_node_get_object (ctx->json);

  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (gsize i = 0; i < n_fields; i++)
        if (g_str_equal (fields[i].name, l->data))
          known = TRUE;
      if (!known)
        {
          g_autofree char *pointer = g_strconcat ("/", (const char *) l->data, NULL);

          msk_errors_add (ctx, errors, pointer, 0, "unknown-field", 0);
        }
    }

  for (gsize i = 0; i < n_fields; i++)
    {
      const MskField *f = &fields[i];
      JsonNode *node = json_object_get_member (obj, f->name);
      g_autofree char *pointer = g_strconcat ("/", f->name, NULL);

      if (node == NULL || (JSON_NODE_HOLDS_NULL (node) && f->type != MSK_FIELD_INT_OR_NULL))
        {
          if (f->required)
            msk_errors_add (ctx, errors, pointer, 0, "required", 0);
          continue;
        }

      switch (f->type)
        {
        case MSK_FIELD_STRING:
          if (!node_is_string (node))
            msk_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else
            {
              const char *s = json_node_get_string (node);
              glong len = g_utf8_strlen (s, -1);
              g_autofree char *stripped = g_strstrip (g_strdup (s));

              if (f->required && *stripped == '\0')
                msk_errors_add (ctx, errors, pointer, 0, "required", 0);
              else if (f->min > 0 && len < f->min)
                msk_errors_add (ctx, errors, pointer, 0, "too-short", f->min);
              else if (f->max > 0 && len > f->max)
                msk_errors_add (ctx, errors, pointer, 0, "too-long", f->max);
            }
          break;

        case MSK_FIELD_INT:
        case MSK_FIELD_INT_OR_NULL:
          if (JSON_NODE_HOLDS_NULL (node))
            break;
          if (!node_is_int (node))
            msk_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else
            {
              gint64 v = json_node_get_int (node);

              if (v < f->min || (f->max != 0 && v > f->max))
                msk_errors_add (ctx, errors, pointer, 0, "out-of-range", 0);
            }
          break;

        case MSK_FIELD_BOOL:
          if (!node_is_bool (node))
            msk_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          break;

        case MSK_FIELD_INT_ARRAY:
        case MSK_FIELD_STRING_ARRAY:
          if (!JSON_NODE_HOLDS_ARRAY (node))
            msk_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else
            {
              JsonArray *arr = json_node_get_array (node);
              guint len = json_array_get_length (arr);

              if (len == 0 && f->required)
                msk_errors_add (ctx, errors, pointer, 0, "required", 0);
              else if (f->max > 0 && len > f->max)
                msk_errors_add (ctx, errors, pointer, 0, "too-many", f->max);
              for (guint j = 0; j < len; j++)
                {
                  JsonNode *el = json_array_get_element (arr, j);
                  gboolean ok = f->type == MSK_FIELD_INT_ARRAY ? node_is_int (el)
                                                               : node_is_string (el);
                  if (!ok)
                    {
                      g_autofree char *p = g_strdup_printf ("/%s/%u", f->name, j);

                      msk_errors_add (ctx, errors, p, 0, "wrong-type", 0);
                    }
                }
            }
          break;

        case MSK_FIELD_ARRAY:
          if (!JSON_NODE_HOLDS_ARRAY (node))
            msk_errors_add (ctx, errors, pointer, 0, "wrong-type", 0);
          else if (f->max > 0 && json_array_get_length (json_node_get_array (node)) > f->max)
            msk_errors_add (ctx, errors, pointer, 0, "too-many", f->max);
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return obj;
}

/* ---- formatting ---------------------------------------------------------- */

char *
msk_format_time (gint64 unix_seconds)
{
  static GTimeZone *tz = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (g_once_init_enter (&tz))
    g_once_init_leave (&tz, g_time_zone_new_offset (MSK_PORTAL_OFFSET_SECONDS));
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

void
msk_builder_add_time (JsonBuilder *builder,
                      const char  *member,
                      gint64       unix_seconds)
{
  g_autofree char *s = msk_format_time (unix_seconds);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, s);
}

void
msk_builder_add_loc (JsonBuilder *builder,
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
msk_col_text (sqlite3_stmt *stmt,
              int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* The integer in column @col as decimal text, e.g. for a cursor value. */
char *
msk_col_int_string (sqlite3_stmt *stmt,
                    int           col)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, col));
}

void
msk_builder_add_loc_cols (JsonBuilder  *builder,
                          const char   *member,
                          sqlite3_stmt *stmt,
                          int           col_ar)
{
  msk_builder_add_loc (builder, member, msk_col_text (stmt, col_ar),
                       msk_col_text (stmt, col_ar + 1));
}

void
msk_builder_add_string_or_null (JsonBuilder *builder,
                                const char  *member,
                                const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* ---- the gate ------------------------------------------------------------ */

static void
msk_ctx_free (MskCtx *ctx)
{
  g_clear_pointer (&ctx->query, g_hash_table_unref);
  g_clear_pointer (&ctx->params, g_ptr_array_unref);
  g_clear_pointer (&ctx->body, g_bytes_unref);
  g_clear_pointer (&ctx->json, json_node_unref);
  g_clear_pointer (&ctx->form, g_ptr_array_unref);
  g_clear_pointer (&ctx->username, g_free);
  g_clear_pointer (&ctx->display_name, g_free);
  g_clear_pointer (&ctx->token_hash, g_free);
  g_clear_pointer (&ctx->content_type, g_free);
  g_clear_pointer (&ctx->resp_body, g_bytes_unref);
  g_clear_pointer (&ctx->headers, g_ptr_array_unref);
  g_free (ctx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskCtx, msk_ctx_free)

/* Matches @path against @template; fills @params with the decoded values. */
static gboolean
match_template (const char *template,
                const char *path,
                GPtrArray  *params)
{
  g_auto(GStrv) t = g_strsplit (template, "/", -1);
  g_auto(GStrv) p = g_strsplit (path, "/", -1);
  guint n = g_strv_length (t);

  if (n != g_strv_length (p))
    return FALSE;
  g_ptr_array_set_size (params, 0);
  for (guint i = 0; i < n; i++)
    {
      if (t[i][0] == '{')
        {
          const char *close = strchr (t[i], '}');
          const char *suffix = close + 1;
          gsize slen = strlen (suffix);
          gsize plen = strlen (p[i]);
          g_autofree char *raw = NULL;
          char *value;

          if (plen <= slen || (slen > 0 && !g_str_has_suffix (p[i], suffix)))
            return FALSE;
          raw = g_strndup (p[i], plen - slen);
          value = g_uri_unescape_string (raw, NULL);
          if (value == NULL)
            value = g_strdup ("");
          g_ptr_array_add (params, value);
        }
      else if (!g_str_equal (t[i], p[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
rate_limit_allows (MskServer  *self,
                   const char *client,
                   guint      *retry_after)
{
  MskBucket *bucket;
  gint64 now = g_get_monotonic_time ();
  double rate = self->rate_per_minute / 60.0e6; /* tokens per microsecond */

  if (self->rate_per_minute == 0)
    return TRUE;

  bucket = g_hash_table_lookup (self->buckets, client);
  if (bucket == NULL)
    {
      /* Forget clients that have been quiet long enough to be full again. */
      if (g_hash_table_size (self->buckets) > 10000)
        {
          GHashTableIter iter;
          MskBucket *b;

          g_hash_table_iter_init (&iter, self->buckets);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &b))
            if (now - b->last_us > 60 * G_USEC_PER_SEC)
              g_hash_table_iter_remove (&iter);
        }
      bucket = g_new0 (MskBucket, 1);
      bucket->tokens = self->rate_per_minute;
      bucket->last_us = now;
      g_hash_table_insert (self->buckets, g_strdup (client), bucket);
    }
  bucket->tokens = MIN ((double) self->rate_per_minute,
                        bucket->tokens + (now - bucket->last_us) * rate);
  bucket->last_us = now;
  if (bucket->tokens >= 1.0)
    {
      bucket->tokens -= 1.0;
      return TRUE;
    }
  *retry_after = (guint) MAX (1.0, (1.0 - bucket->tokens) / rate / 1.0e6 + 0.999);
  return FALSE;
}

static gboolean
authenticate (MskCtx *ctx)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (ctx->msg);
  const char *auth = soup_message_headers_get_one (h, "Authorization");
  sqlite3_stmt *stmt;
  g_autofree char *hash = NULL;

  if (auth == NULL)
    return TRUE;
  if (g_ascii_strncasecmp (auth, "Bearer ", 7) != 0 || auth[7] == '\0')
    goto bad;

  hash = msk_auth_token_hash (auth + 7);
  stmt = msk_server_db_prepare (ctx->db,
                                "SELECT u.id, u.username, u.display_name, u.roles "
                                "FROM tokens t JOIN users u ON u.id = t.user_id "
                                "WHERE t.hash = ? AND t.expires_at > ?");
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ctx->now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      goto bad;
    }
  ctx->user_id = sqlite3_column_int64 (stmt, 0);
  ctx->username = g_strdup (msk_col_text (stmt, 1));
  ctx->display_name = g_strdup (msk_col_text (stmt, 2));
  {
    g_auto(GStrv) roles = g_strsplit (msk_col_text (stmt, 3), ",", -1);

    for (guint i = 0; roles[i] != NULL; i++)
      {
        if (g_str_equal (roles[i], "citizen"))
          ctx->roles |= MSK_ROLE_CITIZEN;
        else if (g_str_equal (roles[i], "moderator"))
          ctx->roles |= MSK_ROLE_MODERATOR;
        else if (g_str_equal (roles[i], "staff"))
          ctx->roles |= MSK_ROLE_STAFF;
      }
  }
  sqlite3_reset (stmt);
  ctx->token_hash = g_steal_pointer (&hash);
  return TRUE;

bad:
  msk_ctx_add_header (ctx, "WWW-Authenticate",
                      "Bearer realm=\"musharaka\", error=\"invalid_token\"");
  msk_ctx_problem (ctx, "unauthorized", NULL);
  return FALSE;
}

/* Splits an application/x-www-form-urlencoded body keeping repeated names. */
static GPtrArray *
decode_form (const char *text)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text, "&", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq;
      char *name;
      char *value;

      if (parts[i][0] == '\0')
        continue;
      g_strdelimit (parts[i], "+", ' ');
      eq = strchr (parts[i], '=');
      if (eq != NULL)
        *eq = '\0';
      name = g_uri_unescape_string (parts[i], NULL);
      value = g_uri_unescape_string (eq != NULL ? eq + 1 : "", NULL);
      if (name == NULL || value == NULL || !g_utf8_validate (name, -1, NULL) ||
          !g_utf8_validate (value, -1, NULL))
        {
          g_free (name);
          g_free (value);
          return NULL;
        }
      g_ptr_array_add (pairs, name);
      g_ptr_array_add (pairs, value);
    }
  return g_steal_pointer (&pairs);
}

/* The parser recurses per level: refuse absurd nesting before it runs. */
static gboolean
json_depth_ok (const char *data,
               gsize       len)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > 32)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

static gboolean
check_body (MskCtx *ctx)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (ctx->msg);
  const char *ctype = soup_message_headers_get_content_type (h, NULL);
  gsize len = ctx->body != NULL ? g_bytes_get_size (ctx->body) : 0;
  const char *data = ctx->body != NULL ? g_bytes_get_data (ctx->body, NULL) : NULL;

  if (len > MSK_MAX_BODY)
    {
      msk_ctx_problem (ctx, "payload-too-large", NULL);
      return FALSE;
    }
  if (len == 0 || (!g_str_equal (ctx->method, "POST") && !g_str_equal (ctx->method, "PUT")))
    return TRUE;

  if (!g_utf8_validate (data, len, NULL))
    {
      msk_ctx_problem (ctx, "invalid-utf8", NULL);
      return FALSE;
    }

  if (ctx->open311)
    {
      g_autofree char *text = NULL;

      if (ctype == NULL || g_ascii_strcasecmp (ctype, "application/x-www-form-urlencoded") != 0)
        {
          msk_ctx_open311_error (ctx, 400, "o311-form");
          return FALSE;
        }
      text = g_strndup (data, len);
      ctx->form = decode_form (text);
      if (ctx->form == NULL)
        {
          msk_ctx_problem (ctx, "invalid-utf8", NULL);
          return FALSE;
        }
      return TRUE;
    }

  if (ctype == NULL || (g_ascii_strcasecmp (ctype, "application/json") != 0 &&
                        !g_str_has_suffix (ctype, "+json")))
    {
      msk_ctx_problem (ctx, "unsupported-media-type", NULL);
      return FALSE;
    }
  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    g_autoptr(GError) error = NULL;

    if (!json_depth_ok (data, len) ||
        !json_parser_load_from_data (parser, data, len, &error) ||
        json_parser_get_root (parser) == NULL)
      {
        msk_ctx_problem (ctx, "malformed-json", NULL);
        return FALSE;
      }
    ctx->json = json_node_ref (json_parser_get_root (parser));
  }
  return TRUE;
}

static char *
idempotency_client (MskCtx *ctx)
{
  return ctx->user_id != 0 ? g_strdup_printf ("user:%" G_GINT64_FORMAT, ctx->user_id)
                           : g_strdup ("anonymous");
}

static char *
request_hash (MskCtx *ctx)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) ctx->method, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) ctx->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  if (ctx->body != NULL)
    g_checksum_update (sum, g_bytes_get_data (ctx->body, NULL), g_bytes_get_size (ctx->body));
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
valid_idempotency_key (const char *key)
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
static gboolean
idempotency_lookup (MskCtx     *ctx,
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
      if (g_str_equal (msk_col_text (stmt, 0), hash))
        {
          g_autoptr(GBytes) body = g_bytes_new (sqlite3_column_blob (stmt, 4),
                                                sqlite3_column_bytes (stmt, 4));

          msk_ctx_reply_bytes (ctx, sqlite3_column_int (stmt, 1), msk_col_text (stmt, 2), body);
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            msk_ctx_add_header (ctx, "Location", msk_col_text (stmt, 3));
          msk_ctx_add_header (ctx, "Idempotent-Replayed", "true");
        }
      else if (ctx->open311)
        {
          sqlite3_reset (stmt);
          msk_ctx_open311_error (ctx, 422, "o311-idempotency");
          return TRUE;
        }
      else
        {
          sqlite3_reset (stmt);
          msk_ctx_problem (ctx, "idempotency-key-reused", NULL);
          return TRUE;
        }
    }
  sqlite3_reset (stmt);
  return decided;
}

static void
idempotency_store (MskCtx     *ctx,
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

static void
route_request (MskServer *self,
               MskCtx    *ctx)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (ctx->msg);
  const MskRouteDef *route = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);
  const char *key;
  g_autofree char *client = NULL;
  g_autofree char *hash = NULL;
  guint retry_after = 0;
  const char *remote = soup_server_message_get_remote_host (ctx->msg);

  if (!rate_limit_allows (self, remote != NULL ? remote : "unknown", &retry_after))
    {
      g_autofree char *secs = g_strdup_printf ("%u", retry_after);

      msk_ctx_add_header (ctx, "Retry-After", secs);
      msk_ctx_problem (ctx, "rate-limited", NULL);
      return;
    }

  if (!g_utf8_validate (ctx->path, -1, NULL))
    {
      msk_ctx_problem (ctx, "invalid-utf8", NULL);
      return;
    }

  for (guint i = 0; i < self->routes->len; i++)
    {
      const MskRouteDef *r = self->routes->pdata[i];

      if (!match_template (r->path, ctx->path, ctx->params))
        continue;
      if (g_str_equal (r->method, ctx->method) ||
          (g_str_equal (r->method, "GET") && g_str_equal (ctx->method, "HEAD")))
        {
          route = r;
          break;
        }
      if (strstr (allow->str, r->method) == NULL)
        g_string_append_printf (allow, "%s%s", allow->len > 0 ? ", " : "", r->method);
    }

  if (route == NULL)
    {
      if (allow->len > 0)
        {
          msk_ctx_add_header (ctx, "Allow", allow->str);
          msk_ctx_problem (ctx, "method-not-allowed", NULL);
        }
      else if (ctx->open311)
        msk_ctx_open311_error (ctx, g_str_has_suffix (ctx->path, ".xml") ? 400 : 404,
                               g_str_has_suffix (ctx->path, ".xml") ? "o311-format"
                                                                    : "o311-not-found");
      else
        msk_ctx_problem (ctx, "not-found", NULL);
      return;
    }

  for (guint i = 0; i < ctx->params->len; i++)
    if (!g_utf8_validate (ctx->params->pdata[i], -1, NULL))
      {
        msk_ctx_problem (ctx, "invalid-utf8", NULL);
        return;
      }

  if (!check_body (ctx) || !authenticate (ctx))
    return;

  key = soup_message_headers_get_one (h, "Idempotency-Key");
  if (key != NULL && g_str_equal (ctx->method, "POST"))
    {
      if (!valid_idempotency_key (key))
        {
          msk_ctx_problem (ctx, "invalid-idempotency-key", NULL);
          return;
        }
      client = idempotency_client (ctx);
      hash = request_hash (ctx);
      if (idempotency_lookup (ctx, key, client, hash))
        return;
    }

  route->handler (ctx);

  if (sqlite3_get_autocommit (msk_server_db_get_handle (ctx->db)) == 0)
    {
      g_warning ("%s %s left a transaction open", ctx->method, ctx->path);
      msk_server_db_rollback (ctx->db);
    }

  if (hash != NULL && ctx->status >= 200 && ctx->status < 300)
    idempotency_store (ctx, key, client, hash);
}

static void
finish_response (MskCtx *ctx)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (ctx->msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (ctx->msg);
  gboolean is_read = g_str_equal (ctx->method, "GET") || g_str_equal (ctx->method, "HEAD");

  if (ctx->status == 0)
    msk_ctx_problem (ctx, "internal", NULL);

  for (guint i = 0; i + 1 < ctx->headers->len; i += 2)
    soup_message_headers_append (resp, ctx->headers->pdata[i], ctx->headers->pdata[i + 1]);
  soup_message_headers_replace (resp, "Content-Language", ctx->lang);
  soup_message_headers_replace (resp, "Vary", "Accept-Language, Authorization");
  soup_message_headers_replace (resp, "Cache-Control", "no-cache");

  if (is_read && ctx->status == 200 && ctx->resp_body != NULL)
    {
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, ctx->resp_body);
      g_autofree char *etag = g_strdup_printf ("\"%.32s-%s\"", sum, ctx->lang);
      const char *inm = soup_message_headers_get_one (req, "If-None-Match");

      soup_message_headers_replace (resp, "ETag", etag);
      if (inm != NULL && (strstr (inm, etag) != NULL || g_str_equal (inm, "*")))
        {
          soup_server_message_set_status (ctx->msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  soup_server_message_set_status (ctx->msg, ctx->status, NULL);
  if (ctx->resp_body != NULL)
    {
      gsize len = 0;
      gconstpointer data = g_bytes_get_data (ctx->resp_body, &len);

      soup_server_message_set_response (ctx->msg, ctx->content_type, SOUP_MEMORY_COPY,
                                        data, len);
    }
}

static void
request_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  MskServer *self = MSK_SERVER (user_data);
  g_autoptr(MskCtx) ctx = g_new0 (MskCtx, 1);
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  ctx->server = self;
  ctx->db = self->db;
  ctx->msg = msg;
  ctx->method = soup_server_message_get_method (msg);
  ctx->path = path;
  ctx->open311 = g_str_has_prefix (path, "/open311/");
  ctx->lang = msk_server_pick_language (soup_message_headers_get_one (h, "Accept-Language"));
  ctx->now = g_get_real_time () / G_USEC_PER_SEC;
  ctx->params = g_ptr_array_new_with_free_func (g_free);
  ctx->headers = g_ptr_array_new_with_free_func (g_free);
  if (query != NULL)
    ctx->query = g_hash_table_ref (query);
  if (body != NULL && body->length > 0)
    ctx->body = soup_message_body_flatten (body);

  if (ctx->query != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, ctx->query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        if (!g_utf8_validate (k, -1, NULL) || !g_utf8_validate (v, -1, NULL))
          {
            g_clear_pointer (&ctx->query, g_hash_table_unref);
            msk_ctx_problem (ctx, "invalid-utf8", NULL);
            finish_response (ctx);
            return;
          }
    }

  route_request (self, ctx);
  finish_response (ctx);
}

/* Refuses an oversized body before it is read. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  goffset len = soup_message_headers_get_content_length (h);

  if (soup_message_headers_get_encoding (h) == SOUP_ENCODING_CONTENT_LENGTH &&
      len > MSK_MAX_BODY)
    {
      g_autoptr(MskCtx) ctx = g_new0 (MskCtx, 1);

      ctx->server = MSK_SERVER (user_data);
      ctx->msg = msg;
      ctx->method = soup_server_message_get_method (msg);
      ctx->path = path;
      ctx->open311 = g_str_has_prefix (path, "/open311/");
      ctx->lang = msk_server_pick_language (soup_message_headers_get_one (h, "Accept-Language"));
      ctx->params = g_ptr_array_new_with_free_func (g_free);
      ctx->headers = g_ptr_array_new_with_free_func (g_free);
      msk_ctx_problem (ctx, "payload-too-large", NULL);
      msk_ctx_add_header (ctx, "Connection", "close");
      finish_response (ctx);
    }
}

MskServer *
msk_server_new (const char  *data_dir,
                GError     **error)
{
  g_autoptr(MskServer) self = g_object_new (MSK_TYPE_SERVER, NULL);

  self->db = msk_server_db_new (data_dir, error);
  if (self->db == NULL)
    return NULL;

  /* Replays are kept a week; expired tokens are of no use. */
  {
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    msk_server_db_query_int (self->db, "DELETE FROM idempotency WHERE created_at < ?",
                             now - 7 * 24 * 3600);
    msk_server_db_query_int (self->db, "DELETE FROM tokens WHERE expires_at < ?", now);
  }

  self->soup = soup_server_new ("server-header", "musharaka-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, request_cb, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
msk_server_load_demo (MskServer  *self,
                      GError    **error)
{
  g_return_val_if_fail (MSK_IS_SERVER (self), FALSE);
  return msk_server_demo_load (self->db, error);
}

void
msk_server_set_rate_limit (MskServer *self,
                           guint      per_minute)
{
  g_return_if_fail (MSK_IS_SERVER (self));
  self->rate_per_minute = per_minute;
}

gboolean
msk_server_listen (MskServer   *self,
                   const char  *address,
                   guint        port,
                   GError     **error)
{
  g_autoptr(GSocketAddress) addr = NULL;
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (MSK_IS_SERVER (self), FALSE);

  addr = g_inet_socket_address_new_from_string (address, port);
  if (addr == NULL)
    {
      g_set_error (error, MSK_SERVER_ERROR, MSK_SERVER_ERROR_LISTEN,
                   "“%s” is not an IP address", address);
      return FALSE;
    }

  /* Our own socket for a deep accept queue: a burst of clients connecting
   * at once must wait their turn, not be reset (GSocket's default is 10). */
  socket = g_socket_new (g_socket_address_get_family (addr), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, 1024);
  if (!g_socket_bind (socket, addr, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->soup, socket, 0, error);
}

char *
msk_server_dup_url (MskServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (MSK_IS_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      g_autofree char *s = g_uri_to_string (uris->data);
      gsize len = strlen (s);

      if (len > 0 && s[len - 1] == '/')
        s[len - 1] = '\0';
      url = g_steal_pointer (&s);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}
