/* kdcc-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-memory.h"
#include "kdcc-monitor.h"

/* The refresh loop.
 *
 * At most one fetch is in flight. Each fetch runs on a GTask worker thread
 * (kdcc_source_fetch_snapshot_async) with a GCancellable owned by the
 * monitor; stop() and dispose cancel it and drop it, so the result of a
 * fetch that was cancelled is thrown away without touching the model. The
 * in-flight request holds only a weak reference to the monitor and a strong
 * one to the cluster, so a late result can never reach a finalized object.
 *
 * After each attempt the next one is scheduled with a timeout: "interval"
 * after a success, and interval * 2^(failures - 1), capped at
 * "max-backoff", after a failure. */

struct _KdccMonitor
{
  GObject       parent_instance;

  /* Owned references */
  KdccSource   *source;
  KdccCluster  *cluster;
  GCancellable *cancellable;

  guint         interval;
  guint         max_backoff;
  guint         heavy_interval;
  guint         time_unit_ms;

  guint         timeout_id;
  gint64        last_heavy;    /* monotonic start time of the last successful heavy fetch */
  guint         failures;
  guint         running : 1;
  guint         busy : 1;
  guint         again : 1;     /* refresh_now() arrived while a fetch was in flight */
  guint         first_done : 1; /* the progressive first fetch ran (see light_cb) */
  guint         progressive : 1;
};

G_DEFINE_FINAL_TYPE (KdccMonitor, kdcc_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_CLUSTER,
  PROP_INTERVAL,
  PROP_MAX_BACKOFF,
  PROP_HEAVY_INTERVAL,
  PROP_TIME_UNIT_MS,
  PROP_RUNNING,
  PROP_BUSY,
  PROP_FAILURES,
  N_PROPS
};

enum {
  REFRESH_DONE,
  SNAPSHOT_APPLIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef      monitor;
  KdccCluster  *cluster;
  GCancellable *cancellable;
  gboolean      heavy;
  gint64        started;
} Request;

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->monitor);
  g_clear_object (&request->cluster);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static void start_refresh (KdccMonitor *self);

static void
set_busy (KdccMonitor *self,
          gboolean     busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_failures (KdccMonitor *self,
              guint        failures)
{
  if (self->failures == failures)
    return;
  self->failures = failures;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
}

static gboolean
timeout_cb (gpointer user_data)
{
  KdccMonitor *self = user_data;

  self->timeout_id = 0;
  start_refresh (self);
  return G_SOURCE_REMOVE;
}

/* @units are seconds, or time-unit-ms milliseconds in tests. */
static void
schedule (KdccMonitor *self,
          guint        units)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (units == 0)
    self->timeout_id = g_idle_add (timeout_cb, self);
  else if (self->time_unit_ms == 1000)
    self->timeout_id = g_timeout_add_seconds (units, timeout_cb, self);
  else
    self->timeout_id = g_timeout_add ((guint) MIN ((guint64) units * self->time_unit_ms,
                                                   (guint64) G_MAXUINT),
                                      timeout_cb, self);
}

static guint
next_delay (KdccMonitor *self)
{
  guint64 delay;

  if (self->failures == 0)
    return self->interval;

  /* interval, 2x, 4x, ...: the shift is bounded so it cannot overflow. */
  delay = (guint64) self->interval << MIN (self->failures - 1, 32u);
  return (guint) MIN (delay, (guint64) MAX (self->max_backoff, self->interval));
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(KdccMonitor) self = NULL;
  g_autoptr(KdccSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (result, kdcc_source_fetch_first_async))
    snapshot = kdcc_source_fetch_first_finish (KDCC_SOURCE (object), result, &error);
  else
    snapshot = kdcc_source_fetch_snapshot_finish (KDCC_SOURCE (object), result, &error);

  /* Stopped or disposed meanwhile: the answer belongs to nobody. */
  if (g_cancellable_is_cancelled (request->cancellable))
    return;
  self = g_weak_ref_get (&request->monitor);
  if (self == NULL)
    return;

  set_busy (self, FALSE);

  if (snapshot != NULL)
    {
      /* Measured from the start of the heavy fetch so the cadence does not
       * drift by the time each fetch takes. */
      if (request->heavy)
        self->last_heavy = request->started;
      kdcc_cluster_apply_snapshot (request->cluster, snapshot);
      g_signal_emit (self, signals[SNAPSHOT_APPLIED], 0, snapshot);
      set_failures (self, 0);
      /* The worker's parse of the heavy maps and the lists the model
       * replaced are freed by now or when this returns (the snapshot). */
      if (snapshot->osds != NULL || snapshot->pgs != NULL)
        kdcc_memory_trim_later ();
    }
  else
    {
      /* A source that fails without saying why still counts as a failure. */
      if (error == NULL)
        g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_FAILED,
                             _("The cluster returned no data"));
      g_debug ("Refresh of %s failed: %s",
               kdcc_cluster_get_name (request->cluster), error->message);
      kdcc_cluster_mark_stale (request->cluster, error);
      set_failures (self, self->failures + 1);
    }

  g_signal_emit (self, signals[REFRESH_DONE], 0, error);

  /* A refresh-done handler may have stopped the monitor or started the
   * next refresh itself; only schedule when neither happened. */
  if (self->busy)
    return;
  if (self->again)
    {
      self->again = FALSE;
      schedule (self, 0);
    }
  else if (self->running && self->timeout_id == 0)
    schedule (self, next_delay (self));
}

/* Progressive start: the first fetch hands status and health over (a
 * partial snapshot) while it goes on with the heavy maps; they are shown
 * at once. A complete snapshot is never replaced by a partial one. */
static void
light_cb (KdccSnapshot *snapshot,
          gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(KdccMonitor) self = NULL;

  if (g_cancellable_is_cancelled (request->cancellable))
    return;
  self = g_weak_ref_get (&request->monitor);
  if (self == NULL)
    return;
  if (!kdcc_cluster_get_has_data (request->cluster))
    kdcc_cluster_apply_snapshot (request->cluster, snapshot);
}

static Request *
request_new (KdccMonitor *self,
             gint64       now)
{
  Request *request = g_new0 (Request, 1);

  g_weak_ref_init (&request->monitor, self);
  request->cluster = g_object_ref (self->cluster);
  request->cancellable = g_object_ref (self->cancellable);
  request->started = now;
  return request;
}

static void
start_refresh (KdccMonitor *self)
{
  Request *request;
  gint64 now = g_get_monotonic_time ();
  gint64 heavy_period = (gint64) self->heavy_interval * self->time_unit_ms * 1000;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  /* Disposed: nothing may start any more. */
  if (self->cancellable == NULL)
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  request = request_new (self, now);
  request->heavy = self->last_heavy == 0 || now - self->last_heavy >= heavy_period;

  kdcc_source_set_wanted (self->source, kdcc_cluster_get_pg_list_wanted (self->cluster)
                                         ? KDCC_MODEL_PART_PG_LIST : KDCC_MODEL_PART_NONE);
  set_busy (self, TRUE);
  if (!self->first_done && self->progressive && kdcc_source_can_fetch_first (self->source)
      && !kdcc_cluster_get_has_data (self->cluster))
    {
      self->first_done = TRUE;
      request->heavy = TRUE;
      kdcc_source_fetch_first_async (self->source, request->cancellable, light_cb,
                                     request_new (self, now), (GDestroyNotify) request_free,
                                     fetch_cb, request);
      return;
    }
  kdcc_source_fetch_snapshot_async (self->source, request->heavy, request->cancellable,
                                    fetch_cb, request);
}

/* A page that starts showing the PG list should not wait a whole interval
 * for it. */
static void
pg_list_wanted_cb (KdccCluster *cluster,
                   GParamSpec  *pspec,
                   KdccMonitor *self)
{
  if (self->running && kdcc_cluster_get_pg_list_wanted (cluster)
      && !kdcc_cluster_get_pg_list_loaded (cluster))
    start_refresh (self);
}

static void
kdcc_monitor_constructed (GObject *object)
{
  KdccMonitor *self = (KdccMonitor *) object;

  G_OBJECT_CLASS (kdcc_monitor_parent_class)->constructed (object);

  if (self->cluster != NULL)
    g_signal_connect_object (self->cluster, "notify::pg-list-wanted",
                             G_CALLBACK (pg_list_wanted_cb), self, 0);
}

static void
kdcc_monitor_dispose (GObject *object)
{
  KdccMonitor *self = (KdccMonitor *) object;

  kdcc_monitor_stop (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kdcc_monitor_parent_class)->dispose (object);
}

static void
kdcc_monitor_finalize (GObject *object)
{
  KdccMonitor *self = (KdccMonitor *) object;

  g_clear_object (&self->source);
  g_clear_object (&self->cluster);

  G_OBJECT_CLASS (kdcc_monitor_parent_class)->finalize (object);
}

static void
kdcc_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdccMonitor *self = KDCC_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_CLUSTER:
      g_value_set_object (value, self->cluster);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_MAX_BACKOFF:
      g_value_set_uint (value, self->max_backoff);
      break;
    case PROP_HEAVY_INTERVAL:
      g_value_set_uint (value, self->heavy_interval);
      break;
    case PROP_TIME_UNIT_MS:
      g_value_set_uint (value, self->time_unit_ms);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FAILURES:
      g_value_set_uint (value, self->failures);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_monitor_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdccMonitor *self = KDCC_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_CLUSTER:
      self->cluster = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      kdcc_monitor_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BACKOFF:
      if (self->max_backoff != g_value_get_uint (value))
        {
          self->max_backoff = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_HEAVY_INTERVAL:
      if (self->heavy_interval != g_value_get_uint (value))
        {
          self->heavy_interval = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TIME_UNIT_MS:
      if (self->time_unit_ms != g_value_get_uint (value))
        {
          self->time_unit_ms = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_monitor_class_init (KdccMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kdcc_monitor_constructed;
  object_class->dispose = kdcc_monitor_dispose;
  object_class->finalize = kdcc_monitor_finalize;
  object_class->get_property = kdcc_monitor_get_property;
  object_class->set_property = kdcc_monitor_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, KDCC_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLUSTER] =
    g_param_spec_object ("cluster", NULL, NULL, KDCC_TYPE_CLUSTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL, 1, 3600, 5, rw);
  properties[PROP_MAX_BACKOFF] = g_param_spec_uint ("max-backoff", NULL, NULL, 1, 86400, 60, rw);
  properties[PROP_HEAVY_INTERVAL] =
    g_param_spec_uint ("heavy-interval", NULL, NULL, 1, 86400, 60, rw);
  /* For tests only: the length in milliseconds of the unit that
   * "interval", "max-backoff" and "heavy-interval" count in (1000, i.e.
   * seconds, in the application), so the backoff state machine can be
   * tested in well under a second per step. */
  properties[PROP_TIME_UNIT_MS] =
    g_param_spec_uint ("time-unit-ms", NULL, NULL, 1, 1000, 1000, rw);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_FAILURES] = g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REFRESH_DONE] =
    g_signal_new ("refresh-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* The plain values of each applied refresh, for those who keep them
   * (the flight recorder); a pointer, valid during the emission only. */
  signals[SNAPSHOT_APPLIED] =
    g_signal_new ("snapshot-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
kdcc_monitor_init (KdccMonitor *self)
{
  self->interval = 5;
  self->max_backoff = 60;
  self->heavy_interval = 60;
  self->time_unit_ms = 1000;
  self->progressive = TRUE;
  self->cancellable = g_cancellable_new ();
}

KdccMonitor *
kdcc_monitor_new (KdccSource  *source,
                  KdccCluster *cluster)
{
  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);
  g_return_val_if_fail (KDCC_IS_CLUSTER (cluster), NULL);

  return g_object_new (KDCC_TYPE_MONITOR, "source", source, "cluster", cluster, NULL);
}

KdccSource *
kdcc_monitor_get_source (KdccMonitor *self)
{
  g_return_val_if_fail (KDCC_IS_MONITOR (self), NULL);
  return self->source;
}

KdccCluster *
kdcc_monitor_get_cluster (KdccMonitor *self)
{
  g_return_val_if_fail (KDCC_IS_MONITOR (self), NULL);
  return self->cluster;
}

void
kdcc_monitor_set_interval (KdccMonitor *self,
                           guint        seconds)
{
  g_return_if_fail (KDCC_IS_MONITOR (self));

  seconds = CLAMP (seconds, 1, 3600);
  if (self->interval == seconds)
    return;

  self->interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);

  /* A waiting timer was set for the old interval; re-arm it so a shorter
   * interval takes effect now rather than after the old one ran out. */
  if (self->running && self->timeout_id != 0)
    schedule (self, next_delay (self));
}

guint
kdcc_monitor_get_interval (KdccMonitor *self)
{
  g_return_val_if_fail (KDCC_IS_MONITOR (self), 0);
  return self->interval;
}

void
kdcc_monitor_start (KdccMonitor *self)
{
  g_return_if_fail (KDCC_IS_MONITOR (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  start_refresh (self);
}

void
kdcc_monitor_stop (KdccMonitor *self)
{
  g_return_if_fail (KDCC_IS_MONITOR (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->again = FALSE;

  /* The in-flight fetch keeps its (now cancelled) cancellable; the next
   * start gets a fresh one. */
  if (self->busy && self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      set_busy (self, FALSE);
    }

  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

void
kdcc_monitor_refresh_now (KdccMonitor *self)
{
  g_return_if_fail (KDCC_IS_MONITOR (self));

  start_refresh (self);
}

void
kdcc_monitor_set_progressive (KdccMonitor *self,
                              gboolean     progressive)
{
  g_return_if_fail (KDCC_IS_MONITOR (self));
  self->progressive = !!progressive;
}

gboolean
kdcc_monitor_get_running (KdccMonitor *self)
{
  g_return_val_if_fail (KDCC_IS_MONITOR (self), FALSE);
  return self->running;
}
