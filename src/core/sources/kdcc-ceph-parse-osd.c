/* kdcc-ceph-parse-osd.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers of the OSD maps: `osd tree` and `osd df`.
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include <string.h>

#include "kdcc-ceph-parse-private.h"
#include "kdcc-json-scan.h"

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

/* ------------------------------------------------------------------------
 * The same two parsers on the scanner (kdcc-json-scan.h): one pass over
 * the text, no tree. They fill the scratch snapshot exactly as the
 * json-glib readers above do, or give up (FALSE) and leave the text to
 * them, so every error message still comes from one place. */

static gint scanner_disabled;
static guint scanner_hits;

guint
_kdcc_ceph_parse_scanner_hits (void)
{
  return g_atomic_int_get (&scanner_hits);
}

void
_kdcc_ceph_parse_set_scanner (gboolean enabled)
{
  g_atomic_int_set (&scanner_disabled, !enabled);
}

gboolean
_kdcc_ceph_parse_get_scanner (void)
{
  return !g_atomic_int_get (&scanner_disabled);
}

typedef struct
{
  const char        *name;
  gsize              len;
} ScanKey;

/* The value slots of one node, indexed like the key table. */
static gboolean
scan_node (KdccJsonScan       *scan,
           const ScanKey      *keys,
           guint               n_keys,
           KdccJsonScanValue  *values,
           int                 list_key,
           GArray             *list,
           gboolean           *has_list)
{
  const char *key;
  gsize key_len;

  memset (values, 0, n_keys * sizeof *values);
  *has_list = FALSE;
  if (list != NULL)
    g_array_set_size (list, 0);
  if (kdcc_json_scan_peek (scan) != '{' || !kdcc_json_scan_object_begin (scan))
    return FALSE;
  while (kdcc_json_scan_object_next (scan, &key, &key_len))
    {
      int found = -1;

      for (guint k = 0; k < n_keys; k++)
        if (keys[k].len == key_len && memcmp (keys[k].name, key, key_len) == 0)
          {
            found = k;
            break;
          }
      if (found >= 0 && found == list_key)
        {
          char c = kdcc_json_scan_peek (scan);

          /* A list of whole numbers (a host's children), read once. */
          if (*has_list || c == 'n')
            return FALSE;
          if (!kdcc_json_scan_array_begin (scan))
            return FALSE;
          *has_list = TRUE;
          while (kdcc_json_scan_array_next (scan))
            {
              KdccJsonScanValue v;
              gint64 child;

              if (!kdcc_json_scan_value (scan, &v)
                  || !kdcc_json_scan_whole (&v, -9223372036854775808.0, &child))
                return FALSE;
              g_array_append_val (list, child);
            }
          if (kdcc_json_scan_failed (scan))
            return FALSE;
          continue;
        }
      if (!kdcc_json_scan_value (scan, found >= 0 ? &values[found] : &(KdccJsonScanValue) { 0 }))
        return FALSE;
    }
  return !kdcc_json_scan_failed (scan);
}

/* A string slot: absent, or a string copied into BUF (NUL-terminated). */
static gboolean
scan_string_or_absent (const KdccJsonScanValue *value)
{
  return value->kind == KDCC_JSON_SCAN_ABSENT || value->kind == KDCC_JSON_SCAN_STRING;
}

static char *
scan_dup (const KdccJsonScanValue *value)
{
  return value->kind == KDCC_JSON_SCAN_STRING ? g_strndup (value->str, value->len) : NULL;
}

static gboolean
scan_double_opt (const KdccJsonScanValue *value,
                 double                  *out)
{
  return value->kind == KDCC_JSON_SCAN_ABSENT || kdcc_json_scan_double (value, out);
}

#define MIN_INT64 (-9223372036854775808.0)

enum { T_ID, T_TYPE, T_NAME, T_CLASS, T_STATUS, T_EXISTS, T_REWEIGHT, T_CRUSH_WEIGHT,
       T_PRIMARY_AFFINITY, T_CHILDREN, N_T };

static const ScanKey tree_keys[N_T] = {
  { "id", 2 }, { "type", 4 }, { "name", 4 }, { "device_class", 12 }, { "status", 6 },
  { "exists", 6 }, { "reweight", 8 }, { "crush_weight", 12 }, { "primary_affinity", 16 },
  { "children", 8 },
};

static gboolean
scan_tree_node (KdccJsonScan *scan,
                KdccSnapshot *scratch,
                GHashTable   *host_of,
                GArray       *children)
{
  KdccJsonScanValue v[N_T];
  gboolean has_children;
  gint64 id;

  if (!scan_node (scan, tree_keys, N_T, v, T_CHILDREN, children, &has_children)
      || !kdcc_json_scan_whole (&v[T_ID], MIN_INT64, &id)
      || !scan_string_or_absent (&v[T_TYPE]) || !scan_string_or_absent (&v[T_NAME]))
    return FALSE;

  if (id >= 0
      && (v[T_TYPE].kind == KDCC_JSON_SCAN_ABSENT || kdcc_json_scan_str_is (&v[T_TYPE], "osd")))
    {
      KdccOsdData *osd;
      gboolean exists = TRUE;
      double reweight = 0, crush_weight = 0, primary_affinity = 0;

      if (!scan_string_or_absent (&v[T_CLASS]) || !scan_string_or_absent (&v[T_STATUS])
          || (v[T_EXISTS].kind != KDCC_JSON_SCAN_ABSENT
              && !kdcc_json_scan_bool (&v[T_EXISTS], &exists))
          || !scan_double_opt (&v[T_REWEIGHT], &reweight)
          || !scan_double_opt (&v[T_CRUSH_WEIGHT], &crush_weight)
          || !scan_double_opt (&v[T_PRIMARY_AFFINITY], &primary_affinity))
        return FALSE;

      osd = kdcc_snapshot_ensure_osd (scratch, id);
      if (v[T_EXISTS].kind != KDCC_JSON_SCAN_ABSENT)
        osd->exists = exists;
      if (v[T_REWEIGHT].kind != KDCC_JSON_SCAN_ABSENT)
        osd->reweight = reweight;
      if (v[T_CRUSH_WEIGHT].kind != KDCC_JSON_SCAN_ABSENT)
        osd->crush_weight = crush_weight;
      if (v[T_PRIMARY_AFFINITY].kind != KDCC_JSON_SCAN_ABSENT)
        osd->primary_affinity = primary_affinity;
      if (v[T_NAME].kind == KDCC_JSON_SCAN_STRING)
        {
          g_free (osd->name);
          osd->name = scan_dup (&v[T_NAME]);
        }
      g_free (osd->device_class);
      osd->device_class = scan_dup (&v[T_CLASS]);
      osd->up = kdcc_json_scan_str_is (&v[T_STATUS], "up");
      osd->in = osd->reweight > 0;
      return TRUE;
    }

  if (kdcc_json_scan_str_is (&v[T_TYPE], "host"))
    {
      g_autofree char *name = NULL;
      KdccHostData *host;

      if (v[T_NAME].kind != KDCC_JSON_SCAN_STRING)
        return FALSE;
      name = scan_dup (&v[T_NAME]);
      host = kdcc_snapshot_ensure_host (scratch, name);
      for (guint i = 0; has_children && i < children->len; i++)
        {
          gint64 child = g_array_index (children, gint64, i);

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

enum { D_ID, D_TYPE, D_CLASS, D_KB, D_KB_USED, D_KB_AVAIL, D_UTILIZATION, D_PGS,
       D_CRUSH_WEIGHT, D_REWEIGHT, N_D };

static const ScanKey df_keys[N_D] = {
  { "id", 2 }, { "type", 4 }, { "device_class", 12 }, { "kb", 2 }, { "kb_used", 7 },
  { "kb_avail", 8 }, { "utilization", 11 }, { "pgs", 3 }, { "crush_weight", 12 },
  { "reweight", 8 },
};

static gboolean
scan_df_node (KdccJsonScan *scan,
              KdccSnapshot *scratch,
              GHashTable   *unused,
              GArray       *unused_list)
{
  KdccJsonScanValue v[N_D];
  gboolean has_list;
  gint64 id, kb, kb_used, kb_avail, pgs = 0;
  double utilization = 0, crush_weight = 0, reweight = 0;
  KdccOsdData *osd;

  if (!scan_node (scan, df_keys, N_D, v, -1, NULL, &has_list)
      || !kdcc_json_scan_whole (&v[D_ID], MIN_INT64, &id)
      || !scan_string_or_absent (&v[D_TYPE]))
    return FALSE;
  if (id < 0
      || (v[D_TYPE].kind == KDCC_JSON_SCAN_STRING && !kdcc_json_scan_str_is (&v[D_TYPE], "osd")))
    return TRUE;

  if (!scan_string_or_absent (&v[D_CLASS])
      || !kdcc_json_scan_whole (&v[D_KB], 0, &kb)
      || !kdcc_json_scan_whole (&v[D_KB_USED], 0, &kb_used)
      || !kdcc_json_scan_whole (&v[D_KB_AVAIL], 0, &kb_avail)
      || !scan_double_opt (&v[D_UTILIZATION], &utilization)
      || (v[D_PGS].kind != KDCC_JSON_SCAN_ABSENT
          && !kdcc_json_scan_whole (&v[D_PGS], MIN_INT64, &pgs))
      || !scan_double_opt (&v[D_CRUSH_WEIGHT], &crush_weight)
      || !scan_double_opt (&v[D_REWEIGHT], &reweight)
      || (guint64) kb > G_MAXUINT64 / 1024 || (guint64) kb_used > G_MAXUINT64 / 1024
      || (guint64) kb_avail > G_MAXUINT64 / 1024)
    return FALSE;

  osd = kdcc_snapshot_ensure_osd (scratch, id);
  if (v[D_UTILIZATION].kind != KDCC_JSON_SCAN_ABSENT)
    osd->utilization = utilization;
  if (v[D_PGS].kind != KDCC_JSON_SCAN_ABSENT)
    osd->pgs = pgs;
  if (v[D_CRUSH_WEIGHT].kind != KDCC_JSON_SCAN_ABSENT)
    osd->crush_weight = crush_weight;
  if (v[D_REWEIGHT].kind != KDCC_JSON_SCAN_ABSENT)
    osd->reweight = reweight;
  osd->total_bytes = (guint64) kb * 1024;
  osd->used_bytes = (guint64) kb_used * 1024;
  osd->avail_bytes = (guint64) kb_avail * 1024;
  g_free (osd->device_class);
  osd->device_class = scan_dup (&v[D_CLASS]);
  osd->utilization = CLAMP (osd->utilization, 0.0, 100.0);
  osd->has_usage = TRUE;
  return TRUE;
}

typedef gboolean (*ScanNodeFunc) (KdccJsonScan *scan,
                                  KdccSnapshot *scratch,
                                  GHashTable   *host_of,
                                  GArray       *list);

/* The document's "nodes" then "stray" lists, each node through SCAN_NODE.
 * Ceph writes "nodes" first and each once; any other order or a repeated
 * member is left to json-glib, which reads "nodes" before "stray" (the
 * order in which OSDs enter the snapshot) whatever the text's order. */
static gboolean
scan_nodes_document (const char   *json,
                     gssize        length,
                     ScanNodeFunc  scan_one,
                     KdccSnapshot *scratch,
                     GHashTable   *host_of)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (gint64));
  KdccJsonScan scan;
  gboolean seen_nodes = FALSE, seen_stray = FALSE;
  const char *key;
  gsize key_len;

  if (json == NULL || !_kdcc_ceph_parse_get_scanner ())
    return FALSE;
  kdcc_json_scan_init (&scan, json, length < 0 ? strlen (json) : (gsize) length);
  if (!kdcc_json_scan_object_begin (&scan))
    return FALSE;
  while (kdcc_json_scan_object_next (&scan, &key, &key_len))
    {
      gboolean is_nodes = kdcc_json_scan_key_is (key, key_len, "nodes");
      gboolean is_stray = kdcc_json_scan_key_is (key, key_len, "stray");

      if (!is_nodes && !is_stray)
        {
          if (!kdcc_json_scan_skip (&scan))
            return FALSE;
          continue;
        }
      if (seen_stray || (is_nodes && seen_nodes) || (is_stray && !seen_nodes))
        return FALSE;
      seen_nodes = TRUE;
      seen_stray = is_stray;
      /* "nodes" is required, "stray" may be null. */
      if (is_stray && kdcc_json_scan_peek (&scan) == 'n')
        {
          if (!kdcc_json_scan_skip (&scan))
            return FALSE;
          continue;
        }
      if (kdcc_json_scan_peek (&scan) != '[' || !kdcc_json_scan_array_begin (&scan))
        return FALSE;
      while (kdcc_json_scan_array_next (&scan))
        if (!scan_one (&scan, scratch, host_of, list))
          return FALSE;
      if (kdcc_json_scan_failed (&scan))
        return FALSE;
    }
  if (!seen_nodes || !kdcc_json_scan_at_end (&scan))
    return FALSE;
  g_atomic_int_inc (&scanner_hits);
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

  scratch = kdcc_snapshot_new ();
  /* OSD id -> name of the first host bucket listing it (owned by scratch). */
  host_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!scan_nodes_document (json, length, scan_tree_node, scratch, host_of))
    {
      /* Not plain enough for the scanner: json-glib decides. */
      g_clear_pointer (&host_of, g_hash_table_unref);
      g_clear_pointer (&scratch, kdcc_snapshot_unref);
      scratch = kdcc_snapshot_new ();
      host_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
        return FALSE;
      obj = json_node_get_object (root);
      if (!parse_tree_nodes (ctx, obj, "nodes", TRUE, scratch, host_of)
          || !parse_tree_nodes (ctx, obj, "stray", FALSE, scratch, host_of))
        return FALSE;
    }

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

  scratch = kdcc_snapshot_new ();
  if (!scan_nodes_document (json, length, scan_df_node, scratch, NULL))
    {
      /* Not plain enough for the scanner: json-glib decides. */
      g_clear_pointer (&scratch, kdcc_snapshot_unref);
      scratch = kdcc_snapshot_new ();
      if (!(root = kdcc_json_load_root (ctx->source, json, length, JSON_NODE_OBJECT, error)))
        return FALSE;
      obj = json_node_get_object (root);
      if (!parse_df_nodes (ctx, obj, "nodes", TRUE, scratch)
          || !parse_df_nodes (ctx, obj, "stray", FALSE, scratch))
        return FALSE;
    }

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
