/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-http.h"
#include "msk-portal.h"
#include "msk-store.h"

G_BEGIN_DECLS

#define MSK_TYPE_PORTAL_LIST (msk_portal_list_get_type ())
G_DECLARE_FINAL_TYPE (MskPortalList, msk_portal_list, MSK, PORTAL_LIST, GObject)

MskPortalList *msk_portal_list_new              (MskStore             *store,
                                                 MskHttp              *http);
gboolean       msk_portal_list_load             (MskPortalList        *self,
                                                 GError              **error);
gboolean       msk_portal_list_add              (MskPortalList        *self,
                                                 MskPortal            *portal,
                                                 GError              **error);
gboolean       msk_portal_list_rename           (MskPortalList        *self,
                                                 MskPortal            *portal,
                                                 const char           *name,
                                                 GError              **error);
gboolean       msk_portal_list_remove           (MskPortalList        *self,
                                                 MskPortal            *portal,
                                                 GError              **error);
MskPortal     *msk_portal_list_find             (MskPortalList        *self,
                                                 const char           *base_url);
void           msk_portal_list_add_by_url_async (MskPortalList        *self,
                                                 const char           *url,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
MskPortal     *msk_portal_list_add_by_url_finish (MskPortalList       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
