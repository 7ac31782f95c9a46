/* test-forecast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kdcc-forecast.h"

#define HOUR ((gint64) 3600 * 1000)
#define DAY  (24 * HOUR)
#define GIB  (1024.0 * 1024.0 * 1024.0)
#define T0   ((gint64) 1764547200000)   /* 2025-12-01 00:00 UTC */

/* A series of n samples every step from T0, value f(i). */
static KdccHistorySeries *
make_series (guint    n,
             gint64   step,
             double (*f) (guint i, gpointer data),
             gpointer data)
{
  KdccHistorySeries *series = kdcc_history_series_new (KDCC_HISTORY_CAPACITY_USED, NULL);

  for (guint i = 0; i < n; i++)
    kdcc_history_series_add (series, T0 + i * step, f (i, data));
  return series;
}

/* 100 GiB growing 1 GiB an hour. */
static double
linear (guint    i,
        gpointer data)
{
  return 100 * GIB + i * GIB;
}

static double
flat (guint    i,
      gpointer data)
{
  return 500 * GIB;
}

static double
shrinking (guint    i,
           gpointer data)
{
  return 800 * GIB - i * 0.5 * GIB;
}

/* The linear growth plus deterministic noise of ±20 GiB and a few wild
 * samples (a snapshot deleted, a burst) that least squares would follow. */
static double
noisy (guint    i,
       gpointer data)
{
  GRand *rand = data;
  double value = linear (i, NULL) + g_rand_double_range (rand, -20, 20) * GIB;

  if (i % 50 == 7)
    value += 300 * GIB;
  return value;
}

/* Flat with the same noise: must not look like growth. */
static double
flat_noisy (guint    i,
            gpointer data)
{
  return 500 * GIB + g_rand_double_range (data, -20, 20) * GIB;
}

static void
test_linear (void)
{
  g_autoptr(KdccHistorySeries) series = make_series (200, HOUR, linear, NULL);
  KdccCapacityForecast forecast;
  gint64 last = T0 + 199 * HOUR;

  /* 1000 GiB capacity: nearfull at 850 GiB, full at 950 GiB; the last
   * sample is 299 GiB, so 551 and 651 hours to go. */
  kdcc_forecast_capacity (series, 1000 * GIB, 0.85, 0.95, 0, &forecast);

  g_assert_true (forecast.fitted);
  g_assert_cmpfloat_with_epsilon (forecast.fit.slope, GIB / 3600.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (forecast.fit.intercept, 299 * GIB, 1);
  g_assert_cmpint (forecast.nearfull.state, ==, KDCC_FORECAST_FILLING);
  g_assert_cmpint (forecast.full.state, ==, KDCC_FORECAST_FILLING);
  g_assert_cmpint (llabs (forecast.nearfull.when - (last + 551 * HOUR)), <, 1000);
  g_assert_cmpint (llabs (forecast.full.when - (last + 651 * HOUR)), <, 1000);
  /* An exact line has no spread. */
  g_assert_cmpint (llabs (forecast.full.earliest - forecast.full.when), <, 1000);
  g_assert_cmpint (llabs (forecast.full.latest - forecast.full.when), <, 1000);
  g_assert_cmpint (forecast.quota.state, ==, KDCC_FORECAST_NOT_FILLING);

  /* A pool quota of 400 GiB: 101 hours away. */
  kdcc_forecast_capacity (series, 1000 * GIB, 0.85, 0.95, 400 * GIB, &forecast);
  g_assert_cmpint (forecast.quota.state, ==, KDCC_FORECAST_FILLING);
  g_assert_cmpint (llabs (forecast.quota.when - (last + 101 * HOUR)), <, 1000);

  /* Already above nearfull. */
  kdcc_forecast_capacity (series, 300 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_cmpint (forecast.nearfull.state, ==, KDCC_FORECAST_REACHED);
  g_assert_cmpint (forecast.full.state, ==, KDCC_FORECAST_REACHED);
}

static void
test_flat (void)
{
  g_autoptr(KdccHistorySeries) series = make_series (100, HOUR, flat, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(KdccHistorySeries) noisy_flat = make_series (300, HOUR, flat_noisy, rand);
  KdccCapacityForecast forecast;
  g_autofree char *text = NULL;

  kdcc_forecast_capacity (series, 1000 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_true (forecast.fitted);
  g_assert_cmpfloat (forecast.fit.slope, ==, 0);
  g_assert_cmpint (forecast.nearfull.state, ==, KDCC_FORECAST_NOT_FILLING);
  g_assert_cmpint (forecast.full.state, ==, KDCC_FORECAST_NOT_FILLING);
  text = kdcc_forecast_eta_describe (&forecast.full, T0);
  g_assert_cmpstr (text, ==, "Not filling");

  kdcc_forecast_capacity (noisy_flat, 1000 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_true (forecast.fitted);
  g_assert_cmpfloat (forecast.fit.slope_low, <=, 0);
  g_assert_cmpint (forecast.full.state, ==, KDCC_FORECAST_NOT_FILLING);
}

static void
test_shrinking (void)
{
  g_autoptr(KdccHistorySeries) series = make_series (100, HOUR, shrinking, NULL);
  KdccCapacityForecast forecast;

  kdcc_forecast_capacity (series, 1000 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_true (forecast.fitted);
  g_assert_cmpfloat_with_epsilon (forecast.fit.slope, -0.5 * GIB / 3600.0, 1e-3);
  g_assert_cmpint (forecast.nearfull.state, ==, KDCC_FORECAST_NOT_FILLING);
  g_assert_cmpint (forecast.full.state, ==, KDCC_FORECAST_NOT_FILLING);
}

static void
test_noisy (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(KdccHistorySeries) series = make_series (300, HOUR, noisy, rand);
  KdccCapacityForecast forecast;
  gint64 last = T0 + 299 * HOUR;
  gint64 exact = last + 551 * HOUR - 100 * HOUR;   /* 399 GiB at the end, 850 to reach */
  g_autofree char *text = NULL;

  kdcc_forecast_capacity (series, 1000 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_true (forecast.fitted);
  /* The slope stays within 5 % of 1 GiB/h despite the wild samples. */
  g_assert_cmpfloat (fabs (forecast.fit.slope / (GIB / 3600.0) - 1), <, 0.05);
  g_assert_cmpint (forecast.nearfull.state, ==, KDCC_FORECAST_FILLING);
  /* Within a day of the true answer (451 hours away), and the range holds
   * it and has width. */
  g_assert_cmpint (llabs (forecast.nearfull.when - exact), <, DAY);
  g_assert_cmpint (forecast.nearfull.earliest, <, forecast.nearfull.when);
  g_assert_cmpint (forecast.nearfull.latest, >, forecast.nearfull.when);
  g_assert_cmpint (forecast.nearfull.earliest, <=, exact);
  g_assert_cmpint (forecast.nearfull.latest, >=, exact);

  text = kdcc_forecast_eta_describe (&forecast.nearfull, last);
  g_assert_true (g_str_has_prefix (text, "In about 18 days (between "));
}

static void
test_not_enough (void)
{
  g_autoptr(KdccHistorySeries) few = make_series (KDCC_FORECAST_MIN_POINTS - 1, HOUR, linear, NULL);
  /* Many points but only 30 minutes of them. */
  g_autoptr(KdccHistorySeries) short_span = make_series (60, 30 * 1000, linear, NULL);
  g_autoptr(KdccHistorySeries) gaps = kdcc_history_series_new (KDCC_HISTORY_CAPACITY_USED, NULL);
  KdccCapacityForecast forecast;
  g_autofree char *text = NULL;

  kdcc_forecast_capacity (few, 1000 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_false (forecast.fitted);
  g_assert_cmpint (forecast.full.state, ==, KDCC_FORECAST_NOT_ENOUGH_HISTORY);
  text = kdcc_forecast_eta_describe (&forecast.full, T0);
  g_assert_cmpstr (text, ==, "Not enough history yet");

  kdcc_forecast_capacity (short_span, 1000 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_false (forecast.fitted);
  g_assert_cmpint (forecast.nearfull.state, ==, KDCC_FORECAST_NOT_ENOUGH_HISTORY);

  /* Gaps are not samples. */
  for (guint i = 0; i < 50; i++)
    kdcc_history_series_add (gaps, T0 + i * HOUR, i < 5 ? linear (i, NULL) : NAN);
  kdcc_forecast_capacity (gaps, 1000 * GIB, 0.85, 0.95, 0, &forecast);
  g_assert_cmpuint (forecast.fit.n_points, ==, 5);
  g_assert_cmpint (forecast.full.state, ==, KDCC_FORECAST_NOT_ENOUGH_HISTORY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forecast/linear", test_linear);
  g_test_add_func ("/forecast/flat", test_flat);
  g_test_add_func ("/forecast/shrinking", test_shrinking);
  g_test_add_func ("/forecast/noisy", test_noisy);
  g_test_add_func ("/forecast/not-enough", test_not_enough);

  return g_test_run ();
}
