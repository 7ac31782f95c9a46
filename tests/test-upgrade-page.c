/* test-upgrade-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The upgrade assistant's page on a real private Pacific cluster: with
 * `noout` set the preflight fails with its reason and Start is not
 * offered (screenshot upgrade-preflight-failed); once it is cleared and
 * the standing warnings are accepted, the page starts a real roll to Reef
 * through the harness's upgrade-daemon template; with ok-to-stop refused
 * (min_size raised to size) the page says which daemon waits at which gate,
 * why and for how long (upgrade-stall); a pause stops it there, mid-way
 * (upgrade-paused). A new page (as after a restart of the app) finds the
 * paused upgrade; an abort from it unsets noout and says what can go back.
 * The roll pauses the PG autoscaler (the page's switch; its steps and the
 * orchestrator's answer in upgrade-plan-noautoscale): every pool's
 * autoscaler is off while it runs, and the abort puts each back as it was.
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-health-check.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-upgrade-page.h"

/* "pool=mode;…" for every pool. */
static char *
pool_modes (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) root = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", "detail", NULL);
  JsonArray *pools = json_node_get_array (root);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = json_array_get_object_element (pools, i);

      g_string_append_printf (text, "%s=%s;", json_object_get_string_member (pool, "pool_name"),
                              json_object_get_string_member (pool, "pg_autoscale_mode"));
    }
  return g_string_free (text, FALSE);
}

/* The page's scrolled window, scrolled to its end (where the plan is). */
static void
scroll_to_end (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        {
          GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));

          gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
          return;
        }
      scroll_to_end (child);
    }
}

static gboolean
plan_has_noautoscale (gpointer data)
{
  GtkWidget *widget = data;
  g_autoptr(GString) text = g_string_new (NULL);

  /* The step rows' titles, as the admin reads them. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_ROW (child))
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));

          if (title != NULL && strstr (title, "Pause the PG autoscaler (KDCC puts") != NULL)
            return TRUE;
        }
      if (plan_has_noautoscale (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
loaded (gpointer data)
{
  return kdcc_upgrade_page_get_loaded (data);
}

static gboolean
can_start (gpointer data)
{
  return kdcc_upgrade_page_get_loaded (data) && kdcc_upgrade_page_get_can_start (data);
}

static gboolean
no_flags_warning (gpointer data)
{
  GListModel *checks = kdcc_cluster_get_health_checks (kdcc_session_get_cluster (data));

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      if (g_strcmp0 (kdcc_health_check_get_code (check), "OSDMAP_FLAGS") == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
stalled (gpointer data)
{
  g_autoptr(KdccUpgradeState) state = kdcc_upgrade_page_dup_state (data);
  g_autofree char *text = kdcc_upgrade_page_dup_wait_text (data);

  return state != NULL && g_strcmp0 (state->wait_gate, "ok-to-stop") == 0
         && g_strcmp0 (state->wait_daemon, "osd.0") == 0
         && g_get_real_time () - state->wait_since >= 3 * G_USEC_PER_SEC
         && text != NULL && strstr (text, "osd.0 waits at ok-to-stop") != NULL;
}

static gboolean
paused (gpointer data)
{
  g_autoptr(KdccUpgradeState) state = kdcc_upgrade_page_dup_state (data);

  return state != NULL && state->state == KDCC_UPGRADE_RUN_PAUSED
         && kdcc_upgrade_page_get_loaded (data);
}

static gboolean
aborted (gpointer data)
{
  g_autoptr(KdccUpgradeState) state = kdcc_upgrade_page_dup_state (data);

  return state != NULL && state->state == KDCC_UPGRADE_RUN_ABORTED;
}

static const KdccUpgradeStepRecord *
record_of (const KdccUpgradeState *state,
           const char             *type)
{
  for (guint i = 0; i < state->steps->len; i++)
    {
      const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);

      if (g_strcmp0 (r->step->daemon_type, type) == 0)
        return r;
    }
  g_error ("no %s step", type);
  return NULL;
}

static void
test_page (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autofree char *tmpdir = g_dir_make_tmp ("kdcc-test-upgrade-page-XXXXXX", NULL);
  g_autofree char *state_home = g_build_filename (tmpdir, "state", NULL);
  g_autofree char *data_home = g_build_filename (tmpdir, "data", NULL);
  g_autofree char *template_ = NULL;
  g_autofree char *png = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *out = NULL;
  g_autofree char *modes_before = NULL;
  g_autofree char *modes = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccUpgradeState) state = NULL;
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(GList) codes = NULL;
  g_autoptr(GError) error = NULL;
  KdccTestRefreshes refreshes = { NULL, };
  const char *tool = g_getenv ("KDCC_TEST_CLUSTER_TOOL");
  GtkWidget *page, *window, *page2, *window2;
  KdccUpgradePage *self;

  g_assert_nonnull (tool);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* The standing warnings, before the fault the preflight must catch. */
  health = kdcc_test_ceph_json (cluster, "health", NULL);
  codes = json_object_get_members (json_object_get_object_member (json_node_get_object (health),
                                                                  "checks"));
  g_free (kdcc_test_ceph_text (cluster, "osd", "set", "noout", NULL));

  profile = kdcc_test_direct_profile (cluster);
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  kdcc_test_session_start_fast (session, 2, &refreshes);

  page = kdcc_upgrade_page_new (session, "reef");
  self = KDCC_UPGRADE_PAGE (page);
  kdcc_upgrade_page_set_stall_after (self, 2);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1400);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  /* 1. noout set: the preflight fails with its reason; no Start. */
  g_assert_true (kdcc_test_wait_until (loaded, self, 120000));
  for (GList *l = codes; l != NULL; l = l->next)
    kdcc_upgrade_page_accept_warning (self, l->data);
  g_assert_false (kdcc_upgrade_page_get_can_start (self));
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "upgrade-preflight-failed");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_pointer (&png, g_free);

  /* 2. Cleared and read again: Start is offered. */
  g_free (kdcc_test_ceph_text (cluster, "osd", "unset", "noout", NULL));
  g_assert_true (kdcc_test_wait_until (no_flags_warning, session, 60000));
  kdcc_upgrade_page_reload (self);
  g_assert_true (kdcc_test_wait_until (can_start, self, 120000));

  /* The PG autoscaler paused for the roll: the plan says so, and says
   * that no orchestrator is configured, in Ceph's words. */
  modes_before = pool_modes (cluster);
  g_assert_nonnull (strstr (modes_before, "=on;"));
  g_assert_false (plan_has_noautoscale (page));
  kdcc_upgrade_page_set_noautoscale (self, TRUE);
  g_assert_true (plan_has_noautoscale (page));
  scroll_to_end (page);
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "upgrade-plan-noautoscale");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_pointer (&png, g_free);

  /* 3. A real roll from the page, held at osd.0's ok-to-stop. */
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, "min_size", "3",
                               NULL));
  template_ = g_strdup_printf ("%s upgrade-daemon %s {type}.{id} reef", tool, cluster->dir);
  kdcc_upgrade_page_set_restart_command (self, template_);
  g_assert_true (kdcc_upgrade_page_get_can_start (self));
  kdcc_upgrade_page_start (self);
  g_assert_true (kdcc_test_wait_until (stalled, self, 300000));
  wait = kdcc_upgrade_page_dup_wait_text (self);
  g_test_message ("%s", wait);
  g_assert_nonnull (strstr (wait, "ok-to-stop refused"));
  g_assert_false (kdcc_upgrade_page_get_can_start (self));
  modes = pool_modes (cluster);
  g_assert_null (strstr (modes, "=on;"));
  g_clear_pointer (&modes, g_free);
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "upgrade-stall");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_clear_pointer (&png, g_free);

  /* 4. Paused there: mons and mgr on Reef, the OSDs untouched. */
  kdcc_upgrade_page_pause (self);
  g_assert_true (kdcc_test_wait_until (paused, self, 120000));
  state = kdcc_upgrade_page_dup_state (self);
  g_assert_cmpint (record_of (state, "mon")->state, ==, KDCC_UPGRADE_STEP_DONE);
  g_assert_cmpint (record_of (state, "mgr")->state, ==, KDCC_UPGRADE_STEP_DONE);
  g_assert_cmpint (record_of (state, "osd")->state, ==, KDCC_UPGRADE_STEP_PENDING);
  g_assert_cmpint (state->wait_since, ==, 0);
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, "upgrade-paused");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  out = kdcc_test_ceph_text (cluster, "osd", "dump", NULL);
  g_assert_nonnull (strstr (out, "noout"));
  g_clear_pointer (&out, g_free);

  /* 5. As after a restart of the app: a new page finds the paused upgrade
   * in the saved state and offers to resume or abort it. */
  page2 = kdcc_upgrade_page_new (session, "reef");
  window2 = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window2), 900, 1000);
  gtk_window_set_child (GTK_WINDOW (window2), page2);
  gtk_window_present (GTK_WINDOW (window2));
  g_assert_true (kdcc_test_wait_until (paused, page2, 120000));
  g_assert_false (kdcc_upgrade_page_get_can_start (KDCC_UPGRADE_PAGE (page2)));

  /* 6. Aborted from there: noout (which the upgrade set) unset, and the
   * way back said: every mon runs Reef, so the mons cannot go back. */
  kdcc_upgrade_page_abort (KDCC_UPGRADE_PAGE (page2));
  g_assert_true (kdcc_test_wait_until (aborted, page2, 120000));
  g_clear_pointer (&state, kdcc_upgrade_state_free);
  state = kdcc_upgrade_page_dup_state (KDCC_UPGRADE_PAGE (page2));
  g_test_message ("%s", state->message);
  g_assert_nonnull (strstr (state->message, "mon.a, mgr.x"));
  g_assert_nonnull (strstr (state->message, "the mons cannot go back"));
  out = kdcc_test_ceph_text (cluster, "osd", "dump", NULL);
  g_assert_null (strstr (out, "noout"));
  g_assert_null (strstr (out, "noautoscale"));
  modes = pool_modes (cluster);
  g_assert_cmpstr (modes, ==, modes_before);
  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "config", "dump", NULL);
  g_assert_null (strstr (out, "osd_pool_default_pg_autoscale_mode"));
  g_assert_null (strstr (out, "mgr/pg_autoscaler/noautoscale"));

  gtk_window_destroy (GTK_WINDOW (window2));
  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
  kdcc_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/upgrade-page/roll", test_page);

  return kdcc_test_run ();
}
