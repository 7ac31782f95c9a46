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

/* The columns later versions added, for stores made before them (schema
 * 1 had no per-pool IO and no OSD latency). */
static const char * const added_columns[] = {
  "pool_samples", "read_ops", "pool_samples", "write_ops", "pool_samples", "read_bytes",
  "pool_samples", "write_bytes", "osd_samples", "commit_latency", "osd_samples", "apply_latency",
};

static gboolean
has_column (sqlite3    *db,
            const char *table,
            const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM pragma_table_info('%s') WHERE name = ?",
                                          table);
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, column, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static int
add_columns (sqlite3 *db)
{
  int rc = SQLITE_OK;

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (added_columns); i += 2)
    if (!has_column (db, added_columns[i], added_columns[i + 1]))
      {
        g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s REAL",
                                                added_columns[i], added_columns[i + 1]);

        rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      }
  return rc;
}

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE IF NOT EXISTS cluster_samples (time INTEGER PRIMARY KEY,"
  "  read_ops REAL, write_ops REAL, read_bytes REAL, write_bytes REAL,"
  "  recovery_bytes REAL, recovery_objects REAL, used_bytes REAL, total_bytes REAL,"
  "  pg_states TEXT);"
  "CREATE TABLE IF NOT EXISTS pool_samples (time INTEGER NOT NULL, pool TEXT NOT NULL,"
  "  stored REAL, max_avail REAL, read_ops REAL, write_ops REAL, read_bytes REAL,"
  "  write_bytes REAL, PRIMARY KEY (pool, time)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS pool_samples_time ON pool_samples (time);"
  "CREATE TABLE IF NOT EXISTS osd_samples (time INTEGER NOT NULL, osd TEXT NOT NULL,"
  "  utilization REAL, commit_latency REAL, apply_latency REAL,"
  "  PRIMARY KEY (osd, time)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS osd_samples_time ON osd_samples (time);"
  "CREATE TABLE IF NOT EXISTS events (time INTEGER NOT NULL, kind TEXT NOT NULL,"
  "  subject TEXT NOT NULL, detail TEXT);"
  "CREATE INDEX IF NOT EXISTS events_time ON events (time);"
  "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS scrub_samples (time INTEGER NOT NULL, pool INTEGER NOT NULL,"
  "  since INTEGER NOT NULL, deep_scrubs INTEGER NOT NULL,"
  "  PRIMARY KEY (pool, time)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS scrub_samples_time ON scrub_samples (time);"
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');";

void
_kdcc_flight_recorder_set_db_error (KdccFlightRecorder  *self,
                                    const char          *what,
                                    GError             **error)
{
  const char *message = self->db ? sqlite3_errmsg (self->db) : "no database";

  g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
               _("Flight recorder %s: %s (%s)"), self->path, what, message);
}

gboolean
_kdcc_flight_recorder_is_damage (int rc)
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

gint64
_kdcc_flight_recorder_query_int (sqlite3    *db,
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

void
_kdcc_flight_recorder_load_state (KdccFlightRecorder *self)
{
  sqlite3_stmt *stmt = NULL;

  g_hash_table_remove_all (self->state);
  if (sqlite3_prepare_v2 (self->db, "SELECT key FROM state", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (self->state, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  self->last_osd_sample = _kdcc_flight_recorder_query_int (self->db, "SELECT max(time) FROM osd_samples", 0);
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
        rc = add_columns (self->db);
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

  _kdcc_flight_recorder_load_state (self);
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

gboolean
_kdcc_flight_recorder_open_store (KdccFlightRecorder  *self,
            GError             **error)
{
  g_autofree char *message = NULL;
  g_autofree char *second = NULL;
  int rc;

  rc = try_open (self, &message);
  if (rc == SQLITE_OK)
    return TRUE;

  if (!_kdcc_flight_recorder_is_damage (rc) && !is_lock (rc))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_FAILED,
                   _("Cannot open the flight recorder database %s: %s"), self->path, message);
      return FALSE;
    }

  if (!set_aside (self, _kdcc_flight_recorder_is_damage (rc) ? "damaged" : "locked", error))
    return FALSE;

  if (_kdcc_flight_recorder_is_damage (rc))
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

  if (!_kdcc_flight_recorder_open_store (self, error))
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
  g_clear_pointer (&self->deep_stamps, g_hash_table_unref);
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
  self->writer = g_thread_pool_new (_kdcc_flight_recorder_write, self, 1, FALSE, NULL);
}
