/* kdcc-ceph-parse-scrub.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scrub flags of `osd dump -f json`: the cluster's "flags" string
 * ("noscrub,nodeep-scrub,sortbitwise,...") and each pool's
 * "flags_names". *POOLS_NOSCRUB and *POOLS_NODEEP receive the ids of the
 * pools with noscrub / nodeep-scrub set (element-type gint64). */
gboolean kdcc_ceph_parse_scrub_flags (const char  *json,
                                      gssize       length,
                                      gboolean    *noscrub,
                                      gboolean    *nodeep_scrub,
                                      GArray     **pools_noscrub,
                                      GArray     **pools_nodeep,
                                      GError     **error);

G_END_DECLS
