/* bench-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What one redraw of a 7-day chart costs: 4 series of 40,320 points (15 s
 * samples) in a line layer, and the same in a stacked layer, in a chart
 * 900 px wide in a real window (Xvfb will do). Every iteration moves the
 * chart's end time by one sample, as a live chart does, so nothing is
 * served from the layers' column cache. Timed separately, median of R runs:
 *
 *  - decimate: kdcc_chart_decimate() of the 4 series to the plot width;
 *  - redraw: the chart's allocation (window, extent, axis) and snapshot
 *    (grid, labels, the layer's cairo path), i.e. all the chart's own work
 *    per frame on the main thread;
 *  - render: rasterising that render node into a GdkTexture with the
 *    window's GskRenderer (GL under Xvfb is Mesa's software rasteriser),
 *    and with the cairo renderer.
 *
 * Usage: bench-chart [--runs R] [--width W]
 */
#define G_LOG_DOMAIN "kdcc-bench"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <time.h>

#include "kdcc-chart.h"
#include "kdcc-line-layer.h"
#include "kdcc-stacked-layer.h"

#define STEP      15
#define N_POINTS  (7 * 86400 / STEP)
#define N_SERIES  4

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

static double
percentile (GArray *values,
            double  p)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (values->len * p)));
}

/* CPU time of this thread: on a machine shared with builds (load 5–10 on
 * two cores here) wall time mostly measures waiting for a core. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
ms_since (gint64 start)
{
  return (cpu_now () - start) / 1000.0;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static KdccChartSeries *
make_series (guint  index,
             gint64 end)
{
  g_autofree gint64 *times = g_new (gint64, N_POINTS + 10000);
  g_autofree double *values = g_new (double, N_POINTS + 10000);
  KdccChartSeries *series;
  g_autofree char *title = g_strdup_printf ("Series %u", index + 1);

  /* Points beyond the first window too, so moving the end time keeps a
   * full week in view. */
  for (guint i = 0; i < N_POINTS + 10000; i++)
    {
      double noise = sin (i * 12.9898 + index) * 43758.5453;

      times[i] = end - (gint64) (N_POINTS - 1 - (gint64) i) * STEP * G_USEC_PER_SEC;
      values[i] = 1000 * (index + 1) + 500 * sin (i / 2000.0) + 200 * (noise - floor (noise));
      if (i % 5000 < 20)
        values[i] = NAN;
    }

  series = kdcc_chart_series_new (title, KDCC_CHART_UNIT_OPS);
  kdcc_chart_series_set_points (series, times, values, N_POINTS + 10000);
  kdcc_chart_series_set_interval (series, STEP);
  return series;
}

typedef struct
{
  const char *name;
  GArray     *decimate;
  GArray     *redraw;
  GArray     *redraw_wall;
  GArray     *render_gl;
  GArray     *render_cairo;
} Result;

static void
run (const char  *name,
     GtkWidget   *chart,
     KdccChartSeries **series,
     GskRenderer *cairo_renderer,
     gint64       end,
     guint        runs)
{
  GtkNative *native = gtk_widget_get_native (chart);
  GskRenderer *renderer = gtk_native_get_renderer (native);
  int width = gtk_widget_get_width (chart);
  int height = gtk_widget_get_height (chart);
  g_autofree KdccChartColumn *columns = NULL;
  Result r = { name,
               g_array_new (FALSE, FALSE, sizeof (double)),
               g_array_new (FALSE, FALSE, sizeof (double)),
               g_array_new (FALSE, FALSE, sizeof (double)),
               g_array_new (FALSE, FALSE, sizeof (double)),
               g_array_new (FALSE, FALSE, sizeof (double)) };
  guint plot_width = (guint) width - 80;

  columns = g_new (KdccChartColumn, plot_width);

  for (guint i = 0; i < runs + 5; i++)
    {
      gint64 e = end + (gint64) (i + 1) * STEP * G_USEC_PER_SEC;
      gint64 start;
      GtkSnapshot *snapshot;
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(GdkTexture) texture2 = NULL;
      double ms;
      gint64 wall;

      /* Decimation alone. */
      start = cpu_now ();
      for (guint s = 0; s < N_SERIES; s++)
        {
          guint n;
          const gint64 *times = kdcc_chart_series_get_times (series[s], &n);
          const double *values = kdcc_chart_series_get_values (series[s], NULL);

          kdcc_chart_decimate (times, values, n, e - (gint64) 7 * 86400 * G_USEC_PER_SEC, e,
                               kdcc_chart_series_get_max_gap (series[s]), columns, plot_width);
        }
      ms = ms_since (start);
      if (i >= 5)
        g_array_append_val (r.decimate, ms);

      /* The chart's whole frame: allocation and snapshot. */
      wall = g_get_monotonic_time ();
      start = cpu_now ();
      kdcc_chart_set_end_time (KDCC_CHART (chart), e);
      gtk_widget_allocate (chart, width, height, -1, NULL);
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      ms = ms_since (start);
      if (i >= 5)
        {
          double wall_ms = (g_get_monotonic_time () - wall) / 1000.0;

          g_array_append_val (r.redraw, ms);
          g_array_append_val (r.redraw_wall, wall_ms);
        }

      if (node == NULL)
        g_error ("the chart drew nothing");

      start = cpu_now ();
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      ms = ms_since (start);
      if (i >= 5)
        g_array_append_val (r.render_gl, ms);

      start = cpu_now ();
      texture2 = gsk_renderer_render_texture (cairo_renderer, node,
                                              &GRAPHENE_RECT_INIT (0, 0, width, height));
      ms = ms_since (start);
      if (i >= 5)
        g_array_append_val (r.render_cairo, ms);

      if (i == runs + 4 && g_getenv ("BENCH_CHART_PNG") != NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s-%s.png", g_getenv ("BENCH_CHART_PNG"), name);

          gdk_texture_save_to_png (texture, path);
        }
    }

  g_print ("| %s | %.3f | %.3f (p90 %.3f; wall %.3f) | %.3f | %.3f |\n", name,
           median (r.decimate), median (r.redraw), percentile (r.redraw, 0.9),
           median (r.redraw_wall), median (r.render_gl), median (r.render_cairo));

  g_array_unref (r.decimate);
  g_array_unref (r.redraw);
  g_array_unref (r.redraw_wall);
  g_array_unref (r.render_gl);
  g_array_unref (r.render_cairo);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 200, width = 900;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Iterations per measurement (200)", "R" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Chart width in pixels (900)", "W" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  KdccChartSeries *series[N_SERIES];
  gint64 end = g_get_real_time ();
  GtkWidget *window, *box, *line_chart, *stacked_chart, *axes_chart;
  KdccChartLayer *lines, *stacked, *flat;
  KdccChartSeries *two_points[N_SERIES];
  GskRenderer *cairo_renderer;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  gtk_init ();
  adw_init ();

  for (guint s = 0; s < N_SERIES; s++)
    series[s] = make_series (s, end);

  line_chart = kdcc_chart_new ();
  lines = kdcc_line_layer_new ();
  stacked_chart = kdcc_chart_new ();
  stacked = kdcc_stacked_layer_new ();
  for (guint s = 0; s < N_SERIES; s++)
    {
      kdcc_chart_layer_add_series (lines, series[s]);
      kdcc_chart_layer_add_series (stacked, series[s]);
    }
  kdcc_chart_add_layer (KDCC_CHART (line_chart), lines);

  /* The same axes and labels with almost nothing to draw: what a frame
   * costs without the series, for comparison. */
  axes_chart = kdcc_chart_new ();
  flat = kdcc_line_layer_new ();
  for (guint s = 0; s < N_SERIES; s++)
    {
      gint64 t[2] = { end - (gint64) 8 * 86400 * G_USEC_PER_SEC, end + (gint64) 86400 * G_USEC_PER_SEC };
      double v[2] = { 1000.0 * (s + 1), 1500.0 * (s + 1) };
      g_autofree char *title = g_strdup_printf ("Series %u", s + 1);

      two_points[s] = kdcc_chart_series_new (title, KDCC_CHART_UNIT_OPS);
      kdcc_chart_series_set_points (two_points[s], t, v, 2);
      kdcc_chart_layer_add_series (flat, two_points[s]);
    }
  kdcc_chart_add_layer (KDCC_CHART (axes_chart), flat);
  kdcc_chart_set_range (KDCC_CHART (axes_chart), KDCC_CHART_RANGE_7D);
  kdcc_chart_set_unit (KDCC_CHART (axes_chart), KDCC_CHART_UNIT_OPS);
  kdcc_chart_set_end_time (KDCC_CHART (axes_chart), end);
  kdcc_chart_add_layer (KDCC_CHART (stacked_chart), stacked);
  kdcc_chart_set_range (KDCC_CHART (line_chart), KDCC_CHART_RANGE_7D);
  kdcc_chart_set_range (KDCC_CHART (stacked_chart), KDCC_CHART_RANGE_7D);
  kdcc_chart_set_unit (KDCC_CHART (line_chart), KDCC_CHART_UNIT_OPS);
  kdcc_chart_set_unit (KDCC_CHART (stacked_chart), KDCC_CHART_UNIT_OPS);
  kdcc_chart_set_end_time (KDCC_CHART (line_chart), end);
  kdcc_chart_set_end_time (KDCC_CHART (stacked_chart), end);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (line_chart, width, 300);
  gtk_widget_set_size_request (stacked_chart, width, 300);
  gtk_box_append (GTK_BOX (box), line_chart);
  gtk_box_append (GTK_BOX (box), stacked_chart);
  gtk_widget_set_size_request (axes_chart, width, 300);
  gtk_box_append (GTK_BOX (box), axes_chart);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (line_chart))
    g_main_context_iteration (NULL, TRUE);
  spin (500);

  cairo_renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (cairo_renderer, gtk_native_get_surface (GTK_NATIVE (window)),
                             &error))
    g_error ("cairo renderer: %s", error->message);

  g_print ("Chart %d×%d, %d series × %d points (7 days at %d s), median of %d runs, "
           "ms of CPU time (wall time where noted):\n\n",
           gtk_widget_get_width (line_chart), gtk_widget_get_height (line_chart), N_SERIES,
           N_POINTS, STEP, runs);
  g_print ("| layer | decimate | redraw: allocate + snapshot | render (%s) | render (cairo) |\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("|---|---|---|---|---|\n");
  run ("line", line_chart, series, cairo_renderer, end, runs);
  run ("stacked", stacked_chart, series, cairo_renderer, end, runs);
  run ("axes only (2 points per series)", axes_chart, two_points, cairo_renderer, end, runs);

  gsk_renderer_unrealize (cairo_renderer);
  g_object_unref (cairo_renderer);
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint s = 0; s < N_SERIES; s++)
    {
      g_object_unref (series[s]);
      g_object_unref (two_points[s]);
    }

  return 0;
}
