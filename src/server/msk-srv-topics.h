/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"
#include "msk-srv-validate.h"

G_BEGIN_DECLS

/* The status of a topic, in SQL: bind the time now as ?7. */
#define MSK_SRV_TOPIC_STATUS_EXPR \
  "CASE WHEN t.results_published_at IS NOT NULL AND t.results_published_at <= ?7 " \
  "THEN 'results_published' WHEN ?7 < t.opens_at THEN 'upcoming' " \
  "WHEN ?7 < t.closes_at THEN 'open' ELSE 'closed' END"

/* The columns of a topic (t), in the order of MskSrvTopicCol. */
#define MSK_SRV_TOPIC_COLS \
  "t.id, t.entity_id, t.kind, t.title_ar, t.title_en, t.title_text_ar, t.title_text_en, " \
  "t.summary_ar, t.summary_en, t.summary_text_ar, t.summary_text_en, t.opens_at, " \
  "t.closes_at, t.results_published_at, t.updated_at, " \
  "(SELECT count(*) FROM comments c WHERE c.topic_id = t.id AND c.status = 'published'), " \
  MSK_SRV_TOPIC_STATUS_EXPR ", t.body_ar, t.body_en, t.body_text_ar, t.body_text_en, " \
  "t.speech_ar, t.speech_en, t.poll_multiple, t.poll_max_choices, t.poll_visibility"

typedef enum
{
  MSK_SRV_TOPIC_COL_ID, MSK_SRV_TOPIC_COL_ENTITY, MSK_SRV_TOPIC_COL_KIND,
  MSK_SRV_TOPIC_COL_TITLE, MSK_SRV_TOPIC_COL_TITLE_EN, MSK_SRV_TOPIC_COL_TITLE_TEXT,
  MSK_SRV_TOPIC_COL_TITLE_TEXT_EN, MSK_SRV_TOPIC_COL_SUMMARY, MSK_SRV_TOPIC_COL_SUMMARY_EN,
  MSK_SRV_TOPIC_COL_SUMMARY_TEXT, MSK_SRV_TOPIC_COL_SUMMARY_TEXT_EN, MSK_SRV_TOPIC_COL_OPENS,
  MSK_SRV_TOPIC_COL_CLOSES, MSK_SRV_TOPIC_COL_RESULTS, MSK_SRV_TOPIC_COL_UPDATED,
  MSK_SRV_TOPIC_COL_COMMENTS, MSK_SRV_TOPIC_COL_STATUS, MSK_SRV_TOPIC_COL_BODY,
  MSK_SRV_TOPIC_COL_BODY_EN, MSK_SRV_TOPIC_COL_BODY_TEXT, MSK_SRV_TOPIC_COL_BODY_TEXT_EN,
  MSK_SRV_TOPIC_COL_SPEECH, MSK_SRV_TOPIC_COL_SPEECH_EN, MSK_SRV_TOPIC_COL_MULTIPLE,
  MSK_SRV_TOPIC_COL_MAX_CHOICES, MSK_SRV_TOPIC_COL_VISIBILITY,
} MskSrvTopicCol;

const char *msk_srv_topic_status (gint64 now,
                                  gint64 opens_at,
                                  gint64 closes_at,
                                  gint64 results_published_at);
gboolean msk_srv_topic_lookup (MskSrvCtx   *ctx,
                               gint64       id,
                               const char  *kind,
                               char       **status);
gboolean msk_srv_topic_results_visible (MskSrvCtx *ctx,
                                        gint64     id);
JsonObject *msk_srv_topic_participation_body (MskSrvCtx         *ctx,
                                              const char        *kind,
                                              const MskSrvField *fields,
                                              gsize              n_fields,
                                              JsonArray         *errors,
                                              gint64            *id);

G_END_DECLS
