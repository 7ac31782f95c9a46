/* kdcc-cli-explain.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli explain`: the health check catalog from the command line, the
 * same text the GUI shows beside an alert.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "kdcc-cli-explain.h"
#include "kdcc-health-catalog.h"

#define EXIT_NOT_FOUND 1
#define EXIT_USAGE     2

static void
print_line (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
}

static int
fail_usage (const char *message)
{
  g_autofree char *line = g_strdup_printf (_("%s (see “kdcc-cli explain --help”)"), message);

  print_line (line);
  return EXIT_USAGE;
}

static void
print_row (const char *label,
           const char *value)
{
  /* Labels are translated, so pad by characters, not bytes. */
  glong pad = 12 - g_utf8_strlen (label, -1);

  g_print ("%s%*s %s\n", label, (int) MAX (pad, 0), "", value);
}

static void
print_json (const char            *code,
            const char            *release,
            const KdccHealthEntry *entry,
            const char            *url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "known");
  json_builder_add_boolean_value (builder, entry != NULL);
  if (entry != NULL)
    {
      json_builder_set_member_name (builder, "impact");
      json_builder_add_string_value (builder,
                                     kdcc_impact_to_string (kdcc_health_entry_get_impact (entry)));
      json_builder_set_member_name (builder, "explanation");
      json_builder_add_string_value (builder, kdcc_health_entry_get_explanation (entry));
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, kdcc_health_entry_get_action (entry));
    }
  json_builder_set_member_name (builder, "release");
  json_builder_add_string_value (builder, release);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
kdcc_cli_explain (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *release_arg = NULL;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  KdccHealthCatalog *catalog;
  const KdccHealthEntry *entry;
  const char *release;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "release", 0, 0, G_OPTION_ARG_STRING, &release_arg,
      N_("Link the documentation of this Ceph release (a name such as reef, or a version "
         "such as 18.2.4; default: latest)"), N_("RELEASE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the explanation as JSON instead of text"), NULL },
    { NULL }
  };

  /* TRANSLATORS: the argument of `kdcc-cli explain`, after the program name. */
  context = g_option_context_new (_("CODE — explain a Ceph health check"));
  g_option_context_set_summary (context,
                                _("Prints what a health check code such as OSD_DOWN means, "
                                  "what to do about it, and a link to Ceph’s documentation."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 the code is in the catalog, 1 it is not "
                                      "(the link to Ceph’s list of health checks is still "
                                      "printed), 2 usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail_usage (error->message);

  if (argc < 2)
    return fail_usage (_("No health check code given"));
  if (argc > 2)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), argv[2]);
      return fail_usage (message);
    }

  release = kdcc_health_docs_release (release_arg);
  if (release_arg != NULL && g_str_equal (release, "latest")
      && g_ascii_strcasecmp (release_arg, "latest") != 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Unknown Ceph release “%s”: give pacific, quincy, reef, "
                                   "squid, tentacle, latest or a version such as 18.2.4"),
                                 release_arg);
      return fail_usage (message);
    }

  /* Codes are upper case; accept what an admin types from memory. */
  code = g_ascii_strup (g_strstrip (argv[1]), -1);
  if (*code == '\0')
    return fail_usage (_("No health check code given"));

  catalog = kdcc_health_catalog_get_default ();
  entry = kdcc_health_catalog_lookup (catalog, code);
  url = kdcc_health_catalog_dup_docs_url (catalog, code, release);

  if (json)
    print_json (code, release, entry, url);

  if (entry == NULL)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s are a health check code and the URL of Ceph's
       * health checks page. */
      message = g_strdup_printf (_("%s is not in KDCC’s health check catalog; Ceph’s list of "
                                   "health checks: %s"),
                                 code, url);
      print_line (message);
      return EXIT_NOT_FOUND;
    }

  if (!json)
    {
      g_print ("%s\n", code);
      print_row (_("Impact:"), kdcc_impact_get_label (kdcc_health_entry_get_impact (entry)));
      print_row (_("Meaning:"), kdcc_health_entry_get_explanation (entry));
      print_row (_("What to do:"), kdcc_health_entry_get_action (entry));
      print_row (_("Docs:"), url);
    }

  return EXIT_SUCCESS;
}
