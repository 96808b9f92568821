/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "msk-submission.h"

/**
 * MskSubmission:
 *
 * A submission in the user's own tracking list: its tracking number, what
 * it was about, when it was sent and its last known status.
 */
struct _MskSubmission
{
  GObject             parent_instance;

  MskStoreSubmission  row;
};

G_DEFINE_TYPE (MskSubmission, msk_submission, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msk_submission_finalize (GObject *object)
{
  MskSubmission *self = MSK_SUBMISSION (object);

  g_free (self->row.portal);
  g_free (self->row.kind);
  g_free (self->row.tracking);
  g_free (self->row.topic_id);
  g_free (self->row.title);
  g_free (self->row.status);
  g_free (self->row.status_text);
  g_free (self->row.user);

  G_OBJECT_CLASS (msk_submission_parent_class)->finalize (object);
}

static void
msk_submission_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MskSubmission *self = MSK_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->row.status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, msk_submission_get_status_label (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->row.title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msk_submission_class_init (MskSubmissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msk_submission_finalize;
  object_class->get_property = msk_submission_get_property;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msk_submission_init (MskSubmission *self)
{
}

/**
 * msk_submission_new_from_row:
 *
 * Returns: (transfer full): a submission holding a copy of @row
 */
MskSubmission *
msk_submission_new_from_row (const MskStoreSubmission *row)
{
  MskSubmission *self = g_object_new (MSK_TYPE_SUBMISSION, NULL);

  self->row.portal = g_strdup (row->portal);
  self->row.kind = g_strdup (row->kind);
  self->row.tracking = g_strdup (row->tracking);
  self->row.topic_id = g_strdup (row->topic_id);
  self->row.title = g_strdup (row->title);
  self->row.status = g_strdup (row->status);
  self->row.status_text = g_strdup (row->status_text);
  self->row.created = row->created;
  self->row.updated = row->updated;
  self->row.user = g_strdup (row->user);
  self->row.due = row->due;
  return self;
}

const MskStoreSubmission *
msk_submission_get_row (MskSubmission *self)
{
  return &self->row;
}

const char *
msk_submission_get_tracking (MskSubmission *self)
{
  return self->row.tracking;
}

const char *
msk_submission_get_kind (MskSubmission *self)
{
  return self->row.kind;
}

const char *
msk_submission_get_title (MskSubmission *self)
{
  return self->row.title;
}

/**
 * msk_submission_set_title:
 * @title: what it is called now, as the portal names it in the language
 *   of the interface
 *
 * Records the title; the caller saves it.
 */
void
msk_submission_set_title (MskSubmission *self,
                          const char    *title)
{
  g_return_if_fail (MSK_IS_SUBMISSION (self));
  g_return_if_fail (title != NULL);

  if (g_strcmp0 (self->row.title, title) == 0)
    return;
  g_free (self->row.title);
  self->row.title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
msk_submission_get_status (MskSubmission *self)
{
  return self->row.status;
}

const char *
msk_submission_get_status_text (MskSubmission *self)
{
  return self->row.status_text;
}

gint64
msk_submission_get_created (MskSubmission *self)
{
  return self->row.created;
}

gint64
msk_submission_get_updated (MskSubmission *self)
{
  return self->row.updated;
}

/**
 * msk_submission_get_due:
 *
 * Returns: when the portal said it would answer, in seconds since the
 *   epoch, or 0 when it said nothing
 */
gint64
msk_submission_get_due (MskSubmission *self)
{
  return self->row.due;
}

/**
 * msk_submission_set_due:
 * @due: when the portal says it will answer, in seconds since the epoch,
 *   or 0
 *
 * Records the date; the caller saves it.
 */
void
msk_submission_set_due (MskSubmission *self,
                        gint64         due)
{
  self->row.due = due;
}

/**
 * msk_submission_get_status_label:
 *
 * Returns: the status in words, translated ("Under review", "Answered", …)
 */
const char *
msk_submission_get_status_label (MskSubmission *self)
{
  const char *status = self->row.status;

  if (status == NULL)
    return _("Sent");
  if (g_str_equal (status, "PENDING") || g_str_equal (status, "pending"))
    return _("Waiting for review");
  if (g_str_equal (status, "RECEIVED"))
    return _("Received");
  if (g_str_equal (status, "IN_PROCESS"))
    return _("In progress");
  if (g_str_equal (status, "open"))
    return _("Under review");
  if (g_str_equal (status, "PROCESSED") || g_str_equal (status, "closed"))
    return _("Answered");
  if (g_str_equal (status, "REJECTED") || g_str_equal (status, "rejected"))
    return _("Not accepted");
  if (g_str_equal (status, "published"))
    return _("Published");
  return _("Sent");
}

/**
 * msk_submission_set_status:
 *
 * Records a new status; the caller saves it.
 */
void
msk_submission_set_status (MskSubmission *self,
                           const char    *status,
                           const char    *status_text)
{
  g_free (self->row.status);
  g_free (self->row.status_text);
  self->row.status = g_strdup (status);
  self->row.status_text = g_strdup (status_text);
  self->row.updated = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
}
