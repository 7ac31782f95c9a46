/* kdcc-hosts-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-hosts-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-capacity-bar.h"
#include "kdcc-format.h"
#include "kdcc-history-pages.h"
#include "kdcc-host.h"
#include "kdcc-hosts-panel.h"
#include "kdcc-osd.h"
#include "kdcc-table-model.h"
#include "kdcc-table.h"
#include "kdcc-text-cell.h"

struct _KdccHostsPanel
{
  KdccPanel            parent_instance;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *missing_page;
  KdccTableModel      *table;      /* stable rows for the view */
  /* Columns whose values come from the OSDs, refilled after a refresh. */
  GPtrArray           *osd_columns;
};

G_DEFINE_FINAL_TYPE (KdccHostsPanel, kdcc_hosts_panel, KDCC_TYPE_PANEL)

static KdccOsd *
lookup_osd (GListModel *osds,
            gint64      id)
{
  guint lo = 0, hi = g_list_model_get_n_items (osds);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, mid);

      if (kdcc_osd_get_id (osd) == id)
        return g_steal_pointer (&osd);
      if (kdcc_osd_get_id (osd) < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

typedef struct
{
  guint   osds;
  guint   up;
  guint   in;
  guint64 used;
  guint64 total;
} HostSums;

static void
sum_host (KdccHost *host,
          HostSums *sums)
{
  /* The model sums its OSDs at each refresh. */
  sums->osds = kdcc_host_get_osd_count (host);
  sums->up = (guint) kdcc_host_get_osds_up (host);
  sums->in = (guint) kdcc_host_get_osds_in (host);
  sums->used = kdcc_host_get_used_bytes (host);
  sums->total = kdcc_host_get_total_bytes (host);
}

static void
bind_name (GtkWidget *cell,
           gpointer   item)
{
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), kdcc_host_get_name (item));
}

static void
bind_osds (GtkWidget *cell,
           gpointer   item)
{
  g_autofree char *text = g_strdup_printf ("%u", kdcc_host_get_osd_count (item));

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

static void
bind_state (GtkWidget *cell,
            gpointer   item)
{
  HostSums sums;
  g_autofree char *text = NULL;

  sum_host (item, &sums);
  if (sums.up == sums.osds && sums.in == sums.osds)
    text = g_strdup (_("All up and in"));
  else
    /* Translators: OSDs of a host, e.g. "2 of 3 up, 3 in" */
    text = g_strdup_printf (_("%u of %u up, %u in"), sums.up, sums.osds, sums.in);
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
  gtk_widget_remove_css_class (cell, "error");
  if (sums.up < sums.osds)
    gtk_widget_add_css_class (cell, "error");
}

static GtkWidget *
setup_usage (void)
{
  GtkWidget *bar = kdcc_capacity_bar_new ();

  kdcc_capacity_bar_set_compact (KDCC_CAPACITY_BAR (bar), TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);

  return bar;
}

static void
bind_usage (GtkWidget *cell,
            gpointer   item)
{
  HostSums sums;

  sum_host (item, &sums);
  kdcc_capacity_bar_set_values (KDCC_CAPACITY_BAR (cell), sums.used, sums.total);
}

static void
bind_size (GtkWidget *cell,
           gpointer   item)
{
  HostSums sums;
  g_autofree char *text = NULL;

  sum_host (item, &sums);
  text = kdcc_format_size (sums.total);
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

/* One host -------------------------------------------------------------------- */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

static GtkWidget *
host_page_new (KdccCluster *cluster,
               KdccHost    *host)
{
  GtkWidget *prefs = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *daemons = adw_preferences_group_new ();
  const GArray *host_ids = kdcc_host_get_osd_ids (host);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char * const *host_daemons = kdcc_host_get_daemons (host);
  const char *reason = kdcc_cluster_get_missing_reason (cluster, KDCC_MODEL_PART_HOST_DAEMONS);
  guint n_daemons = 0;

  /* CRUSH lists a host's OSDs newest first; people count up. */
  if (host_ids != NULL)
    g_array_append_vals (ids, host_ids->data, host_ids->len);
  g_array_sort (ids, compare_ids);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("OSDs"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs), ADW_PREFERENCES_GROUP (group));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(KdccOsd) osd = lookup_osd (kdcc_cluster_get_osds (cluster), id);
      g_autofree char *title = g_strdup_printf ("osd.%" G_GINT64_FORMAT, id);
      g_autofree char *subtitle = NULL;

      if (osd != NULL)
        {
          g_autofree char *used = kdcc_format_percent (kdcc_osd_get_utilization (osd) / 100.0);

          /* Translators: an OSD on a host page: "Up · In · 12 % used" */
          subtitle = g_strdup_printf (_("%s · %s · %s used"),
                                      kdcc_osd_get_up (osd) ? _("Up") : _("Down"),
                                      kdcc_osd_get_in (osd) ? _("In") : _("Out"), used);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 kdcc_link_row_new (title, subtitle, title));
    }

  /* Where the cluster says which host runs which daemon (node ls). */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (daemons), _("Daemons"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs), ADW_PREFERENCES_GROUP (daemons));
  for (guint i = 0; host_daemons != NULL && host_daemons[i] != NULL; i++)
    {
      const char *daemon = host_daemons[i];
      const char *subject = g_str_has_prefix (daemon, "mon.") ? "mons"
                            : g_str_has_prefix (daemon, "mgr.") ? "mgrs" : NULL;

      if (g_str_has_prefix (daemon, "osd."))
        continue;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (daemons),
                                 subject != NULL ? kdcc_link_row_new (daemon, NULL, subject)
                                                 : kdcc_note_row_new (daemon));
      n_daemons++;
    }
  if (n_daemons == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (daemons),
                               kdcc_note_row_new (reason != NULL ? reason
                                                                 : _("No other Ceph daemon runs on this host")));

  return prefs;
}

static void
open_host (KdccHostsPanel *self,
           KdccHost       *host)
{
  GtkWidget *page = host_page_new (kdcc_panel_get_cluster (KDCC_PANEL (self)), host);

  kdcc_history_pages_add_host (ADW_PREFERENCES_PAGE (page), kdcc_panel_get_session (KDCC_PANEL (self)),
                               kdcc_host_get_osd_ids (host));
  kdcc_panel_push_subpage (KDCC_PANEL (self), page, kdcc_host_get_name (host));
}

static void
row_activated_cb (GtkColumnView  *view,
                  guint           position,
                  KdccHostsPanel *self)
{
  KdccHost *host = kdcc_table_model_peek_item (self->table, position);

  if (host != NULL)
    open_host (self, host);
}

static gboolean
kdcc_hosts_panel_show_subject (KdccPanel         *panel,
                               const KdccSubject *subject)
{
  KdccHostsPanel *self = KDCC_HOSTS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);
  KdccHost *host;

  if (kdcc_subject_get_kind (subject) == KDCC_SUBJECT_HOSTS)
    return TRUE;
  if (kdcc_subject_get_kind (subject) != KDCC_SUBJECT_HOST || cluster == NULL)
    return FALSE;

  host = kdcc_cluster_find_host (cluster, kdcc_subject_get_name (subject));
  if (host == NULL)
    return FALSE;
  open_host (self, host);
  return TRUE;
}

/* Cluster -------------------------------------------------------------------- */

static void
update_state (KdccHostsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));

  if (cluster == NULL || !kdcc_cluster_get_has_data (cluster))
    {
      adw_status_page_set_title (self->missing_page, _("Waiting for the Cluster"));
      adw_status_page_set_description (self->missing_page,
                                       _("The hosts are shown when the first refresh completes"));
      gtk_stack_set_visible_child_name (self->stack, "missing");
    }
  else if (g_list_model_get_n_items (kdcc_cluster_get_hosts (cluster)) == 0)
    {
      adw_status_page_set_title (self->missing_page, _("No Hosts"));
      adw_status_page_set_description (self->missing_page,
                                       _("This connection returned no CRUSH hosts: either the cluster has no OSDs yet or the OSD tree could not be read"));
      gtk_stack_set_visible_child_name (self->stack, "missing");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "table");
    }
}

static void
cluster_refreshed_cb (KdccCluster    *cluster,
                      KdccHostsPanel *self)
{
  for (guint i = 0; i < self->osd_columns->len; i++)
    kdcc_table_column_rebind (g_ptr_array_index (self->osd_columns, i));
  /* Values changed in place: the rows are re-pointed, not rebuilt. */
  kdcc_table_model_resort (self->table);
  update_state (self);
}

static void
kdcc_hosts_panel_cluster_changed (KdccPanel   *panel,
                                  KdccCluster *old_cluster)
{
  KdccHostsPanel *self = KDCC_HOSTS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    g_signal_handlers_disconnect_by_data (old_cluster, self);

  kdcc_table_model_set_source (self->table, cluster != NULL ? kdcc_cluster_get_hosts (cluster) : NULL);
  if (cluster != NULL)
    g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
  update_state (self);
}

static void
kdcc_hosts_panel_dispose (GObject *object)
{
  KdccHostsPanel *self = KDCC_HOSTS_PANEL (object);

  if (self->table != NULL)
    kdcc_table_model_detach (self->table);
  self->column_view = NULL;
  g_clear_object (&self->table);
  g_clear_pointer (&self->osd_columns, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_hosts_panel_parent_class)->dispose (object);
}

static void
kdcc_hosts_panel_class_init (KdccHostsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_hosts_panel_dispose;
  panel_class->cluster_changed = kdcc_hosts_panel_cluster_changed;
  panel_class->show_subject = kdcc_hosts_panel_show_subject;
}

static void
kdcc_hosts_panel_init (KdccHostsPanel *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkColumnView *view;
  GtkColumnViewColumn *name_column;

  self->osd_columns = g_ptr_array_new ();
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  view = self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_single_click_activate (view, TRUE);
  g_signal_connect_object (view, "activate", G_CALLBACK (row_activated_cb), self, 0);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_stack_add_named (self->stack, scroller, "table");

  self->missing_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->missing_page, "computer-symbolic");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->missing_page), "missing");

  name_column = kdcc_table_add_column (view, _("Host"), NULL, bind_name,
                                       kdcc_table_string_sorter (KDCC_TYPE_HOST, "name"), FALSE, TRUE);
  kdcc_table_add_column (view, _("OSDs"), NULL, bind_osds,
                         kdcc_table_numeric_sorter (KDCC_TYPE_HOST, "osd-count"), TRUE, FALSE);
  g_ptr_array_add (self->osd_columns,
                   kdcc_table_add_column (view, _("State"), NULL, bind_state,
                                          kdcc_table_numeric_sorter (KDCC_TYPE_HOST, "osds-up"),
                                          FALSE, TRUE));
  g_ptr_array_add (self->osd_columns,
                   kdcc_table_add_column (view, _("Size"), NULL, bind_size,
                                          kdcc_table_numeric_sorter (KDCC_TYPE_HOST, "total-bytes"),
                                          TRUE, FALSE));
  g_ptr_array_add (self->osd_columns,
                   kdcc_table_add_column (view, _("Used"), setup_usage, bind_usage,
                                          kdcc_table_numeric_sorter (KDCC_TYPE_HOST, "used-bytes"),
                                          FALSE, TRUE));
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_ASCENDING);

  self->table = kdcc_table_model_new (KDCC_TYPE_HOST);
  kdcc_table_model_attach (self->table, view);

  update_state (self);
}

GtkWidget *
kdcc_hosts_panel_new (void)
{
  return g_object_new (KDCC_TYPE_HOSTS_PANEL, NULL);
}

GListModel *
kdcc_hosts_panel_get_rows (KdccHostsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_HOSTS_PANEL (self), NULL);

  return G_LIST_MODEL (self->table);
}
