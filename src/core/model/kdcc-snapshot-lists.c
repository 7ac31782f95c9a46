/* kdcc-snapshot-lists.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-snapshot"

#include "config.h"

#include <string.h>

#include "kdcc-snapshot.h"

/* Copies, comparisons and digests of a snapshot's lists: what lets a
 * source cache a list and attach it only when it changed, and the model
 * skip a list that did not change. */

static GPtrArray *
copy_strings (const GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array != NULL ? array->len : 0, g_free);

  for (guint i = 0; array != NULL && i < array->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));
  return copy;
}

static gboolean
strings_equal (const GPtrArray *a,
               const GPtrArray *b)
{
  if ((a != NULL ? a->len : 0) != (b != NULL ? b->len : 0))
    return FALSE;
  for (guint i = 0; a != NULL && i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

KdccDaemonData *
kdcc_daemon_data_copy (const KdccDaemonData *data)
{
  KdccDaemonData *copy = kdcc_daemon_data_new (data->daemon_type, data->name);

  copy->host = g_strdup (data->host);
  copy->addr = g_strdup (data->addr);
  copy->version = g_strdup (data->version);
  copy->state = g_strdup (data->state);
  copy->rank = data->rank;
  copy->in_quorum = data->in_quorum;
  copy->leader = data->leader;
  copy->active = data->active;
  copy->filesystem = g_strdup (data->filesystem);
  return copy;
}

KdccMgrModuleData *
kdcc_mgr_module_data_copy (const KdccMgrModuleData *data)
{
  KdccMgrModuleData *copy = kdcc_mgr_module_data_new (data->name);

  copy->enabled = data->enabled;
  copy->always_on = data->always_on;
  copy->can_run = data->can_run;
  copy->failed = data->failed;
  copy->error = g_strdup (data->error);
  return copy;
}

KdccFilesystemData *
kdcc_filesystem_data_copy (const KdccFilesystemData *data)
{
  KdccFilesystemData *copy = kdcc_filesystem_data_new (data->name);

  copy->id = data->id;
  copy->metadata_pool = g_strdup (data->metadata_pool);
  g_ptr_array_unref (copy->data_pools);
  copy->data_pools = copy_strings (data->data_pools);
  copy->max_mds = data->max_mds;
  copy->ranks_up = data->ranks_up;
  copy->ranks_failed = data->ranks_failed;
  copy->standbys = data->standbys;
  copy->clients = data->clients;
  g_ptr_array_unref (copy->mds_names);
  copy->mds_names = copy_strings (data->mds_names);
  return copy;
}

GPtrArray *
kdcc_snapshot_copy_list (const GPtrArray *array,
                         GCopyFunc        copy,
                         GDestroyNotify   free_func)
{
  GPtrArray *result;

  if (array == NULL)
    return NULL;
  result = g_ptr_array_new_full (array->len, free_func);
  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (result, copy (g_ptr_array_index (array, i), NULL));
  return result;
}

typedef gboolean (*ElementEqual) (gconstpointer a, gconstpointer b);

static gboolean
lists_equal (const GPtrArray *a,
             const GPtrArray *b,
             ElementEqual     equal)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

static gboolean
daemon_equal (gconstpointer pa,
              gconstpointer pb)
{
  const KdccDaemonData *a = pa;
  const KdccDaemonData *b = pb;

  return g_strcmp0 (a->full_name, b->full_name) == 0 && g_strcmp0 (a->host, b->host) == 0
         && g_strcmp0 (a->addr, b->addr) == 0 && g_strcmp0 (a->version, b->version) == 0
         && g_strcmp0 (a->state, b->state) == 0 && a->rank == b->rank
         && a->in_quorum == b->in_quorum && a->leader == b->leader && a->active == b->active
         && g_strcmp0 (a->filesystem, b->filesystem) == 0;
}

static gboolean
module_equal (gconstpointer pa,
              gconstpointer pb)
{
  const KdccMgrModuleData *a = pa;
  const KdccMgrModuleData *b = pb;

  return g_strcmp0 (a->name, b->name) == 0 && a->enabled == b->enabled
         && a->always_on == b->always_on && a->can_run == b->can_run && a->failed == b->failed
         && g_strcmp0 (a->error, b->error) == 0;
}

static gboolean
filesystem_equal (gconstpointer pa,
                  gconstpointer pb)
{
  const KdccFilesystemData *a = pa;
  const KdccFilesystemData *b = pb;

  return g_strcmp0 (a->name, b->name) == 0 && a->id == b->id
         && g_strcmp0 (a->metadata_pool, b->metadata_pool) == 0
         && strings_equal (a->data_pools, b->data_pools) && a->max_mds == b->max_mds
         && a->ranks_up == b->ranks_up && a->ranks_failed == b->ranks_failed
         && a->standbys == b->standbys && a->clients == b->clients
         && strings_equal (a->mds_names, b->mds_names);
}

gboolean
kdcc_daemon_lists_equal (const GPtrArray *a,
                         const GPtrArray *b)
{
  return lists_equal (a, b, daemon_equal);
}

gboolean
kdcc_mgr_module_lists_equal (const GPtrArray *a,
                             const GPtrArray *b)
{
  return lists_equal (a, b, module_equal);
}

gboolean
kdcc_filesystem_lists_equal (const GPtrArray *a,
                             const GPtrArray *b)
{
  return lists_equal (a, b, filesystem_equal);
}

/* FNV-1a, 64 bits: cheap, and a collision only delays one list update to
 * the next change. */
#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME G_GUINT64_CONSTANT (1099511628211)

static guint64
hash_bytes (guint64        h,
            gconstpointer  data,
            gsize          len)
{
  const guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * FNV_PRIME;
  return h;
}

static guint64
hash_string (guint64     h,
             const char *s)
{
  /* NULL and "" differ: a NUL or a marker byte ends each string. */
  if (s == NULL)
    return hash_bytes (h, "\xff", 1);
  return hash_bytes (h, s, strlen (s) + 1);
}

#define HASH_FIELD(h, field) hash_bytes ((h), &(field), sizeof (field))

static guint64
hash_strings (guint64          h,
              const GPtrArray *array)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    h = hash_string (h, g_ptr_array_index (array, i));
  return hash_bytes (h, "\xfe", 1);
}

void
kdcc_snapshot_compute_digests (KdccSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (self->osds != NULL)
    {
      guint64 h = FNV_OFFSET;

      for (guint i = 0; i < self->osds->len; i++)
        {
          const KdccOsdData *o = g_ptr_array_index (self->osds, i);

          h = HASH_FIELD (h, o->id);
          h = hash_string (h, o->name);
          h = hash_string (h, o->host);
          h = hash_string (h, o->device_class);
          h = HASH_FIELD (h, o->exists);
          h = HASH_FIELD (h, o->up);
          h = HASH_FIELD (h, o->in);
          h = HASH_FIELD (h, o->crush_weight);
          h = HASH_FIELD (h, o->reweight);
          h = HASH_FIELD (h, o->primary_affinity);
          h = HASH_FIELD (h, o->has_usage);
          h = HASH_FIELD (h, o->utilization);
          h = HASH_FIELD (h, o->total_bytes);
          h = HASH_FIELD (h, o->used_bytes);
          h = HASH_FIELD (h, o->avail_bytes);
          h = HASH_FIELD (h, o->pgs);
          h = HASH_FIELD (h, o->has_perf);
          h = HASH_FIELD (h, o->commit_latency_ms);
          h = HASH_FIELD (h, o->apply_latency_ms);
        }
      self->osds_digest = h != 0 ? h : 1;
    }
  if (self->pools != NULL)
    {
      guint64 h = FNV_OFFSET;

      for (guint i = 0; i < self->pools->len; i++)
        {
          const KdccPoolData *p = g_ptr_array_index (self->pools, i);

          h = HASH_FIELD (h, p->id);
          h = hash_string (h, p->name);
          h = hash_string (h, p->type);
          h = HASH_FIELD (h, p->size);
          h = HASH_FIELD (h, p->min_size);
          h = HASH_FIELD (h, p->pg_num);
          h = hash_string (h, p->autoscale_mode);
          h = hash_strings (h, p->applications);
          h = HASH_FIELD (h, p->has_usage);
          h = HASH_FIELD (h, p->stored_bytes);
          h = HASH_FIELD (h, p->max_avail_bytes);
          h = HASH_FIELD (h, p->percent_used);
          h = HASH_FIELD (h, p->objects);
          h = HASH_FIELD (h, p->crush_rule);
          h = hash_string (h, p->erasure_code_profile);
          h = HASH_FIELD (h, p->quota_max_bytes);
          h = HASH_FIELD (h, p->quota_max_objects);
          h = hash_strings (h, p->options);
          h = HASH_FIELD (h, p->ec_k);
          h = HASH_FIELD (h, p->ec_m);
          h = hash_string (h, p->failure_domain);
          h = HASH_FIELD (h, p->has_io);
          h = HASH_FIELD (h, p->read_ops);
          h = HASH_FIELD (h, p->write_ops);
          h = HASH_FIELD (h, p->read_bytes);
          h = HASH_FIELD (h, p->write_bytes);
          h = HASH_FIELD (h, p->recovering_bytes);
          if (p->pg_states != NULL)
            for (guint j = 0; j < p->pg_states->len; j++)
              {
                const KdccPgStateData *state = g_ptr_array_index (p->pg_states, j);

                h = hash_string (h, state->state);
                h = HASH_FIELD (h, state->count);
              }
          else
            h = hash_bytes (h, "\xfd", 1);
        }
      self->pools_digest = h != 0 ? h : 1;
    }
  if (self->hosts != NULL)
    {
      guint64 h = FNV_OFFSET;

      for (guint i = 0; i < self->hosts->len; i++)
        {
          const KdccHostData *host = g_ptr_array_index (self->hosts, i);

          h = hash_string (h, host->name);
          h = hash_bytes (h, host->osd_ids->data, host->osd_ids->len * sizeof (gint64));
          h = HASH_FIELD (h, host->osds_up);
          h = HASH_FIELD (h, host->osds_in);
          h = HASH_FIELD (h, host->total_bytes);
          h = HASH_FIELD (h, host->used_bytes);
          h = HASH_FIELD (h, host->avail_bytes);
          h = hash_strings (h, host->daemons);
        }
      self->hosts_digest = h != 0 ? h : 1;
    }
  if (self->pgs != NULL)
    {
      guint64 h = FNV_OFFSET;

      g_clear_pointer (&self->pg_digests, g_array_unref);
      g_clear_pointer (&self->problem_pgs, g_ptr_array_unref);
      self->pg_digests = g_array_sized_new (FALSE, FALSE, sizeof (guint64), self->pgs->len);
      self->problem_pgs = g_ptr_array_new ();
      for (guint i = 0; i < self->pgs->len; i++)
        {
          KdccPgData *pg = g_ptr_array_index (self->pgs, i);
          guint64 d = FNV_OFFSET;

          d = hash_string (d, pg->pgid);
          d = hash_string (d, pg->state);
          d = pg->up != NULL ? hash_bytes (d, pg->up->data, pg->up->len * sizeof (gint64)) : d;
          d = hash_bytes (d, "\xfe", 1);
          d = pg->acting != NULL ? hash_bytes (d, pg->acting->data, pg->acting->len * sizeof (gint64)) : d;
          d = hash_bytes (d, "\xfe", 1);
          d = HASH_FIELD (d, pg->pool_id);
          d = HASH_FIELD (d, pg->seed);
          d = HASH_FIELD (d, pg->up_primary);
          d = HASH_FIELD (d, pg->acting_primary);
          d = HASH_FIELD (d, pg->last_scrub_stamp);
          d = HASH_FIELD (d, pg->last_deep_scrub_stamp);
          d = HASH_FIELD (d, pg->last_active_stamp);
          d = HASH_FIELD (d, pg->last_clean_stamp);
          d = HASH_FIELD (d, pg->last_scrub_duration);
          d = HASH_FIELD (d, pg->objects);
          d = HASH_FIELD (d, pg->bytes);
          d = HASH_FIELD (d, pg->problems);
          pg->digest = d != 0 ? d : 1;
          h = HASH_FIELD (h, pg->digest);
          g_array_append_val (self->pg_digests, pg->digest);
          if (pg->problems != KDCC_PG_PROBLEM_NONE)
            g_ptr_array_add (self->problem_pgs, pg);
        }
      self->pgs_digest = h != 0 ? h : 1;
    }
}
