/* kdcc-pgs-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pgs-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-format.h"
#include "kdcc-pg-state.h"
#include "kdcc-pgs-panel.h"
#include "kdcc-table.h"

struct _KdccPgsPanel
{
  KdccPanel            parent_instance;

  AdwPreferencesGroup *summary_group;
  GtkWidget           *total_row;
  GtkWidget           *healthy_row;
  AdwPreferencesGroup *states_group;
  GtkListBox          *states_list;
};

G_DEFINE_FINAL_TYPE (KdccPgsPanel, kdcc_pgs_panel, KDCC_TYPE_PANEL)

static void
state_row_update (AdwActionRow *row,
                  KdccPgState  *state)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "kdcc-count");
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pg_state_get_count (state));

  gtk_label_set_label (GTK_LABEL (label), count);
}

static void
state_changed_cb (KdccPgState  *state,
                  GParamSpec   *pspec,
                  AdwActionRow *row)
{
  state_row_update (row, state);
}

static GtkWidget *
create_state_row_cb (gpointer item,
                     gpointer user_data)
{
  KdccPgState *state = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *count = gtk_label_new (NULL);
  gboolean healthy = kdcc_pg_state_get_healthy (state);
  KdccHealthStatus status = healthy ? KDCC_HEALTH_OK : KDCC_HEALTH_WARN;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_pg_state_get_state (state));
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kdcc_format_health_icon_name (status));
  gtk_widget_add_css_class (icon, kdcc_format_health_css_class (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  healthy ? _("Healthy") : _("Not healthy"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (count, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  g_object_set_data (G_OBJECT (row), "kdcc-count", count);
  g_object_set_data (G_OBJECT (row), "kdcc-state", state);

  state_row_update (ADW_ACTION_ROW (row), state);
  g_signal_connect_object (state, "notify::count", G_CALLBACK (state_changed_cb), row, 0);

  return row;
}

static void
update_summary (KdccPgsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *states;
  gint64 healthy = 0;
  gint64 total;
  g_autofree char *total_text = NULL;
  g_autofree char *healthy_text = NULL;

  if (cluster == NULL)
    return;

  states = kdcc_cluster_get_pg_states (cluster);
  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(KdccPgState) state = g_list_model_get_item (states, i);

      if (kdcc_pg_state_get_healthy (state))
        healthy += kdcc_pg_state_get_count (state);
    }

  total = kdcc_cluster_get_pgs_total (cluster);
  total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  kdcc_detail_row_set_value (self->total_row, total_text);
  healthy_text = kdcc_format_count_of (healthy, total);
  kdcc_detail_row_set_value (self->healthy_row, healthy_text);
}

static void
cluster_refreshed_cb (KdccCluster  *cluster,
                      KdccPgsPanel *self)
{
  update_summary (self);
}

static void
kdcc_pgs_panel_cluster_changed (KdccPanel   *panel,
                                KdccCluster *old_cluster)
{
  KdccPgsPanel *self = KDCC_PGS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    g_signal_handlers_disconnect_by_data (old_cluster, self);

  if (cluster == NULL)
    {
      gtk_list_box_bind_model (self->states_list, NULL, NULL, NULL, NULL);
      return;
    }

  gtk_list_box_bind_model (self->states_list, kdcc_cluster_get_pg_states (cluster),
                           create_state_row_cb, self, NULL);
  g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  update_summary (self);
}

static gboolean
kdcc_pgs_panel_show_subject (KdccPanel         *panel,
                             const KdccSubject *subject)
{
  return kdcc_subject_get_kind (subject) == KDCC_SUBJECT_PGS;
}

static void
kdcc_pgs_panel_dispose (GObject *object)
{
  KdccPgsPanel *self = KDCC_PGS_PANEL (object);

  if (self->states_list != NULL)
    gtk_list_box_bind_model (self->states_list, NULL, NULL, NULL, NULL);
  self->states_list = NULL;

  G_OBJECT_CLASS (kdcc_pgs_panel_parent_class)->dispose (object);
}

static void
kdcc_pgs_panel_class_init (KdccPgsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_pgs_panel_dispose;
  panel_class->cluster_changed = kdcc_pgs_panel_cluster_changed;
  panel_class->show_subject = kdcc_pgs_panel_show_subject;
}

static void
kdcc_pgs_panel_init (KdccPgsPanel *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  gtk_widget_set_parent (page, GTK_WIDGET (self));

  self->summary_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->summary_group, _("Placement Groups"));
  self->total_row = kdcc_detail_row_new (_("Total"), NULL);
  adw_preferences_group_add (self->summary_group, self->total_row);
  self->healthy_row = kdcc_detail_row_new (_("Active and clean"), NULL);
  adw_preferences_group_add (self->summary_group, self->healthy_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->summary_group);

  self->states_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->states_group, _("States"));
  self->states_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->states_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->states_list), "boxed-list");
  adw_preferences_group_add (self->states_group, GTK_WIDGET (self->states_list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->states_group);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (kdcc_missing_group_new (_("Problem Placement Groups"),
                                                                           _("The list of single placement groups is not read by this version"))));
}

GtkWidget *
kdcc_pgs_panel_new (void)
{
  return g_object_new (KDCC_TYPE_PGS_PANEL, NULL);
}

GStrv
kdcc_pgs_panel_dup_rows (KdccPgsPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (KDCC_IS_PGS_PANEL (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->states_list, i)) != NULL; i++)
    {
      KdccPgState *state = g_object_get_data (G_OBJECT (row), "kdcc-state");
      g_autofree char *text = g_strdup_printf ("%s=%" G_GINT64_FORMAT, kdcc_pg_state_get_state (state),
                                               kdcc_pg_state_get_count (state));

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}
