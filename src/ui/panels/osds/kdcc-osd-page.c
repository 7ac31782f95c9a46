/* kdcc-osd-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-osd-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-capacity-bar.h"
#include "kdcc-format.h"
#include "kdcc-health-check.h"
#include "kdcc-osd-page.h"
#include "kdcc-table.h"

typedef struct
{
  KdccCluster *cluster;
  KdccOsd     *osd;
  GtkWidget   *status_row;
  GtkWidget   *class_row;
  GtkWidget   *usage_bar;
  GtkWidget   *pgs_row;
  GtkWidget   *weight_row;
  GtkWidget   *reweight_row;
  GtkWidget   *host_group;
  AdwPreferencesGroup *checks_group;
  char        *host;
} Page;

static void
page_free (Page *page)
{
  g_signal_handlers_disconnect_by_data (page->osd, page);
  g_signal_handlers_disconnect_by_data (page->cluster, page);
  g_clear_object (&page->osd);
  g_clear_object (&page->cluster);
  g_free (page->host);
  g_free (page);
}

static gboolean
is_id_char (char c)
{
  return g_ascii_isdigit (c);
}

static gboolean
text_names_osd (const char *text,
                const char *name)
{
  gsize len = strlen (name);

  for (const char *p = text != NULL ? strstr (text, name) : NULL; p != NULL; p = strstr (p + 1, name))
    {
      /* osd.1 is not osd.12, and not "xosd.1". */
      gboolean starts = p == text || !(g_ascii_isalnum (p[-1]) || p[-1] == '.');

      if (starts && !is_id_char (p[len]))
        return TRUE;
    }

  return FALSE;
}

gboolean
kdcc_health_check_names_osd (gpointer check,
                             gint64   id)
{
  g_autofree char *name = g_strdup_printf ("osd.%" G_GINT64_FORMAT, id);
  const char * const *detail = kdcc_health_check_get_detail (check);

  if (text_names_osd (kdcc_health_check_get_summary (check), name))
    return TRUE;
  for (guint i = 0; detail != NULL && detail[i] != NULL; i++)
    if (text_names_osd (detail[i], name))
      return TRUE;

  return FALSE;
}

static void
update_checks (Page *page)
{
  GListModel *checks = kdcc_cluster_get_health_checks (page->cluster);
  guint n = g_list_model_get_n_items (checks);
  guint shown = 0;

  kdcc_table_group_clear (page->checks_group);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);
      g_autofree char *subject = NULL;
      GtkWidget *row;
      GtkWidget *icon;

      if (!kdcc_health_check_names_osd (check, kdcc_osd_get_id (page->osd)))
        continue;

      subject = g_strconcat ("health/", kdcc_health_check_get_code (check), NULL);
      row = kdcc_link_row_new (kdcc_health_check_get_summary (check),
                               kdcc_health_check_get_code (check), subject);
      icon = gtk_image_new_from_icon_name (kdcc_format_health_icon_name (kdcc_health_check_get_severity (check)));
      gtk_widget_add_css_class (icon, kdcc_format_health_css_class (kdcc_health_check_get_severity (check)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      kdcc_table_group_add (page->checks_group, row);
      shown++;
    }

  if (shown == 0)
    kdcc_table_group_add (page->checks_group,
                          kdcc_note_row_new (_("No health check names this OSD")));
}

static void
update_status (Page *page)
{
  KdccOsd *osd = page->osd;
  gboolean up = kdcc_osd_get_up (osd);
  gboolean in = kdcc_osd_get_in (osd);
  g_autofree char *status = NULL;
  g_autofree char *pgs = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *reweight = NULL;
  GtkWidget *value = g_object_get_data (G_OBJECT (page->status_row), "kdcc-value");

  /* Translators: an OSD's state, e.g. "Up · In" */
  status = g_strdup_printf (_("%s · %s"), up ? _("Up") : _("Down"), in ? _("In") : _("Out"));
  kdcc_detail_row_set_value (page->status_row, status);
  gtk_widget_remove_css_class (value, "dim-label");
  gtk_widget_remove_css_class (value, "error");
  gtk_widget_remove_css_class (value, "warning");
  gtk_widget_add_css_class (value, !up ? "error" : !in ? "warning" : "dim-label");

  kdcc_detail_row_set_value (page->class_row, kdcc_osd_get_device_class (osd));
  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (page->usage_bar), kdcc_osd_get_used_bytes (osd),
                                kdcc_osd_get_total_bytes (osd));
  pgs = kdcc_osd_get_pgs (osd) >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_osd_get_pgs (osd))
                                    : NULL;
  kdcc_detail_row_set_value (page->pgs_row, pgs);
  weight = g_strdup_printf ("%.5f", kdcc_osd_get_crush_weight (osd));
  kdcc_detail_row_set_value (page->weight_row, weight);
  reweight = g_strdup_printf ("%.5f", kdcc_osd_get_reweight (osd));
  kdcc_detail_row_set_value (page->reweight_row, reweight);
}

static void
update_host (Page *page)
{
  const char *host = kdcc_osd_get_host (page->osd);
  g_autofree char *subject = NULL;

  if (page->host != NULL && g_strcmp0 (page->host, host) == 0)
    return;

  g_free (page->host);
  page->host = g_strdup (host);
  kdcc_table_group_clear (ADW_PREFERENCES_GROUP (page->host_group));
  if (host == NULL)
    {
      kdcc_table_group_add (ADW_PREFERENCES_GROUP (page->host_group),
                            kdcc_detail_row_new (_("Host"), _("Not in a CRUSH host")));
      return;
    }

  subject = g_strconcat ("host/", host, NULL);
  kdcc_table_group_add (ADW_PREFERENCES_GROUP (page->host_group),
                        kdcc_link_row_new (host, _("Its OSDs and daemons"), subject));
}

static void
osd_changed_cb (KdccOsd *osd,
                Page    *page)
{
  update_status (page);
  update_host (page);
}

static void
cluster_refreshed_cb (KdccCluster *cluster,
                      Page        *page)
{
  update_checks (page);
}

static GtkWidget *
add_group (GtkWidget  *prefs,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs), ADW_PREFERENCES_GROUP (group));

  return group;
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title)
{
  GtkWidget *row = kdcc_detail_row_new (title, NULL);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

GtkWidget *
kdcc_osd_page_new (KdccCluster *cluster,
                   KdccOsd     *osd)
{
  GtkWidget *prefs = adw_preferences_page_new ();
  GtkWidget *group;
  GtkWidget *usage_row;
  Page *page = g_new0 (Page, 1);

  g_return_val_if_fail (KDCC_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (KDCC_IS_OSD (osd), NULL);

  page->cluster = g_object_ref (cluster);
  page->osd = g_object_ref (osd);

  group = add_group (prefs, _("State"));
  page->status_row = add_row (group, _("Status"));
  page->class_row = add_row (group, _("Device class"));
  page->pgs_row = add_row (group, _("Placement groups"));
  page->weight_row = add_row (group, _("CRUSH weight"));
  page->reweight_row = add_row (group, _("Reweight"));

  group = add_group (prefs, _("Capacity"));
  usage_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (usage_row), FALSE);
  page->usage_bar = kdcc_capacity_bar_new ();
  gtk_widget_set_margin_top (page->usage_bar, 12);
  gtk_widget_set_margin_bottom (page->usage_bar, 12);
  gtk_widget_set_margin_start (page->usage_bar, 12);
  gtk_widget_set_margin_end (page->usage_bar, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (usage_row), page->usage_bar);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), usage_row);

  page->host_group = add_group (prefs, _("Host"));

  page->checks_group = ADW_PREFERENCES_GROUP (add_group (prefs, _("Health Checks")));

  /* What `osd metadata`, `osd perf` and `pg ls-by-osd` would add needs the
   * model to carry them; say so rather than show nothing. */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs),
                            ADW_PREFERENCES_GROUP (kdcc_missing_group_new (_("Details"),
                                                                           _("Device, version, addresses, latency and placement groups are not read by this version"))));

  update_status (page);
  update_host (page);
  update_checks (page);

  g_signal_connect (osd, "changed", G_CALLBACK (osd_changed_cb), page);
  g_signal_connect (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), page);
  g_object_set_data_full (G_OBJECT (prefs), "kdcc-osd-page", page, (GDestroyNotify) page_free);

  return prefs;
}

const char *
kdcc_osd_page_get_status (GtkWidget *widget)
{
  Page *page = g_object_get_data (G_OBJECT (widget), "kdcc-osd-page");

  g_return_val_if_fail (page != NULL, NULL);

  return kdcc_detail_row_get_value (page->status_row);
}
