/* kdcc-kube-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-kube-panel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-kube-panel.h"
#include "kdcc-kube-source.h"
#include "kdcc-table.h"
#include "kdcc-text-cell.h"

typedef enum
{
  TAB_RESOURCES,
  TAB_PODS,
  TAB_DEPLOYMENTS,
  N_TABS
} Tab;

struct _KdccKubePanel
{
  KdccPanel          parent_instance;

  GtkWidget         *box;
  GtkWidget         *status_page;    /* before the cluster is found */
  GtkWidget         *stack;
  GtkWidget         *switcher;
  GtkWidget         *errors[N_TABS]; /* a box of error labels per tab */
  GtkWidget         *views[N_TABS];  /* GtkColumnView */

  KdccKubeInventory *inventory;
  GListStore        *resource_models;
};

G_DEFINE_FINAL_TYPE (KdccKubePanel, kdcc_kube_panel, KDCC_TYPE_PANEL)

static Tab
tab_of_section (KdccKubeSection section)
{
  switch (section)
    {
    case KDCC_KUBE_SECTION_PODS: return TAB_PODS;
    case KDCC_KUBE_SECTION_DEPLOYMENTS: return TAB_DEPLOYMENTS;
    case KDCC_KUBE_SECTION_BLOCK_POOLS:
    case KDCC_KUBE_SECTION_FILESYSTEMS:
    case KDCC_KUBE_SECTION_OBJECT_STORES:
    case KDCC_KUBE_SECTION_OBJECT_STORE_USERS:
    case KDCC_KUBE_N_SECTIONS:
    default: return TAB_RESOURCES;
    }
}

/* Cells ------------------------------------------------------------------------- */

#define STRING_CELL(field) \
  static void \
  bind_##field (GtkWidget *cell, \
                gpointer   item) \
  { \
    kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), kdcc_kube_item_get_##field (item)); \
    kdcc_table_cell_set_tooltip (cell, kdcc_kube_item_get_##field (item)); \
  }

STRING_CELL (kind)
STRING_CELL (name)
STRING_CELL (ready)
STRING_CELL (node)
STRING_CELL (image)
STRING_CELL (age)
STRING_CELL (detail)

/* Green when healthy, amber while on the way (a pool being created, a pod
 * starting), red otherwise. */
static void
bind_status (GtkWidget *cell,
             gpointer   item)
{
  const char *status = kdcc_kube_item_get_status (item);
  const char *style = "error";

  if (kdcc_kube_item_get_healthy (item))
    style = "success";
  else if (g_strcmp0 (status, "Progressing") == 0 || g_strcmp0 (status, "Pending") == 0 ||
           g_strcmp0 (status, "ContainerCreating") == 0 || g_strcmp0 (status, "PodInitializing") == 0)
    style = "warning";
  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), status);
  gtk_widget_remove_css_class (cell, "success");
  gtk_widget_remove_css_class (cell, "warning");
  gtk_widget_remove_css_class (cell, "error");
  gtk_widget_add_css_class (cell, style);
}

static void
bind_restarts (GtkWidget *cell,
               gpointer   item)
{
  g_autofree char *text = g_strdup_printf ("%u", kdcc_kube_item_get_restarts (item));

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), text);
}

static void
bind_rook_version (GtkWidget *cell,
                   gpointer   item)
{
  const char *v = kdcc_kube_item_get_rook_version (item);

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), v ? v : "—");
}

static void
bind_ceph_version (GtkWidget *cell,
                   gpointer   item)
{
  const char *v = kdcc_kube_item_get_ceph_version (item);

  kdcc_text_cell_set_text (KDCC_TEXT_CELL (cell), v ? v : "—");
}

/* Building ---------------------------------------------------------------------- */

static GtkSorter *
string_sorter (const char *property)
{
  return kdcc_table_string_sorter (KDCC_TYPE_KUBE_ITEM, property);
}

static GtkWidget *
add_tab (KdccKubePanel *self,
         Tab            tab,
         const char    *name,
         const char    *title,
         const char    *icon)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_column_view_new (NULL);
  AdwViewStackPage *stack_page;

  self->errors[tab] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->errors[tab], 12);
  gtk_widget_set_margin_end (self->errors[tab], 12);
  gtk_widget_set_visible (self->errors[tab], FALSE);
  gtk_box_append (GTK_BOX (page), self->errors[tab]);

  gtk_widget_add_css_class (view, "data-table");
  gtk_column_view_set_reorderable (GTK_COLUMN_VIEW (view), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (page), scrolled);
  self->views[tab] = view;

  stack_page = adw_view_stack_add_titled (ADW_VIEW_STACK (self->stack), page, name, title);
  adw_view_stack_page_set_icon_name (stack_page, icon);
  return view;
}

static void
set_model (KdccKubePanel *self,
           Tab            tab,
           GListModel    *model)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (self->views[tab]);
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  if (model == NULL)
    {
      gtk_column_view_set_model (view, NULL);
      return;
    }
  sorted = gtk_sort_list_model_new (g_object_ref (model),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

static void
update_errors (KdccKubePanel *self)
{
  for (guint t = 0; t < N_TABS; t++)
    {
      GtkWidget *child;
      gboolean any = FALSE;

      while ((child = gtk_widget_get_first_child (self->errors[t])) != NULL)
        gtk_box_remove (GTK_BOX (self->errors[t]), child);
      for (guint s = 0; self->inventory != NULL && s < KDCC_KUBE_N_SECTIONS; s++)
        {
          const char *error = kdcc_kube_inventory_get_error (self->inventory, s);
          g_autofree char *text = NULL;
          GtkWidget *label;

          if (error == NULL || tab_of_section (s) != t)
            continue;
          /* Translators: "Block Pools: <why they cannot be read>" */
          text = g_strdup_printf (_("%s: %s"), kdcc_kube_section_get_title (s), error);
          label = gtk_label_new (text);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "error");
          gtk_box_append (GTK_BOX (self->errors[t]), label);
          any = TRUE;
        }
      gtk_widget_set_visible (self->errors[t], any);
    }
}

static void
inventory_changed_cb (KdccKubeInventory *inventory,
                      guint              section,
                      KdccKubePanel     *self)
{
  update_errors (self);
}

static void
detach (KdccKubePanel *self)
{
  if (self->inventory != NULL)
    {
      kdcc_kube_inventory_stop (self->inventory);
      g_signal_handlers_disconnect_by_data (self->inventory, self);
      g_clear_object (&self->inventory);
    }
  g_list_store_remove_all (self->resource_models);
  for (guint t = 0; t < N_TABS; t++)
    set_model (self, t, NULL);
  update_errors (self);
  gtk_widget_set_visible (self->status_page, TRUE);
  gtk_widget_set_visible (self->stack, FALSE);
  gtk_widget_set_visible (self->switcher, FALSE);
}

/* Finds the client once the source has found its cluster (after the
 * first fetch). */
static void
attach (KdccKubePanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  KdccSource *source = session ? kdcc_session_get_source (session) : NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autofree char *namespace = NULL;
  g_autoptr(GListStore) resources = NULL;
  g_autoptr(GtkFlattenListModel) flat = NULL;

  if (self->inventory != NULL || source == NULL || !KDCC_IS_KUBE_SOURCE (source))
    return;
  /* The found cluster's namespace when there is one; else the profile's
   * or the context's, so the page shows what Kubernetes says even when
   * the dashboard cannot be reached (when it matters most). Reading the
   * kubeconfig is a small local file; credentials are only obtained by the
   * first request, on a worker thread. */
  client = kdcc_kube_source_open_client (KDCC_KUBE_SOURCE (source), &namespace, NULL);
  if (client == NULL)
    return;

  self->inventory = kdcc_kube_inventory_new (client, namespace);
  g_signal_connect (self->inventory, "changed", G_CALLBACK (inventory_changed_cb), self);
  for (guint s = KDCC_KUBE_SECTION_BLOCK_POOLS; s <= KDCC_KUBE_SECTION_OBJECT_STORE_USERS; s++)
    g_list_store_append (self->resource_models,
                         kdcc_kube_inventory_get_model (self->inventory, s));
  flat = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->resource_models)));
  set_model (self, TAB_RESOURCES, G_LIST_MODEL (flat));
  set_model (self, TAB_PODS, kdcc_kube_inventory_get_model (self->inventory,
                                                            KDCC_KUBE_SECTION_PODS));
  set_model (self, TAB_DEPLOYMENTS, kdcc_kube_inventory_get_model (self->inventory,
                                                                   KDCC_KUBE_SECTION_DEPLOYMENTS));
  gtk_widget_set_visible (self->status_page, FALSE);
  gtk_widget_set_visible (self->stack, TRUE);
  gtk_widget_set_visible (self->switcher, TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kdcc_kube_inventory_start (self->inventory);
}

static void
cluster_refreshed_cb (KdccCluster   *cluster,
                      KdccKubePanel *self)
{
  KdccSession *session = kdcc_panel_get_session (KDCC_PANEL (self));
  KdccSource *source = session ? kdcc_session_get_source (session) : NULL;

  /* The first fetch found the CephCluster in another namespace than the
   * one the page guessed: show that one. */
  if (self->inventory != NULL && source != NULL && KDCC_IS_KUBE_SOURCE (source))
    {
      g_autofree char *namespace = NULL;
      g_autoptr(KdccKubeClient) client = kdcc_kube_source_dup_client (KDCC_KUBE_SOURCE (source),
                                                                     &namespace, NULL);

      if (client != NULL &&
          g_strcmp0 (namespace, kdcc_kube_inventory_get_namespace (self->inventory)) != 0)
        detach (self);
    }
  attach (self);
}

static void
kdcc_kube_panel_cluster_changed (KdccPanel   *panel,
                                 KdccCluster *old_cluster)
{
  KdccKubePanel *self = KDCC_KUBE_PANEL (panel);
  KdccCluster *cluster = kdcc_panel_get_cluster (panel);

  if (old_cluster != NULL)
    g_signal_handlers_disconnect_by_data (old_cluster, self);
  if (cluster != NULL)
    g_signal_connect_object (cluster, "refreshed", G_CALLBACK (cluster_refreshed_cb), self, 0);
}

static void
kdcc_kube_panel_session_changed (KdccPanel   *panel,
                                 KdccSession *old_session)
{
  KdccKubePanel *self = KDCC_KUBE_PANEL (panel);

  detach (self);
  attach (self);
}

static void
pod_activated_cb (GtkColumnView *view,
                  guint          position,
                  KdccKubePanel *self)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(KdccKubeItem) item = g_list_model_get_item (model, position);

  if (item != NULL)
    kdcc_kube_panel_open_log (self, kdcc_kube_item_get_name (item));
}

static void
kdcc_kube_panel_map (GtkWidget *widget)
{
  KdccKubePanel *self = KDCC_KUBE_PANEL (widget);

  GTK_WIDGET_CLASS (kdcc_kube_panel_parent_class)->map (widget);
  attach (self);
  /* Watches run only while the page is shown: each holds a connection
   * to the API server. */
  if (self->inventory != NULL)
    kdcc_kube_inventory_start (self->inventory);
}

static void
kdcc_kube_panel_unmap (GtkWidget *widget)
{
  KdccKubePanel *self = KDCC_KUBE_PANEL (widget);

  if (self->inventory != NULL)
    kdcc_kube_inventory_stop (self->inventory);
  GTK_WIDGET_CLASS (kdcc_kube_panel_parent_class)->unmap (widget);
}

static void
kdcc_kube_panel_dispose (GObject *object)
{
  KdccKubePanel *self = KDCC_KUBE_PANEL (object);

  if (self->inventory != NULL)
    {
      kdcc_kube_inventory_stop (self->inventory);
      g_signal_handlers_disconnect_by_data (self->inventory, self);
      g_clear_object (&self->inventory);
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->resource_models);

  G_OBJECT_CLASS (kdcc_kube_panel_parent_class)->dispose (object);
}

static void
kdcc_kube_panel_class_init (KdccKubePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_kube_panel_dispose;
  widget_class->map = kdcc_kube_panel_map;
  widget_class->unmap = kdcc_kube_panel_unmap;
  panel_class->cluster_changed = kdcc_kube_panel_cluster_changed;
  panel_class->session_changed = kdcc_kube_panel_session_changed;
}

static void
kdcc_kube_panel_init (KdccKubePanel *self)
{
  GtkColumnView *view;

  self->resource_models = g_list_store_new (G_TYPE_LIST_MODEL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->status_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status_page),
                                 "network-workgroup-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page), _("Finding the CephCluster"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page),
                                   _("The Kubernetes view appears once the connection has "
                                     "found the cluster's CephCluster object"));
  gtk_widget_set_vexpand (self->status_page, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->status_page);

  self->stack = adw_view_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  self->switcher = adw_view_switcher_new ();
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (self->switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (self->switcher), ADW_VIEW_STACK (self->stack));
  gtk_widget_set_halign (self->switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->switcher, 6);
  gtk_box_append (GTK_BOX (self->box), self->switcher);
  gtk_box_append (GTK_BOX (self->box), self->stack);

  view = GTK_COLUMN_VIEW (add_tab (self, TAB_RESOURCES, "resources", _("Rook Resources"),
                                   "application-x-addon-symbolic"));
  kdcc_table_add_column (view, _("Kind"), NULL, bind_kind, string_sorter ("kind"), FALSE, FALSE);
  kdcc_table_add_column (view, _("Name"), NULL, bind_name, string_sorter ("name"), FALSE, FALSE);
  kdcc_table_add_column (view, _("Phase"), NULL, bind_status, string_sorter ("status"), FALSE,
                         FALSE);
  kdcc_table_add_column (view, _("Conditions"), NULL, bind_detail, NULL, FALSE, TRUE);
  kdcc_table_add_column (view, _("Age"), NULL, bind_age,
                         kdcc_table_numeric_sorter (KDCC_TYPE_KUBE_ITEM, "created"), TRUE, FALSE);

  view = GTK_COLUMN_VIEW (add_tab (self, TAB_PODS, "pods", _("Pods"), "system-run-symbolic"));
  kdcc_table_add_column (view, _("Name"), NULL, bind_name, string_sorter ("name"), FALSE, TRUE);
  kdcc_table_add_column (view, _("Ready"), NULL, bind_ready, NULL, TRUE, FALSE);
  kdcc_table_add_column (view, _("Status"), NULL, bind_status, string_sorter ("status"), FALSE,
                         FALSE);
  kdcc_table_add_column (view, _("Restarts"), NULL, bind_restarts,
                         kdcc_table_numeric_sorter (KDCC_TYPE_KUBE_ITEM, "restarts"), TRUE, FALSE);
  kdcc_table_add_column (view, _("Node"), NULL, bind_node, string_sorter ("node"), FALSE, FALSE);
  kdcc_table_add_column (view, _("Image"), NULL, bind_image, NULL, FALSE, FALSE);
  kdcc_table_add_column (view, _("Age"), NULL, bind_age,
                         kdcc_table_numeric_sorter (KDCC_TYPE_KUBE_ITEM, "created"), TRUE, FALSE);
  g_signal_connect (view, "activate", G_CALLBACK (pod_activated_cb), self);

  view = GTK_COLUMN_VIEW (add_tab (self, TAB_DEPLOYMENTS, "deployments", _("Deployments"),
                                   "view-list-symbolic"));
  kdcc_table_add_column (view, _("Name"), NULL, bind_name, string_sorter ("name"), FALSE, TRUE);
  kdcc_table_add_column (view, _("Ready"), NULL, bind_ready, NULL, TRUE, FALSE);
  kdcc_table_add_column (view, _("Status"), NULL, bind_status, string_sorter ("status"), FALSE,
                         FALSE);
  kdcc_table_add_column (view, _("Rook"), NULL, bind_rook_version, NULL, FALSE, FALSE);
  kdcc_table_add_column (view, _("Ceph"), NULL, bind_ceph_version, NULL, FALSE, FALSE);
  kdcc_table_add_column (view, _("Image"), NULL, bind_image, NULL, FALSE, FALSE);

  gtk_widget_set_visible (self->stack, FALSE);
  gtk_widget_set_visible (self->switcher, FALSE);
}

GtkWidget *
kdcc_kube_panel_new (void)
{
  return g_object_new (KDCC_TYPE_KUBE_PANEL, NULL);
}

gboolean
kdcc_kube_panel_is_present (KdccCluster *cluster)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (cluster), FALSE);
  return g_strcmp0 (kdcc_cluster_get_source_kind (cluster), "kubernetes") == 0;
}

KdccKubeInventory *
kdcc_kube_panel_get_inventory (KdccKubePanel *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_PANEL (self), NULL);
  return self->inventory;
}

KdccPodLogView *
kdcc_kube_panel_open_log (KdccKubePanel *self,
                          const char    *pod)
{
  GListModel *pods;
  GtkWidget *view;
  g_autofree char *title = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_PANEL (self), NULL);
  g_return_val_if_fail (pod != NULL, NULL);

  if (self->inventory == NULL)
    return NULL;
  pods = kdcc_kube_inventory_get_model (self->inventory, KDCC_KUBE_SECTION_PODS);
  for (guint i = 0; i < g_list_model_get_n_items (pods); i++)
    {
      g_autoptr(KdccKubeItem) item = g_list_model_get_item (pods, i);

      if (g_strcmp0 (kdcc_kube_item_get_name (item), pod) != 0)
        continue;
      view = kdcc_pod_log_view_new (kdcc_kube_inventory_get_client (self->inventory),
                                    kdcc_kube_inventory_get_namespace (self->inventory), pod,
                                    kdcc_kube_item_get_containers (item));
      /* Translators: the title of a pod's log page */
      title = g_strdup_printf (_("Log of %s"), pod);
      kdcc_panel_push_subpage (KDCC_PANEL (self), view, title);
      return KDCC_POD_LOG_VIEW (view);
    }
  return NULL;
}

void
kdcc_kube_panel_show_tab (KdccKubePanel *self,
                          const char    *name)
{
  g_return_if_fail (KDCC_IS_KUBE_PANEL (self));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->stack), name);
}
