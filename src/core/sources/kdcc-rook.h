/* kdcc-rook.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-kube-client.h"

G_BEGIN_DECLS

/* Rook's Ceph clusters as the Kubernetes API shows them, and the way to the
 * Ceph Dashboard of one of them through the API server's service proxy (no
 * port-forward). */

typedef struct
{
  char *type;                 /* "Ready", "Progressing", … */
  char *status;               /* "True", "False", "Unknown" */
  char *reason;
  char *message;
  char *last_transition;
} KdccRookCondition;

typedef struct
{
  char      *namespace;
  char      *name;

  /* status */
  char      *phase;           /* Progressing|Ready|Failure|Connecting|Connected|Deleting */
  char      *state;
  char      *message;
  GPtrArray *conditions;      /* KdccRookCondition */
  char      *health;          /* status.ceph.health: HEALTH_OK, … */
  GStrv      health_details;  /* "CODE (SEVERITY): message", sorted */
  char      *fsid;
  gint64     bytes_total;     /* status.ceph.capacity, -1 when unknown */
  gint64     bytes_used;
  gint64     bytes_available;
  char      *ceph_version;    /* status.version.version, e.g. "16.2.15-0" */
  GStrv      versions;        /* status.ceph.versions.overall: "VERSION: N", sorted */

  /* spec */
  char      *image;           /* spec.cephVersion.image */
  gboolean   dashboard_enabled;
  gboolean   dashboard_ssl;

  /* found beside it */
  char      *operator_namespace;
  char      *operator_image;
  char      *operator_version;  /* the image tag, e.g. "v1.16.0" */
  char      *operator_problem;  /* why there is no operator information, or NULL */
  char      *dashboard_service; /* "rook-ceph-mgr-dashboard" when it exists */
  char      *dashboard_port;    /* its first port's name, or number */
  char      *dashboard_scheme;  /* "http" or "https" */
  char      *dashboard_problem; /* why the dashboard cannot be reached, or NULL */
  char      *prometheus_service; /* Rook's monitoring Prometheus in the cluster's namespace
                                  * (KDCC_ROOK_PROMETHEUS_SERVICE, else one labelled
                                  * app.kubernetes.io/name=prometheus), or NULL */
  char      *prometheus_port;    /* its first port's name, or number */
} KdccRookCluster;

#define KDCC_ROOK_DASHBOARD_SERVICE "rook-ceph-mgr-dashboard"
#define KDCC_ROOK_DASHBOARD_SECRET  "rook-ceph-dashboard-password"
/* The Service of Rook's monitoring guide (deploy/examples/monitoring). */
#define KDCC_ROOK_PROMETHEUS_SERVICE "rook-prometheus"
/* The dashboard user Rook creates. */
#define KDCC_ROOK_DASHBOARD_USER    "admin"

/* One CephCluster object; NULL (with a KDCC_ERROR_PARSE) when it has no
 * metadata.name. */
KdccRookCluster *kdcc_rook_cluster_parse  (JsonObject             *object,
                                           GError                **error);
void             kdcc_rook_cluster_free   (KdccRookCluster        *cluster);

/* The CephClusters in NAMESPACE (NULL: in all namespaces the user may
 * list; when listing across namespaces is denied, the client's own
 * namespace), each with its operator, dashboard service and Prometheus
 * service if any. A denial to read the operator or the service is not an
 * error: it is named in operator_problem or dashboard_problem (a
 * Prometheus that cannot be listed is left out). (element-type KdccRookCluster) */
GPtrArray       *kdcc_rook_discover       (KdccKubeClient         *client,
                                           const char             *namespace,
                                           GCancellable           *cancellable,
                                           GError                **error);

/* A dashboard source for CLUSTER reached through the API server's service
 * proxy with CLIENT's credentials, logging in as USER (NULL: Rook's
 * "admin") with the password from the rook-ceph-dashboard-password
 * secret. Blocks (reads the secret). */
KdccDashboardSource *kdcc_rook_dashboard_source_new (KdccKubeClient        *client,
                                                     const KdccRookCluster *cluster,
                                                     const char            *user,
                                                     GCancellable          *cancellable,
                                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccRookCluster, kdcc_rook_cluster_free)

G_END_DECLS
