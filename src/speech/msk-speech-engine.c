/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "msk-gst-sink.h"
#include "msk-null-sink.h"
#include "msk-speech-engine.h"
#include "msk-speech-error.h"

/**
 * MskSpeechEngine:
 *
 * Reads utterances aloud with espeak-ng on a worker thread of its own.
 *
 * The engine synthesizes one sentence at a time (espeak-ng is about a
 * thousand times faster than speech) and feeds the audio sink in blocks
 * of 20 ms, keeping at most 150 ms queued ahead of what is heard. Between
 * two blocks it looks at its command queue, so pause, resume, stop and the
 * moves between sentences take effect within a few tens of milliseconds.
 *
 * Every signal is emitted in the main context that was the thread
 * default when the engine was made, at the moment the audio reaches that
 * point: #MskSpeechEngine::word and #MskSpeechEngine::sentence give
 * character offsets (code points, from 0, end excluded) into the plain
 * text of the utterance, even when a vowelled speech text was spoken.
 *
 * espeak-ng is a process-wide library: all engines share it under one
 * lock.
 */

#define BLOCK_MS        20
#define AHEAD_MS        150
#define POLL_US         (5 * 1000)
#define TRIM_LEVEL      64    /* trailing samples quieter than this are silence */
#define KEEP_SILENCE_MS 60    /* silence kept between two runs of one sentence */
#define STALL_US        (2 * G_USEC_PER_SEC) /* a sink that plays nothing this long is done */

typedef enum
{
  CMD_SPEAK,
  CMD_PAUSE,
  CMD_RESUME,
  CMD_STOP,
  CMD_NEXT,
  CMD_PREVIOUS,
  CMD_QUIT,
} CommandType;

typedef struct
{
  CommandType   type;
  guint         generation;
  guint         sentence;
  MskUtterance *utterance;
} Command;

typedef enum
{
  EVENT_WORD,
  EVENT_SENTENCE,
  EVENT_STATE,
  EVENT_ERROR,
} EventKind;

typedef struct
{
  GWeakRef   engine;
  guint      generation;
  EventKind  kind;
  guint      a, b, c;
  GError    *error;
} Event;

/* An event waiting for the audio to reach it. */
typedef struct
{
  guint64   frame;
  EventKind kind;
  guint     a, b, c;
} Pending;

struct _MskSpeechEngine
{
  GObject          parent_instance;

  /* Main thread */
  GMainContext    *context;
  MskUtterance    *utterance;
  MskSpeechState   state;
  guint            generation;
  gboolean         halted;

  /* Shared, under lock */
  GMutex           lock;
  guint            rate;
  guint            pitch;
  guint            volume;
  char            *voice_ar;
  char            *voice_en;
  gboolean         silent_fallback;

  /* Owned by the worker once it runs */
  MskAudioSink    *sink;
  MskAudioSink    *fallback_sink;
  guint            sample_rate;
  char            *current_voice;

  GAsyncQueue     *commands;
  GThread         *thread;
};

G_DEFINE_FINAL_TYPE (MskSpeechEngine, msk_speech_engine, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (MskSpeechState, msk_speech_state,
                    G_DEFINE_ENUM_VALUE (MSK_SPEECH_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (MSK_SPEECH_STATE_SPEAKING, "speaking"),
                    G_DEFINE_ENUM_VALUE (MSK_SPEECH_STATE_PAUSED, "paused"))

enum {
  PROP_0,
  PROP_SINK,
  PROP_STATE,
  PROP_RATE,
  PROP_PITCH,
  PROP_VOLUME,
  PROP_VOICE_AR,
  PROP_VOICE_EN,
  PROP_SILENT_FALLBACK,
  N_PROPS
};

enum {
  SIGNAL_WORD,
  SIGNAL_SENTENCE,
  SIGNAL_STATE_CHANGED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* g_set_str() arrives in GLib 2.76. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* espeak-ng, shared by the process */

static GMutex espeak_lock;
static gsize espeak_once;
static espeak_ng_STATUS espeak_status;
static guint espeak_sample_rate;

typedef struct
{
  GArray         *audio;    /* gint16 */
  GArray         *pending;  /* Pending */
  guint64         base;     /* frame of the start of this espeak_Synth call */
  guint           seg_start;
  MskUtterance   *utterance;
  MskTextSpan     last_word;

  /* When nothing is queued, audio goes to the sink as it is made. */
  MskAudioSink   *sink;
  guint          *pos;
  guint64        *written;
  guint           ahead;
  guint           block;
  GError         *sink_error;
} SynthContext;

static SynthContext *synth_current;

static int
synth_cb (short        *wav,
          int           n_samples,
          espeak_EVENT *events)
{
  SynthContext *ctx = synth_current;

  if (ctx == NULL)
    return 0;

  for (espeak_EVENT *ev = events; ev->type != espeakEVENT_LIST_TERMINATED; ev++)
    {
      Pending p = { 0, };
      guint start, end;

      if (ev->type != espeakEVENT_WORD || ev->text_position < 1)
        continue;

      /* espeak-ng counts code points from 1 in the text it was given. */
      if (!msk_utterance_map_offset (ctx->utterance, ctx->seg_start + ev->text_position - 1,
                                     &start, &end))
        continue;
      if (start == ctx->last_word.start && end == ctx->last_word.end)
        continue; /* numbers give several events for one written word */

      ctx->last_word.start = start;
      ctx->last_word.end = end;
      p.frame = ctx->base + (guint64) MAX (ev->sample, 0);
      p.kind = EVENT_WORD;
      p.a = start;
      p.b = end;
      g_array_append_val (ctx->pending, p);
    }

  if (wav != NULL && n_samples > 0)
    g_array_append_vals (ctx->audio, wav, n_samples);

  if (ctx->sink != NULL)
    {
      guint64 played = msk_audio_sink_get_played (ctx->sink);

      while (*ctx->pos < ctx->audio->len && *ctx->written - played < ctx->ahead)
        {
          guint n = MIN (ctx->block, ctx->audio->len - *ctx->pos);

          if (!msk_audio_sink_write (ctx->sink, &g_array_index (ctx->audio, gint16, *ctx->pos), n,
                                     &ctx->sink_error))
            {
              ctx->sink = NULL; /* the play loop reports it */
              g_clear_error (&ctx->sink_error);
              break;
            }
          *ctx->pos += n;
          *ctx->written += n;
        }
    }

  return 0;
}

/**
 * msk_speech_engine_init_synthesizer:
 * @sample_rate: (out) (optional): the rate of the samples espeak-ng makes
 * @error: return location for an error
 *
 * Starts espeak-ng for the process, in synchronous mode, once. The engine
 * does it by itself; benchmarks call it to use espeak-ng directly under
 * the same conditions.
 *
 * Returns: whether espeak-ng is ready
 */
gboolean
msk_speech_engine_init_synthesizer (guint   *sample_rate,
                                    GError **error)
{
  if (g_once_init_enter (&espeak_once))
    {
      espeak_ng_ERROR_CONTEXT context = NULL;

      espeak_ng_InitializePath (NULL);
      espeak_status = espeak_ng_Initialize (&context);
      if (espeak_status == ENS_OK)
        espeak_status = espeak_ng_InitializeOutput (ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
      if (espeak_status == ENS_OK)
        espeak_sample_rate = (guint) espeak_ng_GetSampleRate ();
      espeak_ng_ClearErrorContext (&context);
      g_once_init_leave (&espeak_once, 1);
    }

  if (espeak_status != ENS_OK)
    {
      char message[512];

      espeak_ng_GetStatusCodeMessage (espeak_status, message, sizeof message);
      g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_SYNTHESIZER,
                   /* Translators: %s is the reason given by espeak-ng */
                   _("The speech synthesizer could not start: %s"), message);
      return FALSE;
    }

  if (sample_rate != NULL)
    *sample_rate = espeak_sample_rate;
  return TRUE;
}

/**
 * msk_speech_engine_lock_synthesizer:
 *
 * Takes the lock that serializes all use of espeak-ng in the process.
 * Code that calls espeak-ng directly (benchmarks) holds it meanwhile and
 * sets its own synthesis callback.
 */
void
msk_speech_engine_lock_synthesizer (void)
{
  g_mutex_lock (&espeak_lock);
}

void
msk_speech_engine_unlock_synthesizer (void)
{
  g_mutex_unlock (&espeak_lock);
}

/**
 * msk_speech_engine_list_voices:
 * @language: (nullable): "ar", "en" or %NULL for all
 *
 * Returns: (transfer full): the names of the installed espeak-ng voices
 *   for @language, to store in the `voice-ar` and `voice-en` settings
 */
char **
msk_speech_engine_list_voices (const char *language)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_null_terminated (8, NULL, TRUE);
  const espeak_VOICE **voices;

  if (!msk_speech_engine_init_synthesizer (NULL, NULL))
    return g_strv_builder_end (builder);

  g_mutex_lock (&espeak_lock);
  voices = espeak_ListVoices (NULL);
  for (guint i = 0; voices != NULL && voices[i] != NULL; i++)
    {
      /* languages: a priority byte, then a name, repeated; ends with an empty name */
      const char *first = voices[i]->languages;
      const char *langs = first;
      gboolean match = language == NULL;

      /* MBROLA voices need data Debian ships separately. */
      if (first == NULL || first[0] == '\0' || first[1] == '\0'
          || g_str_has_prefix (voices[i]->identifier, "mb/"))
        continue;

      while (!match && langs[0] != '\0' && langs[1] != '\0')
        {
          const char *name = langs + 1;

          if (g_str_equal (name, language)
              || (g_str_has_prefix (name, language) && name[strlen (language)] == '-'))
            match = TRUE;
          langs = name + strlen (name) + 1;
        }

      /* The voice's own language names it for espeak_SetVoiceByName(). */
      if (match && !g_strv_contains ((const char *const *) (gpointer) seen->pdata, first + 1))
        {
          g_ptr_array_add (seen, (gpointer) (first + 1));
          g_strv_builder_add (builder, first + 1);
        }
    }
  g_mutex_unlock (&espeak_lock);

  return g_strv_builder_end (builder);
}

/* Events to the main context */

static void
event_free (gpointer data)
{
  Event *event = data;

  g_weak_ref_clear (&event->engine);
  g_clear_error (&event->error);
  g_free (event);
}

static gboolean
dispatch_event (gpointer data)
{
  Event *event = data;
  g_autoptr(MskSpeechEngine) self = g_weak_ref_get (&event->engine);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  switch (event->kind)
    {
    case EVENT_WORD:
      if (event->generation == self->generation && !self->halted)
        g_signal_emit (self, signals[SIGNAL_WORD], 0, event->a, event->b);
      break;

    case EVENT_SENTENCE:
      if (event->generation == self->generation && !self->halted)
        g_signal_emit (self, signals[SIGNAL_SENTENCE], 0, event->a, event->b, event->c);
      break;

    case EVENT_STATE:
      if (event->generation == self->generation && self->state != (MskSpeechState) event->a)
        {
          self->state = event->a;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
          g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, event->a);
        }
      break;

    case EVENT_ERROR:
      g_signal_emit (self, signals[SIGNAL_ERROR], 0, event->error);
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
post_event (MskSpeechEngine *self,
            guint            generation,
            EventKind        kind,
            guint            a,
            guint            b,
            guint            c,
            GError          *error)
{
  Event *event = g_new0 (Event, 1);
  g_autoptr(GSource) source = NULL;

  g_weak_ref_init (&event->engine, self);
  event->generation = generation;
  event->kind = kind;
  event->a = a;
  event->b = b;
  event->c = c;
  event->error = error;

  /* Always through a source: g_main_context_invoke() would run the event right here, on the
   * worker, whenever nobody owns the main context at this moment; a handler there would touch
   * widgets off the main thread, and dropping the last reference would make dispose join the
   * worker from the worker itself. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_event, event, event_free);
  g_source_set_static_name (source, "[musharaka] speech event");
  g_source_attach (source, self->context);
}

static void
post_state (MskSpeechEngine *self,
            guint            generation,
            MskSpeechState   state)
{
  post_event (self, generation, EVENT_STATE, state, 0, 0, NULL);
}

static void
post_error (MskSpeechEngine *self,
            guint            generation,
            GError          *error)
{
  g_debug ("Read aloud: %s", error->message);
  post_event (self, generation, EVENT_ERROR, 0, 0, 0, error);
}

/* The worker */

static void
command_free (Command *cmd)
{
  if (cmd == NULL)
    return;
  g_clear_object (&cmd->utterance);
  g_free (cmd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Command, command_free)

static MskAudioSink *
active_sink (MskSpeechEngine *self)
{
  return self->fallback_sink ? self->fallback_sink : self->sink;
}

static gboolean
prepare_output (MskSpeechEngine *self,
                guint            generation)
{
  g_autoptr(GError) error = NULL;
  gboolean fallback;

  if (!msk_speech_engine_init_synthesizer (&self->sample_rate, &error))
    {
      post_error (self, generation, g_steal_pointer (&error));
      return FALSE;
    }

  /* A device may have appeared since the last time. */
  g_clear_object (&self->fallback_sink);
  if (msk_audio_sink_open (self->sink, self->sample_rate, &error))
    return TRUE;

  g_mutex_lock (&self->lock);
  fallback = self->silent_fallback;
  g_mutex_unlock (&self->lock);

  if (!fallback || !g_error_matches (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_NO_AUDIO_DEVICE))
    {
      post_error (self, generation, g_steal_pointer (&error));
      return FALSE;
    }

  /* No sound: the words are still shown as they would be spoken. */
  post_error (self, generation, g_steal_pointer (&error));
  self->fallback_sink = msk_null_sink_new (TRUE);
  return msk_audio_sink_open (self->fallback_sink, self->sample_rate, NULL);
}

static gboolean
select_voice (MskSpeechEngine  *self,
              const char       *language,
              GError          **error)
{
  g_autofree char *voice = NULL;
  guint rate, pitch, volume;

  g_mutex_lock (&self->lock);
  voice = g_strdup (g_str_equal (language, "ar") ? self->voice_ar : self->voice_en);
  rate = self->rate;
  pitch = self->pitch;
  volume = self->volume;
  g_mutex_unlock (&self->lock);

  if (voice == NULL || *voice == '\0')
    replace_str (&voice, language);

  if (g_strcmp0 (voice, self->current_voice) != 0)
    {
      if (espeak_SetVoiceByName (voice) != EE_OK)
        {
          g_autofree char *wanted = g_steal_pointer (&voice);

          if (!g_str_equal (wanted, language) && espeak_SetVoiceByName (language) == EE_OK)
            voice = g_strdup (language);
          if (voice == NULL)
            {
              g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_VOICE,
                           /* Translators: %s is the name of a voice */
                           _("The voice “%s” is not installed."), wanted);
              g_clear_pointer (&self->current_voice, g_free);
              return FALSE;
            }
        }
      replace_str (&self->current_voice, voice);
    }

  espeak_SetParameter (espeakRATE, (int) rate, 0);
  espeak_SetParameter (espeakPITCH, (int) pitch, 0);
  espeak_SetParameter (espeakVOLUME, (int) volume, 0);
  return TRUE;
}

static void
trim_silence (GArray *audio,
              guint   from,
              guint   keep)
{
  guint end = audio->len;

  while (end > from && ABS (g_array_index (audio, gint16, end - 1)) < TRIM_LEVEL)
    end--;
  end = MIN (audio->len, end + keep);
  g_array_set_size (audio, end);
}

/* Synthesizes one sentence into @audio (cleared first); its events go to
 * @pending with frames counted from @base. With @sink, the first blocks
 * go to it while the sentence is being made, so the listener does not
 * wait for the whole sentence; @pos and @written follow. */
static gboolean
synthesize_sentence (MskSpeechEngine  *self,
                     MskUtterance     *utterance,
                     guint             sentence,
                     guint64           base,
                     GArray           *audio,
                     GArray           *pending,
                     MskAudioSink     *sink,
                     guint            *pos,
                     guint64          *written,
                     GError          **error)
{
  const MskSpeechSegment *segments;
  guint n_segments;
  guint start, end;
  SynthContext ctx = { 0, };
  Pending marker = { 0, };
  gboolean ok = TRUE;
  gboolean first = TRUE;

  g_array_set_size (audio, 0);

  marker.frame = base;
  marker.kind = EVENT_SENTENCE;
  marker.a = sentence;
  if (msk_utterance_get_sentence_span (utterance, sentence, &start, &end))
    {
      marker.b = start;
      marker.c = end;
    }
  g_array_append_val (pending, marker);

  segments = msk_utterance_get_segments (utterance, &n_segments);

  ctx.audio = audio;
  ctx.pending = pending;
  ctx.utterance = utterance;
  ctx.last_word.start = ctx.last_word.end = G_MAXUINT;
  ctx.sink = sink;
  ctx.pos = pos;
  ctx.written = written;
  ctx.ahead = self->sample_rate * AHEAD_MS / 1000;
  ctx.block = self->sample_rate * BLOCK_MS / 1000;

  g_mutex_lock (&espeak_lock);
  synth_current = &ctx;
  espeak_SetSynthCallback (synth_cb);

  for (guint i = 0; i < n_segments && ok; i++)
    {
      g_autofree char *text = NULL;
      espeak_ERROR status;

      if (segments[i].sentence != sentence)
        continue;

      if (!first)
        trim_silence (audio, *pos, self->sample_rate * KEEP_SILENCE_MS / 1000);
      first = FALSE;

      if (!select_voice (self, segments[i].language, error))
        {
          ok = FALSE;
          break;
        }

      text = msk_utterance_dup_segment_text (utterance, i);
      ctx.base = base + audio->len;
      ctx.seg_start = segments[i].start;
      status = espeak_Synth (text, strlen (text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                             NULL, NULL);
      if (status != EE_OK)
        {
          g_set_error (error, MSK_SPEECH_ERROR, MSK_SPEECH_ERROR_SYNTHESIZER,
                       _("The speech synthesizer could not read this text."));
          ok = FALSE;
        }
    }

  synth_current = NULL;
  g_mutex_unlock (&espeak_lock);

  return ok;
}

static void
emit_due (MskSpeechEngine *self,
          guint            generation,
          GArray          *pending,
          guint64          played,
          guint           *heard_sentence)
{
  guint n = 0;

  while (n < pending->len && g_array_index (pending, Pending, n).frame <= played)
    {
      Pending *p = &g_array_index (pending, Pending, n);

      if (p->kind == EVENT_SENTENCE)
        *heard_sentence = p->a;
      post_event (self, generation, p->kind, p->a, p->b, p->c, NULL);
      n++;
    }
  if (n > 0)
    g_array_remove_range (pending, 0, n);
}

/* Reads one utterance. Returns a command that interrupted it and is for
 * the caller to run (another utterance, or quitting), or NULL. */
static Command *
speak_utterance (MskSpeechEngine *self,
                 Command         *speak)
{
  MskUtterance *utterance = speak->utterance;
  guint generation = speak->generation;
  guint n_sentences = msk_utterance_get_n_sentences (utterance);
  guint next_sentence = speak->sentence;
  guint heard_sentence = speak->sentence;
  g_autoptr(GArray) audio = g_array_new (FALSE, FALSE, sizeof (gint16));
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  guint pos = 0;
  guint64 written = 0;
  gboolean paused = FALSE;
  gboolean drained = FALSE;
  guint64 last_played = 0;
  gint64 last_progress = 0;
  MskAudioSink *sink;
  guint block, ahead;

  if (!prepare_output (self, generation))
    {
      post_state (self, generation, MSK_SPEECH_STATE_IDLE);
      return NULL;
    }

  sink = active_sink (self);
  block = self->sample_rate * BLOCK_MS / 1000;
  ahead = self->sample_rate * AHEAD_MS / 1000;
  msk_audio_sink_flush (sink);
  post_state (self, generation, MSK_SPEECH_STATE_SPEAKING);

  for (;;)
    {
      g_autoptr(Command) cmd = NULL;
      guint64 played;
      gboolean can_write;
      guint target = G_MAXUINT;

      /* The next sentence, once the last one is all queued. */
      if (pos >= audio->len && next_sentence < n_sentences && !paused)
        {
          g_autoptr(GError) error = NULL;

          pos = 0;
          if (!synthesize_sentence (self, utterance, next_sentence, written, audio, pending,
                                    written == 0 ? sink : NULL, &pos, &written, &error))
            {
              post_error (self, generation, g_steal_pointer (&error));
              break;
            }
          next_sentence++;
        }

      /* Everything is queued: let the sink play its last samples. */
      if (pos >= audio->len && next_sentence >= n_sentences && !drained)
        {
          msk_audio_sink_drain (sink);
          drained = TRUE;
        }

      played = msk_audio_sink_get_played (sink);
      if (played != last_played || paused || last_progress == 0)
        {
          last_played = played;
          last_progress = g_get_monotonic_time ();
        }
      else if (drained && g_get_monotonic_time () - last_progress > STALL_US)
        {
          g_debug ("Read aloud: the sound output stalled at %" G_GUINT64_FORMAT " of %"
                   G_GUINT64_FORMAT " frames", played, written);
          played = written;
        }

      if (!paused)
        emit_due (self, generation, pending, played, &heard_sentence);

      if (pos >= audio->len && next_sentence >= n_sentences && pending->len == 0
          && played >= written)
        break; /* all heard */

      can_write = !paused && pos < audio->len && written - played < ahead;
      if (can_write)
        cmd = g_async_queue_try_pop (self->commands);
      else if (paused)
        cmd = g_async_queue_pop (self->commands);
      else
        cmd = g_async_queue_timeout_pop (self->commands, POLL_US);

      if (cmd != NULL)
        {
          switch (cmd->type)
            {
            case CMD_PAUSE:
              if (!paused)
                {
                  msk_audio_sink_pause (sink);
                  paused = TRUE;
                  post_state (self, generation, MSK_SPEECH_STATE_PAUSED);
                }
              continue;

            case CMD_RESUME:
              if (paused)
                {
                  msk_audio_sink_resume (sink);
                  paused = FALSE;
                  post_state (self, generation, MSK_SPEECH_STATE_SPEAKING);
                }
              continue;

            case CMD_STOP:
              msk_audio_sink_flush (sink);
              post_state (self, generation, MSK_SPEECH_STATE_IDLE);
              return NULL;

            case CMD_NEXT:
              target = heard_sentence + 1;
              break;

            case CMD_PREVIOUS:
              target = heard_sentence > 0 ? heard_sentence - 1 : 0;
              break;

            case CMD_SPEAK:
            case CMD_QUIT:
              msk_audio_sink_flush (sink);
              return g_steal_pointer (&cmd);

            default:
              g_assert_not_reached ();
            }

          /* A move to another sentence: drop what is queued and go on there. */
          msk_audio_sink_flush (sink);
          g_array_set_size (audio, 0);
          g_array_set_size (pending, 0);
          pos = 0;
          written = 0;
          drained = FALSE;
          last_progress = 0;
          next_sentence = target;
          heard_sentence = MIN (target, n_sentences);
          if (paused)
            {
              paused = FALSE;
              post_state (self, generation, MSK_SPEECH_STATE_SPEAKING);
            }
          continue;
        }

      if (can_write)
        {
          g_autoptr(GError) error = NULL;
          guint n = MIN (block, audio->len - pos);

          if (!msk_audio_sink_write (sink, &g_array_index (audio, gint16, pos), n, &error))
            {
              post_error (self, generation, g_steal_pointer (&error));
              break;
            }
          pos += n;
          written += n;
        }
    }

  msk_audio_sink_flush (sink);
  post_state (self, generation, MSK_SPEECH_STATE_IDLE);
  return NULL;
}

static gpointer
worker_main (gpointer data)
{
  MskSpeechEngine *self = data;
  Command *cmd = NULL;

  for (;;)
    {
      if (cmd == NULL)
        cmd = g_async_queue_pop (self->commands);

      if (cmd->type == CMD_QUIT)
        {
          command_free (cmd);
          break;
        }

      if (cmd->type == CMD_SPEAK)
        {
          Command *next = speak_utterance (self, cmd);

          command_free (cmd);
          cmd = next;
        }
      else
        g_clear_pointer (&cmd, command_free); /* nothing is being read */
    }

  return NULL;
}

static void
push_command (MskSpeechEngine *self,
              CommandType      type,
              MskUtterance    *utterance,
              guint            sentence)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->type = type;
  cmd->generation = self->generation;
  cmd->sentence = sentence;
  cmd->utterance = utterance ? g_object_ref (utterance) : NULL;

  if (self->thread == NULL)
    self->thread = g_thread_new ("msk-speech", worker_main, self);

  g_async_queue_push (self->commands, cmd);
}

/* GObject */

static void
msk_speech_engine_constructed (GObject *object)
{
  MskSpeechEngine *self = MSK_SPEECH_ENGINE (object);

  G_OBJECT_CLASS (msk_speech_engine_parent_class)->constructed (object);

  if (self->sink == NULL)
    self->sink = msk_gst_sink_new ();
}

static void
msk_speech_engine_dispose (GObject *object)
{
  MskSpeechEngine *self = MSK_SPEECH_ENGINE (object);

  if (self->thread != NULL)
    {
      Command *quit = g_new0 (Command, 1);

      quit->type = CMD_QUIT;
      g_async_queue_push_front (self->commands, quit);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  g_clear_object (&self->utterance);
  g_clear_object (&self->fallback_sink);
  g_clear_object (&self->sink);

  G_OBJECT_CLASS (msk_speech_engine_parent_class)->dispose (object);
}

static void
msk_speech_engine_finalize (GObject *object)
{
  MskSpeechEngine *self = MSK_SPEECH_ENGINE (object);

  g_async_queue_unref (self->commands);
  g_main_context_unref (self->context);
  g_free (self->voice_ar);
  g_free (self->voice_en);
  g_free (self->current_voice);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (msk_speech_engine_parent_class)->finalize (object);
}

static void
msk_speech_engine_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MskSpeechEngine *self = MSK_SPEECH_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SINK:
      g_value_set_object (value, self->sink);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RATE:
      g_value_set_uint (value, msk_speech_engine_get_rate (self));
      break;
    case PROP_PITCH:
      g_value_set_uint (value, msk_speech_engine_get_pitch (self));
      break;
    case PROP_VOLUME:
      g_value_set_uint (value, msk_speech_engine_get_volume (self));
      break;
    case PROP_VOICE_AR:
      g_mutex_lock (&self->lock);
      g_value_set_string (value, self->voice_ar);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_VOICE_EN:
      g_mutex_lock (&self->lock);
      g_value_set_string (value, self->voice_en);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_SILENT_FALLBACK:
      g_mutex_lock (&self->lock);
      g_value_set_boolean (value, self->silent_fallback);
      g_mutex_unlock (&self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_locked_string (MskSpeechEngine *self,
                   char           **field,
                   const char      *value,
                   GParamSpec      *pspec)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = replace_str (field, value);
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
msk_speech_engine_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MskSpeechEngine *self = MSK_SPEECH_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SINK:
      self->sink = g_value_dup_object (value);
      break;
    case PROP_RATE:
      msk_speech_engine_set_rate (self, g_value_get_uint (value));
      break;
    case PROP_PITCH:
      msk_speech_engine_set_pitch (self, g_value_get_uint (value));
      break;
    case PROP_VOLUME:
      msk_speech_engine_set_volume (self, g_value_get_uint (value));
      break;
    case PROP_VOICE_AR:
      set_locked_string (self, &self->voice_ar, g_value_get_string (value), pspec);
      break;
    case PROP_VOICE_EN:
      set_locked_string (self, &self->voice_en, g_value_get_string (value), pspec);
      break;
    case PROP_SILENT_FALLBACK:
      g_mutex_lock (&self->lock);
      self->silent_fallback = g_value_get_boolean (value);
      g_mutex_unlock (&self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_speech_engine_class_init (MskSpeechEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = msk_speech_engine_constructed;
  object_class->dispose = msk_speech_engine_dispose;
  object_class->finalize = msk_speech_engine_finalize;
  object_class->get_property = msk_speech_engine_get_property;
  object_class->set_property = msk_speech_engine_set_property;

  /**
   * MskSpeechEngine:sink:
   *
   * Where the audio goes; a #MskGstSink (the sound device) by default.
   */
  properties[PROP_SINK] =
    g_param_spec_object ("sink", NULL, NULL, MSK_TYPE_AUDIO_SINK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MSK_TYPE_SPEECH_STATE, MSK_SPEECH_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MskSpeechEngine:rate:
   *
   * The speed in words per minute; applies from the next sentence.
   */
  properties[PROP_RATE] =
    g_param_spec_uint ("rate", NULL, NULL, MSK_SPEECH_RATE_MIN, MSK_SPEECH_RATE_MAX,
                       MSK_SPEECH_RATE_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PITCH] =
    g_param_spec_uint ("pitch", NULL, NULL, 0, 100, 50,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VOLUME] =
    g_param_spec_uint ("volume", NULL, NULL, 0, 200, 100,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MskSpeechEngine:voice-ar:
   *
   * The espeak-ng voice for Arabic runs of text, such as "ar".
   */
  properties[PROP_VOICE_AR] =
    g_param_spec_string ("voice-ar", NULL, NULL, "ar",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MskSpeechEngine:voice-en:
   *
   * The espeak-ng voice for Latin runs of text, such as "en" or "en-us".
   */
  properties[PROP_VOICE_EN] =
    g_param_spec_string ("voice-en", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MskSpeechEngine:silent-fallback:
   *
   * Whether, without a sound device, the engine still goes through the
   * text at the pace of speech (after emitting #MskSpeechEngine::error),
   * so the highlighted words can be followed.
   */
  properties[PROP_SILENT_FALLBACK] =
    g_param_spec_boolean ("silent-fallback", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MskSpeechEngine::word:
   * @start: the first character of the word in the plain text
   * @end: the character after the word
   *
   * A word is being heard.
   */
  signals[SIGNAL_WORD] =
    g_signal_new ("word", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * MskSpeechEngine::sentence:
   * @index: the index of the sentence in the utterance
   * @start: its first character in the plain text
   * @end: the character after it
   *
   * A sentence starts being heard.
   */
  signals[SIGNAL_SENTENCE] =
    g_signal_new ("sentence", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * MskSpeechEngine::state-changed:
   * @state: the new #MskSpeechState
   *
   * Reading started, paused, went on or ended (at the end of the text, on
   * stop or on an error).
   */
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, MSK_TYPE_SPEECH_STATE);

  /**
   * MskSpeechEngine::error:
   * @error: a #GError in the %MSK_SPEECH_ERROR domain, with a translated
   *   message to show as it is
   *
   * Something went wrong. With %MSK_SPEECH_ERROR_NO_AUDIO_DEVICE and
   * #MskSpeechEngine:silent-fallback, reading goes on without sound.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
msk_speech_engine_init (MskSpeechEngine *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->commands = g_async_queue_new_full ((GDestroyNotify) command_free);
  self->rate = MSK_SPEECH_RATE_DEFAULT;
  self->pitch = 50;
  self->volume = 100;
  self->voice_ar = g_strdup ("ar");
  self->voice_en = g_strdup ("en");
  self->silent_fallback = TRUE;
}

/**
 * msk_speech_engine_new:
 * @sink: (nullable): where the audio goes; %NULL for the sound device
 *
 * Makes an engine. Its signals are emitted in the thread-default main
 * context of the caller.
 *
 * Returns: (transfer full): a new engine
 */
MskSpeechEngine *
msk_speech_engine_new (MskAudioSink *sink)
{
  g_return_val_if_fail (sink == NULL || MSK_IS_AUDIO_SINK (sink), NULL);

  return g_object_new (MSK_TYPE_SPEECH_ENGINE, "sink", sink, NULL);
}

MskAudioSink *
msk_speech_engine_get_sink (MskSpeechEngine *self)
{
  g_return_val_if_fail (MSK_IS_SPEECH_ENGINE (self), NULL);
  return self->sink;
}

/**
 * msk_speech_engine_speak_from:
 * @utterance: what to read
 * @sentence: the sentence to start with
 *
 * Reads @utterance from @sentence on, instead of anything being read.
 */
void
msk_speech_engine_speak_from (MskSpeechEngine *self,
                              MskUtterance    *utterance,
                              guint            sentence)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  g_return_if_fail (MSK_IS_UTTERANCE (utterance));

  g_set_object (&self->utterance, utterance);
  self->generation++;
  self->halted = FALSE;
  push_command (self, CMD_SPEAK, utterance, sentence);
}

/**
 * msk_speech_engine_speak:
 * @utterance: what to read
 *
 * Reads @utterance from the start, instead of anything being read.
 */
void
msk_speech_engine_speak (MskSpeechEngine *self,
                         MskUtterance    *utterance)
{
  msk_speech_engine_speak_from (self, utterance, 0);
}

void
msk_speech_engine_pause (MskSpeechEngine *self)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  push_command (self, CMD_PAUSE, NULL, 0);
}

void
msk_speech_engine_resume (MskSpeechEngine *self)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  push_command (self, CMD_RESUME, NULL, 0);
}

/**
 * msk_speech_engine_stop:
 *
 * Stops reading. No #MskSpeechEngine::word is emitted after this call;
 * #MskSpeechEngine::state-changed follows when the sound has stopped.
 */
void
msk_speech_engine_stop (MskSpeechEngine *self)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  self->halted = TRUE;
  push_command (self, CMD_STOP, NULL, 0);
}

/**
 * msk_speech_engine_next_sentence:
 *
 * Skips to the start of the sentence after the one being heard (and
 * goes on reading if paused). After the last sentence, reading ends.
 */
void
msk_speech_engine_next_sentence (MskSpeechEngine *self)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  push_command (self, CMD_NEXT, NULL, 0);
}

/**
 * msk_speech_engine_previous_sentence:
 *
 * Goes back to the start of the sentence before the one being heard (or
 * of the first sentence).
 */
void
msk_speech_engine_previous_sentence (MskSpeechEngine *self)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  push_command (self, CMD_PREVIOUS, NULL, 0);
}

MskSpeechState
msk_speech_engine_get_state (MskSpeechEngine *self)
{
  g_return_val_if_fail (MSK_IS_SPEECH_ENGINE (self), MSK_SPEECH_STATE_IDLE);
  return self->state;
}

/**
 * msk_speech_engine_get_utterance:
 *
 * Returns: (transfer none) (nullable): the utterance last given to speak
 */
MskUtterance *
msk_speech_engine_get_utterance (MskSpeechEngine *self)
{
  g_return_val_if_fail (MSK_IS_SPEECH_ENGINE (self), NULL);
  return self->utterance;
}

static guint
get_locked_uint (MskSpeechEngine *self,
                 guint           *field)
{
  guint value;

  g_mutex_lock (&self->lock);
  value = *field;
  g_mutex_unlock (&self->lock);

  return value;
}

static void
set_locked_uint (MskSpeechEngine *self,
                 guint           *field,
                 guint            value,
                 GParamSpec      *pspec)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = *field != value;
  *field = value;
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

guint
msk_speech_engine_get_rate (MskSpeechEngine *self)
{
  g_return_val_if_fail (MSK_IS_SPEECH_ENGINE (self), MSK_SPEECH_RATE_DEFAULT);
  return get_locked_uint (self, &self->rate);
}

void
msk_speech_engine_set_rate (MskSpeechEngine *self,
                            guint            rate)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  set_locked_uint (self, &self->rate, CLAMP (rate, MSK_SPEECH_RATE_MIN, MSK_SPEECH_RATE_MAX),
                   properties[PROP_RATE]);
}

guint
msk_speech_engine_get_pitch (MskSpeechEngine *self)
{
  g_return_val_if_fail (MSK_IS_SPEECH_ENGINE (self), 50);
  return get_locked_uint (self, &self->pitch);
}

void
msk_speech_engine_set_pitch (MskSpeechEngine *self,
                             guint            pitch)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  set_locked_uint (self, &self->pitch, MIN (pitch, 100), properties[PROP_PITCH]);
}

guint
msk_speech_engine_get_volume (MskSpeechEngine *self)
{
  g_return_val_if_fail (MSK_IS_SPEECH_ENGINE (self), 100);
  return get_locked_uint (self, &self->volume);
}

void
msk_speech_engine_set_volume (MskSpeechEngine *self,
                              guint            volume)
{
  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  set_locked_uint (self, &self->volume, MIN (volume, 200), properties[PROP_VOLUME]);
}

/**
 * msk_speech_engine_bind_settings:
 * @settings: the application's settings
 *
 * Follows the read-aloud keys of @settings: `speech-rate`, `speech-pitch`,
 * `speech-volume`, `voice-ar` and `voice-en`. Keys the schema lacks are
 * skipped.
 */
void
msk_speech_engine_bind_settings (MskSpeechEngine *self,
                                 GSettings       *settings)
{
  static const struct { const char *key; const char *property; } bindings[] = {
    { "speech-rate", "rate" },
    { "speech-pitch", "pitch" },
    { "speech-volume", "volume" },
    { "voice-ar", "voice-ar" },
    { "voice-en", "voice-en" },
  };
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_if_fail (MSK_IS_SPEECH_ENGINE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_object_get (settings, "settings-schema", &schema, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    if (g_settings_schema_has_key (schema, bindings[i].key))
      g_settings_bind (settings, bindings[i].key, self, bindings[i].property,
                       G_SETTINGS_BIND_GET);
}
