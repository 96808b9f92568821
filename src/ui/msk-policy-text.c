/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-policy-text.h"

/* The participation policy, the privacy notice and the disclaimer, in the
 * spirit of the Gulf e-participation policies this app serves. When one
 * changes in substance, MSK_POLICY_VERSION changes too. */
static const MskPolicyText texts[] = {
  { "policy", N_("Participation policy"),
    N_("This app lets you take part in the decisions of public bodies: read what they put to "
       "the public, answer polls and surveys, and send comments, ideas, suggestions and "
       "complaints.\n\n"
       "Everything you send is reviewed before it is published. A moderator reads each "
       "contribution and publishes it or turns it down; a contribution that is turned down is "
       "not shown to anyone.\n\n"
       "Never write personal data in a contribution: no names, phone numbers, e-mail addresses, "
       "ID or residence numbers, or bank accounts, of yourself or of anyone else. The app warns "
       "you when it finds such data before you send.\n\n"
       "Send each contribution once only. Repeating the same text does not give it more "
       "weight; repeated submissions are removed.\n\n"
       "Use respectful language. Insults, threats, hatred, advertising and content that breaks "
       "the law are not published.\n\n"
       "By taking part you agree that the public body may use your contributions when it "
       "prepares and takes its decisions, and may quote them, without your personal data, in "
       "its reports.\n\n"
       "The results of each consultation, and the body’s answer to what people said, are "
       "published within 30 days of the consultation closing. You can read them under Results.\n\n"
       "There is no time limit: take as long as you need to read and to write.") },
  { "privacy", N_("Privacy notice"),
    N_("Reading needs no account and sends nothing about you: the app only asks the portal for "
       "what it publishes.\n\n"
       "When you take part, the portal receives what you send and keeps it to review it, "
       "publish it and answer it. Your personal data is never published.\n\n"
       "On this computer the app keeps a copy of what it has read, so that you can read it "
       "offline, what you have sent but is not delivered yet, and the tracking numbers of your "
       "submissions. On a shared or public computer, use public computer mode: the app then "
       "keeps nothing once you close it.\n\n"
       "The app does not share your data with anyone other than the portal you chose, and it "
       "does not track what you read.\n\n"
       "Each portal is run by a public body, which is responsible for the data it receives "
       "under its own privacy policy and the law.") },
  { "disclaimer", N_("Disclaimer"),
    N_("The topics, results and answers you read come from the portal you chose, and the public "
       "body that runs it is responsible for them. The app shows them as they are and does not "
       "change them.\n\n"
       "The opinions in comments and ideas are those of the people who wrote them, not of the "
       "public body or of the app’s authors.\n\n"
       "Taking part informs a decision; it does not decide it. The public body takes the "
       "decision and publishes how it took what people said into account.\n\n"
       "The practice portal runs on this computer, for learning and training only: nothing "
       "sent to it reaches a public body.") },
};

/**
 * msk_policy_texts_get:
 * @n_texts: (out): how many there are
 *
 * Returns: (array length=n_texts): the texts, in the order they are read
 */
const MskPolicyText *
msk_policy_texts_get (guint *n_texts)
{
  *n_texts = G_N_ELEMENTS (texts);
  return texts;
}

/**
 * msk_policy_texts_find:
 *
 * Returns: (nullable): the text called @name
 */
const MskPolicyText *
msk_policy_texts_find (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (texts[i].name, name))
      return &texts[i];
  return NULL;
}
