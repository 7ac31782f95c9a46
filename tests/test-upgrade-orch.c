/* test-upgrade-orch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Upgrades through cephadm without a cluster: the `orch status` and `orch
 * upgrade status` parsers over the answers in tests/fixtures/orch (its
 * README says which were captured and which follow Ceph's source), the
 * sentence each detection gives, the one-step plan and its image; and the
 * plan option noautoscale's two steps in place around the daemons.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-cluster.h"
#include "kdcc-error.h"
#include "kdcc-snapshot.h"
#include "kdcc-upgrade-orch.h"
#include "kdcc-upgrade-state.h"

#define PACIFIC "ceph version 16.2.15 (618f440892089921c3e944a991122ddc44e60516) pacific (stable)"

static char *
fixture (const char *name,
         gsize      *length)
{
  g_autofree char *path = g_build_filename (g_getenv ("KDCC_FIXTURES"), "orch", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, length, &error));
  g_assert_no_error (error);
  return text;
}

static KdccOrchStatus *
status_fixture (const char *name)
{
  gsize length = 0;
  g_autofree char *text = fixture (name, &length);
  g_autoptr(GError) error = NULL;
  KdccOrchStatus *status = kdcc_orch_status_parse (text, (gssize) length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static KdccOrchUpgradeStatus *
upgrade_fixture (const char *name)
{
  gsize length = 0;
  g_autofree char *text = fixture (name, &length);
  g_autoptr(GError) error = NULL;
  KdccOrchUpgradeStatus *status = kdcc_orch_upgrade_status_parse (text, (gssize) length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static void
test_orch_status (void)
{
  g_autoptr(KdccOrchStatus) cephadm = status_fixture ("orch-status-cephadm.json");
  g_autoptr(KdccOrchStatus) test = status_fixture ("orch-status-test-orchestrator.json");
  g_autoptr(KdccOrchStatus) rook = status_fixture ("orch-status-unavailable.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (cephadm->configured);
  g_assert_true (cephadm->available);
  g_assert_cmpstr (cephadm->backend, ==, "cephadm");
  g_assert_false (cephadm->paused);
  g_assert_null (cephadm->reason);
  /* Parsing alone never says it can upgrade: only `orch upgrade status`
   * answering does (kdcc_orch_detect_sync). */
  g_assert_false (cephadm->can_upgrade);

  g_assert_true (test->available);
  g_assert_cmpstr (test->backend, ==, "test_orchestrator");

  g_assert_false (rook->available);
  g_assert_cmpstr (rook->backend, ==, "rook");
  g_assert_nonnull (strstr (rook->reason, "Kubernetes pod"));

  /* Not an orch status. */
  g_assert_null (kdcc_orch_status_parse ("{\"in_progress\": false}", -1, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (kdcc_orch_status_parse ("[]", -1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (kdcc_orch_status_parse ("", 0, &error));
  g_assert_nonnull (error);
}

static void
test_upgrade_status (void)
{
  g_autoptr(KdccOrchUpgradeStatus) idle = upgrade_fixture ("orch-upgrade-status-idle.json");
  g_autoptr(KdccOrchUpgradeStatus) running = upgrade_fixture ("orch-upgrade-status-running.json");
  g_autoptr(KdccOrchUpgradeStatus) failed = upgrade_fixture ("orch-upgrade-status-failed.json");
  g_autoptr(GError) error = NULL;
  const char *done[] = { "mgr", "mon", NULL };

  /* Python's None reads as NULL, not as "null". */
  g_assert_false (idle->in_progress);
  g_assert_null (idle->target_image);
  g_assert_null (idle->progress);
  g_assert_cmpstr (idle->message, ==, "");
  g_assert_cmpstr (idle->which, ==, "<unknown>");
  g_assert_cmpuint (g_strv_length (idle->services_complete), ==, 0);
  g_assert_false (idle->is_paused);

  g_assert_true (running->in_progress);
  g_assert_cmpstr (running->target_image, ==, "quay.io/ceph/ceph:v18.2.7");
  g_assert_cmpstr (running->progress, ==, "5/12 daemons upgraded");
  g_assert_cmpstr (running->message, ==, "Currently upgrading osd daemons");
  g_assert_cmpstrv (running->services_complete, done);
  g_assert_false (running->is_paused);

  g_assert_true (failed->in_progress);
  g_assert_true (failed->is_paused);
  g_assert_true (g_str_has_prefix (failed->message, "Error: UPGRADE_FAILED_PULL"));

  g_assert_null (kdcc_orch_upgrade_status_parse ("{\"backend\": \"cephadm\"}", -1, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
}

static void
test_describe (void)
{
  KdccOrchStatus none = { FALSE, FALSE, NULL, FALSE, FALSE,
                          (char *) "No orchestrator configured (try `ceph orch set backend`)" };
  KdccOrchStatus test = { TRUE, TRUE, (char *) "test_orchestrator", FALSE, FALSE,
                          (char *) "This Orchestrator does not support `orch upgrade status`" };
  KdccOrchStatus cephadm = { TRUE, TRUE, (char *) "cephadm", FALSE, TRUE, NULL };
  g_autofree char *a = kdcc_orch_status_describe (&none);
  g_autofree char *b = kdcc_orch_status_describe (&test);
  g_autofree char *c = kdcc_orch_status_describe (&cephadm);
  g_autofree char *image = kdcc_orch_default_image ("18.2.7");

  /* Ceph's own words, and what KDCC does instead. */
  g_assert_nonnull (strstr (a, "No orchestrator configured (try `ceph orch set backend`)"));
  g_assert_nonnull (strstr (a, "package plan"));
  g_assert_nonnull (strstr (b, "test_orchestrator cannot upgrade"));
  g_assert_nonnull (strstr (b, "does not support `orch upgrade status`"));
  g_assert_nonnull (strstr (b, "package plan"));
  g_assert_cmpstr (c, ==, "Orchestrator: cephadm; it upgrades the cluster");
  g_assert_cmpstr (image, ==, "quay.io/ceph/ceph:v18.2.7");
}

/* mon.a, mgr.x, osd.0 and osd.1 on host a, all Pacific. */
static KdccCluster *
cluster_new (void)
{
  KdccCluster *cluster = kdcc_cluster_new ("orch");
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  KdccDaemonData *mon = kdcc_daemon_data_new ("mon", "a");
  KdccDaemonData *mgr = kdcc_daemon_data_new ("mgr", "x");

  snap->fsid = g_strdup ("6a6f3c7e-0000-4000-8000-00000000orch");
  snap->health = KDCC_HEALTH_OK;
  snap->mons = g_ptr_array_new_with_free_func (g_free);
  snap->quorum = g_ptr_array_new_with_free_func (g_free);
  snap->daemons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  snap->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  mon->host = g_strdup ("a");
  mon->in_quorum = TRUE;
  mgr->host = g_strdup ("a");
  mgr->active = TRUE;
  g_ptr_array_add (snap->daemons, mon);
  g_ptr_array_add (snap->daemons, mgr);
  g_ptr_array_add (snap->mons, g_strdup ("a"));
  g_ptr_array_add (snap->quorum, g_strdup ("a"));
  snap->mgr_active = g_strdup ("x");
  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < 2; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);

      osd->host = g_strdup ("a");
      osd->exists = osd->up = osd->in = TRUE;
    }
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("mon", PACIFIC, 1));
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("mgr", PACIFIC, 1));
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("osd", PACIFIC, 2));
  kdcc_cluster_apply_snapshot (cluster, snap);
  return cluster;
}

static void
test_plan (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccCluster) cluster = cluster_new ();
  g_autoptr(KdccVersionSurvey) survey = kdcc_version_survey_new (kdcc_cluster_get_versions (cluster),
                                                                 NULL);
  g_autoptr(KdccUpgradePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *image = NULL;
  KdccUpgradeStep *step;

  plan = kdcc_upgrade_plan_new_orch (catalog, cluster, survey, "reef", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->steps->len, ==, 1);
  step = g_ptr_array_index (plan->steps, 0);
  g_assert_cmpint (step->kind, ==, KDCC_UPGRADE_STEP_ORCH_UPGRADE);
  image = g_strdup_printf ("ceph orch upgrade start --image quay.io/ceph/ceph:v%s",
                           plan->target_version);
  g_assert_cmpstr (step->command, ==, image);
  g_clear_pointer (&image, g_free);
  image = kdcc_orch_step_image (step);
  g_assert_true (g_str_has_prefix (image, "quay.io/ceph/ceph:v18."));
  g_assert_cmpstr (kdcc_upgrade_step_kind_to_string (step->kind), ==, "orch-upgrade");
  /* The autoscaler paused around cephadm's upgrade. */
  kdcc_upgrade_plan_add_noautoscale (plan);
  g_assert_cmpuint (plan->steps->len, ==, 3);
  g_assert_cmpstr (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, 0))->command, ==,
                   "ceph osd pool set noautoscale");
  g_assert_true (g_ptr_array_index (plan->steps, 1) == step);
  g_assert_cmpstr (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, 2))->command, ==,
                   "ceph osd pool unset noautoscale");
  g_clear_pointer (&plan, kdcc_upgrade_plan_free);

  /* An image of the admin's; one a shell would split is refused. */
  plan = kdcc_upgrade_plan_new_orch (catalog, cluster, survey, "reef",
                                     "registry.example:5000/ceph/ceph@sha256:0123abcd", &error);
  g_assert_no_error (error);
  g_clear_pointer (&image, g_free);
  image = kdcc_orch_step_image (g_ptr_array_index (plan->steps, 0));
  g_assert_cmpstr (image, ==, "registry.example:5000/ceph/ceph@sha256:0123abcd");
  g_clear_pointer (&plan, kdcc_upgrade_plan_free);
  g_assert_null (kdcc_upgrade_plan_new_orch (catalog, cluster, survey, "reef", "a b; rm -rf /",
                                             &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Ceph's rules hold for cephadm too. */
  g_assert_null (kdcc_upgrade_plan_new_orch (catalog, cluster, survey, "squid", NULL, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Upgrade to Reef first"));
}

static void
test_noautoscale_steps (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccCluster) cluster = cluster_new ();
  g_autoptr(KdccVersionSurvey) survey = kdcc_version_survey_new (kdcc_cluster_get_versions (cluster),
                                                                 NULL);
  g_autoptr(KdccUpgradePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  guint n, set_at = 0, unset_at = 0, first_daemon = 0, last_daemon = 0;

  plan = kdcc_upgrade_plan_new (catalog, cluster, survey, "reef", NULL, &error);
  g_assert_no_error (error);
  n = plan->steps->len;
  kdcc_upgrade_plan_add_noautoscale (plan);
  /* Twice is once. */
  kdcc_upgrade_plan_add_noautoscale (plan);
  g_assert_cmpuint (plan->steps->len, ==, n + 2);

  for (guint i = 0; i < plan->steps->len; i++)
    {
      KdccUpgradeStep *s = g_ptr_array_index (plan->steps, i);

      if (kdcc_upgrade_step_is_noautoscale (s) && s->kind == KDCC_UPGRADE_STEP_SET_FLAG)
        set_at = i;
      else if (kdcc_upgrade_step_is_noautoscale (s))
        unset_at = i;
      else if (s->kind == KDCC_UPGRADE_STEP_DAEMON)
        {
          if (first_daemon == 0)
            first_daemon = i;
          last_daemon = i;
        }
    }
  /* After noout, before the first daemon; after require-osd-release,
   * before noout goes. */
  g_assert_cmpuint (set_at, ==, 1);
  g_assert_cmpstr (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, 0))->command, ==,
                   "ceph osd set noout");
  g_assert_cmpstr (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, 1))->command, ==,
                   "ceph osd pool set noautoscale");
  g_assert_cmpuint (set_at, <, first_daemon);
  g_assert_cmpuint (unset_at, >, last_daemon);
  g_assert_cmpuint (unset_at, ==, plan->steps->len - 2);
  g_assert_cmpstr (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, unset_at))->command, ==,
                   "ceph osd pool unset noautoscale");
  g_assert_cmpint (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, unset_at - 1))->kind, ==,
                   KDCC_UPGRADE_STEP_REQUIRE_RELEASE);
  g_assert_cmpstr (((KdccUpgradeStep *) g_ptr_array_index (plan->steps, unset_at + 1))->command,
                   ==, "ceph osd unset noout");
}

/* The state keeps what the pause recorded across processes. */
static void
test_state_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-upgrade-orch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  g_autoptr(KdccUpgradePlan) plan = g_new0 (KdccUpgradePlan, 1);
  g_autoptr(KdccUpgradeState) state = NULL;
  g_autoptr(KdccUpgradeState) back = NULL;
  g_autoptr(GError) error = NULL;
  const char *restore[] = { "pool\tkdcc-test\ton", "config\tglobal\tosd_pool_default_pg_autoscale_mode\t",
                            NULL };

  plan->running_release = g_strdup ("pacific");
  plan->target_release = g_strdup ("reef");
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_step_free);
  state = kdcc_upgrade_state_new_from_plan ("fsid", plan, 18, NULL);
  state->noautoscale_was_set = TRUE;
  state->autoscale_restore = g_strdupv ((char **) restore);
  g_assert_true (kdcc_upgrade_state_save (state, path, &error));
  g_assert_no_error (error);
  back = kdcc_upgrade_state_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (back->noautoscale_was_set);
  g_assert_cmpstrv (back->autoscale_restore, restore);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-orch/orch-status", test_orch_status);
  g_test_add_func ("/upgrade-orch/upgrade-status", test_upgrade_status);
  g_test_add_func ("/upgrade-orch/describe", test_describe);
  g_test_add_func ("/upgrade-orch/plan", test_plan);
  g_test_add_func ("/upgrade-orch/noautoscale-steps", test_noautoscale_steps);
  g_test_add_func ("/upgrade-orch/state-round-trip", test_state_round_trip);

  return g_test_run ();
}
