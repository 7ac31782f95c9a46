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

/* The top-level "epoch" member of a map dump such as `mgr stat` or
 * `mon dump`, or -1 when the input has none or is not valid. */
gint64   kdcc_ceph_parse_epoch              (const char    *json,
                                             gssize         length);

G_END_DECLS
