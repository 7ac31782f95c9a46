/* kdcc-pgs-columns.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*< private >*/
/* The PG table's columns (cells, sorters and sort keys), apart from the
 * panel that filters and shows them; sorted by PG id at first.
 * pool_names maps a pool id (gint64 key) to its name: the panel keeps it
 * (the same table, updated in place) and rebinds the returned "Pool"
 * column when the pools change. */
GtkColumnViewColumn *_kdcc_pgs_panel_add_columns (GtkColumnView *view,
                                                  GHashTable    *pool_names);

G_END_DECLS
