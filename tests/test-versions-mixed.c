/* test-versions-mixed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Versions page on a real mixed-version cluster: a private Pacific
 * cluster of tests/cluster whose mon and osd.0 are restarted on the Reef
 * binaries (the harness's upgrade-daemon, the chroot in /var/cache/kdcc),
 * so the mgr, osd.1 and osd.2 lag on Pacific, as in the middle of a
 * rolling upgrade. The page must flag mixed versions and name exactly the
 * daemons that lag (screenshot versions-mixed).
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-versions-panel.h"

#define PACIFIC "16.2.15"
#define REEF    "18.2.7"

static gboolean
shows_mixed (gpointer data)
{
  g_autofree char *text = kdcc_versions_panel_dup_daemons_text (data);

  /* Named daemons (metadata read) and the mixed row filled. */
  return strstr (text, "osd.1\t") != NULL &&
         strstr (kdcc_versions_panel_get_row_text (data, "mixed"), "osd.1") != NULL;
}

static void
test_mixed (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) versions = NULL;
  KdccTestRefreshes refreshes = { NULL, };
  GtkWidget *panel;
  GtkWidget *window;
  KdccVersionsPanel *self;
  g_autofree char *daemons = NULL;
  g_autofree char *png = NULL;
  const char *mixed;

  /* Mid-upgrade, in the guides' order (noout, mons first), stopped after
   * one OSD; the mgr waits too (a Reef mgr here loses its Python modules,
   * which this page does not need). */
  g_free (kdcc_test_ceph_text (cluster, "osd", "set", "noout", NULL));
  kdcc_test_cluster_upgrade_daemon (cluster, "mon", "reef");
  kdcc_test_cluster_upgrade_daemon (cluster, "osd.0", "reef");
  versions = kdcc_test_ceph_json (cluster, "versions", NULL);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_node_get_object (versions),
                                                                         "overall")), ==, 2);

  profile = kdcc_test_direct_profile (cluster);
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  kdcc_test_session_start_fast (session, 5, &refreshes);

  panel = kdcc_versions_panel_new ();
  self = KDCC_VERSIONS_PANEL (panel);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1000);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (kdcc_test_wait_until (shows_mixed, self, 120000));
  daemons = kdcc_versions_panel_dup_daemons_text (self);
  mixed = kdcc_versions_panel_get_row_text (self, "mixed");
  g_test_message ("%s\n%s", mixed, daemons);

  /* The lagging daemons are named, on their version; the upgraded ones not. */
  g_assert_true (g_str_has_prefix (mixed, "Behind " REEF ":"));
  g_assert_nonnull (strstr (mixed, "mgr.x (" PACIFIC ")"));
  g_assert_nonnull (strstr (mixed, "osd.1 (" PACIFIC ")"));
  g_assert_nonnull (strstr (mixed, "osd.2 (" PACIFIC ")"));
  g_assert_null (strstr (mixed, "osd.0"));
  g_assert_null (strstr (mixed, "mon.a"));
  g_assert_nonnull (strstr (daemons, "osd.1\t" PACIFIC "\tlags\n"));
  g_assert_nonnull (strstr (daemons, "osd.0\t" REEF "\n"));
  g_assert_nonnull (strstr (daemons, "mon.a\t" REEF "\n"));
  /* The oldest version decides the release shown as running. */
  g_assert_nonnull (strstr (kdcc_versions_panel_get_row_text (self, "running"), PACIFIC));

  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "versions-mixed");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/versions-mixed/mid-upgrade", test_mixed);

  return kdcc_test_run ();
}
