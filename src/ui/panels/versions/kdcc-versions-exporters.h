/* kdcc-versions-exporters.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kdcc-cluster.h"
#include "kdcc-session.h"

G_BEGIN_DECLS

#define KDCC_TYPE_VERSIONS_EXPORTERS (kdcc_versions_exporters_get_type ())

G_DECLARE_FINAL_TYPE (KdccVersionsExporters, kdcc_versions_exporters, KDCC, VERSIONS_EXPORTERS,
                      AdwPreferencesGroup)

/* The Versions page's "Operators and Exporters" group: the mgr's Prometheus
 * exporter (the prometheus module's state and address), the Prometheus
 * server and Alertmanager the session's history uses, with their versions,
 * and the Rook operator on a Kubernetes connection. */
GtkWidget  *kdcc_versions_exporters_new          (void);
void        kdcc_versions_exporters_set_session  (KdccVersionsExporters *self,
                                                  KdccSession           *session);
/* Re-reads the prometheus module's state (after a refresh). */
void        kdcc_versions_exporters_update_module (KdccVersionsExporters *self,
                                                  KdccCluster           *cluster);
/* A row's subtitle: "exporter", "prometheus", "alertmanager", "operator";
 * NULL for another name. */
const char *kdcc_versions_exporters_get_row_text (KdccVersionsExporters *self,
                                                  const char            *row);
/* How many gathers have finished (tests wait on it). */
guint       kdcc_versions_exporters_get_n_gathers (KdccVersionsExporters *self);

G_END_DECLS
