/* kdcc-cli-versions-rook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Rook part of `kdcc-cli versions --kubeconfig …` (issue 15: current
 * versions include the Rook operator and Ceph-CSI where visible). The Ceph
 * daemons' versions come from the cluster as for any connection; the
 * operator and the CSI driver are Kubernetes workloads, read through the
 * kube source's client.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-cli-versions-rook.h"
#include "kdcc-kube-source.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-rook.h"
#include "kdcc-upgrade-rook.h"

void
kdcc_cli_rook_versions_free (KdccCliRookVersions *rook)
{
  if (rook == NULL)
    return;
  g_free (rook->operator_version);
  g_free (rook->operator_namespace);
  g_free (rook->problem);
  g_clear_pointer (&rook->csi, g_ptr_array_unref);
  g_free (rook);
}

/* The client and the Rook cluster's operator: from the session's kube
 * source (a Kubernetes profile), else from the kubeconfig given. */
static KdccKubeClient *
open_client (KdccSession          *session,
             const char           *kubeconfig,
             const char           *context,
             const char           *namespace,
             KdccCliRookVersions  *rook,
             GError              **error)
{
  KdccSource *source = kdcc_session_get_source (session);
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  const KdccRookCluster *c;

  if (KDCC_IS_KUBE_SOURCE (source))
    {
      g_autofree char *found_namespace = NULL;
      g_autofree char *name = NULL;

      client = kdcc_kube_source_ensure_client (KDCC_KUBE_SOURCE (source), &found_namespace, &name,
                                               NULL, error);
      if (client != NULL)
        kdcc_kube_source_dup_operator (KDCC_KUBE_SOURCE (source), &rook->operator_version,
                                       &rook->operator_namespace, &rook->problem);
      return g_steal_pointer (&client);
    }

  kc = kdcc_kubeconfig_load (kubeconfig, error);
  if (kc == NULL)
    return NULL;
  ctx = kdcc_kubeconfig_resolve (kc, context, error);
  if (ctx == NULL)
    return NULL;
  client = kdcc_kube_client_new (ctx);
  /* The same cluster kdcc_cli_kube_open_session() found: the first. */
  clusters = kdcc_rook_discover (client, namespace, NULL, error);
  if (clusters == NULL)
    return NULL;
  if (clusters->len > 0)
    {
      c = g_ptr_array_index (clusters, 0);
      rook->operator_version = g_strdup (c->operator_version);
      rook->operator_namespace = g_strdup (c->operator_namespace);
      rook->problem = g_strdup (c->operator_problem);
    }
  return g_steal_pointer (&client);
}

KdccCliRookVersions *
kdcc_cli_rook_versions_read (KdccSession *session,
                             const char  *kubeconfig,
                             const char  *context,
                             const char  *namespace)
{
  g_autoptr(KdccCliRookVersions) rook = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (!KDCC_IS_KUBE_SOURCE (kdcc_session_get_source (session))
      && kubeconfig == NULL && context == NULL && namespace == NULL)
    return NULL;
  rook = g_new0 (KdccCliRookVersions, 1);
  rook->csi = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_rook_csi_image_free);
  client = open_client (session, kubeconfig, context, namespace, rook, &error);
  if (client == NULL)
    {
      g_free (rook->problem);
      rook->problem = g_strdup (error->message);
      return g_steal_pointer (&rook);
    }
  if (rook->operator_namespace != NULL)
    {
      g_autoptr(GPtrArray) csi = kdcc_rook_csi_read (client, rook->operator_namespace, NULL,
                                                     &error);

      if (csi != NULL)
        g_ptr_array_extend_and_steal (rook->csi, g_steal_pointer (&csi));
      else if (rook->problem == NULL)
        rook->problem = g_strdup (error->message);
    }
  return g_steal_pointer (&rook);
}

void
kdcc_cli_rook_versions_print (const KdccCliRookVersions *rook)
{
  /* The same 16-column labels as the rest of `versions`. */
  g_print ("%-16s %s\n", _("Rook operator:"),
           rook->operator_version != NULL ? rook->operator_version : _("unknown"));
  if (rook->csi->len == 0)
    g_print ("%-16s %s\n", _("Ceph-CSI:"), _("none visible"));
  for (guint i = 0; i < rook->csi->len; i++)
    {
      KdccRookCsiImage *c = g_ptr_array_index (rook->csi, i);

      g_print ("%-16s %s/%s %s: %s\n", i == 0 ? _("Ceph-CSI:") : "", c->kind, c->workload,
               c->container, c->image);
    }
  if (rook->problem != NULL)
    g_print ("%-16s %s\n", "", rook->problem);
}

void
kdcc_cli_rook_versions_add_json (const KdccCliRookVersions *rook,
                                 JsonBuilder               *b)
{
  json_builder_set_member_name (b, "rook");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "operator_version");
  if (rook->operator_version != NULL)
    json_builder_add_string_value (b, rook->operator_version);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "problem");
  if (rook->problem != NULL)
    json_builder_add_string_value (b, rook->problem);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "csi");
  json_builder_begin_array (b);
  for (guint i = 0; i < rook->csi->len; i++)
    {
      KdccRookCsiImage *c = g_ptr_array_index (rook->csi, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "workload");
      json_builder_add_string_value (b, c->workload);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, c->kind);
      json_builder_set_member_name (b, "container");
      json_builder_add_string_value (b, c->container);
      json_builder_set_member_name (b, "image");
      json_builder_add_string_value (b, c->image);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}
