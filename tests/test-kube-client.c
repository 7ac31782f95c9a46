/* test-kube-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccKubeClient against the fake Kubernetes API server (tests/kube), which
 * the real kubectl drives too: what KDCC writes kubectl reads back
 * identically and the other way round; pages, conflicts, server-side apply
 * field ownership, RBAC denials, bad credentials and TLS trust.
 */
#define G_LOG_DOMAIN "test-kube-client"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kdcc-error.h"
#include "kdcc-kube-client.h"
#include "kdcc-kube-watch.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-test-kube.h"
#include "kdcc-yaml.h"

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

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = kdcc_yaml_load ("test", json, -1, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static JsonNode *
kubectl_json (const char *context,
              ...)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  JsonNode *node;
  va_list ap;
  int rc;

  va_start (ap, context);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  /* kubectl hides managedFields unless asked; KDCC gets them. */
  g_ptr_array_add (args, (char *) "-o");
  g_ptr_array_add (args, (char *) "json");
  g_ptr_array_add (args, (char *) "--show-managed-fields");
  g_assert_cmpuint (args->len, <=, 8);
  while (args->len < 9)
    g_ptr_array_add (args, NULL);

  rc = kdcc_test_kube_kubectl (kube, context, &out, &err,
                               args->pdata[0], args->pdata[1], args->pdata[2], args->pdata[3],
                               args->pdata[4], args->pdata[5], args->pdata[6], args->pdata[7],
                               args->pdata[8], NULL);
  if (rc != 0)
    g_error ("kubectl failed (%d): %s", rc, err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

static void
assert_same_object (JsonObject *a,
                    JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);

  if (!json_node_equal (na, nb))
    {
      g_autofree char *ta = json_to_string (na, TRUE);
      g_autofree char *tb = json_to_string (nb, TRUE);

      g_error ("Objects differ:\n%s\n--- and ---\n%s", ta, tb);
    }
}

static const char cluster_yaml[] =
  "apiVersion: ceph.rook.io/v1\n"
  "kind: CephCluster\n"
  "metadata: {name: my-cluster, namespace: rook-ceph, labels: {app: kdcc-test}}\n"
  "spec:\n"
  "  cephVersion: {image: 'quay.io/ceph/ceph:v16.2.15'}\n"
  "  dataDirHostPath: /var/lib/rook\n"
  "  mon: {count: 3, allowMultiplePerNode: false}\n"
  "  dashboard: {enabled: true, ssl: false}\n";

/* KDCC creates a CephCluster, kubectl reads it identically; kubectl
 * changes it, KDCC reads the change; conflicts and deletion. */
static void
test_crud (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(JsonObject) object = parse_object (cluster_yaml);
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) got = NULL;
  g_autoptr(JsonObject) patched = NULL;
  g_autoptr(JsonObject) patch = NULL;
  g_autoptr(JsonNode) from_kubectl = NULL;
  g_autoptr(JsonArray) ops = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  created = kdcc_kube_client_create (client, &kdcc_kube_cephclusters, "rook-ceph", object, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (created, "metadata"), "name"),
                   ==, "my-cluster");

  /* The same object twice is a 409 that names it. */
  again = kdcc_kube_client_create (client, &kdcc_kube_cephclusters, "rook-ceph", object, NULL,
                                   &error);
  g_assert_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "“my-cluster” already exists"));
  g_assert_null (again);
  g_clear_error (&error);

  got = kdcc_kube_client_get (client, &kdcc_kube_cephclusters, "rook-ceph", "my-cluster", NULL,
                              &error);
  g_assert_no_error (error);
  assert_same_object (got, created);
  from_kubectl = kubectl_json ("admin", "get", "cephcluster", "my-cluster", NULL);
  assert_same_object (got, json_node_get_object (from_kubectl));
  g_clear_pointer (&from_kubectl, json_node_unref);
  g_clear_pointer (&got, json_object_unref);

  /* kubectl patches, KDCC reads. */
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "patch", "cephcluster",
                                           "my-cluster", "--type=merge", "-p",
                                           "{\"spec\":{\"mon\":{\"count\":5}}}", NULL), ==, 0);
  got = kdcc_kube_client_get (client, &kdcc_kube_cephclusters, "rook-ceph", "my-cluster", NULL,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (got, "spec"), "mon"), "count"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (got, "metadata"), "generation"), ==, 2);

  /* KDCC merge-patches, kubectl reads. */
  patch = parse_object ("{\"spec\": {\"mon\": {\"count\": 1, \"allowMultiplePerNode\": null}}}");
  patched = kdcc_kube_client_merge_patch (client, &kdcc_kube_cephclusters, "rook-ceph",
                                          "my-cluster", patch, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, NULL, "get", "cephcluster",
                                           "my-cluster", "-o",
                                           "jsonpath={.spec.mon.count}/{.spec.mon.allowMultiplePerNode}",
                                           NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1/");
  g_clear_pointer (&out, g_free);
  from_kubectl = kubectl_json ("admin", "get", "cephcluster", "my-cluster", NULL);
  assert_same_object (patched, json_node_get_object (from_kubectl));
  g_clear_pointer (&patched, json_object_unref);

  /* A JSON patch whose test fails changes nothing. */
  {
    g_autoptr(JsonNode) node = kdcc_yaml_load ("ops",
      "[{op: test, path: /spec/mon/count, value: 1}, {op: replace, path: /spec/mon/count, value: 2}]",
      -1, NULL);

    ops = json_array_ref (json_node_get_array (node));
  }
  patched = kdcc_kube_client_json_patch (client, &kdcc_kube_cephclusters, "rook-ceph",
                                         "my-cluster", ops, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (patched, "spec"), "mon"), "count"), ==, 2);

  /* Delete, then 404 for get and delete. */
  g_assert_true (kdcc_kube_client_delete (client, &kdcc_kube_cephclusters, "rook-ceph",
                                          "my-cluster", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, json_object_unref);
  got = kdcc_kube_client_get (client, &kdcc_kube_cephclusters, "rook-ceph", "my-cluster", NULL,
                              &error);
  g_assert_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no CephCluster “my-cluster” in namespace “rook-ceph”"));
  g_clear_error (&error);
  g_assert_false (kdcc_kube_client_delete (client, &kdcc_kube_cephclusters, "rook-ceph",
                                           "my-cluster", NULL, &error));
  g_assert_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "get", "cephcluster",
                                           "my-cluster", NULL), !=, 0);
}

/* Server-side apply: KDCC and kubectl as two field managers of one
 * object; the conflict on a field the other owns, and force. */
static void
test_apply (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(JsonObject) object = parse_object (
    "{apiVersion: ceph.rook.io/v1, kind: CephBlockPool,"
    " metadata: {name: replicapool, namespace: rook-ceph},"
    " spec: {failureDomain: host, replicated: {size: 3}}}");
  g_autoptr(JsonObject) applied = NULL;
  g_autoptr(JsonObject) conflicting = NULL;
  g_autoptr(JsonNode) from_kubectl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  applied = kdcc_kube_client_apply (client, &kdcc_kube_cephblockpools, object, "kdcc", FALSE,
                                    NULL, &error);
  g_assert_no_error (error);
  from_kubectl = kubectl_json ("admin", "get", "cephblockpool", "replicapool", NULL);
  assert_same_object (applied, json_node_get_object (from_kubectl));

  /* kubectl applies another size: the field is KDCC's, so it conflicts. */
  manifest = g_build_filename (kube->dir, "pool.yaml", NULL);
  g_assert_true (g_file_set_contents (manifest,
    "apiVersion: ceph.rook.io/v1\nkind: CephBlockPool\n"
    "metadata: {name: replicapool, namespace: rook-ceph}\n"
    "spec: {replicated: {size: 2}, deviceClass: ssd}\n", -1, NULL));
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, &err, "apply", "--server-side",
                                           "-f", manifest, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "conflict"));
  g_assert_nonnull (strstr (err, "kdcc"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "apply", "--server-side",
                                           "--force-conflicts", "-f", manifest, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  /* Now kubectl owns size; KDCC's old value conflicts, force wins. */
  conflicting = kdcc_kube_client_apply (client, &kdcc_kube_cephblockpools, object, "kdcc", FALSE,
                                        NULL, &error);
  g_assert_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "conflict with \"kubectl\": .spec.replicated.size"));
  g_assert_null (conflicting);
  g_clear_error (&error);

  conflicting = kdcc_kube_client_apply (client, &kdcc_kube_cephblockpools, object, "kdcc", TRUE,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, NULL, "get", "cephblockpool",
                                           "replicapool", "-o",
                                           "jsonpath={.spec.replicated.size}/{.spec.deviceClass}/{.spec.failureDomain}",
                                           NULL), ==, 0);
  /* kubectl's deviceClass stays: only the conflicting field moved. */
  g_assert_cmpstr (out, ==, "3/ssd/host");
}

static void
test_list_pages (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("cert");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonObject) stats = NULL;
  g_autoptr(JsonNode) from_kubectl = NULL;
  g_autofree char *version = NULL;

  for (int i = 0; i < 7; i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: cm-%d, labels: {parity: %s}},"
        " data: {n: '%d'}}", i, i % 2 ? "odd" : "even", i);
      g_autoptr(JsonObject) cm = parse_object (text);
      g_autoptr(JsonObject) created = kdcc_kube_client_create (client, &kdcc_kube_configmaps,
                                                               "default", cm, NULL, &error);

      g_assert_no_error (error);
    }

  kdcc_kube_client_set_page_size (client, 2);
  items = kdcc_kube_client_list (client, &kdcc_kube_configmaps, "default", NULL, &version, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  g_assert_nonnull (version);
  from_kubectl = kubectl_json ("cert", "get", "configmaps", "-n", "default", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (from_kubectl), "items")), ==, 7);
  g_clear_pointer (&items, json_array_unref);

  items = kdcc_kube_client_list (client, &kdcc_kube_configmaps, NULL, "parity=odd", NULL, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_clear_pointer (&items, json_array_unref);

  /* A continue token that expires between pages: one 410, then the whole
   * list again at once. */
  g_clear_pointer (&stats, json_object_unref);
  json_object_unref (kdcc_test_kube_control (kube, "expire-next-continue"));
  items = kdcc_kube_client_list (client, &kdcc_kube_configmaps, "default", NULL, NULL, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), ==, 7);
  stats = kdcc_test_kube_control (kube, "stats");
  g_assert_cmpint (json_object_get_int_member (stats, "expired_served"), ==, 1);
}

static void
test_denials (void)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(KdccKubeClient) client = client_for ("restricted");
    g_autoptr(JsonArray) items = kdcc_kube_client_list (client, &kdcc_kube_cephclusters, NULL,
                                                        NULL, NULL, NULL, &error);

    g_assert_null (items);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "user “bob”"));
    g_assert_nonnull (strstr (error->message, "may not list cephclusters.ceph.rook.io in all "
                                              "namespaces"));
    g_assert_nonnull (strstr (error->message, "verb “list” on “cephclusters” in the API group "
                                              "“ceph.rook.io”"));
    g_clear_error (&error);

    /* What the rules allow works. */
    items = kdcc_kube_client_list (client, &kdcc_kube_pods, "rook-ceph", NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (items);
    json_array_unref (items);
    items = NULL;

    items = kdcc_kube_client_list (client, &kdcc_kube_secrets, "rook-ceph", NULL, NULL, NULL,
                                   &error);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
    g_assert_nonnull (strstr (error->message, "may not list secrets in namespace “rook-ceph”"));
    g_clear_error (&error);
  }

  {
    const char *contexts[] = { "anonymous", "badtoken" };

    for (guint i = 0; i < G_N_ELEMENTS (contexts); i++)
      {
        g_autoptr(KdccKubeClient) client = client_for (contexts[i]);
        g_autoptr(JsonObject) ns = kdcc_kube_client_get (client, &kdcc_kube_namespaces, NULL,
                                                         "default", NULL, &error);

        g_assert_null (ns);
        g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
        g_assert_nonnull (strstr (error->message, "HTTP 401"));
        g_clear_error (&error);
      }
  }

  {
    g_autoptr(KdccKubeClient) client = client_for ("wrongca");
    g_autoptr(JsonObject) ns = kdcc_kube_client_get (client, &kdcc_kube_namespaces, NULL,
                                                     "default", NULL, &error);

    g_assert_null (ns);
    g_assert_error (error, KDCC_ERROR, KDCC_ERROR_TLS);
    g_assert_nonnull (strstr (error->message, "not trusted by the kubeconfig's certificate "
                                              "authority"));
    g_clear_error (&error);
  }

  {
    g_autoptr(KdccKubeClient) client = client_for ("insecure");
    g_autoptr(JsonObject) ns = kdcc_kube_client_get (client, &kdcc_kube_namespaces, NULL,
                                                     "default", NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (ns);
  }

  {
    /* A resource the server does not serve. */
    static const KdccKubeResource nope = { "example.com", "v1", "widgets", "Widget", TRUE };
    g_autoptr(KdccKubeClient) client = client_for ("admin");
    g_autoptr(JsonArray) items = kdcc_kube_client_list (client, &nope, NULL, NULL, NULL, NULL,
                                                        &error);

    g_assert_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "does not serve widgets.example.com"));
  }
}

/* An exec plugin (a script) gives the admin token; the same with an
 * expired token fails before any request. */
static void
test_exec_plugin (void)
{
  g_autofree char *script = g_build_filename (kube->dir, "plugin.sh", NULL);
  g_autofree char *config = g_build_filename (kube->dir, "exec.kubeconfig", NULL);
  g_autofree char *text = NULL;
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(JsonObject) ns = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (script,
    "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
    "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"admin-token\","
    "\"expirationTimestamp\":\"2099-01-01T00:00:00Z\"}}'\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  text = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: exec\n"
    "clusters:\n- name: fake\n  cluster: {server: '%s', certificate-authority: ca.crt}\n"
    "users:\n- name: plugin\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1,"
    " command: ./plugin.sh, interactiveMode: Never}\n"
    "contexts:\n- name: exec\n  context: {cluster: fake, user: plugin}\n", kube->url);
  g_assert_true (g_file_set_contents (config, text, -1, NULL));

  kc = kdcc_kubeconfig_load (config, &error);
  g_assert_no_error (error);
  ctx = kdcc_kubeconfig_resolve (kc, NULL, &error);
  g_assert_no_error (error);
  client = kdcc_kube_client_new (ctx);
  ns = kdcc_kube_client_get (client, &kdcc_kube_namespaces, NULL, "rook-ceph", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ns);

  /* kubectl runs the same plugin and gets the same answer. */
  {
    const char *argv[] = { "kubectl", "--kubeconfig", config, "get", "namespace", "rook-ceph",
                           "-o", "jsonpath={.metadata.uid}", NULL };
    int status = 0;

    g_assert_true (g_spawn_sync (kube->dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                 NULL, &out, NULL, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (out, ==,
                     json_object_get_string_member (json_object_get_object_member (ns, "metadata"), "uid"));
  }
}

typedef struct
{
  guint      listed;
  guint      last_list_len;
  GPtrArray *events;   /* "TYPE name" */
  GError    *error;
} WatchLog;

static void
watch_listed_cb (KdccKubeWatch *watch,
                 JsonArray     *items,
                 WatchLog      *log)
{
  log->listed++;
  log->last_list_len = json_array_get_length (items);
}

static void
watch_event_cb (KdccKubeWatch *watch,
                const char    *type,
                JsonObject    *object,
                WatchLog      *log)
{
  JsonObject *metadata = json_object_get_object_member (object, "metadata");

  g_ptr_array_add (log->events, g_strdup_printf ("%s %s", type,
                                                 json_object_get_string_member (metadata, "name")));
}

static void
watch_failed_cb (KdccKubeWatch *watch,
                 GError        *error,
                 WatchLog      *log)
{
  g_clear_error (&log->error);
  log->error = g_error_copy (error);
}

static gboolean
has_event (WatchLog   *log,
           const char *text)
{
  for (guint i = 0; i < log->events->len; i++)
    if (g_str_equal (g_ptr_array_index (log->events, i), text))
      return TRUE;
  return FALSE;
}

/* Spins the main context until TEXT was seen (or 30 s passed). */
static void
wait_for_event (WatchLog   *log,
                const char *text)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!has_event (log, text) && log->error == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (log->error);
  if (!has_event (log, text))
    g_error ("No watch event “%s” within 30 s", text);
}

/* A ConfigMap manifest in the fake's folder; the path stays valid until
 * the next call. */
static const char *
write_configmap (const char *name)
{
  static char *path;
  g_autofree char *text = g_strdup_printf (
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s, namespace: rook-ceph}\n"
    "data: {a: '1'}\n", name);

  g_free (path);
  path = g_build_filename (kube->dir, "configmap.yaml", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* A list then a watch: what kubectl changes arrives as events; when the
 * server compacts the versions away (410), the watch lists again and
 * goes on. */
static void
test_watch (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(KdccKubeWatch) watch = NULL;
  WatchLog log = { 0, 0, g_ptr_array_new_with_free_func (g_free), NULL };
  gint64 end;

  watch = kdcc_kube_watch_new (client, &kdcc_kube_configmaps, "rook-ceph", NULL);
  g_signal_connect (watch, "listed", G_CALLBACK (watch_listed_cb), &log);
  g_signal_connect (watch, "event", G_CALLBACK (watch_event_cb), &log);
  g_signal_connect (watch, "failed", G_CALLBACK (watch_failed_cb), &log);
  kdcc_kube_watch_start (watch);

  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (log.listed == 0 && log.error == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (log.error);
  g_assert_cmpuint (log.listed, ==, 1);
  g_assert_cmpuint (log.last_list_len, ==, 0);

  /* Manifests, not `kubectl create configmap`: kubectl sends built-in
   * types as protobuf, which the fake does not speak. */
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "create", "-f",
                                           write_configmap ("watched"), NULL), ==, 0);
  wait_for_event (&log, "ADDED watched");
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "patch", "configmap",
                                           "watched", "--type=merge", "-p",
                                           "{\"metadata\":{\"labels\":{\"kdcc\":\"yes\"}}}",
                                           NULL), ==, 0);
  wait_for_event (&log, "MODIFIED watched");
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "delete", "configmap",
                                           "watched", NULL), ==, 0);
  wait_for_event (&log, "DELETED watched");

  /* The server drops its history: the watch reconnects, learns that its
   * version is gone, lists again and sees what came after. */
  json_object_unref (kdcc_test_kube_control (kube, "compact"));
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "create", "-f",
                                           write_configmap ("after-compaction"), NULL), ==, 0);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (log.listed < 2 && log.error == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (log.error);
  g_assert_cmpuint (kdcc_kube_watch_get_lists (watch), >=, 2);
  /* The new object is in the new list (or, if created after it, an event). */
  g_assert_cmpuint (log.last_list_len, >=, 0);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "create", "-f",
                                           write_configmap ("after-relist"), NULL), ==, 0);
  wait_for_event (&log, "ADDED after-relist");

  kdcc_kube_watch_stop (watch);
  g_ptr_array_unref (log.events);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  kube = kdcc_test_kube_start (NULL, NULL);

  g_test_add_func ("/kube-client/crud", test_crud);
  g_test_add_func ("/kube-client/apply", test_apply);
  g_test_add_func ("/kube-client/list-pages", test_list_pages);
  g_test_add_func ("/kube-client/denials", test_denials);
  g_test_add_func ("/kube-client/exec-plugin", test_exec_plugin);
  g_test_add_func ("/kube-client/watch", test_watch);

  ret = g_test_run ();
  kdcc_test_kube_free (kube);
  return ret;
}
