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
bind_host (GtkWidget *cell,
           gpointer   item)
{
  const char *host = kdcc_osd_get_host (item);

  gtk_label_set_label (GTK_LABEL (cell), host != NULL ? host : "—");
}

static void
bind_class (GtkWidget *cell,
            gpointer   item)
{
  const char *device_class = kdcc_osd_get_device_class (item);

  gtk_label_set_label (GTK_LABEL (cell), device_class != NULL ? device_class : "—");
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

static GtkWidget *
setup_usage (void)
{
  GtkWidget *bar = kdcc_capacity_bar_new ();

  kdcc_capacity_bar_set_compact (KDCC_CAPACITY_BAR (bar), TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);

  return bar;
}

static void
bind_usage (GtkWidget *cell,
            gpointer   item)
{
  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (cell), kdcc_osd_get_used_bytes (item),
                                kdcc_osd_get_total_bytes (item));
}

static void
bind_pgs (GtkWidget *cell,
          gpointer   item)
{
  gint64 pgs = kdcc_osd_get_pgs (item);
  g_autofree char *text = pgs >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, pgs) : g_strdup ("—");

  gtk_label_set_label (GTK_LABEL (cell), text);
}

static void
bind_weight (GtkWidget *cell,
             gpointer   item)
{
  g_autofree char *text = g_strdup_printf ("%.3f", kdcc_osd_get_crush_weight (item));

  gtk_label_set_label (GTK_LABEL (cell), text);
}

static void
bind_reweight (GtkWidget *cell,
               gpointer   item)
{
  g_autofree char *text = g_strdup_printf ("%.2f", kdcc_osd_get_reweight (item));

  gtk_label_set_label (GTK_LABEL (cell), text);
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
  kdcc_table_add_column (view, _("Host"), NULL, bind_host,
                         kdcc_table_string_sorter (KDCC_TYPE_OSD, "host"), FALSE, TRUE);
  kdcc_table_add_column (view, _("Class"), NULL, bind_class,
                         kdcc_table_string_sorter (KDCC_TYPE_OSD, "device-class"), FALSE, FALSE);
  kdcc_table_add_column (view, _("State"), NULL, bind_state,
                         GTK_SORTER (gtk_custom_sorter_new (compare_state_cb, NULL, NULL)),
                         FALSE, FALSE);
  kdcc_table_add_column (view, _("Used"), setup_usage, bind_usage,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "utilization"), FALSE, TRUE);
  kdcc_table_add_column (view, _("PGs"), NULL, bind_pgs,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "pgs"), TRUE, FALSE);
  kdcc_table_add_column (view, _("Weight"), NULL, bind_weight,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "crush-weight"), TRUE, FALSE);
  kdcc_table_add_column (view, _("Reweight"), NULL, bind_reweight,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "reweight"), TRUE, FALSE);
  /* From `osd perf`: the first place a failing disk shows. */
  kdcc_table_add_column (view, _("Commit"), NULL, bind_commit,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "commit-latency-ms"), TRUE, FALSE);
  kdcc_table_add_column (view, _("Apply"), NULL, bind_apply,
                         kdcc_table_numeric_sorter (KDCC_TYPE_OSD, "apply-latency-ms"), TRUE, FALSE);

  gtk_column_view_sort_by_column (view, id_column, GTK_SORT_ASCENDING);
}
