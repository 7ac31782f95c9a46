/* test-faults-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Faults a real cluster has, on one private cluster reused phase by phase
 * (each phase leaves it healthy again):
 *
 * - a check muted with `ceph health mute`: both sources agree with the CLI
 *   on it, muted flag included;
 * - a dashboard connection cut in the middle of the large /api/health/full
 *   body by a TCP relay inside this test: a clear error, the last state
 *   kept, recovery once the relay passes everything again;
 * - an OSD killed with SIGKILL: OSD_DOWN and degraded PGs appear in the
 *   model within one refresh after the cluster reports them, and clear
 *   after the OSD is back;
 * - the mon frozen with SIGSTOP in the middle of a refresh: a timeout, the
 *   last state kept, recovery after SIGCONT;
 * - the mgr stopped until MGR_DOWN is raised: a librados session keeps
 *   working and shows MGR_DOWN, a Dashboard session goes stale saying why,
 *   both recover after the mgr is started again.
 *
 * "The cluster reports it" is read from the raw answer of the mon command
 * the `ceph` CLI sends (health detail, status), over a librados connection
 * of the test's own, so the moment is known within milliseconds rather than
 * the CLI's second. Every wait is bounded and waits for a condition; none
 * is a fixed sleep.
 */
#define G_LOG_DOMAIN "test-faults-live"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-health-check.h"
#include "kdcc-osd.h"
#include "kdcc-pg-state.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-compare.h"
#include "kdcc-test-cut-relay.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"

static KdccTestCluster *cluster;
static KdccSource *oracle;

static void
ensure_cluster (void)
{
  gint64 start = g_get_monotonic_time ();

  if (cluster != NULL)
    return;
  cluster = kdcc_test_cluster_start_private ();
  oracle = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring,
                                               cluster->client_id));
  g_test_message ("private cluster up after %.1f s", (g_get_monotonic_time () - start) / 1e6);
}

/* What the cluster itself says ---------------------------------------------------- */

static JsonNode *
oracle_json (const char *command)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  out = kdcc_source_run_command_sync (oracle, "mon", command, NULL, NULL, &error);
  g_assert_no_error (error);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                                   &error))
    g_error ("%s: no JSON: %s", command, error->message);
  return json_node_copy (json_parser_get_root (parser));
}

/* The check CODE in `ceph health detail`, or NULL. */
static JsonObject *
reported_check (JsonNode   *health,
                const char *code)
{
  JsonObject *checks = json_object_get_object_member (json_node_get_object (health), "checks");

  return json_object_has_member (checks, code) ? json_object_get_object_member (checks, code)
                                               : NULL;
}

static gboolean
cluster_reports (gpointer code)
{
  g_autoptr(JsonNode) health = oracle_json ("{\"prefix\":\"health\",\"detail\":\"detail\","
                                            "\"format\":\"json\"}");

  return reported_check (health, code) != NULL;
}

static gboolean
cluster_clear_of (gpointer code)
{
  return !cluster_reports (code);
}

static gboolean
cluster_reports_muted (gpointer code)
{
  g_autoptr(JsonNode) health = oracle_json ("{\"prefix\":\"health\",\"detail\":\"detail\","
                                            "\"format\":\"json\"}");
  JsonObject *check = reported_check (health, code);

  return check != NULL && json_object_get_boolean_member_with_default (check, "muted", FALSE);
}

/* Any PG state with "degraded" in `ceph status`'s pgs_by_state. */
static gboolean
cluster_has_degraded_pgs (void)
{
  g_autoptr(JsonNode) status = oracle_json ("{\"prefix\":\"status\",\"format\":\"json\"}");
  JsonObject *pgmap = json_object_get_object_member (json_node_get_object (status), "pgmap");
  JsonArray *states = json_object_get_array_member (pgmap, "pgs_by_state");

  for (guint i = 0; states != NULL && i < json_array_get_length (states); i++)
    if (strstr (json_object_get_string_member (json_array_get_object_element (states, i),
                                               "state_name"), "degraded") != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
cluster_reports_degraded (gpointer unused)
{
  return cluster_has_degraded_pgs ();
}

/* Back to normal: no OSD down, no degraded PG, no PG_DEGRADED check. */
static gboolean
cluster_recovered (gpointer unused)
{
  return !cluster_reports ((gpointer) "OSD_DOWN") && !cluster_reports ((gpointer) "PG_DEGRADED")
         && !cluster_has_degraded_pgs ();
}

typedef struct
{
  gboolean (*predicate) (gpointer data);
  gpointer   data;
  gint64     next;
  gboolean   last;
} Throttle;

static gboolean
throttled (gpointer user_data)
{
  Throttle *throttle = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now >= throttle->next)
    {
      throttle->last = throttle->predicate (throttle->data);
      throttle->next = now + G_USEC_PER_SEC / 5;
    }
  return throttle->last;
}

/* Waits for a condition of the cluster, asked five times a second, while
 * the main context (the sessions' monitors) keeps running. */
static gboolean
wait_for_cluster (gboolean  (*predicate) (gpointer data),
                  gpointer    data,
                  guint       timeout_ms)
{
  Throttle throttle = { predicate, data, 0, FALSE };

  return kdcc_test_wait_until (throttled, &throttle, timeout_ms);
}

/* What the model says ---------------------------------------------------------------- */

static KdccHealthCheck *
model_check (KdccCluster *model,
             const char  *code)
{
  GListModel *checks = kdcc_cluster_get_health_checks (model);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (kdcc_health_check_get_code (check), code))
        return check;   /* the list keeps it alive */
    }
  return NULL;
}

static gboolean
model_has_degraded_pgs (KdccCluster *model)
{
  GListModel *states = kdcc_cluster_get_pg_states (model);

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(KdccPgState) state = g_list_model_get_item (states, i);

      if (strstr (kdcc_pg_state_get_state (state), "degraded") != NULL)
        return TRUE;
    }
  return FALSE;
}

static KdccOsd *
model_osd (KdccCluster *model,
           gint64       id)
{
  GListModel *osds = kdcc_cluster_get_osds (model);

  for (guint i = 0; i < g_list_model_get_n_items (osds); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

      if (kdcc_osd_get_id (osd) == id)
        return osd;
    }
  return NULL;
}

typedef gboolean (*ModelPredicate) (KdccCluster *model,
                                    gconstpointer data);

static gboolean
model_shows_check (KdccCluster  *model,
                   gconstpointer code)
{
  return model_check (model, code) != NULL;
}

static gboolean
model_lacks_check (KdccCluster  *model,
                   gconstpointer code)
{
  return model_check (model, code) == NULL;
}

static gboolean
model_shows_degraded (KdccCluster  *model,
                      gconstpointer unused)
{
  return model_has_degraded_pgs (model);
}

static gboolean
model_shows_recovered (KdccCluster  *model,
                       gconstpointer unused)
{
  return model_check (model, "OSD_DOWN") == NULL && model_check (model, "PG_DEGRADED") == NULL
         && !model_has_degraded_pgs (model);
}

/* The cluster reports something now: the next refresh that starts reads
 * it, so once that refresh is done the model must show it. */
static void
assert_next_refresh_shows (KdccTestRefreshes *refreshes,
                           KdccCluster       *model,
                           ModelPredicate     predicate,
                           gconstpointer      data,
                           const char        *what)
{
  guint done = refreshes->done;
  gint64 start = g_get_monotonic_time ();

  if (!predicate (model, data))
    {
      if (!kdcc_test_refreshes_wait_next (refreshes, 1, 60000))
        g_error ("%s: no refresh ended within 60 s", what);
      if (!predicate (model, data))
        g_error ("%s: the cluster reports it, but the refresh that started after did not show "
                 "it (last error: %s)", what,
                 refreshes->last_error ? refreshes->last_error->message : "none");
    }
  g_test_message ("%s: in the model %.2f s and %u refreshes after the cluster reported it", what,
                  (g_get_monotonic_time () - start) / 1e6, refreshes->done - done);
}

static gboolean
is_stale (gpointer model)
{
  return kdcc_cluster_get_stale (model);
}

static gboolean
is_fresh (gpointer model)
{
  return !kdcc_cluster_get_stale (model) && kdcc_cluster_get_last_error (model) == NULL;
}

static gboolean
has_failed (gpointer refreshes)
{
  return ((KdccTestRefreshes *) refreshes)->failures > 0;
}

/* The state a failed refresh must keep: the data of the last good one. */
static void
assert_last_state_kept (KdccCluster *model)
{
  g_assert_true (kdcc_cluster_get_stale (model));
  g_assert_true (kdcc_cluster_get_has_data (model));
  g_assert_cmpstr (kdcc_cluster_get_fsid (model), ==, cluster->fsid);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (model)), ==, 3);
  g_assert_cmpint (kdcc_cluster_get_osds_total (model), ==, 3);
  g_assert_cmpint (kdcc_cluster_get_last_update (model), >, 0);
  g_assert_nonnull (kdcc_cluster_get_last_error (model));
}

static KdccSession *
direct_session (void)
{
  g_autoptr(KdccProfile) profile = kdcc_test_direct_profile (cluster);
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdcc_cluster_get_has_data (kdcc_session_get_cluster (session)));
  return session;
}

static KdccSession *
dashboard_session (const char *url)
{
  g_autoptr(KdccProfile) profile = kdcc_test_dashboard_profile (cluster, url);
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  session = kdcc_test_session_new (profile, cluster->dashboard_password, KDCC_SESSION_FLAGS_NONE,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kdcc_cluster_get_has_data (kdcc_session_get_cluster (session)));
  return session;
}

static KdccSource *
dashboard_source (void)
{
  return KDCC_SOURCE (kdcc_dashboard_source_new (cluster->dashboard_url, cluster->dashboard_user,
                                                 cluster->dashboard_password, NULL));
}

/* A muted check ----------------------------------------------------------------------- */

static void
test_muted_check (void)
{
  const char *code = "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED";
  g_autoptr(KdccSource) rados = NULL;
  g_autoptr(KdccSource) dashboard = NULL;
  g_autoptr(KdccSnapshot) snap = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  ensure_cluster ();
  rados = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring,
                                              cluster->client_id));
  dashboard = dashboard_source ();
  /* A fresh cluster raises it (tests/cluster/README.md). */
  g_assert_true (wait_for_cluster (cluster_reports, (gpointer) code, 30000));

  out = kdcc_test_ceph_text (cluster, "health", "mute", code, NULL);
  g_assert_true (wait_for_cluster (cluster_reports_muted, (gpointer) code, 30000));

  kdcc_test_assert_source_matches_cli (cluster, rados, KDCC_TEST_FACTS_ALL, FALSE, 60);
  kdcc_test_assert_source_matches_cli (cluster, dashboard, KDCC_TEST_FACTS_ALL, TRUE, 120);
  /* The comparison covered a muted check. */
  snap = kdcc_source_fetch_snapshot_sync (rados, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kdcc_test_find_check (snap, code));
  g_assert_true (kdcc_test_find_check (snap, code)->muted);

  g_clear_pointer (&out, g_free);
  out = kdcc_test_ceph_text (cluster, "health", "unmute", code, NULL);
  g_assert_true (wait_for_cluster (cluster_reports, (gpointer) code, 30000));
  g_assert_false (cluster_reports_muted ((gpointer) code));
}

/* A dashboard connection cut in the middle of a body --------------------------------- */

static void
test_dashboard_cut (void)
{
  g_autoptr(KdccSession) session = NULL;
  g_autofree char *url = NULL;
  KdccTestRefreshes refreshes;
  KdccCluster *model;
  KdccTestCutRelay *relay;
  guint size;

  ensure_cluster ();
  relay = kdcc_test_cut_relay_new (cluster->dashboard_url, "GET /api/health/full ");
  url = g_strdup_printf ("http://127.0.0.1:%u", kdcc_test_cut_relay_get_port (relay));

  session = dashboard_session (url);
  model = kdcc_session_get_cluster (session);
  kdcc_test_session_start_fast (session, 2, &refreshes);
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 1, 30000));
  g_assert_cmpuint (refreshes.failures, ==, 0);
  g_assert_cmpuint (kdcc_test_cut_relay_get_cuts (relay), ==, 0);
  /* How large the answer is on the wire, headers included. */
  size = kdcc_test_cut_relay_get_answer_bytes (relay);
  g_test_message ("/api/health/full: %u bytes through the relay", size);
  g_assert_cmpuint (size, >, 4096);

  /* Half of it, then the connection closes: well inside the body. */
  kdcc_test_cut_relay_set_cut_after (relay, size / 2);
  g_assert_true (kdcc_test_wait_until (has_failed, &refreshes, 30000));
  g_test_message ("cut after %u bytes: %s", size / 2, refreshes.last_error->message);
  g_assert_cmpuint (kdcc_test_cut_relay_get_cuts (relay), >=, 1);
  g_assert_error (refreshes.last_error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_nonnull (strstr (refreshes.last_error->message, url));
  assert_last_state_kept (model);
  g_assert_cmpstr (kdcc_cluster_get_last_error (model), ==, refreshes.last_error->message);

  /* Everything passes again: the same session recovers by itself. */
  kdcc_test_cut_relay_set_cut_after (relay, 0);
  g_assert_true (kdcc_test_wait_until (is_fresh, model, 30000));
  g_assert_cmpstr (kdcc_cluster_get_fsid (model), ==, cluster->fsid);

  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
  kdcc_test_cut_relay_free (relay);
}

/* An OSD killed -------------------------------------------------------------------------- */

static void
test_osd_killed (void)
{
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccSource) rados = NULL;
  g_autoptr(KdccSource) dashboard = NULL;
  KdccTestRefreshes refreshes;
  KdccHealthCheck *check;
  KdccCluster *model;
  gboolean found = FALSE;
  gint64 start;

  ensure_cluster ();
  session = direct_session ();
  model = kdcc_session_get_cluster (session);
  kdcc_test_session_start_fast (session, 2, &refreshes);
  g_assert_null (model_check (model, "OSD_DOWN"));
  g_assert_false (model_has_degraded_pgs (model));
  g_assert_true (kdcc_osd_get_up (model_osd (model, 2)));

  kdcc_test_cluster_kill_daemon (cluster, "osd.2", "KILL");
  start = g_get_monotonic_time ();

  g_assert_true (wait_for_cluster (cluster_reports, (gpointer) "OSD_DOWN", 120000));
  g_test_message ("the cluster reports OSD_DOWN %.1f s after the kill",
                  (g_get_monotonic_time () - start) / 1e6);
  assert_next_refresh_shows (&refreshes, model, model_shows_check, "OSD_DOWN", "OSD_DOWN");
  check = model_check (model, "OSD_DOWN");
  g_assert_cmpint (kdcc_health_check_get_severity (check), ==, KDCC_HEALTH_WARN);
  for (const char * const *line = kdcc_health_check_get_detail (check); *line; line++)
    found |= strstr (*line, "osd.2") != NULL;
  g_assert_true (found);
  g_assert_false (kdcc_osd_get_up (model_osd (model, 2)));
  g_assert_true (kdcc_osd_get_up (model_osd (model, 0)));

  g_assert_true (wait_for_cluster (cluster_reports_degraded, NULL, 120000));
  assert_next_refresh_shows (&refreshes, model, model_shows_degraded, NULL, "degraded PGs");
  g_assert_true (wait_for_cluster (cluster_reports, (gpointer) "PG_DEGRADED", 120000));
  assert_next_refresh_shows (&refreshes, model, model_shows_check, "PG_DEGRADED",
                             "PG_DEGRADED");
  g_assert_cmpuint (refreshes.failures, ==, 0);
  g_assert_false (kdcc_cluster_get_stale (model));

  /* The whole picture of the fault agrees with the CLI: the checks with
   * their detail lines, PG counts by state, usage with an OSD down. The
   * mgr keeps the dead OSD's last statistics, which `osd df` no longer
   * shows, so the Dashboard's OSD usage is left out here. */
  rados = KDCC_SOURCE (kdcc_rados_source_new (cluster->conf, cluster->keyring,
                                              cluster->client_id));
  kdcc_test_assert_source_matches_cli (cluster, rados, KDCC_TEST_FACTS_ALL, FALSE, 60);
  dashboard = dashboard_source ();
  kdcc_test_assert_source_matches_cli (cluster, dashboard,
                                       KDCC_TEST_FACTS_CHECKS | KDCC_TEST_FACTS_PG_STATES |
                                       KDCC_TEST_FACTS_POOLS, TRUE, 120);

  /* Back: up, and its PGs clean again (the harness waits for both). */
  kdcc_test_cluster_start_daemon (cluster, "osd.2");
  g_assert_true (wait_for_cluster (cluster_recovered, NULL, 120000));
  assert_next_refresh_shows (&refreshes, model, model_shows_recovered, NULL, "recovery");
  g_assert_true (kdcc_osd_get_up (model_osd (model, 2)));
  g_assert_cmpuint (refreshes.failures, ==, 0);

  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* The mon frozen in the middle of a refresh ---------------------------------------------- */

typedef struct
{
  GPid     pid;
  gboolean armed;
  gint64   frozen_at;
  guint    refresh;      /* the number of the refresh in flight when frozen */
  KdccTestRefreshes *refreshes;
} Freeze;

static void
freeze_on_busy_cb (KdccMonitor *monitor,
                   GParamSpec  *pspec,
                   Freeze      *freeze)
{
  gboolean busy = FALSE;

  g_object_get (monitor, "busy", &busy, NULL);
  if (!busy || !freeze->armed)
    return;
  /* Right as the refresh's worker starts its commands. */
  g_assert_cmpint (kill (freeze->pid, SIGSTOP), ==, 0);
  freeze->armed = FALSE;
  freeze->frozen_at = g_get_monotonic_time ();
  freeze->refresh = freeze->refreshes->started;
}

static void
test_mon_frozen (void)
{
  g_autoptr(KdccSession) session = NULL;
  KdccTestRefreshes refreshes;
  KdccCluster *model;
  Freeze freeze = { 0 };
  gboolean failed;
  guint failing_refresh;
  gulong id;
  gint64 failed_at, thawed_at;

  ensure_cluster ();
  session = direct_session ();
  model = kdcc_session_get_cluster (session);
  kdcc_test_session_start_fast (session, 2, &refreshes);
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 1, 30000));
  g_assert_cmpuint (refreshes.failures, ==, 0);

  freeze.pid = kdcc_test_cluster_daemon_pid (cluster, "mon");
  freeze.refreshes = &refreshes;
  freeze.armed = TRUE;
  /* Connected after the counter's handler, so "started" already counts
   * the refresh being frozen. */
  id = g_signal_connect (kdcc_session_get_monitor (session), "notify::busy",
                         G_CALLBACK (freeze_on_busy_cb), &freeze);

  failed = kdcc_test_wait_until (has_failed, &refreshes, 60000);
  failed_at = g_get_monotonic_time ();
  failing_refresh = refreshes.done;
  /* Thawed first, so the cluster runs on whatever the assertions say. */
  if (freeze.frozen_at != 0)
    g_assert_cmpint (kill (freeze.pid, SIGCONT), ==, 0);
  thawed_at = g_get_monotonic_time ();
  g_clear_signal_handler (&id, kdcc_session_get_monitor (session));

  g_assert_cmpint (freeze.frozen_at, >, 0);
  g_assert_true (failed);
  g_test_message ("frozen during refresh %u; refresh %u failed %.1f s later: %s", freeze.refresh,
                  failing_refresh, (failed_at - freeze.frozen_at) / 1e6,
                  refreshes.last_error->message);
  g_assert_error (refreshes.last_error, KDCC_ERROR, KDCC_ERROR_TIMEOUT);
  /* The refresh in flight, or at the latest the next one, runs into the
   * timeout (10 s here), and within a bound. */
  g_assert_cmpuint (failing_refresh, <=, freeze.refresh + 1);
  g_assert_cmpint (failed_at - freeze.frozen_at, <, 30 * G_USEC_PER_SEC);
  assert_last_state_kept (model);
  g_assert_cmpstr (kdcc_cluster_get_last_error (model), ==, refreshes.last_error->message);

  /* After SIGCONT the same session recovers by itself. */
  g_assert_true (kdcc_test_wait_until (is_fresh, model, 60000));
  g_test_message ("fresh again %.1f s after SIGCONT", (g_get_monotonic_time () - thawed_at) / 1e6);
  g_assert_cmpstr (kdcc_cluster_get_fsid (model), ==, cluster->fsid);
  g_assert_true (kdcc_test_cluster_daemon_running (cluster, "mon"));

  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* The mgr stopped ------------------------------------------------------------------------- */

static void
test_mgr_stopped (void)
{
  g_autoptr(KdccSession) direct = NULL;
  g_autoptr(KdccSession) dashboard = NULL;
  KdccTestRefreshes direct_refreshes, dashboard_refreshes;
  KdccCluster *direct_model, *dashboard_model;
  guint successes;
  gint64 start;

  ensure_cluster ();
  direct = direct_session ();
  dashboard = dashboard_session (NULL);
  direct_model = kdcc_session_get_cluster (direct);
  dashboard_model = kdcc_session_get_cluster (dashboard);
  kdcc_test_session_start_fast (direct, 2, &direct_refreshes);
  kdcc_test_session_start_fast (dashboard, 2, &dashboard_refreshes);
  g_assert_null (model_check (direct_model, "MGR_DOWN"));
  g_assert_cmpstr (kdcc_cluster_get_mgr_active (direct_model), ==, "x");

  kdcc_test_cluster_stop_daemon (cluster, "mgr");
  g_assert_true (kdcc_test_port_refuses (cluster->dashboard_url));
  start = g_get_monotonic_time ();

  /* The Dashboard session goes stale at once and says why. */
  g_assert_true (kdcc_test_wait_until (is_stale, dashboard_model, 60000));
  g_test_message ("dashboard session: %s", dashboard_refreshes.last_error->message);
  g_assert_error (dashboard_refreshes.last_error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_nonnull (strstr (dashboard_refreshes.last_error->message, cluster->dashboard_url));
  assert_last_state_kept (dashboard_model);

  /* The mon raises MGR_DOWN once mon_mgr_beacon_grace (30 s) passed; the
   * librados session shows it within one refresh, and never failed. */
  successes = direct_refreshes.successes;
  g_assert_true (wait_for_cluster (cluster_reports, (gpointer) "MGR_DOWN", 120000));
  g_test_message ("the cluster reports MGR_DOWN %.1f s after the stop",
                  (g_get_monotonic_time () - start) / 1e6);
  assert_next_refresh_shows (&direct_refreshes, direct_model, model_shows_check, "MGR_DOWN",
                             "MGR_DOWN");
  g_assert_cmpint (kdcc_health_check_get_severity (model_check (direct_model, "MGR_DOWN")), >=,
                   KDCC_HEALTH_WARN);
  g_assert_null (kdcc_cluster_get_mgr_active (direct_model));
  g_assert_cmpuint (direct_refreshes.successes, >, successes);
  g_assert_cmpuint (direct_refreshes.failures, ==, 0);
  g_assert_false (kdcc_cluster_get_stale (direct_model));
  g_assert_true (kdcc_cluster_get_stale (dashboard_model));

  /* Both recover after the mgr is back. */
  kdcc_test_cluster_start_daemon (cluster, "mgr");
  g_assert_true (wait_for_cluster (cluster_clear_of, (gpointer) "MGR_DOWN", 120000));
  assert_next_refresh_shows (&direct_refreshes, direct_model, model_lacks_check, "MGR_DOWN",
                             "MGR_DOWN cleared");
  g_assert_cmpstr (kdcc_cluster_get_mgr_active (direct_model), ==, "x");
  g_assert_cmpuint (direct_refreshes.failures, ==, 0);
  g_assert_true (kdcc_test_wait_until (is_fresh, dashboard_model, 60000));
  g_assert_cmpstr (kdcc_cluster_get_fsid (dashboard_model), ==, cluster->fsid);

  kdcc_test_refreshes_clear (&direct_refreshes);
  kdcc_test_refreshes_clear (&dashboard_refreshes);
  kdcc_session_close (direct);
  kdcc_session_close (dashboard);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* One private cluster for every phase; each leaves it healthy. */
  g_test_add_func ("/faults-live/muted-check", test_muted_check);
  g_test_add_func ("/faults-live/dashboard-cut", test_dashboard_cut);
  g_test_add_func ("/faults-live/osd-killed", test_osd_killed);
  g_test_add_func ("/faults-live/mon-frozen", test_mon_frozen);
  g_test_add_func ("/faults-live/mgr-stopped", test_mgr_stopped);

  ret = g_test_run ();
  g_clear_object (&oracle);
  g_clear_pointer (&cluster, kdcc_test_cluster_free);
  return kdcc_test_exit (ret);
}
