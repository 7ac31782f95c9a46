/* kdcc-stage-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way a control page stages a change: checked, confirmed when
 * risky, staged with its old value read.
 */

#define G_LOG_DOMAIN "kdcc-stage-request"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-config-catalog.h"
#include "kdcc-controls-state.h"
#include "kdcc-stage-request.h"

typedef struct
{
  GtkWidget            *owner;
  KdccSession          *session;
  KdccOperation        *operation;
  GCancellable         *cancellable;
  KdccStageRequestFunc  func;
} Request;

/* At most one confirmation is open at a time: it is modal. */
static AdwMessageDialog *open_dialog;

static void
request_free (Request *request)
{
  g_clear_object (&request->owner);
  g_clear_object (&request->session);
  g_clear_object (&request->operation);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static void
staged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(KdccStagedChange) change = NULL;
  g_autoptr(GError) error = NULL;

  change = kdcc_staging_add_finish (KDCC_STAGING (object), result, &error);
  if (change == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        request->func (request->owner, error->message, FALSE);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Staged: %s"),
                                               kdcc_staged_change_get_cli (change));

      request->func (request->owner, text, TRUE);
    }
  request_free (request);
}

static void
stage (Request    *request,
       const char *confirmation)
{
  KdccStaging *staging = kdcc_controls_state_get_staging (kdcc_controls_state_get (request->session));

  if (staging == NULL)
    {
      request->func (request->owner, _("The cluster is not known yet: wait for the first refresh"),
                     FALSE);
      request_free (request);
      return;
    }
  kdcc_staging_add_async (staging, kdcc_session_get_source (request->session),
                          request->operation, confirmation, request->cancellable, staged_cb,
                          request);
}

static void
forget_open_dialog (void)
{
  if (open_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (open_dialog), (gpointer *) &open_dialog);
  open_dialog = NULL;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Request *request = g_object_steal_data (G_OBJECT (dialog), "kdcc-stage-request");

  if (open_dialog == dialog)
    forget_open_dialog ();
  if (request == NULL)
    return;
  if (g_strcmp0 (response, "stage") == 0)
    stage (request, kdcc_operation_get_risk_reason (request->operation));
  else
    request_free (request);
}

void
kdcc_stage_request (GtkWidget            *owner,
                    KdccSession          *session,
                    KdccOperation        *operation,
                    gboolean              confirmed,
                    GCancellable         *cancellable,
                    KdccStageRequestFunc  func)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *body = NULL;
  Request *request;
  GtkRoot *root;
  AdwMessageDialog *dialog;
  KdccStaging *staging;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (KDCC_IS_OPERATION (operation));
  g_return_if_fail (func != NULL);

  if (session == NULL)
    {
      func (owner, _("Connect to a cluster first"), FALSE);
      return;
    }
  if (!kdcc_operation_check_target (operation, kdcc_session_get_cluster (session), &error))
    {
      func (owner, error->message, FALSE);
      return;
    }
  staging = kdcc_controls_state_get_staging (kdcc_controls_state_get (session));
  kdcc_operation_check_out_domains (operation, kdcc_session_get_cluster (session),
                                    staging != NULL ? G_LIST_MODEL (staging) : NULL);

  request = g_new0 (Request, 1);
  request->owner = g_object_ref (owner);
  request->session = g_object_ref (session);
  request->operation = g_object_ref (operation);
  request->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  request->func = func;

  if (kdcc_operation_get_risk (operation) == KDCC_RISK_LOW || confirmed)
    {
      stage (request, confirmed ? kdcc_operation_get_risk_reason (operation) : NULL);
      return;
    }

  cli = kdcc_operation_dup_cli_equivalent (operation);
  /* TRANSLATORS: the risk's reason, then the command that will be staged */
  body = g_strdup_printf (_("%s\n\nThe change is only staged: nothing happens until it is "
                            "applied from Staged Changes.\n\n%s"),
                          kdcc_operation_get_risk_reason (operation), cli);
  root = gtk_widget_get_root (owner);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                             : NULL,
                                                       _("Stage a Risky Change?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "stage", _("_Stage Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "stage", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* The request goes with the dialog when it is destroyed unanswered (its
   * window closed under it), and is taken out of it by an answer. */
  g_object_set_data_full (G_OBJECT (dialog), "kdcc-stage-request", request,
                          (GDestroyNotify) request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  forget_open_dialog ();
  open_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &open_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

AdwMessageDialog *
kdcc_stage_request_get_dialog (void)
{
  return open_dialog;
}

GtkWidget *
kdcc_stage_status_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

void
kdcc_stage_status_set (GtkWidget  *label,
                       const char *status,
                       gboolean    staged)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (GTK_LABEL (label), status != NULL ? status : "");
  gtk_widget_remove_css_class (label, staged ? "error" : "success");
  gtk_widget_add_css_class (label, staged ? "success" : "error");
  gtk_widget_set_visible (label, status != NULL);
}

const char *
kdcc_stage_status_get (GtkWidget *label)
{
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}
