/* kdcc-osds-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-osds-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-capacity-bar.h"
#include "kdcc-osd.h"
#include "kdcc-osds-columns.h"
#include "kdcc-table.h"

/* Cells -------------------------------------------------------------------- */

static void
bind_id (GtkWidget *cell,
         gpointer   item)
{
  g_autofree char *text = g_strdup_printf ("osd.%" G_GINT64_FORMAT, kdcc_osd_get_id (item));

  gtk_label_set_label (GTK_LABEL (cell), text);
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
  gtk_label_set_label (GTK_LABEL (cell), text);
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
  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (cell), kdcc_osd_get_used_bytes (item),
                                kdcc_osd_get_total_bytes (item));
}

static void
bind_latency (GtkWidget *cell,
              double     ms,
              gboolean   known)
{
  g_autofree char *text = known ? g_strdup_printf (_("%.0f ms"), ms) : NULL;

  gtk_label_set_label (GTK_LABEL (cell), text != NULL ? text : "—");
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

static int
compare_state_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  int sa = kdcc_osd_get_up ((KdccOsd *) a) * 2 + kdcc_osd_get_in ((KdccOsd *) a);
  int sb = kdcc_osd_get_up ((KdccOsd *) b) * 2 + kdcc_osd_get_in ((KdccOsd *) b);

  return sa - sb;
}

void
_kdcc_osds_panel_add_columns (GtkColumnView *view)
{
  GtkColumnViewColumn *id_column;

  id_column = kdcc_table_add_column (view, _("OSD"), NULL, bind_id,
                                     kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "id"), FALSE, FALSE);
  kdcc_table_add_property_column (view, _("Host"), KDCC_TYPE_OSD, "host", 0, TRUE);
  kdcc_table_add_property_column (view, _("Class"), KDCC_TYPE_OSD, "device-class", 0, FALSE);
  kdcc_table_add_column (view, _("State"), NULL, bind_state,
                         GTK_SORTER (gtk_custom_sorter_new (compare_state_cb, NULL, NULL)),
                         FALSE, FALSE);
  kdcc_table_add_column (view, _("Used"), kdcc_table_usage_cell_new, bind_usage,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "utilization"), FALSE, TRUE);
  kdcc_table_add_property_column (view, _("PGs"), KDCC_TYPE_OSD, "pgs", 0, FALSE);
  kdcc_table_add_property_column (view, _("Weight"), KDCC_TYPE_OSD, "crush-weight", 3, FALSE);
  kdcc_table_add_property_column (view, _("Reweight"), KDCC_TYPE_OSD, "reweight", 2, FALSE);
  /* From `osd perf`: the first place a failing disk shows. */
  kdcc_table_add_column (view, _("Commit"), NULL, bind_commit,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "commit-latency-ms"), TRUE, FALSE);
  kdcc_table_add_column (view, _("Apply"), NULL, bind_apply,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "apply-latency-ms"), TRUE, FALSE);

  gtk_column_view_sort_by_column (view, id_column, GTK_SORT_ASCENDING);
}
