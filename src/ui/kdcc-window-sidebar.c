/* kdcc-window-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's sidebar (pages from the registry, grouped by section; the
 * saved clusters) and in-page navigation: a history of panel_stack children
 * that sub-pages and shown subjects push onto and "win.go-back" pops.
 */
#define G_LOG_DOMAIN "kdcc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-page-registry.h"
#include "kdcc-page-row.h"
#include "kdcc-panel.h"
#include "kdcc-profile-row.h"
#include "kdcc-window-private.h"

#define SUBPAGE_PREFIX "subpage-"

/* Page rows ----------------------------------------------------------------- */

static void
section_header_cb (GtkListBoxRow *row,
                   GtkListBoxRow *before,
                   gpointer       user_data)
{
  const KdccPageEntry *entry = kdcc_page_row_get_entry (KDCC_PAGE_ROW (row));
  GtkWidget *header;

  if (before != NULL && kdcc_page_row_get_entry (KDCC_PAGE_ROW (before))->section == entry->section)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (kdcc_page_section_get_title (entry->section));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (header, "sidebar-section");
  gtk_list_box_row_set_header (row, header);
}

static KdccPageRow *
find_page_row (KdccWindow *self,
               const char *id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->pages_list, i)) != NULL; i++)
    if (g_strcmp0 (kdcc_page_row_get_entry (KDCC_PAGE_ROW (row))->id, id) == 0)
      return KDCC_PAGE_ROW (row);

  return NULL;
}

static gboolean
is_subpage (const char *name)
{
  return name != NULL && g_str_has_prefix (name, SUBPAGE_PREFIX);
}

void
_kdcc_window_update_page_rows (KdccWindow *self)
{
  KdccCapabilities capabilities = _kdcc_window_get_capabilities (self);
  const char *visible = gtk_stack_get_visible_child_name (self->panel_stack);
  GtkListBoxRow *row;
  gboolean leave = FALSE;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->pages_list, i)) != NULL; i++)
    {
      const KdccPageEntry *entry = kdcc_page_row_get_entry (KDCC_PAGE_ROW (row));
      const char *reason = kdcc_page_entry_get_missing_reason (entry, capabilities);

      gboolean present = entry->is_present == NULL ||
                         (self->cluster != NULL && entry->is_present (self->cluster));

      kdcc_page_row_set_reason (KDCC_PAGE_ROW (row), reason);
      gtk_widget_set_visible (GTK_WIDGET (row), present);
      if ((reason != NULL || !present) && g_strcmp0 (visible, entry->id) == 0)
        leave = TRUE;
    }

  /* Never an empty page: the first page is there for every connection. */
  if (leave || (visible != NULL && !is_subpage (visible) &&
                kdcc_page_registry_lookup (visible) == NULL))
    {
      guint n;
      const KdccPageEntry *const *entries = kdcc_page_registry_get_entries (&n);

      _kdcc_window_navigate (self, entries[0]->id, FALSE);
    }
}

static void
panel_push_subpage_cb (KdccPanel  *panel,
                       GtkWidget  *page,
                       const char *title,
                       KdccWindow *self)
{
  g_autofree char *name = g_strdup_printf (SUBPAGE_PREFIX "%u", ++self->next_subpage);
  GtkStackPage *stack_page = gtk_stack_add_named (self->panel_stack, page, name);

  gtk_stack_page_set_title (stack_page, title);
  _kdcc_window_navigate (self, name, TRUE);
}

static void
page_row_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       KdccWindow    *self)
{
  const KdccPageEntry *entry = kdcc_page_row_get_entry (KDCC_PAGE_ROW (row));

  if (kdcc_page_row_get_reason (KDCC_PAGE_ROW (row)) != NULL)
    return;

  _kdcc_window_navigate (self, entry->id, FALSE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Navigation ------------------------------------------------------------------ */

static void
remove_unreachable_subpages (KdccWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->panel_stack);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->panel_stack));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      const char *name = gtk_stack_page_get_name (gtk_stack_get_page (self->panel_stack, child));
      gboolean reachable = g_strcmp0 (name, visible) == 0;

      for (guint i = 0; !reachable && i < self->history->len; i++)
        reachable = g_strcmp0 (g_ptr_array_index (self->history, i), name) == 0;

      if (is_subpage (name) && !reachable)
        gtk_stack_remove (self->panel_stack, child);
      child = next;
    }
}

void
_kdcc_window_update_navigation (KdccWindow *self)
{
  gboolean can_go_back = self->history->len > 0;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, can_go_back);
  gtk_widget_set_visible (self->sidebar_button, folded && !can_go_back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", can_go_back);
}

void
_kdcc_window_navigate (KdccWindow *self,
                       const char *name,
                       gboolean    push)
{
  const char *current = gtk_stack_get_visible_child_name (self->panel_stack);
  KdccPageRow *row;

  g_return_if_fail (gtk_stack_get_child_by_name (self->panel_stack, name) != NULL);

  if (!push)
    g_ptr_array_set_size (self->history, 0);
  else if (current != NULL && g_strcmp0 (current, name) != 0)
    g_ptr_array_add (self->history, g_strdup (current));

  gtk_stack_set_visible_child_name (self->panel_stack, name);
  remove_unreachable_subpages (self);

  /* The sidebar follows top-level pages; a sub-page keeps its parent's row. */
  row = find_page_row (self, name);
  if (row != NULL)
    gtk_list_box_select_row (self->pages_list, GTK_LIST_BOX_ROW (row));

  _kdcc_window_update_title (self);
  _kdcc_window_update_navigation (self);
}

gboolean
_kdcc_window_go_back (KdccWindow *self)
{
  g_autofree char *name = NULL;
  KdccPageRow *row;

  if (self->history->len == 0)
    return FALSE;

  name = g_ptr_array_steal_index (self->history, self->history->len - 1);
  gtk_stack_set_visible_child_name (self->panel_stack, name);
  remove_unreachable_subpages (self);

  row = find_page_row (self, name);
  if (row != NULL)
    gtk_list_box_select_row (self->pages_list, GTK_LIST_BOX_ROW (row));

  _kdcc_window_update_title (self);
  _kdcc_window_update_navigation (self);

  return TRUE;
}

void
_kdcc_window_show_subject (KdccWindow *self,
                           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSubject) subject = kdcc_subject_parse (text, &error);
  const KdccPageEntry *entry;
  const char *reason;
  GtkWidget *panel;
  guint history_len;
  guint subpages;
  gboolean shown;

  if (subject == NULL)
    {
      kdcc_window_add_toast (self, error->message);
      return;
    }

  entry = kdcc_page_registry_find_for_kind (kdcc_subject_get_kind (subject));
  if (entry == NULL)
    {
      /* Translators: %s is a subject such as "osd.3" or "pool/rbd" */
      g_autofree char *toast = g_strdup_printf (_("Nothing shows %s yet"), text);

      kdcc_window_add_toast (self, toast);
      return;
    }

  if (self->cluster == NULL)
    {
      kdcc_window_add_toast (self, _("Connect to a cluster first"));
      return;
    }

  reason = kdcc_page_entry_get_missing_reason (entry, _kdcc_window_get_capabilities (self));
  if (reason != NULL)
    {
      kdcc_window_add_toast (self, reason);
      return;
    }

  panel = gtk_stack_get_child_by_name (self->panel_stack, entry->id);
  history_len = self->history->len;
  subpages = self->next_subpage;
  _kdcc_window_navigate (self, entry->id, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  shown = kdcc_panel_show_subject (KDCC_PANEL (panel), subject);
  /* A subject with a page of its own (osd.3) opened that page on top of
   * its panel: Back returns to where the link was, not to the list. */
  if (shown && self->next_subpage != subpages && self->history->len == history_len + 2)
    {
      g_ptr_array_remove_index (self->history, history_len + 1);
      _kdcc_window_update_navigation (self);
    }

  /* Nothing to show there: stay where the link was. */
  if (!shown && self->history->len == history_len + 1)
    _kdcc_window_go_back (self);

  if (!shown)
    {
      /* Translators: %s is a subject such as "health/OSD_DOWN" */
      g_autofree char *toast = g_strdup_printf (_("%s is not in this cluster"), text);

      kdcc_window_add_toast (self, toast);
    }
}

/* Saved clusters --------------------------------------------------------------- */

void
_kdcc_window_select_current_profile_row (KdccWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->profile_store);
  guint n = g_list_model_get_n_items (model);
  gboolean saved = FALSE;

  for (guint i = 0; i < n && self->profile != NULL && !saved; i++)
    {
      g_autoptr(KdccProfile) profile = g_list_model_get_item (model, i);

      if (g_strcmp0 (kdcc_profile_get_id (profile), kdcc_profile_get_id (self->profile)) == 0)
        {
          gtk_list_box_select_row (self->profiles_list,
                                   gtk_list_box_get_row_at_index (self->profiles_list, i));
          saved = TRUE;
        }
    }

  if (!saved)
    gtk_list_box_unselect_all (self->profiles_list);

  /* A cluster opened from the command line or as the demo still gets a
   * place in the sidebar, so the user sees what is open. */
  if (self->profile != NULL && !saved)
    {
      g_autofree char *name = kdcc_profile_dup_display_name (self->profile);

      gtk_label_set_label (self->unsaved_label, name);
      gtk_list_box_select_row (self->unsaved_list,
                               gtk_list_box_get_row_at_index (self->unsaved_list, 0));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unsaved_list), self->profile != NULL && !saved);
  gtk_widget_set_visible (self->no_profiles_label, n == 0 && (self->profile == NULL || saved));
  _kdcc_window_update_profile_health (self);
}

static void
update_profile_row_health (KdccWindow     *self,
                           KdccProfileRow *row)
{
  const char *id = kdcc_profile_get_id (kdcc_profile_row_get_profile (row));
  gboolean open = self->profile != NULL && self->cluster != NULL &&
                  g_strcmp0 (kdcc_profile_get_id (self->profile), id) == 0;

  if (open && kdcc_cluster_get_has_data (self->cluster) && !kdcc_cluster_get_stale (self->cluster))
    {
      KdccHealthStatus health = kdcc_cluster_get_health (self->cluster);
      KdccProfile *saved = kdcc_profile_row_get_profile (row);
      const char *fsid = kdcc_cluster_get_fsid (self->cluster);

      /* Profiles saved before KDCC kept the fsid learn it here, so a second
       * "add" of the same cluster is caught. */
      if (fsid != NULL && *fsid != '\0' && g_strcmp0 (kdcc_profile_get_fsid (saved), fsid) != 0)
        {
          g_autoptr(GError) error = NULL;

          kdcc_profile_set_fsid (saved, fsid);
          if (!kdcc_profile_store_save (self->profile_store, &error))
            g_debug ("Could not save the fsid: %s", error->message);
        }

      kdcc_profile_row_set_health (row, health, TRUE);
      kdcc_settings_set_profile_health (self->settings, id, health);
    }
  else
    kdcc_profile_row_set_health (row, kdcc_settings_get_profile_health (self->settings, id), FALSE);
}

void
_kdcc_window_update_profile_health (KdccWindow *self)
{
  GtkListBoxRow *row;

  if (self->profiles_list == NULL)
    return;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->profiles_list, i)) != NULL; i++)
    update_profile_row_health (self, KDCC_PROFILE_ROW (row));
}

static GtkWidget *
create_profile_row_cb (gpointer item,
                       gpointer user_data)
{
  KdccWindow *self = user_data;
  GtkWidget *row = kdcc_profile_row_new (KDCC_PROFILE (item));

  update_profile_row_health (self, KDCC_PROFILE_ROW (row));

  return row;
}

static void
profiles_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     KdccWindow *self)
{
  _kdcc_window_select_current_profile_row (self);
}

static void
profile_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          KdccWindow    *self)
{
  KdccProfile *profile = kdcc_profile_row_get_profile (KDCC_PROFILE_ROW (row));

  if (self->profile == NULL ||
      g_strcmp0 (kdcc_profile_get_id (profile), kdcc_profile_get_id (self->profile)) != 0 ||
      self->cluster == NULL)
    kdcc_window_open_profile (self, profile, NULL);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
folded_changed_cb (KdccWindow *self)
{
  _kdcc_window_update_navigation (self);
}

/* Setup ------------------------------------------------------------------------ */

void
_kdcc_window_sidebar_init (KdccWindow *self)
{
  guint n_entries;
  const KdccPageEntry *const *entries = kdcc_page_registry_get_entries (&n_entries);

  g_type_ensure (KDCC_TYPE_PAGE_ROW);
  g_type_ensure (KDCC_TYPE_PROFILE_ROW);

  self->panels = g_ptr_array_new ();
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  gtk_list_box_set_header_func (self->pages_list, section_header_cb, NULL, NULL);

  for (guint i = 0; i < n_entries; i++)
    {
      const KdccPageEntry *entry = entries[i];
      GtkWidget *panel = g_object_new (entry->get_type (), NULL);
      GtkWidget *row;
      GtkStackPage *page = gtk_stack_add_named (self->panel_stack, panel, entry->id);

      g_return_if_fail (KDCC_IS_PANEL (panel));

      gtk_stack_page_set_title (page, _(entry->title));
      gtk_stack_page_set_icon_name (page, entry->icon_name);
      g_ptr_array_add (self->panels, panel);
      /* Panels with long work list it in the header's jobs button. */
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (panel), "job-manager") != NULL)
        g_object_set (panel, "job-manager", self->job_manager, NULL);
      g_signal_connect_object (panel, "push-subpage", G_CALLBACK (panel_push_subpage_cb), self, 0);
      row = kdcc_page_row_new (entry);
      /* A panel can say something at a glance in its row (Staged
       * Changes: how many). */
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (panel), "badge") != NULL)
        g_object_bind_property (panel, "badge", row, "badge", G_BINDING_SYNC_CREATE);
      gtk_list_box_append (self->pages_list, row);
    }

  g_signal_connect_object (self->pages_list, "row-activated",
                           G_CALLBACK (page_row_activated_cb), self, 0);
  g_signal_connect_object (self->profiles_list, "row-activated",
                           G_CALLBACK (profile_row_activated_cb), self, 0);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);

  _kdcc_window_navigate (self, entries[0]->id, FALSE);
  _kdcc_window_update_page_rows (self);
}

void
_kdcc_window_sidebar_bind_profiles (KdccWindow *self)
{
  gtk_list_box_bind_model (self->profiles_list, G_LIST_MODEL (self->profile_store),
                           create_profile_row_cb, self, NULL);
  g_signal_connect_object (self->profile_store, "items-changed",
                           G_CALLBACK (profiles_changed_cb), self, 0);
  _kdcc_window_select_current_profile_row (self);
}

void
_kdcc_window_sidebar_dispose (KdccWindow *self)
{
  if (self->profiles_list != NULL)
    gtk_list_box_bind_model (self->profiles_list, NULL, NULL, NULL, NULL);
  g_clear_pointer (&self->history, g_ptr_array_unref);
}

void
kdcc_window_show_page (KdccWindow *self,
                       const char *page_id)
{
  g_return_if_fail (KDCC_IS_WINDOW (self));
  g_return_if_fail (page_id != NULL);

  /* A notification may name a page the connection does not offer. */
  if (gtk_stack_get_child_by_name (self->panel_stack, page_id) != NULL)
    _kdcc_window_navigate (self, page_id, FALSE);
}
