/* test-upgrade-auto-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Automatic Upgrades group of the Versions page: the mode, the
 * maintenance window and the notification switch are saved at once to the
 * cluster's setting (what the app's scheduler and `kdcc-cli upgrade auto`
 * read); a window that does not read as one is marked and not saved; a
 * second group on the same cluster shows what the first saved; the rows of
 * the window appear only in window mode (screenshot upgrade-auto-group).
 * With a cluster: the notifications' action, app.show-upgrade with the
 * fsid, opens the Versions page, whose group holds that cluster's setting
 * (screenshot upgrade-auto-versions).
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-application.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"
#include "kdcc-upgrade-auto-group.h"
#include "kdcc-versions-panel.h"
#include "kdcc-window.h"

#define FSID "5f1c2a9e-auto-group-test"

static KdccAutoUpgradeSettings *
saved (void)
{
  g_autoptr(GError) error = NULL;
  KdccAutoUpgradeSettings *settings = kdcc_auto_upgrade_settings_load (FSID, &error);

  g_assert_no_error (error);
  return settings;
}

static void
test_group (void)
{
  g_autoptr(KdccAutoUpgradeSettings) settings = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) opened = g_date_time_add_minutes (now, -30);
  g_autofree char *window_text = g_date_time_format (opened, "daily %H:%M 2h");
  g_autofree char *path = kdcc_auto_upgrade_settings_path (FSID);
  g_autofree char *png = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = kdcc_upgrade_auto_group_new ();
  GtkWidget *second;
  KdccUpgradeAutoGroup *self = KDCC_UPGRADE_AUTO_GROUP (group);

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 620);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  /* Without a cluster: insensitive, nothing saved. */
  g_assert_false (gtk_widget_get_sensitive (group));
  kdcc_upgrade_auto_group_set_fsid (self, FSID);
  g_assert_true (gtk_widget_get_sensitive (group));
  g_assert_nonnull (strstr (kdcc_upgrade_auto_group_get_status (self), "Off"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Window mode: saved at once; until a window is set, it only tells. */
  kdcc_upgrade_auto_group_set_mode (self, KDCC_AUTO_UPGRADE_WINDOW);
  settings = saved ();
  g_assert_cmpint (settings->mode, ==, KDCC_AUTO_UPGRADE_WINDOW);
  g_assert_cmpuint (settings->window.days, ==, 0);
  g_assert_nonnull (strstr (kdcc_upgrade_auto_group_get_status (self), "Set a maintenance window"));
  g_clear_pointer (&settings, kdcc_auto_upgrade_settings_free);

  /* Not a window: marked, not saved, and the status says why. */
  g_assert_false (kdcc_upgrade_auto_group_apply_window (self, "Sat 25:00 4h"));
  g_assert_nonnull (strstr (kdcc_upgrade_auto_group_get_status (self), "25:00"));
  settings = saved ();
  g_assert_cmpuint (settings->window.days, ==, 0);
  g_clear_pointer (&settings, kdcc_auto_upgrade_settings_free);

  /* A window open now (it opened 30 minutes ago). */
  g_assert_true (kdcc_upgrade_auto_group_apply_window (self, window_text));
  settings = saved ();
  g_assert_cmpuint (settings->window.days, ==, 0x7f);
  g_assert_cmpuint (settings->window.duration_minutes, ==, 120);
  g_assert_nonnull (strstr (kdcc_upgrade_auto_group_get_status (self), "open until"));
  g_assert_true (settings->notifications);
  g_clear_pointer (&settings, kdcc_auto_upgrade_settings_free);

  kdcc_upgrade_auto_group_set_notifications (self, FALSE);
  settings = saved ();
  g_assert_false (settings->notifications);
  g_clear_pointer (&settings, kdcc_auto_upgrade_settings_free);

  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "upgrade-auto-group");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  /* Another group on the same cluster shows what was saved. */
  second = kdcc_upgrade_auto_group_new ();
  g_object_ref_sink (second);
  kdcc_upgrade_auto_group_set_fsid (KDCC_UPGRADE_AUTO_GROUP (second), FSID);
  g_assert_cmpstr (kdcc_upgrade_auto_group_get_status (KDCC_UPGRADE_AUTO_GROUP (second)), ==,
                   kdcc_upgrade_auto_group_get_status (self));
  g_object_unref (second);

  /* Off again: the window's rows go away, the window is kept. */
  kdcc_upgrade_auto_group_set_mode (self, KDCC_AUTO_UPGRADE_DISABLED);
  settings = saved ();
  g_assert_cmpint (settings->mode, ==, KDCC_AUTO_UPGRADE_DISABLED);
  g_assert_cmpuint (settings->window.days, ==, 0x7f);
  g_clear_pointer (&settings, kdcc_auto_upgrade_settings_free);

  kdcc_upgrade_auto_group_set_fsid (self, NULL);
  g_assert_false (gtk_widget_get_sensitive (group));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* app.show-upgrade ------------------------------------------------------------------ */

typedef struct
{
  KdccApplication *app;
  guint            step;
  gint64           deadline;
  gboolean         timed_out;
  gboolean         removed;   /* drive_cb's source is gone */
  char            *status;
} Driver;

static gboolean
drive_cb (gpointer user_data)
{
  Driver *d = user_data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (d->app));
  KdccWindow *window = KDCC_IS_WINDOW (active) ? KDCC_WINDOW (active) : NULL;
  KdccCluster *cluster = window != NULL ? kdcc_window_get_cluster (window) : NULL;

  if (g_get_monotonic_time () > d->deadline)
    {
      d->timed_out = TRUE;
      d->removed = TRUE;
      g_application_quit (G_APPLICATION (d->app));
      return G_SOURCE_REMOVE;
    }
  if (cluster == NULL || !kdcc_cluster_get_has_data (cluster))
    return G_SOURCE_CONTINUE;

  if (d->step == 0)
    {
      /* Where a notification's click lands. */
      g_assert_cmpstr (kdcc_window_get_visible_panel (window), !=, "versions");
      g_action_group_activate_action (G_ACTION_GROUP (d->app), "show-upgrade",
                                      g_variant_new_string (kdcc_cluster_get_fsid (cluster)));
      d->step++;
      return G_SOURCE_CONTINUE;
    }
  if (g_strcmp0 (kdcc_window_get_visible_panel (window), "versions") != 0)
    return G_SOURCE_CONTINUE;
  {
    GtkWidget *panel = kdcc_window_get_panel (window, "versions");
    GObject *group = gtk_widget_get_template_child (panel, KDCC_TYPE_VERSIONS_PANEL, "auto_group");
    g_autofree char *png = NULL;

    if (group == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (group)))
      return G_SOURCE_CONTINUE;
    d->status = g_strdup (kdcc_upgrade_auto_group_get_status (KDCC_UPGRADE_AUTO_GROUP (group)));
    kdcc_test_settle (600);
    png = kdcc_test_screenshot (GTK_WIDGET (window), "upgrade-auto-versions");
    g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  }
  d->removed = TRUE;
  g_application_quit (G_APPLICATION (d->app));
  return G_SOURCE_REMOVE;
}

static void
test_show_upgrade (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccApplication) app = kdcc_application_new ();
  const char *argv[] = { "kdcc", "--conf", cluster->conf, "--keyring", cluster->keyring,
                         "--id", cluster->client_id, NULL };
  Driver d = { app, 0, 0, FALSE, FALSE, NULL };
  guint source;

  /* Beside the other tests on one session bus: no hand-over. */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app))
                                                | G_APPLICATION_NON_UNIQUE);
  d.deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  source = g_timeout_add (100, drive_cb, &d);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1,
                                      (char **) argv), ==, 0);
  if (!d.removed)
    g_source_remove (source);
  g_assert_false (d.timed_out);
  /* The shared cluster's setting was never touched: off. */
  g_assert_nonnull (d.status);
  g_assert_nonnull (strstr (d.status, "Off"));
  g_free (d.status);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();
  /* The setting goes to a private XDG_STATE_HOME, removed at the end. */
  state_home = g_dir_make_tmp ("kdcc-test-upgrade-auto-group-XXXXXX", NULL);
  g_assert_nonnull (state_home);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);

  g_test_add_func ("/upgrade-auto-group/settings", test_group);
  if (kdcc_test_have_cluster ())
    g_test_add_func ("/upgrade-auto-group/show-upgrade", test_show_upgrade);

  status = g_test_run ();
  kdcc_test_remove_tree (state_home);
  return kdcc_test_exit (status);
}
