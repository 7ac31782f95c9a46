/* kdcc-connect-dialog-access.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connect dialog's setters and getters for the window and tests.
 */
#define G_LOG_DOMAIN "kdcc-connect-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-connect-dialog-private.h"
#include "kdcc-connect-kube.h"
#include "kdcc-error.h"

void
kdcc_connect_dialog_set_message (KdccConnectDialog *self,
                                 const char        *message)
{
  g_return_if_fail (KDCC_IS_CONNECT_DIALOG (self));

  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

void
kdcc_connect_dialog_set_kind (KdccConnectDialog *self,
                              KdccProfileKind    kind)
{
  g_return_if_fail (KDCC_IS_CONNECT_DIALOG (self));

  if (kind == KDCC_PROFILE_KIND_DASHBOARD)
    gtk_check_button_set_active (self->dashboard_check, TRUE);
  else if (kind == KDCC_PROFILE_KIND_KUBERNETES)
    gtk_check_button_set_active (self->kubernetes_check, TRUE);
  else
    gtk_check_button_set_active (self->direct_check, TRUE);
}

void
kdcc_connect_dialog_set_field (KdccConnectDialog *self,
                               const char        *field,
                               const char        *text)
{
  struct { const char *name; AdwEntryRow *row; } fields[] = {
    { "name", self->name_row },
    { "conf", self->conf_row },
    { "keyring", self->keyring_row },
    { "client", self->client_row },
    { "url", self->url_row },
    { "user", self->user_row },
    { "password", self->password_row },
  };

  g_return_if_fail (KDCC_IS_CONNECT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, field))
      {
        gtk_editable_set_text (GTK_EDITABLE (fields[i].row), text ? text : "");
        return;
      }

  g_critical ("Unknown connect dialog field “%s”", field);
}

gboolean
kdcc_connect_dialog_get_busy (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), FALSE);

  return self->busy;
}

const char *
kdcc_connect_dialog_get_error (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

const char *
kdcc_connect_dialog_get_validation (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), NULL);

  return self->validation;
}

const char *
kdcc_connect_dialog_get_offered_fingerprint (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), NULL);

  return self->offered_fingerprint;
}

gboolean
kdcc_connect_dialog_get_insecure_warning (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), FALSE);

  return gtk_revealer_get_reveal_child (self->insecure_revealer);
}

const char *
kdcc_connect_dialog_get_connect_label (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), NULL);

  return gtk_label_get_label (self->connect_label);
}

const char *
kdcc_connect_dialog_get_duplicate_text (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->duplicate_revealer))
    return NULL;
  return gtk_label_get_label (self->duplicate_label);
}

const char *
_kdcc_connect_dialog_error_title (const GError *error)
{
  if (error->domain == KDCC_ERROR)
    switch ((KdccError) error->code)
      {
      case KDCC_ERROR_CONNECT:
        return _("Cannot Reach the Cluster");
      case KDCC_ERROR_TIMEOUT:
        return _("The Cluster Did Not Answer in Time");
      case KDCC_ERROR_AUTH:
        return _("Access Denied");
      case KDCC_ERROR_TLS:
        return _("Certificate Not Trusted");
      case KDCC_ERROR_INVALID_INPUT:
        return _("Check the Connection Details");
      case KDCC_ERROR_FAILED:
      case KDCC_ERROR_PARSE:
      case KDCC_ERROR_HTTP:
      case KDCC_ERROR_COMMAND:
      case KDCC_ERROR_NOT_SUPPORTED:
      case KDCC_ERROR_LIMIT:
      default:
        break;
      }

  return _("Cannot Connect");
}

/* The file choosers of the direct connection's fields. */
static void
file_chosen_cb (GtkNativeDialog *native,
                int              response,
                gpointer         user_data)
{
  AdwEntryRow *row = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), path);
    }

  g_object_unref (native);
}

void
_kdcc_connect_dialog_choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  KdccConnectDialog *self = KDCC_CONNECT_DIALOG (widget);
  gboolean conf = g_str_equal (g_variant_get_string (param, NULL), "conf");
  AdwEntryRow *row = conf ? self->conf_row : self->keyring_row;
  GtkFileChooserNative *native;
  const char *current = gtk_editable_get_text (GTK_EDITABLE (row));

  if (current != NULL && *current == '\0')
    current = NULL;

  native = gtk_file_chooser_native_new (conf ? _("Choose the Ceph Configuration File")
                                             : _("Choose the Keyring File"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  if (current != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), parent, NULL);
    }
  else if (g_file_test ("/etc/ceph", G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) etc_ceph = g_file_new_for_path ("/etc/ceph");

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), etc_ceph, NULL);
    }

  g_signal_connect (native, "response", G_CALLBACK (file_chosen_cb), row);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

KdccConnectKube *
kdcc_connect_dialog_get_kube (KdccConnectDialog *self)
{
  g_return_val_if_fail (KDCC_IS_CONNECT_DIALOG (self), NULL);
  return self->kube_box;
}
