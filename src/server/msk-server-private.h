/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "msk-server.h"
#include "msk-server-db.h"
#include "msk-server-strings.h"

G_BEGIN_DECLS

#define MSK_MAX_BODY (64 * 1024)
#define MSK_PORTAL_OFFSET_SECONDS (4 * 3600)

typedef enum
{
  MSK_ROLE_CITIZEN   = 1 << 0,
  MSK_ROLE_MODERATOR = 1 << 1,
  MSK_ROLE_STAFF     = 1 << 2,
} MskRole;

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
  gint64 now;           /* unix seconds */

  gint64 user_id;       /* 0 when anonymous */
  char *username;
  char *display_name;
  guint roles;
  char *token_hash;

  /* the response */
  guint status;
  char *content_type;
  GBytes *resp_body;
  GPtrArray *headers;   /* owned: alternating names and values */
} MskCtx;

typedef void (*MskHandler) (MskCtx *ctx);

typedef struct
{
  const char *method;
  const char *path;
  MskHandler  handler;
} MskRouteDef;

/* Replies */
void      msk_ctx_reply_json        (MskCtx      *ctx,
                                     guint        status,
                                     JsonNode    *node);
void      msk_ctx_reply_builder     (MskCtx      *ctx,
                                     guint        status,
                                     JsonBuilder *builder);
void      msk_ctx_reply_bytes       (MskCtx      *ctx,
                                     guint        status,
                                     const char  *content_type,
                                     GBytes      *body);
void      msk_ctx_problem           (MskCtx      *ctx,
                                     const char  *code,
                                     const char  *detail_key);
void      msk_ctx_problem_errors    (MskCtx      *ctx,
                                     JsonArray   *errors);
gboolean  msk_ctx_problem_if_errors (MskCtx      *ctx,
                                     JsonArray   *errors);
void      msk_ctx_open311_error     (MskCtx      *ctx,
                                     guint        status,
                                     const char  *detail_key);
void      msk_ctx_add_header        (MskCtx      *ctx,
                                     const char  *name,
                                     const char  *value);

/* Requests */
gboolean  msk_ctx_param_id          (MskCtx      *ctx,
                                     guint        index,
                                     gint64      *id);
gboolean  msk_ctx_require_user      (MskCtx      *ctx);
gboolean  msk_ctx_require_role      (MskCtx      *ctx,
                                     MskRole      role);
const char *msk_ctx_query           (MskCtx      *ctx,
                                     const char  *name);
gboolean  msk_ctx_paging            (MskCtx      *ctx,
                                     const char  *cursor_kind,
                                     int         *limit,
                                     char       **cursor_value);
void      msk_ctx_add_next_link     (MskCtx      *ctx,
                                     const char  *cursor_kind,
                                     const char  *value,
                                     JsonBuilder *builder);
char     *msk_ctx_make_cursor       (const char  *kind,
                                     const char  *value);

gboolean  msk_ctx_step_found        (MskCtx       *ctx,
                                     sqlite3_stmt *stmt);

/* Adds the thing for the row @stmt is on. */
typedef void (*MskItemFunc) (MskCtx       *ctx,
                             JsonBuilder  *builder,
                             sqlite3_stmt *stmt);

void      msk_ctx_reply_row         (MskCtx       *ctx,
                                     guint         status,
                                     sqlite3_stmt *stmt,
                                     MskItemFunc   add_item);

/* Adds the item for the row @stmt is on; returns the cursor value after it. */
typedef char *(*MskPageItemFunc) (MskCtx       *ctx,
                                  JsonBuilder  *builder,
                                  sqlite3_stmt *stmt);

void      msk_ctx_reply_page        (MskCtx          *ctx,
                                     const char      *cursor_kind,
                                     sqlite3_stmt    *stmt,
                                     int              limit,
                                     MskPageItemFunc  add_item);
char     *msk_ctx_base_url          (MskCtx      *ctx);

/* Body validation: each helper adds an error entry to @errors and returns
 * FALSE when the member is wrong. */
typedef enum
{
  MSK_FIELD_STRING,
  MSK_FIELD_INT,
  MSK_FIELD_BOOL,
  MSK_FIELD_INT_ARRAY,
  MSK_FIELD_STRING_ARRAY,
  MSK_FIELD_INT_OR_NULL,
  MSK_FIELD_ARRAY,
} MskFieldType;

typedef struct
{
  const char  *name;
  MskFieldType type;
  gboolean     required;
  gint64       min;   /* string: min length in characters; int: min value */
  gint64       max;   /* string: max length; int: max value; 0 = no limit */
} MskField;

JsonObject *msk_ctx_validate_body   (MskCtx         *ctx,
                                     const MskField *fields,
                                     gsize           n_fields,
                                     JsonArray      *errors);
void        msk_errors_add          (MskCtx         *ctx,
                                     JsonArray      *errors,
                                     const char     *field,
                                     gint64          question_id,
                                     const char     *code,
                                     gint64          n);

/* Formatting */
char     *msk_format_time           (gint64       unix_seconds);
void      msk_builder_add_time      (JsonBuilder *builder,
                                     const char  *member,
                                     gint64       unix_seconds);
void      msk_builder_add_loc       (JsonBuilder *builder,
                                     const char  *member,
                                     const char  *ar,
                                     const char  *en);
void      msk_builder_add_loc_cols  (JsonBuilder  *builder,
                                     const char   *member,
                                     sqlite3_stmt *stmt,
                                     int           col_ar);
void      msk_builder_add_string_or_null (JsonBuilder *builder,
                                          const char  *member,
                                          const char  *value);
const char *msk_col_text            (sqlite3_stmt *stmt,
                                     int           col);
char     *msk_col_int_string        (sqlite3_stmt *stmt,
                                     int           col);

/* Topics */
const char *msk_topic_status        (gint64 now,
                                     gint64 opens_at,
                                     gint64 closes_at,
                                     gint64 results_published_at);
gboolean  msk_topic_lookup          (MskCtx      *ctx,
                                     gint64       id,
                                     const char  *kind,
                                     char       **status);
JsonObject *msk_topic_participation_body (MskCtx         *ctx,
                                          const char     *kind,
                                          const MskField *fields,
                                          gsize           n_fields,
                                          JsonArray      *errors,
                                          gint64         *id);

/* Auth */
char     *msk_auth_hash_password    (const char  *password);
gboolean  msk_auth_check_password   (const char  *password,
                                     const char  *hash);
char     *msk_auth_new_token        (void);
char     *msk_auth_token_hash       (const char  *token);

/* Route handlers */
extern const MskRouteDef msk_v1_routes[];
extern const gsize msk_v1_n_routes;
extern const MskRouteDef msk_v1_social_routes[];
extern const gsize msk_v1_social_n_routes;
extern const MskRouteDef msk_open311_routes[];
extern const gsize msk_open311_n_routes;

void      msk_open311_add_request   (MskCtx      *ctx,
                                     JsonBuilder *builder,
                                     gint64       request_id,
                                     gboolean     extensions);
gboolean  msk_open311_parse_tracking (const char *text,
                                      gint64     *request_id);
char     *msk_open311_tracking      (gint64       request_id);
gint64    msk_add_working_days      (gint64       from,
                                     int          days);

/* Demo */
gboolean  msk_server_demo_load      (MskServerDb *db,
                                     GError     **error);
gint64    msk_server_add_user       (MskServerDb *db,
                                     const char  *username,
                                     const char  *display_name,
                                     const char  *password,
                                     const char  *roles);

G_END_DECLS
