/* kdcc-upgrade-orch-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one step of a cephadm upgrade: `orch upgrade start --image IMAGE`,
 * then a wait on `orch upgrade status` until cephadm has forgotten the
 * upgrade (it does so when every daemon runs the image) and `ceph
 * versions` shows one release. cephadm restarts the daemons itself, with
 * its own ok-to-stop checks, so the wait explains what cephadm says it
 * does. A pause or abort asked of KDCC is passed on as `orch upgrade
 * pause` or `orch upgrade stop` (cephadm finishes the daemon it is on);
 * resuming a paused step sends `orch upgrade resume`.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-json.h"
#include "kdcc-upgrade-orch.h"
#include "kdcc-upgrade-run-private.h"

/* Sends `orch upgrade VERB` (with the image for start), audited under
 * ACTION; FALSE with *message (Ceph's words) when refused. */
static gboolean
orch_verb (KdccUpgradeRun  *self,
           const char      *verb,
           const char      *image,
           GCancellable    *cancellable,
           char           **message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("orch upgrade %s", verb);
  g_autofree char *command = NULL;
  g_autofree char *cli = image != NULL ? g_strdup_printf ("ceph %s --image %s", prefix, image)
                                       : g_strdup_printf ("ceph %s", prefix);
  g_autofree char *action = g_strdup_printf ("upgrade-orch-%s", verb);
  g_autofree char *answer = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "prefix");
  json_builder_add_string_value (b, prefix);
  if (image != NULL)
    {
      json_builder_set_member_name (b, "image");
      json_builder_add_string_value (b, image);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  command = json_to_string (root, FALSE);

  out = kdcc_source_run_command_sync (self->source, "mgr", command, NULL, cancellable, &error);
  if (out == NULL)
    {
      _kdcc_upgrade_run_audit (self, action, self->state->target_release, cli, "failed",
                               error->message);
      /* TRANSLATORS: "ceph orch upgrade start --image … failed: …" */
      *message = g_strdup_printf (_("%s failed: %s"), cli, error->message);
      return FALSE;
    }
  answer = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "",
                      g_bytes_get_size (out));
  g_strstrip (answer);
  _kdcc_upgrade_run_audit (self, action, self->state->target_release, cli, "done",
                           *answer != '\0' ? answer : NULL);
  _kdcc_upgrade_run_progress (self, "$ %s", cli);
  if (*answer != '\0')
    _kdcc_upgrade_run_progress (self, "%s", answer);
  return TRUE;
}

/* Every daemon `ceph versions` counts runs the target's major release. */
static gboolean
all_on_target (KdccUpgradeRun  *self,
               GCancellable    *cancellable,
               char           **reason)
{
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *prefix = g_strdup_printf ("ceph version %u.", self->state->target_major);
  JsonObject *overall;
  gsize len = 0;
  const char *data;

  out = kdcc_source_run_command_sync (self->source, "mon",
                                      "{\"prefix\":\"versions\",\"format\":\"json\"}", NULL,
                                      cancellable, &error);
  if (out != NULL)
    {
      data = g_bytes_get_data (out, &len);
      root = kdcc_json_load_root ("versions", data, (gssize) len, JSON_NODE_OBJECT, &error);
    }
  if (root == NULL)
    {
      *reason = g_strdup (error->message);
      return FALSE;
    }
  overall = kdcc_json_as_object (json_object_get_member (json_node_get_object (root), "overall"));
  members = overall != NULL ? json_object_get_members (overall) : NULL;
  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_str_has_prefix (l->data, prefix))
      {
        /* TRANSLATORS: "a daemon still runs ceph version 16.2.15 (…) pacific (stable)" */
        *reason = g_strdup_printf (_("a daemon still runs %s"), (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

/* The wait: cephadm's own words while it works. */
static gboolean
probe_orch (KdccUpgradeRun  *self,
            gpointer         data,
            GCancellable    *cancellable,
            char           **reason)
{
  g_autoptr(KdccOrchUpgradeStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = kdcc_orch_upgrade_status_sync (self->source, cancellable, &error);
  if (status == NULL)
    {
      *reason = g_strdup (error->message);
      return FALSE;
    }
  if (status->in_progress)
    {
      /* TRANSLATORS: "cephadm: 3/10 daemons upgraded; Currently upgrading mgr daemons" */
      *reason = g_strdup_printf (_("cephadm: %s; %s%s"),
                                 status->progress != NULL && *status->progress != '\0'
                                 ? status->progress : _("starting"),
                                 status->message != NULL && *status->message != '\0'
                                 ? status->message : _("working"),
                                 status->is_paused ? _(" (paused: “kdcc-cli upgrade resume” or "
                                                       "“ceph orch upgrade resume”)") : "");
      return FALSE;
    }
  /* cephadm forgets an upgrade once every daemon runs the image; one
   * stopped outside KDCC is forgotten too, hence the versions. */
  return all_on_target (self, cancellable, reason);
}

void
_kdcc_upgrade_run_orch_abort (KdccUpgradeRun *self,
                              GCancellable   *cancellable)
{
  g_autofree char *refused = NULL;
  gboolean pending = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->state->steps->len; i++)
    {
      KdccUpgradeStepRecord *r = g_ptr_array_index (self->state->steps, i);

      pending |= r->step->kind == KDCC_UPGRADE_STEP_ORCH_UPGRADE
                 && r->state != KDCC_UPGRADE_STEP_DONE;
    }
  g_mutex_unlock (&self->lock);
  /* An abort from another process, with no driver left, must still stop
   * cephadm, which goes on by itself ("No upgrade in progress" when it
   * has stopped already). */
  if (pending && !orch_verb (self, "stop", NULL, cancellable, &refused))
    _kdcc_upgrade_run_progress (self, "%s", refused);
}

StepOutcome
_kdcc_upgrade_run_orch_step (KdccUpgradeRun         *self,
                             const KdccUpgradeStep  *step,
                             GCancellable           *cancellable,
                             char                  **note,
                             char                  **message)
{
  g_autoptr(KdccOrchUpgradeStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *image = kdcc_orch_step_image (step);
  StepOutcome outcome;

  status = kdcc_orch_upgrade_status_sync (self->source, cancellable, &error);
  if (status == NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return STEP_CANCELLED;
      /* Ceph's own refusal, e.g. "This Orchestrator does not support
       * `orch upgrade status`". */
      *message = g_strdup_printf (_("ceph orch upgrade status failed: %s"), error->message);
      return STEP_FAILED;
    }
  if (!status->in_progress)
    {
      g_autofree char *skip = NULL;

      /* Resumed after cephadm finished: nothing more to start. */
      if (all_on_target (self, cancellable, &skip))
        {
          *note = g_strdup (_("every daemon already runs the new release"));
          return STEP_OK;
        }
      if (!orch_verb (self, "start", image, cancellable, message))
        return g_cancellable_is_cancelled (cancellable) ? STEP_CANCELLED : STEP_FAILED;
    }
  else if (g_strcmp0 (status->target_image, image) != 0)
    {
      /* TRANSLATORS: "cephadm is already upgrading to …, not to …" */
      *message = g_strdup_printf (_("cephadm is already upgrading to %s, not to %s"),
                                  status->target_image != NULL ? status->target_image : "?", image);
      return STEP_FAILED;
    }
  else if (status->is_paused && !orch_verb (self, "resume", NULL, cancellable, message))
    return g_cancellable_is_cancelled (cancellable) ? STEP_CANCELLED : STEP_FAILED;

  outcome = _kdcc_upgrade_run_wait (self, "cephadm", "orch-upgrade", TRUE, probe_orch, NULL,
                                    cancellable);
  if (outcome == STEP_INTERRUPTED)
    {
      g_autofree char *refused = NULL;
      gboolean aborting = _kdcc_upgrade_run_pending (self) == REQUEST_ABORT;

      /* cephadm would go on by itself: tell it. A refusal is said, and the
       * run still stops as asked. */
      /* An abort's `orch upgrade stop` is sent by the abort itself. */
      if (!aborting && !orch_verb (self, "pause", NULL, cancellable, &refused))
        _kdcc_upgrade_run_progress (self, "%s", refused);
    }
  else if (outcome == STEP_OK)
    *note = g_strdup_printf (_("every daemon runs %s"), image);
  return outcome;
}
