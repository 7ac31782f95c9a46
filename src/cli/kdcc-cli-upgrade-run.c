/* kdcc-cli-upgrade-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli upgrade start|resume` run the roll in the foreground and print
 * each step, gate and wait as it happens; `status`, `pause` and `abort`
 * work from another process on the state the running one saves (see
 * kdcc-upgrade-state.h), so a roll started in one terminal is watched,
 * paused and resumed from another, or after a reboot of the admin's
 * machine.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "kdcc-audit-log.h"
#include "kdcc-cli-upgrade-run.h"
#include "kdcc-cluster.h"
#include "kdcc-error.h"

#define EXIT_FAILED 1

static int
fail_message (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
  return EXIT_FAILED;
}

static const char *
fsid_of (KdccSession *session)
{
  return kdcc_cluster_get_fsid (kdcc_session_get_cluster (session));
}

/* The saved state of the session's cluster; NULL with a message printed
 * (and *status set) when there is none or it cannot be read. */
static KdccUpgradeState *
load_state (KdccSession *session,
            int         *status)
{
  g_autofree char *path = kdcc_upgrade_state_path (fsid_of (session));
  g_autoptr(GError) error = NULL;
  KdccUpgradeState *state = kdcc_upgrade_state_load (path, &error);

  if (state == NULL)
    *status = fail_message (error != NULL ? error->message
                                          : _("No upgrade was started on this cluster"));
  return state;
}

gboolean
kdcc_cli_upgrade_check_none (KdccSession  *session,
                             GError      **error)
{
  g_autofree char *path = kdcc_upgrade_state_path (fsid_of (session));
  g_autoptr(KdccUpgradeState) state = kdcc_upgrade_state_load (path, NULL);

  if (state == NULL || state->state == KDCC_UPGRADE_RUN_DONE
      || state->state == KDCC_UPGRADE_RUN_ABORTED)
    return TRUE;
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
               /* TRANSLATORS: "An upgrade to reef is already paused on this cluster: …" */
               _("An upgrade to %s is already %s on this cluster: “kdcc-cli upgrade resume” "
                 "continues it, “kdcc-cli upgrade abort” gives it up"),
               state->target_release, kdcc_upgrade_run_state_to_string (state->state));
  return FALSE;
}

/* Running in the foreground ---------------------------------------------------- */

typedef struct
{
  GMainLoop           *loop;
  GCancellable        *cancellable;
  KdccUpgradeRunState  state;
  GError              *error;
} Foreground;

static void
progress_cb (KdccUpgradeRun *run,
             const char     *line,
             gpointer        user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");

  g_print ("[%s] %s\n", time, line);
  fflush (stdout);
}

static void
executed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Foreground *fg = user_data;

  fg->state = kdcc_upgrade_run_execute_finish (KDCC_UPGRADE_RUN (object), result, &fg->error);
  g_main_loop_quit (fg->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Foreground *fg = user_data;

  /* Ctrl+C stops like a pause, but at once: the state says where. */
  g_cancellable_cancel (fg->cancellable);
  return G_SOURCE_CONTINUE;
}

static int
run_foreground (KdccSession             *session,
                KdccUpgradeState        *state,
                const KdccUpgradeTiming *timing)
{
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (state->fsid, NULL);
  g_autoptr(KdccUpgradeRun) run = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KdccUpgradeState) final = NULL;
  Foreground fg = { loop, cancellable, KDCC_UPGRADE_RUN_FAILED, NULL };
  guint sigint, sigterm;

  /* The gates are mon and mgr commands, which only librados runs. */
  if (!kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS
                                               | KDCC_CAPABILITY_MGR_COMMANDS))
    {
      kdcc_upgrade_state_free (state);
      return fail_message (_("Running an upgrade needs a direct (librados) connection: its "
                             "gates are mon and mgr commands"));
    }
  /* A request left by an earlier process is not for this run. */
  g_free (kdcc_upgrade_control_take (state->fsid, TRUE));
  run = kdcc_upgrade_run_new (kdcc_session_get_source (session), audit, state);
  kdcc_upgrade_run_set_timing (run, timing);
  g_signal_connect (run, "progress", G_CALLBACK (progress_cb), NULL);
  sigint = g_unix_signal_add (SIGINT, interrupted_cb, &fg);
  sigterm = g_unix_signal_add (SIGTERM, interrupted_cb, &fg);
  kdcc_upgrade_run_execute_async (run, cancellable, executed_cb, &fg);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  /* The last progress lines were queued before the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  final = kdcc_upgrade_run_dup_state (run);
  if (fg.error != NULL)
    {
      int status = fail_message (fg.error->message);

      g_clear_error (&fg.error);
      return status;
    }
  switch (fg.state)
    {
    case KDCC_UPGRADE_RUN_DONE:
      return EXIT_SUCCESS;
    case KDCC_UPGRADE_RUN_PAUSED:
      return KDCC_CLI_EXIT_PAUSED;
    case KDCC_UPGRADE_RUN_ABORTED:
    case KDCC_UPGRADE_RUN_FAILED:
    case KDCC_UPGRADE_RUN_IDLE:
    case KDCC_UPGRADE_RUN_RUNNING:
    default:
      return fail_message (final->message != NULL ? final->message : _("The upgrade stopped"));
    }
}

int
kdcc_cli_upgrade_start (KdccSession             *session,
                        KdccUpgradePlan         *plan_,
                        const char              *restart_template,
                        const KdccUpgradeTiming *timing)
{
  g_autoptr(KdccUpgradePlan) plan = plan_;
  KdccCephVersion target;
  KdccUpgradeState *state;

  if (plan == NULL || !kdcc_ceph_version_parse (plan->target_version, &target))
    return fail_message (_("The plan names no target version"));
  if (restart_template == NULL && plan->steps->len > 0
      && ((KdccUpgradeStep *) g_ptr_array_index (plan->steps, 0))->kind
         != KDCC_UPGRADE_STEP_ORCH_UPGRADE)
    g_print ("%s\n", _("No --restart-command: KDCC says which daemon to restart next and waits "
                       "until it is back on the new release."));
  state = kdcc_upgrade_state_new_from_plan (fsid_of (session), plan, target.major,
                                            restart_template);
  return run_foreground (session, state, timing);
}

int
kdcc_cli_upgrade_resume (KdccSession             *session,
                         const KdccUpgradeTiming *timing)
{
  int status = EXIT_FAILED;
  g_autoptr(KdccUpgradeState) state = load_state (session, &status);

  if (state == NULL)
    return status;
  if (state->state == KDCC_UPGRADE_RUN_DONE || state->state == KDCC_UPGRADE_RUN_ABORTED)
    {
      g_autofree char *message = g_strdup_printf (_("The upgrade to %s is %s: nothing to resume"),
                                                  state->target_release,
                                                  kdcc_upgrade_run_state_to_string (state->state));
      return fail_message (message);
    }
  if (state->state == KDCC_UPGRADE_RUN_RUNNING && kdcc_upgrade_state_driver_alive (state))
    {
      g_autofree char *message = g_strdup_printf (_("Process %" G_GINT64_FORMAT " runs this "
                                                    "upgrade; pause it first"), state->pid);
      return fail_message (message);
    }
  return run_foreground (session, g_steal_pointer (&state), timing);
}

/* From another process ------------------------------------------------------------ */

int
kdcc_cli_upgrade_pause (KdccSession *session)
{
  int status = EXIT_FAILED;
  g_autoptr(KdccUpgradeState) state = load_state (session, &status);
  g_autoptr(GError) error = NULL;

  if (state == NULL)
    return status;
  if (state->state != KDCC_UPGRADE_RUN_RUNNING || !kdcc_upgrade_state_driver_alive (state))
    {
      g_autofree char *message = g_strdup_printf (_("No process runs the upgrade to %s (it is "
                                                    "%s)"), state->target_release,
                                                  kdcc_upgrade_run_state_to_string (state->state));
      return fail_message (message);
    }
  if (!kdcc_upgrade_control_request (state->fsid, "pause", &error))
    return fail_message (error->message);
  g_print ("%s\n", _("Pause requested: the upgrade stops before the next daemon."));
  return EXIT_SUCCESS;
}

int
kdcc_cli_upgrade_abort (KdccSession             *session,
                        const KdccUpgradeTiming *timing)
{
  int status = EXIT_FAILED;
  g_autoptr(KdccUpgradeState) state = load_state (session, &status);
  g_autoptr(KdccUpgradeRun) run = NULL;
  g_autoptr(KdccAuditLog) audit = NULL;
  g_autoptr(KdccUpgradeState) final = NULL;
  g_autoptr(GError) error = NULL;

  if (state == NULL)
    return status;
  if (state->state == KDCC_UPGRADE_RUN_DONE || state->state == KDCC_UPGRADE_RUN_ABORTED)
    {
      g_autofree char *message = g_strdup_printf (_("The upgrade to %s is %s: nothing to abort"),
                                                  state->target_release,
                                                  kdcc_upgrade_run_state_to_string (state->state));
      return fail_message (message);
    }
  if (state->state == KDCC_UPGRADE_RUN_RUNNING && kdcc_upgrade_state_driver_alive (state))
    {
      if (!kdcc_upgrade_control_request (state->fsid, "abort", &error))
        return fail_message (error->message);
      g_print ("%s\n", _("Abort requested: the running upgrade stops before the next daemon "
                         "and says what can go back."));
      return EXIT_SUCCESS;
    }
  audit = kdcc_audit_log_new (state->fsid, NULL);
  run = kdcc_upgrade_run_new (kdcc_session_get_source (session), audit,
                              kdcc_upgrade_state_copy (state));
  kdcc_upgrade_run_set_timing (run, timing);
  if (!kdcc_upgrade_run_abort_sync (run, NULL, &error))
    return fail_message (error->message);
  final = kdcc_upgrade_run_dup_state (run);
  g_print (_("Upgrade aborted. %s\n"), final->message);
  return EXIT_SUCCESS;
}

/* Status ---------------------------------------------------------------------------- */

static char *
clock_time (gint64 us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);

  return t != NULL ? g_date_time_format (t, "%H:%M:%S") : g_strdup ("?");
}

static void
print_status_text (const KdccUpgradeState *state,
                   gboolean                alive,
                   gboolean                pause_requested)
{
  g_autofree char *since = clock_time (state->started);
  guint n = state->steps->len;

  /* TRANSLATORS: "Upgrade pacific → reef, started 02:40:11: running" */
  g_print (_("Upgrade %s → %s, started %s: %s"), state->running_release, state->target_release,
           since, kdcc_upgrade_run_state_to_string (state->state));
  if (state->state == KDCC_UPGRADE_RUN_RUNNING)
    g_print (alive ? _(" (process %" G_GINT64_FORMAT ")")
                   : _(" (process %" G_GINT64_FORMAT " is gone: resume continues)"), state->pid);
  g_print ("\n");
  g_print ("%s\n", state->restart_template != NULL ? state->restart_template
                                                   : _("Manual mode: you restart each daemon"));
  if (pause_requested)
    g_print ("%s\n", _("A pause is requested."));
  if (state->next_step < n)
    {
      const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, state->next_step);

      /* TRANSLATORS: "Next: step 7 of 13, Restart osd.0 on 18.2.8" */
      g_print (_("Next: step %u of %u, %s\n"), state->next_step + 1, n, r->step->description);
    }
  if (state->wait_since != 0)
    /* TRANSLATORS: "Waiting 12 s: osd.0, gate ok-to-stop: ok-to-stop refused: …" */
    g_print (_("Waiting %.0f s: %s, gate %s: %s\n"),
             (g_get_real_time () - state->wait_since) / 1e6,
             state->wait_daemon != NULL ? state->wait_daemon : _("cluster"),
             state->wait_gate, state->wait_reason != NULL ? state->wait_reason : "");
  if (state->message != NULL)
    g_print ("%s\n", state->message);
  for (guint i = 0; i < n; i++)
    {
      const KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);
      g_autofree char *at = r->finished != 0 ? clock_time (r->finished) : g_strdup ("");
      const char *mark = r->state == KDCC_UPGRADE_STEP_DONE ? "✓"
                         : r->state == KDCC_UPGRADE_STEP_ACTIVE ? "→" : " ";

      g_print ("%s %3u. %-40s %s %s\n", mark, i + 1, r->step->description, at,
               r->note != NULL ? r->note : "");
    }
}

int
kdcc_cli_upgrade_status (KdccSession *session,
                         gboolean     json)
{
  g_autofree char *path = kdcc_upgrade_state_path (fsid_of (session));
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccUpgradeState) state = kdcc_upgrade_state_load (path, &error);
  g_autofree char *request = NULL;
  gboolean alive;

  if (state == NULL && error != NULL)
    return fail_message (error->message);
  if (state == NULL)
    {
      if (json)
        g_print ("{\n  \"state\" : \"none\"\n}\n");
      else
        g_print ("%s\n", _("No upgrade was started on this cluster."));
      return EXIT_SUCCESS;
    }
  alive = kdcc_upgrade_state_driver_alive (state);
  request = kdcc_upgrade_control_take (state->fsid, FALSE);
  if (json)
    {
      g_autofree char *text = kdcc_upgrade_state_to_json (state);
      g_autoptr(JsonNode) root = json_from_string (text, NULL);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *out = NULL;
      JsonObject *o = json_node_get_object (root);

      /* What only a reader can say: whether the driver lives, how long
       * the wait lasts, and a request not yet taken. */
      json_object_set_boolean_member (o, "driver_alive", alive);
      json_object_set_int_member (o, "wait_seconds", state->wait_since != 0
                                  ? (g_get_real_time () - state->wait_since) / G_USEC_PER_SEC : 0);
      json_object_set_string_member (o, "requested", request != NULL ? request : "");
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      out = json_generator_to_data (generator, NULL);
      g_print ("%s\n", out);
    }
  else
    print_status_text (state, alive, g_strcmp0 (request, "pause") == 0);
  return EXIT_SUCCESS;
}
