/* kdcc-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-cluster.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PANEL (kdcc_panel_get_type ())

G_DECLARE_DERIVABLE_TYPE (KdccPanel, kdcc_panel, KDCC, PANEL, GtkWidget)

/* The base of every page in the window's sidebar. A panel shows one
 * cluster (the "cluster" property, NULL while none is connected) and owns a
 * GCancellable that is cancelled when the panel is disposed or the cluster
 * changes, so pending work of a panel never outlives what it was for.
 *
 * Subclasses get a single child through the BIN layout (a template's root
 * child) and override cluster_changed() to connect to the new cluster. */
struct _KdccPanelClass
{
  GtkWidgetClass parent_class;

  void (*cluster_changed) (KdccPanel   *self,
                           KdccCluster *old_cluster);

  gpointer padding[8];
};

KdccCluster  *kdcc_panel_get_cluster     (KdccPanel   *self);
void          kdcc_panel_set_cluster     (KdccPanel   *self,
                                          KdccCluster *cluster);
GCancellable *kdcc_panel_get_cancellable (KdccPanel   *self);

G_END_DECLS
