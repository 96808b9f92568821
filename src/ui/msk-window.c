/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "msk-a11y.h"
#include "msk-language.h"
#include "msk-public-bar.h"
#include "msk-reader-view.h"
#include "msk-sections.h"
#include "msk-text-scale.h"
#include "msk-window-private.h"
#include "pages/msk-home-page.h"
#include "pages/msk-results-page.h"
#include "pages/msk-policy-page.h"
#include "pages/msk-comments-page.h"
#include "pages/msk-ideas-page.h"
#include "pages/msk-moderation-page.h"
#include "pages/msk-request-page.h"
#include "pages/msk-participation-page.h"
#include "pages/msk-poll-page.h"
#include "pages/msk-survey-page.h"
#include "pages/msk-welcome-page.h"
#include "pages/msk-section-page.h"
#include "pages/msk-topic-page.h"
#include "pages/msk-topics-page.h"

G_DEFINE_FINAL_TYPE (MskWindow, msk_window, ADW_TYPE_APPLICATION_WINDOW)

/* A page on the back stack, and where the focus was when it was left for
 * the page above it: popping that page gives the focus back there. */
typedef struct
{
  MskPage  *page;
  GWeakRef  focus;
} MskBackEntry;

static void
back_entry_free (MskBackEntry *entry)
{
  g_weak_ref_clear (&entry->focus);
  g_object_unref (entry->page);
  g_free (entry);
}

static MskBackEntry *
top_entry (MskWindow *self)
{
  return self->back_stack->len > 0
         ? g_ptr_array_index (self->back_stack, self->back_stack->len - 1)
         : NULL;
}

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * msk_window_new:
 * @application: (nullable): the application, whose context the window
 *   and its pages share
 */
MskWindow *
msk_window_new (MskApplication *application)
{
  return g_object_new (MSK_TYPE_WINDOW,
                       "application", application,
                       "context", application != NULL
                                  ? msk_application_get_context (application) : NULL,
                       NULL);
}

/**
 * msk_window_get_context:
 *
 * Returns: (transfer none) (nullable): the app's context
 */
MskContext *
msk_window_get_context (MskWindow *self)
{
  g_return_val_if_fail (MSK_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * msk_window_get_visible_page:
 *
 * Returns: (transfer none): the page on top of the back stack
 */
MskPage *
msk_window_get_visible_page (MskWindow *self)
{
  g_return_val_if_fail (MSK_IS_WINDOW (self), NULL);

  return ((MskBackEntry *) g_ptr_array_index (self->back_stack, self->back_stack->len - 1))->page;
}

/**
 * msk_window_get_n_pages:
 *
 * Returns: how many pages the back stack holds, the home page included
 */
guint
msk_window_get_n_pages (MskWindow *self)
{
  g_return_val_if_fail (MSK_IS_WINDOW (self), 0);

  return self->back_stack->len;
}

/**
 * msk_window_get_section:
 *
 * Returns: the tag of the page shown ("home" on the home page)
 */
const char *
msk_window_get_section (MskWindow *self)
{
  g_return_val_if_fail (MSK_IS_WINDOW (self), NULL);

  return msk_page_get_tag (msk_window_get_visible_page (self));
}

static void
visible_page_changed (MskWindow *self)
{
  MskPage *page = msk_window_get_visible_page (self);
  gboolean home = self->back_stack->len <= 1;

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
  g_binding_group_set_source (self->page_bindings, page);

  /* The reader follows the page; what it was reading stops. */
  if (gtk_revealer_get_reveal_child (self->reader_revealer))
    msk_reader_bar_stop (self->reader_bar);
  msk_reader_bar_set_view (self->reader_bar, msk_page_get_reader_view (page));

  gtk_widget_set_visible (self->back_button, !home);
  msk_window_update_actions (self);
}

/**
 * msk_window_push_page:
 * @page: (transfer none): a page not on any stack yet
 *
 * Shows @page over the page shown now, which keeps where its focus was,
 * and moves the focus into @page.
 */
void
msk_window_push_page (MskWindow *self,
                      MskPage   *page)
{
  MskBackEntry *below = NULL;
  MskBackEntry *entry;
  GtkWidget *focus;
  g_autofree char *name = NULL;

  g_return_if_fail (MSK_IS_WINDOW (self));
  g_return_if_fail (MSK_IS_PAGE (page));
  g_return_if_fail (gtk_widget_get_parent (GTK_WIDGET (page)) == NULL);

  below = top_entry (self);
  if (below != NULL)
    g_weak_ref_set (&below->focus, gtk_root_get_focus (GTK_ROOT (self)));

  entry = g_new0 (MskBackEntry, 1);
  entry->page = g_object_ref_sink (page);
  g_weak_ref_init (&entry->focus, NULL);
  g_ptr_array_add (self->back_stack, entry);

  name = g_strdup_printf ("page-%u", self->page_serial++);
  /* The stack page is named after the page, not after its class. */
  g_object_bind_property (page, "title", gtk_stack_add_named (self->stack, GTK_WIDGET (page), name),
                          "title", G_BINDING_SYNC_CREATE);
  visible_page_changed (self);

  if (below != NULL)
    msk_page_set_shown (below->page, FALSE);
  msk_page_set_shown (page, TRUE);

  /* GtkStack moves a focus it hid into the new page already. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (below != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (page))))
    gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD);
}

/**
 * msk_window_pop_page:
 *
 * Leaves the page shown for the one below it: the page's work is
 * cancelled, the page is dropped, and the focus goes back where it was on
 * the page below. The home page stays.
 *
 * Returns: whether a page was popped
 */
gboolean
msk_window_pop_page (MskWindow *self)
{
  MskBackEntry *entry;
  MskBackEntry *below;
  g_autoptr(GtkWidget) focus = NULL;

  g_return_val_if_fail (MSK_IS_WINDOW (self), FALSE);

  if (self->back_stack->len <= 1)
    return FALSE;

  entry = g_ptr_array_steal_index (self->back_stack, self->back_stack->len - 1);
  below = g_ptr_array_index (self->back_stack, self->back_stack->len - 1);

  msk_page_leave (entry->page);
  visible_page_changed (self);
  gtk_stack_remove (self->stack, GTK_WIDGET (entry->page));
  back_entry_free (entry);

  msk_page_set_shown (below->page, TRUE);

  focus = g_weak_ref_get (&below->focus);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (below->page))
      || !gtk_widget_grab_focus (focus))
    gtk_widget_child_focus (GTK_WIDGET (below->page), GTK_DIR_TAB_FORWARD);

  return TRUE;
}

/* The pages of taking part in a topic, by the first part of their tag. */
typedef struct
{
  const char *kind;
  GtkWidget *(*page_new) (MskContext *context,
                          gint64      topic_id);
} TopicPage;

static const TopicPage topic_pages[] = {
  { "poll", msk_poll_page_new },
  { "survey", msk_survey_page_new },
  { "comments", msk_comments_page_new },
  { "ideas", msk_ideas_page_new },
};

static const TopicPage *
find_topic_page (const char *kind,
                 gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (topic_pages); i++)
    if (strlen (topic_pages[i].kind) == length && strncmp (topic_pages[i].kind, kind, length) == 0)
      return &topic_pages[i];
  return NULL;
}

/**
 * msk_window_show_tag:
 * @tag: (nullable): the tag of a page, as msk_window_get_section() gives it
 *
 * Shows the page @tag names, with the pages one comes to it through below
 * it: a topic over the topics list.
 */
void
msk_window_show_tag (MskWindow  *self,
                     const char *tag)
{
  gint64 topic_id = 0;
  const char *colon;

  g_return_if_fail (MSK_IS_WINDOW (self));

  if (tag != NULL && g_str_has_prefix (tag, "topic:")
      && g_ascii_string_to_signed (tag + strlen ("topic:"), 10, 1, G_MAXINT64, &topic_id, NULL))
    {
      msk_window_show_section (self, "topics");
      msk_window_show_topic (self, topic_id);
    }
  else if (tag != NULL && (colon = strchr (tag, ':')) != NULL
           && find_topic_page (tag, colon - tag) != NULL
           && g_ascii_string_to_signed (colon + 1, 10, 1, G_MAXINT64, &topic_id, NULL))
    {
      g_autofree char *kind = g_strndup (tag, colon - tag);

      msk_window_show_section (self, "topics");
      msk_window_show_topic (self, topic_id);
      msk_window_show_topic_page (self, kind, topic_id);
    }
  else if (g_strcmp0 (tag, "moderation") == 0)
    msk_window_show_moderation (self);
  else if (g_strcmp0 (tag, "welcome") == 0)
    msk_window_show_welcome (self);
  else if (tag != NULL && g_str_has_prefix (tag, "policy:"))
    msk_window_show_policy (self, tag + strlen ("policy:"));
  else
    msk_window_show_section (self, tag);
}

/**
 * msk_window_show_policy:
 * @name: "policy", "privacy" or "disclaimer" to read one of the texts;
 *   "accept" for the three, to agree with
 *
 * Shows the text over the page shown now.
 */
void
msk_window_show_policy (MskWindow  *self,
                        const char *name)
{
  g_autofree char *tag = NULL;

  g_return_if_fail (MSK_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  tag = g_strdup_printf ("policy:%s", name);
  if (g_strcmp0 (msk_window_get_section (self), tag) == 0)
    return;
  msk_window_push_page (self, MSK_PAGE (msk_policy_page_new (self->context, name)));
}

/**
 * msk_window_show_welcome:
 *
 * Shows the choice of a portal (the first run) over the home page.
 *
 * Returns: (transfer none): the page that offers the choice
 */
MskPage *
msk_window_show_welcome (MskWindow *self)
{
  g_return_val_if_fail (MSK_IS_WINDOW (self), NULL);

  if (g_strcmp0 (msk_window_get_section (self), "welcome") != 0)
    {
      while (self->back_stack->len > 1)
        msk_window_pop_page (self);
      msk_window_push_page (self, MSK_PAGE (msk_welcome_page_new (self->context)));
    }
  return msk_window_get_visible_page (self);
}

/**
 * msk_window_show_topic:
 * @topic_id: the topic to show
 *
 * Shows the topic over the page shown now (a list, a link, a search).
 */
void
msk_window_show_topic (MskWindow *self,
                       gint64     topic_id)
{
  g_autofree char *tag = g_strdup_printf ("topic:%" G_GINT64_FORMAT, topic_id);

  g_return_if_fail (MSK_IS_WINDOW (self));

  if (g_strcmp0 (msk_window_get_section (self), tag) == 0)
    return;
  msk_window_push_page (self, MSK_PAGE (msk_topic_page_new (self->context, topic_id)));
}

/**
 * msk_window_show_topic_page:
 * @kind: "poll", "survey", "comments" or "ideas"
 * @topic_id: the topic
 *
 * Shows where one takes part in the topic (votes in its poll, answers its
 * survey, reads and writes its comments, sends and supports its ideas),
 * over the page shown now (the topic).
 */
void
msk_window_show_topic_page (MskWindow  *self,
                            const char *kind,
                            gint64      topic_id)
{
  const TopicPage *page;
  g_autofree char *tag = NULL;

  g_return_if_fail (MSK_IS_WINDOW (self));

  page = kind != NULL ? find_topic_page (kind, strlen (kind)) : NULL;
  g_return_if_fail (page != NULL);
  tag = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, topic_id);
  if (g_strcmp0 (msk_window_get_section (self), tag) == 0)
    return;
  msk_window_push_page (self, MSK_PAGE (page->page_new (self->context, topic_id)));
}

/**
 * msk_window_show_moderation:
 *
 * Shows the comments waiting for a moderator over the home page.
 */
void
msk_window_show_moderation (MskWindow *self)
{
  g_return_if_fail (MSK_IS_WINDOW (self));

  if (g_strcmp0 (msk_window_get_section (self), "moderation") == 0)
    return;
  while (self->back_stack->len > 1)
    msk_window_pop_page (self);
  msk_window_push_page (self, MSK_PAGE (msk_moderation_page_new (self->context)));
}

/**
 * msk_window_show_section:
 * @section: (nullable): the name of a section, or "home"
 *
 * Shows the page of @section over the home page; "home", %NULL or an
 * unknown name go back to the home page.
 */
void
msk_window_show_section (MskWindow  *self,
                         const char *section)
{
  const MskSection *found;

  g_return_if_fail (MSK_IS_WINDOW (self));

  found = msk_sections_find (section);
  if (found != NULL && g_strcmp0 (msk_window_get_section (self), found->name) == 0)
    return;

  while (self->back_stack->len > 1)
    msk_window_pop_page (self);
  if (found != NULL && g_str_equal (found->name, "topics"))
    msk_window_push_page (self, MSK_PAGE (msk_topics_page_new (self->context)));
  else if (found != NULL && g_str_equal (found->name, "results"))
    msk_window_push_page (self, MSK_PAGE (msk_results_page_new (self->context)));
  else if (found != NULL && g_str_equal (found->name, "complaint"))
    msk_window_push_page (self, MSK_PAGE (msk_request_page_new (self->context)));
  else if (found != NULL && g_str_equal (found->name, "participation"))
    msk_window_push_page (self, MSK_PAGE (msk_participation_page_new (self->context)));
  else if (found != NULL)
    msk_window_push_page (self, MSK_PAGE (msk_section_page_new (self->context, found)));
}

/**
 * msk_window_show_submission:
 * @tracking: the tracking number (or id) of something sent
 *
 * Shows My participation with that item and its history: what a
 * notification of its new state opens.
 */
void
msk_window_show_submission (MskWindow  *self,
                            const char *tracking)
{
  MskPage *page;

  g_return_if_fail (MSK_IS_WINDOW (self));

  msk_window_show_section (self, "participation");
  page = msk_window_get_visible_page (self);
  if (MSK_IS_PARTICIPATION_PAGE (page))
    msk_participation_page_show (MSK_PARTICIPATION_PAGE (page), tracking);
}

/* The adaptive header. A wide window shows one header row: back, the page
 * title, read aloud, text size, language, help and the menu. When that row
 * does not fit (a narrow window, or large text), the text size and
 * language controls move to a row of their own under the header and the
 * page title to lines of its own below them, where it wraps instead of
 * being cut. The window's minimum width is always the narrow layout's, so
 * the window can be made narrow whatever the layout shown. */

/* How much wider than it needs the window must be to leave the narrow
 * header, in pixels. */
#define HEADER_HYSTERESIS 12

static int
min_width_of (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

static int
natural_width_of (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The narrowest the text size and language controls get: one above the
 * other. */
static int
tools_stacked_width (MskWindow *self)
{
  return MAX (min_width_of (self->text_size_box), min_width_of (GTK_WIDGET (self->language_button)));
}

static int
tools_row_width (MskWindow *self)
{
  return natural_width_of (self->text_size_box)
         + natural_width_of (GTK_WIDGET (self->language_button))
         + gtk_box_get_spacing (GTK_BOX (self->tools_box));
}

/* The header row's minimum width without the text size, the language and
 * the title: the same in either layout, or the layout chosen would change
 * what it is measured by, and the header would flip between the two. */
static int
header_base_width (MskWindow *self)
{
  int header = min_width_of (self->header_bar);

  if (self->narrow)
    return header;
  return MAX (0, header - tools_row_width (self) - min_width_of (GTK_WIDGET (self->window_title)));
}

/* The narrow bar's rows: their margins and padding come from the style. */
static int
narrow_bar_extra (MskWindow *self)
{
  int bar = min_width_of (self->narrow_bar);
  int tools = min_width_of (self->narrow_tools_slot);
  int title = min_width_of (GTK_WIDGET (self->narrow_title));

  /* Hidden, it measures nothing: its padding is assumed. */
  return gtk_widget_get_visible (self->narrow_bar) ? MAX (0, bar - MAX (tools, title)) : 24;
}

static int
narrow_min_width (MskWindow *self)
{
  int width = header_base_width (self);
  int extra = narrow_bar_extra (self);

  width = MAX (width, tools_stacked_width (self) + extra);
  width = MAX (width, min_width_of (GTK_WIDGET (self->narrow_title)) + extra);
  width = MAX (width, min_width_of (GTK_WIDGET (self->reader_revealer)));
  width = MAX (width, min_width_of (GTK_WIDGET (self->toast_overlay)));
  return width;
}

/* The width one header row needs: its buttons and the whole title. */
static int
wide_header_width (MskWindow *self)
{
  return header_base_width (self) + tools_row_width (self)
         + natural_width_of (GTK_WIDGET (self->narrow_title)) + 24;
}

static void
move_tools (MskWindow *self,
            GtkWidget *slot)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, self->tools_box);
  GtkWidget *from = gtk_widget_get_parent (self->tools_box);

  if (from == slot)
    return;
  g_object_ref (self->tools_box);
  gtk_box_remove (GTK_BOX (from), self->tools_box);
  gtk_box_append (GTK_BOX (slot), self->tools_box);
  g_object_unref (self->tools_box);
  /* The control moved keeps the keyboard focus. */
  if (had_focus)
    gtk_widget_grab_focus (focus);
}

static void
set_narrow (MskWindow *self,
            gboolean   narrow,
            int        width)
{
  /* Side by side when they fit on the row, otherwise one above the other. */
  gboolean stacked = narrow && width < tools_row_width (self) + narrow_bar_extra (self);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->tools_box),
                                  stacked ? GTK_ORIENTATION_VERTICAL
                                          : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (GTK_WIDGET (self->language_button),
                         stacked ? GTK_ALIGN_START : GTK_ALIGN_FILL);
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  move_tools (self, narrow ? self->narrow_tools_slot : self->tools_slot);
  gtk_widget_set_visible (self->tools_slot, !narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), !narrow);
  gtk_widget_set_visible (self->narrow_bar, narrow);
}

static void
msk_window_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  MskWindow *self = MSK_WINDOW (widget);

  GTK_WIDGET_CLASS (msk_window_parent_class)->measure (widget, orientation, for_size, minimum,
                                                       natural, minimum_baseline,
                                                       natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && self->content_box != NULL)
    {
      /* The window's frame around its content, then the narrow layout. */
      int frame = MAX (0, *minimum - min_width_of (self->content_box));

      *minimum = MIN (*minimum, frame + narrow_min_width (self));
      *natural = MAX (*natural, *minimum);
    }
}

/* The keyboard starts on the page, not on whatever came first: a page
 * shown before the window was laid out could not take the focus then (GTK
 * moves it only between widgets with a place on screen), and GTK gave it to
 * the header or to the reader bar. */
static gboolean
place_first_focus_cb (gpointer data)
{
  g_autoptr(MskWindow) self = data;
  MskPage *page = msk_window_get_visible_page (self);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* what the public bar says first (the last session cleared) keeps it */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->public_bar)))
    return G_SOURCE_REMOVE;
  if (page != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (page))))
    gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
msk_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  MskWindow *self = MSK_WINDOW (widget);
  int minimum = 0;
  int natural = 0;
  int unused = -1;
  int frame;

  /* A measure vfunc fills every pointer it is given. */
  GTK_WIDGET_CLASS (msk_window_parent_class)->measure (widget, GTK_ORIENTATION_HORIZONTAL, -1,
                                                       &minimum, &natural, &unused, &unused);
  frame = MAX (0, minimum - min_width_of (self->content_box));
  /* Chosen before the content is laid out, so the header never gets less
   * than it needs; a few pixels more to leave the narrow layout, so that a
   * width on the edge keeps the layout it has. */
  set_narrow (self,
              width - frame < wide_header_width (self) + (self->narrow ? HEADER_HYSTERESIS : 0),
              width - frame);

  GTK_WIDGET_CLASS (msk_window_parent_class)->size_allocate (widget, width, height, baseline);

  if (!self->laid_out)
    {
      self->laid_out = TRUE;
      g_idle_add (place_first_focus_cb, g_object_ref (self));
    }
}

void
msk_window_update_text_size (MskWindow *self)
{
  double scale = msk_text_scale_clamp (g_settings_get_double (self->settings, "text-scale"));
  g_autofree char *description = NULL;

  /* Translators: %u is a percentage, the %% is the percent sign */
  description = g_strdup_printf (_("Text size: %u%%"), msk_text_scale_to_percent (scale));
  msk_a11y_set_description (self->text_smaller_button, description);
  msk_a11y_set_description (self->text_larger_button, description);
}

static void
update_language_button (MskWindow *self)
{
  gboolean arabic = g_str_equal (msk_language_effective (), "ar");

  /* The button names the other language in that language, as people look
   * for the name of their own language. */
  gtk_button_set_label (self->language_button, arabic ? "English" : "عربي");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->language_button), "s",
                                    arabic ? "en" : "ar");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->language_button),
                               arabic ? _("Show the app in English")
                                      : _("Show the app in Arabic"));
  msk_a11y_set_description (GTK_WIDGET (self->language_button),
                            arabic ? _("Show the app in English") : _("Show the app in Arabic"));
}

static void
read_aloud_toggled_cb (MskWindow *self)
{
  gboolean on = gtk_toggle_button_get_active (self->read_aloud_button);

  /* Hidden too: a revealer without a transition keeps its child's height. */
  gtk_widget_set_visible (GTK_WIDGET (self->reader_revealer), on);
  gtk_revealer_set_reveal_child (self->reader_revealer, on);
  if (on)
    {
      if (msk_reader_bar_get_engine (self->reader_bar) == NULL && self->context != NULL)
        msk_reader_bar_set_engine (self->reader_bar,
                                   msk_context_get_speech_engine (self->context));
      msk_reader_bar_set_view (self->reader_bar,
                               msk_page_get_reader_view (msk_window_get_visible_page (self)));
      msk_reader_bar_play_pause (self->reader_bar);
    }
  else
    msk_reader_bar_stop (self->reader_bar);
}

/* A piece of content read aloud from a page (a row's or a button's) shows
 * the bar, so that the person sees what is read and can pause or stop it. */
static void
reading_started_cb (MskWindow *self)
{
  if (gtk_toggle_button_get_active (self->read_aloud_button))
    return;
  g_signal_handlers_block_by_func (self->read_aloud_button, read_aloud_toggled_cb, self);
  gtk_toggle_button_set_active (self->read_aloud_button, TRUE);
  g_signal_handlers_unblock_by_func (self->read_aloud_button, read_aloud_toggled_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->reader_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->reader_revealer, TRUE);
}

/* Speaking what gets the focus is for people without a screen reader; the
 * speaker is made the first time the setting is on. */
static void
update_focus_speaker (MskWindow *self)
{
  if (self->focus_speaker != NULL || self->context == NULL
      || !g_settings_get_boolean (self->settings, "speak-focused-item"))
    return;

  self->focus_speaker = msk_focus_speaker_new (GTK_WINDOW (self),
                                               msk_context_get_speech_engine (self->context),
                                               self->settings);
}

/* A menu closes once an item is chosen; a popover of buttons has to be told. */
static void
menu_item_clicked_cb (MskWindow *self)
{
  gtk_popover_popdown (self->menu_popover);
}

static void
restore_window_state (MskWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
msk_window_close_request (GtkWindow *window)
{
  MskWindow *self = MSK_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (msk_window_parent_class)->close_request (window);
}

/* On a public computer, a key or a click anywhere in the window is the
 * person still there. */
static gboolean
public_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               MskWindow             *self)
{
  msk_public_bar_activity (self->public_bar);
  return GDK_EVENT_PROPAGATE;
}

static void
public_click_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 MskWindow       *self)
{
  msk_public_bar_activity (self->public_bar);
}

/**
 * msk_window_start_public_session:
 * @idle_timeout: seconds without a key or a click before the session is
 *   cleared, the last of them with a warning
 *
 * The window of a public computer: its bar says nothing is kept and offers
 * to finish and clear.
 */
void
msk_window_start_public_session (MskWindow *self,
                                 guint      idle_timeout)
{
  GtkEventController *key;
  GtkGesture *click;

  g_return_if_fail (MSK_IS_WINDOW (self));

  msk_public_bar_set_context (self->public_bar, self->context);
  msk_public_bar_set_idle_timeout (self->public_bar, idle_timeout);
  gtk_widget_set_visible (GTK_WIDGET (self->public_bar), TRUE);

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (public_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (public_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

/**
 * msk_window_start_assisted_session:
 * @staff_name: the staff member who helps
 *
 * The window of an assisted session at a service center: its bar names
 * who helps and ends the session; no idle time ends it, the staff member
 * is there.
 */
void
msk_window_start_assisted_session (MskWindow  *self,
                                   const char *staff_name)
{
  g_return_if_fail (MSK_IS_WINDOW (self));

  msk_public_bar_set_context (self->public_bar, self->context);
  msk_public_bar_set_assisted (self->public_bar, staff_name);
  msk_public_bar_set_idle_timeout (self->public_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->public_bar), TRUE);
  self->assisted = TRUE;
  msk_window_update_account (self);
}

/**
 * msk_window_show_public_cleared:
 * @message: what to say
 *
 * The bar of a public session says, with the focus, that the last one was
 * cleared.
 */
void
msk_window_show_public_cleared (MskWindow  *self,
                                const char *message)
{
  g_return_if_fail (MSK_IS_WINDOW (self));

  msk_public_bar_show_cleared (self->public_bar, message);
}

/**
 * msk_window_finish_public_session:
 *
 * "Finish and Clear", as from the window's bar: what is not sent yet is
 * named first.
 */
void
msk_window_finish_public_session (MskWindow *self)
{
  g_return_if_fail (MSK_IS_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->public_bar), TRUE);
  msk_public_bar_finish (self->public_bar);
}

static void
msk_window_constructed (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);

  G_OBJECT_CLASS (msk_window_parent_class)->constructed (object);

  if (self->context != NULL)
    self->settings = g_object_ref (msk_context_get_settings (self->context));
  else
    self->settings = g_settings_new (APP_ID);

  if (PROFILE[0] != '\0' && g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_window_state (self);

  msk_reader_bar_set_settings (self->reader_bar, self->settings);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "reader",
                                  msk_reader_bar_create_action_group (self->reader_bar));
  g_signal_connect_object (self->reader_bar, "reading-started", G_CALLBACK (reading_started_cb),
                           self, G_CONNECT_SWAPPED);
  update_focus_speaker (self);
  g_signal_connect_object (self->settings, "changed::speak-focused-item",
                           G_CALLBACK (update_focus_speaker), self, G_CONNECT_SWAPPED);

  /* The header and the reader bar follow the page shown. */
  g_binding_group_bind (self->page_bindings, "title", self->window_title, "title",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->page_bindings, "title", self->narrow_title, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->page_bindings, "reader-view", self->reader_bar, "view",
                        G_BINDING_SYNC_CREATE);
  msk_window_push_page (self, MSK_PAGE (msk_home_page_new (self->context)));

  if (self->context != NULL)
    g_signal_connect_object (self->context, "notify::account-name",
                             G_CALLBACK (msk_window_update_account), self, G_CONNECT_SWAPPED);
  msk_window_update_account (self);
  update_language_button (self);
  msk_window_update_text_size (self);
}

static void
msk_window_dispose (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);

  /* The pages' work stops with the window. */
  if (self->back_stack != NULL)
    for (guint i = 0; i < self->back_stack->len; i++)
      msk_page_leave (((MskBackEntry *) g_ptr_array_index (self->back_stack, i))->page);
  if (self->page_bindings != NULL)
    g_binding_group_set_source (self->page_bindings, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_WINDOW);
  g_clear_pointer (&self->back_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (msk_window_parent_class)->dispose (object);
}

static void
msk_window_finalize (GObject *object)
{
  MskWindow *self = MSK_WINDOW (object);

  g_clear_object (&self->focus_speaker);
  g_clear_object (&self->page_bindings);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (msk_window_parent_class)->finalize (object);
}

static void
msk_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, MSK_WINDOW (object)->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      MSK_WINDOW (object)->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_window_class_init (MskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = msk_window_constructed;
  object_class->dispose = msk_window_dispose;
  object_class->finalize = msk_window_finalize;
  object_class->get_property = msk_window_get_property;
  object_class->set_property = msk_window_set_property;
  widget_class->measure = msk_window_measure;
  widget_class->size_allocate = msk_window_size_allocate;
  window_class->close_request = msk_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, MSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/msk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MskWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, tools_slot);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, tools_box);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, text_size_box);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, narrow_bar);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, narrow_tools_slot);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, narrow_title);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, help_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, language_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, text_smaller_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, text_larger_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, read_aloud_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, menu_popover);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, sign_in_item);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, create_account_item);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, sign_out_item);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, moderation_item);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, assisted_item);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, practice_item);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, reader_revealer);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, reader_bar);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, public_bar);
  gtk_widget_class_bind_template_child (widget_class, MskWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, read_aloud_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, menu_item_clicked_cb);

  msk_window_class_add_actions (widget_class);
}

static void
msk_window_init (MskWindow *self)
{
  g_type_ensure (MSK_TYPE_PUBLIC_BAR);
  g_type_ensure (MSK_TYPE_READER_BAR);
  g_type_ensure (MSK_TYPE_READER_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->back_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) back_entry_free);
  self->page_bindings = g_binding_group_new ();

  msk_a11y_keep_label (self->text_smaller_button);
  msk_a11y_keep_label (self->text_larger_button);
  /* Icon buttons: their label, not their image, names them. */
  msk_a11y_keep_label (self->back_button);
  msk_a11y_keep_label (GTK_WIDGET (self->read_aloud_button));
  msk_a11y_keep_label (self->help_button);
}
