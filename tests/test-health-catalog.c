/* test-health-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The health check catalog (data/health-checks.json in the core library's
 * GResource): complete for every code in Ceph's sources
 * (tests/fixtures/health-check-codes.txt), lookups, documentation links,
 * and the one impact order, checked on captured `health detail` output.
 */
#include "config.h"

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-health-catalog.h"
#include "kdcc-health-check.h"
#include "kdcc-test-util.h"

static void
test_complete (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  g_autofree char *text = kdcc_test_read_fixture ("health-check-codes.txt", NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_codes = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *code = g_strstrip (lines[i]);

      if (*code == '\0' || *code == '#')
        continue;
      n_codes++;
      if (kdcc_health_catalog_lookup (catalog, code) == NULL)
        g_string_append_printf (missing, " %s", code);
    }

  if (missing->len > 0)
    g_error ("No catalog entry for:%s", missing->str);
  /* The list is Ceph's, Pacific to Tentacle: well over a hundred codes. A
   * shorter list means the file was not read as intended. */
  g_assert_cmpuint (n_codes, >=, 170);
  g_assert_cmpuint (kdcc_health_catalog_get_n_entries (catalog), >=, n_codes - 4);
}

static void
test_entries_well_formed (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  guint n = kdcc_health_catalog_get_n_entries (catalog);
  guint per_impact[KDCC_IMPACT_LAST + 1] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      const KdccHealthEntry *entry = kdcc_health_catalog_get_entry (catalog, i);
      const char *code = kdcc_health_entry_get_code (entry);
      const char *explanation = kdcc_health_entry_get_explanation (entry);
      const char *action = kdcc_health_entry_get_action (entry);
      const char *anchor = kdcc_health_entry_get_anchor (entry);

      g_test_message ("entry %s", code);
      g_assert_true (kdcc_health_catalog_lookup (catalog, code) == entry);
      /* One line each, a sentence with a full stop, not a placeholder. */
      g_assert_cmpuint (strlen (explanation), >, 20);
      g_assert_null (strchr (explanation, '\n'));
      g_assert_true (g_str_has_suffix (explanation, "."));
      g_assert_cmpuint (strlen (action), >, 10);
      g_assert_null (strchr (action, '\n'));
      g_assert_true (g_str_has_suffix (action, "."));
      g_assert_cmpstr (explanation, !=, action);
      g_assert_cmpint (kdcc_health_entry_get_impact (entry), !=, KDCC_IMPACT_NONE);
      per_impact[kdcc_health_entry_get_impact (entry)]++;

      /* Anchors are Sphinx ids: lower case letters, digits and dashes. */
      for (const char *p = anchor; p != NULL && *p != '\0'; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
    }

  for (KdccImpact impact = KDCC_IMPACT_HYGIENE; impact <= KDCC_IMPACT_LAST; impact++)
    g_assert_cmpuint (per_impact[impact], >, 0);
}

static void
test_lookup (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  const KdccHealthEntry *entry;

  entry = kdcc_health_catalog_lookup (catalog, "PG_AVAILABILITY");
  g_assert_nonnull (entry);
  g_assert_cmpstr (kdcc_health_entry_get_code (entry), ==, "PG_AVAILABILITY");
  g_assert_cmpint (kdcc_health_entry_get_impact (entry), ==, KDCC_IMPACT_DATA_UNAVAILABLE);
  g_assert_cmpstr (kdcc_health_entry_get_anchor (entry), ==, "pg-availability");

  /* The CephFS page titles this check by the MDS's enum name. */
  entry = kdcc_health_catalog_lookup (catalog, "MDS_HEALTH_READ_ONLY");
  g_assert_nonnull (entry);
  g_assert_true (entry == kdcc_health_catalog_lookup (catalog, "MDS_READ_ONLY"));

  /* Ceph names OSD_<type>_DOWN after any CRUSH bucket type. */
  entry = kdcc_health_catalog_lookup (catalog, "OSD_DATACENTER_DOWN");
  g_assert_nonnull (entry);
  g_assert_cmpstr (kdcc_health_entry_get_anchor (entry), ==, "osd-crush-type-down");
  g_assert_true (kdcc_health_catalog_lookup (catalog, "OSD_HOST_DOWN") != entry);

  g_assert_null (kdcc_health_catalog_lookup (catalog, "NOT_A_CEPH_CHECK"));
  g_assert_null (kdcc_health_catalog_lookup (catalog, "osd_down"));
  g_assert_null (kdcc_health_catalog_lookup (catalog, "OSD__DOWN"));
  g_assert_null (kdcc_health_catalog_lookup (catalog, "OSD_rack_DOWN"));
  g_assert_null (kdcc_health_catalog_lookup (catalog, ""));
  g_assert_null (kdcc_health_catalog_lookup (catalog, NULL));
}

static void
test_links (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  const struct {
    const char *code;
    const char *release;
    const char *url;
  } cases[] = {
    { "OSD_DOWN", "reef",
      "https://docs.ceph.com/en/reef/rados/operations/health-checks/#osd-down" },
    { "PG_AVAILABILITY", "16.2.15",
      "https://docs.ceph.com/en/pacific/rados/operations/health-checks/#pg-availability" },
    { "PG_NOT_DEEP_SCRUBBED", "17.2.6",
      "https://docs.ceph.com/en/quincy/rados/operations/health-checks/#pg-not-deep-scrubbed" },
    { "SLOW_OPS", "19.2.1",
      "https://docs.ceph.com/en/squid/rados/operations/health-checks/#slow-ops" },
    { "MON_NETSPLIT", "Tentacle",
      "https://docs.ceph.com/en/tentacle/rados/operations/health-checks/#mon-netsplit" },
    { "OSD_DOWN", NULL,
      "https://docs.ceph.com/en/latest/rados/operations/health-checks/#osd-down" },
    { "OSD_DOWN", "21.0.0",
      "https://docs.ceph.com/en/latest/rados/operations/health-checks/#osd-down" },
    { "OSD_DOWN", "octopus",
      "https://docs.ceph.com/en/latest/rados/operations/health-checks/#osd-down" },
    { "MDS_SLOW_REQUEST", "squid",
      "https://docs.ceph.com/en/squid/cephfs/health-messages/#mds-slow-request" },
    { "MDS_CLIENT_LATE_RELEASE", "reef",
      "https://docs.ceph.com/en/reef/cephfs/health-messages/"
      "#mds-health-client-late-release-mds-health-client-late-release-many" },
    { "CEPHADM_STRAY_HOST", "reef",
      "https://docs.ceph.com/en/reef/cephadm/operations/#cephadm-stray-host" },
    /* Raised by Ceph but documented nowhere: the page, no anchor. */
    { "POOL_BACKFILLFULL", "reef",
      "https://docs.ceph.com/en/reef/rados/operations/health-checks/" },
    /* Not in the catalog: the health-checks page all the same. */
    { "NOT_A_CEPH_CHECK", "squid",
      "https://docs.ceph.com/en/squid/rados/operations/health-checks/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = kdcc_health_catalog_dup_docs_url (catalog, cases[i].code,
                                                               cases[i].release);

      g_assert_cmpstr (url, ==, cases[i].url);
    }

  g_assert_cmpstr (kdcc_health_docs_release ("18"), ==, "reef");
  g_assert_cmpstr (kdcc_health_docs_release ("15.2.17"), ==, "latest");
  g_assert_cmpstr (kdcc_health_docs_release ("reefy"), ==, "latest");
  g_assert_cmpstr (kdcc_health_docs_release ("18x"), ==, "latest");
  g_assert_cmpstr (kdcc_health_docs_release (""), ==, "latest");
}

static void
test_impact (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  const struct {
    const char       *code;
    KdccHealthStatus  severity;
    const char       *summary;
    KdccImpact        impact;
  } cases[] = {
    { "PG_AVAILABILITY", KDCC_HEALTH_WARN, "Reduced data availability: 6 pgs inactive",
      KDCC_IMPACT_DATA_UNAVAILABLE },
    { "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", KDCC_HEALTH_WARN,
      "mon is allowing insecure global_id reclaim", KDCC_IMPACT_HYGIENE },
    { "OSD_FULL", KDCC_HEALTH_ERR, "1 full osd(s)", KDCC_IMPACT_DATA_UNAVAILABLE },
    { "POOL_FULL", KDCC_HEALTH_WARN, "1 pool(s) full", KDCC_IMPACT_DATA_UNAVAILABLE },
    { "OSD_DOWN", KDCC_HEALTH_WARN, "1 osds down", KDCC_IMPACT_DATA_AT_RISK },
    { "PG_DEGRADED", KDCC_HEALTH_WARN, NULL, KDCC_IMPACT_DATA_AT_RISK },
    { "SLOW_OPS", KDCC_HEALTH_WARN, NULL, KDCC_IMPACT_PERFORMANCE },
    { "PG_NOT_DEEP_SCRUBBED", KDCC_HEALTH_WARN, "81 pgs not deep-scrubbed in time",
      KDCC_IMPACT_HYGIENE },
    { "MGR_MODULE_ERROR", KDCC_HEALTH_ERR, NULL, KDCC_IMPACT_HYGIENE },
    /* OSDMAP_FLAGS by the flags its summary lists. */
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, "noout,nodeep-scrub flag(s) set", KDCC_IMPACT_HYGIENE },
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, "noout,pausewr flag(s) set",
      KDCC_IMPACT_DATA_UNAVAILABLE },
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, "pauserd flag(s) set", KDCC_IMPACT_DATA_UNAVAILABLE },
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, "full flag(s) set", KDCC_IMPACT_DATA_UNAVAILABLE },
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, "noscrub,norecover flag(s) set",
      KDCC_IMPACT_DATA_AT_RISK },
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, "nobackfill flag(s) set", KDCC_IMPACT_PERFORMANCE },
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, "nofull flag(s) set", KDCC_IMPACT_HYGIENE },
    { "OSDMAP_FLAGS", KDCC_HEALTH_WARN, NULL, KDCC_IMPACT_HYGIENE },
    /* Codes KDCC does not know: by Ceph's severity. */
    { "SOMETHING_NEW", KDCC_HEALTH_ERR, NULL, KDCC_IMPACT_DATA_AT_RISK },
    { "SOMETHING_NEW", KDCC_HEALTH_WARN, NULL, KDCC_IMPACT_HYGIENE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s \"%s\"", cases[i].code, cases[i].summary);
      g_assert_cmpint (kdcc_health_catalog_get_impact (catalog, cases[i].code,
                                                       cases[i].severity, cases[i].summary),
                       ==, cases[i].impact);
    }
}

/* Sorts the checks of a captured `health detail` the three ways the views
 * do (codes with severity and summary, a GListStore of KdccHealthCheck, an
 * array of KdccHealthCheckData) and asserts the one exact order. */
static void
assert_order (const char         *fixture,
              const char * const *expected)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  g_autoptr(KdccSnapshot) snap = kdcc_snapshot_new ();
  g_autoptr(GListStore) store = g_list_store_new (KDCC_TYPE_HEALTH_CHECK);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length;

  json = kdcc_test_read_fixture (fixture, &length);
  kdcc_ceph_parse_health_detail (snap, json, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snap->checks->len, ==, g_strv_length ((char **) expected));

  for (guint i = 0; i < snap->checks->len; i++)
    {
      const KdccHealthCheckData *data = g_ptr_array_index (snap->checks, i);
      g_autoptr(KdccHealthCheck) check = kdcc_health_check_new (data->code);

      kdcc_health_check_update (check, data);
      g_list_store_append (store, check);
    }
  g_list_store_sort (store, kdcc_health_check_compare_by_impact, catalog);

  /* Borrowed pointers: g_ptr_array_copy() would take the free function. */
  sorted = g_ptr_array_new ();
  for (guint i = 0; i < snap->checks->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (snap->checks, i));
  g_ptr_array_sort_with_data (sorted, kdcc_health_check_data_compare_by_impact, NULL);

  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (G_LIST_MODEL (store), i);
      const KdccHealthCheckData *data = g_ptr_array_index (sorted, i);

      g_assert_cmpstr (kdcc_health_check_get_code (check), ==, expected[i]);
      g_assert_cmpstr (data->code, ==, expected[i]);
    }
}

static void
test_order_captured (void)
{
  /* The new admin's cluster of issue 13: PG_AVAILABILITY (6 PGs inactive
   * or stale, HEALTH_WARN) first, the ERR that is only a setting
   * (OSD_OUT_OF_ORDER_FULL) first among the hygiene checks but after
   * every data check. */
  const char * const stale[] = {
    "PG_AVAILABILITY",
    "OSD_DOWN", "PG_DEGRADED", "POOL_NO_REDUNDANCY",
    "OSD_OUT_OF_ORDER_FULL",
    "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", "MGR_MODULE_DEPENDENCY", "MON_DISK_LOW",
    "OSDMAP_FLAGS",
    NULL
  };
  const char * const degraded[] = {
    "POOL_FULL",
    "OSD_NEARFULL", "PG_DEGRADED", "POOL_NEARFULL",
    "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", "MGR_MODULE_DEPENDENCY", "OSDMAP_FLAGS",
    "RECENT_CRASH",
    NULL
  };
  /* Same impact: Ceph's severity decides (a muted check is not special). */
  const char * const muted[] = { "PG_DAMAGED", "OSD_DOWN", NULL };
  const char * const fresh[] = {
    "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", "MGR_MODULE_DEPENDENCY", NULL
  };
  /* The live Reef capture also caught MON_DISK_LOW (this machine's /tmp):
   * all hygiene and warnings, so by code. */
  const char * const reef[] = {
    "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", "MGR_MODULE_DEPENDENCY", "MON_DISK_LOW", NULL
  };

  assert_order ("diagnostics/stale-16.2.15/health-detail.json", stale);
  assert_order ("diagnostics/degraded-16.2.15/health-detail.json", degraded);
  assert_order ("diagnostics/shapes/health-detail-muted.json", muted);
  assert_order ("pacific-16.2.15/health-detail.json", fresh);
  assert_order ("quincy-17.2/health-detail.json", fresh);
  assert_order ("reef-18.2/health-detail.json", reef);
  assert_order ("squid-19.2/health-detail.json", fresh);
}

static void
test_compare (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();

  /* Impact before severity, severity before code, equal only to itself. */
  g_assert_cmpint (kdcc_health_catalog_compare (catalog,
                                                "PG_AVAILABILITY", KDCC_HEALTH_WARN, NULL,
                                                "MGR_MODULE_ERROR", KDCC_HEALTH_ERR, NULL),
                   <, 0);
  g_assert_cmpint (kdcc_health_catalog_compare (catalog,
                                                "OSD_DOWN", KDCC_HEALTH_WARN, NULL,
                                                "PG_DAMAGED", KDCC_HEALTH_ERR, NULL),
                   >, 0);
  g_assert_cmpint (kdcc_health_catalog_compare (catalog,
                                                "OSD_DOWN", KDCC_HEALTH_WARN, NULL,
                                                "PG_DEGRADED", KDCC_HEALTH_WARN, NULL),
                   <, 0);
  g_assert_cmpint (kdcc_health_catalog_compare (catalog,
                                                "OSD_DOWN", KDCC_HEALTH_WARN, NULL,
                                                "OSD_DOWN", KDCC_HEALTH_WARN, NULL),
                   ==, 0);
  g_assert_cmpint (kdcc_health_catalog_compare (catalog,
                                                "OSDMAP_FLAGS", KDCC_HEALTH_WARN,
                                                "pausewr flag(s) set",
                                                "OSD_DOWN", KDCC_HEALTH_WARN, NULL),
                   <, 0);
}

static void
test_bad_catalogs (void)
{
  const char *bad[] = {
    "",
    "[]",
    "{\"pages\": {}}",
    "{\"pages\": {\"rados\": \"x/\"}, \"checks\": [{\"code\": \"A_B\", \"impact\": \"bad\", "
      "\"page\": \"rados\", \"explanation\": \"e.\", \"action\": \"a.\"}]}",
    "{\"pages\": {\"rados\": \"x/\"}, \"checks\": [{\"code\": \"A_B\", \"impact\": \"none\", "
      "\"page\": \"rados\", \"explanation\": \"e.\", \"action\": \"a.\"}]}",
    "{\"pages\": {\"rados\": \"x/\"}, \"checks\": [{\"code\": \"A_B\", \"impact\": \"hygiene\", "
      "\"page\": \"nowhere\", \"explanation\": \"e.\", \"action\": \"a.\"}]}",
    "{\"pages\": {\"rados\": \"x/\"}, \"checks\": [{\"code\": \"A_B\", \"impact\": \"hygiene\", "
      "\"page\": \"rados\", \"explanation\": \"e.\"}]}",
    "{\"pages\": {\"rados\": \"x/\"}, \"checks\": [{\"code\": \"A_B\", \"impact\": \"hygiene\", "
      "\"page\": \"rados\", \"explanation\": \"e.\", \"action\": \"a.\", \"aliases\": [\"A_B\"]}]}",
  };
  const char *good = "{\"pages\": {\"rados\": \"x/\"}, \"checks\": [{\"code\": \"A_B\", "
                     "\"impact\": \"hygiene\", \"page\": \"rados\", \"anchor\": \"A-b\", "
                     "\"explanation\": \"e.\", \"action\": \"a.\", \"aliases\": [\"C_D\"]}]}";
  g_autoptr(KdccHealthCatalog) catalog = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(KdccHealthCatalog) bad_catalog = NULL;

      g_test_message ("bad catalog %u", i);
      bad_catalog = kdcc_health_catalog_new_from_bytes (bad_bytes, &bad_error);
      g_assert_null (bad_catalog);
      g_assert_error (bad_error, KDCC_ERROR, KDCC_ERROR_PARSE);
    }

  bytes = g_bytes_new_static (good, strlen (good));
  catalog = kdcc_health_catalog_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kdcc_health_catalog_get_n_entries (catalog), ==, 1);
  g_assert_nonnull (kdcc_health_catalog_lookup (catalog, "C_D"));
  url = kdcc_health_catalog_dup_docs_url (catalog, "C_D", "reef");
  g_assert_cmpstr (url, ==, "https://docs.ceph.com/en/reef/x/#a-b");
  g_assert_finalize_object (g_steal_pointer (&catalog));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health-catalog/complete", test_complete);
  g_test_add_func ("/health-catalog/entries-well-formed", test_entries_well_formed);
  g_test_add_func ("/health-catalog/lookup", test_lookup);
  g_test_add_func ("/health-catalog/links", test_links);
  g_test_add_func ("/health-catalog/impact", test_impact);
  g_test_add_func ("/health-catalog/compare", test_compare);
  g_test_add_func ("/health-catalog/order-captured", test_order_captured);
  g_test_add_func ("/health-catalog/bad-catalogs", test_bad_catalogs);

  return kdcc_test_run ();
}
