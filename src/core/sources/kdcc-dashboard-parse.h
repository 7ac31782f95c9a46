/* kdcc-dashboard-parse.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-snapshot.h"

G_BEGIN_DECLS

/* Pure parsers from Ceph Dashboard REST API bodies (Pacific and later) into
 * a KdccSnapshot. They never touch the network, so they are tested on real
 * captured bodies. On malformed, truncated or wrongly typed input they fail
 * with KDCC_ERROR_PARSE and a message naming the endpoint and the field;
 * the snapshot may then be partly filled and must be thrown away. */

/* POST /api/auth (201): returns the "token". */
char     *kdcc_dashboard_parse_auth        (const char    *data,
                                            gssize         length,
                                            GError       **error);

/* The dashboard's own error body {"detail": ..., "code": ...}: returns a
 * readable message ("detail (code)"), or NULL when the body is not one. */
char     *kdcc_dashboard_parse_error_body  (const char    *data,
                                            gssize         length);

/* GET /api/health/full: fsid, health and checks, mons and quorum, mgrs,
 * OSD counts and the osdmap epoch, PG states, capacity, client IO, the
 * pools with their usage, the OSD list (ids, up/in, weights, CRUSH host
 * and device class), the hosts from the CRUSH tree and the OSD versions. */
gboolean  kdcc_dashboard_parse_health_full (KdccSnapshot  *snapshot,
                                            const char    *data,
                                            gssize         length,
                                            GError       **error);

/* GET /api/osd: per-OSD usage (bytes, utilization, PG count), host and
 * device class, merged into snapshot->osds; fills snapshot->classes with
 * the capacity per device class. */
gboolean  kdcc_dashboard_parse_osds        (KdccSnapshot  *snapshot,
                                            const char    *data,
                                            gssize         length,
                                            GError       **error);

/* GET /api/summary: the mgr's Ceph version (added to snapshot->versions as
 * daemon type "mgr"). */
gboolean  kdcc_dashboard_parse_summary     (KdccSnapshot  *snapshot,
                                            const char    *data,
                                            gssize         length,
                                            GError       **error);

G_END_DECLS
