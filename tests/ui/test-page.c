/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MskPage and the window's back stack, in process, through GTK's test
 * accessibility backend (GTK_A11Y=test). Needs a display. */
#include "config.h"

#include "msk-page-private.h"
#include "msk-home-page.h"
#include "msk-window.h"

#define MSK_TYPE_TEST_PAGE (msk_test_page_get_type ())
G_DECLARE_FINAL_TYPE (MskTestPage, msk_test_page, MSK, TEST_PAGE, MskPage)

struct _MskTestPage
{
  MskPage    parent_instance;

  GtkWidget *first;
  GtkWidget *second;
  guint      n_shown;
  guint      n_hidden;
  guint      n_reloads;
};

G_DEFINE_FINAL_TYPE (MskTestPage, msk_test_page, MSK_TYPE_PAGE)

static void
msk_test_page_shown (MskPage *page)
{
  MSK_TEST_PAGE (page)->n_shown++;
}

static void
msk_test_page_hidden (MskPage *page)
{
  MSK_TEST_PAGE (page)->n_hidden++;
}

static void
msk_test_page_reload (MskPage *page)
{
  MSK_TEST_PAGE (page)->n_reloads++;
}

static void
msk_test_page_class_init (MskTestPageClass *klass)
{
  MskPageClass *page_class = MSK_PAGE_CLASS (klass);

  page_class->shown = msk_test_page_shown;
  page_class->hidden = msk_test_page_hidden;
  page_class->reload = msk_test_page_reload;
}

static void
msk_test_page_init (MskTestPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = msk_reader_view_new ();

  self->first = gtk_button_new_with_label ("First");
  self->second = gtk_button_new_with_label ("Second");
  gtk_box_append (GTK_BOX (box), self->first);
  gtk_box_append (GTK_BOX (box), self->second);
  gtk_box_append (GTK_BOX (box), view);
  adw_bin_set_child (ADW_BIN (self), box);
  msk_page_set_reader_view (MSK_PAGE (self), MSK_READER_VIEW (view));
}

static MskTestPage *
test_page_new (const char *title,
               const char *tag)
{
  return g_object_new (MSK_TYPE_TEST_PAGE, "title", title, "tag", tag, NULL);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_title_widget (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_title_widget (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
header_title (MskWindow *window)
{
  return adw_window_title_get_title (ADW_WINDOW_TITLE (find_title_widget (GTK_WIDGET (window))));
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_page_properties (void)
{
  MskTestPage *page = g_object_ref_sink (test_page_new ("A page", "a-tag"));
  guint notified = 0;

  g_assert_cmpstr (msk_page_get_title (MSK_PAGE (page)), ==, "A page");
  g_assert_cmpstr (msk_page_get_tag (MSK_PAGE (page)), ==, "a-tag");
  g_assert_nonnull (msk_page_get_reader_view (MSK_PAGE (page)));
  g_assert_false (msk_page_get_is_shown (MSK_PAGE (page)));
  g_assert_false (g_cancellable_is_cancelled (msk_page_get_cancellable (MSK_PAGE (page))));

  /* A screen reader calls the page by its title, and follows it. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "A page");
  g_signal_connect (page, "notify::title", G_CALLBACK (notify_cb), &notified);
  msk_page_set_title (MSK_PAGE (page), "Renamed");
  msk_page_set_title (MSK_PAGE (page), "Renamed");
  g_assert_cmpuint (notified, ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Renamed");

  msk_page_reload (MSK_PAGE (page));
  g_assert_cmpuint (page->n_reloads, ==, 1);

  msk_page_set_shown (MSK_PAGE (page), TRUE);
  msk_page_set_shown (MSK_PAGE (page), TRUE);
  g_assert_cmpuint (page->n_shown, ==, 1);
  msk_page_leave (MSK_PAGE (page));
  g_assert_cmpuint (page->n_hidden, ==, 1);
  g_assert_true (g_cancellable_is_cancelled (msk_page_get_cancellable (MSK_PAGE (page))));

  g_assert_finalize_object (page);
}

static void
test_back_stack (void)
{
  MskWindow *window = msk_window_new (NULL);
  MskPage *home;
  MskTestPage *first;
  MskTestPage *second;
  GCancellable *cancellable;
  guint cancelled = 0;

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  home = msk_window_get_visible_page (window);
  g_assert_cmpstr (msk_page_get_tag (home), ==, "home");
  g_assert_true (msk_page_get_is_shown (home));
  g_assert_cmpuint (msk_window_get_n_pages (window), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_false (msk_window_pop_page (window));
  g_assert_true (msk_window_get_visible_page (window) == home);

  /* Push: the page shows, the header follows it, the focus goes in. */
  first = test_page_new ("First page", "first");
  msk_window_push_page (window, MSK_PAGE (first));
  iterate ();
  g_assert_true (msk_window_get_visible_page (window) == MSK_PAGE (first));
  g_assert_cmpstr (msk_window_get_section (window), ==, "first");
  g_assert_cmpstr (header_title (window), ==, "First page");
  g_assert_cmpuint (first->n_shown, ==, 1);
  g_assert_false (msk_page_get_is_shown (home));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == first->first);

  /* The header follows a new title too. */
  msk_page_set_title (MSK_PAGE (first), "First page, renamed");
  g_assert_cmpstr (header_title (window), ==, "First page, renamed");

  /* The focus moves on within the page, then a second page goes over it. */
  gtk_widget_grab_focus (first->second);
  second = test_page_new ("Second page", "second");
  msk_window_push_page (window, MSK_PAGE (second));
  iterate ();
  g_assert_cmpuint (msk_window_get_n_pages (window), ==, 3);
  g_assert_cmpuint (first->n_hidden, ==, 1);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == second->first);

  /* Back: the page's work is cancelled, the page goes, and the focus is
   * where it was on the page below. */
  cancellable = msk_page_get_cancellable (MSK_PAGE (second));
  g_signal_connect (cancellable, "cancelled", G_CALLBACK (cancelled_cb), &cancelled);
  g_object_ref (second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  iterate ();
  g_assert_cmpuint (cancelled, ==, 1);
  g_assert_cmpuint (second->n_hidden, ==, 1);
  g_assert_null (gtk_widget_get_parent (GTK_WIDGET (second)));
  g_assert_finalize_object (second);

  g_assert_true (msk_window_get_visible_page (window) == MSK_PAGE (first));
  g_assert_cmpuint (first->n_shown, ==, 2);
  g_assert_cmpstr (header_title (window), ==, "First page, renamed");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == first->second);

  /* win.reload reloads the page shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_cmpuint (first->n_reloads, ==, 1);

  g_object_ref (first);
  g_assert_true (msk_window_pop_page (window));
  iterate ();
  g_assert_true (g_cancellable_is_cancelled (msk_page_get_cancellable (MSK_PAGE (first))));
  g_assert_finalize_object (first);
  g_assert_true (msk_window_get_visible_page (window) == home);
  g_assert_true (msk_page_get_is_shown (home));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_cmpuint (msk_window_get_n_pages (window), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_sections (void)
{
  MskWindow *window = msk_window_new (NULL);
  GtkWidget *tile;
  MskPage *page;

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* The tile's action opens the section; back gives the tile the focus. */
  tile = msk_home_page_get_tile (MSK_HOME_PAGE (msk_window_get_visible_page (window)), "polls");
  g_assert_nonnull (tile);
  gtk_widget_grab_focus (tile);
  g_signal_emit_by_name (tile, "clicked");
  iterate ();
  page = g_object_ref (msk_window_get_visible_page (window));
  g_assert_cmpstr (msk_page_get_tag (page), ==, "polls");
  g_assert_cmpstr (header_title (window), ==, msk_page_get_title (page));
  g_assert_nonnull (msk_page_get_reader_view (page));

  /* The same section again does not stack a second page. */
  msk_window_show_section (window, "polls");
  g_assert_cmpuint (msk_window_get_n_pages (window), ==, 2);

  /* Another section replaces it, over the home page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "results");
  iterate ();
  g_assert_finalize_object (page);
  g_assert_cmpuint (msk_window_get_n_pages (window), ==, 2);
  page = g_object_ref (msk_window_get_visible_page (window));
  g_assert_cmpstr (msk_page_get_tag (page), ==, "results");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-home", NULL));
  iterate ();
  g_assert_finalize_object (page);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == tile);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/page/properties", test_page_properties);
  g_test_add_func ("/page/back-stack", test_back_stack);
  g_test_add_func ("/page/sections", test_sections);

  return g_test_run ();
}
