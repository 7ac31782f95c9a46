/* kdcc-ceph-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-json.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

/* Parsers for the JSON that Ceph's own commands print with "format":"json".
 * Each one merges one command's output into a snapshot. They do no I/O and
 * may run on any thread.
 *
 * On malformed, truncated or wrongly typed input they return FALSE with a
 * KDCC_ERROR_PARSE error whose message names the command and the problem,
 * e.g. 'status: "fsid" is not a string'. A failing parser leaves the
 * snapshot exactly as it was: every parser reads into scratch values first
 * and only merges once the whole document was understood.
 *
 * LENGTH may be -1 for a NUL-terminated string. */

gboolean kdcc_ceph_parse_status             (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_health_detail      (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_versions           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_mon_dump           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_mgr_dump           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_mgr_stat           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_osd_tree           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_osd_df             (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_osd_pool_ls_detail (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_df                 (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);

/* The drill-down pages' data. Daemon parsers replace the daemons of their
 * own type in snap->daemons (quorum_status: mons; mgr services: mgrs;
 * fs dump: MDS; service map: RGW). */
gboolean kdcc_ceph_parse_quorum_status      (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
/* `mgr dump`: the mgr daemons and snap->mgr_modules. */
gboolean kdcc_ceph_parse_mgr_services       (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_fs_dump            (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
/* fs ls and fs status complete the filesystems fs dump listed (pool names,
 * client counts). */
gboolean kdcc_ceph_parse_fs_ls              (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_fs_status          (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
/* Daemons per host; run after the daemon parsers so they get their host. */
gboolean kdcc_ceph_parse_node_ls            (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
/* `service dump`, or `status` with its "servicemap": the RGW daemons. */
gboolean kdcc_ceph_parse_service_map        (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
/* Per-OSD latency and per-pool IO for the OSDs and pools already in SNAP. */
gboolean kdcc_ceph_parse_osd_perf           (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
gboolean kdcc_ceph_parse_osd_pool_stats     (KdccSnapshot  *snap,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
/* `osd erasure-code-profile get PROFILE`: k, m and the failure domain of
 * the pools in SNAP that use PROFILE. */
gboolean kdcc_ceph_parse_ec_profile         (KdccSnapshot  *snap,
                                             const char    *profile,
                                             const char    *json,
                                             gssize         length,
                                             GError       **error);
/* `pg ls`, `pg ls-by-osd` or `pg dump pgs_brief`: *PGS receives a new
 * array of KdccPgData, classified as of NOW (unix seconds). */
gboolean kdcc_ceph_parse_pg_list            (const char    *json,
                                             gssize         length,
                                             gint64         now,
                                             GPtrArray    **pgs,
                                             GError       **error);
/* Post-processing over a whole snapshot: the PG problems Ceph's health
 * checks name, the failed mgr modules MGR_MODULE_* name, and each pool's
 * PG states from the PG list. */
void     kdcc_ceph_mark_pg_problems         (KdccSnapshot  *snap);
void     kdcc_ceph_merge_module_health      (KdccSnapshot  *snap);
void     kdcc_ceph_count_pool_pg_states     (KdccSnapshot  *snap);

/* The top-level "epoch" member of a map dump such as `mgr stat` or
 * `mon dump`, or -1 when the input has none or is not valid. */
gint64   kdcc_ceph_parse_epoch              (const char    *json,
                                             gssize         length);

G_END_DECLS
