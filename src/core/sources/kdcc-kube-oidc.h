/* kdcc-kube-oidc.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-kube-auth.h"

G_BEGIN_DECLS

/* Kubeconfig users whose ID token comes from an OpenID provider, signed in
 * natively by KDCC instead of by kubectl's plugins:
 *
 *  - the `oidc` auth-provider (config idp-issuer-url, client-id,
 *    extra-scopes);
 *  - an exec plugin of the kubelogin kind: `kubectl oidc-login get-token`,
 *    `kubelogin get-token` or `kubectl-oidc_login get-token` with
 *    --oidc-issuer-url, --oidc-client-id and --oidc-extra-scope (as
 *    "--flag=value" or "--flag value").
 *
 * The sign-in itself lives in services (kdcc-oidc-kube.h), which this layer
 * cannot include: it registers a token function here. Without one (tests
 * of this layer, a program that did not install it) such users go on
 * through the plugin or the kubeconfig's id-token as before. */

typedef struct
{
  char  *issuer;
  char  *client_id;
  GStrv  extra_scopes;   /* may be empty, never NULL */
  char  *client_secret;  /* kubelogin's --oidc-client-secret; NULL for a public client */
} KdccKubeOidc;

/* The user's provider (the context's SSO provider when it has one), or
 * NULL when the user signs in some other way. */
KdccKubeOidc *kdcc_kube_oidc_from_context (const KdccKubeContext *context);
void          kdcc_kube_oidc_free         (KdccKubeOidc          *oidc);

/* Returns a valid ID token of the signed-in account (refreshed when due)
 * and its expiry in *EXPIRES_AT; or NULL without an error when KDCC has
 * no account at that issuer and client (the user then goes on through the
 * kubeconfig's own way: the plugin, the id-token); or fails with
 * KDCC_ERROR_AUTH saying how to sign in again. Called on worker threads. */
typedef char *(*KdccKubeOidcTokenFunc) (const KdccKubeOidc  *oidc,
                                        gint64              *expires_at,
                                        GCancellable        *cancellable,
                                        GError             **error);

/* Sets (or with NULL removes) the process's token function. */
void          kdcc_kube_oidc_set_token_func (KdccKubeOidcTokenFunc func);

typedef enum
{
  KDCC_KUBE_OIDC_FAILED,
  KDCC_KUBE_OIDC_OBTAINED,
  KDCC_KUBE_OIDC_NOT_SIGNED_IN,
} KdccKubeOidcResult;

/* For kdcc_kube_credentials_obtain(): whether CONTEXT's user may be signed
 * in natively (a provider is named and a token function is set), and the
 * attempt, which fills CREDS' token, expiry and origin when it obtains. */
gboolean            kdcc_kube_oidc_applies  (const KdccKubeContext  *context);
KdccKubeOidcResult  kdcc_kube_oidc_obtain   (const KdccKubeContext  *context,
                                             KdccKubeCredentials    *creds,
                                             GCancellable           *cancellable,
                                             GError                **error);

/* For a context set to sign in with SSO (sso_issuer): the ID token of
 * KDCC's account there, or KDCC_ERROR_AUTH naming the issuer and how to
 * sign in when there is no account (or it must sign in again). Never the
 * kubeconfig user's credentials. Blocks. */
KdccKubeCredentials *kdcc_kube_oidc_obtain_sso (const KdccKubeContext  *context,
                                                GCancellable           *cancellable,
                                                GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccKubeOidc, kdcc_kube_oidc_free)

G_END_DECLS
