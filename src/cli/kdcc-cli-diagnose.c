/* kdcc-cli-diagnose.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli diagnose`: one command gathers what a support engineer asks
 * for into a redacted .tar.gz, on a server without a display. Progress
 * goes to standard error one line per item, SUMMARY.txt to standard
 * output, then the path of the bundle.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-cli-diagnose.h"
#include "kdcc-cli-session.h"
#include "kdcc-connection-options.h"
#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics.h"
#include "kdcc-error.h"
#include "kdcc-profile.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  char         *path;
  GError       *error;
  gboolean      quiet;
} Run;

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
  if (error->domain == G_OPTION_ERROR
      || (error->domain == KDCC_ERROR && error->code == KDCC_ERROR_INVALID_INPUT))
    {
      g_autofree char *message = g_strdup_printf (_("%s (see “kdcc-cli diagnose --help”)"),
                                                  error->message);
      print_line (message);
      return EXIT_USAGE;
    }
  print_line (error->message);
  return EXIT_FAILED;
}

static void
progress_cb (KdccDiagnostics *diagnostics,
             guint            done,
             guint            total,
             const char      *item,
             gpointer         user_data)
{
  Run *run = user_data;

  if (run->quiet)
    return;
  /* TRANSLATORS: a progress line: items done, items known, current item. */
  g_printerr (_("[%u/%u] %s\n"), done, total, item != NULL ? item : "");
}

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->path = kdcc_diagnostics_gather_finish (KDCC_DIAGNOSTICS (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Run *run = user_data;

  print_line (_("Interrupted: cancelling, no file will be left behind"));
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* -o may name a folder: the bundle then gets its default name inside. */
static char *
resolve_output (const char *output)
{
  g_autofree char *default_name = kdcc_diagnostics_default_file_name ();
  g_autofree char *cwd = g_get_current_dir ();

  if (output == NULL)
    return g_build_filename (cwd, default_name, NULL);
  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    return g_path_is_absolute (output) ? g_build_filename (output, default_name, NULL)
                                       : g_build_filename (cwd, output, default_name, NULL);
  return g_path_is_absolute (output) ? g_strdup (output) : g_build_filename (cwd, output, NULL);
}

int
kdcc_cli_diagnose (int    argc,
                   char **argv)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccDiagnostics) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *size = NULL;
  g_autofree char *password = NULL;
  g_autofree char *kubeconfig = NULL;
  g_autofree char *kube_context = NULL;
  g_autofree char *kube_namespace = NULL;
  GOptionGroup *group;
  gboolean no_redact = FALSE, quiet = FALSE;
  int timeout_s = 60, parallel = 4, max_body_mb = 0;
  guint sigint_id, sigterm_id;
  Run run = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the bundle to FILE (or into the folder FILE); default: the current folder"),
      N_("FILE") },
    { "no-redact", 0, 0, G_OPTION_ARG_NONE, &no_redact,
      N_("Keep keys, secrets and passwords in the bundle (for local use only)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s,
      N_("Give up on one item after SECONDS (default 60)"), N_("SECONDS") },
    { "parallel", 0, 0, G_OPTION_ARG_INT, &parallel,
      N_("Gather at most N items at once (default 4)"), N_("N") },
    { "max-body-mb", 0, 0, G_OPTION_ARG_INT, &max_body_mb,
      N_("Accept Dashboard answers up to this size (default 64 MB; raise it for clusters "
         "of many thousand OSDs)"), N_("MB") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print no progress lines and no summary, only the bundle's path"), NULL },
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &kubeconfig,
      N_("Gather a Rook cluster's bundle through this kubeconfig, with its Kubernetes objects "
         "and pod logs"), N_("PATH") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &kube_context,
      N_("The kubeconfig context (default: its current context)"), N_("CONTEXT") },
    { "namespace", 0, 0, G_OPTION_ARG_STRING, &kube_namespace,
      N_("The CephCluster's namespace (default: the first CephCluster found)"), N_("NS") },
    { NULL }
  };

  context = g_option_context_new (_("— gather a redacted diagnostic bundle"));
  g_option_context_set_summary (context,
                                _("Gathers what a support engineer asks for (status, health, "
                                  "maps, configuration, logs, crash reports, …) into one .tar.gz "
                                  "with a manifest and a summary. Keys, secrets and passwords are "
                                  "replaced in every file."));
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
  if (timeout_s < 1 || timeout_s > 3600 || parallel < 1 || parallel > 32 ||
      max_body_mb < 0 || max_body_mb > 100000)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--timeout must be between 1 and 3600, --parallel between 1 and 32 "
                             "and --max-body-mb between 1 and 100000"));
      return fail (error);
    }

  path = resolve_output (output);
  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (&error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("The folder %s does not exist"), dir);
      return fail (error);
    }

  if (kubeconfig != NULL || kube_context != NULL || kube_namespace != NULL)
    {
      /* A Kubernetes connection: the kubeconfig's credentials reach both
       * the Rook objects and the dashboard behind the service proxy. */
      profile = kdcc_profile_new (KDCC_PROFILE_KIND_KUBERNETES);
      kdcc_profile_set_name (profile, kube_context ? kube_context : "kubernetes");
      kdcc_profile_set_kubeconfig (profile, kubeconfig);
      kdcc_profile_set_kube_context (profile, kube_context);
      kdcc_profile_set_rook_namespace (profile, kube_namespace);
    }
  else if (!kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password, warnings,
                                             &error))
    {
      for (guint i = 0; i < warnings->len; i++)
        print_line (g_ptr_array_index (warnings, i));
      return fail (error);
    }
  for (guint i = 0; i < warnings->len; i++)
    print_line (g_ptr_array_index (warnings, i));

  if (max_body_mb > 0)
    kdcc_profile_set_max_body_mb (profile, (guint) max_body_mb);

  /* No first snapshot: a cluster that cannot be read still gets a bundle
   * that records every error. */
  session = kdcc_cli_open_session (profile, password, KDCC_SESSION_FLAGS_NO_FIRST_FETCH, NULL,
                                   &error);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (session == NULL)
    return fail (error);
  /* A dashboard request may take as long as an item. */
  if (KDCC_IS_DASHBOARD_SOURCE (kdcc_session_get_source (session)))
    g_object_set (kdcc_session_get_source (session), "deadline", (guint) timeout_s * 1000, NULL);

  if (no_redact)
    print_line (_("warning: --no-redact: the bundle will contain keys, secrets and passwords; "
                  "do not share it"));

  diagnostics = kdcc_diagnostics_new (kdcc_session_get_source (session));
  kdcc_diagnostics_set_redact (diagnostics, !no_redact);
  kdcc_diagnostics_set_item_timeout (diagnostics, (guint) timeout_s * 1000);
  kdcc_diagnostics_set_max_parallel (diagnostics, (guint) parallel);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.cancellable = cancellable;
  run.quiet = quiet;
  g_signal_connect (diagnostics, "progress", G_CALLBACK (progress_cb), &run);
  sigint_id = g_unix_signal_add (SIGINT, interrupted_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupted_cb, &run);

  kdcc_diagnostics_gather_async (diagnostics, path, cancellable, gathered_cb, &run);
  g_main_loop_run (loop);

  /* A timed-out item may still hold the source on a worker thread. Shut the
   * librados connection down here, on the main thread, rather than when
   * that worker drops the last reference while exit handlers run. */
  kdcc_session_close (session);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (run.path == NULL)
    {
      int status = fail (run.error);

      g_clear_error (&run.error);
      return status;
    }

  if (!quiet)
    g_print ("%s\n", kdcc_diagnostics_get_summary (diagnostics));
  size = g_format_size (kdcc_diagnostics_get_bundle_size (diagnostics));
  if (!quiet)
    /* TRANSLATORS: %s: path of the bundle, its size; %u: items, failed. */
    g_printerr (_("Wrote %s (%s, %u items, %u failed, %.1f s)\n"), run.path, size,
                kdcc_diagnostics_get_n_items (diagnostics),
                kdcc_diagnostics_get_n_failed (diagnostics),
                kdcc_diagnostics_get_duration (diagnostics));
  g_print ("%s\n", run.path);

  if (kdcc_diagnostics_get_n_cluster_ok (diagnostics) == 0)
    {
      const char *first = kdcc_diagnostics_get_first_error (diagnostics);
      g_autofree char *line = NULL;

      /* TRANSLATORS: %s is the first error, e.g. "Connection refused". */
      line = g_strdup_printf (_("Nothing could be read from the cluster (%s); the bundle "
                                "records every error"), first != NULL ? first : "");
      print_line (line);
      g_free (run.path);
      return EXIT_FAILED;
    }
  g_free (run.path);
  return EXIT_SUCCESS;
}
