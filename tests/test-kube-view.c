/* test-kube-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Kubernetes page under Xvfb: a session on a Rook cluster reached
 * through the fake Kubernetes API server (whose service proxy relays to the
 * real test cluster's dashboard) shows the Rook resources, pods and
 * deployments the API server has, follows a change kubectl makes, and
 * opens a pod's log: the last lines, followed, copied. Screenshots of each.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kdcc-kube-panel.h"
#include "kdcc-session.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"

#define NS "rook-ceph"

static KdccTestCluster *cluster;
static KdccTestKube *kube;

/* What Rook would have beside the CephCluster of kdcc_test_kube_rook_objects. */
static const char extra_objects[] =
  "["
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephBlockPool\","
  "  \"metadata\": {\"name\": \"replicapool\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"replicated\": {\"size\": 3}},"
  "  \"status\": {\"phase\": \"Ready\", \"conditions\": [{\"type\": \"Ready\", \"status\": \"True\","
  "   \"reason\": \"PoolCreated\"}]}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephBlockPool\","
  "  \"metadata\": {\"name\": \"wide\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {\"replicated\": {\"size\": 5}},"
  "  \"status\": {\"phase\": \"Failure\", \"message\": \"not enough hosts for size 5\"}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephFilesystem\","
  "  \"metadata\": {\"name\": \"myfs\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {}, \"status\": {\"phase\": \"Ready\"}},"
  " {\"apiVersion\": \"ceph.rook.io/v1\", \"kind\": \"CephObjectStore\","
  "  \"metadata\": {\"name\": \"my-store\", \"namespace\": \"rook-ceph\"},"
  "  \"spec\": {}, \"status\": {\"phase\": \"Progressing\"}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-mon-a-5d7f\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-mon\", \"ceph_daemon_type\": \"mon\", \"ceph_daemon_id\": \"a\"}},"
  "  \"spec\": {\"nodeName\": \"node-1\", \"containers\": ["
  "   {\"name\": \"mon\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]},"
  "  \"status\": {\"phase\": \"Running\", \"containerStatuses\": ["
  "   {\"name\": \"mon\", \"ready\": true, \"restartCount\": 0}]}},"
  " {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
  "  \"metadata\": {\"name\": \"rook-ceph-osd-0-77c9\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-osd\", \"ceph_daemon_type\": \"osd\", \"ceph_daemon_id\": \"0\"}},"
  "  \"spec\": {\"nodeName\": \"node-2\", \"containers\": ["
  "   {\"name\": \"osd\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]},"
  "  \"status\": {\"phase\": \"Running\", \"containerStatuses\": ["
  "   {\"name\": \"osd\", \"ready\": false, \"restartCount\": 4,"
  "    \"state\": {\"waiting\": {\"reason\": \"CrashLoopBackOff\"}}}]}},"
  " {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
  "  \"metadata\": {\"name\": \"rook-ceph-mon-a\", \"namespace\": \"rook-ceph\","
  "   \"labels\": {\"app\": \"rook-ceph-mon\", \"rook-version\": \"v1.16.0\","
  "    \"ceph-version\": \"19.2.0-0\"}},"
  "  \"spec\": {\"replicas\": 1, \"template\": {\"spec\": {\"containers\": ["
  "   {\"name\": \"mon\", \"image\": \"quay.io/ceph/ceph:v19.2.0\"}]}}},"
  "  \"status\": {\"replicas\": 1, \"readyReplicas\": 1, \"availableReplicas\": 1}}"
  "]";

static char *
merged_objects (const char *a,
                const char *b)
{
  g_autoptr(JsonNode) first = json_from_string (a, NULL);
  g_autoptr(JsonNode) second = json_from_string (b, NULL);
  JsonArray *into;
  JsonArray *from;

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  into = json_node_get_array (first);
  from = json_node_get_array (second);
  for (guint i = 0; i < json_array_get_length (from); i++)
    json_array_add_element (into, json_node_copy (json_array_get_element (from, i)));
  return json_to_string (first, FALSE);
}

static gboolean
inventory_listed (gpointer data)
{
  KdccKubeInventory *inventory = kdcc_kube_panel_get_inventory (data);

  return inventory != NULL && !kdcc_kube_inventory_get_loading (inventory) &&
         g_list_model_get_n_items (kdcc_kube_inventory_get_model (
           inventory, KDCC_KUBE_SECTION_PODS)) > 0;
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

static gboolean
pool_recovered (gpointer data)
{
  KdccKubeInventory *inventory = kdcc_kube_panel_get_inventory (data);
  KdccKubeItem *item = find_item (kdcc_kube_inventory_get_model (
                                    inventory, KDCC_KUBE_SECTION_BLOCK_POOLS), "wide");

  return item != NULL && kdcc_kube_item_get_healthy (item);
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  g_autofree char *png = NULL;

  kdcc_test_settle (600);
  kdcc_test_wait_for_paint (window, 5000);
  png = kdcc_test_screenshot (window, name);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
push_subpage_cb (KdccPanel  *panel,
                 GtkWidget  *page,
                 const char *title,
                 GtkWidget **log_window)
{
  /* The window shows sub-pages with a back button; here a window of its
   * own does for the screenshot. */
  *log_window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (*log_window), title);
  gtk_window_set_default_size (GTK_WINDOW (*log_window), 900, 500);
  gtk_window_set_child (GTK_WINDOW (*log_window), page);
  gtk_window_present (GTK_WINDOW (*log_window));
}

static gboolean
log_loaded (gpointer data)
{
  return !kdcc_pod_log_view_get_loading (data);
}

static gboolean
log_has_followed_line (gpointer data)
{
  g_autofree char *text = kdcc_pod_log_view_dup_text (data);

  return strstr (text, "followed: scrub ok") != NULL;
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
clipboard_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static void
test_view (void)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *log_window = NULL;
  KdccKubePanel *panel = KDCC_KUBE_PANEL (kdcc_kube_panel_new ());
  KdccKubeInventory *inventory;
  KdccPodLogView *log;
  KdccKubeItem *item;
  g_autofree char *text = NULL;
  ClipboardRead read = { NULL, FALSE };
  int rc;

  kdcc_profile_set_name (profile, "Rook through Kubernetes");
  kdcc_profile_set_kubeconfig (profile, kube->kubeconfig);
  kdcc_profile_set_kube_context (profile, "admin");
  kdcc_profile_set_rook_namespace (profile, NS);
  /* The test cluster's dashboard user stands in for Rook's "admin". */
  kdcc_profile_set_user (profile, cluster->dashboard_user);
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  g_signal_connect (panel, "push-subpage", G_CALLBACK (push_subpage_cb), &log_window);
  gtk_window_present (GTK_WINDOW (window));
  kdcc_session_start (session);
  g_assert_true (kdcc_test_wait_until (inventory_listed, panel, 90000));
  g_assert_true (kdcc_kube_panel_is_present (kdcc_session_get_cluster (session)));

  inventory = kdcc_kube_panel_get_inventory (panel);
  g_assert_cmpstr (kdcc_kube_inventory_get_namespace (inventory), ==, NS);
  for (guint s = 0; s < KDCC_KUBE_N_SECTIONS; s++)
    g_assert_null (kdcc_kube_inventory_get_error (inventory, s));
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_kube_inventory_get_model (
    inventory, KDCC_KUBE_SECTION_BLOCK_POOLS)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_kube_inventory_get_model (
    inventory, KDCC_KUBE_SECTION_PODS)), ==, 2);
  item = find_item (kdcc_kube_inventory_get_model (inventory, KDCC_KUBE_SECTION_PODS),
                    "rook-ceph-osd-0-77c9");
  g_assert_nonnull (item);
  g_assert_cmpstr (kdcc_kube_item_get_status (item), ==, "CrashLoopBackOff");
  /* The operator's deployment from the Rook objects and the mon's. */
  g_assert_nonnull (find_item (kdcc_kube_inventory_get_model (
    inventory, KDCC_KUBE_SECTION_DEPLOYMENTS), "rook-ceph-operator"));
  g_assert_nonnull (find_item (kdcc_kube_inventory_get_model (
    inventory, KDCC_KUBE_SECTION_DEPLOYMENTS), "rook-ceph-mon-a"));

  kdcc_kube_panel_show_tab (panel, "resources");
  screenshot (window, "kube-view-resources");
  kdcc_kube_panel_show_tab (panel, "pods");
  screenshot (window, "kube-view-pods");
  kdcc_kube_panel_show_tab (panel, "deployments");
  screenshot (window, "kube-view-deployments");

  /* A change made with kubectl shows without a refresh: the watch. */
  rc = kdcc_test_kube_kubectl (kube, "admin", NULL, NULL, "-n", NS, "patch", "cephblockpool",
                               "wide", "--type=merge", "-p",
                               "{\"status\": {\"phase\": \"Ready\"}}", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_true (kdcc_test_wait_until (pool_recovered, panel, 30000));

  /* The pod's log: the last lines, then followed. */
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-osd-0-77c9", "osd",
                             "debug 2026-12-01T02:00:00 osd.0 starting\n"
                             "debug 2026-12-01T02:00:01 osd.0 bluestore mount failed\n"
                             "debug 2026-12-01T02:00:02 osd.0 exiting\n");
  g_assert_null (kdcc_kube_panel_open_log (panel, "no-such-pod"));
  log = kdcc_kube_panel_open_log (panel, "rook-ceph-osd-0-77c9");
  g_assert_nonnull (log);
  g_assert_nonnull (log_window);
  g_assert_true (kdcc_test_wait_until (log_loaded, log, 30000));
  g_assert_null (kdcc_pod_log_view_get_error (log));
  text = kdcc_pod_log_view_dup_text (log);
  g_assert_true (g_str_has_prefix (text, "debug 2026-12-01T02:00:00 osd.0 starting\n"));
  g_assert_true (g_str_has_suffix (text, "osd.0 exiting\n"));
  g_clear_pointer (&text, g_free);

  kdcc_pod_log_view_set_following (log, TRUE);
  g_assert_true (kdcc_pod_log_view_get_following (log));
  g_assert_true (kdcc_test_wait_until (log_loaded, log, 30000));
  kdcc_test_kube_append_log (kube, NS, "rook-ceph-osd-0-77c9", "osd",
                             "debug 2026-12-01T02:00:09 followed: scrub ok\n");
  g_assert_true (kdcc_test_wait_until (log_has_followed_line, log, 30000));
  screenshot (log_window, "kube-view-log");

  /* Copy puts the whole text on the clipboard. */
  kdcc_pod_log_view_copy (log);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (log)), NULL,
                                 clipboard_read_cb, &read);
  g_assert_true (kdcc_test_wait_until (clipboard_done, &read, 10000));
  text = kdcc_pod_log_view_dup_text (log);
  g_assert_cmpstr (read.text, ==, text);
  g_free (read.text);

  gtk_window_destroy (GTK_WINDOW (log_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
inventory_settled (gpointer data)
{
  KdccKubeInventory *inventory = kdcc_kube_panel_get_inventory (data);

  return inventory != NULL && !kdcc_kube_inventory_get_loading (inventory);
}

/* victor may read CephClusters and deployments but not pods, Rook's other
 * resources or the service proxy: the page still shows what Kubernetes
 * lets him see, and says per section what he lacks. */
static void
test_denied (void)
{
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  KdccKubePanel *panel = KDCC_KUBE_PANEL (kdcc_kube_panel_new ());
  KdccKubeInventory *inventory;
  const char *message;

  kdcc_profile_set_name (profile, "Viewer");
  kdcc_profile_set_kubeconfig (profile, kube->kubeconfig);
  kdcc_profile_set_kube_context (profile, "viewer");
  kdcc_profile_set_rook_namespace (profile, NS);
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NO_FIRST_FETCH, NULL,
                                   &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kdcc_test_wait_until (inventory_settled, panel, 60000));

  inventory = kdcc_kube_panel_get_inventory (panel);
  g_assert_null (kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_DEPLOYMENTS));
  g_assert_nonnull (find_item (kdcc_kube_inventory_get_model (
    inventory, KDCC_KUBE_SECTION_DEPLOYMENTS), "rook-ceph-mon-a"));
  message = kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_PODS);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“list”"));
  g_assert_nonnull (strstr (message, "pods"));
  message = kdcc_kube_inventory_get_error (inventory, KDCC_KUBE_SECTION_BLOCK_POOLS);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cephblockpools.ceph.rook.io"));

  kdcc_kube_panel_show_tab (panel, "resources");
  screenshot (window, "kube-view-denied");
  kdcc_kube_panel_show_tab (panel, "deployments");
  screenshot (window, "kube-view-denied-deployments");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *rook = NULL;
  g_autofree char *objects = NULL;
  g_autofree char *proxy = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  cluster = kdcc_test_cluster_get_shared ();
  g_assert_nonnull (cluster->dashboard_url);
  rook = kdcc_test_kube_rook_objects (cluster->fsid, cluster->dashboard_password);
  objects = merged_objects (rook, extra_objects);
  proxy = g_strdup_printf ("{\"rook-ceph/rook-ceph-mgr-dashboard\": \"%s\"}",
                           cluster->dashboard_url);
  kube = kdcc_test_kube_start (objects, proxy);

  g_test_add_func ("/kube-view/view", test_view);
  g_test_add_func ("/kube-view/denied", test_denied);

  ret = g_test_run ();
  kdcc_test_kube_free (kube);
  kdcc_test_cluster_free (cluster);
  return kdcc_test_exit (ret);
}
