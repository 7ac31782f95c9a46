/* kdcc-am-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-am-alerts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-am-alerts.h"
#include "kdcc-panel.h"
#include "kdcc-session-history.h"

const guint kdcc_am_alerts_durations[4] = { 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600 };

struct _KdccAmAlerts
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkLabel            *status_label;

  /* Borrowed references */
  KdccPanel           *panel;

  /* Owned references */
  KdccSession         *session;
  KdccAlertmanager    *alertmanager;
  GPtrArray           *alerts;      /* KdccAlert shown */
  GCancellable        *cancellable;
  guint                poll_id;
};

G_DEFINE_FINAL_TYPE (KdccAmAlerts, kdcc_am_alerts, GTK_TYPE_WIDGET)

enum {
  SIGNAL_UPDATED,
  SIGNAL_SILENCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KdccAlert *
find_alert (KdccAmAlerts *self,
            const char   *fingerprint)
{
  for (guint i = 0; self->alerts != NULL && i < self->alerts->len; i++)
    {
      KdccAlert *alert = g_ptr_array_index (self->alerts, i);

      if (g_strcmp0 (alert->fingerprint, fingerprint) == 0)
        return alert;
    }
  return NULL;
}

static void
set_status (KdccAmAlerts *self,
            const char   *text)
{
  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/* Rows ---------------------------------------------------------------------- */

static GtkWidget *
alert_row_new (KdccAlert *alert)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *source = gtk_label_new (_("Alertmanager"));
  GtkWidget *icon;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alert->name);
  if (alert->severity != NULL && alert->summary != NULL)
    /* Translators: an Alertmanager alert's row: "severity · summary" */
    subtitle = g_strdup_printf (_("%s · %s"), alert->severity, alert->summary);
  else
    subtitle = g_strdup (alert->summary != NULL ? alert->summary : alert->severity);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Marks where the alert comes from, beside Ceph's own checks. */
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_set_valign (source, GTK_ALIGN_CENTER);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  /* Coloured as the health checks beside it: critical as an error. */
  gtk_widget_add_css_class (icon, g_strcmp0 (alert->severity, "critical") == 0 ? "error" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), source);

  if (g_strcmp0 (alert->state, "suppressed") == 0)
    {
      GtkWidget *silenced = gtk_label_new (_("Silenced"));

      gtk_widget_add_css_class (silenced, "dim-label");
      gtk_widget_set_valign (silenced, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), silenced);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Silence…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "am.silence");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", alert->fingerprint);
      /* Translators: tooltip of the button that silences an alert */
      gtk_widget_set_tooltip_text (button, _("Silence this alert in Alertmanager for a while"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
show_alerts (KdccAmAlerts *self,
             GPtrArray    *alerts)
{
  GtkWidget *child;
  g_autofree char *description = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  self->alerts = alerts != NULL ? g_ptr_array_ref (alerts) : NULL;
  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    gtk_list_box_append (self->list, alert_row_new (g_ptr_array_index (alerts, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->list), alerts != NULL && alerts->len > 0);
  if (self->alertmanager == NULL)
    return;
  /* Translators: where the alerts come from: "From http://host:9093" */
  description = g_strdup_printf (_("From %s"), kdcc_alertmanager_get_url (self->alertmanager));
  if (alerts != NULL && alerts->len == 0)
    {
      g_free (description);
      /* Translators: an Alertmanager that has no alert now */
      description = g_strdup_printf (_("No alert from %s"),
                                     kdcc_alertmanager_get_url (self->alertmanager));
    }
  adw_preferences_group_set_description (self->group, description);
}

static void
alerts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KdccAmAlerts) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;

  alerts = kdcc_alertmanager_list_alerts_finish (KDCC_ALERTMANAGER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      KDCC_ALERTMANAGER (object) != self->alertmanager)
    return;
  if (alerts != NULL)
    show_alerts (self, alerts);
  else
    adw_preferences_group_set_description (self->group, error->message);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

void
kdcc_am_alerts_reload (KdccAmAlerts *self)
{
  g_return_if_fail (KDCC_IS_AM_ALERTS (self));

  gtk_widget_set_visible (GTK_WIDGET (self), self->alertmanager != NULL);
  if (self->alertmanager == NULL)
    return;
  kdcc_alertmanager_list_alerts_async (self->alertmanager, self->cancellable, alerts_cb,
                                       g_object_ref (self));
}

static gboolean
poll_cb (gpointer user_data)
{
  kdcc_am_alerts_reload (user_data);
  return G_SOURCE_CONTINUE;
}

/* Silencing ----------------------------------------------------------------- */

typedef struct
{
  KdccAmAlerts *self;
  GHashTable   *labels;
  char         *name;
  GtkEditable  *comment;
  GtkDropDown  *duration;
} SilenceRequest;

static void
silence_request_free (gpointer data)
{
  SilenceRequest *request = data;

  g_clear_object (&request->self);
  g_clear_pointer (&request->labels, g_hash_table_unref);
  g_free (request->name);
  g_free (request);
}

static void
silence_created_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KdccAmAlerts) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = kdcc_alertmanager_create_silence_finish (KDCC_ALERTMANAGER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (id == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: creating a silence failed; the Alertmanager's reason follows */
      text = g_strdup_printf (_("Could not silence the alert: %s"), error->message);
      set_status (self, text);
      return;
    }
  set_status (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SILENCED], 0, id);
  kdcc_am_alerts_reload (self);
}

static void
comment_changed_cb (GtkEditable      *comment,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (comment)));

  adw_message_dialog_set_response_enabled (dialog, "silence", text[0] != '\0');
}

static void
silence_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SilenceRequest   *request)
{
  KdccAmAlerts *self = request->self;
  g_autofree char *comment = NULL;
  guint selected;

  if (g_strcmp0 (response, "silence") != 0 || self->alertmanager == NULL)
    return;

  comment = g_strstrip (g_strdup (gtk_editable_get_text (request->comment)));
  selected = MIN (gtk_drop_down_get_selected (request->duration),
                  G_N_ELEMENTS (kdcc_am_alerts_durations) - 1);
  kdcc_alertmanager_create_silence_async (self->alertmanager, request->labels,
                                          kdcc_am_alerts_durations[selected], comment,
                                          g_get_user_name (), self->cancellable,
                                          silence_created_cb, g_object_ref (self));
}

AdwMessageDialog *
kdcc_am_alerts_open_silence_dialog (KdccAmAlerts *self,
                                    const char   *fingerprint)
{
  KdccAlert *alert;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *comment;
  GtkWidget *duration;
  GtkRoot *root;
  SilenceRequest *request;
  const char * const durations[] = {
    _("For 1 hour"), _("For 4 hours"), _("For 1 day"), _("For 1 week"), NULL
  };

  g_return_val_if_fail (KDCC_IS_AM_ALERTS (self), NULL);

  alert = find_alert (self, fingerprint);
  if (alert == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: heading of the dialog that silences an Alertmanager alert */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Silence Alert?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Alertmanager will not notify about “%s” until the silence ends. Say why, so others know."),
                                  alert->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "silence", _("_Silence"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "silence",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "silence", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "silence");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  duration = gtk_drop_down_new_from_strings (durations);
  gtk_accessible_update_property (GTK_ACCESSIBLE (duration), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Duration"), -1);
  comment = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (comment), _("Comment (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (comment), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (comment), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comment"), -1);
  gtk_box_append (GTK_BOX (box), duration);
  gtk_box_append (GTK_BOX (box), comment);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_object (comment, "changed", G_CALLBACK (comment_changed_cb), dialog, 0);

  request = g_new0 (SilenceRequest, 1);
  request->self = g_object_ref (self);
  request->labels = g_hash_table_ref (alert->labels);
  request->name = g_strdup (alert->name);
  request->comment = GTK_EDITABLE (comment);
  request->duration = GTK_DROP_DOWN (duration);
  g_signal_connect_data (dialog, "response", G_CALLBACK (silence_response_cb), request,
                         (GClosureNotify) (void (*) (void)) silence_request_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
silence_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  kdcc_am_alerts_open_silence_dialog (KDCC_AM_ALERTS (widget),
                                      g_variant_get_string (parameter, NULL));
}

/* Session ------------------------------------------------------------------- */

static void
alertmanager_changed_cb (KdccSessionHistory *history,
                         GParamSpec         *pspec,
                         KdccAmAlerts       *self)
{
  KdccAlertmanager *alertmanager = kdcc_session_history_get_alertmanager (history);

  if (alertmanager == self->alertmanager)
    return;
  g_set_object (&self->alertmanager, alertmanager);
  show_alerts (self, NULL);
  kdcc_am_alerts_reload (self);
}

void
kdcc_am_alerts_set_session (KdccAmAlerts *self,
                            KdccSession  *session)
{
  g_return_if_fail (KDCC_IS_AM_ALERTS (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (kdcc_session_history_get (self->session), self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->session, session);
  g_clear_object (&self->alertmanager);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);

  if (session != NULL)
    {
      KdccSessionHistory *history = kdcc_session_history_get (session);

      g_signal_connect_object (history, "notify::alertmanager",
                               G_CALLBACK (alertmanager_changed_cb), self, 0);
      alertmanager_changed_cb (history, NULL, self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->alertmanager != NULL);
}

char *
kdcc_am_alerts_dup_summary (KdccAmAlerts *self)
{
  GString *summary = g_string_new (NULL);

  g_return_val_if_fail (KDCC_IS_AM_ALERTS (self), NULL);

  for (guint i = 0; self->alerts != NULL && i < self->alerts->len; i++)
    {
      KdccAlert *alert = g_ptr_array_index (self->alerts, i);

      g_string_append_printf (summary, "%s\t%s\n", alert->name, alert->state);
    }
  return g_string_free (summary, FALSE);
}

static void
panel_session_cb (KdccPanel    *panel,
                  GParamSpec   *pspec,
                  KdccAmAlerts *self)
{
  kdcc_am_alerts_set_session (self, kdcc_panel_get_session (panel));
}

/* GObject ------------------------------------------------------------------- */

static void
kdcc_am_alerts_root (GtkWidget *widget)
{
  KdccAmAlerts *self = KDCC_AM_ALERTS (widget);

  GTK_WIDGET_CLASS (kdcc_am_alerts_parent_class)->root (widget);

  self->panel = kdcc_panel_follow_session (widget, (KdccPanelSessionFunc) panel_session_cb,
                                           self);
}

static void
kdcc_am_alerts_unroot (GtkWidget *widget)
{
  KdccAmAlerts *self = KDCC_AM_ALERTS (widget);

  kdcc_panel_unfollow_session (self->panel, self);
  self->panel = NULL;

  GTK_WIDGET_CLASS (kdcc_am_alerts_parent_class)->unroot (widget);
}

static void
kdcc_am_alerts_map (GtkWidget *widget)
{
  KdccAmAlerts *self = KDCC_AM_ALERTS (widget);

  GTK_WIDGET_CLASS (kdcc_am_alerts_parent_class)->map (widget);
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (KDCC_AM_ALERTS_POLL, poll_cb, self);
}

static void
kdcc_am_alerts_unmap (GtkWidget *widget)
{
  KdccAmAlerts *self = KDCC_AM_ALERTS (widget);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  GTK_WIDGET_CLASS (kdcc_am_alerts_parent_class)->unmap (widget);
}

static void
kdcc_am_alerts_dispose (GObject *object)
{
  KdccAmAlerts *self = KDCC_AM_ALERTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (kdcc_session_history_get (self->session), self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_AM_ALERTS);

  G_OBJECT_CLASS (kdcc_am_alerts_parent_class)->dispose (object);
}

static void
kdcc_am_alerts_finalize (GObject *object)
{
  KdccAmAlerts *self = KDCC_AM_ALERTS (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->alertmanager);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_am_alerts_parent_class)->finalize (object);
}

static void
kdcc_am_alerts_class_init (KdccAmAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_am_alerts_dispose;
  object_class->finalize = kdcc_am_alerts_finalize;
  widget_class->root = kdcc_am_alerts_root;
  widget_class->unroot = kdcc_am_alerts_unroot;
  widget_class->map = kdcc_am_alerts_map;
  widget_class->unmap = kdcc_am_alerts_unmap;

  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_SILENCED] =
    g_signal_new ("silenced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "am.silence", "s", silence_action_cb);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-am-alerts.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccAmAlerts, group);
  gtk_widget_class_bind_template_child (widget_class, KdccAmAlerts, list);
  gtk_widget_class_bind_template_child (widget_class, KdccAmAlerts, status_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_am_alerts_init (KdccAmAlerts *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdcc_am_alerts_new (void)
{
  return g_object_new (KDCC_TYPE_AM_ALERTS, NULL);
}
