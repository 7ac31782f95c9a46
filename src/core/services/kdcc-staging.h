/* kdcc-staging.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kdcc-audit-log.h"
#include "kdcc-job.h"
#include "kdcc-operation-runner.h"
#include "kdcc-operation.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* Where a staged change stands. */
typedef enum
{
  KDCC_STAGED_PENDING,     /* waiting to be applied */
  KDCC_STAGED_VERIFIED,    /* applied, read back as expected */
  KDCC_STAGED_DIFFERS,     /* applied, read back another value */
  KDCC_STAGED_UNVERIFIED,  /* applied, could not be read back */
  KDCC_STAGED_FAILED,      /* refused or not reached: nothing changed */
  KDCC_STAGED_ROLLED_BACK, /* applied, then undone */
} KdccStagedState;

const char *kdcc_staged_state_to_string (KdccStagedState state);

#define KDCC_TYPE_STAGED_CHANGE (kdcc_staged_change_get_type ())

G_DECLARE_FINAL_TYPE (KdccStagedChange, kdcc_staged_change, KDCC, STAGED_CHANGE, GObject)

/* One change waiting in the staging area, or one of an applied batch.
 * Properties (read-only): operation, target, cli (the exact shell
 * command), old-value (the value in force when it was staged; NULL:
 * unset), new-value (what it will read back), apply-mode
 * (KdccApplyMode as int), restart-who (the daemons that must restart:
 * "osd", "osd.3", "global" for all; NULL when none), risk (KdccRisk as
 * int), risk-reason, confirmation (the reason the user gave for a risky
 * change), staged-at (GDateTime). These notify on change: drifted (the
 * value on the cluster moved away from old-value since staging),
 * current-value (the value found by the last drift check), state
 * (KdccStagedState as int), message (why it failed, or what it read back). */
KdccOperation  *kdcc_staged_change_get_operation     (KdccStagedChange *self);
const char     *kdcc_staged_change_get_cli           (KdccStagedChange *self);
const char     *kdcc_staged_change_get_old_value     (KdccStagedChange *self);
const char     *kdcc_staged_change_get_new_value     (KdccStagedChange *self);
const char     *kdcc_staged_change_get_restart_who   (KdccStagedChange *self);
gboolean        kdcc_staged_change_needs_restart     (KdccStagedChange *self);
const char     *kdcc_staged_change_get_confirmation  (KdccStagedChange *self);
gboolean        kdcc_staged_change_get_drifted       (KdccStagedChange *self);
const char     *kdcc_staged_change_get_current_value (KdccStagedChange *self);
KdccStagedState kdcc_staged_change_get_state         (KdccStagedChange *self);
const char     *kdcc_staged_change_get_message       (KdccStagedChange *self);
/* The way back, once applied (NULL when there is nothing to undo). */
KdccOperation  *kdcc_staged_change_get_inverse       (KdccStagedChange *self);

#define KDCC_TYPE_STAGING (kdcc_staging_get_type ())

G_DECLARE_FINAL_TYPE (KdccStaging, kdcc_staging, KDCC, STAGING, GObject)

/* The staging area of one cluster (by fsid): a GListModel of
 * KdccStagedChange in the order they will be applied, persisted as JSON
 * in $XDG_DATA_HOME/kdcc/staging/FSID.json (written atomically after every
 * change, shared by the app and kdcc-cli), plus the last applied batch
 * (kdcc_staging_get_last_batch), kept so it can be rolled back later.
 *
 * Properties: fsid, path, n-items, n-drifted, has-last-batch (notify on
 * change). All calls on the thread that created it, except the work the
 * apply and rollback jobs do on their worker. */
KdccStaging  *kdcc_staging_new            (const char     *fsid,
                                           const char     *path);
char         *kdcc_staging_default_path   (const char     *fsid);
const char   *kdcc_staging_get_fsid       (KdccStaging    *self);
const char   *kdcc_staging_get_path       (KdccStaging    *self);
/* A missing file is an empty staging area. A file of another fsid is
 * refused (KDCC_ERROR_INVALID_INPUT). */
gboolean      kdcc_staging_load           (KdccStaging    *self,
                                           GError        **error);
gboolean      kdcc_staging_save           (KdccStaging    *self,
                                           GError        **error);

/* Stages OPERATION, which the caller has checked already
 * (kdcc_config_catalog_check_operation). Reads the value in force now
 * through SOURCE (blocking; the old value shown and used for drift).
 * A change of risk above LOW needs CONFIRMATION, a non-empty reason the
 * user gave; without it this fails with KDCC_ERROR_INVALID_INPUT naming the
 * risk. Saves. */
KdccStagedChange *kdcc_staging_add_sync   (KdccStaging    *self,
                                           KdccSource     *source,
                                           KdccOperation  *operation,
                                           const char     *confirmation,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* The same, reading the old value on a worker thread. */
void          kdcc_staging_add_async      (KdccStaging    *self,
                                           KdccSource     *source,
                                           KdccOperation  *operation,
                                           const char     *confirmation,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
KdccStagedChange *kdcc_staging_add_finish (KdccStaging    *self,
                                           GAsyncResult   *result,
                                           GError        **error);
/* Each saves; FALSE (with ERROR) when the file could not be written or
 * the position is out of range. */
gboolean      kdcc_staging_drop           (KdccStaging    *self,
                                           guint           position,
                                           GError        **error);
gboolean      kdcc_staging_move           (KdccStaging    *self,
                                           guint           from,
                                           guint           to,
                                           GError        **error);
gboolean      kdcc_staging_discard        (KdccStaging    *self,
                                           GError        **error);

/* The pending changes as a POSIX shell script that does the same
 * (`set -e`, one CLI equivalent a line, a comment for each restart). */
char         *kdcc_staging_dup_script     (KdccStaging    *self);
/* The staging area and last batch as JSON (what is saved). */
char         *kdcc_staging_to_json        (KdccStaging    *self);

/* Reads the value in force for every pending change (blocking) and sets
 * each one's drifted/current-value. Returns the number drifted, or -1 with
 * ERROR when the cluster could not be read. */
int           kdcc_staging_check_drift_sync (KdccStaging  *self,
                                           KdccSource     *source,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* The same, reading on a worker thread; the changes are updated when it
 * finishes, on the owner thread. */
void          kdcc_staging_check_drift_async (KdccStaging *self,
                                           KdccSource     *source,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
int           kdcc_staging_check_drift_finish (KdccStaging *self,
                                           GAsyncResult   *result,
                                           GError        **error);
guint         kdcc_staging_get_n_drifted  (KdccStaging    *self);

typedef enum /*< flags >*/
{
  KDCC_STAGING_APPLY_NONE        = 0,
  /* Apply even when a change's old value moved on the cluster. */
  KDCC_STAGING_APPLY_ALLOW_DRIFT = 1 << 0,
} KdccStagingApplyFlags;

/* Applies the pending changes at POSITIONS (NULL: all), in list order, as
 * one job: refuses at once (nothing applied) when CLUSTER_FSID is not the
 * staging area's fsid or, unless ALLOW_DRIFT, when a change drifted; then
 * each through a KdccOperationRunner (validate, apply, read back), stopping
 * at the first that fails or reads back another value. Each applied (or
 * refused) change is written to AUDIT (nullable) with CONNECTION. When the
 * job ends, the applied changes have left the list and form the last
 * batch; the failed one stays pending with state FAILED and its message.
 * The job succeeds (its result the batch, a GListModel of
 * KdccStagedChange) when every change was applied, and fails with the
 * first failure's message otherwise. The caller adds the job to its job
 * manager. */
KdccJob      *kdcc_staging_apply          (KdccStaging    *self,
                                           KdccSource     *source,
                                           const char     *cluster_fsid,
                                           const guint    *positions,
                                           guint           n_positions,
                                           KdccStagingApplyFlags flags,
                                           KdccAuditLog   *audit,
                                           const char     *connection);
/* The last applied batch (a GListModel of KdccStagedChange, each with its
 * state and inverse), or NULL. */
GListModel   *kdcc_staging_get_last_batch (KdccStaging    *self);
/* Undoes the last batch, newest change first (previous values restored,
 * added ones removed), as one job, audited as "rollback"; stops at the
 * first failure. On success the batch is forgotten. */
KdccJob      *kdcc_staging_rollback       (KdccStaging    *self,
                                           KdccSource     *source,
                                           const char     *cluster_fsid,
                                           KdccAuditLog   *audit,
                                           const char     *connection);

/* Serialization of one operation (kind, target, key, value, ... and its
 * apply mode), as stored in the staging file. */
JsonNode       *kdcc_operation_to_json_node   (KdccOperation *operation);
KdccOperation  *kdcc_operation_new_from_json  (JsonNode      *node);

G_END_DECLS
