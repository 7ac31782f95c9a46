/* test-rook-upgrade-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Rook upgrade's view (issue 15) against the fake Kubernetes API and
 * its fake Rook operator in "stall" mode: the plan with its kubectl
 * commands and the preflight (screenshot rook-upgrade-plan), a roll
 * started from the view, progress per daemon with the second OSD's pod
 * never ready, explained with its deployment and waiting time
 * (rook-upgrade-stall), a pause that scales the operator to 0 (checked
 * with kubectl; rook-upgrade-paused) and an abort. No Ceph cluster.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-kubeconfig.h"
#include "kdcc-rook-upgrade-view.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

#define FSID "5c1d15a0-0000-4000-8000-00000000b015"

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static gboolean
loaded (gpointer data)
{
  return kdcc_rook_upgrade_view_get_loaded (data);
}

static gboolean
stalled (gpointer data)
{
  g_autoptr(KdccUpgradeState) state = kdcc_rook_upgrade_view_dup_state (data);
  g_autofree char *text = kdcc_rook_upgrade_view_dup_wait_text (data);

  return state != NULL && g_strcmp0 (state->wait_gate, "pod-not-ready") == 0
         && g_strcmp0 (state->wait_daemon, "osd.1") == 0
         && g_get_real_time () - state->wait_since >= 3 * G_USEC_PER_SEC
         && text != NULL && strstr (text, "deployment rook-ceph-osd-1: pod not ready") != NULL;
}

static gboolean
paused (gpointer data)
{
  g_autoptr(KdccUpgradeState) state = kdcc_rook_upgrade_view_dup_state (data);

  return !kdcc_rook_upgrade_view_get_running (data) && state != NULL
         && state->state == KDCC_UPGRADE_RUN_PAUSED;
}

static gboolean
aborted (gpointer data)
{
  g_autoptr(KdccUpgradeState) state = kdcc_rook_upgrade_view_dup_state (data);

  return state != NULL && state->state == KDCC_UPGRADE_RUN_ABORTED;
}

static char *
operator_replicas (KdccTestKube *kube)
{
  char *out = NULL;

  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, NULL, "--namespace", "rook-ceph",
                                           "get", "deploy/rook-ceph-operator", "-o",
                                           "jsonpath={.spec.replicas}", NULL), ==, 0);
  return out;
}

static void
test_view (void)
{
  g_autofree char *objects = kdcc_test_kube_rook_upgrade_objects ("v1.12.11", "16.2.15", FSID);
  g_autoptr(KdccTestKube) kube = kdcc_test_kube_start (objects, NULL);
  g_autofree char *tmpdir = g_dir_make_tmp ("kdcc-test-rook-view-XXXXXX", NULL);
  g_autoptr(JsonObject) answer = kdcc_test_kube_control (kube, "rook-upgrade/stall");
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(KdccUpgradeState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autofree char *replicas = NULL;
  GtkWidget *view, *window;

  g_assert_cmpstr (json_object_get_string_member (answer, "rook-upgrade"), ==, "stall");
  g_setenv ("XDG_STATE_HOME", tmpdir, TRUE);
  kc = kdcc_kubeconfig_load (kube->kubeconfig, &error);
  g_assert_no_error (error);
  ctx = kdcc_kubeconfig_resolve (kc, "admin", &error);
  g_assert_no_error (error);
  client = kdcc_kube_client_new (ctx);

  view = kdcc_rook_upgrade_view_new (client, "rook-ceph", "reef", NULL);
  kdcc_rook_upgrade_view_set_timing (KDCC_ROOK_UPGRADE_VIEW (view), 100, 2);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1300);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  /* 1. The plan and the preflight. */
  g_assert_true (kdcc_test_wait_until (loaded, view, 60000));
  g_assert_null (kdcc_rook_upgrade_view_dup_state (KDCC_ROOK_UPGRADE_VIEW (view)));
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "rook-upgrade-plan");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_pointer (&png, g_free);

  /* 2. Started here: the mons and the mgr roll, the second OSD stalls. */
  kdcc_rook_upgrade_view_start (KDCC_ROOK_UPGRADE_VIEW (view), FALSE);
  g_assert_true (kdcc_rook_upgrade_view_get_running (KDCC_ROOK_UPGRADE_VIEW (view)));
  g_assert_true (kdcc_test_wait_until (stalled, view, 120000));
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "rook-upgrade-stall");
  g_clear_pointer (&png, g_free);

  /* 3. Pause: Rook's operator scaled to 0, the run stopped. */
  kdcc_rook_upgrade_view_pause (KDCC_ROOK_UPGRADE_VIEW (view));
  g_assert_true (kdcc_test_wait_until (paused, view, 60000));
  replicas = operator_replicas (kube);
  g_assert_cmpstr (replicas, ==, "0");
  g_clear_pointer (&replicas, g_free);
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "rook-upgrade-paused");
  g_clear_pointer (&png, g_free);

  /* 4. Abort: the operator back, the way back said. */
  kdcc_rook_upgrade_view_abort (KDCC_ROOK_UPGRADE_VIEW (view));
  g_assert_true (kdcc_test_wait_until (aborted, view, 60000));
  state = kdcc_rook_upgrade_view_dup_state (KDCC_ROOK_UPGRADE_VIEW (view));
  g_assert_nonnull (strstr (state->message, "cannot go back"));
  replicas = operator_replicas (kube);
  g_assert_cmpstr (replicas, ==, "1");

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_settle (200);
  remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/rook-upgrade-view/roll", test_view);

  return kdcc_test_run ();
}
