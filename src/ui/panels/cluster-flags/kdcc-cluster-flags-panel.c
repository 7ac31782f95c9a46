/* kdcc-cluster-flags-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdcc-cluster-flags-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-cluster-flags-panel.h"
#include "kdcc-controls-state.h"
#include "kdcc-stage-request.h"

struct _KdccClusterFlagsPanel
{
  KdccPanel     parent_instance;

  GtkWidget    *page;
  GtkWidget    *status_label;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KdccClusterFlagsPanel, kdcc_cluster_flags_panel, KDCC_TYPE_PANEL)

static const struct
{
  const char *flag;
  const char *meaning;
} flags[] = {
  { "noout", N_("Down OSDs are not marked out: no data moves while a host is in maintenance") },
  { "noin", N_("OSDs that come up are not marked in: they take no data") },
  { "noscrub", N_("No scrubbing (light consistency checks) starts") },
  { "nodeep-scrub", N_("No deep scrubbing (reads and checksums all data) starts") },
  { "norebalance", N_("Placement groups are not moved for balance, only to recover") },
  { "nobackfill", N_("No backfill: placement groups are not copied to new OSDs") },
  { "norecover", N_("No recovery: degraded objects are not repaired") },
  { "pause", N_("All client reads and writes stop: the cluster is unavailable") },
};

static void
stage_done_cb (GtkWidget  *owner,
               const char *status,
               gboolean    staged)
{
  kdcc_stage_status_set (KDCC_CLUSTER_FLAGS_PANEL (owner)->status_label, status, staged);
}

void
kdcc_cluster_flags_panel_stage (KdccClusterFlagsPanel *self,
                                const char            *flag,
                                gboolean               set,
                                gboolean               confirmed)
{
  g_autoptr(KdccOperation) operation = NULL;

  g_return_if_fail (KDCC_IS_CLUSTER_FLAGS_PANEL (self));

  operation = kdcc_operation_new_osd_flag (flag, set);
  kdcc_stage_request (GTK_WIDGET (self), kdcc_panel_get_session (KDCC_PANEL (self)), operation,
                      confirmed, self->cancellable, stage_done_cb);
}

static void
flag_clicked_cb (GtkButton             *button,
                 KdccClusterFlagsPanel *self)
{
  kdcc_cluster_flags_panel_stage (self, g_object_get_data (G_OBJECT (button), "flag"),
                                  GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "set")),
                                  FALSE);
}

static GtkWidget *
flag_button (KdccClusterFlagsPanel *self,
             const char            *label,
             const char            *flag,
             gboolean               set)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "flag", (gpointer) flag);
  g_object_set_data (G_OBJECT (button), "set", GINT_TO_POINTER (set));
  g_signal_connect (button, "clicked", G_CALLBACK (flag_clicked_cb), self);
  return button;
}

static void
kdcc_cluster_flags_panel_dispose (GObject *object)
{
  KdccClusterFlagsPanel *self = KDCC_CLUSTER_FLAGS_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kdcc_cluster_flags_panel_parent_class)->dispose (object);
}

static void
kdcc_cluster_flags_panel_class_init (KdccClusterFlagsPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kdcc_cluster_flags_panel_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_cluster_flags_panel_init (KdccClusterFlagsPanel *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  self->cancellable = g_cancellable_new ();
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Cluster Flags"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Setting or clearing a flag is staged; apply it from "
                                           "Staged Changes."));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), flags[i].flag);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(flags[i].meaning));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), flag_button (self, _("Set"), flags[i].flag, TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), flag_button (self, _("Clear"), flags[i].flag, FALSE));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  self->status_label = kdcc_stage_status_new ();
  gtk_widget_set_margin_top (self->status_label, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_label);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->page), ADW_PREFERENCES_GROUP (group));
}

GtkWidget *
kdcc_cluster_flags_panel_new (void)
{
  return g_object_new (KDCC_TYPE_CLUSTER_FLAGS_PANEL, NULL);
}

const char *
kdcc_cluster_flags_panel_get_status (KdccClusterFlagsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER_FLAGS_PANEL (self), NULL);
  return kdcc_stage_status_get (self->status_label);
}
