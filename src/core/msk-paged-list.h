/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-client.h"

G_BEGIN_DECLS

#define MSK_PAGED_LIST_PAGE_SIZE 20

#define MSK_TYPE_PAGED_LIST (msk_paged_list_get_type ())
G_DECLARE_FINAL_TYPE (MskPagedList, msk_paged_list, MSK, PAGED_LIST, GObject)

MskPagedList *msk_paged_list_new              (MskClient            *client,
                                               const char           *uri,
                                               GType                 item_type,
                                               MskParseFunc          parse);
void          msk_paged_list_set_page_size    (MskPagedList         *self,
                                               guint                 page_size);
gboolean      msk_paged_list_get_has_more     (MskPagedList         *self);
gboolean      msk_paged_list_get_loading      (MskPagedList         *self);
const GError *msk_paged_list_get_error        (MskPagedList         *self);
void          msk_paged_list_get_freshness    (MskPagedList         *self,
                                               MskFreshness         *freshness);
void          msk_paged_list_load_more_async  (MskPagedList         *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean      msk_paged_list_load_more_finish (MskPagedList         *self,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean      msk_paged_list_parse_page       (JsonNode             *root,
                                               GType                 item_type,
                                               MskParseFunc          parse,
                                               const char           *language,
                                               GPtrArray            *items,
                                               const char          **next_cursor,
                                               GError              **error);

G_END_DECLS
