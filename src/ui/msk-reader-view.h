/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-utterance.h"

G_BEGIN_DECLS

#define MSK_TYPE_READER_VIEW (msk_reader_view_get_type ())

G_DECLARE_FINAL_TYPE (MskReaderView, msk_reader_view, MSK, READER_VIEW, GtkTextView)

GtkWidget    *msk_reader_view_new                (void);
void          msk_reader_view_set_content        (MskReaderView *self,
                                                  const char    *text,
                                                  const char    *speech_text,
                                                  const char    *language);
const char   *msk_reader_view_get_text           (MskReaderView *self);
MskUtterance *msk_reader_view_dup_utterance      (MskReaderView *self);
guint         msk_reader_view_get_start_sentence (MskReaderView *self);
void          msk_reader_view_highlight_word     (MskReaderView *self,
                                                  guint          start,
                                                  guint          end);
void          msk_reader_view_highlight_sentence (MskReaderView *self,
                                                  guint          start,
                                                  guint          end);
void          msk_reader_view_clear_highlight    (MskReaderView *self);
gboolean      msk_reader_view_get_highlight      (MskReaderView *self);
void          msk_reader_view_set_highlight      (MskReaderView *self,
                                                  gboolean       highlight);

G_END_DECLS
