/* kdcc-staging-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdcc-staging-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-controls-state.h"
#include "kdcc-staging-list.h"
#include "kdcc-staging-panel.h"
#include "kdcc-staging-rows.h"

struct _KdccStagingPanel
{
  KdccPanel          parent_instance;

  KdccControlsState *state;
  KdccStaging       *staging;  /* the one bound */
  KdccJobManager    *job_manager;
  GCancellable      *cancellable;

  GtkWidget         *page;
  GtkWidget         *status_label;
  GtkWidget         *staged_list;
  GtkWidget         *batch_list;
  GtkWidget         *audit_list;
  GtkWidget         *restarts_list;
  GtkWidget         *restarts_group;
  GtkWidget         *restart_button;
  GtkWidget         *apply_button;
  GtkWidget         *apply_selected_button;
  GtkWidget         *discard_button;
  GtkWidget         *script_button;
  GtkWidget         *export_script_button;
  GtkWidget         *rollback_button;

  char              *status;
  char              *badge;
  guint              rebind_id;
  gboolean           checked;  /* drift and restarts asked for this session */
};

G_DEFINE_FINAL_TYPE (KdccStagingPanel, kdcc_staging_panel, KDCC_TYPE_PANEL)

enum {
  PROP_0,
  PROP_JOB_MANAGER,
  PROP_BADGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status (KdccStagingPanel *self,
            const char       *status)
{
  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (GTK_LABEL (self->status_label), status != NULL ? status : "");
  gtk_widget_set_visible (self->status_label, status != NULL && *status != '\0');
}

static guint
row_position (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

  return (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static void
show_error (KdccStagingPanel *self,
            GError           *error)
{
  if (error != NULL)
    set_status (self, error->message);
}

static void
move (KdccStagingPanel *self,
      guint             position,
      int               delta)
{
  g_autoptr(GError) error = NULL;

  if (self->staging != NULL
      && !kdcc_staging_list_move (self->staged_list, self->staging, position, delta, &error))
    show_error (self, error);
}

static void
move_up_cb (GtkButton        *button,
            KdccStagingPanel *self)
{
  move (self, row_position (GTK_WIDGET (button)), -1);
}

static void
move_down_cb (GtkButton        *button,
              KdccStagingPanel *self)
{
  move (self, row_position (GTK_WIDGET (button)), 1);
}

/* Alt+Up / Alt+Down: the row with the focus, else the one selected. */
static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (widget);
  GtkListBoxRow *row = kdcc_staging_list_current_row (self->staged_list);

  if (row != NULL)
    move (self, (guint) gtk_list_box_row_get_index (row),
          g_str_equal (action_name, "staging.move-up") ? -1 : 1);
}

static void
drop_cb (GtkButton        *button,
         KdccStagingPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint position = row_position (GTK_WIDGET (button));

  /* Rows leave the list: the focus goes first. */
  kdcc_staging_list_release_focus (self->staged_list);
  if (!kdcc_staging_drop (self->staging, position, &error))
    show_error (self, error);
}

static GtkWidget *
change_row (KdccStagedChange *change,
            KdccStagingPanel *self,
            gboolean          editable)
{
  GtkWidget *row = kdcc_staging_change_row_new (change);
  GtkWidget *button;

  if (editable)
    {
      button = kdcc_staging_icon_button ("go-up-symbolic", _("Move Up"));
      g_signal_connect (button, "clicked", G_CALLBACK (move_up_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = kdcc_staging_icon_button ("go-down-symbolic", _("Move Down"));
      g_signal_connect (button, "clicked", G_CALLBACK (move_down_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = kdcc_staging_icon_button ("user-trash-symbolic", _("Drop"));
      g_signal_connect (button, "clicked", G_CALLBACK (drop_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static GtkWidget *
create_staged_row_cb (gpointer item,
                      gpointer user_data)
{
  return change_row (item, user_data, TRUE);
}

static GtkWidget *
create_batch_row_cb (gpointer item,
                     gpointer user_data)
{
  return change_row (item, user_data, FALSE);
}


static void
update_buttons (KdccStagingPanel *self)
{
  guint n = self->staging != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->staging)) : 0;
  g_autofree char *badge = n > 0 ? g_strdup_printf ("%u", n) : NULL;

  if (g_strcmp0 (badge, self->badge) != 0)
    {
      g_free (self->badge);
      self->badge = g_steal_pointer (&badge);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE]);
    }

  gtk_widget_set_sensitive (self->apply_button, n > 0);
  gtk_widget_set_sensitive (self->apply_selected_button, n > 0);
  gtk_widget_set_sensitive (self->discard_button, n > 0);
  gtk_widget_set_sensitive (self->script_button, n > 0);
  gtk_widget_set_sensitive (self->export_script_button, n > 0);
  gtk_widget_set_sensitive (self->rollback_button,
                            self->staging != NULL && kdcc_staging_get_last_batch (self->staging) != NULL);
}

static void schedule_rebind (KdccStagingPanel *self);
static void update_restart_button (KdccStagingPanel *self);

static void
bind_batch (KdccStagingPanel *self)
{
  GListModel *batch = self->staging != NULL ? kdcc_staging_get_last_batch (self->staging) : NULL;

  gtk_list_box_bind_model (GTK_LIST_BOX (self->batch_list), batch, create_batch_row_cb, self, NULL);
  update_buttons (self);
}

static void
bind_staging (KdccStagingPanel *self)
{
  KdccStaging *staging = self->state != NULL ? kdcc_controls_state_get_staging (self->state) : NULL;
  KdccAuditLog *audit = self->state != NULL ? kdcc_controls_state_get_audit (self->state) : NULL;

  if (self->staging != NULL)
    g_signal_handlers_disconnect_by_data (self->staging, self);
  g_set_object (&self->staging, staging);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->staged_list), G_LIST_MODEL (staging),
                           create_staged_row_cb, self, NULL);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->audit_list), G_LIST_MODEL (audit),
                           kdcc_staging_audit_row_new, self, NULL);
  if (staging != NULL)
    {
      g_signal_connect_object (staging, "items-changed", G_CALLBACK (update_buttons), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (staging, "notify::has-last-batch", G_CALLBACK (schedule_rebind),
                               self, G_CONNECT_SWAPPED);
    }
  bind_batch (self);
}

/* The rows show a change's drift and state, which change without the list
 * changing: rebuild them, from idle, never inside the model's own
 * emissions (a job ends while the staging area moves its items). */
static gboolean
rebind_idle_cb (gpointer user_data)
{
  KdccStagingPanel *self = user_data;

  self->rebind_id = 0;
  /* Rows leave the list: the focus goes first. */
  kdcc_staging_list_release_focus (self->staged_list);
  bind_staging (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebind (KdccStagingPanel *self)
{
  if (self->rebind_id == 0)
    self->rebind_id = g_idle_add (rebind_idle_cb, self);
}

static const char *
connection_name (KdccStagingPanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));

  return session != NULL ? kdcc_source_get_kind (kdcc_session_get_source (session)) : NULL;
}

static void
job_finished_cb (KdccJob          *job,
                 GParamSpec       *pspec,
                 KdccStagingPanel *self)
{
  const GError *error;

  if (!kdcc_job_is_finished (job))
    return;
  error = kdcc_job_get_error (job);
  set_status (self, error != NULL ? error->message : _("Done: every change was read back as set"));
  schedule_rebind (self);
  kdcc_staging_panel_refresh_restarts (self);
}

static KdccJob *
start_job (KdccStagingPanel *self,
           KdccJob          *job)
{
  if (job == NULL)
    return NULL;
  g_signal_connect_object (job, "notify::state", G_CALLBACK (job_finished_cb), self, 0);
  if (self->job_manager != NULL)
    kdcc_job_manager_add (self->job_manager, job);
  set_status (self, kdcc_job_get_title (job));
  /* The job manager keeps it; without one (tests) the panel does. */
  g_object_set_data_full (G_OBJECT (self), "last-job", job, g_object_unref);
  return job;
}

static KdccJob *
apply_positions (KdccStagingPanel *self,
                 const guint      *positions,
                 guint             n_positions)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));

  if (self->staging == NULL || session == NULL
      || g_list_model_get_n_items (G_LIST_MODEL (self->staging)) == 0)
    return NULL;
  /* Rows leave the list: the focus goes first. */
  kdcc_staging_list_release_focus (self->staged_list);
  return start_job (self, kdcc_staging_apply (self->staging, kdcc_session_get_source (session),
                                              kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)),
                                              positions, n_positions, KDCC_STAGING_APPLY_NONE,
                                              kdcc_controls_state_get_audit (self->state),
                                              connection_name (self)));
}

KdccJob *
kdcc_staging_panel_apply_all (KdccStagingPanel *self)
{
  g_return_val_if_fail (KDCC_IS_STAGING_PANEL (self), NULL);
  return apply_positions (self, NULL, 0);
}

static void
apply_selected_clicked_cb (KdccStagingPanel *self)
{
  g_autoptr(GArray) positions = kdcc_staging_list_get_selected (self->staged_list);

  if (positions->len == 0)
    {
      set_status (self, _("Select the changes to apply first"));
      return;
    }
  apply_positions (self, (const guint *) positions->data, positions->len);
}

KdccJob *
kdcc_staging_panel_roll_back (KdccStagingPanel *self)
{
  KdccSession *session;

  g_return_val_if_fail (KDCC_IS_STAGING_PANEL (self), NULL);

  session = kdcc_panel_get_session (KDCC_PANEL (self));
  if (self->staging == NULL || session == NULL || kdcc_staging_get_last_batch (self->staging) == NULL)
    return NULL;
  return start_job (self, kdcc_staging_rollback (self->staging, kdcc_session_get_source (session),
                                                 kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)),
                                                 kdcc_controls_state_get_audit (self->state),
                                                 connection_name (self)));
}

static void
apply_clicked_cb (KdccStagingPanel *self)
{
  kdcc_staging_panel_apply_all (self);
}

static void
rollback_clicked_cb (KdccStagingPanel *self)
{
  kdcc_staging_panel_roll_back (self);
}

static void
discard_clicked_cb (KdccStagingPanel *self)
{
  g_autoptr(GError) error = NULL;

  /* Rows leave the list: the focus goes first. */
  kdcc_staging_list_release_focus (self->staged_list);
  if (self->staging != NULL && !kdcc_staging_discard (self->staging, &error))
    show_error (self, error);
}

static void
script_clicked_cb (KdccStagingPanel *self)
{
  g_autofree char *script = NULL;

  if (self->staging == NULL)
    return;
  script = kdcc_staging_dup_script (self->staging);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), script);
  set_status (self, _("The staged changes were copied as a shell script"));
}

gboolean
kdcc_staging_panel_export_script (KdccStagingPanel  *self,
                                  const char        *path,
                                  GError           **error)
{
  g_return_val_if_fail (KDCC_IS_STAGING_PANEL (self), FALSE);

  if (self->staging == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The cluster is not known yet: wait for the first refresh"));
      return FALSE;
    }
  return kdcc_staging_list_save_script (self->staging, path, error);
}

static void
save_script_cb (GtkWidget  *widget,
                const char *path)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (!kdcc_staging_panel_export_script (self, path, &error))
    show_error (self, error);
  else
    set_status (self, _("The staged changes were saved as a shell script"));
}

static void
export_script_clicked_cb (KdccStagingPanel *self)
{
  kdcc_staging_list_ask_save (GTK_WIDGET (self), _("Export the Staged Changes as a Script"),
                              "kdcc-staged-changes.sh", save_script_cb);
}

static void
drift_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(KdccStagingPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int n;

  n = kdcc_staging_check_drift_finish (KDCC_STAGING (object), result, &error);
  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  if (n > 0)
    {
      text = g_strdup_printf (ngettext ("%d change was changed on the cluster since it was staged",
                                        "%d changes were changed on the cluster since they were staged",
                                        n), n);
      set_status (self, text);
    }
  schedule_rebind (self);
}

static void
restarts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdccStagingPanel) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdcc_pending_restarts_refresh_finish (KDCC_PENDING_RESTARTS (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->restarts_group),
                                               error->message);
      return;
    }
  update_restart_button (self);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->restarts_group),
                                         g_list_model_get_n_items (G_LIST_MODEL (object)) == 0
                                         ? _("Every daemon runs the values stored for it")
                                         : _("Restart one failure domain (host) at a time, each "
                                             "daemon only after its ok-to-stop check passes, and "
                                             "wait for the cluster to be healthy before the next."));
}

static char *
dup_restart_template (KdccStagingPanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  const char *fsid = session != NULL ? kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)) : NULL;

  return fsid != NULL && *fsid != '\0' ? kdcc_restart_template_load (fsid) : NULL;
}

static void
update_restart_button (KdccStagingPanel *self)
{
  g_autofree char *template = dup_restart_template (self);
  gboolean any = self->state != NULL
                 && g_list_model_get_n_items (G_LIST_MODEL (kdcc_controls_state_get_restarts (self->state))) > 0;

  gtk_widget_set_sensitive (self->restart_button, any && template != NULL);
  /* KDCC runs only a command the admin configured for this cluster. */
  gtk_widget_set_tooltip_text (self->restart_button,
                               template != NULL
                               ? template
                               : _("Set this cluster's restart command first, e.g. "
                                   "\"ssh {host} systemctl restart ceph-{type}@{id}\", in "
                                   "~/.config/kdcc/restart.ini"));
}

static void
restart_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KdccStagingPanel *self)
{
  g_autofree char *template = NULL;
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));

  if (g_strcmp0 (response, "restart") != 0 || session == NULL || self->state == NULL)
    return;
  template = dup_restart_template (self);
  if (template == NULL)
    return;
  start_job (self, kdcc_pending_restarts_run_plan (kdcc_controls_state_get_restarts (self->state),
                                                   kdcc_session_get_source (session), template, 300));
}

static void
restart_clicked_cb (KdccStagingPanel *self)
{
  AdwMessageDialog *dialog = kdcc_staging_restart_dialog_new (GTK_WIDGET (self));

  g_signal_connect_object (dialog, "response", G_CALLBACK (restart_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kdcc_staging_panel_refresh_restarts (KdccStagingPanel *self)
{
  KdccSession *session;

  g_return_if_fail (KDCC_IS_STAGING_PANEL (self));

  session = kdcc_panel_get_session (KDCC_PANEL (self));
  if (session == NULL || self->state == NULL
      || !kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS | KDCC_CAPABILITY_MGR_COMMANDS))
    return;
  kdcc_pending_restarts_refresh_async (kdcc_controls_state_get_restarts (self->state),
                                       kdcc_session_get_source (session),
                                       kdcc_session_get_cluster (session), self->cancellable,
                                       restarts_cb, g_object_ref (self));
}

/* Drift and pending restarts take a round of mon and mgr commands: asked
 * when the page is shown, not for every connection. */
static void
check_cluster (KdccStagingPanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));

  if (session == NULL)
    return;
  self->checked = TRUE;
  if (self->staging != NULL)
    kdcc_staging_check_drift_async (self->staging, kdcc_session_get_source (session),
                                    self->cancellable, drift_cb, g_object_ref (self));
  kdcc_staging_panel_refresh_restarts (self);
}

static void
kdcc_staging_panel_session_changed (KdccPanel   *panel,
                                    KdccSession *old_session)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (panel);
  KdccSession *session = kdcc_panel_get_session (panel);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  if (session != NULL)
    {
      self->state = g_object_ref (kdcc_controls_state_get (session));
      g_signal_connect_object (self->state, "notify::staging", G_CALLBACK (bind_staging), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (GTK_LIST_BOX (self->restarts_list),
                               G_LIST_MODEL (kdcc_controls_state_get_restarts (self->state)),
                               kdcc_staging_restart_row_new, self, NULL);
    }
  else
    gtk_list_box_bind_model (GTK_LIST_BOX (self->restarts_list), NULL, NULL, NULL, NULL);
  bind_staging (self);
  self->checked = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    check_cluster (self);
}

static void
kdcc_staging_panel_map (GtkWidget *widget)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (widget);

  GTK_WIDGET_CLASS (kdcc_staging_panel_parent_class)->map (widget);
  if (!self->checked)
    check_cluster (self);
}

static void
save_audit_cb (GtkWidget  *widget,
               const char *path)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (self->state == NULL)
    return;
  if (!kdcc_audit_log_export (kdcc_controls_state_get_audit (self->state), path, &error))
    show_error (self, error);
  else
    set_status (self, _("The audit log was exported"));
}

static void
export_clicked_cb (KdccStagingPanel *self)
{
  kdcc_staging_list_ask_save (GTK_WIDGET (self), _("Export the Audit Log"), "kdcc-audit.jsonl",
                              save_audit_cb);
}

static void
kdcc_staging_panel_dispose (GObject *object)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rebind_id, g_source_remove);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_object (&self->state);
  g_clear_object (&self->staging);
  g_clear_object (&self->job_manager);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->badge, g_free);

  G_OBJECT_CLASS (kdcc_staging_panel_parent_class)->dispose (object);
}

static void
kdcc_staging_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      g_value_set_object (value, self->job_manager);
      break;
    case PROP_BADGE:
      g_value_set_string (value, self->badge);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_staging_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KdccStagingPanel *self = KDCC_STAGING_PANEL (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      if (g_set_object (&self->job_manager, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_staging_panel_class_init (KdccStagingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_staging_panel_dispose;
  object_class->get_property = kdcc_staging_panel_get_property;
  object_class->set_property = kdcc_staging_panel_set_property;
  panel_class->session_changed = kdcc_staging_panel_session_changed;
  widget_class->map = kdcc_staging_panel_map;

  properties[PROP_JOB_MANAGER] =
    g_param_spec_object ("job-manager", NULL, NULL, KDCC_TYPE_JOB_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The number of staged changes, for the sidebar row; NULL when none. */
  properties[PROP_BADGE] =
    g_param_spec_string ("badge", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "staging.move-up", NULL, move_action_cb);
  gtk_widget_class_install_action (widget_class, "staging.move-down", NULL, move_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "staging.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "staging.move-down", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_staging_panel_init (KdccStagingPanel *self)
{
  GtkWidget *group;
  GtkWidget *box;
  GtkWidget *button;

  self->cancellable = g_cancellable_new ();
  self->page = adw_preferences_page_new ();
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));

  self->staged_list = kdcc_staging_boxed_list (GTK_SELECTION_MULTIPLE);
  group = kdcc_staging_group_new (self->page, _("Staged Changes"),
                     _("Applied in this order as one job (Alt+Up and Alt+Down move the selected "
                       "change); each is read back to verify it, and the job stops at the first "
                       "that fails."),
                     self->staged_list, _("Nothing staged"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->script_button = kdcc_staging_text_button (_("Copy as _Script"), G_CALLBACK (script_clicked_cb), self);
  self->export_script_button = kdcc_staging_text_button (_("E_xport Script…"),
                                                         G_CALLBACK (export_script_clicked_cb), self);
  self->discard_button = kdcc_staging_text_button (_("_Discard"), G_CALLBACK (discard_clicked_cb), self);
  gtk_widget_add_css_class (self->discard_button, "destructive-action");
  self->apply_selected_button = kdcc_staging_text_button (_("Apply _Selected"),
                                             G_CALLBACK (apply_selected_clicked_cb), self);
  self->apply_button = kdcc_staging_text_button (_("_Apply All"), G_CALLBACK (apply_clicked_cb), self);
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_box_append (GTK_BOX (box), self->export_script_button);
  gtk_box_append (GTK_BOX (box), self->script_button);
  gtk_box_append (GTK_BOX (box), self->discard_button);
  gtk_box_append (GTK_BOX (box), self->apply_selected_button);
  gtk_box_append (GTK_BOX (box), self->apply_button);
  /* Below the list, where the eye ends after reading the changes; the
   * group's header is too narrow for four buttons. */
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_set_margin_top (self->status_label, 12);
  gtk_widget_set_visible (self->status_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_label);

  self->batch_list = kdcc_staging_boxed_list (GTK_SELECTION_NONE);
  group = kdcc_staging_group_new (self->page, _("Last Applied Batch"),
                     _("Rolling back restores the previous values and removes the ones added."),
                     self->batch_list, _("Nothing applied yet"));
  self->rollback_button = kdcc_staging_text_button (_("_Roll Back"), G_CALLBACK (rollback_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->rollback_button);

  self->restarts_list = kdcc_staging_boxed_list (GTK_SELECTION_NONE);
  self->restarts_group = kdcc_staging_group_new (self->page, _("Pending Restarts"), NULL, self->restarts_list,
                                    _("No daemon needs a restart"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = kdcc_staging_icon_button ("view-refresh-symbolic", _("Check Again"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (kdcc_staging_panel_refresh_restarts), self);
  self->restart_button = kdcc_staging_text_button (_("Run Restart _Plan…"), G_CALLBACK (restart_clicked_cb), self);
  gtk_widget_set_sensitive (self->restart_button, FALSE);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), self->restart_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->restarts_group), box);

  self->audit_list = kdcc_staging_boxed_list (GTK_SELECTION_NONE);
  group = kdcc_staging_group_new (self->page, _("Audit Log"),
                     _("Every change applied to this cluster from this computer, oldest first."),
                     self->audit_list, _("No change applied yet"));
  button = kdcc_staging_text_button (_("_Export…"), G_CALLBACK (export_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  update_buttons (self);
}

GtkWidget *
kdcc_staging_panel_new (void)
{
  return g_object_new (KDCC_TYPE_STAGING_PANEL, NULL);
}

const char *
kdcc_staging_panel_get_status (KdccStagingPanel *self)
{
  g_return_val_if_fail (KDCC_IS_STAGING_PANEL (self), NULL);
  return self->status;
}
