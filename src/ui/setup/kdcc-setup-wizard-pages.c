/* kdcc-setup-wizard-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The set-up wizard's last three pages: preflight, preview (and export),
 * install. See kdcc-setup-wizard.c.
 */
#define G_LOG_DOMAIN "kdcc-setup-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "kdcc-audit-log.h"
#include "kdcc-setup-render.h"
#include "kdcc-setup-wizard-private.h"

/* Preflight. */

static const char *
result_icon (KdccSetupCheckResult result)
{
  switch (result)
    {
    case KDCC_SETUP_CHECK_PASSED: return "emblem-ok-symbolic";
    case KDCC_SETUP_CHECK_WARNING: return "dialog-warning-symbolic";
    case KDCC_SETUP_CHECK_UNKNOWN: return "dialog-question-symbolic";
    case KDCC_SETUP_CHECK_FAILED: return "dialog-error-symbolic";
    default: return NULL;
    }
}

static const char *
result_class (KdccSetupCheckResult result)
{
  switch (result)
    {
    case KDCC_SETUP_CHECK_PASSED: return "success";
    case KDCC_SETUP_CHECK_WARNING: return "warning";
    case KDCC_SETUP_CHECK_FAILED: return "error";
    case KDCC_SETUP_CHECK_UNKNOWN:
    default: return "dim-label";
    }
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
preflight_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KdccSetupWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = kdcc_setup_preflight_run_finish (result, &error);
  GPtrArray *rows;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->preflight_busy = FALSE;
  gtk_spinner_set_spinning (self->preflight_spinner, FALSE);
  rows = self->check_rows;
  clear_group (self->checks_group, rows);
  if (checks == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Preflight failed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_widget_add_css_class (row, "error");
      g_ptr_array_add (rows, row);
      adw_preferences_group_add (self->checks_group, row);
    }
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    {
      KdccSetupCheck *check = g_ptr_array_index (checks, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (result_icon (check->result));
      GtkWidget *label = gtk_label_new (kdcc_setup_check_result_to_label (check->result));

      gtk_widget_add_css_class (icon, result_class (check->result));
      gtk_widget_add_css_class (label, result_class (check->result));
      /* Names and messages from the cluster are text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), check->detail);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      g_ptr_array_add (rows, row);
      adw_preferences_group_add (self->checks_group, row);
    }
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  self->checks = g_steal_pointer (&checks);
  _kdcc_setup_wizard_update_buttons (self);
}

void
_kdcc_setup_wizard_run_preflight (KdccSetupWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeClient) client = NULL;

  if (self->preflight_busy)
    return;
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  client = _kdcc_setup_wizard_client (self, &error);
  if (client == NULL)
    {
      _kdcc_setup_wizard_toast (self, error->message);
      _kdcc_setup_wizard_update_buttons (self);
      return;
    }
  self->preflight_busy = TRUE;
  gtk_spinner_set_spinning (self->preflight_spinner, TRUE);
  kdcc_setup_preflight_run_async (client, self->params, self->cancellable, preflight_done_cb,
                                  g_object_ref (self));
  _kdcc_setup_wizard_update_buttons (self);
}

GPtrArray *
kdcc_setup_wizard_get_checks (KdccSetupWizard *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), NULL);
  return self->checks;
}

gboolean
kdcc_setup_wizard_get_preflight_busy (KdccSetupWizard *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), FALSE);
  return self->preflight_busy;
}

static void
preflight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _kdcc_setup_wizard_run_preflight (KDCC_SETUP_WIZARD (widget));
}

/* Preview. */

static void
add_document (KdccSetupWizard *self,
              const char      *name,
              const char      *text)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_stack_add_titled (self->preview_stack, scrolled, name, name);
  g_ptr_array_add (self->preview_rows, scrolled);
}

void
_kdcc_setup_wizard_build_preview (KdccSetupWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objects = kdcc_setup_render (self->params, NULL, &error);
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *values_text = NULL;

  if (self->preview_rows == NULL)
    self->preview_rows = g_ptr_array_new ();
  for (guint i = 0; i < self->preview_rows->len; i++)
    gtk_stack_remove (self->preview_stack, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
  if (objects == NULL)
    {
      _kdcc_setup_wizard_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < objects->len; i++)
    {
      KdccSetupObject *object = g_ptr_array_index (objects, i);
      g_autoptr(JsonNode) one = json_node_init_object (json_node_alloc (), object->object);
      g_autofree char *text = kdcc_setup_to_yaml (one, &error);

      add_document (self, object->file_name, text ? text : error->message);
      g_clear_error (&error);
    }
  values = kdcc_setup_render_values (self->params, objects);
  node = json_node_init_object (json_node_alloc (), values);
  values_text = kdcc_setup_to_yaml (node, &error);
  add_document (self, "values.yaml", values_text ? values_text : error->message);
}

GStrv
kdcc_setup_wizard_dup_preview_names (KdccSetupWizard *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; self->preview_rows != NULL && i < self->preview_rows->len; i++)
    g_strv_builder_add (names, gtk_stack_page_get_name (
                          gtk_stack_get_page (self->preview_stack,
                                              g_ptr_array_index (self->preview_rows, i))));
  return g_strv_builder_end (names);
}

void
kdcc_setup_wizard_show_preview (KdccSetupWizard *self,
                                const char      *name)
{
  gtk_stack_set_visible_child_name (self->preview_stack, name);
}

gboolean
kdcc_setup_wizard_export (KdccSetupWizard  *self,
                          const char       *dir,
                          GError          **error)
{
  g_autoptr(GPtrArray) objects = kdcc_setup_render (self->params, NULL, error);
  g_autoptr(JsonObject) values = NULL;

  if (objects == NULL)
    return FALSE;
  values = kdcc_setup_render_values (self->params, objects);
  return kdcc_setup_write (objects, values, dir, error);
}

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  KdccSetupWizard *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (folder);
      if (!kdcc_setup_wizard_export (self, path, &error))
        _kdcc_setup_wizard_toast (self, error->message);
      else
        {
          /* TRANSLATORS: %s is a folder. */
          g_autofree char *text = g_strdup_printf (_("Written to %s"), path);

          _kdcc_setup_wizard_toast (self, text);
        }
    }
  g_object_unref (dialog);
}

static void
choose_folder (KdccSetupWizard *self,
               const char      *title,
               GCallback        callback)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                               _("_Select"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", callback, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_folder (KDCC_SETUP_WIZARD (widget), _("Export the Set-Up Files"),
                 G_CALLBACK (export_chosen_cb));
}

/* Install. */

static void
step_changed_cb (KdccSetupInstall *install,
                 guint             index,
                 KdccSetupWizard  *self)
{
  KdccSetupStep *step = g_ptr_array_index (kdcc_setup_install_get_steps (install), index);
  GtkWidget *row = g_ptr_array_index (self->step_rows, index);
  GtkWidget *suffix = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  static const char *const icons[] = {
    [KDCC_SETUP_STEP_PENDING] = "content-loading-symbolic",
    [KDCC_SETUP_STEP_RUNNING] = "media-playback-start-symbolic",
    [KDCC_SETUP_STEP_DONE] = "emblem-ok-symbolic",
    [KDCC_SETUP_STEP_FAILED] = "dialog-error-symbolic",
    [KDCC_SETUP_STEP_CANCELLED] = "process-stop-symbolic",
  };

  gtk_image_set_from_icon_name (GTK_IMAGE (suffix), icons[step->state]);
  gtk_widget_remove_css_class (suffix, "success");
  gtk_widget_remove_css_class (suffix, "error");
  if (step->state == KDCC_SETUP_STEP_DONE)
    gtk_widget_add_css_class (suffix, "success");
  else if (step->state == KDCC_SETUP_STEP_FAILED)
    gtk_widget_add_css_class (suffix, "error");
}

void
_kdcc_setup_wizard_build_steps (KdccSetupWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  GPtrArray *steps;

  if (kdcc_setup_wizard_get_job (self) != NULL)
    return;
  if (self->step_rows == NULL)
    self->step_rows = g_ptr_array_new ();
  clear_group (self->steps_group, self->step_rows);
  g_clear_object (&self->install);

  client = _kdcc_setup_wizard_client (self, &error);
  if (client != NULL)
    self->install = kdcc_setup_install_new (client, self->params, self->kubeconfig, &error);
  if (self->install != NULL && gtk_check_button_get_active (self->operator_manifests))
    {
      if (self->manifests == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("Choose the folder of the release's manifests"));
      if (error != NULL ||
          !kdcc_setup_install_set_operator_manifests (self->install, self->manifests, &error))
        g_clear_object (&self->install);
    }
  else if (self->install != NULL && gtk_check_button_get_active (self->operator_helm))
    kdcc_setup_install_set_operator_helm (self->install, self->helm, "rook-release/rook-ceph");

  if (self->install == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      _kdcc_setup_wizard_update_buttons (self);
      return;
    }
  gtk_label_set_text (self->status_label, "");
  steps = kdcc_setup_install_get_steps (self->install);
  for (guint i = 0; i < steps->len; i++)
    {
      KdccSetupStep *step = g_ptr_array_index (steps, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *state = gtk_image_new_from_icon_name ("content-loading-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), step->command);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      /* The state icon, found again by step_changed_cb (). */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), state);
      g_ptr_array_add (self->step_rows, row);
      adw_preferences_group_add (self->steps_group, row);
    }
  g_signal_connect_object (self->install, "step-changed", G_CALLBACK (step_changed_cb), self, 0);
  _kdcc_setup_wizard_update_buttons (self);
}

static void
job_changed_cb (KdccJob         *job,
                GParamSpec      *pspec,
                KdccSetupWizard *self)
{
  const char *status = kdcc_job_get_status (job);

  if (kdcc_job_get_pulsing (job) && !kdcc_job_is_finished (job))
    gtk_progress_bar_pulse (self->progress);
  else
    gtk_progress_bar_set_fraction (self->progress, kdcc_job_get_fraction (job));
  gtk_progress_bar_set_text (self->progress, status);
  if (kdcc_job_is_finished (job))
    {
      const GError *error = kdcc_job_get_error (job);
      g_autofree char *text = error != NULL
        ? g_strdup (error->message)
        : g_strdup_printf (_("The Ceph cluster is Ready (%s). Add it from the connection "
                             "dialog's Kubernetes page."),
                           kdcc_setup_install_get_health (self->install)
                             ? kdcc_setup_install_get_health (self->install) : "");

      gtk_label_set_text (self->status_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      if (error != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  _kdcc_setup_wizard_update_buttons (self);
}

void
_kdcc_setup_wizard_start_install (KdccSetupWizard *self)
{
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (KDCC_SETUP_AUDIT_ID, NULL);
  KdccJob *job;

  if (self->install == NULL || kdcc_setup_wizard_get_job (self) != NULL)
    return;
  kdcc_setup_install_set_audit_log (self->install, audit);
  gtk_widget_set_sensitive (self->operator_group, FALSE);
  job = kdcc_setup_install_start (self->install, self->cancellable);
  if (self->jobs != NULL)
    kdcc_job_manager_add (self->jobs, job);
  g_signal_connect_object (job, "notify::fraction", G_CALLBACK (job_changed_cb), self, 0);
  g_signal_connect_object (job, "notify::status", G_CALLBACK (job_changed_cb), self, 0);
  g_signal_connect_object (job, "notify::state", G_CALLBACK (job_changed_cb), self, 0);
  job_changed_cb (job, NULL, self);
}

KdccJob *
kdcc_setup_wizard_get_job (KdccSetupWizard *self)
{
  g_return_val_if_fail (KDCC_IS_SETUP_WIZARD (self), NULL);
  if (self->install == NULL)
    return NULL;
  return kdcc_setup_install_get_job (self->install);
}

static void
cancel_install_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KdccJob *job = kdcc_setup_wizard_get_job (KDCC_SETUP_WIZARD (widget));

  if (job != NULL)
    kdcc_job_cancel (job);
}

gboolean
kdcc_setup_wizard_set_operator_manifests (KdccSetupWizard *self,
                                          const char      *dir)
{
  g_free (self->manifests);
  self->manifests = g_strdup (dir);
  adw_action_row_set_subtitle (self->operator_manifests_row, dir ? dir : "");
  gtk_check_button_set_active (dir ? self->operator_manifests : self->operator_none, TRUE);
  _kdcc_setup_wizard_build_steps (self);
  return self->install != NULL;
}

static void
manifests_chosen_cb (GtkNativeDialog *dialog,
                     int              response,
                     KdccSetupWizard *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (folder);

      kdcc_setup_wizard_set_operator_manifests (self, path);
    }
  g_object_unref (dialog);
}

static void
choose_manifests_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  choose_folder (KDCC_SETUP_WIZARD (widget), _("The Operator's Manifests"),
                 G_CALLBACK (manifests_chosen_cb));
}

static void
operator_toggled_cb (GtkCheckButton  *button,
                     KdccSetupWizard *self)
{
  if (gtk_check_button_get_active (button) && _kdcc_setup_wizard_page (self) == PAGE_INSTALL)
    _kdcc_setup_wizard_build_steps (self);
}

void
_kdcc_setup_wizard_pages_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "wizard.preflight", NULL, preflight_action);
  gtk_widget_class_install_action (widget_class, "wizard.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "wizard.choose-manifests", NULL,
                                   choose_manifests_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel-install", NULL,
                                   cancel_install_action);
  gtk_widget_class_bind_template_callback (widget_class, operator_toggled_cb);
}
