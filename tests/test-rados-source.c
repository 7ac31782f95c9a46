/* test-rados-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccRadosSource against the real test cluster: every value is compared
 * with what the real `ceph` CLI prints for the same cluster. The restart
 * test stops daemons, so it uses a private cluster. The rados-source-reef
 * entry runs all of it again on Reef 18.2.7 (KDCC_TEST_CEPH_RELEASE=reef:
 * shared and private clusters are then Reef, see tests/cluster/README.md).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-rados-source-private.h"
#include "kdcc-test-compare.h"
#include "kdcc-test-util.h"

static KdccSource *
source_for (KdccTestCluster *cluster)
{
  return KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring, cluster->client_id));
}

static GHashTable *
string_set_from_checks (GPtrArray *checks)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < checks->len; i++)
    {
      KdccHealthCheckData *check = g_ptr_array_index (checks, i);

      g_hash_table_add (set, g_strdup (check->code));
    }
  return set;
}

static GHashTable *
string_set_from_members (JsonObject *obj)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) members = obj != NULL ? json_object_get_members (obj) : NULL;

  for (const GList *l = members; l != NULL; l = l->next)
    g_hash_table_add (set, g_strdup (l->data));
  return set;
}

static gboolean
same_sets (GHashTable *a,
           GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

static KdccOsdData *
find_osd (KdccSnapshot *snap,
          gint64        id)
{
  for (guint i = 0; snap->osds != NULL && i < snap->osds->len; i++)
    if (((KdccOsdData *) g_ptr_array_index (snap->osds, i))->id == id)
      return g_ptr_array_index (snap->osds, i);
  return NULL;
}

static KdccPoolData *
find_pool (KdccSnapshot *snap,
           const char   *name)
{
  for (guint i = 0; snap->pools != NULL && i < snap->pools->len; i++)
    if (g_strcmp0 (((KdccPoolData *) g_ptr_array_index (snap->pools, i))->name, name) == 0)
      return g_ptr_array_index (snap->pools, i);
  return NULL;
}

/* Health and usage can move between our fetch and the CLI's; a comparison
 * is made when the CLI printed the same before and after our fetch. */
static void
test_snapshot_matches_cli (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_for (cluster);
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) osd_dump = NULL;
  g_autoptr(JsonNode) pool_ls = NULL;
  g_autoptr(JsonNode) versions = NULL;
  g_autoptr(JsonNode) mgr_stat = NULL;
  JsonArray *osds;
  JsonArray *pools;
  JsonObject *overall;
  g_autoptr(GList) overall_versions = NULL;
  gboolean health_compared = FALSE;
  gboolean usage_compared = FALSE;

  g_assert_cmpstr (kdcc_source_get_kind (source), ==, "rados");

  for (guint attempt = 0; attempt < 5 && !(health_compared && usage_compared); attempt++)
    {
      g_autoptr(JsonNode) health_before = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
      g_autoptr(JsonNode) df_before = kdcc_test_ceph_json (cluster, "df", NULL);
      g_autoptr(JsonNode) health_after = NULL;
      g_autoptr(JsonNode) df_after = NULL;
      JsonObject *hb, *ha, *sb, *sa;
      g_autoptr(GHashTable) codes_before = NULL;
      g_autoptr(GHashTable) codes_after = NULL;
      g_autoptr(GHashTable) ours = NULL;

      /* The first fetch is full by itself; a retry (health or usage moved
       * while we looked) must ask for the heavy maps again, or the checks
       * on the OSD and pool lists below would meet a light snapshot. */
      g_clear_pointer (&snap, kdcc_snapshot_unref);
      snap = kdcc_source_fetch_snapshot_sync (source, attempt > 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (snap);
      health_after = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
      df_after = kdcc_test_ceph_json (cluster, "df", NULL);

      hb = json_node_get_object (health_before);
      ha = json_node_get_object (health_after);
      codes_before = string_set_from_members (json_object_get_object_member (hb, "checks"));
      codes_after = string_set_from_members (json_object_get_object_member (ha, "checks"));
      ours = string_set_from_checks (snap->checks);
      if (same_sets (codes_before, codes_after)
          && g_str_equal (json_object_get_string_member (hb, "status"),
                          json_object_get_string_member (ha, "status")))
        {
          g_assert_true (same_sets (ours, codes_after));
          g_assert_cmpstr (kdcc_health_status_to_string (snap->health), ==,
                           json_object_get_string_member (ha, "status"));
          health_compared = TRUE;
        }

      sb = json_object_get_object_member (json_node_get_object (df_before), "stats");
      sa = json_object_get_object_member (json_node_get_object (df_after), "stats");
      g_assert_cmpuint (snap->total_bytes, ==, json_object_get_int_member (sa, "total_bytes"));
      if (json_object_get_int_member (sb, "total_used_raw_bytes")
          == json_object_get_int_member (sa, "total_used_raw_bytes")
          && json_object_get_int_member (sb, "total_avail_bytes")
             == json_object_get_int_member (sa, "total_avail_bytes"))
        {
          g_assert_cmpuint (snap->used_bytes, ==,
                            json_object_get_int_member (sa, "total_used_raw_bytes"));
          g_assert_cmpuint (snap->avail_bytes, ==,
                            json_object_get_int_member (sa, "total_avail_bytes"));
          usage_compared = TRUE;
        }
      if (!(health_compared && usage_compared))
        g_usleep (G_USEC_PER_SEC);
    }
  g_assert_true (health_compared);
  g_assert_true (usage_compared);

  g_assert_cmpstr (snap->fsid, ==, cluster->fsid);
  g_assert_cmpstr (snap->source_kind, ==, "rados");
  g_assert_cmpint (snap->fetched_at, >, 0);

  /* The first fetch is always a full one. */
  osd_dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);
  osds = json_object_get_array_member (json_node_get_object (osd_dump), "osds");
  g_assert_nonnull (snap->osds);
  g_assert_cmpuint (snap->osds->len, ==, json_array_get_length (osds));
  g_assert_cmpint (snap->osds_total, ==, json_array_get_length (osds));
  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      JsonObject *o = json_array_get_object_element (osds, i);
      KdccOsdData *osd = find_osd (snap, json_object_get_int_member (o, "osd"));

      g_assert_nonnull (osd);
      g_assert_cmpint (osd->up, ==, json_object_get_int_member (o, "up") != 0);
      g_assert_cmpint (osd->in, ==, json_object_get_int_member (o, "in") != 0);
      g_assert_nonnull (osd->host);
      /* The mgr is up, so osd df's usage is there. */
      g_assert_true (osd->has_usage);
      g_assert_cmpuint (osd->total_bytes, >, 0);
    }
  g_assert_nonnull (snap->hosts);
  g_assert_cmpuint (snap->hosts->len, >=, 1);

  pool_ls = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", NULL);
  pools = json_node_get_array (pool_ls);
  g_assert_nonnull (snap->pools);
  g_assert_cmpuint (snap->pools->len, ==, json_array_get_length (pools));
  for (guint i = 0; i < json_array_get_length (pools); i++)
    {
      KdccPoolData *pool = find_pool (snap, json_array_get_string_element (pools, i));

      g_assert_nonnull (pool);
      g_assert_true (pool->has_usage);
      g_assert_nonnull (pool->type);
    }
  g_assert_nonnull (find_pool (snap, cluster->pool));

  versions = kdcc_test_ceph_json (cluster, "versions", NULL);
  overall = json_object_get_object_member (json_node_get_object (versions), "overall");
  overall_versions = json_object_get_members (overall);
  for (const GList *l = overall_versions; l != NULL; l = l->next)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < snap->versions->len; i++)
        {
          KdccVersionData *v = g_ptr_array_index (snap->versions, i);

          if (g_str_equal (v->daemon_type, "overall") && g_str_equal (v->version, l->data))
            {
              g_assert_cmpint (v->count, ==, json_object_get_int_member (overall, l->data));
              found = TRUE;
            }
        }
      g_assert_true (found);
    }

  mgr_stat = kdcc_test_ceph_json (cluster, "mgr", "stat", NULL);
  g_assert_cmpstr (snap->mgr_active, ==,
                   json_object_get_string_member (json_node_get_object (mgr_stat), "active_name"));
  g_assert_cmpuint (snap->mons->len, >=, 1);
  g_assert_cmpuint (snap->quorum->len, >=, 1);
  g_assert_cmpint (snap->monmap_epoch, >=, 1);
  g_assert_cmpuint (snap->classes->len, >=, 1);
}

/* Beyond sets of codes and ids: each check's severity, summary, detail lines
 * and muted flag, the PG counts by state, each OSD's usage (osd df) and each
 * pool's size, min_size, pg_num and usage (df detail). librados reads what
 * the CLI reads, so on a cluster that stood still around the fetch any
 * difference fails at once. */
static void
test_details_match_cli (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_for (cluster);

  kdcc_test_assert_source_matches_cli (cluster, source, KDCC_TEST_FACTS_ALL, FALSE, 60);
}

static void
test_heavy_maps_skipped (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_for (cluster);
  g_autoptr(KdccSnapshot) first = NULL;
  g_autoptr(KdccSnapshot) forced = NULL;
  g_autoptr(GError) error = NULL;
  gboolean skipped = FALSE;
  gint64 start;

  start = g_get_monotonic_time ();
  first = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
  g_test_message ("first fetch (connect + full maps): %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);
  g_assert_nonnull (first->osds);
  g_assert_nonnull (first->pools);
  g_assert_nonnull (first->hosts);

  /* Other tests share this cluster and may move the osdmap (e.g. create a
   * pool) between two fetches; then the heavy maps rightly come again. */
  for (guint attempt = 0; attempt < 5 && !skipped; attempt++)
    {
      g_autoptr(KdccSnapshot) again = NULL;

      start = g_get_monotonic_time ();
      again = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
      g_test_message ("light fetch: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
      g_assert_no_error (error);
      if (again->osdmap_epoch != first->osdmap_epoch || again->pgs_total != first->pgs_total
          || again->pools_total != first->pools_total)
        {
          g_test_message ("osdmap moved from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                          first->osdmap_epoch, again->osdmap_epoch);
          g_assert_nonnull (again->osds);
          g_clear_pointer (&first, kdcc_snapshot_unref);
          first = g_steal_pointer (&again);
          continue;
        }
      g_assert_null (again->osds);
      g_assert_null (again->pools);
      g_assert_null (again->hosts);
      /* The light parts are complete all the same. */
      g_assert_cmpstr (again->fsid, ==, cluster->fsid);
      g_assert_cmpuint (again->mons->len, ==, first->mons->len);
      g_assert_cmpuint (again->versions->len, ==, first->versions->len);
      g_assert_cmpstr (again->mgr_active, ==, first->mgr_active);
      g_assert_cmpuint (again->total_bytes, ==, first->total_bytes);
      g_assert_cmpuint (again->classes->len, ==, first->classes->len);
      g_assert_cmpuint (again->quorum->len, ==, first->quorum->len);
      skipped = TRUE;
    }
  g_assert_true (skipped);

  start = g_get_monotonic_time ();
  forced = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
  g_test_message ("forced full fetch: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_no_error (error);
  g_assert_nonnull (forced->osds);
  g_assert_nonnull (forced->pools);
  g_assert_nonnull (forced->hosts);
  g_assert_cmpuint (forced->osds->len, ==, first->osds->len);
}

static void
test_cancelled (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_for (cluster);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GBytes) out = NULL;

  g_cancellable_cancel (cancellable);
  snap = kdcc_source_fetch_snapshot_sync (source, TRUE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (snap);
  g_clear_error (&error);
  out = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"status\"}", NULL, cancellable,
                                      &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (out);
}

static void
test_run_command (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_for (cluster);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *status = NULL;
  JsonArray *pools;
  gboolean found = FALSE;
  gsize len = 0;
  const char *data;

  out = kdcc_source_run_command_sync (source, "mon",
                                      "{\"prefix\":\"osd pool ls\",\"format\":\"json\"}",
                                      &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  data = g_bytes_get_data (out, &len);
  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  pools = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (pools); i++)
    found |= g_str_equal (json_array_get_string_element (pools, i), cluster->pool);
  g_assert_true (found);
  g_clear_pointer (&out, g_bytes_unref);
  g_clear_pointer (&status, g_free);

  /* osd perf exists only in the mgr. */
  out = kdcc_source_run_command_sync (source, "mgr",
                                      "{\"prefix\":\"osd perf\",\"format\":\"json\"}",
                                      &status, NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (out, &len);
  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                         "osdstats"));
  g_clear_pointer (&out, g_bytes_unref);
  g_clear_pointer (&status, g_free);

  out = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"no such command\"}", &status,
                                      NULL, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_COMMAND);
  g_assert_nonnull (strstr (error->message, "no such command"));
  g_assert_null (out);
  g_clear_error (&error);

  /* "osd.N" is `ceph tell osd.N`: a daemon command to one OSD. */
  out = kdcc_source_run_command_sync (source, "osd.0", "{\"prefix\":\"version\"}", &status,
                                      NULL, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (out, &len);
  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                         "version"));
  g_clear_pointer (&out, g_bytes_unref);
  g_clear_pointer (&status, g_free);
  out = kdcc_source_run_command_sync (source, "mds.a", "{\"prefix\":\"status\"}", NULL, NULL,
                                      &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  out = kdcc_source_run_command_sync (source, "osd.x", "{\"prefix\":\"status\"}", NULL, NULL,
                                      &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  out = kdcc_source_run_command_sync (source, "mon", "not json", NULL, NULL, &error);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The handle survived the failed commands. */
  out = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"mon stat\"}", &status, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
}

static void
test_bad_keyring (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf,
                                                                      "/nonexistent/kdcc.keyring",
                                                                      cluster->client_id));
  g_autoptr(KdccSource) no_conf = KDCC_SOURCE (kdcc_rados_source_new ("/nonexistent/ceph.conf",
                                                                       cluster->keyring,
                                                                       cluster->client_id));
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  gint64 start = g_get_monotonic_time ();

  snap = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
  g_assert_null (snap);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_AUTH);
  g_assert_cmpstr (error->message, ==,
                   "Cannot read the keyring /nonexistent/kdcc.keyring: No such file or directory");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  snap = kdcc_source_fetch_snapshot_sync (no_conf, FALSE, NULL, &error);
  g_assert_null (snap);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ceph.conf"));
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  /* Closed when the socket is freed: nothing listens there afterwards. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* A ceph.conf in a new directory DIR whose only mon address has nothing
 * listening. */
static char *
dead_monitor_conf (KdccTestCluster  *cluster,
                   char            **dir)
{
  g_autofree char *text = NULL;
  char *conf;

  *dir = g_dir_make_tmp ("kdcc-rados-XXXXXX", NULL);
  conf = g_build_filename (*dir, "ceph.conf", NULL);
  text = g_strdup_printf ("[global]\nfsid = %s\nmon_host = 127.0.0.1:%u\n"
                          "auth_client_required = cephx\n", cluster->fsid, closed_port ());
  g_assert_true (g_file_set_contents (conf, text, -1, NULL));
  return conf;
}

static void
test_dead_monitor_times_out (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autofree char *dir = NULL;
  g_autofree char *conf = dead_monitor_conf (cluster, &dir);
  g_autoptr(KdccSource) source = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;

  source = KDCC_SOURCE (kdcc_rados_source_new (conf, cluster->keyring, cluster->client_id));

  start = g_get_monotonic_time ();
  snap = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("dead monitor: %s after %.1f s", error ? error->message : "(none)",
                  elapsed / (double) G_USEC_PER_SEC);
  g_assert_null (snap);
  g_assert_true (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT)
                 || g_error_matches (error, KDCC_ERROR, KDCC_ERROR_CONNECT));
  /* librados' default would be 300 s. */
  g_assert_cmpint (elapsed, <, 13 * G_USEC_PER_SEC);

  g_unlink (conf);
  g_rmdir (dir);
}

typedef struct
{
  KdccSource *source;
  GError     *error;
} AttemptJob;

static gpointer
attempt_job_thread (gpointer data)
{
  AttemptJob *job = data;
  g_autoptr(GBytes) out = NULL;

  out = kdcc_source_run_command_sync (job->source, "mon", "{\"prefix\":\"mon stat\"}", NULL,
                                      NULL, &job->error);
  g_assert_null (out);
  return NULL;
}

static gboolean
attempt_started (gpointer data)
{
  return kdcc_rados_source_get_connect_attempts (data) > 0;
}

/* Callers that come while a connection attempt is under way wait for it and
 * share its outcome. They once queued on the lock held across
 * rados_connect and then tried one by one, 10 s each: the window's refresh
 * waited behind a row of them for more than 90 s with the mon stopped
 * before it could even report its own timeout. */
static void
test_dead_monitor_one_attempt (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autofree char *dir = NULL;
  g_autofree char *conf = dead_monitor_conf (cluster, &dir);
  g_autoptr(KdccRadosSource) source = kdcc_rados_source_new (conf, cluster->keyring,
                                                             cluster->client_id);
  AttemptJob jobs[4];
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (AttemptJob) { KDCC_SOURCE (source), NULL };
      threads[i] = g_thread_new ("attempt", attempt_job_thread, &jobs[i]);
      /* The others start once the first one is connecting: the attempt
       * lasts client_mount_timeout, 10 s. */
      if (i == 0)
        g_assert_true (kdcc_test_wait_until (attempt_started, source, 10000));
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_test_message ("caller %u: %s", i, jobs[i].error->message);
      g_assert_true (g_error_matches (jobs[i].error, KDCC_ERROR, KDCC_ERROR_TIMEOUT)
                     || g_error_matches (jobs[i].error, KDCC_ERROR, KDCC_ERROR_CONNECT));
      g_assert_cmpstr (jobs[i].error->message, ==, jobs[0].error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    g_clear_error (&jobs[i].error);
  g_assert_cmpuint (kdcc_rados_source_get_connect_attempts (source), ==, 1);

  /* The next call tries again rather than keep the old failure. */
  jobs[0] = (AttemptJob) { KDCC_SOURCE (source), NULL };
  attempt_job_thread (&jobs[0]);
  g_assert_nonnull (jobs[0].error);
  g_clear_error (&jobs[0].error);
  g_assert_cmpuint (kdcc_rados_source_get_connect_attempts (source), ==, 2);

  g_unlink (conf);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------------
 * Concurrency: commands from several threads share one source. */

typedef struct
{
  KdccSource *source;
  const char *target;
  const char *command;
  guint       repeat;
  gint        failures;      /* atomic */
  gint64      finished_at;   /* monotonic time the thread ended */
  GError     *error;         /* the last error, for the message */
} CommandJob;

static gpointer
command_job_thread (gpointer data)
{
  CommandJob *job = data;

  for (guint i = 0; i < job->repeat; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = NULL;

      out = kdcc_source_run_command_sync (job->source, job->target, job->command, NULL, NULL,
                                          &error);
      if (out == NULL || g_bytes_get_size (out) == 0)
        {
          g_atomic_int_inc (&job->failures);
          g_clear_error (&job->error);
          job->error = g_steal_pointer (&error);
        }
    }
  job->finished_at = g_get_monotonic_time ();
  return NULL;
}

/* Runs N_THREADS threads of REPEAT mon "status" commands each; returns the
 * wall time. Every command must succeed with output. */
static gint64
run_parallel_status (KdccSource *source,
                     guint       n_threads,
                     guint       repeat)
{
  CommandJob jobs[8];
  GThread *threads[8];
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpuint (n_threads, <=, G_N_ELEMENTS (jobs));
  for (guint i = 0; i < n_threads; i++)
    {
      jobs[i] = (CommandJob) { source, "mon", "{\"prefix\":\"status\",\"format\":\"json\"}",
                               repeat, 0, 0, NULL };
      threads[i] = g_thread_new ("status", command_job_thread, &jobs[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    {
      g_thread_join (threads[i]);
      if (jobs[i].error != NULL)
        g_test_message ("thread %u: %s", i, jobs[i].error->message);
      g_assert_cmpint (jobs[i].failures, ==, 0);
      g_assert_null (jobs[i].error);
    }
  return g_get_monotonic_time () - start;
}

/* Many threads run commands on one source while another thread keeps
 * disconnecting it: every command must still succeed (a thread mid-command
 * keeps its own reference to the handle, and the others reconnect), and
 * nothing may crash on a shut-down handle. */
static void
test_concurrent_commands (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_for (cluster);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  CommandJob jobs[6];
  GThread *threads[6];
  gint64 one, parallel;

  /* Warm up the connection, then run eight threads. Commands that a lock
   * serialised would never be inside librados two at a time; the source
   * counts how many were (timing one thread against eight flaked on a
   * busy machine). */
  run_parallel_status (source, 1, 5);
  g_assert_cmpint (KDCC_RADOS_SOURCE (source)->max_commands_in_flight, ==, 1);
  one = run_parallel_status (source, 1, 150);
  parallel = run_parallel_status (source, 8, 150);
  g_test_message ("150 status commands: %.3f s in 1 thread; 8x150 in 8 threads: %.3f s; "
                  "at most %d at once",
                  one / (double) G_USEC_PER_SEC, parallel / (double) G_USEC_PER_SEC,
                  KDCC_RADOS_SOURCE (source)->max_commands_in_flight);
  g_assert_cmpint (KDCC_RADOS_SOURCE (source)->max_commands_in_flight, >, 1);
  g_assert_cmpint (KDCC_RADOS_SOURCE (source)->max_commands_in_flight, <=, 8);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (CommandJob) { source, i % 2 ? "mgr" : "mon",
                               i % 2 ? "{\"prefix\":\"osd perf\",\"format\":\"json\"}"
                                     : "{\"prefix\":\"osd pool ls\",\"format\":\"json\"}",
                               60, 0, 0, NULL };
      threads[i] = g_thread_new ("command", command_job_thread, &jobs[i]);
    }
  for (guint i = 0; i < 40; i++)
    {
      kdcc_source_disconnect (source);
      g_usleep (5000);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      if (jobs[i].error != NULL)
        g_test_message ("thread %u: %s", i, jobs[i].error->message);
      g_assert_cmpint (jobs[i].failures, ==, 0);
    }

  out = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"mon stat\"}", NULL, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
}

/* The cluster is the release the test entry asked for (rados-source runs
 * on Pacific, rados-source-reef on Reef): every daemon type and "overall"
 * report one version, of that release, through the source. */
static void
test_release (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccSource) source = source_for (cluster);
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  const char *release = kdcc_test_cluster_wanted_release ();
  g_autofree char *suffix = g_strdup_printf (" %s (stable)", release);
  const char *prefix = g_str_equal (release, "reef") ? "ceph version 18.2.7 "
                                                     : "ceph version 16.2.15 ";
  gboolean overall = FALSE;

  g_assert_cmpstr (cluster->release, ==, release);
  snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snap->versions->len, >=, 4);
  for (guint i = 0; i < snap->versions->len; i++)
    {
      KdccVersionData *v = g_ptr_array_index (snap->versions, i);

      g_test_message ("%s: %" G_GINT64_FORMAT " × %s", v->daemon_type, v->count, v->version);
      g_assert_true (g_str_has_prefix (v->version, prefix));
      g_assert_true (g_str_has_suffix (v->version, suffix));
      if (g_str_equal (v->daemon_type, "overall"))
        {
          /* mon, mgr and three OSDs, and the MDS of the CephFS the harness
           * makes on the shared Pacific cluster (KDCC_TEST_FS in the
           * environment of the run; the Reef chroot has no ceph-mds). */
          g_assert_cmpint (v->count, ==,
                           g_str_equal (release, "pacific") && g_getenv ("KDCC_TEST_FS") != NULL
                             ? 6 : 5);
          overall = TRUE;
        }
    }
  g_assert_true (overall);
  /* The mgr's C++ commands answer on both releases: OSD usage is there. */
  g_assert_true (find_osd (snap, 0)->has_usage);
}

/* Stops the mgr and the mon of a private cluster under one source object,
 * then brings them back: the same object must recover. */
static void
test_daemon_restarts (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private ();
  g_autoptr(KdccSource) source = source_for (cluster);
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed;
  gboolean usage_back = FALSE;

  snap = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (find_osd (snap, 0)->has_usage);
  g_clear_pointer (&snap, kdcc_snapshot_unref);

  /* Without a mgr: the snapshot still comes, from mon commands alone. */
  kdcc_test_cluster_stop_daemon (cluster, "mgr");
  start = g_get_monotonic_time ();
  snap = kdcc_source_fetch_snapshot_sync (source, TRUE, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("snapshot without mgr in %.1f s", elapsed / (double) G_USEC_PER_SEC);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  g_assert_cmpstr (snap->fsid, ==, cluster->fsid);
  g_assert_nonnull (snap->osds);
  g_assert_cmpuint (snap->osds->len, ==, 3);
  for (guint i = 0; i < snap->osds->len; i++)
    g_assert_false (((KdccOsdData *) g_ptr_array_index (snap->osds, i))->has_usage);
  g_assert_true (snap->mgr_active == NULL || g_str_equal (snap->mgr_active, "x"));
  g_assert_cmpint (elapsed, <, 13 * G_USEC_PER_SEC);
  g_clear_pointer (&snap, kdcc_snapshot_unref);

  /* A mgr command now waits for the timeout; librados 16.2.15 reports
   * that as a positive ETIMEDOUT with empty output, which must come out
   * as an error naming the mgr, not as an empty success. Meanwhile mon
   * commands from other threads must not wait behind it. */
  {
    CommandJob mgr_job = { source, "mgr", "{\"prefix\":\"osd perf\",\"format\":\"json\"}",
                           1, 0, 0, NULL };
    GThread *mgr_thread;
    gint64 mon_elapsed, mgr_elapsed;

    start = g_get_monotonic_time ();
    mgr_thread = g_thread_new ("mgr", command_job_thread, &mgr_job);
    /* Let the mgr command get under way first. */
    g_usleep (G_USEC_PER_SEC / 2);
    run_parallel_status (source, 4, 10);
    mon_elapsed = g_get_monotonic_time () - start;
    g_thread_join (mgr_thread);
    mgr_elapsed = mgr_job.finished_at - start;
    g_test_message ("mgr command: %s after %.1f s; 40 mon commands alongside done after %.1f s",
                    mgr_job.error ? mgr_job.error->message : "(no error)",
                    mgr_elapsed / (double) G_USEC_PER_SEC,
                    mon_elapsed / (double) G_USEC_PER_SEC);
    g_assert_error (mgr_job.error, KDCC_ERROR, KDCC_ERROR_TIMEOUT);
    g_assert_nonnull (strstr (mgr_job.error->message, "mgr"));
    g_assert_nonnull (strstr (mgr_job.error->message, "osd perf"));
    g_assert_cmpint (mgr_elapsed, >=, 5 * G_USEC_PER_SEC);
    g_assert_cmpint (mgr_elapsed, <, 14 * G_USEC_PER_SEC);
    /* The mon commands did not queue behind the silent mgr. */
    g_assert_cmpint (mon_elapsed, <, mgr_elapsed - 2 * G_USEC_PER_SEC);
    g_clear_error (&mgr_job.error);
  }

  /* Without the only mon: a clear error within the timeout. */
  kdcc_test_cluster_stop_daemon (cluster, "mon");
  start = g_get_monotonic_time ();
  snap = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("without mon: %s after %.1f s", error ? error->message : "(none)",
                  elapsed / (double) G_USEC_PER_SEC);
  g_assert_null (snap);
  g_assert_true (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_TIMEOUT)
                 || g_error_matches (error, KDCC_ERROR, KDCC_ERROR_CONNECT));
  g_assert_cmpint (elapsed, <, 13 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Back up: the same object reconnects by itself. */
  kdcc_test_cluster_start_daemon (cluster, "mon");
  kdcc_test_cluster_start_daemon (cluster, "mgr");
  snap = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  g_assert_cmpstr (snap->fsid, ==, cluster->fsid);
  /* A new connection starts with full maps. */
  g_assert_nonnull (snap->osds);

  /* Once the mgr is active again, OSD usage returns without forcing. */
  for (guint i = 0; i < 30 && !usage_back; i++)
    {
      if (i > 0)
        {
          g_clear_pointer (&snap, kdcc_snapshot_unref);
          snap = kdcc_source_fetch_snapshot_sync (source, FALSE, NULL, &error);
          g_assert_no_error (error);
        }
      usage_back = snap->osds != NULL && find_osd (snap, 0) != NULL
                   && find_osd (snap, 0)->has_usage;
      g_test_message ("after restart: mgr %s, osds %s, usage %d", snap->mgr_active,
                      snap->osds ? "fetched" : "skipped", usage_back);
      if (!usage_back)
        g_usleep (2 * G_USEC_PER_SEC);
    }
  g_assert_true (usage_back);
  g_assert_cmpstr (snap->mgr_active, ==, "x");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rados-source/release", test_release);
  g_test_add_func ("/rados-source/snapshot-matches-cli", test_snapshot_matches_cli);
  g_test_add_func ("/rados-source/details-match-cli", test_details_match_cli);
  g_test_add_func ("/rados-source/heavy-maps-skipped", test_heavy_maps_skipped);
  g_test_add_func ("/rados-source/cancelled", test_cancelled);
  g_test_add_func ("/rados-source/run-command", test_run_command);
  g_test_add_func ("/rados-source/concurrent-commands", test_concurrent_commands);
  g_test_add_func ("/rados-source/bad-keyring", test_bad_keyring);
  /* No cluster answers there at all, so nothing of it depends on the
   * release: it runs once, in the Pacific entry. */
  if (g_str_equal (kdcc_test_cluster_wanted_release (), "pacific"))
    {
      g_test_add_func ("/rados-source/dead-monitor-times-out", test_dead_monitor_times_out);
      g_test_add_func ("/rados-source/dead-monitor-one-attempt", test_dead_monitor_one_attempt);
    }
  g_test_add_func ("/rados-source/daemon-restarts", test_daemon_restarts);

  return kdcc_test_run ();
}
