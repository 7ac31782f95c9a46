/* bench-refresh.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In-process cost of one refresh against a real cluster: a cold start (new
 * connection, the monitor's progressive first fetch, as the window opens
 * a cluster), a refresh when no epoch
 * moved, a forced heavy refresh that finds nothing changed, and the
 * main-thread cost of applying each snapshot to the model (the part that
 * must stay short so the GTK main loop never stutters).
 *
 * Usage: bench-refresh --conf PATH --keyring PATH --id NAME [--runs N]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include <sys/resource.h>

#include "kdcc-cluster.h"
#include "kdcc-monitor.h"
#include "kdcc-rados-source.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

typedef struct
{
  gint64       start;
  double       to_status;
  double       to_complete;
  GError      *failure;
} Cold;

static void
refresh_done_cb (KdccMonitor *monitor,
                 GError      *error,
                 Cold        *cold)
{
  if (error != NULL && cold->failure == NULL)
    cold->failure = g_error_copy (error);
}

static void
has_status_cb (KdccCluster *cluster,
               GParamSpec  *pspec,
               Cold        *cold)
{
  if (cold->to_status < 0 && kdcc_cluster_get_has_status (cluster))
    cold->to_status = ms_since (cold->start);
}

static void
has_data_cb (KdccCluster *cluster,
             GParamSpec  *pspec,
             Cold        *cold)
{
  if (cold->to_complete < 0 && kdcc_cluster_get_has_data (cluster))
    cold->to_complete = ms_since (cold->start);
}

/* A cold start as the window makes it: a new source (connection
 * included), a new model and its monitor (whose first fetch hands status
 * and health over before the rest), timed to status and health in the
 * model and to the complete model (the first full snapshot applied).
 * The main loop runs as the window's would. */
static gboolean
cold_start (const char  *conf,
            const char  *keyring,
            const char  *id,
            Cold        *cold,
            GError     **error)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("bench");
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(KdccMonitor) monitor = NULL;

  cold->to_status = cold->to_complete = -1;
  g_signal_connect (cluster, "notify::has-status", G_CALLBACK (has_status_cb), cold);
  g_signal_connect (cluster, "notify::has-data", G_CALLBACK (has_data_cb), cold);

  cold->start = g_get_monotonic_time ();
  source = KDCC_SOURCE (kdcc_rados_source_new (conf, keyring, id));
  monitor = kdcc_monitor_new (source, cluster);
  g_signal_connect (monitor, "refresh-done", G_CALLBACK (refresh_done_cb), cold);
  kdcc_monitor_start (monitor);
  while (cold->to_complete < 0 && cold->failure == NULL)
    g_main_context_iteration (NULL, TRUE);
  kdcc_monitor_stop (monitor);
  g_signal_handlers_disconnect_by_data (cluster, cold);
  g_signal_handlers_disconnect_by_data (monitor, cold);
  if (cold->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&cold->failure));
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(GArray) second = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heavy_later = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply_same = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) apply_heavy_same = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_status = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_complete = g_array_new (FALSE, FALSE, sizeof (double));
  struct rusage usage;
  guint n_osds = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GBytes) connected = NULL;
      g_autoptr(KdccSnapshot) full = NULL;
      g_autoptr(KdccSnapshot) quick = NULL;
      g_autoptr(KdccSnapshot) follow_up = NULL;
      g_autoptr(KdccSnapshot) heavy_again = NULL;
      gint64 start;
      double v;

      Cold cold = { 0 };

      if (!cold_start (conf, keyring, id ? id : "admin", &cold, &error))
        {
          g_printerr ("cold start failed: %s\n", error->message);
          return 1;
        }
      g_array_append_val (to_status, cold.to_status);
      g_array_append_val (to_complete, cold.to_complete);

      /* The complete fetch alone, on a connection already made (by one
       * small command), and its first apply to an empty model. */
      g_clear_object (&cluster);
      g_clear_object (&source);
      cluster = kdcc_cluster_new ("bench");
      source = KDCC_SOURCE (kdcc_rados_source_new (conf, keyring, id ? id : "admin"));
      connected = kdcc_source_run_command_sync (source, "mon",
                                                "{\"prefix\":\"mgr stat\",\"format\":\"json\"}",
                                                NULL, NULL, &error);
      if (connected == NULL)
        {
          g_printerr ("connect failed: %s\n", error->message);
          return 1;
        }

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

      /* The refresh after the first complete one brings what that one
       * left out (fs status' client counts, when there is a CephFS). */
      start = g_get_monotonic_time ();
      follow_up = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
      if (follow_up == NULL)
        {
          g_printerr ("fetch failed: %s\n", error->message);
          return 1;
        }
      v = ms_since (start);
      g_array_append_val (second, v);
      kdcc_cluster_apply_snapshot (cluster, follow_up);

      /* The steady state: a refresh where no epoch moved, applied as the
       * monitor applies it. */
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
      kdcc_cluster_apply_snapshot (cluster, quick);
      v = ms_since (start);
      g_array_append_val (apply_same, v);

      /* The periodic forced heavy refresh that finds nothing changed:
       * its lists are skipped by digest. */
      start = g_get_monotonic_time ();
      heavy_again = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
      if (heavy_again == NULL)
        {
          g_printerr ("fetch failed: %s\n", error->message);
          return 1;
        }
      v = ms_since (start);
      g_array_append_val (heavy_later, v);
      start = g_get_monotonic_time ();
      kdcc_cluster_apply_snapshot (cluster, heavy_again);
      v = ms_since (start);
      g_array_append_val (apply_heavy_same, v);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("In-process, %u OSDs, median of %d runs:\n\n", n_osds, runs);
  g_print ("| what | median |\n|---|---|\n");
  g_print ("| cold start to status and health in the model (connect included) | %.1f ms |\n",
           median (to_status));
  g_print ("| cold start to the complete model (connect, first fetch, apply) | %.1f ms |\n",
           median (to_complete));
  g_print ("| fetch, all maps, first of the connection (worker thread) | %.1f ms |\n",
           median (heavy));
  g_print ("| fetch, the refresh after it (worker thread; fs status) | %.1f ms |\n",
           median (second));
  g_print ("| fetch, no epoch moved (worker thread) | %.1f ms |\n", median (light));
  g_print ("| fetch, forced heavy later (worker thread; fs status too) | %.1f ms |\n",
           median (heavy_later));
  g_print ("| apply to model, first time (main thread) | %.2f ms |\n", median (apply_first));
  g_print ("| apply to model, no epoch moved (main thread) | %.3f ms |\n", median (apply_same));
  g_print ("| apply to model, forced heavy, nothing changed (main thread) | %.3f ms |\n",
           median (apply_heavy_same));
  g_print ("| peak RSS | %ld KiB |\n", usage.ru_maxrss);

  g_clear_object (&cluster);
  g_clear_object (&source);
  kdcc_rados_source_wait_closed (10000);
  return 0;
}
