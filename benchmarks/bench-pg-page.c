/* bench-pg-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PG page with every PG (issue 8): opens the placement group page (a
 * KdccPgsPanel in a 1100 × 720 window) over a model of N PGs (generated
 * as a `pg dump pgs_brief` answer and parsed as the librados source does:
 * 10 pools, one PG in P degraded, a PG_DEGRADED health check naming the
 * first 50 of them as Ceph's detail does), then filters it to the PGs
 * that check names (pgs/PG_DEGRADED, an alert's link) and back, scrolls
 * the table of problem PGs to its end and back, lists all N PGs, sorts
 * them by state (alone, and then by id as header clicks do) and back by
 * id, searches, and applies an unchanged and a
 * one-PG-changed PG list while it is shown. As bench-osd-page, each step
 * reports the longest main-loop iteration (CPU and wall) and the action's
 * own handler; then the RSS before and with the page open. Needs a
 * display (xvfb-run).
 *
 * Usage: bench-pg-page [--pgs N] [--problem-every P]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-cluster.h"
#include "kdcc-pgs-panel.h"
#include "kdcc-subject.h"
#include "kdcc-table-model.h"

#define DEADLINE_US (120 * G_USEC_PER_SEC)
#define N_POOLS 10

typedef struct
{
  const char *name;
  double      handler;
  double      max_cpu;
  double      max_wall;
  double      total_cpu;
  guint       iterations;
} Step;

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

/* One main-loop iteration with its poll left out (as bench-osd-page). */
static void
iterate (Step *step)
{
  GMainContext *context = g_main_context_default ();
  GPollFunc poll_func = g_main_context_get_poll_func (context);
  double cpu = 0, wall = 0, c0, w0;
  int max_priority, timeout, n_fds;

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

  poll_func (poll_fds, n_fds, timeout < 0 ? 50 : MIN (timeout, 50));

  c0 = thread_ms ();
  w0 = wall_ms ();
  if (g_main_context_check (context, max_priority, poll_fds, n_fds))
    g_main_context_dispatch (context);
  cpu += thread_ms () - c0;
  wall += wall_ms () - w0;

  step->max_cpu = MAX (step->max_cpu, cpu);
  step->max_wall = MAX (step->max_wall, wall);
  step->total_cpu += cpu;
  step->iterations++;
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

/* Runs the loop until three frames were painted after the action. */
static void
settle (Step *step)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_US;
  guint target = painted + 3;

  while (painted < target)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: no frame painted", step->name);
      gdk_frame_clock_request_phase (gtk_widget_get_frame_clock (window), GDK_FRAME_CLOCK_PHASE_PAINT);
      iterate (step);
    }
}

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

/* A `pg dump pgs_brief` answer: N PGs over 10 pools, every P-th degraded
 * (and changed_pgid in changed_state), each pool's seeds from the highest
 * down as Ceph lists them (its own order, never the model's: see the
 * captured tests/fixtures/pacific-16.2.15-cephfs/pg-dump-pgs-brief.json). */
static char *
generate (guint       n_pgs,
          guint       every,
          const char *changed_pgid,
          const char *changed_state)
{
  GString *json = g_string_sized_new (n_pgs * 120);
  guint per_pool = MAX (n_pgs / N_POOLS, 1);
  guint i = 0;

  g_string_append (json, "{\"pg_ready\":true,\"pg_stats\":[");
  for (guint pool = 1; pool <= N_POOLS; pool++)
    for (guint k = 0; k < per_pool; k++, i++)
      {
        guint seed = per_pool - 1 - k;
        char pgid[32];
        const char *state = i % every == 0 ? "active+undersized+degraded" : "active+clean";
        guint a = (pool * 7 + seed) % 300;

        g_snprintf (pgid, sizeof pgid, "%u.%x", pool, seed);
        if (changed_pgid != NULL && g_str_equal (pgid, changed_pgid))
          state = changed_state;
        g_string_append_printf (json,
                                "%s{\"pgid\":\"%s\",\"state\":\"%s\",\"up\":[%u,%u,%u],"
                                "\"acting\":[%u,%u,%u],\"up_primary\":%u,\"acting_primary\":%u}",
                                i > 0 ? "," : "", pgid, state, a, a + 1, a + 2, a, a + 1, a + 2, a, a);
      }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static KdccSnapshot *
snapshot_new (const char *json,
              guint       every)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();
  KdccHealthCheckData *check = kdcc_health_check_data_new ();
  g_autoptr(GError) error = NULL;
  guint degraded = 0;

  snap->fsid = g_strdup ("00000000-0000-0000-0000-000000000000");
  snap->health = KDCC_HEALTH_WARN;
  snap->source_kind = g_strdup ("rados");
  if (!kdcc_ceph_parse_pg_list (json, -1, (gint64) (g_get_real_time () / G_USEC_PER_SEC), &snap->pgs,
                                &error))
    g_error ("parse: %s", error->message);
  snap->pgs_total = snap->pgs->len;

  /* Ceph's detail names 50 PGs, then "N more pgs are also degraded". */
  check->code = g_strdup ("PG_DEGRADED");
  check->severity = KDCC_HEALTH_WARN;
  for (guint i = 0; i < snap->pgs->len; i++)
    {
      KdccPgData *pg = g_ptr_array_index (snap->pgs, i);

      if (pg->problems == KDCC_PG_PROBLEM_NONE)
        continue;
      if (degraded++ < 50)
        g_ptr_array_add (check->detail, g_strdup_printf ("pg %s is %s, acting [%" G_GINT64_FORMAT "]",
                                                         pg->pgid, pg->state,
                                                         g_array_index (pg->acting, gint64, 0)));
    }
  if (degraded > 50)
    g_ptr_array_add (check->detail, g_strdup_printf ("%u more pgs are also degraded", degraded - 50));
  check->summary = g_strdup_printf ("Degraded data redundancy: %u pgs degraded", degraded);
  check->count = degraded;
  g_ptr_array_add (snap->checks, check);
  kdcc_ceph_mark_pg_problems (snap);
  kdcc_snapshot_compute_digests (snap);

  return snap;
}

/* The table's scrolled window (the page has another, for the states). */
static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) &&
      GTK_IS_COLUMN_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget))))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
shown_rows (KdccPgsPanel *panel)
{
  g_auto(GStrv) ids = kdcc_pgs_panel_dup_shown_pgids (panel);

  return g_strv_length (ids);
}

static void
report (Step *step,
        guint rows)
{
  g_print ("| %-40s | %6u | %8.2f ms | %8.2f ms | %8.2f ms | %9.1f ms | %6u |\n", step->name, rows,
           step->max_cpu, step->max_wall, step->handler, step->total_cpu, step->iterations);
}

static void
show (KdccPgsPanel *panel,
      const char   *text)
{
  g_autoptr(KdccSubject) subject = kdcc_subject_parse (text, NULL);

  if (subject == NULL || !kdcc_panel_show_subject (KDCC_PANEL (panel), subject))
    g_error ("cannot show %s", text);
}

int
main (int   argc,
      char *argv[])
{
  int n_pgs = 100000;
  int every = 50;
  const GOptionEntry entries[] = {
    { "pgs", 0, 0, G_OPTION_ARG_INT, &n_pgs, "PGs in the generated model (default 100000)", "N" },
    { "problem-every", 0, 0, G_OPTION_ARG_INT, &every, "one PG in P degraded (default 50)", "P" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL, *json_one = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(KdccSnapshot) same = NULL;
  g_autoptr(KdccSnapshot) one = NULL;
  g_autoptr(KdccCluster) cluster = NULL;
  KdccPgsPanel *panel;
  GtkAdjustment *vadjustment;
  GtkColumnView *view;
  g_autoptr(GtkColumnViewColumn) id_column = NULL;
  g_autoptr(GtkColumnViewColumn) state_column = NULL;
  Step warm = { "settle" };
  Step open = { "open the page" };
  Step filter = { "filter: the PGs PG_DEGRADED names" };
  Step all = { "filter cleared" };
  Step scroll = { "scroll to the end, a page a frame" };
  Step back = { "jump back to the top" };
  Step show_all = { "list all PGs" };
  Step sort_state = { "sort by state" };
  Step sort_id = { "sort by PG again" };
  Step sort_state_id = { "sort by state, then PG (as header clicks)" };
  Step sort_view = { "back to the view's sort (by PG)" };
  g_autoptr(GtkMultiSorter) by_state_id = gtk_multi_sorter_new ();
  Step search = { "search \"5.3\"" };
  Step search_cleared = { "search cleared" };
  Step problems = { "back to the PGs that need attention" };
  Step refresh_same = { "refresh, nothing changed" };
  Step refresh_one = { "refresh, one PG changed" };
  double parse_ms, apply_ms;
  long rss_before, rss_after;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  every = MAX (every, 1);

  gtk_init ();
  adw_init ();
  if (!g_main_context_acquire (NULL))
    g_error ("cannot own the main context");

  json = generate (n_pgs, every, NULL, NULL);
  json_one = generate (n_pgs, every, "5.3e8", "active+recovering+degraded");
  parse_ms = wall_ms ();
  snap = snapshot_new (json, every);
  parse_ms = wall_ms () - parse_ms;
  same = snapshot_new (json, every);
  one = snapshot_new (json_one, every);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&json_one, g_free);

  cluster = kdcc_cluster_new ("bench");
  /* The page holds the PG list while shown; hold it first, so the first
   * apply fills it as a refresh after the page opened does. */
  kdcc_cluster_hold_pg_list (cluster);
  apply_ms = wall_ms ();
  kdcc_cluster_apply_snapshot (cluster, snap);
  apply_ms = wall_ms () - apply_ms;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("KDCC"));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  settle (&warm);
  rss_before = status_kib ("VmRSS:");

  g_print ("PG page, %u PGs (%u problem PGs, generated), renderer %s; parse %.0f ms, first apply %.0f ms "
           "(wall)\n\n",
           g_list_model_get_n_items (kdcc_cluster_get_pgs (cluster)),
           g_list_model_get_n_items (kdcc_cluster_get_problem_pgs (cluster)),
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), parse_ms, apply_ms);
  g_print ("| step | rows | longest (CPU) | longest (wall) | of which the action (CPU) | total CPU | iterations |\n");
  g_print ("|---|---|---|---|---|---|---|\n");

  panel = KDCC_PGS_PANEL (kdcc_pgs_panel_new ());
  /* As in the window: the page has its cluster before it is shown. */
  ACT (&open, kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
              gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel)));
  settle (&open);
  report (&open, shown_rows (panel));

  ACT (&filter, show (panel, "pgs/PG_DEGRADED"));
  settle (&filter);
  report (&filter, shown_rows (panel));

  ACT (&all, show (panel, "pgs"));
  settle (&all);
  report (&all, shown_rows (panel));

  vadjustment = gtk_scrolled_window_get_vadjustment (find_scroller (GTK_WIDGET (panel)));
  while (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment)
         < gtk_adjustment_get_upper (vadjustment) - 1)
    {
      ACT (&scroll, gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) +
                                              gtk_adjustment_get_page_size (vadjustment)));
      settle (&scroll);
    }
  report (&scroll, shown_rows (panel));
  ACT (&back, gtk_adjustment_set_value (vadjustment, 0));
  settle (&back);
  report (&back, shown_rows (panel));

  view = GTK_COLUMN_VIEW (gtk_scrolled_window_get_child (find_scroller (GTK_WIDGET (panel))));
  id_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  state_column = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  ACT (&show_all, kdcc_pgs_panel_set_show_all (panel, TRUE));
  settle (&show_all);
  report (&show_all, shown_rows (panel));
  ACT (&sort_state, gtk_column_view_sort_by_column (view, state_column, GTK_SORT_ASCENDING));
  settle (&sort_state);
  report (&sort_state, shown_rows (panel));
  ACT (&sort_id, gtk_column_view_sort_by_column (view, id_column, GTK_SORT_ASCENDING));
  settle (&sort_id);
  report (&sort_id, shown_rows (panel));
  /* Clicking "State" after "PG" sorts the view by state, then PG, which
   * gtk_column_view_sort_by_column() cannot do (it keeps one column). */
  gtk_multi_sorter_append (by_state_id, g_object_ref (gtk_column_view_column_get_sorter (state_column)));
  gtk_multi_sorter_append (by_state_id, g_object_ref (gtk_column_view_column_get_sorter (id_column)));
  ACT (&sort_state_id, kdcc_table_model_set_sorter (KDCC_TABLE_MODEL (kdcc_pgs_panel_get_rows (panel)),
                                                    GTK_SORTER (by_state_id)));
  settle (&sort_state_id);
  report (&sort_state_id, shown_rows (panel));
  ACT (&sort_view, kdcc_table_model_set_sorter (KDCC_TABLE_MODEL (kdcc_pgs_panel_get_rows (panel)),
                                                gtk_column_view_get_sorter (view)));
  settle (&sort_view);
  report (&sort_view, shown_rows (panel));
  ACT (&search, kdcc_pgs_panel_set_search (panel, "5.3"));
  settle (&search);
  report (&search, shown_rows (panel));
  ACT (&search_cleared, kdcc_pgs_panel_set_search (panel, NULL));
  settle (&search_cleared);
  report (&search_cleared, shown_rows (panel));
  ACT (&problems, kdcc_pgs_panel_set_show_all (panel, FALSE));
  settle (&problems);
  report (&problems, shown_rows (panel));

  ACT (&refresh_same, kdcc_cluster_apply_snapshot (cluster, same));
  settle (&refresh_same);
  report (&refresh_same, shown_rows (panel));
  ACT (&refresh_one, kdcc_cluster_apply_snapshot (cluster, one));
  settle (&refresh_one);
  report (&refresh_one, shown_rows (panel));

  rss_after = status_kib ("VmRSS:");
  g_print ("\n| RSS (%u PGs) | KiB |\n|---|---|\n", (guint) n_pgs);
  g_print ("| model loaded, empty window painted | %ld |\n", rss_before);
  g_print ("| PG page open after every step | %ld |\n", rss_after);
  g_print ("| peak | %ld |\n", status_kib ("VmHWM:"));

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_cluster_release_pg_list (cluster);
  g_free (poll_fds);
  return EXIT_SUCCESS;
}
