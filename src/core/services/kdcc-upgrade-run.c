/* kdcc-upgrade-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The roll's loop: one step after the other on a worker thread, the state
 * saved after each change so that another process can show it (`kdcc-cli
 * upgrade status`) and resume it, and check points where a pause or an
 * abort takes effect: before each step and while a gate holds a daemon
 * back, never while a daemon is down for its restart.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <unistd.h>

#include "kdcc-error.h"
#include "kdcc-upgrade-run-private.h"

enum
{
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (KdccUpgradeRun, kdcc_upgrade_run, G_TYPE_OBJECT)

static void
kdcc_upgrade_run_finalize (GObject *object)
{
  KdccUpgradeRun *self = KDCC_UPGRADE_RUN (object);

  g_clear_object (&self->source);
  g_clear_object (&self->audit);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->state, kdcc_upgrade_state_free);
  g_clear_pointer (&self->state_path, g_free);
  kdcc_owner_clear (&self->owner);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kdcc_upgrade_run_parent_class)->finalize (object);
}

static void
kdcc_upgrade_run_class_init (KdccUpgradeRunClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdcc_upgrade_run_finalize;

  /* One line saying what the roll does or waits for, on the main context
   * of the caller of kdcc_upgrade_run_execute_async. */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kdcc_upgrade_run_init (KdccUpgradeRun *self)
{
  g_mutex_init (&self->lock);
  self->timing.poll_ms = 1000;
  self->timing.stall_after_s = 60;
  self->timing.restart_timeout_s = 600;
  kdcc_owner_init (&self->owner);
}

KdccUpgradeRun *
kdcc_upgrade_run_new (KdccSource       *source,
                      KdccAuditLog     *audit,
                      KdccUpgradeState *state)
{
  KdccUpgradeRun *self;

  g_return_val_if_fail (KDCC_IS_SOURCE (source), NULL);
  g_return_val_if_fail (state != NULL && state->fsid != NULL, NULL);

  self = g_object_new (KDCC_TYPE_UPGRADE_RUN, NULL);
  self->source = g_object_ref (source);
  self->audit = audit != NULL ? g_object_ref (audit) : NULL;
  self->runner = kdcc_operation_runner_new (source);
  self->state = state;
  self->state_path = kdcc_upgrade_state_path (state->fsid);
  return self;
}

void
kdcc_upgrade_run_set_timing (KdccUpgradeRun          *self,
                             const KdccUpgradeTiming *timing)
{
  g_return_if_fail (KDCC_IS_UPGRADE_RUN (self));

  self->timing = *timing;
  self->timing.poll_ms = MAX (self->timing.poll_ms, 50);
}

KdccUpgradeState *
kdcc_upgrade_run_dup_state (KdccUpgradeRun *self)
{
  KdccUpgradeState *copy;

  g_mutex_lock (&self->lock);
  copy = kdcc_upgrade_state_copy (self->state);
  g_mutex_unlock (&self->lock);
  return copy;
}

void
kdcc_upgrade_run_request_pause (KdccUpgradeRun *self)
{
  g_atomic_int_compare_and_exchange (&self->requested, REQUEST_NONE, REQUEST_PAUSE);
}

void
kdcc_upgrade_run_request_abort (KdccUpgradeRun *self)
{
  g_atomic_int_set (&self->requested, REQUEST_ABORT);
}

/* Helpers for the steps ---------------------------------------------------------- */

typedef struct
{
  KdccUpgradeRun *self;
  char           *line;
} Progress;

static gboolean
emit_progress_cb (gpointer user_data)
{
  Progress *p = user_data;

  g_signal_emit (p->self, signals[SIGNAL_PROGRESS], 0, p->line);
  g_object_unref (p->self);
  g_free (p->line);
  g_free (p);
  return G_SOURCE_REMOVE;
}

void
_kdcc_upgrade_run_progress (KdccUpgradeRun *self,
                            const char     *format,
                            ...)
{
  Progress *p = g_new0 (Progress, 1);
  va_list args;

  va_start (args, format);
  p->line = g_strdup_vprintf (format, args);
  va_end (args);
  g_debug ("%s", p->line);
  p->self = g_object_ref (self);
  kdcc_owner_invoke (&self->owner, G_PRIORITY_DEFAULT, emit_progress_cb, p, NULL);
}

void
_kdcc_upgrade_run_save (KdccUpgradeRun *self)
{
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->lock);
  if (!kdcc_upgrade_state_save (self->state, self->state_path, &error))
    g_warning ("Cannot save the upgrade state: %s", error->message);
  g_mutex_unlock (&self->lock);
}

void
_kdcc_upgrade_run_audit (KdccUpgradeRun *self,
                         const char     *action,
                         const char     *change,
                         const char     *cli,
                         const char     *result,
                         const char     *message)
{
  g_autoptr(GError) error = NULL;

  if (self->audit == NULL)
    return;
  if (!kdcc_audit_log_append_event (self->audit, kdcc_source_get_kind (self->source), action,
                                    change, cli, result, message, &error))
    g_warning ("Cannot write the audit log: %s", error->message);
}

int
_kdcc_upgrade_run_pending (KdccUpgradeRun *self)
{
  g_autofree char *request = kdcc_upgrade_control_take (self->state->fsid, TRUE);

  if (g_strcmp0 (request, "abort") == 0)
    kdcc_upgrade_run_request_abort (self);
  else if (g_strcmp0 (request, "pause") == 0)
    kdcc_upgrade_run_request_pause (self);
  return g_atomic_int_get (&self->requested);
}

static void
set_wait (KdccUpgradeRun *self,
          const char     *daemon,
          const char     *gate,
          const char     *reason,
          gint64          since)
{
  g_mutex_lock (&self->lock);
  g_free (self->state->wait_daemon);
  g_free (self->state->wait_gate);
  g_free (self->state->wait_reason);
  self->state->wait_daemon = g_strdup (daemon);
  self->state->wait_gate = g_strdup (gate);
  self->state->wait_reason = g_strdup (reason);
  self->state->wait_since = since;
  g_mutex_unlock (&self->lock);
  _kdcc_upgrade_run_save (self);
}

/* Sleeps MS in short slices so that a cancellation ends it at once. */
static gboolean
nap (GCancellable *cancellable,
     guint         ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (100000, end - g_get_monotonic_time () + 1));
    }
  return !g_cancellable_is_cancelled (cancellable);
}

StepOutcome
_kdcc_upgrade_run_wait (KdccUpgradeRun *self,
                        const char     *daemon,
                        const char     *gate,
                        gboolean        interruptible,
                        UpgradeProbe    probe,
                        gpointer        data,
                        GCancellable   *cancellable)
{
  gint64 start = 0, last_report = 0;
  g_autofree char *last_reason = NULL;

  for (;;)
    {
      g_autofree char *reason = NULL;
      gint64 now;

      if (probe (self, data, cancellable, &reason))
        {
          if (start != 0)
            {
              _kdcc_upgrade_run_progress (self,
                                          /* TRANSLATORS: "osd.0: ok-to-stop passed after 14 s" */
                                          _("%s: %s passed after %.0f s"),
                                          daemon != NULL ? daemon : _("cluster"), gate,
                                          (g_get_monotonic_time () - start) / 1e6);
              set_wait (self, NULL, NULL, NULL, 0);
            }
          return STEP_OK;
        }
      if (g_cancellable_is_cancelled (cancellable))
        return STEP_CANCELLED;

      now = g_get_monotonic_time ();
      if (start == 0)
        {
          start = now;
          set_wait (self, daemon, gate, reason, g_get_real_time ());
          _kdcc_upgrade_run_progress (self,
                                      /* TRANSLATORS: "osd.0: waiting (ok-to-stop): ok-to-stop refused: …" */
                                      _("%s: waiting (%s): %s"),
                                      daemon != NULL ? daemon : _("cluster"), gate, reason);
        }
      else if (g_strcmp0 (reason, last_reason) != 0)
        {
          gint64 since;

          g_mutex_lock (&self->lock);
          since = self->state->wait_since;
          g_mutex_unlock (&self->lock);
          set_wait (self, daemon, gate, reason, since);
        }
      g_free (last_reason);
      last_reason = g_strdup (reason);

      /* A stall is said once it lasts, and again every as long. */
      if ((now - MAX (start, last_report)) / G_USEC_PER_SEC >= self->timing.stall_after_s)
        {
          g_autofree char *change = g_strdup_printf ("%s %s", daemon != NULL ? daemon : "", gate);

          last_report = now;
          _kdcc_upgrade_run_progress (self,
                                      /* TRANSLATORS: "Stalled for 62 s: osd.0, gate ok-to-stop: …" */
                                      _("Stalled for %.0f s: %s, gate %s: %s"),
                                      (now - start) / 1e6,
                                      daemon != NULL ? daemon : _("cluster"), gate, reason);
          _kdcc_upgrade_run_audit (self, "upgrade-stall", g_strstrip (change), NULL, "waiting",
                                   reason);
        }

      if (interruptible && _kdcc_upgrade_run_pending (self) != REQUEST_NONE)
        {
          set_wait (self, NULL, NULL, NULL, 0);
          return STEP_INTERRUPTED;
        }
      if (!nap (cancellable, self->timing.poll_ms))
        return STEP_CANCELLED;
    }
}

/* The loop ---------------------------------------------------------------------- */

static void
set_run_state (KdccUpgradeRun      *self,
               KdccUpgradeRunState  state,
               const char          *message)
{
  g_mutex_lock (&self->lock);
  self->state->state = state;
  if (state != KDCC_UPGRADE_RUN_RUNNING)
    self->state->pid = 0;
  g_free (self->state->message);
  self->state->message = g_strdup (message);
  g_mutex_unlock (&self->lock);
  _kdcc_upgrade_run_save (self);
}

static KdccUpgradeStepRecord *
record_at (KdccUpgradeRun *self,
           guint           index)
{
  return g_ptr_array_index (self->state->steps, index);
}

/* Unsets noout if this upgrade set it, then saves the state ABORTED with
 * the way back. FALSE (and *failure) when noout could not be unset. */
static gboolean
do_abort (KdccUpgradeRun  *self,
          GCancellable    *cancellable,
          char           **failure)
{
  g_autofree char *way_back = NULL;
  g_autofree char *message = NULL;
  g_autofree char *autoscale_note = NULL;
  g_autofree char *autoscale_failure = NULL;
  gboolean ok;

  _kdcc_upgrade_run_orch_abort (self, cancellable);
  ok = _kdcc_upgrade_run_unset_noout (self, cancellable, failure);

  /* The PG autoscaler too, if the upgrade paused it. */
  if (!_kdcc_upgrade_run_unset_noautoscale (self, cancellable, &autoscale_note,
                                            &autoscale_failure) && ok)
    {
      *failure = g_steal_pointer (&autoscale_failure);
      ok = FALSE;
    }

  g_mutex_lock (&self->lock);
  way_back = kdcc_upgrade_way_back (self->state);
  g_mutex_unlock (&self->lock);
  message = ok ? g_strdup (way_back) : g_strdup_printf ("%s %s", *failure, way_back);
  set_run_state (self, KDCC_UPGRADE_RUN_ABORTED, message);
  _kdcc_upgrade_run_audit (self, "upgrade-abort", self->state->target_release, NULL, "done",
                           message);
  _kdcc_upgrade_run_progress (self, _("Upgrade aborted. %s"), message);
  return ok;
}

static KdccUpgradeRunState
stop_for_request (KdccUpgradeRun *self,
                  GCancellable   *cancellable)
{
  int request = g_atomic_int_get (&self->requested);

  g_atomic_int_set (&self->requested, REQUEST_NONE);
  if (request == REQUEST_ABORT)
    {
      g_autofree char *failure = NULL;

      do_abort (self, cancellable, &failure);
      return KDCC_UPGRADE_RUN_ABORTED;
    }
  set_run_state (self, KDCC_UPGRADE_RUN_PAUSED, NULL);
  _kdcc_upgrade_run_audit (self, "upgrade-pause", self->state->target_release, NULL, "done", NULL);
  _kdcc_upgrade_run_progress (self, "%s", _("Upgrade paused; “resume” continues with the next step."));
  return KDCC_UPGRADE_RUN_PAUSED;
}

static KdccUpgradeRunState
execute (KdccUpgradeRun  *self,
         GCancellable    *cancellable,
         GError         **error)
{
  guint n = self->state->steps->len;
  gboolean resuming = self->state->next_step > 0 || self->state->state != KDCC_UPGRADE_RUN_IDLE;

  /* An abort asked before the run began (of an upgrade nobody drives) is
   * not a resume. */
  if (g_atomic_int_get (&self->requested) == REQUEST_ABORT)
    return stop_for_request (self, cancellable);

  g_mutex_lock (&self->lock);
  self->state->pid = getpid ();
  g_mutex_unlock (&self->lock);
  set_run_state (self, KDCC_UPGRADE_RUN_RUNNING, NULL);
  _kdcc_upgrade_run_audit (self, resuming ? "upgrade-resume" : "upgrade-start",
                           self->state->target_release,
                           self->state->restart_template, "done", NULL);

  while (self->state->next_step < n)
    {
      guint i = self->state->next_step;
      KdccUpgradeStepRecord *record = record_at (self, i);
      g_autofree char *note = NULL;
      g_autofree char *message = NULL;
      StepOutcome outcome;

      if (_kdcc_upgrade_run_pending (self) != REQUEST_NONE)
        return stop_for_request (self, cancellable);

      g_mutex_lock (&self->lock);
      record->state = KDCC_UPGRADE_STEP_ACTIVE;
      record->started = g_get_real_time ();
      g_mutex_unlock (&self->lock);
      _kdcc_upgrade_run_save (self);
      /* TRANSLATORS: "Step 4 of 12: Restart osd.0 on 18.2.8" */
      _kdcc_upgrade_run_progress (self, _("Step %u of %u: %s"), i + 1, n,
                                  record->step->description);

      outcome = _kdcc_upgrade_run_step (self, i, cancellable, &note, &message);
      switch (outcome)
        {
        case STEP_OK:
          g_mutex_lock (&self->lock);
          record->state = KDCC_UPGRADE_STEP_DONE;
          record->finished = g_get_real_time ();
          g_free (record->note);
          record->note = g_steal_pointer (&note);
          self->state->next_step = i + 1;
          g_mutex_unlock (&self->lock);
          _kdcc_upgrade_run_save (self);
          break;

        case STEP_INTERRUPTED:
          g_mutex_lock (&self->lock);
          record->state = KDCC_UPGRADE_STEP_PENDING;
          g_mutex_unlock (&self->lock);
          return stop_for_request (self, cancellable);

        case STEP_FAILED:
          g_mutex_lock (&self->lock);
          record->state = KDCC_UPGRADE_STEP_PENDING;
          g_mutex_unlock (&self->lock);
          set_run_state (self, KDCC_UPGRADE_RUN_FAILED, message);
          _kdcc_upgrade_run_audit (self, "upgrade-fail", record->step->description,
                                   record->step->restart_command, "failed", message);
          _kdcc_upgrade_run_progress (self, _("Upgrade stopped: %s"), message);
          return KDCC_UPGRADE_RUN_FAILED;

        case STEP_CANCELLED:
        default:
          g_mutex_lock (&self->lock);
          record->state = KDCC_UPGRADE_STEP_PENDING;
          g_mutex_unlock (&self->lock);
          set_run_state (self, KDCC_UPGRADE_RUN_PAUSED, _("Interrupted; “resume” continues."));
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The upgrade was interrupted"));
          return KDCC_UPGRADE_RUN_PAUSED;
        }
    }

  set_run_state (self, KDCC_UPGRADE_RUN_DONE, NULL);
  _kdcc_upgrade_run_audit (self, "upgrade-done", self->state->target_release, NULL, "done", NULL);
  /* TRANSLATORS: "Upgrade to reef done." */
  _kdcc_upgrade_run_progress (self, _("Upgrade to %s done."), self->state->target_release);
  return KDCC_UPGRADE_RUN_DONE;
}

static void
execute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KdccUpgradeRun *self = source_object;
  GError *error = NULL;
  KdccUpgradeRunState state = execute (self, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, state);
}

void
kdcc_upgrade_run_execute_async (KdccUpgradeRun      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KDCC_IS_UPGRADE_RUN (self));

  kdcc_owner_clear (&self->owner);
  kdcc_owner_init (&self->owner);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kdcc_upgrade_run_execute_async);
  g_task_run_in_thread (task, execute_thread);
}

KdccUpgradeRunState
kdcc_upgrade_run_execute_finish (KdccUpgradeRun  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  gssize state;

  g_return_val_if_fail (g_task_is_valid (result, self), KDCC_UPGRADE_RUN_FAILED);

  state = g_task_propagate_int (G_TASK (result), error);
  return state < 0 ? KDCC_UPGRADE_RUN_PAUSED : (KdccUpgradeRunState) state;
}

gboolean
kdcc_upgrade_run_abort_sync (KdccUpgradeRun  *self,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autofree char *failure = NULL;

  g_return_val_if_fail (KDCC_IS_UPGRADE_RUN (self), FALSE);

  if (!do_abort (self, cancellable, &failure))
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_COMMAND, failure);
      return FALSE;
    }
  return TRUE;
}

/* The way back ------------------------------------------------------------------ */

char *
kdcc_upgrade_way_back (const KdccUpgradeState *state)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) done = g_string_new (NULL);
  guint mons = 0, mons_done = 0;
  gboolean required = FALSE;

  for (guint i = 0; i < state->steps->len; i++)
    {
      const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);
      const KdccUpgradeStep *s = r->step;

      if (s->kind == KDCC_UPGRADE_STEP_DAEMON && g_strcmp0 (s->daemon_type, "mon") == 0)
        {
          mons++;
          mons_done += r->state == KDCC_UPGRADE_STEP_DONE;
        }
      if (s->kind == KDCC_UPGRADE_STEP_DAEMON && r->state == KDCC_UPGRADE_STEP_DONE)
        g_string_append_printf (done, "%s%s.%s", done->len > 0 ? ", " : "", s->daemon_type,
                                s->daemon_id);
      if (s->kind == KDCC_UPGRADE_STEP_REQUIRE_RELEASE && r->state == KDCC_UPGRADE_STEP_DONE)
        required = TRUE;
      /* cephadm restarts the daemons itself, and refuses to go back a
       * major release ("ceph cannot downgrade major versions"). */
      if (s->kind == KDCC_UPGRADE_STEP_ORCH_UPGRADE)
        return g_strdup (_("KDCC asked the orchestrator to stop (ceph orch upgrade stop). The "
                           "daemons cephadm upgraded stay on the new release (ceph versions lists "
                           "them): cephadm does not go back to an older major release."));
    }

  if (done->len == 0)
    return g_strdup_printf (_("No daemon was restarted: the cluster still runs %s."),
                            state->running_release != NULL ? state->running_release : "");

  /* TRANSLATORS: "On reef now: mon.a, mgr.x." */
  g_string_append_printf (text, _("On %s now: %s."), state->target_release, done->str);
  if (required)
    g_string_append_printf (text, " %s",
                            _("require_osd_release was raised: the OSDs cannot go back to "
                              "the old release."));
  else
    g_string_append_printf (text, " %s",
                            _("The mgrs and OSDs can go back: restart them on the old packages."));
  if (mons_done > 0 && mons_done == mons)
    g_string_append_printf (text, " %s",
                            _("Every mon runs the new release, so min_mon_release moved: the mons "
                              "cannot go back."));
  else if (mons_done > 0)
    g_string_append_printf (text, " %s",
                            _("Not every mon runs the new release yet: the upgraded mons can "
                              "still be restarted on the old packages."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
