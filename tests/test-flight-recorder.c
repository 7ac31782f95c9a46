/* test-flight-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>
#include <sqlite3.h>

#include "kdcc-error.h"
#include "kdcc-flight-recorder.h"
#include "kdcc-test-util.h"

#define FSID   "0f4e2c1a-7b3d-4e5f-9a8b-1c2d3e4f5a6b"
#define MINUTE ((gint64) 60 * 1000)
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)
#define T0     ((gint64) 1764547200000)   /* 2025-12-01 00:00 UTC */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("kdcc-flight-recorder-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  kdcc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A refresh at time (Unix ms): used grows by 1 MiB a step, osd.1 is down
 * while down is set, and check is raised when not NULL. */
static KdccSnapshot *
make_snapshot (gint64      time,
               guint       step,
               gboolean    osd1_down,
               const char *check,
               guint       n_pools)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();

  snap->fsid = g_strdup (FSID);
  snap->fetched_at = time * 1000;
  snap->total_bytes = G_GUINT64_CONSTANT (3) << 30;
  snap->used_bytes = (G_GUINT64_CONSTANT (100) << 20) + ((guint64) step << 20);
  snap->read_ops = 10 + step;
  snap->write_ops = 20;
  snap->read_bytes = 4096;
  snap->write_bytes = 8192;
  snap->pgs_total = 33;
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+clean", 30));
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+undersized+degraded", 3));

  if (check != NULL)
    {
      KdccHealthCheckData *data = kdcc_health_check_data_new ();

      data->code = g_strdup (check);
      data->summary = g_strdup ("1 osds down");
      data->severity = KDCC_HEALTH_WARN;
      g_ptr_array_add (snap->checks, data);
    }

  snap->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);
  for (guint i = 0; i < n_pools; i++)
    {
      KdccPoolData *pool = kdcc_pool_data_new ();

      pool->id = i + 1;
      pool->name = g_strdup_printf ("pool-%u", i + 1);
      pool->has_usage = TRUE;
      pool->stored_bytes = (guint64) (i + 1) * 1000 + step;
      pool->max_avail_bytes = G_GUINT64_CONSTANT (1) << 30;
      pool->has_io = TRUE;
      pool->read_ops = 5.0 * (i + 1);
      pool->write_ops = step;
      pool->read_bytes = 4096.0 * (i + 1);
      pool->write_bytes = 1024.0 * step;
      g_ptr_array_add (snap->pools, pool);
    }

  snap->osds = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_osd_data_free);
  for (guint i = 0; i < 3; i++)
    {
      KdccOsdData *osd = kdcc_osd_data_new ();

      osd->id = i;
      osd->name = g_strdup_printf ("osd.%u", i);
      osd->up = !(i == 1 && osd1_down);
      osd->in = TRUE;
      osd->has_usage = TRUE;
      osd->utilization = 10.0 * (i + 1);
      osd->has_perf = TRUE;
      osd->commit_latency_ms = i + 1;
      osd->apply_latency_ms = 2.0 * (i + 1);
      g_ptr_array_add (snap->osds, osd);
    }
  return snap;
}

static KdccFlightRecorder *
open_recorder (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KdccFlightRecorder *recorder = kdcc_flight_recorder_new (FSID, fixture->dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (recorder);
  return recorder;
}

static GPtrArray *
query (KdccFlightRecorder *recorder,
       KdccHistoryMetric   metric,
       const char         *label,
       gint64              start,
       gint64              end,
       gint64              step)
{
  g_autoptr(GError) error = NULL;
  KdccHistoryQuery q = { metric, label, start, end, step };
  GPtrArray *series = kdcc_history_query_range (KDCC_HISTORY (recorder), &q, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (series);
  return series;
}

static KdccHistoryPoint *
point (GPtrArray *series,
       guint      s,
       guint      i)
{
  KdccHistorySeries *one = g_ptr_array_index (series, s);

  g_assert_cmpuint (i, <, one->points->len);
  return &g_array_index (one->points, KdccHistoryPoint, i);
}

/* Ten minutes of refreshes every 5 s; osd.1 goes down for the middle two
 * minutes, with OSD_DOWN raised meanwhile. */
static void
record_ten_minutes (KdccFlightRecorder *recorder)
{
  for (guint step = 0; step < 120; step++)
    {
      gboolean down = step >= 48 && step < 72;
      g_autoptr(KdccSnapshot) snap = make_snapshot (T0 + step * 5000, step, down,
                                                    down ? "OSD_DOWN" : NULL, 2);

      kdcc_flight_recorder_record_snapshot (recorder, snap);
    }
}

static void
check_ten_minutes (KdccFlightRecorder *recorder)
{
  g_autoptr(GPtrArray) used = query (recorder, KDCC_HISTORY_CAPACITY_USED, NULL, T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) reads = query (recorder, KDCC_HISTORY_CLIENT_READ_OPS, NULL, T0, T0 + 10 * MINUTE, 5000);
  g_autoptr(GPtrArray) pgs = query (recorder, KDCC_HISTORY_PG_STATES, NULL, T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) degraded = query (recorder, KDCC_HISTORY_PG_STATES, "degraded", T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) pool = query (recorder, KDCC_HISTORY_POOL_STORED, "pool-2", T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) pools = query (recorder, KDCC_HISTORY_POOL_STORED, NULL, T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) osds = query (recorder, KDCC_HISTORY_OSD_UTILIZATION, NULL, T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) latency = query (recorder, KDCC_HISTORY_OSD_APPLY_LATENCY, NULL, T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) commit = query (recorder, KDCC_HISTORY_OSD_COMMIT_LATENCY, "osd.1", T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) pool_writes = query (recorder, KDCC_HISTORY_POOL_WRITE_OPS, "pool-2", T0, T0 + 10 * MINUTE, MINUTE);
  g_autoptr(GPtrArray) pool_reads = query (recorder, KDCC_HISTORY_POOL_READ_BYTES, NULL, T0, T0 + 10 * MINUTE, 5000);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  KdccHistorySeries *one;

  /* One series, ten one-minute buckets, each the mean of 12 samples:
   * 100 MiB + mean(step) MiB, step 12k..12k+11. */
  g_assert_cmpuint (used->len, ==, 1);
  one = g_ptr_array_index (used, 0);
  g_assert_null (one->label);
  g_assert_cmpuint (one->points->len, ==, 10);
  for (guint k = 0; k < 10; k++)
    {
      g_assert_cmpint (point (used, 0, k)->time, ==, T0 + k * MINUTE);
      g_assert_cmpfloat_with_epsilon (point (used, 0, k)->value,
                                      (100 + 12 * k + 5.5) * 1048576.0, 1);
    }

  /* At the refresh step every sample comes back as it was written. */
  g_assert_cmpuint (((KdccHistorySeries *) g_ptr_array_index (reads, 0))->points->len, ==, 120);
  g_assert_cmpfloat (point (reads, 0, 77)->value, ==, 10 + 77);
  g_assert_cmpint (point (reads, 0, 77)->time, ==, T0 + 77 * 5000);

  /* PG states: a series per state word, "active" counts every PG. */
  g_assert_cmpuint (pgs->len, ==, g_strv_length ((GStrv) kdcc_history_pg_state_words ()));
  for (guint s = 0; s < pgs->len; s++)
    {
      one = g_ptr_array_index (pgs, s);
      if (g_str_equal (one->label, "active"))
        g_assert_cmpfloat (point (pgs, s, 0)->value, ==, 33);
      else if (g_str_equal (one->label, "clean"))
        g_assert_cmpfloat (point (pgs, s, 0)->value, ==, 30);
      else if (g_str_equal (one->label, "scrubbing"))
        g_assert_cmpfloat (point (pgs, s, 0)->value, ==, 0);
    }
  g_assert_cmpuint (degraded->len, ==, 1);
  g_assert_cmpstr (((KdccHistorySeries *) g_ptr_array_index (degraded, 0))->label, ==, "degraded");
  g_assert_cmpfloat (point (degraded, 0, 3)->value, ==, 3);

  g_assert_cmpuint (pool->len, ==, 1);
  g_assert_cmpstr (((KdccHistorySeries *) g_ptr_array_index (pool, 0))->label, ==, "pool-2");
  g_assert_cmpfloat_with_epsilon (point (pool, 0, 0)->value, 2000 + 5.5, 1e-6);
  g_assert_cmpuint (pools->len, ==, 2);

  /* OSD utilization is kept every 5 minutes: two buckets have a value and
   * the minutes between are gaps. */
  g_assert_cmpuint (osds->len, ==, 3);
  g_assert_cmpstr (((KdccHistorySeries *) g_ptr_array_index (osds, 2))->label, ==, "osd.2");
  g_assert_cmpuint (kdcc_history_series_count_values (g_ptr_array_index (osds, 2)), ==, 2);
  g_assert_cmpfloat (point (osds, 2, 0)->value, ==, 30);
  g_assert_true (isnan (point (osds, 2, 1)->value));

  /* OSD latency comes with the utilization, at the same interval. */
  g_assert_cmpuint (latency->len, ==, 3);
  g_assert_cmpuint (kdcc_history_series_count_values (g_ptr_array_index (latency, 2)), ==, 2);
  g_assert_cmpfloat (point (latency, 2, 0)->value, ==, 6);
  g_assert_true (isnan (point (latency, 2, 1)->value));
  g_assert_cmpuint (commit->len, ==, 1);
  g_assert_cmpstr (((KdccHistorySeries *) g_ptr_array_index (commit, 0))->label, ==, "osd.1");
  g_assert_cmpfloat (point (commit, 0, 0)->value, ==, 2);

  /* Per-pool IO at every refresh: bucket k is the mean of steps 12k..12k+11. */
  g_assert_cmpuint (pool_writes->len, ==, 1);
  for (guint k = 0; k < 10; k++)
    g_assert_cmpfloat_with_epsilon (point (pool_writes, 0, k)->value, 12 * k + 5.5, 1e-9);
  g_assert_cmpuint (pool_reads->len, ==, 2);
  g_assert_cmpuint (((KdccHistorySeries *) g_ptr_array_index (pool_reads, 1))->points->len, ==, 120);
  g_assert_cmpfloat (point (pool_reads, 1, 40)->value, ==, 8192);

  events = kdcc_history_list_events (KDCC_HISTORY (recorder), T0, T0 + 10 * MINUTE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  {
    KdccHistoryEvent *e0 = g_ptr_array_index (events, 0);
    KdccHistoryEvent *e3 = g_ptr_array_index (events, 3);
    g_autofree char *text = kdcc_history_event_describe (e0);

    /* Raised and down at step 48, cleared and up at step 72. */
    g_assert_cmpint (e0->time, ==, T0 + 48 * 5000);
    g_assert_cmpint (e0->kind, ==, KDCC_HISTORY_EVENT_HEALTH_RAISED);
    g_assert_cmpstr (text, ==, "Health check OSD_DOWN raised: 1 osds down");
    g_assert_cmpint (((KdccHistoryEvent *) g_ptr_array_index (events, 1))->kind, ==,
                     KDCC_HISTORY_EVENT_OSD_DOWN);
    g_assert_cmpstr (((KdccHistoryEvent *) g_ptr_array_index (events, 1))->subject, ==, "osd.1");
    g_assert_cmpint (e3->time, ==, T0 + 72 * 5000);
    g_assert_true (e3->kind == KDCC_HISTORY_EVENT_OSD_UP ||
                   e3->kind == KDCC_HISTORY_EVENT_HEALTH_CLEARED);
  }
}

static void
test_write_read (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);
  g_autoptr(GError) error = NULL;
  gint64 start;
  double per_write;

  g_assert_null (kdcc_flight_recorder_get_problem (recorder));
  g_assert_true (g_str_has_prefix (kdcc_flight_recorder_get_path (recorder), fixture->dir));

  start = g_get_monotonic_time ();
  record_ten_minutes (recorder);
  /* What a refresh costs the main thread: building the snapshot here and
   * copying its numbers into the queue. */
  g_test_message ("120 refreshes queued in %.0f µs each (caller's thread)",
                  (g_get_monotonic_time () - start) / 120.0);
  g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
  g_assert_no_error (error);
  per_write = (g_get_monotonic_time () - start) / 120.0;
  g_test_message ("one refresh written in %.0f µs on average (writer thread, ASan build)",
                  per_write);

  check_ten_minutes (recorder);
}

static void
test_events_and_reopen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  {
    g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);
    g_autoptr(KdccSnapshot) last = NULL;

    record_ten_minutes (recorder);
    /* A check that is still raised when the app quits ... */
    last = make_snapshot (T0 + 11 * MINUTE, 132, FALSE, "POOL_NO_REDUNDANCY", 2);
    kdcc_flight_recorder_record_snapshot (recorder, last);
    kdcc_flight_recorder_record_event (recorder, T0 + 11 * MINUTE + 1, KDCC_HISTORY_EVENT_FLAG_SET,
                                       "noout", "ceph osd set noout");
    /* ... and another cluster's refresh, which is not ours to keep. */
    {
      g_autoptr(KdccSnapshot) other = make_snapshot (T0 + 11 * MINUTE + 2, 0, TRUE, "OTHER", 2);

      g_free (other->fsid);
      other->fsid = g_strdup ("11111111-2222-3333-4444-555555555555");
      kdcc_flight_recorder_record_snapshot (recorder, other);
    }
    /* Dropping the recorder writes what was queued. */
  }

  {
    g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);
    g_autoptr(KdccSnapshot) again = make_snapshot (T0 + 12 * MINUTE, 144, FALSE,
                                                   "POOL_NO_REDUNDANCY", 2);

    check_ten_minutes (recorder);

    /* ... is not raised a second time after the restart. */
    kdcc_flight_recorder_record_snapshot (recorder, again);
    g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
    events = kdcc_history_list_events (KDCC_HISTORY (recorder), T0 + 10 * MINUTE + 1, G_MAXINT64,
                                       NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 2);
    g_assert_cmpint (((KdccHistoryEvent *) g_ptr_array_index (events, 0))->kind, ==,
                     KDCC_HISTORY_EVENT_HEALTH_RAISED);
    g_assert_cmpstr (((KdccHistoryEvent *) g_ptr_array_index (events, 0))->subject, ==,
                     "POOL_NO_REDUNDANCY");
    g_assert_cmpint (((KdccHistoryEvent *) g_ptr_array_index (events, 1))->kind, ==,
                     KDCC_HISTORY_EVENT_FLAG_SET);
    g_assert_cmpstr (((KdccHistoryEvent *) g_ptr_array_index (events, 1))->detail, ==,
                     "ceph osd set noout");
  }
}

static void
test_gap (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);
  g_autoptr(GPtrArray) used = NULL;
  g_autoptr(GError) error = NULL;
  KdccHistorySeries *one;

  /* Five minutes, the app closed for twenty, five more. */
  for (guint m = 0; m < 30; m++)
    if (m < 5 || m >= 25)
      {
        g_autoptr(KdccSnapshot) snap = make_snapshot (T0 + m * MINUTE, m, FALSE, NULL, 1);

        kdcc_flight_recorder_record_snapshot (recorder, snap);
      }
  g_assert_true (kdcc_flight_recorder_flush (recorder, &error));

  used = query (recorder, KDCC_HISTORY_CAPACITY_USED, NULL, T0, T0 + 30 * MINUTE, MINUTE);
  one = g_ptr_array_index (used, 0);
  /* 10 values and one NAN where the gap starts. */
  g_assert_cmpuint (one->points->len, ==, 11);
  g_assert_cmpuint (kdcc_history_series_count_values (one), ==, 10);
  g_assert_true (isnan (point (used, 0, 5)->value));
  g_assert_cmpint (point (used, 0, 5)->time, ==, T0 + 5 * MINUTE);
  g_assert_cmpint (point (used, 0, 6)->time, ==, T0 + 25 * MINUTE);
}

static void
test_bounded (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KdccFlightRecorder) recorder = NULL;
  g_autoptr(GPtrArray) used = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 30 * 24 * 12;   /* a month of refreshes, one every 5 minutes */
  guint64 max_size = 0, size;
  KdccHistorySeries *one;
  gint64 start;

  /* On a RAM disk when there is one: this test is about the bound, and a
   * month of writes would otherwise wait mostly for the shared machine's
   * disk flushes at each checkpoint. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    {
      kdcc_test_remove_tree (fixture->dir);
      g_free (fixture->dir);
      fixture->dir = g_dir_make_tmp ("kdcc-flight-recorder-XXXXXX", NULL);
      g_assert_nonnull (fixture->dir);
      kdcc_test_remove_tree (fixture->dir);
      g_free (fixture->dir);
      fixture->dir = g_strdup_printf ("/dev/shm/kdcc-flight-recorder-%d-%" G_GINT64_FORMAT,
                                      (int) getpid (), g_get_monotonic_time ());
      g_assert_cmpint (g_mkdir (fixture->dir, 0700), ==, 0);
    }
  recorder = open_recorder (fixture);

  kdcc_flight_recorder_set_max_days (recorder, 20);
  kdcc_flight_recorder_set_max_mb (recorder, 1);
  g_assert_cmpuint (kdcc_flight_recorder_get_max_mb (recorder), ==, 1);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccSnapshot) snap = make_snapshot (T0 + i * 5 * MINUTE, i, i % 1000 == 0,
                                                    i % 300 == 0 ? "SLOW_OPS" : NULL, 8);

      kdcc_flight_recorder_record_snapshot (recorder, snap);
      if (i % 500 == 499)
        {
          g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
          g_assert_no_error (error);
          size = kdcc_flight_recorder_get_disk_size (recorder);
          max_size = MAX (max_size, size);
        }
    }
  g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
  g_test_message ("%u refreshes with 8 pools written in %.1f s; largest size on disk %"
                  G_GUINT64_FORMAT " bytes", n,
                  (g_get_monotonic_time () - start) / 1e6, max_size);

  /* The database within 1 MB (a few pages over while a write is in
   * flight) plus a write-ahead log of about 1 MB. */
  size = kdcc_flight_recorder_get_disk_size (recorder);
  max_size = MAX (max_size, size);
  g_assert_cmpuint (max_size, <=, (guint64) (1.1 * 1024 * 1024) + 1100 * 1024);

  /* The newest samples are kept, the oldest went first, and nothing is
   * older than max-days. */
  used = query (recorder, KDCC_HISTORY_CAPACITY_USED, NULL, T0, T0 + 5 * n * MINUTE, HOUR);
  one = g_ptr_array_index (used, 0);
  g_assert_cmpint (g_array_index (one->points, KdccHistoryPoint, one->points->len - 1).time, ==,
                   T0 + (n / 12 - 1) * HOUR);
  g_assert_cmpint (g_array_index (one->points, KdccHistoryPoint, 0).time, >=,
                   T0 + (gint64) (n - 1) * 5 * MINUTE - 20 * DAY - HOUR);
  /* The size bound, not only the age, did the work: far less than 20 days
   * of this cluster fit in 1 MB. */
  g_assert_cmpint (g_array_index (one->points, KdccHistoryPoint, 0).time, >,
                   T0 + 15 * DAY);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, FSID ".sqlite", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  static const char garbage[] = "this is not an SQLite database, it is what a crash left behind";

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));

  {
    g_autoptr(KdccFlightRecorder) recorder = NULL;
    g_autoptr(KdccSnapshot) snap = make_snapshot (T0, 0, FALSE, NULL, 1);
    g_autoptr(GPtrArray) used = NULL;

    g_test_expect_message ("kdcc-flight-recorder", G_LOG_LEVEL_WARNING, "*was damaged*");
    recorder = open_recorder (fixture);
    g_test_assert_expected_messages ();

    g_assert_nonnull (kdcc_flight_recorder_get_problem (recorder));
    g_assert_nonnull (strstr (kdcc_flight_recorder_get_problem (recorder), "was damaged"));
    g_assert_nonnull (strstr (kdcc_flight_recorder_get_problem (recorder),
                              kdcc_flight_recorder_get_set_aside_path (recorder)));
    /* The old file is kept aside, byte for byte. */
    g_assert_true (g_file_get_contents (kdcc_flight_recorder_get_set_aside_path (recorder),
                                        &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, garbage);

    /* The new store works. */
    kdcc_flight_recorder_record_snapshot (recorder, snap);
    g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
    used = query (recorder, KDCC_HISTORY_CAPACITY_USED, NULL, T0, T0 + MINUTE, MINUTE);
    g_assert_cmpuint (used->len, ==, 1);
  }

  /* And it is fine when opened again: no problem this time. */
  {
    g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);

    g_assert_null (kdcc_flight_recorder_get_problem (recorder));
  }
}

/* A store written before per-pool IO and OSD latency were kept (schema 1)
 * gets the new columns and keeps its rows. */
static void
test_old_schema (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, FSID ".sqlite", NULL);
  g_autoptr(KdccFlightRecorder) recorder = NULL;
  g_autoptr(KdccSnapshot) snap = make_snapshot (T0 + MINUTE, 1, FALSE, NULL, 1);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) reads = NULL;
  g_autoptr(GPtrArray) commit = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
    "INSERT INTO meta VALUES ('schema', '1');"
    "CREATE TABLE pool_samples (time INTEGER NOT NULL, pool TEXT NOT NULL,"
    "  stored REAL, max_avail REAL, PRIMARY KEY (pool, time)) WITHOUT ROWID;"
    "CREATE TABLE osd_samples (time INTEGER NOT NULL, osd TEXT NOT NULL,"
    "  utilization REAL, PRIMARY KEY (osd, time)) WITHOUT ROWID;"
    "INSERT INTO pool_samples VALUES (1764547200000, 'pool-1', 777, 1000);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  recorder = open_recorder (fixture);
  g_assert_null (kdcc_flight_recorder_get_problem (recorder));
  kdcc_flight_recorder_record_snapshot (recorder, snap);
  g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
  g_assert_no_error (error);

  stored = query (recorder, KDCC_HISTORY_POOL_STORED, "pool-1", T0, T0 + 2 * MINUTE, MINUTE);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpfloat (point (stored, 0, 0)->value, ==, 777);
  g_assert_cmpfloat (point (stored, 0, 1)->value, ==, 1001);
  /* The old row has no IO: the series starts at the new one. */
  reads = query (recorder, KDCC_HISTORY_POOL_READ_OPS, "pool-1", T0, T0 + 2 * MINUTE, MINUTE);
  g_assert_cmpuint (reads->len, ==, 1);
  g_assert_cmpuint (kdcc_history_series_count_values (g_ptr_array_index (reads, 0)), ==, 1);
  g_assert_cmpint (point (reads, 0, 0)->time, ==, T0 + MINUTE);
  g_assert_cmpfloat (point (reads, 0, 0)->value, ==, 5);
  commit = query (recorder, KDCC_HISTORY_OSD_COMMIT_LATENCY, "osd.2", T0, T0 + 2 * MINUTE, MINUTE);
  g_assert_cmpuint (commit->len, ==, 1);
  g_assert_cmpfloat (point (commit, 0, 0)->value, ==, 3);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, FSID ".sqlite", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  {
    g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);

    record_ten_minutes (recorder);
  }

  /* Another program holds the write lock and does not let go. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  {
    g_autoptr(KdccFlightRecorder) recorder = NULL;
    g_autoptr(KdccSnapshot) snap = make_snapshot (T0, 0, FALSE, NULL, 1);
    g_autoptr(GPtrArray) used = NULL;
    g_autoptr(GPtrArray) old = NULL;

    g_test_expect_message ("kdcc-flight-recorder", G_LOG_LEVEL_WARNING, "*locked*");
    recorder = open_recorder (fixture);
    g_test_assert_expected_messages ();

    g_assert_nonnull (strstr (kdcc_flight_recorder_get_problem (recorder), "locked by another"));
    g_assert_true (g_file_test (kdcc_flight_recorder_get_set_aside_path (recorder),
                                G_FILE_TEST_IS_REGULAR));

    /* A fresh store: the old samples are not in it, new ones go in. */
    old = query (recorder, KDCC_HISTORY_CAPACITY_USED, NULL, T0, T0 + 10 * MINUTE, MINUTE);
    g_assert_cmpuint (old->len, ==, 0);
    kdcc_flight_recorder_record_snapshot (recorder, snap);
    g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
    g_assert_no_error (error);
    used = query (recorder, KDCC_HISTORY_CAPACITY_USED, NULL, T0, T0 + MINUTE, MINUTE);
    g_assert_cmpuint (used->len, ==, 1);
  }

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

/* A source whose every refresh is one more MiB used, for the monitor test. */
#define FAKE_TYPE_SOURCE (fake_source_get_type ())
G_DECLARE_FINAL_TYPE (FakeSource, fake_source, FAKE, SOURCE, GObject)

struct _FakeSource
{
  GObject parent_instance;
  gint    calls;
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
  guint call = g_atomic_int_add (&self->calls, 1);

  /* The time is the source's: kdcc_source_fetch_snapshot stamps it. */
  return make_snapshot (T0, call, FALSE, NULL, 1);
}

static void
fake_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = fake_source_get_kind;
  iface->fetch_snapshot = fake_source_fetch_snapshot;
}

static void
fake_source_class_init (FakeSourceClass *klass)
{
}

static void
fake_source_init (FakeSource *self)
{
}

static void
count_cb (KdccMonitor  *monitor,
          const GError *error,
          guint        *count)
{
  g_assert_no_error (error);
  (*count)++;
}

static gboolean
five_refreshes (gpointer data)
{
  return *(guint *) data >= 5;
}

static void
test_watch_monitor (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);
  g_autoptr(KdccSource) source = g_object_new (FAKE_TYPE_SOURCE, NULL);
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("test");
  g_autoptr(KdccMonitor) monitor = kdcc_monitor_new (source, cluster);
  g_autoptr(GPtrArray) used = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  KdccHistorySeries *one;
  double last = NAN;
  guint count = 0;

  kdcc_flight_recorder_watch_monitor (recorder, monitor);
  g_object_set (monitor, "time-unit-ms", 20, "interval", 1, NULL);
  g_signal_connect (monitor, "refresh-done", G_CALLBACK (count_cb), &count);
  kdcc_monitor_start (monitor);
  g_assert_true (kdcc_test_wait_until (five_refreshes, &count, 30000));
  kdcc_monitor_stop (monitor);

  g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
  /* Every refresh became a sample, in order, at millisecond steps. */
  used = query (recorder, KDCC_HISTORY_CAPACITY_USED, NULL, before,
                g_get_real_time () / 1000 + 1, 1);
  g_assert_cmpuint (used->len, ==, 1);
  one = g_ptr_array_index (used, 0);
  g_assert_cmpuint (kdcc_history_series_count_values (one), ==, count);
  g_assert_cmpfloat (point (used, 0, 0)->value, ==, 100 * 1048576.0);
  for (guint i = 0; i < one->points->len; i++)
    if (!isnan (point (used, 0, i)->value))
      last = point (used, 0, i)->value;
  g_assert_cmpfloat (last, ==, (100 + count - 1) * 1048576.0);
}

static void
test_operations (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KdccFlightRecorder) recorder = open_recorder (fixture);
  g_autoptr(KdccOperation) noout = kdcc_operation_new_osd_flag ("noout", TRUE);
  g_autoptr(KdccOperation) config = kdcc_operation_new_config_set ("osd", "osd_max_backfills", "3");
  g_autoptr(KdccOperation) out = kdcc_operation_new_osd_out (2);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  KdccHistoryEvent *e;

  kdcc_flight_recorder_record_operation (recorder, noout, NULL);
  kdcc_flight_recorder_record_operation (recorder, config, "1");
  kdcc_flight_recorder_record_operation (recorder, out, NULL);
  g_assert_true (kdcc_flight_recorder_flush (recorder, &error));

  events = kdcc_history_list_events (KDCC_HISTORY (recorder), before,
                                     g_get_real_time () / 1000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  e = g_ptr_array_index (events, 0);
  g_assert_cmpint (e->kind, ==, KDCC_HISTORY_EVENT_FLAG_SET);
  g_assert_cmpstr (e->subject, ==, "noout");
  g_assert_cmpstr (e->detail, ==, "ceph osd set noout");
  e = g_ptr_array_index (events, 1);
  g_assert_cmpint (e->kind, ==, KDCC_HISTORY_EVENT_CONFIG_CHANGED);
  g_assert_cmpstr (e->subject, ==, "osd/osd_max_backfills");
  g_assert_cmpstr (e->detail, ==, "1 → 3");
  e = g_ptr_array_index (events, 2);
  g_assert_cmpint (e->kind, ==, KDCC_HISTORY_EVENT_OPERATION);
  g_assert_cmpstr (e->subject, ==, "ceph osd out 2");
}

static void
test_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccFlightRecorder) recorder = kdcc_flight_recorder_new ("../../etc/passwd", "/tmp",
                                                                     &error);
  KdccHistoryQuery q = { KDCC_HISTORY_CAPACITY_USED, NULL, T0, T0 - 1, MINUTE };

  g_assert_null (recorder);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Nowhere to write: a clear error, no store. */
  recorder = kdcc_flight_recorder_new (FSID, "/proc/kdcc-flight-recorder", &error);
  g_assert_null (recorder);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/proc/kdcc-flight-recorder"));
  g_clear_error (&error);

  g_assert_false (kdcc_history_query_check (&q, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/flight-recorder/write-read", Fixture, NULL,
              fixture_setup, test_write_read, fixture_teardown);
  g_test_add ("/flight-recorder/events-and-reopen", Fixture, NULL,
              fixture_setup, test_events_and_reopen, fixture_teardown);
  g_test_add ("/flight-recorder/gap", Fixture, NULL,
              fixture_setup, test_gap, fixture_teardown);
  g_test_add ("/flight-recorder/bounded", Fixture, NULL,
              fixture_setup, test_bounded, fixture_teardown);
  g_test_add ("/flight-recorder/damaged", Fixture, NULL,
              fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/flight-recorder/old-schema", Fixture, NULL,
              fixture_setup, test_old_schema, fixture_teardown);
  g_test_add ("/flight-recorder/locked", Fixture, NULL,
              fixture_setup, test_locked, fixture_teardown);
  g_test_add ("/flight-recorder/watch-monitor", Fixture, NULL,
              fixture_setup, test_watch_monitor, fixture_teardown);
  g_test_add ("/flight-recorder/operations", Fixture, NULL,
              fixture_setup, test_operations, fixture_teardown);
  g_test_add_func ("/flight-recorder/invalid", test_invalid);

  return kdcc_test_run ();
}
