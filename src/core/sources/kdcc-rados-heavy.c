/* kdcc-rados-heavy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-rados-source"

#include "config.h"

#include "kdcc-ceph-parse.h"
#include "kdcc-error.h"
#include "kdcc-rados-source-private.h"

typedef gboolean (*ParseFunc) (KdccSnapshot *snap, const char *json, gssize length,
                               GError **error);

static gboolean
parse_answer (ParseFunc      parse,
              KdccSnapshot  *snap,
              GBytes        *bytes,
              GError       **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  return parse (snap, data, len, error);
}

static gboolean
fetch_into (KdccRadosSource  *self,
            RadosConn        *conn,
            KdccSnapshot     *snap,
            const char       *json,
            const char       *label,
            ParseFunc         parse,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GBytes) bytes = _kdcc_rados_command_run (self, conn, "mon", json, label, NULL,
                                                     cancellable, error);

  return bytes != NULL && parse_answer (parse, snap, bytes, error);
}

/* The heavy part: osd tree, osd pool ls detail, df and the EC profiles on
 * the mon, while osd df, osd perf, osd pool stats, fs status and the PG
 * list (mgr commands) run beside them, osd tree and each mgr command on a
 * thread of its own, started (_kdcc_rados_heavy_start_*) before the small
 * mon commands of the same refresh; the answers are parsed once, in order,
 * into SNAP (_kdcc_rados_heavy_finish). */
void
_kdcc_rados_heavy_clear (HeavyFetch *h)
{
  g_clear_pointer (&h->mgr, _kdcc_rados_mgr_batch_free);
  g_clear_pointer (&h->pgs, _kdcc_rados_mgr_batch_free);
  g_clear_pointer (&h->tree, _kdcc_rados_mgr_batch_free);
}

/* osd tree, the largest mon answer, beside the small ones. */
void
_kdcc_rados_heavy_start_tree (KdccRadosSource *self,
                              RadosConn       *conn,
                              HeavyFetch      *h,
                              GCancellable    *cancellable)
{
  static const char * const tree_command[] = {
    "{\"prefix\":\"osd tree\",\"format\":\"json\"}", NULL
  };

  g_return_if_fail (h->tree == NULL);
  h->tree = _kdcc_rados_batch_start (self, conn, "mon", tree_command, cancellable);
}

/* The mgr's figures: osd df, osd perf, osd pool stats and, when FS_DUE,
 * fs status; nothing without a mgr (MGR_OK FALSE). */
void
_kdcc_rados_heavy_start_mgr (KdccRadosSource *self,
                             RadosConn       *conn,
                             gboolean         mgr_ok,
                             gboolean         fs_due,
                             HeavyFetch      *h,
                             GCancellable    *cancellable)
{
  guint n = 0;

  g_return_if_fail (h->mgr == NULL);
  for (guint i = 0; i < N_MGR; i++)
    h->slot[i] = -1;
  if (!mgr_ok)
    return;
  h->slot[MGR_OSD_DF] = n;
  h->commands[n++] = "{\"prefix\":\"osd df\",\"format\":\"json\"}";
  h->slot[MGR_OSD_PERF] = n;
  h->commands[n++] = "{\"prefix\":\"osd perf\",\"format\":\"json\"}";
  h->slot[MGR_POOL_STATS] = n;
  h->commands[n++] = "{\"prefix\":\"osd pool stats\",\"format\":\"json\"}";
  if (fs_due)
    {
      h->slot[MGR_FS_STATUS] = n;
      h->commands[n++] = "{\"prefix\":\"fs status\",\"format\":\"json\"}";
    }
  h->commands[n] = NULL;
  h->mgr = _kdcc_rados_mgr_batch_start (self, conn, h->commands, cancellable);
}

/* The PG list, once status has said how many PGs there are (its command
 * depends on it); after _kdcc_rados_heavy_start_mgr(). */
void
_kdcc_rados_heavy_start_pgs (KdccRadosSource *self,
                             RadosConn       *conn,
                             gint64           pgs_total,
                             HeavyFetch      *h,
                             GCancellable    *cancellable)
{
  const char *commands[2] = { _kdcc_rados_pg_list_command (pgs_total), NULL };

  g_return_if_fail (h->pgs == NULL && h->mgr != NULL);
  h->pgs_command = commands[0];
  h->slot[MGR_PG_LIST] = 0;
  h->pgs = _kdcc_rados_mgr_batch_start (self, conn, commands, cancellable);
}

gboolean
_kdcc_rados_heavy_finish (KdccRadosSource  *self,
                          RadosConn        *conn,
                          KdccSnapshot     *snap,
                          gint64            mgrmap_epoch,
                          HeavyFetch       *h,
                          gboolean         *usage_ok,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(GHashTable) profiles = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;

  if (!fetch_into (self, conn, snap,
                   "{\"prefix\":\"osd pool ls\",\"detail\":\"detail\",\"format\":\"json\"}",
                   "osd pool ls detail", kdcc_ceph_parse_osd_pool_ls_detail, cancellable, error)
      || !fetch_into (self, conn, snap, "{\"prefix\":\"df\",\"format\":\"json\"}", "df",
                      kdcc_ceph_parse_df, cancellable, error))
    ok = FALSE;

  /* The EC profiles of the pools that use one: a handful at most. */
  for (guint i = 0; ok && snap->pools != NULL && i < snap->pools->len; i++)
    {
      KdccPoolData *pool = g_ptr_array_index (snap->pools, i);
      g_autofree char *json = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(JsonNode) name = NULL;
      g_autofree char *quoted = NULL;
      gsize len = 0;
      const char *data;

      if (pool->erasure_code_profile == NULL
          || g_hash_table_contains (profiles, pool->erasure_code_profile))
        continue;
      g_hash_table_add (profiles, pool->erasure_code_profile);
      name = json_node_init_string (json_node_alloc (), pool->erasure_code_profile);
      quoted = json_to_string (name, FALSE);
      json = g_strdup_printf ("{\"prefix\":\"osd erasure-code-profile get\",\"name\":%s,"
                              "\"format\":\"json\"}", quoted);
      bytes = _kdcc_rados_command_run (self, conn, "mon", json, "osd erasure-code-profile get",
                                       NULL, cancellable, error);
      data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;
      ok = bytes != NULL
           && kdcc_ceph_parse_ec_profile (snap, pool->erasure_code_profile, data, len, error);
    }

  _kdcc_rados_mgr_batch_join (h->tree);
  if (ok)
    {
      g_autoptr(GBytes) bytes = _kdcc_rados_mgr_batch_take (h->tree, 0, error);

      ok = bytes != NULL && parse_answer (kdcc_ceph_parse_osd_tree, snap, bytes, error);
    }

  if (h->mgr != NULL)
    _kdcc_rados_mgr_batch_join (h->mgr);
  if (h->pgs != NULL)
    _kdcc_rados_mgr_batch_join (h->pgs);

  if (ok && h->mgr != NULL)
    {
      static const struct { guint which; ParseFunc parse; } parsers[] = {
        { MGR_OSD_DF, kdcc_ceph_parse_osd_df },
        { MGR_OSD_PERF, kdcc_ceph_parse_osd_perf },
        { MGR_POOL_STATS, kdcc_ceph_parse_osd_pool_stats },
        { MGR_FS_STATUS, kdcc_ceph_parse_fs_status },
      };

      for (guint i = 0; ok && i < G_N_ELEMENTS (parsers) + 1; i++)
        {
          guint which = i < G_N_ELEMENTS (parsers) ? parsers[i].which : MGR_PG_LIST;
          g_autoptr(GError) mgr_error = NULL;
          g_autoptr(GBytes) bytes = NULL;

          if (h->slot[which] < 0)
            continue;
          bytes = _kdcc_rados_mgr_batch_take (which == MGR_PG_LIST ? h->pgs : h->mgr,
                                              h->slot[which], &mgr_error);
          if (bytes != NULL)
            {
              if (which == MGR_PG_LIST)
                ok = _kdcc_rados_take_pg_list (self, snap, bytes, error);
              else if (which == MGR_FS_STATUS)
                {
                  /* Client counts go to the cached filesystems. */
                  ok = parse_answer (parsers[i].parse, self->drill, bytes, error);
                  self->fs_status_done = ok;
                }
              else
                ok = parse_answer (parsers[i].parse, snap, bytes, error);
              continue;
            }
          if (g_error_matches (mgr_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&mgr_error));
              ok = FALSE;
              continue;
            }
          /* The snapshot is still good without the mgr's figures. */
          g_message ("Skipping %s: %s",
                     which == MGR_PG_LIST ? h->pgs_command : h->commands[h->slot[which]],
                     mgr_error->message);
          if (which == MGR_OSD_DF)
            {
              self->mgr_failed_epoch = mgrmap_epoch;
              *usage_ok = FALSE;
            }
          kdcc_snapshot_set_missing (snap, which == MGR_OSD_DF ? KDCC_MODEL_PART_OSD_USAGE
                                           : which == MGR_OSD_PERF ? KDCC_MODEL_PART_OSD_LATENCY
                                           : which == MGR_POOL_STATS ? KDCC_MODEL_PART_POOL_IO
                                           : which == MGR_FS_STATUS ? KDCC_MODEL_PART_FILESYSTEMS
                                           : KDCC_MODEL_PART_PG_LIST,
                                     mgr_error->message);
        }
    }
  _kdcc_rados_heavy_clear (h);
  return ok;
}

/* `fs status` only gives the filesystems' client counts, and at 10,000
 * OSDs it is the slowest command of a refresh (about 300 ms: the mgr's
 * status module reads the whole osdmap for it), slower than osd df and
 * osd tree together. So the first full fetch of a connection leaves it
 * out (the counts are unknown, -1, until then) and the next fetch, heavy
 * or not, reads it; after that it comes with every heavy fetch. */
gboolean
_kdcc_rados_fs_status_due (KdccRadosSource *self,
                           gboolean         heavy)
{
  if (self->drill == NULL || self->drill->filesystems == NULL
      || self->drill->filesystems->len == 0 || self->full_fetches == 0)
    return FALSE;
  return heavy || !self->fs_status_done;
}
