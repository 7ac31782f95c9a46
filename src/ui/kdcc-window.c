/* kdcc-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-connect-dialog.h"
#include "kdcc-dashboard-panel.h"
#include "kdcc-diagnostics-panel.h"
#include "kdcc-error.h"
#include "kdcc-format.h"
#include "kdcc-health-badge.h"
#include "kdcc-jobs-button.h"
#include "kdcc-panel.h"
#include "kdcc-window.h"

/* The pages of the sidebar. A new panel is one line here. */
typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  GType     (*get_type) (void);
} KdccPanelEntry;

static const KdccPanelEntry panel_entries[] = {
  { "dashboard", N_("Dashboard"), "view-grid-symbolic", kdcc_dashboard_panel_get_type },
  { "diagnostics", N_("Diagnostics"), "emblem-system-symbolic", kdcc_diagnostics_panel_get_type },
};

struct _KdccWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkListBox           *pages_list;
  GtkListBox           *profiles_list;
  GtkWidget            *no_profiles_label;
  GtkListBox           *unsaved_list;
  GtkLabel             *unsaved_label;
  GtkLabel             *title_label;
  KdccHealthBadge      *header_badge;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_title;
  GtkLabel             *banner_detail;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkStack             *panel_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *progress_page;
  AdwStatusPage        *error_page;
  GtkSpinner           *progress_spinner;
  GtkWidget            *demo_button;
  KdccJobsButton       *jobs_button;

  /* Owned references */
  KdccSettings         *settings;
  KdccProfileStore     *profile_store;
  KdccSecretStore      *secret_store;
  KdccDemoCluster      *demo_cluster;
  KdccProfile          *profile;
  KdccSource           *source;
  KdccCluster          *cluster;
  KdccMonitor          *monitor;
  GBinding             *interval_binding;
  GBinding             *heavy_binding;
  GPtrArray            *panels;
  /* The window's long work (diagnostics, ...), shown by jobs_button. */
  KdccJobManager       *job_manager;
  /* Cancelled when the window closes. */
  GCancellable         *cancellable;
  /* Cancelled when the current connection is replaced. */
  GCancellable         *connect_cancellable;
  guint                 banner_tick_id;
  gboolean              demo_starting;
};

G_DEFINE_FINAL_TYPE (KdccWindow, kdcc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_PROFILE_STORE,
  PROP_SECRET_STORE,
  PROP_DEMO_CLUSTER,
  PROP_CLUSTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_state (KdccWindow *self);
static void select_current_profile_row (KdccWindow *self);

/* Status pages ---------------------------------------------------------------- */

static void
show_progress (KdccWindow *self,
               const char *title,
               const char *description)
{
  adw_status_page_set_title (self->progress_page, title);
  adw_status_page_set_description (self->progress_page, description);
  gtk_spinner_start (self->progress_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "progress");
}

static void
show_page (KdccWindow *self,
           const char *name)
{
  if (!g_str_equal (name, "progress"))
    gtk_spinner_stop (self->progress_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

static void
show_error (KdccWindow *self,
            const char *title,
            const char *message)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  show_page (self, "error");
}

static void
update_title (KdccWindow *self)
{
  g_autofree char *name = NULL;

  if (self->profile != NULL)
    name = kdcc_profile_dup_display_name (self->profile);

  /* The sidebar already names the app; an empty content header reads better
   * than the same title twice. */
  gtk_label_set_label (self->title_label, name ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), name ? name : _("Data Control Center"));

  if (self->profile_store != NULL)
    select_current_profile_row (self);
}

/* Stale banner ------------------------------------------------------------------ */

static void
update_banner (KdccWindow *self)
{
  gboolean stale = self->cluster != NULL &&
                   kdcc_cluster_get_stale (self->cluster) &&
                   kdcc_cluster_get_has_data (self->cluster);

  if (stale)
    {
      g_autofree char *text = kdcc_format_stale_message (kdcc_cluster_get_last_update (self->cluster),
                                                         g_get_real_time ());
      const char *error = kdcc_cluster_get_last_error (self->cluster);

      gtk_label_set_label (self->banner_title, text);
      gtk_label_set_label (self->banner_detail, error ? error : "");
      gtk_widget_set_visible (GTK_WIDGET (self->banner_detail), error != NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->banner_detail), error);
    }

  gtk_revealer_set_reveal_child (self->banner_revealer, stale);
}

static gboolean
banner_tick_cb (gpointer user_data)
{
  KdccWindow *self = user_data;

  update_banner (self);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    {
      self->banner_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* Connection state ---------------------------------------------------------------- */

static void
update_actions (KdccWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->monitor != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry", self->monitor != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-connection", self->profile != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-demo",
                                 !self->demo_starting && kdcc_demo_cluster_is_available ());
  /* Pages only make sense for an open cluster. */
  gtk_widget_set_visible (GTK_WIDGET (self->pages_list), self->cluster != NULL);
}

static void
update_state (KdccWindow *self)
{
  gboolean has_data;

  update_actions (self);

  if (self->cluster == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->header_badge), FALSE);
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      return;
    }

  has_data = kdcc_cluster_get_has_data (self->cluster);
  gtk_widget_set_visible (GTK_WIDGET (self->header_badge), has_data);
  kdcc_health_badge_set_status (self->header_badge, kdcc_cluster_get_health (self->cluster));

  if (has_data)
    show_page (self, "cluster");
  else if (kdcc_cluster_get_stale (self->cluster))
    {
      g_autofree char *name = kdcc_profile_dup_display_name (self->profile);
      g_autofree char *title = g_strdup_printf (_("Cannot Connect to %s"), name);

      show_error (self, title, kdcc_cluster_get_last_error (self->cluster));
    }

  update_banner (self);
  if (gtk_revealer_get_reveal_child (self->banner_revealer) && self->banner_tick_id == 0)
    self->banner_tick_id = g_timeout_add_seconds (1, banner_tick_cb, self);
}

static void
cluster_notify_cb (KdccCluster *cluster,
                   GParamSpec  *pspec,
                   KdccWindow  *self)
{
  update_state (self);
}

static void
disconnect_cluster (KdccWindow *self)
{
  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  self->connect_cancellable = g_cancellable_new ();

  g_clear_handle_id (&self->banner_tick_id, g_source_remove);

  for (guint i = 0; i < self->panels->len; i++)
    kdcc_panel_set_cluster (g_ptr_array_index (self->panels, i), NULL);

  if (self->monitor != NULL)
    kdcc_monitor_stop (self->monitor);
  g_clear_pointer (&self->interval_binding, g_binding_unbind);
  g_clear_pointer (&self->heavy_binding, g_binding_unbind);
  g_clear_object (&self->monitor);

  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  g_clear_object (&self->cluster);
  g_clear_object (&self->source);
}

static void
select_current_profile_row (KdccWindow *self)
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
}

void
kdcc_window_open_source (KdccWindow   *self,
                         KdccProfile  *profile,
                         KdccSource   *source,
                         KdccSnapshot *snapshot)
{
  g_autofree char *name = NULL;

  g_return_if_fail (KDCC_IS_WINDOW (self));
  g_return_if_fail (KDCC_IS_PROFILE (profile));
  g_return_if_fail (KDCC_IS_SOURCE (source));

  g_object_ref (profile);
  disconnect_cluster (self);
  g_set_object (&self->profile, profile);
  g_object_unref (profile);

  name = kdcc_profile_dup_display_name (profile);
  self->source = g_object_ref (source);
  self->cluster = kdcc_cluster_new (name);
  self->monitor = kdcc_monitor_new (self->source, self->cluster);
  self->interval_binding = g_object_bind_property (self->settings, "refresh-interval",
                                                   self->monitor, "interval",
                                                   G_BINDING_SYNC_CREATE);
  self->heavy_binding = g_object_bind_property (self->settings, "heavy-refresh-interval",
                                                self->monitor, "heavy-interval",
                                                G_BINDING_SYNC_CREATE);

  if (snapshot != NULL)
    kdcc_cluster_apply_snapshot (self->cluster, snapshot);

  g_signal_connect_object (self->cluster, "notify::has-data",
                           G_CALLBACK (cluster_notify_cb), self, 0);
  g_signal_connect_object (self->cluster, "notify::stale",
                           G_CALLBACK (cluster_notify_cb), self, 0);
  g_signal_connect_object (self->cluster, "notify::health",
                           G_CALLBACK (cluster_notify_cb), self, 0);
  g_signal_connect_object (self->cluster, "notify::last-error",
                           G_CALLBACK (cluster_notify_cb), self, 0);

  for (guint i = 0; i < self->panels->len; i++)
    kdcc_panel_set_cluster (g_ptr_array_index (self->panels, i), self->cluster);

  if (kdcc_profile_store_lookup (self->profile_store, kdcc_profile_get_id (profile)) != NULL)
    kdcc_settings_set_last_profile (self->settings, kdcc_profile_get_id (profile));

  update_title (self);
  select_current_profile_row (self);

  if (!kdcc_cluster_get_has_data (self->cluster))
    {
      g_autofree char *title = g_strdup_printf (_("Connecting to %s…"), name);

      show_progress (self, title, NULL);
    }

  kdcc_monitor_start (self->monitor);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTER]);
}

static void
open_with_password (KdccWindow  *self,
                    KdccProfile *profile,
                    const char  *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSource) source = NULL;

  source = kdcc_profile_create_source (profile, password, &error);
  if (source == NULL)
    {
      g_autofree char *name = kdcc_profile_dup_display_name (profile);
      g_autofree char *title = g_strdup_printf (_("Cannot Connect to %s"), name);

      disconnect_cluster (self);
      g_set_object (&self->profile, profile);
      update_title (self);
      update_state (self);
      show_error (self, title, error->message);
      return;
    }

  kdcc_window_open_source (self, profile, source, NULL);
}

typedef struct
{
  KdccWindow  *self;
  KdccProfile *profile;
} LookupData;

static void
lookup_data_free (LookupData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->profile);
  g_free (data);
}

static void
password_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LookupData *data = user_data;
  KdccWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_auto(KdccSecretPassword) password = NULL;

  password = kdcc_secret_store_lookup_finish (KDCC_SECRET_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      lookup_data_free (data);
      return;
    }

  if (password == NULL)
    {
      g_autofree char *name = kdcc_profile_dup_display_name (data->profile);
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_strdup_printf (_("The password for %s could not be read from the keyring: %s"),
                                   name, error->message);
      else
        message = g_strdup_printf (_("Enter the password for %s."), name);

      show_page (self, self->cluster != NULL ? "cluster" : "empty");
      kdcc_window_show_connect_dialog (self, data->profile, message);
      lookup_data_free (data);
      return;
    }

  open_with_password (self, data->profile, password);
  lookup_data_free (data);
}

void
kdcc_window_open_profile (KdccWindow  *self,
                          KdccProfile *profile,
                          const char  *password)
{
  g_return_if_fail (KDCC_IS_WINDOW (self));
  g_return_if_fail (KDCC_IS_PROFILE (profile));

  if (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD && password == NULL)
    {
      LookupData *data = g_new0 (LookupData, 1);
      g_autofree char *name = kdcc_profile_dup_display_name (profile);
      g_autofree char *title = g_strdup_printf (_("Connecting to %s…"), name);

      g_object_ref (profile);
      disconnect_cluster (self);
      g_set_object (&self->profile, profile);
      g_object_unref (profile);
      update_title (self);
      update_state (self);
      show_progress (self, title, NULL);

      data->self = g_object_ref (self);
      data->profile = g_object_ref (profile);
      kdcc_secret_store_lookup_async (self->secret_store, profile, self->connect_cancellable,
                                      password_lookup_cb, data);
      return;
    }

  open_with_password (self, profile, password);
}

void
kdcc_window_close_cluster (KdccWindow *self)
{
  g_return_if_fail (KDCC_IS_WINDOW (self));

  disconnect_cluster (self);
  g_clear_object (&self->profile);
  update_title (self);
  update_state (self);
  select_current_profile_row (self);
  show_page (self, "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTER]);
}

/* Connect dialog ---------------------------------------------------------------- */

static void
dialog_connected_cb (KdccConnectDialog *dialog,
                     KdccProfile       *profile,
                     KdccSource        *source,
                     gpointer           snapshot,
                     const char        *notice,
                     KdccWindow        *self)
{
  kdcc_window_open_source (self, profile, source, snapshot);

  if (notice != NULL)
    kdcc_window_add_toast (self, notice);
}

GtkWindow *
kdcc_window_show_connect_dialog (KdccWindow  *self,
                                 KdccProfile *profile,
                                 const char  *message)
{
  KdccConnectDialog *dialog;

  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  dialog = kdcc_connect_dialog_new (GTK_WINDOW (self), self->profile_store, self->secret_store);
  if (profile != NULL)
    kdcc_connect_dialog_set_profile (dialog, profile);
  if (message != NULL)
    kdcc_connect_dialog_set_message (dialog, message);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (dialog_connected_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

void
kdcc_window_add_toast (KdccWindow *self,
                       const char *title)
{
  AdwToast *toast;

  g_return_if_fail (KDCC_IS_WINDOW (self));

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Demo cluster ------------------------------------------------------------------- */

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KdccWindow) self = user_data;
  KdccDemoCluster *demo = KDCC_DEMO_CLUSTER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccProfile) profile = NULL;

  self->demo_starting = FALSE;

  if (!kdcc_demo_cluster_start_finish (demo, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      update_actions (self);
      show_error (self, _("Cannot Start the Demo Cluster"), error->message);
      return;
    }

  /* The demo is not saved: it is gone after the app quits. */
  profile = kdcc_profile_new (KDCC_PROFILE_KIND_DIRECT);
  kdcc_profile_set_name (profile, _("Local Demo Cluster"));
  kdcc_profile_set_conf_path (profile, kdcc_demo_cluster_get_conf (demo));
  kdcc_profile_set_keyring_path (profile, kdcc_demo_cluster_get_keyring (demo));
  kdcc_profile_set_client_id (profile, kdcc_demo_cluster_get_client_id (demo));

  kdcc_window_open_profile (self, profile, NULL);
}

void
kdcc_window_start_demo (KdccWindow *self)
{
  g_return_if_fail (KDCC_IS_WINDOW (self));

  if (self->demo_starting)
    return;

  if (self->demo_cluster == NULL)
    self->demo_cluster = kdcc_demo_cluster_new ();

  self->demo_starting = TRUE;
  disconnect_cluster (self);
  g_clear_object (&self->profile);
  update_title (self);
  update_state (self);
  show_progress (self,
                 _("Starting a Demo Cluster…"),
                 _("Starting a throwaway Ceph cluster on 127.0.0.1. This takes about a minute."));

  kdcc_demo_cluster_start_async (self->demo_cluster, self->cancellable, demo_started_cb,
                                 g_object_ref (self));
}

/* Sidebar -------------------------------------------------------------------------- */

static GtkWidget *
create_sidebar_row (const char *icon_name,
                    const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "kdcc-label", label);

  return row;
}

static void
profile_name_changed_cb (KdccProfile *profile,
                         GParamSpec  *pspec,
                         GtkLabel    *label)
{
  g_autofree char *name = kdcc_profile_dup_display_name (profile);

  gtk_label_set_label (label, name);
}

static void
profile_row_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        GtkWidget       *row)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (row), "kdcc-popover");

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
profile_row_destroy_cb (GtkWidget *row,
                        gpointer   user_data)
{
  GtkWidget *popover = g_object_steal_data (G_OBJECT (row), "kdcc-popover");

  if (popover != NULL)
    gtk_widget_unparent (popover);
}

static void
profile_row_long_pressed_cb (GtkGestureLongPress *gesture,
                             double               x,
                             double               y,
                             GtkWidget           *row)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (row), "kdcc-popover");

  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (popover));
}

static GtkWidget *
create_profile_row_cb (gpointer item,
                       gpointer user_data)
{
  KdccProfile *profile = item;
  g_autofree char *name = kdcc_profile_dup_display_name (profile);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = NULL;
  g_autoptr(GMenuItem) remove = NULL;
  GtkGesture *gesture;
  GtkWidget *popover;
  GtkWidget *row;

  row = create_sidebar_row (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD
                              ? "web-browser-symbolic" : "drive-multidisk-symbolic",
                            name);
  gtk_widget_set_tooltip_text (row, name);
  g_signal_connect_object (profile, "notify::name", G_CALLBACK (profile_name_changed_cb),
                           g_object_get_data (G_OBJECT (row), "kdcc-label"), 0);

  /* A context menu (right click, long press) to edit or forget a cluster. */
  edit = g_menu_item_new (_("_Edit Connection…"), NULL);
  g_menu_item_set_action_and_target (edit, "win.edit-profile", "s", kdcc_profile_get_id (profile));
  g_menu_append_item (menu, edit);
  remove = g_menu_item_new (_("_Remove"), NULL);
  g_menu_item_set_action_and_target (remove, "win.remove-profile", "s",
                                     kdcc_profile_get_id (profile));
  g_menu_append_item (menu, remove);

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, row);
  g_object_set_data (G_OBJECT (row), "kdcc-popover", popover);
  /* GtkListBoxRow knows nothing of this extra child: drop it in dispose,
   * before GTK checks that no children are left. */
  g_signal_connect (row, "destroy", G_CALLBACK (profile_row_destroy_cb), NULL);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (profile_row_pressed_cb), row, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (profile_row_long_pressed_cb), row, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));

  return row;
}

static void
profiles_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     KdccWindow *self)
{
  select_current_profile_row (self);
}

static void
profile_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          KdccWindow    *self)
{
  g_autoptr(KdccProfile) profile =
    g_list_model_get_item (G_LIST_MODEL (self->profile_store), gtk_list_box_row_get_index (row));

  if (profile == NULL)
    return;

  if (self->profile == NULL ||
      g_strcmp0 (kdcc_profile_get_id (profile), kdcc_profile_get_id (self->profile)) != 0 ||
      self->cluster == NULL)
    kdcc_window_open_profile (self, profile, NULL);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
page_row_activated_cb (GtkListBox    *list,
                       GtkListBoxRow *row,
                       KdccWindow    *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || index >= (int) G_N_ELEMENTS (panel_entries))
    return;

  gtk_stack_set_visible_child_name (self->panel_stack, panel_entries[index].name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Actions ---------------------------------------------------------------------------- */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  KdccWindow *self = KDCC_WINDOW (widget);

  if (self->monitor != NULL)
    kdcc_monitor_refresh_now (self->monitor);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  kdcc_window_show_connect_dialog (KDCC_WINDOW (widget), NULL, NULL);
}

static void
edit_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  KdccWindow *self = KDCC_WINDOW (widget);

  kdcc_window_show_connect_dialog (self, self->profile, NULL);
}

static void
edit_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  KdccWindow *self = KDCC_WINDOW (widget);
  KdccProfile *profile = kdcc_profile_store_lookup (self->profile_store,
                                                    g_variant_get_string (param, NULL));

  if (profile != NULL)
    kdcc_window_show_connect_dialog (self, profile, NULL);
}

static void
secret_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Nothing to tell the user: the profile is gone either way. */
  if (!kdcc_secret_store_clear_finish (KDCC_SECRET_STORE (object), result, &error))
    g_debug ("Could not remove a saved password: %s", error->message);
}

typedef struct
{
  KdccWindow *self;
  char       *id;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_object_unref (data->self);
  g_free (data->id);
  g_free (data);
}

static gboolean
remove_profile_idle_cb (gpointer user_data)
{
  RemoveData *data = user_data;
  KdccWindow *self = data->self;
  const char *id = data->id;
  KdccProfile *found = kdcc_profile_store_lookup (self->profile_store, id);
  g_autoptr(KdccProfile) profile = found ? g_object_ref (found) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;

  if (profile == NULL)
    return G_SOURCE_REMOVE;

  if (self->profile != NULL && g_strcmp0 (kdcc_profile_get_id (self->profile), id) == 0)
    kdcc_window_close_cluster (self);

  name = kdcc_profile_dup_display_name (profile);
  if (!kdcc_profile_store_remove (self->profile_store, id, &error))
    {
      kdcc_window_add_toast (self, error->message);
      return G_SOURCE_REMOVE;
    }

  if (g_strcmp0 (kdcc_settings_get_last_profile (self->settings), id) == 0)
    kdcc_settings_set_last_profile (self->settings, NULL);

  kdcc_secret_store_clear_async (self->secret_store, profile, NULL, secret_cleared_cb, NULL);

  /* Translators: %s is a cluster's name */
  toast = g_strdup_printf (_("Removed %s"), name);
  kdcc_window_add_toast (self, toast);

  return G_SOURCE_REMOVE;
}

static void
remove_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RemoveData *data = g_new0 (RemoveData, 1);

  /* The row whose menu triggered this goes away with the profile: let the
   * menu finish first. */
  data->self = g_object_ref (KDCC_WINDOW (widget));
  data->id = g_variant_dup_string (param, NULL);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, remove_profile_idle_cb, data,
                   (GDestroyNotify) remove_data_free);
}

static void
start_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  kdcc_window_start_demo (KDCC_WINDOW (widget));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  adw_leaflet_navigate (KDCC_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* GObject ---------------------------------------------------------------------------- */

static gboolean
kdcc_window_close_request (GtkWindow *window)
{
  KdccWindow *self = KDCC_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  kdcc_settings_set_window_state (self->settings, width, height,
                                  gtk_window_is_maximized (window));

  g_cancellable_cancel (self->cancellable);
  disconnect_cluster (self);

  return GTK_WINDOW_CLASS (kdcc_window_parent_class)->close_request (window);
}

static void
kdcc_window_constructed (GObject *object)
{
  KdccWindow *self = (KdccWindow *)object;
  int width, height;
  gboolean maximized;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (kdcc_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = kdcc_settings_new ();
  if (self->profile_store == NULL)
    {
      self->profile_store = kdcc_profile_store_new (NULL);
      if (!kdcc_profile_store_load (self->profile_store, &error))
        g_warning ("%s", error->message);
    }
  if (self->secret_store == NULL)
    self->secret_store = kdcc_secret_store_new ();

  kdcc_settings_get_window_state (self->settings, &width, &height, &maximized);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_list_box_bind_model (self->profiles_list, G_LIST_MODEL (self->profile_store),
                           create_profile_row_cb, self, NULL);
  g_signal_connect_object (self->profile_store, "items-changed",
                           G_CALLBACK (profiles_changed_cb), self, 0);
  select_current_profile_row (self);

  gtk_widget_set_visible (self->demo_button, kdcc_demo_cluster_is_available ());
  update_title (self);
  update_state (self);
}

static void
kdcc_window_dispose (GObject *object)
{
  KdccWindow *self = (KdccWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->job_manager != NULL)
    kdcc_job_manager_cancel_all (self->job_manager);
  if (self->panels != NULL)
    disconnect_cluster (self);

  if (self->profiles_list != NULL)
    gtk_list_box_bind_model (self->profiles_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_WINDOW);

  g_clear_pointer (&self->panels, g_ptr_array_unref);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile_store);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->demo_cluster);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connect_cancellable);
  g_clear_object (&self->job_manager);

  G_OBJECT_CLASS (kdcc_window_parent_class)->dispose (object);
}

static void
kdcc_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KdccWindow *self = KDCC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_PROFILE_STORE:
      g_value_set_object (value, self->profile_store);
      break;
    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secret_store);
      break;
    case PROP_DEMO_CLUSTER:
      g_value_set_object (value, self->demo_cluster);
      break;
    case PROP_CLUSTER:
      g_value_set_object (value, self->cluster);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KdccWindow *self = KDCC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_PROFILE_STORE:
      self->profile_store = g_value_dup_object (value);
      break;
    case PROP_SECRET_STORE:
      self->secret_store = g_value_dup_object (value);
      break;
    case PROP_DEMO_CLUSTER:
      self->demo_cluster = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_window_class_init (KdccWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kdcc_window_constructed;
  object_class->dispose = kdcc_window_dispose;
  object_class->get_property = kdcc_window_get_property;
  object_class->set_property = kdcc_window_set_property;
  window_class->close_request = kdcc_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, KDCC_TYPE_SETTINGS, co);
  properties[PROP_PROFILE_STORE] =
    g_param_spec_object ("profile-store", NULL, NULL, KDCC_TYPE_PROFILE_STORE, co);
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL, KDCC_TYPE_SECRET_STORE, co);
  properties[PROP_DEMO_CLUSTER] =
    g_param_spec_object ("demo-cluster", NULL, NULL, KDCC_TYPE_DEMO_CLUSTER, co);
  properties[PROP_CLUSTER] =
    g_param_spec_object ("cluster", NULL, NULL, KDCC_TYPE_CLUSTER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/kdcc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, pages_list);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, profiles_list);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, no_profiles_label);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, unsaved_list);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, unsaved_label);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, header_badge);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, banner_title);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, banner_detail);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, jobs_button);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.edit-connection", NULL,
                                   edit_connection_action);
  gtk_widget_class_install_action (widget_class, "win.start-demo", NULL, start_demo_action);
  gtk_widget_class_install_action (widget_class, "win.edit-profile", "s", edit_profile_action);
  gtk_widget_class_install_action (widget_class, "win.remove-profile", "s",
                                   remove_profile_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.connect", NULL);
}

static void
kdcc_window_init (KdccWindow *self)
{
  g_type_ensure (KDCC_TYPE_HEALTH_BADGE);
  g_type_ensure (KDCC_TYPE_JOBS_BUTTON);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->connect_cancellable = g_cancellable_new ();
  self->panels = g_ptr_array_new ();
  self->job_manager = kdcc_job_manager_new ();
  kdcc_jobs_button_set_job_manager (self->jobs_button, self->job_manager);

  for (guint i = 0; i < G_N_ELEMENTS (panel_entries); i++)
    {
      const KdccPanelEntry *entry = &panel_entries[i];
      GtkWidget *panel = g_object_new (entry->get_type (), NULL);
      GtkStackPage *page = gtk_stack_add_named (self->panel_stack, panel, entry->name);

      gtk_stack_page_set_title (page, _(entry->title));
      gtk_stack_page_set_icon_name (page, entry->icon_name);
      g_ptr_array_add (self->panels, panel);
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (panel), "job-manager") != NULL)
        g_object_set (panel, "job-manager", self->job_manager, NULL);
      gtk_list_box_append (self->pages_list, create_sidebar_row (entry->icon_name, _(entry->title)));
    }
  gtk_list_box_select_row (self->pages_list, gtk_list_box_get_row_at_index (self->pages_list, 0));

  g_signal_connect_object (self->pages_list, "row-activated",
                           G_CALLBACK (page_row_activated_cb), self, 0);
  g_signal_connect_object (self->profiles_list, "row-activated",
                           G_CALLBACK (profile_row_activated_cb), self, 0);

  show_page (self, "empty");
}

KdccJobManager *
kdcc_window_get_job_manager (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);
  return self->job_manager;
}

KdccWindow *
kdcc_window_new (GtkApplication   *application,
                 KdccSettings     *settings,
                 KdccProfileStore *profile_store,
                 KdccSecretStore  *secret_store,
                 KdccDemoCluster  *demo_cluster)
{
  return g_object_new (KDCC_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "profile-store", profile_store,
                       "secret-store", secret_store,
                       "demo-cluster", demo_cluster,
                       NULL);
}

KdccCluster *
kdcc_window_get_cluster (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return self->cluster;
}

KdccMonitor *
kdcc_window_get_monitor (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return self->monitor;
}

KdccProfile *
kdcc_window_get_profile (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return self->profile;
}

const char *
kdcc_window_get_visible_page (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

GtkWidget *
kdcc_window_get_panel (KdccWindow *self,
                       const char *name)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->panel_stack, name);
}

GtkWidget *
kdcc_window_get_header_badge (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->header_badge);
}

gboolean
kdcc_window_get_banner_revealed (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

const char *
kdcc_window_get_banner_text (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->banner_title);
}

const char *
kdcc_window_get_error_text (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return adw_status_page_get_description (self->error_page);
}
