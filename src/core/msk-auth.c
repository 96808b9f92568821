/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "msk-auth.h"
#include "msk-error.h"
#include "msk-json.h"

/**
 * MskAuth:
 *
 * Sign-in: the bearer token of each portal, kept in the keyring through
 * libsecret. Where no Secret Service runs, and in public-PC mode, tokens
 * live in memory only and are gone when the app quits.
 *
 * A portal's sign-in is "loaded" once the keyring was asked for it (or a
 * token was set or signed in for it); until then nobody knows whether the
 * user is signed in, and the outbox holds the portal's writes.
 */
struct _MskAuth
{
  GObject     parent_instance;

  MskHttp    *http;           /* (owned) */
  GHashTable *tokens;         /* (owned): portal → token */
  GHashTable *names;          /* (owned): portal → display name */
  GHashTable *loaded;         /* (owned): portals whose sign-in is known */
  GHashTable *loading;        /* (owned): portals being looked up in the keyring */
  gboolean    use_keyring;
};

G_DEFINE_TYPE (MskAuth, msk_auth, G_TYPE_OBJECT)

enum {
  CHANGED,
  SIGNED_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.musharaka.Musharaka.Token", SECRET_SCHEMA_NONE,
    {
      { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    }
  };
  return &schema;
}

static void
msk_auth_finalize (GObject *object)
{
  MskAuth *self = MSK_AUTH (object);

  g_clear_object (&self->http);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);

  G_OBJECT_CLASS (msk_auth_parent_class)->finalize (object);
}

static void
msk_auth_class_init (MskAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_auth_finalize;

  /**
   * MskAuth::changed:
   * @portal: the portal whose sign-in changed or became known
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * MskAuth::signed-out:
   * @portal: the portal
   * @user: the user key (msk_auth_dup_user_key()) of the sign-in that ended
   *
   * A sign-in ended on this computer: signed out, replaced by another one,
   * or the end of a public-PC session. What is personal to @user goes.
   */
  signals[SIGNED_OUT] = g_signal_new ("signed-out", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                      G_TYPE_STRING, G_TYPE_STRING);
}

static void
msk_auth_init (MskAuth *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
set_known (MskAuth    *self,
           const char *portal)
{
  g_hash_table_add (self->loaded, g_strdup (portal));
  g_signal_emit (self, signals[CHANGED], 0, portal);
}

static char *
user_key (const char *portal,
          const char *token)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char *key;

  g_checksum_update (checksum, (const guchar *) portal, strlen (portal) + 1);
  g_checksum_update (checksum, (const guchar *) token, strlen (token));
  key = g_strdup (g_checksum_get_string (checksum));
  key[32] = '\0';
  return key;
}

/* Makes @token (or none) the sign-in of @portal; the one it replaces ends. */
static void
replace_token (MskAuth    *self,
               const char *portal,
               const char *token)
{
  g_autofree char *old = g_strdup (g_hash_table_lookup (self->tokens, portal));

  if (token != NULL)
    g_hash_table_replace (self->tokens, g_strdup (portal), g_strdup (token));
  else
    {
      g_hash_table_remove (self->tokens, portal);
      g_hash_table_remove (self->names, portal);
    }
  if (old != NULL && g_strcmp0 (old, token) != 0)
    {
      g_autofree char *user = user_key (portal, old);

      g_signal_emit (self, signals[SIGNED_OUT], 0, portal, user);
    }
  set_known (self, portal);
}

/**
 * msk_auth_new:
 * @use_keyring: whether to keep tokens in the keyring (%FALSE in public-PC mode)
 *
 * Returns: (transfer full): the sign-in state
 */
MskAuth *
msk_auth_new (MskHttp  *http,
              gboolean  use_keyring)
{
  MskAuth *self = g_object_new (MSK_TYPE_AUTH, NULL);

  self->http = g_object_ref (http);
  self->use_keyring = use_keyring;
  return self;
}

gboolean
msk_auth_get_uses_keyring (MskAuth *self)
{
  return self->use_keyring;
}

/**
 * msk_auth_dup_token:
 *
 * Returns: (transfer full) (nullable): the bearer token for @portal
 */
char *
msk_auth_dup_token (MskAuth    *self,
                    const char *portal)
{
  g_return_val_if_fail (MSK_IS_AUTH (self), NULL);
  return g_strdup (g_hash_table_lookup (self->tokens, portal));
}

/**
 * msk_auth_dup_user_key:
 *
 * Returns: (transfer full) (nullable): a name for the user signed in to
 *   @portal that is known offline and names nobody (a digest of the
 *   sign-in), to keep what is personal to them apart; %NULL when nobody
 *   is signed in
 */
char *
msk_auth_dup_user_key (MskAuth    *self,
                       const char *portal)
{
  const char *token;

  g_return_val_if_fail (MSK_IS_AUTH (self), NULL);
  token = g_hash_table_lookup (self->tokens, portal);
  return token != NULL ? user_key (portal, token) : NULL;
}

/**
 * msk_auth_is_loaded:
 *
 * Returns: whether the sign-in of @portal is known: always without the
 *   keyring; with it, once msk_auth_load_async() finished for @portal or a
 *   token was set or signed in for it
 */
gboolean
msk_auth_is_loaded (MskAuth    *self,
                    const char *portal)
{
  g_return_val_if_fail (MSK_IS_AUTH (self), FALSE);
  return !self->use_keyring || g_hash_table_contains (self->loaded, portal)
         || g_hash_table_contains (self->tokens, portal);
}

/**
 * msk_auth_dup_display_name:
 *
 * Returns: (transfer full) (nullable): the name of the user signed in to @portal
 */
char *
msk_auth_dup_display_name (MskAuth    *self,
                           const char *portal)
{
  g_return_val_if_fail (MSK_IS_AUTH (self), NULL);
  return g_strdup (g_hash_table_lookup (self->names, portal));
}

/**
 * msk_auth_set_token:
 * @token: (nullable): a token, or %NULL to forget it (in memory only)
 */
void
msk_auth_set_token (MskAuth    *self,
                    const char *portal,
                    const char *token)
{
  g_return_if_fail (MSK_IS_AUTH (self));
  replace_token (self, portal, token);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* No Secret Service: the token stays in memory for this session. */
  if (!secret_password_store_finish (result, &error))
    g_debug ("Keyring unavailable, token kept in memory: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
session_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskAuth *self = g_task_get_source_object (task);
  const char *portal = g_task_get_task_data (task);
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonObject *user = NULL;
  const char *token = NULL;
  const char *name = NULL;
  GCancellable *cancellable;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL || !msk_http_reply_check (reply, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object = msk_json_node_get_object (reply->root, "session", &error);
  if (object == NULL
      || !msk_json_read_string (object, "token", TRUE, &token, &error)
      || !msk_json_read_object (object, "user", FALSE, &user, &error)
      || (user != NULL && !msk_json_read_string (user, "display_name", FALSE, &name, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (name != NULL)
    g_hash_table_replace (self->names, g_strdup (portal), g_strdup (name));
  else
    g_hash_table_remove (self->names, portal);
  replace_token (self, portal, token);

  if (!self->use_keyring)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT,
                         /* Translators: the label of the sign-in token in the keyring */
                         _("Musharaka sign-in"), token, cancellable,
                         store_cb, g_steal_pointer (&task), "portal", portal, NULL);
}

/**
 * msk_auth_sign_in_async:
 * @portal: the portal's base URL
 *
 * Signs in with `POST /v1/session` and keeps the token.
 */
void
msk_auth_sign_in_async (MskAuth             *self,
                        const char          *portal,
                        const char          *username,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *uri = g_strconcat (portal, "/v1/session", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) body = NULL;
  MskHttpRequest request = { 0, };

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_auth_sign_in_async);
  g_task_set_task_data (task, g_strdup (portal), g_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new (text, strlen (text));

  request.method = "POST";
  request.uri = uri;
  request.body = body;
  request.content_type = "application/json";
  msk_http_send_async (self->http, &request, cancellable, session_cb, g_steal_pointer (&task));
}

gboolean
msk_auth_sign_in_finish (MskAuth       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskAuth *self = g_task_get_source_object (task);
  const char *portal = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_debug ("Keyring unavailable: %s", error->message);
  g_hash_table_remove (self->loading, portal);
  /* A sign-in that finished meanwhile is newer than what the keyring had. */
  if (token != NULL && !g_hash_table_contains (self->tokens, portal))
    g_hash_table_replace (self->tokens, g_strdup (portal), g_steal_pointer (&token));
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_known (self, portal);
  g_task_return_boolean (task, TRUE);
}

/**
 * msk_auth_load_async:
 *
 * Looks the token of @portal up in the keyring (when the keyring is used).
 * Succeeds also when there is no token or no keyring; then the sign-in of
 * @portal is loaded (#MskAuth::changed).
 */
void
msk_auth_load_async (MskAuth             *self,
                     const char          *portal,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, msk_auth_load_async);
  g_task_set_task_data (task, g_strdup (portal), g_free);
  if (!self->use_keyring)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_hash_table_add (self->loading, g_strdup (portal));
  secret_password_lookup (token_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "portal", portal, NULL);
}

/**
 * msk_auth_ensure_loaded:
 *
 * Starts looking the token of @portal up in the keyring unless its sign-in
 * is loaded or being looked up; #MskAuth::changed tells when it is known.
 */
void
msk_auth_ensure_loaded (MskAuth    *self,
                        const char *portal)
{
  g_return_if_fail (MSK_IS_AUTH (self));
  if (msk_auth_is_loaded (self, portal) || g_hash_table_contains (self->loading, portal))
    return;
  msk_auth_load_async (self, portal, NULL, NULL, NULL);
}

gboolean
msk_auth_load_finish (MskAuth       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("Keyring unavailable: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
clear_keyring (GTask *task)
{
  MskAuth *self = g_task_get_source_object (task);
  const char *portal = g_task_get_task_data (task);

  if (!self->use_keyring)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  secret_password_clear (token_schema (), g_task_get_cancellable (task), clear_cb, task,
                         "portal", portal, NULL);
}

static void
delete_session_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* Forgetting the token locally matters more than revoking it remotely. */
  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL)
    g_debug ("Could not revoke the token: %s", error->message);
  else if (reply->status != 204 && reply->status != 401)
    g_debug ("Could not revoke the token: status %u", reply->status);
  clear_keyring (task);
}

/**
 * msk_auth_sign_out_async:
 *
 * Revokes the token on the portal (`DELETE /v1/session`) and forgets it
 * here (#MskAuth::signed-out).
 */
void
msk_auth_sign_out_async (MskAuth             *self,
                         const char          *portal,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *token = msk_auth_dup_token (self, portal);
  g_autofree char *uri = g_strconcat (portal, "/v1/session", NULL);
  MskHttpRequest request = { 0, };

  g_task_set_source_tag (task, msk_auth_sign_out_async);
  g_task_set_task_data (task, g_strdup (portal), g_free);
  replace_token (self, portal, NULL);
  if (token == NULL)
    {
      clear_keyring (g_steal_pointer (&task));
      return;
    }

  request.method = "DELETE";
  request.uri = uri;
  request.bearer = token;
  msk_http_send_async (self->http, &request, cancellable, delete_session_cb,
                       g_steal_pointer (&task));
}

gboolean
msk_auth_sign_out_finish (MskAuth       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
signed_out_one_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  guint *pending = g_task_get_task_data (task);

  msk_auth_sign_out_finish (MSK_AUTH (source), result, NULL);
  if (--*pending == 0)
    g_task_return_boolean (task, TRUE);
}

/**
 * msk_auth_sign_out_all_async:
 *
 * Signs out of every portal (the end of a public-PC session): each token
 * is revoked on its portal, so that it is worth nothing to whoever finds
 * it afterwards, and forgotten here.
 */
void
msk_auth_sign_out_all_async (MskAuth             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree const char **portals = NULL;
  guint n = 0;
  guint *pending;

  g_task_set_source_tag (task, msk_auth_sign_out_all_async);
  portals = (const char **) g_hash_table_get_keys_as_array (self->tokens, &n);
  if (n == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  pending = g_new (guint, 1);
  *pending = n;
  g_task_set_task_data (task, pending, g_free);
  /* Copies: signing out removes the portal from the table. */
  {
    g_auto(GStrv) copies = g_strdupv ((char **) portals);

    for (guint i = 0; i < n; i++)
      msk_auth_sign_out_async (self, copies[i], cancellable, signed_out_one_cb,
                               g_object_ref (task));
  }
}

gboolean
msk_auth_sign_out_all_finish (MskAuth       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
