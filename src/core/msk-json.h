/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Readers that check a member's type before reading it. A missing or null
 * optional member leaves *out untouched and succeeds; a missing required
 * member or a member of the wrong type fails with MSK_ERROR_INVALID_DATA. */

JsonObject *msk_json_node_get_object (JsonNode    *node,
                                      const char  *what,
                                      GError     **error);
JsonArray  *msk_json_node_get_array  (JsonNode    *node,
                                      const char  *what,
                                      GError     **error);

gboolean msk_json_read_string    (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  const char **out,
                                  GError     **error);
gboolean msk_json_read_int       (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  gint64      *out,
                                  GError     **error);
gboolean msk_json_read_double    (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  double      *out,
                                  GError     **error);
gboolean msk_json_read_boolean   (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  gboolean    *out,
                                  GError     **error);
gboolean msk_json_read_object    (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  JsonObject **out,
                                  GError     **error);
gboolean msk_json_read_array     (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  JsonArray  **out,
                                  GError     **error);
gboolean msk_json_read_datetime  (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  GDateTime  **out,
                                  GError     **error);
gboolean msk_json_read_localized (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  const char  *language,
                                  char       **out,
                                  GError     **error);
gboolean msk_json_read_id        (JsonObject  *object,
                                  const char  *member,
                                  gboolean     required,
                                  char       **out,
                                  GError     **error);

/**
 * MskJsonFieldType:
 * @MSK_JSON_FIELD_INT: a #gint64
 * @MSK_JSON_FIELD_DOUBLE: a #double (an integer is read as one)
 * @MSK_JSON_FIELD_STRING: a string, copied into a `char *`
 * @MSK_JSON_FIELD_LOCALIZED: a localized string, resolved into a `char *`
 * @MSK_JSON_FIELD_DATETIME: an ISO 8601 time, into a `GDateTime *`
 */
typedef enum
{
  MSK_JSON_FIELD_INT,
  MSK_JSON_FIELD_DOUBLE,
  MSK_JSON_FIELD_STRING,
  MSK_JSON_FIELD_LOCALIZED,
  MSK_JSON_FIELD_DATETIME,
} MskJsonFieldType;

/**
 * MskJsonField:
 * @member: the member's name
 * @type: what it holds
 * @required: whether a missing or null member is an error
 * @offset: where it goes in the model's struct (G_STRUCT_OFFSET)
 *
 * One member of a model, for msk_json_read_fields().
 */
typedef struct
{
  const char       *member;
  MskJsonFieldType  type;
  gboolean          required;
  gsize             offset;
} MskJsonField;

gboolean msk_json_read_fields    (JsonObject         *object,
                                  const MskJsonField *fields,
                                  gsize               n_fields,
                                  const char         *language,
                                  gpointer            instance,
                                  GError            **error);

const char *msk_json_pick_language (JsonNode   *node,
                                    const char *language);
char       *msk_json_plain_text    (const char *markup);
void        msk_json_set_invalid   (GError    **error,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
