/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built kdcc-cli (KDCC_CLI) against the shared real test cluster
 * and checks what it prints against the real `ceph` CLI.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "kdcc-profile-store.h"
#include "kdcc-secret-store.h"
#include "kdcc-test-relay.h"
#include "kdcc-test-util.h"

/* A private config folder for the child processes, so the user's saved
 * connections are never read or written. */
static char *config_home;

#define run_cli(...) kdcc_test_cli_runv (config_home, (const char * const []) { __VA_ARGS__, NULL })

/* A failure is exactly one line "kdcc-cli: <reason>" on stderr. */
static void
assert_one_error_line (KdccTestCli  *result,
                       const char *must_contain)
{
  g_autofree char *lower = NULL;
  g_autofree char *needle = NULL;

  g_assert_cmpint (result->status, !=, 0);
  g_assert_true (g_str_has_prefix (result->err, "kdcc-cli: "));
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  /* The only line break is the last character. */
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
  g_assert_cmpuint (strlen (result->err), >, strlen ("kdcc-cli: ") + 5);

  lower = g_utf8_strdown (result->err, -1);
  needle = g_utf8_strdown (must_contain, -1);
  if (strstr (lower, needle) == NULL)
    g_error ("Expected “%s” in the error line, got: %s", must_contain, result->err);
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

static GPtrArray *
sorted_strings (JsonArray *array)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (strings, g_strdup (json_array_get_string_element (array, i)));
  g_ptr_array_sort (strings, (GCompareFunc) g_strcmp0);
  return strings;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Compares `kdcc-cli status --json` with the real ceph CLI, read right after
 * it. The test cluster is idle, so everything compared here is stable;
 * used bytes are not compared for that reason. */
static void
assert_status_matches_ceph (KdccTestCluster *cluster,
                            JsonObject      *kdcc)
{
  g_autoptr(JsonNode) status_node = kdcc_test_ceph_json (cluster, "status", NULL);
  g_autoptr(JsonNode) health_node = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  g_autoptr(JsonNode) tree_node = kdcc_test_ceph_json (cluster, "osd", "tree", NULL);
  g_autoptr(JsonNode) pools_node = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", "detail",
                                                        NULL);
  JsonObject *status = json_node_get_object (status_node);
  JsonObject *health = json_node_get_object (health_node);
  JsonObject *osdmap = json_object_get_object_member (status, "osdmap");
  JsonObject *pgmap = json_object_get_object_member (status, "pgmap");
  JsonObject *kdcc_health = json_object_get_object_member (kdcc, "health");
  JsonObject *kdcc_osds = json_object_get_object_member (kdcc, "osds");
  JsonObject *kdcc_capacity = json_object_get_object_member (kdcc, "capacity");
  JsonObject *kdcc_mons = json_object_get_object_member (kdcc, "mons");
  JsonArray *kdcc_checks = json_object_get_array_member (kdcc_health, "checks");
  JsonArray *kdcc_pools = json_object_get_array_member (kdcc, "pools");
  JsonArray *kdcc_osd_list = json_object_get_array_member (kdcc_osds, "list");
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (tree_node), "nodes");
  JsonArray *ceph_pools = json_node_get_array (pools_node);
  g_autoptr(GList) ceph_codes = NULL;
  g_autoptr(GPtrArray) kdcc_codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) ceph_quorum = NULL;
  g_autoptr(GPtrArray) kdcc_quorum = NULL;
  g_autoptr(GArray) tree_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint i;

  g_assert_cmpstr (json_object_get_string_member (kdcc, "fsid"), ==, cluster->fsid);
  g_assert_cmpstr (json_object_get_string_member (kdcc, "fsid"), ==,
                   json_object_get_string_member (status, "fsid"));
  g_assert_true (json_object_get_boolean_member (kdcc, "has_data"));

  /* Health and the codes of its checks. */
  g_assert_cmpstr (json_object_get_string_member (kdcc_health, "status"), ==,
                   json_object_get_string_member (health, "status"));
  ceph_codes = json_object_get_members (json_object_get_object_member (health, "checks"));
  ceph_codes = g_list_sort (ceph_codes, (GCompareFunc) g_strcmp0);
  for (i = 0; i < json_array_get_length (kdcc_checks); i++)
    g_ptr_array_add (kdcc_codes,
                     (gpointer) json_object_get_string_member (
                       json_array_get_object_element (kdcc_checks, i), "code"));
  g_ptr_array_sort (kdcc_codes, compare_strings);
  g_assert_cmpuint (kdcc_codes->len, ==, g_list_length (ceph_codes));
  i = 0;
  for (GList *l = ceph_codes; l != NULL; l = l->next, i++)
    g_assert_cmpstr (g_ptr_array_index (kdcc_codes, i), ==, l->data);

  /* OSD counts, and the same OSD ids as the CRUSH tree. */
  g_assert_cmpint (json_object_get_int_member (kdcc_osds, "total"), ==,
                   json_object_get_int_member (osdmap, "num_osds"));
  g_assert_cmpint (json_object_get_int_member (kdcc_osds, "up"), ==,
                   json_object_get_int_member (osdmap, "num_up_osds"));
  g_assert_cmpint (json_object_get_int_member (kdcc_osds, "in"), ==,
                   json_object_get_int_member (osdmap, "num_in_osds"));
  for (i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);

      if (g_strcmp0 (json_object_get_string_member (node, "type"), "osd") == 0)
        {
          gint64 id = json_object_get_int_member (node, "id");
          g_array_append_val (tree_ids, id);
        }
    }
  g_assert_cmpuint (json_array_get_length (kdcc_osd_list), ==, tree_ids->len);
  for (i = 0; i < json_array_get_length (kdcc_osd_list); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (kdcc_osd_list, i),
                                              "id");
      gboolean found = FALSE;

      for (guint j = 0; j < tree_ids->len; j++)
        found |= g_array_index (tree_ids, gint64, j) == id;
      g_assert_true (found);
    }

  /* Pools: same ids, names, size and pg_num, in id order. */
  g_assert_cmpuint (json_array_get_length (kdcc_pools), ==, json_array_get_length (ceph_pools));
  for (i = 0; i < json_array_get_length (ceph_pools); i++)
    {
      JsonObject *ceph_pool = json_array_get_object_element (ceph_pools, i);
      JsonObject *kdcc_pool = NULL;

      for (guint j = 0; j < json_array_get_length (kdcc_pools); j++)
        {
          JsonObject *candidate = json_array_get_object_element (kdcc_pools, j);

          if (json_object_get_int_member (candidate, "id") ==
              json_object_get_int_member (ceph_pool, "pool_id"))
            kdcc_pool = candidate;
        }
      g_assert_nonnull (kdcc_pool);
      g_assert_cmpstr (json_object_get_string_member (kdcc_pool, "name"), ==,
                       json_object_get_string_member (ceph_pool, "pool_name"));
      g_assert_cmpint (json_object_get_int_member (kdcc_pool, "size"), ==,
                       json_object_get_int_member (ceph_pool, "size"));
      g_assert_cmpint (json_object_get_int_member (kdcc_pool, "pg_num"), ==,
                       json_object_get_int_member (ceph_pool, "pg_num"));
    }

  /* Mons in quorum. */
  ceph_quorum = sorted_strings (json_object_get_array_member (status, "quorum_names"));
  kdcc_quorum = sorted_strings (json_object_get_array_member (kdcc_mons, "quorum"));
  g_assert_cmpuint (kdcc_quorum->len, ==, ceph_quorum->len);
  g_assert_cmpuint (kdcc_quorum->len, >, 0);
  for (i = 0; i < ceph_quorum->len; i++)
    g_assert_cmpstr (g_ptr_array_index (kdcc_quorum, i), ==, g_ptr_array_index (ceph_quorum, i));

  /* Capacity: the raw total does not move on an idle cluster. */
  g_assert_cmpint (json_object_get_int_member (kdcc_capacity, "total_bytes"), ==,
                   json_object_get_int_member (pgmap, "bytes_total"));
  g_assert_cmpint (json_object_get_int_member (kdcc_capacity, "total_bytes"), >, 0);
  g_assert_cmpint (json_object_get_int_member (kdcc_capacity, "used_bytes"), <=,
                   json_object_get_int_member (kdcc_capacity, "total_bytes"));
}

static void
test_status_json_direct (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestCli) result = NULL;
  g_autoptr(JsonObject) kdcc = NULL;

  result = run_cli ("status", "--json", "--conf", cluster->conf, "--keyring", cluster->keyring,
                    "--id", cluster->client_id);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  kdcc = parse_object (result->out);
  g_assert_cmpstr (json_object_get_string_member (kdcc, "source"), ==, "rados");
  assert_status_matches_ceph (cluster, kdcc);
}

static void
test_status_json_dashboard (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestCli) result = NULL;
  g_autoptr(JsonObject) kdcc = NULL;

  result = run_cli ("status", "--json", "--dashboard", cluster->dashboard_url,
                    "--user", cluster->dashboard_user,
                    "--password-file", cluster->dashboard_password_file);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  kdcc = parse_object (result->out);
  g_assert_cmpstr (json_object_get_string_member (kdcc, "source"), ==, "dashboard");
  assert_status_matches_ceph (cluster, kdcc);
}

static void
test_status_text (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(JsonNode) health = kdcc_test_ceph_json (cluster, "health", NULL);
  g_autoptr(JsonNode) pools = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", NULL);
  g_autoptr(KdccTestCli) result = NULL;
  const char *pool = cluster->pool;
  g_autofree char *osd_line = NULL;
  g_autofree char *pool_line = NULL;

  result = run_cli ("status", "--conf", cluster->conf, "--keyring", cluster->keyring,
                    "--id", cluster->client_id);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  if (pool == NULL)
    pool = json_array_get_string_element (json_node_get_array (pools), 0);

  g_assert_nonnull (strstr (result->out,
                            json_object_get_string_member (json_node_get_object (health),
                                                           "status")));
  g_assert_nonnull (strstr (result->out, cluster->fsid));
  g_assert_nonnull (strstr (result->out, pool));
  /* Human sizes, not raw byte counts. */
  g_assert_nonnull (strstr (result->out, "GiB"));
  pool_line = g_strdup_printf ("Pools:       %u\n",
                               json_array_get_length (json_node_get_array (pools)));
  g_assert_nonnull (strstr (result->out, pool_line));
  g_assert_nonnull (strstr (result->out, "PGs:"));
  g_assert_nonnull (strstr (result->out, "active+clean"));
  osd_line = g_strdup_printf ("OSDs:        %s total", g_getenv ("KDCC_TEST_NUM_OSDS") != NULL
                              ? g_getenv ("KDCC_TEST_NUM_OSDS") : "3");
  g_assert_nonnull (strstr (result->out, osd_line));
}

static void
test_wrong_password (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestCli) result = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-cli-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "wrong", NULL);

  g_file_set_contents (file, "definitely-not-the-password\n", -1, NULL);
  g_chmod (file, 0600);

  result = run_cli ("status", "--dashboard", cluster->dashboard_url,
                    "--user", cluster->dashboard_user, "--password-file", file);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  assert_one_error_line (result, "password");

  g_unlink (file);
  g_rmdir (dir);
}

static void
test_unreachable (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestCli) result = NULL;

  /* Port 1 on loopback: nothing listens, the refusal is immediate. */
  result = run_cli ("status", "--dashboard", "http://127.0.0.1:1", "--user", "admin",
                    "--password-file", cluster->dashboard_password_file);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  assert_one_error_line (result, "127.0.0.1:1");
  g_assert_cmpfloat (result->seconds, <, 10.0);
}

/* A dashboard (here a relay in front of the real one) that streams an endless
 * answer for /api/health/full: the CLI once grew to 4 GB and died in the
 * allocator (issue 17). It must stop at the size limit and say so. */
static void
test_endless_body (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestRelay) relay = kdcc_test_relay_start (cluster->dashboard_url);
  g_autoptr(KdccTestCli) result = NULL;
  g_autoptr(KdccTestCli) small = NULL;
  g_autoptr(KdccTestCli) good = NULL;

  kdcc_test_relay_set_mode (relay, "endless", NULL, NULL);
  result = run_cli ("status", "--dashboard", kdcc_test_relay_get_url (relay),
                    "--user", cluster->dashboard_user,
                    "--password-file", cluster->dashboard_password_file);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  assert_one_error_line (result, "/api/health/full is larger than its limit of 64.0");
  /* Well within the 20 s deadline: the size limit ends it. */
  g_assert_cmpfloat (result->seconds, <, 20.0);
  g_assert_true (kdcc_test_relay_client_closed (relay, NULL));

  /* --max-body-mb reaches the source: a 2 MiB /api/osd breaks a 1 MB limit. */
  kdcc_test_relay_set_mode (relay, "big-chunked", "/api/osd", "2");
  small = run_cli ("status", "--dashboard", kdcc_test_relay_get_url (relay),
                   "--user", cluster->dashboard_user,
                   "--password-file", cluster->dashboard_password_file, "--max-body-mb", "1");
  assert_one_error_line (small, "/api/osd is larger than its limit of 1.0");

  /* And the relay, behaving, is a dashboard like any other. */
  kdcc_test_relay_set_mode (relay, "pass", NULL, NULL);
  good = run_cli ("status", "--dashboard", kdcc_test_relay_get_url (relay),
                  "--user", cluster->dashboard_user,
                  "--password-file", cluster->dashboard_password_file, "--max-body-mb", "1");
  g_assert_cmpint (good->status, ==, 0);
  g_assert_nonnull (strstr (good->out, cluster->fsid));
}

static void
test_unreachable_mon (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestCli) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-cli-XXXXXX", NULL);
  g_autofree char *conf = g_build_filename (dir, "ceph.conf", NULL);

  /* A ceph.conf whose only mon does not exist. librados gives up after
   * the source's own timeout (10 s), not Ceph's default 300 s. */
  g_file_set_contents (conf, "[global]\nmon_host = 127.0.0.1:1\n", -1, &error);
  g_assert_no_error (error);

  result = run_cli ("status", "--conf", conf, "--keyring", cluster->keyring);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  assert_one_error_line (result, "monitor");
  g_assert_cmpfloat (result->seconds, <, 30.0);

  g_unlink (conf);
  g_rmdir (dir);
}

static void
test_bad_flags (void)
{
  struct {
    const char *args[8];
    const char *expected;
  } cases[] = {
    /* Each kind of mistake once; test-connection-options covers every
     * combination without paying for a process each. */
    { { "status", "--bogus", NULL }, "--bogus" },
    { { "status", "--conf", "/etc/ceph/ceph.conf", "--dashboard", "https://x", NULL }, "not both" },
    { { "status", "--dashboard", "https://mgr:8443", "--user", "admin", NULL }, "--password-file" },
    { { "status", NULL }, "--profile" },
    { { "status", "--conf", "/nonexistent/ceph.conf", NULL },
      "The configuration file /nonexistent/ceph.conf does not exist" },
    { { "status", "--dashboard", "https://mgr:8443", "--user", "a",
        "--password-file", "/nonexistent/password", NULL }, "password file" },
    { { "status", "--profile", "no-such-profile", NULL }, "no-such-profile" },
    { { "status", "extra", NULL }, "extra" },
    { { "frobnicate", NULL }, "frobnicate" },
    { { "--frobnicate", NULL }, "--frobnicate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KdccTestCli) result = kdcc_test_cli_runv (config_home, cases[i].args);

      g_assert_cmpint (result->status, ==, 2);
      g_assert_cmpstr (result->out, ==, "");
      assert_one_error_line (result, cases[i].expected);
    }
}

static void
test_help_and_version (void)
{
  g_autoptr(KdccTestCli) help = run_cli ("--help");
  g_autoptr(KdccTestCli) status_help = run_cli ("status", "--help");
  g_autoptr(KdccTestCli) version = run_cli ("--version");
  g_autofree char *expected_version = g_strdup_printf ("kdcc-cli %s\n", PACKAGE_VERSION);

  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "status"));
  g_assert_nonnull (strstr (help->out, "profiles"));
  g_assert_cmpint (status_help->status, ==, 0);
  g_assert_nonnull (strstr (status_help->out, "--dashboard"));
  g_assert_nonnull (strstr (status_help->out, "--trust-fingerprint"));
  g_assert_nonnull (strstr (status_help->out, "--json"));
  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, expected_version);
}

/* A saved profile whose password sits in the real Secret Service: what a
 * GUI user gets when they run kdcc-cli in their session. */
static void
test_saved_profile (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (NULL);
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);
  g_autoptr(KdccTestCli) list = NULL;
  g_autoptr(KdccTestCli) status = NULL;
  g_autoptr(KdccTestCli) missing = NULL;
  g_autoptr(JsonObject) kdcc = NULL;
  g_autoptr(GError) error = NULL;

  kdcc_profile_set_name (profile, "Test lab");
  kdcc_profile_set_url (profile, cluster->dashboard_url);
  kdcc_profile_set_user (profile, cluster->dashboard_user);
  g_assert_true (kdcc_profile_store_load (store, &error));
  g_assert_true (kdcc_profile_store_add (store, profile, &error));
  g_assert_no_error (error);

  list = run_cli ("profiles");
  g_assert_cmpint (list->status, ==, 0);
  g_assert_nonnull (strstr (list->out, kdcc_profile_get_id (profile)));
  g_assert_nonnull (strstr (list->out, "Test lab"));
  g_assert_nonnull (strstr (list->out, cluster->dashboard_url));

  /* Without a saved password the CLI says how to give one. */
  missing = run_cli ("status", "--profile", "Test lab");
  g_assert_cmpint (missing->status, ==, 1);
  assert_one_error_line (missing, "--password-file");

  g_assert_true (kdcc_secret_store_store_sync (secrets, profile, cluster->dashboard_password,
                                               NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kdcc_secret_store_get_persistent (secrets));

  status = run_cli ("status", "--json", "--profile", "Test lab");
  g_assert_cmpstr (status->err, ==, "");
  g_assert_cmpint (status->status, ==, 0);
  kdcc = parse_object (status->out);
  g_assert_cmpstr (json_object_get_string_member (kdcc, "name"), ==, "Test lab");
  g_assert_cmpstr (json_object_get_string_member (kdcc, "fsid"), ==, cluster->fsid);

  kdcc_secret_store_clear_sync (secrets, profile, NULL, NULL);
  kdcc_profile_store_remove (store, kdcc_profile_get_id (profile), NULL);
}

static void
test_readable_password_file_warns (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccTestCli) result = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-cli-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "password", NULL);

  g_file_set_contents (file, cluster->dashboard_password, -1, NULL);
  g_chmod (file, 0644);

  result = run_cli ("status", "--dashboard", cluster->dashboard_url,
                    "--user", cluster->dashboard_user, "--password-file", file);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_prefix (result->err, "kdcc-cli: warning: "));
  g_assert_nonnull (strstr (result->err, "chmod 600"));
  g_assert_nonnull (strstr (result->out, "Health:"));

  g_unlink (file);
  g_rmdir (dir);
}

/* A TLS front for the real dashboard: a self-signed certificate made with
 * openssl, terminated by a small Python forwarder (Debian's python3 and its
 * ssl module) and relayed to the dashboard's plain HTTP port. The test
 * cluster's dashboard itself runs without TLS, and switching the shared
 * cluster to TLS would disturb the other tests. It runs as a separate
 * process: run_cli() blocks this one, and TLS worker threads in the test
 * process would race with LeakSanitizer's exit scan. */
static const char proxy_script[] =
  "import select, signal, socket, ssl, sys, threading\n"
  "cert, key, host, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])\n"
  "signal.alarm(300)\n"
  "ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n"
  "ctx.load_cert_chain(cert, key)\n"
  "srv = socket.socket()\n"
  "srv.bind(('127.0.0.1', 0))\n"
  "srv.listen(16)\n"
  "print(srv.getsockname()[1], flush=True)\n"
  "def relay(c):\n"
  "    try:\n"
  "        t = ctx.wrap_socket(c, server_side=True)\n"
  "    except Exception:\n"
  "        c.close()\n"
  "        return\n"
  "    b = socket.create_connection((host, port))\n"
  "    try:\n"
  "        while True:\n"
  "            ready = [t] if t.pending() else select.select([t, b], [], [], 60)[0]\n"
  "            if not ready:\n"
  "                break\n"
  "            src = ready[0]\n"
  "            dst = b if src is t else t\n"
  "            data = src.recv(65536)\n"
  "            if not data:\n"
  "                break\n"
  "            dst.sendall(data)\n"
  "    except Exception:\n"
  "        pass\n"
  "    t.close()\n"
  "    b.close()\n"
  "while True:\n"
  "    c, _ = srv.accept()\n"
  "    threading.Thread(target=relay, args=(c,), daemon=True).start()\n";

typedef struct
{
  GSubprocess *process;
  guint16      port;
} TlsProxy;

static TlsProxy *
tls_proxy_start (KdccTestCluster *cluster,
                 const char      *dir,
                 char           **out_fingerprint)
{
  TlsProxy *proxy = g_new0 (TlsProxy, 1);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *port_str = NULL;
  g_autofree char *backend_port = NULL;
  g_autofree char *line = NULL;
  g_autofree char *hex = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GString) fingerprint = g_string_new (NULL);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  const char *openssl[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, NULL
  };
  int status = 0;

  g_spawn_sync (NULL, (char **) openssl, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  /* The fingerprint computed here, independently of the code under test:
   * SHA-256 of the DER, colon-separated upper-case hex. */
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  g_object_get (certificate, "certificate", &der, NULL);
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (fingerprint, "%s%c%c", i > 0 ? ":" : "",
                            g_ascii_toupper (hex[i]), g_ascii_toupper (hex[i + 1]));
  *out_fingerprint = g_strdup (fingerprint->str);

  uri = g_uri_parse (cluster->dashboard_url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  backend_port = g_strdup_printf ("%d", g_uri_get_port (uri));

  proxy->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     "/usr/bin/python3", "-c", proxy_script, cert, key,
                                     g_uri_get_host (uri), backend_port, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proxy->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  proxy->port = (guint16) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (proxy->port, >, 0);

  /* The forwarder has loaded them. */
  g_unlink (cert);
  g_unlink (key);
  return proxy;
}

static void
tls_proxy_stop (TlsProxy *proxy)
{
  g_subprocess_force_exit (proxy->process);
  g_subprocess_wait (proxy->process, NULL, NULL);
  g_object_unref (proxy->process);
  g_free (proxy);
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-cli-XXXXXX", NULL);
  g_autofree char *fingerprint = NULL;
  g_autofree char *url = NULL;
  g_autofree char *flag = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(KdccTestCli) untrusted = NULL;
  g_autoptr(KdccTestCli) trusted = NULL;
  g_autoptr(KdccTestCli) lower_case = NULL;
  g_autoptr(KdccTestCli) wrong = NULL;
  g_autoptr(JsonObject) kdcc = NULL;
  TlsProxy *proxy;

  proxy = tls_proxy_start (cluster, dir, &fingerprint);
  url = g_strdup_printf ("https://127.0.0.1:%u", proxy->port);

  /* Verified by default: refused, and the line says how to trust it. */
  untrusted = run_cli ("status", "--dashboard", url, "--user", cluster->dashboard_user,
                       "--password-file", cluster->dashboard_password_file);
  g_assert_cmpint (untrusted->status, ==, 1);
  g_assert_cmpstr (untrusted->out, ==, "");
  flag = g_strdup_printf ("--trust-fingerprint %s", fingerprint);
  assert_one_error_line (untrusted, flag);

  /* Trusting exactly that certificate reaches the real dashboard. */
  trusted = run_cli ("status", "--json", "--dashboard", url, "--user", cluster->dashboard_user,
                     "--password-file", cluster->dashboard_password_file,
                     "--trust-fingerprint", fingerprint);
  g_assert_cmpstr (trusted->err, ==, "");
  g_assert_cmpint (trusted->status, ==, 0);
  kdcc = parse_object (trusted->out);
  g_assert_cmpstr (json_object_get_string_member (kdcc, "fsid"), ==, cluster->fsid);

  /* Any spelling of the same fingerprint does. */
  lower = g_ascii_strdown (fingerprint, -1);
  lower_case = run_cli ("status", "--dashboard", url, "--user", cluster->dashboard_user,
                        "--password-file", cluster->dashboard_password_file,
                        "--trust-fingerprint", lower);
  g_assert_cmpint (lower_case->status, ==, 0);

  /* Another certificate's fingerprint does not. */
  wrong = run_cli ("status", "--dashboard", url, "--user", cluster->dashboard_user,
                   "--password-file", cluster->dashboard_password_file,
                   "--trust-fingerprint",
                   "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:"
                   "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00");
  g_assert_cmpint (wrong->status, ==, 1);
  assert_one_error_line (wrong, fingerprint);

  tls_proxy_stop (proxy);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kdcc_dir = NULL;
  g_autofree char *ini = NULL;
  int ret;

  config_home = g_dir_make_tmp ("kdcc-test-cli-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/cli/bad-flags", test_bad_flags);
  g_test_add_func ("/cli/status-json-direct", test_status_json_direct);
  g_test_add_func ("/cli/status-json-dashboard", test_status_json_dashboard);
  g_test_add_func ("/cli/status-text", test_status_text);
  g_test_add_func ("/cli/wrong-password", test_wrong_password);
  g_test_add_func ("/cli/unreachable-dashboard", test_unreachable);
  g_test_add_func ("/cli/endless-body", test_endless_body);
  g_test_add_func ("/cli/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/cli/unreachable-mon", test_unreachable_mon);
  g_test_add_func ("/cli/readable-password-file-warns", test_readable_password_file_warns);
  g_test_add_func ("/cli/saved-profile", test_saved_profile);

  ret = g_test_run ();

  kdcc_dir = g_build_filename (config_home, "kdcc", NULL);
  ini = g_build_filename (kdcc_dir, "profiles.ini", NULL);
  g_unlink (ini);
  g_rmdir (kdcc_dir);
  g_rmdir (config_home);
  return kdcc_test_exit (ret);
}
