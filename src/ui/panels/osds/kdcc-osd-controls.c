/* kdcc-osd-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What changes one OSD, on its page: in/out, reweight, primary affinity.
 */
#define G_LOG_DOMAIN "kdcc-osd-controls"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-control-value.h"
#include "kdcc-osd-controls.h"
#include "kdcc-stage-request.h"

typedef struct
{
  KdccSession  *session;
  KdccOsd      *osd;
  GtkWidget    *in_button;
  GtkWidget    *out_button;
  KdccControlValue *reweight;
  GtkWidget    *reweight_button;
  KdccControlValue *affinity;
  GtkWidget    *affinity_button;
  GtkWidget    *status_label;
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
  g_clear_pointer (&controls->reweight, kdcc_control_value_free);
  g_clear_pointer (&controls->affinity, kdcc_control_value_free);
  g_free (controls);
}

static Controls *
get_controls (gpointer group)
{
  return g_object_get_data (G_OBJECT (group), "kdcc-osd-controls");
}

static void
status_cb (GtkWidget  *group,
           const char *status,
           gboolean    staged)
{
  kdcc_stage_status_set (get_controls (group)->status_label, status, staged);
}

static void
stage (GtkWidget     *group,
       KdccOperation *operation)
{
  Controls *controls = get_controls (group);

  kdcc_stage_request (group, controls->session, operation, FALSE, controls->cancellable,
                      status_cb);
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
control_number (KdccControlValue *value)
{
  g_autofree char *text = kdcc_control_value_dup_text (value);

  return g_ascii_strtod (text, NULL);
}

/* The model's values as the controls show them. */
static char *
reweight_text (KdccOsd *osd)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* A reweight of 0 is an OSD out: its control offers 1, the weight it
   * takes back when marked in. */
  return g_strdup (g_ascii_dtostr (buf, sizeof buf,
                                   kdcc_osd_get_reweight (osd) > 0 ? kdcc_osd_get_reweight (osd) : 1.0));
}

static char *
affinity_text (KdccOsd *osd)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, kdcc_osd_get_primary_affinity (osd)));
}

static void
reweight_clicked_cb (GtkButton *button,
                     GtkWidget *group)
{
  Controls *controls = get_controls (group);
  g_autoptr(KdccOperation) operation =
    kdcc_operation_new_osd_reweight (kdcc_osd_get_id (controls->osd),
                                     control_number (controls->reweight));

  stage (group, operation);
}

static void
affinity_clicked_cb (GtkButton *button,
                     GtkWidget *group)
{
  Controls *controls = get_controls (group);
  g_autoptr(KdccOperation) operation =
    kdcc_operation_new_osd_primary_affinity (kdcc_osd_get_id (controls->osd),
                                             control_number (controls->affinity));

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

/* The spins follow the OSD as refreshes bring it (an apply, a change made
 * elsewhere) until the admin touches them. */
static void
osd_changed_cb (KdccOsd  *osd,
                Controls *controls)
{
  g_autofree char *reweight = reweight_text (osd);
  g_autofree char *affinity = affinity_text (osd);

  update_state (controls);
  kdcc_control_value_follow (controls->reweight, reweight);
  kdcc_control_value_follow (controls->affinity, affinity);
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
spin_row (AdwPreferencesGroup  *group,
          const char           *title,
          const char           *subtitle,
          const char           *value,
          KdccControlValue    **control,
          GtkWidget           **button,
          GCallback             callback)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1, 0.05);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  *control = kdcc_control_value_new (spin, value);
  *button = button_new (_("_Stage"), callback, GTK_WIDGET (group));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), kdcc_control_value_get_note (*control));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
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
  g_autofree char *reweight = NULL;
  g_autofree char *affinity = NULL;

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
  controls->status_label = kdcc_stage_status_new ();
  gtk_widget_set_margin_bottom (controls->status_label, 6);
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

  reweight = reweight_text (osd);
  affinity = affinity_text (osd);
  spin_row (group, _("Reweight"),
            _("0 to 1: the share of its CRUSH weight the OSD takes; lower moves data away"),
            reweight, &controls->reweight, &controls->reweight_button,
            G_CALLBACK (reweight_clicked_cb));
  spin_row (group, _("Primary affinity"),
            _("0 to 1: how likely the OSD is to serve reads and writes first (1 by default); "
              "no data moves"),
            affinity, &controls->affinity, &controls->affinity_button,
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
  GtkWidget *button = NULL;

  g_return_val_if_fail (controls != NULL, FALSE);

  if (g_strcmp0 (key, "in") == 0)
    button = controls->in_button;
  else if (g_strcmp0 (key, "out") == 0)
    button = controls->out_button;
  else if (kdcc_osd_controls_edit (group, key, value))
    button = g_strcmp0 (key, "reweight") == 0 ? controls->reweight_button
                                              : controls->affinity_button;
  if (button == NULL)
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

const char *
kdcc_osd_controls_get_status (AdwPreferencesGroup *group)
{
  Controls *controls = get_controls (group);

  g_return_val_if_fail (controls != NULL, NULL);
  return kdcc_stage_status_get (controls->status_label);
}

static KdccControlValue *
lookup_value (AdwPreferencesGroup *group,
              const char          *key)
{
  Controls *controls = get_controls (group);

  g_return_val_if_fail (controls != NULL, NULL);
  if (g_strcmp0 (key, "reweight") == 0)
    return controls->reweight;
  if (g_strcmp0 (key, "primary-affinity") == 0)
    return controls->affinity;
  return NULL;
}

gboolean
kdcc_osd_controls_edit (AdwPreferencesGroup *group,
                        const char          *key,
                        const char          *value)
{
  KdccControlValue *control = lookup_value (group, key);

  if (control == NULL)
    return FALSE;
  kdcc_control_value_set_text (control, value);
  return TRUE;
}

char *
kdcc_osd_controls_dup_value (AdwPreferencesGroup *group,
                             const char          *key)
{
  KdccControlValue *control = lookup_value (group, key);

  return control != NULL ? kdcc_control_value_dup_text (control) : NULL;
}

const char *
kdcc_osd_controls_get_note (AdwPreferencesGroup *group,
                            const char          *key)
{
  KdccControlValue *control = lookup_value (group, key);

  return control != NULL ? kdcc_control_value_get_note_text (control) : NULL;
}
