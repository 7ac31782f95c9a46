/* test-tls-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "trust this certificate" flow against the real Ceph Dashboard over
 * TLS. A private cluster's dashboard is switched to HTTPS with the
 * self-signed certificate the dashboard makes itself
 * (`ceph dashboard create-self-signed-cert`, ssl true, module restarted).
 * Through KdccSession, as the connect dialog does it: the certificate is
 * refused with KDCC_ERROR_TLS and its fingerprint offered; trusted, the
 * session logs in and shows the cluster's live data; a changed certificate
 * (a new one made and the module restarted) is refused after the trust,
 * both by a running session and by a new one, until it is trusted in turn.
 */
#define G_LOG_DOMAIN "test-tls-live"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-test-compare.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"

static KdccTestCluster *cluster;

/* A port for the dashboard to bind later, from the harness's registry:
 * not from the ephemeral range (binding port 0), which an outgoing
 * connection may take in the seconds before the mgr binds it (the harness's
 * free_ports says why). */
static guint16
free_port (void)
{
  const char *tool = g_getenv ("KDCC_TEST_CLUSTER_TOOL");
  const char *argv[] = { tool, "free-ports", "1", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  guint64 port = 0;

  g_assert_nonnull (tool);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_ascii_string_to_unsigned (g_strstrip (out), 10, 1024, 65535, &port, NULL));
  return (guint16) port;
}

static void
ceph (const char *first_arg,
      ...) G_GNUC_NULL_TERMINATED;

/* Runs a ceph CLI command whose output does not matter (it fails the test
 * when the command fails). */
static void
ceph (const char *first_arg,
      ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  while (args->len < 8)
    g_ptr_array_add (args, NULL);
  /* kdcc_test_ceph_text takes a NULL-terminated list; at most 7 here. */
  out = kdcc_test_ceph_text (cluster, args->pdata[0], args->pdata[1], args->pdata[2],
                             args->pdata[3], args->pdata[4], args->pdata[5], args->pdata[6],
                             NULL);
}

/* The SHA-256 fingerprint openssl computes for the certificate the
 * dashboard keeps in its config-key store: an oracle independent of KDCC. */
static char *
stored_certificate_fingerprint (void)
{
  g_autofree char *pem = kdcc_test_ceph_text (cluster, "config-key", "get", "mgr/dashboard/crt",
                                              NULL);
  g_autofree char *pem_path = g_build_filename (cluster->dir, "tls-live-crt.pem", NULL);
  const char *argv[] = { "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
                         pem_path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  char *eq;

  g_assert_true (g_file_set_contents (pem_path, pem, -1, NULL));
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("Cannot run openssl: %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (pem_path);
  /* "sha256 Fingerprint=AB:CD:..." */
  eq = strchr (out, '=');
  g_assert_nonnull (eq);
  return g_strdup (g_strstrip (eq + 1));
}

/* The module reads ssl and its certificate when it starts. */
static void
restart_dashboard (void)
{
  ceph ("mgr", "module", "disable", "dashboard", NULL);
  ceph ("mgr", "module", "enable", "dashboard", NULL);
}

/* Waits (at most 120 s) until `ceph mgr services` lists the dashboard at
 * an https URL on PORT, and returns it without the trailing slash. */
static char *
wait_https_url (guint16 port)
{
  g_autofree char *suffix = g_strdup_printf (":%u/", port);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(JsonNode) services = kdcc_test_ceph_json (cluster, "mgr", "services", NULL);
      const char *url = json_object_get_string_member_with_default (
                          json_node_get_object (services), "dashboard", "");

      if (g_str_has_prefix (url, "https://") && g_str_has_suffix (url, suffix))
        return g_strndup (url, strlen (url) - 1);
      if (g_get_monotonic_time () > deadline)
        g_error ("ceph mgr services never listed an https dashboard on port %u (last: \"%s\")",
                 port, url);
      g_usleep (G_USEC_PER_SEC / 2);
    }
}

/* Waits (at most 120 s) until the dashboard at URL presents the
 * certificate EXPECTED: until the restarted module listens, the port
 * refuses, and just after a new certificate the old module may still
 * answer. A source that trusts no certificate sees which one is served. */
static void
wait_serving_certificate (const char *url,
                          const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(KdccDashboardSource) probe = kdcc_dashboard_source_new (
                                               url, cluster->dashboard_user,
                                               cluster->dashboard_password, NULL);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *peer = NULL;

      body = kdcc_dashboard_source_get_sync (probe, "/api/summary", NULL, &error);
      /* Never accepted: nothing trusts a self-signed certificate. */
      g_assert_null (body);
      peer = kdcc_dashboard_source_get_peer_fingerprint (probe);
      if (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_TLS) && g_strcmp0 (peer, expected) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the dashboard at %s never served the certificate %s (last: %s)", url, expected,
                 error->message);
      g_usleep (G_USEC_PER_SEC / 2);
    }
}

static gboolean
is_stale (gpointer data)
{
  return kdcc_cluster_get_stale (data);
}

static void
assert_live_data (KdccSession *session)
{
  KdccCluster *model = kdcc_session_get_cluster (session);
  g_autoptr(JsonNode) osd_ls = kdcc_test_ceph_json (cluster, "osd", "ls", NULL);

  g_assert_true (kdcc_cluster_get_has_data (model));
  g_assert_false (kdcc_cluster_get_stale (model));
  g_assert_cmpstr (kdcc_cluster_get_fsid (model), ==, cluster->fsid);
  g_assert_cmpstr (kdcc_cluster_get_source_kind (model), ==, "dashboard");
  g_assert_cmpint (kdcc_cluster_get_osds_total (model), ==,
                   json_array_get_length (json_node_get_array (osd_ls)));
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (model)), ==,
                    json_array_get_length (json_node_get_array (osd_ls)));
  g_assert_cmpint (kdcc_cluster_get_pgs_total (model), >, 0);
}

static void
test_trust_flow (void)
{
  guint16 port = free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *url = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *offered = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccSession) again = NULL;
  g_autoptr(GError) error = NULL;
  KdccTestRefreshes refreshes;
  gint64 start = g_get_monotonic_time ();

  cluster = kdcc_test_cluster_start_private ();
  g_test_message ("private cluster up after %.1f s", (g_get_monotonic_time () - start) / 1e6);

  /* HTTPS with the dashboard's own self-signed certificate, on a port of
   * our own (the default 8443 could be another cluster's). */
  ceph ("dashboard", "create-self-signed-cert", NULL);
  ceph ("config", "set", "mgr", "mgr/dashboard/ssl_server_port", port_text, NULL);
  ceph ("config", "set", "mgr", "mgr/dashboard/ssl", "true", NULL);
  restart_dashboard ();
  url = wait_https_url (port);
  first = stored_certificate_fingerprint ();
  wait_serving_certificate (url, first);
  g_test_message ("%s serves %s after %.1f s", url, first,
                  (g_get_monotonic_time () - start) / 1e6);

  /* Refused, and the certificate offered for an explicit decision. */
  profile = kdcc_test_dashboard_profile (cluster, url);
  session = kdcc_test_session_new (profile, cluster->dashboard_password, KDCC_SESSION_FLAGS_NONE,
                                   &offered, &error);
  g_assert_null (session);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_TLS);
  g_test_message ("untrusted: %s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, first));
  g_assert_cmpstr (offered, ==, first);
  g_clear_error (&error);

  /* Trusted: it logs in and shows this cluster's live data. */
  kdcc_profile_set_trusted_fingerprint (profile, offered);
  g_clear_pointer (&offered, g_free);
  session = kdcc_test_session_new (profile, cluster->dashboard_password, KDCC_SESSION_FLAGS_NONE,
                                   &offered, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_null (offered);
  assert_live_data (session);
  kdcc_test_assert_source_matches_cli (cluster, kdcc_session_get_source (session),
                                       KDCC_TEST_FACTS_ALL, TRUE, 120);
  kdcc_test_session_start_fast (session, 2, &refreshes);
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 2, 60000));
  g_assert_cmpuint (refreshes.failures, ==, 0);
  assert_live_data (session);

  /* A new certificate: refused although the old one is trusted, by the
   * running session and by a new one, naming the certificate served. */
  ceph ("dashboard", "create-self-signed-cert", NULL);
  restart_dashboard ();
  second = stored_certificate_fingerprint ();
  g_assert_cmpstr (second, !=, first);
  wait_serving_certificate (url, second);

  g_assert_true (kdcc_test_wait_until (is_stale, kdcc_session_get_cluster (session), 60000));
  g_assert_error (refreshes.last_error, KDCC_ERROR, KDCC_ERROR_TLS);
  g_test_message ("changed certificate, running session: %s", refreshes.last_error->message);
  g_assert_nonnull (strstr (refreshes.last_error->message, second));
  g_assert_nonnull (strstr (refreshes.last_error->message, first));
  g_assert_nonnull (strstr (kdcc_cluster_get_last_error (kdcc_session_get_cluster (session)),
                            second));
  /* The last data stays. */
  g_assert_true (kdcc_cluster_get_has_data (kdcc_session_get_cluster (session)));
  g_assert_cmpstr (kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)), ==,
                   cluster->fsid);

  g_clear_pointer (&offered, g_free);
  again = kdcc_test_session_new (profile, cluster->dashboard_password, KDCC_SESSION_FLAGS_NONE,
                                 &offered, &error);
  g_assert_null (again);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_TLS);
  g_test_message ("changed certificate, new session: %s", error->message);
  g_assert_nonnull (strstr (error->message, second));
  g_assert_cmpstr (offered, ==, second);
  g_clear_error (&error);

  /* Trusting the new certificate in turn gets back in. */
  kdcc_profile_set_trusted_fingerprint (profile, offered);
  again = kdcc_test_session_new (profile, cluster->dashboard_password, KDCC_SESSION_FLAGS_NONE,
                                 NULL, &error);
  g_assert_no_error (error);
  assert_live_data (again);

  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
  kdcc_session_close (again);
  g_test_message ("TLS flow done after %.1f s", (g_get_monotonic_time () - start) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tls-live/trust-flow", test_trust_flow);

  ret = g_test_run ();
  g_clear_pointer (&cluster, kdcc_test_cluster_free);
  return kdcc_test_exit (ret);
}
