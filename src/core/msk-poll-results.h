/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-poll-option.h"

G_BEGIN_DECLS

#define MSK_TYPE_POLL_RESULTS (msk_poll_results_get_type ())
G_DECLARE_FINAL_TYPE (MskPollResults, msk_poll_results, MSK, POLL_RESULTS, GObject)

MskPollResults *msk_poll_results_new_from_json     (JsonNode        *node,
                                                    const char      *language,
                                                    GError         **error);
gint64          msk_poll_results_get_poll_id       (MskPollResults  *self);
const char     *msk_poll_results_get_status        (MskPollResults  *self);
gint64          msk_poll_results_get_total_ballots (MskPollResults  *self);
GListModel     *msk_poll_results_get_options       (MskPollResults  *self);

G_END_DECLS
