/* kdcc-cluster.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CLUSTER (kdcc_cluster_get_type ())

G_DECLARE_FINAL_TYPE (KdccCluster, kdcc_cluster, KDCC, CLUSTER, GObject)

/* The root of the model: one per connected cluster. Lives on the main
 * thread; changed only by kdcc_cluster_apply_snapshot() and the stale
 * setters, which notify only the properties whose values changed.
 *
 * Properties (all read-only except "name"):
 *   "name" (string, display name, usually the profile name)
 *   "fsid" (string), "health" (KdccHealthStatus), "has-data" (boolean)
 *   "total-bytes", "used-bytes", "avail-bytes" (uint64)
 *   "read-ops", "write-ops", "read-bytes", "write-bytes",
 *   "recovering-bytes", "recovering-objects" (double, per second)
 *   "pgs-total" (int64)
 *   "mons-total", "mons-in-quorum" (uint), "mgr-active" (string, NULL when none),
 *   "mgrs-standby" (uint), "osds-total", "osds-up", "osds-in", "pools-total" (int64)
 *   "source-kind" (string: "rados", "dashboard")
 *   "last-update" (int64, g_get_real_time () of the last applied snapshot, 0 never)
 *   "stale" (boolean: the last refresh failed; data shown is from last-update)
 *   "last-error" (string, the message of the last failed refresh, NULL after a success)
 *
 * Signals: "refreshed" (after every applied snapshot). */
KdccCluster      *kdcc_cluster_new                 (const char   *name);
const char       *kdcc_cluster_get_name            (KdccCluster  *self);
void              kdcc_cluster_set_name            (KdccCluster  *self,
                                                    const char   *name);
const char       *kdcc_cluster_get_fsid            (KdccCluster  *self);
KdccHealthStatus  kdcc_cluster_get_health          (KdccCluster  *self);
gboolean          kdcc_cluster_get_has_data        (KdccCluster  *self);
guint64           kdcc_cluster_get_total_bytes     (KdccCluster  *self);
guint64           kdcc_cluster_get_used_bytes      (KdccCluster  *self);
guint64           kdcc_cluster_get_avail_bytes     (KdccCluster  *self);
gint64            kdcc_cluster_get_osds_total      (KdccCluster  *self);
gint64            kdcc_cluster_get_osds_up         (KdccCluster  *self);
gint64            kdcc_cluster_get_osds_in         (KdccCluster  *self);
gint64            kdcc_cluster_get_pgs_total       (KdccCluster  *self);
gboolean          kdcc_cluster_get_stale           (KdccCluster  *self);
gint64            kdcc_cluster_get_last_update     (KdccCluster  *self);
const char       *kdcc_cluster_get_last_error      (KdccCluster  *self);
const char       *kdcc_cluster_get_source_kind     (KdccCluster  *self);
const char       *kdcc_cluster_get_mgr_active      (KdccCluster  *self);
gint64            kdcc_cluster_get_pools_total     (KdccCluster  *self);

/* GListModels owned by the cluster; items keep their identity across
 * refreshes (same OSD id, pool id, host name, check code, PG state). */
GListModel       *kdcc_cluster_get_health_checks   (KdccCluster  *self); /* KdccHealthCheck, worst first */
GListModel       *kdcc_cluster_get_osds            (KdccCluster  *self); /* KdccOsd, by id */
GListModel       *kdcc_cluster_get_pools           (KdccCluster  *self); /* KdccPool, by id */
GListModel       *kdcc_cluster_get_hosts           (KdccCluster  *self); /* KdccHost, by name */
GListModel       *kdcc_cluster_get_pg_states       (KdccCluster  *self); /* KdccPgState, by count desc */

/* Plain values that have no list widget of their own. */
const GPtrArray  *kdcc_cluster_get_mons            (KdccCluster  *self); /* utf8 */
const GPtrArray  *kdcc_cluster_get_quorum          (KdccCluster  *self); /* utf8 */
const GPtrArray  *kdcc_cluster_get_mgr_standbys    (KdccCluster  *self); /* utf8 */
const GPtrArray  *kdcc_cluster_get_versions        (KdccCluster  *self); /* KdccVersionData */
const GPtrArray  *kdcc_cluster_get_device_classes  (KdccCluster  *self); /* KdccClassCapacityData */

/* Diff a snapshot into the model (main thread only). Lists that the
 * snapshot leaves NULL are kept as they are. */
void              kdcc_cluster_apply_snapshot      (KdccCluster  *self,
                                                    KdccSnapshot *snapshot);
/* A refresh failed: keep the data, mark it stale with the error. */
void              kdcc_cluster_mark_stale          (KdccCluster  *self,
                                                    const GError *error);

/* The `kdcc-cli status --json` document (see README). Counts the cluster did
 * not report (a health check's "count", an OSD's "pgs") are null; byte
 * counts are integers; "last_update" is ISO 8601 UTC or null before the
 * first refresh. */
JsonNode         *kdcc_cluster_to_json             (KdccCluster  *self);

G_END_DECLS
