/* kdcc-configuration-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdcc-configuration-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "kdcc-configuration-panel.h"
#include "kdcc-controls-state.h"
#include "kdcc-option-editor.h"
#include "kdcc-option-row.h"

struct _KdccConfigurationPanel
{
  KdccPanel           parent_instance;

  KdccControlsState  *state;

  GtkWidget          *box;
  GtkWidget          *search_entry;
  GtkWidget          *changed_toggle;
  GtkWidget          *count_label;
  GtkWidget          *stack;
  GtkWidget          *status_page;
  GtkWidget          *list_view;
  GtkSortListModel   *sorted;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkWidget          *editor;

  char               *query;  /* lower case */
  gboolean            changed_only;
};

G_DEFINE_FINAL_TYPE (KdccConfigurationPanel, kdcc_configuration_panel, KDCC_TYPE_PANEL)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  KdccConfigurationPanel *self = user_data;
  KdccConfigOption *option = item;

  if (self->changed_only && !kdcc_config_option_get_changed (option))
    return FALSE;
  return kdcc_config_option_matches (option, self->query != NULL ? self->query : "");
}

static void
update_count (KdccConfigurationPanel *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *text = NULL;

  /* Translators: options shown of all the cluster knows. */
  text = g_strdup_printf (_("%u of %u options"), shown, all);
  gtk_label_set_text (GTK_LABEL (self->count_label), text);
}

static void
update_state (KdccConfigurationPanel *self)
{
  KdccConfigCatalog *catalog;
  const GError *error;

  if (self->state == NULL)
    return;
  catalog = kdcc_controls_state_get_catalog (self->state);
  error = kdcc_controls_state_get_catalog_error (self->state);
  if (kdcc_config_catalog_get_loaded (catalog))
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  else if (error != NULL)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page),
                                 _("Cannot Read the Configuration"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
    }
  else
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->status_page),
                                 _("Reading the Options…"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->status_page), NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "status");
    }
  update_count (self);
}

static void
search_changed_cb (KdccConfigurationPanel *self)
{
  g_autofree char *query = g_utf8_strdown (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  if (g_strcmp0 (query, self->query) == 0)
    return;
  /* Typing on narrows the list and deleting widens it: the filter model
   * then looks only at the options shown, or only at the ones hidden. */
  if (self->query != NULL && g_str_has_prefix (query, self->query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->query != NULL && g_str_has_prefix (self->query, query))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
changed_toggled_cb (KdccConfigurationPanel *self)
{
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->changed_toggle));

  if (active == self->changed_only)
    return;
  self->changed_only = active;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      active ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

/* One widget per row (kdcc-option-row.h): a keystroke that changes
 * hundreds of rows binds them without making and styling a box of labels
 * for each. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, kdcc_option_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  KdccConfigOption *option = gtk_list_item_get_item (item);
  g_autofree char *tag = NULL;
  const char *set = NULL;

  if (kdcc_config_option_get_changed (option))
    {
      g_autoptr(KdccConfigValue) first = g_list_model_get_item (kdcc_config_option_get_values (option), 0);

      set = first != NULL ? kdcc_config_value_get_value (first) : NULL;
    }
  /* Translators: an option's service and level, "osd · basic". */
  tag = g_strdup_printf (_("%s · %s"), kdcc_config_option_get_service (option),
                         kdcc_config_level_to_string (kdcc_config_option_get_level (option)));
  kdcc_option_row_set (KDCC_OPTION_ROW (gtk_list_item_get_child (item)),
                       kdcc_config_option_get_name (option),
                       kdcc_config_option_get_description (option), set, tag);
}

static void
see_also_cb (KdccOptionEditor       *editor,
             const char             *name,
             KdccConfigurationPanel *self)
{
  kdcc_configuration_panel_show_option (self, name);
}

static void
open_option (KdccConfigurationPanel *self,
             KdccConfigOption       *option)
{
  GtkWidget *editor = kdcc_option_editor_new (self->state, option);

  g_signal_connect_object (editor, "see-also", G_CALLBACK (see_also_cb), self, 0);
  g_set_weak_pointer (&self->editor, editor);
  kdcc_panel_push_subpage (KDCC_PANEL (self), editor, kdcc_config_option_get_name (option));
}

static void
activate_cb (GtkListView            *list_view,
             guint                   position,
             KdccConfigurationPanel *self)
{
  g_autoptr(KdccConfigOption) option = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (option != NULL)
    open_option (self, option);
}

static void
kdcc_configuration_panel_session_changed (KdccPanel   *panel,
                                          KdccSession *old_session)
{
  KdccConfigurationPanel *self = KDCC_CONFIGURATION_PANEL (panel);
  KdccSession *session = kdcc_panel_get_session (panel);

  if (self->state != NULL)
    g_signal_handlers_disconnect_by_data (self->state, self);
  g_clear_object (&self->state);
  if (session == NULL)
    {
      gtk_sort_list_model_set_model (self->sorted, NULL);
      return;
    }
  self->state = g_object_ref (kdcc_controls_state_get (session));
  gtk_sort_list_model_set_model (self->sorted,
                                 G_LIST_MODEL (kdcc_controls_state_get_catalog (self->state)));
  g_signal_connect_object (self->state, "notify::loading", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  /* ~2,000 options are read when the page is first shown, not for every
   * connection. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kdcc_controls_state_ensure_catalog (self->state);
  update_state (self);
}

static void
kdcc_configuration_panel_map (GtkWidget *widget)
{
  KdccConfigurationPanel *self = KDCC_CONFIGURATION_PANEL (widget);

  GTK_WIDGET_CLASS (kdcc_configuration_panel_parent_class)->map (widget);
  if (self->state != NULL)
    kdcc_controls_state_ensure_catalog (self->state);
}

static void
kdcc_configuration_panel_dispose (GObject *object)
{
  KdccConfigurationPanel *self = KDCC_CONFIGURATION_PANEL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->state);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_weak_pointer (&self->editor);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (kdcc_configuration_panel_parent_class)->dispose (object);
}

static void
kdcc_configuration_panel_class_init (KdccConfigurationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KdccPanelClass *panel_class = KDCC_PANEL_CLASS (klass);

  object_class->dispose = kdcc_configuration_panel_dispose;
  panel_class->session_changed = kdcc_configuration_panel_session_changed;
  widget_class->map = kdcc_configuration_panel_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_configuration_panel_init (KdccConfigurationPanel *self)
{
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;
  GtkCustomSorter *sorter;
  GtkWidget *bar;
  GtkWidget *scrolled;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 12);
  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text", _("Search options by name or description"),
                NULL);
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  self->changed_toggle = gtk_toggle_button_new_with_mnemonic (_("_Changed from Default"));
  g_signal_connect_swapped (self->changed_toggle, "toggled", G_CALLBACK (changed_toggled_cb), self);
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_box_append (GTK_BOX (bar), self->search_entry);
  gtk_box_append (GTK_BOX (bar), self->changed_toggle);
  gtk_box_append (GTK_BOX (bar), self->count_label);
  gtk_box_append (GTK_BOX (self->box), bar);

  /* Sort once, then filter the sorted list: a keystroke re-runs only the
   * filter, never the sort. */
  sorter = gtk_custom_sorter_new (kdcc_config_option_compare_grouped, NULL, NULL);
  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (sorter));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)),
                                              GTK_FILTER (self->filter));
  /* Incremental: matching all ~2,000 options takes a third of a
   * millisecond, but the list view's reaction to one big items-changed
   * costs the main thread about twice as long as the first batch does
   * (benchmarks/README.md, bench-configuration-panel). */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered))));
  self->list_view = gtk_list_view_new (selection, factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list_view), TRUE);
  gtk_list_view_set_show_separators (GTK_LIST_VIEW (self->list_view), TRUE);
  gtk_widget_add_css_class (self->list_view, "rich-list");
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list_view);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->status_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status_page), "preferences-other-symbolic");
  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), self->status_page, "status");
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);
}

GtkWidget *
kdcc_configuration_panel_new (void)
{
  return g_object_new (KDCC_TYPE_CONFIGURATION_PANEL, NULL);
}

void
kdcc_configuration_panel_set_search (KdccConfigurationPanel *self,
                                     const char             *text)
{
  g_return_if_fail (KDCC_IS_CONFIGURATION_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Now rather than after the entry's typing delay. */
  search_changed_cb (self);
}

void
kdcc_configuration_panel_set_changed_only (KdccConfigurationPanel *self,
                                           gboolean                changed_only)
{
  g_return_if_fail (KDCC_IS_CONFIGURATION_PANEL (self));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->changed_toggle), changed_only);
}

GListModel *
kdcc_configuration_panel_get_shown (KdccConfigurationPanel *self)
{
  g_return_val_if_fail (KDCC_IS_CONFIGURATION_PANEL (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

gboolean
kdcc_configuration_panel_show_option (KdccConfigurationPanel *self,
                                      const char             *name)
{
  KdccConfigOption *option;

  g_return_val_if_fail (KDCC_IS_CONFIGURATION_PANEL (self), FALSE);

  if (self->state == NULL)
    return FALSE;
  option = kdcc_config_catalog_lookup (kdcc_controls_state_get_catalog (self->state), name);
  if (option == NULL)
    return FALSE;
  open_option (self, option);
  return TRUE;
}

GtkWidget *
kdcc_configuration_panel_get_editor (KdccConfigurationPanel *self)
{
  g_return_val_if_fail (KDCC_IS_CONFIGURATION_PANEL (self), NULL);
  return self->editor;
}
