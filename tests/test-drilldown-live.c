/* test-drilldown-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drill-down pages' model against the real test cluster: each list the
 * rados source fills (OSDs with latency, pools, hosts, mons, mgrs, mgr
 * modules, PGs, CephFS) is applied to a KdccCluster and compared with what
 * the real `ceph ... -f json` prints in the same test.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-cluster.h"
#include "kdcc-daemon.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-filesystem.h"
#include "kdcc-host.h"
#include "kdcc-mgr-module.h"
#include "kdcc-monitor.h"
#include "kdcc-osd.h"
#include "kdcc-pg.h"
#include "kdcc-pool.h"
#include "kdcc-rados-source.h"
#include "kdcc-source-detail.h"
#include "kdcc-test-util.h"

typedef struct
{
  KdccTestCluster *cluster;
  KdccSource      *source;
  KdccCluster     *model;
  gint64           first_clients;  /* the first CephFS' client count after the first fetch */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;

  f->cluster = kdcc_test_cluster_get_shared ();
  f->source = KDCC_SOURCE (kdcc_rados_source_new (f->cluster->conf, f->cluster->keyring,
                                                  f->cluster->client_id));
  f->model = kdcc_cluster_new ("test");
  kdcc_cluster_hold_pg_list (f->model);
  kdcc_source_set_wanted (f->source, KDCC_MODEL_PART_PG_LIST);
  snap = kdcc_source_fetch_snapshot_sync (f->source, TRUE, NULL, &error);
  g_assert_no_error (error);
  kdcc_cluster_apply_snapshot (f->model, snap);
  f->first_clients = -2;
  if (g_list_model_get_n_items (kdcc_cluster_get_filesystems (f->model)) > 0)
    {
      GListModel *filesystems = kdcc_cluster_get_filesystems (f->model);
      g_autoptr(KdccFilesystem) fs = g_list_model_get_item (filesystems, 0);

      f->first_clients = kdcc_filesystem_get_clients (fs);
    }
  /* The refresh after the first brings what the first left out (fs
   * status), as the monitor's next refresh does. */
  g_clear_pointer (&snap, kdcc_snapshot_unref);
  snap = kdcc_source_fetch_snapshot_sync (f->source, FALSE, NULL, &error);
  g_assert_no_error (error);
  kdcc_cluster_apply_snapshot (f->model, snap);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kdcc_cluster_release_pg_list (f->model);
  g_clear_object (&f->model);
  g_clear_object (&f->source);
  g_clear_pointer (&f->cluster, kdcc_test_cluster_free);
}

static gpointer
item (GListModel *model,
      guint       i)
{
  /* The model keeps a reference; the tests only read. */
  gpointer object = g_list_model_get_item (model, i);

  g_object_unref (object);
  return object;
}

static KdccDaemon *
find_daemon (KdccCluster *model,
             const char  *full_name)
{
  GListModel *daemons = kdcc_cluster_get_daemons (model);

  for (guint i = 0; i < g_list_model_get_n_items (daemons); i++)
    if (g_strcmp0 (kdcc_daemon_get_full_name (item (daemons, i)), full_name) == 0)
      return item (daemons, i);
  return NULL;
}

static void
test_osds (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) df = kdcc_test_ceph_json (f->cluster, "osd", "df", NULL);
  g_autoptr(JsonNode) perf = kdcc_test_ceph_json (f->cluster, "osd", "perf", NULL);
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (df), "nodes");
  JsonArray *infos = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (perf), "osdstats"), "osd_perf_infos");
  GListModel *osds = kdcc_cluster_get_osds (f->model);

  g_assert_cmpuint (g_list_model_get_n_items (osds), ==, json_array_get_length (nodes));
  g_assert_cmpuint (json_array_get_length (infos), ==, json_array_get_length (nodes));
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      gint64 id = json_object_get_int_member (node, "id");
      KdccOsd *osd = kdcc_cluster_find_osd (f->model, id);

      g_assert_nonnull (osd);
      g_assert_cmpstr (kdcc_osd_get_device_class (osd), ==,
                       json_object_get_string_member (node, "device_class"));
      g_assert_cmpfloat_with_epsilon (kdcc_osd_get_utilization (osd),
                                      json_object_get_double_member (node, "utilization"), 0.5);
      g_assert_cmpfloat_with_epsilon (kdcc_osd_get_crush_weight (osd),
                                      json_object_get_double_member (node, "crush_weight"), 0.0001);
      g_assert_cmpfloat_with_epsilon (kdcc_osd_get_reweight (osd),
                                      json_object_get_double_member (node, "reweight"), 0.0001);
      g_assert_cmpint (kdcc_osd_get_pgs (osd), ==, json_object_get_int_member (node, "pgs"));
      g_assert_true (kdcc_osd_get_up (osd));
      /* Every up OSD reports its latency through the mgr. */
      g_assert_true (kdcc_osd_get_has_latency (osd));
      g_assert_cmpfloat (kdcc_osd_get_commit_latency_ms (osd), >=, 0);
      g_assert_cmpfloat (kdcc_osd_get_apply_latency_ms (osd), >=, 0);
    }
  g_assert_false (kdcc_cluster_get_missing (f->model) & KDCC_MODEL_PART_OSD_LATENCY);
}

static void
test_hosts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) node_ls = kdcc_test_ceph_json (f->cluster, "node", "ls", NULL);
  JsonObject *by_type = json_node_get_object (node_ls);
  JsonObject *osd_hosts = json_object_get_object_member (by_type, "osd");
  g_autoptr(GList) names = json_object_get_members (osd_hosts);

  g_assert_nonnull (names);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *ids = json_object_get_array_member (osd_hosts, l->data);
      KdccHost *host = kdcc_cluster_find_host (f->model, l->data);
      const char * const *daemons;
      guint64 total = 0;

      g_assert_nonnull (host);
      g_assert_cmpuint (kdcc_host_get_osd_count (host), ==, json_array_get_length (ids));
      g_assert_cmpint (kdcc_host_get_osds_up (host), ==, json_array_get_length (ids));
      g_assert_cmpint (kdcc_host_get_osds_in (host), ==, json_array_get_length (ids));
      for (guint i = 0; i < json_array_get_length (ids); i++)
        total += kdcc_osd_get_total_bytes (
          kdcc_cluster_find_osd (f->model, json_array_get_int_element (ids, i)));
      g_assert_cmpuint (kdcc_host_get_total_bytes (host), ==, total);

      /* mon.a, mgr.x and mds.a run on the same host as the OSDs. */
      daemons = kdcc_host_get_daemons (host);
      g_assert_nonnull (daemons);
      g_assert_true (g_strv_contains (daemons, "mon.a"));
      g_assert_true (g_strv_contains (daemons, "mgr.x"));
      g_assert_true (g_strv_contains (daemons, "mds.a"));
      g_assert_cmpstr (kdcc_daemon_get_host (find_daemon (f->model, "mon.a")), ==, l->data);
    }
}

static void
test_pools (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) detail = kdcc_test_ceph_json (f->cluster, "osd", "pool", "ls", "detail",
                                                     NULL);
  g_autoptr(JsonNode) df = kdcc_test_ceph_json (f->cluster, "df", NULL);
  g_autoptr(JsonNode) profile = kdcc_test_ceph_json (f->cluster, "osd", "erasure-code-profile",
                                                      "get", "default", NULL);
  JsonArray *pools = json_node_get_array (detail);
  JsonArray *df_pools = json_object_get_array_member (json_node_get_object (df), "pools");
  g_autoptr(KdccSnapshot) scratch = kdcc_snapshot_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  KdccPoolData *ec;

  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_pools (f->model)), ==,
                    json_array_get_length (pools));
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonObject *p = json_array_get_object_element (pools, i);
      KdccPool *pool = kdcc_cluster_find_pool (f->model,
                                               json_object_get_string_member (p, "pool_name"));

      g_assert_nonnull (pool);
      g_assert_cmpint (kdcc_pool_get_id (pool), ==, json_object_get_int_member (p, "pool_id"));
      g_assert_cmpint (kdcc_pool_get_size (pool), ==, json_object_get_int_member (p, "size"));
      g_assert_cmpint (kdcc_pool_get_pg_num (pool), ==, json_object_get_int_member (p, "pg_num"));
      g_assert_cmpint (kdcc_pool_get_crush_rule (pool), ==,
                       json_object_get_int_member (p, "crush_rule"));
      g_assert_null (kdcc_pool_get_erasure_code_profile (pool));
      g_assert_cmpuint (kdcc_pool_get_quota_max_bytes (pool), ==,
                        json_object_get_int_member (p, "quota_max_bytes"));
      g_assert_true (kdcc_pool_get_has_io (pool));
      /* The PG list was wanted: every PG of the pool has its state. */
      g_assert_nonnull (kdcc_pool_get_pg_states_text (pool));
      g_assert_nonnull (strstr (kdcc_pool_get_pg_states_text (pool), "active"));
    }
  for (guint i = 0; i < json_array_get_length (df_pools); i++)
    {
      JsonObject *p = json_array_get_object_element (df_pools, i);
      JsonObject *stats = json_object_get_object_member (p, "stats");
      KdccPool *pool = kdcc_cluster_find_pool (f->model, json_object_get_string_member (p, "name"));

      g_assert_nonnull (pool);
      g_assert_cmpuint (kdcc_pool_get_objects (pool), ==,
                        json_object_get_int_member (stats, "objects"));
    }

  /* No pool of the shared cluster is erasure-coded (a new pool would
   * change it under the other tests): the profile parser reads the real
   * answer of the source for a pool that names the profile. */
  ec = kdcc_snapshot_ensure_pool (scratch, 99);
  ec->erasure_code_profile = g_strdup ("default");
  bytes = kdcc_source_run_command_sync (f->source, "mon",
                                        "{\"prefix\":\"osd erasure-code-profile get\","
                                        "\"name\":\"default\",\"format\":\"json\"}",
                                        NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdcc_ceph_parse_ec_profile (scratch, "default", g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  g_assert_cmpint (ec->ec_k, ==,
                   g_ascii_strtoll (json_object_get_string_member (json_node_get_object (profile), "k"),
                                    NULL, 10));
  g_assert_cmpint (ec->ec_m, ==,
                   g_ascii_strtoll (json_object_get_string_member (json_node_get_object (profile), "m"),
                                    NULL, 10));
  g_assert_cmpstr (ec->failure_domain, ==, "host");
}

static void
test_mons_and_mgrs (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) quorum = kdcc_test_ceph_json (f->cluster, "quorum_status", NULL);
  g_autoptr(JsonNode) mgr_dump = kdcc_test_ceph_json (f->cluster, "mgr", "dump", NULL);
  JsonObject *q = json_node_get_object (quorum);
  JsonArray *mons = json_object_get_array_member (json_object_get_object_member (q, "monmap"),
                                                  "mons");
  KdccDaemon *mgr;

  g_assert_cmpstr (kdcc_cluster_get_mon_leader (f->model), ==,
                   json_object_get_string_member (q, "quorum_leader_name"));
  for (guint i = 0; i < json_array_get_length (mons); i++)
    {
      JsonObject *m = json_array_get_object_element (mons, i);
      g_autofree char *full = g_strconcat ("mon.", json_object_get_string_member (m, "name"), NULL);
      KdccDaemon *mon = find_daemon (f->model, full);

      g_assert_nonnull (mon);
      g_assert_cmpint (kdcc_daemon_get_rank (mon), ==, json_object_get_int_member (m, "rank"));
      g_assert_true (kdcc_daemon_get_in_quorum (mon));
      g_assert_nonnull (kdcc_daemon_get_addr (mon));
      /* The v2 address of the public address vector. */
      g_assert_nonnull (strstr (g_getenv ("KDCC_TEST_MON_ADDR") != NULL
                                ? g_getenv ("KDCC_TEST_MON_ADDR") : "",
                                kdcc_daemon_get_addr (mon)));
    }
  g_assert_cmpstr (kdcc_daemon_get_state (find_daemon (f->model, "mon.a")), ==, "leader");

  mgr = find_daemon (f->model, "mgr.x");
  g_assert_nonnull (mgr);
  g_assert_true (kdcc_daemon_get_active (mgr));
  g_assert_cmpstr (kdcc_daemon_get_state (mgr), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mgr_dump), "active_name"),
                   ==, kdcc_daemon_get_name (mgr));
}

static void
test_mgr_modules (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) ls = kdcc_test_ceph_json (f->cluster, "mgr", "module", "ls", NULL);
  JsonObject *obj = json_node_get_object (ls);
  JsonArray *enabled = json_object_get_array_member (obj, "enabled_modules");
  JsonArray *always = json_object_get_array_member (obj, "always_on_modules");
  GListModel *modules = kdcc_cluster_get_mgr_modules (f->model);
  g_autoptr(GHashTable) want = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_enabled = 0;
  KdccMgrModule *restful = NULL;

  for (guint i = 0; i < json_array_get_length (enabled); i++)
    g_hash_table_add (want, (gpointer) json_array_get_string_element (enabled, i));
  for (guint i = 0; i < json_array_get_length (always); i++)
    g_hash_table_add (want, (gpointer) json_array_get_string_element (always, i));

  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    {
      KdccMgrModule *module = item (modules, i);
      const char *name = kdcc_mgr_module_get_name (module);

      g_assert_cmpint (kdcc_mgr_module_get_enabled (module), ==,
                       g_hash_table_contains (want, name));
      n_enabled += kdcc_mgr_module_get_enabled (module);
      if (g_str_equal (name, "restful"))
        restful = module;
    }
  g_assert_cmpuint (n_enabled, ==, g_hash_table_size (want));

  /* Debian's restful module cannot load its dependencies (see
   * tests/cluster/README.md): it is enabled and failed, with Ceph's reason. */
  g_assert_nonnull (restful);
  g_assert_true (kdcc_mgr_module_get_enabled (restful));
  g_assert_true (kdcc_mgr_module_get_failed (restful));
  g_assert_nonnull (strstr (kdcc_mgr_module_get_error (restful), "PyO3"));
}

static char *
routine_free_state (const char *state)
{
  /* Scrubs come and go between two reads; the rest must agree. */
  g_auto(GStrv) words = g_strsplit (state, "+", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (!g_str_equal (words[i], "scrubbing") && !g_str_equal (words[i], "deep"))
      g_string_append_printf (out, "%s%s", out->len > 0 ? "+" : "", words[i]);
  return g_string_free (out, FALSE);
}

static void
test_pgs (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JsonNode) ls = kdcc_test_ceph_json (f->cluster, "pg", "ls", NULL);
  JsonArray *stats = json_object_get_array_member (json_node_get_object (ls), "pg_stats");
  GListModel *pgs = kdcc_cluster_get_pgs (f->model);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  KdccPgCounts counts;

  g_assert_true (kdcc_cluster_get_pg_list_loaded (f->model));
  g_assert_cmpuint (g_list_model_get_n_items (pgs), ==, json_array_get_length (stats));
  for (guint i = 0; i < g_list_model_get_n_items (pgs); i++)
    {
      KdccPg *pg = item (pgs, i);

      g_hash_table_insert (by_id, (gpointer) kdcc_pg_get_pgid (pg), pg);
      if (i > 0)
        {
          KdccPg *prev = item (pgs, i - 1);

          g_assert_cmpint (kdcc_pg_get_pool_id (prev), <=, kdcc_pg_get_pool_id (pg));
        }
    }
  for (guint i = 0; i < json_array_get_length (stats); i++)
    {
      JsonObject *s = json_array_get_object_element (stats, i);
      KdccPg *pg = g_hash_table_lookup (by_id, json_object_get_string_member (s, "pgid"));
      g_autofree char *theirs = routine_free_state (json_object_get_string_member (s, "state"));
      g_autofree char *ours = NULL;
      JsonArray *acting = json_object_get_array_member (s, "acting");

      g_assert_nonnull (pg);
      ours = routine_free_state (kdcc_pg_get_state (pg));
      g_assert_cmpstr (ours, ==, theirs);
      g_assert_cmpuint (kdcc_pg_get_acting (pg)->len, ==, json_array_get_length (acting));
      for (guint j = 0; j < json_array_get_length (acting); j++)
        g_assert_cmpint (g_array_index (kdcc_pg_get_acting (pg), gint64, j), ==,
                         json_array_get_int_element (acting, j));
      g_assert_cmpint (kdcc_pg_get_acting_primary (pg), ==,
                       json_object_get_int_member (s, "acting_primary"));
      g_assert_cmpint (kdcc_pg_get_last_deep_scrub_stamp (pg), >, 0);
    }
  /* A settled cluster: every PG active+clean, no problem PG. */
  kdcc_cluster_get_pg_counts (f->model, &counts);
  g_assert_cmpint (counts.total, ==, json_array_get_length (stats));
  g_assert_cmpint (counts.clean, ==, counts.total);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_problem_pgs (f->model)), ==, 0);
}

static void
test_cephfs (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) ls = kdcc_test_ceph_json (f->cluster, "fs", "ls", NULL);
  g_autoptr(JsonNode) status = kdcc_test_ceph_json (f->cluster, "fs", "status", NULL);
  JsonObject *fs_json = json_array_get_object_element (json_node_get_array (ls), 0);
  JsonArray *clients = json_object_get_array_member (json_node_get_object (status), "clients");
  GListModel *filesystems = kdcc_cluster_get_filesystems (f->model);
  KdccFilesystem *fs;
  KdccDaemon *mds;

  g_assert_cmpuint (g_list_model_get_n_items (filesystems), ==,
                    json_array_get_length (json_node_get_array (ls)));
  fs = item (filesystems, 0);
  g_assert_cmpstr (kdcc_filesystem_get_name (fs), ==, json_object_get_string_member (fs_json, "name"));
  g_assert_cmpstr (kdcc_filesystem_get_name (fs), ==, g_getenv ("KDCC_TEST_FS") != NULL
                                                      ? g_getenv ("KDCC_TEST_FS") : "kdccfs");
  g_assert_cmpstr (kdcc_filesystem_get_metadata_pool (fs), ==,
                   json_object_get_string_member (fs_json, "metadata_pool"));
  g_assert_cmpstr (kdcc_filesystem_get_data_pools (fs)[0], ==,
                   json_array_get_string_element (
                     json_object_get_array_member (fs_json, "data_pools"), 0));
  g_assert_cmpint (kdcc_filesystem_get_ranks_up (fs), ==, 1);
  g_assert_true (g_strv_contains (kdcc_filesystem_get_mds_names (fs), "a"));
  /* The first fetch of a connection leaves the slow `fs status` out (at
   * 10,000 OSDs it costs more than osd df and osd tree together): the
   * client count is unknown until the next fetch, quick or not, brings it
   * (the fixture's second fetch). */
  g_assert_cmpint (f->first_clients, ==, -1);
  g_assert_cmpint (kdcc_filesystem_get_clients (fs), ==,
                   json_object_get_int_member (json_array_get_object_element (clients, 0), "clients"));

  mds = find_daemon (f->model, "mds.a");
  g_assert_nonnull (mds);
  g_assert_cmpstr (kdcc_daemon_get_state (mds), ==, "up:active");
  g_assert_cmpint (kdcc_daemon_get_rank (mds), ==, 0);
  g_assert_true (kdcc_daemon_get_active (mds));
  g_assert_cmpstr (kdcc_daemon_get_filesystem (mds), ==, kdcc_filesystem_get_name (fs));
}

/* A refresh that finds nothing new carries none of the cached lists. */
static void
test_unchanged_lists_skipped (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;

  snap = kdcc_source_fetch_snapshot_sync (f->source, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (snap->daemons);
  g_assert_null (snap->mgr_modules);
  g_assert_null (snap->filesystems);
  g_assert_null (snap->osds);
  kdcc_cluster_apply_snapshot (f->model, snap);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_daemons (f->model)), >=, 3);
}

static void
metadata_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KdccOsdMetadata **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kdcc_source_get_osd_metadata_finish (KDCC_SOURCE (object), result, &error);
  g_assert_no_error (error);
}

static void
pgs_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = kdcc_source_list_osd_pgs_finish (KDCC_SOURCE (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_osd_detail (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) meta = kdcc_test_ceph_json (f->cluster, "osd", "metadata", "0", NULL);
  g_autoptr(JsonNode) by_osd = kdcc_test_ceph_json (f->cluster, "pg", "ls-by-osd", "0", NULL);
  JsonObject *m = json_node_get_object (meta);
  g_autoptr(KdccOsdMetadata) metadata = NULL;
  g_autoptr(GPtrArray) pgs = NULL;

  kdcc_source_get_osd_metadata_async (f->source, 0, NULL, metadata_cb, &metadata);
  g_assert_true (kdcc_test_wait_until (is_set, &metadata, 30000));
  g_assert_cmpint (metadata->id, ==, 0);
  g_assert_cmpstr (metadata->hostname, ==, json_object_get_string_member (m, "hostname"));
  g_assert_cmpstr (metadata->objectstore, ==, "memstore");
  g_assert_cmpstr (metadata->ceph_version, ==, json_object_get_string_member (m, "ceph_version_short"));
  g_assert_cmpstr (metadata->front_addr, ==, json_object_get_string_member (m, "front_addr"));
  g_assert_null (metadata->devices);   /* memstore has no device */

  kdcc_source_list_osd_pgs_async (f->source, 0, NULL, pgs_cb, &pgs);
  g_assert_true (kdcc_test_wait_until (is_set, &pgs, 30000));
  g_assert_cmpuint (pgs->len, ==,
                    json_array_get_length (json_object_get_array_member (
                      json_node_get_object (by_osd), "pg_stats")));
  for (guint i = 0; i < pgs->len; i++)
    {
      KdccPgData *pg = g_ptr_array_index (pgs, i);
      gboolean has_osd = FALSE;

      for (guint j = 0; j < pg->acting->len; j++)
        has_osd |= g_array_index (pg->acting, gint64, j) == 0;
      g_assert_true (has_osd);
    }
}

static void
metadata_error_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **out = user_data;
  g_autoptr(KdccOsdMetadata) metadata = NULL;

  metadata = kdcc_source_get_osd_metadata_finish (KDCC_SOURCE (object), result, out);
  g_assert_null (metadata);
}

/* The Dashboard fills what its REST API gives and says what it cannot. */
static void
test_dashboard (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_dashboard_source_new (
    cluster->dashboard_url, cluster->dashboard_user, cluster->dashboard_password, NULL));
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("dashboard");
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccFilesystem) fs = NULL;
  g_autoptr(GError) detail_error = NULL;
  GListModel *modules;
  KdccDaemon *mon;
  KdccModelPart missing;
  gboolean restful_failed = FALSE;

  snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
  g_assert_no_error (error);
  kdcc_cluster_apply_snapshot (model, snap);

  g_assert_true (kdcc_osd_get_has_latency (kdcc_cluster_find_osd (model, 0)));
  mon = find_daemon (model, "mon.a");
  g_assert_nonnull (mon);
  g_assert_true (kdcc_daemon_get_leader (mon));
  g_assert_cmpstr (kdcc_cluster_get_mon_leader (model), ==, "a");
  g_assert_true (kdcc_daemon_get_active (find_daemon (model, "mgr.x")));
  g_assert_cmpstr (kdcc_daemon_get_state (find_daemon (model, "mds.a")), ==, "up:active");

  modules = kdcc_cluster_get_mgr_modules (model);
  g_assert_cmpuint (g_list_model_get_n_items (modules), >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    if (g_str_equal (kdcc_mgr_module_get_name (item (modules, i)), "restful"))
      restful_failed = kdcc_mgr_module_get_failed (item (modules, i));
  g_assert_true (restful_failed);

  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_filesystems (model)), ==, 1);
  fs = g_list_model_get_item (kdcc_cluster_get_filesystems (model), 0);
  g_assert_cmpstr (kdcc_filesystem_get_metadata_pool (fs), ==, "cephfs.kdccfs.meta");

  /* What it cannot fill is missing, each with its reason. */
  missing = kdcc_cluster_get_missing (model);
  g_assert_true (missing & KDCC_MODEL_PART_PG_LIST);
  g_assert_true (missing & KDCC_MODEL_PART_OSD_DETAIL);
  g_assert_true (missing & KDCC_MODEL_PART_HOST_DAEMONS);
  g_assert_false (missing & KDCC_MODEL_PART_OSD_LATENCY);
  g_assert_nonnull (kdcc_cluster_get_missing_reason (model, KDCC_MODEL_PART_PG_LIST));
  g_assert_null (kdcc_cluster_get_missing_reason (model, KDCC_MODEL_PART_OSD_LATENCY));

  /* On-demand details need raw commands: refused at once, with a reason. */
  kdcc_source_get_osd_metadata_async (source, 0, NULL, metadata_error_cb, &detail_error);
  g_assert_true (kdcc_test_wait_until (is_set, &detail_error, 30000));
  g_assert_error (detail_error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED);
}

typedef struct
{
  KdccCluster *model;
  gboolean     status_first;   /* has-status was TRUE while has-data was not */
  guint        osds_at_status;
} Progress;

static void
has_status_cb (KdccCluster *model,
               GParamSpec  *pspec,
               Progress    *progress)
{
  if (kdcc_cluster_get_has_status (model) && !kdcc_cluster_get_has_data (model))
    {
      progress->status_first = TRUE;
      progress->osds_at_status = g_list_model_get_n_items (kdcc_cluster_get_osds (model));
    }
}

static gboolean
has_data (gpointer data)
{
  return kdcc_cluster_get_has_data (((Progress *) data)->model);
}

/* The monitor's first refresh shows status and health before the maps:
 * a partial snapshot (health, counts, no lists), then the complete one. */
static void
test_progressive_start (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf,
                                                                     cluster->keyring,
                                                                     cluster->client_id));
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("progressive");
  g_autoptr(KdccMonitor) monitor = kdcc_monitor_new (source, model);
  Progress progress = { model, FALSE, 0 };

  g_signal_connect (model, "notify::has-status", G_CALLBACK (has_status_cb), &progress);
  kdcc_monitor_start (monitor);
  g_assert_true (kdcc_test_wait_until (has_data, &progress, 60000));
  kdcc_monitor_stop (monitor);

  g_assert_true (progress.status_first);
  g_assert_cmpuint (progress.osds_at_status, ==, 0);
  g_assert_cmpint (kdcc_cluster_get_osds_total (model), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (model)), ==, 3);
  g_assert_cmpuint (kdcc_cluster_get_mons (model)->len, ==, 1);
}

/* id → "host version" of each RGW in a service map (`service dump`, or
 * `status`'s "servicemap"), the entry started last for each name (a
 * restarted RGW's old entry lingers); *n_entries counts them all, *gids
 * collects their gids. */
static GHashTable *
rgws_in_service_map (JsonObject *map,
                     guint      *n_entries,
                     GPtrArray  *gids)
{
  GHashTable *rgws = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) epochs = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *services = json_object_get_object_member (map, "services");
  JsonObject *rgw = services != NULL && json_object_has_member (services, "rgw")
                    ? json_object_get_object_member (services, "rgw") : NULL;
  JsonObject *daemons = rgw != NULL ? json_object_get_object_member (rgw, "daemons") : NULL;
  g_autoptr(GList) keys = daemons != NULL ? json_object_get_members (daemons) : NULL;

  *n_entries = 0;
  for (const GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (daemons, l->data);
      JsonObject *entry, *metadata;
      const char *id;
      gint64 epoch;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;  /* "summary" */
      entry = json_node_get_object (node);
      metadata = json_object_get_object_member (entry, "metadata");
      id = json_object_get_string_member (metadata, "id");
      epoch = json_object_get_int_member (entry, "start_epoch");
      (*n_entries)++;
      if (gids != NULL)
        g_ptr_array_add (gids, g_strdup (l->data));
      if (g_hash_table_contains (epochs, id)
          && GPOINTER_TO_SIZE (g_hash_table_lookup (epochs, id)) > (gsize) epoch)
        continue;
      g_hash_table_insert (epochs, (gpointer) id, GSIZE_TO_POINTER ((gsize) epoch));
      g_hash_table_insert (rgws, g_strdup (id),
                           g_strdup_printf ("%s %s",
                                            json_object_get_string_member (metadata, "hostname"),
                                            json_object_get_string_member (metadata,
                                                                           "ceph_version_short")));
    }
  return rgws;
}

/* The model's RGW daemons agree with EXPECTED (id → "host version"). */
static void
assert_model_rgws (KdccSource *source,
                   GHashTable *expected)
{
  g_autoptr(KdccCluster) model = kdcc_cluster_new ("rgw");
  GListModel *daemons = kdcc_cluster_get_daemons (model);
  guint n = 0;

  /* The first fetch and the refresh after it, as the monitor does. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KdccSnapshot) snap = NULL;
      g_autoptr(GError) error = NULL;

      snap = kdcc_source_fetch_snapshot_sync (source, i == 0, NULL, &error);
      g_assert_no_error (error);
      kdcc_cluster_apply_snapshot (model, snap);
    }
  for (guint i = 0; i < g_list_model_get_n_items (daemons); i++)
    {
      KdccDaemon *d = item (daemons, i);
      g_autofree char *seen = NULL;
      const char *want;

      if (g_strcmp0 (kdcc_daemon_get_daemon_type (d), "rgw") != 0)
        continue;
      n++;
      want = g_hash_table_lookup (expected, kdcc_daemon_get_name (d));
      g_assert_nonnull (want);
      seen = g_strdup_printf ("%s %s", kdcc_daemon_get_host (d), kdcc_daemon_get_version (d));
      g_assert_cmpstr (seen, ==, want);
      g_assert_cmpstr (kdcc_daemon_get_state (d), ==, "running");
      g_assert_true (kdcc_daemon_get_active (d));
    }
  g_assert_cmpuint (n, ==, g_hash_table_size (expected));
}

typedef struct
{
  KdccTestCluster *cluster;
  GPtrArray       *old_gids;
} Restarted;

/* `service dump` lists rgw.a under a gid it did not have before. */
static gboolean
rgw_a_reregistered (gpointer data)
{
  Restarted *r = data;
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (r->cluster, "service", "dump", NULL);
  g_autoptr(GPtrArray) gids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) rgws = NULL;
  guint n = 0;

  rgws = rgws_in_service_map (json_node_get_object (dump), &n, gids);
  for (guint i = 0; i < gids->len; i++)
    if (!g_ptr_array_find_with_equal_func (r->old_gids, gids->pdata[i], g_str_equal, NULL))
      {
        JsonObject *daemons = json_object_get_object_member (
          json_object_get_object_member (json_object_get_object_member (json_node_get_object (dump),
                                                                        "services"), "rgw"),
          "daemons");
        JsonObject *metadata = json_object_get_object_member (
          json_object_get_object_member (daemons, gids->pdata[i]), "metadata");

        if (g_strcmp0 (json_object_get_string_member (metadata, "id"), "a") == 0)
          return TRUE;
      }
  return FALSE;
}

/* RGW daemons on the CephFS and RGW page come from the service map. On a
 * private cluster (an RGW's first start creates pools): two RGWs, and the
 * model lists them as `ceph service dump` and `status` do (id, host,
 * version); after rgw.a is killed and restarted (a new gid while its old
 * entry lingers for the mgr's beacon grace) still once each. */
static void
test_rgw (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private_release ("pacific");
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf,
                                                                     cluster->keyring,
                                                                     cluster->client_id));
  g_autofree char *url_a = kdcc_test_cluster_start_rgw (cluster, "a");
  g_autofree char *url_b = kdcc_test_cluster_start_rgw (cluster, "b");
  g_autofree char *listing = kdcc_test_s3_list_buckets (url_b);
  g_autoptr(GPtrArray) gids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "service", "dump", NULL);
  g_autoptr(JsonNode) status = kdcc_test_ceph_json (cluster, "status", NULL);
  g_autoptr(GHashTable) from_dump = NULL;
  g_autoptr(GHashTable) from_status = NULL;
  g_autoptr(GHashTable) after = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Restarted restarted = { cluster, gids };
  guint n = 0, n_status = 0;
  gint64 killed_at;

  g_assert_nonnull (strstr (listing, "<ListAllMyBucketsResult"));
  g_assert_cmpstr (url_a, !=, url_b);
  from_dump = rgws_in_service_map (json_node_get_object (dump), &n, gids);
  from_status = rgws_in_service_map (
    json_object_get_object_member (json_node_get_object (status), "servicemap"), &n_status, NULL);
  g_assert_cmpuint (g_hash_table_size (from_dump), ==, 2);
  g_assert_cmpuint (g_hash_table_size (from_status), ==, 2);
  g_hash_table_iter_init (&iter, from_dump);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpstr (g_hash_table_lookup (from_status, key), ==, value);
      g_assert_true (g_str_has_suffix (value, " 16.2.15"));
    }
  assert_model_rgws (source, from_dump);

  /* rgw.a killed and started again: it registers under a new gid, and
   * its old entry stays until the mgr's service beacon grace (60 s) ends
   * (a clean stop unregisters at once; measured here). */
  killed_at = g_get_monotonic_time ();
  kdcc_test_cluster_kill_daemon (cluster, "rgw.a", "KILL");
  kdcc_test_cluster_start_daemon (cluster, "rgw.a");
  g_assert_true (kdcc_test_wait_until (rgw_a_reregistered, &restarted, 120000));
  g_clear_pointer (&dump, json_node_unref);
  dump = kdcc_test_ceph_json (cluster, "service", "dump", NULL);
  after = rgws_in_service_map (json_node_get_object (dump), &n, NULL);
  g_test_message ("%.0f s after the kill the service dump has %u RGW entries for %u RGWs",
                  (g_get_monotonic_time () - killed_at) / 1e6, n, g_hash_table_size (after));
  g_assert_cmpuint (g_hash_table_size (after), ==, 2);
  /* Well within the grace the old entry must still be there, or this
   * would not test what it says. */
  if (g_get_monotonic_time () - killed_at < 40 * G_USEC_PER_SEC)
    g_assert_cmpuint (n, ==, 3);
  assert_model_rgws (source, after);
  g_test_message ("rgw test: %.0f s, its private cluster's start included",
                  (g_get_monotonic_time () - start) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/drilldown-live/osds", test_osds);
  ADD ("/drilldown-live/hosts", test_hosts);
  ADD ("/drilldown-live/pools", test_pools);
  ADD ("/drilldown-live/mons-and-mgrs", test_mons_and_mgrs);
  ADD ("/drilldown-live/mgr-modules", test_mgr_modules);
  ADD ("/drilldown-live/pgs", test_pgs);
  ADD ("/drilldown-live/cephfs", test_cephfs);
  ADD ("/drilldown-live/unchanged-lists-skipped", test_unchanged_lists_skipped);
  ADD ("/drilldown-live/osd-detail", test_osd_detail);
#undef ADD
  g_test_add_func ("/drilldown-live/dashboard", test_dashboard);
  g_test_add_func ("/drilldown-live/progressive-start", test_progressive_start);
  g_test_add_func ("/drilldown-live/rgw", test_rgw);

  return kdcc_test_run ();
}
