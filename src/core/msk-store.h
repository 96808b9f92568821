/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-outbox-item.h"

G_BEGIN_DECLS

#define MSK_STORE_SCHEMA_VERSION 5

#define MSK_TYPE_STORE (msk_store_get_type ())
G_DECLARE_FINAL_TYPE (MskStore, msk_store, MSK, STORE, GObject)

/**
 * MskStoreSubmission:
 *
 * A submission the user sent and follows (a row of the tracking list).
 * @user is who sent it (msk_auth_dup_user_key()), %NULL when sent signed
 * out. @due is when the portal said it would answer (an Open311 request's
 * expected_datetime), in seconds since the epoch, or 0.
 */
typedef struct
{
  char   *portal;
  char   *kind;
  char   *tracking;
  char   *topic_id;
  char   *title;
  char   *status;
  char   *status_text;
  gint64  created;
  gint64  updated;
  char   *user;
  gint64  due;
} MskStoreSubmission;

void msk_store_submission_free (MskStoreSubmission *submission);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskStoreSubmission, msk_store_submission_free)

MskStore   *msk_store_new               (const char     *state_path,
                                         const char     *cache_path,
                                         GError        **error);
MskStore   *msk_store_new_in_memory     (GError        **error);
gboolean    msk_store_is_in_memory      (MskStore       *self);
int         msk_store_get_schema_version (MskStore      *self);

/* Offline cache */
gboolean    msk_store_cache_lookup      (MskStore       *self,
                                         const char     *key,
                                         char          **etag,
                                         GBytes        **body,
                                         gint64         *fetched);
gboolean    msk_store_cache_put         (MskStore       *self,
                                         const char     *key,
                                         const char     *user,
                                         const char     *etag,
                                         GBytes         *body,
                                         gint64          fetched,
                                         GError        **error);
gboolean    msk_store_cache_touch       (MskStore       *self,
                                         const char     *key,
                                         gint64          fetched,
                                         GError        **error);
gboolean    msk_store_cache_remove      (MskStore       *self,
                                         const char     *key,
                                         GError        **error);
gboolean    msk_store_cache_clear       (MskStore       *self,
                                         GError        **error);
gboolean    msk_store_cache_forget_user (MskStore       *self,
                                         const char     *user,
                                         GError        **error);

/* Outbox */
gboolean    msk_store_outbox_insert     (MskStore       *self,
                                         MskOutboxItem  *item,
                                         GError        **error);
gboolean    msk_store_outbox_update     (MskStore       *self,
                                         MskOutboxItem  *item,
                                         GError        **error);
gboolean    msk_store_outbox_delete     (MskStore       *self,
                                         MskOutboxItem  *item,
                                         GError        **error);
gboolean    msk_store_outbox_clear      (MskStore       *self,
                                         GError        **error);
GPtrArray  *msk_store_outbox_load       (MskStore       *self,
                                         GError        **error);
gboolean    msk_store_outbox_has_text   (MskStore       *self,
                                         const char     *portal,
                                         const char     *topic_id,
                                         const char     *digest);

/* Tracking */
gboolean    msk_store_submission_save   (MskStore            *self,
                                         MskStoreSubmission  *submission,
                                         GError             **error);
GPtrArray  *msk_store_submission_load   (MskStore            *self,
                                         GError             **error);
gboolean    msk_store_submission_delete (MskStore                  *self,
                                         const MskStoreSubmission  *submission,
                                         GError                   **error);
gboolean    msk_store_submission_clear  (MskStore            *self,
                                         GError             **error);

/* Drafts: what a person typed and has not sent yet */
gboolean    msk_store_draft_save        (MskStore       *self,
                                         const char     *portal,
                                         const char     *key,
                                         const char     *value,
                                         GError        **error);
char       *msk_store_draft_dup         (MskStore       *self,
                                         const char     *portal,
                                         const char     *key,
                                         gint64         *updated);
gboolean    msk_store_draft_delete      (MskStore       *self,
                                         const char     *portal,
                                         const char     *key,
                                         GError        **error);

/* Portals, as key file text */
char       *msk_store_dup_setting       (MskStore       *self,
                                         const char     *name);
gboolean    msk_store_set_setting       (MskStore       *self,
                                         const char     *name,
                                         const char     *value,
                                         GError        **error);

gint64      msk_store_count_rows        (MskStore       *self,
                                         const char     *table);

char       *msk_store_text_digest       (const char     *text);

/* Offline search: reading cached replies by their keys */
typedef void (*MskStoreCacheFunc) (const char *key,
                                   GBytes     *body,
                                   gint64      fetched,
                                   gpointer    user_data);

void        msk_store_cache_foreach     (MskStore          *self,
                                         const char        *prefix,
                                         const char        *user,
                                         MskStoreCacheFunc  func,
                                         gpointer           user_data);

G_END_DECLS
