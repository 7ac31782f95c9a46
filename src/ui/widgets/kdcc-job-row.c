/* kdcc-job-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-job-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-job-row.h"

/* How often a pulsing bar moves. */
#define PULSE_INTERVAL_MS 120

struct _KdccJobRow
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *status_label;
  GtkWidget      *cancel_button;

  /* Owned */
  KdccJob        *job;
  guint           pulse_id;
};

enum {
  PROP_0,
  PROP_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KdccJobRow, kdcc_job_row, GTK_TYPE_WIDGET)

static gboolean
pulse_cb (gpointer user_data)
{
  KdccJobRow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Pulses only while shown: a closed popover costs nothing. */
static void
update_pulse (KdccJobRow *self)
{
  gboolean pulse = self->job != NULL && kdcc_job_get_pulsing (self->job)
                   && !kdcc_job_is_finished (self->job)
                   && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (pulse && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_INTERVAL_MS, pulse_cb, self);
  else if (!pulse)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
update (KdccJobRow *self)
{
  KdccJobState state = kdcc_job_get_state (self->job);
  const GError *error = kdcc_job_get_error (self->job);
  const char *status = kdcc_job_get_status (self->job);
  g_autofree char *text = NULL;

  gtk_label_set_label (self->title_label, kdcc_job_get_title (self->job));
  if (!kdcc_job_get_pulsing (self->job))
    gtk_progress_bar_set_fraction (self->progress_bar, kdcc_job_get_fraction (self->job));

  switch (state)
    {
    case KDCC_JOB_STATE_RUNNING:
      text = g_strdup (status != NULL ? status : "");
      break;
    case KDCC_JOB_STATE_SUCCEEDED:
      text = g_strdup (status != NULL ? status : kdcc_job_state_to_label (state));
      break;
    case KDCC_JOB_STATE_FAILED:
      /* TRANSLATORS: %s is why a job failed. */
      text = g_strdup_printf (_("Failed: %s"), error != NULL ? error->message : "");
      break;
    case KDCC_JOB_STATE_CANCELLED:
    default:
      text = g_strdup (kdcc_job_state_to_label (state));
      break;
    }
  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text[0] != '\0');

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), state == KDCC_JOB_STATE_RUNNING);
  gtk_widget_set_visible (self->cancel_button, state == KDCC_JOB_STATE_RUNNING);
  if (state == KDCC_JOB_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  update_pulse (self);
}

static void
cancel_clicked_cb (KdccJobRow *self)
{
  kdcc_job_cancel (self->job);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

static void
kdcc_job_row_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kdcc_job_row_parent_class)->map (widget);
  update_pulse (KDCC_JOB_ROW (widget));
}

static void
kdcc_job_row_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kdcc_job_row_parent_class)->unmap (widget);
  update_pulse (KDCC_JOB_ROW (widget));
}

static void
kdcc_job_row_constructed (GObject *object)
{
  KdccJobRow *self = KDCC_JOB_ROW (object);

  G_OBJECT_CLASS (kdcc_job_row_parent_class)->constructed (object);

  g_return_if_fail (KDCC_IS_JOB (self->job));
  g_signal_connect_object (self->job, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
kdcc_job_row_dispose (GObject *object)
{
  KdccJobRow *self = KDCC_JOB_ROW (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_JOB_ROW);

  G_OBJECT_CLASS (kdcc_job_row_parent_class)->dispose (object);
}

static void
kdcc_job_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdccJobRow *self = KDCC_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_job_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdccJobRow *self = KDCC_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      self->job = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_job_row_class_init (KdccJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kdcc_job_row_constructed;
  object_class->dispose = kdcc_job_row_dispose;
  object_class->get_property = kdcc_job_row_get_property;
  object_class->set_property = kdcc_job_row_set_property;
  widget_class->map = kdcc_job_row_map;
  widget_class->unmap = kdcc_job_row_unmap;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, KDCC_TYPE_JOB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kdcc-job-row");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccJobRow, box);
  gtk_widget_class_bind_template_child (widget_class, KdccJobRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KdccJobRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KdccJobRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, KdccJobRow, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
kdcc_job_row_init (KdccJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kdcc_job_row_new (KdccJob *job)
{
  g_return_val_if_fail (KDCC_IS_JOB (job), NULL);

  return g_object_new (KDCC_TYPE_JOB_ROW, "job", job, NULL);
}

KdccJob *
kdcc_job_row_get_job (KdccJobRow *self)
{
  g_return_val_if_fail (KDCC_IS_JOB_ROW (self), NULL);
  return self->job;
}

GtkWidget *
kdcc_job_row_get_cancel_button (KdccJobRow *self)
{
  g_return_val_if_fail (KDCC_IS_JOB_ROW (self), NULL);
  return self->cancel_button;
}

const char *
kdcc_job_row_get_status_text (KdccJobRow *self)
{
  g_return_val_if_fail (KDCC_IS_JOB_ROW (self), NULL);
  return gtk_label_get_label (self->status_label);
}
