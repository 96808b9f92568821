/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

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

/**
 * msk_error_set_too_large:
 *
 * Sets %MSK_ERROR_TOO_LARGE for a reply over the size limit, whatever its format.
 */
void
msk_error_set_too_large (GError **error)
{
  g_set_error_literal (error, MSK_ERROR, MSK_ERROR_TOO_LARGE,
                       _("The portal sent more data than the app accepts."));
}

/**
 * msk_error_set_too_deep:
 *
 * Sets %MSK_ERROR_TOO_LARGE for a reply nested deeper than the limit (JSON
 * arrays and objects, XML elements).
 */
void
msk_error_set_too_deep (GError **error)
{
  g_set_error_literal (error, MSK_ERROR, MSK_ERROR_TOO_LARGE,
                       _("The portal sent data nested too deeply for the app to read."));
}
