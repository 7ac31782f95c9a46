/* kdcc-oidc-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-oidc"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-kube-oidc.h"
#include "kdcc-oidc-kube.h"

/* The process's accounts and one client per issuer and client id, so the
 * provider's discovery and keys are fetched once, not per request. */
static GMutex lock;
static KdccOidcAccounts *installed_accounts;
static GHashTable *clients;   /* "issuer\nclient" -> KdccOidcClient */

static char *
token_cb (const KdccKubeOidc  *oidc,
          gint64              *expires_at,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autoptr(KdccOidcAccounts) accounts = NULL;
  g_autoptr(KdccOidcClient) client = NULL;
  g_autoptr(KdccOidcTokens) tokens = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = g_strconcat (oidc->issuer, "\n", oidc->client_id, "\n",
                                      oidc->client_secret != NULL ? "secret" : "", NULL);

  g_mutex_lock (&lock);
  if (installed_accounts == NULL)
    {
      g_autoptr(KdccSecretStore) secrets = kdcc_secret_store_new ();

      installed_accounts = kdcc_oidc_accounts_new (secrets, NULL);
    }
  accounts = g_object_ref (installed_accounts);
  if (clients == NULL)
    clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  client = g_hash_table_lookup (clients, key);
  if (client == NULL)
    {
      client = kdcc_oidc_client_new (oidc->issuer, oidc->client_id);
      kdcc_oidc_client_set_client_secret (client, oidc->client_secret);
      g_hash_table_insert (clients, g_strdup (key), g_object_ref (client));
    }
  else
    g_object_ref (client);
  g_mutex_unlock (&lock);

  /* No account at all there: the kubeconfig's own way (its plugin, its
   * id-token) goes on as before KDCC could sign in. */
  {
    g_autoptr(GPtrArray) list = kdcc_oidc_accounts_list (accounts, error);
    gboolean found = FALSE;
    guint i;

    if (list == NULL)
      return NULL;
    for (i = 0; i < list->len && !found; i++)
      {
        KdccOidcAccount *account = g_ptr_array_index (list, i);

        found = g_str_equal (account->issuer, oidc->issuer)
                && g_str_equal (account->client_id, oidc->client_id);
      }
    if (!found)
      return NULL;
  }

  tokens = kdcc_oidc_accounts_get_tokens_sync (accounts, client, NULL, cancellable,
                                               &local_error);
  if (tokens == NULL)
    {
      if (local_error->domain == KDCC_OIDC_ERROR)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                     /* TRANSLATORS: the first %s is why, e.g. "The sign-in at URL has
                      * ended: sign in again"; then the command to sign in. */
                     _("%s. Sign in with “kdcc-cli login --issuer %s --client-id %s” or in "
                       "KDCC's preferences"),
                     local_error->message, oidc->issuer, oidc->client_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *expires_at = tokens->expires_at;
  return g_strdup (tokens->id_token);
}

void
kdcc_oidc_kube_install (KdccOidcAccounts *accounts)
{
  g_mutex_lock (&lock);
  g_clear_object (&installed_accounts);
  if (accounts != NULL)
    installed_accounts = g_object_ref (accounts);
  g_mutex_unlock (&lock);
  kdcc_kube_oidc_set_token_func (token_cb);
}

void
kdcc_oidc_kube_uninstall (void)
{
  kdcc_kube_oidc_set_token_func (NULL);
  g_mutex_lock (&lock);
  g_clear_object (&installed_accounts);
  g_clear_pointer (&clients, g_hash_table_unref);
  g_mutex_unlock (&lock);
}
