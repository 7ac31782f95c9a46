/* kdcc-kube-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-kube-client.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

#define KDCC_TYPE_KUBE_SOURCE (kdcc_kube_source_get_type ())

G_DECLARE_FINAL_TYPE (KdccKubeSource, kdcc_kube_source, KDCC, KUBE_SOURCE, GObject)

/* A KdccSource for a Rook cluster reached through a kubeconfig context: on
 * its first fetch (a worker thread) it finds the CephCluster in NAMESPACE
 * (NULL: the first one the user may see that has a dashboard) and reads
 * that cluster's Ceph Dashboard through the API server's service proxy
 * (kdcc-rook.h); everything else is the dashboard source's. A failed
 * discovery is the fetch's error and is tried again at the next fetch.
 *
 * KUBECONFIG: paths as in KUBECONFIG, or NULL for $KUBECONFIG or
 * ~/.kube/config. CONTEXT: NULL for the current context. DASHBOARD_USER:
 * NULL for Rook's "admin". */
KdccKubeSource *kdcc_kube_source_new (const char *kubeconfig,
                                      const char *context,
                                      const char *namespace,
                                      const char *dashboard_user);

/* Sign in with SSO: every client the source makes presents the ID token
 * of KDCC's account at ISSUER for CLIENT_ID instead of the kubeconfig
 * user's credentials (KdccKubeContext's sso_issuer). Both NULL: off. Call
 * it before the first fetch. */
void            kdcc_kube_source_set_sso (KdccKubeSource *self,
                                          const char     *issuer,
                                          const char     *client_id);

/* The Rook operator beside the CephCluster the source found: its version
 * (the image tag, "v1.16.0") and namespace, or problem saying why they are
 * unknown. FALSE (nothing set) until the first fetch found the cluster.
 * Out strings: free with g_free; any may be NULL. */
gboolean        kdcc_kube_source_dup_operator (KdccKubeSource  *self,
                                               char           **version,
                                               char           **namespace,
                                               char           **problem);

/* The client of the kubeconfig context and the namespace and name of the
 * CephCluster the source found, for the Kubernetes view and diagnostics;
 * NULL (nothing set) until the first fetch found the cluster. */
KdccKubeClient *kdcc_kube_source_dup_client    (KdccKubeSource  *self,
                                                char           **namespace,
                                                char           **name);
/* The same, finding the cluster first when no fetch has yet. Blocks: call
 * it from a worker thread. */
KdccKubeClient *kdcc_kube_source_ensure_client (KdccKubeSource  *self,
                                                char           **namespace,
                                                char           **name,
                                                GCancellable    *cancellable,
                                                GError         **error);
/* The dashboard source behind the service proxy (a new reference), found
 * first when needed. Blocks. */
KdccSource     *kdcc_kube_source_ensure_dashboard (KdccKubeSource *self,
                                                   GCancellable   *cancellable,
                                                   GError        **error);

/* A client of the source's context without finding the cluster first (for
 * diagnostics, which matter most when the dashboard cannot be reached):
 * the found cluster's client and namespace when there is one, else a new
 * client and the namespace given to kdcc_kube_source_new(), or the
 * context's. Reads the kubeconfig; no request. */
KdccKubeClient *kdcc_kube_source_open_client   (KdccKubeSource  *self,
                                                char           **namespace,
                                                GError         **error);
/* As given to kdcc_kube_source_new() (may be NULL). */
const char     *kdcc_kube_source_get_kubeconfig (KdccKubeSource *self);
const char     *kdcc_kube_source_get_context    (KdccKubeSource *self);

G_END_DECLS
