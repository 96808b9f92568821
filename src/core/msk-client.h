/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "msk-auth.h"
#include "msk-comment.h"
#include "msk-entity.h"
#include "msk-http.h"
#include "msk-idea.h"
#include "msk-outbox.h"
#include "msk-poll-results.h"
#include "msk-portal.h"
#include "msk-report.h"
#include "msk-service-request.h"
#include "msk-store.h"
#include "msk-survey.h"
#include "msk-topic.h"

G_BEGIN_DECLS

/**
 * MskFreshness:
 * @from_cache: the content came from the offline cache
 * @revalidated: the portal confirmed the cached content is current (304)
 * @offline: the portal could not be reached; the content is what was
 *   fetched at @fetched_at
 * @fetched_at: when the content was last fetched or confirmed, in
 *   microseconds since the epoch
 *
 * Where a read's content came from, so the UI can say "offline, last
 * updated at …".
 */
typedef struct
{
  gboolean from_cache;
  gboolean revalidated;
  gboolean offline;
  gint64   fetched_at;
} MskFreshness;

/**
 * MskExportFormat:
 * @MSK_EXPORT_FORMAT_CSV: CSV (RFC 4180, UTF-8), for a spreadsheet
 * @MSK_EXPORT_FORMAT_JSON: JSON, for a program
 *
 * The forms of a topic's open data.
 */
typedef enum
{
  MSK_EXPORT_FORMAT_CSV,
  MSK_EXPORT_FORMAT_JSON,
} MskExportFormat;

const char    *msk_export_format_get_extension (MskExportFormat format);
char          *msk_export_format_dup_file_name (MskExportFormat format,
                                                gint64          topic_id,
                                                const char     *title);

typedef GObject *(*MskParseFunc) (JsonNode    *node,
                                  const char  *language,
                                  GError     **error);

#define MSK_TYPE_CLIENT (msk_client_get_type ())
G_DECLARE_FINAL_TYPE (MskClient, msk_client, MSK, CLIENT, GObject)

MskClient     *msk_client_new                (MskHttp              *http,
                                              MskStore             *store,
                                              MskOutbox            *outbox,
                                              MskAuth              *auth,
                                              MskPortal            *portal);
MskPortal     *msk_client_get_portal         (MskClient            *self);
MskHttp       *msk_client_get_http           (MskClient            *self);
MskOutbox     *msk_client_get_outbox         (MskClient            *self);
char          *msk_client_dup_language       (MskClient            *self);

/* Reads: revalidated with If-None-Match, answered from the cache offline */
void           msk_client_fetch_async        (MskClient            *self,
                                              const char           *uri,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
JsonNode      *msk_client_fetch_finish       (MskClient            *self,
                                              GAsyncResult         *result,
                                              MskFreshness         *freshness,
                                              GError              **error);
void           msk_client_fetch_forget       (MskClient            *self,
                                              GAsyncResult         *result);
void           msk_client_get_object_async   (MskClient            *self,
                                              const char           *path,
                                              MskParseFunc          parse,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GObject       *msk_client_get_object_finish  (MskClient            *self,
                                              GAsyncResult         *result,
                                              MskFreshness         *freshness,
                                              GError              **error);

void           msk_client_get_topic_async    (MskClient            *self,
                                              gint64                topic_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MskTopic      *msk_client_get_topic_finish   (MskClient            *self,
                                              GAsyncResult         *result,
                                              MskFreshness         *freshness,
                                              GError              **error);
void           msk_client_get_poll_results_async  (MskClient       *self,
                                                   gint64           poll_id,
                                                   GCancellable    *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer         user_data);
MskPollResults *msk_client_get_poll_results_finish (MskClient      *self,
                                                    GAsyncResult   *result,
                                                    MskFreshness   *freshness,
                                                    GError        **error);
void           msk_client_get_survey_async   (MskClient            *self,
                                              gint64                survey_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
MskSurvey     *msk_client_get_survey_finish  (MskClient            *self,
                                              GAsyncResult         *result,
                                              MskFreshness         *freshness,
                                              GError              **error);
void           msk_client_get_entity_report_async  (MskClient       *self,
                                                   gint64           entity_id,
                                                   GCancellable    *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer         user_data);
MskReport     *msk_client_get_entity_report_finish (MskClient      *self,
                                                    GAsyncResult   *result,
                                                    MskFreshness   *freshness,
                                                    GError        **error);

/* Open data: the topic's export as the portal sent it */
void           msk_client_export_async       (MskClient            *self,
                                              gint64                topic_id,
                                              MskExportFormat       format,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GBytes        *msk_client_export_finish      (MskClient            *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Staff: straight to the portal, signed in as staff */
void           msk_client_set_request_status_async  (MskClient           *self,
                                                     const char          *service_request_id,
                                                     const char          *detailed_status,
                                                     const char          *status_notes,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MskServiceRequest *msk_client_set_request_status_finish (MskClient        *self,
                                                         GAsyncResult     *result,
                                                         GError          **error);

/* Staff at a service center: an assisted session (its id goes with each
 * submission made in it, see msk_http_set_assisted_session()) */
void           msk_client_start_assisted_session_async  (MskClient           *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
char          *msk_client_start_assisted_session_finish (MskClient           *self,
                                                         GAsyncResult        *result,
                                                         char               **staff_name,
                                                         GError             **error);
void           msk_client_end_assisted_session_async    (MskClient           *self,
                                                         const char          *session_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean       msk_client_end_assisted_session_finish   (MskClient           *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Paged lists (MskPagedList); empty until asked to load a page */
GListModel    *msk_client_list_entities      (MskClient            *self);
GListModel    *msk_client_list_topics        (MskClient            *self,
                                              const char           *kind,
                                              const char           *status,
                                              gint64                entity_id,
                                              const char           *query);
GListModel    *msk_client_list_comments      (MskClient            *self,
                                              gint64                topic_id);
GListModel    *msk_client_list_ideas         (MskClient            *self,
                                              gint64                topic_id);
GListModel    *msk_client_list_moderation_queue (MskClient         *self);
GListModel    *msk_client_list_outcomes      (MskClient            *self,
                                              gint64                topic_id);

/* Writes: committed to the outbox, then sent; watch the item's state */
MskOutboxItem *msk_client_cast_ballot        (MskClient            *self,
                                              gint64                poll_id,
                                              const gint64         *option_ids,
                                              guint                 n_options,
                                              const char           *title,
                                              GError              **error);
MskOutboxItem *msk_client_answer_survey      (MskClient            *self,
                                              gint64                survey_id,
                                              GVariant             *answers,
                                              const char           *title,
                                              GError              **error);
MskOutboxItem *msk_client_post_comment       (MskClient            *self,
                                              gint64                topic_id,
                                              gint64                parent_id,
                                              const char           *body,
                                              const char           *title,
                                              GError              **error);
MskOutboxItem *msk_client_flag_comment       (MskClient            *self,
                                              gint64                comment_id,
                                              const char           *reason,
                                              const char           *note,
                                              GError              **error);
MskOutboxItem *msk_client_moderate_comment   (MskClient            *self,
                                              gint64                comment_id,
                                              gboolean              publish,
                                              const char           *reason,
                                              const char           *title,
                                              GError              **error);
MskOutboxItem *msk_client_submit_idea        (MskClient            *self,
                                              gint64                topic_id,
                                              const char           *idea_title,
                                              const char           *body,
                                              GError              **error);
MskOutboxItem *msk_client_support_idea       (MskClient            *self,
                                              gint64                idea_id,
                                              const char           *title,
                                              GError              **error);
MskOutboxItem *msk_client_send_feedback      (MskClient            *self,
                                              gint64                topic_id,
                                              gboolean              useful,
                                              const char * const   *reasons,
                                              const char           *title,
                                              GError              **error);
GObject       *msk_client_parse_item_result  (MskClient            *self,
                                              MskOutboxItem        *item,
                                              GError              **error);

char          *msk_client_dup_topic_key      (MskClient            *self,
                                              gint64                topic_id);

G_END_DECLS
