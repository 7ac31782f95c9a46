/* kdcc-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-connect-dialog.h"
#include "kdcc-error.h"
#include "kdcc-format.h"
#include "kdcc-panel.h"
#include "kdcc-window-private.h"

G_DEFINE_FINAL_TYPE (KdccWindow, kdcc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_PROFILE_STORE,
  PROP_SECRET_STORE,
  PROP_DEMO_CLUSTER,
  PROP_SESSION,
  PROP_CLUSTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Status pages ---------------------------------------------------------------- */

void
_kdcc_window_show_progress (KdccWindow *self,
               const char *title,
               const char *description)
{
  adw_status_page_set_title (self->progress_page, title);
  adw_status_page_set_description (self->progress_page, description);
  gtk_spinner_start (self->progress_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "progress");
}

void
_kdcc_window_show_page (KdccWindow *self,
           const char *name)
{
  if (!g_str_equal (name, "progress"))
    gtk_spinner_stop (self->progress_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

void
_kdcc_window_show_error (KdccWindow *self,
            const char *title,
            const char *message)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  _kdcc_window_show_page (self, "error");
}

void
_kdcc_window_update_title (KdccWindow *self)
{
  g_autofree char *name = NULL;
  GtkWidget *visible = gtk_stack_get_visible_child (self->panel_stack);
  const char *page_title = NULL;

  if (self->profile != NULL)
    name = kdcc_profile_dup_display_name (self->profile);

  /* A sub-page says what it shows; a page shows the cluster's name. */
  if (visible != NULL)
    {
      GtkStackPage *page = gtk_stack_get_page (self->panel_stack, visible);

      if (g_str_has_prefix (gtk_stack_page_get_name (page), "subpage-"))
        page_title = gtk_stack_page_get_title (page);
    }

  /* The sidebar already names the app; an empty content header reads better
   * than the same title twice. */
  gtk_label_set_label (self->title_label, page_title ? page_title : name ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), name ? name : _("Data Control Center"));

  if (self->profile_store != NULL)
    _kdcc_window_select_current_profile_row (self);
}

KdccCapabilities
_kdcc_window_get_capabilities (KdccWindow *self)
{
  return self->session != NULL ? kdcc_session_get_capabilities (self->session)
                               : KDCC_CAPABILITY_NONE;
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

void
_kdcc_window_update_state (KdccWindow *self)
{
  gboolean has_data;

  _kdcc_window_update_actions (self);

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
    _kdcc_window_show_page (self, "cluster");
  else if (kdcc_cluster_get_stale (self->cluster))
    {
      g_autofree char *name = kdcc_profile_dup_display_name (self->profile);
      g_autofree char *title = g_strdup_printf (_("Cannot Connect to %s"), name);

      _kdcc_window_show_error (self, title, kdcc_cluster_get_last_error (self->cluster));
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
  _kdcc_window_update_state (self);
  _kdcc_window_update_profile_health (self);
}

void
_kdcc_window_disconnect (KdccWindow *self)
{
  g_autoptr(KdccSession) session = g_steal_pointer (&self->session);

  g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  self->connect_cancellable = g_cancellable_new ();

  g_clear_handle_id (&self->banner_tick_id, g_source_remove);

  for (guint i = 0; i < self->panels->len; i++)
    kdcc_panel_set_session (g_ptr_array_index (self->panels, i), NULL);

  g_clear_pointer (&self->interval_binding, g_binding_unbind);
  g_clear_pointer (&self->heavy_binding, g_binding_unbind);
  g_clear_pointer (&self->busy_binding, g_binding_unbind);
  gtk_spinner_set_spinning (self->refresh_spinner, FALSE);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (self->cluster, self);
  self->cluster = NULL;
  self->monitor = NULL;

  /* Here, on the main thread: no librados handle is dropped by a worker. */
  if (session != NULL)
    kdcc_session_close (session);
}

void
kdcc_window_open_session (KdccWindow  *self,
                          KdccSession *session)
{
  KdccProfile *profile;
  g_autofree char *name = NULL;

  g_return_if_fail (KDCC_IS_WINDOW (self));
  g_return_if_fail (KDCC_IS_SESSION (session));

  if (session == self->session)
    return;

  g_object_ref (session);
  _kdcc_window_disconnect (self);
  self->session = session;
  profile = kdcc_session_get_profile (session);
  g_set_object (&self->profile, profile);

  name = kdcc_profile_dup_display_name (profile);
  self->cluster = kdcc_session_get_cluster (session);
  self->monitor = kdcc_session_get_monitor (session);
  self->interval_binding = g_object_bind_property (self->settings, "refresh-interval",
                                                   self->monitor, "interval",
                                                   G_BINDING_SYNC_CREATE);
  self->heavy_binding = g_object_bind_property (self->settings, "heavy-refresh-interval",
                                                self->monitor, "heavy-interval",
                                                G_BINDING_SYNC_CREATE);
  /* A refresh shows that it runs. */
  self->busy_binding = g_object_bind_property (self->monitor, "busy",
                                               self->refresh_spinner, "spinning",
                                               G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->cluster, "notify::has-data",
                           G_CALLBACK (cluster_notify_cb), self, 0);
  g_signal_connect_object (self->cluster, "notify::stale",
                           G_CALLBACK (cluster_notify_cb), self, 0);
  g_signal_connect_object (self->cluster, "notify::health",
                           G_CALLBACK (cluster_notify_cb), self, 0);
  g_signal_connect_object (self->cluster, "notify::last-error",
                           G_CALLBACK (cluster_notify_cb), self, 0);

  for (guint i = 0; i < self->panels->len; i++)
    kdcc_panel_set_session (g_ptr_array_index (self->panels, i), session);
  _kdcc_window_update_page_rows (self);

  if (kdcc_profile_store_lookup (self->profile_store, kdcc_profile_get_id (profile)) != NULL)
    kdcc_settings_set_last_profile (self->settings, kdcc_profile_get_id (profile));

  _kdcc_window_update_title (self);
  _kdcc_window_select_current_profile_row (self);

  if (!kdcc_cluster_get_has_data (self->cluster))
    {
      g_autofree char *title = g_strdup_printf (_("Connecting to %s…"), name);

      _kdcc_window_show_progress (self, title, NULL);
    }

  kdcc_session_start (session);
  _kdcc_window_update_state (self);
  _kdcc_window_health_connect (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTER]);
}

typedef struct
{
  KdccWindow  *self;
  KdccProfile *profile;
  gboolean     asked_keyring;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->profile);
  g_free (data);
}

static void
session_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenData *data = user_data;
  KdccWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSession) session = kdcc_session_new_finish (result, &error);
  g_autofree char *name = kdcc_profile_dup_display_name (data->profile);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      open_data_free (data);
      return;
    }

  if (session != NULL)
    kdcc_window_open_session (self, session);
  else if (data->asked_keyring && g_error_matches (error, KDCC_ERROR, KDCC_ERROR_AUTH))
    {
      /* No password saved (or the keyring is locked): ask for it. */
      _kdcc_window_show_page (self, self->cluster != NULL ? "cluster" : "empty");
      kdcc_window_show_connect_dialog (self, data->profile, error->message);
    }
  else
    {
      g_autofree char *title = g_strdup_printf (_("Cannot Connect to %s"), name);

      _kdcc_window_show_error (self, title, error->message);
    }

  open_data_free (data);
}

void
kdcc_window_open_profile (KdccWindow  *self,
                          KdccProfile *profile,
                          const char  *password)
{
  OpenData *data;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (KDCC_IS_WINDOW (self));
  g_return_if_fail (KDCC_IS_PROFILE (profile));

  g_object_ref (profile);
  _kdcc_window_disconnect (self);
  g_set_object (&self->profile, profile);
  g_object_unref (profile);
  _kdcc_window_update_title (self);
  _kdcc_window_update_state (self);

  name = kdcc_profile_dup_display_name (profile);
  title = g_strdup_printf (_("Connecting to %s…"), name);
  _kdcc_window_show_progress (self, title, NULL);

  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->profile = g_object_ref (profile);
  data->asked_keyring = kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD &&
                        password == NULL;
  /* The monitor's first refresh shows "Connecting…" and, when it fails,
   * the error page with the cluster's own words, as before sessions. */
  kdcc_session_new_async (profile, password, self->secret_store,
                          KDCC_SESSION_FLAGS_NO_FIRST_FETCH, self->connect_cancellable,
                          session_ready_cb, data);
}

void
kdcc_window_close_cluster (KdccWindow *self)
{
  g_return_if_fail (KDCC_IS_WINDOW (self));

  _kdcc_window_disconnect (self);
  g_clear_object (&self->profile);
  _kdcc_window_update_title (self);
  _kdcc_window_update_state (self);
  _kdcc_window_select_current_profile_row (self);
  _kdcc_window_show_page (self, "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTER]);
}

/* Connect dialog ---------------------------------------------------------------- */

static void
dialog_connected_cb (KdccConnectDialog *dialog,
                     KdccProfile       *profile,
                     KdccSession       *session,
                     const char        *notice,
                     KdccWindow        *self)
{
  /* A rename: the profile store told the sidebar; the title follows. */
  if (session == NULL)
    {
      if (self->profile != NULL &&
          g_strcmp0 (kdcc_profile_get_id (self->profile), kdcc_profile_get_id (profile)) == 0)
        g_set_object (&self->profile, profile);
      _kdcc_window_update_title (self);
      return;
    }

  kdcc_window_open_session (self, session);

  if (notice != NULL)
    kdcc_window_add_toast (self, notice);
}

static void
dialog_open_saved_cb (KdccConnectDialog *dialog,
                      KdccProfile       *saved,
                      KdccWindow        *self)
{
  kdcc_window_open_profile (self, saved, NULL);
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
  g_signal_connect_object (dialog, "open-saved", G_CALLBACK (dialog_open_saved_cb), self, 0);
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
  _kdcc_window_show_toast (self, toast);
}

void
_kdcc_window_show_toast (KdccWindow *self,
                         AdwToast   *toast)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* GObject ---------------------------------------------------------------------------- */

static gboolean
kdcc_window_close_request (GtkWindow *window)
{
  KdccWindow *self = KDCC_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  kdcc_settings_set_window_state (self->settings, width, height, gtk_window_is_maximized (window));
  g_cancellable_cancel (self->cancellable);
  _kdcc_window_disconnect (self);
  /* No Undo once the window goes; the app's shutdown waits for the keyring. */
  _kdcc_window_forget_removed (self);

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

  _kdcc_window_sidebar_bind_profiles (self);
  /* Panels that remember something between runs. */
  for (guint i = 0; i < self->panels->len; i++)
    {
      GObject *panel = g_ptr_array_index (self->panels, i);

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (panel), "settings") != NULL)
        g_object_set (panel, "settings", self->settings, NULL);
    }

  gtk_widget_set_visible (self->demo_button, kdcc_demo_cluster_is_available ());
  _kdcc_window_update_title (self);
  _kdcc_window_update_state (self);
}

static void
kdcc_window_dispose (GObject *object)
{
  KdccWindow *self = (KdccWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->job_manager != NULL)
    kdcc_job_manager_cancel_all (self->job_manager);
  if (self->panels != NULL)
    _kdcc_window_disconnect (self);

  _kdcc_window_sidebar_dispose (self);
  _kdcc_window_health_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_WINDOW);

  g_clear_pointer (&self->panels, g_ptr_array_unref);
  _kdcc_window_forget_removed (self);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_object (&self->profile_store);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->demo_cluster);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connect_cancellable);
  g_clear_object (&self->job_manager);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_pointer (&self->removed, g_hash_table_unref);
  g_clear_pointer (&self->removed_open_id, g_free);

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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
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
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, KDCC_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLUSTER] =
    g_param_spec_object ("cluster", NULL, NULL, KDCC_TYPE_CLUSTER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/kdcc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, pages_list);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, profiles_list);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, no_profiles_label);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, unsaved_list);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, unsaved_label);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, header_badge);
  gtk_widget_class_bind_template_child (widget_class, KdccWindow, header_end_box);
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

  _kdcc_window_class_add_actions (widget_class);
}

static void
kdcc_window_init (KdccWindow *self)
{
  g_type_ensure (KDCC_TYPE_HEALTH_BADGE);
  g_type_ensure (KDCC_TYPE_JOBS_BUTTON);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->connect_cancellable = g_cancellable_new ();
  self->job_manager = kdcc_job_manager_new ();
  kdcc_jobs_button_set_job_manager (self->jobs_button, self->job_manager);
  _kdcc_window_sidebar_init (self);

  _kdcc_window_show_page (self, "empty");
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

KdccSession *
kdcc_window_get_session (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return self->session;
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

const char *
kdcc_window_get_visible_panel (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->panel_stack);
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
kdcc_window_get_last_toast (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return self->last_toast;
}

const char *
kdcc_window_get_error_text (KdccWindow *self)
{
  g_return_val_if_fail (KDCC_IS_WINDOW (self), NULL);

  return adw_status_page_get_description (self->error_page);
}
