/* kdcc-forecast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-forecast"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-forecast.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median_of_sorted (const double *v,
                  gsize         n)
{
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

gboolean
kdcc_forecast_fit (const KdccHistoryPoint *points,
                   guint                   n_points,
                   KdccForecastFit        *fit)
{
  g_autoptr(GArray) valid = g_array_new (FALSE, FALSE, sizeof (KdccHistoryPoint));
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *slopes = NULL;
  g_autofree double *residuals = NULL;
  gsize n, n_slopes = 0;
  double c;
  gssize lo, hi;

  memset (fit, 0, sizeof *fit);

  for (guint i = 0; i < n_points; i++)
    if (!isnan (points[i].value) && !isinf (points[i].value))
      g_array_append_val (valid, points[i]);

  fit->n_points = valid->len;
  if (valid->len > 0)
    {
      fit->last_time = g_array_index (valid, KdccHistoryPoint, valid->len - 1).time;
      fit->span = fit->last_time - g_array_index (valid, KdccHistoryPoint, 0).time;
    }
  if (valid->len < KDCC_FORECAST_MIN_POINTS || fit->span < KDCC_FORECAST_MIN_SPAN)
    return FALSE;

  /* Evenly picked samples keep the pairwise work bounded while covering
   * the whole span, which is what the slope is about. */
  n = MIN (valid->len, KDCC_FORECAST_MAX_FIT_POINTS);
  x = g_new (double, n);
  y = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      gsize k = n == valid->len ? i : i * (valid->len - 1) / (n - 1);
      const KdccHistoryPoint *p = &g_array_index (valid, KdccHistoryPoint, k);

      /* Seconds before the last sample: small numbers, no precision lost. */
      x[i] = (double) (p->time - fit->last_time) / 1000.0;
      y[i] = p->value;
    }

  slopes = g_new (double, n * (n - 1) / 2);
  for (gsize i = 0; i < n; i++)
    for (gsize j = i + 1; j < n; j++)
      if (x[j] != x[i])
        slopes[n_slopes++] = (y[j] - y[i]) / (x[j] - x[i]);
  if (n_slopes == 0)
    return FALSE;
  qsort (slopes, n_slopes, sizeof (double), compare_doubles);
  fit->slope = median_of_sorted (slopes, n_slopes);

  /* The rank-based interval of the Theil–Sen slope (Sen 1968): the
   * slopes C/2 ranks either side of the median, C from Kendall's tau
   * variance at 95 %. */
  c = 1.96 * sqrt ((double) n * (n - 1) * (2 * n + 5) / 18.0);
  lo = (gssize) floor (((double) n_slopes - c) / 2.0);
  hi = (gssize) ceil (((double) n_slopes + c) / 2.0);
  fit->slope_low = slopes[CLAMP (lo, 0, (gssize) n_slopes - 1)];
  fit->slope_high = slopes[CLAMP (hi, 0, (gssize) n_slopes - 1)];

  residuals = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    residuals[i] = y[i] - fit->slope * x[i];
  qsort (residuals, n, sizeof (double), compare_doubles);
  fit->intercept = median_of_sorted (residuals, n);
  fit->last_value = fit->intercept;

  return TRUE;
}

static gint64
time_at (const KdccForecastFit *fit,
         double                 slope,
         double                 limit)
{
  double seconds = (limit - fit->intercept) / slope;

  if (!(seconds * 1000.0 < (double) KDCC_FORECAST_HORIZON))
    return G_MAXINT64;
  return fit->last_time + (gint64) (seconds * 1000.0);
}

KdccForecastEta
kdcc_forecast_eta (const KdccForecastFit *fit,
                   double                 limit)
{
  KdccForecastEta eta = { KDCC_FORECAST_NOT_FILLING, 0, 0, G_MAXINT64 };

  if (fit->n_points < KDCC_FORECAST_MIN_POINTS || fit->span < KDCC_FORECAST_MIN_SPAN)
    {
      eta.state = KDCC_FORECAST_NOT_ENOUGH_HISTORY;
      return eta;
    }

  if (fit->intercept >= limit)
    {
      eta.state = KDCC_FORECAST_REACHED;
      eta.when = eta.earliest = eta.latest = fit->last_time;
      return eta;
    }

  /* Growth must be clear of the noise: the whole slope range above zero. */
  if (fit->slope <= 0 || fit->slope_low <= 0)
    return eta;

  eta.when = time_at (fit, fit->slope, limit);
  if (eta.when == G_MAXINT64)
    {
      eta.when = 0;
      return eta;
    }
  eta.state = KDCC_FORECAST_FILLING;
  eta.earliest = time_at (fit, fit->slope_high, limit);
  eta.latest = time_at (fit, fit->slope_low, limit);
  return eta;
}

void
kdcc_forecast_capacity (const KdccHistorySeries *used,
                        double                   capacity,
                        double                   nearfull_ratio,
                        double                   full_ratio,
                        double                   quota,
                        KdccCapacityForecast    *forecast)
{
  memset (forecast, 0, sizeof *forecast);

  forecast->fitted = kdcc_forecast_fit ((const KdccHistoryPoint *) used->points->data,
                                        used->points->len, &forecast->fit);
  forecast->nearfull = kdcc_forecast_eta (&forecast->fit, capacity * nearfull_ratio);
  forecast->full = kdcc_forecast_eta (&forecast->fit, capacity * full_ratio);
  if (quota > 0)
    forecast->quota = kdcc_forecast_eta (&forecast->fit, quota);
  else
    forecast->quota = (KdccForecastEta) { KDCC_FORECAST_NOT_FILLING, 0, 0, G_MAXINT64 };
}

static char *
format_duration (gint64 ms)
{
  gint64 hours = MAX (ms, 0) / (3600 * 1000);

  if (hours < 48)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " hour",
                                         "%" G_GINT64_FORMAT " hours", hours), hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " day",
                                       "%" G_GINT64_FORMAT " days", hours / 24), hours / 24);
}

char *
kdcc_forecast_eta_describe (const KdccForecastEta *eta,
                            gint64                 now)
{
  g_autofree char *when = NULL;
  g_autofree char *earliest = NULL;
  g_autofree char *latest = NULL;

  switch (eta->state)
    {
    case KDCC_FORECAST_NOT_ENOUGH_HISTORY:
      return g_strdup (_("Not enough history yet"));
    case KDCC_FORECAST_NOT_FILLING:
      return g_strdup (_("Not filling"));
    case KDCC_FORECAST_REACHED:
      return g_strdup (_("Already reached"));
    case KDCC_FORECAST_FILLING:
    default:
      break;
    }

  when = format_duration (eta->when - now);
  earliest = format_duration (eta->earliest - now);
  if (eta->latest == G_MAXINT64)
    /* TRANSLATORS: "in about 12 days (not before 9 days)" */
    return g_strdup_printf (_("In about %s (not before %s)"), when, earliest);
  latest = format_duration (eta->latest - now);
  /* TRANSLATORS: "in about 12 days (between 9 days and 17 days)" */
  return g_strdup_printf (_("In about %s (between %s and %s)"), when, earliest, latest);
}
