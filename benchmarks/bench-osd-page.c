/* bench-osd-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The OSD page at scale (issue 8): opens the OSD table over a model of N
 * OSDs (generated in code, or fetched from a real cluster), then sorts it
 * by utilization and by host, filters it by state, class and host, types
 * a search, scrolls through every row a page at a time, and applies an
 * unchanged and a one-OSD-changed refresh while it is shown. For each
 * step it reports the longest main-loop stall: the time of one main-loop
 * iteration outside its poll (source prepare, check and dispatch, which
 * includes layout and painting a frame), as main-thread CPU time
 * (CLOCK_THREAD_CPUTIME_ID: robust against other processes on the
 * machine) and as wall time. It also reports the process RSS before the
 * page is created (model in memory, an empty window painted) and with the
 * page open after every step, to compare a run at N OSDs with one at 3;
 * like the application it holds no snapshot once applied and gives freed
 * heap back after applying the heavy maps (kdcc_memory_trim_later()).
 * Needs a display (xvfb-run); the renderer in use is printed (set
 * GSK_RENDERER to compare like with like).
 *
 * Usage: bench-osd-page [--osds N] [--runs R]
 *        bench-osd-page --conf CEPH.CONF --keyring KEYRING [--id NAME] [--runs R]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kdcc-cluster.h"
#include "kdcc-osd.h"
#include "kdcc-osds-panel.h"
#include "kdcc-memory.h"
#include "kdcc-rados-source.h"

#define DEADLINE_US (120 * G_USEC_PER_SEC)

typedef struct
{
  const char *name;
  double      handler;    /* ms CPU, the longest action (click, key) itself */
  double      max_cpu;    /* ms, the longest iteration */
  double      max_wall;   /* ms, the longest iteration */
  double      total_cpu;  /* ms, all iterations of the step */
  guint       iterations;
} Step;

typedef gboolean (*Condition) (gpointer data);

/* An action done in one handler (a click, a key, a refresh applied):
 * timed as one main-loop iteration. */
#define ACT(step, ...)                                                   \
  G_STMT_START {                                                        \
    double act_c0 = thread_ms (), act_w0 = wall_ms ();                  \
    __VA_ARGS__;                                                        \
    act_done ((step), act_c0, act_w0);                                  \
  } G_STMT_END

static GPollFD *poll_fds;
static int      poll_fds_size;
static guint    painted;
static GtkWidget *window;

static double
thread_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* One main-loop iteration, as g_main_context_iteration() runs it, with the
 * parts that run code (prepare and query, check and dispatch) timed and the
 * poll (the loop waiting) left out. */
static void
iterate (Step *step)
{
  GMainContext *context = g_main_context_default ();
  GPollFunc poll_func = g_main_context_get_poll_func (context);
  double cpu = 0, wall = 0, c0, w0;
  int max_priority, timeout, n_fds;
  gboolean ready;

  c0 = thread_ms ();
  w0 = wall_ms ();
  g_main_context_prepare (context, &max_priority);
  while ((n_fds = g_main_context_query (context, max_priority, &timeout, poll_fds,
                                        poll_fds_size)) > poll_fds_size)
    {
      poll_fds_size = n_fds;
      poll_fds = g_renew (GPollFD, poll_fds, poll_fds_size);
    }
  cpu += thread_ms () - c0;
  wall += wall_ms () - w0;

  /* Never longer than 50 ms, so deadlines are checked. */
  poll_func (poll_fds, n_fds, timeout < 0 ? 50 : MIN (timeout, 50));

  c0 = thread_ms ();
  w0 = wall_ms ();
  ready = g_main_context_check (context, max_priority, poll_fds, n_fds);
  if (ready)
    g_main_context_dispatch (context);
  cpu += thread_ms () - c0;
  wall += wall_ms () - w0;

  if (step != NULL)
    {
      step->max_cpu = MAX (step->max_cpu, cpu);
      step->max_wall = MAX (step->max_wall, wall);
      step->total_cpu += cpu;
      step->iterations++;
    }
}

static void
act_done (Step  *step,
          double c0,
          double w0)
{
  double cpu = thread_ms () - c0;

  step->handler = MAX (step->handler, cpu);
  step->max_cpu = MAX (step->max_cpu, cpu);
  step->max_wall = MAX (step->max_wall, wall_ms () - w0);
  step->total_cpu += cpu;
  step->iterations++;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted++;
}

/* Runs the loop until condition holds and two more frames were painted
 * after it (the result on screen). */
static void
run_until (Step      *step,
           Condition  condition,
           gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_US;
  guint target;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: not done within %d s", step->name, (int) (DEADLINE_US / G_USEC_PER_SEC));
      iterate (step);
    }
  /* A step that changed nothing on screen queues no frame, so ask for
   * them (asked once, GTK 4.8 on X11 sometimes never paints it). */
  target = painted + 2;
  while (painted < target)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: no frame painted", step->name);
      gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window), GDK_FRAME_CLOCK_PHASE_PAINT);
      iterate (step);
    }
}

static gboolean
settled (gpointer data)
{
  return kdcc_osds_panel_is_settled (data);
}

static gboolean
always (gpointer data)
{
  return TRUE;
}

static gboolean
trimmed (gpointer data)
{
  return !kdcc_memory_trim_pending ();
}

/* VmRSS or VmHWM from /proc/self/status, in KiB. */
static long
status_kib (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, field);
  if (line == NULL)
    return -1;
  return strtol (line + strlen (field) + 1, NULL, 10);
}

/* The OSDs of a large cluster: 20 per host, one in four an SSD, every
 * 97th down and every 89th out, utilization spread over 0-99.9 %. */
static KdccSnapshot *
generated_snapshot (guint  n_osds,
                    gint64 changed_osd)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();

  snap->fsid = g_strdup ("00000000-0000-0000-0000-000000000000");
  snap->health = KDCC_HEALTH_WARN;
  snap->source_kind = g_strdup ("rados");
  snap->osds_total = n_osds;
  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < n_osds; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);
      g_autofree char *host = g_strdup_printf ("node%04d", (int) (id / 20));
      KdccHostData *host_data = kdcc_snapshot_ensure_host (snap, host);

      osd->host = g_strdup (host);
      osd->device_class = g_strdup (id % 4 == 0 ? "ssd" : "hdd");
      osd->exists = TRUE;
      osd->up = id % 97 != 0 && id != changed_osd;
      osd->in = id % 89 != 0;
      osd->crush_weight = 1.819;
      osd->reweight = osd->in ? 1.0 : 0.0;
      osd->has_usage = TRUE;
      osd->total_bytes = G_GUINT64_CONSTANT (2000000000000);
      osd->utilization = (double) ((id * 7919) % 1000) / 10.0;
      osd->used_bytes = (guint64) (osd->total_bytes * osd->utilization / 100.0);
      osd->avail_bytes = osd->total_bytes - osd->used_bytes;
      osd->pgs = 100 + id % 50;
      osd->has_perf = TRUE;
      osd->commit_latency_ms = id % 13;
      osd->apply_latency_ms = id % 11;
      g_array_append_val (host_data->osd_ids, id);
    }
  /* As the sources do: an unchanged list is then skipped by digest. */
  kdcc_snapshot_compute_digests (snap);

  return snap;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      GtkColumnViewColumn *column = g_list_model_get_item (columns, i);

      /* The view holds its columns. */
      g_object_unref (column);
      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("no column %s", title);
}

static void
check_sorted_by_utilization (GListModel *rows,
                             gboolean    descending)
{
  guint n = MIN (g_list_model_get_n_items (rows), 500);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(KdccOsd) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(KdccOsd) b = g_list_model_get_item (rows, i);
      double ua = kdcc_osd_get_utilization (a), ub = kdcc_osd_get_utilization (b);

      if (descending ? ua < ub : ua > ub)
        g_error ("rows %u and %u are not sorted by utilization", i - 1, i);
    }
}

static void
check_sorted_by_host (GListModel *rows)
{
  guint n = MIN (g_list_model_get_n_items (rows), 500);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(KdccOsd) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(KdccOsd) b = g_list_model_get_item (rows, i);

      if (g_strcmp0 (kdcc_osd_get_host (a), kdcc_osd_get_host (b)) > 0)
        g_error ("rows %u and %u are not sorted by host", i - 1, i);
    }
}

static void
report (Step *step,
        guint rows)
{
  g_print ("| %-40s | %6u | %8.2f ms | %8.2f ms | %8.2f ms | %9.1f ms | %6u |\n", step->name, rows,
           step->max_cpu, step->max_wall, step->handler, step->total_cpu, step->iterations);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *conf = NULL, *keyring = NULL, *id = NULL;
  int n_osds = 10000;
  gboolean no_scroll = FALSE;
  const GOptionEntry entries[] = {
    { "osds", 0, 0, G_OPTION_ARG_INT, &n_osds, "OSDs in a generated model (default 10000)", "N" },
    { "conf", 0, 0, G_OPTION_ARG_FILENAME, &conf, "ceph.conf: fetch the model from a cluster", "PATH" },
    { "keyring", 0, 0, G_OPTION_ARG_FILENAME, &keyring, "keyring", "PATH" },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, "client id (default admin)", "NAME" },
    { "no-scroll", 0, 0, G_OPTION_ARG_NONE, &no_scroll, "skip scrolling (for a profiler)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(KdccSnapshot) same = NULL;
  g_autoptr(KdccSnapshot) one = NULL;
  g_autoptr(KdccCluster) cluster = NULL;
  KdccOsdsPanel *panel;
  GtkColumnView *view;
  GListModel *rows;
  GtkAdjustment *vadjustment;
  GdkFrameClock *clock;
  g_autofree char *first_host = NULL;
  Step warm = { "settle" };
  Step open = { "open the page (rows on screen)" };
  Step sort_used = { "sort by utilization, fullest first" };
  Step sort_used_up = { "sort by utilization, emptiest first" };
  Step sort_host = { "sort by host" };
  Step filter_down = { "filter: down" };
  Step filter_all = { "filter: all states again" };
  Step filter_host = { "filter: one host" };
  Step filter_class = { "filter: class ssd (host cleared)" };
  Step filter_none = { "filters cleared" };
  Step search[4] = { { "search \"1\"" }, { "search \"12\"" }, { "search \"123\"" },
                     { "search cleared" } };
  Step search_host = { "search a host name" };
  Step scroll = { "scroll through all rows, a page a frame" };
  Step jump = { "jump to the end and back" };
  Step refresh_same = { "refresh, nothing changed" };
  Step refresh_one = { "refresh, one OSD changed" };
  long rss_before, rss_after;
  guint n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();
  /* iterate() runs the default context's steps itself. */
  if (!g_main_context_acquire (NULL))
    g_error ("cannot own the main context");

  if (conf != NULL)
    {
      source = KDCC_SOURCE (kdcc_rados_source_new (conf, keyring, id != NULL ? id : "admin"));
      snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
      if (snap == NULL)
        g_error ("fetch: %s", error->message);
    }
  else
    snap = generated_snapshot (n_osds, -1);
  cluster = kdcc_cluster_new ("bench");
  kdcc_cluster_apply_snapshot (cluster, snap);
  n_osds = g_list_model_get_n_items (kdcc_cluster_get_osds (cluster));
  /* The application drops a snapshot once applied; so does the bench, and
   * it makes the next ones only when it applies them, so that the RSS
   * figures hold what the application would hold. */
  g_clear_pointer (&snap, kdcc_snapshot_unref);
  /* What KdccMonitor does after applying the heavy maps. */
  kdcc_memory_trim_later ();

  /* An empty window first: GTK, the renderer and the model are in memory
   * before the page is made. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("KDCC"));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (window);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  run_until (&warm, trimmed, NULL);
  rss_before = status_kib ("VmRSS:");

  panel = KDCC_OSDS_PANEL (kdcc_osds_panel_new ());
  view = kdcc_osds_panel_get_column_view (panel);
  rows = kdcc_osds_panel_get_rows (panel);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  g_print ("OSD page, %u OSDs (%s), renderer %s; longest main-loop iteration of each step\n\n",
           n_osds, conf != NULL ? "from the cluster" : "generated",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("| step | rows | longest (CPU) | longest (wall) | of which the action (CPU) | total CPU | iterations |\n");
  g_print ("|---|---|---|---|---|---|---|\n");

  /* Creating the page and handing it the model happen in one handler in
   * the application (a sidebar click): that handler is a stall too. */
  ACT (&open, gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
              kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster));
  run_until (&open, settled, panel);
  report (&open, g_list_model_get_n_items (rows));
  if (g_list_model_get_n_items (rows) != (guint) n_osds)
    g_error ("the page shows %u of %d OSDs", g_list_model_get_n_items (rows), n_osds);

  ACT (&sort_used, gtk_column_view_sort_by_column (view, find_column (view, "Used"),
                                                   GTK_SORT_DESCENDING));
  run_until (&sort_used, settled, panel);
  check_sorted_by_utilization (rows, TRUE);
  report (&sort_used, g_list_model_get_n_items (rows));

  ACT (&sort_used_up, gtk_column_view_sort_by_column (view, find_column (view, "Used"),
                                                      GTK_SORT_ASCENDING));
  run_until (&sort_used_up, settled, panel);
  check_sorted_by_utilization (rows, FALSE);
  report (&sort_used_up, g_list_model_get_n_items (rows));

  ACT (&sort_host, gtk_column_view_sort_by_column (view, find_column (view, "Host"),
                                                   GTK_SORT_ASCENDING));
  run_until (&sort_host, settled, panel);
  check_sorted_by_host (rows);
  report (&sort_host, g_list_model_get_n_items (rows));

  ACT (&filter_down, kdcc_osds_panel_set_state_filter (panel, KDCC_OSD_FILTER_DOWN));
  run_until (&filter_down, settled, panel);
  report (&filter_down, g_list_model_get_n_items (rows));

  ACT (&filter_all, kdcc_osds_panel_set_state_filter (panel, KDCC_OSD_FILTER_ALL));
  run_until (&filter_all, settled, panel);
  report (&filter_all, g_list_model_get_n_items (rows));

  {
    g_autoptr(KdccOsd) osd = g_list_model_get_item (rows, g_list_model_get_n_items (rows) / 2);

    first_host = g_strdup (kdcc_osd_get_host (osd));
  }
  ACT (&filter_host, kdcc_osds_panel_set_host_filter (panel, first_host));
  run_until (&filter_host, settled, panel);
  report (&filter_host, g_list_model_get_n_items (rows));

  ACT (&filter_class, kdcc_osds_panel_set_host_filter (panel, NULL);
                      kdcc_osds_panel_set_class_filter (panel, "ssd"));
  run_until (&filter_class, settled, panel);
  report (&filter_class, g_list_model_get_n_items (rows));

  ACT (&filter_none, kdcc_osds_panel_set_class_filter (panel, NULL));
  run_until (&filter_none, settled, panel);
  report (&filter_none, g_list_model_get_n_items (rows));

  {
    const char *texts[] = { "1", "12", "123", "" };

    /* Keystrokes: the entry's handler is part of the stall. */
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        ACT (&search[i], kdcc_osds_panel_set_search (panel, texts[i]));
        run_until (&search[i], settled, panel);
        report (&search[i], g_list_model_get_n_items (rows));
      }
  }
  {
    g_autofree char *prefix = g_strndup (first_host, strlen (first_host) > 2 ? strlen (first_host) - 2 : 1);

    ACT (&search_host, kdcc_osds_panel_set_search (panel, prefix));
    run_until (&search_host, settled, panel);
    report (&search_host, g_list_model_get_n_items (rows));
    kdcc_osds_panel_set_search (panel, NULL);
    run_until (&warm, settled, panel);
  }
  n = g_list_model_get_n_items (rows);
  if (n != (guint) n_osds)
    g_error ("filters cleared, yet %u of %d OSDs shown", n, n_osds);

  /* Scrolling: one page per frame from the top to the bottom, as a held
   * Page Down key or a fast wheel does. */
  gtk_adjustment_set_value (vadjustment, 0);
  run_until (&warm, always, NULL);
  while (!no_scroll &&
         gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment)
         < gtk_adjustment_get_upper (vadjustment) - 1)
    {
      ACT (&scroll, gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) +
                                              gtk_adjustment_get_page_size (vadjustment)));
      run_until (&scroll, always, NULL);
    }
  report (&scroll, n);
  {
    g_autoptr(KdccOsd) last = g_list_model_get_item (rows, n - 1);

    g_print ("|   (bottom reached at %d px, last row osd.%" G_GINT64_FORMAT ") | | | | | |\n",
             (int) (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment)),
             kdcc_osd_get_id (last));
  }

  ACT (&jump, gtk_adjustment_set_value (vadjustment, 0));
  run_until (&jump, always, NULL);
  ACT (&jump, gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment)));
  run_until (&jump, always, NULL);
  ACT (&jump, gtk_adjustment_set_value (vadjustment, 0));
  run_until (&jump, always, NULL);
  report (&jump, n);

  /* A refresh while the page is shown: what the monitor does every few
   * seconds. */
  if (source != NULL)
    {
      /* The same maps again, on the same connection (the application's is
       * open while the page is shown): a forced heavy refresh finding
       * nothing new. */
      same = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
      if (same == NULL)
        g_error ("fetch: %s", error->message);
      kdcc_source_disconnect (source);
    }
  else
    {
      same = generated_snapshot (n_osds, -1);
      one = generated_snapshot (n_osds, n_osds / 2);
    }
  ACT (&refresh_same, kdcc_cluster_apply_snapshot (cluster, same));
  run_until (&refresh_same, settled, panel);
  report (&refresh_same, g_list_model_get_n_items (rows));
  g_clear_pointer (&same, kdcc_snapshot_unref);
  if (one != NULL)
    {
      ACT (&refresh_one, kdcc_cluster_apply_snapshot (cluster, one));
      run_until (&refresh_one, settled, panel);
      report (&refresh_one, g_list_model_get_n_items (rows));
      g_clear_pointer (&one, kdcc_snapshot_unref);
    }

  kdcc_memory_trim_later ();
  run_until (&warm, trimmed, NULL);
  rss_after = status_kib ("VmRSS:");
  g_print ("\n| RSS (%u OSDs) | KiB |\n|---|---|\n", n_osds);
  g_print ("| model loaded, empty window painted | %ld |\n", rss_before);
  g_print ("| OSD page open after every step | %ld |\n", rss_after);
  g_print ("| peak | %ld |\n", status_kib ("VmHWM:"));
  g_print ("rss-page-open-kib %u %ld\n", n_osds, rss_after);

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_free (poll_fds);
  return EXIT_SUCCESS;
}
