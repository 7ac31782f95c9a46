/* kdcc-kube-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KdccKubeSource: Rook discovery on the first fetch, then the Ceph
 * Dashboard source behind the Kubernetes API server's service proxy.
 */
#define G_LOG_DOMAIN "kdcc-kube-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-error.h"
#include "kdcc-kube-client.h"
#include "kdcc-kube-source.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-rook.h"

struct _KdccKubeSource
{
  GObject     parent_instance;

  char       *kubeconfig;
  char       *context;
  char       *namespace;
  char       *dashboard_user;
  char       *sso_issuer;
  char       *sso_client_id;

  /* Guards inner: fetches of several worker threads find the cluster
   * once. */
  GMutex      mutex;
  KdccSource *inner;
  /* The chosen cluster's operator, kept for the Versions page. */
  char       *operator_version;
  char       *operator_namespace;
  char       *operator_problem;
  /* The Kubernetes view's and diagnostics' way to the cluster. */
  KdccKubeClient *client;
  char       *cluster_namespace;
  char       *cluster_name;
};

static void kdcc_kube_source_iface_init (KdccSourceInterface *iface);

/* kdcc_kube_source_set_sso()'s provider on a context just resolved. */
static void
apply_sso (KdccKubeSource  *self,
           KdccKubeContext *ctx)
{
  g_free (ctx->sso_issuer);
  g_free (ctx->sso_client_id);
  ctx->sso_issuer = g_strdup (self->sso_issuer);
  ctx->sso_client_id = g_strdup (self->sso_client_id);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (KdccKubeSource, kdcc_kube_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KDCC_TYPE_SOURCE,
                                                      kdcc_kube_source_iface_init))

static void
kdcc_kube_source_finalize (GObject *object)
{
  KdccKubeSource *self = (KdccKubeSource *) object;

  g_clear_object (&self->inner);
  g_clear_object (&self->client);
  g_free (self->cluster_namespace);
  g_free (self->cluster_name);
  g_free (self->kubeconfig);
  g_free (self->context);
  g_free (self->sso_issuer);
  g_free (self->sso_client_id);
  g_free (self->namespace);
  g_free (self->dashboard_user);
  g_free (self->operator_version);
  g_free (self->operator_namespace);
  g_free (self->operator_problem);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (kdcc_kube_source_parent_class)->finalize (object);
}

static void
kdcc_kube_source_class_init (KdccKubeSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kdcc_kube_source_finalize;
}

static void
kdcc_kube_source_init (KdccKubeSource *self)
{
  g_mutex_init (&self->mutex);
}

KdccKubeSource *
kdcc_kube_source_new (const char *kubeconfig,
                      const char *context,
                      const char *namespace,
                      const char *dashboard_user)
{
  KdccKubeSource *self = g_object_new (KDCC_TYPE_KUBE_SOURCE, NULL);

  self->kubeconfig = g_strdup (kubeconfig);
  self->context = g_strdup (context);
  self->namespace = g_strdup (namespace);
  self->dashboard_user = g_strdup (dashboard_user);
  return self;
}

/* The dashboard source, found on first use. Returns a new reference. */
static KdccSource *
ensure_inner (KdccKubeSource  *self,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  g_autoptr(KdccKubeClient) client = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  const KdccRookCluster *chosen = NULL;

  if (self->inner != NULL)
    return g_object_ref (self->inner);

  kc = kdcc_kubeconfig_load (self->kubeconfig, error);
  if (kc == NULL)
    return NULL;
  ctx = kdcc_kubeconfig_resolve (kc, self->context, error);
  if (ctx == NULL)
    return NULL;
  apply_sso (self, ctx);
  client = kdcc_kube_client_new (ctx);
  clusters = kdcc_rook_discover (client, self->namespace, cancellable, error);
  if (clusters == NULL)
    return NULL;
  for (guint i = 0; i < clusters->len && chosen == NULL; i++)
    {
      const KdccRookCluster *c = g_ptr_array_index (clusters, i);

      if (c->dashboard_service != NULL)
        chosen = c;
    }
  if (chosen == NULL)
    {
      const KdccRookCluster *c = clusters->len > 0 ? g_ptr_array_index (clusters, 0) : NULL;

      if (c == NULL)
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_CONNECT,
                     _("The Kubernetes context “%s” shows no CephCluster%s%s"), ctx->name,
                     self->namespace ? _(" in namespace ") : "",
                     self->namespace ? self->namespace : "");
      else
        g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                     _("The dashboard of the CephCluster %s/%s cannot be reached: %s"),
                     c->namespace, c->name, c->dashboard_problem ? c->dashboard_problem : "");
      return NULL;
    }

  g_free (self->operator_version);
  g_free (self->operator_namespace);
  g_free (self->operator_problem);
  self->operator_version = g_strdup (chosen->operator_version);
  self->operator_namespace = g_strdup (chosen->operator_namespace);
  self->operator_problem = g_strdup (chosen->operator_problem);
  g_set_object (&self->client, client);
  g_free (self->cluster_namespace);
  g_free (self->cluster_name);
  self->cluster_namespace = g_strdup (chosen->namespace);
  self->cluster_name = g_strdup (chosen->name);
  self->inner = KDCC_SOURCE (kdcc_rook_dashboard_source_new (client, chosen,
                                                             self->dashboard_user,
                                                             cancellable, error));
  return self->inner ? g_object_ref (self->inner) : NULL;
}

gboolean
kdcc_kube_source_dup_operator (KdccKubeSource  *self,
                               char           **version,
                               char           **namespace,
                               char           **problem)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_SOURCE (self), FALSE);

  locker = g_mutex_locker_new (&self->mutex);
  if (self->inner == NULL)
    return FALSE;
  if (version != NULL)
    *version = g_strdup (self->operator_version);
  if (namespace != NULL)
    *namespace = g_strdup (self->operator_namespace);
  if (problem != NULL)
    *problem = g_strdup (self->operator_problem);
  return TRUE;
}

KdccKubeClient *
kdcc_kube_source_dup_client (KdccKubeSource  *self,
                             char           **namespace,
                             char           **name)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_SOURCE (self), NULL);

  locker = g_mutex_locker_new (&self->mutex);
  if (self->client == NULL)
    return NULL;
  if (namespace != NULL)
    *namespace = g_strdup (self->cluster_namespace);
  if (name != NULL)
    *name = g_strdup (self->cluster_name);
  return g_object_ref (self->client);
}

KdccKubeClient *
kdcc_kube_source_ensure_client (KdccKubeSource  *self,
                                char           **namespace,
                                char           **name,
                                GCancellable    *cancellable,
                                GError         **error)
{
  g_autoptr(KdccSource) inner = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_SOURCE (self), NULL);

  inner = ensure_inner (self, cancellable, error);
  if (inner == NULL)
    return NULL;
  return kdcc_kube_source_dup_client (self, namespace, name);
}

KdccKubeClient *
kdcc_kube_source_open_client (KdccKubeSource  *self,
                              char           **namespace,
                              GError         **error)
{
  g_autoptr(KdccKubeconfig) kc = NULL;
  g_autoptr(KdccKubeContext) ctx = NULL;
  KdccKubeClient *client;

  g_return_val_if_fail (KDCC_IS_KUBE_SOURCE (self), NULL);

  client = kdcc_kube_source_dup_client (self, namespace, NULL);
  if (client != NULL)
    return client;
  kc = kdcc_kubeconfig_load (self->kubeconfig, error);
  if (kc == NULL)
    return NULL;
  ctx = kdcc_kubeconfig_resolve (kc, self->context, error);
  if (ctx == NULL)
    return NULL;
  apply_sso (self, ctx);
  client = kdcc_kube_client_new (ctx);
  if (namespace != NULL)
    *namespace = g_strdup (self->namespace ? self->namespace
                                           : kdcc_kube_client_get_namespace (client));
  return client;
}

const char *
kdcc_kube_source_get_kubeconfig (KdccKubeSource *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_SOURCE (self), NULL);
  return self->kubeconfig;
}

const char *
kdcc_kube_source_get_context (KdccKubeSource *self)
{
  g_return_val_if_fail (KDCC_IS_KUBE_SOURCE (self), NULL);
  return self->context;
}

KdccSource *
kdcc_kube_source_ensure_dashboard (KdccKubeSource  *self,
                                   GCancellable    *cancellable,
                                   GError         **error)
{
  g_return_val_if_fail (KDCC_IS_KUBE_SOURCE (self), NULL);
  return ensure_inner (self, cancellable, error);
}

static const char *
kdcc_kube_source_get_kind (KdccSource *source)
{
  return "kubernetes";
}

static KdccCapabilities
kdcc_kube_source_get_capabilities (KdccSource *source)
{
  /* Constant for the source's lifetime, before the dashboard is found:
   * what the dashboard source can do (kdcc-dashboard-source.c). */
  return KDCC_CAPABILITY_CONFIG_READ | KDCC_CAPABILITY_CONFIG_WRITE |
         KDCC_CAPABILITY_POOL_WRITE | KDCC_CAPABILITY_OSD_FLAGS |
         KDCC_CAPABILITY_OSD_WRITE;
}

static KdccSnapshot *
kdcc_kube_source_fetch_snapshot (KdccSource    *source,
                                 gboolean       force_heavy,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(KdccSource) inner = ensure_inner (KDCC_KUBE_SOURCE (source), cancellable, error);
  KdccSnapshot *snapshot;

  if (inner == NULL)
    return NULL;
  snapshot = KDCC_SOURCE_GET_IFACE (inner)->fetch_snapshot (inner, force_heavy, cancellable,
                                                            error);
  if (snapshot != NULL)
    {
      g_free (snapshot->source_kind);
      snapshot->source_kind = g_strdup ("kubernetes");
    }
  return snapshot;
}

static GBytes *
kdcc_kube_source_run_command (KdccSource    *source,
                              const char    *target,
                              const char    *command_json,
                              char         **status,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
               _("Raw Ceph commands cannot be run through the Kubernetes API yet; use the "
                 "Rook toolbox (kubectl -n NAMESPACE exec deploy/rook-ceph-tools -- ceph …)"));
  return NULL;
}

static void
kdcc_kube_source_disconnect (KdccSource *source)
{
  KdccKubeSource *self = KDCC_KUBE_SOURCE (source);
  g_autoptr(KdccSource) inner = NULL;

  g_mutex_lock (&self->mutex);
  inner = g_steal_pointer (&self->inner);
  g_mutex_unlock (&self->mutex);
  if (inner != NULL)
    kdcc_source_disconnect (inner);
}

static gboolean
kdcc_kube_source_apply_operation (KdccSource     *source,
                                  KdccOperation  *operation,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  g_autoptr(KdccSource) inner = ensure_inner (KDCC_KUBE_SOURCE (source), cancellable, error);

  return inner != NULL &&
         KDCC_SOURCE_GET_IFACE (inner)->apply_operation (inner, operation, cancellable, error);
}

static gboolean
kdcc_kube_source_read_back (KdccSource     *source,
                            KdccOperation  *operation,
                            char          **value,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(KdccSource) inner = ensure_inner (KDCC_KUBE_SOURCE (source), cancellable, error);

  return inner != NULL &&
         KDCC_SOURCE_GET_IFACE (inner)->read_back (inner, operation, value, cancellable, error);
}

static void
kdcc_kube_source_iface_init (KdccSourceInterface *iface)
{
  iface->get_kind = kdcc_kube_source_get_kind;
  iface->get_capabilities = kdcc_kube_source_get_capabilities;
  iface->fetch_snapshot = kdcc_kube_source_fetch_snapshot;
  iface->run_command = kdcc_kube_source_run_command;
  iface->disconnect = kdcc_kube_source_disconnect;
  iface->apply_operation = kdcc_kube_source_apply_operation;
  iface->read_back = kdcc_kube_source_read_back;
}

void
kdcc_kube_source_set_sso (KdccKubeSource *self,
                          const char     *issuer,
                          const char     *client_id)
{
  g_return_if_fail (KDCC_IS_KUBE_SOURCE (self));
  g_return_if_fail ((issuer == NULL) == (client_id == NULL));

  g_free (self->sso_issuer);
  g_free (self->sso_client_id);
  self->sso_issuer = g_strdup (issuer);
  self->sso_client_id = g_strdup (client_id);
}
