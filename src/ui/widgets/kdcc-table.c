/* kdcc-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-table-model.h"
#include "kdcc-table.h"
#include "kdcc-text-cell.h"
#include "kdcc-usage-cell.h"

typedef struct
{
  KdccCellSetupFunc setup;
  KdccCellBindFunc  bind;
  GParamSpec       *pspec;   /* a property column: its value is the cell */
  guint             digits;
  gboolean          numeric;
  GHashTable       *bound;   /* GtkListItem -> itself, the cells on screen */
  GtkSorter        *sorter;  /* what the header sorts by (the column's own
                              * sorter is a probe around it) */
  KdccTableNumberKey number_key;
  KdccTableStringKey string_key;
} Column;

/* Which columns GTK's column view sorter asks, in order: GTK 4.8 has no
 * API to read a column view's sort columns, so each column's sorter is a
 * probe that notes itself while kdcc_table_find_sort_key() compares two
 * items (the primary column is always asked first, the next one only for
 * items the primary one finds equal). */
static Column *probe_asked[2];
static guint probe_n_asked;
static gboolean probing;

/* A property column's cell: the value as text; an em dash says "not
 * known" (NULL, empty, or a negative count as the model keeps unknowns). */
static void
bind_property (Column    *column,
               GtkWidget *cell,
               gpointer   item)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;
  GType type = G_PARAM_SPEC_VALUE_TYPE (column->pspec);

  g_value_init (&value, type);
  g_object_get_property (item, column->pspec->name, &value);
  if (type == G_TYPE_STRING)
    text = g_strdup (g_value_get_string (&value));
  else if (type == G_TYPE_INT64)
    text = g_value_get_int64 (&value) >= 0
           ? g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value)) : NULL;
  else if (type == G_TYPE_UINT64)
    text = g_strdup_printf ("%" G_GUINT64_FORMAT, g_value_get_uint64 (&value));
  else if (type == G_TYPE_INT)
    text = g_value_get_int (&value) >= 0 ? g_strdup_printf ("%d", g_value_get_int (&value)) : NULL;
  else if (type == G_TYPE_DOUBLE)
    text = g_strdup_printf ("%.*f", (int) column->digits, g_value_get_double (&value));
  else
    g_critical ("%s: a %s property cannot be a column", G_STRFUNC, g_type_name (type));
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text != NULL && *text != '\0' ? text : "—");
}

static void
column_bind (Column    *column,
             GtkWidget *cell,
             gpointer   item)
{
  if (column->pspec != NULL)
    bind_property (column, cell, item);
  else
    column->bind (cell, item);
}

static void
column_free (Column *column)
{
  g_hash_table_unref (column->bound);
  g_clear_object (&column->sorter);
  g_free (column);
}

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  Column *column = user_data;

  if (probing && probe_n_asked < G_N_ELEMENTS (probe_asked))
    probe_asked[probe_n_asked++] = column;
  if (column->sorter == NULL)
    return GTK_ORDERING_EQUAL;
  return gtk_sorter_compare (column->sorter, (gpointer) a, (gpointer) b);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Column                   *column)
{
  GtkWidget *cell;

  if (column->setup != NULL)
    {
      cell = column->setup ();
    }
  else
    {
      cell = kdcc_text_cell_new (column->numeric);
    }

  gtk_list_item_set_child (list_item, cell);
}

/* What a cell shows: a KdccTableModel's row stands for the item it points
 * at now. */
static gpointer
cell_item (gpointer item)
{
  return KDCC_IS_TABLE_ROW (item) ? kdcc_table_row_get_item (item) : item;
}

/* A blank row (one the table model drops from the view over the next
 * frames) shows nothing. */
static void
fill_cell (Column    *column,
           GtkWidget *cell,
           gpointer   shown)
{
  if (shown == NULL)
    {
      gtk_widget_set_visible (cell, FALSE);
      return;
    }
  if (!gtk_widget_get_visible (cell))
    gtk_widget_set_visible (cell, TRUE);
  column_bind (column, cell, shown);
}

static void
item_changed_cb (gpointer     item,
                 GtkListItem *list_item)
{
  Column *column = g_object_get_data (G_OBJECT (list_item), "kdcc-column");

  fill_cell (column, gtk_list_item_get_child (list_item), cell_item (item));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Column                   *column)
{
  gpointer item = gtk_list_item_get_item (list_item);
  gulong id;

  fill_cell (column, gtk_list_item_get_child (list_item), cell_item (item));
  g_object_set_data (G_OBJECT (list_item), "kdcc-column", column);
  /* A row says "changed" when it points at another item, and for its
   * item's changes while watched: the cell refills in place. */
  if (KDCC_IS_TABLE_ROW (item))
    kdcc_table_row_watch (item);
  id = g_signal_connect (item, "changed", G_CALLBACK (item_changed_cb), list_item);
  g_object_set_data (G_OBJECT (list_item), "kdcc-changed-id", GSIZE_TO_POINTER (id));
  g_hash_table_add (column->bound, list_item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           Column                   *column)
{
  gpointer item = gtk_list_item_get_item (list_item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "kdcc-changed-id"));

  if (item != NULL && id != 0)
    {
      g_signal_handler_disconnect (item, id);
      if (KDCC_IS_TABLE_ROW (item))
        kdcc_table_row_unwatch (item);
    }
  g_object_set_data (G_OBJECT (list_item), "kdcc-changed-id", NULL);
  g_hash_table_remove (column->bound, list_item);
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            Column        *data,
            GtkSorter     *sorter,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  data->bound = g_hash_table_new (NULL, NULL);
  g_object_set_data_full (G_OBJECT (factory), "kdcc-column", data, (GDestroyNotify) column_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), data);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), data);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (sorter != NULL)
    {
      g_autoptr(GtkSorter) probe = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, data, NULL));

      data->sorter = sorter;
      gtk_column_view_column_set_sorter (column, probe);
    }
  gtk_column_view_append_column (view, column);
  g_object_unref (column);

  return column;
}

GtkColumnViewColumn *
kdcc_table_add_column (GtkColumnView     *view,
                       const char        *title,
                       KdccCellSetupFunc  setup,
                       KdccCellBindFunc   bind,
                       GtkSorter         *sorter,
                       gboolean           numeric,
                       gboolean           expand)
{
  Column *data;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (bind != NULL, NULL);

  data = g_new0 (Column, 1);
  data->setup = setup;
  data->bind = bind;
  data->numeric = numeric;
  return add_column (view, title, data, sorter, expand);
}

GtkColumnViewColumn *
kdcc_table_add_property_column (GtkColumnView *view,
                                const char    *title,
                                GType          item_type,
                                const char    *property,
                                guint          digits,
                                gboolean       expand)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (item_type);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), property);
  Column *data;
  GtkSorter *sorter;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (pspec != NULL, NULL);

  data = g_new0 (Column, 1);
  /* Class properties live as long as the type, which is never unloaded. */
  data->pspec = pspec;
  data->digits = digits;
  data->numeric = G_PARAM_SPEC_VALUE_TYPE (pspec) != G_TYPE_STRING;
  sorter = data->numeric ? kdcc_table_numeric_sorter (item_type, property)
                         : kdcc_table_string_sorter (item_type, property);
  return add_column (view, title, data, sorter, expand);
}

static Column *
column_data (GtkColumnViewColumn *column)
{
  GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);

  return factory != NULL ? g_object_get_data (G_OBJECT (factory), "kdcc-column") : NULL;
}

void
kdcc_table_column_set_sorter (GtkColumnViewColumn *column,
                              GtkSorter           *sorter)
{
  Column *data = column_data (column);

  g_return_if_fail (data != NULL);
  g_return_if_fail (data->sorter != NULL);
  g_return_if_fail (GTK_IS_SORTER (sorter));

  g_set_object (&data->sorter, sorter);
  /* The probe stays: the view sorts by it. */
  gtk_sorter_changed (gtk_column_view_column_get_sorter (column), GTK_SORTER_CHANGE_DIFFERENT);
}

void
kdcc_table_column_set_number_key (GtkColumnViewColumn *column,
                                  KdccTableNumberKey   key)
{
  Column *data = column_data (column);

  g_return_if_fail (data != NULL);

  data->number_key = key;
  data->string_key = NULL;
}

void
kdcc_table_column_set_string_key (GtkColumnViewColumn *column,
                                  KdccTableStringKey   key)
{
  Column *data = column_data (column);

  g_return_if_fail (data != NULL);

  data->string_key = key;
  data->number_key = NULL;
}

/* The columns the view's sorter asks to compare a with b, first two. */
static guint
probe_columns (GtkSorter *sorter,
               gpointer   a,
               gpointer   b,
               Column    *asked[2])
{
  guint n;

  probing = TRUE;
  probe_n_asked = 0;
  gtk_sorter_compare (sorter, a, b);
  n = probe_n_asked;
  memcpy (asked, probe_asked, sizeof probe_asked);
  probing = FALSE;
  probe_n_asked = 0;

  return n;
}

/* The direction the view sorts column by: its answer against the
 * column's own, for the first two items the column tells apart; FALSE
 * when it tells none apart. */
static gboolean
find_descending (GtkSorter *sorter,
                 Column    *column,
                 GPtrArray *items,
                 gboolean  *descending)
{
  for (guint i = 1; i < items->len; i++)
    {
      gpointer a = g_ptr_array_index (items, 0);
      gpointer b = g_ptr_array_index (items, i);
      GtkOrdering own = gtk_sorter_compare (column->sorter, a, b);

      if (own != GTK_ORDERING_EQUAL)
        {
          *descending = gtk_sorter_compare (sorter, a, b) != own;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
has_key (Column *column)
{
  return column->number_key != NULL || column->string_key != NULL;
}

static gboolean
set_key (KdccTableSortKey *key,
         GtkSorter        *sorter,
         Column           *column,
         GPtrArray        *items)
{
  key->number = column->number_key;
  key->string = column->string_key;
  key->direction_known = find_descending (sorter, column, items, &key->descending);
  return key->direction_known;
}

gboolean
kdcc_table_find_sort_key (GtkSorter        *sorter,
                          GPtrArray        *items,
                          KdccTableSortKey *key)
{
  Column *asked[2];

  g_return_val_if_fail (sorter == NULL || GTK_IS_SORTER (sorter), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  memset (key, 0, sizeof *key);
  if (items->len < 2 || sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return FALSE;

  /* Two items: gtk_sorter_compare() answers an item with itself alone. */
  if (probe_columns (sorter, g_ptr_array_index (items, 0), g_ptr_array_index (items, 1), asked) == 0 ||
      !has_key (asked[0]))
    return FALSE;

  set_key (key, sorter, asked[0], items);
  return TRUE;
}

KdccTableTie
kdcc_table_find_tie_key (GtkSorter        *sorter,
                         GPtrArray        *tied,
                         KdccTableSortKey *key)
{
  Column *asked[2];

  g_return_val_if_fail (sorter == NULL || GTK_IS_SORTER (sorter), KDCC_TABLE_TIE_SORTER);
  g_return_val_if_fail (key != NULL, KDCC_TABLE_TIE_SORTER);
  g_return_val_if_fail (tied->len >= 2, KDCC_TABLE_TIE_SORTER);

  memset (key, 0, sizeof *key);
  if (sorter == NULL)
    return KDCC_TABLE_TIE_NONE;
  switch (probe_columns (sorter, g_ptr_array_index (tied, 0), g_ptr_array_index (tied, 1), asked))
    {
    case 0:
    case 1:
      /* Only the primary column sorts: ties keep their order. */
      return KDCC_TABLE_TIE_NONE;
    default:
      if (!has_key (asked[1]))
        return KDCC_TABLE_TIE_SORTER;
      return set_key (key, sorter, asked[1], tied) ? KDCC_TABLE_TIE_KEY : KDCC_TABLE_TIE_EQUAL;
    }
}

int
kdcc_table_compare_strings (const char *a,
                            const char *b)
{
  int result;

  /* Names are ASCII (hosts, classes, pools); unset ones sort first. */
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  result = g_ascii_strcasecmp (a, b);
  return result != 0 ? result : strcmp (a, b);
}

static gboolean
cell_query_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = kdcc_table_cell_get_tooltip (cell);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

const char *
kdcc_table_cell_get_tooltip (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  return g_object_get_data (G_OBJECT (cell), "kdcc-cell-tooltip");
}

void
kdcc_table_cell_set_tooltip (GtkWidget  *cell,
                             const char *text)
{
  const char *before;

  g_return_if_fail (GTK_IS_WIDGET (cell));

  if (text != NULL && *text == '\0')
    text = NULL;
  before = kdcc_table_cell_get_tooltip (cell);
  if (g_strcmp0 (before, text) == 0)
    return;
  if (!gtk_widget_get_has_tooltip (cell))
    {
      /* Once per cell: the cells are kept while rows are re-pointed. */
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (cell, TRUE);
    }
  g_object_set_data_full (G_OBJECT (cell), "kdcc-cell-tooltip", g_strdup (text), g_free);
  /* What gtk_widget_set_tooltip_text() tells assistive technologies. */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

GtkWidget *
kdcc_table_usage_cell_new (void)
{
  GtkWidget *cell = kdcc_usage_cell_new ();

  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  return cell;
}

void
kdcc_table_column_rebind (GtkColumnViewColumn *column)
{
  GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);
  Column *data = g_object_get_data (G_OBJECT (factory), "kdcc-column");
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (data != NULL);

  g_hash_table_iter_init (&iter, data->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    fill_cell (data, gtk_list_item_get_child (key), cell_item (gtk_list_item_get_item (key)));
}

GtkSorter *
kdcc_table_numeric_sorter (GType       item_type,
                           const char *property)
{
  return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (item_type, NULL,
                                                                          property)));
}

GtkSorter *
kdcc_table_string_sorter (GType       item_type,
                          const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (item_type, NULL,
                                                                         property)));
}

GtkWidget *
kdcc_detail_row_new (const char *title,
                     const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* A wrapping suffix gets squeezed to a column of letters; a long value
   * (an address list) ends in "…" and shows whole in its tooltip. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "kdcc-value", label);
  kdcc_detail_row_set_value (row, value);

  return row;
}

void
kdcc_detail_row_set_value (GtkWidget  *row,
                           const char *value)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "kdcc-value");
  const char *tooltip;

  g_return_if_fail (GTK_IS_LABEL (label));

  /* An em dash says "not known", which an empty cell does not. */
  gtk_label_set_label (label, value != NULL && *value != '\0' ? value : "—");
  /* Every refresh sets every row: GTK 4.8 asks the X server where the
   * pointer is on each gtk_widget_set_tooltip_text(), changed or not
   * (a round trip, ~0.3 ms). */
  tooltip = value != NULL && *value != '\0' ? value : NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), tooltip) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

const char *
kdcc_detail_row_get_value (GtkWidget *row)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "kdcc-value");

  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  return gtk_label_get_label (label);
}

GtkWidget *
kdcc_note_row_new (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");

  return row;
}

GtkWidget *
kdcc_link_row_new (const char *title,
                   const char *subtitle,
                   const char *subject)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", subject);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-subject");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "kdcc-subject", g_strdup (subject), g_free);

  return row;
}

GtkWidget *
kdcc_missing_group_new (const char *title,
                        const char *reason)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason);
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return group;
}

void
kdcc_table_group_add (AdwPreferencesGroup *group,
                      GtkWidget           *row)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "kdcc-rows");

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (group), "kdcc-rows", rows,
                              (GDestroyNotify) g_ptr_array_unref);
    }

  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

void
kdcc_table_group_clear (AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "kdcc-rows");

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  if (rows != NULL)
    g_ptr_array_set_size (rows, 0);
}
