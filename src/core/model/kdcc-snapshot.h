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
  double    primary_affinity; /* 0..1 (osd tree, /api/osd); 1 when not reported */
  /* From osd df; has_usage is FALSE when that was not fetched. */
  gboolean  has_usage;
  double    utilization;    /* percent, 0..100 */
  guint64   total_bytes;
  guint64   used_bytes;
  guint64   avail_bytes;
  gint64    pgs;
  /* From osd perf; has_perf is FALSE when that was not fetched. */
  gboolean  has_perf;
  double    commit_latency_ms;
  double    apply_latency_ms;
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
  /* From osd pool ls detail. */
  gint64    crush_rule;
  char     *erasure_code_profile;  /* NULL for replicated pools */
  guint64   quota_max_bytes;       /* 0: no quota */
  guint64   quota_max_objects;     /* 0: no quota */
  GPtrArray *options;       /* (element-type utf8) "name=value", sorted by name */
  /* From osd erasure-code-profile get, for erasure pools; -1 unknown. */
  gint64    ec_k;
  gint64    ec_m;
  char     *failure_domain;        /* "host", "osd", ...; NULL unknown */
  /* From osd pool stats; has_io is FALSE when that was not fetched. */
  gboolean  has_io;
  double    read_ops;
  double    write_ops;
  double    read_bytes;
  double    write_bytes;
  double    recovering_bytes;
  /* PG states of this pool (element-type KdccPgStateData); NULL unless the
   * PG list was fetched (kdcc_cluster_hold_pg_list()). */
  GPtrArray *pg_states;
} KdccPoolData;

typedef struct
{
  char      *name;
  GArray    *osd_ids;       /* (element-type gint64) */
  /* Sums over its OSDs, filled by kdcc_snapshot_finish_hosts(). */
  gint64     osds_up;
  gint64     osds_in;
  guint64    total_bytes;
  guint64    used_bytes;
  guint64    avail_bytes;
  /* (element-type utf8) "mon.a", "mgr.x", "mds.a", "rgw.gw1" on this host,
   * where the cluster says (node ls, daemon metadata); sorted. */
  GPtrArray *daemons;
} KdccHostData;

/* One daemon other than an OSD: mon, mgr, mds or rgw. */
typedef struct
{
  char      *daemon_type;   /* "mon", "mgr", "mds", "rgw" */
  char      *name;          /* its id: "a", "x" */
  char      *full_name;     /* "mon.a": the list key */
  char      *host;          /* NULL when unknown */
  char      *addr;          /* public address, NULL when unknown */
  char      *version;       /* "16.2.15", NULL when unknown */
  /* Ceph's word for what it does: mon "leader", "peon", "out of quorum";
   * mgr "active", "standby"; mds "up:active", "up:standby",
   * "up:standby-replay", ...; rgw "running". */
  char      *state;
  gint64     rank;          /* mon rank, MDS rank; -1 none */
  gboolean   in_quorum;     /* mon */
  gboolean   leader;        /* mon */
  gboolean   active;        /* mgr active, MDS holding a rank, rgw running */
  char      *filesystem;    /* MDS: the filesystem it serves, NULL standby */
} KdccDaemonData;

/* One mgr module, from mgr module ls / mgr dump and the MGR_MODULE_ERROR /
 * MGR_MODULE_DEPENDENCY health checks. */
typedef struct
{
  char      *name;
  gboolean   enabled;       /* enabled by the admin or always on */
  gboolean   always_on;
  gboolean   can_run;       /* FALSE: its dependencies are missing */
  gboolean   failed;        /* enabled and failed (MGR_MODULE_ERROR) or cannot run */
  char      *error;         /* why it failed or cannot run; NULL when fine */
} KdccMgrModuleData;

/* One CephFS filesystem. */
typedef struct
{
  char      *name;
  gint64     id;
  char      *metadata_pool;
  GPtrArray *data_pools;    /* (element-type utf8) */
  gint64     max_mds;
  gint64     ranks_up;      /* ranks held by an active MDS */
  gint64     ranks_failed;
  gint64     standbys;      /* standby MDS daemons of the cluster, -1 unknown */
  gint64     clients;       /* client sessions, -1 unknown */
  GPtrArray *mds_names;     /* (element-type utf8) MDS daemons holding a rank */
} KdccFilesystemData;

/* Problems of one PG (KdccPgData.problems). */
typedef enum /*< flags >*/
{
  KDCC_PG_PROBLEM_NONE              = 0,
  KDCC_PG_PROBLEM_NOT_CLEAN         = 1 << 0, /* not active+clean (kdcc-pg-class.h) */
  KDCC_PG_PROBLEM_INCONSISTENT      = 1 << 1, /* inconsistent or snaptrim_error */
  KDCC_PG_PROBLEM_STUCK             = 1 << 2, /* inactive or unclean for over 60 s, or stale */
  KDCC_PG_PROBLEM_NOT_SCRUBBED      = 1 << 3, /* as Ceph's PG_NOT_SCRUBBED */
  KDCC_PG_PROBLEM_NOT_DEEP_SCRUBBED = 1 << 4, /* as Ceph's PG_NOT_DEEP_SCRUBBED */
} KdccPgProblems;

/* One placement group. */
typedef struct
{
  char      *pgid;          /* "2.1f" */
  gint64     pool_id;
  gint64     seed;          /* the hex part, for ordering */
  char      *state;
  GArray    *up;            /* (element-type gint64) OSD ids */
  GArray    *acting;        /* (element-type gint64) */
  gint64     up_primary;
  gint64     acting_primary;
  /* Unix seconds; 0 unknown (pg dump pgs_brief has no stamps). */
  gint64     last_scrub_stamp;
  gint64     last_deep_scrub_stamp;
  gint64     last_active_stamp;
  gint64     last_clean_stamp;
  /* Seconds the last scrub took (Quincy and later); -1 unknown. */
  double     last_scrub_duration;
  guint64    objects;
  guint64    bytes;
  KdccPgProblems problems;
  /* Everything above hashed (kdcc_snapshot_compute_digests(), on the
   * worker); 0 when not computed. The model skips a PG whose digest is the
   * one it applied last time at the same place in the list. */
  guint64    digest;
} KdccPgData;

/* Parts of the model a connection may not be able to fill. A page shows
 * what is missing and why (kdcc_cluster_get_missing_reason()) instead of
 * an empty table. */
typedef enum /*< flags >*/
{
  KDCC_MODEL_PART_NONE          = 0,
  KDCC_MODEL_PART_OSD_LATENCY   = 1 << 0,  /* osd perf */
  KDCC_MODEL_PART_OSD_USAGE     = 1 << 1,  /* osd df */
  KDCC_MODEL_PART_OSD_DETAIL    = 1 << 2,  /* osd metadata, pg ls-by-osd */
  KDCC_MODEL_PART_POOL_IO       = 1 << 3,  /* osd pool stats */
  KDCC_MODEL_PART_EC_PROFILES   = 1 << 4,  /* osd erasure-code-profile get */
  KDCC_MODEL_PART_PG_LIST       = 1 << 5,  /* pg ls / pg dump */
  KDCC_MODEL_PART_MGR_MODULES   = 1 << 6,  /* mgr module ls */
  KDCC_MODEL_PART_DAEMONS       = 1 << 7,  /* mon/mgr/mds/rgw daemons, addresses */
  KDCC_MODEL_PART_HOST_DAEMONS  = 1 << 8,  /* node ls */
  KDCC_MODEL_PART_FILESYSTEMS   = 1 << 9,  /* fs dump, fs status */
  KDCC_MODEL_PART_LAST          = KDCC_MODEL_PART_FILESYSTEMS,
} KdccModelPart;

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
  gint64    fsmap_epoch;

  /* Lists. A NULL list means "not fetched this time, keep what you have";
   * an empty array means the cluster really has none. */
  GPtrArray *osds;          /* (element-type KdccOsdData) */
  GPtrArray *pools;         /* (element-type KdccPoolData) */
  GPtrArray *hosts;         /* (element-type KdccHostData) */
  GPtrArray *daemons;       /* (element-type KdccDaemonData) mons, mgrs, MDS, RGW */
  GPtrArray *mgr_modules;   /* (element-type KdccMgrModuleData) */
  GPtrArray *filesystems;   /* (element-type KdccFilesystemData) */
  GPtrArray *pgs;           /* (element-type KdccPgData) only when wanted */

  /* What this connection could not fetch, and why (one reason per part
   * bit, indexed by the bit's position; NULL for parts not missing).
   * A part the snapshot leaves out only because it was not due this time
   * is not missing. */
  KdccModelPart missing;
  char     *missing_reasons[16];
  /* Content digests of the heavy lists (kdcc_snapshot_compute_digests),
   * 0 when not computed: the model skips a list whose digest equals the
   * one it applied last, so an unchanged 10,000-OSD list costs the main
   * thread nothing. */
  guint64   osds_digest;
  guint64   pools_digest;
  guint64   hosts_digest;
  /* The PG list's: an unchanged list of 100,000 PGs (most refreshes while
   * the PG page is open) would cost the main thread over 100 ms. */
  guint64   pgs_digest;
  /* Made with it, beside pgs: each PG's digest in list order, so the
   * model compares 100,000 of them without reaching into each PG (a cache
   * miss each, ~8 ms), and the PGs with problems (pointers into pgs, not
   * owned). NULL when not computed. */
  GArray   *pg_digests;     /* guint64 */
  GPtrArray *problem_pgs;   /* (element-type KdccPgData) */

  /* TRUE when only the light part was fetched (status, health) and a
   * second, complete snapshot follows (progressive refresh): the model
   * keeps the lists it has. */
  gboolean  partial;

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
KdccDaemonData        *kdcc_daemon_data_new         (const char *daemon_type,
                                                     const char *name);
void                   kdcc_daemon_data_free        (KdccDaemonData *data);
KdccMgrModuleData     *kdcc_mgr_module_data_new     (const char *name);
void                   kdcc_mgr_module_data_free    (KdccMgrModuleData *data);
KdccFilesystemData    *kdcc_filesystem_data_new     (const char *name);
void                   kdcc_filesystem_data_free    (KdccFilesystemData *data);
KdccPgData            *kdcc_pg_data_new             (const char *pgid);
void                   kdcc_pg_data_free            (KdccPgData *data);
/* The PG list's order: by pool, then by the hex seed (1.9, 1.a, 1.10). */
int                    kdcc_pg_data_compare         (const KdccPgData *a,
                                                     const KdccPgData *b);
/* Splits "2.1f" into pool 2 and seed 0x1f; FALSE for anything else. */
gboolean               kdcc_pg_id_parse             (const char *pgid,
                                                     gint64     *pool_id,
                                                     gint64     *seed);
/* Sets data->problems from its state and stamps, as of NOW (unix s). */
void                   kdcc_pg_data_classify        (KdccPgData *data,
                                                     gint64      now);

/* Deep copies and comparisons, for sources that cache these lists and
 * attach them to a snapshot only when they changed. */
KdccDaemonData     *kdcc_daemon_data_copy      (const KdccDaemonData     *data);
KdccMgrModuleData  *kdcc_mgr_module_data_copy  (const KdccMgrModuleData  *data);
KdccFilesystemData *kdcc_filesystem_data_copy  (const KdccFilesystemData *data);
/* A new array of copies of ARRAY's elements made with COPY, freed with
 * FREE_FUNC; NULL for a NULL ARRAY. */
GPtrArray          *kdcc_snapshot_copy_list    (const GPtrArray *array,
                                                GCopyFunc        copy,
                                                GDestroyNotify   free_func);
gboolean            kdcc_daemon_lists_equal    (const GPtrArray *a,
                                                const GPtrArray *b);
gboolean            kdcc_mgr_module_lists_equal (const GPtrArray *a,
                                                 const GPtrArray *b);
gboolean            kdcc_filesystem_lists_equal (const GPtrArray *a,
                                                 const GPtrArray *b);

/* Records that PART could not be fetched, with a translated REASON. */
void          kdcc_snapshot_set_missing (KdccSnapshot  *self,
                                         KdccModelPart  part,
                                         const char    *reason);
/* Sets the digests of the OSD, pool, host and PG lists that are present,
 * and each PG's (worker thread, after every parser ran). */
void          kdcc_snapshot_compute_digests (KdccSnapshot *self);

/* Fills each host's sums (OSDs up/in, capacity) from the OSD list. */
void          kdcc_snapshot_finish_hosts (KdccSnapshot *self);

/* Lookups used by parsers that merge several commands into one snapshot. */
/* Creates the (empty) OSD list if the snapshot has none yet: a parser that
 * read an OSD map says "this cluster has these OSDs", even when none. */
GPtrArray    *kdcc_snapshot_ensure_osd_list (KdccSnapshot *self);
KdccOsdData  *kdcc_snapshot_ensure_osd  (KdccSnapshot *self, gint64 id);
KdccPoolData *kdcc_snapshot_ensure_pool (KdccSnapshot *self, gint64 id);
KdccHostData *kdcc_snapshot_ensure_host (KdccSnapshot *self, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccSnapshot, kdcc_snapshot_unref)

G_END_DECLS
