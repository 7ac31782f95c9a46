/* kdcc-upgrade-auto-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the automated upgrade. Saved on every change rather than
 * with a button: the scheduler in the app and the CLI read the same file,
 * and a setting shown but not yet in force would mislead.
 */
#define G_LOG_DOMAIN "kdcc-versions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-upgrade-auto-group.h"

struct _KdccUpgradeAutoGroup
{
  AdwPreferencesGroup      parent_instance;

  char                    *fsid;
  KdccAutoUpgradeSettings *settings;
  gboolean                 loading;
  char                    *status;

  AdwComboRow             *mode_row;
  AdwEntryRow             *window_row;
  AdwEntryRow             *restart_row;
  AdwActionRow            *notify_row;
  GtkSwitch               *notify_switch;
  AdwActionRow            *status_row;
};

G_DEFINE_FINAL_TYPE (KdccUpgradeAutoGroup, kdcc_upgrade_auto_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_status (KdccUpgradeAutoGroup *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  KdccAutoUpgradeSettings *s = self->settings;

  g_clear_pointer (&self->status, g_free);
  if (s == NULL)
    self->status = g_strdup (_("Connect to a cluster to set its automatic upgrades"));
  else if (s->mode == KDCC_AUTO_UPGRADE_DISABLED)
    self->status = g_strdup (_("Off: KDCC neither tells of new releases nor upgrades"));
  else if (s->mode == KDCC_AUTO_UPGRADE_NOTIFY)
    self->status = g_strdup (_("KDCC tells when a newer release the catalog marks safe exists"));
  else if (s->window.days == 0)
    self->status = g_strdup (_("Set a maintenance window: until then KDCC only tells"));
  else if (kdcc_auto_upgrade_window_find (&s->window, now, &start, &end))
    {
      g_autofree char *closes = g_date_time_format (end, "%H:%M");

      /* TRANSLATORS: "The window is open until 06:00" */
      self->status = g_strdup_printf (_("The window is open until %s: an upgrade to the newest "
                                        "safe release starts if the preflight passes"), closes);
    }
  else
    {
      g_autofree char *opens = g_date_time_format (start, "%A %H:%M");

      /* TRANSLATORS: "Next window: Saturday 02:00" */
      self->status = g_strdup_printf (_("Next window: %s. The upgrade starts only then, and only "
                                        "if the preflight passes"), opens);
    }
  adw_action_row_set_subtitle (self->status_row, self->status);

  gtk_widget_set_sensitive (GTK_WIDGET (self), s != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->window_row),
                          s != NULL && s->mode == KDCC_AUTO_UPGRADE_WINDOW);
  gtk_widget_set_visible (GTK_WIDGET (self->restart_row),
                          s != NULL && s->mode == KDCC_AUTO_UPGRADE_WINDOW);
  gtk_widget_set_visible (GTK_WIDGET (self->notify_row),
                          s != NULL && s->mode != KDCC_AUTO_UPGRADE_DISABLED);
}

static void
save (KdccUpgradeAutoGroup *self)
{
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL || self->fsid == NULL)
    return;
  if (!kdcc_auto_upgrade_settings_save (self->settings, self->fsid, &error))
    g_warning ("Cannot save the automatic upgrade setting: %s", error->message);
  show_status (self);
}

static void
fill (KdccUpgradeAutoGroup *self)
{
  g_autofree char *window = NULL;

  self->loading = TRUE;
  if (self->settings != NULL)
    {
      window = kdcc_auto_upgrade_window_to_string (&self->settings->window);
      adw_combo_row_set_selected (self->mode_row, self->settings->mode);
      gtk_editable_set_text (GTK_EDITABLE (self->window_row), window);
      gtk_editable_set_text (GTK_EDITABLE (self->restart_row),
                             self->settings->restart_template != NULL
                             ? self->settings->restart_template : "");
      gtk_switch_set_active (self->notify_switch, self->settings->notifications);
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->window_row), "error");
  self->loading = FALSE;
  show_status (self);
}

static void
mode_selected_cb (KdccUpgradeAutoGroup *self)
{
  guint selected = adw_combo_row_get_selected (self->mode_row);

  if (self->loading || self->settings == NULL || selected > KDCC_AUTO_UPGRADE_WINDOW)
    return;
  self->settings->mode = (KdccAutoUpgradeMode) selected;
  save (self);
}

static void
window_applied_cb (KdccUpgradeAutoGroup *self)
{
  kdcc_upgrade_auto_group_apply_window (self, gtk_editable_get_text (GTK_EDITABLE (self->window_row)));
}

static void
restart_applied_cb (KdccUpgradeAutoGroup *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->restart_row));

  if (self->loading || self->settings == NULL)
    return;
  g_free (self->settings->restart_template);
  self->settings->restart_template = *text != '\0' ? g_strdup (text) : NULL;
  save (self);
}

static void
notify_switched_cb (KdccUpgradeAutoGroup *self)
{
  if (self->loading || self->settings == NULL)
    return;
  self->settings->notifications = gtk_switch_get_active (self->notify_switch);
  save (self);
}

void
kdcc_upgrade_auto_group_set_fsid (KdccUpgradeAutoGroup *self,
                                  const char           *fsid)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KDCC_IS_UPGRADE_AUTO_GROUP (self));

  if (fsid != NULL && *fsid == '\0')
    fsid = NULL;
  if (g_strcmp0 (fsid, self->fsid) == 0)
    return;
  g_free (self->fsid);
  self->fsid = g_strdup (fsid);
  g_clear_pointer (&self->settings, kdcc_auto_upgrade_settings_free);
  if (fsid != NULL)
    {
      self->settings = kdcc_auto_upgrade_settings_load (fsid, &error);
      /* A damaged file is shown as the defaults but not overwritten until
       * the admin changes something. */
      if (self->settings == NULL)
        {
          g_warning ("%s", error->message);
          self->settings = kdcc_auto_upgrade_settings_new ();
        }
    }
  fill (self);
}

void
kdcc_upgrade_auto_group_set_mode (KdccUpgradeAutoGroup *self,
                                  KdccAutoUpgradeMode   mode)
{
  g_return_if_fail (KDCC_IS_UPGRADE_AUTO_GROUP (self));
  adw_combo_row_set_selected (self->mode_row, mode);
}

gboolean
kdcc_upgrade_auto_group_apply_window (KdccUpgradeAutoGroup *self,
                                      const char           *text)
{
  g_autoptr(GError) error = NULL;
  KdccAutoUpgradeWindow window;

  g_return_val_if_fail (KDCC_IS_UPGRADE_AUTO_GROUP (self), FALSE);

  if (self->settings == NULL)
    return FALSE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->window_row)), text) != 0)
    {
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->window_row), text);
      self->loading = FALSE;
    }
  if (!kdcc_auto_upgrade_window_parse (text, &window, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->window_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_row), error->message);
      adw_action_row_set_subtitle (self->status_row, error->message);
      g_free (self->status);
      self->status = g_strdup (error->message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->window_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_row), NULL);
  self->settings->window = window;
  save (self);
  return TRUE;
}

void
kdcc_upgrade_auto_group_set_notifications (KdccUpgradeAutoGroup *self,
                                           gboolean              enabled)
{
  g_return_if_fail (KDCC_IS_UPGRADE_AUTO_GROUP (self));
  gtk_switch_set_active (self->notify_switch, enabled);
}

const char *
kdcc_upgrade_auto_group_get_status (KdccUpgradeAutoGroup *self)
{
  g_return_val_if_fail (KDCC_IS_UPGRADE_AUTO_GROUP (self), NULL);
  return self->status;
}

GtkWidget *
kdcc_upgrade_auto_group_new (void)
{
  return g_object_new (KDCC_TYPE_UPGRADE_AUTO_GROUP, NULL);
}

static void
kdcc_upgrade_auto_group_finalize (GObject *object)
{
  KdccUpgradeAutoGroup *self = KDCC_UPGRADE_AUTO_GROUP (object);

  g_free (self->fsid);
  g_free (self->status);
  kdcc_auto_upgrade_settings_free (self->settings);

  G_OBJECT_CLASS (kdcc_upgrade_auto_group_parent_class)->finalize (object);
}

static void
kdcc_upgrade_auto_group_class_init (KdccUpgradeAutoGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_upgrade_auto_group_finalize;
}

static void
kdcc_upgrade_auto_group_init (KdccUpgradeAutoGroup *self)
{
  const char *modes[] = { N_("Off"), N_("Notify"), N_("Maintenance window"), NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; modes[i] != NULL; i++)
    gtk_string_list_append (model, _(modes[i]));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Automatic Upgrades"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Notify tells when a newer release the catalog marks "
                                           "safe exists; in a maintenance window KDCC also "
                                           "upgrades to it, never with a failed preflight. "
                                           "Without a restart command the roll says which daemon "
                                           "to restart and waits. Times are local."));

  self->mode_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mode_row), _("_Mode"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->mode_row), TRUE);
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (model));
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (mode_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->mode_row));

  self->window_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* TRANSLATORS: the text form stays English: "Sat 02:00 4h" */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->window_row),
                                 _("Maintenance window (e.g. Sat 02:00 4h, Mon-Fri 01:30 90m)"));
  adw_entry_row_set_show_apply_button (self->window_row, TRUE);
  g_signal_connect_swapped (self->window_row, "apply", G_CALLBACK (window_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->window_row));

  self->restart_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->restart_row),
                                 _("Restart command ({type}, {id}, {host})"));
  adw_entry_row_set_show_apply_button (self->restart_row, TRUE);
  g_signal_connect_swapped (self->restart_row, "apply", G_CALLBACK (restart_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->restart_row));

  self->notify_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notify_row), _("Desktop _Notifications"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->notify_row), TRUE);
  adw_action_row_set_subtitle (self->notify_row,
                               _("When a safe update is available, and when a scheduled upgrade "
                                 "starts, stalls and ends"));
  self->notify_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->notify_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->notify_row, GTK_WIDGET (self->notify_switch));
  adw_action_row_set_activatable_widget (self->notify_row, GTK_WIDGET (self->notify_switch));
  g_signal_connect_swapped (self->notify_switch, "notify::active", G_CALLBACK (notify_switched_cb),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->notify_row));

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Schedule"));
  adw_action_row_set_subtitle_lines (self->status_row, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->status_row));

  fill (self);
}
