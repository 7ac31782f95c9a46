/* kdcc-chart-series.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a series' values measure; the chart formats its axis and read-out
 * with kdcc_format_chart_value(). */
typedef enum
{
  KDCC_CHART_UNIT_NONE,
  KDCC_CHART_UNIT_OPS,               /* operations per second (IOPS) */
  KDCC_CHART_UNIT_BYTES,             /* a size, e.g. capacity used */
  KDCC_CHART_UNIT_BYTES_PER_SECOND,  /* a throughput */
  KDCC_CHART_UNIT_PERCENT,           /* a fraction, 0..1 */
  KDCC_CHART_UNIT_MILLISECONDS,      /* a latency */
} KdccChartUnit;

/* The time ranges a chart offers (1 h, 6 h, 24 h, 7 d). The nicks are
 * words because GtkBuilder reads "24h" as the number 24. */
typedef enum
{
  KDCC_CHART_RANGE_1H,   /*< nick=hour >*/
  KDCC_CHART_RANGE_6H,   /*< nick=six-hours >*/
  KDCC_CHART_RANGE_24H,  /*< nick=day >*/
  KDCC_CHART_RANGE_7D,   /*< nick=week >*/
} KdccChartRange;

gint64 kdcc_chart_range_get_seconds (KdccChartRange range);

#define KDCC_TYPE_CHART_SERIES (kdcc_chart_series_get_type ())

G_DECLARE_FINAL_TYPE (KdccChartSeries, kdcc_chart_series, KDCC, CHART_SERIES, GObject)

/* One metric over time: ascending timestamps (wall-clock microseconds, as
 * g_get_real_time() gives them) and their values, with NaN marking a gap
 * (a missed sample, the app not running). Plain arrays, so a chart walks
 * 40,000 points without touching a GObject per point.
 *
 * Properties: "title" (string), "unit" (KdccChartUnit), "interval" (int64,
 * the expected seconds between samples, 0 when unknown: two samples further
 * apart than 2.5 intervals are drawn with a gap between them), "n-points"
 * (uint, read-only). Signal "changed" after points were added or replaced. */
KdccChartSeries *kdcc_chart_series_new          (const char       *title,
                                                 KdccChartUnit     unit);
const char      *kdcc_chart_series_get_title    (KdccChartSeries  *self);
void             kdcc_chart_series_set_title    (KdccChartSeries  *self,
                                                 const char       *title);
KdccChartUnit    kdcc_chart_series_get_unit     (KdccChartSeries  *self);
gint64           kdcc_chart_series_get_interval (KdccChartSeries  *self);
void             kdcc_chart_series_set_interval (KdccChartSeries  *self,
                                                 gint64            seconds);
/* The longest distance between two samples drawn as a line, in
 * microseconds; 0 when any distance is (no interval known). */
gint64           kdcc_chart_series_get_max_gap  (KdccChartSeries  *self);
guint            kdcc_chart_series_get_n_points (KdccChartSeries  *self);

/* Adds one point after the last one. A point older than the last is
 * dropped (returns FALSE): history arrives in order. */
gboolean         kdcc_chart_series_append       (KdccChartSeries  *self,
                                                 gint64            time_usec,
                                                 double            value);
/* Replaces every point; times must be ascending (returns FALSE and keeps
 * the old points when they are not). */
gboolean         kdcc_chart_series_set_points   (KdccChartSeries  *self,
                                                 const gint64     *times,
                                                 const double     *values,
                                                 guint             n_points);
/* Drops points older than time_usec (a ring of the last N days). */
void             kdcc_chart_series_trim_before  (KdccChartSeries  *self,
                                                 gint64            time_usec);
void             kdcc_chart_series_clear        (KdccChartSeries  *self);

/* Borrowed; valid until the series changes. */
const gint64    *kdcc_chart_series_get_times    (KdccChartSeries  *self,
                                                 guint            *n_points);
const double    *kdcc_chart_series_get_values   (KdccChartSeries  *self,
                                                 guint            *n_points);
/* Increases with every change, so a chart can keep what it computed from
 * the points until they change. */
guint64          kdcc_chart_series_get_stamp    (KdccChartSeries  *self);

/* The sample nearest to time_usec within max_distance_usec (any distance
 * when 0), skipping gaps (NaN). FALSE when there is none. */
gboolean         kdcc_chart_series_get_nearest  (KdccChartSeries  *self,
                                                 gint64            time_usec,
                                                 gint64            max_distance_usec,
                                                 gint64           *out_time,
                                                 double           *out_value);

/* Index of the first point at or after time_usec (n_points when none). */
guint            kdcc_chart_lower_bound         (const gint64     *times,
                                                 guint             n_points,
                                                 gint64            time_usec);

G_END_DECLS
