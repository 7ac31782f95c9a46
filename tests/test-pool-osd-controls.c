/* test-pool-osd-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pool and OSD controls under Xvfb, against a PRIVATE test cluster
 * (the changes move data): changes staged from a pool's page and an OSD's
 * page (a wrong value refused in place, a risky one confirmed in its
 * dialog, once cancelled), seen in Staged Changes with their commands,
 * one dropped with its row's button, two applied with Apply Selected and
 * read back with `ceph … -f json`, rolled back, the rest applied and
 * rolled back. The controls follow the cluster while untouched (after an
 * apply, a rollback and a change made with the `ceph` CLI) and keep a
 * touched value with a note of the cluster's. Screenshots:
 * pool-controls.png, pool-controls-dark.png, osd-controls.png,
 * risky-change-dialog.png, pool-osd-staging.png, pool-controls-drift.png,
 * osd-controls-drift.png.
 */
#define G_LOG_DOMAIN "test-pool-osd-controls"

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kdcc-controls-state.h"
#include "kdcc-osd-controls.h"
#include "kdcc-osd-page.h"
#include "kdcc-osds-panel.h"
#include "kdcc-pool-controls.h"
#include "kdcc-pools-panel.h"
#include "kdcc-stage-request.h"
#include "kdcc-staging-panel.h"
#include "kdcc-test-screenshot.h"
#include "kdcc-test-session.h"
#include "kdcc-test-util.h"
#include "kdcc-test-window.h"

/* The last page a panel pushed, kept (the panel lets go of it). */
static GtkWidget *pushed_page;

static void
push_subpage_cb (KdccPanel  *panel,
                 GtkWidget  *page,
                 const char *title)
{
  g_clear_object (&pushed_page);
  pushed_page = g_object_ref (page);
}

static GtkWidget *
make_window (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
show (KdccPanel  *panel,
      const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSubject) subject = kdcc_subject_parse (text, &error);

  g_assert_no_error (error);
  g_clear_object (&pushed_page);
  g_assert_true (kdcc_panel_show_subject (panel, subject));
  g_assert_nonnull (pushed_page);
}

/* A status line and the text it had before a control was pressed. */
typedef struct
{
  gpointer  controls;
  char     *before;
} Seen;

static Seen
seen_pool (GtkWidget *page)
{
  return (Seen) { page, g_strdup (kdcc_pool_controls_get_status (page)) };
}

static Seen
seen_osd (AdwPreferencesGroup *group)
{
  return (Seen) { group, g_strdup (kdcc_osd_controls_get_status (group)) };
}

static gboolean
pool_status_changed (gpointer data)
{
  Seen *seen = data;
  const char *now = kdcc_pool_controls_get_status (seen->controls);

  return now != NULL && g_strcmp0 (now, seen->before) != 0;
}

static gboolean
osd_status_changed (gpointer data)
{
  Seen *seen = data;
  const char *now = kdcc_osd_controls_get_status (seen->controls);

  return now != NULL && g_strcmp0 (now, seen->before) != 0;
}

/* Stages KEY = VALUE on the pool page and returns the status line. */
static const char *
stage_pool (GtkWidget  *page,
            const char *key,
            const char *value)
{
  Seen seen = seen_pool (page);

  g_assert_true (kdcc_pool_controls_stage (page, key, value));
  g_assert_true (kdcc_test_wait_until (pool_status_changed, &seen, 30000));
  g_free (seen.before);
  return kdcc_pool_controls_get_status (page);
}

static gboolean
dialog_open (gpointer data)
{
  return kdcc_stage_request_get_dialog () != NULL;
}


static gboolean
job_is_finished (gpointer data)
{
  return kdcc_job_is_finished (data);
}

static gboolean
staging_has (gpointer data)
{
  gpointer *pair = data;

  return g_list_model_get_n_items (pair[0]) == GPOINTER_TO_UINT (pair[1]);
}

static void
wait_staged (KdccStaging *staging,
             guint        n)
{
  gpointer pair[2] = { staging, GUINT_TO_POINTER (n) };

  g_assert_true (kdcc_test_wait_until (staging_has, pair, 30000));
}

/* The first widget under ROOT (depth first) that MATCH accepts. */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_multi_list (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget)
         && gtk_list_box_get_selection_mode (GTK_LIST_BOX (widget)) == GTK_SELECTION_MULTIPLE;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_button_icon (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_scroller (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

static gboolean
is_group_titled (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_GROUP (widget)
         && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

/* Scrolls PAGE (an AdwPreferencesPage) so the group TITLE is at the top,
 * or to the end with TITLE NULL: the controls sit below the pool's state. */
static void
scroll_to (GtkWidget  *page,
           const char *title)
{
  GtkWidget *scroller = find_widget (page, is_scroller, NULL);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point = GRAPHENE_POINT_INIT (0, 0);

  if (title != NULL)
    {
      GtkWidget *group = find_widget (page, is_group_titled, title);

      g_assert_nonnull (group);
      g_assert_true (gtk_widget_compute_point (group, content, &GRAPHENE_POINT_INIT (0, 0),
                                               &point));
      gtk_adjustment_set_value (adjustment, point.y - 12);
    }
  else
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  kdcc_test_settle (300);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (kdcc_test_widget_text (widget) != NULL && gtk_widget_get_visible (widget))
    g_ptr_array_add (texts, g_strdup (kdcc_test_widget_text (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

/* The N cells after the one reading ANCHOR in the table under ROOT (cells
 * on screen, in column order). */
static GStrv
cells_after (GtkWidget  *root,
             const char *anchor,
             guint       n)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkWidget *view = find_widget (root, is_column_view, NULL);
  guint i;

  g_assert_nonnull (view);
  collect_labels (view, texts);
  for (i = 0; i < texts->len && g_strcmp0 (texts->pdata[i], anchor) != 0; i++)
    ;
  g_assert_cmpuint (i + n, <, texts->len);
  for (guint j = 1; j <= n; j++)
    g_strv_builder_add (builder, texts->pdata[i + j]);
  return g_strv_builder_end (builder);
}

/* The row of the staged list whose title is the command CLI. */
static GtkListBoxRow *
staged_row (GtkListBox *list,
            const char *cli)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_PREFERENCES_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), cli) == 0)
      return row;
  g_error ("no staged row “%s”", cli);
  return NULL;
}

/* What `ceph` shows: the pool's quota and option, osd.2's affinity and in. */
static char *
cli_pool (KdccTestCluster *cluster,
          const char      *var)
{
  g_autoptr(JsonNode) all = kdcc_test_ceph_json (cluster, "osd", "pool", "get", cluster->pool,
                                                 "all", NULL);
  JsonObject *o = json_node_get_object (all);

  return json_object_has_member (o, var)
         ? g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (o, var)) : NULL;
}

static gint64
cli_quota_objects (KdccTestCluster *cluster)
{
  g_autoptr(JsonNode) quota = kdcc_test_ceph_json (cluster, "osd", "pool", "get-quota",
                                                   cluster->pool, NULL);

  return json_object_get_int_member (json_node_get_object (quota), "quota_max_objects");
}

static JsonObject *
osd_entry (JsonNode *dump,
           gint64    id)
{
  JsonArray *osds = json_object_get_array_member (json_node_get_object (dump), "osds");

  for (guint i = 0; i < json_array_get_length (osds); i++)
    if (json_object_get_int_member (json_array_get_object_element (osds, i), "osd") == id)
      return json_array_get_object_element (osds, i);
  g_error ("no osd.%" G_GINT64_FORMAT, id);
  return NULL;
}

/* A control's shown value (or, with NOTE, its note) and the text awaited. */
typedef struct
{
  gpointer    controls;
  gboolean    osd;
  gboolean    note;
  const char *key;
  const char *expected;
} Shown;

static gboolean
shown_is (gpointer data)
{
  Shown *shown = data;
  g_autofree char *value = NULL;

  if (shown->note)
    return g_strcmp0 (shown->osd ? kdcc_osd_controls_get_note (shown->controls, shown->key)
                                 : kdcc_pool_controls_get_note (shown->controls, shown->key),
                      shown->expected) == 0;
  value = shown->osd ? kdcc_osd_controls_dup_value (shown->controls, shown->key)
                     : kdcc_pool_controls_dup_value (shown->controls, shown->key);
  return g_strcmp0 (value, shown->expected) == 0;
}

/* Waits (refreshes come every second) until the control KEY shows
 * EXPECTED, or its note is EXPECTED. */
static void
wait_shown (gpointer    controls,
            gboolean    osd,
            gboolean    note,
            const char *key,
            const char *expected)
{
  Shown shown = { controls, osd, note, key, expected };

  if (!kdcc_test_wait_until (shown_is, &shown, 60000))
    {
      g_autofree char *value = osd ? kdcc_osd_controls_dup_value (controls, key)
                                   : kdcc_pool_controls_dup_value (controls, key);
      const char *now_note = osd ? kdcc_osd_controls_get_note (controls, key)
                                 : kdcc_pool_controls_get_note (controls, key);

      g_error ("control %s: value “%s”, note “%s”; awaited %s “%s”", key, value,
               now_note, note ? "note" : "value", expected);
    }
}

static void
test_stage_apply (void)
{
  g_autoptr(KdccTestCluster) cluster = kdcc_test_cluster_start_private ();
  g_autoptr(KdccProfile) profile = kdcc_test_direct_profile (cluster);
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccJobManager) manager = kdcc_job_manager_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  KdccTestRefreshes refreshes = { 0 };
  GtkWidget *pools = kdcc_pools_panel_new ();
  GtkWidget *osds = kdcc_osds_panel_new ();
  GtkWidget *staging_widget = kdcc_staging_panel_new ();
  GtkWidget *pool_window, *osd_window, *staging_window;
  GtkWidget *pool_page, *osd_page;
  AdwPreferencesGroup *osd_controls;
  KdccStaging *staging;
  GtkListBox *list;
  KdccJob *job;
  const char *status;

  session = kdcc_test_session_new (profile, NULL, KDCC_SESSION_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  staging = kdcc_controls_state_get_staging (kdcc_controls_state_get (session));
  g_assert_nonnull (staging);
  g_assert_true (kdcc_staging_discard (staging, &error));
  /* Refreshing, as the window does: the controls follow the model. */
  kdcc_test_session_start_fast (session, 5, &refreshes);

  /* The pool's page, with its controls at the pool's values. */
  kdcc_panel_set_session (KDCC_PANEL (pools), session);
  g_signal_connect (pools, "push-subpage", G_CALLBACK (push_subpage_cb), NULL);
  pool_window = make_window (pools, 900, 700);
  kdcc_test_settle (400);
  /* The table's cells come from the column factory: type, PGs, stored,
   * objects after the name. */
  {
    g_auto(GStrv) cells = cells_after (pools, cluster->pool, 4);
    g_autofree char *pg_num = cli_pool (cluster, "pg_num");

    g_assert_cmpstr (cells[0], ==, "×3");
    g_assert_cmpstr (cells[1], ==, pg_num);
  }
  show (KDCC_PANEL (pools), "pool/kdcc-test");
  pool_page = g_steal_pointer (&pushed_page);
  gtk_window_set_child (GTK_WINDOW (pool_window), NULL);
  gtk_window_set_child (GTK_WINDOW (pool_window), pool_page);
  gtk_window_set_default_size (GTK_WINDOW (pool_window), 900, 1000);

  /* A wrong value is refused in place: min_size may not exceed size. */
  status = stage_pool (pool_page, "min_size", "5");
  g_assert_nonnull (strstr (status, "min_size"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);

  status = stage_pool (pool_page, "deep_scrub_interval", "1209600");
  g_assert_cmpstr (status, ==, "Staged: ceph osd pool set kdcc-test deep_scrub_interval 1209600");
  status = stage_pool (pool_page, "max_objects", "5000");
  g_assert_cmpstr (status, ==, "Staged: ceph osd pool set-quota kdcc-test max_objects 5000");
  wait_staged (staging, 2);

  /* Size moves data: the dialog names why. Cancelled, nothing is staged. */
  g_assert_true (kdcc_pool_controls_stage (pool_page, "size", "2"));
  g_assert_true (kdcc_test_wait_until (dialog_open, NULL, 5000));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (kdcc_stage_request_get_dialog ()),
                            "ceph osd pool set kdcc-test size 2"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (kdcc_stage_request_get_dialog ()),
                            "moves data"));
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (GTK_WIDGET (kdcc_stage_request_get_dialog ()), "risky-change-dialog");
  g_clear_pointer (&png, g_free);
  adw_message_dialog_response (kdcc_stage_request_get_dialog (), "cancel");
  g_assert_null (kdcc_stage_request_get_dialog ());
  kdcc_test_settle (200);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 2);
  /* Confirmed the second time. */
  {
    Seen seen = seen_pool (pool_page);

    g_assert_true (kdcc_pool_controls_stage (pool_page, "size", "2"));
    g_assert_true (kdcc_test_wait_until (dialog_open, NULL, 5000));
    adw_message_dialog_response (kdcc_stage_request_get_dialog (), "stage");
    g_assert_true (kdcc_test_wait_until (pool_status_changed, &seen, 30000));
    g_free (seen.before);
    g_assert_cmpstr (kdcc_pool_controls_get_status (pool_page), ==,
                     "Staged: ceph osd pool set kdcc-test size 2");
  }
  wait_staged (staging, 3);
  kdcc_test_settle (400);
  scroll_to (pool_page, "Replication Settings");
  png = kdcc_test_screenshot (pool_window, "pool-controls");
  g_clear_pointer (&png, g_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  kdcc_test_settle (400);
  scroll_to (pool_page, "Quota Settings");
  png = kdcc_test_screenshot (pool_window, "pool-controls-dark");
  g_clear_pointer (&png, g_free);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* osd.2's page. */
  kdcc_panel_set_session (KDCC_PANEL (osds), session);
  g_signal_connect (osds, "push-subpage", G_CALLBACK (push_subpage_cb), NULL);
  osd_window = make_window (osds, 900, 1000);
  kdcc_test_settle (400);
  /* Host and class after the id, as `ceph osd find` and the tree say. */
  {
    g_auto(GStrv) cells = cells_after (osds, "osd.2", 2);
    g_autoptr(JsonNode) find = kdcc_test_ceph_json (cluster, "osd", "find", "2", NULL);
    g_autoptr(JsonNode) tree = kdcc_test_ceph_json (cluster, "osd", "tree", NULL);
    JsonArray *nodes = json_object_get_array_member (json_node_get_object (tree), "nodes");
    JsonObject *location = json_object_get_object_member (json_node_get_object (find),
                                                          "crush_location");
    const char *device_class = NULL;

    for (guint i = 0; i < json_array_get_length (nodes); i++)
      if (json_object_get_int_member (json_array_get_object_element (nodes, i), "id") == 2)
        device_class = json_object_get_string_member (json_array_get_object_element (nodes, i),
                                                      "device_class");
    g_assert_cmpstr (cells[0], ==, json_object_get_string_member (location, "host"));
    g_assert_cmpstr (cells[1], ==, device_class);
  }
  show (KDCC_PANEL (osds), "osd.2");
  osd_page = g_steal_pointer (&pushed_page);
  gtk_window_set_child (GTK_WINDOW (osd_window), NULL);
  gtk_window_set_child (GTK_WINDOW (osd_window), osd_page);
  osd_controls = kdcc_osd_page_get_controls (osd_page);
  {
    Seen seen = seen_osd (osd_controls);

    g_assert_true (kdcc_osd_controls_stage (osd_controls, "primary-affinity", "0.5"));
    g_assert_true (kdcc_test_wait_until (osd_status_changed, &seen, 30000));
    g_assert_cmpstr (kdcc_osd_controls_get_status (osd_controls), ==,
                     "Staged: ceph osd primary-affinity osd.2 0.5");
    g_free (seen.before);
    seen = seen_osd (osd_controls);
    g_assert_true (kdcc_osd_controls_stage (osd_controls, "out", NULL));
    g_assert_true (kdcc_test_wait_until (dialog_open, NULL, 5000));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (kdcc_stage_request_get_dialog ()),
                              "ceph osd out 2"));
    adw_message_dialog_response (kdcc_stage_request_get_dialog (), "stage");
    g_assert_true (kdcc_test_wait_until (osd_status_changed, &seen, 30000));
    g_free (seen.before);
    g_assert_cmpstr (kdcc_osd_controls_get_status (osd_controls), ==, "Staged: ceph osd out 2");
  }
  wait_staged (staging, 5);
  kdcc_test_settle (400);
  png = kdcc_test_screenshot (osd_window, "osd-controls");
  g_clear_pointer (&png, g_free);

  /* Staged Changes lists all five with their commands. */
  g_object_set (staging_widget, "job-manager", manager, NULL);
  kdcc_panel_set_session (KDCC_PANEL (staging_widget), session);
  staging_window = make_window (staging_widget, 1000, 1200);
  kdcc_test_settle (600);
  list = GTK_LIST_BOX (find_widget (staging_widget, is_multi_list, NULL));
  g_assert_nonnull (list);
  png = kdcc_test_screenshot (staging_window, "pool-osd-staging");
  g_clear_pointer (&png, g_free);

  /* Drop the size change with its row's button. */
  {
    GtkListBoxRow *row = staged_row (list, "ceph osd pool set kdcc-test size 2");
    GtkWidget *drop = find_widget (GTK_WIDGET (row), is_button_icon, "user-trash-symbolic");

    g_assert_nonnull (drop);
    g_signal_emit_by_name (drop, "clicked");
  }
  wait_staged (staging, 4);
  kdcc_test_settle (300);

  /* Apply Selected: the quota and the primary affinity. */
  gtk_list_box_unselect_all (list);
  gtk_list_box_select_row (list, staged_row (list, "ceph osd pool set-quota kdcc-test max_objects 5000"));
  gtk_list_box_select_row (list, staged_row (list, "ceph osd primary-affinity osd.2 0.5"));
  g_signal_emit_by_name (find_widget (staging_widget, is_button_labelled, "Apply _Selected"),
                         "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  job = g_list_model_get_item (G_LIST_MODEL (manager), 0);
  g_object_unref (job);
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 120000));
  g_assert_null (kdcc_job_get_error (job));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kdcc_staging_get_last_batch (staging)), ==, 2);
  g_assert_cmpint (cli_quota_objects (cluster), ==, 5000);
  {
    g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);

    g_assert_cmpfloat (json_object_get_double_member (osd_entry (dump, 2), "primary_affinity"), ==, 0.5);
  }
  /* Not applied: still staged, not on the cluster. */
  {
    g_autofree char *deep = cli_pool (cluster, "deep_scrub_interval");

    g_assert_null (deep);
  }

  /* Roll back the selected batch. */
  job = kdcc_staging_panel_roll_back (KDCC_STAGING_PANEL (staging_widget));
  g_assert_nonnull (job);
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 120000));
  g_assert_null (kdcc_job_get_error (job));
  g_assert_cmpint (cli_quota_objects (cluster), ==, 0);
  {
    g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);

    g_assert_cmpfloat (json_object_get_double_member (osd_entry (dump, 2), "primary_affinity"), ==, 1.0);
  }

  /* The rest: the interval and osd.2 out. */
  job = kdcc_staging_panel_apply_all (KDCC_STAGING_PANEL (staging_widget));
  g_assert_nonnull (job);
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 120000));
  g_assert_null (kdcc_job_get_error (job));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staging)), ==, 0);
  {
    g_autofree char *deep = cli_pool (cluster, "deep_scrub_interval");
    g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);

    g_assert_cmpstr (deep, ==, "1209600");
    g_assert_cmpint (json_object_get_int_member (osd_entry (dump, 2), "in"), ==, 0);
  }
  job = kdcc_staging_panel_roll_back (KDCC_STAGING_PANEL (staging_widget));
  g_assert_nonnull (job);
  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 120000));
  g_assert_null (kdcc_job_get_error (job));
  {
    g_autofree char *deep = cli_pool (cluster, "deep_scrub_interval");
    g_autoptr(JsonNode) dump = kdcc_test_ceph_json (cluster, "osd", "dump", NULL);

    g_assert_null (deep);
    g_assert_cmpint (json_object_get_int_member (osd_entry (dump, 2), "in"), ==, 1);
  }

  /* The quota and the affinity were staged from their controls (so
   * touched), applied (in step again) and rolled back: untouched, the
   * controls show the values restored. */
  wait_shown (pool_page, FALSE, FALSE, "max_objects", "0");
  g_assert_null (kdcc_pool_controls_get_note (pool_page, "max_objects"));
  wait_shown (osd_controls, TRUE, FALSE, "primary-affinity", "1");

  /* Changed behind their back with the ceph CLI: untouched ones follow. */
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set-quota", cluster->pool,
                               "max_objects", "7000", NULL));
  g_free (kdcc_test_ceph_text (cluster, "osd", "reweight", "2", "0.8", NULL));
  wait_shown (pool_page, FALSE, FALSE, "max_objects", "7000");
  wait_shown (osd_controls, TRUE, FALSE, "reweight", "0.8");
  g_assert_null (kdcc_pool_controls_get_note (pool_page, "max_objects"));
  g_assert_null (kdcc_osd_controls_get_note (osd_controls, "reweight"));

  /* Touched ones keep the admin's value and say what the cluster holds. */
  g_assert_true (kdcc_pool_controls_edit (pool_page, "max_objects", "9000"));
  g_assert_true (kdcc_osd_controls_edit (osd_controls, "primary-affinity", "0.3"));
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set-quota", cluster->pool,
                               "max_objects", "8000", NULL));
  g_free (kdcc_test_ceph_text (cluster, "osd", "primary-affinity", "osd.2", "0.7", NULL));
  wait_shown (pool_page, FALSE, TRUE, "max_objects", "Cluster now: 8000");
  wait_shown (osd_controls, TRUE, TRUE, "primary-affinity", "Cluster now: 0.7");
  {
    g_autofree char *objects = kdcc_pool_controls_dup_value (pool_page, "max_objects");
    g_autofree char *affinity = kdcc_osd_controls_dup_value (osd_controls, "primary-affinity");

    g_assert_cmpstr (objects, ==, "9000");
    g_assert_cmpstr (affinity, ==, "0.3");
  }
  /* Another refresh changes neither. */
  g_assert_true (kdcc_test_refreshes_wait_next (&refreshes, 2, 60000));
  {
    g_autofree char *objects = kdcc_pool_controls_dup_value (pool_page, "max_objects");

    g_assert_cmpstr (objects, ==, "9000");
    g_assert_cmpstr (kdcc_pool_controls_get_note (pool_page, "max_objects"), ==,
                     "Cluster now: 8000");
  }
  scroll_to (pool_page, "Quota Settings");
  png = kdcc_test_screenshot (pool_window, "pool-controls-drift");
  g_clear_pointer (&png, g_free);
  kdcc_test_settle (300);
  png = kdcc_test_screenshot (osd_window, "osd-controls-drift");
  g_clear_pointer (&png, g_free);
  /* The admin's value reaching the cluster puts the control in step. */
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set-quota", cluster->pool,
                               "max_objects", "9000", NULL));
  wait_shown (pool_page, FALSE, TRUE, "max_objects", NULL);
  g_free (kdcc_test_ceph_text (cluster, "osd", "pool", "set-quota", cluster->pool,
                               "max_objects", "0", NULL));
  wait_shown (pool_page, FALSE, FALSE, "max_objects", "0");

  kdcc_test_refreshes_clear (&refreshes);
  gtk_window_destroy (GTK_WINDOW (staging_window));
  gtk_window_destroy (GTK_WINDOW (osd_window));
  gtk_window_destroy (GTK_WINDOW (pool_window));
  g_object_unref (osd_page);
  g_object_unref (pool_page);
  kdcc_session_close (session);
}

/* Without a session a control says so and stages nothing. */
static void
test_no_session (void)
{
  g_autoptr(KdccPool) pool = g_object_new (KDCC_TYPE_POOL, NULL);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *window;

  kdcc_pool_controls_add (page, NULL, pool);
  window = make_window (page, 800, 600);
  g_assert_true (kdcc_pool_controls_stage (page, "deep_scrub_interval", "600"));
  g_assert_cmpstr (kdcc_pool_controls_get_status (page), ==, "Connect to a cluster first");
  g_assert_false (kdcc_pool_controls_stage (page, "no_such_control", "1"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("kdcc-pool-osd-controls-XXXXXX", NULL);

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  kdcc_test_ui_init ();

  g_test_add_func ("/pool-osd-controls/no-session", test_no_session);
  if (kdcc_test_have_cluster ())
    g_test_add_func ("/pool-osd-controls/stage-apply", test_stage_apply);

  return kdcc_test_run ();
}
