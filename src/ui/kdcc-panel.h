/* kdcc-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kdcc-cluster.h"
#include "kdcc-subject.h"

G_BEGIN_DECLS

#define KDCC_TYPE_PANEL (kdcc_panel_get_type ())

G_DECLARE_DERIVABLE_TYPE (KdccPanel, kdcc_panel, KDCC, PANEL, GtkWidget)

/* The base of every page in the window's sidebar. A panel shows one
 * cluster (the "cluster" property, NULL while none is connected) and owns a
 * GCancellable that is cancelled when the panel is disposed or the cluster
 * changes, so pending work of a panel never outlives what it was for.
 *
 * Subclasses get a single child through the BIN layout (a template's root
 * child) and override cluster_changed() to connect to the new cluster.
 *
 * Navigation: a panel opens a sub-page with kdcc_panel_push_subpage() (the
 * window shows it with a back button; Alt+Left returns), and shows one thing
 * ("win.show-subject", e.g. health/OSD_DOWN) in show_subject(), for the
 * subject kinds its registry entry declares. */
struct _KdccPanelClass
{
  GtkWidgetClass parent_class;

  void     (*cluster_changed) (KdccPanel         *self,
                               KdccCluster       *old_cluster);
  /* Returns FALSE when the subject is not there (no such check, pool...). */
  gboolean (*show_subject)    (KdccPanel         *self,
                               const KdccSubject *subject);

  gpointer padding[7];
};

KdccCluster  *kdcc_panel_get_cluster     (KdccPanel   *self);
void          kdcc_panel_set_cluster     (KdccPanel   *self,
                                          KdccCluster *cluster);
GCancellable *kdcc_panel_get_cancellable (KdccPanel   *self);
gboolean      kdcc_panel_show_subject    (KdccPanel         *self,
                                          const KdccSubject *subject);
/* Emits "push-subpage" (page, title): whoever shows the panel (the window)
 * shows page on top of it until the user goes back. */
void          kdcc_panel_push_subpage    (KdccPanel   *self,
                                          GtkWidget   *page,
                                          const char  *title);

G_END_DECLS
