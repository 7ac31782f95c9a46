/* kdcc-cli-upgrade-rook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli upgrade … --kubeconfig PATH`: the Rook upgrade, planned, checked,
 * run and watched through the Kubernetes API alone (kdcc-upgrade-rook.h).
 * No Ceph connection is needed: Rook reports what the checks need in the
 * CephCluster's status and the Deployments' labels.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "kdcc-cli-upgrade-rook.h"
#include "kdcc-cli-upgrade-run.h"
#include "kdcc-error.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-upgrade-rook.h"

static int
fail_message (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("kdcc-cli: %s\n", g_strstrip (line));
  return EXIT_FAILURE;
}

static void
progress_cb (const char *line,
             gpointer    user_data)
{
  g_print ("%s\n", line);
}

static KdccKubeClient *
open_client (const KdccCliRookArgs *args,
             GError               **error)
{
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (args->kubeconfig, error);
  g_autoptr(KdccKubeContext) ctx = NULL;

  if (kc == NULL)
    return NULL;
  ctx = kdcc_kubeconfig_resolve (kc, args->context, error);
  if (ctx == NULL)
    return NULL;
  return kdcc_kube_client_new (ctx);
}

static void
print_plan (const KdccUpgradePlan *plan,
            const KdccRookFacts   *facts,
            gboolean               json)
{
  g_autofree char *path = kdcc_upgrade_path_to_string (plan->path);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "running");
      json_builder_add_string_value (b, plan->running);
      json_builder_set_member_name (b, "rook_running");
      json_builder_add_string_value (b, facts->cluster->operator_version);
      json_builder_set_member_name (b, "target_version");
      json_builder_add_string_value (b, plan->target_version);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, path);
      json_builder_set_member_name (b, "helm");
      json_builder_add_boolean_value (b, facts->helm_release != NULL);
      /* The Ceph-CSI driver's images, where the user may list them. */
      json_builder_set_member_name (b, "csi");
      json_builder_begin_array (b);
      for (guint i = 0; i < facts->csi->len; i++)
        {
          KdccRookCsiImage *c = g_ptr_array_index (facts->csi, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "workload");
          json_builder_add_string_value (b, c->workload);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, c->kind);
          json_builder_set_member_name (b, "container");
          json_builder_add_string_value (b, c->container);
          json_builder_set_member_name (b, "image");
          json_builder_add_string_value (b, c->image);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "steps");
      json_builder_begin_array (b);
      for (guint i = 0; i < plan->steps->len; i++)
        {
          KdccUpgradeStep *s = g_ptr_array_index (plan->steps, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, kdcc_upgrade_step_kind_to_string (s->kind));
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, s->description);
          json_builder_set_member_name (b, "command");
          json_builder_add_string_value (b, s->command);
          json_builder_set_member_name (b, "target");
          json_builder_add_string_value (b, s->target);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return;
    }
  /* TRANSLATORS: "Rook upgrade: Ceph 17.2.7 under Rook v1.12.11 → 18.2.7 (…), 3 steps:" */
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Rook upgrade: Ceph %s under Rook %s → %s (%s), %u step:\n",
                        "Rook upgrade: Ceph %s under Rook %s → %s (%s), %u steps:\n",
                        plan->steps->len),
           plan->running, facts->cluster->operator_version, plan->target_version, path,
           plan->steps->len);
  if (facts->csi->len > 0)
    g_print ("%s\n", _("Ceph-CSI images now (Rook moves them with the operator):"));
  for (guint i = 0; i < facts->csi->len; i++)
    {
      KdccRookCsiImage *c = g_ptr_array_index (facts->csi, i);

      g_print ("     %s/%s %s: %s\n", c->kind, c->workload, c->container, c->image);
    }
  for (guint i = 0; i < plan->steps->len; i++)
    {
      KdccUpgradeStep *s = g_ptr_array_index (plan->steps, i);

      g_print ("%3u. %s\n     $ %s\n", i + 1, s->description, s->command);
    }
}

static gboolean
print_preflight (GPtrArray *checks,
                 gboolean   json)
{
  gboolean passed = kdcc_upgrade_preflight_passed (checks);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "passed");
      json_builder_add_boolean_value (b, passed);
      json_builder_set_member_name (b, "checks");
      json_builder_begin_array (b);
      for (guint i = 0; i < checks->len; i++)
        {
          KdccPreflightCheck *c = g_ptr_array_index (checks, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, c->id);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, c->title);
          json_builder_set_member_name (b, "result");
          json_builder_add_string_value (b, kdcc_preflight_result_to_string (c->result));
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, c->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return passed;
    }
  for (guint i = 0; i < checks->len; i++)
    {
      KdccPreflightCheck *c = g_ptr_array_index (checks, i);
      const char *word = c->result == KDCC_PREFLIGHT_PASS ? _("pass")
                         : c->result == KDCC_PREFLIGHT_WARN ? _("warn") : _("FAIL");

      g_print ("%-5s %s: %s\n", word, c->title, c->reason);
    }
  g_print ("%s\n", passed ? _("Preflight passed.")
                          : _("Preflight failed: do not start the upgrade."));
  return passed;
}

static void
print_daemons (const KdccRookFacts *facts)
{
  g_print ("%-6s %-4s %-26s %-14s %-14s %s\n", _("TYPE"), _("ID"), _("DEPLOYMENT"),
           _("ROOK-VERSION"), _("CEPH-VERSION"), _("READY"));
  for (guint i = 0; i < facts->daemons->len; i++)
    {
      KdccRookDaemon *d = g_ptr_array_index (facts->daemons, i);
      g_autofree char *ready = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                d->ready_replicas, d->replicas);

      g_print ("%-6s %-4s %-26s %-14s %-14s %s\n", d->type, d->id, d->deployment,
               d->rook_version ? d->rook_version : "-", d->ceph_version ? d->ceph_version : "-",
               ready);
    }
}

static void
print_status (const KdccUpgradeState *state,
              const KdccRookFacts    *facts)
{
  static const char *marks[] = { " ", ">", "x" };

  g_print (_("Rook upgrade of CephCluster %s/%s: %s\n"), facts->cluster->namespace,
           facts->cluster->name, kdcc_upgrade_run_state_to_string (state->state));
  for (guint i = 0; i < state->steps->len; i++)
    {
      KdccUpgradeStepRecord *r = g_ptr_array_index (state->steps, i);

      g_print ("[%s] %u. %s%s%s\n", marks[r->state], i + 1, r->step->description,
               r->note ? " — " : "", r->note ? r->note : "");
    }
  if (state->wait_since != 0 && state->state == KDCC_UPGRADE_RUN_RUNNING)
    {
      gint64 waited = (g_get_real_time () - state->wait_since) / G_USEC_PER_SEC;

      g_print (_("Waiting for %s (gate %s) for %" G_GINT64_FORMAT " s: %s\n"),
               state->wait_daemon ? state->wait_daemon : "-", state->wait_gate, waited,
               state->wait_reason ? state->wait_reason : "");
    }
  if (state->message != NULL)
    g_print ("%s\n", state->message);
  g_print (_("Operator: %s, %s\n"), facts->cluster->operator_image,
           facts->operator_replicas == 0 ? _("scaled to 0 (paused)")
           : facts->operator_ready ? _("ready") : _("not ready"));
  g_print (_("CephCluster: phase %s, Ceph %s\n"),
           facts->cluster->phase ? facts->cluster->phase : "-",
           facts->cluster->ceph_version ? facts->cluster->ceph_version : "-");
  print_daemons (facts);
}

static int
exit_for (KdccUpgradeRunState state)
{
  switch (state)
    {
    case KDCC_UPGRADE_RUN_DONE:
      return EXIT_SUCCESS;
    case KDCC_UPGRADE_RUN_PAUSED:
      return KDCC_CLI_EXIT_PAUSED;
    case KDCC_UPGRADE_RUN_IDLE:
    case KDCC_UPGRADE_RUN_RUNNING:
    case KDCC_UPGRADE_RUN_FAILED:
    case KDCC_UPGRADE_RUN_ABORTED:
    default:
      return EXIT_FAILURE;
    }
}

static int
execute (KdccKubeClient        *client,
         const KdccRookFacts   *facts,
         KdccUpgradeState      *state,
         const KdccCliRookArgs *args)
{
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (state->fsid, NULL);
  g_autoptr(GError) error = NULL;
  KdccUpgradeRunState result;

  result = kdcc_rook_upgrade_execute (client, facts->cluster->namespace, state, audit,
                                      &args->timing, args->manual_done, progress_cb, NULL, NULL,
                                      &error);
  if (error != NULL)
    return fail_message (error->message);
  if (result == KDCC_UPGRADE_RUN_DONE)
    g_print ("%s\n", _("The Rook upgrade is done."));
  else if (result == KDCC_UPGRADE_RUN_FAILED)
    fail_message (state->message);
  return exit_for (result);
}

int
kdcc_cli_upgrade_rook (const char            *sub,
                       const KdccCliRookArgs *args)
{
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(KdccRookFacts) facts = NULL;
  g_autoptr(KdccUpgradeState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  client = open_client (args, &error);
  if (client == NULL)
    return fail_message (error->message);
  facts = kdcc_rook_facts_read (client, args->namespace, NULL, &error);
  if (facts == NULL)
    return fail_message (error->message);
  path = kdcc_upgrade_state_path (facts->state_id);
  state = kdcc_upgrade_state_load (path, &error);
  if (state == NULL && error != NULL)
    return fail_message (error->message);

  if (g_str_equal (sub, "plan") || g_str_equal (sub, "preflight") || g_str_equal (sub, "start"))
    {
      g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
      g_autoptr(KdccUpgradePlan) plan = NULL;
      g_autoptr(GPtrArray) checks = NULL;
      gboolean starting = g_str_equal (sub, "start");
      KdccCephVersion target;

      if (args->to != NULL || args->rook_version != NULL)
        {
          plan = kdcc_rook_upgrade_plan_new (catalog, facts, args->to, args->rook_version,
                                             &error);
          if (plan == NULL)
            return fail_message (error->message);
        }
      else if (!g_str_equal (sub, "preflight"))
        return fail_message (_("Say where to: --to RELEASE (Ceph) or --rook-version VERSION"));
      if (g_str_equal (sub, "plan"))
        {
          print_plan (plan, facts, args->json);
          return EXIT_SUCCESS;
        }
      if (starting && state != NULL && state->state != KDCC_UPGRADE_RUN_DONE
          && state->state != KDCC_UPGRADE_RUN_ABORTED)
        return fail_message (_("An upgrade of this cluster is already in progress: see "
                               "“kdcc-cli upgrade status”, then resume or abort it"));
      checks = kdcc_rook_upgrade_preflight (facts, args->accepted, args->resuming);
      if (!starting || !kdcc_upgrade_preflight_passed (checks))
        {
          if (!print_preflight (checks, args->json && !starting))
            return EXIT_FAILURE;
          if (!starting)
            return EXIT_SUCCESS;
        }
      print_plan (plan, facts, FALSE);
      g_clear_pointer (&state, kdcc_upgrade_state_free);
      state = kdcc_upgrade_state_new_from_plan (facts->state_id, plan,
                                                kdcc_ceph_version_parse (plan->target_version,
                                                                         &target)
                                                ? target.major : 0, NULL);
      return execute (client, facts, state, args);
    }

  if (state == NULL)
    {
      g_print ("%s\n", _("No upgrade was started on this cluster."));
      return g_str_equal (sub, "status") ? EXIT_SUCCESS : EXIT_FAILURE;
    }
  if (g_str_equal (sub, "status"))
    {
      if (args->json)
        {
          g_autofree char *text = kdcc_upgrade_state_to_json (state);
          g_autoptr(JsonNode) root = json_from_string (text, NULL);
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *printed = NULL;
          JsonObject *o = json_node_get_object (root);
          JsonArray *daemons = json_array_new ();

          /* What only a reader sees: the wait's length, the daemons now. */
          json_object_set_int_member (o, "wait_seconds", state->wait_since != 0
                                      ? (g_get_real_time () - state->wait_since) / G_USEC_PER_SEC
                                      : 0);
          for (guint i = 0; i < facts->daemons->len; i++)
            {
              KdccRookDaemon *d = g_ptr_array_index (facts->daemons, i);
              JsonObject *row = json_object_new ();

              json_object_set_string_member (row, "type", d->type);
              json_object_set_string_member (row, "id", d->id);
              json_object_set_string_member (row, "deployment", d->deployment);
              json_object_set_string_member (row, "rook_version", d->rook_version);
              json_object_set_string_member (row, "ceph_version", d->ceph_version);
              json_object_set_boolean_member (row, "ready", d->ready);
              json_array_add_object_element (daemons, row);
            }
          json_object_set_array_member (o, "daemons", daemons);
          json_generator_set_pretty (generator, TRUE);
          json_generator_set_root (generator, root);
          printed = json_generator_to_data (generator, NULL);
          g_print ("%s\n", printed);
        }
      else
        print_status (state, facts);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "pause"))
    {
      if (state->state != KDCC_UPGRADE_RUN_RUNNING || !kdcc_upgrade_state_driver_alive (state))
        return fail_message (_("No process is running this upgrade: there is nothing to pause"));
      if (!kdcc_upgrade_control_request (state->fsid, "pause", &error))
        return fail_message (error->message);
      g_print ("%s\n", _("Asked the running upgrade to pause."));
      return EXIT_SUCCESS;
    }
  if (g_str_equal (sub, "abort"))
    {
      if (state->state == KDCC_UPGRADE_RUN_DONE || state->state == KDCC_UPGRADE_RUN_ABORTED)
        return fail_message (_("The upgrade is over: there is nothing to abort"));
      if (state->state == KDCC_UPGRADE_RUN_RUNNING && kdcc_upgrade_state_driver_alive (state))
        {
          if (!kdcc_upgrade_control_request (state->fsid, "abort", &error))
            return fail_message (error->message);
          g_print ("%s\n", _("Asked the running upgrade to abort."));
          return EXIT_SUCCESS;
        }
      {
        g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (state->fsid, NULL);

        if (!kdcc_rook_upgrade_abort (client, facts->cluster->namespace, state, audit, NULL,
                                      &error))
          return fail_message (error->message);
        g_print ("%s\n", state->message);
        return EXIT_SUCCESS;
      }
    }
  /* resume */
  if (state->state == KDCC_UPGRADE_RUN_DONE || state->state == KDCC_UPGRADE_RUN_ABORTED)
    return fail_message (_("The upgrade is over: there is nothing to resume"));
  if (state->state == KDCC_UPGRADE_RUN_RUNNING && kdcc_upgrade_state_driver_alive (state))
    return fail_message (_("Another process is running this upgrade"));
  return execute (client, facts, state, args);
}
