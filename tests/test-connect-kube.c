/* test-connect-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connect dialog's Kubernetes part against the fake Kubernetes API
 * server (tests/kube), whose service proxy relays to the real test
 * cluster's dashboard: the kubeconfig's contexts with the current one
 * preselected, "Find Clusters" off the main thread, adding the cluster
 * found opens it in the window with the cluster's live data, and a
 * context that may not list CephClusters, or an API server that does not
 * answer, is explained.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "kdcc-connect-dialog.h"
#include "kdcc-connect-kube.h"
#include "kdcc-oidc-kube.h"
#include "kdcc-session.h"
#include "kdcc-settings.h"
#include "kdcc-test-kube.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"
#include "kdcc-window.h"

static KdccTestCluster *cluster;
static KdccTestKube *kube;

typedef struct
{
  KdccSettings     *settings;
  KdccProfileStore *store;
  KdccSecretStore  *secrets;
  KdccWindow       *window;
  KdccConnectDialog *dialog;
  KdccConnectKube  *kube_box;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = kdcc_test_profiles_path ();

  f->settings = kdcc_settings_new ();
  f->store = kdcc_profile_store_new (path);
  f->secrets = kdcc_secret_store_new ();
  f->window = kdcc_window_new (NULL, f->settings, f->store, f->secrets, NULL);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));

  f->dialog = KDCC_CONNECT_DIALOG (kdcc_window_show_connect_dialog (f->window, NULL, NULL));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  f->kube_box = kdcc_connect_dialog_get_kube (f->dialog);
  /* Tall enough for the screenshots to show the clusters found. */
  gtk_window_set_default_size (GTK_WINDOW (f->dialog), 560, 980);
  kdcc_connect_dialog_set_kind (f->dialog, KDCC_PROFILE_KIND_KUBERNETES);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  kdcc_test_settle (500);
  g_assert_null (f->dialog);
  g_assert_null (f->window);

  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->settings);
  g_clear_object (&f->secrets);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static gboolean
not_busy (gpointer data)
{
  return !kdcc_connect_kube_get_busy (data);
}

static gboolean
page_is_cluster (gpointer data)
{
  return g_strcmp0 (kdcc_window_get_visible_page (data), "cluster") == 0;
}

static gboolean
closed_or_failed (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL || (!kdcc_connect_dialog_get_busy (f->dialog)
                               && kdcc_connect_dialog_get_error (f->dialog) != NULL);
}

static void
screenshots (Fixture    *f,
             const char *name)
{
  for (guint dark = 0; dark <= 1; dark++)
    {
      g_autofree char *file = g_strdup_printf ("%s%s", name, dark ? "-dark" : "");
      g_autofree char *png = NULL;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      kdcc_test_settle (300);
      png = kdcc_test_screenshot (GTK_WIDGET (f->dialog), file);
      g_assert_nonnull (png);
    }
}

/* Finds the clusters of CONTEXT; the main loop keeps running meanwhile. */
static void
find (Fixture    *f,
      const char *context)
{
  g_assert_true (kdcc_connect_kube_set_context (f->kube_box, context));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->kube_box), "kube.find", NULL));
  g_assert_true (kdcc_connect_kube_get_busy (f->kube_box));
  g_assert_true (kdcc_test_wait_until (not_busy, f->kube_box, 30000));
}

static void
test_contexts (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (kube->dir, "no-such-kubeconfig", NULL);

  /* Nothing found yet: nothing to add. */
  g_assert_nonnull (kdcc_connect_dialog_get_validation (f->dialog));

  kdcc_connect_kube_set_kubeconfig (f->kube_box, kube->kubeconfig);
  g_assert_cmpstr (kdcc_connect_kube_get_kubeconfig (f->kube_box), ==, kube->kubeconfig);
  g_assert_null (kdcc_connect_kube_get_error (f->kube_box));
  /* The kubeconfig's current context is preselected. */
  g_assert_cmpstr (kdcc_connect_kube_get_context (f->kube_box), ==, "admin");
  g_assert_true (kdcc_connect_kube_set_context (f->kube_box, "restricted"));
  g_assert_cmpstr (kdcc_connect_kube_get_context (f->kube_box), ==, "restricted");
  g_assert_false (kdcc_connect_kube_set_context (f->kube_box, "no-such-context"));

  kdcc_connect_kube_set_kubeconfig (f->kube_box, missing);
  g_assert_nonnull (kdcc_connect_kube_get_error (f->kube_box));
  g_assert_null (kdcc_connect_kube_get_context (f->kube_box));
  /* No context: nothing to look in. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->kube_box), "kube.find", NULL)
                  && kdcc_connect_kube_get_busy (f->kube_box));
}

static void
test_add_opens_cluster (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) osds = NULL;
  KdccProfile *saved;
  KdccCluster *model;

  kdcc_connect_kube_set_kubeconfig (f->kube_box, kube->kubeconfig);
  /* The test cluster's dashboard user is not Rook's "admin". */
  kdcc_connect_kube_set_dashboard_user (f->kube_box, cluster->dashboard_user);
  find (f, "admin");
  g_assert_null (kdcc_connect_kube_get_error (f->kube_box));
  g_assert_cmpuint (kdcc_connect_kube_get_n_clusters (f->kube_box), ==, 1);
  g_assert_cmpuint (kdcc_connect_kube_get_n_selected (f->kube_box), ==, 1);
  g_assert_null (kdcc_connect_dialog_get_validation (f->dialog));
  screenshots (f, "connect-kube");

  /* Unchecked, there is nothing to add. */
  kdcc_connect_kube_set_selected (f->kube_box, 0, FALSE);
  g_assert_nonnull (kdcc_connect_dialog_get_validation (f->dialog));
  kdcc_connect_kube_set_selected (f->kube_box, 0, TRUE);
  g_assert_null (kdcc_connect_dialog_get_validation (f->dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_test_wait_until (closed_or_failed, f, 90000));
  if (f->dialog != NULL)
    g_error ("adding failed: %s", kdcc_connect_dialog_get_error (f->dialog));
  g_assert_true (kdcc_test_wait_until (page_is_cluster, f->window, 30000));

  /* Saved as a Kubernetes profile; no password of its own. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  saved = kdcc_window_get_profile (f->window);
  g_assert_nonnull (kdcc_profile_store_lookup (f->store, kdcc_profile_get_id (saved)));
  g_assert_cmpint (kdcc_profile_get_kind (saved), ==, KDCC_PROFILE_KIND_KUBERNETES);
  g_assert_cmpstr (kdcc_profile_get_kubeconfig (saved), ==, kube->kubeconfig);
  g_assert_cmpstr (kdcc_profile_get_kube_context (saved), ==, "admin");
  g_assert_cmpstr (kdcc_profile_get_rook_namespace (saved), ==, "rook-ceph");
  g_assert_cmpstr (kdcc_profile_get_user (saved), ==, cluster->dashboard_user);
  g_assert_cmpstr (kdcc_source_get_kind (kdcc_session_get_source (kdcc_window_get_session (f->window))),
                   ==, "kubernetes");

  /* The window shows the real cluster, read through the service proxy. */
  model = kdcc_window_get_cluster (f->window);
  g_assert_cmpstr (kdcc_cluster_get_fsid (model), ==, cluster->fsid);
  osds = kdcc_test_ceph_json (cluster, "osd", "ls", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (model)), ==,
                    json_array_get_length (json_node_get_array (osds)));
  kdcc_test_settle (1500);
  g_free (kdcc_test_screenshot (GTK_WIDGET (f->window), "connect-kube-window"));
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  const char *error;

  kdcc_connect_kube_set_kubeconfig (f->kube_box, kube->kubeconfig);
  find (f, "restricted");
  error = kdcc_connect_kube_get_error (f->kube_box);
  g_assert_nonnull (error);
  g_test_message ("denied: %s", error);
  /* The verb and the resource the user lacks. */
  g_assert_nonnull (strstr (error, "list"));
  g_assert_nonnull (strstr (error, "cephclusters"));
  g_assert_cmpuint (kdcc_connect_kube_get_n_clusters (f->kube_box), ==, 0);
  g_assert_nonnull (kdcc_connect_dialog_get_validation (f->dialog));
  screenshots (f, "connect-kube-denied");
}

/* An API server that is not there: said so, and the dialog stays usable. */
static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (kube->dir, "unreachable.kubeconfig", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *text = NULL;
  guint port;

  /* A port that was free a moment ago and is closed again. */
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  text = g_strdup_printf ("apiVersion: v1\nkind: Config\ncurrent-context: gone\n"
                          "clusters:\n- name: gone\n  cluster:\n"
                          "    server: https://127.0.0.1:%u\n"
                          "    insecure-skip-tls-verify: true\n"
                          "users:\n- name: u\n  user:\n    token: t\n"
                          "contexts:\n- name: gone\n  context:\n    cluster: gone\n    user: u\n",
                          port);
  g_assert_true (g_file_set_contents (path, text, -1, &error));

  kdcc_connect_kube_set_kubeconfig (f->kube_box, path);
  find (f, "gone");
  g_assert_nonnull (kdcc_connect_kube_get_error (f->kube_box));
  g_test_message ("unreachable: %s", kdcc_connect_kube_get_error (f->kube_box));
  g_assert_nonnull (strstr (kdcc_connect_kube_get_error (f->kube_box), "127.0.0.1"));
  g_assert_cmpuint (kdcc_connect_kube_get_n_clusters (f->kube_box), ==, 0);
}

/* An exec credential plugin whose token has expired: the search says so
 * instead of failing at the API server. */
static void
test_expired_exec (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *script = g_build_filename (kube->dir, "expired-plugin.sh", NULL);
  g_autofree char *path = g_build_filename (kube->dir, "expired.kubeconfig", NULL);
  g_autofree char *text = NULL;
  const char *error;

  g_assert_true (g_file_set_contents (script,
    "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
    "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"admin-token\","
    "\"expirationTimestamp\":\"2001-01-01T00:00:00Z\"}}'\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  text = g_strdup_printf (
    "apiVersion: v1\nkind: Config\ncurrent-context: exec\n"
    "clusters:\n- name: fake\n  cluster: {server: '%s', certificate-authority: ca.crt}\n"
    "users:\n- name: plugin\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1,"
    " command: ./expired-plugin.sh, interactiveMode: Never}\n"
    "contexts:\n- name: exec\n  context: {cluster: fake, user: plugin}\n", kube->url);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  kdcc_connect_kube_set_kubeconfig (f->kube_box, path);
  find (f, "exec");
  error = kdcc_connect_kube_get_error (f->kube_box);
  g_assert_nonnull (error);
  g_test_message ("expired: %s", error);
  g_assert_nonnull (strstr (error, "expired"));
  g_assert_nonnull (strstr (error, "2001"));
  g_assert_cmpuint (kdcc_connect_kube_get_n_clusters (f->kube_box), ==, 0);
}

/* "Sign in with SSO": the profiles added carry the issuer and client id,
 * and clusters are found with KDCC's account there; not signed in, the
 * search says at which issuer and how to sign in. */
static void
test_sso (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-sso-XXXXXX", &error);
  g_autofree char *accounts_path = g_build_filename (dir, "oidc-accounts.json", NULL);
  g_autoptr(KdccOidcAccounts) accounts = kdcc_oidc_accounts_new (f->secrets, accounts_path);
  g_autoptr(GPtrArray) profiles = NULL;
  const char *issuer = "https://login.example.com/realms/ops";
  const char *message;
  KdccProfile *profile;

  g_assert_no_error (error);
  kdcc_oidc_kube_install (accounts);
  kdcc_connect_kube_set_kubeconfig (f->kube_box, kube->kubeconfig);
  find (f, "admin");
  g_assert_cmpuint (kdcc_connect_kube_get_n_clusters (f->kube_box), ==, 1);

  kdcc_connect_kube_set_sso (f->kube_box, issuer, "kdcc-desktop");
  profiles = kdcc_connect_kube_dup_profiles (f->kube_box);
  g_assert_cmpuint (profiles->len, ==, 1);
  profile = g_ptr_array_index (profiles, 0);
  g_assert_cmpstr (kdcc_profile_get_sso_issuer (profile), ==, issuer);
  g_assert_cmpstr (kdcc_profile_get_sso_client_id (profile), ==, "kdcc-desktop");
  g_assert_true (kdcc_profile_validate (profile, NULL));
  screenshots (f, "connect-kube-sso");

  /* KDCC has no account there: the search fails with the way out. */
  find (f, "admin");
  message = kdcc_connect_kube_get_error (f->kube_box);
  g_assert_nonnull (message);
  g_test_message ("not signed in: %s", message);
  g_assert_nonnull (strstr (message, issuer));
  g_assert_nonnull (strstr (message, "kdcc-cli login"));
  g_assert_cmpuint (kdcc_connect_kube_get_n_clusters (f->kube_box), ==, 0);
  screenshots (f, "connect-kube-sso-not-signed-in");

  /* Switched off again, the profiles connect as the kubeconfig's user. */
  kdcc_connect_kube_set_sso (f->kube_box, NULL, NULL);
  find (f, "admin");
  g_clear_pointer (&profiles, g_ptr_array_unref);
  profiles = kdcc_connect_kube_dup_profiles (f->kube_box);
  g_assert_cmpuint (profiles->len, ==, 1);
  g_assert_null (kdcc_profile_get_sso_issuer (g_ptr_array_index (profiles, 0)));

  kdcc_oidc_kube_uninstall ();
  g_unlink (accounts_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *objects = NULL;
  g_autofree char *proxy = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  cluster = kdcc_test_cluster_get_shared ();
  g_assert_nonnull (cluster->dashboard_url);
  objects = kdcc_test_kube_rook_objects (cluster->fsid, cluster->dashboard_password);
  proxy = g_strdup_printf ("{\"rook-ceph/rook-ceph-mgr-dashboard\": \"%s\"}",
                           cluster->dashboard_url);
  kube = kdcc_test_kube_start (objects, proxy);

  g_test_add ("/connect-kube/contexts", Fixture, NULL, fixture_setup, test_contexts,
              fixture_teardown);
  g_test_add ("/connect-kube/add-opens-cluster", Fixture, NULL, fixture_setup,
              test_add_opens_cluster, fixture_teardown);
  g_test_add ("/connect-kube/denied", Fixture, NULL, fixture_setup, test_denied,
              fixture_teardown);
  g_test_add ("/connect-kube/expired-exec", Fixture, NULL, fixture_setup, test_expired_exec,
              fixture_teardown);
  g_test_add ("/connect-kube/unreachable", Fixture, NULL, fixture_setup, test_unreachable,
              fixture_teardown);
  g_test_add ("/connect-kube/sso", Fixture, NULL, fixture_setup, test_sso, fixture_teardown);

  ret = g_test_run ();
  kdcc_test_kube_free (kube);
  kdcc_test_cluster_free (cluster);
  return kdcc_test_exit (ret);
}
