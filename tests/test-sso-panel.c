/* test-sso-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Single Sign-On page on the shared test cluster: it reads the SSO
 * state, the roles and the accounts, and stages (never applies) a set-up
 * and an account, so the shared cluster is left as it was. The set-up
 * itself, applied and signed in through a real IdP, is test-sso-live.
 */
#define G_LOG_DOMAIN "test-sso-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kdcc-controls-state.h"
#include "kdcc-sso-panel.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"

static GtkWidget *
make_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1100);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
loaded (gpointer data)
{
  return kdcc_sso_panel_get_loaded (data);
}

static gboolean
status_starts_with (gpointer data)
{
  const char *status = kdcc_sso_panel_get_status (data);
  const char *prefix = g_object_get_data (G_OBJECT (data), "want");

  return status != NULL && g_str_has_prefix (status, prefix);
}

static void
test_no_session (void)
{
  GtkWidget *panel = kdcc_sso_panel_new ();
  GtkWidget *window = make_window (panel);

  g_object_ref (panel);
  /* Without a session nothing is read and nothing can be staged. */
  kdcc_sso_panel_stage_user (KDCC_SSO_PANEL (panel), "carol", "read-only");
  g_assert_cmpstr (kdcc_sso_panel_get_status (KDCC_SSO_PANEL (panel)), ==,
                   "Connect to a cluster first");
  g_assert_false (kdcc_sso_panel_get_loaded (KDCC_SSO_PANEL (panel)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (panel);
}

static void
test_read_and_stage (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_direct_profile (cluster);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) roles = NULL;
  g_autoptr(JsonNode) users = NULL;
  g_autofree char *want_user = NULL;
  g_autofree char *want_setup = NULL;
  g_autofree char *png = NULL;
  KdccStaging *staging;
  KdccSsoPanel *panel;
  GtkWidget *widget;
  GtkWidget *window;

  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  widget = kdcc_sso_panel_new ();
  panel = KDCC_SSO_PANEL (widget);
  kdcc_panel_set_session (KDCC_PANEL (widget), session);
  window = make_window (widget);
  g_assert_true (kdcc_test_wait_until (loaded, panel, 60000));

  /* The roles and accounts the real CLI lists. */
  roles = kdcc_test_ceph_json (cluster, "dashboard", "ac-role-show", NULL);
  users = kdcc_test_ceph_json (cluster, "dashboard", "ac-user-show", NULL);
  g_assert_cmpuint (kdcc_sso_panel_get_n_roles (panel), ==,
                    json_array_get_length (json_node_get_array (roles)));
  g_assert_cmpuint (kdcc_sso_panel_get_n_users (panel), ==,
                    json_array_get_length (json_node_get_array (users)));
  g_assert_cmpuint (kdcc_sso_panel_get_n_users (panel), >=, 1);

  /* An account for an SSO user: staged with its command. */
  staging = kdcc_controls_state_get_staging (kdcc_controls_state_get (session));
  want_user = g_strdup ("Staged: ceph dashboard ac-user-create carol -i <(openssl rand -base64 32) "
                        "read-only --force-password");
  g_object_set_data (G_OBJECT (panel), "want", want_user);
  kdcc_sso_panel_stage_user (panel, "carol", "read-only");
  g_assert_true (kdcc_test_wait_until (status_starts_with, panel, 30000));

  /* A set-up with the Dashboard's own URL, confirmed as in the dialog. */
  want_setup = g_strdup_printf ("Staged: ceph dashboard sso setup saml2 %s "
                                "https://idp.example/realms/ceph/protocol/saml/descriptor uid",
                                cluster->dashboard_url);
  g_object_set_data (G_OBJECT (panel), "want", want_setup);
  kdcc_sso_panel_stage_setup (panel, "https://idp.example/realms/ceph/protocol/saml/descriptor",
                              NULL, NULL, NULL, TRUE);
  g_assert_true (kdcc_test_wait_until (status_starts_with, panel, 30000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 2);

  /* An account's role, as its menu changes it. */
  {
    const char *new_roles[] = { "read-only", NULL };
    g_autofree char *want_roles = g_strdup_printf ("Staged: ceph dashboard ac-user-set-roles %s "
                                                   "read-only", cluster->dashboard_user);

    g_object_set_data (G_OBJECT (panel), "want", want_roles);
    kdcc_sso_panel_stage_roles (panel, cluster->dashboard_user, new_roles, FALSE);
    g_assert_true (kdcc_test_wait_until (status_starts_with, panel, 30000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 3);
    g_assert_true (kdcc_staging_drop (staging, 2, &error));
  }

  kdcc_test_settle (300);
  png = kdcc_test_screenshot (window, "sso-panel");
  g_assert_nonnull (png);

  /* Nothing was applied: the staged changes go again. */
  g_assert_true (kdcc_staging_drop (staging, 1, &error));
  g_assert_true (kdcc_staging_drop (staging, 0, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_session_close (session);
}

static void
remove_recursive (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_recursive (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("kdcc-sso-panel-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/sso-panel/no-session", test_no_session);
  if (kdcc_test_have_cluster ())
    g_test_add_func ("/sso-panel/read-and-stage", test_read_and_stage);

  status = g_test_run ();
  remove_recursive (data_home);
  return kdcc_test_exit (status);
}
