/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-core.h"
#include "msk-spell.h"
#include "msk-speech-engine.h"

G_BEGIN_DECLS

#define MSK_TYPE_CONTEXT (msk_context_get_type ())

G_DECLARE_FINAL_TYPE (MskContext, msk_context, MSK, CONTEXT, GObject)

MskContext      *msk_context_new               (MskCore    *core,
                                                GSettings  *settings);
MskCore         *msk_context_get_core          (MskContext *self);
GSettings       *msk_context_get_settings      (MskContext *self);
MskPortalList   *msk_context_get_portals       (MskContext *self);
MskOutbox       *msk_context_get_outbox        (MskContext *self);
MskTracker      *msk_context_get_tracker       (MskContext *self);
MskSpeechEngine *msk_context_get_speech_engine (MskContext *self);
MskSpell        *msk_context_get_spell         (MskContext *self);
MskPortal       *msk_context_get_portal        (MskContext *self);
MskClient       *msk_context_get_client        (MskContext *self);
void             msk_context_set_portal        (MskContext *self,
                                                MskPortal  *portal);
gint64           msk_context_get_offline_since (MskContext *self);
void             msk_context_set_freshness     (MskContext         *self,
                                                const MskFreshness *freshness);
void             msk_context_update_language   (MskContext *self);
char            *msk_context_dup_portal_key    (MskContext *self);
gboolean         msk_context_get_policy_accepted (MskContext *self);
gboolean         msk_context_accept_policy     (MskContext *self,
                                                GError    **error);
MskAuth         *msk_context_get_auth          (MskContext *self);
gboolean         msk_context_get_signed_in     (MskContext *self);
char            *msk_context_dup_account_name  (MskContext *self);
const char      *msk_context_get_status        (MskContext *self);
void             msk_context_set_status        (MskContext *self,
                                                const char *status);

G_END_DECLS
