/* kdcc-chart-math.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decimation is what keeps a 7-day chart cheap: 40,320 samples per series
 * become at most one min/max/mean per pixel column in one linear pass, and
 * the layers draw columns, never samples. The pass starts with a binary
 * search for the window, so a 1-hour view of a week of history reads only
 * the hour.
 */
#define G_LOG_DOMAIN "kdcc-chart-math"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kdcc-chart-math.h"

static void
fill_between (KdccChartColumn *columns,
              guint            from,
              guint            to)
{
  /* Columns strictly between from and to get the straight line joining the
   * two columns' means. */
  double a = columns[from].mean;
  double b = columns[to].mean;

  for (guint c = from + 1; c < to; c++)
    {
      double f = (double) (c - from) / (double) (to - from);
      double v = a + (b - a) * f;

      columns[c].min = columns[c].max = columns[c].mean = v;
      columns[c].valid = TRUE;
    }
}

guint
kdcc_chart_decimate (const gint64    *times,
                     const double    *values,
                     guint            n_points,
                     gint64           start,
                     gint64           end,
                     gint64           max_gap,
                     KdccChartColumn *columns,
                     guint            n_columns)
{
  gint64 span = end - start;
  gboolean pending_gap = FALSE;
  gboolean have_prev = FALSE;
  gint64 prev_time = 0;
  guint n_filled = 0;
  guint last_valid = G_MAXUINT;
  guint i;

  if (n_columns == 0)
    return 0;

  memset (columns, 0, sizeof (KdccChartColumn) * n_columns);

  if (span <= 0 || n_points == 0)
    return 0;

  i = kdcc_chart_lower_bound (times, n_points, start);

  /* The sample just before the window decides whether the line enters the
   * window joined or after a gap; its value is not drawn. */
  if (i > 0 && !isnan (values[i - 1]))
    {
      have_prev = TRUE;
      prev_time = times[i - 1];
    }
  else if (i > 0)
    pending_gap = TRUE;

  /* Column by column: a sample at t belongs to column
   * floor ((t - start) * n_columns / span), i.e. it is before the column's
   * integer end, so the inner loop compares integers and adds; no division
   * per sample. The last column also takes a sample exactly at end. */
  for (guint c = 0; c < n_columns && i < n_points && times[i] <= end; c++)
    {
      gint64 column_end = c + 1 == n_columns
                          ? end + 1
                          : start + ((gint64) (c + 1) * span + n_columns - 1) / n_columns;
      KdccChartColumn *col = &columns[c];
      double lo = INFINITY, hi = -INFINITY, sum = 0;
      guint count = 0;
      gboolean gap_before = FALSE;

      for (; i < n_points && times[i] < column_end; i++)
        {
          double v = values[i];

          if (isnan (v))
            {
              pending_gap = TRUE;
              continue;
            }
          if (have_prev && max_gap > 0 && times[i] - prev_time > max_gap)
            pending_gap = TRUE;

          /* A gap after the column's first sample is narrower than a
           * pixel and is not drawn. */
          if (count == 0)
            gap_before = pending_gap;
          pending_gap = FALSE;
          have_prev = TRUE;
          prev_time = times[i];

          lo = MIN (lo, v);
          hi = MAX (hi, v);
          sum += v;
          count++;
        }

      if (count == 0)
        continue;

      col->min = lo;
      col->max = hi;
      col->mean = sum / count;
      col->count = count;
      col->gap_before = gap_before;
      col->valid = TRUE;
      n_filled++;

      if (!gap_before && last_valid != G_MAXUINT && c > last_valid + 1)
        fill_between (columns, last_valid, c);
      last_valid = c;
    }

  return n_filled;
}

gboolean
kdcc_chart_columns_extent (const KdccChartColumn *columns,
                           guint                  n_columns,
                           double                *out_min,
                           double                *out_max)
{
  double lo = INFINITY, hi = -INFINITY;

  for (guint c = 0; c < n_columns; c++)
    if (columns[c].valid)
      {
        lo = MIN (lo, columns[c].min);
        hi = MAX (hi, columns[c].max);
      }

  if (lo > hi)
    return FALSE;

  if (out_min != NULL)
    *out_min = lo;
  if (out_max != NULL)
    *out_max = hi;
  return TRUE;
}

/* Time ticks ------------------------------------------------------------- */

static const gint64 time_steps[] = {
  60, 120, 300, 600, 900, 1800,
  3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
  86400, 2 * 86400, 7 * 86400,
};

GArray *
kdcc_chart_time_ticks (gint64     start,
                       gint64     end,
                       guint      max_ticks,
                       GTimeZone *tz,
                       gint64    *out_step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 span_s = (end - start) / G_USEC_PER_SEC;
  gint64 step = time_steps[G_N_ELEMENTS (time_steps) - 1];
  g_autoptr(GDateTime) local = NULL;
  gint64 offset, t;

  if (out_step != NULL)
    *out_step = 0;
  if (end <= start || max_ticks == 0)
    return ticks;

  for (guint i = 0; i < G_N_ELEMENTS (time_steps); i++)
    if (span_s / time_steps[i] + 1 <= (gint64) max_ticks)
      {
        step = time_steps[i];
        break;
      }

  /* Align in local time: ticks fall on 14:00 and midnight where the admin
   * is, not in UTC. The offset at the start serves the whole window; a
   * daylight saving change inside it shifts the later ticks by an hour,
   * which a reader does not notice on a chart. */
  local = g_date_time_new_from_unix_utc (start / G_USEC_PER_SEC);
  if (local != NULL && tz != NULL)
    {
      g_autoptr(GDateTime) in_tz = g_date_time_to_timezone (local, tz);

      offset = in_tz != NULL ? g_date_time_get_utc_offset (in_tz) / G_USEC_PER_SEC : 0;
    }
  else
    offset = 0;

  /* Week steps start on local midnight too (the first one in the window). */
  {
    gint64 align = step >= 7 * 86400 ? 86400 : step;
    gint64 s = start / G_USEC_PER_SEC + offset;
    gint64 first = (s / align) * align;

    if (first < s)
      first += align;
    for (t = first; t - offset <= end / G_USEC_PER_SEC; t += step)
      {
        gint64 usec = (t - offset) * G_USEC_PER_SEC;

        if (usec >= start)
          g_array_append_val (ticks, usec);
      }
  }

  if (out_step != NULL)
    *out_step = step * G_USEC_PER_SEC;
  return ticks;
}

char *
kdcc_chart_format_time_tick (gint64     time,
                             gint64     step,
                             GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = tz != NULL ? g_date_time_to_timezone (utc, tz) : g_date_time_ref (utc);

  if (step >= (gint64) 86400 * G_USEC_PER_SEC
      || (g_date_time_get_hour (local) == 0 && g_date_time_get_minute (local) == 0))
    /* Translators: a day on a chart's time axis, e.g. "Mon 30"; see
     * g_date_time_format() for the codes. */
    return g_date_time_format (local, _("%a %-d"));

  /* Translators: a time of day on a chart's time axis, e.g. "14:30"; see
   * g_date_time_format() for the codes. */
  return g_date_time_format (local, _("%H:%M"));
}

/* Value axis ------------------------------------------------------------- */

static double
nice_step (double raw,
           double base)
{
  /* raw in units of base (1 or 1024^k), rounded up to 1, 2 or 5 × 10^j. */
  double x = raw / base;
  double mag = pow (10, floor (log10 (x)));
  double f = x / mag;
  double nice;

  if (f <= 1)
    nice = 1;
  else if (f <= 2)
    nice = 2;
  else if (f <= 5)
    nice = 5;
  else
    nice = 10;

  return nice * mag * base;
}

void
kdcc_chart_value_axis (double         data_min,
                       double         data_max,
                       guint          max_ticks,
                       KdccChartUnit  unit,
                       double        *out_min,
                       double        *out_max,
                       double        *out_step)
{
  double lo, hi, raw, step, base = 1;

  if (max_ticks == 0)
    max_ticks = 1;
  if (!isfinite (data_min) || !isfinite (data_max) || data_min > data_max)
    data_min = data_max = 0;

  lo = MIN (0, data_min);
  hi = MAX (0, data_max);
  if (hi - lo <= 0)
    hi = lo + (unit == KDCC_CHART_UNIT_PERCENT ? 0.01 : 1);
  /* A fraction far below 1 % (a nearly empty OSD) still gets a readable
   * axis: 0 to 1 %, not steps of 0.002 % that print alike. */
  if (unit == KDCC_CHART_UNIT_PERCENT && hi < 0.01)
    hi = 0.01;

  raw = (hi - lo) / max_ticks;
  if (unit == KDCC_CHART_UNIT_BYTES || unit == KDCC_CHART_UNIT_BYTES_PER_SECOND)
    {
      /* Step within the binary unit the labels will use; below 1 KiB the
       * decimal steps of plain bytes are fine. */
      while (raw / base >= 1024)
        base *= 1024;
      if (base == 1 && raw > 512)
        base = 1024;
    }
  step = nice_step (raw, base);
  /* Bytes and operations come whole: no axis of half bytes. */
  if (unit != KDCC_CHART_UNIT_PERCENT && unit != KDCC_CHART_UNIT_NONE &&
      unit != KDCC_CHART_UNIT_MILLISECONDS && step < 1)
    step = 1;
  /* 1000 MiB reads worse than 1 GiB. */
  if (base > 1 && step / base > 512)
    step = base * 1024;

  lo = floor (lo / step) * step;
  hi = ceil (hi / step - 1e-9) * step;
  if (unit == KDCC_CHART_UNIT_PERCENT && hi > 1)
    hi = 1;

  *out_min = lo;
  *out_max = hi;
  *out_step = step;
}
