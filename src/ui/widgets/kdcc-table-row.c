/* kdcc-table-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-table-model"

#include "config.h"

#include "kdcc-table-model.h"
#include "kdcc-table-row-private.h"

/* Rows ---------------------------------------------------------------------- */

struct _KdccTableRow
{
  GObject  parent_instance;

  gpointer item;       /* owned */
  guint    watchers;
  gulong   changed_id; /* on item, while watched */
};

enum {
  ROW_CHANGED,
  N_ROW_SIGNALS
};

static guint row_signals[N_ROW_SIGNALS];

G_DEFINE_FINAL_TYPE (KdccTableRow, kdcc_table_row, G_TYPE_OBJECT)

static void
row_item_changed_cb (KdccTableRow *row)
{
  g_signal_emit (row, row_signals[ROW_CHANGED], 0);
}

static void
row_disconnect (KdccTableRow *row)
{
  if (row->changed_id != 0)
    g_clear_signal_handler (&row->changed_id, row->item);
}

static void
row_connect (KdccTableRow *row)
{
  if (row->item != NULL && row->watchers > 0 && row->changed_id == 0)
    row->changed_id = g_signal_connect_swapped (row->item, "changed",
                                                G_CALLBACK (row_item_changed_cb), row);
}

/* Returns whether the row shows another item now. */
gboolean
_kdcc_table_row_set_item (KdccTableRow *row,
              gpointer      item)
{
  if (row->item == item)
    return FALSE;

  row_disconnect (row);
  if (item != NULL)
    g_object_ref (item);
  g_clear_object (&row->item);
  row->item = item;
  row_connect (row);
  /* Rows off screen have no handler: no emission to pay for. */
  if (row->watchers > 0)
    g_signal_emit (row, row_signals[ROW_CHANGED], 0);

  return TRUE;
}

static void
kdcc_table_row_dispose (GObject *object)
{
  KdccTableRow *row = KDCC_TABLE_ROW (object);

  row_disconnect (row);
  g_clear_object (&row->item);

  G_OBJECT_CLASS (kdcc_table_row_parent_class)->dispose (object);
}

static void
kdcc_table_row_class_init (KdccTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kdcc_table_row_dispose;

  row_signals[ROW_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_table_row_init (KdccTableRow *row)
{
}

gpointer
kdcc_table_row_get_item (KdccTableRow *row)
{
  g_return_val_if_fail (KDCC_IS_TABLE_ROW (row), NULL);

  return row->item;
}

void
kdcc_table_row_watch (KdccTableRow *row)
{
  g_return_if_fail (KDCC_IS_TABLE_ROW (row));

  row->watchers++;
  row_connect (row);
}

void
kdcc_table_row_unwatch (KdccTableRow *row)
{
  g_return_if_fail (KDCC_IS_TABLE_ROW (row));
  g_return_if_fail (row->watchers > 0);

  if (--row->watchers == 0)
    row_disconnect (row);
}

/* The view's model: the announced rows, in a plain array ------------------- */

struct _KdccTableRows
{
  GObject    parent_instance;

  GPtrArray *rows;   /* KdccTableRow, owned */
};

static void kdcc_table_rows_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccTableRows, kdcc_table_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kdcc_table_rows_list_init))

static GType
kdcc_table_rows_get_item_type (GListModel *list)
{
  return KDCC_TYPE_TABLE_ROW;
}

static guint
kdcc_table_rows_get_n_items (GListModel *list)
{
  return KDCC_TABLE_ROWS (list)->rows->len;
}

static gpointer
kdcc_table_rows_get_item (GListModel *list,
                          guint       position)
{
  GPtrArray *rows = KDCC_TABLE_ROWS (list)->rows;

  return position < rows->len ? g_object_ref (g_ptr_array_index (rows, position)) : NULL;
}

static void
kdcc_table_rows_list_init (GListModelInterface *iface)
{
  iface->get_item_type = kdcc_table_rows_get_item_type;
  iface->get_n_items = kdcc_table_rows_get_n_items;
  iface->get_item = kdcc_table_rows_get_item;
}

static void
kdcc_table_rows_finalize (GObject *object)
{
  g_ptr_array_unref (KDCC_TABLE_ROWS (object)->rows);

  G_OBJECT_CLASS (kdcc_table_rows_parent_class)->finalize (object);
}

static void
kdcc_table_rows_class_init (KdccTableRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdcc_table_rows_finalize;
}

static void
kdcc_table_rows_init (KdccTableRows *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

GPtrArray *
_kdcc_table_rows_get_array (KdccTableRows *self)
{
  return self->rows;
}

gboolean
_kdcc_table_row_is_watched (KdccTableRow *row)
{
  return row->watchers > 0;
}
