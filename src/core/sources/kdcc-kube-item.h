/* kdcc-kube-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KDCC_TYPE_KUBE_ITEM (kdcc_kube_item_get_type ())

G_DECLARE_FINAL_TYPE (KdccKubeItem, kdcc_kube_item, KDCC, KUBE_ITEM, GObject)

/* One row of the Kubernetes view: a Rook custom resource (CephBlockPool,
 * CephFilesystem, CephObjectStore, CephObjectStoreUser), a daemon pod or a
 * deployment, reduced to what the view and the CLI show. Immutable: a
 * change on the server is a new item. Properties (read-only): kind,
 * namespace, name, status, healthy, ready, restarts, node, image, age,
 * detail, component, containers (GStrv), created (unix seconds, 0 when
 * unknown). */

/* NOW: unix seconds the age is counted to. NULL (with KDCC_ERROR_PARSE)
 * when OBJECT has no metadata.name. */
KdccKubeItem *kdcc_kube_item_new_from_json (JsonObject   *object,
                                            gint64        now,
                                            GError      **error);

const char   *kdcc_kube_item_get_kind       (KdccKubeItem *self);
const char   *kdcc_kube_item_get_namespace  (KdccKubeItem *self);
const char   *kdcc_kube_item_get_name       (KdccKubeItem *self);
/* CRs: status.phase ("Ready", "Failure", "Progressing"); pods: the phase,
 * or the waiting reason of a container ("CrashLoopBackOff"); deployments:
 * "Available" or "Unavailable". "Unknown" when the object says nothing. */
const char   *kdcc_kube_item_get_status     (KdccKubeItem *self);
/* CRs: Ready or Connected; pods: every container ready; deployments:
 * every replica available. */
gboolean      kdcc_kube_item_get_healthy    (KdccKubeItem *self);
/* Pods and deployments: "ready/total" ("2/2"); CRs: "". */
const char   *kdcc_kube_item_get_ready      (KdccKubeItem *self);
guint         kdcc_kube_item_get_restarts   (KdccKubeItem *self);
const char   *kdcc_kube_item_get_node       (KdccKubeItem *self);
const char   *kdcc_kube_item_get_image      (KdccKubeItem *self);
/* "5m", "3h", "12d" (as kubectl's AGE column). */
const char   *kdcc_kube_item_get_age        (KdccKubeItem *self);
gint64        kdcc_kube_item_get_created    (KdccKubeItem *self);
/* CRs: the conditions ("Ready=True") and status message; deployments: the
 * rook-version and ceph-version labels; pods: the owning Rook daemon. */
const char   *kdcc_kube_item_get_detail     (KdccKubeItem *self);
/* The app label ("rook-ceph-osd"), or "". */
const char   *kdcc_kube_item_get_component  (KdccKubeItem *self);
/* Pods: the container names, in spec order. */
const char * const *kdcc_kube_item_get_containers (KdccKubeItem *self);
/* Deployments: the rook-version and ceph-version labels, or NULL. */
const char   *kdcc_kube_item_get_rook_version (KdccKubeItem *self);
const char   *kdcc_kube_item_get_ceph_version (KdccKubeItem *self);

/* "5m" for SECONDS, as kubectl prints ages. */
char         *kdcc_kube_format_age          (gint64        seconds);

G_END_DECLS
