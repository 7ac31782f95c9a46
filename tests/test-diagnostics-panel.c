/* test-diagnostics-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnostics panel under Xvfb, against the real test cluster: the
 * Gather button makes a bundle in the chosen folder and the summary is
 * shown; against a real socket that accepts connections and never answers
 * (a hung dashboard), the progress bar shows the current item and Cancel
 * leaves nothing behind. Each gathering is a job in the job manager: it
 * shows the item as it goes and ends SUCCEEDED, or CANCELLED when cancelled
 * from the jobs popover. Screenshots: diagnostics-progress.png,
 * diagnostics-summary.png, jobs-button.png and jobs-popover.png in
 * $KDCC_SCREENSHOT_DIR.
 */
#define G_LOG_DOMAIN "test-diagnostics-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics-panel.h"
#include "kdcc-job-row.h"
#include "kdcc-jobs-button.h"
#include "kdcc-profile-store.h"
#include "kdcc-rados-source.h"
#include "kdcc-secret-store.h"
#include "kdcc-settings.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"
#include "kdcc-window.h"

static gboolean
state_is_not_running (gpointer data)
{
  return g_strcmp0 (kdcc_diagnostics_panel_get_state (data), "running") != 0;
}

static gboolean
progress_shows_item (gpointer data)
{
  KdccDiagnosticsPanel *panel = data;
  const char *text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (kdcc_diagnostics_panel_get_progress_bar (panel)));

  return text != NULL && g_str_has_prefix (text, "Gathering ");
}

static gboolean
window_has_session (gpointer data)
{
  return kdcc_window_get_session (data) != NULL;
}

static gboolean
gatherer_stopped (gpointer data)
{
  return !kdcc_diagnostics_get_running (data);
}

static gboolean
job_is_finished (gpointer data)
{
  return kdcc_job_is_finished (data);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
record_status_cb (KdccJob    *job,
                  GParamSpec *pspec,
                  GPtrArray  *statuses)
{
  g_ptr_array_add (statuses, g_strdup (kdcc_job_get_status (job)));
}

static gboolean
any_has_prefix (GPtrArray  *strings,
                const char *prefix)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (strings, i), prefix))
      return TRUE;
  return FALSE;
}

/* A session around a source built here, as the connect dialog makes one. */
static KdccSession *
session_for (KdccSource      *source,
             KdccProfileKind  kind)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (kind);

  kdcc_profile_set_name (profile, "Panel Cluster");
  return kdcc_session_new_for_source (profile, source);
}

static GtkWidget *
make_window (GtkWidget *panel)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1000);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_no_source (void)
{
  GtkWidget *panel = kdcc_diagnostics_panel_new ();
  KdccDiagnosticsPanel *diag = KDCC_DIAGNOSTICS_PANEL (panel);
  GtkWidget *window = make_window (panel);

  /* Nothing to gather from until a cluster is connected. */
  kdcc_diagnostics_panel_gather (diag);
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "idle");
  g_assert_cmpstr (kdcc_diagnostics_panel_get_status_text (diag), ==, "Connect to a cluster first.");
  g_assert_null (kdcc_diagnostics_panel_get_diagnostics (diag));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_gather (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring,
                                                                     cluster->client_id));
  g_autoptr(KdccSession) session = session_for (source, KDCC_PROFILE_KIND_DIRECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-diag-panel-XXXXXX", &error);
  g_autofree char *summary = NULL;
  g_autofree char *png = NULL;
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(GList) codes = NULL;
  g_autoptr(KdccJobManager) manager = kdcc_job_manager_new ();
  g_autoptr(GFile) bundle = NULL;
  GtkWidget *panel = kdcc_diagnostics_panel_new ();
  KdccDiagnosticsPanel *diag = KDCC_DIAGNOSTICS_PANEL (panel);
  GtkWidget *window;
  const char *path;
  KdccJob *job;
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  guint n_fraction = 0, n_running_notifies = 0;

  g_assert_no_error (error);
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  g_assert_true (kdcc_panel_get_cluster (KDCC_PANEL (panel)) == kdcc_session_get_cluster (session));
  kdcc_diagnostics_panel_set_folder (diag, dir);
  g_object_set (panel, "job-manager", manager, NULL);
  g_assert_true (kdcc_diagnostics_panel_get_job_manager (diag) == manager);
  g_signal_connect (manager, "notify::n-running", G_CALLBACK (count_cb), &n_running_notifies);
  window = make_window (panel);

  /* The Gather button, as a user clicks it. */
  kdcc_diagnostics_panel_gather (diag);
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "running");
  g_assert_true (gtk_widget_get_visible (kdcc_diagnostics_panel_get_progress_bar (diag)));
  g_assert_true (kdcc_diagnostics_get_redact (kdcc_diagnostics_panel_get_diagnostics (diag)));

  /* The gathering is the manager's one running job. */
  job = kdcc_diagnostics_panel_get_job (diag);
  g_assert_nonnull (job);
  g_assert_true (job == kdcc_diagnostics_get_job (kdcc_diagnostics_panel_get_diagnostics (diag)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  {
    g_autoptr(KdccJob) listed = g_list_model_get_item (G_LIST_MODEL (manager), 0);

    g_assert_true (listed == job);
  }
  g_assert_cmpuint (kdcc_job_manager_get_n_running (manager), ==, 1);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_RUNNING);
  g_assert_cmpstr (kdcc_job_get_title (job), ==, "Diagnostic bundle");
  g_signal_connect (job, "notify::fraction", G_CALLBACK (count_cb), &n_fraction);
  g_signal_connect (job, "notify::status", G_CALLBACK (record_status_cb), statuses);

  g_assert_true (kdcc_test_wait_until (state_is_not_running, diag, 120000));
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "done");

  /* The job moved, naming the items (the worker threads' updates arrive
   * collapsed, so how many depends on how busy the main loop was), and
   * ended with the bundle. */
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 5000));
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);
  g_assert_null (kdcc_job_get_error (job));
  g_assert_cmpuint (n_fraction, >=, 1);
  g_assert_true (any_has_prefix (statuses, "Gathering "));
  g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 1.0);
  g_assert_true (g_str_has_prefix (kdcc_job_get_status (job), "Saved kdcc-diagnostics-"));
  g_assert_nonnull (kdcc_job_get_finished (job));
  g_assert_cmpuint (kdcc_job_manager_get_n_running (manager), ==, 0);
  g_assert_cmpuint (n_running_notifies, ==, 2);
  g_assert_true (G_IS_FILE (kdcc_job_get_result (job)));
  bundle = g_file_new_for_path (kdcc_diagnostics_panel_get_bundle_path (diag));
  g_assert_true (g_file_equal (G_FILE (kdcc_job_get_result (job)), bundle));

  path = kdcc_diagnostics_panel_get_bundle_path (diag);
  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 1);
  g_assert_nonnull (strstr (kdcc_diagnostics_panel_get_status_text (diag), "Saved "));

  /* The summary is shown before anything is shared, and names the
   * cluster's real health checks. */
  summary = kdcc_diagnostics_panel_dup_summary (diag);
  g_assert_nonnull (summary);
  g_assert_true (g_str_has_prefix (summary, "KDCC diagnostic bundle"));
  health = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  codes = json_object_get_members (json_object_get_object_member (json_node_get_object (health),
                                                                  "checks"));
  for (GList *l = codes; l != NULL; l = l->next)
    g_assert_nonnull (strstr (summary, l->data));
  g_assert_false (gtk_widget_get_visible (kdcc_diagnostics_panel_get_progress_bar (diag))
                  && gtk_widget_get_mapped (kdcc_diagnostics_panel_get_progress_bar (diag)));

  kdcc_test_wait_for_paint (window, 5000);
  png = kdcc_test_screenshot (window, "diagnostics-summary");
  g_test_message ("screenshot: %s", png);

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_remove_tree (dir);
}

/* A TCP server that accepts connections and never says a word: a hung
 * dashboard. The connections are kept open until the test ends. */
static gboolean
accept_and_hold_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source_object,
                    gpointer           user_data)
{
  g_ptr_array_add (user_data, g_object_ref (connection));
  return TRUE;
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-diag-panel-XXXXXX", &error);
  g_autofree char *png = NULL;
  GtkWidget *panel = kdcc_diagnostics_panel_new ();
  KdccDiagnosticsPanel *diag = KDCC_DIAGNOSTICS_PANEL (panel);
  GtkWidget *window;

  g_assert_no_error (error);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (accept_and_hold_cb), held);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  source = kdcc_dashboard_source_new (url, "admin", "not-used", NULL);
  session = session_for (KDCC_SOURCE (source), KDCC_PROFILE_KIND_DASHBOARD);

  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  kdcc_diagnostics_panel_set_folder (diag, dir);
  window = make_window (panel);

  kdcc_diagnostics_panel_gather (diag);
  /* The items wait on the silent server: the bar names the current one. */
  g_assert_true (kdcc_test_wait_until (progress_shows_item, diag, 10000));
  kdcc_test_wait_for_paint (window, 5000);
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "running");
  png = kdcc_test_screenshot (window, "diagnostics-progress");
  g_test_message ("screenshot: %s", png);
  g_assert_cmpuint (held->len, >, 0);

  /* Cancel: no bundle and no temporary file. */
  kdcc_diagnostics_panel_cancel (diag);
  g_assert_true (kdcc_test_wait_until (state_is_not_running, diag, 10000));
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "cancelled");
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 0);
  g_assert_cmpstr (kdcc_diagnostics_panel_get_status_text (diag), ==, "Cancelled. Nothing was saved.");
  g_assert_null (kdcc_diagnostics_panel_get_bundle_path (diag));

  gtk_window_destroy (GTK_WINDOW (window));
  g_socket_service_stop (service);
  kdcc_test_remove_tree (dir);
}

/* The header's jobs button lists the running gathering; its Cancel button
 * cancels the job, which ends CANCELLED with G_IO_ERROR_CANCELLED and
 * leaves no file. */
static void
test_cancel_via_job (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccJobManager) manager = kdcc_job_manager_new ();
  g_autoptr(KdccJob) job = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-diag-panel-XXXXXX", &error);
  g_autofree char *png = NULL;
  GtkWidget *panel = kdcc_diagnostics_panel_new ();
  KdccDiagnosticsPanel *diag = KDCC_DIAGNOSTICS_PANEL (panel);
  GtkWidget *jobs_button = kdcc_jobs_button_new ();
  KdccJobsButton *jobs = KDCC_JOBS_BUTTON (jobs_button);
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *window;
  GtkListBoxRow *row;
  KdccJobRow *job_row;
  guint16 port;

  g_assert_no_error (error);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (accept_and_hold_cb), held);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  source = kdcc_dashboard_source_new (url, "admin", "not-used", NULL);
  session = session_for (KDCC_SOURCE (source), KDCC_PROFILE_KIND_DASHBOARD);
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  kdcc_diagnostics_panel_set_folder (diag, dir);
  kdcc_diagnostics_panel_set_job_manager (diag, manager);
  kdcc_jobs_button_set_job_manager (jobs, manager);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), jobs_button);
  window = gtk_window_new ();
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));

  /* No jobs: no button. */
  g_assert_false (gtk_widget_get_visible (jobs_button));

  kdcc_diagnostics_panel_gather (diag);
  g_assert_true (kdcc_test_wait_until (progress_shows_item, diag, 10000));
  job = g_object_ref (kdcc_diagnostics_panel_get_job (diag));
  g_assert_true (gtk_widget_get_visible (jobs_button));
  g_assert_cmpstr (kdcc_jobs_button_get_count_text (jobs), ==, "1");
  g_assert_true (g_str_has_prefix (kdcc_job_get_status (job), "Gathering "));
  g_assert_cmpfloat (kdcc_job_get_fraction (job), <, 1.0);

  /* The popover lists the job with its progress and a Cancel button. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (kdcc_jobs_button_get_menu_button (jobs)));
  row = gtk_list_box_get_row_at_index (kdcc_jobs_button_get_list (jobs), 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (kdcc_jobs_button_get_list (jobs), 1));
  job_row = KDCC_JOB_ROW (gtk_list_box_row_get_child (row));
  g_assert_true (kdcc_job_row_get_job (job_row) == job);
  g_assert_true (g_str_has_prefix (kdcc_job_row_get_status_text (job_row), "Gathering "));
  g_assert_true (gtk_widget_get_visible (kdcc_job_row_get_cancel_button (job_row)));
  g_assert_false (gtk_widget_get_sensitive (kdcc_jobs_button_get_clear_button (jobs)));
  kdcc_test_wait_for_paint (kdcc_jobs_button_get_popover (jobs), 5000);
  png = kdcc_test_screenshot (kdcc_jobs_button_get_popover (jobs), "jobs-popover");
  g_test_message ("screenshot: %s", png);
  g_clear_pointer (&png, g_free);
  png = kdcc_test_screenshot (window, "jobs-button");
  g_test_message ("screenshot: %s", png);

  /* Cancel, as a user clicks the row's button. */
  g_signal_emit_by_name (kdcc_job_row_get_cancel_button (job_row), "clicked");
  g_assert_true (g_cancellable_is_cancelled (kdcc_job_get_cancellable (job)));
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 10000));
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_CANCELLED);
  g_assert_error (kdcc_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (kdcc_job_get_result (job));
  g_assert_true (kdcc_test_wait_until (state_is_not_running, diag, 10000));
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "cancelled");
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 0);
  g_assert_cmpuint (kdcc_job_manager_get_n_running (manager), ==, 0);

  /* The finished job stays listed until cleared; then the button goes. */
  g_assert_false (gtk_widget_get_visible (kdcc_job_row_get_cancel_button (job_row)));
  g_assert_cmpstr (kdcc_job_row_get_status_text (job_row), ==, "Cancelled");
  g_assert_true (gtk_widget_get_visible (jobs_button));
  g_assert_true (gtk_widget_get_sensitive (kdcc_jobs_button_get_clear_button (jobs)));
  g_assert_cmpstr (kdcc_jobs_button_get_count_text (jobs), ==, "0");
  g_signal_emit_by_name (kdcc_jobs_button_get_clear_button (jobs), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (kdcc_jobs_button_get_list (jobs), 0));
  g_assert_false (gtk_widget_get_visible (jobs_button));

  gtk_window_destroy (GTK_WINDOW (window));
  g_socket_service_stop (service);
  kdcc_test_remove_tree (dir);
}

/* Closing the window while gathering cancels the run: nothing is left
 * behind, and the late answers find no panel to update. */
static void
test_close_while_running (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccDiagnostics) diagnostics = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-diag-panel-XXXXXX", &error);
  GtkWidget *panel = kdcc_diagnostics_panel_new ();
  KdccDiagnosticsPanel *diag = KDCC_DIAGNOSTICS_PANEL (panel);
  GtkWidget *window;
  guint16 port;

  g_assert_no_error (error);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (accept_and_hold_cb), held);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  source = kdcc_dashboard_source_new (url, "admin", "not-used", NULL);
  session = session_for (KDCC_SOURCE (source), KDCC_PROFILE_KIND_DASHBOARD);
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  kdcc_diagnostics_panel_set_folder (diag, dir);
  window = make_window (panel);

  kdcc_diagnostics_panel_gather (diag);
  g_assert_true (kdcc_test_wait_until (progress_shows_item, diag, 10000));
  diagnostics = g_object_ref (kdcc_diagnostics_panel_get_diagnostics (diag));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The gatherer winds down by itself once the panel is gone. */
  g_assert_true (kdcc_test_wait_until (gatherer_stopped,
                                       diagnostics, 10000));
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 0);
  g_socket_service_stop (service);
  kdcc_test_remove_tree (dir);
}

/* In the real window the panel gathers through the window's session, which
 * the window created from the profile: nothing is set on the panel. */
static void
test_in_window (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autofree char *profiles = kdcc_test_profiles_path ();
  g_autoptr(KdccSettings) settings = kdcc_settings_new ();
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (profiles);
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-diag-panel-XXXXXX", &error);
  KdccWindow *window = kdcc_window_new (NULL, settings, store, secrets, NULL);
  KdccDiagnosticsPanel *diag;

  g_assert_no_error (error);
  kdcc_profile_set_name (profile, "Window Cluster");
  kdcc_profile_set_conf_path (profile, cluster->conf);
  kdcc_profile_set_keyring_path (profile, cluster->keyring);
  kdcc_profile_set_client_id (profile, cluster->client_id);
  gtk_window_present (GTK_WINDOW (window));

  diag = KDCC_DIAGNOSTICS_PANEL (kdcc_window_get_panel (window, "diagnostics"));
  g_assert_nonnull (diag);
  kdcc_diagnostics_panel_set_folder (diag, dir);
  kdcc_window_open_profile (window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (window_has_session, window, 30000));
  g_assert_true (kdcc_panel_get_session (KDCC_PANEL (diag)) == kdcc_window_get_session (window));
  g_assert_true (kdcc_panel_get_cluster (KDCC_PANEL (diag)) == kdcc_window_get_cluster (window));

  kdcc_diagnostics_panel_gather (diag);
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "running");
  g_assert_true (kdcc_diagnostics_get_source (kdcc_diagnostics_panel_get_diagnostics (diag)) ==
                 kdcc_session_get_source (kdcc_window_get_session (window)));
  /* The window gave the panel its job manager: the header lists the job. */
  g_assert_true (kdcc_diagnostics_panel_get_job_manager (diag) == kdcc_window_get_job_manager (window));
  g_assert_cmpuint (kdcc_job_manager_get_n_running (kdcc_window_get_job_manager (window)), ==, 1);
  g_assert_true (kdcc_test_wait_until (state_is_not_running, diag, 120000));
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "done");
  g_assert_cmpuint (kdcc_test_count_dir_entries (dir), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_settle (50);
  kdcc_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/diagnostics-panel/no-source", test_no_source);
  g_test_add_func ("/diagnostics-panel/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/diagnostics-panel/cancel-via-job", test_cancel_via_job);
  g_test_add_func ("/diagnostics-panel/close-while-running", test_close_while_running);

  /* These need the real test cluster (not run with -Dlive_tests=false). */
  if (kdcc_test_have_cluster ())
    {
      g_test_add_func ("/diagnostics-panel/gather", test_gather);
      g_test_add_func ("/diagnostics-panel/in-window", test_in_window);
    }

  return kdcc_test_run ();
}
