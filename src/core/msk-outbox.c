/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "msk-comment.h"
#include "msk-error.h"
#include "msk-idea.h"
#include "msk-json.h"
#include "msk-outbox.h"

/**
 * MskOutbox:
 *
 * Every write goes through here. An item is committed to the store with its
 * idempotency key before anything is sent; it is then sent, one at a time,
 * and retried with exponential backoff and jitter after network failures,
 * timeouts, damaged replies, 5xx and 429 (honouring Retry-After), also after
 * the app restarts or crashes (an item found "sending" is sent again with
 * the same key, so the portal stores it once). A refusal (4xx) is final and
 * keeps the portal's problem detail for the user, except 401 to a signed
 * item: it waits for its user to sign in again and goes on when they do.
 *
 * An item written signed in names its user (msk_outbox_item_get_user(),
 * set when it is queued) and is signed with that user's token only: when
 * they signed out, or someone else signed in since, or their token no
 * longer works, the item waits for them ("Waiting for you to sign in") and
 * goes when they sign in again, never under another person's name. An
 * item written signed out goes unsigned. Signed items are held until the
 * portal's sign-in is loaded (the keyring is asked after a restart).
 */
struct _MskOutbox
{
  GObject             parent_instance;

  MskStore           *store;        /* (owned) */
  MskHttp            *http;         /* (owned) */
  GListStore         *items;        /* (owned) (element-type MskOutboxItem) */
  GCancellable       *cancellable;  /* (owned) (nullable) */
  MskOutboxItem      *in_flight;    /* (owned) (nullable) */
  char               *in_flight_bearer;  /* (owned) (nullable): the token it carries */
  guint               timer_id;
  guint               idle_id;
  gboolean            started;

  guint               base_ms;
  guint               cap_ms;

  MskAuth            *auth;         /* (owned) (nullable) */
  gulong              auth_changed_id;
};

G_DEFINE_TYPE (MskOutbox, msk_outbox, G_TYPE_OBJECT)

enum {
  ITEM_SENT,
  ITEM_FAILED,
  DRAINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (MskOutbox *self);

static void
msk_outbox_dispose (GObject *object)
{
  MskOutbox *self = MSK_OUTBOX (object);

  msk_outbox_stop (self);
  msk_outbox_set_auth (self, NULL);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (msk_outbox_parent_class)->dispose (object);
}

static void
msk_outbox_class_init (MskOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_outbox_dispose;

  /**
   * MskOutbox::item-sent:
   * @item: the item the portal stored
   */
  signals[ITEM_SENT] = g_signal_new ("item-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, MSK_TYPE_OUTBOX_ITEM);
  /**
   * MskOutbox::item-failed:
   * @item: the item the portal refused; its message explains why
   */
  signals[ITEM_FAILED] = g_signal_new ("item-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, MSK_TYPE_OUTBOX_ITEM);
  /**
   * MskOutbox::drained:
   *
   * Nothing is left to send.
   */
  signals[DRAINED] = g_signal_new ("drained", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
msk_outbox_init (MskOutbox *self)
{
  self->items = g_list_store_new (MSK_TYPE_OUTBOX_ITEM);
  self->base_ms = MSK_OUTBOX_DEFAULT_BACKOFF_BASE_MS;
  self->cap_ms = MSK_OUTBOX_DEFAULT_BACKOFF_CAP_MS;
}

/**
 * msk_outbox_new:
 *
 * Returns: (transfer full): an outbox over @store; call msk_outbox_start()
 */
MskOutbox *
msk_outbox_new (MskStore *store,
                MskHttp  *http)
{
  MskOutbox *self = g_object_new (MSK_TYPE_OUTBOX, NULL);

  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  return self;
}

/**
 * msk_outbox_set_backoff:
 * @base_ms: the delay after the first failure
 * @cap_ms: the longest delay
 */
void
msk_outbox_set_backoff (MskOutbox *self,
                        guint      base_ms,
                        guint      cap_ms)
{
  g_return_if_fail (MSK_IS_OUTBOX (self));
  self->base_ms = MAX (base_ms, 1);
  self->cap_ms = MAX (cap_ms, self->base_ms);
}

static void auth_changed_cb (MskAuth    *auth,
                             const char *portal,
                             MskOutbox  *self);

/**
 * msk_outbox_set_auth:
 * @auth: (nullable): where the tokens of the portals are, or %NULL to send
 *   every write unsigned
 */
void
msk_outbox_set_auth (MskOutbox *self,
                     MskAuth   *auth)
{
  g_return_if_fail (MSK_IS_OUTBOX (self));
  if (self->auth != NULL)
    g_clear_signal_handler (&self->auth_changed_id, self->auth);
  g_set_object (&self->auth, auth);
  if (auth != NULL)
    self->auth_changed_id = g_signal_connect (auth, "changed", G_CALLBACK (auth_changed_cb), self);
}

/* Whether @item goes to its portal's own origin, where the user's token
 * may go. */
static gboolean
to_portal (MskOutbox     *self,
           MskOutboxItem *item)
{
  return self->auth != NULL
         && msk_http_same_origin (msk_outbox_item_get_uri (item),
                                  msk_outbox_item_get_portal (item));
}

/* Whether @item is signed: written signed in, going to its portal. */
static gboolean
is_signed (MskOutbox     *self,
           MskOutboxItem *item)
{
  return msk_outbox_item_get_user (item) != NULL && to_portal (self, item);
}

/* Whether the user who wrote @item is signed in to its portal now. */
static gboolean
author_signed_in (MskOutbox     *self,
                  MskOutboxItem *item)
{
  g_autofree char *user = msk_auth_dup_user_key (self->auth, msk_outbox_item_get_portal (item));

  return g_strcmp0 (user, msk_outbox_item_get_user (item)) == 0;
}

typedef enum
{
  MAY_SEND,
  HOLD,            /* the portal's sign-in is not loaded yet */
  NOT_SIGNED_IN,   /* its user is not signed in */
} Readiness;

static Readiness
readiness (MskOutbox     *self,
           MskOutboxItem *item)
{
  const char *portal = msk_outbox_item_get_portal (item);

  if (!is_signed (self, item))
    return MAY_SEND;
  if (!msk_auth_is_loaded (self->auth, portal))
    {
      msk_auth_ensure_loaded (self->auth, portal);
      return HOLD;
    }
  return author_signed_in (self, item) ? MAY_SEND : NOT_SIGNED_IN;
}

/**
 * msk_outbox_compute_delay:
 * @attempts: failed attempts so far (1 after the first failure)
 * @retry_after_s: what the server asked for in seconds, or -1
 * @random: a number in [0, 1)
 *
 * Exponential backoff with "equal jitter": half the exponential delay plus
 * a random part of the other half, never shorter than Retry-After.
 *
 * Returns: the delay in milliseconds
 */
gint64
msk_outbox_compute_delay (guint  attempts,
                          guint  base_ms,
                          guint  cap_ms,
                          gint64 retry_after_s,
                          double random)
{
  gint64 exp_ms = base_ms;
  gint64 delay;

  for (guint i = 1; i < attempts && exp_ms < cap_ms; i++)
    exp_ms *= 2;
  exp_ms = MIN (exp_ms, (gint64) cap_ms);

  delay = exp_ms / 2 + (gint64) (random * (double) (exp_ms - exp_ms / 2));
  if (retry_after_s >= 0)
    delay = MAX (delay, retry_after_s * 1000);
  return delay;
}

static void
save (MskOutbox     *self,
      MskOutboxItem *item)
{
  g_autoptr(GError) error = NULL;

  msk_outbox_item_set_times (item, msk_outbox_item_get_created (item), g_get_real_time ());
  if (!msk_store_outbox_update (self->store, item, &error))
    g_warning ("Outbox: could not save item %s: %s", msk_outbox_item_get_key (item),
               error->message);
}

static gboolean
timer_cb (gpointer user_data)
{
  MskOutbox *self = user_data;

  self->timer_id = 0;
  schedule (self);
  return G_SOURCE_REMOVE;
}

static gboolean
idle_cb (gpointer user_data)
{
  MskOutbox *self = user_data;

  self->idle_id = 0;
  schedule (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_idle (MskOutbox *self)
{
  if (self->idle_id == 0 && self->started)
    self->idle_id = g_idle_add (idle_cb, self);
}

/* A 2xx reply must be what the API promises for the kind of write, or the
 * item is sent again (with the same key, so the portal replays its first
 * answer): a garbled reply is not proof that the portal stored it. */
static gboolean
check_reply (MskOutboxItem  *item,
             MskHttpReply   *reply,
             GError        **error)
{
  g_autoptr(GObject) model = NULL;
  JsonObject *object;
  JsonArray *array;
  gint64 id = 0;

  if (reply->body == NULL || g_bytes_get_size (reply->body) == 0)
    return TRUE;
  if (reply->root == NULL)
    {
      msk_json_set_invalid (error, "expected a JSON body");
      return FALSE;
    }

  switch (msk_outbox_item_get_kind (item))
    {
    case MSK_OUTBOX_KIND_COMMENT:
    case MSK_OUTBOX_KIND_MODERATION:
      model = G_OBJECT (msk_comment_new_from_json (reply->root, NULL, error));
      return model != NULL;
    case MSK_OUTBOX_KIND_IDEA:
    case MSK_OUTBOX_KIND_SUPPORT:
      model = G_OBJECT (msk_idea_new_from_json (reply->root, NULL, error));
      return model != NULL;
    case MSK_OUTBOX_KIND_BALLOT:
      object = msk_json_node_get_object (reply->root, "ballot", error);
      array = NULL;
      return object != NULL && msk_json_read_int (object, "poll_id", TRUE, &id, error)
             && msk_json_read_array (object, "options", TRUE, &array, error);
    case MSK_OUTBOX_KIND_SURVEY_RESPONSE:
      object = msk_json_node_get_object (reply->root, "response", error);
      return object != NULL && msk_json_read_int (object, "id", TRUE, &id, error);
    case MSK_OUTBOX_KIND_FLAG:
      object = msk_json_node_get_object (reply->root, "flag", error);
      return object != NULL && msk_json_read_int (object, "comment_id", TRUE, &id, error);
    case MSK_OUTBOX_KIND_FEEDBACK:
      object = msk_json_node_get_object (reply->root, "feedback", error);
      return object != NULL && msk_json_read_int (object, "topic_id", TRUE, &id, error);
    case MSK_OUTBOX_KIND_COMPLAINT:
      {
        g_autofree char *tracking = NULL;

        array = msk_json_node_get_array (reply->root, "service requests", error);
        if (array == NULL)
          return FALSE;
        if (json_array_get_length (array) < 1)
          {
            msk_json_set_invalid (error, "service requests: empty");
            return FALSE;
          }
        object = msk_json_node_get_object (json_array_get_element (array, 0), "service request",
                                           error);
        return object != NULL
               && msk_json_read_id (object, "service_request_id", TRUE, &tracking, error)
               && tracking != NULL;
      }
    default:
      return TRUE;
    }
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MskOutbox) self = user_data;
  g_autoptr(MskOutboxItem) item = NULL;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_after = -1;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* stopped: the store still says "sending", the next start sends it again */

  item = g_steal_pointer (&self->in_flight);
  if (item == NULL)
    return;

  if (reply != NULL && msk_http_reply_check (reply, &error) && check_reply (item, reply, &error))
    {
      g_autofree char *response = NULL;

      if (reply->body != NULL && g_bytes_get_size (reply->body) > 0)
        response = g_strndup (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body));
      msk_outbox_item_set_result (item, reply->status, NULL, NULL, response);
      msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_SENT);
      save (self, item);
      g_debug ("Outbox: %s sent (%u)", msk_outbox_item_get_key (item), reply->status);
      g_signal_emit (self, signals[ITEM_SENT], 0, item);
    }
  else if (reply != NULL && reply->status == 401 && is_signed (self, item))
    {
      g_autofree char *bearer = g_steal_pointer (&self->in_flight_bearer);
      g_autofree char *current = msk_auth_dup_token (self->auth,
                                                     msk_outbox_item_get_portal (item));

      msk_outbox_item_set_result (item, reply->status, error->message, reply->problem, NULL);
      /* Its user signed in again while it was on its way: it goes again at
       * once, with their new token. */
      if (current != NULL && g_strcmp0 (current, bearer) != 0 && author_signed_in (self, item))
        {
          msk_outbox_item_set_attempts (item, 0, 0);
          msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_QUEUED);
        }
      else
        {
          msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN);
          /* the sign-in it was sent with has ended on the portal */
          msk_auth_token_refused (self->auth, msk_outbox_item_get_portal (item), bearer);
        }
      save (self, item);
      g_debug ("Outbox: %s waits for a sign-in", msk_outbox_item_get_key (item));
    }
  else if (msk_error_is_transient (error))
    {
      guint attempts = msk_outbox_item_get_attempts (item) + 1;
      gint64 delay;

      if (reply != NULL)
        retry_after = reply->retry_after;
      delay = msk_outbox_compute_delay (attempts, self->base_ms, self->cap_ms, retry_after,
                                        g_random_double ());
      msk_outbox_item_set_attempts (item, attempts, g_get_real_time () + delay * 1000);
      msk_outbox_item_set_result (item, reply != NULL ? reply->status : 0, error->message,
                                  NULL, NULL);
      msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_QUEUED);
      save (self, item);
      g_debug ("Outbox: %s failed (%s), retry %u in %" G_GINT64_FORMAT " ms",
               msk_outbox_item_get_key (item), error->message, attempts, delay);
    }
  else
    {
      msk_outbox_item_set_result (item, reply != NULL ? reply->status : 0,
                                  error != NULL ? error->message : NULL,
                                  reply != NULL ? reply->problem : NULL, NULL);
      msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_FAILED);
      save (self, item);
      g_debug ("Outbox: %s refused: %s", msk_outbox_item_get_key (item),
               error != NULL ? error->message : "?");
      g_signal_emit (self, signals[ITEM_FAILED], 0, item);
    }

  schedule_idle (self);
}

static void
send_item (MskOutbox     *self,
           MskOutboxItem *item)
{
  MskHttpRequest request = { 0, };

  self->in_flight = g_object_ref (item);
  msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_SENDING);
  save (self, item);

  /* Only the item's own user signs it (readiness() checked that they are
   * signed in), and only to the item's portal: an Open311 endpoint on
   * another host never sees the user's token. */
  g_clear_pointer (&self->in_flight_bearer, g_free);
  if (is_signed (self, item))
    self->in_flight_bearer = msk_auth_dup_token (self->auth, msk_outbox_item_get_portal (item));

  request.method = msk_outbox_item_get_method (item);
  request.uri = msk_outbox_item_get_uri (item);
  request.body = msk_outbox_item_get_body (item);
  request.content_type = msk_outbox_item_get_content_type (item);
  request.idempotency_key = msk_outbox_item_get_key (item);
  request.bearer = self->in_flight_bearer;

  msk_http_send_async (self->http, &request, self->cancellable, send_cb, g_object_ref (self));
}

static void
schedule (MskOutbox *self)
{
  MskOutboxItem *next = NULL;
  gboolean held = FALSE;
  guint n;
  gint64 now;

  if (!self->started || self->in_flight != NULL)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (msk_outbox_item_get_state (item) != MSK_OUTBOX_STATE_QUEUED)
        continue;
      switch (readiness (self, item))
        {
        case HOLD:
          held = TRUE;
          continue;
        case NOT_SIGNED_IN:
          msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN);
          save (self, item);
          g_debug ("Outbox: %s waits for its user", msk_outbox_item_get_key (item));
          continue;
        case MAY_SEND:
        default:
          break;
        }
      if (next == NULL
          || msk_outbox_item_get_next_attempt (item) < msk_outbox_item_get_next_attempt (next))
        next = item;
    }

  if (next == NULL)
    {
      /* Held items go on when their portal's sign-in is loaded. */
      if (!held)
        g_signal_emit (self, signals[DRAINED], 0);
      return;
    }

  now = g_get_real_time ();
  if (msk_outbox_item_get_next_attempt (next) > now)
    {
      gint64 wait_ms = (msk_outbox_item_get_next_attempt (next) - now) / 1000 + 1;

      self->timer_id = g_timeout_add ((guint) MIN (wait_ms, G_MAXINT), timer_cb, self);
      return;
    }

  send_item (self, next);
}

/* Items that waited for their user to sign in to @portal (to any portal
 * when %NULL) go on once that user is signed in. */
static void
resume_waiting (MskOutbox  *self,
                const char *portal)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *item_portal = msk_outbox_item_get_portal (item);

      if (msk_outbox_item_get_state (item) != MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN
          || (portal != NULL && g_strcmp0 (item_portal, portal) != 0)
          || !is_signed (self, item) || !author_signed_in (self, item))
        continue;
      msk_outbox_item_set_attempts (item, 0, 0);
      msk_outbox_item_set_result (item, 0, NULL, NULL, NULL);
      msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_QUEUED);
      save (self, item);
    }
}

static void
auth_changed_cb (MskAuth    *auth,
                 const char *portal,
                 MskOutbox  *self)
{
  if (!self->started)
    return;
  resume_waiting (self, portal);
  schedule_idle (self);  /* held items may go now */
}

/**
 * msk_outbox_start:
 *
 * Loads the stored items and starts sending. An item that was being sent
 * when the app stopped is queued again.
 */
gboolean
msk_outbox_start (MskOutbox  *self,
                  GError    **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (MSK_IS_OUTBOX (self), FALSE);

  if (self->started)
    return TRUE;

  items = msk_store_outbox_load (self->store, error);
  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      MskOutboxItem *item = g_ptr_array_index (items, i);

      if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_SENDING)
        {
          msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_QUEUED);
          save (self, item);
        }
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  self->cancellable = g_cancellable_new ();
  self->started = TRUE;
  resume_waiting (self, NULL);
  schedule_idle (self);
  return TRUE;
}

/**
 * msk_outbox_stop:
 *
 * Stops sending (what is queued stays queued in the store).
 */
void
msk_outbox_stop (MskOutbox *self)
{
  g_return_if_fail (MSK_IS_OUTBOX (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->in_flight != NULL)
    msk_outbox_item_set_state (self->in_flight, MSK_OUTBOX_STATE_QUEUED);
  g_clear_object (&self->in_flight);
  g_clear_pointer (&self->in_flight_bearer, g_free);
}

/**
 * msk_outbox_enqueue:
 * @item: a new item
 *
 * Commits @item to the store, then sends it when its turn comes. An item
 * to its portal written while a user is signed in there is theirs: it
 * goes out under their sign-in only.
 *
 * Returns: (transfer none): @item, or %NULL if it could not be stored
 *   (then nothing was sent)
 */
MskOutboxItem *
msk_outbox_enqueue (MskOutbox      *self,
                    MskOutboxItem  *item,
                    GError        **error)
{
  g_return_val_if_fail (MSK_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (MSK_IS_OUTBOX_ITEM (item), NULL);

  msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_QUEUED);
  msk_outbox_item_set_attempts (item, 0, 0);
  if (msk_outbox_item_get_user (item) == NULL && to_portal (self, item))
    {
      g_autofree char *user = msk_auth_dup_user_key (self->auth,
                                                     msk_outbox_item_get_portal (item));

      msk_outbox_item_set_user (item, user);
    }
  if (!msk_store_outbox_insert (self->store, item, error))
    return NULL;

  g_list_store_append (self->items, item);
  schedule_idle (self);
  return item;
}

/**
 * msk_outbox_get_items:
 *
 * Returns: (transfer none): the items, oldest first, as a #GListModel of
 *   #MskOutboxItem; watch each item's #MskOutboxItem:state
 */
GListModel *
msk_outbox_get_items (MskOutbox *self)
{
  g_return_val_if_fail (MSK_IS_OUTBOX (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * msk_outbox_find:
 *
 * Returns: (transfer none) (nullable): the item with idempotency key @key
 */
MskOutboxItem *
msk_outbox_find (MskOutbox  *self,
                 const char *key)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (msk_outbox_item_get_key (item), key) == 0)
        return item;
    }
  return NULL;
}

/**
 * msk_outbox_get_n_pending:
 *
 * Returns: how many items are queued or being sent
 */
guint
msk_outbox_get_n_pending (MskOutbox *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint pending = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      MskOutboxState state = msk_outbox_item_get_state (item);

      if (state == MSK_OUTBOX_STATE_QUEUED || state == MSK_OUTBOX_STATE_SENDING)
        pending++;
    }
  return pending;
}

/**
 * msk_outbox_flush:
 *
 * Sends the queued items now, without waiting for their backoff (for
 * example when the network comes back or the user asks to).
 */
void
msk_outbox_flush (MskOutbox *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (msk_outbox_item_get_state (item) == MSK_OUTBOX_STATE_QUEUED)
        msk_outbox_item_set_attempts (item, msk_outbox_item_get_attempts (item), 0);
    }
  schedule_idle (self);
}

/**
 * msk_outbox_retry:
 *
 * Queues a refused or waiting item again (after the user fixed what was
 * wrong, or signed in).
 */
gboolean
msk_outbox_retry (MskOutbox      *self,
                  MskOutboxItem  *item,
                  GError        **error)
{
  if (msk_outbox_item_get_state (item) != MSK_OUTBOX_STATE_FAILED
      && msk_outbox_item_get_state (item) != MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN)
    return TRUE;
  msk_outbox_item_set_state (item, MSK_OUTBOX_STATE_QUEUED);
  msk_outbox_item_set_attempts (item, 0, 0);
  msk_outbox_item_set_result (item, 0, NULL, NULL, NULL);
  msk_outbox_item_set_times (item, msk_outbox_item_get_created (item), g_get_real_time ());
  if (!msk_store_outbox_update (self->store, item, error))
    return FALSE;
  schedule_idle (self);
  return TRUE;
}

/**
 * msk_outbox_discard_all:
 * @n_unsent: (out) (optional): how many of the items were not sent (queued,
 *   being sent, or waiting for a sign-in)
 *
 * Forgets every item, sent or not, here and in the store (the end of a
 * public-PC session, where nothing of a person may stay). What was on its
 * way is counted as not sent, though the portal may have stored it.
 */
gboolean
msk_outbox_discard_all (MskOutbox  *self,
                        guint      *n_unsent,
                        GError    **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean started = self->started;
  guint unsent = 0;

  g_return_val_if_fail (MSK_IS_OUTBOX (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      MskOutboxState state = msk_outbox_item_get_state (item);

      unsent += state != MSK_OUTBOX_STATE_SENT && state != MSK_OUTBOX_STATE_FAILED;
    }
  if (n_unsent != NULL)
    *n_unsent = unsent;

  msk_outbox_stop (self);
  if (!msk_store_outbox_clear (self->store, error))
    return FALSE;
  g_list_store_remove_all (self->items);
  return !started || msk_outbox_start (self, error);
}

/**
 * msk_outbox_remove:
 *
 * Forgets a sent or refused item.
 */
gboolean
msk_outbox_remove (MskOutbox      *self,
                   MskOutboxItem  *item,
                   GError        **error)
{
  guint position;

  if (item == self->in_flight)
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                           _("This item is being sent and cannot be removed now."));
      return FALSE;
    }
  if (!msk_store_outbox_delete (self->store, item, error))
    return FALSE;
  if (g_list_store_find (self->items, item, &position))
    g_list_store_remove (self->items, position);
  return TRUE;
}
