/* test-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccSession against the real test cluster: created from a direct profile
 * (librados) and from a Dashboard profile (password given, and read from
 * the real Secret Service that build-aux/run-tests starts), compared with
 * what the real `ceph` CLI says; and its failure modes, cancellation, the
 * refresh error history and its lifetime.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-session.h"
#include "kdcc-test-util.h"

static KdccTestCluster *shared;

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  GAsyncResult *result;
} AsyncData;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncData *data = user_data;

  g_assert_null (object);
  data->result = g_object_ref (result);
}

static gboolean
have_result (gpointer user_data)
{
  return ((AsyncData *) user_data)->result != NULL;
}

/* Creates a session and spins the main loop until it is there or failed. */
static KdccSession *
create_session (KdccProfile      *profile,
                const char       *password,
                KdccSecretStore  *store,
                KdccSessionFlags  flags,
                GCancellable     *cancellable,
                GError          **error)
{
  AsyncData data = { NULL };
  KdccSession *session;

  kdcc_session_new_async (profile, password, store, flags, cancellable, async_done_cb, &data);
  /* Like every GTask, never completes before the caller got back control. */
  g_assert_null (data.result);
  g_assert_true (kdcc_test_wait_until (have_result, &data, 60000));
  session = kdcc_session_new_finish (data.result, error);
  g_object_unref (data.result);
  return session;
}

static KdccProfile *
direct_profile (void)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);

  kdcc_profile_set_conf_path (profile, shared->conf);
  kdcc_profile_set_keyring_path (profile, shared->keyring);
  kdcc_profile_set_client_id (profile, shared->client_id);
  return profile;
}

static KdccProfile *
dashboard_profile (const char *url)
{
  KdccProfile *profile = kdcc_profile_new (KDCC_PROFILE_KIND_DASHBOARD);

  kdcc_profile_set_name (profile, "Session test");
  kdcc_profile_set_url (profile, url != NULL ? url : shared->dashboard_url);
  kdcc_profile_set_user (profile, shared->dashboard_user);
  return profile;
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  /* Bound but never listening: connecting is refused. */
  g_socket_close (socket, NULL);
  return port;
}

/* Fails, never skips, when there is no Secret Service: the test would
 * otherwise pass against the store's in-memory fallback. */
static void
require_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", "org.freedesktop.secrets"),
                                         G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                         NULL, &error);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  if (!has_owner)
    g_error ("No Secret Service on the session bus (%s); run the tests as build-aux/run-tests "
             "does", error != NULL ? error->message : "org.freedesktop.secrets has no owner");
}

static gboolean
object_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* What the real `ceph` CLI says the cluster is: its fsid and OSD count. */
static void
ceph_status (char   **out_fsid,
             gint64  *out_num_osds)
{
  g_autoptr(JsonNode) root = kdcc_test_ceph_json (shared, "status", NULL);
  JsonObject *status = json_node_get_object (root);
  JsonObject *osdmap = json_object_get_object_member (status, "osdmap");

  /* Releases before Pacific nest the counts one level deeper. */
  if (json_object_has_member (osdmap, "osdmap"))
    osdmap = json_object_get_object_member (osdmap, "osdmap");
  *out_fsid = g_strdup (json_object_get_string_member (status, "fsid"));
  *out_num_osds = json_object_get_int_member (osdmap, "num_osds");
}

static void
assert_cluster_matches_ceph (KdccSession *session)
{
  KdccCluster *cluster = kdcc_session_get_cluster (session);
  g_autofree char *fsid = NULL;
  g_autofree char *name = kdcc_profile_dup_display_name (kdcc_session_get_profile (session));
  gint64 num_osds = 0;

  ceph_status (&fsid, &num_osds);
  g_assert_cmpint (num_osds, >, 0);

  g_assert_true (kdcc_cluster_get_has_data (cluster));
  g_assert_false (kdcc_cluster_get_stale (cluster));
  g_assert_cmpstr (kdcc_cluster_get_fsid (cluster), ==, fsid);
  g_assert_cmpstr (kdcc_cluster_get_fsid (cluster), ==, shared->fsid);
  g_assert_cmpint (kdcc_cluster_get_osds_total (cluster), ==, num_osds);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (cluster)), ==, num_osds);
  g_assert_cmpstr (kdcc_cluster_get_name (cluster), ==, name);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The properties agree with the getters, then start, close twice, and the
 * session, its monitor and its source all go away. */
static void
check_lifetime (KdccSession *session)
{
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(KdccCluster) cluster = NULL;
  g_autoptr(KdccMonitor) monitor = NULL;
  KdccCapabilities caps = KDCC_CAPABILITY_NONE;
  gboolean closed = TRUE;
  gpointer weak_source = kdcc_session_get_source (session);
  gpointer weak_monitor = kdcc_session_get_monitor (session);
  guint closed_notifies = 0;
  gboolean had_data;

  g_object_get (session, "profile", &profile, "source", &source, "cluster", &cluster,
                "monitor", &monitor, "capabilities", &caps, "closed", &closed, NULL);
  g_assert_true (profile == kdcc_session_get_profile (session));
  g_assert_true (source == kdcc_session_get_source (session));
  g_assert_true (cluster == kdcc_session_get_cluster (session));
  g_assert_true (monitor == kdcc_session_get_monitor (session));
  g_assert_true (kdcc_monitor_get_source (monitor) == source);
  g_assert_true (kdcc_monitor_get_cluster (monitor) == cluster);
  g_assert_cmpuint (caps, ==, kdcc_session_get_capabilities (session));
  g_assert_cmpuint (caps, ==, kdcc_source_get_capabilities (source));
  g_assert_false (closed);
  g_clear_object (&source);
  g_clear_object (&monitor);

  g_signal_connect (session, "notify::closed", G_CALLBACK (count_notify_cb), &closed_notifies);

  /* Starting twice is harmless (some tests started it already). */
  kdcc_session_start (session);
  g_assert_true (kdcc_monitor_get_running (kdcc_session_get_monitor (session)));

  had_data = kdcc_cluster_get_has_data (cluster);
  kdcc_session_close (session);
  g_assert_true (kdcc_session_get_closed (session));
  g_assert_false (kdcc_monitor_get_running (kdcc_session_get_monitor (session)));
  g_assert_cmpuint (closed_notifies, ==, 1);
  /* Idempotent: nothing happens the second time, not even a notify. */
  kdcc_session_close (session);
  g_assert_true (kdcc_session_get_closed (session));
  g_assert_cmpuint (closed_notifies, ==, 1);
  /* The model keeps the last data after close. */
  g_assert_cmpint (kdcc_cluster_get_has_data (cluster), ==, had_data);

  g_object_add_weak_pointer (G_OBJECT (weak_source), &weak_source);
  g_object_add_weak_pointer (G_OBJECT (weak_monitor), &weak_monitor);
  g_assert_finalize_object (session);
  g_assert_null (weak_monitor);
  /* A cancelled refresh may still hold the source on a worker for a moment;
   * it must then let go by itself. */
  g_assert_true (kdcc_test_wait_until (object_gone, &weak_source, 15000));
}

/* Sessions from each profile kind ---------------------------------------------------- */

static void
test_direct (void)
{
  g_autoptr(KdccProfile) profile = direct_profile ();
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  KdccSession *session;
  KdccCapabilities caps;

  session = create_session (profile, NULL, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (KDCC_IS_SESSION (session));
  g_assert_true (kdcc_session_get_profile (session) == profile);
  g_assert_cmpstr (kdcc_source_get_kind (kdcc_session_get_source (session)), ==, "rados");
  assert_cluster_matches_ceph (session);

  /* librados reaches everything: raw mon and mgr commands and all writes. */
  caps = kdcc_session_get_capabilities (session);
  g_assert_cmpuint (caps & KDCC_CAPABILITY_MON_COMMANDS, !=, 0);
  g_assert_cmpuint (caps & KDCC_CAPABILITY_MGR_COMMANDS, !=, 0);
  g_assert_cmpuint (caps & KDCC_CAPABILITY_DIAGNOSTICS, !=, 0);
  g_assert_true (kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS
                                                         | KDCC_CAPABILITY_MGR_COMMANDS));
  g_assert_true (kdcc_session_has_capabilities (session, KDCC_CAPABILITY_NONE));

  errors = kdcc_session_dup_errors (session);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_null (errors->pdata[0]);
  check_lifetime (session);
}

static void
check_dashboard_session (KdccSession *session)
{
  KdccCapabilities caps;

  g_assert_cmpstr (kdcc_source_get_kind (kdcc_session_get_source (session)), ==, "dashboard");
  assert_cluster_matches_ceph (session);
  g_assert_cmpstr (kdcc_cluster_get_name (kdcc_session_get_cluster (session)), ==,
                   "Session test");

  /* The Dashboard runs no raw commands. */
  caps = kdcc_session_get_capabilities (session);
  g_assert_cmpuint (caps & KDCC_CAPABILITY_MON_COMMANDS, ==, 0);
  g_assert_cmpuint (caps & KDCC_CAPABILITY_MGR_COMMANDS, ==, 0);
  g_assert_false (kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS));
  g_assert_false (kdcc_session_has_capabilities (session, caps | KDCC_CAPABILITY_MON_COMMANDS));
  g_assert_true (kdcc_session_has_capabilities (session, caps));
}

static void
test_dashboard_password (void)
{
  g_autoptr(KdccProfile) profile = dashboard_profile (NULL);
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  session = create_session (profile, shared->dashboard_password, NULL, KDCC_SESSION_FLAGS_NONE,
                            NULL, &error);
  g_assert_no_error (error);
  check_dashboard_session (session);
  check_lifetime (session);
}

static void
test_dashboard_secret_service (void)
{
  g_autoptr(KdccProfile) profile = dashboard_profile (NULL);
  g_autoptr(KdccSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  require_secret_service ();
  store = kdcc_secret_store_new ();
  g_assert_true (kdcc_secret_store_store_sync (store, profile, shared->dashboard_password, NULL,
                                               &error));
  g_assert_no_error (error);

  session = create_session (profile, NULL, store, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  check_dashboard_session (session);
  /* Only the keyring was used: the store stayed persistent. */
  g_assert_true (kdcc_secret_store_get_persistent (store));
  check_lifetime (session);

  /* Without a store of its own the session makes one, and finds the same
   * password in the same keyring. */
  session = create_session (profile, NULL, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  check_dashboard_session (session);
  check_lifetime (session);

  g_assert_true (kdcc_secret_store_clear_sync (store, profile, NULL, &error));
  g_assert_no_error (error);
}

/* Failure modes ---------------------------------------------------------------- */

static void
test_wrong_password (void)
{
  g_autoptr(KdccProfile) profile = dashboard_profile (NULL);
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  session = create_session (profile, "not-the-password", NULL, KDCC_SESSION_FLAGS_NONE, NULL,
                            &error);
  g_assert_null (session);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_null (strstr (error->message, "not-the-password"));
}

static void
test_closed_port (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(KdccProfile) profile = dashboard_profile (url);
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  session = create_session (profile, shared->dashboard_password, NULL, KDCC_SESSION_FLAGS_NONE,
                            NULL, &error);
  g_assert_null (session);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, url));
}

/* A certificate to trust is offered only after a TLS failure (kdcc-cli's
 * untrusted-certificate test covers that case through a TLS proxy). */
static void
test_no_fingerprint_offered (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(KdccProfile) closed = dashboard_profile (url);
  g_autoptr(KdccProfile) good = dashboard_profile (NULL);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData data = { NULL };

  kdcc_session_new_async (closed, shared->dashboard_password, NULL, KDCC_SESSION_FLAGS_NONE,
                          NULL, async_done_cb, &data);
  g_assert_true (kdcc_test_wait_until (have_result, &data, 30000));
  g_assert_null (kdcc_session_new_finish (data.result, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_null (kdcc_session_new_dup_peer_fingerprint (data.result));
  g_clear_object (&data.result);
  g_clear_error (&error);

  kdcc_session_new_async (good, shared->dashboard_password, NULL, KDCC_SESSION_FLAGS_NONE,
                          NULL, async_done_cb, &data);
  g_assert_true (kdcc_test_wait_until (have_result, &data, 30000));
  session = kdcc_session_new_finish (data.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_null (kdcc_session_new_dup_peer_fingerprint (data.result));
  g_clear_object (&data.result);
}

static void
test_missing_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-session-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere.conf", NULL);
  g_autoptr(KdccProfile) no_conf = direct_profile ();
  g_autoptr(KdccProfile) no_keyring = direct_profile ();
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  kdcc_profile_set_conf_path (no_conf, missing);
  session = create_session (no_conf, NULL, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* Even a session that would not fetch checks its files first. */
  kdcc_profile_set_keyring_path (no_keyring, missing);
  session = create_session (no_keyring, NULL, NULL, KDCC_SESSION_FLAGS_NO_FIRST_FETCH, NULL,
                            &error);
  g_assert_null (session);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, missing));

  g_rmdir (dir);
}

static void
test_no_password_stored (void)
{
  g_autoptr(KdccProfile) profile = dashboard_profile (NULL);
  g_autoptr(KdccSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  require_secret_service ();
  store = kdcc_secret_store_new ();
  /* A new profile has a new id, so nothing can be stored for it. */
  session = create_session (profile, NULL, store, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "Session test"));
  g_assert_nonnull (strstr (error->message, "password"));
}

static void
test_cancel (void)
{
  g_autoptr(KdccProfile) direct = direct_profile ();
  g_autoptr(KdccProfile) dashboard = dashboard_profile (NULL);
  g_autoptr(KdccSecretStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AsyncData data = { NULL };
  KdccSession *session;

  /* Cancelled before it started. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    session = create_session (direct, NULL, NULL, KDCC_SESSION_FLAGS_NONE, cancellable, &error);
    g_assert_null (session);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* Cancelled while the first snapshot is being fetched on a worker. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    kdcc_session_new_async (direct, NULL, NULL, KDCC_SESSION_FLAGS_NONE, cancellable,
                            async_done_cb, &data);
    g_cancellable_cancel (cancellable);
    g_assert_true (kdcc_test_wait_until (have_result, &data, 30000));
    session = kdcc_session_new_finish (data.result, &error);
    g_clear_object (&data.result);
    g_assert_null (session);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* Cancelled while the password is being read from the keyring. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    require_secret_service ();
    store = kdcc_secret_store_new ();
    kdcc_session_new_async (dashboard, NULL, store, KDCC_SESSION_FLAGS_NONE, cancellable,
                            async_done_cb, &data);
    g_cancellable_cancel (cancellable);
    g_assert_true (kdcc_test_wait_until (have_result, &data, 30000));
    session = kdcc_session_new_finish (data.result, &error);
    g_clear_object (&data.result);
    g_assert_null (session);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* librados cannot be interrupted while it looks for a mon (up to the
 * source's 10 s timeout); the creation still ends at once when cancelled,
 * and the worker lets go of the source by itself afterwards. */
static void
test_cancel_unreachable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kdcc-test-session-XXXXXX", NULL);
  g_autofree char *conf = g_build_filename (dir, "ceph.conf", NULL);
  g_autoptr(KdccProfile) profile = direct_profile ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  KdccSession *session;
  gpointer weak_profile;
  gint64 start;

  g_file_set_contents (conf, "[global]\nmon_host = 127.0.0.1:1\n", -1, &error);
  g_assert_no_error (error);
  kdcc_profile_set_conf_path (profile, conf);

  g_timeout_add (300, cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  session = create_session (profile, NULL, NULL, KDCC_SESSION_FLAGS_NONE, cancellable, &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* The abandoned attempt still holds the profile until librados gives
   * up; then everything it held goes away. */
  weak_profile = profile;
  g_object_add_weak_pointer (G_OBJECT (profile), &weak_profile);
  g_clear_object (&profile);
  g_assert_nonnull (weak_profile);
  g_assert_true (kdcc_test_wait_until (object_gone, &weak_profile, 30000));

  g_unlink (conf);
  g_rmdir (dir);
}

/* Without the first fetch, and the refresh error history --------------------------- */

static gboolean
has_data (gpointer data)
{
  return kdcc_cluster_get_has_data (data);
}

static void
test_no_first_fetch (void)
{
  g_autoptr(KdccProfile) profile = direct_profile ();
  g_autoptr(GError) error = NULL;
  KdccSession *session;
  KdccCluster *cluster;

  session = create_session (profile, NULL, NULL, KDCC_SESSION_FLAGS_NO_FIRST_FETCH, NULL, &error);
  g_assert_no_error (error);
  cluster = kdcc_session_get_cluster (session);
  g_assert_false (kdcc_cluster_get_has_data (cluster));
  g_assert_null (kdcc_cluster_get_fsid (cluster));
  g_assert_cmpint (kdcc_cluster_get_osds_total (cluster), ==, 0);

  /* The monitor brings the data instead. */
  kdcc_session_start (session);
  g_assert_true (kdcc_test_wait_until (has_data, cluster, 30000));
  assert_cluster_matches_ceph (session);
  check_lifetime (session);
}

static void
error_added_cb (KdccSession *session,
                const char  *line,
                GPtrArray   *seen)
{
  g_ptr_array_add (seen, g_strdup (line));
}

typedef struct
{
  GPtrArray *seen;
  guint      want;
} ErrorWait;

static gboolean
enough_errors (gpointer data)
{
  ErrorWait *wait = data;

  return wait->seen->len >= wait->want;
}

static void
test_error_history (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(KdccProfile) profile = dashboard_profile (url);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GRegex) line_regex = NULL;
  g_autoptr(GError) error = NULL;
  ErrorWait wait = { seen, 1 };
  KdccSession *session;
  KdccMonitor *monitor;

  session = create_session (profile, shared->dashboard_password, NULL,
                            KDCC_SESSION_FLAGS_NO_FIRST_FETCH, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kdcc_cluster_get_has_data (kdcc_session_get_cluster (session)));
  g_signal_connect (session, "error-added", G_CALLBACK (error_added_cb), seen);
  monitor = kdcc_session_get_monitor (session);

  /* Not started: one refresh by hand, so exactly one error. */
  kdcc_monitor_refresh_now (monitor);
  g_assert_true (kdcc_test_wait_until (enough_errors, &wait, 15000));

  errors = kdcc_session_dup_errors (session);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_null (errors->pdata[errors->len]);
  line_regex = g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} \\S",
                            0, 0, NULL);
  g_assert_true (g_regex_match (line_regex, g_ptr_array_index (errors, 0), 0, NULL));
  g_assert_nonnull (strstr (g_ptr_array_index (errors, 0), url));
  g_assert_null (strchr (g_ptr_array_index (errors, 0), '\n'));
  g_assert_cmpstr (g_ptr_array_index (errors, 0), ==, g_ptr_array_index (seen, 0));
  /* The same message the cluster shows as its last error. */
  g_assert_nonnull (strstr (g_ptr_array_index (errors, 0),
                            kdcc_cluster_get_last_error (kdcc_session_get_cluster (session))));
  g_assert_true (kdcc_cluster_get_stale (kdcc_session_get_cluster (session)));
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* Bounded: the oldest go first. */
  for (guint i = 2; i <= KDCC_SESSION_MAX_ERRORS + 3; i++)
    {
      wait.want = i;
      kdcc_monitor_refresh_now (monitor);
      g_assert_true (kdcc_test_wait_until (enough_errors, &wait, 15000));
    }
  errors = kdcc_session_dup_errors (session);
  g_assert_cmpuint (errors->len, ==, KDCC_SESSION_MAX_ERRORS);
  g_assert_cmpstr (g_ptr_array_index (errors, 0), ==, g_ptr_array_index (seen, 3));
  g_assert_cmpstr (g_ptr_array_index (errors, errors->len - 1), ==,
                   g_ptr_array_index (seen, seen->len - 1));

  check_lifetime (session);
}

static void
test_new_for_source (void)
{
  g_autoptr(KdccProfile) profile = direct_profile ();
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  source = kdcc_profile_create_source (profile, NULL, &error);
  g_assert_no_error (error);
  session = kdcc_session_new_for_source (profile, source);
  g_assert_true (kdcc_session_get_source (session) == source);
  g_assert_false (kdcc_cluster_get_has_data (kdcc_session_get_cluster (session)));
  g_clear_object (&source);

  kdcc_session_start (session);
  g_assert_true (kdcc_test_wait_until (has_data, kdcc_session_get_cluster (session), 30000));
  assert_cluster_matches_ceph (session);
  check_lifetime (session);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  shared = kdcc_test_cluster_get_shared ();

  /* librados sessions: on every release the harness runs (the session-reef
   * entry runs them against Reef 18.2.7). */
  g_test_add_func ("/session/direct", test_direct);
  g_test_add_func ("/session/missing-files", test_missing_files);
  g_test_add_func ("/session/cancel-unreachable", test_cancel_unreachable);
  g_test_add_func ("/session/no-first-fetch", test_no_first_fetch);
  g_test_add_func ("/session/new-for-source", test_new_for_source);
  /* Dashboard sessions need a dashboard, which only the Pacific cluster
   * serves here: Debian 13's Reef mgr cannot load its PyO3-based modules
   * (tests/cluster/README.md). On Reef these are not registered at all, so
   * nothing is skipped and counted as passing. */
  if (shared->dashboard_url != NULL)
    {
      g_test_add_func ("/session/dashboard-password", test_dashboard_password);
      g_test_add_func ("/session/dashboard-secret-service", test_dashboard_secret_service);
      g_test_add_func ("/session/wrong-password", test_wrong_password);
      g_test_add_func ("/session/closed-port", test_closed_port);
      g_test_add_func ("/session/no-fingerprint-offered", test_no_fingerprint_offered);
      g_test_add_func ("/session/no-password-stored", test_no_password_stored);
      g_test_add_func ("/session/cancel", test_cancel);
      g_test_add_func ("/session/error-history", test_error_history);
    }
  else
    g_test_message ("%s cluster: no dashboard here, only the librados cases run",
                    shared->release);

  status = g_test_run ();
  kdcc_test_cluster_free (shared);
  return kdcc_test_exit (status);
}
