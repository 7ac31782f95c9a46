/* bench-refresh.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In-process cost of one refresh against a real cluster: a forced fetch of
 * every map, a light fetch when no epoch moved, and the main-thread cost of
 * applying each snapshot to the model (the part that must stay short so
 * the GTK main loop never stutters).
 *
 * Usage: bench-refresh --conf PATH --keyring PATH --id NAME [--runs N]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include <sys/resource.h>

#include "kdcc-cluster.h"
#include "kdcc-rados-source.h"

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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *conf = NULL;
  g_autofree char *keyring = NULL;
  g_autofree char *id = NULL;
  int runs = 10;
  GOptionEntry entries[] = {
    { "conf", 0, 0, G_OPTION_ARG_FILENAME, &conf, "ceph.conf", "PATH" },
    { "keyring", 0, 0, G_OPTION_ARG_FILENAME, &keyring, "keyring", "PATH" },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, "client id", "NAME" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(KdccCluster) cluster = NULL;
  g_autoptr(GArray) heavy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) light = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply_same = g_array_new (FALSE, FALSE, sizeof (double));
  struct rusage usage;
  guint n_osds = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  source = KDCC_SOURCE (kdcc_rados_source_new (conf, keyring, id ? id : "admin"));

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(KdccSnapshot) full = NULL;
      g_autoptr(KdccSnapshot) quick = NULL;
      gint64 start;
      double v;

      /* A fresh model each run measures the first apply (all items new);
       * applying the same data again measures a refresh with no change. */
      g_clear_object (&cluster);
      cluster = kdcc_cluster_new ("bench");

      start = g_get_monotonic_time ();
      full = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
      if (full == NULL)
        {
          g_printerr ("fetch failed: %s\n", error->message);
          return 1;
        }
      v = ms_since (start);
      g_array_append_val (heavy, v);
      n_osds = full->osds ? full->osds->len : 0;

      start = g_get_monotonic_time ();
      kdcc_cluster_apply_snapshot (cluster, full);
      v = ms_since (start);
      g_array_append_val (apply_first, v);

      start = g_get_monotonic_time ();
      quick = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
      if (quick == NULL)
        {
          g_printerr ("fetch failed: %s\n", error->message);
          return 1;
        }
      v = ms_since (start);
      g_array_append_val (light, v);

      start = g_get_monotonic_time ();
      kdcc_cluster_apply_snapshot (cluster, full);
      v = ms_since (start);
      g_array_append_val (apply_same, v);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("In-process, %u OSDs, median of %d runs:\n\n", n_osds, runs);
  g_print ("| what | median |\n|---|---|\n");
  g_print ("| fetch, all maps (worker thread) | %.1f ms |\n", median (heavy));
  g_print ("| fetch, no epoch moved (worker thread) | %.1f ms |\n", median (light));
  g_print ("| apply to model, first time (main thread) | %.2f ms |\n", median (apply_first));
  g_print ("| apply to model, nothing changed (main thread) | %.2f ms |\n", median (apply_same));
  g_print ("| peak RSS | %ld KiB |\n", usage.ru_maxrss);
  return 0;
}
