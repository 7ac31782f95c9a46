/* kdcc-connect-kube.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-profile.h"

G_BEGIN_DECLS

#define KDCC_TYPE_CONNECT_KUBE (kdcc_connect_kube_get_type ())

G_DECLARE_FINAL_TYPE (KdccConnectKube, kdcc_connect_kube, KDCC, CONNECT_KUBE, GtkBox)

/* The Kubernetes part of the connect dialog: a kubeconfig (as kubectl finds
 * it: KUBECONFIG or ~/.kube/config, or a chosen file), one of its contexts
 * (the current one preselected), and the Rook CephClusters that context can
 * reach, found on a worker thread ("Find Clusters", action kube.find) with
 * their phase and health, each with a check box (all checked when found).
 *
 * Signal "changed": the selection, the busy state or the error changed. */
GtkWidget  *kdcc_connect_kube_new             (void);

/* PATHS as in KUBECONFIG; NULL or "" for kubectl's default. Reloads the
 * contexts (a small local read) and forgets the clusters found. */
void        kdcc_connect_kube_set_kubeconfig  (KdccConnectKube *self,
                                               const char      *paths);
/* What the kubeconfig row says (never NULL). */
const char *kdcc_connect_kube_get_kubeconfig  (KdccConnectKube *self);
/* Selects CONTEXT in the drop-down; FALSE when the kubeconfig has none so
 * named. */
gboolean    kdcc_connect_kube_set_context     (KdccConnectKube *self,
                                               const char      *context);
/* The selected context, or NULL. */
const char *kdcc_connect_kube_get_context     (KdccConnectKube *self);
/* Starts finding the clusters (what "Find Clusters" does). */
void        kdcc_connect_kube_find            (KdccConnectKube *self);
gboolean    kdcc_connect_kube_get_busy        (KdccConnectKube *self);
/* Why the kubeconfig or the search failed, or NULL; and its heading. */
const char *kdcc_connect_kube_get_error       (KdccConnectKube *self);
/* The clusters found and, of them, the ones checked. */
guint       kdcc_connect_kube_get_n_clusters  (KdccConnectKube *self);
guint       kdcc_connect_kube_get_n_selected  (KdccConnectKube *self);
/* The dashboard user to log in as (NULL: Rook's "admin"); the password is
 * read from Rook's secret each time, never stored. */
void        kdcc_connect_kube_set_dashboard_user (KdccConnectKube *self,
                                                  const char      *user);
/* Sign in with SSO (the expander row "Sign in with SSO"): when switched on
 * with both an issuer URL and a client id, the clusters are found and the
 * profiles connect with KDCC's account there (kdcc-profile.h's
 * "sso-issuer"). ISSUER NULL switches it off. */
void        kdcc_connect_kube_set_sso         (KdccConnectKube *self,
                                               const char      *issuer,
                                               const char      *client_id);
/* Checks the cluster at INDEX, or unchecks it. */
void        kdcc_connect_kube_set_selected    (KdccConnectKube *self,
                                               guint            index,
                                               gboolean         selected);
/* A new Kubernetes profile for each checked cluster: kubeconfig (NULL when
 * it is kubectl's default), context and the cluster's namespace; named
 * after the cluster when several were found. (element-type KdccProfile) */
GPtrArray  *kdcc_connect_kube_dup_profiles    (KdccConnectKube *self);

G_END_DECLS
