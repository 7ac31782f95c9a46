/* kdcc-kube-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kdcc-http.h"
#include "kdcc-kubeconfig.h"

G_BEGIN_DECLS

/* A client of the Kubernetes REST API for one kubeconfig context, on the
 * bounded HTTP layer (kdcc-http). Every call blocks: call it from a worker
 * thread. The client is thread-safe; requests share one libsoup session.
 *
 * Trust and identity come from the context: its CA (and only that CA, as
 * kubectl) or the system CAs, insecure-skip-tls-verify, and the user's
 * credentials (kdcc-kube-auth.h), obtained at the first request, again when
 * they expire and once after the API server refuses them (HTTP 401) when
 * they are renewable (token file, exec plugin).
 *
 * Errors: what the API server refused comes from its Status object, worded
 * for the request:
 *  - 401: KDCC_ERROR_AUTH, naming the user and where the credentials came
 *    from;
 *  - 403: KDCC_ERROR_AUTH, naming the verb and the resource (with its group
 *    and the namespace) the user lacks the RBAC permission for;
 *  - 404, 409, 410, 422: KDCC_KUBE_ERROR_NOT_FOUND, _CONFLICT, _GONE,
 *    _INVALID, with the API server's message;
 *  - any other status: KDCC_ERROR_HTTP;
 *  - transport: KDCC_ERROR_CONNECT, KDCC_ERROR_TLS, KDCC_ERROR_TIMEOUT,
 *    KDCC_ERROR_LIMIT (kdcc-http's limits), G_IO_ERROR_CANCELLED. */

#define KDCC_KUBE_ERROR (kdcc_kube_error_quark ())

typedef enum
{
  KDCC_KUBE_ERROR_NOT_FOUND,   /* 404: no such object, or the resource is not served */
  KDCC_KUBE_ERROR_CONFLICT,    /* 409: exists already, stale resourceVersion, apply conflict */
  KDCC_KUBE_ERROR_GONE,        /* 410: the resourceVersion or continue token expired */
  KDCC_KUBE_ERROR_INVALID,     /* 422: the object does not validate */
} KdccKubeError;

GQuark kdcc_kube_error_quark (void);

/* One kind of object the client reads or writes. */
typedef struct
{
  const char *group;       /* "" for the core group */
  const char *version;
  const char *plural;      /* as in the URL: "cephclusters" */
  const char *kind;
  gboolean    namespaced;
} KdccKubeResource;

extern const KdccKubeResource kdcc_kube_namespaces;
extern const KdccKubeResource kdcc_kube_nodes;
extern const KdccKubeResource kdcc_kube_pods;
extern const KdccKubeResource kdcc_kube_services;
extern const KdccKubeResource kdcc_kube_secrets;
extern const KdccKubeResource kdcc_kube_configmaps;
extern const KdccKubeResource kdcc_kube_deployments;
extern const KdccKubeResource kdcc_kube_cephclusters;
extern const KdccKubeResource kdcc_kube_cephblockpools;
extern const KdccKubeResource kdcc_kube_cephfilesystems;
extern const KdccKubeResource kdcc_kube_cephobjectstores;

/* "cephclusters.ceph.rook.io", "pods": how RBAC rules name the resource. */
char *kdcc_kube_resource_describe (const KdccKubeResource *resource);
/* The REST path of a collection (NAME NULL) or one object. NAMESPACE NULL
 * lists a namespaced resource across all namespaces. */
char *kdcc_kube_resource_path     (const KdccKubeResource *resource,
                                   const char             *namespace,
                                   const char             *name);

#define KDCC_TYPE_KUBE_CLIENT (kdcc_kube_client_get_type ())

G_DECLARE_FINAL_TYPE (KdccKubeClient, kdcc_kube_client, KDCC, KUBE_CLIENT, GObject)

KdccKubeClient  *kdcc_kube_client_new           (const KdccKubeContext  *context);

const KdccKubeContext *kdcc_kube_client_get_context (KdccKubeClient *self);
/* The context's namespace ("default" when it has none). */
const char      *kdcc_kube_client_get_namespace (KdccKubeClient         *self);
/* Items per page of a list (limit=N; default 500, 0 for no paging). */
void             kdcc_kube_client_set_page_size (KdccKubeClient         *self,
                                                 guint                   page_size);
/* The limits of every request (the body size and the whole exchange's
 * deadline; defaults 64 MB and 30 s). */
void             kdcc_kube_client_set_limits    (KdccKubeClient         *self,
                                                 guint64                 max_body_bytes,
                                                 guint                   deadline_ms);

JsonObject      *kdcc_kube_client_get           (KdccKubeClient         *self,
                                                 const KdccKubeResource *resource,
                                                 const char             *namespace,
                                                 const char             *name,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
/* Every page of the list, the items in one array. LABEL_SELECTOR may be
 * NULL. *RESOURCE_VERSION (may be NULL) receives the list's
 * resourceVersion, from which a watch would start. A continue token that
 * expires between pages (410) starts the list again once, without paging,
 * as client-go's pager does. */
JsonArray       *kdcc_kube_client_list          (KdccKubeClient         *self,
                                                 const KdccKubeResource *resource,
                                                 const char             *namespace,
                                                 const char             *label_selector,
                                                 char                  **resource_version,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
JsonObject      *kdcc_kube_client_create        (KdccKubeClient         *self,
                                                 const KdccKubeResource *resource,
                                                 const char             *namespace,
                                                 JsonObject             *object,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
/* PATCH with application/merge-patch+json (RFC 7386). */
JsonObject      *kdcc_kube_client_merge_patch   (KdccKubeClient         *self,
                                                 const KdccKubeResource *resource,
                                                 const char             *namespace,
                                                 const char             *name,
                                                 JsonObject             *patch,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
/* PATCH with application/json-patch+json (RFC 6902): PATCH is an array of
 * operations. */
JsonObject      *kdcc_kube_client_json_patch    (KdccKubeClient         *self,
                                                 const KdccKubeResource *resource,
                                                 const char             *namespace,
                                                 const char             *name,
                                                 JsonArray              *patch,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
/* Server-side apply: PATCH application/apply-patch+yaml with fieldManager
 * FIELD_MANAGER; FORCE takes over fields other managers own instead of
 * failing with KDCC_KUBE_ERROR_CONFLICT. OBJECT carries apiVersion, kind
 * and metadata.name (and namespace). */
JsonObject      *kdcc_kube_client_apply         (KdccKubeClient         *self,
                                                 const KdccKubeResource *resource,
                                                 JsonObject             *object,
                                                 const char             *field_manager,
                                                 gboolean                force,
                                                 GCancellable           *cancellable,
                                                 GError                **error);
gboolean         kdcc_kube_client_delete        (KdccKubeClient         *self,
                                                 const KdccKubeResource *resource,
                                                 const char             *namespace,
                                                 const char             *name,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

/* Gives MSG (to this client's server, e.g. the service proxy) the client's
 * credentials and TLS trust: its Authorization header, its client
 * certificate, and the certificate check against the context's CA.
 * Obtains the credentials first when needed (may run an exec plugin). */
gboolean         kdcc_kube_client_prepare_message (KdccKubeClient       *self,
                                                   SoupMessage          *msg,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

/* A new session set up as the client's own (proxy, TLS trust), for
 * requests the client does not send itself (a watch's KdccHttpStream);
 * give each message kdcc_kube_client_prepare_message() too. */
SoupSession     *kdcc_kube_client_new_session     (KdccKubeClient       *self);

/* Sets SESSION's proxy as kubectl chooses it: HTTPS_PROXY (or
 * https_proxy) with NO_PROXY, else none. For sessions that talk to the API
 * server, such as the dashboard source behind the service proxy. */
void             kdcc_kube_configure_session    (SoupSession            *session);

/* The path of SERVICE's PORT (a name or number; NULL for the first) under
 * the API server's service proxy, without a trailing slash:
 * "/api/v1/namespaces/NS/services/NAME:PORT/proxy". A scheme prefix
 * ("https:NAME:PORT") is used when SCHEME is not NULL. */
char            *kdcc_kube_service_proxy_path   (const char             *namespace,
                                                 const char             *service,
                                                 const char             *scheme,
                                                 const char             *port);

/* GET a subresource of one object ("log" of a pod), with QUERY (may be
 * NULL: "tailLines=100&limitBytes=65536") and an answer of the type ACCEPT
 * ("text/plain"). Errors as for the other verbs, naming the subresource as
 * RBAC does ("pods/log"). */
GBytes          *kdcc_kube_client_get_subresource (KdccKubeClient         *self,
                                                   const KdccKubeResource *resource,
                                                   const char             *namespace,
                                                   const char             *name,
                                                   const char             *subresource,
                                                   const char             *query,
                                                   const char             *accept,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
/* GET PATH ("/apis/ceph.rook.io/v1": discovery) as a JSON object. */
JsonObject      *kdcc_kube_client_get_path        (KdccKubeClient         *self,
                                                   const char             *path,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
/* The API server's /version (gitVersion, platform, …). */
JsonObject      *kdcc_kube_client_get_version     (KdccKubeClient         *self,
                                                   GCancellable           *cancellable,
                                                   GError                **error);

G_END_DECLS
