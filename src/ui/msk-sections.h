/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MskSection:
 * @name: the tag of its page and the target of `win.show-section`
 * @title: (not translated here): what the tile and the page are called
 * @description: (not translated here): what one does there, in a sentence
 * @icon_name: the tile's picture
 * @empty_text: (not translated here): what the page says while it has
 *   nothing to show
 *
 * One of the things a citizen comes for, as the home screen lists them.
 */
typedef struct
{
  const char *name;
  const char *title;
  const char *description;
  const char *icon_name;
  const char *empty_text;
} MskSection;

const MskSection *msk_sections_get  (guint      *n_sections);
const MskSection *msk_sections_find (const char *name);

G_END_DECLS
