/* kdcc-setup-yaml.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The set-up's output: the rook-ceph-cluster chart's values.yaml and YAML
 * files written with libyaml's emitter (never by string pasting, so names
 * and filters with YAML's special characters stay what they were).
 */
#define G_LOG_DOMAIN "kdcc-setup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <yaml.h>

#include "kdcc-error.h"
#include "kdcc-setup-render.h"

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  JsonNode *copy = json_node_copy (node);
  JsonObject *result = json_object_ref (json_node_get_object (copy));

  json_node_unref (copy);
  return result;
}

/* The chart's storageClass entry from the StorageClass KDCC made, without
 * the parameters the chart's template fills itself. */
static JsonObject *
chart_storage_class (JsonObject  *sc,
                     const char **chart_sets)
{
  JsonObject *entry = json_object_new ();
  JsonObject *parameters = copy_object (json_object_get_object_member (sc, "parameters"));

  for (guint i = 0; chart_sets[i] != NULL; i++)
    if (json_object_has_member (parameters, chart_sets[i]))
      json_object_remove_member (parameters, chart_sets[i]);
  json_object_set_boolean_member (entry, "enabled", TRUE);
  json_object_set_string_member (entry, "name",
                                 json_object_get_string_member (json_object_get_object_member (sc, "metadata"),
                                                                "name"));
  json_object_set_boolean_member (entry, "isDefault", FALSE);
  json_object_set_string_member (entry, "reclaimPolicy",
                                 json_object_get_string_member (sc, "reclaimPolicy"));
  if (json_object_has_member (sc, "allowVolumeExpansion"))
    json_object_set_boolean_member (entry, "allowVolumeExpansion", TRUE);
  json_object_set_object_member (entry, "parameters", parameters);
  return entry;
}

JsonObject *
kdcc_setup_render_values (KdccSetupParams *params,
                          GPtrArray       *objects)
{
  static const char *block_sets[] = { "clusterID", "pool", NULL };
  static const char *fs_sets[] = { "clusterID", "fsName", "pool", NULL };
  static const char *object_sets[] = { "objectStoreName", "objectStoreNamespace", NULL };
  JsonObject *values = json_object_new ();
  JsonObject *monitoring;
  JsonArray *pools = json_array_new ();
  JsonArray *filesystems = json_array_new ();
  JsonArray *stores = json_array_new ();
  JsonArray *current = NULL;
  const char **current_sets = NULL;
  JsonObject *entry = NULL;

  json_object_set_string_member (values, "operatorNamespace",
                                 kdcc_setup_params_get (params, "namespace"));
  json_object_set_string_member (values, "clusterName", kdcc_setup_params_get (params, "name"));
  monitoring = json_object_new ();
  json_object_set_boolean_member (monitoring, "enabled",
                                  kdcc_setup_params_get_bool (params, "monitoring"));
  json_object_set_boolean_member (monitoring, "createPrometheusRules",
                                  kdcc_setup_params_get_bool (params, "monitoring"));
  json_object_set_object_member (values, "monitoring", monitoring);

  for (guint i = 0; i < objects->len; i++)
    {
      KdccSetupObject *item = g_ptr_array_index (objects, i);
      JsonObject *object = item->object;
      JsonObject *metadata = json_object_get_object_member (object, "metadata");

      if (item->resource == &kdcc_setup_storageclasses)
        {
          /* A StorageClass follows the object it serves. */
          if (entry != NULL)
            {
              JsonObject *sc = chart_storage_class (object, current_sets);

              if (current == filesystems)
                json_object_set_string_member (sc, "pool", "data0");
              json_object_set_object_member (entry, "storageClass", sc);
            }
          continue;
        }
      if (item->resource == &kdcc_kube_cephclusters)
        {
          json_object_set_object_member (values, "cephClusterSpec",
                                         copy_object (json_object_get_object_member (object, "spec")));
          continue;
        }
      if (item->resource == &kdcc_kube_cephblockpools)
        current = pools, current_sets = block_sets;
      else if (item->resource == &kdcc_kube_cephfilesystems)
        current = filesystems, current_sets = fs_sets;
      else
        current = stores, current_sets = object_sets;
      entry = json_object_new ();
      json_object_set_string_member (entry, "name", json_object_get_string_member (metadata, "name"));
      json_object_set_object_member (entry, "spec",
                                     copy_object (json_object_get_object_member (object, "spec")));
      json_array_add_object_element (current, entry);
    }

  /* Empty lists replace the chart's example pools, filesystem and store. */
  json_object_set_array_member (values, "cephBlockPools", pools);
  json_object_set_array_member (values, "cephFileSystems", filesystems);
  json_object_set_array_member (values, "cephObjectStores", stores);
  return values;
}

/* Plain scalars that YAML 1.2's core schema or YAML 1.1 (which Helm's and
 * kubectl's Go readers still follow for booleans) would read as something
 * other than a string. */
static gboolean
needs_quotes (const char *text)
{
  return g_regex_match_simple ("^(|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
                               "|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
                               "|[-+]?[0-9._].*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|<<|=)$",
                               text, 0, 0);
}

static gboolean
emit_scalar (yaml_emitter_t *emitter,
             const char     *text,
             gboolean        is_string)
{
  yaml_event_t event;
  yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;

  if (is_string && needs_quotes (text))
    style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  yaml_scalar_event_initialize (&event, NULL, NULL, (yaml_char_t *) text, (int) strlen (text),
                                !is_string || style == YAML_ANY_SCALAR_STYLE, is_string, style);
  return yaml_emitter_emit (emitter, &event) != 0;
}

static gboolean
emit_node (yaml_emitter_t *emitter,
           JsonNode       *node)
{
  yaml_event_t event;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        yaml_mapping_start_event_initialize (&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        if (!yaml_emitter_emit (emitter, &event))
          return FALSE;
        for (GList *l = members; l != NULL; l = l->next)
          if (!emit_scalar (emitter, l->data, TRUE)
              || !emit_node (emitter, json_object_get_member (object, l->data)))
            return FALSE;
        yaml_mapping_end_event_initialize (&event);
        return yaml_emitter_emit (emitter, &event) != 0;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        yaml_sequence_start_event_initialize (&event, NULL, NULL, 1,
                                              json_array_get_length (array) == 0
                                              ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
        if (!yaml_emitter_emit (emitter, &event))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!emit_node (emitter, json_array_get_element (array, i)))
            return FALSE;
        yaml_sequence_end_event_initialize (&event);
        return yaml_emitter_emit (emitter, &event) != 0;
      }
    case JSON_NODE_NULL:
      return emit_scalar (emitter, "null", FALSE);
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);
        g_autofree char *text = NULL;

        if (type == G_TYPE_STRING)
          return emit_scalar (emitter, json_node_get_string (node), TRUE);
        if (type == G_TYPE_BOOLEAN)
          return emit_scalar (emitter, json_node_get_boolean (node) ? "true" : "false", FALSE);
        if (type == G_TYPE_INT64)
          text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            text = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
          }
        return emit_scalar (emitter, text, FALSE);
      }
    }
}

static int
write_cb (void          *data,
          unsigned char *buffer,
          size_t         size)
{
  g_string_append_len (data, (const char *) buffer, (gssize) size);
  return 1;
}

char *
kdcc_setup_to_yaml (JsonNode  *node,
                    GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  yaml_emitter_t emitter;
  yaml_event_t event;
  gboolean ok;

  yaml_emitter_initialize (&emitter);
  yaml_emitter_set_output (&emitter, write_cb, out);
  yaml_emitter_set_unicode (&emitter, 1);
  yaml_emitter_set_width (&emitter, -1);
  yaml_stream_start_event_initialize (&event, YAML_UTF8_ENCODING);
  ok = yaml_emitter_emit (&emitter, &event) != 0;
  if (ok)
    {
      yaml_document_start_event_initialize (&event, NULL, NULL, NULL, 1);
      ok = yaml_emitter_emit (&emitter, &event) != 0 && emit_node (&emitter, node);
    }
  if (ok)
    {
      yaml_document_end_event_initialize (&event, 1);
      ok = yaml_emitter_emit (&emitter, &event) != 0;
    }
  if (ok)
    {
      yaml_stream_end_event_initialize (&event);
      ok = yaml_emitter_emit (&emitter, &event) != 0;
    }
  if (!ok)
    g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("Could not write YAML: %s"),
                 emitter.problem != NULL ? emitter.problem : _("unknown problem"));
  yaml_emitter_delete (&emitter);
  return ok ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static gboolean
write_file (const char  *dir,
            const char  *name,
            JsonObject  *object,
            GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = kdcc_setup_to_yaml (node, error);

  return text != NULL && g_file_set_contents (path, text, -1, error);
}

gboolean
kdcc_setup_write (GPtrArray   *objects,
                  JsonObject  *values,
                  const char  *dir,
                  GError     **error)
{
  g_autofree char *helm = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not make the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < objects->len; i++)
    {
      KdccSetupObject *item = g_ptr_array_index (objects, i);

      if (!write_file (dir, item->file_name, item->object, error))
        return FALSE;
    }
  helm = g_build_filename (dir, "helm", NULL);
  if (g_mkdir_with_parents (helm, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not make the folder “%s”: %s"), helm, g_strerror (saved));
      return FALSE;
    }
  return write_file (helm, "values.yaml", values, error);
}
