/* test-dashboard-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard panel bound to a KdccCluster that is fed a snapshot, the
 * same plain values the sources produce, with alerts that exercise the edge
 * cases (muted checks, huge detail lists). The live values are covered by
 * test-window.
 */
#include "config.h"

#include <adwaita.h>

#include "kdcc-capacity-bar.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-health-badge.h"
#include "kdcc-test-screenshot.h"

static KdccHealthCheckData *
check_data (const char       *code,
            KdccHealthStatus  severity,
            const char       *summary,
            guint             n_detail,
            gboolean          muted)
{
  KdccHealthCheckData *data = kdcc_health_check_data_new ();

  data->code = g_strdup (code);
  data->severity = severity;
  data->summary = g_strdup (summary);
  data->muted = muted;
  for (guint i = 0; i < n_detail; i++)
    g_ptr_array_add (data->detail, g_strdup_printf ("pg 1.%x not deep-scrubbed since never", i));

  return data;
}

/* Counts the labels below widget, and whether one reads text. */
static guint
count_labels (GtkWidget  *widget,
              const char *text,
              gboolean   *found)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget))
    {
      n++;
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
        *found = TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text, found);

  return n;
}

static KdccSnapshot *
make_snapshot (void)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();

  snap->fsid = g_strdup ("2f6d1c3e-0000-4000-8000-000000000001");
  snap->health = KDCC_HEALTH_ERR;
  g_ptr_array_add (snap->checks, check_data ("OSD_DOWN", KDCC_HEALTH_WARN, "1 osds down", 1, FALSE));
  g_ptr_array_add (snap->checks, check_data ("PG_NOT_DEEP_SCRUBBED", KDCC_HEALTH_WARN,
                                             "60 pgs not deep-scrubbed in time", 60, FALSE));
  g_ptr_array_add (snap->checks, check_data ("MON_DISK_LOW", KDCC_HEALTH_WARN,
                                             "mon a is low on available space", 1, TRUE));
  g_ptr_array_add (snap->checks, check_data ("PG_AVAILABILITY", KDCC_HEALTH_ERR,
                                             "Reduced data availability: 4 pgs inactive", 2, FALSE));
  snap->total_bytes = G_GUINT64_CONSTANT (300) << 30;
  snap->used_bytes = G_GUINT64_CONSTANT (270) << 30;
  snap->avail_bytes = snap->total_bytes - snap->used_bytes;
  snap->read_ops = 1234;
  snap->write_ops = 56;
  snap->read_bytes = 12.0 * 1024 * 1024;
  snap->write_bytes = 512 * 1024;
  snap->pgs_total = 128;
  snap->osds_total = 3;
  snap->osds_up = 2;
  snap->osds_in = 3;
  snap->pools_total = 2;
  snap->mgr_active = g_strdup ("x");
  snap->source_kind = g_strdup ("rados");
  snap->fetched_at = g_get_real_time ();

  return snap;
}

static void
test_new_destroy (void)
{
  GtkWidget *panel = kdcc_dashboard_panel_new ();
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("test");

  g_object_ref_sink (panel);
  g_assert_cmpstr (kdcc_dashboard_panel_get_health_sentence (KDCC_DASHBOARD_PANEL (panel)),
                   ==, "");
  kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
  g_assert_true (kdcc_panel_get_cluster (KDCC_PANEL (panel)) == cluster);
  kdcc_panel_set_cluster (KDCC_PANEL (panel), NULL);
  g_assert_finalize_object (panel);
}

static void
test_alerts (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("Edge Cases");
  g_autoptr(KdccSnapshot) snap = make_snapshot ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = kdcc_dashboard_panel_new ();
  KdccDashboardPanel *dashboard = KDCC_DASHBOARD_PANEL (panel);
  GtkListBox *alerts;
  GtkListBoxRow *row;
  guint n_rows = 0;
  g_autofree char *png = NULL;

  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1400);
  kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
  kdcc_cluster_apply_snapshot (cluster, snap);

  /* The muted check does not count. */
  g_assert_cmpstr (kdcc_dashboard_panel_get_health_sentence (dashboard), ==,
                   "1 error, 2 warnings");
  g_assert_cmpint (kdcc_health_badge_get_status (
                     KDCC_HEALTH_BADGE (kdcc_dashboard_panel_get_health_badge (dashboard))),
                   ==, KDCC_HEALTH_ERR);

  alerts = kdcc_dashboard_panel_get_alerts_list (dashboard);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (alerts, i)) != NULL; i++)
    {
      AdwExpanderRow *expander = ADW_EXPANDER_ROW (row);
      const char *code = adw_expander_row_get_subtitle (expander);

      n_rows++;
      g_assert_true (ADW_IS_EXPANDER_ROW (row));
      if (g_str_equal (code, "MON_DISK_LOW"))
        g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "muted-alert"));
      else
        g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "muted-alert"));
    }
  g_assert_cmpuint (n_rows, ==, 4);

  /* 60 detail lines: 50 shown, then "10 more lines". */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (alerts, i)) != NULL; i++)
    if (g_str_equal (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                     "PG_NOT_DEEP_SCRUBBED"))
      {
        gboolean found_more = FALSE;
        gboolean found_last = FALSE;
        gboolean found_cut = FALSE;

        count_labels (GTK_WIDGET (row), "10 more lines", &found_more);
        count_labels (GTK_WIDGET (row), "pg 1.31 not deep-scrubbed since never", &found_last);
        count_labels (GTK_WIDGET (row), "pg 1.32 not deep-scrubbed since never", &found_cut);
        g_assert_true (found_more);
        g_assert_true (found_last);   /* line 50 */
        g_assert_false (found_cut);   /* line 51 */
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      }

  gtk_window_present (GTK_WINDOW (window));
  png = kdcc_test_screenshot (window, "dashboard-edge-cases");

  /* The next refresh clears a check: the list follows. */
  g_ptr_array_remove_index (snap->checks, 0);
  snap->health = KDCC_HEALTH_WARN;
  g_ptr_array_remove_index (snap->checks, 2);
  kdcc_cluster_apply_snapshot (cluster, snap);
  g_assert_cmpstr (kdcc_dashboard_panel_get_health_sentence (dashboard), ==, "1 warning");
  n_rows = 0;
  while (gtk_list_box_get_row_at_index (alerts, n_rows) != NULL)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_capacity_bar (void)
{
  GtkWidget *bar = kdcc_capacity_bar_new ();
  guint notified = 0;

  g_object_ref_sink (bar);
  g_signal_connect_swapped (bar, "notify::used", G_CALLBACK (g_atomic_int_inc), &notified);

  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (bar), G_GUINT64_CONSTANT (3) << 30,
                                G_GUINT64_CONSTANT (12) << 30);
  g_assert_cmpstr (kdcc_capacity_bar_get_percent_text (KDCC_CAPACITY_BAR (bar)), ==, "25%");
  g_assert_cmpstr (kdcc_capacity_bar_get_text (KDCC_CAPACITY_BAR (bar)), ==,
                   "3.0\302\240GiB of 12.0\302\240GiB used");
  g_assert_cmpuint (notified, ==, 1);

  /* Same values: no notification. */
  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (bar), G_GUINT64_CONSTANT (3) << 30,
                                G_GUINT64_CONSTANT (12) << 30);
  g_assert_cmpuint (notified, ==, 1);

  /* An empty cluster is 0%, not a division by zero. */
  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (bar), 0, 0);
  g_assert_cmpstr (kdcc_capacity_bar_get_percent_text (KDCC_CAPACITY_BAR (bar)), ==, "0%");

  g_assert_finalize_object (bar);
}

static void
test_health_badge (void)
{
  GtkWidget *badge = kdcc_health_badge_new ();
  guint notified = 0;

  g_object_ref_sink (badge);
  g_signal_connect_swapped (badge, "notify::status", G_CALLBACK (g_atomic_int_inc), &notified);

  g_assert_cmpstr (kdcc_health_badge_get_label (KDCC_HEALTH_BADGE (badge)), ==, "Unknown");
  g_assert_true (gtk_widget_has_css_class (badge, "dim-label"));

  kdcc_health_badge_set_status (KDCC_HEALTH_BADGE (badge), KDCC_HEALTH_WARN);
  g_assert_cmpstr (kdcc_health_badge_get_label (KDCC_HEALTH_BADGE (badge)), ==, "Warning");
  g_assert_true (gtk_widget_has_css_class (badge, "warning"));
  g_assert_false (gtk_widget_has_css_class (badge, "dim-label"));

  kdcc_health_badge_set_status (KDCC_HEALTH_BADGE (badge), KDCC_HEALTH_WARN);
  g_assert_cmpuint (notified, ==, 1);

  kdcc_health_badge_set_status (KDCC_HEALTH_BADGE (badge), KDCC_HEALTH_OK);
  g_assert_cmpstr (kdcc_health_badge_get_label (KDCC_HEALTH_BADGE (badge)), ==, "Healthy");
  g_assert_true (gtk_widget_has_css_class (badge, "success"));
  g_assert_cmpuint (notified, ==, 2);

  g_assert_finalize_object (badge);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/dashboard-panel/new-destroy", test_new_destroy);
  g_test_add_func ("/dashboard-panel/alerts", test_alerts);
  g_test_add_func ("/dashboard-panel/capacity-bar", test_capacity_bar);
  g_test_add_func ("/dashboard-panel/health-badge", test_health_badge);

  return g_test_run ();
}
