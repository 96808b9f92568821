/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-auth.h"
#include "msk-outbox.h"

G_BEGIN_DECLS

typedef gboolean (*MskTestCondition) (gpointer user_data);

void          msk_test_wait_for        (MskTestCondition  condition,
                                        gpointer          user_data,
                                        guint             timeout_s);
GAsyncResult *msk_test_wait_result     (void);
void          msk_test_result_cb       (GObject          *source,
                                        GAsyncResult     *result,
                                        gpointer          user_data);
gboolean      msk_test_outbox_settled  (gpointer          outbox);
char         *msk_test_make_tmpdir     (void);
void          msk_test_rm_rf           (const char       *path);

G_END_DECLS

G_BEGIN_DECLS

/* The real musharaka-server, as a child process on loopback. */
typedef struct
{
  GSubprocess *process;
  char        *data_dir;
  char        *url;
} MskTestServer;

void        msk_test_set_programs     (int            *argc,
                                       char         ***argv);
const char *msk_test_get_server_path  (void);
const char *msk_test_get_driver_path  (void);
MskTestServer *msk_test_server_start  (const char     *data_dir);
void        msk_test_server_stop      (MskTestServer  *server);

G_END_DECLS

G_BEGIN_DECLS

void msk_test_outbox_use_auth (MskOutbox *outbox,
                               MskAuth   *auth);
G_END_DECLS
