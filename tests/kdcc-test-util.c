/* kdcc-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include "kdcc-rados-source.h"
#include "kdcc-test-util.h"

static char *
env_value (GStrv       env,
           const char *name,
           gboolean    required)
{
  const char *value = g_environ_getenv (env, name);

  if (value == NULL && required)
    g_error ("%s is not set: live tests need the real test cluster; "
             "run them through build-aux/run-tests", name);
  return g_strdup (value);
}

static KdccTestCluster *
cluster_from_env (GStrv env)
{
  KdccTestCluster *cluster = g_new0 (KdccTestCluster, 1);
  g_autoptr(GError) error = NULL;
  gboolean has_dashboard;

  /* Clusters of an older harness do not name their release: Pacific. */
  cluster->release = env_value (env, "KDCC_TEST_CEPH_RELEASE", FALSE);
  if (cluster->release == NULL)
    cluster->release = g_strdup ("pacific");
  /* Reef's mgr cannot load the dashboard here (tests/cluster/README.md),
   * so only a Pacific cluster must name one. */
  has_dashboard = g_str_equal (cluster->release, "pacific");
  cluster->dir = env_value (env, "KDCC_TEST_DIR", TRUE);
  cluster->conf = env_value (env, "KDCC_TEST_CONF", TRUE);
  cluster->keyring = env_value (env, "KDCC_TEST_KEYRING", TRUE);
  cluster->client_id = env_value (env, "KDCC_TEST_CLIENT_ID", TRUE);
  cluster->fsid = env_value (env, "KDCC_TEST_FSID", TRUE);
  cluster->dashboard_url = env_value (env, "KDCC_TEST_DASHBOARD_URL", has_dashboard);
  cluster->dashboard_user = env_value (env, "KDCC_TEST_DASHBOARD_USER", has_dashboard);
  cluster->dashboard_password_file = env_value (env, "KDCC_TEST_DASHBOARD_PASSWORD_FILE",
                                                has_dashboard);
  cluster->prometheus_url = env_value (env, "KDCC_TEST_PROMETHEUS_URL", FALSE);
  cluster->pool = env_value (env, "KDCC_TEST_POOL", FALSE);

  if (cluster->dashboard_password_file != NULL
      && !g_file_get_contents (cluster->dashboard_password_file, &cluster->dashboard_password,
                            NULL, &error))
    g_error ("Cannot read the dashboard password: %s", error->message);
  if (cluster->dashboard_password != NULL)
    g_strchomp (cluster->dashboard_password);
  return cluster;
}

static const char      *cluster_tool             (void);
static char            *run_tool                 (const char * const *argv);
static KdccTestCluster *cluster_from_tool_output (char               *out);

const char *
kdcc_test_cluster_wanted_release (void)
{
  const char *release = g_getenv ("KDCC_TEST_CEPH_RELEASE");

  return release != NULL && *release != '\0' ? release : "pacific";
}

KdccTestCluster *
kdcc_test_cluster_get_shared (void)
{
  g_auto(GStrv) env = g_get_environ ();

  /* The shared Pacific cluster is in our environment. A test entry that
   * asks for Reef gets the shared Reef cluster that the harness's `run`
   * starts on the first request (it stops it at the end). */
  if (!g_str_equal (kdcc_test_cluster_wanted_release (), "pacific"))
    {
      const char *dir = g_getenv ("KDCC_TEST_SHARED_REEF_DIR");
      const char *argv[] = { cluster_tool (), "--release", kdcc_test_cluster_wanted_release (),
                             "shared", dir, NULL };

      if (dir == NULL)
        g_error ("KDCC_TEST_SHARED_REEF_DIR is not set: live tests need the real test "
                 "cluster; run them through build-aux/run-tests");
      return cluster_from_tool_output (run_tool (argv));
    }
  return cluster_from_env (env);
}

static const char *
cluster_tool (void)
{
  const char *tool = g_getenv ("KDCC_TEST_CLUSTER_TOOL");

  if (tool == NULL)
    g_error ("KDCC_TEST_CLUSTER_TOOL is not set; run the tests through meson");
  return tool;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("Cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s", argv[0], argv[1], error->message, err ? err : "");
  return g_steal_pointer (&out);
}

static void
watchdog_setup (gpointer user_data)
{
  /* Its own session: a runner that kills the test's process group on a
   * timeout must not take the watchdog with it. */
  setsid ();
}

/* The watchdog waits for its standard input to close, which happens when
 * this process ends however it ends (the kernel closes the pipe), and then
 * stops the cluster. _free stops the cluster itself and ends the watchdog
 * first. Its output goes nowhere, so a test runner that waits for the end
 * of the test's output does not wait for it. */
static void
start_watchdog (KdccTestCluster *cluster)
{
  const char *argv[] = { "/bin/sh", "-c", "read -r _; exec \"$0\" stop \"$1\"", cluster_tool (),
                         cluster->dir, NULL };
  g_autoptr(GError) error = NULL;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL,
                                 watchdog_setup, NULL, &cluster->watchdog, &cluster->watchdog_fd,
                                 NULL, NULL, &error))
    g_error ("Cannot start the watchdog of the private cluster: %s", error->message);
}

static void
stop_watchdog (KdccTestCluster *cluster)
{
  int status;

  if (cluster->watchdog <= 0)
    return;
  kill (cluster->watchdog, SIGKILL);
  waitpid (cluster->watchdog, &status, 0);
  g_spawn_close_pid (cluster->watchdog);
  close (cluster->watchdog_fd);
  cluster->watchdog = 0;
  cluster->watchdog_fd = -1;
}

/* Private clusters are for faults and rolls: no MDS and CephFS, which the
 * shared cluster has for the CephFS page, so they start faster, settle the
 * same way every time (upgrade-run-live makes its own CephFS and MDS). */
static char *
run_tool_no_fs (const char * const *argv)
{
  char *out;

  g_setenv ("KDCC_TEST_CLUSTER_NO_FS", "1", TRUE);
  out = run_tool (argv);
  g_unsetenv ("KDCC_TEST_CLUSTER_NO_FS");
  return out;
}

/* The release comes from KDCC_TEST_CEPH_RELEASE, which the harness reads
 * from the environment it inherits. */
KdccTestCluster *
kdcc_test_cluster_start_private (void)
{
  const char *argv[] = { cluster_tool (), "start", NULL };
  KdccTestCluster *cluster = cluster_from_tool_output (run_tool_no_fs (argv));

  cluster->owned = TRUE;
  start_watchdog (cluster);
  return cluster;
}

KdccTestCluster *
kdcc_test_cluster_start_private_release (const char *release)
{
  const char *argv[] = { cluster_tool (), "--release", release, "start", NULL };
  KdccTestCluster *cluster = cluster_from_tool_output (run_tool_no_fs (argv));

  cluster->owned = TRUE;
  start_watchdog (cluster);
  return cluster;
}

/* OUT (taken): what `start` or `shared` printed; the directory is its last
 * line. */
static KdccTestCluster *
cluster_from_tool_output (char *out_)
{
  g_autofree char *out = out_;
  g_autofree char *env_path = NULL;
  g_autofree char *env_text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) env = NULL;
  g_auto(GStrv) out_lines = NULL;
  guint n;

  /* The harness prints the cluster directory as its last line. */
  g_strstrip (out);
  out_lines = g_strsplit (out, "\n", -1);
  n = g_strv_length (out_lines);
  g_assert_cmpuint (n, >, 0);
  env_path = g_build_filename (out_lines[n - 1], "cluster.env", NULL);
  if (!g_file_get_contents (env_path, &env_text, NULL, &error))
    g_error ("Cannot read %s: %s", env_path, error->message);

  /* cluster.env holds KEY=value lines quoted for the shell. */
  lines = g_strsplit (env_text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *eq = strchr (lines[i], '=');
      g_autofree char *value = NULL;

      if (eq == NULL || lines[i][0] == '#')
        continue;
      *eq = '\0';
      value = g_shell_unquote (eq + 1, NULL);
      if (value == NULL)
        value = g_strdup (eq + 1);
      env = g_environ_setenv (env, lines[i], value, TRUE);
    }

  return cluster_from_env (env);
}

void
kdcc_test_cluster_free (KdccTestCluster *cluster)
{
  if (cluster == NULL)
    return;

  if (cluster->owned)
    {
      const char *argv[] = { cluster_tool (), "stop", cluster->dir, NULL };
      g_autofree char *out = NULL;

      stop_watchdog (cluster);
      out = run_tool (argv);
    }

  g_free (cluster->dir);
  g_free (cluster->conf);
  g_free (cluster->keyring);
  g_free (cluster->client_id);
  g_free (cluster->fsid);
  g_free (cluster->dashboard_url);
  g_free (cluster->dashboard_user);
  g_free (cluster->dashboard_password_file);
  g_free (cluster->dashboard_password);
  g_free (cluster->prometheus_url);
  g_free (cluster->pool);
  g_free (cluster->release);
  g_free (cluster);
}

void
kdcc_test_cluster_stop_daemon (KdccTestCluster *cluster,
                               const char      *name)
{
  const char *argv[] = { cluster_tool (), "stop-daemon", cluster->dir, name, NULL };
  g_autofree char *out = run_tool (argv);

  /* The harness fails when it finds nothing to stop; check from here too,
   * so a fault test can never pass against a daemon that still runs. */
  g_assert_false (kdcc_test_cluster_daemon_running (cluster, name));
}

gboolean
kdcc_test_cluster_daemon_running (KdccTestCluster *cluster,
                                  const char      *name)
{
  const char *argv[] = { cluster_tool (), "is-running", cluster->dir, name, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    g_error ("Cannot run %s: %s", argv[0], error->message);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <=, 1);
  return WEXITSTATUS (status) == 0;
}

gboolean
kdcc_test_port_refuses (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (uri);
  g_socket_client_set_timeout (client, 5);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                g_uri_get_port (uri), NULL, &error);
  return connection == NULL &&
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

void
kdcc_test_cluster_start_daemon (KdccTestCluster *cluster,
                                const char      *name)
{
  const char *argv[] = { cluster_tool (), "start-daemon", cluster->dir, name, NULL };
  g_autofree char *out = run_tool (argv);
}

void
kdcc_test_cluster_upgrade_daemon (KdccTestCluster *cluster,
                                  const char      *name,
                                  const char      *release)
{
  const char *argv[] = { cluster_tool (), "upgrade-daemon", cluster->dir, name, release, NULL };
  g_autofree char *out = run_tool (argv);
}

/* Every PG active+clean, as the harness checks it (num_pgs equal to the
 * active+clean count in the mgr's pgmap); fails the test after 60 s. */
void
kdcc_test_cluster_wait_pgs_clean (KdccTestCluster *cluster)
{
  const char *argv[] = { cluster_tool (), "wait-pgs-clean", cluster->dir, NULL };
  g_autofree char *out = run_tool (argv);
}

/* A pool's epoch of its last change, from `osd dump` (Pacific prints it
 * as a string, later releases as a number). */
static gint64
pool_last_change (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);
  JsonArray *pools = json_object_get_array_member (json_node_get_object (dump), "pools");

  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = json_array_get_object_element (pools, i);
      JsonNode *last;

      if (g_strcmp0 (json_object_get_string_member_with_default (pool, "pool_name", ""),
                     cluster->pool) != 0)
        continue;
      last = json_object_get_member (pool, "last_change");
      g_assert_nonnull (last);
      if (json_node_get_value_type (last) == G_TYPE_STRING)
        return g_ascii_strtoll (json_node_get_string (last), NULL, 10);
      return json_node_get_int (last);
    }
  g_error ("pool %s is not in the osd dump", cluster->pool);
}

typedef struct
{
  KdccTestCluster *cluster;
  gint64           epoch;
  char            *said;
} PeeringWait;

/* TRUE once the mgr has every PG of the pool active+clean as its primary
 * reported it at `epoch` or later, i.e. after it peered for that map. */
static gboolean
pool_pgs_peered_since (gpointer data)
{
  PeeringWait *wait = data;
  g_autoptr(JsonNode) ls = kdcc_test_ceph_json (wait->cluster, "pg", "ls-by-pool",
                                                wait->cluster->pool, NULL);
  JsonObject *root = json_node_get_object (ls);
  JsonArray *stats = json_object_get_array_member (root, "pg_stats");
  guint ready = 0;

  for (guint i = 0; i < json_array_get_length (stats); i++)
    {
      JsonObject *pg = json_array_get_object_element (stats, i);

      if (json_object_get_int_member_with_default (pg, "reported_epoch", 0) >= wait->epoch
          && g_strcmp0 (json_object_get_string_member_with_default (pg, "state", ""),
                        "active+clean") == 0)
        ready++;
    }
  g_free (wait->said);
  wait->said = g_strdup_printf ("%u of %u PGs active+clean as of epoch %" G_GINT64_FORMAT, ready,
                                json_array_get_length (stats), wait->epoch);
  return ready > 0 && ready == json_array_get_length (stats);
}

void
kdcc_test_cluster_set_min_size (KdccTestCluster *cluster,
                                guint            min_size)
{
  g_autofree char *value = g_strdup_printf ("%u", min_size);
  PeeringWait wait = { cluster, 0, NULL };

  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set", cluster->pool, "min_size", value,
                               NULL));
  /* A new min_size starts a new interval: every PG peers again, a moment
   * after the command returns, and the mgr hears of it a moment later
   * still. Until then both the mgr's PG stats and the pgmap digest in the
   * mon's status can say active+clean from before the change, so waiting
   * for "clean" alone may return before the peering it should outlast. */
  wait.epoch = pool_last_change (cluster);
  if (!kdcc_test_wait_until (pool_pgs_peered_since, &wait, 60 * 1000))
    g_error ("min_size %u: the PGs did not peer again in 60 s (%s)", min_size, wait.said);
  g_free (wait.said);
  kdcc_test_cluster_wait_pgs_clean (cluster);
}

char *
kdcc_test_cluster_start_rgw (KdccTestCluster *cluster,
                             const char      *id)
{
  const char *argv[] = { cluster_tool (), "start-rgw", cluster->dir, "--id", id, NULL };
  g_autofree char *out = run_tool (argv);
  g_autofree char *name = g_strconcat ("rgw.", id, NULL);
  g_autofree char *path = g_build_filename (cluster->dir, name, "port", NULL);
  g_autofree char *port = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &port, NULL, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("http://127.0.0.1:%s/", g_strstrip (port));
}

char *
kdcc_test_s3_list_buckets (const char *url)
{
  const char *argv[] = { "curl", "-sS", "--fail", "--max-time", "30", url, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("GET %s failed: %s\n%s", url, error->message, err != NULL ? err : "");
  return out;
}

static char *
ceph_run (KdccTestCluster *cluster,
          gboolean         json,
          const char      *first_arg,
          va_list          args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (char *) "ceph");
  g_ptr_array_add (argv, (char *) "--connect-timeout");
  g_ptr_array_add (argv, (char *) "15");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, cluster->conf);
  g_ptr_array_add (argv, (char *) "-k");
  g_ptr_array_add (argv, cluster->keyring);
  if (json)
    {
      g_ptr_array_add (argv, (char *) "-f");
      g_ptr_array_add (argv, (char *) "json");
    }
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  return run_tool ((const char * const *) argv->pdata);
}

JsonNode *
kdcc_test_ceph_json (KdccTestCluster *cluster,
                     const char      *first_arg,
                     ...)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  va_list args;

  va_start (args, first_arg);
  out = ceph_run (cluster, TRUE, first_arg, args);
  va_end (args);

  if (!json_parser_load_from_data (parser, out, -1, &error))
    g_error ("ceph %s printed no JSON: %s", first_arg, error->message);
  return json_node_copy (json_parser_get_root (parser));
}

char *
kdcc_test_ceph_text (KdccTestCluster *cluster,
                     const char      *first_arg,
                     ...)
{
  char *out;
  va_list args;

  va_start (args, first_arg);
  out = ceph_run (cluster, FALSE, first_arg, args);
  va_end (args);
  return out;
}

char *
kdcc_test_read_fixture (const char *relpath,
                        gsize      *length)
{
  const char *dir = g_getenv ("KDCC_FIXTURES");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (dir == NULL)
    g_error ("KDCC_FIXTURES is not set; run the tests through meson");
  path = g_build_filename (dir, relpath, NULL);
  if (!g_file_get_contents (path, &contents, length, &error))
    g_error ("Cannot read fixture %s: %s", path, error->message);
  return contents;
}

gboolean
kdcc_test_wait_until (gboolean (*predicate) (gpointer data),
                      gpointer   data,
                      guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return predicate (data);
      /* Poll rather than block so a timer source can fire. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
  return TRUE;
}

static GPtrArray *remove_at_exit;

void
kdcc_test_remove_at_exit (const char *path)
{
  if (remove_at_exit == NULL)
    remove_at_exit = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (remove_at_exit, g_strdup (path));
}

int
kdcc_test_run (void)
{
  return kdcc_test_exit (g_test_run ());
}

int
kdcc_test_exit (int status)
{
  gint64 start = g_get_monotonic_time ();
  double waited_ms;

  if (!kdcc_rados_source_wait_closed (30000))
    {
      g_printerr ("kdcc-test: %u librados handle(s) still open 30 s after the tests: a source "
                  "was never disconnected or freed\n", kdcc_rados_source_get_open_handles ());
      return status != 0 ? status : 1;
    }
  waited_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (waited_ms >= 1.0)
    g_printerr ("kdcc-test: waited %.0f ms at exit for librados handles to be shut down\n", waited_ms);
  for (guint i = 0; remove_at_exit != NULL && i < remove_at_exit->len; i++)
    kdcc_test_remove_tree (g_ptr_array_index (remove_at_exit, i));
  g_clear_pointer (&remove_at_exit, g_ptr_array_unref);
  return status;
}

KdccOsdData *
kdcc_test_find_osd (KdccSnapshot *snap,
                    gint64        id)
{
  for (guint i = 0; snap->osds != NULL && i < snap->osds->len; i++)
    {
      KdccOsdData *osd = g_ptr_array_index (snap->osds, i);

      if (osd->id == id)
        return osd;
    }
  return NULL;
}

KdccPoolData *
kdcc_test_find_pool (KdccSnapshot *snap,
                     const char   *name)
{
  for (guint i = 0; snap->pools != NULL && i < snap->pools->len; i++)
    {
      KdccPoolData *pool = g_ptr_array_index (snap->pools, i);

      if (g_strcmp0 (pool->name, name) == 0)
        return pool;
    }
  return NULL;
}

KdccHealthCheckData *
kdcc_test_find_check (KdccSnapshot *snap,
                      const char   *code)
{
  for (guint i = 0; snap->checks != NULL && i < snap->checks->len; i++)
    {
      KdccHealthCheckData *check = g_ptr_array_index (snap->checks, i);

      if (g_str_equal (check->code, code))
        return check;
    }
  return NULL;
}

guint
kdcc_test_count_dir_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The names are read first: unlinking while reading a directory may skip
 * entries. */
void
kdcc_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        kdcc_test_remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

gboolean
kdcc_test_have_cluster (void)
{
  const char *value = g_getenv ("KDCC_TEST_NO_CLUSTER");

  return value == NULL || value[0] == '\0' || g_str_equal (value, "0");
}

void
kdcc_test_cluster_kill_daemon (KdccTestCluster *cluster,
                               const char      *name,
                               const char      *signal_name)
{
  const char *argv[] = { cluster_tool (), "kill-daemon", cluster->dir, name, signal_name, NULL };
  g_autofree char *out = run_tool (argv);

  if (g_ascii_strcasecmp (signal_name, "KILL") == 0)
    g_assert_false (kdcc_test_cluster_daemon_running (cluster, name));
}

GPid
kdcc_test_cluster_daemon_pid (KdccTestCluster *cluster,
                              const char      *name)
{
  const char *argv[] = { cluster_tool (), "pid", cluster->dir, name, NULL };
  g_autofree char *out = run_tool (argv);
  gint64 pid = 0;

  g_strstrip (out);
  if (!g_ascii_string_to_signed (out, 10, 2, G_MAXINT, &pid, NULL))
    g_error ("kdcc-test-cluster pid %s printed no pid: %s", name, out);
  return (GPid) pid;
}


guint64
kdcc_test_proc_status_kb (const char *field)
{
  g_autofree char *text = NULL;
  g_autofree char *key = g_strconcat ("\n", field, ":", NULL);
  const char *p;

  g_assert_true (g_file_get_contents ("/proc/self/status", &text, NULL, NULL));
  p = strstr (text, key);
  g_assert_nonnull (p);
  return g_ascii_strtoull (p + strlen (key), NULL, 10);
}

guint64
kdcc_test_reset_peak_kb (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs ("5", file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
  return kdcc_test_proc_status_kb ("VmHWM");
}

void
kdcc_test_cli_free (KdccTestCli *cli)
{
  g_free (cli->out);
  g_free (cli->err);
  g_free (cli);
}

KdccTestCli *
kdcc_test_cli_runv (const char         *config_home,
                    const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *cli = g_getenv ("KDCC_CLI");
  KdccTestCli *result = g_new0 (KdccTestCli, 1);
  gint64 start;

  if (cli == NULL)
    g_error ("KDCC_CLI is not set; run the tests through meson");
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* stdin is a pipe closed at once: a command that wrongly waits for input
   * fails instead of hanging on the test runner's terminal. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (config_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  line = g_strjoinv (" ", (char **) args);
  g_test_message ("kdcc-cli %s -> %d in %.2f s; stdout:\n%s\nstderr: %s", line, result->status,
                  result->seconds, result->out, result->err);
  return result;
}

char *
kdcc_test_pg_dump (guint                  n_pools,
                   guint                  n_seeds,
                   const KdccTestPgState *states,
                   guint                  n_states)
{
  GString *json = g_string_sized_new ((gsize) n_pools * n_seeds * 110);
  const char *sep = "";

  g_string_append (json, "{\"pg_ready\":true,\"pg_stats\":[");
  for (guint pool = n_pools; pool >= 1; pool--)
    for (guint seed = n_seeds; seed-- > 0;)
      {
        char pgid[32];
        const char *state = "active+clean";
        guint a = (pool * 7 + seed) % 300;

        g_snprintf (pgid, sizeof pgid, "%u.%x", pool, seed);
        for (guint i = 0; i < n_states; i++)
          if (g_str_equal (pgid, states[i].pgid))
            state = states[i].state;
        g_string_append_printf (json,
                                "%s{\"pgid\":\"%s\",\"state\":\"%s\",\"up\":[%u,%u,%u],"
                                "\"acting\":[%u,%u,%u],\"up_primary\":%u,\"acting_primary\":%u}",
                                sep, pgid, state, a, a + 1, a + 2, a, a + 1, a + 2, a, a);
        sep = ",";
      }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}
