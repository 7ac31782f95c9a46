/* test-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unit tests of KdccMonitor's refresh state machine: scheduling, backoff,
 * stale marking, recovery, heavy-map cadence, one fetch in flight,
 * cancellation on stop and dispose, and the progressive start (status and
 * health shown while the first fetch goes on with the rest).
 *
 * FakeSource below is a test double of KdccSource. It exists only to control
 * timing and outcomes (succeed, fail, or block until released) so the
 * monitor's logic can be checked step by step in well under a second; it
 * does not stand in for Ceph. The behaviour against a real cluster whose
 * daemons are stopped and restarted is covered by the live fault test.
 */
#include "config.h"

#include <string.h>

#include "kdcc-error.h"
#include "kdcc-memory.h"
#include "kdcc-monitor.h"

/* FakeSource ---------------------------------------------------------------- */

#define FAKE_TYPE_SOURCE (fake_source_get_type ())
G_DECLARE_FINAL_TYPE (FakeSource, fake_source, FAKE, SOURCE, GObject)

struct _FakeSource
{
  GObject  parent_instance;

  GMutex   mutex;
  GCond    cond;
  GQueue   script;        /* GError* to fail with, or NULL to succeed; empty: succeed */
  gboolean blocked;
  guint    calls;
  guint    in_flight;
  guint    max_in_flight;
  GArray  *heavy;         /* gboolean per call */
  GArray  *started;       /* gint64 monotonic time per call */
};

static void fake_source_iface_init (KdccSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeSource, fake_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_SOURCE, fake_source_iface_init))

static const char *
fake_source_get_kind (KdccSource *source)
{
  return "fake";
}

static KdccSnapshot *
fake_source_fetch_snapshot (KdccSource    *source,
                            gboolean       force_heavy,
                            GCancellable  *cancellable,
                            GError       **error)
{
  FakeSource *self = FAKE_SOURCE (source);
  gint64 now = g_get_monotonic_time ();
  GError *step_error = NULL;
  KdccSnapshot *snapshot;
  guint call;

  g_mutex_lock (&self->mutex);
  call = ++self->calls;
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  g_array_append_val (self->heavy, force_heavy);
  g_array_append_val (self->started, now);
  g_cond_broadcast (&self->cond);
  while (self->blocked)
    g_cond_wait (&self->cond, &self->mutex);
  if (!g_queue_is_empty (&self->script))
    step_error = g_queue_pop_head (&self->script);
  self->in_flight--;
  g_mutex_unlock (&self->mutex);

  if (step_error != NULL)
    {
      g_propagate_error (error, step_error);
      return NULL;
    }

  snapshot = kdcc_snapshot_new ();
  snapshot->fsid = g_strdup_printf ("fsid-%u", call);
  snapshot->health = KDCC_HEALTH_OK;
  if (force_heavy)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snapshot, 0);

      osd->up = TRUE;
      osd->in = TRUE;
    }
  return snapshot;
}

static void
fake_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = fake_source_get_kind;
  iface->fetch_snapshot = fake_source_fetch_snapshot;
}

static void
fake_source_finalize (GObject *object)
{
  FakeSource *self = FAKE_SOURCE (object);
  GError *step;

  while ((step = g_queue_pop_head (&self->script)) != NULL)
    g_error_free (step);
  g_queue_clear (&self->script);
  g_array_unref (self->heavy);
  g_array_unref (self->started);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (fake_source_parent_class)->finalize (object);
}

static void
fake_source_class_init (FakeSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_source_finalize;
}

static void
fake_source_init (FakeSource *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->script);
  self->heavy = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->started = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Queues outcomes for the next calls: NULL message succeeds. */
static void
fake_source_push (FakeSource *self,
                  const char *error_message)
{
  g_mutex_lock (&self->mutex);
  if (error_message != NULL)
    g_queue_push_tail (&self->script,
                       g_error_new_literal (KDCC_ERROR, KDCC_ERROR_CONNECT, error_message));
  else
    g_queue_push_tail (&self->script, NULL);
  g_mutex_unlock (&self->mutex);
}

static void
fake_source_set_blocked (FakeSource *self,
                         gboolean    blocked)
{
  g_mutex_lock (&self->mutex);
  self->blocked = blocked;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

static guint
fake_source_get_calls (FakeSource *self)
{
  guint calls;

  g_mutex_lock (&self->mutex);
  calls = self->calls;
  g_mutex_unlock (&self->mutex);
  return calls;
}

static gint64
fake_source_get_started (FakeSource *self,
                         guint       index)
{
  gint64 started;

  g_mutex_lock (&self->mutex);
  g_assert_cmpuint (index, <, self->started->len);
  started = g_array_index (self->started, gint64, index);
  g_mutex_unlock (&self->mutex);
  return started;
}

static gboolean
fake_source_get_heavy (FakeSource *self,
                       guint       index)
{
  gboolean heavy;

  g_mutex_lock (&self->mutex);
  g_assert_cmpuint (index, <, self->heavy->len);
  heavy = g_array_index (self->heavy, gboolean, index);
  g_mutex_unlock (&self->mutex);
  return heavy;
}

/* LightSource: a source with a progressive first fetch whose two halves
 * (status and health, then the rest) wait at gates of their own, to order
 * what the monitor sees at will. */

#define LIGHT_TYPE_SOURCE (light_source_get_type ())
G_DECLARE_FINAL_TYPE (LightSource, light_source, LIGHT, SOURCE, GObject)

struct _LightSource
{
  GObject  parent_instance;

  GMutex   mutex;
  GCond    cond;
  gboolean light_blocked;
  gboolean full_blocked;
  gboolean light_fails;
  guint    first_calls;
  guint    plain_calls;
  guint    full_done;
};

static void light_source_iface_init (KdccSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LightSource, light_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_SOURCE, light_source_iface_init))

static const char *
light_source_get_kind (KdccSource *source)
{
  return "fake-light";
}

static KdccSnapshot *
light_source_complete (LightSource *self)
{
  KdccSnapshot *snapshot;
  KdccOsdData *osd;

  g_mutex_lock (&self->mutex);
  while (self->full_blocked)
    g_cond_wait (&self->cond, &self->mutex);
  self->full_done++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  snapshot = kdcc_snapshot_new ();
  snapshot->fsid = g_strdup ("fsid-full");
  snapshot->health = KDCC_HEALTH_WARN;
  snapshot->osds_total = 1;
  osd = kdcc_snapshot_ensure_osd (snapshot, 0);
  osd->up = TRUE;
  osd->in = TRUE;
  return snapshot;
}

static KdccSnapshot *
light_source_fetch_first (KdccSource        *source,
                          KdccSnapshotFunc   light,
                          gpointer           light_data,
                          GCancellable      *cancellable,
                          GError           **error)
{
  LightSource *self = LIGHT_SOURCE (source);
  g_autoptr(KdccSnapshot) partial = NULL;
  gboolean fails;

  g_mutex_lock (&self->mutex);
  self->first_calls++;
  g_cond_broadcast (&self->cond);
  while (self->light_blocked)
    g_cond_wait (&self->cond, &self->mutex);
  fails = self->light_fails;
  g_mutex_unlock (&self->mutex);

  if (fails)
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_CONNECT, "status refused");
      return NULL;
    }
  partial = kdcc_snapshot_new ();
  partial->fsid = g_strdup ("fsid-light");
  partial->health = KDCC_HEALTH_WARN;
  partial->osds_total = 1;
  light (partial, light_data);
  return light_source_complete (self);
}

static KdccSnapshot *
light_source_fetch_snapshot (KdccSource    *source,
                             gboolean       force_heavy,
                             GCancellable  *cancellable,
                             GError       **error)
{
  LightSource *self = LIGHT_SOURCE (source);

  g_mutex_lock (&self->mutex);
  self->plain_calls++;
  g_mutex_unlock (&self->mutex);
  return light_source_complete (self);
}

static void
light_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = light_source_get_kind;
  iface->fetch_first = light_source_fetch_first;
  iface->fetch_snapshot = light_source_fetch_snapshot;
}

static void
light_source_finalize (GObject *object)
{
  LightSource *self = LIGHT_SOURCE (object);

  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (light_source_parent_class)->finalize (object);
}

static void
light_source_class_init (LightSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = light_source_finalize;
}

static void
light_source_init (LightSource *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

static void
light_source_set_blocked (LightSource *self,
                          gboolean     light,
                          gboolean     full)
{
  g_mutex_lock (&self->mutex);
  self->light_blocked = light;
  self->full_blocked = full;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Waits (on the worker's condition, not the main loop) until the fetch
 * has made its complete snapshot. */
static void
light_source_wait_full_done (LightSource *self)
{
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&self->mutex);
  while (self->full_done == 0)
    if (!g_cond_wait_until (&self->cond, &self->mutex, end))
      g_error ("The complete fetch did not return within 5 s");
  g_mutex_unlock (&self->mutex);
}

/* Helpers -------------------------------------------------------------------- */

/* Milliseconds per "second" of the monitor in these tests. */
#define UNIT_MS 100

typedef struct
{
  GPtrArray *errors;   /* one entry per refresh-done: GError copy or NULL */
  GArray    *failures; /* the "failures" property after each refresh-done */
} Record;

static void
refresh_done_cb (KdccMonitor  *monitor,
                 const GError *error,
                 Record       *record)
{
  guint failures;

  g_ptr_array_add (record->errors, error != NULL ? g_error_copy (error) : NULL);
  g_object_get (monitor, "failures", &failures, NULL);
  g_array_append_val (record->failures, failures);
}

static void
error_free0 (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
record_init (Record      *record,
             KdccMonitor *monitor)
{
  record->errors = g_ptr_array_new_with_free_func (error_free0);
  record->failures = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (monitor, "refresh-done", G_CALLBACK (refresh_done_cb), record);
}

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->errors, g_ptr_array_unref);
  g_clear_pointer (&record->failures, g_array_unref);
}

static gboolean
timeout_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until predicate holds or timeout_ms passes. Some
 * predicates watch the worker thread, which does not wake the main
 * context, so a 5 ms tick makes sure they are looked at again. */
static gboolean
wait_for (gboolean (*predicate) (gpointer data),
          gpointer   data,
          guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_flag_cb, &timed_out);
  guint tick = g_timeout_add (5, tick_cb, NULL);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_source_remove (tick);
  return predicate (data);
}

typedef struct
{
  Record *record;
  guint   n;
} AtLeast;

static gboolean
done_at_least (gpointer data)
{
  AtLeast *at_least = data;

  return at_least->record->errors->len >= at_least->n;
}

static void
wait_done (Record *record,
           guint   n,
           guint   timeout_ms)
{
  AtLeast at_least = { record, n };

  if (!wait_for (done_at_least, &at_least, timeout_ms))
    g_error ("Only %u of %u refreshes done after %u ms", record->errors->len, n, timeout_ms);
}

typedef struct
{
  FakeSource *source;
  guint       n;
} CallsAtLeast;

static gboolean
calls_at_least (gpointer data)
{
  CallsAtLeast *c = data;

  return fake_source_get_calls (c->source) >= c->n;
}

static void
wait_calls (FakeSource *source,
            guint       n)
{
  CallsAtLeast c = { source, n };

  if (!wait_for (calls_at_least, &c, 5000))
    g_error ("Source called only %u times, expected %u", fake_source_get_calls (source), n);
}

/* Lets the main loop run for ms milliseconds. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static KdccMonitor *
make_monitor (FakeSource  *source,
              KdccCluster *cluster)
{
  KdccMonitor *monitor = kdcc_monitor_new (KDCC_SOURCE (source), cluster);

  g_object_set (monitor,
                "time-unit-ms", UNIT_MS,
                "interval", 1,
                "max-backoff", 4,
                "heavy-interval", 1000,
                NULL);
  return monitor;
}

static double
gap_units (FakeSource *source,
           guint       i)
{
  return (fake_source_get_started (source, i) - fake_source_get_started (source, i - 1))
         / (UNIT_MS * 1000.0);
}

/* Tests ---------------------------------------------------------------------- */

static void
test_lifecycle (void)
{
  FakeSource *source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  KdccCluster *cluster = kdcc_cluster_new ("lab");
  KdccMonitor *monitor = kdcc_monitor_new (KDCC_SOURCE (source), cluster);
  guint interval, max_backoff, heavy_interval, failures;
  gboolean running, busy;

  g_assert_true (kdcc_monitor_get_source (monitor) == KDCC_SOURCE (source));
  g_assert_true (kdcc_monitor_get_cluster (monitor) == cluster);
  g_object_get (monitor,
                "interval", &interval,
                "max-backoff", &max_backoff,
                "heavy-interval", &heavy_interval,
                "running", &running,
                "busy", &busy,
                "failures", &failures,
                NULL);
  g_assert_cmpuint (interval, ==, 5);
  g_assert_cmpuint (max_backoff, ==, 60);
  g_assert_cmpuint (heavy_interval, ==, 60);
  g_assert_false (running);
  g_assert_false (busy);
  g_assert_cmpuint (failures, ==, 0);

  /* Out-of-range intervals are clamped rather than accepted. */
  kdcc_monitor_set_interval (monitor, 0);
  g_assert_cmpuint (kdcc_monitor_get_interval (monitor), ==, 1);
  kdcc_monitor_set_interval (monitor, 100000);
  g_assert_cmpuint (kdcc_monitor_get_interval (monitor), ==, 3600);

  g_assert_finalize_object (monitor);
  g_assert_finalize_object (cluster);
  g_assert_finalize_object (source);
}

static void
test_refresh_loop (void)
{
  g_autoptr(FakeSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccMonitor) monitor = make_monitor (source, cluster);
  Record record;

  record_init (&record, monitor);
  kdcc_monitor_start (monitor);
  g_assert_true (kdcc_monitor_get_running (monitor));

  wait_done (&record, 3, 5000);
  g_assert_null (g_ptr_array_index (record.errors, 0));
  g_assert_true (kdcc_cluster_get_has_data (cluster));
  g_assert_false (kdcc_cluster_get_stale (cluster));
  g_assert_cmpstr (kdcc_cluster_get_source_kind (cluster), ==, "fake");
  /* The first refresh fetches heavy maps; later ones within the heavy
   * interval leave that to the epochs. */
  g_assert_true (fake_source_get_heavy (source, 0));
  g_assert_false (fake_source_get_heavy (source, 1));
  g_assert_false (fake_source_get_heavy (source, 2));
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (cluster)), ==, 1);
  /* Refreshes are spaced by the interval. */
  g_assert_cmpfloat (gap_units (source, 1), >=, 0.9);
  g_assert_cmpfloat (gap_units (source, 2), >=, 0.9);

  kdcc_monitor_stop (monitor);
  g_assert_false (kdcc_monitor_get_running (monitor));
  {
    guint calls = fake_source_get_calls (source);

    /* Stopped means stopped: no timer fires any more. */
    run_for (4 * UNIT_MS);
    g_assert_cmpuint (fake_source_get_calls (source), ==, calls);
  }
  record_clear (&record);
}

static void
test_backoff_stale_recover (void)
{
  g_autoptr(FakeSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccMonitor) monitor = make_monitor (source, cluster);
  const guint expected_failures[] = { 0, 1, 2, 3, 4, 0, 0 };
  Record record;
  const GError *error;
  guint n_osds;

  /* ok, four failures, then the cluster answers again. */
  fake_source_push (source, NULL);
  fake_source_push (source, "mon unreachable 1");
  fake_source_push (source, "mon unreachable 2");
  fake_source_push (source, "mon unreachable 3");
  fake_source_push (source, "mon unreachable 4");
  fake_source_push (source, NULL);
  fake_source_push (source, NULL);

  record_init (&record, monitor);
  kdcc_monitor_start (monitor);

  wait_done (&record, 2, 5000);
  error = g_ptr_array_index (record.errors, 1);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  /* The failed refresh keeps the data and says why it is stale. */
  g_assert_true (kdcc_cluster_get_stale (cluster));
  g_assert_true (kdcc_cluster_get_has_data (cluster));
  g_assert_cmpstr (kdcc_cluster_get_last_error (cluster), ==, "mon unreachable 1");
  g_assert_cmpstr (kdcc_cluster_get_fsid (cluster), ==, "fsid-1");
  n_osds = g_list_model_get_n_items (kdcc_cluster_get_osds (cluster));
  g_assert_cmpuint (n_osds, ==, 1);

  wait_done (&record, 7, 10000);
  kdcc_monitor_stop (monitor);

  for (guint i = 0; i < G_N_ELEMENTS (expected_failures); i++)
    g_assert_cmpuint (g_array_index (record.failures, guint, i), ==, expected_failures[i]);
  g_assert_cmpstr (((GError *) g_ptr_array_index (record.errors, 4))->message, ==,
                   "mon unreachable 4");
  g_assert_null (g_ptr_array_index (record.errors, 5));

  /* Gaps before call i: after ok 1, after failures 1, 2, 4, then capped at
   * max-backoff 4 (8 without the cap), then back to 1 after the success.
   * Lower bounds are exact (a timer never fires early); the upper bounds
   * only tell the cases apart, with slack for a loaded machine. */
  g_test_message ("gaps in units: %.2f %.2f %.2f %.2f %.2f %.2f",
                  gap_units (source, 1), gap_units (source, 2), gap_units (source, 3),
                  gap_units (source, 4), gap_units (source, 5), gap_units (source, 6));
  g_assert_cmpfloat (gap_units (source, 1), >=, 0.95);
  g_assert_cmpfloat (gap_units (source, 2), >=, 0.95);
  g_assert_cmpfloat (gap_units (source, 3), >=, 1.95);
  g_assert_cmpfloat (gap_units (source, 3), <, 3.9);
  g_assert_cmpfloat (gap_units (source, 4), >=, 3.95);
  g_assert_cmpfloat (gap_units (source, 5), >=, 3.95);
  g_assert_cmpfloat (gap_units (source, 5), <, 7.5);
  g_assert_cmpfloat (gap_units (source, 6), >=, 0.95);
  g_assert_cmpfloat (gap_units (source, 6), <, 3.5);

  /* Recovered: fresh data, no longer stale, no error. */
  g_assert_false (kdcc_cluster_get_stale (cluster));
  g_assert_null (kdcc_cluster_get_last_error (cluster));
  g_assert_cmpstr (kdcc_cluster_get_fsid (cluster), ==, "fsid-7");

  record_clear (&record);
}

static void
test_heavy_interval (void)
{
  g_autoptr(FakeSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccMonitor) monitor = make_monitor (source, cluster);
  Record record;
  guint heavy = 0;

  g_object_set (monitor, "heavy-interval", 3, NULL);
  record_init (&record, monitor);
  kdcc_monitor_start (monitor);
  wait_done (&record, 8, 5000);
  kdcc_monitor_stop (monitor);

  g_assert_true (fake_source_get_heavy (source, 0));
  g_assert_false (fake_source_get_heavy (source, 1));
  for (guint i = 0; i < 8; i++)
    heavy += fake_source_get_heavy (source, i) ? 1 : 0;
  /* 8 refreshes about 1 unit apart with heavy every 3 units: the first,
   * then every third (0, 3, 6). The upper bound leaves room for a loaded
   * machine stretching the gaps. */
  g_assert_cmpuint (heavy, >=, 2);
  g_assert_cmpuint (heavy, <=, 5);

  record_clear (&record);
}

static gboolean
trim_finished (gpointer data)
{
  return kdcc_memory_get_trims () > GPOINTER_TO_UINT (data) && !kdcc_memory_trim_pending ();
}

/* After a refresh that brought the heavy maps (the fake source's OSD list
 * on a heavy fetch) the monitor has freed heap given back, once, off the
 * main thread; a refresh without them asks for nothing. */
static void
test_trim_after_heavy (void)
{
  g_autoptr(FakeSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccMonitor) monitor = make_monitor (source, cluster);
  guint trims;
  Record record;

  /* The earlier tests' monitors asked for trims too: let them end. */
  while (kdcc_memory_trim_pending ())
    g_main_context_iteration (NULL, TRUE);
  trims = kdcc_memory_get_trims ();

  /* Only the refreshes asked for here. */
  kdcc_monitor_set_interval (monitor, 1000);
  record_init (&record, monitor);
  kdcc_monitor_start (monitor);
  wait_done (&record, 1, 5000);
  g_assert_true (fake_source_get_heavy (source, 0));
  g_assert_true (kdcc_memory_trim_pending ());
  g_assert_true (wait_for (trim_finished, GUINT_TO_POINTER (trims), 5000));
  g_assert_cmpuint (kdcc_memory_get_trims (), ==, trims + 1);

  kdcc_monitor_refresh_now (monitor);
  wait_done (&record, 2, 5000);
  g_assert_false (fake_source_get_heavy (source, 1));
  g_assert_false (kdcc_memory_trim_pending ());
  run_for (2 * UNIT_MS);
  g_assert_cmpuint (kdcc_memory_get_trims (), ==, trims + 1);

  /* Asked twice before it ran: one trim. */
  kdcc_memory_trim_later ();
  kdcc_memory_trim_later ();
  g_assert_true (wait_for (trim_finished, GUINT_TO_POINTER (trims + 1), 5000));
  run_for (2 * UNIT_MS);
  g_assert_cmpuint (kdcc_memory_get_trims (), ==, trims + 2);

  kdcc_monitor_stop (monitor);
  record_clear (&record);
}

static void
test_one_in_flight (void)
{
  g_autoptr(FakeSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccMonitor) monitor = make_monitor (source, cluster);
  Record record;
  gboolean busy;

  /* Long interval so only the refreshes asked for here happen. */
  kdcc_monitor_set_interval (monitor, 1000);
  record_init (&record, monitor);
  fake_source_set_blocked (source, TRUE);
  kdcc_monitor_start (monitor);
  wait_calls (source, 1);

  g_object_get (monitor, "busy", &busy, NULL);
  g_assert_true (busy);
  kdcc_monitor_refresh_now (monitor);
  kdcc_monitor_refresh_now (monitor);
  kdcc_monitor_refresh_now (monitor);
  run_for (2 * UNIT_MS);
  g_assert_cmpuint (fake_source_get_calls (source), ==, 1);

  /* The requests made while busy collapse into one follow-up refresh. */
  fake_source_set_blocked (source, FALSE);
  wait_done (&record, 2, 5000);
  run_for (3 * UNIT_MS);
  g_assert_cmpuint (fake_source_get_calls (source), ==, 2);
  g_assert_cmpuint (record.errors->len, ==, 2);
  g_assert_cmpuint (source->max_in_flight, ==, 1);
  g_object_get (monitor, "busy", &busy, NULL);
  g_assert_false (busy);

  kdcc_monitor_stop (monitor);
  record_clear (&record);
}

static void
test_stop_drops_late_result (void)
{
  g_autoptr(FakeSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("lab");
  g_autoptr(KdccMonitor) monitor = make_monitor (source, cluster);
  Record record;

  record_init (&record, monitor);
  fake_source_set_blocked (source, TRUE);
  kdcc_monitor_start (monitor);
  wait_calls (source, 1);

  kdcc_monitor_stop (monitor);
  fake_source_set_blocked (source, FALSE);
  run_for (4 * UNIT_MS);

  /* The answer arrived after stop: it must not reach the model. */
  g_assert_false (kdcc_cluster_get_has_data (cluster));
  g_assert_cmpuint (record.errors->len, ==, 0);
  g_assert_cmpuint (fake_source_get_calls (source), ==, 1);

  /* Starting again works with a fresh cancellable. */
  kdcc_monitor_start (monitor);
  wait_done (&record, 1, 5000);
  g_assert_true (kdcc_cluster_get_has_data (cluster));
  kdcc_monitor_stop (monitor);

  record_clear (&record);
}

static void
test_dispose_while_in_flight (void)
{
  g_autoptr(FakeSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  KdccCluster *cluster = kdcc_cluster_new ("lab");
  KdccMonitor *monitor = make_monitor (source, cluster);
  gpointer cluster_ptr = cluster;
  gpointer monitor_ptr = monitor;

  g_object_add_weak_pointer (G_OBJECT (cluster), &cluster_ptr);
  g_object_add_weak_pointer (G_OBJECT (monitor), &monitor_ptr);

  fake_source_set_blocked (source, TRUE);
  kdcc_monitor_start (monitor);
  wait_calls (source, 1);

  /* Everyone lets go while the fetch is still running. */
  g_object_unref (monitor);
  g_object_unref (cluster);
  g_assert_null (monitor_ptr);

  fake_source_set_blocked (source, FALSE);
  /* The late callback runs, touches nothing, and releases the last
   * reference to the cluster. */
  run_for (4 * UNIT_MS);
  g_assert_null (cluster_ptr);
}


/* What the model showed, in order: 's' when has-status became TRUE
 * without data, 'd' when has-data did. */
static void
order_status_cb (KdccCluster *cluster,
                 GParamSpec  *pspec,
                 GString     *order)
{
  if (kdcc_cluster_get_has_status (cluster) && !kdcc_cluster_get_has_data (cluster)
      && strchr (order->str, 's') == NULL)
    g_string_append_c (order, 's');
}

static void
order_data_cb (KdccCluster *cluster,
               GParamSpec  *pspec,
               GString     *order)
{
  if (kdcc_cluster_get_has_data (cluster))
    g_string_append_c (order, 'd');
}

/* A monitor over a LightSource, recording what its model showed. */
typedef struct
{
  LightSource *source;
  KdccCluster *cluster;
  GString     *order;
  KdccMonitor *monitor;
  Record       record;
} Progressive;

static void
progressive_setup (Progressive   *f,
                   gconstpointer  data)
{
  f->source = g_object_new (LIGHT_TYPE_SOURCE, NULL);
  f->cluster = kdcc_cluster_new ("lab");
  f->order = g_string_new (NULL);
  f->monitor = kdcc_monitor_new (KDCC_SOURCE (f->source), f->cluster);
  g_object_set (f->monitor, "time-unit-ms", UNIT_MS, "interval", 1000, NULL);
  g_signal_connect (f->cluster, "notify::has-status", G_CALLBACK (order_status_cb), f->order);
  g_signal_connect (f->cluster, "notify::has-data", G_CALLBACK (order_data_cb), f->order);
  record_init (&f->record, f->monitor);
}

static void
progressive_teardown (Progressive   *f,
                      gconstpointer  data)
{
  kdcc_monitor_stop (f->monitor);
  g_signal_handlers_disconnect_by_data (f->cluster, f->order);
  g_clear_object (&f->monitor);
  record_clear (&f->record);
  g_clear_object (&f->cluster);
  g_clear_object (&f->source);
  g_string_free (f->order, TRUE);
}

static gboolean
has_status (gpointer data)
{
  return kdcc_cluster_get_has_status (data);
}

/* The first fetch's status and health are shown while the rest is still
 * out; then the complete snapshot, and one "refresh-done". */
static void
test_progressive_status_first (Progressive   *f,
                               gconstpointer  data)
{
  gboolean busy;

  light_source_set_blocked (f->source, FALSE, TRUE);
  kdcc_monitor_start (f->monitor);
  g_assert_true (wait_for (has_status, f->cluster, 5000));
  run_for (2 * UNIT_MS);
  g_assert_cmpstr (f->order->str, ==, "s");
  g_assert_cmpstr (kdcc_cluster_get_fsid (f->cluster), ==, "fsid-light");
  g_assert_cmpuint (f->record.errors->len, ==, 0);
  g_object_get (f->monitor, "busy", &busy, NULL);
  g_assert_true (busy);

  light_source_set_blocked (f->source, FALSE, FALSE);
  wait_done (&f->record, 1, 5000);
  g_assert_cmpstr (f->order->str, ==, "sd");
  g_assert_null (g_ptr_array_index (f->record.errors, 0));
  g_assert_cmpstr (kdcc_cluster_get_fsid (f->cluster), ==, "fsid-full");
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (f->cluster)), ==, 1);
  g_object_get (f->monitor, "busy", &busy, NULL);
  g_assert_false (busy);
  g_assert_cmpuint (f->source->first_calls, ==, 1);
  g_assert_cmpuint (f->source->plain_calls, ==, 0);
}

/* Both halves already in before the main loop looks: the partial snapshot
 * is still applied first (its idle was attached before the task's
 * return), never over the complete one. */
static void
test_progressive_both_in (Progressive   *f,
                          gconstpointer  data)
{
  kdcc_monitor_start (f->monitor);
  light_source_wait_full_done (f->source);
  /* The worker returns to GTask right after: give it that moment
   * without iterating the main context. (Should a loaded machine need
   * longer, the light idle simply runs first in the usual way.) */
  g_usleep (200 * 1000);
  wait_done (&f->record, 1, 5000);
  g_assert_cmpstr (f->order->str, ==, "sd");
  g_assert_cmpstr (kdcc_cluster_get_fsid (f->cluster), ==, "fsid-full");
}

/* A first fetch that fails before status is a failed refresh. */
static void
test_progressive_fails (Progressive   *f,
                        gconstpointer  data)
{
  f->source->light_fails = TRUE;
  kdcc_monitor_start (f->monitor);
  wait_done (&f->record, 1, 5000);
  g_assert_nonnull (g_ptr_array_index (f->record.errors, 0));
  g_assert_cmpuint (g_array_index (f->record.failures, guint, 0), ==, 1);
  g_assert_cmpstr (f->order->str, ==, "");
  g_assert_true (kdcc_cluster_get_stale (f->cluster));
}

/* Stopped after status and health were shown, before the rest: the rest
 * never reaches the model, and a new start fetches plainly. */
static void
test_progressive_stop (Progressive   *f,
                       gconstpointer  data)
{
  light_source_set_blocked (f->source, FALSE, TRUE);
  kdcc_monitor_start (f->monitor);
  g_assert_true (wait_for (has_status, f->cluster, 5000));
  kdcc_monitor_stop (f->monitor);
  light_source_set_blocked (f->source, FALSE, FALSE);
  light_source_wait_full_done (f->source);
  run_for (3 * UNIT_MS);
  g_assert_cmpstr (f->order->str, ==, "s");
  g_assert_false (kdcc_cluster_get_has_data (f->cluster));
  g_assert_cmpuint (f->record.errors->len, ==, 0);

  kdcc_monitor_start (f->monitor);
  wait_done (&f->record, 1, 5000);
  g_assert_true (kdcc_cluster_get_has_data (f->cluster));
  g_assert_cmpuint (f->source->first_calls, ==, 1);
  g_assert_cmpuint (f->source->plain_calls, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/monitor/lifecycle", test_lifecycle);
  g_test_add_func ("/monitor/refresh-loop", test_refresh_loop);
  g_test_add_func ("/monitor/backoff-stale-recover", test_backoff_stale_recover);
  g_test_add_func ("/monitor/heavy-interval", test_heavy_interval);
  g_test_add_func ("/monitor/one-in-flight", test_one_in_flight);
  g_test_add_func ("/monitor/trim-after-heavy", test_trim_after_heavy);
  g_test_add_func ("/monitor/stop-drops-late-result", test_stop_drops_late_result);
  g_test_add_func ("/monitor/dispose-while-in-flight", test_dispose_while_in_flight);
  g_test_add ("/monitor/progressive/status-first", Progressive, NULL,
              progressive_setup, test_progressive_status_first, progressive_teardown);
  g_test_add ("/monitor/progressive/both-in", Progressive, NULL,
              progressive_setup, test_progressive_both_in, progressive_teardown);
  g_test_add ("/monitor/progressive/fails", Progressive, NULL,
              progressive_setup, test_progressive_fails, progressive_teardown);
  g_test_add ("/monitor/progressive/stop", Progressive, NULL,
              progressive_setup, test_progressive_stop, progressive_teardown);

  return g_test_run ();
}
