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

struct _KdccClusterFlagsPanel
{
  KdccPanel     parent_instance;

  GtkWidget    *page;
  GtkWidget    *status_label;
  GCancellable *cancellable;
  char         *status;
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
set_status (KdccClusterFlagsPanel *self,
            const char            *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (GTK_LABEL (self->status_label), status != NULL ? status : "");
  gtk_widget_set_visible (self->status_label, status != NULL);
}

static void
staged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdccClusterFlagsPanel) self = user_data;
  g_autoptr(KdccStagedChange) change = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  change = kdcc_staging_add_finish (KDCC_STAGING (object), result, &error);
  if (change == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message);
      return;
    }
  text = g_strdup_printf (_("Staged: %s"), kdcc_staged_change_get_cli (change));
  set_status (self, text);
}

static void
stage_operation (KdccClusterFlagsPanel *self,
                 KdccOperation         *operation,
                 const char            *confirmation)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  KdccStaging *staging = session != NULL
                         ? kdcc_controls_state_get_staging (kdcc_controls_state_get (session)) : NULL;

  if (staging == NULL)
    {
      set_status (self, _("Connect to a cluster first"));
      return;
    }
  kdcc_staging_add_async (staging, kdcc_session_get_source (session), operation, confirmation,
                          self->cancellable, staged_cb, g_object_ref (self));
}

static void
risk_response_cb (AdwMessageDialog      *dialog,
                  const char            *response,
                  KdccClusterFlagsPanel *self)
{
  KdccOperation *operation = g_object_get_data (G_OBJECT (dialog), "operation");

  if (g_strcmp0 (response, "stage") == 0)
    stage_operation (self, operation, kdcc_operation_get_risk_reason (operation));
}

void
kdcc_cluster_flags_panel_stage (KdccClusterFlagsPanel *self,
                                const char            *flag,
                                gboolean               set,
                                gboolean               confirmed)
{
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_if_fail (KDCC_IS_CLUSTER_FLAGS_PANEL (self));

  operation = kdcc_operation_new_osd_flag (flag, set);
  if (!kdcc_operation_validate (operation, &error))
    {
      set_status (self, error->message);
      return;
    }
  if (kdcc_operation_get_risk (operation) == KDCC_RISK_LOW || confirmed)
    {
      stage_operation (self, operation,
                       confirmed ? kdcc_operation_get_risk_reason (operation) : NULL);
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Stage a Risky Change?"),
                                                       kdcc_operation_get_risk_reason (operation)));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "stage", _("_Stage Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "stage", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "operation", g_steal_pointer (&operation),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (risk_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  g_clear_pointer (&self->status, g_free);

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
  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_set_margin_top (self->status_label, 12);
  gtk_widget_set_visible (self->status_label, FALSE);
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
  return self->status;
}
