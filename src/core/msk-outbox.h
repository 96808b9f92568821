/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-auth.h"
#include "msk-http.h"
#include "msk-outbox-item.h"
#include "msk-store.h"

G_BEGIN_DECLS

#define MSK_OUTBOX_DEFAULT_BACKOFF_BASE_MS 2000
#define MSK_OUTBOX_DEFAULT_BACKOFF_CAP_MS  (15 * 60 * 1000)

#define MSK_TYPE_OUTBOX (msk_outbox_get_type ())
G_DECLARE_FINAL_TYPE (MskOutbox, msk_outbox, MSK, OUTBOX, GObject)

MskOutbox     *msk_outbox_new            (MskStore            *store,
                                          MskHttp             *http);
void           msk_outbox_set_backoff    (MskOutbox           *self,
                                          guint                base_ms,
                                          guint                cap_ms);
void           msk_outbox_set_auth       (MskOutbox           *self,
                                          MskAuth             *auth);
gboolean       msk_outbox_start          (MskOutbox           *self,
                                          GError             **error);
void           msk_outbox_stop           (MskOutbox           *self);
MskOutboxItem *msk_outbox_enqueue        (MskOutbox           *self,
                                          MskOutboxItem       *item,
                                          GError             **error);
GListModel    *msk_outbox_get_items      (MskOutbox           *self);
MskOutboxItem *msk_outbox_find           (MskOutbox           *self,
                                          const char          *key);
guint          msk_outbox_get_n_pending  (MskOutbox           *self);
void           msk_outbox_flush          (MskOutbox           *self);
gboolean       msk_outbox_retry          (MskOutbox           *self,
                                          MskOutboxItem       *item,
                                          GError             **error);
gboolean       msk_outbox_discard_all    (MskOutbox           *self,
                                          guint               *n_unsent,
                                          GError             **error);
gboolean       msk_outbox_remove         (MskOutbox           *self,
                                          MskOutboxItem       *item,
                                          GError             **error);

gint64         msk_outbox_compute_delay  (guint                attempts,
                                          guint                base_ms,
                                          guint                cap_ms,
                                          gint64               retry_after_s,
                                          double               random);

G_END_DECLS
