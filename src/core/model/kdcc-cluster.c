/* kdcc-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-cluster"

#include "config.h"

#include "kdcc-cluster-private.h"
#include "kdcc-enums.h"
#include "kdcc-daemon.h"
#include "kdcc-filesystem.h"
#include "kdcc-health-check.h"
#include "kdcc-host.h"
#include "kdcc-list-sync.h"
#include "kdcc-mgr-module.h"
#include "kdcc-model-private.h"
#include "kdcc-osd.h"
#include "kdcc-pg.h"
#include "kdcc-pg-state.h"
#include "kdcc-pool.h"

/* How a snapshot becomes a diff.
 *
 * Scalars are compared one by one and only the changed ones notify. Each
 * list is a GListStore kept by kdcc_list_sync_apply() with the descriptor
 * its item type provides (kdcc_osd_list_sync, ...): items keep their
 * identity, only changed properties notify, and the store emits minimal
 * items-changed (see the design note in kdcc-list-sync.c). A list the
 * snapshot leaves NULL (not fetched this time) is kept as it is. The JSON
 * export lives in kdcc-cluster-json.c. */

G_DEFINE_FINAL_TYPE (KdccCluster, kdcc_cluster, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_FSID,
  PROP_HEALTH,
  PROP_HAS_DATA,
  PROP_TOTAL_BYTES,
  PROP_USED_BYTES,
  PROP_AVAIL_BYTES,
  PROP_READ_OPS,
  PROP_WRITE_OPS,
  PROP_READ_BYTES,
  PROP_WRITE_BYTES,
  PROP_RECOVERING_BYTES,
  PROP_RECOVERING_OBJECTS,
  PROP_PGS_TOTAL,
  PROP_MONS_TOTAL,
  PROP_MONS_IN_QUORUM,
  PROP_MGR_ACTIVE,
  PROP_MGRS_STANDBY,
  PROP_OSDS_TOTAL,
  PROP_OSDS_UP,
  PROP_OSDS_IN,
  PROP_POOLS_TOTAL,
  PROP_SOURCE_KIND,
  PROP_LAST_UPDATE,
  PROP_STALE,
  PROP_LAST_ERROR,
  PROP_MISSING,
  PROP_MON_LEADER,
  PROP_PG_LIST_WANTED,
  PROP_PG_LIST_LOADED,
  PROP_HAS_STATUS,
  N_PROPS
};

enum {
  REFRESHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kdcc_cluster_dispose (GObject *object)
{
  KdccCluster *self = (KdccCluster *) object;

  g_clear_object (&self->checks);
  g_clear_object (&self->osds);
  g_clear_object (&self->pools);
  g_clear_object (&self->hosts);
  g_clear_object (&self->pg_states);
  g_clear_object (&self->daemons);
  g_clear_object (&self->mgr_modules);
  g_clear_object (&self->filesystems);
  g_clear_object (&self->pgs);
  g_clear_object (&self->problem_pgs);

  G_OBJECT_CLASS (kdcc_cluster_parent_class)->dispose (object);
}

static void
kdcc_cluster_finalize (GObject *object)
{
  KdccCluster *self = (KdccCluster *) object;

  g_free (self->name);
  g_free (self->fsid);
  g_free (self->mgr_active);
  g_free (self->source_kind);
  g_free (self->last_error);
  g_free (self->mon_leader);
  for (guint i = 0; i < G_N_ELEMENTS (self->missing_reasons); i++)
    g_free (self->missing_reasons[i]);
  g_clear_pointer (&self->mons, g_ptr_array_unref);
  g_clear_pointer (&self->pgs_updated, g_array_unref);
  g_clear_pointer (&self->quorum, g_ptr_array_unref);
  g_clear_pointer (&self->mgr_standbys, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->classes, g_ptr_array_unref);

  G_OBJECT_CLASS (kdcc_cluster_parent_class)->finalize (object);
}

static void
kdcc_cluster_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KdccCluster *self = KDCC_CLUSTER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FSID:
      g_value_set_string (value, self->fsid);
      break;
    case PROP_HEALTH:
      g_value_set_enum (value, self->health);
      break;
    case PROP_HAS_DATA:
      g_value_set_boolean (value, self->has_data);
      break;
    case PROP_TOTAL_BYTES:
      g_value_set_uint64 (value, self->total_bytes);
      break;
    case PROP_USED_BYTES:
      g_value_set_uint64 (value, self->used_bytes);
      break;
    case PROP_AVAIL_BYTES:
      g_value_set_uint64 (value, self->avail_bytes);
      break;
    case PROP_READ_OPS:
      g_value_set_double (value, self->read_ops);
      break;
    case PROP_WRITE_OPS:
      g_value_set_double (value, self->write_ops);
      break;
    case PROP_READ_BYTES:
      g_value_set_double (value, self->read_bytes);
      break;
    case PROP_WRITE_BYTES:
      g_value_set_double (value, self->write_bytes);
      break;
    case PROP_RECOVERING_BYTES:
      g_value_set_double (value, self->recovering_bytes);
      break;
    case PROP_RECOVERING_OBJECTS:
      g_value_set_double (value, self->recovering_objects);
      break;
    case PROP_PGS_TOTAL:
      g_value_set_int64 (value, self->pgs_total);
      break;
    case PROP_MONS_TOTAL:
      g_value_set_uint (value, self->mons_total);
      break;
    case PROP_MONS_IN_QUORUM:
      g_value_set_uint (value, self->mons_in_quorum);
      break;
    case PROP_MGR_ACTIVE:
      g_value_set_string (value, self->mgr_active);
      break;
    case PROP_MGRS_STANDBY:
      g_value_set_uint (value, self->mgrs_standby);
      break;
    case PROP_OSDS_TOTAL:
      g_value_set_int64 (value, self->osds_total);
      break;
    case PROP_OSDS_UP:
      g_value_set_int64 (value, self->osds_up);
      break;
    case PROP_OSDS_IN:
      g_value_set_int64 (value, self->osds_in);
      break;
    case PROP_POOLS_TOTAL:
      g_value_set_int64 (value, self->pools_total);
      break;
    case PROP_SOURCE_KIND:
      g_value_set_string (value, self->source_kind);
      break;
    case PROP_LAST_UPDATE:
      g_value_set_int64 (value, self->last_update);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_MISSING:
      g_value_set_flags (value, self->missing);
      break;
    case PROP_MON_LEADER:
      g_value_set_string (value, self->mon_leader);
      break;
    case PROP_PG_LIST_WANTED:
      g_value_set_boolean (value, self->pg_list_holds > 0);
      break;
    case PROP_PG_LIST_LOADED:
      g_value_set_boolean (value, self->pg_list_loaded);
      break;
    case PROP_HAS_STATUS:
      g_value_set_boolean (value, self->has_status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_cluster_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KdccCluster *self = KDCC_CLUSTER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      kdcc_cluster_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kdcc_cluster_class_init (KdccClusterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kdcc_cluster_dispose;
  object_class->finalize = kdcc_cluster_finalize;
  object_class->get_property = kdcc_cluster_get_property;
  object_class->set_property = kdcc_cluster_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FSID] = g_param_spec_string ("fsid", NULL, NULL, NULL, ro);
  properties[PROP_HEALTH] =
    g_param_spec_enum ("health", NULL, NULL, KDCC_TYPE_HEALTH_STATUS, KDCC_HEALTH_UNKNOWN, ro);
  properties[PROP_HAS_DATA] = g_param_spec_boolean ("has-data", NULL, NULL, FALSE, ro);
  properties[PROP_TOTAL_BYTES] =
    g_param_spec_uint64 ("total-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_USED_BYTES] =
    g_param_spec_uint64 ("used-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_AVAIL_BYTES] =
    g_param_spec_uint64 ("avail-bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_READ_OPS] =
    g_param_spec_double ("read-ops", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_WRITE_OPS] =
    g_param_spec_double ("write-ops", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_READ_BYTES] =
    g_param_spec_double ("read-bytes", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_WRITE_BYTES] =
    g_param_spec_double ("write-bytes", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_RECOVERING_BYTES] =
    g_param_spec_double ("recovering-bytes", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_RECOVERING_OBJECTS] =
    g_param_spec_double ("recovering-objects", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, ro);
  properties[PROP_PGS_TOTAL] =
    g_param_spec_int64 ("pgs-total", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_MONS_TOTAL] = g_param_spec_uint ("mons-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MONS_IN_QUORUM] =
    g_param_spec_uint ("mons-in-quorum", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MGR_ACTIVE] = g_param_spec_string ("mgr-active", NULL, NULL, NULL, ro);
  properties[PROP_MGRS_STANDBY] =
    g_param_spec_uint ("mgrs-standby", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_OSDS_TOTAL] =
    g_param_spec_int64 ("osds-total", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_OSDS_UP] =
    g_param_spec_int64 ("osds-up", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_OSDS_IN] =
    g_param_spec_int64 ("osds-in", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_POOLS_TOTAL] =
    g_param_spec_int64 ("pools-total", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_SOURCE_KIND] = g_param_spec_string ("source-kind", NULL, NULL, NULL, ro);
  properties[PROP_LAST_UPDATE] =
    g_param_spec_int64 ("last-update", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_MISSING] =
    g_param_spec_flags ("missing", NULL, NULL, KDCC_TYPE_MODEL_PART, KDCC_MODEL_PART_NONE, ro);
  properties[PROP_MON_LEADER] = g_param_spec_string ("mon-leader", NULL, NULL, NULL, ro);
  properties[PROP_PG_LIST_WANTED] = g_param_spec_boolean ("pg-list-wanted", NULL, NULL, FALSE, ro);
  properties[PROP_PG_LIST_LOADED] = g_param_spec_boolean ("pg-list-loaded", NULL, NULL, FALSE, ro);
  properties[PROP_HAS_STATUS] = g_param_spec_boolean ("has-status", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kdcc_cluster_init (KdccCluster *self)
{
  self->health = KDCC_HEALTH_UNKNOWN;
  self->checks = g_list_store_new (KDCC_TYPE_HEALTH_CHECK);
  self->osds = g_list_store_new (KDCC_TYPE_OSD);
  self->pools = g_list_store_new (KDCC_TYPE_POOL);
  self->hosts = g_list_store_new (KDCC_TYPE_HOST);
  self->pg_states = g_list_store_new (KDCC_TYPE_PG_STATE);
  self->daemons = g_list_store_new (KDCC_TYPE_DAEMON);
  self->mgr_modules = g_list_store_new (KDCC_TYPE_MGR_MODULE);
  self->filesystems = g_list_store_new (KDCC_TYPE_FILESYSTEM);
  self->pgs = g_list_store_new (KDCC_TYPE_PG);
  self->problem_pgs = g_list_store_new (KDCC_TYPE_PG);
  self->mons = g_ptr_array_new_with_free_func (g_free);
  self->quorum = g_ptr_array_new_with_free_func (g_free);
  self->mgr_standbys = g_ptr_array_new_with_free_func (g_free);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_version_data_free);
  self->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) kdcc_class_capacity_data_free);
}

KdccCluster *
kdcc_cluster_new (const char *name)
{
  return g_object_new (KDCC_TYPE_CLUSTER, "name", name, NULL);
}

const char *
kdcc_cluster_get_name (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->name;
}

void
kdcc_cluster_set_name (KdccCluster *self,
                       const char  *name)
{
  g_return_if_fail (KDCC_IS_CLUSTER (self));

  if (_kdcc_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
kdcc_cluster_get_fsid (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->fsid;
}

KdccHealthStatus
kdcc_cluster_get_health (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), KDCC_HEALTH_UNKNOWN);
  return self->health;
}

gboolean
kdcc_cluster_get_has_data (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), FALSE);
  return self->has_data;
}

guint64
kdcc_cluster_get_total_bytes (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->total_bytes;
}

guint64
kdcc_cluster_get_used_bytes (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->used_bytes;
}

guint64
kdcc_cluster_get_avail_bytes (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->avail_bytes;
}

gint64
kdcc_cluster_get_osds_total (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->osds_total;
}

gint64
kdcc_cluster_get_osds_up (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->osds_up;
}

gint64
kdcc_cluster_get_osds_in (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->osds_in;
}

gint64
kdcc_cluster_get_pgs_total (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->pgs_total;
}

gboolean
kdcc_cluster_get_stale (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), FALSE);
  return self->stale;
}

gint64
kdcc_cluster_get_last_update (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->last_update;
}

const char *
kdcc_cluster_get_last_error (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->last_error;
}

const char *
kdcc_cluster_get_source_kind (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->source_kind;
}

const char *
kdcc_cluster_get_mgr_active (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->mgr_active;
}

gint64
kdcc_cluster_get_pools_total (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), 0);
  return self->pools_total;
}

const GPtrArray *
kdcc_cluster_get_mons (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->mons;
}

const GPtrArray *
kdcc_cluster_get_quorum (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->quorum;
}

const GPtrArray *
kdcc_cluster_get_mgr_standbys (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->mgr_standbys;
}

const GPtrArray *
kdcc_cluster_get_versions (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->versions;
}

const GPtrArray *
kdcc_cluster_get_device_classes (KdccCluster *self)
{
  g_return_val_if_fail (KDCC_IS_CLUSTER (self), NULL);
  return self->classes;
}

/* Plain arrays ------------------------------------------------------------ */

static gboolean
string_arrays_equal (GPtrArray *a,
                     GPtrArray *b)
{
  guint i;

  if (a->len != b->len)
    return FALSE;
  for (i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
copy_string_array (GPtrArray  **target,
                   GPtrArray   *source)
{
  guint i;

  if (source == NULL || string_arrays_equal (*target, source))
    return;

  g_ptr_array_set_size (*target, 0);
  for (i = 0; i < source->len; i++)
    g_ptr_array_add (*target, g_strdup (g_ptr_array_index (source, i)));
}

static void
copy_versions (KdccCluster *self,
               GPtrArray   *source)
{
  guint i;

  if (source == NULL)
    return;

  g_ptr_array_set_size (self->versions, 0);
  for (i = 0; i < source->len; i++)
    {
      const KdccVersionData *v = g_ptr_array_index (source, i);

      g_ptr_array_add (self->versions,
                       kdcc_version_data_new (v->daemon_type, v->version, v->count));
    }
}

static void
copy_classes (KdccCluster *self,
              GPtrArray   *source)
{
  guint i;

  if (source == NULL)
    return;

  g_ptr_array_set_size (self->classes, 0);
  for (i = 0; i < source->len; i++)
    {
      const KdccClassCapacityData *c = g_ptr_array_index (source, i);

      g_ptr_array_add (self->classes, kdcc_class_capacity_data_copy (c));
    }
}

/* Applying ---------------------------------------------------------------- */

#define SET_SCALAR(field, value, prop)                                      \
  G_STMT_START {                                                           \
    if (self->field != (value))                                            \
      {                                                                    \
        self->field = (value);                                             \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);      \
      }                                                                    \
  } G_STMT_END

#define SET_STRING(field, value, prop)                                      \
  G_STMT_START {                                                           \
    if (_kdcc_set_string (&self->field, (value)))                          \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);        \
  } G_STMT_END

void
kdcc_cluster_apply_snapshot (KdccCluster  *self,
                             KdccSnapshot *snapshot)
{
  g_return_if_fail (KDCC_IS_CLUSTER (self));
  g_return_if_fail (snapshot != NULL);

  /* Listeners see the notifications only once the whole snapshot is in,
   * so a handler never observes half of a refresh. */
  g_object_freeze_notify (G_OBJECT (self));

  SET_STRING (fsid, snapshot->fsid, PROP_FSID);
  SET_SCALAR (health, snapshot->health, PROP_HEALTH);

  SET_SCALAR (total_bytes, snapshot->total_bytes, PROP_TOTAL_BYTES);
  SET_SCALAR (used_bytes, snapshot->used_bytes, PROP_USED_BYTES);
  SET_SCALAR (avail_bytes, snapshot->avail_bytes, PROP_AVAIL_BYTES);

  SET_SCALAR (read_ops, snapshot->read_ops, PROP_READ_OPS);
  SET_SCALAR (write_ops, snapshot->write_ops, PROP_WRITE_OPS);
  SET_SCALAR (read_bytes, snapshot->read_bytes, PROP_READ_BYTES);
  SET_SCALAR (write_bytes, snapshot->write_bytes, PROP_WRITE_BYTES);
  SET_SCALAR (recovering_bytes, snapshot->recovering_bytes, PROP_RECOVERING_BYTES);
  SET_SCALAR (recovering_objects, snapshot->recovering_objects, PROP_RECOVERING_OBJECTS);

  SET_SCALAR (pgs_total, snapshot->pgs_total, PROP_PGS_TOTAL);

  /* A partial snapshot (status and health first, see KdccSource's
   * fetch_first) has none of these: keep them. */
  if (!snapshot->partial)
    {
      copy_string_array (&self->mons, snapshot->mons);
      copy_string_array (&self->mgr_standbys, snapshot->mgr_standbys);
      copy_versions (self, snapshot->versions);
      copy_classes (self, snapshot->classes);
    }
  copy_string_array (&self->quorum, snapshot->quorum);

  SET_SCALAR (mons_total, self->mons->len, PROP_MONS_TOTAL);
  SET_SCALAR (mons_in_quorum, self->quorum->len, PROP_MONS_IN_QUORUM);
  SET_STRING (mgr_active, snapshot->mgr_active, PROP_MGR_ACTIVE);
  SET_SCALAR (mgrs_standby, self->mgr_standbys->len, PROP_MGRS_STANDBY);

  SET_SCALAR (osds_total, snapshot->osds_total, PROP_OSDS_TOTAL);
  SET_SCALAR (osds_up, snapshot->osds_up, PROP_OSDS_UP);
  SET_SCALAR (osds_in, snapshot->osds_in, PROP_OSDS_IN);
  SET_SCALAR (pools_total, snapshot->pools_total, PROP_POOLS_TOTAL);

  if (snapshot->source_kind != NULL)
    SET_STRING (source_kind, snapshot->source_kind, PROP_SOURCE_KIND);

  if (snapshot->checks != NULL)
    kdcc_list_sync_apply (&kdcc_health_check_list_sync, self->checks, snapshot->checks);
  if (snapshot->pg_states != NULL)
    kdcc_list_sync_apply (&kdcc_pg_state_list_sync, self->pg_states, snapshot->pg_states);
  /* A list whose content digest equals the last applied one is skipped
   * whole: the 10,000 OSDs of an unchanged periodic heavy refresh cost
   * the main thread one comparison. */
#define APPLY_LIST(list, sync)                                            \
  G_STMT_START {                                                         \
    if (snapshot->list != NULL && (snapshot->list##_digest == 0          \
                                   || snapshot->list##_digest != self->list##_digest)) \
      {                                                                  \
        kdcc_list_sync_apply (&sync, self->list, snapshot->list);        \
        self->list##_digest = snapshot->list##_digest;                   \
      }                                                                  \
  } G_STMT_END
  if (snapshot->osds != NULL && (snapshot->osds_digest == 0 || snapshot->osds_digest != self->osds_digest))
    self->osds_serial++;
  APPLY_LIST (osds, kdcc_osd_list_sync);
  APPLY_LIST (pools, kdcc_pool_list_sync);
  APPLY_LIST (hosts, kdcc_host_list_sync);
#undef APPLY_LIST
  _kdcc_cluster_apply_lists (self, snapshot);
  if (!snapshot->partial && self->missing != snapshot->missing)
    {
      self->missing = snapshot->missing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSING]);
    }

  SET_SCALAR (last_update, snapshot->fetched_at > 0 ? snapshot->fetched_at : g_get_real_time (),
              PROP_LAST_UPDATE);
  /* has-data and "refreshed" mean a complete snapshot: pages that wait
   * for them find every list; has-status is set by the partial one. */
  SET_SCALAR (has_status, TRUE, PROP_HAS_STATUS);
  if (snapshot->partial)
    {
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }
  SET_SCALAR (has_data, TRUE, PROP_HAS_DATA);
  SET_SCALAR (stale, FALSE, PROP_STALE);
  SET_STRING (last_error, NULL, PROP_LAST_ERROR);

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[REFRESHED], 0);
}

void
_kdcc_cluster_notify (KdccCluster *self,
                      const char  *name)
{
  g_object_notify (G_OBJECT (self), name);
}

void
kdcc_cluster_mark_stale (KdccCluster  *self,
                         const GError *error)
{
  g_return_if_fail (KDCC_IS_CLUSTER (self));

  g_object_freeze_notify (G_OBJECT (self));
  SET_SCALAR (stale, TRUE, PROP_STALE);
  SET_STRING (last_error, error != NULL ? error->message : NULL, PROP_LAST_ERROR);
  g_object_thaw_notify (G_OBJECT (self));
}

