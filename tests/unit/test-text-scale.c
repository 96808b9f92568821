/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "msk-text-scale.h"

static void
test_steps_cover_range (void)
{
  guint n_steps;
  const double *steps = msk_text_scale_get_steps (&n_steps);

  g_assert_cmpuint (n_steps, >=, 5);
  g_assert_cmpfloat_with_epsilon (steps[0], 1.0, 0.0001);
  g_assert_cmpfloat_with_epsilon (steps[n_steps - 1], 3.0, 0.0001);
  for (guint i = 1; i < n_steps; i++)
    g_assert_cmpfloat (steps[i], >, steps[i - 1]);
}

static void
test_larger_walks_every_step (void)
{
  guint n_steps;
  const double *steps = msk_text_scale_get_steps (&n_steps);
  double scale = 1.0;

  for (guint i = 1; i < n_steps; i++)
    {
      scale = msk_text_scale_larger (scale);
      g_assert_cmpfloat_with_epsilon (scale, steps[i], 0.0001);
    }
  /* Stays at the top. */
  g_assert_cmpfloat_with_epsilon (msk_text_scale_larger (scale), 3.0, 0.0001);

  for (guint i = n_steps - 1; i > 0; i--)
    {
      scale = msk_text_scale_smaller (scale);
      g_assert_cmpfloat_with_epsilon (scale, steps[i - 1], 0.0001);
    }
  g_assert_cmpfloat_with_epsilon (msk_text_scale_smaller (scale), 1.0, 0.0001);
}

static void
test_between_steps (void)
{
  /* A value set elsewhere (a settings editor) snaps to the neighbours. */
  g_assert_cmpfloat_with_epsilon (msk_text_scale_larger (1.3), 1.5, 0.0001);
  g_assert_cmpfloat_with_epsilon (msk_text_scale_smaller (1.3), 1.25, 0.0001);
}

static void
test_clamp_and_percent (void)
{
  g_assert_cmpfloat_with_epsilon (msk_text_scale_clamp (0.2), 1.0, 0.0001);
  g_assert_cmpfloat_with_epsilon (msk_text_scale_clamp (9.0), 3.0, 0.0001);
  g_assert_cmpfloat_with_epsilon (msk_text_scale_clamp (NAN), 1.0, 0.0001);
  g_assert_cmpuint (msk_text_scale_to_percent (1.25), ==, 125);
  g_assert_cmpuint (msk_text_scale_to_percent (3.0), ==, 300);
  g_assert_cmpuint (msk_text_scale_to_percent (7.0), ==, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-scale/steps", test_steps_cover_range);
  g_test_add_func ("/text-scale/larger-smaller", test_larger_walks_every_step);
  g_test_add_func ("/text-scale/between-steps", test_between_steps);
  g_test_add_func ("/text-scale/clamp-percent", test_clamp_and_percent);

  return g_test_run ();
}
