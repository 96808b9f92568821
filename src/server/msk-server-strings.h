/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server answers in the language the request asks for; these tables hold
 * every sentence it says, in Modern Standard Arabic and English. */

typedef struct
{
  const char *code;   /* problem kind, e.g. "not-found" */
  guint       status; /* HTTP status */
  const char *en;
  const char *ar;
} MskProblemKind;

const MskProblemKind *msk_server_problem_lookup  (const char *code);
const char           *msk_server_problem_title   (const char *code,
                                                  const char *lang);
char                 *msk_server_field_message   (const char *code,
                                                  const char *lang,
                                                  gint64      n);
const char           *msk_server_detail          (const char *key,
                                                  const char *lang);
const char           *msk_server_pick_language   (const char *accept_language);
char                 *msk_server_strip_markup    (const char *markup);

G_END_DECLS
