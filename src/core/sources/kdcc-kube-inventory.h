/* kdcc-kube-inventory.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-kube-client.h"
#include "kdcc-kube-item.h"

G_BEGIN_DECLS

/* What the Kubernetes view shows of a Rook cluster's namespace, one list
 * per section. */
typedef enum
{
  KDCC_KUBE_SECTION_BLOCK_POOLS,
  KDCC_KUBE_SECTION_FILESYSTEMS,
  KDCC_KUBE_SECTION_OBJECT_STORES,
  KDCC_KUBE_SECTION_OBJECT_STORE_USERS,
  KDCC_KUBE_SECTION_PODS,
  KDCC_KUBE_SECTION_DEPLOYMENTS,
  KDCC_KUBE_N_SECTIONS
} KdccKubeSection;

extern const KdccKubeResource kdcc_kube_inventory_cephobjectstoreusers;

const KdccKubeResource *kdcc_kube_section_get_resource (KdccKubeSection section);
/* "Block pools", "Pods", …: translated. */
const char             *kdcc_kube_section_get_title    (KdccKubeSection section);

/* The items of one section in NAMESPACE, sorted by name. Blocks: call it
 * from a worker thread. (element-type KdccKubeItem) */
GPtrArray *kdcc_kube_inventory_list_section (KdccKubeClient   *client,
                                             const char       *namespace,
                                             KdccKubeSection   section,
                                             GCancellable     *cancellable,
                                             GError          **error);

#define KDCC_TYPE_KUBE_INVENTORY (kdcc_kube_inventory_get_type ())

G_DECLARE_FINAL_TYPE (KdccKubeInventory, kdcc_kube_inventory, KDCC, KUBE_INVENTORY, GObject)

/* The sections of one namespace as GListModels of KdccKubeItem, sorted by
 * name, for GtkColumnView. A section that cannot be read (a 403 naming the
 * verb and the resource, a CRD that is not installed) has an error and no
 * items; the others are unaffected.
 *
 * kdcc_kube_inventory_refresh_async() reads every section once on worker
 * threads. kdcc_kube_inventory_start() instead lists and then watches every
 * section (KdccKubeWatch), so the models follow the server until
 * kdcc_kube_inventory_stop(); a watch that fails keeps the items it had and
 * sets the section's error.
 *
 * Signal "changed" (KdccKubeSection section): the section's items or error
 * changed; emitted on the main context. Property "loading": a refresh is
 * under way, or a started watch has not listed every section yet. */
KdccKubeInventory *kdcc_kube_inventory_new        (KdccKubeClient      *client,
                                                   const char          *namespace);
KdccKubeClient    *kdcc_kube_inventory_get_client (KdccKubeInventory   *self);
const char        *kdcc_kube_inventory_get_namespace (KdccKubeInventory *self);
GListModel        *kdcc_kube_inventory_get_model  (KdccKubeInventory   *self,
                                                   KdccKubeSection      section);
/* NULL when the section was read (or not yet). */
const char        *kdcc_kube_inventory_get_error  (KdccKubeInventory   *self,
                                                   KdccKubeSection      section);
gboolean           kdcc_kube_inventory_get_loading (KdccKubeInventory  *self);

void               kdcc_kube_inventory_refresh_async  (KdccKubeInventory   *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/* FALSE only when cancelled (G_IO_ERROR_CANCELLED): what failed per
 * section is in kdcc_kube_inventory_get_error(). */
gboolean           kdcc_kube_inventory_refresh_finish (KdccKubeInventory   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void               kdcc_kube_inventory_start          (KdccKubeInventory   *self);
void               kdcc_kube_inventory_stop           (KdccKubeInventory   *self);

G_END_DECLS
