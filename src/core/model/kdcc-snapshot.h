/* kdcc-snapshot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A snapshot is the plain-value result of one refresh. Sources build it on
 * a worker thread from transport JSON (librados or the Dashboard REST API);
 * the main thread hands it to kdcc_cluster_apply_snapshot(), which diffs it
 * into the GObject model. Nothing here is a GObject, so a snapshot can be
 * built and thrown away off the main thread without touching signals. */

typedef enum
{
  KDCC_HEALTH_UNKNOWN,
  KDCC_HEALTH_OK,
  KDCC_HEALTH_WARN,
  KDCC_HEALTH_ERR,
} KdccHealthStatus;

KdccHealthStatus kdcc_health_status_from_string (const char       *str);
const char      *kdcc_health_status_to_string   (KdccHealthStatus  status);

typedef struct
{
  char             *code;      /* e.g. "OSD_DOWN" */
  KdccHealthStatus  severity;
  char             *summary;
  GPtrArray        *detail;    /* (element-type utf8) */
  gboolean          muted;
  gint64            count;     /* -1 when the cluster does not say */
} KdccHealthCheckData;

typedef struct
{
  gint64    id;
  char     *name;           /* "osd.3" */
  char     *host;           /* CRUSH host bucket, NULL when unknown */
  char     *device_class;
  gboolean  exists;
  gboolean  up;
  gboolean  in;
  double    crush_weight;
  double    reweight;
  /* From osd df; has_usage is FALSE when that was not fetched. */
  gboolean  has_usage;
  double    utilization;    /* percent, 0..100 */
  guint64   total_bytes;
  guint64   used_bytes;
  guint64   avail_bytes;
  gint64    pgs;
} KdccOsdData;

typedef struct
{
  gint64    id;
  char     *name;
  char     *type;           /* "replicated" or "erasure" */
  gint64    size;
  gint64    min_size;
  gint64    pg_num;
  char     *autoscale_mode; /* "on", "off", "warn" */
  GPtrArray *applications;  /* (element-type utf8) */
  gboolean  has_usage;
  guint64   stored_bytes;
  guint64   max_avail_bytes;
  double    percent_used;   /* 0..100 */
  guint64   objects;
} KdccPoolData;

typedef struct
{
  char      *name;
  GArray    *osd_ids;       /* (element-type gint64) */
} KdccHostData;

typedef struct
{
  char      *device_class;
  guint64    total_bytes;
  guint64    used_bytes;
  guint64    avail_bytes;
} KdccClassCapacityData;

typedef struct
{
  char      *state;         /* "active+clean" */
  gint64     count;
} KdccPgStateData;

typedef struct
{
  char      *daemon_type;   /* "mon", "mgr", "osd", ... or "overall" */
  char      *version;       /* "ceph version 16.2.15 (...) pacific (stable)" */
  gint64     count;
} KdccVersionData;

typedef struct
{
  gint      ref_count;

  char     *fsid;
  KdccHealthStatus health;
  GPtrArray *checks;        /* (element-type KdccHealthCheckData) */

  /* Capacity */
  guint64   total_bytes;
  guint64   used_bytes;
  guint64   avail_bytes;
  GPtrArray *classes;       /* (element-type KdccClassCapacityData) */

  /* Client IO and recovery, per second */
  double    read_ops;
  double    write_ops;
  double    read_bytes;
  double    write_bytes;
  double    recovering_bytes;
  double    recovering_objects;

  /* PGs */
  gint64    pgs_total;
  GPtrArray *pg_states;     /* (element-type KdccPgStateData) */

  /* Daemons */
  GPtrArray *mons;          /* (element-type utf8) all mon names */
  GPtrArray *quorum;        /* (element-type utf8) mon names in quorum */
  char     *mgr_active;     /* NULL when no mgr is active */
  GPtrArray *mgr_standbys;  /* (element-type utf8) */
  gint64    osds_total;
  gint64    osds_up;
  gint64    osds_in;
  gint64    pools_total;
  GPtrArray *versions;      /* (element-type KdccVersionData) */

  /* Map epochs, so heavy maps are fetched only when they move. */
  gint64    osdmap_epoch;
  gint64    monmap_epoch;
  gint64    pgmap_version;

  /* Lists. A NULL list means "not fetched this time, keep what you have";
   * an empty array means the cluster really has none. */
  GPtrArray *osds;          /* (element-type KdccOsdData) */
  GPtrArray *pools;         /* (element-type KdccPoolData) */
  GPtrArray *hosts;         /* (element-type KdccHostData) */

  /* Which transport produced this: "rados" or "dashboard" */
  char     *source_kind;
  gint64    fetched_at;     /* g_get_real_time () when completed */

  /*< private >*/
  /* id/name -> element, so merging osd tree, osd df and pool detail stays
   * linear at 10,000 OSDs. */
  GHashTable *osd_index;
  GHashTable *pool_index;
  GHashTable *host_index;
} KdccSnapshot;

KdccSnapshot *kdcc_snapshot_new   (void);
KdccSnapshot *kdcc_snapshot_ref   (KdccSnapshot *self);
void          kdcc_snapshot_unref (KdccSnapshot *self);

KdccHealthCheckData   *kdcc_health_check_data_new   (void);
void                   kdcc_health_check_data_free  (KdccHealthCheckData *data);
KdccOsdData           *kdcc_osd_data_new            (void);
void                   kdcc_osd_data_free           (KdccOsdData *data);
KdccPoolData          *kdcc_pool_data_new           (void);
void                   kdcc_pool_data_free          (KdccPoolData *data);
KdccHostData          *kdcc_host_data_new           (const char *name);
void                   kdcc_host_data_free          (KdccHostData *data);
KdccClassCapacityData *kdcc_class_capacity_data_new (const char *device_class);
KdccClassCapacityData *kdcc_class_capacity_data_copy (const KdccClassCapacityData *data);
void                   kdcc_class_capacity_data_free (KdccClassCapacityData *data);
KdccPgStateData       *kdcc_pg_state_data_new       (const char *state, gint64 count);
void                   kdcc_pg_state_data_free      (KdccPgStateData *data);
KdccVersionData       *kdcc_version_data_new        (const char *daemon_type,
                                                     const char *version,
                                                     gint64      count);
void                   kdcc_version_data_free       (KdccVersionData *data);

/* Lookups used by parsers that merge several commands into one snapshot. */
/* Creates the (empty) OSD list if the snapshot has none yet: a parser that
 * read an OSD map says "this cluster has these OSDs", even when none. */
GPtrArray    *kdcc_snapshot_ensure_osd_list (KdccSnapshot *self);
KdccOsdData  *kdcc_snapshot_ensure_osd  (KdccSnapshot *self, gint64 id);
KdccPoolData *kdcc_snapshot_ensure_pool (KdccSnapshot *self, gint64 id);
KdccHostData *kdcc_snapshot_ensure_host (KdccSnapshot *self, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccSnapshot, kdcc_snapshot_unref)

G_END_DECLS
