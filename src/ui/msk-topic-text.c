/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a topic is put in words, the same in its row, on its page and for a
 * screen reader. */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-date.h"
#include "msk-language.h"
#include "msk-topic-text.h"

/**
 * msk_topic_text_kind:
 * @kind: (nullable): consultation, poll, survey or ideas
 *
 * Returns: the kind in words, translated
 */
const char *
msk_topic_text_kind (const char *kind)
{
  if (g_strcmp0 (kind, "consultation") == 0)
    return _("Consultation");
  if (g_strcmp0 (kind, "poll") == 0)
    return _("Poll");
  if (g_strcmp0 (kind, "survey") == 0)
    return _("Survey");
  if (g_strcmp0 (kind, "ideas") == 0)
    /* Translators: a call for ideas, one kind of topic */
    return _("Call for ideas");
  return _("Topic");
}

/**
 * msk_topic_text_status:
 * @status: (nullable): upcoming, open, closed or results_published
 *
 * Returns: the status in words, translated
 */
const char *
msk_topic_text_status (const char *status)
{
  if (g_strcmp0 (status, "upcoming") == 0)
    return _("Upcoming");
  if (g_strcmp0 (status, "open") == 0)
    return _("Open");
  if (g_strcmp0 (status, "closed") == 0)
    return _("Closed");
  if (g_strcmp0 (status, "results_published") == 0)
    return _("Closed, results published");
  return _("Status unknown");
}

/**
 * msk_topic_text_isolate:
 *
 * Wraps @text in a first-strong isolate, so that dates, numbers and codes
 * keep their own direction inside a sentence of the other one.
 *
 * Returns: (transfer full): the isolated text
 */
char *
msk_topic_text_isolate (const char *text)
{
  return g_strconcat ("\xe2\x81\xa8", text != NULL ? text : "", "\xe2\x81\xa9", NULL);
}

/**
 * msk_topic_text_dup_date:
 * @datetime: (nullable): a time
 *
 * Returns: (transfer full) (nullable): the date in the Hijri and the
 *   Gregorian calendars, isolated; %NULL without a date
 */
char *
msk_topic_text_dup_date (GDateTime *datetime,
                         gboolean   with_time)
{
  g_autofree char *both = NULL;

  if (datetime == NULL)
    return NULL;

  both = msk_date_format_both (datetime, with_time, msk_language_effective ());
  return msk_topic_text_isolate (both);
}

/**
 * msk_topic_text_dup_when:
 *
 * Returns: (transfer full): when the topic opens or closes, in a phrase
 *   ("Closes on …")
 */
char *
msk_topic_text_dup_when (MskTopic *topic)
{
  const char *status = msk_topic_get_status (topic);
  g_autofree char *opens = msk_topic_text_dup_date (msk_topic_get_opens_at (topic), FALSE);
  g_autofree char *closes = msk_topic_text_dup_date (msk_topic_get_closes_at (topic), FALSE);

  if (g_strcmp0 (status, "upcoming") == 0 && opens != NULL)
    /* Translators: %s is a date in two calendars */
    return g_strdup_printf (_("Opens on %s"), opens);
  if (closes == NULL)
    return g_strdup (_("No closing date"));
  if (g_strcmp0 (status, "upcoming") == 0 || g_strcmp0 (status, "open") == 0)
    /* Translators: %s is a date in two calendars */
    return g_strdup_printf (_("Closes on %s"), closes);
  /* Translators: %s is a date in two calendars */
  return g_strdup_printf (_("Closed on %s"), closes);
}

/**
 * msk_topic_text_dup_sentence:
 * @entity_name: (nullable): the body that put the topic to the public
 *
 * Returns: (transfer full): all a row shows, in one sentence, as a screen
 *   reader says it
 */
char *
msk_topic_text_dup_sentence (MskTopic   *topic,
                             const char *entity_name)
{
  g_autofree char *when = msk_topic_text_dup_when (topic);
  const char *kind = msk_topic_text_kind (msk_topic_get_kind (topic));
  const char *status = msk_topic_text_status (msk_topic_get_status (topic));

  if (entity_name != NULL)
    /* Translators: a row of the topics list as a screen reader says it:
     * the title, the kind, the body that asks, the status, and when it
     * opens or closes ("Closes on 2 Jumada II 1448 AH (23 November 2026)") */
    return g_strdup_printf (_("%1$s. %2$s by %3$s, %4$s. %5$s."),
                            msk_topic_get_title_text (topic), kind, entity_name, status, when);
  /* Translators: the same without the body that asks */
  return g_strdup_printf (_("%1$s. %2$s, %3$s. %4$s."),
                          msk_topic_get_title_text (topic), kind, status, when);
}
