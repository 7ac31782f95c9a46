/* kdcc-jobs-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-jobs-button"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-job-row.h"
#include "kdcc-jobs-button.h"

/* GtkMenuButton is final in GTK 4, so this is a bin around one rather than
 * a subclass. */
struct _KdccJobsButton
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *menu_button;
  GtkSpinner     *spinner;
  GtkLabel       *count_label;
  GtkWidget      *done_image;
  GtkWidget      *popover;
  GtkListBox     *list;
  GtkWidget      *clear_button;

  /* Owned */
  KdccJobManager *job_manager;
};

enum {
  PROP_0,
  PROP_JOB_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KdccJobsButton, kdcc_jobs_button, GTK_TYPE_WIDGET)

static void
update (KdccJobsButton *self)
{
  guint n_items = 0, n_running = 0;
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;

  if (self->job_manager != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->job_manager));
      n_running = kdcc_job_manager_get_n_running (self->job_manager);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), n_items > 0);
  gtk_spinner_set_spinning (self->spinner, n_running > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), n_running > 0);
  count = g_strdup_printf ("%u", n_running);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n_running > 0);
  gtk_widget_set_visible (self->done_image, n_running == 0);
  gtk_widget_set_sensitive (self->clear_button, n_items > n_running);

  if (n_running > 0)
    /* TRANSLATORS: tooltip of the header's jobs button. */
    tooltip = g_strdup_printf (ngettext ("%u job running", "%u jobs running", n_running),
                               n_running);
  else
    tooltip = g_strdup (_("Jobs"));
  gtk_widget_set_tooltip_text (self->menu_button, tooltip);

  /* Nothing left to show: do not leave an empty popover open. */
  if (n_items == 0)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return kdcc_job_row_new (KDCC_JOB (item));
}

static void
clear_clicked_cb (KdccJobsButton *self)
{
  if (self->job_manager != NULL)
    kdcc_job_manager_clear_finished (self->job_manager);
}

static void
kdcc_jobs_button_dispose (GObject *object)
{
  KdccJobsButton *self = KDCC_JOBS_BUTTON (object);

  if (self->job_manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->job_manager, self);
      gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->job_manager);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), KDCC_TYPE_JOBS_BUTTON);

  G_OBJECT_CLASS (kdcc_jobs_button_parent_class)->dispose (object);
}

static void
kdcc_jobs_button_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccJobsButton *self = KDCC_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      g_value_set_object (value, self->job_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_jobs_button_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdccJobsButton *self = KDCC_JOBS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_JOB_MANAGER:
      kdcc_jobs_button_set_job_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_jobs_button_class_init (KdccJobsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kdcc_jobs_button_dispose;
  object_class->get_property = kdcc_jobs_button_get_property;
  object_class->set_property = kdcc_jobs_button_set_property;

  properties[PROP_JOB_MANAGER] =
    g_param_spec_object ("job-manager", NULL, NULL, KDCC_TYPE_JOB_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kdcc-jobs-button");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/kdcc-jobs-button.ui");
  gtk_widget_class_bind_template_child (widget_class, KdccJobsButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KdccJobsButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, KdccJobsButton, count_label);
  gtk_widget_class_bind_template_child (widget_class, KdccJobsButton, done_image);
  gtk_widget_class_bind_template_child (widget_class, KdccJobsButton, popover);
  gtk_widget_class_bind_template_child (widget_class, KdccJobsButton, list);
  gtk_widget_class_bind_template_child (widget_class, KdccJobsButton, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
kdcc_jobs_button_init (KdccJobsButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
kdcc_jobs_button_new (void)
{
  return g_object_new (KDCC_TYPE_JOBS_BUTTON, NULL);
}

KdccJobManager *
kdcc_jobs_button_get_job_manager (KdccJobsButton *self)
{
  g_return_val_if_fail (KDCC_IS_JOBS_BUTTON (self), NULL);
  return self->job_manager;
}

void
kdcc_jobs_button_set_job_manager (KdccJobsButton *self,
                                  KdccJobManager *job_manager)
{
  g_return_if_fail (KDCC_IS_JOBS_BUTTON (self));
  g_return_if_fail (job_manager == NULL || KDCC_IS_JOB_MANAGER (job_manager));

  if (self->job_manager == job_manager)
    return;

  if (self->job_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->job_manager, self);
  g_set_object (&self->job_manager, job_manager);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (job_manager), create_row_cb, NULL, NULL);
  if (job_manager != NULL)
    {
      /* n-running covers jobs ending; n-items covers clearing and adding,
       * which also decides whether Clear Finished has anything to do. */
      g_signal_connect_swapped (job_manager, "notify::n-running", G_CALLBACK (update), self);
      g_signal_connect_swapped (job_manager, "notify::n-items", G_CALLBACK (update), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_MANAGER]);
}

GtkWidget *
kdcc_jobs_button_get_menu_button (KdccJobsButton *self)
{
  g_return_val_if_fail (KDCC_IS_JOBS_BUTTON (self), NULL);
  return self->menu_button;
}

GtkWidget *
kdcc_jobs_button_get_popover (KdccJobsButton *self)
{
  g_return_val_if_fail (KDCC_IS_JOBS_BUTTON (self), NULL);
  return self->popover;
}

GtkListBox *
kdcc_jobs_button_get_list (KdccJobsButton *self)
{
  g_return_val_if_fail (KDCC_IS_JOBS_BUTTON (self), NULL);
  return self->list;
}

GtkWidget *
kdcc_jobs_button_get_clear_button (KdccJobsButton *self)
{
  g_return_val_if_fail (KDCC_IS_JOBS_BUTTON (self), NULL);
  return self->clear_button;
}

const char *
kdcc_jobs_button_get_count_text (KdccJobsButton *self)
{
  g_return_val_if_fail (KDCC_IS_JOBS_BUTTON (self), NULL);
  return gtk_label_get_label (self->count_label);
}
