/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-context.h"
#include "msk-reader-view.h"

G_BEGIN_DECLS

#define MSK_TYPE_PAGE (msk_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (MskPage, msk_page, MSK, PAGE, AdwBin)

/**
 * MskPageClass:
 * @shown: the page became the one the window shows
 * @hidden: the page stopped being the one the window shows
 * @reload: fetch the page's content again (a retry, a new portal)
 */
struct _MskPageClass
{
  AdwBinClass parent_class;

  void (*shown)  (MskPage *self);
  void (*hidden) (MskPage *self);
  void (*reload) (MskPage *self);

  /*< private >*/
  gpointer padding[8];
};

MskContext    *msk_page_get_context     (MskPage       *self);
const char    *msk_page_get_title       (MskPage       *self);
void           msk_page_set_title       (MskPage       *self,
                                         const char    *title);
const char    *msk_page_get_tag         (MskPage       *self);
gint64         msk_page_get_topic_id    (MskPage       *self);
void           msk_page_set_tag         (MskPage       *self,
                                         const char    *tag);
MskReaderView *msk_page_get_reader_view (MskPage       *self);
void           msk_page_set_reader_view (MskPage       *self,
                                         MskReaderView *view);
GCancellable  *msk_page_get_cancellable (MskPage       *self);
gboolean       msk_page_is_left         (MskPage       *self);
GCancellable  *msk_page_start_load      (MskPage       *self);
GCancellable  *msk_page_get_load        (MskPage       *self);
MskClient     *msk_page_get_client      (MskPage       *self);
char          *msk_page_dup_offline_text (const MskFreshness *freshness);
char          *msk_page_report_freshness (MskPage            *self,
                                          const MskFreshness *freshness);
gboolean       msk_page_get_is_shown    (MskPage       *self);
void           msk_page_reload          (MskPage       *self);
void           msk_page_dispose_template (MskPage      *self,
                                          GType         page_type);

typedef gboolean   (*MskPageDoneFunc) (MskContext *context);
typedef GtkWidget *(*MskPageAskFunc)  (MskContext *context);

void           msk_page_ensure_async    (MskPage             *self,
                                         MskPageDoneFunc      done,
                                         MskPageAskFunc       ask,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean       msk_page_ensure_finish   (MskPage             *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
