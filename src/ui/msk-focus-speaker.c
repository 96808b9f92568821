/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "msk-focus-speaker.h"
#include "msk-screen-reader.h"

/**
 * MskFocusSpeaker:
 *
 * "Speak the focused item", for people who do not use a screen reader:
 * when the keyboard focus of a window settles on a widget, its text is
 * read aloud. It follows the `speak-focused-item` setting (off by
 * default) and never speaks while a screen reader runs
 * (msk_screen_reader_is_running()), nor over content being read aloud.
 *
 * Keep one per window: `msk_focus_speaker_new (window, engine, settings)`
 * and keep the reference until the window is destroyed.
 */
struct _MskFocusSpeaker
{
  GObject          parent_instance;

  GtkWindow       *window;    /* weak */
  MskSpeechEngine *engine;
  GSettings       *settings;
  MskUtterance    *utterance; /* the last one spoken here */
  guint            timeout_id;
  gint64           checked_at;
  gboolean         screen_reader;
};

G_DEFINE_FINAL_TYPE (MskFocusSpeaker, msk_focus_speaker, G_TYPE_OBJECT)

/* Focus that stays this long is spoken; faster Tab presses are skipped. */
#define SETTLE_MS 150
/* How long the answer "a screen reader runs" is trusted. */
#define RECHECK_US (5 * G_USEC_PER_SEC)

static void
collect_labels (GtkWidget *widget,
                GString   *out,
                guint     *n)
{
  if (*n >= 3 || !gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        {
          if (out->len > 0)
            g_string_append (out, ". ");
          g_string_append (out, text);
          (*n)++;
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out, n);
}

/**
 * msk_focus_speaker_describe:
 * @widget: a widget
 *
 * What to say for @widget: the text of an entry, else the text of the
 * labels inside it (a button's label, a row's title and subtitle), else
 * its tooltip.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL
 */
char *
msk_focus_speaker_describe (GtkWidget *widget)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (GTK_IS_EDITABLE (widget))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (widget));

      if (text != NULL && *text != '\0')
        return g_strdup (text);
    }

  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append (out, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  else
    collect_labels (widget, out, &n);

  if (out->len == 0 && gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append (out, gtk_widget_get_tooltip_text (widget));

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
screen_reader_running (MskFocusSpeaker *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->checked_at == 0 || now - self->checked_at > RECHECK_US)
    {
      self->screen_reader = msk_screen_reader_is_running ();
      self->checked_at = now;
    }

  return self->screen_reader;
}

static gboolean
settled_cb (gpointer data)
{
  MskFocusSpeaker *self = data;
  g_autofree char *text = NULL;
  g_autoptr(MskUtterance) utterance = NULL;
  MskUtterance *current;
  GtkWidget *focus;

  self->timeout_id = 0;

  if (self->window == NULL || !g_settings_get_boolean (self->settings, "speak-focused-item")
      || screen_reader_running (self))
    return G_SOURCE_REMOVE;

  /* Content being read aloud is not cut off by moving the focus. */
  current = msk_speech_engine_get_utterance (self->engine);
  if (msk_speech_engine_get_state (self->engine) != MSK_SPEECH_STATE_IDLE
      && current != self->utterance)
    return G_SOURCE_REMOVE;

  focus = gtk_root_get_focus (GTK_ROOT (self->window));
  if (focus == NULL)
    return G_SOURCE_REMOVE;

  /* The focus is often on an inner part of a control. */
  text = msk_focus_speaker_describe (focus);
  if (text == NULL && gtk_widget_get_parent (focus) != NULL)
    text = msk_focus_speaker_describe (gtk_widget_get_parent (focus));
  if (text == NULL)
    return G_SOURCE_REMOVE;

  utterance = msk_utterance_new (text, NULL, NULL);
  g_set_object (&self->utterance, utterance);
  msk_speech_engine_speak (self->engine, utterance);

  return G_SOURCE_REMOVE;
}

static void
focus_changed_cb (MskFocusSpeaker *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (!g_settings_get_boolean (self->settings, "speak-focused-item"))
    return;

  self->timeout_id = g_timeout_add (SETTLE_MS, settled_cb, self);
}

static void
msk_focus_speaker_dispose (GObject *object)
{
  MskFocusSpeaker *self = MSK_FOCUS_SPEAKER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->window, self);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }
  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->utterance);

  G_OBJECT_CLASS (msk_focus_speaker_parent_class)->dispose (object);
}

static void
msk_focus_speaker_class_init (MskFocusSpeakerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_focus_speaker_dispose;
}

static void
msk_focus_speaker_init (MskFocusSpeaker *self)
{
}

/**
 * msk_focus_speaker_new:
 * @window: the window whose focus is followed
 * @engine: the engine to speak with
 * @settings: the application's settings (`speak-focused-item`)
 *
 * Returns: (transfer full): a new focus speaker
 */
MskFocusSpeaker *
msk_focus_speaker_new (GtkWindow       *window,
                       MskSpeechEngine *engine,
                       GSettings       *settings)
{
  MskFocusSpeaker *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (MSK_IS_SPEECH_ENGINE (engine), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MSK_TYPE_FOCUS_SPEAKER, NULL);
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
  self->engine = g_object_ref (engine);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (window, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}
