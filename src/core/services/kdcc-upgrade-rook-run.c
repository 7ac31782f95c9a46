/* kdcc-upgrade-rook-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Executes a Rook upgrade plan through the Kubernetes API and watches it by
 * listing the daemons' Deployments (kdcc-upgrade-rook.h).
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "kdcc-error.h"
#include "kdcc-kube-watch.h"
#include "kdcc-upgrade-rook.h"

#define CONNECTION "kubernetes"

typedef struct
{
  KdccKubeClient          *client;
  const char              *namespace;
  KdccUpgradeState        *state;
  KdccAuditLog            *audit;
  KdccUpgradeTiming        timing;
  KdccRookProgressFunc     progress;
  gpointer                 user_data;
  GCancellable            *cancellable;
  char                    *path;
  GHashTable              *seen;        /* deployment → what was last said about it */
  gboolean                 stall_said;
  /* A watch of the daemons' Deployments on this thread's own context
   * wakes the wait as soon as a label or a status moves; the list every
   * poll_ms stays as the fallback when the watch fails. */
  GMainContext            *context;
  KdccKubeWatch           *watch;
  gboolean                 changed;
} Run;

typedef enum
{
  POLL_DONE,
  POLL_WAIT,
  POLL_FAILED,
} Poll;

static void
say (Run        *run,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (Run        *run,
     const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list ap;

  va_start (ap, format);
  line = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_debug ("%s", line);
  if (run->progress != NULL)
    run->progress (line, run->user_data);
}

static void
save (Run *run)
{
  g_autoptr(GError) error = NULL;

  run->state->updated = g_get_real_time ();
  if (!kdcc_upgrade_state_save (run->state, run->path, &error))
    g_warning ("Could not save the upgrade state: %s", error->message);
}

static void
audit (Run        *run,
       const char *action,
       const char *change,
       const char *cli,
       const char *result,
       const char *message)
{
  g_autoptr(GError) error = NULL;

  if (run->audit != NULL
      && !kdcc_audit_log_append_event (run->audit, CONNECTION, action, change, cli, result,
                                       message, &error))
    g_warning ("Could not write the audit log: %s", error->message);
}

/* The end of every patch KDCC sends: into the audit log either way, then
 * said on success or handed up on failure. */
static gboolean
patched (Run         *run,
         const char  *action,
         const char  *change,
         const char  *cli,
         JsonObject  *answer,
         GError     **local,
         GError     **error)
{
  audit (run, action, change, cli, answer != NULL ? "done" : "failed",
         *local != NULL ? (*local)->message : NULL);
  if (answer == NULL)
    {
      g_propagate_error (error, g_steal_pointer (local));
      return FALSE;
    }
  say (run, "%s", change);
  return TRUE;
}

static void
clear_wait (KdccUpgradeState *state)
{
  g_clear_pointer (&state->wait_daemon, g_free);
  g_clear_pointer (&state->wait_gate, g_free);
  g_clear_pointer (&state->wait_reason, g_free);
  state->wait_since = 0;
}

/* Scales the operator (Rook's way to stop and restart reconciling). */
static gboolean
scale_operator (Run                 *run,
                const KdccRookFacts *facts,
                gint64               replicas,
                const char          *action,
                GError             **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *cli = g_strdup_printf ("kubectl --namespace %s scale deploy/%s "
                                          "--replicas=%" G_GINT64_FORMAT,
                                          facts->cluster->operator_namespace,
                                          facts->operator_deployment, replicas);
  g_autofree char *change = g_strdup_printf (_("Rook operator %s scaled to %" G_GINT64_FORMAT),
                                             facts->operator_deployment, replicas);
  g_autoptr(GError) local = NULL;

  json_object_set_int_member (spec, "replicas", replicas);
  json_object_set_object_member (patch, "spec", json_object_ref (spec));
  answer = kdcc_kube_client_merge_patch (run->client, &kdcc_kube_deployments,
                                         facts->cluster->operator_namespace,
                                         facts->operator_deployment, patch, NULL, &local);
  return patched (run, action, change, cli, answer, &local, error);
}

static gboolean
patch_operator_image (Run                   *run,
                      const KdccRookFacts   *facts,
                      const KdccUpgradeStep *step,
                      GError               **error)
{
  g_autoptr(JsonArray) ops = json_array_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *change = NULL;
  JsonObject *test = json_object_new ();
  JsonObject *replace = json_object_new ();

  /* The test makes the patch fail rather than change another container
   * should the first one not be the operator. */
  json_object_set_string_member (test, "op", "test");
  json_object_set_string_member (test, "path", "/spec/template/spec/containers/0/name");
  json_object_set_string_member (test, "value", facts->operator_container);
  json_object_set_string_member (replace, "op", "replace");
  json_object_set_string_member (replace, "path", "/spec/template/spec/containers/0/image");
  json_object_set_string_member (replace, "value", step->target);
  json_array_add_object_element (ops, test);
  json_array_add_object_element (ops, replace);
  answer = kdcc_kube_client_json_patch (run->client, &kdcc_kube_deployments,
                                        facts->cluster->operator_namespace,
                                        facts->operator_deployment, ops, run->cancellable,
                                        &local);
  change = g_strdup_printf (_("Rook operator image %s → %s"), facts->cluster->operator_image,
                            step->target);
  return patched (run, "upgrade-rook-operator", change, step->command, answer, &local, error);
}

static gboolean
patch_ceph_image (Run                   *run,
                  const KdccRookFacts   *facts,
                  const KdccUpgradeStep *step,
                  GError               **error)
{
  g_autoptr(JsonObject) patch = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *change = NULL;
  JsonObject *spec = json_object_new ();
  JsonObject *version = json_object_new ();

  json_object_set_string_member (version, "image", step->target);
  json_object_set_object_member (spec, "cephVersion", version);
  json_object_set_object_member (patch, "spec", spec);
  answer = kdcc_kube_client_merge_patch (run->client, &kdcc_kube_cephclusters,
                                         facts->cluster->namespace, facts->cluster->name, patch,
                                         run->cancellable, &local);
  change = g_strdup_printf (_("CephCluster %s image %s → %s"), facts->cluster->name,
                            facts->cluster->image, step->target);
  return patched (run, "upgrade-rook-ceph", change, step->command, answer, &local, error);
}

/* One line per daemon whose labels or readiness changed since last time. */
static void
report_daemons (Run                 *run,
                const KdccRookFacts *facts)
{
  for (guint i = 0; i < facts->daemons->len; i++)
    {
      KdccRookDaemon *d = g_ptr_array_index (facts->daemons, i);
      g_autofree char *now = g_strdup_printf ("%s|%s|%d", d->rook_version ? d->rook_version : "",
                                              d->ceph_version ? d->ceph_version : "", d->ready);
      const char *before = g_hash_table_lookup (run->seen, d->deployment);

      if (g_strcmp0 (before, now) == 0)
        continue;
      if (before != NULL)
        say (run, _("%s.%s (%s): rook-version %s, ceph-version %s, %s"), d->type, d->id,
             d->deployment, d->rook_version ? d->rook_version : "-",
             d->ceph_version ? d->ceph_version : "-", d->ready ? _("ready") : _("not ready"));
      g_hash_table_replace (run->seen, g_strdup (d->deployment), g_steal_pointer (&now));
    }
}

static gboolean
same_ceph (const char *label,
           const char *image)
{
  g_autofree char *tag = kdcc_rook_image_tag (image);
  KdccCephVersion a, b;

  return kdcc_ceph_version_parse (label, &a) && tag != NULL && kdcc_ceph_version_parse (tag, &b)
         && kdcc_ceph_version_compare (&a, &b) == 0;
}

static void
set_wait (char       **daemon,
          char       **gate,
          char       **reason,
          const char  *d,
          const char  *g,
          char        *r)
{
  *daemon = g_strdup (d);
  *gate = g_strdup (g);
  *reason = r;
}

static Poll
poll_operator (const KdccRookFacts   *facts,
               const KdccUpgradeStep *step,
               char                 **daemon,
               char                 **gate,
               char                 **reason)
{
  g_autofree char *tag = kdcc_rook_image_tag (step->target);

  /* The tag, not the whole image: a Helm chart may name another registry. */
  if (g_strcmp0 (facts->cluster->operator_version, tag) != 0 || !facts->operator_ready)
    {
      set_wait (daemon, gate, reason, facts->operator_deployment, "operator-rollout",
                g_strdup_printf (_("deployment %s: image %s, %s"), facts->operator_deployment,
                                 facts->cluster->operator_image,
                                 facts->operator_ready ? _("ready") : _("new pod not ready")));
      return POLL_WAIT;
    }
  for (guint i = 0; i < facts->daemons->len; i++)
    {
      KdccRookDaemon *d = g_ptr_array_index (facts->daemons, i);
      g_autofree char *name = g_strdup_printf ("%s.%s", d->type, d->id);

      if (g_strcmp0 (d->rook_version, tag) != 0)
        {
          set_wait (daemon, gate, reason, name, "label-not-moved",
                    g_strdup_printf (_("deployment %s: rook-version label still %s"),
                                     d->deployment, d->rook_version ? d->rook_version : "-"));
          return POLL_WAIT;
        }
      if (!d->ready)
        {
          set_wait (daemon, gate, reason, name, "pod-not-ready",
                    g_strdup_printf (_("deployment %s: pod not ready (%" G_GINT64_FORMAT " of %"
                                       G_GINT64_FORMAT " replicas ready)"), d->deployment,
                                     d->ready_replicas, d->replicas));
          return POLL_WAIT;
        }
    }
  return POLL_DONE;
}

static Poll
poll_ceph (const KdccRookFacts   *facts,
           const KdccUpgradeStep *step,
           char                 **daemon,
           char                 **gate,
           char                 **reason,
           char                 **message)
{
  const KdccRookCluster *c = facts->cluster;

  if (g_strcmp0 (c->phase, "Failure") == 0)
    {
      g_autoptr(GString) why = g_string_new (NULL);

      for (guint i = 0; i < c->conditions->len; i++)
        {
          const KdccRookCondition *cond = g_ptr_array_index (c->conditions, i);

          if (g_strcmp0 (cond->status, "True") == 0 && cond->message != NULL)
            g_string_append_printf (why, "%s%s: %s", why->len ? "; " : "", cond->type,
                                    cond->message);
        }
      *message = g_strdup_printf (_("CephCluster %s/%s is in phase Failure: %s"), c->namespace,
                                  c->name, why->len ? why->str : (c->message ? c->message : ""));
      return POLL_FAILED;
    }
  for (guint i = 0; i < facts->daemons->len; i++)
    {
      KdccRookDaemon *d = g_ptr_array_index (facts->daemons, i);
      g_autofree char *name = g_strdup_printf ("%s.%s", d->type, d->id);

      if (!same_ceph (d->ceph_version, step->target))
        {
          set_wait (daemon, gate, reason, name, "label-not-moved",
                    g_strdup_printf (_("deployment %s: ceph-version label still %s"),
                                     d->deployment, d->ceph_version ? d->ceph_version : "-"));
          return POLL_WAIT;
        }
      if (!d->ready)
        {
          set_wait (daemon, gate, reason, name, "pod-not-ready",
                    g_strdup_printf (_("deployment %s: pod not ready (%" G_GINT64_FORMAT " of %"
                                       G_GINT64_FORMAT " replicas ready)"), d->deployment,
                                     d->ready_replicas, d->replicas));
          return POLL_WAIT;
        }
    }
  if (g_strcmp0 (c->phase, "Ready") != 0 || !same_ceph (c->ceph_version, step->target))
    {
      set_wait (daemon, gate, reason, c->name, "cluster-not-ready",
                g_strdup_printf (_("CephCluster %s: phase %s, version %s"), c->name,
                                 c->phase ? c->phase : "-",
                                 c->ceph_version ? c->ceph_version : "-"));
      return POLL_WAIT;
    }
  return POLL_DONE;
}

/* Pause: during the Ceph roll the operator stops too. */
static KdccUpgradeRunState
pause_run (Run                 *run,
           const KdccRookFacts *facts,
           gboolean             in_ceph_roll)
{
  g_autoptr(GError) error = NULL;

  if (in_ceph_roll && facts != NULL && facts->operator_replicas > 0
      && !scale_operator (run, facts, 0, "upgrade-pause", &error))
    say (run, _("Could not scale the operator down: %s"), error->message);
  g_free (run->state->message);
  run->state->message = g_strdup (in_ceph_roll
                                  ? _("Paused: the Rook operator is scaled to 0, so no other "
                                      "daemon is restarted; resume scales it back to 1.")
                                  : _("Paused before the next step."));
  run->state->state = KDCC_UPGRADE_RUN_PAUSED;
  run->state->pid = 0;
  audit (run, "upgrade-pause", _("Rook upgrade paused"), NULL, "done", run->state->message);
  save (run);
  say (run, "%s", run->state->message);
  return KDCC_UPGRADE_RUN_PAUSED;
}

static KdccUpgradeRunState
abort_run (Run                 *run,
           const KdccRookFacts *facts)
{
  g_autoptr(GError) error = NULL;

  if (facts != NULL && facts->operator_replicas == 0
      && !scale_operator (run, facts, 1, "upgrade-abort", &error))
    say (run, _("Could not scale the operator up: %s"), error->message);
  g_free (run->state->message);
  run->state->message = kdcc_rook_upgrade_way_back (run->state);
  run->state->state = KDCC_UPGRADE_RUN_ABORTED;
  run->state->pid = 0;
  clear_wait (run->state);
  audit (run, "upgrade-abort", _("Rook upgrade aborted"), NULL, "done", run->state->message);
  save (run);
  say (run, "%s", run->state->message);
  return KDCC_UPGRADE_RUN_ABORTED;
}

static KdccUpgradeRunState
fail_run (Run        *run,
          const char *message)
{
  g_free (run->state->message);
  run->state->message = g_strdup (message);
  run->state->state = KDCC_UPGRADE_RUN_FAILED;
  run->state->pid = 0;
  audit (run, "upgrade-failed", _("Rook upgrade failed"), NULL, "failed", message);
  save (run);
  say (run, "%s", message);
  return KDCC_UPGRADE_RUN_FAILED;
}

static gboolean
is_manual (const KdccRookFacts   *facts,
           const KdccUpgradeStep *step)
{
  return step->kind == KDCC_UPGRADE_STEP_ROOK_MANIFESTS || facts->helm_release != NULL;
}

static void
watch_changed_cb (Run *run)
{
  run->changed = TRUE;
}

static void
watch_failed_cb (KdccKubeWatch *watch,
                 GError        *error,
                 Run           *run)
{
  g_debug ("The watch of the deployments ended (%s): listing every %u ms", error->message,
           run->timing.poll_ms);
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  Run *run = user_data;

  run->changed = TRUE;
  return G_SOURCE_REMOVE;
}

static void
watch_start (Run *run)
{
  g_autofree char *selector = g_strdup_printf ("rook_cluster=%s", run->namespace
                                               ? run->namespace
                                               : kdcc_kube_client_get_namespace (run->client));

  /* The context is the thread's default only around the watch's own
   * calls: the client's blocking requests share its libsoup session with
   * other threads (the GUI reads meanwhile) and must not bind connections
   * to a context only this thread iterates. */
  run->context = g_main_context_new ();
  g_main_context_push_thread_default (run->context);
  run->watch = kdcc_kube_watch_new (run->client, &kdcc_kube_deployments, run->namespace
                                    ? run->namespace
                                    : kdcc_kube_client_get_namespace (run->client), selector);
  g_signal_connect_swapped (run->watch, "listed", G_CALLBACK (watch_changed_cb), run);
  g_signal_connect_swapped (run->watch, "event", G_CALLBACK (watch_changed_cb), run);
  g_signal_connect (run->watch, "failed", G_CALLBACK (watch_failed_cb), run);
  kdcc_kube_watch_start (run->watch);
  g_main_context_pop_thread_default (run->context);
}

static void
watch_stop (Run *run)
{
  g_main_context_push_thread_default (run->context);
  kdcc_kube_watch_stop (run->watch);
  g_clear_object (&run->watch);
  /* Let the stopped list and stream finish their callbacks here. */
  while (g_main_context_iteration (run->context, FALSE))
    ;
  g_main_context_pop_thread_default (run->context);
  g_clear_pointer (&run->context, g_main_context_unref);
}

/* Until the watch saw a change or poll_ms passed (or cancelled). */
static void
wait_for_change (Run *run)
{
  g_autoptr(GSource) timeout = g_timeout_source_new (run->timing.poll_ms);

  run->changed = FALSE;
  g_source_set_callback (timeout, wait_timeout_cb, run, NULL);
  g_source_attach (timeout, run->context);
  g_main_context_push_thread_default (run->context);
  while (!run->changed && !g_cancellable_is_cancelled (run->cancellable))
    g_main_context_iteration (run->context, TRUE);
  g_main_context_pop_thread_default (run->context);
  g_source_destroy (timeout);
}

/* One step: its action, then the watch until it is done. Returns RUNNING
 * when the step is done, else the state the run stops in. */
static KdccUpgradeRunState
run_step (Run                   *run,
          KdccUpgradeStepRecord *record,
          gboolean              *manual_done,
          GError               **error)
{
  const KdccUpgradeStep *step = record->step;
  gboolean ceph = step->kind == KDCC_UPGRADE_STEP_ROOK_CEPH;
  gboolean acted = record->state == KDCC_UPGRADE_STEP_ACTIVE;

  while (TRUE)
    {
      g_autoptr(KdccRookFacts) facts = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *request = NULL;
      g_autofree char *daemon = NULL;
      g_autofree char *gate = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *message = NULL;
      gint64 now;
      Poll poll;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return KDCC_UPGRADE_RUN_PAUSED;
      facts = kdcc_rook_facts_read (run->client, run->namespace, run->cancellable, &local);
      if (facts == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return KDCC_UPGRADE_RUN_PAUSED;
        }
      request = kdcc_upgrade_control_take (run->state->fsid, TRUE);
      if (g_strcmp0 (request, "abort") == 0)
        return abort_run (run, facts);
      if (g_strcmp0 (request, "pause") == 0)
        return pause_run (run, facts, ceph && acted);

      if (facts == NULL)
        set_wait (&daemon, &gate, &reason, NULL, "api", g_strdup (local->message));
      else if (!acted)
        {
          record->state = KDCC_UPGRADE_STEP_ACTIVE;
          record->started = g_get_real_time ();
          if (is_manual (facts, step) && !*manual_done)
            {
              g_free (run->state->message);
              run->state->message = g_strdup_printf (_("KDCC cannot do this step through the "
                                                       "Kubernetes API. Run: %s — then resume "
                                                       "with --manual-done."), step->command);
              run->state->state = KDCC_UPGRADE_RUN_PAUSED;
              run->state->pid = 0;
              record->state = KDCC_UPGRADE_STEP_PENDING;
              record->started = 0;
              audit (run, "upgrade-pause", step->description, step->command, "done",
                     run->state->message);
              save (run);
              say (run, "%s", run->state->message);
              return KDCC_UPGRADE_RUN_PAUSED;
            }
          if (is_manual (facts, step))
            {
              *manual_done = FALSE;   /* confirms one step only */
              audit (run, "upgrade-manual-step", step->description, step->command, "done",
                     _("run by the admin (confirmed with --manual-done)"));
            }
          else if (step->kind == KDCC_UPGRADE_STEP_ROOK_OPERATOR
                   && g_strcmp0 (facts->cluster->operator_image, step->target) != 0
                   && !patch_operator_image (run, facts, step, &local))
            return fail_run (run, local->message);
          else if (ceph && g_strcmp0 (facts->cluster->image, step->target) != 0
                   && !patch_ceph_image (run, facts, step, &local))
            return fail_run (run, local->message);
          acted = TRUE;
          save (run);
          if (step->kind == KDCC_UPGRADE_STEP_ROOK_MANIFESTS)
            {
              record->note = g_strdup (_("applied by the admin"));
              return KDCC_UPGRADE_RUN_RUNNING;
            }
          continue;   /* watch from fresh facts */
        }

      if (facts != NULL)
        {
          report_daemons (run, facts);
          if (ceph && facts->operator_replicas == 0)
            {
              /* Resumed after a pause: the operator goes on. */
              if (!scale_operator (run, facts, 1, "upgrade-resume", &local))
                return fail_run (run, local->message);
              continue;
            }
          poll = ceph ? poll_ceph (facts, step, &daemon, &gate, &reason, &message)
                      : poll_operator (facts, step, &daemon, &gate, &reason);
          if (poll == POLL_FAILED)
            return fail_run (run, message);
          if (poll == POLL_DONE)
            {
              g_autofree char *tag = kdcc_rook_image_tag (step->target);

              record->note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u daemon on %s",
                                                           "all %u daemons on %s",
                                                           facts->daemons->len),
                                              facts->daemons->len, tag ? tag : step->target);
              clear_wait (run->state);
              return KDCC_UPGRADE_RUN_RUNNING;
            }
        }

      /* Still waiting: a new wait starts its clock, a long one is a stall. */
      now = g_get_real_time ();
      if (g_strcmp0 (daemon, run->state->wait_daemon) != 0
          || g_strcmp0 (gate, run->state->wait_gate) != 0)
        {
          clear_wait (run->state);
          run->state->wait_daemon = g_steal_pointer (&daemon);
          run->state->wait_gate = g_steal_pointer (&gate);
          run->state->wait_since = now;
          run->stall_said = FALSE;
        }
      g_free (run->state->wait_reason);
      run->state->wait_reason = g_steal_pointer (&reason);
      if (!run->stall_said
          && now - run->state->wait_since >= (gint64) run->timing.stall_after_s * G_USEC_PER_SEC)
        {
          run->stall_said = TRUE;
          say (run, _("Stalled for %" G_GINT64_FORMAT " s at %s (gate %s): %s"),
               (now - run->state->wait_since) / G_USEC_PER_SEC,
               run->state->wait_daemon ? run->state->wait_daemon : "-", run->state->wait_gate,
               run->state->wait_reason);
          audit (run, "upgrade-stall", run->state->wait_daemon, NULL, "done",
                 run->state->wait_reason);
        }
      save (run);
      wait_for_change (run);
    }
}

KdccUpgradeRunState
kdcc_rook_upgrade_execute (KdccKubeClient          *client,
                           const char              *namespace,
                           KdccUpgradeState        *state,
                           KdccAuditLog            *audit_log,
                           const KdccUpgradeTiming *timing,
                           gboolean                 manual_done,
                           KdccRookProgressFunc     progress,
                           gpointer                 user_data,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  Run run = { client, namespace, state, audit_log, { 1000, 60, 600 }, progress, user_data,
              cancellable, NULL, NULL, FALSE, NULL, NULL, FALSE };
  KdccUpgradeRunState result = KDCC_UPGRADE_RUN_DONE;
  gboolean fresh = state->next_step == 0 && state->state == KDCC_UPGRADE_RUN_IDLE;

  if (timing != NULL)
    run.timing = *timing;
  run.timing.poll_ms = MAX (run.timing.poll_ms, 50);
  run.path = kdcc_upgrade_state_path (state->fsid);
  run.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  state->state = KDCC_UPGRADE_RUN_RUNNING;
  state->pid = getpid ();
  if (state->started == 0)
    state->started = g_get_real_time ();
  g_clear_pointer (&state->message, g_free);
  audit (&run, fresh ? "upgrade-start" : "upgrade-resume",
         fresh ? _("Rook upgrade started") : _("Rook upgrade resumed"), NULL, "done", NULL);
  save (&run);

  watch_start (&run);
  while (state->next_step < state->steps->len)
    {
      KdccUpgradeStepRecord *record = g_ptr_array_index (state->steps, state->next_step);

      say (&run, _("Step %u of %u: %s"), state->next_step + 1, state->steps->len,
           record->step->description);
      result = run_step (&run, record, &manual_done, error);
      if (result != KDCC_UPGRADE_RUN_RUNNING)
        break;
      record->state = KDCC_UPGRADE_STEP_DONE;
      record->finished = g_get_real_time ();
      audit (&run, "upgrade-step", record->step->description, record->step->command, "verified",
             record->note);
      say (&run, _("Done: %s (%s)"), record->step->description,
           record->note ? record->note : "");
      state->next_step++;
      save (&run);
      result = KDCC_UPGRADE_RUN_DONE;
    }
  if (result == KDCC_UPGRADE_RUN_DONE)
    {
      state->state = KDCC_UPGRADE_RUN_DONE;
      state->pid = 0;
      clear_wait (state);
      audit (&run, "upgrade-done", _("Rook upgrade done"), NULL, "done", NULL);
      save (&run);
    }
  else if (result == KDCC_UPGRADE_RUN_PAUSED && error != NULL && *error != NULL)
    {
      /* Cancelled: stopped like a pause, the operator left as it is. */
      state->state = KDCC_UPGRADE_RUN_PAUSED;
      state->pid = 0;
      save (&run);
    }
  watch_stop (&run);
  g_hash_table_unref (run.seen);
  g_free (run.path);
  return result;
}

gboolean
kdcc_rook_upgrade_abort (KdccKubeClient    *client,
                         const char        *namespace,
                         KdccUpgradeState  *state,
                         KdccAuditLog      *audit_log,
                         GCancellable      *cancellable,
                         GError           **error)
{
  Run run = { client, namespace, state, audit_log, { 1000, 60, 600 }, NULL, NULL,
              cancellable, NULL, NULL, FALSE, NULL, NULL, FALSE };
  g_autoptr(KdccRookFacts) facts = kdcc_rook_facts_read (client, namespace, cancellable, error);

  if (facts == NULL)
    return FALSE;
  run.path = kdcc_upgrade_state_path (state->fsid);
  abort_run (&run, facts);
  g_free (run.path);
  return TRUE;
}
