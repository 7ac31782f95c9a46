/* kdcc-width-first-bin.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KDCC_TYPE_WIDTH_FIRST_BIN (kdcc_width_first_bin_get_type ())

G_DECLARE_FINAL_TYPE (KdccWidthFirstBin, kdcc_width_first_bin, KDCC, WIDTH_FIRST_BIN, GtkWidget)

/* Holds one child and answers "how wide for this height?" with the child's
 * width for any height. GTK 4.8's horizontal GtkBox allocates its children
 * by measuring each one's width for the box's height; a child with wrapping
 * labels below (a page's column beside a summary) then has every label
 * bisect its width for that height, laying its text out again at each
 * step: ~18,000 such measures and 50-60 ms in one frame of the PG page.
 * Widths are asked first and heights for a width, as everywhere else in
 * KDCC's pages, so nothing is lost. */
GtkWidget *kdcc_width_first_bin_new       (void);
void       kdcc_width_first_bin_set_child (KdccWidthFirstBin *self,
                                           GtkWidget         *child);
GtkWidget *kdcc_width_first_bin_get_child (KdccWidthFirstBin *self);

G_END_DECLS
