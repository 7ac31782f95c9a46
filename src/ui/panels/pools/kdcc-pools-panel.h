/* kdcc-pools-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-panel.h"

G_BEGIN_DECLS

#define KDCC_TYPE_POOLS_PANEL (kdcc_pools_panel_get_type ())

G_DECLARE_FINAL_TYPE (KdccPoolsPanel, kdcc_pools_panel, KDCC, POOLS_PANEL, KdccPanel)

/* The pools: a table sortable by every column; a row (or pool/NAME) opens
 * the pool's page. Shows the subjects pool/NAME and pools. */
GtkWidget  *kdcc_pools_panel_new      (void);
/* The rows as shown, KdccPool items, sorted. */
GListModel *kdcc_pools_panel_get_rows (KdccPoolsPanel *self);
/* The page pushed for a pool: its "Replication" row's value, for tests. */
const char *kdcc_pool_page_get_replication (GtkWidget *page);

G_END_DECLS
