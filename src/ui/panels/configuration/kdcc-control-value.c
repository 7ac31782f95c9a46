/* kdcc-control-value.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A control that follows the cluster until the admin touches it.
 */

#define G_LOG_DOMAIN "kdcc-control-value"

#include "config.h"

#include <glib/gi18n-lib.h>
#include "kdcc-control-value.h"

struct _KdccControlValue
{
  GtkWidget *editor;
  GtkWidget *note;
  char      *shown;  /* the cluster's value the editor last took, as the editor writes it */
};

/* A number as a spin button with SPIN's digits and range shows it, so the
 * cluster's "0.5" and a spin's 0.50 compare equal. */
static char *
format_number (GtkSpinButton *spin,
               double         value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  guint digits = gtk_spin_button_get_digits (spin);
  double min, max;

  gtk_spin_button_get_range (spin, &min, &max);
  value = CLAMP (value, min, max);
  if (digits == 0)
    return g_strdup_printf ("%.0f", value);
  /* Rounded to the digits shown, as the spin does when it reads its text. */
  g_snprintf (format, sizeof format, "%%.%uf", digits);
  value = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, format, value), NULL);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

/* What the editor would hold for the cluster's VALUE. */
static char *
normalise (KdccControlValue *self,
           const char       *value)
{
  if (GTK_IS_SPIN_BUTTON (self->editor))
    return format_number (GTK_SPIN_BUTTON (self->editor),
                          value != NULL ? g_ascii_strtod (value, NULL) : 0);
  if (GTK_IS_DROP_DOWN (self->editor) && value == NULL)
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (self->editor));
      g_autoptr(GtkStringObject) first = g_list_model_get_item (model, 0);

      return first != NULL ? g_strdup (gtk_string_object_get_string (first)) : NULL;
    }
  return g_strstrip (g_strdup (value != NULL ? value : ""));
}

/* The editor's value without committing a spin's text: a refresh must
 * not reformat what the admin is typing. */
static char *
peek_text (KdccControlValue *self)
{
  if (GTK_IS_SPIN_BUTTON (self->editor))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->editor));
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      if (end == text)
        return g_strdup (text);
      return format_number (GTK_SPIN_BUTTON (self->editor), value);
    }
  if (GTK_IS_DROP_DOWN (self->editor))
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->editor));

      return item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
    }
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor))));
}

static void
put_text (KdccControlValue *self,
          const char       *text)
{
  if (GTK_IS_SPIN_BUTTON (self->editor))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->editor),
                               text != NULL ? g_ascii_strtod (text, NULL) : 0);
  else if (GTK_IS_DROP_DOWN (self->editor))
    {
      GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (self->editor));

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
            gtk_drop_down_set_selected (GTK_DROP_DOWN (self->editor), i);
        }
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->editor), text != NULL ? text : "");
}

static void
set_note (KdccControlValue *self,
          const char       *value)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (value == NULL)
    {
      gtk_widget_set_visible (self->note, FALSE);
      return;
    }
  /* TRANSLATORS: beside a control the admin changed; %s: the value the
   * cluster holds now */
  text = g_strdup_printf (_("Cluster now: %s"), value);
  tooltip = g_strdup_printf (_("The cluster's value changed to %s since this page showed it; "
                               "the control keeps the value you entered"), value);
  gtk_label_set_text (GTK_LABEL (self->note), text);
  gtk_widget_set_tooltip_text (self->note, tooltip);
  gtk_widget_set_visible (self->note, TRUE);
}

KdccControlValue *
kdcc_control_value_new (GtkWidget  *editor,
                        const char *value)
{
  KdccControlValue *self;

  g_return_val_if_fail (GTK_IS_WIDGET (editor), NULL);

  self = g_new0 (KdccControlValue, 1);
  /* Held: a refresh may reach the control while its page is being torn
   * down. */
  self->editor = g_object_ref (editor);
  self->note = g_object_ref (gtk_label_new (NULL));
  gtk_widget_add_css_class (self->note, "warning");
  gtk_widget_set_valign (self->note, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->note, FALSE);
  put_text (self, value);
  self->shown = peek_text (self);
  return self;
}

void
kdcc_control_value_free (KdccControlValue *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->editor);
  g_clear_object (&self->note);
  g_free (self->shown);
  g_free (self);
}

GtkWidget *
kdcc_control_value_get_editor (KdccControlValue *self)
{
  return self->editor;
}

GtkWidget *
kdcc_control_value_get_note (KdccControlValue *self)
{
  return self->note;
}

char *
kdcc_control_value_dup_text (KdccControlValue *self)
{
  /* What the admin typed counts even before the spin took it. */
  if (GTK_IS_SPIN_BUTTON (self->editor))
    gtk_spin_button_update (GTK_SPIN_BUTTON (self->editor));
  return peek_text (self);
}

void
kdcc_control_value_set_text (KdccControlValue *self,
                             const char       *text)
{
  put_text (self, text);
}

void
kdcc_control_value_follow (KdccControlValue *self,
                           const char       *value)
{
  g_autofree char *now = normalise (self, value);
  g_autofree char *typed = peek_text (self);

  if (g_strcmp0 (typed, self->shown) == 0)
    {
      /* Untouched: it shows the cluster. */
      if (g_strcmp0 (now, self->shown) != 0)
        {
          put_text (self, value);
          g_free (self->shown);
          self->shown = peek_text (self);
        }
      set_note (self, NULL);
    }
  else if (g_strcmp0 (typed, now) == 0)
    {
      /* The cluster reached the admin's value (it was applied): the
       * control is in step again. */
      g_free (self->shown);
      self->shown = g_steal_pointer (&now);
      set_note (self, NULL);
    }
  else
    set_note (self, g_strcmp0 (now, self->shown) != 0 ? now : NULL);
}

const char *
kdcc_control_value_get_note_text (KdccControlValue *self)
{
  return gtk_widget_get_visible (self->note) ? gtk_label_get_text (GTK_LABEL (self->note)) : NULL;
}
