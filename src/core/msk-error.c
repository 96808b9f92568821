/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msk-error.h"

G_DEFINE_QUARK (msk-error-quark, msk_error)

/**
 * msk_error_is_transient:
 * @error: (nullable): an error
 *
 * Returns: whether trying again later may succeed: the network was down,
 *   the server timed out, failed (5xx), was busy (429), or the reply was
 *   cut short. A refusal (4xx) is permanent.
 */
gboolean
msk_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == MSK_ERROR)
    {
      switch ((MskError) error->code)
        {
        case MSK_ERROR_OFFLINE:
        case MSK_ERROR_TIMEOUT:
        case MSK_ERROR_SERVER:
        case MSK_ERROR_BUSY:
        case MSK_ERROR_INVALID_DATA:
        case MSK_ERROR_TOO_LARGE:
          return TRUE;
        case MSK_ERROR_REFUSED:
        case MSK_ERROR_UNAUTHORIZED:
        case MSK_ERROR_NOT_FOUND:
        case MSK_ERROR_INSECURE:
        case MSK_ERROR_STORE:
        case MSK_ERROR_INVALID_INPUT:
        default:
          return FALSE;
        }
    }

  return FALSE;
}
