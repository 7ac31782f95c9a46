/* kdcc-cli-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-cli-controls.h"
#include "kdcc-cli-session.h"
#include "kdcc-connection-options.h"
#include "kdcc-error.h"

void
kdcc_cli_controls_clear (KdccCliControls *controls)
{
  g_clear_object (&controls->catalog);
  g_clear_object (&controls->audit);
  g_clear_object (&controls->staging);
  if (controls->session != NULL)
    kdcc_session_close (controls->session);
  g_clear_object (&controls->session);
}

static void
print_line (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
}

int
kdcc_cli_controls_usage (const char *message)
{
  g_autofree char *line = g_strdup_printf (_("%s (see “%s --help”)"), message, g_get_prgname ());

  print_line (line);
  return KDCC_CLI_EXIT_USAGE;
}

int
kdcc_cli_controls_fail (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return kdcc_cli_controls_usage (error->message);
  print_line (error->message);
  if (error->domain == KDCC_ERROR && error->code == KDCC_ERROR_INVALID_INPUT)
    return KDCC_CLI_EXIT_USAGE;
  return KDCC_CLI_EXIT_FAILED;
}

int
kdcc_cli_controls_parse (const char         *parameter,
                         const char         *summary,
                         const GOptionEntry *entries,
                         int                *argc,
                         char             ***argv,
                         KdccCliControls    *controls)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  const char *fsid;
  GOptionGroup *group;

  g_option_context_set_summary (context, summary);
  group = kdcc_connection_options_create_group (options);
  if (entries != NULL)
    g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return kdcc_cli_controls_fail (error);

  if (!kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password, warnings,
                                        &error))
    {
      for (guint i = 0; i < warnings->len; i++)
        print_line (g_ptr_array_index (warnings, i));
      return kdcc_cli_controls_fail (error);
    }
  for (guint i = 0; i < warnings->len; i++)
    print_line (g_ptr_array_index (warnings, i));

  /* The first refresh gives the fsid and the daemons targets are checked
   * against. */
  controls->session = kdcc_cli_open_session (profile, password, KDCC_SESSION_FLAGS_NONE, NULL,
                                             &error);
  if (controls->session == NULL)
    return kdcc_cli_controls_fail (error);
  fsid = kdcc_cluster_get_fsid (kdcc_session_get_cluster (controls->session));
  if (fsid == NULL || *fsid == '\0')
    {
      print_line (_("The cluster did not tell its fsid"));
      return KDCC_CLI_EXIT_FAILED;
    }
  controls->staging = kdcc_staging_new (fsid, NULL);
  controls->audit = kdcc_audit_log_new (fsid, NULL);
  if (!kdcc_staging_load (controls->staging, &error) || !kdcc_audit_log_load (controls->audit,
                                                                               &error))
    return kdcc_cli_controls_fail (error);
  return 0;
}

int
kdcc_cli_controls_load_catalog (KdccCliControls *controls)
{
  g_autoptr(GError) error = NULL;

  controls->catalog = kdcc_config_catalog_new ();
  if (!kdcc_config_catalog_load_sync (controls->catalog, kdcc_session_get_source (controls->session),
                                      NULL, &error))
    return kdcc_cli_controls_fail (error);
  return 0;
}

static void
job_state_cb (KdccJob    *job,
              GParamSpec *pspec,
              GMainLoop  *loop)
{
  if (kdcc_job_is_finished (job))
    g_main_loop_quit (loop);
}

gboolean
kdcc_cli_controls_wait (KdccJob *job)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gulong id;

  id = g_signal_connect (job, "notify::state", G_CALLBACK (job_state_cb), loop);
  if (!kdcc_job_is_finished (job))
    g_main_loop_run (loop);
  g_signal_handler_disconnect (job, id);
  /* Let queued model updates (audit lines) land. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return kdcc_job_get_state (job) == KDCC_JOB_STATE_SUCCEEDED;
}

void
kdcc_cli_controls_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
