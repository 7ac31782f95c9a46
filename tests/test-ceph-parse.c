/* test-ceph-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parsers for Ceph's own JSON. Fixtures: tests/fixtures/pacific-16.2.15
 * are real captures from Ceph 16.2.15 (`ceph -f json ...` on the test
 * cluster); reef-18.2 are real captures from Ceph 18.2.7 (a Reef cluster of
 * the same harness, run from a Debian 13 chroot); quincy-17.2 and squid-19.2
 * are derived from real Pacific captures plus the documented release
 * differences (see each README); malformed/ is hand-made from real
 * captures. The robustness tests
 * (truncation, mutation) are deterministic and meant to run under ASan.
 */
#include "config.h"

#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-test-util.h"

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

typedef struct
{
  const char *command;
  const char *fixture;      /* file name inside a release directory */
  ParseFunc   parse;
} Parser;

static const Parser parsers[] = {
  { "status", "status.json", kdcc_ceph_parse_status },
  { "health detail", "health-detail.json", kdcc_ceph_parse_health_detail },
  { "versions", "versions.json", kdcc_ceph_parse_versions },
  { "mon dump", "mon-dump.json", kdcc_ceph_parse_mon_dump },
  { "mgr dump", "mgr-dump.json", kdcc_ceph_parse_mgr_dump },
  { "mgr stat", "mgr-stat.json", kdcc_ceph_parse_mgr_stat },
  { "osd tree", "osd-tree.json", kdcc_ceph_parse_osd_tree },
  { "osd df", "osd-df.json", kdcc_ceph_parse_osd_df },
  { "osd pool ls detail", "osd-pool-ls-detail.json", kdcc_ceph_parse_osd_pool_ls_detail },
  { "df", "df.json", kdcc_ceph_parse_df },
};

#define PACIFIC "pacific-16.2.15/"

static char *
fixture (const char *dir,
         const char *name,
         gsize      *length)
{
  g_autofree char *rel = g_build_filename (dir, name, NULL);

  return kdcc_test_read_fixture (rel, length);
}

static KdccSnapshot *
parse_fixture (ParseFunc   parse,
               const char *dir,
               const char *name)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *json = fixture (dir, name, &len);

  g_assert_true (parse (snap, json, len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&snap);
}

/* The real document as a JsonObject, to compare parsed values with what
 * the capture says without copying its numbers into the test. */
static JsonNode *
fixture_json (const char *dir,
              const char *name)
{
  gsize len = 0;
  g_autofree char *json = fixture (dir, name, &len);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, len, NULL));
  return json_node_ref (json_parser_get_root (parser));
}

static gboolean
ptr_array_has_string (GPtrArray  *array,
                      const char *str)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), str) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Real Pacific captures */

static void
test_pacific_status (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_status, PACIFIC, "status.json");
  g_autoptr(JsonNode) root = fixture_json (PACIFIC, "status.json");
  JsonObject *obj = json_node_get_object (root);
  JsonObject *pgmap = json_object_get_object_member (obj, "pgmap");
  JsonObject *osdmap = json_object_get_object_member (obj, "osdmap");
  JsonObject *checks = json_object_get_object_member (json_object_get_object_member (obj, "health"),
                                                      "checks");
  gint64 sum = 0;

  g_assert_cmpstr (snap->fsid, ==, json_object_get_string_member (obj, "fsid"));
  g_assert_cmpint (strlen (snap->fsid), ==, 36);
  g_assert_cmpstr (kdcc_health_status_to_string (snap->health), ==,
                   json_object_get_string_member (json_object_get_object_member (obj, "health"),
                                                  "status"));
  g_assert_cmpint (snap->health, !=, KDCC_HEALTH_UNKNOWN);
  g_assert_cmpuint (snap->checks->len, ==, json_object_get_size (checks));
  /* A fresh test cluster always allows insecure global_id reclaim. */
  g_assert_nonnull (kdcc_test_find_check (snap, "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED"));
  g_assert_cmpint (kdcc_test_find_check (snap, "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED")->severity,
                   ==, KDCC_HEALTH_WARN);
  g_assert_cmpint (kdcc_test_find_check (snap, "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED")->count,
                   ==, 1);
  g_assert_cmpuint (snap->quorum->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (snap->quorum, 0), ==, "a");
  g_assert_cmpint (snap->monmap_epoch, ==,
                   json_object_get_int_member (json_object_get_object_member (obj, "monmap"),
                                               "epoch"));
  g_assert_cmpint (snap->osdmap_epoch, ==, json_object_get_int_member (osdmap, "epoch"));
  g_assert_cmpint (snap->osdmap_epoch, >, 0);
  g_assert_cmpint (snap->osds_total, ==, 3);
  g_assert_cmpint (snap->osds_up, ==, json_object_get_int_member (osdmap, "num_up_osds"));
  g_assert_cmpint (snap->osds_in, ==, json_object_get_int_member (osdmap, "num_in_osds"));
  g_assert_cmpint (snap->pgs_total, ==, json_object_get_int_member (pgmap, "num_pgs"));
  g_assert_cmpint (snap->pools_total, ==, json_object_get_int_member (pgmap, "num_pools"));
  g_assert_cmpuint (snap->total_bytes, ==, json_object_get_int_member (pgmap, "bytes_total"));
  g_assert_cmpuint (snap->used_bytes, ==, json_object_get_int_member (pgmap, "bytes_used"));
  g_assert_cmpuint (snap->avail_bytes, ==, json_object_get_int_member (pgmap, "bytes_avail"));
  g_assert_cmpuint (snap->total_bytes, >, 0);
  g_assert_cmpuint (snap->pg_states->len, >=, 1);
  for (guint i = 0; i < snap->pg_states->len; i++)
    sum += ((KdccPgStateData *) g_ptr_array_index (snap->pg_states, i))->count;
  g_assert_cmpint (sum, ==, snap->pgs_total);
  /* Pacific's status carries no mgr names and no pgmap version. */
  g_assert_cmpint (snap->pgmap_version, ==, -1);
  if (!json_object_has_member (pgmap, "read_op_per_sec"))
    g_assert_cmpfloat (snap->read_ops, ==, 0.0);
}

static void
test_pacific_health_detail (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_health_detail, PACIFIC,
                                                "health-detail.json");
  KdccHealthCheckData *check =
    kdcc_test_find_check (snap, "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED");

  g_assert_cmpint (snap->health, ==, KDCC_HEALTH_WARN);
  g_assert_nonnull (check);
  g_assert_cmpstr (check->summary, ==, "mon is allowing insecure global_id reclaim");
  g_assert_cmpuint (check->detail->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (check->detail, 0), ==,
                   "mon.a has auth_allow_insecure_global_id_reclaim set to true");
  g_assert_false (check->muted);
  g_assert_cmpint (check->count, ==, 1);
}

static void
test_pacific_versions (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_versions, PACIFIC,
                                                "versions.json");
  gboolean saw_overall = FALSE;

  g_assert_cmpuint (snap->versions->len, >=, 4);
  for (guint i = 0; i < snap->versions->len; i++)
    {
      KdccVersionData *v = g_ptr_array_index (snap->versions, i);

      g_assert_true (g_str_has_prefix (v->version, "ceph version 16.2.15 "));
      g_assert_true (g_str_has_suffix (v->version, " pacific (stable)"));
      if (g_str_equal (v->daemon_type, "osd"))
        g_assert_cmpint (v->count, ==, 3);
      if (g_str_equal (v->daemon_type, "overall"))
        {
          saw_overall = TRUE;
          g_assert_cmpint (v->count, >=, 5);
        }
    }
  g_assert_true (saw_overall);
}

static void
test_pacific_mon_dump (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_mon_dump, PACIFIC,
                                                "mon-dump.json");

  g_assert_cmpuint (snap->mons->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (snap->mons, 0), ==, "a");
  g_assert_cmpint (snap->monmap_epoch, >=, 1);
}

static void
test_pacific_mgr (void)
{
  g_autoptr(KdccSnapshot) dump = parse_fixture (kdcc_ceph_parse_mgr_dump, PACIFIC,
                                                "mgr-dump.json");
  g_autoptr(KdccSnapshot) stat = parse_fixture (kdcc_ceph_parse_mgr_stat, PACIFIC,
                                                "mgr-stat.json");
  gsize len = 0;
  g_autofree char *json = fixture (PACIFIC, "mgr-stat.json", &len);

  g_assert_cmpstr (dump->mgr_active, ==, "x");
  g_assert_cmpuint (dump->mgr_standbys->len, ==, 0);
  g_assert_cmpstr (stat->mgr_active, ==, "x");
  g_assert_cmpint (kdcc_ceph_parse_epoch (json, len), >, 0);
}

static void
test_pacific_osd_tree (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_osd_tree, PACIFIC,
                                                "osd-tree.json");
  KdccHostData *host;

  g_assert_nonnull (snap->osds);
  g_assert_cmpuint (snap->osds->len, ==, 3);
  g_assert_nonnull (snap->hosts);
  g_assert_cmpuint (snap->hosts->len, ==, 1);
  host = g_ptr_array_index (snap->hosts, 0);
  g_assert_cmpuint (host->osd_ids->len, ==, 3);

  for (gint64 id = 0; id < 3; id++)
    {
      KdccOsdData *osd = kdcc_test_find_osd (snap, id);
      g_autofree char *name = g_strdup_printf ("osd.%" G_GINT64_FORMAT, id);
      gboolean listed = FALSE;

      g_assert_nonnull (osd);
      g_assert_cmpstr (osd->name, ==, name);
      g_assert_cmpstr (osd->host, ==, host->name);
      g_assert_cmpstr (osd->device_class, ==, "hdd");
      g_assert_true (osd->exists);
      g_assert_true (osd->up);
      g_assert_true (osd->in);
      g_assert_cmpfloat (osd->reweight, ==, 1.0);
      /* memstore OSDs of 1 GiB: crush weight in TiB. */
      g_assert_cmpfloat_with_epsilon (osd->crush_weight, 0.0009918212890625, 1e-9);
      g_assert_false (osd->has_usage);
      for (guint i = 0; i < host->osd_ids->len; i++)
        listed |= g_array_index (host->osd_ids, gint64, i) == id;
      g_assert_true (listed);
    }
}

static void
test_pacific_osd_df (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_osd_tree, PACIFIC,
                                                "osd-tree.json");
  g_autoptr(JsonNode) root = fixture_json (PACIFIC, "osd-df.json");
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (root), "nodes");
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *json = fixture (PACIFIC, "osd-df.json", &len);

  g_assert_true (kdcc_ceph_parse_osd_df (snap, json, len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (snap->osds->len, ==, 3);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      KdccOsdData *osd = kdcc_test_find_osd (snap, json_object_get_int_member (node, "id"));

      g_assert_nonnull (osd);
      g_assert_true (osd->has_usage);
      /* osd df says KiB; the snapshot wants bytes. */
      g_assert_cmpuint (osd->total_bytes, ==, json_object_get_int_member (node, "kb") * 1024);
      g_assert_cmpuint (osd->total_bytes, ==, G_GUINT64_CONSTANT (1073741824));
      g_assert_cmpuint (osd->used_bytes, ==, json_object_get_int_member (node, "kb_used") * 1024);
      g_assert_cmpuint (osd->avail_bytes, ==,
                        json_object_get_int_member (node, "kb_avail") * 1024);
      g_assert_cmpfloat_with_epsilon (osd->utilization,
                                      json_object_get_double_member (node, "utilization"), 1e-12);
      g_assert_cmpint (osd->pgs, ==, json_object_get_int_member (node, "pgs"));
      g_assert_cmpint (osd->pgs, >, 0);
      /* Merged into the tree's entries, which keep their host. */
      g_assert_nonnull (osd->host);
    }
}

static void
test_pacific_pools (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_osd_pool_ls_detail, PACIFIC,
                                                "osd-pool-ls-detail.json");
  KdccPoolData *pool = kdcc_test_find_pool (snap, "kdcc-test");

  g_assert_nonnull (pool);
  g_assert_cmpint (pool->id, >=, 1);
  g_assert_cmpstr (pool->type, ==, "replicated");
  g_assert_cmpint (pool->size, >=, 1);
  g_assert_cmpint (pool->min_size, >=, 1);
  g_assert_cmpint (pool->min_size, <=, pool->size);
  g_assert_cmpint (pool->pg_num, >=, 1);
  g_assert_cmpstr (pool->autoscale_mode, ==, "on");
  g_assert_true (ptr_array_has_string (pool->applications, "rados")
                 || ptr_array_has_string (pool->applications, "rbd"));
  g_assert_false (pool->has_usage);
}

static void
test_pacific_df (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_df, PACIFIC, "df.json");
  g_autoptr(JsonNode) root = fixture_json (PACIFIC, "df.json");
  JsonObject *stats = json_object_get_object_member (json_node_get_object (root), "stats");
  JsonArray *pools = json_object_get_array_member (json_node_get_object (root), "pools");
  KdccClassCapacityData *hdd;

  g_assert_cmpuint (snap->total_bytes, ==, json_object_get_int_member (stats, "total_bytes"));
  g_assert_cmpuint (snap->total_bytes, ==, G_GUINT64_CONSTANT (3) * 1073741824);
  g_assert_cmpuint (snap->used_bytes, ==,
                    json_object_get_int_member (stats, "total_used_raw_bytes"));
  g_assert_cmpuint (snap->avail_bytes, ==,
                    json_object_get_int_member (stats, "total_avail_bytes"));
  g_assert_cmpuint (snap->classes->len, ==, 1);
  hdd = g_ptr_array_index (snap->classes, 0);
  g_assert_cmpstr (hdd->device_class, ==, "hdd");
  g_assert_cmpuint (hdd->total_bytes, ==, snap->total_bytes);

  g_assert_nonnull (snap->pools);
  g_assert_cmpuint (snap->pools->len, ==, json_array_get_length (pools));
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonObject *p = json_array_get_object_element (pools, i);
      JsonObject *ps = json_object_get_object_member (p, "stats");
      KdccPoolData *pool = kdcc_test_find_pool (snap, json_object_get_string_member (p, "name"));

      g_assert_nonnull (pool);
      g_assert_true (pool->has_usage);
      g_assert_cmpint (pool->id, ==, json_object_get_int_member (p, "id"));
      g_assert_cmpuint (pool->stored_bytes, ==, json_object_get_int_member (ps, "stored"));
      g_assert_cmpuint (pool->max_avail_bytes, ==, json_object_get_int_member (ps, "max_avail"));
      g_assert_cmpuint (pool->objects, ==, json_object_get_int_member (ps, "objects"));
      /* Ceph's 0..1 ratio becomes a percentage. */
      g_assert_cmpfloat_with_epsilon (pool->percent_used,
                                      json_object_get_double_member (ps, "percent_used") * 100,
                                      1e-9);
    }
  g_assert_nonnull (kdcc_test_find_pool (snap, "kdcc-test"));
  g_assert_cmpuint (kdcc_test_find_pool (snap, "kdcc-test")->objects, >, 0);
}

/* All heavy parsers into one snapshot, in both orders: the result must not
 * depend on which command answered first. */
static void
test_pacific_merge_order (void)
{
  const char *names[] = { "osd-tree.json", "osd-df.json", "osd-pool-ls-detail.json", "df.json" };
  ParseFunc funcs[] = { kdcc_ceph_parse_osd_tree, kdcc_ceph_parse_osd_df,
                        kdcc_ceph_parse_osd_pool_ls_detail, kdcc_ceph_parse_df };
  g_autoptr(KdccSnapshot) a = kdcc_snapshot_new ();
  g_autoptr(KdccSnapshot) b = kdcc_snapshot_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize len = 0;
      g_autofree char *json = fixture (PACIFIC, names[i], &len);
      g_autofree char *json2 = fixture (PACIFIC, names[G_N_ELEMENTS (names) - 1 - i], &len);

      g_assert_true (funcs[i] (a, json, -1, NULL));
      g_assert_true (funcs[G_N_ELEMENTS (names) - 1 - i] (b, json2, -1, NULL));
    }

  g_assert_cmpuint (a->osds->len, ==, b->osds->len);
  g_assert_cmpuint (a->pools->len, ==, b->pools->len);
  for (guint i = 0; i < a->osds->len; i++)
    {
      KdccOsdData *oa = g_ptr_array_index (a->osds, i);
      KdccOsdData *ob = kdcc_test_find_osd (b, oa->id);

      g_assert_nonnull (ob);
      g_assert_cmpstr (oa->host, ==, ob->host);
      g_assert_cmpstr (oa->device_class, ==, ob->device_class);
      g_assert_true (oa->has_usage && ob->has_usage);
      g_assert_cmpuint (oa->used_bytes, ==, ob->used_bytes);
      g_assert_cmpfloat (oa->reweight, ==, ob->reweight);
    }
  for (guint i = 0; i < a->pools->len; i++)
    {
      KdccPoolData *pa = g_ptr_array_index (a->pools, i);
      KdccPoolData *pb = kdcc_test_find_pool (b, pa->name);

      g_assert_nonnull (pb);
      g_assert_cmpint (pa->id, ==, pb->id);
      g_assert_cmpint (pa->size, ==, pb->size);
      g_assert_cmpstr (pa->type, ==, pb->type);
      g_assert_true (pa->has_usage && pb->has_usage);
      g_assert_cmpuint (pa->stored_bytes, ==, pb->stored_bytes);
    }
}

/* ------------------------------------------------------------------------
 * Release differences (derived fixtures, see their READMEs) */

static void
test_release (gconstpointer data)
{
  const char *dir = data;
  g_autofree char *release = g_strndup (dir, strchr (dir, '-') - dir);
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  const char *names[] = { "status.json", "health-detail.json", "versions.json",
                          "osd-pool-ls-detail.json", "df.json", "osd-df.json" };
  ParseFunc funcs[] = { kdcc_ceph_parse_status, kdcc_ceph_parse_health_detail,
                        kdcc_ceph_parse_versions, kdcc_ceph_parse_osd_pool_ls_detail,
                        kdcc_ceph_parse_df, kdcc_ceph_parse_osd_df };
  g_autofree char *suffix = g_strdup_printf (" %s (stable)", release);
  KdccPoolData *pool;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = 0;
      g_autofree char *json = fixture (dir, names[i], &len);

      g_assert_true (funcs[i] (snap, json, len, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpstr (snap->fsid, ==, "3f2c8d6e-1b7a-4c1e-9a53-5d0e6f7a8b9c");
  g_assert_cmpint (snap->monmap_epoch, ==, 3);
  g_assert_cmpint (snap->osdmap_epoch, ==, 113);
  g_assert_cmpuint (snap->quorum->len, ==, 3);
  /* Rates are present in these fixtures (they are left out when zero). */
  g_assert_cmpfloat (snap->read_ops, ==, 3);
  g_assert_cmpfloat (snap->write_ops, ==, 27);
  g_assert_cmpfloat (snap->read_bytes, ==, 2048);
  g_assert_cmpfloat (snap->write_bytes, ==, 1048576);
  g_assert_cmpfloat (snap->recovering_bytes, ==, 0);

  /* mon, mgr, osd and overall; "mds" is empty. */
  g_assert_cmpuint (snap->versions->len, ==, 4);
  for (guint i = 0; i < snap->versions->len; i++)
    {
      KdccVersionData *v = g_ptr_array_index (snap->versions, i);

      g_assert_true (g_str_has_suffix (v->version, suffix));
    }

  /* read_balance (Reef+) and the estimated capacity (newest) are extra
   * members the parsers must simply pass over. */
  pool = kdcc_test_find_pool (snap, "kdcc-test");
  g_assert_nonnull (pool);
  g_assert_cmpstr (pool->type, ==, "replicated");
  g_assert_true (pool->has_usage);
  g_assert_cmpuint (snap->total_bytes, ==, G_GUINT64_CONSTANT (3221225472));
  g_assert_cmpuint (snap->osds->len, ==, 3);
  g_assert_true (kdcc_test_find_osd (snap, 1)->has_usage);
}

/* Real Reef 18.2.7 captures: every parser, each value checked against the
 * captured document itself. */
#define REEF "reef-18.2/"

static KdccSnapshot *filled_snapshot (const char *dir);

static void
test_reef_captured (void)
{
  g_autoptr(KdccSnapshot) snap = filled_snapshot (REEF);
  g_autoptr(JsonNode) status = fixture_json (REEF, "status.json");
  g_autoptr(JsonNode) tree = fixture_json (REEF, "osd-tree.json");
  g_autoptr(JsonNode) df = fixture_json (REEF, "df.json");
  g_autoptr(JsonNode) pools = fixture_json (REEF, "osd-pool-ls-detail.json");
  JsonObject *st = json_node_get_object (status);
  JsonObject *checks = json_object_get_object_member (json_object_get_object_member (st, "health"),
                                                      "checks");
  JsonObject *osdmap = json_object_get_object_member (st, "osdmap");
  JsonObject *stats = json_object_get_object_member (json_node_get_object (df), "stats");
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (tree), "nodes");
  JsonObject *pool_json = json_array_get_object_element (json_node_get_array (pools), 0);
  KdccHealthCheckData *check;
  KdccPoolData *pool;
  guint n_osd_nodes = 0;

  g_assert_cmpstr (snap->fsid, ==, json_object_get_string_member (st, "fsid"));
  g_assert_cmpstr (snap->fsid, ==, "9c73127e-37a4-4d95-9237-68718e1d6c2a");
  g_assert_cmpint (snap->health, ==, KDCC_HEALTH_WARN);
  g_assert_cmpuint (snap->checks->len, ==, json_object_get_size (checks));
  /* The known limit, as Reef reports it: the mgr's PyO3 modules fail. */
  check = kdcc_test_find_check (snap, "MGR_MODULE_DEPENDENCY");
  g_assert_nonnull (check);
  g_assert_cmpint (check->severity, ==, KDCC_HEALTH_WARN);
  g_assert_cmpint (check->count, ==, 13);
  g_assert_nonnull (kdcc_test_find_check (snap, "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED"));

  g_assert_cmpint (snap->monmap_epoch, ==, 1);
  g_assert_cmpint (snap->osdmap_epoch, ==, json_object_get_int_member (osdmap, "epoch"));
  g_assert_cmpuint (snap->mons->len, ==, 1);
  g_assert_cmpuint (snap->quorum->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (snap->quorum, 0), ==, "a");
  g_assert_cmpstr (snap->mgr_active, ==, "x");

  /* mon, mgr, osd and overall, all on 18.2.7; Reef prints no "mds"
   * member when there is no MDS. */
  g_assert_cmpuint (snap->versions->len, ==, 4);
  for (guint i = 0; i < snap->versions->len; i++)
    {
      KdccVersionData *v = g_ptr_array_index (snap->versions, i);

      g_assert_true (g_str_has_prefix (v->version, "ceph version 18.2.7 "));
      g_assert_true (g_str_has_suffix (v->version, " reef (stable)"));
      g_assert_cmpint (v->count, ==, g_str_equal (v->daemon_type, "osd") ? 3
                                     : g_str_equal (v->daemon_type, "overall") ? 5 : 1);
    }

  /* osd tree + osd df (an mgr command, which works on Reef here). */
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (nodes, i),
                                                    "type"), "osd"))
      n_osd_nodes++;
  g_assert_cmpuint (snap->osds->len, ==, n_osd_nodes);
  g_assert_cmpuint (snap->osds->len, ==, 3);
  for (guint i = 0; i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      g_assert_true (osd->up);
      g_assert_true (osd->in);
      g_assert_cmpstr (osd->host, ==, "vm");
      g_assert_true (osd->has_usage);
      g_assert_cmpuint (osd->total_bytes, ==, G_GUINT64_CONSTANT (1073741824));
    }

  /* osd pool ls detail (with Reef's read_balance) + df. */
  g_assert_cmpuint (snap->pools->len, ==, 1);
  pool = kdcc_test_find_pool (snap, "kdcc-test");
  g_assert_nonnull (pool);
  g_assert_true (json_object_has_member (pool_json, "read_balance"));
  g_assert_cmpstr (pool->type, ==, "replicated");
  g_assert_cmpint (pool->size, ==, 3);
  g_assert_cmpint (pool->min_size, ==, 2);
  g_assert_cmpint (pool->pg_num, ==, 32);
  g_assert_true (pool->has_usage);
  g_assert_cmpuint (pool->objects, ==, 4);
  g_assert_cmpuint (snap->total_bytes, ==, json_object_get_int_member (stats, "total_bytes"));
  g_assert_cmpuint (snap->avail_bytes, ==, json_object_get_int_member (stats, "total_avail_bytes"));
  g_assert_cmpuint (snap->total_bytes, ==, G_GUINT64_CONSTANT (3221225472));
}

/* Nautilus nested the osdmap counters and dumped the whole mgr map. */
static void
test_nautilus_status (void)
{
  const char *json =
    "{\"fsid\":\"0b6e4b3a-2f2c-4f77-9d0c-1a2b3c4d5e6f\","
    "\"health\":{\"checks\":{},\"status\":\"HEALTH_OK\"},"
    "\"quorum_names\":[\"a\",\"b\",\"c\"],"
    "\"monmap\":{\"epoch\":2,\"mons\":[]},"
    "\"osdmap\":{\"osdmap\":{\"epoch\":57,\"num_osds\":6,\"num_up_osds\":5,"
    "\"num_in_osds\":6,\"full\":false,\"nearfull\":false,\"num_remapped_pgs\":0}},"
    "\"pgmap\":{\"pgs_by_state\":[{\"state_name\":\"active+clean\",\"count\":64}],"
    "\"num_pgs\":64,\"num_pools\":1,\"bytes_used\":1,\"bytes_avail\":2,\"bytes_total\":3},"
    "\"mgrmap\":{\"epoch\":9,\"active_gid\":4101,\"active_name\":\"a\",\"available\":true,"
    "\"standbys\":[{\"gid\":4105,\"name\":\"b\"},{\"gid\":4107,\"name\":\"c\"}]}}";
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_ceph_parse_status (snap, json, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (snap->health, ==, KDCC_HEALTH_OK);
  g_assert_cmpint (snap->osdmap_epoch, ==, 57);
  g_assert_cmpint (snap->osds_total, ==, 6);
  g_assert_cmpint (snap->osds_up, ==, 5);
  g_assert_cmpint (snap->osds_in, ==, 6);
  g_assert_cmpint (snap->pgs_total, ==, 64);
  g_assert_cmpuint (snap->total_bytes, ==, 3);
  g_assert_cmpstr (snap->mgr_active, ==, "a");
  g_assert_cmpuint (snap->mgr_standbys->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (snap->mgr_standbys, 1), ==, "c");
}

static void
test_health_sort (void)
{
  const char *json =
    "{\"status\":\"HEALTH_ERR\",\"checks\":{"
    "\"POOL_NO_REDUNDANCY\":{\"severity\":\"HEALTH_WARN\",\"summary\":{\"message\":\"w1\"},"
    "\"muted\":true},"
    "\"OSD_FULL\":{\"severity\":\"HEALTH_ERR\",\"summary\":{\"message\":\"e1\",\"count\":2},"
    "\"detail\":[{\"message\":\"osd.1 is full\"},{\"message\":\"osd.2 is full\"}]},"
    "\"AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED\":{\"severity\":\"HEALTH_WARN\","
    "\"summary\":{\"message\":\"w2\",\"count\":1}},"
    "\"MON_DISK_CRIT\":{\"severity\":\"HEALTH_ERR\",\"summary\":{\"message\":\"e2\"}}},"
    "\"mutes\":[{\"code\":\"POOL_NO_REDUNDANCY\",\"sticky\":false}]}";
  const char *order[] = { "MON_DISK_CRIT", "OSD_FULL", "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED",
                          "POOL_NO_REDUNDANCY" };
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  KdccHealthCheckData *full;

  g_assert_true (kdcc_ceph_parse_health_detail (snap, json, -1, NULL));
  g_assert_cmpint (snap->health, ==, KDCC_HEALTH_ERR);
  g_assert_cmpuint (snap->checks->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((KdccHealthCheckData *) g_ptr_array_index (snap->checks, i))->code, ==,
                     order[i]);
  full = kdcc_test_find_check (snap, "OSD_FULL");
  g_assert_cmpint (full->count, ==, 2);
  g_assert_cmpuint (full->detail->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (full->detail, 1), ==, "osd.2 is full");
  g_assert_cmpint (kdcc_test_find_check (snap, "MON_DISK_CRIT")->count, ==, -1);
  g_assert_true (kdcc_test_find_check (snap, "POOL_NO_REDUNDANCY")->muted);
  g_assert_false (full->muted);
}

/* Stray OSDs (not in CRUSH), a down/out OSD, an OSD that does not exist,
 * and an erasure pool. */
static void
test_tree_states (void)
{
  const char *tree =
    "{\"nodes\":[{\"id\":-1,\"name\":\"default\",\"type\":\"root\",\"children\":[-3,-5]},"
    "{\"id\":-3,\"name\":\"node1\",\"type\":\"host\",\"children\":[1,0]},"
    "{\"id\":-5,\"name\":\"node2\",\"type\":\"host\",\"children\":[]},"
    "{\"id\":0,\"device_class\":\"ssd\",\"name\":\"osd.0\",\"type\":\"osd\",\"crush_weight\":1.5,"
    "\"exists\":1,\"status\":\"down\",\"reweight\":0,\"primary_affinity\":1},"
    "{\"id\":1,\"name\":\"osd.1\",\"type\":\"osd\",\"crush_weight\":2,"
    "\"exists\":1,\"status\":\"up\",\"reweight\":0.5}],"
    "\"stray\":[{\"id\":7,\"name\":\"osd.7\",\"type\":\"osd\",\"exists\":0,\"status\":\"down\","
    "\"reweight\":0}]}";
  const char *pools =
    "[{\"pool_id\":4,\"pool_name\":\"ec\",\"type\":3,\"size\":6,\"min_size\":5,\"pg_num\":32,"
    "\"pg_autoscale_mode\":\"warn\","
    "\"application_metadata\":{\"rgw\":{},\"cephfs\":{\"a\":\"b\"}}}]";
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  KdccOsdData *osd;
  KdccPoolData *pool;

  g_assert_true (kdcc_ceph_parse_osd_tree (snap, tree, -1, NULL));
  g_assert_cmpuint (snap->osds->len, ==, 3);
  g_assert_cmpuint (snap->hosts->len, ==, 2);
  osd = kdcc_test_find_osd (snap, 0);
  g_assert_cmpstr (osd->host, ==, "node1");
  g_assert_cmpstr (osd->device_class, ==, "ssd");
  g_assert_false (osd->up);
  g_assert_false (osd->in);
  g_assert_cmpfloat (osd->crush_weight, ==, 1.5);
  osd = kdcc_test_find_osd (snap, 1);
  g_assert_true (osd->up);
  g_assert_true (osd->in);
  g_assert_null (osd->device_class);
  g_assert_cmpfloat (osd->reweight, ==, 0.5);
  osd = kdcc_test_find_osd (snap, 7);
  g_assert_null (osd->host);
  g_assert_false (osd->exists);

  g_assert_true (kdcc_ceph_parse_osd_pool_ls_detail (snap, pools, -1, NULL));
  pool = kdcc_test_find_pool (snap, "ec");
  g_assert_cmpstr (pool->type, ==, "erasure");
  g_assert_cmpint (pool->size, ==, 6);
  g_assert_cmpstr (pool->autoscale_mode, ==, "warn");
  g_assert_cmpuint (pool->applications->len, ==, 2);
  g_assert_true (ptr_array_has_string (pool->applications, "cephfs"));

  /* An empty cluster gives empty lists, not "not fetched". */
  g_clear_pointer (&snap, kdcc_snapshot_unref);
  snap = kdcc_snapshot_new ();
  g_assert_true (kdcc_ceph_parse_osd_tree (snap, "{\"nodes\":[],\"stray\":[]}", -1, NULL));
  g_assert_true (kdcc_ceph_parse_osd_pool_ls_detail (snap, "[]", -1, NULL));
  g_assert_nonnull (snap->osds);
  g_assert_nonnull (snap->hosts);
  g_assert_nonnull (snap->pools);
  g_assert_cmpuint (snap->osds->len + snap->hosts->len + snap->pools->len, ==, 0);
}

/* ------------------------------------------------------------------------
 * Malformed input */

static void
assert_parse_error (ParseFunc   parse,
                    const char *json,
                    gssize      length,
                    const char *message)
{
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (parse (snap, json, length, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  /* Nothing was applied. */
  g_assert_null (snap->fsid);
  g_assert_null (snap->osds);
  g_assert_null (snap->pools);
  g_assert_null (snap->hosts);
  g_assert_cmpuint (snap->checks->len + snap->versions->len + snap->mons->len, ==, 0);
}

static void
test_wrong_types (void)
{
  gsize len = 0;
  g_autofree char *fsid5 = fixture ("malformed", "status-fsid-number.json", &len);
  g_autofree char *trunc = NULL;
  g_autofree char *nodes = NULL;
  g_autofree char *pool_obj = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *negative = NULL;

  assert_parse_error (kdcc_ceph_parse_status, fsid5, len, "status: \"fsid\" is not a string");
  trunc = fixture ("malformed", "status-truncated.json", &len);
  assert_parse_error (kdcc_ceph_parse_status, trunc, len, NULL);
  nodes = fixture ("malformed", "osd-tree-nodes-string.json", &len);
  assert_parse_error (kdcc_ceph_parse_osd_tree, nodes, len, "osd tree: \"nodes\" is not a list");
  pool_obj = fixture ("malformed", "osd-pool-ls-detail-object.json", &len);
  assert_parse_error (kdcc_ceph_parse_osd_pool_ls_detail, pool_obj, len,
                      "osd pool ls detail: the output is not a JSON array");
  huge = fixture ("malformed", "df-huge-numbers.json", &len);
  assert_parse_error (kdcc_ceph_parse_df, huge, len, NULL);
  negative = fixture ("malformed", "osd-df-negative-kb.json", &len);
  assert_parse_error (kdcc_ceph_parse_osd_df, negative, len,
                      "osd df: \"nodes[0].kb\" is out of range");

  assert_parse_error (kdcc_ceph_parse_status, "{\"fsid\":\"x\"}", -1,
                      "status: \"health\" is missing");
  assert_parse_error (kdcc_ceph_parse_status,
                      "{\"fsid\":\"x\",\"health\":{\"status\":\"HEALTH_OK\"},"
                      "\"osdmap\":{\"epoch\":true}}",
                      -1, "status: \"osdmap.epoch\" is not a number");
  assert_parse_error (kdcc_ceph_parse_status,
                      "{\"fsid\":\"x\",\"health\":{\"status\":\"HEALTH_OK\"},\"pgmap\":"
                      "{\"num_pgs\":1.5}}", -1, "status: \"pgmap.num_pgs\" is not a whole number");
  assert_parse_error (kdcc_ceph_parse_status,
                      "{\"fsid\":\"x\",\"health\":{\"status\":\"HEALTH_OK\"},\"quorum_names\":[1]}",
                      -1, "status: \"quorum_names[0]\" is not a string");
  assert_parse_error (kdcc_ceph_parse_health_detail,
                      "{\"status\":\"HEALTH_WARN\",\"checks\":{\"X\":{\"severity\":3}}}", -1,
                      "health detail: \"checks.X.severity\" is not a string");
  assert_parse_error (kdcc_ceph_parse_health_detail,
                      "{\"status\":\"HEALTH_WARN\",\"checks\":{\"X\":{\"severity\":\"HEALTH_WARN\","
                      "\"detail\":[\"text\"]}}}", -1,
                      "health detail: \"checks.X.detail[0]\" is not an object");
  assert_parse_error (kdcc_ceph_parse_versions, "{\"mon\":{\"v\":\"many\"}}", -1,
                      "versions: \"mon.v\" is not a number");
  assert_parse_error (kdcc_ceph_parse_mon_dump, "{\"epoch\":1,\"mons\":{}}", -1,
                      "mon dump: \"mons\" is not a list");
  assert_parse_error (kdcc_ceph_parse_mgr_dump, "{\"available\":\"maybe\",\"standbys\":[]}", -1,
                      "mgr dump: \"available\" is not true or false");
  assert_parse_error (kdcc_ceph_parse_mgr_stat, "{\"available\":2}", -1,
                      "mgr stat: \"available\" is not true or false");
  assert_parse_error (kdcc_ceph_parse_osd_tree, "{\"nodes\":[{\"id\":\"osd.1\"}]}", -1,
                      "osd tree: \"nodes[0].id\" is not a number");
  assert_parse_error (kdcc_ceph_parse_osd_tree,
                      "{\"nodes\":[{\"id\":-2,\"type\":\"host\",\"name\":\"h\","
                      "\"children\":[\"0\",{}]}]}",
                      -1, "osd tree: \"nodes[0].children[1]\" is not a number");
  assert_parse_error (kdcc_ceph_parse_osd_pool_ls_detail, "[{\"pool_id\":1}]", -1,
                      "osd pool ls detail: \"pools[0].pool_name\" is missing");
  assert_parse_error (kdcc_ceph_parse_df, "{\"stats\":{\"total_bytes\":1e400}}", -1,
                      "df: \"stats.total_bytes\" is out of range");
  assert_parse_error (kdcc_ceph_parse_df,
                      "{\"stats\":{\"total_bytes\":99999999999999999999999,"
                      "\"total_used_raw_bytes\":1,\"total_avail_bytes\":1}}", -1, NULL);
  assert_parse_error (kdcc_ceph_parse_df,
                      "{\"stats\":{\"total_bytes\":\"18446744073709551616\","
                      "\"total_used_raw_bytes\":1,\"total_avail_bytes\":1}}", -1,
                      "df: \"stats.total_bytes\" is out of range");
  assert_parse_error (kdcc_ceph_parse_osd_df,
                      "{\"nodes\":[{\"id\":0,\"kb\":18014398509481984,\"kb_used\":0,"
                      "\"kb_avail\":0}]}", -1, "osd df: \"nodes[0].kb\" is out of range");
}

static void
test_empty_and_null (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      const Parser *p = &parsers[i];
      g_autofree char *empty_msg = g_strdup_printf ("%s: the output is empty", p->command);
      const char *not_root = p->parse == kdcc_ceph_parse_osd_pool_ls_detail
                             ? "the output is not a JSON array" : "the output is not a JSON object";
      g_autofree char *null_msg = g_strdup_printf ("%s: %s", p->command, not_root);
      g_autoptr(GString) deep = g_string_new (NULL);

      assert_parse_error (p->parse, "", -1, empty_msg);
      assert_parse_error (p->parse, "   \n", -1, empty_msg);
      assert_parse_error (p->parse, NULL, 0, empty_msg);
      assert_parse_error (p->parse, "null", -1, null_msg);
      assert_parse_error (p->parse, "42", -1, null_msg);
      assert_parse_error (p->parse, "\"text\"", -1, null_msg);
      assert_parse_error (p->parse, "{\"a\":1}\0{}", 10, NULL);
      assert_parse_error (p->parse, "{\"\xff\xfe\":1}", -1, NULL);
      assert_parse_error (p->parse, "Error EINVAL: unknown command", -1, NULL);

      /* A million levels would overflow a recursive parser's stack. */
      for (guint d = 0; d < 1000000; d++)
        g_string_append_c (deep, d % 2 ? '[' : '{');
      assert_parse_error (p->parse, deep->str, deep->len, NULL);
      g_string_truncate (deep, 0);
      for (guint d = 0; d < 200; d++)
        g_string_append (deep, "{\"a\":");
      g_string_append (deep, "1");
      for (guint d = 0; d < 200; d++)
        g_string_append_c (deep, '}');
      assert_parse_error (p->parse, deep->str, deep->len, NULL);
    }
}

/* Only JSON's own escapes reach the model: json-glib 1.6 also takes the
 * octal "\777" and a lone low surrogate and hands out bytes that are not
 * UTF-8 (fuzz-diagnostics-summary found a detail line carrying 0xff). */
static char *
health_detail_with (const char *escaped)
{
  return g_strdup_printf ("{\"status\":\"HEALTH_WARN\",\"checks\":{\"OSD_DOWN\":"
                          "{\"severity\":\"HEALTH_WARN\",\"summary\":{\"message\":\"%s\","
                          "\"count\":1},\"detail\":[{\"message\":\"x\"}],\"muted\":false}},"
                          "\"mutes\":[]}", escaped);
}

static void
test_escapes (void)
{
  static const struct { const char *escaped; const char *text; } good[] = {
    { "a\\\"b\\\\c\\/d", "a\"b\\c/d" },
    { "\\b\\f\\n\\r\\t", "\b\f\n\r\t" },
    { "caf\\u00e9", "caf\xc3\xa9" },
    { "\\ud83d\\ude00!", "\xf0\x9f\x98\x80!" },
    { "\\\\777", "\\777" },
  };
  static const struct { const char *escaped; gsize at; } bad[] = {
    { "\\777", 93 },
    { "-\\\\\\777", 96 },
    { "\\x41", 93 },
    { "\\udc00", 93 },
    { "\\ud800x", 93 },
    { "\\ud800\\u0041", 93 },
    { "\\u12g4", 93 },
    { "\\u12", 93 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *json = health_detail_with (good[i].escaped);
      g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
      g_autoptr(GError) error = NULL;
      KdccHealthCheckData *check;

      g_assert_true (kdcc_ceph_parse_health_detail (snap, json, -1, &error));
      g_assert_no_error (error);
      check = g_ptr_array_index (snap->checks, 0);
      g_assert_cmpstr (check->summary, ==, good[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = health_detail_with (bad[i].escaped);
      g_autofree char *message = g_strdup_printf ("health detail: the output is not valid JSON: "
                                                  "an invalid escape at byte %" G_GSIZE_FORMAT,
                                                  bad[i].at);

      assert_parse_error (kdcc_ceph_parse_health_detail, json, -1, message);
    }
}

/* Services that keep their own JsonParser (staging, audit log, upgrade
 * state, ...) get the same checks through kdcc_json_parser_load(). */
static void
test_parser_load_checks (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_json_parser_load (parser, "staging", "{\"a\": \"caf\\u00e9\"}", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "a"),
                   ==, "caf\xc3\xa9");

  g_assert_false (kdcc_json_parser_load (parser, "staging", "{\"a\": \"\\777\"}", -1, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "staging: the output is not valid JSON: an invalid escape at byte 7");
  g_clear_error (&error);

  g_assert_false (kdcc_json_parser_load (parser, "audit log", "{\"a\": \"\xff\"}", -1, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "audit log: the output is not valid UTF-8 text");
  g_clear_error (&error);

  /* A NUL byte inside LENGTH is refused, not taken as the end. */
  g_assert_false (kdcc_json_parser_load (parser, "staging", "{}\0{", 4, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
}

/* Ceph writes some numbers as strings; the parsers must read them. */
static void
test_numbers_as_strings (void)
{
  g_autoptr(KdccSnapshot) snap = parse_fixture (kdcc_ceph_parse_osd_tree, "malformed",
                                                "osd-tree-numbers-as-strings.json");
  KdccOsdData *osd = kdcc_test_find_osd (snap, 2);

  g_assert_cmpuint (snap->osds->len, ==, 3);
  g_assert_nonnull (osd);
  g_assert_true (osd->exists);
  g_assert_cmpfloat (osd->reweight, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (osd->crush_weight, 0.0009918212890625, 1e-12);
  g_assert_nonnull (osd->host);
  g_assert_cmpint (kdcc_ceph_parse_epoch ("{\"epoch\":\"12\"}", -1), ==, 12);
  g_assert_cmpint (kdcc_ceph_parse_epoch ("{\"epoch\":12.0}", -1), ==, 12);
  g_assert_cmpint (kdcc_ceph_parse_epoch ("{\"epoch\":\"12x\"}", -1), ==, -1);
  g_assert_cmpint (kdcc_ceph_parse_epoch ("{\"epoch\":1e30}", -1), ==, -1);
  g_assert_cmpint (kdcc_ceph_parse_epoch ("[]", -1), ==, -1);
}

/* A snapshot filled from real output; a failing parse must leave it as it
 * was. */
static KdccSnapshot *
filled_snapshot (const char *dir)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      gsize len = 0;
      g_autofree char *json = fixture (dir, parsers[i].fixture, &len);

      g_assert_true (parsers[i].parse (snap, json, len, NULL));
    }
  return snap;
}

static void
assert_same_snapshot (KdccSnapshot *a,
                      KdccSnapshot *b)
{
  g_assert_cmpstr (a->fsid, ==, b->fsid);
  g_assert_cmpint (a->health, ==, b->health);
  g_assert_cmpuint (a->checks->len, ==, b->checks->len);
  g_assert_cmpuint (a->total_bytes, ==, b->total_bytes);
  g_assert_cmpuint (a->classes->len, ==, b->classes->len);
  g_assert_cmpuint (a->versions->len, ==, b->versions->len);
  g_assert_cmpuint (a->mons->len, ==, b->mons->len);
  g_assert_cmpstr (a->mgr_active, ==, b->mgr_active);
  g_assert_cmpuint (a->osds->len, ==, b->osds->len);
  g_assert_cmpuint (a->pools->len, ==, b->pools->len);
  g_assert_cmpuint (a->hosts->len, ==, b->hosts->len);
  g_assert_cmpint (a->osdmap_epoch, ==, b->osdmap_epoch);
  for (guint i = 0; i < a->osds->len; i++)
    {
      KdccOsdData *oa = g_ptr_array_index (a->osds, i);
      KdccOsdData *ob = g_ptr_array_index (b->osds, i);

      g_assert_cmpstr (oa->name, ==, ob->name);
      g_assert_cmpstr (oa->host, ==, ob->host);
      g_assert_cmpuint (oa->used_bytes, ==, ob->used_bytes);
    }
}

/* Every prefix of every real capture (every byte for small files, a
 * stride over large ones plus both ends) must fail cleanly. */
static void
test_truncation (gconstpointer data)
{
  const char *dir = data;
  g_autoptr(KdccSnapshot) reference = filled_snapshot (dir);
  g_autoptr(KdccSnapshot) snap = filled_snapshot (dir);
  guint64 checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      gsize len = 0;
      g_autofree char *json = fixture (dir, parsers[i].fixture, &len);
      gsize end = len;
      gsize stride = len > 4096 ? len / 1024 : 1;

      /* A prefix that only drops trailing white space is still whole. */
      while (end > 0 && g_ascii_isspace (json[end - 1]))
        end--;

      for (gsize cut = 0; cut < end; cut += (cut < 256 || end - cut < 256) ? 1 : stride)
        {
          g_autoptr(GError) error = NULL;

          if (parsers[i].parse (snap, json, cut, &error))
            g_error ("%s accepted %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes",
                     parsers[i].command, cut, end);
          g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
          g_assert_true (g_str_has_prefix (error->message, parsers[i].command));
          checked++;
        }
    }
  assert_same_snapshot (snap, reference);
  g_test_message ("%" G_GUINT64_FORMAT " truncated inputs refused", checked);
  g_assert_cmpuint (checked, >, 4000);
}

/* Walks everything a parser may have produced, so ASan and the assertions
 * see any dangling or garbage value. */
static void
check_snapshot_sane (KdccSnapshot *snap)
{
  g_assert_true (snap->fsid == NULL || g_utf8_validate (snap->fsid, -1, NULL));
  for (guint i = 0; i < snap->checks->len; i++)
    {
      KdccHealthCheckData *check = g_ptr_array_index (snap->checks, i);

      g_assert_nonnull (check->code);
      g_assert_nonnull (check->summary);
      for (guint j = 0; j < check->detail->len; j++)
        g_assert_nonnull (g_ptr_array_index (check->detail, j));
    }
  for (guint i = 0; snap->osds != NULL && i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      g_assert_nonnull (osd->name);
      g_assert_cmpfloat (osd->utilization, >=, 0);
      g_assert_cmpfloat (osd->utilization, <=, 100);
      g_assert_true (osd->host == NULL || g_utf8_validate (osd->host, -1, NULL));
    }
  for (guint i = 0; snap->pools != NULL && i < snap->pools->len; i++)
    {
      KdccPoolData *pool = g_ptr_array_index (snap->pools, i);

      g_assert_cmpfloat (pool->percent_used, >=, 0);
      g_assert_cmpfloat (pool->percent_used, <=, 100);
      for (guint j = 0; j < pool->applications->len; j++)
        g_assert_nonnull (g_ptr_array_index (pool->applications, j));
    }
  for (guint i = 0; snap->hosts != NULL && i < snap->hosts->len; i++)
    g_assert_nonnull (((KdccHostData *) g_ptr_array_index (snap->hosts, i))->name);
  for (guint i = 0; i < snap->versions->len; i++)
    g_assert_nonnull (((KdccVersionData *) g_ptr_array_index (snap->versions, i))->version);
}

/* Fixed-seed random byte flips, insertions and deletions over every
 * capture: each result is either a clean KDCC_ERROR_PARSE or a sane
 * snapshot. */
static void
test_mutation (void)
{
  static const char interesting[] = "{}[]\",:0123456789-.eE \\tfnu";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  guint rounds = g_test_slow () ? 20000 : 2000;
  guint accepted = 0, refused = 0;

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      gsize len = 0;
      g_autofree char *json = fixture (PACIFIC, parsers[i].fixture, &len);
      /* Large captures get fewer rounds: each parse costs more. */
      guint n = len > 16384 ? rounds / 20 : rounds;

      for (guint r = 0; r < n; r++)
        {
          g_autoptr(GString) buf = g_string_new_len (json, len);
          g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
          g_autoptr(GError) error = NULL;
          guint edits = g_rand_int_range (rand, 1, 5);

          for (guint e = 0; e < edits && buf->len > 0; e++)
            {
              gsize pos = g_rand_int_range (rand, 0, buf->len);

              switch (g_rand_int_range (rand, 0, 4))
                {
                case 0:
                  buf->str[pos] = (char) g_rand_int_range (rand, 1, 256);
                  break;
                case 1:
                  buf->str[pos] = interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
                  break;
                case 2:
                  g_string_insert_c (buf, pos,
                                     interesting[g_rand_int_range (rand, 0,
                                                                   sizeof interesting - 1)]);
                  break;
                default:
                  g_string_erase (buf, pos, 1);
                  break;
                }
            }

          if (parsers[i].parse (snap, buf->str, buf->len, &error))
            {
              g_assert_no_error (error);
              check_snapshot_sane (snap);
              accepted++;
            }
          else
            {
              g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
              g_assert_true (g_str_has_prefix (error->message, parsers[i].command));
              refused++;
            }
        }
    }
  g_test_message ("mutations: %u accepted, %u refused", accepted, refused);
  /* Both outcomes must occur, or the mutations are not reaching the
   * parsers' type checks. */
  g_assert_cmpuint (accepted, >, 100);
  g_assert_cmpuint (refused, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ceph-parse/pacific/status", test_pacific_status);
  g_test_add_func ("/ceph-parse/pacific/health-detail", test_pacific_health_detail);
  g_test_add_func ("/ceph-parse/pacific/versions", test_pacific_versions);
  g_test_add_func ("/ceph-parse/pacific/mon-dump", test_pacific_mon_dump);
  g_test_add_func ("/ceph-parse/pacific/mgr", test_pacific_mgr);
  g_test_add_func ("/ceph-parse/pacific/osd-tree", test_pacific_osd_tree);
  g_test_add_func ("/ceph-parse/pacific/osd-df", test_pacific_osd_df);
  g_test_add_func ("/ceph-parse/pacific/pools", test_pacific_pools);
  g_test_add_func ("/ceph-parse/pacific/df", test_pacific_df);
  g_test_add_func ("/ceph-parse/pacific/merge-order", test_pacific_merge_order);
  g_test_add_data_func ("/ceph-parse/release/quincy", "quincy-17.2", test_release);
  g_test_add_func ("/ceph-parse/release/reef-captured", test_reef_captured);
  g_test_add_data_func ("/ceph-parse/release/squid", "squid-19.2", test_release);
  g_test_add_func ("/ceph-parse/nautilus-status", test_nautilus_status);
  g_test_add_func ("/ceph-parse/health-sort", test_health_sort);
  g_test_add_func ("/ceph-parse/tree-states", test_tree_states);
  g_test_add_func ("/ceph-parse/malformed/wrong-types", test_wrong_types);
  g_test_add_func ("/ceph-parse/malformed/empty-and-null", test_empty_and_null);
  g_test_add_func ("/ceph-parse/malformed/numbers-as-strings", test_numbers_as_strings);
  g_test_add_func ("/ceph-parse/malformed/escapes", test_escapes);
  g_test_add_func ("/ceph-parse/malformed/parser-load", test_parser_load_checks);
  g_test_add_data_func ("/ceph-parse/malformed/truncation", PACIFIC, test_truncation);
  g_test_add_data_func ("/ceph-parse/malformed/truncation-reef", REEF, test_truncation);
  g_test_add_func ("/ceph-parse/malformed/mutation", test_mutation);

  return kdcc_test_run ();
}
