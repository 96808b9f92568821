/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parts pages made in code share: wrapping labels, headings a screen
 * reader finds as headings, and a column that scrolls at any text size. */
#include "config.h"

#include <adwaita.h>

#include "msk-page-layout.h"

/**
 * msk_page_layout_label:
 * @css_class: (nullable): a style class
 *
 * Returns: (transfer floating): a label that wraps, aligned to the start
 */
GtkWidget *
msk_page_layout_label (const char *text,
                       const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/**
 * msk_page_layout_wrap_labels:
 * @root: a part of a page
 *
 * Lets every label under @root wrap, within a word when the word alone is
 * wider than the window: the labels of buttons, check buttons and
 * expanders too, which GTK keeps on one line. At 300 % text a page then
 * still fits a 360 px window, and nothing is cut. Labels that ellipsize on
 * purpose are left alone. A button whose label is set again keeps its
 * label widget, and so keeps wrapping.
 */
void
msk_page_layout_wrap_labels (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_LABEL (root)
      && gtk_label_get_ellipsize (GTK_LABEL (root)) == PANGO_ELLIPSIZE_NONE
      && !gtk_label_get_single_line_mode (GTK_LABEL (root)))
    {
      gtk_label_set_wrap (GTK_LABEL (root), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (root), PANGO_WRAP_WORD_CHAR);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    msk_page_layout_wrap_labels (child);
}

/**
 * msk_page_layout_heading:
 * @level: 1 for the page's heading, 2 for a part of it
 *
 * Returns: (transfer floating): a label a screen reader lists as a heading
 */
GtkWidget *
msk_page_layout_heading (const char *text,
                         const char *css_class,
                         int         level)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "wrap", TRUE,
                                   "xalign", 0.0f,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  -1);
  return label;
}

/**
 * msk_page_layout_box:
 *
 * Returns: (transfer floating): the column a page's parts go in
 */
GtkWidget *
msk_page_layout_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return box;
}

/**
 * msk_page_layout_scrolled:
 * @box: the page's column
 * @maximum_width: how wide the column grows in a wide window
 * @name: what a screen reader calls the scrolled area
 *
 * Returns: (transfer floating): @box, kept readable in a wide window, in a
 *   scrolled window that scrolls down only: at 300 % text the page scrolls
 *   and nothing is cut
 */
GtkWidget *
msk_page_layout_scrolled (GtkWidget  *box,
                          int         maximum_width,
                          const char *name)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled;

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), maximum_width);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  msk_page_layout_wrap_labels (box);

  /* A group, so that the name below is kept by every GTK version. */
  scrolled = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                           "hscrollbar-policy", GTK_POLICY_NEVER,
                           NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  return scrolled;
}

/**
 * msk_page_layout_show_status:
 * @label: a page's status line
 * @text: (nullable): what it says, or %NULL to hide it
 * @is_error: whether it says what went wrong (then it looks so, beside
 *   the words that say it)
 */
void
msk_page_layout_show_status (GtkLabel   *label,
                             const char *text,
                             gboolean    is_error)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

/**
 * msk_page_layout_name_buttons:
 * @flow_box: a #GtkFlowBox of buttons
 * @name: what the buttons are about, its accessible name
 *
 * A flow box that lays buttons out: its children take no focus of their
 * own (Tab goes from button to button) and are named after their button.
 */
void
msk_page_layout_name_buttons (GtkWidget  *flow_box,
                              const char *name)
{
  g_return_if_fail (GTK_IS_FLOW_BOX (flow_box));

  for (GtkWidget *child = gtk_widget_get_first_child (flow_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_widget_set_focusable (child, FALSE);
      if (GTK_IS_BUTTON (button))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_button_get_label (GTK_BUTTON (button)), -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
}

/**
 * msk_page_layout_text_area:
 * @min_height: the least height of the text, in pixels
 * @text_view: (out) (transfer none): the text view inside
 *
 * A framed text view for a longer answer, scrolling when the text grows
 * past the page; Tab leaves it, so it is no keyboard trap.
 *
 * Returns: (transfer floating): the frame to put in the page
 */
GtkWidget *
msk_page_layout_text_area (int         min_height,
                           GtkWidget **text_view)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = g_object_new (GTK_TYPE_TEXT_VIEW,
                                  "wrap-mode", GTK_WRAP_WORD_CHAR,
                                  "accepts-tab", FALSE,
                                  "top-margin", 6, "bottom-margin", 6,
                                  "left-margin", 6, "right-margin", 6,
                                  NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), min_height);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  *text_view = view;
  return frame;
}

/**
 * msk_page_layout_unselect_on_focus:
 *
 * A handler of #GtkWidget:has-focus for a selectable label that takes the
 * focus so that it is heard (a receipt, a history): it is not shown all
 * selected then.
 */
static gboolean
unselect_cb (gpointer data)
{
  GtkLabel *label = data;

  if (gtk_widget_has_focus (GTK_WIDGET (label)))
    gtk_label_select_region (label, 0, 0);
  return G_SOURCE_REMOVE;
}

void
msk_page_layout_unselect_on_focus (GtkLabel   *label,
                                   GParamSpec *pspec,
                                   gpointer    user_data)
{
  /* after GTK's own selecting of the whole text on focus */
  if (gtk_widget_has_focus (GTK_WIDGET (label)))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unselect_cb, g_object_ref (label),
                     g_object_unref);
}

/**
 * msk_page_layout_dup_ascii_digits:
 *
 * Digits as people type them in Arabic (٠١٢٣٤٥٦٧٨٩ and ۰۱۲۳۴۵۶۷۸۹) become
 * ASCII digits, and the Arabic decimal separator a point, for parsing.
 *
 * Returns: (transfer full): the text with ASCII digits
 */
char *
msk_page_layout_dup_ascii_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0660 && c <= 0x0669)
        g_string_append_c (out, (char) ('0' + (c - 0x0660)));
      else if (c >= 0x06F0 && c <= 0x06F9)
        g_string_append_c (out, (char) ('0' + (c - 0x06F0)));
      else if (c == 0x066B)
        g_string_append_c (out, '.');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
