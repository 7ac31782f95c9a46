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
#include "kdcc-session.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

typedef struct
{
  KdccProfileStore  *store;
  KdccSecretStore   *secrets;
  KdccConnectDialog *dialog;
  KdccProfile       *connected_profile;
  KdccSession       *connected_session;
  gboolean           got_snapshot;
  char              *notice;
  guint              n_connected;
} Fixture;

static void
connected_cb (KdccConnectDialog *dialog,
              KdccProfile       *profile,
              KdccSession       *session,
              const char        *notice,
              Fixture           *f)
{
  f->n_connected++;
  g_set_object (&f->connected_profile, profile);
  g_set_object (&f->connected_session, session);
  f->got_snapshot = session != NULL &&
                    kdcc_cluster_get_has_data (kdcc_session_get_cluster (session));
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
  g_clear_object (&f->connected_session);
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
  g_assert_nonnull (f->connected_session);
  g_assert_true (kdcc_session_get_profile (f->connected_session) == f->connected_profile);
  g_assert_cmpstr (kdcc_source_get_kind (kdcc_session_get_source (f->connected_session)), ==,
                   "rados");
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
  /* build-aux/test-session runs a real gnome-keyring and says so: the
   * password must then persist with no remark. Without one (a developer's
   * bare session) it is kept for the session only, and the dialog says
   * so. */
  if (g_getenv ("KDCC_TEST_EXPECT_KEYRING") != NULL)
    {
      g_assert_true (kdcc_secret_store_get_persistent (f->secrets));
      g_assert_cmpstr (f->notice, ==, NULL);
    }
  else
    {
      g_assert_false (kdcc_secret_store_get_persistent (f->secrets));
      g_assert_nonnull (f->notice);
    }

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

/* A real TLS server with a self-signed certificate that answers every
 * request with 404: enough for the dialog to meet an untrusted
 * certificate, and to get past it once trusted. */
typedef struct
{
  GSocketService  *service;
  GTlsCertificate *cert;
  guint16          port;
  char            *fingerprint;  /* from `openssl x509 -fingerprint -sha256` */
} TlsServer;

static void
tls_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
tls_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GIOStream *stream = user_data;
  static const char response[] =
    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);

  if (bytes == NULL)
    {
      g_object_unref (stream);
      return;
    }

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), response,
                                   strlen (response), G_PRIORITY_DEFAULT, NULL,
                                   tls_written_cb, stream);
}

static void
tls_handshake_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GIOStream *stream = G_IO_STREAM (object);

  /* The client rejecting the certificate fails the handshake: expected. */
  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (stream), result, NULL))
    {
      g_object_unref (stream);
      return;
    }

  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (stream), 4096,
                                   G_PRIORITY_DEFAULT, NULL, tls_read_cb, stream);
}

static gboolean
tls_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 TlsServer         *server)
{
  g_autoptr(GError) error = NULL;
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->cert, &error);

  g_assert_no_error (error);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    tls_handshake_cb, NULL);
  return TRUE;
}

static char *
run_openssl (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("openssl failed: %s\n%s", error->message, err);
  return out;
}

static TlsServer *
tls_server_start (void)
{
  TlsServer *server = g_new0 (TlsServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-tls-XXXXXX", &error);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *out = NULL;
  const char *req[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-keyout", key_path, "-out", cert_path, NULL
  };
  const char *fp[] = {
    "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert_path, NULL
  };
  const char *eq;

  g_assert_no_error (error);
  g_free (run_openssl (req));
  out = run_openssl (fp);
  eq = strchr (out, '=');
  g_assert_nonnull (eq);
  server->fingerprint = g_ascii_strup (g_strstrip ((char *) eq + 1), -1);

  server->cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);

  server->service = g_socket_service_new ();
  server->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server->service),
                                                      NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "incoming", G_CALLBACK (tls_incoming_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static void
tls_server_free (TlsServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_object (&server->cert);
  g_free (server->fingerprint);
  g_free (server);
}

static void
test_untrusted_certificate (Fixture       *f,
                            gconstpointer  data)
{
  TlsServer *server = tls_server_start ();
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u", server->port);
  g_autofree char *png = NULL;
  g_autofree char *first_error = NULL;

  gtk_window_present (GTK_WINDOW (f->dialog));
  kdcc_connect_dialog_set_kind (f->dialog, KDCC_PROFILE_KIND_DASHBOARD);
  kdcc_connect_dialog_set_field (f->dialog, "url", url);
  kdcc_connect_dialog_set_field (f->dialog, "user", "admin");
  kdcc_connect_dialog_set_field (f->dialog, "password", "secret");

  /* Verified by default: the self-signed certificate is refused, and its
   * fingerprint offered for an explicit decision. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.connect", NULL));
  g_assert_true (kdcc_test_wait_until (not_busy, f, 30000));
  g_assert_nonnull (kdcc_connect_dialog_get_error (f->dialog));
  g_assert_cmpstr (kdcc_connect_dialog_get_offered_fingerprint (f->dialog), ==, server->fingerprint);
  g_assert_nonnull (strstr (kdcc_connect_dialog_get_error (f->dialog), server->fingerprint));
  first_error = g_strdup (kdcc_connect_dialog_get_error (f->dialog));

  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (f->dialog), "connect-dialog-tls");

  /* Trusting it gets past TLS; this server is no dashboard, so the attempt
   * still fails, for another reason, and nothing is saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "dialog.trust", NULL));
  g_assert_true (kdcc_test_wait_until (not_busy, f, 30000));
  g_assert_nonnull (kdcc_connect_dialog_get_error (f->dialog));
  g_test_message ("after trusting: %s", kdcc_connect_dialog_get_error (f->dialog));
  g_assert_cmpstr (kdcc_connect_dialog_get_error (f->dialog), !=, first_error);
  g_assert_null (kdcc_connect_dialog_get_offered_fingerprint (f->dialog));
  g_assert_cmpuint (f->n_connected, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);

  tls_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/connect-dialog/new-destroy", test_new_destroy);
  g_test_add ("/connect-dialog/untrusted-certificate", Fixture, NULL, fixture_setup,
              test_untrusted_certificate, fixture_teardown);

  /* These need the real test cluster (not run with -Dlive_tests=false). */
  if (kdcc_test_have_cluster ())
    {
      g_test_add ("/connect-dialog/validation", Fixture, NULL, fixture_setup, test_validation,
                  fixture_teardown);
      g_test_add ("/connect-dialog/direct-connects", Fixture, NULL, fixture_setup,
                  test_direct_connects, fixture_teardown);
      g_test_add ("/connect-dialog/dashboard-wrong-then-right", Fixture, NULL, fixture_setup,
                  test_dashboard_wrong_then_right, fixture_teardown);
    }

  return kdcc_test_run ();
}
