/* kdcc-cli-upgrade.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli upgrade plan --to RELEASE [--restart-command TEMPLATE]` prints
 * the ordered steps of a package-based roll with their exact commands;
 * `kdcc-cli upgrade preflight` runs the checks before one. Neither changes
 * the cluster. `start`, `status`, `pause`, `resume` and `abort` drive the
 * roll (kdcc-cli-upgrade-run.c).
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-cli-session.h"
#include "kdcc-cli-upgrade-auto.h"
#include "kdcc-cli-upgrade-rook.h"
#include "kdcc-cli-upgrade-run.h"
#include "kdcc-cli-upgrade.h"
#include "kdcc-cluster.h"
#include "kdcc-connection-options.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-error.h"
#include "kdcc-release-catalog.h"
#include "kdcc-upgrade-headroom.h"
#include "kdcc-upgrade-orch.h"
#include "kdcc-upgrade-plan.h"
#include "kdcc-upgrade-preflight.h"

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

static int
fail (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("%s (see “kdcc-cli upgrade --help”)"),
                                                  error->message);
      print_line (message);
      return EXIT_USAGE;
    }
  print_line (error->message);
  return EXIT_FAILED;
}

/* What `osd dump` says, and the CRUSH layout for the headroom check. */
typedef struct
{
  char            *require_osd_release;
  double           nearfull_ratio;
  KdccCrushLayout *crush;
} Facts;

static void
facts_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Facts *facts = task_data;
  g_autoptr(GError) error = NULL;

  if (!kdcc_upgrade_read_osd_dump (source_object, &facts->require_osd_release,
                                   &facts->nearfull_ratio, cancellable, &error))
    g_debug ("osd dump: %s", error->message);
  g_clear_error (&error);
  facts->crush = kdcc_crush_layout_read (source_object, cancellable, &error);
  if (facts->crush == NULL)
    g_debug ("CRUSH layout: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
fetch_facts (KdccSession *session,
             Facts       *facts)
{
  g_autoptr(GTask) task = NULL;

  if (!kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MON_COMMANDS))
    return;
  task = g_task_new (kdcc_session_get_source (session), NULL, NULL, NULL);
  g_task_set_source_tag (task, fetch_facts);
  g_task_set_task_data (task, facts, NULL);
  g_task_run_in_thread_sync (task, facts_thread);
}

static void
orch_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  KdccOrchStatus *status = kdcc_orch_detect_sync (source_object, cancellable, &error);

  if (status == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, status, (GDestroyNotify) kdcc_orch_status_free);
}

/* The orchestrator, when the connection can ask (mgr commands); NULL
 * otherwise or when the cluster could not be asked. */
static KdccOrchStatus *
detect_orchestrator (KdccSession *session)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  KdccOrchStatus *status;

  if (!kdcc_session_has_capabilities (session, KDCC_CAPABILITY_MGR_COMMANDS))
    return NULL;
  task = g_task_new (kdcc_session_get_source (session), NULL, NULL, NULL);
  g_task_set_source_tag (task, detect_orchestrator);
  g_task_run_in_thread_sync (task, orch_thread);
  status = g_task_propagate_pointer (task, &error);
  if (status == NULL)
    g_debug ("orch status: %s", error->message);
  return status;
}

/* The plan for the cluster: cephadm's one step when its orchestrator can
 * upgrade, else the package roll. */
static KdccUpgradePlan *
make_plan (KdccSession         *session,
           KdccReleaseCatalog  *catalog,
           KdccVersionSurvey   *survey,
           const KdccOrchStatus *orch,
           const char          *to,
           const char          *restart,
           const char          *image,
           gboolean             noautoscale,
           GError             **error)
{
  KdccUpgradePlan *plan;

  if (orch != NULL && orch->can_upgrade)
    plan = kdcc_upgrade_plan_new_orch (catalog, kdcc_session_get_cluster (session), survey, to,
                                       image, error);
  else
    plan = kdcc_upgrade_plan_new (catalog, kdcc_session_get_cluster (session), survey, to,
                                  restart, error);
  if (plan != NULL && noautoscale)
    kdcc_upgrade_plan_add_noautoscale (plan);
  return plan;
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
print_builder (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_plan (KdccUpgradePlan      *plan,
            const KdccOrchStatus *orch,
            gboolean              have_template,
            gboolean              json)
{
  g_autofree char *path = kdcc_upgrade_path_to_string (plan->path);
  g_autofree char *orch_text = orch != NULL ? kdcc_orch_status_describe (orch) : NULL;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_string_or_null (b, "running", plan->running);
      add_string_or_null (b, "running_release", plan->running_release);
      add_string_or_null (b, "target_release", plan->target_release);
      add_string_or_null (b, "target_version", plan->target_version);
      add_string_or_null (b, "path", path);
      if (orch != NULL)
        {
          json_builder_set_member_name (b, "orchestrator");
          json_builder_begin_object (b);
          add_string_or_null (b, "backend", orch->backend);
          json_builder_set_member_name (b, "available");
          json_builder_add_boolean_value (b, orch->available);
          json_builder_set_member_name (b, "can_upgrade");
          json_builder_add_boolean_value (b, orch->can_upgrade);
          add_string_or_null (b, "reason", orch->reason);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "steps");
      json_builder_begin_array (b);
      for (guint i = 0; i < plan->steps->len; i++)
        {
          KdccUpgradeStep *s = g_ptr_array_index (plan->steps, i);
          g_autofree char *daemon = s->daemon_type != NULL
                                    ? g_strdup_printf ("%s.%s", s->daemon_type, s->daemon_id) : NULL;

          json_builder_begin_object (b);
          add_string_or_null (b, "kind", kdcc_upgrade_step_kind_to_string (s->kind));
          add_string_or_null (b, "daemon", daemon);
          add_string_or_null (b, "host", s->host);
          add_string_or_null (b, "description", s->description);
          add_string_or_null (b, "command", s->command);
          add_string_or_null (b, "restart_command", s->restart_command);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_builder (b);
      return;
    }

  if (orch_text != NULL)
    g_print ("%s\n", orch_text);
  /* TRANSLATORS: "Upgrade 16.2.15 → 18.2.8 (Pacific → Reef), 12 steps:" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Upgrade %s → %s (%s), %u step:\n",
                        "Upgrade %s → %s (%s), %u steps:\n", plan->steps->len),
           plan->running, plan->target_version, path, plan->steps->len);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      KdccUpgradeStep *s = g_ptr_array_index (plan->steps, i);

      g_print ("%3u. %s\n", i + 1, s->description);
      if (s->restart_command != NULL)
        g_print ("     $ %s\n", s->restart_command);
      /* TRANSLATORS: before the command that checks a restarted daemon */
      g_print (s->kind == KDCC_UPGRADE_STEP_DAEMON ? _("     then: %s\n") : "     $ %s\n",
               s->command);
    }
  if (!have_template && (orch == NULL || !orch->can_upgrade))
    g_print ("%s\n", _("Without --restart-command, restart each daemon on the new packages "
                       "yourself, one at a time, in this order."));
}

static void
print_preflight (GPtrArray *checks,
                 gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "passed");
      json_builder_add_boolean_value (b, kdcc_upgrade_preflight_passed (checks));
      json_builder_set_member_name (b, "checks");
      json_builder_begin_array (b);
      for (guint i = 0; i < checks->len; i++)
        {
          KdccPreflightCheck *c = g_ptr_array_index (checks, i);

          json_builder_begin_object (b);
          add_string_or_null (b, "id", c->id);
          add_string_or_null (b, "title", c->title);
          add_string_or_null (b, "result", kdcc_preflight_result_to_string (c->result));
          add_string_or_null (b, "reason", c->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      print_builder (b);
      return;
    }

  for (guint i = 0; i < checks->len; i++)
    {
      KdccPreflightCheck *c = g_ptr_array_index (checks, i);
      const char *word = c->result == KDCC_PREFLIGHT_PASS ? _("pass")
                         : c->result == KDCC_PREFLIGHT_WARN ? _("warn") : _("FAIL");

      g_print ("%-5s %s: %s\n", word, c->title, c->reason);
    }
  g_print ("%s\n", kdcc_upgrade_preflight_passed (checks)
                   ? _("Preflight passed.") : _("Preflight failed: do not start the upgrade."));
}

static const char *subcommands[] = { "plan", "preflight", "start", "status", "pause", "resume",
                                     "abort", NULL };

int
kdcc_cli_upgrade (int    argc,
                  char **argv)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccReleaseCatalog) catalog = NULL;
  g_autoptr(KdccVersionSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accepted = NULL;
  g_autofree char *to = NULL;
  g_autofree char *restart = NULL;
  g_autofree char *image = NULL;
  g_autoptr(KdccOrchStatus) orch = NULL;
  Facts facts = { 0 };
  KdccUpgradeTiming timing = { 1000, 60, 600 };
  int stall_after = 60, restart_timeout = 600;
  int poll_ms = 1000;
  KdccCliRookArgs rook = { NULL };
  g_autofree char *kubeconfig = NULL;
  g_autofree char *kube_context = NULL;
  g_autofree char *kube_namespace = NULL;
  g_autofree char *rook_version = NULL;
  const char *sub;
  GOptionGroup *group;
  gboolean json = FALSE, resuming = FALSE, noautoscale = FALSE;
  int status = EXIT_SUCCESS;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The Ceph release to upgrade to (e.g. reef)"),
      N_("RELEASE") },
    { "restart-command", 0, 0, G_OPTION_ARG_STRING, &restart,
      N_("How to restart one daemon, with {type}, {id} and {host}"), N_("TEMPLATE") },
    { "accept-warning", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accepted,
      N_("Accept this health warning for the preflight (repeatable)"), N_("CODE") },
    { "resuming", 0, 0, G_OPTION_ARG_NONE, &resuming,
      N_("An upgrade is in progress: mixed versions are expected"), NULL },
    { "stall-after", 0, 0, G_OPTION_ARG_INT, &stall_after,
      N_("Report a wait this long as a stall (default 60)"), N_("SECONDS") },
    { "restart-timeout", 0, 0, G_OPTION_ARG_INT, &restart_timeout,
      N_("Give up on a restart command after this long (default 600)"), N_("SECONDS") },
    { "image", 0, 0, G_OPTION_ARG_STRING, &image,
      N_("The container image cephadm upgrades to (default: quay.io/ceph/ceph:vVERSION)"),
      N_("IMAGE") },
    { "noautoscale", 0, 0, G_OPTION_ARG_NONE, &noautoscale,
      N_("Pause the PG autoscaler during the upgrade (ceph osd pool set noautoscale)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    /* Rook (kdcc-cli-upgrade-rook.c) */
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &kubeconfig,
      N_("Upgrade the Rook cluster this kubeconfig reaches, through the Kubernetes API"),
      N_("PATH") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &kube_context,
      N_("The kubeconfig context (default: its current context)"), N_("CONTEXT") },
    { "namespace", 0, 0, G_OPTION_ARG_STRING, &kube_namespace,
      N_("The CephCluster's namespace (default: the context's)"), N_("NAMESPACE") },
    { "rook-version", 0, 0, G_OPTION_ARG_STRING, &rook_version,
      N_("The Rook operator version to go to (e.g. v1.13.10; alone: a Rook-only upgrade)"),
      N_("VERSION") },
    { "manual-done", 0, 0, G_OPTION_ARG_NONE, &rook.manual_done,
      N_("Rook: the admin ran the step KDCC cannot do through the API (CRDs, Helm)"), NULL },
    { "poll-ms", 0, 0, G_OPTION_ARG_INT, &poll_ms,
      N_("Rook: look at the deployments this often (default 1000)"), N_("MS") },
    { NULL }
  };

  /* `upgrade auto` has its own flags (kdcc-cli-upgrade-auto.c): the word
   * "auto" anywhere names it, before or after the connection flags. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "auto"))
      {
        char *word = argv[i];

        memmove (argv + 2, argv + 1, (gsize) (i - 1) * sizeof (char *));
        argv[1] = word;
        return kdcc_cli_upgrade_auto (argc - 1, argv + 1);
      }

  context = g_option_context_new (_("plan|preflight|start|status|pause|resume|abort|auto — "
                                    "plan, check and run an upgrade"));
  g_option_context_set_summary (context,
                                _("plan --to RELEASE lists the steps of the upgrade with "
                                  "their exact commands; preflight runs the checks before "
                                  "one; neither changes the cluster. start --to RELEASE runs "
                                  "the plan one daemon at a time, through --restart-command "
                                  "or, without it, by saying which daemon to restart next; "
                                  "status, pause, resume and abort act on the upgrade in "
                                  "progress, from any process. start and resume exit 0 when "
                                  "the upgrade is done, 3 when it paused."));
  group = kdcc_connection_options_create_group (options);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  sub = argc > 1 ? argv[1] : NULL;
  if (sub == NULL || !g_strv_contains (subcommands, sub))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Say “plan”, “preflight”, “start”, “status”, “pause”, “resume” or “abort”"));
      return fail (error);
    }
  if (argc > 2)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”"), argv[2]);
      return fail (error);
    }
  if ((g_str_equal (sub, "plan") || g_str_equal (sub, "start")) && to == NULL
      && rook_version == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("upgrade %s needs --to RELEASE"), sub);
      return fail (error);
    }
  if (stall_after < 1 || restart_timeout < 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--stall-after and --restart-timeout take a number of seconds"));
      return fail (error);
    }
  timing.stall_after_s = (guint) stall_after;
  timing.restart_timeout_s = (guint) restart_timeout;

  if (kubeconfig != NULL || kube_context != NULL || kube_namespace != NULL
      || rook_version != NULL)
    {
      rook.kubeconfig = kubeconfig;
      rook.context = kube_context;
      rook.namespace = kube_namespace;
      rook.to = to;
      rook.rook_version = rook_version;
      rook.accepted = (const char * const *) accepted;
      rook.resuming = resuming;
      rook.json = json;
      rook.timing = timing;
      rook.timing.poll_ms = (guint) CLAMP (poll_ms, 50, 60000);
      return kdcc_cli_upgrade_rook (sub, &rook);
    }

  session = kdcc_cli_connect (options, &error);
  if (session == NULL)
    return fail (error);

  if (g_str_equal (sub, "status"))
    status = kdcc_cli_upgrade_status (session, json);
  else if (g_str_equal (sub, "pause"))
    status = kdcc_cli_upgrade_pause (session);
  else if (g_str_equal (sub, "resume"))
    status = kdcc_cli_upgrade_resume (session, &timing);
  else if (g_str_equal (sub, "abort"))
    status = kdcc_cli_upgrade_abort (session, &timing);
  if (!g_str_equal (sub, "plan") && !g_str_equal (sub, "preflight") && !g_str_equal (sub, "start"))
    {
      kdcc_session_close (session);
      return status;
    }

  fetch_facts (session, &facts);
  survey = kdcc_cli_version_survey (session);
  catalog = kdcc_release_catalog_new ();

  if (g_str_equal (sub, "plan") || g_str_equal (sub, "start"))
    orch = detect_orchestrator (session);

  if (g_str_equal (sub, "plan"))
    {
      g_autoptr(KdccUpgradePlan) plan = make_plan (session, catalog, survey, orch, to, restart,
                                                   image, noautoscale, &error);

      if (plan == NULL)
        status = fail (error);
      else
        print_plan (plan, orch, restart != NULL, json);
    }
  else
    {
      KdccPreflightInput input = {
        .accepted_warnings = (const char * const *) accepted,
        .require_osd_release = facts.require_osd_release,
        .nearfull_ratio = facts.nearfull_ratio,
        .crush = facts.crush,
        .resuming = resuming,
      };
      g_autoptr(KdccUpgradePlan) plan = NULL;
      g_autoptr(GPtrArray) checks = NULL;
      gboolean starting = g_str_equal (sub, "start");

      if (starting && !kdcc_cli_upgrade_check_none (session, &error))
        {
          g_free (facts.require_osd_release);
          kdcc_crush_layout_free (facts.crush);
          kdcc_session_close (session);
          return fail (error);
        }
      /* With --to, a target the rules refuse fails the preflight too. */
      if (to != NULL)
        {
          plan = make_plan (session, catalog, survey, orch, to, restart, image, noautoscale,
                            &error);
          if (plan == NULL)
            {
              g_free (facts.require_osd_release);
              kdcc_crush_layout_free (facts.crush);
              kdcc_session_close (session);
              return fail (error);
            }
          if (starting && orch != NULL)
            {
              g_autofree char *text = kdcc_orch_status_describe (orch);

              g_print ("%s\n", text);
            }
        }
      /* start refuses an upgrade whose preflight fails. */
      checks = kdcc_upgrade_preflight_run (kdcc_session_get_cluster (session), survey, catalog,
                                           &input);
      if (!starting || !kdcc_upgrade_preflight_passed (checks))
        print_preflight (checks, json && !starting);
      if (!kdcc_upgrade_preflight_passed (checks))
        status = EXIT_FAILED;
      else if (starting)
        status = kdcc_cli_upgrade_start (session, g_steal_pointer (&plan), restart, &timing);
    }

  g_free (facts.require_osd_release);
  kdcc_crush_layout_free (facts.crush);
  kdcc_session_close (session);
  return status;
}
