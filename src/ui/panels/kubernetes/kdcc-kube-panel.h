/* kdcc-kube-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-kube-inventory.h"
#include "kdcc-panel.h"
#include "kdcc-pod-log-view.h"

G_BEGIN_DECLS

#define KDCC_TYPE_KUBE_PANEL (kdcc_kube_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccKubePanel, kdcc_kube_panel, KDCC, KUBE_PANEL, KdccPanel)

/* The Kubernetes page of a Rook cluster reached through a kubeconfig: its
 * Rook custom resources (block pools, filesystems, object stores and their
 * users) with phase and conditions, its daemon pods (readiness, restarts,
 * node, image, age) and deployments (rook-version, ceph-version), in
 * virtualized tables kept fresh by watches while the page is shown. A
 * section the user may not read says so, naming the verb and resource.
 * Activating a pod opens its log (KdccPodLogView) as a sub-page. */
GtkWidget         *kdcc_kube_panel_new           (void);
/* Whether the cluster came through a Kubernetes connection (the page
 * registry's is_present). */
gboolean           kdcc_kube_panel_is_present    (KdccCluster   *cluster);
/* NULL until the session's source found its CephCluster. */
KdccKubeInventory *kdcc_kube_panel_get_inventory (KdccKubePanel *self);
/* Shows the named pod's log; returns the view (owned by the panel's
 * sub-page), or NULL when there is no such pod. */
KdccPodLogView    *kdcc_kube_panel_open_log      (KdccKubePanel *self,
                                                  const char    *pod);
/* "resources", "pods" or "deployments". */
void               kdcc_kube_panel_show_tab      (KdccKubePanel *self,
                                                  const char    *name);

G_END_DECLS
