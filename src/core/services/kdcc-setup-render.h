/* kdcc-setup-render.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kdcc-kube-client.h"
#include "kdcc-setup-template.h"

G_BEGIN_DECLS

/* A set-up template and its parameters turned into what installs the
 * cluster: the Rook objects (CephCluster; CephBlockPool, CephFilesystem or
 * CephObjectStore; a StorageClass) and the equivalent values.yaml of the
 * rook-ceph-cluster Helm chart. The operator is assumed to run in the
 * cluster's namespace (the CSI provisioner names start with it). */

/* storage.k8s.io/v1 StorageClass (cluster-scoped). */
extern const KdccKubeResource kdcc_setup_storageclasses;

typedef struct
{
  char                   *file_name;  /* "01-cephcluster-rook-ceph.yaml" */
  const KdccKubeResource *resource;
  JsonObject             *object;     /* apiVersion, kind, metadata, spec… */
} KdccSetupObject;

void kdcc_setup_object_free (KdccSetupObject *object);

/* Validates (kdcc_setup_params_validate(), WARNINGS as there) and renders:
 * (element-type KdccSetupObject) in the order they are applied, the
 * CephCluster first. */
GPtrArray  *kdcc_setup_render        (KdccSetupParams  *params,
                                      GPtrArray        *warnings,
                                      GError          **error);
/* The rook-ceph-cluster chart's values for the same cluster, from the
 * objects kdcc_setup_render() made. Lists the chart would otherwise fill
 * with its example pools are given, empty when unused. */
JsonObject *kdcc_setup_render_values (KdccSetupParams  *params,
                                      GPtrArray        *objects);

/* NODE as a YAML document (libyaml's emitter). Strings a YAML 1.1 or 1.2
 * reader would take for another type ("true", "1", "on", "") are quoted,
 * so the document reads back as the same JSON. */
char       *kdcc_setup_to_yaml       (JsonNode         *node,
                                      GError          **error);

/* Writes every object to DIR/<file_name> and the values to
 * DIR/helm/values.yaml, making the folders if needed. The values live one
 * level down so that `kubectl apply -f DIR` reads only Kubernetes objects
 * and `helm install -f DIR/helm/values.yaml` the chart's values. */
gboolean    kdcc_setup_write         (GPtrArray        *objects,
                                      JsonObject       *values,
                                      const char       *dir,
                                      GError          **error);

G_END_DECLS
