/* kdcc-cli-kube.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-session.h"

G_BEGIN_DECLS

/* `kdcc-cli status --kubeconfig PATH [--context C] [--namespace NS]`: finds
 * Rook's CephClusters through the kubeconfig's context (in NS, or in all
 * namespaces the user may list), prints what Kubernetes says about them
 * unless QUIET, and opens a session on the dashboard of the first one that
 * has one, reached through the API server's service proxy. DASHBOARD_USER
 * may override Rook's "admin". SSO_ISSUER and SSO_CLIENT_ID (both or
 * neither): sign in with KDCC's account there instead of the kubeconfig
 * user's credentials. */
KdccSession *kdcc_cli_kube_open_session (const char  *kubeconfig,
                                         const char  *context,
                                         const char  *namespace,
                                         const char  *dashboard_user,
                                         const char  *sso_issuer,
                                         const char  *sso_client_id,
                                         gboolean     quiet,
                                         GError     **error);

G_END_DECLS
