/* test-cli-versions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli versions` against the shared real test cluster: the daemon
 * versions and counts equal `ceph versions -f json`, the release, end of
 * life, newest point release and upgrade targets are the shipped catalog's
 * answer for the version the cluster runs, through librados and through
 * the Dashboard; an unreachable version service is reported and changes
 * nothing; a bad one is a usage error.
 */
#define G_LOG_DOMAIN "test-cli-versions"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kdcc-release-catalog.h"
#include "kdcc-test-util.h"

static char *config_home;

#define run_cli(...) kdcc_test_cli_runv (config_home, (const char * const []) { __VA_ARGS__, NULL })

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

/* The one version the cluster runs, from `ceph versions`' "overall". */
static char *
running_version (JsonObject *ceph)
{
  JsonObject *overall = json_object_get_object_member (ceph, "overall");
  g_autoptr(GList) members = json_object_get_members (overall);
  KdccCephVersion version;

  g_assert_cmpuint (g_list_length (members), ==, 1);
  g_assert_true (kdcc_ceph_version_parse (members->data, &version));
  return kdcc_ceph_version_to_string (&version);
}

/* What the shipped catalog says about it, for comparison. */
static void
assert_release_matches_catalog (JsonObject *kdcc,
                                const char *running)
{
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccReleaseCheck) check = kdcc_release_catalog_check (catalog, running, NULL);
  JsonObject *release = json_object_get_object_member (kdcc, "release");
  JsonArray *targets = json_object_get_array_member (kdcc, "upgrade_targets");
  JsonObject *cat = json_object_get_object_member (kdcc, "catalog");

  g_assert_cmpstr (json_object_get_string_member (release, "running"), ==, running);
  g_assert_cmpstr (json_object_get_string_member (release, "name"), ==, check->release_name);
  g_assert_cmpstr (json_object_get_string_member (release, "newest"), ==, check->newest);
  g_assert_cmpstr (json_object_get_string_member (release, "end_of_life"), ==,
                   check->end_of_life);
  g_assert_cmpint (json_object_get_boolean_member (release, "is_end_of_life"), ==,
                   check->is_end_of_life);
  g_assert_cmpuint (json_array_get_length (targets), ==, check->upgrade_targets->len);
  for (guint i = 0; i < check->upgrade_targets->len; i++)
    {
      KdccReleaseTarget *target = g_ptr_array_index (check->upgrade_targets, i);
      JsonObject *t = json_array_get_object_element (targets, i);

      g_assert_cmpstr (json_object_get_string_member (t, "name"), ==, target->name);
      g_assert_cmpstr (json_object_get_string_member (t, "newest"), ==, target->newest);
      /* At most one major release skipped. */
      g_assert_cmpint (json_object_get_int_member (t, "major"), <=, check->major + 2);
    }
  g_assert_cmpstr (json_object_get_string_member (cat, "date"), ==,
                   kdcc_release_catalog_get_date (catalog));
  g_assert_cmpstr (json_object_get_string_member (cat, "version_service"), ==, "not-asked");
}

static void
test_json_direct (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(JsonNode) ceph_node = kdcc_test_ceph_json (cluster, "versions", NULL);
  JsonObject *ceph = json_node_get_object (ceph_node);
  g_autoptr(KdccTestCli) result = NULL;
  g_autoptr(JsonObject) kdcc = NULL;
  g_autoptr(GList) types = NULL;
  g_autofree char *running = running_version (ceph);
  JsonObject *daemons;
  guint compared = 0;

  result = run_cli ("versions", "--json", "--conf", cluster->conf, "--keyring", cluster->keyring,
                    "--id", cluster->client_id);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  kdcc = parse_object (result->out);

  /* Every daemon type, version and count as `ceph versions` says. */
  daemons = json_object_get_object_member (kdcc, "daemons");
  types = json_object_get_members (ceph);
  for (GList *l = types; l != NULL; l = l->next)
    {
      JsonObject *by_version = json_object_get_object_member (ceph, l->data);
      g_autoptr(GList) versions = json_object_get_members (by_version);
      JsonObject *ours;

      if (g_str_equal (l->data, "overall") || json_object_get_size (by_version) == 0)
        continue;
      g_assert_true (json_object_has_member (daemons, l->data));
      ours = json_object_get_object_member (daemons, l->data);
      g_assert_cmpuint (json_object_get_size (ours), ==, json_object_get_size (by_version));
      for (GList *v = versions; v != NULL; v = v->next)
        {
          g_assert_true (json_object_has_member (ours, v->data));
          g_assert_cmpint (json_object_get_int_member (ours, v->data), ==,
                           json_object_get_int_member (by_version, v->data));
          compared++;
        }
    }
  /* mon, mgr and osd at least. */
  g_assert_cmpuint (compared, >=, 3);
  g_assert_cmpuint (json_object_get_size (daemons), ==, compared);

  /* The test cluster runs one version. */
  g_assert_false (json_object_get_boolean_member (kdcc, "mixed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kdcc, "lagging")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (kdcc, "newest_running"), ==, running);
  g_assert_cmpstr (json_object_get_string_member (kdcc, "oldest_running"), ==, running);

  assert_release_matches_catalog (kdcc, running);
}

static void
test_json_dashboard (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(JsonNode) ceph_node = kdcc_test_ceph_json (cluster, "versions", NULL);
  g_autofree char *running = running_version (json_node_get_object (ceph_node));
  g_autoptr(KdccTestCli) result = NULL;
  g_autoptr(JsonObject) kdcc = NULL;

  result = run_cli ("versions", "--json", "--dashboard", cluster->dashboard_url,
                    "--user", cluster->dashboard_user,
                    "--password-file", cluster->dashboard_password_file);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  kdcc = parse_object (result->out);

  g_assert_false (json_object_get_boolean_member (kdcc, "mixed"));
  g_assert_true (json_object_has_member (json_object_get_object_member (kdcc, "daemons"), "osd"));
  assert_release_matches_catalog (kdcc, running);
}

static void
test_text (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(JsonNode) ceph_node = kdcc_test_ceph_json (cluster, "versions", NULL);
  JsonObject *ceph = json_node_get_object (ceph_node);
  g_autofree char *running = running_version (ceph);
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccReleaseCheck) check = kdcc_release_catalog_check (catalog, running, NULL);
  g_autoptr(KdccTestCli) result = NULL;
  g_autofree char *osd_line = NULL;
  g_autofree char *catalog_line = NULL;
  JsonObject *osd = json_object_get_object_member (ceph, "osd");
  g_autoptr(GList) osd_versions = json_object_get_members (osd);

  result = run_cli ("versions", "--conf", cluster->conf, "--keyring", cluster->keyring,
                    "--id", cluster->client_id);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  osd_line = g_strdup_printf ("  osd         %-9s %3lld\n", running,
                              (long long) json_object_get_int_member (osd, osd_versions->data));
  g_assert_nonnull (strstr (result->out, osd_line));
  g_assert_nonnull (strstr (result->out, "Mixed versions:  no\n"));
  g_assert_nonnull (strstr (result->out, "Release:"));
  g_assert_nonnull (strstr (result->out, "Upgrade to:"));
  catalog_line = g_strdup_printf ("Catalog:         %s (shipped, ",
                                  kdcc_release_catalog_get_date (catalog));
  g_assert_nonnull (strstr (result->out, catalog_line));

  /* On Debian 12's Pacific: past its end of life, Quincy or Reef next. */
  if (g_strcmp0 (check->release_name, "pacific") == 0)
    {
      g_assert_nonnull (strstr (result->out, "Pacific (16), end of life since 2024-03-04"));
      g_assert_nonnull (strstr (result->out, "Quincy 17.2.9, Reef 18.2.8"));
    }
  g_assert_null (strstr (result->out, "Version service:"));
}

static void
test_version_service (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestCli) unreachable = NULL;
  g_autoptr(KdccTestCli) bad = NULL;
  g_autoptr(JsonObject) kdcc = NULL;

  /* Nobody listens on port 1: reported, and the shipped catalog answers. */
  unreachable = run_cli ("versions", "--json", "--version-service", "http://127.0.0.1:1",
                         "--conf", cluster->conf, "--keyring", cluster->keyring,
                         "--id", cluster->client_id);
  g_assert_cmpint (unreachable->status, ==, 0);
  kdcc = parse_object (unreachable->out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (kdcc, "catalog"),
                                                  "version_service"), ==, "unreachable");
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (kdcc,
                                                                                   "release"),
                                                   "name"));

  /* Not an address of a version service: a usage error, one line. */
  bad = run_cli ("versions", "--version-service", "ftp://versions.example",
                 "--conf", cluster->conf, "--keyring", cluster->keyring,
                 "--id", cluster->client_id);
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_true (g_str_has_prefix (bad->err, "kdcc-cli: "));
  g_assert_cmpint (strchr (bad->err, '\n') - bad->err, ==, (gssize) strlen (bad->err) - 1);
}

static void
test_usage (void)
{
  g_autoptr(KdccTestCli) help = run_cli ("--help");
  g_autoptr(KdccTestCli) versions_help = run_cli ("versions", "--help");
  g_autoptr(KdccTestCli) extra = run_cli ("versions", "extra");

  g_assert_nonnull (strstr (help->out, "versions"));
  g_assert_nonnull (strstr (versions_help->out, "--version-service"));
  g_assert_nonnull (strstr (versions_help->out, "--conf"));
  g_assert_cmpint (extra->status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  config_home = g_dir_make_tmp ("kdcc-test-cli-versions-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-versions/usage", test_usage);
  g_test_add_func ("/cli-versions/json-direct", test_json_direct);
  g_test_add_func ("/cli-versions/json-dashboard", test_json_dashboard);
  g_test_add_func ("/cli-versions/text", test_text);
  g_test_add_func ("/cli-versions/version-service", test_version_service);

  ret = g_test_run ();

  kdcc_test_remove_tree (config_home);
  g_free (config_home);
  return kdcc_test_exit (ret);
}
