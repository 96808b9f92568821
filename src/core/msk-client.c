/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "msk-client.h"
#include "msk-error.h"
#include "msk-json.h"
#include "msk-outcome.h"
#include "msk-paged-list.h"
#include "msk-uuid.h"
#include "msk-wire-text.h"

/**
 * MskClient:
 *
 * The Participation API v1 of one portal. Reads go through the offline
 * cache: a cached reply is revalidated with If-None-Match, and served from
 * the cache (with the time it was fetched) when the portal cannot be
 * reached. Writes go through the outbox.
 */
struct _MskClient
{
  GObject    parent_instance;

  MskHttp   *http;    /* (owned) */
  MskStore  *store;   /* (owned) */
  MskOutbox *outbox;  /* (owned) */
  MskAuth   *auth;    /* (owned) */
  MskPortal *portal;  /* (owned) */
};

G_DEFINE_TYPE (MskClient, msk_client, G_TYPE_OBJECT)

static void
msk_client_finalize (GObject *object)
{
  MskClient *self = MSK_CLIENT (object);

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->outbox);
  g_clear_object (&self->auth);
  g_clear_object (&self->portal);

  G_OBJECT_CLASS (msk_client_parent_class)->finalize (object);
}

static void
msk_client_class_init (MskClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = msk_client_finalize;
}

static void
msk_client_init (MskClient *self)
{
}

/**
 * msk_client_new:
 *
 * Returns: (transfer full): a client of @portal
 */
MskClient *
msk_client_new (MskHttp   *http,
                MskStore  *store,
                MskOutbox *outbox,
                MskAuth   *auth,
                MskPortal *portal)
{
  MskClient *self = g_object_new (MSK_TYPE_CLIENT, NULL);

  self->http = g_object_ref (http);
  self->store = g_object_ref (store);
  self->outbox = g_object_ref (outbox);
  self->auth = g_object_ref (auth);
  self->portal = g_object_ref (portal);
  return self;
}

MskPortal *
msk_client_get_portal (MskClient *self)
{
  return self->portal;
}

MskHttp *
msk_client_get_http (MskClient *self)
{
  return self->http;
}

MskOutbox *
msk_client_get_outbox (MskClient *self)
{
  return self->outbox;
}

char *
msk_client_dup_language (MskClient *self)
{
  return msk_http_dup_language (self->http);
}

char *
msk_client_dup_topic_key (MskClient *self,
                          gint64     topic_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, topic_id);
}

/* Fetching */

typedef struct
{
  char         *uri;
  char         *key;
  char         *user;    /* (nullable): whose reply it is, read signed in */
  char         *etag;
  GBytes       *cached;
  gint64        fetched;
  MskFreshness  freshness;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->uri);
  g_free (data->key);
  g_free (data->user);
  g_free (data->etag);
  g_clear_pointer (&data->cached, g_bytes_unref);
  g_free (data);
}

static gboolean
return_cached (GTask    *task,
               gboolean  offline)
{
  MskClient *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (data->cached == NULL)
    return FALSE;

  root = msk_http_parse_body (self->http, data->cached, &error);
  if (root == NULL)
    return FALSE;

  data->freshness.from_cache = TRUE;
  data->freshness.offline = offline;
  data->freshness.revalidated = !offline;
  data->freshness.fetched_at = data->fetched;
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
  return TRUE;
}

/* Offline search: a topic search never read before is answered from the
 * topics in the cache (lists and topics read in full), matched with the
 * folding the portal's own search uses (msk-wire-text). */

typedef struct
{
  MskHttp     *http;
  gsize        prefix_len;
  const char  *kind;     /* (nullable) */
  const char  *status;   /* (nullable) */
  const char  *entity;   /* (nullable) */
  GStrv        words;
  GHashTable  *found;    /* id → JsonNode of the topic (owned) */
  gint64       fetched;  /* the oldest entry read, 0 before the first */
} Search;

static void
append_text (GString    *text,
             JsonObject *topic,
             const char *member)
{
  g_autofree char *plain_member = g_strconcat (member, "_text", NULL);
  gboolean plain = json_object_has_member (topic, plain_member);
  JsonNode *node = json_object_get_member (topic, plain ? plain_member : member);
  g_autoptr(GList) values = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    values = json_object_get_values (json_node_get_object (node));
  else if (node != NULL)
    values = g_list_prepend (NULL, node);
  for (GList *l = values; l != NULL; l = l->next)
    {
      const char *value = JSON_NODE_HOLDS_VALUE (l->data) ? json_node_get_string (l->data) : NULL;
      g_autofree char *stripped = plain ? NULL : msk_json_plain_text (value);

      if (value != NULL)
        g_string_append_printf (text, "%s ", plain ? value : stripped);
    }
}

static gboolean
member_is (JsonObject *topic,
           const char *member,
           const char *wanted)
{
  JsonNode *node = json_object_get_member (topic, member);
  g_autofree char *value = NULL;

  if (wanted == NULL)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    value = g_strdup (json_node_get_string (node));
  return g_strcmp0 (value, wanted) == 0;
}

static void
search_topic (Search   *search,
              JsonNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *folded = NULL;
  JsonObject *topic;
  gint64 id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  topic = json_node_get_object (node);
  id = json_object_get_int_member_with_default (topic, "id", 0);
  if (id <= 0 || g_hash_table_contains (search->found, &id) ||
      !member_is (topic, "kind", search->kind) || !member_is (topic, "status", search->status) ||
      !member_is (topic, "entity_id", search->entity))
    return;

  append_text (text, topic, "title");
  append_text (text, topic, "summary");
  append_text (text, topic, "body");
  folded = msk_wire_text_fold (text->str);
  if (msk_wire_text_matches (folded, (const char * const *) search->words))
    g_hash_table_insert (search->found, g_memdup2 (&id, sizeof id), json_node_ref (node));
}

static gboolean
is_topic_key (const char *rest)
{
  const char *p = rest + 1;

  if (*rest != '/')
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return p > rest + 1 && *p == '#';
}

static void
search_entry_cb (const char *key,
                 GBytes     *body,
                 gint64      fetched,
                 gpointer    user_data)
{
  Search *search = user_data;
  const char *rest = key + search->prefix_len;
  gboolean list = *rest == '?' || *rest == '#';
  g_autoptr(JsonNode) root = NULL;
  JsonNode *items;

  if (!list && !is_topic_key (rest))
    return;
  root = msk_http_parse_json (search->http, body, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  search->fetched = search->fetched == 0 ? fetched : MIN (search->fetched, fetched);
  if (!list)
    {
      search_topic (search, root);
      return;
    }
  items = json_object_get_member (json_node_get_object (root), "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    search_topic (search, json_array_get_element (json_node_get_array (items), i));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* Answers a search of topics (GET /v1/topics?q=…, its first page) from the
 * cached topics. Returns FALSE when @task is no such search or nothing is
 * cached. */
static gboolean
return_search (GTask *task)
{
  MskClient *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *prefix = msk_portal_dup_url (self->portal, "/v1/topics");
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) json_node_unref);
  g_autoptr(GList) ids = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  g_auto(GStrv) words = NULL;
  JsonObject *page;
  JsonNode *root;
  Search search = { 0, };

  if (!g_str_has_prefix (data->uri, prefix) || data->uri[strlen (prefix)] != '?')
    return FALSE;
  params = g_uri_parse_params (data->uri + strlen (prefix) + 1, -1, "&", G_URI_PARAMS_WWW_FORM,
                               NULL);
  if (params == NULL || g_hash_table_lookup (params, "q") == NULL ||
      g_hash_table_contains (params, "cursor"))
    return FALSE;

  words = msk_wire_text_fold_words (g_hash_table_lookup (params, "q"));
  search.http = self->http;
  search.prefix_len = strlen (prefix);
  search.kind = g_hash_table_lookup (params, "kind");
  search.status = g_hash_table_lookup (params, "status");
  search.entity = g_hash_table_lookup (params, "entity");
  search.words = words;
  search.found = found;
  msk_store_cache_foreach (self->store, prefix, data->user, search_entry_cb, &search);
  if (search.fetched == 0)
    return FALSE;

  ids = g_list_sort (g_hash_table_get_keys (found), compare_newest_first);
  for (GList *l = ids; l != NULL; l = l->next)
    json_array_add_element (items, json_node_ref (g_hash_table_lookup (found, l->data)));
  page = json_object_new ();
  json_object_set_array_member (page, "items", g_steal_pointer (&items));
  json_object_set_null_member (page, "next_cursor");
  root = json_node_init_object (json_node_alloc (), page);
  json_object_unref (page);

  data->freshness.from_cache = TRUE;
  data->freshness.offline = TRUE;
  data->freshness.fetched_at = search.fetched;
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
  return TRUE;
}

/* Offline, a timeout, a damaged reply, a portal in trouble: the cache
 * answers if it can. */
static gboolean
return_offline (GTask *task)
{
  return return_cached (task, TRUE) || return_search (task);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskClient *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  gint64 now = g_get_real_time ();

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL)
    {
      /* Offline, a timeout, a damaged reply: the cache answers if it can. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && msk_error_is_transient (error) && return_offline (task))
        return;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (reply->status == 304)
    {
      if (!msk_store_cache_touch (self->store, data->key, now, &store_error))
        g_debug ("Cache: %s", store_error->message);
      data->fetched = now;
      if (return_cached (task, FALSE))
        return;
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_INVALID_DATA, "%s",
                               _("The portal’s reply was cut short or damaged. The app will try "
                                 "again later."));
      return;
    }

  if (!msk_http_reply_check (reply, &error))
    {
      if ((g_error_matches (error, MSK_ERROR, MSK_ERROR_SERVER) ||
           g_error_matches (error, MSK_ERROR, MSK_ERROR_BUSY)) && return_offline (task))
        return;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (reply->root == NULL)
    {
      msk_json_set_invalid (&error, "expected a JSON body");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!msk_store_cache_put (self->store, data->key, data->user, reply->etag, reply->body, now,
                            &store_error))
    g_debug ("Cache: %s", store_error->message);

  data->freshness.fetched_at = now;
  g_task_return_pointer (task, json_node_ref (reply->root), (GDestroyNotify) json_node_unref);
}

/* The key of @uri's reply in the cache, and the user it belongs to. */
static char *
dup_cache_key (MskClient  *self,
               const char *uri,
               char      **token_out,
               char      **user_out)
{
  g_autofree char *language = msk_http_dup_language (self->http);
  g_autofree char *token = NULL;
  g_autofree char *user = NULL;
  const char *base = msk_portal_get_base_url (self->portal);
  char *key;

  /* The token goes to the portal only, never to another host (an Open311
   * endpoint elsewhere). */
  if (msk_http_same_origin (uri, base))
    token = msk_auth_dup_token (self->auth, base);
  /* Replies differ by language (Open311, problems) and by user (my ballot,
   * my pending comments): what one user read signed in is theirs alone,
   * kept under their name, and goes when they sign out. */
  if (token != NULL)
    user = msk_auth_dup_user_key (self->auth, base);
  key = g_strdup_printf ("%s#%s%s%s", uri, language, user != NULL ? "#user=" : "",
                         user != NULL ? user : "");
  if (token_out != NULL)
    *token_out = g_steal_pointer (&token);
  if (user_out != NULL)
    *user_out = g_steal_pointer (&user);
  return key;
}

/**
 * msk_client_fetch_async:
 * @uri: an absolute URI of this portal (or its Open311 endpoint)
 *
 * GETs @uri through the offline cache.
 */
void
msk_client_fetch_async (MskClient           *self,
                        const char          *uri,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *token = NULL;
  MskHttpRequest request = { 0, };
  FetchData *data;

  g_return_if_fail (MSK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_client_fetch_async);

  data = g_new0 (FetchData, 1);
  data->uri = g_strdup (uri);
  data->key = dup_cache_key (self, uri, &token, &data->user);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  msk_store_cache_lookup (self->store, data->key, &data->etag, &data->cached, &data->fetched);

  request.method = "GET";
  request.uri = uri;
  request.if_none_match = data->cached != NULL ? data->etag : NULL;
  request.bearer = token;
  msk_http_send_async (self->http, &request, cancellable, fetch_cb, g_steal_pointer (&task));
}

/**
 * msk_client_fetch_finish:
 * @freshness: (out caller-allocates) (optional): where the content came from
 *
 * Returns: (transfer full): the JSON of the reply
 */
JsonNode *
msk_client_fetch_finish (MskClient     *self,
                         GAsyncResult  *result,
                         MskFreshness  *freshness,
                         GError       **error)
{
  FetchData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (freshness != NULL)
    *freshness = data->freshness;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * msk_client_fetch_forget:
 * @result: the result msk_client_fetch_finish() read
 *
 * Drops that reply from the offline cache: its reader found it is not
 * what the API promises (valid JSON of the wrong shape), so it must never
 * answer for the portal later, offline.
 */
void
msk_client_fetch_forget (MskClient    *self,
                         GAsyncResult *result)
{
  FetchData *data;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (g_task_is_valid (result, self));

  data = g_task_get_task_data (G_TASK (result));
  if (!msk_store_cache_remove (self->store, data->key, &error))
    g_debug ("Cache: %s", error->message);
}

typedef struct
{
  MskParseFunc parse;
  MskFreshness freshness;
} ObjectData;

static void
get_object_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskClient *self = MSK_CLIENT (source);
  ObjectData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = msk_http_dup_language (self->http);
  GObject *object;

  root = msk_client_fetch_finish (self, result, &data->freshness, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object = data->parse (root, language, &error);
  if (object == NULL)
    {
      msk_client_fetch_forget (self, result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, object, g_object_unref);
}

/**
 * msk_client_get_object_async:
 * @path: a path on the portal, e.g. "/v1/topics/3"
 * @parse: builds the model from the JSON of the reply
 */
void
msk_client_get_object_async (MskClient           *self,
                             const char          *path,
                             MskParseFunc         parse,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *uri = msk_portal_dup_url (self->portal, path);
  ObjectData *data = g_new0 (ObjectData, 1);

  g_task_set_source_tag (task, msk_client_get_object_async);
  data->parse = parse;
  g_task_set_task_data (task, data, g_free);
  msk_client_fetch_async (self, uri, cancellable, get_object_cb, g_steal_pointer (&task));
}

/**
 * msk_client_get_object_finish:
 * @freshness: (out caller-allocates) (optional): where the content came from
 *
 * Returns: (transfer full): the model
 */
GObject *
msk_client_get_object_finish (MskClient     *self,
                              GAsyncResult  *result,
                              MskFreshness  *freshness,
                              GError       **error)
{
  ObjectData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (freshness != NULL)
    *freshness = data->freshness;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
msk_client_get_topic_async (MskClient           *self,
                            gint64               topic_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT, topic_id);

  msk_client_get_object_async (self, path, (MskParseFunc) msk_topic_new_from_json,
                               cancellable, callback, user_data);
}

/**
 * msk_client_get_topic_finish:
 *
 * Returns: (transfer full): the topic with its body, speech text and poll
 */
MskTopic *
msk_client_get_topic_finish (MskClient     *self,
                             GAsyncResult  *result,
                             MskFreshness  *freshness,
                             GError       **error)
{
  return MSK_TOPIC (msk_client_get_object_finish (self, result, freshness, error));
}

void
msk_client_get_poll_results_async (MskClient           *self,
                                   gint64               poll_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/v1/polls/%" G_GINT64_FORMAT "/results", poll_id);

  msk_client_get_object_async (self, path, (MskParseFunc) msk_poll_results_new_from_json,
                               cancellable, callback, user_data);
}

/**
 * msk_client_get_poll_results_finish:
 *
 * Returns: (transfer full): the results
 */
MskPollResults *
msk_client_get_poll_results_finish (MskClient     *self,
                                    GAsyncResult  *result,
                                    MskFreshness  *freshness,
                                    GError       **error)
{
  GObject *object = msk_client_get_object_finish (self, result, freshness, error);

  return object != NULL ? MSK_POLL_RESULTS (object) : NULL;
}

/**
 * msk_client_get_entity_report_async:
 * @entity_id: a public body
 *
 * Reads the body's participation report for the twelve months up to the
 * current one.
 */
void
msk_client_get_entity_report_async (MskClient           *self,
                                    gint64               entity_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/v1/entities/%" G_GINT64_FORMAT "/reports",
                                           entity_id);

  msk_client_get_object_async (self, path, (MskParseFunc) msk_report_new_from_json,
                               cancellable, callback, user_data);
}

/**
 * msk_client_get_entity_report_finish:
 * @freshness: (out caller-allocates) (optional): where the content came from
 *
 * Returns: (transfer full): the report, one month after the other
 */
MskReport *
msk_client_get_entity_report_finish (MskClient     *self,
                                     GAsyncResult  *result,
                                     MskFreshness  *freshness,
                                     GError       **error)
{
  return MSK_REPORT (msk_client_get_object_finish (self, result, freshness, error));
}

void
msk_client_get_survey_async (MskClient           *self,
                             gint64               survey_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/v1/surveys/%" G_GINT64_FORMAT, survey_id);

  msk_client_get_object_async (self, path, (MskParseFunc) msk_survey_new_from_json,
                               cancellable, callback, user_data);
}

/**
 * msk_client_get_survey_finish:
 *
 * Returns: (transfer full): the survey and its questions
 */
MskSurvey *
msk_client_get_survey_finish (MskClient     *self,
                              GAsyncResult  *result,
                              MskFreshness  *freshness,
                              GError       **error)
{
  GObject *object = msk_client_get_object_finish (self, result, freshness, error);

  return object != NULL ? MSK_SURVEY (object) : NULL;
}

/* Open data */

/**
 * msk_export_format_get_extension:
 *
 * Returns: the file name extension of @format, without the dot
 */
const char *
msk_export_format_get_extension (MskExportFormat format)
{
  return format == MSK_EXPORT_FORMAT_JSON ? "json" : "csv";
}

#define FILE_NAME_MAX_CHARS 48

/**
 * msk_export_format_dup_file_name:
 * @title: (nullable): the topic's title, as plain text
 *
 * A name to suggest for a topic's export: the topic's number, the words
 * of its title joined by hyphens (letters and digits of any script, without
 * diacritics or anything a file system could refuse) and the extension,
 * e.g. "1-draft-by-law-on-public-parks.csv".
 *
 * Returns: (transfer full): the file name
 */
char *
msk_export_format_dup_file_name (MskExportFormat  format,
                                 gint64           topic_id,
                                 const char      *title)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *normalized = NULL;
  gsize n_chars = 0;
  gboolean separate = FALSE;

  g_string_printf (name, "%" G_GINT64_FORMAT, topic_id);
  if (title != NULL && g_utf8_validate (title, -1, NULL))
    normalized = g_utf8_normalize (title, -1, G_NORMALIZE_NFC);
  for (const char *p = normalized; p != NULL && *p != '\0' && n_chars < FILE_NAME_MAX_CHARS;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Vowel marks and the tatweel only lengthen a word. */
      if (g_unichar_ismark (c) || c == 0x0640)
        continue;
      if (!g_unichar_isalnum (c))
        {
          separate = TRUE;
          continue;
        }
      if (separate || n_chars == 0)
        {
          if (n_chars + 1 >= FILE_NAME_MAX_CHARS)
            break;
          g_string_append_c (name, '-');
          n_chars++;
        }
      separate = FALSE;
      g_string_append_unichar (name, g_unichar_tolower (c));
      n_chars++;
    }
  g_string_append_printf (name, ".%s", msk_export_format_get_extension (format));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskExportFormat format = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean expected;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL || !msk_http_reply_check (reply, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (format == MSK_EXPORT_FORMAT_JSON)
    expected = reply->root != NULL && JSON_NODE_HOLDS_OBJECT (reply->root);
  else
    expected = g_strcmp0 (reply->content_type, "text/csv") == 0;
  if (reply->status != 200 || reply->body == NULL || g_bytes_get_size (reply->body) == 0
      || !expected)
    {
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_INVALID_DATA, "%s",
                               _("The portal did not send the data of this topic."));
      return;
    }
  g_task_return_pointer (task, g_bytes_ref (reply->body), (GDestroyNotify) g_bytes_unref);
}

/**
 * msk_client_export_async:
 * @format: CSV or JSON
 *
 * GETs the topic's open data (`/v1/export/{topic}.csv|.json`), aggregated
 * and without personal data, straight from the portal: an export is saved
 * as it is now, never from the cache. Read signed in, it has the results
 * the user may see.
 */
void
msk_client_export_async (MskClient           *self,
                         gint64               topic_id,
                         MskExportFormat      format,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  MskHttpRequest request = { 0, };

  g_return_if_fail (MSK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_client_export_async);
  g_task_set_task_data (task, GINT_TO_POINTER (format), NULL);

  path = g_strdup_printf ("/v1/export/%" G_GINT64_FORMAT ".%s", topic_id,
                          msk_export_format_get_extension (format));
  uri = msk_portal_dup_url (self->portal, path);
  token = msk_auth_dup_token (self->auth, msk_portal_get_base_url (self->portal));

  request.method = "GET";
  request.uri = uri;
  request.bearer = token;
  msk_http_send_async (self->http, &request, cancellable, export_cb, g_steal_pointer (&task));
}

/**
 * msk_client_export_finish:
 *
 * Returns: (transfer full): the export, byte for byte as the portal sent it
 */
GBytes *
msk_client_export_finish (MskClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Lists */

static void
append_param (GString    *uri,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append_printf (uri, "%s=%s", name, escaped);
}

/**
 * msk_client_list_entities:
 *
 * Returns: (transfer full): a #MskPagedList of #MskEntity
 */
GListModel *
msk_client_list_entities (MskClient *self)
{
  g_autofree char *uri = msk_portal_dup_url (self->portal, "/v1/entities");

  return G_LIST_MODEL (msk_paged_list_new (self, uri, MSK_TYPE_ENTITY,
                                           (MskParseFunc) msk_entity_new_from_json));
}

/**
 * msk_client_list_topics:
 * @kind: (nullable): consultation, poll, survey or ideas
 * @status: (nullable): upcoming, open, closed or results_published
 * @entity_id: the entity that put the topics to the public, or 0 for any
 * @query: (nullable): words to search for; when the portal cannot be
 *   reached, they are searched in the topics read before, as the portal
 *   folds them (all the matches on one page, offline)
 *
 * Returns: (transfer full): a #MskPagedList of #MskTopic, newest first
 */
GListModel *
msk_client_list_topics (MskClient  *self,
                        const char *kind,
                        const char *status,
                        gint64      entity_id,
                        const char *query)
{
  g_autofree char *base = msk_portal_dup_url (self->portal, "/v1/topics");
  g_autoptr(GString) uri = g_string_new (base);
  g_autofree char *entity = entity_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, entity_id)
                                          : NULL;

  append_param (uri, "kind", kind);
  append_param (uri, "status", status);
  append_param (uri, "entity", entity);
  append_param (uri, "q", query);
  return G_LIST_MODEL (msk_paged_list_new (self, uri->str, MSK_TYPE_TOPIC,
                                           (MskParseFunc) msk_topic_new_from_json));
}

/**
 * msk_client_list_comments:
 *
 * Returns: (transfer full): a #MskPagedList of #MskComment in thread order
 */
GListModel *
msk_client_list_comments (MskClient *self,
                          gint64     topic_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT "/comments", topic_id);
  g_autofree char *uri = msk_portal_dup_url (self->portal, path);

  return G_LIST_MODEL (msk_paged_list_new (self, uri, MSK_TYPE_COMMENT,
                                           (MskParseFunc) msk_comment_new_from_json));
}

/**
 * msk_client_list_ideas:
 *
 * Returns: (transfer full): a #MskPagedList of #MskIdea, most supported first
 */
GListModel *
msk_client_list_ideas (MskClient *self,
                       gint64     topic_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT "/ideas", topic_id);
  g_autofree char *uri = msk_portal_dup_url (self->portal, path);

  return G_LIST_MODEL (msk_paged_list_new (self, uri, MSK_TYPE_IDEA,
                                           (MskParseFunc) msk_idea_new_from_json));
}

/**
 * msk_client_list_moderation_queue:
 *
 * The comments waiting for a moderator, oldest first; the account signed in
 * must be a moderator's.
 *
 * Returns: (transfer full): a #MskPagedList of #MskComment, each with its
 *   topic's title
 */
GListModel *
msk_client_list_moderation_queue (MskClient *self)
{
  g_autofree char *uri = msk_portal_dup_url (self->portal, "/v1/moderation/comments");

  return G_LIST_MODEL (msk_paged_list_new (self, uri, MSK_TYPE_COMMENT,
                                           (MskParseFunc) msk_comment_new_from_json));
}

/**
 * msk_client_list_outcomes:
 * @topic_id: a topic, or 0 for all
 *
 * Returns: (transfer full): a #MskPagedList of #MskOutcome, newest first
 */
GListModel *
msk_client_list_outcomes (MskClient *self,
                          gint64     topic_id)
{
  g_autofree char *base = msk_portal_dup_url (self->portal, "/v1/outcomes");
  g_autoptr(GString) uri = g_string_new (base);

  if (topic_id > 0)
    g_string_append_printf (uri, "?topic=%" G_GINT64_FORMAT, topic_id);
  return G_LIST_MODEL (msk_paged_list_new (self, uri->str, MSK_TYPE_OUTCOME,
                                           (MskParseFunc) msk_outcome_new_from_json));
}

/* Writes */

static GBytes *
builder_to_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

static MskOutboxItem *
enqueue (MskClient      *self,
         MskOutboxKind   kind,
         const char     *method,
         const char     *path,
         GBytes         *body,
         gint64          topic_id,
         const char     *title,
         const char     *text,
         GError        **error)
{
  g_autofree char *uri = msk_portal_dup_url (self->portal, path);
  g_autofree char *topic = topic_id > 0 ? msk_client_dup_topic_key (self, topic_id) : NULL;
  g_autoptr(MskOutboxItem) item = NULL;

  item = msk_outbox_item_new (kind, msk_portal_get_base_url (self->portal), method, uri,
                              "application/json", body);
  msk_outbox_item_set_topic (item, topic, title, text);
  return msk_outbox_enqueue (self->outbox, item, error);
}

/**
 * msk_client_cast_ballot:
 * @option_ids: (array length=n_options): the chosen options
 * @title: (nullable): the poll's title, for the outbox and the tracking list
 *
 * Casts (or changes) the user's ballot, through the outbox.
 *
 * Returns: (transfer none): the outbox item, or %NULL if it could not be stored
 */
MskOutboxItem *
msk_client_cast_ballot (MskClient     *self,
                        gint64         poll_id,
                        const gint64  *option_ids,
                        guint          n_options,
                        const char    *title,
                        GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/polls/%" G_GINT64_FORMAT "/ballot", poll_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_options; i++)
    json_builder_add_int_value (builder, option_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = builder_to_bytes (builder);

  return enqueue (self, MSK_OUTBOX_KIND_BALLOT, "PUT", path, body, poll_id, title, NULL, error);
}

static gboolean
add_answer_value (JsonBuilder  *builder,
                  GVariant     *value,
                  GString      *text,
                  GError      **error)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);
      return add_answer_value (builder, inner, text, error);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    json_builder_add_int_value (builder, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    json_builder_add_int_value (builder, g_variant_get_int32 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    json_builder_add_boolean_value (builder, g_variant_get_boolean (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      json_builder_add_string_value (builder, g_variant_get_string (value, NULL));
      g_string_append_printf (text, "%s\n", g_variant_get_string (value, NULL));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE ("ax")))
    {
      gsize n;
      const gint64 *ids = g_variant_get_fixed_array (value, &n, sizeof (gint64));

      json_builder_begin_array (builder);
      for (gsize i = 0; i < n; i++)
        json_builder_add_int_value (builder, ids[i]);
      json_builder_end_array (builder);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE ("mv")))
    json_builder_add_null_value (builder);
  else
    {
      g_set_error (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                   "Unsupported answer type %s", g_variant_get_type_string (value));
      return FALSE;
    }
  return TRUE;
}

/**
 * msk_client_answer_survey:
 * @answers: a dictionary `a{xv}` from question id to the answer: an option
 *   id (`x`), option ids (`ax`), a rating (`x`), yes or no (`b`), or text (`s`)
 *
 * Answers a survey, through the outbox.
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_client_answer_survey (MskClient   *self,
                          gint64       survey_id,
                          GVariant    *answers,
                          const char  *title,
                          GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  GVariantIter iter;
  gint64 question_id;
  GVariant *value;

  g_return_val_if_fail (g_variant_is_of_type (answers, G_VARIANT_TYPE ("a{xv}")), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  g_variant_iter_init (&iter, answers);
  while (g_variant_iter_next (&iter, "{xv}", &question_id, &value))
    {
      g_autoptr(GVariant) owned = value;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "question_id");
      json_builder_add_int_value (builder, question_id);
      json_builder_set_member_name (builder, "value");
      if (!add_answer_value (builder, owned, text, error))
        return NULL;
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = builder_to_bytes (builder);

  path = g_strdup_printf ("/v1/surveys/%" G_GINT64_FORMAT "/responses", survey_id);
  return enqueue (self, MSK_OUTBOX_KIND_SURVEY_RESPONSE, "POST", path, body, survey_id, title,
                  text->len > 0 ? text->str : NULL, error);
}

/**
 * msk_client_post_comment:
 * @parent_id: the comment answered, or 0 for a new thread
 * @body: plain text; check it with msk_guidelines_check() first
 *
 * Comments on a topic, through the outbox. The portal keeps the comment
 * pending until a moderator publishes it.
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_client_post_comment (MskClient   *self,
                         gint64       topic_id,
                         gint64       parent_id,
                         const char  *body,
                         const char  *title,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  if (parent_id > 0)
    {
      json_builder_set_member_name (builder, "parent_id");
      json_builder_add_int_value (builder, parent_id);
    }
  json_builder_end_object (builder);
  bytes = builder_to_bytes (builder);

  path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT "/comments", topic_id);
  return enqueue (self, MSK_OUTBOX_KIND_COMMENT, "POST", path, bytes, topic_id, title, body,
                  error);
}

/**
 * msk_client_flag_comment:
 * @reason: spam, abuse, personal_data, off_topic or other
 * @note: (nullable): a note for the moderators
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_client_flag_comment (MskClient   *self,
                         gint64       comment_id,
                         const char  *reason,
                         const char  *note,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  if (note != NULL && *note != '\0')
    {
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, note);
    }
  json_builder_end_object (builder);
  bytes = builder_to_bytes (builder);

  path = g_strdup_printf ("/v1/comments/%" G_GINT64_FORMAT "/flags", comment_id);
  return enqueue (self, MSK_OUTBOX_KIND_FLAG, "POST", path, bytes, 0, NULL, NULL, error);
}

/**
 * msk_client_moderate_comment:
 * @publish: %TRUE to publish the comment, %FALSE to reject it
 * @reason: (nullable): why it is not published, which its author reads;
 *   required to reject
 * @title: (nullable): the comment's topic, for the outbox
 *
 * A moderator's decision on a comment waiting in the queue, through the
 * outbox.
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_client_moderate_comment (MskClient   *self,
                             gint64       comment_id,
                             gboolean     publish,
                             const char  *reason,
                             const char  *title,
                             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (publish || (reason != NULL && *reason != '\0'), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "decision");
  json_builder_add_string_value (builder, publish ? "publish" : "reject");
  if (!publish)
    {
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
    }
  json_builder_end_object (builder);
  bytes = builder_to_bytes (builder);

  path = g_strdup_printf ("/v1/comments/%" G_GINT64_FORMAT "/moderation", comment_id);
  return enqueue (self, MSK_OUTBOX_KIND_MODERATION, "POST", path, bytes, 0, title, NULL, error);
}

/**
 * msk_client_submit_idea:
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_client_submit_idea (MskClient   *self,
                        gint64       topic_id,
                        const char  *idea_title,
                        const char  *body,
                        GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = g_strdup_printf ("%s\n%s", idea_title, body);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, idea_title);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_end_object (builder);
  bytes = builder_to_bytes (builder);

  path = g_strdup_printf ("/v1/topics/%" G_GINT64_FORMAT "/ideas", topic_id);
  return enqueue (self, MSK_OUTBOX_KIND_IDEA, "POST", path, bytes, topic_id, idea_title, text,
                  error);
}

/**
 * msk_client_support_idea:
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_client_support_idea (MskClient   *self,
                         gint64       idea_id,
                         const char  *title,
                         GError     **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/ideas/%" G_GINT64_FORMAT "/support", idea_id);

  return enqueue (self, MSK_OUTBOX_KIND_SUPPORT, "PUT", path, NULL, 0, title, NULL, error);
}

/**
 * msk_client_send_feedback:
 * @useful: whether the topic's page was useful
 * @reasons: (array zero-terminated=1): one or more of clear, complete,
 *   helpful, unclear, incomplete, outdated, hard_to_read, not_relevant,
 *   other
 * @title: (nullable): the topic's title, for the outbox
 *
 * Answers "Was this useful?" on a topic's page, through the outbox.
 *
 * Returns: (transfer none): the outbox item, or %NULL
 */
MskOutboxItem *
msk_client_send_feedback (MskClient           *self,
                          gint64               topic_id,
                          gboolean             useful,
                          const char * const  *reasons,
                          const char          *title,
                          GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) bytes = NULL;

  if (reasons == NULL || reasons[0] == NULL)
    {
      g_set_error_literal (error, MSK_ERROR, MSK_ERROR_INVALID_INPUT,
                           "feedback needs at least one reason");
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "topic_id");
  json_builder_add_int_value (builder, topic_id);
  json_builder_set_member_name (builder, "useful");
  json_builder_add_boolean_value (builder, useful);
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; reasons[i] != NULL; i++)
    json_builder_add_string_value (builder, reasons[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  bytes = builder_to_bytes (builder);

  return enqueue (self, MSK_OUTBOX_KIND_FEEDBACK, "POST", "/v1/feedback", bytes, topic_id, title,
                  NULL, error);
}

/**
 * msk_client_parse_item_result:
 * @item: a sent item
 *
 * Returns: (transfer full) (nullable): what the portal stored, as a model:
 *   a #MskComment for a comment, a #MskIdea for an idea or a support;
 *   %NULL for other kinds
 */
GObject *
msk_client_parse_item_result (MskClient      *self,
                              MskOutboxItem  *item,
                              GError        **error)
{
  g_autofree char *response = msk_outbox_item_dup_response (item);
  g_autofree char *language = msk_http_dup_language (self->http);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (response == NULL)
    return NULL;
  bytes = g_bytes_new (response, strlen (response));
  root = msk_http_parse_json (self->http, bytes, error);
  if (root == NULL)
    return NULL;

  switch (msk_outbox_item_get_kind (item))
    {
    case MSK_OUTBOX_KIND_COMMENT:
    case MSK_OUTBOX_KIND_MODERATION:
      return G_OBJECT (msk_comment_new_from_json (root, language, error));
    case MSK_OUTBOX_KIND_IDEA:
    case MSK_OUTBOX_KIND_SUPPORT:
      return G_OBJECT (msk_idea_new_from_json (root, language, error));
    case MSK_OUTBOX_KIND_BALLOT:
    case MSK_OUTBOX_KIND_SURVEY_RESPONSE:
    case MSK_OUTBOX_KIND_FLAG:
    case MSK_OUTBOX_KIND_COMPLAINT:
    case MSK_OUTBOX_KIND_FEEDBACK:
    default:
      return NULL;
    }
}

/* Staff */

static void
set_request_status_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskClient *self = g_task_get_source_object (task);
  g_autoptr(MskHttpReply) reply = NULL;
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = NULL;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL || !msk_http_reply_check (reply, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply->root == NULL)
    {
      msk_json_set_invalid (&error, "expected a JSON body");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  language = msk_http_dup_language (self->http);
  request = msk_service_request_new_from_json (reply->root, language, &error);
  if (request == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&request), g_object_unref);
}

/**
 * msk_client_set_request_status_async:
 * @service_request_id: the tracking number of an Open311 request of this portal
 * @detailed_status: the status to move it to, one of
 *   msk_service_request_allowed_next() of its status
 * @status_notes: (nullable): a note for the one who filed it
 *
 * Moves the request to @detailed_status (`POST
 * /v1/service-requests/{id}/status`), straight to the portal, not through
 * the outbox: the account signed in must be staff's. A move the portal
 * does not allow, or an account that is not staff's, is an error that
 * says so.
 */
void
msk_client_set_request_status_async (MskClient           *self,
                                     const char          *service_request_id,
                                     const char          *detailed_status,
                                     const char          *status_notes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  MskHttpRequest request = { 0, };

  g_return_if_fail (MSK_IS_CLIENT (self));
  g_return_if_fail (service_request_id != NULL);
  g_return_if_fail (detailed_status != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_client_set_request_status_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "detailed_status");
  json_builder_add_string_value (builder, detailed_status);
  if (status_notes != NULL)
    {
      json_builder_set_member_name (builder, "status_notes");
      json_builder_add_string_value (builder, status_notes);
    }
  json_builder_end_object (builder);
  body = builder_to_bytes (builder);

  escaped = g_uri_escape_string (service_request_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/service-requests/%s/status", escaped);
  uri = msk_portal_dup_url (self->portal, path);
  token = msk_auth_dup_token (self->auth, msk_portal_get_base_url (self->portal));

  request.method = "POST";
  request.uri = uri;
  request.body = body;
  request.content_type = "application/json";
  request.bearer = token;
  msk_http_send_async (self->http, &request, cancellable, set_request_status_cb,
                       g_steal_pointer (&task));
}

/**
 * msk_client_set_request_status_finish:
 *
 * Returns: (transfer full): the request after the move, with its history
 */
MskServiceRequest *
msk_client_set_request_status_finish (MskClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Assisted sessions */

typedef struct
{
  char *id;
  char *staff_name;
} AssistedSession;

static void
assisted_session_free (AssistedSession *session)
{
  g_free (session->id);
  g_free (session->staff_name);
  g_free (session);
}

/* {id, started_at, ended_at, staff: {display_name}} */
static AssistedSession *
assisted_session_from_reply (MskHttpReply  *reply,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  AssistedSession *session;
  JsonObject *object;
  JsonObject *staff = NULL;
  const char *id = NULL;
  const char *name = NULL;

  if (!msk_http_reply_check (reply, error))
    return NULL;
  if (reply->root == NULL)
    {
      msk_json_set_invalid (error, "expected a JSON body");
      return NULL;
    }
  object = msk_json_node_get_object (reply->root, "assisted session", error);
  if (object == NULL
      || !msk_json_read_string (object, "id", TRUE, &id, error)
      || !msk_json_read_object (object, "staff", FALSE, &staff, error)
      || (staff != NULL
          && !msk_json_read_string (staff, "display_name", FALSE, &name, error)))
    return NULL;
  if (*id == '\0')
    {
      msk_json_set_invalid (error, "an assisted session without an id");
      return NULL;
    }
  session = g_new0 (AssistedSession, 1);
  session->id = g_strdup (id);
  session->staff_name = g_strdup (name != NULL ? name : "");
  return session;
}

static void
assisted_session_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MskHttpReply) reply = NULL;
  GError *error = NULL;
  AssistedSession *session;

  reply = msk_http_send_finish (MSK_HTTP (source), result, &error);
  if (reply == NULL || (session = assisted_session_from_reply (reply, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, session, (GDestroyNotify) assisted_session_free);
}

static void
send_assisted (MskClient           *self,
               GTask               *task,
               const char          *path,
               GCancellable        *cancellable)
{
  g_autofree char *uri = msk_portal_dup_url (self->portal, path);
  g_autofree char *token = msk_auth_dup_token (self->auth,
                                               msk_portal_get_base_url (self->portal));
  g_autofree char *key = msk_uuid_new_random ();
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  MskHttpRequest request = { 0, };

  if (token == NULL)
    {
      g_task_return_new_error (task, MSK_ERROR, MSK_ERROR_UNAUTHORIZED,
                               _("Sign in with a staff account first."));
      g_object_unref (task);
      return;
    }
  request.method = "POST";
  request.uri = uri;
  request.body = body;
  request.content_type = "application/json";
  request.idempotency_key = key;
  request.bearer = token;
  msk_http_send_async (self->http, &request, cancellable, assisted_session_cb, task);
}

/**
 * msk_client_start_assisted_session_async:
 *
 * Starts an assisted session on the portal (`POST /v1/assisted-sessions`),
 * signed in as staff.
 */
void
msk_client_start_assisted_session_async (MskClient           *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (MSK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_client_start_assisted_session_async);
  send_assisted (self, task, "/v1/assisted-sessions", cancellable);
}

/**
 * msk_client_start_assisted_session_finish:
 * @staff_name: (out) (optional): the name of the staff member who helps
 *
 * Returns: (transfer full): the session's id, for
 *   msk_http_set_assisted_session() and its end
 */
char *
msk_client_start_assisted_session_finish (MskClient     *self,
                                          GAsyncResult  *result,
                                          char         **staff_name,
                                          GError       **error)
{
  AssistedSession *session;
  char *id;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session == NULL)
    return NULL;
  id = g_steal_pointer (&session->id);
  if (staff_name != NULL)
    *staff_name = g_steal_pointer (&session->staff_name);
  assisted_session_free (session);
  return id;
}

/**
 * msk_client_end_assisted_session_async:
 * @session_id: from msk_client_start_assisted_session_finish()
 *
 * Ends the assisted session on the portal
 * (`POST /v1/assisted-sessions/{id}/end`), signed in as the staff member
 * who started it. Ending one already ended succeeds.
 */
void
msk_client_end_assisted_session_async (MskClient           *self,
                                       const char          *session_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (MSK_IS_CLIENT (self));
  g_return_if_fail (session_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msk_client_end_assisted_session_async);
  escaped = g_uri_escape_string (session_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/assisted-sessions/%s/end", escaped);
  send_assisted (self, task, path, cancellable);
}

gboolean
msk_client_end_assisted_session_finish (MskClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  AssistedSession *session;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session == NULL)
    return FALSE;
  assisted_session_free (session);
  return TRUE;
}
