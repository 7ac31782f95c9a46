/* test-diagnostics-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unit tests of the bundle analysis on fixtures:
 * - tests/fixtures/pacific-16.2.15/: real captures of a healthy test cluster;
 * - tests/fixtures/diagnostics/degraded-16.2.15/: real captures of a test
 *   cluster put into a degraded state with real commands;
 * - tests/fixtures/diagnostics/shapes/: hand-written documents in the real
 *   shape for states a one-mon cluster cannot reach.
 * tests/fixtures/diagnostics/README.md says how each was made.
 */
#define G_LOG_DOMAIN "test-diagnostics-summary"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "kdcc-diagnostics-summary.h"
#include "kdcc-test-util.h"

static GHashTable *
documents_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
}

/* Loads fixture relpath as bundle file bundle_name. */
static void
add_fixture (GHashTable *documents,
             const char *bundle_name,
             const char *relpath)
{
  gsize len;
  char *text = kdcc_test_read_fixture (relpath, &len);

  g_hash_table_insert (documents, g_strdup (bundle_name), g_bytes_new_take (text, len));
}

static void
add_text (GHashTable *documents,
          const char *bundle_name,
          const char *text)
{
  g_hash_table_insert (documents, g_strdup (bundle_name), g_bytes_new (text, strlen (text)));
}

static const KdccDiagnosticsFinding *
find (GPtrArray  *findings,
      const char *topic,
      const char *code)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const KdccDiagnosticsFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->topic, topic) && (code == NULL || g_strcmp0 (f->code, code) == 0))
        return f;
    }
  return NULL;
}

static gboolean
has_detail (const KdccDiagnosticsFinding *finding,
            const char                   *needle)
{
  for (guint i = 0; i < finding->details->len; i++)
    if (strstr (g_ptr_array_index (finding->details, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* The overall status first, then by impact on the data (highest first),
 * then by Ceph's severity: the order the dashboard's alerts use. */
static void
assert_ranked (GPtrArray *findings)
{
  for (guint i = 1; i < findings->len; i++)
    {
      const KdccDiagnosticsFinding *a = g_ptr_array_index (findings, i - 1);
      const KdccDiagnosticsFinding *b = g_ptr_array_index (findings, i);

      g_assert_cmpstr (b->topic, !=, "health-status");
      if (g_str_equal (a->topic, "health-status"))
        continue;
      g_assert_cmpint (a->impact, >=, b->impact);
      if (a->impact == b->impact)
        g_assert_cmpint (a->severity, <=, b->severity);
    }
}

/* Every check of the health detail document has a finding naming it. */
static void
assert_health_checks_found (GPtrArray  *findings,
                            const char *relpath,
                            const char *file)
{
  g_autofree char *text = kdcc_test_read_fixture (relpath, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) codes = NULL;
  JsonObject *checks;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  checks = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "checks");
  codes = json_object_get_members (checks);
  g_assert_nonnull (codes);
  for (GList *l = codes; l != NULL; l = l->next)
    {
      const KdccDiagnosticsFinding *f = find (findings, "health", l->data);
      JsonObject *check = json_object_get_object_member (checks, l->data);
      const char *severity = json_object_get_string_member (check, "severity");

      if (f == NULL)
        g_error ("no finding for health check %s", (const char *) l->data);
      g_assert_cmpstr (f->file, ==, file);
      g_assert_nonnull (strstr (f->message, l->data));
      if (g_str_equal (severity, "HEALTH_WARN"))
        g_assert_cmpint (f->severity, ==, KDCC_FINDING_WARNING);
    }
}

static void
test_healthy (void)
{
  g_autoptr(GHashTable) documents = documents_new ();
  g_autoptr(GPtrArray) findings = NULL;
  const KdccDiagnosticsFinding *f;

  add_fixture (documents, KDCC_DIAG_FILE_STATUS, "pacific-16.2.15/status.json");
  add_fixture (documents, KDCC_DIAG_FILE_HEALTH_DETAIL, "pacific-16.2.15/health-detail.json");
  add_fixture (documents, KDCC_DIAG_FILE_VERSIONS, "pacific-16.2.15/versions.json");
  add_fixture (documents, KDCC_DIAG_FILE_DF_DETAIL, "pacific-16.2.15/df-detail.json");
  add_fixture (documents, KDCC_DIAG_FILE_OSD_TREE, "pacific-16.2.15/osd-tree.json");
  /* Plain `osd df` has the same OSD nodes as `osd df tree`. */
  add_fixture (documents, KDCC_DIAG_FILE_OSD_DF_TREE, "pacific-16.2.15/osd-df.json");
  add_fixture (documents, KDCC_DIAG_FILE_OSD_DUMP, "pacific-16.2.15/osd-dump.json");
  add_fixture (documents, KDCC_DIAG_FILE_QUORUM_STATUS, "pacific-16.2.15/quorum-status.json");
  add_fixture (documents, KDCC_DIAG_FILE_MGR_DUMP, "pacific-16.2.15/mgr-dump.json");

  findings = kdcc_diagnostics_analyse (documents);
  assert_ranked (findings);
  assert_health_checks_found (findings, "pacific-16.2.15/health-detail.json",
                              KDCC_DIAG_FILE_HEALTH_DETAIL);

  /* A healthy cluster: nothing down, full, stuck or skewed. */
  for (guint i = 0; i < findings->len; i++)
    {
      const KdccDiagnosticsFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpint (finding->severity, !=, KDCC_FINDING_ERROR);
      g_assert_cmpstr (finding->topic, !=, "unreadable");
    }
  g_assert_null (find (findings, "osd-down", NULL));
  g_assert_null (find (findings, "osd-out", NULL));
  g_assert_null (find (findings, "osd-nearfull", NULL));
  g_assert_null (find (findings, "osdmap-flags", NULL));
  g_assert_null (find (findings, "mixed-versions", NULL));
  g_assert_null (find (findings, "mgr-unavailable", NULL));
  g_assert_null (find (findings, "mon-out-of-quorum", NULL));
  f = find (findings, "version", NULL);
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->message, "16.2.15"));
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_VERSIONS);
  f = find (findings, "health-status", NULL);
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->message, "HEALTH_WARN"));
}

static GHashTable *
degraded_documents (void)
{
  GHashTable *documents = documents_new ();
  const char *names[][2] = {
    { KDCC_DIAG_FILE_STATUS, "status.json" },
    { KDCC_DIAG_FILE_HEALTH_DETAIL, "health-detail.json" },
    { KDCC_DIAG_FILE_VERSIONS, "versions.json" },
    { KDCC_DIAG_FILE_DF_DETAIL, "df-detail.json" },
    { KDCC_DIAG_FILE_OSD_TREE, "osd-tree.json" },
    { KDCC_DIAG_FILE_OSD_DF_TREE, "osd-df-tree.json" },
    { KDCC_DIAG_FILE_OSD_DUMP, "osd-dump.json" },
    { KDCC_DIAG_FILE_QUORUM_STATUS, "quorum-status.json" },
    { KDCC_DIAG_FILE_MGR_DUMP, "mgr-dump.json" },
    { KDCC_DIAG_FILE_PG_DUMP_STUCK, "pg-dump-stuck.json" },
    { KDCC_DIAG_FILE_PG_DUMP_BRIEF, "pg-dump-pgs-brief.json" },
    { KDCC_DIAG_FILE_CRASH_LS, "crash-ls.json" },
    { KDCC_DIAG_FILE_TIME_SYNC, "time-sync-status.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *relpath = g_strconcat ("diagnostics/degraded-16.2.15/", names[i][1], NULL);

      add_fixture (documents, names[i][0], relpath);
    }
  return documents;
}

/* Real captures of a cluster with stale, unknown and degraded PGs
 * (tests/fixtures/diagnostics/README.md): the counts the issue found wrong,
 * and the impact order of mixed checks. */
static void
test_stale (void)
{
  g_autoptr(GHashTable) documents = documents_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) health = g_ptr_array_new ();
  const KdccDiagnosticsFinding *f;
  const char *expected[] = {
    "PG_AVAILABILITY", "OSD_DOWN", "PG_DEGRADED", "POOL_NO_REDUNDANCY", "OSD_OUT_OF_ORDER_FULL",
  };

  add_fixture (documents, KDCC_DIAG_FILE_STATUS, "diagnostics/stale-16.2.15/status.json");
  add_fixture (documents, KDCC_DIAG_FILE_HEALTH_DETAIL,
               "diagnostics/stale-16.2.15/health-detail.json");
  add_fixture (documents, KDCC_DIAG_FILE_PG_DUMP_BRIEF,
               "diagnostics/stale-16.2.15/pg-dump-pgs-brief.json");
  findings = kdcc_diagnostics_analyse (documents);
  assert_ranked (findings);

  /* 45 PGs: 6 active+clean, 2 stale+active+clean, 4 unknown, 33
   * undersized (4 of them degraded): the stale ones are neither clean nor
   * active, so 39 are not active+clean and 6 not active (an analysis
   * that only looked for the words would say 37 and 4). */
  f = find (findings, "pg-unclean", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->message, ==, "39 PGs are not active+clean");
  g_assert_cmpint (f->impact, ==, KDCC_IMPACT_DATA_AT_RISK);
  f = find (findings, "pg-inactive", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->message, ==, "6 PGs are not active");
  g_assert_true (has_detail (f, "stale+active+clean"));
  g_assert_cmpint (f->impact, ==, KDCC_IMPACT_DATA_UNAVAILABLE);

  /* PG_AVAILABILITY (a WARN: IO to 4 PGs is blocked) before the ERR that
   * is only a setting. */
  for (guint i = 0; i < findings->len; i++)
    {
      const KdccDiagnosticsFinding *g = g_ptr_array_index (findings, i);

      if (g_str_equal (g->topic, "health"))
        g_ptr_array_add (health, g->code);
    }
  g_assert_cmpuint (health->len, ==, 9);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (health, i), ==, expected[i]);
  for (guint i = G_N_ELEMENTS (expected); i < health->len; i++)
    g_assert_cmpint (((const KdccDiagnosticsFinding *) find (findings, "health",
                                                             g_ptr_array_index (health, i)))->impact,
                     ==, KDCC_IMPACT_HYGIENE);
}

static void
test_degraded (void)
{
  g_autoptr(GHashTable) documents = degraded_documents ();
  g_autoptr(GPtrArray) findings = kdcc_diagnostics_analyse (documents);
  const KdccDiagnosticsFinding *f;
  g_autofree char *crash_file = NULL;

  assert_ranked (findings);
  assert_health_checks_found (findings, "diagnostics/degraded-16.2.15/health-detail.json",
                              KDCC_DIAG_FILE_HEALTH_DETAIL);

  /* osd.2 was stopped, marked down and out. */
  f = find (findings, "osd-down", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, KDCC_FINDING_ERROR);
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_OSD_TREE);
  g_assert_true (has_detail (f, "osd.2"));
  g_assert_false (has_detail (f, "osd.0"));
  f = find (findings, "osd-out", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_OSD_DUMP);
  g_assert_true (has_detail (f, "osd.2"));

  /* The nearfull ratio was set to 0.00001: the two OSDs with data are over. */
  f = find (findings, "osd-nearfull", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_OSD_DF_TREE);
  g_assert_true (has_detail (f, "osd.0"));
  g_assert_true (has_detail (f, "osd.1"));
  g_assert_null (find (findings, "osd-full", NULL));

  /* kdcc-test got a 40960-byte quota it has used up. */
  f = find (findings, "pool-nearfull", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_DF_DETAIL);
  g_assert_true (has_detail (f, "pool kdcc-test uses 100.0 % of its byte quota"));
  f = find (findings, "pool-flags", NULL);
  g_assert_nonnull (f);
  g_assert_true (has_detail (f, "kdcc-test: full_quota"));

  f = find (findings, "osdmap-flags", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->message, ==, "OSD map flags set: noout, noscrub");
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_OSD_DUMP);

  f = find (findings, "pg-stuck", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_PG_DUMP_STUCK);
  g_assert_true (has_detail (f, "active+undersized"));
  f = find (findings, "pg-unclean", NULL);
  g_assert_nonnull (f);
  g_assert_true (has_detail (f, "active+undersized+degraded"));
  g_assert_null (find (findings, "pg-inconsistent", NULL));
  g_assert_null (find (findings, "pg-inactive", NULL));

  /* Two crash reports, the mgr one archived; each points to its file. */
  f = find (findings, "crash", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, KDCC_FINDING_WARNING);
  g_assert_nonnull (strstr (f->message, "2 crash reports (1 new)"));
  crash_file = kdcc_diagnostics_crash_file ("2026-11-28T10:01:02.123456Z_0e6c3b0a-6a0e-4f3e-9d7b-1a2b3c4d5e6f");
  g_assert_cmpstr (crash_file, ==,
                   "ceph/crash/2026-11-28T10_01_02.123456Z_0e6c3b0a-6a0e-4f3e-9d7b-1a2b3c4d5e6f.json");
  g_assert_true (has_detail (f, crash_file));
  g_assert_true (has_detail (f, "mgr.x (archived)"));
  /* Newest first. */
  g_assert_nonnull (strstr (g_ptr_array_index (f->details, 0), "osd.1"));

  g_assert_null (find (findings, "clock-skew", NULL));
  g_assert_null (find (findings, "mixed-versions", NULL));
}

static void
test_shapes (void)
{
  g_autoptr(GHashTable) documents = documents_new ();
  g_autoptr(GPtrArray) findings = NULL;
  const KdccDiagnosticsFinding *f;

  add_fixture (documents, KDCC_DIAG_FILE_TIME_SYNC, "diagnostics/shapes/time-sync-status-skew.json");
  add_fixture (documents, KDCC_DIAG_FILE_PG_DUMP_BRIEF,
               "diagnostics/shapes/pg-dump-pgs-brief-inconsistent.json");
  add_fixture (documents, KDCC_DIAG_FILE_VERSIONS, "diagnostics/shapes/versions-mixed.json");
  add_fixture (documents, KDCC_DIAG_FILE_HEALTH_DETAIL, "diagnostics/shapes/health-detail-muted.json");
  findings = kdcc_diagnostics_analyse (documents);
  assert_ranked (findings);

  f = find (findings, "clock-skew", NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->file, ==, KDCC_DIAG_FILE_TIME_SYNC);
  g_assert_true (has_detail (f, "mon.b"));
  g_assert_false (has_detail (f, "mon.a"));
  g_assert_false (has_detail (f, "mon.c"));

  f = find (findings, "pg-inconsistent", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, KDCC_FINDING_ERROR);
  g_assert_nonnull (strstr (f->message, "2 PGs are inconsistent"));
  g_assert_true (has_detail (f, "1.1e"));
  g_assert_true (has_detail (f, "1.1d"));
  f = find (findings, "pg-inactive", NULL);
  g_assert_nonnull (f);
  g_assert_true (has_detail (f, "2.0 stale+down"));
  g_assert_true (has_detail (f, "2.1 unknown"));
  g_assert_false (has_detail (f, "1.1e"));

  f = find (findings, "mixed-versions", NULL);
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, KDCC_FINDING_WARNING);
  g_assert_true (has_detail (f, "16.2.14"));
  g_assert_true (has_detail (f, "osd: 1 × ceph version 16.2.14"));

  /* A muted check is reported as such, below the errors. */
  f = find (findings, "health", "OSD_DOWN");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, KDCC_FINDING_INFO);
  g_assert_nonnull (strstr (f->message, "muted"));
  f = find (findings, "health", "PG_DAMAGED");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, KDCC_FINDING_ERROR);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpint (f->severity, ==, KDCC_FINDING_ERROR);
  g_assert_cmpstr (f->topic, ==, "health-status");
}

static void
test_dashboard_health (void)
{
  g_autoptr(GHashTable) documents = documents_new ();
  g_autoptr(GPtrArray) findings = NULL;

  add_fixture (documents, KDCC_DIAG_FILE_DASH_HEALTH, "pacific-16.2.15/dashboard-health-full.json");
  findings = kdcc_diagnostics_analyse (documents);
  /* The dashboard turns the checks into a list with "type": the same
   * checks as `health detail` of the same cluster. */
  assert_health_checks_found (findings, "pacific-16.2.15/health-detail.json",
                              KDCC_DIAG_FILE_DASH_HEALTH);
}

/* Ceph's own "31 more pgs... " (mon_health_max_detail = 50 lines, then
 * it): the summary lists ten lines and counts the 40 it left out plus the
 * 31 Ceph left out; a line without a number stays as Ceph wrote it. */
static void
test_ceph_overflow (void)
{
  g_autoptr(GHashTable) documents = documents_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GString) json = g_string_new ("{\"status\": \"HEALTH_WARN\", \"checks\": {"
                                          "\"PG_NOT_DEEP_SCRUBBED\": {\"severity\": \"HEALTH_WARN\", "
                                          "\"summary\": {\"message\": \"81 pgs not deep-scrubbed in time\", "
                                          "\"count\": 81}, \"detail\": [");
  gboolean seen_scrub = FALSE, seen_unfound = FALSE;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (json, "{\"message\": \"pg 1.%x not deep-scrubbed since "
                            "2026-11-01T00:00:00.000000+0000\"},", i);
  g_string_append (json, "{\"message\": \"31 more pgs... \"}]}, "
                   "\"OBJECT_UNFOUND\": {\"severity\": \"HEALTH_WARN\", "
                   "\"summary\": {\"message\": \"60/400 objects unfound (15.000%)\"}, "
                   "\"detail\": [");
  for (guint i = 0; i < 12; i++)
    g_string_append_printf (json, "{\"message\": \"pg 2.%x has 5 unfound objects\"},", i);
  g_string_append (json, "{\"message\": \"(additional pgs left out for brevity)\"}]}}}");
  add_text (documents, KDCC_DIAG_FILE_HEALTH_DETAIL, json->str);

  findings = kdcc_diagnostics_analyse (documents);
  for (guint i = 0; i < findings->len; i++)
    {
      KdccDiagnosticsFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->code, "PG_NOT_DEEP_SCRUBBED") == 0)
        {
          seen_scrub = TRUE;
          g_assert_cmpuint (finding->details->len, ==, 11);
          g_assert_cmpstr (g_ptr_array_index (finding->details, 9), ==,
                           "pg 1.9 not deep-scrubbed since 2026-11-01T00:00:00.000000+0000");
          g_assert_cmpstr (g_ptr_array_index (finding->details, 10), ==, "… and 71 more");
        }
      else if (g_strcmp0 (finding->code, "OBJECT_UNFOUND") == 0)
        {
          seen_unfound = TRUE;
          g_assert_cmpuint (finding->details->len, ==, 12);
          g_assert_cmpstr (g_ptr_array_index (finding->details, 10), ==, "… and 2 more");
          g_assert_cmpstr (g_ptr_array_index (finding->details, 11), ==,
                           "(additional pgs left out for brevity)");
        }
    }
  g_assert_true (seen_scrub);
  g_assert_true (seen_unfound);
}

static void
test_malformed (void)
{
  g_autoptr(GHashTable) documents = documents_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GHashTable) none = documents_new ();
  const char *bundle_files[] = {
    KDCC_DIAG_FILE_HEALTH_DETAIL, KDCC_DIAG_FILE_OSD_TREE, KDCC_DIAG_FILE_OSD_DUMP,
    KDCC_DIAG_FILE_OSD_DF_TREE, KDCC_DIAG_FILE_DF_DETAIL, KDCC_DIAG_FILE_PG_DUMP_BRIEF,
    KDCC_DIAG_FILE_PG_DUMP_STUCK, KDCC_DIAG_FILE_CRASH_LS, KDCC_DIAG_FILE_VERSIONS,
    KDCC_DIAG_FILE_TIME_SYNC, KDCC_DIAG_FILE_MGR_DUMP, KDCC_DIAG_FILE_QUORUM_STATUS,
  };
  /* Wrong types everywhere: objects for lists, numbers for strings. */
  const char *wrong =
    "{\"checks\":[1,2],\"status\":5,\"nodes\":{\"a\":1},\"osds\":\"x\",\"pools\":[null,1,{\"stats\":[]}],"
    "\"pg_stats\":[{\"state\":7},null],\"stuck_pg_stats\":7,\"overall\":[],\"time_skew_status\":[],"
    "\"flags\":9,\"available\":\"yes\",\"quorum_names\":[1],\"monmap\":{\"mons\":[{\"name\":2}]}}";

  add_text (documents, KDCC_DIAG_FILE_HEALTH_DETAIL, "{\"status\": \"HEALTH_");
  add_text (documents, KDCC_DIAG_FILE_OSD_TREE, "");
  findings = kdcc_diagnostics_analyse (documents);
  g_assert_nonnull (find (findings, "unreadable", NULL));
  g_assert_cmpuint (findings->len, ==, 2);
  g_clear_pointer (&findings, g_ptr_array_unref);

  g_hash_table_remove_all (documents);
  for (guint i = 0; i < G_N_ELEMENTS (bundle_files); i++)
    add_text (documents, bundle_files[i], wrong);
  findings = kdcc_diagnostics_analyse (documents);
  g_assert_null (find (findings, "osd-down", NULL));
  g_clear_pointer (&findings, g_ptr_array_unref);

  g_hash_table_remove_all (documents);
  for (guint i = 0; i < G_N_ELEMENTS (bundle_files); i++)
    add_text (documents, bundle_files[i], "[[[]]]");
  findings = kdcc_diagnostics_analyse (documents);
  g_assert_cmpuint (findings->len, ==, 0);

  empty = kdcc_diagnostics_analyse (none);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_render (void)
{
  g_autoptr(GHashTable) documents = degraded_documents ();
  g_autoptr(GPtrArray) findings = kdcc_diagnostics_analyse (documents);
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) not_gathered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  KdccDiagnosticsSummaryInfo info = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  const char *errors_at, *warnings_at, *info_at;

  g_ptr_array_add (failed, g_strdup ("osd perf (failed): No mgr is active"));
  g_ptr_array_add (not_gathered, g_strdup ("KDCC audit log: Not available in this version"));
  info.kdcc_version = "0.1.0";
  info.created = "2026-11-28T10:00:00Z";
  info.source_kind = "rados";
  info.fsid = "e2275040-a5bc-4f24-88d1-9a0cfa3c651a";
  info.redacted = TRUE;
  info.redactions = 12;
  info.n_items = 60;
  info.n_ok = 58;
  info.failed = failed;
  info.not_gathered = not_gathered;
  info.duration_s = 0.4;

  text = kdcc_diagnostics_summary_render (&info, findings);
  g_assert_true (g_str_has_prefix (text, "KDCC diagnostic bundle\n======================\n"));
  g_assert_nonnull (strstr (text, "e2275040-a5bc-4f24-88d1-9a0cfa3c651a"));
  g_assert_nonnull (strstr (text, "58 gathered, 1 failed, 1 not available"));
  g_assert_nonnull (strstr (text, "on, 12 secrets replaced"));
  g_assert_nonnull (strstr (text, "[ERROR] 1 OSD is down\n    osd.2\n    see ceph/osd-tree.json\n"));
  g_assert_nonnull (strstr (text, "see ceph/health-detail.json"));
  g_assert_nonnull (strstr (text, "osd perf (failed): No mgr is active"));
  g_assert_nonnull (strstr (text, "Not gathered through this connection\n"));
  g_assert_nonnull (strstr (text, "KDCC audit log: Not available in this version"));
  /* Ranked by impact: the down OSD (data at risk) before the hygiene
   * warning AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED, and the information
   * (crash reports, versions) last. */
  errors_at = strstr (text, "[ERROR] 1 OSD is down");
  warnings_at = strstr (text, "[WARNING] AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED");
  info_at = strstr (text, "[INFO]");
  g_assert_nonnull (errors_at);
  g_assert_nonnull (warnings_at);
  g_assert_true (errors_at < warnings_at && warnings_at < info_at);

  info.redacted = FALSE;
  info.failed = none;
  info.not_gathered = NULL;
  plain = kdcc_diagnostics_summary_render (&info, none);
  g_assert_nonnull (strstr (plain, "OFF: this bundle may contain keys and passwords"));
  g_assert_nonnull (strstr (plain, "Nothing to report."));
  g_assert_null (strstr (plain, "Items that failed"));
  g_assert_null (strstr (plain, "Not gathered"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnostics-summary/healthy", test_healthy);
  g_test_add_func ("/diagnostics-summary/degraded", test_degraded);
  g_test_add_func ("/diagnostics-summary/stale", test_stale);
  g_test_add_func ("/diagnostics-summary/shapes", test_shapes);
  g_test_add_func ("/diagnostics-summary/dashboard-health", test_dashboard_health);
  g_test_add_func ("/diagnostics-summary/ceph-overflow", test_ceph_overflow);
  g_test_add_func ("/diagnostics-summary/malformed", test_malformed);
  g_test_add_func ("/diagnostics-summary/render", test_render);

  return kdcc_test_run ();
}
