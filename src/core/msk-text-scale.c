/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "msk-text-scale.h"

/* The text sizes offered to the user, as factors of the system's own
 * text size. Small steps near 100 % and larger ones towards 300 %. */
static const double steps[] = { 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0 };

#define EPSILON 0.001

const double *
msk_text_scale_get_steps (guint *n_steps)
{
  if (n_steps != NULL)
    *n_steps = G_N_ELEMENTS (steps);
  return steps;
}

double
msk_text_scale_clamp (double scale)
{
  if (isnan (scale))
    return MSK_TEXT_SCALE_DEFAULT;
  return CLAMP (scale, MSK_TEXT_SCALE_MIN, MSK_TEXT_SCALE_MAX);
}

/**
 * msk_text_scale_larger:
 * @scale: the current factor
 *
 * Returns: the next step above @scale, or the largest one.
 */
double
msk_text_scale_larger (double scale)
{
  scale = msk_text_scale_clamp (scale);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] > scale + EPSILON)
      return steps[i];
  return MSK_TEXT_SCALE_MAX;
}

/**
 * msk_text_scale_smaller:
 * @scale: the current factor
 *
 * Returns: the next step below @scale, or the smallest one.
 */
double
msk_text_scale_smaller (double scale)
{
  scale = msk_text_scale_clamp (scale);
  for (guint i = G_N_ELEMENTS (steps); i > 0; i--)
    if (steps[i - 1] < scale - EPSILON)
      return steps[i - 1];
  return MSK_TEXT_SCALE_MIN;
}

guint
msk_text_scale_to_percent (double scale)
{
  return (guint) lround (msk_text_scale_clamp (scale) * 100.0);
}
