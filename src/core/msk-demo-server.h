/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MSK_TYPE_DEMO_SERVER (msk_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (MskDemoServer, msk_demo_server, MSK, DEMO_SERVER, GObject)

MskDemoServer *msk_demo_server_new          (const char          *binary);
char          *msk_demo_server_find_binary  (void);
void           msk_demo_server_start_async  (MskDemoServer       *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char          *msk_demo_server_start_finish (MskDemoServer       *self,
                                             GAsyncResult        *result,
                                             GError             **error);
const char    *msk_demo_server_get_url      (MskDemoServer       *self);
const char    *msk_demo_server_get_data_dir (MskDemoServer       *self);
void           msk_demo_server_stop         (MskDemoServer       *self);

G_END_DECLS
