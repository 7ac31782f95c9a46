/* kdcc-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's win.* actions and their keyboard shortcuts, and the demo
 * cluster that "win.start-demo" starts.
 */
#define G_LOG_DOMAIN "kdcc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-window-private.h"

void
_kdcc_window_update_actions (KdccWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->monitor != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry", self->monitor != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-connection", self->profile != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-demo",
                                 !self->demo_starting && kdcc_demo_cluster_is_available ());
  /* Muting is a write, offered only where the connection can do it. */
  {
    gboolean can_mute = self->session != NULL &&
                        kdcc_session_has_capabilities (self->session, KDCC_CAPABILITY_HEALTH_MUTE);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mute-health", can_mute);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unmute-health", can_mute);
  }
  /* Pages only make sense for an open cluster. */
  gtk_widget_set_visible (GTK_WIDGET (self->pages_list), self->cluster != NULL);
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

      _kdcc_window_update_actions (self);
      _kdcc_window_show_error (self, _("Cannot Start the Demo Cluster"), error->message);
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
  _kdcc_window_disconnect (self);
  g_clear_object (&self->profile);
  _kdcc_window_update_title (self);
  _kdcc_window_update_state (self);
  _kdcc_window_show_progress (self,
                              _("Starting a Demo Cluster…"),
                              _("Starting a throwaway Ceph cluster on 127.0.0.1. "
                                "This takes about a minute."));

  kdcc_demo_cluster_start_async (self->demo_cluster, self->cancellable, demo_started_cb,
                                 g_object_ref (self));
}

/* Actions ------------------------------------------------------------------------ */

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

/* The toast went without an Undo: now the password goes too. */
static void
removed_toast_dismissed_cb (AdwToast   *toast,
                            KdccWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (toast), "kdcc-profile-id");
  KdccProfile *profile = self->removed ? g_hash_table_lookup (self->removed, id) : NULL;

  if (profile == NULL)
    return;
  if (kdcc_profile_store_lookup (self->profile_store, id) == NULL)
    kdcc_secret_store_clear_async (self->secret_store, profile, NULL, secret_cleared_cb, NULL);
  if (g_strcmp0 (self->removed_open_id, id) == 0)
    g_clear_pointer (&self->removed_open_id, g_free);
  g_hash_table_remove (self->removed, id);
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
  g_autofree char *title = NULL;
  gboolean was_open;
  AdwToast *toast;

  if (profile == NULL)
    return G_SOURCE_REMOVE;

  was_open = self->profile != NULL && g_strcmp0 (kdcc_profile_get_id (self->profile), id) == 0;

  name = kdcc_profile_dup_display_name (profile);
  if (!kdcc_profile_store_remove (self->profile_store, id, &error))
    {
      kdcc_window_add_toast (self, error->message);
      return G_SOURCE_REMOVE;
    }

  if (g_strcmp0 (kdcc_settings_get_last_profile (self->settings), id) == 0)
    kdcc_settings_set_last_profile (self->settings, NULL);

  if (was_open)
    {
      kdcc_window_close_cluster (self);
      g_free (self->removed_open_id);
      self->removed_open_id = g_strdup (id);

      /* Another saved cluster rather than the first-run screen. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->profile_store)) > 0)
        {
          g_autoptr(KdccProfile) next = g_list_model_get_item (G_LIST_MODEL (self->profile_store), 0);

          kdcc_window_open_profile (self, next, NULL);
        }
    }

  g_hash_table_replace (self->removed, g_strdup (id), g_object_ref (profile));

  /* Translators: %s is a cluster's name */
  title = g_strdup_printf (_("Removed %s"), name);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  g_object_set_data_full (G_OBJECT (toast), "kdcc-profile-id", g_strdup (id), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (removed_toast_dismissed_cb), self, 0);
  _kdcc_window_show_toast (self, toast);

  return G_SOURCE_REMOVE;
}

void
_kdcc_window_forget_removed (KdccWindow *self)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->removed == NULL || self->secret_store == NULL)
    return;

  /* The window goes before the toasts do: no Undo any more. */
  g_hash_table_iter_init (&iter, self->removed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (kdcc_profile_store_lookup (self->profile_store, key) == NULL)
      kdcc_secret_store_clear_async (self->secret_store, value, NULL, secret_cleared_cb, NULL);
  g_hash_table_remove_all (self->removed);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  KdccWindow *self = KDCC_WINDOW (widget);
  const char *id = g_variant_get_string (param, NULL);
  KdccProfile *profile = g_hash_table_lookup (self->removed, id);
  g_autoptr(GError) error = NULL;

  if (profile == NULL || kdcc_profile_store_lookup (self->profile_store, id) != NULL)
    return;

  if (!kdcc_profile_store_add (self->profile_store, profile, &error))
    {
      kdcc_window_add_toast (self, error->message);
      return;
    }

  /* The cluster that was open comes back open. */
  if (g_strcmp0 (self->removed_open_id, id) == 0)
    {
      g_clear_pointer (&self->removed_open_id, g_free);
      kdcc_window_open_profile (self, profile, NULL);
    }
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

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _kdcc_window_go_back (KDCC_WINDOW (widget));
}

static void
show_subject_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _kdcc_window_show_subject (KDCC_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
mute_health_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _kdcc_window_confirm_mute (KDCC_WINDOW (widget), g_variant_get_string (param, NULL),
                             g_str_equal (action_name, "win.mute-health"));
}

void
_kdcc_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.edit-connection", NULL,
                                   edit_connection_action);
  gtk_widget_class_install_action (widget_class, "win.start-demo", NULL, start_demo_action);
  gtk_widget_class_install_action (widget_class, "win.edit-profile", "s", edit_profile_action);
  gtk_widget_class_install_action (widget_class, "win.remove-profile", "s",
                                   remove_profile_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove", "s", undo_remove_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  /* "osd.3", "pool/rbd", "host/node1", "health/OSD_DOWN", "pgs", "mons", "mgrs" */
  gtk_widget_class_install_action (widget_class, "win.show-subject", "s", show_subject_action);
  /* A health check code: asks, then runs `ceph health mute/unmute CODE`. */
  gtk_widget_class_install_action (widget_class, "win.mute-health", "s", mute_health_action);
  gtk_widget_class_install_action (widget_class, "win.unmute-health", "s", mute_health_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.go-back", NULL);
}
