/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-auth.h"
#include "msk-test-proxy.h"

G_BEGIN_DECLS

typedef struct
{
  guint  items_sent;       /* outbox items in the "sent" state */
  guint  items_failed;
  guint  stored;           /* distinct submissions the portal stored */
  guint  duplicates;       /* submissions stored more than once */
  guint  missing;          /* submissions the portal does not have */
  guint  faults;
  guint  requests;
  guint  fault_counts[MSK_N_FAULTS];
  double seconds;
} MskRandomFaultsResult;

GHashTable *msk_test_count_comments   (const char            *server_url,
                                       const char            *token,
                                       gint64                 topic_id,
                                       const char            *prefix);
char       *msk_test_sign_in          (const char            *server_url,
                                       const char            *username,
                                       const char            *password,
                                       char                 **user);
void        msk_test_set_sign_in      (MskAuth               *auth,
                                       const char            *portal,
                                       const char            *token);
void        msk_test_run_random_faults (const char           *server_url,
                                        const char           *token,
                                        gint64                topic_id,
                                        guint                 n_faults,
                                        guint32               seed,
                                        MskRandomFaultsResult *result);

G_END_DECLS
