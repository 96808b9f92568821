/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-auth.h"
#include "msk-outbox.h"

G_BEGIN_DECLS

typedef gboolean (*MskTestCondition) (gpointer user_data);

gboolean      msk_test_wait_for_full   (MskTestCondition  condition,
                                        gpointer          user_data,
                                        guint             timeout_s,
                                        const char       *what,
                                        const char       *where);
GAsyncResult *msk_test_wait_result_full (const char      *where);
void          msk_test_result_cb       (GObject          *source,
                                        GAsyncResult     *result,
                                        gpointer          user_data);
gboolean      msk_test_outbox_settled  (gpointer          outbox);
char         *msk_test_make_tmpdir     (void);
void          msk_test_rm_rf           (const char       *path);

/* Iterates the main context until @condition holds. After @timeout_s it
 * fails the test (g_test_fail_printf) and returns FALSE: the caller returns. */
#define msk_test_wait_for(condition, user_data, timeout_s) \
  msk_test_wait_for_full ((condition), (user_data), (timeout_s), #condition, G_STRLOC)
/* Waits for msk_test_result_cb(); aborts the test program with a message
 * after 60 s (its caller could not go on without the result). */
#define msk_test_wait_result() msk_test_wait_result_full (G_STRLOC)

GSubprocessLauncher *msk_test_launcher_new (GSubprocessFlags  flags,
                                            const char       *stderr_path);
void                 msk_test_process_stop (GSubprocess      *process,
                                            int               signum,
                                            guint             grace_s);

G_END_DECLS

G_BEGIN_DECLS

/* The real musharaka-server, as a child process on loopback. */
typedef struct
{
  GSubprocess *process;
  char        *data_dir;
  char        *log_path;   /* the server's stderr */
  char        *url;
} MskTestServer;

void        msk_test_set_programs     (int            *argc,
                                       char         ***argv);
const char *msk_test_get_server_path  (void);
const char *msk_test_get_driver_path  (void);
MskTestServer *msk_test_server_start  (const char     *data_dir);
void        msk_test_server_stop      (MskTestServer  *server);

G_END_DECLS
