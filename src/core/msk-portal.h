/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MSK_TYPE_PORTAL (msk_portal_get_type ())
G_DECLARE_FINAL_TYPE (MskPortal, msk_portal, MSK, PORTAL, GObject)

MskPortal  *msk_portal_new                (const char *name,
                                           const char *base_url,
                                           const char *open311_url,
                                           const char *api_key,
                                           gboolean    is_demo);
const char *msk_portal_get_name           (MskPortal  *self);
void        msk_portal_set_name           (MskPortal  *self,
                                           const char *name);
const char *msk_portal_get_base_url       (MskPortal  *self);
const char *msk_portal_get_open311_url    (MskPortal  *self);
void        msk_portal_set_open311        (MskPortal  *self,
                                           const char *open311_url,
                                           const char *api_key);
const char *msk_portal_get_api_key        (MskPortal  *self);
gboolean    msk_portal_get_is_demo        (MskPortal  *self);
char       *msk_portal_dup_url            (MskPortal  *self,
                                           const char *path);

G_END_DECLS
