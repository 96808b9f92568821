/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MSK_ERROR (msk_error_quark ())

/**
 * MskError:
 * @MSK_ERROR_OFFLINE: the server could not be reached (no network, refused connection)
 * @MSK_ERROR_TIMEOUT: the server did not answer in time
 * @MSK_ERROR_SERVER: the server failed (5xx)
 * @MSK_ERROR_BUSY: the server asked to come back later (429); see Retry-After
 * @MSK_ERROR_REFUSED: the server refused the request (4xx) with a problem detail
 * @MSK_ERROR_UNAUTHORIZED: sign-in is needed or the token expired (401/403)
 * @MSK_ERROR_NOT_FOUND: the resource does not exist (404)
 * @MSK_ERROR_INVALID_DATA: the reply is not what the API promises (malformed JSON,
 *   wrong types, truncated body, wrong content type)
 * @MSK_ERROR_TOO_LARGE: the reply is over the size limit or nested too deep
 * @MSK_ERROR_INSECURE: plain http to a host that is not this computer, or a bad certificate
 * @MSK_ERROR_STORE: the local database failed
 * @MSK_ERROR_INVALID_INPUT: the caller passed something the API cannot send
 *
 * The failures a user interface can explain. Messages are translated.
 */
typedef enum
{
  MSK_ERROR_OFFLINE,
  MSK_ERROR_TIMEOUT,
  MSK_ERROR_SERVER,
  MSK_ERROR_BUSY,
  MSK_ERROR_REFUSED,
  MSK_ERROR_UNAUTHORIZED,
  MSK_ERROR_NOT_FOUND,
  MSK_ERROR_INVALID_DATA,
  MSK_ERROR_TOO_LARGE,
  MSK_ERROR_INSECURE,
  MSK_ERROR_STORE,
  MSK_ERROR_INVALID_INPUT,
} MskError;

GQuark   msk_error_quark        (void);
gboolean msk_error_is_transient (const GError *error);
void     msk_error_set_too_large (GError     **error);
void     msk_error_set_too_deep  (GError     **error);

G_END_DECLS
