/* kdcc-kube-oidc-refresh.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-kubeconfig.h"

G_BEGIN_DECLS

/* The `oidc` auth-provider's own refresh, as kubectl's plugin
 * (client-go plugin/pkg/client/auth/oidc) does it: when the kubeconfig's
 * id-token has expired (or is missing) and its config has a refresh-token,
 * the issuer's token endpoint (from idp-issuer-url's discovery document)
 * is asked for new tokens with client-id, client-secret if any, and the
 * issuer's TLS certificate checked against idp-certificate-authority(-data)
 * when one is given.
 *
 * Unlike kubectl, KDCC never writes the refreshed tokens back into the
 * user's kubeconfig: that file belongs to kubectl and the user (it may be
 * one of several merged files, shared, generated or read-only). They stay
 * in this process's memory instead, so a provider that rotates refresh
 * tokens is asked with the newest one. The price: kubectl, or the next
 * KDCC process, still has the file's old refresh token, which such a
 * provider may then refuse; its user logs in again with kubectl.
 *
 * Done in this layer rather than through services' OpenID client because
 * it must work in every program (no token function needs installing) and
 * with the kubeconfig's own CA; like kubectl it does not verify the new ID
 * token, which the API server does. */

/* A fresh ID token for CONTEXT's user and its expiry (Unix seconds; 0 when
 * it has none) in *EXPIRES_AT: the one refreshed earlier in this process
 * while it stays valid, else a new one from the issuer. Fails with
 * KDCC_ERROR_AUTH when the issuer refuses the refresh token or the config
 * lacks what a refresh needs, KDCC_ERROR_CONNECT or KDCC_ERROR_TLS when the
 * issuer cannot be reached, G_IO_ERROR_CANCELLED; the messages name the
 * user and the issuer. Blocks: worker threads and kdcc-cli. */
char *kdcc_kube_oidc_refresh_id_token (const KdccKubeContext  *context,
                                       gint64                 *expires_at,
                                       GCancellable           *cancellable,
                                       GError                **error);

/* Seconds before its expiry at which an id-token is refreshed (kubectl's
 * plugin waits no longer either). */
#define KDCC_KUBE_OIDC_REFRESH_MARGIN_S 10

/* Forgets every token refreshed so far (sign-out of everything; tests). */
void  kdcc_kube_oidc_refresh_forget_all (void);

G_END_DECLS
