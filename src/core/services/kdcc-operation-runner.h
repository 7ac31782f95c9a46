/* kdcc-operation-runner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kdcc-operation.h"
#include "kdcc-source.h"

G_BEGIN_DECLS

/* What became of one operation. */
typedef enum
{
  KDCC_OPERATION_OUTCOME_VERIFIED,    /* applied, and the read back shows it */
  KDCC_OPERATION_OUTCOME_DIFFERS,     /* applied, but the read back shows another value */
  KDCC_OPERATION_OUTCOME_UNVERIFIED,  /* applied; the read back failed or is not possible */
  KDCC_OPERATION_OUTCOME_FAILED,      /* not applied: invalid, refused, or unreachable */
} KdccOperationOutcome;

#define KDCC_TYPE_OPERATION_RESULT (kdcc_operation_result_get_type ())

typedef struct _KdccOperationResult KdccOperationResult;

GType                 kdcc_operation_result_get_type            (void) G_GNUC_CONST;
KdccOperationResult  *kdcc_operation_result_ref                 (KdccOperationResult *self);
void                  kdcc_operation_result_unref               (KdccOperationResult *self);
KdccOperation        *kdcc_operation_result_get_operation       (KdccOperationResult *self);
KdccOperationOutcome  kdcc_operation_result_get_outcome         (KdccOperationResult *self);
/* TRUE when the operation is in force (VERIFIED) or at least was applied
 * (DIFFERS, UNVERIFIED). */
gboolean              kdcc_operation_result_was_applied         (KdccOperationResult *self);
/* The value before the change, as read back (NULL: unset); only
 * meaningful when has_previous_value is TRUE. */
gboolean              kdcc_operation_result_has_previous_value  (KdccOperationResult *self);
const char           *kdcc_operation_result_get_previous_value  (KdccOperationResult *self);
const char           *kdcc_operation_result_get_expected_value  (KdccOperationResult *self);
/* The value read back after the change; NULL when unset or not read. */
const char           *kdcc_operation_result_get_read_back_value (KdccOperationResult *self);
/* FAILED: why; UNVERIFIED: why the read back failed; NULL otherwise. */
const GError         *kdcc_operation_result_get_error           (KdccOperationResult *self);
/* The operation that undoes this one (kdcc_operation_new_inverse), or
 * NULL when nothing was applied, the previous value is unknown, or there
 * is nothing to undo. */
KdccOperation        *kdcc_operation_result_dup_inverse         (KdccOperationResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KdccOperationResult, kdcc_operation_result_unref)

#define KDCC_TYPE_OPERATION_RUNNER (kdcc_operation_runner_get_type ())

G_DECLARE_FINAL_TYPE (KdccOperationRunner, kdcc_operation_runner, KDCC, OPERATION_RUNNER, GObject)

/* Runs operations against one source: validate, check the source can do
 * it, read the current value (for undo), apply, then read back and
 * compare. Widgets and the CLI change a cluster only through a service
 * like this one; the staging area and the audit log wrap it. */
KdccOperationRunner  *kdcc_operation_runner_new         (KdccSource           *source);
KdccSource           *kdcc_operation_runner_get_source  (KdccOperationRunner  *self);

/* Every failure, cancellation included, ends up in the result; a result
 * always comes back. Cancelling after the change was applied still
 * reports it as applied (UNVERIFIED). */
void                  kdcc_operation_runner_run_async   (KdccOperationRunner  *self,
                                                         KdccOperation        *operation,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
KdccOperationResult  *kdcc_operation_runner_run_finish  (KdccOperationRunner  *self,
                                                         GAsyncResult         *result);
/* The same, blocking: for a job that applies a batch on a worker thread. */
KdccOperationResult  *kdcc_operation_runner_run_sync    (KdccOperationRunner  *self,
                                                         KdccOperation        *operation,
                                                         GCancellable         *cancellable);

G_END_DECLS
