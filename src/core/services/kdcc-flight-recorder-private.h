/* kdcc-flight-recorder-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "kdcc-flight-recorder.h"

G_BEGIN_DECLS

struct _KdccFlightRecorder
{
  GObject       parent_instance;

  /* Guards db and everything the writer thread and queries share. */
  GMutex        mutex;
  sqlite3      *db;

  char         *fsid;
  char         *path;
  char         *problem;
  char         *set_aside_path;
  guint         max_days;
  guint         max_mb;

  /* The writer: one thread, so writes land in the order they were queued. */
  GThreadPool  *writer;
  GMutex        queue_mutex;
  GCond         queue_cond;
  guint         pending;
  GError       *write_error;

  /* What the previous snapshot showed, for events; loaded from the state
   * table at open so a restart does not raise every check again. Writer
   * thread only. */
  GHashTable   *state;
  gint64        last_osd_sample;
  /* The PGs' deep-scrub stamps at the previous refresh that had them
   * (pgid → stamp) and its time (ms); writer thread only. In memory on
   * purpose: after a restart the first refresh is a new baseline, so the
   * scrubs done while KDCC was not running are not counted against a
   * span it did not watch. */
  GHashTable   *deep_stamps;
  gint64        deep_stamps_time;
};

/* The KdccHistory half (kdcc-flight-recorder-query.c). */
void      _kdcc_flight_recorder_history_init  (KdccHistoryInterface  *iface);

/* Shared by kdcc-flight-recorder.c (the store) and
 * kdcc-flight-recorder-writer.c (the writer thread); called with the mutex
 * held. */
gboolean  _kdcc_flight_recorder_is_damage     (int                    rc);
gint64    _kdcc_flight_recorder_query_int     (sqlite3               *db,
                                               const char            *sql,
                                               gint64                 fallback);
/* Reads the remembered state (active checks, down and out OSDs). */
void      _kdcc_flight_recorder_load_state    (KdccFlightRecorder    *self);
/* Opens the store, moving a damaged or locked one aside. */
gboolean  _kdcc_flight_recorder_open_store    (KdccFlightRecorder    *self,
                                               GError               **error);
/* The writer thread's GThreadPool function: writes one Batch. */
void      _kdcc_flight_recorder_write         (gpointer               data,
                                               gpointer               user_data);

/* The scrub half (kdcc-flight-recorder-scrub.c): the PGs' deep-scrub
 * stamps of SNAPSHOT (pgid → stamp), or NULL when it has none; and the
 * writer's step that counts, per pool, the PGs whose stamp moved since
 * the previous refresh (with the mutex held, inside the transaction). */
GHashTable *_kdcc_flight_recorder_scrub_capture (KdccSnapshot          *snapshot);
int         _kdcc_flight_recorder_scrub_write   (KdccFlightRecorder    *self,
                                                 gint64                 time,
                                                 GHashTable            *stamps);

/* Sets error from the database's last error, prefixed with what failed. */
void      _kdcc_flight_recorder_set_db_error  (KdccFlightRecorder    *self,
                                               const char            *what,
                                               GError               **error);

G_END_DECLS
