/* kdcc-table.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Small helpers shared by the pages' tables and detail pages.
 *
 * Columns: a GtkColumnView column whose cells are made by setup (a
 * KdccTextCell when NULL) and filled by bind. The item's "changed" signal
 * (every model item has one) refills a bound cell, so a refresh updates
 * the rows on screen without rebuilding them; only the rows on screen are bound, which
 * keeps a table of 10,000 OSDs as cheap as one of ten. A KdccTableModel's
 * rows (kdcc-table-model.h) stand for the item they point at. */

typedef GtkWidget *(*KdccCellSetupFunc) (void);
typedef void       (*KdccCellBindFunc)  (GtkWidget *cell,
                                         gpointer   item);

/* Appends a column and returns it (owned by the view). numeric right-aligns
 * the default text cell with tabular digits; sorter (nullable, transfer full)
 * makes the header sort. */
GtkColumnViewColumn *kdcc_table_add_column (GtkColumnView     *view,
                                            const char        *title,
                                            KdccCellSetupFunc  setup,
                                            KdccCellBindFunc   bind,
                                            GtkSorter         *sorter,
                                            gboolean           numeric,
                                            gboolean           expand);

/* The column factory for a column that shows one property of the item
 * (string, int, int64, uint64 or double with DIGITS decimals) as text,
 * right-aligned for numbers, with "—" for NULL, "" or a negative count,
 * and sorts by that property. */
GtkColumnViewColumn *kdcc_table_add_property_column (GtkColumnView *view,
                                                     const char    *title,
                                                     GType          item_type,
                                                     const char    *property,
                                                     guint          digits,
                                                     gboolean       expand);

/* Replaces what a column's header sorts by (a sorter given to
 * kdcc_table_add_column is wrapped: see kdcc_table_find_sort_key). */
void        kdcc_table_column_set_sorter (GtkColumnViewColumn *column,
                                          GtkSorter           *sorter);

/* Sort keys: a KdccTableModel sorts 10,000 rows by a column with a key
 * (read once per item, compared in a tight loop) instead of a GtkSorter
 * call per comparison. The key must order items as the column's sorter
 * does. A string key compares with kdcc_table_compare_strings(). */
typedef double      (*KdccTableNumberKey) (gpointer item);
typedef const char *(*KdccTableStringKey) (gpointer item);

void        kdcc_table_column_set_number_key (GtkColumnViewColumn *column,
                                              KdccTableNumberKey   key);
void        kdcc_table_column_set_string_key (GtkColumnViewColumn *column,
                                              KdccTableStringKey   key);

typedef struct
{
  KdccTableNumberKey number;     /* one of the two */
  KdccTableStringKey string;
  gboolean           descending;
  /* FALSE when every item compared equal by that column, so the direction
   * could not be told (and descending is only a guess). */
  gboolean           direction_known;
} KdccTableSortKey;

/* The key of the column a column view's sorter (gtk_column_view_get_sorter(),
 * or one made of its columns' sorters) sorts by first, and its direction;
 * FALSE when it does not sort or that column has no key. items (the items
 * to sort, nullable elements not allowed) tell the direction. */
gboolean    kdcc_table_find_sort_key     (GtkSorter           *sorter,
                                          GPtrArray           *items,
                                          KdccTableSortKey    *key);
typedef enum
{
  KDCC_TABLE_TIE_NONE,    /* no further sort column: ties keep their order */
  KDCC_TABLE_TIE_KEY,     /* the next sort column has a key */
  KDCC_TABLE_TIE_SORTER,  /* the next sort column has none: ask the view's sorter */
  KDCC_TABLE_TIE_EQUAL,   /* it has one but finds these items equal too, so its
                           * direction is not known: ask again with other ones */
} KdccTableTie;

/* What such a sorter sorts items by when its primary column finds them
 * equal: tied (at least two items, all equal by that column) tells the
 * next sort column and its direction. */
KdccTableTie kdcc_table_find_tie_key     (GtkSorter           *sorter,
                                          GPtrArray           *tied,
                                          KdccTableSortKey    *key);
/* ASCII case-insensitive, then byte order; NULL first. */
int         kdcc_table_compare_strings   (const char          *a,
                                          const char          *b);

/* A KdccCellSetupFunc: the "Used" cell of a table, a KdccUsageCell (fill
 * it with kdcc_usage_cell_set_values in the column's bind). */
GtkWidget  *kdcc_table_usage_cell_new (void);
/* A cell's tooltip (NULL or empty: none), for cell bind functions: kept on
 * the cell and handed to GTK only when the pointer rests on it, since GTK
 * 4.8's gtk_widget_set_tooltip_text() asks the display server where the
 * pointer is on every call (a round trip per cell bound). */
void        kdcc_table_cell_set_tooltip (GtkWidget  *cell,
                                         const char *text);
const char *kdcc_table_cell_get_tooltip (GtkWidget  *cell);

/* Fills the column's cells on screen again: for values that come from
 * elsewhere than the row's item (a host's OSDs). */
void        kdcc_table_column_rebind  (GtkColumnViewColumn *column);

/* A sorter on a numeric property of the item type (int64, uint64, double,
 * boolean). */
GtkSorter  *kdcc_table_numeric_sorter (GType       item_type,
                                       const char *property);
GtkSorter  *kdcc_table_string_sorter  (GType       item_type,
                                       const char *property);

/* A row with a title and a value at its end; the value is selectable so an
 * admin can copy an address or a version. */
GtkWidget  *kdcc_detail_row_new       (const char *title,
                                       const char *value);
void        kdcc_detail_row_set_value (GtkWidget  *row,
                                       const char *value);
const char *kdcc_detail_row_get_value (GtkWidget  *row);

/* A row that only says something ("No health check names this OSD"). */
GtkWidget  *kdcc_note_row_new         (const char *text);

/* An activatable row that opens subject ("osd.3", "host/node1") through
 * win.show-subject; subtitle may be NULL. */
GtkWidget  *kdcc_link_row_new         (const char *title,
                                       const char *subtitle,
                                       const char *subject);

/* A group that says a part cannot be shown, and why, in one row (used where
 * a table would otherwise stay empty). */
GtkWidget  *kdcc_missing_group_new    (const char *title,
                                       const char *reason);

/* Removes every row added to a preferences group with
 * kdcc_table_group_add(). */
void        kdcc_table_group_add      (AdwPreferencesGroup *group,
                                       GtkWidget           *row);
void        kdcc_table_group_clear    (AdwPreferencesGroup *group);

G_END_DECLS
