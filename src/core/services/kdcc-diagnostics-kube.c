/* kdcc-diagnostics-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The diagnostics bundle's Kubernetes target: what a support engineer asks
 * a Rook user for (kubectl get cephcluster,cephblockpool,… -o yaml, the
 * operator's and daemons' logs, deployments, config maps and
 * rook-config-override, nodes, versions), read through the connection's
 * kubeconfig context. Secrets' values never leave: only their names, types
 * and key names are gathered. Everything goes through the bundle's
 * redactor like the rest (kdcc-diagnostics-bundle.c).
 */
#define G_LOG_DOMAIN "kdcc-diagnostics"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-dashboard-source.h"
#include "kdcc-diagnostics-private.h"
#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-kube-logs.h"
#include "kdcc-kube-source.h"

#define KUBE KDCC_DIAGNOSTICS_TARGET_KUBERNETES

/* Pod logs: the tail of each container, and a cap on the whole file, so a
 * crash-looping cluster of hundreds of pods still makes a bundle one can
 * mail. */
#define LOG_TAIL_LINES      2000
#define LOG_CONTAINER_BYTES (512 * 1024)
#define LOG_TOTAL_BYTES     (32 * 1024 * 1024)

#define ROOK_GROUP "ceph.rook.io"
#define ROOK_OPERATOR_LABEL "app=rook-ceph-operator"
#define ROOK_CONFIG_OVERRIDE "rook-config-override"

static const KdccKubeResource events = { "", "v1", "events", "Event", TRUE };

/* command: what _kdcc_diagnostics_kube_gather() does; a "/" file suffix
 * is added by the caller. */
static const struct
{
  const char *name;
  const char *file;
  const char *command;
  gboolean    is_json;
} kube_items[] = {
  { "kubernetes version", "kubernetes/version.json", "version", TRUE },
  { "kubernetes nodes", "kubernetes/nodes.json", "nodes", TRUE },
  { "kubernetes ceph.rook.io objects", "kubernetes/ceph.rook.io.json", "rook-objects", TRUE },
  { "kubernetes deployments", "kubernetes/deployments.json", "deployments", TRUE },
  { "kubernetes pods", "kubernetes/pods.json", "pods", TRUE },
  { "kubernetes services", "kubernetes/services.json", "services", TRUE },
  { "kubernetes config maps", "kubernetes/configmaps.json", "configmaps", TRUE },
  { "kubernetes rook-config-override", "kubernetes/rook-config-override.json", "config-override", TRUE },
  { "kubernetes secrets (names only)", "kubernetes/secrets.json", "secrets", TRUE },
  { "kubernetes events", "kubernetes/events.json", "events", TRUE },
  { "kubernetes pod logs", "kubernetes/pod-logs.txt", "pod-logs", FALSE },
};

void
_kdcc_diagnostics_add_kube_tasks (DiagRun *run)
{
  if (!KDCC_IS_KUBE_SOURCE (run->source))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (kube_items); i++)
    g_ptr_array_add (run->tasks,
                     _kdcc_diagnostics_task_new (kube_items[i].name, kube_items[i].file, KUBE,
                                                 kube_items[i].command, 0, kube_items[i].is_json));
}

/* Objects as kubectl get -o json shows them, less managedFields (who wrote
 * which field says nothing to support and doubles the size). */
static void
strip_managed_fields (JsonArray *items)
{
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *object = kdcc_json_as_object (json_array_get_element (items, i));
      JsonObject *metadata = kdcc_json_find_object (object, "metadata");

      if (metadata != NULL && json_object_has_member (metadata, "managedFields"))
        json_object_remove_member (metadata, "managedFields");
    }
}

static JsonNode *
list_node (KdccKubeClient          *client,
           const KdccKubeResource  *resource,
           const char              *namespace,
           GCancellable            *cancellable,
           GError                 **error)
{
  g_autoptr(JsonArray) items = kdcc_kube_client_list (client, resource,
                                                      resource->namespaced ? namespace : NULL,
                                                      NULL, NULL, cancellable, error);
  JsonNode *node;

  if (items == NULL)
    return NULL;
  strip_managed_fields (items);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, items);
  return node;
}

/* Secrets: names, types and the names of their keys; never a value. */
static JsonNode *
secrets_node (KdccKubeClient  *client,
              const char      *namespace,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(JsonArray) items = kdcc_kube_client_list (client, &kdcc_kube_secrets, namespace,
                                                      NULL, NULL, cancellable, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (items == NULL)
    return NULL;
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *secret = kdcc_json_as_object (json_array_get_element (items, i));
      JsonObject *metadata = kdcc_json_find_object (secret, "metadata");
      JsonObject *data = kdcc_json_find_object (secret, "data");
      g_autoptr(GList) keys = data ? json_object_get_members (data) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, kdcc_json_find_string (metadata, "name"));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, kdcc_json_find_string (secret, "type"));
      json_builder_set_member_name (builder, "creationTimestamp");
      json_builder_add_string_value (builder,
                                     kdcc_json_find_string (metadata, "creationTimestamp"));
      json_builder_set_member_name (builder, "keys");
      json_builder_begin_array (builder);
      keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
      for (GList *l = keys; l != NULL; l = l->next)
        json_builder_add_string_value (builder, l->data);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* Every resource of ceph.rook.io the API server serves (its discovery
 * document), each listed on its own: a kind the user may not list, or a
 * CRD of an older Rook, is an error in its own entry. */
static JsonNode *
rook_objects_node (KdccKubeClient  *client,
                   const char      *namespace,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(JsonObject) discovery = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *path = g_strdup_printf ("/apis/%s/v1", ROOK_GROUP);
  JsonArray *resources;

  discovery = kdcc_kube_client_get_path (client, path, cancellable, error);
  if (discovery == NULL)
    return NULL;
  resources = kdcc_json_find_array (discovery, "resources");

  json_builder_begin_object (builder);
  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      JsonObject *r = kdcc_json_as_object (json_array_get_element (resources, i));
      const char *plural = kdcc_json_find_string (r, "name");
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) items = NULL;
      KdccKubeResource resource = { ROOK_GROUP, "v1", plural, kdcc_json_find_string (r, "kind"),
                                    kdcc_json_find_number (r, "namespaced", 1) != 0 };

      /* Subresources ("cephclusters/status") are part of their object. */
      if (plural == NULL || strchr (plural, '/') != NULL)
        continue;
      items = list_node (client, &resource, namespace, cancellable, &local_error);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      json_builder_set_member_name (builder, plural);
      json_builder_begin_object (builder);
      if (items != NULL)
        {
          json_builder_set_member_name (builder, "items");
          json_builder_add_value (builder, g_steal_pointer (&items));
        }
      else
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, local_error->message);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
append_pod_logs (GString        *out,
                 KdccKubeClient *client,
                 JsonArray      *pods,
                 GHashTable     *seen,
                 GCancellable   *cancellable)
{
  for (guint i = 0; pods != NULL && i < json_array_get_length (pods); i++)
    {
      JsonObject *pod = kdcc_json_as_object (json_array_get_element (pods, i));
      JsonObject *metadata = kdcc_json_find_object (pod, "metadata");
      JsonArray *containers = kdcc_json_find_array (kdcc_json_find_object (pod, "spec"),
                                                    "containers");
      const char *ns = kdcc_json_find_string (metadata, "namespace");
      const char *name = kdcc_json_find_string (metadata, "name");
      g_autofree char *key = g_strdup_printf ("%s/%s", ns, name);

      if (ns == NULL || name == NULL || !g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;
      for (guint c = 0; containers != NULL && c < json_array_get_length (containers); c++)
        {
          const char *container = kdcc_json_find_string (
            kdcc_json_as_object (json_array_get_element (containers, c)), "name");
          g_autoptr(GError) error = NULL;
          g_autofree char *text = NULL;

          if (container == NULL || g_cancellable_is_cancelled (cancellable))
            continue;
          if (out->len >= LOG_TOTAL_BYTES)
            {
              g_string_append_printf (out, "==> %s/%s [%s] <==\n%s\n\n", ns, name, container,
                                      _("(left out: the bundle's log budget is spent)"));
              continue;
            }
          text = kdcc_kube_pod_log_get (client, ns, name, container, LOG_TAIL_LINES,
                                        LOG_CONTAINER_BYTES, cancellable, &error);
          g_string_append_printf (out, "==> %s/%s [%s] <==\n", ns, name, container);
          if (text != NULL)
            {
              g_string_append (out, text);
              if (text[0] != '\0' && !g_str_has_suffix (text, "\n"))
                g_string_append_c (out, '\n');
            }
          else
            g_string_append_printf (out, _("(cannot read the log: %s)\n"), error->message);
          g_string_append_c (out, '\n');
        }
    }
}

/* The daemons' pods in the cluster's namespace, then the operator's
 * wherever it runs (often the same namespace, sometimes its own). */
static GBytes *
pod_logs (KdccKubeClient  *client,
          const char      *namespace,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonArray) pods = NULL;
  g_autoptr(JsonArray) operators = NULL;
  g_autoptr(GError) operator_error = NULL;

  pods = kdcc_kube_client_list (client, &kdcc_kube_pods, namespace, NULL, NULL, cancellable,
                                error);
  if (pods == NULL)
    return NULL;
  operators = kdcc_kube_client_list (client, &kdcc_kube_pods, NULL, ROOK_OPERATOR_LABEL, NULL,
                                     cancellable, &operator_error);
  if (g_error_matches (operator_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&operator_error));
      return NULL;
    }
  append_pod_logs (out, client, pods, seen, cancellable);
  append_pod_logs (out, client, operators, seen, cancellable);
  if (operator_error != NULL)
    g_string_append_printf (out, _("(the operator's pods outside namespace %s cannot be "
                                   "listed: %s)\n"), namespace, operator_error->message);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
_kdcc_diagnostics_kube_gather (KdccSource    *source,
                               const char    *command,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(KdccKubeClient) client = NULL;
  g_autofree char *namespace = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (!KDCC_IS_KUBE_SOURCE (source))
    {
      g_set_error_literal (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                           _("This connection does not go through Kubernetes"));
      return NULL;
    }
  client = kdcc_kube_source_open_client (KDCC_KUBE_SOURCE (source), &namespace, error);
  if (client == NULL)
    return NULL;

  if (g_str_equal (command, "pod-logs"))
    return pod_logs (client, namespace, cancellable, error);

  if (g_str_equal (command, "version"))
    {
      g_autoptr(JsonObject) version = kdcc_kube_client_get_version (client, cancellable, error);

      if (version != NULL)
        {
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_set_object (node, version);
        }
    }
  else if (g_str_equal (command, "nodes"))
    node = list_node (client, &kdcc_kube_nodes, NULL, cancellable, error);
  else if (g_str_equal (command, "rook-objects"))
    node = rook_objects_node (client, namespace, cancellable, error);
  else if (g_str_equal (command, "deployments"))
    node = list_node (client, &kdcc_kube_deployments, namespace, cancellable, error);
  else if (g_str_equal (command, "pods"))
    node = list_node (client, &kdcc_kube_pods, namespace, cancellable, error);
  else if (g_str_equal (command, "services"))
    node = list_node (client, &kdcc_kube_services, namespace, cancellable, error);
  else if (g_str_equal (command, "configmaps"))
    node = list_node (client, &kdcc_kube_configmaps, namespace, cancellable, error);
  else if (g_str_equal (command, "events"))
    node = list_node (client, &events, namespace, cancellable, error);
  else if (g_str_equal (command, "secrets"))
    node = secrets_node (client, namespace, cancellable, error);
  else if (g_str_equal (command, "config-override"))
    {
      g_autoptr(JsonObject) object = kdcc_kube_client_get (client, &kdcc_kube_configmaps,
                                                           namespace, ROOK_CONFIG_OVERRIDE,
                                                           cancellable, error);

      if (object != NULL)
        {
          JsonObject *metadata = kdcc_json_find_object (object, "metadata");

          if (metadata != NULL && json_object_has_member (metadata, "managedFields"))
            json_object_remove_member (metadata, "managedFields");
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_set_object (node, object);
        }
    }
  else
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_NOT_SUPPORTED,
                 "Unknown Kubernetes diagnostics item “%s”", command);

  if (node == NULL)
    return NULL;
  return _kdcc_diagnostics_node_to_bytes (node);
}

GBytes *
_kdcc_diagnostics_kube_dashboard_get (KdccSource    *source,
                                      const char    *path,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_autoptr(KdccSource) dashboard = NULL;

  dashboard = kdcc_kube_source_ensure_dashboard (KDCC_KUBE_SOURCE (source), cancellable, error);
  if (dashboard == NULL)
    return NULL;
  return kdcc_dashboard_source_get_sync (KDCC_DASHBOARD_SOURCE (dashboard), path, cancellable,
                                         error);
}
