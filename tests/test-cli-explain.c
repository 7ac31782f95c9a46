/* test-cli-explain.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built `kdcc-cli explain` (KDCC_CLI). It needs no cluster: it
 * prints the health check catalog compiled into the core library, so what
 * it prints is compared with the catalog itself.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "kdcc-health-catalog.h"
#include "kdcc-test-util.h"

#define run_cli(...) kdcc_test_cli_runv (NULL, (const char * const []) { __VA_ARGS__, NULL })

/* A failure is exactly one line "kdcc-cli: <reason>" on stderr. */
static void
assert_one_error_line (KdccTestCli  *result,
                       int         status,
                       const char *must_contain)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "kdcc-cli: "));
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
  if (strstr (result->err, must_contain) == NULL)
    g_error ("Expected “%s” in the error line, got: %s", must_contain, result->err);
}

static void
test_known_text (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  const KdccHealthEntry *entry = kdcc_health_catalog_lookup (catalog, "PG_AVAILABILITY");
  g_autoptr(KdccTestCli) result = run_cli ("explain", "PG_AVAILABILITY");
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "PG_AVAILABILITY");
  g_assert_cmpstr (lines[1], ==, "Impact:      Data unavailable");
  g_assert_true (g_str_has_prefix (lines[2], "Meaning:"));
  g_assert_true (g_str_has_suffix (lines[2], kdcc_health_entry_get_explanation (entry)));
  g_assert_true (g_str_has_prefix (lines[3], "What to do:"));
  g_assert_true (g_str_has_suffix (lines[3], kdcc_health_entry_get_action (entry)));
  g_assert_cmpstr (lines[4], ==, "Docs:        "
                   "https://docs.ceph.com/en/latest/rados/operations/health-checks/#pg-availability");
  g_assert_cmpstr (lines[5], ==, "");
}

static void
test_release_and_case (void)
{
  g_autoptr(KdccTestCli) result = run_cli ("explain", "mds_slow_request", "--release", "18.2.4");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_prefix (result->out, "MDS_SLOW_REQUEST\n"));
  g_assert_nonnull (strstr (result->out, "Impact:      Performance\n"));
  g_assert_nonnull (strstr (result->out,
                            "https://docs.ceph.com/en/reef/cephfs/health-messages/"
                            "#mds-slow-request\n"));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_json (void)
{
  KdccHealthCatalog *catalog = kdcc_health_catalog_get_default ();
  const KdccHealthEntry *entry = kdcc_health_catalog_lookup (catalog, "OSD_DOWN");
  g_autoptr(KdccTestCli) result = run_cli ("explain", "--json", "OSD_DOWN", "--release", "squid");
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (result->status, ==, 0);
  object = parse_object (result->out);
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, "OSD_DOWN");
  g_assert_true (json_object_get_boolean_member (object, "known"));
  g_assert_cmpstr (json_object_get_string_member (object, "impact"), ==, "data-at-risk");
  g_assert_cmpstr (json_object_get_string_member (object, "explanation"), ==,
                   kdcc_health_entry_get_explanation (entry));
  g_assert_cmpstr (json_object_get_string_member (object, "action"), ==,
                   kdcc_health_entry_get_action (entry));
  g_assert_cmpstr (json_object_get_string_member (object, "release"), ==, "squid");
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==,
                   "https://docs.ceph.com/en/squid/rados/operations/health-checks/#osd-down");
}

static void
test_unknown (void)
{
  g_autoptr(KdccTestCli) text = run_cli ("explain", "NOT_A_CEPH_CHECK", "--release", "reef");
  g_autoptr(KdccTestCli) json = run_cli ("explain", "NOT_A_CEPH_CHECK", "--json");
  g_autoptr(JsonObject) object = NULL;

  assert_one_error_line (text, 1, "NOT_A_CEPH_CHECK is not in KDCC’s health check catalog");
  g_assert_nonnull (strstr (text->err,
                            "https://docs.ceph.com/en/reef/rados/operations/health-checks/\n"));
  g_assert_cmpstr (text->out, ==, "");

  /* Scripts still get their JSON, and the same exit status. */
  assert_one_error_line (json, 1, "not in KDCC’s health check catalog");
  object = parse_object (json->out);
  g_assert_false (json_object_get_boolean_member (object, "known"));
  g_assert_false (json_object_has_member (object, "explanation"));
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==,
                   "https://docs.ceph.com/en/latest/rados/operations/health-checks/");
}

static void
test_usage (void)
{
  g_autoptr(KdccTestCli) none = run_cli ("explain");
  g_autoptr(KdccTestCli) two = run_cli ("explain", "OSD_DOWN", "PG_DEGRADED");
  g_autoptr(KdccTestCli) release = run_cli ("explain", "OSD_DOWN", "--release", "bobtail");
  g_autoptr(KdccTestCli) flag = run_cli ("explain", "OSD_DOWN", "--frobnicate");
  g_autoptr(KdccTestCli) blank = run_cli ("explain", " ");
  g_autoptr(KdccTestCli) help = run_cli ("--help");

  assert_one_error_line (none, 2, "No health check code given");
  assert_one_error_line (two, 2, "Unexpected argument “PG_DEGRADED”");
  assert_one_error_line (release, 2, "Unknown Ceph release “bobtail”");
  assert_one_error_line (flag, 2, "--frobnicate");
  assert_one_error_line (blank, 2, "No health check code given");
  g_assert_cmpstr (none->out, ==, "");

  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "  explain "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-explain/known-text", test_known_text);
  g_test_add_func ("/cli-explain/release-and-case", test_release_and_case);
  g_test_add_func ("/cli-explain/json", test_json);
  g_test_add_func ("/cli-explain/unknown", test_unknown);
  g_test_add_func ("/cli-explain/usage", test_usage);

  return kdcc_test_run ();
}
