/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * MskRequestStep:
 * @status: the detailed status the request reached, e.g. "RECEIVED"
 * @notes: (nullable): what the one who moved it wrote
 * @datetime: when
 *
 * One step of a request's history (the CitySDK extension).
 */
typedef struct
{
  char      *status;
  char      *notes;
  GDateTime *datetime;
} MskRequestStep;

#define MSK_TYPE_SERVICE_REQUEST (msk_service_request_get_type ())
G_DECLARE_FINAL_TYPE (MskServiceRequest, msk_service_request, MSK, SERVICE_REQUEST, GObject)

MskServiceRequest *msk_service_request_new_from_json          (JsonNode           *node,
                                                               const char         *language,
                                                               GError            **error);
const char        *msk_service_request_get_service_request_id (MskServiceRequest  *self);
const char        *msk_service_request_get_status             (MskServiceRequest  *self);
const char        *msk_service_request_get_status_notes       (MskServiceRequest  *self);
const char        *msk_service_request_get_service_name       (MskServiceRequest  *self);
const char        *msk_service_request_get_service_code       (MskServiceRequest  *self);
const char        *msk_service_request_get_description        (MskServiceRequest  *self);
GDateTime         *msk_service_request_get_requested_datetime (MskServiceRequest  *self);
GDateTime         *msk_service_request_get_updated_datetime   (MskServiceRequest  *self);
GDateTime         *msk_service_request_get_expected_datetime  (MskServiceRequest  *self);
const char        *msk_service_request_get_detailed_status    (MskServiceRequest  *self);
const char        *msk_service_request_get_address            (MskServiceRequest  *self);
GPtrArray         *msk_service_request_get_history            (MskServiceRequest  *self);
const char        *msk_service_request_get_original_request   (MskServiceRequest  *self);

const char * const *msk_service_request_allowed_next          (const char         *detailed_status);

G_END_DECLS
