/* kdcc-services-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-services-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-daemon.h"
#include "kdcc-filesystem.h"
#include "kdcc-services-panel.h"
#include "kdcc-table.h"

struct _KdccServicesPanel
{
  KdccPanel   parent_instance;

  GtkWidget  *page;
  GPtrArray  *groups;   /* the groups added by the last update */
  GPtrArray  *rows;     /* for tests */
};

G_DEFINE_FINAL_TYPE (KdccServicesPanel, kdcc_services_panel, KDCC_TYPE_PANEL)

static guint
count_daemons (KdccCluster *cluster,
               const char  *type)
{
  GListModel *daemons = kdcc_cluster_get_daemons (cluster);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (daemons); i++)
    {
      g_autoptr(KdccDaemon) daemon = g_list_model_get_item (daemons, i);

      n += g_strcmp0 (kdcc_daemon_get_daemon_type (daemon), type) == 0;
    }

  return n;
}

gboolean
kdcc_services_panel_has_any (KdccCluster *cluster)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (cluster), FALSE);

  return g_list_model_get_n_items (kdcc_cluster_get_filesystems (cluster)) > 0 ||
         count_daemons (cluster, "rgw") > 0;
}

static AdwPreferencesGroup *
add_group (KdccServicesPanel *self,
           const char        *title,
           const char        *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);

  return ADW_PREFERENCES_GROUP (group);
}

static void
add_count (AdwPreferencesGroup *group,
           const char          *title,
           gint64               value)
{
  g_autofree char *text = value >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;

  adw_preferences_group_add (group, kdcc_detail_row_new (title, text));
}

static void
add_pool_link (AdwPreferencesGroup *group,
               const char          *pool,
               const char          *role)
{
  g_autofree char *subject = g_strconcat ("pool/", pool, NULL);

  adw_preferences_group_add (group, kdcc_link_row_new (pool, role, subject));
}

static void
add_daemons (KdccCluster         *cluster,
             AdwPreferencesGroup *group,
             const char          *type,
             const char          *filesystem)
{
  GListModel *daemons = kdcc_cluster_get_daemons (cluster);

  for (guint i = 0; i < g_list_model_get_n_items (daemons); i++)
    {
      g_autoptr(KdccDaemon) daemon = g_list_model_get_item (daemons, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (g_strcmp0 (kdcc_daemon_get_daemon_type (daemon), type) != 0)
        continue;
      if (filesystem != NULL && kdcc_daemon_get_filesystem (daemon) != NULL &&
          g_strcmp0 (kdcc_daemon_get_filesystem (daemon), filesystem) != 0)
        continue;

      /* Translators: a daemon's state and where it runs: "up:active · node1" */
      subtitle = g_strdup_printf (_("%s · %s"),
                                  kdcc_daemon_get_state (daemon) ? kdcc_daemon_get_state (daemon) : _("running"),
                                  kdcc_daemon_get_host (daemon) ? kdcc_daemon_get_host (daemon)
                                                                : (kdcc_daemon_get_addr (daemon) ? kdcc_daemon_get_addr (daemon) : "?"));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_daemon_get_full_name (daemon));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (group, row);
    }
}

static void
update (KdccServicesPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *filesystems;
  guint rgw;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->page), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->rows, 0);

  if (cluster == NULL)
    return;

  filesystems = kdcc_cluster_get_filesystems (cluster);
  for (guint i = 0; i < g_list_model_get_n_items (filesystems); i++)
    {
      g_autoptr(KdccFilesystem) fs = g_list_model_get_item (filesystems, i);
      const char * const *data_pools = kdcc_filesystem_get_data_pools (fs);
      AdwPreferencesGroup *group;
      g_autofree char *description = NULL;

      /* Translators: under a CephFS filesystem's name */
      description = g_strdup_printf (_("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " MDS ranks up"),
                                     kdcc_filesystem_get_ranks_up (fs), kdcc_filesystem_get_max_mds (fs));
      group = add_group (self, kdcc_filesystem_get_name (fs), description);
      add_count (group, _("Failed ranks"), kdcc_filesystem_get_ranks_failed (fs));
      add_count (group, _("Standby MDS"), kdcc_filesystem_get_standbys (fs));
      add_count (group, _("Clients"), kdcc_filesystem_get_clients (fs));
      if (kdcc_filesystem_get_metadata_pool (fs) != NULL)
        add_pool_link (group, kdcc_filesystem_get_metadata_pool (fs), _("Metadata pool"));
      for (guint p = 0; data_pools != NULL && data_pools[p] != NULL; p++)
        add_pool_link (group, data_pools[p], _("Data pool"));
      add_daemons (cluster, group, "mds", kdcc_filesystem_get_name (fs));
      g_ptr_array_add (self->rows, g_strdup_printf ("%s ranks=%" G_GINT64_FORMAT " clients=%" G_GINT64_FORMAT,
                                                    kdcc_filesystem_get_name (fs),
                                                    kdcc_filesystem_get_ranks_up (fs),
                                                    kdcc_filesystem_get_clients (fs)));
    }

  rgw = count_daemons (cluster, "rgw");
  if (rgw > 0)
    {
      AdwPreferencesGroup *group = add_group (self, _("Object Gateways"), NULL);

      add_daemons (cluster, group, "rgw", NULL);
    }

  if (self->groups->len == 0)
    add_group (self, _("No File Systems or Gateways"),
               _("This cluster runs neither CephFS nor the RADOS Gateway"));
}

static void
cluster_refreshed_cb (KdccCluster       *cluster,
                      KdccServicesPanel *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
}

static void
kdcc_services_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kdcc_services_panel_parent_class)->map (widget);
  update (KDCC_SERVICES_PANEL (widget));
}

static void
kdcc_services_panel_cluster_changed (KdccPanel   *panel,
                                     KdccCluster *old_cluster)
{
  KdccServicesPanel *self = KDCC_SERVICES_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    g_signal_handlers_disconnect_by_data (old_cluster, self);
  if (cluster != NULL)
    g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  update (self);
}

static void
kdcc_services_panel_dispose (GObject *object)
{
  KdccServicesPanel *self = KDCC_SERVICES_PANEL (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_services_panel_parent_class)->dispose (object);
}

static void
kdcc_services_panel_class_init (KdccServicesPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kdcc_services_panel_dispose;
  GTK_WIDGET_CLASS (klass)->map = kdcc_services_panel_map;
  KDCC_PANEL_CLASS (klass)->cluster_changed = kdcc_services_panel_cluster_changed;
}

static void
kdcc_services_panel_init (KdccServicesPanel *self)
{
  self->groups = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));
}

GtkWidget *
kdcc_services_panel_new (void)
{
  return g_object_new (KDCC_TYPE_SERVICES_PANEL, NULL);
}

GStrv
kdcc_services_panel_dup_rows (KdccServicesPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KDCC_IS_SERVICES_PANEL (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->rows, i));

  return g_strv_builder_end (builder);
}
