/* kdcc-diagnostics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-diagnostics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-diagnostics-private.h"
#include "kdcc-error.h"

struct _KdccDiagnostics
{
  GObject       parent_instance;

  KdccSource   *source;
  gboolean      redact;
  guint         max_parallel;
  guint         item_timeout_ms;
  GStrv         refresh_errors;
  char         *fsid;
  guint         n_not_available;

  double        fraction;
  char         *current_item;
  gboolean      running;
  guint         generation;

  char         *summary;
  guint         n_failed;
  guint         n_items;
  guint         n_cluster_ok;
  guint         n_redactions;
  char         *first_error;
  goffset       bundle_size;
  double        duration;

  KdccJob      *job;
};

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_REDACT,
  PROP_MAX_PARALLEL,
  PROP_ITEM_TIMEOUT,
  PROP_FRACTION,
  PROP_CURRENT_ITEM,
  PROP_RUNNING,
  N_PROPS
};

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdccDiagnostics, kdcc_diagnostics, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------
 * Progress, delivered on the caller's main context
 * ------------------------------------------------------------------------ */

typedef struct
{
  KdccDiagnostics *self;
  guint            generation;
  guint            done;
  guint            total;
  char            *item;
  gboolean         finished;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress->item);
  g_free (progress);
}

static void
set_running (KdccDiagnostics *self,
             gboolean         running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_progress (KdccDiagnostics *self,
              double           fraction,
              const char      *item)
{
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (item, self->current_item) != 0)
    {
      g_free (self->current_item);
      self->current_item = g_strdup (item);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ITEM]);
    }
}

static gboolean
progress_dispatch_cb (gpointer data)
{
  Progress *progress = data;
  KdccDiagnostics *self = progress->self;

  /* A late update of an earlier or finished run must not move the bar. */
  if (progress->generation != self->generation || !self->running)
    return G_SOURCE_REMOVE;

  set_progress (self, progress->total > 0 ? (double) progress->done / progress->total : 0.0,
                progress->item);
  if (progress->finished)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, progress->done, progress->total,
                   progress->item);
  return G_SOURCE_REMOVE;
}

/* Called by the scheduler, on any thread, with the run's lock held. The
 * run's job marshals itself; the object's own properties and signal are
 * sent to the caller's main context here. */
void
_kdcc_diagnostics_post_progress (DiagRun    *run,
                                 guint       done,
                                 guint       total,
                                 const char *item,
                                 gboolean    finished)
{
  Progress *progress;

  if (item != NULL)
    {
      /* TRANSLATORS: %s is the item being gathered, e.g. "osd dump". */
      g_autofree char *status = g_strdup_printf (_("Gathering %s…"), item);

      kdcc_job_set_progress (run->job, total > 0 ? (double) done / total : 0.0, status);
    }

  progress = g_new0 (Progress, 1);
  progress->self = g_object_ref (run->self);
  progress->generation = run->generation;
  progress->done = done;
  progress->total = total;
  progress->item = g_strdup (item);
  progress->finished = finished;
  kdcc_owner_invoke (&run->owner, G_PRIORITY_DEFAULT, progress_dispatch_cb, progress,
                     progress_free);
}

/* ------------------------------------------------------------------------
 * The coordinator
 * ------------------------------------------------------------------------ */

static gboolean
gather (DiagRun  *run,
        GError  **error)
{
  g_autoptr(GDateTime) created = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!_kdcc_diagnostics_run_tasks (run))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Gathering the diagnostics was cancelled"));
      return FALSE;
    }

  run->duration = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  kdcc_job_set_status (run->job, _("Writing the bundle…"));
  files = _kdcc_diagnostics_build_bundle (run, created, run->duration);

  if (!_kdcc_diagnostics_write_bundle (run->output_path, files, created, &run->bundle_size,
                                       run->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Gathering the diagnostics was cancelled"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
gather_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DiagRun *run = task_data;
  g_autoptr(GError) error = NULL;

  /* The job ends here, on this thread, so it ends even when nobody calls
   * _finish; it reaches the main context before the task's callback. */
  if (gather (run, &error))
    {
      g_autoptr(GFile) bundle = g_file_new_for_path (run->output_path);
      g_autofree char *name = g_path_get_basename (run->output_path);
      /* TRANSLATORS: %s is the file name of the bundle. */
      g_autofree char *status = g_strdup_printf (_("Saved %s"), name);

      kdcc_job_set_status (run->job, status);
      kdcc_job_succeed (run->job, bundle);
      g_task_return_pointer (task, g_strdup (run->output_path), g_free);
    }
  else
    {
      kdcc_job_fail (run->job, error);
      g_task_return_error (task, g_steal_pointer (&error));
    }

  /* The run may outlive this call (late worker threads hold it), the
   * cancel handler must not. */
  _kdcc_diagnostics_run_stop_watch (run);
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
kdcc_diagnostics_finalize (GObject *object)
{
  KdccDiagnostics *self = KDCC_DIAGNOSTICS (object);

  g_clear_object (&self->source);
  g_clear_object (&self->job);
  g_strfreev (self->refresh_errors);
  g_free (self->fsid);
  g_free (self->current_item);
  g_free (self->summary);
  g_free (self->first_error);

  G_OBJECT_CLASS (kdcc_diagnostics_parent_class)->finalize (object);
}

static void
kdcc_diagnostics_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KdccDiagnostics *self = KDCC_DIAGNOSTICS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_REDACT:
      g_value_set_boolean (value, self->redact);
      break;
    case PROP_MAX_PARALLEL:
      g_value_set_uint (value, self->max_parallel);
      break;
    case PROP_ITEM_TIMEOUT:
      g_value_set_uint (value, self->item_timeout_ms);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_CURRENT_ITEM:
      g_value_set_string (value, self->current_item);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_diagnostics_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KdccDiagnostics *self = KDCC_DIAGNOSTICS (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    case PROP_REDACT:
      kdcc_diagnostics_set_redact (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_PARALLEL:
      kdcc_diagnostics_set_max_parallel (self, g_value_get_uint (value));
      break;
    case PROP_ITEM_TIMEOUT:
      kdcc_diagnostics_set_item_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_diagnostics_class_init (KdccDiagnosticsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kdcc_diagnostics_finalize;
  object_class->get_property = kdcc_diagnostics_get_property;
  object_class->set_property = kdcc_diagnostics_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, KDCC_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDACT] =
    g_param_spec_boolean ("redact", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_PARALLEL] =
    g_param_spec_uint ("max-parallel", NULL, NULL, 1, 32, 4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TIMEOUT] =
    g_param_spec_uint ("item-timeout", NULL, NULL, 1, G_MAXUINT, 60000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_ITEM] =
    g_param_spec_string ("current-item", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (done, total, item), once per finished item: items finished so far,
   * items known so far (the total grows when crash reports add their
   * `crash info`), and the item that just finished. "current-item" also
   * follows the items as they start. */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
kdcc_diagnostics_init (KdccDiagnostics *self)
{
  self->redact = TRUE;
  self->max_parallel = 4;
  self->item_timeout_ms = 60000;
}

KdccDiagnostics *
kdcc_diagnostics_new (KdccSource *source)
{
  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);

  return g_object_new (KDCC_TYPE_DIAGNOSTICS, "source", source, NULL);
}

KdccSource *
kdcc_diagnostics_get_source (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->source;
}

gboolean
kdcc_diagnostics_get_redact (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), TRUE);
  return self->redact;
}

void
kdcc_diagnostics_set_redact (KdccDiagnostics *self,
                             gboolean         redact)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  redact = !!redact;
  if (self->redact == redact)
    return;
  self->redact = redact;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDACT]);
}

guint
kdcc_diagnostics_get_max_parallel (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->max_parallel;
}

void
kdcc_diagnostics_set_max_parallel (KdccDiagnostics *self,
                                   guint            max_parallel)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  max_parallel = CLAMP (max_parallel, 1, 32);
  if (self->max_parallel == max_parallel)
    return;
  self->max_parallel = max_parallel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PARALLEL]);
}

guint
kdcc_diagnostics_get_item_timeout (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->item_timeout_ms;
}

void
kdcc_diagnostics_set_item_timeout (KdccDiagnostics *self,
                                   guint            timeout_ms)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  timeout_ms = MAX (timeout_ms, 1);
  if (self->item_timeout_ms == timeout_ms)
    return;
  self->item_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_TIMEOUT]);
}

void
kdcc_diagnostics_set_refresh_errors (KdccDiagnostics    *self,
                                     const char * const *errors)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  g_strfreev (self->refresh_errors);
  self->refresh_errors = g_strdupv ((char **) errors);
}

void
kdcc_diagnostics_set_fsid (KdccDiagnostics *self,
                           const char      *fsid)
{
  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));

  g_free (self->fsid);
  self->fsid = g_strdup (fsid);
}

double
kdcc_diagnostics_get_fraction (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0.0);
  return self->fraction;
}

const char *
kdcc_diagnostics_get_current_item (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->current_item;
}

gboolean
kdcc_diagnostics_get_running (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), FALSE);
  return self->running;
}

char *
kdcc_diagnostics_default_file_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("kdcc-diagnostics-%s.tar.gz", stamp);
}

void
kdcc_diagnostics_gather_async (KdccDiagnostics     *self,
                               const char          *output_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DiagRun *run;

  g_return_if_fail (KDCC_IS_DIAGNOSTICS (self));
  g_return_if_fail (output_path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_diagnostics_gather_async);
  /* The coordinator checks the cancellable itself, so it can clean up. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->running)
    {
      g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_FAILED,
                               _("Diagnostics are already being gathered"));
      return;
    }

  run = _kdcc_diagnostics_run_new ();
  run->source = g_object_ref (self->source);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  kdcc_owner_init (&run->owner);
  run->self = g_object_ref (self);
  run->job = kdcc_job_new (_("Diagnostic bundle"), run->cancellable);
  kdcc_job_set_status (run->job, _("Starting…"));
  run->generation = ++self->generation;
  run->redact = self->redact;
  run->max_parallel = self->max_parallel;
  run->timeout_us = (gint64) self->item_timeout_ms * 1000;
  run->refresh_errors = g_strdupv (self->refresh_errors);
  run->fsid = g_strdup (self->fsid);
  run->output_path = g_strdup (output_path);
  _kdcc_diagnostics_add_item_tasks (run);
  _kdcc_diagnostics_add_kube_tasks (run);
  _kdcc_diagnostics_add_kdcc_tasks (run);
  _kdcc_diagnostics_run_start_watch (run);
  g_set_object (&self->job, run->job);

  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->first_error, g_free);
  self->n_not_available = 0;
  self->n_failed = self->n_items = self->n_cluster_ok = self->n_redactions = 0;
  self->bundle_size = 0;
  self->duration = 0;
  set_progress (self, 0.0, NULL);
  set_running (self, TRUE);

  g_task_set_task_data (task, run, (GDestroyNotify) _kdcc_diagnostics_run_unref);
  g_task_run_in_thread (task, gather_thread);
}

char *
kdcc_diagnostics_gather_finish (KdccDiagnostics  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  DiagRun *run;
  char *path;

  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  run = g_task_get_task_data (G_TASK (result));
  if (run != NULL)
    {
      if (run->generation == self->generation)
        {
          g_free (self->summary);
          self->summary = g_strdup (run->summary);
          self->n_failed = run->n_failed;
          self->n_not_available = run->n_not_available;
          self->n_items = run->n_items;
          self->n_cluster_ok = run->n_cluster_ok;
          g_free (self->first_error);
          self->first_error = g_strdup (run->first_error);
          self->n_redactions = run->n_redactions;
          self->bundle_size = run->bundle_size;
          self->duration = run->duration;
        }
    }

  path = g_task_propagate_pointer (G_TASK (result), error);
  if (path != NULL)
    set_progress (self, 1.0, NULL);
  set_running (self, FALSE);
  return path;
}

KdccJob *
kdcc_diagnostics_get_job (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->job;
}

const char *
kdcc_diagnostics_get_summary (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->summary;
}

guint
kdcc_diagnostics_get_n_failed (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_failed;
}

guint
kdcc_diagnostics_get_n_items (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_items;
}

guint
kdcc_diagnostics_get_n_cluster_ok (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_cluster_ok;
}

const char *
kdcc_diagnostics_get_first_error (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), NULL);
  return self->first_error;
}

guint
kdcc_diagnostics_get_n_redactions (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->n_redactions;
}

goffset
kdcc_diagnostics_get_bundle_size (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->bundle_size;
}

double
kdcc_diagnostics_get_duration (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);
  return self->duration;
}


guint
kdcc_diagnostics_get_n_not_available (KdccDiagnostics *self)
{
  g_return_val_if_fail (KDCC_IS_DIAGNOSTICS (self), 0);

  return self->n_not_available;
}
