/* kdcc-flight-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-flight-recorder"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kdcc-error.h"
#include "kdcc-flight-recorder-private.h"

/* Design note. The store is written from every refresh (every 5 s by
 * default), so a write must be cheap and must never block the main thread:
 * record_snapshot() copies the few numbers into a Batch and a one-thread
 * pool writes batches in order, one transaction each, in WAL mode with
 * synchronous=NORMAL (no fsync per commit; a crash loses at most the last
 * few samples, never the file). Pruning happens in the same transaction,
 * so the bound holds after every write. A refresh makes one row of
 * cluster-wide numbers (the PG state counts as one short text), a row per
 * pool when the pool maps were fetched and a row per OSD every few minutes:
 * about 3–4 MB a day for a cluster of 10 pools and 100 OSDs. */

/* How long a statement waits for another connection's lock before the
 * store is declared locked. */
#define BUSY_TIMEOUT_MS 2000
/* Pages the write-ahead log may hold before it is copied back, and the
 * size it is truncated to after that: keeps the log near 1 MB. */
#define WAL_AUTOCHECKPOINT_PAGES 256
#define WAL_SIZE_LIMIT 1048576

enum
{
  PROP_0,
  PROP_PATH,
  PROP_MAX_DAYS,
  PROP_MAX_MB,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccFlightRecorder, kdcc_flight_recorder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_HISTORY,
                                                      _kdcc_flight_recorder_history_init))

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE IF NOT EXISTS cluster_samples (time INTEGER PRIMARY KEY,"
  "  read_ops REAL, write_ops REAL, read_bytes REAL, write_bytes REAL,"
  "  recovery_bytes REAL, recovery_objects REAL, used_bytes REAL, total_bytes REAL,"
  "  pg_states TEXT);"
  "CREATE TABLE IF NOT EXISTS pool_samples (time INTEGER NOT NULL, pool TEXT NOT NULL,"
  "  stored REAL, max_avail REAL, PRIMARY KEY (pool, time)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS pool_samples_time ON pool_samples (time);"
  "CREATE TABLE IF NOT EXISTS osd_samples (time INTEGER NOT NULL, osd TEXT NOT NULL,"
  "  utilization REAL, PRIMARY KEY (osd, time)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS osd_samples_time ON osd_samples (time);"
  "CREATE TABLE IF NOT EXISTS events (time INTEGER NOT NULL, kind TEXT NOT NULL,"
  "  subject TEXT NOT NULL, detail TEXT);"
  "CREATE INDEX IF NOT EXISTS events_time ON events (time);"
  "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');";

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
} Batch;

typedef struct
{
  char     *name;
  char     *text;
  double    a;
  double    b;
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

void
_kdcc_flight_recorder_set_db_error (KdccFlightRecorder  *self,
                                    const char          *what,
                                    GError             **error)
{
  const char *message = self->db ? sqlite3_errmsg (self->db) : "no database";

  g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
               _("Flight recorder %s: %s (%s)"), self->path, what, message);
}

static gboolean
is_damage (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

static gboolean
is_lock (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           gint64      fallback)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
load_state (KdccFlightRecorder *self)
{
  sqlite3_stmt *stmt = NULL;

  g_hash_table_remove_all (self->state);
  if (sqlite3_prepare_v2 (self->db, "SELECT key FROM state", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (self->state, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  self->last_osd_sample = query_int (self->db, "SELECT max(time) FROM osd_samples", 0);
}

/* Opens self->path and makes sure it holds our tables and can be written.
 * Returns SQLITE_OK or the code that stopped it (the handle is closed). */
static int
try_open (KdccFlightRecorder  *self,
          char               **message)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
      sqlite3_extended_result_codes (self->db, 1);
      rc = sqlite3_exec (self->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db,
                       "PRAGMA synchronous=NORMAL;"
                       "PRAGMA wal_autocheckpoint=" G_STRINGIFY (WAL_AUTOCHECKPOINT_PAGES) ";"
                       "PRAGMA journal_size_limit=" G_STRINGIFY (WAL_SIZE_LIMIT) ";",
                       NULL, NULL, NULL);
  /* BEGIN IMMEDIATE takes the write lock now, so a store another program
   * holds is found here and not at the first refresh. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_exec (self->db, schema, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      else
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      if (*message == NULL)
        *message = g_strdup (self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      return rc;
    }

  load_state (self);
  return SQLITE_OK;
}

/* Moves the store and its journal files to PATH.REASON-TIME. */
static gboolean
set_aside (KdccFlightRecorder  *self,
           const char          *reason,
           GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.%s-%s", self->path, reason, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  if (g_rename (self->path, aside) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot move the flight recorder database %s aside: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      /* The journal of a store another program holds belongs with it. */
      if (g_rename (from, to) != 0 && errno != ENOENT)
        g_unlink (from);
    }

  g_free (self->set_aside_path);
  self->set_aside_path = g_steal_pointer (&aside);
  return TRUE;
}

static gboolean
open_store (KdccFlightRecorder  *self,
            GError             **error)
{
  g_autofree char *message = NULL;
  g_autofree char *second = NULL;
  int rc;

  rc = try_open (self, &message);
  if (rc == SQLITE_OK)
    return TRUE;

  if (!is_damage (rc) && !is_lock (rc))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot open the flight recorder database %s: %s"), self->path, message);
      return FALSE;
    }

  if (!set_aside (self, is_damage (rc) ? "damaged" : "locked", error))
    return FALSE;

  if (is_damage (rc))
    self->problem = g_strdup_printf (_("The flight recorder database %s was damaged (%s). "
                                       "It was moved to %s and a new, empty history was "
                                       "started."),
                                     self->path, message, self->set_aside_path);
  else
    self->problem = g_strdup_printf (_("The flight recorder database %s was locked by another "
                                       "program for more than %d seconds (%s). It was moved "
                                       "to %s and a new, empty history was started."),
                                     self->path, BUSY_TIMEOUT_MS / 1000, message,
                                     self->set_aside_path);
  g_warning ("%s", self->problem);

  rc = try_open (self, &second);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot create a new flight recorder database %s: %s"), self->path, second);
      return FALSE;
    }
  return TRUE;
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
                                         "events" };
  gint64 max_bytes = (gint64) self->max_mb * 1024 * 1024;
  gint64 page_size = query_int (self->db, "PRAGMA page_size", 4096);
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

      used = (query_int (self->db, "PRAGMA page_count", 0) -
              query_int (self->db, "PRAGMA freelist_count", 0)) * page_size;
      if (used <= max_bytes)
        return SQLITE_OK;

      oldest = query_int (self->db, "SELECT min(time) FROM cluster_samples", newest);
      oldest = MIN (oldest, query_int (self->db, "SELECT min(time) FROM pool_samples", newest));
      oldest = MIN (oldest, query_int (self->db, "SELECT min(time) FROM osd_samples", newest));
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
      double values[] = { row->a, row->b };

      rc = exec_row (self->db, "INSERT OR REPLACE INTO pool_samples (time, pool, stored, max_avail)"
                     " VALUES (?, ?, ?, ?)", batch->time, row->name, values, 2);
    }

  /* Utilization moves slowly; one row per OSD every few minutes is plenty
   * and keeps large clusters within the bound. */
  if (batch->osds != NULL && batch->time - self->last_osd_sample >= KDCC_FLIGHT_RECORDER_OSD_INTERVAL)
    {
      for (guint i = 0; rc == SQLITE_OK && i < batch->osds->len; i++)
        {
          Row *row = g_ptr_array_index (batch->osds, i);

          if (!isnan (row->a))
            rc = exec_row (self->db, "INSERT OR REPLACE INTO osd_samples (time, osd, utilization)"
                           " VALUES (?, ?, ?)", batch->time, row->name, &row->a, 1);
        }
      self->last_osd_sample = batch->time;
    }

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
      load_state (self);
    }
  return rc;
}

static void
writer_func (gpointer data,
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
      if (is_damage (rc))
        {
          g_autoptr(GError) reopen_error = NULL;

          sqlite3_close_v2 (self->db);
          self->db = NULL;
          if (!open_store (self, &reopen_error))
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

          if (pool->has_usage && pool->name != NULL)
            g_ptr_array_add (batch->pools, row_new (pool->name, (double) pool->stored_bytes,
                                                    (double) pool->max_avail_bytes));
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
          row->up = osd->up;
          row->in = osd->in;
          g_ptr_array_add (batch->osds, row);
        }
    }

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

guint64
kdcc_flight_recorder_get_disk_size (KdccFlightRecorder *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;
  guint64 size = 0;

  if (g_stat (self->path, &st) == 0)
    size += st.st_size;
  if (g_stat (wal, &st) == 0)
    size += st.st_size;
  return size;
}

/* The object */

static gboolean
fsid_is_valid (const char *fsid)
{
  if (fsid == NULL || fsid[0] == '\0' || strlen (fsid) > 64)
    return FALSE;
  for (const char *p = fsid; *p; p++)
    if (!g_ascii_isxdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

KdccFlightRecorder *
kdcc_flight_recorder_new (const char  *fsid,
                          const char  *directory,
                          GError     **error)
{
  g_autoptr(KdccFlightRecorder) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  if (!fsid_is_valid (fsid))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a cluster fsid"), fsid ? fsid : "");
      return NULL;
    }

  dir = directory ? g_strdup (directory)
                  : g_build_filename (g_get_user_data_dir (), "kdcc", "history", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot create the flight recorder directory %s: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (KDCC_TYPE_FLIGHT_RECORDER, NULL);
  self->fsid = g_ascii_strdown (fsid, -1);
  name = g_strconcat (self->fsid, ".sqlite", NULL);
  self->path = g_build_filename (dir, name, NULL);

  if (!open_store (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
kdcc_flight_recorder_get_path (KdccFlightRecorder *self)
{
  g_return_val_if_fail (KDCC_IS_FLIGHT_RECORDER (self), NULL);
  return self->path;
}

const char *
kdcc_flight_recorder_get_problem (KdccFlightRecorder *self)
{
  g_return_val_if_fail (KDCC_IS_FLIGHT_RECORDER (self), NULL);
  return self->problem;
}

const char *
kdcc_flight_recorder_get_set_aside_path (KdccFlightRecorder *self)
{
  g_return_val_if_fail (KDCC_IS_FLIGHT_RECORDER (self), NULL);
  return self->set_aside_path;
}

guint
kdcc_flight_recorder_get_max_days (KdccFlightRecorder *self)
{
  g_return_val_if_fail (KDCC_IS_FLIGHT_RECORDER (self), 0);
  return self->max_days;
}

void
kdcc_flight_recorder_set_max_days (KdccFlightRecorder *self,
                                   guint               max_days)
{
  g_return_if_fail (KDCC_IS_FLIGHT_RECORDER (self));

  max_days = CLAMP (max_days, 1, 3650);
  g_mutex_lock (&self->mutex);
  if (max_days == self->max_days)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  self->max_days = max_days;
  g_mutex_unlock (&self->mutex);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DAYS]);
}

guint
kdcc_flight_recorder_get_max_mb (KdccFlightRecorder *self)
{
  g_return_val_if_fail (KDCC_IS_FLIGHT_RECORDER (self), 0);
  return self->max_mb;
}

void
kdcc_flight_recorder_set_max_mb (KdccFlightRecorder *self,
                                 guint               max_mb)
{
  g_return_if_fail (KDCC_IS_FLIGHT_RECORDER (self));

  max_mb = CLAMP (max_mb, 1, 100000);
  g_mutex_lock (&self->mutex);
  if (max_mb == self->max_mb)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }
  self->max_mb = max_mb;
  g_mutex_unlock (&self->mutex);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_MB]);
}

static void
kdcc_flight_recorder_finalize (GObject *object)
{
  KdccFlightRecorder *self = KDCC_FLIGHT_RECORDER (object);

  /* Waits for the queued writes: a sample taken is a sample kept. */
  g_thread_pool_free (self->writer, FALSE, TRUE);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_error (&self->write_error);
  g_hash_table_unref (self->state);
  g_free (self->fsid);
  g_free (self->path);
  g_free (self->problem);
  g_free (self->set_aside_path);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->queue_mutex);
  g_cond_clear (&self->queue_cond);

  G_OBJECT_CLASS (kdcc_flight_recorder_parent_class)->finalize (object);
}

static void
kdcc_flight_recorder_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KdccFlightRecorder *self = KDCC_FLIGHT_RECORDER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MAX_DAYS:
      g_value_set_uint (value, self->max_days);
      break;
    case PROP_MAX_MB:
      g_value_set_uint (value, self->max_mb);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_flight_recorder_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KdccFlightRecorder *self = KDCC_FLIGHT_RECORDER (object);

  switch (prop_id)
    {
    case PROP_MAX_DAYS:
      kdcc_flight_recorder_set_max_days (self, g_value_get_uint (value));
      break;
    case PROP_MAX_MB:
      kdcc_flight_recorder_set_max_mb (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_flight_recorder_class_init (KdccFlightRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kdcc_flight_recorder_finalize;
  object_class->get_property = kdcc_flight_recorder_get_property;
  object_class->set_property = kdcc_flight_recorder_set_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties[PROP_MAX_DAYS] =
    g_param_spec_uint ("max-days", NULL, NULL, 1, 3650,
                       KDCC_FLIGHT_RECORDER_DEFAULT_MAX_DAYS, rw);
  properties[PROP_MAX_MB] =
    g_param_spec_uint ("max-mb", NULL, NULL, 1, 100000,
                       KDCC_FLIGHT_RECORDER_DEFAULT_MAX_MB, rw);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_flight_recorder_init (KdccFlightRecorder *self)
{
  g_mutex_init (&self->mutex);
  g_mutex_init (&self->queue_mutex);
  g_cond_init (&self->queue_cond);
  self->max_days = KDCC_FLIGHT_RECORDER_DEFAULT_MAX_DAYS;
  self->max_mb = KDCC_FLIGHT_RECORDER_DEFAULT_MAX_MB;
  self->state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->writer = g_thread_pool_new (writer_func, self, 1, FALSE, NULL);
}
