/* test-prometheus-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-history.h"
#include "kdcc-prometheus-history.h"
#include "kdcc-prometheus-parse.h"
#include "kdcc-test-util.h"

/* Real answers of Prometheus 2.42 and Alertmanager 0.25 scraping the test
 * cluster (tests/fixtures/prometheus-2.42/README.md). */
#define FIXTURE(name) "prometheus-2.42/" name

static GPtrArray *
parse_matrix_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *text = kdcc_test_read_fixture (name, &length);
  GPtrArray *matrix = kdcc_prometheus_parse_matrix (text, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (matrix);
  return matrix;
}

static void
test_matrix (void)
{
  g_autoptr(GPtrArray) capacity = parse_matrix_fixture (FIXTURE ("query-range-capacity.json"));
  g_autoptr(GPtrArray) pgs = parse_matrix_fixture (FIXTURE ("query-range-pg-states.json"));
  g_autoptr(GPtrArray) pools = parse_matrix_fixture (FIXTURE ("query-range-pool-stored.json"));
  g_autoptr(GPtrArray) osds = parse_matrix_fixture (FIXTURE ("query-range-osd-utilization.json"));
  KdccPrometheusSeries *series;
  KdccPrometheusPoint *p0, *p1;

  /* One unlabelled series, 5 s apart, integer timestamps. */
  g_assert_cmpuint (capacity->len, ==, 1);
  series = g_ptr_array_index (capacity, 0);
  g_assert_cmpuint (g_hash_table_size (series->labels), ==, 0);
  g_assert_cmpuint (series->points->len, >=, 2);
  p0 = &g_array_index (series->points, KdccPrometheusPoint, 0);
  p1 = &g_array_index (series->points, KdccPrometheusPoint, 1);
  g_assert_cmpint (p1->time - p0->time, ==, 5000);
  g_assert_cmpint (p0->time % 1000, ==, 0);
  g_assert_cmpfloat (p0->value, >, 0);

  g_assert_cmpuint (pgs->len, ==, 4);
  series = g_ptr_array_index (pgs, 0);
  g_assert_cmpstr (g_hash_table_lookup (series->labels, "__name__"), ==, "ceph_pg_active");

  g_assert_cmpuint (pools->len, >=, 2);
  for (guint i = 0; i < pools->len; i++)
    g_assert_nonnull (g_hash_table_lookup (((KdccPrometheusSeries *) g_ptr_array_index (pools, i))->labels,
                                           "name"));

  /* Steps of 3.5 s: "1796071617.500" is kept to the millisecond. */
  g_assert_cmpuint (osds->len, ==, 3);
  series = g_ptr_array_index (osds, 0);
  g_assert_cmpstr (g_hash_table_lookup (series->labels, "ceph_daemon"), ==, "osd.0");
  p1 = &g_array_index (series->points, KdccPrometheusPoint, 1);
  g_assert_cmpint (p1->time % 1000, ==, 500);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *text = kdcc_test_read_fixture (FIXTURE ("query-range-error.json"), &length);
  g_autofree char *invalid = kdcc_test_read_fixture (FIXTURE ("silence-invalid.json"), &length);
  g_autofree char *message = kdcc_prometheus_parse_error_message (text, strlen (text));
  g_autofree char *am_message = kdcc_prometheus_parse_error_message (invalid, strlen (invalid));
  GPtrArray *matrix;
  static const char * const bad[] = {
    "",
    "[]",
    "{\"status\":\"success\"}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[[1,\"x\"]]}]}}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[[1]]}]}}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[[-5,\"1\"]]}]}}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[[2,\"1\"],[1,\"1\"]]}]}}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":1},\"values\":[]}]}}",
  };

  g_assert_cmpstr (message, ==, "1:5: parse error: unclosed left parenthesis");
  g_assert_cmpstr (am_message, ==, "createdBy in body is required");

  /* An error answer read as a matrix says what Prometheus said. */
  matrix = kdcc_prometheus_parse_matrix (text, strlen (text), &error);
  g_assert_null (matrix);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "unclosed left parenthesis"));
  g_assert_nonnull (strstr (error->message, "bad_data"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      matrix = kdcc_prometheus_parse_matrix (bad[i], strlen (bad[i]), &error);
      g_assert_null (matrix);
      g_assert_error (error, KDCC_ERROR, KDCC_ERROR_PARSE);
    }

  /* NaN and infinities are values Prometheus writes. */
  {
    static const char special[] =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
      "[{\"metric\":{},\"values\":[[1,\"NaN\"],[2,\"+Inf\"],[3,\"-Inf\"],[4.25,\"1e3\"]]}]}}";
    g_autoptr(GPtrArray) ok = kdcc_prometheus_parse_matrix (special, strlen (special), NULL);
    KdccPrometheusSeries *series = g_ptr_array_index (ok, 0);

    g_assert_true (isnan (g_array_index (series->points, KdccPrometheusPoint, 0).value));
    g_assert_true (isinf (g_array_index (series->points, KdccPrometheusPoint, 1).value));
    g_assert_cmpint (g_array_index (series->points, KdccPrometheusPoint, 3).time, ==, 4250);
    g_assert_cmpfloat (g_array_index (series->points, KdccPrometheusPoint, 3).value, ==, 1000);
  }
}

static void
test_alertmanager (void)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *managers_text = kdcc_test_read_fixture (FIXTURE ("alertmanagers.json"), &length);
  g_autofree char *alerts_text = kdcc_test_read_fixture (FIXTURE ("alerts.json"), &length);
  g_autofree char *silence_text = kdcc_test_read_fixture (FIXTURE ("silence-created.json"), &length);
  g_auto(GStrv) managers = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *id = NULL;
  KdccAlert *alert;

  managers = kdcc_prometheus_parse_alertmanagers (managers_text, strlen (managers_text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (managers), ==, 1);
  g_assert_true (g_str_has_prefix (managers[0], "http://127.0.0.1:"));
  g_assert_null (strstr (managers[0], "/api/"));

  alerts = kdcc_prometheus_parse_alerts (alerts_text, strlen (alerts_text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 1);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpstr (alert->name, ==, "CephHealthWarning");
  g_assert_cmpstr (alert->severity, ==, "warning");
  g_assert_cmpstr (alert->summary, ==, "The Ceph cluster is not healthy");
  g_assert_cmpstr (alert->state, ==, "suppressed");
  g_assert_cmpuint (alert->silenced_by->len, ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (alert->labels, "job"), ==, "ceph");
  /* 2026-11-30T20:46:06.488Z */
  g_assert_cmpint (alert->starts_at, ==, G_GINT64_CONSTANT (1796071566488));

  id = kdcc_prometheus_parse_silence_id (silence_text, strlen (silence_text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (id), ==, 36);
}

static void
test_promql (void)
{
  KdccHistoryQuery reads = { KDCC_HISTORY_CLIENT_READ_OPS, NULL, 0, 3600000, 15000 };
  KdccHistoryQuery slow = { KDCC_HISTORY_CLIENT_READ_OPS, NULL, 0, 7 * 86400000LL, 3600000 };
  KdccHistoryQuery pool = { KDCC_HISTORY_POOL_STORED, "rbd \"x\"", 0, 1, 1000 };
  KdccHistoryQuery osd = { KDCC_HISTORY_OSD_UTILIZATION, "osd.3", 0, 1, 1000 };
  KdccHistoryQuery pg = { KDCC_HISTORY_PG_STATES, "degraded", 0, 1, 1000 };
  g_autofree char *q1 = kdcc_prometheus_history_dup_promql (&reads);
  g_autofree char *q2 = kdcc_prometheus_history_dup_promql (&slow);
  g_autofree char *q3 = kdcc_prometheus_history_dup_promql (&pool);
  g_autofree char *q4 = kdcc_prometheus_history_dup_promql (&osd);
  g_autofree char *q5 = kdcc_prometheus_history_dup_promql (&pg);

  g_assert_cmpstr (q1, ==, "sum(rate(ceph_pool_rd[60s]))");
  /* The rate window grows with the step so no sample is skipped. */
  g_assert_cmpstr (q2, ==, "sum(rate(ceph_pool_rd[7200s]))");
  g_assert_cmpstr (q3, ==, "ceph_pool_stored * on (pool_id) group_left (name) "
                   "ceph_pool_metadata{name=\"rbd \\\"x\\\"\"}");
  g_assert_cmpstr (q4, ==, "ceph_osd_stat_bytes_used{ceph_daemon=\"osd.3\"} / "
                   "ceph_osd_stat_bytes{ceph_daemon=\"osd.3\"} * 100");
  g_assert_cmpstr (q5, ==, "sum by (__name__) ({__name__=\"ceph_pg_degraded\"})");
}

static void
test_downsample (void)
{
  KdccHistoryPoint raw[] = {
    { 1000, 1 }, { 2000, 3 }, { 11000, 10 }, { 35000, 7 }, { 36000, NAN }, { 99000, 5 },
  };
  g_autoptr(GArray) out = kdcc_history_downsample (raw, G_N_ELEMENTS (raw), 0, 60000, 10000);
  KdccHistoryPoint *p = (KdccHistoryPoint *) out->data;

  /* Buckets 0 (mean 2), 1 (10), a gap at 2, 3 (7); 99000 is past the end. */
  g_assert_cmpuint (out->len, ==, 4);
  g_assert_cmpint (p[0].time, ==, 0);
  g_assert_cmpfloat (p[0].value, ==, 2);
  g_assert_cmpint (p[1].time, ==, 10000);
  g_assert_cmpfloat (p[1].value, ==, 10);
  g_assert_cmpint (p[2].time, ==, 20000);
  g_assert_true (isnan (p[2].value));
  g_assert_cmpint (p[3].time, ==, 30000);
  g_assert_cmpfloat (p[3].value, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prometheus-parse/matrix", test_matrix);
  g_test_add_func ("/prometheus-parse/errors", test_errors);
  g_test_add_func ("/prometheus-parse/alertmanager", test_alertmanager);
  g_test_add_func ("/prometheus-parse/promql", test_promql);
  g_test_add_func ("/prometheus-parse/downsample", test_downsample);

  return kdcc_test_run ();
}
