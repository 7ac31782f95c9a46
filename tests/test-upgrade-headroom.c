/* test-upgrade-headroom.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15's preflight check "Headroom to lose one failure domain" on
 * models fed by snapshots made here and a CRUSH layout parsed from
 * `osd crush rule dump` / `osd tree` answers in the shape Pacific prints
 * (rack r1 above hosts node1, node2; rack r2 above node3): the numbers
 * in the reason, pass below nearfull, fail at or past it, the warning when
 * too few domains are left for a pool's size, a rule per pool (host and
 * osd domains at once), the host fallback without a layout, and the
 * parser's refusals.
 */
#define G_LOG_DOMAIN "test-upgrade-headroom"

#include "config.h"

#include <locale.h>

#include "kdcc-cluster.h"
#include "kdcc-error.h"
#include "kdcc-snapshot.h"
#include "kdcc-upgrade-headroom.h"

#define GIB (G_GUINT64_CONSTANT (1) << 30)
/* g_format_size() puts a no-break space before the unit. */
#define NB "\u00a0"

static const char rules_json[] =
  "\n[{\"rule_id\":0,\"rule_name\":\"replicated_rule\",\"ruleset\":0,\"type\":1,"
  "\"min_size\":1,\"max_size\":10,\"steps\":[{\"op\":\"take\",\"item\":-1,"
  "\"item_name\":\"default\"},{\"op\":\"chooseleaf_firstn\",\"num\":0,\"type\":\"host\"},"
  "{\"op\":\"emit\"}]},"
  "{\"rule_id\":1,\"rule_name\":\"by_osd\",\"ruleset\":1,\"type\":1,\"min_size\":1,"
  "\"max_size\":10,\"steps\":[{\"op\":\"take\",\"item\":-1,\"item_name\":\"default\"},"
  "{\"op\":\"choose_firstn\",\"num\":0,\"type\":\"osd\"},{\"op\":\"emit\"}]},"
  "{\"rule_id\":2,\"rule_name\":\"by_rack\",\"ruleset\":2,\"type\":1,\"min_size\":1,"
  "\"max_size\":10,\"steps\":[{\"op\":\"take\",\"item\":-1,\"item_name\":\"default\"},"
  "{\"op\":\"chooseleaf_firstn\",\"num\":0,\"type\":\"rack\"},{\"op\":\"emit\"}]}]";

static const char tree_json[] =
  "\n{\"nodes\":["
  "{\"id\":-1,\"name\":\"default\",\"type\":\"root\",\"type_id\":11,\"children\":[-7,-6]},"
  "{\"id\":-6,\"name\":\"r1\",\"type\":\"rack\",\"type_id\":3,\"children\":[-3,-2]},"
  "{\"id\":-7,\"name\":\"r2\",\"type\":\"rack\",\"type_id\":3,\"children\":[-4]},"
  "{\"id\":-2,\"name\":\"node1\",\"type\":\"host\",\"type_id\":1,\"children\":[1,0]},"
  "{\"id\":-3,\"name\":\"node2\",\"type\":\"host\",\"type_id\":1,\"children\":[3,2]},"
  "{\"id\":-4,\"name\":\"node3\",\"type\":\"host\",\"type_id\":1,\"children\":[5,4]},"
  "{\"id\":0,\"device_class\":\"hdd\",\"name\":\"osd.0\",\"type\":\"osd\",\"type_id\":0},"
  "{\"id\":1,\"device_class\":\"hdd\",\"name\":\"osd.1\",\"type\":\"osd\",\"type_id\":0},"
  "{\"id\":2,\"device_class\":\"hdd\",\"name\":\"osd.2\",\"type\":\"osd\",\"type_id\":0},"
  "{\"id\":3,\"device_class\":\"hdd\",\"name\":\"osd.3\",\"type\":\"osd\",\"type_id\":0},"
  "{\"id\":4,\"device_class\":\"hdd\",\"name\":\"osd.4\",\"type\":\"osd\",\"type_id\":0},"
  "{\"id\":5,\"device_class\":\"hdd\",\"name\":\"osd.5\",\"type\":\"osd\",\"type_id\":0}],"
  "\"stray\":[]}";

static KdccCrushLayout *
layout_new (void)
{
  g_autoptr(GError) error = NULL;
  KdccCrushLayout *layout = kdcc_crush_layout_parse (rules_json, -1, tree_json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

/* Six OSDs, two per host: node1 and node2 hold 10 GiB OSDs, node3 20 GiB
 * ones (the largest domain); each OSD has USED_GIB used. One pool per
 * entry of SIZES on rule RULES[i]. */
static KdccCluster *
cluster_new (guint64       used_gib,
             const gint64 *sizes,
             const gint64 *rules,
             guint         n_pools)
{
  KdccCluster *cluster = kdcc_cluster_new ("headroom");
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  static const char *names[] = { "rbd", "scratch", "archive" };

  snap->fsid = g_strdup ("6a6f3c7e-0000-4000-8000-00000000beef");
  snap->health = KDCC_HEALTH_OK;
  snap->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);
  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < 6; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);

      osd->host = g_strdup_printf ("node%" G_GINT64_FORMAT, id / 2 + 1);
      osd->exists = osd->up = osd->in = TRUE;
      osd->crush_weight = osd->reweight = 1.0;
      osd->has_usage = TRUE;
      osd->total_bytes = (id >= 4 ? 20 : 10) * GIB;
      osd->used_bytes = used_gib * GIB;
      osd->avail_bytes = osd->total_bytes - osd->used_bytes;
      osd->utilization = 100.0 * (double) osd->used_bytes / (double) osd->total_bytes;
    }
  for (guint i = 0; i < n_pools; i++)
    {
      KdccPoolData *pool = kdcc_snapshot_ensure_pool (snap, i + 1);

      pool->name = g_strdup (names[i]);
      pool->type = g_strdup ("replicated");
      pool->size = sizes[i];
      pool->min_size = 1;
      pool->crush_rule = rules[i];
    }
  kdcc_cluster_apply_snapshot (cluster, snap);
  return cluster;
}

static void
assert_says (const KdccPreflightCheck *check,
             const char               *part)
{
  if (g_strstr_len (check->reason, -1, part) == NULL)
    g_error ("“%s” does not say “%s”", check->reason, part);
}

static void
test_parse (void)
{
  g_autoptr(KdccCrushLayout) layout = layout_new ();
  g_autoptr(GError) error = NULL;
  KdccCrushLayout *bad;

  g_assert_cmpstr (kdcc_crush_layout_rule_domain (layout, 0), ==, "host");
  g_assert_cmpstr (kdcc_crush_layout_rule_domain (layout, 1), ==, "osd");
  g_assert_cmpstr (kdcc_crush_layout_rule_domain (layout, 2), ==, "rack");
  g_assert_null (kdcc_crush_layout_rule_domain (layout, 7));
  g_assert_cmpstr (kdcc_crush_layout_bucket_of (layout, 0, "host"), ==, "node1");
  g_assert_cmpstr (kdcc_crush_layout_bucket_of (layout, 3, "host"), ==, "node2");
  g_assert_cmpstr (kdcc_crush_layout_bucket_of (layout, 3, "rack"), ==, "r1");
  g_assert_cmpstr (kdcc_crush_layout_bucket_of (layout, 5, "rack"), ==, "r2");
  g_assert_cmpstr (kdcc_crush_layout_bucket_of (layout, 5, "root"), ==, "default");
  g_assert_cmpstr (kdcc_crush_layout_bucket_of (layout, 5, "osd"), ==, "osd.5");
  g_assert_null (kdcc_crush_layout_bucket_of (layout, 5, "datacenter"));
  g_assert_null (kdcc_crush_layout_bucket_of (layout, 9, "host"));

  bad = kdcc_crush_layout_parse ("[", -1, tree_json, -1, &error);
  g_assert_null (bad);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);
  bad = kdcc_crush_layout_parse ("{}", -1, tree_json, -1, &error);
  g_assert_null (bad);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);
  bad = kdcc_crush_layout_parse (rules_json, -1, "{\"stray\":[]}", -1, &error);
  g_assert_null (bad);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
}

/* Raw 80 GiB, node3 40 GiB of it: 40 GiB left. 2 GiB used per OSD is
 * 12 GiB, 30% of what is left. */
static void
test_pass_and_fail (void)
{
  const gint64 sizes[] = { 2 }, rules[] = { 0 };
  g_autoptr(KdccCrushLayout) layout = layout_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (2, sizes, rules, 1);
  KdccPreflightCheck *check;

  check = kdcc_upgrade_check_headroom (cluster, layout, 0.85);
  g_assert_cmpstr (check->id, ==, "headroom");
  g_assert_cmpstr (check->title, ==, "Headroom to lose one failure domain");
  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_PASS);
  g_assert_cmpstr (check->reason, ==,
                   "Without host node3, the largest of 3 host domains (40.0" NB "GiB raw), "
                   "12.0" NB "GiB used on the 40.0" NB "GiB left is 30%: below the nearfull "
                   "ratio 0.85");
  kdcc_preflight_check_free (check);

  /* The same numbers against a ratio of 0.3: at it is not below it. */
  check = kdcc_upgrade_check_headroom (cluster, layout, 0.3);
  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_FAIL);
  assert_says (check, "is 30%: at or past the nearfull ratio 0.3");
  kdcc_preflight_check_free (check);
}

/* Each OSD at 4 GiB (40% of 10 GiB, 20% of 20 GiB) is below a nearfull of
 * 0.6 on its own; the 24 GiB they hold would fill the 40 GiB left to 60%,
 * at 0.6. The preflight says so with the rest of the checks. */
static void
test_preflight_fails (void)
{
  const gint64 sizes[] = { 2 }, rules[] = { 0 };
  g_autoptr(KdccCrushLayout) layout = layout_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (4, sizes, rules, 1);
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccVersionSurvey) survey =
    kdcc_version_survey_new (kdcc_cluster_get_versions (cluster), NULL);
  KdccPreflightInput input = { .require_osd_release = "pacific", .nearfull_ratio = 0.6,
                               .crush = layout };
  g_autoptr(GPtrArray) checks = kdcc_upgrade_preflight_run (cluster, survey, catalog, &input);
  KdccPreflightCheck *check = kdcc_upgrade_preflight_find (checks, "headroom");

  g_assert_nonnull (check);
  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_FAIL);
  assert_says (check, "24.0" NB "GiB used on the 40.0" NB "GiB left is 60%");
  g_assert_false (kdcc_upgrade_preflight_passed (checks));
  /* No single OSD is near full: only the headroom check sees it. */
  g_assert_cmpint (kdcc_upgrade_preflight_find (checks, "full")->result, ==, KDCC_PREFLIGHT_PASS);
}

/* Three hosts for a pool of size 3: without one, two are left and there
 * is nowhere to recover to. A warning naming the pool and noout. */
static void
test_nowhere_to_recover (void)
{
  const gint64 sizes[] = { 3, 2 }, rules[] = { 0, 0 };
  g_autoptr(KdccCrushLayout) layout = layout_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (2, sizes, rules, 2);
  KdccPreflightCheck *check = kdcc_upgrade_check_headroom (cluster, layout, 0.85);

  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_WARN);
  assert_says (check, "Without host node3, 2 host domains are left for pool rbd of size 3");
  assert_says (check, "nowhere to be recovered to");
  assert_says (check, "noout");
  kdcc_preflight_check_free (check);

  /* Two racks: even a pool of size 2 has nowhere to go. */
  {
    const gint64 rack_sizes[] = { 2 }, rack_rules[] = { 2 };
    g_autoptr(KdccCluster) racks = cluster_new (2, rack_sizes, rack_rules, 1);

    check = kdcc_upgrade_check_headroom (racks, layout, 0.85);
    g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_WARN);
    /* r1 (two 10 GiB hosts) and r2 (one 20 GiB host) tie at 40 GiB: the
     * first by name is named. */
    assert_says (check, "Without rack r1, 1 rack domains are left for pool rbd of size 2");
    kdcc_preflight_check_free (check);
  }
}

/* A pool per rule: each domain type is checked; the worst result wins
 * and both reasons are given. */
static void
test_two_rules (void)
{
  const gint64 sizes[] = { 2, 2 }, rules[] = { 0, 1 };
  g_autoptr(KdccCrushLayout) layout = layout_new ();
  g_autoptr(KdccCluster) cluster = cluster_new (3, sizes, rules, 2);
  KdccPreflightCheck *check = kdcc_upgrade_check_headroom (cluster, layout, 0.5);

  /* host: 18 GiB on 40 GiB left, 45%; osd: 18 GiB on the 60 GiB left
   * without a 20 GiB OSD (osd.4, first by name), 30%. */
  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_PASS);
  assert_says (check, "Without host node3, the largest of 3 host domains (40.0" NB "GiB raw), "
                      "18.0" NB "GiB used on the 40.0" NB "GiB left is 45%");
  assert_says (check, "; Without osd osd.4, the largest of 6 osd domains (20.0" NB "GiB raw), "
                      "18.0" NB "GiB used on the 60.0" NB "GiB left is 30%");
  kdcc_preflight_check_free (check);

  check = kdcc_upgrade_check_headroom (cluster, layout, 0.4);
  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_FAIL);
  kdcc_preflight_check_free (check);
}

/* Without the layout (a connection without mon commands): host from the
 * model, said in the reason; no capacity known: a warning. */
static void
test_fallback (void)
{
  const gint64 sizes[] = { 2 }, rules[] = { 0 };
  g_autoptr(KdccCluster) cluster = cluster_new (2, sizes, rules, 1);
  g_autoptr(KdccCluster) empty = kdcc_cluster_new ("empty");
  KdccPreflightCheck *check = kdcc_upgrade_check_headroom (cluster, NULL, 0.85);

  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_PASS);
  assert_says (check, "Without host node3, the largest of 3 host domains");
  assert_says (check, "(CRUSH rules not read: host failure domains assumed)");
  kdcc_preflight_check_free (check);

  check = kdcc_upgrade_check_headroom (empty, NULL, 0.85);
  g_assert_cmpint (check->result, ==, KDCC_PREFLIGHT_WARN);
  assert_says (check, "capacity is unknown");
  kdcc_preflight_check_free (check);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/upgrade-headroom/parse", test_parse);
  g_test_add_func ("/upgrade-headroom/pass-and-fail", test_pass_and_fail);
  g_test_add_func ("/upgrade-headroom/preflight-fails", test_preflight_fails);
  g_test_add_func ("/upgrade-headroom/nowhere-to-recover", test_nowhere_to_recover);
  g_test_add_func ("/upgrade-headroom/two-rules", test_two_rules);
  g_test_add_func ("/upgrade-headroom/fallback", test_fallback);
  return g_test_run ();
}
