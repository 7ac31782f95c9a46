/* kdcc-flight-recorder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-history.h"
#include "kdcc-monitor.h"
#include "kdcc-operation.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_FLIGHT_RECORDER (kdcc_flight_recorder_get_type ())

G_DECLARE_FINAL_TYPE (KdccFlightRecorder, kdcc_flight_recorder, KDCC, FLIGHT_RECORDER, GObject)

/* KDCC's own history of one cluster, for when no Prometheus keeps one: an
 * SQLite file per cluster fsid in the user's data directory
 * ($XDG_DATA_HOME/kdcc/history/FSID.sqlite), written from each refresh, so
 * the history covers the time the app ran and survives a restart. It
 * implements KdccHistory.
 *
 * What it keeps per refresh: client IO, recovery, raw capacity and the PG
 * state counts; per pool (when the refresh fetched the pool maps or pool
 * stats) stored and max-avail bytes and client IO (ops/s, B/s read and
 * written); per OSD utilization and commit/apply latency (when the refresh
 * fetched osd df / osd perf) at most every KDCC_FLIGHT_RECORDER_OSD_INTERVAL,
 * which keeps large clusters within the bound; per pool, when the refresh
 * carries the PG list with stamps, how many PGs were deep-scrubbed since
 * the previous such refresh (kdcc_flight_recorder_get_deep_scrubs).
 * Events: health checks raised and cleared, OSDs down/up and out/in (from
 * consecutive refreshes, remembered across restarts), and what
 * kdcc_flight_recorder_record_event() is told (flags, configuration changes
 * and other operations applied through KDCC).
 *
 * Bounded: samples older than "max-days" before the newest one, and the
 * oldest tenth of the remaining time whenever the data outgrows "max-mb",
 * are deleted on write; the file then stays near max-mb (freed pages are
 * reused, not returned), plus a write-ahead log of at most about 1 MB.
 *
 * Writes run on one worker thread in the order they were recorded, so
 * recording from a refresh costs the main thread only the copying of the
 * numbers. A damaged or locked database never stops the app: it is moved
 * aside (FILE.damaged-TIME or FILE.locked-TIME, with its journal files) and
 * a new empty one is started; "problem" then says so in words for the user.
 *
 * Properties: "path" (string, read-only), "max-days" (uint, 1..3650,
 * default 30), "max-mb" (uint, 1..100000, default 100), "problem" (string,
 * read-only, NULL unless the store was recovered when it was opened). */

#define KDCC_FLIGHT_RECORDER_DEFAULT_MAX_DAYS 30
#define KDCC_FLIGHT_RECORDER_DEFAULT_MAX_MB   100
#define KDCC_FLIGHT_RECORDER_OSD_INTERVAL     (5 * 60 * 1000)   /* ms */

/* Opens (or creates) the store of cluster fsid in directory, or in the
 * user's data directory when directory is NULL. Fails only when no store can
 * be created at all (an fsid that is not a UUID, a directory that cannot be
 * written): KDCC_ERROR_INVALID_INPUT or KDCC_ERROR_FAILED. */
KdccFlightRecorder *kdcc_flight_recorder_new            (const char          *fsid,
                                                         const char          *directory,
                                                         GError             **error);
const char         *kdcc_flight_recorder_get_path       (KdccFlightRecorder  *self);
/* NULL, or why the store found at open was moved aside and a new one
 * started. */
const char         *kdcc_flight_recorder_get_problem    (KdccFlightRecorder  *self);
/* Where the old store was moved, when it was. */
const char         *kdcc_flight_recorder_get_set_aside_path (KdccFlightRecorder *self);
guint               kdcc_flight_recorder_get_max_days   (KdccFlightRecorder  *self);
void                kdcc_flight_recorder_set_max_days   (KdccFlightRecorder  *self,
                                                         guint                max_days);
guint               kdcc_flight_recorder_get_max_mb     (KdccFlightRecorder  *self);
void                kdcc_flight_recorder_set_max_mb     (KdccFlightRecorder  *self,
                                                         guint                max_mb);

/* Queues one sample of snapshot (stamped with snapshot->fetched_at, or now
 * when that is 0) and the events that differ from the previous one. A
 * snapshot of another cluster than the store's fsid is ignored. Any thread;
 * returns at once. */
void                kdcc_flight_recorder_record_snapshot (KdccFlightRecorder *self,
                                                          KdccSnapshot       *snapshot);
/* Records every refresh monitor applies from now on, for as long as both
 * live. The app calls this once per session. */
void                kdcc_flight_recorder_watch_monitor  (KdccFlightRecorder  *self,
                                                         KdccMonitor         *monitor);
/* Queues one event (time 0 = now). For the operation runner and staging:
 * FLAG_SET/UNSET with the flag, CONFIG_CHANGED with "WHO/OPTION" and
 * "OLD → NEW", OPERATION with the operation's CLI equivalent. Any thread. */
void                kdcc_flight_recorder_record_event   (KdccFlightRecorder  *self,
                                                         gint64               time,
                                                         KdccHistoryEventKind kind,
                                                         const char          *subject,
                                                         const char          *detail);
/* Records an operation KDCC applied (the operation runner calls it after a
 * successful apply): flags as FLAG_SET/UNSET, configuration as
 * CONFIG_CHANGED "WHO/OPTION" with "OLD → NEW" (previous_value may be
 * NULL), anything else as OPERATION with its CLI equivalent. Any thread. */
void                kdcc_flight_recorder_record_operation (KdccFlightRecorder *self,
                                                           KdccOperation      *operation,
                                                           const char         *previous_value);
/* Waits until every queued write is done. Returns FALSE with the first
 * error a write met since the last flush (the write was dropped; the store
 * goes on). Blocks: tests, shutdown, kdcc-cli. */
gboolean            kdcc_flight_recorder_flush          (KdccFlightRecorder  *self,
                                                         GError             **error);
/* Deep scrubs the recorder saw in one pool: per refresh that carried the
 * PG list (kdcc_cluster_hold_pg_list) with stamps, the PGs whose
 * last_deep_scrub_stamp moved since the previous such refresh of the same
 * run of the app. span is the time those refreshes cover, seconds. */
typedef struct
{
  gint64  pool_id;
  guint64 deep_scrubs;
  double  span;
} KdccRecordedDeepScrubs;

/* Per pool (by id), what was recorded after SINCE (unix ms; 0: all the
 * store keeps). (element-type KdccRecordedDeepScrubs); empty when nothing
 * was recorded. Blocks on the store: a worker thread, the CLI or tests
 * (call kdcc_flight_recorder_flush() first to see what is still queued). */
GArray             *kdcc_flight_recorder_get_deep_scrubs (KdccFlightRecorder *self,
                                                          gint64              since,
                                                          GError            **error);
/* Bytes the store's files take on disk (database and its write-ahead log). */
guint64             kdcc_flight_recorder_get_disk_size  (KdccFlightRecorder  *self);

G_END_DECLS
