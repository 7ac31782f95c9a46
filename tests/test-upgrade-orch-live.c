/* test-upgrade-orch-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cephadm cannot run here (it needs containers and ssh), so this test
 * checks what KDCC does when the orchestrator is not cephadm, against the
 * real orchestrator module of a private Pacific cluster: with no backend
 * set, and with the real test_orchestrator backend enabled (`ceph mgr
 * module enable test_orchestrator`, `ceph orch set backend
 * test_orchestrator`). Each time KDCC says so in Ceph's own words and plans
 * the package roll; a cephadm step run against test_orchestrator fails
 * with Ceph's refusal, nothing changed. On the same private cluster first:
 * the autoscaler pause (`osd pool set|unset noautoscale`) outlasting the
 * 10 s an mgr command is given, which KDCC waits out (kdcc-rados-apply.c).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-operation.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-util.h"
#include "kdcc-upgrade-orch.h"
#include "kdcc-upgrade-run.h"

#define NO_BACKEND "No orchestrator configured (try `ceph orch set backend`)"
#define NO_UPGRADE "This Orchestrator does not support `orch upgrade status`"

static KdccOrchStatus *
detect (KdccSource *source)
{
  g_autoptr(GError) error = NULL;
  KdccOrchStatus *status = kdcc_orch_detect_sync (source, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static KdccTestCli *
cli_plan (KdccTestCluster *cluster,
          gboolean         json)
{
  g_autofree char *conf = g_strdup_printf ("--conf=%s", cluster->conf);
  g_autofree char *keyring = g_strdup_printf ("--keyring=%s", cluster->keyring);
  g_autofree char *id = g_strdup_printf ("--id=%s", cluster->client_id);
  const char *args[] = { "upgrade", "plan", "--to=reef", conf, keyring, id,
                         json ? "--json" : NULL, NULL };

  return kdcc_test_cli_runv (NULL, args);
}

/* The mgr restarted (another active gid) and is available again. */
typedef struct
{
  KdccTestCluster *cluster;
  gint64           old_gid;
} MgrWait;

static gboolean
mgr_restarted (gpointer data)
{
  MgrWait *w = data;
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (w->cluster, "mgr", "dump", NULL);
  JsonObject *o = json_node_get_object (dump);

  return json_object_get_int_member (o, "active_gid") != w->old_gid
         && json_object_get_boolean_member (o, "available");
}

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KdccUpgradeRunState *state = user_data;
  g_autoptr(GError) error = NULL;

  *state = kdcc_upgrade_run_execute_finish (KDCC_UPGRADE_RUN (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
run_ended (gpointer data)
{
  return *(KdccUpgradeRunState *) data != KDCC_UPGRADE_RUN_RUNNING;
}

/* Every pool's pg_autoscale_mode, as `ceph` says. */
static void
assert_pool_modes (KdccTestCluster *cluster,
                   const char      *mode)
{
  g_autoptr(JsonNode) pools = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", "detail", NULL);
  JsonArray *array = json_node_get_array (pools);

  g_assert_cmpuint (json_array_get_length (array), >=, 6);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *pool = json_array_get_object_element (array, i);

      g_test_message ("pool %s: pg_autoscale_mode %s",
                      json_object_get_string_member (pool, "pool_name"),
                      json_object_get_string_member (pool, "pg_autoscale_mode"));
      g_assert_cmpstr (json_object_get_string_member (pool, "pg_autoscale_mode"), ==, mode);
    }
}

/* Pacific's `osd pool set|unset noautoscale` sets the pools one paxos
 * proposal after another and answers only then: with a few pools and a
 * slow proposal interval that is well past the 10 s librados gives an mgr
 * command (KDCC_RADOS_TIMEOUT_S). The operation must still succeed once
 * every pool shows the new mode: a real cluster with a dozen pools at the
 * default interval takes as long (the RGW's pools made upgrade-run-live's
 * roll stop at this step once, at load 15). */
static void
check_slow_noautoscale (KdccTestCluster *cluster,
                        KdccSource      *source)
{
  g_autoptr(KdccOperation) set = kdcc_operation_new_noautoscale (TRUE);
  g_autoptr(KdccOperation) unset = kdcc_operation_new_noautoscale (FALSE);
  g_autoptr(GError) error = NULL;
  gint64 start;
  gboolean ok;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("kdcc-slow-%u", i);

      g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "create", name, "1", NULL));
    }
  /* 6 pools or more at 4 s a proposal: 24 s or more per command. */
  g_free (kdcc_test_ceph_text (cluster, "config", "set", "mon", "paxos_propose_interval", "4",
                               NULL));

  start = g_get_monotonic_time ();
  ok = kdcc_source_apply_operation_sync (source, set, NULL, &error);
  g_test_message ("osd pool set noautoscale: %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_true (ok);
  /* Longer than librados waits for an mgr answer: the timeout path ran. */
  g_assert_cmpint (g_get_monotonic_time () - start, >, 10 * G_USEC_PER_SEC);
  assert_pool_modes (cluster, "off");

  start = g_get_monotonic_time ();
  ok = kdcc_source_apply_operation_sync (source, unset, NULL, &error);
  g_test_message ("osd pool unset noautoscale: %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_pool_modes (cluster, "on");

  g_free (kdcc_test_ceph_text (cluster, "config", "rm", "mon", "paxos_propose_interval", NULL));
}

static void
test_not_cephadm (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf,
                                                                      cluster->keyring,
                                                                      cluster->client_id));
  g_autofree char *tmpdir = g_dir_make_tmp ("kdcc-test-upgrade-orch-XXXXXX", NULL);
  g_autoptr(KdccOrchStatus) status = NULL;
  g_autoptr(KdccTestCli) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) dump = NULL;
  g_autoptr(JsonNode) versions_before = NULL;
  g_autoptr(JsonNode) versions_after = NULL;
  g_autoptr(KdccUpgradePlan) plan = g_new0 (KdccUpgradePlan, 1);
  g_autoptr(KdccUpgradeRun) upgrade = NULL;
  g_autoptr(KdccUpgradeState) final = NULL;
  g_autofree char *way_back = NULL;
  g_autoptr(GError) error = NULL;
  KdccUpgradeRunState run_state = KDCC_UPGRADE_RUN_RUNNING;
  KdccUpgradeStep *step;
  JsonObject *orch;
  JsonArray *steps;
  MgrWait wait = { cluster, 0 };

  g_assert_nonnull (tmpdir);
  g_setenv ("XDG_STATE_HOME", tmpdir, TRUE);

  /* 0. The autoscaler pause that outlasts an mgr command's timeout. */
  check_slow_noautoscale (cluster, source);

  /* 1. No backend: Ceph's ENOENT, and the package plan. */
  status = detect (source);
  g_assert_false (status->configured);
  g_assert_false (status->can_upgrade);
  g_assert_null (status->backend);
  g_assert_nonnull (strstr (status->reason, NO_BACKEND));
  g_clear_pointer (&status, kdcc_orch_status_free);
  run = cli_plan (cluster, FALSE);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "No orchestrator (Ceph: "));
  g_assert_nonnull (strstr (run->out, NO_BACKEND));
  g_assert_nonnull (strstr (run->out, "the package plan follows"));
  g_assert_nonnull (strstr (run->out, "Restart mon.a on 18."));
  g_assert_null (strstr (run->out, "orch upgrade start"));
  g_clear_pointer (&run, kdcc_test_cli_free);

  /* 2. The real test_orchestrator backend. Enabling a module restarts the
   * mgr; the backend is set once the new one is available. */
  dump = kdcc_test_ceph_json (cluster, "mgr", "dump", NULL);
  wait.old_gid = json_object_get_int_member (json_node_get_object (dump), "active_gid");
  g_free (kdcc_test_ceph_text (cluster, "mgr", "module", "enable", "test_orchestrator", NULL));
  g_assert_true (kdcc_test_wait_until (mgr_restarted, &wait, 180000));
  g_free (kdcc_test_ceph_text (cluster, "orch", "set", "backend", "test_orchestrator", NULL));

  status = detect (source);
  g_assert_true (status->configured);
  g_assert_true (status->available);
  g_assert_cmpstr (status->backend, ==, "test_orchestrator");
  g_assert_false (status->can_upgrade);
  g_assert_nonnull (strstr (status->reason, NO_UPGRADE));
  g_clear_pointer (&status, kdcc_orch_status_free);

  run = cli_plan (cluster, TRUE);
  g_assert_cmpint (run->status, ==, 0);
  root = json_from_string (run->out, &error);
  g_assert_no_error (error);
  orch = json_object_get_object_member (json_node_get_object (root), "orchestrator");
  g_assert_cmpstr (json_object_get_string_member (orch, "backend"), ==, "test_orchestrator");
  g_assert_true (json_object_get_boolean_member (orch, "available"));
  g_assert_false (json_object_get_boolean_member (orch, "can_upgrade"));
  g_assert_nonnull (strstr (json_object_get_string_member (orch, "reason"), NO_UPGRADE));
  steps = json_object_get_array_member (json_node_get_object (root), "steps");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0),
                                                  "command"), ==, "ceph osd set noout");
  g_clear_pointer (&run, kdcc_test_cli_free);

  /* 3. A cephadm step run against it: Ceph's refusal, nothing changed. */
  versions_before = kdcc_test_ceph_json (cluster, "versions", NULL);
  plan->running_release = g_strdup ("pacific");
  plan->target_release = g_strdup ("reef");
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_upgrade_step_free);
  step = g_new0 (KdccUpgradeStep, 1);
  step->kind = KDCC_UPGRADE_STEP_ORCH_UPGRADE;
  step->description = g_strdup ("cephadm upgrades every daemon");
  step->command = g_strdup ("ceph orch upgrade start --image quay.io/ceph/ceph:v18.2.7");
  g_ptr_array_add (plan->steps, step);
  upgrade = kdcc_upgrade_run_new (source, NULL,
                                  kdcc_upgrade_state_new_from_plan (cluster->fsid, plan, 18, NULL));
  kdcc_upgrade_run_execute_async (upgrade, NULL, executed_cb, &run_state);
  g_assert_true (kdcc_test_wait_until (run_ended, &run_state, 120000));
  g_assert_cmpint (run_state, ==, KDCC_UPGRADE_RUN_FAILED);
  final = kdcc_upgrade_run_dup_state (upgrade);
  g_assert_nonnull (strstr (final->message, "ceph orch upgrade status failed"));
  g_assert_nonnull (strstr (final->message, NO_UPGRADE));
  g_assert_cmpint (((KdccUpgradeStepRecord *) final->steps->pdata[0])->state, !=,
                   KDCC_UPGRADE_STEP_DONE);
  versions_after = kdcc_test_ceph_json (cluster, "versions", NULL);
  g_assert_true (json_node_equal (versions_before, versions_after));
  /* Given up: the abort asks the orchestrator to stop (test_orchestrator
   * refuses that too; the abort goes on) and says what stays. */
  g_clear_object (&upgrade);
  upgrade = kdcc_upgrade_run_new (source, NULL, kdcc_upgrade_state_copy (final));
  g_assert_true (kdcc_upgrade_run_abort_sync (upgrade, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&final, kdcc_upgrade_state_free);
  final = kdcc_upgrade_run_dup_state (upgrade);
  g_assert_cmpint (final->state, ==, KDCC_UPGRADE_RUN_ABORTED);
  g_assert_nonnull (strstr (final->message, "ceph orch upgrade stop"));
  way_back = kdcc_upgrade_way_back (final);
  g_assert_cmpstr (way_back, ==, final->message);

  g_clear_object (&upgrade);
  kdcc_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-orch-live/not-cephadm", test_not_cephadm);

  return kdcc_test_run ();
}
