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

#include "kdcc-alert-links.h"
#include "kdcc-alert-row.h"
#include "kdcc-capacity-bar.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-health-badge.h"
#include "kdcc-pg-state.h"
#include "kdcc-tile-grid.h"
#include "kdcc-text-cell.h"
#include "kdcc-usage-cell.h"
#include "kdcc-width-first-bin.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-util.h"

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
  KdccHealthCheckData *scrub;

  snap->fsid = g_strdup ("2f6d1c3e-0000-4000-8000-000000000001");
  snap->health = KDCC_HEALTH_WARN;
  /* In Ceph's order (by code), which is not the order of what matters. */
  g_ptr_array_add (snap->checks, check_data ("AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED",
                                             KDCC_HEALTH_WARN,
                                             "mons are allowing insecure global_id reclaim",
                                             0, FALSE));
  g_ptr_array_add (snap->checks, check_data ("MON_DISK_LOW", KDCC_HEALTH_WARN,
                                             "mon a is low on available space", 1, TRUE));
  g_ptr_array_add (snap->checks, check_data ("OSD_DOWN", KDCC_HEALTH_WARN, "1 osds down", 1, FALSE));
  g_ptr_array_add (snap->checks, check_data ("OSD_SCRUB_ERRORS_X", KDCC_HEALTH_WARN,
                                             "a check KDCC does not know", 0, FALSE));
  g_ptr_array_add (snap->checks, check_data ("PG_AVAILABILITY", KDCC_HEALTH_WARN,
                                             "Reduced data availability: 6 pgs inactive, 2 pgs stale",
                                             2, FALSE));
  g_ptr_array_add (snap->checks, check_data ("PG_DEGRADED", KDCC_HEALTH_WARN,
                                             "Degraded data redundancy: 4 pgs degraded",
                                             120, FALSE));
  /* What Ceph sends with mon_health_max_detail = 50: 50 lines, then its
   * own overflow line. */
  scrub = check_data ("PG_NOT_DEEP_SCRUBBED", KDCC_HEALTH_WARN,
                      "81 pgs not deep-scrubbed in time", 50, FALSE);
  g_ptr_array_add (scrub->detail, g_strdup ("31 more pgs... "));
  g_ptr_array_add (snap->checks, scrub);
  g_ptr_array_add (snap->checks, check_data ("SLOW_OPS", KDCC_HEALTH_WARN,
                                             "3 slow ops, oldest one blocked for 35 sec", 0, FALSE));

  if (snap->pg_states == NULL)
    snap->pg_states = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_state_data_free);
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+clean", 38));
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+clean+scrubbing+deep", 2));
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("stale+active+clean", 2));
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("active+undersized+degraded", 33));
  g_ptr_array_add (snap->pg_states, kdcc_pg_state_data_new ("unknown", 6));

  snap->total_bytes = G_GUINT64_CONSTANT (300) << 30;
  snap->used_bytes = G_GUINT64_CONSTANT (270) << 30;
  snap->avail_bytes = snap->total_bytes - snap->used_bytes;
  snap->read_ops = 1234;
  snap->write_ops = 56;
  snap->read_bytes = 1023.9 * 1024 * 1024;
  snap->write_bytes = 512 * 1024;
  snap->pgs_total = 81;
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

static KdccAlertRow *
find_row (GtkListBox *alerts,
          const char *code)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (alerts, i)) != NULL; i++)
    if (g_str_equal (kdcc_alert_row_get_code (KDCC_ALERT_ROW (row)), code))
      return KDCC_ALERT_ROW (row);

  g_assert_not_reached ();
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  gboolean found = FALSE;

  count_labels (widget, text, &found);
  return found;
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
  KdccAlertRow *alert;
  guint n_rows = 0;
  g_autofree char *png = NULL;
  static const char * const expected_order[] = {
    "PG_AVAILABILITY",              /* data unavailable */
    "OSD_DOWN", "PG_DEGRADED",      /* data at risk */
    "SLOW_OPS",                     /* performance */
    "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED", "MON_DISK_LOW", "OSD_SCRUB_ERRORS_X",
    "PG_NOT_DEEP_SCRUBBED",         /* hygiene, and unknown WARN codes */
  };

  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1600);
  kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
  kdcc_cluster_apply_snapshot (cluster, snap);

  /* The muted check does not count. */
  g_assert_cmpstr (kdcc_dashboard_panel_get_health_sentence (dashboard), ==, "7 warnings");

  /* Ranked by impact, not by code or Ceph's severity. */
  alerts = kdcc_dashboard_panel_get_alerts_list (dashboard);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (alerts, i)) != NULL; i++)
    {
      g_assert_true (KDCC_IS_ALERT_ROW (row));
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected_order));
      g_assert_cmpstr (kdcc_alert_row_get_code (KDCC_ALERT_ROW (row)), ==, expected_order[i]);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, G_N_ELEMENTS (expected_order));
  g_assert_true (kdcc_dashboard_panel_get_alert_row (dashboard, "PG_AVAILABILITY") ==
                 GTK_WIDGET (gtk_list_box_get_row_at_index (alerts, 0)));

  /* Data unavailable is styled as an error although Ceph says WARN; Ceph's
   * severity is still said. */
  alert = find_row (alerts, "PG_AVAILABILITY");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (alert), "unavailable-alert"));
  g_assert_true (has_label (GTK_WIDGET (alert), "Data unavailable"));
  g_assert_true (has_label (GTK_WIDGET (alert), "PG_AVAILABILITY · Ceph severity: Warning"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (alert)), ==,
                   "Reduced data availability: 6 pgs inactive, 2 pgs stale");
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (alert)),
                                   "Some PGs are not active"));
  g_assert_true (g_str_has_prefix (kdcc_alert_row_get_docs_url (alert),
                                   "https://docs.ceph.com/en/latest/rados/operations/health-checks/"
                                   "#pg-availability"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_row (alerts, "OSD_DOWN")),
                                            "unavailable-alert"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_row (alerts, "MON_DISK_LOW")),
                                           "muted-alert"));

  /* A code KDCC does not know says so and still links the page. */
  alert = find_row (alerts, "OSD_SCRUB_ERRORS_X");
  g_assert_true (has_label (GTK_WIDGET (alert),
                            "KDCC has no explanation for OSD_SCRUB_ERRORS_X; "
                            "Ceph's documentation may."));
  g_assert_cmpstr (kdcc_alert_row_get_docs_url (alert), ==,
                   "https://docs.ceph.com/en/latest/rados/operations/health-checks/");

  /* Ceph's overflow line is a line like the others, shown as Ceph wrote it;
   * nothing is hidden behind a button. */
  alert = find_row (alerts, "PG_NOT_DEEP_SCRUBBED");
  g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (alert), ==, 51);
  g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (alert), ==, 0);
  g_assert_null (kdcc_alert_row_get_more_label (alert));
  g_assert_true (has_label (GTK_WIDGET (alert), "31 more pgs... "));

  /* KDCC's own paging: 50 shown, the other 70 counted and one click away. */
  alert = find_row (alerts, "PG_DEGRADED");
  g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (alert), ==, 50);
  g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (alert), ==, 70);
  g_assert_cmpstr (kdcc_alert_row_get_more_label (alert), ==, "Show 70 More Lines");
  g_assert_true (has_label (GTK_WIDGET (alert), "pg 1.31 not deep-scrubbed since never"));
  g_assert_false (has_label (GTK_WIDGET (alert), "pg 1.32 not deep-scrubbed since never"));
  kdcc_alert_row_show_more (alert);
  g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (alert), ==, 120);
  g_assert_null (kdcc_alert_row_get_more_label (alert));
  g_assert_true (has_label (GTK_WIDGET (alert), "pg 1.77 not deep-scrubbed since never"));

  /* The release reaches the docs link. */
  kdcc_alert_row_set_release (find_row (alerts, "OSD_DOWN"), "18.2.4");
  g_assert_cmpstr (kdcc_alert_row_get_docs_url (find_row (alerts, "OSD_DOWN")), ==,
                   "https://docs.ceph.com/en/reef/rados/operations/health-checks/#osd-down");

  /* One PG classification: stale+active+clean is not clean, and unknown
   * and stale PGs are not active. */
  {
    gint64 clean, not_active, total;

    kdcc_dashboard_panel_get_pg_numbers (dashboard, &clean, &not_active, &total);
    g_assert_cmpint (clean, ==, 40);
    g_assert_cmpint (not_active, ==, 8);
    g_assert_cmpint (total, ==, 81);
    g_assert_cmpstr (kdcc_dashboard_panel_get_pgs_description (dashboard), ==,
                     "40 of 81 placement groups are active and clean; "
                     "8 are not active: client IO to them is blocked");
  }
  g_assert_cmpstr (kdcc_dashboard_panel_get_mgrs_text (dashboard), ==, "mgr.x active, no standby");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_row (alerts, "PG_AVAILABILITY")), TRUE);
  gtk_window_present (GTK_WINDOW (window));
  png = kdcc_test_screenshot (window, "dashboard-edge-cases");

  /* The next refresh clears checks: the list follows, still in order. */
  for (guint i = 0; i < snap->checks->len; i++)
    {
      KdccHealthCheckData *data = g_ptr_array_index (snap->checks, i);

      if (g_str_equal (data->code, "OSD_DOWN") || g_str_equal (data->code, "MON_DISK_LOW"))
        g_ptr_array_remove_index (snap->checks, i--);
    }
  kdcc_cluster_apply_snapshot (cluster, snap);
  g_assert_cmpstr (kdcc_dashboard_panel_get_health_sentence (dashboard), ==, "6 warnings");
  n_rows = 0;
  while (gtk_list_box_get_row_at_index (alerts, n_rows) != NULL)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 6);
  g_assert_cmpstr (kdcc_alert_row_get_code (KDCC_ALERT_ROW (gtk_list_box_get_row_at_index (alerts, 1))),
                   ==, "PG_DEGRADED");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The four cards: one row when there is room, two by two when not, and
 * never a cut number, down to a 360 px window. */
static void
test_tiles (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("Narrow");
  g_autoptr(KdccSnapshot) snap = make_snapshot ();
  /* At 360 px the worst case, "1023.9 MiB/s", does not fit two columns:
   * one column then, with typical rates two. */
  static const struct { int width; double read_bytes; guint columns; const char *name; } sizes[] = {
    { 900, 1023.9 * 1024 * 1024, 4, "dashboard-900" },
    { 600, 1023.9 * 1024 * 1024, 2, "dashboard-600" },
    { 360, 1023.9 * 1024 * 1024, 1, "dashboard-360-worst" },
    { 360, 12.5 * 1024 * 1024, 2, "dashboard-360" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint dark = 0; dark <= 1; dark++)
      {
        GtkWidget *window = gtk_window_new ();
        GtkWidget *panel = kdcc_dashboard_panel_new ();
        GtkWidget *tiles;
        g_autofree char *name = g_strdup_printf ("%s%s", sizes[i].name, dark ? "-dark" : "");
        g_autofree char *png = NULL;
        int min_width;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                 : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_child (GTK_WINDOW (window), panel);
        gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, 900);
        snap->read_bytes = sizes[i].read_bytes;
        kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
        kdcc_cluster_apply_snapshot (cluster, snap);
        gtk_window_present (GTK_WINDOW (window));
        png = kdcc_test_screenshot (window, name);

        /* The panel fits the width asked for. */
        gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
        g_assert_cmpint (min_width, <=, 360);
        g_assert_cmpint (gtk_widget_get_width (window), ==, sizes[i].width);

        tiles = kdcc_dashboard_panel_get_tiles (KDCC_DASHBOARD_PANEL (panel));
        g_assert_cmpuint (kdcc_tile_grid_get_columns (KDCC_TILE_GRID (tiles)), ==,
                          sizes[i].columns);
        /* Every tile at least as wide as its content: no "0 byte…". */
        for (GtkWidget *tile = gtk_widget_get_first_child (tiles); tile != NULL;
             tile = gtk_widget_get_next_sibling (tile))
          {
            int tile_min;
            graphene_rect_t bounds;

            /* measure() counts CSS padding and border; get_width() does not. */
            gtk_widget_measure (tile, GTK_ORIENTATION_HORIZONTAL, -1, &tile_min, NULL, NULL, NULL);
            g_assert_true (gtk_widget_compute_bounds (tile, tile, &bounds));
            g_assert_cmpfloat (graphene_rect_get_width (&bounds), >=, tile_min);
          }

        gtk_window_destroy (GTK_WINDOW (window));
      }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
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

/* The tables' "Used" cell says what the capacity bar says. */
static void
test_usage_cell (void)
{
  GtkWidget *cell = kdcc_usage_cell_new ();
  int minimum, natural;

  g_object_ref_sink (cell);
  kdcc_usage_cell_set_values (KDCC_USAGE_CELL (cell), G_GUINT64_CONSTANT (3) << 30,
                              G_GUINT64_CONSTANT (12) << 30);
  g_assert_cmpstr (kdcc_usage_cell_get_percent_text (KDCC_USAGE_CELL (cell)), ==, "25%");
  kdcc_usage_cell_set_values (KDCC_USAGE_CELL (cell), 99, 100);
  g_assert_cmpstr (kdcc_usage_cell_get_percent_text (KDCC_USAGE_CELL (cell)), ==, "99%");
  /* Room for the bar and the text. */
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >, 60);
  kdcc_usage_cell_set_values (KDCC_USAGE_CELL (cell), 0, 0);
  g_assert_cmpstr (kdcc_usage_cell_get_percent_text (KDCC_USAGE_CELL (cell)), ==, "0%");

  g_assert_finalize_object (cell);
}

static void
measure (GtkWidget *widget,
         int        sizes[4])
{
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &sizes[0], &sizes[1], NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &sizes[2], &sizes[3], NULL, NULL);
}

/* The tables' text cell takes the room an ellipsized GtkLabel with the
 * same text takes, and measures again when its text or its font changes
 * (it keeps its sizes between the two). */
static void
test_text_cell (void)
{
  const char *texts[] = { "osd.12", "kdcc-test-host-with-a-long-name", "—", "", "3.2 TiB" };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = kdcc_text_cell_new (FALSE);
  GtkWidget *label = gtk_label_new (NULL);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  int cell_sizes[4], label_sizes[4], big_sizes[4];

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), label);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  kdcc_test_settle (100);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), texts[i]);
      gtk_label_set_label (GTK_LABEL (label), texts[i]);
      g_assert_cmpstr (kdcc_text_cell_get_text (KDCC_TEXT_CELL (cell)), ==, texts[i]);
      measure (cell, cell_sizes);
      measure (label, label_sizes);
      g_test_message ("\"%s\": cell %d/%d × %d, label %d/%d × %d", texts[i], cell_sizes[0],
                      cell_sizes[1], cell_sizes[2], label_sizes[0], label_sizes[1], label_sizes[2]);
      g_assert_cmpint (cell_sizes[1], ==, label_sizes[1]);
      g_assert_cmpint (cell_sizes[0], ==, label_sizes[0]);
      g_assert_cmpint (cell_sizes[2], ==, label_sizes[2]);
      g_assert_cmpint (cell_sizes[3], ==, label_sizes[3]);
      g_assert_cmpint (cell_sizes[2], >, 0);
    }
  g_assert_cmpint (cell_sizes[1], >, 0);

  /* A bigger font: the kept sizes are measured again. */
  gtk_css_provider_load_from_data (css, ".kdcc-big { font-size: 40px; }", -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (window),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_widget_add_css_class (cell, "kdcc-big");
  gtk_widget_add_css_class (label, "kdcc-big");
  kdcc_test_settle (100);
  measure (cell, big_sizes);
  measure (label, label_sizes);
  g_assert_cmpint (big_sizes[1], >, cell_sizes[1]);
  g_assert_cmpint (big_sizes[2], >, cell_sizes[2]);
  g_assert_cmpint (big_sizes[1], ==, label_sizes[1]);
  g_assert_cmpint (big_sizes[2], ==, label_sizes[2]);
  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (window),
                                                 GTK_STYLE_PROVIDER (css));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The bin answers "how wide for this height?" with its child's width for
 * any height, passes heights for a width through, and gives its child its
 * whole allocation. */
static void
test_width_first_bin (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *bin = kdcc_width_first_bin_new ();
  GtkWidget *label = gtk_label_new ("Only the placement groups PG_DEGRADED names, "
                                    "Degraded data redundancy: 2000 pgs degraded");
  int min, nat, child_min, child_nat, narrow_min, wide_nat;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  kdcc_width_first_bin_set_child (KDCC_WIDTH_FIRST_BIN (bin), label);
  g_assert_true (kdcc_width_first_bin_get_child (KDCC_WIDTH_FIRST_BIN (bin)) == label);
  gtk_window_set_child (GTK_WINDOW (window), bin);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  gtk_window_present (GTK_WINDOW (window));
  kdcc_test_settle (100);

  /* A wrapping label asked for its width at a small height wants to be
   * wide; the bin answers as for any height. */
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, 20, &narrow_min, NULL, NULL, NULL);
  g_assert_cmpint (narrow_min, >, child_min);
  gtk_widget_measure (bin, GTK_ORIENTATION_HORIZONTAL, 20, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, child_min);
  g_assert_cmpint (nat, ==, child_nat);

  /* Heights for a width are the child's. */
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 100, &child_min, NULL, NULL, NULL);
  gtk_widget_measure (bin, GTK_ORIENTATION_VERTICAL, 100, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, ==, child_min);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, 1000, NULL, &wide_nat, NULL, NULL);
  g_assert_cmpint (wide_nat, <, child_min);

  g_assert_cmpint (gtk_widget_get_width (label), ==, gtk_widget_get_width (bin));
  g_assert_cmpint (gtk_widget_get_height (label), ==, gtk_widget_get_height (bin));
  g_assert_cmpint (gtk_widget_get_width (bin), >, 0);

  kdcc_width_first_bin_set_child (KDCC_WIDTH_FIRST_BIN (bin), NULL);
  g_assert_null (kdcc_width_first_bin_get_child (KDCC_WIDTH_FIRST_BIN (bin)));
  gtk_window_destroy (GTK_WINDOW (window));
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

/* KDCC's own paging and Ceph's overflow line in one check (an admin who
 * raised mon_health_max_detail to 120): KDCC shows 50 lines and counts
 * the other 70 on its button; Ceph's "31 more pgs... " stays shown, last,
 * as Ceph wrote it, and is not one of the 70. The row's link opens the PG
 * page narrowed to the PGs the check names. */
static void
test_alert_row_overflow (void)
{
  g_autoptr(KdccHealthCheck) check = kdcc_health_check_new ("PG_NOT_DEEP_SCRUBBED");
  KdccHealthCheckData *data = check_data ("PG_NOT_DEEP_SCRUBBED", KDCC_HEALTH_WARN,
                                          "151 pgs not deep-scrubbed in time", 120, FALSE);
  g_autofree char *subject = NULL;
  g_autofree char *png = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  KdccAlertRow *row;

  g_ptr_array_add (data->detail, g_strdup ("31 more pgs... "));
  kdcc_health_check_update (check, data);
  row = KDCC_ALERT_ROW (kdcc_alert_row_new (check, NULL));
  kdcc_alert_row_add_links (ADW_EXPANDER_ROW (row), check);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 400);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (row), ==, 51);
  g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (row), ==, 70);
  g_assert_cmpstr (kdcc_alert_row_get_more_label (row), ==, "Show 70 More Lines");
  g_assert_true (has_label (GTK_WIDGET (row), "31 more pgs... "));
  g_assert_true (has_label (GTK_WIDGET (row), "pg 1.31 not deep-scrubbed since never"));
  g_assert_false (has_label (GTK_WIDGET (row), "pg 1.32 not deep-scrubbed since never"));
  kdcc_test_settle (300);
  png = kdcc_test_screenshot (window, "dashboard-alert-row-overflow");

  /* A refresh that changes the check keeps the same page open. */
  g_free (data->summary);
  data->summary = g_strdup ("152 pgs not deep-scrubbed in time");
  kdcc_health_check_update (check, data);
  g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (row), ==, 51);
  g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (row), ==, 70);

  kdcc_alert_row_show_more (row);
  g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (row), ==, 121);
  g_assert_cmpuint (kdcc_alert_row_get_n_hidden_lines (row), ==, 0);
  g_assert_null (kdcc_alert_row_get_more_label (row));
  g_assert_true (has_label (GTK_WIDGET (row), "pg 1.77 not deep-scrubbed since never"));
  g_assert_true (has_label (GTK_WIDGET (row), "31 more pgs... "));

  /* A refresh that drops Ceph's line (fewer late PGs) takes it away. */
  g_ptr_array_remove_index (data->detail, data->detail->len - 1);
  kdcc_health_check_update (check, data);
  g_assert_cmpuint (kdcc_alert_row_get_n_shown_lines (row), ==, 120);
  g_assert_false (has_label (GTK_WIDGET (row), "31 more pgs... "));

  subject = kdcc_health_check_dup_link_subject (check);
  g_assert_cmpstr (subject, ==, "pgs/PG_NOT_DEEP_SCRUBBED");
  {
    g_autofree char *label = kdcc_subject_dup_link_label (subject);

    g_assert_cmpstr (label, ==, "Affected PGs");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  kdcc_test_settle (50);
  kdcc_health_check_data_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/dashboard-panel/new-destroy", test_new_destroy);
  g_test_add_func ("/dashboard-panel/alerts", test_alerts);
  g_test_add_func ("/dashboard-panel/alert-row-overflow", test_alert_row_overflow);
  g_test_add_func ("/dashboard-panel/tiles", test_tiles);
  g_test_add_func ("/dashboard-panel/capacity-bar", test_capacity_bar);
  g_test_add_func ("/dashboard-panel/usage-cell", test_usage_cell);
  g_test_add_func ("/dashboard-panel/text-cell", test_text_cell);
  g_test_add_func ("/dashboard-panel/width-first-bin", test_width_first_bin);
  g_test_add_func ("/dashboard-panel/health-badge", test_health_badge);

  return kdcc_test_run ();
}
