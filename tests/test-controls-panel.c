/* test-controls-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Configuration and Staged Changes pages under Xvfb, against the real
 * shared test cluster: an option is found by search, edited (a wrong value
 * is refused in place), staged with a restart-needing one, both applied as
 * a job and read back with `ceph config dump -f json`; the daemons then
 * show as needing a restart; the batch is rolled back and the cluster is
 * as before. A risky option asks in kdcc_stage_request's dialog (with the
 * command) and stages nothing when cancelled. The staged changes are
 * reordered with Alt+Up (the apply order follows) and copied and exported
 * as a script, asserted line by line. Changes the shared cluster, hence
 * is_parallel: false. Screenshots: configuration.png,
 * configuration-changed.png, option-editor.png,
 * option-editor-risky.png, staging.png, staging-dark.png,
 * staging-reordered.png, pending-restarts.png, pending-restarts-dark.png.
 */
#define G_LOG_DOMAIN "test-controls-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-cluster-flags-panel.h"
#include "kdcc-configuration-panel.h"
#include "kdcc-controls-state.h"
#include "kdcc-option-editor.h"
#include "kdcc-stage-request.h"
#include "kdcc-staging-panel.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"

#define RUNTIME_OPTION "osd_recovery_sleep"
#define RESTART_OPTION "gss_target_name"

static gboolean
catalog_loaded (gpointer data)
{
  return kdcc_config_catalog_get_loaded (data);
}

static gboolean
filter_done (gpointer data)
{
  return gtk_filter_list_model_get_pending (data) == 0;
}

static gboolean
status_is_staged (gpointer data)
{
  const char *status = kdcc_option_editor_get_status (data);

  return status != NULL && g_str_has_prefix (status, "Staged: ");
}

static gboolean
flags_status_set (gpointer data)
{
  return kdcc_cluster_flags_panel_get_status (data) != NULL;
}

static gboolean
job_is_finished (gpointer data)
{
  return kdcc_job_is_finished (data);
}

static gboolean
has_restarts (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static gboolean
no_restarts (gpointer data)
{
  return g_list_model_get_n_items (data) == 0;
}

/* The value `ceph config dump` shows for NAME in SECTION, or NULL. */
static char *
dump_value (KdccTestCluster *cluster,
            const char      *section,
            const char      *name)
{
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "config", "dump", NULL);
  JsonArray *array = json_node_get_array (dump);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "section"), section) == 0
          && g_strcmp0 (json_object_get_string_member (entry, "name"), name) == 0)
        return g_strdup (json_object_get_string_member (entry, "value"));
    }
  return NULL;
}

static void
clean_cluster (KdccTestCluster *cluster)
{
  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "osd", RUNTIME_OPTION, NULL));
  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "osd", RESTART_OPTION, NULL));
}

static GtkWidget *
make_window (GtkWidget *child,
             int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* As the window does: the sub-page replaces what the editor window shows. */
static GtkWidget *editor_window;

static void
push_subpage_cb (KdccPanel  *panel,
                 GtkWidget  *page,
                 const char *title)
{
  if (editor_window == NULL)
    {
      editor_window = gtk_window_new ();
      gtk_window_set_default_size (GTK_WINDOW (editor_window), 900, 1000);
    }
  gtk_window_set_title (GTK_WINDOW (editor_window), title);
  gtk_window_set_child (GTK_WINDOW (editor_window), page);
  gtk_window_present (GTK_WINDOW (editor_window));
}

static void
dark_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *png = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (window, name);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  kdcc_test_settle (200);
}

static gboolean
dialog_open (gpointer data)
{
  return kdcc_stage_request_get_dialog () != NULL;
}

/* The first widget under ROOT (depth first) that MATCH accepts. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_multi_list (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget)
         && gtk_list_box_get_selection_mode (GTK_LIST_BOX (widget)) == GTK_SELECTION_MULTIPLE;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The action WIDGET's own shortcut TRIGGER ("<Alt>Up") activates, or NULL. */
static const char *
shortcut_action (GtkWidget  *widget,
                 const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_strcmp0 (text, trigger) == 0 && GTK_IS_NAMED_ACTION (action))
            return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }
  return NULL;
}

/* The command of the staged change at POSITION of MODEL. */
static const char *
cli_at (GListModel *model,
        guint       position)
{
  g_autoptr(KdccStagedChange) change = g_list_model_get_item (model, position);

  g_assert_nonnull (change);
  /* The staging area keeps its own reference. */
  return kdcc_staged_change_get_cli (change);
}

static void
stage_in_editor (KdccConfigurationPanel *panel,
                 const char             *name,
                 const char             *target,
                 const char             *value)
{
  KdccOptionEditor *editor;

  g_assert_true (kdcc_configuration_panel_show_option (panel, name));
  editor = KDCC_OPTION_EDITOR (kdcc_configuration_panel_get_editor (panel));
  g_assert_nonnull (editor);
  kdcc_option_editor_set_target (editor, target);
  kdcc_option_editor_set_value (editor, value);
  g_assert_null (kdcc_option_editor_get_error (editor));
  kdcc_option_editor_stage (editor, FALSE);
  g_assert_true (kdcc_test_wait_until (status_is_staged, editor, 30000));
}

static void
test_find_edit_stage_apply (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_direct_profile (cluster);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccJobManager) manager = kdcc_job_manager_new ();
  g_autofree char *png = NULL;
  g_autofree char *value = NULL;
  GtkWidget *config_panel = kdcc_configuration_panel_new ();
  KdccConfigurationPanel *config = KDCC_CONFIGURATION_PANEL (config_panel);
  GtkWidget *staging_widget;
  KdccStagingPanel *staging_panel;
  KdccControlsState *state;
  KdccConfigCatalog *catalog;
  KdccStaging *staging;
  KdccOptionEditor *editor;
  GListModel *shown;
  GListModel *batch;
  GListModel *restarts;
  GtkWidget *window;
  GtkWidget *staging_window;
  KdccJob *job;
  gboolean found = FALSE;

  clean_cluster (cluster);
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)), ==, cluster->fsid);

  /* Every option, in a virtualized list. */
  kdcc_panel_set_session (KDCC_PANEL (config_panel), session);
  g_signal_connect (config_panel, "push-subpage", G_CALLBACK (push_subpage_cb), NULL);
  window = make_window (config_panel, 800);
  state = kdcc_controls_state_get (session);
  catalog = kdcc_controls_state_get_catalog (state);
  g_assert_true (kdcc_test_wait_until (catalog_loaded, catalog, 60000));
  shown = kdcc_configuration_panel_get_shown (config);
  g_assert_true (kdcc_test_wait_until (filter_done, shown, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (catalog)));
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (window, "configuration");
  g_clear_pointer (&png, g_free);

  /* Found by search, word by word, in name or description. */
  kdcc_configuration_panel_set_search (config, "recovery sleep");
  g_assert_true (kdcc_test_wait_until (filter_done, shown, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 50);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(KdccConfigOption) option = g_list_model_get_item (shown, i);

      if (g_strcmp0 (kdcc_config_option_get_name (option), RUNTIME_OPTION) == 0)
        found = TRUE;
    }
  g_assert_true (found);
  kdcc_configuration_panel_set_search (config, "zzqx-no-such-option");
  g_assert_true (kdcc_test_wait_until (filter_done, shown, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  kdcc_configuration_panel_set_search (config, "");

  /* Changed from default: only options with a stored value. */
  kdcc_configuration_panel_set_changed_only (config, TRUE);
  g_assert_true (kdcc_test_wait_until (filter_done, shown, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, kdcc_config_catalog_get_n_changed (catalog));
  /* Their rows show the value set (one widget per row: kdcc-option-row). */
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (window, "configuration-changed");
  g_clear_pointer (&png, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(KdccConfigOption) option = g_list_model_get_item (shown, i);

      g_assert_true (kdcc_config_option_get_changed (option));
    }
  kdcc_configuration_panel_set_changed_only (config, FALSE);

  /* The editor refuses a wrong value in place, before staging. */
  g_assert_true (kdcc_configuration_panel_show_option (config, RUNTIME_OPTION));
  editor = KDCC_OPTION_EDITOR (kdcc_configuration_panel_get_editor (config));
  kdcc_option_editor_set_target (editor, "osd");
  kdcc_option_editor_set_value (editor, "fast");
  g_assert_nonnull (kdcc_option_editor_get_error (editor));
  kdcc_option_editor_stage (editor, FALSE);
  g_assert_null (kdcc_option_editor_get_status (editor));
  kdcc_option_editor_set_value (editor, "0.25");
  g_assert_null (kdcc_option_editor_get_error (editor));
  kdcc_option_editor_stage (editor, FALSE);
  g_assert_true (kdcc_test_wait_until (status_is_staged, editor, 30000));
  g_assert_cmpstr (kdcc_option_editor_get_status (editor), ==,
                   "Staged: ceph config set osd " RUNTIME_OPTION " 0.25");
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (editor_window, "option-editor");
  g_clear_pointer (&png, g_free);

  /* A risky value asks in the one stage dialog, which shows the command;
   * cancelled, nothing is staged and nothing reported. */
  g_assert_true (kdcc_configuration_panel_show_option (config, "mon_max_pg_per_osd"));
  editor = KDCC_OPTION_EDITOR (kdcc_configuration_panel_get_editor (config));
  kdcc_option_editor_set_target (editor, "global");
  kdcc_option_editor_set_value (editor, "500");
  g_assert_null (kdcc_option_editor_get_error (editor));
  kdcc_option_editor_stage (editor, FALSE);
  g_assert_true (kdcc_test_wait_until (dialog_open, NULL, 5000));
  {
    const char *body = adw_message_dialog_get_body (kdcc_stage_request_get_dialog ());

    g_assert_nonnull (strstr (body, "ceph config set global mon_max_pg_per_osd 500"));
    g_assert_nonnull (strstr (body, "the limit exists to protect them"));
  }
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (kdcc_stage_request_get_dialog ()), "option-editor-risky");
  g_clear_pointer (&png, g_free);
  adw_message_dialog_response (kdcc_stage_request_get_dialog (), "cancel");
  g_assert_null (kdcc_stage_request_get_dialog ());
  kdcc_test_settle (200);
  g_assert_null (kdcc_option_editor_get_status (editor));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdcc_controls_state_get_staging (kdcc_controls_state_get (session)))),
                    ==, 1);

  /* One that needs a restart. */
  stage_in_editor (config, RESTART_OPTION, "osd", "kdcc-ui-test");

  staging = kdcc_controls_state_get_staging (state);
  g_assert_nonnull (staging);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 2);

  /* A cluster flag goes into the same staging area; dropped again, the
   * test applies only the two options. */
  {
    GtkWidget *flags_panel = kdcc_cluster_flags_panel_new ();
    GtkWidget *flags_window;

    kdcc_panel_set_session (KDCC_PANEL (flags_panel), session);
    flags_window = make_window (flags_panel, 900);
    /* noout is a risk Ceph warns about: confirmed here as in the dialog. */
    kdcc_cluster_flags_panel_stage (KDCC_CLUSTER_FLAGS_PANEL (flags_panel), "noout", TRUE, TRUE);
    g_assert_true (kdcc_test_wait_until (flags_status_set, flags_panel, 30000));
    g_assert_cmpstr (kdcc_cluster_flags_panel_get_status (KDCC_CLUSTER_FLAGS_PANEL (flags_panel)), ==,
                     "Staged: ceph osd set noout");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 3);
    kdcc_test_settle (300);
    png = kdcc_test_screenshot (flags_window, "cluster-flags");
    g_clear_pointer (&png, g_free);
    g_assert_true (kdcc_staging_drop (staging, 2, &error));
    g_assert_no_error (error);
    gtk_window_destroy (GTK_WINDOW (flags_window));
  }

  /* The staging area shows both, with their commands. */
  staging_widget = kdcc_staging_panel_new ();
  staging_panel = KDCC_STAGING_PANEL (staging_widget);
  g_object_set (staging_widget, "job-manager", manager, NULL);
  kdcc_panel_set_session (KDCC_PANEL (staging_widget), session);
  staging_window = make_window (staging_widget, 1100);
  {
    g_autofree char *badge = NULL;

    /* The count the sidebar row shows. */
    g_object_get (staging_widget, "badge", &badge, NULL);
    g_assert_cmpstr (badge, ==, "2");
  }
  kdcc_test_settle (600);
  png = kdcc_test_screenshot (staging_window, "staging");
  g_clear_pointer (&png, g_free);
  dark_screenshot (staging_window, "staging-dark");

  /* Alt+Up moves the selected change up: the restart-needing one first. */
  g_assert_cmpstr (shortcut_action (staging_widget, "<Alt>Up"), ==, "staging.move-up");
  g_assert_cmpstr (shortcut_action (staging_widget, "<Alt>Down"), ==, "staging.move-down");
  {
    GtkListBox *list = GTK_LIST_BOX (find_widget (staging_widget, is_multi_list, NULL));
    g_autoptr(GList) selected = NULL;

    g_assert_nonnull (list);
    gtk_list_box_unselect_all (list);
    gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
    /* As a click does: the row is focused too. The move follows the focused
     * row first, and the window may have given its first row the focus when
     * it was shown, depending on when the window manager activated it. */
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)));
    g_assert_true (gtk_widget_activate_action (staging_widget, "staging.move-up", NULL));
    g_assert_cmpstr (cli_at (G_LIST_MODEL (staging), 0), ==,
                     "ceph config set osd " RESTART_OPTION " kdcc-ui-test");
    g_assert_cmpstr (cli_at (G_LIST_MODEL (staging), 1), ==,
                     "ceph config set osd " RUNTIME_OPTION " 0.25");
    /* The moved change stays selected; at the top it moves no further. */
    selected = gtk_list_box_get_selected_rows (list);
    g_assert_cmpuint (g_list_length (selected), ==, 1);
    g_assert_cmpint (gtk_list_box_row_get_index (selected->data), ==, 0);
    g_assert_true (gtk_widget_activate_action (staging_widget, "staging.move-up", NULL));
    g_assert_cmpstr (cli_at (G_LIST_MODEL (staging), 0), ==,
                     "ceph config set osd " RESTART_OPTION " kdcc-ui-test");
    /* Down and up again: the order survives the round trip. */
    g_assert_true (gtk_widget_activate_action (staging_widget, "staging.move-down", NULL));
    g_assert_cmpstr (cli_at (G_LIST_MODEL (staging), 1), ==,
                     "ceph config set osd " RESTART_OPTION " kdcc-ui-test");
    g_assert_true (gtk_widget_activate_action (staging_widget, "staging.move-up", NULL));
    g_assert_cmpstr (cli_at (G_LIST_MODEL (staging), 0), ==,
                     "ceph config set osd " RESTART_OPTION " kdcc-ui-test");
  }

  /* The script, copied and exported: the commands in the new order. */
  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "kdcc-staged-script.sh", NULL);
    g_autofree char *exported = NULL;
    g_autofree char *fsid_line = g_strconcat ("# KDCC staged changes for cluster ",
                                              cluster->fsid, NULL);
    g_auto(GStrv) lines = NULL;
    GdkClipboard *clipboard = gtk_widget_get_clipboard (staging_widget);
    GValue copied = G_VALUE_INIT;

    g_signal_emit_by_name (find_widget (staging_widget, is_button_labelled, "Copy as _Script"),
                           "clicked");
    g_value_init (&copied, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &copied,
                                                   &error));
    g_assert_no_error (error);
    g_assert_true (kdcc_staging_panel_export_script (staging_panel, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &exported, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));
    g_assert_cmpstr (exported, ==, g_value_get_string (&copied));
    g_value_unset (&copied);
    lines = g_strsplit (exported, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 7);
    g_assert_cmpstr (lines[0], ==, "#!/bin/sh");
    g_assert_cmpstr (lines[1], ==, fsid_line);
    g_assert_cmpstr (lines[2], ==, "set -e");
    g_assert_cmpstr (lines[3], ==, "# needs a restart of osd to take effect");
    g_assert_cmpstr (lines[4], ==, "ceph config set osd " RESTART_OPTION " kdcc-ui-test");
    g_assert_cmpstr (lines[5], ==, "ceph config set osd " RUNTIME_OPTION " 0.25");
    g_assert_cmpstr (lines[6], ==, "");
    g_assert_no_errno (g_unlink (path));
  }
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (staging_window, "staging-reordered");
  g_clear_pointer (&png, g_free);

  /* Apply all: one job, each change read back. */
  job = kdcc_staging_panel_apply_all (staging_panel);
  g_assert_nonnull (job);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 60000));
  g_assert_null (kdcc_job_get_error (job));
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);
  {
    g_autofree char *badge = NULL;

    g_object_get (staging_widget, "badge", &badge, NULL);
    g_assert_null (badge);
  }
  batch = kdcc_staging_get_last_batch (staging);
  g_assert_nonnull (batch);
  g_assert_cmpuint (g_list_model_get_n_items (batch), ==, 2);
  /* Applied in the order shown, the moved one first. */
  g_assert_cmpstr (cli_at (batch, 0), ==, "ceph config set osd " RESTART_OPTION " kdcc-ui-test");
  g_assert_cmpstr (cli_at (batch, 1), ==, "ceph config set osd " RUNTIME_OPTION " 0.25");
  {
    GListModel *audit = G_LIST_MODEL (kdcc_controls_state_get_audit (state));
    guint n = g_list_model_get_n_items (audit);
    g_autoptr(KdccAuditEntry) first = g_list_model_get_item (audit, n - 2);
    g_autoptr(KdccAuditEntry) second = g_list_model_get_item (audit, n - 1);

    g_assert_cmpstr (kdcc_audit_entry_get_cli (first), ==,
                     "ceph config set osd " RESTART_OPTION " kdcc-ui-test");
    g_assert_cmpstr (kdcc_audit_entry_get_cli (second), ==,
                     "ceph config set osd " RUNTIME_OPTION " 0.25");
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KdccStagedChange) change = g_list_model_get_item (batch, i);

      g_assert_cmpint (kdcc_staged_change_get_state (change), ==, KDCC_STAGED_VERIFIED);
    }

  /* What the cluster itself says. */
  value = dump_value (cluster, "osd", RUNTIME_OPTION);
  g_assert_nonnull (value);
  g_assert_cmpfloat (g_ascii_strtod (value, NULL), ==, 0.25);
  g_clear_pointer (&value, g_free);
  value = dump_value (cluster, "osd", RESTART_OPTION);
  g_assert_cmpstr (value, ==, "kdcc-ui-test");
  g_clear_pointer (&value, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kdcc_controls_state_get_audit (state))), >=, 2);

  /* The OSDs run the old value of the restart-needing option. */
  restarts = G_LIST_MODEL (kdcc_controls_state_get_restarts (state));
  kdcc_staging_panel_refresh_restarts (staging_panel);
  g_assert_true (kdcc_test_wait_until (has_restarts, restarts, 60000));
  {
    g_autoptr(KdccRestartItem) item = g_list_model_get_item (restarts, 0);

    g_assert_true (g_str_has_prefix (kdcc_restart_item_get_daemon (item), "osd."));
    g_assert_true (g_strv_contains (kdcc_restart_item_get_options (item), RESTART_OPTION));
  }
  kdcc_test_settle (600);
  png = kdcc_test_screenshot (staging_window, "pending-restarts");
  g_clear_pointer (&png, g_free);
  dark_screenshot (staging_window, "pending-restarts-dark");

  /* Roll back: the cluster is as before. */
  job = kdcc_staging_panel_roll_back (staging_panel);
  g_assert_nonnull (job);
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 60000));
  g_assert_null (kdcc_job_get_error (job));
  value = dump_value (cluster, "osd", RUNTIME_OPTION);
  g_assert_null (value);
  value = dump_value (cluster, "osd", RESTART_OPTION);
  g_assert_null (value);
  kdcc_staging_panel_refresh_restarts (staging_panel);
  g_assert_true (kdcc_test_wait_until (no_restarts, restarts, 60000));

  gtk_window_destroy (GTK_WINDOW (editor_window));
  editor_window = NULL;
  gtk_window_destroy (GTK_WINDOW (staging_window));
  gtk_window_destroy (GTK_WINDOW (window));
  clean_cluster (cluster);
}

/* Without a session the page lists nothing and filters without failing. */
static void
test_no_session (void)
{
  GtkWidget *panel = kdcc_configuration_panel_new ();
  KdccConfigurationPanel *config = KDCC_CONFIGURATION_PANEL (panel);
  GtkWidget *window = make_window (panel, 600);

  g_assert_cmpuint (g_list_model_get_n_items (kdcc_configuration_panel_get_shown (config)), ==, 0);
  kdcc_configuration_panel_set_search (config, "osd");
  kdcc_configuration_panel_set_changed_only (config, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_configuration_panel_get_shown (config)), ==, 0);
  g_assert_false (kdcc_configuration_panel_show_option (config, "osd_max_backfills"));
  g_assert_null (kdcc_configuration_panel_get_editor (config));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  data_home = g_dir_make_tmp ("kdcc-controls-panel-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/controls-panel/no-session", test_no_session);
  if (kdcc_test_have_cluster ())
    g_test_add_func ("/controls-panel/find-edit-stage-apply", test_find_edit_stage_apply);

  return kdcc_test_run ();
}
