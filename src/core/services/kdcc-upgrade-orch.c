/* kdcc-upgrade-orch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The orchestrator's side of an upgrade: which backend runs (`orch
 * status`), whether it can upgrade (`orch upgrade status` answers), and the
 * one-step plan of a cephadm cluster. The shapes are the orchestrator
 * module's (`_status` and `_upgrade_status` in orchestrator/module.py,
 * the same in Pacific and Reef) filled by cephadm's upgrade.py; measured
 * on 16.2.15 with the test_orchestrator backend: `orch status` answers
 * {"available": true, "backend": "test_orchestrator"} and `orch upgrade
 * status` fails with ENOENT "This Orchestrator does not support `orch
 * upgrade status`"; with no backend every `orch` command fails with ENOENT
 * "No orchestrator configured (try `ceph orch set backend`)".
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-upgrade-orch.h"

/* cephadm's default (container_image_base in cephadm's module.py). */
#define DEFAULT_IMAGE_BASE "quay.io/ceph/ceph"

void
kdcc_orch_status_free (KdccOrchStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->backend);
  g_free (status->reason);
  g_free (status);
}

void
kdcc_orch_upgrade_status_free (KdccOrchUpgradeStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->target_image);
  g_free (status->which);
  g_strfreev (status->services_complete);
  g_free (status->progress);
  g_free (status->message);
  g_free (status);
}

/* A string member, NULL when absent or null (Python's None). */
static char *
dup_member (JsonObject *o,
            const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gboolean
bool_member (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

KdccOrchStatus *
kdcc_orch_status_parse (const char  *text,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load_root ("orch status", text, length, JSON_NODE_OBJECT,
                                                  error);
  g_autoptr(KdccOrchStatus) status = NULL;
  JsonObject *o;

  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  status = g_new0 (KdccOrchStatus, 1);
  status->backend = dup_member (o, "backend");
  if (status->backend == NULL || !json_object_has_member (o, "available"))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("orch status: no backend or availability in the answer"));
      return NULL;
    }
  status->configured = TRUE;
  status->available = bool_member (o, "available");
  status->paused = bool_member (o, "paused");
  status->reason = dup_member (o, "reason");
  return g_steal_pointer (&status);
}

KdccOrchUpgradeStatus *
kdcc_orch_upgrade_status_parse (const char  *text,
                                gssize       length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load_root ("orch upgrade status", text, length,
                                                  JSON_NODE_OBJECT, error);
  g_autoptr(KdccOrchUpgradeStatus) status = NULL;
  g_autoptr(GStrvBuilder) done = g_strv_builder_new ();
  JsonObject *o;
  JsonNode *services;

  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  if (!json_object_has_member (o, "in_progress"))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                   _("orch upgrade status: no in_progress in the answer"));
      return NULL;
    }
  status = g_new0 (KdccOrchUpgradeStatus, 1);
  status->target_image = dup_member (o, "target_image");
  status->in_progress = bool_member (o, "in_progress");
  status->which = dup_member (o, "which");
  status->progress = dup_member (o, "progress");
  status->message = dup_member (o, "message");
  status->is_paused = bool_member (o, "is_paused");
  services = json_object_get_member (o, "services_complete");
  if (services != NULL && JSON_NODE_HOLDS_ARRAY (services))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (services)); i++)
      {
        JsonNode *e = json_array_get_element (json_node_get_array (services), i);

        if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
          g_strv_builder_add (done, json_node_get_string (e));
      }
  status->services_complete = g_strv_builder_end (done);
  return g_steal_pointer (&status);
}

/* Asking the cluster ------------------------------------------------------------------ */

static GBytes *
orch_command (KdccSource    *source,
              const char    *prefix,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *command = g_strdup_printf ("{\"prefix\":\"%s\",\"format\":\"json\"}", prefix);

  return kdcc_source_run_command_sync (source, "mgr", command, NULL, cancellable, error);
}

KdccOrchUpgradeStatus *
kdcc_orch_upgrade_status_sync (KdccSource    *source,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GBytes) out = orch_command (source, "orch upgrade status", cancellable, error);
  gsize len = 0;
  const char *data;

  if (out == NULL)
    return NULL;
  data = g_bytes_get_data (out, &len);
  return kdcc_orch_upgrade_status_parse (data, (gssize) len, error);
}

KdccOrchStatus *
kdcc_orch_detect_sync (KdccSource    *source,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(KdccOrchStatus) status = NULL;
  g_autoptr(KdccOrchUpgradeStatus) upgrade = NULL;
  gsize len = 0;
  const char *data;

  out = orch_command (source, "orch status", cancellable, &local);
  if (out == NULL)
    {
      /* Ceph answers ENOENT when no backend is set; the orchestrator
       * module itself may be missing too (a mgr that failed to load it).
       * Either way: no orchestrator, in Ceph's words. A connection that
       * cannot ask at all is an error. */
      if (!g_error_matches (local, KDCC_ERROR, KDCC_ERROR_COMMAND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      status = g_new0 (KdccOrchStatus, 1);
      status->reason = g_strdup (local->message);
      return g_steal_pointer (&status);
    }
  data = g_bytes_get_data (out, &len);
  status = kdcc_orch_status_parse (data, (gssize) len, error);
  if (status == NULL)
    return NULL;
  if (!status->available)
    {
      if (status->reason == NULL)
        status->reason = g_strdup (_("Ceph says it is not available"));
      return g_steal_pointer (&status);
    }
  if (g_strcmp0 (status->backend, "cephadm") != 0)
    {
      /* Ask all the same, for Ceph's own refusal (test_orchestrator and
       * rook answer "This Orchestrator does not support …"). */
      upgrade = kdcc_orch_upgrade_status_sync (source, cancellable, &local);
      g_free (status->reason);
      status->reason = upgrade == NULL ? g_strdup (local->message)
                                       : g_strdup (_("KDCC upgrades through cephadm only"));
      return g_steal_pointer (&status);
    }
  upgrade = kdcc_orch_upgrade_status_sync (source, cancellable, &local);
  if (upgrade == NULL)
    {
      g_free (status->reason);
      status->reason = g_strdup (local->message);
      return g_steal_pointer (&status);
    }
  status->can_upgrade = TRUE;
  g_clear_pointer (&status->reason, g_free);
  return g_steal_pointer (&status);
}

char *
kdcc_orch_status_describe (const KdccOrchStatus *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  if (status->can_upgrade)
    /* TRANSLATORS: "Orchestrator: cephadm; it upgrades the cluster" */
    return g_strdup_printf (_("Orchestrator: %s; it upgrades the cluster"), status->backend);
  if (!status->configured)
    /* TRANSLATORS: "No orchestrator (Ceph: No orchestrator configured …); the package plan follows" */
    return g_strdup_printf (_("No orchestrator (Ceph: %s); the package plan follows"),
                            status->reason != NULL ? status->reason : "");
  /* TRANSLATORS: "Orchestrator: test_orchestrator cannot upgrade (Ceph: …); the package plan follows" */
  return g_strdup_printf (_("Orchestrator: %s cannot upgrade (Ceph: %s); the package plan "
                            "follows"), status->backend,
                          status->reason != NULL ? status->reason : "");
}

char *
kdcc_orch_default_image (const char *target_version)
{
  return g_strdup_printf ("%s:v%s", DEFAULT_IMAGE_BASE, target_version);
}

/* The plan -------------------------------------------------------------------------------- */

KdccUpgradePlan *
kdcc_upgrade_plan_new_orch (KdccReleaseCatalog  *catalog,
                            KdccCluster         *cluster,
                            KdccVersionSurvey   *survey,
                            const char          *target_release,
                            const char          *image,
                            GError             **error)
{
  g_autoptr(KdccUpgradePlan) plan = NULL;
  g_autofree char *target_image = NULL;
  KdccUpgradeStep *step;

  /* The same rules as a package roll (cephadm refuses a skip of more than
   * one release too, in its own words); its daemon steps are cephadm's. */
  plan = kdcc_upgrade_plan_new (catalog, cluster, survey, target_release, NULL, error);
  if (plan == NULL)
    return NULL;
  target_image = image != NULL && *image != '\0' ? g_strdup (image)
                                                 : kdcc_orch_default_image (plan->target_version);
  if (strpbrk (target_image, " \t\n'\"\\;&|$`") != NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("“%s” is not a container image name"), target_image);
      return NULL;
    }
  g_ptr_array_set_size (plan->steps, 0);
  step = g_new0 (KdccUpgradeStep, 1);
  step->kind = KDCC_UPGRADE_STEP_ORCH_UPGRADE;
  /* TRANSLATORS: "cephadm upgrades every daemon to quay.io/ceph/ceph:v18.2.7" */
  step->description = g_strdup_printf (_("cephadm upgrades every daemon to %s, one at a time, "
                                         "with its own checks"), target_image);
  step->command = g_strdup_printf ("ceph orch upgrade start --image %s", target_image);
  g_ptr_array_add (plan->steps, step);
  return g_steal_pointer (&plan);
}

char *
kdcc_orch_step_image (const KdccUpgradeStep *step)
{
  const char *at;

  g_return_val_if_fail (step != NULL, NULL);

  at = step->command != NULL ? strstr (step->command, "--image ") : NULL;
  return at != NULL ? g_strdup (at + strlen ("--image ")) : NULL;
}
