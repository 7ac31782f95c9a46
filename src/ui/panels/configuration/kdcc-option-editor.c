/* kdcc-option-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "kdcc-option-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-option-editor.h"
#include "kdcc-stage-request.h"

struct _KdccOptionEditor
{
  GtkWidget          parent_instance;

  KdccControlsState *state;
  KdccConfigOption  *option;
  GCancellable      *cancellable;

  GtkWidget         *scrolled;
  GtkWidget         *values_group;
  GtkWidget         *value_widget;  /* GtkSwitch, GtkSpinButton, GtkDropDown or GtkEntry */
  GtkWidget         *target_entry;
  GtkWidget         *error_label;
  GtkWidget         *status_label;
  GtkWidget         *stage_button;
  GtkWidget         *reset_button;

  char              *error;
};

G_DEFINE_FINAL_TYPE (KdccOptionEditor, kdcc_option_editor, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SEE_ALSO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_numeric (KdccConfigType type)
{
  switch (type)
    {
    case KDCC_CONFIG_TYPE_INT:
    case KDCC_CONFIG_TYPE_UINT:
    case KDCC_CONFIG_TYPE_FLOAT:
    case KDCC_CONFIG_TYPE_SIZE:
    case KDCC_CONFIG_TYPE_SECS:
    case KDCC_CONFIG_TYPE_MILLISECS:
      return TRUE;
    default:
      return FALSE;
    }
}

static const char *
type_unit (KdccConfigType type)
{
  switch (type)
    {
    case KDCC_CONFIG_TYPE_SIZE:
      return _("bytes");
    case KDCC_CONFIG_TYPE_SECS:
      return _("seconds");
    case KDCC_CONFIG_TYPE_MILLISECS:
      return _("milliseconds");
    default:
      return NULL;
    }
}

/* A number from an option's text in its own syntax (sizes "4_M",
 * durations "1h"), so the spin button starts where the cluster is. */
static gboolean
parse_number (KdccConfigType  type,
              const char     *text,
              double         *out)
{
  guint64 size;
  gint64 secs;
  gint64 n;

  if (text == NULL || *text == '\0')
    return FALSE;
  switch (type)
    {
    case KDCC_CONFIG_TYPE_SIZE:
      if (!kdcc_config_parse_size (text, &size))
        return FALSE;
      *out = (double) size;
      return TRUE;
    case KDCC_CONFIG_TYPE_SECS:
      if (!kdcc_config_parse_duration (text, &secs))
        return FALSE;
      *out = (double) secs;
      return TRUE;
    case KDCC_CONFIG_TYPE_FLOAT:
      return kdcc_config_parse_float (text, out);
    default:
      if (!kdcc_config_parse_si_int (text, type == KDCC_CONFIG_TYPE_UINT, &n))
        return FALSE;
      *out = (double) n;
      return TRUE;
    }
}

static char *
dup_value_text (KdccOptionEditor *self)
{
  KdccConfigType type = kdcc_config_option_get_option_type (self->option);

  if (GTK_IS_SWITCH (self->value_widget))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (self->value_widget)) ? "true" : "false");
  if (GTK_IS_SPIN_BUTTON (self->value_widget))
    {
      /* The text as typed, so an out-of-range number reaches the
       * validator instead of being clamped silently. */
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->value_widget));

      if (type != KDCC_CONFIG_TYPE_FLOAT)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (text));
          return g_steal_pointer (&stripped);
        }
      return g_strstrip (g_strdup (text));
    }
  if (GTK_IS_DROP_DOWN (self->value_widget))
    {
      GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->value_widget));

      return g_strdup (item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "");
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_widget)));
}

static const char *
get_target (KdccOptionEditor *self)
{
  const char *target = gtk_editable_get_text (GTK_EDITABLE (self->target_entry));

  return *target != '\0' ? target : "global";
}

static void
status_cb (GtkWidget  *owner,
           const char *status,
           gboolean    staged)
{
  kdcc_stage_status_set (KDCC_OPTION_EDITOR (owner)->status_label, status, staged);
}

static void
validate (KdccOptionEditor *self)
{
  g_autofree char *value = dup_value_text (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->error, g_free);
  if (!kdcc_config_option_check_value (self->option, value, &error))
    self->error = g_strdup (error->message);
  gtk_label_set_text (GTK_LABEL (self->error_label), self->error != NULL ? self->error : "");
  gtk_widget_set_visible (self->error_label, self->error != NULL);
  gtk_widget_set_sensitive (self->stage_button, self->error == NULL);
  if (self->error != NULL)
    gtk_widget_add_css_class (self->value_widget, "error");
  else
    gtk_widget_remove_css_class (self->value_widget, "error");
}

static void
value_changed_cb (KdccOptionEditor *self)
{
  validate (self);
}

static void
see_also_clicked_cb (GtkButton        *button,
                     KdccOptionEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_SEE_ALSO], 0, gtk_button_get_label (button));
}

void
kdcc_option_editor_stage (KdccOptionEditor *self,
                          gboolean          reset)
{
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  KdccSession *session;
  const char *name;

  g_return_if_fail (KDCC_IS_OPTION_EDITOR (self));

  session = kdcc_controls_state_get_session (self->state);
  name = kdcc_config_option_get_name (self->option);
  if (reset)
    operation = kdcc_operation_new_config_rm (get_target (self), name);
  else
    {
      validate (self);
      if (self->error != NULL)
        return;
      value = dup_value_text (self);
      operation = kdcc_operation_new_config_set (get_target (self), name, value);
    }

  if (!kdcc_config_catalog_check_operation (kdcc_controls_state_get_catalog (self->state),
                                            operation,
                                            session ? kdcc_session_get_cluster (session) : NULL,
                                            &error))
    {
      status_cb (GTK_WIDGET (self), error->message, FALSE);
      return;
    }
  /* As every control: a risky change asks first, naming the reason and
   * the command. */
  kdcc_stage_request (GTK_WIDGET (self), session, operation, FALSE, self->cancellable, status_cb);
}

static void
stage_clicked_cb (KdccOptionEditor *self)
{
  kdcc_option_editor_stage (self, FALSE);
}

static void
reset_clicked_cb (KdccOptionEditor *self)
{
  kdcc_option_editor_stage (self, TRUE);
}

static GtkWidget *
info_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Short values stay on one line; long ones (paths, lists) are cut and
   * shown whole in the tooltip. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_tooltip_text (label, value);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
fill_values (KdccOptionEditor *self)
{
  GListModel *values = kdcc_config_option_get_values (self->option);
  guint n = g_list_model_get_n_items (values);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->values_group),
                                         n == 0 ? _("Not set anywhere: every daemon uses the default")
                                                : NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccConfigValue) value = g_list_model_get_item (values, i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->values_group),
                                 info_row (kdcc_config_value_get_who (value),
                                           kdcc_config_value_get_value (value)));
    }
}

static GtkWidget *
build_value_widget (KdccOptionEditor *self,
                    const char       *initial)
{
  KdccConfigType type = kdcc_config_option_get_option_type (self->option);
  const char * const *enum_values = kdcc_config_option_get_enum_values (self->option);
  GtkWidget *widget;

  if (type == KDCC_CONFIG_TYPE_BOOL)
    {
      gboolean active = FALSE;

      kdcc_config_parse_bool (initial, &active);
      widget = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (widget), active);
      g_signal_connect_swapped (widget, "notify::active", G_CALLBACK (value_changed_cb), self);
    }
  else if (enum_values != NULL && enum_values[0] != NULL)
    {
      guint selected = 0;

      widget = gtk_drop_down_new_from_strings ((const char **) enum_values);
      for (guint i = 0; enum_values[i] != NULL; i++)
        if (g_strcmp0 (enum_values[i], initial) == 0)
          selected = i;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), selected);
      g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (value_changed_cb), self);
    }
  else if (is_numeric (type))
    {
      double min = type == KDCC_CONFIG_TYPE_INT || type == KDCC_CONFIG_TYPE_FLOAT ? -1e15 : 0;
      double max = 1e15;
      double start = 0;
      int digits = type == KDCC_CONFIG_TYPE_FLOAT ? 3 : 0;
      g_autofree char *text = NULL;

      /* The spin's own bounds are wide: min and max are enforced by the
       * validator, which says why, rather than by silent clamping. */
      parse_number (type, kdcc_config_option_get_min (self->option), &min);
      parse_number (type, kdcc_config_option_get_max (self->option), &max);
      min = MIN (min, -1e15);
      max = MAX (max, 1e15);
      parse_number (type, initial, &start);
      widget = gtk_spin_button_new_with_range (min, max, type == KDCC_CONFIG_TYPE_FLOAT ? 0.1 : 1);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (widget), digits);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (widget), FALSE);
      gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (widget), GTK_UPDATE_IF_VALID);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), start);
      if (type == KDCC_CONFIG_TYPE_FLOAT)
        text = g_strdup_printf ("%g", start);
      else
        text = g_strdup_printf ("%.0f", start);
      gtk_editable_set_text (GTK_EDITABLE (widget), text);
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), 14);
      g_signal_connect_swapped (widget, "changed", G_CALLBACK (value_changed_cb), self);
    }
  else
    {
      widget = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (widget), initial != NULL ? initial : "");
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), 24);
      g_signal_connect_swapped (widget, "changed", G_CALLBACK (value_changed_cb), self);
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  return widget;
}

static void
build (KdccOptionEditor *self)
{
  KdccConfigOption *option = self->option;
  KdccConfigType type = kdcc_config_option_get_option_type (option);
  const char * const *see_also = kdcc_config_option_get_see_also (option);
  const char *current;
  const char *min;
  const char *max;
  g_autofree char *range = NULL;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *label;
  GtkWidget *box;

  /* What it is */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), kdcc_config_option_get_name (option));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         kdcc_config_option_get_description (option));
  if (kdcc_config_option_get_long_description (option) != NULL
      && *kdcc_config_option_get_long_description (option) != '\0')
    {
      label = gtk_label_new (kdcc_config_option_get_long_description (option));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_bottom (label, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row (_("Type"), kdcc_config_type_to_string (type)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row (_("Level"),
                                       kdcc_config_level_to_string (kdcc_config_option_get_level (option))));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row (_("Default"), kdcc_config_option_get_default_value (option)));
  min = kdcc_config_option_get_min (option);
  max = kdcc_config_option_get_max (option);
  if ((min != NULL && *min != '\0') || (max != NULL && *max != '\0'))
    {
      /* Translators: an option's allowed range, "1 … 64". */
      range = g_strdup_printf (_("%s … %s"), min != NULL ? min : "", max != NULL ? max : "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("Range"), range));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row (_("Takes effect"),
                                       kdcc_config_option_get_runtime (option)
                                       ? _("At runtime")
                                       : _("After the daemons restart")));
  if (see_also != NULL && see_also[0] != NULL)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("See also"));
      box = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      for (guint i = 0; see_also[i] != NULL; i++)
        {
          GtkWidget *link = gtk_button_new_with_label (see_also[i]);

          gtk_widget_add_css_class (link, "flat");
          gtk_widget_add_css_class (link, "link");
          g_signal_connect (link, "clicked", G_CALLBACK (see_also_clicked_cb), self);
          gtk_flow_box_append (GTK_FLOW_BOX (box), link);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  /* Where it is set */
  self->values_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->values_group), _("Values Set"));
  fill_values (self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->values_group));

  /* The change */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Change"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Changes are staged first; nothing reaches the cluster "
                                           "until the staging area is applied."));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Target"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("global, a service (osd), a daemon (osd.3) or a mask "
                                 "(osd/class:ssd, osd/host:node1)"));
  self->target_entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->target_entry), "global");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->target_entry), 16);
  gtk_widget_set_valign (self->target_entry, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->target_entry);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  current = kdcc_config_option_lookup_value (option, "global");
  if (current == NULL)
    current = kdcc_config_option_get_default_value (option);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New Value"));
  if (type_unit (type) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), type_unit (type));
  self->value_widget = build_value_widget (self, current);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->value_widget);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_margin_top (self->error_label, 6);
  gtk_widget_set_visible (self->error_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->error_label);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  self->reset_button = gtk_button_new_with_mnemonic (_("_Reset to Default"));
  gtk_widget_set_tooltip_text (self->reset_button,
                               _("Stage the removal of the value set for the target"));
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (reset_clicked_cb), self);
  self->stage_button = gtk_button_new_with_mnemonic (_("_Stage"));
  gtk_widget_add_css_class (self->stage_button, "suggested-action");
  g_signal_connect_swapped (self->stage_button, "clicked", G_CALLBACK (stage_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->reset_button);
  gtk_box_append (GTK_BOX (box), self->stage_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  self->status_label = kdcc_stage_status_new ();
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 1);
  gtk_widget_set_margin_top (self->status_label, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_label);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  gtk_widget_set_parent (page, GTK_WIDGET (self));
  self->scrolled = page;
  validate (self);
}

static void
kdcc_option_editor_dispose (GObject *object)
{
  KdccOptionEditor *self = KDCC_OPTION_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->state);
  g_clear_object (&self->option);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (kdcc_option_editor_parent_class)->dispose (object);
}

static void
kdcc_option_editor_class_init (KdccOptionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_option_editor_dispose;

  signals[SIGNAL_SEE_ALSO] =
    g_signal_new ("see-also", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kdcc_option_editor_init (KdccOptionEditor *self)
{
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
kdcc_option_editor_new (KdccControlsState *state,
                        KdccConfigOption  *option)
{
  KdccOptionEditor *self;

  g_return_val_if_fail (KDCC_IS_CONTROLS_STATE (state), NULL);
  g_return_val_if_fail (KDCC_IS_CONFIG_OPTION (option), NULL);

  self = g_object_new (KDCC_TYPE_OPTION_EDITOR, NULL);
  self->state = g_object_ref (state);
  self->option = g_object_ref (option);
  build (self);
  return GTK_WIDGET (self);
}

void
kdcc_option_editor_set_value (KdccOptionEditor *self,
                              const char       *value)
{
  g_return_if_fail (KDCC_IS_OPTION_EDITOR (self));

  if (GTK_IS_SWITCH (self->value_widget))
    {
      gboolean active = FALSE;

      kdcc_config_parse_bool (value, &active);
      gtk_switch_set_active (GTK_SWITCH (self->value_widget), active);
    }
  else if (GTK_IS_DROP_DOWN (self->value_widget))
    {
      const char * const *values = kdcc_config_option_get_enum_values (self->option);

      for (guint i = 0; values != NULL && values[i] != NULL; i++)
        if (g_strcmp0 (values[i], value) == 0)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->value_widget), i);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->value_widget), value);
  validate (self);
}

void
kdcc_option_editor_set_target (KdccOptionEditor *self,
                               const char       *target)
{
  g_return_if_fail (KDCC_IS_OPTION_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->target_entry), target);
}

const char *
kdcc_option_editor_get_error (KdccOptionEditor *self)
{
  g_return_val_if_fail (KDCC_IS_OPTION_EDITOR (self), NULL);
  return self->error;
}

const char *
kdcc_option_editor_get_status (KdccOptionEditor *self)
{
  g_return_val_if_fail (KDCC_IS_OPTION_EDITOR (self), NULL);
  return kdcc_stage_status_get (self->status_label);
}
