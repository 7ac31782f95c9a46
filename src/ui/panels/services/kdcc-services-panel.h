/* kdcc-services-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_SERVICES_PANEL (kdcc_services_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccServicesPanel, kdcc_services_panel, KDCC, SERVICES_PANEL, KdccPanel)

/* CephFS filesystems (MDS ranks, standbys, clients, pools) and RGW
 * daemons. The sidebar offers it only when the cluster has either. */
GtkWidget *kdcc_services_panel_new      (void);
/* Whether the cluster runs a filesystem or a gateway. */
gboolean   kdcc_services_panel_has_any  (KdccCluster       *cluster);
/* "NAME ranks=N clients=N" per filesystem shown, for tests. */
GStrv      kdcc_services_panel_dup_rows (KdccServicesPanel *self);

G_END_DECLS
