/* kdcc-cli-login.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `kdcc-cli login`, `logout` and `accounts`.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "kdcc-cli-login.h"
#include "kdcc-oidc-accounts.h"
#include "kdcc-oidc-signin.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2
/* How long a browser sign-in may take before the CLI gives up. */
#define SIGN_IN_TIMEOUT_S 600

static int
fail (int         status,
      const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  g_printerr ("kdcc-cli: %s\n", line);
  return status;
}

static gboolean
parse (const char    *name,
       GOptionEntry  *entries,
       int           *argc,
       char        ***argv,
       int           *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = g_strdup_printf ("- %s", name);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, usage);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = fail (EXIT_USAGE, error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), (*argv)[1]);

      *status = fail (EXIT_USAGE, message);
      return FALSE;
    }
  return TRUE;
}

static KdccOidcAccounts *
open_accounts (void)
{
  g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();

  return kdcc_oidc_accounts_new (secrets, NULL);
}

static void
print_uri_cb (const char *uri,
              gpointer    user_data)
{
  /* The CLI may run over ssh: the address is printed, not opened. */
  g_print ("%s\n  %s\n", _("Open this address in a browser on this computer to sign in:"), uri);
  fflush (stdout);
}

int
kdcc_cli_login (int    argc,
                char **argv)
{
  g_autofree char *issuer = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *secret_file = NULL;
  gboolean device = FALSE;
  GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The identity provider's issuer URL"), N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("KDCC's client id at the provider"), N_("ID") },
    { "device", 0, 0, G_OPTION_ARG_NONE, &device,
      N_("Sign in with a code on another device (no browser here)"), NULL },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope,
      N_("Scopes to ask for (default: openid profile email offline_access)"), N_("SCOPE") },
    { "client-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file,
      N_("A file holding the client secret, for a confidential client"), N_("FILE") },
    { NULL }
  };
  g_autoptr(KdccOidcClient) client = NULL;
  g_autoptr(KdccOidcAccounts) accounts = NULL;
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!parse ("login", entries, &argc, &argv, &status))
    return status;
  if (issuer == NULL || client_id == NULL)
    return fail (EXIT_USAGE, _("login needs --issuer and --client-id"));

  client = kdcc_oidc_client_new (issuer, client_id);
  if (scope != NULL)
    kdcc_oidc_client_set_scope (client, scope);
  if (secret_file != NULL)
    {
      g_autofree char *secret = NULL;

      /* From a file, never the command line (ps would show it). */
      if (!g_file_get_contents (secret_file, &secret, NULL, &error))
        return fail (EXIT_USAGE, error->message);
      kdcc_oidc_client_set_client_secret (client, g_strstrip (secret));
      explicit_bzero (secret, strlen (secret));
    }

  if (device)
    {
      g_autoptr(KdccOidcDeviceAuth) auth = kdcc_oidc_client_device_start_sync (client, NULL,
                                                                               &error);
      if (auth == NULL)
        return fail (EXIT_FAILED, error->message);
      /* TRANSLATORS: %s is an address, the second %s a code like WDJB-MJHT. */
      g_print (_("On any device, open %s and enter the code %s"), auth->verification_uri,
               auth->user_code);
      g_print ("\n");
      if (auth->verification_uri_complete != NULL)
        g_print ("%s\n  %s\n", _("Or open this address, which carries the code:"),
                 auth->verification_uri_complete);
      fflush (stdout);
      tokens = kdcc_oidc_client_device_poll_sync (client, auth, NULL, &error);
    }
  else
    tokens = kdcc_oidc_sign_in_sync (client, print_uri_cb, NULL, SIGN_IN_TIMEOUT_S, NULL, &error);

  if (tokens == NULL)
    return fail (EXIT_FAILED, error->message);

  accounts = open_accounts ();
  if (!kdcc_oidc_accounts_add_sync (accounts, tokens, NULL, &error))
    return fail (EXIT_FAILED, error->message);

  /* TRANSLATORS: "Signed in as alice at https://id.example.com" */
  g_print (_("Signed in as %s at %s"), tokens->display_name, tokens->issuer);
  g_print ("\n");
  if (tokens->refresh_token == NULL)
    g_print ("%s\n", _("The provider gave no refresh token: you will have to sign in again "
                       "when this sign-in expires."));
  return 0;
}

int
kdcc_cli_logout (int    argc,
                 char **argv)
{
  g_autofree char *issuer = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *subject = NULL;
  GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The identity provider's issuer URL"), N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("KDCC's client id at the provider"), N_("ID") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject,
      N_("The account, when several are signed in there"), N_("SUB") },
    { NULL }
  };
  g_autoptr(KdccOidcClient) client = NULL;
  g_autoptr(KdccOidcAccounts) accounts = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!parse ("logout", entries, &argc, &argv, &status))
    return status;
  if (issuer == NULL || client_id == NULL)
    return fail (EXIT_USAGE, _("logout needs --issuer and --client-id"));

  client = kdcc_oidc_client_new (issuer, client_id);
  accounts = open_accounts ();
  if (!kdcc_oidc_accounts_remove_sync (accounts, issuer, client_id, subject, client, NULL,
                                       &error))
    return fail (EXIT_FAILED, error->message);
  g_print (_("Signed out of %s"), issuer);
  g_print ("\n");
  return 0;
}

int
kdcc_cli_accounts (int    argc,
                   char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(KdccOidcAccounts) accounts = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  guint i;

  if (!parse ("accounts", entries, &argc, &argv, &status))
    return status;

  accounts = open_accounts ();
  list = kdcc_oidc_accounts_list (accounts, &error);
  if (list == NULL)
    return fail (EXIT_FAILED, error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (i = 0; i < list->len; i++)
        {
          KdccOidcAccount *account = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "issuer");
          json_builder_add_string_value (builder, account->issuer);
          json_builder_set_member_name (builder, "client_id");
          json_builder_add_string_value (builder, account->client_id);
          json_builder_set_member_name (builder, "subject");
          json_builder_add_string_value (builder, account->subject);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, account->display_name);
          json_builder_set_member_name (builder, "needs_sign_in");
          json_builder_add_boolean_value (builder, account->needs_sign_in);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return 0;
    }

  if (list->len == 0)
    {
      g_print ("%s\n", _("Not signed in with any identity provider."));
      return 0;
    }
  for (i = 0; i < list->len; i++)
    {
      KdccOidcAccount *account = g_ptr_array_index (list, i);

      g_print ("%s  %s  %s%s\n", account->display_name != NULL ? account->display_name
                                                              : account->subject,
               account->issuer, account->client_id,
               account->needs_sign_in ? _("  (sign in again)") : "");
    }
  return 0;
}
