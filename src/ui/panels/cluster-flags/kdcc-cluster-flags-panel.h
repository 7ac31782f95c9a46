/* kdcc-cluster-flags-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CLUSTER_FLAGS_PANEL (kdcc_cluster_flags_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccClusterFlagsPanel, kdcc_cluster_flags_panel, KDCC, CLUSTER_FLAGS_PANEL,
                      KdccPanel)

/* The OSD map's cluster flags (noout, noin, noscrub, nodeep-scrub,
 * norebalance, nobackfill, norecover, pause), each with what it means and
 * buttons that stage setting or clearing it; risky ones are confirmed. */
GtkWidget  *kdcc_cluster_flags_panel_new    (void);
/* As the buttons (without the confirmation, which tests cannot click). */
void        kdcc_cluster_flags_panel_stage  (KdccClusterFlagsPanel *self,
                                             const char            *flag,
                                             gboolean               set,
                                             gboolean               confirmed);
const char *kdcc_cluster_flags_panel_get_status (KdccClusterFlagsPanel *self);

G_END_DECLS
