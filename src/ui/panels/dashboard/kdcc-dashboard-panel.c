/* kdcc-dashboard-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-dashboard-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-alert-links.h"
#include "kdcc-alert-row.h"
#include "kdcc-am-alerts.h"
#include "kdcc-capacity-bar.h"
#include "kdcc-dashboard-history.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-format.h"
#include "kdcc-health-badge.h"
#include "kdcc-health-catalog.h"
#include "kdcc-health-check.h"
#include "kdcc-pg-class.h"
#include "kdcc-pg-state.h"
#include "kdcc-tile-grid.h"

struct _KdccDashboardPanel
{
  KdccPanel        parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  KdccHealthBadge *health_badge;
  GtkLabel        *health_sentence;
  GtkLabel        *updated_label;
  KdccTileGrid    *tiles;
  GtkLabel        *tile_used;
  GtkLabel        *tile_osds;
  GtkLabel        *tile_read;
  GtkLabel        *tile_write;
  GtkListBox      *alerts_list;
  GtkListBox      *capacity_list;
  KdccCapacityBar *capacity_bar;
  GtkLabel        *read_label;
  GtkLabel        *write_label;
  AdwActionRow    *recovery_row;
  GtkLabel        *recovery_label;
  AdwPreferencesGroup *pgs_group;
  GtkListBox      *pgs_list;
  GtkLabel        *mons_label;
  GtkLabel        *mgrs_label;
  GtkLabel        *osds_label;
  GtkLabel        *pools_label;
  GtkLabel        *hosts_label;

  /* Owned references */
  GtkSortListModel *sorted_alerts;  /* the cluster's checks, worst impact first */
  gint64           pgs_clean;
  gint64           pgs_not_active;
  gint64           pgs_counted;
  GPtrArray       *class_rows;   /* GtkListBoxRow holding a KdccCapacityBar, per device class */
  GtkWidget       *scroll_target;  /* weak: the row show_subject() scrolls to once laid out */
  guint            scroll_tick_id;
  guint            tick_id;
};

G_DEFINE_FINAL_TYPE (KdccDashboardPanel, kdcc_dashboard_panel, KDCC_TYPE_PANEL)

/* Alert rows ---------------------------------------------------------------- */

static GtkWidget *
create_alert_row_cb (gpointer item,
                     gpointer user_data)
{
  KdccDashboardPanel *self = user_data;
  g_autofree char *release = kdcc_alert_row_dup_release (kdcc_panel_get_cluster (KDCC_PANEL (self)));
  GtkWidget *row = kdcc_alert_row_new (KDCC_HEALTH_CHECK (item), release);

  /* What the check names, and muting it (the drill-down pages). */
  kdcc_alert_row_add_links (ADW_EXPANDER_ROW (row), KDCC_HEALTH_CHECK (item));
  return row;
}

static void
update_alert_releases (KdccDashboardPanel *self)
{
  g_autofree char *release = kdcc_alert_row_dup_release (kdcc_panel_get_cluster (KDCC_PANEL (self)));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->alerts_list, i)) != NULL; i++)
    if (KDCC_IS_ALERT_ROW (row))
      kdcc_alert_row_set_release (KDCC_ALERT_ROW (row), release);
}

/* PG state rows -------------------------------------------------------------- */

static void
pg_row_update (AdwActionRow *row,
               KdccPgState  *state)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "kdcc-count");
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pg_state_get_count (state));

  gtk_label_set_label (GTK_LABEL (label), count);
}

static void
pg_count_changed_cb (KdccPgState  *state,
                     GParamSpec   *pspec,
                     AdwActionRow *row)
{
  pg_row_update (row, state);
}

static GtkWidget *
create_pg_row_cb (gpointer item,
                  gpointer user_data)
{
  KdccPgState *state = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *count = gtk_label_new (NULL);
  /* The one classification (kdcc-pg-class.h): "stale+active+clean" is not
   * clean, and a state that blocks IO looks like an error. */
  const char *state_text = kdcc_pg_state_get_state (state);
  gboolean healthy = kdcc_pg_class_is_clean (state_text);
  KdccHealthStatus look = healthy ? KDCC_HEALTH_OK
                        : kdcc_pg_class_get_impact (state_text) == KDCC_IMPACT_DATA_UNAVAILABLE
                        ? KDCC_HEALTH_ERR : KDCC_HEALTH_WARN;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_pg_state_get_state (state));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kdcc_format_health_icon_name (look));
  gtk_widget_add_css_class (icon, kdcc_format_health_css_class (look));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  healthy ? _("Healthy") : _("Not healthy"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_add_css_class (count, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  g_object_set_data (G_OBJECT (row), "kdcc-count", count);

  pg_row_update (ADW_ACTION_ROW (row), state);
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (row), "win.show-subject::pgs");
  g_signal_connect_object (state, "notify::count", G_CALLBACK (pg_count_changed_cb), row, 0);

  return row;
}

/* Everything else ------------------------------------------------------------ */

static void
update_updated_label (KdccDashboardPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  gint64 last;
  g_autofree char *age = NULL;
  g_autofree char *text = NULL;

  if (cluster == NULL || (last = kdcc_cluster_get_last_update (cluster)) <= 0)
    {
      gtk_label_set_label (self->updated_label, _("Waiting for the first update…"));
      return;
    }

  age = kdcc_format_age ((g_get_real_time () - last) / G_USEC_PER_SEC);
  /* Translators: %s is an age such as "5 seconds ago" or "just now" */
  text = g_strdup_printf (_("Updated %s"), age);
  gtk_label_set_label (self->updated_label, text);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_updated_label (user_data);

  return G_SOURCE_CONTINUE;
}

static void
update_classes (KdccDashboardPanel *self,
                KdccCluster        *cluster)
{
  const GPtrArray *classes = kdcc_cluster_get_device_classes (cluster);
  guint n = classes ? classes->len : 0;
  gboolean same = n == self->class_rows->len;

  for (guint i = 0; same && i < n; i++)
    {
      const KdccClassCapacityData *data = g_ptr_array_index (classes, i);
      GtkWidget *row = g_ptr_array_index (self->class_rows, i);
      GtkWidget *bar = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      same = g_strcmp0 (kdcc_capacity_bar_get_title (KDCC_CAPACITY_BAR (bar)),
                        data->device_class) == 0;
    }

  if (!same)
    {
      for (guint i = 0; i < self->class_rows->len; i++)
        gtk_list_box_remove (self->capacity_list, g_ptr_array_index (self->class_rows, i));
      g_ptr_array_set_size (self->class_rows, 0);

      /* A cluster with a single device class says nothing new per class. */
      if (n > 1)
        for (guint i = 0; i < n; i++)
          {
            const KdccClassCapacityData *data = g_ptr_array_index (classes, i);
            GtkWidget *row = gtk_list_box_row_new ();
            GtkWidget *bar = kdcc_capacity_bar_new ();

            gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
            kdcc_capacity_bar_set_title (KDCC_CAPACITY_BAR (bar), data->device_class);
            gtk_widget_set_margin_top (bar, 12);
            gtk_widget_set_margin_bottom (bar, 12);
            gtk_widget_set_margin_start (bar, 12);
            gtk_widget_set_margin_end (bar, 12);
            gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), bar);
            gtk_list_box_append (self->capacity_list, row);
            g_ptr_array_add (self->class_rows, row);
          }
    }

  for (guint i = 0; i < self->class_rows->len; i++)
    {
      const KdccClassCapacityData *data = g_ptr_array_index (classes, i);
      GtkWidget *row = g_ptr_array_index (self->class_rows, i);
      GtkWidget *bar = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (bar), data->used_bytes, data->total_bytes);
    }
}

static void
update_health (KdccDashboardPanel *self,
               KdccCluster        *cluster)
{
  GListModel *checks = kdcc_cluster_get_health_checks (cluster);
  guint n_errors = 0, n_warnings = 0;
  KdccHealthStatus status = kdcc_cluster_get_health (cluster);
  g_autofree char *sentence = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      /* Muted checks do not count towards the cluster's health either. */
      if (kdcc_health_check_get_muted (check))
        continue;
      if (kdcc_health_check_get_severity (check) == KDCC_HEALTH_ERR)
        n_errors++;
      else if (kdcc_health_check_get_severity (check) == KDCC_HEALTH_WARN)
        n_warnings++;
    }

  if (!kdcc_cluster_get_has_data (cluster))
    status = KDCC_HEALTH_UNKNOWN;

  kdcc_health_badge_set_status (self->health_badge, status);
  sentence = kdcc_format_health_sentence (status, n_errors, n_warnings);
  gtk_label_set_label (self->health_sentence, sentence);
}

static void
update_all (KdccDashboardPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  guint64 total = 0, used = 0;
  double read_ops = 0, write_ops = 0, read_bytes = 0, write_bytes = 0;
  double rec_bytes = 0, rec_objects = 0;
  guint mons_total = 0, mons_quorum = 0, mgrs_standby = 0;
  g_autofree char *mgr_active = NULL;
  gint64 osds_total = 0, osds_up = 0, osds_in = 0, pools_total = 0, pgs_total = 0;
  KdccPgCounts pgs;
  GListModel *pg_states;
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *text = NULL;

  update_updated_label (self);

  if (cluster == NULL)
    return;

  g_object_get (cluster,
                "total-bytes", &total,
                "used-bytes", &used,
                "read-ops", &read_ops,
                "write-ops", &write_ops,
                "read-bytes", &read_bytes,
                "write-bytes", &write_bytes,
                "recovering-bytes", &rec_bytes,
                "recovering-objects", &rec_objects,
                "mons-total", &mons_total,
                "mons-in-quorum", &mons_quorum,
                "mgr-active", &mgr_active,
                "mgrs-standby", &mgrs_standby,
                "osds-total", &osds_total,
                "osds-up", &osds_up,
                "osds-in", &osds_in,
                "pools-total", &pools_total,
                "pgs-total", &pgs_total,
                NULL);

  update_health (self, cluster);

  /* Tiles */
  text = kdcc_format_percent (total > 0 ? (double) used / (double) total : 0);
  gtk_label_set_label (self->tile_used, text);
  g_clear_pointer (&text, g_free);
  text = kdcc_format_count_of (osds_up, osds_total);
  gtk_label_set_label (self->tile_osds, text);
  g_clear_pointer (&text, g_free);
  text = kdcc_format_byte_rate (read_bytes);
  gtk_label_set_label (self->tile_read, text);
  g_clear_pointer (&text, g_free);
  text = kdcc_format_byte_rate (write_bytes);
  gtk_label_set_label (self->tile_write, text);
  g_clear_pointer (&text, g_free);

  /* Capacity */
  kdcc_capacity_bar_set_values (self->capacity_bar, used, total);
  update_classes (self, cluster);

  /* Throughput */
  s1 = kdcc_format_op_rate (read_ops);
  s2 = kdcc_format_byte_rate (read_bytes);
  /* Translators: "12 op/s · 1.2 MiB/s" */
  text = g_strdup_printf (_("%s · %s"), s1, s2);
  gtk_label_set_label (self->read_label, text);
  g_clear_pointer (&s1, g_free);
  g_clear_pointer (&s2, g_free);
  g_clear_pointer (&text, g_free);

  s1 = kdcc_format_op_rate (write_ops);
  s2 = kdcc_format_byte_rate (write_bytes);
  text = g_strdup_printf (_("%s · %s"), s1, s2);
  gtk_label_set_label (self->write_label, text);
  g_clear_pointer (&s1, g_free);
  g_clear_pointer (&s2, g_free);
  g_clear_pointer (&text, g_free);

  gtk_widget_set_visible (GTK_WIDGET (self->recovery_row), rec_bytes > 0 || rec_objects > 0);
  s1 = kdcc_format_byte_rate (rec_bytes);
  /* Translators: recovery speed, e.g. "12.0 MiB/s · 30 objects/s" */
  text = g_strdup_printf (_("%s · %.0f objects/s"), s1, rec_objects);
  gtk_label_set_label (self->recovery_label, text);
  g_clear_pointer (&s1, g_free);
  g_clear_pointer (&text, g_free);

  /* Placement groups */
  pg_states = kdcc_cluster_get_pg_states (cluster);
  kdcc_pg_counts_init (&pgs);
  kdcc_pg_counts_add_model (&pgs, pg_states);
  /* The states may lag pgs_total by a refresh; never say "130 of 128". */
  pgs_total = MAX (pgs_total, pgs.total);
  /* Translators: e.g. "128 of 128 placement groups are active and clean" */
  s1 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                     "%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                                     " placement group is active and clean",
                                     "%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                                     " placement groups are active and clean",
                                     (gulong) pgs_total),
                        pgs.clean, pgs_total);
  if (pgs.not_active > 0)
    {
      /* Translators: appended to the sentence above; stale, unknown, peering,
       * down and incomplete PGs all count as not active */
      s2 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%" G_GINT64_FORMAT " is not active: client IO to it is blocked",
                                         "%" G_GINT64_FORMAT " are not active: client IO to them is blocked",
                                         (gulong) pgs.not_active),
                            pgs.not_active);
      /* Translators: "<PG sentence>; <not active sentence>" */
      text = g_strdup_printf (_("%s; %s"), s1, s2);
    }
  else
    text = g_strdup (s1);
  adw_preferences_group_set_description (self->pgs_group, text);
  self->pgs_clean = pgs.clean;
  self->pgs_not_active = pgs.not_active;
  self->pgs_counted = pgs_total;
  g_clear_pointer (&s1, g_free);
  g_clear_pointer (&s2, g_free);
  g_clear_pointer (&text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->pgs_list), g_list_model_get_n_items (pg_states) > 0);

  /* Services */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u in quorum",
                                       "%u of %u in quorum", mons_total),
                          mons_quorum, mons_total);
  gtk_label_set_label (self->mons_label, text);
  g_clear_pointer (&text, g_free);
  if (mons_quorum < mons_total || mons_total == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->mons_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->mons_label), "warning");

  text = kdcc_format_mgrs (mgr_active, mgrs_standby);
  gtk_label_set_label (self->mgrs_label, text);
  g_clear_pointer (&text, g_free);
  if (mgr_active == NULL || *mgr_active == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->mgrs_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->mgrs_label), "error");

  /* Translators: OSD counts, e.g. "3 up, 3 in, 3 total" */
  text = g_strdup_printf (_("%" G_GINT64_FORMAT " up, %" G_GINT64_FORMAT " in, %"
                            G_GINT64_FORMAT " total"),
                          osds_up, osds_in, osds_total);
  gtk_label_set_label (self->osds_label, text);
  g_clear_pointer (&text, g_free);
  if (osds_up < osds_total || osds_in < osds_total)
    gtk_widget_add_css_class (GTK_WIDGET (self->osds_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->osds_label), "warning");

  text = g_strdup_printf ("%" G_GINT64_FORMAT, pools_total);
  gtk_label_set_label (self->pools_label, text);
  g_clear_pointer (&text, g_free);

  text = g_strdup_printf ("%u", g_list_model_get_n_items (kdcc_cluster_get_hosts (cluster)));
  gtk_label_set_label (self->hosts_label, text);
  g_clear_pointer (&text, g_free);
}

static void
cluster_refreshed_cb (KdccCluster        *cluster,
                      KdccDashboardPanel *self)
{
  /* A check's summary can change its impact (OSDMAP_FLAGS with pause), and
   * the sorter does not watch the items. */
  gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->sorted_alerts),
                      GTK_SORTER_CHANGE_DIFFERENT);
  update_alert_releases (self);
  update_all (self);
}

static void
cluster_notify_cb (KdccCluster        *cluster,
                   GParamSpec         *pspec,
                   KdccDashboardPanel *self)
{
  update_all (self);
}

static void
alerts_changed_cb (GListModel         *model,
                   guint               position,
                   guint               removed,
                   guint               added,
                   KdccDashboardPanel *self)
{
  gboolean empty = g_list_model_get_n_items (model) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->alerts_list), !empty);
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->alerts_list),
                                                    ADW_TYPE_PREFERENCES_GROUP)),
    empty ? _("The cluster reports no health checks.") : NULL);
}

static void
kdcc_dashboard_panel_cluster_changed (KdccPanel   *panel,
                                      KdccCluster *old_cluster)
{
  KdccDashboardPanel *self = KDCC_DASHBOARD_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    {
      g_signal_handlers_disconnect_by_data (old_cluster, self);
      g_signal_handlers_disconnect_by_data (kdcc_cluster_get_health_checks (old_cluster), self);
    }

  /* Switching cluster starts at the top of the page. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (cluster == NULL)
    {
      gtk_list_box_bind_model (self->alerts_list, NULL, NULL, NULL, NULL);
      gtk_sort_list_model_set_model (self->sorted_alerts, NULL);
      gtk_list_box_bind_model (self->pgs_list, NULL, NULL, NULL, NULL);
      update_all (self);
      return;
    }

  gtk_sort_list_model_set_model (self->sorted_alerts, kdcc_cluster_get_health_checks (cluster));
  gtk_list_box_bind_model (self->alerts_list, G_LIST_MODEL (self->sorted_alerts),
                           create_alert_row_cb, self, NULL);
  gtk_list_box_bind_model (self->pgs_list, kdcc_cluster_get_pg_states (cluster),
                           create_pg_row_cb, self, NULL);

  g_signal_connect_object (kdcc_cluster_get_health_checks (cluster), "items-changed",
                           G_CALLBACK (alerts_changed_cb), self, 0);
  g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  g_signal_connect_object (cluster, "notify::has-data", G_CALLBACK (cluster_notify_cb), self, 0);
  g_signal_connect_object (cluster, "notify::health", G_CALLBACK (cluster_notify_cb), self, 0);

  alerts_changed_cb (kdcc_cluster_get_health_checks (cluster), 0, 0, 0, self);
  update_all (self);
}

/* Subjects ------------------------------------------------------------------ */

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  KdccDashboardPanel *self = KDCC_DASHBOARD_PANEL (widget);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_point_t point;

  /* The row may have been expanded (or the page shown) this very frame:
   * wait until it has a place to scroll to. */
  if (self->scroll_target == NULL ||
      !gtk_widget_compute_point (self->scroll_target, content, &GRAPHENE_POINT_INIT (0, 0), &point))
    {
      self->scroll_tick_id = 0;
      g_clear_weak_pointer (&self->scroll_target);
      return G_SOURCE_REMOVE;
    }
  if (gtk_widget_get_height (self->scroll_target) == 0)
    return G_SOURCE_CONTINUE;

  /* A little of what is above (the group's title) stays visible, so the row
   * reads in context. */
  gtk_adjustment_set_value (adjustment, MAX (0, point.y - 48));
  self->scroll_tick_id = 0;
  g_clear_weak_pointer (&self->scroll_target);

  return G_SOURCE_REMOVE;
}

static GtkWidget *
find_alert_row (KdccDashboardPanel *self,
                const char         *code)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *checks;

  if (cluster == NULL)
    return NULL;

  /* The list box is bound to the sorted model: item i is row i. */
  checks = G_LIST_MODEL (self->sorted_alerts);
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (kdcc_health_check_get_code (check), code) == 0)
        return GTK_WIDGET (gtk_list_box_get_row_at_index (self->alerts_list, i));
    }

  return NULL;
}

static gboolean
kdcc_dashboard_panel_show_subject (KdccPanel         *panel,
                                   const KdccSubject *subject)
{
  KdccDashboardPanel *self = KDCC_DASHBOARD_PANEL (panel);
  GtkWidget *row;

  if (kdcc_subject_get_kind (subject) != KDCC_SUBJECT_HEALTH_CHECK)
    return FALSE;

  row = find_alert_row (self, kdcc_subject_get_name (subject));
  if (row == NULL)
    return FALSE;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (row);

  g_set_weak_pointer (&self->scroll_target, row);
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb,
                                                         NULL, NULL);

  return TRUE;
}

static void
kdcc_dashboard_panel_map (GtkWidget *widget)
{
  KdccDashboardPanel *self = KDCC_DASHBOARD_PANEL (widget);

  GTK_WIDGET_CLASS (kdcc_dashboard_panel_parent_class)->map (widget);

  /* "Updated 5 seconds ago" only needs to tick while someone can see it. */
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  update_updated_label (self);
}

static void
kdcc_dashboard_panel_unmap (GtkWidget *widget)
{
  KdccDashboardPanel *self = KDCC_DASHBOARD_PANEL (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (kdcc_dashboard_panel_parent_class)->unmap (widget);
}

static void
kdcc_dashboard_panel_dispose (GObject *object)
{
  KdccDashboardPanel *self = (KdccDashboardPanel *)object;
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  g_clear_weak_pointer (&self->scroll_target);

  if (cluster != NULL)
    {
      g_signal_handlers_disconnect_by_data (cluster, self);
      g_signal_handlers_disconnect_by_data (kdcc_cluster_get_health_checks (cluster), self);
    }

  if (self->alerts_list != NULL)
    {
      gtk_list_box_bind_model (self->alerts_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->pgs_list, NULL, NULL, NULL, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_DASHBOARD_PANEL);
  g_clear_object (&self->sorted_alerts);
  g_clear_pointer (&self->class_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_dashboard_panel_parent_class)->dispose (object);
}

static void
kdcc_dashboard_panel_class_init (KdccDashboardPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_dashboard_panel_dispose;
  widget_class->map = kdcc_dashboard_panel_map;
  widget_class->unmap = kdcc_dashboard_panel_unmap;
  panel_class->cluster_changed = kdcc_dashboard_panel_cluster_changed;
  panel_class->show_subject = kdcc_dashboard_panel_show_subject;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-dashboard-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, health_badge);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, health_sentence);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, updated_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, tiles);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, tile_used);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, tile_osds);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, tile_read);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, tile_write);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, alerts_list);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, capacity_list);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, capacity_bar);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, read_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, write_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, pgs_group);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, pgs_list);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, mons_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, mgrs_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, osds_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, pools_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDashboardPanel, hosts_label);
}

static void
kdcc_dashboard_panel_init (KdccDashboardPanel *self)
{
  g_type_ensure (KDCC_TYPE_HEALTH_BADGE);
  g_type_ensure (KDCC_TYPE_CAPACITY_BAR);
  g_type_ensure (KDCC_TYPE_TILE_GRID);
  g_type_ensure (KDCC_TYPE_AM_ALERTS);
  g_type_ensure (KDCC_TYPE_DASHBOARD_HISTORY);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The one order of health checks (kdcc-health-catalog.h): what stops
   * client IO first, hygiene last; the summary and kdcc-cli agree. */
  self->sorted_alerts =
    gtk_sort_list_model_new (NULL,
                             GTK_SORTER (gtk_custom_sorter_new (kdcc_health_check_compare_by_impact,
                                                                NULL, NULL)));

  self->class_rows = g_ptr_array_new ();
  update_all (self);
}

GtkWidget *
kdcc_dashboard_panel_new (void)
{
  return g_object_new (KDCC_TYPE_DASHBOARD_PANEL, NULL);
}

const char *
kdcc_dashboard_panel_get_health_sentence (KdccDashboardPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_PANEL (self), NULL);

  return gtk_label_get_label (self->health_sentence);
}

GtkListBox *
kdcc_dashboard_panel_get_alerts_list (KdccDashboardPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_PANEL (self), NULL);

  return self->alerts_list;
}

GtkWidget *
kdcc_dashboard_panel_get_alert_row (KdccDashboardPanel *self,
                                    const char         *code)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_PANEL (self), NULL);

  return find_alert_row (self, code);
}

void
kdcc_dashboard_panel_get_pg_numbers (KdccDashboardPanel *self,
                                     gint64             *clean,
                                     gint64             *not_active,
                                     gint64             *total)
{
  g_return_if_fail (KDCC_IS_DASHBOARD_PANEL (self));

  if (clean != NULL)
    *clean = self->pgs_clean;
  if (not_active != NULL)
    *not_active = self->pgs_not_active;
  if (total != NULL)
    *total = self->pgs_counted;
}

const char *
kdcc_dashboard_panel_get_pgs_description (KdccDashboardPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_PANEL (self), NULL);

  return adw_preferences_group_get_description (self->pgs_group);
}

const char *
kdcc_dashboard_panel_get_mgrs_text (KdccDashboardPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_PANEL (self), NULL);

  return gtk_label_get_label (self->mgrs_label);
}

GtkWidget *
kdcc_dashboard_panel_get_tiles (KdccDashboardPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_PANEL (self), NULL);

  return GTK_WIDGET (self->tiles);
}

GtkWidget *
kdcc_dashboard_panel_get_health_badge (KdccDashboardPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DASHBOARD_PANEL (self), NULL);

  return GTK_WIDGET (self->health_badge);
}
