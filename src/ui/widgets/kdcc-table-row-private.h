/* kdcc-table-row-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-table-model.h"

G_BEGIN_DECLS

/* A KdccTableModel's parts: its rows and the list the view gets. */

/* Points the row at item (nullable: a blank row); returns whether it
 * changed. Emits "changed" only while a cell watches the row. */
gboolean   _kdcc_table_row_set_item   (KdccTableRow  *row,
                                       gpointer       item);
/* Whether a bound cell watches the row: GTK built widgets for it. */
gboolean   _kdcc_table_row_is_watched (KdccTableRow  *row);

#define KDCC_TYPE_TABLE_ROWS (kdcc_table_rows_get_type ())

G_DECLARE_FINAL_TYPE (KdccTableRows, kdcc_table_rows, KDCC, TABLE_ROWS, GObject)

/* The rows (KdccTableRow, owned) the list holds: the model changes it and
 * emits items-changed itself. */
GPtrArray *_kdcc_table_rows_get_array (KdccTableRows *self);

G_END_DECLS
