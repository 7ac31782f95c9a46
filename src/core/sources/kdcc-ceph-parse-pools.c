/* kdcc-ceph-parse-pools.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers of pools and capacity: `osd pool ls detail` and `df`.
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include "kdcc-ceph-parse-private.h"

/* ------------------------------------------------------------------------
 * osd pool ls detail */

static const char *
pool_type_name (gint64 type)
{
  switch (type)
    {
    case 1:
      return "replicated";
    case 3:
      return "erasure";
    default:
      return NULL;
    }
}

gboolean
kdcc_ceph_parse_osd_pool_ls_detail (KdccSnapshot  *snap,
                                    const char    *json,
                                    gssize         length,
                                    GError       **error)
{
  KdccJson ctx_data = { "osd pool ls detail", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_ARRAY, error)))
    return FALSE;
  array = json_node_get_array (root);

  scratch = kdcc_snapshot_new ();
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *obj;
      JsonObject *apps = NULL;
      JsonObject *options = NULL;
      const char *name = NULL;
      const char *ec_profile = NULL;
      const char *mode = NULL;
      const char *id_member;
      KdccPoolData *pool;
      gint64 id = 0;
      gint64 type = 0;

      if (!kdcc_json_element_object (ctx, array, i, "pools", where, &obj))
        return FALSE;
      /* `osd dump` names the id "pool"; `osd pool ls detail` "pool_id". */
      id_member = json_object_has_member (obj, "pool_id") || !json_object_has_member (obj, "pool")
                  ? "pool_id" : "pool";
      if (!kdcc_json_get_int (ctx, obj, where, id_member, TRUE, &id)
          || !kdcc_json_get_string (ctx, obj, where, "pool_name", TRUE, &name))
        return FALSE;

      pool = kdcc_snapshot_ensure_pool (scratch, id);
      if (!kdcc_json_get_int (ctx, obj, where, "type", FALSE, &type)
          || !kdcc_json_get_int (ctx, obj, where, "size", FALSE, &pool->size)
          || !kdcc_json_get_int (ctx, obj, where, "min_size", FALSE, &pool->min_size)
          || !kdcc_json_get_int (ctx, obj, where, "pg_num", FALSE, &pool->pg_num)
          || !kdcc_json_get_string (ctx, obj, where, "pg_autoscale_mode", FALSE, &mode)
          || !kdcc_json_get_object (ctx, obj, where, "application_metadata", FALSE, &apps)
          || !kdcc_json_get_int (ctx, obj, where, "crush_rule", FALSE, &pool->crush_rule)
          || !kdcc_json_get_string (ctx, obj, where, "erasure_code_profile", FALSE, &ec_profile)
          || !kdcc_json_get_uint (ctx, obj, where, "quota_max_bytes", FALSE,
                                  &pool->quota_max_bytes)
          || !kdcc_json_get_uint (ctx, obj, where, "quota_max_objects", FALSE,
                                  &pool->quota_max_objects)
          || !kdcc_json_get_object (ctx, obj, where, "options", FALSE, &options))
        return FALSE;

      /* Replicated pools carry an empty profile name. */
      g_free (pool->erasure_code_profile);
      pool->erasure_code_profile = ec_profile != NULL && *ec_profile != '\0'
                                   ? g_strdup (ec_profile) : NULL;
      g_ptr_array_set_size (pool->options, 0);
      if (options != NULL)
        {
          g_autoptr(GList) keys = json_object_get_members (options);

          keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
          for (const GList *l = keys; l != NULL; l = l->next)
            {
              JsonNode *node = json_object_get_member (options, l->data);
              g_autofree char *value = NULL;

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
                value = g_strdup (json_node_get_string (node));
              else if (JSON_NODE_HOLDS_VALUE (node))
                value = json_to_string (node, FALSE);
              else
                continue;
              g_ptr_array_add (pool->options, g_strconcat (l->data, "=", value, NULL));
            }
        }

      g_free (pool->name);
      pool->name = g_strdup (name);
      g_free (pool->type);
      pool->type = g_strdup (pool_type_name (type));
      g_free (pool->autoscale_mode);
      pool->autoscale_mode = g_strdup (mode);
      g_ptr_array_set_size (pool->applications, 0);
      if (apps != NULL)
        {
          g_autoptr(GList) keys = json_object_get_members (apps);

          for (const GList *l = keys; l != NULL; l = l->next)
            g_ptr_array_add (pool->applications, g_strdup (l->data));
        }
    }

  if (snap->pools == NULL)
    snap->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);
  for (guint i = 0; scratch->pools != NULL && i < scratch->pools->len; i++)
    {
      KdccPoolData *src = g_ptr_array_index (scratch->pools, i);
      KdccPoolData *dst = kdcc_snapshot_ensure_pool (snap, src->id);
      GPtrArray *tmp;

      _kdcc_ceph_replace_string (&dst->name, &src->name);
      _kdcc_ceph_replace_string (&dst->type, &src->type);
      _kdcc_ceph_replace_string (&dst->autoscale_mode, &src->autoscale_mode);
      dst->size = src->size;
      dst->min_size = src->min_size;
      dst->pg_num = src->pg_num;
      dst->crush_rule = src->crush_rule;
      dst->quota_max_bytes = src->quota_max_bytes;
      dst->quota_max_objects = src->quota_max_objects;
      _kdcc_ceph_replace_string (&dst->erasure_code_profile, &src->erasure_code_profile);
      tmp = dst->applications;
      dst->applications = src->applications;
      src->applications = tmp;
      tmp = dst->options;
      dst->options = src->options;
      src->options = tmp;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * df */

static gboolean
parse_df_totals (KdccJson   *ctx,
                 JsonObject *stats,
                 const char *where,
                 guint64    *total,
                 guint64    *used,
                 guint64    *avail)
{
  /* "Used" here is raw use, as in the status pgmap's bytes_used; only
   * releases before Nautilus lack total_used_raw_bytes. */
  const char *used_member = json_object_has_member (stats, "total_used_raw_bytes")
                            ? "total_used_raw_bytes" : "total_used_bytes";

  return kdcc_json_get_uint (ctx, stats, where, "total_bytes", TRUE, total)
         && kdcc_json_get_uint (ctx, stats, where, used_member, TRUE, used)
         && kdcc_json_get_uint (ctx, stats, where, "total_avail_bytes", TRUE, avail);
}

gboolean
kdcc_ceph_parse_df (KdccSnapshot  *snap,
                    const char    *json,
                    gssize         length,
                    GError       **error)
{
  KdccJson ctx_data = { "df", KDCC_JSON_LENIENT, error };
  KdccJson *ctx = &ctx_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KdccSnapshot) scratch = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GList) class_names = NULL;
  JsonObject *obj;
  JsonObject *stats = NULL;
  JsonObject *by_class = NULL;
  JsonArray *pools = NULL;
  guint64 total = 0, used = 0, avail = 0;
  guint n;

  g_return_val_if_fail (snap != NULL, FALSE);

  if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
    return FALSE;
  obj = json_node_get_object (root);

  if (!kdcc_json_get_object (ctx, obj, NULL, "stats", TRUE, &stats)
      || !parse_df_totals (ctx, stats, "stats", &total, &used, &avail)
      || !kdcc_json_get_object (ctx, obj, NULL, "stats_by_class", FALSE, &by_class)
      || !kdcc_json_get_array (ctx, obj, NULL, "pools", FALSE, &pools))
    return FALSE;

  classes = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_class_capacity_data_free);
  if (by_class != NULL)
    class_names = json_object_get_members (by_class);
  for (const GList *l = class_names; l != NULL; l = l->next)
    {
      KdccClassCapacityData *cls = kdcc_class_capacity_data_new (l->data);
      char where[KDCC_JSON_PATH_SIZE];
      JsonObject *cls_obj = NULL;

      g_ptr_array_add (classes, cls);
      kdcc_json_path (where, "stats_by_class", l->data);
      if (!kdcc_json_get_object (ctx, by_class, "stats_by_class", l->data, TRUE, &cls_obj)
          || !parse_df_totals (ctx, cls_obj, where, &cls->total_bytes, &cls->used_bytes,
                               &cls->avail_bytes))
        return FALSE;
    }

  scratch = kdcc_snapshot_new ();
  n = pools != NULL ? json_array_get_length (pools) : 0;
  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      char stats_path[KDCC_JSON_PATH_SIZE];
      JsonObject *pool_obj;
      JsonObject *pool_stats = NULL;
      const char *name = NULL;
      KdccPoolData *pool;
      gint64 id = 0;

      if (!kdcc_json_element_object (ctx, pools, i, "pools", where, &pool_obj)
          || !kdcc_json_get_int (ctx, pool_obj, where, "id", TRUE, &id)
          || !kdcc_json_get_string (ctx, pool_obj, where, "name", FALSE, &name)
          || !kdcc_json_get_object (ctx, pool_obj, where, "stats", TRUE, &pool_stats))
        return FALSE;

      kdcc_json_path (stats_path, where, "stats");
      pool = kdcc_snapshot_ensure_pool (scratch, id);
      g_free (pool->name);
      pool->name = g_strdup (name);
      /* Before Nautilus there was no "stored", only "bytes_used". */
      if (!kdcc_json_get_uint (ctx, pool_stats, stats_path,
                               json_object_has_member (pool_stats, "stored") ? "stored"
                                                                             : "bytes_used",
                               TRUE, &pool->stored_bytes)
          || !kdcc_json_get_uint (ctx, pool_stats, stats_path, "max_avail", FALSE,
                                  &pool->max_avail_bytes)
          || !kdcc_json_get_double (ctx, pool_stats, stats_path, "percent_used", FALSE,
                                    &pool->percent_used)
          || !kdcc_json_get_uint (ctx, pool_stats, stats_path, "objects", FALSE, &pool->objects))
        return FALSE;
      /* Ceph writes a 0..1 ratio under this name. */
      pool->percent_used = CLAMP (pool->percent_used * 100.0, 0.0, 100.0);
      pool->has_usage = TRUE;
    }

  snap->total_bytes = total;
  snap->used_bytes = used;
  snap->avail_bytes = avail;
  _kdcc_ceph_replace_ptr_array (&snap->classes, &classes);

  for (guint i = 0; scratch->pools != NULL && i < scratch->pools->len; i++)
    {
      KdccPoolData *src = g_ptr_array_index (scratch->pools, i);
      KdccPoolData *dst = kdcc_snapshot_ensure_pool (snap, src->id);

      if (dst->name == NULL)
        _kdcc_ceph_replace_string (&dst->name, &src->name);
      dst->has_usage = TRUE;
      dst->stored_bytes = src->stored_bytes;
      dst->max_avail_bytes = src->max_avail_bytes;
      dst->percent_used = src->percent_used;
      dst->objects = src->objects;
    }
  return TRUE;
}
