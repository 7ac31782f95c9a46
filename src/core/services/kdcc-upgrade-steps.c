/* kdcc-upgrade-steps.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each step of a roll does. Flags go through the operation runner
 * (validate, apply, read back) like every other change; the restart of a
 * daemon is the admin's command, run with a time bound and its output
 * kept; every gate is a wait on a probe (kdcc-upgrade-probe.h).
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-upgrade-probe.h"
#include "kdcc-upgrade-run-private.h"

/* The audit log keeps the end of a restart command's output. */
#define OUTPUT_TAIL 2000

/* Probes as waits -------------------------------------------------------------- */

typedef struct
{
  const char *type;
  const char *id;
  guint       major;
  guint       n_mons;
  char       *version;
} DaemonProbe;

static gboolean
probe_quorum (KdccUpgradeRun  *self,
              gpointer         data,
              GCancellable    *cancellable,
              char           **reason)
{
  DaemonProbe *d = data;

  return kdcc_upgrade_probe_quorum (self->source, &d->n_mons, cancellable, reason);
}

static gboolean
probe_pgs_clean (KdccUpgradeRun  *self,
                 gpointer         data,
                 GCancellable    *cancellable,
                 char           **reason)
{
  return kdcc_upgrade_probe_pgs_clean (self->source, cancellable, reason);
}

static gboolean
probe_ok_to_stop (KdccUpgradeRun  *self,
                  gpointer         data,
                  GCancellable    *cancellable,
                  char           **reason)
{
  DaemonProbe *d = data;

  return kdcc_upgrade_probe_ok_to_stop (self->source, d->type, d->id, cancellable, reason);
}

static gboolean
probe_back (KdccUpgradeRun  *self,
            gpointer         data,
            GCancellable    *cancellable,
            char           **reason)
{
  DaemonProbe *d = data;

  g_clear_pointer (&d->version, g_free);
  return kdcc_upgrade_probe_daemon_back (self->source, d->type, d->id, d->major, cancellable,
                                         &d->version, reason);
}

static gboolean
probe_min_mon_release (KdccUpgradeRun  *self,
                       gpointer         data,
                       GCancellable    *cancellable,
                       char           **reason)
{
  return kdcc_upgrade_probe_min_mon_release (self->source, self->state->target_major,
                                             cancellable, reason);
}

static gboolean
probe_osds_on (KdccUpgradeRun  *self,
               gpointer         data,
               GCancellable    *cancellable,
               char           **reason)
{
  return kdcc_upgrade_probe_osds_on (self->source, self->state->target_major, cancellable,
                                     reason);
}

/* The write path ---------------------------------------------------------------- */

/* Applies OPERATION through the runner, audited; FALSE with *message when
 * it was not applied. */
gboolean
_kdcc_upgrade_run_apply (KdccUpgradeRun  *self,
       KdccOperation   *operation,
       GCancellable    *cancellable,
       char           **message)
{
  g_autoptr(KdccOperationResult) result = kdcc_operation_runner_run_sync (self->runner, operation,
                                                                          cancellable);
  g_autofree char *cli = kdcc_operation_dup_cli_equivalent (operation);

  if (self->audit != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kdcc_audit_log_append (self->audit, kdcc_source_get_kind (self->source), "apply",
                                  result, &error))
        g_warning ("Cannot write the audit log: %s", error->message);
    }
  if (!kdcc_operation_result_was_applied (result))
    {
      const GError *error = kdcc_operation_result_get_error (result);

      /* TRANSLATORS: "ceph osd set noout failed: …" */
      *message = g_strdup_printf (_("%s failed: %s"), cli,
                                  error != NULL ? error->message : _("not applied"));
      return FALSE;
    }
  _kdcc_upgrade_run_progress (self, "$ %s", cli);
  return TRUE;
}

static StepOutcome
set_noout (KdccUpgradeRun  *self,
           GCancellable    *cancellable,
           char           **note,
           char           **message)
{
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  gboolean set = FALSE;

  if (!kdcc_upgrade_probe_osd_dump (self->source, "noout", &set, NULL, cancellable, &error))
    {
      *message = g_strdup (error->message);
      return g_cancellable_is_cancelled (cancellable) ? STEP_CANCELLED : STEP_FAILED;
    }
  g_mutex_lock (&self->lock);
  self->state->noout_was_set = set;
  g_mutex_unlock (&self->lock);
  if (set)
    {
      /* Someone set it for a reason of their own: keep it at the end. */
      *note = g_strdup (_("noout was already set; it stays set at the end"));
      return STEP_OK;
    }
  operation = kdcc_operation_new_osd_flag ("noout", TRUE);
  return _kdcc_upgrade_run_apply (self, operation, cancellable, message) ? STEP_OK : STEP_FAILED;
}

gboolean
_kdcc_upgrade_run_unset_noout (KdccUpgradeRun  *self,
                               GCancellable    *cancellable,
                               char           **message)
{
  g_autoptr(KdccOperation) operation = NULL;
  gboolean we_set_it = FALSE;

  for (guint i = 0; i < self->state->steps->len; i++)
    {
      KdccUpgradeStepRecord *r = g_ptr_array_index (self->state->steps, i);

      if (r->step->kind == KDCC_UPGRADE_STEP_SET_FLAG && r->state == KDCC_UPGRADE_STEP_DONE
          && !kdcc_upgrade_step_is_noautoscale (r->step))
        we_set_it = !self->state->noout_was_set;
    }
  if (!we_set_it)
    return TRUE;
  operation = kdcc_operation_new_osd_flag ("noout", FALSE);
  return _kdcc_upgrade_run_apply (self, operation, cancellable, message);
}

static StepOutcome
require_release (KdccUpgradeRun  *self,
                 GCancellable    *cancellable,
                 char           **note,
                 char           **message)
{
  g_autoptr(KdccOperation) operation = NULL;
  g_autoptr(KdccOperationResult) result = NULL;
  g_autofree char *cli = NULL;
  StepOutcome outcome;

  /* Ceph refuses it while an OSD runs an older release. */
  outcome = _kdcc_upgrade_run_wait (self, NULL, "osds-on-release", TRUE, probe_osds_on, NULL,
                                    cancellable);
  if (outcome != STEP_OK)
    return outcome;

  /* Through the write path like every change: validated, applied, read
   * back from `osd dump`, audited. It has no inverse: Ceph never lowers
   * it. */
  operation = kdcc_operation_new_require_osd_release (self->state->target_release);
  cli = kdcc_operation_dup_cli_equivalent (operation);
  result = kdcc_operation_runner_run_sync (self->runner, operation, cancellable);
  if (self->audit != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kdcc_audit_log_append (self->audit, kdcc_source_get_kind (self->source), "apply",
                                  result, &error))
        g_warning ("Cannot write the audit log: %s", error->message);
    }
  switch (kdcc_operation_result_get_outcome (result))
    {
    case KDCC_OPERATION_OUTCOME_VERIFIED:
      _kdcc_upgrade_run_progress (self, "$ %s", cli);
      *note = g_strdup_printf ("require_osd_release %s",
                               kdcc_operation_result_get_read_back_value (result));
      return STEP_OK;
    case KDCC_OPERATION_OUTCOME_UNVERIFIED:
      _kdcc_upgrade_run_progress (self, "$ %s", cli);
      *note = g_strdup (_("applied; the read back failed"));
      return STEP_OK;
    case KDCC_OPERATION_OUTCOME_DIFFERS:
      {
        const char *read_back = kdcc_operation_result_get_read_back_value (result);
        g_autofree char *what = g_strdup_printf (_("read back %s"),
                                                 read_back != NULL ? read_back : "");

        *message = g_strdup_printf (_("%s: %s"), cli, what);
        return STEP_FAILED;
      }
    case KDCC_OPERATION_OUTCOME_FAILED:
    default:
      {
        const GError *error = kdcc_operation_result_get_error (result);

        if (g_cancellable_is_cancelled (cancellable))
          return STEP_CANCELLED;
        *message = g_strdup_printf (_("%s failed: %s"), cli,
                                    error != NULL ? error->message : _("not applied"));
        return STEP_FAILED;
      }
    }
}

/* "ceph fs set NAME VAR VALUE", the only commands the planner prepares
 * with, as the mon command. */
static StepOutcome
prepare (KdccUpgradeRun      *self,
         const KdccUpgradeStep *step,
         GCancellable        *cancellable,
         char               **message)
{
  g_auto(GStrv) words = g_strsplit (step->command, " ", -1);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  if (g_strv_length (words) != 6 || !g_str_equal (words[0], "ceph") || !g_str_equal (words[1], "fs")
      || !g_str_equal (words[2], "set"))
    {
      *message = g_strdup_printf (_("KDCC cannot run “%s” itself; run it, then resume"),
                                  step->command);
      return STEP_FAILED;
    }
  command = g_strdup_printf ("{\"prefix\":\"fs set\",\"fs_name\":\"%s\",\"var\":\"%s\","
                             "\"val\":\"%s\"}", words[3], words[4], words[5]);
  out = kdcc_source_run_command_sync (self->source, "mon", command, NULL, cancellable, &error);
  _kdcc_upgrade_run_audit (self, "apply", step->description, step->command,
                           out != NULL ? "unverified" : "failed",
                           error != NULL ? error->message : NULL);
  if (out == NULL)
    {
      *message = g_strdup_printf (_("%s failed: %s"), step->command, error->message);
      return STEP_FAILED;
    }
  _kdcc_upgrade_run_progress (self, "$ %s", step->command);
  return STEP_OK;
}

/* The restart command ------------------------------------------------------------ */

typedef struct
{
  GAsyncResult *result;
  gboolean      timed_out;
} Spawned;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ((Spawned *) user_data)->result = g_object_ref (result);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  ((Spawned *) user_data)->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs COMMAND with /bin/sh, stdout and stderr together in *output,
 * within TIMEOUT_S (then killed). FALSE with *message unless it exits 0. */
static gboolean
run_shell (const char    *command,
           guint          timeout_s,
           GCancellable  *cancellable,
           char         **output,
           char         **message)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  Spawned spawned = { NULL, FALSE };

  g_autoptr(GSubprocessLauncher) launcher = NULL;

  g_main_context_push_thread_default (context);
  /* No terminal input: a command that asks (a password prompt) fails
   * instead of hanging until the time bound. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", command, NULL);
  if (process == NULL)
    {
      g_main_context_pop_thread_default (context);
      *message = g_strdup (error->message);
      return FALSE;
    }
  timeout = g_timeout_source_new_seconds (timeout_s);
  g_source_set_callback (timeout, timed_out_cb, &spawned, NULL);
  g_source_attach (timeout, context);
  g_subprocess_communicate_async (process, NULL, cancellable, communicated_cb, &spawned);
  while (spawned.result == NULL)
    {
      g_main_context_iteration (context, TRUE);
      if (spawned.timed_out || g_cancellable_is_cancelled (cancellable))
        g_subprocess_force_exit (process);
    }
  g_source_destroy (timeout);
  g_subprocess_communicate_finish (process, spawned.result, &out, NULL, &error);
  g_clear_object (&spawned.result);
  g_subprocess_wait (process, NULL, NULL);
  g_main_context_pop_thread_default (context);

  if (out != NULL)
    {
      gsize size = g_bytes_get_size (out);
      const char *data = g_bytes_get_data (out, NULL);
      gsize from = size > OUTPUT_TAIL ? size - OUTPUT_TAIL : 0;

      *output = g_utf8_make_valid (data + from, (gssize) (size - from));
      g_strstrip (*output);
    }
  if (spawned.timed_out)
    {
      /* TRANSLATORS: "the restart command did not end within 600 s" */
      *message = g_strdup_printf (_("the restart command did not end within %u s"), timeout_s);
      return FALSE;
    }
  if (error != NULL)
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      *message = g_subprocess_get_if_exited (process)
                 /* TRANSLATORS: "the restart command exited with status 1" */
                 ? g_strdup_printf (_("the restart command exited with status %d"),
                                    g_subprocess_get_exit_status (process))
                 : g_strdup (_("the restart command was killed"));
      return FALSE;
    }
  return TRUE;
}

/* One daemon ---------------------------------------------------------------------- */

static StepOutcome
daemon_step (KdccUpgradeRun         *self,
             const KdccUpgradeStep  *step,
             GCancellable           *cancellable,
             char                  **note,
             char                  **message)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", step->daemon_type, step->daemon_id);
  g_autofree char *reason = NULL;
  DaemonProbe d = { step->daemon_type, step->daemon_id, self->state->target_major, 0, NULL };
  gboolean manual = step->restart_command == NULL;
  StepOutcome outcome;

  /* Resumed after this daemon's restart: nothing more to do. */
  if (probe_back (self, &d, cancellable, &reason))
    {
      *note = g_strdup_printf (_("already on %s"), d.version);
      g_free (d.version);
      return STEP_OK;
    }
  g_clear_pointer (&d.version, g_free);

  /* The gates, where a pause may still stop before the daemon. */
  if (g_str_equal (step->daemon_type, "mon"))
    {
      outcome = _kdcc_upgrade_run_wait (self, name, "quorum", TRUE, probe_quorum, &d, cancellable);
      if (outcome != STEP_OK)
        return outcome;
      /* As Rook does: with fewer than three mons ok-to-stop always
       * refuses, and the restart is a short outage of the cluster. */
      if (d.n_mons >= 3)
        outcome = _kdcc_upgrade_run_wait (self, name, "ok-to-stop", TRUE, probe_ok_to_stop, &d,
                                          cancellable);
      else
        _kdcc_upgrade_run_progress (self,
                                    _("%s: fewer than three mons, so no ok-to-stop check; the "
                                      "cluster does not answer while it restarts"), name);
    }
  else if (g_str_equal (step->daemon_type, "osd"))
    {
      outcome = _kdcc_upgrade_run_wait (self, name, "pgs-clean", TRUE, probe_pgs_clean, &d,
                                        cancellable);
      if (outcome == STEP_OK)
        outcome = _kdcc_upgrade_run_wait (self, name, "ok-to-stop", TRUE, probe_ok_to_stop, &d,
                                          cancellable);
    }
  else
    outcome = STEP_OK;
  if (outcome != STEP_OK)
    return outcome;

  if (!manual)
    {
      g_autofree char *output = NULL;
      g_autofree char *failure = NULL;

      _kdcc_upgrade_run_progress (self, "$ %s", step->restart_command);
      if (!run_shell (step->restart_command, self->timing.restart_timeout_s, cancellable, &output,
                      &failure))
        {
          if (g_cancellable_is_cancelled (cancellable))
            return STEP_CANCELLED;
          _kdcc_upgrade_run_audit (self, "upgrade-restart", name, step->restart_command, "failed",
                                   output != NULL && *output != '\0' ? output : failure);
          /* TRANSLATORS: "Restarting osd.0 failed: the restart command exited with status 1. Output: …" */
          *message = g_strdup_printf (_("Restarting %s failed: %s. Output: %s"), name, failure,
                                      output != NULL && *output != '\0' ? output : _("none"));
          return STEP_FAILED;
        }
      _kdcc_upgrade_run_audit (self, "upgrade-restart", name, step->restart_command, "done",
                               output != NULL && *output != '\0' ? output : NULL);
    }
  else
    /* TRANSLATORS: "Restart osd.0 on reef now (host node1); KDCC waits until it is back" */
    _kdcc_upgrade_run_progress (self, _("Restart %s on %s now (host %s); KDCC waits until it is "
                                        "back"), name, self->state->target_release,
                                step->host != NULL ? step->host : _("unknown"));

  /* Back on the new release. In manual mode nothing was touched yet
   * until the admin restarts it, so a pause may still stop here. */
  outcome = _kdcc_upgrade_run_wait (self, name, "back", manual, probe_back, &d, cancellable);
  if (outcome == STEP_OK)
    {
      g_autofree char *change = g_strdup_printf ("%s %s", name, d.version);

      _kdcc_upgrade_run_audit (self, "upgrade-daemon", change, step->command, "verified", NULL);
      /* TRANSLATORS: "osd.0 is back on 18.2.7" */
      _kdcc_upgrade_run_progress (self, _("%s is back on %s"), name, d.version);
      *note = g_steal_pointer (&d.version);
    }
  g_free (d.version);
  return outcome;
}

StepOutcome
_kdcc_upgrade_run_step (KdccUpgradeRun  *self,
                        guint            index,
                        GCancellable    *cancellable,
                        char           **note,
                        char           **message)
{
  KdccUpgradeStepRecord *record = g_ptr_array_index (self->state->steps, index);
  const KdccUpgradeStep *step = record->step;

  switch (step->kind)
    {
    case KDCC_UPGRADE_STEP_SET_FLAG:
      if (kdcc_upgrade_step_is_noautoscale (step))
        return _kdcc_upgrade_run_set_noautoscale (self, cancellable, note, message);
      return set_noout (self, cancellable, note, message);

    case KDCC_UPGRADE_STEP_UNSET_FLAG:
      if (kdcc_upgrade_step_is_noautoscale (step))
        return _kdcc_upgrade_run_unset_noautoscale (self, cancellable, note, message)
               ? STEP_OK : STEP_FAILED;
      if (self->state->noout_was_set)
        {
          *note = g_strdup (_("noout was set before the upgrade: left set"));
          return STEP_OK;
        }
      return _kdcc_upgrade_run_unset_noout (self, cancellable, message) ? STEP_OK : STEP_FAILED;

    case KDCC_UPGRADE_STEP_REQUIRE_RELEASE:
      return require_release (self, cancellable, note, message);

    case KDCC_UPGRADE_STEP_PREPARE:
      return prepare (self, step, cancellable, message);

    case KDCC_UPGRADE_STEP_GATE:
      if (g_str_has_prefix (step->command, "ceph mon dump"))
        return _kdcc_upgrade_run_wait (self, NULL, "min-mon-release", TRUE, probe_min_mon_release,
                                       NULL, cancellable);
      if (g_str_has_prefix (step->command, "ceph pg stat"))
        return _kdcc_upgrade_run_wait (self, NULL, "pgs-clean", TRUE, probe_pgs_clean, NULL,
                                       cancellable);
      /* The host's ok-to-stop: KDCC restarts one OSD at a time and asks
       * ok-to-stop for each one just before it. */
      *note = g_strdup (_("asked for each OSD just before its restart"));
      return STEP_OK;

    case KDCC_UPGRADE_STEP_DAEMON:
      return daemon_step (self, step, cancellable, note, message);

    case KDCC_UPGRADE_STEP_ORCH_UPGRADE:
      return _kdcc_upgrade_run_orch_step (self, step, cancellable, note, message);

    default:
      *message = g_strdup (_("a step of an unknown kind"));
      return STEP_FAILED;
    }
}
