/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msk-page.h"
#include "msk-sections.h"

G_BEGIN_DECLS

#define MSK_TYPE_SECTION_PAGE (msk_section_page_get_type ())

G_DECLARE_FINAL_TYPE (MskSectionPage, msk_section_page, MSK, SECTION_PAGE, MskPage)

GtkWidget *msk_section_page_new (MskContext       *context,
                                 const MskSection *section);

G_END_DECLS
