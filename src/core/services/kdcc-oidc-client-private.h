/* kdcc-oidc-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by kdcc-oidc-client.c (discovery, code, refresh, verification)
 * and kdcc-oidc-device.c (revocation, device grant).
 */
#pragma once

#include <libsoup/soup.h>

#include "kdcc-oidc-client.h"

G_BEGIN_DECLS

/* One exchange within the client's limits; returns the body and sets
 * *STATUS. Takes ownership of MSG. */
GBytes         *_kdcc_oidc_client_send               (KdccOidcClient        *self,
                                                      SoupMessage           *msg,
                                                      guint                  max_redirects,
                                                      guint                 *status,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
/* POSTs FORM (owned) to ENDPOINT; a non-2xx answer is an error naming
 * WHAT and the provider's OAuth error. */
GBytes         *_kdcc_oidc_client_post_form          (KdccOidcClient        *self,
                                                      const char            *endpoint,
                                                      const char            *what,
                                                      char                  *form,
                                                      GCancellable          *cancellable,
                                                      GError               **error);
/* FORM (owned) with the client secret appended when there is one. */
char           *_kdcc_oidc_client_with_secret        (KdccOidcClient        *self,
                                                      char                  *form);
void            _kdcc_oidc_set_endpoint_error        (GError               **error,
                                                      const char            *what,
                                                      guint                  status,
                                                      GBytes                *answer);
/* A token answer into verified tokens (NONCE and PREVIOUS nullable). */
KdccOidcTokens *_kdcc_oidc_client_tokens_from_answer (KdccOidcClient        *self,
                                                      GBytes                *answer,
                                                      const char            *nonce,
                                                      const KdccOidcTokens  *previous,
                                                      GCancellable          *cancellable,
                                                      GError               **error);

G_END_DECLS
