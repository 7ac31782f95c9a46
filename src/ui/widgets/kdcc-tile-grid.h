/* kdcc-tile-grid.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KDCC_TYPE_TILE_GRID (kdcc_tile_grid_get_type ())

G_DECLARE_FINAL_TYPE (KdccTileGrid, kdcc_tile_grid, KDCC, TILE_GRID, GtkWidget)

/* Equal tiles in one row when they fit at 150 px (and at their natural
 * width) each, otherwise two per row, and one per row only when two would
 * cut a tile's content: four cards read as one row on a wide window and two
 * by two on a narrow one, never three and one, and a number is never cut
 * off.
 * Children are added in a .ui file or with kdcc_tile_grid_append(). */
GtkWidget *kdcc_tile_grid_new         (void);
void       kdcc_tile_grid_append      (KdccTileGrid *self,
                                       GtkWidget    *child);
/* How many tiles a row holds at WIDTH (1 row = all children). */
guint      kdcc_tile_grid_get_columns_for_width (KdccTileGrid *self,
                                                 int           width);
guint      kdcc_tile_grid_get_columns (KdccTileGrid *self);

G_END_DECLS
