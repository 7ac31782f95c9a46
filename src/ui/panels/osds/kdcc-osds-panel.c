/* kdcc-osds-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-osds-panel"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-capacity-bar.h"
#include "kdcc-history-pages.h"
#include "kdcc-host.h"
#include "kdcc-osd-page.h"
#include "kdcc-osd.h"
#include "kdcc-osds-columns.h"
#include "kdcc-osds-panel.h"
#include "kdcc-table-model.h"
#include "kdcc-table.h"

/* Ceph's default nearfull and full ratios, as the capacity bar uses. */
#define NEARFULL_PERCENT 85.0
#define FULL_PERCENT     95.0

struct _KdccOsdsPanel
{
  KdccPanel           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *state_dropdown;
  GtkDropDown        *class_dropdown;
  GtkDropDown        *host_dropdown;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *missing_page;

  GtkStringList      *classes;      /* "All Classes", then the classes */
  GtkStringList      *hosts;        /* "All Hosts", then the hosts */
  /* The rows, sorted and filtered, as stable rows for the view. */
  KdccTableModel     *table;

  char               *search;       /* lower case, "osd." stripped */
  gboolean            search_id_only; /* the text began with "osd." */
  KdccOsdFilter       state;
  char               *class_name;
  char               *host_name;
  /* A refresh happened while the page was not shown: sort and filter
   * again when it is. */
  gboolean            dirty;
  /* kdcc_cluster_get_osds_serial() when the rows were last sorted and
   * filtered: a refresh that skipped the OSD list leaves them as they are. */
  guint               osds_serial;
  gboolean            updating_choices;
  /* The class and host choices are filled in an idle of their own: 500
   * hosts into the host drop-down build its popup's rows (~5 ms), which
   * would add to the handler that opens the page or applies a refresh. */
  guint               choices_id;
  gboolean            resorting;
};

G_DEFINE_FINAL_TYPE (KdccOsdsPanel, kdcc_osds_panel, KDCC_TYPE_PANEL)

static const char *filter_words[] = {
  [KDCC_OSD_FILTER_ALL] = "all",
  [KDCC_OSD_FILTER_UP] = "up",
  [KDCC_OSD_FILTER_DOWN] = "down",
  [KDCC_OSD_FILTER_IN] = "in",
  [KDCC_OSD_FILTER_OUT] = "out",
  [KDCC_OSD_FILTER_NEARFULL] = "nearfull",
  [KDCC_OSD_FILTER_FULL] = "full",
};

int
kdcc_osd_filter_from_string (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_words); i++)
    if (g_strcmp0 (filter_words[i], word) == 0)
      return (int) i;

  return -1;
}

gboolean
kdcc_osd_filter_matches (KdccOsdFilter filter,
                         gpointer      item)
{
  KdccOsd *osd = item;

  switch (filter)
    {
    case KDCC_OSD_FILTER_UP:
      return kdcc_osd_get_up (osd);
    case KDCC_OSD_FILTER_DOWN:
      return !kdcc_osd_get_up (osd);
    case KDCC_OSD_FILTER_IN:
      return kdcc_osd_get_in (osd);
    case KDCC_OSD_FILTER_OUT:
      return !kdcc_osd_get_in (osd);
    case KDCC_OSD_FILTER_NEARFULL:
      return kdcc_osd_get_utilization (osd) >= NEARFULL_PERCENT;
    case KDCC_OSD_FILTER_FULL:
      return kdcc_osd_get_utilization (osd) >= FULL_PERCENT;
    case KDCC_OSD_FILTER_ALL:
    default:
      return TRUE;
    }
}

static gboolean
search_matches (const char *search,
                gboolean    id_only,
                KdccOsd    *osd)
{
  char digits[24];
  const char *host;

  if (search == NULL || *search == '\0')
    return TRUE;

  /* "3" and "osd.3" find osd.3 (and osd.30...: the id so far). */
  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, kdcc_osd_get_id (osd));
  if (g_str_has_prefix (digits, search))
    return TRUE;

  host = kdcc_osd_get_host (osd);
  if (host != NULL && !id_only)
    {
      g_autofree char *lower = g_ascii_strdown (host, -1);

      return strstr (lower, search) != NULL;
    }

  return FALSE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  KdccOsdsPanel *self = user_data;
  KdccOsd *osd = item;

  if (!kdcc_osd_filter_matches (self->state, osd))
    return FALSE;
  if (self->class_name != NULL && g_strcmp0 (kdcc_osd_get_device_class (osd), self->class_name) != 0)
    return FALSE;
  if (self->host_name != NULL && g_strcmp0 (kdcc_osd_get_host (osd), self->host_name) != 0)
    return FALSE;

  return search_matches (self->search, self->search_id_only, osd);
}

/* Filters ------------------------------------------------------------------ */

static void
update_visible_state (KdccOsdsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *osds = cluster != NULL ? kdcc_cluster_get_osds (cluster) : NULL;
  const char *name = "table";

  if (cluster == NULL || !kdcc_cluster_get_has_data (cluster))
    {
      adw_status_page_set_title (self->missing_page, _("Waiting for the Cluster"));
      adw_status_page_set_description (self->missing_page,
                                       _("The OSDs are shown when the first refresh completes"));
      name = "missing";
    }
  else if (g_list_model_get_n_items (osds) == 0)
    {
      gint64 total = kdcc_cluster_get_osds_total (cluster);

      if (total > 0)
        {
          g_autofree char *description = NULL;

          adw_status_page_set_title (self->missing_page, _("No OSD List"));
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "The cluster reports %" G_GINT64_FORMAT " OSD, "
                                                      "but this connection did not return the OSD map "
                                                      "(osd tree and osd df)",
                                                      "The cluster reports %" G_GINT64_FORMAT " OSDs, "
                                                      "but this connection did not return the OSD map "
                                                      "(osd tree and osd df)",
                                                      total),
                                         total);
          adw_status_page_set_description (self->missing_page, description);
        }
      else
        {
          adw_status_page_set_title (self->missing_page, _("No OSDs"));
          adw_status_page_set_description (self->missing_page,
                                           _("This cluster has no OSDs yet, so it cannot store data"));
        }
      name = "missing";
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->table)) == 0)
    {
      name = "no-match";
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) != 0)
    gtk_stack_set_visible_child_name (self->stack, name);
}

static void
refilter (KdccOsdsPanel *self)
{
  gboolean filtering;

  /* The template's widgets notify while the panel is being built. */
  if (self->table == NULL)
    return;

  /* Without a filter the sorted rows pass through without a call each. */
  filtering = self->state != KDCC_OSD_FILTER_ALL || self->class_name != NULL ||
              self->host_name != NULL || (self->search != NULL && *self->search != '\0');
  kdcc_table_model_set_filter_func (self->table, filtering ? filter_func : NULL, self);
  update_visible_state (self);
}

static void
search_changed_cb (KdccOsdsPanel *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *lower = g_strstrip (g_ascii_strdown (text, -1));
  gboolean id_only = g_str_has_prefix (lower, "osd.");
  const char *search = id_only ? lower + strlen ("osd.") : lower;

  if (g_strcmp0 (self->search, search) == 0 && self->search_id_only == id_only)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  self->search_id_only = id_only;
  refilter (self);
}

static char *
dup_choice (GtkDropDown   *dropdown,
            GtkStringList *list)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || list == NULL)
    return NULL;

  return g_strdup (gtk_string_list_get_string (list, selected));
}

static void
filters_changed_cb (KdccOsdsPanel *self)
{
  guint state = gtk_drop_down_get_selected (self->state_dropdown);

  if (self->updating_choices || self->table == NULL)
    return;

  self->state = state < G_N_ELEMENTS (filter_words) ? (KdccOsdFilter) state : KDCC_OSD_FILTER_ALL;
  g_free (self->class_name);
  self->class_name = dup_choice (self->class_dropdown, self->classes);
  g_free (self->host_name);
  self->host_name = dup_choice (self->host_dropdown, self->hosts);
  refilter (self);
}

/* Replaces the choices after the first (the "All" entry) with names,
 * keeping the current selection when it is still there. */
static void
update_choices (KdccOsdsPanel *self,
                GtkDropDown   *dropdown,
                GtkStringList *list,
                GPtrArray     *names)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autofree char *current = dup_choice (dropdown, list);
  gboolean same = n == names->len + 1;
  guint selected = 0;

  for (guint i = 0; same && i < names->len; i++)
    same = g_strcmp0 (gtk_string_list_get_string (list, i + 1), g_ptr_array_index (names, i)) == 0;
  if (same)
    return;

  g_ptr_array_add (names, NULL);
  self->updating_choices = TRUE;
  gtk_string_list_splice (list, 1, n - 1, (const char * const *) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
  for (guint i = 0; current != NULL && i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), current) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (dropdown, selected);
  self->updating_choices = FALSE;

  if (current != NULL && selected == 0)
    filters_changed_cb (self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  /* g_ptr_array_sort passes pointers to the elements. */
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
update_class_and_host_choices (KdccOsdsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));
  GListModel *hosts;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *osds;
  guint n;

  if (cluster == NULL)
    return;

  /* Classes: few distinct values among the OSDs; a hash keeps it linear. */
  osds = kdcc_cluster_get_osds (cluster);
  n = g_list_model_get_n_items (osds);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);
      const char *device_class = kdcc_osd_get_device_class (osd);

      if (device_class != NULL && g_hash_table_add (seen, (gpointer) device_class))
        g_ptr_array_add (names, (gpointer) device_class);
    }
  g_ptr_array_sort (names, compare_names);
  update_choices (self, self->class_dropdown, self->classes, names);

  g_ptr_array_set_size (names, 0);
  hosts = kdcc_cluster_get_hosts (cluster);
  n = g_list_model_get_n_items (hosts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccHost) host = g_list_model_get_item (hosts, i);

      g_ptr_array_add (names, (gpointer) kdcc_host_get_name (host));
    }
  update_choices (self, self->host_dropdown, self->hosts, names);
}

static gboolean
choices_idle_cb (gpointer user_data)
{
  KdccOsdsPanel *self = user_data;

  self->choices_id = 0;
  update_class_and_host_choices (self);
  return G_SOURCE_REMOVE;
}

static void
queue_choices (KdccOsdsPanel *self)
{
  if (self->choices_id == 0)
    self->choices_id = g_idle_add (choices_idle_cb, self);
}

/* A filter set by name needs the names now. */
static void
flush_choices (KdccOsdsPanel *self)
{
  if (self->choices_id == 0)
    return;
  g_clear_handle_id (&self->choices_id, g_source_remove);
  update_class_and_host_choices (self);
}

/* Cluster -------------------------------------------------------------------- */

static void
resort_and_refilter (KdccOsdsPanel *self)
{
  KdccCluster *cluster = kdcc_panel_get_cluster (KDCC_PANEL (self));

  self->dirty = FALSE;
  if (cluster != NULL)
    self->osds_serial = kdcc_cluster_get_osds_serial (cluster);
  queue_choices (self);
  /* Items changed in place: values the rows are sorted and filtered by may
   * have moved. The rows on screen are re-pointed, not rebuilt. */
  self->resorting = TRUE;
  kdcc_table_model_resort (self->table);
  self->resorting = FALSE;
  update_visible_state (self);
}

static void
sorter_changed_cb (KdccOsdsPanel *self)
{
  /* A new sort order starts at its top; a refresh keeps the place. GTK
   * keeps the row that was on top in view, wherever it went (after a sort
   * by utilization, osd.0 among the emptiest at the end), and setting the
   * adjustment to 0 here is undone by that anchor at the next layout
   * ("failed to scroll to given position"). Moving the anchor itself
   * works: the column view's inner list view has list.scroll-to-item. */
  if (self->resorting || self->table == NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->table)) == 0)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
          return;
        }
    }
}

static void
cluster_refreshed_cb (KdccCluster   *cluster,
                      KdccOsdsPanel *self)
{
  /* Most refreshes find the OSD list unchanged (same digest): sorting and
   * filtering 10,000 rows again would cost the main thread milliseconds
   * every few seconds for nothing. */
  if (kdcc_cluster_get_osds_serial (cluster) == self->osds_serial)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    resort_and_refilter (self);
  else
    self->dirty = TRUE;
}

static void
hosts_changed_cb (KdccOsdsPanel *self)
{
  queue_choices (self);
}

static void
filter_pending_cb (KdccOsdsPanel *self)
{
  update_visible_state (self);
}

static void
kdcc_osds_panel_cluster_changed (KdccPanel   *panel,
                                 KdccCluster *old_cluster)
{
  KdccOsdsPanel *self = KDCC_OSDS_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    {
      g_signal_handlers_disconnect_by_data (old_cluster, self);
      g_signal_handlers_disconnect_by_data (kdcc_cluster_get_hosts (old_cluster), self);
    }

  kdcc_table_model_set_source (self->table, cluster != NULL ? kdcc_cluster_get_osds (cluster) : NULL);
  if (cluster != NULL)
    {
      g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
      g_signal_connect_object (cluster, "notify::has-data", G_CALLBACK (filter_pending_cb), self,
                               G_CONNECT_SWAPPED);
      /* A host without OSDs comes and goes without the OSD list changing. */
      g_signal_connect_object (kdcc_cluster_get_hosts (cluster), "items-changed",
                               G_CALLBACK (hosts_changed_cb), self, G_CONNECT_SWAPPED);
    }

  resort_and_refilter (self);
}

/* Navigation ------------------------------------------------------------------ */

static void
open_osd (KdccOsdsPanel *self,
          KdccOsd       *osd)
{
  g_autofree char *title = g_strdup_printf ("osd.%" G_GINT64_FORMAT, kdcc_osd_get_id (osd));
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  GtkWidget *page = kdcc_osd_page_new (kdcc_panel_get_cluster (KDCC_PANEL (self)), osd,
                                       session != NULL ? kdcc_session_get_source (session) : NULL);

  if (session != NULL)
    kdcc_osd_page_add_controls (page, session);
  kdcc_history_pages_add_osd (ADW_PREFERENCES_PAGE (page), session, kdcc_osd_get_id (osd));
  kdcc_panel_push_subpage (KDCC_PANEL (self), page, title);
}

static void
row_activated_cb (KdccOsdsPanel *self,
                  guint          position)
{
  KdccOsd *osd = kdcc_table_model_peek_item (self->table, position);

  if (osd != NULL)
    open_osd (self, osd);
}

static gboolean
kdcc_osds_panel_show_subject (KdccPanel         *panel,
                              const KdccSubject *subject)
{
  KdccOsdsPanel *self = KDCC_OSDS_PANEL (panel);

  switch (kdcc_subject_get_kind (subject))
    {
    case KDCC_SUBJECT_OSD:
      {
        KdccCluster *cluster = kdcc_panel_get_cluster (panel);
        KdccOsd *osd = cluster != NULL
                         ? kdcc_cluster_find_osd (cluster, kdcc_subject_get_osd_id (subject))
                         : NULL;

        if (osd == NULL)
          return FALSE;
        open_osd (self, osd);
        return TRUE;
      }

    case KDCC_SUBJECT_OSDS:
      {
        const char *word = kdcc_subject_get_name (subject);
        int filter = word != NULL ? kdcc_osd_filter_from_string (word) : KDCC_OSD_FILTER_ALL;

        if (filter < 0)
          return FALSE;
        /* A link asks for exactly these OSDs: drop what narrowed them before. */
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
        gtk_drop_down_set_selected (self->class_dropdown, 0);
        gtk_drop_down_set_selected (self->host_dropdown, 0);
        kdcc_osds_panel_set_state_filter (self, filter);
        return TRUE;
      }

    case KDCC_SUBJECT_POOL:
    case KDCC_SUBJECT_HOST:
    case KDCC_SUBJECT_HEALTH_CHECK:
    case KDCC_SUBJECT_PGS:
    case KDCC_SUBJECT_MONS:
    case KDCC_SUBJECT_MGRS:
    case KDCC_SUBJECT_POOLS:
    case KDCC_SUBJECT_HOSTS:
    default:
      return FALSE;
    }
}

static void
kdcc_osds_panel_map (GtkWidget *widget)
{
  KdccOsdsPanel *self = KDCC_OSDS_PANEL (widget);

  GTK_WIDGET_CLASS (kdcc_osds_panel_parent_class)->map (widget);

  if (self->dirty)
    resort_and_refilter (self);
}

static void
kdcc_osds_panel_dispose (GObject *object)
{
  KdccOsdsPanel *self = KDCC_OSDS_PANEL (object);

  g_clear_handle_id (&self->choices_id, g_source_remove);
  if (self->table != NULL)
    kdcc_table_model_detach (self->table);
  g_clear_object (&self->table);
  g_clear_object (&self->classes);
  g_clear_object (&self->hosts);

  G_OBJECT_CLASS (kdcc_osds_panel_parent_class)->dispose (object);
}

static void
kdcc_osds_panel_finalize (GObject *object)
{
  KdccOsdsPanel *self = KDCC_OSDS_PANEL (object);

  g_free (self->search);
  g_free (self->class_name);
  g_free (self->host_name);

  G_OBJECT_CLASS (kdcc_osds_panel_parent_class)->finalize (object);
}

static void
kdcc_osds_panel_class_init (KdccOsdsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_osds_panel_dispose;
  object_class->finalize = kdcc_osds_panel_finalize;
  widget_class->map = kdcc_osds_panel_map;
  panel_class->cluster_changed = kdcc_osds_panel_cluster_changed;
  panel_class->show_subject = kdcc_osds_panel_show_subject;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/kdcc-osds-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccOsdsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KdccOsdsPanel, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdccOsdsPanel, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdccOsdsPanel, host_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KdccOsdsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KdccOsdsPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, KdccOsdsPanel, missing_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
kdcc_osds_panel_init (KdccOsdsPanel *self)
{
  static const char *all_classes[] = { NULL, NULL };
  static const char *all_hosts[] = { NULL, NULL };
  all_classes[0] = _("All Classes");
  all_hosts[0] = _("All Hosts");
  self->classes = gtk_string_list_new (all_classes);
  self->hosts = gtk_string_list_new (all_hosts);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->class_dropdown, G_LIST_MODEL (self->classes));
  gtk_drop_down_set_model (self->host_dropdown, G_LIST_MODEL (self->hosts));
  gtk_drop_down_set_expression (self->host_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  _kdcc_osds_panel_add_columns (self->column_view);

  /* Sorted first, then filtered: the sort runs once over the OSDs, and a
   * filter change (each key typed) only walks the sorted positions. */
  self->table = kdcc_table_model_new (KDCC_TYPE_OSD);
  kdcc_table_model_attach (self->table, self->column_view);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "items-changed", G_CALLBACK (filter_pending_cb),
                           self, G_CONNECT_SWAPPED);

  update_visible_state (self);
}

GtkWidget *
kdcc_osds_panel_new (void)
{
  return g_object_new (KDCC_TYPE_OSDS_PANEL, NULL);
}

void
kdcc_osds_panel_set_state_filter (KdccOsdsPanel *self,
                                  KdccOsdFilter  filter)
{
  g_return_if_fail (KDCC_IS_OSDS_PANEL (self));
  g_return_if_fail (filter < G_N_ELEMENTS (filter_words));

  gtk_drop_down_set_selected (self->state_dropdown, filter);
}

KdccOsdFilter
kdcc_osds_panel_get_state_filter (KdccOsdsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_OSDS_PANEL (self), KDCC_OSD_FILTER_ALL);

  return self->state;
}

void
kdcc_osds_panel_set_search (KdccOsdsPanel *self,
                            const char    *text)
{
  g_return_if_fail (KDCC_IS_OSDS_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Not waiting for the entry's search delay. */
  search_changed_cb (self);
}

static void
select_choice (GtkDropDown   *dropdown,
               GtkStringList *list,
               const char    *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint selected = 0;

  for (guint i = 1; name != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), name) == 0)
      selected = i;

  gtk_drop_down_set_selected (dropdown, selected);
}

void
kdcc_osds_panel_set_class_filter (KdccOsdsPanel *self,
                                  const char    *device_class)
{
  g_return_if_fail (KDCC_IS_OSDS_PANEL (self));

  flush_choices (self);
  select_choice (self->class_dropdown, self->classes, device_class);
}

void
kdcc_osds_panel_set_host_filter (KdccOsdsPanel *self,
                                 const char    *host)
{
  g_return_if_fail (KDCC_IS_OSDS_PANEL (self));

  flush_choices (self);
  select_choice (self->host_dropdown, self->hosts, host);
}

GListModel *
kdcc_osds_panel_get_rows (KdccOsdsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_OSDS_PANEL (self), NULL);

  return G_LIST_MODEL (self->table);
}

GtkColumnView *
kdcc_osds_panel_get_column_view (KdccOsdsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_OSDS_PANEL (self), NULL);

  return self->column_view;
}

gboolean
kdcc_osds_panel_is_settled (KdccOsdsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_OSDS_PANEL (self), FALSE);

  return self->choices_id == 0 && kdcc_table_model_is_settled (self->table);
}

const char *
kdcc_osds_panel_get_visible_state (KdccOsdsPanel *self)
{
  g_return_val_if_fail (KDCC_IS_OSDS_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
