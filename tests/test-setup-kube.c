/* test-setup-kube.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the set-up templates render is accepted by `kubectl apply -f DIR`
 * (the real kubectl) against the fake Kubernetes API server (tests/kube),
 * and every object reads back identically through KDCC's kube client and
 * through `kubectl get -o json`, with the spec KDCC rendered. The fake
 * checks apiVersion, kind and names (it has no schemas: test-setup.c checks
 * the fields against Rook's CRD shapes).
 */
#define G_LOG_DOMAIN "test-setup-kube"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kdcc-kube-client.h"
#include "kdcc-kubeconfig.h"
#include "kdcc-setup-render.h"
#include "kdcc-setup-template.h"
#include "kdcc-test-kube.h"

static KdccTestKube *kube;

static KdccKubeClient *
admin_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KdccKubeconfig) kc = kdcc_kubeconfig_load (kube->kubeconfig, &error);
  g_autoptr(KdccKubeContext) ctx = NULL;

  g_assert_no_error (error);
  ctx = kdcc_kubeconfig_resolve (kc, "admin", &error);
  g_assert_no_error (error);
  return kdcc_kube_client_new (ctx);
}

static JsonObject *
kubectl_get (const char *kind,
             const char *namespace,
             const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  int rc;

  /* kubectl hides managedFields unless asked; KDCC gets them. */
  if (namespace != NULL)
    rc = kdcc_test_kube_kubectl (kube, "admin", &out, &err, "get", kind, name, "-n", namespace,
                                 "-o", "json", "--show-managed-fields", NULL);
  else
    rc = kdcc_test_kube_kubectl (kube, "admin", &out, &err, "get", kind, name,
                                 "-o", "json", "--show-managed-fields", NULL);
  if (rc != 0)
    g_error ("kubectl get %s %s failed (%d): %s", kind, name, rc, err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static void
assert_same_member (JsonObject *a,
                    JsonObject *b,
                    const char *member)
{
  JsonNode *na = json_object_get_member (a, member);
  JsonNode *nb = json_object_get_member (b, member);

  g_assert_nonnull (na);
  g_assert_nonnull (nb);
  if (!json_node_equal (na, nb))
    {
      g_autofree char *ta = json_to_string (na, TRUE);
      g_autofree char *tb = json_to_string (nb, TRUE);

      g_error ("%s differs:\n%s\n--- and ---\n%s", member, ta, tb);
    }
}

static void
assert_same_object (JsonObject *a,
                    JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_object (json_node_alloc (), b);

  if (!json_node_equal (na, nb))
    {
      g_autofree char *ta = json_to_string (na, TRUE);
      g_autofree char *tb = json_to_string (nb, TRUE);

      g_error ("Objects differ:\n%s\n--- and ---\n%s", ta, tb);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
apply_template (gconstpointer data)
{
  const char *id = data;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(KdccSetupParams) params = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(JsonObject) values = NULL;
  g_autoptr(KdccKubeClient) client = admin_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kdcc-setup-kube-XXXXXX", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *ns_path = g_build_filename (dir, "namespace.yaml", NULL);
  g_autofree char *namespace = g_strdup_printf ("setup-%s", id);
  g_autofree char *ns_yaml = g_strdup_printf ("apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n",
                                              namespace);
  g_autofree char *set_ns = g_strdup_printf ("namespace=%s", namespace);
  g_autofree char *set_sc = g_strdup_printf ("storage_class=%s-sc", id);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* One namespace and StorageClass name per template: they share a server. */
  templates = kdcc_setup_templates_load (&error);
  g_assert_no_error (error);
  params = kdcc_setup_params_new (kdcc_setup_templates_find (templates, id));
  g_assert_true (kdcc_setup_params_assign (params, set_ns, &error));
  g_assert_true (kdcc_setup_params_assign (params, set_sc, &error));
  g_assert_no_error (error);
  objects = kdcc_setup_render (params, NULL, &error);
  g_assert_no_error (error);
  values = kdcc_setup_render_values (params, objects);
  g_assert_true (kdcc_setup_write (objects, values, out_dir, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (ns_path, ns_yaml, -1, &error));
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", NULL, &err, "apply", "-f", ns_path, NULL),
                   ==, 0);
  g_clear_pointer (&err, g_free);

  /* The whole folder, as an admin would apply it: values.yaml (not a
   * Kubernetes object) is one level down and not read. */
  if (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "apply", "-f", out_dir, NULL) != 0)
    g_error ("kubectl apply -f %s failed: %s", out_dir, err);
  for (guint i = 0; i < objects->len; i++)
    {
      KdccSetupObject *item = g_ptr_array_index (objects, i);
      JsonObject *metadata = json_object_get_object_member (item->object, "metadata");
      const char *name = json_object_get_string_member (metadata, "name");
      const char *object_ns = item->resource->namespaced ? namespace : NULL;
      g_autoptr(JsonObject) got = NULL;
      g_autoptr(JsonObject) from_kubectl = NULL;
      g_autofree char *kind = g_ascii_strdown (item->resource->kind, -1);
      /* kubectl says "cephcluster.ceph.rook.io/rook-ceph created". */
      g_autofree char *created = g_strdup_printf ("%s.%s/%s created", kind,
                                                  item->resource->group, name);
      JsonObject *labels;

      if (strstr (out, created) == NULL)
        g_error ("kubectl did not say “%s”: %s", created, out);
      got = kdcc_kube_client_get (client, item->resource, object_ns, name, NULL, &error);
      g_assert_no_error (error);
      from_kubectl = kubectl_get (kind, object_ns, name);
      assert_same_object (got, from_kubectl);

      /* What was rendered is what is stored (the fake does no defaulting). */
      if (json_object_has_member (item->object, "spec"))
        assert_same_member (item->object, got, "spec");
      else
        {
          assert_same_member (item->object, got, "provisioner");
          assert_same_member (item->object, got, "parameters");
          assert_same_member (item->object, got, "reclaimPolicy");
        }
      if (item->resource->namespaced)
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (got, "metadata"),
                                                        "namespace"), ==, namespace);
      labels = json_object_get_object_member (json_object_get_object_member (got, "metadata"), "labels");
      g_assert_cmpstr (json_object_get_string_member (labels, "app.kubernetes.io/created-by"), ==,
                       "kdcc-setup");
    }

  /* Applied again: nothing changes. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (kdcc_test_kube_kubectl (kube, "admin", &out, &err, "apply", "-f", out_dir, NULL),
                   ==, 0);
  g_assert_null (strstr (out, "created"));
  g_assert_null (strstr (out, " configured"));

  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  const char *ids[] = { "test", "block", "filesystem", "object", "edge", "stretch" };
  int status;

  g_test_init (&argc, &argv, NULL);
  kube = kdcc_test_kube_start (NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/setup-kube/apply/%s", ids[i]);

      g_test_add_data_func (path, ids[i], apply_template);
    }

  status = g_test_run ();
  kdcc_test_kube_free (kube);
  return status;
}
