/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MskPolicyText:
 * @name: what pages and actions call it: "policy", "privacy", "disclaimer"
 * @title: its title, untranslated (N_())
 * @body: its text, untranslated; paragraphs are separated by a blank line
 *
 * One of the texts a person reads before taking part.
 */
typedef struct
{
  const char *name;
  const char *title;
  const char *body;
} MskPolicyText;

const MskPolicyText *msk_policy_texts_get  (guint      *n_texts);
const MskPolicyText *msk_policy_texts_find (const char *name);

G_END_DECLS
