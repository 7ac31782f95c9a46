/* kdcc-kube-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kdcc-kube-client.h"

G_BEGIN_DECLS

/*< private >*/
/* Shared by kdcc-kube-client.c (credentials, TLS, one request) and
 * kdcc-kube-verbs.c (the REST verbs and the Status errors). */

/* One request to PATH_QUERY ("/api/v1/pods?limit=5") with the client's
 * credentials (asked for again once after a 401 when renewable). Returns
 * the body of any HTTP status, the status in *STATUS; only transport
 * failures and broken limits are errors. */
GBytes *_kdcc_kube_client_send (KdccKubeClient  *self,
                                const char      *method,
                                const char      *path_query,
                                const char      *content_type,
                                GBytes          *body,
                                guint           *status,
                                GCancellable    *cancellable,
                                GError         **error);

/* The same, for an answer of the type ACCEPT ("text/plain": pod logs). */
GBytes *_kdcc_kube_client_send_accept (KdccKubeClient  *self,
                                       const char      *method,
                                       const char      *path_query,
                                       const char      *content_type,
                                       GBytes          *body,
                                       const char      *accept,
                                       guint           *status,
                                       GCancellable    *cancellable,
                                       GError         **error);

/* Who the client authenticates as, for messages: the kubeconfig user and
 * where the credentials come from. */
char   *_kdcc_kube_client_describe_user (KdccKubeClient *self);

guint   _kdcc_kube_client_get_page_size (KdccKubeClient *self);

/* Every certificate of a PEM bundle (also used for the oidc
 * auth-provider's idp-certificate-authority, kdcc-kube-oidc-refresh.c). */
GPtrArray *_kdcc_kube_parse_ca_bundle (GBytes *pem);

G_END_DECLS
