/* test-health-links.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Health check -> subject links, on health details captured from real
 * clusters (every health-detail.json under tests/fixtures) and on the detail line
 * shapes Ceph documents for checks the test clusters cannot raise.
 */
#include "config.h"

#include "kdcc-ceph-parse.h"
#include "kdcc-health-links.h"
#include "kdcc-test-util.h"

/* The links of CODE in a captured health detail, as "osd.2 pool/x pgs"
 * (subjects in order, space separated). */
static char *
links_text (KdccHealthLinks *links)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < links->subjects->len; i++)
    {
      g_autofree char *s = kdcc_subject_to_string (g_ptr_array_index (links->subjects, i));

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", s);
    }
  return g_string_free (text, FALSE);
}

static KdccHealthLinks *
links_from_fixture (const char *fixture,
                    const char *code)
{
  g_autofree char *json = NULL;
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) detail = NULL;
  KdccHealthCheckData *check;
  gsize len = 0;

  json = kdcc_test_read_fixture (fixture, &len);
  g_assert_true (kdcc_ceph_parse_health_detail (snap, json, len, &error));
  g_assert_no_error (error);
  check = kdcc_test_find_check (snap, code);
  g_assert_nonnull (check);
  detail = g_new0 (char *, check->detail->len + 1);
  for (guint i = 0; i < check->detail->len; i++)
    detail[i] = g_strdup (g_ptr_array_index (check->detail, i));
  return kdcc_health_links_new (check->code, check->summary, (const char * const *) detail);
}

static void
assert_links (const char *fixture,
              const char *code,
              const char *want)
{
  g_autoptr(KdccHealthLinks) links = links_from_fixture (fixture, code);
  g_autofree char *got = links_text (links);

  g_assert_cmpstr (got, ==, want);
}

static void
test_captured (void)
{
  const char *stale = "diagnostics/stale-16.2.15/health-detail.json";
  const char *degraded = "diagnostics/degraded-16.2.15/health-detail.json";
  g_autoptr(KdccHealthLinks) pgs = NULL;
  g_autoptr(KdccHealthLinks) module = NULL;
  g_autoptr(KdccHealthLinks) flags = NULL;
  g_autoptr(KdccSubject) primary = NULL;
  g_autofree char *primary_text = NULL;

  assert_links (stale, "OSD_DOWN", "osd.2");
  assert_links (degraded, "OSD_NEARFULL", "osd.0 osd.1");
  assert_links (degraded, "POOL_FULL", "pool/kdcc-test");
  assert_links (degraded, "POOL_NEARFULL", "pool/device_health_metrics");
  assert_links (stale, "POOL_NO_REDUNDANCY", "pool/kdcc-single pool/kdcc-pinned");
  assert_links (degraded, "RECENT_CRASH", "osd.1");
  assert_links (stale, "MON_DISK_LOW", "mons");
  assert_links ("pacific-16.2.15/health-detail.json", "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED",
                "mons");
  assert_links (degraded, "PG_DEGRADED", "pgs");
  assert_links (stale, "PG_AVAILABILITY", "pgs");

  /* The PG page is filtered to the PGs the check names. */
  pgs = links_from_fixture (degraded, "PG_DEGRADED");
  g_assert_cmpuint (pgs->pgids->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (pgs->pgids, 0), ==, "1.8");
  g_assert_cmpstr (g_ptr_array_index (pgs->pgids, 1), ==, "1.10");

  /* Managers, and the module that failed. */
  module = links_from_fixture ("pacific-16.2.15-cephfs/health-detail.json",
                               "MGR_MODULE_DEPENDENCY");
  g_assert_cmpuint (module->subjects->len, ==, 1);
  g_assert_cmpint (kdcc_subject_get_kind (g_ptr_array_index (module->subjects, 0)), ==,
                   KDCC_SUBJECT_MGRS);
  g_assert_cmpstr (module->mgr_module, ==, "restful");

  /* Flags name no subject: the link is the check itself. */
  flags = links_from_fixture (stale, "OSDMAP_FLAGS");
  g_assert_cmpuint (flags->subjects->len, ==, 0);
  primary = kdcc_health_links_dup_primary (flags, "OSDMAP_FLAGS");
  primary_text = kdcc_subject_to_string (primary);
  g_assert_cmpstr (primary_text, ==, "health/OSDMAP_FLAGS");
  assert_links (stale, "OSD_OUT_OF_ORDER_FULL", "");
}

typedef struct
{
  const char *code;
  const char *summary;
  const char *detail[4];
  const char *want;
} Case;

/* Detail lines as Ceph writes them (the mon, mgr and mgr modules of Ceph's source). */
static const Case documented[] = {
  { "OSD_HOST_DOWN", "1 host (3 osds) down",
    { "host node1 (root=default) (3 osds) is down", NULL }, "host/node1" },
  { "SLOW_OPS", "3 slow ops, oldest one blocked for 31 sec, daemons [osd.0,osd.12,mon.a] have slow ops.",
    { NULL }, "osd.0 osd.12 mons" },
  { "OSD_FULL", "1 full osd(s)", { "osd.7 is full", NULL }, "osd.7" },
  { "OSD_BACKFILLFULL", "1 backfillfull osd(s)", { "osd.3 is backfill full", NULL }, "osd.3" },
  { "BLUESTORE_SPURIOUS_READ_ERRORS", "1 OSD(s) have spurious read errors",
    { "osd.4  reads with retries: 2", NULL }, "osd.4" },
  { "MON_DOWN", "1/3 mons down, quorum a,c",
    { "mon.b (rank 1) addr [v2:10.0.0.2:3300/0,v1:10.0.0.2:6789/0] is down (out of quorum)", NULL },
    "mons" },
  { "MON_CLOCK_SKEW", "clock skew detected on mon.b", { "mon.b clock skew 0.5s > max 0.05s", NULL },
    "mons" },
  { "MGR_DOWN", "no active mgr", { NULL }, "mgrs" },
  { "MGR_MODULE_ERROR", "Module 'dashboard' has failed: Timeout",
    { "Module 'dashboard' has failed: Timeout", NULL }, "mgrs" },
  { "POOL_APP_NOT_ENABLED", "1 pool(s) do not have an application enabled",
    { "application not enabled on pool 'rbd'",
      "use 'ceph osd pool application enable <pool-name> <app-name>', where <app-name> is 'cephfs', 'rbd', 'rgw', or freeform for custom applications.",
      NULL },
    "pool/rbd" },
  { "POOL_TOO_FEW_PGS", "1 pools have too few placement groups",
    { "Pool data has 8 placement groups, should have 32", NULL }, "pool/data" },
  { "POOL_TARGET_SIZE_BYTES_OVERCOMMITTED", "1 subtrees have overcommitted pool target_size_bytes",
    { "Pools ['a', 'b.c'] overcommit available storage by 1.2x due to target_size_bytes 0 on pools []",
      NULL },
    "pool/a pool/b.c" },
  { "SMALLER_PGP_NUM", "1 pools have pg_num > pgp_num",
    { "pool rbd pg_num 64 > pgp_num 32", NULL }, "pool/rbd" },
  { "LARGE_OMAP_OBJECTS", "1 large omap objects",
    { "1 large objects found in pool 'default.rgw.meta'", NULL }, "pool/default.rgw.meta" },
  { "PG_DAMAGED", "Possible data damage: 1 pg inconsistent",
    { "pg 2.5 is active+clean+inconsistent, acting [0,1,2]", NULL }, "pgs" },
  { "OSD_SCRUB_ERRORS", "2 scrub errors", { NULL }, "pgs" },
  { "PG_NOT_DEEP_SCRUBBED", "1 pgs not deep-scrubbed in time",
    { "pg 3.1f not deep-scrubbed since 2026-10-01T00:00:00.000000+0000", NULL }, "pgs" },
  { "RECENT_CRASH", "2 daemons have recently crashed",
    { "mgr.x crashed on host vm at 2026-11-28T10:01:02Z", "osd.3 crashed on host vm at x", NULL },
    "mgrs osd.3" },
  { "OSDMAP_FLAGS", "noout flag(s) set", { NULL }, "" },
  { "SOMETHING_NEW", "osd.3 pool 'x' is odd", { "osd.3", NULL }, "" },
};

static void
test_documented (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    {
      const Case *c = &documented[i];
      g_autoptr(KdccHealthLinks) links = kdcc_health_links_new (c->code, c->summary, c->detail);
      g_autofree char *got = links_text (links);

      g_test_message ("%s", c->code);
      g_assert_cmpstr (got, ==, c->want);
    }
}

static void
test_pgids_and_module (void)
{
  static const char * const detail[] = {
    "pg 2.5 is active+clean+inconsistent, acting [0,1,2]",
    "pg 2.5 is active+clean+inconsistent, acting [0,1,2]",
    "pg 10.1ff is stale, acting [4]",
    "this pg 2.x is not a PG id",
    NULL,
  };
  g_autoptr(KdccHealthLinks) links = kdcc_health_links_new ("PG_DAMAGED", NULL, detail);
  g_autoptr(KdccHealthLinks) module = NULL;
  static const char * const module_detail[] = { "Module 'prometheus' has failed: Address in use", NULL };

  g_assert_cmpuint (links->pgids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (links->pgids, 0), ==, "2.5");
  g_assert_cmpstr (g_ptr_array_index (links->pgids, 1), ==, "10.1ff");
  g_assert_null (links->mgr_module);

  module = kdcc_health_links_new ("MGR_MODULE_ERROR", NULL, module_detail);
  g_assert_cmpstr (module->mgr_module, ==, "prometheus");

  /* No code, no links; never NULL. */
  g_clear_pointer (&links, kdcc_health_links_free);
  links = kdcc_health_links_new (NULL, NULL, NULL);
  g_assert_cmpuint (links->subjects->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health-links/captured", test_captured);
  g_test_add_func ("/health-links/documented", test_documented);
  g_test_add_func ("/health-links/pgids-and-module", test_pgids_and_module);

  return kdcc_test_run ();
}
