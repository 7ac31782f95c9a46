/* kdcc-monitor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-cluster.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

#define KDCC_TYPE_MONITOR (kdcc_monitor_get_type ())

G_DECLARE_FINAL_TYPE (KdccMonitor, kdcc_monitor, KDCC, MONITOR, GObject)

/* Keeps one KdccCluster up to date from one KdccSource: refreshes every
 * "interval" seconds (default 5) on a worker thread, applies the snapshot on
 * the main thread, and after a failure marks the cluster stale and retries
 * with exponential backoff (interval, 2x, 4x, ... capped at "max-backoff",
 * default 60 s) until the cluster answers again. Heavy maps are forced every
 * "heavy-interval" seconds (default 60) even when their epochs did not move.
 *
 * Properties: "source" (KdccSource, construct-only), "cluster" (KdccCluster,
 * construct-only), "interval" (uint seconds, 1..3600), "max-backoff" (uint),
 * "heavy-interval" (uint), "running" (boolean, read-only),
 * "busy" (boolean, read-only: a refresh is in flight),
 * "failures" (uint, read-only: consecutive failed refreshes),
 * "time-unit-ms" (uint, default 1000: for tests only, the length of the unit
 * that interval, max-backoff and heavy-interval count in).
 * Signal "refresh-done" (GError *error or NULL) after every attempt.
 * Signal "snapshot-applied" (KdccSnapshot *, borrowed for the emission) after
 * each successful refresh was applied to the cluster, before refresh-done.
 *
 * stop() (and dropping the last reference) cancels the in-flight fetch; its
 * late result is discarded without touching the cluster. The first refresh
 * after creation always forces heavy maps. */
KdccMonitor *kdcc_monitor_new          (KdccSource  *source,
                                        KdccCluster *cluster);
KdccSource  *kdcc_monitor_get_source   (KdccMonitor *self);
KdccCluster *kdcc_monitor_get_cluster  (KdccMonitor *self);
void         kdcc_monitor_set_interval (KdccMonitor *self,
                                        guint        seconds);
guint        kdcc_monitor_get_interval (KdccMonitor *self);
void         kdcc_monitor_start        (KdccMonitor *self);
void         kdcc_monitor_stop         (KdccMonitor *self);
/* Refresh now (cancels a pending timer, not an in-flight refresh). */
void         kdcc_monitor_refresh_now  (KdccMonitor *self);
gboolean     kdcc_monitor_get_running  (KdccMonitor *self);
/* TRUE (the default): the first refresh of a cluster without data applies
 * status and health as soon as its fetch has them (KdccSource's
 * fetch_first) and the complete snapshot when it arrives. */
void         kdcc_monitor_set_progressive (KdccMonitor *self,
                                           gboolean     progressive);

G_END_DECLS
