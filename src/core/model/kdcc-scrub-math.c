/* kdcc-scrub-math.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-scrub"

#include "config.h"

#include <math.h>

#include "kdcc-scrub-math.h"

/* ------------------------------------------------------------------------
 * Windows */

/* The OSD's half-open modulo range test: FROM == TILL is "always", else
 * [from, till) on a circle. */
static gboolean
between_modulo (int from,
                int till,
                int p)
{
  if (from == till)
    return TRUE;
  if (from < till)
    return p >= from && p < till;
  return p >= from || p < till;
}

gboolean
kdcc_scrub_window_allows (const KdccScrubWindow *window,
                          int                    week_day,
                          int                    hour)
{
  g_return_val_if_fail (window != NULL, FALSE);

  return between_modulo (window->begin_week_day, window->end_week_day, week_day)
         && between_modulo (window->begin_hour, window->end_hour, hour);
}

gboolean
kdcc_scrub_window_allows_at (const KdccScrubWindow *window,
                             gint64                 unix_seconds,
                             GTimeZone             *tz)
{
  g_autoptr(GTimeZone) local = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) when = g_date_time_to_timezone (utc, local);

  /* GLib counts Monday as 1 and Sunday as 7; Ceph's tm_wday has Sunday 0. */
  return kdcc_scrub_window_allows (window, g_date_time_get_day_of_week (when) % 7,
                                   g_date_time_get_hour (when));
}

void
kdcc_scrub_window_fill_week (const KdccScrubWindow *window,
                             gboolean               week[7][24])
{
  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      week[day][hour] = kdcc_scrub_window_allows (window, day, hour);
}

guint
kdcc_scrub_window_hours_per_week (const KdccScrubWindow *window)
{
  guint hours = 0;

  for (int day = 0; day < 7; day++)
    for (int hour = 0; hour < 24; hour++)
      hours += kdcc_scrub_window_allows (window, day, hour) ? 1 : 0;
  return hours;
}

double
kdcc_scrub_window_share (const KdccScrubWindow *window)
{
  return kdcc_scrub_window_hours_per_week (window) / 168.0;
}

gboolean
kdcc_scrub_window_is_valid (const KdccScrubWindow *window)
{
  return window->begin_hour >= 0 && window->begin_hour <= 23
         && window->end_hour >= 0 && window->end_hour <= 23
         && window->begin_week_day >= 0 && window->begin_week_day <= 6
         && window->end_week_day >= 0 && window->end_week_day <= 6;
}

/* ------------------------------------------------------------------------
 * Health check cutoffs */

double
kdcc_scrub_warn_age (double ratio,
                     double pool_interval,
                     double mgr_interval)
{
  double interval = pool_interval > 0 ? pool_interval : mgr_interval;

  /* The mgr tests the ratio as a boolean before anything else. */
  if (ratio == 0)
    return -1;
  return ratio * interval + interval;
}

gboolean
kdcc_scrub_is_overdue (double stamp,
                       double now,
                       double warn_age)
{
  if (warn_age < 0)
    return FALSE;
  return stamp < now - warn_age;
}

/* ------------------------------------------------------------------------
 * Histograms */

double
kdcc_scrub_histogram_pick_width (double warn_age,
                                 double interval)
{
  double span = warn_age > 0 ? warn_age : interval;
  double width;

  if (!(span > 0))
    return 86400;
  /* The warn age lands around two thirds of the way along. */
  width = span / (KDCC_SCRUB_HISTOGRAM_BINS * 2 / 3);
  if (width >= 86400)
    return ceil (width / 86400) * 86400;
  if (width >= 3600)
    return ceil (width / 3600) * 3600;
  if (width >= 60)
    return ceil (width / 60) * 60;
  return MAX (ceil (width), 1);
}

void
kdcc_scrub_histogram_init (KdccScrubHistogram *histogram,
                           double              bin_width)
{
  *histogram = (KdccScrubHistogram) { 0 };
  histogram->bin_width = bin_width > 0 ? bin_width : 86400;
}

void
kdcc_scrub_histogram_add (KdccScrubHistogram *histogram,
                          double              age)
{
  double bin = floor (MAX (age, 0) / histogram->bin_width);

  histogram->counts[(guint) MIN (bin, KDCC_SCRUB_HISTOGRAM_BINS - 1)]++;
  histogram->total++;
}

/* ------------------------------------------------------------------------
 * Queue simulation */

static double
due (const KdccScrubSimPg *pg)
{
  return pg->stamp + pg->interval;
}

static void
heap_down (KdccScrubSimPg *heap,
           guint           n,
           guint           i)
{
  for (;;)
    {
      guint smallest = i;
      guint l = 2 * i + 1;
      guint r = l + 1;
      KdccScrubSimPg tmp;

      if (l < n && due (&heap[l]) < due (&heap[smallest]))
        smallest = l;
      if (r < n && due (&heap[r]) < due (&heap[smallest]))
        smallest = r;
      if (smallest == i)
        return;
      tmp = heap[i];
      heap[i] = heap[smallest];
      heap[smallest] = tmp;
      i = smallest;
    }
}

static void
note_warning (double *first_warn,
              guint   n_groups,
              guint   group,
              double  when)
{
  if (group < n_groups && (first_warn[group] == 0 || when < first_warn[group]))
    first_warn[group] = when;
}

void
kdcc_scrub_simulate (KdccScrubSimPg *pgs,
                     guint           n_pgs,
                     double          now,
                     double          rate,
                     double          horizon,
                     double         *first_warn,
                     guint           n_groups)
{
  double end = now + horizon;
  double free_at = now;
  /* A bound for pathological inputs (intervals of seconds over a year). */
  guint64 budget = (guint64) n_pgs * 200 + 1000;

  for (guint g = 0; g < n_groups; g++)
    first_warn[g] = 0;
  if (n_pgs == 0)
    return;

  if (!(rate > 0))
    {
      /* Nothing scrubs: every PG ages until its warning. */
      for (guint i = 0; i < n_pgs; i++)
        if (pgs[i].warn_age >= 0 && pgs[i].stamp + pgs[i].warn_age <= end)
          note_warning (first_warn, n_groups, pgs[i].group,
                        MAX (now, pgs[i].stamp + pgs[i].warn_age));
      return;
    }

  for (guint i = n_pgs / 2; i-- > 0;)
    heap_down (pgs, n_pgs, i);

  while (budget-- > 0)
    {
      KdccScrubSimPg *pg = &pgs[0];
      double start = MAX (free_at, due (pg));

      if (start > end)
        break;
      /* The mgr warns while the PG waits for its turn. */
      if (pg->warn_age >= 0 && start > pg->stamp + pg->warn_age)
        note_warning (first_warn, n_groups, pg->group, MAX (now, pg->stamp + pg->warn_age));
      free_at = start + 1.0 / rate;
      pg->stamp = start;
      heap_down (pgs, n_pgs, 0);
    }

  /* What is not scrubbed again before the end warns when it passes its age
   * (an OSD interval longer than the mgr's warn age ends here). */
  for (guint i = 0; i < n_pgs; i++)
    if (pgs[i].warn_age >= 0 && pgs[i].stamp + pgs[i].warn_age <= end)
      note_warning (first_warn, n_groups, pgs[i].group,
                    MAX (now, pgs[i].stamp + pgs[i].warn_age));
}
