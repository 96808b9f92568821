/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-client.h"
#include "msk-outbox.h"
#include "msk-store.h"
#include "msk-service-request.h"
#include "msk-submission.h"

G_BEGIN_DECLS

#define MSK_TYPE_TRACKER (msk_tracker_get_type ())
G_DECLARE_FINAL_TYPE (MskTracker, msk_tracker, MSK, TRACKER, GObject)

MskTracker    *msk_tracker_new             (MskStore             *store,
                                            MskOutbox            *outbox);
void           msk_tracker_set_auth        (MskTracker           *self,
                                            MskAuth              *auth);
gboolean       msk_tracker_load            (MskTracker           *self,
                                            GError              **error);
gboolean       msk_tracker_clear           (MskTracker           *self,
                                            GError              **error);
GListModel    *msk_tracker_get_submissions (MskTracker           *self);
MskSubmission *msk_tracker_find            (MskTracker           *self,
                                            const char           *kind,
                                            const char           *tracking);
MskSubmission *msk_tracker_follow          (MskTracker           *self,
                                            const char           *endpoint_uri,
                                            const char           *tracking,
                                            const char           *title,
                                            const char           *status,
                                            MskServiceRequest    *request,
                                            GError              **error);
gboolean       msk_tracker_forget          (MskTracker           *self,
                                            MskSubmission        *submission,
                                            GError              **error);
void           msk_tracker_refresh_async   (MskTracker           *self,
                                            MskClient            *client,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean       msk_tracker_refresh_finish  (MskTracker           *self,
                                            GAsyncResult         *result,
                                            guint                *n_changed,
                                            GError              **error);

G_END_DECLS
