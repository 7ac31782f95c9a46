/* kdcc-usage-cell.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KDCC_TYPE_USAGE_CELL (kdcc_usage_cell_get_type ())

G_DECLARE_FINAL_TYPE (KdccUsageCell, kdcc_usage_cell, KDCC, USAGE_CELL, GtkWidget)

/* A table's "Used" cell: a bar coloured at Ceph's nearfull (85 %) and full
 * (95 %) ratios and the percentage, drawn by one widget. A table keeps up
 * to 200 rows built; KdccCapacityBar is about ten widgets, and 2,000 of
 * them cost the OSD page 7 MB and a third of each frame of scrolling. */
GtkWidget  *kdcc_usage_cell_new              (void);
void        kdcc_usage_cell_set_values       (KdccUsageCell *self,
                                              guint64        used,
                                              guint64        total);
/* "42%", as KdccCapacityBar writes it. */
const char *kdcc_usage_cell_get_percent_text (KdccUsageCell *self);

G_END_DECLS
