/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msk-json.h"
#include "msk-open311.h"
#include "msk-paged-list.h"
#include "msk-tracker.h"
#include "msk-wire-json.h"

/**
 * MskTracker:
 *
 * The user's own list of submissions: tracking numbers, topics and dates,
 * kept on this computer (in memory in public-PC mode). A submission enters
 * the list when the outbox has sent it, under the user who wrote it: the
 * list shows the submissions of the users signed in now (with
 * msk_tracker_set_auth(); every row without it) and those sent signed out,
 * which belong to nobody; msk_tracker_follow() adds a complaint filed
 * elsewhere by its tracking number. msk_tracker_refresh_async() asks
 * the portal for the status of each open complaint (and the date it is
 * due by) and emits #MskTracker::status-changed for each change, which
 * the UI turns into a notification.
 */
struct _MskTracker
{
  GObject     parent_instance;

  MskStore   *store;        /* (owned) */
  MskOutbox  *outbox;       /* (owned) */
  GListStore *submissions;  /* (owned) (element-type MskSubmission): those shown */
  MskAuth    *auth;         /* (owned) (nullable) */
  gulong      sent_id;
  gulong      auth_changed_id;
};

G_DEFINE_TYPE (MskTracker, msk_tracker, G_TYPE_OBJECT)

enum {
  STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
msk_tracker_dispose (GObject *object)
{
  MskTracker *self = MSK_TRACKER (object);

  if (self->outbox != NULL)
    g_clear_signal_handler (&self->sent_id, self->outbox);
  msk_tracker_set_auth (self, NULL);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->submissions);

  G_OBJECT_CLASS (msk_tracker_parent_class)->dispose (object);
}

static void
msk_tracker_class_init (MskTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msk_tracker_dispose;

  /**
   * MskTracker::status-changed:
   * @submission: the submission whose status changed
   * @old_status: (nullable): its previous status
   */
  signals[STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          2, MSK_TYPE_SUBMISSION, G_TYPE_STRING);
}

static void
msk_tracker_init (MskTracker *self)
{
  self->submissions = g_list_store_new (MSK_TYPE_SUBMISSION);
}

MskSubmission *
msk_tracker_find (MskTracker *self,
                  const char *kind,
                  const char *tracking)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->submissions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskSubmission) s = g_list_model_get_item (G_LIST_MODEL (self->submissions), i);

      if (g_strcmp0 (msk_submission_get_kind (s), kind) == 0
          && g_strcmp0 (msk_submission_get_tracking (s), tracking) == 0)
        return s;
    }
  return NULL;
}

/* The id the portal gave a stored submission, from the reply. */
static char *
response_id (MskOutboxItem *item)
{
  g_autofree char *response = msk_outbox_item_dup_response (item);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  g_autofree char *id = NULL;

  if (msk_outbox_item_get_kind (item) == MSK_OUTBOX_KIND_COMPLAINT)
    return msk_open311_dup_tracking_number (item);
  if (response == NULL
      || !msk_wire_json_depth_ok (response, strlen (response), MSK_HTTP_DEFAULT_MAX_DEPTH))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, response, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  if (!msk_json_read_id (json_node_get_object (root), "id", FALSE, &id, NULL))
    return NULL;
  return g_steal_pointer (&id);
}

static void
forget_earlier_ballots (MskTracker               *self,
                        const MskStoreSubmission *ballot)
{
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->submissions)); i > 0; i--)
    {
      g_autoptr(MskSubmission) s = g_list_model_get_item (G_LIST_MODEL (self->submissions),
                                                          i - 1);
      const MskStoreSubmission *row = msk_submission_get_row (s);
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (row->kind, ballot->kind) == 0
          && g_strcmp0 (row->portal, ballot->portal) == 0
          && g_strcmp0 (row->topic_id, ballot->topic_id) == 0
          && g_strcmp0 (row->user, ballot->user) == 0
          && !msk_tracker_forget (self, s, &error))
        g_debug ("Tracker: %s", error->message);
    }
}

static void
item_sent_cb (MskOutbox     *outbox,
              MskOutboxItem *item,
              MskTracker    *self)
{
  g_autoptr(MskStoreSubmission) row = NULL;
  g_autoptr(MskSubmission) submission = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  MskOutboxKind kind = msk_outbox_item_get_kind (item);

  /* Flags, supports, page feedback and moderators' decisions have nothing
   * to follow up. */
  if (kind == MSK_OUTBOX_KIND_FLAG || kind == MSK_OUTBOX_KIND_SUPPORT
      || kind == MSK_OUTBOX_KIND_FEEDBACK || kind == MSK_OUTBOX_KIND_MODERATION)
    return;

  id = response_id (item);
  row = g_new0 (MskStoreSubmission, 1);
  row->portal = g_strdup (msk_outbox_item_get_portal (item));
  row->kind = g_strdup (msk_outbox_kind_to_string (kind));
  row->tracking = id != NULL ? g_steal_pointer (&id) : g_strdup (msk_outbox_item_get_key (item));
  row->topic_id = g_strdup (msk_outbox_item_get_topic_id (item));
  row->title = msk_outbox_item_dup_title (item);
  row->created = msk_outbox_item_get_created (item);
  row->updated = g_get_real_time ();
  row->user = g_strdup (msk_outbox_item_get_user (item));
  if (kind == MSK_OUTBOX_KIND_COMPLAINT)
    {
      /* Open311 endpoints that are not this portal are found again through
       * the item's address. */
      g_free (row->portal);
      row->portal = g_strdup (msk_outbox_item_get_uri (item));
      row->status = g_strdup ("PENDING");
    }
  else if (kind == MSK_OUTBOX_KIND_COMMENT)
    row->status = g_strdup ("pending");

  if (msk_tracker_find (self, row->kind, row->tracking) != NULL)
    return;
  /* A changed vote takes the place of the one before, on the same poll. */
  if (kind == MSK_OUTBOX_KIND_BALLOT && row->topic_id != NULL)
    forget_earlier_ballots (self, row);
  if (!msk_store_submission_save (self->store, row, &error))
    g_debug ("Tracker: %s", error->message);

  submission = msk_submission_new_from_row (row);
  g_list_store_insert (self->submissions, 0, submission);
}

/**
 * msk_tracker_new:
 *
 * Returns: (transfer full): the tracking list; call msk_tracker_load()
 */
MskTracker *
msk_tracker_new (MskStore  *store,
                 MskOutbox *outbox)
{
  MskTracker *self = g_object_new (MSK_TYPE_TRACKER, NULL);

  self->store = g_object_ref (store);
  self->outbox = g_object_ref (outbox);
  self->sent_id = g_signal_connect (outbox, "item-sent", G_CALLBACK (item_sent_cb), self);
  return self;
}

/* Whether the list shows @row now. */
static gboolean
is_shown (MskTracker               *self,
          const MskStoreSubmission *row)
{
  return self->auth == NULL || row->user == NULL
         || msk_auth_is_signed_in_as (self->auth, row->user);
}

/**
 * msk_tracker_load:
 *
 * Reads the list from the store again, the rows of the users signed in now.
 */
gboolean
msk_tracker_load (MskTracker  *self,
                  GError     **error)
{
  g_autoptr(GPtrArray) rows = msk_store_submission_load (self->store, error);
  g_autoptr(GPtrArray) shown = NULL;

  if (rows == NULL)
    return FALSE;
  shown = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    if (is_shown (self, g_ptr_array_index (rows, i)))
      g_ptr_array_add (shown, msk_submission_new_from_row (g_ptr_array_index (rows, i)));
  g_list_store_splice (self->submissions, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->submissions)),
                       shown->pdata, shown->len);
  return TRUE;
}

static void
auth_changed_cb (MskAuth    *auth,
                 const char *portal,
                 MskTracker *self)
{
  g_autoptr(GError) error = NULL;

  if (!msk_tracker_load (self, &error))
    g_warning ("Could not read the tracking list: %s", error->message);
}

/**
 * msk_tracker_set_auth:
 * @auth: (nullable): whose sign-ins decide which rows the list shows, or
 *   %NULL to show every row
 */
void
msk_tracker_set_auth (MskTracker *self,
                      MskAuth    *auth)
{
  g_return_if_fail (MSK_IS_TRACKER (self));
  if (self->auth != NULL)
    g_clear_signal_handler (&self->auth_changed_id, self->auth);
  g_set_object (&self->auth, auth);
  if (auth != NULL)
    self->auth_changed_id = g_signal_connect (auth, "changed", G_CALLBACK (auth_changed_cb),
                                              self);
}

/**
 * msk_tracker_clear:
 *
 * Forgets every row, of every user, here and in the store (the end of a
 * public-PC session).
 */
gboolean
msk_tracker_clear (MskTracker  *self,
                   GError     **error)
{
  g_return_val_if_fail (MSK_IS_TRACKER (self), FALSE);
  if (!msk_store_submission_clear (self->store, error))
    return FALSE;
  g_list_store_remove_all (self->submissions);
  return TRUE;
}

/* The key of the user signed in to the portal @uri is on (the longest
 * signed-in address @uri starts with), or %NULL. */
static char *
dup_user_key_of (MskTracker *self,
                 const char *uri)
{
  g_autofree char *base = NULL;
  const char *path;

  if (self->auth == NULL)
    return NULL;
  base = g_strndup (uri, strcspn (uri, "?#"));
  path = strstr (base, "://");
  if (path == NULL || (path = strchr (path + 3, '/')) == NULL)
    path = base + strlen (base);
  for (;;)
    {
      g_autofree char *user = NULL;
      char *slash;

      while (g_str_has_suffix (base, "/"))
        base[strlen (base) - 1] = '\0';
      user = msk_auth_dup_user_key (self->auth, base);
      if (user != NULL)
        return g_steal_pointer (&user);
      slash = strrchr (base, '/');
      if (slash == NULL || slash < path)
        return NULL;
      *slash = '\0';
    }
}

/* Where a complaint followed from @endpoint_uri is asked about: the
 * address a complaint filed here keeps, {endpoint}/requests.json with the
 * endpoint's query (its jurisdiction). */
static char *
dup_requests_uri (const char *endpoint_uri)
{
  gsize length = strcspn (endpoint_uri, "?");
  g_autofree char *endpoint = g_strndup (endpoint_uri, length);

  while (g_str_has_suffix (endpoint, "/"))
    endpoint[strlen (endpoint) - 1] = '\0';
  if (g_str_has_suffix (endpoint, "/requests.json") || g_str_has_suffix (endpoint, "/requests.xml"))
    return g_strdup (endpoint_uri);
  return g_strconcat (endpoint, "/requests.json", endpoint_uri + length, NULL);
}

/**
 * msk_tracker_follow:
 * @endpoint_uri: the Open311 endpoint the request was filed at
 *   (msk_open311_get_endpoint()), with `?jurisdiction_id=…` when the
 *   endpoint serves several jurisdictions
 * @tracking: the request's tracking number, given elsewhere (a receipt, a
 *   service center)
 * @title: (nullable): a title for the tracking list
 * @status: (nullable): its detailed status now, when known
 * @request: (nullable): the request as the endpoint gave it, for its
 *   service, its filing date, its status note and its due date
 *
 * Adds a complaint filed elsewhere to the tracking list (and the store),
 * under the user signed in to the endpoint's portal, if any;
 * msk_tracker_refresh_async() then asks about it as about those filed
 * here.
 *
 * Returns: (transfer none): the row, or the one already there for
 *   @tracking; %NULL with an error when it could not be stored
 */
MskSubmission *
msk_tracker_follow (MskTracker         *self,
                    const char         *endpoint_uri,
                    const char         *tracking,
                    const char         *title,
                    const char         *status,
                    MskServiceRequest  *request,
                    GError            **error)
{
  g_autoptr(MskStoreSubmission) row = NULL;
  g_autoptr(MskSubmission) submission = NULL;
  MskSubmission *existing;

  g_return_val_if_fail (MSK_IS_TRACKER (self), NULL);
  g_return_val_if_fail (endpoint_uri != NULL, NULL);
  g_return_val_if_fail (tracking != NULL && *tracking != '\0', NULL);

  existing = msk_tracker_find (self, msk_outbox_kind_to_string (MSK_OUTBOX_KIND_COMPLAINT),
                               tracking);
  if (existing != NULL)
    return existing;

  row = g_new0 (MskStoreSubmission, 1);
  row->portal = dup_requests_uri (endpoint_uri);
  row->kind = g_strdup (msk_outbox_kind_to_string (MSK_OUTBOX_KIND_COMPLAINT));
  row->tracking = g_strdup (tracking);
  row->title = g_strdup (title);
  row->status = g_strdup (status);
  row->created = row->updated = g_get_real_time ();
  row->user = dup_user_key_of (self, endpoint_uri);
  if (request != NULL)
    {
      /* what the endpoint says of it: its service, when it was filed, the
       * note of its status and when the answer is due */
      GDateTime *requested = msk_service_request_get_requested_datetime (request);
      GDateTime *expected = msk_service_request_get_expected_datetime (request);

      row->topic_id = g_strdup (msk_service_request_get_service_code (request));
      row->status_text = g_strdup (msk_service_request_get_status_notes (request));
      if (requested != NULL)
        row->created = g_date_time_to_unix (requested) * G_USEC_PER_SEC;
      if (expected != NULL)
        row->due = g_date_time_to_unix (expected);
    }
  if (!msk_store_submission_save (self->store, row, error))
    return NULL;

  submission = msk_submission_new_from_row (row);
  g_list_store_insert (self->submissions, 0, submission);
  return submission;
}

/**
 * msk_tracker_forget:
 * @submission: a row of the list
 *
 * Removes @submission from the list and from the store.
 *
 * Returns: whether it was removed; %FALSE with an error when the store
 *   could not delete it
 */
gboolean
msk_tracker_forget (MskTracker     *self,
                    MskSubmission  *submission,
                    GError        **error)
{
  guint position;

  g_return_val_if_fail (MSK_IS_TRACKER (self), FALSE);
  g_return_val_if_fail (MSK_IS_SUBMISSION (submission), FALSE);

  if (!msk_store_submission_delete (self->store, msk_submission_get_row (submission), error))
    return FALSE;
  if (g_list_store_find (self->submissions, submission, &position))
    g_list_store_remove (self->submissions, position);
  return TRUE;
}

/**
 * msk_tracker_get_submissions:
 *
 * Returns: (transfer none): a #GListModel of #MskSubmission, newest first
 */
GListModel *
msk_tracker_get_submissions (MskTracker *self)
{
  return G_LIST_MODEL (self->submissions);
}

typedef struct
{
  MskClient  *client;     /* (owned) */
  MskOpen311 *open311;    /* (owned) */
  GPtrArray  *pending;    /* (owned) (element-type MskSubmission): complaints to ask about */
  GPtrArray  *comments;   /* (owned) (element-type MskSubmission): comments under review */
  GPtrArray  *topics;     /* (owned) (element-type utf8): topics of those comments */
  GListModel *list;       /* (owned) (nullable): the comments of the topic being read */
  guint       index;
  guint       topic_index;
  guint       pages;
  guint       n_changed;
} RefreshData;

#define MAX_COMMENT_PAGES 20

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->open311);
  g_clear_pointer (&data->pending, g_ptr_array_unref);
  g_clear_pointer (&data->comments, g_ptr_array_unref);
  g_clear_pointer (&data->topics, g_ptr_array_unref);
  g_clear_object (&data->list);
  g_free (data);
}

static void refresh_next (GTask *task);

static void
save_row (MskTracker    *self,
          MskSubmission *submission)
{
  g_autoptr(GError) error = NULL;

  if (!msk_store_submission_save (self->store,
                                  (MskStoreSubmission *) msk_submission_get_row (submission),
                                  &error))
    g_debug ("Tracker: %s", error->message);
}

/* Returns whether the row changed (and was saved). */
static gboolean
update_status (MskTracker    *self,
               RefreshData   *data,
               MskSubmission *submission,
               const char    *status,
               const char    *status_text)
{
  g_autofree char *old = NULL;
  gboolean status_changed;

  if (g_strcmp0 (status, msk_submission_get_status (submission)) == 0
      && g_strcmp0 (status_text, msk_submission_get_status_text (submission)) == 0)
    return FALSE;

  old = g_strdup (msk_submission_get_status (submission));
  status_changed = g_strcmp0 (status, old) != 0;
  msk_submission_set_status (submission, status, status_text);
  save_row (self, submission);
  if (status_changed)
    {
      data->n_changed++;
      g_signal_emit (self, signals[STATUS_CHANGED], 0, submission, old);
    }
  return TRUE;
}

static void
get_request_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskTracker *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  MskSubmission *submission = g_ptr_array_index (data->pending, data->index);
  g_autoptr(MskServiceRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  GDateTime *expected;
  gboolean row_changed = FALSE;
  const char *status;

  request = msk_open311_get_request_finish (MSK_OPEN311 (source), result, NULL, &error);
  if (request == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* One failure does not stop the others. */
      g_debug ("Tracker: %s: %s", msk_submission_get_tracking (submission), error->message);
      data->index++;
      refresh_next (g_steal_pointer (&task));
      return;
    }

  /* The date the portal promised an answer by, when it gives one. */
  expected = msk_service_request_get_expected_datetime (request);
  if (expected != NULL && g_date_time_to_unix (expected) != msk_submission_get_due (submission))
    {
      msk_submission_set_due (submission, g_date_time_to_unix (expected));
      row_changed = TRUE;
    }

  /* A request is called after its service, which the portal names in the
   * language asked for: the one of the interface now. */
  if (msk_service_request_get_service_name (request) != NULL
      && *msk_service_request_get_service_name (request) != '\0'
      && g_strcmp0 (msk_service_request_get_service_name (request),
                    msk_submission_get_title (submission)) != 0)
    {
      msk_submission_set_title (submission, msk_service_request_get_service_name (request));
      row_changed = TRUE;
    }

  status = msk_service_request_get_detailed_status (request);
  if (status == NULL)
    status = msk_service_request_get_status (request);
  if (!update_status (self, data, submission, status,
                      msk_service_request_get_status_notes (request))
      && row_changed)
    save_row (self, submission);

  data->index++;
  refresh_next (g_steal_pointer (&task));
}

static void
match_comments (MskTracker  *self,
                RefreshData *data,
                const char  *topic_id)
{
  guint n = g_list_model_get_n_items (data->list);

  for (guint i = 0; i < data->comments->len; i++)
    {
      MskSubmission *submission = g_ptr_array_index (data->comments, i);
      const MskStoreSubmission *row = msk_submission_get_row (submission);

      if (g_strcmp0 (row->topic_id, topic_id) != 0)
        continue;
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(MskComment) comment = g_list_model_get_item (data->list, j);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 msk_comment_get_id (comment));

          if (g_strcmp0 (id, row->tracking) == 0)
            {
              update_status (self, data, submission, msk_comment_get_status (comment),
                             msk_comment_get_reject_reason (comment));
              break;
            }
        }
    }
}

static void
comments_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MskTracker *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  const char *topic_id = g_ptr_array_index (data->topics, data->topic_index);
  g_autoptr(GError) error = NULL;

  if (!msk_paged_list_load_more_finish (MSK_PAGED_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Tracker: comments of topic %s: %s", topic_id, error->message);
    }
  else if (msk_paged_list_get_has_more (MSK_PAGED_LIST (source))
           && ++data->pages < MAX_COMMENT_PAGES)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      msk_paged_list_load_more_async (MSK_PAGED_LIST (source), cancellable, comments_page_cb,
                                      g_steal_pointer (&task));
      return;
    }
  else
    match_comments (self, data, topic_id);

  g_clear_object (&data->list);
  data->topic_index++;
  refresh_next (g_steal_pointer (&task));
}

/* Takes ownership of @task. */
static void
refresh_next (GTask *task)
{
  RefreshData *data = g_task_get_task_data (task);

  if (data->index < data->pending->len)
    {
      MskSubmission *submission = g_ptr_array_index (data->pending, data->index);
      const MskStoreSubmission *row = msk_submission_get_row (submission);
      g_autofree char *jurisdiction_id = NULL;

      /* Asked in the jurisdiction it was filed in (kept in its address). */
      jurisdiction_id = msk_open311_dup_jurisdiction_id_of (row->portal);
      msk_open311_set_jurisdiction_id (data->open311, jurisdiction_id);
      msk_open311_get_request_async (data->open311, msk_submission_get_tracking (submission),
                                     g_task_get_cancellable (task), get_request_cb, task);
      return;
    }

  if (data->topic_index < data->topics->len)
    {
      const char *topic_id = g_ptr_array_index (data->topics, data->topic_index);

      data->pages = 0;
      data->list = msk_client_list_comments (data->client, g_ascii_strtoll (topic_id, NULL, 10));
      msk_paged_list_set_page_size (MSK_PAGED_LIST (data->list), 50);
      msk_paged_list_load_more_async (MSK_PAGED_LIST (data->list), g_task_get_cancellable (task),
                                      comments_page_cb, task);
      return;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/**
 * msk_tracker_refresh_async:
 * @client: the client of a portal
 *
 * Asks the portal for the status of each submission still under way:
 * complaints through its Open311 endpoint (with the date each is due by,
 * msk_submission_get_due(), when the endpoint gives one), comments under
 * review through the comments of their topic (which show the user's own
 * pending and rejected comments).
 */
void
msk_tracker_refresh_async (MskTracker          *self,
                           MskClient           *client,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RefreshData *data = g_new0 (RefreshData, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->submissions));
  const char *base = msk_portal_get_base_url (msk_client_get_portal (client));

  g_task_set_source_tag (task, msk_tracker_refresh_async);
  data->client = g_object_ref (client);
  data->open311 = msk_open311_new (client);
  data->pending = g_ptr_array_new_with_free_func (g_object_unref);
  data->comments = g_ptr_array_new_with_free_func (g_object_unref);
  data->topics = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MskSubmission) s = g_list_model_get_item (G_LIST_MODEL (self->submissions), i);
      const MskStoreSubmission *row = msk_submission_get_row (s);
      const char *status = row->status;

      if (g_strcmp0 (row->kind, "complaint") == 0
          && g_str_has_prefix (row->portal, msk_open311_get_endpoint (data->open311)))
        {
          if (g_strcmp0 (status, "PROCESSED") == 0 || g_strcmp0 (status, "REJECTED") == 0
              || g_strcmp0 (status, "closed") == 0)
            continue;
          g_ptr_array_add (data->pending, g_steal_pointer (&s));
        }
      else if (g_strcmp0 (row->kind, "comment") == 0 && g_strcmp0 (row->portal, base) == 0
               && g_strcmp0 (status, "pending") == 0 && row->topic_id != NULL)
        {
          if (!g_ptr_array_find_with_equal_func (data->topics, row->topic_id, g_str_equal, NULL))
            g_ptr_array_add (data->topics, g_strdup (row->topic_id));
          g_ptr_array_add (data->comments, g_steal_pointer (&s));
        }
    }

  refresh_next (g_steal_pointer (&task));
}

/**
 * msk_tracker_refresh_finish:
 * @n_changed: (out) (optional): how many statuses changed
 */
gboolean
msk_tracker_refresh_finish (MskTracker    *self,
                            GAsyncResult  *result,
                            guint         *n_changed,
                            GError       **error)
{
  RefreshData *data = g_task_get_task_data (G_TASK (result));

  if (n_changed != NULL)
    *n_changed = data->n_changed;
  return g_task_propagate_boolean (G_TASK (result), error);
}
