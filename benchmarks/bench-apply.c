/* bench-apply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Main-thread cost of applying a snapshot to the model, without a cluster:
 * a snapshot of N OSDs under N/20 hosts, N/100 pools, a few health checks
 * and PG states is built in code and applied to a fresh model (every item
 * new), again unchanged (the steady-state refresh), and with one OSD
 * changed. bench-refresh measures the same against a real cluster; this
 * one needs none, so a change to the list sync can be timed before and
 * after in a minute.
 *
 * Usage: bench-apply [--osds N] [--runs R]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include "kdcc-cluster.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

static KdccSnapshot *
make_snapshot (guint  n_osds,
               gint64 changed_osd)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();
  static const char *states[] = { "active+clean", "active+clean+scrubbing", "peering" };

  snap->health = KDCC_HEALTH_WARN;
  snap->osds_total = n_osds;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new (states[i], 100 - i));
  for (guint i = 0; i < 4; i++)
    {
      KdccHealthCheckData *check = kdcc_health_check_data_new ();

      check->code = g_strdup_printf ("CHECK_%u", i);
      check->severity = KDCC_HEALTH_WARN;
      check->summary = g_strdup ("summary");
      g_ptr_array_add (check->detail, g_strdup ("detail"));
      g_ptr_array_add (snap->checks, check);
    }

  /* Given in id order, as the sources deliver them. */
  for (guint i = 0; i < n_osds; i++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, i);
      g_autofree char *host = g_strdup_printf ("node%04u", i / 20);
      gint64 id = i;

      osd->host = g_strdup (host);
      osd->device_class = g_strdup ("hdd");
      osd->up = id != changed_osd;
      osd->in = TRUE;
      osd->crush_weight = 0.5;
      osd->reweight = 1.0;
      osd->has_usage = TRUE;
      osd->utilization = 10.0 + i % 7;
      osd->total_bytes = 1000;
      osd->used_bytes = 100;
      osd->avail_bytes = 900;
      osd->pgs = 32;
      g_array_append_val (kdcc_snapshot_ensure_host (snap, host)->osd_ids, id);
    }

  for (guint i = 0; i < MAX (n_osds / 100, 1); i++)
    {
      KdccPoolData *pool = kdcc_snapshot_ensure_pool (snap, i + 1);

      pool->name = g_strdup_printf ("pool%u", i);
      pool->type = g_strdup ("replicated");
      pool->size = 3;
      pool->min_size = 2;
      pool->pg_num = 32;
      g_ptr_array_add (pool->applications, g_strdup ("rbd"));
    }

  return snap;
}

int
main (int   argc,
      char *argv[])
{
  int n_osds = 10000;
  int runs = 20;
  GOptionEntry entries[] = {
    { "osds", 0, 0, G_OPTION_ARG_INT, &n_osds, "OSDs in the snapshot", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSnapshot) base = NULL;
  g_autoptr(KdccSnapshot) same = NULL;
  g_autoptr(KdccSnapshot) one = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unchanged = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_changed = g_array_new (FALSE, FALSE, sizeof (double));

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  base = make_snapshot (n_osds, -1);
  same = make_snapshot (n_osds, -1);
  one = make_snapshot (n_osds, n_osds / 2);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("bench");
      gint64 start;
      double v;

      start = g_get_monotonic_time ();
      kdcc_cluster_apply_snapshot (cluster, base);
      v = ms_since (start);
      g_array_append_val (first, v);

      start = g_get_monotonic_time ();
      kdcc_cluster_apply_snapshot (cluster, same);
      v = ms_since (start);
      g_array_append_val (unchanged, v);

      start = g_get_monotonic_time ();
      kdcc_cluster_apply_snapshot (cluster, one);
      v = ms_since (start);
      g_array_append_val (one_changed, v);
    }

  g_print ("Apply to the model, %d OSDs, median of %d runs:\n\n", n_osds, runs);
  g_print ("| what | median |\n|---|---|\n");
  g_print ("| first apply (every item new) | %.2f ms |\n", median (first));
  g_print ("| nothing changed | %.2f ms |\n", median (unchanged));
  g_print ("| one OSD changed | %.2f ms |\n", median (one_changed));
  return 0;
}
