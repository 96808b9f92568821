/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "msk-core.h"
#include "msk-error.h"

/**
 * MskCore:
 *
 * The GTK-free heart of the app, one per process: the HTTP session, the
 * store (offline cache, outbox, tracking list, portals), the outbox, the
 * sign-in state, the tracking list and the guidelines check.
 */
struct _MskCore
{
  GObject        parent_instance;

  MskCoreFlags   flags;
  MskHttp       *http;        /* (owned) */
  MskStore      *store;       /* (owned) */
  MskOutbox     *outbox;      /* (owned) */
  MskAuth       *auth;        /* (owned) */
  MskTracker    *tracker;     /* (owned) */
  MskGuidelines *guidelines;  /* (owned) */
  MskPortalList *portals;     /* (owned) */
  gulong         network_id;
  gulong         signed_out_id;
};

G_DEFINE_TYPE (MskCore, msk_core, G_TYPE_OBJECT)

static void
msk_core_dispose (GObject *object)
{
  MskCore *self = MSK_CORE (object);

  g_clear_signal_handler (&self->network_id, g_network_monitor_get_default ());
  if (self->auth != NULL)
    g_clear_signal_handler (&self->signed_out_id, self->auth);
  if (self->outbox != NULL)
    msk_outbox_stop (self->outbox);
  g_clear_object (&self->tracker);
  g_clear_object (&self->guidelines);
  g_clear_object (&self->portals);
  g_clear_object (&self->outbox);
  g_clear_object (&self->auth);
  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (msk_core_parent_class)->dispose (object);
}

static void
msk_core_class_init (MskCoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = msk_core_dispose;
}

static void
msk_core_init (MskCore *self)
{
}

/* When the network comes back, what waits in the outbox goes without
 * waiting for its backoff. */
static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    MskCore         *self)
{
  if (available && self->outbox != NULL)
    msk_outbox_flush (self->outbox);
}

/* The same when a portal answers again after it could not be reached
 * (the network monitor cannot tell a portal that was down). */
static void
reachable_cb (MskHttp *http,
              MskCore *self)
{
  if (self->outbox != NULL)
    msk_outbox_flush (self->outbox);
}

/* What a user read signed in goes when their sign-in ends. */
static void
signed_out_cb (MskAuth    *auth,
               const char *portal,
               const char *user,
               MskCore    *self)
{
  g_autoptr(GError) error = NULL;

  if (!msk_store_cache_forget_user (self->store, user, &error))
    g_warning ("Could not forget the cached pages of a user who signed out: %s", error->message);
}

static MskCore *
build (MskStore      *store,
       MskCoreFlags   flags,
       GError       **error)
{
  g_autoptr(MskCore) self = g_object_new (MSK_TYPE_CORE, NULL);
  gboolean keyring = (flags & (MSK_CORE_PUBLIC_PC | MSK_CORE_NO_KEYRING)) == 0;

  self->flags = flags;
  self->store = store;
  self->http = msk_http_new ();
  g_signal_connect_object (self->http, "reachable", G_CALLBACK (reachable_cb), self, 0);
  self->auth = msk_auth_new (self->http, keyring);
  self->outbox = msk_outbox_new (self->store, self->http);
  msk_outbox_set_auth (self->outbox, self->auth);
  self->signed_out_id = g_signal_connect (self->auth, "signed-out", G_CALLBACK (signed_out_cb),
                                          self);
  self->tracker = msk_tracker_new (self->store, self->outbox);
  msk_tracker_set_auth (self->tracker, self->auth);
  self->guidelines = msk_guidelines_new (self->store);
  self->portals = msk_portal_list_new (self->store, self->http);

  if (!msk_portal_list_load (self->portals, error) || !msk_tracker_load (self->tracker, error)
      || !msk_outbox_start (self->outbox, error))
    return NULL;
  self->network_id = g_signal_connect (g_network_monitor_get_default (), "network-changed",
                                       G_CALLBACK (network_changed_cb), self);
  return g_steal_pointer (&self);
}

/**
 * msk_core_new:
 * @flags: %MSK_CORE_PUBLIC_PC for public-PC mode
 *
 * Opens the store in the XDG dirs (the outbox and the tracking list in
 * `$XDG_DATA_HOME/musharaka/state.db`, the cache in
 * `$XDG_CACHE_HOME/musharaka/cache.db`), or in memory in public-PC mode,
 * and starts the outbox.
 *
 * Returns: (transfer full): the core, or %NULL with an error
 */
MskCore *
msk_core_new (MskCoreFlags   flags,
              GError       **error)
{
  g_autofree char *state = NULL;
  g_autofree char *cache = NULL;

  if (flags & MSK_CORE_PUBLIC_PC)
    {
      MskStore *store = msk_store_new_in_memory (error);

      return store != NULL ? build (store, flags, error) : NULL;
    }

  state = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "state.db", NULL);
  cache = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, "cache.db", NULL);
  return msk_core_new_for_paths (state, cache, flags, error);
}

/**
 * msk_core_new_for_paths:
 *
 * Like msk_core_new() with the two databases where the caller wants them.
 *
 * Returns: (transfer full): the core, or %NULL with an error
 */
MskCore *
msk_core_new_for_paths (const char    *state_path,
                        const char    *cache_path,
                        MskCoreFlags   flags,
                        GError       **error)
{
  MskStore *store;

  if (flags & MSK_CORE_PUBLIC_PC)
    store = msk_store_new_in_memory (error);
  else
    store = msk_store_new (state_path, cache_path, error);
  if (store == NULL)
    return NULL;
  return build (store, flags, error);
}

gboolean
msk_core_get_public_pc (MskCore *self)
{
  return (self->flags & MSK_CORE_PUBLIC_PC) != 0;
}

MskHttp *
msk_core_get_http (MskCore *self)
{
  return self->http;
}

MskStore *
msk_core_get_store (MskCore *self)
{
  return self->store;
}

MskOutbox *
msk_core_get_outbox (MskCore *self)
{
  return self->outbox;
}

MskAuth *
msk_core_get_auth (MskCore *self)
{
  return self->auth;
}

MskTracker *
msk_core_get_tracker (MskCore *self)
{
  return self->tracker;
}

MskGuidelines *
msk_core_get_guidelines (MskCore *self)
{
  return self->guidelines;
}

MskPortalList *
msk_core_get_portals (MskCore *self)
{
  return self->portals;
}

/**
 * msk_core_dup_client:
 *
 * Returns: (transfer full): a client of @portal sharing the core's session,
 *   store and outbox
 */
MskClient *
msk_core_dup_client (MskCore   *self,
                     MskPortal *portal)
{
  return msk_client_new (self->http, self->store, self->outbox, self->auth, portal);
}

typedef struct
{
  guint n_unsent;
} EndSession;

static void
end_session_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskCore *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!msk_auth_sign_out_all_finish (MSK_AUTH (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* On a public PC, what the person sent and what they read go too. */
  if (msk_core_get_public_pc (self)
      && (!msk_tracker_clear (self->tracker, &error)
          || !msk_store_cache_clear (self->store, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * msk_core_end_session_async:
 *
 * Ends the session of the person using the app: every sign-in is revoked
 * on its portal (a token left behind is worth nothing) and forgotten, and
 * what each user read signed in is deleted; what they queued waits for them
 * to sign in again. Public-PC mode calls it when a citizen's session ends
 * (reset or quit), and then nothing of the person stays: what they did not
 * send yet is discarded first (nothing goes out any more; the count is
 * given for a warning, see msk_core_dup_unsent_warning()), then their
 * tracking list and everything cached.
 */
void
msk_core_end_session_async (MskCore             *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  EndSession *data = g_new0 (EndSession, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, msk_core_end_session_async);
  g_task_set_task_data (task, data, g_free);
  if (msk_core_get_public_pc (self)
      && !msk_outbox_discard_all (self->outbox, &data->n_unsent, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  msk_auth_sign_out_all_async (self->auth, cancellable, end_session_cb, g_steal_pointer (&task));
}

/**
 * msk_core_end_session_finish:
 * @n_unsent: (out) (optional): how many of the person's submissions were
 *   discarded before they were sent (public-PC mode; 0 otherwise)
 */
gboolean
msk_core_end_session_finish (MskCore       *self,
                             GAsyncResult  *result,
                             guint         *n_unsent,
                             GError       **error)
{
  EndSession *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  data = g_task_get_task_data (G_TASK (result));
  if (n_unsent != NULL)
    *n_unsent = data->n_unsent;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * msk_core_dup_unsent_warning:
 * @n_unsent: from msk_core_end_session_finish()
 *
 * Returns: (transfer full) (nullable): the warning to show when a public-PC
 *   session ended with submissions not sent, translated; %NULL for none
 */
char *
msk_core_dup_unsent_warning (guint n_unsent)
{
  if (n_unsent == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: at the end of a session on a public
                                        * computer, what the person wrote and could not
                                        * send is deleted */
                                       "%u submission was not sent and was deleted from "
                                       "this computer.",
                                       "%u submissions were not sent and were deleted from "
                                       "this computer.", n_unsent), n_unsent);
}
