/* test-pg-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccPgState: the "healthy" rule (Rook's clean regex, with "clean"
 * required) and count notification.
 */
#include "config.h"

#include "kdcc-pg-state.h"

static void
test_healthy_names (void)
{
  const char *healthy[] = {
    "active+clean",
    "active+clean+scrubbing",
    "active+clean+scrubbing+deep",
    "active+clean+snaptrim",
    "active+clean+snaptrim_wait",
    "active+deep+clean",
  };
  const char *unhealthy[] = {
    "active",
    "active+",
    "active+scrubbing",
    "active+scrubbing+deep",
    "active+undersized+degraded",
    "active+clean+remapped",
    "active+recovering+clean",
    "clean+active",
    "peering",
    "unknown",
    "stale+active+clean",
    "active+clean+inconsistent",
    "",
    NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (healthy); i++)
    if (!kdcc_pg_state_is_healthy_name (healthy[i]))
      g_error ("\"%s\" should be healthy", healthy[i]);
  for (guint i = 0; i < G_N_ELEMENTS (unhealthy); i++)
    if (kdcc_pg_state_is_healthy_name (unhealthy[i]))
      g_error ("\"%s\" should not be healthy", unhealthy[i]);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_count (void)
{
  KdccPgState *state = kdcc_pg_state_new ("active+undersized");
  guint notifies = 0;
  gboolean healthy = TRUE;

  g_object_get (state, "healthy", &healthy, NULL);
  g_assert_false (healthy);
  g_assert_cmpstr (kdcc_pg_state_get_state (state), ==, "active+undersized");

  g_signal_connect (state, "notify::count", G_CALLBACK (count_notify_cb), &notifies);
  kdcc_pg_state_set_count (state, 5);
  kdcc_pg_state_set_count (state, 5);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpint (kdcc_pg_state_get_count (state), ==, 5);

  g_assert_finalize_object (state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-state/healthy-names", test_healthy_names);
  g_test_add_func ("/pg-state/count", test_count);

  return g_test_run ();
}
