/* test-demo-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Start a Local Demo Cluster" from the first-run page: the window runs the
 * real cluster tool in a subprocess (the main loop keeps turning meanwhile),
 * connects to what it started, and the cluster is gone after stop().
 */
#include "config.h"

#include <adwaita.h>

#include "kdcc-demo-cluster.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"
#include "kdcc-window.h"

static gboolean
page_is_cluster (gpointer data)
{
  return g_strcmp0 (kdcc_window_get_visible_page (data), "cluster") == 0;
}

static gboolean
page_is_progress (gpointer data)
{
  return g_strcmp0 (kdcc_window_get_visible_page (data), "progress") == 0;
}

static gboolean
tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_start_from_window (void)
{
  g_autofree char *path = kdcc_test_profiles_path ();
  g_autoptr(KdccSettings) settings = kdcc_settings_new ();
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (path);
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  g_autoptr(KdccDemoCluster) demo = kdcc_demo_cluster_new ();
  g_autofree char *dir = NULL;
  g_autofree char *png = NULL;
  KdccWindow *window;
  guint ticks = 0;
  guint tick_id;
  gint64 started;
  gint64 elapsed_ms;

  g_setenv ("KDCC_DEMO_CLUSTER_TOOL", g_getenv ("KDCC_TEST_CLUSTER_TOOL"), TRUE);
  g_assert_true (kdcc_demo_cluster_is_available ());

  window = kdcc_window_new (NULL, settings, store, secrets, demo);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));

  /* Ticks counted while the cluster starts prove the main loop never
   * waited for the subprocess. */
  tick_id = g_timeout_add (100, tick_cb, &ticks);
  started = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-demo", NULL));
  g_assert_true (page_is_progress (window));
  kdcc_test_settle (300);
  png = kdcc_test_screenshot (GTK_WIDGET (window), "demo-starting");

  g_assert_true (kdcc_test_wait_until (page_is_cluster, window, 240000));
  g_source_remove (tick_id);
  elapsed_ms = (g_get_monotonic_time () - started) / 1000;
  g_test_message ("%u main loop ticks in %" G_GINT64_FORMAT " ms while the demo cluster started",
                  ticks, elapsed_ms);
  /* A main loop blocked on the subprocess would tick about once in all
   * that time. Under ASan with software rendering one frame of the spinner
   * can take several hundred ms, so ask for one tick per second rather than
   * the ideal ten. */
  g_assert_cmpint (elapsed_ms, >, 1000);
  g_assert_cmpuint (ticks, >=, MAX (5, elapsed_ms / 1000));

  g_assert_true (kdcc_demo_cluster_get_running (demo));
  dir = g_strdup (kdcc_demo_cluster_get_dir (demo));
  g_assert_true (g_file_test (kdcc_demo_cluster_get_conf (demo), G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (kdcc_demo_cluster_get_keyring (demo), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (kdcc_profile_get_name (kdcc_window_get_profile (window)), ==,
                   "Local Demo Cluster");
  /* The demo is not saved as a profile: it is gone when the app quits. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_settle (100);

  kdcc_demo_cluster_stop (demo);
  g_assert_false (kdcc_demo_cluster_get_running (demo));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_missing_tool (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("PATH"));
  g_autofree char *tool = NULL;

  /* Without Ceph's daemons in PATH there is no demo to offer. */
  g_setenv ("PATH", "/nonexistent", TRUE);
  tool = kdcc_demo_cluster_find_tool ();
  g_setenv ("PATH", saved, TRUE);
  g_assert_null (tool);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/demo-cluster/missing-tool", test_missing_tool);

  /* These need the real test cluster (not run with -Dlive_tests=false). */
  if (kdcc_test_have_cluster ())
    {
      g_test_add_func ("/demo-cluster/start-from-window", test_start_from_window);
    }

  return kdcc_test_run ();
}
