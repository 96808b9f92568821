/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-portal.h"
#include "msk-store.h"

G_BEGIN_DECLS

/**
 * MSK_POLICY_VERSION:
 *
 * The version of the participation policy, privacy notice and disclaimer
 * the app shows. An acceptance of another version does not count: when the
 * texts change in substance, this changes and everyone is asked again.
 */
#define MSK_POLICY_VERSION "2026-1"

/**
 * MSK_POLICY_PRACTICE_KEY:
 *
 * What the practice portal is known by, whatever address it runs at.
 */
#define MSK_POLICY_PRACTICE_KEY "practice"

char     *msk_policy_dup_portal_key (MskPortal    *portal);
gboolean  msk_policy_is_accepted    (MskStore     *store,
                                     const char   *portal_key,
                                     gint64       *accepted_at);
gboolean  msk_policy_accept         (MskStore     *store,
                                     const char   *portal_key,
                                     gint64        now,
                                     GError      **error);
gboolean  msk_policy_forget         (MskStore     *store,
                                     const char   *portal_key,
                                     GError      **error);

G_END_DECLS
