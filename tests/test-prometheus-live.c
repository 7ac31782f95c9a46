/* test-prometheus-live.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the real Prometheus and Alertmanager that tests/cluster starts
 * beside the test cluster (KDCC_TEST_PROMETHEUS_SERVER_URL,
 * KDCC_TEST_PROMETHEUS_RULES_DIR, KDCC_TEST_ALERTMANAGER_URL): KDCC's series
 * are what query_range answers, read independently with curl; an alert fired
 * by a rule this test writes appears through KDCC; a silence KDCC creates is
 * what amtool sees.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "kdcc-alertmanager.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-prometheus-history.h"
#include "kdcc-rados-source.h"
#include "kdcc-test-util.h"

#define RULE_NAME "KdccTestClusterNotHealthy"

static const char *
need_env (const char *name)
{
  const char *value = g_getenv (name);

  /* A live test fails, never skips, without its parts. */
  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: run the tests through build-aux/run-tests, whose cluster "
             "starts Prometheus and Alertmanager (Debian's prometheus and "
             "prometheus-alertmanager packages)", name);
  return value;
}

/* Runs argv, returns its stdout; fails the test when it fails. */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

/* query_range as the test reads it itself: curl, and json-glib straight
 * on the answer, not KDCC's parser. label → array of (time ms, value). */
static GHashTable *
curl_query_range (const char *promql,
                  gint64      start,
                  gint64      end,
                  gint64      step,
                  const char *label_key)
{
  const char *server = need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL");
  g_autofree char *url = g_strconcat (server, "/api/v1/query_range", NULL);
  g_autofree char *q = g_strconcat ("query=", promql, NULL);
  g_autofree char *s = g_strdup_printf ("start=%.3f", start / 1000.0);
  g_autofree char *e = g_strdup_printf ("end=%.3f", end / 1000.0);
  g_autofree char *st = g_strdup_printf ("step=%.3f", step / 1000.0);
  const char *argv[] = { "curl", "-sf", "--get", "--data-urlencode", q, "--data-urlencode", s,
                         "--data-urlencode", e, "--data-urlencode", st, url, NULL };
  g_autofree char *out = run (argv);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_array_unref);
  JsonObject *root;
  JsonArray *series;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "success");
  series = json_object_get_array_member (json_object_get_object_member (root, "data"), "result");

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *one = json_array_get_object_element (series, i);
      JsonObject *metric = json_object_get_object_member (one, "metric");
      JsonArray *values = json_object_get_array_member (one, "values");
      const char *label = label_key ? json_object_get_string_member (metric, label_key) : "";
      GArray *points = g_array_new (FALSE, FALSE, sizeof (KdccHistoryPoint));

      if (label_key != NULL && g_str_equal (label_key, "__name__"))
        label += strlen ("ceph_pg_");
      for (guint j = 0; j < json_array_get_length (values); j++)
        {
          JsonArray *pair = json_array_get_array_element (values, j);
          KdccHistoryPoint p;

          p.time = (gint64) llround (json_array_get_double_element (pair, 0) * 1000.0);
          p.value = g_ascii_strtod (json_array_get_string_element (pair, 1), NULL);
          g_array_append_val (points, p);
        }
      g_hash_table_insert (result, g_strdup (label), points);
    }
  return result;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static KdccPrometheusHistory *
make_history (void)
{
  g_autoptr(KdccPrometheus) prometheus = kdcc_prometheus_new (need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL"));

  return kdcc_prometheus_history_new (prometheus);
}

static GPtrArray *
query_async (KdccHistory            *history,
             const KdccHistoryQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *series;

  kdcc_history_query_range_async (history, query, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  series = kdcc_history_query_range_finish (history, result, &error);
  g_assert_no_error (error);
  return series;
}

static const KdccHistoryMetric compared_metrics[] = {
  KDCC_HISTORY_CAPACITY_TOTAL, KDCC_HISTORY_CAPACITY_USED, KDCC_HISTORY_CLIENT_WRITE_OPS,
  KDCC_HISTORY_RECOVERY_BYTES, KDCC_HISTORY_PG_STATES, KDCC_HISTORY_POOL_STORED,
  KDCC_HISTORY_POOL_WRITE_BYTES, KDCC_HISTORY_OSD_UTILIZATION, KDCC_HISTORY_OSD_APPLY_LATENCY,
};

/* Prometheus has scraped every compared series for a while: each has
 * samples between 25 and 10 s ago (a fresh cluster's exporter reports OSD
 * statistics some seconds after the cluster numbers). */
static gboolean
has_samples (gpointer user_data)
{
  KdccHistory *history = user_data;
  gint64 now = g_get_real_time () / 1000;

  for (guint m = 0; m < G_N_ELEMENTS (compared_metrics); m++)
    {
      KdccHistoryQuery query = { compared_metrics[m], NULL, now - 25000, now - 10000, 2000 };
      g_autoptr(GPtrArray) series = kdcc_history_query_range (history, &query, NULL, NULL);

      if (series == NULL || series->len == 0 ||
          kdcc_history_series_count_values (g_ptr_array_index (series, 0)) < 4)
        return FALSE;
    }
  return TRUE;
}

static void
test_series_equal_query_range (void)
{
  g_autoptr(KdccPrometheusHistory) history = make_history ();
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  const KdccHistoryMetric *metrics = compared_metrics;
  static const char * const keys[G_N_ELEMENTS (compared_metrics)] = {
    NULL, NULL, NULL, NULL, "__name__", "name", "name", "ceph_daemon", "ceph_daemon",
  };
  g_autoptr(JsonNode) df = NULL;
  gint64 end, start;

  g_assert_true (kdcc_test_wait_until (has_samples, history, 120000));

  /* A range that ended 10 s ago: no scrape can still land in it between
   * KDCC's request and curl's, so both must see exactly the same. Odd
   * start and step so nothing lines up by chance. */
  end = (g_get_real_time () / 1000) - 10000;
  start = end - 60000 + 333;

  for (guint m = 0; m < G_N_ELEMENTS (compared_metrics); m++)
    {
      KdccHistoryQuery query = { metrics[m], NULL, start, end, 1500 };
      g_autofree char *promql = kdcc_prometheus_history_dup_promql (&query);
      g_autoptr(GPtrArray) series = query_async (KDCC_HISTORY (history), &query);
      g_autoptr(GHashTable) expected = curl_query_range (promql, start, end, query.step, keys[m]);
      guint compared = 0;

      g_test_message ("%s: %u series", promql, series->len);
      g_assert_cmpuint (series->len, ==, g_hash_table_size (expected));
      g_assert_cmpuint (series->len, >, 0);

      for (guint s = 0; s < series->len; s++)
        {
          KdccHistorySeries *one = g_ptr_array_index (series, s);
          GArray *want = g_hash_table_lookup (expected, one->label ? one->label : "");
          guint k = 0;

          g_assert_nonnull (want);
          g_assert_cmpint (one->metric, ==, metrics[m]);
          g_assert_true ((one->label == NULL) == (keys[m] == NULL));
          for (guint i = 0; i < one->points->len; i++)
            {
              KdccHistoryPoint *got = &g_array_index (one->points, KdccHistoryPoint, i);
              KdccHistoryPoint *exp;

              /* A gap marker is KDCC's own: no such sample exists. */
              if (isnan (got->value) && (k >= want->len ||
                                         g_array_index (want, KdccHistoryPoint, k).time != got->time))
                continue;
              g_assert_cmpuint (k, <, want->len);
              exp = &g_array_index (want, KdccHistoryPoint, k++);
              g_assert_cmpint (got->time, ==, exp->time);
              if (isnan (exp->value))
                g_assert_true (isnan (got->value));
              else
                g_assert_cmpfloat (got->value, ==, exp->value);
              compared++;
            }
          g_assert_cmpuint (k, ==, want->len);
        }
      g_assert_cmpuint (compared, >, 0);
    }

  /* And the numbers are the cluster's: raw capacity as `ceph df` says. */
  df = kdcc_test_ceph_json (cluster, "df", NULL);
  {
    KdccHistoryQuery query = { KDCC_HISTORY_CAPACITY_TOTAL, NULL, end - 10000, end, 2000 };
    g_autoptr(GPtrArray) series = query_async (KDCC_HISTORY (history), &query);
    KdccHistorySeries *one = g_ptr_array_index (series, 0);
    double total = json_object_get_double_member (
      json_object_get_object_member (json_node_get_object (df), "stats"), "total_bytes");

    g_assert_cmpfloat (g_array_index (one->points, KdccHistoryPoint, one->points->len - 1).value,
                       ==, total);
  }
}

static void
test_pool_filter_and_events (void)
{
  g_autoptr(KdccPrometheusHistory) history = make_history ();
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonNode) health = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
  JsonObject *checks = json_object_get_object_member (json_node_get_object (health), "checks");
  gint64 now = g_get_real_time () / 1000;
  KdccHistoryQuery query = { KDCC_HISTORY_POOL_STORED, cluster->pool, now - 30000, now, 2000 };
  g_autoptr(GPtrArray) series = query_async (KDCC_HISTORY (history), &query);
  gboolean raised = FALSE;

  /* Only the asked pool. */
  g_assert_cmpuint (series->len, ==, 1);
  g_assert_cmpstr (((KdccHistorySeries *) g_ptr_array_index (series, 0))->label, ==, cluster->pool);

  /* The cluster's real warnings were raised after Prometheus started. */
  events = kdcc_history_list_events (KDCC_HISTORY (history), now - 3600 * 1000, now, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      KdccHistoryEvent *event = g_ptr_array_index (events, i);
      g_autofree char *text = kdcc_history_event_describe (event);

      g_test_message ("event %" G_GINT64_FORMAT ": %s", event->time, text);
      if (event->kind == KDCC_HISTORY_EVENT_HEALTH_RAISED &&
          json_object_has_member (checks, event->subject))
        raised = TRUE;
    }
  g_assert_true (raised);
}

static void
test_errors (void)
{
  g_autoptr(KdccPrometheusHistory) history = make_history ();
  g_autoptr(KdccPrometheus) nowhere = kdcc_prometheus_new ("http://127.0.0.1:1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) result = NULL;
  gint64 now = g_get_real_time () / 1000;

  /* Prometheus' own words reach the user. */
  result = kdcc_prometheus_query_range (kdcc_prometheus_history_get_prometheus (history), "sum(",
                                        now - 10000, now, 1000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "parse error"));
  g_clear_error (&error);

  result = kdcc_prometheus_query_range (nowhere, "up", now - 10000, now, 1000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "http://127.0.0.1:1"));
}

static void
test_discover (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  const char *server = need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL");
  g_autoptr(KdccRadosSource) rados = kdcc_rados_source_new (cluster->conf, cluster->keyring,
                                                            cluster->client_id);
  g_autoptr(KdccDashboardSource) dashboard = kdcc_dashboard_source_new (cluster->dashboard_url,
                                                                        cluster->dashboard_user,
                                                                        cluster->dashboard_password,
                                                                        NULL);
  g_autoptr(KdccProfile) profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *with_slash = g_strconcat (server, "/", NULL);
  g_autofree char *set = NULL;
  g_autofree char *from_rados = NULL;
  g_autofree char *from_dashboard = NULL;
  g_autofree char *from_profile = NULL;
  g_autofree char *unset = NULL;
  g_autofree char *cleared = NULL;

  /* As an admin sets it for the Dashboard's own charts. */
  set = kdcc_test_ceph_text (cluster, "dashboard", "set-prometheus-api-host", with_slash, NULL);

  from_rados = kdcc_prometheus_history_discover_url (NULL, KDCC_SOURCE (rados), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_rados, ==, server);
  from_dashboard = kdcc_prometheus_history_discover_url (NULL, KDCC_SOURCE (dashboard), NULL,
                                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_dashboard, ==, server);

  /* The profile's own URL wins. */
  kdcc_profile_set_prometheus_url (profile, "http://elsewhere.example:9090");
  from_profile = kdcc_prometheus_history_discover_url (profile, KDCC_SOURCE (rados), NULL, &error);
  g_assert_cmpstr (from_profile, ==, "http://elsewhere.example:9090");

  cleared = kdcc_test_ceph_text (cluster, "dashboard", "reset-prometheus-api-host", NULL);
  unset = kdcc_prometheus_history_discover_url (NULL, KDCC_SOURCE (rados), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (unset);
  kdcc_source_disconnect (KDCC_SOURCE (rados));
}

/* Alertmanager */

typedef struct
{
  KdccAlertmanager *alertmanager;
  const char       *silence_id;   /* wait for the alert silenced by it */
  char             *fingerprint;
  GHashTable       *labels;
} AlertWait;

static gboolean
alert_seen (gpointer user_data)
{
  AlertWait *wait = user_data;
  g_autoptr(GPtrArray) alerts = kdcc_alertmanager_list_alerts_sync (wait->alertmanager, NULL,
                                                                    NULL);

  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    {
      KdccAlert *alert = g_ptr_array_index (alerts, i);

      if (g_strcmp0 (alert->name, RULE_NAME) != 0)
        continue;
      if (wait->silence_id == NULL && g_str_equal (alert->state, "active"))
        {
          g_free (wait->fingerprint);
          wait->fingerprint = g_strdup (alert->fingerprint);
          g_clear_pointer (&wait->labels, g_hash_table_unref);
          wait->labels = g_hash_table_ref (alert->labels);
          g_assert_cmpstr (alert->severity, ==, "warning");
          g_assert_cmpstr (alert->summary, ==, "KDCC test: the cluster reports a health warning");
          g_assert_cmpint (alert->starts_at, >, 0);
          return TRUE;
        }
      if (wait->silence_id != NULL && g_str_equal (alert->state, "suppressed"))
        for (guint j = 0; j < alert->silenced_by->len; j++)
          if (g_str_equal (g_ptr_array_index (alert->silenced_by, j), wait->silence_id))
            return TRUE;
    }
  return FALSE;
}

static gboolean
has_alertmanager (gpointer user_data)
{
  g_auto(GStrv) managers = kdcc_prometheus_dup_alertmanagers (user_data, NULL, NULL);

  return managers != NULL && managers[0] != NULL;
}

static JsonArray *
amtool_silences (const char *alertmanager,
                 gboolean    expired,
                 JsonParser *parser)
{
  g_autofree char *url = g_strconcat ("--alertmanager.url=", alertmanager, NULL);
  const char *argv[] = { "amtool", url, "silence", "query", "-o", "json",
                         expired ? "--expired" : NULL, NULL };
  g_autofree char *out = run (argv);
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  return json_node_get_array (json_parser_get_root (parser));
}

static JsonObject *
find_silence (JsonArray  *silences,
              const char *id)
{
  for (guint i = 0; i < json_array_get_length (silences); i++)
    {
      JsonObject *silence = json_array_get_object_element (silences, i);

      if (g_strcmp0 (json_object_get_string_member (silence, "id"), id) == 0)
        return silence;
    }
  return NULL;
}

static void
test_alertmanager (void)
{
  const char *server = need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL");
  const char *rules = need_env ("KDCC_TEST_PROMETHEUS_RULES_DIR");
  const char *am_url = need_env ("KDCC_TEST_ALERTMANAGER_URL");
  g_autoptr(KdccPrometheus) prometheus = kdcc_prometheus_new (server);
  g_autoptr(KdccAlertmanager) alertmanager = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) expired_parser = json_parser_new ();
  g_autofree char *rule_file = g_build_filename (rules, "kdcc-test.yml", NULL);
  g_autofree char *reload = g_strconcat (server, "/-/reload", NULL);
  g_autofree char *reloaded = NULL;
  g_autofree char *silence_id = NULL;
  g_auto(GStrv) managers = NULL;
  g_autoptr(KdccAlertmanager) nowhere = kdcc_alertmanager_new ("http://127.0.0.1:1");
  g_autoptr(GPtrArray) none = NULL;
  AlertWait wait = { NULL, };
  JsonObject *silence;
  static const char rule[] =
    "groups:\n"
    "  - name: kdcc-test\n"
    "    rules:\n"
    "      - alert: " RULE_NAME "\n"
    "        expr: ceph_health_status > 0\n"
    "        labels:\n"
    "          severity: warning\n"
    "        annotations:\n"
    "          summary: 'KDCC test: the cluster reports a health warning'\n";
  const char *reload_argv[] = { "curl", "-sf", "-X", "POST", reload, NULL };

  /* The cluster has real warnings (AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED,
   * MGR_MODULE_DEPENDENCY): ceph_health_status is 1. */
  g_assert_true (g_file_set_contents (rule_file, rule, -1, &error));
  reloaded = run (reload_argv);

  /* The Alertmanager is found through the Prometheus that uses it (once
   * the reload has rediscovered it). */
  g_assert_true (kdcc_test_wait_until (has_alertmanager, prometheus, 30000));
  managers = kdcc_prometheus_dup_alertmanagers (prometheus, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (managers), ==, 1);
  g_assert_cmpstr (managers[0], ==, am_url);
  alertmanager = kdcc_alertmanager_new (managers[0]);
  wait.alertmanager = alertmanager;

  g_assert_true (kdcc_test_wait_until (alert_seen, &wait, 120000));
  g_assert_nonnull (wait.fingerprint);

  /* Refused locally before anything is sent. */
  g_assert_null (kdcc_alertmanager_create_silence_sync (alertmanager, wait.labels, 600, "  ",
                                                        NULL, NULL, &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Silence exactly this alert for 10 minutes. */
  kdcc_alertmanager_create_silence_async (alertmanager, wait.labels, 600,
                                          "KDCC test silence: known warning", "kdcc-test",
                                          NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  silence_id = kdcc_alertmanager_create_silence_finish (alertmanager, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (silence_id);
  g_clear_object (&result);

  /* amtool sees it, with KDCC's comment, author and matchers. */
  silence = find_silence (amtool_silences (am_url, FALSE, parser), silence_id);
  g_assert_nonnull (silence);
  g_assert_cmpstr (json_object_get_string_member (silence, "comment"), ==,
                   "KDCC test silence: known warning");
  g_assert_cmpstr (json_object_get_string_member (silence, "createdBy"), ==, "kdcc-test");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (silence, "matchers")), ==,
                    g_hash_table_size (wait.labels));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (silence, "status"),
                                                  "state"), ==, "active");

  /* And through KDCC the alert is now suppressed by it. */
  wait.silence_id = silence_id;
  g_assert_true (kdcc_test_wait_until (alert_seen, &wait, 60000));

  /* Deleting ends it: amtool lists it as expired. */
  kdcc_alertmanager_delete_silence_async (alertmanager, silence_id, NULL,
                                          store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (kdcc_alertmanager_delete_silence_finish (alertmanager, result, &error));
  g_assert_no_error (error);
  silence = find_silence (amtool_silences (am_url, TRUE, expired_parser), silence_id);
  g_assert_nonnull (silence);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (silence, "status"),
                                                  "state"), ==, "expired");

  /* A second delete is refused with the Alertmanager's own words. */
  g_assert_false (kdcc_alertmanager_delete_silence_sync (alertmanager, "no-such-silence", NULL,
                                                         &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  none = kdcc_alertmanager_list_alerts_sync (nowhere, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT);

  g_unlink (rule_file);
  g_free (run (reload_argv));
  g_free (wait.fingerprint);
  g_clear_pointer (&wait.labels, g_hash_table_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prometheus-live/series-equal-query-range", test_series_equal_query_range);
  g_test_add_func ("/prometheus-live/pool-filter-and-events", test_pool_filter_and_events);
  g_test_add_func ("/prometheus-live/errors", test_errors);
  g_test_add_func ("/prometheus-live/discover", test_discover);
  g_test_add_func ("/prometheus-live/alertmanager", test_alertmanager);

  return kdcc_test_run ();
}
