/* test-diagnostics-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnostics bundle over a Kubernetes connection, against the fake
 * Kubernetes API server: every ceph.rook.io object, deployments, pods,
 * config maps and rook-config-override, nodes, the API server's version,
 * the daemons' and the operator's logs (bounded), all through the
 * redactor; secrets only by name, so a canary secret's value is nowhere in
 * the bundle, and a cephx key in a log or a config map is redacted. No
 * Ceph cluster: the dashboard behind the service proxy is unreachable,
 * which must not keep the Kubernetes items out.
 */
#define G_LOG_DOMAIN "test-diagnostics-kube"

#include "config.h"

#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "kdcc-diagnostics.h"
#include "kdcc-kube-source.h"
#include "kdcc-test-kube.h"

#define NS "rook-ceph"
#define CANARY "kdcc-canary-4f1e9b27-do-not-leak"
#define CEPHX_KEY "AQBkKXNlAAAAABAAk2dRVlNmcXBaRHJ5Y0pHd3NqSVE9PQ=="

static KdccTestKube *kube;

static const char extra_objects_template[] =
  "["
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephBlockPool\","
  "  \"metadata\": {\"name\": \"replicapool\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"replicated\": {\"size\": 3}}, \"status\": {\"phase\": \"Ready\"}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephObjectStoreUser\","
  "  \"metadata\": {\"name\": \"backup\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"store\": \"my-store\"}, \"status\": {\"phase\": \"Ready\"}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Node\","
  "  \"metadata\": {\"name\": \"worker-7\"}, \"status\": {\"nodeInfo\": {\"kubeletVersion\": \"v1.32.0\"}}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\","
  "  \"metadata\": {\"name\": \"rook-config-override\", \"namespace\": \"rook-ceph\"},"
  "  \"data\": {\"config\": \"[global]\\nosd_pool_default_size = 3\\nkey = @KEY@\\n\"}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\","
  "  \"metadata\": {\"name\": \"rook-ceph-mon-endpoints\", \"namespace\": \"rook-ceph\"},"
  "  \"data\": {\"data\": \"a=10.0.0.1:6789\"}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Secret\","
  "  \"metadata\": {\"name\": \"kdcc-canary\", \"namespace\": \"rook-ceph\"},"
  "  \"type\": \"Opaque\", \"data\": {\"canary-value\": \"@B64@\"}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-osd-0-77c9\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-osd\"}},"
  "  \"spec\": {\"containers\": [{\"name\": \"osd\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"},"
  "   {\"name\": \"log-collector\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-operator-6c4b\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-operator\"}},"
  "  \"spec\": {\"containers\": [{\"name\": \"rook-ceph-operator\", \"image\": \"rook/ceph:v1.16.0\"}]}}"
  "]";

/* Reads a .tar.gz back: path inside the bundle folder → GBytes. */
static GHashTable *
read_bundle (const char *path)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  int r;

  archive_read_support_filter_gzip (archive);
  archive_read_support_format_tar (archive);
  r = archive_read_open_filename (archive, path, 65536);
  g_assert_cmpint (r, ==, ARCHIVE_OK);
  while ((r = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      const char *slash = strchr (name, '/');
      g_autoptr(GByteArray) data = g_byte_array_new ();
      char buf[16384];
      la_ssize_t n;

      g_assert_nonnull (slash);
      while ((n = archive_read_data (archive, buf, sizeof buf)) > 0)
        g_byte_array_append (data, (const guint8 *) buf, n);
      g_assert_cmpint (n, ==, 0);
      g_hash_table_insert (files, g_strdup (slash + 1),
                           g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  g_assert_cmpint (r, ==, ARCHIVE_EOF);
  archive_read_free (archive);
  return files;
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len, nlen = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &len);

  for (gsize i = 0; i + nlen <= len; i++)
    if (memcmp (data + i, needle, nlen) == 0)
      return TRUE;
  return FALSE;
}

static GBytes *
bundle_file (GHashTable *files,
             const char *name)
{
  GBytes *bytes = g_hash_table_lookup (files, name);

  if (bytes == NULL)
    g_error ("The bundle has no %s", name);
  return bytes;
}

static void
gather_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **path = user_data;
  g_autoptr(GError) error = NULL;

  *path = kdcc_diagnostics_gather_finish (KDCC_DIAGNOSTICS (object), result, &error);
  g_assert_no_error (error);
}

static void
test_bundle (void)
{
  g_autoptr(KdccKubeSource) source = kdcc_kube_source_new (kube->kubeconfig, "admin", NS, NULL);
  g_autoptr(KdccDiagnostics) diagnostics = kdcc_diagnostics_new (KDCC_SOURCE (source));
  g_autofree char *dir = g_dir_make_tmp ("kdcc-diag-kube-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "bundle.tar.gz", NULL);
  g_autofree char *written = NULL;
  g_autofree char *b64 = g_base64_encode ((const guchar *) CANARY, strlen (CANARY));
  g_autoptr(GHashTable) files = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GBytes *bytes;
  gint64 deadline;

  g_assert_nonnull (dir);
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-osd-0-77c9", "osd",
                             "osd.0 starting\nauth: using key " CEPHX_KEY "\nosd.0 boot\n");
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-osd-0-77c9", "log-collector",
                             "collector up\n");
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-operator-6c4b", "rook-ceph-operator",
                             "op-cluster: reconciling CephCluster rook-ceph\n");

  kdcc_diagnostics_set_item_timeout (diagnostics, 30000);
  kdcc_diagnostics_gather_async (diagnostics, target, NULL, gather_cb, &written);
  deadline = g_get_monotonic_time () + 240 * G_USEC_PER_SEC;
  while (written == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (written, ==, target);
  files = read_bundle (target);

  /* The API server's version and nodes. */
  g_assert_true (bytes_contain (bundle_file (files, "kubernetes/version.json"),
                                "v1.32.0-kdcc-fake"));
  g_assert_true (bytes_contain (bundle_file (files, "kubernetes/nodes.json"), "worker-7"));
  /* Every kind of ceph.rook.io, found by discovery, with its objects. */
  bytes = bundle_file (files, "kubernetes/ceph.rook.io.json");
  g_assert_true (bytes_contain (bytes, "\"cephclusters\""));
  g_assert_true (bytes_contain (bytes, "\"cephobjectstoreusers\""));
  g_assert_true (bytes_contain (bytes, "\"replicapool\""));
  g_assert_true (bytes_contain (bytes, "\"backup\""));
  g_assert_false (bytes_contain (bytes, "managedFields"));
  g_assert_true (bytes_contain (bundle_file (files, "kubernetes/deployments.json"),
                                "rook-ceph-operator"));
  g_assert_true (bytes_contain (bundle_file (files, "kubernetes/pods.json"),
                                "rook-ceph-osd-0-77c9"));
  g_assert_true (bytes_contain (bundle_file (files, "kubernetes/configmaps.json"),
                                "rook-ceph-mon-endpoints"));
  bytes = bundle_file (files, "kubernetes/rook-config-override.json");
  g_assert_true (bytes_contain (bytes, "osd_pool_default_size = 3"));
  g_assert_true (bytes_contain (bytes, "[REDACTED]"));

  /* Secrets by name and key name only. */
  bytes = bundle_file (files, "kubernetes/secrets.json");
  g_assert_true (bytes_contain (bytes, "kdcc-canary"));
  g_assert_true (bytes_contain (bytes, "canary-value"));
  g_assert_true (bytes_contain (bytes, "rook-ceph-dashboard-password"));

  /* Every container's log, the operator's included, redacted. */
  bytes = bundle_file (files, "kubernetes/pod-logs.txt");
  g_assert_true (bytes_contain (bytes, "==> rook-ceph/rook-ceph-osd-0-77c9 [osd] <=="));
  g_assert_true (bytes_contain (bytes, "osd.0 boot"));
  g_assert_true (bytes_contain (bytes, "==> rook-ceph/rook-ceph-osd-0-77c9 [log-collector] <=="));
  g_assert_true (bytes_contain (bytes, "collector up"));
  g_assert_true (bytes_contain (bytes, "reconciling CephCluster rook-ceph"));

  /* The Ceph side: the mon's commands are not available through
   * Kubernetes, and the dashboard (no endpoints here) failed without
   * holding the rest up. */
  g_assert_cmpuint (kdcc_diagnostics_get_n_not_available (diagnostics), >, 0);
  g_assert_cmpuint (kdcc_diagnostics_get_n_cluster_ok (diagnostics), >=, 11);

  /* Nothing secret anywhere in the bundle. */
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (bytes_contain (value, CANARY) || bytes_contain (value, b64))
        g_error ("The canary secret's value is in %s", (const char *) key);
      if (bytes_contain (value, CEPHX_KEY))
        g_error ("A cephx key is in %s", (const char *) key);
      if (bytes_contain (value, "admin-token"))
        g_error ("The kubeconfig's token is in %s", (const char *) key);
    }

  g_assert_cmpint (g_unlink (target), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *rook = NULL;
  g_autofree char *b64 = NULL;
  g_autoptr(GString) extra = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) more = NULL;
  g_autofree char *objects = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  b64 = g_base64_encode ((const guchar *) CANARY, strlen (CANARY));
  extra = g_string_new (extra_objects_template);
  g_string_replace (extra, "@B64@", b64, 0);
  g_string_replace (extra, "@KEY@", CEPHX_KEY, 0);
  rook = kdcc_test_kube_rook_objects ("0b5e7c4e-1111-4222-8333-944445555666", CANARY "-dashboard");
  all = json_from_string (rook, NULL);
  more = json_from_string (extra->str, NULL);
  g_assert_nonnull (all);
  g_assert_nonnull (more);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (more)); i++)
    json_array_add_element (json_node_get_array (all),
                            json_node_copy (json_array_get_element (json_node_get_array (more), i)));
  objects = json_to_string (all, FALSE);
  kube = kdcc_test_kube_start (objects, NULL);

  g_test_add_func ("/diagnostics-kube/bundle", test_bundle);

  ret = g_test_run ();
  kdcc_test_kube_free (kube);
  return ret;
}
