/* kdcc-chart-math.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-chart-series.h"

G_BEGIN_DECLS

/* Pure functions behind the chart widget: reducing a series to one entry
 * per pixel column, and choosing axis ticks. No GTK, no state, so the unit
 * tests reach them without a display. */

/* One pixel column of a series. */
typedef struct
{
  double  min;
  double  max;
  double  mean;       /* of the samples in the column, or interpolated */
  guint   count;      /* real samples that fell into the column */
  guint8  gap_before; /* do not join this column to the previous one */
  guint8  valid;      /* has a value: samples, or interpolated between two */
} KdccChartColumn;

/* Reduces the samples in [start, end] to n_columns columns (min, max and
 * mean per column). A NaN value, or two samples further apart than max_gap
 * (when max_gap > 0), break the line: the next column that gets a sample
 * has gap_before set, unless that sample lands in the same column as the
 * sample before the gap (a gap narrower than a pixel is not drawn). Columns
 * without samples between two joined columns are filled by linear
 * interpolation (valid but count 0), so layers can stack series column by
 * column. Returns the number of columns with real samples. */
guint   kdcc_chart_decimate          (const gint64    *times,
                                      const double    *values,
                                      guint            n_points,
                                      gint64           start,
                                      gint64           end,
                                      gint64           max_gap,
                                      KdccChartColumn *columns,
                                      guint            n_columns);

/* The smallest and largest value among valid columns; FALSE when none. */
gboolean kdcc_chart_columns_extent   (const KdccChartColumn *columns,
                                      guint                  n_columns,
                                      double                *out_min,
                                      double                *out_max);

/* Time ticks between start and end (microseconds), at most max_ticks, on a
 * round step (1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1, 2 d, 1 week)
 * aligned to local time in tz (midnight for day steps). Returns a GArray of
 * gint64 and stores the step in *out_step (microseconds). */
GArray *kdcc_chart_time_ticks        (gint64           start,
                                      gint64           end,
                                      guint            max_ticks,
                                      GTimeZone       *tz,
                                      gint64          *out_step);
/* "14:30" for steps under a day; "Mon 30" at day steps and at midnight. */
char   *kdcc_chart_format_time_tick  (gint64           time,
                                      gint64           step,
                                      GTimeZone       *tz);

/* A value axis from 0 (or below, for negative data) to a round maximum
 * above data_max with at most max_ticks steps. Bytes and byte rates step in
 * binary units (1, 2, 5 × 1024^k …) so labels read "512 MiB", not
 * "488.3 MiB"; percent (a fraction) tops out at 100%. An empty or flat
 * range still gets an axis (0..1 of the unit). */
void    kdcc_chart_value_axis        (double           data_min,
                                      double           data_max,
                                      guint            max_ticks,
                                      KdccChartUnit    unit,
                                      double          *out_min,
                                      double          *out_max,
                                      double          *out_step);

G_END_DECLS
