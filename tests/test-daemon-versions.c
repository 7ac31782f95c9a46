/* test-daemon-versions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which daemons run which Ceph version and which lag: from the counts of
 * `ceph versions` alone (a Dashboard connection) and with the per-daemon
 * entries of `<type> metadata`. The metadata JSON below keeps only the
 * members KDCC reads from Pacific's `osd metadata` / `mon metadata` output
 * (id or name, ceph_version); the mixed cluster is the one an upgrade from
 * Pacific to Reef passes through (ceph-facts.md §10).
 */
#define G_LOG_DOMAIN "test-daemon-versions"

#include "config.h"

#include "kdcc-daemon-versions.h"
#include "kdcc-error.h"
#include "kdcc-snapshot.h"

#define PACIFIC "ceph version 16.2.15 (618f440892089921c3e944a991122ddc44e60516) pacific (stable)"
#define REEF    "ceph version 18.2.7 (6b0e988052ec84cf2d4a54ff9bbbc5e720b621ad) reef (stable)"

static GPtrArray *
mixed_counts (void)
{
  GPtrArray *versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);

  g_ptr_array_add (versions, kdcc_version_data_new ("mon", REEF, 1));
  g_ptr_array_add (versions, kdcc_version_data_new ("mgr", REEF, 1));
  g_ptr_array_add (versions, kdcc_version_data_new ("osd", PACIFIC, 2));
  g_ptr_array_add (versions, kdcc_version_data_new ("osd", REEF, 1));
  g_ptr_array_add (versions, kdcc_version_data_new ("overall", PACIFIC, 2));
  g_ptr_array_add (versions, kdcc_version_data_new ("overall", REEF, 3));
  return versions;
}

static void
test_uniform (void)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  g_autoptr(KdccVersionSurvey) survey = NULL;
  g_autoptr(GPtrArray) behind = NULL;

  g_ptr_array_add (versions, kdcc_version_data_new ("mon", PACIFIC, 1));
  g_ptr_array_add (versions, kdcc_version_data_new ("osd", PACIFIC, 3));
  g_ptr_array_add (versions, kdcc_version_data_new ("overall", PACIFIC, 4));
  survey = kdcc_version_survey_new (versions, NULL);

  g_assert_true (survey->have_versions);
  g_assert_false (survey->mixed);
  g_assert_cmpstr (survey->newest, ==, "16.2.15");
  g_assert_cmpstr (survey->oldest, ==, "16.2.15");
  /* "overall" is left out. */
  g_assert_cmpuint (survey->counted->len, ==, 2);
  behind = kdcc_version_survey_dup_lagging (survey);
  g_assert_cmpuint (behind->len, ==, 0);
}

/* Through the Dashboard: only counts, so the lagging daemons are named by
 * type and counted. */
static void
test_mixed_counts (void)
{
  g_autoptr(GPtrArray) versions = mixed_counts ();
  g_autoptr(KdccVersionSurvey) survey = kdcc_version_survey_new (versions, NULL);
  g_autoptr(GPtrArray) behind = kdcc_version_survey_dup_lagging (survey);
  KdccDaemonVersion *osds;

  g_assert_true (survey->mixed);
  g_assert_cmpstr (survey->newest, ==, "18.2.7");
  g_assert_cmpstr (survey->oldest, ==, "16.2.15");
  g_assert_cmpuint (behind->len, ==, 1);
  osds = g_ptr_array_index (behind, 0);
  g_assert_cmpstr (osds->type, ==, "osd");
  g_assert_null (osds->name);
  g_assert_cmpint (osds->count, ==, 2);
  g_assert_cmpstr (osds->version, ==, PACIFIC);
}

/* Through librados: `osd metadata` names them. */
static void
test_mixed_named (void)
{
  const char *osd_metadata =
    "[{\"id\":0,\"arch\":\"x86_64\",\"ceph_version\":\"" REEF "\",\"hostname\":\"node1\"},"
    " {\"id\":1,\"ceph_version\":\"" PACIFIC "\",\"hostname\":\"node1\"},"
    " {\"id\":2,\"ceph_version\":\"" PACIFIC "\",\"hostname\":\"node2\"},"
    " {\"id\":3,\"hostname\":\"node3\"}]";
  const char *mon_metadata = "[{\"name\":\"a\",\"ceph_version\":\"" REEF "\"}]";
  g_autoptr(GPtrArray) versions = mixed_counts ();
  GPtrArray *named = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_version_free);
  g_autoptr(KdccVersionSurvey) survey = NULL;
  g_autoptr(GPtrArray) behind = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_daemon_versions_parse_metadata ("mon", mon_metadata, -1, named, &error));
  g_assert_true (kdcc_daemon_versions_parse_metadata ("osd", osd_metadata, -1, named, &error));
  g_assert_no_error (error);
  /* osd.3 reports no version (down since before its first boot): skipped. */
  g_assert_cmpuint (named->len, ==, 4);
  g_assert_cmpstr (((KdccDaemonVersion *) g_ptr_array_index (named, 0))->name, ==, "mon.a");

  survey = kdcc_version_survey_new (versions, named);
  behind = kdcc_version_survey_dup_lagging (survey);
  g_assert_cmpuint (behind->len, ==, 2);
  g_assert_cmpstr (((KdccDaemonVersion *) g_ptr_array_index (behind, 0))->name, ==, "osd.1");
  g_assert_cmpstr (((KdccDaemonVersion *) g_ptr_array_index (behind, 1))->name, ==, "osd.2");
}

static void
test_bad_input (void)
{
  g_autoptr(GPtrArray) daemons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_version_free);
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  g_autoptr(KdccVersionSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (kdcc_daemon_versions_parse_metadata ("osd", "{\"id\":0}", -1, daemons, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (kdcc_daemon_versions_parse_metadata ("osd", "", 0, daemons, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
  g_assert_cmpuint (daemons->len, ==, 0);

  /* A version nobody can read: no versions, not mixed, nothing lags. */
  g_ptr_array_add (versions, kdcc_version_data_new ("osd", "ceph version unknown", 1));
  survey = kdcc_version_survey_new (versions, NULL);
  g_assert_false (survey->have_versions);
  g_assert_false (survey->mixed);
  g_assert_null (survey->newest);

  {
    g_autoptr(KdccVersionSurvey) empty = kdcc_version_survey_new (NULL, NULL);

    g_assert_false (empty->have_versions);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/daemon-versions/uniform", test_uniform);
  g_test_add_func ("/daemon-versions/mixed-counts", test_mixed_counts);
  g_test_add_func ("/daemon-versions/mixed-named", test_mixed_named);
  g_test_add_func ("/daemon-versions/bad-input", test_bad_input);

  return g_test_run ();
}
