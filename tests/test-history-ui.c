/* test-history-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * History in the GUI against the real test cluster and the Prometheus and
 * Alertmanager the harness runs beside it:
 *  - a history chart's series equal what query_range answers, read with
 *    curl (values and timestamps);
 *  - the dashboard's charts drawn from Prometheus' real samples, with the
 *    hover read-out (screenshots history-dashboard, history-hover, light
 *    and dark);
 *  - without Prometheus, the flight recorder fed by real refreshes, with
 *    a "what changed" marker;
 *  - an Alertmanager alert beside the health checks, silenced from the
 *    dialog, the silence then read back with amtool;
 *  - the Versions page compared with `ceph versions`.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "kdcc-am-alerts.h"
#include "kdcc-dashboard-history.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-host.h"
#include "kdcc-hosts-panel.h"
#include "kdcc-osd.h"
#include "kdcc-pool.h"
#include "kdcc-osds-panel.h"
#include "kdcc-pools-panel.h"
#include "kdcc-preferences-window.h"
#include "kdcc-prometheus-history.h"
#include "kdcc-release-catalog.h"
#include "kdcc-session-history.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-versions-exporters.h"
#include "kdcc-versions-panel.h"

#define RULE_NAME "KdccGuiTestAlert"

static const char *
need_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: run the tests through build-aux/run-tests, whose cluster "
             "starts Prometheus and Alertmanager", name);
  return value;
}

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

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static KdccSession *
open_session (gboolean           with_prometheus,
              KdccTestRefreshes *refreshes)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  g_autoptr(KdccProfile) profile = kdcc_test_direct_profile (cluster);
  g_autoptr(GError) error = NULL;
  KdccSession *session;

  if (with_prometheus)
    kdcc_profile_set_prometheus_url (profile, need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL"));
  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  kdcc_test_session_start_fast (session, 5, refreshes);
  return session;
}

static GtkWidget *
show_panel (GtkWidget   *panel,
            KdccSession *session,
            int          height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, height);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  kdcc_panel_set_session (KDCC_PANEL (panel), session);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
screenshot_both (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *dark_name = g_strconcat (name, "-dark", NULL);
  g_autofree char *png = NULL;
  g_autofree char *png_dark = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  kdcc_test_wait_for_paint (window, 10000);
  png = kdcc_test_screenshot (window, name);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  kdcc_test_wait_for_paint (window, 10000);
  png_dark = kdcc_test_screenshot (window, dark_name);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (png_dark, G_FILE_TEST_EXISTS));
}

/* The chart's series equal query_range ------------------------------------ */

typedef struct
{
  GtkWidget *chart;
  guint      loads;
} LoadWait;

static gboolean
chart_loaded (gpointer data)
{
  LoadWait *wait = data;

  return kdcc_history_chart_get_n_loads (KDCC_HISTORY_CHART (wait->chart)) > wait->loads;
}

/* curl's answer for promql: (time ms, value) of the first series. */
static GArray *
curl_points (const char *promql,
             gint64      start,
             gint64      end,
             gint64      step)
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
  GArray *points = g_array_new (FALSE, FALSE, sizeof (KdccHistoryPoint));
  JsonArray *result, *values;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  result = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data"),
    "result");
  g_assert_cmpuint (json_array_get_length (result), ==, 1);
  values = json_object_get_array_member (json_array_get_object_element (result, 0), "values");
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonArray *pair = json_array_get_array_element (values, i);
      KdccHistoryPoint p = {
        (gint64) llround (json_array_get_double_element (pair, 0) * 1000.0),
        g_ascii_strtod (json_array_get_string_element (pair, 1), NULL),
      };

      g_array_append_val (points, p);
    }
  return points;
}

/* Widgets that need no cluster ---------------------------------------------------- */

static void
test_new_destroy (void)
{
  GtkWidget *section = kdcc_history_section_new ();
  GtkWidget *chart = kdcc_history_chart_new ("Latency", KDCC_CHART_UNIT_MILLISECONDS, FALSE);
  GtkWidget *alerts = kdcc_am_alerts_new ();
  GtkWidget *versions = kdcc_versions_panel_new ();
  GtkWidget *dashboard = kdcc_dashboard_history_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_history_event_free);
  KdccChart *inner = kdcc_history_chart_get_chart (KDCC_HISTORY_CHART (chart));
  gint64 now = g_get_real_time ();

  g_object_ref_sink (section);
  g_object_ref_sink (alerts);
  g_object_ref_sink (versions);
  g_object_ref_sink (dashboard);

  /* Without a session the section says so and asks nothing. */
  g_assert_cmpstr (kdcc_history_section_get_source_text (KDCC_HISTORY_SECTION (section)), ==,
                   "Not connected");
  kdcc_history_section_add_chart (KDCC_HISTORY_SECTION (section), KDCC_HISTORY_CHART (chart));
  g_assert_cmpuint (kdcc_history_section_get_charts (KDCC_HISTORY_SECTION (section))->len, ==, 1);
  kdcc_history_section_set_range (KDCC_HISTORY_SECTION (section), KDCC_CHART_RANGE_7D);
  g_assert_cmpint (kdcc_history_section_get_range (KDCC_HISTORY_SECTION (section)), ==,
                   KDCC_CHART_RANGE_7D);
  g_assert_cmpstr (kdcc_history_section_get_forecast_text (KDCC_HISTORY_SECTION (section), "full"),
                   ==, "");
  g_assert_cmpuint (kdcc_history_section_get_n_loads (KDCC_HISTORY_SECTION (section)), ==, 0);

  /* Events become markers, named in the read-out near them. */
  g_ptr_array_add (events, kdcc_history_event_new (now / 1000 - 60000, KDCC_HISTORY_EVENT_OSD_DOWN,
                                                   "osd.1", NULL));
  kdcc_history_chart_set_events (KDCC_HISTORY_CHART (chart), events);
  g_assert_cmpuint (kdcc_chart_get_n_markers (inner), ==, 1);
  kdcc_history_chart_set_events (KDCC_HISTORY_CHART (chart), NULL);
  g_assert_cmpuint (kdcc_chart_get_n_markers (inner), ==, 0);

  /* The drop-down's durations. */
  g_assert_cmpuint (kdcc_am_alerts_durations[0], ==, 3600);
  g_assert_cmpuint (kdcc_am_alerts_durations[3], ==, 7 * 24 * 3600);
  g_assert_false (gtk_widget_get_visible (alerts));
  g_assert_false (gtk_widget_get_visible (dashboard));

  g_assert_finalize_object (section);
  g_assert_finalize_object (alerts);
  g_assert_finalize_object (versions);
  g_assert_finalize_object (dashboard);
}

static GtkSpinButton *
find_spin (GtkWidget *widget,
           double     upper)
{
  if (GTK_IS_SPIN_BUTTON (widget) &&
      gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget))) == upper)
    return GTK_SPIN_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSpinButton *found = find_spin (child, upper);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The history and version service keys, through KdccSettings and the
 * preferences window. */
static void
test_settings (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(KdccSettings) settings = kdcc_settings_new ();
  g_autofree char *service = NULL;
  GtkWidget *window;
  GtkSpinButton *days, *mb;

  g_assert_cmpuint (kdcc_settings_get_history_max_days (settings), ==, 30);
  g_assert_cmpuint (kdcc_settings_get_history_max_mb (settings), ==, 100);
  g_assert_null (kdcc_settings_dup_version_service (settings));

  g_settings_set_uint (gsettings, "history-max-days", 7);
  g_settings_set_boolean (gsettings, "version-service-enabled", TRUE);
  g_assert_cmpuint (kdcc_settings_get_history_max_days (settings), ==, 7);
  service = kdcc_settings_dup_version_service (settings);
  g_assert_cmpstr (service, ==, "https://versions.koor.tech");

  window = kdcc_preferences_window_new (NULL, settings);
  days = find_spin (window, 3650);
  mb = find_spin (window, 100000);
  g_assert_nonnull (days);
  g_assert_nonnull (mb);
  g_assert_cmpfloat (gtk_spin_button_get_value (days), ==, 7);
  gtk_spin_button_set_value (mb, 250);
  g_assert_cmpuint (g_settings_get_uint (gsettings, "history-max-mb"), ==, 250);
  gtk_window_present (GTK_WINDOW (window));
  kdcc_test_wait_for_paint (window, 10000);
  g_free (kdcc_test_screenshot (window, "preferences-history"));
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (gsettings, "history-max-days");
  g_settings_reset (gsettings, "history-max-mb");
  g_settings_reset (gsettings, "version-service-enabled");
}

/* The sections' queries: about 240 steps per range, aligned to the step. */
static void
test_range_query (void)
{
  for (KdccChartRange range = KDCC_CHART_RANGE_1H; range <= KDCC_CHART_RANGE_7D; range++)
    {
      KdccHistoryQuery query = { 0, };
      gint64 end = G_GINT64_CONSTANT (1764547212345);

      kdcc_history_section_range_query (range, end, &query);
      g_assert_cmpint (query.end % query.step, ==, 0);
      g_assert_cmpint (query.end, <=, end);
      g_assert_cmpint (end - query.end, <, query.step);
      g_assert_cmpint (query.end - query.start, ==, kdcc_chart_range_get_seconds (range) * 1000);
      g_assert_cmpint ((query.end - query.start) / query.step, <=, 240);
      g_assert_true (kdcc_history_query_check (&query, NULL));
    }
}

/* Prometheus has scraped the compared series for the last half minute
 * (a fresh test cluster has only just been started). */
static gboolean
has_samples (gpointer user_data)
{
  KdccHistory *history = user_data;
  gint64 now = g_get_real_time () / 1000;
  KdccHistoryQuery query = { KDCC_HISTORY_CLIENT_WRITE_OPS, NULL, now - 45000, now - 10000, 1500 };
  g_autoptr(GPtrArray) series = kdcc_history_query_range (history, &query, NULL, NULL);

  return series != NULL && series->len > 0 &&
         kdcc_history_series_count_values (g_ptr_array_index (series, 0)) >= 20;
}

static void
test_chart_equals_query_range (void)
{
  g_autoptr(KdccPrometheus) prometheus = kdcc_prometheus_new (need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL"));
  g_autoptr(KdccPrometheusHistory) history = kdcc_prometheus_history_new (prometheus);
  static const KdccHistoryMetric metrics[] = {
    KDCC_HISTORY_CAPACITY_USED, KDCC_HISTORY_CLIENT_WRITE_OPS, KDCC_HISTORY_CAPACITY_TOTAL,
  };

  g_assert_true (kdcc_test_wait_until (has_samples, history, 120000));

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      GtkWidget *chart = kdcc_history_chart_new ("test", KDCC_CHART_UNIT_BYTES, FALSE);
      GtkWidget *window = gtk_window_new ();
      /* Ended 10 s ago, so no scrape lands in it between the chart's
       * request and curl's; an odd step so nothing lines up by chance. */
      gint64 end = g_get_real_time () / 1000 - 10000;
      KdccHistoryQuery query = { metrics[m], NULL, end - 30000 + 333, end, 1500 };
      g_autofree char *promql = kdcc_prometheus_history_dup_promql (&query);
      g_autoptr(GArray) want = NULL;
      LoadWait wait = { chart, 0 };
      KdccChartSeries *series;
      const gint64 *times;
      const double *values;
      guint n = 0, k = 0;

      kdcc_history_chart_add_metric (KDCC_HISTORY_CHART (chart), metrics[m], NULL, "series");
      gtk_window_set_child (GTK_WINDOW (window), chart);
      gtk_window_present (GTK_WINDOW (window));
      kdcc_history_chart_load (KDCC_HISTORY_CHART (chart), KDCC_HISTORY (history), &query,
                               KDCC_CHART_RANGE_1H);
      g_assert_true (kdcc_test_wait_until (chart_loaded, &wait, 30000));
      g_assert_null (kdcc_history_chart_get_error (KDCC_HISTORY_CHART (chart)));

      want = curl_points (promql, query.start, query.end, query.step);
      series = kdcc_chart_layer_get_series (
        KDCC_CHART_LAYER (gtk_widget_get_first_child (GTK_WIDGET (kdcc_history_chart_get_chart (KDCC_HISTORY_CHART (chart))))), 0);
      g_assert_nonnull (series);
      times = kdcc_chart_series_get_times (series, &n);
      values = kdcc_chart_series_get_values (series, NULL);
      g_test_message ("%s: %u points on the chart, %u from curl", promql, n, want->len);
      g_assert_cmpuint (want->len, >, 10);

      for (guint i = 0; i < n; i++)
        {
          KdccHistoryPoint *exp;

          /* A gap marker (NaN) is KDCC's own, not a sample. */
          if (isnan (values[i]) && (k >= want->len ||
                                    g_array_index (want, KdccHistoryPoint, k).time * 1000 != times[i]))
            continue;
          g_assert_cmpuint (k, <, want->len);
          exp = &g_array_index (want, KdccHistoryPoint, k++);
          g_assert_cmpint (times[i], ==, exp->time * 1000);
          g_assert_cmpfloat (values[i], ==, exp->value);
        }
      g_assert_cmpuint (k, ==, want->len);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The dashboard from Prometheus ---------------------------------------------- */

typedef struct
{
  KdccHistorySection *section;
  guint               loads;
  guint               min_points;
} SectionWait;

static guint
count_points (KdccHistoryChart *chart)
{
  KdccChartLayer *layer =
    KDCC_CHART_LAYER (gtk_widget_get_first_child (GTK_WIDGET (kdcc_history_chart_get_chart (chart))));
  guint n = 0, valid = 0;
  const double *values;

  if (kdcc_chart_layer_get_n_series (layer) == 0)
    return 0;
  values = kdcc_chart_series_get_values (kdcc_chart_layer_get_series (layer, 0), &n);
  for (guint i = 0; i < n; i++)
    valid += !isnan (values[i]);
  return valid;
}

static gboolean
section_has_points (gpointer data)
{
  SectionWait *wait = data;
  GPtrArray *charts = kdcc_history_section_get_charts (wait->section);
  KdccHistoryChart *capacity = g_ptr_array_index (charts, charts->len - 1);

  if (kdcc_history_section_get_n_loads (wait->section) <= wait->loads)
    return FALSE;
  if (count_points (capacity) >= wait->min_points)
    return TRUE;
  /* Not enough samples yet: ask again (the section also does every 30 s). */
  wait->loads = kdcc_history_section_get_n_loads (wait->section);
  kdcc_history_section_reload (wait->section);
  return FALSE;
}

static void
test_dashboard_prometheus (void)
{
  KdccTestRefreshes refreshes = { NULL, };
  g_autoptr(KdccSession) session = open_session (TRUE, &refreshes);
  GtkWidget *panel = kdcc_dashboard_panel_new ();
  GtkWidget *window = show_panel (panel, session, 1000);
  KdccDashboardHistory *history =
    KDCC_DASHBOARD_HISTORY (find_descendant (panel, KDCC_TYPE_DASHBOARD_HISTORY));
  KdccHistorySection *section;
  SectionWait wait = { NULL, 0, 4 };
  KdccHistoryChart *capacity;
  KdccChart *chart;
  KdccChartSeries *used;
  const gint64 *times;
  const double *values;
  g_autofree char *expected = NULL;
  g_autofree char *png = NULL;
  GtkWidget *scroller;
  guint n = 0, last;

  g_assert_nonnull (history);
  section = kdcc_dashboard_history_get_section (history);
  wait.section = section;
  /* A minute of Prometheus' 2-s scrapes at the 1-hour range's 15-s step. */
  g_assert_true (kdcc_test_wait_until (section_has_points, &wait, 180000));
  g_assert_true (g_str_has_prefix (kdcc_history_section_get_source_text (section),
                                   "From Prometheus at "));
  g_assert_cmpuint (kdcc_history_section_get_charts (section)->len, ==, 4);
  /* Not an hour of history on a test cluster: the forecast says so. */
  g_assert_cmpstr (kdcc_history_section_get_forecast_text (section, "full"), ==,
                   "Not enough history yet");

  /* The hover read-out gives the exact value of the sample under the
   * pointer, formatted as the chart's unit. */
  capacity = g_ptr_array_index (kdcc_history_section_get_charts (section), 3);
  chart = kdcc_history_chart_get_chart (capacity);
  used = kdcc_chart_layer_get_series (KDCC_CHART_LAYER (gtk_widget_get_first_child (GTK_WIDGET (chart))), 0);
  times = kdcc_chart_series_get_times (used, &n);
  values = kdcc_chart_series_get_values (used, NULL);
  for (last = n - 1; last > 0 && isnan (values[last]); last--)
    ;
  kdcc_chart_set_hover_time (chart, times[last]);
  expected = g_format_size_full ((guint64) llround (values[last]),
                                 G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
  g_test_message ("read-out: %s", kdcc_chart_get_readout_text (chart));
  g_assert_nonnull (strstr (kdcc_chart_get_readout_text (chart), expected));
  g_assert_nonnull (strstr (kdcc_chart_get_readout_text (chart), "Used: "));

  /* The page at the charts, light and dark, without and with the read-out. */
  kdcc_chart_clear_hover (chart);
  scroller = find_descendant (panel, GTK_TYPE_SCROLLED_WINDOW);
  kdcc_test_wait_for_paint (window, 10000);
  {
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (section),
                                             gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              at.y - 12);
  }
  screenshot_both (window, "history-dashboard");
  kdcc_chart_set_hover_time (chart, times[last]);
  screenshot_both (window, "history-hover");
  png = kdcc_test_screenshot (GTK_WIDGET (capacity), "history-hover-chart");

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* The drill-down pages --------------------------------------------------------- */

static void
subpage_cb (KdccPanel  *panel,
            GtkWidget  *page,
            const char *title,
            GtkWidget **out)
{
  g_clear_object (out);
  *out = g_object_ref_sink (page);
}

static gboolean
chart_has_points (gpointer data)
{
  SectionWait *wait = data;
  KdccHistoryChart *chart = g_ptr_array_index (kdcc_history_section_get_charts (wait->section),
                                               wait->min_points);

  if (kdcc_history_section_get_n_loads (wait->section) <= wait->loads)
    return FALSE;
  if (count_points (chart) >= 4)
    return TRUE;
  wait->loads = kdcc_history_section_get_n_loads (wait->section);
  kdcc_history_section_reload (wait->section);
  return FALSE;
}

/* Opens subject's page from panel, waits until its chart index has a
 * minute of Prometheus samples, and saves a screenshot at the charts. */
static KdccHistorySection *
open_page (GtkWidget   *panel,
           KdccSession *session,
           const char  *subject_text,
           guint        chart,
           const char  *name,
           GtkWidget  **out_page,
           GtkWidget  **out_window)
{
  g_autoptr(KdccSubject) subject = kdcc_subject_parse (subject_text, NULL);
  GtkWidget *window = show_panel (panel, session, 1000);
  KdccHistorySection *section;
  SectionWait wait = { NULL, 0, chart };
  GtkWidget *scroller;
  graphene_point_t at;

  g_signal_connect (panel, "push-subpage", G_CALLBACK (subpage_cb), out_page);
  g_assert_true (kdcc_panel_show_subject (KDCC_PANEL (panel), subject));
  g_assert_nonnull (*out_page);
  gtk_window_set_child (GTK_WINDOW (window), *out_page);
  section = KDCC_HISTORY_SECTION (find_descendant (*out_page, KDCC_TYPE_HISTORY_SECTION));
  g_assert_nonnull (section);
  wait.section = section;
  g_assert_true (kdcc_test_wait_until (chart_has_points, &wait, 180000));
  g_assert_true (g_str_has_prefix (kdcc_history_section_get_source_text (section),
                                   "From Prometheus at "));

  kdcc_test_wait_for_paint (window, 10000);
  scroller = find_descendant (*out_page, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (section),
                                           gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            at.y - 12);
  screenshot_both (window, name);
  *out_window = window;
  return section;
}

static gboolean
has_pool_and_host (gpointer data)
{
  KdccCluster *cluster = data;

  return kdcc_cluster_find_pool (cluster, "kdcc-test") != NULL &&
         g_list_model_get_n_items (kdcc_cluster_get_hosts (cluster)) > 0;
}

static void
test_drilldown_pages (void)
{
  KdccTestRefreshes refreshes = { NULL, };
  g_autoptr(KdccSession) session = open_session (TRUE, &refreshes);
  KdccCluster *cluster = kdcc_session_get_cluster (session);
  g_autoptr(KdccHost) host = NULL;
  g_autofree char *host_subject = NULL;
  GtkWidget *page = NULL;
  GtkWidget *window = NULL;
  KdccHistorySection *section;

  g_assert_true (kdcc_test_wait_until (has_pool_and_host, cluster, 60000));

  /* A pool: its IO, its usage (chart 2) and its own forecast. */
  section = open_page (kdcc_pools_panel_new (), session, "pool/kdcc-test", 2, "history-pool",
                       &page, &window);
  g_assert_cmpuint (kdcc_history_section_get_charts (section)->len, ==, 3);
  g_assert_cmpstr (kdcc_history_section_get_forecast_text (section, "full"), ==,
                   "Not enough history yet");
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&page);

  /* An OSD: its latency (chart 0). */
  section = open_page (kdcc_osds_panel_new (), session, "osd.0", 0, "history-osd", &page, &window);
  g_assert_cmpstr (kdcc_history_section_get_forecast_text (section, "full"), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&page);

  /* A host: one latency series per OSD on it, and no other OSD's. */
  host = g_list_model_get_item (kdcc_cluster_get_hosts (cluster), 0);
  host_subject = g_strconcat ("host/", kdcc_host_get_name (host), NULL);
  section = open_page (kdcc_hosts_panel_new (), session, host_subject, 0, "history-host", &page,
                       &window);
  {
    KdccHistoryChart *latency = g_ptr_array_index (kdcc_history_section_get_charts (section), 0);
    KdccChartLayer *layer =
      KDCC_CHART_LAYER (gtk_widget_get_first_child (GTK_WIDGET (kdcc_history_chart_get_chart (latency))));

    g_assert_cmpuint (kdcc_chart_layer_get_n_series (layer), ==,
                      kdcc_host_get_osd_ids (host)->len);
    g_assert_cmpstr (kdcc_chart_series_get_title (kdcc_chart_layer_get_series (layer, 0)), ==,
                     "osd.0");
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&page);

  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* The flight recorder ----------------------------------------------------------- */

static gboolean
resolved (gpointer data)
{
  return kdcc_session_history_get_resolved (data);
}

static gboolean
section_has_events (gpointer data)
{
  SectionWait *wait = data;

  if (kdcc_history_section_get_n_loads (wait->section) <= wait->loads)
    return FALSE;
  if (kdcc_history_section_get_n_events (wait->section) > 0 &&
      count_points (g_ptr_array_index (kdcc_history_section_get_charts (wait->section), 3)) >= 1)
    return TRUE;
  wait->loads = kdcc_history_section_get_n_loads (wait->section);
  kdcc_history_section_reload (wait->section);
  return FALSE;
}

static void
test_dashboard_flight_recorder (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  KdccTestRefreshes refreshes = { NULL, };
  g_autoptr(KdccSession) session = NULL;
  KdccSessionHistory *history;
  GtkWidget *panel = NULL;
  GtkWidget *window;
  KdccHistorySection *section;
  KdccHistoryChart *capacity;
  SectionWait wait = { NULL, 0, 1 };
  g_autoptr(GError) error = NULL;

  /* The preferences' bounds reach the recorder. */
  g_settings_set_uint (gsettings, "history-max-days", 12);
  session = open_session (FALSE, &refreshes);
  history = kdcc_session_history_get (session);
  g_assert_true (kdcc_test_wait_until (resolved, history, 60000));
  g_assert_cmpuint (kdcc_flight_recorder_get_max_days (kdcc_session_history_get_recorder (history)),
                    ==, 12);
  g_settings_set_uint (gsettings, "history-max-days", 9);
  g_assert_cmpuint (kdcc_flight_recorder_get_max_days (kdcc_session_history_get_recorder (history)),
                    ==, 9);
  g_settings_reset (gsettings, "history-max-days");
  g_assert_true (KDCC_IS_FLIGHT_RECORDER (kdcc_session_history_get_history (history)));
  g_assert_true (kdcc_session_history_get_history (history) ==
                 KDCC_HISTORY (kdcc_session_history_get_recorder (history)));

  /* Some real refreshes into the recorder, and a change as the operation
   * runner records it. */
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 5, 60000));
  kdcc_flight_recorder_record_event (kdcc_session_history_get_recorder (history), 0,
                                     KDCC_HISTORY_EVENT_FLAG_SET, "noout", NULL);
  g_assert_true (kdcc_flight_recorder_flush (kdcc_session_history_get_recorder (history), &error));
  g_assert_no_error (error);

  panel = kdcc_dashboard_panel_new ();
  window = show_panel (panel, session, 1000);
  section = kdcc_dashboard_history_get_section (
    KDCC_DASHBOARD_HISTORY (find_descendant (panel, KDCC_TYPE_DASHBOARD_HISTORY)));
  wait.section = section;
  g_assert_true (kdcc_test_wait_until (section_has_events, &wait, 60000));
  g_assert_true (g_str_has_prefix (kdcc_history_section_get_source_text (section), "From "));
  g_assert_null (strstr (kdcc_history_section_get_source_text (section), "Prometheus"));

  /* The change is a marker on every chart. */
  capacity = g_ptr_array_index (kdcc_history_section_get_charts (section), 3);
  g_assert_cmpuint (kdcc_chart_get_n_markers (kdcc_history_chart_get_chart (capacity)), >=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* Alertmanager ------------------------------------------------------------------ */

static gboolean
am_shows (gpointer data)
{
  KdccAmAlerts *alerts = data;
  g_autofree char *summary = kdcc_am_alerts_dup_summary (alerts);

  return strstr (summary, RULE_NAME "\tactive") != NULL;
}

static gboolean
am_suppressed (gpointer data)
{
  KdccAmAlerts *alerts = data;
  g_autofree char *summary = kdcc_am_alerts_dup_summary (alerts);

  return strstr (summary, RULE_NAME "\tsuppressed") != NULL;
}

static void
silenced_cb (KdccAmAlerts *alerts,
             const char   *id,
             char        **out)
{
  *out = g_strdup (id);
}

static gboolean
string_set (gpointer data)
{
  return *(char **) data != NULL;
}

static GtkWidget *
find_editable (GtkWidget *widget)
{
  if (GTK_IS_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_editable (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
poll_reload (gpointer data)
{
  kdcc_am_alerts_reload (data);
  return G_SOURCE_CONTINUE;
}

static void
test_alertmanager (void)
{
  const char *server = need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL");
  const char *am_url = need_env ("KDCC_TEST_ALERTMANAGER_URL");
  const char *rules = need_env ("KDCC_TEST_PROMETHEUS_RULES_DIR");
  g_autofree char *rule_file = g_build_filename (rules, "kdcc-test-gui.yml", NULL);
  g_autofree char *reload = g_strconcat (server, "/-/reload", NULL);
  const char *reload_argv[] = { "curl", "-sf", "-X", "POST", reload, NULL };
  static const char rule[] =
    "groups:\n"
    "  - name: kdcc-test-gui\n"
    "    rules:\n"
    "      - alert: " RULE_NAME "\n"
    "        expr: ceph_health_status > 0\n"
    "        labels:\n"
    "          severity: warning\n"
    "        annotations:\n"
    "          summary: 'KDCC GUI test: the cluster reports a health warning'\n";
  KdccTestRefreshes refreshes = { NULL, };
  g_autoptr(KdccSession) session = open_session (TRUE, &refreshes);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *am_flag = g_strconcat ("--alertmanager.url=", am_url, NULL);
  g_autofree char *silence_id = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *silences = NULL;
  GtkWidget *panel, *window, *entry;
  KdccAmAlerts *alerts;
  KdccAlertmanager *alertmanager;
  AdwMessageDialog *dialog;
  JsonArray *array;
  JsonObject *found = NULL;
  guint poll;

  g_assert_true (g_file_set_contents (rule_file, rule, -1, &error));
  g_free (run (reload_argv));

  panel = kdcc_dashboard_panel_new ();
  window = show_panel (panel, session, 1600);
  alerts = KDCC_AM_ALERTS (find_descendant (panel, KDCC_TYPE_AM_ALERTS));
  g_assert_nonnull (alerts);
  poll = g_timeout_add_seconds (2, poll_reload, alerts);
  g_assert_true (kdcc_test_wait_until (am_shows, alerts, 180000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (alerts)));
  kdcc_test_wait_for_paint (window, 10000);
  screenshot_both (window, "history-alertmanager");

  /* The alert's fingerprint as the Alertmanager itself lists it. */
  alertmanager = kdcc_session_history_get_alertmanager (kdcc_session_history_get (session));
  g_assert_cmpstr (kdcc_alertmanager_get_url (alertmanager), ==, am_url);
  listed = kdcc_alertmanager_list_alerts_sync (alertmanager, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < listed->len; i++)
    {
      KdccAlert *alert = g_ptr_array_index (listed, i);

      if (g_strcmp0 (alert->name, RULE_NAME) == 0)
        fingerprint = g_strdup (alert->fingerprint);
    }
  g_assert_nonnull (fingerprint);

  /* Silence it from the dialog: 4 hours, with a comment (required). */
  g_signal_connect (alerts, "silenced", G_CALLBACK (silenced_cb), &silence_id);
  dialog = kdcc_am_alerts_open_silence_dialog (alerts, fingerprint);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "silence"));
  entry = find_editable (adw_message_dialog_get_extra_child (dialog));
  g_assert_nonnull (entry);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog))), 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "KDCC GUI test: known warning");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "silence"));
  kdcc_test_wait_for_paint (GTK_WIDGET (dialog), 10000);
  g_free (kdcc_test_screenshot (GTK_WIDGET (dialog), "history-silence-dialog"));
  adw_message_dialog_response (dialog, "silence");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kdcc_test_wait_until (string_set, &silence_id, 30000));

  /* amtool sees the silence with the comment and the duration chosen. */
  {
    const char *argv[] = { "amtool", am_flag, "silence", "query", "-o", "json", NULL };

    silences = run (argv);
  }
  g_assert_true (json_parser_load_from_data (parser, silences, -1, &error));
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (array, i), "id"),
                   silence_id) == 0)
      found = json_array_get_object_element (array, i);
  g_assert_nonnull (found);
  g_assert_cmpstr (json_object_get_string_member (found, "comment"), ==,
                   "KDCC GUI test: known warning");
  {
    g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (json_object_get_string_member (found, "startsAt"), NULL);
    g_autoptr(GDateTime) ends = g_date_time_new_from_iso8601 (json_object_get_string_member (found, "endsAt"), NULL);
    GTimeSpan span = g_date_time_difference (ends, starts);

    g_assert_cmpint (span / G_TIME_SPAN_SECOND, >=, 4 * 3600 - 5);
    g_assert_cmpint (span / G_TIME_SPAN_SECOND, <=, 4 * 3600 + 5);
  }

  /* The page then shows the alert as silenced. */
  g_assert_true (kdcc_test_wait_until (am_suppressed, alerts, 60000));

  g_source_remove (poll);
  g_assert_true (kdcc_alertmanager_delete_silence_sync (alertmanager, silence_id, NULL, &error));
  g_assert_no_error (error);
  g_unlink (rule_file);
  g_free (run (reload_argv));
  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* Versions ------------------------------------------------------------------------ */

static gboolean
has_named_daemons (gpointer data)
{
  g_autofree char *text = kdcc_versions_panel_dup_daemons_text (data);

  return strstr (text, "osd.0\t") != NULL;
}

static void
test_versions_page (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  KdccTestRefreshes refreshes = { NULL, };
  g_autoptr(KdccSession) session = open_session (FALSE, &refreshes);
  g_autoptr(JsonNode) versions = kdcc_test_ceph_json (cluster, "versions", NULL);
  g_autoptr(JsonNode) modules = kdcc_test_ceph_json (cluster, "mgr", "module", "ls", NULL);
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  GtkWidget *panel = kdcc_versions_panel_new ();
  GtkWidget *window = show_panel (panel, session, 1400);
  KdccVersionsPanel *self = KDCC_VERSIONS_PANEL (panel);
  g_autofree char *daemons = NULL;
  g_autofree char *module_text = NULL;
  JsonObject *overall = json_object_get_object_member (json_node_get_object (versions), "overall");
  JsonArray *enabled = json_object_get_array_member (json_node_get_object (modules), "enabled_modules");
  GList *overall_versions = json_object_get_members (overall);
  KdccCephVersion running;

  g_assert_true (kdcc_test_wait_until (has_named_daemons, self, 60000));
  daemons = kdcc_versions_panel_dup_daemons_text (self);
  g_test_message ("%s", daemons);

  /* One version runs everywhere on the test cluster: each daemon shows it,
   * none lags, no mixed-versions row. */
  g_assert_cmpuint (g_list_length (overall_versions), ==, 1);
  g_assert_true (kdcc_ceph_version_parse (overall_versions->data, &running));
  {
    g_autofree char *v = kdcc_ceph_version_to_string (&running);
    g_autofree char *osd0 = g_strdup_printf ("osd.0\t%s\n", v);
    g_autofree char *mon = g_strdup_printf ("mon.a\t%s\n", v);

    g_assert_nonnull (strstr (daemons, osd0));
    g_assert_nonnull (strstr (daemons, mon));
    g_assert_nonnull (strstr (kdcc_versions_panel_get_row_text (self, "running"), v));
  }
  g_list_free (overall_versions);
  g_assert_null (strstr (daemons, "\tlags"));
  g_assert_cmpstr (kdcc_versions_panel_get_row_text (self, "mixed"), ==, "");

  /* The catalog's verdict and age, and the service is off by default. */
  g_assert_nonnull (strstr (kdcc_versions_panel_get_row_text (self, "catalog"),
                            kdcc_release_catalog_get_date (catalog)));
  g_assert_true (strlen (kdcc_versions_panel_get_row_text (self, "verdict")) > 0);
  g_assert_cmpstr (kdcc_versions_panel_get_row_text (self, "service"), ==,
                   "Off: only the shipped catalog is used");

  /* Every module `ceph mgr module ls` says is enabled is listed as such. */
  module_text = kdcc_versions_panel_dup_modules_text (self);
  g_test_message ("%s", module_text);
  for (guint i = 0; i < json_array_get_length (enabled); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s\t", json_array_get_string_element (enabled, i));

      g_assert_nonnull (strstr (module_text, line));
    }

  kdcc_test_wait_for_paint (window, 10000);
  screenshot_both (window, "versions");

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* Operators and exporters: the versions equal what curl of the same
 * endpoints says. */

static char *
curl_version (const char *url,
              const char *path,
              gboolean    alertmanager)
{
  g_autofree char *full = g_strconcat (url, path, NULL);
  const char *argv[] = { "curl", "-sf", full, NULL };
  g_autofree char *out = run (argv);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  root = json_object_get_object_member (root, alertmanager ? "versionInfo" : "data");
  return g_strdup (json_object_get_string_member (root, "version"));
}

typedef struct
{
  KdccVersionsPanel *panel;
  const char        *row;
  const char        *want;
} RowWait;

static gboolean
row_has (gpointer data)
{
  RowWait *wait = data;
  const char *text = kdcc_versions_panel_get_row_text (wait->panel, wait->row);

  return text != NULL && strstr (text, wait->want) != NULL;
}

static void
test_versions_exporters (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  const char *server = need_env ("KDCC_TEST_PROMETHEUS_SERVER_URL");
  const char *am_url = need_env ("KDCC_TEST_ALERTMANAGER_URL");
  KdccTestRefreshes refreshes = { NULL, };
  g_autoptr(KdccSession) session = open_session (TRUE, &refreshes);
  g_autoptr(JsonNode) services = kdcc_test_ceph_json (cluster, "mgr", "services", NULL);
  g_autofree char *prom_version = curl_version (server, "/api/v1/status/buildinfo", FALSE);
  g_autofree char *am_version = curl_version (am_url, "/api/v2/status", TRUE);
  g_autofree char *prom_want = g_strdup_printf ("%s at %s", prom_version, server);
  g_autofree char *am_want = g_strdup_printf ("%s at %s", am_version, am_url);
  const char *exporter = json_object_get_string_member (json_node_get_object (services),
                                                        "prometheus");
  g_autofree char *exporter_want = g_strdup_printf ("Module “prometheus” enabled, at %s",
                                                    exporter);
  GtkWidget *panel = kdcc_versions_panel_new ();
  GtkWidget *window = show_panel (panel, session, 1800);
  KdccVersionsPanel *self = KDCC_VERSIONS_PANEL (panel);
  RowWait wait = { self, "prometheus", prom_want };

  g_test_message ("Prometheus %s, Alertmanager %s, exporter %s", prom_version, am_version,
                  exporter);
  g_assert_true (kdcc_test_wait_until (row_has, &wait, 60000));
  wait.row = "alertmanager";
  wait.want = am_want;
  g_assert_true (kdcc_test_wait_until (row_has, &wait, 60000));
  wait.row = "exporter";
  wait.want = exporter_want;
  g_assert_true (kdcc_test_wait_until (row_has, &wait, 60000));
  g_assert_cmpstr (kdcc_versions_panel_get_row_text (self, "operator"), ==,
                   "Not a Kubernetes connection");

  /* The group is at the end of the page: scroll to it for the picture. */
  kdcc_test_wait_for_paint (window, 10000);
  {
    GtkWidget *group = find_descendant (panel, KDCC_TYPE_VERSIONS_EXPORTERS);
    GtkWidget *scroller = find_descendant (panel, GTK_TYPE_SCROLLED_WINDOW);
    graphene_point_t at;

    g_assert_nonnull (group);
    g_assert_true (gtk_widget_compute_point (group,
                                             gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              at.y - 400);
  }
  screenshot_both (window, "versions-exporters");

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

/* The pool and OSD pages from the flight recorder --------------------------------- */

typedef struct
{
  KdccCluster *cluster;
  GHashTable  *writes;    /* (element-type utf8) the kdcc-test pool's write ops, "%.6g" */
  GHashTable  *latency;   /* osd.0's commit latency */
} Seen;

static void
seen_refreshed_cb (KdccCluster *cluster,
                   Seen        *seen)
{
  KdccPool *pool = kdcc_cluster_find_pool (cluster, "kdcc-test");   /* borrowed */
  GListModel *osds = kdcc_cluster_get_osds (cluster);

  if (pool != NULL)
    g_hash_table_add (seen->writes, g_strdup_printf ("%.6g", kdcc_pool_get_write_ops (pool)));
  for (guint i = 0; i < g_list_model_get_n_items (osds); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

      if (kdcc_osd_get_id (osd) == 0 && kdcc_osd_get_has_latency (osd))
        g_hash_table_add (seen->latency,
                          g_strdup_printf ("%.6g", kdcc_osd_get_commit_latency_ms (osd)));
    }
}

/* Every value the recorder answers for metric/label was one a refresh had. */
static guint
check_recorded (KdccFlightRecorder *recorder,
                KdccHistoryMetric   metric,
                const char         *label,
                GHashTable         *seen)
{
  gint64 now = g_get_real_time () / 1000;
  /* 100 ms buckets: one refresh each (they come a second apart). */
  KdccHistoryQuery q = { metric, label, now - 600 * 1000, now + 1000, 100 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = kdcc_history_query_range (KDCC_HISTORY (recorder), &q, NULL,
                                                          &error);
  KdccHistorySeries *one;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 1);
  one = g_ptr_array_index (series, 0);
  for (guint i = 0; i < one->points->len; i++)
    {
      double v = g_array_index (one->points, KdccHistoryPoint, i).value;
      g_autofree char *text = g_strdup_printf ("%.6g", v);

      if (isnan (v))
        continue;
      g_assert_true (g_hash_table_contains (seen, text));
      n++;
    }
  return n;
}

typedef struct
{
  KdccHistorySection *section;
  guint               chart;
  guint               loads;
} RecorderWait;

static gboolean
recorder_chart_has_points (gpointer data)
{
  RecorderWait *wait = data;
  KdccHistoryChart *chart = g_ptr_array_index (kdcc_history_section_get_charts (wait->section),
                                               wait->chart);

  if (kdcc_history_section_get_n_loads (wait->section) <= wait->loads)
    return FALSE;
  if (count_points (chart) >= 1)
    return TRUE;
  wait->loads = kdcc_history_section_get_n_loads (wait->section);
  kdcc_history_section_reload (wait->section);
  return FALSE;
}

static KdccHistorySection *
open_recorder_page (GtkWidget   *panel,
                    KdccSession *session,
                    const char  *subject_text,
                    guint        chart,
                    const char  *name,
                    GtkWidget  **out_page,
                    GtkWidget  **out_window)
{
  g_autoptr(KdccSubject) subject = kdcc_subject_parse (subject_text, NULL);
  GtkWidget *window = show_panel (panel, session, 1000);
  RecorderWait wait = { NULL, chart, 0 };
  GtkWidget *scroller;
  graphene_point_t at;

  g_signal_connect (panel, "push-subpage", G_CALLBACK (subpage_cb), out_page);
  g_assert_true (kdcc_panel_show_subject (KDCC_PANEL (panel), subject));
  g_assert_nonnull (*out_page);
  gtk_window_set_child (GTK_WINDOW (window), *out_page);
  wait.section = KDCC_HISTORY_SECTION (find_descendant (*out_page, KDCC_TYPE_HISTORY_SECTION));
  g_assert_nonnull (wait.section);
  g_assert_true (kdcc_test_wait_until (recorder_chart_has_points, &wait, 60000));
  g_assert_true (g_str_has_prefix (kdcc_history_section_get_source_text (wait.section), "From "));
  g_assert_null (strstr (kdcc_history_section_get_source_text (wait.section), "Prometheus"));

  kdcc_test_wait_for_paint (window, 10000);
  scroller = find_descendant (*out_page, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (wait.section),
                                           gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            at.y - 12);
  screenshot_both (window, name);
  *out_window = window;
  return wait.section;
}

static void
test_drilldown_flight_recorder (void)
{
  KdccTestRefreshes refreshes = { NULL, };
  g_autoptr(KdccSession) session = open_session (FALSE, &refreshes);
  KdccCluster *cluster = kdcc_session_get_cluster (session);
  KdccSessionHistory *history = NULL;
  KdccFlightRecorder *recorder;
  Seen seen = { cluster, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  g_autoptr(GError) error = NULL;
  GtkWidget *page = NULL;
  GtkWidget *window = NULL;

  /* The values the model has from now on. The recorder starts with the
   * session's history, after this: every refresh it writes is seen here
   * (OSD latency is kept every 5 minutes, so its one sample is the first). */
  g_signal_connect (cluster, "refreshed", G_CALLBACK (seen_refreshed_cb), &seen);
  history = kdcc_session_history_get (session);
  g_assert_true (kdcc_test_wait_until (resolved, history, 60000));
  recorder = kdcc_session_history_get_recorder (history);
  g_assert_true (kdcc_session_history_get_history (history) == KDCC_HISTORY (recorder));
  g_assert_true (kdcc_test_wait_until (has_pool_and_host, cluster, 60000));
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 4, 60000));
  g_signal_handlers_disconnect_by_func (cluster, seen_refreshed_cb, &seen);
  g_assert_true (kdcc_flight_recorder_flush (recorder, &error));
  g_assert_no_error (error);

  /* Every recorded value was the model's at some refresh. */
  g_assert_cmpuint (g_hash_table_size (seen.writes), >=, 1);
  g_assert_cmpuint (g_hash_table_size (seen.latency), >=, 1);
  g_assert_cmpuint (check_recorded (recorder, KDCC_HISTORY_POOL_WRITE_OPS, "kdcc-test",
                                    seen.writes), >=, 1);
  g_assert_cmpuint (check_recorded (recorder, KDCC_HISTORY_OSD_COMMIT_LATENCY, "osd.0",
                                    seen.latency), >=, 1);

  /* The pages draw them: the pool's IO (chart 0), the OSD's latency (chart 0). */
  open_recorder_page (kdcc_pools_panel_new (), session, "pool/kdcc-test", 0,
                      "history-pool-recorder", &page, &window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&page);
  open_recorder_page (kdcc_osds_panel_new (), session, "osd.0", 0, "history-osd-recorder",
                      &page, &window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&page);

  g_hash_table_unref (seen.writes);
  g_hash_table_unref (seen.latency);
  kdcc_test_refreshes_clear (&refreshes);
  kdcc_session_close (session);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/history-ui/new-destroy", test_new_destroy);
  g_test_add_func ("/history-ui/range-query", test_range_query);
  g_test_add_func ("/history-ui/settings", test_settings);
  if (!kdcc_test_have_cluster ())
    return kdcc_test_run ();

  /* First of the cluster's tests: its recorder is the process's first (the
   * data directory is fresh), so the first refresh writes OSD latency. */
  g_test_add_func ("/history-ui/drilldown-flight-recorder", test_drilldown_flight_recorder);
  g_test_add_func ("/history-ui/chart-equals-query-range", test_chart_equals_query_range);
  g_test_add_func ("/history-ui/dashboard-prometheus", test_dashboard_prometheus);
  g_test_add_func ("/history-ui/drilldown-pages", test_drilldown_pages);
  g_test_add_func ("/history-ui/dashboard-flight-recorder", test_dashboard_flight_recorder);
  g_test_add_func ("/history-ui/alertmanager", test_alertmanager);
  g_test_add_func ("/history-ui/versions", test_versions_page);
  g_test_add_func ("/history-ui/versions-exporters", test_versions_exporters);

  return kdcc_test_run ();
}
