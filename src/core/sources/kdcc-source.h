/* kdcc-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-operation.h"
#include "kdcc-snapshot.h"

G_BEGIN_DECLS

/* Receives a snapshot (transfer none) before the fetch that made it ends. */
typedef void (*KdccSnapshotFunc) (KdccSnapshot *snapshot,
                                  gpointer      user_data);

#define KDCC_TYPE_SOURCE (kdcc_source_get_type ())

G_DECLARE_INTERFACE (KdccSource, kdcc_source, KDCC, SOURCE, GObject)

/* What a connection can do. Pages and actions are offered only when the
 * session's source has the capabilities they need, and say why otherwise
 * (gnome-disk-utility's feature flags). A transport declares what it can
 * reach; the Dashboard, for instance, runs no raw mon commands. */
typedef enum /*< flags >*/
{
  KDCC_CAPABILITY_NONE          = 0,
  KDCC_CAPABILITY_MON_COMMANDS  = 1 << 0,  /* raw mon commands (librados) */
  KDCC_CAPABILITY_MGR_COMMANDS  = 1 << 1,  /* raw mgr commands (librados) */
  KDCC_CAPABILITY_CONFIG_READ   = 1 << 2,  /* config dump / ls / help */
  KDCC_CAPABILITY_CONFIG_WRITE  = 1 << 3,  /* config set / rm */
  KDCC_CAPABILITY_POOL_WRITE    = 1 << 4,  /* osd pool set / application / quota */
  KDCC_CAPABILITY_OSD_FLAGS     = 1 << 5,  /* osd set / unset FLAG */
  KDCC_CAPABILITY_OSD_WRITE     = 1 << 6,  /* osd in / out / reweight / primary-affinity */
  KDCC_CAPABILITY_HEALTH_MUTE   = 1 << 7,  /* health mute / unmute */
  KDCC_CAPABILITY_PG_DETAIL     = 1 << 8,  /* pg dump / pg ls */
  KDCC_CAPABILITY_DIAGNOSTICS   = 1 << 9,  /* the full diagnostic bundle */
  KDCC_CAPABILITY_PG_SCRUB      = 1 << 10, /* pg scrub / deep-scrub */
  /* A high bit on purpose, away from the next flags others add. */
  KDCC_CAPABILITY_DASHBOARD_SSO = 1 << 24, /* dashboard sso / ac-user-* (mgr commands) */
} KdccCapabilities;

/* A source is one transport to one cluster: librados (direct), the Ceph
 * Dashboard REST API, and later Kubernetes. Everything above a source is the
 * same for all of them.
 *
 * The vfuncs block and are only ever called on worker threads; an
 * implementation must therefore be thread-safe (it may simply serialize
 * with a mutex). The main thread uses the _async wrappers below. */
struct _KdccSourceInterface
{
  GTypeInterface parent_iface;

  const char   *(*get_kind)       (KdccSource    *self);

  /* Constant for the lifetime of the source. Defaults to NONE. */
  KdccCapabilities (*get_capabilities) (KdccSource *self);

  /* One refresh. The source decides itself whether heavy maps (osd tree,
   * osd df, pool detail) must be fetched again, by comparing the epochs in
   * status with what it fetched before; when it skips them it leaves
   * snapshot->osds/pools/hosts NULL. force_heavy makes it fetch them. */
  KdccSnapshot *(*fetch_snapshot) (KdccSource    *self,
                                   gboolean       force_heavy,
                                   GCancellable  *cancellable,
                                   GError       **error);

  /* Optional: the first fetch of a progressive start, complete (heavy
   * maps forced) as fetch_snapshot's, that calls LIGHT once, from the
   * worker, with status and health (a snapshot of their own, partial,
   * transfer none) as soon as they are in, while the heavy maps are still on their
   * way: the first view shows them at once, and they are not asked twice.
   * NULL: the first fetch is a plain forced one. */
  KdccSnapshot *(*fetch_first)    (KdccSource        *self,
                                   KdccSnapshotFunc   light,
                                   gpointer           light_data,
                                   GCancellable      *cancellable,
                                   GError           **error);

  /* Runs one Ceph command given as its JSON object, e.g.
   * {"prefix":"osd tree","format":"json"}, against the mon (target "mon")
   * or the active mgr (target "mgr"), or a daemon command to one OSD
   * ("osd.N", as `ceph tell osd.N`). Returns the output buffer; *status
   * receives Ceph's status string. Sources that cannot run raw commands
   * return KDCC_ERROR_NOT_SUPPORTED. */
  GBytes       *(*run_command)    (KdccSource    *self,
                                   const char    *target,
                                   const char    *command_json,
                                   char         **status,
                                   GCancellable  *cancellable,
                                   GError       **error);

  /* Forget the connection so the next call reconnects. */
  void          (*disconnect)     (KdccSource    *self);

  /* Applies one operation, already validated and checked against the
   * capabilities by kdcc_source_apply_operation_async. A command the
   * cluster refuses fails with KDCC_ERROR_COMMAND carrying Ceph's own
   * message; what this transport cannot do fails with
   * KDCC_ERROR_NOT_SUPPORTED before anything is sent. NULL: the source
   * changes nothing. */
  gboolean      (*apply_operation) (KdccSource    *self,
                                    KdccOperation *operation,
                                    GCancellable  *cancellable,
                                    GError       **error);

  /* Reads what is in force now for the operation's target, in the terms of
   * kdcc_operation_get_expected_value: the value stored for exactly that
   * WHO and option (NULL when none), a pool property as `osd pool get`
   * prints it (NULL when unset), "set" or NULL for a flag, "in" or "out",
   * an OSD's weight, "muted" or NULL for a health code. */
  gboolean      (*read_back)       (KdccSource    *self,
                                    KdccOperation *operation,
                                    char         **value,
                                    GCancellable  *cancellable,
                                    GError       **error);
};

const char   *kdcc_source_get_kind             (KdccSource           *self);
KdccCapabilities kdcc_source_get_capabilities  (KdccSource           *self);
KdccSnapshot *kdcc_source_fetch_snapshot_sync  (KdccSource           *self,
                                                gboolean              force_heavy,
                                                GCancellable         *cancellable,
                                                GError              **error);
void          kdcc_source_fetch_snapshot_async (KdccSource           *self,
                                                gboolean              force_heavy,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
KdccSnapshot *kdcc_source_fetch_snapshot_finish (KdccSource          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
/* The progressive first fetch (see fetch_first); FALSE from
 * can_fetch_first when the source has none. */
gboolean      kdcc_source_can_fetch_first       (KdccSource          *self);
/* Blocks; LIGHT runs on the calling thread. Benchmarks and tests. */
KdccSnapshot *kdcc_source_fetch_first_sync      (KdccSource          *self,
                                                 KdccSnapshotFunc     light,
                                                 gpointer             light_data,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
/* LIGHT runs on the thread-default main context of the caller, before
 * CALLBACK, with the partial snapshot (transfer none) and LIGHT_DATA,
 * which LIGHT_DESTROY frees once the fetch is over. */
void          kdcc_source_fetch_first_async     (KdccSource          *self,
                                                 GCancellable        *cancellable,
                                                 KdccSnapshotFunc     light,
                                                 gpointer             light_data,
                                                 GDestroyNotify       light_destroy,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
KdccSnapshot *kdcc_source_fetch_first_finish    (KdccSource          *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
GBytes       *kdcc_source_run_command_sync     (KdccSource           *self,
                                                const char           *target,
                                                const char           *command_json,
                                                char                **status,
                                                GCancellable         *cancellable,
                                                GError              **error);
void          kdcc_source_disconnect           (KdccSource           *self);

/* The optional lists the next snapshots should carry, such as
 * KDCC_MODEL_PART_PG_LIST (heavy: fetched only while a page shows it).
 * Any thread; the monitor sets it from the cluster before each refresh. */
void          kdcc_source_set_wanted           (KdccSource           *self,
                                                KdccModelPart         parts);
KdccModelPart kdcc_source_get_wanted           (KdccSource           *self);

/* The capability an operation needs (CONFIG_WRITE, OSD_FLAGS, ...). */
KdccCapabilities kdcc_capability_for_operation (KdccOperation *operation);
/* Validates OPERATION, checks the source's capabilities and applies it on
 * a worker thread. Services call this; widgets never do. */
void          kdcc_source_apply_operation_async  (KdccSource          *self,
                                                  KdccOperation       *operation,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      kdcc_source_apply_operation_finish (KdccSource          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The blocking form, for worker threads. */
gboolean      kdcc_source_apply_operation_sync   (KdccSource          *self,
                                                  KdccOperation       *operation,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* Blocks; call it on a worker thread. *VALUE receives the value in force
 * (see read_back above), NULL when unset. */
gboolean      kdcc_source_read_back_sync         (KdccSource          *self,
                                                  KdccOperation       *operation,
                                                  char               **value,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

G_END_DECLS
