/* test-job-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccJob and KdccJobManager without a cluster or a display: notifications
 * only on change (counted), progress from a worker thread delivered on the
 * main thread in order, cancel and failure, n-running, clearing finished
 * jobs with counted items-changed, and finalization.
 */
#define G_LOG_DOMAIN "test-job-manager"

#include "config.h"

#include "kdcc-job-manager.h"
#include "kdcc-test-util.h"

typedef struct
{
  guint n_notifies;
  guint n_wrong_thread;
  GThread *main_thread;
  GArray *fractions;   /* double, as notified */
} Notes;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  Notes *notes = user_data;

  notes->n_notifies++;
  if (notes->main_thread != NULL && g_thread_self () != notes->main_thread)
    notes->n_wrong_thread++;
  if (notes->fractions != NULL && g_str_equal (pspec->name, "fraction"))
    {
      double fraction = kdcc_job_get_fraction (KDCC_JOB (object));

      g_array_append_val (notes->fractions, fraction);
    }
}

static void
test_new (void)
{
  KdccJob *job = kdcc_job_new ("Copying", NULL);

  g_assert_cmpstr (kdcc_job_get_title (job), ==, "Copying");
  g_assert_null (kdcc_job_get_status (job));
  g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 0.0);
  g_assert_false (kdcc_job_get_pulsing (job));
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_RUNNING);
  g_assert_false (kdcc_job_is_finished (job));
  g_assert_null (kdcc_job_get_error (job));
  g_assert_null (kdcc_job_get_result (job));
  g_assert_nonnull (kdcc_job_get_started (job));
  g_assert_null (kdcc_job_get_finished (job));
  g_assert_true (G_IS_CANCELLABLE (kdcc_job_get_cancellable (job)));
  g_assert_finalize_object (job);
}

static void
test_progress_notifies (void)
{
  g_autoptr(KdccJob) job = kdcc_job_new ("Copying", NULL);
  Notes fraction = { 0 }, status = { 0 }, pulsing = { 0 };

  g_signal_connect (job, "notify::fraction", G_CALLBACK (count_notify_cb), &fraction);
  g_signal_connect (job, "notify::status", G_CALLBACK (count_notify_cb), &status);
  g_signal_connect (job, "notify::pulsing", G_CALLBACK (count_notify_cb), &pulsing);

  kdcc_job_set_fraction (job, 0.25);
  kdcc_job_set_fraction (job, 0.25);
  g_assert_cmpuint (fraction.n_notifies, ==, 1);
  kdcc_job_set_progress (job, 0.5, "Step two");
  kdcc_job_set_progress (job, 0.5, "Step two");
  kdcc_job_set_progress (job, 0.5, NULL);
  g_assert_cmpuint (fraction.n_notifies, ==, 2);
  g_assert_cmpuint (status.n_notifies, ==, 1);
  g_assert_cmpstr (kdcc_job_get_status (job), ==, "Step two");

  /* Out of range is clamped, and clamping to the same value is no change. */
  kdcc_job_set_fraction (job, 7.0);
  kdcc_job_set_fraction (job, 1.0);
  g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 1.0);
  g_assert_cmpuint (fraction.n_notifies, ==, 3);

  /* Pulsing until a fraction is known again. */
  g_assert_cmpuint (pulsing.n_notifies, ==, 0);
  kdcc_job_set_pulsing (job, TRUE);
  kdcc_job_set_pulsing (job, TRUE);
  g_assert_true (kdcc_job_get_pulsing (job));
  g_assert_cmpuint (pulsing.n_notifies, ==, 1);
  kdcc_job_set_fraction (job, 0.75);
  g_assert_false (kdcc_job_get_pulsing (job));
  g_assert_cmpuint (pulsing.n_notifies, ==, 2);
  g_assert_cmpuint (fraction.n_notifies, ==, 4);

  /* Ending a job notifies state once and nothing moves afterwards. */
  {
    Notes state = { 0 };

    g_signal_connect (job, "notify::state", G_CALLBACK (count_notify_cb), &state);
    kdcc_job_succeed (job, NULL);
    g_assert_cmpuint (state.n_notifies, ==, 1);
    g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);
    g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 1.0);
    g_assert_nonnull (kdcc_job_get_finished (job));
    kdcc_job_set_progress (job, 0.1, "late");
    g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 1.0);
    g_assert_cmpstr (kdcc_job_get_status (job), ==, "Step two");
  }
}

typedef struct
{
  KdccJob *job;
  guint    n_steps;
  GObject *result;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;

  for (guint i = 1; i <= worker->n_steps; i++)
    {
      g_autofree char *status = g_strdup_printf ("step %u", i);

      kdcc_job_set_progress (worker->job, (double) i / worker->n_steps, status);
      /* Let the main thread see some of the steps one by one. */
      if (i % 10 == 0)
        g_usleep (1000);
    }
  kdcc_job_succeed (worker->job, worker->result);
  return NULL;
}

static gboolean
job_is_finished (gpointer data)
{
  return kdcc_job_is_finished (data);
}

static void
test_worker_thread (void)
{
  g_autoptr(KdccJob) job = kdcc_job_new ("Threaded", NULL);
  Notes notes = { 0 };
  g_autoptr(GObject) result = g_object_new (G_TYPE_OBJECT, NULL);
  Worker worker = { job, 200, result };
  GThread *thread;

  notes.main_thread = g_thread_self ();
  notes.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (job, "notify", G_CALLBACK (count_notify_cb), &notes);

  thread = g_thread_new ("job-worker", worker_thread, &worker);
  g_thread_join (thread);

  /* Nothing arrives until the main context runs: the worker never touched
   * the job's visible state. */
  g_assert_cmpuint (notes.n_notifies, ==, 0);
  g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 0.0);
  g_assert_false (kdcc_job_is_finished (job));

  g_assert_true (kdcc_test_wait_until (job_is_finished, job, 5000));
  g_assert_cmpuint (notes.n_wrong_thread, ==, 0);
  g_assert_cmpuint (notes.n_notifies, >, 0);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);
  g_assert_true (kdcc_job_get_result (job) == result);
  /* The updates collapsed: the last progress came before the end. */
  g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 1.0);
  g_assert_cmpstr (kdcc_job_get_status (job), ==, "step 200");
  g_assert_cmpuint (notes.fractions->len, >=, 1);
  g_assert_cmpuint (notes.fractions->len, <=, worker.n_steps);
  for (guint i = 1; i < notes.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (notes.fractions, double, i), >,
                       g_array_index (notes.fractions, double, i - 1));
  g_array_unref (notes.fractions);
}

static gboolean
weak_ref_is_empty (gpointer data)
{
  g_autoptr(GObject) object = g_weak_ref_get (data);

  return object == NULL;
}

/* A job dropped while a worker's update is still queued lives until the
 * update is applied, then finalizes with its result. */
static void
test_worker_thread_finalizes (void)
{
  KdccJob *job = kdcc_job_new ("Threaded", NULL);
  GObject *result = g_object_new (G_TYPE_OBJECT, NULL);
  Worker worker = { job, 5, result };
  GThread *thread = g_thread_new ("job-worker", worker_thread, &worker);
  GWeakRef weak_job, weak_result;

  g_weak_ref_init (&weak_job, job);
  g_weak_ref_init (&weak_result, result);
  g_thread_join (thread);
  g_object_unref (result);
  g_object_unref (job);
  g_assert_false (weak_ref_is_empty (&weak_job));
  g_assert_true (kdcc_test_wait_until (weak_ref_is_empty, &weak_job, 5000));
  g_assert_true (weak_ref_is_empty (&weak_result));
  g_weak_ref_clear (&weak_job);
  g_weak_ref_clear (&weak_result);
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KdccJob) job = kdcc_job_new ("Cancel me", cancellable);
  g_autoptr(GError) error = NULL;

  g_assert_true (kdcc_job_get_cancellable (job) == cancellable);
  kdcc_job_cancel (job);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  /* The work decides when it has stopped. */
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_RUNNING);

  g_assert_true (g_cancellable_set_error_if_cancelled (cancellable, &error));
  kdcc_job_fail (job, error);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_CANCELLED);
  g_assert_true (kdcc_job_is_finished (job));
  g_assert_error (kdcc_job_get_error (job), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (kdcc_job_get_finished (job));
}

static void
test_failure (void)
{
  g_autoptr(KdccJob) job = kdcc_job_new ("Fail", NULL);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Disk full");
  g_autoptr(GError) property_error = NULL;
  Notes notes = { 0 };

  kdcc_job_set_fraction (job, 0.4);
  g_signal_connect (job, "notify::error", G_CALLBACK (count_notify_cb), &notes);
  kdcc_job_fail (job, error);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_FAILED);
  g_assert_error (kdcc_job_get_error (job), G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (kdcc_job_get_error (job)->message, ==, "Disk full");
  g_assert_true (kdcc_job_get_error (job) != error);
  g_assert_cmpuint (notes.n_notifies, ==, 1);
  /* A failed job keeps the progress it had. */
  g_assert_cmpfloat (kdcc_job_get_fraction (job), ==, 0.4);
  g_object_get (job, "error", &property_error, NULL);
  g_assert_error (property_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (kdcc_job_state_to_label (KDCC_JOB_STATE_FAILED), ==, "Failed");
}

static void
test_end_twice (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(KdccJob) job = kdcc_job_new ("Twice", NULL);

      kdcc_job_succeed (job, NULL);
      kdcc_job_succeed (job, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*ended twice*");
}

typedef struct
{
  guint n_calls;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  Changes *changes = user_data;

  changes->n_calls++;
  changes->removed += removed;
  changes->added += added;
}

static void
test_manager (void)
{
  KdccJobManager *manager = kdcc_job_manager_new ();
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
  g_autoptr(GError) failed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "broken");
  KdccJob *jobs[5];
  Changes changes = { 0 };
  Notes n_running = { 0 }, n_items = { 0 };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (manager)) == KDCC_TYPE_JOB);
  g_signal_connect (manager, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (manager, "notify::n-running", G_CALLBACK (count_notify_cb), &n_running);
  g_signal_connect (manager, "notify::n-items", G_CALLBACK (count_notify_cb), &n_items);

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autofree char *title = g_strdup_printf ("job %u", i);

      jobs[i] = kdcc_job_new (title, NULL);
      kdcc_job_manager_add (manager, jobs[i]);
    }
  kdcc_job_manager_add (manager, jobs[0]);   /* again: nothing */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 5);
  g_assert_cmpuint (changes.n_calls, ==, 5);
  g_assert_cmpuint (changes.added, ==, 5);
  g_assert_cmpuint (n_items.n_notifies, ==, 5);
  g_assert_cmpuint (kdcc_job_manager_get_n_running (manager), ==, 5);
  g_assert_cmpuint (n_running.n_notifies, ==, 5);
  {
    g_autoptr(KdccJob) third = g_list_model_get_item (G_LIST_MODEL (manager), 2);

    g_assert_true (third == jobs[2]);
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (manager), 5));
  }

  /* Progress is no change to the list. */
  kdcc_job_set_fraction (jobs[1], 0.5);
  g_assert_cmpuint (changes.n_calls, ==, 5);
  g_assert_cmpuint (n_running.n_notifies, ==, 5);

  /* Jobs 0, 1 and 3 end: n-running follows; the list keeps them. */
  kdcc_job_succeed (jobs[0], NULL);
  kdcc_job_fail (jobs[1], failed);
  kdcc_job_fail (jobs[3], cancelled);
  g_assert_cmpuint (kdcc_job_manager_get_n_running (manager), ==, 2);
  g_assert_cmpuint (n_running.n_notifies, ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 5);

  /* Clearing removes the finished ones: one change for 0-1, one for 3. */
  changes = (Changes) { 0 };
  kdcc_job_manager_clear_finished (manager);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 2);
  g_assert_cmpuint (changes.n_calls, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 3);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (n_items.n_notifies, ==, 6);
  g_assert_cmpuint (n_running.n_notifies, ==, 8);
  {
    g_autoptr(KdccJob) first = g_list_model_get_item (G_LIST_MODEL (manager), 0);
    g_autoptr(KdccJob) second = g_list_model_get_item (G_LIST_MODEL (manager), 1);

    g_assert_true (first == jobs[2]);
    g_assert_true (second == jobs[4]);
  }
  /* Nothing finished: no change at all. */
  changes = (Changes) { 0 };
  kdcc_job_manager_clear_finished (manager);
  g_assert_cmpuint (changes.n_calls, ==, 0);
  g_assert_cmpuint (n_items.n_notifies, ==, 6);

  /* Cancel all: each running job's cancellable fires. */
  kdcc_job_manager_cancel_all (manager);
  g_assert_true (g_cancellable_is_cancelled (kdcc_job_get_cancellable (jobs[2])));
  g_assert_true (g_cancellable_is_cancelled (kdcc_job_get_cancellable (jobs[4])));
  g_assert_false (g_cancellable_is_cancelled (kdcc_job_get_cancellable (jobs[0])));
  kdcc_job_fail (jobs[2], cancelled);
  kdcc_job_fail (jobs[4], cancelled);
  g_assert_cmpuint (kdcc_job_manager_get_n_running (manager), ==, 0);

  /* The cleared jobs are no longer watched; the manager and every job
   * finalize. */
  g_assert_finalize_object (jobs[0]);
  g_assert_finalize_object (jobs[1]);
  g_assert_finalize_object (jobs[3]);
  g_assert_finalize_object (manager);
  g_assert_finalize_object (jobs[2]);
  g_assert_finalize_object (jobs[4]);
}

/* A job ending on a worker thread reaches the manager on the main thread. */
static gboolean
manager_idle (gpointer data)
{
  return kdcc_job_manager_get_n_running (data) == 0;
}

static void
test_manager_threaded (void)
{
  g_autoptr(KdccJobManager) manager = kdcc_job_manager_new ();
  g_autoptr(KdccJob) job = kdcc_job_new ("Threaded", NULL);
  g_autoptr(GObject) result = g_object_new (G_TYPE_OBJECT, NULL);
  Worker worker = { job, 20, result };
  Notes notes = { 0 };
  GThread *thread;

  notes.main_thread = g_thread_self ();
  g_signal_connect (manager, "notify::n-running", G_CALLBACK (count_notify_cb), &notes);
  kdcc_job_manager_add (manager, job);
  thread = g_thread_new ("job-worker", worker_thread, &worker);
  g_assert_true (kdcc_test_wait_until (manager_idle, manager, 5000));
  g_thread_join (thread);
  g_assert_cmpuint (notes.n_notifies, ==, 2);
  g_assert_cmpuint (notes.n_wrong_thread, ==, 0);
  g_assert_cmpint (kdcc_job_get_state (job), ==, KDCC_JOB_STATE_SUCCEEDED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/job/new", test_new);
  g_test_add_func ("/job/progress-notifies", test_progress_notifies);
  g_test_add_func ("/job/worker-thread", test_worker_thread);
  g_test_add_func ("/job/worker-thread-finalizes", test_worker_thread_finalizes);
  g_test_add_func ("/job/cancel", test_cancel);
  g_test_add_func ("/job/failure", test_failure);
  g_test_add_func ("/job/end-twice", test_end_twice);
  g_test_add_func ("/job-manager/list", test_manager);
  g_test_add_func ("/job-manager/threaded", test_manager_threaded);

  return kdcc_test_run ();
}
