/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-json.h"
#include "msk-service-request.h"

/**
 * MskServiceRequest:
 *
 * An Open311 service request (a complaint or suggestion) and its status.
 * The detailed status is the CitySDK extension, when the endpoint has it,
 * as are the history of its statuses and the request it appeals
 * (`extended_attributes`, read when asked with `extensions=true`).
 */
struct _MskServiceRequest
{
  GObject parent_instance;

  char *service_request_id;  /* (owned) (nullable) */
  char *status;  /* (owned) (nullable) */
  char *status_notes;  /* (owned) (nullable) */
  char *service_name;  /* (owned) (nullable) */
  char *service_code;  /* (owned) (nullable) */
  char *description;  /* (owned) (nullable) */
  GDateTime *requested_datetime;  /* (owned) (nullable) */
  GDateTime *updated_datetime;  /* (owned) (nullable) */
  GDateTime *expected_datetime;  /* (owned) (nullable) */
  char *detailed_status;  /* (owned) (nullable) */
  char *address;  /* (owned) (nullable) */
  GPtrArray *history;  /* (owned) (element-type MskRequestStep): oldest first */
  char *original_request;  /* (owned) (nullable) */
};

G_DEFINE_TYPE (MskServiceRequest, msk_service_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVICE_REQUEST_ID,
  PROP_STATUS,
  PROP_STATUS_NOTES,
  PROP_SERVICE_NAME,
  PROP_SERVICE_CODE,
  PROP_DESCRIPTION,
  PROP_REQUESTED_DATETIME,
  PROP_UPDATED_DATETIME,
  PROP_EXPECTED_DATETIME,
  PROP_DETAILED_STATUS,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_service_request_finalize (GObject *object)
{
  MskServiceRequest *self = MSK_SERVICE_REQUEST (object);

  g_clear_pointer (&self->service_request_id, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->status_notes, g_free);
  g_clear_pointer (&self->service_name, g_free);
  g_clear_pointer (&self->service_code, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->requested_datetime, g_date_time_unref);
  g_clear_pointer (&self->updated_datetime, g_date_time_unref);
  g_clear_pointer (&self->expected_datetime, g_date_time_unref);
  g_clear_pointer (&self->detailed_status, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->original_request, g_free);

  G_OBJECT_CLASS (msk_service_request_parent_class)->finalize (object);
}

static void
msk_service_request_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MskServiceRequest *self = MSK_SERVICE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SERVICE_REQUEST_ID:
      g_value_set_string (value, self->service_request_id);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_STATUS_NOTES:
      g_value_set_string (value, self->status_notes);
      break;
    case PROP_SERVICE_NAME:
      g_value_set_string (value, self->service_name);
      break;
    case PROP_SERVICE_CODE:
      g_value_set_string (value, self->service_code);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_REQUESTED_DATETIME:
      g_value_set_boxed (value, self->requested_datetime);
      break;
    case PROP_UPDATED_DATETIME:
      g_value_set_boxed (value, self->updated_datetime);
      break;
    case PROP_EXPECTED_DATETIME:
      g_value_set_boxed (value, self->expected_datetime);
      break;
    case PROP_DETAILED_STATUS:
      g_value_set_string (value, self->detailed_status);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_service_request_class_init (MskServiceRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_service_request_finalize;
  object_class->get_property = msk_service_request_get_property;

  properties[PROP_SERVICE_REQUEST_ID] =
    g_param_spec_string ("service-request-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_NOTES] =
    g_param_spec_string ("status-notes", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_NAME] =
    g_param_spec_string ("service-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE_CODE] =
    g_param_spec_string ("service-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUESTED_DATETIME] =
    g_param_spec_boxed ("requested-datetime", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_DATETIME] =
    g_param_spec_boxed ("updated-datetime", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPECTED_DATETIME] =
    g_param_spec_boxed ("expected-datetime", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILED_STATUS] =
    g_param_spec_string ("detailed-status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
request_step_free (MskRequestStep *step)
{
  g_free (step->status);
  g_free (step->notes);
  g_clear_pointer (&step->datetime, g_date_time_unref);
  g_free (step);
}

static void
msk_service_request_init (MskServiceRequest *self)
{
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) request_step_free);
}

/* The step @node holds, or %NULL when it is not one (an entry with no
 * status or no time, or a member of the wrong type). */
static MskRequestStep *
read_step (JsonNode *node)
{
  g_autoptr(GDateTime) datetime = NULL;
  JsonObject *object;
  const char *status = NULL;
  const char *notes = NULL;
  MskRequestStep *step;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (!msk_json_read_string (object, "detailed_status", TRUE, &status, NULL)
      || !msk_json_read_string (object, "status_notes", FALSE, &notes, NULL)
      || !msk_json_read_datetime (object, "datetime", TRUE, &datetime, NULL))
    return NULL;
  step = g_new0 (MskRequestStep, 1);
  step->status = g_strdup (status);
  step->notes = g_strdup (notes);
  step->datetime = g_steal_pointer (&datetime);
  return step;
}

/* The CitySDK extension: an entry that cannot be read is left out, and a
 * request without the extension (an endpoint without it, the XML form)
 * has an empty history. */
static void
read_extensions (MskServiceRequest *self,
                 JsonObject        *object)
{
  JsonObject *extended = NULL;
  JsonArray *history = NULL;

  if (!msk_json_read_object (object, "extended_attributes", FALSE, &extended, NULL)
      || extended == NULL)
    return;
  if (!msk_json_read_id (extended, "original_request", FALSE, &self->original_request, NULL))
    g_clear_pointer (&self->original_request, g_free);
  if (!msk_json_read_array (extended, "history", FALSE, &history, NULL) || history == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      MskRequestStep *step = read_step (json_array_get_element (history, i));
      guint at;

      if (step == NULL)
        {
          g_debug ("Service request %s: history entry %u left out", self->service_request_id, i);
          continue;
        }
      /* Oldest first, in the endpoint's order where the times are equal. */
      for (at = self->history->len; at > 0; at--)
        {
          MskRequestStep *before = g_ptr_array_index (self->history, at - 1);

          if (g_date_time_compare (before->datetime, step->datetime) <= 0)
            break;
        }
      g_ptr_array_insert (self->history, at, step);
    }
}

/**
 * msk_service_request_new_from_json:
 * @node: the JSON of one service request
 * @language: the language localized strings are resolved to ("ar" or "en")
 * @error: return location for %MSK_ERROR_INVALID_DATA
 *
 * Reads @node, checking the type of every member before reading it.
 *
 * Returns: (transfer full): the service request, or %NULL with an error
 */
MskServiceRequest *
msk_service_request_new_from_json (JsonNode    *node,
                                   const char  *language,
                                   GError     **error)
{
  g_autoptr(MskServiceRequest) self = NULL;
  JsonObject *object;

  object = msk_json_node_get_object (node, "service request", error);
  if (object == NULL)
    return NULL;

  self = g_object_new (MSK_TYPE_SERVICE_REQUEST, NULL);

  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "service_request_id", TRUE, &text, error))
      return NULL;
    self->service_request_id = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "status", TRUE, &text, error))
      return NULL;
    self->status = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "status_notes", FALSE, &text, error))
      return NULL;
    self->status_notes = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "service_name", FALSE, &text, error))
      return NULL;
    self->service_name = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "service_code", FALSE, &text, error))
      return NULL;
    self->service_code = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "description", FALSE, &text, error))
      return NULL;
    self->description = g_strdup (text);
  }
  if (!msk_json_read_datetime (object, "requested_datetime", FALSE, &self->requested_datetime,
                               error))
    return NULL;
  if (!msk_json_read_datetime (object, "updated_datetime", FALSE, &self->updated_datetime, error))
    return NULL;
  if (!msk_json_read_datetime (object, "expected_datetime", FALSE, &self->expected_datetime, error))
    return NULL;
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "detailed_status", FALSE, &text, error))
      return NULL;
    self->detailed_status = g_strdup (text);
  }
  {
    const char *text = NULL;

    if (!msk_json_read_string (object, "address", FALSE, &text, error))
      return NULL;
    self->address = g_strdup (text);
  }
  read_extensions (self, object);

  return g_steal_pointer (&self);
}

const char *
msk_service_request_get_service_request_id (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->service_request_id;
}

const char *
msk_service_request_get_status (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->status;
}

const char *
msk_service_request_get_status_notes (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->status_notes;
}

const char *
msk_service_request_get_service_name (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->service_name;
}

const char *
msk_service_request_get_service_code (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->service_code;
}

const char *
msk_service_request_get_description (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->description;
}

GDateTime *
msk_service_request_get_requested_datetime (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->requested_datetime;
}

GDateTime *
msk_service_request_get_updated_datetime (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->updated_datetime;
}

GDateTime *
msk_service_request_get_expected_datetime (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->expected_datetime;
}

const char *
msk_service_request_get_detailed_status (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->detailed_status;
}

const char *
msk_service_request_get_address (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->address;
}

/**
 * msk_service_request_get_history:
 *
 * The statuses the request went through, with the CitySDK extension;
 * empty when the endpoint did not send it.
 *
 * Returns: (transfer none) (element-type MskRequestStep): the steps, oldest
 *   first
 */
GPtrArray *
msk_service_request_get_history (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->history;
}

/**
 * msk_service_request_get_original_request:
 *
 * Returns: (nullable): the tracking number of the request this one
 *   appeals (an information appeal), with the CitySDK extension
 */
const char *
msk_service_request_get_original_request (MskServiceRequest *self)
{
  g_return_val_if_fail (MSK_IS_SERVICE_REQUEST (self), NULL);
  return self->original_request;
}

/**
 * msk_service_request_allowed_next:
 * @detailed_status: (nullable): a request's detailed status
 *
 * The statuses staff may move a request to from @detailed_status, as the
 * Musharaka server allows them: a request pending is received; a request
 * received is put in process, answered or rejected; one in process is
 * answered or rejected; an answered or rejected request is closed.
 *
 * Returns: (transfer none) (array zero-terminated=1): the statuses, empty
 *   for a closed request or an unknown status
 */
const char * const *
msk_service_request_allowed_next (const char *detailed_status)
{
  static const char * const from_pending[] = { "RECEIVED", NULL };
  static const char * const from_received[] = { "IN_PROCESS", "PROCESSED", "REJECTED", NULL };
  static const char * const from_in_process[] = { "PROCESSED", "REJECTED", NULL };
  static const char * const none[] = { NULL };

  if (g_strcmp0 (detailed_status, "PENDING") == 0)
    return from_pending;
  if (g_strcmp0 (detailed_status, "RECEIVED") == 0)
    return from_received;
  if (g_strcmp0 (detailed_status, "IN_PROCESS") == 0)
    return from_in_process;
  return none;
}
