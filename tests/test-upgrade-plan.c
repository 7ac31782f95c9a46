/* test-upgrade-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15's planner and preflight on the shipped release catalog and on
 * models fed by snapshots made here: the paths across Pacific → Tentacle
 * under Ceph's skip rule and Rook's matrix, the refused skips and
 * downgrades, the order and exact commands of a package-based roll on a
 * cluster of three hosts, and each preflight check failing with its
 * reason.
 */
#define G_LOG_DOMAIN "test-upgrade-plan"

#include "config.h"

#include <locale.h>

#include "kdcc-cluster.h"
#include "kdcc-error.h"
#include "kdcc-release-catalog.h"
#include "kdcc-snapshot.h"
#include "kdcc-upgrade-plan.h"
#include "kdcc-upgrade-preflight.h"

#define PACIFIC "ceph version 16.2.15 (618f440892089921c3e944a991122ddc44e60516) pacific (stable)"
#define REEF    "ceph version 18.2.7 (abcdef) reef (stable)"

/* The path as text, "" on error (the message then in *message). */
static char *
path_text (const char  *running,
           const char  *target,
           const char  *rook,
           char       **message)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) path = kdcc_upgrade_path (catalog, running, target, rook, &error);

  if (path == NULL)
    {
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
      if (message != NULL)
        *message = g_strdup (error->message);
      return g_strdup ("");
    }
  g_assert_no_error (error);
  return kdcc_upgrade_path_to_string (path);
}

static void
assert_path (const char *running,
             const char *target,
             const char *rook,
             const char *expected)
{
  g_autofree char *text = path_text (running, target, rook, NULL);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_refused (const char *running,
                const char *target,
                const char *rook,
                const char *reason_part)
{
  g_autofree char *message = NULL;
  g_autofree char *text = path_text (running, target, rook, &message);

  g_assert_cmpstr (text, ==, "");
  g_assert_nonnull (message);
  if (g_strstr_len (message, -1, reason_part) == NULL)
    g_error ("“%s” does not say “%s”", message, reason_part);
}

static void
test_paths (void)
{
  /* One hop when Ceph allows it: the next release or the one after. */
  assert_path ("16.2.15", "quincy", NULL, "Pacific → Quincy");
  assert_path ("16.2.15", "reef", NULL, "Pacific → Reef");
  assert_path ("17.2.9", "squid", NULL, "Quincy → Squid");
  assert_path ("18.2.7", "tentacle", NULL, "Reef → Tentacle");
  /* Further needs an intermediate release, the longest hops first. */
  assert_path ("16.2.15", "squid", NULL, "Pacific → Reef → Squid");
  assert_path ("16.2.15", "tentacle", NULL, "Pacific → Reef → Tentacle");
  assert_path (PACIFIC, "tentacle", NULL, "Pacific → Reef → Tentacle");

  assert_refused ("18.2.7", "pacific", NULL, "downgrade");
  assert_refused ("20.2.5", "reef", NULL, "downgrade");
  assert_refused ("18.2.7", "reef", NULL, "already runs");
  assert_refused ("16.2.15", "mimosa", NULL, "not a Ceph release");
  assert_refused (NULL, "reef", NULL, "unknown");
}

static void
test_rook_paths (void)
{
  /* Rook 1.12 runs Pacific and Reef; Squid needs 1.15, reached one minor at
   * a time, each line running Reef meanwhile. */
  assert_path ("16.2.15", "reef", "1.12", "Pacific → Reef");
  assert_path ("16.2.15", "squid", "1.12",
               "Pacific → Reef → Rook 1.13 → Rook 1.14 → Rook 1.15 → Squid");
  /* 1.10 does not run Reef: the operator first, 1.11 then 1.12. */
  assert_path ("16.2.15", "reef", "1.10", "Rook 1.10 → Rook 1.11 → Rook 1.12 → Reef");
  /* Pacific → Tentacle: Reef with 1.12, then 1.13 … 1.18 (the first line
   * with Tentacle), then Tentacle. */
  assert_path ("16.2.15", "tentacle", "1.12",
               "Pacific → Reef → Rook 1.13 → Rook 1.14 → Rook 1.15 → Rook 1.16 → Rook 1.17 "
               "→ Rook 1.18 → Tentacle");
  /* Already on a line that runs both. */
  assert_path ("18.2.7", "squid", "1.17", "Reef → Squid");
  assert_refused ("16.2.15", "reef", "1.99", "Rook 1.99");
  /* No line after 1.20 runs Umbrella in this catalog. */
  assert_refused ("20.2.5", "umbrella", "1.20", "no way forward");
}

/* Three hosts a, b, c: mon.a/b/c and mds on them, mgr.x active with mgr.y
 * standby, osd.0–5 two per host, one filesystem with two active MDS and a
 * standby, one RGW. */
static KdccCluster *
cluster_new (const char *osd_version)
{
  KdccCluster *cluster = kdcc_cluster_new ("plan");
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  KdccFilesystemData *fs;
  static const char *mons[] = { "a", "b", "c" };

  snap->fsid = g_strdup ("6a6f3c7e-0000-4000-8000-00000000abcd");
  snap->health = KDCC_HEALTH_OK;
  snap->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_health_check_data_free);
  snap->mons = g_ptr_array_new_with_free_func (g_free);
  snap->quorum = g_ptr_array_new_with_free_func (g_free);
  snap->daemons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);
  snap->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  snap->pg_states = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_state_data_free);
  snap->filesystems = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_filesystem_data_free);
  snap->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);
  snap->mgr_standbys = g_ptr_array_new_with_free_func (g_free);
  snap->mgr_active = g_strdup ("x");
  g_ptr_array_add (snap->mgr_standbys, g_strdup ("y"));

  for (guint i = 0; i < G_N_ELEMENTS (mons); i++)
    {
      KdccDaemonData *mon = kdcc_daemon_data_new ("mon", mons[i]);
      KdccDaemonData *mds = kdcc_daemon_data_new ("mds", mons[i]);

      mon->host = g_strdup (mons[i]);
      mon->in_quorum = TRUE;
      g_ptr_array_add (snap->daemons, mon);
      mds->host = g_strdup (mons[i]);
      mds->active = i < 2;
      g_ptr_array_add (snap->daemons, mds);
      g_ptr_array_add (snap->mons, g_strdup (mons[i]));
      g_ptr_array_add (snap->quorum, g_strdup (mons[i]));
    }
  for (guint i = 0; i < 2; i++)
    {
      KdccDaemonData *mgr = kdcc_daemon_data_new ("mgr", i == 0 ? "x" : "y");

      mgr->host = g_strdup (i == 0 ? "a" : "b");
      mgr->active = i == 0;
      g_ptr_array_add (snap->daemons, mgr);
    }
  g_ptr_array_add (snap->daemons, kdcc_daemon_data_new ("rgw", "gw1"));
  fs = kdcc_filesystem_data_new ("cephfs");
  fs->max_mds = 2;
  g_ptr_array_add (snap->filesystems, fs);

  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < 6; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);

      /* Host c listed first in the map: the plan still goes a, b, c. */
      osd->host = g_strdup_printf ("%c", (char) ('c' - id / 2));
      osd->exists = osd->up = osd->in = TRUE;
      osd->crush_weight = osd->reweight = 1.0;
      osd->has_usage = TRUE;
      osd->utilization = 40.0;
      /* 240 of 600 GiB: 60% of what two hosts hold, headroom to lose one. */
      osd->total_bytes = G_GUINT64_CONSTANT (100) << 30;
      osd->used_bytes = G_GUINT64_CONSTANT (40) << 30;
    }
  {
    KdccPoolData *pool = kdcc_snapshot_ensure_pool (snap, 1);

    pool->name = g_strdup ("rbd");
    pool->has_usage = TRUE;
    pool->percent_used = 30.0;
  }
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+clean", 97));
  snap->pgs_total = 97;
  snap->osds_total = snap->osds_up = snap->osds_in = 6;
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("mon", PACIFIC, 3));
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("mgr", PACIFIC, 2));
  g_ptr_array_add (snap->versions, kdcc_version_data_new ("osd", osd_version, 6));
  kdcc_cluster_apply_snapshot (cluster, snap);
  return cluster;
}

static KdccVersionSurvey *
survey_of (KdccCluster *cluster)
{
  return kdcc_version_survey_new (kdcc_cluster_get_versions (cluster), NULL);
}

static KdccUpgradeStep *
step_at (KdccUpgradePlan *plan,
         guint            i)
{
  g_assert_cmpuint (i, <, plan->steps->len);
  return g_ptr_array_index (plan->steps, i);
}

static void
test_steps (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (PACIFIC);
  g_autoptr(KdccVersionSurvey) survey = survey_of (cluster);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccUpgradePlan) plan = NULL;
  g_autoptr(GString) order = g_string_new (NULL);
  const char *expected;

  plan = kdcc_upgrade_plan_new (catalog, cluster, survey, "reef",
                                "ssh {host} sudo systemctl restart ceph-{type}@{id}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->running, ==, "16.2.15");
  g_assert_cmpstr (plan->running_release, ==, "pacific");
  g_assert_cmpstr (plan->target_release, ==, "reef");
  g_assert_cmpstr (plan->target_version, ==, "18.2.8");

  /* The whole order, by command (daemons by name). */
  for (guint i = 0; i < plan->steps->len; i++)
    {
      KdccUpgradeStep *s = step_at (plan, i);

      if (s->kind == KDCC_UPGRADE_STEP_DAEMON)
        g_string_append_printf (order, "%s.%s@%s|", s->daemon_type, s->daemon_id,
                                s->host != NULL ? s->host : "?");
      else
        g_string_append_printf (order, "%s|", s->command);
    }
  expected = "ceph osd set noout|"
             "mon.a@a|mon.b@b|mon.c@c|ceph mon dump | grep min_mon_release|"
             "mgr.x@a|mgr.y@b|"
             "ceph osd ok-to-stop 4 5|osd.4@a|osd.5@a|ceph pg stat|"
             "ceph osd ok-to-stop 2 3|osd.2@b|osd.3@b|ceph pg stat|"
             "ceph osd ok-to-stop 0 1|osd.0@c|osd.1@c|ceph pg stat|"
             "ceph fs set cephfs allow_standby_replay false|ceph fs set cephfs max_mds 1|"
             "mds.c@c|mds.a@a|mds.b@b|ceph fs set cephfs max_mds 2|"
             "rgw.gw1@?|"
             "ceph osd require-osd-release reef|ceph osd unset noout|";
  g_assert_cmpstr (order->str, ==, expected);

  /* Each daemon step carries its restart command and its check. */
  g_assert_cmpstr (step_at (plan, 1)->restart_command, ==,
                   "ssh a sudo systemctl restart ceph-mon@a");
  g_assert_cmpstr (step_at (plan, 1)->command, ==, "ceph quorum_status");
  g_assert_cmpstr (step_at (plan, 8)->restart_command, ==,
                   "ssh a sudo systemctl restart ceph-osd@4");
  /* Back on the new version, as the daemon itself says. */
  g_assert_cmpstr (step_at (plan, 8)->command, ==, "ceph tell osd.4 version");
  for (guint i = 0; i < plan->steps->len; i++)
    {
      KdccUpgradeStep *s = step_at (plan, i);

      if (s->kind == KDCC_UPGRADE_STEP_DAEMON && g_str_equal (s->daemon_type, "rgw"))
        /* An unknown host stays visible in the command. */
        g_assert_cmpstr (s->restart_command, ==, "ssh {host} sudo systemctl restart ceph-rgw@gw1");
      else if (s->kind != KDCC_UPGRADE_STEP_DAEMON)
        g_assert_null (s->restart_command);
    }
}

static void
test_steps_refused (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (PACIFIC);
  g_autoptr(KdccVersionSurvey) survey = survey_of (cluster);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccUpgradePlan) plan = NULL;
  g_autoptr(KdccUpgradePlan) plain = NULL;

  plan = kdcc_upgrade_plan_new (catalog, cluster, survey, "squid", NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (g_strstr_len (error->message, -1, "Pacific cannot go straight to Squid"));
  g_assert_nonnull (g_strstr_len (error->message, -1, "Upgrade to Reef first"));
  g_assert_nonnull (g_strstr_len (error->message, -1, "Pacific → Reef → Squid"));
  g_clear_error (&error);

  plan = kdcc_upgrade_plan_new (catalog, cluster, survey, "octopus", NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Without a template no restart command is made up. */
  plain = kdcc_upgrade_plan_new (catalog, cluster, survey, "quincy", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (step_at (plain, 1)->daemon_id, ==, "a");
  g_assert_null (step_at (plain, 1)->restart_command);
  g_assert_cmpstr (step_at (plain, plain->steps->len - 2)->command, ==,
                   "ceph osd require-osd-release quincy");
}

static KdccPreflightResult
result_of (GPtrArray  *checks,
           const char *id,
           const char *reason_part)
{
  KdccPreflightCheck *check = kdcc_upgrade_preflight_find (checks, id);

  g_assert_nonnull (check);
  g_assert_nonnull (check->reason);
  if (reason_part != NULL && g_strstr_len (check->reason, -1, reason_part) == NULL)
    g_error ("%s: “%s” does not say “%s”", id, check->reason, reason_part);
  return check->result;
}

static void
test_preflight (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (PACIFIC);
  g_autoptr(KdccVersionSurvey) survey = survey_of (cluster);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  KdccPreflightInput input = { .require_osd_release = "pacific", .nearfull_ratio = 0.85 };
  const char *accept[] = { "OSDMAP_FLAGS", NULL };
  KdccHealthCheckData *flags;

  checks = kdcc_upgrade_preflight_run (cluster, survey, catalog, &input);
  g_assert_true (kdcc_upgrade_preflight_passed (checks));
  for (guint i = 0; i < checks->len; i++)
    {
      KdccPreflightCheck *c = g_ptr_array_index (checks, i);

      if (c->result != KDCC_PREFLIGHT_PASS)
        g_error ("%s: %s", c->id, c->reason);
    }
  g_clear_pointer (&checks, g_ptr_array_unref);

  /* noout: a warning that fails until accepted; an OSD down and out; a
   * pool past nearfull; no mgr. */
  snap->health = KDCC_HEALTH_WARN;
  snap->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_health_check_data_free);
  flags = kdcc_health_check_data_new ();
  flags->code = g_strdup ("OSDMAP_FLAGS");
  flags->severity = KDCC_HEALTH_WARN;
  flags->summary = g_strdup ("noout flag(s) set");
  g_ptr_array_add (snap->checks, flags);
  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < 6; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);

      osd->host = g_strdup_printf ("%c", (char) ('c' - id / 2));
      osd->exists = TRUE;
      osd->up = osd->in = id != 3;
      osd->crush_weight = osd->reweight = 1.0;
      osd->has_usage = TRUE;
      osd->utilization = 40.0;
    }
  {
    KdccPoolData *pool = kdcc_snapshot_ensure_pool (snap, 1);

    pool->name = g_strdup ("rbd");
    pool->has_usage = TRUE;
    pool->percent_used = 91.0;
  }
  kdcc_cluster_apply_snapshot (cluster, snap);

  checks = kdcc_upgrade_preflight_run (cluster, survey, catalog, &input);
  g_assert_false (kdcc_upgrade_preflight_passed (checks));
  g_assert_cmpint (result_of (checks, "health", "OSDMAP_FLAGS (noout flag(s) set)"), ==,
                   KDCC_PREFLIGHT_FAIL);
  g_assert_cmpint (result_of (checks, "osds", "osd.3 (down, out)"), ==, KDCC_PREFLIGHT_FAIL);
  g_assert_cmpint (result_of (checks, "full", "rbd 91%"), ==, KDCC_PREFLIGHT_FAIL);
  /* This snapshot names no active mgr. */
  g_assert_cmpint (result_of (checks, "mgr", "No mgr is active"), ==, KDCC_PREFLIGHT_FAIL);
  g_clear_pointer (&checks, g_ptr_array_unref);

  input.accepted_warnings = accept;
  input.require_osd_release = "octopus";
  checks = kdcc_upgrade_preflight_run (cluster, survey, catalog, &input);
  g_assert_cmpint (result_of (checks, "health", "OSDMAP_FLAGS"), ==, KDCC_PREFLIGHT_WARN);
  g_assert_cmpint (result_of (checks, "require-osd-release",
                              "ceph osd require-osd-release pacific"), ==, KDCC_PREFLIGHT_FAIL);
}

static void
test_preflight_mixed (void)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (REEF);
  g_autoptr(KdccVersionSurvey) survey = survey_of (cluster);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GPtrArray) resumed = NULL;
  KdccPreflightInput input = { .require_osd_release = "pacific" };
  char *require = NULL;
  double ratio = 0;
  g_autoptr(GError) error = NULL;

  checks = kdcc_upgrade_preflight_run (cluster, survey, catalog, &input);
  g_assert_cmpint (result_of (checks, "versions", "16.2.15 and 18.2.7"), ==, KDCC_PREFLIGHT_FAIL);
  input.resuming = TRUE;
  resumed = kdcc_upgrade_preflight_run (cluster, survey, catalog, &input);
  g_assert_cmpint (result_of (resumed, "versions", "Resuming"), ==, KDCC_PREFLIGHT_PASS);

  g_assert_true (kdcc_upgrade_parse_osd_dump ("\n{\"require_osd_release\":\"pacific\","
                                              "\"nearfull_ratio\":0.85}", -1, &require, &ratio,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpstr (require, ==, "pacific");
  g_assert_cmpfloat_with_epsilon (ratio, 0.85, 1e-9);
  g_free (require);
  g_assert_false (kdcc_upgrade_parse_osd_dump ("[1]", -1, &require, &ratio, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-plan/paths", test_paths);
  g_test_add_func ("/upgrade-plan/rook-paths", test_rook_paths);
  g_test_add_func ("/upgrade-plan/steps", test_steps);
  g_test_add_func ("/upgrade-plan/steps-refused", test_steps_refused);
  g_test_add_func ("/upgrade-plan/preflight", test_preflight);
  g_test_add_func ("/upgrade-plan/preflight-mixed", test_preflight_mixed);
  return g_test_run ();
}
