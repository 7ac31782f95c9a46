/* kdcc-upgrade-headroom.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preflight's headroom check. A roll takes one failure domain down at
 * a time; if one goes down for real meanwhile (or stays down past the
 * down-out interval without noout), Ceph re-creates its copies on the
 * remaining domains. That must not push them past nearfull, so the check
 * computes total used / (total raw − the largest domain's raw) against
 * nearfull_ratio, per failure domain type the pools' rules use. With no
 * spare domain (fewer left than a pool's size) nothing can be recovered:
 * the PGs stay degraded until the domain is back, a risk the admin accepts
 * for the roll because noout keeps the data in place.
 */
#define G_LOG_DOMAIN "kdcc-upgrade"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kdcc-error.h"
#include "kdcc-format.h"
#include "kdcc-osd.h"
#include "kdcc-pool.h"
#include "kdcc-upgrade-headroom.h"
#include "kdcc-json.h"

struct _KdccCrushLayout
{
  GHashTable *rule_domains;  /* gint64 rule id → char * type */
  GHashTable *osd_buckets;   /* gint64 OSD id → GHashTable (type → bucket name) */
};

void
kdcc_crush_layout_free (KdccCrushLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->rule_domains, g_hash_table_unref);
  g_clear_pointer (&layout->osd_buckets, g_hash_table_unref);
  g_free (layout);
}

static JsonNode *
load (const char  *json,
      gssize       length,
      const char  *what,
      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL || !kdcc_json_parser_load (parser, "headroom", json, length, NULL)
      || json_parser_get_root (parser) == NULL)
    {
      /* TRANSLATORS: %s is a Ceph command, "osd tree" */
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s is not JSON"), what);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* The rule's failure domain: the type of its first choose step, which is
 * the largest unit its copies are spread across. A choose step without a
 * type picks devices directly. */
static void
parse_rules (KdccCrushLayout *layout,
             JsonArray       *rules)
{
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonNode *node = json_array_get_element (rules, i);
      JsonObject *rule;
      JsonArray *steps;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      rule = json_node_get_object (node);
      if (!json_object_has_member (rule, "rule_id") || !json_object_has_member (rule, "steps")
          || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (rule, "steps")))
        continue;
      steps = json_object_get_array_member (rule, "steps");
      for (guint j = 0; j < json_array_get_length (steps); j++)
        {
          JsonNode *step_node = json_array_get_element (steps, j);
          JsonObject *step;
          const char *op;

          if (!JSON_NODE_HOLDS_OBJECT (step_node))
            continue;
          step = json_node_get_object (step_node);
          op = json_object_get_string_member_with_default (step, "op", "");
          if (g_str_has_prefix (op, "choose"))
            {
              const char *type = json_object_get_string_member_with_default (step, "type", "osd");
              gint64 *id = g_new (gint64, 1);

              *id = json_object_get_int_member_with_default (rule, "rule_id", -1);
              g_hash_table_replace (layout->rule_domains, id, g_strdup (type));
              break;
            }
        }
    }
}

/* Every OSD's buckets by type, walking up from it through the parents
 * `osd tree` lists as children. */
static void
parse_tree (KdccCrushLayout *layout,
            JsonArray       *nodes)
{
  g_autoptr(GHashTable) parent = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *node = json_array_get_element (nodes, i);
      JsonObject *obj;
      gint64 *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      if (!json_object_has_member (obj, "id"))
        continue;
      id = g_new (gint64, 1);
      *id = json_object_get_int_member_with_default (obj, "id", 0);
      g_hash_table_replace (by_id, id, obj);
      if (json_object_has_member (obj, "children")
          && JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "children")))
        {
          JsonArray *children = json_object_get_array_member (obj, "children");

          for (guint j = 0; j < json_array_get_length (children); j++)
            {
              gint64 *child = g_new (gint64, 1);
              gint64 *up = g_new (gint64, 1);

              *child = json_array_get_int_element (children, j);
              *up = *id;
              g_hash_table_replace (parent, child, up);
            }
        }
    }

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *node = json_array_get_element (nodes, i);
      JsonObject *obj;
      GHashTable *buckets;
      gint64 *key;
      gint64 *up;
      const char *name;
      guint depth = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      obj = json_node_get_object (node);
      if (json_object_get_int_member_with_default (obj, "id", -1) < 0)
        continue;
      key = g_new (gint64, 1);
      *key = json_object_get_int_member (obj, "id");
      buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      name = json_object_get_string_member_with_default (obj, "name", "");
      g_hash_table_replace (buckets, g_strdup ("osd"), g_strdup (name));
      /* The depth bound keeps a cyclic (malformed) tree from looping. */
      for (up = g_hash_table_lookup (parent, key); up != NULL && depth < 64;
           up = g_hash_table_lookup (parent, up), depth++)
        {
          JsonObject *bucket = g_hash_table_lookup (by_id, up);
          const char *type;

          if (bucket == NULL)
            break;
          type = json_object_get_string_member_with_default (bucket, "type", NULL);
          name = json_object_get_string_member_with_default (bucket, "name", "");
          if (type != NULL && !g_hash_table_contains (buckets, type))
            g_hash_table_insert (buckets, g_strdup (type), g_strdup (name));
        }
      g_hash_table_replace (layout->osd_buckets, key, buckets);
    }
}

KdccCrushLayout *
kdcc_crush_layout_parse (const char  *rule_dump_json,
                         gssize       rule_dump_length,
                         const char  *osd_tree_json,
                         gssize       osd_tree_length,
                         GError     **error)
{
  g_autoptr(JsonNode) rules = load (rule_dump_json, rule_dump_length, "osd crush rule dump", error);
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(KdccCrushLayout) layout = NULL;
  JsonObject *tree_obj;

  if (rules == NULL)
    return NULL;
  tree = load (osd_tree_json, osd_tree_length, "osd tree", error);
  if (tree == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (rules))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s is not a JSON array"),
                   "osd crush rule dump");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (tree)
      || !json_object_has_member ((tree_obj = json_node_get_object (tree)), "nodes")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (tree_obj, "nodes")))
    {
      g_set_error (error, KDCC_ERROR, KDCC_ERROR_PARSE, _("%s has no list of nodes"), "osd tree");
      return NULL;
    }

  layout = g_new0 (KdccCrushLayout, 1);
  layout->rule_domains = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  layout->osd_buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_hash_table_unref);
  parse_rules (layout, json_node_get_array (rules));
  parse_tree (layout, json_object_get_array_member (tree_obj, "nodes"));
  return g_steal_pointer (&layout);
}

KdccCrushLayout *
kdcc_crush_layout_read (KdccSource    *source,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *status = NULL;
  g_autoptr(GBytes) rules = NULL;
  g_autoptr(GBytes) tree = NULL;
  gsize rules_size = 0, tree_size = 0;
  const char *rules_text, *tree_text;

  rules = kdcc_source_run_command_sync (source, "mon",
                                        "{\"prefix\":\"osd crush rule dump\",\"format\":\"json\"}",
                                        &status, cancellable, error);
  if (rules == NULL)
    return NULL;
  g_clear_pointer (&status, g_free);
  tree = kdcc_source_run_command_sync (source, "mon",
                                       "{\"prefix\":\"osd tree\",\"format\":\"json\"}",
                                       &status, cancellable, error);
  if (tree == NULL)
    return NULL;
  rules_text = g_bytes_get_data (rules, &rules_size);
  tree_text = g_bytes_get_data (tree, &tree_size);
  return kdcc_crush_layout_parse (rules_text, (gssize) rules_size, tree_text, (gssize) tree_size,
                                  error);
}

const char *
kdcc_crush_layout_rule_domain (const KdccCrushLayout *layout,
                               gint64                 rule_id)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return g_hash_table_lookup (layout->rule_domains, &rule_id);
}

const char *
kdcc_crush_layout_bucket_of (const KdccCrushLayout *layout,
                             gint64                 osd_id,
                             const char            *type)
{
  GHashTable *buckets;

  g_return_val_if_fail (layout != NULL, NULL);
  buckets = g_hash_table_lookup (layout->osd_buckets, &osd_id);
  return buckets != NULL ? g_hash_table_lookup (buckets, type) : NULL;
}

/* The check ------------------------------------------------------------------ */

/* The largest pool size per failure domain type, and which pool has it. */
typedef struct
{
  gint64      size;
  const char *pool;
} Need;

static char *
check_type (KdccCluster           *cluster,
            const KdccCrushLayout *layout,
            const char            *type,
            const Need            *need,
            double                 nearfull,
            KdccPreflightResult   *result)
{
  GListModel *osds = kdcc_cluster_get_osds (cluster);
  g_autoptr(GHashTable) domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint64 used = 0, raw = 0, largest_raw = 0;
  const char *largest = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n;

  for (guint i = 0; i < g_list_model_get_n_items (osds); i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);
      const char *bucket;
      guint64 *domain_raw;

      /* An OSD that is out holds no data and takes none. */
      if (!kdcc_osd_get_in (osd))
        continue;
      if (layout != NULL)
        bucket = kdcc_crush_layout_bucket_of (layout, kdcc_osd_get_id (osd), type);
      else
        bucket = g_str_equal (type, "osd") ? kdcc_osd_get_name (osd) : kdcc_osd_get_host (osd);
      if (bucket == NULL)
        continue;
      domain_raw = g_hash_table_lookup (domains, bucket);
      if (domain_raw == NULL)
        {
          domain_raw = g_new0 (guint64, 1);
          g_hash_table_insert (domains, g_strdup (bucket), domain_raw);
        }
      *domain_raw += kdcc_osd_get_total_bytes (osd);
      raw += kdcc_osd_get_total_bytes (osd);
      used += kdcc_osd_get_used_bytes (osd);
    }

  n = g_hash_table_size (domains);
  if (raw == 0)
    {
      *result = KDCC_PREFLIGHT_WARN;
      return g_strdup (_("The OSDs’ capacity is unknown on this connection: check `ceph osd df`"));
    }
  g_hash_table_iter_init (&iter, domains);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(guint64 *) value > largest_raw
        || (*(guint64 *) value == largest_raw && g_strcmp0 (key, largest) < 0))
      largest_raw = *(guint64 *) value, largest = key;

  if ((gint64) n - 1 < MAX (need->size, 1) || raw == largest_raw)
    {
      *result = KDCC_PREFLIGHT_WARN;
      if (need->pool != NULL)
        return g_strdup_printf (
          /* TRANSLATORS: "Without osd osd.2, 2 osd domains are left for pool rbd of size 3: ..." */
          _("Without %s %s, %u %s domains are left for pool %s of size %" G_GINT64_FORMAT ": its "
            "data has nowhere to be recovered to and its PGs stay degraded until it is back. The "
            "plan’s noout keeps the data in place: accept the reduced redundancy for the roll"),
          type, largest, n - 1, type, need->pool, need->size);
      return g_strdup_printf (
        _("Without %s %s, no other %s domain is left: its data has nowhere to be recovered to "
          "and its PGs stay degraded until it is back. The plan’s noout keeps the data in place: "
          "accept the reduced redundancy for the roll"), type, largest, type);
    }

  {
    guint64 left = raw - largest_raw;
    double fraction = (double) used / (double) left;
    g_autofree char *used_text = kdcc_format_size (used);
    g_autofree char *left_text = kdcc_format_size (left);
    g_autofree char *largest_text = kdcc_format_size (largest_raw);
    g_autofree char *percent = kdcc_format_percent (fraction);

    *result = fraction >= nearfull ? KDCC_PREFLIGHT_FAIL : KDCC_PREFLIGHT_PASS;
    if (*result == KDCC_PREFLIGHT_FAIL)
      return g_strdup_printf (
        /* TRANSLATORS: "Without host node2, the largest of 3 host domains (1.0 GiB raw), 1.2 GiB
         * used on the 2.0 GiB left is 60%: at or past the nearfull ratio 0.5" */
        _("Without %s %s, the largest of %u %s domains (%s raw), %s used on the %s left is %s: "
          "at or past the nearfull ratio %g"),
        type, largest, n, type, largest_text, used_text, left_text, percent, nearfull);
    return g_strdup_printf (
      _("Without %s %s, the largest of %u %s domains (%s raw), %s used on the %s left is %s: "
        "below the nearfull ratio %g"),
      type, largest, n, type, largest_text, used_text, left_text, percent, nearfull);
  }
}

KdccPreflightCheck *
kdcc_upgrade_check_headroom (KdccCluster           *cluster,
                             const KdccCrushLayout *layout,
                             double                 nearfull)
{
  GListModel *pools = kdcc_cluster_get_pools (cluster);
  g_autoptr(GHashTable) needs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autoptr(GList) types = NULL;
  KdccPreflightCheck *check = g_new0 (KdccPreflightCheck, 1);

  check->id = g_strdup ("headroom");
  check->title = g_strdup (_("Headroom to lose one failure domain"));
  check->result = KDCC_PREFLIGHT_PASS;

  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);
      const char *type = "host";
      Need *need;

      if (layout != NULL)
        type = kdcc_crush_layout_rule_domain (layout, kdcc_pool_get_crush_rule (pool));
      if (type == NULL)
        continue;
      need = g_hash_table_lookup (needs, type);
      if (need == NULL)
        {
          need = g_new0 (Need, 1);
          /* The type strings live in the layout or are static. */
          g_hash_table_insert (needs, (gpointer) type, need);
        }
      if (kdcc_pool_get_size (pool) > need->size)
        {
          need->size = kdcc_pool_get_size (pool);
          need->pool = kdcc_pool_get_name (pool);
        }
    }
  /* No pool (or none whose rule was read): the default rule's host. */
  if (g_hash_table_size (needs) == 0)
    g_hash_table_insert (needs, (gpointer) "host", g_new0 (Need, 1));

  types = g_list_sort (g_hash_table_get_keys (needs), (GCompareFunc) g_strcmp0);
  for (GList *l = types; l != NULL; l = l->next)
    {
      const char *type = l->data;
      KdccPreflightResult result;
      g_autofree char *reason = check_type (cluster, layout, type,
                                            g_hash_table_lookup (needs, type), nearfull, &result);

      if (result > check->result)
        check->result = result;
      g_string_append_printf (reasons, "%s%s", reasons->len > 0 ? "; " : "", reason);
    }

  if (layout == NULL)
    check->reason = g_strdup_printf (_("%s (CRUSH rules not read: host failure domains assumed)"),
                                     reasons->str);
  else
    check->reason = g_string_free (g_steal_pointer (&reasons), FALSE);
  return check;
}
