/* kdcc-upgrade-headroom.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kdcc-cluster.h"
#include "kdcc-source.h"
#include "kdcc-upgrade-preflight.h"

G_BEGIN_DECLS

/* Issue 15's "headroom to lose one failure domain during the roll": if the
 * largest failure domain of the pools' CRUSH rules went down and its data
 * were recovered onto the rest, would the remaining OSDs stay below
 * nearfull? The CRUSH layout (rules and tree) is not in the model, so it
 * is read beside `osd dump`. */

/* KdccCrushLayout is declared in kdcc-upgrade-preflight.h. */
void             kdcc_crush_layout_free        (KdccCrushLayout       *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccCrushLayout, kdcc_crush_layout_free)

/* From `osd crush rule dump -f json` and `osd tree -f json`.
 * KDCC_ERROR_PARSE when either is not the shape Ceph prints. */
KdccCrushLayout *kdcc_crush_layout_parse       (const char            *rule_dump_json,
                                                gssize                 rule_dump_length,
                                                const char            *osd_tree_json,
                                                gssize                 osd_tree_length,
                                                GError               **error);
/* Asks both through SOURCE (blocking: a worker thread). */
KdccCrushLayout *kdcc_crush_layout_read        (KdccSource            *source,
                                                GCancellable          *cancellable,
                                                GError               **error);
/* The failure domain type of rule RULE_ID ("host", "rack", "osd"), or NULL
 * when the rule is unknown. */
const char      *kdcc_crush_layout_rule_domain (const KdccCrushLayout *layout,
                                                gint64                 rule_id);
/* The name of the bucket of TYPE above OSD_ID ("node1"); the OSD's own name
 * for "osd"; NULL when it has none. */
const char      *kdcc_crush_layout_bucket_of   (const KdccCrushLayout *layout,
                                                gint64                 osd_id,
                                                const char            *type);

/* The check ("headroom"). LAYOUT NULL: "host" from the model is assumed and
 * the reason says so. NEARFULL is 0..1. */
KdccPreflightCheck *kdcc_upgrade_check_headroom (KdccCluster           *cluster,
                                                 const KdccCrushLayout *layout,
                                                 double                 nearfull);

G_END_DECLS
