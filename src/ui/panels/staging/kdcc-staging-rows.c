/* kdcc-staging-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdcc-staging-rows"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-staging-rows.h"

static const char *
state_label (KdccStagedState state)
{
  switch (state)
    {
    case KDCC_STAGED_PENDING:
      return _("Pending");
    case KDCC_STAGED_VERIFIED:
      return _("Applied and verified");
    case KDCC_STAGED_DIFFERS:
      return _("Applied, reads back another value");
    case KDCC_STAGED_UNVERIFIED:
      return _("Applied, not verified");
    case KDCC_STAGED_FAILED:
      return _("Failed: nothing changed");
    case KDCC_STAGED_ROLLED_BACK:
      return _("Rolled back");
    default:
      return "";
    }
}

static char *
dup_change_subtitle (KdccStagedChange *change)
{
  KdccOperation *operation = kdcc_staged_change_get_operation (change);
  const char *old_value = kdcc_staged_change_get_old_value (change);
  const char *new_value = kdcc_staged_change_get_new_value (change);
  g_autofree char *effect = NULL;
  GString *text = g_string_new (NULL);

  if (kdcc_staged_change_needs_restart (change))
    effect = g_strdup_printf (_("needs a restart of %s"), kdcc_staged_change_get_restart_who (change));
  else
    effect = g_strdup (_("applies at runtime"));
  /* Translators: old → new value, the target, and when it takes effect. */
  g_string_append_printf (text, _("%s → %s · %s · %s"),
                          old_value != NULL && *old_value != '\0' ? old_value : _("(default)"),
                          new_value != NULL && *new_value != '\0' ? new_value : _("(default)"),
                          kdcc_operation_get_target (operation) ? kdcc_operation_get_target (operation) : "",
                          effect);
  if (kdcc_staged_change_get_drifted (change))
    g_string_append_printf (text, "\n%s",
                            /* Translators: the value on the cluster now. */
                            _("Changed on the cluster since it was staged"));
  if (kdcc_staged_change_get_state (change) != KDCC_STAGED_PENDING)
    g_string_append_printf (text, "\n%s", state_label (kdcc_staged_change_get_state (change)));
  if (kdcc_staged_change_get_message (change) != NULL)
    g_string_append_printf (text, ": %s", kdcc_staged_change_get_message (change));
  return g_string_free (text, FALSE);
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
}

GtkWidget *
kdcc_staging_icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

GtkWidget *
kdcc_staging_change_row_new (KdccStagedChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = dup_change_subtitle (change);
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_staged_change_get_cli (change));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "monospace-title");

  if (kdcc_staged_change_get_drifted (change))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("The value on the cluster changed since this was staged"));
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  else if (kdcc_staged_change_needs_restart (change))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("view-refresh-symbolic");

      gtk_widget_set_tooltip_text (icon, _("Needs a restart to take effect"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  button = kdcc_staging_icon_button ("edit-copy-symbolic", _("Copy the Command"));
  g_object_set_data_full (G_OBJECT (button), "text", g_strdup (kdcc_staged_change_get_cli (change)),
                          g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

GtkWidget *
kdcc_staging_audit_row_new (gpointer item,
                            gpointer user_data)
{
  KdccAuditEntry *entry = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) local = g_date_time_to_local (kdcc_audit_entry_get_time (entry));
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  g_autofree char *subtitle = NULL;

  /* Translators: when, who, apply or rollback, the result and its message. */
  subtitle = g_strdup_printf (_("%s · %s · %s · %s%s%s"), when, kdcc_audit_entry_get_user (entry),
                              kdcc_audit_entry_get_action (entry), kdcc_audit_entry_get_result (entry),
                              kdcc_audit_entry_get_message (entry) ? ": " : "",
                              kdcc_audit_entry_get_message (entry) ? kdcc_audit_entry_get_message (entry) : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_audit_entry_get_cli (entry));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

GtkWidget *
kdcc_staging_restart_row_new (gpointer item,
                              gpointer user_data)
{
  KdccRestartItem *restart = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *ok_to_stop = kdcc_restart_item_dup_ok_to_stop_command (restart);
  g_autofree char *command = kdcc_restart_item_dup_restart_command (restart, KDCC_DEPLOYMENT_PACKAGES,
                                                                    NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *button;

  subtitle = g_strdup_printf ("%s\n%s%s%s%s",
                              kdcc_restart_item_get_details (restart),
                              ok_to_stop != NULL ? ok_to_stop : "",
                              ok_to_stop != NULL ? " && " : "", command, "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kdcc_restart_item_get_daemon (restart));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (kdcc_restart_item_get_host (restart) != NULL && *kdcc_restart_item_get_host (restart) != '\0')
    {
      GtkWidget *host = gtk_label_new (kdcc_restart_item_get_host (restart));

      gtk_widget_add_css_class (host, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), host);
    }
  button = kdcc_staging_icon_button ("edit-copy-symbolic", _("Copy the Restart Command"));
  g_object_set_data_full (G_OBJECT (button), "text", g_strdup (command), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

GtkWidget *
kdcc_staging_text_button (const char *label,
                          GCallback   callback,
                          gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, data);
  return button;
}

GtkWidget *
kdcc_staging_boxed_list (GtkSelectionMode mode)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), mode);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

GtkWidget *
kdcc_staging_group_new (GtkWidget  *page,
                        const char *title,
                        const char *description,
                        GtkWidget  *list,
                        const char *placeholder)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *empty = gtk_label_new (placeholder);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}
