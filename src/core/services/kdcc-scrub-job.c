/* kdcc-scrub-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-scrub"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-operation-runner.h"
#include "kdcc-scrub-job.h"

typedef struct
{
  KdccSource   *source;
  KdccAuditLog *audit;
  char         *connection;
  GPtrArray    *pgids;
  double        spacing;
  KdccJob      *job;
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->source);
  g_clear_object (&work->audit);
  g_free (work->connection);
  g_ptr_array_unref (work->pgids);
  g_clear_object (&work->job);
  g_free (work);
}

/* Waits SECONDS unless cancelled first. */
static gboolean
pause_cancellable (double        seconds,
                   GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (100000, MAX (end - g_get_monotonic_time (), 0)));
    }
  return !g_cancellable_is_cancelled (cancellable);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(KdccOperationRunner) runner = kdcc_operation_runner_new (work->source);
  guint n = work->pgids->len;

  for (guint i = 0; i < n; i++)
    {
      const char *pgid = g_ptr_array_index (work->pgids, i);
      g_autoptr(KdccOperation) operation = kdcc_operation_new_pg_deep_scrub (pgid);
      g_autoptr(KdccOperationResult) result = NULL;
      g_autofree char *status = NULL;

      if (i > 0 && !pause_cancellable (work->spacing, cancellable))
        break;
      if (g_cancellable_is_cancelled (cancellable))
        break;
      /* TRANSLATORS: %s a PG id, then how many were asked for so far. */
      status = g_strdup_printf (_("Deep-scrubbing %s (%u of %u)"), pgid, i + 1, n);
      kdcc_job_set_progress (work->job, (double) i / n, status);
      result = kdcc_operation_runner_run_sync (runner, operation, cancellable);
      if (work->audit != NULL)
        {
          g_autoptr(GError) error = NULL;

          if (!kdcc_audit_log_append (work->audit, work->connection, "apply", result, &error))
            g_warning ("%s", error->message);
        }
      if (kdcc_operation_result_get_outcome (result) == KDCC_OPERATION_OUTCOME_FAILED)
        {
          const GError *error = kdcc_operation_result_get_error (result);

          g_task_return_new_error (task,
                                   error != NULL ? error->domain : KDCC_ERROR,
                                   error != NULL ? error->code : KDCC_ERROR_COMMAND,
                                   "ceph pg deep-scrub %s: %s", pgid,
                                   error != NULL ? error->message : "");
          return;
        }
      if (i + 1 < n)
        {
          g_autofree char *waiting = NULL;

          /* Said once the request is done and audited, before the pause:
           * a cancel from here on asks for no further PG. */
          /* TRANSLATORS: how many PGs were asked for, of how many. */
          waiting = g_strdup_printf (_("Asked for %u of %u; waiting before the next"), i + 1, n);
          kdcc_job_set_progress (work->job, (double) (i + 1) / n, waiting);
        }
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Cancelled; the PGs asked for so far still scrub"));
      return;
    }
  kdcc_job_set_fraction (work->job, 1.0);
  g_task_return_boolean (task, TRUE);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    kdcc_job_succeed (work->job, NULL);
  else
    kdcc_job_fail (work->job, error);
}

KdccJob *
kdcc_scrub_deep_scrub_job_new (KdccSource   *source,
                               KdccAuditLog *audit,
                               const char   *connection,
                               const char   *title,
                               GPtrArray    *pgids,
                               double        spacing)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  KdccJob *job;
  Work *work;

  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);
  g_return_val_if_fail (pgids != NULL, NULL);

  job = kdcc_job_new (title, cancellable);
  work = g_new0 (Work, 1);
  work->source = g_object_ref (source);
  work->audit = audit != NULL ? g_object_ref (audit) : NULL;
  work->connection = g_strdup (connection);
  work->pgids = g_ptr_array_ref (pgids);
  work->spacing = MAX (spacing, 0);
  work->job = g_object_ref (job);

  task = g_task_new (NULL, cancellable, done_cb, NULL);
  g_task_set_source_tag (task, kdcc_scrub_deep_scrub_job_new);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, run_thread);
  return job;
}
