/* test-drilldown-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drill-down parsers on answers captured from a real Pacific cluster
 * with CephFS (tests/fixtures/pacific-16.2.15-cephfs), merged into one
 * snapshot the way the rados source does and applied to a KdccCluster.
 */
#include "config.h"

#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-cluster.h"
#include "kdcc-daemon.h"
#include "kdcc-error.h"
#include "kdcc-filesystem.h"
#include "kdcc-host.h"
#include "kdcc-mgr-module.h"
#include "kdcc-osd.h"
#include "kdcc-pg.h"
#include "kdcc-pool.h"
#include "kdcc-source-detail.h"
#include "kdcc-test-util.h"

#define DIR "pacific-16.2.15-cephfs/"

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

static void
parse_fixture (KdccSnapshot *snap,
               ParseFunc     parse,
               const char   *name)
{
  g_autofree char *path = g_strconcat (DIR, name, NULL);
  gsize len = 0;
  g_autofree char *json = kdcc_test_read_fixture (path, &len);
  g_autoptr(GError) error = NULL;

  g_assert_true (parse (snap, json, len, &error));
  g_assert_no_error (error);
}

/* The whole chain of a heavy rados refresh, in the source's order. */
static KdccSnapshot *
full_snapshot (void)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();
  g_autofree char *pgs_json = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  parse_fixture (snap, kdcc_ceph_parse_status, "status.json");
  parse_fixture (snap, kdcc_ceph_parse_health_detail, "health-detail.json");
  parse_fixture (snap, kdcc_ceph_parse_quorum_status, "quorum-status.json");
  parse_fixture (snap, kdcc_ceph_parse_mgr_dump, "mgr-dump.json");
  parse_fixture (snap, kdcc_ceph_parse_mgr_services, "mgr-dump.json");
  parse_fixture (snap, kdcc_ceph_parse_fs_dump, "fs-dump.json");
  parse_fixture (snap, kdcc_ceph_parse_fs_ls, "fs-ls.json");
  parse_fixture (snap, kdcc_ceph_parse_service_map, "status.json");
  parse_fixture (snap, kdcc_ceph_parse_osd_tree, "osd-tree.json");
  parse_fixture (snap, kdcc_ceph_parse_osd_pool_ls_detail, "osd-pool-ls-detail.json");
  parse_fixture (snap, kdcc_ceph_parse_osd_df, "osd-df.json");
  parse_fixture (snap, kdcc_ceph_parse_osd_perf, "osd-perf.json");
  parse_fixture (snap, kdcc_ceph_parse_osd_pool_stats, "osd-pool-stats.json");
  parse_fixture (snap, kdcc_ceph_parse_fs_status, "fs-status.json");
  parse_fixture (snap, kdcc_ceph_parse_node_ls, "node-ls.json");

  pgs_json = kdcc_test_read_fixture (DIR "pg-ls.json", &len);
  /* Ten minutes after the capture. */
  g_assert_true (kdcc_ceph_parse_pg_list (pgs_json, len, 1796072400, &snap->pgs, &error));
  g_assert_no_error (error);
  kdcc_ceph_mark_pg_problems (snap);
  kdcc_ceph_count_pool_pg_states (snap);
  kdcc_ceph_merge_module_health (snap);
  kdcc_snapshot_finish_hosts (snap);
  return snap;
}

static KdccDaemon *
find_daemon (KdccCluster *model,
             const char  *full_name)
{
  GListModel *daemons = kdcc_cluster_get_daemons (model);

  for (guint i = 0; i < g_list_model_get_n_items (daemons); i++)
    {
      g_autoptr(KdccDaemon) daemon = g_list_model_get_item (daemons, i);

      if (g_strcmp0 (kdcc_daemon_get_full_name (daemon), full_name) == 0)
        return daemon;
    }
  return NULL;
}

static void
test_model_from_fixtures (void)
{
  g_autoptr(KdccSnapshot) snap = full_snapshot ();
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("fixture");
  GListModel *daemons;
  GListModel *modules;
  GListModel *filesystems;
  g_autoptr(KdccFilesystem) fs = NULL;
  KdccOsd *osd;
  KdccPool *pool;
  KdccHost *host;
  KdccDaemon *mds;
  guint n_failed = 0;

  kdcc_cluster_apply_snapshot (model, snap);

  /* OSDs: latency from osd perf (the capture is of an idle cluster). */
  osd = kdcc_cluster_find_osd (model, 1);
  g_assert_nonnull (osd);
  g_assert_true (kdcc_osd_get_has_latency (osd));
  g_assert_cmpfloat (kdcc_osd_get_commit_latency_ms (osd), ==, 0);
  g_assert_null (kdcc_cluster_find_osd (model, 7));

  /* Pools: rule, quota, options, IO, PG states per pool. */
  pool = kdcc_cluster_find_pool (model, "kdcc-test");
  g_assert_nonnull (pool);
  g_assert_cmpint (kdcc_pool_get_crush_rule (pool), ==, 0);
  g_assert_null (kdcc_pool_get_erasure_code_profile (pool));
  g_assert_cmpint (kdcc_pool_get_ec_k (pool), ==, -1);
  g_assert_cmpuint (kdcc_pool_get_quota_max_bytes (pool), ==, 0);
  g_assert_true (kdcc_pool_get_has_io (pool));
  g_assert_cmpstr (kdcc_pool_get_pg_states_text (pool), ==, "32 active+clean");
  pool = kdcc_cluster_find_pool (model, "device_health_metrics");
  g_assert_true (g_strv_contains (kdcc_pool_get_options (pool), "pg_num_max=32"));
  g_assert_true (g_strv_contains (kdcc_pool_get_options (pool), "pg_num_min=1"));
  g_assert_cmpstr (kdcc_pool_get_pg_states_text (pool), ==, "1 active+clean");

  /* Hosts: the CRUSH host with its OSDs and the daemons node ls places. */
  host = kdcc_cluster_find_host (model, "vm");
  g_assert_nonnull (host);
  g_assert_cmpint (kdcc_host_get_osds_up (host), ==, 3);
  g_assert_cmpuint (kdcc_host_get_total_bytes (host), ==, 3 * G_GUINT64_CONSTANT (1073741824));
  g_assert_cmpstrv (kdcc_host_get_daemons (host),
                    ((const char * const[]) { "mds.a", "mgr.x", "mon.a", NULL }));

  /* Daemons: mons first, then mgrs, then MDS. */
  daemons = kdcc_cluster_get_daemons (model);
  g_assert_cmpuint (g_list_model_get_n_items (daemons), ==, 3);
  g_assert_cmpstr (kdcc_cluster_get_mon_leader (model), ==, "a");
  g_assert_true (kdcc_daemon_get_leader (find_daemon (model, "mon.a")));
  g_assert_cmpstr (kdcc_daemon_get_addr (find_daemon (model, "mon.a")), ==, "127.0.0.1:43295");
  g_assert_cmpstr (kdcc_daemon_get_host (find_daemon (model, "mon.a")), ==, "vm");
  g_assert_cmpstr (kdcc_daemon_get_state (find_daemon (model, "mgr.x")), ==, "active");
  g_assert_cmpstr (kdcc_daemon_get_addr (find_daemon (model, "mgr.x")), ==, "127.0.0.1:6870");
  mds = find_daemon (model, "mds.a");
  g_assert_cmpstr (kdcc_daemon_get_state (mds), ==, "up:active");
  g_assert_cmpstr (kdcc_daemon_get_filesystem (mds), ==, "kdccfs");
  g_assert_cmpint (kdcc_daemon_get_rank (mds), ==, 0);

  /* Modules: restful enabled and failed with the reason Ceph gave. */
  modules = kdcc_cluster_get_mgr_modules (model);
  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(KdccMgrModule) module = g_list_model_get_item (modules, i);

      if (!kdcc_mgr_module_get_failed (module))
        continue;
      n_failed++;
      g_assert_cmpstr (kdcc_mgr_module_get_name (module), ==, "restful");
      g_assert_true (kdcc_mgr_module_get_enabled (module));
      g_assert_cmpstr (kdcc_mgr_module_get_error (module), ==,
                       "PyO3 modules may only be initialized once per interpreter process");
    }
  g_assert_cmpuint (n_failed, ==, 1);

  /* CephFS. */
  filesystems = kdcc_cluster_get_filesystems (model);
  g_assert_cmpuint (g_list_model_get_n_items (filesystems), ==, 1);
  fs = g_list_model_get_item (filesystems, 0);
  g_assert_cmpstr (kdcc_filesystem_get_name (fs), ==, "kdccfs");
  g_assert_cmpstr (kdcc_filesystem_get_metadata_pool (fs), ==, "cephfs.kdccfs.meta");
  g_assert_cmpstrv (kdcc_filesystem_get_data_pools (fs),
                    ((const char * const[]) { "cephfs.kdccfs.data", NULL }));
  g_assert_cmpint (kdcc_filesystem_get_clients (fs), ==, 2);
  g_assert_cmpint (kdcc_filesystem_get_ranks_up (fs), ==, 1);
  g_assert_cmpint (kdcc_filesystem_get_standbys (fs), ==, 0);

  /* PGs: all of them, ordered by pool and number, none a problem ten
   * minutes after they were scrubbed at creation. */
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_pgs (model)), ==, 49);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_problem_pgs (model)), ==, 0);
  {
    g_autoptr(KdccPg) first = g_list_model_get_item (kdcc_cluster_get_pgs (model), 0);
    g_autoptr(KdccPg) tenth = g_list_model_get_item (kdcc_cluster_get_pgs (model), 10);

    g_assert_cmpstr (kdcc_pg_get_pgid (first), ==, "1.0");
    g_assert_cmpstr (kdcc_pg_get_pgid (tenth), ==, "1.a");
    g_assert_cmpuint (kdcc_pg_get_acting (first)->len, ==, 3);
    g_assert_cmpint (kdcc_pg_get_last_deep_scrub_stamp (first), ==, 1796071838);
  }
}

/* Months later the same PGs are overdue for scrubs. */
static void
test_pg_scrub_overdue (void)
{
  gsize len = 0;
  g_autofree char *json = kdcc_test_read_fixture (DIR "pg-ls.json", &len);
  g_autoptr(GPtrArray) pgs = NULL;
  g_autoptr(GError) error = NULL;
  KdccPgData *pg;

  g_assert_true (kdcc_ceph_parse_pg_list (json, len, 1796071838 + 11 * 24 * 3600, &pgs, &error));
  g_assert_no_error (error);
  pg = g_ptr_array_index (pgs, 0);
  /* 11 days: past PG_NOT_SCRUBBED's 10.5, before PG_NOT_DEEP_SCRUBBED's 12.25. */
  g_assert_cmpint (pg->problems, ==, KDCC_PG_PROBLEM_NOT_SCRUBBED);
  g_clear_pointer (&pgs, g_ptr_array_unref);
  g_assert_true (kdcc_ceph_parse_pg_list (json, len, 1796071838 + 13 * 24 * 3600, &pgs, &error));
  pg = g_ptr_array_index (pgs, 0);
  g_assert_cmpint (pg->problems, ==,
                   KDCC_PG_PROBLEM_NOT_SCRUBBED | KDCC_PG_PROBLEM_NOT_DEEP_SCRUBBED);
}

/* pgs_brief has no stamps and no stats: the list still parses. */
static void
test_pgs_brief (void)
{
  gsize len = 0;
  g_autofree char *json = kdcc_test_read_fixture (DIR "pg-dump-pgs-brief.json", &len);
  g_autoptr(GPtrArray) pgs = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_ceph_parse_pg_list (json, len, 1796072400, &pgs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pgs->len, ==, 49);
  for (guint i = 0; i < pgs->len; i++)
    {
      KdccPgData *pg = g_ptr_array_index (pgs, i);

      g_assert_cmpint (pg->last_scrub_stamp, ==, 0);
      g_assert_cmpint (pg->problems, ==, KDCC_PG_PROBLEM_NONE);
      g_assert_cmpuint (pg->up->len, ==, 3);
      g_assert_cmpint (pg->pool_id, >=, 1);
    }
}

/* PG problems Ceph names in its own health checks, by its thresholds. */
static void
test_pg_problems_from_health (void)
{
  gsize len = 0;
  g_autofree char *json = kdcc_test_read_fixture (DIR "pg-dump-pgs-brief.json", &len);
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  KdccHealthCheckData *check = kdcc_health_check_data_new ();
  KdccPgData *pg = NULL;

  g_assert_true (kdcc_ceph_parse_pg_list (json, len, 1796072400, &snap->pgs, &error));
  check->code = g_strdup ("PG_NOT_DEEP_SCRUBBED");
  g_ptr_array_add (check->detail, g_strdup ("pg 1.1f not deep-scrubbed since 2026-11-01T00:00:00"));
  g_ptr_array_add (snap->checks, check);
  check = kdcc_health_check_data_new ();
  check->code = g_strdup ("PG_AVAILABILITY");
  g_ptr_array_add (check->detail,
                   g_strdup ("pg 2.3 is stuck inactive for 5m, current state peering, last acting [0]"));
  g_ptr_array_add (check->detail, g_strdup ("pg 2.4 is peering, acting [1]"));
  g_ptr_array_add (snap->checks, check);
  kdcc_ceph_mark_pg_problems (snap);

  for (guint i = 0; i < snap->pgs->len; i++)
    {
      pg = g_ptr_array_index (snap->pgs, i);
      if (g_str_equal (pg->pgid, "1.1f"))
        g_assert_cmpint (pg->problems, ==, KDCC_PG_PROBLEM_NOT_DEEP_SCRUBBED);
      else if (g_str_equal (pg->pgid, "2.3"))
        g_assert_cmpint (pg->problems, ==, KDCC_PG_PROBLEM_STUCK);
      else
        g_assert_cmpint (pg->problems, ==, KDCC_PG_PROBLEM_NONE);
    }
}

static void
test_osd_metadata (void)
{
  gsize len = 0;
  g_autofree char *json = kdcc_test_read_fixture (DIR "osd-metadata.json", &len);
  g_autoptr(KdccOsdMetadata) metadata = NULL;
  g_autoptr(GError) error = NULL;

  metadata = kdcc_osd_metadata_parse (json, len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (metadata->id, ==, 0);
  g_assert_cmpstr (metadata->hostname, ==, "vm");
  g_assert_cmpstr (metadata->objectstore, ==, "memstore");
  g_assert_cmpstr (metadata->ceph_version, ==, "16.2.15");
  g_assert_cmpstr (metadata->device_class, ==, "hdd");
  g_assert_null (metadata->devices);
  g_assert_true (g_str_has_prefix (metadata->front_addr, "[v2:127.0.0.1:"));
  g_assert_true (metadata->rotational);
  g_assert_cmpuint (metadata->pairs->len % 2, ==, 0);
  g_assert_cmpstr (g_ptr_array_index (metadata->pairs, 0), ==, "arch");

  g_assert_null (kdcc_osd_metadata_parse ("{\"hostname\":\"x\"}", -1, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
}

/* A real EC profile answer applied to the pools naming it. */
static void
test_ec_profile (void)
{
  gsize len = 0;
  g_autofree char *json = kdcc_test_read_fixture (DIR "osd-erasure-code-profile-get-default.json",
                                                  &len);
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  KdccPoolData *ec = kdcc_snapshot_ensure_pool (snap, 5);
  KdccPoolData *rep = kdcc_snapshot_ensure_pool (snap, 6);

  ec->erasure_code_profile = g_strdup ("default");
  g_assert_true (kdcc_ceph_parse_ec_profile (snap, "default", json, len, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ec->ec_k, ==, 2);
  g_assert_cmpint (ec->ec_m, ==, 2);
  g_assert_cmpstr (ec->failure_domain, ==, "host");
  g_assert_cmpint (rep->ec_k, ==, -1);

  g_assert_true (kdcc_ceph_parse_ec_profile (snap, "default",
                                             "{\"k\":\"4\",\"m\":\"2\",\"crush-failure-domain\":\"rack\"}",
                                             -1, &error));
  g_assert_cmpint (ec->ec_k, ==, 4);
  g_assert_cmpstr (ec->failure_domain, ==, "rack");
}

/* The service map's RGW daemons, in the shape Ceph documents for
 * `ceph service dump` (no RGW ran on the captured cluster). */
static void
test_rgw_service_map (void)
{
  static const char json[] =
    "{\"epoch\":7,\"modified\":\"2026-11-30T20:50:36.185105+0000\",\"services\":{\"rgw\":"
    "{\"daemons\":{\"summary\":\"\",\"4235\":{\"start_epoch\":5,\"start_stamp\":\"x\","
    "\"gid\":4235,\"addr\":\"127.0.0.1:0/2547315\",\"metadata\":{\"hostname\":\"gw1\","
    "\"id\":\"gw1.a\",\"ceph_version_short\":\"16.2.15\",\"zone_name\":\"default\"},"
    "\"task_status\":{}}}}}}";
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  KdccDaemonData *rgw;

  g_assert_true (kdcc_ceph_parse_service_map (snap, json, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (snap->daemons->len, ==, 1);
  rgw = g_ptr_array_index (snap->daemons, 0);
  g_assert_cmpstr (rgw->full_name, ==, "rgw.gw1.a");
  g_assert_cmpstr (rgw->host, ==, "gw1");
  g_assert_cmpstr (rgw->addr, ==, "127.0.0.1:0");
  g_assert_cmpstr (rgw->version, ==, "16.2.15");
  g_assert_true (rgw->active);

  /* The captured cluster has none. */
  parse_fixture (snap, kdcc_ceph_parse_service_map, "service-dump.json");
  g_assert_cmpuint (snap->daemons->len, ==, 0);
}

/* A restarted RGW registers under a new gid while its old entry stays
 * for the mgr's beacon grace (seen live in the roll to Reef): one daemon
 * per name, the one started last, whatever the order of the entries. */
static void
test_rgw_restarted (void)
{
#define RGW_ENTRY(gid, epoch, id, version) \
  "\"" gid "\":{\"start_epoch\":" epoch ",\"gid\":" gid ",\"addr\":\"127.0.0.1:0/" gid "\"," \
  "\"metadata\":{\"hostname\":\"vm\",\"id\":\"" id "\",\"ceph_version_short\":\"" version "\"}}"
  static const char * const json[] = {
    "{\"services\":{\"rgw\":{\"daemons\":{\"summary\":\"\","
    RGW_ENTRY ("4156", "2", "a", "16.2.15") "," RGW_ENTRY ("4160", "3", "b", "16.2.15") ","
    RGW_ENTRY ("4301", "9", "a", "18.2.7") "}}}}",
    "{\"services\":{\"rgw\":{\"daemons\":{\"summary\":\"\","
    RGW_ENTRY ("4301", "9", "a", "18.2.7") "," RGW_ENTRY ("4160", "3", "b", "16.2.15") ","
    RGW_ENTRY ("4156", "2", "a", "16.2.15") "}}}}",
  };
#undef RGW_ENTRY

  for (guint i = 0; i < G_N_ELEMENTS (json); i++)
    {
      g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
      g_autoptr(GError) error = NULL;
      guint seen = 0;

      g_assert_true (kdcc_ceph_parse_service_map (snap, json[i], -1, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (snap->daemons->len, ==, 2);
      for (guint j = 0; j < snap->daemons->len; j++)
        {
          KdccDaemonData *rgw = g_ptr_array_index (snap->daemons, j);

          if (g_str_equal (rgw->full_name, "rgw.a"))
            {
              g_assert_cmpstr (rgw->version, ==, "18.2.7");
              g_assert_cmpstr (rgw->addr, ==, "127.0.0.1:0");
              seen |= 1;
            }
          else
            {
              g_assert_cmpstr (rgw->full_name, ==, "rgw.b");
              g_assert_cmpstr (rgw->version, ==, "16.2.15");
              seen |= 2;
            }
        }
      g_assert_cmpuint (seen, ==, 3);
    }
}

/* A list equal to the last one is detected, so sources can leave it out. */
static void
test_list_equality (void)
{
  g_autoptr(KdccSnapshot) a = full_snapshot ();
  g_autoptr(KdccSnapshot) b = full_snapshot ();
  KdccDaemonData *mon;

  g_assert_true (kdcc_daemon_lists_equal (a->daemons, b->daemons));
  g_assert_true (kdcc_mgr_module_lists_equal (a->mgr_modules, b->mgr_modules));
  g_assert_true (kdcc_filesystem_lists_equal (a->filesystems, b->filesystems));
  mon = g_ptr_array_index (b->daemons, 0);
  mon->leader = FALSE;
  g_assert_false (kdcc_daemon_lists_equal (a->daemons, b->daemons));
  g_assert_false (kdcc_daemon_lists_equal (a->daemons, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drilldown-parse/model-from-fixtures", test_model_from_fixtures);
  g_test_add_func ("/drilldown-parse/pg-scrub-overdue", test_pg_scrub_overdue);
  g_test_add_func ("/drilldown-parse/pgs-brief", test_pgs_brief);
  g_test_add_func ("/drilldown-parse/pg-problems-from-health", test_pg_problems_from_health);
  g_test_add_func ("/drilldown-parse/osd-metadata", test_osd_metadata);
  g_test_add_func ("/drilldown-parse/ec-profile", test_ec_profile);
  g_test_add_func ("/drilldown-parse/rgw-service-map", test_rgw_service_map);
  g_test_add_func ("/drilldown-parse/rgw-restarted", test_rgw_restarted);
  g_test_add_func ("/drilldown-parse/list-equality", test_list_equality);

  return kdcc_test_run ();
}
