/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MSK_SERVER_ERROR (msk_server_error_quark ())

typedef enum
{
  MSK_SERVER_ERROR_LISTEN,
  MSK_SERVER_ERROR_DEMO,
  MSK_SERVER_ERROR_PUBLIC_URL,
} MskServerError;

GQuark msk_server_error_quark (void);

/* Connection time limits by default, in seconds */
#define MSK_SERVER_IDLE_TIMEOUT 60
#define MSK_SERVER_HEADER_TIMEOUT 15
#define MSK_SERVER_BODY_TIMEOUT 30

typedef struct
{
  const char *method;
  const char *path; /* OpenAPI path template */
} MskServerRoute;

#define MSK_TYPE_SERVER (msk_server_get_type ())
G_DECLARE_FINAL_TYPE (MskServer, msk_server, MSK, SERVER, GObject)

MskServer            *msk_server_new             (const char  *data_dir,
                                                  GError     **error);
gboolean              msk_server_load_demo       (MskServer   *self,
                                                  GError     **error);
void                  msk_server_set_rate_limit  (MskServer   *self,
                                                  guint        per_minute);
void                  msk_server_set_timeouts    (MskServer   *self,
                                                  guint        idle_s,
                                                  guint        header_s,
                                                  guint        body_s);
gboolean              msk_server_set_public_url  (MskServer   *self,
                                                  const char  *url,
                                                  GError     **error);
const char           *msk_server_get_public_url  (MskServer   *self);
gboolean              msk_server_listen          (MskServer   *self,
                                                  const char  *address,
                                                  guint        port,
                                                  GError     **error);
char                 *msk_server_dup_url         (MskServer   *self);
const MskServerRoute *msk_server_get_routes      (gsize       *n_routes);

void                  msk_server_set_clock_offset (gint64      seconds);
gint64                msk_server_now             (void);

G_END_DECLS
