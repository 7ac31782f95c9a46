/* kdcc-oidc-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-jwt.h"
#include "kdcc-oidc-parse.h"

G_BEGIN_DECLS

/* KDCC's own sign-in with an OpenID Connect provider (Keycloak, Azure AD,
 * Okta, Dex, ...) as a native public client: authorization code with PKCE
 * (S256) and a loopback redirect (RFC 8252, kdcc-oidc-signin.h), the
 * device authorization grant (RFC 8628) for machines without a browser,
 * refresh and revocation. Every exchange goes through kdcc-http with
 * limits. Every ID token is verified (signature against the provider's
 * JWKS, iss, aud, azp, exp, iat, nonce) before anything is believed.
 *
 * The blocking calls (_sync) run on a worker thread or in kdcc-cli; the
 * client may be shared between threads (its HTTP use and caches are
 * locked). Errors: KDCC_OIDC_ERROR with the reason, KDCC_ERROR for
 * transport failures (connect, timeout, limit), G_IO_ERROR_CANCELLED. */

/* Tokens of one signed-in account. The refresh token is the only one
 * that lives long: it goes to the Secret Service (kdcc-oidc-accounts.h),
 * the others stay in memory. */
typedef struct
{
  char   *issuer;
  char   *client_id;
  char   *subject;
  char   *display_name;   /* preferred_username, email or name; else the subject */
  char   *id_token;
  char   *access_token;
  char   *refresh_token;  /* nullable */
  gint64  expires_at;     /* Unix seconds: the earlier of the ID token's and the access token's expiry */
} KdccOidcTokens;

KdccOidcTokens *kdcc_oidc_tokens_copy (const KdccOidcTokens *tokens);
/* Overwrites the tokens before freeing them. */
void            kdcc_oidc_tokens_free (KdccOidcTokens       *tokens);

#define KDCC_TYPE_OIDC_CLIENT (kdcc_oidc_client_get_type ())

G_DECLARE_FINAL_TYPE (KdccOidcClient, kdcc_oidc_client, KDCC, OIDC_CLIENT, GObject)

/* ISSUER as the provider names itself (discovery is fetched from
 * ISSUER/.well-known/openid-configuration); CLIENT_ID of a public client
 * registered there. Properties "issuer", "client-id" (construct-only) and
 * "scope" (default "openid profile email offline_access"). */
KdccOidcClient *kdcc_oidc_client_new              (const char      *issuer,
                                                   const char      *client_id);
const char     *kdcc_oidc_client_get_issuer       (KdccOidcClient  *self);
const char     *kdcc_oidc_client_get_client_id    (KdccOidcClient  *self);
const char     *kdcc_oidc_client_get_scope        (KdccOidcClient  *self);
void            kdcc_oidc_client_set_scope        (KdccOidcClient  *self,
                                                   const char      *scope);

/* A confidential client's secret (kubelogin's --oidc-client-secret), sent
 * with every token endpoint request; NULL or "" for a public client. */
void            kdcc_oidc_client_set_client_secret (KdccOidcClient *self,
                                                    const char     *client_secret);

/* Fetches (once, then cached) and checks the discovery document. Returns
 * a copy. */
KdccOidcDiscovery *kdcc_oidc_client_discover_sync (KdccOidcClient  *self,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

/* PKCE and anti-forgery values of one sign-in (random, base64url). */
typedef struct
{
  char *state;
  char *nonce;
  char *code_verifier;
  char *code_challenge;   /* S256 of code_verifier */
} KdccOidcPkce;

KdccOidcPkce   *kdcc_oidc_pkce_new                (void);
void            kdcc_oidc_pkce_free               (KdccOidcPkce    *pkce);

/* The URL to open in the browser. */
char           *kdcc_oidc_client_build_auth_url   (KdccOidcClient           *self,
                                                   const KdccOidcDiscovery  *discovery,
                                                   const KdccOidcPkce       *pkce,
                                                   const char               *redirect_uri);

/* Code → tokens, ID token verified with PKCE->nonce. */
KdccOidcTokens *kdcc_oidc_client_exchange_code_sync (KdccOidcClient      *self,
                                                     const char          *code,
                                                     const char          *redirect_uri,
                                                     const KdccOidcPkce  *pkce,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

/* Fetches the provider's JWKS (cached; fetched again once when the token's
 * key is not in it, as providers rotate keys), verifies the signature and
 * the claims. NONCE may be NULL (refresh). Returns the parsed token. */
KdccJwt        *kdcc_oidc_client_verify_id_token_sync (KdccOidcClient  *self,
                                                       const char      *id_token,
                                                       const char      *nonce,
                                                       GCancellable    *cancellable,
                                                       GError         **error);

/* Uses a refresh token. When the provider refuses it (expired, revoked:
 * invalid_grant) the error is KDCC_OIDC_ERROR_SIGN_IN_AGAIN. A new ID
 * token must be of the same subject; when the answer carries none, the
 * result keeps PREVIOUS's ID token (nullable) and identity. */
KdccOidcTokens *kdcc_oidc_client_refresh_sync     (KdccOidcClient        *self,
                                                   const char            *refresh_token,
                                                   const KdccOidcTokens  *previous,
                                                   GCancellable          *cancellable,
                                                   GError               **error);

/* RFC 7009. HINT is "refresh_token" or "access_token". Fails with
 * KDCC_ERROR_NOT_SUPPORTED when the provider has no revocation endpoint. */
gboolean        kdcc_oidc_client_revoke_sync      (KdccOidcClient  *self,
                                                   const char      *token,
                                                   const char      *hint,
                                                   GCancellable    *cancellable,
                                                   GError         **error);

/* Device authorization grant: start, show auth->user_code and
 * auth->verification_uri to the user, then poll (blocks, at the provider's
 * interval, until the user approved or refused, the code expired, or
 * cancellable fired). */
KdccOidcDeviceAuth *kdcc_oidc_client_device_start_sync (KdccOidcClient  *self,
                                                        GCancellable    *cancellable,
                                                        GError         **error);
KdccOidcTokens     *kdcc_oidc_client_device_poll_sync  (KdccOidcClient            *self,
                                                        const KdccOidcDeviceAuth  *auth,
                                                        GCancellable              *cancellable,
                                                        GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOidcTokens, kdcc_oidc_tokens_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOidcPkce, kdcc_oidc_pkce_free)

G_END_DECLS
