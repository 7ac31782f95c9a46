/* kdcc-osds-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-osds-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-osd.h"
#include "kdcc-osds-columns.h"
#include "kdcc-table.h"
#include "kdcc-text-cell.h"
#include "kdcc-usage-cell.h"

/* Cells -------------------------------------------------------------------- */

static void
bind_id (GtkWidget *cell,
         gpointer   item)
{
  g_autofree char *text = g_strdup_printf ("osd.%" G_GINT64_FORMAT, kdcc_osd_get_id (item));

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

static void
bind_state (GtkWidget *cell,
            gpointer   item)
{
  gboolean up = kdcc_osd_get_up (item);
  gboolean in = kdcc_osd_get_in (item);
  g_autofree char *text = NULL;

  /* Translators: an OSD's state, e.g. "Up · In" */
  text = g_strdup_printf (_("%s · %s"), up ? _("Up") : _("Down"), in ? _("In") : _("Out"));
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
  gtk_widget_remove_css_class (cell, "error");
  gtk_widget_remove_css_class (cell, "warning");
  if (!up)
    gtk_widget_add_css_class (cell, "error");
  else if (!in)
    gtk_widget_add_css_class (cell, "warning");
}

static void
bind_usage (GtkWidget *cell,
            gpointer   item)
{
  kdcc_usage_cell_set_values (KDCC_USAGE_CELL (cell), kdcc_osd_get_used_bytes (item),
                              kdcc_osd_get_total_bytes (item));
}

static void
bind_latency (GtkWidget *cell,
              double     ms,
              gboolean   known)
{
  g_autofree char *text = known ? g_strdup_printf (_("%.0f ms"), ms) : NULL;

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text != NULL ? text : "—");
}

static void
bind_commit (GtkWidget *cell,
             gpointer   item)
{
  bind_latency (cell, kdcc_osd_get_commit_latency_ms (item), kdcc_osd_get_has_latency (item));
}

static void
bind_apply (GtkWidget *cell,
            gpointer   item)
{
  bind_latency (cell, kdcc_osd_get_apply_latency_ms (item), kdcc_osd_get_has_latency (item));
}

/* Sorters ------------------------------------------------------------------ */

/* GTK 4.8's column view sorter has no sort keys, so every comparison of a
 * sort goes through the column's sorter: a property expression would read
 * a GValue per item and comparison (a string sorter also case-folds and
 * collates both strings each time), ~20 ms for 10,000 OSDs by utilization
 * and ~75 ms by host. These compare the fields directly. */

#define COMPARE(a, b) (((a) > (b)) - ((a) < (b)))

#define FIELD_SORTER(name, getter)                                          \
  static int                                                                \
  compare_##name##_cb (gconstpointer a,                                     \
                       gconstpointer b,                                     \
                       gpointer      user_data)                             \
  {                                                                         \
    return COMPARE (getter ((KdccOsd *) a), getter ((KdccOsd *) b));        \
  }                                                                         \
  static double                                                             \
  key_##name (gpointer item)                                                \
  {                                                                         \
    return (double) getter ((KdccOsd *) item);                              \
  }

FIELD_SORTER (id, kdcc_osd_get_id)
FIELD_SORTER (utilization, kdcc_osd_get_utilization)
FIELD_SORTER (pgs, kdcc_osd_get_pgs)
FIELD_SORTER (crush_weight, kdcc_osd_get_crush_weight)
FIELD_SORTER (reweight, kdcc_osd_get_reweight)
FIELD_SORTER (commit, kdcc_osd_get_commit_latency_ms)
FIELD_SORTER (apply, kdcc_osd_get_apply_latency_ms)

/* Host names and device classes are ASCII; unset ones sort first. */
static int
compare_host_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return kdcc_table_compare_strings (kdcc_osd_get_host ((KdccOsd *) a),
                                     kdcc_osd_get_host ((KdccOsd *) b));
}

static const char *
key_host (gpointer item)
{
  return kdcc_osd_get_host (item);
}

static int
compare_class_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return kdcc_table_compare_strings (kdcc_osd_get_device_class ((KdccOsd *) a),
                                     kdcc_osd_get_device_class ((KdccOsd *) b));
}

static const char *
key_class (gpointer item)
{
  return kdcc_osd_get_device_class (item);
}

static int
state_rank (KdccOsd *osd)
{
  return kdcc_osd_get_up (osd) * 2 + kdcc_osd_get_in (osd);
}

FIELD_SORTER (state, state_rank)

static GtkSorter *
sorter (GCompareDataFunc compare)
{
  return GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));
}

/* Replaces the property sorter kdcc-table gave a property column. */
static void
set_sorter (GtkColumnViewColumn *column,
            GCompareDataFunc     compare)
{
  g_autoptr(GtkSorter) custom = sorter (compare);

  kdcc_table_column_set_sorter (column, custom);
}

void
_kdcc_osds_panel_add_columns (GtkColumnView *view)
{
  GtkColumnViewColumn *id_column;
  GtkColumnViewColumn *column;

  id_column = kdcc_table_add_column (view, _("OSD"), NULL, bind_id,
                                     sorter (compare_id_cb), FALSE, FALSE);
  kdcc_table_column_set_number_key (id_column, key_id);
  column = kdcc_table_add_property_column (view, _("Host"), KDCC_TYPE_OSD, "host", 0, TRUE);
  set_sorter (column, compare_host_cb);
  kdcc_table_column_set_string_key (column, key_host);
  column = kdcc_table_add_property_column (view, _("Class"), KDCC_TYPE_OSD, "device-class", 0, FALSE);
  set_sorter (column, compare_class_cb);
  kdcc_table_column_set_string_key (column, key_class);
  column = kdcc_table_add_column (view, _("State"), NULL, bind_state,
                                  sorter (compare_state_cb), FALSE, FALSE);
  kdcc_table_column_set_number_key (column, key_state);
  column = kdcc_table_add_column (view, _("Used"), kdcc_table_usage_cell_new, bind_usage,
                                  sorter (compare_utilization_cb), FALSE, TRUE);
  kdcc_table_column_set_number_key (column, key_utilization);
  column = kdcc_table_add_property_column (view, _("PGs"), KDCC_TYPE_OSD, "pgs", 0, FALSE);
  set_sorter (column, compare_pgs_cb);
  kdcc_table_column_set_number_key (column, key_pgs);
  column = kdcc_table_add_property_column (view, _("Weight"), KDCC_TYPE_OSD, "crush-weight", 3, FALSE);
  set_sorter (column, compare_crush_weight_cb);
  kdcc_table_column_set_number_key (column, key_crush_weight);
  column = kdcc_table_add_property_column (view, _("Reweight"), KDCC_TYPE_OSD, "reweight", 2, FALSE);
  set_sorter (column, compare_reweight_cb);
  kdcc_table_column_set_number_key (column, key_reweight);
  /* From `osd perf`: the first place a failing disk shows. */
  column = kdcc_table_add_column (view, _("Commit"), NULL, bind_commit,
                                  sorter (compare_commit_cb), TRUE, FALSE);
  kdcc_table_column_set_number_key (column, key_commit);
  column = kdcc_table_add_column (view, _("Apply"), NULL, bind_apply,
                                  sorter (compare_apply_cb), TRUE, FALSE);
  kdcc_table_column_set_number_key (column, key_apply);

  gtk_column_view_sort_by_column (view, id_column, GTK_SORT_ASCENDING);
}
