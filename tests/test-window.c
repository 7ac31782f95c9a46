/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window against the real test cluster (KDCC_TEST_* environment):
 * what it shows must be what `ceph health detail` says. Saves screenshots
 * to $KDCC_SCREENSHOT_DIR.
 */
#include "config.h"

#include <adwaita.h>

#include "kdcc-alert-row.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-demo-cluster.h"
#include "kdcc-format.h"
#include "kdcc-health-badge.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-test-relay.h"
#include "kdcc-page-row.h"
#include "kdcc-preferences-window.h"
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
  /* A removed cluster whose Undo was still offered has its saved password
   * cleared when the window goes: let that finish before the leak check. */
  kdcc_test_window_close (f, 1000);
}

static gboolean
page_is_cluster (gpointer data)
{
  return g_strcmp0 (kdcc_window_get_visible_page (data), "cluster") == 0;
}

static gboolean
banner_revealed (gpointer data)
{
  return kdcc_window_get_banner_revealed (data);
}

static gboolean
banner_hidden (gpointer data)
{
  return !kdcc_window_get_banner_revealed (data);
}

static KdccPageRow *
page_row (KdccWindow *window,
          const char *id)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                  KDCC_TYPE_WINDOW,
                                                                  "pages_list"));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_equal (kdcc_page_row_get_entry (KDCC_PAGE_ROW (row))->id, id))
      return KDCC_PAGE_ROW (row);

  return NULL;
}

static GtkWidget *
template_child (KdccWindow *window,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), KDCC_TYPE_WINDOW, name));
}

/* Lifecycle ------------------------------------------------------------------ */

static void
test_new_destroy (void)
{
  g_autofree char *path = kdcc_test_profiles_path ();
  g_autoptr(KdccSettings) settings = kdcc_settings_new ();
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (path);
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  KdccWindow *window = kdcc_window_new (NULL, settings, store, secrets, NULL);

  g_object_ref_sink (window);
  g_assert_cmpstr (kdcc_window_get_visible_page (window), ==, "empty");
  g_assert_null (kdcc_window_get_cluster (window));
  g_assert_nonnull (kdcc_window_get_panel (window, "dashboard"));
  g_assert_false (kdcc_window_get_banner_revealed (window));
  /* Without a cluster, refreshing is harmless. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  g_assert_null (kdcc_window_get_monitor (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_preferences (void)
{
  g_autoptr(KdccSettings) settings = kdcc_settings_new ();
  GtkWidget *prefs = kdcc_preferences_window_new (NULL, settings);
  GtkSpinButton *interval;

  g_object_ref_sink (prefs);
  interval = GTK_SPIN_BUTTON (gtk_widget_get_template_child (prefs, KDCC_TYPE_PREFERENCES_WINDOW,
                                                             "interval_spin"));

  /* Both ways: the settings show, and what the user types is saved. */
  g_object_set (settings, "refresh-interval", 7, NULL);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (interval), ==, 7);
  gtk_spin_button_set_value (interval, 12);
  g_assert_cmpint (kdcc_settings_get_refresh_interval (settings), ==, 12);

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
}

static void
test_settings_round_trip (void)
{
  g_autoptr(KdccSettings) settings = kdcc_settings_new ();
  g_autoptr(KdccSettings) again = NULL;
  int width, height;
  gboolean maximized;

  kdcc_settings_set_window_state (settings, 900, 600, FALSE);
  kdcc_settings_set_last_profile (settings, "abc");

  /* A second wrapper reads what the first wrote through GSettings. */
  again = kdcc_settings_new ();
  kdcc_settings_get_window_state (again, &width, &height, &maximized);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);
  g_assert_false (maximized);
  g_assert_cmpstr (kdcc_settings_get_last_profile (again), ==, "abc");

  /* Maximizing keeps the last normal size. */
  kdcc_settings_set_window_state (settings, 3000, 2000, TRUE);
  kdcc_settings_get_window_state (again, &width, &height, &maximized);
  g_assert_cmpint (width, ==, 900);
  g_assert_true (maximized);
}

/* First run -------------------------------------------------------------------- */

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *png = NULL;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));

  g_assert_cmpstr (kdcc_window_get_visible_page (f->window), ==, "empty");
  /* The demo needs Ceph's daemons, which a machine running the live
   * tests has. */
  if (kdcc_test_have_cluster ())
    g_assert_true (kdcc_demo_cluster_is_available ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-sidebar", NULL));

  kdcc_test_settle (300);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "empty-state");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

/* The live dashboard ---------------------------------------------------------------- */

typedef struct
{
  char *code;
  char *summary;
} Check;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "CODE\tsummary" lines, sorted, from `ceph health detail`. */
static GPtrArray *
ceph_checks (KdccTestCluster *cluster,
             char           **status)
{
  g_autoptr(JsonNode) node = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  JsonObject *root = json_node_get_object (node);
  JsonObject *checks = json_object_get_object_member (root, "checks");
  g_autoptr(GList) codes = json_object_get_members (checks);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  *status = g_strdup (json_object_get_string_member (root, "status"));

  for (GList *l = codes; l != NULL; l = l->next)
    {
      JsonObject *check = json_object_get_object_member (checks, l->data);
      JsonObject *summary = json_object_get_object_member (check, "summary");

      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s", (const char *) l->data,
                                               json_object_get_string_member (summary, "message")));
    }
  g_ptr_array_sort (lines, compare_strings);

  return lines;
}

/* The same lines, from the rows the dashboard shows. */
static GPtrArray *
shown_checks (KdccDashboardPanel *panel)
{
  GtkListBox *list = kdcc_dashboard_panel_get_alerts_list (panel);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      g_assert_true (KDCC_IS_ALERT_ROW (row));
      g_ptr_array_add (lines,
                       g_strdup_printf ("%s\t%s",
                                        kdcc_alert_row_get_code (KDCC_ALERT_ROW (row)),
                                        adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
    }
  g_ptr_array_sort (lines, compare_strings);

  return lines;
}

static gboolean
same_lines (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
refreshed_cb (KdccCluster *cluster,
              guint       *count)
{
  (*count)++;
}

typedef struct
{
  guint *count;
  guint  target;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return *wait->count >= wait->target;
}

static void
test_live_dashboard (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_named_profile (cluster, "Test Cluster");
  KdccDashboardPanel *panel;
  KdccHealthBadge *badge;
  guint refreshed = 0;
  gboolean matched = FALSE;
  g_autofree char *png = NULL;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));

  kdcc_window_open_profile (f->window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
  g_assert_nonnull (kdcc_window_get_cluster (f->window));
  /* Not saved, yet shown in the sidebar as what is open. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (f->window), KDCC_TYPE_WINDOW, "unsaved_list"))));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (
    gtk_widget_get_template_child (GTK_WIDGET (f->window), KDCC_TYPE_WINDOW, "unsaved_label"))),
    ==, "Test Cluster");
  g_signal_connect (kdcc_window_get_cluster (f->window), "refreshed",
                    G_CALLBACK (refreshed_cb), &refreshed);

  panel = KDCC_DASHBOARD_PANEL (kdcc_window_get_panel (f->window, "dashboard"));
  badge = KDCC_HEALTH_BADGE (kdcc_window_get_header_badge (f->window));

  /* Health can move between our `ceph` call and the app's refresh (a
   * check clearing), so compare after a fresh refresh, a few times. */
  for (guint attempt = 0; attempt < 5 && !matched; attempt++)
    {
      g_autofree char *status = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GPtrArray) shown = NULL;
      const char *expected_label;
      CountWait wait = { &refreshed, refreshed + 1 };

      /* The refresh action is what F5 triggers. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
      g_assert_true (kdcc_test_wait_until (count_reached, &wait, 30000));

      expected = ceph_checks (cluster, &status);
      expected_label = kdcc_format_health_label (kdcc_health_status_from_string (status));
      shown = shown_checks (panel);

      g_test_message ("ceph says %s with %u checks; the window shows %s with %u",
                      status, expected->len, kdcc_health_badge_get_label (badge), shown->len);

      matched = g_strcmp0 (kdcc_health_badge_get_label (badge), expected_label) == 0 &&
                g_strcmp0 (kdcc_health_badge_get_label (
                             KDCC_HEALTH_BADGE (kdcc_dashboard_panel_get_health_badge (panel))),
                           expected_label) == 0 &&
                same_lines (expected, shown);

      if (!matched && attempt == 4)
        {
          g_assert_cmpstr (kdcc_health_badge_get_label (badge), ==, expected_label);
          g_assert_cmpuint (shown->len, ==, expected->len);
          for (guint i = 0; i < expected->len; i++)
            g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
        }
    }
  g_assert_true (matched);

  /* The retry action refreshes too. */
  {
    CountWait wait = { &refreshed, refreshed + 1 };

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL));
    g_assert_true (kdcc_test_wait_until (count_reached, &wait, 30000));
  }

  g_assert_false (kdcc_window_get_banner_revealed (f->window));

  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "dashboard");
  g_clear_pointer (&png, g_free);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "dashboard-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  g_signal_handlers_disconnect_by_func (kdcc_window_get_cluster (f->window),
                                        refreshed_cb, &refreshed);
}

/* Stale data ----------------------------------------------------------------------- */

static void
test_stale_banner (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autofree char *png = NULL;
  gint64 start = g_get_monotonic_time ();

  cluster = kdcc_test_cluster_start_private ();
  profile = kdcc_test_named_profile (cluster, "Private Cluster");
  g_test_message ("private cluster up after %.1f s", (g_get_monotonic_time () - start) / 1e6);

  g_object_set (f->settings, "refresh-interval", 1, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));

  kdcc_window_open_profile (f->window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
  g_assert_false (kdcc_window_get_banner_revealed (f->window));

  kdcc_test_cluster_stop_daemon (cluster, "mon");
  g_test_message ("mon stopped after %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_true (kdcc_test_wait_until (banner_revealed, f->window, 90000));
  g_test_message ("banner shown after %.1f s", (g_get_monotonic_time () - start) / 1e6);

  /* The last data stays on screen, marked as stale. */
  g_assert_cmpstr (kdcc_window_get_visible_page (f->window), ==, "cluster");
  g_assert_true (g_str_has_prefix (kdcc_window_get_banner_text (f->window),
                                   "Cannot reach the cluster — showing data from"));
  g_assert_nonnull (kdcc_cluster_get_last_error (kdcc_window_get_cluster (f->window)));

  kdcc_test_settle (600);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "stale");

  kdcc_test_cluster_start_daemon (cluster, "mon");
  g_test_message ("mon started after %.1f s", (g_get_monotonic_time () - start) / 1e6);
  /* Retry now rather than waiting out the backoff. */
  for (guint i = 0; i < 30 && kdcc_window_get_banner_revealed (f->window); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
      kdcc_test_wait_until (banner_hidden, f->window, 5000);
    }
  g_test_message ("banner hidden after %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_false (kdcc_window_get_banner_revealed (f->window));
  g_assert_false (kdcc_cluster_get_stale (kdcc_window_get_cluster (f->window)));

  /* Stop refreshing before the private cluster goes away. */
  kdcc_window_close_cluster (f->window);
  g_assert_cmpstr (kdcc_window_get_visible_page (f->window), ==, "empty");
}

/* A dashboard that trickles one byte every 2 s (issue 17): the refresh gives up at
 * its deadline, the banner says the data is stale, and the main loop keeps
 * running all along because the refresh runs on a worker thread. */

#define TRICKLE_DEADLINE_MS 3000

typedef struct
{
  guint  ticks;
  gint64 last;
  gint64 max_gap;
  gint64 max_gap_at;
} Ticker;

static gboolean
ticker_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();

  ticker->ticks++;
  if (now - ticker->last > ticker->max_gap)
    {
      ticker->max_gap = now - ticker->last;
      ticker->max_gap_at = now;
    }
  ticker->last = now;
  return G_SOURCE_CONTINUE;
}

static void
test_trickling_dashboard (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestRelay) relay = kdcc_test_relay_start (cluster->dashboard_url);
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autofree char *png = NULL;
  KdccCluster *model;
  Ticker ticker = { 0 };
  gint64 start, elapsed_ms;
  guint tick_id;

  kdcc_profile_set_name (profile, "Trickling Dashboard");
  kdcc_profile_set_url (profile, kdcc_test_relay_get_url (relay));
  kdcc_profile_set_user (profile, cluster->dashboard_user);
  source = kdcc_dashboard_source_new (kdcc_test_relay_get_url (relay), cluster->dashboard_user,
                                      cluster->dashboard_password, NULL);
  g_object_set (source, "deadline", TRICKLE_DEADLINE_MS, NULL);

  g_object_set (f->settings, "refresh-interval", 1, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  session = kdcc_session_new_for_source (profile, KDCC_SOURCE (source));
  kdcc_window_open_session (f->window, session);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
  g_assert_false (kdcc_window_get_banner_revealed (f->window));
  model = kdcc_window_get_cluster (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (model)), ==, 3);
  /* GTK's first frames of a page (fonts, styles, textures) take long under
   * AddressSanitizer and Xvfb; they are not what is measured here. */
  kdcc_test_settle (1500);

  kdcc_test_relay_set_mode (relay, "trickle", NULL, "2");
  start = ticker.last = g_get_monotonic_time ();
  tick_id = g_timeout_add (100, ticker_cb, &ticker);
  /* A refresh may be in flight or one interval away, then the deadline. */
  g_assert_true (kdcc_test_wait_until (banner_revealed, f->window,
                                       1000 + TRICKLE_DEADLINE_MS + 4000));
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_source_remove (tick_id);
  g_test_message ("banner after %" G_GINT64_FORMAT " ms; %u ticks, longest gap %" G_GINT64_FORMAT
                  " ms ending at %" G_GINT64_FORMAT " ms; %s", elapsed_ms, ticker.ticks,
                  ticker.max_gap / 1000, (ticker.max_gap_at - start) / 1000,
                  kdcc_cluster_get_last_error (model));

  /* It was the deadline that ended the refresh, not an idle timeout. */
  g_assert_cmpint (elapsed_ms, >=, TRICKLE_DEADLINE_MS - 100);
  g_assert_nonnull (strstr (kdcc_cluster_get_last_error (model), "deadline of 3 seconds"));
  /* The main loop kept running: a refresh that blocked it would stall it for
   * the whole deadline, so no gap between ticks may come near it. The
   * count of ticks is not asserted: it measured the machine, not the
   * code. In the two runs of a concurrent pair (load about 12, ASan) the
   * longest gaps were 1.45 s (4 ticks in 3.2 s) and 1.80 s (16 ticks in
   * 4.0 s), close to the old bound of two thirds of the deadline (2 s);
   * the bound is now five sixths (2.5 s), still short of a blocked
   * refresh's 3 s. */
  g_assert_cmpuint (ticker.ticks, >, 0);
  g_assert_cmpint (ticker.max_gap, <, TRICKLE_DEADLINE_MS * 5 / 6 * 1000);

  /* The last good state stays on screen, marked as stale. */
  g_assert_cmpstr (kdcc_window_get_visible_page (f->window), ==, "cluster");
  g_assert_true (g_str_has_prefix (kdcc_window_get_banner_text (f->window),
                                   "Cannot reach the cluster — showing data from"));
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (model)), ==, 3);
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "trickling-dashboard");

  /* The dashboard behaves again: the banner goes. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  for (guint i = 0; i < 10 && kdcc_window_get_banner_revealed (f->window); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.retry", NULL);
      kdcc_test_wait_until (banner_hidden, f->window, 5000);
    }
  g_assert_false (kdcc_window_get_banner_revealed (f->window));

  kdcc_window_close_cluster (f->window);
}

/* Saved clusters in the sidebar --------------------------------------------------- */

static gboolean
page_is_empty (gpointer data)
{
  return g_strcmp0 (kdcc_window_get_visible_page (data), "empty") == 0;
}

static void
test_saved_profiles (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_named_profile (cluster, "Saved Cluster");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (kdcc_profile_get_id (profile));
  GtkListBox *list;
  GtkListBoxRow *row;

  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (kdcc_profile_store_add (f->store, profile, &error));
  g_assert_no_error (error);

  /* The sidebar follows the store; choosing the row opens the cluster and
   * remembers it for the next start. */
  list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->window), KDCC_TYPE_WINDOW,
                                                      "profiles_list"));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
  g_assert_cmpstr (kdcc_settings_get_last_profile (f->settings), ==, id);
  g_assert_true (gtk_list_box_get_selected_row (list) == row);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (f->window), KDCC_TYPE_WINDOW, "unsaved_list"))));

  /* Removing the open cluster closes it and forgets it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-profile", "s", id));
  g_assert_true (kdcc_test_wait_until (page_is_empty, f->window, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (kdcc_settings_get_last_profile (f->settings), ==, "");
  g_assert_null (kdcc_window_get_cluster (f->window));
}

/* Navigation ----------------------------------------------------------------------- */

static gboolean
has_go_back_shortcut (GtkWidget  *widget,
                      const char *trigger_text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (trigger);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                           "win.go-back") &&
              g_str_equal (text, trigger_text))
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *dashboard = kdcc_window_get_panel (f->window, "dashboard");
  GtkWidget *back = template_child (f->window, "back_button");
  GtkWidget *title = template_child (f->window, "title_label");
  GtkWidget *first = gtk_label_new ("First sub-page");
  GtkWidget *second = gtk_label_new ("Second sub-page");
  g_autofree char *first_name = NULL;

  gtk_window_present (GTK_WINDOW (f->window));
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);

  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL) &&
                  g_strcmp0 (kdcc_window_get_visible_panel (f->window), "dashboard") != 0);
  /* Alt+Left, and the mouse's and keyboard's Back key, go back. */
  g_assert_true (has_go_back_shortcut (GTK_WIDGET (f->window), "<Alt>Left"));
  g_assert_true (has_go_back_shortcut (GTK_WIDGET (f->window), "Back"));

  /* Two levels deep. */
  kdcc_panel_push_subpage (KDCC_PANEL (dashboard), first, "First");
  first_name = g_strdup (kdcc_window_get_visible_panel (f->window));
  g_assert_true (g_str_has_prefix (first_name, "subpage-"));
  g_assert_true (gtk_widget_get_visible (back));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "First");
  kdcc_panel_push_subpage (KDCC_PANEL (dashboard), second, "Second");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Second");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), !=, first_name);

  /* The back button, as a user clicks it: the first sub-page again, and
   * the second is gone. */
  g_signal_emit_by_name (back, "clicked");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, first_name);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "First");
  kdcc_test_settle (50);
  g_assert_null (second);

  /* win.go-back (what Alt+Left activates): the dashboard again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "");
  kdcc_test_settle (50);
  g_assert_null (first);

  /* A page chosen in the sidebar starts afresh: no way back into the old
   * sub-page. */
  first = gtk_label_new ("Again");
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  kdcc_panel_push_subpage (KDCC_PANEL (dashboard), first, "Again");
  g_signal_emit_by_name (template_child (f->window, "pages_list"), "row-activated",
                         page_row (f->window, "diagnostics"));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "diagnostics");
  g_assert_false (gtk_widget_get_visible (back));
  kdcc_test_settle (50);
  g_assert_null (first);
}

/* Subjects ------------------------------------------------------------------------- */

/* The code of a check the live cluster really has: the insecure global_id
 * reclaim warning a fresh cluster raises, else whatever it reports. */
static char *
live_check_code (KdccTestCluster *cluster)
{
  g_autofree char *status = NULL;
  g_autoptr(GPtrArray) lines = ceph_checks (cluster, &status);
  char *code = NULL;

  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i),
                          "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED\t"))
      return g_strdup ("AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED");
  g_assert_cmpuint (lines->len, >, 0);
  code = g_strdup (g_ptr_array_index (lines, 0));
  *strchr (code, '\t') = '\0';

  return code;
}

typedef struct
{
  KdccWindow *window;
  const char *code;
} RowWait;

static gboolean
alert_row_present (gpointer data)
{
  RowWait *wait = data;
  KdccDashboardPanel *panel = KDCC_DASHBOARD_PANEL (kdcc_window_get_panel (wait->window,
                                                                           "dashboard"));

  return kdcc_dashboard_panel_get_alert_row (panel, wait->code) != NULL;
}

static void
test_show_subject (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_named_profile (cluster, "Subject Cluster");
  g_autofree char *code = live_check_code (cluster);
  g_autofree char *subject = g_strconcat ("health/", code, NULL);
  RowWait wait = { f->window, code };
  KdccDashboardPanel *panel;
  GtkWidget *row;
  g_autofree char *png = NULL;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 760);
  gtk_window_present (GTK_WINDOW (f->window));

  /* Before any cluster: nothing to show it in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             subject));
  g_assert_cmpstr (kdcc_window_get_last_toast (f->window), ==, "Connect to a cluster first");

  kdcc_window_open_profile (f->window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 60000));
  g_test_message ("showing %s", subject);
  g_assert_true (kdcc_test_wait_until (alert_row_present, &wait, 30000));

  panel = KDCC_DASHBOARD_PANEL (kdcc_window_get_panel (f->window, "dashboard"));
  row = kdcc_dashboard_panel_get_alert_row (panel, code);
  g_assert_cmpstr (kdcc_alert_row_get_code (KDCC_ALERT_ROW (row)), ==, code);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  /* From another page: the dashboard comes up with the row expanded, and
   * Back returns to where the user was. */
  g_signal_emit_by_name (template_child (f->window, "pages_list"), "row-activated",
                         page_row (f->window, "diagnostics"));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "diagnostics");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             subject));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_true (gtk_widget_get_visible (template_child (f->window, "back_button")));

  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->window), "show-subject");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "diagnostics");

  /* An OSD and a check the cluster does not have, and something that is
   * not a subject: a toast each, and no page change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             "osd.3000"));
  g_assert_cmpstr (kdcc_window_get_last_toast (f->window), ==, "osd.3000 is not in this cluster");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "diagnostics");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             "health/NO_SUCH_CHECK"));
  g_assert_cmpstr (kdcc_window_get_last_toast (f->window), ==,
                   "health/NO_SUCH_CHECK is not in this cluster");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "diagnostics");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             "osd.-1"));
  g_assert_true (g_str_has_prefix (kdcc_window_get_last_toast (f->window), "“osd.-1” is not"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/window/new-destroy", test_new_destroy);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add ("/window/navigation", Fixture, NULL, fixture_setup, test_navigation,
              fixture_teardown);
  g_test_add_func ("/window/settings-round-trip", test_settings_round_trip);
  g_test_add ("/window/empty-state", Fixture, NULL, fixture_setup, test_empty_state,
              fixture_teardown);

  /* These need the real test cluster (not run with -Dlive_tests=false). */
  if (kdcc_test_have_cluster ())
    {
      g_test_add ("/window/show-subject", Fixture, NULL, fixture_setup, test_show_subject,
                  fixture_teardown);
      g_test_add ("/window/live-dashboard", Fixture, NULL, fixture_setup, test_live_dashboard,
                  fixture_teardown);
      g_test_add ("/window/saved-profiles", Fixture, NULL, fixture_setup, test_saved_profiles,
                  fixture_teardown);
      g_test_add ("/window/trickling-dashboard", Fixture, NULL, fixture_setup,
                  test_trickling_dashboard, fixture_teardown);
      g_test_add ("/window/stale-banner", Fixture, NULL, fixture_setup, test_stale_banner,
                  fixture_teardown);
    }

  return kdcc_test_run ();
}
