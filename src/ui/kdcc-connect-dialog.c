/* kdcc-connect-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-connect-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-connect-dialog.h"
#include "kdcc-error.h"
#include "kdcc-session.h"

#include "kdcc-connect-dialog-private.h"


G_DEFINE_FINAL_TYPE (KdccConnectDialog, kdcc_connect_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  OPEN_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KdccProfileKind
get_kind (KdccConnectDialog *self)
{
  if (gtk_check_button_get_active (self->kubernetes_check))
    return KDCC_PROFILE_KIND_KUBERNETES;
  return gtk_check_button_get_active (self->dashboard_check)
    ? KDCC_PROFILE_KIND_DASHBOARD : KDCC_PROFILE_KIND_DIRECT;
}

static const char *
entry_text (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return (text != NULL && *text != '\0') ? text : NULL;
}

/* A profile from the fields; editing keeps the saved profile's id, so
 * saving replaces it. */
static KdccProfile *
build_profile (KdccConnectDialog *self)
{
  KdccProfileKind kind = get_kind (self);
  KdccProfile *profile;
  g_autofree char *name = g_strdup (entry_text (self->name_row));

  /* The first checked cluster; the others are added beside it. Editing
   * keeps the saved profile's id. */
  if (kind == KDCC_PROFILE_KIND_KUBERNETES)
    {
      g_autoptr(GPtrArray) found = kdcc_connect_kube_dup_profiles (self->kube_box);
      KdccProfile *first = found->len > 0 ? g_ptr_array_index (found, 0) : NULL;

      profile = g_object_new (KDCC_TYPE_PROFILE,
                              "id", (self->edited != NULL
                                     && kdcc_profile_get_kind (self->edited) == kind)
                                    ? kdcc_profile_get_id (self->edited) : NULL,
                              "kind", kind, NULL);
      if (first != NULL)
        g_object_set (profile,
                      "kubeconfig", kdcc_profile_get_kubeconfig (first),
                      "kube-context", kdcc_profile_get_kube_context (first),
                      "rook-namespace", kdcc_profile_get_rook_namespace (first),
                      "user", kdcc_profile_get_user (first),
                      "name", kdcc_profile_get_name (first),
                      NULL);
      if (name != NULL && found->len == 1)
        kdcc_profile_set_name (profile, g_strstrip (name));
      return profile;
    }

  if (self->edited != NULL && kdcc_profile_get_kind (self->edited) == kind)
    profile = g_object_new (KDCC_TYPE_PROFILE,
                            "id", kdcc_profile_get_id (self->edited),
                            "kind", kind,
                            NULL);
  else
    profile = kdcc_profile_new (kind);

  if (name != NULL)
    g_strstrip (name);
  kdcc_profile_set_name (profile, name && *name ? name : NULL);

  if (kind == KDCC_PROFILE_KIND_DIRECT)
    {
      kdcc_profile_set_conf_path (profile, entry_text (self->conf_row));
      kdcc_profile_set_keyring_path (profile, entry_text (self->keyring_row));
      kdcc_profile_set_client_id (profile, entry_text (self->client_row));
    }
  else
    {
      kdcc_profile_set_url (profile, entry_text (self->url_row));
      kdcc_profile_set_user (profile, entry_text (self->user_row));
      kdcc_profile_set_trusted_fingerprint (profile, self->trusted_fingerprint);
    }

  return profile;
}

/* Editing a saved Dashboard connection: an empty password field keeps the
 * password in the keyring. */
static gboolean
keeps_password (KdccConnectDialog *self)
{
  return self->edited != NULL
    && kdcc_profile_get_kind (self->edited) == KDCC_PROFILE_KIND_DASHBOARD
    && get_kind (self) == KDCC_PROFILE_KIND_DASHBOARD;
}

/* http:// to another machine: the password crosses the network in clear.
 * Loopback (a tunnel, a port-forward, the demo cluster) never leaves this
 * computer, so it is not warned about. */
static gboolean
is_plain_http (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  g_autoptr(GInetAddress) address = NULL;

  if (url == NULL || g_ascii_strncasecmp (url, "http://", strlen ("http://")) != 0)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return FALSE;
  address = g_inet_address_new_from_string (host);

  return address == NULL || !g_inet_address_get_is_loopback (address);
}

/* Hidden revealers must not leave the form's spacing behind. */
static void
reveal (GtkRevealer *revealer,
        gboolean     shown)
{
  gtk_widget_set_visible (GTK_WIDGET (revealer), shown);
  gtk_revealer_set_reveal_child (revealer, shown);
}

static void
update_actions (KdccConnectDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.connect",
                                 !self->busy && self->validation == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.trust",
                                 !self->busy && self->offered_fingerprint != NULL);
}

static void
validate (KdccConnectDialog *self)
{
  g_autoptr(KdccProfile) profile = build_profile (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->validation, g_free);

  if (get_kind (self) == KDCC_PROFILE_KIND_KUBERNETES
      && kdcc_connect_kube_get_n_selected (self->kube_box) == 0)
    self->validation = g_strdup (_("Find the clusters of a context and check the ones to add"));
  else if (!kdcc_profile_validate (profile, &error))
    self->validation = g_strdup (error->message);
  else if (get_kind (self) == KDCC_PROFILE_KIND_DASHBOARD && entry_text (self->password_row) == NULL
           && !keeps_password (self))
    self->validation = g_strdup (_("Enter the dashboard password"));

  gtk_label_set_label (self->validation_label, self->validation ? self->validation : "");
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), self->validation != NULL);

  /* Before the user typed anything the message is a hint, not a reproach. */
  if (self->touched)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->validation_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->validation_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "dim-label");
    }

  update_actions (self);
}

static void
field_changed_cb (GtkEditable       *editable,
                  KdccConnectDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  /* "Connect Anyway" was said for one address. */
  if (editable == GTK_EDITABLE (self->url_row))
    {
      self->insecure_confirmed = FALSE;
      reveal (self->insecure_revealer, FALSE);
    }
  validate (self);
}

static void
kind_toggled_cb (GtkCheckButton    *check,
                 KdccConnectDialog *self)
{
  KdccProfileKind kind = get_kind (self);
  gboolean dashboard = kind == KDCC_PROFILE_KIND_DASHBOARD;

  gtk_widget_set_visible (self->direct_group, kind == KDCC_PROFILE_KIND_DIRECT);
  gtk_widget_set_visible (self->dashboard_group, dashboard);
  gtk_widget_set_visible (GTK_WIDGET (self->kube_box), kind == KDCC_PROFILE_KIND_KUBERNETES);
  if (!dashboard)
    {
      reveal (self->trust_revealer, FALSE);
      reveal (self->insecure_revealer, FALSE);
    }
  validate (self);
}

static void
set_busy (KdccConnectDialog *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->form, !busy);
  gtk_stack_set_visible_child_name (self->connect_stack, busy ? "busy" : "label");
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
}

static void
show_error (KdccConnectDialog *self,
            const char        *title,
            const char        *message)
{
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message);
  reveal (self->error_revealer, message != NULL);
}

/* Success --------------------------------------------------------------------- */

static void
finish (KdccConnectDialog *self)
{
  set_busy (self, FALSE);
  g_signal_emit (self, signals[CONNECTED], 0,
                 self->attempt_profile, self->session, self->notice);
  gtk_window_close (GTK_WINDOW (self));
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KdccConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kdcc_secret_store_store_finish (KDCC_SECRET_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The store's message already says that saving failed. */
      g_free (self->notice);
      self->notice = g_strdup (error->message);
    }
  else if (!kdcc_secret_store_get_persistent (self->secrets))
    {
      g_free (self->notice);
      self->notice = g_strdup (_("Your password is kept for this session only: "
                                 "no Secret Service is running."));
    }

  finish (self);
}

static void
save_and_finish (KdccConnectDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (kdcc_profile_store_lookup (self->store, kdcc_profile_get_id (self->attempt_profile)) != NULL)
    saved = kdcc_profile_store_update (self->store, self->attempt_profile, &error);
  else
    saved = kdcc_profile_store_add (self->store, self->attempt_profile, &error);

  /* "Add" with several clusters checked: the others are saved unopened. */
  for (guint i = 0; saved && self->kube_extra != NULL && i < self->kube_extra->len; i++)
    saved = kdcc_profile_store_add (self->store, g_ptr_array_index (self->kube_extra, i), &error);

  if (!saved)
    self->notice = g_strdup_printf (_("Connected, but the connection could not be saved: %s"),
                                    error->message);

  if (kdcc_profile_get_kind (self->attempt_profile) == KDCC_PROFILE_KIND_DASHBOARD
      && entry_text (self->password_row) != NULL)
    {
      kdcc_secret_store_store_async (self->secrets, self->attempt_profile,
                                     gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                     self->cancellable, password_stored_cb, g_object_ref (self));
      return;
    }

  finish (self);
}

/* The attempt ------------------------------------------------------------------ */

typedef struct
{
  KdccConnectDialog *self;
  guint              serial;
} AttemptData;

static void
session_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AttemptData *data = user_data;
  g_autoptr(KdccConnectDialog) self = data->self;
  guint serial = data->serial;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSession) session = kdcc_session_new_finish (result, &error);

  g_free (data);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (self->cancellable))
    return;

  /* The user may have started another attempt meanwhile. */
  if (serial != self->attempt_serial)
    {
      if (session != NULL)
        kdcc_session_close (session);
      return;
    }

  if (session == NULL)
    {
      set_busy (self, FALSE);

      if (g_error_matches (error, KDCC_ERROR, KDCC_ERROR_TLS))
        {
          g_free (self->offered_fingerprint);
          self->offered_fingerprint = kdcc_session_new_dup_peer_fingerprint (result);
          gtk_label_set_label (self->fingerprint_label, self->offered_fingerprint);
          reveal (self->trust_revealer, self->offered_fingerprint != NULL);
          update_actions (self);
        }

      show_error (self, _kdcc_connect_dialog_error_title (error), error->message);
      return;
    }

  /* The same cluster saved under another name: say so once, and offer it. */
  kdcc_profile_set_fsid (self->attempt_profile,
                         kdcc_cluster_get_fsid (kdcc_session_get_cluster (session)));
  g_set_object (&self->duplicate,
                kdcc_profile_store_lookup_fsid (self->store,
                                                kdcc_profile_get_fsid (self->attempt_profile),
                                                kdcc_profile_get_id (self->attempt_profile)));
  if (self->duplicate != NULL && !self->duplicate_confirmed)
    {
      g_autofree char *name = kdcc_profile_dup_display_name (self->duplicate);
      g_autofree char *text =
        /* Translators: %s is a saved cluster's name */
        g_strdup_printf (_("This cluster is saved already, as “%s”. Open it, or connect again "
                           "to save this connection as well."), name);

      kdcc_session_close (session);
      set_busy (self, FALSE);
      gtk_label_set_label (self->duplicate_label, text);
      reveal (self->duplicate_revealer, TRUE);
      self->duplicate_confirmed = TRUE;
      return;
    }

  g_set_object (&self->session, session);
  save_and_finish (self);
}

static void
start_session (KdccConnectDialog *self,
               const char        *password)
{
  AttemptData *data = g_new0 (AttemptData, 1);

  data->self = g_object_ref (self);
  data->serial = ++self->attempt_serial;
  /* A first fetch with every map: the window shows the whole dashboard at
   * once, and a wrong password fails here, inside the dialog. */
  kdcc_session_new_async (self->attempt_profile, password != NULL ? password : "", self->secrets,
                          KDCC_SESSION_FLAGS_NONE, self->cancellable, session_ready_cb, data);
}

static void
stored_password_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KdccConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = kdcc_secret_store_lookup_finish (KDCC_SECRET_STORE (object),
                                                               result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (password == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, _("No Saved Password"),
                  error != NULL ? error->message
                                : _("No password is saved for this connection: type it."));
      return;
    }

  start_session (self, password);
}

/* Only the name changed: nothing to reconnect. */
static gboolean
is_rename_only (KdccConnectDialog *self,
                KdccProfile       *profile)
{
  KdccProfile *old = self->edited;

  if (old == NULL || kdcc_profile_get_kind (old) != kdcc_profile_get_kind (profile) ||
      entry_text (self->password_row) != NULL)
    return FALSE;

  return g_strcmp0 (kdcc_profile_get_conf_path (old), kdcc_profile_get_conf_path (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_keyring_path (old), kdcc_profile_get_keyring_path (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_client_id (old), kdcc_profile_get_client_id (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_url (old), kdcc_profile_get_url (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_user (old), kdcc_profile_get_user (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_trusted_fingerprint (old),
                  kdcc_profile_get_trusted_fingerprint (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_kubeconfig (old), kdcc_profile_get_kubeconfig (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_kube_context (old),
                  kdcc_profile_get_kube_context (profile)) == 0
    && g_strcmp0 (kdcc_profile_get_rook_namespace (old),
                  kdcc_profile_get_rook_namespace (profile)) == 0;
}

static void
attempt (KdccConnectDialog *self)
{
  g_autoptr(KdccProfile) profile = NULL;
  const char *password;

  validate (self);
  if (self->validation != NULL || self->busy)
    return;

  profile = build_profile (self);
  if (is_rename_only (self, profile))
    {
      g_autoptr(GError) error = NULL;

      /* A new object with the same id: the store announces the change, so
       * the sidebar row follows. */
      if (!kdcc_profile_store_update (self->store, profile, &error))
        {
          show_error (self, _("Cannot Save"), error->message);
          return;
        }
      /* No session: the window keeps the one it has and renames it. */
      g_signal_emit (self, signals[CONNECTED], 0, profile, NULL, NULL);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD &&
      is_plain_http (kdcc_profile_get_url (profile)) && !self->insecure_confirmed)
    {
      reveal (self->insecure_revealer, TRUE);
      return;
    }

  g_clear_object (&self->attempt_profile);
  self->attempt_profile = g_steal_pointer (&profile);
  g_clear_pointer (&self->kube_extra, g_ptr_array_unref);
  if (get_kind (self) == KDCC_PROFILE_KIND_KUBERNETES)
    {
      self->kube_extra = kdcc_connect_kube_dup_profiles (self->kube_box);
      g_ptr_array_remove_index (self->kube_extra, 0);
    }

  show_error (self, NULL, NULL);
  reveal (self->trust_revealer, FALSE);
  reveal (self->insecure_revealer, FALSE);
  reveal (self->duplicate_revealer, FALSE);
  g_clear_pointer (&self->offered_fingerprint, g_free);
  set_busy (self, TRUE);

  /* What the user typed, never the keyring's: this is the test of it;
   * unless an edit leaves the field empty to keep the saved one. */
  password = entry_text (self->password_row);
  if (password == NULL && keeps_password (self))
    {
      kdcc_secret_store_lookup_async (self->secrets, self->edited, self->cancellable,
                                      stored_password_cb, g_object_ref (self));
      return;
    }

  start_session (self, password);
}

static void
open_saved_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  KdccConnectDialog *self = KDCC_CONNECT_DIALOG (widget);
  g_autoptr(KdccProfile) saved = self->duplicate ? g_object_ref (self->duplicate) : NULL;

  if (saved == NULL)
    return;
  g_signal_emit (self, signals[OPEN_SAVED], 0, saved);
  gtk_window_close (GTK_WINDOW (self));
}

static void
connect_insecure_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  KdccConnectDialog *self = KDCC_CONNECT_DIALOG (widget);

  self->insecure_confirmed = TRUE;
  attempt (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  attempt (KDCC_CONNECT_DIALOG (widget));
}

static void
trust_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  KdccConnectDialog *self = KDCC_CONNECT_DIALOG (widget);

  if (self->offered_fingerprint == NULL)
    return;

  g_free (self->trusted_fingerprint);
  self->trusted_fingerprint = g_steal_pointer (&self->offered_fingerprint);
  reveal (self->trust_revealer, FALSE);
  attempt (self);
}

/* GObject ----------------------------------------------------------------------- */

static gboolean
kdcc_connect_dialog_close_request (GtkWindow *window)
{
  KdccConnectDialog *self = KDCC_CONNECT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (kdcc_connect_dialog_parent_class)->close_request (window);
}

static void
kdcc_connect_dialog_dispose (GObject *object)
{
  KdccConnectDialog *self = (KdccConnectDialog *)object;

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_CONNECT_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->secrets);
  g_clear_object (&self->edited);
  g_clear_object (&self->duplicate);
  g_clear_object (&self->attempt_profile);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->kube_extra, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_connect_dialog_parent_class)->dispose (object);
}

static void
kdcc_connect_dialog_finalize (GObject *object)
{
  KdccConnectDialog *self = (KdccConnectDialog *)object;

  g_free (self->trusted_fingerprint);
  g_free (self->offered_fingerprint);
  g_free (self->validation);
  g_free (self->notice);

  G_OBJECT_CLASS (kdcc_connect_dialog_parent_class)->finalize (object);
}

static void
kdcc_connect_dialog_class_init (KdccConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = kdcc_connect_dialog_dispose;
  object_class->finalize = kdcc_connect_dialog_finalize;
  window_class->close_request = kdcc_connect_dialog_close_request;

  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  KDCC_TYPE_PROFILE, KDCC_TYPE_SESSION, G_TYPE_STRING);

  /* "Open Saved Cluster": the dialog closes; the window opens PROFILE. */
  signals[OPEN_SAVED] =
    g_signal_new ("open-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, KDCC_TYPE_PROFILE);

  g_type_ensure (KDCC_TYPE_CONNECT_KUBE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, form);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, connect_stack);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, connect_label);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, insecure_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, duplicate_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, error_title);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, trust_revealer);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, direct_check);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, dashboard_check);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, kubernetes_check);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, kube_box);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, direct_group);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, conf_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, client_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, dashboard_group);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, KdccConnectDialog, validation_label);

  gtk_widget_class_install_action (widget_class, "dialog.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "dialog.trust", NULL, trust_action);
  gtk_widget_class_install_action (widget_class, "dialog.connect-insecure", NULL,
                                   connect_insecure_action);
  gtk_widget_class_install_action (widget_class, "dialog.open-saved", NULL, open_saved_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-file", "s",
                                   _kdcc_connect_dialog_choose_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kdcc_connect_dialog_init (KdccConnectDialog *self)
{
  AdwEntryRow *rows[7];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  rows[0] = self->name_row;
  rows[1] = self->conf_row;
  rows[2] = self->keyring_row;
  rows[3] = self->client_row;
  rows[4] = self->url_row;
  rows[5] = self->user_row;
  rows[6] = self->password_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "changed", G_CALLBACK (field_changed_cb), self, 0);

  /* Enter in the last field of a valid form connects. */
  adw_entry_row_set_activates_default (self->password_row, FALSE);
  g_signal_connect_object (self->password_row, "entry-activated",
                           G_CALLBACK (attempt), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_row, "entry-activated",
                           G_CALLBACK (attempt), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->dashboard_check, "toggled",
                           G_CALLBACK (kind_toggled_cb), self, 0);
  g_signal_connect_object (self->kubernetes_check, "toggled",
                           G_CALLBACK (kind_toggled_cb), self, 0);
  g_signal_connect_object (self->kube_box, "changed", G_CALLBACK (validate), self,
                           G_CONNECT_SWAPPED);

  validate (self);
}

KdccConnectDialog *
kdcc_connect_dialog_new (GtkWindow        *parent,
                         KdccProfileStore *store,
                         KdccSecretStore  *secrets)
{
  KdccConnectDialog *self;

  g_return_val_if_fail (KDCC_IS_PROFILE_STORE (store), NULL);
  g_return_val_if_fail (KDCC_IS_SECRET_STORE (secrets), NULL);

  self = g_object_new (KDCC_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->secrets = g_object_ref (secrets);

  return self;
}

void
kdcc_connect_dialog_set_profile (KdccConnectDialog *self,
                                 KdccProfile       *profile)
{
  g_return_if_fail (KDCC_IS_CONNECT_DIALOG (self));
  g_return_if_fail (KDCC_IS_PROFILE (profile));

  g_set_object (&self->edited, profile);

  self->filling = TRUE;
  kdcc_connect_dialog_set_kind (self, kdcc_profile_get_kind (profile));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         kdcc_profile_get_name (profile) ? kdcc_profile_get_name (profile) : "");
  if (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_KUBERNETES)
    {
      kdcc_connect_kube_set_kubeconfig (self->kube_box, kdcc_profile_get_kubeconfig (profile));
      kdcc_connect_kube_set_context (self->kube_box, kdcc_profile_get_kube_context (profile));
      kdcc_connect_kube_set_dashboard_user (self->kube_box, kdcc_profile_get_user (profile));
    }
  else if (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD)
    {
      g_free (self->trusted_fingerprint);
      self->trusted_fingerprint = g_strdup (kdcc_profile_get_trusted_fingerprint (profile));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                             kdcc_profile_get_url (profile) ? kdcc_profile_get_url (profile) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                             kdcc_profile_get_user (profile) ? kdcc_profile_get_user (profile) : "");
    }
  else
    {
      const char *conf = kdcc_profile_get_conf_path (profile);
      const char *keyring = kdcc_profile_get_keyring_path (profile);
      const char *client = kdcc_profile_get_client_id (profile);

      gtk_editable_set_text (GTK_EDITABLE (self->conf_row), conf ? conf : "");
      gtk_editable_set_text (GTK_EDITABLE (self->keyring_row), keyring ? keyring : "");
      gtk_editable_set_text (GTK_EDITABLE (self->client_row), client ? client : "admin");
    }
  self->filling = FALSE;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Connection"));
  gtk_label_set_label (self->connect_label, _("_Save"));
  if (kdcc_profile_get_kind (profile) == KDCC_PROFILE_KIND_DASHBOARD)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                   _("New Password (empty keeps the saved one)"));
  validate (self);
}
