/* kdcc-chart-series.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-chart-series"

#include "config.h"

#include <math.h>

#include "kdcc-chart-series.h"
#include "kdcc-enums.h"

struct _KdccChartSeries
{
  GObject        parent_instance;

  char          *title;
  KdccChartUnit  unit;
  gint64         interval;
  guint64        stamp;

  /* Two parallel arrays rather than an array of structs: the chart's
   * decimation reads times to find the window and values to reduce it. */
  GArray        *times;   /* gint64 */
  GArray        *values;  /* double */
};

G_DEFINE_FINAL_TYPE (KdccChartSeries, kdcc_chart_series, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_UNIT,
  PROP_INTERVAL,
  PROP_N_POINTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

gint64
kdcc_chart_range_get_seconds (KdccChartRange range)
{
  switch (range)
    {
    case KDCC_CHART_RANGE_1H:
      return 3600;
    case KDCC_CHART_RANGE_6H:
      return 6 * 3600;
    case KDCC_CHART_RANGE_24H:
      return 24 * 3600;
    case KDCC_CHART_RANGE_7D:
      return 7 * 24 * 3600;
    default:
      return 3600;
    }
}

guint
kdcc_chart_lower_bound (const gint64 *times,
                        guint         n_points,
                        gint64        time_usec)
{
  guint lo = 0, hi = n_points;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (times[mid] < time_usec)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
changed (KdccChartSeries *self,
         guint            old_n)
{
  self->stamp++;
  if (old_n != self->times->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
kdcc_chart_series_finalize (GObject *object)
{
  KdccChartSeries *self = (KdccChartSeries *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->times, g_array_unref);
  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (kdcc_chart_series_parent_class)->finalize (object);
}

static void
kdcc_chart_series_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KdccChartSeries *self = KDCC_CHART_SERIES (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_enum (value, self->unit);
      break;
    case PROP_INTERVAL:
      g_value_set_int64 (value, self->interval);
      break;
    case PROP_N_POINTS:
      g_value_set_uint (value, self->times->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_chart_series_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KdccChartSeries *self = KDCC_CHART_SERIES (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      kdcc_chart_series_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      self->unit = g_value_get_enum (value);
      break;
    case PROP_INTERVAL:
      kdcc_chart_series_set_interval (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_chart_series_class_init (KdccChartSeriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_chart_series_finalize;
  object_class->get_property = kdcc_chart_series_get_property;
  object_class->set_property = kdcc_chart_series_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNIT] =
    g_param_spec_enum ("unit", NULL, NULL, KDCC_TYPE_CHART_UNIT, KDCC_CHART_UNIT_NONE,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_INTERVAL] =
    g_param_spec_int64 ("interval", NULL, NULL, 0, G_MAXINT32, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_chart_series_init (KdccChartSeries *self)
{
  self->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
}

KdccChartSeries *
kdcc_chart_series_new (const char    *title,
                       KdccChartUnit  unit)
{
  return g_object_new (KDCC_TYPE_CHART_SERIES, "title", title, "unit", unit, NULL);
}

const char *
kdcc_chart_series_get_title (KdccChartSeries *self)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), NULL);

  return self->title;
}

void
kdcc_chart_series_set_title (KdccChartSeries *self,
                             const char      *title)
{
  g_return_if_fail (KDCC_IS_CHART_SERIES (self));

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

KdccChartUnit
kdcc_chart_series_get_unit (KdccChartSeries *self)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), KDCC_CHART_UNIT_NONE);

  return self->unit;
}

gint64
kdcc_chart_series_get_interval (KdccChartSeries *self)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), 0);

  return self->interval;
}

void
kdcc_chart_series_set_interval (KdccChartSeries *self,
                                gint64           seconds)
{
  g_return_if_fail (KDCC_IS_CHART_SERIES (self));

  if (seconds != self->interval)
    {
      self->interval = seconds;
      self->stamp++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
    }
}

gint64
kdcc_chart_series_get_max_gap (KdccChartSeries *self)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), 0);

  /* One late or skipped refresh is jitter, not an outage worth a hole. */
  return self->interval * G_USEC_PER_SEC * 5 / 2;
}

guint
kdcc_chart_series_get_n_points (KdccChartSeries *self)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), 0);

  return self->times->len;
}

gboolean
kdcc_chart_series_append (KdccChartSeries *self,
                          gint64           time_usec,
                          double           value)
{
  guint old_n;

  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), FALSE);

  old_n = self->times->len;
  if (old_n > 0 && time_usec <= g_array_index (self->times, gint64, old_n - 1))
    return FALSE;

  g_array_append_val (self->times, time_usec);
  g_array_append_val (self->values, value);
  changed (self, old_n);
  return TRUE;
}

gboolean
kdcc_chart_series_set_points (KdccChartSeries *self,
                              const gint64    *times,
                              const double    *values,
                              guint            n_points)
{
  guint old_n;

  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), FALSE);
  g_return_val_if_fail (n_points == 0 || (times != NULL && values != NULL), FALSE);

  for (guint i = 1; i < n_points; i++)
    if (times[i] <= times[i - 1])
      return FALSE;

  old_n = self->times->len;
  g_array_set_size (self->times, 0);
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->times, times, n_points);
  g_array_append_vals (self->values, values, n_points);
  changed (self, old_n);
  return TRUE;
}

void
kdcc_chart_series_trim_before (KdccChartSeries *self,
                               gint64           time_usec)
{
  guint n;

  g_return_if_fail (KDCC_IS_CHART_SERIES (self));

  n = kdcc_chart_lower_bound ((const gint64 *) (gpointer) self->times->data, self->times->len,
                              time_usec);
  if (n == 0)
    return;

  {
    guint old_n = self->times->len;

    g_array_remove_range (self->times, 0, n);
    g_array_remove_range (self->values, 0, n);
    changed (self, old_n);
  }
}

void
kdcc_chart_series_clear (KdccChartSeries *self)
{
  guint old_n;

  g_return_if_fail (KDCC_IS_CHART_SERIES (self));

  old_n = self->times->len;
  if (old_n == 0)
    return;
  g_array_set_size (self->times, 0);
  g_array_set_size (self->values, 0);
  changed (self, old_n);
}

const gint64 *
kdcc_chart_series_get_times (KdccChartSeries *self,
                             guint           *n_points)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), NULL);

  if (n_points != NULL)
    *n_points = self->times->len;
  return (const gint64 *) (gpointer) self->times->data;
}

const double *
kdcc_chart_series_get_values (KdccChartSeries *self,
                              guint           *n_points)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), NULL);

  if (n_points != NULL)
    *n_points = self->values->len;
  return (const double *) (gpointer) self->values->data;
}

guint64
kdcc_chart_series_get_stamp (KdccChartSeries *self)
{
  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), 0);

  return self->stamp;
}

gboolean
kdcc_chart_series_get_nearest (KdccChartSeries *self,
                               gint64           time_usec,
                               gint64           max_distance_usec,
                               gint64          *out_time,
                               double          *out_value)
{
  const gint64 *times;
  const double *values;
  guint n, i;
  gint64 best_distance = G_MAXINT64;
  gint64 best_time = 0;
  double best_value = NAN;
  gboolean found = FALSE;

  g_return_val_if_fail (KDCC_IS_CHART_SERIES (self), FALSE);

  times = kdcc_chart_series_get_times (self, &n);
  values = kdcc_chart_series_get_values (self, NULL);
  i = kdcc_chart_lower_bound (times, n, time_usec);

  /* Look outwards from the insertion point on both sides, stopping at the
   * first real value: times are sorted, so nothing further can be nearer. */
  for (guint j = i; j < n; j++)
    if (!isnan (values[j]))
      {
        best_distance = times[j] - time_usec;
        best_time = times[j];
        best_value = values[j];
        found = TRUE;
        break;
      }
  for (guint j = i; j > 0; j--)
    if (!isnan (values[j - 1]))
      {
        if (time_usec - times[j - 1] <= best_distance)
          {
            best_distance = time_usec - times[j - 1];
            best_time = times[j - 1];
            best_value = values[j - 1];
            found = TRUE;
          }
        break;
      }

  if (!found || (max_distance_usec > 0 && best_distance > max_distance_usec))
    return FALSE;

  if (out_time != NULL)
    *out_time = best_time;
  if (out_value != NULL)
    *out_value = best_value;
  return TRUE;
}
