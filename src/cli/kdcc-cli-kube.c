/* kdcc-cli-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kdcc-cli's Kubernetes connection: Rook discovery through a kubeconfig and
 * a session on the dashboard behind the API server's service proxy.
 */
#define G_LOG_DOMAIN "kdcc-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-cli-kube.h"
#include "kdcc-error.h"
#include "kdcc-kube-client.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-rook.h"

static void
print_rook_cluster (const KdccRookCluster *c)
{
  g_print (_("CephCluster %s/%s: phase %s, health %s\n"), c->namespace, c->name,
           c->phase ? c->phase : _("unknown"), c->health ? c->health : _("unknown"));
  if (c->message != NULL)
    g_print ("  %s\n", c->message);
  for (guint i = 0; i < c->conditions->len; i++)
    {
      const KdccRookCondition *cond = g_ptr_array_index (c->conditions, i);

      g_print (_("  condition %s=%s%s%s%s\n"), cond->type, cond->status ? cond->status : "?",
               cond->reason ? " (" : "", cond->reason ? cond->reason : "",
               cond->reason ? ")" : "");
    }
  for (guint i = 0; c->health_details[i] != NULL; i++)
    g_print ("  %s\n", c->health_details[i]);
  if (c->bytes_total >= 0)
    {
      g_autofree char *used = g_format_size (MAX (c->bytes_used, 0));
      g_autofree char *total = g_format_size (c->bytes_total);

      g_print (_("  capacity: %s used of %s\n"), used, total);
    }
  if (c->ceph_version != NULL || c->image != NULL)
    g_print (_("  Ceph: %s (image %s)\n"), c->ceph_version ? c->ceph_version : _("unknown"),
             c->image ? c->image : _("unknown"));
  for (guint i = 0; c->versions[i] != NULL; i++)
    g_print (_("  running %s\n"), c->versions[i]);
  if (c->operator_image != NULL)
    g_print (_("  operator: %s in %s (version %s)\n"), c->operator_image, c->operator_namespace,
             c->operator_version ? c->operator_version : _("unknown"));
  else
    g_print (_("  operator: %s\n"), c->operator_problem);
  if (c->dashboard_service != NULL)
    g_print (_("  dashboard: service %s, port %s (%s), through the API server's proxy\n"),
             c->dashboard_service, c->dashboard_port, c->dashboard_scheme);
  else
    g_print (_("  dashboard: %s\n"), c->dashboard_problem);
  if (c->prometheus_service != NULL)
    g_print (_("  prometheus: service %s, port %s\n"),
             c->prometheus_service, c->prometheus_port);
  else
    g_print (_("  prometheus: none found\n"));
}

KdccSession *
kdcc_cli_kube_open_session (const char  *kubeconfig,
                            const char  *context,
                            const char  *namespace,
                            const char  *dashboard_user,
                            const char  *sso_issuer,
                            const char  *sso_client_id,
                            gboolean     quiet,
                            GError     **error)
{
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autoptr(KdccDashboardSource) source = NULL;
  g_autoptr(KdccSnapshot) snapshot = NULL;
  g_autoptr(KdccProfile) profile = NULL;
  g_autofree char *name = NULL;
  const KdccRookCluster *chosen = NULL;
  KdccSession *session;

  kc = kdcc_kubeconfig_load (kubeconfig, error);
  if (kc == NULL)
    return NULL;
  ctx = kdcc_kubeconfig_resolve (kc, context, error);
  if (ctx == NULL)
    return NULL;
  /* --sso-issuer: KDCC's account's ID token instead of the user's. */
  ctx->sso_issuer = g_strdup (sso_issuer);
  ctx->sso_client_id = g_strdup (sso_client_id);
  client = kdcc_kube_client_new (ctx);

  clusters = kdcc_rook_discover (client, namespace, NULL, error);
  if (clusters == NULL)
    return NULL;
  if (!quiet)
    g_print (_("Kubernetes: context %s, %s\n"), ctx->name, ctx->server);
  if (clusters->len == 0)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   namespace ? _("There is no CephCluster in namespace “%s”")
                             : _("There is no CephCluster that this user may see%s"),
                   namespace ? namespace : "");
      return NULL;
    }
  for (guint i = 0; i < clusters->len; i++)
    {
      const KdccRookCluster *c = g_ptr_array_index (clusters, i);

      if (!quiet)
        print_rook_cluster (c);
      if (chosen == NULL && c->dashboard_service != NULL)
        chosen = c;
    }
  if (!quiet)
    g_print ("\n");
  if (chosen == NULL)
    {
      const KdccRookCluster *c = g_ptr_array_index (clusters, 0);

      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("No CephCluster has a dashboard KDCC can reach: %s"),
                   c->dashboard_problem ? c->dashboard_problem : "");
      return NULL;
    }

  source = kdcc_rook_dashboard_source_new (client, chosen, dashboard_user, NULL, error);
  if (source == NULL)
    return NULL;
  /* kdcc-cli has nothing else to do meanwhile: one blocking first fetch. */
  snapshot = kdcc_source_fetch_snapshot_sync (KDCC_SOURCE (source), TRUE, NULL, error);
  if (snapshot == NULL)
    return NULL;

  name = g_strdup_printf ("%s/%s (%s)", chosen->namespace, chosen->name, ctx->name);
  profile = g_object_new (KDCC_TYPE_PROFILE, "kind", KDCC_PROFILE_KIND_KUBERNETES,
                          "name", name, "kube-context", ctx->name,
                          "rook-namespace", chosen->namespace, "sso-issuer", sso_issuer,
                          "sso-client-id", sso_client_id, NULL);
  session = kdcc_session_new_for_source (profile, KDCC_SOURCE (source));
  kdcc_cluster_apply_snapshot (kdcc_session_get_cluster (session), snapshot);
  return session;
}
