/* kdcc-flight-recorder-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-flight-recorder"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-flight-recorder-private.h"

/* The writing half of the flight recorder: a refresh becomes a Batch of
 * plain numbers on the caller's thread, and the writer thread turns each
 * batch into one transaction (samples, the events that differ from the
 * remembered state, pruning to the bounds). */

/* One refresh's worth of rows, or one event. */
typedef struct
{
  gint64      time;
  gboolean    has_cluster;
  double      cluster[8];     /* the cluster_samples columns, NAN when unknown */
  char       *pg_states;      /* "active=33;clean=33" */
  GPtrArray  *pools;          /* PoolRow, NULL when the pool maps were not fetched */
  GPtrArray  *osds;           /* OsdRow, NULL when osd df was not fetched */
  GPtrArray  *checks;         /* CheckRow, NULL for an event-only batch */
  GPtrArray  *events;         /* KdccHistoryEvent */
  GHashTable *deep_stamps;    /* pgid → deep-scrub stamp, NULL without a PG list */
} Batch;

typedef struct
{
  char     *name;
  char     *text;
  double    a;
  double    b;
  /* Pools: read ops, write ops, read bytes, write bytes (per second);
   * OSDs: commit and apply latency (ms). NAN when unknown. */
  double    more[4];
  gboolean  up;
  gboolean  in;
} Row;

static void
row_free (Row *row)
{
  g_free (row->name);
  g_free (row->text);
  g_free (row);
}

static Row *
row_new (const char *name,
         double      a,
         double      b)
{
  Row *row = g_new0 (Row, 1);

  row->name = g_strdup (name);
  row->a = a;
  row->b = b;
  for (guint i = 0; i < G_N_ELEMENTS (row->more); i++)
    row->more[i] = NAN;
  return row;
}

static void
batch_free (Batch *batch)
{
  g_free (batch->pg_states);
  g_clear_pointer (&batch->pools, g_ptr_array_unref);
  g_clear_pointer (&batch->osds, g_ptr_array_unref);
  g_clear_pointer (&batch->checks, g_ptr_array_unref);
  g_clear_pointer (&batch->events, g_ptr_array_unref);
  g_clear_pointer (&batch->deep_stamps, g_hash_table_unref);
  g_free (batch);
}

static Batch *
batch_new (gint64 time)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->time = time;
  batch->events = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_history_event_free);
  return batch;
}

/* Writing (the writer thread) */

static int
exec_row (sqlite3       *db,
          const char    *sql,
          gint64         time,
          const char    *text,
          const double  *values,
          guint          n_values)
{
  sqlite3_stmt *stmt = NULL;
  int rc, col = 1;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, col++, time);
  if (text != NULL)
    sqlite3_bind_text (stmt, col++, text, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < n_values; i++, col++)
    {
      if (isnan (values[i]))
        sqlite3_bind_null (stmt, col);
      else
        sqlite3_bind_double (stmt, col, values[i]);
    }
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
insert_event (sqlite3                *db,
              const KdccHistoryEvent *event)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO events (time, kind, subject, detail) "
                           "VALUES (?, ?, ?, ?)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int64 (stmt, 1, event->time);
  sqlite3_bind_text (stmt, 2, kdcc_history_event_kind_to_string (event->kind), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, event->subject, -1, SQLITE_TRANSIENT);
  if (event->detail != NULL)
    sqlite3_bind_text (stmt, 4, event->detail, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
set_state (KdccFlightRecorder *self,
           const char         *key,
           gboolean            present)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (present == g_hash_table_contains (self->state, key))
    return SQLITE_OK;

  rc = sqlite3_prepare_v2 (self->db,
                           present ? "INSERT OR REPLACE INTO state (key) VALUES (?)"
                                   : "DELETE FROM state WHERE key = ?",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rc;

  if (present)
    g_hash_table_add (self->state, g_strdup (key));
  else
    g_hash_table_remove (self->state, key);
  return SQLITE_OK;
}

/* Turns the difference between the remembered state and this batch into
 * events. prefix is "check:", "down:" or "out:". */
static void
diff_state (KdccFlightRecorder   *self,
            Batch                *batch,
            const char           *prefix,
            GHashTable           *now,
            GHashTable           *known,
            KdccHistoryEventKind  raised,
            KdccHistoryEventKind  cleared)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  gsize plen = strlen (prefix);

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *skey = g_strconcat (prefix, key, NULL);

      if (!g_hash_table_contains (self->state, skey))
        g_ptr_array_add (batch->events,
                         kdcc_history_event_new (batch->time, raised, key, value));
    }

  g_hash_table_iter_init (&iter, self->state);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix) && !g_hash_table_contains (now, (char *) key + plen))
      g_ptr_array_add (gone, g_strdup (key));

  for (guint i = 0; i < gone->len; i++)
    {
      const char *name = (char *) g_ptr_array_index (gone, i) + plen;

      /* An OSD that left the map did not come back up; it is just gone. */
      if (known == NULL || g_hash_table_contains (known, name))
        g_ptr_array_add (batch->events,
                         kdcc_history_event_new (batch->time, cleared, name, NULL));
      set_state (self, g_ptr_array_index (gone, i), FALSE);
    }

  g_hash_table_iter_init (&iter, now);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *skey = g_strconcat (prefix, key, NULL);

      set_state (self, skey, TRUE);
    }
}

static void
derive_events (KdccFlightRecorder *self,
               Batch              *batch)
{
  if (batch->checks != NULL)
    {
      g_autoptr(GHashTable) now = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < batch->checks->len; i++)
        {
          Row *row = g_ptr_array_index (batch->checks, i);

          g_hash_table_insert (now, row->name, row->text);
        }
      diff_state (self, batch, "check:", now, NULL,
                  KDCC_HISTORY_EVENT_HEALTH_RAISED, KDCC_HISTORY_EVENT_HEALTH_CLEARED);
    }

  if (batch->osds != NULL)
    {
      g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) down = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) out = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < batch->osds->len; i++)
        {
          Row *row = g_ptr_array_index (batch->osds, i);

          g_hash_table_add (known, row->name);
          if (!row->up)
            g_hash_table_add (down, row->name);
          if (!row->in)
            g_hash_table_add (out, row->name);
        }
      diff_state (self, batch, "down:", down, known,
                  KDCC_HISTORY_EVENT_OSD_DOWN, KDCC_HISTORY_EVENT_OSD_UP);
      diff_state (self, batch, "out:", out, known,
                  KDCC_HISTORY_EVENT_OSD_OUT, KDCC_HISTORY_EVENT_OSD_IN);
    }
}

/* Deletes what is older than max-days before the newest sample, then the
 * oldest tenth of the remaining span while the used pages exceed max-mb. */
static int
prune (KdccFlightRecorder *self,
       gint64              newest)
{
  static const char * const tables[] = { "cluster_samples", "pool_samples", "osd_samples",
                                         "scrub_samples", "events" };
  gint64 max_bytes = (gint64) self->max_mb * 1024 * 1024;
  gint64 page_size = _kdcc_flight_recorder_query_int (self->db, "PRAGMA page_size", 4096);
  gint64 cutoff = newest - (gint64) self->max_days * 24 * 3600 * 1000;

  for (guint round = 0; round < 20; round++)
    {
      gint64 used, oldest;

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        {
          g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE time < %" G_GINT64_FORMAT,
                                                  tables[i], cutoff);
          int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

          if (rc != SQLITE_OK)
            return rc;
        }

      used = (_kdcc_flight_recorder_query_int (self->db, "PRAGMA page_count", 0) -
              _kdcc_flight_recorder_query_int (self->db, "PRAGMA freelist_count", 0)) * page_size;
      if (used <= max_bytes)
        return SQLITE_OK;

      oldest = _kdcc_flight_recorder_query_int (self->db, "SELECT min(time) FROM cluster_samples", newest);
      oldest = MIN (oldest, _kdcc_flight_recorder_query_int (self->db, "SELECT min(time) FROM pool_samples", newest));
      oldest = MIN (oldest, _kdcc_flight_recorder_query_int (self->db, "SELECT min(time) FROM osd_samples", newest));
      if (oldest >= newest)
        return SQLITE_OK;
      cutoff = MAX (cutoff, oldest) + MAX ((newest - MAX (cutoff, oldest)) / 10, 1);
    }
  return SQLITE_OK;
}

static int
write_batch (KdccFlightRecorder *self,
             Batch              *batch)
{
  int rc;

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;

  derive_events (self, batch);

  if (batch->has_cluster)
    rc = exec_row (self->db,
                   "INSERT OR REPLACE INTO cluster_samples (time, pg_states, read_ops, write_ops,"
                   " read_bytes, write_bytes, recovery_bytes, recovery_objects, used_bytes,"
                   " total_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   batch->time, batch->pg_states ? batch->pg_states : "",
                   batch->cluster, G_N_ELEMENTS (batch->cluster));

  for (guint i = 0; rc == SQLITE_OK && batch->pools != NULL && i < batch->pools->len; i++)
    {
      Row *row = g_ptr_array_index (batch->pools, i);
      double values[] = { row->a, row->b, row->more[0], row->more[1], row->more[2],
                          row->more[3] };

      rc = exec_row (self->db, "INSERT OR REPLACE INTO pool_samples (time, pool, stored, max_avail,"
                     " read_ops, write_ops, read_bytes, write_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     batch->time, row->name, values, G_N_ELEMENTS (values));
    }

  /* Utilization moves slowly; one row per OSD every few minutes is plenty
   * and keeps large clusters within the bound. */
  if (batch->osds != NULL && batch->time - self->last_osd_sample >= KDCC_FLIGHT_RECORDER_OSD_INTERVAL)
    {
      for (guint i = 0; rc == SQLITE_OK && i < batch->osds->len; i++)
        {
          Row *row = g_ptr_array_index (batch->osds, i);
          double values[] = { row->a, row->more[0], row->more[1] };

          if (!isnan (row->a) || !isnan (row->more[0]) || !isnan (row->more[1]))
            rc = exec_row (self->db, "INSERT OR REPLACE INTO osd_samples (time, osd, utilization,"
                           " commit_latency, apply_latency) VALUES (?, ?, ?, ?, ?)",
                           batch->time, row->name, values, G_N_ELEMENTS (values));
        }
      self->last_osd_sample = batch->time;
    }

  if (rc == SQLITE_OK && batch->deep_stamps != NULL)
    rc = _kdcc_flight_recorder_scrub_write (self, batch->time, batch->deep_stamps);

  for (guint i = 0; rc == SQLITE_OK && i < batch->events->len; i++)
    rc = insert_event (self->db, g_ptr_array_index (batch->events, i));

  if (rc == SQLITE_OK)
    rc = prune (self, batch->time);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* The remembered state may now be ahead of the file. */
      _kdcc_flight_recorder_load_state (self);
    }
  return rc;
}

void
_kdcc_flight_recorder_write (gpointer data,
             gpointer user_data)
{
  Batch *batch = data;
  KdccFlightRecorder *self = user_data;
  g_autoptr(GError) error = NULL;
  int rc;

  g_mutex_lock (&self->mutex);
  rc = self->db ? write_batch (self, batch) : SQLITE_CANTOPEN;
  if (rc != SQLITE_OK)
    {
      _kdcc_flight_recorder_set_db_error (self, _("a sample could not be written"), &error);
      g_debug ("%s", error->message);
      /* A file damaged while in use is replaced like one found damaged. */
      if (_kdcc_flight_recorder_is_damage (rc))
        {
          g_autoptr(GError) reopen_error = NULL;

          sqlite3_close_v2 (self->db);
          self->db = NULL;
          if (!_kdcc_flight_recorder_open_store (self, &reopen_error))
            g_warning ("%s", reopen_error->message);
        }
    }
  g_mutex_unlock (&self->mutex);

  batch_free (batch);

  g_mutex_lock (&self->queue_mutex);
  if (error != NULL && self->write_error == NULL)
    self->write_error = g_steal_pointer (&error);
  self->pending--;
  g_cond_broadcast (&self->queue_cond);
  g_mutex_unlock (&self->queue_mutex);
}

static void
queue_batch (KdccFlightRecorder *self,
             Batch              *batch)
{
  g_mutex_lock (&self->queue_mutex);
  self->pending++;
  g_mutex_unlock (&self->queue_mutex);
  g_thread_pool_push (self->writer, batch, NULL);
}

/* Recording */

static double
value_or_nan (gboolean known,
              double   value)
{
  return known ? value : NAN;
}

void
kdcc_flight_recorder_record_snapshot (KdccFlightRecorder *self,
                                      KdccSnapshot       *snapshot)
{
  Batch *batch;
  gint64 fetched;
  gboolean has_data;

  g_return_if_fail (KDCC_IS_FLIGHT_RECORDER (self));
  g_return_if_fail (snapshot != NULL);

  if (snapshot->fsid != NULL && g_ascii_strcasecmp (snapshot->fsid, self->fsid) != 0)
    return;

  fetched = snapshot->fetched_at > 0 ? snapshot->fetched_at : g_get_real_time ();
  batch = batch_new (fetched / 1000);
  has_data = snapshot->total_bytes > 0 || snapshot->pgs_total > 0;

  batch->has_cluster = TRUE;
  batch->cluster[0] = snapshot->read_ops;
  batch->cluster[1] = snapshot->write_ops;
  batch->cluster[2] = snapshot->read_bytes;
  batch->cluster[3] = snapshot->write_bytes;
  batch->cluster[4] = snapshot->recovering_bytes;
  batch->cluster[5] = snapshot->recovering_objects;
  batch->cluster[6] = value_or_nan (has_data, (double) snapshot->used_bytes);
  batch->cluster[7] = value_or_nan (has_data, (double) snapshot->total_bytes);

  if (snapshot->pg_states != NULL)
    {
      g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GString *text = g_string_new (NULL);
      GHashTableIter iter;
      gpointer key, value;

      for (guint i = 0; i < snapshot->pg_states->len; i++)
        {
          KdccPgStateData *pg = g_ptr_array_index (snapshot->pg_states, i);
          g_auto(GStrv) parts = g_strsplit (pg->state ? pg->state : "", "+", -1);

          for (guint j = 0; parts[j] != NULL; j++)
            {
              gint64 sum;

              if (parts[j][0] == '\0' || strpbrk (parts[j], "=;") != NULL)
                continue;
              sum = GPOINTER_TO_SIZE (g_hash_table_lookup (words, parts[j])) + pg->count;
              g_hash_table_replace (words, g_strdup (parts[j]), GSIZE_TO_POINTER (sum));
            }
        }
      g_hash_table_iter_init (&iter, words);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_string_append_printf (text, "%s%s=%" G_GSIZE_FORMAT, text->len ? ";" : "",
                                (char *) key, GPOINTER_TO_SIZE (value));
      batch->pg_states = g_string_free (text, FALSE);
    }

  if (snapshot->pools != NULL)
    {
      batch->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      for (guint i = 0; i < snapshot->pools->len; i++)
        {
          KdccPoolData *pool = g_ptr_array_index (snapshot->pools, i);
          Row *row;

          if ((!pool->has_usage && !pool->has_io) || pool->name == NULL)
            continue;
          row = row_new (pool->name, value_or_nan (pool->has_usage, (double) pool->stored_bytes),
                         value_or_nan (pool->has_usage, (double) pool->max_avail_bytes));
          if (pool->has_io)
            {
              row->more[0] = pool->read_ops;
              row->more[1] = pool->write_ops;
              row->more[2] = pool->read_bytes;
              row->more[3] = pool->write_bytes;
            }
          g_ptr_array_add (batch->pools, row);
        }
    }

  if (snapshot->osds != NULL)
    {
      batch->osds = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      for (guint i = 0; i < snapshot->osds->len; i++)
        {
          KdccOsdData *osd = g_ptr_array_index (snapshot->osds, i);
          g_autofree char *name = NULL;
          Row *row;

          if (!osd->exists)
            continue;
          name = osd->name ? g_strdup (osd->name) : g_strdup_printf ("osd.%" G_GINT64_FORMAT,
                                                                    osd->id);
          row = row_new (name, value_or_nan (osd->has_usage, osd->utilization), NAN);
          if (osd->has_perf)
            {
              row->more[0] = osd->commit_latency_ms;
              row->more[1] = osd->apply_latency_ms;
            }
          row->up = osd->up;
          row->in = osd->in;
          g_ptr_array_add (batch->osds, row);
        }
    }

  batch->deep_stamps = _kdcc_flight_recorder_scrub_capture (snapshot);

  if (snapshot->checks != NULL)
    {
      batch->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      for (guint i = 0; i < snapshot->checks->len; i++)
        {
          KdccHealthCheckData *check = g_ptr_array_index (snapshot->checks, i);

          if (check->code != NULL)
            {
              Row *row = row_new (check->code, 0, 0);

              row->text = g_strdup (check->summary);
              g_ptr_array_add (batch->checks, row);
            }
        }
    }

  queue_batch (self, batch);
}

static void
snapshot_applied_cb (KdccMonitor        *monitor,
                     KdccSnapshot       *snapshot,
                     KdccFlightRecorder *self)
{
  kdcc_flight_recorder_record_snapshot (self, snapshot);
}

void
kdcc_flight_recorder_watch_monitor (KdccFlightRecorder *self,
                                    KdccMonitor        *monitor)
{
  g_return_if_fail (KDCC_IS_FLIGHT_RECORDER (self));
  g_return_if_fail (KDCC_IS_MONITOR (monitor));

  g_signal_connect_object (monitor, "snapshot-applied", G_CALLBACK (snapshot_applied_cb),
                           self, 0);
}

void
kdcc_flight_recorder_record_event (KdccFlightRecorder   *self,
                                   gint64                time,
                                   KdccHistoryEventKind  kind,
                                   const char           *subject,
                                   const char           *detail)
{
  Batch *batch;

  g_return_if_fail (KDCC_IS_FLIGHT_RECORDER (self));
  g_return_if_fail (subject != NULL);

  batch = batch_new (time > 0 ? time : g_get_real_time () / 1000);
  g_ptr_array_add (batch->events, kdcc_history_event_new (batch->time, kind, subject, detail));
  queue_batch (self, batch);
}

void
kdcc_flight_recorder_record_operation (KdccFlightRecorder *self,
                                       KdccOperation      *operation,
                                       const char         *previous_value)
{
  g_autofree char *cli = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *detail = NULL;
  const char *value;

  g_return_if_fail (KDCC_IS_FLIGHT_RECORDER (self));
  g_return_if_fail (KDCC_IS_OPERATION (operation));

  cli = kdcc_operation_dup_cli_equivalent (operation);
  value = kdcc_operation_get_value (operation);

  switch (kdcc_operation_get_kind (operation))
    {
    case KDCC_OPERATION_OSD_FLAG_SET:
      kdcc_flight_recorder_record_event (self, 0, KDCC_HISTORY_EVENT_FLAG_SET,
                                         kdcc_operation_get_key (operation), cli);
      break;
    case KDCC_OPERATION_OSD_FLAG_UNSET:
      kdcc_flight_recorder_record_event (self, 0, KDCC_HISTORY_EVENT_FLAG_UNSET,
                                         kdcc_operation_get_key (operation), cli);
      break;
    case KDCC_OPERATION_CONFIG_SET:
    case KDCC_OPERATION_CONFIG_RM:
      subject = g_strdup_printf ("%s/%s", kdcc_operation_get_target (operation),
                                 kdcc_operation_get_key (operation));
      if (kdcc_operation_get_kind (operation) == KDCC_OPERATION_CONFIG_RM)
        /* TRANSLATORS: a configuration value removed, e.g. "4 → (default)" */
        detail = g_strdup_printf (_("%s → (default)"), previous_value ? previous_value : "?");
      else
        detail = g_strdup_printf ("%s → %s", previous_value ? previous_value : "?",
                                  value ? value : "");
      kdcc_flight_recorder_record_event (self, 0, KDCC_HISTORY_EVENT_CONFIG_CHANGED, subject,
                                         detail);
      break;
    case KDCC_OPERATION_POOL_SET:
    case KDCC_OPERATION_OSD_IN:
    case KDCC_OPERATION_OSD_OUT:
    case KDCC_OPERATION_OSD_REWEIGHT:
    case KDCC_OPERATION_HEALTH_MUTE:
    case KDCC_OPERATION_HEALTH_UNMUTE:
    case KDCC_OPERATION_PG_DEEP_SCRUB:
    default:
      if (previous_value != NULL && value != NULL)
        detail = g_strdup_printf ("%s → %s", previous_value, value);
      kdcc_flight_recorder_record_event (self, 0, KDCC_HISTORY_EVENT_OPERATION, cli, detail);
      break;
    }
}

gboolean
kdcc_flight_recorder_flush (KdccFlightRecorder  *self,
                            GError             **error)
{
  GError *write_error;

  g_return_val_if_fail (KDCC_IS_FLIGHT_RECORDER (self), FALSE);

  g_mutex_lock (&self->queue_mutex);
  while (self->pending > 0)
    g_cond_wait (&self->queue_cond, &self->queue_mutex);
  write_error = g_steal_pointer (&self->write_error);
  g_mutex_unlock (&self->queue_mutex);

  if (write_error != NULL)
    {
      g_propagate_error (error, write_error);
      return FALSE;
    }
  return TRUE;
}

