/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-reader-bar.h"

/**
 * MskReaderBar:
 *
 * The read-aloud controls every content page embeds: previous sentence,
 * read / pause, next sentence, stop, and the speed. It reads the content
 * of an #MskReaderView (its vowelled speech text when it has one) and
 * marks the spoken word there, or any text given to
 * msk_reader_bar_read_text().
 *
 * Its actions, in the `reader` group: `reader.play-pause`, `reader.stop`,
 * `reader.previous-sentence`, `reader.next-sentence`, `reader.faster`,
 * `reader.slower`, `reader.read-text` (a string: the plain text to read)
 * and `reader.read-content` (`(sss)`: plain text, speech text or "",
 * language "ar", "en" or ""). Widgets inside the bar reach them directly;
 * for the rest of a page, insert msk_reader_bar_create_action_group() on
 * the page under the name "reader".
 *
 * Keyboard shortcuts, active in the whole window while the bar is shown:
 * Ctrl+Shift+R read / pause, Ctrl+Shift+X stop, Ctrl+Shift+Page Up
 * previous sentence, Ctrl+Shift+Page Down next sentence; the media keys
 * too.
 *
 * Bars may share one #MskSpeechEngine (msk_reader_bar_set_engine()); each
 * bar only follows the utterances it started. Without an engine, the bar
 * makes its own, playing on the sound device.
 */
struct _MskReaderBar
{
  AdwBin           parent_instance;

  /* Owned */
  MskSpeechEngine *engine;
  MskUtterance    *utterance;  /* the last one this bar started */
  MskReaderView   *view;
  GSettings       *settings;
  gboolean         utterance_from_view;

  /* Template widgets */
  GtkButton       *previous_button;
  GtkButton       *play_button;
  GtkButton       *next_button;
  GtkButton       *stop_button;
  GtkLabel        *speed_value_label;
  GtkLabel        *status_label;

  /* Index in speed_steps */
  guint            speed;
};

G_DEFINE_FINAL_TYPE (MskReaderBar, msk_reader_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  READING_STARTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Words per minute of the speed choices, slowest first. */
static const guint speed_steps[] = { 110, 150, 190, 240 };
static const char *speed_names[] = {
  NC_("reading speed", "Slow"),
  NC_("reading speed", "Normal"),
  NC_("reading speed", "Fast"),
  NC_("reading speed", "Very fast"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (speed_steps) == G_N_ELEMENTS (speed_names));

static void set_speed (MskReaderBar *self,
                       guint         speed);

static MskSpeechEngine *
ensure_engine (MskReaderBar *self)
{
  if (self->engine == NULL)
    {
      g_autoptr(MskSpeechEngine) engine = msk_speech_engine_new (NULL);

      if (self->settings != NULL)
        msk_speech_engine_bind_settings (engine, self->settings);
      msk_reader_bar_set_engine (self, engine);
    }

  return self->engine;
}

/* The state of this bar's reading: the engine may be reading for another bar. */
static MskSpeechState
own_state (MskReaderBar *self)
{
  if (self->engine == NULL || self->utterance == NULL
      || msk_speech_engine_get_utterance (self->engine) != self->utterance)
    return MSK_SPEECH_STATE_IDLE;

  return msk_speech_engine_get_state (self->engine);
}


/* What the bar is doing, in words; never empty, so that a screen reader
 * has a status to say rather than the label's class name. */
static void
set_status (MskReaderBar *self,
            const char   *status)
{
  gtk_label_set_text (self->status_label,
                      status != NULL && status[0] != '\0' ? status : _("Not reading"));
}

static void
update_controls (MskReaderBar *self)
{
  MskSpeechState state = own_state (self);
  const char *label;
  const char *tooltip;
  const char *icon;
  const char *status = NULL;

  switch (state)
    {
    case MSK_SPEECH_STATE_SPEAKING:
      icon = "media-playback-pause-symbolic";
      label = _("Pause reading");
      tooltip = _("Pause reading (Ctrl+Shift+R)");
      status = _("Reading aloud");
      break;

    case MSK_SPEECH_STATE_PAUSED:
      icon = "media-playback-start-symbolic";
      label = _("Continue reading");
      tooltip = _("Continue reading (Ctrl+Shift+R)");
      status = _("Paused");
      break;

    case MSK_SPEECH_STATE_IDLE:
    default:
      icon = "media-playback-start-symbolic";
      label = _("Read aloud");
      tooltip = _("Read aloud (Ctrl+Shift+R)");
      break;
    }

  gtk_button_set_icon_name (self->play_button, icon);
  msk_a11y_keep_label (GTK_WIDGET (self->play_button));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* An error (no sound device, say) stays in words until the next reading
   * starts, even while the words go on being marked without sound. */
  if (gtk_widget_has_css_class (GTK_WIDGET (self->status_label), "error"))
    ;
  else if (status != NULL)
    set_status (self, status);
  else if (state == MSK_SPEECH_STATE_IDLE)
    set_status (self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.stop",
                                 state != MSK_SPEECH_STATE_IDLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.previous-sentence",
                                 state != MSK_SPEECH_STATE_IDLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.next-sentence",
                                 state != MSK_SPEECH_STATE_IDLE);
}

static void
clear_error (MskReaderBar *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  set_status (self, NULL);
}

static gboolean
is_ours (MskReaderBar *self)
{
  return self->utterance != NULL
         && msk_speech_engine_get_utterance (self->engine) == self->utterance;
}

static void
word_cb (MskReaderBar    *self,
         guint            start,
         guint            end,
         MskSpeechEngine *engine)
{
  if (is_ours (self) && self->utterance_from_view && self->view != NULL)
    msk_reader_view_highlight_word (self->view, start, end);
}

static void
sentence_cb (MskReaderBar    *self,
             guint            index,
             guint            start,
             guint            end,
             MskSpeechEngine *engine)
{
  if (is_ours (self) && self->utterance_from_view && self->view != NULL && end > start)
    msk_reader_view_highlight_sentence (self->view, start, end);
}

static void
state_changed_cb (MskReaderBar    *self,
                  MskSpeechState   state,
                  MskSpeechEngine *engine)
{
  if (state == MSK_SPEECH_STATE_IDLE && self->view != NULL && self->utterance_from_view)
    msk_reader_view_clear_highlight (self->view);

  update_controls (self);
}

static void
error_cb (MskReaderBar    *self,
          const GError    *error,
          MskSpeechEngine *engine)
{
  if (!is_ours (self))
    return;

  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  set_status (self, error->message);
  msk_a11y_announce (GTK_WIDGET (self->play_button), error->message, MSK_A11Y_PRIORITY_HIGH);
}

static void
speak (MskReaderBar *self,
       MskUtterance *utterance,
       guint         sentence,
       gboolean      from_view)
{
  MskSpeechEngine *engine = ensure_engine (self);

  clear_error (self);
  if (self->view != NULL)
    msk_reader_view_clear_highlight (self->view);

  g_set_object (&self->utterance, utterance);
  self->utterance_from_view = from_view;
  msk_speech_engine_speak_from (engine, utterance, sentence);
  update_controls (self);
  g_signal_emit (self, signals[READING_STARTED], 0);
}

/**
 * msk_reader_bar_play_pause:
 *
 * Pauses or goes on when this bar is reading; otherwise reads the view's
 * content from the sentence of the caret.
 */
void
msk_reader_bar_play_pause (MskReaderBar *self)
{
  g_return_if_fail (MSK_IS_READER_BAR (self));

  switch (own_state (self))
    {
    case MSK_SPEECH_STATE_SPEAKING:
      msk_speech_engine_pause (self->engine);
      break;

    case MSK_SPEECH_STATE_PAUSED:
      msk_speech_engine_resume (self->engine);
      break;

    case MSK_SPEECH_STATE_IDLE:
    default:
      if (self->view != NULL)
        {
          g_autoptr(MskUtterance) utterance = msk_reader_view_dup_utterance (self->view);

          if (msk_utterance_get_n_sentences (utterance) > 0)
            speak (self, utterance, msk_reader_view_get_start_sentence (self->view), TRUE);
        }
      break;
    }
}

void
msk_reader_bar_stop (MskReaderBar *self)
{
  g_return_if_fail (MSK_IS_READER_BAR (self));

  if (own_state (self) != MSK_SPEECH_STATE_IDLE)
    msk_speech_engine_stop (self->engine);
}

void
msk_reader_bar_next_sentence (MskReaderBar *self)
{
  g_return_if_fail (MSK_IS_READER_BAR (self));

  if (own_state (self) != MSK_SPEECH_STATE_IDLE)
    msk_speech_engine_next_sentence (self->engine);
}

void
msk_reader_bar_previous_sentence (MskReaderBar *self)
{
  g_return_if_fail (MSK_IS_READER_BAR (self));

  if (own_state (self) != MSK_SPEECH_STATE_IDLE)
    msk_speech_engine_previous_sentence (self->engine);
}

/**
 * msk_reader_bar_read_text:
 * @text: the plain text to read
 * @speech_text: (nullable): its vowelled speech form, or %NULL
 * @language: (nullable): "ar" or "en"; %NULL guesses
 *
 * Reads any piece of content (the "read this" action of a row or a card).
 * When @text is the content of the bar's view, the spoken words are
 * marked there too.
 */
void
msk_reader_bar_read_text (MskReaderBar *self,
                          const char   *text,
                          const char   *speech_text,
                          const char   *language)
{
  g_autoptr(MskUtterance) utterance = NULL;
  gboolean from_view;

  g_return_if_fail (MSK_IS_READER_BAR (self));
  g_return_if_fail (text != NULL);

  from_view = self->view != NULL
              && g_strcmp0 (msk_reader_view_get_text (self->view), text) == 0;
  if (from_view && (speech_text == NULL || *speech_text == '\0'))
    utterance = msk_reader_view_dup_utterance (self->view);
  else
    utterance = msk_utterance_new (text, speech_text, language);

  if (msk_utterance_get_n_sentences (utterance) > 0)
    speak (self, utterance, 0, from_view);
}

static void
change_speed (MskReaderBar *self,
              int           steps)
{
  int wanted = CLAMP ((int) self->speed + steps, 0, (int) G_N_ELEMENTS (speed_steps) - 1);

  set_speed (self, wanted);
}

/* Actions */

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  msk_reader_bar_play_pause (MSK_READER_BAR (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  msk_reader_bar_stop (MSK_READER_BAR (widget));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  msk_reader_bar_next_sentence (MSK_READER_BAR (widget));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  msk_reader_bar_previous_sentence (MSK_READER_BAR (widget));
}

static void
faster_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  change_speed (MSK_READER_BAR (widget), 1);
}

static void
slower_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  change_speed (MSK_READER_BAR (widget), -1);
}

static void
read_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  msk_reader_bar_read_text (MSK_READER_BAR (widget), g_variant_get_string (param, NULL), NULL,
                            NULL);
}

static void
read_content_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  const char *text, *speech, *language;

  g_variant_get (param, "(&s&s&s)", &text, &speech, &language);
  msk_reader_bar_read_text (MSK_READER_BAR (widget), text, *speech ? speech : NULL,
                            *language ? language : NULL);
}

/* The same actions for the rest of a page, forwarded to the bar. */
static void
forward_activate_cb (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       data)
{
  g_autoptr(MskReaderBar) self = g_weak_ref_get (data);
  g_autofree char *name = NULL;

  if (self == NULL)
    return;

  name = g_strconcat ("reader.", g_action_get_name (G_ACTION (action)), NULL);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), name, param);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * msk_reader_bar_create_action_group:
 *
 * Makes the bar's actions available to a whole page: insert the group
 * with gtk_widget_insert_action_group (page, "reader", group), then any
 * button, menu item or row of the page can use `reader.read-text` (its
 * plain text as the target), `reader.read-content` or the controls.
 *
 * Returns: (transfer full): a new action group that forwards to the bar
 */
GActionGroup *
msk_reader_bar_create_action_group (MskReaderBar *self)
{
  static const struct { const char *name; const char *type; } actions[] = {
    { "play-pause", NULL },
    { "stop", NULL },
    { "previous-sentence", NULL },
    { "next-sentence", NULL },
    { "faster", NULL },
    { "slower", NULL },
    { "read-text", "s" },
    { "read-content", "(sss)" },
  };
  GSimpleActionGroup *group;
  GWeakRef *ref;

  g_return_val_if_fail (MSK_IS_READER_BAR (self), NULL);

  group = g_simple_action_group_new ();
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_object_set_data_full (G_OBJECT (group), "msk-reader-bar", ref, weak_ref_free);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GSimpleAction) action = NULL;

      action = g_simple_action_new (actions[i].name, actions[i].type
                                                    ? G_VARIANT_TYPE (actions[i].type) : NULL);
      g_signal_connect (action, "activate", G_CALLBACK (forward_activate_cb), ref);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }

  return G_ACTION_GROUP (group);
}

/* Speed */

static void
show_speed (MskReaderBar *self)
{
  gtk_label_set_label (self->speed_value_label,
                       g_dpgettext2 (NULL, "reading speed", speed_names[self->speed]));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.slower", self->speed > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reader.faster",
                                 self->speed + 1 < G_N_ELEMENTS (speed_steps));
}

static void
set_speed (MskReaderBar *self,
           guint         speed)
{
  guint rate;

  if (speed >= G_N_ELEMENTS (speed_steps))
    return;

  self->speed = speed;
  show_speed (self);

  rate = speed_steps[speed];
  if (self->settings != NULL)
    {
      if (g_settings_get_uint (self->settings, "speech-rate") != rate)
        g_settings_set_uint (self->settings, "speech-rate", rate);
    }
  else
    msk_speech_engine_set_rate (ensure_engine (self), rate);
}

static void
sync_speed (MskReaderBar *self,
            guint         rate)
{
  guint nearest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (speed_steps); i++)
    if (ABS ((int) speed_steps[i] - (int) rate) < ABS ((int) speed_steps[nearest] - (int) rate))
      nearest = i;

  if (self->speed != nearest)
    {
      self->speed = nearest;
      show_speed (self);
    }
}

static void
settings_changed_cb (MskReaderBar *self,
                     const char   *key,
                     GSettings    *settings)
{
  if (g_str_equal (key, "speech-rate"))
    sync_speed (self, g_settings_get_uint (settings, "speech-rate"));
  else if (g_str_equal (key, "highlight-spoken-word") && self->view != NULL)
    msk_reader_view_set_highlight (self->view,
                                   g_settings_get_boolean (settings, "highlight-spoken-word"));
}

/**
 * msk_reader_bar_set_settings:
 * @settings: the application's settings
 *
 * Follows `speech-rate` (the speed choice writes it) and
 * `highlight-spoken-word` (for the view). An engine the bar makes itself
 * follows the other read-aloud keys; a shared engine should be bound
 * once with msk_speech_engine_bind_settings().
 */
void
msk_reader_bar_set_settings (MskReaderBar *self,
                             GSettings    *settings)
{
  g_return_if_fail (MSK_IS_READER_BAR (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (settings == NULL)
    return;

  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  settings_changed_cb (self, "speech-rate", settings);
  settings_changed_cb (self, "highlight-spoken-word", settings);
}

/* Engine and view */

MskSpeechEngine *
msk_reader_bar_get_engine (MskReaderBar *self)
{
  g_return_val_if_fail (MSK_IS_READER_BAR (self), NULL);
  return self->engine;
}

/**
 * msk_reader_bar_set_engine:
 * @engine: (nullable): the engine to read with, usually one for the app
 */
void
msk_reader_bar_set_engine (MskReaderBar    *self,
                           MskSpeechEngine *engine)
{
  g_return_if_fail (MSK_IS_READER_BAR (self));
  g_return_if_fail (engine == NULL || MSK_IS_SPEECH_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    {
      if (own_state (self) != MSK_SPEECH_STATE_IDLE)
        msk_speech_engine_stop (self->engine);
      g_signal_handlers_disconnect_by_data (self->engine, self);
    }
  g_set_object (&self->engine, engine);
  g_clear_object (&self->utterance);

  if (engine != NULL)
    {
      g_signal_connect_object (engine, "word", G_CALLBACK (word_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "sentence", G_CALLBACK (sentence_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "state-changed", G_CALLBACK (state_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "error", G_CALLBACK (error_cb), self, G_CONNECT_SWAPPED);
      if (self->settings == NULL)
        sync_speed (self, msk_speech_engine_get_rate (engine));
    }

  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

MskReaderView *
msk_reader_bar_get_view (MskReaderBar *self)
{
  g_return_val_if_fail (MSK_IS_READER_BAR (self), NULL);
  return self->view;
}

/**
 * msk_reader_bar_set_view:
 * @view: (nullable): the view whose content the bar reads and marks
 */
void
msk_reader_bar_set_view (MskReaderBar  *self,
                         MskReaderView *view)
{
  g_return_if_fail (MSK_IS_READER_BAR (self));
  g_return_if_fail (view == NULL || MSK_IS_READER_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL && self->utterance_from_view)
    msk_reader_bar_stop (self);
  g_set_object (&self->view, view);
  if (view != NULL && self->settings != NULL)
    msk_reader_view_set_highlight (view, g_settings_get_boolean (self->settings,
                                                                 "highlight-spoken-word"));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* GObject */

static void
msk_reader_bar_dispose (GObject *object)
{
  MskReaderBar *self = MSK_READER_BAR (object);

  if (self->engine != NULL && own_state (self) != MSK_SPEECH_STATE_IDLE)
    msk_speech_engine_stop (self->engine);

  /* The template binds the bin's child: take it from the bin first, or
   * both would unparent it (see msk_page_dispose_template()). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_READER_BAR);
  g_clear_object (&self->engine);
  g_clear_object (&self->utterance);
  g_clear_object (&self->view);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (msk_reader_bar_parent_class)->dispose (object);
}

static void
msk_reader_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MskReaderBar *self = MSK_READER_BAR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_reader_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MskReaderBar *self = MSK_READER_BAR (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      msk_reader_bar_set_engine (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      msk_reader_bar_set_view (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Every bar of a window registers its shortcuts with the window: only a
 * bar on screen answers, so the page shown is the one that reads. */
static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   action_name)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;

  return gtk_widget_activate_action (widget, action_name, NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accelerators,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                                                            accelerators),
                                                          gtk_callback_action_new (
                                                            shortcut_cb, (gpointer) action,
                                                            NULL)));
}

static void
msk_reader_bar_class_init (MskReaderBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_reader_bar_dispose;
  object_class->get_property = msk_reader_bar_get_property;
  object_class->set_property = msk_reader_bar_set_property;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, MSK_TYPE_SPEECH_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, MSK_TYPE_READER_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MskReaderBar::reading-started:
   *
   * The bar began reading something: the page, or a piece of content
   * through `reader.read-text` or `reader.read-content`.
   */
  signals[READING_STARTED] = g_signal_new ("reading-started", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/msk-reader-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MskReaderBar, previous_button);
  gtk_widget_class_bind_template_child (widget_class, MskReaderBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, MskReaderBar, next_button);
  gtk_widget_class_bind_template_child (widget_class, MskReaderBar, stop_button);
  gtk_widget_class_bind_template_child (widget_class, MskReaderBar, speed_value_label);
  gtk_widget_class_bind_template_child (widget_class, MskReaderBar, status_label);

  gtk_widget_class_install_action (widget_class, "reader.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "reader.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "reader.previous-sentence", NULL,
                                   previous_action);
  gtk_widget_class_install_action (widget_class, "reader.next-sentence", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "reader.faster", NULL, faster_action);
  gtk_widget_class_install_action (widget_class, "reader.slower", NULL, slower_action);
  gtk_widget_class_install_action (widget_class, "reader.read-text", "s", read_text_action);
  gtk_widget_class_install_action (widget_class, "reader.read-content", "(sss)",
                                   read_content_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
msk_reader_bar_init (MskReaderBar *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Icon buttons: their label, not their image, names them. */
  msk_a11y_keep_label (GTK_WIDGET (self->previous_button));
  msk_a11y_keep_label (GTK_WIDGET (self->play_button));
  msk_a11y_keep_label (GTK_WIDGET (self->next_button));
  msk_a11y_keep_label (GTK_WIDGET (self->stop_button));
  set_status (self, NULL);

  self->speed = 1;
  show_speed (self);

  /* Handled by the window, wherever the focus is, while the bar is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>r|XF86AudioPlay",
                "reader.play-pause");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>x|XF86AudioStop",
                "reader.stop");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>Page_Up|XF86AudioPrev",
                "reader.previous-sentence");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>Page_Down|XF86AudioNext",
                "reader.next-sentence");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Read aloud"),
                                  -1);
  update_controls (self);
}

/**
 * msk_reader_bar_new:
 *
 * Returns: a new reader bar; give it a view with msk_reader_bar_set_view()
 */
GtkWidget *
msk_reader_bar_new (void)
{
  return g_object_new (MSK_TYPE_READER_BAR, NULL);
}
