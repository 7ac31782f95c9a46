/* kdcc-ceph-parse-scrub.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-ceph-parse"

#include "config.h"

#include "kdcc-ceph-parse-scrub.h"
#include "kdcc-json.h"

static gboolean
has_word (const char *list,
          const char *word)
{
  g_auto(GStrv) words = g_strsplit (list != NULL ? list : "", ",", -1);

  return g_strv_contains ((const char * const *) words, word);
}

gboolean
kdcc_ceph_parse_scrub_flags (const char  *json,
                             gssize       length,
                             gboolean    *noscrub,
                             gboolean    *nodeep_scrub,
                             GArray     **pools_noscrub,
                             GArray     **pools_nodeep,
                             GError     **error)
{
  g_autoptr(JsonNode) root = kdcc_json_load_root ("osd dump", json, length, JSON_NODE_OBJECT,
                                                  error);
  g_autoptr(GArray) no = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) nodeep = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonObject *obj;
  JsonArray *pools;
  const char *flags;

  if (root == NULL)
    return FALSE;
  obj = json_node_get_object (root);
  flags = kdcc_json_find_string (obj, "flags");
  *noscrub = has_word (flags, "noscrub");
  *nodeep_scrub = has_word (flags, "nodeep-scrub");

  pools = kdcc_json_find_array (obj, "pools");
  for (guint i = 0; pools != NULL && i < json_array_get_length (pools); i++)
    {
      JsonObject *pool = kdcc_json_as_object (json_array_get_element (pools, i));
      gint64 id;

      if (pool == NULL)
        continue;
      id = (gint64) kdcc_json_find_number (pool, "pool", -1);
      if (id < 0)
        continue;
      if (has_word (kdcc_json_find_string (pool, "flags_names"), "noscrub"))
        g_array_append_val (no, id);
      if (has_word (kdcc_json_find_string (pool, "flags_names"), "nodeep-scrub"))
        g_array_append_val (nodeep, id);
    }
  *pools_noscrub = g_steal_pointer (&no);
  *pools_nodeep = g_steal_pointer (&nodeep);
  return TRUE;
}
