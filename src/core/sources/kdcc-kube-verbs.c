/* kdcc-kube-verbs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The REST verbs of KdccKubeClient (get, list with pages, create, patch,
 * server-side apply, delete) and the API server's Status objects worded
 * for the request that failed.
 */
#define G_LOG_DOMAIN "kdcc-kube-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kdcc-error.h"
#include "kdcc-json.h"
#include "kdcc-kube-client-private.h"

#define RESOURCE(var, g, v, p, k, n) \
  const KdccKubeResource var = { g, v, p, k, n }

RESOURCE (kdcc_kube_namespaces, "", "v1", "namespaces", "Namespace", FALSE);
RESOURCE (kdcc_kube_nodes, "", "v1", "nodes", "Node", FALSE);
RESOURCE (kdcc_kube_pods, "", "v1", "pods", "Pod", TRUE);
RESOURCE (kdcc_kube_services, "", "v1", "services", "Service", TRUE);
RESOURCE (kdcc_kube_secrets, "", "v1", "secrets", "Secret", TRUE);
RESOURCE (kdcc_kube_configmaps, "", "v1", "configmaps", "ConfigMap", TRUE);
RESOURCE (kdcc_kube_deployments, "apps", "v1", "deployments", "Deployment", TRUE);
RESOURCE (kdcc_kube_cephclusters, "ceph.rook.io", "v1", "cephclusters", "CephCluster", TRUE);
RESOURCE (kdcc_kube_cephblockpools, "ceph.rook.io", "v1", "cephblockpools", "CephBlockPool", TRUE);
RESOURCE (kdcc_kube_cephfilesystems, "ceph.rook.io", "v1", "cephfilesystems", "CephFilesystem",
          TRUE);
RESOURCE (kdcc_kube_cephobjectstores, "ceph.rook.io", "v1", "cephobjectstores", "CephObjectStore",
          TRUE);

char *
kdcc_kube_resource_describe (const KdccKubeResource *resource)
{
  if (resource->group[0] == '\0')
    return g_strdup (resource->plural);
  return g_strconcat (resource->plural, ".", resource->group, NULL);
}

char *
kdcc_kube_resource_path (const KdccKubeResource *resource,
                         const char             *namespace,
                         const char             *name)
{
  GString *path = g_string_new (NULL);

  if (resource->group[0] == '\0')
    g_string_append_printf (path, "/api/%s", resource->version);
  else
    g_string_append_printf (path, "/apis/%s/%s", resource->group, resource->version);
  if (resource->namespaced && namespace != NULL)
    {
      g_string_append (path, "/namespaces/");
      g_string_append_uri_escaped (path, namespace, NULL, FALSE);
    }
  g_string_append_c (path, '/');
  g_string_append (path, resource->plural);
  if (name != NULL)
    {
      g_string_append_c (path, '/');
      g_string_append_uri_escaped (path, name, NULL, FALSE);
    }
  return g_string_free (path, FALSE);
}

/* What the request was, for messages: the verb as RBAC names it, and the
 * object or collection. */
typedef struct
{
  const char             *verb;
  const KdccKubeResource *resource;
  const char             *namespace;
  const char             *name;
} Request;

static char *
describe_scope (const Request *req)
{
  if (!req->resource->namespaced)
    return g_strdup (_("cluster-wide"));
  if (req->namespace == NULL)
    return g_strdup (_("in all namespaces"));
  return g_strdup_printf (_("in namespace “%s”"), req->namespace);
}

/* The API server's Status object, when the body is one. */
static void
parse_status (GBytes      *body,
              char       **message,
              char       **reason)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  *message = NULL;
  *reason = NULL;
  if (body == NULL || g_bytes_get_size (body) == 0)
    return;
  root = kdcc_json_load_root ("Status", g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              JSON_NODE_OBJECT, NULL);
  if (root == NULL)
    return;
  object = json_node_get_object (root);
  if (g_strcmp0 (kdcc_json_find_string (object, "kind"), "Status") != 0)
    return;
  *message = g_strdup (kdcc_json_find_string (object, "message"));
  *reason = g_strdup (kdcc_json_find_string (object, "reason"));
}

static void
set_status_error (KdccKubeClient *self,
                  const Request  *req,
                  guint           status,
                  GBytes         *body,
                  GError        **error)
{
  g_autofree char *message = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *resource = kdcc_kube_resource_describe (req->resource);
  g_autofree char *scope = describe_scope (req);
  g_autofree char *user = _kdcc_kube_client_describe_user (self);
  g_autofree char *said = NULL;
  const char *server = kdcc_kube_client_get_context (self)->server;

  parse_status (body, &message, &reason);
  said = message ? g_strdup (message) : g_strdup (soup_status_get_phrase (status));

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("The Kubernetes API server at %s did not accept the credentials of %s "
                     "(HTTP 401): they may have expired or been revoked. It said: %s"),
                   server, user, said);
      break;

    case SOUP_STATUS_FORBIDDEN:
      /* TRANSLATORS: "may not list cephclusters.ceph.rook.io in all
       * namespaces ... RBAC permission for the verb “list” on
       * “cephclusters” in the API group “ceph.rook.io”". */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_AUTH,
                   _("%s may not %s %s %s: it lacks the RBAC permission for the verb “%s” on "
                     "“%s” in the API group “%s” (HTTP 403). The API server said: %s"),
                   user, req->verb, resource, scope, req->verb, req->resource->plural,
                   req->resource->group[0] ? req->resource->group : "\"\"", said);
      break;

    case SOUP_STATUS_NOT_FOUND:
      if (req->name != NULL)
        g_set_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND,
                     _("There is no %s “%s” %s (HTTP 404): %s"), req->resource->kind,
                     req->name, scope, said);
      else
        g_set_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_NOT_FOUND,
                     _("The Kubernetes API server at %s does not serve %s (HTTP 404); is the "
                       "operator that defines it installed? %s"), server, resource, said);
      break;

    case SOUP_STATUS_CONFLICT:
      if (g_strcmp0 (reason, "AlreadyExists") == 0)
        g_set_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_CONFLICT,
                     _("The %s “%s” already exists %s (HTTP 409)"), req->resource->kind,
                     req->name ? req->name : "", scope);
      else
        g_set_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_CONFLICT,
                     _("Could not %s the %s “%s” %s because of a conflict (HTTP 409): %s"),
                     req->verb, req->resource->kind, req->name ? req->name : "", scope, said);
      break;

    case 410: /* Gone */
      g_set_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_GONE,
                   _("The Kubernetes API server no longer has that version of %s %s "
                     "(HTTP 410): %s"), resource, scope, said);
      break;

    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      g_set_error (error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_INVALID,
                   _("The Kubernetes API server refused the %s “%s” as invalid (HTTP 422): %s"),
                   req->resource->kind, req->name ? req->name : "", said);
      break;

    default:
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_HTTP,
                   _("The Kubernetes API server at %s could not %s %s %s (HTTP %u): %s"),
                   server, req->verb, resource, scope, status, said);
      break;
    }
}

/* One request whose 2xx answer is a JSON object. */
static JsonObject *
request_object (KdccKubeClient  *self,
                const Request   *req,
                const char      *method,
                const char      *path_query,
                const char      *content_type,
                const char      *body_text,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *what = NULL;
  guint status = 0;

  if (body_text != NULL)
    body = g_bytes_new (body_text, strlen (body_text));
  answer = _kdcc_kube_client_send (self, method, path_query, content_type, body, &status,
                                   cancellable, error);
  if (answer == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (self, req, status, answer, error);
      return NULL;
    }
  /* Named as kdcc_http_send() names the request, so a broken answer
   * reads the same whichever layer noticed it. */
  what = g_strdup_printf ("%s %s%s", method, kdcc_kube_client_get_context (self)->server,
                          path_query);
  root = kdcc_json_load_root (what, g_bytes_get_data (answer, NULL),
                              g_bytes_get_size (answer), JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

JsonObject *
kdcc_kube_client_get (KdccKubeClient          *self,
                      const KdccKubeResource  *resource,
                      const char              *namespace,
                      const char              *name,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autofree char *path = NULL;
  Request req = { "get", resource, namespace, name };

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (resource != NULL && name != NULL, NULL);

  path = kdcc_kube_resource_path (resource, namespace, name);
  return request_object (self, &req, "GET", path, NULL, NULL, cancellable, error);
}

static JsonArray *
list_pages (KdccKubeClient          *self,
            const Request           *req,
            const char              *label_selector,
            guint                    page_size,
            char                   **resource_version,
            GCancellable            *cancellable,
            GError                 **error)
{
  g_autoptr(JsonArray) items = json_array_new ();
  g_autofree char *base = kdcc_kube_resource_path (req->resource, req->namespace, NULL);
  g_autofree char *token = NULL;
  g_autofree char *version = NULL;

  do
    {
      g_autoptr(GString) path = g_string_new (base);
      g_autoptr(JsonObject) page = NULL;
      JsonObject *metadata;
      JsonArray *page_items;
      const char *next;
      char sep = '?';

      if (page_size > 0)
        {
          g_string_append_printf (path, "%climit=%u", sep, page_size);
          sep = '&';
        }
      if (label_selector != NULL)
        {
          g_string_append_printf (path, "%clabelSelector=", sep);
          g_string_append_uri_escaped (path, label_selector, NULL, FALSE);
          sep = '&';
        }
      if (token != NULL)
        {
          g_string_append_printf (path, "%ccontinue=", sep);
          g_string_append_uri_escaped (path, token, NULL, FALSE);
        }

      page = request_object (self, req, "GET", path->str, NULL, NULL, cancellable, error);
      if (page == NULL)
        return NULL;
      page_items = kdcc_json_find_array (page, "items");
      if (page_items == NULL && json_object_has_member (page, "items") &&
          !JSON_NODE_HOLDS_NULL (json_object_get_member (page, "items")))
        {
          g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE,
                       _("%s: “items” is not a list"), path->str);
          return NULL;
        }
      for (guint i = 0; page_items != NULL && i < json_array_get_length (page_items); i++)
        json_array_add_element (items, json_node_copy (json_array_get_element (page_items, i)));

      metadata = kdcc_json_find_object (page, "metadata");
      next = metadata ? kdcc_json_find_string (metadata, "continue") : NULL;
      g_free (version);
      version = g_strdup (metadata ? kdcc_json_find_string (metadata, "resourceVersion") : NULL);
      g_free (token);
      token = next && *next ? g_strdup (next) : NULL;
    }
  while (token != NULL);

  if (resource_version != NULL)
    *resource_version = g_steal_pointer (&version);
  return g_steal_pointer (&items);
}

JsonArray *
kdcc_kube_client_list (KdccKubeClient          *self,
                       const KdccKubeResource  *resource,
                       const char              *namespace,
                       const char              *label_selector,
                       char                   **resource_version,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  Request req = { "list", resource, namespace, NULL };
  JsonArray *ret;
  guint page_size;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (resource != NULL, NULL);

  page_size = _kdcc_kube_client_get_page_size (self);

  ret = list_pages (self, &req, label_selector, page_size, resource_version, cancellable,
                    &local_error);
  if (ret == NULL && page_size > 0 &&
      g_error_matches (local_error, KDCC_KUBE_ERROR, KDCC_KUBE_ERROR_GONE))
    {
      /* The continue token expired between two pages: the consistent
       * snapshot is gone, so read the whole list at once. */
      g_debug ("A page of %s expired; listing it again without pages", resource->plural);
      g_clear_error (&local_error);
      ret = list_pages (self, &req, label_selector, 0, resource_version, cancellable,
                        &local_error);
    }
  if (ret == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ret;
}

static char *
object_to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

JsonObject *
kdcc_kube_client_create (KdccKubeClient          *self,
                         const KdccKubeResource  *resource,
                         const char              *namespace,
                         JsonObject              *object,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  JsonObject *metadata;
  Request req = { "create", resource, namespace, NULL };

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (resource != NULL && object != NULL, NULL);

  metadata = kdcc_json_find_object (object, "metadata");
  req.name = metadata ? kdcc_json_find_string (metadata, "name") : NULL;
  path = kdcc_kube_resource_path (resource, namespace, NULL);
  body = object_to_json (object);
  return request_object (self, &req, "POST", path, "application/json", body, cancellable, error);
}

static JsonObject *
patch (KdccKubeClient          *self,
       const KdccKubeResource  *resource,
       const char              *namespace,
       const char              *name,
       const char              *content_type,
       const char              *query,
       const char              *body,
       GCancellable            *cancellable,
       GError                 **error)
{
  g_autofree char *path = kdcc_kube_resource_path (resource, namespace, name);
  g_autofree char *path_query = g_strconcat (path, query ? query : "", NULL);
  Request req = { "patch", resource, namespace, name };

  return request_object (self, &req, "PATCH", path_query, content_type, body, cancellable, error);
}

JsonObject *
kdcc_kube_client_merge_patch (KdccKubeClient          *self,
                              const KdccKubeResource  *resource,
                              const char              *namespace,
                              const char              *name,
                              JsonObject              *patch_object,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (resource != NULL && name != NULL && patch_object != NULL, NULL);

  body = object_to_json (patch_object);
  return patch (self, resource, namespace, name, "application/merge-patch+json", NULL, body,
                cancellable, error);
}

JsonObject *
kdcc_kube_client_json_patch (KdccKubeClient          *self,
                             const KdccKubeResource  *resource,
                             const char              *namespace,
                             const char              *name,
                             JsonArray               *operations,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (resource != NULL && name != NULL && operations != NULL, NULL);

  node = json_node_init_array (json_node_alloc (), operations);
  body = json_to_string (node, FALSE);
  return patch (self, resource, namespace, name, "application/json-patch+json", NULL, body,
                cancellable, error);
}

JsonObject *
kdcc_kube_client_apply (KdccKubeClient          *self,
                        const KdccKubeResource  *resource,
                        JsonObject              *object,
                        const char              *field_manager,
                        gboolean                 force,
                        GCancellable            *cancellable,
                        GError                 **error)
{
  g_autofree char *body = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *query = NULL;
  JsonObject *metadata;
  const char *name;
  const char *namespace;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (resource != NULL && object != NULL, NULL);
  g_return_val_if_fail (field_manager != NULL && *field_manager != '\0', NULL);

  metadata = kdcc_json_find_object (object, "metadata");
  name = metadata ? kdcc_json_find_string (metadata, "name") : NULL;
  namespace = metadata ? kdcc_json_find_string (metadata, "namespace") : NULL;
  if (name == NULL)
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT,
                   _("A %s to apply needs metadata.name"), resource->kind);
      return NULL;
    }
  if (resource->namespaced && namespace == NULL)
    namespace = kdcc_kube_client_get_namespace (self);

  /* JSON is YAML: the apply content type takes either. */
  body = object_to_json (object);
  manager = g_uri_escape_string (field_manager, NULL, FALSE);
  query = g_strdup_printf ("?fieldManager=%s%s", manager, force ? "&force=true" : "");
  return patch (self, resource, namespace, name, "application/apply-patch+yaml", query, body,
                cancellable, error);
}

gboolean
kdcc_kube_client_delete (KdccKubeClient          *self,
                         const KdccKubeResource  *resource,
                         const char              *namespace,
                         const char              *name,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) answer = NULL;
  Request req = { "delete", resource, namespace, name };

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), FALSE);
  g_return_val_if_fail (resource != NULL && name != NULL, FALSE);

  path = kdcc_kube_resource_path (resource, namespace, name);
  answer = request_object (self, &req, "DELETE", path, NULL, NULL, cancellable, error);
  return answer != NULL;
}

/* Pod logs and other plain reads (the Kubernetes view, diagnostics). */

GBytes *
kdcc_kube_client_get_subresource (KdccKubeClient          *self,
                                  const KdccKubeResource  *resource,
                                  const char              *namespace,
                                  const char              *name,
                                  const char              *subresource,
                                  const char              *query,
                                  const char              *accept,
                                  GCancellable            *cancellable,
                                  GError                 **error)
{
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *plural = NULL;
  g_autoptr(GBytes) answer = NULL;
  KdccKubeResource sub;
  Request req = { "get", &sub, namespace, name };
  guint status = 0;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (resource != NULL && name != NULL && subresource != NULL, NULL);

  /* RBAC names the subresource "pods/log": so do the messages. */
  plural = g_strdup_printf ("%s/%s", resource->plural, subresource);
  sub = *resource;
  sub.plural = plural;
  base = kdcc_kube_resource_path (resource, namespace, name);
  path = g_strdup_printf ("%s/%s%s%s", base, subresource,
                          query != NULL && *query != '\0' ? "?" : "",
                          query != NULL ? query : "");
  answer = _kdcc_kube_client_send_accept (self, "GET", path, NULL, NULL, accept, &status,
                                          cancellable, error);
  if (answer == NULL)
    return NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      set_status_error (self, &req, status, answer, error);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

JsonObject *
kdcc_kube_client_get_path (KdccKubeClient  *self,
                           const char      *path,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *what = NULL;
  guint status = 0;

  g_return_val_if_fail (KDCC_IS_KUBE_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  answer = _kdcc_kube_client_send (self, "GET", path, NULL, NULL, &status, cancellable, error);
  if (answer == NULL)
    return NULL;
  what = g_strdup_printf ("GET %s%s", kdcc_kube_client_get_context (self)->server, path);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *message = NULL;
      g_autofree char *reason = NULL;

      parse_status (answer, &message, &reason);
      g_set_error (error, KDCC_ERROR, status == SOUP_STATUS_FORBIDDEN ? KDCC_ERROR_AUTH
                                                                      : KDCC_ERROR_HTTP,
                   _("%s failed (HTTP %u): %s"), what, status,
                   message ? message : soup_status_get_phrase (status));
      return NULL;
    }
  root = kdcc_json_load_root (what, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                              JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

JsonObject *
kdcc_kube_client_get_version (KdccKubeClient  *self,
                              GCancellable    *cancellable,
                              GError         **error)
{
  return kdcc_kube_client_get_path (self, "/version", cancellable, error);
}
