/* kdcc-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kdcc-cli: what a server admin without a display needs, on top of the same
 * src/core as the GUI. Each subcommand is one entry in the commands[] table
 * with its own option parsing; add new ones (diagnose, ...) there.
 *
 * Exit status: 0 success, 1 the cluster could not be read (unreachable,
 * refused credentials, untrusted certificate, ...), 2 a usage error (unknown
 * command or flag, missing or contradicting flags, a file that is not
 * there). A failure prints exactly one line, "kdcc-cli: <reason>", on
 * standard error.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "kdcc-cli-audit.h"
#include "kdcc-cli-config.h"
#include "kdcc-cli-diagnose.h"
#include "kdcc-cli-explain.h"
#include "kdcc-cli-kube.h"
#include "kdcc-cli-login.h"
#include "kdcc-cli-kube-view.h"
#include "kdcc-cli-scrub.h"
#include "kdcc-cli-session.h"
#include "kdcc-cli-setup.h"
#include "kdcc-cli-sso.h"
#include "kdcc-cli-stage.h"
#include "kdcc-cli-upgrade.h"
#include "kdcc-cli-versions.h"
#include "kdcc-rados-source.h"
#include "kdcc-cluster.h"
#include "kdcc-connection-options.h"
#include "kdcc-error.h"
#include "kdcc-format.h"
#include "kdcc-health-catalog.h"
#include "kdcc-health-check.h"
#include "kdcc-oidc-kube.h"
#include "kdcc-pg-class.h"
#include "kdcc-pg-state.h"
#include "kdcc-pool.h"
#include "kdcc-profile-store.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *summary;   /* N_() */
  CommandFunc  run;
} Command;

static int command_status   (int argc, char **argv);
static int command_profiles (int argc, char **argv);

static const Command commands[] = {
  { "status", N_("Show health, capacity, placement groups, daemons and pools"), command_status },
  { "profiles", N_("List the saved connections"), command_profiles },
  { "diagnose", N_("Gather a redacted diagnostic bundle (.tar.gz) for support"), kdcc_cli_diagnose },
  { "explain", N_("Explain a health check code and link Ceph's documentation"), kdcc_cli_explain },
  { "config", N_("Get, set, remove and compare configuration options"), kdcc_cli_config },
  { "stage", N_("List, add, drop, apply and roll back staged changes"), kdcc_cli_stage },
  { "audit", N_("Show the audit log of the changes made to the cluster"), kdcc_cli_audit },
  { "versions", N_("Show the Ceph version of each daemon and what to upgrade to"), kdcc_cli_versions },
  { "scrub", N_("Show scrub status and forecast; deep-scrub the overdue PGs of a pool"),
    kdcc_cli_scrub },
  { "upgrade", N_("Plan, check, run, pause and resume an upgrade"), kdcc_cli_upgrade },
  { "kube", N_("Show a Rook cluster's custom resources, pods, deployments or a pod's log"),
    kdcc_cli_kube },
  { "setup", N_("List the set-up templates; render one into Rook objects and Helm values"),
    kdcc_cli_setup },
  { "sso", N_("Set up the Dashboard's single sign-on (SAML2) and its users' accounts"),
    kdcc_cli_sso },
  { "login", N_("Sign in with an OpenID Connect identity provider"), kdcc_cli_login },
  { "logout", N_("Sign out of an identity provider and forget its tokens"), kdcc_cli_logout },
  { "accounts", N_("List the accounts signed in with identity providers"), kdcc_cli_accounts },
};

/* Prints the one line a failure gets. Messages from lower layers may carry
 * line breaks (Ceph's own errors do); fold them so scripts can rely on a
 * single line. */
static void
print_failure (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
}

static int
fail_with_error (const GError *error)
{
  if (error->domain == KDCC_ERROR && error->code == KDCC_ERROR_INVALID_INPUT)
    {
      print_failure (error->message);
      return EXIT_USAGE;
    }

  if (error->domain == G_OPTION_ERROR)
    {
      /* The program name is "kdcc-cli status" while a command runs. */
      g_autofree char *message = g_strdup_printf (_("%s (see “%s --help”)"),
                                                  error->message, g_get_prgname ());
      print_failure (message);
      return EXIT_USAGE;
    }

  print_failure (error->message);
  return EXIT_FAILED;
}

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      /* TRANSLATORS: a remark that does not stop the command. */
      g_autofree char *line = g_strdup_printf (_("warning: %s"),
                                               (const char *) g_ptr_array_index (warnings, i));
      print_failure (line);
    }
}

static void
print_usage (void)
{
  gsize width = 0;

  g_print ("%s\n", _("Usage:"));
  g_print ("  kdcc-cli %s\n", _("COMMAND [OPTION…]"));
  g_print ("\n%s\n", _("Look at a Ceph cluster from the command line."));
  g_print ("\n%s\n", _("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, strlen (commands[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-*s  %s\n", (int) width, commands[i].name, _(commands[i].summary));

  g_print ("\n%s\n", _("Options:"));
  g_print ("  -h, --help     %s\n", _("Show this help"));
  g_print ("  --version      %s\n", _("Show the version"));
  g_print ("\n%s\n", _("Run “kdcc-cli COMMAND --help” for the options of a command."));
  g_print ("%s\n", _("Exit status: 0 success, 1 the cluster could not be read, 2 usage error."));
}

/* Parses a subcommand's own flags; argv[0] is the command name. */
static gboolean
parse_command_line (GOptionContext  *context,
                    int             *argc,
                    char          ***argv,
                    GError         **error)
{
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}

/* "status" ---------------------------------------------------------------- */

static void
print_row (const char *label,
           const char *value)
{
  /* Labels are translated, so pad by characters, not bytes. */
  glong pad = 12 - g_utf8_strlen (label, -1);

  g_print ("%s%*s %s\n", label, (int) MAX (pad, 0), "", value);
}

static char *
join_names (const GPtrArray *names)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, g_ptr_array_index (names, i));
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static int
compare_checks_by_impact (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  return kdcc_health_check_compare_by_impact (*(gpointer *) a, *(gpointer *) b, NULL);
}

static void
print_health (KdccCluster *cluster,
              gboolean     detail)
{
  GListModel *checks = kdcc_cluster_get_health_checks (cluster);
  guint n = g_list_model_get_n_items (checks);
  guint n_errors = 0, n_warnings = 0;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *value = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);

      if (kdcc_health_check_get_muted (check))
        continue;
      if (kdcc_health_check_get_severity (check) == KDCC_HEALTH_ERR)
        n_errors++;
      else if (kdcc_health_check_get_severity (check) == KDCC_HEALTH_WARN)
        n_warnings++;
    }

  sentence = kdcc_format_health_sentence (kdcc_cluster_get_health (cluster), n_errors, n_warnings);
  value = g_strdup_printf ("%s (%s)",
                           kdcc_health_status_to_string (kdcc_cluster_get_health (cluster)),
                           sentence);
  print_row (_("Health:"), value);

  /* What matters most for the data first, as on the dashboard and in the
   * diagnostics summary; Ceph's severity stays in the tag. */
  ranked = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ranked, g_list_model_get_item (checks, i));
  g_ptr_array_sort_with_data (ranked, compare_checks_by_impact, NULL);

  for (guint i = 0; i < n; i++)
    {
      KdccHealthCheck *check = g_ptr_array_index (ranked, i);

      g_print ("    %s %s: %s%s\n",
               kdcc_format_health_tag (kdcc_health_check_get_severity (check)),
               kdcc_health_check_get_code (check),
               kdcc_health_check_get_summary (check) != NULL
                 ? kdcc_health_check_get_summary (check) : "",
               kdcc_health_check_get_muted (check) ? _(" (muted)") : "");
      /* As `ceph health detail` prints them, Ceph's own "31 more pgs... "
       * included: its words, not a count of KDCC's. */
      for (const char * const *line = kdcc_health_check_get_detail (check);
           detail && line != NULL && *line != NULL; line++)
        g_print ("        %s\n", *line);
    }
}

static void
print_capacity (KdccCluster *cluster)
{
  guint64 total = kdcc_cluster_get_total_bytes (cluster);
  guint64 used = kdcc_cluster_get_used_bytes (cluster);
  guint64 avail = kdcc_cluster_get_avail_bytes (cluster);
  g_autofree char *total_str = kdcc_format_size (total);
  g_autofree char *used_str = kdcc_format_size (used);
  g_autofree char *avail_str = kdcc_format_size (avail);
  g_autofree char *percent = kdcc_format_percent (total > 0 ? (double) used / total : 0.0);
  g_autofree char *value = NULL;

  /* TRANSLATORS: "1.2 GiB used of 30 GiB (4%), 28.8 GiB available" */
  value = g_strdup_printf (_("%s used of %s (%s), %s available"),
                           used_str, total_str, percent, avail_str);
  print_row (_("Capacity:"), value);
}

static void
print_io (KdccCluster *cluster)
{
  double read_ops, write_ops, read_bytes, write_bytes, rec_bytes, rec_objects;
  g_autofree char *rd = NULL, *wr = NULL, *rd_ops = NULL, *wr_ops = NULL;
  g_autofree char *value = NULL;

  g_object_get (cluster,
                "read-ops", &read_ops, "write-ops", &write_ops,
                "read-bytes", &read_bytes, "write-bytes", &write_bytes,
                "recovering-bytes", &rec_bytes, "recovering-objects", &rec_objects,
                NULL);

  rd = kdcc_format_byte_rate (read_bytes);
  wr = kdcc_format_byte_rate (write_bytes);
  rd_ops = kdcc_format_op_rate (read_ops);
  wr_ops = kdcc_format_op_rate (write_ops);
  /* TRANSLATORS: client IO: "12 MiB/s read, 3 MiB/s written, 40 op/s read, 9 op/s written" */
  value = g_strdup_printf (_("%s read, %s written, %s read, %s written"), rd, wr, rd_ops, wr_ops);
  print_row (_("Client IO:"), value);

  if (rec_bytes > 0 || rec_objects > 0)
    {
      g_autofree char *rec = kdcc_format_byte_rate (rec_bytes);
      g_autofree char *line = NULL;

      /* TRANSLATORS: "12 MiB/s, 30 objects/s" */
      line = g_strdup_printf (_("%s, %.0f objects/s"), rec, rec_objects);
      print_row (_("Recovery:"), line);
    }
}

static void
print_pgs (KdccCluster *cluster)
{
  GListModel *states = kdcc_cluster_get_pg_states (cluster);
  g_autoptr(GString) value = g_string_new (NULL);
  KdccPgCounts counts;

  /* The one classification (kdcc-pg-class.h), as the dashboard and the
   * diagnostics summary count: stale PGs are neither clean nor active. */
  kdcc_pg_counts_init (&counts);
  kdcc_pg_counts_add_model (&counts, states);
  /* TRANSLATORS: PG numbers, e.g. "81 total, 40 active+clean, 8 not active" */
  g_string_append_printf (value, _("%lld total, %lld active+clean, %lld not active"),
                          (long long) MAX (kdcc_cluster_get_pgs_total (cluster), counts.total),
                          (long long) counts.clean, (long long) counts.not_active);

  for (guint i = 0; i < g_list_model_get_n_items (states); i++)
    {
      g_autoptr(KdccPgState) state = g_list_model_get_item (states, i);

      g_string_append_printf (value, "%s%lld %s", i == 0 ? ": " : ", ",
                              (long long) kdcc_pg_state_get_count (state),
                              kdcc_pg_state_get_state (state));
    }

  print_row (_("PGs:"), value->str);
}

static void
print_daemons (KdccCluster *cluster)
{
  const GPtrArray *mons = kdcc_cluster_get_mons (cluster);
  const GPtrArray *quorum = kdcc_cluster_get_quorum (cluster);
  g_autofree char *mon_names = join_names (quorum);
  g_autofree char *count_of = NULL;
  g_autofree char *mons_value = NULL;
  g_autofree char *mgr_active = NULL;
  g_autofree char *mgr_value = NULL;
  g_autofree char *osd_value = NULL;
  guint mons_total = 0, in_quorum = 0, standbys = 0;

  g_object_get (cluster,
                "mons-total", &mons_total, "mons-in-quorum", &in_quorum,
                "mgr-active", &mgr_active, "mgrs-standby", &standbys,
                NULL);
  if (mons_total == 0 && mons != NULL)
    mons_total = mons->len;

  count_of = kdcc_format_count_of (in_quorum, mons_total);
  if (quorum != NULL && quorum->len > 0)
    /* TRANSLATORS: "3 of 3 in quorum: a, b, c" */
    mons_value = g_strdup_printf (_("%s in quorum: %s"), count_of, mon_names);
  else
    mons_value = g_strdup_printf (_("%s in quorum"), count_of);
  print_row (_("Mons:"), mons_value);

  /* The dashboard's words: "mgr.x active, no standby". */
  mgr_value = kdcc_format_mgrs (mgr_active, standbys);
  print_row (_("Mgr:"), mgr_value);

  /* TRANSLATORS: "3 total, 3 up, 3 in" (OSDs) */
  osd_value = g_strdup_printf (_("%lld total, %lld up, %lld in"),
                               (long long) kdcc_cluster_get_osds_total (cluster),
                               (long long) kdcc_cluster_get_osds_up (cluster),
                               (long long) kdcc_cluster_get_osds_in (cluster));
  print_row (_("OSDs:"), osd_value);
}

static void
print_pools (KdccCluster *cluster)
{
  GListModel *pools = kdcc_cluster_get_pools (cluster);
  guint n = g_list_model_get_n_items (pools);
  g_autofree char *count = g_strdup_printf ("%u", n);
  int name_width = 4;

  print_row (_("Pools:"), count);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);
      const char *name = kdcc_pool_get_name (pool);

      if (name != NULL)
        name_width = MAX (name_width, (int) g_utf8_strlen (name, -1));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);
      g_autofree char *stored = kdcc_format_size (kdcc_pool_get_stored_bytes (pool));
      const char *name = kdcc_pool_get_name (pool) != NULL ? kdcc_pool_get_name (pool) : "";
      const char *type = kdcc_pool_get_pool_type (pool) != NULL
                         ? kdcc_pool_get_pool_type (pool) : "";

      /* TRANSLATORS: one pool: its id, name, type, replica count (size),
       * PG count and the data stored in it. */
      g_print (_("    %3lld  %-*s  %-10s  size %lld  pg_num %-5lld  %s stored\n"),
               (long long) kdcc_pool_get_id (pool),
               (int) (name_width + strlen (name) - g_utf8_strlen (name, -1)), name,
               type, (long long) kdcc_pool_get_size (pool),
               (long long) kdcc_pool_get_pg_num (pool), stored);
    }
}

static void
print_text (KdccCluster *cluster,
            gboolean     detail)
{
  const char *fsid = kdcc_cluster_get_fsid (cluster);
  g_autofree char *cluster_value = NULL;

  cluster_value = g_strdup_printf ("%s (%s)", kdcc_cluster_get_name (cluster),
                                   fsid != NULL ? fsid : _("unknown fsid"));
  print_row (_("Cluster:"), cluster_value);
  print_health (cluster, detail);
  print_capacity (cluster);
  print_io (cluster);
  print_pgs (cluster);
  print_daemons (cluster);
  print_pools (cluster);
}

static void
print_json (KdccCluster *cluster)
{
  gsize length = 0;
  /* Written straight into text, not as a JsonNode tree (300,000 nodes at
   * 10,000 OSDs) generated and freed. */
  g_autofree char *text = kdcc_cluster_to_json_text (cluster, &length);

  /* Written as it is: g_print() would format a second copy of the
   * document (4 MB at 10,000 OSDs) first. JSON is UTF-8 whatever the
   * locale says. */
  fwrite (text, 1, length, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

/* For a certificate we do not trust, say how to trust it: the fingerprint
 * is the one the dashboard presented, the flag is ours. */
static int
fail_fetch (const char   *fingerprint,
            const GError *error)
{
  g_autofree char *message = NULL;
  g_autofree char *reason = NULL;

  if (!g_error_matches (error, KDCC_ERROR, KDCC_ERROR_TLS) || fingerprint == NULL)
    return fail_with_error (error);

  /* TRANSLATORS: the first %s is the TLS error, the second the SHA-256
   * fingerprint to pass to --trust-fingerprint. */
  reason = g_strdup (error->message);
  g_strchomp (reason);
  if (g_str_has_suffix (reason, "."))
    reason[strlen (reason) - 1] = '\0';
  message = g_strdup_printf (_("%s. If this is the dashboard's own certificate, run again "
                               "with --trust-fingerprint %s"),
                             reason, fingerprint);
  print_failure (message);
  return EXIT_FAILED;
}

static int
command_status (int    argc,
                char **argv)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(KdccProfile) profile = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KdccSecretPassword) password = NULL;
  g_autofree char *fingerprint = NULL;
  KdccCluster *cluster;
  GOptionGroup *group;
  gboolean json = FALSE;
  gboolean detail = FALSE;
  int max_body_mb = 0;
  g_autofree char *kubeconfig = NULL;
  g_autofree char *kube_context = NULL;
  g_autofree char *kube_namespace = NULL;
  g_autofree char *sso_issuer = NULL;
  g_autofree char *sso_client_id = NULL;
  const GOptionEntry status_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the status as JSON instead of text"), NULL },
    { "detail", 0, 0, G_OPTION_ARG_NONE, &detail,
      N_("Print each health check's detail lines, as Ceph writes them"), NULL },
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &kubeconfig,
      N_("Find Rook's Ceph clusters through this kubeconfig (several joined with “:”, as in "
         "KUBECONFIG) and read the dashboard through the API server"), N_("PATH") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &kube_context,
      N_("The kubeconfig context (default: its current context)"), N_("CONTEXT") },
    { "namespace", 0, 0, G_OPTION_ARG_STRING, &kube_namespace,
      N_("Look for CephClusters only in this namespace (default: all the user may list)"),
      N_("NAMESPACE") },
    { "sso-issuer", 0, 0, G_OPTION_ARG_STRING, &sso_issuer,
      N_("Sign in to Kubernetes with KDCC's account at this OpenID provider (see "
         "“kdcc-cli login”) instead of the kubeconfig user's credentials"), N_("URL") },
    { "sso-client-id", 0, 0, G_OPTION_ARG_STRING, &sso_client_id,
      N_("The client id of that account (with --sso-issuer)"), N_("ID") },
    { "max-body-mb", 0, 0, G_OPTION_ARG_INT, &max_body_mb,
      N_("Accept Dashboard answers up to this size (default 64 MB; raise it for clusters "
         "of many thousand OSDs)"), N_("MB") },
    { NULL }
  };

  context = g_option_context_new (_("— show the state of a cluster"));
  g_option_context_set_summary (context,
                                _("Choose the cluster with --profile, --conf (direct, "
                                  "through librados), --dashboard (Ceph Dashboard) or "
                                  "--kubeconfig (Rook, through the Kubernetes API)."));
  /* The connection flags are the main group so --help shows them. */
  group = kdcc_connection_options_create_group (options);
  g_option_group_add_entries (group, status_entries);
  g_option_context_set_main_group (context, group);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!parse_command_line (context, &argc, &argv, &error))
    return fail_with_error (error);
  if (max_body_mb < 0 || max_body_mb > 100000)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--max-body-mb must be between 1 and 100000"));
      return fail_with_error (error);
    }

  if ((sso_issuer == NULL) != (sso_client_id == NULL))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--sso-issuer and --sso-client-id go together"));
      return fail_with_error (error);
    }

  if (kubeconfig != NULL || kube_context != NULL || kube_namespace != NULL || sso_issuer != NULL)
    {
      /* --user picks another dashboard user than Rook's "admin". */
      session = kdcc_cli_kube_open_session (kubeconfig, kube_context, kube_namespace,
                                            options->user, sso_issuer, sso_client_id, json,
                                            &error);
      if (session == NULL)
        return fail_fetch (NULL, error);
    }
  else
    {
      if (!kdcc_connection_options_resolve (options, NULL, NULL, &profile, &password, warnings,
                                            &error))
        {
          print_warnings (warnings);
          return fail_with_error (error);
        }
      print_warnings (warnings);

      /* For this run only: a saved profile is not written back. */
      if (max_body_mb > 0)
        kdcc_profile_set_max_body_mb (profile, (guint) max_body_mb);

      /* The session's first refresh fetches every map: all that status shows. */
      session = kdcc_cli_open_session (profile, password, KDCC_SESSION_FLAGS_NONE, &fingerprint,
                                       &error);
      if (session == NULL)
        return fail_fetch (fingerprint, error);
    }

  cluster = kdcc_session_get_cluster (session);
  if (json)
    print_json (cluster);
  else
    print_text (cluster, detail);

  kdcc_session_close (session);
  return EXIT_SUCCESS;
}

/* "profiles" -------------------------------------------------------------- */

static int
command_profiles (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KdccProfileStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  context = g_option_context_new (_("— list the saved connections"));
  g_option_context_set_summary (context,
                                _("Use one of them with “kdcc-cli status --profile ID”."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!parse_command_line (context, &argc, &argv, &error))
    return fail_with_error (error);

  store = kdcc_profile_store_new (NULL);
  if (!kdcc_profile_store_load (store, &error))
    {
      /* A damaged file was moved aside: say so, list what was readable. */
      g_autofree char *line = g_strdup_printf (_("warning: %s"), error->message);
      print_failure (line);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n == 0)
    {
      g_print ("%s\n", _("No saved connections."));
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccProfile) profile = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autofree char *name = kdcc_profile_dup_display_name (profile);
      g_autofree char *target = NULL;

      switch (kdcc_profile_get_kind (profile))
        {
        case KDCC_PROFILE_KIND_DIRECT:
          target = g_strdup_printf ("%s (client.%s)",
                                    kdcc_profile_get_conf_path (profile) != NULL
                                      ? kdcc_profile_get_conf_path (profile) : "",
                                    kdcc_profile_get_client_id (profile));
          break;
        case KDCC_PROFILE_KIND_DASHBOARD:
          target = g_strdup_printf ("%s (%s)",
                                    kdcc_profile_get_url (profile) != NULL
                                      ? kdcc_profile_get_url (profile) : "",
                                    kdcc_profile_get_user (profile) != NULL
                                      ? kdcc_profile_get_user (profile) : "");
          break;
        case KDCC_PROFILE_KIND_KUBERNETES:
          target = g_strdup (kdcc_profile_get_kube_context (profile) != NULL
                               ? kdcc_profile_get_kube_context (profile) : "");
          break;
        default:
          target = g_strdup ("");
          break;
        }

      g_print ("%s\t%s\t%s\t%s\n", kdcc_profile_get_id (profile), name,
               kdcc_profile_kind_to_string (kdcc_profile_get_kind (profile)), target);
    }

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *prgname = NULL;
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_failure (_("No command given (see “kdcc-cli --help”)"));
      return EXIT_USAGE;
    }

  name = argv[1];
  /* Kubernetes users of an OpenID provider sign in with `kdcc-cli login`'s
   * accounts (made only when such a user connects). */
  kdcc_oidc_kube_install (NULL);

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage ();
      return EXIT_SUCCESS;
    }

  if (g_str_equal (name, "--version"))
    {
      g_print ("kdcc-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (name, commands[i].name))
        {
          int status;

          /* GOption prints "kdcc-cli status" in usage lines. */
          prgname = g_strdup_printf ("kdcc-cli %s", commands[i].name);
          g_set_prgname (prgname);
          status = commands[i].run (argc - 1, argv + 1);
          /* A closed session's worker may still be fetching: exiting
           * under librados' threads crashes in OpenSSL's clean-up. */
          if (!kdcc_rados_source_wait_closed ((KDCC_RADOS_TIMEOUT_S + 5) * 1000))
            g_debug ("Exiting with %u librados handles still open",
                     kdcc_rados_source_get_open_handles ());
          return status;
        }
    }

  if (name[0] == '-')
    {
      g_autofree char *message = g_strdup_printf (_("Unknown option %s (see “kdcc-cli --help”)"),
                                                  name);
      print_failure (message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s” (see “kdcc-cli "
                                                    "--help”)"),
                                                  name);
      print_failure (message);
    }

  return EXIT_USAGE;
}
