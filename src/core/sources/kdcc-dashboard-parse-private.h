/* kdcc-dashboard-parse-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-dashboard-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"

G_BEGIN_DECLS

/* Helpers shared by kdcc-dashboard-parse.c and kdcc-dashboard-parse-health.c. */

/* The start of every error message, which names the endpoint. */
char     *_kdcc_dashboard_source_for      (const char    *endpoint);
/* The drill-down parts of /api/health/full (kdcc-dashboard-parse-drill.c):
 * mons from mon_status, mgrs and modules from mgr_map, CephFS and MDS
 * from fs_map; and what the Dashboard cannot give, marked missing. */
gboolean  _kdcc_dashboard_parse_drill     (KdccJson      *r,
                                           KdccSnapshot  *snapshot,
                                           JsonObject    *root);
/* An error the typed reads cannot know about, such as an unknown status;
 * PROBLEM completes the sentence about the member at PATH. Returns FALSE. */
gboolean  _kdcc_dashboard_fail            (KdccJson      *r,
                                           const char    *path,
                                           const char    *problem);
/* One more daemon of DAEMON_TYPE running VERSION in snapshot->versions. */
void      _kdcc_dashboard_add_version     (KdccSnapshot  *snapshot,
                                           const char    *daemon_type,
                                           const char    *version);
/* The order of snapshot->versions: by daemon type, then version. */
int       _kdcc_dashboard_compare_version (gconstpointer  a,
                                           gconstpointer  b);

static inline gboolean
_kdcc_dashboard_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

G_END_DECLS
