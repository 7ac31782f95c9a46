/* kdcc-cli-upgrade-auto.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli upgrade auto [--mode disabled|notify|window] [--window 'Sat 02:00 4h']
 * [--restart-command TEMPLATE] [--notifications on|off] [--json]` shows and
 * sets the cluster's automated upgrade; `--check` runs the scheduler's
 * decision once, as the app's timer does, and prints it; when the
 * decision is to start (the window is open, the preflight passed), the
 * upgrade runs in the foreground like `upgrade start`.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "kdcc-cli-session.h"
#include "kdcc-cli-upgrade-run.h"
#include "kdcc-cli-upgrade-auto.h"
#include "kdcc-cli-upgrade.h"
#include "kdcc-cluster.h"
#include "kdcc-connection-options.h"
#include "kdcc-error.h"
#include "kdcc-upgrade-auto.h"
#include "kdcc-upgrade-headroom.h"
#include "kdcc-upgrade-preflight.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

static int
fail (const GError *error)
{
  g_autofree char *line = NULL;

  if (error->domain == G_OPTION_ERROR)
    line = g_strdup_printf (_("%s (see “kdcc-cli upgrade auto --help”)"), error->message);
  else
    line = g_strdup (error->message);
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("kdcc-cli: %s\n", g_strstrip (line));
  return error->domain == G_OPTION_ERROR ? EXIT_USAGE : EXIT_FAILED;
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
print_settings (const KdccAutoUpgradeSettings *settings,
                gboolean                       json)
{
  g_autofree char *window = kdcc_auto_upgrade_window_to_string (&settings->window);

  if (json)
    {
      g_autofree char *text = kdcc_auto_upgrade_settings_to_json (settings);

      g_print ("%s\n", text);
      return;
    }
  g_print ("%-18s %s\n", _("Mode:"), kdcc_auto_upgrade_mode_to_string (settings->mode));
  g_print ("%-18s %s\n", _("Window:"), *window != '\0' ? window : _("none"));
  g_print ("%-18s %s\n", _("Restart command:"),
           settings->restart_template != NULL ? settings->restart_template
                                              : _("none (the roll waits for each restart)"));
  g_print ("%-18s %s\n", _("Notifications:"), settings->notifications ? _("on") : _("off"));
  if (settings->accepted_warnings != NULL)
    {
      g_autofree char *codes = g_strjoinv (", ", settings->accepted_warnings);

      g_print ("%-18s %s\n", _("Accepted warnings:"), codes);
    }
}

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static void
print_decision (const KdccAutoUpgradeDecision *d,
                gboolean                       json)
{
  g_autofree char *start = format_time (d->window_start);
  g_autofree char *end = format_time (d->window_end);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_string_or_null (b, "action", kdcc_auto_upgrade_action_to_string (d->action));
      add_string_or_null (b, "target_release", d->target_release);
      add_string_or_null (b, "target_version", d->target_version);
      add_string_or_null (b, "window_start", start);
      add_string_or_null (b, "window_end", end);
      add_string_or_null (b, "reason", d->reason);
      json_builder_end_object (b);
      print_builder (b);
      return;
    }
  g_print ("%s: %s\n", kdcc_auto_upgrade_action_to_string (d->action), d->reason);
}

/* `osd dump`'s facts for the preflight, on a worker thread. */
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

static int
check (KdccSession                   *session,
       const KdccAutoUpgradeSettings *settings,
       GDateTime                     *now,
       const KdccUpgradeTiming       *timing,
       gboolean                       json)
{
  const char *fsid = kdcc_cluster_get_fsid (kdcc_session_get_cluster (session));
  g_autoptr(KdccReleaseCatalog) catalog = kdcc_release_catalog_new ();
  g_autoptr(KdccVersionSurvey) survey = kdcc_cli_version_survey (session);
  g_autofree char *state_path = kdcc_upgrade_state_path (fsid);
  g_autoptr(KdccUpgradeState) busy = kdcc_upgrade_state_load (state_path, NULL);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(KdccAutoUpgradeDecision) decision = NULL;
  g_autoptr(KdccUpgradePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  Facts facts = { 0 };
  KdccPreflightInput input = { 0 };
  KdccAutoUpgradeInput auto_input = { 0 };

  fetch_facts (session, &facts);
  input.accepted_warnings = (const char * const *) settings->accepted_warnings;
  input.require_osd_release = facts.require_osd_release;
  input.nearfull_ratio = facts.nearfull_ratio;
  input.crush = facts.crush;
  checks = kdcc_upgrade_preflight_run (kdcc_session_get_cluster (session), survey, catalog,
                                       &input);
  g_free (facts.require_osd_release);
  kdcc_crush_layout_free (facts.crush);

  auto_input.running = survey->have_versions ? survey->oldest : NULL;
  auto_input.preflight = checks;
  auto_input.in_progress = busy;
  decision = kdcc_auto_upgrade_decide (settings, catalog, now, &auto_input);
  print_decision (decision, json);
  if (decision->action != KDCC_AUTO_UPGRADE_START)
    return EXIT_SUCCESS;

  plan = kdcc_upgrade_plan_new (catalog, kdcc_session_get_cluster (session), survey,
                                decision->target_release, settings->restart_template, &error);
  if (plan == NULL)
    return fail (error);
  return kdcc_cli_upgrade_start (session, g_steal_pointer (&plan), settings->restart_template,
                                 timing);
}

int
kdcc_cli_upgrade_auto (int    argc,
                       char **argv)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccAutoUpgradeSettings) settings = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *window = NULL;
  g_autofree char *restart = NULL;
  g_autofree char *notifications = NULL;
  g_autofree char *at = NULL;
  g_auto(GStrv) accepted = NULL;
  KdccUpgradeTiming timing = { 1000, 60, 600 };
  int stall_after = 60;
  gboolean json = FALSE, run_check = FALSE, changed;
  const char *fsid;
  GOptionGroup *group;
  int status;
  const GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode,
      N_("disabled, notify (say when a safe newer release exists) or window (upgrade to it "
         "in the maintenance window)"), N_("MODE") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window,
      N_("The maintenance window in local time, e.g. “Sat 02:00 4h” or “Mon-Fri 01:30 90m”"),
      N_("WINDOW") },
    { "restart-command", 0, 0, G_OPTION_ARG_STRING, &restart,
      N_("How the window's roll restarts one daemon, with {type}, {id} and {host} (\"\" for "
         "none)"), N_("TEMPLATE") },
    { "notifications", 0, 0, G_OPTION_ARG_STRING, &notifications,
      N_("Desktop notifications of the app for this cluster: on or off"), N_("on|off") },
    { "accept-warning", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accepted,
      N_("A health warning the window's preflight accepts (repeatable; replaces the list; "
         "\"\" for none)"), N_("CODE") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &run_check,
      N_("Decide once, as the app does on its timer, and start the upgrade if the window is "
         "open"), NULL },
    { "at", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &at,
      N_("Decide as if it were this local time (ISO 8601), for tests"), N_("TIME") },
    { "stall-after", 0, 0, G_OPTION_ARG_INT, &stall_after,
      N_("Report a wait this long as a stall (default 60)"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— show and set the automated upgrade of a cluster"));
  g_option_context_set_summary (context,
                                _("Without --mode, --window, --restart-command, "
                                  "--notifications or --accept-warning, prints the setting; with them, changes it. "
                                  "--check runs the scheduler's decision once (nothing, "
                                  "notify-available, wait-until or start) and, on start, runs "
                                  "the upgrade like “upgrade start”."));
  group = kdcc_connection_options_create_group (options);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”"), argv[1]);
      return fail (error);
    }
  if (stall_after < 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--stall-after takes a number of seconds"));
      return fail (error);
    }
  timing.stall_after_s = (guint) stall_after;
  if (at != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      now = g_date_time_new_from_iso8601 (at, local);
      if (now == NULL)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a time (ISO 8601)"), at);
          return fail (error);
        }
    }
  else
    now = g_date_time_new_now_local ();

  session = kdcc_cli_connect (options, &error);
  if (session == NULL)
    return fail (error);
  fsid = kdcc_cluster_get_fsid (kdcc_session_get_cluster (session));
  settings = kdcc_auto_upgrade_settings_load (fsid, &error);
  if (settings == NULL)
    {
      kdcc_session_close (session);
      return fail (error);
    }

  changed = mode != NULL || window != NULL || restart != NULL || notifications != NULL
            || accepted != NULL;
  if (mode != NULL && !kdcc_auto_upgrade_mode_parse (mode, &settings->mode))
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--mode is disabled, notify or window, not “%s”"), mode);
  else if (window != NULL && !kdcc_auto_upgrade_window_parse (window, &settings->window,
                                                               &parse_error))
    g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, parse_error->message);
  else if (notifications != NULL && !g_str_equal (notifications, "on")
           && !g_str_equal (notifications, "off"))
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--notifications is on or off, not “%s”"), notifications);
  else if (settings->mode == KDCC_AUTO_UPGRADE_WINDOW && settings->window.days == 0)
    g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("--mode window needs --window, e.g. --window 'Sat 02:00 4h'"));
  if (error != NULL)
    {
      kdcc_session_close (session);
      return fail (error);
    }
  if (restart != NULL)
    {
      g_free (settings->restart_template);
      settings->restart_template = *restart != '\0' ? g_strdup (restart) : NULL;
    }
  if (notifications != NULL)
    settings->notifications = g_str_equal (notifications, "on");
  if (accepted != NULL)
    {
      g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

      for (guint i = 0; accepted[i] != NULL; i++)
        if (*accepted[i] != '\0')
          g_strv_builder_add (codes, accepted[i]);
      g_strfreev (settings->accepted_warnings);
      settings->accepted_warnings = g_strv_builder_end (codes);
      if (settings->accepted_warnings[0] == NULL)
        g_clear_pointer (&settings->accepted_warnings, g_strfreev);
    }
  if (changed && !kdcc_auto_upgrade_settings_save (settings, fsid, &error))
    {
      kdcc_session_close (session);
      return fail (error);
    }

  if (run_check)
    status = check (session, settings, now, &timing, json);
  else
    {
      print_settings (settings, json);
      status = EXIT_SUCCESS;
    }
  kdcc_session_close (session);
  return status;
}
