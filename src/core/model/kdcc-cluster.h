/* kdcc-cluster.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdcc-pg-class.h"
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
 *   "has-status" (boolean: health and status are in; set by the first
 *     snapshot, even a partial one, before "has-data")
 *   "missing" (KdccModelPart flags: what this connection could not fetch)
 *   "mon-leader" (string, NULL unknown)
 *   "pg-list-wanted" (boolean: someone holds the PG list, see below)
 *   "pg-list-loaded" (boolean: the PG list has been fetched at least once)
 *
 * Signals: "refreshed" (after every applied snapshot). */
KdccCluster      *kdcc_cluster_new                 (const char   *name);
const char       *kdcc_cluster_get_name            (KdccCluster  *self);
void              kdcc_cluster_set_name            (KdccCluster  *self,
                                                    const char   *name);
const char       *kdcc_cluster_get_fsid            (KdccCluster  *self);
KdccHealthStatus  kdcc_cluster_get_health          (KdccCluster  *self);
gboolean          kdcc_cluster_get_has_data        (KdccCluster  *self);
gboolean          kdcc_cluster_get_has_status      (KdccCluster  *self);
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
/* Changes whenever a refresh applied an OSD list that may differ from the
 * last one (a list whose content digest matched was skipped): a page that
 * sorts or filters the OSDs does it again only then. */
guint             kdcc_cluster_get_osds_serial     (KdccCluster  *self);
GListModel       *kdcc_cluster_get_pools           (KdccCluster  *self); /* KdccPool, by id */
GListModel       *kdcc_cluster_get_hosts           (KdccCluster  *self); /* KdccHost, by name */
GListModel       *kdcc_cluster_get_pg_states       (KdccCluster  *self); /* KdccPgState, by count desc */
/* KdccDaemon: mons, mgrs, MDS, RGW (by type in that order, then name).
 * Filter on kdcc_daemon_get_daemon_type() for one kind. */
GListModel       *kdcc_cluster_get_daemons         (KdccCluster  *self);
GListModel       *kdcc_cluster_get_mgr_modules     (KdccCluster  *self); /* KdccMgrModule, by name */
GListModel       *kdcc_cluster_get_filesystems     (KdccCluster  *self); /* KdccFilesystem, by name */
/* KdccPg, by pool then PG number; empty until the PG list is wanted and
 * fetched. The problem PGs (kdcc_pg_get_problems () != 0) are the same
 * items in a second list, kept by the same sync. */
GListModel       *kdcc_cluster_get_pgs             (KdccCluster  *self);
GListModel       *kdcc_cluster_get_problem_pgs     (KdccCluster  *self);
/* As kdcc_cluster_get_osds_serial () for the PG list. */
guint             kdcc_cluster_get_pgs_serial      (KdccCluster  *self);
/* What the refresh that last moved the PG serial did to the PG list: when
 * it only updated PGs in place (a few PGs changed state), their positions
 * in kdcc_cluster_get_pgs (), ascending, @n_positions of them (0 for a
 * list that came back the same); NULL when it added, removed or reordered
 * PGs, or cannot tell. */
const guint      *kdcc_cluster_get_pgs_updated     (KdccCluster  *self,
                                                    guint        *n_positions);

/* The PG list is heavy (hundreds of thousands of PGs on a large cluster):
 * it is fetched only while somebody holds it, e.g. the PG page while it is
 * shown, and then only when the pgmap version moved. Each hold is matched
 * by one release. The monitor watches "pg-list-wanted" and refreshes at
 * once when it becomes TRUE. */
void              kdcc_cluster_hold_pg_list        (KdccCluster  *self);
void              kdcc_cluster_release_pg_list     (KdccCluster  *self);
gboolean          kdcc_cluster_get_pg_list_wanted  (KdccCluster  *self);
gboolean          kdcc_cluster_get_pg_list_loaded  (KdccCluster  *self);

/* PG counts by the one classification (kdcc-pg-class.h) over the
 * pg-states list. */
void              kdcc_cluster_get_pg_counts       (KdccCluster  *self,
                                                    KdccPgCounts *counts);

/* What this connection could not fill, and why (translated), so a page
 * says so instead of showing an empty table. NULL when PART is there. */
KdccModelPart     kdcc_cluster_get_missing         (KdccCluster  *self);
const char       *kdcc_cluster_get_missing_reason  (KdccCluster  *self,
                                                    KdccModelPart part);
const char       *kdcc_cluster_get_mon_leader      (KdccCluster  *self);
/* Lookups by key, for pages opened on a subject; NULL when not there. */
gpointer          kdcc_cluster_find_osd            (KdccCluster  *self,
                                                    gint64        id);   /* KdccOsd */
gpointer          kdcc_cluster_find_pool           (KdccCluster  *self,
                                                    const char   *name); /* KdccPool */
gpointer          kdcc_cluster_find_host           (KdccCluster  *self,
                                                    const char   *name); /* KdccHost */

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
/* The same document as text, byte for byte what JsonGenerator writes of
 * kdcc_cluster_to_json() with "pretty" on, without building the tree. */
char             *kdcc_cluster_to_json_text        (KdccCluster  *self,
                                                    gsize        *length);

G_END_DECLS
