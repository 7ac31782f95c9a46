/* test-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart widget under Xvfb with synthetic history: a line layer (client
 * IO in op/s, 24 h at 15 s with a 40-minute outage and a spike) and a
 * stacked layer (read and write throughput), the hover read-out driven
 * through the chart's own motion controller, the legend, the range and
 * end-time properties, a chart without data, and a chart declared in a .ui
 * file. Screenshots, light and dark: chart.png, chart-hover.png,
 * chart-dark.png, chart-hover-dark.png in $KDCC_SCREENSHOT_DIR.
 */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "kdcc-chart.h"
#include "kdcc-line-layer.h"
#include "kdcc-stacked-layer.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

#define SEC ((gint64) G_USEC_PER_SEC)
/* 2026-11-30 12:00:00 UTC: fixed, so the screenshots are comparable. */
#define END ((gint64) 1796040000 * SEC)
#define STEP 15
#define N_POINTS (24 * 3600 / STEP)

typedef struct
{
  KdccChartSeries *read_ops;
  KdccChartSeries *write_ops;
  KdccChartSeries *read_bytes;
  KdccChartSeries *write_bytes;
} Data;

static void
data_clear (Data *data)
{
  g_clear_object (&data->read_ops);
  g_clear_object (&data->write_ops);
  g_clear_object (&data->read_bytes);
  g_clear_object (&data->write_bytes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Data, data_clear)

static gboolean
in_outage (guint i)
{
  /* 40 minutes without samples, 5 h before the end. */
  return i >= N_POINTS - 5 * 240 && i < N_POINTS - 5 * 240 + 160;
}

static void
make_data (Data *data)
{
  g_autofree gint64 *times = g_new (gint64, N_POINTS);
  g_autofree double *r = g_new (double, N_POINTS);
  g_autofree double *w = g_new (double, N_POINTS);
  g_autofree double *rb = g_new (double, N_POINTS);
  g_autofree double *wb = g_new (double, N_POINTS);

  for (guint i = 0; i < N_POINTS; i++)
    {
      double hours = (double) i * STEP / 3600.0;
      /* A daily rhythm with some noise, busiest in the afternoon. */
      double day = 0.5 + 0.5 * sin ((hours - 6) / 24.0 * 2 * G_PI);
      double noise = sin (i * 12.9898) * 43758.5453;

      noise -= floor (noise);
      times[i] = END - (gint64) (N_POINTS - 1 - i) * STEP * SEC;
      r[i] = 400 + 1400 * day + 150 * noise;
      w[i] = 150 + 500 * day + 80 * noise;
      if (i == N_POINTS - 3 * 240)
        w[i] = 3800;   /* one spike, 3 h before the end */
      rb[i] = r[i] * 16384;
      wb[i] = w[i] * 65536;
      if (in_outage (i))
        r[i] = w[i] = rb[i] = wb[i] = NAN;
    }

  data->read_ops = kdcc_chart_series_new ("Read", KDCC_CHART_UNIT_OPS);
  data->write_ops = kdcc_chart_series_new ("Write", KDCC_CHART_UNIT_OPS);
  data->read_bytes = kdcc_chart_series_new ("Read", KDCC_CHART_UNIT_BYTES_PER_SECOND);
  data->write_bytes = kdcc_chart_series_new ("Write", KDCC_CHART_UNIT_BYTES_PER_SECOND);
  g_assert_true (kdcc_chart_series_set_points (data->read_ops, times, r, N_POINTS));
  g_assert_true (kdcc_chart_series_set_points (data->write_ops, times, w, N_POINTS));
  g_assert_true (kdcc_chart_series_set_points (data->read_bytes, times, rb, N_POINTS));
  g_assert_true (kdcc_chart_series_set_points (data->write_bytes, times, wb, N_POINTS));
  kdcc_chart_series_set_interval (data->read_ops, STEP);
  kdcc_chart_series_set_interval (data->write_ops, STEP);
  kdcc_chart_series_set_interval (data->read_bytes, STEP);
  kdcc_chart_series_set_interval (data->write_bytes, STEP);
}

static GtkWidget *
titled (const char *title,
        GtkWidget  *chart)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_vexpand (chart, TRUE);
  gtk_box_append (GTK_BOX (box), chart);
  return box;
}

static GtkEventController *
find_motion_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;
    }

  return NULL;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static GtkWidget *
find_child_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, css_class))
      return child;
  return NULL;
}

static void
test_new_destroy (void)
{
  GtkWidget *chart = g_object_ref_sink (kdcc_chart_new ());
  KdccChartLayer *layer = kdcc_line_layer_new ();
  g_autoptr(KdccChartSeries) series = kdcc_chart_series_new ("x", KDCC_CHART_UNIT_OPS);

  kdcc_chart_layer_add_series (layer, series);
  kdcc_chart_add_layer (KDCC_CHART (chart), layer);
  g_assert_cmpstr (gtk_widget_get_css_name (chart), ==, "chart");
  g_assert_finalize_object (chart);
  /* The series outlives the chart that showed it. */
  g_assert_true (KDCC_IS_CHART_SERIES (series));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  GtkWidget *chart = g_object_ref_sink (kdcc_chart_new ());
  KdccChartLayer *layer = kdcc_line_layer_new ();
  g_autoptr(KdccChartSeries) series = kdcc_chart_series_new ("x", KDCC_CHART_UNIT_OPS);
  guint notified = 0;
  gint64 start, end;

  kdcc_chart_layer_add_series (layer, series);
  kdcc_chart_add_layer (KDCC_CHART (chart), layer);
  g_signal_connect (chart, "notify::range", G_CALLBACK (count_notify_cb), &notified);

  /* Notify only on change. */
  kdcc_chart_set_range (KDCC_CHART (chart), KDCC_CHART_RANGE_1H);
  g_assert_cmpuint (notified, ==, 0);
  kdcc_chart_set_range (KDCC_CHART (chart), KDCC_CHART_RANGE_7D);
  g_assert_cmpuint (notified, ==, 1);

  /* end-time 0 follows the newest sample. */
  kdcc_chart_series_append (series, END - 60 * SEC, 1);
  kdcc_chart_series_append (series, END, 2);
  kdcc_chart_get_window (KDCC_CHART (chart), &start, &end);
  g_assert_cmpint (end, ==, END);
  g_assert_cmpint (end - start, ==, 7 * 86400 * SEC);

  kdcc_chart_set_end_time (KDCC_CHART (chart), END + 3600 * SEC);
  kdcc_chart_set_range (KDCC_CHART (chart), KDCC_CHART_RANGE_6H);
  kdcc_chart_get_window (KDCC_CHART (chart), &start, &end);
  g_assert_cmpint (end, ==, END + 3600 * SEC);
  g_assert_cmpint (end - start, ==, 6 * 3600 * SEC);

  g_assert_finalize_object (chart);
}

/* A chart declared in a .ui file, as pages will declare theirs. */
static void
test_builder (void)
{
  const char *ui =
    "<interface>"
    "  <object class='KdccChart' id='chart'>"
    "    <property name='range'>day</property>"
    "    <property name='unit'>bytes-per-second</property>"
    "    <child>"
    "      <object class='KdccStackedLayer' id='layer'>"
    "        <child><object class='KdccChartSeries'><property name='title'>Read</property></object></child>"
    "        <child><object class='KdccChartSeries'><property name='title'>Write</property></object></child>"
    "      </object>"
    "    </child>"
    "  </object>"
    "</interface>";
  g_autoptr(GtkBuilder) builder = NULL;
  KdccChart *chart;
  KdccChartLayer *layer;

  g_type_ensure (KDCC_TYPE_CHART);
  g_type_ensure (KDCC_TYPE_STACKED_LAYER);
  g_type_ensure (KDCC_TYPE_CHART_SERIES);
  builder = gtk_builder_new_from_string (ui, -1);
  chart = KDCC_CHART (gtk_builder_get_object (builder, "chart"));
  layer = KDCC_CHART_LAYER (gtk_builder_get_object (builder, "layer"));

  g_assert_cmpint (kdcc_chart_get_range (chart), ==, KDCC_CHART_RANGE_24H);
  g_assert_cmpint (kdcc_chart_get_unit (chart), ==, KDCC_CHART_UNIT_BYTES_PER_SECOND);
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (layer)) == GTK_WIDGET (chart));
  g_assert_cmpuint (kdcc_chart_layer_get_n_series (layer), ==, 2);
  g_assert_cmpstr (kdcc_chart_series_get_title (kdcc_chart_layer_get_series (layer, 1)), ==,
                   "Write");
  /* Two legend entries. */
  g_assert_cmpuint (count_children (find_child_with_class (GTK_WIDGET (chart), "legend")), ==, 2);
}

static void
test_screenshots (void)
{
  g_auto(Data) data = { 0 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *io = kdcc_chart_new ();
  GtkWidget *throughput = kdcc_chart_new ();
  GtkWidget *empty = kdcc_chart_new ();
  KdccChartLayer *lines = kdcc_line_layer_new ();
  KdccChartLayer *stacked = kdcc_stacked_layer_new ();
  KdccChartLayer *nothing = kdcc_line_layer_new ();
  g_autoptr(KdccChartSeries) no_points = kdcc_chart_series_new ("Used", KDCC_CHART_UNIT_BYTES);
  GtkEventController *motion;
  GtkWidget *readout;
  g_autofree char *png = NULL;
  const char *text;
  gint64 start, end, hover;
  int x;

  make_data (&data);

  kdcc_chart_layer_add_series (lines, data.read_ops);
  kdcc_chart_layer_add_series (lines, data.write_ops);
  kdcc_chart_add_layer (KDCC_CHART (io), lines);
  kdcc_chart_set_unit (KDCC_CHART (io), KDCC_CHART_UNIT_OPS);
  kdcc_chart_set_range (KDCC_CHART (io), KDCC_CHART_RANGE_24H);

  kdcc_chart_layer_add_series (stacked, data.read_bytes);
  kdcc_chart_layer_add_series (stacked, data.write_bytes);
  kdcc_chart_add_layer (KDCC_CHART (throughput), stacked);
  kdcc_chart_set_unit (KDCC_CHART (throughput), KDCC_CHART_UNIT_BYTES_PER_SECOND);
  kdcc_chart_set_range (KDCC_CHART (throughput), KDCC_CHART_RANGE_6H);

  kdcc_chart_layer_add_series (nothing, no_points);
  kdcc_chart_add_layer (KDCC_CHART (empty), nothing);
  kdcc_chart_set_unit (KDCC_CHART (empty), KDCC_CHART_UNIT_BYTES);
  kdcc_chart_set_end_time (KDCC_CHART (empty), END);

  gtk_box_append (GTK_BOX (box), titled ("Client IO, 24 hours", io));
  gtk_box_append (GTK_BOX (box), titled ("Client throughput, 6 hours", throughput));
  gtk_box_append (GTK_BOX (box), titled ("Capacity used, 1 hour", empty));
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 760);
  gtk_window_present (GTK_WINDOW (window));
  kdcc_test_wait_for_paint (window, 30000);

  /* The legends name the series; the chart without points says so. */
  g_assert_cmpuint (count_children (find_child_with_class (io, "legend")), ==, 2);
  g_assert_cmpuint (count_children (find_child_with_class (throughput, "legend")), ==, 2);
  g_assert_true (gtk_widget_get_visible (find_child_with_class (empty, "empty")));
  g_assert_false (gtk_widget_get_visible (find_child_with_class (io, "empty")));

  png = kdcc_test_screenshot (window, "chart");
  g_clear_pointer (&png, g_free);

  /* Hover through the chart's own motion controller, two thirds across
   * the plot: the read-out shows the exact values of the sample there. */
  motion = find_motion_controller (io);
  g_assert_nonnull (motion);
  x = gtk_widget_get_width (io) * 2 / 3;
  g_signal_emit_by_name (motion, "motion", (double) x, 40.0);
  hover = kdcc_chart_get_hover_time (KDCC_CHART (io));
  kdcc_chart_get_window (KDCC_CHART (io), &start, &end);
  g_assert_cmpint (hover, >, start);
  g_assert_cmpint (hover, <, end);
  readout = find_child_with_class (io, "readout");
  g_assert_true (gtk_widget_get_visible (readout));

  {
    gint64 t;
    double r, w;
    g_autofree char *r_text = NULL;
    g_autofree char *w_text = NULL;

    g_assert_true (kdcc_chart_series_get_nearest (data.read_ops, hover, 0, &t, &r));
    g_assert_true (kdcc_chart_series_get_nearest (data.write_ops, hover, 0, &t, &w));
    r_text = g_strdup_printf ("Read: %.1f op/s", r);
    w_text = g_strdup_printf ("Write: %.1f op/s", w);
    text = kdcc_chart_get_readout_text (KDCC_CHART (io));
    g_test_message ("read-out: %s", text);
    g_assert_nonnull (strstr (text, r_text));
    g_assert_nonnull (strstr (text, w_text));
  }

  /* Over the outage the read-out says there is no value, not a guess. */
  kdcc_chart_set_hover_time (KDCC_CHART (io), END - 5 * 3600 * SEC + 20 * 60 * SEC);
  text = kdcc_chart_get_readout_text (KDCC_CHART (io));
  g_assert_nonnull (strstr (text, "Read: —"));

  /* The stacked chart's read-out lists both parts in B/s. */
  kdcc_chart_set_hover_time (KDCC_CHART (throughput), END - 90 * 60 * SEC);
  text = kdcc_chart_get_readout_text (KDCC_CHART (throughput));
  g_assert_nonnull (strstr (text, "Read: "));
  g_assert_nonnull (strstr (text, "MiB/s ("));
  kdcc_chart_clear_hover (KDCC_CHART (throughput));
  g_assert_cmpstr (kdcc_chart_get_readout_text (KDCC_CHART (throughput)), ==, "");

  /* Back to the pointer's place for the picture. */
  g_signal_emit_by_name (motion, "motion", (double) x, 40.0);
  png = kdcc_test_screenshot (window, "chart-hover");
  g_clear_pointer (&png, g_free);

  /* Leaving the chart hides the read-out. */
  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpint (kdcc_chart_get_hover_time (KDCC_CHART (io)), ==, 0);
  g_assert_false (gtk_widget_get_visible (readout));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  kdcc_test_settle (300);
  png = kdcc_test_screenshot (window, "chart-dark");
  g_clear_pointer (&png, g_free);
  g_signal_emit_by_name (motion, "motion", (double) x, 40.0);
  png = kdcc_test_screenshot (window, "chart-hover-dark");
  g_clear_pointer (&png, g_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/chart/new-destroy", test_new_destroy);
  g_test_add_func ("/chart/properties", test_properties);
  g_test_add_func ("/chart/builder", test_builder);
  g_test_add_func ("/chart/screenshots", test_screenshots);

  return kdcc_test_run ();
}
