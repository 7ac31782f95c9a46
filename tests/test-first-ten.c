/* test-first-ten.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 13, "a new admin's first ten minutes", against the real clusters:
 * clusters named from the cluster, an already saved cluster recognised,
 * edits that keep the password and do not reconnect for a rename, remove
 * with Undo, the http:// warning, the narrow window, the refresh spinner,
 * and on a private cluster with stale PGs and a lowered
 * mon_health_max_detail: the dashboard, the diagnostics summary and
 * kdcc-cli count PGs alike; Ceph's own overflow line ("N more pgs... ",
 * with every PG late for a deep scrub) is shown as Ceph writes it and
 * counted right in the model, the alert row (with and without KDCC's own
 * paging), `kdcc-cli status --detail` and the diagnostics summary; and a
 * PG check's link opens the PG page narrowed to the PGs it names, with a
 * filter the admin can clear. Screenshots go to KDCC_SCREENSHOT_DIR.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kdcc-alert-links.h"
#include "kdcc-alert-row.h"
#include "kdcc-connect-dialog.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-diagnostics-panel.h"
#include "kdcc-diagnostics-summary.h"
#include "kdcc-format.h"
#include "kdcc-health-check.h"
#include "kdcc-health-links.h"
#include "kdcc-page-row.h"
#include "kdcc-pg-class.h"
#include "kdcc-pgs-panel.h"
#include "kdcc-profile-row.h"
#include "kdcc-session.h"
#include "kdcc-settings.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"
#include "kdcc-test-window.h"
#include "kdcc-window.h"

typedef KdccTestWindow Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kdcc_test_window_open (f, 0, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kdcc_test_window_close (f, 50);
}

static gboolean
has_data (gpointer data)
{
  KdccWindow *window = data;

  return kdcc_window_get_cluster (window) != NULL &&
         kdcc_cluster_get_has_data (kdcc_window_get_cluster (window));
}

static gboolean
page_is_cluster (gpointer data)
{
  return g_strcmp0 (kdcc_window_get_visible_page (data), "cluster") == 0 && has_data (data);
}

static GtkListBox *
profiles_list (KdccWindow *window)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window), KDCC_TYPE_WINDOW,
                                                      "profiles_list"));
}

static KdccProfileRow *
profile_row (KdccWindow *window,
             const char *id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (profiles_list (window), i)) != NULL; i++)
    if (g_str_equal (kdcc_profile_get_id (kdcc_profile_row_get_profile (KDCC_PROFILE_ROW (row))),
                     id))
      return KDCC_PROFILE_ROW (row);

  return NULL;
}

static gboolean row_has_label (GtkWidget  *widget,
                               const char *text);

/* Names ---------------------------------------------------------------------------- */

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_named_profile (cluster, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = kdcc_profile_dup_name_from_conf (cluster->conf);
  g_autofree char *conf_base = g_path_get_basename (cluster->conf);
  g_autofree char *cli_out = NULL;
  g_autofree char *cli_err = NULL;
  g_autofree char *png = NULL;
  KdccProfileRow *row;
  int cli_status;

  /* "ceph at 127.0.0.1": the Ceph cluster name and the first mon host. */
  g_assert_nonnull (expected);
  g_assert_null (strchr (expected, '/'));
  g_assert_nonnull (strstr (expected, " at "));
  g_assert_true (g_str_has_prefix (expected, "ceph") || strchr (conf_base, '.') != NULL);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (kdcc_profile_store_add (f->store, profile, &error));
  g_assert_no_error (error);
  kdcc_window_open_profile (f->window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
  kdcc_test_settle (400);

  row = profile_row (f->window, kdcc_profile_get_id (profile));
  g_assert_nonnull (row);
  g_assert_cmpstr (kdcc_profile_row_get_title (row), ==, expected);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, expected);

  /* The row shows the open cluster's live health, which is remembered. */
  g_assert_cmpint (kdcc_profile_row_get_health (row), ==,
                   kdcc_cluster_get_health (kdcc_window_get_cluster (f->window)));
  g_assert_cmpint (kdcc_settings_get_profile_health (f->settings, kdcc_profile_get_id (profile)),
                   ==, kdcc_cluster_get_health (kdcc_window_get_cluster (f->window)));
  /* And its fsid, so a second "add" is recognised. */
  g_assert_cmpstr (kdcc_profile_get_fsid (profile), ==, cluster->fsid);
  /* Edit and remove without a right click. */
  g_assert_true (gtk_widget_get_visible (kdcc_profile_row_get_menu_button (row)));

  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "first-ten-names");

  /* kdcc-cli status names a cluster given by its files the same way. */
  {
    const char *argv[] = {
      g_getenv ("KDCC_CLI"), "status", "--conf", cluster->conf, "--keyring", cluster->keyring,
      "--id", cluster->client_id, NULL
    };
    g_autoptr(GError) spawn_error = NULL;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       &cli_out, &cli_err, &cli_status, &spawn_error))
      g_error ("%s", spawn_error->message);
    g_test_message ("kdcc-cli status: %s%s", cli_out, cli_err);
    g_assert_nonnull (strstr (cli_out, expected));
    g_assert_null (strstr (cli_out, cluster->conf));
  }

  /* KDCC's own words, alike in the window and the CLI: "mgr.x active,
   * no standby", not "x active, 0 standbys". */
  {
    g_autofree char *mgr_active = NULL;
    g_autofree char *mgrs = NULL;
    guint standbys = 0;

    g_object_get (kdcc_window_get_cluster (f->window), "mgr-active", &mgr_active,
                  "mgrs-standby", &standbys, NULL);
    mgrs = kdcc_format_mgrs (mgr_active, standbys);
    g_assert_true (g_str_has_prefix (mgrs, "mgr."));
    g_assert_nonnull (strstr (cli_out, mgrs));
    g_assert_true (row_has_label (kdcc_window_get_panel (f->window, "dashboard"), mgrs));
  }
}

/* Duplicates ---------------------------------------------------------------------------- */

typedef struct
{
  KdccProfile *opened;
  gboolean     connected;
  gboolean     had_session;
  KdccProfile *session_profile;
} DialogResult;

static void
open_saved_cb (KdccConnectDialog *dialog,
               KdccProfile       *profile,
               DialogResult      *result)
{
  g_set_object (&result->opened, profile);
}

static void
connected_cb (KdccConnectDialog *dialog,
              KdccProfile       *profile,
              KdccSession       *session,
              const char        *notice,
              DialogResult      *result)
{
  result->connected = TRUE;
  result->had_session = session != NULL;
  g_set_object (&result->session_profile, profile);
  /* The test owns no window that would take the session. */
  if (session != NULL)
    kdcc_session_close (session);
}

static gboolean
dialog_idle (gpointer data)
{
  return !kdcc_connect_dialog_get_busy (data);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) saved = kdcc_test_named_profile (cluster, "Production");
  g_autoptr(GError) error = NULL;
  KdccConnectDialog *dialog;
  DialogResult result = { NULL, FALSE, FALSE, NULL };
  g_autofree char *png = NULL;

  kdcc_profile_set_fsid (saved, cluster->fsid);
  g_assert_true (kdcc_profile_store_add (f->store, saved, &error));

  dialog = kdcc_connect_dialog_new (NULL, f->store, f->secrets);
  g_signal_connect (dialog, "open-saved", G_CALLBACK (open_saved_cb), &result);
  g_signal_connect (dialog, "connected", G_CALLBACK (connected_cb), &result);
  kdcc_connect_dialog_set_field (dialog, "conf", cluster->conf);
  kdcc_connect_dialog_set_field (dialog, "keyring", cluster->keyring);
  kdcc_connect_dialog_set_field (dialog, "client", cluster->client_id);
  gtk_window_present (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_test_wait_until (dialog_idle, dialog, 60000));
  g_assert_nonnull (kdcc_connect_dialog_get_duplicate_text (dialog));
  g_assert_nonnull (strstr (kdcc_connect_dialog_get_duplicate_text (dialog), "“Production”"));
  g_assert_false (result.connected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  kdcc_test_settle (300);
  png = kdcc_test_screenshot (GTK_WIDGET (dialog), "first-ten-duplicate");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.open-saved", NULL));
  kdcc_test_settle (100);
  g_assert_true (result.opened == saved);
  g_assert_null (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_clear_object (&result.opened);
}

/* Editing a Dashboard connection ------------------------------------------------------------ */

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (kdcc_secret_store_store_finish (KDCC_SECRET_STORE (object), result, NULL));
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_edit_keeps_password (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) saved = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) other_url = g_string_new (cluster->dashboard_url);
  const char *url_slash;
  KdccConnectDialog *dialog;
  DialogResult result = { NULL, FALSE, FALSE, NULL };
  gboolean stored = FALSE;
  g_autofree char *png = NULL;

  /* The same dashboard by another name of this machine: a real change. */
  g_assert_cmpint (g_string_replace (other_url, "127.0.0.1", "localhost", 1), ==, 1);
  url_slash = other_url->str;
  kdcc_profile_set_name (saved, "Dashboard");
  kdcc_profile_set_url (saved, cluster->dashboard_url);
  kdcc_profile_set_user (saved, cluster->dashboard_user);
  g_assert_true (kdcc_profile_store_add (f->store, saved, &error));
  kdcc_secret_store_store_async (f->secrets, saved, cluster->dashboard_password, NULL,
                                 stored_cb, &stored);
  g_assert_true (kdcc_test_wait_until (is_true, &stored, 10000));

  /* A rename: saved at once, no connection, no password asked. */
  dialog = kdcc_connect_dialog_new (NULL, f->store, f->secrets);
  g_signal_connect (dialog, "connected", G_CALLBACK (connected_cb), &result);
  kdcc_connect_dialog_set_profile (dialog, saved);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (kdcc_connect_dialog_get_connect_label (dialog), ==, "_Save");
  g_assert_null (kdcc_connect_dialog_get_validation (dialog));
  kdcc_test_settle (300);
  png = kdcc_test_screenshot (GTK_WIDGET (dialog), "first-ten-edit");
  kdcc_connect_dialog_set_field (dialog, "name", "Dashboard Renamed");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL));
  g_assert_true (result.connected);
  g_assert_false (result.had_session);
  kdcc_test_settle (100);
  g_assert_null (dialog);
  g_assert_cmpstr (kdcc_profile_get_name (kdcc_profile_store_lookup (f->store,
                                                                     kdcc_profile_get_id (saved))),
                   ==, "Dashboard Renamed");

  /* A change to the connection with the password field left empty: the
   * saved password connects (a wrong one would fail with Access Denied). */
  result.connected = FALSE;
  g_clear_object (&result.session_profile);
  dialog = kdcc_connect_dialog_new (NULL, f->store, f->secrets);
  g_signal_connect (dialog, "connected", G_CALLBACK (connected_cb), &result);
  kdcc_connect_dialog_set_profile (dialog, kdcc_profile_store_lookup (f->store,
                                                                       kdcc_profile_get_id (saved)));
  kdcc_connect_dialog_set_field (dialog, "url", url_slash);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_test_wait_until (is_true, &result.connected, 60000));
  g_assert_true (result.had_session);
  kdcc_test_settle (100);
  g_assert_null (dialog);
  g_clear_object (&result.session_profile);
  g_assert_cmpstr (kdcc_profile_get_url (kdcc_profile_store_lookup (f->store,
                                                                    kdcc_profile_get_id (saved))),
                   ==, url_slash);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* http:// ----------------------------------------------------------------------------- */

static void
test_http_warning (Fixture       *f,
                   gconstpointer  data)
{
  KdccConnectDialog *dialog = kdcc_connect_dialog_new (NULL, f->store, f->secrets);
  g_autofree char *png = NULL;

  g_object_ref_sink (dialog);
  kdcc_connect_dialog_set_kind (dialog, KDCC_PROFILE_KIND_DASHBOARD);
  /* TEST-NET-1: nothing answers there, and nothing must be sent before the
   * admin says so. */
  kdcc_connect_dialog_set_field (dialog, "url", "http://192.0.2.10:8080");
  kdcc_connect_dialog_set_field (dialog, "user", "admin");
  kdcc_connect_dialog_set_field (dialog, "password", "not-a-real-password");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_null (kdcc_connect_dialog_get_validation (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_connect_dialog_get_insecure_warning (dialog));
  g_assert_false (kdcc_connect_dialog_get_busy (dialog));
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (dialog), "first-ten-http-warning");

  /* Connect again: still the warning; only "Connect Anyway" goes on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL));
  g_assert_false (kdcc_connect_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect-insecure", NULL));
  g_assert_true (kdcc_connect_dialog_get_busy (dialog));
  g_assert_false (kdcc_connect_dialog_get_insecure_warning (dialog));

  /* Closing cancels the attempt; the dialog goes once it has ended. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_true (kdcc_test_wait_until (is_null, &dialog, 30000));

  /* Loopback is not warned about. */
  dialog = kdcc_connect_dialog_new (NULL, f->store, f->secrets);
  g_object_ref_sink (dialog);
  kdcc_connect_dialog_set_kind (dialog, KDCC_PROFILE_KIND_DASHBOARD);
  kdcc_connect_dialog_set_field (dialog, "url", "http://127.0.0.1:9");
  kdcc_connect_dialog_set_field (dialog, "user", "admin");
  kdcc_connect_dialog_set_field (dialog, "password", "not-a-real-password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.connect", NULL));
  g_assert_false (kdcc_connect_dialog_get_insecure_warning (dialog));
  g_assert_true (kdcc_test_wait_until (dialog_idle, dialog, 30000));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_true (kdcc_test_wait_until (is_null, &dialog, 30000));
}

/* Remove and Undo ------------------------------------------------------------------------- */

static gboolean
profile_is (gpointer data)
{
  gpointer *pair = data;
  KdccProfile *open = kdcc_window_get_profile (pair[0]);

  return open != NULL && g_strcmp0 (kdcc_profile_get_id (open), pair[1]) == 0 &&
         has_data (pair[0]);
}

static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) first = kdcc_test_named_profile (cluster, "First");
  g_autoptr(KdccProfile) second = kdcc_test_named_profile (cluster, "Second");
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = g_strdup (kdcc_profile_get_id (first));
  gpointer first_open[2] = { NULL, first_id };
  gpointer second_open[2] = { NULL, (gpointer) kdcc_profile_get_id (second) };
  g_autofree char *png = NULL;

  first_open[0] = second_open[0] = f->window;
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (kdcc_profile_store_add (f->store, first, &error));
  g_assert_true (kdcc_profile_store_add (f->store, second, &error));
  kdcc_window_open_profile (f->window, first, NULL);
  g_assert_true (kdcc_test_wait_until (profile_is, first_open, 60000));

  /* Removing the open cluster opens another saved one, not the first-run
   * screen, and offers Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-profile", "s",
                                             first_id));
  g_assert_true (kdcc_test_wait_until (profile_is, second_open, 60000));
  g_assert_cmpstr (kdcc_window_get_last_toast (f->window), ==, "Removed First");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_assert_null (profile_row (f->window, first_id));
  /* One row looks selected: the open one. */
  g_assert_true (gtk_list_box_get_selected_row (profiles_list (f->window)) ==
                 GTK_LIST_BOX_ROW (profile_row (f->window, kdcc_profile_get_id (second))));
  kdcc_test_settle (300);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "first-ten-removed");

  /* Undo brings it back, open again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-remove", "s",
                                             first_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);
  g_assert_nonnull (kdcc_profile_store_lookup (f->store, first_id));
  g_assert_nonnull (profile_row (f->window, first_id));
  g_assert_true (kdcc_test_wait_until (profile_is, first_open, 60000));
}

static void
dump_wide (GtkWidget *widget,
           int        depth)
{
  int min;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > 300)
    g_test_message ("%*s%s %s min %d", depth, "", G_OBJECT_TYPE_NAME (widget),
                    GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget)) : "", min);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    dump_wide (c, depth + 1);
}

/* Narrow window and the refresh spinner ----------------------------------------------------- */

static void
spinning_cb (GtkSpinner *spinner,
             GParamSpec *pspec,
             guint      *n_spins)
{
  if (gtk_spinner_get_spinning (spinner))
    (*n_spins)++;
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_named_profile (cluster, "Narrow");
  GtkWidget *spinner = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                  KDCC_TYPE_WINDOW,
                                                                  "refresh_spinner"));
  GtkScrolledWindow *scroller;
  guint n_spins = 0;
  int min_width;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  kdcc_window_open_profile (f->window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (has_data, f->window, 60000));

  /* A refresh shows that it runs. */
  g_signal_connect (spinner, "notify::spinning", G_CALLBACK (spinning_cb), &n_spins);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  g_assert_true (kdcc_test_wait_until ((gboolean (*) (gpointer)) gtk_spinner_get_spinning, spinner,
                                       10000) || n_spins > 0);
  g_signal_handlers_disconnect_by_func (spinner, spinning_cb, &n_spins);

  /* Nothing holds the window wider than 360 px (the window's own measure
   * adds its client-side shadow). */
  gtk_widget_measure (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                 KDCC_TYPE_WINDOW, "leaflet")),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_test_message ("window minimum width: %d", min_width);
  if (min_width > 360)
    dump_wide (GTK_WIDGET (f->window), 0);
  g_assert_cmpint (min_width, <=, 360);
  kdcc_test_settle (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);

  {
    g_autofree char *png = NULL;

    if (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL))
      kdcc_test_settle (500);
    png = kdcc_test_screenshot (GTK_WIDGET (f->window), "first-ten-360-sidebar");
  }

  {
    g_autofree char *png = NULL;

    /* The dashboard, not the sidebar. */
    g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
    adw_leaflet_set_visible_child_name (
      ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (f->window), KDCC_TYPE_WINDOW,
                                                  "leaflet")), "content");
    kdcc_test_settle (800);
    png = kdcc_test_screenshot (GTK_WIDGET (f->window), "first-ten-360");
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  {
    g_autofree char *png = NULL;

    kdcc_test_settle (400);
    png = kdcc_test_screenshot (GTK_WIDGET (f->window), "first-ten-360-dark");
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Switching cluster starts at the top of the page. */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (
    kdcc_window_get_panel (f->window, "dashboard"), KDCC_TYPE_DASHBOARD_PANEL, "scroller"));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 400);
  {
    g_autoptr(KdccProfile) other = kdcc_test_named_profile (cluster, "Other");

    kdcc_window_open_profile (f->window, other, NULL);
    g_assert_true (kdcc_test_wait_until (has_data, f->window, 60000));
  }
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scroller)),
                     ==, 0);
}

/* Diagnostics over a Dashboard connection ------------------------------------------------ */

static gboolean
diagnostics_done (gpointer data)
{
  return g_strcmp0 (kdcc_diagnostics_panel_get_state (data), "running") != 0;
}

static void
test_diagnostics_dashboard (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-first-ten-diag-XXXXXX", &error);
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *png = NULL;
  g_autofree char *fsid_line = NULL;
  KdccDiagnosticsPanel *diag;
  KdccDiagnostics *diagnostics;
  const char *status;
  guint n_not;

  g_assert_no_error (error);
  kdcc_profile_set_name (profile, "Over the Dashboard");
  kdcc_profile_set_url (profile, cluster->dashboard_url);
  kdcc_profile_set_user (profile, cluster->dashboard_user);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  kdcc_window_open_profile (f->window, profile, cluster->dashboard_password);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));

  diag = KDCC_DIAGNOSTICS_PANEL (kdcc_window_get_panel (f->window, "diagnostics"));
  kdcc_diagnostics_panel_set_folder (diag, dir);
  kdcc_diagnostics_panel_gather (diag);
  g_assert_true (kdcc_test_wait_until (diagnostics_done, diag, 180000));
  g_assert_cmpstr (kdcc_diagnostics_panel_get_state (diag), ==, "done");

  /* How many items this transport cannot gather, and that a direct
   * connection gathers them; no "0 items failed". */
  diagnostics = kdcc_diagnostics_panel_get_diagnostics (diag);
  n_not = kdcc_diagnostics_get_n_not_available (diagnostics);
  status = kdcc_diagnostics_panel_get_status_text (diag);
  g_test_message ("%s", status);
  g_assert_cmpuint (n_not, >, 0);
  g_assert_cmpuint (kdcc_diagnostics_get_n_failed (diagnostics), ==, 0);
  expected = g_strdup_printf ("%u items cannot be gathered over a Dashboard connection; a direct "
                              "connection gathers the full bundle.", n_not);
  g_assert_nonnull (strstr (status, expected));
  g_assert_null (strstr (status, "failed"));

  /* The bundle still says which cluster it is of. */
  summary = kdcc_diagnostics_panel_dup_summary (diag);
  fsid_line = g_strdup_printf ("Cluster fsid:  %s\n", cluster->fsid);
  g_assert_nonnull (strstr (summary, fsid_line));

  /* The page chosen in the sidebar, as an admin does. */
  {
    GtkListBox *pages = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                     KDCC_TYPE_WINDOW,
                                                                     "pages_list"));
    GtkListBoxRow *row;

    for (int i = 0; (row = gtk_list_box_get_row_at_index (pages, i)) != NULL; i++)
      if (g_str_equal (kdcc_page_row_get_entry (KDCC_PAGE_ROW (row))->id, "diagnostics"))
        g_signal_emit_by_name (pages, "row-activated", row);
  }
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "diagnostics");
  kdcc_test_settle (600);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "first-ten-diagnostics-dashboard");

  /* The "Save to" folder is remembered: a new window offers it. */
  saved = kdcc_settings_dup_diagnostics_folder (f->settings);
  g_assert_cmpstr (saved, ==, dir);
  kdcc_window_close_cluster (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  kdcc_test_settle (50);
  g_assert_null (f->window);
  f->window = kdcc_window_new (NULL, f->settings, f->store, f->secrets, NULL);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  g_assert_cmpstr (kdcc_diagnostics_panel_get_folder (
                     KDCC_DIAGNOSTICS_PANEL (kdcc_window_get_panel (f->window, "diagnostics"))),
                   ==, dir);

  kdcc_test_remove_tree (dir);
}

static gboolean
row_has_label (GtkWidget  *widget,
               const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (row_has_label (c, text))
      return TRUE;
  return FALSE;
}

/* Stale PGs and Ceph's overflow line on a private cluster ---------------------------------- */

static gint64
stale_in_status (KdccTestCluster *cluster,
                 KdccPgCounts    *counts,
                 char           **status_text)
{
  g_autofree char *text = kdcc_test_ceph_text (cluster, "status", "-f", "json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *pgmap;
  JsonArray *states;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  pgmap = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "pgmap");
  kdcc_pg_counts_init (counts);
  states = json_object_has_member (pgmap, "pgs_by_state")
    ? json_object_get_array_member (pgmap, "pgs_by_state") : NULL;
  for (guint i = 0; states != NULL && i < json_array_get_length (states); i++)
    {
      JsonObject *state = json_array_get_object_element (states, i);

      kdcc_pg_counts_add (counts, json_object_get_string_member (state, "state_name"),
                          json_object_get_int_member (state, "count"));
    }
  if (status_text != NULL)
    *status_text = g_steal_pointer (&text);

  return counts->stale;
}

typedef struct
{
  KdccTestCluster *cluster;
  KdccPgCounts     counts;
} StaleWait;

static gboolean
has_stale (gpointer data)
{
  StaleWait *wait = data;

  /* Ceph marks the PGs of a down OSD's size-1 pool stale after the mgr's
   * stats timeout; no need to hurry it. */
  g_usleep (G_USEC_PER_SEC);
  return stale_in_status (wait->cluster, &wait->counts, NULL) > 0;
}

static gint64
summary_not_active (KdccTestCluster *cluster,
                    const char      *status_text)
{
  char *pgs = kdcc_test_ceph_text (cluster, "pg", "dump", "pgs_brief", "-f", "json", NULL);
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) findings = NULL;

  g_hash_table_insert (documents, (gpointer) KDCC_DIAG_FILE_STATUS,
                       g_bytes_new (status_text, strlen (status_text)));
  /* The summary counts PGs from `pg dump pgs_brief`, as the bundle has it. */
  g_hash_table_insert (documents, (gpointer) KDCC_DIAG_FILE_PG_DUMP_BRIEF,
                       g_bytes_new_take (pgs, strlen (pgs)));
  findings = kdcc_diagnostics_analyse (documents);
  for (guint i = 0; i < findings->len; i++)
    {
      KdccDiagnosticsFinding *finding = g_ptr_array_index (findings, i);
      guint64 n;
      char *end;

      g_test_message ("summary: %s", finding->message);
      n = g_ascii_strtoull (finding->message, &end, 10);
      if (end != finding->message &&
          (g_str_equal (end, " PGs are not active") || g_str_equal (end, " PG is not active")))
        return (gint64) n;
    }

  return 0;
}

/* Ceph's overflow line live: model, alert row, kdcc-cli, summary --------------------------- */

typedef struct
{
  KdccTestCluster *cluster;
  guint            max;
  char            *text;    /* `ceph health detail -f json` */
  GStrv            detail;  /* PG_NOT_DEEP_SCRUBBED's lines, as Ceph sent them */
  char            *summary;
} OverflowWait;

/* Ceph's health detail has PG_NOT_DEEP_SCRUBBED capped at max lines and
 * its overflow line. */
static gboolean
ceph_has_overflow (gpointer data)
{
  OverflowWait *wait = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *checks, *check;
  JsonArray *detail;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint64 n_more = 0;
  guint n;

  g_clear_pointer (&wait->text, g_free);
  g_clear_pointer (&wait->detail, g_strfreev);
  g_clear_pointer (&wait->summary, g_free);
  wait->text = kdcc_test_ceph_text (wait->cluster, "health", "detail", "-f", "json", NULL);
  g_assert_true (json_parser_load_from_data (parser, wait->text, -1, NULL));
  checks = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "checks");
  if (!json_object_has_member (checks, "PG_NOT_DEEP_SCRUBBED"))
    {
      g_usleep (G_USEC_PER_SEC);
      return FALSE;
    }
  check = json_object_get_object_member (checks, "PG_NOT_DEEP_SCRUBBED");
  detail = json_object_get_array_member (check, "detail");
  n = json_array_get_length (detail);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, json_object_get_string_member (
      json_array_get_object_element (detail, i), "message"));
  wait->detail = g_strv_builder_end (builder);
  wait->summary = g_strdup (json_object_get_string_member (
    json_object_get_object_member (check, "summary"), "message"));

  if (n == wait->max + 1 && kdcc_health_detail_is_overflow (wait->detail[n - 1], &n_more) &&
      n_more > 0)
    return TRUE;
  g_usleep (G_USEC_PER_SEC);
  return FALSE;
}

static KdccHealthCheck *
model_check (Fixture    *f,
             const char *code)
{
  GListModel *checks = kdcc_cluster_get_health_checks (kdcc_window_get_cluster (f->window));

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (kdcc_health_check_get_code (check), code))
        return check;
    }

  return NULL;
}

static char *
run_cli_status_detail (KdccTestCluster *cluster)
{
  const char *argv[] = {
    g_getenv ("KDCC_CLI"), "status", "--detail", "--conf", cluster->conf, "--keyring",
    cluster->keyring, "--id", cluster->client_id, NULL
  };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &status, &error))
    g_error ("%s", error->message);
  g_assert_cmpint (status, ==, 0);

  return g_steal_pointer (&out);
}

static void
check_overflow (Fixture            *f,
                KdccTestCluster    *cluster,
                KdccDashboardPanel *panel,
                guint               max)
{
  OverflowWait wait = { cluster, max, NULL, NULL, NULL };
  g_autofree char *max_text = g_strdup_printf ("%u", max);
  g_autofree char *out = NULL;
  g_autofree char *png = NULL;
  g_autofree char *png_row = NULL;
  g_autofree char *name = NULL;
  KdccHealthCheck *check = NULL;
  KdccAlertRow *row;
  const char *ceph_line;
  gboolean overflow = FALSE;
  gboolean same = FALSE;
  guint64 n_more = 0;
  guint64 total;
  guint n_lines;

  out = kdcc_test_ceph_text (cluster, "config", "set", "global", "mon_health_max_detail",
                             max_text, NULL);
  g_assert_true (kdcc_test_wait_until (ceph_has_overflow, &wait, 180000));
  ceph_line = wait.detail[max];
  g_test_message ("mon_health_max_detail %u: Ceph's summary \"%s\", %u detail lines, "
                  "the last \"%s\"", max, wait.summary, g_strv_length (wait.detail), ceph_line);

  /* What Ceph does with the other checks at this cap (for the record:
   * PGMap.cc caps the PG state checks at max + 1 lines, silently). */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *checks;
    g_autoptr(GList) codes = NULL;

    g_assert_true (json_parser_load_from_data (parser, wait.text, -1, NULL));
    checks = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "checks");
    codes = json_object_get_members (checks);
    for (GList *l = codes; l != NULL; l = l->next)
      {
        JsonArray *detail = json_object_get_array_member (
          json_object_get_object_member (checks, l->data), "detail");
        guint n = json_array_get_length (detail);

        g_test_message ("  %s: %u detail lines%s%s", (const char *) l->data, n,
                        n > 0 ? ", the last: " : "",
                        n > 0 ? json_object_get_string_member (
                          json_array_get_object_element (detail, n - 1), "message") : "");
      }
  }

  /* The model holds the lines as Ceph sent them; a few refreshes until
   * it has caught up with our `ceph` call. */
  for (guint attempt = 0; attempt < 10 && !same; attempt++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
      kdcc_test_settle (2000);
      check = model_check (f, "PG_NOT_DEEP_SCRUBBED");
      same = check != NULL &&
             g_strv_equal ((const char * const *) wait.detail,
                           kdcc_health_check_get_detail (check));
    }
  g_assert_true (same);
  g_assert_cmpstr (kdcc_health_check_get_summary (check), ==, wait.summary);

  /* "97 pgs not deep-scrubbed in time": the MAX lines plus what Ceph's
   * own line says it left out. */
  total = g_ascii_strtoull (wait.summary, NULL, 10);
  n_lines = kdcc_health_detail_count_lines (kdcc_health_check_get_detail (check), &overflow,
                                            &n_more);
  g_assert_true (overflow);
  g_assert_cmpuint (n_lines, ==, max);
  g_assert_cmpuint (n_lines + n_more, ==, total);
  g_test_message ("summary.count: %" G_GINT64_FORMAT, kdcc_health_check_get_count (check));

  /* The alert row: Ceph's line shown as Ceph wrote it, last; KDCC's own
   * paging counts only the lines it holds back, and opens them. */
  row = KDCC_ALERT_ROW (kdcc_dashboard_panel_get_alert_row (panel, "PG_NOT_DEEP_SCRUBBED"));
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_assert_true (row_has_label (GTK_WIDGET (row), ceph_line));
  if (max <= KDCC_ALERT_ROW_PAGE_LINES)
    {
      g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (row), ==, max + 1);
      g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (row), ==, 0);
      g_assert_null (kdcc_alert_row_get_more_label (row));
    }
  else
    {
      g_autofree char *label = g_strdup_printf ("Show %u More Lines",
                                                max - KDCC_ALERT_ROW_PAGE_LINES);

      g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (row), ==,
                        KDCC_ALERT_ROW_PAGE_LINES + 1);
      g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (row), ==,
                        max - KDCC_ALERT_ROW_PAGE_LINES);
      g_assert_cmpstr (kdcc_alert_row_get_more_label (row), ==, label);
      g_assert_true (row_has_label (GTK_WIDGET (row),
                                    wait.detail[KDCC_ALERT_ROW_PAGE_LINES - 1]));
      g_assert_false (row_has_label (GTK_WIDGET (row), wait.detail[KDCC_ALERT_ROW_PAGE_LINES]));
      kdcc_test_settle (400);
      name = g_strdup_printf ("first-ten-overflow-%u-row", max);
      png_row = kdcc_test_screenshot (GTK_WIDGET (row), name);
      g_clear_pointer (&png_row, g_free);
      g_clear_pointer (&name, g_free);

      kdcc_alert_row_show_more (row);
      g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (row), ==, max + 1);
      g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (row), ==, 0);
      g_assert_null (kdcc_alert_row_get_more_label (row));
      g_assert_true (row_has_label (GTK_WIDGET (row), wait.detail[max - 1]));
      g_assert_true (row_has_label (GTK_WIDGET (row), ceph_line));
    }
  kdcc_test_settle (400);
  name = g_strdup_printf ("first-ten-overflow-%u", max);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), name);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("first-ten-overflow-%u-row-open", max);
  png_row = kdcc_test_screenshot (GTK_WIDGET (row), name);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);

  /* kdcc-cli status --detail prints the lines as `ceph health detail`
   * does, Ceph's own line included. */
  {
    g_autofree char *cli = run_cli_status_detail (cluster);
    g_autofree char *indented = g_strdup_printf ("\n        %s\n", ceph_line);
    g_autofree char *first = g_strdup_printf ("\n        %s\n", wait.detail[0]);

    g_assert_nonnull (strstr (cli, wait.summary));
    g_assert_nonnull (strstr (cli, indented));
    g_assert_nonnull (strstr (cli, first));
  }

  /* The diagnostics summary: up to ten lines, then "… and N more" with N
   * what it left out plus what Ceph left out. */
  {
    g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_bytes_unref);
    g_autoptr(GPtrArray) findings = NULL;
    guint listed = MIN (max, 10);
    g_autofree char *expected = g_strdup_printf ("… and %u more", (guint) (total - listed));
    gboolean found = FALSE;

    g_hash_table_insert (documents, (gpointer) KDCC_DIAG_FILE_HEALTH_DETAIL,
                         g_bytes_new (wait.text, strlen (wait.text)));
    findings = kdcc_diagnostics_analyse (documents);
    for (guint i = 0; i < findings->len; i++)
      {
        KdccDiagnosticsFinding *finding = g_ptr_array_index (findings, i);

        if (g_strcmp0 (finding->code, "PG_NOT_DEEP_SCRUBBED") != 0)
          continue;
        found = TRUE;
        g_test_message ("summary: %s / %s", finding->message,
                        (const char *) g_ptr_array_index (finding->details,
                                                          finding->details->len - 1));
        g_assert_cmpuint (finding->details->len, ==, listed + 1);
        g_assert_cmpstr (g_ptr_array_index (finding->details, 0), ==, wait.detail[0]);
        g_assert_cmpstr (g_ptr_array_index (finding->details, listed), ==, expected);
      }
    g_assert_true (found);
  }

  g_free (wait.text);
  g_strfreev (wait.detail);
  g_free (wait.summary);
}

/* A PG check's link: the PG page narrowed to those PGs ---------------------------------------- */

static gboolean
pgs_listed (gpointer data)
{
  g_auto(GStrv) shown = kdcc_pgs_panel_dup_shown_pgids (data);

  return shown != NULL && shown[0] != NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static char *
join_sorted_strv (const char * const *strv)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) strv[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv (" ", (char **) sorted->pdata);
}

typedef struct
{
  KdccTestCluster *cluster;
  const char      *code;
} CheckWait;

static gboolean
panel_is_pgs (gpointer data)
{
  return g_strcmp0 (kdcc_window_get_visible_panel (data), "pgs") == 0;
}

/* Ceph raises CODE with detail lines that name PGs. */
static gboolean
ceph_names_pgs (gpointer data)
{
  CheckWait *wait = data;
  g_autoptr(JsonNode) health = kdcc_test_ceph_json (wait->cluster, "health", "detail", NULL);
  JsonObject *checks = json_object_get_object_member (json_node_get_object (health), "checks");
  JsonArray *detail;

  if (json_object_has_member (checks, wait->code))
    {
      detail = json_object_get_array_member (json_object_get_object_member (checks, wait->code),
                                             "detail");
      if (json_array_get_length (detail) > 0 &&
          g_str_has_prefix (json_object_get_string_member (
            json_array_get_object_element (detail, 0), "message"), "pg "))
        return TRUE;
    }
  g_usleep (G_USEC_PER_SEC);
  return FALSE;
}

static void
check_pg_filter (Fixture            *f,
                 KdccTestCluster    *cluster,
                 KdccDashboardPanel *panel,
                 const char         *code)
{
  CheckWait wait = { cluster, code };
  KdccHealthCheck *check = NULL;
  g_autoptr(KdccHealthLinks) links = NULL;
  g_autofree char *expected_subject = g_strconcat ("pgs/", code, NULL);
  g_autofree char *png_name = g_strdup_printf ("first-ten-pg-filter-%s", code);
  g_autofree char *png = NULL;
  g_autofree char *named_text = NULL;
  g_autofree char *shown_text = NULL;
  g_autoptr(GVariant) target = NULL;
  g_auto(GStrv) shown = NULL;
  g_auto(GStrv) all = NULL;
  g_autoptr(JsonNode) stale = NULL;
  KdccPgsPanel *pgs = KDCC_PGS_PANEL (kdcc_window_get_panel (f->window, "pgs"));
  GtkWidget *row, *link;

  /* PG_AVAILABILITY comes once the PGs have been stale or inactive for
   * mon_pg_stuck_threshold (lowered to 10 s above). */
  g_assert_true (kdcc_test_wait_until (ceph_names_pgs, &wait, 180000));
  for (guint attempt = 0; attempt < 10 && check == NULL; attempt++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
      kdcc_test_settle (2000);
      check = model_check (f, code);
    }
  g_assert_nonnull (check);
  links = kdcc_health_links_new (code, kdcc_health_check_get_summary (check),
                                 kdcc_health_check_get_detail (check));
  g_assert_cmpuint (links->pgids->len, >, 0);
  g_ptr_array_add (links->pgids, NULL);
  named_text = join_sorted_strv ((const char * const *) links->pgids->pdata);
  g_ptr_array_remove_index (links->pgids, links->pgids->len - 1);

  /* The alert's own link button. */
  row = kdcc_dashboard_panel_get_alert_row (panel, code);
  g_assert_nonnull (row);
  link = kdcc_alert_row_get_link_button (ADW_EXPANDER_ROW (row));
  g_assert_true (gtk_widget_get_visible (link));
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (link));
  g_assert_nonnull (target);
  g_variant_ref (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, expected_subject);
  /* Clicked at once, as a pointer click does. gtk_widget_activate () would
   * click it only after its 250 ms press animation, and drops the click
   * when the button is unrealized meanwhile: under load (both runs of a
   * concurrent pair) a refresh that changed the check's summary rebuilt
   * the alert row within that time, and the page never opened. */
  g_signal_emit_by_name (link, "clicked");
  g_assert_true (kdcc_test_wait_until (panel_is_pgs, f->window, 5000));
  g_assert_cmpstr (kdcc_pgs_panel_get_filter (pgs), ==, code);
  g_assert_true (kdcc_test_wait_until (pgs_listed, pgs, 60000));

  /* Only the PGs the check names, and every one of them. */
  shown = kdcc_pgs_panel_dup_shown_pgids (pgs);
  shown_text = join_sorted_strv ((const char * const *) shown);
  g_test_message ("%s names %s; the PG page shows %s", code, named_text, shown_text);
  g_assert_cmpstr (shown_text, ==, named_text);

  /* And Ceph agrees they are what the check says: stale for
   * PG_AVAILABILITY here (osd.0 of a size-1 pool is down). */
  if (g_str_equal (code, "PG_AVAILABILITY"))
    {
      g_autoptr(GHashTable) stale_ids = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *stats;

      stale = kdcc_test_ceph_json (cluster, "pg", "ls", "stale", NULL);
      stats = json_object_get_array_member (json_node_get_object (stale), "pg_stats");
      for (guint i = 0; i < json_array_get_length (stats); i++)
        g_hash_table_add (stale_ids, (gpointer) json_object_get_string_member (
          json_array_get_object_element (stats, i), "pgid"));
      for (guint i = 0; shown[i] != NULL; i++)
        g_assert_true (g_hash_table_contains (stale_ids, shown[i]));
    }

  kdcc_test_settle (600);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), png_name);

  /* "Show All" clears the filter: every PG that needs attention. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pgs), "pgs.clear-filter", NULL));
  g_assert_null (kdcc_pgs_panel_get_filter (pgs));
  all = kdcc_pgs_panel_dup_shown_pgids (pgs);
  g_assert_cmpuint (g_strv_length (all), >=, g_strv_length (shown));
  /* The table lists every one of them (no cap). */
  g_assert_cmpuint (g_strv_length (all), ==,
                    g_list_model_get_n_items (
                      kdcc_cluster_get_problem_pgs (kdcc_window_get_cluster (f->window))));

  /* Back where the link was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
}

static void
test_stale_pgs (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private ();
  g_autoptr(KdccProfile) profile = kdcc_test_named_profile (cluster, "Stale");
  g_autofree char *out = NULL;
  StaleWait wait = { cluster, { 0 } };
  KdccDashboardPanel *panel;
  gboolean matched = FALSE;
  g_autofree char *png = NULL;

  out = kdcc_test_ceph_text (cluster, "config", "set", "global", "mon_allow_pool_size_one",
                             "true", NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "config", "set", "global", "mon_health_max_detail", "2",
                             NULL);
  g_clear_pointer (&out, g_free);
  /* Stale and inactive PGs count for PG_AVAILABILITY once stuck that long
   * (60 s by default). */
  out = kdcc_test_ceph_text (cluster, "config", "set", "global", "mon_pg_stuck_threshold", "10",
                             NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "osd", "pool", "create", "kdcc-single", "64", "64",
                             "replicated", "--autoscale-mode=off", NULL);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "osd", "pool", "set", "kdcc-single", "size", "1",
                             "--yes-i-really-mean-it", NULL);
  g_clear_pointer (&out, g_free);
  kdcc_test_settle (3000);

  /* osd.0 goes away: the size-1 PGs it held have nobody left to report them. */
  kdcc_test_cluster_stop_daemon (cluster, "osd.0");
  out = kdcc_test_ceph_text (cluster, "osd", "down", "0", NULL);
  g_clear_pointer (&out, g_free);
  g_assert_true (kdcc_test_wait_until (has_stale, &wait, 180000));
  g_test_message ("ceph: %" G_GINT64_FORMAT " PGs, %" G_GINT64_FORMAT " stale",
                  wait.counts.total, wait.counts.stale);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 1100);
  gtk_window_present (GTK_WINDOW (f->window));
  kdcc_window_open_profile (f->window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
  panel = KDCC_DASHBOARD_PANEL (kdcc_window_get_panel (f->window, "dashboard"));

  /* The dashboard, the summary and kdcc-cli count alike; PGs can still move
   * between our `ceph` call and the app's refresh, so a few tries. */
  for (guint attempt = 0; attempt < 8 && !matched; attempt++)
    {
      g_autofree char *status_text = NULL;
      g_autofree char *cli_out = NULL;
      g_autofree char *expected_cli = NULL;
      KdccPgCounts counts;
      gint64 clean, not_active, total;
      const char *argv[] = {
        g_getenv ("KDCC_CLI"), "status", "--conf", cluster->conf, "--keyring", cluster->keyring,
        "--id", cluster->client_id, NULL
      };

      stale_in_status (cluster, &counts, &status_text);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
      kdcc_test_settle (3000);
      kdcc_dashboard_panel_get_pg_numbers (panel, &clean, &not_active, &total);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &cli_out, NULL, NULL, NULL));
      expected_cli = g_strdup_printf ("%" G_GINT64_FORMAT " total, %" G_GINT64_FORMAT
                                      " active+clean, %" G_GINT64_FORMAT " not active",
                                      counts.total, counts.clean, counts.not_active);
      g_test_message ("ceph: %" G_GINT64_FORMAT " clean, %" G_GINT64_FORMAT " not active of %"
                      G_GINT64_FORMAT "; dashboard: %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                      " of %" G_GINT64_FORMAT "; dashboard says: %s",
                      counts.clean, counts.not_active, counts.total, clean, not_active, total,
                      kdcc_dashboard_panel_get_pgs_description (panel));
      matched = counts.stale > 0 && clean == counts.clean && not_active == counts.not_active &&
                total == counts.total && summary_not_active (cluster, status_text) == counts.not_active &&
                strstr (cli_out, expected_cli) != NULL;
      if (!matched)
        g_test_message ("kdcc-cli: %s", cli_out);
    }
  g_assert_true (matched);

  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "first-ten-stale");

  /* Ceph writes its own overflow line only after the late-scrub lines
   * (PGMap.cc, "N more pgs... "). A deep-scrub interval of 1 s, for the
   * mgr alone (it computes PG health; the OSDs keep scrubbing as usual),
   * makes every PG late at once. */
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "config", "set", "mgr", "osd_deep_scrub_interval", "1",
                             NULL);
  /* Two lines: Ceph's line follows them, nothing for KDCC to hide. */
  check_overflow (f, cluster, panel, 2);
  /* 60 lines: KDCC shows 50, counts the other 10 behind its button, and
   * still shows Ceph's line as Ceph wrote it. */
  check_overflow (f, cluster, panel, 60);

  /* A PG check's link: the PG page narrowed to the PGs it names. */
  check_pg_filter (f, cluster, panel, "PG_AVAILABILITY");
  check_pg_filter (f, cluster, panel, "PG_NOT_DEEP_SCRUBBED");

  kdcc_window_close_cluster (f->window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add ("/first-ten/names", Fixture, NULL, fixture_setup, test_names, fixture_teardown);
  g_test_add ("/first-ten/duplicate", Fixture, NULL, fixture_setup, test_duplicate,
              fixture_teardown);
  g_test_add ("/first-ten/edit-keeps-password", Fixture, NULL, fixture_setup,
              test_edit_keeps_password, fixture_teardown);
  g_test_add ("/first-ten/http-warning", Fixture, NULL, fixture_setup, test_http_warning,
              fixture_teardown);
  g_test_add ("/first-ten/remove-undo", Fixture, NULL, fixture_setup, test_remove_undo,
              fixture_teardown);
  g_test_add ("/first-ten/narrow", Fixture, NULL, fixture_setup, test_narrow, fixture_teardown);
  g_test_add ("/first-ten/diagnostics-dashboard", Fixture, NULL, fixture_setup,
              test_diagnostics_dashboard, fixture_teardown);
  g_test_add ("/first-ten/stale-pgs", Fixture, NULL, fixture_setup, test_stale_pgs,
              fixture_teardown);

  return kdcc_test_run ();
}
