/* kdcc-rook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rook discovery through the Kubernetes API: CephClusters and their status,
 * the operator, the dashboard service and its password secret, and the
 * dashboard source behind the service proxy.
 */
#define G_LOG_DOMAIN "kdcc-rook"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-rook.h"

static void
condition_free (KdccRookCondition *cond)
{
  g_free (cond->type);
  g_free (cond->status);
  g_free (cond->reason);
  g_free (cond->message);
  g_free (cond->last_transition);
  g_free (cond);
}

void
kdcc_rook_cluster_free (KdccRookCluster *c)
{
  if (c == NULL)
    return;
  g_free (c->namespace);
  g_free (c->name);
  g_free (c->phase);
  g_free (c->state);
  g_free (c->message);
  g_clear_pointer (&c->conditions, g_ptr_array_unref);
  g_free (c->health);
  g_strfreev (c->health_details);
  g_free (c->fsid);
  g_free (c->ceph_version);
  g_strfreev (c->versions);
  g_free (c->image);
  g_free (c->operator_namespace);
  g_free (c->operator_image);
  g_free (c->operator_version);
  g_free (c->operator_problem);
  g_free (c->dashboard_service);
  g_free (c->dashboard_port);
  g_free (c->dashboard_scheme);
  g_free (c->dashboard_problem);
  g_free (c->prometheus_service);
  g_free (c->prometheus_port);
  g_free (c);
}

static char *
dup_member (JsonObject *object,
            const char *member)
{
  return object ? g_strdup (kdcc_json_find_string (object, member)) : NULL;
}

static gint64
int_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return -1;
}

static gboolean
bool_member (JsonObject *object,
             const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
sorted_strv (GPtrArray *array)
{
  g_ptr_array_sort (array, compare_strings);
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

KdccRookCluster *
kdcc_rook_cluster_parse (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(KdccRookCluster) c = g_new0 (KdccRookCluster, 1);
  JsonObject *metadata = kdcc_json_find_object (object, "metadata");
  JsonObject *spec = kdcc_json_find_object (object, "spec");
  JsonObject *status = kdcc_json_find_object (object, "status");
  JsonObject *ceph = status ? kdcc_json_find_object (status, "ceph") : NULL;
  JsonObject *capacity = ceph ? kdcc_json_find_object (ceph, "capacity") : NULL;
  JsonObject *details = ceph ? kdcc_json_find_object (ceph, "details") : NULL;
  JsonObject *versions = ceph ? kdcc_json_find_object (ceph, "versions") : NULL;
  JsonObject *overall = versions ? kdcc_json_find_object (versions, "overall") : NULL;
  JsonObject *version = status ? kdcc_json_find_object (status, "version") : NULL;
  JsonObject *dashboard = spec ? kdcc_json_find_object (spec, "dashboard") : NULL;
  JsonObject *ceph_version = spec ? kdcc_json_find_object (spec, "cephVersion") : NULL;
  JsonArray *conditions = status ? kdcc_json_find_array (status, "conditions") : NULL;

  c->name = dup_member (metadata, "name");
  if (c->name == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("A CephCluster has no name"));
      return NULL;
    }
  c->namespace = dup_member (metadata, "namespace");
  c->phase = dup_member (status, "phase");
  c->state = dup_member (status, "state");
  c->message = dup_member (status, "message");
  c->health = dup_member (ceph, "health");
  c->fsid = dup_member (ceph, "fsid");
  c->bytes_total = int_member (capacity, "bytesTotal");
  c->bytes_used = int_member (capacity, "bytesUsed");
  c->bytes_available = int_member (capacity, "bytesAvailable");
  c->ceph_version = dup_member (version, "version");
  c->image = dup_member (ceph_version, "image");
  c->dashboard_enabled = bool_member (dashboard, "enabled");
  c->dashboard_ssl = bool_member (dashboard, "ssl");

  c->conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) condition_free);
  for (guint i = 0; conditions != NULL && i < json_array_get_length (conditions); i++)
    {
      JsonObject *o = kdcc_json_as_object (json_array_get_element (conditions, i));
      KdccRookCondition *cond;

      if (o == NULL || kdcc_json_find_string (o, "type") == NULL)
        continue;
      cond = g_new0 (KdccRookCondition, 1);
      cond->type = dup_member (o, "type");
      cond->status = dup_member (o, "status");
      cond->reason = dup_member (o, "reason");
      cond->message = dup_member (o, "message");
      cond->last_transition = dup_member (o, "lastTransitionTime");
      g_ptr_array_add (c->conditions, cond);
    }

  {
    g_autoptr(GPtrArray) lines = g_ptr_array_new ();
    JsonObjectIter iter;
    const char *code;
    JsonNode *node;

    if (details != NULL)
      {
        json_object_iter_init (&iter, details);
        while (json_object_iter_next (&iter, &code, &node))
          {
            JsonObject *d = kdcc_json_as_object (node);
            const char *sev = d ? kdcc_json_find_string (d, "severity") : NULL;
            const char *msg = d ? kdcc_json_find_string (d, "message") : NULL;

            g_ptr_array_add (lines, g_strdup_printf ("%s (%s): %s", code, sev ? sev : "?",
                                                     msg ? msg : ""));
          }
      }
    c->health_details = sorted_strv (g_steal_pointer (&lines));
  }
  {
    g_autoptr(GPtrArray) lines = g_ptr_array_new ();
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    if (overall != NULL)
      {
        json_object_iter_init (&iter, overall);
        while (json_object_iter_next (&iter, &name, &node))
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
            g_ptr_array_add (lines, g_strdup_printf ("%s: %" G_GINT64_FORMAT, name,
                                                     json_node_get_int (node)));
      }
    c->versions = sorted_strv (g_steal_pointer (&lines));
  }
  return g_steal_pointer (&c);
}

static void
find_operator (KdccKubeClient  *client,
               KdccRookCluster *c,
               GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  JsonObject *deploy = NULL;

  /* The operator usually runs in the cluster's namespace; otherwise look
   * across namespaces (which the user may not be allowed to). */
  items = kdcc_kube_client_list (client, &kdcc_kube_deployments, c->namespace,
                                 "app=rook-ceph-operator", NULL, cancellable, &error);
  if (items != NULL && json_array_get_length (items) == 0)
    {
      g_clear_pointer (&items, json_array_unref);
      items = kdcc_kube_client_list (client, &kdcc_kube_deployments, NULL,
                                     "app=rook-ceph-operator", NULL, cancellable, &error);
    }
  if (items == NULL)
    {
      c->operator_problem = g_strdup (error->message);
      return;
    }
  if (json_array_get_length (items) == 0)
    {
      c->operator_problem = g_strdup (_("No Rook operator deployment (app=rook-ceph-operator) "
                                        "was found"));
      return;
    }

  deploy = kdcc_json_as_object (json_array_get_element (items, 0));
  if (deploy != NULL)
    {
      JsonObject *metadata = kdcc_json_find_object (deploy, "metadata");
      JsonObject *spec = kdcc_json_find_object (deploy, "spec");
      JsonObject *tmpl = spec ? kdcc_json_find_object (spec, "template") : NULL;
      JsonObject *pod = tmpl ? kdcc_json_find_object (tmpl, "spec") : NULL;
      JsonArray *containers = pod ? kdcc_json_find_array (pod, "containers") : NULL;
      JsonObject *first = containers && json_array_get_length (containers) > 0
                          ? kdcc_json_as_object (json_array_get_element (containers, 0)) : NULL;

      c->operator_namespace = dup_member (metadata, "namespace");
      c->operator_image = dup_member (first, "image");
      if (c->operator_image != NULL)
        {
          /* rook/ceph:v1.16.0 or …@sha256:…: the tag is the version. */
          const char *slash = strrchr (c->operator_image, '/');
          const char *colon = strrchr (slash ? slash : c->operator_image, ':');

          if (colon != NULL && strchr (colon, '@') == NULL)
            c->operator_version = g_strdup (colon + 1);
        }
    }
}

static void
find_dashboard (KdccKubeClient  *client,
                KdccRookCluster *c,
                GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) svc = NULL;
  JsonObject *spec;
  JsonArray *ports;
  JsonObject *port;

  if (!c->dashboard_enabled)
    {
      c->dashboard_problem = g_strdup (_("The dashboard is not enabled in the CephCluster "
                                         "(spec.dashboard.enabled)"));
      return;
    }
  svc = kdcc_kube_client_get (client, &kdcc_kube_services, c->namespace,
                              KDCC_ROOK_DASHBOARD_SERVICE, cancellable, &error);
  if (svc == NULL)
    {
      c->dashboard_problem = g_strdup (error->message);
      return;
    }
  spec = kdcc_json_find_object (svc, "spec");
  ports = spec ? kdcc_json_find_array (spec, "ports") : NULL;
  port = ports && json_array_get_length (ports) > 0
         ? kdcc_json_as_object (json_array_get_element (ports, 0)) : NULL;
  if (port == NULL)
    {
      c->dashboard_problem = g_strdup_printf (_("The service %s has no port"),
                                              KDCC_ROOK_DASHBOARD_SERVICE);
      return;
    }
  c->dashboard_service = g_strdup (KDCC_ROOK_DASHBOARD_SERVICE);
  if (kdcc_json_find_string (port, "name") != NULL)
    c->dashboard_port = g_strdup (kdcc_json_find_string (port, "name"));
  else
    c->dashboard_port = g_strdup_printf ("%" G_GINT64_FORMAT, int_member (port, "port"));
  /* Rook names the port https-dashboard when spec.dashboard.ssl is on. */
  c->dashboard_scheme = g_strdup (c->dashboard_ssl || g_str_has_prefix (c->dashboard_port, "https")
                                  ? "https" : "http");
}

/* Rook does not deploy Prometheus; its monitoring guide has the user
 * create the Service "rook-prometheus" beside the cluster, and Helm charts
 * label theirs app.kubernetes.io/name=prometheus. The name wins; a list
 * that is refused or finds neither leaves the cluster without one. */
static void
find_prometheus (KdccKubeClient  *client,
                 KdccRookCluster *c,
                 GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  JsonObject *chosen = NULL;
  JsonObject *spec, *port;
  JsonArray *ports;

  items = kdcc_kube_client_list (client, &kdcc_kube_services, c->namespace, NULL, NULL,
                                 cancellable, &error);
  if (items == NULL)
    {
      g_debug ("No Prometheus service for %s/%s: %s", c->namespace, c->name, error->message);
      return;
    }
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *svc = kdcc_json_as_object (json_array_get_element (items, i));
      JsonObject *meta = svc ? kdcc_json_find_object (svc, "metadata") : NULL;
      JsonObject *labels = meta ? kdcc_json_find_object (meta, "labels") : NULL;

      if (meta == NULL)
        continue;
      if (g_strcmp0 (kdcc_json_find_string (meta, "name"), KDCC_ROOK_PROMETHEUS_SERVICE) == 0)
        {
          chosen = svc;
          break;
        }
      if (chosen == NULL && labels != NULL
          && g_strcmp0 (kdcc_json_find_string (labels, "app.kubernetes.io/name"),
                        "prometheus") == 0)
        chosen = svc;
    }
  if (chosen == NULL)
    return;
  spec = kdcc_json_find_object (chosen, "spec");
  ports = spec ? kdcc_json_find_array (spec, "ports") : NULL;
  port = ports && json_array_get_length (ports) > 0
         ? kdcc_json_as_object (json_array_get_element (ports, 0)) : NULL;
  if (port == NULL)
    return;
  c->prometheus_service =
    g_strdup (kdcc_json_find_string (kdcc_json_find_object (chosen, "metadata"), "name"));
  if (kdcc_json_find_string (port, "name") != NULL)
    c->prometheus_port = g_strdup (kdcc_json_find_string (port, "name"));
  else
    c->prometheus_port = g_strdup_printf ("%" G_GINT64_FORMAT, int_member (port, "port"));
}

GPtrArray *
kdcc_rook_discover (KdccKubeClient  *client,
                    const char      *namespace,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(GPtrArray) clusters =
    g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_rook_cluster_free);
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);

  items = kdcc_kube_client_list (client, &kdcc_kube_cephclusters, namespace, NULL, NULL,
                                 cancellable, &local_error);
  if (items == NULL && namespace == NULL &&
      g_error_matches (local_error, KDCC_ERROR, KDCC_ERROR_AUTH))
    {
      /* Many users may only read their own namespace. */
      g_debug ("Listing CephClusters in all namespaces was refused; trying %s",
               kdcc_kube_client_get_namespace (client));
      g_clear_error (&local_error);
      items = kdcc_kube_client_list (client, &kdcc_kube_cephclusters,
                                     kdcc_kube_client_get_namespace (client), NULL, NULL,
                                     cancellable, &local_error);
    }
  if (items == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = kdcc_json_as_object (json_array_get_element (items, i));
      KdccRookCluster *c;

      if (object == NULL || (c = kdcc_rook_cluster_parse (object, NULL)) == NULL)
        continue;
      find_operator (client, c, cancellable);
      find_dashboard (client, c, cancellable);
      find_prometheus (client, c, cancellable);
      g_ptr_array_add (clusters, c);
    }
  return g_steal_pointer (&clusters);
}

static gboolean
gateway_prepare (GObject       *gateway,
                 SoupMessage   *msg,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return kdcc_kube_client_prepare_message (KDCC_KUBE_CLIENT (gateway), msg, cancellable, error);
}

static void
gateway_setup_session (GObject     *gateway,
                       SoupSession *session)
{
  kdcc_kube_configure_session (session);
}

static const KdccHttpGatewayFuncs gateway_funcs = {
  gateway_prepare,
  gateway_setup_session,
};

KdccDashboardSource *
kdcc_rook_dashboard_source_new (KdccKubeClient         *client,
                                const KdccRookCluster  *cluster,
                                const char             *user,
                                GCancellable           *cancellable,
                                GError                **error)
{
  g_autoptr(JsonObject) secret = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *url = NULL;
  g_autofree guchar *decoded = NULL;
  KdccDashboardSource *source;
  JsonObject *data;
  const char *b64;
  gsize len = 0;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (client), NULL);
  g_return_val_if_fail (cluster != NULL, NULL);

  if (cluster->dashboard_service == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                   _("The dashboard of the CephCluster %s/%s cannot be reached: %s"),
                   cluster->namespace, cluster->name,
                   cluster->dashboard_problem ? cluster->dashboard_problem : "");
      return NULL;
    }

  secret = kdcc_kube_client_get (client, &kdcc_kube_secrets, cluster->namespace,
                                 KDCC_ROOK_DASHBOARD_SECRET, cancellable, &local_error);
  if (secret == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot read the dashboard password: "));
      return NULL;
    }
  data = kdcc_json_find_object (secret, "data");
  b64 = data ? kdcc_json_find_string (data, "password") : NULL;
  if (b64 != NULL)
    decoded = g_base64_decode (b64, &len);
  if (decoded == NULL || len == 0 || memchr (decoded, '\0', len) != NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The secret %s/%s holds no dashboard password"), cluster->namespace,
                   KDCC_ROOK_DASHBOARD_SECRET);
      return NULL;
    }
  password = g_strndup ((const char *) decoded, len);
  memset (decoded, 0, len);

  proxy = kdcc_kube_service_proxy_path (cluster->namespace, cluster->dashboard_service,
                                        g_str_equal (cluster->dashboard_scheme, "https")
                                        ? "https" : NULL,
                                        cluster->dashboard_port);
  url = g_strconcat (kdcc_kube_client_get_context (client)->server, proxy, NULL);
  source = kdcc_dashboard_source_new (url, user ? user : KDCC_ROOK_DASHBOARD_USER, password,
                                      NULL);
  memset (password, 0, strlen (password));
  kdcc_dashboard_source_set_gateway (source, G_OBJECT (client), &gateway_funcs);
  return source;
}
