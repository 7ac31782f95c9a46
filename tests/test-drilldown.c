/* test-drilldown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cluster's pages (OSDs, hosts, pools, placement groups, monitors and
 * managers) against the real test cluster: their rows must be what the
 * `ceph` CLI says. Links from alerts and cards, Back, a degraded private
 * cluster, muting, and the OSD page on 10,000 OSDs.
 * Screenshots go to $KDCC_SCREENSHOT_DIR.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "kdcc-alert-links.h"
#include "kdcc-ceph-parse.h"
#include "kdcc-daemons-panel.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-health-check.h"
#include "kdcc-host.h"
#include "kdcc-hosts-panel.h"
#include "kdcc-osd-page.h"
#include "kdcc-osd.h"
#include "kdcc-osds-panel.h"
#include "kdcc-page-row.h"
#include "kdcc-pg.h"
#include "kdcc-pgs-panel.h"
#include "kdcc-pool.h"
#include "kdcc-pools-panel.h"
#include "kdcc-services-panel.h"
#include "kdcc-table-model.h"
#include "kdcc-table.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"
#include "kdcc-test-window.h"
#include "kdcc-window.h"

typedef KdccTestWindow Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  kdcc_test_window_open (f, 1100, 720);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  kdcc_test_window_close (f, 50);
}

static gboolean
cluster_has_osds (gpointer data)
{
  KdccCluster *cluster = kdcc_window_get_cluster (data);

  return cluster != NULL && kdcc_cluster_get_has_data (cluster) &&
         g_list_model_get_n_items (kdcc_cluster_get_osds (cluster)) > 0 &&
         g_list_model_get_n_items (kdcc_cluster_get_pools (cluster)) > 0;
}

static void
open_cluster (Fixture         *f,
              KdccTestCluster *cluster)
{
  g_autoptr(KdccProfile) profile = kdcc_test_named_profile (cluster, "Test Cluster");

  gtk_window_present (GTK_WINDOW (f->window));
  kdcc_window_open_profile (f->window, profile, NULL);
  g_assert_true (kdcc_test_wait_until (cluster_has_osds, f->window, 60000));
}

static void
show (Fixture    *f,
      const char *subject)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-subject", "s",
                                             subject));
}

static GtkWidget *
visible_panel (Fixture *f)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                KDCC_TYPE_WINDOW, "panel_stack"));

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

static void
screenshots (Fixture    *f,
             const char *name)
{
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *dark_name = g_strconcat (name, "-dark", NULL);

  /* Let page transitions end, even on a loaded machine. */
  kdcc_test_settle (1200);
  kdcc_test_wait_for_paint (GTK_WIDGET (f->window), 5000);
  light = kdcc_test_screenshot (GTK_WIDGET (f->window), name);
  g_assert_true (g_file_test (light, G_FILE_TEST_EXISTS));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  kdcc_test_settle (600);
  kdcc_test_wait_for_paint (GTK_WIDGET (f->window), 5000);
  dark = kdcc_test_screenshot (GTK_WIDGET (f->window), dark_name);
  g_assert_true (g_file_test (dark, G_FILE_TEST_EXISTS));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static GtkWidget *
page_row_for (Fixture    *f,
              const char *id)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                  KDCC_TYPE_WINDOW, "pages_list"));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_equal (kdcc_page_row_get_entry (KDCC_PAGE_ROW (row))->id, id))
      return GTK_WIDGET (row);

  return NULL;
}

static gboolean
osd_page_has_metadata (gpointer data)
{
  g_auto(GStrv) rows = kdcc_osd_page_dup_metadata (data);

  return rows != NULL;
}

static gboolean
osds_settled (gpointer data)
{
  return kdcc_osds_panel_is_settled (data);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* PG ids in numeric order: pool, then the hexadecimal sequence. */
static int
pgid_order (const char *a,
            const char *b)
{
  char *end_a = NULL;
  char *end_b = NULL;
  guint64 pool_a = g_ascii_strtoull (a, &end_a, 10);
  guint64 pool_b = g_ascii_strtoull (b, &end_b, 10);
  guint64 seq_a = g_ascii_strtoull (end_a + 1, NULL, 16);
  guint64 seq_b = g_ascii_strtoull (end_b + 1, NULL, 16);

  if (pool_a != pool_b)
    return pool_a < pool_b ? -1 : 1;
  return seq_a < seq_b ? -1 : seq_a > seq_b ? 1 : 0;
}

typedef struct
{
  KdccTestCluster *cluster;
  KdccWindow      *window;
  KdccPgsPanel    *pgs;
  gint64           next;
  char            *ceph;    /* `ceph pg ls`'s PG ids, sorted, one a line */
  char            *shown;   /* the table's */
} PgsAgree;

static char *join_sorted (GPtrArray *lines);

/* Every 3 s: the table's PG ids against `ceph pg ls`; a refresh when they
 * differ. */
static gboolean
pgs_agree_with_ceph (gpointer data)
{
  PgsAgree *agree = data;
  KdccCluster *model = kdcc_window_get_cluster (agree->window);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) ceph = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) ids = NULL;
  JsonArray *stats;

  if (g_get_monotonic_time () < agree->next)
    return FALSE;
  agree->next = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  if (model == NULL || !kdcc_cluster_get_pg_list_loaded (model))
    return FALSE;

  node = kdcc_test_ceph_json (agree->cluster, "pg", "ls", NULL);
  stats = json_object_get_array_member (json_node_get_object (node), "pg_stats");
  for (guint i = 0; i < json_array_get_length (stats); i++)
    g_ptr_array_add (ceph, g_strdup (json_object_get_string_member (
      json_array_get_object_element (stats, i), "pgid")));
  ids = kdcc_pgs_panel_dup_shown_pgids (agree->pgs);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (shown, g_strdup (ids[i]));
  g_free (agree->ceph);
  g_free (agree->shown);
  agree->ceph = join_sorted (ceph);
  agree->shown = join_sorted (shown);
  if (ceph->len > 0 && g_str_equal (agree->ceph, agree->shown))
    return TRUE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (agree->window), "win.refresh", NULL));
  return FALSE;
}

static char *
join_sorted (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_strings);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* OSDs ------------------------------------------------------------------------ */

/* "id host up in" lines from `ceph osd tree` and `ceph osd dump`. */
static char *
ceph_osd_lines (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) tree = kdcc_test_ceph_json (cluster, "osd", "tree", NULL);
  g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (tree), "nodes");
  JsonArray *osds = json_object_get_array_member (json_node_get_object (dump), "osds");
  g_autoptr(GHashTable) hosts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      JsonArray *children;

      if (g_strcmp0 (json_object_get_string_member (node, "type"), "host") != 0)
        continue;
      children = json_object_get_array_member (node, "children");
      for (guint c = 0; c < json_array_get_length (children); c++)
        g_hash_table_insert (hosts, GINT_TO_POINTER ((int) json_array_get_int_element (children, c)),
                             g_strdup (json_object_get_string_member (node, "name")));
    }

  for (guint i = 0; i < json_array_get_length (osds); i++)
    {
      JsonObject *osd = json_array_get_object_element (osds, i);
      int id = (int) json_object_get_int_member (osd, "osd");

      g_ptr_array_add (lines, g_strdup_printf ("%d %s %s %s", id,
                                               (const char *) g_hash_table_lookup (hosts, GINT_TO_POINTER (id)),
                                               json_object_get_int_member (osd, "up") ? "up" : "down",
                                               json_object_get_int_member (osd, "in") ? "in" : "out"));
    }

  return join_sorted (lines);
}

static char *
shown_osd_lines (GListModel *rows)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (rows, i);

      g_ptr_array_add (lines, g_strdup_printf ("%d %s %s %s", (int) kdcc_osd_get_id (osd),
                                               kdcc_osd_get_host (osd),
                                               kdcc_osd_get_up (osd) ? "up" : "down",
                                               kdcc_osd_get_in (osd) ? "in" : "out"));
    }

  return join_sorted (lines);
}

static void
check_osd_utilization (KdccTestCluster *cluster,
                       GListModel      *rows)
{
  g_autoptr(JsonNode) df = kdcc_test_ceph_json (cluster, "osd", "df", NULL);
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (df), "nodes");

  g_assert_cmpuint (json_array_get_length (nodes), ==, g_list_model_get_n_items (rows));
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);
      gint64 id = json_object_get_int_member (node, "id");
      gboolean found = FALSE;

      for (guint r = 0; r < g_list_model_get_n_items (rows) && !found; r++)
        {
          g_autoptr(KdccOsd) osd = g_list_model_get_item (rows, r);

          if (kdcc_osd_get_id (osd) != id)
            continue;
          found = TRUE;
          /* memstore moves a little between two reads. */
          g_assert_cmpfloat_with_epsilon (kdcc_osd_get_utilization (osd),
                                          json_object_get_double_member (node, "utilization"), 1.0);
          g_assert_cmpint (kdcc_osd_get_pgs (osd), ==, json_object_get_int_member (node, "pgs"));
        }
      g_assert_true (found);
    }
}

static void
test_live_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  KdccOsdsPanel *osds;
  KdccPoolsPanel *pools;
  KdccHostsPanel *hosts;
  KdccDaemonsPanel *daemons;
  KdccPgsPanel *pgs;

  open_cluster (f, cluster);

  /* OSDs: ids, hosts, up and in, utilization and PG counts. */
  show (f, "osds");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "osds");
  osds = KDCC_OSDS_PANEL (kdcc_window_get_panel (f->window, "osds"));
  g_assert_true (kdcc_test_wait_until (osds_settled, osds, 10000));
  {
    g_autofree char *expected = ceph_osd_lines (cluster);
    g_autofree char *shown = shown_osd_lines (kdcc_osds_panel_get_rows (osds));

    g_assert_cmpstr (shown, ==, expected);
  }
  check_osd_utilization (cluster, kdcc_osds_panel_get_rows (osds));
  g_assert_cmpstr (kdcc_osds_panel_get_visible_state (osds), ==, "table");
  screenshots (f, "page-osds");

  /* One OSD, then Back to the table with its filter. */
  kdcc_osds_panel_set_search (osds, "osd.1");
  g_assert_true (kdcc_test_wait_until (osds_settled, osds, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_osds_panel_get_rows (osds)), ==, 1);
  /* What a click or Enter on the row does. */
  g_signal_emit_by_name (kdcc_osds_panel_get_column_view (osds), "activate", 0);
  g_assert_true (g_str_has_prefix (kdcc_window_get_visible_panel (f->window), "subpage-"));
  g_assert_cmpstr (kdcc_osd_page_get_status (visible_panel (f)), ==, "Up · In");
  /* Its metadata, read when the page opened, is `ceph osd metadata`'s. */
  g_assert_true (kdcc_test_wait_until (osd_page_has_metadata, visible_panel (f), 30000));
  {
    g_autoptr(JsonNode) node = kdcc_test_ceph_json (cluster, "osd", "metadata", "1", NULL);
    g_auto(GStrv) rows = kdcc_osd_page_dup_metadata (visible_panel (f));
    g_autofree char *expected = g_strdup_printf ("Object store=%s",
                                                 json_object_get_string_member (json_node_get_object (node),
                                                                                "osd_objectstore"));

    g_assert_true (g_strv_contains ((const char * const *) rows, expected));
  }
  screenshots (f, "page-osd");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "osds");
  g_assert_true (kdcc_test_wait_until (osds_settled, osds, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_osds_panel_get_rows (osds)), ==, 1);
  kdcc_osds_panel_set_search (osds, NULL);

  /* Pools: names, sizes, PG counts. */
  show (f, "pools");
  pools = KDCC_POOLS_PANEL (kdcc_window_get_panel (f->window, "pools"));
  {
    g_autoptr(JsonNode) node = kdcc_test_ceph_json (cluster, "osd", "pool", "ls", "detail", NULL);
    JsonArray *array = json_node_get_array (node);
    g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
    GListModel *rows = kdcc_pools_panel_get_rows (pools);
    g_autofree char *expected_text = NULL;
    g_autofree char *shown_text = NULL;

    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *pool = json_array_get_object_element (array, i);

        g_ptr_array_add (expected, g_strdup_printf ("%s size=%d pgs=%d",
                                                    json_object_get_string_member (pool, "pool_name"),
                                                    (int) json_object_get_int_member (pool, "size"),
                                                    (int) json_object_get_int_member (pool, "pg_num")));
      }
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(KdccPool) pool = g_list_model_get_item (rows, i);

        g_ptr_array_add (shown, g_strdup_printf ("%s size=%d pgs=%d", kdcc_pool_get_name (pool),
                                                 (int) kdcc_pool_get_size (pool),
                                                 (int) kdcc_pool_get_pg_num (pool)));
      }
    expected_text = join_sorted (expected);
    shown_text = join_sorted (shown);
    g_assert_cmpstr (shown_text, ==, expected_text);
  }
  screenshots (f, "page-pools");
  show (f, "pool/kdcc-test");
  g_assert_true (g_str_has_prefix (kdcc_window_get_visible_panel (f->window), "subpage-"));
  g_assert_cmpstr (kdcc_pool_page_get_replication (visible_panel (f)), ==,
                   "Replicated, 3 copies (min. 2)");
  screenshots (f, "page-pool");

  /* Hosts: every OSD's host is a row. */
  show (f, "hosts");
  hosts = KDCC_HOSTS_PANEL (kdcc_window_get_panel (f->window, "hosts"));
  {
    GListModel *rows = kdcc_hosts_panel_get_rows (hosts);
    guint osd_count = 0;

    g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 1);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(KdccHost) host = g_list_model_get_item (rows, i);

        osd_count += kdcc_host_get_osd_count (host);
      }
    g_assert_cmpuint (osd_count, ==, g_list_model_get_n_items (kdcc_osds_panel_get_rows (osds)));
  }
  screenshots (f, "page-hosts");
  {
    g_autoptr(KdccHost) host = g_list_model_get_item (kdcc_hosts_panel_get_rows (hosts), 0);
    g_autofree char *subject = g_strconcat ("host/", kdcc_host_get_name (host), NULL);

    show (f, subject);
    g_assert_true (g_str_has_prefix (kdcc_window_get_visible_panel (f->window), "subpage-"));
    screenshots (f, "page-host");
  }

  /* Monitors in quorum. */
  show (f, "mons");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "daemons");
  daemons = KDCC_DAEMONS_PANEL (kdcc_window_get_panel (f->window, "daemons"));
  {
    g_autoptr(JsonNode) node = kdcc_test_ceph_json (cluster, "quorum_status", NULL);
    JsonArray *names = json_object_get_array_member (json_node_get_object (node), "quorum_names");
    g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
    g_auto(GStrv) rows = kdcc_daemons_panel_dup_mon_rows (daemons);
    g_autofree char *expected_text = NULL;
    g_autofree char *shown_text = NULL;

    for (guint i = 0; i < json_array_get_length (names); i++)
      g_ptr_array_add (expected, g_strdup (json_array_get_string_element (names, i)));
    expected_text = join_sorted (expected);
    shown_text = g_strjoinv ("\n", rows);
    g_assert_cmpstr (shown_text, ==, expected_text);
  }
  screenshots (f, "page-daemons");

  /* PG states, as `ceph pg stat` counts them at the same refresh. */
  show (f, "pgs");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "pgs");
  pgs = KDCC_PGS_PANEL (kdcc_window_get_panel (f->window, "pgs"));
  {
    g_autoptr(JsonNode) node = kdcc_test_ceph_json (cluster, "status", NULL);
    JsonObject *pgmap = json_object_get_object_member (json_node_get_object (node), "pgmap");
    JsonArray *states = json_object_get_array_member (pgmap, "pgs_by_state");
    g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
    g_auto(GStrv) rows = NULL;
    g_autofree char *expected_text = NULL;
    g_autofree char *shown_text = NULL;

    /* Refresh so both reads are of one idle cluster. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
    kdcc_test_settle (3000);
    rows = kdcc_pgs_panel_dup_rows (pgs);
    for (guint i = 0; i < json_array_get_length (states); i++)
      {
        JsonObject *state = json_array_get_object_element (states, i);

        g_ptr_array_add (expected, g_strdup_printf ("%s=%" G_GINT64_FORMAT,
                                                    json_object_get_string_member (state, "state_name"),
                                                    json_object_get_int_member (state, "count")));
      }
    for (guint i = 0; rows[i] != NULL; i++)
      g_ptr_array_add (shown, g_strdup (rows[i]));
    expected_text = join_sorted (expected);
    shown_text = join_sorted (shown);
    g_assert_cmpstr (shown_text, ==, expected_text);
  }
  /* The table: with "All Placement Groups" it lists every PG `ceph pg ls`
   * lists, in PG order; a state row narrows it to that state; the search
   * finds a PG by id. The autoscaler may still be changing a pool's
   * pg_num here, so the two lists are compared until they agree after a
   * refresh (60 s at most), never one read against an older other. */
  {
    PgsAgree agree = { cluster, f->window, pgs, 0, NULL, NULL };
    g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
    g_auto(GStrv) shown = NULL;
    g_autofree char *state = NULL;
    GListModel *rows = kdcc_pgs_panel_get_rows (pgs);
    GListModel *all = kdcc_cluster_get_pgs (kdcc_window_get_cluster (f->window));
    guint in_state = 0;

    kdcc_pgs_panel_set_show_all (pgs, TRUE);
    kdcc_test_wait_until (pgs_agree_with_ceph, &agree, 60000);
    g_assert_nonnull (agree.ceph);
    g_assert_cmpstr (agree.shown, ==, agree.ceph);
    g_clear_pointer (&agree.ceph, g_free);
    g_clear_pointer (&agree.shown, g_free);
    shown = kdcc_pgs_panel_dup_shown_pgids (pgs);
    g_assert_nonnull (shown[0]);
    for (guint i = 1; shown[i] != NULL; i++)
      g_assert_cmpint (pgid_order (shown[i - 1], shown[i]), <, 0);
    g_ptr_array_add (expected, g_strdup (shown[0]));
    screenshots (f, "page-pgs-all");

    /* A state (what a state row does): only its PGs, and all of them. */
    {
      g_autoptr(KdccPg) first = g_list_model_get_item (all, 0);

      g_assert_nonnull (first);
      state = g_strdup (kdcc_pg_get_state (first));
    }
    kdcc_pgs_panel_set_state_filter (pgs, state);
    g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(KdccPg) pg = g_list_model_get_item (rows, i);

        g_assert_cmpstr (kdcc_pg_get_state (pg), ==, state);
        in_state++;
      }
    /* Every PG of the model in that state (the row's count is from
     * `ceph status`, a read apart from the PG list). */
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(KdccPg) pg = g_list_model_get_item (all, i);

        if (g_str_equal (kdcc_pg_get_state (pg), state))
          in_state--;
      }
    g_assert_cmpuint (in_state, ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pgs), "pgs.clear-filter", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, g_list_model_get_n_items (all));

    /* The search by id: that PG, and the PGs whose ids start with it. */
    kdcc_pgs_panel_set_search (pgs, g_ptr_array_index (expected, 0));
    g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 1);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(KdccPg) pg = g_list_model_get_item (rows, i);

        g_assert_true (g_str_has_prefix (kdcc_pg_get_pgid (pg), g_ptr_array_index (expected, 0)));
      }
    kdcc_pgs_panel_set_search (pgs, NULL);
    kdcc_pgs_panel_set_show_all (pgs, FALSE);
  }
  screenshots (f, "page-pgs");

  /* CephFS: the page is listed only when the cluster has a filesystem. */
  {
    g_autoptr(JsonNode) node = kdcc_test_ceph_json (cluster, "fs", "ls", NULL);
    JsonArray *array = json_node_get_array (node);
    GtkWidget *panel = kdcc_window_get_panel (f->window, "services");

    if (json_array_get_length (array) == 0)
      {
        g_assert_false (kdcc_services_panel_has_any (kdcc_window_get_cluster (f->window)));
        g_assert_false (gtk_widget_get_visible (page_row_for (f, "services")));
      }
    else
      {
        g_auto(GStrv) rows = NULL;
        JsonObject *fs = json_array_get_object_element (array, 0);

        g_assert_true (kdcc_services_panel_has_any (kdcc_window_get_cluster (f->window)));
        g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (f->window), KDCC_TYPE_WINDOW,
                                                              "pages_list"),
                               "row-activated", page_row_for (f, "services"));
        g_assert_true (gtk_widget_get_visible (page_row_for (f, "services")));
        g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "services");
        rows = kdcc_services_panel_dup_rows (KDCC_SERVICES_PANEL (panel));
        g_assert_nonnull (rows[0]);
        g_assert_true (g_str_has_prefix (rows[0], json_object_get_string_member (fs, "name")));
        screenshots (f, "page-services");
      }
  }
}

/* Links and Back ---------------------------------------------------------------- */

static GtkWidget *
find_alert_row (KdccWindow *window,
                const char *code)
{
  KdccDashboardPanel *dashboard = KDCC_DASHBOARD_PANEL (kdcc_window_get_panel (window, "dashboard"));

  return kdcc_dashboard_panel_get_alert_row (dashboard, code);
}

typedef struct
{
  KdccWindow *window;
  const char *code;
} AlertWait;

static gboolean
alert_present (gpointer data)
{
  AlertWait *wait = data;

  return find_alert_row (wait->window, wait->code) != NULL;
}

static void
test_alert_link_and_back (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_get_shared ();
  KdccDashboardPanel *dashboard;
  AlertWait wait = { f->window, "MGR_MODULE_DEPENDENCY" };
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  GtkWidget *row;
  GtkWidget *link;
  double position;

  open_cluster (f, cluster);
  show (f, "health/MGR_MODULE_DEPENDENCY");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
  g_assert_true (kdcc_test_wait_until (alert_present, &wait, 30000));
  dashboard = KDCC_DASHBOARD_PANEL (kdcc_window_get_panel (f->window, "dashboard"));
  /* Let the dashboard scroll to the check it was asked for first. */
  kdcc_test_settle (1000);
  kdcc_test_wait_for_paint (GTK_WIDGET (f->window), 5000);

  /* The dashboard's scroll position is where Back must return to. */
  scroller = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dashboard),
                                                        KDCC_TYPE_DASHBOARD_PANEL, "scroller"));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  kdcc_test_wait_for_paint (GTK_WIDGET (f->window), 5000);
  position = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (position, >, 0);

  row = find_alert_row (f->window, "MGR_MODULE_DEPENDENCY");
  link = kdcc_alert_row_get_link_button (ADW_EXPANDER_ROW (row));
  g_assert_nonnull (link);
  g_assert_true (gtk_widget_get_visible (link));
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (link)), NULL),
                   ==, "mgrs");
  screenshots (f, "alert-links");

  g_signal_emit_by_name (link, "clicked");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "daemons");
  kdcc_test_settle (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");
  kdcc_test_settle (200);
  kdcc_test_wait_for_paint (GTK_WIDGET (f->window), 5000);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), position, 1.0);

  /* The OSDs card opens the OSD page filtered to the down ones. */
  show (f, "osds/down");
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "osds");
  g_assert_cmpint (kdcc_osds_panel_get_state_filter (KDCC_OSDS_PANEL (kdcc_window_get_panel (f->window, "osds"))),
                   ==, KDCC_OSD_FILTER_DOWN);
  g_assert_true (kdcc_test_wait_until (osds_settled, kdcc_window_get_panel (f->window, "osds"), 10000));
  g_assert_cmpstr (kdcc_osds_panel_get_visible_state (KDCC_OSDS_PANEL (kdcc_window_get_panel (f->window, "osds"))),
                   ==, "no-match");
  screenshots (f, "osds-none-down");
}

/* A degraded private cluster ------------------------------------------------------ */

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

typedef struct
{
  KdccCluster *cluster;
  const char  *code;
  gboolean     muted;
} MuteWait;

static gboolean
check_muted (gpointer data)
{
  MuteWait *wait = data;
  GListModel *checks = kdcc_cluster_get_health_checks (wait->cluster);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      if (g_str_equal (kdcc_health_check_get_code (check), wait->code))
        return kdcc_health_check_get_muted (check) == wait->muted;
    }

  return FALSE;
}

static void
mute_through_dialog (Fixture    *f,
                     const char *action,
                     const char *code,
                     const char *response)
{
  GtkWidget *dialog;
  g_autofree char *png = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, "s", code));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* The confirmation says what runs. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "ceph health"));
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (dialog, g_str_equal (response, "unmute") ? "unmute-dialog" : "mute-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  kdcc_test_settle (100);
}

static gboolean
osd_page_down_out (gpointer data)
{
  return g_strcmp0 (kdcc_osd_page_get_status (data), "Down · Out") == 0;
}

static void
test_degraded (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private ();
  AlertWait down_wait = { f->window, "OSD_DOWN" };
  AlertWait flags_wait = { f->window, "OSDMAP_FLAGS" };
  g_autofree char *out = NULL;
  GtkWidget *row;
  GtkWidget *link;
  GtkWidget *page;
  guint notified = 0;
  gboolean active;

  open_cluster (f, cluster);
  kdcc_test_settle (500);
  g_assert_true (kdcc_settings_get_health_notifications (f->settings));

  kdcc_test_cluster_stop_daemon (cluster, "osd.1");
  out = kdcc_test_ceph_text (cluster, "osd", "down", "1", NULL);
  g_clear_pointer (&out, g_free);

  active = gtk_window_is_active (GTK_WINDOW (f->window));
  g_assert_true (kdcc_test_wait_until (alert_present, &down_wait, 90000));
  kdcc_test_settle (500);

  /* A new check raises a notification only while the window is in the
   * background. Under Xvfb without a window manager the window's focus can
   * change between any two looks, so only what a notification says is
   * asserted here: it names the OSD that went down. */
  kdcc_window_get_last_notification (f->window, &notified);
  g_test_message ("window active when the OSD went down: %d; notifications: %u", active, notified);
  if (notified > 0)
    {
      const char *subject = kdcc_window_get_last_notification (f->window, NULL);
      g_autoptr(KdccSubject) parsed = NULL;
      g_autoptr(GError) parse_error = NULL;

      /* A notification opens the check it is about: OSD_DOWN, or a PG
       * check raised with it. */
      parsed = kdcc_subject_parse (subject, &parse_error);
      g_assert_no_error (parse_error);
      g_assert_true (g_str_has_prefix (subject, "health/"));
    }

  row = find_alert_row (f->window, "OSD_DOWN");
  link = kdcc_alert_row_get_link_button (ADW_EXPANDER_ROW (row));
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (link)), NULL),
                   ==, "osd.1");
  show (f, "health/OSD_DOWN");
  screenshots (f, "degraded-dashboard");

  /* Mute and unmute through the write path, confirmed. */
  {
    MuteWait muted = { kdcc_window_get_cluster (f->window), "OSD_DOWN", TRUE };
    MuteWait unmuted = { kdcc_window_get_cluster (f->window), "OSD_DOWN", FALSE };
    g_autoptr(JsonNode) node = NULL;
    JsonArray *mutes;

    mute_through_dialog (f, "win.mute-health", "OSD_DOWN", "mute-1h");
    g_assert_true (kdcc_test_wait_until (check_muted, &muted, 30000));
    node = kdcc_test_ceph_json (cluster, "health", "detail", NULL);
    mutes = json_object_get_array_member (json_node_get_object (node), "mutes");
    g_assert_nonnull (mutes);
    g_assert_cmpuint (json_array_get_length (mutes), ==, 1);
    screenshots (f, "degraded-muted");

    mute_through_dialog (f, "win.unmute-health", "OSD_DOWN", "unmute");
    g_assert_true (kdcc_test_wait_until (check_muted, &unmuted, 30000));
  }

  /* The alert leads to the OSD, which is down; marked out, the page
   * follows; Back returns to the dashboard. */
  row = find_alert_row (f->window, "OSD_DOWN");
  link = kdcc_alert_row_get_link_button (ADW_EXPANDER_ROW (row));
  g_signal_emit_by_name (link, "clicked");
  g_assert_true (g_str_has_prefix (kdcc_window_get_visible_panel (f->window), "subpage-"));
  page = visible_panel (f);
  g_assert_cmpstr (kdcc_osd_page_get_status (page), ==, "Down · In");
  out = kdcc_test_ceph_text (cluster, "osd", "out", "1", NULL);
  g_clear_pointer (&out, g_free);
  g_assert_true (kdcc_test_wait_until (osd_page_down_out, page, 60000));
  screenshots (f, "degraded-osd");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.go-back", NULL));
  g_assert_cmpstr (kdcc_window_get_visible_panel (f->window), ==, "dashboard");

  /* noout raises OSDMAP_FLAGS, which links to the OSDs. */
  out = kdcc_test_ceph_text (cluster, "osd", "set", "noout", NULL);
  g_assert_true (kdcc_test_wait_until (alert_present, &flags_wait, 60000));
  row = find_alert_row (f->window, "OSDMAP_FLAGS");
  link = kdcc_alert_row_get_link_button (ADW_EXPANDER_ROW (row));
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (link)), NULL),
                   ==, "osds");
}

/* `kdcc --show` ------------------------------------------------------------------- */

/* 10,000 OSDs ------------------------------------------------------------------ */

#define N_OSDS 10000

static KdccSnapshot *
big_snapshot (void)
{
  KdccSnapshot *snap = kdcc_snapshot_new ();

  snap->fsid = g_strdup ("00000000-0000-0000-0000-000000000000");
  snap->health = KDCC_HEALTH_WARN;
  snap->source_kind = g_strdup ("rados");
  snap->osds_total = N_OSDS;
  kdcc_snapshot_ensure_osd_list (snap);
  for (gint64 id = 0; id < N_OSDS; id++)
    {
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, id);
      g_autofree char *host = g_strdup_printf ("node%03d", (int) (id / 20));
      KdccHostData *host_data = kdcc_snapshot_ensure_host (snap, host);

      osd->host = g_strdup (host);
      osd->device_class = g_strdup (id % 4 == 0 ? "ssd" : "hdd");
      osd->exists = TRUE;
      /* Every 97th OSD is down, every 89th out. */
      osd->up = id % 97 != 0;
      osd->in = id % 89 != 0;
      osd->crush_weight = 1.819;
      osd->reweight = osd->in ? 1.0 : 0.0;
      osd->has_usage = TRUE;
      osd->total_bytes = G_GUINT64_CONSTANT (2000000000000);
      osd->utilization = (double) ((id * 7919) % 1000) / 10.0;
      osd->used_bytes = (guint64) (osd->total_bytes * osd->utilization / 100.0);
      osd->avail_bytes = osd->total_bytes - osd->used_bytes;
      osd->pgs = 100 + id % 50;
      g_array_append_val (host_data->osd_ids, id);
    }

  return snap;
}

static gboolean
scrolled_to_top (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (data);

  /* Laid out (the list is taller than the window) and at its top. */
  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
         gtk_adjustment_get_value (adjustment) == 0;
}

/* Changes the view's rows saw that were not at their end: GTK 4.8
 * destroys and rebuilds its rows for those (kdcc-table-model.h). */
static void
rows_changed_cb (GListModel *rows,
                 guint       position,
                 guint       removed,
                 guint       added,
                 guint      *inside)
{
  guint before = g_list_model_get_n_items (rows) - added + removed;

  if (position < MIN (before, g_list_model_get_n_items (rows)))
    (*inside)++;
}

/* Sorted by host; within a host fullest first (by_usage) or by id. */
static void
assert_by_host (GListModel *rows,
                gboolean    by_usage)
{
  guint n = g_list_model_get_n_items (rows);

  g_assert_cmpuint (n, ==, N_OSDS);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(KdccOsd) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(KdccOsd) b = g_list_model_get_item (rows, i);
      int by_host = g_strcmp0 (kdcc_osd_get_host (a), kdcc_osd_get_host (b));

      g_assert_cmpint (by_host, <=, 0);
      if (by_host == 0 && by_usage)
        g_assert_cmpfloat (kdcc_osd_get_utilization (a), >=, kdcc_osd_get_utilization (b));
      else if (by_host == 0)
        g_assert_cmpint (kdcc_osd_get_id (a), <, kdcc_osd_get_id (b));
    }
}

static int
compare_inverted_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      sorter)
{
  return -gtk_sorter_compare (sorter, (gpointer) a, (gpointer) b);
}

static void
test_ten_thousand (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("Big");
  g_autoptr(KdccSnapshot) snap = big_snapshot ();
  GtkWidget *window = gtk_window_new ();
  KdccOsdsPanel *panel = KDCC_OSDS_PANEL (kdcc_osds_panel_new ());
  GListModel *rows = kdcc_osds_panel_get_rows (panel);
  GtkColumnView *view = kdcc_osds_panel_get_column_view (panel);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) used = NULL;
  g_autoptr(GtkColumnViewColumn) host = NULL;
  g_autofree char *png = NULL;
  gint64 start;
  guint down = 0;
  guint inside = 0;

  kdcc_cluster_apply_snapshot (cluster, snap);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_osds (cluster)), ==, N_OSDS);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  start = g_get_monotonic_time ();
  kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
  g_test_message ("set cluster %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  gtk_window_present (GTK_WINDOW (window));
  g_test_message ("presented %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
  g_test_message ("10,000 OSDs listed in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_OSDS);
  kdcc_test_wait_for_paint (window, 5000);

  /* Sorted by utilization, fullest first. */
  for (guint i = 0; i < g_list_model_get_n_items (columns) && used == NULL; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), "Used"))
        used = g_steal_pointer (&column);
    }
  g_assert_nonnull (used);
  /* From here on the rows of the view stay: sorting and filtering only
   * re-point them, and the count changes at the end. */
  g_signal_connect (gtk_column_view_get_model (view), "items-changed", G_CALLBACK (rows_changed_cb),
                    &inside);
  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, used, GTK_SORT_DESCENDING);
  g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
  g_test_message ("sorted in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  for (guint i = 1; i < 200; i++)
    {
      g_autoptr(KdccOsd) a = g_list_model_get_item (rows, i - 1);
      g_autoptr(KdccOsd) b = g_list_model_get_item (rows, i);

      g_assert_cmpfloat (kdcc_osd_get_utilization (a), >=, kdcc_osd_get_utilization (b));
    }
  /* The new order is shown from its top: the fullest OSD on screen, not
   * the one that was on top before (osd.0, now near the end). */
  g_assert_true (kdcc_test_wait_until (scrolled_to_top, view, 10000));
  kdcc_test_wait_for_paint (window, 5000);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view))), ==, 0);
  png = kdcc_test_screenshot (window, "osds-10000");

  /* Then by host alone (gtk_column_view_sort_by_column() keeps one
   * column): each host's 20 OSDs in the source's order, by id. */
  for (guint i = 0; i < g_list_model_get_n_items (columns) && host == NULL; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), "Host"))
        host = g_steal_pointer (&column);
    }
  g_assert_nonnull (host);
  gtk_column_view_sort_by_column (view, host, GTK_SORT_ASCENDING);
  g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
  assert_by_host (rows, FALSE);

  /* By host, then fullest first: as clicking "Used" twice and then "Host"
   * sorts the view. The model sorts each host's OSDs by their usage key. */
  {
    g_autoptr(GtkMultiSorter) by_host_used = gtk_multi_sorter_new ();

    gtk_multi_sorter_append (by_host_used, g_object_ref (gtk_column_view_column_get_sorter (host)));
    gtk_multi_sorter_append (by_host_used,
                             GTK_SORTER (gtk_custom_sorter_new (compare_inverted_cb,
                                                                gtk_column_view_column_get_sorter (used),
                                                                NULL)));
    start = g_get_monotonic_time ();
    kdcc_table_model_set_sorter (KDCC_TABLE_MODEL (rows), GTK_SORTER (by_host_used));
    g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
    g_test_message ("sorted by host and usage in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
    assert_by_host (rows, TRUE);
    kdcc_table_model_set_sorter (KDCC_TABLE_MODEL (rows), gtk_column_view_get_sorter (view));
  }

  /* Down OSDs: every 97th. */
  for (gint64 id = 0; id < N_OSDS; id++)
    down += id % 97 == 0;
  kdcc_osds_panel_set_state_filter (panel, KDCC_OSD_FILTER_DOWN);
  g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, down);

  /* Search by id prefix, within the down ones: osd.97, 970, 9700, 9797. */
  kdcc_osds_panel_set_search (panel, "osd.97");
  g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);

  /* By host and class. */
  kdcc_osds_panel_set_state_filter (panel, KDCC_OSD_FILTER_ALL);
  kdcc_osds_panel_set_search (panel, NULL);
  kdcc_osds_panel_set_host_filter (panel, "node042");
  kdcc_osds_panel_set_class_filter (panel, "ssd");
  g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);

  /* A refresh that changes one OSD keeps the filters. */
  {
    KdccOsdData *osd = kdcc_snapshot_ensure_osd (snap, 840);

    osd->up = FALSE;
    /* And the fullest: none of the others is over 99.9 %. */
    osd->utilization = 100.0;
    kdcc_cluster_apply_snapshot (cluster, snap);
    kdcc_osds_panel_set_state_filter (panel, KDCC_OSD_FILTER_DOWN);
    g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  }
  g_assert_cmpuint (inside, ==, 0);
  /* The view holds as many rows as are shown, once settled. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 1);
  g_signal_handlers_disconnect_by_func (gtk_column_view_get_model (view), rows_changed_cb, &inside);

  /* The model keeps each column's keys between sorts (usage was read
   * before the refresh): the refresh's resort must have dropped them, so
   * sorting by usage again puts osd.840 first. */
  kdcc_osds_panel_set_state_filter (panel, KDCC_OSD_FILTER_ALL);
  kdcc_osds_panel_set_host_filter (panel, NULL);
  kdcc_osds_panel_set_class_filter (panel, NULL);
  gtk_column_view_sort_by_column (view, used, GTK_SORT_DESCENDING);
  g_assert_true (kdcc_test_wait_until (osds_settled, panel, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_OSDS);
  {
    g_autoptr(KdccOsd) first = g_list_model_get_item (rows, 0);
    g_autoptr(KdccOsd) second = g_list_model_get_item (rows, 1);

    g_assert_cmpint (kdcc_osd_get_id (first), ==, 840);
    g_assert_cmpfloat (kdcc_osd_get_utilization (second), <, 100.0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The PG page when a refresh changes a few PGs in place ---------------------- */

#define PG_POOLS 4
#define PG_SEEDS 300

typedef KdccTestPgState PgChange;

/* 1,200 PGs in Ceph's kind of order, each state as given by changes and
 * active+clean otherwise, parsed and digested as the librados source does
 * on its worker. */
static KdccSnapshot *
pg_snapshot (const PgChange *changes,
             guint           n_changes)
{
  g_autofree char *json = kdcc_test_pg_dump (PG_POOLS, PG_SEEDS, changes, n_changes);
  g_autoptr(GError) error = NULL;
  KdccSnapshot *snap = kdcc_snapshot_new ();

  g_assert_true (kdcc_ceph_parse_pg_list (json, -1, 1796072400, &snap->pgs, &error));
  g_assert_no_error (error);
  snap->pgs_total = snap->pgs->len;
  kdcc_snapshot_compute_digests (snap);
  return snap;
}

typedef struct
{
  KdccPg *pg;
  guint   position;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b,
                gpointer      sorter)
{
  const Placed *pa = a;
  const Placed *pb = b;
  int result = gtk_sorter_compare (sorter, pa->pg, pb->pg);

  if (result != GTK_ORDERING_EQUAL)
    return result;
  return (pa->position > pb->position) - (pa->position < pb->position);
}

/* What a table sorted afresh by sorter lists: the model's PGs by the
 * view's sorter, ties in the model's order; the problem PGs only, or all. */
static char *
expected_pgids (KdccCluster *cluster,
                GtkSorter   *sorter,
                gboolean     problems_only)
{
  GListModel *pgs = kdcc_cluster_get_pgs (cluster);
  guint n = g_list_model_get_n_items (pgs);
  g_autofree Placed *placed = g_new (Placed, n);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      placed[i].pg = g_list_model_get_item (pgs, i);
      placed[i].position = i;
    }
  g_qsort_with_data (placed, n, sizeof (Placed), compare_placed, sorter);
  for (guint i = 0; i < n; i++)
    {
      if (!problems_only || kdcc_pg_get_problems (placed[i].pg) != KDCC_PG_PROBLEM_NONE)
        g_string_append_printf (ids, "%s ", kdcc_pg_get_pgid (placed[i].pg));
      g_object_unref (placed[i].pg);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
shown_pgids (KdccPgsPanel *panel)
{
  g_auto(GStrv) shown = kdcc_pgs_panel_dup_shown_pgids (panel);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; shown[i] != NULL; i++)
    g_string_append_printf (ids, "%s ", shown[i]);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static GtkColumnView *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return GTK_COLUMN_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnView *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;  /* the view keeps it */
    }
  g_error ("no column %s", title);
}

/* The first label or text cell on screen showing text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (gtk_widget_get_mapped (widget) && g_strcmp0 (kdcc_test_widget_text (widget), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return find_label (args[0], args[1]) != NULL;
}

/* Rounds of changes, each a refresh: a PG into a state no PG had (its
 * rank goes between two known ones), a PG degraded, one back to clean, a
 * PG that sorts first by state, and the same PG changed twice. */
static const PgChange pg_rounds[][3] = {
  { { "2.1f", "active+clean+scrubbing" }, { "3.a", "active+undersized+degraded" },
    { "1.0", "active+clean" } },
  { { "2.1f", "active+clean+scrubbing+deep" }, { "3.a", "active+clean" },
    { "4.12b", "active+clean+inconsistent" } },
  { { "1.1", "activating" }, { "2.1f", "active+clean" }, { "4.12b", "active+clean+inconsistent" } },
  { { "1.1", "active+clean" }, { "4.0", "active+recovering+degraded" },
    { "3.77", "active+clean+scrubbing" } },
};

static void
test_pg_refresh_in_place (void)
{
  g_autoptr(KdccCluster) cluster = kdcc_cluster_new ("PGs");
  g_autoptr(KdccSnapshot) first = pg_snapshot (NULL, 0);
  GtkWidget *window = gtk_window_new ();
  KdccPgsPanel *panel = KDCC_PGS_PANEL (kdcc_pgs_panel_new ());
  KdccTableModel *table = KDCC_TABLE_MODEL (kdcc_pgs_panel_get_rows (panel));
  g_autoptr(GtkMultiSorter) by_state_pg = gtk_multi_sorter_new ();
  GtkColumnView *view;
  GtkColumnViewColumn *pg_column, *state_column;

  kdcc_cluster_hold_pg_list (cluster);
  kdcc_cluster_apply_snapshot (cluster, first);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_cluster_get_pgs (cluster)), ==, PG_POOLS * PG_SEEDS);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  kdcc_panel_set_cluster (KDCC_PANEL (panel), cluster);
  gtk_window_present (GTK_WINDOW (window));
  view = find_column_view (GTK_WIDGET (panel));
  g_assert_nonnull (view);
  pg_column = column_titled (view, "PG");
  state_column = column_titled (view, "State");
  gtk_multi_sorter_append (by_state_pg, g_object_ref (gtk_column_view_column_get_sorter (state_column)));
  gtk_multi_sorter_append (by_state_pg, g_object_ref (gtk_column_view_column_get_sorter (pg_column)));

  /* Each sort: by PG, by state both ways (string ranks, ties by the
   * view), by state then PG (ties by a key); all PGs and the problem
   * ones. Every round changes PGs in place and must list what a table
   * sorted afresh would, without sorting all of them again. */
  for (guint sort = 0; sort < 4; sort++)
    for (guint all = 0; all < 2; all++)
      {
        g_autoptr(KdccSnapshot) reset = pg_snapshot (NULL, 0);
        GtkSorter *sorter = gtk_column_view_get_sorter (view);
        guint sorts;

        /* Every PG clean again, sorted and filtered afresh. */
        kdcc_cluster_apply_snapshot (cluster, reset);
        kdcc_table_model_set_sorter (table, sorter);
        if (sort == 0)
          gtk_column_view_sort_by_column (view, pg_column, GTK_SORT_ASCENDING);
        else if (sort == 1)
          gtk_column_view_sort_by_column (view, state_column, GTK_SORT_ASCENDING);
        else if (sort == 2)
          gtk_column_view_sort_by_column (view, state_column, GTK_SORT_DESCENDING);
        else
          {
            gtk_column_view_sort_by_column (view, pg_column, GTK_SORT_ASCENDING);
            sorter = GTK_SORTER (by_state_pg);
            kdcc_table_model_set_sorter (table, sorter);
          }
        kdcc_pgs_panel_set_show_all (panel, all);

        for (guint r = 0; r < G_N_ELEMENTS (pg_rounds); r++)
          {
            g_autoptr(KdccSnapshot) snap = pg_snapshot (pg_rounds[r], G_N_ELEMENTS (pg_rounds[r]));
            g_autofree char *expected = NULL;
            g_autofree char *shown = NULL;
            const guint *updated;
            guint n_updated;

            sorts = kdcc_table_model_get_n_full_sorts (table);
            kdcc_cluster_apply_snapshot (cluster, snap);
            updated = kdcc_cluster_get_pgs_updated (cluster, &n_updated);
            g_assert_nonnull (updated);
            g_assert_cmpuint (n_updated, >=, 1);
            expected = expected_pgids (cluster, sorter, !all);
            shown = shown_pgids (panel);
            if (g_strcmp0 (expected, shown) != 0)
              g_error ("sort %u, %s, round %u: the table lists\n%s\ninstead of\n%s", sort,
                       all ? "all" : "problems", r, shown, expected);
            /* Moved, not sorted again; but sorted by state while every PG
             * was active+clean, the direction of the sort was never seen,
             * and the first change sorts them all (and learns it). */
            if (r > 0 || sort == 0)
              g_assert_cmpuint (kdcc_table_model_get_n_full_sorts (table), ==, sorts);
            else
              g_assert_cmpuint (kdcc_table_model_get_n_full_sorts (table), ==, sorts + 1);
          }
      }

  /* A search matches states whatever their case; its answers per state
   * are kept for that search only (a second search asks again). */
  {
    static const char *const searches[] = { "SCRUBBING", "degraded", "Clean+Incons" };
    static const PgChange states[] = { { "2.1f", "active+clean+scrubbing+deep" },
                                       { "3.a", "active+undersized+degraded" },
                                       { "4.12b", "active+clean+inconsistent" } };
    g_autoptr(KdccSnapshot) snap = pg_snapshot (states, G_N_ELEMENTS (states));

    kdcc_cluster_apply_snapshot (cluster, snap);
    kdcc_pgs_panel_set_show_all (panel, TRUE);
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autofree char *folded = g_utf8_casefold (searches[i], -1);
        g_autoptr(GString) expected = g_string_new (NULL);
        g_autofree char *shown = NULL;
        g_autofree char *all = expected_pgids (cluster, GTK_SORTER (by_state_pg), FALSE);
        g_auto(GStrv) ids = g_strsplit (g_strstrip (all), " ", -1);
        GListModel *pgs = kdcc_cluster_get_pgs (cluster);

        for (guint j = 0; ids[j] != NULL; j++)
          for (guint k = 0; k < g_list_model_get_n_items (pgs); k++)
            {
              g_autoptr(KdccPg) pg = g_list_model_get_item (pgs, k);

              if (g_str_equal (kdcc_pg_get_pgid (pg), ids[j]) && strstr (kdcc_pg_get_state (pg), folded) != NULL)
                g_string_append_printf (expected, "%s ", ids[j]);
            }
        kdcc_pgs_panel_set_search (panel, searches[i]);
        shown = shown_pgids (panel);
        g_assert_cmpstr (shown, ==, expected->str);
        g_assert_cmpuint (expected->len, >, 0);
      }
    kdcc_pgs_panel_set_search (panel, NULL);
  }

  /* A state cell refilled in place carries its state as its tooltip (for
   * states too long for the column), kept for when the pointer rests. */
  {
    static const PgChange changes[] = { { "1.0", "active+undersized+degraded+remapped+backfilling" } };
    g_autoptr(KdccSnapshot) snap = pg_snapshot (changes, G_N_ELEMENTS (changes));
    gpointer args[] = { panel, (gpointer) changes[0].state };
    GtkWidget *cell;

    kdcc_pgs_panel_set_show_all (panel, FALSE);
    kdcc_cluster_apply_snapshot (cluster, snap);
    g_assert_true (kdcc_test_wait_until (label_shown, args, 10000));
    cell = find_label (GTK_WIDGET (panel), changes[0].state);
    g_assert_true (gtk_widget_get_has_tooltip (cell));
    g_assert_cmpstr (kdcc_table_cell_get_tooltip (cell), ==, changes[0].state);
  }

  /* A PG gone: the list is spliced, and the table sorts all again. */
  {
    g_autoptr(KdccSnapshot) fewer = pg_snapshot (NULL, 0);
    g_autofree char *expected = NULL;
    g_autofree char *shown = NULL;
    guint sorts = kdcc_table_model_get_n_full_sorts (table);

    kdcc_pgs_panel_set_show_all (panel, TRUE);
    g_ptr_array_remove_index (fewer->pgs, 7);
    kdcc_snapshot_compute_digests (fewer);
    kdcc_cluster_apply_snapshot (cluster, fewer);
    g_assert_cmpuint (kdcc_table_model_get_n_full_sorts (table), >, sorts);
    expected = expected_pgids (cluster, GTK_SORTER (by_state_pg), FALSE);
    shown = shown_pgids (panel);
    g_assert_cmpstr (shown, ==, expected);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/drilldown/ten-thousand-osds", test_ten_thousand);
  g_test_add_func ("/drilldown/pg-refresh-in-place", test_pg_refresh_in_place);
  g_test_add ("/drilldown/live-pages", Fixture, NULL, fixture_setup, test_live_pages,
              fixture_teardown);
  g_test_add ("/drilldown/alert-link-and-back", Fixture, NULL, fixture_setup,
              test_alert_link_and_back, fixture_teardown);
  g_test_add ("/drilldown/degraded", Fixture, NULL, fixture_setup, test_degraded,
              fixture_teardown);

  return kdcc_test_run ();
}
