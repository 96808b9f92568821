/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msk-context.h"

G_BEGIN_DECLS

#define MSK_TYPE_APPLICATION (msk_application_get_type ())

G_DECLARE_FINAL_TYPE (MskApplication, msk_application, MSK, APPLICATION, AdwApplication)

MskApplication  *msk_application_new               (void);
GSettings       *msk_application_get_settings      (MskApplication *self);
char            *msk_application_dup_public_note   (MskApplication *self);
MskContext      *msk_application_get_context       (MskApplication *self);

G_END_DECLS
