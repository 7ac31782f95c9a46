/* test-kube-inventory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Kubernetes view's core against the fake Kubernetes API server: Rook's
 * custom resources, daemon pods and deployments as models, listed and then
 * followed by watches; a section the user may not read has its own 403
 * naming the verb and the resource while the others are read; pod logs,
 * bounded and followed, read back identically by the real kubectl.
 */
#define G_LOG_DOMAIN "test-kube-inventory"

#include "config.h"

#include <string.h>

#include "kdcc-error.h"
#include "kdcc-kube-client.h"
#include "kdcc-kube-inventory.h"
#include "kdcc-kube-logs.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-test-kube.h"
#include "kdcc-yaml.h"

#define NS "rook-ceph"
/* Generous: the machine is shared; a condition normally holds in well
 * under a second. */
#define DEADLINE_S 60

static KdccTestKube *kube;

static const char objects_json[] =
  "["
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephBlockPool\","
  "  \"metadata\": {\"name\": \"replicapool\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"replicated\": {\"size\": 3}},"
  "  \"status\": {\"phase\": \"Ready\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\","
  "   \"reason\": \"PoolCreated\"}]}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephBlockPool\","
  "  \"metadata\": {\"name\": \"broken\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"replicated\": {\"size\": 5}},"
  "  \"status\": {\"phase\": \"Failure\", \"message\": \"not enough hosts for size 5\"}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephFilesystem\","
  "  \"metadata\": {\"name\": \"myfs\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"metadataServer\": {\"activeCount\": 1}},"
  "  \"status\": {\"phase\": \"Ready\"}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephObjectStore\","
  "  \"metadata\": {\"name\": \"my-store\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"gateway\": {\"port\": 80}},"
  "  \"status\": {\"phase\": \"Progressing\"}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephObjectStoreUser\","
  "  \"metadata\": {\"name\": \"backup\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"store\": \"my-store\"}, \"status\": {\"phase\": \"Ready\"}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-mon-a-5d7f\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-mon\", \"ceph_daemon_type\": \"mon\", \"ceph_daemon_id\": \"a\"}},"
  "  \"spec\": {\"nodeName\": \"node-1\", \"containers\": ["
  "   {\"name\": \"mon\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"},"
  "   {\"name\": \"log-collector\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]},"
  "  \"status\": {\"phase\": \"Running\", \"containerStatuses\": ["
  "   {\"name\": \"mon\", \"ready\": true, \"restartCount\": 0, \"state\": {\"running\": {}}},"
  "   {\"name\": \"log-collector\", \"ready\": true, \"restartCount\": 1, \"state\": {\"running\": {}}}]}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-osd-0-77c9\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-osd\", \"ceph_daemon_type\": \"osd\", \"ceph_daemon_id\": \"0\"}},"
  "  \"spec\": {\"nodeName\": \"node-2\", \"containers\": ["
  "   {\"name\": \"osd\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]},"
  "  \"status\": {\"phase\": \"Running\", \"containerStatuses\": ["
  "   {\"name\": \"osd\", \"ready\": false, \"restartCount\": 7,"
  "    \"state\": {\"waiting\": {\"reason\": \"CrashLoopBackOff\"}}}]}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-operator-6c4b\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-operator\"}},"
  "  \"spec\": {\"nodeName\": \"node-1\", \"containers\": ["
  "   {\"name\": \"rook-ceph-operator\", \"image\": \"rook/ceph:v1.16.0\"}]},"
  "  \"status\": {\"phase\": \"Running\", \"containerStatuses\": ["
  "   {\"name\": \"rook-ceph-operator\", \"ready\": true, \"restartCount\": 0}]}},"
  " {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
  "  \"metadata\": {\"name\": \"rook-ceph-mon-a\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-mon\", \"rook-version\": \"v1.16.0\","
  "    \"ceph-version\": \"19.2.0-0\"}},"
  "  \"spec\": {\"replicas\": 1, \"template\": {\"spec\": {\"containers\": ["
  "   {\"name\": \"mon\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]}}},"
  "  \"status\": {\"replicas\": 1, \"readyReplicas\": 1, \"availableReplicas\": 1}},"
  " {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
  "  \"metadata\": {\"name\": \"rook-ceph-osd-0\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-osd\", \"rook-version\": \"v1.16.0\","
  "    \"ceph-version\": \"19.2.0-0\"}},"
  "  \"spec\": {\"replicas\": 1, \"template\": {\"spec\": {\"containers\": ["
  "   {\"name\": \"osd\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]}}},"
  "  \"status\": {\"replicas\": 1, \"readyReplicas\": 0, \"availableReplicas\": 0}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"other-app\", \"namespace\": \"default\"},"
  "  \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"busybox\"}]}}"
  "]";

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

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static KdccKubeItem *
find_item (GListModel *model,
           const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KdccKubeItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (kdcc_kube_item_get_name (item), name) == 0)
        return item;
    }
  return NULL;
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_kube_inventory_refresh_finish (KDCC_KUBE_INVENTORY (object), result,
                                                     &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
refresh (KdccKubeInventory *inventory)
{
  gboolean done = FALSE;

  kdcc_kube_inventory_refresh_async (inventory, NULL, refresh_done_cb, &done);
  g_assert_true (kdcc_kube_inventory_get_loading (inventory));
  wait_for (is_true, &done, "the refresh");
  g_assert_false (kdcc_kube_inventory_get_loading (inventory));
}

static void
test_sections (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(KdccKubeInventory) inventory = kdcc_kube_inventory_new (client, NS);
  GListModel *pools = kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_BLOCK_POOLS);
  GListModel *pods = kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_PODS);
  GListModel *deployments = kdcc_kube_inventory_get_model (inventory,
                                                           KDCC_KUBE_SECTION_DEPLOYMENTS);
  KdccKubeItem *item;

  refresh (inventory);
  for (guint i = 0; i < KDCC_KUBE_N_SECTIONS; i++)
    g_assert_null (kdcc_kube_inventory_get_error (inventory, i));

  /* Sorted by name; only the namespace's objects. */
  g_assert_cmpuint (g_list_model_get_n_items (pools), ==, 2);
  item = g_list_model_get_item (pools, 0);
  g_assert_cmpstr (kdcc_kube_item_get_name (item), ==, "broken");
  g_assert_cmpstr (kdcc_kube_item_get_kind (item), ==, "CephBlockPool");
  g_assert_cmpstr (kdcc_kube_item_get_status (item), ==, "Failure");
  g_assert_false (kdcc_kube_item_get_healthy (item));
  g_assert_cmpstr (kdcc_kube_item_get_detail (item), ==, "not enough hosts for size 5");
  g_object_unref (item);
  item = find_item (pools, "replicapool");
  g_assert_nonnull (item);
  g_assert_true (kdcc_kube_item_get_healthy (item));
  g_assert_cmpstr (kdcc_kube_item_get_detail (item), ==, "Ready=True (PoolCreated)");
  /* The fake stamps creationTimestamp now: an age of seconds. */
  g_assert_true (g_str_has_suffix (kdcc_kube_item_get_age (item), "s"));

  g_assert_cmpuint (g_list_model_get_n_items (
    kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_FILESYSTEMS)), ==, 1);
  item = find_item (kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_OBJECT_STORES),
                    "my-store");
  g_assert_nonnull (item);
  g_assert_cmpstr (kdcc_kube_item_get_status (item), ==, "Progressing");
  g_assert_false (kdcc_kube_item_get_healthy (item));
  item = find_item (kdcc_kube_inventory_get_model (inventory,
                                                   KDCC_KUBE_SECTION_OBJECT_STORE_USERS),
                    "backup");
  g_assert_nonnull (item);
  g_assert_true (kdcc_kube_item_get_healthy (item));

  g_assert_cmpuint (g_list_model_get_n_items (pods), ==, 3);
  item = find_item (pods, "rook-ceph-mon-a-5d7f");
  g_assert_nonnull (item);
  g_assert_cmpstr (kdcc_kube_item_get_ready (item), ==, "2/2");
  g_assert_cmpuint (kdcc_kube_item_get_restarts (item), ==, 1);
  g_assert_true (kdcc_kube_item_get_healthy (item));
  g_assert_cmpstr (kdcc_kube_item_get_node (item), ==, "node-1");
  g_assert_cmpstr (kdcc_kube_item_get_image (item), ==, "quay.io/ceph/ceph:v19.2.0");
  g_assert_cmpstr (kdcc_kube_item_get_detail (item), ==, "mon.a");
  g_assert_cmpstr (kdcc_kube_item_get_component (item), ==, "rook-ceph-mon");
  g_assert_cmpuint (g_strv_length ((GStrv) kdcc_kube_item_get_containers (item)), ==, 2);
  g_assert_cmpstr (kdcc_kube_item_get_containers (item)[1], ==, "log-collector");
  item = find_item (pods, "rook-ceph-osd-0-77c9");
  g_assert_nonnull (item);
  /* A crash loop is "Running" to the pod: the waiting reason shows. */
  g_assert_cmpstr (kdcc_kube_item_get_status (item), ==, "CrashLoopBackOff");
  g_assert_cmpstr (kdcc_kube_item_get_ready (item), ==, "0/1");
  g_assert_cmpuint (kdcc_kube_item_get_restarts (item), ==, 7);
  g_assert_false (kdcc_kube_item_get_healthy (item));

  item = find_item (deployments, "rook-ceph-mon-a");
  g_assert_nonnull (item);
  g_assert_cmpstr (kdcc_kube_item_get_rook_version (item), ==, "v1.16.0");
  g_assert_cmpstr (kdcc_kube_item_get_ceph_version (item), ==, "19.2.0-0");
  g_assert_cmpstr (kdcc_kube_item_get_ready (item), ==, "1/1");
  g_assert_true (kdcc_kube_item_get_healthy (item));
  item = find_item (deployments, "rook-ceph-osd-0");
  g_assert_nonnull (item);
  g_assert_cmpstr (kdcc_kube_item_get_status (item), ==, "Unavailable");
  g_assert_false (kdcc_kube_item_get_healthy (item));
}

static void
test_denied_sections (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("restricted");
  g_autoptr(KdccKubeInventory) inventory = kdcc_kube_inventory_new (client, NS);
  const char *error;

  refresh (inventory);
  /* bob may list pods in rook-ceph, and nothing else. */
  g_assert_null (kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_PODS));
  g_assert_cmpuint (g_list_model_get_n_items (
    kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_PODS)), ==, 3);
  error = kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_BLOCK_POOLS);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "“list”"));
  g_assert_nonnull (strstr (error, "cephblockpools.ceph.rook.io"));
  g_assert_nonnull (strstr (error, "HTTP 403"));
  error = kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_DEPLOYMENTS);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "deployments.apps"));
  g_assert_cmpuint (g_list_model_get_n_items (
    kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_DEPLOYMENTS)), ==, 0);
}

typedef struct
{
  KdccKubeInventory *inventory;
  KdccKubeSection    section;
  const char        *name;
  const char        *status;   /* NULL: the item is gone */
} ItemWait;

static gboolean
item_in_state (gpointer data)
{
  ItemWait *w = data;
  KdccKubeItem *item = find_item (kdcc_kube_inventory_get_model (w->inventory, w->section),
                                  w->name);

  if (w->status == NULL)
    return item == NULL;
  return item != NULL && g_strcmp0 (kdcc_kube_item_get_status (item), w->status) == 0;
}

static gboolean
not_loading (gpointer data)
{
  return !kdcc_kube_inventory_get_loading (data);
}

static gboolean
section_has_error (gpointer data)
{
  ItemWait *w = data;

  return kdcc_kube_inventory_get_error (w->inventory, w->section) != NULL;
}

static void
test_watch (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(KdccKubeInventory) inventory = kdcc_kube_inventory_new (client, NS);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) patch = NULL;
  ItemWait w = { inventory, KDCC_KUBE_SECTION_PODS, "rook-ceph-mgr-a-1234", "Pending" };
  int rc;

  kdcc_kube_inventory_start (inventory);
  g_assert_true (kdcc_kube_inventory_get_loading (inventory));
  wait_for (not_loading, inventory, "every section listed");
  g_assert_cmpuint (g_list_model_get_n_items (
    kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_PODS)), ==, 3);

  /* A pod created on the server appears… */
  node = kdcc_yaml_load ("pod", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": "
                         "{\"name\": \"rook-ceph-mgr-a-1234\", \"namespace\": \"rook-ceph\"}, "
                         "\"spec\": {\"containers\": [{\"name\": \"mgr\", \"image\": \"ceph\"}]}, "
                         "\"status\": {\"phase\": \"Pending\"}}", -1, &error);
  g_assert_no_error (error);
  created = kdcc_kube_client_create (client, &kdcc_kube_pods, NS,
                                     json_node_get_object (node), NULL, &error);
  g_assert_no_error (error);
  wait_for (item_in_state, &w, "the new pod");

  /* …a change made by kubectl shows… */
  rc = kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "-n", NS, "patch", "cephblockpool",
                               "broken", "--type=merge", "-p",
                               "{\"status\": {\"phase\": \"Ready\"}}", NULL);
  g_assert_cmpint (rc, ==, 0);
  w.section = KDCC_KUBE_SECTION_BLOCK_POOLS;
  w.name = "broken";
  w.status = "Ready";
  wait_for (item_in_state, &w, "the patched pool");

  /* …and a deleted pod goes. */
  rc = kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "-n", NS, "delete", "pod",
                               "rook-ceph-mgr-a-1234", "--wait=false", NULL);
  g_assert_cmpint (rc, ==, 0);
  w.section = KDCC_KUBE_SECTION_PODS;
  w.name = "rook-ceph-mgr-a-1234";
  w.status = NULL;
  wait_for (item_in_state, &w, "the deleted pod to go");

  kdcc_kube_inventory_stop (inventory);
  g_assert_false (kdcc_kube_inventory_get_loading (inventory));
  (void) patch;
}

static void
test_watch_denied (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("restricted");
  g_autoptr(KdccKubeInventory) inventory = kdcc_kube_inventory_new (client, NS);
  ItemWait w = { inventory, KDCC_KUBE_SECTION_PODS, NULL, NULL };
  const char *error;

  /* bob may list pods but not watch them: the listed pods stay, and the
   * section says they are not followed and why. */
  kdcc_kube_inventory_start (inventory);
  wait_for (section_has_error, &w, "the pods' watch to be refused");
  wait_for (not_loading, inventory, "every section settled");
  error = kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_PODS);
  g_assert_nonnull (strstr (error, "403"));
  g_assert_cmpuint (g_list_model_get_n_items (
    kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_PODS)), ==, 3);
  error = kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_FILESYSTEMS);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "cephfilesystems"));
}

static void
test_logs (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(KdccKubeClient) restricted = client_for ("restricted");
  g_autoptr(GError) error = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *bounded = NULL;
  g_autofree char *kubectl_out = NULL;
  g_autofree char *all = NULL;
  char *text;
  int rc;

  kdcc_test_kube_append_log (kube, NS, "rook-ceph-osd-0-77c9", "osd",
                             "line 1\nline 2\nline 3: bluestore ok\nline 4: é\n");

  tail = kdcc_kube_pod_log_get (client, NS, "rook-ceph-osd-0-77c9", NULL, 2, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tail, ==, "line 3: bluestore ok\nline 4: é\n");
  /* kubectl logs reads the same from the fake API server. */
  rc = kdcc_test_kube_kubectl (kube, "admin", &kubectl_out, NULL, "-n", NS, "logs",
                               "rook-ceph-osd-0-77c9", "--tail=2", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_cmpstr (kubectl_out, ==, tail);

  bounded = kdcc_kube_pod_log_get (client, NS, "rook-ceph-osd-0-77c9", NULL, 100, 10, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bounded, ==, "line 1\nlin");
  all = kdcc_kube_pod_log_get (client, NS, "rook-ceph-osd-0-77c9", "osd", 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (all, "line 1\n"));

  /* Two containers: the API server wants one named. */
  text = kdcc_kube_pod_log_get (client, NS, "rook-ceph-mon-a-5d7f", NULL, 10, 0, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "log-collector"));
  g_clear_error (&error);

  text = kdcc_kube_pod_log_get (client, NS, "no-such-pod", NULL, 10, 0, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* bob may read pods but not their logs: the message names both. */
  text = kdcc_kube_pod_log_get (restricted, NS, "rook-ceph-osd-0-77c9", NULL, 10, 0, NULL,
                                &error);
  g_assert_null (text);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "“get”"));
  g_assert_nonnull (strstr (error->message, "pods/log"));
}

typedef struct
{
  GPtrArray *lines;
  gboolean   finished;
  GError    *error;
} FollowState;

static void
follow_event_cb (KdccHttpStream *stream,
                 GBytes         *line,
                 FollowState    *state)
{
  g_ptr_array_add (state->lines, g_strndup (g_bytes_get_data (line, NULL),
                                            g_bytes_get_size (line)));
}

static void
follow_finished_cb (KdccHttpStream *stream,
                    GError         *error,
                    FollowState    *state)
{
  state->finished = TRUE;
  state->error = error ? g_error_copy (error) : NULL;
}

typedef struct
{
  FollowState *state;
  guint        n;
} LinesWait;

static gboolean
has_lines (gpointer data)
{
  LinesWait *w = data;

  return w->state->lines->len >= w->n || w->state->finished;
}

static gboolean
follow_finished (gpointer data)
{
  return ((FollowState *) data)->finished;
}

static void
test_follow (void)
{
  g_autoptr(KdccKubeClient) client = client_for ("admin");
  g_autoptr(KdccHttpStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) created = NULL;
  FollowState state = { g_ptr_array_new_with_free_func (g_free), FALSE, NULL };
  LinesWait w = { &state, 2 };

  node = kdcc_yaml_load ("pod", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": "
                         "{\"name\": \"rook-ceph-mds-a-1\", \"namespace\": \"rook-ceph\"}, "
                         "\"spec\": {\"containers\": [{\"name\": \"mds\", \"image\": \"ceph\"}]}}",
                         -1, &error);
  g_assert_no_error (error);
  created = kdcc_kube_client_create (client, &kdcc_kube_pods, NS, json_node_get_object (node),
                                     NULL, &error);
  g_assert_no_error (error);
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-mds-a-1", "mds", "old 1\nold 2\nold 3\n");

  stream = kdcc_kube_pod_log_follow (client, NS, "rook-ceph-mds-a-1", NULL, 2);
  g_signal_connect (stream, "event", G_CALLBACK (follow_event_cb), &state);
  g_signal_connect (stream, "finished", G_CALLBACK (follow_finished_cb), &state);
  kdcc_http_stream_start (stream, NULL);

  /* The last two lines, then what the daemon writes while followed. */
  wait_for (has_lines, &w, "the last lines");
  g_assert_cmpuint (state.lines->len, ==, 2);
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-mds-a-1", "mds", "new 1\nnew 2\n");
  w.n = 4;
  wait_for (has_lines, &w, "the followed lines");
  g_assert_false (state.finished);
  g_assert_cmpuint (state.lines->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (state.lines, 0), ==, "old 2");
  g_assert_cmpstr (g_ptr_array_index (state.lines, 1), ==, "old 3");
  g_assert_cmpstr (g_ptr_array_index (state.lines, 2), ==, "new 1");
  g_assert_cmpstr (g_ptr_array_index (state.lines, 3), ==, "new 2");

  /* The pod goes: the server ends the log and the stream finishes cleanly
   * instead of reconnecting. */
  g_assert_true (kdcc_kube_client_delete (client, &kdcc_kube_pods, NS, "rook-ceph-mds-a-1", NULL,
                                          &error));
  g_assert_no_error (error);
  wait_for (follow_finished, &state, "the end of the followed log");
  g_assert_no_error (state.error);
  g_assert_cmpuint (kdcc_http_stream_get_connections (stream), ==, 1);
  g_ptr_array_unref (state.lines);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  kube = kdcc_test_kube_start (objects_json, NULL);

  g_test_add_func ("/kube-inventory/sections", test_sections);
  g_test_add_func ("/kube-inventory/denied-sections", test_denied_sections);
  g_test_add_func ("/kube-inventory/logs", test_logs);
  g_test_add_func ("/kube-inventory/follow", test_follow);
  g_test_add_func ("/kube-inventory/watch-denied", test_watch_denied);
  /* Last: it changes the objects the others read. */
  g_test_add_func ("/kube-inventory/watch", test_watch);

  ret = g_test_run ();
  kdcc_test_kube_free (kube);
  return ret;
}
