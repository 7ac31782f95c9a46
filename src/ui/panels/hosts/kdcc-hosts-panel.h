/* kdcc-hosts-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_HOSTS_PANEL (kdcc_hosts_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccHostsPanel, kdcc_hosts_panel, KDCC, HOSTS_PANEL, KdccPanel)

/* The CRUSH hosts with their OSDs' count, state and capacity; a row (or
 * host/NAME) opens the host's page with its OSDs and daemons. Shows the
 * subjects host/NAME and hosts. */
GtkWidget  *kdcc_hosts_panel_new      (void);
/* The rows as shown, KdccHost items, sorted. */
GListModel *kdcc_hosts_panel_get_rows (KdccHostsPanel *self);

G_END_DECLS
