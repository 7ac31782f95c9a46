/* kdcc-osd-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What changes one OSD, on its page: in/out, reweight, primary affinity.
 */
#define G_LOG_DOMAIN "kdcc-osd-controls"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-osd-controls.h"
#include "kdcc-stage-request.h"

typedef struct
{
  KdccSession  *session;
  KdccOsd      *osd;
  GtkWidget    *in_button;
  GtkWidget    *out_button;
  GtkWidget    *reweight_spin;
  GtkWidget    *reweight_button;
  GtkWidget    *affinity_spin;
  GtkWidget    *affinity_button;
  GtkWidget    *status_label;
  char         *status;
  GCancellable *cancellable;
} Controls;

static void
controls_free (Controls *controls)
{
  g_cancellable_cancel (controls->cancellable);
  g_clear_object (&controls->cancellable);
  g_signal_handlers_disconnect_by_data (controls->osd, controls);
  g_clear_object (&controls->osd);
  g_clear_object (&controls->session);
  g_free (controls->status);
  g_free (controls);
}

static Controls *
get_controls (gpointer group)
{
  return g_object_get_data (G_OBJECT (group), "kdcc-osd-controls");
}

static void
set_status (GtkWidget  *group,
            const char *status,
            gboolean    staged)
{
  Controls *controls = get_controls (group);

  g_free (controls->status);
  controls->status = g_strdup (status);
  gtk_label_set_text (GTK_LABEL (controls->status_label), status);
  gtk_widget_remove_css_class (controls->status_label, staged ? "error" : "success");
  gtk_widget_add_css_class (controls->status_label, staged ? "success" : "error");
  gtk_widget_set_visible (controls->status_label, TRUE);
}

static void
stage (GtkWidget     *group,
       KdccOperation *operation)
{
  Controls *controls = get_controls (group);

  kdcc_stage_request (group, controls->session, operation, FALSE, controls->cancellable,
                      set_status);
}

static void
in_clicked_cb (GtkButton *button,
               GtkWidget *group)
{
  g_autoptr(KdccOperation) operation = kdcc_operation_new_osd_in (kdcc_osd_get_id (get_controls (group)->osd));

  stage (group, operation);
}

static void
out_clicked_cb (GtkButton *button,
                GtkWidget *group)
{
  g_autoptr(KdccOperation) operation = kdcc_operation_new_osd_out (kdcc_osd_get_id (get_controls (group)->osd));

  stage (group, operation);
}

static double
spin_value (GtkWidget *spin)
{
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
}

static void
reweight_clicked_cb (GtkButton *button,
                     GtkWidget *group)
{
  Controls *controls = get_controls (group);
  g_autoptr(KdccOperation) operation =
    kdcc_operation_new_osd_reweight (kdcc_osd_get_id (controls->osd),
                                     spin_value (controls->reweight_spin));

  stage (group, operation);
}

static void
affinity_clicked_cb (GtkButton *button,
                     GtkWidget *group)
{
  Controls *controls = get_controls (group);
  g_autoptr(KdccOperation) operation =
    kdcc_operation_new_osd_primary_affinity (kdcc_osd_get_id (controls->osd),
                                             spin_value (controls->affinity_spin));

  stage (group, operation);
}

static void
update_state (Controls *controls)
{
  gboolean in = kdcc_osd_get_in (controls->osd);

  /* Staging what is already so would change nothing. */
  gtk_widget_set_sensitive (controls->in_button, !in);
  gtk_widget_set_sensitive (controls->out_button, in);
}

static void
osd_changed_cb (KdccOsd  *osd,
                Controls *controls)
{
  update_state (controls);
}

static GtkWidget *
button_new (const char *label,
            GCallback   callback,
            GtkWidget  *group)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", callback, group);
  return button;
}

static GtkWidget *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          double               value,
          GtkWidget          **spin,
          GtkWidget          **button,
          GCallback            callback)
{
  GtkWidget *row = adw_action_row_new ();

  *spin = gtk_spin_button_new_with_range (0, 1, 0.05);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (*spin), 2);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (*spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (*spin), value);
  gtk_widget_set_valign (*spin, GTK_ALIGN_CENTER);
  *button = button_new (_("_Stage"), callback, GTK_WIDGET (group));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *button);
  adw_preferences_group_add (group, row);
  return row;
}

void
kdcc_osd_controls_fill (AdwPreferencesGroup *group,
                        KdccSession         *session,
                        KdccOsd             *osd)
{
  Controls *controls;
  GtkWidget *row;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (KDCC_IS_OSD (osd));

  controls = g_new0 (Controls, 1);
  controls->session = session != NULL ? g_object_ref (session) : NULL;
  controls->osd = g_object_ref (osd);
  controls->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (group), "kdcc-osd-controls", controls,
                          (GDestroyNotify) controls_free);

  adw_preferences_group_set_description (group,
                                         _("Each change is staged with its command and applied "
                                           "from Staged Changes."));
  controls->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (controls->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (controls->status_label), 0);
  gtk_label_set_selectable (GTK_LABEL (controls->status_label), TRUE);
  gtk_widget_set_margin_bottom (controls->status_label, 6);
  gtk_widget_set_visible (controls->status_label, FALSE);
  adw_preferences_group_add (group, controls->status_label);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Data placement"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Out: CRUSH moves the OSD's data to other OSDs; in: data "
                                 "moves back"));
  controls->out_button = button_new (_("Mark _Out"), G_CALLBACK (out_clicked_cb),
                                     GTK_WIDGET (group));
  controls->in_button = button_new (_("Mark _In"), G_CALLBACK (in_clicked_cb),
                                    GTK_WIDGET (group));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), controls->out_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), controls->in_button);
  adw_preferences_group_add (group, row);

  spin_row (group, _("Reweight"),
            _("0 to 1: the share of its CRUSH weight the OSD takes; lower moves data away"),
            kdcc_osd_get_reweight (osd) > 0 ? kdcc_osd_get_reweight (osd) : 1.0,
            &controls->reweight_spin, &controls->reweight_button,
            G_CALLBACK (reweight_clicked_cb));
  spin_row (group, _("Primary affinity"),
            _("0 to 1: how likely the OSD is to serve reads and writes first (1 by default); "
              "no data moves"),
            kdcc_osd_get_primary_affinity (osd), &controls->affinity_spin,
            &controls->affinity_button,
            G_CALLBACK (affinity_clicked_cb));

  update_state (controls);
  g_signal_connect (osd, "changed", G_CALLBACK (osd_changed_cb), controls);
}

gboolean
kdcc_osd_controls_stage (AdwPreferencesGroup *group,
                         const char          *key,
                         const char          *value)
{
  Controls *controls = get_controls (group);
  GtkWidget *spin = NULL;
  GtkWidget *button = NULL;

  g_return_val_if_fail (controls != NULL, FALSE);

  if (g_strcmp0 (key, "in") == 0)
    button = controls->in_button;
  else if (g_strcmp0 (key, "out") == 0)
    button = controls->out_button;
  else if (g_strcmp0 (key, "reweight") == 0)
    spin = controls->reweight_spin, button = controls->reweight_button;
  else if (g_strcmp0 (key, "primary-affinity") == 0)
    spin = controls->affinity_spin, button = controls->affinity_button;
  if (button == NULL)
    return FALSE;
  if (spin != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), g_ascii_strtod (value, NULL));
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

const char *
kdcc_osd_controls_get_status (AdwPreferencesGroup *group)
{
  Controls *controls = get_controls (group);

  g_return_val_if_fail (controls != NULL, NULL);
  return controls->status;
}
