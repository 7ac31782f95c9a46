/* kdcc-ceph-parse-osd.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers of the OSD maps: `osd tree` and `osd df`.
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include "kdcc-ceph-parse-private.h"

/* ------------------------------------------------------------------------
 * osd tree */

static gboolean
parse_tree_node (KdccJson     *ctx,
                 JsonObject   *node,
                 const char   *where,
                 KdccSnapshot *scratch,
                 GHashTable   *host_of)
{
  const char *type = NULL;
  const char *name = NULL;
  gint64 id = 0;

  if (!kdcc_json_get_int (ctx, node, where, "id", TRUE, &id)
      || !kdcc_json_get_string (ctx, node, where, "type", FALSE, &type)
      || !kdcc_json_get_string (ctx, node, where, "name", FALSE, &name))
    return FALSE;

  if (id >= 0 && (type == NULL || g_str_equal (type, "osd")))
    {
      const char *device_class = NULL;
      const char *status = NULL;
      KdccOsdData *osd = kdcc_snapshot_ensure_osd (scratch, id);

      if (!kdcc_json_get_string (ctx, node, where, "device_class", FALSE, &device_class)
          || !kdcc_json_get_string (ctx, node, where, "status", FALSE, &status)
          || !kdcc_json_get_bool (ctx, node, where, "exists", FALSE, &osd->exists)
          || !kdcc_json_get_double (ctx, node, where, "reweight", FALSE, &osd->reweight)
          || !kdcc_json_get_double (ctx, node, where, "crush_weight", FALSE, &osd->crush_weight)
          || !kdcc_json_get_double (ctx, node, where, "primary_affinity", FALSE,
                                    &osd->primary_affinity))
        return FALSE;

      if (name != NULL)
        {
          g_free (osd->name);
          osd->name = g_strdup (name);
        }
      g_free (osd->device_class);
      osd->device_class = g_strdup (device_class);
      osd->up = status != NULL && g_str_equal (status, "up");
      /* In the tree, "reweight" is the in/out weight: 0 means out. */
      osd->in = osd->reweight > 0;
      return TRUE;
    }

  if (type != NULL && g_str_equal (type, "host"))
    {
      char children_path[KDCC_JSON_PATH_SIZE];
      JsonArray *children = NULL;
      KdccHostData *host;
      guint n;

      if (name == NULL)
        return kdcc_json_error (ctx, where, "name", KDCC_JSON_MISSING);
      if (!kdcc_json_get_array (ctx, node, where, "children", FALSE, &children))
        return FALSE;

      host = kdcc_snapshot_ensure_host (scratch, name);
      if (children == NULL)
        return TRUE;

      kdcc_json_path (children_path, where, "children");
      n = json_array_get_length (children);
      for (guint i = 0; i < n; i++)
        {
          char child_path[KDCC_JSON_PATH_SIZE];
          gint64 child = 0;

          g_snprintf (child_path, KDCC_JSON_PATH_SIZE, "%s[%u]", children_path, i);
          if (!kdcc_json_node_get_int (ctx, json_array_get_element (children, i), child_path, NULL,
                                       &child))
            return FALSE;
          if (child < 0)
            continue;
          g_array_append_val (host->osd_ids, child);
          if (!g_hash_table_contains (host_of, &child))
            {
              gint64 *key = g_new (gint64, 1);

              *key = child;
              g_hash_table_insert (host_of, key, host->name);
            }
        }
    }
  return TRUE;
}

static gboolean
parse_tree_nodes (KdccJson     *ctx,
                  JsonObject   *obj,
                  const char   *member,
                  gboolean      required,
                  KdccSnapshot *scratch,
                  GHashTable   *host_of)
{
  JsonArray *nodes = NULL;
  guint n;

  if (!kdcc_json_get_array (ctx, obj, NULL, member, required, &nodes))
    return FALSE;
  if (nodes == NULL)
    return TRUE;

  n = json_array_get_length (nodes);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *node;

      if (!kdcc_json_element_object (ctx, nodes, i, member, where, &node)
          || !parse_tree_node (ctx, node, where, scratch, host_of))
        return FALSE;
    }
  return TRUE;
}

gboolean
kdcc_ceph_parse_osd_tree (KdccSnapshot  *snap,
                          const char    *json,
                          gssize         length,
                          GError       **error)
{
  KdccJson ctx_data = { "osd tree", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  g_autoptr(GHashTable) host_of = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  scratch = kdcc_snapshot_new ();
  /* OSD id -> name of the first host bucket listing it (owned by scratch). */
  host_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!parse_tree_nodes (ctx, obj, "nodes", TRUE, scratch, host_of)
      || !parse_tree_nodes (ctx, obj, "stray", FALSE, scratch, host_of))
    return FALSE;

  /* Merge: the tree owns placement, state and weights. */
  kdcc_snapshot_ensure_osd_list (snap);
  if (snap->hosts == NULL)
    snap->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_host_data_free);

  for (guint i = 0; scratch->osds != NULL && i < scratch->osds->len; i++)
    {
      KdccOsdData *src = g_ptr_array_index (scratch->osds, i);
      KdccOsdData *dst = kdcc_snapshot_ensure_osd (snap, src->id);

      _kdcc_ceph_replace_string (&dst->name, &src->name);
      g_free (dst->host);
      dst->host = g_strdup (g_hash_table_lookup (host_of, &src->id));
      _kdcc_ceph_replace_string (&dst->device_class, &src->device_class);
      dst->exists = src->exists;
      dst->up = src->up;
      dst->in = src->in;
      dst->crush_weight = src->crush_weight;
      dst->reweight = src->reweight;
      dst->primary_affinity = src->primary_affinity;
    }

  for (guint i = 0; scratch->hosts != NULL && i < scratch->hosts->len; i++)
    {
      KdccHostData *src = g_ptr_array_index (scratch->hosts, i);
      KdccHostData *dst = kdcc_snapshot_ensure_host (snap, src->name);

      g_array_set_size (dst->osd_ids, 0);
      g_array_append_vals (dst->osd_ids, src->osd_ids->data, src->osd_ids->len);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * osd df */

static gboolean
kb_to_bytes (KdccJson   *ctx,
             const char *where,
             const char *member,
             guint64     kb,
             guint64    *bytes)
{
  if (kb > G_MAXUINT64 / 1024)
    return kdcc_json_error (ctx, where, member, KDCC_JSON_OUT_OF_RANGE);
  *bytes = kb * 1024;
  return TRUE;
}

static gboolean
parse_df_nodes (KdccJson     *ctx,
                JsonObject   *obj,
                const char   *member,
                gboolean      required,
                KdccSnapshot *scratch)
{
  JsonArray *nodes = NULL;
  guint n;

  if (!kdcc_json_get_array (ctx, obj, NULL, member, required, &nodes))
    return FALSE;
  if (nodes == NULL)
    return TRUE;

  n = json_array_get_length (nodes);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *node;
      const char *type = NULL;
      const char *device_class = NULL;
      KdccOsdData *osd;
      gint64 id = 0;
      guint64 kb = 0, kb_used = 0, kb_avail = 0;

      if (!kdcc_json_element_object (ctx, nodes, i, member, where, &node)
          || !kdcc_json_get_int (ctx, node, where, "id", TRUE, &id)
          || !kdcc_json_get_string (ctx, node, where, "type", FALSE, &type))
        return FALSE;

      /* `osd df tree` also lists the buckets. */
      if (id < 0 || (type != NULL && !g_str_equal (type, "osd")))
        continue;

      osd = kdcc_snapshot_ensure_osd (scratch, id);
      if (!kdcc_json_get_string (ctx, node, where, "device_class", FALSE, &device_class)
          || !kdcc_json_get_uint (ctx, node, where, "kb", TRUE, &kb)
          || !kdcc_json_get_uint (ctx, node, where, "kb_used", TRUE, &kb_used)
          || !kdcc_json_get_uint (ctx, node, where, "kb_avail", TRUE, &kb_avail)
          || !kdcc_json_get_double (ctx, node, where, "utilization", FALSE, &osd->utilization)
          || !kdcc_json_get_int (ctx, node, where, "pgs", FALSE, &osd->pgs)
          || !kdcc_json_get_double (ctx, node, where, "crush_weight", FALSE, &osd->crush_weight)
          || !kdcc_json_get_double (ctx, node, where, "reweight", FALSE, &osd->reweight)
          || !kb_to_bytes (ctx, where, "kb", kb, &osd->total_bytes)
          || !kb_to_bytes (ctx, where, "kb_used", kb_used, &osd->used_bytes)
          || !kb_to_bytes (ctx, where, "kb_avail", kb_avail, &osd->avail_bytes))
        return FALSE;

      g_free (osd->device_class);
      osd->device_class = g_strdup (device_class);
      osd->utilization = CLAMP (osd->utilization, 0.0, 100.0);
      osd->has_usage = TRUE;
    }
  return TRUE;
}

gboolean
kdcc_ceph_parse_osd_df (KdccSnapshot  *snap,
                        const char    *json,
                        gssize         length,
                        GError       **error)
{
  KdccJson ctx_data = { "osd df", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  JsonObject *obj;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  scratch = kdcc_snapshot_new ();
  if (!parse_df_nodes (ctx, obj, "nodes", TRUE, scratch)
      || !parse_df_nodes (ctx, obj, "stray", FALSE, scratch))
    return FALSE;

  kdcc_snapshot_ensure_osd_list (snap);
  for (guint i = 0; scratch->osds != NULL && i < scratch->osds->len; i++)
    {
      KdccOsdData *src = g_ptr_array_index (scratch->osds, i);
      KdccOsdData *dst = kdcc_snapshot_ensure_osd (snap, src->id);
      gboolean known = dst->device_class != NULL || dst->host != NULL;

      dst->has_usage = TRUE;
      dst->utilization = src->utilization;
      dst->total_bytes = src->total_bytes;
      dst->used_bytes = src->used_bytes;
      dst->avail_bytes = src->avail_bytes;
      dst->pgs = src->pgs;
      /* The tree is the authority for these; fill them only for OSDs the
       * tree did not describe (yet). */
      if (dst->device_class == NULL)
        _kdcc_ceph_replace_string (&dst->device_class, &src->device_class);
      if (!known)
        {
          dst->crush_weight = src->crush_weight;
          dst->reweight = src->reweight;
        }
    }
  return TRUE;
}
