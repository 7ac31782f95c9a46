/* kdcc-cli-sso.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli sso`: the Ceph Dashboard's single sign-on (SAML2, Pacific to
 * Reef) and the Dashboard accounts of its users. Every change goes
 * through the staging area and the audit log like any other: checked,
 * staged, applied, read back.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kdcc-cli-sso.h"
#include "kdcc-cli-stage.h"
#include "kdcc-error.h"
#include "kdcc-sso.h"

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL)
    g_print ("%-28s %s\n", label, value);
}

static int
sso_status (KdccCliControls *controls,
            gboolean         json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccSsoState) state = NULL;

  state = kdcc_sso_read_state_sync (kdcc_session_get_source (controls->session), NULL, &error);
  if (state == NULL)
    return kdcc_cli_controls_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      add_bool (b, "enabled", state->enabled);
      add_member (b, "protocol", state->protocol);
      add_bool (b, "configured", state->configured);
      add_member (b, "base_url", state->base_url);
      add_member (b, "sp_metadata_url", state->sp_metadata_url);
      add_member (b, "assertion_consumer_url", state->acs_url);
      add_member (b, "idp_entity_id", state->idp_entity_id);
      add_member (b, "idp_sso_url", state->idp_sso_url);
      add_member (b, "username_attribute", state->username_attribute);
      add_bool (b, "signs_requests", state->signs_requests);
      add_bool (b, "saml_library_missing", state->saml_library_missing);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      kdcc_cli_controls_print_json (root);
      return EXIT_SUCCESS;
    }

  if (state->saml_library_missing)
    g_print ("%s\n", _("Single sign-on is unavailable: the mgr host lacks the python3-saml "
                        "library (Debian and Ubuntu: python3-onelogin-saml2)"));
  else if (state->enabled)
    g_print (_("Single sign-on is enabled (%s)\n"), "SAML2");
  else if (state->configured)
    g_print ("%s\n", _("Single sign-on is disabled (a SAML2 set-up is stored)"));
  else
    g_print ("%s\n", _("Single sign-on is disabled"));
  if (state->configured)
    {
      /* What the IdP's administrator registers. */
      print_field (_("SP metadata (entity id):"), state->sp_metadata_url);
      print_field (_("Assertion consumer URL:"), state->acs_url);
      print_field (_("Identity provider:"), state->idp_entity_id);
      print_field (_("IdP sign-in URL:"), state->idp_sso_url);
      print_field (_("User name attribute:"), state->username_attribute);
      print_field (_("Signed requests:"), state->signs_requests ? _("yes") : _("no"));
    }
  return EXIT_SUCCESS;
}

static int
sso_users_list (KdccCliControls *controls,
                gboolean         json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  users = kdcc_sso_list_users_sync (kdcc_session_get_source (controls->session), NULL, &error);
  if (users == NULL)
    return kdcc_cli_controls_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < users->len; i++)
    {
      KdccDashboardUser *user = g_ptr_array_index (users, i);
      g_autofree char *roles = g_strjoinv (",", user->roles);

      if (!json)
        {
          g_print ("%s\t%s%s\n", user->username, *roles != '\0' ? roles : "-",
                   user->enabled ? "" : _("\t(disabled)"));
          continue;
        }
      json_builder_begin_object (b);
      add_member (b, "username", user->username);
      json_builder_set_member_name (b, "roles");
      json_builder_begin_array (b);
      for (guint j = 0; user->roles[j] != NULL; j++)
        json_builder_add_string_value (b, user->roles[j]);
      json_builder_end_array (b);
      add_member (b, "name", user->name);
      add_member (b, "email", user->email);
      add_bool (b, "enabled", user->enabled);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);

      kdcc_cli_controls_print_json (root);
    }
  return EXIT_SUCCESS;
}

static int
sso_roles (KdccCliControls *controls,
           gboolean         json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  roles = kdcc_sso_list_roles_sync (kdcc_session_get_source (controls->session), NULL, &error);
  if (roles == NULL)
    return kdcc_cli_controls_fail (error);

  json_builder_begin_array (b);
  for (guint i = 0; i < roles->len; i++)
    {
      KdccDashboardRole *role = g_ptr_array_index (roles, i);

      if (!json)
        {
          g_print ("%s\t%s\t%s\n", role->name, role->system ? _("built-in") : _("custom"),
                   role->description != NULL ? role->description : "");
          continue;
        }
      json_builder_begin_object (b);
      add_member (b, "name", role->name);
      add_member (b, "description", role->description);
      add_bool (b, "system", role->system);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);

      kdcc_cli_controls_print_json (root);
    }
  return EXIT_SUCCESS;
}

/* Checks ROLES against the cluster's roles before anything is staged, so
 * a typo is caught with the list of what exists. */
static int
check_roles (KdccCliControls    *controls,
             const char * const *roles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) known = NULL;

  if (roles == NULL || roles[0] == NULL)
    return 0;
  known = kdcc_sso_list_roles_sync (kdcc_session_get_source (controls->session), NULL, &error);
  if (known == NULL)
    return kdcc_cli_controls_fail (error);
  for (guint i = 0; roles[i] != NULL; i++)
    {
      gboolean found = FALSE;
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint j = 0; j < known->len; j++)
        {
          KdccDashboardRole *role = g_ptr_array_index (known, j);

          found |= g_str_equal (role->name, roles[i]);
          g_string_append_printf (names, "%s%s", j > 0 ? ", " : "", role->name);
        }
      if (!found)
        {
          g_set_error (&error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                       _("The Dashboard has no role “%s” (it has %s)"), roles[i], names->str);
          return kdcc_cli_controls_fail (error);
        }
    }
  return 0;
}

static int
sso_setup (KdccCliControls *controls,
           const char      *metadata,
           const char      *attribute,
           const char      *entity_id,
           const char      *base_url,
           const char      *sp_cert,
           const char      *sp_key,
           const char      *confirm,
           gboolean         json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccOperation) operation = NULL;
  g_autofree char *url = NULL;
  g_autofree char *absolute = NULL;

  if (metadata == NULL)
    return kdcc_cli_controls_usage (_("Give the identity provider’s metadata: "
                                      "--idp-metadata URL|FILE"));
  /* A file is read by KDCC, from where kdcc-cli runs. */
  if (!kdcc_operation_sso_metadata_is_url (metadata))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (metadata);

      absolute = g_file_get_path (file);
    }
  if (base_url == NULL)
    {
      url = kdcc_sso_dup_dashboard_url_sync (kdcc_session_get_source (controls->session), NULL,
                                             &error);
      if (url == NULL)
        return kdcc_cli_controls_fail (error);
    }
  operation = kdcc_operation_new_sso_setup_saml2 (base_url != NULL ? base_url : url,
                                                  absolute != NULL ? absolute : metadata,
                                                  attribute, entity_id, sp_cert, sp_key);
  return kdcc_cli_stage_operation (controls, operation, confirm, TRUE, json);
}

/* `sso plan squid|koor`: no cluster needed. */
static int
sso_plan (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("plan squid|koor"));
  g_autoptr(GError) error = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *attribute = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *text = NULL;
  const GOptionEntry entries[] = {
    { "idp-metadata", 0, 0, G_OPTION_ARG_STRING, &metadata,
      N_("The identity provider’s metadata URL"), N_("URL") },
    { "username-attribute", 0, 0, G_OPTION_ARG_STRING, &attribute,
      N_("The attribute that carries the user name"), N_("ATTRIBUTE") },
    { "idp-entity-id", 0, 0, G_OPTION_ARG_STRING, &entity_id,
      N_("Which identity provider of the metadata"), N_("ID") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("The Dashboard’s URL as browsers reach it"), N_("URL") },
    { NULL }
  };

  g_option_context_set_summary (context, _("Show what single sign-on set-up would set where "
                                           "KDCC cannot test it: Ceph Squid's OAuth2 "
                                           "(cephadm) or the Koor Storage Distribution's "
                                           "spec.dashboard.sso. Marked as untested."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kdcc_cli_controls_fail (error);
  if (argc != 3 || !(g_str_equal (argv[2], "squid") || g_str_equal (argv[2], "koor")))
    return kdcc_cli_controls_usage (_("Say which: sso plan squid or sso plan koor"));
  text = kdcc_sso_render_plan (g_str_equal (argv[2], "squid") ? KDCC_SSO_PLAN_SQUID_OAUTH2
                                                               : KDCC_SSO_PLAN_KOOR_SPEC,
                               base_url, metadata, attribute, entity_id);
  g_print ("%s", text);
  return EXIT_SUCCESS;
}

int
kdcc_cli_sso (int    argc,
              char **argv)
{
  KdccCliControls controls = { 0 };
  g_autofree char *confirm = NULL;
  g_autofree char *metadata = NULL;
  g_autofree char *attribute = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *sp_cert = NULL;
  g_autofree char *sp_key = NULL;
  g_autofree char *role = NULL;
  gboolean json = FALSE;
  const char *verb;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "confirm", 0, 0, G_OPTION_ARG_STRING, &confirm,
      N_("Confirm a risky change (set-up, disable, rm), giving the reason"), N_("REASON") },
    { "idp-metadata", 0, 0, G_OPTION_ARG_STRING, &metadata,
      N_("setup: the identity provider’s metadata, a URL or a file"), N_("URL|FILE") },
    { "username-attribute", 0, 0, G_OPTION_ARG_STRING, &attribute,
      N_("setup: the attribute that carries the user name (default uid)"), N_("ATTRIBUTE") },
    { "idp-entity-id", 0, 0, G_OPTION_ARG_STRING, &entity_id,
      N_("setup: which identity provider of the metadata"), N_("ID") },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("setup: the Dashboard’s URL as browsers reach it (default: its own)"), N_("URL") },
    { "sp-cert", 0, 0, G_OPTION_ARG_STRING, &sp_cert,
      N_("setup: the service provider's certificate, a file on the mgr host"), N_("PATH") },
    { "sp-key", 0, 0, G_OPTION_ARG_STRING, &sp_key,
      N_("setup: its private key, a file on the mgr host"), N_("PATH") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("users add: the account's role"), N_("ROLE") },
    { NULL }
  };

  if (argc >= 2 && g_str_equal (argv[1], "plan"))
    return sso_plan (argc, argv);

  status = kdcc_cli_controls_parse (_("status|setup saml2|disable|roles|users list|users add USER|"
                                      "users set-roles USER ROLE...|users rm USER|plan squid|koor"),
                                    _("Set up the Ceph Dashboard's single sign-on (SAML2) and "
                                      "the Dashboard accounts of its users. Changes are checked, "
                                      "applied, read back and recorded in the audit log."),
                                    entries, &argc, &argv, &controls);
  if (status != 0)
    goto out;
  if (argc < 2)
    {
      status = kdcc_cli_controls_usage (_("Say what to do: status, setup, disable, roles or "
                                          "users"));
      goto out;
    }
  verb = argv[1];

  if (g_str_equal (verb, "status") && argc == 2)
    status = sso_status (&controls, json);
  else if (g_str_equal (verb, "setup") && argc == 3 && g_str_equal (argv[2], "saml2"))
    status = sso_setup (&controls, metadata, attribute, entity_id, base_url, sp_cert, sp_key,
                        confirm, json);
  else if (g_str_equal (verb, "disable") && argc == 2)
    {
      g_autoptr(KdccOperation) operation = kdcc_operation_new_sso_disable ();

      status = kdcc_cli_stage_operation (&controls, operation, confirm, TRUE, json);
    }
  else if (g_str_equal (verb, "roles") && argc == 2)
    status = sso_roles (&controls, json);
  else if (g_str_equal (verb, "users") && argc == 3 && g_str_equal (argv[2], "list"))
    status = sso_users_list (&controls, json);
  else if (g_str_equal (verb, "users") && argc == 4 && g_str_equal (argv[2], "add"))
    {
      const char *roles[] = { role, NULL };
      g_autoptr(KdccOperation) operation = kdcc_operation_new_dashboard_user_create (argv[3],
                                                                                       role);

      if ((status = check_roles (&controls, role != NULL ? roles : NULL)) == 0)
        status = kdcc_cli_stage_operation (&controls, operation, confirm, TRUE, json);
    }
  else if (g_str_equal (verb, "users") && argc >= 4 && g_str_equal (argv[2], "set-roles"))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) roles = NULL;
      g_autoptr(KdccOperation) operation = NULL;

      for (int i = 4; i < argc; i++)
        g_strv_builder_add (builder, argv[i]);
      roles = g_strv_builder_end (builder);
      operation = kdcc_operation_new_dashboard_user_set_roles (argv[3],
                                                               (const char * const *) roles);
      if ((status = check_roles (&controls, (const char * const *) roles)) == 0)
        status = kdcc_cli_stage_operation (&controls, operation, confirm, TRUE, json);
    }
  else if (g_str_equal (verb, "users") && argc == 4 && g_str_equal (argv[2], "rm"))
    {
      g_autoptr(KdccOperation) operation = kdcc_operation_new_dashboard_user_delete (argv[3]);

      status = kdcc_cli_stage_operation (&controls, operation, confirm, TRUE, json);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Wrong arguments for “sso %s”"), verb);

      status = kdcc_cli_controls_usage (message);
    }

out:
  kdcc_cli_controls_clear (&controls);
  return status;
}
