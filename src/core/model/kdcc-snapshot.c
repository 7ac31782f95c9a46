/* kdcc-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-snapshot"

#include "config.h"

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
  g_clear_pointer (&data->applications, g_ptr_array_unref);
  g_free (data);
}

KdccHostData *
kdcc_host_data_new (const char *name)
{
  KdccHostData *data = g_new0 (KdccHostData, 1);

  data->name = g_strdup (name);
  data->osd_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return data;
}

void
kdcc_host_data_free (KdccHostData *data)
{
  if (data == NULL)
    return;
  g_free (data->name);
  g_clear_pointer (&data->osd_ids, g_array_unref);
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
