/* kdcc-kube-oidc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recognises the kubeconfig users an OpenID provider signs in and hands
 * them to the token function services registered.
 */
#define G_LOG_DOMAIN "kdcc-kube"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-error.h"
#include "kdcc-kube-oidc.h"

static KdccKubeOidcTokenFunc token_func;
static GMutex token_func_lock;

void
kdcc_kube_oidc_set_token_func (KdccKubeOidcTokenFunc func)
{
  g_mutex_lock (&token_func_lock);
  token_func = func;
  g_mutex_unlock (&token_func_lock);
}

static KdccKubeOidcTokenFunc
get_token_func (void)
{
  KdccKubeOidcTokenFunc func;

  g_mutex_lock (&token_func_lock);
  func = token_func;
  g_mutex_unlock (&token_func_lock);
  return func;
}

void
kdcc_kube_oidc_free (KdccKubeOidc *oidc)
{
  if (oidc == NULL)
    return;
  g_free (oidc->issuer);
  g_free (oidc->client_id);
  g_strfreev (oidc->extra_scopes);
  if (oidc->client_secret != NULL)
    explicit_bzero (oidc->client_secret, strlen (oidc->client_secret));
  g_free (oidc->client_secret);
  g_free (oidc);
}

/* kubelogin's get-token arguments after ARGS[START]. */
static KdccKubeOidc *
from_kubelogin_args (GStrv args,
                     guint start)
{
  g_autoptr(KdccKubeOidc) oidc = g_new0 (KdccKubeOidc, 1);
  g_autoptr(GStrvBuilder) scopes = g_strv_builder_new ();
  guint i;

  for (i = start; args[i] != NULL; i++)
    {
      const char *names[] = { "--oidc-issuer-url", "--oidc-client-id", "--oidc-extra-scope",
                              "--oidc-client-secret" };
      const char *value = NULL;
      guint n;

      for (n = 0; n < G_N_ELEMENTS (names); n++)
        {
          gsize len = strlen (names[n]);

          if (strncmp (args[i], names[n], len) != 0)
            continue;
          if (args[i][len] == '=')
            value = args[i] + len + 1;
          else if (args[i][len] == '\0' && args[i + 1] != NULL)
            value = args[++i];
          else
            continue;
          break;
        }
      if (value == NULL)
        continue;
      switch (n)
        {
        case 0:
          g_free (oidc->issuer);
          oidc->issuer = g_strdup (value);
          break;
        case 1:
          g_free (oidc->client_id);
          oidc->client_id = g_strdup (value);
          break;
        case 2:
          g_strv_builder_add (scopes, value);
          break;
        default:
          g_free (oidc->client_secret);
          oidc->client_secret = g_strdup (value);
          break;
        }
    }
  if (oidc->issuer == NULL || oidc->client_id == NULL)
    return NULL;
  oidc->extra_scopes = g_strv_builder_end (scopes);
  return g_steal_pointer (&oidc);
}

KdccKubeOidc *
kdcc_kube_oidc_from_context (const KdccKubeContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);

  if (context->sso_issuer != NULL && context->sso_client_id != NULL)
    {
      KdccKubeOidc *oidc = g_new0 (KdccKubeOidc, 1);

      oidc->issuer = g_strdup (context->sso_issuer);
      oidc->client_id = g_strdup (context->sso_client_id);
      oidc->extra_scopes = g_new0 (char *, 1);
      return oidc;
    }

  if (context->exec != NULL && context->exec->args != NULL)
    {
      g_autofree char *command = g_path_get_basename (context->exec->command);
      GStrv args = context->exec->args;

      if (g_str_equal (command, "kubectl") && g_strcmp0 (args[0], "oidc-login") == 0
          && g_strcmp0 (args[1], "get-token") == 0)
        return from_kubelogin_args (args, 2);
      if ((g_str_equal (command, "kubelogin") || g_str_equal (command, "kubectl-oidc_login"))
          && g_strcmp0 (args[0], "get-token") == 0)
        return from_kubelogin_args (args, 1);
      return NULL;
    }

  if (g_strcmp0 (context->auth_provider, "oidc") == 0 && context->auth_provider_config != NULL)
    {
      const char *issuer = g_hash_table_lookup (context->auth_provider_config, "idp-issuer-url");
      const char *client_id = g_hash_table_lookup (context->auth_provider_config, "client-id");
      const char *extra = g_hash_table_lookup (context->auth_provider_config, "extra-scopes");
      const char *secret = g_hash_table_lookup (context->auth_provider_config, "client-secret");
      KdccKubeOidc *oidc;

      if (issuer == NULL || *issuer == '\0' || client_id == NULL || *client_id == '\0')
        return NULL;
      oidc = g_new0 (KdccKubeOidc, 1);
      oidc->issuer = g_strdup (issuer);
      oidc->client_id = g_strdup (client_id);
      oidc->extra_scopes = extra != NULL && *extra != '\0' ? g_strsplit (extra, ",", -1)
                                                           : g_new0 (char *, 1);
      oidc->client_secret = g_strdup (secret != NULL && *secret != '\0' ? secret : NULL);
      return oidc;
    }

  return NULL;
}

gboolean
kdcc_kube_oidc_applies (const KdccKubeContext *context)
{
  g_autoptr(KdccKubeOidc) oidc = NULL;

  if (get_token_func () == NULL)
    return FALSE;
  oidc = kdcc_kube_oidc_from_context (context);
  return oidc != NULL;
}

KdccKubeOidcResult
kdcc_kube_oidc_obtain (const KdccKubeContext  *context,
                       KdccKubeCredentials    *creds,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(KdccKubeOidc) oidc = kdcc_kube_oidc_from_context (context);
  KdccKubeOidcTokenFunc func = get_token_func ();
  g_autoptr(GError) local_error = NULL;
  gint64 expires_at = 0;
  char *token;

  g_return_val_if_fail (oidc != NULL && func != NULL, KDCC_KUBE_OIDC_FAILED);

  token = func (oidc, &expires_at, cancellable, &local_error);
  if (token == NULL && local_error == NULL)
    return KDCC_KUBE_OIDC_NOT_SIGNED_IN;
  if (token == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return KDCC_KUBE_OIDC_FAILED;
    }
  creds->token = token;
  creds->expires_at = expires_at;
  /* TRANSLATORS: where a Kubernetes credential came from; %s is a URL. */
  creds->origin = g_strdup_printf (_("sign-in at %s"), oidc->issuer);
  /* Asked again after a 401, the accounts refresh or say "sign in". */
  creds->renewable = TRUE;
  return KDCC_KUBE_OIDC_OBTAINED;
}

KdccKubeCredentials *
kdcc_kube_oidc_obtain_sso (const KdccKubeContext  *context,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_autoptr(KdccKubeCredentials) creds = g_new0 (KdccKubeCredentials, 1);

  g_return_val_if_fail (context != NULL && context->sso_issuer != NULL
                        && context->sso_client_id != NULL, NULL);

  /* Unlike a kubeconfig's own OIDC user, there is no other way to fall
   * back on: the connection asked for KDCC's account. */
  if (get_token_func () == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("This connection signs in with SSO at %s, which this program cannot do"),
                   context->sso_issuer);
      return NULL;
    }
  switch (kdcc_kube_oidc_obtain (context, creds, cancellable, error))
    {
    case KDCC_KUBE_OIDC_OBTAINED:
      return g_steal_pointer (&creds);
    case KDCC_KUBE_OIDC_NOT_SIGNED_IN:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   /* TRANSLATORS: the first %s is a URL; then the command to sign in. */
                   _("This connection signs in with SSO at %s, but KDCC is not signed in "
                     "there: sign in with “kdcc-cli login --issuer %s --client-id %s” or in "
                     "KDCC's preferences (Accounts), then try again"),
                   context->sso_issuer, context->sso_issuer, context->sso_client_id);
      return NULL;
    case KDCC_KUBE_OIDC_FAILED:
    default:
      return NULL;
    }
}
