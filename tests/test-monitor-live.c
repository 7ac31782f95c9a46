/* test-monitor-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The refresh loop against a real cluster whose daemons this test stops
 * and starts (a private cluster, so the shared one is not disturbed): the
 * model goes stale without crashing when the mon goes away, keeps its
 * data, and recovers by itself when the daemons are back.
 */
#include "config.h"

#include "kdcc-cluster.h"
#include "kdcc-monitor.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-util.h"

typedef struct
{
  KdccCluster *cluster;
  KdccMonitor *monitor;
  guint        successes;
  guint        failures;
} Fixture;

static void
refresh_done_cb (KdccMonitor  *monitor,
                 const GError *error,
                 Fixture      *f)
{
  if (error == NULL)
    f->successes++;
  else
    f->failures++;
}

static gboolean
has_data (gpointer data)
{
  Fixture *f = data;

  return kdcc_cluster_get_has_data (f->cluster) && !kdcc_cluster_get_stale (f->cluster);
}

static gboolean
is_stale (gpointer data)
{
  Fixture *f = data;

  return kdcc_cluster_get_stale (f->cluster);
}

static guint wait_for;

static gboolean
enough_successes (gpointer data)
{
  Fixture *f = data;

  return f->successes >= wait_for;
}

static void
test_stale_and_recover (void)
{
  g_autoptr(KdccTestCluster) tc = kdcc_test_cluster_start_private ();
  g_autoptr(KdccSource) source = NULL;
  g_autofree char *fsid = NULL;
  Fixture f = { 0 };
  guint n_osds;
  gint64 last_update;

  source = KDCC_SOURCE (kdcc_rados_source_new (tc->conf, tc->keyring, tc->client_id));
  f.cluster = kdcc_cluster_new ("private");
  f.monitor = kdcc_monitor_new (source, f.cluster);
  g_object_set (f.monitor, "interval", 1, "max-backoff", 4, NULL);
  g_signal_connect (f.monitor, "refresh-done", G_CALLBACK (refresh_done_cb), &f);
  kdcc_monitor_start (f.monitor);

  g_assert_true (kdcc_test_wait_until (has_data, &f, 30000));
  g_assert_cmpstr (kdcc_cluster_get_fsid (f.cluster), ==, tc->fsid);
  fsid = g_strdup (kdcc_cluster_get_fsid (f.cluster));
  n_osds = g_list_model_get_n_items (kdcc_cluster_get_osds (f.cluster));
  g_assert_cmpuint (n_osds, ==, 3);

  /* Without the mgr the mons still answer: refreshes go on succeeding.
   * The mgr's dashboard port refusing connections proves it is gone. */
  kdcc_test_cluster_stop_daemon (tc, "mgr");
  g_assert_true (kdcc_test_port_refuses (tc->dashboard_url));
  wait_for = f.successes + 3;
  g_assert_true (kdcc_test_wait_until (enough_successes, &f, 30000));
  g_assert_false (kdcc_cluster_get_stale (f.cluster));

  /* Without the mon nothing answers: the model goes stale but keeps what
   * it knew, and says why. */
  kdcc_test_cluster_stop_daemon (tc, "mon");
  g_assert_true (kdcc_test_wait_until (is_stale, &f, 60000));
  g_assert_cmpuint (f.failures, >, 0);
  g_assert_nonnull (kdcc_cluster_get_last_error (f.cluster));
  g_assert_cmpstr (kdcc_cluster_get_last_error (f.cluster), !=, "");
  g_assert_cmpstr (kdcc_cluster_get_fsid (f.cluster), ==, fsid);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (f.cluster)), ==, n_osds);
  g_assert_true (kdcc_cluster_get_has_data (f.cluster));
  last_update = kdcc_cluster_get_last_update (f.cluster);
  g_assert_cmpint (last_update, >, 0);

  /* Back: the same monitor and source recover without being told. */
  kdcc_test_cluster_start_daemon (tc, "mon");
  kdcc_test_cluster_start_daemon (tc, "mgr");
  g_assert_true (kdcc_test_wait_until (has_data, &f, 90000));
  g_assert_null (kdcc_cluster_get_last_error (f.cluster));
  g_assert_cmpint (kdcc_cluster_get_last_update (f.cluster), >, last_update);
  g_assert_cmpstr (kdcc_cluster_get_fsid (f.cluster), ==, fsid);

  kdcc_monitor_stop (f.monitor);
  g_assert_finalize_object (f.monitor);
  g_assert_finalize_object (f.cluster);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/monitor-live/stale-and-recover", test_stale_and_recover);
  return kdcc_test_run ();
}
