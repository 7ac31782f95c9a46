/* kdcc-diagnostics-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the tasks of one gathering on worker threads: at most max-parallel
 * at once, each with its own deadline, with a probe per target so that a
 * silent daemon costs one timeout rather than one per item.
 */
#define G_LOG_DOMAIN "kdcc-diagnostics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics-private.h"
#include "kdcc-diagnostics-summary.h"
#include "kdcc-error.h"
#include "kdcc-kube-source.h"
#include "kdcc-json.h"

/* ------------------------------------------------------------------------
 * The run
 * ------------------------------------------------------------------------ */

DiagRun *
_kdcc_diagnostics_run_new (void)
{
  DiagRun *run = g_new0 (DiagRun, 1);

  g_atomic_ref_count_init (&run->ref);
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  run->tasks = g_ptr_array_new_with_free_func (_kdcc_diagnostics_task_free);
  return run;
}

DiagRun *
_kdcc_diagnostics_run_ref (DiagRun *run)
{
  g_atomic_ref_count_inc (&run->ref);
  return run;
}

void
_kdcc_diagnostics_run_unref (DiagRun *run)
{
  if (!g_atomic_ref_count_dec (&run->ref))
    return;

  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
  g_clear_object (&run->source);
  g_clear_object (&run->cancellable);
  kdcc_owner_clear (&run->owner);
  g_clear_object (&run->self);
  g_clear_object (&run->job);
  g_strfreev (run->refresh_errors);
  g_free (run->fsid);
  g_free (run->output_path);
  g_ptr_array_unref (run->tasks);
  for (guint i = 0; i < N_GATED_TARGETS; i++)
    g_free (run->gates[i].reason);
  g_free (run->summary);
  g_free (run->first_error);
  g_free (run);
}

/* Counts what is done and tells the object (and through it the run's
 * job). Called with run->lock held. */
static void
run_post_progress_locked (DiagRun    *run,
                          const char *item,
                          gboolean    finished)
{
  guint total = 0, done = 0;

  if (run->over)
    return;

  for (guint i = 0; i < run->tasks->len; i++)
    {
      DiagTask *task = g_ptr_array_index (run->tasks, i);

      if (task->state == TASK_NOT_AVAILABLE)
        continue;
      total++;
      if (task->state != TASK_PENDING && task->state != TASK_RUNNING)
        done++;
    }

  _kdcc_diagnostics_post_progress (run, done, total, item, finished);
}

/* ------------------------------------------------------------------------
 * Workers
 * ------------------------------------------------------------------------ */

typedef struct
{
  DiagRun  *run;
  DiagTask *task;
} WorkerData;

static int
compare_crash_newest_first (gconstpointer a,
                            gconstpointer b)
{
  JsonObject *oa = json_node_get_object (*(JsonNode **) a);
  JsonObject *ob = json_node_get_object (*(JsonNode **) b);

  return g_strcmp0 (json_object_get_string_member_with_default (ob, "timestamp", ""),
                    json_object_get_string_member_with_default (oa, "timestamp", ""));
}

/* From `crash ls` (a JSON list of {crash_id, timestamp, entity_name, …}),
 * queue `crash info` for the newest ones. Called with run->lock held. */
static void
queue_crash_infos_locked (DiagRun *run,
                          GBytes  *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) crashes = g_ptr_array_new ();
  JsonNode *root;
  JsonArray *array;
  gsize len;
  const char *text = g_bytes_get_data (data, &len);

  if (len == 0 || !kdcc_json_parser_load (parser, "diagnostics schedule", text, len, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && json_object_get_string_member_with_default (json_node_get_object (node), "crash_id",
                                                          NULL) != NULL)
        g_ptr_array_add (crashes, node);
    }
  g_ptr_array_sort (crashes, compare_crash_newest_first);

  for (guint i = 0; i < crashes->len && i < MAX_CRASH_INFOS; i++)
    {
      JsonObject *crash = json_node_get_object (g_ptr_array_index (crashes, i));
      const char *id = json_object_get_string_member (crash, "crash_id");
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) cmd = NULL;
      g_autofree char *command = NULL;
      g_autofree char *file = kdcc_diagnostics_crash_file (id);
      g_autofree char *name = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "prefix");
      json_builder_add_string_value (builder, "crash info");
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, "json");
      json_builder_end_object (builder);
      cmd = json_builder_get_root (builder);
      command = json_to_string (cmd, FALSE);

      name = g_strdup_printf ("crash info %s", id);
      g_ptr_array_add (run->tasks, _kdcc_diagnostics_task_new (name, file, KDCC_DIAGNOSTICS_TARGET_MGR, command, 0,
                                             TRUE));
    }
}

/* Errors that say the daemon is not there, as opposed to a command it
 * answered with an error. */
static gboolean
is_unreachable_error (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == KDCC_ERROR)
    return error->code == KDCC_ERROR_TIMEOUT || error->code == KDCC_ERROR_CONNECT
           || error->code == KDCC_ERROR_AUTH || error->code == KDCC_ERROR_TLS;
  return error->domain == G_IO_ERROR && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static Gate *
task_gate (DiagRun  *run,
           DiagTask *task)
{
  return task->target < N_GATED_TARGETS ? &run->gates[task->target] : NULL;
}

/* Called with run->lock held when a task ends. */
static void
gate_update_locked (DiagRun  *run,
                    DiagTask *task,
                    gboolean  unreachable)
{
  Gate *gate = task_gate (run, task);

  if (gate == NULL || gate->state == GATE_DEAD)
    return;
  if (unreachable)
    {
      gate->state = GATE_DEAD;
      /* TRANSLATORS: %s: the item that got no answer, then why. */
      gate->reason = g_strdup_printf (_("Skipped: “%s” got no answer (%s)"), task->name,
                                      task->error != NULL ? task->error : "");
      /* mgr commands travel over the same connection as mon commands:
       * without the mons there is no way to the mgr either. */
      if (task->target == KDCC_DIAGNOSTICS_TARGET_MON
          && run->gates[KDCC_DIAGNOSTICS_TARGET_MGR].state != GATE_DEAD)
        {
          Gate *mgr = &run->gates[KDCC_DIAGNOSTICS_TARGET_MGR];

          mgr->state = GATE_DEAD;
          g_free (mgr->reason);
          mgr->reason = g_strdup (gate->reason);
        }
    }
  else if (gate->probe == task)
    gate->state = GATE_OPEN;
}

/* Called with run->lock held. */
static gboolean
can_start_locked (DiagRun  *run,
                  DiagTask *task)
{
  Gate *gate = task_gate (run, task);

  if (gate == NULL)
    return TRUE;
  if (gate->state == GATE_DEAD)
    return FALSE;

  /* The mgr items wait for the mon items: a source may serialise its
   * commands, and a silent mgr must not hold the mon items up. */
  if (task->target == KDCC_DIAGNOSTICS_TARGET_MGR)
    for (guint i = 0; i < run->tasks->len; i++)
      {
        DiagTask *other = g_ptr_array_index (run->tasks, i);

        if (other->target == KDCC_DIAGNOSTICS_TARGET_MON
            && (other->state == TASK_PENDING || other->state == TASK_RUNNING))
          return FALSE;
      }

  if (gate->state == GATE_OPEN)
    return TRUE;
  if (gate->probe != NULL)
    return FALSE;   /* the probe is still running */
  gate->probe = task;
  return TRUE;
}

static gpointer
worker_thread (gpointer user_data)
{
  WorkerData *wd = user_data;
  DiagRun *run = wd->run;
  DiagTask *task = wd->task;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GBytes) data = NULL;
  gint64 end_us;

  switch (task->target)
    {
    case KDCC_DIAGNOSTICS_TARGET_MON:
    case KDCC_DIAGNOSTICS_TARGET_MGR:
      data = kdcc_source_run_command_sync (run->source,
                                           kdcc_diagnostics_target_to_string (task->target),
                                           task->command, &status, run->cancellable, &error);
      break;
    case KDCC_DIAGNOSTICS_TARGET_DASHBOARD:
      if (KDCC_IS_DASHBOARD_SOURCE (run->source))
        data = kdcc_dashboard_source_get_sync (KDCC_DASHBOARD_SOURCE (run->source), task->command,
                                               run->cancellable, &error);
      else if (KDCC_IS_KUBE_SOURCE (run->source))
        data = _kdcc_diagnostics_kube_dashboard_get (run->source, task->command,
                                                     run->cancellable, &error);
      else
        g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                             _("This connection does not go through the Ceph Dashboard"));
      break;
    case KDCC_DIAGNOSTICS_TARGET_KUBERNETES:
      data = _kdcc_diagnostics_kube_gather (run->source, task->command, run->cancellable, &error);
      break;
    case KDCC_DIAGNOSTICS_TARGET_KDCC:
    default:
      g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                           _("Not available in this version"));
      break;
    }
  end_us = g_get_monotonic_time ();

  /* No JSON document is empty: an empty "success" is a mgr that never
   * answered (librados gives up after its timeout this way). */
  if (data != NULL && task->is_json && g_bytes_get_size (data) == 0)
    {
      g_clear_pointer (&data, g_bytes_unref);
      g_set_error_literal (&error, KDCC_ERROR, KDCC_ERROR_TIMEOUT,
                           _("Empty answer: the daemon did not reply"));
    }

  g_mutex_lock (&run->lock);
  if (task->state == TASK_RUNNING && !run->over)
    {
      task->duration_us = end_us - task->start_us;
      task->ceph_status = g_steal_pointer (&status);
      if (data != NULL)
        {
          task->data = g_steal_pointer (&data);
          task->state = TASK_DONE;
          if ((task->flags & KDCC_DIAGNOSTICS_ITEM_CRASH_INFOS) && task->is_json)
            queue_crash_infos_locked (run, task->data);
        }
      else
        {
          task->error = g_strdup (error != NULL ? error->message : _("No output"));
          task->state = g_cancellable_is_cancelled (run->cancellable) ? TASK_CANCELLED : TASK_FAILED;
        }
      gate_update_locked (run, task, task->state == TASK_FAILED && is_unreachable_error (error));
      run->n_running--;
      run->n_finished++;
      run_post_progress_locked (run, task->name, TRUE);
      g_cond_broadcast (&run->cond);
    }
  g_mutex_unlock (&run->lock);

  _kdcc_diagnostics_run_unref (run);
  g_free (wd);
  return NULL;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  DiagRun *run = user_data;

  g_mutex_lock (&run->lock);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

/* Wakes the coordinator when the run is cancelled. */
void
_kdcc_diagnostics_run_start_watch (DiagRun *run)
{
  run->cancel_id = g_cancellable_connect (run->cancellable, G_CALLBACK (cancelled_cb), run, NULL);
}

void
_kdcc_diagnostics_run_stop_watch (DiagRun *run)
{
  g_cancellable_disconnect (run->cancellable, run->cancel_id);
  run->cancel_id = 0;
}

/* Runs every task, at most max_parallel at once. A task past its deadline
 * is recorded as timed out and its slot is given to the next one; its
 * thread finishes in the background (a blocking librados call cannot be
 * interrupted) and its late answer is dropped. Returns FALSE on cancel. */
gboolean
_kdcc_diagnostics_run_tasks (DiagRun *run)
{
  gboolean cancelled = FALSE;

  g_mutex_lock (&run->lock);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 deadline = G_MAXINT64;
      gboolean pending = FALSE;

      if (g_cancellable_is_cancelled (run->cancellable))
        {
          cancelled = TRUE;
          break;
        }

      for (guint i = 0; i < run->tasks->len; i++)
        {
          DiagTask *task = g_ptr_array_index (run->tasks, i);

          if (task->state == TASK_RUNNING && now - task->start_us >= run->timeout_us)
            {
              task->state = TASK_TIMED_OUT;
              task->duration_us = now - task->start_us;
              task->error = g_strdup_printf (_("No answer within %.0f s"),
                                             run->timeout_us / (double) G_USEC_PER_SEC);
              gate_update_locked (run, task, TRUE);
              run->n_running--;
              run->n_finished++;
              run_post_progress_locked (run, task->name, TRUE);
            }
        }

      for (guint i = 0; i < run->tasks->len; i++)
        {
          DiagTask *task = g_ptr_array_index (run->tasks, i);
          Gate *gate = task_gate (run, task);

          if (task->state == TASK_PENDING && gate != NULL && gate->state == GATE_DEAD)
            {
              task->state = TASK_FAILED;
              task->started = g_date_time_new_now_utc ();
              task->error = g_strdup (gate->reason);
              run->n_finished++;
              run_post_progress_locked (run, task->name, TRUE);
            }
        }

      for (guint i = 0; i < run->tasks->len && run->n_running < run->max_parallel; i++)
        {
          DiagTask *task = g_ptr_array_index (run->tasks, i);
          WorkerData *wd;
          GThread *thread;
          g_autoptr(GError) error = NULL;

          if (task->state != TASK_PENDING || !can_start_locked (run, task))
            continue;
          task->state = TASK_RUNNING;
          task->started = g_date_time_new_now_utc ();
          task->start_us = g_get_monotonic_time ();
          run->n_running++;
          wd = g_new0 (WorkerData, 1);
          wd->run = _kdcc_diagnostics_run_ref (run);
          wd->task = task;
          thread = g_thread_try_new ("kdcc-diag-item", worker_thread, wd, &error);
          if (thread == NULL)
            {
              task->state = TASK_FAILED;
              task->error = g_strdup (error->message);
              gate_update_locked (run, task, FALSE);
              run->n_running--;
              run->n_finished++;
              _kdcc_diagnostics_run_unref (wd->run);
              g_free (wd);
              continue;
            }
          g_thread_unref (thread);
          run_post_progress_locked (run, task->name, FALSE);
        }

      for (guint i = 0; i < run->tasks->len; i++)
        {
          DiagTask *task = g_ptr_array_index (run->tasks, i);

          if (task->state == TASK_PENDING)
            pending = TRUE;
          else if (task->state == TASK_RUNNING)
            deadline = MIN (deadline, task->start_us + run->timeout_us);
        }
      if (run->n_running == 0 && !pending)
        break;

      if (deadline == G_MAXINT64)
        g_cond_wait (&run->cond, &run->lock);
      else
        g_cond_wait_until (&run->cond, &run->lock, deadline);
    }

  if (cancelled)
    {
      for (guint i = 0; i < run->tasks->len; i++)
        {
          DiagTask *task = g_ptr_array_index (run->tasks, i);

          if (task->state == TASK_PENDING || task->state == TASK_RUNNING)
            task->state = TASK_CANCELLED;
        }
    }
  run->over = TRUE;
  g_mutex_unlock (&run->lock);

  return !cancelled;
}

