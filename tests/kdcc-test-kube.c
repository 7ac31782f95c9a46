/* kdcc-test-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the fake Kubernetes API server with a test PKI and writes the
 * kubeconfig that reaches it; runs the real kubectl against it.
 */
#define G_LOG_DOMAIN "kdcc-test-kube"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kdcc-test-kube.h"
#include "kdcc-test-util.h"

static void
run_or_die (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error))
    g_error ("Cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", argv[0], argv[1], err);
}

/* A key and a certificate signed by the test CA (or the CA itself when
 * CA_NAME is NULL). */
static void
make_cert (const char *dir,
           const char *name,
           const char *cn,
           const char *ca_name,
           const char *extensions)
{
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  g_autofree char *crt = g_strdup_printf ("%s/%s.crt", dir, name);
  g_autofree char *csr = g_strdup_printf ("%s/%s.csr", dir, name);
  g_autofree char *ext = g_strdup_printf ("%s/%s.ext", dir, name);
  g_autofree char *subj = g_strdup_printf ("/CN=%s", cn);

  if (ca_name == NULL)
    {
      const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                             "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                             "-subj", subj, "-keyout", key, "-out", crt, NULL };

      run_or_die (argv);
    }
  else
    {
      g_autofree char *ca_crt = g_strdup_printf ("%s/%s.crt", dir, ca_name);
      g_autofree char *ca_key = g_strdup_printf ("%s/%s.key", dir, ca_name);
      const char *req[] = { "openssl", "req", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:prime256v1", "-nodes", "-subj", subj,
                            "-keyout", key, "-out", csr, NULL };
      const char *sign[] = { "openssl", "x509", "-req", "-in", csr, "-CA", ca_crt,
                             "-CAkey", ca_key, "-CAcreateserial", "-days", "2",
                             "-extfile", ext, "-out", crt, NULL };

      g_assert_true (g_file_set_contents (ext, extensions, -1, NULL));
      run_or_die (req);
      run_or_die (sign);
    }
}

static KdccTestKube *
start_full (const char *objects_json,
            const char *proxy_json,
            const char *oidc_json,
            const char *operator_mode)
{
  g_autoptr(KdccTestKube) kube = g_new0 (KdccTestKube, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *tool = NULL;
  g_autofree char *line = NULL;
  g_autofree char *kubeconfig = NULL;
  g_autoptr(GString) extra = g_string_new (NULL);
  const char *root = g_getenv ("KDCC_SOURCE_ROOT");

  g_assert_nonnull (root);
  kube->dir = g_dir_make_tmp ("kdcc-kube-XXXXXX", &error);
  g_assert_no_error (error);

  make_cert (kube->dir, "ca", "kdcc-test-ca", NULL, NULL);
  make_cert (kube->dir, "other-ca", "some-other-ca", NULL, NULL);
  make_cert (kube->dir, "server", "kube-apiserver", "ca",
             "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
             "extendedKeyUsage=serverAuth\n");
  make_cert (kube->dir, "carol", "carol", "ca", "extendedKeyUsage=clientAuth\n");
  kube->ca_path = g_strdup_printf ("%s/ca.crt", kube->dir);

  /* The caller's objects after the two namespaces. */
  if (objects_json != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (objects_json, &error);
      JsonArray *array;

      g_assert_no_error (error);
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *one = json_to_string (json_array_get_element (array, i), FALSE);

          g_string_append (extra, ",\n");
          g_string_append (extra, one);
        }
    }
  config = g_strdup_printf (
    "{\"cert\": \"%s/server.crt\", \"key\": \"%s/server.key\", \"client_ca\": \"%s\",\n"
    " \"tokens\": {\"admin-token\": \"alice\", \"restricted-token\": \"bob\","
    " \"viewer-token\": \"victor\"},\n"
    " \"admins\": [\"alice\", \"carol\", \"oidc:alice\"],\n"
    " \"oidc\": %s,\n"
    " \"rules\": {\"bob\": [{\"verbs\": [\"get\", \"list\"], \"resources\": [\"pods\"],"
    " \"namespaces\": [\"rook-ceph\"]}],\n"
    "   \"victor\": [{\"verbs\": [\"get\", \"list\"], \"resources\": [\"cephclusters.ceph.rook.io\","
    " \"deployments.apps\", \"services\", \"secrets\"], \"namespaces\": [\"*\"]}]},\n"
    " \"proxy\": %s,\n"
    " \"objects\": [{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"default\"}},\n"
    "   {\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"rook-ceph\"}}%s]}\n",
    kube->dir, kube->dir, kube->ca_path, oidc_json ? oidc_json : "null",
    proxy_json ? proxy_json : "{}", extra->str);
  config_path = g_build_filename (kube->dir, "config.json", NULL);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));

  tool = g_build_filename (root, "tests", "kube", "kdcc-fake-kube-api", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  kube->process = g_subprocess_launcher_spawn (launcher, &error, tool, "--config", config_path,
                                               "--operator", operator_mode, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (kube->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "listening "))
    g_error ("The fake Kubernetes API server did not start (said “%s”)", line ? line : "");
  kube->url = g_strdup (line + strlen ("listening "));

  kubeconfig = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: admin\n"
    "clusters:\n"
    "- name: fake\n  cluster: {server: '%s', certificate-authority: ca.crt}\n"
    "- name: fake-wrong-ca\n  cluster: {server: '%s', certificate-authority: other-ca.crt}\n"
    "- name: fake-insecure\n  cluster: {server: '%s', insecure-skip-tls-verify: true}\n"
    "users:\n"
    "- name: alice\n  user: {token: admin-token}\n"
    "- name: bob\n  user: {token: restricted-token}\n"
    "- name: carol\n  user: {client-certificate: carol.crt, client-key: carol.key}\n"
    "- name: mallory\n  user: {token: not-a-known-token}\n"
    "- name: victor\n  user: {token: viewer-token}\n"
    "contexts:\n"
    "- name: admin\n  context: {cluster: fake, user: alice, namespace: rook-ceph}\n"
    "- name: restricted\n  context: {cluster: fake, user: bob, namespace: rook-ceph}\n"
    "- name: cert\n  context: {cluster: fake, user: carol, namespace: rook-ceph}\n"
    "- name: anonymous\n  context: {cluster: fake, namespace: rook-ceph}\n"
    "- name: badtoken\n  context: {cluster: fake, user: mallory, namespace: rook-ceph}\n"
    "- name: viewer\n  context: {cluster: fake, user: victor, namespace: rook-ceph}\n"
    "- name: wrongca\n  context: {cluster: fake-wrong-ca, user: alice, namespace: rook-ceph}\n"
    "- name: insecure\n  context: {cluster: fake-insecure, user: alice, namespace: rook-ceph}\n",
    kube->url, kube->url, kube->url);
  kube->kubeconfig = g_build_filename (kube->dir, "kubeconfig", NULL);
  g_assert_true (g_file_set_contents (kube->kubeconfig, kubeconfig, -1, NULL));
  return g_steal_pointer (&kube);
}

KdccTestKube *
kdcc_test_kube_start (const char *objects_json,
                      const char *proxy_json)
{
  return start_full (objects_json, proxy_json, NULL, "off");
}

KdccTestKube *
kdcc_test_kube_start_with_operator (const char *objects_json,
                                    const char *proxy_json,
                                    const char *operator_mode)
{
  return start_full (objects_json, proxy_json, NULL, operator_mode);
}

KdccTestKube *
kdcc_test_kube_start_oidc (const char *issuer,
                           const char *client_id)
{
  g_autofree char *oidc = g_strdup_printf ("{\"issuer\": \"%s\", \"client_id\": \"%s\", "
                                           "\"username_claim\": \"preferred_username\", "
                                           "\"username_prefix\": \"oidc:\"}",
                                           issuer, client_id);

  return start_full (NULL, NULL, oidc, "off");
}


void
kdcc_test_kube_free (KdccTestKube *kube)
{
  if (kube == NULL)
    return;
  if (kube->process != NULL)
    {
      g_subprocess_force_exit (kube->process);
      g_subprocess_wait (kube->process, NULL, NULL);
      g_object_unref (kube->process);
    }
  if (kube->dir != NULL)
    kdcc_test_remove_tree (kube->dir);
  g_free (kube->dir);
  g_free (kube->url);
  g_free (kube->kubeconfig);
  g_free (kube->ca_path);
  g_free (kube);
}

int
kdcc_test_kube_kubectl (KdccTestKube  *kube,
                        const char    *context,
                        char         **out,
                        char         **err,
                        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *kubeconfig_arg = g_strconcat ("--kubeconfig=", kube->kubeconfig, NULL);
  g_autofree char *context_arg = g_strconcat ("--context=", context, NULL);
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  va_list ap;
  int status = 0;

  g_ptr_array_add (argv, (char *) "kubectl");
  g_ptr_array_add (argv, kubeconfig_arg);
  g_ptr_array_add (argv, context_arg);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (kube->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &stdout_text, &stderr_text, &status, &error))
    g_error ("Cannot run kubectl: %s", error->message);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

JsonObject *
kdcc_test_kube_control (KdccTestKube *kube,
                        const char   *name)
{
  g_autofree char *url = g_strdup_printf ("%s/fake/%s", kube->url, name);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *argv[] = { "curl", "-sS", "--cacert", kube->ca_path, "-X", "POST", url, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error))
    g_error ("Cannot run curl: %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

/* What Rook would have created in namespace rook-ceph, with the real
 * cluster's fsid and dashboard password. */
char *
kdcc_test_kube_rook_objects (const char *fsid,
                             const char *dashboard_password)
{
  g_autofree char *password64 = g_base64_encode ((const guchar *) dashboard_password,
                                                 strlen (dashboard_password));

  return g_strdup_printf (
    "[{\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephCluster\","
    "  \"metadata\": {\"name\": \"rook-ceph\", \"namespace\": \"rook-ceph\"},"
    "  \"spec\": {\"cephVersion\": {\"image\": \"quay.io/ceph/ceph:v16.2.15\"},"
    "            \"dataDirHostPath\": \"/var/lib/rook\", \"mon\": {\"count\": 1},"
    "            \"dashboard\": {\"enabled\": true, \"ssl\": false}},"
    "  \"status\": {\"phase\": \"Ready\", \"state\": \"Created\","
    "              \"message\": \"Cluster created successfully\","
    "              \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\","
    "                              \"reason\": \"ClusterCreated\","
    "                              \"message\": \"Cluster created successfully\"}],"
    "              \"ceph\": {\"health\": \"HEALTH_WARN\", \"fsid\": \"%s\","
    "                        \"details\": {\"MGR_MODULE_DEPENDENCY\": {\"severity\": \"HEALTH_WARN\","
    "                                      \"message\": \"Module 'restful' has failed dependency\"}},"
    "                        \"capacity\": {\"bytesTotal\": 3221225472, \"bytesUsed\": 1048576,"
    "                                      \"bytesAvailable\": 3220176896},"
    "                        \"versions\": {\"overall\": {\"ceph version 16.2.15\": 5}}},"
    "              \"version\": {\"image\": \"quay.io/ceph/ceph:v16.2.15\", \"version\": \"16.2.15-0\"}}},"
    " {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
    "  \"metadata\": {\"name\": \"rook-ceph-operator\", \"namespace\": \"rook-ceph\","
    "               \"labels\": {\"app\": \"rook-ceph-operator\"}},"
    "  \"spec\": {\"replicas\": 1, \"template\": {\"spec\": {\"containers\": ["
    "            {\"name\": \"rook-ceph-operator\", \"image\": \"docker.io/rook/ceph:v1.16.0\"}]}}}},"
    " {\"apiVersion\": \"v1\", \"kind\": \"Service\","
    "  \"metadata\": {\"name\": \"rook-ceph-mgr-dashboard\", \"namespace\": \"rook-ceph\"},"
    "  \"spec\": {\"ports\": [{\"name\": \"http-dashboard\", \"port\": 7000, \"protocol\": \"TCP\"}]}},"
    " {\"apiVersion\": \"v1\", \"kind\": \"Secret\","
    "  \"metadata\": {\"name\": \"rook-ceph-dashboard-password\", \"namespace\": \"rook-ceph\"},"
    "  \"type\": \"kubernetes.io/rook\", \"data\": {\"password\": \"%s\"}}]",
    fsid, password64);
}

void
kdcc_test_kube_append_log (KdccTestKube *kube,
                           const char   *namespace,
                           const char   *pod,
                           const char   *container,
                           const char   *text)
{
  g_autofree char *url = g_strdup_printf ("%s/fake/log", kube->url);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "namespace");
  json_builder_add_string_value (builder, namespace);
  json_builder_set_member_name (builder, "pod");
  json_builder_add_string_value (builder, pod);
  json_builder_set_member_name (builder, "container");
  json_builder_add_string_value (builder, container);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);
  {
    const char *argv[] = { "curl", "-sS", "-f", "--cacert", kube->ca_path, "-X", "POST",
                           "--data-binary", body, url, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, &error))
      g_error ("Cannot run curl: %s", error->message);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

char *
kdcc_test_kube_rook_upgrade_objects (const char *rook,
                                     const char *ceph,
                                     const char *fsid)
{
  static const char *daemons[][2] = { { "osd", "2" }, { "mgr", "a" }, { "mon", "b" },
                                      { "osd", "0" }, { "mon", "a" }, { "osd", "1" },
                                      { "mon", "c" } };
  GString *s = g_string_new ("[");

  g_string_append_printf (s,
    "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
    " \"metadata\": {\"name\": \"rook-ceph-operator\", \"namespace\": \"rook-ceph\","
    "  \"labels\": {\"app\": \"rook-ceph-operator\", \"operator\": \"rook\"}},"
    " \"spec\": {\"replicas\": 1, \"selector\": {\"matchLabels\": {\"app\": \"rook-ceph-operator\"}},"
    "  \"template\": {\"metadata\": {\"labels\": {\"app\": \"rook-ceph-operator\"}},"
    "   \"spec\": {\"containers\": [{\"name\": \"rook-ceph-operator\","
    "    \"image\": \"docker.io/rook/ceph:%s\"}]}}},"
    " \"status\": {\"replicas\": 1, \"readyReplicas\": 1, \"updatedReplicas\": 1,"
    "  \"availableReplicas\": 1, \"observedGeneration\": 1}}", rook);
  for (guint i = 0; i < G_N_ELEMENTS (daemons); i++)
    g_string_append_printf (s,
      ",{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
      " \"metadata\": {\"name\": \"rook-ceph-%s-%s\", \"namespace\": \"rook-ceph\","
      "  \"labels\": {\"app\": \"rook-ceph-%s\", \"rook_cluster\": \"rook-ceph\","
      "   \"ceph_daemon_type\": \"%s\", \"ceph_daemon_id\": \"%s\","
      "   \"rook-version\": \"%s\", \"ceph-version\": \"%s-0\"}},"
      " \"spec\": {\"replicas\": 1, \"selector\": {\"matchLabels\": {\"app\": \"rook-ceph-%s\"}},"
      "  \"template\": {\"metadata\": {\"labels\": {\"app\": \"rook-ceph-%s\"}},"
      "   \"spec\": {\"containers\": [{\"name\": \"%s\","
      "    \"image\": \"quay.io/ceph/ceph:v%s\"}]}}},"
      " \"status\": {\"replicas\": 1, \"readyReplicas\": 1, \"updatedReplicas\": 1,"
      "  \"availableReplicas\": 1, \"observedGeneration\": 1}}",
      daemons[i][0], daemons[i][1], daemons[i][0], daemons[i][0], daemons[i][1], rook, ceph,
      daemons[i][0], daemons[i][0], daemons[i][0], ceph);
  g_string_append_printf (s,
    ",{\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephCluster\","
    " \"metadata\": {\"name\": \"rook-ceph\", \"namespace\": \"rook-ceph\"},"
    " \"spec\": {\"cephVersion\": {\"image\": \"quay.io/ceph/ceph:v%s\"}},"
    " \"status\": {\"phase\": \"Ready\", \"state\": \"Created\", \"message\": \"Cluster created successfully\","
    "  \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\", \"reason\": \"ClusterCreated\","
    "   \"message\": \"Cluster created successfully\"}],"
    "  \"ceph\": {\"health\": \"HEALTH_OK\", \"fsid\": \"%s\"},"
    "  \"version\": {\"image\": \"quay.io/ceph/ceph:v%s\", \"version\": \"%s-0\"}}}]",
    ceph, fsid, ceph, ceph);
  return g_string_free (s, FALSE);
}

/* One csi-* workload: KIND "DaemonSet" or "Deployment", its containers as
 * "name=image" pairs. */
static void
append_csi_workload (GString            *s,
                     const char         *kind,
                     const char         *name,
                     const char * const *containers)
{
  g_string_append_printf (s,
    ",{\"apiVersion\": \"apps/v1\", \"kind\": \"%s\","
    " \"metadata\": {\"name\": \"%s\", \"namespace\": \"rook-ceph\","
    "  \"labels\": {\"app\": \"%s\"}},"
    " \"spec\": {%s\"selector\": {\"matchLabels\": {\"app\": \"%s\"}},"
    "  \"template\": {\"metadata\": {\"labels\": {\"app\": \"%s\"}},"
    "   \"spec\": {\"containers\": [",
    kind, name, name, g_str_equal (kind, "Deployment") ? "\"replicas\": 2, " : "", name, name);
  for (guint i = 0; containers[i] != NULL; i += 2)
    g_string_append_printf (s, "%s{\"name\": \"%s\", \"image\": \"%s\"}", i > 0 ? ", " : "",
                            containers[i], containers[i + 1]);
  g_string_append (s, "]}}}}");
}

char *
kdcc_test_kube_rook_upgrade_objects_csi (const char *rook,
                                         const char *ceph,
                                         const char *fsid,
                                         const char *cephcsi)
{
  g_autofree char *objects = kdcc_test_kube_rook_upgrade_objects (rook, ceph, fsid);
  g_autofree char *csi = g_strdup_printf ("quay.io/cephcsi/cephcsi:%s", cephcsi);
  GString *s = g_string_new_len (objects, strlen (objects) - 1);  /* without the "]" */
#define SIG "registry.k8s.io/sig-storage/"
  const char *rbd[] = { "driver-registrar", SIG "csi-node-driver-registrar:v2.8.0",
                        "csi-rbdplugin", csi, NULL };
  const char *cephfs[] = { "driver-registrar", SIG "csi-node-driver-registrar:v2.8.0",
                           "csi-cephfsplugin", csi, NULL };
  const char *rbd_prov[] = { "csi-provisioner", SIG "csi-provisioner:v3.5.0",
                             "csi-resizer", SIG "csi-resizer:v1.8.0",
                             "csi-attacher", SIG "csi-attacher:v4.3.0",
                             "csi-snapshotter", SIG "csi-snapshotter:v6.2.2",
                             "csi-rbdplugin", csi, NULL };
  const char *cephfs_prov[] = { "csi-provisioner", SIG "csi-provisioner:v3.5.0",
                                "csi-cephfsplugin", csi, NULL };
#undef SIG

  append_csi_workload (s, "DaemonSet", "csi-rbdplugin", rbd);
  append_csi_workload (s, "DaemonSet", "csi-cephfsplugin", cephfs);
  append_csi_workload (s, "Deployment", "csi-rbdplugin-provisioner", rbd_prov);
  append_csi_workload (s, "Deployment", "csi-cephfsplugin-provisioner", cephfs_prov);
  g_string_append (s, "]");
  return g_string_free (s, FALSE);
}
