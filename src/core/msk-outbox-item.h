/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MskOutboxState:
 * @MSK_OUTBOX_STATE_QUEUED: stored on this computer, waiting to be sent
 * @MSK_OUTBOX_STATE_SENDING: being sent now
 * @MSK_OUTBOX_STATE_SENT: the portal stored it
 * @MSK_OUTBOX_STATE_FAILED: the portal refused it; see the message
 * @MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN: its user is not signed in (they
 *   signed out, someone else signed in, or the portal answered 401); it is
 *   sent when they sign in again
 */
typedef enum
{
  MSK_OUTBOX_STATE_QUEUED,
  MSK_OUTBOX_STATE_SENDING,
  MSK_OUTBOX_STATE_SENT,
  MSK_OUTBOX_STATE_FAILED,
  MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN,
} MskOutboxState;

#define MSK_TYPE_OUTBOX_STATE (msk_outbox_state_get_type ())
GType msk_outbox_state_get_type (void) G_GNUC_CONST;

/**
 * MskOutboxKind:
 *
 * What a submission is; the tracker and the guidelines check use it.
 */
typedef enum
{
  MSK_OUTBOX_KIND_BALLOT,
  MSK_OUTBOX_KIND_SURVEY_RESPONSE,
  MSK_OUTBOX_KIND_COMMENT,
  MSK_OUTBOX_KIND_FLAG,
  MSK_OUTBOX_KIND_IDEA,
  MSK_OUTBOX_KIND_SUPPORT,
  MSK_OUTBOX_KIND_COMPLAINT,
  MSK_OUTBOX_KIND_FEEDBACK,
  MSK_OUTBOX_KIND_MODERATION,
} MskOutboxKind;

#define MSK_TYPE_OUTBOX_KIND (msk_outbox_kind_get_type ())
GType msk_outbox_kind_get_type (void) G_GNUC_CONST;

#define MSK_TYPE_OUTBOX_ITEM (msk_outbox_item_get_type ())
G_DECLARE_FINAL_TYPE (MskOutboxItem, msk_outbox_item, MSK, OUTBOX_ITEM, GObject)

const char     *msk_outbox_state_to_label   (MskOutboxState  state);
const char     *msk_outbox_kind_to_string   (MskOutboxKind   kind);
MskOutboxKind   msk_outbox_kind_from_string (const char     *str);

MskOutboxItem  *msk_outbox_item_new           (MskOutboxKind  kind,
                                               const char    *portal,
                                               const char    *method,
                                               const char    *uri,
                                               const char    *content_type,
                                               GBytes        *body);

gint64          msk_outbox_item_get_id         (MskOutboxItem *self);
const char     *msk_outbox_item_get_key        (MskOutboxItem *self);
MskOutboxKind   msk_outbox_item_get_kind       (MskOutboxItem *self);
const char     *msk_outbox_item_get_portal     (MskOutboxItem *self);
const char     *msk_outbox_item_get_method     (MskOutboxItem *self);
const char     *msk_outbox_item_get_uri        (MskOutboxItem *self);
const char     *msk_outbox_item_get_content_type (MskOutboxItem *self);
GBytes         *msk_outbox_item_get_body       (MskOutboxItem *self);
const char     *msk_outbox_item_get_topic_id   (MskOutboxItem *self);
const char     *msk_outbox_item_get_text       (MskOutboxItem *self);
const char     *msk_outbox_item_get_user       (MskOutboxItem *self);
MskOutboxState  msk_outbox_item_get_state      (MskOutboxItem *self);
guint           msk_outbox_item_get_attempts   (MskOutboxItem *self);
gint64          msk_outbox_item_get_next_attempt (MskOutboxItem *self);
gint64          msk_outbox_item_get_created    (MskOutboxItem *self);
gint64          msk_outbox_item_get_updated    (MskOutboxItem *self);
guint           msk_outbox_item_get_http_status (MskOutboxItem *self);
char           *msk_outbox_item_dup_message    (MskOutboxItem *self);
char           *msk_outbox_item_dup_problem    (MskOutboxItem *self);
GHashTable     *msk_outbox_item_dup_field_errors (MskOutboxItem *self);
char           *msk_outbox_item_dup_response   (MskOutboxItem *self);
char           *msk_outbox_item_dup_title      (MskOutboxItem *self);

/* Setters for the outbox and the store. */
void msk_outbox_item_set_id           (MskOutboxItem  *self,
                                       gint64          id);
void msk_outbox_item_set_key          (MskOutboxItem  *self,
                                       const char     *key);
void msk_outbox_item_set_user         (MskOutboxItem  *self,
                                       const char     *user);
void msk_outbox_item_set_topic        (MskOutboxItem  *self,
                                       const char     *topic_id,
                                       const char     *title,
                                       const char     *text);
void msk_outbox_item_set_state        (MskOutboxItem  *self,
                                       MskOutboxState  state);
void msk_outbox_item_set_attempts     (MskOutboxItem  *self,
                                       guint           attempts,
                                       gint64          next_attempt);
void msk_outbox_item_set_times        (MskOutboxItem  *self,
                                       gint64          created,
                                       gint64          updated);
void msk_outbox_item_set_result       (MskOutboxItem  *self,
                                       guint           http_status,
                                       const char     *message,
                                       const char     *problem,
                                       const char     *response);

G_END_DECLS
