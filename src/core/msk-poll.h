/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "msk-poll-option.h"

G_BEGIN_DECLS

#define MSK_TYPE_POLL (msk_poll_get_type ())
G_DECLARE_FINAL_TYPE (MskPoll, msk_poll, MSK, POLL, GObject)

MskPoll      *msk_poll_new_from_json          (JsonNode    *node,
                                               const char  *language,
                                               GError     **error);
gint64        msk_poll_get_id                 (MskPoll     *self);
const char   *msk_poll_get_status             (MskPoll     *self);
const char   *msk_poll_get_question           (MskPoll     *self);
gboolean      msk_poll_get_multiple           (MskPoll     *self);
gint64        msk_poll_get_max_choices        (MskPoll     *self);
const char   *msk_poll_get_results_visibility (MskPoll     *self);
GListModel   *msk_poll_get_options            (MskPoll     *self);
const gint64 *msk_poll_get_my_ballot          (MskPoll     *self,
                                               guint       *n_ids);

G_END_DECLS
