/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "msk-auth.h"
#include "msk-error.h"
#include "msk-json.h"
#include "msk-uuid.h"
#include "msk-wire-json.h"

/**
 * MskAuth:
 *
 * Sign-in: the bearer token of each portal, kept in the keyring through
 * libsecret. Where no Secret Service runs, and in public-PC mode, tokens
 * live in memory only and are gone when the app quits.
 *
 * A sign-in is a token and the account it belongs to (the id the portal
 * gave the user, from the sign-in reply): what the user writes and reads
 * signed in is kept under that account (msk_auth_dup_user_key()), so that
 * it goes out, and shows, for them alone, also after they sign in again.
 * The keyring keeps both, as a small JSON object; a secret kept by an
 * older version (the bare token) is upgraded once the portal named its
 * account (`GET /v1/me`).
 *
 * A portal's sign-in is "loaded" once the keyring was asked for it and its
 * account is known (or a sign-in was set or made for it); until then nobody
 * knows who is signed in, and the outbox holds the portal's signed writes.
 */
typedef struct
{
  char *token;
  char *user;   /* the account's id on the portal */
  char *name;   /* (nullable): its display name */
  GStrv roles;  /* (nullable): what else it may do: "moderator", "staff" */
} SignIn;

struct _MskAuth
{
  GObject     parent_instance;

  MskHttp    *http;           /* (owned) */
  GHashTable *sign_ins;       /* (owned): portal → SignIn */
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

static void
sign_in_free (SignIn *sign_in)
{
  if (sign_in == NULL)
    return;
  g_free (sign_in->token);
  g_free (sign_in->user);
  g_free (sign_in->name);
  g_strfreev (sign_in->roles);
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static SignIn *
sign_in_new (const char *token,
             const char *user,
             const char *name)
{
  SignIn *sign_in = g_new0 (SignIn, 1);

  sign_in->token = g_strdup (token);
  sign_in->user = g_strdup (user);
  sign_in->name = g_strdup (name);
  return sign_in;
}

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
  g_clear_pointer (&self->sign_ins, g_hash_table_unref);
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
  self->sign_ins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) sign_in_free);
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

/* A name for the account @user of @portal that names nobody: the same at
 * every sign-in of that account, different for every other account. */
static char *
user_key (const char *portal,
          const char *user)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char *key;

  g_checksum_update (checksum, (const guchar *) portal, strlen (portal) + 1);
  g_checksum_update (checksum, (const guchar *) user, strlen (user));
  key = g_strdup (g_checksum_get_string (checksum));
  key[32] = '\0';
  return key;
}

/* Makes @sign_in (or none) the sign-in of @portal. When it ends the
 * sign-in of another account (not a new token of the same one), that
 * account signed out. */
static void
replace_sign_in (MskAuth    *self,
                 const char *portal,
                 SignIn     *sign_in)
{
  SignIn *old = g_hash_table_lookup (self->sign_ins, portal);
  g_autofree char *ended = NULL;

  if (old != NULL && (sign_in == NULL || g_strcmp0 (old->user, sign_in->user) != 0))
    ended = user_key (portal, old->user);
  if (sign_in != NULL)
    g_hash_table_replace (self->sign_ins, g_strdup (portal), sign_in);
  else
    g_hash_table_remove (self->sign_ins, portal);
  if (ended != NULL)
    g_signal_emit (self, signals[SIGNED_OUT], 0, portal, ended);
  set_known (self, portal);
}

/* The keyring's secret: the sign-in as a JSON object. */
static char *
secret_text (SignIn *sign_in)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, sign_in->token);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, sign_in->user);
  if (sign_in->name != NULL)
    {
      json_builder_set_member_name (builder, "display_name");
      json_builder_add_string_value (builder, sign_in->name);
    }
  if (sign_in->roles != NULL)
    {
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_array (builder);
      for (guint i = 0; sign_in->roles[i] != NULL; i++)
        json_builder_add_string_value (builder, sign_in->roles[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The roles in @object's "roles", when it is an array of strings; others
 * are left out, and an account without them is a citizen's. */
static GStrv
read_roles (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "roles");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/* Returns: (nullable): the sign-in in a secret from secret_text(), or
 * %NULL for a bare token (kept by an older version) */
static SignIn *
parse_secret (const char *secret)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *user = NULL;
  const char *token = NULL;
  const char *name = NULL;
  JsonNode *root;
  JsonObject *object;
  SignIn *sign_in;

  if (secret[0] != '{' || !msk_wire_json_depth_ok (secret, strlen (secret), 4))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, secret, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL
      || !msk_json_read_string (object, "token", TRUE, &token, NULL)
      || !msk_json_read_id (object, "user", TRUE, &user, NULL)
      || !msk_json_read_string (object, "display_name", FALSE, &name, NULL))
    return NULL;
  sign_in = sign_in_new (token, user, name);
  sign_in->roles = read_roles (object);
  return sign_in;
}

/* Reads a user object of the API ({ "id", "display_name", … }). */
static SignIn *
read_user (JsonObject  *user,
           const char  *token,
           GError     **error)
{
  g_autofree char *id = NULL;
  const char *name = NULL;
  SignIn *sign_in;

  if (!msk_json_read_id (user, "id", TRUE, &id, error)
      || !msk_json_read_string (user, "display_name", FALSE, &name, error))
    return NULL;
  sign_in = sign_in_new (token, id, name);
  sign_in->roles = read_roles (user);
  return sign_in;
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

/* A copy of one field of the sign-in of @portal, or %NULL. */
static char *
dup_field (MskAuth    *self,
           const char *portal,
           glong       offset)
{
  SignIn *sign_in = g_hash_table_lookup (self->sign_ins, portal);

  return sign_in != NULL ? g_strdup (G_STRUCT_MEMBER (char *, sign_in, offset)) : NULL;
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
  return dup_field (self, portal, G_STRUCT_OFFSET (SignIn, token));
}

/**
 * msk_auth_dup_user:
 *
 * Returns: (transfer full) (nullable): the id of the account signed in to
 *   @portal, as the portal gave it
 */
char *
msk_auth_dup_user (MskAuth    *self,
                   const char *portal)
{
  g_return_val_if_fail (MSK_IS_AUTH (self), NULL);
  return dup_field (self, portal, G_STRUCT_OFFSET (SignIn, user));
}

/**
 * msk_auth_dup_user_key:
 *
 * Returns: (transfer full) (nullable): a name for the account signed in to
 *   @portal that is known offline and names nobody (a digest of the portal
 *   and the account's id), the same at each of its sign-ins, to keep what
 *   is personal to them apart; %NULL when nobody is signed in
 */
char *
msk_auth_dup_user_key (MskAuth    *self,
                       const char *portal)
{
  SignIn *sign_in;

  g_return_val_if_fail (MSK_IS_AUTH (self), NULL);
  sign_in = g_hash_table_lookup (self->sign_ins, portal);
  return sign_in != NULL ? user_key (portal, sign_in->user) : NULL;
}

/**
 * msk_auth_is_signed_in_as:
 * @key: a key from msk_auth_dup_user_key()
 *
 * Returns: whether the account @key names is signed in now (to its portal)
 */
gboolean
msk_auth_is_signed_in_as (MskAuth    *self,
                          const char *key)
{
  GHashTableIter iter;
  gpointer portal, value;

  g_return_val_if_fail (MSK_IS_AUTH (self), FALSE);
  g_hash_table_iter_init (&iter, self->sign_ins);
  while (g_hash_table_iter_next (&iter, &portal, &value))
    {
      g_autofree char *signed_in = user_key (portal, ((SignIn *) value)->user);

      if (g_strcmp0 (signed_in, key) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * msk_auth_is_loaded:
 *
 * Returns: whether the sign-in of @portal is known: always without the
 *   keyring; with it, once msk_auth_load_async() finished for @portal or a
 *   sign-in was set or made for it
 */
gboolean
msk_auth_is_loaded (MskAuth    *self,
                    const char *portal)
{
  g_return_val_if_fail (MSK_IS_AUTH (self), FALSE);
  return !self->use_keyring || g_hash_table_contains (self->loaded, portal)
         || g_hash_table_contains (self->sign_ins, portal);
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
  return dup_field (self, portal, G_STRUCT_OFFSET (SignIn, name));
}

/**
 * msk_auth_token_refused:
 * @token: a token the portal answered 401 to
 *
 * The portal no longer takes @token (it expired, or was revoked there):
 * when it is still the sign-in of @portal, that sign-in has ended here
 * too. It is forgotten, and taken out of the keyring, so that the app
 * offers to sign in again instead of saying someone is signed in.
 */
void
msk_auth_token_refused (MskAuth    *self,
                        const char *portal,
                        const char *token)
{
  SignIn *sign_in;

  g_return_if_fail (MSK_IS_AUTH (self));

  sign_in = g_hash_table_lookup (self->sign_ins, portal);
  if (sign_in == NULL || token == NULL || g_strcmp0 (sign_in->token, token) != 0)
    return;
  if (self->use_keyring)
    secret_password_clear (token_schema (), NULL, NULL, NULL, "portal", portal, NULL);
  replace_sign_in (self, portal, NULL);
}

/**
 * msk_auth_has_role:
 * @role: "moderator" or "staff"
 *
 * Returns: whether the account signed in to @portal has @role there
 */
gboolean
msk_auth_has_role (MskAuth    *self,
                   const char *portal,
                   const char *role)
{
  SignIn *sign_in;

  g_return_val_if_fail (MSK_IS_AUTH (self), FALSE);
  sign_in = g_hash_table_lookup (self->sign_ins, portal);
  return sign_in != NULL && sign_in->roles != NULL
         && g_strv_contains ((const char * const *) sign_in->roles, role);
}

/**
 * msk_auth_set_sign_in:
 * @token: (nullable): a token, or %NULL to forget the sign-in (in memory
 *   only)
 * @user: (nullable): the id of the account @token belongs to; required
 *   with a token
 *
 * Makes @token of account @user the sign-in of @portal (in memory only).
 */
void
msk_auth_set_sign_in (MskAuth    *self,
                      const char *portal,
                      const char *token,
                      const char *user)
{
  g_return_if_fail (MSK_IS_AUTH (self));
  g_return_if_fail (token == NULL || user != NULL);
  replace_sign_in (self, portal, token != NULL ? sign_in_new (token, user, NULL) : NULL);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  /* No Secret Service: the sign-in stays in memory for this session. */
  if (!secret_password_store_finish (result, &error))
    g_debug ("Keyring unavailable, sign-in kept in memory: %s", error->message);
  if (task != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

/* Keeps @secret (from secret_text()) in the keyring; then returns @task
 * (owned, nullable). */
static void
store_secret (const char *portal,
              const char *secret,
              GTask      *task)
{
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT,
                         /* Translators: the label of the sign-in token in the keyring */
                         _("Musharaka sign-in"), secret,
                         task != NULL ? g_task_get_cancellable (task) : NULL,
                         store_cb, task, "portal", portal, NULL);
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
  SignIn *sign_in = NULL;
  g_autofree char *secret = NULL;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL || !msk_http_reply_check (reply, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Without the account, what the user does could not be kept apart from
   * what the next person does: such a reply is refused. */
  object = msk_json_node_get_object (reply->root, "session", &error);
  if (object == NULL
      || !msk_json_read_string (object, "token", TRUE, &token, &error)
      || !msk_json_read_object (object, "user", TRUE, &user, &error)
      || (sign_in = read_user (user, token, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  secret = secret_text (sign_in);
  replace_sign_in (self, portal, sign_in);
  if (!self->use_keyring)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  store_secret (portal, secret, g_steal_pointer (&task));
}

/* The body of POST /v1/session and /v1/accounts; @display_name (nullable)
 * only in the second. */
static GBytes *
credentials_body (const char *username,
                  const char *password,
                  const char *display_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  if (display_name != NULL)
    {
      json_builder_set_member_name (builder, "display_name");
      json_builder_add_string_value (builder, display_name);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  return g_bytes_new_take (text, strlen (text));
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
  g_autofree char *uri = g_strconcat (portal, "/v1/session", NULL);
  g_autoptr(GBytes) body = credentials_body (username, password, NULL);
  MskHttpRequest request = { 0, };

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_auth_sign_in_async);
  g_task_set_task_data (task, g_strdup (portal), g_free);

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

typedef struct
{
  char       *portal;
  char       *username;
  char       *password;
  GHashTable *field_errors;  /* (nullable): what the portal said of each field */
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->portal);
  g_free (data->username);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_clear_pointer (&data->field_errors, g_hash_table_unref);
  g_free (data);
}

static void
created_signed_in_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!msk_auth_sign_in_finish (MSK_AUTH (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
account_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskAuth *self = g_task_get_source_object (task);
  CreateData *data = g_task_get_task_data (task);
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL || !msk_http_reply_check (reply, &error))
    {
      if (reply != NULL)
        data->field_errors = msk_http_reply_dup_field_errors (reply);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The account is made: signing in with it gives the token. */
  cancellable = g_task_get_cancellable (task);
  msk_auth_sign_in_async (self, data->portal, data->username, data->password, cancellable,
                          created_signed_in_cb, g_steal_pointer (&task));
}

/**
 * msk_auth_create_account_async:
 * @portal: the portal's base URL
 * @display_name: (nullable): the name shown with what the person writes;
 *   the username when %NULL
 *
 * Creates a citizen account with `POST /v1/accounts`, then signs in with it.
 */
void
msk_auth_create_account_async (MskAuth             *self,
                               const char          *portal,
                               const char          *username,
                               const char          *display_name,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = g_strconcat (portal, "/v1/accounts", NULL);
  g_autofree char *key = msk_uuid_new_random ();
  g_autoptr(GBytes) body = credentials_body (username, password, display_name);
  MskHttpRequest request = { 0, };
  CreateData *data;

  g_return_if_fail (MSK_IS_AUTH (self));
  g_return_if_fail (portal != NULL && username != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_auth_create_account_async);
  data = g_new0 (CreateData, 1);
  data->portal = g_strdup (portal);
  data->username = g_strdup (username);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);

  request.method = "POST";
  request.uri = uri;
  request.body = body;
  request.content_type = "application/json";
  request.idempotency_key = key;
  msk_http_send_async (self->http, &request, cancellable, account_cb, g_steal_pointer (&task));
}

/**
 * msk_auth_create_account_finish:
 * @field_errors: (out) (optional) (nullable) (transfer full): on a refusal,
 *   what the portal said of each field ("/username", "/password",
 *   "/display_name"), see msk_http_reply_dup_field_errors()
 *
 * Returns: whether the account was made and is signed in
 */
gboolean
msk_auth_create_account_finish (MskAuth       *self,
                                GAsyncResult  *result,
                                GHashTable   **field_errors,
                                GError       **error)
{
  CreateData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (field_errors != NULL)
    *field_errors = g_steal_pointer (&data->field_errors);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *portal;
  char *token;  /* (nullable): a bare token from the keyring */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->portal);
  g_free (data->token);
  g_free (data);
}

/* The keyring has no sign-in for @task's portal (or none that counts). */
static void
load_done (GTask  *task,
           GError *error)
{
  MskAuth *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);

  g_hash_table_remove (self->loading, data->portal);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_known (self, data->portal);
  g_task_return_boolean (task, TRUE);
}

static void
me_cb (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskAuth *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object = NULL;
  SignIn *sign_in = NULL;
  g_autofree char *secret = NULL;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (g_hash_table_contains (self->sign_ins, data->portal))
    {
      load_done (task, NULL);  /* signed in meanwhile */
      return;
    }
  if (reply != NULL && reply->status == 401)
    {
      /* The portal no longer takes it: nobody is signed in. */
      if (self->use_keyring)
        secret_password_clear (token_schema (), NULL, NULL, NULL, "portal", data->portal, NULL);
      load_done (task, NULL);
      return;
    }
  if (reply == NULL || !msk_http_reply_check (reply, &error)
      || (object = msk_json_node_get_object (reply->root, "user", &error)) == NULL
      || (sign_in = read_user (object, data->token, &error)) == NULL)
    {
      /* Whose token it is stays unknown, so is the sign-in: it is asked
       * again when it is needed. */
      g_debug ("Could not learn whose sign-in the keyring has: %s", error->message);
      g_hash_table_remove (self->loading, data->portal);
      g_task_return_boolean (task, TRUE);
      return;
    }
  secret = secret_text (sign_in);
  g_hash_table_remove (self->loading, data->portal);
  replace_sign_in (self, data->portal, sign_in);
  if (self->use_keyring)
    store_secret (data->portal, secret, NULL);
  g_task_return_boolean (task, TRUE);
}

/* Makes @secret, as the keyring keeps it, the sign-in of @task's portal;
 * takes ownership of @task. */
static void
restore (GTask *task,
         char  *secret)
{
  MskAuth *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autofree char *uri = NULL;
  SignIn *sign_in;
  MskHttpRequest request = { 0, };

  /* A sign-in that finished meanwhile is newer than what the keyring had. */
  if (secret == NULL || g_hash_table_contains (self->sign_ins, data->portal))
    {
      g_free (secret);
      load_done (task, NULL);
      g_object_unref (task);
      return;
    }
  sign_in = parse_secret (secret);
  if (sign_in != NULL)
    {
      g_free (secret);
      g_hash_table_remove (self->loading, data->portal);
      replace_sign_in (self, data->portal, sign_in);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* An older version kept the bare token: the portal says whose it is,
   * and the keyring then keeps both. */
  data->token = secret;
  uri = g_strconcat (data->portal, "/v1/me", NULL);
  request.method = "GET";
  request.uri = uri;
  request.bearer = data->token;
  msk_http_send_async (self->http, &request, g_task_get_cancellable (task), me_cb, task);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_debug ("Keyring unavailable: %s", error->message);
      load_done (task, error);
      return;
    }
  restore (g_steal_pointer (&task), secret);
}

static GTask *
load_task_new (MskAuth             *self,
               const char          *portal,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  LoadData *data = g_new0 (LoadData, 1);

  g_task_set_source_tag (task, source_tag);
  data->portal = g_strdup (portal);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_hash_table_add (self->loading, g_strdup (portal));
  return task;
}

/**
 * msk_auth_restore_async:
 * @secret: a sign-in as the keyring keeps it (msk_auth_dup_secret()), or
 *   the bare token an older version kept there
 *
 * Makes @secret the sign-in of @portal, as msk_auth_load_async() does with
 * what it finds in the keyring: a bare token is a sign-in once the portal
 * named its account (`GET /v1/me`); one it no longer takes is none.
 */
void
msk_auth_restore_async (MskAuth             *self,
                        const char          *portal,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (MSK_IS_AUTH (self));
  g_return_if_fail (secret != NULL);
  restore (load_task_new (self, portal, cancellable, callback, user_data,
                          msk_auth_restore_async),
           g_strdup (secret));
}

gboolean
msk_auth_restore_finish (MskAuth       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * msk_auth_dup_secret:
 *
 * Returns: (transfer full) (nullable): the sign-in of @portal as the
 *   keyring keeps it (a small JSON object: the token and the account)
 */
char *
msk_auth_dup_secret (MskAuth    *self,
                     const char *portal)
{
  SignIn *sign_in;

  g_return_val_if_fail (MSK_IS_AUTH (self), NULL);
  sign_in = g_hash_table_lookup (self->sign_ins, portal);
  return sign_in != NULL ? secret_text (sign_in) : NULL;
}

/**
 * msk_auth_load_async:
 *
 * Looks the sign-in of @portal up in the keyring (when the keyring is
 * used). Succeeds also when there is none or no keyring; then the sign-in
 * of @portal is loaded (#MskAuth::changed). A token kept by an older
 * version is loaded once the portal named its account.
 */
void
msk_auth_load_async (MskAuth             *self,
                     const char          *portal,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MSK_IS_AUTH (self));
  if (!self->use_keyring)
    {
      g_autoptr(GTask) done = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (done, msk_auth_load_async);
      g_task_return_boolean (done, TRUE);
      return;
    }
  task = load_task_new (self, portal, cancellable, callback, user_data, msk_auth_load_async);
  secret_password_lookup (token_schema (), cancellable, lookup_cb, task, "portal", portal, NULL);
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
 * Revokes the token on the portal (`DELETE /v1/session`) and forgets the
 * sign-in here (#MskAuth::signed-out).
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
  replace_sign_in (self, portal, NULL);
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
  portals = (const char **) g_hash_table_get_keys_as_array (self->sign_ins, &n);
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
