/* kdcc-rados-source-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <rados/librados.h>

#include "kdcc-rados-source.h"

G_BEGIN_DECLS

/*< private >*/
/* Shared by kdcc-rados-source.c (the snapshot) and kdcc-rados-conn.c (the
 * connection and its commands). */

/* One librados connection. Commands run on it concurrently (rados_t is
 * thread-safe); each user holds a reference, so the handle is shut down
 * only when the last one drops it and a disconnect or a reconnect while
 * another thread is mid-command never leaves that thread with a shut-down
 * handle. */
typedef struct
{
  gatomicrefcount ref;
  rados_t         cluster;
  guint64         serial;   /* distinguishes successive connections */
} RadosConn;

struct _KdccRadosSource
{
  GObject    parent_instance;

  char      *conf_path;
  char      *keyring_path;
  char      *client_id;

  /* Guards conn, next_serial and the connection attempt's fields, and is
   * never held during a command or while connecting: a thread that only
   * retires a connection which just failed (see retire_conn) must not
   * wait out someone else's connect, up to KDCC_RADOS_TIMEOUT_S each.
   * Under that wait the window's refresh once sat more than 90 s behind
   * a row of other callers' connects to a stopped mon, since a mutex
   * hands itself to whoever comes first, and showed no error all along. */
  GMutex     lock;
  /* One attempt at a time: a call that finds an attempt under way waits
   * for it (attempt_done) and shares its outcome, so callers that pile up
   * while the mon is away cost one timeout, not one each in turn. */
  GCond      attempt_done;
  gboolean   connecting;
  guint      attempts_started;
  guint      attempts_finished;
  GError    *attempt_error;       /* (nullable) why the last attempt failed */
  RadosConn *conn;                /* (nullable) the current connection */
  guint64    next_serial;
  gint       disconnect_pending;  /* atomic; set by disconnect() while connecting */

  /* Serializes snapshot refreshes and guards every field below; commands
   * run through run_command never take it. */
  GMutex     snapshot_lock;
  /* The connection the caches below were filled on: a reconnect may reach
   * a different cluster state (or cluster), so they are dropped then and
   * the next snapshot carries full maps. 0: none. */
  guint64    cache_serial;

  /* What the last snapshots fetched, so unchanged maps are not fetched
   * again. -1 means "never". */
  gint64     monmap_epoch;
  gint64     mgrmap_epoch;
  gint64     heavy_osdmap_epoch;
  gint64     heavy_pgs_total;
  gint64     heavy_pools_total;
  gint64     versions_osdmap_epoch;
  gint64     versions_monmap_epoch;
  gint64     versions_mgrmap_epoch;
  /* The mgr map epoch under which a mgr command last failed; mgr commands
   * are not tried again until the map moves (see fetch_snapshot). */
  gint64     mgr_failed_epoch;
  /* Full fetches (fetch_snapshot) on this connection; the first one
   * leaves fs status out (see fs_status_due). */
  guint      full_fetches;
  GPtrArray *mons;                /* (element-type utf8) (nullable) */
  GPtrArray *mgr_standbys;        /* (element-type utf8) (nullable) */
  GPtrArray *versions;            /* (element-type KdccVersionData) (nullable) */

  /* Commands inside librados right now, and the most there ever were at
   * once (atomics): the test that commands are not serialised reads them
   * instead of timing threads on a busy machine. */
  gint       commands_in_flight;
  gint       max_commands_in_flight;

  /* Drill-down caches (kdcc-rados-drill.c). "drill" holds the daemons,
   * mgr modules and filesystems parsed from the maps fetched when their
   * epochs moved; the last_* lists are what the last snapshot carried, so
   * a list is attached only when its content changed. */
  KdccSnapshot *drill;
  gint64     quorum_monmap_epoch;
  GPtrArray *quorum_names;        /* (element-type utf8) (nullable) at the last quorum_status */
  gint64     fsmap_epoch;
  /* The cached filesystems carry fs status' client counts. */
  gboolean   fs_status_done;
  GBytes    *node_ls;             /* (nullable) */
  GPtrArray *last_daemons;
  GPtrArray *last_modules;
  GPtrArray *last_filesystems;
  /* The PG list: what its last fetch was keyed on, and the list itself
   * (immutable once attached) for the pools' PG states. */
  gint64     pgs_osdmap_epoch;
  gint64     pgs_pgmap_version;
  char      *pgs_digest;
  GPtrArray *last_pgs;
};

RadosConn *_kdcc_rados_conn_ref         (RadosConn        *conn);
void       _kdcc_rados_conn_unref       (RadosConn        *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RadosConn, _kdcc_rados_conn_unref)

/* Called with self->lock held. */
void       _kdcc_rados_drop_conn_locked (KdccRadosSource  *self);
gboolean   _kdcc_rados_conn_is_current  (KdccRadosSource  *self,
                                         RadosConn        *conn);
RadosConn *_kdcc_rados_acquire_conn     (KdccRadosSource  *self,
                                         GCancellable     *cancellable,
                                         GError          **error);
GBytes    *_kdcc_rados_command_run      (KdccRadosSource  *self,
                                         RadosConn        *conn,
                                         const char       *target,
                                         const char       *command_json,
                                         const char       *label,
                                         char            **status_out,
                                         GCancellable     *cancellable,
                                         GError          **error);
/* The same with an input buffer (`ceph … -i FILE`). */
GBytes    *_kdcc_rados_command_run_input (KdccRadosSource *self,
                                          RadosConn       *conn,
                                          const char      *target,
                                          const char      *command_json,
                                          const char      *inbuf,
                                          gsize            inbuf_len,
                                          const char      *label,
                                          char           **status_out,
                                          GCancellable    *cancellable,
                                          GError         **error);

/* kdcc-rados-drill.c */
typedef struct _RadosMgrBatch RadosMgrBatch;

/* Runs COMMANDS (JSON, NULL-terminated, copied) against TARGET ("mon" or
 * "mgr"), each on a thread of its own, so they overlap each other and the
 * commands of the same refresh; take the answers after
 * _kdcc_rados_mgr_batch_join(). */
RadosMgrBatch *_kdcc_rados_batch_start     (KdccRadosSource    *self,
                                            RadosConn          *conn,
                                            const char         *target,
                                            const char * const *commands,
                                            GCancellable       *cancellable);
RadosMgrBatch *_kdcc_rados_mgr_batch_start (KdccRadosSource    *self,
                                            RadosConn          *conn,
                                            const char * const *commands,
                                            GCancellable       *cancellable);
void           _kdcc_rados_mgr_batch_join  (RadosMgrBatch      *batch);
/* The answer to command I, or NULL with its error. (transfer full) */
GBytes        *_kdcc_rados_mgr_batch_take  (RadosMgrBatch      *batch,
                                            guint               i,
                                            GError            **error);
void           _kdcc_rados_mgr_batch_free  (RadosMgrBatch      *batch);

void           _kdcc_rados_forget_drill    (KdccRadosSource    *self);
/* The mon-side maps of the drill-down pages, fetched when their epochs
 * moved: quorum_status (monmap epoch or quorum changed), fs dump and fs ls
 * (fsmap epoch), node ls (with the heavy maps), the service map from
 * STATUS. MGR_DUMP is the mgr dump fetched this time, or NULL. */
gboolean       _kdcc_rados_fetch_daemons   (KdccRadosSource    *self,
                                            RadosConn          *conn,
                                            KdccSnapshot       *snap,
                                            GBytes             *status,
                                            GBytes             *mgr_dump,
                                            gboolean            force,
                                            gboolean            heavy,
                                            GCancellable       *cancellable,
                                            GError            **error);
/* Attaches the daemons, modules and filesystems to SNAP when they differ
 * from what the last snapshot carried. */
void           _kdcc_rados_attach_lists    (KdccRadosSource    *self,
                                            KdccSnapshot       *snap);
/* Whether the PG list must be fetched now (wanted, and the pgmap or the
 * osdmap moved, or FORCE). */
gboolean       _kdcc_rados_pg_list_due     (KdccRadosSource    *self,
                                            KdccSnapshot       *snap,
                                            gboolean            force);
/* The mgr command that lists PGs for a cluster with PGS_TOTAL PGs. */
const char    *_kdcc_rados_pg_list_command (gint64              pgs_total);
/* Parses the PG list answer into SNAP and remembers it. */
gboolean       _kdcc_rados_take_pg_list    (KdccRadosSource    *self,
                                            KdccSnapshot       *snap,
                                            GBytes             *bytes,
                                            GError            **error);

/* kdcc-rados-heavy.c: the heavy part of a full fetch (see there): the
 * commands of the mgr batch, where each answer is (slot: an index into
 * the mgr batch, or into the PG list's own one), and the batches running. */
enum { MGR_OSD_DF, MGR_OSD_PERF, MGR_POOL_STATS, MGR_FS_STATUS, MGR_PG_LIST, N_MGR };

typedef struct
{
  const char    *commands[N_MGR + 1];
  const char    *pgs_command;
  int            slot[N_MGR];
  RadosMgrBatch *mgr;   /* (nullable) no mgr available, or not started */
  RadosMgrBatch *pgs;   /* (nullable) the PG list not due */
  RadosMgrBatch *tree;  /* (nullable) not started */
} HeavyFetch;

void     _kdcc_rados_heavy_start_tree (KdccRadosSource  *self,
                                       RadosConn        *conn,
                                       HeavyFetch       *h,
                                       GCancellable     *cancellable);
void     _kdcc_rados_heavy_start_mgr  (KdccRadosSource  *self,
                                       RadosConn        *conn,
                                       gboolean          mgr_ok,
                                       gboolean          fs_due,
                                       HeavyFetch       *h,
                                       GCancellable     *cancellable);
void     _kdcc_rados_heavy_start_pgs  (KdccRadosSource  *self,
                                       RadosConn        *conn,
                                       gint64            pgs_total,
                                       HeavyFetch       *h,
                                       GCancellable     *cancellable);

void     _kdcc_rados_heavy_clear   (HeavyFetch       *h);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HeavyFetch, _kdcc_rados_heavy_clear)

gboolean _kdcc_rados_heavy_finish  (KdccRadosSource  *self,
                                    RadosConn        *conn,
                                    KdccSnapshot     *snap,
                                    gint64            mgrmap_epoch,
                                    HeavyFetch       *h,
                                    gboolean         *usage_ok,
                                    GCancellable     *cancellable,
                                    GError          **error);
gboolean _kdcc_rados_fs_status_due (KdccRadosSource  *self,
                                    gboolean          heavy);

G_END_DECLS
