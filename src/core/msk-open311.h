/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-client.h"
#include "msk-service.h"
#include "msk-service-attribute.h"
#include "msk-service-request.h"

G_BEGIN_DECLS

/* The api_key Musharaka is registered under with the portals it knows, sent
 * when the portal has not given one of its own (msk_portal_set_open311()). */
#define MSK_OPEN311_APP_KEY "musharaka-desktop-2026"

/**
 * MskOpen311Format:
 * @MSK_OPEN311_FORMAT_UNKNOWN: not known yet (no read has been made)
 * @MSK_OPEN311_FORMAT_JSON: the endpoint offers JSON
 * @MSK_OPEN311_FORMAT_XML: the endpoint offers XML only
 */
typedef enum
{
  MSK_OPEN311_FORMAT_UNKNOWN,
  MSK_OPEN311_FORMAT_JSON,
  MSK_OPEN311_FORMAT_XML,
} MskOpen311Format;

/**
 * MskOpen311Contact:
 * @first_name: (nullable): the first name of the one who files a request
 * @last_name: (nullable): their last name
 * @email: (nullable): their email address
 * @phone: (nullable): their phone number
 *
 * Who files a request, for the portal to answer them; the strings are
 * borrowed for the call. A field that is %NULL or empty is not sent.
 */
typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone;
} MskOpen311Contact;

#define MSK_TYPE_OPEN311 (msk_open311_get_type ())
G_DECLARE_FINAL_TYPE (MskOpen311, msk_open311, MSK, OPEN311, GObject)

MskOpen311        *msk_open311_new                  (MskClient            *client);
const char        *msk_open311_get_endpoint         (MskOpen311           *self);
MskOpen311Format   msk_open311_get_format           (MskOpen311           *self);
void               msk_open311_set_jurisdiction_id  (MskOpen311           *self,
                                                     const char           *jurisdiction_id);
const char        *msk_open311_get_jurisdiction_id  (MskOpen311           *self);
char              *msk_open311_dup_jurisdiction_id_of (const char         *uri);
void               msk_open311_list_services_async  (MskOpen311           *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GListModel        *msk_open311_list_services_finish (MskOpen311           *self,
                                                     GAsyncResult         *result,
                                                     MskFreshness         *freshness,
                                                     GError              **error);
void               msk_open311_get_service_definition_async  (MskOpen311          *self,
                                                              const char          *service_code,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GListModel        *msk_open311_get_service_definition_finish (MskOpen311          *self,
                                                              GAsyncResult        *result,
                                                              MskFreshness        *freshness,
                                                              GError             **error);
MskOutboxItem     *msk_open311_file_request         (MskOpen311           *self,
                                                     const char           *service_code,
                                                     const char           *description,
                                                     const char           *address,
                                                     double                lat,
                                                     double                lon,
                                                     GHashTable           *attributes,
                                                     const MskOpen311Contact *contact,
                                                     const char           *title,
                                                     GError              **error);
void               msk_open311_get_request_async    (MskOpen311           *self,
                                                     const char           *service_request_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MskServiceRequest *msk_open311_get_request_finish   (MskOpen311           *self,
                                                     GAsyncResult         *result,
                                                     MskFreshness         *freshness,
                                                     GError              **error);
char              *msk_open311_dup_tracking_number  (MskOutboxItem        *item);
gboolean           msk_open311_read_receipt         (JsonNode             *root,
                                                     char                **service_request_id,
                                                     char                **token,
                                                     GError              **error);

G_END_DECLS
