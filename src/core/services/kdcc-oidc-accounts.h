/* kdcc-oidc-accounts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-oidc-client.h"
#include "kdcc-secret-store.h"

G_BEGIN_DECLS

/* The accounts KDCC is signed in with, several providers and accounts side
 * by side, each keyed by issuer + client id + subject.
 *
 * What is kept where: the refresh token, the only long-lived credential, in
 * the Secret Service (KdccSecretStore, kind "oidc-refresh-token"); who the
 * account is (issuer, client, subject, display name, whether it must sign
 * in again) in a small JSON file without any token; ID and access tokens in
 * memory only, for the life of the process. A token is never written
 * anywhere else, nor logged.
 *
 * Tokens are refreshed silently when asked for within REFRESH_MARGIN_S of
 * their expiry. A refused refresh (expired or revoked refresh token) marks
 * the account "sign in again" and forgets its refresh token. */

#define KDCC_OIDC_REFRESH_MARGIN_S 60

typedef struct
{
  char     *issuer;
  char     *client_id;
  char     *subject;
  char     *display_name;
  gboolean  needs_sign_in;
} KdccOidcAccount;

void             kdcc_oidc_account_free      (KdccOidcAccount *account);

#define KDCC_TYPE_OIDC_ACCOUNTS (kdcc_oidc_accounts_get_type ())

G_DECLARE_FINAL_TYPE (KdccOidcAccounts, kdcc_oidc_accounts, KDCC, OIDC_ACCOUNTS, GObject)

/* PATH: the accounts file, NULL for $XDG_CONFIG_HOME/kdcc/oidc-accounts.json.
 * A missing file is no accounts; an unreadable one is reported by the
 * first call that needs it. */
KdccOidcAccounts *kdcc_oidc_accounts_new        (KdccSecretStore   *secrets,
                                                 const char        *path);
const char       *kdcc_oidc_accounts_get_path   (KdccOidcAccounts  *self);

/* The accounts, as a GPtrArray of KdccOidcAccount (free func set). */
GPtrArray        *kdcc_oidc_accounts_list       (KdccOidcAccounts  *self,
                                                 GError           **error);

/* Keeps a fresh sign-in: its refresh token in the Secret Service, the
 * account in the file, the other tokens in memory. Replaces the account
 * with the same key. */
gboolean          kdcc_oidc_accounts_add_sync   (KdccOidcAccounts      *self,
                                                 const KdccOidcTokens  *tokens,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

/* Valid tokens of an account (CLIENT's issuer and client id; SUBJECT, or
 * NULL for the only account of that provider and client): the ones in
 * memory while they are good for REFRESH_MARGIN_S more, else refreshed with
 * the stored refresh token, and the new refresh token stored. Fails with
 * KDCC_OIDC_ERROR_SIGN_IN_AGAIN when there is no refresh token or the
 * provider refused it; the account is then marked so. */
KdccOidcTokens   *kdcc_oidc_accounts_get_tokens_sync (KdccOidcAccounts  *self,
                                                      KdccOidcClient    *client,
                                                      const char        *subject,
                                                      GCancellable      *cancellable,
                                                      GError           **error);

/* Signs out: revokes the refresh token at the provider when CLIENT is given
 * (best effort: an unreachable provider does not keep the account), then
 * removes the refresh token from the Secret Service, the tokens from
 * memory and the account from the file. */
gboolean          kdcc_oidc_accounts_remove_sync (KdccOidcAccounts  *self,
                                                  const char        *issuer,
                                                  const char        *client_id,
                                                  const char        *subject,
                                                  KdccOidcClient    *client,
                                                  GCancellable      *cancellable,
                                                  GError           **error);

/* The Secret Service item id of an account's refresh token. */
char             *kdcc_oidc_accounts_secret_id   (const char        *issuer,
                                                  const char        *client_id,
                                                  const char        *subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOidcAccount, kdcc_oidc_account_free)

G_END_DECLS
