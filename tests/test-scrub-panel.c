/* test-scrub-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Scrub Planner page under Xvfb, fed snapshots (no connection): a
 * cluster whose one pool is on track, then one with a pool whose PGs are
 * past the warning age; the editor's values recompute the forecast. Saves
 * screenshots of both.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kdcc-cluster.h"
#include "kdcc-controls-state.h"
#include "kdcc-scrub-panel.h"
#include "kdcc-stage-request.h"
#include "kdcc-snapshot.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"

#define DAY 86400.0

/* COUNT PGs of pool ID, deep-scrubbed evenly over the SPREAD seconds
 * before now. */
static void
add_pool (KdccSnapshot *snap,
          gint64        id,
          const char   *name,
          guint         count,
          double        spread,
          const char   *option)
{
  KdccPoolData *pool = kdcc_snapshot_ensure_pool (snap, id);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  pool->name = g_strdup (name);
  pool->type = g_strdup ("replicated");
  pool->size = 3;
  pool->min_size = 2;
  pool->pg_num = count;
  if (option != NULL)
    g_ptr_array_add (pool->options, g_strdup (option));
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *pgid = g_strdup_printf ("%" G_GINT64_FORMAT ".%x", id, i);
      KdccPgData *pg = kdcc_pg_data_new (pgid);

      pg->pool_id = id;
      pg->seed = i;
      pg->state = g_strdup (i == 0 ? "active+clean+scrubbing+deep" : "active+clean");
      pg->last_deep_scrub_stamp = now - (gint64) (spread * (i + 0.5) / count);
      pg->last_scrub_stamp = MIN (now, pg->last_deep_scrub_stamp + (gint64) DAY);
      pg->objects = 1000;
      /* 40 GiB: a deep scrub takes about 7 minutes (estimated). */
      pg->bytes = 40 * 1024 * 1024 * 1024ULL;
      g_ptr_array_add (snap->pgs, pg);
    }
}

static KdccSnapshot *
snapshot (gboolean with_late_pool)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();

  snap->fsid = g_strdup ("00000000-0000-0000-0000-000000000010");
  snap->health = KDCC_HEALTH_OK;
  snap->source_kind = g_strdup ("rados");
  snap->osds_total = 6;
  snap->osds_up = 6;
  snap->osds_in = 6;
  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < 6; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);

      osd->exists = TRUE;
      osd->up = TRUE;
      osd->in = TRUE;
    }
  snap->pgs = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_data_free);
  add_pool (snap, 1, "rbd", 64, 6 * DAY, NULL);
  if (with_late_pool)
    /* A deep interval of 2 days on the pool: warns after 3.5 days. */
    add_pool (snap, 2, "archive", 32, 5 * DAY, "deep_scrub_interval=172800");
  return snap;
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  g_autofree char *png = NULL;

  kdcc_test_settle (600);
  kdcc_test_wait_for_paint (window, 5000);
  png = kdcc_test_screenshot (window, name);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

static gboolean
has_report (gpointer data)
{
  return kdcc_scrub_panel_get_report (data) != NULL;
}

static gboolean
report_not_on_track (gpointer data)
{
  const KdccScrubReport *report = kdcc_scrub_panel_get_report (data);

  return report != NULL && !report->on_track;
}

static void
test_planner (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("Scrub test");
  g_autoptr(KdccSnapshot) on_track = snapshot (FALSE);
  g_autoptr(KdccSnapshot) late = snapshot (TRUE);
  GtkWidget *window = gtk_window_new ();
  KdccScrubPanel *panel = KDCC_SCRUB_PANEL (kdcc_scrub_panel_new ());
  const KdccScrubReport *report;
  const KdccScrubPoolStatus *rbd;
  const KdccScrubPoolStatus *archive;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1400);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
  /* The page holds the PG list while it shows the cluster. */
  g_assert_true (kdcc_cluster_get_pg_list_wanted (cluster));
  kdcc_cluster_apply_snapshot (cluster, on_track);
  gtk_window_present (GTK_WINDOW (window));
  /* The report comes in an idle once the option catalog is loaded (a
   * thread): 200 ms of settling was not enough in a loaded run. */
  g_assert_true (kdcc_test_wait_until (has_report, panel, 30000));

  report = kdcc_scrub_panel_get_report (panel);
  g_assert_nonnull (report);
  g_assert_true (report->on_track);
  g_assert_cmpuint (report->n_pgs, ==, 64);
  g_assert_cmpuint (report->scrubbing, ==, 1);
  screenshot (window, "scrub-on-track");

  kdcc_cluster_apply_snapshot (cluster, late);
  g_assert_true (kdcc_test_wait_until (report_not_on_track, panel, 30000));
  report = kdcc_scrub_panel_get_report (panel);
  rbd = kdcc_scrub_report_find_pool (report, "rbd");
  archive = kdcc_scrub_report_find_pool (report, "archive");
  g_assert_nonnull (rbd);
  g_assert_nonnull (archive);
  g_assert_false (report->on_track);
  g_assert_cmpint (rbd->reason, ==, KDCC_SCRUB_FORECAST_ON_TRACK);
  /* Stamps spread evenly over 5 days, warning after 3.5: the older 30 %. */
  g_assert_cmpuint (archive->overdue_deep, ==, 10);
  g_assert_cmpint (archive->reason, ==, KDCC_SCRUB_FORECAST_OVERDUE_NOW);
  g_assert_cmpint (archive->deep_interval_origin, ==, KDCC_SCRUB_ORIGIN_POOL);
  screenshot (window, "scrub-not-on-track");

  /* The editor recomputes at once: scrubbing 2 hours a day on Sundays
   * leaves far less room than the 96 PGs need. */
  kdcc_scrub_panel_edit (panel, KDCC_SCRUB_OPT_BEGIN_HOUR, 1);
  kdcc_scrub_panel_edit (panel, KDCC_SCRUB_OPT_END_HOUR, 3);
  kdcc_scrub_panel_edit (panel, KDCC_SCRUB_OPT_BEGIN_WEEK_DAY, 0);
  kdcc_scrub_panel_edit (panel, KDCC_SCRUB_OPT_END_WEEK_DAY, 1);
  report = kdcc_scrub_panel_get_report (panel);
  g_assert_cmpfloat_with_epsilon (report->window_share, 2 / 168.0, 1e-9);
  rbd = kdcc_scrub_report_find_pool (report, "rbd");
  g_assert_cmpint (rbd->reason, !=, KDCC_SCRUB_FORECAST_ON_TRACK);
  g_assert_cmpfloat (rbd->warn_at, >, 0);
  screenshot (window, "scrub-narrow-window");

  /* Without a connection there is nothing to stage or scrub through. */
  g_assert_cmpuint (kdcc_scrub_panel_stage (panel), ==, 0);
  g_assert_nonnull (kdcc_scrub_panel_get_status (panel));
  g_assert_null (kdcc_scrub_panel_deep_scrub_pool (panel, "archive"));
  g_assert_null (kdcc_scrub_panel_deep_scrub_osd (panel, 0));
  /* No flight recorder here: the rate comes from the stamps, and says so. */
  g_assert_cmpint (report->observed_source, ==, KDCC_SCRUB_RATE_STAMPS);
  g_assert_nonnull (strstr (report->observed_text, "from the PGs’ deep-scrub stamps"));

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_settle (50);
  /* The page let go of the PG list. */
  g_assert_false (kdcc_cluster_get_pg_list_wanted (cluster));
}

static gboolean
catalog_loaded (gpointer data)
{
  return kdcc_config_catalog_get_loaded (data);
}

static gboolean
staged (gpointer data)
{
  const char *status = kdcc_scrub_panel_get_status (data);

  return status != NULL && g_str_has_prefix (status, "Staged:");
}

static gboolean
dialog_open (gpointer data)
{
  return kdcc_stage_request_get_dialog () != NULL;
}

static gboolean
ratio_staged (gpointer data)
{
  g_autofree char *script = kdcc_staging_dup_script (kdcc_controls_state_get_staging (data));

  return script != NULL
         && strstr (script, "ceph config set global mon_warn_pg_not_deep_scrubbed_ratio 0") != NULL;
}

/* On the shared cluster: only reads and stages (the staging area lives in
 * this test's own data folder); nothing is applied. */
static void
test_live (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_direct_profile (cluster);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pgs = NULL;
  g_autofree char *script = NULL;
  GtkWidget *window = gtk_window_new ();
  KdccScrubPanel *panel = KDCC_SCRUB_PANEL (kdcc_scrub_panel_new ());
  KdccControlsState *state;
  const KdccScrubReport *report;

  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 1000);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  gtk_window_present (GTK_WINDOW (window));
  kdcc_session_start (session);
  state = kdcc_controls_state_get (session);
  g_assert_true (kdcc_test_wait_until (catalog_loaded, kdcc_controls_state_get_catalog (state),
                                       60000));
  g_assert_true (kdcc_test_wait_until (has_report, panel, 60000));

  report = kdcc_scrub_panel_get_report (panel);
  pgs = kdcc_test_ceph_json (cluster, "pg", "ls", NULL);
  g_assert_cmpuint (report->n_pgs, ==,
                    json_array_get_length (json_object_get_array_member (
                      json_node_get_object (pgs), "pg_stats")));
  g_assert_nonnull (kdcc_scrub_report_find_pool (report, cluster->pool));
  screenshot (window, "scrub-live");

  /* Stage a longer deep interval: config set at global scope. */
  kdcc_scrub_panel_edit (panel, KDCC_SCRUB_OPT_DEEP_INTERVAL, 14 * DAY);
  g_assert_cmpuint (kdcc_scrub_panel_stage (panel), >=, 1);
  g_assert_true (kdcc_test_wait_until (staged, panel, 30000));
  script = kdcc_staging_dup_script (kdcc_controls_state_get_staging (state));
  g_assert_nonnull (strstr (script, "ceph config set global osd_deep_scrub_interval 1209600"));
  g_assert_true (kdcc_staging_discard (kdcc_controls_state_get_staging (state), &error));
  g_assert_no_error (error);

  /* Turning the deep-scrub check off is risky: Stage asks first, naming
   * the reason and the command, and stages only on "Stage Anyway". */
  kdcc_scrub_panel_edit (panel, KDCC_SCRUB_OPT_WARN_DEEP_RATIO, 0);
  g_assert_cmpuint (kdcc_scrub_panel_stage (panel), >=, 2);
  g_assert_true (kdcc_test_wait_until (dialog_open, NULL, 30000));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (kdcc_stage_request_get_dialog ()),
                            "ceph config set global mon_warn_pg_not_deep_scrubbed_ratio 0"));
  adw_message_dialog_response (kdcc_stage_request_get_dialog (), "stage");
  g_assert_true (kdcc_test_wait_until (ratio_staged, state, 30000));
  g_assert_true (kdcc_staging_discard (kdcc_controls_state_get_staging (state), &error));
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_session_close (session);
  kdcc_test_settle (50);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/scrub-panel/planner", test_planner);
  if (kdcc_test_have_cluster ())
    g_test_add_func ("/scrub-panel/live", test_live);

  return kdcc_test_run ();
}
