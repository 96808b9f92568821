/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "msk-report-month.h"

G_BEGIN_DECLS

#define MSK_TYPE_REPORT (msk_report_get_type ())
G_DECLARE_FINAL_TYPE (MskReport, msk_report, MSK, REPORT, GObject)

MskReport  *msk_report_new_from_json  (JsonNode    *node,
                                       const char  *language,
                                       GError     **error);
gint64      msk_report_get_entity_id  (MskReport   *self);
const char *msk_report_get_from       (MskReport   *self);
const char *msk_report_get_to         (MskReport   *self);
GListModel *msk_report_get_months     (MskReport   *self);

G_END_DECLS
