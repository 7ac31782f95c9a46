/* kdcc-oidc-signin.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-oidc-client.h"

G_BEGIN_DECLS

/* Opens URI in the user's browser. The app passes one that calls
 * g_app_info_launch_default_for_uri(), kdcc-cli one that prints the URL,
 * the tests one that drives the provider's forms over HTTP. Called once,
 * on the thread that started the sign-in. */
typedef void (*KdccOidcOpenUriFunc) (const char *uri,
                                     gpointer    user_data);

/* Signs in with the authorization code flow, PKCE (S256) and a loopback
 * redirect (RFC 8252 §7.3): a server on 127.0.0.1, on a port the system
 * picks, waits for one request to /callback on the caller's main context,
 * checks its state, answers the browser with a short page and closes. The
 * code is then exchanged and the ID token verified (nonce included) on a
 * worker thread.
 *
 * Fails with KDCC_OIDC_ERROR_STATE (a redirect of another sign-in or a
 * forged one), _DENIED (the user or the provider said no), the reasons of
 * kdcc_oidc_client_exchange_code_sync(), KDCC_ERROR_TIMEOUT when nothing
 * came back within TIMEOUT_S seconds, or G_IO_ERROR_CANCELLED. */
void            kdcc_oidc_sign_in_async   (KdccOidcClient       *client,
                                           KdccOidcOpenUriFunc   open_uri,
                                           gpointer              open_uri_data,
                                           guint                 timeout_s,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
KdccOidcTokens *kdcc_oidc_sign_in_finish  (KdccOidcClient       *client,
                                           GAsyncResult         *result,
                                           GError              **error);

/* Blocks on a main context of its own until the sign-in ends (kdcc-cli). */
KdccOidcTokens *kdcc_oidc_sign_in_sync    (KdccOidcClient       *client,
                                           KdccOidcOpenUriFunc   open_uri,
                                           gpointer              open_uri_data,
                                           guint                 timeout_s,
                                           GCancellable         *cancellable,
                                           GError              **error);

G_END_DECLS
