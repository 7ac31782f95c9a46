/* kdcc-daemons-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-daemons-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-daemon.h"
#include "kdcc-daemons-panel.h"
#include "kdcc-mgr-module.h"
#include "kdcc-table.h"

struct _KdccDaemonsPanel
{
  KdccPanel            parent_instance;

  GtkScrolledWindow   *scroller;
  AdwPreferencesGroup *mons_group;
  AdwPreferencesGroup *mgrs_group;
  AdwPreferencesGroup *modules_group;
  GPtrArray           *mon_rows;    /* "a" / "a (out of quorum)", for tests */
  /* What the groups were built from, so an unchanged refresh costs no
   * widget work. */
  char                *built_key;
};

G_DEFINE_FINAL_TYPE (KdccDaemonsPanel, kdcc_daemons_panel, KDCC_TYPE_PANEL)

static gboolean
in_list (const GPtrArray *list,
         const char      *name)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_strcmp0 (g_ptr_array_index (list, i), name) == 0)
      return TRUE;

  return FALSE;
}

static GtkWidget *
daemon_row_new (const char *title,
                const char *state,
                gboolean    ok)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (state);

  /* Daemon names, addresses and module errors come from the cluster,
   * never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (icon, ok ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (label, ok ? "dim-label" : "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static char *
dup_key (KdccCluster *cluster)
{
  GString *key = g_string_new (NULL);
  const GPtrArray *lists[] = {
    kdcc_cluster_get_mons (cluster),
    kdcc_cluster_get_quorum (cluster),
    kdcc_cluster_get_mgr_standbys (cluster),
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
        g_string_append_printf (key, "%s,", (const char *) g_ptr_array_index (lists[l], i));
      g_string_append_c (key, ';');
    }
  g_string_append (key, kdcc_cluster_get_mgr_active (cluster) ? kdcc_cluster_get_mgr_active (cluster) : "");
  g_string_append_printf (key, ";%s;", kdcc_cluster_get_mon_leader (cluster) ? kdcc_cluster_get_mon_leader (cluster) : "");
  for (guint i = 0; i < g_list_model_get_n_items (kdcc_cluster_get_daemons (cluster)); i++)
    {
      g_autoptr(KdccDaemon) daemon = g_list_model_get_item (kdcc_cluster_get_daemons (cluster), i);

      g_string_append_printf (key, "%s@%s/%s/%s,", kdcc_daemon_get_full_name (daemon),
                              kdcc_daemon_get_addr (daemon) ? kdcc_daemon_get_addr (daemon) : "",
                              kdcc_daemon_get_host (daemon) ? kdcc_daemon_get_host (daemon) : "",
                              kdcc_daemon_get_version (daemon) ? kdcc_daemon_get_version (daemon) : "");
    }
  for (guint i = 0; i < g_list_model_get_n_items (kdcc_cluster_get_mgr_modules (cluster)); i++)
    {
      g_autoptr(KdccMgrModule) module = g_list_model_get_item (kdcc_cluster_get_mgr_modules (cluster), i);

      g_string_append_printf (key, "%s:%d%d%s,", kdcc_mgr_module_get_name (module),
                              kdcc_mgr_module_get_enabled (module), kdcc_mgr_module_get_failed (module),
                              kdcc_mgr_module_get_error (module) ? kdcc_mgr_module_get_error (module) : "");
    }

  return g_string_free (key, FALSE);
}

static KdccDaemon *
find_daemon (KdccCluster *cluster,
             const char  *full_name)
{
  GListModel *daemons = kdcc_cluster_get_daemons (cluster);

  for (guint i = 0; i < g_list_model_get_n_items (daemons); i++)
    {
      g_autoptr(KdccDaemon) daemon = g_list_model_get_item (daemons, i);

      if (g_strcmp0 (kdcc_daemon_get_full_name (daemon), full_name) == 0)
        return g_steal_pointer (&daemon);
    }

  return NULL;
}

/* "Rank 0 · Leader · v2:10.0.0.1:3300 · node1" from what the cluster said. */
static void
describe_daemon (GtkWidget   *row,
                 KdccCluster *cluster,
                 const char  *full_name)
{
  g_autoptr(KdccDaemon) daemon = find_daemon (cluster, full_name);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  if (daemon == NULL)
    return;

  if (g_str_equal (kdcc_daemon_get_daemon_type (daemon), "mon") && kdcc_daemon_get_rank (daemon) >= 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Rank %" G_GINT64_FORMAT), kdcc_daemon_get_rank (daemon)));
  if (kdcc_daemon_get_leader (daemon))
    g_ptr_array_add (parts, g_strdup (_("Leader")));
  if (kdcc_daemon_get_addr (daemon) != NULL)
    g_ptr_array_add (parts, g_strdup (kdcc_daemon_get_addr (daemon)));
  if (kdcc_daemon_get_host (daemon) != NULL)
    g_ptr_array_add (parts, g_strdup (kdcc_daemon_get_host (daemon)));
  if (parts->len == 0)
    return;

  g_ptr_array_add (parts, NULL);
  text = g_strjoinv (" · ", (char **) parts->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

static void
update_modules (KdccDaemonsPanel *self,
                KdccCluster      *cluster)
{
  GListModel *modules = kdcc_cluster_get_mgr_modules (cluster);
  const char *reason = kdcc_cluster_get_missing_reason (cluster, KDCC_MODEL_PART_MGR_MODULES);
  guint n = g_list_model_get_n_items (modules);
  guint failed = 0;
  guint enabled = 0;
  g_autofree char *description = NULL;

  kdcc_table_group_clear (self->modules_group);
  if (n == 0)
    {
      kdcc_table_group_add (self->modules_group,
                            kdcc_note_row_new (reason != NULL ? reason : _("The manager reported no modules")));
      return;
    }

  /* Failed modules first: they are why MGR_MODULE_ERROR is raised. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(KdccMgrModule) module = g_list_model_get_item (modules, i);
        gboolean is_failed = kdcc_mgr_module_get_failed (module);
        gboolean on = kdcc_mgr_module_get_enabled (module) || kdcc_mgr_module_get_always_on (module);
        GtkWidget *row;

        if ((pass == 0) != is_failed || (!is_failed && !kdcc_mgr_module_get_enabled (module)))
          continue;

        row = daemon_row_new (kdcc_mgr_module_get_name (module),
                              is_failed ? _("Failed") : _("Enabled"), !is_failed);
        if (is_failed && kdcc_mgr_module_get_error (module) != NULL)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kdcc_mgr_module_get_error (module));
        kdcc_table_group_add (self->modules_group, row);
        failed += is_failed;
        enabled += on && !is_failed;
      }

  description = g_strdup_printf (_("%u enabled, %u failed"), enabled, failed);
  adw_preferences_group_set_description (self->modules_group, description);
}

static void
update (KdccDaemonsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  const GPtrArray *mons;
  const GPtrArray *quorum;
  const GPtrArray *standbys;
  const char *active;
  g_autofree char *key = NULL;
  g_autofree char *description = NULL;

  if (cluster == NULL || !kdcc_cluster_get_has_data (cluster))
    return;

  key = dup_key (cluster);
  if (g_strcmp0 (key, self->built_key) == 0)
    return;
  g_free (self->built_key);
  self->built_key = g_steal_pointer (&key);

  mons = kdcc_cluster_get_mons (cluster);
  quorum = kdcc_cluster_get_quorum (cluster);
  kdcc_table_group_clear (self->mons_group);
  g_ptr_array_set_size (self->mon_rows, 0);
  for (guint i = 0; mons != NULL && i < mons->len; i++)
    {
      const char *name = g_ptr_array_index (mons, i);
      gboolean ok = in_list (quorum, name);
      g_autofree char *title = g_strconcat ("mon.", name, NULL);

      GtkWidget *row = daemon_row_new (title, ok ? _("In quorum") : _("Out of quorum"), ok);

      describe_daemon (row, cluster, title);
      kdcc_table_group_add (self->mons_group, row);
      g_ptr_array_add (self->mon_rows, ok ? g_strdup (name)
                                          : g_strdup_printf ("%s (out of quorum)", name));
    }
  if (mons == NULL || mons->len == 0)
    kdcc_table_group_add (self->mons_group,
                          kdcc_note_row_new (_("This connection did not list the monitors")));
  description = g_strdup_printf (_("%u of %u in quorum"), quorum != NULL ? quorum->len : 0,
                                 mons != NULL ? mons->len : 0);
  adw_preferences_group_set_description (self->mons_group, description);

  active = kdcc_cluster_get_mgr_active (cluster);
  standbys = kdcc_cluster_get_mgr_standbys (cluster);
  kdcc_table_group_clear (self->mgrs_group);
  if (active != NULL)
    {
      g_autofree char *title = g_strconcat ("mgr.", active, NULL);
      GtkWidget *row = daemon_row_new (title, _("Active"), TRUE);

      describe_daemon (row, cluster, title);
      kdcc_table_group_add (self->mgrs_group, row);
    }
  else
    {
      kdcc_table_group_add (self->mgrs_group,
                            daemon_row_new (_("No active manager"), _("Down"), FALSE));
    }
  for (guint i = 0; standbys != NULL && i < standbys->len; i++)
    {
      g_autofree char *title = g_strconcat ("mgr.", (const char *) g_ptr_array_index (standbys, i), NULL);
      GtkWidget *row = daemon_row_new (title, _("Standby"), TRUE);

      describe_daemon (row, cluster, title);
      kdcc_table_group_add (self->mgrs_group, row);
    }

  update_modules (self, cluster);
}

static void
cluster_refreshed_cb (KdccCluster      *cluster,
                      KdccDaemonsPanel *self)
{
  update (self);
}

static void
kdcc_daemons_panel_cluster_changed (KdccPanel   *panel,
                                    KdccCluster *old_cluster)
{
  KdccDaemonsPanel *self = KDCC_DAEMONS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    g_signal_handlers_disconnect_by_data (old_cluster, self);
  g_clear_pointer (&self->built_key, g_free);
  if (cluster != NULL)
    g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  update (self);
}

static gboolean
kdcc_daemons_panel_show_subject (KdccPanel         *panel,
                                 const KdccSubject *subject)
{
  KdccDaemonsPanel *self = KDCC_DAEMONS_PANEL (panel);
  GtkAdjustment *adjustment = NULL;

  if (GTK_IS_SCROLLED_WINDOW (self->scroller))
    adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  switch (kdcc_subject_get_kind (subject))
    {
    case KDCC_SUBJECT_MONS:
      if (adjustment != NULL)
        gtk_adjustment_set_value (adjustment, 0);
      return TRUE;
    case KDCC_SUBJECT_MGRS:
      {
        graphene_point_t point;

        /* Scroll the managers into view when they are laid out. */
        if (adjustment != NULL &&
            gtk_widget_compute_point (GTK_WIDGET (self->mgrs_group),
                                      gtk_scrolled_window_get_child (self->scroller),
                                      &GRAPHENE_POINT_INIT (0, 0), &point))
          gtk_adjustment_set_value (adjustment, point.y);
        return TRUE;
      }
    case KDCC_SUBJECT_OSD:
    case KDCC_SUBJECT_POOL:
    case KDCC_SUBJECT_HOST:
    case KDCC_SUBJECT_HEALTH_CHECK:
    case KDCC_SUBJECT_PGS:
    case KDCC_SUBJECT_OSDS:
    case KDCC_SUBJECT_POOLS:
    case KDCC_SUBJECT_HOSTS:
    default:
      return FALSE;
    }
}

static void
kdcc_daemons_panel_dispose (GObject *object)
{
  KdccDaemonsPanel *self = KDCC_DAEMONS_PANEL (object);

  g_clear_pointer (&self->mon_rows, g_ptr_array_unref);
  g_clear_pointer (&self->built_key, g_free);

  G_OBJECT_CLASS (kdcc_daemons_panel_parent_class)->dispose (object);
}

static void
kdcc_daemons_panel_class_init (KdccDaemonsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_daemons_panel_dispose;
  panel_class->cluster_changed = kdcc_daemons_panel_cluster_changed;
  panel_class->show_subject = kdcc_daemons_panel_show_subject;
}

static void
kdcc_daemons_panel_init (KdccDaemonsPanel *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  self->mon_rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_set_parent (page, GTK_WIDGET (self));
  /* AdwPreferencesPage scrolls by itself; its scrolled window is its
   * first child. */
  self->scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (page));

  self->mons_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->mons_group, _("Monitors"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->mons_group);

  self->mgrs_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->mgrs_group, _("Managers"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->mgrs_group);

  self->modules_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->modules_group, _("Manager Modules"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->modules_group);
}

GtkWidget *
kdcc_daemons_panel_new (void)
{
  return g_object_new (KDCC_TYPE_DAEMONS_PANEL, NULL);
}

GStrv
kdcc_daemons_panel_dup_mon_rows (KdccDaemonsPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KDCC_IS_DAEMONS_PANEL (self), NULL);

  for (guint i = 0; i < self->mon_rows->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->mon_rows, i));

  return g_strv_builder_end (builder);
}

GtkWidget *
kdcc_daemons_panel_get_mgrs_group (KdccDaemonsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DAEMONS_PANEL (self), NULL);

  return GTK_WIDGET (self->mgrs_group);
}
