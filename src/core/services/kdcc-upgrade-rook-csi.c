/* kdcc-upgrade-rook-csi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Ceph-CSI driver's versions on a Rook cluster (issue 15: "CSI where
 * visible"). Rook deploys the driver itself, in the operator's namespace:
 * the csi-rbdplugin and csi-cephfsplugin DaemonSets (one pod per node) and
 * their -provisioner Deployments, each with the cephcsi image and the
 * Kubernetes sidecars (provisioner, attacher, resizer, snapshotter,
 * registrar). Rook moves them when the operator moves, so the images show
 * which CSI an operator upgrade brings.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-upgrade-rook.h"

static const KdccKubeResource daemonsets = { "apps", "v1", "daemonsets", "DaemonSet", TRUE };

void
kdcc_rook_csi_image_free (KdccRookCsiImage *image)
{
  if (image == NULL)
    return;
  g_free (image->workload);
  g_free (image->kind);
  g_free (image->container);
  g_free (image->image);
  g_free (image);
}

static int
compare_images (gconstpointer a,
                gconstpointer b)
{
  const KdccRookCsiImage *x = *(const KdccRookCsiImage * const *) a;
  const KdccRookCsiImage *y = *(const KdccRookCsiImage * const *) b;
  int c = g_strcmp0 (x->workload, y->workload);

  return c != 0 ? c : g_strcmp0 (x->container, y->container);
}

/* Appends the containers of the csi-* workloads in ITEMS. */
static void
add_workloads (GPtrArray  *out,
               JsonArray  *items,
               const char *kind)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = kdcc_json_as_object (json_array_get_element (items, i));
      const char *name = kdcc_json_find_string (kdcc_json_find_object (o, "metadata"), "name");
      JsonObject *spec = kdcc_json_find_object (kdcc_json_find_object (o, "spec"), "template");
      JsonArray *containers = kdcc_json_find_array (kdcc_json_find_object (spec, "spec"),
                                                    "containers");

      if (name == NULL || !g_str_has_prefix (name, "csi-") || containers == NULL)
        continue;
      for (guint j = 0; j < json_array_get_length (containers); j++)
        {
          JsonObject *c = kdcc_json_as_object (json_array_get_element (containers, j));
          const char *image = kdcc_json_find_string (c, "image");
          KdccRookCsiImage *entry;

          if (image == NULL)
            continue;
          entry = g_new0 (KdccRookCsiImage, 1);
          entry->workload = g_strdup (name);
          entry->kind = g_strdup (kind);
          entry->container = g_strdup (kdcc_json_find_string (c, "name"));
          entry->image = g_strdup (image);
          g_ptr_array_add (out, entry);
        }
    }
}

/* A refusal of this one listing, as opposed to a connection that fails. */
static gboolean
not_visible (const GError *error)
{
  return g_error_matches (error, KDCC_ERROR, KDCC_ERROR_AUTH)
         || g_error_matches (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND);
}

GPtrArray *
kdcc_rook_csi_read (KdccKubeClient  *client,
                    const char      *namespace,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(GPtrArray) out = NULL;
  const KdccKubeResource *resources[] = { &daemonsets, &kdcc_kube_deployments };
  const char *kinds[] = { "DaemonSet", "Deployment" };

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_rook_csi_image_free);

  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    {
      g_autoptr(GError) local = NULL;
      JsonArray *items = kdcc_kube_client_list (client, resources[i], namespace, NULL, NULL,
                                                cancellable, &local);

      if (items == NULL)
        {
          if (not_visible (local))
            {
              g_debug ("CSI %s: %s", kinds[i], local->message);
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      add_workloads (out, items, kinds[i]);
      json_array_unref (items);
    }
  g_ptr_array_sort (out, compare_images);
  return g_steal_pointer (&out);
}
