/* test-chart-decimate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart's pure parts: a series' points, decimation to pixel columns
 * (min/max/mean, gaps, interpolation), the time and value axis ticks and
 * the value formatting of each unit.
 */
#define G_LOG_DOMAIN "test-chart-decimate"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "kdcc-chart-math.h"
#include "kdcc-chart-series.h"
#include "kdcc-format.h"

#define SEC ((gint64) G_USEC_PER_SEC)
#define T0  ((gint64) 1700000000 * SEC)

static void
count_cb (KdccChartSeries *series,
          guint           *count)
{
  (*count)++;
}

static void
test_series_points (void)
{
  g_autoptr(KdccChartSeries) series = kdcc_chart_series_new ("Read", KDCC_CHART_UNIT_OPS);
  gint64 times[] = { T0, T0 + 15 * SEC, T0 + 30 * SEC };
  double values[] = { 1, NAN, 3 };
  gint64 bad_times[] = { T0, T0 };
  guint changed = 0;
  guint64 stamp;
  gint64 t;
  double v;

  g_signal_connect (series, "changed", G_CALLBACK (count_cb), &changed);

  stamp = kdcc_chart_series_get_stamp (series);
  g_assert_true (kdcc_chart_series_set_points (series, times, values, 3));
  g_assert_cmpuint (kdcc_chart_series_get_n_points (series), ==, 3);
  g_assert_cmpuint (kdcc_chart_series_get_stamp (series), >, stamp);
  g_assert_cmpuint (changed, ==, 1);

  /* Out of order: refused, old points kept. */
  g_assert_false (kdcc_chart_series_set_points (series, bad_times, values, 2));
  g_assert_false (kdcc_chart_series_append (series, T0 + 30 * SEC, 9));
  g_assert_cmpuint (kdcc_chart_series_get_n_points (series), ==, 3);
  g_assert_true (kdcc_chart_series_append (series, T0 + 45 * SEC, 4));
  g_assert_cmpuint (changed, ==, 2);

  /* Nearest skips the gap; max distance is respected. */
  g_assert_true (kdcc_chart_series_get_nearest (series, T0 + 14 * SEC, 0, &t, &v));
  g_assert_cmpint (t, ==, T0);
  g_assert_cmpfloat (v, ==, 1);
  g_assert_true (kdcc_chart_series_get_nearest (series, T0 + 25 * SEC, 0, &t, &v));
  g_assert_cmpint (t, ==, T0 + 30 * SEC);
  g_assert_false (kdcc_chart_series_get_nearest (series, T0 + 14 * SEC, 5 * SEC, &t, &v));
  g_assert_true (kdcc_chart_series_get_nearest (series, T0 + 10 * SEC * 1000, 0, &t, &v));
  g_assert_cmpfloat (v, ==, 4);

  kdcc_chart_series_set_interval (series, 15);
  g_assert_cmpint (kdcc_chart_series_get_max_gap (series), ==, 37500000);

  kdcc_chart_series_trim_before (series, T0 + 20 * SEC);
  g_assert_cmpuint (kdcc_chart_series_get_n_points (series), ==, 2);
  kdcc_chart_series_clear (series);
  g_assert_cmpuint (kdcc_chart_series_get_n_points (series), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&series));
}

static void
test_lower_bound (void)
{
  gint64 times[] = { 10, 20, 30 };

  g_assert_cmpuint (kdcc_chart_lower_bound (times, 3, 5), ==, 0);
  g_assert_cmpuint (kdcc_chart_lower_bound (times, 3, 20), ==, 1);
  g_assert_cmpuint (kdcc_chart_lower_bound (times, 3, 21), ==, 2);
  g_assert_cmpuint (kdcc_chart_lower_bound (times, 3, 31), ==, 3);
  g_assert_cmpuint (kdcc_chart_lower_bound (times, 0, 31), ==, 0);
}

/* 7 days at 15 s into 800 columns: every column gets its samples' true
 * minimum and maximum, and the whole week is covered. */
static void
test_decimate_min_max (void)
{
  guint n = 7 * 86400 / 15;
  g_autofree gint64 *times = g_new (gint64, n);
  g_autofree double *values = g_new (double, n);
  KdccChartColumn columns[800];
  gint64 end;
  guint filled;

  for (guint i = 0; i < n; i++)
    {
      times[i] = T0 + (gint64) i * 15 * SEC;
      /* A spike every 1000 samples must survive decimation. */
      values[i] = (i % 1000 == 500) ? 1000.0 : (double) (i % 7);
    }
  end = times[n - 1];

  filled = kdcc_chart_decimate (times, values, n, T0, end, 0, columns, 800);
  g_assert_cmpuint (n, ==, 40320);
  g_assert_cmpuint (filled, ==, 800);

  {
    guint spikes = 0;

    for (guint c = 0; c < 800; c++)
      {
        g_assert_true (columns[c].valid);
        g_assert_false (columns[c].gap_before);
        g_assert_cmpfloat (columns[c].min, ==, 0);
        if (columns[c].max == 1000.0)
          spikes++;
        else
          g_assert_cmpfloat (columns[c].max, ==, 6);
        g_assert_cmpfloat (columns[c].mean, >=, columns[c].min);
        g_assert_cmpfloat (columns[c].mean, <=, columns[c].max);
      }
    /* 40 spikes (i = 500, 1500, …, 39500), none lost; two may share a
     * column only if they were 50 samples apart, which they are not. */
    g_assert_cmpuint (spikes, ==, 40);
  }

  {
    double lo, hi;

    g_assert_true (kdcc_chart_columns_extent (columns, 800, &lo, &hi));
    g_assert_cmpfloat (lo, ==, 0);
    g_assert_cmpfloat (hi, ==, 1000);
  }
}

/* Fewer samples than columns: the columns between samples are joined by
 * interpolation, so a stacked layer can add series column by column. */
static void
test_decimate_interpolates (void)
{
  gint64 times[] = { T0, T0 + 10 * SEC };
  double values[] = { 0, 10 };
  KdccChartColumn columns[11];

  g_assert_cmpuint (kdcc_chart_decimate (times, values, 2, T0, T0 + 11 * SEC, 0, columns, 11),
                    ==, 2);
  g_assert_cmpuint (columns[0].count, ==, 1);
  g_assert_cmpuint (columns[10].count, ==, 1);
  for (guint c = 0; c <= 10; c++)
    {
      g_assert_true (columns[c].valid);
      g_assert_cmpfloat_with_epsilon (columns[c].mean, (double) c, 1e-9);
    }
}

/* A NaN, or a distance above max_gap, breaks the line; nothing is
 * interpolated across it. */
static void
test_decimate_gaps (void)
{
  gint64 times[] = { T0, T0 + 10 * SEC, T0 + 20 * SEC, T0 + 30 * SEC, T0 + 90 * SEC };
  double values[] = { 1, NAN, 3, 4, 5 };
  KdccChartColumn columns[10];

  /* 10 columns of 10 s each; max gap 25 s. */
  kdcc_chart_decimate (times, values, 5, T0, T0 + 100 * SEC, 25 * SEC, columns, 10);
  g_assert_true (columns[0].valid);
  g_assert_false (columns[0].gap_before);
  g_assert_false (columns[1].valid);             /* the NaN sample: nothing drawn */
  g_assert_true (columns[2].valid);
  g_assert_true (columns[2].gap_before);         /* after the NaN */
  g_assert_true (columns[3].valid);
  g_assert_false (columns[3].gap_before);
  for (guint c = 4; c < 9; c++)
    g_assert_false (columns[c].valid);           /* 60 s without samples: a gap */
  g_assert_true (columns[9].valid);
  g_assert_true (columns[9].gap_before);

  /* Without max_gap the 60 s are joined by a line. */
  kdcc_chart_decimate (times, values, 5, T0, T0 + 100 * SEC, 0, columns, 10);
  g_assert_false (columns[9].gap_before);
  for (guint c = 4; c < 9; c++)
    g_assert_true (columns[c].valid);

  /* A gap inside one column is narrower than a pixel and not drawn. */
  kdcc_chart_decimate (times, values, 5, T0, T0 + 100 * SEC, 25 * SEC, columns, 1);
  g_assert_true (columns[0].valid);
  g_assert_cmpuint (columns[0].count, ==, 4);
  g_assert_cmpfloat (columns[0].min, ==, 1);
  g_assert_cmpfloat (columns[0].max, ==, 5);
}

/* Only the window is read: samples outside it do not show; the sample
 * just before the window decides whether the line enters joined. */
static void
test_decimate_window (void)
{
  gint64 times[] = { T0, T0 + 10 * SEC, T0 + 20 * SEC, T0 + 30 * SEC };
  double values[] = { 100, NAN, 2, 100 };
  KdccChartColumn columns[2];
  double lo, hi;

  g_assert_cmpuint (kdcc_chart_decimate (times, values, 4, T0 + 15 * SEC, T0 + 25 * SEC, 0,
                                         columns, 2), ==, 1);
  g_assert_true (kdcc_chart_columns_extent (columns, 2, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 2);
  g_assert_cmpfloat (hi, ==, 2);
  g_assert_true (columns[1].gap_before);

  /* Empty window, empty series, no columns: nothing, no crash. */
  g_assert_cmpuint (kdcc_chart_decimate (times, values, 4, T0 + 40 * SEC, T0 + 50 * SEC, 0,
                                         columns, 2), ==, 0);
  g_assert_false (kdcc_chart_columns_extent (columns, 2, &lo, &hi));
  g_assert_cmpuint (kdcc_chart_decimate (times, values, 0, T0, T0 + 50 * SEC, 0, columns, 2),
                    ==, 0);
  g_assert_cmpuint (kdcc_chart_decimate (times, values, 4, T0, T0 + 50 * SEC, 0, columns, 0),
                    ==, 0);
}

static void
test_time_ticks (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) plus2 = g_time_zone_new_identifier ("+02:00");
  /* 2023-11-14 22:13:20 UTC */
  gint64 end = T0;
  gint64 step;
  g_autoptr(GArray) hour = kdcc_chart_time_ticks (end - 3600 * SEC, end, 6, utc, &step);
  g_autoptr(GArray) week = NULL;
  g_autoptr(GArray) local = NULL;
  g_autofree char *label = NULL;
  g_autofree char *day = NULL;

  /* 1 h in at most 6 ticks: every 15 min, on the quarter hour. */
  g_assert_cmpint (step, ==, 900 * SEC);
  g_assert_cmpuint (hour->len, ==, 4);
  for (guint i = 0; i < hour->len; i++)
    {
      gint64 t = g_array_index (hour, gint64, i);

      g_assert_cmpint (t % (900 * SEC), ==, 0);
      g_assert_cmpint (t, >=, end - 3600 * SEC);
      g_assert_cmpint (t, <=, end);
    }
  label = kdcc_chart_format_time_tick (g_array_index (hour, gint64, 0), step, utc);
  g_assert_cmpstr (label, ==, "21:15");

  /* 7 days in at most 8 ticks: daily, at midnight. */
  week = kdcc_chart_time_ticks (end - 7 * 86400 * SEC, end, 8, utc, &step);
  g_assert_cmpint (step, ==, 86400 * SEC);
  g_assert_cmpuint (week->len, ==, 7);
  for (guint i = 0; i < week->len; i++)
    g_assert_cmpint (g_array_index (week, gint64, i) % (86400 * SEC), ==, 0);
  day = kdcc_chart_format_time_tick (g_array_index (week, gint64, week->len - 1), step, utc);
  g_assert_cmpstr (day, ==, "Tue 14");

  /* Aligned in local time: at +02:00 the hour ticks fall on local hours,
   * and the midnight tick on local midnight. */
  local = kdcc_chart_time_ticks (end - 6 * 3600 * SEC, end, 7, plus2, &step);
  g_assert_cmpint (step, ==, 3600 * SEC);
  for (guint i = 0; i < local->len; i++)
    g_assert_cmpint (g_array_index (local, gint64, i) % (3600 * SEC), ==, 0);
  {
    /* 22:00 UTC is 00:00 at +02:00: labelled with the day. */
    g_autofree char *midnight = kdcc_chart_format_time_tick (T0 - 800 * SEC, step, plus2);

    g_assert_cmpstr (midnight, ==, "Wed 15");
  }

  {
    g_autoptr(GArray) none = kdcc_chart_time_ticks (end, end, 6, utc, &step);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpint (step, ==, 0);
  }
}

static void
test_value_axis (void)
{
  double lo, hi, step;

  /* Ops: 0..873 in at most 4 steps → 0..1000 by 250? 1-2-5 only: 500. */
  kdcc_chart_value_axis (3, 873, 4, KDCC_CHART_UNIT_OPS, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (step, ==, 500);
  g_assert_cmpfloat (hi, ==, 1000);

  /* Bytes step in binary units: 0..3.1 GiB in 4 steps → 1 GiB steps. */
  kdcc_chart_value_axis (0, 3.1 * 1073741824.0, 4, KDCC_CHART_UNIT_BYTES, &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 1073741824.0);
  g_assert_cmpfloat (hi, ==, 4 * 1073741824.0);

  /* 0..700 MiB/s in 4 steps → 200 MiB/s. */
  kdcc_chart_value_axis (0, 700 * 1048576.0, 4, KDCC_CHART_UNIT_BYTES_PER_SECOND,
                         &lo, &hi, &step);
  g_assert_cmpfloat (step, ==, 200 * 1048576.0);
  g_assert_cmpfloat (hi, ==, 800 * 1048576.0);

  /* Percent tops out at 100%. */
  kdcc_chart_value_axis (0.2, 0.97, 4, KDCC_CHART_UNIT_PERCENT, &lo, &hi, &step);
  g_assert_cmpfloat (hi, ==, 1);
  g_assert_cmpfloat (step, ==, 0.5);

  /* A nearly empty OSD's utilization: 0 to 1 %, not 0.002 % steps. */
  kdcc_chart_value_axis (0, 0.000088, 4, KDCC_CHART_UNIT_PERCENT, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 0.01);

  /* Latency keeps fractions of a millisecond. */
  kdcc_chart_value_axis (0, 0.8, 4, KDCC_CHART_UNIT_MILLISECONDS, &lo, &hi, &step);
  g_assert_cmpfloat (step, <, 1);
  g_assert_cmpfloat (hi, >=, 0.8);

  /* Negative data: the axis goes below 0. */
  kdcc_chart_value_axis (-30, 70, 5, KDCC_CHART_UNIT_NONE, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, -40);
  g_assert_cmpfloat (hi, ==, 80);
  g_assert_cmpfloat (step, ==, 20);

  /* Flat zero or no data still gives an axis. */
  kdcc_chart_value_axis (0, 0, 4, KDCC_CHART_UNIT_OPS, &lo, &hi, &step);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, >, 0);
  kdcc_chart_value_axis (NAN, NAN, 4, KDCC_CHART_UNIT_OPS, &lo, &hi, &step);
  g_assert_cmpfloat (hi, >, 0);
}

static void
test_format_values (void)
{
  struct {
    KdccChartUnit unit;
    double        value;
    gboolean      exact;
    const char   *expected;
  } cases[] = {
    { KDCC_CHART_UNIT_OPS, 1234.5, FALSE, "1.2k op/s" },
    { KDCC_CHART_UNIT_OPS, 1234.5, TRUE, "1234.5 op/s" },
    { KDCC_CHART_UNIT_BYTES, 536870912, FALSE, "512.0\u00a0MiB" },
    { KDCC_CHART_UNIT_BYTES_PER_SECOND, 12582912, FALSE, "12.0\u00a0MiB/s" },
    { KDCC_CHART_UNIT_BYTES_PER_SECOND, 12582912, TRUE, "12.0\u00a0MiB/s (12582912 B/s)" },
    { KDCC_CHART_UNIT_BYTES_PER_SECOND, 100, TRUE, "100 bytes/s" },
    { KDCC_CHART_UNIT_PERCENT, 0.5, FALSE, "50%" },
    { KDCC_CHART_UNIT_PERCENT, 0.25, FALSE, "25%" },
    { KDCC_CHART_UNIT_PERCENT, 0.42371, TRUE, "42.37%" },
    { KDCC_CHART_UNIT_NONE, 3.5, FALSE, "3.5" },
    { KDCC_CHART_UNIT_MILLISECONDS, 12.25, TRUE, "12.25 ms" },
    { KDCC_CHART_UNIT_MILLISECONDS, 0.5, FALSE, "0.5 ms" },
    { KDCC_CHART_UNIT_OPS, NAN, FALSE, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kdcc_format_chart_value (cases[i].unit, cases[i].value,
                                                       cases[i].exact);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autofree char *exact = kdcc_format_chart_value (KDCC_CHART_UNIT_BYTES, 1288490188, TRUE);

    g_assert_true (g_str_has_prefix (exact, "1.2\u00a0GiB ("));
    g_assert_nonnull (strstr (exact, "1288490188"));
  }
}

static void
test_ranges (void)
{
  g_assert_cmpint (kdcc_chart_range_get_seconds (KDCC_CHART_RANGE_1H), ==, 3600);
  g_assert_cmpint (kdcc_chart_range_get_seconds (KDCC_CHART_RANGE_6H), ==, 21600);
  g_assert_cmpint (kdcc_chart_range_get_seconds (KDCC_CHART_RANGE_24H), ==, 86400);
  g_assert_cmpint (kdcc_chart_range_get_seconds (KDCC_CHART_RANGE_7D), ==, 604800);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-decimate/series-points", test_series_points);
  g_test_add_func ("/chart-decimate/lower-bound", test_lower_bound);
  g_test_add_func ("/chart-decimate/min-max", test_decimate_min_max);
  g_test_add_func ("/chart-decimate/interpolates", test_decimate_interpolates);
  g_test_add_func ("/chart-decimate/gaps", test_decimate_gaps);
  g_test_add_func ("/chart-decimate/window", test_decimate_window);
  g_test_add_func ("/chart-decimate/time-ticks", test_time_ticks);
  g_test_add_func ("/chart-decimate/value-axis", test_value_axis);
  g_test_add_func ("/chart-decimate/format-values", test_format_values);
  g_test_add_func ("/chart-decimate/ranges", test_ranges);

  return g_test_run ();
}
