/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msk-store.h"

G_BEGIN_DECLS

/**
 * MskGuidelineKind:
 * @MSK_GUIDELINE_PHONE: a Saudi or Gulf phone number
 * @MSK_GUIDELINE_EMAIL: an e-mail address
 * @MSK_GUIDELINE_NATIONAL_ID: a Saudi national ID number (10 digits starting with 1)
 * @MSK_GUIDELINE_IQAMA: an Iqama (residence permit) number (10 digits starting with 2)
 * @MSK_GUIDELINE_IBAN: a bank account number (IBAN, checked with its check digits)
 * @MSK_GUIDELINE_REPEATED: the same text was already sent to the same topic
 * @MSK_GUIDELINE_ADDRESS: a street address, a building or villa number, a
 *   post-office box or a short national address
 * @MSK_GUIDELINE_TOO_SHORT: the text is shorter than the portal accepts
 * @MSK_GUIDELINE_TOO_LONG: the text is longer than the portal accepts; the
 *   finding covers what goes past the limit
 */
typedef enum
{
  MSK_GUIDELINE_PHONE,
  MSK_GUIDELINE_EMAIL,
  MSK_GUIDELINE_NATIONAL_ID,
  MSK_GUIDELINE_IQAMA,
  MSK_GUIDELINE_IBAN,
  MSK_GUIDELINE_REPEATED,
  MSK_GUIDELINE_ADDRESS,
  MSK_GUIDELINE_TOO_SHORT,
  MSK_GUIDELINE_TOO_LONG,
} MskGuidelineKind;

/**
 * MskGuidelineFinding:
 * @kind: what was found
 * @start: the first character of the finding (in characters, not bytes)
 * @end: the character after it
 * @explanation: why it should not be sent, translated
 */
typedef struct
{
  MskGuidelineKind  kind;
  guint             start;
  guint             end;
  char             *explanation;
} MskGuidelineFinding;

#define MSK_TYPE_GUIDELINE_FINDING (msk_guideline_finding_get_type ())
GType                msk_guideline_finding_get_type (void) G_GNUC_CONST;
MskGuidelineFinding *msk_guideline_finding_copy     (const MskGuidelineFinding *finding);
void                 msk_guideline_finding_free     (MskGuidelineFinding       *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MskGuidelineFinding, msk_guideline_finding_free)

#define MSK_TYPE_GUIDELINES (msk_guidelines_get_type ())
G_DECLARE_FINAL_TYPE (MskGuidelines, msk_guidelines, MSK, GUIDELINES, GObject)

MskGuidelines *msk_guidelines_new   (MskStore      *store);
GPtrArray     *msk_guidelines_check (MskGuidelines *self,
                                     const char    *text,
                                     const char    *portal,
                                     const char    *topic_id);
GPtrArray     *msk_guidelines_check_length (MskGuidelines *self,
                                            const char    *text,
                                            const char    *portal,
                                            const char    *topic_id,
                                            guint          min_chars,
                                            guint          max_chars);

G_END_DECLS
