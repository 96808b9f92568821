/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-auth.h"
#include "msk-client.h"
#include "msk-guidelines.h"
#include "msk-http.h"
#include "msk-outbox.h"
#include "msk-portal-list.h"
#include "msk-store.h"
#include "msk-tracker.h"

G_BEGIN_DECLS

/**
 * MskCoreFlags:
 * @MSK_CORE_NONE: the usual: files in the XDG dirs, tokens in the keyring
 * @MSK_CORE_PUBLIC_PC: public-PC mode: cache, outbox, tracking list and
 *   tokens in memory only; nothing is written under $HOME or the XDG dirs
 * @MSK_CORE_NO_KEYRING: keep tokens in memory only
 */
typedef enum
{
  MSK_CORE_NONE       = 0,
  MSK_CORE_PUBLIC_PC  = 1 << 0,
  MSK_CORE_NO_KEYRING = 1 << 1,
} MskCoreFlags;

#define MSK_TYPE_CORE (msk_core_get_type ())
G_DECLARE_FINAL_TYPE (MskCore, msk_core, MSK, CORE, GObject)

MskCore        *msk_core_new              (MskCoreFlags   flags,
                                           GError       **error);
MskCore        *msk_core_new_for_paths    (const char    *state_path,
                                           const char    *cache_path,
                                           MskCoreFlags   flags,
                                           GError       **error);
gboolean        msk_core_get_public_pc    (MskCore       *self);
MskHttp        *msk_core_get_http         (MskCore       *self);
MskStore       *msk_core_get_store        (MskCore       *self);
MskOutbox      *msk_core_get_outbox       (MskCore       *self);
MskAuth        *msk_core_get_auth         (MskCore       *self);
MskTracker     *msk_core_get_tracker      (MskCore       *self);
MskGuidelines  *msk_core_get_guidelines   (MskCore       *self);
MskPortalList  *msk_core_get_portals      (MskCore       *self);
MskClient      *msk_core_dup_client       (MskCore       *self,
                                           MskPortal     *portal);
void            msk_core_end_session_async  (MskCore             *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean        msk_core_end_session_finish (MskCore             *self,
                                             GAsyncResult        *result,
                                             guint               *n_unsent,
                                             GError             **error);
char           *msk_core_dup_unsent_warning (guint                n_unsent);

G_END_DECLS
