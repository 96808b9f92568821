/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-srv-ctx.h"

G_BEGIN_DECLS

/* Body validation: each member of the body against a table of fields; each
 * wrong member adds an entry to the errors of the 422 reply. */
typedef enum
{
  MSK_SRV_FIELD_STRING,
  MSK_SRV_FIELD_INT,
  MSK_SRV_FIELD_BOOL,
  MSK_SRV_FIELD_INT_ARRAY,
  MSK_SRV_FIELD_STRING_ARRAY,
  MSK_SRV_FIELD_INT_OR_NULL,
  MSK_SRV_FIELD_ARRAY,
} MskSrvFieldType;

typedef struct
{
  const char      *name;
  MskSrvFieldType  type;
  gboolean         required;
  gint64           min;   /* string: min length in characters; int: min value */
  gint64           max;   /* string: max length; int: max value; 0 = no limit */
} MskSrvField;

gboolean    msk_srv_validate_decoded_text (MskSrvCtx    *ctx);
void        msk_srv_validate_problem_utf8 (MskSrvCtx    *ctx,
                                           const char   *field);

JsonObject *msk_srv_validate_body   (MskSrvCtx         *ctx,
                                     const MskSrvField *fields,
                                     gsize              n_fields,
                                     JsonArray         *errors);
void        msk_srv_errors_add      (MskSrvCtx         *ctx,
                                     JsonArray         *errors,
                                     const char        *field,
                                     gint64             question_id,
                                     const char        *code,
                                     gint64             n);
const char *msk_srv_optional_string (JsonObject        *obj,
                                     const char        *name);

G_END_DECLS
