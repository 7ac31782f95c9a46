/* kdcc-scrub-math.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The arithmetic of Ceph's scrub schedule and of its two scrub health
 * checks, free of any I/O so that tests can feed it months of stamps:
 * scrub windows (as the OSD's scrub_time_permit() reads them), the
 * overdue cutoffs of PG_NOT_SCRUBBED / PG_NOT_DEEP_SCRUBBED (as the mgr's
 * PGMap::get_health_checks() computes them), age histograms and the
 * deep-scrub queue simulation behind the forecast.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The OSD options osd_scrub_begin_hour/_end_hour (0-23) and
 * osd_scrub_begin_week_day/_end_week_day (0-6, 0 = Sunday). Each pair is
 * a half-open range [begin, end) taken modulo the day or week, so it may
 * wrap past midnight or Saturday; begin == end (0/0 too) means always.
 * The day and the hour must both allow a scrub. */
typedef struct
{
  int begin_hour;
  int end_hour;
  int begin_week_day;
  int end_week_day;
} KdccScrubWindow;

/* Whether WINDOW allows a scheduled scrub at WEEK_DAY (0-6) and HOUR (0-23)
 * local time. */
gboolean  kdcc_scrub_window_allows        (const KdccScrubWindow *window,
                                           int                    week_day,
                                           int                    hour);
/* The same for a moment (unix seconds), in the given time zone (NULL: the
 * local one; the OSDs use their host's local time). */
gboolean  kdcc_scrub_window_allows_at     (const KdccScrubWindow *window,
                                           gint64                 unix_seconds,
                                           GTimeZone             *tz);
/* The hours of the week (out of 168) the window allows. */
guint     kdcc_scrub_window_hours_per_week (const KdccScrubWindow *window);
/* hours_per_week / 168, in 0..1. */
double    kdcc_scrub_window_share         (const KdccScrubWindow *window);
/* Fills WEEK[7][24] (day 0 = Sunday) with whether each hour is allowed:
 * the week view. */
void      kdcc_scrub_window_fill_week     (const KdccScrubWindow *window,
                                           gboolean               week[7][24]);
/* Whether all four values are in Ceph's ranges. */
gboolean  kdcc_scrub_window_is_valid      (const KdccScrubWindow *window);

/* The age (seconds) past which the mgr calls a PG not (deep-)scrubbed in
 * time: ratio × interval + interval. The interval is the pool's
 * scrub_max_interval (or deep_scrub_interval) when that is > 0, else the
 * mgr's osd_scrub_max_interval (or osd_deep_scrub_interval). Returns a
 * negative number when RATIO is 0: the mgr then skips the check. */
double    kdcc_scrub_warn_age             (double                 ratio,
                                           double                 pool_interval,
                                           double                 mgr_interval);
/* PGMap's test: the stamp is strictly before now - warn_age. Stamps are
 * unix seconds (fractions allowed); a warn_age < 0 never fires. */
gboolean  kdcc_scrub_is_overdue           (double                 stamp,
                                           double                 now,
                                           double                 warn_age);

/* Age histogram bins: ages are counted in bins of WIDTH seconds, the last
 * bin collecting everything older. */
#define KDCC_SCRUB_HISTOGRAM_BINS 14

typedef struct
{
  double bin_width;                            /* seconds */
  guint  counts[KDCC_SCRUB_HISTOGRAM_BINS];
  guint  total;
} KdccScrubHistogram;

/* Picks a bin width so that WARN_AGE (or, when that is < 0, INTERVAL)
 * falls inside the histogram: a whole number of hours or days. */
double    kdcc_scrub_histogram_pick_width (double                 warn_age,
                                           double                 interval);
void      kdcc_scrub_histogram_init       (KdccScrubHistogram    *histogram,
                                           double                 bin_width);
void      kdcc_scrub_histogram_add        (KdccScrubHistogram    *histogram,
                                           double                 age);

/* One PG in the deep-scrub queue simulation. */
typedef struct
{
  double stamp;       /* last deep scrub (unix s) */
  double interval;    /* when the OSDs deep-scrub it again: stamp + interval */
  double warn_age;    /* < 0: no warning for its pool */
  guint  group;       /* the pool's index, for the per-group result */
} KdccScrubSimPg;

/* Simulates the OSDs deep-scrubbing PGS from NOW on, each PG when it is
 * due (stamp + interval) and a scrub slot is free, RATE PG scrubs per
 * second at most (the schedule's capacity, averaged over the windows),
 * oldest due first, for HORIZON seconds. FIRST_WARN[group] (N_GROUPS
 * entries) receives the first moment (unix s) a PG of that group passes
 * its warn age before it is scrubbed, or 0 when none does within the
 * horizon. RATE <= 0 means nothing is scrubbed. PGS is reordered. */
void      kdcc_scrub_simulate             (KdccScrubSimPg        *pgs,
                                           guint                  n_pgs,
                                           double                 now,
                                           double                 rate,
                                           double                 horizon,
                                           double                *first_warn,
                                           guint                  n_groups);

G_END_DECLS
