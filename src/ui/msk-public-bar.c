/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-a11y.h"
#include "msk-language.h"
#include "msk-public-bar.h"
#include "msk-screen-reader.h"
#include "msk-topic-text.h"

/**
 * MskPublicBar:
 *
 * The bar of a public computer's window. It says that nothing is kept, and
 * "Finish and Clear" ends the session (app.clear-session); what is not sent
 * yet is named first, to be waited for or discarded knowingly. After the
 * idle time it warns, in words, to the screen reader and aloud, and counts
 * down; any key or click gives the session its time again (WCAG 2.2.1),
 * else the session is cleared.
 */
struct _MskPublicBar
{
  GtkBox        parent_instance;

  /* Owned */
  MskContext   *context;
  GWeakRef      focus_before;  /* where the focus was when the warning came */

  guint         idle_timeout;  /* seconds */
  gint64        last_activity; /* monotonic */
  guint         tick_id;
  gulong        items_id;
  gboolean      warning;
  gboolean      waiting;       /* for what is not sent yet, to finish then */
  guint         last_said;     /* seconds left when the warning last changed */
  guint         waited;        /* seconds */
  gint64        cleared_at;    /* monotonic: when the last session's end was shown */

  /* Template widgets */
  GtkWidget    *notice_box;
  GtkWidget    *unsent_box;
  GtkWidget    *idle_box;
  GtkLabel     *notice_label;
  GtkButton    *finish_button;
  GtkLabel     *question_label;
  GtkButton    *wait_button;
  GtkLabel     *warning_label;
  GtkLabel     *count_label;
  GtkButton    *stay_button;
  GtkLabel     *cleared_label;
};

G_DEFINE_FINAL_TYPE (MskPublicBar, msk_public_bar, GTK_TYPE_BOX)

#define WAITING_RETRY_SECONDS 3

GtkWidget *
msk_public_bar_new (void)
{
  return g_object_new (MSK_TYPE_PUBLIC_BAR, NULL);
}

/**
 * msk_public_bar_dup_time_left:
 *
 * Returns: (transfer full): @seconds in words: "1 minute", "45 seconds"
 */
char *
msk_public_bar_dup_time_left (guint seconds)
{
  if (seconds >= 60 && seconds % 60 == 0)
    /* Translators: time left before a public session is cleared */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                         seconds / 60), seconds / 60);
  /* Translators: time left before a public session is cleared */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                          seconds);
}

static guint
warning_seconds (MskPublicBar *self)
{
  return MIN (MSK_PUBLIC_BAR_WARNING_SECONDS, self->idle_timeout / 2);
}

/* Aloud, for those who do not use a screen reader (which says it already
 * when one runs). */
static void
say_aloud (MskPublicBar *self,
           const char   *message)
{
  MskSpeechEngine *engine = self->context != NULL
                            ? msk_context_get_speech_engine (self->context) : NULL;

  if (engine != NULL && !msk_screen_reader_is_running ())
    {
      g_autoptr(MskUtterance) utterance =
        msk_utterance_new (message, NULL, msk_language_effective ());

      msk_speech_engine_speak (engine, utterance);
    }
}

static void
say (MskPublicBar    *self,
     const char      *message,
     MskA11yPriority  priority)
{
  msk_a11y_announce (GTK_WIDGET (self), message, priority);
  say_aloud (self, message);
}

static void
clear_session (MskPublicBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.clear-session", NULL);
}

/* What a finish would drop: everything not sent, with its titles. */
static GPtrArray *
unsent_titles (MskPublicBar *self,
               guint        *n_pending)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  GListModel *items;
  guint n;

  *n_pending = 0;
  if (self->context == NULL || msk_context_get_outbox (self->context) == NULL)
    return titles;
  items = msk_outbox_get_items (msk_context_get_outbox (self->context));
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (items, i);
      MskOutboxState state = msk_outbox_item_get_state (item);

      if (state == MSK_OUTBOX_STATE_SENT)
        continue;
      if (state == MSK_OUTBOX_STATE_QUEUED || state == MSK_OUTBOX_STATE_SENDING)
        (*n_pending)++;
      g_ptr_array_add (titles, msk_outbox_item_dup_title (item));
    }
  return titles;
}

/* One part at a time; the others hidden, also from screen readers. */
static void
show_part (MskPublicBar *self,
           GtkWidget    *part)
{
  gtk_widget_set_visible (self->notice_box, part == self->notice_box);
  gtk_widget_set_visible (self->unsent_box, part == self->unsent_box);
  gtk_widget_set_visible (self->idle_box, part == self->idle_box);
}

/**
 * msk_public_bar_show_cleared:
 * @message: what the bar says under its notice
 *
 * Says, with the focus, that the last session was cleared: a screen
 * reader speaks a new focus on every GTK. It goes with the next person's
 * first key or click, a moment after.
 */
void
msk_public_bar_show_cleared (MskPublicBar *self,
                             const char   *message)
{
  g_return_if_fail (MSK_IS_PUBLIC_BAR (self));

  gtk_label_set_text (self->cleared_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->cleared_label), TRUE);
  self->cleared_at = g_get_monotonic_time ();
  msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->cleared_label));
}

static void
show_notice (MskPublicBar *self)
{
  self->waiting = FALSE;
  show_part (self, self->notice_box);
}

/* Asks, naming what is not sent; or, waiting, finishes once it has gone. */
static void
check_unsent (MskPublicBar *self)
{
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *list = NULL;
  g_autofree char *question = NULL;
  guint n_pending;

  titles = unsent_titles (self, &n_pending);
  if (titles->len == 0)
    {
      clear_session (self);
      return;
    }
  if (self->waiting && n_pending > 0)
    return;

  g_ptr_array_add (titles, NULL);
  /* Translators: between the titles of things not sent yet */
  list = g_strjoinv (_("; "), (char **) titles->pdata);
  if (self->waiting)
    /* Translators: %s names the things; they cannot go by waiting (the
     * portal refused them, or they need a sign-in) */
    question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This could not be sent: %s. Discard it and finish, "
                                             "or keep working to see why.",
                                             "These could not be sent: %s. Discard them and "
                                             "finish, or keep working to see why.",
                                             titles->len - 1), list);
  else
    /* Translators: %s names the things not sent yet */
    question = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Not sent yet: %s. Wait until it is sent, or "
                                             "discard it and finish.",
                                             "Not sent yet: %s. Wait until they are sent, or "
                                             "discard them and finish.",
                                             titles->len - 1), list);
  self->waiting = FALSE;
  gtk_label_set_text (self->question_label, question);
  gtk_widget_set_visible (GTK_WIDGET (self->wait_button), n_pending > 0);
  show_part (self, self->unsent_box);
  msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->question_label));
}

/**
 * msk_public_bar_finish:
 *
 * What "Finish and Clear" does: the session is cleared, or what is not
 * sent yet is named first.
 */
void
msk_public_bar_finish (MskPublicBar *self)
{
  g_return_if_fail (MSK_IS_PUBLIC_BAR (self));

  self->waiting = FALSE;
  check_unsent (self);
}

static void
finish_cb (MskPublicBar *self)
{
  msk_public_bar_finish (self);
}

static void
wait_cb (MskPublicBar *self)
{
  self->waiting = TRUE;
  gtk_label_set_text (self->question_label,
                      _("Sending what is not sent yet. The session is cleared once it has gone."));
  gtk_widget_set_visible (GTK_WIDGET (self->wait_button), FALSE);
  msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->question_label));
  if (self->context != NULL && msk_context_get_outbox (self->context) != NULL)
    msk_outbox_flush (msk_context_get_outbox (self->context));
  check_unsent (self);
}

static void
discard_cb (MskPublicBar *self)
{
  clear_session (self);
}

static void
keep_working_cb (MskPublicBar *self)
{
  show_notice (self);
}

static void
items_changed_cb (MskPublicBar *self)
{
  if (self->waiting)
    check_unsent (self);
}

static void
update_warning (MskPublicBar *self,
                guint         left)
{
  g_autofree char *time_left = msk_public_bar_dup_time_left (left);
  g_autofree char *text = NULL;

  /* Translators: %s is the time left in words ("1 minute", "30 seconds") */
  text = g_strdup_printf (_("Are you still there? In %s this session ends and everything in it "
                            "is cleared. Press any key to stay."), time_left);
  /* The seconds run on screen beside the warning; the warning, which has
   * the focus, changes at the start, then every 15 seconds and in the last
   * 5: a screen reader says each new text of the focus (Orca 48). */
  gtk_label_set_text (self->count_label, time_left);
  if (self->last_said != 0 && left % 15 != 0 && left > 5)
    {
      self->last_said = left;
      return;
    }
  gtk_label_set_text (self->warning_label, text);
  if (self->last_said == 0)
    say (self, text, MSK_A11Y_PRIORITY_HIGH);
  else
    {
      /* Translators: %s is the time left in words ("15 seconds") */
      g_autofree char *count = g_strdup_printf (_("%s left. Press any key to stay."), time_left);

#if !GTK_CHECK_VERSION(4, 14, 0)
      /* Orca 43 says neither a new name nor a new description of the
       * focus (it shows that in braille only), but a new focus: it goes
       * from the warning to Stay, which says the time left, and back. */
      msk_a11y_set_description (GTK_WIDGET (self->stay_button), count);
      if (gtk_widget_has_focus (GTK_WIDGET (self->warning_label)))
        gtk_widget_grab_focus (GTK_WIDGET (self->stay_button));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->warning_label));
      say (self, count, MSK_A11Y_PRIORITY_HIGH);
#else
      say_aloud (self, count);
#endif
    }
  self->last_said = left;
}

static void
start_warning (MskPublicBar *self,
               guint         left)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->warning = TRUE;
  self->last_said = 0;
  g_weak_ref_set (&self->focus_before, root != NULL ? gtk_root_get_focus (root) : NULL);
  update_warning (self, left);
  show_part (self, self->idle_box);
  msk_a11y_grab_focus_when_shown (GTK_WIDGET (self->warning_label));
}

static void
end_warning (MskPublicBar *self)
{
  g_autoptr(GtkWidget) focus = g_weak_ref_get (&self->focus_before);
  const char *message = _("The session goes on.");

  self->warning = FALSE;
  show_notice (self);
  if (focus != NULL && gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
  say (self, message, MSK_A11Y_PRIORITY_MEDIUM);
}

static gboolean
tick_cb (gpointer user_data)
{
  MskPublicBar *self = user_data;
  gint64 idle = (g_get_monotonic_time () - self->last_activity) / G_USEC_PER_SEC;
  guint warn = warning_seconds (self);

  /* Waited for, what is not sent is tried every few seconds: the person is
   * there for it, and no backoff should keep them. */
  if (self->waiting && self->context != NULL && msk_context_get_outbox (self->context) != NULL)
    {
      if (++self->waited % WAITING_RETRY_SECONDS == 0)
        msk_outbox_flush (msk_context_get_outbox (self->context));
      /* An item sent stays in the list, only its state changes. */
      check_unsent (self);
      if (!self->waiting)
        return G_SOURCE_CONTINUE;
    }
  if (self->idle_timeout == 0)
    return G_SOURCE_CONTINUE;
  if (idle >= self->idle_timeout)
    {
      self->tick_id = 0;
      g_message ("Public computer: idle for %u s, the session is cleared", self->idle_timeout);
      clear_session (self);
      return G_SOURCE_REMOVE;
    }
  if (idle >= self->idle_timeout - warn)
    {
      guint left = self->idle_timeout - (guint) idle;

      if (!self->warning)
        start_warning (self, left);
      else if (left != self->last_said)
        update_warning (self, left);
    }
  return G_SOURCE_CONTINUE;
}

/**
 * msk_public_bar_activity:
 *
 * A key was pressed or a click made in the window: the idle time starts
 * again, and a warning on screen goes.
 */
void
msk_public_bar_activity (MskPublicBar *self)
{
  g_return_if_fail (MSK_IS_PUBLIC_BAR (self));

  self->last_activity = g_get_monotonic_time ();
  if (self->warning)
    end_warning (self);
  /* the next person's first key, once the last session's end was heard */
  if (gtk_widget_get_visible (GTK_WIDGET (self->cleared_label))
      && self->last_activity - self->cleared_at > 3 * G_USEC_PER_SEC)
    gtk_widget_set_visible (GTK_WIDGET (self->cleared_label), FALSE);
}

void
msk_public_bar_set_idle_timeout (MskPublicBar *self,
                                 guint         seconds)
{
  g_return_if_fail (MSK_IS_PUBLIC_BAR (self));

  self->idle_timeout = seconds;
  self->last_activity = g_get_monotonic_time ();
  /* without an idle time too: what is waited for is tried on the tick */
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

/**
 * msk_public_bar_set_assisted:
 * @staff_name: the name of the staff member who helps
 *
 * The bar of an assisted session at a service center: it names who helps,
 * and its button ends the session (app.clear-session), back to the staff
 * member's own.
 */
void
msk_public_bar_set_assisted (MskPublicBar *self,
                             const char   *staff_name)
{
  g_autofree char *isolated = NULL;
  g_autofree char *notice = NULL;

  g_return_if_fail (MSK_IS_PUBLIC_BAR (self));

  /* a name in the other script keeps its place in the sentence */
  isolated = msk_topic_text_isolate (staff_name != NULL ? staff_name : "");
  /* Translators: %s is the name of the staff member of the service center
   * who helps a citizen take part */
  notice = g_strdup_printf (_("Assisted session with %s: nothing of it is kept after it ends"),
                            isolated);
  gtk_label_set_text (self->notice_label, notice);
  gtk_button_set_label (self->finish_button, _("End Assisted Session"));
}

void
msk_public_bar_set_context (MskPublicBar *self,
                            MskContext   *context)
{
  g_return_if_fail (MSK_IS_PUBLIC_BAR (self));

  if (self->context != NULL && self->items_id != 0)
    g_clear_signal_handler (&self->items_id,
                            msk_outbox_get_items (msk_context_get_outbox (self->context)));
  g_set_object (&self->context, context);
  if (context != NULL && msk_context_get_outbox (context) != NULL)
    self->items_id = g_signal_connect_swapped (msk_outbox_get_items (
                                                 msk_context_get_outbox (context)),
                                               "items-changed",
                                               G_CALLBACK (items_changed_cb), self);
}

static void
msk_public_bar_dispose (GObject *object)
{
  MskPublicBar *self = MSK_PUBLIC_BAR (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  msk_public_bar_set_context (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MSK_TYPE_PUBLIC_BAR);

  G_OBJECT_CLASS (msk_public_bar_parent_class)->dispose (object);
}

static void
msk_public_bar_finalize (GObject *object)
{
  MskPublicBar *self = MSK_PUBLIC_BAR (object);

  g_weak_ref_clear (&self->focus_before);

  G_OBJECT_CLASS (msk_public_bar_parent_class)->finalize (object);
}

static void
msk_public_bar_class_init (MskPublicBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_public_bar_dispose;
  object_class->finalize = msk_public_bar_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/msk-public-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, notice_box);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, unsent_box);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, idle_box);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, notice_label);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, finish_button);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, question_label);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, wait_button);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, warning_label);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, stay_button);
  gtk_widget_class_bind_template_child (widget_class, MskPublicBar, cleared_label);
  gtk_widget_class_bind_template_callback (widget_class, finish_cb);
  gtk_widget_class_bind_template_callback (widget_class, wait_cb);
  gtk_widget_class_bind_template_callback (widget_class, discard_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_working_cb);
  gtk_widget_class_bind_template_callback (widget_class, msk_public_bar_activity);
  gtk_widget_class_set_css_name (widget_class, "publicbar");
}

static void
msk_public_bar_init (MskPublicBar *self)
{
  g_weak_ref_init (&self->focus_before, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
