/* test-setup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The set-up templates (issue 12): every template renders, every field it
 * emits has the type and range Rook's CRDs give it, the required fields are
 * there, the YAML reads back as the same objects, invalid parameters are
 * refused with their reason, and `kdcc-cli setup` writes nothing then.
 *
 * The shapes below come from Rook's CRDs, deploy/examples/crds.yaml on
 * rook/rook's master (d0c3b9ce, August 2026, after v1.20.0-alpha), read
 * field by field (openAPIV3Schema of ceph.rook.io/v1): types, minimum and
 * maximum, patterns and `required`; StorageClass from Kubernetes'
 * storage.k8s.io/v1 API (provisioner required, parameters a string map,
 * reclaimPolicy Delete or Retain). Only the fields KDCC emits are listed:
 * a field missing here fails the test, because Rook's structural schemas
 * prune unknown fields silently.
 */
#define G_LOG_DOMAIN "test-setup"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "kdcc-error.h"
#include "kdcc-setup-render.h"
#include "kdcc-setup-template.h"
#include "kdcc-test-util.h"
#include "kdcc-yaml.h"

typedef enum { T_STRING, T_INT, T_BOOL, T_QUANTITY } FieldType;

typedef struct
{
  const char *path;     /* "." between keys, "[]" an array item, "*" any key */
  FieldType   type;
  gint64      min, max; /* for T_INT; max -1: none */
  const char *pattern;  /* for T_STRING and T_QUANTITY, may be NULL */
} Field;

#define QUANTITY_PATTERN "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"
#define DNS_LABEL "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"

static const Field metadata_fields[] = {
  { "metadata.name", T_STRING, 0, -1, DNS_LABEL },
  { "metadata.namespace", T_STRING, 0, -1, DNS_LABEL },
  { "metadata.labels.*", T_STRING, 0, -1, NULL },
  { "apiVersion", T_STRING, 0, -1, NULL },
  { "kind", T_STRING, 0, -1, NULL },
  { NULL }
};

static const Field cluster_fields[] = {
  { "spec.cephVersion.image", T_STRING, 0, -1, NULL },
  { "spec.dataDirHostPath", T_STRING, 0, -1, "^/(\\S+)" },
  { "spec.mon.count", T_INT, 0, 9, NULL },
  { "spec.mon.allowMultiplePerNode", T_BOOL },
  { "spec.mon.stretchCluster.failureDomainLabel", T_STRING },
  { "spec.mon.stretchCluster.zones.[].name", T_STRING },
  { "spec.mon.stretchCluster.zones.[].arbiter", T_BOOL },
  { "spec.mgr.count", T_INT, 0, 5, NULL },
  { "spec.mgr.allowMultiplePerNode", T_BOOL },
  { "spec.mgr.modules.[].name", T_STRING },
  { "spec.mgr.modules.[].enabled", T_BOOL },
  { "spec.dashboard.enabled", T_BOOL },
  { "spec.dashboard.ssl", T_BOOL },
  { "spec.monitoring.enabled", T_BOOL },
  { "spec.storage.useAllNodes", T_BOOL },
  { "spec.storage.useAllDevices", T_BOOL },
  { "spec.storage.deviceFilter", T_STRING },
  { "spec.storage.nodes.[].name", T_STRING },
  { "spec.resources.*.requests.cpu", T_QUANTITY, 0, -1, QUANTITY_PATTERN },
  { "spec.resources.*.requests.memory", T_QUANTITY, 0, -1, QUANTITY_PATTERN },
  { "spec.cephConfig.*.*", T_STRING },
  { NULL }
};

/* A pool's spec (PoolSpec), wherever it appears; paths relative to it. */
static const Field pool_fields[] = {
  { "failureDomain", T_STRING },
  { "deviceClass", T_STRING },
  { "replicated.size", T_INT, 0, -1, NULL },
  { "replicated.requireSafeReplicaSize", T_BOOL },
  { "replicated.replicasPerFailureDomain", T_INT, 1, -1, NULL },
  { "erasureCoded.dataChunks", T_INT, 0, -1, NULL },
  { "erasureCoded.codingChunks", T_INT, 0, -1, NULL },
  { "parameters.*", T_STRING },
  { NULL }
};

static const Field filesystem_fields[] = {
  { "spec.dataPools.[].name", T_STRING },
  { "spec.preserveFilesystemOnDelete", T_BOOL },
  { "spec.metadataServer.activeCount", T_INT, 1, 50, NULL },
  { "spec.metadataServer.activeStandby", T_BOOL },
  { NULL }
};

static const Field object_store_fields[] = {
  { "spec.preservePoolsOnDelete", T_BOOL },
  { "spec.gateway.port", T_INT, 0, 65535, NULL },
  { "spec.gateway.instances", T_INT, 0, -1, NULL },
  { NULL }
};

static const Field storage_class_fields[] = {
  { "provisioner", T_STRING },
  { "parameters.*", T_STRING },
  { "reclaimPolicy", T_STRING, 0, -1, "^(Delete|Retain)$" },
  { "allowVolumeExpansion", T_BOOL },
  { NULL }
};

typedef struct
{
  const char  *kind;
  const Field *fields;
  const char  *pool_prefixes[3];   /* where PoolSpecs sit */
  const char  *required[4];        /* besides metadata.name */
} KindSchema;

static const KindSchema schemas[] = {
  { "CephCluster", cluster_fields, { NULL }, { "spec", NULL } },
  { "CephBlockPool", NULL, { "spec.", NULL }, { "spec", "spec.replicated.size|spec.erasureCoded.dataChunks", NULL } },
  { "CephFilesystem", filesystem_fields, { "spec.metadataPool.", "spec.dataPools.[].", NULL },
    { "spec.metadataPool", "spec.dataPools", "spec.metadataServer.activeCount", NULL } },
  { "CephObjectStore", object_store_fields, { "spec.metadataPool.", "spec.dataPool.", NULL },
    { "spec", NULL } },
  { "StorageClass", storage_class_fields, { NULL }, { "provisioner", NULL } },
};

static gboolean
path_matches (const char *pattern,
              const char *path)
{
  g_auto(GStrv) want = g_strsplit (pattern, ".", -1);
  g_auto(GStrv) have = g_strsplit (path, ".", -1);

  if (g_strv_length (want) != g_strv_length (have))
    return FALSE;
  for (guint i = 0; want[i] != NULL; i++)
    if (!g_str_equal (want[i], "*") && !g_str_equal (want[i], have[i]))
      return FALSE;
  return TRUE;
}

static const Field *
find_field (const Field *fields,
            const char  *path)
{
  for (guint i = 0; fields != NULL && fields[i].path != NULL; i++)
    if (path_matches (fields[i].path, path))
      return &fields[i];
  return NULL;
}

static void
check_leaf (const KindSchema *schema,
            const char       *path,
            JsonNode         *node)
{
  const Field *field = find_field (metadata_fields, path);
  GType type = json_node_get_value_type (node);

  if (field == NULL)
    field = find_field (schema->fields, path);
  for (guint i = 0; field == NULL && schema->pool_prefixes[i] != NULL; i++)
    if (g_str_has_prefix (path, schema->pool_prefixes[i]))
      field = find_field (pool_fields, path + strlen (schema->pool_prefixes[i]));
  if (field == NULL)
    g_error ("%s: field %s is not in Rook's schema as KDCC knows it", schema->kind, path);

  switch (field->type)
    {
    case T_BOOL:
      g_assert_true (type == G_TYPE_BOOLEAN);
      break;
    case T_INT:
      g_assert_true (type == G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (node), >=, field->min);
      if (field->max >= 0)
        g_assert_cmpint (json_node_get_int (node), <=, field->max);
      break;
    case T_STRING:
    case T_QUANTITY:
    default:
      g_assert_true (type == G_TYPE_STRING);
      if (field->pattern != NULL && !g_regex_match_simple (field->pattern, json_node_get_string (node), 0, 0))
        g_error ("%s: %s = “%s” does not match %s", schema->kind, path,
                 json_node_get_string (node), field->pattern);
      break;
    }
}

static void
walk (const KindSchema *schema,
      const char       *path,
      JsonNode         *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      g_assert_cmpuint (json_object_get_size (object), >, 0);
      for (GList *l = members; l != NULL; l = l->next)
        {
          /* Keys with dots (label keys, CSI parameters) only match "*". */
          g_autofree char *key = g_strdelimit (g_strdup (l->data), ".", '/');
          g_autofree char *sub = *path != '\0' ? g_strdup_printf ("%s.%s", path, key)
                                               : g_strdup (key);

          walk (schema, sub, json_object_get_member (object, l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autofree char *sub = g_strdup_printf ("%s.[]", path);

      g_assert_cmpuint (json_array_get_length (array), >, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        walk (schema, sub, json_array_get_element (array, i));
    }
  else
    {
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      check_leaf (schema, path, node);
    }
}

static JsonNode *
find_path (JsonObject *object,
           const char *path)
{
  g_auto(GStrv) keys = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (object == NULL || !json_object_has_member (object, keys[i]))
        return NULL;
      node = json_object_get_member (object, keys[i]);
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return node;
}

static void
check_schema (JsonObject *object)
{
  const char *kind = json_object_get_string_member (object, "kind");
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  const KindSchema *schema = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (schemas); i++)
    if (g_str_equal (schemas[i].kind, kind))
      schema = &schemas[i];
  g_assert_nonnull (schema);
  g_assert_nonnull (find_path (object, "metadata.name"));
  for (guint i = 0; schema->required[i] != NULL; i++)
    {
      g_auto(GStrv) choices = g_strsplit (schema->required[i], "|", -1);
      gboolean found = FALSE;

      for (guint j = 0; choices[j] != NULL; j++)
        found |= find_path (object, choices[j]) != NULL;
      if (!found)
        g_error ("%s lacks the required %s", kind, schema->required[i]);
    }
  walk (schema, "", node);
}

static GPtrArray *
load_templates (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *templates = kdcc_setup_templates_load (&error);

  g_assert_no_error (error);
  return templates;
}

static GPtrArray *
render (const char  *id,
        const char **sets,
        GPtrArray   *warnings)
{
  g_autoptr(GPtrArray) templates = load_templates ();
  const KdccSetupTemplate *template = kdcc_setup_templates_find (templates, id);
  g_autoptr(KdccSetupParams) params = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *objects;

  g_assert_nonnull (template);
  params = kdcc_setup_params_new (template);
  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      kdcc_setup_params_assign (params, sets[i], &error);
      g_assert_no_error (error);
    }
  objects = kdcc_setup_render (params, warnings, &error);
  g_assert_no_error (error);
  return objects;
}

static JsonObject *
object_of_kind (GPtrArray  *objects,
                const char *kind)
{
  for (guint i = 0; i < objects->len; i++)
    {
      KdccSetupObject *item = g_ptr_array_index (objects, i);

      if (g_str_equal (json_object_get_string_member (item->object, "kind"), kind))
        return item->object;
    }
  g_error ("no %s rendered", kind);
}

static gint64
int_at (JsonObject *object,
        const char *path)
{
  JsonNode *node = find_path (object, path);

  g_assert_nonnull (node);
  return json_node_get_int (node);
}

static const char *
string_at (JsonObject *object,
           const char *path)
{
  JsonNode *node = find_path (object, path);

  g_assert_nonnull (node);
  return json_node_get_string (node);
}

static void
assert_yaml_round_trip (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yaml = kdcc_setup_to_yaml (node, &error);

  g_assert_no_error (error);
  back = kdcc_yaml_load ("round trip", yaml, -1, &error);
  g_assert_no_error (error);
  if (!json_node_equal (node, back))
    g_error ("YAML does not read back the same:\n%s", yaml);
}

/* Every template renders objects that fit Rook's schema, whose YAML reads
 * back identically, and whose chart values carry the same specs. */
static void
test_every_template (void)
{
  g_autoptr(GPtrArray) templates = load_templates ();
  const char *ids[] = { "test", "block", "filesystem", "object", "edge", "stretch" };

  g_assert_cmpuint (templates->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const KdccSetupTemplate *template = kdcc_setup_templates_find (templates, ids[i]);
      g_autoptr(KdccSetupParams) params = kdcc_setup_params_new (template);
      g_autoptr(GPtrArray) objects = NULL;
      g_autoptr(JsonObject) values = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (template);
      g_assert_cmpuint (strlen (kdcc_setup_template_get_when (template)), >, 100);
      objects = kdcc_setup_render (params, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (objects->len, ==, 3);   /* cluster, its pool/fs/store, StorageClass */
      g_assert_cmpstr (json_object_get_string_member (((KdccSetupObject *) objects->pdata[0])->object, "kind"),
                       ==, "CephCluster");
      for (guint j = 0; j < objects->len; j++)
        {
          KdccSetupObject *item = g_ptr_array_index (objects, j);

          check_schema (item->object);
          assert_yaml_round_trip (item->object);
          g_assert_cmpstr (json_object_get_string_member (item->object, "kind"), ==,
                           item->resource->kind);
        }

      values = kdcc_setup_render_values (params, objects);
      assert_yaml_round_trip (values);
      {
        g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (),
                                                       json_object_get_object_member (values, "cephClusterSpec"));
        g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (),
                                                       json_object_get_object_member (object_of_kind (objects, "CephCluster"), "spec"));

        g_assert_true (json_node_equal (a, b));
      }
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (values, "cephBlockPools"))
                        + json_array_get_length (json_object_get_array_member (values, "cephFileSystems"))
                        + json_array_get_length (json_object_get_array_member (values, "cephObjectStores")),
                        ==, 1);
    }
}

/* What each template is for shows in its objects. */
static void
test_template_contents (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) test = render ("test", NULL, warnings);
  g_autoptr(GPtrArray) block = render ("block", NULL, NULL);
  g_autoptr(GPtrArray) fs = render ("filesystem", NULL, NULL);
  g_autoptr(GPtrArray) object = render ("object", NULL, NULL);
  g_autoptr(GPtrArray) edge = render ("edge", NULL, NULL);
  g_autoptr(GPtrArray) stretch = render ("stretch", NULL, NULL);
  const char *sets[] = { "nodes=n1, n2,n3", "device_filter=^sd[b-d]", "osd_memory=4Gi",
                         "device_class=hdd", "dashboard=false", NULL };
  g_autoptr(GPtrArray) custom = render ("block", sets, NULL);
  JsonObject *o;
  JsonArray *zones;

  /* test: one copy, which Rook accepts only when told it is meant. */
  o = object_of_kind (test, "CephBlockPool");
  g_assert_cmpint (int_at (o, "spec.replicated.size"), ==, 1);
  g_assert_false (json_node_get_boolean (find_path (o, "spec.replicated.requireSafeReplicaSize")));
  g_assert_cmpint (int_at (object_of_kind (test, "CephCluster"), "spec.mon.count"), ==, 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "single copy"));

  o = object_of_kind (block, "CephBlockPool");
  g_assert_cmpint (int_at (o, "spec.replicated.size"), ==, 3);
  g_assert_cmpstr (string_at (o, "spec.failureDomain"), ==, "host");
  g_assert_cmpstr (string_at (o, "spec.parameters.min_size"), ==, "2");
  g_assert_cmpstr (string_at (object_of_kind (block, "StorageClass"), "provisioner"), ==,
                   "rook-ceph.rbd.csi.ceph.com");

  o = object_of_kind (fs, "CephFilesystem");
  g_assert_cmpstr (string_at (o, "spec.metadataPool.deviceClass"), ==, "ssd");
  g_assert_cmpint (int_at (o, "spec.metadataPool.replicated.size"), ==, 3);
  g_assert_cmpstr (string_at (object_of_kind (fs, "StorageClass"), "parameters.pool"), ==,
                   "sharedfs-data0");

  o = object_of_kind (object, "CephObjectStore");
  g_assert_cmpint (int_at (o, "spec.dataPool.erasureCoded.dataChunks"), ==, 4);
  g_assert_cmpint (int_at (o, "spec.dataPool.erasureCoded.codingChunks"), ==, 2);
  g_assert_cmpstr (string_at (object_of_kind (object, "StorageClass"), "provisioner"), ==,
                   "rook-ceph.ceph.rook.io/bucket");

  o = object_of_kind (edge, "CephBlockPool");
  g_assert_cmpint (int_at (o, "spec.replicated.size"), ==, 2);
  g_assert_cmpstr (string_at (object_of_kind (edge, "CephCluster"), "spec.resources.osd.requests.memory"),
                   ==, "2Gi");

  o = object_of_kind (stretch, "CephCluster");
  g_assert_cmpint (int_at (o, "spec.mon.count"), ==, 5);
  zones = json_node_get_array (find_path (o, "spec.mon.stretchCluster.zones"));
  g_assert_cmpuint (json_array_get_length (zones), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (zones, 0), "arbiter"));
  o = object_of_kind (stretch, "CephBlockPool");
  g_assert_cmpint (int_at (o, "spec.replicated.replicasPerFailureDomain"), ==, 2);
  g_assert_cmpstr (string_at (o, "spec.failureDomain"), ==, "zone");

  o = object_of_kind (custom, "CephCluster");
  g_assert_false (json_node_get_boolean (find_path (o, "spec.storage.useAllNodes")));
  g_assert_false (json_node_get_boolean (find_path (o, "spec.storage.useAllDevices")));
  g_assert_cmpstr (string_at (o, "spec.storage.deviceFilter"), ==, "^sd[b-d]");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (find_path (o, "spec.storage.nodes"))), ==, 3);
  g_assert_false (json_node_get_boolean (find_path (o, "spec.dashboard.enabled")));
  g_assert_cmpstr (string_at (object_of_kind (custom, "CephBlockPool"), "spec.deviceClass"), ==, "hdd");
}

/* Refused with the reason; SETS applied to the template ID must fail
 * validation (not parsing) with a message containing REASON. */
static void
assert_refused (const char  *id,
                const char **sets,
                const char  *reason)
{
  g_autoptr(GPtrArray) templates = load_templates ();
  g_autoptr(KdccSetupParams) params = kdcc_setup_params_new (kdcc_setup_templates_find (templates, id));
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; sets[i] != NULL; i++)
    {
      kdcc_setup_params_assign (params, sets[i], &error);
      g_assert_no_error (error);
    }
  objects = kdcc_setup_render (params, NULL, &error);
  g_assert_null (objects);
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  if (strstr (error->message, reason) == NULL)
    g_error ("“%s” does not say “%s”", error->message, reason);
}

static void
test_invalid (void)
{
  g_autoptr(GPtrArray) templates = load_templates ();
  g_autoptr(KdccSetupParams) params = kdcc_setup_params_new (kdcc_setup_templates_find (templates, "edge"));
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused ("object", (const char *[]) { "hosts=5", NULL },
                  "Erasure coding 4+2 puts each of its 6 chunks on a different host: at least 6 storage hosts are needed (k+m), 5 given");
  assert_refused ("object", (const char *[]) { "ec_k=1", NULL }, "k (data chunks) must be at least 2");
  assert_refused ("block", (const char *[]) { "nodes=a,b", NULL },
                  "3 replicas with failure domain host put each copy on a different host: at least 3 storage hosts are needed, 2 given");
  assert_refused ("block", (const char *[]) { "min_size=4", NULL }, "min_size 4 must be from 1 to the pool size 3");
  assert_refused ("block", (const char *[]) { "mon_count=4", NULL }, "4 monitors: give an odd number");
  assert_refused ("block", (const char *[]) { "hosts=6", "mon_count=7", NULL }, "at least 7 nodes are needed, 6 given");
  assert_refused ("block", (const char *[]) { "zones=a,b", NULL }, "only to the stretched template");
  assert_refused ("block", (const char *[]) { "device_filter=sd[", NULL }, "is not a regular expression");
  assert_refused ("stretch", (const char *[]) { "zones=zone-a", NULL }, "exactly two different data zones");
  assert_refused ("stretch", (const char *[]) { "zones=a,a", NULL }, "exactly two different data zones");
  assert_refused ("stretch", (const char *[]) { "arbiter_zone=", NULL }, "needs an arbiter zone");
  assert_refused ("stretch", (const char *[]) { "arbiter_zone=zone-b", NULL }, "must differ from both data zones");
  assert_refused ("stretch", (const char *[]) { "replicas=3", NULL }, "keep 4 copies, two in each data zone");
  assert_refused ("stretch", (const char *[]) { "mon_count=3", NULL }, "runs 5 monitors");
  /* Every problem is listed, not only the first. */
  assert_refused ("object", (const char *[]) { "hosts=2", "mgr_count=6", NULL }, "Rook runs 1 to 5");

  /* Typing errors are caught as the value is typed, and change nothing. */
  g_assert_false (kdcc_setup_params_set (params, "osd_memory", "4GB", &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "not a Kubernetes quantity"));
  g_clear_error (&error);
  g_assert_cmpstr (kdcc_setup_params_get (params, "osd_memory"), ==, "2Gi");
  g_assert_false (kdcc_setup_params_assign (params, "replicas=two", &error));
  g_assert_error (error, KDCC_ERROR, KDCC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (kdcc_setup_params_assign (params, "dashboard=yes", &error));
  g_assert_nonnull (strstr (error->message, "true or false"));
  g_clear_error (&error);
  g_assert_false (kdcc_setup_params_assign (params, "name=Rook_Ceph", &error));
  g_assert_nonnull (strstr (error->message, "Kubernetes name"));
  g_clear_error (&error);
  g_assert_false (kdcc_setup_params_assign (params, "colour=blue", &error));
  g_assert_nonnull (strstr (error->message, "Unknown set-up parameter “colour”"));
  g_clear_error (&error);
  g_assert_false (kdcc_setup_params_assign (params, "replicas", &error));
  g_assert_nonnull (strstr (error->message, "is not KEY=VALUE"));
  g_clear_error (&error);

  /* Size 2: min_size is explained either way, and both are allowed. */
  g_assert_true (kdcc_setup_params_assign (params, "min_size=1", &error));
  problems = kdcc_setup_params_check (params, warnings);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "a second failure before recovery loses them"));
}

/* Strings a YAML reader would take for another type stay strings. */
static void
test_yaml_quoting (void)
{
  const char *tricky[] = { "true", "no", "on", "Off", "y", "null", "~", "", "1", "0x1f", "1e3",
                           "-2", ".5", ".inf", "a: b", "#x", "- y", "x #y", "'q'", "\"d\"",
                           "multi\nline", "tab\there", "ünïcode", "*alias", "&anchor", "!tag",
                           "%p", "@at", "`bt", "{f}", "[s]", "|", ">", "?", ":", "<<", "=", NULL };
  g_autoptr(JsonObject) object = json_object_new ();

  for (guint i = 0; tricky[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s-key", tricky[i]);

      json_object_set_string_member (object, key, tricky[i]);
    }
  json_object_set_string_member (object, "true", "key that reads as a boolean");
  json_object_set_int_member (object, "int", -42);
  json_object_set_double_member (object, "double", 0.25);
  json_object_set_boolean_member (object, "bool", FALSE);
  json_object_set_null_member (object, "null-member");
  json_object_set_array_member (object, "empty", json_array_new ());
  assert_yaml_round_trip (object);
}

#define run_cli(...) kdcc_test_cli_runv (NULL, (const char * const []) { __VA_ARGS__, NULL })

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kdcc-setup-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad", NULL);
  g_autofree char *values_path = g_build_filename (out, "helm", "values.yaml", NULL);
  g_autofree char *pool_path = g_build_filename (out, "02-cephobjectstore-s3-store.yaml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(KdccTestCli) list = run_cli ("setup", "templates", "--json");
  g_autoptr(KdccTestCli) human = run_cli ("setup", "templates");
  g_autoptr(KdccTestCli) refused = run_cli ("setup", "render", "object", "--set", "hosts=5", "-o", bad);
  g_autoptr(KdccTestCli) typo = run_cli ("setup", "render", "block", "--set", "replicas=x", "-o", bad);
  g_autoptr(KdccTestCli) unknown = run_cli ("setup", "render", "petabyte", "-o", bad);
  g_autoptr(KdccTestCli) ok = run_cli ("setup", "render", "object", "--set", "hosts=7", "--set",
                                     "ec_k=5", "-o", out);
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) store = NULL;
  g_autoptr(JsonNode) values = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (list->status, ==, 0);
  listed = json_from_string (list->out, &error);
  g_assert_no_error (error);
  array = json_node_get_array (listed);
  g_assert_cmpuint (json_array_get_length (array), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 3), "id"), ==, "object");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (array, 3), "parameters"), "ec_k"),
                   ==, "4");
  g_assert_cmpint (human->status, ==, 0);
  g_assert_nonnull (strstr (human->out, "stretch — Stretched over two zones with an arbiter"));
  g_assert_nonnull (strstr (human->out, "device_filter"));

  /* Invalid: exit 2, the reason on one line, nothing written. */
  g_assert_cmpint (refused->status, ==, 2);
  g_assert_nonnull (strstr (refused->err, "at least 6 storage hosts are needed (k+m), 5 given"));
  g_assert_cmpint (typo->status, ==, 2);
  g_assert_nonnull (strstr (typo->err, "replicas: not a whole number"));
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "Unknown template “petabyte”"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_assert_cmpint (ok->status, ==, 0);
  g_assert_nonnull (strstr (ok->out, pool_path));
  g_assert_true (g_file_get_contents (pool_path, &text, NULL, &error));
  g_assert_no_error (error);
  store = kdcc_yaml_load (pool_path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (int_at (json_node_get_object (store), "spec.dataPool.erasureCoded.dataChunks"), ==, 5);
  check_schema (json_node_get_object (store));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (values_path, &text, NULL, &error));
  values = kdcc_yaml_load (values_path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (values), "cephObjectStores")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (values), "cephBlockPools")), ==, 0);

  {
    const char *names[] = { "01-cephcluster-rook-ceph.yaml", "02-cephobjectstore-s3-store.yaml",
                            "03-storageclass-rook-ceph-bucket.yaml", "helm/values.yaml", "helm", "out" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = i < 5 ? g_build_filename (out, names[i], NULL) : g_strdup (out);

        g_assert_cmpint (i < 4 ? g_unlink (path) : g_rmdir (path), ==, 0);
      }
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

/* The schema check can fail: a misspelt field, a wrong type, a value out
 * of range, a missing required field. */
static void
test_schema_check_fails (void)
{
  const char *broken[] = {
    "{apiVersion: ceph.rook.io/v1, kind: CephCluster, metadata: {name: c}, spec: {mon: {cnt: 3}}}",
    "{apiVersion: ceph.rook.io/v1, kind: CephCluster, metadata: {name: c}, spec: {mon: {count: '3'}}}",
    "{apiVersion: ceph.rook.io/v1, kind: CephCluster, metadata: {name: c}, spec: {mgr: {count: 6}}}",
    "{apiVersion: ceph.rook.io/v1, kind: CephFilesystem, metadata: {name: f}, spec: {metadataPool: {failureDomain: host}, dataPools: [{name: d}]}}",
    "{apiVersion: ceph.rook.io/v1, kind: CephBlockPool, metadata: {name: Bad_Name}, spec: {replicated: {size: 3}}}",
    "{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: s}, provisioner: p, reclaimPolicy: Keep}",
  };

  if (g_test_subprocess ())
    {
      guint i = (guint) g_ascii_strtoull (g_getenv ("KDCC_TEST_BROKEN"), NULL, 10);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = kdcc_yaml_load ("broken", broken[i], -1, &error);

      g_assert_no_error (error);
      check_schema (json_node_get_object (node));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *index = g_strdup_printf ("%u", i);

      /* The child inherits the environment (GLib 2.74 has no _with_envp). */
      g_setenv ("KDCC_TEST_BROKEN", index, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
    }
  /* And passes a correct one, so the failures above are the fields'. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = kdcc_yaml_load ("good", "{apiVersion: ceph.rook.io/v1, kind: CephBlockPool, "
                                               "metadata: {name: p}, spec: {replicated: {size: 3}}}",
                                               -1, &error);

    g_assert_no_error (error);
    check_schema (json_node_get_object (node));
  }
}

/* The templates' texts reach the .pot through a generated C file
 * (build-aux/gen-setup-strings): it must say what the catalog says. */
static void
test_strings_up_to_date (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("KDCC_SOURCE_ROOT"), "build-aux",
                                              "gen-setup-strings", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("KDCC_SOURCE_ROOT"), "src", "core",
                                            "services", "kdcc-setup-strings.c", NULL);
  const char *argv[] = { "python3", script, "--stdout", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = kdcc_setup_templates_load (&error);
  g_autofree char *expected = NULL;
  g_autofree char *checked_in = NULL;
  const char *const *strings;
  guint n_strings;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &expected, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (path, &checked_in, NULL, &error));
  g_assert_no_error (error);
  if (!g_str_equal (expected, checked_in))
    g_error ("src/core/services/kdcc-setup-strings.c is out of date with "
             "data/setup-templates.json: run build-aux/gen-setup-strings");

  /* And what is compiled in has every title and paragraph. */
  strings = kdcc_setup_template_strings (&n_strings);
  g_assert_cmpuint (n_strings, ==, 2 * templates->len);
  for (guint i = 0; i < templates->len; i++)
    {
      const KdccSetupTemplate *template = g_ptr_array_index (templates, i);

      /* No translation is installed in the tests: the English texts. */
      g_assert_cmpstr (strings[2 * i], ==, kdcc_setup_template_get_title (template));
      g_assert_cmpstr (strings[2 * i + 1], ==, kdcc_setup_template_get_when (template));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/setup/every-template", test_every_template);
  g_test_add_func ("/setup/template-contents", test_template_contents);
  g_test_add_func ("/setup/invalid", test_invalid);
  g_test_add_func ("/setup/yaml-quoting", test_yaml_quoting);
  g_test_add_func ("/setup/cli", test_cli);
  g_test_add_func ("/setup/schema-check-fails", test_schema_check_fails);
  g_test_add_func ("/setup/strings-up-to-date", test_strings_up_to_date);

  return kdcc_test_run ();
}
