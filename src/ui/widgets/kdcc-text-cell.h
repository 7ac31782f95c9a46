/* kdcc-text-cell.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KDCC_TYPE_TEXT_CELL (kdcc_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (KdccTextCell, kdcc_text_cell, KDCC, TEXT_CELL, GtkWidget)

/* A table's text cell: one line, ellipsized at the end, left-aligned or,
 * when NUMERIC, right-aligned with tabular figures (the "numeric" style
 * class). It keeps its text's size and answers GTK's measuring from it:
 * GTK 4.8's column view measures every built cell of a column whenever a
 * row changes, and an ellipsized GtkLabel lays its text out again, twice
 * (the whole text and the ellipsis alone, on a copy of its layout), for
 * each of those calls. */
GtkWidget  *kdcc_text_cell_new      (gboolean      numeric);
void        kdcc_text_cell_set_text (KdccTextCell *self,
                                     const char   *text);
const char *kdcc_text_cell_get_text (KdccTextCell *self);

G_END_DECLS
