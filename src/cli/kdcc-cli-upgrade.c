/* kdcc-cli-upgrade.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli upgrade plan --to RELEASE [--restart-command TEMPLATE]` prints
 * the ordered steps of a package-based roll with their exact commands;
 * `kdcc-cli upgrade preflight` runs the checks before one. Neither changes
 * the cluster.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-cli-session.h"
#include "kdcc-cli-upgrade.h"
#include "kdcc-cluster.h"
#include "kdcc-connection-options.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-error.h"
#include "kdcc-release-catalog.h"
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

/* What the cluster says: daemon names and versions, and `osd dump`. */
typedef struct
{
  GPtrArray *named;
  char      *require_osd_release;
  double     nearfull_ratio;
} Facts;

static void
facts_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KdccSource *source = source_object;
  Facts *facts = task_data;
  static const char *types[] = { "mon", "mgr", "osd", "mds" };
  g_autofree char *status = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  facts->named = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_version_free);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *command = g_strdup_printf ("{\"prefix\":\"%s metadata\",\"format\":\"json\"}",
                                                  types[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *st = NULL;
      g_autoptr(GError) e = NULL;
      gsize size = 0;
      const char *text;

      bytes = kdcc_source_run_command_sync (source, "mon", command, &st, cancellable, &e);
      if (bytes != NULL)
        {
          text = g_bytes_get_data (bytes, &size);
          kdcc_daemon_versions_parse_metadata (types[i], text, (gssize) size, facts->named, &e);
        }
      if (e != NULL)
        g_debug ("%s metadata: %s", types[i], e->message);
    }

  out = kdcc_source_run_command_sync (source, "mon", "{\"prefix\":\"osd dump\",\"format\":\"json\"}",
                                      &status, cancellable, &error);
  if (out != NULL)
    {
      gsize size = 0;
      const char *text = g_bytes_get_data (out, &size);

      kdcc_upgrade_parse_osd_dump (text, (gssize) size, &facts->require_osd_release,
                                   &facts->nearfull_ratio, &error);
    }
  if (error != NULL)
    g_debug ("osd dump: %s", error->message);
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

static const char *
step_kind_nick (KdccUpgradeStepKind kind)
{
  static const char *nicks[] = { "set-flag", "daemon", "gate", "prepare", "require-release",
                                 "unset-flag" };

  return kind < G_N_ELEMENTS (nicks) ? nicks[kind] : "unknown";
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
print_plan (KdccUpgradePlan *plan,
            gboolean         have_template,
            gboolean         json)
{
  g_autofree char *path = kdcc_upgrade_path_to_string (plan->path);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_string_or_null (b, "running", plan->running);
      add_string_or_null (b, "running_release", plan->running_release);
      add_string_or_null (b, "target_release", plan->target_release);
      add_string_or_null (b, "target_version", plan->target_version);
      add_string_or_null (b, "path", path);
      json_builder_set_member_name (b, "steps");
      json_builder_begin_array (b);
      for (guint i = 0; i < plan->steps->len; i++)
        {
          KdccUpgradeStep *s = g_ptr_array_index (plan->steps, i);
          g_autofree char *daemon = s->daemon_type != NULL
                                    ? g_strdup_printf ("%s.%s", s->daemon_type, s->daemon_id) : NULL;

          json_builder_begin_object (b);
          add_string_or_null (b, "kind", step_kind_nick (s->kind));
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
  if (!have_template)
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

int
kdcc_cli_upgrade (int    argc,
                  char **argv)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccReleaseCatalog) catalog = NULL;
  g_autoptr(KdccVersionSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  g_auto(GStrv) accepted = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *to = NULL;
  g_autofree char *restart = NULL;
  Facts facts = { 0 };
  const char *sub;
  GOptionGroup *group;
  gboolean json = FALSE, resuming = FALSE;
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
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("plan|preflight — plan an upgrade and check it is safe"));
  g_option_context_set_summary (context,
                                _("plan --to RELEASE lists the steps of the upgrade with "
                                  "their exact commands; preflight runs the checks before "
                                  "one. Neither changes the cluster."));
  group = kdcc_connection_options_create_group (options);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  sub = argc > 1 ? argv[1] : NULL;
  if (sub == NULL || (!g_str_equal (sub, "plan") && !g_str_equal (sub, "preflight")))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Say “plan” or “preflight”"));
      return fail (error);
    }
  if (argc > 2)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”"), argv[2]);
      return fail (error);
    }
  if (g_str_equal (sub, "plan") && to == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("upgrade plan needs --to RELEASE"));
      return fail (error);
    }

  if (!kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password, warnings,
                                        &error))
    {
      for (guint i = 0; i < warnings->len; i++)
        print_line (g_ptr_array_index (warnings, i));
      return fail (error);
    }
  for (guint i = 0; i < warnings->len; i++)
    print_line (g_ptr_array_index (warnings, i));

  session = kdcc_cli_open_session (profile, password, KDCC_SESSION_FLAGS_NONE, &fingerprint,
                                   &error);
  if (session == NULL)
    return fail (error);

  fetch_facts (session, &facts);
  survey = kdcc_version_survey_new (kdcc_cluster_get_versions (kdcc_session_get_cluster (session)),
                                    g_steal_pointer (&facts.named));
  catalog = kdcc_release_catalog_new ();

  if (g_str_equal (sub, "plan"))
    {
      g_autoptr(KdccUpgradePlan) plan = kdcc_upgrade_plan_new (catalog,
                                                               kdcc_session_get_cluster (session),
                                                               survey, to, restart, &error);

      if (plan == NULL)
        status = fail (error);
      else
        print_plan (plan, restart != NULL, json);
    }
  else
    {
      KdccPreflightInput input = {
        .accepted_warnings = (const char * const *) accepted,
        .require_osd_release = facts.require_osd_release,
        .nearfull_ratio = facts.nearfull_ratio,
        .resuming = resuming,
      };
      g_autoptr(GPtrArray) checks = NULL;

      /* With --to, a target the rules refuse fails the preflight too. */
      if (to != NULL)
        {
          g_autoptr(KdccUpgradePlan) plan = kdcc_upgrade_plan_new (catalog,
                                                                   kdcc_session_get_cluster (session),
                                                                   survey, to, NULL, &error);
          if (plan == NULL)
            {
              g_free (facts.require_osd_release);
              kdcc_session_close (session);
              return fail (error);
            }
        }
      checks = kdcc_upgrade_preflight_run (kdcc_session_get_cluster (session), survey, catalog,
                                           &input);
      print_preflight (checks, json);
      if (!kdcc_upgrade_preflight_passed (checks))
        status = EXIT_FAILED;
    }

  g_free (facts.require_osd_release);
  kdcc_session_close (session);
  return status;
}
