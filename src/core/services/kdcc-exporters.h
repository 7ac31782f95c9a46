/* kdcc-exporters.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-alertmanager.h"
#include "kdcc-prometheus.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* The operators and exporters KDCC can see beside a cluster, for the
 * Versions page: the mgr's Prometheus exporter (its address from the mgr
 * map's services), the Prometheus server and Alertmanager in use with the
 * versions they report, and the Rook operator when the connection goes
 * through Kubernetes. Each part that cannot be read says why in its
 * _problem; one failing does not hide the others. */
typedef struct
{
  char     *exporter_url;          /* `mgr services` "prometheus", NULL when not listed */
  char     *exporter_problem;      /* why the address is unknown, or NULL */

  char     *prometheus_url;        /* NULL: no Prometheus in use */
  char     *prometheus_version;
  char     *prometheus_problem;

  char     *alertmanager_url;      /* NULL: no Alertmanager in use */
  char     *alertmanager_version;
  char     *alertmanager_problem;

  gboolean  kubernetes;            /* the source is a KdccKubeSource */
  gboolean  operator_known;        /* its cluster was found (first fetch done) */
  char     *operator_version;
  char     *operator_namespace;
  char     *operator_problem;
} KdccExporters;

void           kdcc_exporters_free          (KdccExporters        *exporters);

/* Reads them on a worker thread through the bounded clients. prometheus
 * and alertmanager: the session history's, or NULL. */
void           kdcc_exporters_gather_async  (KdccSource           *source,
                                             KdccPrometheus       *prometheus,
                                             KdccAlertmanager     *alertmanager,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/* (transfer full); NULL only when cancelled. */
KdccExporters *kdcc_exporters_gather_finish (GAsyncResult         *result,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccExporters, kdcc_exporters_free)

G_END_DECLS
