/* test-connect-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connect dialog against the real test cluster: a wrong dashboard
 * password is explained in the dialog without losing input, the right one
 * connects, saves the profile and keeps the password in the secret store.
 */
#include "config.h"

#include <adwaita.h>

#include "kdcc-connect-dialog.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

typedef struct
{
  KdccProfileStore  *store;
  KdccSecretStore   *secrets;
  KdccConnectDialog *dialog;
  KdccProfile       *connected_profile;
  KdccSource        *connected_source;
  gboolean           got_snapshot;
  char              *notice;
  guint              n_connected;
} Fixture;

static void
connected_cb (KdccConnectDialog *dialog,
              KdccProfile       *profile,
              KdccSource        *source,
              gpointer           snapshot,
              const char        *notice,
              Fixture           *f)
{
  f->n_connected++;
  g_set_object (&f->connected_profile, profile);
  g_set_object (&f->connected_source, source);
  f->got_snapshot = snapshot != NULL;
  g_free (f->notice);
  f->notice = g_strdup (notice);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = kdcc_test_profiles_path ();

  f->store = kdcc_profile_store_new (path);
  f->secrets = kdcc_secret_store_new ();
  f->dialog = kdcc_connect_dialog_new (NULL, f->store, f->secrets);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_signal_connect (f->dialog, "connected", G_CALLBACK (connected_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  kdcc_test_settle (50);
  g_assert_null (f->dialog);

  g_clear_object (&f->connected_profile);
  g_clear_object (&f->connected_source);
  g_clear_pointer (&f->notice, g_free);
  g_assert_finalize_object (f->store);
  g_clear_object (&f->secrets);
}

static gboolean
not_busy (gpointer data)
{
  Fixture *f = data;

  return f->dialog == NULL || !kdcc_connect_dialog_get_busy (f->dialog);
}

static gboolean
connected (gpointer data)
{
  Fixture *f = data;

  return f->n_connected > 0 && f->dialog == NULL;
}

static void
test_new_destroy (void)
{
  g_autofree char *path = kdcc_test_profiles_path ();
  g_autoptr(KdccProfileStore) store = kdcc_profile_store_new (path);
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();
  KdccConnectDialog *dialog = kdcc_connect_dialog_new (NULL, store, secrets);

  g_object_ref_sink (dialog);
  /* An empty form says what is missing and is not busy. */
  g_assert_nonnull (kdcc_connect_dialog_get_validation (dialog));
  g_assert_false (kdcc_connect_dialog_get_busy (dialog));
  g_assert_null (kdcc_connect_dialog_get_error (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();

  /* Typing fixes the form step by step. */
  kdcc_connect_dialog_set_field (f->dialog, "conf", "/nonexistent/ceph.conf");
  g_assert_nonnull (kdcc_connect_dialog_get_validation (f->dialog));
  g_assert_nonnull (strstr (kdcc_connect_dialog_get_validation (f->dialog),
                            "/nonexistent/ceph.conf"));

  /* Connecting an invalid form does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.connect", NULL);
  g_assert_false (kdcc_connect_dialog_get_busy (f->dialog));

  kdcc_connect_dialog_set_field (f->dialog, "conf", cluster->conf);
  kdcc_connect_dialog_set_field (f->dialog, "keyring", cluster->keyring);
  g_assert_null (kdcc_connect_dialog_get_validation (f->dialog));

  kdcc_connect_dialog_set_kind (f->dialog, KDCC_PROFILE_KIND_DASHBOARD);
  g_assert_nonnull (kdcc_connect_dialog_get_validation (f->dialog));
  kdcc_connect_dialog_set_field (f->dialog, "url", "ftp://example.com");
  g_assert_nonnull (strstr (kdcc_connect_dialog_get_validation (f->dialog), "http"));
  kdcc_connect_dialog_set_field (f->dialog, "url", cluster->dashboard_url);
  kdcc_connect_dialog_set_field (f->dialog, "user", cluster->dashboard_user);
  /* Still no password. */
  g_assert_nonnull (kdcc_connect_dialog_get_validation (f->dialog));
  kdcc_connect_dialog_set_field (f->dialog, "password", "x");
  g_assert_null (kdcc_connect_dialog_get_validation (f->dialog));
}

static void
test_direct_connects (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autofree char *png = NULL;

  gtk_window_present (GTK_WINDOW (f->dialog));
  kdcc_connect_dialog_set_field (f->dialog, "name", "Test Cluster");
  kdcc_connect_dialog_set_field (f->dialog, "conf", cluster->conf);
  kdcc_connect_dialog_set_field (f->dialog, "keyring", cluster->keyring);
  kdcc_connect_dialog_set_field (f->dialog, "client", cluster->client_id);
  g_assert_null (kdcc_connect_dialog_get_validation (f->dialog));

  png = kdcc_test_screenshot (GTK_WIDGET (f->dialog), "connect-dialog");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_connect_dialog_get_busy (f->dialog));
  g_assert_true (kdcc_test_wait_until (connected, f, 60000));

  g_assert_cmpuint (f->n_connected, ==, 1);
  g_assert_true (f->got_snapshot);
  g_assert_nonnull (f->connected_source);
  g_assert_cmpstr (kdcc_profile_get_name (f->connected_profile), ==, "Test Cluster");
  g_assert_cmpstr (kdcc_profile_get_conf_path (f->connected_profile), ==, cluster->conf);

  /* Saved, and only after it answered. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_assert_nonnull (kdcc_profile_store_lookup (f->store,
                                               kdcc_profile_get_id (f->connected_profile)));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  char **password = user_data;
  g_autoptr(GError) error = NULL;

  *password = kdcc_secret_store_lookup_finish (KDCC_SECRET_STORE (object), result, &error);
  g_assert_no_error (error);
  if (*password == NULL)
    *password = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_dashboard_wrong_then_right (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autofree char *png = NULL;
  g_autofree char *stored = NULL;
  const char *error;

  gtk_window_present (GTK_WINDOW (f->dialog));
  kdcc_connect_dialog_set_kind (f->dialog, KDCC_PROFILE_KIND_DASHBOARD);
  kdcc_connect_dialog_set_field (f->dialog, "url", cluster->dashboard_url);
  kdcc_connect_dialog_set_field (f->dialog, "user", cluster->dashboard_user);
  kdcc_connect_dialog_set_field (f->dialog, "password", "not-the-password");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_test_wait_until (not_busy, f, 60000));

  /* Explained in the dialog, which stays open with the input. */
  g_assert_nonnull (f->dialog);
  g_assert_cmpuint (f->n_connected, ==, 0);
  error = kdcc_connect_dialog_get_error (f->dialog);
  g_assert_nonnull (error);
  g_test_message ("wrong password: %s", error);
  g_assert_null (kdcc_connect_dialog_get_validation (f->dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);

  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->dialog), "connect-dialog-error");

  kdcc_connect_dialog_set_field (f->dialog, "password", cluster->dashboard_password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_test_wait_until (connected, f, 60000));

  g_assert_true (f->got_snapshot);
  g_assert_cmpint (kdcc_profile_get_kind (f->connected_profile), ==, KDCC_PROFILE_KIND_DASHBOARD);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  /* Only a session-only password is worth a remark; a keyring failure
   * would be reported here as well and fail the test. */
  if (kdcc_secret_store_get_persistent (f->secrets))
    g_assert_cmpstr (f->notice, ==, NULL);
  else
    g_assert_nonnull (f->notice);

  /* The password went to the secret store, not the profile file. */
  kdcc_secret_store_lookup_async (f->secrets, f->connected_profile, NULL, lookup_cb, &stored);
  g_assert_true (kdcc_test_wait_until (is_set, &stored, 10000));
  g_assert_cmpstr (stored, ==, cluster->dashboard_password);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (kdcc_profile_store_get_path (f->store), &contents,
                                        NULL, NULL));
    g_assert_null (strstr (contents, cluster->dashboard_password));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/connect-dialog/new-destroy", test_new_destroy);
  g_test_add ("/connect-dialog/validation", Fixture, NULL, fixture_setup, test_validation,
              fixture_teardown);
  g_test_add ("/connect-dialog/direct-connects", Fixture, NULL, fixture_setup,
              test_direct_connects, fixture_teardown);
  g_test_add ("/connect-dialog/dashboard-wrong-then-right", Fixture, NULL, fixture_setup,
              test_dashboard_wrong_then_right, fixture_teardown);

  return g_test_run ();
}
