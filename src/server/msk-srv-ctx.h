/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "msk-server.h"
#include "msk-server-db.h"
#include "msk-server-strings.h"

G_BEGIN_DECLS

/* Times on the wire are in the portal's zone, UTC+4. */
#define MSK_SRV_PORTAL_OFFSET_SECONDS (4 * 3600)

/* One request while it is being handled. */
typedef struct
{
  MskServer *server;
  MskServerDb *db;
  SoupServerMessage *msg;

  const char *method;
  const char *path;
  GHashTable *query;    /* owned: char* → char* */
  GPtrArray *params;    /* owned: path parameters */
  GBytes *body;         /* owned */
  JsonNode *json;       /* owned: parsed JSON body (an object) */
  GPtrArray *form;      /* owned: alternating names and values */
  const char *lang;     /* "ar" or "en" */
  gboolean open311;
  gboolean open311_xml; /* an Open311 reply in XML */
  gint64 now;           /* unix seconds */

  gint64 user_id;       /* 0 when anonymous */
  char *username;
  char *display_name;
  guint roles;          /* MskSrvRole flags */
  char *token_hash;
  struct _MskSrvSignIns *sign_ins;  /* the server's failed sign-ins */

  /* answered later (msk_srv_router_pause) */
  gboolean paused;
  gboolean gone;                    /* the client left meanwhile */
  gulong disconnected_id;
  char *idempotency_key;
  char *idempotency_client;
  char *idempotency_hash;

  /* the response */
  guint status;
  char *content_type;
  GBytes *resp_body;
  GPtrArray *headers;   /* owned: alternating names and values */
} MskSrvCtx;

void        msk_srv_ctx_free               (MskSrvCtx    *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskSrvCtx, msk_srv_ctx_free)

/* Replies */
void        msk_srv_ctx_reply_json         (MskSrvCtx    *ctx,
                                            guint         status,
                                            JsonNode     *node);
void        msk_srv_ctx_reply_builder      (MskSrvCtx    *ctx,
                                            guint         status,
                                            JsonBuilder  *builder);
void        msk_srv_ctx_reply_bytes        (MskSrvCtx    *ctx,
                                            guint         status,
                                            const char   *content_type,
                                            GBytes       *body);
void        msk_srv_ctx_problem            (MskSrvCtx    *ctx,
                                            const char   *code,
                                            const char   *detail_key);
void        msk_srv_ctx_problem_json       (MskSrvCtx    *ctx,
                                            const char   *code,
                                            const char   *detail_key);
void        msk_srv_ctx_problem_errors     (MskSrvCtx    *ctx,
                                            JsonArray    *errors);
void        msk_srv_ctx_problem_with_errors (MskSrvCtx   *ctx,
                                             const char  *code,
                                             JsonArray   *errors);
gboolean    msk_srv_ctx_problem_if_errors  (MskSrvCtx    *ctx,
                                            JsonArray    *errors);
void        msk_srv_ctx_open311_reply      (MskSrvCtx    *ctx,
                                            guint         status,
                                            JsonNode     *root,
                                            const char   *root_name);
void        msk_srv_ctx_open311_reply_builder (MskSrvCtx   *ctx,
                                               guint        status,
                                               JsonBuilder *builder,
                                               const char  *root_name);
void        msk_srv_ctx_open311_error      (MskSrvCtx    *ctx,
                                            guint         status,
                                            const char   *detail_key);
void        msk_srv_ctx_open311_error_text (MskSrvCtx    *ctx,
                                            guint         status,
                                            const char   *description);
void        msk_srv_ctx_open311_error_field (MskSrvCtx   *ctx,
                                             guint        status,
                                             const char  *detail_key,
                                             const char  *field,
                                             gint64       n);
void        msk_srv_ctx_add_header         (MskSrvCtx    *ctx,
                                            const char   *name,
                                            const char   *value);

/* Query and path parameters */
const char *msk_srv_ctx_query              (MskSrvCtx    *ctx,
                                            const char   *name);
gboolean    msk_srv_ctx_query_id           (MskSrvCtx    *ctx,
                                            const char   *name,
                                            gint64       *id);
gboolean    msk_srv_ctx_param_id           (MskSrvCtx    *ctx,
                                            guint         index,
                                            gint64       *id);
gboolean    msk_srv_in_list                (const char * const *list,
                                            const char   *value);

/* Paging with cursors */
gboolean    msk_srv_ctx_paging             (MskSrvCtx    *ctx,
                                            const char   *cursor_kind,
                                            int          *limit,
                                            char        **cursor_value);
void        msk_srv_ctx_add_next_link      (MskSrvCtx    *ctx,
                                            const char   *cursor_kind,
                                            const char   *value,
                                            JsonBuilder  *builder);
char       *msk_srv_ctx_make_cursor        (const char   *kind,
                                            const char   *value);
gint64      msk_srv_cursor_id              (const char   *value);
char       *msk_srv_ctx_base_url           (MskSrvCtx    *ctx);

/* One thing, or a page of things, from a statement */
gboolean    msk_srv_ctx_step_found         (MskSrvCtx    *ctx,
                                            sqlite3_stmt *stmt);

/* Adds the thing for the row @stmt is on. */
typedef void (*MskSrvItemFunc) (MskSrvCtx    *ctx,
                                JsonBuilder  *builder,
                                sqlite3_stmt *stmt);

void        msk_srv_ctx_reply_row          (MskSrvCtx      *ctx,
                                            guint           status,
                                            sqlite3_stmt   *stmt,
                                            MskSrvItemFunc  add_item);

/* Adds the item for the row @stmt is on; returns the cursor value after it. */
typedef char *(*MskSrvPageItemFunc) (MskSrvCtx    *ctx,
                                     JsonBuilder  *builder,
                                     sqlite3_stmt *stmt);

void        msk_srv_ctx_reply_page         (MskSrvCtx          *ctx,
                                            const char         *cursor_kind,
                                            sqlite3_stmt       *stmt,
                                            int                 limit,
                                            MskSrvPageItemFunc  add_item);

/* Formatting */
char       *msk_srv_format_time            (gint64        unix_seconds);
void        msk_srv_builder_add_time       (JsonBuilder  *builder,
                                            const char   *member,
                                            gint64        unix_seconds);
void        msk_srv_builder_add_loc        (JsonBuilder  *builder,
                                            const char   *member,
                                            const char   *ar,
                                            const char   *en);
void        msk_srv_builder_add_loc_cols   (JsonBuilder  *builder,
                                            const char   *member,
                                            sqlite3_stmt *stmt,
                                            int           col_ar);
void        msk_srv_builder_add_string_or_null (JsonBuilder *builder,
                                                const char  *member,
                                                const char  *value);
const char *msk_srv_col_text               (sqlite3_stmt *stmt,
                                            int           col);
char       *msk_srv_col_int_string         (sqlite3_stmt *stmt,
                                            int           col);

G_END_DECLS
