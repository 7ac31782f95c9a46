/* kdcc-test-kube.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The fake Kubernetes API server of the tests (tests/kube/kdcc-fake-kube-api)
 * over HTTPS with a test CA made by openssl, and a kubeconfig for it with
 * these contexts (namespace rook-ceph unless said otherwise):
 *
 *   admin      bearer token, may do anything
 *   restricted bearer token, may only get and list pods in rook-ceph
 *   viewer     bearer token, may get and list CephClusters, deployments,
 *              services and secrets everywhere, but not use the service proxy
 *   cert       client certificate (CN=carol), may do anything
 *   anonymous  no credentials (HTTP 401)
 *   badtoken   a token the server does not know (HTTP 401)
 *   wrongca    the admin token, but another CA (the TLS check fails)
 *   insecure   the admin token with insecure-skip-tls-verify
 *
 * The server starts with the namespaces default and rook-ceph, plus
 * OBJECTS_JSON (a JSON array of objects, may be NULL). PROXY_JSON (may be
 * NULL) maps "NS/SERVICE" to the real address the service proxy relays to,
 * e.g. {"rook-ceph/rook-ceph-mgr-dashboard": "http://127.0.0.1:PORT"}. */
typedef struct
{
  char        *dir;
  char        *url;          /* https://127.0.0.1:PORT */
  char        *kubeconfig;
  char        *ca_path;
  GSubprocess *process;
} KdccTestKube;

KdccTestKube *kdcc_test_kube_start   (const char    *objects_json,
                                      const char    *proxy_json);
/* The same with the fake Rook operator (tests/kube/README.md) in MODE
 * "ready" (a new CephCluster goes Progressing, then Ready with HEALTH_OK
 * a few seconds later), "fail" (Failure) or "off"; POST
 * /fake/operator/MODE changes it later. */
KdccTestKube *kdcc_test_kube_start_with_operator (const char *objects_json,
                                                  const char *proxy_json,
                                                  const char *operator_mode);
void          kdcc_test_kube_free    (KdccTestKube  *kube);
/* The same server, also accepting ID tokens of the OpenID provider ISSUER
 * issued to CLIENT_ID, checked against its JWKS as kube-apiserver's
 * --oidc-* flags do (username: "oidc:" + preferred_username; "oidc:alice"
 * is an admin). */
KdccTestKube *kdcc_test_kube_start_oidc (const char *issuer,
                                         const char *client_id);
/* The objects Rook would have created in namespace rook-ceph for a
 * cluster with this fsid and dashboard password (a CephCluster with its
 * status, the operator deployment, the dashboard service and the password
 * secret), as JSON for kdcc_test_kube_start. */
char         *kdcc_test_kube_rook_objects (const char *fsid,
                                           const char *dashboard_password);

/* What Rook made in namespace rook-ceph for a cluster running CEPH
 * ("16.2.15") under ROOK ("v1.11.11"), for the fake operator's upgrades
 * (tests/kube/README.md): the operator Deployment, Deployments for mon
 * a/b/c, mgr a and OSDs 0/1/2 with Rook's labels, all ready, and a Ready
 * CephCluster with this fsid. */
char         *kdcc_test_kube_rook_upgrade_objects (const char *rook,
                                                   const char *ceph,
                                                   const char *fsid);
/* The same plus what Rook deploys of Ceph-CSI in the operator's namespace:
 * the csi-rbdplugin and csi-cephfsplugin DaemonSets and their -provisioner
 * Deployments, with the cephcsi image quay.io/cephcsi/cephcsi:CEPHCSI and
 * Rook 1.12's Kubernetes sidecars. */
char         *kdcc_test_kube_rook_upgrade_objects_csi (const char *rook,
                                                       const char *ceph,
                                                       const char *fsid,
                                                       const char *cephcsi);

/* Runs the real kubectl with --kubeconfig and --context CONTEXT; returns
 * its exit status, its stdout in *OUT and stderr in *ERR (either may be
 * NULL). */
int           kdcc_test_kube_kubectl (KdccTestKube  *kube,
                                      const char    *context,
                                      char         **out,
                                      char         **err,
                                      ...) G_GNUC_NULL_TERMINATED;

/* POST /fake/NAME (control of the fake: "compact", "expire-next-continue",
 * "stats"); returns the answer. */
JsonObject   *kdcc_test_kube_control (KdccTestKube  *kube,
                                      const char    *name);

/* Appends TEXT to the log of CONTAINER in POD (POST /fake/log): what
 * pods/log then serves, and what a follow sees arrive. */
void          kdcc_test_kube_append_log (KdccTestKube *kube,
                                         const char   *namespace,
                                         const char   *pod,
                                         const char   *container,
                                         const char   *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccTestKube, kdcc_test_kube_free)

G_END_DECLS
