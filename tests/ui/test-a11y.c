/* SPDX-License-Identifier: GPL-3.0-or-later */
/* msk-a11y on the GTK it was built with, through GTK's test accessibility
 * backend (GTK_A11Y=test): what each GTK can do, it does. Needs a display. */
#include "config.h"

#include "msk-a11y.h"

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_announce (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first = gtk_button_new_with_label ("First");
  GtkWidget *second = gtk_button_new_with_label ("Second");

  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  msk_a11y_set_description (first, "Its own description");
  gtk_widget_grab_focus (first);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == first);

  msk_a11y_announce (second, "Something happened", MSK_A11Y_PRIORITY_HIGH);
#if GTK_CHECK_VERSION(4, 14, 0)
  /* An announcement proper: nobody's description changes. */
  gtk_test_accessible_assert_property (first, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Its own description");
#else
  /* The focused widget, not the one passed, carries the message. */
  gtk_test_accessible_assert_property (first, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Something happened");
  msk_a11y_announce (second, "Something else", MSK_A11Y_PRIORITY_LOW);
  gtk_test_accessible_assert_property (first, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Something else");
#endif

  /* When the focus moves on, the widget has its own description again. */
  gtk_widget_grab_focus (second);
  iterate ();
  gtk_test_accessible_assert_property (first, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Its own description");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *label = g_strdup_printf ("Row %s", text);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  msk_a11y_set_list_item_label (item, label);
}

static void
test_list_item_label (void)
{
  const char *const strings[] = { "one", "two", "three", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSelectionModel *model;
  GtkWidget *view;
  GtkWidget *row_child = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  model = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (gtk_string_list_new (strings))));
  view = gtk_list_view_new (model, factory);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 200, 200);
  gtk_window_present (GTK_WINDOW (window));

  /* Find the child label of the first row once the view has made it. */
  for (guint i = 0; i < 100 && row_child == NULL; i++)
    {
      iterate ();
      for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *child = gtk_widget_get_first_child (row);

          if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), "one") == 0)
            row_child = child;
        }
      if (row_child == NULL)
        g_usleep (10000);
    }
  g_assert_nonnull (row_child);

#if GTK_CHECK_VERSION(4, 12, 0)
  /* The row itself is named, as a screen reader lists rows. */
  gtk_test_accessible_assert_property (gtk_widget_get_parent (row_child),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Row one");
#else
  /* Rows have no name of their own before GTK 4.12: the child carries it. */
  gtk_test_accessible_assert_property (row_child, GTK_ACCESSIBLE_PROPERTY_LABEL, "Row one");
#endif

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* An icon button is named by its label, not by the image inside it (which
 * GTK names after its class). */
static void
test_icon_button (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  GtkWidget *image;

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Read aloud", -1);
  gtk_box_append (GTK_BOX (box), button);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  msk_a11y_keep_label (button);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_button_set_icon_name (GTK_BUTTON (button), "media-playback-pause-symbolic");
  msk_a11y_keep_label (button);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Read aloud");

  /* Named containers: the icon inside a button is hidden from screen readers. */
  image = gtk_button_get_child (GTK_BUTTON (button));
  g_assert_true (GTK_IS_IMAGE (image));
  msk_a11y_name_containers (box, "A box");
  gtk_test_accessible_assert_state (image, GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/a11y/announce", test_announce);
  g_test_add_func ("/a11y/list-item-label", test_list_item_label);
  g_test_add_func ("/a11y/icon-button", test_icon_button);

  return g_test_run ();
}
