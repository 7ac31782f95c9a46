/* kdcc-dashboard-parse-drill.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-dashboard-parse"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kdcc-ceph-parse.h"
#include "kdcc-dashboard-parse-private.h"

/* /api/health/full carries Ceph's own maps: mgr_map is `mgr dump` and
 * fs_map is `fs dump`, so their parsers serve both transports. mon_status
 * is the local mon's view: its monmap and the ranks in quorum. */

static gboolean
parse_member_with (KdccJson     *r,
                   KdccSnapshot *snapshot,
                   JsonObject   *root,
                   const char   *member,
                   gboolean    (*parse) (KdccSnapshot *, const char *, gssize, GError **))
{
  JsonNode *node = json_object_get_member (root, member);
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  text = json_to_string (node, FALSE);
  if (!parse (snapshot, text, -1, r->error))
    {
      g_prefix_error (r->error, "%s: ", r->source);
      return FALSE;
    }
  return TRUE;
}

static void
parse_mons (KdccSnapshot *snapshot,
            JsonObject   *root)
{
  JsonObject *status = kdcc_json_find_object (root, "mon_status");
  JsonObject *monmap = status != NULL ? kdcc_json_find_object (status, "monmap") : NULL;
  JsonArray *mons = monmap != NULL ? kdcc_json_find_array (monmap, "mons") : NULL;
  JsonArray *quorum = status != NULL ? kdcc_json_find_array (status, "quorum") : NULL;
  gint64 leader_rank = G_MAXINT64;

  if (mons == NULL)
    return;
  if (snapshot->daemons == NULL)
    snapshot->daemons = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_daemon_data_free);

  /* With Ceph's classic and disallow election strategies the leader is
   * the lowest rank in quorum; the connectivity strategy may pick
   * another, which mon_status does not say. */
  for (guint i = 0; quorum != NULL && i < json_array_get_length (quorum); i++)
    leader_rank = MIN (leader_rank, json_array_get_int_element (quorum, i));

  for (guint i = 0; i < json_array_get_length (mons); i++)
    {
      JsonObject *mon = kdcc_json_as_object (json_array_get_element (mons, i));
      const char *name = mon != NULL ? kdcc_json_find_string (mon, "name") : NULL;
      const char *addr = mon != NULL ? kdcc_json_find_string (mon, "public_addr") : NULL;
      KdccDaemonData *daemon;

      if (name == NULL)
        continue;
      daemon = kdcc_daemon_data_new ("mon", name);
      daemon->rank = (gint64) kdcc_json_find_number (mon, "rank", -1);
      for (guint q = 0; quorum != NULL && q < json_array_get_length (quorum); q++)
        daemon->in_quorum |= json_array_get_int_element (quorum, q) == daemon->rank;
      daemon->leader = daemon->in_quorum && daemon->rank == leader_rank;
      daemon->active = daemon->in_quorum;
      daemon->state = g_strdup (daemon->leader ? "leader"
                                : daemon->in_quorum ? "peon" : "out of quorum");
      if (addr != NULL)
        {
          const char *slash = strrchr (addr, '/');

          daemon->addr = slash != NULL ? g_strndup (addr, slash - addr) : g_strdup (addr);
        }
      g_ptr_array_add (snapshot->daemons, daemon);
    }
}

/* fs dump names pools by id; health/full's pools give their names. */
static void
name_fs_pools (KdccSnapshot *snapshot)
{
  for (guint i = 0; snapshot->filesystems != NULL && i < snapshot->filesystems->len; i++)
    {
      KdccFilesystemData *fs = g_ptr_array_index (snapshot->filesystems, i);
      GPtrArray *names[] = { NULL, fs->data_pools };
      g_autoptr(GPtrArray) meta = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (meta, g_steal_pointer (&fs->metadata_pool));
      names[0] = meta;
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        for (guint p = 0; p < names[n]->len; p++)
          {
            gint64 id = g_ascii_strtoll (g_ptr_array_index (names[n], p), NULL, 10);
            KdccPoolData *pool = snapshot->pool_index != NULL
                                 ? g_hash_table_lookup (snapshot->pool_index, &id) : NULL;

            if (pool != NULL && pool->name != NULL)
              {
                g_free (g_ptr_array_index (names[n], p));
                g_ptr_array_index (names[n], p) = g_strdup (pool->name);
              }
          }
      fs->metadata_pool = g_strdup (g_ptr_array_index (meta, 0));
    }
}

gboolean
_kdcc_dashboard_parse_drill (KdccJson     *r,
                             KdccSnapshot *snapshot,
                             JsonObject   *root)
{
  const char *no_commands = _("The Dashboard API runs no raw Ceph commands; connect directly "
                              "(librados) for this.");

  parse_mons (snapshot, root);
  if (!parse_member_with (r, snapshot, root, "mgr_map", kdcc_ceph_parse_mgr_services)
      || !parse_member_with (r, snapshot, root, "fs_map", kdcc_ceph_parse_fs_dump))
    return FALSE;
  name_fs_pools (snapshot);
  kdcc_ceph_merge_module_health (snapshot);
  /* The RGW daemons are only counted in health/full. */
  if (kdcc_json_find_number (root, "rgw", 0) > 0)
    kdcc_snapshot_set_missing (snapshot, KDCC_MODEL_PART_DAEMONS,
                               _("The Dashboard's health report counts the RGW daemons but "
                                 "does not list them."));

  kdcc_snapshot_set_missing (snapshot, KDCC_MODEL_PART_PG_LIST,
                             _("The Dashboard API has no list of placement groups."));
  kdcc_snapshot_set_missing (snapshot, KDCC_MODEL_PART_OSD_DETAIL, no_commands);
  kdcc_snapshot_set_missing (snapshot, KDCC_MODEL_PART_POOL_IO,
                             _("The Dashboard's health report has no per-pool client IO."));
  kdcc_snapshot_set_missing (snapshot, KDCC_MODEL_PART_EC_PROFILES, no_commands);
  kdcc_snapshot_set_missing (snapshot, KDCC_MODEL_PART_HOST_DAEMONS,
                             _("The Dashboard's health report does not say which daemons run "
                               "on which host."));
  return TRUE;
}
