/* kdcc-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-history"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-history.h"

static const struct
{
  const char      *name;
  KdccHistoryUnit  unit;
  gboolean         labelled;
} metrics[KDCC_HISTORY_N_METRICS] = {
  [KDCC_HISTORY_CLIENT_READ_OPS]     = { "client-read-ops", KDCC_HISTORY_UNIT_OPS_PER_SECOND, FALSE },
  [KDCC_HISTORY_CLIENT_WRITE_OPS]    = { "client-write-ops", KDCC_HISTORY_UNIT_OPS_PER_SECOND, FALSE },
  [KDCC_HISTORY_CLIENT_READ_BYTES]   = { "client-read-bytes", KDCC_HISTORY_UNIT_BYTES_PER_SECOND, FALSE },
  [KDCC_HISTORY_CLIENT_WRITE_BYTES]  = { "client-write-bytes", KDCC_HISTORY_UNIT_BYTES_PER_SECOND, FALSE },
  [KDCC_HISTORY_RECOVERY_BYTES]      = { "recovery-bytes", KDCC_HISTORY_UNIT_BYTES_PER_SECOND, FALSE },
  [KDCC_HISTORY_RECOVERY_OBJECTS]    = { "recovery-objects", KDCC_HISTORY_UNIT_OBJECTS_PER_SECOND, FALSE },
  [KDCC_HISTORY_CAPACITY_USED]       = { "capacity-used", KDCC_HISTORY_UNIT_BYTES, FALSE },
  [KDCC_HISTORY_CAPACITY_TOTAL]      = { "capacity-total", KDCC_HISTORY_UNIT_BYTES, FALSE },
  [KDCC_HISTORY_PG_STATES]           = { "pg-states", KDCC_HISTORY_UNIT_COUNT, TRUE },
  [KDCC_HISTORY_POOL_READ_OPS]       = { "pool-read-ops", KDCC_HISTORY_UNIT_OPS_PER_SECOND, TRUE },
  [KDCC_HISTORY_POOL_WRITE_OPS]      = { "pool-write-ops", KDCC_HISTORY_UNIT_OPS_PER_SECOND, TRUE },
  [KDCC_HISTORY_POOL_READ_BYTES]     = { "pool-read-bytes", KDCC_HISTORY_UNIT_BYTES_PER_SECOND, TRUE },
  [KDCC_HISTORY_POOL_WRITE_BYTES]    = { "pool-write-bytes", KDCC_HISTORY_UNIT_BYTES_PER_SECOND, TRUE },
  [KDCC_HISTORY_POOL_STORED]         = { "pool-stored", KDCC_HISTORY_UNIT_BYTES, TRUE },
  [KDCC_HISTORY_POOL_MAX_AVAIL]      = { "pool-max-avail", KDCC_HISTORY_UNIT_BYTES, TRUE },
  [KDCC_HISTORY_OSD_APPLY_LATENCY]   = { "osd-apply-latency", KDCC_HISTORY_UNIT_MILLISECONDS, TRUE },
  [KDCC_HISTORY_OSD_COMMIT_LATENCY]  = { "osd-commit-latency", KDCC_HISTORY_UNIT_MILLISECONDS, TRUE },
  [KDCC_HISTORY_OSD_UTILIZATION]     = { "osd-utilization", KDCC_HISTORY_UNIT_PERCENT, TRUE },
};

static const char * const event_kinds[] = {
  [KDCC_HISTORY_EVENT_HEALTH_RAISED]  = "health-raised",
  [KDCC_HISTORY_EVENT_HEALTH_CLEARED] = "health-cleared",
  [KDCC_HISTORY_EVENT_OSD_DOWN]       = "osd-down",
  [KDCC_HISTORY_EVENT_OSD_UP]         = "osd-up",
  [KDCC_HISTORY_EVENT_OSD_OUT]        = "osd-out",
  [KDCC_HISTORY_EVENT_OSD_IN]         = "osd-in",
  [KDCC_HISTORY_EVENT_FLAG_SET]       = "flag-set",
  [KDCC_HISTORY_EVENT_FLAG_UNSET]     = "flag-unset",
  [KDCC_HISTORY_EVENT_CONFIG_CHANGED] = "config-changed",
  [KDCC_HISTORY_EVENT_OPERATION]      = "operation",
};

/* The PG state words the mgr exporter counts as ceph_pg_<word> that an
 * admin looks at; the rest (premerge, laggy, ...) are rare enough to leave
 * out of a chart. */
static const char * const pg_state_words[] = {
  "active", "clean", "degraded", "undersized", "peering", "recovering",
  "recovery_wait", "backfilling", "backfill_wait", "remapped", "scrubbing",
  "deep", "inconsistent", "stale", "down", "incomplete", "unknown", NULL,
};

const char *
kdcc_history_metric_to_string (KdccHistoryMetric metric)
{
  g_return_val_if_fail (metric < KDCC_HISTORY_N_METRICS, NULL);

  return metrics[metric].name;
}

gboolean
kdcc_history_metric_from_string (const char        *str,
                                 KdccHistoryMetric *metric)
{
  for (guint i = 0; str != NULL && i < KDCC_HISTORY_N_METRICS; i++)
    if (g_str_equal (str, metrics[i].name))
      {
        *metric = i;
        return TRUE;
      }
  return FALSE;
}

KdccHistoryUnit
kdcc_history_metric_get_unit (KdccHistoryMetric metric)
{
  g_return_val_if_fail (metric < KDCC_HISTORY_N_METRICS, KDCC_HISTORY_UNIT_COUNT);

  return metrics[metric].unit;
}

gboolean
kdcc_history_metric_is_labelled (KdccHistoryMetric metric)
{
  g_return_val_if_fail (metric < KDCC_HISTORY_N_METRICS, FALSE);

  return metrics[metric].labelled;
}

const char * const *
kdcc_history_pg_state_words (void)
{
  return pg_state_words;
}

const char *
kdcc_history_event_kind_to_string (KdccHistoryEventKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (event_kinds), NULL);

  return event_kinds[kind];
}

gboolean
kdcc_history_event_kind_from_string (const char           *str,
                                     KdccHistoryEventKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (event_kinds); i++)
    if (g_str_equal (str, event_kinds[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* Series */

G_DEFINE_BOXED_TYPE (KdccHistorySeries, kdcc_history_series,
                     kdcc_history_series_ref, kdcc_history_series_unref)

KdccHistorySeries *
kdcc_history_series_new (KdccHistoryMetric  metric,
                         const char        *label)
{
  KdccHistorySeries *self = g_new0 (KdccHistorySeries, 1);

  self->ref_count = 1;
  self->metric = metric;
  self->label = g_strdup (label);
  self->points = g_array_new (FALSE, FALSE, sizeof (KdccHistoryPoint));
  return self;
}

KdccHistorySeries *
kdcc_history_series_ref (KdccHistorySeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
kdcc_history_series_unref (KdccHistorySeries *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->label);
  g_array_unref (self->points);
  g_free (self);
}

void
kdcc_history_series_add (KdccHistorySeries *self,
                         gint64             time,
                         double             value)
{
  KdccHistoryPoint point = { time, value };

  g_array_append_val (self->points, point);
}

guint
kdcc_history_series_count_values (const KdccHistorySeries *self)
{
  guint n = 0;

  for (guint i = 0; i < self->points->len; i++)
    if (!isnan (g_array_index (self->points, KdccHistoryPoint, i).value))
      n++;
  return n;
}

gboolean
kdcc_history_query_check (const KdccHistoryQuery  *query,
                          GError                 **error)
{
  if (query->metric >= KDCC_HISTORY_N_METRICS)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("Unknown history series %d"), (int) query->metric);
      return FALSE;
    }
  if (query->step <= 0 || query->end < query->start)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A history range needs an end after its start and a positive step"));
      return FALSE;
    }
  if ((query->end - query->start) / query->step >= KDCC_HISTORY_MAX_POINTS)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A history range of more than %d steps was asked for; use a larger step"),
                   KDCC_HISTORY_MAX_POINTS);
      return FALSE;
    }
  return TRUE;
}

/* Events */

G_DEFINE_BOXED_TYPE (KdccHistoryEvent, kdcc_history_event,
                     kdcc_history_event_copy, kdcc_history_event_free)

KdccHistoryEvent *
kdcc_history_event_new (gint64                time,
                        KdccHistoryEventKind  kind,
                        const char           *subject,
                        const char           *detail)
{
  KdccHistoryEvent *self = g_new0 (KdccHistoryEvent, 1);

  self->time = time;
  self->kind = kind;
  self->subject = g_strdup (subject ? subject : "");
  self->detail = g_strdup (detail);
  return self;
}

KdccHistoryEvent *
kdcc_history_event_copy (const KdccHistoryEvent *self)
{
  return kdcc_history_event_new (self->time, self->kind, self->subject, self->detail);
}

void
kdcc_history_event_free (KdccHistoryEvent *self)
{
  if (self == NULL)
    return;

  g_free (self->subject);
  g_free (self->detail);
  g_free (self);
}

char *
kdcc_history_event_describe (const KdccHistoryEvent *self)
{
  g_autofree char *what = NULL;

  switch (self->kind)
    {
    case KDCC_HISTORY_EVENT_HEALTH_RAISED:
      what = g_strdup_printf (_("Health check %s raised"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_HEALTH_CLEARED:
      what = g_strdup_printf (_("Health check %s cleared"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_OSD_DOWN:
      what = g_strdup_printf (_("%s went down"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_OSD_UP:
      what = g_strdup_printf (_("%s came up"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_OSD_OUT:
      what = g_strdup_printf (_("%s was marked out"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_OSD_IN:
      what = g_strdup_printf (_("%s was marked in"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_FLAG_SET:
      what = g_strdup_printf (_("Flag %s set"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_FLAG_UNSET:
      what = g_strdup_printf (_("Flag %s unset"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_CONFIG_CHANGED:
      what = g_strdup_printf (_("Configuration %s changed"), self->subject);
      break;
    case KDCC_HISTORY_EVENT_OPERATION:
    default:
      what = g_strdup (self->subject);
      break;
    }

  if (self->detail == NULL || self->detail[0] == '\0')
    return g_steal_pointer (&what);
  /* TRANSLATORS: an event and its detail, e.g. "Health check OSD_DOWN raised: 1 osds down" */
  return g_strdup_printf (_("%s: %s"), what, self->detail);
}

/* Downsampling */

GArray *
kdcc_history_downsample (const KdccHistoryPoint *samples,
                         guint                   n_samples,
                         gint64                  start,
                         gint64                  end,
                         gint64                  step)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (KdccHistoryPoint));
  gint64 last_bucket = G_MININT64;
  gint64 bucket = 0;
  double sum = 0;
  guint n = 0;

  g_return_val_if_fail (step > 0, out);

  for (guint i = 0; i <= n_samples; i++)
    {
      gboolean flush = (i == n_samples);
      gint64 b = 0;

      if (!flush)
        {
          const KdccHistoryPoint *s = &samples[i];

          if (s->time < start || s->time > end || isnan (s->value))
            continue;
          b = (s->time - start) / step;
          flush = (n > 0 && b != bucket);
        }

      if (flush && n > 0)
        {
          KdccHistoryPoint p;

          /* A run of empty buckets between two samples is a gap: one NAN
           * at its first bucket is enough to break the line. */
          if (last_bucket != G_MININT64 && bucket > last_bucket + 1)
            {
              p.time = start + (last_bucket + 1) * step;
              p.value = NAN;
              g_array_append_val (out, p);
            }
          p.time = start + bucket * step;
          p.value = sum / n;
          g_array_append_val (out, p);
          last_bucket = bucket;
          sum = 0;
          n = 0;
        }

      if (i == n_samples)
        break;
      bucket = b;
      sum += samples[i].value;
      n++;
    }

  return out;
}

/* The interface */

G_DEFINE_INTERFACE (KdccHistory, kdcc_history, G_TYPE_OBJECT)

static void
kdcc_history_default_init (KdccHistoryInterface *iface)
{
}

char *
kdcc_history_dup_description (KdccHistory *self)
{
  KdccHistoryInterface *iface;

  g_return_val_if_fail (KDCC_IS_HISTORY (self), NULL);

  iface = KDCC_HISTORY_GET_IFACE (self);
  if (iface->dup_description == NULL)
    return g_strdup (G_OBJECT_TYPE_NAME (self));
  return iface->dup_description (self);
}

GPtrArray *
kdcc_history_query_range (KdccHistory             *self,
                          const KdccHistoryQuery  *query,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  KdccHistoryInterface *iface;

  g_return_val_if_fail (KDCC_IS_HISTORY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!kdcc_history_query_check (query, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  iface = KDCC_HISTORY_GET_IFACE (self);
  if (iface->query_range == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("This history store cannot answer range queries"));
      return NULL;
    }
  return iface->query_range (self, query, cancellable, error);
}

GPtrArray *
kdcc_history_list_events (KdccHistory   *self,
                          gint64         start,
                          gint64         end,
                          GCancellable  *cancellable,
                          GError       **error)
{
  KdccHistoryInterface *iface;

  g_return_val_if_fail (KDCC_IS_HISTORY (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  iface = KDCC_HISTORY_GET_IFACE (self);
  if (iface->list_events == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_history_event_free);
  return iface->list_events (self, start, end, cancellable, error);
}

typedef struct
{
  KdccHistoryQuery query;
  char            *label;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->label);
  g_free (data);
}

static void
query_range_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  QueryData *data = task_data;
  GError *error = NULL;
  GPtrArray *series;

  series = kdcc_history_query_range (KDCC_HISTORY (source_object), &data->query,
                                     cancellable, &error);
  if (series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, series, (GDestroyNotify) g_ptr_array_unref);
}

void
kdcc_history_query_range_async (KdccHistory            *self,
                                const KdccHistoryQuery *query,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (KDCC_IS_HISTORY (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (QueryData, 1);
  data->query = *query;
  data->label = g_strdup (query->label);
  data->query.label = data->label;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_history_query_range_async);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  g_task_run_in_thread (task, query_range_thread);
}

GPtrArray *
kdcc_history_query_range_finish (KdccHistory   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64 start;
  gint64 end;
} EventsData;

static void
list_events_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  EventsData *data = task_data;
  GError *error = NULL;
  GPtrArray *events;

  events = kdcc_history_list_events (KDCC_HISTORY (source_object), data->start, data->end,
                                     cancellable, &error);
  if (events == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

void
kdcc_history_list_events_async (KdccHistory         *self,
                                gint64               start,
                                gint64               end,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  EventsData *data;

  g_return_if_fail (KDCC_IS_HISTORY (self));

  data = g_new0 (EventsData, 1);
  data->start = start;
  data->end = end;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_history_list_events_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, list_events_thread);
}

GPtrArray *
kdcc_history_list_events_finish (KdccHistory   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
