/* kdcc-operation-runner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-operation-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-operation-runner.h"

/* How long a read back may take to show a change. The mon answers a
 * command once it is committed, but the Dashboard reads flags, OSDs and
 * pools from the mgr's copy of the OSD map, which follows a moment later. */
#define SETTLE_ATTEMPTS 10
#define SETTLE_INTERVAL_US (300 * 1000)

struct _KdccOperationResult
{
  gatomicrefcount       ref;
  KdccOperation        *operation;
  KdccOperationOutcome  outcome;
  gboolean              has_previous;
  char                 *previous;
  char                 *read_back;
  GError               *error;
};

G_DEFINE_BOXED_TYPE (KdccOperationResult, kdcc_operation_result,
                     kdcc_operation_result_ref, kdcc_operation_result_unref)

static KdccOperationResult *
result_new (KdccOperation *operation)
{
  KdccOperationResult *self = g_new0 (KdccOperationResult, 1);

  g_atomic_ref_count_init (&self->ref);
  self->operation = g_object_ref (operation);
  return self;
}

KdccOperationResult *
kdcc_operation_result_ref (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
kdcc_operation_result_unref (KdccOperationResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref))
    {
      g_object_unref (self->operation);
      g_free (self->previous);
      g_free (self->read_back);
      g_clear_error (&self->error);
      g_free (self);
    }
}

KdccOperation *
kdcc_operation_result_get_operation (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->operation;
}

KdccOperationOutcome
kdcc_operation_result_get_outcome (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, KDCC_OPERATION_OUTCOME_FAILED);
  return self->outcome;
}

gboolean
kdcc_operation_result_was_applied (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->outcome != KDCC_OPERATION_OUTCOME_FAILED;
}

gboolean
kdcc_operation_result_has_previous_value (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_previous;
}

const char *
kdcc_operation_result_get_previous_value (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->previous;
}

const char *
kdcc_operation_result_get_expected_value (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return kdcc_operation_get_expected_value (self->operation);
}

const char *
kdcc_operation_result_get_read_back_value (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->read_back;
}

const GError *
kdcc_operation_result_get_error (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->error;
}

KdccOperation *
kdcc_operation_result_dup_inverse (KdccOperationResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!kdcc_operation_result_was_applied (self) || !self->has_previous)
    return NULL;
  return kdcc_operation_new_inverse (self->operation, self->previous);
}

/* ------------------------------------------------------------------------
 * Runner */

struct _KdccOperationRunner
{
  GObject     parent_instance;

  KdccSource *source;
};

G_DEFINE_FINAL_TYPE (KdccOperationRunner, kdcc_operation_runner, G_TYPE_OBJECT)

static void
kdcc_operation_runner_finalize (GObject *object)
{
  KdccOperationRunner *self = (KdccOperationRunner *) object;

  g_clear_object (&self->source);

  G_OBJECT_CLASS (kdcc_operation_runner_parent_class)->finalize (object);
}

static void
kdcc_operation_runner_class_init (KdccOperationRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdcc_operation_runner_finalize;
}

static void
kdcc_operation_runner_init (KdccOperationRunner *self)
{
}

KdccOperationRunner *
kdcc_operation_runner_new (KdccSource *source)
{
  KdccOperationRunner *self;

  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);

  self = g_object_new (KDCC_TYPE_OPERATION_RUNNER, NULL);
  self->source = g_object_ref (source);
  return self;
}

KdccSource *
kdcc_operation_runner_get_source (KdccOperationRunner *self)
{
  g_return_val_if_fail (KDCC_IS_OPERATION_RUNNER (self), NULL);
  return self->source;
}

/* Reads back until the value shows the operation or the settle time is
 * over; the last value read stays in RESULT. */
static void
verify (KdccOperationRunner *self,
        KdccOperationResult *result,
        GCancellable        *cancellable)
{
  for (guint attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      if (attempt > 0)
        g_usleep (SETTLE_INTERVAL_US);

      if (!kdcc_source_read_back_sync (self->source, result->operation, &value, cancellable,
                                       &error))
        {
          result->outcome = KDCC_OPERATION_OUTCOME_UNVERIFIED;
          result->error = g_steal_pointer (&error);
          return;
        }

      g_free (result->read_back);
      result->read_back = g_steal_pointer (&value);
      if (kdcc_operation_read_back_matches (result->operation, result->read_back))
        {
          result->outcome = KDCC_OPERATION_OUTCOME_VERIFIED;
          return;
        }
    }

  result->outcome = KDCC_OPERATION_OUTCOME_DIFFERS;
}

KdccOperationResult *
kdcc_operation_runner_run_sync (KdccOperationRunner *self,
                                KdccOperation       *operation,
                                GCancellable        *cancellable)
{
  KdccOperationResult *result;
  KdccCapabilities needed;
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;

  g_return_val_if_fail (KDCC_IS_OPERATION_RUNNER (self), NULL);
  g_return_val_if_fail (KDCC_IS_OPERATION (operation), NULL);

  result = result_new (operation);
  result->outcome = KDCC_OPERATION_OUTCOME_FAILED;

  if (!kdcc_operation_validate (operation, &result->error))
    return result;

  /* Checked here as well as by the source, so that nothing is read for an
   * operation that cannot be applied. */
  needed = kdcc_capability_for_operation (operation);
  if ((kdcc_source_get_capabilities (self->source) & needed) != needed)
    {
      g_autofree char *command = kdcc_operation_dup_cli_equivalent (operation);

      g_set_error (&result->error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The %s connection cannot do this (%s); connect directly to the cluster "
                     "to do it"), kdcc_source_get_kind (self->source), command);
      return result;
    }

  /* The value before is what undo restores. Not being able to read it
   * (a masked option through the Dashboard) does not stop the change. */
  if (kdcc_source_read_back_sync (self->source, operation, &previous, cancellable, &error))
    {
      result->has_previous = TRUE;
      result->previous = g_steal_pointer (&previous);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      result->error = g_steal_pointer (&error);
      return result;
    }
  else
    g_debug ("No previous value for undo: %s", error->message);

  if (!kdcc_source_apply_operation_sync (self->source, operation, cancellable, &result->error))
    return result;

  verify (self, result, cancellable);
  return result;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_task_return_pointer (task,
                         kdcc_operation_runner_run_sync (source_object, task_data, cancellable),
                         (GDestroyNotify) kdcc_operation_result_unref);
}

void
kdcc_operation_runner_run_async (KdccOperationRunner *self,
                                 KdccOperation       *operation,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_OPERATION_RUNNER (self));
  g_return_if_fail (KDCC_IS_OPERATION (operation));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_operation_runner_run_async);
  /* A change applied before the cancel must still be reported. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (operation), g_object_unref);
  g_task_run_in_thread (task, run_thread);
}

KdccOperationResult *
kdcc_operation_runner_run_finish (KdccOperationRunner *self,
                                  GAsyncResult        *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
