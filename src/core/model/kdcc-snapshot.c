/* kdcc-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-snapshot"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kdcc-pg-class.h"
#include "kdcc-snapshot.h"

KdccHealthStatus
kdcc_health_status_from_string (const char *str)
{
  if (str == NULL)
    return KDCC_HEALTH_UNKNOWN;
  if (g_str_equal (str, "HEALTH_OK"))
    return KDCC_HEALTH_OK;
  if (g_str_equal (str, "HEALTH_WARN"))
    return KDCC_HEALTH_WARN;
  if (g_str_equal (str, "HEALTH_ERR"))
    return KDCC_HEALTH_ERR;
  return KDCC_HEALTH_UNKNOWN;
}

const char *
kdcc_health_status_to_string (KdccHealthStatus status)
{
  switch (status)
    {
    case KDCC_HEALTH_OK:
      return "HEALTH_OK";
    case KDCC_HEALTH_WARN:
      return "HEALTH_WARN";
    case KDCC_HEALTH_ERR:
      return "HEALTH_ERR";
    case KDCC_HEALTH_UNKNOWN:
    default:
      return "HEALTH_UNKNOWN";
    }
}

KdccHealthCheckData *
kdcc_health_check_data_new (void)
{
  KdccHealthCheckData *data = g_new0 (KdccHealthCheckData, 1);

  data->detail = g_ptr_array_new_with_free_func (g_free);
  data->count = -1;
  return data;
}

void
kdcc_health_check_data_free (KdccHealthCheckData *data)
{
  if (data == NULL)
    return;
  g_free (data->code);
  g_free (data->summary);
  g_clear_pointer (&data->detail, g_ptr_array_unref);
  g_free (data);
}

KdccOsdData *
kdcc_osd_data_new (void)
{
  KdccOsdData *data = g_new0 (KdccOsdData, 1);

  data->exists = TRUE;
  data->reweight = 1.0;
  data->primary_affinity = 1.0;
  data->pgs = -1;
  return data;
}

void
kdcc_osd_data_free (KdccOsdData *data)
{
  if (data == NULL)
    return;
  g_free (data->name);
  g_free (data->host);
  g_free (data->device_class);
  g_free (data);
}

KdccPoolData *
kdcc_pool_data_new (void)
{
  KdccPoolData *data = g_new0 (KdccPoolData, 1);

  data->applications = g_ptr_array_new_with_free_func (g_free);
  data->options = g_ptr_array_new_with_free_func (g_free);
  data->crush_rule = -1;
  data->ec_k = -1;
  data->ec_m = -1;
  return data;
}

void
kdcc_pool_data_free (KdccPoolData *data)
{
  if (data == NULL)
    return;
  g_free (data->name);
  g_free (data->type);
  g_free (data->autoscale_mode);
  g_free (data->erasure_code_profile);
  g_free (data->failure_domain);
  g_clear_pointer (&data->applications, g_ptr_array_unref);
  g_clear_pointer (&data->options, g_ptr_array_unref);
  g_clear_pointer (&data->pg_states, g_ptr_array_unref);
  g_free (data);
}

KdccHostData *
kdcc_host_data_new (const char *name)
{
  KdccHostData *data = g_new0 (KdccHostData, 1);

  data->name = g_strdup (name);
  data->osd_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->daemons = g_ptr_array_new_with_free_func (g_free);
  return data;
}

void
kdcc_host_data_free (KdccHostData *data)
{
  if (data == NULL)
    return;
  g_free (data->name);
  g_clear_pointer (&data->osd_ids, g_array_unref);
  g_clear_pointer (&data->daemons, g_ptr_array_unref);
  g_free (data);
}

KdccClassCapacityData *
kdcc_class_capacity_data_new (const char *device_class)
{
  KdccClassCapacityData *data = g_new0 (KdccClassCapacityData, 1);

  data->device_class = g_strdup (device_class);
  return data;
}

KdccClassCapacityData *
kdcc_class_capacity_data_copy (const KdccClassCapacityData *data)
{
  KdccClassCapacityData *copy = kdcc_class_capacity_data_new (data->device_class);

  copy->total_bytes = data->total_bytes;
  copy->used_bytes = data->used_bytes;
  copy->avail_bytes = data->avail_bytes;
  return copy;
}

void
kdcc_class_capacity_data_free (KdccClassCapacityData *data)
{
  if (data == NULL)
    return;
  g_free (data->device_class);
  g_free (data);
}

KdccPgStateData *
kdcc_pg_state_data_new (const char *state,
                        gint64      count)
{
  KdccPgStateData *data = g_new0 (KdccPgStateData, 1);

  data->state = g_strdup (state);
  data->count = count;
  return data;
}

void
kdcc_pg_state_data_free (KdccPgStateData *data)
{
  if (data == NULL)
    return;
  g_free (data->state);
  g_free (data);
}

KdccVersionData *
kdcc_version_data_new (const char *daemon_type,
                       const char *version,
                       gint64      count)
{
  KdccVersionData *data = g_new0 (KdccVersionData, 1);

  data->daemon_type = g_strdup (daemon_type);
  data->version = g_strdup (version);
  data->count = count;
  return data;
}

void
kdcc_version_data_free (KdccVersionData *data)
{
  if (data == NULL)
    return;
  g_free (data->daemon_type);
  g_free (data->version);
  g_free (data);
}

KdccDaemonData *
kdcc_daemon_data_new (const char *daemon_type,
                      const char *name)
{
  KdccDaemonData *data = g_new0 (KdccDaemonData, 1);

  data->daemon_type = g_strdup (daemon_type);
  data->name = g_strdup (name);
  data->full_name = g_strconcat (daemon_type, ".", name, NULL);
  data->rank = -1;
  return data;
}

void
kdcc_daemon_data_free (KdccDaemonData *data)
{
  if (data == NULL)
    return;
  g_free (data->daemon_type);
  g_free (data->name);
  g_free (data->full_name);
  g_free (data->host);
  g_free (data->addr);
  g_free (data->version);
  g_free (data->state);
  g_free (data->filesystem);
  g_free (data);
}

KdccMgrModuleData *
kdcc_mgr_module_data_new (const char *name)
{
  KdccMgrModuleData *data = g_new0 (KdccMgrModuleData, 1);

  data->name = g_strdup (name);
  data->can_run = TRUE;
  return data;
}

void
kdcc_mgr_module_data_free (KdccMgrModuleData *data)
{
  if (data == NULL)
    return;
  g_free (data->name);
  g_free (data->error);
  g_free (data);
}

KdccFilesystemData *
kdcc_filesystem_data_new (const char *name)
{
  KdccFilesystemData *data = g_new0 (KdccFilesystemData, 1);

  data->name = g_strdup (name);
  data->data_pools = g_ptr_array_new_with_free_func (g_free);
  data->mds_names = g_ptr_array_new_with_free_func (g_free);
  data->standbys = -1;
  data->clients = -1;
  return data;
}

void
kdcc_filesystem_data_free (KdccFilesystemData *data)
{
  if (data == NULL)
    return;
  g_free (data->name);
  g_free (data->metadata_pool);
  g_clear_pointer (&data->data_pools, g_ptr_array_unref);
  g_clear_pointer (&data->mds_names, g_ptr_array_unref);
  g_free (data);
}

KdccPgData *
kdcc_pg_data_new (const char *pgid)
{
  KdccPgData *data = g_new0 (KdccPgData, 1);

  data->pgid = g_strdup (pgid);
  data->pool_id = -1;
  if (pgid != NULL)
    kdcc_pg_id_parse (pgid, &data->pool_id, &data->seed);
  data->up = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->acting = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->up_primary = -1;
  data->acting_primary = -1;
  data->last_scrub_duration = -1;
  return data;
}

int
kdcc_pg_data_compare (const KdccPgData *a,
                      const KdccPgData *b)
{
  if (a->pool_id != b->pool_id)
    return (a->pool_id > b->pool_id) - (a->pool_id < b->pool_id);
  if (a->seed != b->seed)
    return (a->seed > b->seed) - (a->seed < b->seed);
  return g_strcmp0 (a->pgid, b->pgid);
}

void
kdcc_pg_data_free (KdccPgData *data)
{
  if (data == NULL)
    return;
  g_free (data->pgid);
  g_free (data->state);
  g_clear_pointer (&data->up, g_array_unref);
  g_clear_pointer (&data->acting, g_array_unref);
  g_free (data);
}

gboolean
kdcc_pg_id_parse (const char *pgid,
                  gint64     *pool_id,
                  gint64     *seed)
{
  const char *dot;
  char *end = NULL;
  gint64 pool;
  gint64 ps;

  if (pgid == NULL || !g_ascii_isdigit (pgid[0]) || (dot = strchr (pgid, '.')) == NULL
      || !g_ascii_isxdigit (dot[1]))
    return FALSE;
  pool = g_ascii_strtoll (pgid, &end, 10);
  if (end != dot)
    return FALSE;
  ps = g_ascii_strtoll (dot + 1, &end, 16);
  if (*end != '\0')
    return FALSE;
  *pool_id = pool;
  *seed = ps;
  return TRUE;
}

/* Ceph's defaults, which KDCC cannot read without a config dump:
 * mon_pg_stuck_threshold 60 s; PG_NOT_SCRUBBED after osd_scrub_max_interval
 * (7 days) times 1 + mon_warn_pg_not_scrubbed_ratio (0.5); and
 * PG_NOT_DEEP_SCRUBBED after osd_deep_scrub_interval (7 days) times
 * 1 + mon_warn_pg_not_deep_scrubbed_ratio (0.75). */
#define PG_STUCK_SECONDS 60
#define PG_SCRUB_DUE_SECONDS ((gint64) (7 * 24 * 3600 * 1.5))
#define PG_DEEP_SCRUB_DUE_SECONDS ((gint64) (7 * 24 * 3600 * 1.75))

void
kdcc_pg_data_classify (KdccPgData *data,
                       gint64      now)
{
  KdccPgProblems problems = KDCC_PG_PROBLEM_NONE;
  const char *state = data->state != NULL ? data->state : "unknown";
  gboolean clean = kdcc_pg_class_is_clean (state);
  gboolean active = kdcc_pg_class_is_active (state);

  if (!clean)
    problems |= KDCC_PG_PROBLEM_NOT_CLEAN;
  if (strstr (state, "inconsistent") != NULL || strstr (state, "snaptrim_error") != NULL)
    problems |= KDCC_PG_PROBLEM_INCONSISTENT;
  if (kdcc_pg_class_is_stale (state)
      || (!active && data->last_active_stamp > 0
          && now - data->last_active_stamp > PG_STUCK_SECONDS)
      || (!clean && data->last_clean_stamp > 0
          && now - data->last_clean_stamp > PG_STUCK_SECONDS))
    problems |= KDCC_PG_PROBLEM_STUCK;
  if (data->last_scrub_stamp > 0 && now - data->last_scrub_stamp > PG_SCRUB_DUE_SECONDS)
    problems |= KDCC_PG_PROBLEM_NOT_SCRUBBED;
  if (data->last_deep_scrub_stamp > 0
      && now - data->last_deep_scrub_stamp > PG_DEEP_SCRUB_DUE_SECONDS)
    problems |= KDCC_PG_PROBLEM_NOT_DEEP_SCRUBBED;
  data->problems = problems;
}

KdccSnapshot *
kdcc_snapshot_new (void)
{
  KdccSnapshot *self = g_new0 (KdccSnapshot, 1);

  self->ref_count = 1;
  self->health = KDCC_HEALTH_UNKNOWN;
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_health_check_data_free);
  self->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_class_capacity_data_free);
  self->pg_states = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pg_state_data_free);
  self->mons = g_ptr_array_new_with_free_func (g_free);
  self->quorum = g_ptr_array_new_with_free_func (g_free);
  self->mgr_standbys = g_ptr_array_new_with_free_func (g_free);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  self->osdmap_epoch = -1;
  self->monmap_epoch = -1;
  self->pgmap_version = -1;
  self->fsmap_epoch = -1;
  return self;
}

KdccSnapshot *
kdcc_snapshot_ref (KdccSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
kdcc_snapshot_unref (KdccSnapshot *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->fsid);
  g_free (self->mgr_active);
  g_free (self->source_kind);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_clear_pointer (&self->pg_states, g_ptr_array_unref);
  g_clear_pointer (&self->mons, g_ptr_array_unref);
  g_clear_pointer (&self->quorum, g_ptr_array_unref);
  g_clear_pointer (&self->mgr_standbys, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->osd_index, g_hash_table_unref);
  g_clear_pointer (&self->pool_index, g_hash_table_unref);
  g_clear_pointer (&self->host_index, g_hash_table_unref);
  g_clear_pointer (&self->osds, g_ptr_array_unref);
  g_clear_pointer (&self->pools, g_ptr_array_unref);
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->daemons, g_ptr_array_unref);
  g_clear_pointer (&self->mgr_modules, g_ptr_array_unref);
  g_clear_pointer (&self->filesystems, g_ptr_array_unref);
  g_clear_pointer (&self->pg_digests, g_array_unref);
  g_clear_pointer (&self->problem_pgs, g_ptr_array_unref);
  g_clear_pointer (&self->pgs, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->missing_reasons); i++)
    g_free (self->missing_reasons[i]);
  g_free (self);
}

static gboolean
int64_equal (gconstpointer a,
             gconstpointer b)
{
  return *(const gint64 *) a == *(const gint64 *) b;
}

GPtrArray *
kdcc_snapshot_ensure_osd_list (KdccSnapshot *self)
{
  if (self->osds == NULL)
    self->osds = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_osd_data_free);
  return self->osds;
}

KdccOsdData *
kdcc_snapshot_ensure_osd (KdccSnapshot *self,
                          gint64        id)
{
  KdccOsdData *osd;

  kdcc_snapshot_ensure_osd_list (self);
  if (self->osd_index == NULL)
    self->osd_index = g_hash_table_new (g_int64_hash, int64_equal);

  if ((osd = g_hash_table_lookup (self->osd_index, &id)))
    return osd;

  osd = kdcc_osd_data_new ();
  osd->id = id;
  osd->name = g_strdup_printf ("osd.%" G_GINT64_FORMAT, id);
  g_ptr_array_add (self->osds, osd);
  /* The key points into the element, which lives as long as the index. */
  g_hash_table_insert (self->osd_index, &osd->id, osd);
  return osd;
}

KdccPoolData *
kdcc_snapshot_ensure_pool (KdccSnapshot *self,
                           gint64        id)
{
  KdccPoolData *pool;

  if (self->pools == NULL)
    self->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_pool_data_free);
  if (self->pool_index == NULL)
    self->pool_index = g_hash_table_new (g_int64_hash, int64_equal);

  if ((pool = g_hash_table_lookup (self->pool_index, &id)))
    return pool;

  pool = kdcc_pool_data_new ();
  pool->id = id;
  g_ptr_array_add (self->pools, pool);
  g_hash_table_insert (self->pool_index, &pool->id, pool);
  return pool;
}

KdccHostData *
kdcc_snapshot_ensure_host (KdccSnapshot *self,
                           const char   *name)
{
  KdccHostData *host;

  g_return_val_if_fail (name != NULL, NULL);

  if (self->hosts == NULL)
    self->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_host_data_free);
  if (self->host_index == NULL)
    self->host_index = g_hash_table_new (g_str_hash, g_str_equal);

  if ((host = g_hash_table_lookup (self->host_index, name)))
    return host;

  host = kdcc_host_data_new (name);
  g_ptr_array_add (self->hosts, host);
  g_hash_table_insert (self->host_index, host->name, host);
  return host;
}

void
kdcc_snapshot_set_missing (KdccSnapshot  *self,
                           KdccModelPart  part,
                           const char    *reason)
{
  guint bit;

  g_return_if_fail (self != NULL);
  g_return_if_fail (part != 0 && (part & (part - 1)) == 0);

  bit = g_bit_nth_lsf (part, -1);
  g_return_if_fail (bit < G_N_ELEMENTS (self->missing_reasons));
  self->missing |= part;
  g_free (self->missing_reasons[bit]);
  self->missing_reasons[bit] = g_strdup (reason);
}

void
kdcc_snapshot_finish_hosts (KdccSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (self->hosts == NULL)
    return;
  for (guint i = 0; i < self->hosts->len; i++)
    {
      KdccHostData *host = g_ptr_array_index (self->hosts, i);

      host->osds_up = host->osds_in = 0;
      host->total_bytes = host->used_bytes = host->avail_bytes = 0;
      for (guint j = 0; j < host->osd_ids->len; j++)
        {
          gint64 id = g_array_index (host->osd_ids, gint64, j);
          KdccOsdData *osd = self->osd_index != NULL
                             ? g_hash_table_lookup (self->osd_index, &id) : NULL;

          if (osd == NULL)
            continue;
          host->osds_up += osd->up ? 1 : 0;
          host->osds_in += osd->in ? 1 : 0;
          host->total_bytes += osd->total_bytes;
          host->used_bytes += osd->used_bytes;
          host->avail_bytes += osd->avail_bytes;
        }
    }
}
