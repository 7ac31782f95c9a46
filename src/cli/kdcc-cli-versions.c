/* kdcc-cli-versions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli versions`: the Ceph version of each daemon type, whether the
 * cluster runs mixed versions and which daemons lag, and what the release
 * catalog says: the release, its end of life, the newest point release and
 * the releases an upgrade may go to. Offline by default; the version
 * service is asked only with --version-service or when the settings turn
 * it on.
 *
 * Daemon names come from `<type> metadata` when the connection runs mon
 * commands (librados); through the Dashboard only the counts of
 * `ceph versions` are known, and the lagging daemons are named by type.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "kdcc-cli-kube.h"
#include "kdcc-cli-session.h"
#include "kdcc-cli-versions-rook.h"
#include "kdcc-cli-versions.h"
#include "kdcc-cluster.h"
#include "kdcc-connection-options.h"
#include "kdcc-daemon-versions.h"
#include "kdcc-enums.h"
#include "kdcc-error.h"
#include "kdcc-release-catalog.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

/* The daemon types `ceph versions` reports, in its order. */
static const char *daemon_types[] = { "mon", "mgr", "osd", "mds", "rgw", "rbd-mirror" };

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
      g_autofree char *message = g_strdup_printf (_("%s (see “kdcc-cli versions --help”)"),
                                                  error->message);
      print_line (message);
      return EXIT_USAGE;
    }
  print_line (error->message);
  return EXIT_FAILED;
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : "unknown";
}

static char *
release_title (const char *name)
{
  if (name == NULL)
    return g_strdup (_("unknown"));
  return g_strdup_printf ("%c%s", g_ascii_toupper (name[0]), name + 1);
}

/* Output --------------------------------------------------------------------- */

static void
print_row (const char *label,
           const char *value)
{
  glong pad = 16 - g_utf8_strlen (label, -1);

  g_print ("%s%*s %s\n", label, (int) MAX (pad, 0), "", value);
}

static void
print_text (KdccVersionSurvey  *s,
            KdccReleaseCatalog *catalog,
            KdccReleaseCheck   *check,
            gboolean            asked)
{
  g_autoptr(GPtrArray) behind = kdcc_version_survey_dup_lagging (s);
  g_autofree char *release = release_title (check->release_name);
  g_autofree char *release_value = NULL;
  g_autofree char *newest_value = NULL;
  g_autoptr(GString) targets = g_string_new (NULL);
  g_autofree char *catalog_value = NULL;

  g_print ("%s\n", _("Daemons:"));
  for (guint t = 0; t < G_N_ELEMENTS (daemon_types); t++)
    for (guint i = 0; i < s->counted->len; i++)
      {
        KdccDaemonVersion *d = g_ptr_array_index (s->counted, i);
        g_autofree char *short_version = d->parsed_ok ? kdcc_ceph_version_to_string (&d->parsed)
                                                      : g_strdup (d->version);

        if (g_str_equal (d->type, daemon_types[t]))
          /* TRANSLATORS: a daemon type, its version and how many run it:
           * "  osd         16.2.15   3" */
          g_print (_("  %-10s  %-9s %3lld\n"), d->type, short_version, (long long) d->count);
      }

  if (!s->have_versions)
    print_row (_("Mixed versions:"), _("unknown (no daemon reported a version)"));
  else if (!s->mixed)
    print_row (_("Mixed versions:"), _("no"));
  else
    {
      g_autoptr(GString) value = g_string_new (NULL);

      /* TRANSLATORS: followed by the daemons that run an older version */
      g_string_printf (value, _("yes; behind %s:"), s->newest);
      for (guint i = 0; i < behind->len; i++)
        {
          KdccDaemonVersion *d = g_ptr_array_index (behind, i);
          g_autofree char *v = kdcc_ceph_version_to_string (&d->parsed);

          if (d->name != NULL)
            g_string_append_printf (value, "%s %s (%s)", i > 0 ? "," : "", d->name, v);
          else
            /* TRANSLATORS: "2 osd on 16.2.14" when the daemons' names are unknown */
            g_string_append_printf (value, _("%s %lld %s on %s"), i > 0 ? "," : "",
                                    (long long) d->count, d->type, v);
        }
      print_row (_("Mixed versions:"), value->str);
    }

  if (check->state == KDCC_RELEASE_STATE_UNKNOWN_VERSION && check->release_name == NULL)
    release_value = g_strdup (_("not in the release catalog"));
  else if (check->end_of_life == NULL)
    release_value = g_strdup_printf ("%s (%u)", release, check->major);
  else if (check->is_end_of_life)
    /* TRANSLATORS: "Pacific (16), end of life since 2024-03-04" */
    release_value = g_strdup_printf (_("%s (%u), end of life since %s"), release, check->major,
                                     check->end_of_life);
  else
    /* TRANSLATORS: "Tentacle (20), end of life on 2027-06-01 (estimated)" */
    release_value = g_strdup_printf (_("%s (%u), end of life on %s%s"), release, check->major,
                                     check->end_of_life,
                                     check->end_of_life_estimated ? _(" (estimated)") : "");
  print_row (_("Release:"), release_value);

  switch (check->state)
    {
    case KDCC_RELEASE_STATE_CURRENT:
      /* TRANSLATORS: the newest point release is the one running */
      newest_value = g_strdup_printf (_("%s: up to date"), check->newest);
      break;
    case KDCC_RELEASE_STATE_UPDATE_AVAILABLE:
      /* TRANSLATORS: "16.2.15 (released 2024-03-04); 16.2.11 runs" */
      newest_value = check->newest_released != NULL
                     ? g_strdup_printf (_("%s (released %s); %s runs"), check->newest,
                                        check->newest_released, check->running)
                     : g_strdup_printf (_("%s; %s runs"), check->newest, check->running);
      break;
    case KDCC_RELEASE_STATE_CATALOG_OUTDATED:
      newest_value = g_strdup_printf (_("%s runs, newer than the release catalog knows"),
                                      check->running);
      break;
    case KDCC_RELEASE_STATE_UNKNOWN_VERSION:
    default:
      newest_value = g_strdup (_("unknown"));
      break;
    }
  print_row (_("Newest:"), newest_value);

  for (guint i = 0; i < check->upgrade_targets->len; i++)
    {
      KdccReleaseTarget *target = g_ptr_array_index (check->upgrade_targets, i);
      g_autofree char *title = release_title (target->name);

      g_string_append_printf (targets, "%s%s %s", i > 0 ? ", " : "", title, target->newest);
    }
  if (targets->len == 0)
    g_string_append (targets, _("none known"));
  g_string_append (targets, _(" (Ceph skips at most one major release)"));
  print_row (_("Upgrade to:"), targets->str);

  {
    gint age = MAX (0, kdcc_release_catalog_get_age_days (catalog, NULL));

    /* TRANSLATORS: "2026-11-30 (shipped, 3 days old)" */
    catalog_value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (shipped, %d day old)",
                                                  "%s (shipped, %d days old)", (gulong) age),
                                     kdcc_release_catalog_get_date (catalog), age);
  }
  print_row (_("Catalog:"), catalog_value);
  if (asked)
    {
      const char *message = kdcc_release_catalog_get_version_service_message (catalog);

      print_row (_("Version service:"),
                 message != NULL ? message : _("answered; the catalog took what was newer"));
    }
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (KdccVersionSurvey         *s,
            KdccReleaseCatalog        *catalog,
            KdccReleaseCheck          *check,
            gboolean                   asked,
            const KdccCliRookVersions *rook)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) behind = kdcc_version_survey_dup_lagging (s);
  g_autofree char *text = NULL;

  json_builder_begin_object (b);

  /* As `ceph versions` groups them: type → full version → count. */
  json_builder_set_member_name (b, "daemons");
  json_builder_begin_object (b);
  for (guint t = 0; t < G_N_ELEMENTS (daemon_types); t++)
    {
      gboolean open = FALSE;

      for (guint i = 0; i < s->counted->len; i++)
        {
          KdccDaemonVersion *d = g_ptr_array_index (s->counted, i);

          if (!g_str_equal (d->type, daemon_types[t]))
            continue;
          if (!open)
            {
              json_builder_set_member_name (b, d->type);
              json_builder_begin_object (b);
              open = TRUE;
            }
          json_builder_set_member_name (b, d->version);
          json_builder_add_int_value (b, d->count);
        }
      if (open)
        json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "mixed");
  json_builder_add_boolean_value (b, s->mixed);
  add_string_or_null (b, "newest_running", s->newest);
  add_string_or_null (b, "oldest_running", s->oldest);
  json_builder_set_member_name (b, "lagging");
  json_builder_begin_array (b);
  for (guint i = 0; i < behind->len; i++)
    {
      KdccDaemonVersion *d = g_ptr_array_index (behind, i);
      g_autofree char *v = kdcc_ceph_version_to_string (&d->parsed);

      json_builder_begin_object (b);
      add_string_or_null (b, "type", d->type);
      add_string_or_null (b, "name", d->name);
      add_string_or_null (b, "version", v);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, d->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "release");
  json_builder_begin_object (b);
  add_string_or_null (b, "state", enum_nick (KDCC_TYPE_RELEASE_STATE, check->state));
  add_string_or_null (b, "running", check->running);
  add_string_or_null (b, "name", check->release_name);
  json_builder_set_member_name (b, "major");
  json_builder_add_int_value (b, check->major);
  add_string_or_null (b, "newest", check->newest);
  add_string_or_null (b, "newest_released", check->newest_released);
  add_string_or_null (b, "end_of_life", check->end_of_life);
  json_builder_set_member_name (b, "end_of_life_estimated");
  json_builder_add_boolean_value (b, check->end_of_life_estimated);
  json_builder_set_member_name (b, "is_end_of_life");
  json_builder_add_boolean_value (b, check->is_end_of_life);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "upgrade_targets");
  json_builder_begin_array (b);
  for (guint i = 0; i < check->upgrade_targets->len; i++)
    {
      KdccReleaseTarget *target = g_ptr_array_index (check->upgrade_targets, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "name", target->name);
      json_builder_set_member_name (b, "major");
      json_builder_add_int_value (b, target->major);
      add_string_or_null (b, "newest", target->newest);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "catalog");
  json_builder_begin_object (b);
  add_string_or_null (b, "date", kdcc_release_catalog_get_date (catalog));
  json_builder_set_member_name (b, "age_days");
  json_builder_add_int_value (b, kdcc_release_catalog_get_age_days (catalog, NULL));
  add_string_or_null (b, "version_service",
                      enum_nick (KDCC_TYPE_VERSION_SERVICE_STATE,
                                 kdcc_release_catalog_get_version_service_state (catalog)));
  add_string_or_null (b, "version_service_message",
                      kdcc_release_catalog_get_version_service_message (catalog));
  json_builder_end_object (b);

  if (rook != NULL)
    kdcc_cli_rook_versions_add_json (rook, b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* The command ---------------------------------------------------------------- */

int
kdcc_cli_versions (int    argc,
                   char **argv)
{
  g_autoptr(KdccConnectionOptions) options = kdcc_connection_options_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KdccSession) session = NULL;
  g_autoptr(KdccReleaseCatalog) catalog = NULL;
  g_autoptr(KdccReleaseCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccVersionSurvey) s = NULL;
  g_autoptr(KdccCliRookVersions) rook = NULL;
  g_autofree char *service = NULL;
  g_autofree char *kubeconfig = NULL;
  g_autofree char *kube_context = NULL;
  g_autofree char *kube_namespace = NULL;
  GOptionGroup *group;
  gboolean json = FALSE, asked = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the versions as JSON instead of text"),
      NULL },
    { "version-service", 0, 0, G_OPTION_ARG_STRING, &service,
      N_("Also ask this version service (Koor’s protocol) for newer releases"), N_("URL") },
    /* As `kdcc-cli status`: Rook adds the operator and Ceph-CSI versions. */
    { "kubeconfig", 0, 0, G_OPTION_ARG_FILENAME, &kubeconfig,
      N_("Find Rook's Ceph cluster through this kubeconfig; also show the Rook operator and "
         "Ceph-CSI versions"), N_("PATH") },
    { "context", 0, 0, G_OPTION_ARG_STRING, &kube_context,
      N_("The kubeconfig context (default: its current context)"), N_("CONTEXT") },
    { "namespace", 0, 0, G_OPTION_ARG_STRING, &kube_namespace,
      N_("Look for CephClusters only in this namespace (default: all the user may list)"),
      N_("NAMESPACE") },
    { NULL }
  };

  context = g_option_context_new (_("— show the Ceph versions and what to upgrade to"));
  g_option_context_set_summary (context,
                                _("Choose the cluster with --profile, --conf (direct, "
                                  "through librados) or --dashboard (Ceph Dashboard). The "
                                  "release catalog ships with KDCC and works offline."));
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

  if (kubeconfig != NULL || kube_context != NULL || kube_namespace != NULL)
    session = kdcc_cli_kube_open_session (kubeconfig, kube_context, kube_namespace, options->user,
                                          NULL, NULL, TRUE, &error);
  else
    session = kdcc_cli_connect (options, &error);
  if (session == NULL)
    return fail (error);

  s = kdcc_cli_version_survey (session);
  catalog = kdcc_cli_load_catalog (service, s->newest, &asked, &error);
  if (catalog == NULL)
    {
      kdcc_session_close (session);
      return fail (error);
    }

  /* The oldest daemons decide: during an upgrade they are the ones still
   * on the old release, and the skip rule counts from them. */
  check = kdcc_release_catalog_check (catalog, s->oldest, NULL);

  /* Rook: the operator and the Ceph-CSI driver, where visible. */
  rook = kdcc_cli_rook_versions_read (session, kubeconfig, kube_context, kube_namespace);
  if (json)
    print_json (s, catalog, check, asked, rook);
  else
    {
      print_text (s, catalog, check, asked);
      if (rook != NULL)
        kdcc_cli_rook_versions_print (rook);
    }

  kdcc_session_close (session);
  return EXIT_SUCCESS;
}
