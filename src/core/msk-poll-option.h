/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MSK_TYPE_POLL_OPTION (msk_poll_option_get_type ())
G_DECLARE_FINAL_TYPE (MskPollOption, msk_poll_option, MSK, POLL_OPTION, GObject)

MskPollOption *msk_poll_option_new_from_json (JsonNode       *node,
                                              const char     *language,
                                              GError        **error);
gint64         msk_poll_option_get_id        (MskPollOption  *self);
const char    *msk_poll_option_get_label     (MskPollOption  *self);
gint64         msk_poll_option_get_count     (MskPollOption  *self);
double         msk_poll_option_get_percent   (MskPollOption  *self);

G_END_DECLS
