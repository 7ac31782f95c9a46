/* kdcc-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kdcc-cluster"

#include "config.h"

#include "kdcc-cluster.h"
#include "kdcc-enums.h"
#include "kdcc-health-check.h"
#include "kdcc-host.h"
#include "kdcc-model-private.h"
#include "kdcc-osd.h"
#include "kdcc-pg-state.h"
#include "kdcc-pool.h"

/* How a snapshot becomes a diff.
 *
 * Scalars are compared one by one and only the changed ones notify. Each
 * list is kept in a GListStore whose items keep their identity: a key ->
 * item hash is built from the store (O(n)), every item still present is
 * updated in place (so only its changed properties notify), and the desired
 * order is computed. sync_store() then turns "old order" into "new order"
 * with as few items-changed emissions as it can:
 *
 *  1. runs of vanished items are removed, one splice per run;
 *  2. if the surviving items are still in the same relative order (always
 *     true for OSDs, pools and hosts, whose sort keys never change), new
 *     items are inserted at their sorted positions, one splice per run;
 *  3. otherwise (a health check changed severity, a PG state count moved it
 *     up the list) the differing middle between the common prefix and the
 *     common suffix is replaced in one splice. Those lists are short, so one
 *     splice is simpler than computing a minimal move sequence.
 *
 * A 10,000 OSD snapshot with one OSD changed therefore costs O(n) and
 * produces one notify on that OSD and no items-changed at all. */

struct _KdccCluster
{
  GObject           parent_instance;

  char             *name;
  char             *fsid;
  KdccHealthStatus  health;
  gboolean          has_data;

  guint64           total_bytes;
  guint64           used_bytes;
  guint64           avail_bytes;

  double            read_ops;
  double            write_ops;
  double            read_bytes;
  double            write_bytes;
  double            recovering_bytes;
  double            recovering_objects;

  gint64            pgs_total;
  guint             mons_total;
  guint             mons_in_quorum;
  char             *mgr_active;
  guint             mgrs_standby;
  gint64            osds_total;
  gint64            osds_up;
  gint64            osds_in;
  gint64            pools_total;

  char             *source_kind;
  gint64            last_update;
  gboolean          stale;
  char             *last_error;

  GListStore       *checks;
  GListStore       *osds;
  GListStore       *pools;
  GListStore       *hosts;
  GListStore       *pg_states;

  GPtrArray        *mons;
  GPtrArray        *quorum;
  GPtrArray        *mgr_standbys;
  GPtrArray        *versions;
  GPtrArray        *classes;
};

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
  g_clear_pointer (&self->mons, g_ptr_array_unref);
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

/* List diffing ---------------------------------------------------------- */

/* Makes @store hold exactly the items of @wanted, in that order, with few
 * items-changed emissions; see the comment at the top of the file. Every
 * item in @wanted that was already in @store is the same object. */
static void
sync_store (GListStore *store,
            GPtrArray  *wanted)
{
  g_autoptr(GHashTable) wanted_set = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) old_set = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) current = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same_order = TRUE;
  guint n_items;
  guint i, k;

  for (i = 0; i < wanted->len; i++)
    g_hash_table_add (wanted_set, g_ptr_array_index (wanted, i));

  /* 1. Remove runs of vanished items, back to front so the positions of
   * runs still to be removed stay valid. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (i = 0; i < n_items; i++)
    g_ptr_array_add (current, g_list_model_get_item (G_LIST_MODEL (store), i));

  i = n_items;
  while (i > 0)
    {
      guint end = i;

      while (i > 0 && !g_hash_table_contains (wanted_set, g_ptr_array_index (current, i - 1)))
        i--;
      if (i < end)
        {
          g_list_store_splice (store, i, end - i, NULL, 0);
          g_ptr_array_remove_range (current, i, end - i);
          continue;
        }
      i--;
    }

  for (i = 0; i < current->len; i++)
    g_hash_table_add (old_set, g_ptr_array_index (current, i));

  /* 2. Do the survivors keep their relative order? */
  for (i = 0, k = 0; i < wanted->len; i++)
    {
      gpointer item = g_ptr_array_index (wanted, i);

      if (!g_hash_table_contains (old_set, item))
        continue;
      if (k >= current->len || g_ptr_array_index (current, k) != item)
        {
          same_order = FALSE;
          break;
        }
      k++;
    }

  if (same_order)
    {
      guint pos = 0;
      guint run_start = 0;
      guint run_len = 0;

      for (i = 0; i <= wanted->len; i++)
        {
          gpointer item = i < wanted->len ? g_ptr_array_index (wanted, i) : NULL;

          if (item != NULL && !g_hash_table_contains (old_set, item))
            {
              if (run_len == 0)
                run_start = i;
              run_len++;
              continue;
            }

          if (run_len > 0)
            {
              g_list_store_splice (store, pos, 0, &wanted->pdata[run_start], run_len);
              pos += run_len;
              run_len = 0;
            }
          pos++;
        }
    }
  else
    {
      guint prefix = 0;
      guint suffix = 0;
      guint n_old = current->len;

      while (prefix < n_old && prefix < wanted->len &&
             g_ptr_array_index (current, prefix) == g_ptr_array_index (wanted, prefix))
        prefix++;
      while (suffix < n_old - prefix && suffix < wanted->len - prefix &&
             g_ptr_array_index (current, n_old - 1 - suffix) ==
             g_ptr_array_index (wanted, wanted->len - 1 - suffix))
        suffix++;

      g_list_store_splice (store, prefix, n_old - prefix - suffix,
                           &wanted->pdata[prefix], wanted->len - prefix - suffix);
    }
}

static gboolean
int64_key_equal (gconstpointer a,
                 gconstpointer b)
{
  return *(const gint64 *) a == *(const gint64 *) b;
}

static int
compare_osd_data (gconstpointer a,
                  gconstpointer b)
{
  const KdccOsdData *x = *(const KdccOsdData * const *) a;
  const KdccOsdData *y = *(const KdccOsdData * const *) b;

  return (x->id > y->id) - (x->id < y->id);
}

static int
compare_pool_data (gconstpointer a,
                   gconstpointer b)
{
  const KdccPoolData *x = *(const KdccPoolData * const *) a;
  const KdccPoolData *y = *(const KdccPoolData * const *) b;

  return (x->id > y->id) - (x->id < y->id);
}

static int
compare_host_data (gconstpointer a,
                   gconstpointer b)
{
  const KdccHostData *x = *(const KdccHostData * const *) a;
  const KdccHostData *y = *(const KdccHostData * const *) b;

  return g_strcmp0 (x->name, y->name);
}

static int
compare_check_data (gconstpointer a,
                    gconstpointer b)
{
  const KdccHealthCheckData *x = *(const KdccHealthCheckData * const *) a;
  const KdccHealthCheckData *y = *(const KdccHealthCheckData * const *) b;

  if (x->severity != y->severity)
    return x->severity > y->severity ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

static int
compare_pg_state_data (gconstpointer a,
                       gconstpointer b)
{
  const KdccPgStateData *x = *(const KdccPgStateData * const *) a;
  const KdccPgStateData *y = *(const KdccPgStateData * const *) b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->state, y->state);
}

/* Returns a borrowed, sorted view of @data. Sources usually deliver the
 * list in key order already, so the O(n log n) sort is skipped when a
 * linear check says it is not needed. */
static GPtrArray *
sorted_view (GPtrArray    *data,
             GCompareFunc  compare)
{
  GPtrArray *view = g_ptr_array_sized_new (data->len);
  gboolean sorted = TRUE;
  guint i;

  for (i = 0; i < data->len; i++)
    {
      g_ptr_array_add (view, g_ptr_array_index (data, i));
      if (i > 0 && compare (&data->pdata[i - 1], &data->pdata[i]) > 0)
        sorted = FALSE;
    }
  if (!sorted)
    g_ptr_array_sort (view, compare);
  return view;
}

/* Holds a reference to every item of @store, so keys borrowed from the
 * items stay valid while the index is used. */
static GPtrArray *
store_items (GListStore *store)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  GPtrArray *items = g_ptr_array_new_full (n_items, g_object_unref);
  guint i;

  for (i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (store), i));
  return items;
}

static void
apply_osds (KdccCluster *self,
            GPtrArray   *data)
{
  g_autoptr(GPtrArray) old_items = store_items (self->osds);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, int64_key_equal);
  g_autoptr(GPtrArray) view = sorted_view (data, compare_osd_data);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_full (view->len, g_object_unref);
  g_autofree gint64 *keys = g_new (gint64, old_items->len + 1);
  guint i;

  for (i = 0; i < old_items->len; i++)
    {
      KdccOsd *osd = g_ptr_array_index (old_items, i);

      keys[i] = kdcc_osd_get_id (osd);
      g_hash_table_insert (index, &keys[i], osd);
    }

  for (i = 0; i < view->len; i++)
    {
      const KdccOsdData *osd_data = g_ptr_array_index (view, i);
      KdccOsd *osd;

      /* Ids that the osdmap lists but that do not exist (destroyed OSDs)
       * are not OSDs to show; a duplicate id is kept once. */
      if (!osd_data->exists)
        continue;
      if (wanted->len > 0 &&
          kdcc_osd_get_id (g_ptr_array_index (wanted, wanted->len - 1)) == osd_data->id)
        continue;

      osd = g_hash_table_lookup (index, &osd_data->id);
      osd = osd != NULL ? g_object_ref (osd) : kdcc_osd_new (osd_data->id);
      kdcc_osd_update (osd, osd_data);
      g_ptr_array_add (wanted, osd);
    }

  sync_store (self->osds, wanted);
}

static void
apply_pools (KdccCluster *self,
             GPtrArray   *data)
{
  g_autoptr(GPtrArray) old_items = store_items (self->pools);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, int64_key_equal);
  g_autoptr(GPtrArray) view = sorted_view (data, compare_pool_data);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_full (view->len, g_object_unref);
  g_autofree gint64 *keys = g_new (gint64, old_items->len + 1);
  guint i;

  for (i = 0; i < old_items->len; i++)
    {
      KdccPool *pool = g_ptr_array_index (old_items, i);

      keys[i] = kdcc_pool_get_id (pool);
      g_hash_table_insert (index, &keys[i], pool);
    }

  for (i = 0; i < view->len; i++)
    {
      const KdccPoolData *pool_data = g_ptr_array_index (view, i);
      KdccPool *pool;

      if (wanted->len > 0 &&
          kdcc_pool_get_id (g_ptr_array_index (wanted, wanted->len - 1)) == pool_data->id)
        continue;

      pool = g_hash_table_lookup (index, &pool_data->id);
      pool = pool != NULL ? g_object_ref (pool) : kdcc_pool_new (pool_data->id);
      kdcc_pool_update (pool, pool_data);
      g_ptr_array_add (wanted, pool);
    }

  sync_store (self->pools, wanted);
}

static void
apply_hosts (KdccCluster *self,
             GPtrArray   *data)
{
  g_autoptr(GPtrArray) old_items = store_items (self->hosts);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) view = sorted_view (data, compare_host_data);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_full (view->len, g_object_unref);
  guint i;

  for (i = 0; i < old_items->len; i++)
    {
      KdccHost *host = g_ptr_array_index (old_items, i);

      g_hash_table_insert (index, (gpointer) kdcc_host_get_name (host), host);
    }

  for (i = 0; i < view->len; i++)
    {
      const KdccHostData *host_data = g_ptr_array_index (view, i);
      KdccHost *host;

      if (host_data->name == NULL)
        continue;
      if (wanted->len > 0 &&
          g_strcmp0 (kdcc_host_get_name (g_ptr_array_index (wanted, wanted->len - 1)),
                     host_data->name) == 0)
        continue;

      host = g_hash_table_lookup (index, host_data->name);
      host = host != NULL ? g_object_ref (host) : kdcc_host_new (host_data->name);
      kdcc_host_update (host, host_data);
      g_ptr_array_add (wanted, host);
    }

  sync_store (self->hosts, wanted);
}

static void
apply_checks (KdccCluster *self,
              GPtrArray   *data)
{
  g_autoptr(GPtrArray) old_items = store_items (self->checks);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) view = sorted_view (data, compare_check_data);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_full (view->len, g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  for (i = 0; i < old_items->len; i++)
    {
      KdccHealthCheck *check = g_ptr_array_index (old_items, i);

      g_hash_table_insert (index, (gpointer) kdcc_health_check_get_code (check), check);
    }

  for (i = 0; i < view->len; i++)
    {
      const KdccHealthCheckData *check_data = g_ptr_array_index (view, i);
      KdccHealthCheck *check;

      /* Sorted by severity first, so duplicates need not be adjacent. */
      if (check_data->code == NULL || !g_hash_table_add (seen, check_data->code))
        continue;

      check = g_hash_table_lookup (index, check_data->code);
      check = check != NULL ? g_object_ref (check) : kdcc_health_check_new (check_data->code);
      kdcc_health_check_update (check, check_data);
      g_ptr_array_add (wanted, check);
    }

  sync_store (self->checks, wanted);
}

static void
apply_pg_states (KdccCluster *self,
                 GPtrArray   *data)
{
  g_autoptr(GPtrArray) old_items = store_items (self->pg_states);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) view = sorted_view (data, compare_pg_state_data);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_full (view->len, g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  for (i = 0; i < old_items->len; i++)
    {
      KdccPgState *pg_state = g_ptr_array_index (old_items, i);

      g_hash_table_insert (index, (gpointer) kdcc_pg_state_get_state (pg_state), pg_state);
    }

  for (i = 0; i < view->len; i++)
    {
      const KdccPgStateData *pg_data = g_ptr_array_index (view, i);
      KdccPgState *pg_state;

      if (pg_data->state == NULL || !g_hash_table_add (seen, pg_data->state))
        continue;

      pg_state = g_hash_table_lookup (index, pg_data->state);
      pg_state = pg_state != NULL ? g_object_ref (pg_state) : kdcc_pg_state_new (pg_data->state);
      kdcc_pg_state_set_count (pg_state, pg_data->count);
      g_ptr_array_add (wanted, pg_state);
    }

  sync_store (self->pg_states, wanted);
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

  copy_string_array (&self->mons, snapshot->mons);
  copy_string_array (&self->quorum, snapshot->quorum);
  copy_string_array (&self->mgr_standbys, snapshot->mgr_standbys);
  copy_versions (self, snapshot->versions);
  copy_classes (self, snapshot->classes);

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
    apply_checks (self, snapshot->checks);
  if (snapshot->pg_states != NULL)
    apply_pg_states (self, snapshot->pg_states);
  if (snapshot->osds != NULL)
    apply_osds (self, snapshot->osds);
  if (snapshot->pools != NULL)
    apply_pools (self, snapshot->pools);
  if (snapshot->hosts != NULL)
    apply_hosts (self, snapshot->hosts);

  SET_SCALAR (last_update, snapshot->fetched_at > 0 ? snapshot->fetched_at : g_get_real_time (),
              PROP_LAST_UPDATE);
  SET_SCALAR (has_data, TRUE, PROP_HAS_DATA);
  SET_SCALAR (stale, FALSE, PROP_STALE);
  SET_STRING (last_error, NULL, PROP_LAST_ERROR);

  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[REFRESHED], 0);
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

/* JSON -------------------------------------------------------------------- */

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
