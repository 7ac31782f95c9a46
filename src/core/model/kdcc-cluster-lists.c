/* kdcc-cluster-lists.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-cluster"

#include "config.h"

#include "kdcc-cluster-private.h"
#include "kdcc-daemon.h"
#include "kdcc-filesystem.h"
#include "kdcc-host.h"
#include "kdcc-list-sync.h"
#include "kdcc-mgr-module.h"
#include "kdcc-model-private.h"
#include "kdcc-osd.h"
#include "kdcc-pg.h"
#include "kdcc-pool.h"

/* The cluster's GListModels, the lists of the drill-down pages (daemons,
 * mgr modules, filesystems, PGs) and what the connection could not fetch.
 * kdcc-cluster.c keeps the scalars and applies the first lists; this file
 * applies the rest through the same keyed list sync. */

GListModel *
kdcc_cluster_get_health_checks (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->checks);
}

GListModel *
kdcc_cluster_get_osds (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->osds);
}

guint
kdcc_cluster_get_osds_serial (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->osds_serial;
}

GListModel *
kdcc_cluster_get_pools (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->pools);
}

GListModel *
kdcc_cluster_get_hosts (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->hosts);
}

GListModel *
kdcc_cluster_get_pg_states (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->pg_states);
}

GListModel *
kdcc_cluster_get_daemons (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->daemons);
}

GListModel *
kdcc_cluster_get_mgr_modules (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->mgr_modules);
}

GListModel *
kdcc_cluster_get_filesystems (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->filesystems);
}

GListModel *
kdcc_cluster_get_pgs (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->pgs);
}

guint
kdcc_cluster_get_pgs_serial (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);

  return self->pgs_serial;
}

const guint *
kdcc_cluster_get_pgs_updated (KdccCluster *self,
                              guint       *n_positions)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (n_positions != NULL, NULL);

  *n_positions = self->pgs_updated != NULL ? self->pgs_updated->len : 0;
  return self->pgs_updated != NULL ? (const guint *) (gpointer) self->pgs_updated->data : NULL;
}

GListModel *
kdcc_cluster_get_problem_pgs (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return G_LIST_MODEL (self->problem_pgs);
}

void
kdcc_cluster_hold_pg_list (KdccCluster *self)
{
  g_return_if_fail (KDCC_IS_CLUSTER (self));

  if (self->pg_list_holds++ == 0)
    _kdcc_cluster_notify (self, "pg-list-wanted");
}

void
kdcc_cluster_release_pg_list (KdccCluster *self)
{
  g_return_if_fail (KDCC_IS_CLUSTER (self));
  g_return_if_fail (self->pg_list_holds > 0);

  if (--self->pg_list_holds == 0)
    _kdcc_cluster_notify (self, "pg-list-wanted");
}

gboolean
kdcc_cluster_get_has_status (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), FALSE);
  return self->has_status;
}

gboolean
kdcc_cluster_get_pg_list_wanted (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), FALSE);
  return self->pg_list_holds > 0;
}

gboolean
kdcc_cluster_get_pg_list_loaded (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), FALSE);
  return self->pg_list_loaded;
}

void
kdcc_cluster_get_pg_counts (KdccCluster  *self,
                            KdccPgCounts *counts)
{
  g_return_if_fail (KDCC_IS_CLUSTER (self));
  g_return_if_fail (counts != NULL);

  kdcc_pg_counts_init (counts);
  kdcc_pg_counts_add_model (counts, G_LIST_MODEL (self->pg_states));
}

KdccModelPart
kdcc_cluster_get_missing (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), KDCC_MODEL_PART_NONE);
  return self->missing;
}

const char *
kdcc_cluster_get_missing_reason (KdccCluster   *self,
                                 KdccModelPart  part)
{
  guint bit;

  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);

  if (part == 0 || (self->missing & part) == 0)
    return NULL;
  bit = g_bit_nth_lsf (part, -1);
  return bit < G_N_ELEMENTS (self->missing_reasons) ? self->missing_reasons[bit] : NULL;
}

const char *
kdcc_cluster_get_mon_leader (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->mon_leader;
}

/* The lists are ordered by their key, so a binary search finds an item
 * without a second index to keep in step. */
gpointer
kdcc_cluster_find_osd (KdccCluster *self,
                       gint64       id)
{
  GListModel *model;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);

  model = G_LIST_MODEL (self->osds);
  hi = g_list_model_get_n_items (model);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(KdccOsd) osd = g_list_model_get_item (model, mid);
      gint64 osd_id = kdcc_osd_get_id (osd);

      if (osd_id == id)
        return osd;
      if (osd_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

gpointer
kdcc_cluster_find_pool (KdccCluster *self,
                        const char  *name)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Pools are ordered by id, not name; there are few of them. */
  model = G_LIST_MODEL (self->pools);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (model, i);

      if (g_strcmp0 (kdcc_pool_get_name (pool), name) == 0)
        return pool;
    }
  return NULL;
}

gpointer
kdcc_cluster_find_host (KdccCluster *self,
                        const char  *name)
{
  GListModel *model;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  model = G_LIST_MODEL (self->hosts);
  hi = g_list_model_get_n_items (model);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(KdccHost) host = g_list_model_get_item (model, mid);
      int cmp = g_strcmp0 (kdcc_host_get_name (host), name);

      if (cmp == 0)
        return host;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* Applying ---------------------------------------------------------------- */

static void
apply_pgs (KdccCluster  *self,
           KdccSnapshot *snapshot)
{
  GPtrArray *pgs = snapshot->pgs;
  g_autoptr(GPtrArray) problems = NULL;

  if (self->pgs_updated == NULL)
    self->pgs_updated = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_size (self->pgs_updated, 0);
  if (!kdcc_list_sync_apply_tracked (&kdcc_pg_list_sync, self->pgs, pgs,
                                     snapshot->pg_digests != NULL && snapshot->pg_digests->len == pgs->len
                                     ? snapshot->pg_digests : NULL,
                                     self->pgs_updated))
    g_clear_pointer (&self->pgs_updated, g_array_unref);
  if (snapshot->problem_pgs != NULL)
    {
      problems = g_ptr_array_ref (snapshot->problem_pgs);
    }
  else
    {
      problems = g_ptr_array_new ();
      for (guint i = 0; i < pgs->len; i++)
        {
          KdccPgData *pg = g_ptr_array_index (pgs, i);

          if (pg->problems != KDCC_PG_PROBLEM_NONE)
            g_ptr_array_add (problems, pg);
        }
    }
  /* The problem list holds its own items (a list store owns what it
   * shows), updated from the same elements, so both show the same values;
   * a PG that stops being a problem leaves only the second list. */
  kdcc_list_sync_apply (&kdcc_pg_list_sync, self->problem_pgs, problems);

  if (!self->pg_list_loaded)
    {
      self->pg_list_loaded = TRUE;
      _kdcc_cluster_notify (self, "pg-list-loaded");
    }
}

static const char *
find_leader (GPtrArray *daemons)
{
  for (guint i = 0; i < daemons->len; i++)
    {
      const KdccDaemonData *daemon = g_ptr_array_index (daemons, i);

      if (daemon->leader)
        return daemon->name;
    }
  return NULL;
}

void
_kdcc_cluster_apply_lists (KdccCluster  *self,
                           KdccSnapshot *snapshot)
{
  if (snapshot->daemons != NULL)
    {
      kdcc_list_sync_apply (&kdcc_daemon_list_sync, self->daemons, snapshot->daemons);
      if (_kdcc_set_string (&self->mon_leader, find_leader (snapshot->daemons)))
        _kdcc_cluster_notify (self, "mon-leader");
    }
  if (snapshot->mgr_modules != NULL)
    kdcc_list_sync_apply (&kdcc_mgr_module_list_sync, self->mgr_modules, snapshot->mgr_modules);
  if (snapshot->filesystems != NULL)
    kdcc_list_sync_apply (&kdcc_filesystem_list_sync, self->filesystems,
                          snapshot->filesystems);
  if (snapshot->pgs != NULL && (snapshot->pgs_digest == 0 || snapshot->pgs_digest != self->pgs_digest))
    {
      apply_pgs (self, snapshot);
      self->pgs_digest = snapshot->pgs_digest;
      self->pgs_serial++;
    }

  if (!snapshot->partial)
    for (guint i = 0; i < G_N_ELEMENTS (self->missing_reasons); i++)
      _kdcc_set_string (&self->missing_reasons[i], snapshot->missing_reasons[i]);
}
