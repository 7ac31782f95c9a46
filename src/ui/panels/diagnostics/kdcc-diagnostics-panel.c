/* kdcc-diagnostics-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-diagnostics-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-diagnostics-panel.h"
#include "kdcc-error.h"
#include "kdcc-job-manager.h"
#include "kdcc-settings.h"

struct _KdccDiagnosticsPanel
{
  KdccPanel        parent_instance;

  AdwActionRow    *folder_row;
  GtkButton       *folder_button;
  GtkSwitch       *redact_switch;
  GtkLabel        *no_redact_warning;
  GtkButton       *gather_button;
  GtkBox          *progress_box;
  GtkProgressBar  *progress_bar;
  GtkButton       *cancel_button;
  GtkLabel        *status_label;
  GtkBox          *result_box;
  GtkTextView     *summary_view;

  char            *folder;
  KdccDiagnostics *diagnostics;
  KdccJob         *job;
  KdccJobManager  *job_manager;
  KdccSettings    *settings;     /* remembers the folder, may be NULL */
  GCancellable    *cancellable;
  char            *bundle_path;
  const char      *state;
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (KdccDiagnosticsPanel, kdcc_diagnostics_panel, KDCC_TYPE_PANEL)

enum {
  PROP_0,
  PROP_JOB_MANAGER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static KdccSource *
get_source (KdccDiagnosticsPanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));

  return session != NULL ? kdcc_session_get_source (session) : NULL;
}

static void
set_status (KdccDiagnosticsPanel *self,
            const char           *text,
            gboolean              error)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && text[0] != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
update_sensitivity (KdccDiagnosticsPanel *self)
{
  gboolean running = g_strcmp0 (self->state, "running") == 0;
  gboolean can_gather = !running && (get_source (self) != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->gather_button), can_gather);
  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->redact_switch), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), running);
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), g_strcmp0 (self->state, "done") == 0);
}

static void
update_folder_row (KdccDiagnosticsPanel *self)
{
  g_autofree char *display = g_filename_display_name (self->folder);

  adw_action_row_set_subtitle (self->folder_row, display);
}

/* The bar shows the gathering's job, the same one the header's jobs
 * button lists: its fraction and its status, which names the item. */
static void
job_progress_changed_cb (KdccDiagnosticsPanel *self)
{
  const char *status;

  if (self->job == NULL || kdcc_job_is_finished (self->job))
    return;
  status = kdcc_job_get_status (self->job);
  gtk_progress_bar_set_fraction (self->progress_bar, kdcc_job_get_fraction (self->job));
  if (status != NULL)
    gtk_progress_bar_set_text (self->progress_bar, status);
}

static void
clear_job (KdccDiagnosticsPanel *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
}

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KdccDiagnosticsPanel) self = user_data;
  KdccDiagnostics *diagnostics = KDCC_DIAGNOSTICS (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kdcc_diagnostics_gather_finish (diagnostics, result, &error);

  /* A newer run replaced this one (or the panel is going away). */
  if (diagnostics != self->diagnostics)
    return;
  g_clear_object (&self->cancellable);

  if (path == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->state = "cancelled";
          set_status (self, _("Cancelled. Nothing was saved."), FALSE);
        }
      else
        {
          g_autofree char *text = g_strdup_printf (_("The bundle could not be made: %s"),
                                                   error->message);

          self->state = "failed";
          set_status (self, text, TRUE);
        }
      update_sensitivity (self);
      return;
    }

  {
    g_autofree char *size = g_format_size (kdcc_diagnostics_get_bundle_size (diagnostics));
    g_autofree char *display = g_filename_display_name (path);
    guint n_failed = kdcc_diagnostics_get_n_failed (diagnostics);
    guint n_not = kdcc_diagnostics_get_n_not_available (diagnostics);
    g_autofree char *failed = NULL;
    g_autofree char *text = NULL;

    /* "0 items failed" says nothing; what this connection cannot gather is
     * not a failure, and the way to get it is worth saying. */
    if (n_failed > 0)
      failed = g_strdup_printf (ngettext ("%u item failed", "%u items failed", n_failed),
                                n_failed);
    if (n_failed > 0)
      /* TRANSLATORS: path, size, and "N items failed". */
      text = g_strdup_printf (_("Saved %s (%s, %s)."), display, size, failed);
    else
      /* TRANSLATORS: path and size */
      text = g_strdup_printf (_("Saved %s (%s)."), display, size);
    if (n_not > 0)
      {
        g_autofree char *more =
          g_strdup_printf (ngettext ("%u item cannot be gathered over a Dashboard connection; a "
                                     "direct connection gathers the full bundle.",
                                     "%u items cannot be gathered over a Dashboard connection; a "
                                     "direct connection gathers the full bundle.", n_not),
                           n_not);
        char *both = g_strconcat (text, " ", more, NULL);

        g_free (text);
        text = both;
      }
    g_free (self->bundle_path);
    self->bundle_path = g_steal_pointer (&path);
    self->state = "done";
    set_status (self, text, FALSE);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                              kdcc_diagnostics_get_summary (diagnostics), -1);
  }
  update_sensitivity (self);
}

void
kdcc_diagnostics_panel_gather (KdccDiagnosticsPanel *self)
{
  KdccSource *source;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self));

  if (g_strcmp0 (self->state, "running") == 0)
    return;
  source = get_source (self);
  if (source == NULL)
    {
      set_status (self, _("Connect to a cluster first."), TRUE);
      return;
    }

  g_clear_object (&self->diagnostics);
  self->diagnostics = kdcc_diagnostics_new (source);
  if (kdcc_panel_get_cluster (KDCC_PANEL (self)) != NULL)
    kdcc_diagnostics_set_fsid (self->diagnostics,
                               kdcc_cluster_get_fsid (kdcc_panel_get_cluster (KDCC_PANEL (self))));
  kdcc_diagnostics_set_redact (self->diagnostics, gtk_switch_get_active (self->redact_switch));
  /* The session keeps the refresh errors since it connected; they go into
   * the bundle. */
  {
    KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
    g_autoptr(GPtrArray) errors = kdcc_session_dup_errors (session);

    if (errors->len > 0)
      kdcc_diagnostics_set_refresh_errors (self->diagnostics,
                                           (const char * const *) errors->pdata);
  }

  name = kdcc_diagnostics_default_file_name ();
  path = g_build_filename (self->folder, name, NULL);
  g_clear_pointer (&self->bundle_path, g_free);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->state = "running";
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  set_status (self, NULL, FALSE);
  update_sensitivity (self);

  kdcc_diagnostics_gather_async (self->diagnostics, path, self->cancellable, gathered_cb,
                                 g_object_ref (self));

  clear_job (self);
  self->job = g_object_ref (kdcc_diagnostics_get_job (self->diagnostics));
  g_signal_connect_swapped (self->job, "notify::fraction",
                            G_CALLBACK (job_progress_changed_cb), self);
  g_signal_connect_swapped (self->job, "notify::status",
                            G_CALLBACK (job_progress_changed_cb), self);
  if (self->job_manager != NULL)
    kdcc_job_manager_add (self->job_manager, self->job);
}

void
kdcc_diagnostics_panel_cancel (KdccDiagnosticsPanel *self)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self));

  /* The job's cancellable is the run's: the jobs popover cancels alike. */
  if (self->job != NULL && !kdcc_job_is_finished (self->job))
    {
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
      kdcc_job_cancel (self->job);
    }
}

static void
gather_clicked_cb (KdccDiagnosticsPanel *self)
{
  kdcc_diagnostics_panel_gather (self);
}

static void
cancel_clicked_cb (KdccDiagnosticsPanel *self)
{
  kdcc_diagnostics_panel_cancel (self);
}

static void
redact_changed_cb (KdccDiagnosticsPanel *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->no_redact_warning),
                          !gtk_switch_get_active (self->redact_switch));
}

static void
open_folder_clicked_cb (KdccDiagnosticsPanel *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->bundle_path == NULL)
    return;
  file = g_file_new_for_path (self->folder);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
chooser_response_cb (KdccDiagnosticsPanel *self,
                     int                   response,
                     GtkNativeDialog      *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        kdcc_diagnostics_panel_set_folder (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
choose_folder_clicked_cb (KdccDiagnosticsPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) current = g_file_new_for_path (self->folder);

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save Diagnostics To"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                         _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), current, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
kdcc_diagnostics_panel_session_changed (KdccPanel   *panel,
                                        KdccSession *old_session)
{
  KdccDiagnosticsPanel *self = KDCC_DIAGNOSTICS_PANEL (panel);

  /* A new cluster: the last bundle and its summary were about the old one. */
  if (g_strcmp0 (self->state, "running") != 0)
    {
      self->state = "idle";
      g_clear_pointer (&self->bundle_path, g_free);
      set_status (self, NULL, FALSE);
    }

  update_sensitivity (self);
}

static void
kdcc_diagnostics_panel_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kdcc_diagnostics_panel_parent_class)->root (widget);
  update_sensitivity (KDCC_DIAGNOSTICS_PANEL (widget));
}

/* Out of the window (it was closed): the run has nobody to report to. The
 * pending callback keeps the panel alive, so dispose alone would be too
 * late. */
static void
kdcc_diagnostics_panel_unroot (GtkWidget *widget)
{
  KdccDiagnosticsPanel *self = KDCC_DIAGNOSTICS_PANEL (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (kdcc_diagnostics_panel_parent_class)->unroot (widget);
}

static void
kdcc_diagnostics_panel_dispose (GObject *object)
{
  KdccDiagnosticsPanel *self = KDCC_DIAGNOSTICS_PANEL (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_job (self);
  g_clear_object (&self->job_manager);
  g_clear_object (&self->settings);
  g_clear_object (&self->diagnostics);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_DIAGNOSTICS_PANEL);

  G_OBJECT_CLASS (kdcc_diagnostics_panel_parent_class)->dispose (object);
}

static void
kdcc_diagnostics_panel_finalize (GObject *object)
{
  KdccDiagnosticsPanel *self = KDCC_DIAGNOSTICS_PANEL (object);

  g_free (self->folder);
  g_free (self->bundle_path);

  G_OBJECT_CLASS (kdcc_diagnostics_panel_parent_class)->finalize (object);
}

static void
kdcc_diagnostics_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KdccDiagnosticsPanel *self = KDCC_DIAGNOSTICS_PANEL (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      g_value_set_object (value, self->job_manager);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_diagnostics_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KdccDiagnosticsPanel *self = KDCC_DIAGNOSTICS_PANEL (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      kdcc_diagnostics_panel_set_job_manager (self, g_value_get_object (value));
      break;
    case PROP_SETTINGS:
      kdcc_diagnostics_panel_set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_diagnostics_panel_class_init (KdccDiagnosticsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_diagnostics_panel_dispose;
  object_class->finalize = kdcc_diagnostics_panel_finalize;
  object_class->get_property = kdcc_diagnostics_panel_get_property;
  object_class->set_property = kdcc_diagnostics_panel_set_property;
  widget_class->root = kdcc_diagnostics_panel_root;
  widget_class->unroot = kdcc_diagnostics_panel_unroot;
  panel_class->session_changed = kdcc_diagnostics_panel_session_changed;

  /* Where the "Save to" folder is remembered between runs. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, KDCC_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB_MANAGER] =
    g_param_spec_object ("job-manager", NULL, NULL, KDCC_TYPE_JOB_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-diagnostics-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, folder_row);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, folder_button);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, redact_switch);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, no_redact_warning);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, gather_button);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, progress_box);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, result_box);
  gtk_widget_class_bind_template_child (widget_class, KdccDiagnosticsPanel, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, gather_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, redact_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_clicked_cb);
}

static void
kdcc_diagnostics_panel_init (KdccDiagnosticsPanel *self)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = "idle";
  self->folder = g_strdup (downloads != NULL && g_file_test (downloads, G_FILE_TEST_IS_DIR)
                           ? downloads : g_get_home_dir ());
  update_folder_row (self);
  update_sensitivity (self);
}

GtkWidget *
kdcc_diagnostics_panel_new (void)
{
  return g_object_new (KDCC_TYPE_DIAGNOSTICS_PANEL, NULL);
}

KdccJobManager *
kdcc_diagnostics_panel_get_job_manager (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return self->job_manager;
}

void
kdcc_diagnostics_panel_set_job_manager (KdccDiagnosticsPanel *self,
                                        KdccJobManager       *job_manager)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self));
  g_return_if_fail (job_manager == NULL || KDCC_IS_JOB_MANAGER (job_manager));

  if (g_set_object (&self->job_manager, job_manager))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_MANAGER]);
}

KdccJob *
kdcc_diagnostics_panel_get_job (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return self->job;
}

const char *
kdcc_diagnostics_panel_get_folder (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return self->folder;
}

void
kdcc_diagnostics_panel_set_folder (KdccDiagnosticsPanel *self,
                                   const char           *folder)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self));
  g_return_if_fail (folder != NULL);

  if (g_strcmp0 (self->folder, folder) == 0)
    return;
  g_free (self->folder);
  self->folder = g_strdup (folder);
  update_folder_row (self);
  if (self->settings != NULL)
    kdcc_settings_set_diagnostics_folder (self->settings, folder);
}

void
kdcc_diagnostics_panel_set_settings (KdccDiagnosticsPanel *self,
                                     KdccSettings         *settings)
{
  g_autofree char *saved = NULL;

  g_return_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self));
  g_return_if_fail (settings == NULL || KDCC_IS_SETTINGS (settings));

  if (!g_set_object (&self->settings, settings))
    return;

  /* A folder that has gone since is not offered. */
  saved = settings ? kdcc_settings_dup_diagnostics_folder (settings) : NULL;
  if (saved != NULL && g_file_test (saved, G_FILE_TEST_IS_DIR) && g_strcmp0 (saved, self->folder) != 0)
    {
      g_free (self->folder);
      self->folder = g_steal_pointer (&saved);
      update_folder_row (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

const char *
kdcc_diagnostics_panel_get_state (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return self->state;
}

KdccDiagnostics *
kdcc_diagnostics_panel_get_diagnostics (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return self->diagnostics;
}

const char *
kdcc_diagnostics_panel_get_bundle_path (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return self->bundle_path;
}

char *
kdcc_diagnostics_panel_dup_summary (KdccDiagnosticsPanel *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);

  if (g_strcmp0 (self->state, "done") != 0)
    return NULL;
  buffer = gtk_text_view_get_buffer (self->summary_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
kdcc_diagnostics_panel_get_status_text (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return gtk_label_get_label (self->status_label);
}

GtkWidget *
kdcc_diagnostics_panel_get_progress_bar (KdccDiagnosticsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS_PANEL (self), NULL);
  return GTK_WIDGET (self->progress_bar);
}
