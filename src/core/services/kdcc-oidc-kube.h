/* kdcc-oidc-kube.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-oidc-accounts.h"

G_BEGIN_DECLS

/* Makes Kubernetes connections whose kubeconfig user signs in with an
 * OpenID provider (kdcc-kube-oidc.h: the oidc auth-provider, kubelogin's
 * exec plugin) use KDCC's own accounts: the account of that issuer and
 * client gives its ID token, refreshed when due; "sign in again" fails
 * the connection with KDCC_ERROR_AUTH saying how to sign in (kdcc-cli
 * login ... or the preferences). Without any account there, the
 * kubeconfig's own way (its plugin, its id-token) is used as before.
 *
 * ACCOUNTS NULL: the user's accounts (made on first use). The app and
 * kdcc-cli call it once at start; kdcc_oidc_kube_uninstall() undoes it. */
void kdcc_oidc_kube_install   (KdccOidcAccounts *accounts);
void kdcc_oidc_kube_uninstall (void);

G_END_DECLS
