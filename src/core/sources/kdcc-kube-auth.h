/* kdcc-kube-auth.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-kubeconfig.h"

G_BEGIN_DECLS

/* What a request to the Kubernetes API presents, obtained from a context's
 * user as kubectl does: a static token or token file first, then an `exec`
 * credential plugin, then an `auth-provider` (oidc: its id-token), plus a
 * client certificate (the plugin's, or the kubeconfig's). */
typedef struct
{
  char            *token;              /* bearer token or NULL */
  char            *basic_user;         /* basic auth, or NULL */
  char            *basic_password;
  GTlsCertificate *client_certificate; /* with its private key, or NULL */
  gint64           expires_at;         /* Unix seconds; 0 when unknown */
  /* Where the credentials came from, for messages: "token", "token file
   * PATH", "exec plugin CMD", "oidc", "client certificate", "none". */
  char            *origin;
  /* Whether getting them again may give others (a token file, a plugin):
   * the client asks again once after a 401. */
  gboolean         renewable;
} KdccKubeCredentials;

/* Blocks (an exec plugin runs for at most KDCC_KUBE_EXEC_TIMEOUT_MS): call
 * it from a worker thread. Errors are KDCC_ERROR_AUTH (an expired token, a
 * plugin that failed, with its message and install hint) or
 * KDCC_ERROR_INVALID_INPUT (a certificate or key that cannot be read). */
#define KDCC_KUBE_EXEC_TIMEOUT_MS 60000

KdccKubeCredentials *kdcc_kube_credentials_obtain (const KdccKubeContext  *context,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
void                 kdcc_kube_credentials_free   (KdccKubeCredentials    *creds);

/* Parses the ExecCredential JSON a plugin printed (apiVersion must be
 * API_VERSION) into CREDS' token, client certificate and expiry. An
 * expirationTimestamp in the past is an error. Exposed for tests and the
 * fuzzer. */
gboolean             kdcc_kube_parse_exec_credential (const char          *json,
                                                      gssize               length,
                                                      const char          *api_version,
                                                      KdccKubeCredentials *creds,
                                                      GError             **error);

/* The "exp" claim of a JWT (an OIDC id-token), in Unix seconds, or 0 when
 * it is not a JWT or has none. Does not verify the signature: the API
 * server does that; this only tells an expired token before sending it. */
gint64               kdcc_kube_jwt_expiry         (const char             *jwt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccKubeCredentials, kdcc_kube_credentials_free)

G_END_DECLS
