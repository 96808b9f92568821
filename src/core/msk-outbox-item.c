/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "msk-http.h"
#include "msk-outbox-item.h"
#include "msk-uuid.h"

struct _MskOutboxItem
{
  GObject         parent_instance;

  gint64          id;
  char           *key;           /* (owned) */
  MskOutboxKind   kind;
  char           *portal;        /* (owned) */
  char           *method;        /* (owned) */
  char           *uri;           /* (owned) */
  char           *content_type;  /* (owned) (nullable) */
  GBytes         *body;          /* (owned) (nullable) */
  char           *topic_id;      /* (owned) (nullable) */
  char           *title;         /* (owned) (nullable) */
  char           *text;          /* (owned) (nullable) */
  char           *user;          /* (owned) (nullable): who wrote it, signed in */

  MskOutboxState  state;
  guint           attempts;
  gint64          next_attempt;
  gint64          created;
  gint64          updated;
  guint           http_status;
  char           *message;       /* (owned) (nullable) */
  char           *problem;       /* (owned) (nullable) */
  char           *response;      /* (owned) (nullable) */
};

G_DEFINE_TYPE (MskOutboxItem, msk_outbox_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MskOutboxState, msk_outbox_state,
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_STATE_QUEUED, "queued"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_STATE_SENDING, "sending"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_STATE_SENT, "sent"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_STATE_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN,
                                         "waiting-for-sign-in"))

G_DEFINE_ENUM_TYPE (MskOutboxKind, msk_outbox_kind,
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_BALLOT, "ballot"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_SURVEY_RESPONSE, "survey-response"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_COMMENT, "comment"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_FLAG, "flag"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_IDEA, "idea"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_SUPPORT, "support"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_COMPLAINT, "complaint"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_FEEDBACK, "feedback"),
                    G_DEFINE_ENUM_VALUE (MSK_OUTBOX_KIND_MODERATION, "moderation"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * msk_outbox_state_to_label:
 *
 * Returns: the state in words, translated.
 */
const char *
msk_outbox_state_to_label (MskOutboxState state)
{
  switch (state)
    {
    case MSK_OUTBOX_STATE_QUEUED:
      return _("Waiting to be sent");
    case MSK_OUTBOX_STATE_SENDING:
      return _("Sending");
    case MSK_OUTBOX_STATE_SENT:
      return _("Sent");
    case MSK_OUTBOX_STATE_WAITING_FOR_SIGN_IN:
      /* Translators: a submission kept on this computer until the user signs in again */
      return _("Waiting for you to sign in");
    case MSK_OUTBOX_STATE_FAILED:
    default:
      return _("Not accepted");
    }
}

const char *
msk_outbox_kind_to_string (MskOutboxKind kind)
{
  GEnumClass *klass = g_type_class_ref (MSK_TYPE_OUTBOX_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : "comment";
}

MskOutboxKind
msk_outbox_kind_from_string (const char *str)
{
  GEnumClass *klass = g_type_class_ref (MSK_TYPE_OUTBOX_KIND);
  GEnumValue *value = str != NULL ? g_enum_get_value_by_nick (klass, str) : NULL;
  MskOutboxKind kind = value != NULL ? (MskOutboxKind) value->value : MSK_OUTBOX_KIND_COMMENT;

  g_type_class_unref (klass);
  return kind;
}

static void
msk_outbox_item_finalize (GObject *object)
{
  MskOutboxItem *self = MSK_OUTBOX_ITEM (object);

  g_free (self->key);
  g_free (self->portal);
  g_free (self->method);
  g_free (self->uri);
  g_free (self->content_type);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->topic_id);
  g_free (self->title);
  g_free (self->text);
  g_free (self->user);
  g_free (self->message);
  g_free (self->problem);
  g_free (self->response);

  G_OBJECT_CLASS (msk_outbox_item_parent_class)->finalize (object);
}

static void
msk_outbox_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MskOutboxItem *self = MSK_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_outbox_item_class_init (MskOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_outbox_item_finalize;
  object_class->get_property = msk_outbox_item_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MSK_TYPE_OUTBOX_STATE, MSK_OUTBOX_STATE_QUEUED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_outbox_item_init (MskOutboxItem *self)
{
}

/**
 * msk_outbox_item_new:
 *
 * Returns: (transfer full): a new item with a fresh idempotency key, not yet stored.
 */
MskOutboxItem *
msk_outbox_item_new (MskOutboxKind  kind,
                     const char    *portal,
                     const char    *method,
                     const char    *uri,
                     const char    *content_type,
                     GBytes        *body)
{
  MskOutboxItem *self = g_object_new (MSK_TYPE_OUTBOX_ITEM, NULL);

  self->key = msk_uuid_new_random ();
  self->kind = kind;
  self->portal = g_strdup (portal);
  self->method = g_strdup (method);
  self->uri = g_strdup (uri);
  self->content_type = g_strdup (content_type);
  self->body = body != NULL ? g_bytes_ref (body) : NULL;
  self->created = self->updated = g_get_real_time ();
  return self;
}

gint64
msk_outbox_item_get_id (MskOutboxItem *self)
{
  return self->id;
}

const char *
msk_outbox_item_get_key (MskOutboxItem *self)
{
  return self->key;
}

MskOutboxKind
msk_outbox_item_get_kind (MskOutboxItem *self)
{
  return self->kind;
}

const char *
msk_outbox_item_get_portal (MskOutboxItem *self)
{
  return self->portal;
}

const char *
msk_outbox_item_get_method (MskOutboxItem *self)
{
  return self->method;
}

const char *
msk_outbox_item_get_uri (MskOutboxItem *self)
{
  return self->uri;
}

const char *
msk_outbox_item_get_content_type (MskOutboxItem *self)
{
  return self->content_type;
}

GBytes *
msk_outbox_item_get_body (MskOutboxItem *self)
{
  return self->body;
}

const char *
msk_outbox_item_get_topic_id (MskOutboxItem *self)
{
  return self->topic_id;
}

const char *
msk_outbox_item_get_text (MskOutboxItem *self)
{
  return self->text;
}

/**
 * msk_outbox_item_get_user:
 *
 * Returns: (nullable): the user who wrote the item signed in to its portal
 *   (msk_auth_dup_user_key()); it goes out under their sign-in only.
 *   %NULL: written signed out, it goes out unsigned.
 */
const char *
msk_outbox_item_get_user (MskOutboxItem *self)
{
  return self->user;
}

MskOutboxState
msk_outbox_item_get_state (MskOutboxItem *self)
{
  return self->state;
}

guint
msk_outbox_item_get_attempts (MskOutboxItem *self)
{
  return self->attempts;
}

gint64
msk_outbox_item_get_next_attempt (MskOutboxItem *self)
{
  return self->next_attempt;
}

gint64
msk_outbox_item_get_created (MskOutboxItem *self)
{
  return self->created;
}

gint64
msk_outbox_item_get_updated (MskOutboxItem *self)
{
  return self->updated;
}

guint
msk_outbox_item_get_http_status (MskOutboxItem *self)
{
  return self->http_status;
}

char *
msk_outbox_item_dup_message (MskOutboxItem *self)
{
  return g_strdup (self->message);
}

char *
msk_outbox_item_dup_problem (MskOutboxItem *self)
{
  return g_strdup (self->problem);
}

/**
 * msk_outbox_item_dup_field_errors:
 *
 * The fields the portal's refusal names, as msk_http_reply_dup_field_errors()
 * gives them ("/answers/ID" for a survey's question).
 *
 * Returns: (transfer full) (nullable): field → message, or %NULL
 */
GHashTable *
msk_outbox_item_dup_field_errors (MskOutboxItem *self)
{
  g_return_val_if_fail (MSK_IS_OUTBOX_ITEM (self), NULL);

  return msk_http_problem_dup_field_errors (self->problem);
}

char *
msk_outbox_item_dup_response (MskOutboxItem *self)
{
  return g_strdup (self->response);
}

char *
msk_outbox_item_dup_title (MskOutboxItem *self)
{
  return g_strdup (self->title);
}

void
msk_outbox_item_set_id (MskOutboxItem *self,
                        gint64         id)
{
  self->id = id;
}

void
msk_outbox_item_set_key (MskOutboxItem *self,
                         const char    *key)
{
  g_free (self->key);
  self->key = g_strdup (key);
}

void
msk_outbox_item_set_user (MskOutboxItem *self,
                          const char    *user)
{
  g_free (self->user);
  self->user = g_strdup (user);
}

void
msk_outbox_item_set_topic (MskOutboxItem *self,
                           const char    *topic_id,
                           const char    *title,
                           const char    *text)
{
  g_free (self->topic_id);
  g_free (self->title);
  g_free (self->text);
  self->topic_id = g_strdup (topic_id);
  self->title = g_strdup (title);
  self->text = g_strdup (text);
}

void
msk_outbox_item_set_state (MskOutboxItem  *self,
                           MskOutboxState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
msk_outbox_item_set_attempts (MskOutboxItem *self,
                              guint          attempts,
                              gint64         next_attempt)
{
  self->next_attempt = next_attempt;
  if (self->attempts == attempts)
    return;
  self->attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

void
msk_outbox_item_set_times (MskOutboxItem *self,
                           gint64         created,
                           gint64         updated)
{
  self->created = created;
  self->updated = updated;
}

void
msk_outbox_item_set_result (MskOutboxItem *self,
                            guint          http_status,
                            const char    *message,
                            const char    *problem,
                            const char    *response)
{
  self->http_status = http_status;
  g_free (self->problem);
  g_free (self->response);
  self->problem = g_strdup (problem);
  self->response = g_strdup (response);
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}
