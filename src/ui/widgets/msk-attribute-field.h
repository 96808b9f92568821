/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msk-service-attribute.h"

G_BEGIN_DECLS

#define MSK_TYPE_ATTRIBUTE_FIELD (msk_attribute_field_get_type ())

G_DECLARE_FINAL_TYPE (MskAttributeField, msk_attribute_field, MSK, ATTRIBUTE_FIELD, GtkBox)

GtkWidget           *msk_attribute_field_new           (MskServiceAttribute *attribute);
MskServiceAttribute *msk_attribute_field_get_attribute (MskAttributeField   *self);
char                *msk_attribute_field_dup_value     (MskAttributeField   *self);
void                 msk_attribute_field_set_value     (MskAttributeField   *self,
                                                        const char          *value);
char                *msk_attribute_field_dup_shown     (MskAttributeField   *self);
char                *msk_attribute_field_dup_problem   (MskAttributeField   *self);
void                 msk_attribute_field_set_error     (MskAttributeField   *self,
                                                        const char          *message);
void                 msk_attribute_field_focus         (MskAttributeField   *self);

G_END_DECLS
