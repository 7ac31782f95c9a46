/* kdcc-setup-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rook objects from a set-up template. The shapes follow Rook's CRDs
 * (ceph.rook.io/v1) and its deploy/examples manifests; only fields KDCC
 * means to set are emitted, so the operator's defaults apply elsewhere and
 * tests/test-setup.c can check every emitted field against the CRD shapes.
 */
#define G_LOG_DOMAIN "kdcc-setup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kdcc-error.h"
#include "kdcc-setup-render.h"

const KdccKubeResource kdcc_setup_storageclasses = {
  "storage.k8s.io", "v1", "storageclasses", "StorageClass", FALSE
};

void
kdcc_setup_object_free (KdccSetupObject *object)
{
  g_free (object->file_name);
  g_clear_pointer (&object->object, json_object_unref);
  g_free (object);
}

/* A new object as member NAME of PARENT (borrowed). */
static JsonObject *
child (JsonObject *parent,
       const char *name)
{
  JsonObject *object = json_object_new ();

  json_object_set_object_member (parent, name, object);
  return object;
}

static JsonObject *
new_object (const char *api_version,
            const char *kind,
            const char *name,
            const char *namespace)
{
  JsonObject *object = json_object_new ();
  JsonObject *metadata;

  json_object_set_string_member (object, "apiVersion", api_version);
  json_object_set_string_member (object, "kind", kind);
  metadata = child (object, "metadata");
  json_object_set_string_member (metadata, "name", name);
  if (namespace != NULL)
    json_object_set_string_member (metadata, "namespace", namespace);
  /* Labels let an admin (and KDCC) find what the wizard made. */
  json_object_set_string_member (child (metadata, "labels"), "app.kubernetes.io/created-by",
                                 "kdcc-setup");
  return object;
}

static void
add_object (GPtrArray              *objects,
            const KdccKubeResource *resource,
            JsonObject             *object)
{
  KdccSetupObject *item = g_new0 (KdccSetupObject, 1);
  JsonObject *metadata = json_object_get_object_member (object, "metadata");
  g_autofree char *kind = g_ascii_strdown (resource->kind, -1);

  item->file_name = g_strdup_printf ("%02u-%s-%s.yaml", objects->len + 1, kind,
                                     json_object_get_string_member (metadata, "name"));
  item->resource = resource;
  item->object = object;
  g_ptr_array_add (objects, item);
}

static void
set_requests (JsonObject      *resources,
              KdccSetupParams *params,
              const char      *daemon)
{
  g_autofree char *cpu_key = g_strdup_printf ("%s_cpu", daemon);
  g_autofree char *memory_key = g_strdup_printf ("%s_memory", daemon);
  const char *cpu = kdcc_setup_params_get (params, cpu_key);
  const char *memory = kdcc_setup_params_get (params, memory_key);
  JsonObject *requests;

  if (*cpu == '\0' && *memory == '\0')
    return;
  requests = child (child (resources, daemon), "requests");
  if (*cpu != '\0')
    json_object_set_string_member (requests, "cpu", cpu);
  if (*memory != '\0')
    json_object_set_string_member (requests, "memory", memory);
}

static JsonObject *
cluster_spec (KdccSetupParams *params)
{
  const char *id = kdcc_setup_template_get_id (kdcc_setup_params_get_template (params));
  gboolean test = g_str_equal (id, "test");
  const char *filter = kdcc_setup_params_get (params, "device_filter");
  g_auto(GStrv) nodes = kdcc_setup_params_get_list (params, "nodes");
  JsonObject *spec = json_object_new ();
  JsonObject *mon, *mgr, *storage, *resources, *module;
  JsonArray *modules;

  json_object_set_string_member (child (spec, "cephVersion"), "image",
                                 kdcc_setup_params_get (params, "image"));
  json_object_set_string_member (spec, "dataDirHostPath", "/var/lib/rook");

  mon = child (spec, "mon");
  json_object_set_int_member (mon, "count", kdcc_setup_params_get_int (params, "mon_count"));
  json_object_set_boolean_member (mon, "allowMultiplePerNode", test);
  if (g_str_equal (id, "stretch"))
    {
      g_auto(GStrv) zones = kdcc_setup_params_get_list (params, "zones");
      JsonObject *stretch = child (mon, "stretchCluster");
      JsonArray *list = json_array_new ();
      JsonObject *arbiter = json_object_new ();

      json_object_set_string_member (stretch, "failureDomainLabel", "topology.kubernetes.io/zone");
      json_object_set_string_member (arbiter, "name", kdcc_setup_params_get (params, "arbiter_zone"));
      json_object_set_boolean_member (arbiter, "arbiter", TRUE);
      json_array_add_object_element (list, arbiter);
      for (guint i = 0; zones[i] != NULL; i++)
        {
          JsonObject *zone = json_object_new ();

          json_object_set_string_member (zone, "name", zones[i]);
          json_array_add_object_element (list, zone);
        }
      json_object_set_array_member (stretch, "zones", list);
    }

  mgr = child (spec, "mgr");
  json_object_set_int_member (mgr, "count", kdcc_setup_params_get_int (params, "mgr_count"));
  json_object_set_boolean_member (mgr, "allowMultiplePerNode", test);
  modules = json_array_new ();
  module = json_object_new ();
  json_object_set_string_member (module, "name", "rook");
  json_object_set_boolean_member (module, "enabled", TRUE);
  json_array_add_object_element (modules, module);
  json_object_set_array_member (mgr, "modules", modules);

  json_object_set_boolean_member (child (spec, "dashboard"), "enabled",
                                  kdcc_setup_params_get_bool (params, "dashboard"));
  json_object_set_boolean_member (json_object_get_object_member (spec, "dashboard"), "ssl", TRUE);
  json_object_set_boolean_member (child (spec, "monitoring"), "enabled",
                                  kdcc_setup_params_get_bool (params, "monitoring"));

  storage = child (spec, "storage");
  json_object_set_boolean_member (storage, "useAllNodes", nodes[0] == NULL);
  json_object_set_boolean_member (storage, "useAllDevices", *filter == '\0');
  if (*filter != '\0')
    json_object_set_string_member (storage, "deviceFilter", filter);
  if (nodes[0] != NULL)
    {
      JsonArray *list = json_array_new ();

      for (guint i = 0; nodes[i] != NULL; i++)
        {
          JsonObject *node = json_object_new ();

          json_object_set_string_member (node, "name", nodes[i]);
          json_array_add_object_element (list, node);
        }
      json_object_set_array_member (storage, "nodes", list);
    }

  resources = json_object_new ();
  set_requests (resources, params, "mon");
  set_requests (resources, params, "mgr");
  set_requests (resources, params, "osd");
  if (json_object_get_size (resources) > 0)
    json_object_set_object_member (spec, "resources", resources);
  else
    json_object_unref (resources);

  /* As Rook's cluster-test.yaml: pools default to one copy on one node. */
  if (test)
    json_object_set_string_member (child (child (spec, "cephConfig"), "global"),
                                   "osd_pool_default_size", "1");
  return spec;
}

/* A pool's spec (CephBlockPool, and the pools inside CephFilesystem and
 * CephObjectStore): replicated with the parameters' size and min_size, or
 * erasure coded k+m. */
static JsonObject *
pool_spec (KdccSetupParams *params,
           gboolean         erasure_coded,
           const char      *device_class)
{
  JsonObject *spec = json_object_new ();
  const char *domain = kdcc_setup_params_get (params, "failure_domain");
  gint64 size = kdcc_setup_params_get_int (params, "replicas");

  json_object_set_string_member (spec, "failureDomain", domain);
  if (*device_class != '\0')
    json_object_set_string_member (spec, "deviceClass", device_class);
  if (erasure_coded)
    {
      JsonObject *ec = child (spec, "erasureCoded");

      json_object_set_int_member (ec, "dataChunks", kdcc_setup_params_get_int (params, "ec_k"));
      json_object_set_int_member (ec, "codingChunks", kdcc_setup_params_get_int (params, "ec_m"));
      return spec;
    }

  {
    JsonObject *replicated = child (spec, "replicated");
    g_autofree char *min_size = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 kdcc_setup_params_get_int (params, "min_size"));

    json_object_set_int_member (replicated, "size", size);
    /* Rook refuses size 1 unless told that is meant. */
    json_object_set_boolean_member (replicated, "requireSafeReplicaSize", size > 1);
    if (g_str_equal (domain, "zone"))
      json_object_set_int_member (replicated, "replicasPerFailureDomain", size / 2);
    /* Rook sets pool properties from `parameters` (strings). */
    json_object_set_string_member (child (spec, "parameters"), "min_size", min_size);
  }
  return spec;
}

static JsonObject *
storage_class (KdccSetupParams *params,
               const char      *driver,
               const char      *secret_prefix)
{
  const char *namespace = kdcc_setup_params_get (params, "namespace");
  g_autofree char *provisioner = g_strdup_printf ("%s.%s", namespace, driver);
  JsonObject *object = new_object ("storage.k8s.io/v1", "StorageClass",
                                   kdcc_setup_params_get (params, "storage_class"), NULL);
  JsonObject *parameters = child (object, "parameters");

  json_object_set_string_member (object, "provisioner", provisioner);
  json_object_set_string_member (parameters, "clusterID", namespace);
  if (secret_prefix != NULL)
    {
      g_autofree char *provisioner_secret = g_strdup_printf ("%s-provisioner", secret_prefix);
      g_autofree char *node_secret = g_strdup_printf ("%s-node", secret_prefix);
      struct { const char *key; const char *value; } secrets[] = {
        { "csi.storage.k8s.io/provisioner-secret-name", provisioner_secret },
        { "csi.storage.k8s.io/provisioner-secret-namespace", namespace },
        { "csi.storage.k8s.io/controller-expand-secret-name", provisioner_secret },
        { "csi.storage.k8s.io/controller-expand-secret-namespace", namespace },
        { "csi.storage.k8s.io/node-stage-secret-name", node_secret },
        { "csi.storage.k8s.io/node-stage-secret-namespace", namespace },
      };

      for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
        json_object_set_string_member (parameters, secrets[i].key, secrets[i].value);
      json_object_set_boolean_member (object, "allowVolumeExpansion", TRUE);
    }
  json_object_set_string_member (object, "reclaimPolicy", "Delete");
  return object;
}

GPtrArray *
kdcc_setup_render (KdccSetupParams *params,
                   GPtrArray       *warnings,
                   GError         **error)
{
  const KdccSetupTemplate *template = kdcc_setup_params_get_template (params);
  const char *namespace = kdcc_setup_params_get (params, "namespace");
  const char *device_class = kdcc_setup_params_get (params, "device_class");
  g_autoptr(GPtrArray) objects = NULL;
  JsonObject *object;

  if (!kdcc_setup_params_validate (params, warnings, error))
    return NULL;

  objects = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_setup_object_free);
  object = new_object ("ceph.rook.io/v1", "CephCluster", kdcc_setup_params_get (params, "name"),
                       namespace);
  json_object_set_object_member (object, "spec", cluster_spec (params));
  add_object (objects, &kdcc_kube_cephclusters, object);

  if (kdcc_setup_template_has_object (template, "blockpool"))
    {
      const char *pool = kdcc_setup_params_get (params, "pool");
      JsonObject *sc;

      object = new_object ("ceph.rook.io/v1", "CephBlockPool", pool, namespace);
      json_object_set_object_member (object, "spec", pool_spec (params, FALSE, device_class));
      add_object (objects, &kdcc_kube_cephblockpools, object);

      sc = storage_class (params, "rbd.csi.ceph.com", "rook-csi-rbd");
      json_object_set_string_member (json_object_get_object_member (sc, "parameters"), "pool", pool);
      json_object_set_string_member (json_object_get_object_member (sc, "parameters"),
                                     "imageFormat", "2");
      json_object_set_string_member (json_object_get_object_member (sc, "parameters"),
                                     "imageFeatures", "layering");
      json_object_set_string_member (json_object_get_object_member (sc, "parameters"),
                                     "csi.storage.k8s.io/fstype", "ext4");
      add_object (objects, &kdcc_setup_storageclasses, sc);
    }

  if (kdcc_setup_template_has_object (template, "filesystem"))
    {
      const char *fs = kdcc_setup_params_get (params, "filesystem");
      g_autofree char *data_pool = g_strdup_printf ("%s-data0", fs);
      JsonObject *spec, *mds, *data, *sc;
      JsonArray *data_pools = json_array_new ();

      object = new_object ("ceph.rook.io/v1", "CephFilesystem", fs, namespace);
      spec = child (object, "spec");
      json_object_set_object_member (spec, "metadataPool",
                                     pool_spec (params, FALSE,
                                                kdcc_setup_params_get (params, "metadata_device_class")));
      data = pool_spec (params, FALSE, device_class);
      json_object_set_string_member (data, "name", "data0");
      json_array_add_object_element (data_pools, data);
      json_object_set_array_member (spec, "dataPools", data_pools);
      json_object_set_boolean_member (spec, "preserveFilesystemOnDelete", TRUE);
      mds = child (spec, "metadataServer");
      json_object_set_int_member (mds, "activeCount", 1);
      json_object_set_boolean_member (mds, "activeStandby", TRUE);
      add_object (objects, &kdcc_kube_cephfilesystems, object);

      sc = storage_class (params, "cephfs.csi.ceph.com", "rook-csi-cephfs");
      json_object_set_string_member (json_object_get_object_member (sc, "parameters"), "fsName", fs);
      json_object_set_string_member (json_object_get_object_member (sc, "parameters"), "pool",
                                     data_pool);
      add_object (objects, &kdcc_setup_storageclasses, sc);
    }

  if (kdcc_setup_template_has_object (template, "objectstore"))
    {
      const char *store = kdcc_setup_params_get (params, "object_store");
      JsonObject *spec, *gateway, *sc, *sc_params;

      object = new_object ("ceph.rook.io/v1", "CephObjectStore", store, namespace);
      spec = child (object, "spec");
      json_object_set_object_member (spec, "metadataPool", pool_spec (params, FALSE, device_class));
      json_object_set_object_member (spec, "dataPool", pool_spec (params, TRUE, device_class));
      json_object_set_boolean_member (spec, "preservePoolsOnDelete", TRUE);
      gateway = child (spec, "gateway");
      json_object_set_int_member (gateway, "port", 80);
      json_object_set_int_member (gateway, "instances", 1);
      add_object (objects, &kdcc_kube_cephobjectstores, object);

      /* Buckets are claimed through Rook's own provisioner, no CSI secrets. */
      sc = storage_class (params, "ceph.rook.io/bucket", NULL);
      sc_params = json_object_get_object_member (sc, "parameters");
      json_object_remove_member (sc_params, "clusterID");
      json_object_set_string_member (sc_params, "objectStoreName", store);
      json_object_set_string_member (sc_params, "objectStoreNamespace", namespace);
      add_object (objects, &kdcc_setup_storageclasses, sc);
    }

  return g_steal_pointer (&objects);
}
