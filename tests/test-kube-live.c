/* test-kube-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rook discovery through the fake Kubernetes API server (tests/kube), whose
 * service proxy relays to the real test cluster's dashboard: the CephCluster,
 * its operator and dashboard service are found, the dashboard is read
 * through the API server with Rook's password secret, and what it shows
 * equals the cluster (the real `ceph` CLI) and the direct dashboard
 * connection. kdcc-cli status --kubeconfig shows the same headless;
 * kdcc-cli versions --kubeconfig adds the Rook operator's version and the
 * Ceph-CSI images kubectl lists.
 */
#define G_LOG_DOMAIN "test-kube-live"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-exporters.h"
#include "kdcc-kube-client.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-rook.h"
#include "kdcc-test-compare.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"

static KdccTestCluster *cluster;
static KdccTestKube *kube;

static KdccKubeClient *
client_for (const char *context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (kube->kubeconfig, &error);
  g_autoptr(KdccKubeContext) ctx = NULL;

  g_assert_no_error (error);
  ctx = kdcc_kubeconfig_resolve (kc, context, &error);
  g_assert_no_error (error);
  return kdcc_kube_client_new (ctx);
}

static KdccRookCluster *
discover_one (KdccKubeClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = kdcc_rook_discover (client, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_steal_index (found, 0);
}

static void
test_discovery (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(KdccRookCluster) c = discover_one (client);
  const KdccRookCondition *ready;

  g_assert_cmpstr (c->namespace, ==, "rook-ceph");
  g_assert_cmpstr (c->name, ==, "rook-ceph");
  g_assert_cmpstr (c->phase, ==, "Ready");
  g_assert_cmpstr (c->health, ==, "HEALTH_WARN");
  g_assert_cmpstr (c->fsid, ==, cluster->fsid);
  g_assert_cmpint (c->bytes_total, ==, 3221225472);
  g_assert_cmpstr (c->ceph_version, ==, "16.2.15-0");
  g_assert_cmpuint (c->conditions->len, ==, 1);
  ready = g_ptr_array_index (c->conditions, 0);
  g_assert_cmpstr (ready->type, ==, "Ready");
  g_assert_cmpstr (ready->status, ==, "True");
  g_assert_cmpstr (c->health_details[0], ==,
                   "MGR_MODULE_DEPENDENCY (HEALTH_WARN): Module 'restful' has failed dependency");
  g_assert_cmpstr (c->versions[0], ==, "ceph version 16.2.15: 5");
  g_assert_cmpstr (c->operator_version, ==, "v1.16.0");
  g_assert_cmpstr (c->operator_namespace, ==, "rook-ceph");
  g_assert_null (c->operator_problem);
  g_assert_cmpstr (c->dashboard_service, ==, "rook-ceph-mgr-dashboard");
  g_assert_cmpstr (c->dashboard_port, ==, "http-dashboard");
  g_assert_cmpstr (c->dashboard_scheme, ==, "http");

  /* kubectl sees the same object. */
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, NULL, "get", "cephcluster",
                                             "rook-ceph", "-n", "rook-ceph", "-o",
                                             "jsonpath={.status.phase}/{.status.ceph.fsid}", NULL),
                     ==, 0);
    g_assert_true (g_str_has_prefix (out, "Ready/"));
    g_assert_cmpstr (out + strlen ("Ready/"), ==, cluster->fsid);
  }
}

/* The dashboard behind the API server's service proxy: its snapshot equals
 * the real cluster's state (the ceph CLI) and the direct connection's. */
static void
test_dashboard_through_proxy (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(KdccRookCluster) c = discover_one (client);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccDashboardSource) proxied = NULL;
  g_autoptr(KdccDashboardSource) direct = NULL;
  g_autoptr(KdccSnapshot) via_proxy = NULL;
  g_autoptr(KdccSnapshot) via_direct = NULL;
  g_autoptr(JsonObject) stats = NULL;

  /* The test cluster's dashboard user is not Rook's "admin". */
  proxied = kdcc_rook_dashboard_source_new (client, c, cluster->dashboard_user, NULL, &error);
  g_assert_no_error (error);
  direct = kdcc_dashboard_source_new (cluster->dashboard_url, cluster->dashboard_user,
                                      cluster->dashboard_password, NULL);

  via_proxy = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (proxied), TRUE, NULL, &error);
  g_assert_no_error (error);
  via_direct = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (direct), TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (via_proxy->fsid, ==, cluster->fsid);
  g_assert_cmpstr (via_proxy->fsid, ==, via_direct->fsid);
  g_assert_cmpuint (via_proxy->osds->len, ==, via_direct->osds->len);
  g_assert_cmpuint (via_proxy->pools->len, ==, via_direct->pools->len);
  g_assert_cmpint (via_proxy->health, ==, via_direct->health);

  /* The whole comparison with the real CLI, as for the direct source. */
  kdcc_test_assert_source_matches_cli (cluster, KDCC_SOURCE (proxied), KDCC_TEST_FACTS_ALL,
                                       TRUE, 90);
  stats = kdcc_test_kube_control (kube, "stats");
  g_assert_cmpint (json_object_get_int_member (stats, "requests"), >, 4);
}

/* A saved Kubernetes profile (context, Rook namespace, dashboard user)
 * opens a session like the other kinds: the kubeconfig from KUBECONFIG, the
 * cluster found on the first fetch. */
static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

static void
test_session_from_profile (void)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  KdccCluster *model;

  kdcc_profile_set_kube_context (profile, "admin");
  kdcc_profile_set_rook_namespace (profile, "rook-ceph");
  kdcc_profile_set_user (profile, cluster->dashboard_user);
  g_setenv ("KUBECONFIG", kube->kubeconfig, TRUE);
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_unsetenv ("KUBECONFIG");
  g_assert_no_error (error);
  g_assert_cmpstr (kdcc_source_get_kind (kdcc_session_get_source (session)), ==, "kubernetes");
  model = kdcc_session_get_cluster (session);
  g_assert_cmpstr (kdcc_cluster_get_fsid (model), ==, cluster->fsid);

  /* The Versions page's operator: the one beside the cluster the source
   * found, and no mgr services through the dashboard. */
  {
    GAsyncResult *result = NULL;
    g_autoptr(KdccExporters) exporters = NULL;

    kdcc_exporters_gather_async (kdcc_session_get_source (session), NULL, NULL, NULL,
                                 gathered_cb, &result);
    g_assert_true (kdcc_test_wait_until (have_result, &result, 60000));
    exporters = kdcc_exporters_gather_finish (result, &error);
    g_object_unref (result);
    g_assert_no_error (error);
    g_assert_true (exporters->kubernetes);
    g_assert_true (exporters->operator_known);
    g_assert_cmpstr (exporters->operator_version, ==, "v1.16.0");
    g_assert_cmpstr (exporters->operator_namespace, ==, "rook-ceph");
    g_assert_null (exporters->operator_problem);
    g_assert_null (exporters->exporter_url);
    g_assert_cmpstr (exporters->exporter_problem, ==,
                     "This connection cannot read the manager’s services");
    g_assert_null (exporters->prometheus_url);
    g_assert_null (exporters->alertmanager_url);
  }
  kdcc_session_close (session);

  /* A namespace without a CephCluster fails the first fetch with why. */
  g_clear_object (&session);
  kdcc_profile_set_rook_namespace (profile, "default");
  g_setenv ("KUBECONFIG", kube->kubeconfig, TRUE);
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_unsetenv ("KUBECONFIG");
  g_assert_null (session);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "no CephCluster in namespace default"));
}

static void
test_denied (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("restricted");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = kdcc_rook_discover (client, NULL, NULL, &error);

  /* Denied across namespaces, and in its own namespace too. */
  g_assert_null (found);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "may not list cephclusters.ceph.rook.io in namespace "
                                            "“rook-ceph”"));
}

/* Discovery works for a user who may read everything Rook made but not use
 * the service proxy: reading the dashboard fails with the API server's
 * reason, not as a wrong dashboard password. */
static void
test_proxy_denied (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("viewer");
  g_autoptr(KdccRookCluster) c = discover_one (client);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccSnapshot) snapshot = NULL;

  g_assert_cmpstr (c->operator_version, ==, "v1.16.0");
  source = kdcc_rook_dashboard_source_new (client, c, cluster->dashboard_user, NULL, &error);
  g_assert_no_error (error);
  snapshot = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), TRUE, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "refused to relay /api/auth to the dashboard"));
  g_assert_nonnull (strstr (error->message, "cannot create resource \"services/proxy\""));
}

static void
test_cli_status (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *fsid_line = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("KDCC_CLI"), "status", "--kubeconfig", kube->kubeconfig,
                         "--context", "admin", "--user", cluster->dashboard_user, NULL };
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("kdcc-cli status --kubeconfig failed: %s%s", out, err);
  g_assert_nonnull (strstr (out, "CephCluster rook-ceph/rook-ceph: phase Ready, health HEALTH_WARN"));
  g_assert_nonnull (strstr (out, "operator: docker.io/rook/ceph:v1.16.0 in rook-ceph (version v1.16.0)"));
  fsid_line = g_strdup (cluster->fsid);
  /* The cluster part comes from the dashboard through the proxy. */
  g_assert_nonnull (strstr (out, fsid_line));
  g_assert_nonnull (strstr (out, "OSD"));

  /* A context that may not list CephClusters exits 1 with the reason. */
  {
    const char *denied[] = { g_getenv ("KDCC_CLI"), "status", "--kubeconfig", kube->kubeconfig,
                             "--context", "restricted", NULL };
    g_autofree char *out2 = NULL;
    g_autofree char *err2 = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) denied, NULL, 0, NULL, NULL, &out2, &err2,
                                 &status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (err2, "cephclusters.ceph.rook.io"));
  }
}

static void
apply_manifest (const char *name,
                const char *yaml)
{
  g_autofree char *path = g_build_filename (kube->dir, name, NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (path, yaml, -1, NULL));
  if (kdcc_test_kube_kubectl (kube, "admin", NULL, &err, "apply", "--server-side", "-f", path,
                              NULL) != 0)
    g_error ("kubectl apply %s: %s", name, err);
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static char *
cli_status (void)
{
  const char *argv[] = { g_getenv ("KDCC_CLI"), "status", "--kubeconfig", kube->kubeconfig,
                         "--context", "admin", "--user", cluster->dashboard_user, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("kdcc-cli status --kubeconfig failed: %s%s", out, err);
  return out;
}

/* The Prometheus service beside the cluster: none at first; one labelled
 * as Prometheus; Rook's rook-prometheus wins over it. Removed at the end. */
static void
test_prometheus (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autofree char *out = NULL;

  {
    g_autoptr(KdccRookCluster) c = discover_one (client);

    g_assert_null (c->prometheus_service);
    g_assert_null (c->prometheus_port);
    out = cli_status ();
    g_assert_nonnull (strstr (out, "prometheus: none found"));
    g_clear_pointer (&out, g_free);
  }

  apply_manifest ("prometheus-labelled.yaml",
    "apiVersion: v1\nkind: Service\n"
    "metadata: {name: monitoring-prometheus, namespace: rook-ceph, "
    "labels: {app.kubernetes.io/name: prometheus}}\n"
    "spec: {ports: [{port: 9091, targetPort: 9090}], selector: {app: prometheus}}\n");
  {
    g_autoptr(KdccRookCluster) c = discover_one (client);

    g_assert_cmpstr (c->prometheus_service, ==, "monitoring-prometheus");
    g_assert_cmpstr (c->prometheus_port, ==, "9091");
  }

  /* As deploy/examples/monitoring/prometheus-service.yaml of Rook. */
  apply_manifest ("rook-prometheus.yaml",
    "apiVersion: v1\nkind: Service\n"
    "metadata: {name: rook-prometheus, namespace: rook-ceph}\n"
    "spec:\n  type: NodePort\n"
    "  ports: [{name: web, nodePort: 30900, port: 9090, protocol: TCP, targetPort: web}]\n"
    "  selector: {prometheus: rook-prometheus}\n");
  {
    g_autoptr(KdccRookCluster) c = discover_one (client);

    g_assert_cmpstr (c->prometheus_service, ==, "rook-prometheus");
    g_assert_cmpstr (c->prometheus_port, ==, "web");
  }
  out = cli_status ();
  g_assert_nonnull (strstr (out, "prometheus: service rook-prometheus, port web"));

  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "-n", "rook-ceph",
                                           "delete", "service", "rook-prometheus",
                                           "monitoring-prometheus", NULL), ==, 0);
  {
    g_autoptr(KdccRookCluster) c = discover_one (client);

    g_assert_null (c->prometheus_service);
  }
}

/* Rook's Ceph-CSI DaemonSet and provisioner Deployment (applied with
 * kubectl, read back with it): `kdcc-cli versions --kubeconfig --json`
 * reports the operator's version and exactly kubectl's csi-* containers
 * and images; the text says them too. Removed at the end. */
static void
test_cli_versions (void)
{
  const char *json_argv[] = { g_getenv ("KDCC_CLI"), "versions", "--json", "--kubeconfig",
                              kube->kubeconfig, "--context", "admin", "--user",
                              cluster->dashboard_user, NULL };
  const char *text_argv[] = { g_getenv ("KDCC_CLI"), "versions", "--kubeconfig",
                              kube->kubeconfig, "--context", "admin", "--user",
                              cluster->dashboard_user, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) reported = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *rook;
  JsonArray *csi;
  int status = 0;

  /* One object per file: kubectl validates a List against OpenAPI, which
   * the fake does not serve. */
  apply_manifest ("csi-ds.json",
    "{\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\","
    " \"metadata\": {\"name\": \"csi-rbdplugin\", \"namespace\": \"rook-ceph\"},"
    " \"spec\": {\"selector\": {\"matchLabels\": {\"app\": \"csi-rbdplugin\"}},"
    "  \"template\": {\"metadata\": {\"labels\": {\"app\": \"csi-rbdplugin\"}},"
    "   \"spec\": {\"containers\": ["
    "    {\"name\": \"driver-registrar\","
    "     \"image\": \"registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1\"},"
    "    {\"name\": \"csi-rbdplugin\", \"image\": \"quay.io/cephcsi/cephcsi:v3.12.2\"}]}}}}\n");
  apply_manifest ("csi-deploy.json",
    "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
    " \"metadata\": {\"name\": \"csi-rbdplugin-provisioner\", \"namespace\": \"rook-ceph\"},"
    " \"spec\": {\"replicas\": 2,"
    "  \"selector\": {\"matchLabels\": {\"app\": \"csi-rbdplugin-provisioner\"}},"
    "  \"template\": {\"metadata\": {\"labels\": {\"app\": \"csi-rbdplugin-provisioner\"}},"
    "   \"spec\": {\"containers\": ["
    "    {\"name\": \"csi-provisioner\","
    "     \"image\": \"registry.k8s.io/sig-storage/csi-provisioner:v5.0.1\"},"
    "    {\"name\": \"csi-rbdplugin\", \"image\": \"quay.io/cephcsi/cephcsi:v3.12.2\"}]}}}}\n");

  /* kubectl's view of them: "Kind/name container=image ...". */
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &listed, NULL, "-n", "rook-ceph", "get",
                                           "daemonset/csi-rbdplugin",
                                           "deployment/csi-rbdplugin-provisioner", "-o",
                                           "jsonpath={range .items[*]}{.kind}/{.metadata.name}"
                                           "{range .spec.template.spec.containers[*]}"
                                           " {.name}={.image}{end}{\"\\n\"}{end}", NULL), ==, 0);
  g_assert_cmpstr (listed, ==,
                   "DaemonSet/csi-rbdplugin "
                   "driver-registrar=registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1 "
                   "csi-rbdplugin=quay.io/cephcsi/cephcsi:v3.12.2\n"
                   "Deployment/csi-rbdplugin-provisioner "
                   "csi-provisioner=registry.k8s.io/sig-storage/csi-provisioner:v5.0.1 "
                   "csi-rbdplugin=quay.io/cephcsi/cephcsi:v3.12.2\n");

  g_assert_true (g_spawn_sync (NULL, (char **) json_argv, NULL, 0, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("kdcc-cli versions --kubeconfig failed: %s%s", out, err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  rook = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "rook");
  g_assert_nonnull (rook);
  g_assert_cmpstr (json_object_get_string_member (rook, "operator_version"), ==, "v1.16.0");
  csi = json_object_get_array_member (rook, "csi");
  /* By workload, then container: the same lines as kubectl's, reordered. */
  for (guint i = 0; i < json_array_get_length (csi); i++)
    {
      JsonObject *c = json_array_get_object_element (csi, i);

      g_string_append_printf (reported, "%s/%s %s=%s\n", json_object_get_string_member (c, "kind"),
                              json_object_get_string_member (c, "workload"),
                              json_object_get_string_member (c, "container"),
                              json_object_get_string_member (c, "image"));
    }
  g_assert_cmpstr (reported->str, ==,
                   "DaemonSet/csi-rbdplugin csi-rbdplugin=quay.io/cephcsi/cephcsi:v3.12.2\n"
                   "DaemonSet/csi-rbdplugin driver-registrar="
                   "registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.11.1\n"
                   "Deployment/csi-rbdplugin-provisioner "
                   "csi-provisioner=registry.k8s.io/sig-storage/csi-provisioner:v5.0.1\n"
                   "Deployment/csi-rbdplugin-provisioner "
                   "csi-rbdplugin=quay.io/cephcsi/cephcsi:v3.12.2\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_spawn_sync (NULL, (char **) text_argv, NULL, 0, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Rook operator:   v1.16.0"));
  g_assert_nonnull (strstr (out, "Ceph-CSI:        DaemonSet/csi-rbdplugin csi-rbdplugin: "
                                 "quay.io/cephcsi/cephcsi:v3.12.2"));

  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "-n", "rook-ceph", "delete",
                                           "daemonset/csi-rbdplugin",
                                           "deployment/csi-rbdplugin-provisioner", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *objects = NULL;
  g_autofree char *proxy = NULL;
  int ret;

  /* The direct dashboard source asks the desktop's proxy resolver
   * (libproxy, C++). This test program does not link librados, so no
   * libstdc++ is loaded at start and AddressSanitizer cannot intercept the
   * exception libproxy throws and catches inside: it aborts. Everything
   * here is on 127.0.0.1, so GIO's resolver without proxies is the same. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  cluster = kdcc_test_cluster_get_shared ();
  g_assert_nonnull (cluster->dashboard_url);
  objects = kdcc_test_kube_rook_objects (cluster->fsid, cluster->dashboard_password);
  proxy = g_strdup_printf ("{\"rook-ceph/rook-ceph-mgr-dashboard\": \"%s\"}",
                           cluster->dashboard_url);
  kube = kdcc_test_kube_start (objects, proxy);

  g_test_add_func ("/kube-live/discovery", test_discovery);
  g_test_add_func ("/kube-live/dashboard-through-proxy", test_dashboard_through_proxy);
  g_test_add_func ("/kube-live/session-from-profile", test_session_from_profile);
  g_test_add_func ("/kube-live/denied", test_denied);
  g_test_add_func ("/kube-live/proxy-denied", test_proxy_denied);
  g_test_add_func ("/kube-live/cli-status", test_cli_status);
  g_test_add_func ("/kube-live/prometheus", test_prometheus);
  g_test_add_func ("/kube-live/cli-versions", test_cli_versions);

  ret = g_test_run ();
  kdcc_test_kube_free (kube);
  kdcc_test_cluster_free (cluster);
  return kdcc_test_exit (ret);
}
