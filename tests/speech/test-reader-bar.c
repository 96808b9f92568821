/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "msk-focus-speaker.h"
#include "msk-null-sink.h"
#include "msk-reader-bar.h"
#include "msk-reader-view.h"

/* The reader bar and view in a window: accessible names, target sizes,
 * reading with the highlight on the displayed word, pause, stop, and the
 * "read this" action from elsewhere in a page. Needs a display (run
 * under xvfb-run). MSK_READER_SCREENSHOT=FILE.png saves the window with
 * a word highlighted. */

static const char *plain = "ذهب الولد إلى المدرسة صباحا. ثم عاد إلى البيت مع أصدقائه.";
static const char *vowelled =
  "ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ صَبَاحًا. ثُمَّ عَادَ إِلَى البَيْتِ مَعَ أَصْدِقَائِهِ.";

typedef struct
{
  GtkWindow       *window;
  GtkWidget       *page;
  MskReaderBar    *bar;
  MskReaderView   *view;
  GtkWidget       *other;
  MskAudioSink    *sink;
  MskSpeechEngine *engine;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GActionGroup *group;
  GtkWidget *scroller;

  f->sink = msk_null_sink_new (TRUE);
  f->engine = msk_speech_engine_new (f->sink);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 640, 300);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);

  f->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  f->view = MSK_READER_VIEW (msk_reader_view_new ());
  msk_reader_view_set_content (f->view, plain, vowelled, "ar");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->view));
  gtk_widget_set_vexpand (scroller, TRUE);

  f->bar = MSK_READER_BAR (msk_reader_bar_new ());
  msk_reader_bar_set_engine (f->bar, f->engine);
  msk_reader_bar_set_view (f->bar, f->view);

  f->other = gtk_button_new_with_label ("Read this");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (f->other), "reader.read-text");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (f->other), "s", "Hello from a card.");

  gtk_box_append (GTK_BOX (f->page), GTK_WIDGET (f->bar));
  gtk_box_append (GTK_BOX (f->page), scroller);
  gtk_box_append (GTK_BOX (f->page), f->other);
  group = msk_reader_bar_create_action_group (f->bar);
  gtk_widget_insert_action_group (f->page, "reader", group);
  g_object_unref (group);

  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->engine);
  g_clear_object (&f->sink);
}

static void
run_until (gboolean (*done) (Fixture *f),
           Fixture  *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static char *
highlighted_word (MskReaderView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "spoken-word");
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_starts_tag (&start, tag) && !gtk_text_iter_forward_to_tag_toggle (&start, tag))
    return NULL;
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, tag);
  return gtk_text_iter_get_text (&start, &end);
}

static gboolean
is_speaking (Fixture *f)
{
  return msk_speech_engine_get_state (f->engine) == MSK_SPEECH_STATE_SPEAKING;
}

static gboolean
is_paused (Fixture *f)
{
  return msk_speech_engine_get_state (f->engine) == MSK_SPEECH_STATE_PAUSED;
}

static gboolean
is_idle (Fixture *f)
{
  return msk_speech_engine_get_state (f->engine) == MSK_SPEECH_STATE_IDLE;
}

static gboolean
has_highlight (Fixture *f)
{
  g_autofree char *word = highlighted_word (f->view);
  return word != NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_t bounds;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
}

static void
test_accessible_controls (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *child;
  guint n_buttons = 0;

  run_for (100);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (f->bar), GTK_ACCESSIBLE_ROLE_TOOLBAR);

  /* Every icon button has a name, a tooltip and a target of 24 px or more. */
  child = gtk_widget_get_first_child (GTK_WIDGET (f->bar));
  for (child = gtk_widget_get_first_child (child); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_BUTTON (child))
        continue;
      n_buttons++;
      g_assert_nonnull (gtk_widget_get_tooltip_text (child));
      g_assert_cmpint (gtk_widget_get_width (child), >=, 24);
      g_assert_cmpint (gtk_widget_get_height (child), >=, 24);
    }
  g_assert_cmpuint (n_buttons, ==, 4);

  /* Nothing is read yet: only reading can start. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (f->bar)));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->view), "reader.stop", NULL)
                  && !is_idle (f));
}

static void
test_read_highlight (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *word = NULL;
  const char *screenshot = g_getenv ("MSK_READER_SCREENSHOT");
  g_auto(GStrv) words = g_strsplit_set ("ذهب الولد إلى المدرسة صباحا ثم عاد البيت مع أصدقائه",
                                        " ", -1);

  run_for (100);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "reader.play-pause", NULL);
  run_until (is_speaking, f);
  run_until (has_highlight, f);
  run_for (900);

  /* The highlight is on a displayed (unvowelled) word. */
  word = highlighted_word (f->view);
  g_test_message ("highlighted: %s", word);
  g_assert_true (g_strv_contains ((const char *const *) words, word));

  if (screenshot != NULL)
    save_screenshot (GTK_WIDGET (f->window), screenshot);

  /* Pause: the play button says what it does now. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "reader.play-pause", NULL);
  run_until (is_paused, f);
  run_for (50);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "reader.play-pause", NULL);
  run_until (is_speaking, f);

  /* Stop: the mark goes away. */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "reader.stop", NULL);
  run_until (is_idle, f);
  run_for (50);
  g_clear_pointer (&word, g_free);
  word = highlighted_word (f->view);
  g_assert_null (word);
}

static void
test_read_this_action (Fixture       *f,
                       gconstpointer  data)
{
  MskUtterance *utterance;

  run_for (100);
  /* A button outside the bar reads its own text through the page's group. */
  g_assert_true (gtk_widget_activate (f->other));
  run_until (is_speaking, f);
  utterance = msk_speech_engine_get_utterance (f->engine);
  g_assert_cmpstr (msk_utterance_get_text (utterance), ==, "Hello from a card.");
  run_for (200);
  g_assert_false (has_highlight (f)); /* not the view's text */

  gtk_widget_activate_action (f->other, "reader.stop", NULL);
  run_until (is_idle, f);
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->bar));
  GtkShortcutController *controller = NULL;
  GtkShortcut *play = NULL;
  g_autoptr(GString) triggers = g_string_new (NULL);

  run_for (100);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (item))
        controller = GTK_SHORTCUT_CONTROLLER (item);
    }
  g_assert_nonnull (controller);
  g_assert_cmpint (gtk_shortcut_controller_get_scope (controller), ==, GTK_SHORTCUT_SCOPE_MANAGED);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
      g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

      g_string_append_printf (triggers, "%s;", trigger);
      if (play == NULL)
        play = shortcut; /* the first is read / pause */
    }
  g_test_message ("shortcuts: %s", triggers->str);
  g_assert_nonnull (strstr (triggers->str, "<Shift><Control>r|AudioPlay;"));
  g_assert_nonnull (strstr (triggers->str, "<Shift><Control>x|AudioStop;"));
  g_assert_nonnull (strstr (triggers->str, "<Shift><Control>Page_Up|AudioPrev;"));
  g_assert_nonnull (strstr (triggers->str, "<Shift><Control>Page_Down|AudioNext;"));

  /* A bar that is not shown leaves the key to the one that is. */
  gtk_widget_set_visible (GTK_WIDGET (f->bar), FALSE);
  g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (play), 0,
                                                GTK_WIDGET (f->bar), NULL));
  gtk_widget_set_visible (GTK_WIDGET (f->bar), TRUE);
  run_for (50);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (play), 0,
                                               GTK_WIDGET (f->bar), NULL));
  run_until (is_speaking, f);
  msk_reader_bar_stop (f->bar);
  run_until (is_idle, f);
}

static MskUtterance *
focus_and_wait (GtkWidget       *widget,
                MskSpeechEngine *engine)
{
  gtk_widget_grab_focus (widget);
  run_for (400);
  return msk_speech_engine_get_utterance (engine);
}

static void
test_focus_speaker (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(MskAudioSink) sink = msk_null_sink_new (TRUE);
  g_autoptr(MskSpeechEngine) engine = msk_speech_engine_new (sink);
  g_autoptr(MskFocusSpeaker) speaker = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first = gtk_button_new_with_mnemonic ("_Send the complaint");
  GtkWidget *icon = gtk_button_new_from_icon_name ("edit-find-symbolic");
  GtkWidget *third = gtk_button_new_with_label ("تصويت");
  MskUtterance *spoken;

  gtk_widget_set_tooltip_text (icon, "Search the topics");
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), third);
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  run_for (100);

  g_assert_false (g_settings_get_boolean (settings, "speak-focused-item")); /* off by default */
  g_setenv ("MSK_SCREEN_READER", "0", TRUE);
  speaker = msk_focus_speaker_new (window, engine, settings);

  /* Off: nothing is said. */
  g_assert_null (focus_and_wait (icon, engine));

  /* On: a button's label without its mnemonic, an icon button's tooltip. */
  g_settings_set_boolean (settings, "speak-focused-item", TRUE);
  spoken = focus_and_wait (first, engine);
  g_assert_nonnull (spoken);
  g_assert_cmpstr (msk_utterance_get_text (spoken), ==, "Send the complaint");
  spoken = focus_and_wait (icon, engine);
  g_assert_cmpstr (msk_utterance_get_text (spoken), ==, "Search the topics");
  g_assert_cmpstr (msk_utterance_get_language (spoken), ==, "en");
  spoken = focus_and_wait (third, engine);
  g_assert_cmpstr (msk_utterance_get_text (spoken), ==, "تصويت");
  g_assert_cmpstr (msk_utterance_get_language (spoken), ==, "ar");

  /* Never while a screen reader runs. */
  g_clear_object (&speaker);
  g_setenv ("MSK_SCREEN_READER", "1", TRUE);
  speaker = msk_focus_speaker_new (window, engine, settings);
  spoken = focus_and_wait (first, engine);
  g_assert_cmpstr (msk_utterance_get_text (spoken), ==, "تصويت");

  msk_speech_engine_stop (engine);
  g_settings_reset (settings, "speak-focused-item");
  g_unsetenv ("MSK_SCREEN_READER");
  gtk_window_destroy (window);
  run_for (100);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/speech/reader-bar/accessible-controls", Fixture, NULL, fixture_set_up,
              test_accessible_controls, fixture_tear_down);
  g_test_add ("/speech/reader-bar/read-highlight", Fixture, NULL, fixture_set_up,
              test_read_highlight, fixture_tear_down);
  g_test_add ("/speech/reader-bar/read-this-action", Fixture, NULL, fixture_set_up,
              test_read_this_action, fixture_tear_down);

  g_test_add ("/speech/reader-bar/shortcuts", Fixture, NULL, fixture_set_up,
              test_shortcuts, fixture_tear_down);
  g_test_add_func ("/speech/reader-bar/focus-speaker", test_focus_speaker);

  return g_test_run ();
}
