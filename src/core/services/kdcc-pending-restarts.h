/* kdcc-pending-restarts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-cluster.h"
#include "kdcc-config-catalog.h"
#include "kdcc-job.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* How the daemons are run, which decides the restart command. */
typedef enum
{
  KDCC_DEPLOYMENT_PACKAGES,  /* systemd units from the distribution's packages */
  KDCC_DEPLOYMENT_CEPHADM,   /* `ceph orch daemon restart` */
  KDCC_DEPLOYMENT_ROOK,      /* the daemon's Kubernetes deployment */
} KdccDeployment;

#define KDCC_TYPE_RESTART_ITEM (kdcc_restart_item_get_type ())

G_DECLARE_FINAL_TYPE (KdccRestartItem, kdcc_restart_item, KDCC, RESTART_ITEM, GObject)

/* One daemon that runs another value than the one stored for it, for an
 * option that only a restart applies. Properties (read-only): daemon
 * ("osd.1"), daemon-type ("osd"), daemon-id ("1"), host (its failure
 * domain; "" when unknown); notify on change: options (GStrv, the options
 * behind it, sorted), details (one line per option: "name: running →
 * stored"). */
const char          *kdcc_restart_item_get_daemon      (KdccRestartItem *self);
const char          *kdcc_restart_item_get_daemon_type (KdccRestartItem *self);
const char          *kdcc_restart_item_get_daemon_id   (KdccRestartItem *self);
const char          *kdcc_restart_item_get_host        (KdccRestartItem *self);
const char * const  *kdcc_restart_item_get_options     (KdccRestartItem *self);
const char          *kdcc_restart_item_get_details     (KdccRestartItem *self);
/* `ceph osd ok-to-stop 1`, `ceph mon ok-to-stop a`, or NULL (no check
 * exists for this type: mgr, mds, ...). */
char                *kdcc_restart_item_dup_ok_to_stop_command (KdccRestartItem *self);
/* The command that restarts the daemon: TEMPLATE with {type}, {id} and
 * {host} replaced when not NULL, otherwise the deployment's own:
 * `systemctl restart ceph-osd@1`, `ceph orch daemon restart osd.1`, or
 * for Rook `kubectl -n rook-ceph rollout restart deployment/rook-ceph-osd-1`
 * (named here, run by the Kubernetes integration later). */
char                *kdcc_restart_item_dup_restart_command    (KdccRestartItem *self,
                                                               KdccDeployment   deployment,
                                                               const char      *template);

#define KDCC_TYPE_PENDING_RESTARTS (kdcc_pending_restarts_get_type ())

G_DECLARE_FINAL_TYPE (KdccPendingRestarts, kdcc_pending_restarts, KDCC, PENDING_RESTARTS, GObject)

/* The daemons that need a restart (a GListModel of KdccRestartItem, by
 * host then daemon), found by comparing what each daemon runs (`config
 * show WHO`, from the mgr) with what is stored for it (`config get WHO`,
 * from the mon) for the options that cannot change at runtime; so changes
 * made outside KDCC count too, and a daemon leaves the list by itself
 * once it runs the stored value. Needs raw mon and mgr commands
 * (librados); KDCC_ERROR_NOT_SUPPORTED otherwise. Property: n-items. */
KdccPendingRestarts *kdcc_pending_restarts_new          (void);
/* Checks every daemon CLUSTER knows (OSDs, mons, the active mgr).
 * Blocking, owner thread. Items of daemons still pending keep their
 * identity. */
gboolean             kdcc_pending_restarts_refresh_sync (KdccPendingRestarts *self,
                                                         KdccSource          *source,
                                                         KdccCluster         *cluster,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
void                 kdcc_pending_restarts_refresh_async (KdccPendingRestarts *self,
                                                          KdccSource          *source,
                                                          KdccCluster         *cluster,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean             kdcc_pending_restarts_refresh_finish (KdccPendingRestarts *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Transfer none; NULL when DAEMON needs no restart. */
KdccRestartItem     *kdcc_pending_restarts_lookup       (KdccPendingRestarts *self,
                                                         const char          *daemon);

/* The restart plan: the failure domains (hosts) in order, one at a time,
 * each a GPtrArray of KdccRestartItem; restart the daemons of one domain,
 * each after its ok-to-stop check passed, wait for health, then the next. */
GPtrArray           *kdcc_pending_restarts_dup_plan     (KdccPendingRestarts *self);

/* Runs the item's ok-to-stop check (blocking). TRUE: safe to stop;
 * FALSE with *REASON (Ceph's message) when it is not; FALSE with ERROR
 * when the check could not run. Types without a check are always safe. */
gboolean             kdcc_restart_item_ok_to_stop_sync  (KdccRestartItem     *self,
                                                         KdccSource          *source,
                                                         char               **reason,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
/* The same on a worker thread: TRUE safe, FALSE with *REASON refused,
 * FALSE with ERROR not checked. */
void                 kdcc_restart_item_ok_to_stop_async  (KdccRestartItem    *self,
                                                          KdccSource         *source,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
gboolean             kdcc_restart_item_ok_to_stop_finish (KdccRestartItem    *self,
                                                          GAsyncResult       *result,
                                                          char              **reason,
                                                          GError            **error);
/* cephadm when the orchestrator answers with that backend, Rook with
 * that one, packages otherwise. Blocking. */
KdccDeployment       kdcc_deployment_detect_sync        (KdccSource          *source,
                                                         GCancellable        *cancellable);
const char          *kdcc_deployment_to_string          (KdccDeployment       deployment);

/* The per-cluster restart command template ("ssh {host} systemctl restart
 * ceph-{type}@{id}"), kept in $XDG_CONFIG_HOME/kdcc/restart.ini; NULL when
 * none is set. Setting NULL removes it. */
char                *kdcc_restart_template_load         (const char          *fsid);
gboolean             kdcc_restart_template_save         (const char          *fsid,
                                                         const char          *template,
                                                         GError             **error);
/* Runs the template for ITEM without a shell (the words are split first,
 * the placeholders replaced inside them) and waits. Fails with the
 * command's standard error when it exits non-zero. */
gboolean             kdcc_restart_item_run_template_sync (KdccRestartItem    *self,
                                                          const char         *template,
                                                          GCancellable       *cancellable,
                                                          GError            **error);

/* Carries out the plan with TEMPLATE (required: KDCC runs only what the
 * admin configured), as one job: one failure domain after the other, each
 * daemon only once its ok-to-stop check passes (retried for up to
 * WAIT_SECONDS while the cluster recovers from the previous restart).
 * Stops at the first refusal or failed command; the job's error says
 * which daemon and why. Refresh the list afterwards to see the flags
 * clear. The caller adds the job to its job manager. */
KdccJob             *kdcc_pending_restarts_run_plan     (KdccPendingRestarts *self,
                                                         KdccSource          *source,
                                                         const char          *template,
                                                         guint                wait_seconds);

G_END_DECLS
