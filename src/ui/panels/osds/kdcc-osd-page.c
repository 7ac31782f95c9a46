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
#include "kdcc-health-links.h"
#include "kdcc-osd-controls.h"
#include "kdcc-osd-page.h"
#include "kdcc-pool.h"
#include "kdcc-source-detail.h"
#include "kdcc-table.h"

/* More would make the page a PG table: the PG page has that. */
#define MAX_PG_ROWS 100

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
  GtkWidget   *controls_group;
  GtkWidget   *host_group;
  AdwPreferencesGroup *checks_group;
  GtkWidget   *commit_row;
  GtkWidget   *apply_row;
  AdwPreferencesGroup *metadata_group;
  AdwPreferencesGroup *pgs_group;
  GPtrArray   *metadata;   /* "title=value", for tests */
  GCancellable *cancellable;
  char        *host;
} Page;

static void
page_free (Page *page)
{
  /* Reads still running must not land on a page that is gone. */
  g_cancellable_cancel (page->cancellable);
  g_clear_object (&page->cancellable);
  g_clear_pointer (&page->metadata, g_ptr_array_unref);
  g_signal_handlers_disconnect_by_data (page->osd, page);
  g_signal_handlers_disconnect_by_data (page->cluster, page);
  g_clear_object (&page->osd);
  g_clear_object (&page->cluster);
  g_free (page->host);
  g_free (page);
}

gboolean
kdcc_health_check_names_osd (gpointer check,
                             gint64   id)
{
  g_autoptr(KdccHealthLinks) links = kdcc_health_links_new (kdcc_health_check_get_code (check),
                                                            kdcc_health_check_get_summary (check),
                                                            kdcc_health_check_get_detail (check));

  for (guint i = 0; i < links->subjects->len; i++)
    if (kdcc_subject_get_osd_id (g_ptr_array_index (links->subjects, i)) == id)
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

  if (kdcc_osd_get_has_latency (osd))
    {
      g_autofree char *commit = g_strdup_printf (_("%.0f ms"), kdcc_osd_get_commit_latency_ms (osd));
      g_autofree char *apply = g_strdup_printf (_("%.0f ms"), kdcc_osd_get_apply_latency_ms (osd));

      kdcc_detail_row_set_value (page->commit_row, commit);
      kdcc_detail_row_set_value (page->apply_row, apply);
    }
  else
    {
      const char *reason = kdcc_cluster_get_missing_reason (page->cluster, KDCC_MODEL_PART_OSD_LATENCY);

      kdcc_detail_row_set_value (page->commit_row, reason);
      kdcc_detail_row_set_value (page->apply_row, reason);
    }
}

static void
add_metadata_row (Page       *page,
                  const char *title,
                  const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  kdcc_table_group_add (page->metadata_group, kdcc_detail_row_new (title, value));
  g_ptr_array_add (page->metadata, g_strdup_printf ("%s=%s", title, value));
}

static void
metadata_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccOsdMetadata) metadata = kdcc_source_get_osd_metadata_finish (KDCC_SOURCE (object),
                                                                             result, &error);
  Page *page = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  kdcc_table_group_clear (page->metadata_group);
  if (metadata == NULL)
    {
      kdcc_table_group_add (page->metadata_group, kdcc_note_row_new (error->message));
      return;
    }

  page->metadata = g_ptr_array_new_with_free_func (g_free);
  add_metadata_row (page, _("Devices"), metadata->devices);
  add_metadata_row (page, _("Object store"), metadata->objectstore);
  add_metadata_row (page, _("Ceph version"), metadata->ceph_version);
  add_metadata_row (page, _("Public address"), metadata->front_addr);
  add_metadata_row (page, _("Cluster address"), metadata->back_addr);
  add_metadata_row (page, _("Operating system"), metadata->os);
  add_metadata_row (page, _("Kernel"), metadata->kernel);
  if (metadata->devices != NULL)
    add_metadata_row (page, _("Disk"), metadata->rotational ? _("Rotational") : _("Solid state"));
}

static const char *
pool_name (Page   *page,
           gint64  pool_id)
{
  GListModel *pools = kdcc_cluster_get_pools (page->cluster);

  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);

      if (kdcc_pool_get_id (pool) == pool_id)
        return kdcc_pool_get_name (pool);
    }

  return NULL;
}

static void
pgs_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pgs = kdcc_source_list_osd_pgs_finish (KDCC_SOURCE (object), result, &error);
  Page *page = user_data;
  g_autofree char *description = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  kdcc_table_group_clear (page->pgs_group);
  if (pgs == NULL)
    {
      kdcc_table_group_add (page->pgs_group, kdcc_note_row_new (error->message));
      return;
    }

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placement group",
                                              "%u placement groups", pgs->len), pgs->len);
  adw_preferences_group_set_description (page->pgs_group, description);
  for (guint i = 0; i < pgs->len && i < MAX_PG_ROWS; i++)
    {
      KdccPgData *pg = g_ptr_array_index (pgs, i);
      const char *pool = pool_name (page, pg->pool_id);
      g_autofree char *subject = pool != NULL ? g_strconcat ("pool/", pool, NULL) : NULL;
      /* Translators: a PG on an OSD's page: "2.1f · active+clean" */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), pg->pgid, pg->state);
      g_autofree char *subtitle = pool != NULL ? g_strdup_printf (_("Pool %s"), pool) : NULL;
      GtkWidget *row = subject != NULL ? kdcc_link_row_new (title, subtitle, subject)
                                       : kdcc_note_row_new (title);

      if (pg->problems != KDCC_PG_PROBLEM_NONE)
        gtk_widget_add_css_class (row, "warning");
      kdcc_table_group_add (page->pgs_group, row);
    }
  if (pgs->len > MAX_PG_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("And %u more on the Placement Groups page"),
                                               pgs->len - MAX_PG_ROWS);

      kdcc_table_group_add (page->pgs_group, kdcc_link_row_new (more, NULL, "pgs"));
    }
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
                   KdccOsd     *osd,
                   KdccSource  *source)
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

  /* Filled by kdcc_osd_page_add_controls when there is a session to stage
   * on; here so it sits next to the state it changes. */
  page->controls_group = add_group (prefs, _("Controls"));
  gtk_widget_set_visible (page->controls_group, FALSE);

  group = add_group (prefs, _("Latency"));
  page->commit_row = add_row (group, _("Commit"));
  page->apply_row = add_row (group, _("Apply"));

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

  page->metadata_group = ADW_PREFERENCES_GROUP (add_group (prefs, _("Metadata")));
  page->pgs_group = ADW_PREFERENCES_GROUP (add_group (prefs, _("Placement Groups")));
  page->cancellable = g_cancellable_new ();
  if (source != NULL)
    {
      /* Read when the page opens: one OSD's details are not worth a
       * command per OSD at every refresh. */
      kdcc_table_group_add (page->metadata_group, kdcc_note_row_new (_("Reading…")));
      kdcc_table_group_add (page->pgs_group, kdcc_note_row_new (_("Reading…")));
      kdcc_source_get_osd_metadata_async (source, kdcc_osd_get_id (osd), page->cancellable,
                                          metadata_cb, page);
      kdcc_source_list_osd_pgs_async (source, kdcc_osd_get_id (osd), page->cancellable,
                                      pgs_cb, page);
    }
  else
    {
      kdcc_table_group_add (page->metadata_group, kdcc_note_row_new (_("Not connected")));
      kdcc_table_group_add (page->pgs_group, kdcc_note_row_new (_("Not connected")));
    }

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

GStrv
kdcc_osd_page_dup_metadata (GtkWidget *widget)
{
  Page *page = g_object_get_data (G_OBJECT (widget), "kdcc-osd-page");
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (page != NULL, NULL);

  if (page->metadata == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < page->metadata->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (page->metadata, i));

  return g_strv_builder_end (builder);
}

void
kdcc_osd_page_add_controls (GtkWidget   *widget,
                            KdccSession *session)
{
  Page *page = g_object_get_data (G_OBJECT (widget), "kdcc-osd-page");

  g_return_if_fail (page != NULL);
  g_return_if_fail (KDCC_IS_SESSION (session));

  kdcc_osd_controls_fill (ADW_PREFERENCES_GROUP (page->controls_group), session, page->osd);
  gtk_widget_set_visible (page->controls_group, TRUE);
}

AdwPreferencesGroup *
kdcc_osd_page_get_controls (GtkWidget *widget)
{
  Page *page = g_object_get_data (G_OBJECT (widget), "kdcc-osd-page");

  g_return_val_if_fail (page != NULL, NULL);
  return ADW_PREFERENCES_GROUP (page->controls_group);
}
