/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-language.h"
#include "msk-page-layout.h"
#include "msk-policy-page.h"
#include "msk-policy-text.h"
#include "msk-window.h"

/**
 * MskPolicyPage:
 *
 * One of the texts a person reads before taking part (the participation
 * policy, the privacy notice, the disclaimer), or, as "accept", the three
 * of them with a choice: agree and take part, or only read. Reading needs
 * no acceptance; taking part does (msk_page_ensure_policy_accepted_async()).
 */
struct _MskPolicyPage
{
  MskPage        parent_instance;

  /* Unowned: children of the page */
  MskReaderView *reader_view;
  GtkLabel      *status_label;

  gboolean       asks;
};

G_DEFINE_FINAL_TYPE (MskPolicyPage, msk_policy_page, MSK_TYPE_PAGE)

enum {
  DECIDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
msk_policy_page_class_init (MskPolicyPageClass *klass)
{
  /**
   * MskPolicyPage::decided:
   * @accepted: whether the person agreed (and it was recorded)
   *
   * The person agreed, or chose only to read.
   */
  signals[DECIDED] =
    g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
msk_policy_page_init (MskPolicyPage *self)
{
}

static void
agree_clicked_cb (MskPolicyPage *self)
{
  g_autoptr(GError) error = NULL;
  MskContext *context = msk_page_get_context (MSK_PAGE (self));

  if (context == NULL || !msk_context_accept_policy (context, &error))
    {
      /* Translators: %s says why, in plain words */
      g_autofree char *text = g_strdup_printf (_("Your agreement could not be saved: %s"),
                                               error != NULL ? error->message : "");

      gtk_label_set_text (self->status_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[DECIDED], 0, TRUE);
}

static void
not_now_clicked_cb (MskPolicyPage *self)
{
  g_signal_emit (self, signals[DECIDED], 0, FALSE);
}

static GtkWidget *
make_button (const char *label,
             const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

/* The texts as the reader reads them: each title, then its paragraphs. */
static char *
dup_texts (const MskPolicyText *only)
{
  GString *text = g_string_new (NULL);
  const MskPolicyText *texts;
  guint n_texts;

  texts = msk_policy_texts_get (&n_texts);
  for (guint i = 0; i < n_texts; i++)
    {
      if (only != NULL && only != &texts[i])
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      if (only == NULL)
        g_string_append_printf (text, "%s\n\n", _(texts[i].title));
      g_string_append (text, _(texts[i].body));
    }
  return g_string_free (text, FALSE);
}

/**
 * msk_policy_page_new:
 * @name: "policy", "privacy" or "disclaimer" to read one text; "accept"
 *   for all three, to agree with
 */
GtkWidget *
msk_policy_page_new (MskContext *context,
                     const char *name)
{
  const MskPolicyText *only = msk_policy_texts_find (name);
  MskPolicyPage *self;
  g_autofree char *tag = NULL;
  g_autofree char *text = NULL;
  const char *title;
  GtkWidget *scrolled;
  GtkWidget *box;

  title = only != NULL ? _(only->title) : _("Before you take part");
  tag = g_strdup_printf ("policy:%s", only != NULL ? only->name : "accept");
  self = g_object_new (MSK_TYPE_POLICY_PAGE,
                       "context", context,
                       "title", title,
                       "tag", tag,
                       NULL);
  self->asks = only == NULL;

  box = msk_page_layout_box ();

  gtk_box_append (GTK_BOX (box), msk_page_layout_heading (title, "title-1", 1));

  if (self->asks)
    gtk_box_append (GTK_BOX (box),
                    msk_page_layout_label (_("Please read the participation policy, the privacy notice and "
                                  "the disclaimer. You can read the portal without agreeing; "
                                  "to take part, you need to agree. You can read these texts "
                                  "again at any time from the main menu."), NULL));

  /* The words, in a view the reader bar reads and marks word by word. */
  text = dup_texts (only);
  self->reader_view = MSK_READER_VIEW (msk_reader_view_new ());
  msk_reader_view_set_content (self->reader_view, text, NULL, msk_language_effective ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reader_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reader_view));
  msk_page_set_reader_view (MSK_PAGE (self), self->reader_view);

  self->status_label = GTK_LABEL (msk_page_layout_label (NULL, "error"));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));

  if (self->asks)
    {
      GtkWidget *buttons = gtk_flow_box_new ();
      GtkWidget *agree = make_button (_("I agree and want to take part"), "suggested-action");
      GtkWidget *not_now = make_button (_("Not now, I only want to read"), NULL);

      /* Side by side when they fit, one under the other at large text. */
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 2);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 12);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Your choice"), -1);
      g_signal_connect_swapped (agree, "clicked", G_CALLBACK (agree_clicked_cb), self);
      g_signal_connect_swapped (not_now, "clicked", G_CALLBACK (not_now_clicked_cb), self);
      gtk_widget_set_name (agree, "agree");
      gtk_widget_set_name (not_now, "not-now");
      for (GtkWidget *button = agree; button != NULL; button = button == agree ? not_now : NULL)
        {
          GtkWidget *child = gtk_flow_box_child_new ();

          gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), button);
          gtk_widget_set_focusable (child, FALSE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          gtk_button_get_label (GTK_BUTTON (button)), -1);
          gtk_flow_box_append (GTK_FLOW_BOX (buttons), child);
        }
      gtk_box_append (GTK_BOX (box), buttons);
    }

  scrolled = msk_page_layout_scrolled (box, 760, title);
  adw_bin_set_child (ADW_BIN (self), scrolled);

  return GTK_WIDGET (self);
}

/**
 * msk_policy_page_get_asks:
 *
 * Returns: whether the page asks the person to agree
 */
gboolean
msk_policy_page_get_asks (MskPolicyPage *self)
{
  g_return_val_if_fail (MSK_IS_POLICY_PAGE (self), FALSE);

  return self->asks;
}

/* Asking from a page: the texts go over it, and it comes back with the answer. */

static void
ensure_decided_cb (MskPolicyPage *policy,
                   gboolean       accepted)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (policy), MSK_TYPE_WINDOW);

  /* Back on the page first: what it says next is said there, where the
   * focus is, not on the texts going away. */
  if (window != NULL && msk_window_get_visible_page (MSK_WINDOW (window)) == MSK_PAGE (policy))
    msk_window_pop_page (MSK_WINDOW (window));
}

static GtkWidget *
ask_policy (MskContext *context)
{
  GtkWidget *policy = msk_policy_page_new (context, "accept");

  g_signal_connect (policy, "decided", G_CALLBACK (ensure_decided_cb), NULL);
  return policy;
}

/**
 * msk_page_ensure_policy_accepted_async:
 * @page: the page someone takes part from
 *
 * Taking part requires acceptance. When the person accepted the texts for
 * the portal chosen, this completes at once with %TRUE; otherwise it shows
 * the texts over @page and completes when the person agrees (%TRUE) or
 * chooses only to read or goes back (%FALSE), back on @page.
 */
void
msk_page_ensure_policy_accepted_async (MskPage             *page,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  msk_page_ensure_async (page, msk_context_get_policy_accepted, ask_policy, cancellable,
                         callback, user_data);
}

/**
 * msk_page_ensure_policy_accepted_finish:
 *
 * Returns: whether the person may take part now
 */
gboolean
msk_page_ensure_policy_accepted_finish (MskPage       *page,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return msk_page_ensure_finish (page, result, error);
}
