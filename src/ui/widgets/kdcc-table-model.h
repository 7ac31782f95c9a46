/* kdcc-table-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A table's rows for GTK 4.8's GtkColumnView, sorted and filtered by us.
 *
 * GTK 4.8's list item manager throws away every row widget it holds (up to
 * 200 rows of ten cells) and builds new ones after one large
 * `items-changed`, which is what a GtkSortListModel or GtkFilterListModel
 * emits for a sort or a keystroke of a search: 60-120 ms at 10,000 OSDs.
 * So the view gets a model of stable KdccTableRow objects instead, one per
 * position; a sort or filter re-points the rows to the items now at their
 * positions (the bound cells refill in place through the row's "changed"),
 * and the only `items-changed` the view sees is the count growing or
 * shrinking at its end. Growth is paced, a few rows a frame, until the
 * rows GTK keeps alive exist, so neither opening the page nor clearing a
 * filter builds 200 rows in one frame.
 *
 * Sorting and filtering are arrays of positions: the source's items are
 * sorted with the column view's sorter (so the header clicks keep
 * working), then filtered with the filter function. */

#define KDCC_TYPE_TABLE_ROW (kdcc_table_row_get_type ())

G_DECLARE_FINAL_TYPE (KdccTableRow, kdcc_table_row, KDCC, TABLE_ROW, GObject)

/* The item the row shows now (transfer none), or NULL. Signal "changed":
 * the row shows another item, or (while watched) its item changed. */
gpointer kdcc_table_row_get_item (KdccTableRow *row);
/* A bound cell watches the row: while watched, the row forwards its
 * item's "changed" signal (every model item has one). */
void     kdcc_table_row_watch    (KdccTableRow *row);
void     kdcc_table_row_unwatch  (KdccTableRow *row);

#define KDCC_TYPE_TABLE_MODEL (kdcc_table_model_get_type ())

G_DECLARE_FINAL_TYPE (KdccTableModel, kdcc_table_model, KDCC, TABLE_MODEL, GObject)

typedef gboolean (*KdccTableFilterFunc) (gpointer item,
                                         gpointer user_data);

/* The model is a GListModel of the source's items as shown: sorted,
 * filtered, all of them (not only the rows announced to the view yet). */
KdccTableModel *kdcc_table_model_new             (GType                item_type);
/* Gives view a GtkNoSelection of the rows and sorts by its sorter; the
 * view paces the growth of its rows (its frame clock). */
void            kdcc_table_model_attach          (KdccTableModel      *self,
                                                  GtkColumnView       *view);
/* Sorts by sorter instead of the view's, once attached: one made of the
 * view's columns' sorters (gtk_column_view_column_get_sorter()) in the
 * order header clicks give the view's sorter, which GTK 4.8 offers no way
 * to do from code (gtk_column_view_sort_by_column() keeps one column).
 * For tests of the sort by several columns. */
void            kdcc_table_model_set_sorter      (KdccTableModel      *self,
                                                  GtkSorter           *sorter);
/* Releases the view (for dispose). */
void            kdcc_table_model_detach          (KdccTableModel      *self);
void            kdcc_table_model_set_source      (KdccTableModel      *self,
                                                  GListModel          *source);
/* NULL: every item. */
void            kdcc_table_model_set_filter_func (KdccTableModel      *self,
                                                  KdccTableFilterFunc  func,
                                                  gpointer             user_data);
/* The filter's answer changed (a search, a state filter). */
void            kdcc_table_model_refilter        (KdccTableModel      *self);
/* The items' values changed in place (a refresh): read the sort keys
 * again, sort and filter. Until then a column's keys are read once and
 * kept: a change that sorts differently must come with this call. */
void            kdcc_table_model_resort          (KdccTableModel      *self);
/* Only the source's items at @positions changed their values in place (a
 * refresh that changed a few PGs of 100,000): their keys are read again
 * and they move to where a full sort would put them, the filter is asked
 * about them alone. Many positions, or a sort it cannot patch, sort and
 * filter in full as kdcc_table_model_resort() does. */
void            kdcc_table_model_items_updated   (KdccTableModel      *self,
                                                  const guint         *positions,
                                                  guint                n);
/* The item shown at position (transfer none), or NULL. */
gpointer        kdcc_table_model_peek_item       (KdccTableModel      *self,
                                                  guint                position);
/* Whether the view has been handed all its rows (growth is paced while
 * the view is mapped). */
gboolean        kdcc_table_model_is_settled      (KdccTableModel      *self);
/* The rows the view holds: KdccTableRow items. */
GListModel     *kdcc_table_model_get_rows        (KdccTableModel      *self);
/* How many times every item was sorted (not patched), for tests. */
guint           kdcc_table_model_get_n_full_sorts (KdccTableModel      *self);

G_END_DECLS
