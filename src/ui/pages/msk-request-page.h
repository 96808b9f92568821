/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"

G_BEGIN_DECLS

#define MSK_TYPE_REQUEST_PAGE (msk_request_page_get_type ())

G_DECLARE_FINAL_TYPE (MskRequestPage, msk_request_page, MSK, REQUEST_PAGE, MskPage)

GtkWidget *msk_request_page_new             (MskContext *context);
GtkWidget *msk_request_page_new_for_service (MskContext *context,
                                             const char *jurisdiction_id,
                                             const char *service_code,
                                             GHashTable *values,
                                             const char *description);

G_END_DECLS
