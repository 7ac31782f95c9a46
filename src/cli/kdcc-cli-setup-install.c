/* kdcc-cli-setup-install.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli setup preflight` and `kdcc-cli setup install`: the wizard's
 * last two pages without a display. Both read the target through a
 * kubeconfig context; install shows every step's kubectl/helm equivalent
 * before it runs and follows the CephCluster until it is Ready.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "kdcc-audit-log.h"
#include "kdcc-cli-setup.h"
#include "kdcc-kube-client.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-setup-install.h"
#include "kdcc-setup-preflight.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

static void
print_line (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
}

static KdccKubeClient *
open_client (const KdccCliSetupTarget *target,
             GError                  **error)
{
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (target->kubeconfig, error);
  g_autoptr(KdccKubeContext) ctx = NULL;

  if (kc == NULL)
    return NULL;
  ctx = kdcc_kubeconfig_resolve (kc, target->context, error);
  if (ctx == NULL)
    return NULL;
  return kdcc_kube_client_new (ctx);
}

static void
print_checks_json (GPtrArray *checks)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "passed");
  json_builder_add_boolean_value (builder, kdcc_setup_preflight_passed (checks));
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < checks->len; i++)
    {
      KdccSetupCheck *check = g_ptr_array_index (checks, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, check->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, check->title);
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, kdcc_setup_check_result_to_string (check->result));
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, check->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
kdcc_cli_setup_preflight (KdccSetupParams          *params,
                          const KdccCliSetupTarget *target,
                          gboolean                  json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeClient) client = open_client (target, &error);
  g_autoptr(GPtrArray) checks = NULL;

  if (client == NULL)
    {
      print_line (error->message);
      return EXIT_FAILED;
    }
  checks = kdcc_setup_preflight_run (client, params, NULL, &error);
  if (checks == NULL)
    {
      print_line (error->message);
      return EXIT_FAILED;
    }
  if (json)
    print_checks_json (checks);
  else
    for (guint i = 0; i < checks->len; i++)
      {
        KdccSetupCheck *check = g_ptr_array_index (checks, i);

        g_print ("%-8s %s: %s\n", kdcc_setup_check_result_to_label (check->result), check->title,
                 check->detail);
      }
  return kdcc_setup_preflight_passed (checks) ? EXIT_SUCCESS : EXIT_FAILED;
}

typedef struct
{
  GMainLoop        *loop;
  KdccSetupInstall *install;
  KdccJob          *job;
} Run;

static const char *
step_state_label (KdccSetupStepState state)
{
  switch (state)
    {
    /* TRANSLATORS: the state of one install step. */
    case KDCC_SETUP_STEP_PENDING: return _("pending");
    case KDCC_SETUP_STEP_RUNNING: return _("running");
    case KDCC_SETUP_STEP_DONE: return _("done");
    case KDCC_SETUP_STEP_FAILED: return _("failed");
    case KDCC_SETUP_STEP_CANCELLED: return _("cancelled");
    default: g_return_val_if_reached ("");
    }
}

static void
step_changed_cb (KdccSetupInstall *install,
                 guint             index,
                 Run              *run)
{
  KdccSetupStep *step = g_ptr_array_index (kdcc_setup_install_get_steps (install), index);

  g_print ("[%u] %s: %s\n", index + 1, step->title, step_state_label (step->state));
}

static void
phase_changed_cb (KdccSetupInstall *install,
                  GParamSpec       *pspec,
                  Run              *run)
{
  const char *phase = kdcc_setup_install_get_phase (install);
  const char *message = kdcc_setup_install_get_message (install);
  const char *health = kdcc_setup_install_get_health (install);

  /* TRANSLATORS: the CephCluster's progress: phase, Rook's message, health. */
  g_print (_("    CephCluster: %s — %s%s%s\n"), phase ? phase : "-", message ? message : "",
           health ? ", " : "", health ? health : "");
}

static void
job_state_cb (KdccJob    *job,
              GParamSpec *pspec,
              Run        *run)
{
  if (kdcc_job_is_finished (job))
    g_main_loop_quit (run->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Run *run = user_data;

  print_line (_("Cancelling the install…"));
  kdcc_job_cancel (run->job);
  return G_SOURCE_CONTINUE;
}

int
kdcc_cli_setup_install (KdccSetupParams          *params,
                        const KdccCliSetupTarget *target,
                        const char               *manifests,
                        const char               *helm_chart)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(KdccSetupInstall) install = NULL;
  g_autoptr(KdccAuditLog) audit = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GPtrArray *steps;
  Run run = { 0 };
  guint sigint_id, sigterm_id;

  if (manifests != NULL && helm_chart != NULL)
    {
      print_line (_("Give either --operator-manifests or --helm, not both"));
      return EXIT_USAGE;
    }
  client = open_client (target, &error);
  if (client == NULL)
    {
      print_line (error->message);
      return EXIT_FAILED;
    }
  install = kdcc_setup_install_new (client, params, target->kubeconfig, &error);
  if (install == NULL)
    {
      print_line (error->message);
      return EXIT_USAGE;
    }
  if (manifests != NULL && !kdcc_setup_install_set_operator_manifests (install, manifests, &error))
    {
      print_line (error->message);
      return EXIT_USAGE;
    }
  if (helm_chart != NULL)
    {
      g_autofree char *helm = g_find_program_in_path ("helm");

      if (helm == NULL)
        {
          print_line (_("--helm needs the helm program on PATH"));
          return EXIT_USAGE;
        }
      kdcc_setup_install_set_operator_helm (install, helm, helm_chart);
    }
  audit = kdcc_audit_log_new (KDCC_SETUP_AUDIT_ID, NULL);
  kdcc_setup_install_set_audit_log (install, audit);

  steps = kdcc_setup_install_get_steps (install);
  g_print ("%s\n", _("Steps, each with its kubectl or helm equivalent:"));
  for (guint i = 0; i < steps->len; i++)
    {
      KdccSetupStep *step = g_ptr_array_index (steps, i);

      g_print ("%u. %s\n   $ %s\n", i + 1, step->title, step->command);
    }
  g_print ("\n");

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.install = install;
  g_signal_connect (install, "step-changed", G_CALLBACK (step_changed_cb), &run);
  g_signal_connect (install, "notify::phase", G_CALLBACK (phase_changed_cb), &run);
  g_signal_connect (install, "notify::message", G_CALLBACK (phase_changed_cb), &run);
  run.job = kdcc_setup_install_start (install, NULL);
  g_signal_connect (run.job, "notify::state", G_CALLBACK (job_state_cb), &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupted_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupted_cb, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  /* Let the last step states through. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_print ("%s\n", _("Recorded in the audit log:"));
  g_print ("  %s\n", kdcc_audit_log_get_path (audit));
  if (kdcc_job_get_state (run.job) != KDCC_JOB_STATE_SUCCEEDED)
    {
      print_line (kdcc_job_get_error (run.job)->message);
      return EXIT_FAILED;
    }
  g_print (_("CephCluster “%s” in namespace “%s” is Ready (%s)\n"),
           kdcc_setup_params_get (params, "name"), kdcc_setup_params_get (params, "namespace"),
           kdcc_setup_install_get_health (install) ? kdcc_setup_install_get_health (install) : "");
  return EXIT_SUCCESS;
}

int
kdcc_cli_setup_audit (gboolean json)
{
  g_autoptr(KdccAuditLog) audit = kdcc_audit_log_new (KDCC_SETUP_AUDIT_ID, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (audit);

  if (!kdcc_audit_log_load (audit, &error))
    {
      print_line (error->message);
      return EXIT_FAILED;
    }
  if (json)
    g_print ("[");
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KdccAuditEntry) entry = g_list_model_get_item (model, i);
      g_autofree char *time = g_date_time_format (kdcc_audit_entry_get_time (entry),
                                                  "%Y-%m-%d %H:%M:%S");

      if (json)
        {
          g_autofree char *line = kdcc_audit_entry_to_json (entry);

          g_print ("%s\n%s", i > 0 ? "," : "", line);
        }
      else
        g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", time, kdcc_audit_entry_get_user (entry),
                 kdcc_audit_entry_get_connection (entry), kdcc_audit_entry_get_result (entry),
                 kdcc_audit_entry_get_change (entry), kdcc_audit_entry_get_cli (entry),
                 kdcc_audit_entry_get_message (entry) != NULL
                   ? kdcc_audit_entry_get_message (entry) : "");
    }
  if (json)
    g_print ("\n]\n");
  return EXIT_SUCCESS;
}
