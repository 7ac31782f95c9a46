/* kdcc-ceph-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the parsers of Ceph's JSON share. The parsers themselves live one
 * file per map family: kdcc-ceph-parse-status.c (status, health detail),
 * kdcc-ceph-parse-daemons.c (versions, mon and mgr maps),
 * kdcc-ceph-parse-osd.c (osd tree, osd df) and kdcc-ceph-parse-pools.c
 * (osd pool ls detail, df).
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include "kdcc-ceph-parse-private.h"

/* A list of strings, e.g. quorum_names, into OUT. */
gboolean
_kdcc_ceph_read_string_list (KdccJson   *ctx,
                             JsonArray  *array,
                             const char *array_path,
                             GPtrArray  *out)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      char where[KDCC_JSON_PATH_SIZE];
      const char *str = NULL;

      g_snprintf (where, KDCC_JSON_PATH_SIZE, "%s[%u]", array_path, i);
      if (!kdcc_json_node_get_string (ctx, json_array_get_element (array, i), where, NULL, &str))
        return FALSE;
      g_ptr_array_add (out, g_strdup (str));
    }
  return TRUE;
}

gint64
kdcc_ceph_parse_epoch (const char *json,
                       gssize      length)
{
  g_autoptr(JsonNode) root = kdcc_json_load_root ("epoch", json, length, JSON_NODE_OBJECT, NULL);
  KdccJson ctx = { "epoch", KDCC_JSON_LENIENT, NULL };
  gint64 epoch = -1;

  if (root == NULL ||
      !kdcc_json_get_int (&ctx, json_node_get_object (root), NULL, "epoch", TRUE, &epoch))
    return -1;
  return epoch;
}
