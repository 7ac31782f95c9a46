/* kdcc-forecast.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-history.h"

G_BEGIN_DECLS

/* When a pool or the cluster fills up at its current growth rate.
 *
 * The fit is Theil–Sen: the slope is the median of the slopes between every
 * pair of samples, so a burst, a deleted snapshot or a few bad samples do
 * not tilt it as they would a least-squares line. Its range is the
 * rank-based 95 % interval of those pairwise slopes; a date is given with
 * the earliest and latest date that range allows. Growth counts only when
 * the whole interval is above zero: a series that might as well be flat is
 * "not filling", as is one that shrinks. */

/* Less history than this gives KDCC_FORECAST_NOT_ENOUGH_HISTORY. */
#define KDCC_FORECAST_MIN_POINTS 12
#define KDCC_FORECAST_MIN_SPAN   (60 * 60 * 1000)   /* ms: one hour */
/* The fit uses at most this many samples (evenly picked), which keeps the
 * pairwise slopes at about 80,000. */
#define KDCC_FORECAST_MAX_FIT_POINTS 400
/* Dates further away than this are "not filling". */
#define KDCC_FORECAST_HORIZON ((gint64) 10 * 365 * 24 * 3600 * 1000)

typedef enum
{
  KDCC_FORECAST_NOT_ENOUGH_HISTORY,
  KDCC_FORECAST_NOT_FILLING,       /* flat, shrinking, or growth within the noise */
  KDCC_FORECAST_FILLING,           /* reaches the limit at "when" */
  KDCC_FORECAST_REACHED,           /* already at or above the limit */
} KdccForecastState;

typedef struct
{
  guint   n_points;
  gint64  span;             /* ms between the first and the last sample */
  gint64  last_time;        /* Unix ms of the last sample */
  double  last_value;       /* the fitted value at last_time */
  double  slope;            /* units per second */
  double  slope_low;        /* the 95 % range of the slope */
  double  slope_high;
  double  intercept;        /* value at last_time on the fitted line */
} KdccForecastFit;

typedef struct
{
  KdccForecastState state;
  gint64            when;       /* Unix ms; FILLING only */
  gint64            earliest;   /* at slope_high */
  gint64            latest;     /* at slope_low; G_MAXINT64 when the range allows no growth */
} KdccForecastEta;

/* Fits the points that are not gaps (NAN). Returns FALSE (fit->n_points
 * and fit->span still set) when there are fewer than
 * KDCC_FORECAST_MIN_POINTS or they span less than KDCC_FORECAST_MIN_SPAN. */
gboolean          kdcc_forecast_fit        (const KdccHistoryPoint *points,
                                            guint                   n_points,
                                            KdccForecastFit        *fit);

/* When the fitted line reaches limit (same unit as the series). */
KdccForecastEta   kdcc_forecast_eta        (const KdccForecastFit  *fit,
                                            double                  limit);

/* Capacity of one pool or the cluster: when the used series reaches
 * nearfull_ratio and full_ratio of capacity (mon_osd_nearfull_ratio and
 * mon_osd_full_ratio, e.g. 0.85 and 0.95) and, when quota is non-zero, the
 * pool's quota (bytes). For the cluster: KDCC_HISTORY_CAPACITY_USED against
 * the raw total; for a pool: KDCC_HISTORY_POOL_STORED against stored +
 * max_avail of the latest refresh (what the pool could hold now). */
typedef struct
{
  KdccForecastFit fit;
  gboolean        fitted;
  KdccForecastEta nearfull;
  KdccForecastEta full;
  KdccForecastEta quota;    /* state NOT_FILLING when there is no quota */
} KdccCapacityForecast;

void              kdcc_forecast_capacity   (const KdccHistorySeries *used,
                                            double                   capacity,
                                            double                   nearfull_ratio,
                                            double                   full_ratio,
                                            double                   quota,
                                            KdccCapacityForecast    *forecast);

/* A sentence for the dashboard and the pool page, e.g. "Reaches full in
 * about 12 days (between 9 and 17 days)", "Not filling", "Not enough
 * history yet". now is Unix ms. */
char             *kdcc_forecast_eta_describe (const KdccForecastEta  *eta,
                                              gint64                  now);

G_END_DECLS
