/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msk-context.h"
#include "msk-language.h"
#include "msk-error.h"
#include "msk-policy.h"

/**
 * MskContext:
 *
 * What the windows and pages of the app share, owned by the application:
 * the core (store, outbox, tracker, portals), the settings, the read-aloud
 * engine, and the portal the app reads with its client. Pages take the
 * client from here and never make one. The account signed in to that
 * portal, if any, is its "account-name".
 */
struct _MskContext
{
  GObject          parent_instance;

  /* Owned */
  MskCore         *core;
  GSettings       *settings;
  MskSpeechEngine *speech_engine;
  MskSpell        *spell;
  MskPortal       *portal;
  MskClient       *client;
  char            *status;

  /* When what is shown was last fetched, while the portal is unreachable */
  gint64           offline_since;
};

G_DEFINE_FINAL_TYPE (MskContext, msk_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORTAL,
  PROP_CLIENT,
  PROP_STATUS,
  PROP_OFFLINE_SINCE,
  PROP_ACCOUNT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_context_dispose (GObject *object)
{
  MskContext *self = MSK_CONTEXT (object);

  if (self->speech_engine != NULL)
    msk_speech_engine_stop (self->speech_engine);
  g_clear_object (&self->speech_engine);
  g_clear_object (&self->spell);
  g_clear_object (&self->client);
  g_clear_object (&self->portal);
  g_clear_object (&self->core);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (msk_context_parent_class)->dispose (object);
}

static void
msk_context_finalize (GObject *object)
{
  MskContext *self = MSK_CONTEXT (object);

  g_free (self->status);

  G_OBJECT_CLASS (msk_context_parent_class)->finalize (object);
}

static void
msk_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MskContext *self = MSK_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_PORTAL:
      g_value_set_object (value, self->portal);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_OFFLINE_SINCE:
      g_value_set_int64 (value, self->offline_since);
      break;
    case PROP_ACCOUNT_NAME:
      g_value_take_string (value, msk_context_dup_account_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_context_class_init (MskContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_context_dispose;
  object_class->finalize = msk_context_finalize;
  object_class->get_property = msk_context_get_property;

  properties[PROP_PORTAL] =
    g_param_spec_object ("portal", NULL, NULL, MSK_TYPE_PORTAL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, MSK_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_SINCE] =
    g_param_spec_int64 ("offline-since", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MskContext:account-name:
   *
   * The name of the account signed in to the current portal, or %NULL.
   */
  properties[PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_context_init (MskContext *self)
{
}

static void
auth_changed_cb (MskContext *self,
                 const char *portal)
{
  if (self->portal != NULL && g_strcmp0 (portal, msk_portal_get_base_url (self->portal)) == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_NAME]);
}

/**
 * msk_context_new:
 * @core: (nullable): the core; %NULL for a context without portals (tests)
 * @settings: the app's settings
 *
 * Returns: (transfer full): a context with no current portal
 */
MskContext *
msk_context_new (MskCore   *core,
                 GSettings *settings)
{
  MskContext *self;

  g_return_val_if_fail (core == NULL || MSK_IS_CORE (core), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MSK_TYPE_CONTEXT, NULL);
  self->core = core != NULL ? g_object_ref (core) : NULL;
  self->settings = g_object_ref (settings);
  if (core != NULL)
    g_signal_connect_object (msk_core_get_auth (core), "changed", G_CALLBACK (auth_changed_cb),
                             self, G_CONNECT_SWAPPED);
  return self;
}

MskCore *
msk_context_get_core (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->core;
}

GSettings *
msk_context_get_settings (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->settings;
}

MskPortalList *
msk_context_get_portals (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->core != NULL ? msk_core_get_portals (self->core) : NULL;
}

MskOutbox *
msk_context_get_outbox (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->core != NULL ? msk_core_get_outbox (self->core) : NULL;
}

MskTracker *
msk_context_get_tracker (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->core != NULL ? msk_core_get_tracker (self->core) : NULL;
}

/**
 * msk_context_get_spell:
 *
 * The spelling checker of the texts one writes, made on first use (it
 * loads the dictionaries).
 *
 * Returns: (transfer none): the checker
 */
MskSpell *
msk_context_get_spell (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  if (self->spell == NULL)
    self->spell = msk_spell_new ();
  return self->spell;
}

/**
 * msk_context_get_speech_engine:
 *
 * The one read-aloud engine of the app, made on first use (it starts a
 * thread and opens the sound device) and following the settings.
 *
 * Returns: (transfer none): the engine
 */
MskSpeechEngine *
msk_context_get_speech_engine (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  if (self->speech_engine == NULL)
    {
      self->speech_engine = msk_speech_engine_new (NULL);
      msk_speech_engine_bind_settings (self->speech_engine, self->settings);
    }

  return self->speech_engine;
}

/**
 * msk_context_get_portal:
 *
 * Returns: (transfer none) (nullable): the portal the app reads, if any
 */
MskPortal *
msk_context_get_portal (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->portal;
}

/**
 * msk_context_get_client:
 *
 * Returns: (transfer none) (nullable): the client of the current portal
 */
MskClient *
msk_context_get_client (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->client;
}

/**
 * msk_context_set_portal:
 * @portal: (nullable): the portal to read from now on
 *
 * Makes @portal the current one, with a new client in the language the app
 * shows.
 */
void
msk_context_set_portal (MskContext *self,
                        MskPortal  *portal)
{
  g_return_if_fail (MSK_IS_CONTEXT (self));
  g_return_if_fail (portal == NULL || MSK_IS_PORTAL (portal));
  g_return_if_fail (portal == NULL || self->core != NULL);

  if (!g_set_object (&self->portal, portal))
    return;

  g_clear_object (&self->client);
  self->offline_since = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
  if (portal != NULL)
    {
      msk_context_update_language (self);
      self->client = msk_core_dup_client (self->core, portal);
      /* A sign-in kept from an earlier session is known once it is read. */
      msk_auth_ensure_loaded (msk_core_get_auth (self->core), msk_portal_get_base_url (portal));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_NAME]);
}

/**
 * msk_context_get_auth:
 *
 * Returns: (transfer none) (nullable): the sign-ins of every portal
 */
MskAuth *
msk_context_get_auth (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->core != NULL ? msk_core_get_auth (self->core) : NULL;
}

/**
 * msk_context_get_signed_in:
 *
 * Returns: whether an account is signed in to the current portal
 */
gboolean
msk_context_get_signed_in (MskContext *self)
{
  g_autofree char *token = NULL;

  g_return_val_if_fail (MSK_IS_CONTEXT (self), FALSE);

  if (self->portal == NULL || self->core == NULL)
    return FALSE;
  token = msk_auth_dup_token (msk_core_get_auth (self->core),
                              msk_portal_get_base_url (self->portal));
  return token != NULL;
}

/**
 * msk_context_dup_account_name:
 *
 * Returns: (transfer full) (nullable): the name of the account signed in
 *   to the current portal (its display name, or "your account" when the
 *   portal gave none), or %NULL when no one is signed in
 */
char *
msk_context_dup_account_name (MskContext *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  if (!msk_context_get_signed_in (self))
    return NULL;
  name = msk_auth_dup_display_name (msk_core_get_auth (self->core),
                                    msk_portal_get_base_url (self->portal));
  if (name == NULL || *g_strstrip (name) == '\0')
    {
      g_free (name);
      /* Translators: said of an account the portal gave no name */
      name = g_strdup (_("your account"));
    }
  return g_steal_pointer (&name);
}

/**
 * msk_context_update_language:
 *
 * Asks the portals for their content in the language the app shows now;
 * call it when that language changes.
 */
void
msk_context_update_language (MskContext *self)
{
  g_return_if_fail (MSK_IS_CONTEXT (self));

  if (self->core != NULL)
    msk_http_set_language (msk_core_get_http (self->core), msk_language_effective ());
}

/**
 * msk_context_get_status:
 *
 * Returns: (nullable): what the app says about its portal while there is
 *   no client (starting the practice portal, or why it could not start)
 */
const char *
msk_context_get_status (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  return self->status;
}

void
msk_context_set_status (MskContext *self,
                        const char *status)
{
  g_return_if_fail (MSK_IS_CONTEXT (self));

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * msk_context_get_offline_since:
 *
 * Returns: when the content shown was last fetched, in microseconds since
 *   the epoch, while the portal cannot be reached; 0 while it answers
 */
gint64
msk_context_get_offline_since (MskContext *self)
{
  g_return_val_if_fail (MSK_IS_CONTEXT (self), 0);

  return self->offline_since;
}

/**
 * msk_context_set_freshness:
 * @freshness: where the content a page just read came from
 *
 * Pages tell the context how their reads went, so that the whole app can
 * say it is offline, and since when.
 */
void
msk_context_set_freshness (MskContext         *self,
                           const MskFreshness *freshness)
{
  gint64 since;

  g_return_if_fail (MSK_IS_CONTEXT (self));
  g_return_if_fail (freshness != NULL);

  since = freshness->offline ? MAX (freshness->fetched_at, 1) : 0;
  if (since == self->offline_since)
    return;
  self->offline_since = since;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE_SINCE]);
}

/**
 * msk_context_dup_portal_key:
 *
 * Returns: (transfer full) (nullable): what the portal chosen is known by
 *   (see msk_policy_dup_portal_key()), also while the practice portal is
 *   still starting; %NULL when none is chosen
 */
char *
msk_context_dup_portal_key (MskContext *self)
{
  g_autofree char *chosen = NULL;

  g_return_val_if_fail (MSK_IS_CONTEXT (self), NULL);

  if (self->portal != NULL)
    return msk_policy_dup_portal_key (self->portal);
  chosen = g_settings_get_string (self->settings, "portal");
  return *chosen != '\0' ? g_steal_pointer (&chosen) : NULL;
}

/**
 * msk_context_get_policy_accepted:
 *
 * Taking part requires acceptance: this says whether the person accepted
 * the participation policy, the privacy notice and the disclaimer, in
 * their current version, for the portal chosen. Reading needs none.
 *
 * Returns: whether the person may take part on the portal chosen
 */
gboolean
msk_context_get_policy_accepted (MskContext *self)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (MSK_IS_CONTEXT (self), FALSE);

  key = msk_context_dup_portal_key (self);
  return key != NULL && self->core != NULL
         && msk_policy_is_accepted (msk_core_get_store (self->core), key, NULL);
}

/**
 * msk_context_accept_policy:
 *
 * Records that the person accepted the texts for the portal chosen.
 */
gboolean
msk_context_accept_policy (MskContext  *self,
                           GError     **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (MSK_IS_CONTEXT (self), FALSE);

  key = msk_context_dup_portal_key (self);
  if (key == NULL || self->core == NULL)
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                           _("Choose a portal first."));
      return FALSE;
    }
  return msk_policy_accept (msk_core_get_store (self->core), key,
                            g_get_real_time () / G_USEC_PER_SEC, error);
}
