/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-page-private.h"
#include "msk-topic-text.h"
#include "msk-window.h"

/**
 * MskPage:
 *
 * One screen of the window, with the vocabulary of AdwNavigationPage: a
 * title (what the header and a screen reader call it), a tag (what
 * navigation finds it by), #MskPage::shown and #MskPage::hidden as it
 * comes and goes on the window's back stack, and reload. It also carries
 * the view the reader bar reads on this page, and a #GCancellable for the
 * page's work: it is cancelled when the page is left for good (popped off
 * the back stack), so nothing the page started outlives it.
 */
typedef struct
{
  /* Owned */
  MskContext    *context;
  char          *title;
  char          *tag;
  gint64         topic_id;  /* 0 for a page of no topic */
  GCancellable  *cancellable;
  GCancellable  *load;  /* (nullable): the load under way */

  /* Unowned: a descendant of the page */
  MskReaderView *reader_view;

  gboolean       shown;
} MskPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MskPage, msk_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_TITLE,
  PROP_TAG,
  PROP_READER_VIEW,
  PROP_TOPIC_ID,
  N_PROPS
};

enum {
  SHOWN,
  HIDDEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
msk_page_dispose (GObject *object)
{
  MskPage *self = MSK_PAGE (object);
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  if (priv->load != NULL)
    g_cancellable_cancel (priv->load);
  priv->reader_view = NULL;
  g_clear_object (&priv->context);

  G_OBJECT_CLASS (msk_page_parent_class)->dispose (object);
}

static void
msk_page_finalize (GObject *object)
{
  MskPage *self = MSK_PAGE (object);
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->load);
  g_free (priv->title);
  g_free (priv->tag);

  G_OBJECT_CLASS (msk_page_parent_class)->finalize (object);
}

static void
msk_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MskPage *self = MSK_PAGE (object);
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, priv->context);
      break;
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_TAG:
      g_value_set_string (value, priv->tag);
      break;
    case PROP_READER_VIEW:
      g_value_set_object (value, priv->reader_view);
      break;
    case PROP_TOPIC_ID:
      g_value_set_int64 (value, priv->topic_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MskPage *self = MSK_PAGE (object);
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      priv->context = g_value_dup_object (value);
      break;
    case PROP_TITLE:
      msk_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_TAG:
      msk_page_set_tag (self, g_value_get_string (value));
      break;
    case PROP_READER_VIEW:
      msk_page_set_reader_view (self, g_value_get_object (value));
      break;
    case PROP_TOPIC_ID:
      priv->topic_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_page_real_reload (MskPage *self)
{
}

static void
msk_page_class_init (MskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msk_page_dispose;
  object_class->finalize = msk_page_finalize;
  object_class->get_property = msk_page_get_property;
  object_class->set_property = msk_page_set_property;

  klass->reload = msk_page_real_reload;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, MSK_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG] =
    g_param_spec_string ("tag", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READER_VIEW] =
    g_param_spec_object ("reader-view", NULL, NULL, MSK_TYPE_READER_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The topic a page is about (its topic, its poll, its comments…) */
  properties[PROP_TOPIC_ID] =
    g_param_spec_int64 ("topic-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MskPage::shown:
   *
   * The window shows the page now: when it is pushed, and when the page
   * above it is popped.
   */
  signals[SHOWN] =
    g_signal_new ("shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (MskPageClass, shown), NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MskPage::hidden:
   *
   * The window stopped showing the page: another was pushed over it, or it
   * was popped.
   */
  signals[HIDDEN] =
    g_signal_new ("hidden", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (MskPageClass, hidden), NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Named after its title, so that a screen reader says where one is. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
msk_page_init (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/**
 * msk_page_get_context:
 *
 * Returns: (transfer none) (nullable): the app's context, which the page
 *   reads its portal through
 */
MskContext *
msk_page_get_context (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  return priv->context;
}

const char *
msk_page_get_title (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  return priv->title;
}

void
msk_page_set_title (MskPage    *self,
                    const char *title)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_if_fail (MSK_IS_PAGE (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  if (title != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * msk_page_get_topic_id:
 *
 * Returns: the topic the page is about, or 0
 */
gint64
msk_page_get_topic_id (MskPage *self)
{
  MskPagePrivate *priv;

  g_return_val_if_fail (MSK_IS_PAGE (self), 0);

  priv = msk_page_get_instance_private (self);
  return priv->topic_id;
}

const char *
msk_page_get_tag (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  return priv->tag;
}

void
msk_page_set_tag (MskPage    *self,
                  const char *tag)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_if_fail (MSK_IS_PAGE (self));

  if (g_strcmp0 (priv->tag, tag) == 0)
    return;

  g_free (priv->tag);
  priv->tag = g_strdup (tag);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
}

/**
 * msk_page_get_reader_view:
 *
 * Returns: (transfer none) (nullable): the text the reader bar reads on
 *   this page
 */
MskReaderView *
msk_page_get_reader_view (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  return priv->reader_view;
}

/**
 * msk_page_set_reader_view:
 * @view: (nullable): a view inside the page
 */
void
msk_page_set_reader_view (MskPage       *self,
                          MskReaderView *view)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_if_fail (MSK_IS_PAGE (self));
  g_return_if_fail (view == NULL || MSK_IS_READER_VIEW (view));

  if (priv->reader_view == view)
    return;

  priv->reader_view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READER_VIEW]);
}

/**
 * msk_page_get_cancellable:
 *
 * Returns: (transfer none): the cancellable of the page's work, cancelled
 *   when the page is left for good
 */
GCancellable *
msk_page_get_cancellable (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  return priv->cancellable;
}

/**
 * msk_page_dispose_template:
 * @page_type: the page's own type, whose template made its children
 *
 * What a page's dispose calls instead of gtk_widget_dispose_template(). A
 * page is an #AdwBin: when its template binds the bin's child, disposing the
 * template unparents and frees that child behind the bin's back, and the
 * bin's own dispose then unparents it a second time. The child is taken
 * from the bin first.
 */
void
msk_page_dispose_template (MskPage *self,
                           GType    page_type)
{
  g_return_if_fail (MSK_IS_PAGE (self));

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), page_type);
}

/**
 * msk_page_is_left:
 *
 * A load that finished just before the page was left still calls back
 * afterwards, without an error: its callback asks this before it touches
 * the page's widgets, which may be gone.
 *
 * Returns: whether the page was left for good
 */
gboolean
msk_page_is_left (MskPage *self)
{
  g_return_val_if_fail (MSK_IS_PAGE (self), TRUE);

  return g_cancellable_is_cancelled (msk_page_get_cancellable (self));
}

/**
 * msk_page_start_load:
 *
 * A new load of the page's content (a reload, a new search) replaces the
 * one under way: this cancels that one and returns the cancellable of the
 * new one, which is cancelled too when the page is left.
 *
 * Returns: (transfer none): the cancellable of the new load
 */
GCancellable *
msk_page_start_load (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  if (priv->load != NULL)
    g_cancellable_cancel (priv->load);
  g_clear_object (&priv->load);
  priv->load = g_cancellable_new ();
  if (g_cancellable_is_cancelled (priv->cancellable))
    g_cancellable_cancel (priv->load);
  return priv->load;
}

/**
 * msk_page_get_load:
 *
 * Returns: (transfer none): the cancellable of the load under way, for
 *   what continues it (the next page of a list); the page's own when no
 *   load was started
 */
GCancellable *
msk_page_get_load (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  return priv->load != NULL ? priv->load : priv->cancellable;
}

/**
 * msk_page_get_client:
 *
 * Returns: (transfer none) (nullable): the client of the portal the app
 *   reads, from the context; pages never make one
 */
MskClient *
msk_page_get_client (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  return priv->context != NULL ? msk_context_get_client (priv->context) : NULL;
}

/**
 * msk_page_dup_offline_text:
 * @freshness: where a page's content came from
 *
 * Returns: (transfer full) (nullable): what the offline banner says, or
 *   %NULL when the content is fresh from the portal
 */
char *
msk_page_dup_offline_text (const MskFreshness *freshness)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (!freshness->offline)
    return NULL;
  if (freshness->fetched_at <= 0)
    return g_strdup (_("Offline — showing what was saved earlier"));

  when = g_date_time_new_from_unix_local (freshness->fetched_at / G_USEC_PER_SEC);
  date = msk_topic_text_dup_date (when, TRUE);
  /* Translators: %s is a date and time in two calendars */
  return g_strdup_printf (_("Offline — showing what was saved on %s"), date);
}

/**
 * msk_page_report_freshness:
 * @freshness: where the content the page just read came from
 *
 * Tells the context (and so the whole app) whether the portal answered,
 * and gives the words of the page's offline banner.
 *
 * Returns: (transfer full) (nullable): what the offline banner says, or
 *   %NULL when the content is fresh
 */
char *
msk_page_report_freshness (MskPage            *self,
                           const MskFreshness *freshness)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), NULL);

  if (priv->context != NULL)
    msk_context_set_freshness (priv->context, freshness);
  return msk_page_dup_offline_text (freshness);
}

gboolean
msk_page_get_is_shown (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_val_if_fail (MSK_IS_PAGE (self), FALSE);

  return priv->shown;
}

void
msk_page_reload (MskPage *self)
{
  g_return_if_fail (MSK_IS_PAGE (self));

  MSK_PAGE_GET_CLASS (self)->reload (self);
}

void
msk_page_set_shown (MskPage  *self,
                    gboolean  shown)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_if_fail (MSK_IS_PAGE (self));

  shown = !!shown;
  if (priv->shown == shown)
    return;

  priv->shown = shown;
  g_signal_emit (self, signals[shown ? SHOWN : HIDDEN], 0);
}

/* The page is popped: it is hidden, and its work stops. */
void
msk_page_leave (MskPage *self)
{
  MskPagePrivate *priv = msk_page_get_instance_private (self);

  g_return_if_fail (MSK_IS_PAGE (self));

  msk_page_set_shown (self, FALSE);
  g_cancellable_cancel (priv->cancellable);
  if (priv->load != NULL)
    g_cancellable_cancel (priv->load);
}

/* Asking from a page: a page that asks goes over it, and it is back when
 * that one goes. */

typedef struct
{
  MskPageDoneFunc done;
  MskContext     *context;
  gboolean        answer;   /* what done said when the asking page went */
} Ensure;

static void
ensure_free (Ensure *ensure)
{
  g_clear_object (&ensure->context);
  g_free (ensure);
}

static gboolean
return_answer_cb (gpointer data)
{
  GTask *task = data;
  Ensure *ensure = g_task_get_task_data (task);

  g_task_return_boolean (task, ensure->answer);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
asking_hidden_cb (MskPage *asking,
                  GTask   *task)
{
  Ensure *ensure = g_task_get_task_data (task);

  if (msk_page_get_is_shown (asking))
    return;
  g_signal_handlers_disconnect_by_data (asking, task);
  /* answered, or left with Back or Escape: what the context says now. The
   * answer comes once the window has given the focus back to the page
   * below, so that what the page does next (a receipt that takes the
   * focus) is not undone by it. */
  ensure->answer = ensure->done (ensure->context);
  g_idle_add_full (G_PRIORITY_DEFAULT, return_answer_cb, task, NULL);
}

/**
 * msk_page_ensure_async:
 * @self: the page the person is on
 * @done: whether what taking part needs is there (agreed with the policy,
 *   signed in)
 * @ask: makes the page that asks the person for it
 *
 * When @done says so, this completes at once with %TRUE; otherwise it
 * shows the page @ask makes over @self, and completes when that one goes,
 * answered or left with Back or Escape, with the person back on @self and
 * what @done says then.
 */
void
msk_page_ensure_async (MskPage             *self,
                       MskPageDoneFunc      done,
                       MskPageAskFunc       ask,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MskContext *context;
  GtkWidget *window;
  GtkWidget *asking;
  Ensure *ensure;

  g_return_if_fail (MSK_IS_PAGE (self));
  g_return_if_fail (done != NULL && ask != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_page_ensure_async);
  context = msk_page_get_context (self);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), MSK_TYPE_WINDOW);
  if (context == NULL || done (context))
    {
      g_task_return_boolean (task, context != NULL);
      return;
    }
  if (window == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  ensure = g_new0 (Ensure, 1);
  ensure->done = done;
  ensure->context = g_object_ref (context);
  g_task_set_task_data (task, ensure, (GDestroyNotify) ensure_free);
  asking = ask (context);
  g_signal_connect (asking, "hidden", G_CALLBACK (asking_hidden_cb), g_steal_pointer (&task));
  msk_window_push_page (MSK_WINDOW (window), MSK_PAGE (asking));
}

/**
 * msk_page_ensure_finish:
 *
 * Returns: whether the person may go on
 */
gboolean
msk_page_ensure_finish (MskPage       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
