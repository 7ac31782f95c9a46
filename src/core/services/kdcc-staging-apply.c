/* kdcc-staging-apply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Applying a staged batch and rolling it back, each as one KdccJob. The
 * work runs on a worker thread through a KdccOperationRunner; the staging
 * area and its changes are only touched back on the owner thread when the
 * work is done, so a view bound to them never sees a change from a
 * worker. The audit log is written as each change is made, so a crash
 * half-way still leaves a record of what was applied.
 */
#define G_LOG_DOMAIN "kdcc-staging"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-staging-private.h"

typedef struct
{
  KdccStaging   *staging;
  KdccSource    *source;
  KdccJob       *job;
  KdccAuditLog  *audit;
  char          *connection;
  GPtrArray     *changes;    /* KdccStagedChange, in the order to run */
  GPtrArray     *results;    /* KdccOperationResult, one per change run */
  GPtrArray     *currents;   /* char *, drift check: value in force per change */
  gboolean       allow_drift;
  gboolean       rollback;
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->staging);
  g_clear_object (&work->source);
  g_clear_object (&work->job);
  g_clear_object (&work->audit);
  g_free (work->connection);
  g_clear_pointer (&work->changes, g_ptr_array_unref);
  g_clear_pointer (&work->results, g_ptr_array_unref);
  g_clear_pointer (&work->currents, g_ptr_array_unref);
  g_free (work);
}

static KdccStagedState
state_for_outcome (KdccOperationOutcome outcome)
{
  switch (outcome)
    {
    case KDCC_OPERATION_OUTCOME_VERIFIED: return KDCC_STAGED_VERIFIED;
    case KDCC_OPERATION_OUTCOME_DIFFERS: return KDCC_STAGED_DIFFERS;
    case KDCC_OPERATION_OUTCOME_UNVERIFIED: return KDCC_STAGED_UNVERIFIED;
    case KDCC_OPERATION_OUTCOME_FAILED:
    default: return KDCC_STAGED_FAILED;
    }
}

static char *
result_message (KdccOperationResult *result)
{
  const GError *error = kdcc_operation_result_get_error (result);

  if (error != NULL)
    return g_strdup (error->message);
  if (kdcc_operation_result_get_outcome (result) == KDCC_OPERATION_OUTCOME_DIFFERS)
    /* TRANSLATORS: the value read back after the change, then the one expected. */
    return g_strdup_printf (_("Reads back %s instead of %s"),
                            kdcc_operation_result_get_read_back_value (result) != NULL
                              ? kdcc_operation_result_get_read_back_value (result) : _("(unset)"),
                            kdcc_operation_result_get_expected_value (result) != NULL
                              ? kdcc_operation_result_get_expected_value (result) : _("(unset)"));
  return NULL;
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(KdccOperationRunner) runner = kdcc_operation_runner_new (work->source);
  guint n = work->changes->len;

  if (!work->rollback && !work->allow_drift)
    {
      guint n_drifted = 0;
      gint first = -1;

      kdcc_job_set_status (work->job, _("Checking that nothing changed since staging"));
      for (guint i = 0; i < n; i++)
        {
          KdccStagedChange *change = g_ptr_array_index (work->changes, i);
          GError *error = NULL;
          char *current = NULL;

          if (change->has_old_value
              && !kdcc_source_read_back_sync (work->source, change->operation, &current,
                                              cancellable, &error))
            {
              g_task_return_error (task, error);
              return;
            }
          g_ptr_array_add (work->currents, current);
          if (change->has_old_value && !_kdcc_staging_same_value (change->old_value, current))
            {
              n_drifted++;
              if (first < 0)
                first = i;
            }
        }
      if (n_drifted > 0)
        {
          KdccStagedChange *change = g_ptr_array_index (work->changes, first);
          const char *now = g_ptr_array_index (work->currents, first);

          /* TRANSLATORS: %u changes; %s the first one's command; then its
           * value when staged and now. */
          g_task_return_new_error (task, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "%u change drifted since it was staged (“%s”: "
                                                "was %s, now %s); nothing was applied",
                                                "%u changes drifted since they were staged "
                                                "(first “%s”: was %s, now %s); nothing was "
                                                "applied", n_drifted),
                                   n_drifted, change->cli,
                                   change->old_value != NULL ? change->old_value : _("(unset)"),
                                   now != NULL ? now : _("(unset)"));
          return;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (work->changes, i);
      KdccOperation *operation = work->rollback ? change->inverse : change->operation;
      g_autofree char *status = g_strdup_printf ("%s", kdcc_staged_change_get_cli (change));
      KdccOperationResult *result;
      KdccOperationOutcome outcome;

      kdcc_job_set_progress (work->job, (double) i / n, status);
      result = kdcc_operation_runner_run_sync (runner, operation, cancellable);
      g_ptr_array_add (work->results, result);
      if (work->audit != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!kdcc_audit_log_append (work->audit, work->connection,
                                      work->rollback ? "rollback" : "apply", result, &error))
            g_warning ("%s", error->message);
        }
      outcome = kdcc_operation_result_get_outcome (result);
      if (outcome == KDCC_OPERATION_OUTCOME_FAILED || outcome == KDCC_OPERATION_OUTCOME_DIFFERS)
        break;
    }
  kdcc_job_set_fraction (work->job, 1.0);
  g_task_return_boolean (task, TRUE);
}

static void
finish_apply (Work         *work,
              GAsyncResult *result)
{
  KdccStaging *self = work->staging;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autoptr(GListStore) batch = g_list_store_new (KDCC_TYPE_STAGED_CHANGE);
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  guint before = self->changes->len;
  const GError *first_failure = NULL;

  self->busy = FALSE;

  /* The drift check's findings show on the changes either way. */
  for (guint i = 0; i < work->currents->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (work->changes, i);
      const char *current = g_ptr_array_index (work->currents, i);

      _kdcc_staged_change_set_drift (change,
                                     change->has_old_value
                                       && !_kdcc_staging_same_value (change->old_value, current),
                                     current);
    }

  for (guint i = 0; ok && i < work->results->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (work->changes, i);
      KdccOperationResult *res = g_ptr_array_index (work->results, i);
      g_autofree char *message = result_message (res);
      g_autoptr(KdccOperation) inverse = kdcc_operation_result_dup_inverse (res);

      _kdcc_staged_change_set_state (change, state_for_outcome (kdcc_operation_result_get_outcome (res)),
                                     message);
      if (kdcc_operation_result_was_applied (res))
        {
          guint index;

          _kdcc_staged_change_set_inverse (change, inverse);
          g_list_store_append (batch, change);
          if (g_ptr_array_find (self->changes, change, &index))
            {
              g_ptr_array_remove_index (self->changes, index);
              g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
            }
        }
      if (kdcc_operation_result_get_outcome (res) == KDCC_OPERATION_OUTCOME_FAILED
          || kdcc_operation_result_get_outcome (res) == KDCC_OPERATION_OUTCOME_DIFFERS)
        first_failure = kdcc_operation_result_get_error (res);
      if (first_failure == NULL && kdcc_operation_result_get_outcome (res) == KDCC_OPERATION_OUTCOME_DIFFERS)
        {
          g_set_error (&error, KDCC_ERROR, KDCC_ERROR_COMMAND, "%s: %s", change->cli,
                       message != NULL ? message : "");
          ok = FALSE;
        }
      else if (first_failure != NULL)
        {
          g_set_error (&error, KDCC_ERROR,
                       first_failure->domain == KDCC_ERROR ? first_failure->code : KDCC_ERROR_COMMAND,
                       "%s: %s", change->cli, first_failure->message);
          ok = FALSE;
        }
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (batch)) > 0)
    _kdcc_staging_set_last_batch (self, batch);
  _kdcc_staging_notify_n_items (self, before);
  if (!kdcc_staging_save (self, &save_error))
    g_warning ("%s", save_error->message);

  if (ok)
    kdcc_job_succeed (work->job, batch);
  else
    kdcc_job_fail (work->job, error);
}

static void
finish_rollback (Work         *work,
                 GAsyncResult *result)
{
  KdccStaging *self = work->staging;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->busy = FALSE;
  for (guint i = 0; ok && i < work->results->len; i++)
    {
      KdccStagedChange *change = g_ptr_array_index (work->changes, i);
      KdccOperationResult *res = g_ptr_array_index (work->results, i);

      if (kdcc_operation_result_was_applied (res)
          && kdcc_operation_result_get_outcome (res) != KDCC_OPERATION_OUTCOME_DIFFERS)
        _kdcc_staged_change_set_state (change, KDCC_STAGED_ROLLED_BACK, NULL);
      else
        {
          g_autofree char *message = result_message (res);

          g_set_error (&error, KDCC_ERROR, KDCC_ERROR_COMMAND, "%s: %s",
                       kdcc_operation_dup_cli_equivalent (change->inverse),
                       message != NULL ? message : "");
          ok = FALSE;
        }
    }
  /* A batch undone completely is forgotten; otherwise it stays, its undone
   * changes marked, so a retry does the rest. */
  if (ok)
    _kdcc_staging_set_last_batch (self, NULL);
  if (!kdcc_staging_save (self, &save_error))
    g_warning ("%s", save_error->message);

  if (ok)
    kdcc_job_succeed (work->job, NULL);
  else
    kdcc_job_fail (work->job, error);
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Work *work = g_task_get_task_data (G_TASK (result));

  if (work->rollback)
    finish_rollback (work, result);
  else
    finish_apply (work, result);
}

static KdccJob *
start (KdccStaging  *self,
       Work         *work,
       const char   *title,
       const char   *cluster_fsid)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  KdccJob *job = kdcc_job_new (title, cancellable);

  work->job = g_object_ref (job);
  if (g_strcmp0 (cluster_fsid, self->fsid) != 0)
    {
      g_autoptr(GError) error = NULL;

      /* TRANSLATORS: the staging area's fsid, then the connected cluster's. */
      g_set_error (&error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("These changes were staged for cluster %s, not for the connected cluster %s; "
                     "nothing was applied"), self->fsid, cluster_fsid != NULL ? cluster_fsid : "?");
      kdcc_job_fail (job, error);
      work_free (work);
      return job;
    }
  if (self->busy)
    {
      g_autoptr(GError) error = NULL;

      g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                           _("Another apply or rollback of this staging area is still running"));
      kdcc_job_fail (job, error);
      work_free (work);
      return job;
    }
  self->busy = TRUE;
  task = g_task_new (self, cancellable, work_done_cb, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, work_thread);
  return job;
}

static Work *
work_new (KdccStaging  *self,
          KdccSource   *source,
          KdccAuditLog *audit,
          const char   *connection)
{
  Work *work = g_new0 (Work, 1);

  work->staging = g_object_ref (self);
  work->source = g_object_ref (source);
  work->audit = audit != NULL ? g_object_ref (audit) : NULL;
  work->connection = g_strdup (connection != NULL ? connection : kdcc_source_get_kind (source));
  work->changes = g_ptr_array_new_with_free_func (g_object_unref);
  work->results = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_operation_result_unref);
  work->currents = g_ptr_array_new_with_free_func (g_free);
  return work;
}

KdccJob *
kdcc_staging_apply (KdccStaging           *self,
                    KdccSource            *source,
                    const char            *cluster_fsid,
                    const guint           *positions,
                    guint                  n_positions,
                    KdccStagingApplyFlags  flags,
                    KdccAuditLog          *audit,
                    const char            *connection)
{
  Work *work;

  g_return_val_if_fail (KDCC_IS_STAGING (self), NULL);
  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);

  work = work_new (self, source, audit, connection);
  work->allow_drift = (flags & KDCC_STAGING_APPLY_ALLOW_DRIFT) != 0;
  /* List order, whatever order the positions came in. */
  for (guint i = 0; i < self->changes->len; i++)
    {
      gboolean selected = positions == NULL;

      for (guint j = 0; !selected && j < n_positions; j++)
        selected = positions[j] == i;
      if (selected)
        g_ptr_array_add (work->changes, g_object_ref (g_ptr_array_index (self->changes, i)));
    }
  return start (self, work, _("Applying staged changes"), cluster_fsid);
}

KdccJob *
kdcc_staging_rollback (KdccStaging  *self,
                       KdccSource   *source,
                       const char   *cluster_fsid,
                       KdccAuditLog *audit,
                       const char   *connection)
{
  Work *work;
  guint n;

  g_return_val_if_fail (KDCC_IS_STAGING (self), NULL);

  work = work_new (self, source, audit, connection);
  work->rollback = TRUE;
  n = self->last_batch != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->last_batch)) : 0;
  /* Newest first; what was undone already, or cannot be, is skipped. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(KdccStagedChange) change = g_list_model_get_item (G_LIST_MODEL (self->last_batch),
                                                                  i - 1);

      if (change->inverse != NULL && change->state != KDCC_STAGED_ROLLED_BACK)
        g_ptr_array_add (work->changes, g_object_ref (change));
    }
  return start (self, work, _("Rolling back the last applied changes"), cluster_fsid);
}
