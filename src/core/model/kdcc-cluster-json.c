/* kdcc-cluster-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `kdcc-cli status --json` document, built from the model as it
 * stands (see kdcc_cluster_to_json() in kdcc-cluster.h and the README).
 */
#define G_LOG_DOMAIN "kdcc-cluster"

#include "config.h"

#include "kdcc-cluster-private.h"
#include "kdcc-health-check.h"
#include "kdcc-host.h"
#include "kdcc-osd.h"
#include "kdcc-pg-state.h"
#include "kdcc-pool.h"

static void
add_string_array (JsonBuilder     *builder,
                  const char      *member,
                  const GPtrArray *array)
{
  guint i;

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (i = 0; array != NULL && i < array->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (array, i));
  json_builder_end_array (builder);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *member,
                     const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* Byte counts are uint64 in the model; JSON integers here are int64, which
 * holds any real capacity (8 EiB). */
static void
add_uint (JsonBuilder *builder,
          const char  *member,
          guint64      value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, (gint64) MIN (value, (guint64) G_MAXINT64));
}

static void
add_double (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/* -1 means "the cluster did not say" in the model; JSON says null. */
static void
add_count (JsonBuilder *builder,
           const char  *member,
           gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static void
add_health (KdccCluster *self,
            JsonBuilder *builder)
{
  GListModel *checks = G_LIST_MODEL (self->checks);
  guint n = g_list_model_get_n_items (checks);
  guint i;

  json_builder_set_member_name (builder, "health");
  json_builder_begin_object (builder);
  add_nullable_string (builder, "status", kdcc_health_status_to_string (self->health));
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccHealthCheck) check = g_list_model_get_item (checks, i);
      const char * const *detail = kdcc_health_check_get_detail (check);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "code", kdcc_health_check_get_code (check));
      add_nullable_string (builder, "severity",
                           kdcc_health_status_to_string (kdcc_health_check_get_severity (check)));
      add_nullable_string (builder, "summary", kdcc_health_check_get_summary (check));
      json_builder_set_member_name (builder, "detail");
      json_builder_begin_array (builder);
      for (guint j = 0; detail != NULL && detail[j] != NULL; j++)
        json_builder_add_string_value (builder, detail[j]);
      json_builder_end_array (builder);
      add_boolean (builder, "muted", kdcc_health_check_get_muted (check));
      add_count (builder, "count", kdcc_health_check_get_count (check));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_osds (KdccCluster *self,
          JsonBuilder *builder)
{
  GListModel *osds = G_LIST_MODEL (self->osds);
  guint n = g_list_model_get_n_items (osds);
  guint i;

  json_builder_set_member_name (builder, "osds");
  json_builder_begin_object (builder);
  add_int (builder, "total", self->osds_total);
  add_int (builder, "up", self->osds_up);
  add_int (builder, "in", self->osds_in);
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccOsd) osd = g_list_model_get_item (osds, i);

      json_builder_begin_object (builder);
      add_int (builder, "id", kdcc_osd_get_id (osd));
      add_nullable_string (builder, "name", kdcc_osd_get_name (osd));
      add_nullable_string (builder, "host", kdcc_osd_get_host (osd));
      add_nullable_string (builder, "device_class", kdcc_osd_get_device_class (osd));
      add_boolean (builder, "up", kdcc_osd_get_up (osd));
      add_boolean (builder, "in", kdcc_osd_get_in (osd));
      add_double (builder, "reweight", kdcc_osd_get_reweight (osd));
      add_double (builder, "crush_weight", kdcc_osd_get_crush_weight (osd));
      add_double (builder, "primary_affinity", kdcc_osd_get_primary_affinity (osd));
      add_double (builder, "utilization", kdcc_osd_get_utilization (osd));
      add_uint (builder, "total_bytes", kdcc_osd_get_total_bytes (osd));
      add_uint (builder, "used_bytes", kdcc_osd_get_used_bytes (osd));
      add_uint (builder, "avail_bytes", kdcc_osd_get_avail_bytes (osd));
      add_count (builder, "pgs", kdcc_osd_get_pgs (osd));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_capacity (KdccCluster *self,
              JsonBuilder *builder)
{
  guint i;

  json_builder_set_member_name (builder, "capacity");
  json_builder_begin_object (builder);
  add_uint (builder, "total_bytes", self->total_bytes);
  add_uint (builder, "used_bytes", self->used_bytes);
  add_uint (builder, "avail_bytes", self->avail_bytes);
  json_builder_set_member_name (builder, "by_class");
  json_builder_begin_array (builder);
  for (i = 0; i < self->classes->len; i++)
    {
      const KdccClassCapacityData *c = g_ptr_array_index (self->classes, i);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "device_class", c->device_class);
      add_uint (builder, "total_bytes", c->total_bytes);
      add_uint (builder, "used_bytes", c->used_bytes);
      add_uint (builder, "avail_bytes", c->avail_bytes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_io (KdccCluster *self,
        JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "io");
  json_builder_begin_object (builder);
  add_double (builder, "read_ops", self->read_ops);
  add_double (builder, "write_ops", self->write_ops);
  add_double (builder, "read_bytes", self->read_bytes);
  add_double (builder, "write_bytes", self->write_bytes);
  add_double (builder, "recovering_bytes", self->recovering_bytes);
  add_double (builder, "recovering_objects", self->recovering_objects);
  json_builder_end_object (builder);
}

static void
add_pgs (KdccCluster *self,
         JsonBuilder *builder)
{
  GListModel *states = G_LIST_MODEL (self->pg_states);
  guint n = g_list_model_get_n_items (states);
  guint i;

  json_builder_set_member_name (builder, "pgs");
  json_builder_begin_object (builder);
  add_int (builder, "total", self->pgs_total);
  json_builder_set_member_name (builder, "by_state");
  json_builder_begin_object (builder);
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccPgState) state = g_list_model_get_item (states, i);

      add_int (builder, kdcc_pg_state_get_state (state), kdcc_pg_state_get_count (state));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_pools (KdccCluster *self,
           JsonBuilder *builder)
{
  GListModel *pools = G_LIST_MODEL (self->pools);
  guint n = g_list_model_get_n_items (pools);
  guint i;

  json_builder_set_member_name (builder, "pools");
  json_builder_begin_array (builder);
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccPool) pool = g_list_model_get_item (pools, i);
      const char * const *apps = kdcc_pool_get_applications (pool);

      json_builder_begin_object (builder);
      add_int (builder, "id", kdcc_pool_get_id (pool));
      add_nullable_string (builder, "name", kdcc_pool_get_name (pool));
      add_nullable_string (builder, "type", kdcc_pool_get_pool_type (pool));
      add_int (builder, "size", kdcc_pool_get_size (pool));
      add_int (builder, "min_size", kdcc_pool_get_min_size (pool));
      add_int (builder, "pg_num", kdcc_pool_get_pg_num (pool));
      add_nullable_string (builder, "autoscale_mode", kdcc_pool_get_autoscale_mode (pool));
      json_builder_set_member_name (builder, "applications");
      json_builder_begin_array (builder);
      for (guint j = 0; apps != NULL && apps[j] != NULL; j++)
        json_builder_add_string_value (builder, apps[j]);
      json_builder_end_array (builder);
      add_uint (builder, "stored_bytes", kdcc_pool_get_stored_bytes (pool));
      add_uint (builder, "max_avail_bytes", kdcc_pool_get_max_avail_bytes (pool));
      add_uint (builder, "objects", kdcc_pool_get_objects (pool));
      add_double (builder, "percent_used", kdcc_pool_get_percent_used (pool));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_hosts (KdccCluster *self,
           JsonBuilder *builder)
{
  GListModel *hosts = G_LIST_MODEL (self->hosts);
  guint n = g_list_model_get_n_items (hosts);
  guint i;

  json_builder_set_member_name (builder, "hosts");
  json_builder_begin_array (builder);
  for (i = 0; i < n; i++)
    {
      g_autoptr(KdccHost) host = g_list_model_get_item (hosts, i);
      const GArray *ids = kdcc_host_get_osd_ids (host);

      json_builder_begin_object (builder);
      add_nullable_string (builder, "name", kdcc_host_get_name (host));
      json_builder_set_member_name (builder, "osds");
      json_builder_begin_array (builder);
      for (guint j = 0; j < ids->len; j++)
        json_builder_add_int_value (builder, g_array_index (ids, gint64, j));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_daemons (KdccCluster *self,
             JsonBuilder *builder)
{
  g_autoptr(GHashTable) by_type = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  guint i;

  json_builder_set_member_name (builder, "mons");
  json_builder_begin_object (builder);
  add_int (builder, "total", self->mons_total);
  add_string_array (builder, "names", self->mons);
  add_string_array (builder, "quorum", self->quorum);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "mgrs");
  json_builder_begin_object (builder);
  add_nullable_string (builder, "active", self->mgr_active);
  add_string_array (builder, "standbys", self->mgr_standbys);
  json_builder_end_object (builder);

  /* Versions arrive as flat (type, version, count) rows; group them by
   * daemon type in first-seen order. */
  for (i = 0; i < self->versions->len; i++)
    {
      const KdccVersionData *v = g_ptr_array_index (self->versions, i);

      if (v->daemon_type != NULL && !g_hash_table_contains (by_type, v->daemon_type))
        {
          g_hash_table_add (by_type, v->daemon_type);
          g_ptr_array_add (types, v->daemon_type);
        }
    }

  json_builder_set_member_name (builder, "versions");
  json_builder_begin_object (builder);
  for (i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);

      json_builder_set_member_name (builder, type);
      json_builder_begin_object (builder);
      for (guint j = 0; j < self->versions->len; j++)
        {
          const KdccVersionData *v = g_ptr_array_index (self->versions, j);

          if (g_strcmp0 (v->daemon_type, type) == 0 && v->version != NULL)
            add_int (builder, v->version, v->count);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

JsonNode *
kdcc_cluster_to_json (KdccCluster *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *last_update = NULL;

  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);

  if (self->last_update > 0)
    {
      g_autoptr(GDateTime) dt =
        g_date_time_new_from_unix_utc (self->last_update / G_USEC_PER_SEC);

      if (dt != NULL)
        last_update = g_date_time_format_iso8601 (dt);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_nullable_string (builder, "name", self->name);
  add_nullable_string (builder, "fsid", self->fsid);
  add_nullable_string (builder, "source", self->source_kind);
  add_boolean (builder, "has_data", self->has_data);
  add_boolean (builder, "stale", self->stale);
  add_nullable_string (builder, "last_error", self->last_error);
  add_nullable_string (builder, "last_update", last_update);
  add_health (self, builder);
  add_osds (self, builder);
  add_capacity (self, builder);
  add_io (self, builder);
  add_pgs (self, builder);
  add_pools (self, builder);
  add_hosts (self, builder);
  add_daemons (self, builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
