/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-sections.h"

/* The things a citizen comes for, in the order the home screen shows them. */
static const MskSection sections[] = {
  { "topics", N_("Topics"),
    N_("Read the consultations open to the public and give your opinion before they close."),
    "msk-topics-symbolic",
    N_("No topics to show yet. Topics appear here when a participation portal publishes them.") },
  { "polls", N_("Polls and surveys"),
    N_("Vote in polls, see how others voted, and answer surveys."),
    "msk-polls-symbolic",
    N_("No polls or surveys to show yet. They appear here when a portal publishes them.") },
  { "complaint", N_("Send a complaint or suggestion"),
    N_("Report a problem or suggest an improvement, and get a tracking number."),
    "msk-complaint-symbolic",
    N_("Complaints and suggestions are sent to the portal you are connected to.") },
  { "participation", N_("My participation"),
    N_("Follow what you have sent: votes, comments, complaints and their answers."),
    "msk-participation-symbolic",
    N_("You have not sent anything yet. What you send will be listed here with its status.") },
  { "results", N_("Results"),
    N_("See what was decided after each consultation, and what changed because of it."),
    "msk-results-symbolic",
    N_("No results have been published yet. Results appear here after a consultation closes.") },
};

/**
 * msk_sections_get:
 * @n_sections: (out): how many there are
 *
 * Returns: (array length=n_sections): the sections, in the home screen's order
 */
const MskSection *
msk_sections_get (guint *n_sections)
{
  *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

/**
 * msk_sections_find:
 *
 * Returns: (nullable): the section called @name
 */
const MskSection *
msk_sections_find (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].name, name) == 0)
      return &sections[i];
  return NULL;
}
