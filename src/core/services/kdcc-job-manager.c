/* kdcc-job-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-job-manager"

#include "config.h"

#include "kdcc-job-manager.h"

struct _KdccJobManager
{
  GObject    parent_instance;

  GPtrArray *jobs;       /* KdccJob*, owned */
  guint      n_running;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_N_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccJobManager, kdcc_job_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return KDCC_TYPE_JOB;
}

static guint
get_n_items (GListModel *model)
{
  return KDCC_JOB_MANAGER (model)->jobs->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KdccJobManager *self = KDCC_JOB_MANAGER (model);

  if (position >= self->jobs->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->jobs, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
update_n_running (KdccJobManager *self)
{
  guint n_running = 0;

  for (guint i = 0; i < self->jobs->len; i++)
    if (!kdcc_job_is_finished (g_ptr_array_index (self->jobs, i)))
      n_running++;
  if (n_running == self->n_running)
    return;
  self->n_running = n_running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
}

static void
job_state_changed_cb (KdccJobManager *self)
{
  update_n_running (self);
}

static void
kdcc_job_manager_dispose (GObject *object)
{
  KdccJobManager *self = KDCC_JOB_MANAGER (object);

  for (guint i = 0; i < self->jobs->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->jobs, i), self);
  g_ptr_array_set_size (self->jobs, 0);

  G_OBJECT_CLASS (kdcc_job_manager_parent_class)->dispose (object);
}

static void
kdcc_job_manager_finalize (GObject *object)
{
  KdccJobManager *self = KDCC_JOB_MANAGER (object);

  g_ptr_array_unref (self->jobs);

  G_OBJECT_CLASS (kdcc_job_manager_parent_class)->finalize (object);
}

static void
kdcc_job_manager_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccJobManager *self = KDCC_JOB_MANAGER (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->jobs->len);
      break;
    case PROP_N_RUNNING:
      g_value_set_uint (value, self->n_running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_job_manager_class_init (KdccJobManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kdcc_job_manager_dispose;
  object_class->finalize = kdcc_job_manager_finalize;
  object_class->get_property = kdcc_job_manager_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kdcc_job_manager_init (KdccJobManager *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
}

KdccJobManager *
kdcc_job_manager_new (void)
{
  return g_object_new (KDCC_TYPE_JOB_MANAGER, NULL);
}

void
kdcc_job_manager_add (KdccJobManager *self,
                      KdccJob        *job)
{
  g_return_if_fail (KDCC_IS_JOB_MANAGER (self));
  g_return_if_fail (KDCC_IS_JOB (job));

  if (g_ptr_array_find (self->jobs, job, NULL))
    return;
  g_ptr_array_add (self->jobs, g_object_ref (job));
  g_signal_connect_object (job, "notify::state", G_CALLBACK (job_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_list_model_items_changed (G_LIST_MODEL (self), self->jobs->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  update_n_running (self);
}

guint
kdcc_job_manager_get_n_running (KdccJobManager *self)
{
  g_return_val_if_fail (KDCC_IS_JOB_MANAGER (self), 0);
  return self->n_running;
}

void
kdcc_job_manager_clear_finished (KdccJobManager *self)
{
  guint n_before;

  g_return_if_fail (KDCC_IS_JOB_MANAGER (self));

  n_before = self->jobs->len;
  /* From the end, so the positions still to visit do not move. */
  for (guint end = self->jobs->len; end > 0;)
    {
      guint start = end;

      while (start > 0 && kdcc_job_is_finished (g_ptr_array_index (self->jobs, start - 1)))
        start--;
      if (start == end)
        {
          end--;
          continue;
        }
      for (guint i = start; i < end; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->jobs, i), self);
      g_ptr_array_remove_range (self->jobs, start, end - start);
      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, 0);
      end = start;
    }
  if (self->jobs->len != n_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
kdcc_job_manager_cancel_all (KdccJobManager *self)
{
  g_return_if_fail (KDCC_IS_JOB_MANAGER (self));

  for (guint i = 0; i < self->jobs->len; i++)
    {
      KdccJob *job = g_ptr_array_index (self->jobs, i);

      if (!kdcc_job_is_finished (job))
        kdcc_job_cancel (job);
    }
}
