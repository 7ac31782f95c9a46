/* kdcc-pools-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-pools-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-capacity-bar.h"
#include "kdcc-format.h"
#include "kdcc-health-check.h"
#include "kdcc-history-pages.h"
#include "kdcc-pool-controls.h"
#include "kdcc-pool.h"
#include "kdcc-pools-panel.h"
#include "kdcc-table-model.h"
#include "kdcc-table.h"
#include "kdcc-text-cell.h"
#include "kdcc-usage-cell.h"

struct _KdccPoolsPanel
{
  KdccPanel         parent_instance;

  GtkStack         *stack;
  GtkColumnView    *column_view;
  AdwStatusPage    *missing_page;
  KdccTableModel   *table;      /* stable rows for the view */
};

G_DEFINE_FINAL_TYPE (KdccPoolsPanel, kdcc_pools_panel, KDCC_TYPE_PANEL)

static char *
dup_replication (KdccPool *pool)
{
  if (g_strcmp0 (kdcc_pool_get_pool_type (pool), "erasure") == 0)
    /* Translators: an erasure-coded pool; %d is its size (k + m) */
    return g_strdup_printf (_("Erasure coded, %d chunks (min. %d)"),
                            (int) kdcc_pool_get_size (pool), (int) kdcc_pool_get_min_size (pool));

  /* Translators: a replicated pool; the numbers are its size and min_size */
  return g_strdup_printf (_("Replicated, %d copies (min. %d)"),
                          (int) kdcc_pool_get_size (pool), (int) kdcc_pool_get_min_size (pool));
}

/* Cells -------------------------------------------------------------------- */

static void
bind_type (GtkWidget *cell,
           gpointer   item)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (kdcc_pool_get_pool_type (item), "erasure") == 0)
    /* Translators: short, in a table: erasure coded with N chunks */
    text = g_strdup_printf (_("EC %d"), (int) kdcc_pool_get_size (item));
  else
    /* Translators: short, in a table: N replicas */
    text = g_strdup_printf (_("×%d"), (int) kdcc_pool_get_size (item));
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

static void
bind_stored (GtkWidget *cell,
             gpointer   item)
{
  g_autofree char *text = kdcc_format_size (kdcc_pool_get_stored_bytes (item));

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

static void
bind_usage (GtkWidget *cell,
            gpointer   item)
{
  /* Ceph's percent_used already weighs replication against max_avail. */
  kdcc_usage_cell_set_values (KDCC_USAGE_CELL (cell),
                              (guint64) (kdcc_pool_get_percent_used (item) * 100.0), 10000);
}

static void
bind_avail (GtkWidget *cell,
            gpointer   item)
{
  g_autofree char *text = kdcc_format_size (kdcc_pool_get_max_avail_bytes (item));

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

static void
bind_apps (GtkWidget *cell,
           gpointer   item)
{
  const char * const *apps = kdcc_pool_get_applications (item);
  g_autofree char *text = apps != NULL ? g_strjoinv (", ", (char **) apps) : NULL;

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text != NULL && *text != '\0' ? text : "—");
}

/* One pool ------------------------------------------------------------------- */

static gboolean
check_names_pool (KdccHealthCheck *check,
                  const char      *name)
{
  g_autofree char *quoted = g_strdup_printf ("'%s'", name);
  const char * const *detail = kdcc_health_check_get_detail (check);

  /* Ceph quotes pool names in health details: "pool 'rbd' has no ...". */
  if (strstr (kdcc_health_check_get_summary (check), quoted) != NULL)
    return TRUE;
  for (guint i = 0; detail != NULL && detail[i] != NULL; i++)
    if (strstr (detail[i], quoted) != NULL)
      return TRUE;

  return FALSE;
}

static GtkWidget *
add_group (GtkWidget  *prefs,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs), ADW_PREFERENCES_GROUP (group));

  return group;
}

static void
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), kdcc_detail_row_new (title, value));
}

static char *
format_quota (guint64     value,
              gboolean    bytes)
{
  if (value == 0)
    return g_strdup (_("None"));

  return bytes ? kdcc_format_size (value) : g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

/* What the model read beyond the pool list: erasure coding, quotas,
 * options, PG states and client IO, or why it could not. */
static void
add_details (GtkWidget   *prefs,
             KdccCluster *cluster,
             KdccPool    *pool)
{
  GtkWidget *group;
  const char * const *options = kdcc_pool_get_options (pool);
  g_autofree char *max_bytes = format_quota (kdcc_pool_get_quota_max_bytes (pool), TRUE);
  g_autofree char *max_objects = format_quota (kdcc_pool_get_quota_max_objects (pool), FALSE);

  if (g_strcmp0 (kdcc_pool_get_pool_type (pool), "erasure") == 0)
    {
      group = add_group (prefs, _("Erasure Coding"));
      add_row (group, _("Profile"), kdcc_pool_get_erasure_code_profile (pool));
      if (kdcc_pool_get_ec_k (pool) >= 0)
        {
          g_autofree char *k = g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pool_get_ec_k (pool));
          g_autofree char *m = g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pool_get_ec_m (pool));

          add_row (group, _("Data chunks (k)"), k);
          add_row (group, _("Coding chunks (m)"), m);
          add_row (group, _("Failure domain"), kdcc_pool_get_failure_domain (pool));
        }
      else
        {
          const char *reason = kdcc_cluster_get_missing_reason (cluster, KDCC_MODEL_PART_EC_PROFILES);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     kdcc_note_row_new (reason != NULL ? reason : _("The profile was not read")));
        }
    }

  group = add_group (prefs, _("Quotas"));
  add_row (group, _("Maximum size"), max_bytes);
  add_row (group, _("Maximum objects"), max_objects);

  group = add_group (prefs, _("Placement Groups"));
  if (kdcc_pool_get_pg_states_text (pool) != NULL)
    add_row (group, _("States"), kdcc_pool_get_pg_states_text (pool));
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               kdcc_link_row_new (_("States are read on the Placement Groups page"), NULL, "pgs"));

  group = add_group (prefs, _("Client IO"));
  if (kdcc_pool_get_has_io (pool))
    {
      g_autofree char *read = kdcc_format_byte_rate (kdcc_pool_get_read_bytes (pool));
      g_autofree char *write = kdcc_format_byte_rate (kdcc_pool_get_write_bytes (pool));
      g_autofree char *read_ops = kdcc_format_op_rate (kdcc_pool_get_read_ops (pool));
      g_autofree char *write_ops = kdcc_format_op_rate (kdcc_pool_get_write_ops (pool));

      add_row (group, _("Read"), read);
      add_row (group, _("Write"), write);
      add_row (group, _("Read operations"), read_ops);
      add_row (group, _("Write operations"), write_ops);
    }
  else
    {
      const char *reason = kdcc_cluster_get_missing_reason (cluster, KDCC_MODEL_PART_POOL_IO);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 kdcc_note_row_new (reason != NULL ? reason : _("No client IO was reported")));
    }

  if (options != NULL && options[0] != NULL)
    {
      group = add_group (prefs, _("Options"));
      for (guint i = 0; options[i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (options[i], "=", 2);

          add_row (group, pair[0], pair[1]);
        }
    }
}

static GtkWidget *
pool_page_new (KdccCluster *cluster,
               KdccSession *session,
               KdccPool    *pool)
{
  GtkWidget *prefs = adw_preferences_page_new ();
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *bar;
  GListModel *checks = kdcc_cluster_get_health_checks (cluster);
  const char * const *apps = kdcc_pool_get_applications (pool);
  g_autofree char *replication = dup_replication (pool);
  g_autofree char *pgs = g_strdup_printf ("%" G_GINT64_FORMAT, kdcc_pool_get_pg_num (pool));
  g_autofree char *app_text = apps != NULL ? g_strjoinv (", ", (char **) apps) : NULL;
  g_autofree char *stored = kdcc_format_size (kdcc_pool_get_stored_bytes (pool));
  g_autofree char *avail = kdcc_format_size (kdcc_pool_get_max_avail_bytes (pool));
  g_autofree char *objects = g_strdup_printf ("%" G_GUINT64_FORMAT, kdcc_pool_get_objects (pool));
  guint shown = 0;

  group = add_group (prefs, _("Pool"));
  row = kdcc_detail_row_new (_("Replication"), replication);
  g_object_set_data (G_OBJECT (prefs), "kdcc-replication-row", row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  add_row (group, _("Placement groups"), pgs);
  add_row (group, _("PG autoscaling"), kdcc_pool_get_autoscale_mode (pool));
  add_row (group, _("Applications"), app_text);

  group = add_group (prefs, _("Usage"));
  add_row (group, _("Stored"), stored);
  add_row (group, _("Objects"), objects);
  add_row (group, _("Max available"), avail);
  row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  bar = kdcc_capacity_bar_new ();
  kdcc_capacity_bar_set_compact (KDCC_CAPACITY_BAR (bar), TRUE);
  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (bar),
                                (guint64) (kdcc_pool_get_percent_used (pool) * 100.0), 10000);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 12);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), bar);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  group = add_group (prefs, _("Health Checks"));
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);
      g_autofree char *subject = NULL;

      if (!check_names_pool (check, kdcc_pool_get_name (pool)))
        continue;
      subject = g_strconcat ("health/", kdcc_health_check_get_code (check), NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 kdcc_link_row_new (kdcc_health_check_get_summary (check),
                                                    kdcc_health_check_get_code (check), subject));
      shown++;
    }
  if (shown == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), kdcc_note_row_new (_("No health check names this pool")));

  kdcc_pool_controls_add (prefs, session, pool);
  add_details (prefs, cluster, pool);

  return prefs;
}

const char *
kdcc_pool_page_get_replication (GtkWidget *page)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (page), "kdcc-replication-row");

  g_return_val_if_fail (row != NULL, NULL);

  return kdcc_detail_row_get_value (row);
}

static void
open_pool (KdccPoolsPanel *self,
           KdccPool       *pool)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  GtkWidget *page = pool_page_new (kdcc_panel_get_cluster (KDCC_PANEL (self)), session, pool);

  kdcc_history_pages_add_pool (ADW_PREFERENCES_PAGE (page), session, kdcc_pool_get_name (pool));
  kdcc_panel_push_subpage (KDCC_PANEL (self), page, kdcc_pool_get_name (pool));
}

static void
row_activated_cb (GtkColumnView  *view,
                  guint           position,
                  KdccPoolsPanel *self)
{
  KdccPool *pool = kdcc_table_model_peek_item (self->table, position);

  if (pool != NULL)
    open_pool (self, pool);
}

static gboolean
kdcc_pools_panel_show_subject (KdccPanel         *panel,
                               const KdccSubject *subject)
{
  KdccPoolsPanel *self = KDCC_POOLS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);
  KdccPool *pool;

  if (kdcc_subject_get_kind (subject) == KDCC_SUBJECT_POOLS)
    return TRUE;
  if (kdcc_subject_get_kind (subject) != KDCC_SUBJECT_POOL || cluster == NULL)
    return FALSE;

  pool = kdcc_cluster_find_pool (cluster, kdcc_subject_get_name (subject));
  if (pool == NULL)
    return FALSE;
  open_pool (self, pool);
  return TRUE;
}

/* Cluster -------------------------------------------------------------------- */

static void
update_state (KdccPoolsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));

  if (cluster == NULL || !kdcc_cluster_get_has_data (cluster))
    {
      adw_status_page_set_title (self->missing_page, _("Waiting for the Cluster"));
      adw_status_page_set_description (self->missing_page,
                                       _("The pools are shown when the first refresh completes"));
      gtk_stack_set_visible_child_name (self->stack, "missing");
    }
  else if (g_list_model_get_n_items (kdcc_cluster_get_pools (cluster)) == 0)
    {
      gboolean unknown = kdcc_cluster_get_pools_total (cluster) > 0;

      adw_status_page_set_title (self->missing_page, unknown ? _("No Pool List") : _("No Pools"));
      adw_status_page_set_description (self->missing_page,
                                       unknown ? _("The cluster reports pools, but this connection did not return their list")
                                               : _("Create a pool to store data in this cluster"));
      gtk_stack_set_visible_child_name (self->stack, "missing");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "table");
    }
}

static void
cluster_refreshed_cb (KdccCluster    *cluster,
                      KdccPoolsPanel *self)
{
  /* Values changed in place: the rows are re-pointed, not rebuilt. */
  kdcc_table_model_resort (self->table);
  update_state (self);
}

static void
kdcc_pools_panel_cluster_changed (KdccPanel   *panel,
                                  KdccCluster *old_cluster)
{
  KdccPoolsPanel *self = KDCC_POOLS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    g_signal_handlers_disconnect_by_data (old_cluster, self);

  kdcc_table_model_set_source (self->table, cluster != NULL ? kdcc_cluster_get_pools (cluster) : NULL);
  if (cluster != NULL)
    g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  update_state (self);
}

static void
kdcc_pools_panel_dispose (GObject *object)
{
  KdccPoolsPanel *self = KDCC_POOLS_PANEL (object);

  if (self->table != NULL)
    kdcc_table_model_detach (self->table);
  self->column_view = NULL;
  g_clear_object (&self->table);

  G_OBJECT_CLASS (kdcc_pools_panel_parent_class)->dispose (object);
}

static void
kdcc_pools_panel_class_init (KdccPoolsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_pools_panel_dispose;
  panel_class->cluster_changed = kdcc_pools_panel_cluster_changed;
  panel_class->show_subject = kdcc_pools_panel_show_subject;
}

static void
kdcc_pools_panel_init (KdccPoolsPanel *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkColumnView *view;
  GtkColumnViewColumn *name_column;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  view = self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_single_click_activate (view, TRUE);
  g_signal_connect_object (view, "activate", G_CALLBACK (row_activated_cb), self, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_stack_add_named (self->stack, scroller, "table");

  self->missing_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->missing_page, "drive-multidisk-symbolic");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->missing_page), "missing");

  name_column = kdcc_table_add_property_column (view, _("Pool"), KDCC_TYPE_POOL, "name", 0, TRUE);
  kdcc_table_add_column (view, _("Type"), NULL, bind_type,
                         kdcc_table_numeric_sorter (KDCC_TYPE_POOL, "size"), FALSE, FALSE);
  kdcc_table_add_property_column (view, _("PGs"), KDCC_TYPE_POOL, "pg-num", 0, FALSE);
  kdcc_table_add_column (view, _("Stored"), NULL, bind_stored,
                         kdcc_table_numeric_sorter (KDCC_TYPE_POOL, "stored-bytes"), TRUE, FALSE);
  kdcc_table_add_property_column (view, _("Objects"), KDCC_TYPE_POOL, "objects", 0, FALSE);
  kdcc_table_add_column (view, _("Used"), kdcc_table_usage_cell_new, bind_usage,
                         kdcc_table_numeric_sorter (KDCC_TYPE_POOL, "percent-used"), FALSE, TRUE);
  kdcc_table_add_column (view, _("Available"), NULL, bind_avail,
                         kdcc_table_numeric_sorter (KDCC_TYPE_POOL, "max-avail-bytes"), TRUE, FALSE);
  kdcc_table_add_column (view, _("Applications"), NULL, bind_apps, NULL, FALSE, FALSE);
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_ASCENDING);

  self->table = kdcc_table_model_new (KDCC_TYPE_POOL);
  kdcc_table_model_attach (self->table, view);

  update_state (self);
}

GtkWidget *
kdcc_pools_panel_new (void)
{
  return g_object_new (KDCC_TYPE_POOLS_PANEL, NULL);
}

GListModel *
kdcc_pools_panel_get_rows (KdccPoolsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_POOLS_PANEL (self), NULL);

  return G_LIST_MODEL (self->table);
}
